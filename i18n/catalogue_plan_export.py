"""Catalogue entries of the plan's appendix workbook and its template (merged into MESSAGES)."""

from __future__ import annotations

MESSAGES_PLAN_EXPORT: dict[str, dict[str, str]] = {
    # --- the appendix sheet (the column names stay the Vietnamese ones the import reads; English in brackets)
    "plan_export.sheet.appendix": {"vi": "Phụ lục", "en": "Appendix"},
    "plan_export.sheet.guide": {"vi": "Hướng dẫn", "en": "Guide"},
    "plan_export.heading": {
        "vi": "PHỤ LỤC: DANH MỤC NHIỆM VỤ KẾ HOẠCH SỐ {code}",
        "en": "APPENDIX: TASKS OF PLAN {code}",
    },
    "plan_export.col.number": {"vi": "STT", "en": "STT (No.)"},
    "plan_export.col.title": {"vi": "Nội dung nhiệm vụ", "en": "Nội dung nhiệm vụ (Task)"},
    "plan_export.col.lead": {"vi": "Cơ quan chủ trì", "en": "Cơ quan chủ trì (Lead agency)"},
    "plan_export.col.coordinators": {
        "vi": "Cơ quan phối hợp",
        "en": "Cơ quan phối hợp (Coordinating agencies)",
    },
    "plan_export.col.time_frame": {"vi": "Thời gian thực hiện", "en": "Thời gian thực hiện (Time frame)"},
    "plan_export.col.output": {"vi": "Sản phẩm", "en": "Sản phẩm (Output)"},
    "plan_export.col.note": {"vi": "Ghi chú", "en": "Ghi chú (Note)"},
    # --- the template
    "plan_export.template.heading": {
        "vi": "PHỤ LỤC: DANH MỤC NHIỆM VỤ",
        "en": "APPENDIX: LIST OF TASKS",
    },
    "plan_export.template.subheading": {
        "vi": "(Kèm theo Kế hoạch số …/KH-UBND ngày … tháng … năm … của Ủy ban nhân dân tỉnh)",
        "en": "(Attached to Plan No. …/KH-UBND of … issued by the provincial People's Committee)",
    },
    "plan_export.template.example_title": {
        "vi": "Tuyên truyền, nâng cao nhận thức về chuyển đổi số trên báo chí và mạng xã hội "
        "(nhiệm vụ ví dụ: thay bằng nhiệm vụ của kế hoạch)",
        "en": "Raise awareness of digital transformation in the press and on social media "
        "(an example task: replace it with the plan's tasks)",
    },
    "plan_export.template.example_output": {
        "vi": "Tin, bài, chuyên mục tuyên truyền được đăng tải",
        "en": "News items, articles and columns published",
    },
    # --- the guide sheet
    "plan_export.guide.heading": {"vi": "Hướng dẫn điền phụ lục nhiệm vụ", "en": "How to fill in the appendix"},
    "plan_export.guide.intro": {
        "vi": "Hệ thống đọc trang tính đầu tiên: tìm dòng tiêu đề của bảng (ở bất kỳ dòng, cột nào trong 40 dòng "
        "đầu), rồi đọc các dòng mục (I, II, …) và các dòng nhiệm vụ bên dưới. Dòng trống và dòng số cột (1) (2) "
        "(3) được bỏ qua; bảng kết thúc ở phần «Nơi nhận:», «TM. ỦY BAN NHÂN DÂN». Ô công thức chỉ được đọc giá "
        "trị đã lưu, không bao giờ được tính lại.",
        "en": "The tracker reads the first worksheet: it finds the table's header row (any row or column within "
        "the first 40 rows), then the section rows (I, II, …) and the task rows under them. Blank rows and the "
        "(1) (2) (3) column-number row are skipped; the table ends at «Nơi nhận:» or «TM. ỦY BAN NHÂN DÂN». "
        "Formula cells are read as their stored value, never calculated.",
    },
    "plan_export.guide.columns": {"vi": "Các cột của bảng", "en": "The table's columns"},
    "plan_export.guide.col.column": {"vi": "Cột", "en": "Column"},
    "plan_export.guide.col.names": {
        "vi": "Các tên cột được nhận (không phân biệt hoa thường, có dấu hay không)",
        "en": "Header names accepted (case and accents ignored)",
    },
    "plan_export.guide.col.required": {"vi": "Bắt buộc", "en": "Required"},
    "plan_export.guide.yes": {"vi": "có", "en": "yes"},
    "plan_export.guide.no": {"vi": "không", "en": "no"},
    "plan_export.guide.sections": {"vi": "Tên mục (lĩnh vực)", "en": "Section names (categories)"},
    "plan_export.guide.sections_hint": {
        "vi": "Dòng mục ghi số La Mã (I, II, …) hoặc chữ cái (A, B, …) và tên lĩnh vực, trong một ô "
        "(«I. CHUYỂN ĐỔI NHẬN THỨC») hoặc hai ô liền nhau («IV» | «Phát triển nền tảng số»). Lĩnh vực được nhận "
        "theo từ khóa trong tên mục.",
        "en": "A section row has a Roman numeral (I, II, …) or a letter (A, B, …) and the category's name, in "
        "one cell («I. CHUYỂN ĐỔI NHẬN THỨC») or in two («IV» | «Phát triển nền tảng số»). The category is "
        "recognised by a keyword in the name.",
    },
    "plan_export.guide.col.section": {"vi": "Tên mục", "en": "Section name"},
    "plan_export.guide.col.keywords": {
        "vi": "Từ khóa được nhận (không dấu)",
        "en": "Keywords recognised (without accents)",
    },
    "plan_export.guide.time_frames": {
        "vi": "Cách ghi thời gian thực hiện",
        "en": "How to write the time frame",
    },
    "plan_export.guide.col.phrase": {"vi": "Cách ghi", "en": "As written"},
    "plan_export.guide.col.meaning": {"vi": "Hệ thống hiểu là", "en": "Read as"},
    "plan_export.tf.quarter": {"vi": "ngày cuối quý: hạn {due}", "en": "the quarter's last day: due {due}"},
    "plan_export.tf.month": {"vi": "ngày cuối tháng: hạn {due}", "en": "the month's last day: due {due}"},
    "plan_export.tf.year": {"vi": "ngày cuối năm: hạn {due}", "en": "the year's last day: due {due}"},
    "plan_export.tf.span": {
        "vi": "cả giai đoạn: bắt đầu {start}, hạn {due}",
        "en": "the whole period: from {start}, due {due}",
    },
    "plan_export.tf.date": {"vi": "đúng ngày ghi: hạn {due}", "en": "the date written: due {due}"},
    "plan_export.tf.excel_date": {
        "vi": "ô kiểu ngày của Excel: hạn đúng ngày đó",
        "en": "an Excel date cell: due on that day",
    },
    "plan_export.tf.yearly": {"vi": "hằng năm: hạn 31/12 mỗi năm", "en": "every year: due 31/12 each year"},
    "plan_export.tf.yearly_day": {"vi": "hằng năm: hạn {day} mỗi năm", "en": "every year: due {day} each year"},
    "plan_export.tf.ongoing": {"vi": "thường xuyên: không có hạn", "en": "ongoing: no deadline"},
    "plan_export.guide.agencies": {"vi": "Cơ quan chủ trì, phối hợp", "en": "Lead and coordinating agencies"},
    "plan_export.guide.agencies_hint": {
        "vi": "Ghi tên đầy đủ, tên viết tắt hoặc tên gọi khác của cơ quan đã có trong hệ thống; nhiều cơ quan "
        "cách nhau bằng dấu chấm phẩy, dấu phẩy hoặc xuống dòng. Nếu ô chủ trì có nhiều cơ quan, cơ quan đầu tiên "
        "chủ trì, các cơ quan còn lại phối hợp. Cách gọi chung như «Các sở, ban, ngành» được bỏ qua.",
        "en": "Write the agency's full name, short name or another name the tracker knows; separate several "
        "agencies with semicolons, commas or line breaks. When the lead cell names several agencies, the first "
        "leads and the others coordinate. General phrases such as «Các sở, ban, ngành» are skipped.",
    },
}
