"""All user-facing strings, Vietnamese first, English second.

Keys are dotted names grouped by area. `t()` falls back to Vietnamese, then to the key itself, so a
missing English string never breaks a screen (a test checks that both languages cover every key).
"""

from __future__ import annotations

DEFAULT_LANG = "vi"
LANGS = ("vi", "en")

MESSAGES: dict[str, dict[str, str]] = {
    # --- the product
    "app.title": {"vi": "Theo dõi nhiệm vụ chuyển đổi số", "en": "DX Plan Tracker"},
    "app.sample_data": {
        "vi": "Dữ liệu mẫu để trình diễn, phỏng theo Kế hoạch 55/KH-UBND tỉnh Tuyên Quang — "
        "không phải phụ lục chính thức của kế hoạch.",
        "en": "Sample data for demonstration, modelled on Tuyên Quang's Plan 55/KH-UBND — "
        "not the plan's official appendix.",
    },
    "app.lang_switch": {"vi": "English", "en": "Tiếng Việt"},
    "app.lang_switch_label": {"vi": "Chuyển sang tiếng Anh", "en": "Switch to Vietnamese"},
    "app.loading": {"vi": "Đang tải…", "en": "Loading…"},
    "app.today": {"vi": "Hôm nay: {date}", "en": "Today: {date}"},
    "nav.tasks": {"vi": "Nhiệm vụ", "en": "Tasks"},
    "nav.back_home": {"vi": "Về trang nhiệm vụ", "en": "Back to the tasks"},
    "page.not_found": {
        "vi": "Không tìm thấy trang bạn yêu cầu. Đường dẫn có thể đã thay đổi.",
        "en": "The page you asked for does not exist. The link may have changed.",
    },
    # --- workflow statuses
    "status.not_started": {"vi": "Chưa triển khai", "en": "Not started"},
    "status.in_progress": {"vi": "Đang thực hiện", "en": "In progress"},
    "status.submitted": {"vi": "Chờ xác nhận", "en": "Awaiting confirmation"},
    "status.done": {"vi": "Hoàn thành", "en": "Done"},
    "status.cancelled": {"vi": "Đã hủy", "en": "Cancelled"},
    # --- deadline states (the phrases of Vietnamese progress reports)
    "deadline.on_time": {"vi": "Trong hạn", "en": "On time"},
    "deadline.due_soon": {"vi": "Sắp đến hạn ({days} ngày)", "en": "Due soon ({days} days)"},
    "deadline.due_today": {"vi": "Đến hạn hôm nay", "en": "Due today"},
    "deadline.overdue": {"vi": "Quá hạn {days} ngày", "en": "Overdue {days} days"},
    "deadline.done_on_time": {"vi": "Hoàn thành đúng hạn", "en": "Done on time"},
    "deadline.done_late": {"vi": "Hoàn thành quá hạn", "en": "Done late"},
    "deadline.ongoing": {"vi": "Thường xuyên", "en": "Ongoing"},
    "deadline.cancelled": {"vi": "Đã hủy", "en": "Cancelled"},
    # --- recurrence
    "recurrence.once": {"vi": "Một lần", "en": "Once"},
    "recurrence.yearly": {"vi": "Hàng năm", "en": "Yearly"},
    "recurrence.ongoing": {"vi": "Thường xuyên", "en": "Ongoing"},
    # --- categories (the six groups of the plan)
    "category.awareness": {"vi": "Chuyển đổi nhận thức", "en": "Awareness"},
    "category.policy": {"vi": "Cơ chế, chính sách", "en": "Policy and regulation"},
    "category.infrastructure": {"vi": "Phát triển hạ tầng số", "en": "Digital infrastructure"},
    "category.platforms": {"vi": "Phát triển ứng dụng, nền tảng số", "en": "Applications and platforms"},
    "category.data": {"vi": "Tạo lập cơ sở dữ liệu", "en": "Data and databases"},
    "category.security": {"vi": "Đảm bảo an toàn, an ninh mạng", "en": "Cyber security"},
    # --- the task list
    "tasks.heading": {"vi": "Nhiệm vụ của kế hoạch", "en": "Plan tasks"},
    "tasks.summary": {
        "vi": "{total} nhiệm vụ · {overdue} quá hạn · {due_soon} sắp đến hạn · {done} hoàn thành",
        "en": "{total} tasks · {overdue} overdue · {due_soon} due soon · {done} done",
    },
    "tasks.lane_count": {"vi": "{count} nhiệm vụ", "en": "{count} tasks"},
    "tasks.col.number": {"vi": "STT", "en": "No."},
    "tasks.col.title": {"vi": "Nội dung nhiệm vụ", "en": "Task"},
    "tasks.col.lead": {"vi": "Cơ quan chủ trì", "en": "Lead agency"},
    "tasks.col.time_frame": {"vi": "Thời gian thực hiện", "en": "Time frame"},
    "tasks.col.due": {"vi": "Hạn hoàn thành", "en": "Due date"},
    "tasks.col.status": {"vi": "Trạng thái", "en": "Status"},
    "tasks.col.deadline": {"vi": "Tình trạng hạn", "en": "Deadline"},
    "tasks.col.progress": {"vi": "Tiến độ", "en": "Progress"},
    "tasks.empty": {
        "vi": "Chưa có nhiệm vụ nào — chạy «python -m dashapp seed-demo» để nạp kế hoạch mẫu, "
        "hoặc nhập kế hoạch từ tệp Excel.",
        "en": "No tasks yet — run “python -m dashapp seed-demo” to load the sample plan, "
        "or import a plan from an Excel file.",
    },
    "tasks.no_plan": {"vi": "Chưa có kế hoạch nào.", "en": "No plan yet."},
    "tasks.load_error": {
        "vi": "Không tải được danh sách nhiệm vụ. Vui lòng thử lại sau ít phút.",
        "en": "The task list could not be loaded. Please try again in a few minutes.",
    },
    # --- domain errors
    "error.illegal_transition": {
        "vi": "Không thể chuyển nhiệm vụ từ «{source}» sang «{target}».",
        "en": "A task cannot move from “{source}” to “{target}”.",
    },
    "error.conflict": {
        "vi": "Nhiệm vụ «{title}» vừa được người khác thay đổi. Đây là trạng thái hiện tại; "
        "vui lòng xem lại rồi thực hiện lại thao tác.",
        "en": "Someone else has just changed task “{title}”. Here is its current state; "
        "please review it and try again.",
    },
    "error.not_found": {"vi": "Không tìm thấy nhiệm vụ số {task_id}.", "en": "Task {task_id} was not found."},
    "error.permission_denied": {
        "vi": "Bạn không có quyền thực hiện thao tác này.",
        "en": "You are not allowed to do this.",
    },
    "error.invalid_progress": {
        "vi": "Tiến độ phải là số nguyên từ 0 đến 100.",
        "en": "Progress must be a whole number from 0 to 100.",
    },
    "error.invalid_field": {
        "vi": "Không thể sửa trường «{field}» theo cách này.",
        "en": "Field “{field}” cannot be edited this way.",
    },
    "error.due_required": {
        "vi": "Nhiệm vụ thực hiện một lần hoặc hàng năm phải có hạn hoàn thành.",
        "en": "A one-off or yearly task needs a due date.",
    },
    "error.time_frame": {
        "vi": "Không hiểu thời gian thực hiện «{text}». Ví dụ hợp lệ: «Quý IV/2025», «Tháng 6/2025», "
        "«Năm 2025», «30/6/2025», «Hàng năm», «Thường xuyên».",
        "en": "Cannot read the time frame “{text}”. Valid examples: “Quý IV/2025”, “Tháng 6/2025”, "
        "“Năm 2025”, “30/6/2025”, “Hàng năm”, “Thường xuyên”.",
    },
    "error.unexpected": {
        "vi": "Đã xảy ra lỗi ngoài dự kiến. Dữ liệu của bạn chưa bị thay đổi; vui lòng thử lại.",
        "en": "Something unexpected went wrong. Nothing was changed; please try again.",
    },
    # --- audit events
    "event.created": {"vi": "Tạo nhiệm vụ", "en": "Task created"},
    "event.status": {"vi": "Đổi trạng thái", "en": "Status changed"},
    "event.field": {"vi": "Sửa thông tin", "en": "Details edited"},
    "event.progress": {"vi": "Báo cáo tiến độ", "en": "Progress report"},
    "event.rolled": {"vi": "Chuyển sang chu kỳ năm sau", "en": "Rolled to next year's cycle"},
    "event.system": {"vi": "Hệ thống", "en": "System"},
}


def t(key: str, lang: str = DEFAULT_LANG, /, **params: object) -> str:
    """The message `key` in `lang` (Vietnamese when missing), with `{params}` filled in."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry[DEFAULT_LANG]
    return text.format(**params) if params else text
