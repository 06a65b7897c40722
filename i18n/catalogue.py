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
    "nav.admin": {"vi": "Quản trị", "en": "Administration"},
    "nav.audit": {"vi": "Nhật ký", "en": "Audit trail"},
    "nav.logout": {"vi": "Đăng xuất", "en": "Sign out"},
    "nav.main": {"vi": "Điều hướng chính", "en": "Main navigation"},
    "page.forbidden": {
        "vi": "Bạn không có quyền xem trang này. Nếu cần, hãy liên hệ quản trị viên của Sở TT&TT.",
        "en": "You may not see this page. Ask the ICT department's administrator if you need it.",
    },
    # --- sign-in
    "login.title": {"vi": "Đăng nhập", "en": "Sign in"},
    "login.subtitle": {
        "vi": "Đăng nhập bằng tài khoản do Sở Thông tin và Truyền thông cấp.",
        "en": "Sign in with the account the Department of Information and Communications gave you.",
    },
    "login.username": {"vi": "Tên đăng nhập", "en": "Username"},
    "login.password": {"vi": "Mật khẩu", "en": "Password"},
    "login.submit": {"vi": "Đăng nhập", "en": "Sign in"},
    "login.help": {
        "vi": "Quên mật khẩu? Liên hệ quản trị viên.",
        "en": "Forgot your password? Ask the administrator.",
    },
    # --- roles
    "role.admin": {"vi": "Quản trị viên", "en": "Administrator"},
    "role.coordinator": {"vi": "Điều phối (Sở TT&TT)", "en": "Coordinator (ICT department)"},
    "role.agency": {"vi": "Cán bộ đơn vị", "en": "Agency officer"},
    "role.viewer": {"vi": "Ban Chỉ đạo (chỉ xem)", "en": "Steering committee (read only)"},
    # --- administration
    "admin.heading": {"vi": "Quản trị tài khoản và cơ quan", "en": "Accounts and agencies"},
    "admin.users": {"vi": "Tài khoản", "en": "Accounts"},
    "admin.agencies": {"vi": "Cơ quan, đơn vị", "en": "Agencies"},
    "admin.col.username": {"vi": "Tên đăng nhập", "en": "Username"},
    "admin.col.full_name": {"vi": "Họ và tên", "en": "Full name"},
    "admin.col.role": {"vi": "Vai trò", "en": "Role"},
    "admin.col.agency": {"vi": "Cơ quan", "en": "Agency"},
    "admin.col.active": {"vi": "Trạng thái", "en": "State"},
    "admin.col.last_login": {"vi": "Đăng nhập gần nhất", "en": "Last sign-in"},
    "admin.col.code": {"vi": "Mã", "en": "Code"},
    "admin.col.name": {"vi": "Tên đầy đủ", "en": "Full name"},
    "admin.col.short_name": {"vi": "Tên viết tắt", "en": "Short name"},
    "admin.col.aliases": {"vi": "Tên gọi khác", "en": "Other names"},
    "admin.col.emails": {"vi": "Thư điện tử", "en": "E-mail"},
    "admin.active": {"vi": "Đang hoạt động", "en": "Active"},
    "admin.disabled": {"vi": "Đã vô hiệu hóa", "en": "Disabled"},
    "admin.never": {"vi": "Chưa đăng nhập", "en": "Never"},
    "admin.none": {"vi": "— Không —", "en": "— None —"},
    "admin.create_user": {"vi": "Tạo tài khoản", "en": "Create an account"},
    "admin.edit_user": {"vi": "Sửa tài khoản", "en": "Edit an account"},
    "admin.choose_user": {"vi": "Chọn tài khoản", "en": "Choose an account"},
    "admin.password": {"vi": "Mật khẩu", "en": "Password"},
    "admin.new_password": {"vi": "Mật khẩu mới", "en": "New password"},
    "admin.confirm_password": {"vi": "Nhập lại mật khẩu", "en": "Repeat the password"},
    "admin.save": {"vi": "Lưu", "en": "Save"},
    "admin.create": {"vi": "Tạo", "en": "Create"},
    "admin.reset_password": {"vi": "Đặt lại mật khẩu", "en": "Reset password"},
    "admin.is_active": {"vi": "Cho phép đăng nhập", "en": "May sign in"},
    "admin.edit_agency": {"vi": "Thêm hoặc sửa cơ quan", "en": "Add or edit an agency"},
    "admin.choose_agency": {"vi": "Chọn cơ quan", "en": "Choose an agency"},
    "admin.new_agency": {"vi": "— Cơ quan mới —", "en": "— New agency —"},
    "admin.list_hint": {
        "vi": "Nhiều giá trị cách nhau bằng dấu phẩy.",
        "en": "Separate several values with commas.",
    },
    "admin.user_created": {"vi": "Đã tạo tài khoản «{username}».", "en": "Account “{username}” created."},
    "admin.user_saved": {"vi": "Đã lưu tài khoản «{username}».", "en": "Account “{username}” saved."},
    "admin.password_reset": {
        "vi": "Đã đặt lại mật khẩu cho «{username}»; các phiên đăng nhập cũ đã kết thúc.",
        "en": "Password reset for “{username}”; their open sessions have ended.",
    },
    "admin.agency_saved": {"vi": "Đã lưu cơ quan «{name}».", "en": "Agency “{name}” saved."},
    "admin.choose_first": {"vi": "Hãy chọn một tài khoản trước.", "en": "Choose an account first."},
    # --- audit trail
    "audit.heading": {"vi": "Nhật ký thay đổi và truy cập", "en": "Audit trail"},
    "audit.refused_only": {"vi": "Chỉ hiện thao tác bị từ chối", "en": "Refused attempts only"},
    "audit.col.at": {"vi": "Thời điểm", "en": "When"},
    "audit.col.actor": {"vi": "Người thực hiện", "en": "Who"},
    "audit.col.action": {"vi": "Thao tác", "en": "Action"},
    "audit.col.target": {"vi": "Đối tượng", "en": "Target"},
    "audit.col.outcome": {"vi": "Kết quả", "en": "Outcome"},
    "audit.col.detail": {"vi": "Chi tiết", "en": "Detail"},
    "audit.outcome.ok": {"vi": "Thành công", "en": "Done"},
    "audit.outcome.refused": {"vi": "Bị từ chối", "en": "Refused"},
    "audit.outcome.failed": {"vi": "Thất bại", "en": "Failed"},
    "audit.empty": {"vi": "Chưa có mục nào trong nhật ký.", "en": "The trail is empty."},
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
    "error.comment_empty": {"vi": "Nội dung ý kiến không được để trống.", "en": "The comment is empty."},
    "error.url_invalid": {
        "vi": "Đường dẫn phải bắt đầu bằng http:// hoặc https://.",
        "en": "The link must start with http:// or https://.",
    },
    "error.login_failed": {
        "vi": "Tên đăng nhập hoặc mật khẩu không đúng.",
        "en": "The username or password is not correct.",
    },
    "error.locked_out": {
        "vi": "Đăng nhập tạm thời bị khóa do nhập sai nhiều lần. Vui lòng thử lại sau {minutes} phút.",
        "en": "Sign-in is locked for a while after repeated failures. Please try again in {minutes} minutes.",
    },
    "error.csrf": {
        "vi": "Phiên làm việc của biểu mẫu đã hết hạn. Vui lòng tải lại trang và thử lại.",
        "en": "The form has expired. Please reload the page and try again.",
    },
    "error.username_invalid": {
        "vi": "Tên đăng nhập gồm 3–40 ký tự: chữ thường không dấu, số, dấu chấm, gạch ngang hoặc gạch dưới.",
        "en": "A username has 3–40 characters: lower-case letters without accents, digits, '.', '-' or '_'.",
    },
    "error.username_taken": {
        "vi": "Tên đăng nhập «{username}» đã được dùng.",
        "en": "The username “{username}” is already taken.",
    },
    "error.password_short": {
        "vi": "Mật khẩu phải có ít nhất {min} ký tự.",
        "en": "The password needs at least {min} characters.",
    },
    "error.password_mismatch": {
        "vi": "Hai lần nhập mật khẩu không khớp.",
        "en": "The two passwords do not match.",
    },
    "error.role_invalid": {"vi": "Vai trò không hợp lệ.", "en": "Unknown role."},
    "error.agency_required": {
        "vi": "Tài khoản cán bộ đơn vị phải gắn với một cơ quan.",
        "en": "An agency officer's account needs an agency.",
    },
    "error.agency_unknown": {"vi": "Không có cơ quan «{code}».", "en": "There is no agency “{code}”."},
    "error.agency_not_found": {"vi": "Không tìm thấy cơ quan.", "en": "Agency not found."},
    "error.user_not_found": {"vi": "Không tìm thấy tài khoản.", "en": "Account not found."},
    "error.self_disable": {
        "vi": "Bạn không thể tự vô hiệu hóa tài khoản của mình.",
        "en": "You cannot disable your own account.",
    },
    "error.last_admin": {
        "vi": "Không thể vô hiệu hóa hoặc hạ quyền quản trị viên cuối cùng.",
        "en": "The last administrator cannot be disabled or demoted.",
    },
    "error.agency_code_invalid": {
        "vi": "Mã cơ quan gồm 2–40 chữ thường không dấu hoặc số, ví dụ «soyte».",
        "en": "An agency code has 2–40 lower-case ASCII letters or digits, e.g. “soyte”.",
    },
    "error.agency_code_taken": {
        "vi": "Mã cơ quan «{code}» đã được dùng.",
        "en": "The agency code “{code}” is already taken.",
    },
    "error.agency_name_required": {"vi": "Tên cơ quan không được để trống.", "en": "The agency needs a name."},
    "error.email_invalid": {
        "vi": "Địa chỉ thư điện tử «{email}» không hợp lệ.",
        "en": "“{email}” is not a valid e-mail address.",
    },
    # --- audit events
    "event.created": {"vi": "Tạo nhiệm vụ", "en": "Task created"},
    "event.status": {"vi": "Đổi trạng thái", "en": "Status changed"},
    "event.field": {"vi": "Sửa thông tin", "en": "Details edited"},
    "event.progress": {"vi": "Báo cáo tiến độ", "en": "Progress report"},
    "event.rolled": {"vi": "Chuyển sang chu kỳ năm sau", "en": "Rolled to next year's cycle"},
    "event.system": {"vi": "Hệ thống", "en": "System"},
    # --- the command line: `python -m dashapp backup`
    "backup.done": {
        "vi": "Đã sao lưu cơ sở dữ liệu {url} vào tệp {path} ({size}).",
        "en": "Backed up the database {url} to {path} ({size}).",
    },
    "backup.restore.sqlite": {
        "vi": "Khôi phục: dừng ứng dụng và bộ lập lịch, xóa các tệp -wal và -shm bên cạnh {path}, "
        "chép {file} thành {path} rồi khởi động lại.",
        "en": "To restore: stop the app and the scheduler, delete the -wal and -shm files beside {path}, "
        "copy {file} to {path} and start again.",
    },
    "backup.restore.postgresql": {
        "vi": "Khôi phục: pg_restore --clean --if-exists --no-owner --dbname=<cơ sở dữ liệu> {file} "
        "(dừng ứng dụng và bộ lập lịch trước).",
        "en": "To restore: pg_restore --clean --if-exists --no-owner --dbname=<database> {file} "
        "(stop the app and the scheduler first).",
    },
    "backup.error.backend": {
        "vi": "không sao lưu được cơ sở dữ liệu loại «{backend}»: chỉ hỗ trợ SQLite và PostgreSQL.",
        "en": "cannot back up a “{backend}” database: only SQLite and PostgreSQL are supported.",
    },
    "backup.error.folder": {
        "vi": "không có thư mục «{path}» để ghi tệp sao lưu.",
        "en": "the folder “{path}” for the backup does not exist.",
    },
    "backup.error.same_file": {
        "vi": "tệp sao lưu «{path}» chính là tệp cơ sở dữ liệu đang dùng: hãy chọn tệp hoặc thư mục khác.",
        "en": "the backup “{path}” is the live database file itself: choose another file or folder.",
    },
    "backup.error.write": {
        "vi": "không ghi được tệp sao lưu «{path}»: {reason}.",
        "en": "cannot write the backup “{path}”: {reason}.",
    },
    "backup.error.no_sqlite_file": {
        "vi": "không có tệp cơ sở dữ liệu SQLite «{path}» (kiểm tra DATABASE_URL); không sao lưu gì.",
        "en": "there is no SQLite database file “{path}” (check DATABASE_URL); nothing was backed up.",
    },
    "backup.error.failed": {
        "vi": "sao lưu không thành công: {reason}.",
        "en": "the backup failed: {reason}.",
    },
    "backup.error.integrity": {
        "vi": "bản sao lưu không qua được kiểm tra toàn vẹn (PRAGMA integrity_check): {reason}.",
        "en": "the backup failed its integrity check (PRAGMA integrity_check): {reason}.",
    },
    "backup.error.no_pg_dump": {
        "vi": "không tìm thấy lệnh pg_dump. Cài gói máy khách PostgreSQL cùng phiên bản chính với máy chủ "
        "(Debian/Ubuntu: postgresql-client) hoặc thêm thư mục chứa pg_dump vào PATH.",
        "en": "the pg_dump command was not found. Install the PostgreSQL client of the server's major version "
        "(Debian/Ubuntu: postgresql-client) or add the folder holding pg_dump to PATH.",
    },
    "backup.error.pg_dump": {
        "vi": "pg_dump báo lỗi, chưa sao lưu được: {reason}",
        "en": "pg_dump failed, nothing was backed up: {reason}",
    },
    "backup.error.pg_version": {
        "vi": "pg_dump phải cùng phiên bản chính với máy chủ PostgreSQL hoặc mới hơn: "
        "cài postgresql-client đúng phiên bản (xem pg_dump --version và SELECT version()).",
        "en": "pg_dump must be of the PostgreSQL server's major version or newer: install the matching "
        "postgresql-client (compare pg_dump --version with SELECT version()).",
    },
}

