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
        "vi": "Nhiệm vụ quá hạn từ 20 ngày làm việc (báo cáo Ban Chỉ đạo)",
        "en": "Tasks overdue by 20 working days or more (reported to the steering committee)",
    },
    "notify.group.escalated_weekly": {
        "vi": "Nhiệm vụ vẫn quá hạn từ 20 ngày làm việc (tổng hợp hằng tuần)",
        "en": "Tasks still overdue by 20 working days or more (weekly summary)",
    },
    "notify.group.urged": {"vi": "Nhiệm vụ đề nghị khẩn trương thực hiện", "en": "Tasks to act on now"},
    "notify.group.overdue": {"vi": "Nhiệm vụ mới quá hạn", "en": "Tasks that have just become overdue"},
    "notify.group.still_overdue": {"vi": "Nhiệm vụ vẫn đang quá hạn", "en": "Tasks still overdue"},
    "notify.group.due_soon": {"vi": "Nhiệm vụ sắp đến hạn", "en": "Tasks due soon"},
    "notify.item": {"vi": "Nhiệm vụ số {number} ({plan}): {title}", "en": "Task {number} ({plan}): {title}"},
    "notify.item_lead": {"vi": "Cơ quan chủ trì: {agency}", "en": "Lead agency: {agency}"},
    "notify.item_due": {"vi": "Thời hạn: {date} – {state}", "en": "Deadline: {date} – {state}"},
    "notify.item_link": {"vi": "Cập nhật tiến độ tại: {url}", "en": "Update progress at: {url}"},
    "notify.overdue_by": {
        "vi": "quá hạn {days} ngày ({working} ngày làm việc)",
        "en": "overdue by {days} days ({working} working days)",
    },
    "notify.left": {"vi": "còn {days} ngày làm việc", "en": "{days} working days left"},
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
}
