"""Catalogue entries of the task detail page (merged into i18n.catalogue.MESSAGES)."""

from __future__ import annotations

MESSAGES_TASK: dict[str, dict[str, str]] = {
    # --- the page
    "task.plan": {"vi": "Kế hoạch {code}", "en": "Plan {code}"},
    "task.number": {"vi": "Nhiệm vụ số {number}", "en": "Task no. {number}"},
    "task.breadcrumb": {"vi": "Đường dẫn", "en": "Breadcrumb"},
    "task.load_error": {
        "vi": "Không tải được nhiệm vụ. Vui lòng thử lại sau ít phút.",
        "en": "The task could not be loaded. Please try again in a few minutes.",
    },
    "task.facts": {"vi": "Thông tin nhiệm vụ", "en": "Task details"},
    "task.coordinators": {"vi": "Cơ quan phối hợp", "en": "Coordinating agencies"},
    "task.progress": {"vi": "Tiến độ", "en": "Progress"},
    "task.no_due": {"vi": "Không có hạn (thường xuyên)", "en": "No deadline (ongoing)"},
    "task.original_due": {"vi": "(hạn ban đầu: {date}, đã gia hạn)", "en": "(first deadline: {date}, extended)"},
    "task.actions": {"vi": "Thao tác", "en": "Actions"},
    "task.read_only": {
        "vi": "Bạn không có thao tác cập nhật nào trên nhiệm vụ này; các thay đổi do cơ quan chủ trì "
        "và Sở TT&TT thực hiện.",
        "en": "There is nothing for you to update on this task; the lead agency and the ICT department "
        "make the changes.",
    },
    "task.note_optional": {"vi": "Ghi chú (không bắt buộc)", "en": "Note (optional)"},
    "task.evidence": {"vi": "Minh chứng:", "en": "Evidence:"},
    "task.reason": {"vi": "Lý do:", "en": "Reason:"},
    "task.decision_note": {"vi": "Ý kiến xét duyệt:", "en": "Decision note:"},
    # --- fields (the facts and the history)
    "task.field.title": {"vi": "Tên nhiệm vụ", "en": "Title"},
    "task.field.description": {"vi": "Mô tả", "en": "Description"},
    "task.field.category_code": {"vi": "Nhóm nhiệm vụ", "en": "Category"},
    "task.field.lead_agency_id": {"vi": "Cơ quan chủ trì", "en": "Lead agency"},
    "task.field.start_date": {"vi": "Ngày bắt đầu", "en": "Start date"},
    "task.field.due_date": {"vi": "Hạn hoàn thành", "en": "Due date"},
    "task.field.original_due_date": {"vi": "Hạn ban đầu", "en": "First deadline"},
    "task.field.time_frame": {"vi": "Thời gian thực hiện", "en": "Time frame"},
    "task.field.recurrence": {"vi": "Tính chất", "en": "Recurrence"},
    "task.field.expected_output": {"vi": "Sản phẩm dự kiến", "en": "Expected output"},
    "task.field.status": {"vi": "Trạng thái", "en": "Status"},
    "task.field.progress": {"vi": "Tiến độ", "en": "Progress"},
    "task.field.submitted_on": {"vi": "Ngày báo cáo hoàn thành", "en": "Reported done on"},
    "task.field.completed_on": {"vi": "Ngày hoàn thành", "en": "Completed on"},
    "task.field.comment": {"vi": "Nội dung", "en": "Text"},
    "task.field.requested_due": {"vi": "Hạn đề nghị", "en": "Requested deadline"},
    # --- history
    "task.history": {"vi": "Lịch sử thay đổi (ai · khi nào · thay đổi gì)", "en": "History (who · when · what)"},
    "task.history_empty": {"vi": "Chưa có thay đổi nào được ghi lại.", "en": "No change recorded yet."},
    "task.event_note": {"vi": "Ghi chú: {note}", "en": "Note: {note}"},
    "task.event.comment": {"vi": "Ý kiến", "en": "Comment"},
    "task.event.extension_requested": {"vi": "Đề nghị gia hạn", "en": "Extension requested"},
    "task.event.extension_approved": {"vi": "Chấp thuận gia hạn", "en": "Extension approved"},
    "task.event.extension_refused": {"vi": "Không chấp thuận gia hạn", "en": "Extension refused"},
    # --- progress reports and comments
    "task.reports": {"vi": "Báo cáo tiến độ", "en": "Progress reports"},
    "task.reports_empty": {"vi": "Chưa có báo cáo tiến độ nào.", "en": "No progress report yet."},
    "task.comments": {"vi": "Ý kiến trao đổi", "en": "Comments"},
    "task.comments_empty": {"vi": "Chưa có ý kiến nào.", "en": "No comment yet."},
    # --- extension requests
    "task.extensions": {"vi": "Đề nghị gia hạn", "en": "Extension requests"},
    "task.extensions_empty": {"vi": "Chưa có đề nghị gia hạn nào.", "en": "No extension request."},
    "task.extension_to": {"vi": "Gia hạn đến {new} (hạn khi đề nghị: {old})", "en": "To {new} (deadline then: {old})"},
    "task.extension_status.pending": {"vi": "Chờ xét duyệt", "en": "Awaiting decision"},
    "task.extension_status.approved": {"vi": "Đã chấp thuận", "en": "Approved"},
    "task.extension_status.refused": {"vi": "Không chấp thuận", "en": "Refused"},
    "task.requested_by": {"vi": "Đề nghị: {who} · {at}", "en": "Asked by {who} · {at}"},
    "task.decided_by": {"vi": "Xét duyệt: {who} · {at}", "en": "Decided by {who} · {at}"},
    # --- earlier cycles of a yearly task
    "task.cycles": {"vi": "Các chu kỳ trước", "en": "Earlier cycles"},
    "task.cycle_col.due": {"vi": "Hạn", "en": "Due"},
    "task.cycle_col.done": {"vi": "Hoàn thành ngày", "en": "Done on"},
    "task.cycle_col.result": {"vi": "Kết quả", "en": "Result"},
    "task.cycle_on_time": {"vi": "Đúng hạn", "en": "On time"},
    "task.cycle_late": {"vi": "Trễ {days} ngày", "en": "{days} days late"},
    # --- change the status
    "task.move_heading": {"vi": "Cập nhật trạng thái", "en": "Change the status"},
    "task.move_choose": {"vi": "Hãy chọn thao tác trước.", "en": "Choose an action first."},
    "task.move_save": {"vi": "Xác nhận", "en": "Confirm"},
    "task.moved": {"vi": "Đã chuyển nhiệm vụ sang «{status}».", "en": "The task is now “{status}”."},
    "task.move.start": {"vi": "Bắt đầu thực hiện", "en": "Start"},
    "task.move.submit": {"vi": "Báo cáo hoàn thành", "en": "Report as done"},
    "task.move.confirm": {"vi": "Xác nhận hoàn thành", "en": "Confirm completion"},
    "task.move.return": {"vi": "Trả lại để tiếp tục thực hiện", "en": "Return for more work"},
    "task.move.cancel": {"vi": "Hủy nhiệm vụ", "en": "Cancel the task"},
    "task.move.edit_task": {"vi": "Chuyển trạng thái", "en": "Change status"},
    # --- report progress
    "task.progress_heading": {"vi": "Báo cáo tiến độ", "en": "Report progress"},
    "task.progress_value": {"vi": "Tiến độ (%; từ 0 đến 100)", "en": "Progress (%, 0 to 100)"},
    "task.progress_note": {"vi": "Nội dung báo cáo", "en": "What was done"},
    "task.progress_url": {"vi": "Đường dẫn minh chứng (không bắt buộc)", "en": "Evidence link (optional)"},
    "task.progress_url_hint": {
        "vi": "Chỉ nhận đường dẫn bắt đầu bằng http:// hoặc https://.",
        "en": "Only links starting with http:// or https://.",
    },
    "task.progress_save": {"vi": "Gửi báo cáo", "en": "Send the report"},
    "task.progress_saved": {"vi": "Đã ghi nhận báo cáo tiến độ.", "en": "Progress report recorded."},
    # --- comment
    "task.comment_label": {"vi": "Ý kiến của bạn", "en": "Your comment"},
    "task.comment_save": {"vi": "Gửi ý kiến", "en": "Send the comment"},
    "task.comment_saved": {"vi": "Đã gửi ý kiến.", "en": "Comment sent."},
    # --- ask for an extension
    "task.extreq_heading": {"vi": "Đề nghị gia hạn", "en": "Ask for an extension"},
    "task.extreq_current": {"vi": "Hạn hiện tại: {date}", "en": "Current deadline: {date}"},
    "task.extreq_date": {"vi": "Gia hạn đến ngày (dd/mm/yyyy)", "en": "New deadline (dd/mm/yyyy)"},
    "task.extreq_reason": {"vi": "Lý do đề nghị gia hạn", "en": "Why the extension is needed"},
    "task.extreq_save": {"vi": "Gửi đề nghị gia hạn", "en": "Send the request"},
    "task.extreq_saved": {
        "vi": "Đã gửi đề nghị gia hạn đến {date}; Sở TT&TT sẽ xét duyệt.",
        "en": "Extension to {date} requested; the ICT department will decide.",
    },
    "task.extreq_pending": {
        "vi": "Đề nghị gia hạn đến {date} đang chờ Sở TT&TT xét duyệt.",
        "en": "The request to extend to {date} awaits the ICT department's decision.",
    },
    # --- decide on an extension
    "task.decide_heading": {"vi": "Xét duyệt đề nghị gia hạn", "en": "Decide on the extension request"},
    "task.decide_summary": {
        "vi": "{who} đề nghị gia hạn từ {old} đến {new}.",
        "en": "{who} asks to move the deadline from {old} to {new}.",
    },
    "task.decide_note": {"vi": "Ý kiến xét duyệt (không bắt buộc)", "en": "Note (optional)"},
    "task.decide_approve": {"vi": "Chấp thuận gia hạn", "en": "Approve"},
    "task.decide_refuse": {"vi": "Không chấp thuận", "en": "Refuse"},
    "task.decide_approved": {
        "vi": "Đã chấp thuận; hạn hoàn thành đã được cập nhật.",
        "en": "Approved; the deadline moved.",
    },
    "task.decide_refused": {"vi": "Đã từ chối đề nghị gia hạn.", "en": "The request was refused."},
    # --- edit the details
    "task.edit_heading": {"vi": "Sửa thông tin nhiệm vụ", "en": "Edit the task"},
    "task.edit_due": {"vi": "Hạn hoàn thành (dd/mm/yyyy)", "en": "Due date (dd/mm/yyyy)"},
    "task.edit_save": {"vi": "Lưu thay đổi", "en": "Save changes"},
    "task.edit_saved": {"vi": "Đã lưu thay đổi.", "en": "Changes saved."},
    "task.edit_unchanged": {"vi": "Không có thay đổi nào để lưu.", "en": "Nothing to save: no field changed."},
    # --- refusals
    "task.error.date_invalid": {
        "vi": "Ngày «{text}» không hợp lệ. Hãy nhập theo dạng dd/mm/yyyy, ví dụ 31/12/2026.",
        "en": "“{text}” is not a valid date. Type it as dd/mm/yyyy, e.g. 31/12/2026.",
    },
    "task.error.too_long": {
        "vi": "Nội dung quá dài (tối đa {max} ký tự).",
        "en": "The text is too long (at most {max} characters).",
    },
    "task.error.title_required": {"vi": "Tên nhiệm vụ không được để trống.", "en": "The task needs a title."},
    "task.error.category_invalid": {"vi": "Nhóm nhiệm vụ không hợp lệ.", "en": "Unknown category."},
    "task.error.progress_closed": {
        "vi": "Nhiệm vụ đã hoàn thành hoặc đã hủy nên không nhận báo cáo tiến độ.",
        "en": "The task is done or cancelled: no more progress reports.",
    },
    "task.error.extension_closed": {
        "vi": "Nhiệm vụ đã hoàn thành hoặc đã hủy nên không thể gia hạn.",
        "en": "The task is done or cancelled: it cannot be extended.",
    },
    "task.error.extension_no_deadline": {
        "vi": "Nhiệm vụ thực hiện thường xuyên, không có hạn hoàn thành nên không cần gia hạn.",
        "en": "An ongoing task has no deadline to extend.",
    },
    "task.error.extension_date_required": {
        "vi": "Hãy nhập ngày đề nghị gia hạn theo dạng dd/mm/yyyy.",
        "en": "Type the new deadline as dd/mm/yyyy.",
    },
    "task.error.extension_not_later": {
        "vi": "Ngày đề nghị gia hạn phải sau hạn hiện tại ({due}).",
        "en": "The new deadline must be after the current one ({due}).",
    },
    "task.error.extension_reason": {
        "vi": "Hãy nêu lý do đề nghị gia hạn.",
        "en": "Say why the extension is needed.",
    },
    "task.error.extension_pending": {
        "vi": "Nhiệm vụ đã có một đề nghị gia hạn đang chờ xét duyệt; hãy chờ Sở TT&TT quyết định "
        "trước khi gửi đề nghị mới.",
        "en": "An extension request for this task already awaits a decision; wait for the ICT department "
        "before asking again.",
    },
    "task.error.extension_not_found": {"vi": "Không tìm thấy đề nghị gia hạn.", "en": "Extension request not found."},
    "task.error.extension_decided": {
        "vi": "Đề nghị gia hạn này đã được xét duyệt trước đó.",
        "en": "This extension request has already been decided.",
    },
}