# The board's, the task page's and the reminders' strings live in their own files of the same catalogue.
from i18n.catalogue_board import MESSAGES_BOARD  # noqa: E402
from i18n.catalogue_import import MESSAGES_IMPORT  # noqa: E402
from i18n.catalogue_notify import MESSAGES_NOTIFY  # noqa: E402
from i18n.catalogue_plan_export import MESSAGES_PLAN_EXPORT  # noqa: E402
from i18n.catalogue_reports import MESSAGES_REPORTS  # noqa: E402
from i18n.catalogue_review import MESSAGES_REVIEW  # noqa: E402
from i18n.catalogue_task import MESSAGES_TASK  # noqa: E402

MESSAGES.update(MESSAGES_BOARD)
MESSAGES.update(MESSAGES_TASK)
MESSAGES.update(MESSAGES_NOTIFY)
MESSAGES.update(MESSAGES_REVIEW)
MESSAGES.update(MESSAGES_REPORTS)
MESSAGES.update(MESSAGES_IMPORT)
MESSAGES.update(MESSAGES_PLAN_EXPORT)


def t(key: str, lang: str = DEFAULT_LANG, /, **params: object) -> str:
    """The message `key` in `lang` (Vietnamese when missing), with `{params}` filled in."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry[DEFAULT_LANG]
    return text.format(**params) if params else text
