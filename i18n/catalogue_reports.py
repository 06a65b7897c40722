"""Catalogue entries of the Excel export and the Word reports (merged into MESSAGES)."""

from __future__ import annotations

MESSAGES_REPORTS: dict[str, dict[str, str]] = {
    # --- the reporting buckets in words (the phrases of Vietnamese progress reports)
    "report.bucket.done_on_time": {"vi": "Hoàn thành đúng hạn", "en": "Done on time"},
    "report.bucket.done_late": {"vi": "Hoàn thành quá hạn", "en": "Done late"},
    "report.bucket.in_progress_on_time": {"vi": "Đang thực hiện trong hạn", "en": "In progress, on time"},
    "report.bucket.in_progress_overdue": {"vi": "Đang thực hiện quá hạn", "en": "In progress, overdue"},
    "report.bucket.not_started": {"vi": "Chưa triển khai", "en": "Not started"},
    "report.bucket.not_started_overdue": {"vi": "Chưa triển khai, đã quá hạn", "en": "Not started, overdue"},
    "report.bucket.cancelled": {"vi": "Đã hủy", "en": "Cancelled"},
    # --- the headline figures
    "report.figure.total": {"vi": "Tổng số", "en": "Total"},
    "report.figure.not_started_overdue": {
        "vi": "Trong đó: chưa triển khai đã quá hạn",
        "en": "Of which: not started and overdue",
    },
    "report.figure.overdue_open": {
        "vi": "Nhiệm vụ đang quá hạn (chưa hoàn thành)",
        "en": "Overdue tasks not yet done",
    },
    "report.figure.cancelled": {
        "vi": "Nhiệm vụ đã hủy (không tính vào tổng số)",
        "en": "Cancelled tasks (not counted in the total)",
    },
    # --- the Excel export
    "export.sheet.tasks": {"vi": "Nhiệm vụ", "en": "Tasks"},
    "export.sheet.summary": {"vi": "Tổng hợp", "en": "Summary"},
    "export.title": {"vi": "Kế hoạch số {code}: {title}", "en": "Plan {code}: {title}"},
    "export.as_of": {"vi": "Số liệu tính đến ngày {date}", "en": "Figures as of {date}"},
    "export.col.seq": {"vi": "STT", "en": "No."},
    "export.col.number": {"vi": "Số", "en": "Task no."},
    "export.col.title": {"vi": "Nội dung nhiệm vụ", "en": "Task"},
    "export.col.category": {"vi": "Lĩnh vực", "en": "Area"},
    "export.col.lead": {"vi": "Cơ quan chủ trì", "en": "Lead agency"},
    "export.col.time_frame": {"vi": "Thời gian thực hiện", "en": "Time frame"},
    "export.col.due": {"vi": "Hạn hoàn thành", "en": "Due date"},
    "export.col.status": {"vi": "Trạng thái", "en": "Status"},
    "export.col.deadline": {"vi": "Tình trạng hạn", "en": "Deadline"},
    "export.col.progress": {"vi": "Tiến độ (%)", "en": "Progress (%)"},
    "export.col.completed": {"vi": "Ngày hoàn thành", "en": "Completed on"},
    "export.col.days_late": {"vi": "Số ngày quá hạn", "en": "Days late"},
    "export.col.reminders": {"vi": "Số lần nhắc", "en": "Reminders"},
    "export.summary.col.figure": {"vi": "Chỉ tiêu", "en": "Figure"},
    "export.summary.col.count": {"vi": "Số nhiệm vụ", "en": "Tasks"},
    "export.summary.col.share": {"vi": "Tỷ lệ (%)", "en": "Share (%)"},
    "export.summary.note": {
        "vi": "Tỷ lệ tính trên tổng số nhiệm vụ, không kể nhiệm vụ đã hủy.",
        "en": "Shares are of the total, cancelled tasks left out.",
    },
    # --- the title block of an administrative document
    "report.org.parent": {"vi": "UBND TỈNH {province}", "en": "{province} PROVINCIAL PEOPLE'S COMMITTEE"},
    "report.org.name": {"vi": "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "en": "DEPARTMENT OF INFORMATION AND COMMUNICATIONS"},
    "report.number": {"vi": "Số: …/BC-STTTT", "en": "No.: …/BC-STTTT"},
    "report.minutes.number": {"vi": "Số: …/BB-STTTT", "en": "No.: …/BB-STTTT"},
    "report.nation": {"vi": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "en": "SOCIALIST REPUBLIC OF VIET NAM"},
    "report.motto": {"vi": "Độc lập - Tự do - Hạnh phúc", "en": "Independence - Freedom - Happiness"},
    "report.place_date": {
        "vi": "{place}, ngày {day} tháng {month} năm {year}",
        "en": "{place}, {day}/{month}/{year}",
    },
    # --- the periodic report
    "report.title": {"vi": "BÁO CÁO", "en": "REPORT"},
    "report.subject.semiannual": {
        "vi": "Kết quả thực hiện Kế hoạch số {code} 6 tháng đầu năm {year}",
        "en": "Implementation of Plan {code} in the first half of {year}",
    },
    "report.subject.annual": {
        "vi": "Kết quả thực hiện Kế hoạch số {code} năm {year}",
        "en": "Implementation of Plan {code} in {year}",
    },
    "report.period": {
        "vi": "Kỳ báo cáo: từ {start} đến {end}; số liệu tính đến ngày {today}.",
        "en": "Reporting period: from {start} to {end}; figures as of {today}.",
    },
    "report.intro": {
        "vi": "Thực hiện Kế hoạch số {code}, Sở Thông tin và Truyền thông (cơ quan thường trực Ban Chỉ đạo "
        "chuyển đổi số tỉnh) báo cáo kết quả thực hiện như sau:",
        "en": "Under Plan {code}, the Department of Information and Communications (standing office of the "
        "provincial digital transformation steering committee) reports as follows:",
    },
    "report.section.summary": {
        "vi": "I. TỔNG HỢP KẾT QUẢ THỰC HIỆN NHIỆM VỤ",
        "en": "I. SUMMARY OF RESULTS",
    },
    "report.section.categories": {"vi": "II. KẾT QUẢ THEO LĨNH VỰC", "en": "II. RESULTS BY AREA"},
    "report.section.overdue": {"vi": "III. CÁC NHIỆM VỤ QUÁ HẠN", "en": "III. OVERDUE TASKS"},
    "report.section.scorecard": {
        "vi": "IV. KẾT QUẢ THỰC HIỆN CỦA CÁC CƠ QUAN CHỦ TRÌ",
        "en": "IV. RESULTS OF THE LEAD AGENCIES",
    },
    "report.section.sessions": {
        "vi": "V. KẾT LUẬN CỦA BAN CHỈ ĐẠO TẠI CÁC PHIÊN RÀ SOÁT",
        "en": "V. CONCLUSIONS OF THE STEERING COMMITTEE'S REVIEW SESSIONS",
    },
    "report.col.figure": {"vi": "Chỉ tiêu", "en": "Figure"},
    "report.col.count": {"vi": "Số nhiệm vụ", "en": "Tasks"},
    "report.col.share": {"vi": "Tỷ lệ (%)", "en": "Share (%)"},
    "report.col.seq": {"vi": "STT", "en": "No."},
    "report.col.category": {"vi": "Lĩnh vực", "en": "Area"},
    "report.col.total": {"vi": "Tổng số", "en": "Total"},
    "report.col.number": {"vi": "Số", "en": "Task no."},
    "report.col.title": {"vi": "Nội dung", "en": "Task"},
    "report.col.lead": {"vi": "Cơ quan chủ trì", "en": "Lead agency"},
    "report.col.due": {"vi": "Hạn", "en": "Due"},
    "report.col.days_overdue": {"vi": "Số ngày quá hạn", "en": "Days overdue"},
    "report.col.reminders": {"vi": "Số lần nhắc", "en": "Reminders"},
    "report.col.rank": {"vi": "Hạng", "en": "Rank"},
    "report.col.agency": {"vi": "Cơ quan", "en": "Agency"},
    "report.col.led": {"vi": "Số nhiệm vụ chủ trì", "en": "Tasks led"},
    "report.col.done_on_time": {"vi": "Hoàn thành đúng hạn", "en": "Done on time"},
    "report.col.on_time_pct": {"vi": "Tỷ lệ đúng hạn (%)", "en": "On time (%)"},
    "report.col.overdue_now": {"vi": "Quá hạn hiện nay", "en": "Overdue now"},
    "report.col.avg_days_late": {"vi": "Số ngày trễ bình quân", "en": "Average days late"},
    "report.row.total": {"vi": "Tổng cộng", "en": "Total"},
    "report.summary.detail": {
        "vi": "Trong số nhiệm vụ chưa triển khai có {not_started_overdue} nhiệm vụ đã quá hạn; tổng số nhiệm vụ "
        "đang quá hạn (chưa hoàn thành) là {overdue_open}.",
        "en": "Of the tasks not started, {not_started_overdue} are already overdue; {overdue_open} tasks not yet "
        "done are overdue in all.",
    },
    "report.summary.cancelled": {
        "vi": "Không tính {count} nhiệm vụ đã hủy.",
        "en": "{count} cancelled tasks are left out.",
    },
    "report.empty.tasks": {"vi": "Kế hoạch chưa có nhiệm vụ nào.", "en": "The plan has no tasks yet."},
    "report.empty.overdue": {"vi": "Không có nhiệm vụ quá hạn.", "en": "No task is overdue."},
    "report.empty.scorecard": {
        "vi": "Chưa có cơ quan chủ trì nào có nhiệm vụ để đánh giá.",
        "en": "No lead agency has tasks to assess yet.",
    },
    "report.empty.sessions": {
        "vi": "Không có phiên rà soát nào trong kỳ báo cáo.",
        "en": "No review session was held in the period.",
    },
    "report.session.heading": {
        "vi": "Phiên rà soát ngày {date}, chủ trì: {chair}",
        "en": "Review session of {date}, chaired by {chair}",
    },
    "report.session.no_conclusions": {"vi": "Phiên họp không có kết luận.", "en": "The session drew no conclusions."},
    "report.conclusion.task": {"vi": "→ giao nhiệm vụ số {number}", "en": "→ assigned as task {number}"},
    "report.recipients": {"vi": "Nơi nhận:", "en": "Recipients:"},
    "report.recipients.steering": {
        "vi": "- Ban Chỉ đạo chuyển đổi số tỉnh;",
        "en": "- The provincial digital transformation steering committee;",
    },
    "report.recipients.committee": {
        "vi": "- Thường trực UBND tỉnh;",
        "en": "- The standing members of the provincial People's Committee;",
    },
    "report.recipients.archive": {"vi": "- Lưu: VT, STTTT.", "en": "- Archive: VT, STTTT."},
    "report.signer": {"vi": "GIÁM ĐỐC", "en": "DIRECTOR"},
    "report.signature_note": {"vi": "(Ký, ghi rõ họ tên)", "en": "(Signature and full name)"},
    # --- the minutes of a review session
    "report.minutes.title": {"vi": "BIÊN BẢN PHIÊN HỌP RÀ SOÁT", "en": "MINUTES OF THE REVIEW SESSION"},
    "report.minutes.subject": {
        "vi": "Tình hình thực hiện Kế hoạch số {code}",
        "en": "Progress of Plan {code}",
    },
    "report.minutes.date": {"vi": "Thời gian: ngày {date}.", "en": "Held on: {date}."},
    "report.minutes.chair": {"vi": "Chủ trì: {chair}.", "en": "Chair: {chair}."},
    "report.minutes.attendees": {"vi": "Thành phần tham dự:", "en": "Attendees:"},
    "report.minutes.notes": {"vi": "Nội dung phiên họp:", "en": "Proceedings:"},
    "report.minutes.none": {"vi": "Không ghi nhận.", "en": "None recorded."},
    "report.minutes.figures": {
        "vi": "Số liệu tại thời điểm rà soát (tính đến ngày {date}):",
        "en": "Figures at the time of the review (as of {date}):",
    },
    "report.minutes.no_figures": {
        "vi": "Phiên họp không lưu số liệu.",
        "en": "No figures were stored with the session.",
    },
    "report.minutes.conclusions": {"vi": "Kết luận của chủ trì:", "en": "The chair's conclusions:"},
    "report.minutes.secretary": {"vi": "THƯ KÝ", "en": "SECRETARY"},
    "report.minutes.chair_sign": {"vi": "CHỦ TRÌ", "en": "CHAIR"},
}
