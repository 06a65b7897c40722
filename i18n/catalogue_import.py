"""Catalogue entries of the plan import (merged into i18n.catalogue.MESSAGES)."""

from __future__ import annotations

MESSAGES_IMPORT: dict[str, dict[str, str]] = {
    "import.at_row": {"vi": "Dòng {row}", "en": "Row {row}"},
    "import.at_cell": {"vi": "Dòng {row}, cột «{column}»", "en": "Row {row}, column “{column}”"},
    "import.col.number": {"vi": "STT", "en": "No."},
    "import.col.title": {"vi": "Nội dung nhiệm vụ", "en": "Task"},
    "import.col.lead": {"vi": "Cơ quan chủ trì", "en": "Lead agency"},
    "import.col.coordinators": {"vi": "Cơ quan phối hợp", "en": "Coordinating agencies"},
    "import.col.time_frame": {"vi": "Thời gian thực hiện", "en": "Time frame"},
    "import.col.output": {"vi": "Sản phẩm", "en": "Output"},
    "import.col.note": {"vi": "Ghi chú", "en": "Note"},
    "import.refused": {
        "vi": "Chưa nhập được: tệp còn {n} lỗi. Sửa các lỗi trong danh sách rồi nhập lại; chưa có gì được ghi.",
        "en": "Not imported: the file has {n} problems. Fix them and try again; nothing was written.",
    },
    "import.error.too_big": {
        "vi": "Tệp quá lớn (tối đa {mb} MB).",
        "en": "The file is too large (at most {mb} MB).",
    },
    "import.error.xls": {
        "vi": "Đây là tệp Excel 97-2003 (.xls), hệ thống chưa đọc được. Hãy mở tệp trong Excel và lưu lại dưới "
        "dạng .xlsx (Excel Workbook).",
        "en": "This is an Excel 97-2003 file (.xls). Open it in Excel and save it as .xlsx (Excel Workbook).",
    },
    "import.error.not_xlsx": {
        "vi": "Tệp «{name}» không phải tệp Excel .xlsx (có thể là tệp CSV hoặc tệp khác đã đổi đuôi). Hãy lưu "
        "phụ lục dưới dạng .xlsx rồi tải lên lại.",
        "en": "“{name}” is not an .xlsx Excel file (perhaps a CSV or another file renamed). Save the appendix "
        "as .xlsx and upload it again.",
    },
    "import.error.unreadable": {
        "vi": "Không đọc được tệp «{name}»: tệp bị hỏng hoặc có mật khẩu.",
        "en": "“{name}” cannot be read: the file is damaged or protected by a password.",
    },
    "import.error.too_many_rows": {
        "vi": "Tệp có quá nhiều dòng (tối đa {max} dòng).",
        "en": "The file has too many rows (at most {max}).",
    },
    "import.error.no_header": {
        "vi": "Không tìm thấy dòng tiêu đề của bảng: cần các cột STT, Nội dung (nhiệm vụ), Cơ quan chủ trì và "
        "Thời gian thực hiện (hoặc tên tương đương).",
        "en": "No header row found: the table needs the columns STT, Nội dung (task), Cơ quan chủ trì (lead "
        "agency) and Thời gian thực hiện (time frame), or their usual variants.",
    },
    "import.error.section": {
        "vi": "mục «{name}» không thuộc lĩnh vực nào trong sáu lĩnh vực của kế hoạch.",
        "en": "the section “{name}” matches none of the plan's six categories.",
    },
    "import.error.no_section": {
        "vi": "nhiệm vụ nằm trước mục (I, II, …) đầu tiên nên chưa biết thuộc lĩnh vực nào.",
        "en": "the task comes before the first section (I, II, …), so its category is unknown.",
    },
    "import.error.no_title": {"vi": "thiếu nội dung nhiệm vụ.", "en": "the task has no text."},
    "import.error.no_number": {"vi": "thiếu số thứ tự.", "en": "the task has no number."},
    "import.error.duplicate": {
        "vi": "số thứ tự {number} trùng với dòng {first}.",
        "en": "number {number} is already used on row {first}.",
    },
    "import.error.number_long": {"vi": "số thứ tự «{number}» quá dài.", "en": "the number “{number}” is too long."},
    "import.error.time_frame": {
        "vi": "không hiểu thời gian «{text}» (ví dụ hợp lệ: Quý IV/2025, Tháng 6/2025, Năm 2025, 2024-2025, "
        "Hàng năm, Thường xuyên, 30/6/2025).",
        "en": "the time frame “{text}” is not understood (e.g. Quý IV/2025, Tháng 6/2025, Năm 2025, 2024-2025, "
        "Hàng năm, Thường xuyên, 30/6/2025).",
    },
    "import.error.unknown_agency": {
        "vi": "chưa có cơ quan «{name}» trong hệ thống (tạo mới hoặc chọn cơ quan tương ứng).",
        "en": "no agency “{name}” yet (create it or map it to an existing one).",
    },
    "import.error.no_lead": {"vi": "thiếu cơ quan chủ trì.", "en": "the lead agency is missing."},
    "import.error.no_tasks": {"vi": "Không có nhiệm vụ nào trong bảng.", "en": "The table has no task."},
    "import.error.plan_code": {
        "vi": "Hãy nhập số hiệu kế hoạch (tối đa 60 ký tự), ví dụ 55/KH-UBND.",
        "en": "Enter the plan's reference (at most 60 characters), e.g. 55/KH-UBND.",
    },
    "import.notice.group": {
        "vi": "dòng «{name}» không có cơ quan chủ trì và thời gian: coi là tiêu đề nhóm, không nhập.",
        "en": "the row “{name}” has no lead agency and no time frame: read as a group heading, not imported.",
    },
    "import.notice.several_leads": {
        "vi": "có nhiều cơ quan chủ trì: {name} chủ trì, các cơ quan còn lại phối hợp.",
        "en": "several lead agencies: {name} leads, the others coordinate.",
    },
    "import.notice.generic": {
        "vi": "«{name}» là cách gọi chung, không phải một cơ quan: bỏ qua.",
        "en": "“{name}” is a general phrase, not one agency: skipped.",
    },
    "import.notice.cancelled": {
        "vi": "nhiệm vụ số {number} đã bị hủy trên hệ thống: giữ trạng thái Đã hủy (nội dung vẫn được cập nhật).",
        "en": "task {number} is cancelled in the tracker: it stays cancelled (its text is updated if changed).",
    },
    "import.event_note": {"vi": "Nhập từ phụ lục kế hoạch {code}", "en": "Imported from the appendix of plan {code}"},
    "import.removed_note": {
        "vi": "Không còn trong phụ lục kế hoạch {code} khi nhập lại",
        "en": "No longer in the appendix of plan {code} when imported again",
    },
    "task.field.coordinators": {"vi": "Cơ quan phối hợp", "en": "Coordinating agencies"},
    "nav.import": {"vi": "Nhập kế hoạch", "en": "Import a plan"},
    "import.heading": {"vi": "Nhập kế hoạch từ phụ lục (Excel)", "en": "Import a plan from its appendix (Excel)"},
    "import.intro": {
        "vi": "Tải lên phụ lục nhiệm vụ của kế hoạch (.xlsx). Hệ thống đọc bảng, cho xem trước và chỉ ghi khi "
        "không còn lỗi nào; nhập lại cùng số hiệu kế hoạch sẽ cập nhật, giữ nguyên trạng thái và lịch sử.",
        "en": "Upload the plan's appendix of tasks (.xlsx). The tracker reads the table, shows a preview and "
        "writes only when nothing is wrong; importing the same plan reference again updates it, keeping "
        "statuses and history.",
    },
    "import.template": {"vi": "Tải tệp mẫu", "en": "Download the template"},
    "import.export": {"vi": "Xuất kế hoạch hiện tại (.xlsx)", "en": "Export the current plan (.xlsx)"},
    "import.drop": {"vi": "Kéo thả tệp .xlsx vào đây, hoặc", "en": "Drop an .xlsx file here, or"},
    "import.choose": {"vi": "chọn tệp", "en": "choose a file"},
    "import.file": {"vi": "Tệp: {name}", "en": "File: {name}"},
    "import.plan_code": {"vi": "Số hiệu kế hoạch", "en": "Plan reference"},
    "import.plan_title": {"vi": "Tên kế hoạch", "en": "Plan title"},
    "import.create_agencies": {
        "vi": "Tạo mới mọi cơ quan chưa có trong hệ thống",
        "en": "Create every agency the tracker does not know yet",
    },
    "import.confirm": {"vi": "Xác nhận nhập", "en": "Confirm the import"},
    "import.empty": {
        "vi": "Chưa có tệp nào. Tải tệp mẫu để xem bố cục bảng được chấp nhận.",
        "en": "No file yet. Download the template to see the accepted layout.",
    },
    "import.no_file": {"vi": "Hãy chọn tệp phụ lục trước.", "en": "Choose the appendix file first."},
    "import.problems": {
        "vi": "{n} lỗi cần sửa trước khi nhập (chưa có gì được ghi):",
        "en": "{n} problems to fix before importing (nothing was written):",
    },
    "import.ready": {
        "vi": "Đọc được {n} nhiệm vụ, không có lỗi. Kiểm tra rồi bấm «Xác nhận nhập».",
        "en": "{n} tasks read, no problems. Check them, then press “Confirm the import”.",
    },
    "import.notices": {"vi": "{n} ghi chú khi đọc tệp", "en": "{n} notes from reading the file"},
    "import.count": {"vi": "Số nhiệm vụ", "en": "Tasks"},
    "import.update": {
        "vi": "Kế hoạch đã có: nhập lại sẽ cập nhật theo số thứ tự nhiệm vụ.",
        "en": "The plan exists: importing updates it by task number.",
    },
    "import.diff.added": {"vi": "Thêm {n} nhiệm vụ: {numbers}", "en": "{n} tasks added: {numbers}"},
    "import.diff.changed": {"vi": "Sửa {n} nhiệm vụ: {numbers}", "en": "{n} tasks changed: {numbers}"},
    "import.diff.removed": {
        "vi": "{n} nhiệm vụ không còn trong phụ lục (sẽ chuyển sang Đã hủy nếu chưa hoàn thành): {numbers}",
        "en": "{n} tasks no longer in the appendix (cancelled unless done): {numbers}",
    },
    "import.table.row": {"vi": "Dòng", "en": "Row"},
    "import.table.number": {"vi": "STT", "en": "No."},
    "import.table.title": {"vi": "Nội dung nhiệm vụ", "en": "Task"},
    "import.table.category": {"vi": "Lĩnh vực", "en": "Category"},
    "import.table.lead": {"vi": "Cơ quan chủ trì", "en": "Lead agency"},
    "import.table.time_frame": {"vi": "Thời gian", "en": "Time frame"},
    "import.table.due": {"vi": "Hạn", "en": "Deadline"},
    "import.unknown_heading": {"vi": "Cơ quan chưa có trong hệ thống", "en": "Agencies not known yet"},
    "import.unknown_hint": {
        "vi": "Chọn cơ quan tương ứng đã có, hoặc «Tạo mới» cho từng tên.",
        "en": "Map each name to an existing agency, or choose “Create”.",
    },
    "import.unknown.name": {"vi": "Tên trong tệp", "en": "Name in the file"},
    "import.unknown.rows": {"vi": "Dòng", "en": "Rows"},
    "import.unknown.action": {"vi": "Xử lý", "en": "Action"},
    "import.map_new": {"vi": "Tạo mới cơ quan này", "en": "Create this agency"},
    "import.map_pick": {"vi": "Chọn…", "en": "Choose…"},
    "import.done": {
        "vi": "Đã nhập kế hoạch {code}: thêm {created}, cập nhật {updated}, hủy {cancelled} nhiệm vụ; tạo {agencies} "
        "cơ quan mới.",
        "en": "Plan {code} imported: {created} added, {updated} updated, {cancelled} cancelled; {agencies} "
        "agencies created.",
    },
}
