"""Catalogue entries of the board and the list view (merged into i18n.catalogue.MESSAGES)."""

from __future__ import annotations

MESSAGES_BOARD: dict[str, dict[str, str]] = {
    # words the drawing script needs ({n} and {status} are filled in the browser)
    "board.move": {"vi": "Chuyển", "en": "Move"},
    "board.move_to": {"vi": "Chuyển sang «{status}»", "en": "Move to “{status}”"},
    "board.more": {"vi": "Xem thêm {n} nhiệm vụ", "en": "Show {n} more tasks"},
    "board.collapse": {"vi": "Thu gọn", "en": "Collapse"},
    "board.expand": {"vi": "Mở rộng", "en": "Expand"},
    "board.empty_cell": {"vi": "Không có nhiệm vụ", "en": "No tasks"},
    "board.open": {"vi": "Mở chi tiết nhiệm vụ", "en": "Open the task"},
    "board.moving": {"vi": "Đang chuyển…", "en": "Moving…"},
    "board.progress": {"vi": "Tiến độ", "en": "Progress"},
    "board.due": {"vi": "Hạn", "en": "Due"},
    # server messages after a move
    "board.moved": {
        "vi": "Đã chuyển nhiệm vụ {number} sang «{status}».",
        "en": "Task {number} moved to “{status}”.",
    },
    "board.submitted_instead": {
        "vi": "Nhiệm vụ {number} đã được báo cáo hoàn thành và đang chờ Sở TT&TT xác nhận.",
        "en": "Task {number} is reported done and awaits the ICT department's confirmation.",
    },
    "board.refused": {"vi": "Không chuyển được nhiệm vụ: {reason}", "en": "The task was not moved: {reason}"},
    "board.live_updated": {
        "vi": "Bảng vừa được cập nhật theo thay đổi của người khác.",
        "en": "The board was updated with other people's changes.",
    },
    # the filter bar
    "board.filters": {"vi": "Bộ lọc", "en": "Filters"},
    "board.search": {"vi": "Tìm kiếm", "en": "Search"},
    "board.search_placeholder": {
        "vi": "Tìm nhiệm vụ, cơ quan… (gõ không dấu cũng được)",
        "en": "Search tasks, agencies… (accents optional)",
    },
    "board.all_categories": {"vi": "Tất cả lĩnh vực", "en": "All categories"},
    "board.all_agencies": {"vi": "Tất cả cơ quan chủ trì", "en": "All lead agencies"},
    "board.all_deadlines": {"vi": "Mọi tình trạng hạn", "en": "Any deadline state"},
    "board.state.on_time": {"vi": "Trong hạn", "en": "On time"},
    "board.state.due_soon": {"vi": "Sắp đến hạn", "en": "Due soon"},
    "board.state.overdue": {"vi": "Quá hạn", "en": "Overdue"},
    "board.state.done_on_time": {"vi": "Hoàn thành đúng hạn", "en": "Done on time"},
    "board.state.done_late": {"vi": "Hoàn thành quá hạn", "en": "Done late"},
    "board.state.ongoing": {"vi": "Thường xuyên", "en": "Ongoing"},
    "board.due_within": {"vi": "Hạn trong", "en": "Due within"},
    "board.working_days": {"vi": "ngày làm việc", "en": "working days"},
    "board.mine": {"vi": "Đơn vị tôi", "en": "My agency"},
    "board.show_cancelled": {"vi": "Hiện nhiệm vụ đã hủy", "en": "Show cancelled tasks"},
    "board.group_by": {"vi": "Nhóm theo", "en": "Group by"},
    "board.group_category": {"vi": "Lĩnh vực", "en": "Category"},
    "board.group_agency": {"vi": "Cơ quan chủ trì", "en": "Lead agency"},
    "board.reset": {"vi": "Xóa lọc", "en": "Reset filters"},
    "board.view_board": {"vi": "Bảng", "en": "Board"},
    "board.view_list": {"vi": "Danh sách", "en": "List"},
    "board.plan": {"vi": "Kế hoạch", "en": "Plan"},
    "board.empty": {
        "vi": "Không có nhiệm vụ nào khớp bộ lọc — thử «Xóa lọc».",
        "en": "No task matches the filters — try “Reset filters”.",
    },
    "board.help": {
        "vi": "Kéo thẻ sang cột khác, hoặc dùng nút «Chuyển» trên thẻ (phím Tab, Enter, mũi tên).",
        "en": "Drag a card to another column, or use its “Move” button (Tab, Enter, arrow keys).",
    },
    "board.loading": {"vi": "Đang tải bảng nhiệm vụ…", "en": "Loading the board…"},
    # the list view
    "list.heading": {"vi": "Danh sách nhiệm vụ", "en": "Task list"},
    "list.col.category": {"vi": "Lĩnh vực", "en": "Category"},
    "list.count": {"vi": "{count} nhiệm vụ", "en": "{count} tasks"},
}
