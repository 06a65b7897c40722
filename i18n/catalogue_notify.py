"""Catalogue entries of reminders: the e-mails, the notification centre, urging (merged into MESSAGES)."""

from __future__ import annotations

MESSAGES_NOTIFY: dict[str, dict[str, str]] = {
    # --- the e-mail (Vietnamese to agencies; English for the switch)
    "notify.subject.digest": {
        "vi": "[Chuyển đổi số] Nhắc việc ngày {date} gửi {name}: {overdue} nhiệm vụ quá hạn, {soon} sắp đến hạn",
        "en": "[Digital transformation] Reminder of {date} to {name}: {overdue} overdue, {soon} due soon",
    },
    "notify.subject.urge": {
        "vi": "[Chuyển đổi số] Đôn đốc thực hiện nhiệm vụ gửi {name} ngày {date} "
        "({overdue} quá hạn, {soon} sắp đến hạn)",
        "en": "[Digital transformation] Urgent request to {name} of {date} ({overdue} overdue, {soon} due soon)",
    },
    "notify.dear": {"vi": "Kính gửi: {name}", "en": "To: {name}"},
    "notify.dear_label": {"vi": "Kính gửi:", "en": "To:"},
    "notify.intro.digest": {
        "vi": "Sở Thông tin và Truyền thông (cơ quan thường trực Ban Chỉ đạo chuyển đổi số tỉnh) trân trọng "
        "thông báo tới {name} tình hình thực hiện các nhiệm vụ chuyển đổi số do quý cơ quan chủ trì cần quan "
        "tâm, tính đến ngày {date}:",
        "en": "The Department of Information and Communications (standing office of the provincial digital "
        "transformation steering committee) informs {name} of the digital transformation tasks that need "
        "attention as of {date}:",
    },
    "notify.intro.urge": {
        "vi": "Sở Thông tin và Truyền thông (cơ quan thường trực Ban Chỉ đạo chuyển đổi số tỉnh) đề nghị {name} "
        "khẩn trương chỉ đạo thực hiện các nhiệm vụ chuyển đổi số sau (tình hình đến ngày {date}):",
        "en": "The Department of Information and Communications (standing office of the provincial digital "
        "transformation steering committee) asks {name} to act without delay on the following digital "
        "transformation tasks (as of {date}):",
    },
    "notify.note": {"vi": "Ý kiến của {sender}: {note}", "en": "Note from {sender}: {note}"},
    "notify.group_heading": {"vi": "{n}. {label}", "en": "{n}. {label}"},
    "notify.group.escalated": {
        "vi": "Nhiệm vụ quá hạn từ {days} ngày làm việc (báo cáo Ban Chỉ đạo)",
        "en": "Tasks overdue by {days} working days or more (reported to the steering committee)",
    },
    "notify.group.escalated_weekly": {
        "vi": "Nhiệm vụ vẫn quá hạn từ {days} ngày làm việc (tổng hợp hằng tuần)",
        "en": "Tasks still overdue by {days} working days or more (weekly summary)",
    },
    "notify.group.urged": {"vi": "Nhiệm vụ đề nghị khẩn trương thực hiện", "en": "Tasks to act on now"},
    "notify.group.overdue": {"vi": "Nhiệm vụ mới quá hạn", "en": "Tasks that have just become overdue"},
    "notify.group.still_overdue": {"vi": "Nhiệm vụ vẫn đang quá hạn", "en": "Tasks still overdue"},
    "notify.group.due_soon": {"vi": "Nhiệm vụ sắp đến hạn", "en": "Tasks due soon"},
    "notify.item": {"vi": "Nhiệm vụ số {number} ({plan}): {title}", "en": "Task {number} ({plan}): {title}"},
    "notify.item_lead": {"vi": "Cơ quan chủ trì: {agency}", "en": "Lead agency: {agency}"},
    "notify.item_due": {"vi": "Thời hạn: {date} – {state}", "en": "Deadline: {date} – {state}"},
    "notify.item_link": {"vi": "Cập nhật tiến độ tại: {url}", "en": "Update progress at: {url}"},
    "notify.more": {
        "vi": "… và {count} nhiệm vụ khác trong nhóm này, xem đầy đủ tại: {url}",
        "en": "… and {count} more tasks in this group, all listed at: {url}",
    },
    "notify.overdue_by": {
        "vi": "quá hạn {days} {days_unit} ({working} {working_unit})",
        "en": "overdue by {days} {days_unit} ({working} {working_unit})",
    },
    "notify.left": {"vi": "còn {days} {working_unit}", "en": "{days} {working_unit} left"},
    "unit.day": {"vi": "ngày", "en": "day"},
    "unit.days": {"vi": "ngày", "en": "days"},
    "unit.working_day": {"vi": "ngày làm việc", "en": "working day"},
    "unit.working_days": {"vi": "ngày làm việc", "en": "working days"},
    "notify.due_today": {"vi": "đến hạn hôm nay", "en": "due today"},
    "notify.col.number": {"vi": "Số", "en": "No."},
    "notify.col.task": {"vi": "Nhiệm vụ", "en": "Task"},
    "notify.col.lead": {"vi": "Cơ quan chủ trì", "en": "Lead agency"},
    "notify.col.due": {"vi": "Thời hạn", "en": "Deadline"},
    "notify.col.state": {"vi": "Tình trạng", "en": "State"},
    "notify.closing.digest": {
        "vi": "Đề nghị quý cơ quan quan tâm chỉ đạo triển khai, cập nhật tiến độ và minh chứng trên hệ thống "
        "theo dõi; trường hợp cần điều chỉnh thời hạn, đề nghị gửi đề nghị gia hạn trên hệ thống để Sở "
        "Thông tin và Truyền thông tổng hợp, báo cáo Ban Chỉ đạo.",
        "en": "Please see that these tasks are carried out and update their progress and evidence in the "
        "tracker; if a deadline must move, send an extension request in the tracker so that the department "
        "can report it to the steering committee.",
    },
    "notify.closing.urge": {
        "vi": "Đề nghị quý cơ quan khẩn trương triển khai và cập nhật kết quả trên hệ thống theo dõi; "
        "Sở Thông tin và Truyền thông sẽ tổng hợp, báo cáo Ban Chỉ đạo tại phiên họp gần nhất.",
        "en": "Please act without delay and update the results in the tracker; the department will report "
        "to the steering committee at its next session.",
    },
    "notify.regards": {"vi": "Trân trọng./.", "en": "Kind regards."},
    "notify.footer": {
        "vi": "Thư do hệ thống Theo dõi nhiệm vụ chuyển đổi số gửi tự động; vui lòng không trả lời thư này.",
        "en": "Sent automatically by the DX Plan Tracker; please do not reply to this message.",
    },
    "notify.steering_name": {
        "vi": "Ban Chỉ đạo chuyển đổi số tỉnh",
        "en": "Provincial digital transformation steering committee",
    },
    # --- urging (đôn đốc)
    "urge.already": {
        "vi": "{agency} đã được đôn đốc hôm nay (lúc {time}). Bấm «Vẫn gửi» nếu cần đôn đốc thêm lần nữa.",
        "en": "{agency} was already urged today (at {time}). Press “Send anyway” to urge it once more.",
    },
    "urge.not_open": {
        "vi": "Chỉ đôn đốc được nhiệm vụ chưa triển khai hoặc đang thực hiện.",
        "en": "Only tasks not started or in progress can be urged.",
    },
    "urge.nothing": {
        "vi": "{agency} không có nhiệm vụ quá hạn hoặc sắp đến hạn để đôn đốc.",
        "en": "{agency} has no overdue or due-soon task to urge.",
    },
    # --- the notification centre
    "nav.notifications": {"vi": "Thông báo", "en": "Notifications"},
    "notif.unread_sr": {"vi": "{n} thông báo chưa đọc", "en": "{n} unread notifications"},
    "notif.heading": {"vi": "Thông báo nhắc việc", "en": "Reminders and notifications"},
    "notif.filters": {"vi": "Lọc thông báo", "en": "Filter notifications"},
    "notif.filter.agency": {"vi": "Gửi tới", "en": "Sent to"},
    "notif.filter.kind": {"vi": "Loại", "en": "Kind"},
    "notif.filter.from": {"vi": "Từ ngày", "en": "From"},
    "notif.filter.to": {"vi": "Đến ngày", "en": "To"},
    "notif.filter.state": {"vi": "Thư điện tử", "en": "E-mail"},
    "notif.filter.unread": {"vi": "Chỉ thông báo chưa đọc", "en": "Unread only"},
    "notif.filter.all": {"vi": "Tất cả", "en": "All"},
    "notif.mark_all": {"vi": "Đánh dấu tất cả đã đọc", "en": "Mark all as read"},
    "notif.marked": {"vi": "Đã đánh dấu {n} thông báo là đã đọc.", "en": "Marked {n} notifications as read."},
    "notif.kind.digest": {"vi": "Nhắc việc hằng ngày", "en": "Daily reminder"},
    "notif.kind.urge": {"vi": "Đôn đốc", "en": "Urgent request"},
    "notif.kind.due_soon": {"vi": "Có nhiệm vụ sắp đến hạn", "en": "With tasks due soon"},
    "notif.kind.overdue": {"vi": "Có nhiệm vụ mới quá hạn", "en": "With newly overdue tasks"},
    "notif.kind.still_overdue": {"vi": "Có nhiệm vụ vẫn quá hạn", "en": "With tasks still overdue"},
    "notif.kind.escalated": {
        "vi": "Báo cáo Ban Chỉ đạo (quá hạn lâu)",
        "en": "Escalated (long overdue)",
    },
    "notif.title.digest": {"vi": "Nhắc việc ngày {date}", "en": "Reminder of {date}"},
    "notif.title.urge": {"vi": "Đôn đốc ngày {date}", "en": "Urgent request of {date}"},
    "notif.new": {"vi": "Mới", "en": "New"},
    "notif.by": {"vi": "do {who} gửi", "en": "sent by {who}"},
    "notif.attempts": {"vi": "{n} lần gửi", "en": "{n} attempts"},
    "notif.due": {"vi": "hạn {date}", "en": "due {date}"},
    "notif.overdue_days": {"vi": "quá hạn {days} {days_unit}", "en": "overdue by {days} {days_unit}"},
    "notif.item.escalated": {"vi": "Báo cáo Ban Chỉ đạo", "en": "Escalated"},
    "notif.item.escalated_weekly": {"vi": "Tổng hợp tuần", "en": "Weekly summary"},
    "notif.item.urged": {"vi": "Đôn đốc", "en": "Urged"},
    "notif.item.overdue": {"vi": "Mới quá hạn", "en": "Newly overdue"},
    "notif.item.still_overdue": {"vi": "Vẫn quá hạn", "en": "Still overdue"},
    "notif.item.due_soon": {"vi": "Sắp đến hạn", "en": "Due soon"},
    "notif.state.pending": {"vi": "Thư chờ gửi", "en": "E-mail pending"},
    "notif.state.sending": {"vi": "Đang gửi thư", "en": "Sending"},
    "notif.state.sent": {"vi": "Đã gửi thư", "en": "E-mail sent"},
    "notif.state.sent_at": {"vi": "Đã gửi thư lúc {at}", "en": "E-mail sent at {at}"},
    "notif.state.retrying": {
        "vi": "Chưa gửi được, sẽ thử lại (đã thử {n} lần)",
        "en": "Not sent yet, will retry ({n} tries)",
    },
    "notif.state.failed": {"vi": "Gửi thư không được", "en": "E-mail failed"},
    "notif.state.no_address": {
        "vi": "Chưa có địa chỉ e-mail: chỉ báo trên hệ thống",
        "en": "No e-mail address: in-app only",
    },
    "notif.summary": {"vi": "{n} thông báo · {unread} chưa đọc", "en": "{n} notifications · {unread} unread"},
    "notif.empty": {
        "vi": "Chưa có thông báo nào. Hệ thống tự nhắc việc mỗi sáng ngày làm việc khi có nhiệm vụ sắp đến hạn "
        "hoặc quá hạn; thông báo sẽ hiện ở đây.",
        "en": "No notifications yet. Every working-day morning the tracker sends reminders about tasks due soon "
        "or overdue; they will appear here.",
    },
    "notif.smtp_off": {
        "vi": "Chưa cấu hình máy chủ thư (SMTP_HOST): thông báo hiện trên hệ thống, thư điện tử đang chờ gửi "
        "và sẽ đi ngay khi máy chủ thư được cấu hình.",
        "en": "No mail server is configured (SMTP_HOST): notifications show in the tracker, e-mails wait in the "
        "outbox and go out once a mail server is configured.",
    },
    "notif.no_email.heading": {"vi": "Đơn vị chưa có địa chỉ e-mail", "en": "Agencies without an e-mail address"},
    "notif.no_email.hint": {
        "vi": "Các đơn vị này chỉ nhận nhắc việc trên hệ thống; đề nghị bổ sung địa chỉ thư công vụ.",
        "en": "These agencies get reminders in the tracker only; please add their official e-mail address.",
    },
    "notif.no_email.none": {"vi": "Mọi đơn vị đều đã có địa chỉ e-mail.", "en": "Every agency has an e-mail address."},
    "notif.no_email.fix": {"vi": "Bổ sung tại trang Quản trị", "en": "Add them on the administration page"},
    # --- the urge box
    "urge.agency_heading": {"vi": "Đôn đốc đơn vị", "en": "Urge an agency"},
    "urge.agency_hint": {
        "vi": "Gửi ngay tới đơn vị thông báo về mọi nhiệm vụ quá hạn và sắp đến hạn của đơn vị (trên hệ thống "
        "và qua thư điện tử).",
        "en": "Sends the agency, now, a notice of all its overdue and due-soon tasks (in the tracker and by e-mail).",
    },
    "urge.task_heading": {"vi": "Đôn đốc thực hiện", "en": "Urge the lead agency"},
    "urge.task_hint": {
        "vi": "Gửi ngay tới cơ quan chủ trì thông báo đề nghị khẩn trương thực hiện nhiệm vụ này.",
        "en": "Sends the lead agency, now, a request to act on this task without delay.",
    },
    "urge.agency": {"vi": "Đơn vị", "en": "Agency"},
    "urge.agency_pick": {"vi": "Chọn đơn vị…", "en": "Choose an agency…"},
    "urge.agency_option": {
        "vi": "{name} — {overdue} quá hạn, {soon} sắp đến hạn",
        "en": "{name} — {overdue} overdue, {soon} due soon",
    },
    "urge.agency_missing": {"vi": "Hãy chọn đơn vị cần đôn đốc.", "en": "Choose the agency to urge."},
    "urge.note": {"vi": "Ý kiến kèm theo (không bắt buộc)", "en": "Note (optional)"},
    "urge.note_hint": {
        "vi": "Ví dụ: đề nghị hoàn thành trước phiên họp Ban Chỉ đạo",
        "en": "E.g. please finish before the steering committee meets",
    },
    "urge.send": {"vi": "Đôn đốc ngay", "en": "Urge now"},
    "urge.confirm": {"vi": "Vẫn gửi", "en": "Send anyway"},
    "urge.sent": {
        "vi": "Đã đôn đốc {agency} ({n} nhiệm vụ); đã gửi thư tới {emails}.",
        "en": "{agency} urged ({n} tasks); e-mail sent to {emails}.",
    },
    "urge.sent_pending": {
        "vi": "Đã đôn đốc {agency} ({n} nhiệm vụ) trên hệ thống; thư điện tử chưa gửi được, hệ thống sẽ tự gửi lại.",
        "en": "{agency} urged ({n} tasks) in the tracker; the e-mail could not be sent yet and will be retried.",
    },
    "urge.sent_no_smtp": {
        "vi": "Đã đôn đốc {agency} ({n} nhiệm vụ) trên hệ thống; thư điện tử sẽ gửi khi máy chủ thư được cấu hình.",
        "en": "{agency} urged ({n} tasks) in the tracker; the e-mail will go out once a mail server is configured.",
    },
    "urge.sent_no_address": {
        "vi": "Đã đôn đốc {agency} ({n} nhiệm vụ) trên hệ thống; đơn vị chưa có địa chỉ e-mail.",
        "en": "{agency} urged ({n} tasks) in the tracker; the agency has no e-mail address.",
    },
    # --- the task page
    "task.reminders.heading": {"vi": "Nhắc việc, đôn đốc", "en": "Reminders"},
    "task.reminders.none": {"vi": "Chưa nhắc lần nào.", "en": "No reminder sent yet."},
    "task.reminders.count": {"vi": "Đã nhắc {n} lần", "en": "Reminded {n} times"},
}
