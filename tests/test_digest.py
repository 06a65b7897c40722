"""Composing a reminder e-mail: the official Vietnamese wording, the groups, the links, and user text that
can neither inject markup into the HTML part nor forge lines or headers in the text part and the subject.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from html.parser import HTMLParser

import pytest

from models.digest import (
    Digest,
    FlaggedTask,
    Message,
    compose,
    one_line,
    status_text,
    subject,
    summary_counts,
    task_url,
)
from models.tables import ItemKind, NotificationKind

DAY = date(2026, 6, 16)
BASE = "https://dx.example.gov.vn"
AGENCY = "Sở Nội vụ tỉnh Quảng Ninh"
PLAN = "55/KH-UBND"

ESCALATED = FlaggedTask(
    7, "3.2", "Xây dựng kho dữ liệu dùng chung", PLAN, "Sở Y tế", ItemKind.ESCALATED, date(2026, 5, 15), 32, 20
)
WEEKLY = FlaggedTask(
    8, "3.5", "Triển khai bệnh án điện tử", PLAN, "Sở Y tế", ItemKind.ESCALATED_WEEKLY, date(2026, 4, 1), 76, 50
)
URGED = FlaggedTask(
    9, "4.1", "Chuẩn hoá dữ liệu đất đai", PLAN, "Sở Tài nguyên", ItemKind.URGED, date(2026, 6, 5), 11, 7
)
OVERDUE = FlaggedTask(12, "1.4", "Cấp chữ ký số chuyên dùng", PLAN, AGENCY, ItemKind.OVERDUE, date(2026, 6, 15), 1, 1)
STILL = FlaggedTask(13, "1.7", "Tập huấn kỹ năng số", PLAN, AGENCY, ItemKind.STILL_OVERDUE, date(2026, 6, 5), 11, 7)
SOON = FlaggedTask(
    21, "2.1", "Số hoá hồ sơ, giấy tờ", PLAN, AGENCY, ItemKind.DUE_SOON, date(2026, 6, 25), None, None, 7
)
TODAY_DUE = FlaggedTask(22, "2.2", "Báo cáo quý II", PLAN, AGENCY, ItemKind.DUE_SOON, DAY, None, None, 0)


def digest(
    *items: FlaggedTask, name: str = AGENCY, kind: NotificationKind = NotificationKind.DIGEST, recipient: str = "snv"
) -> Digest:
    return Digest(recipient, 3, name, ("vanthu@snv.example.gov.vn",), kind, tuple(items))


def write(d: Digest, **kwargs) -> Message:
    kwargs.setdefault("day", DAY)
    kwargs.setdefault("base_url", BASE)
    return compose(d, **kwargs)


class Page(HTMLParser):
    """What a mail reader would show: the elements, the text, the links, the table rows, the headings."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.chunks: list[str] = []
        self.links: list[tuple[str | None, str]] = []
        self.rows: list[list[str]] = []
        self.headings: list[str] = []
        self._link: str | None = None
        self._cell: list[str] | None = None
        self._heading: list[str] | None = None
        self.feed(source)
        self.close()

    @property
    def text(self) -> str:
        return "".join(self.chunks)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "a":
            self._link = dict(attrs).get("href")
            self.links.append((self._link, ""))
        elif tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "h3":
            self._heading = []

    def handle_endtag(self, tag):
        if tag == "a":
            self._link = None
        elif tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None
        elif tag == "h3" and self._heading is not None:
            self.headings.append("".join(self._heading))
            self._heading = None

    def handle_data(self, data):
        self.chunks.append(data)
        if self._link is not None:
            href, text = self.links[-1]
            self.links[-1] = (href, text + data)
        if self._cell is not None:
            self._cell.append(data)
        if self._heading is not None:
            self._heading.append(data)


EXPECTED_TAGS = {"html", "head", "meta", "body", "p", "strong", "em", "h3", "table", "thead", "tbody", "tr", "th"}
EXPECTED_TAGS |= {"td", "a", "br", "span", "hr"}


# ----------------------------------------------------------------------------------------- the wording
def test_text_reads_as_an_official_reminder():
    text = write(digest(OVERDUE, SOON)).text
    lines = text.splitlines()
    assert lines[0] == f"Kính gửi: {AGENCY}"
    assert "Sở Thông tin và Truyền thông" in lines[2]
    assert f"trân trọng thông báo tới {AGENCY}" in lines[2]
    assert lines[2].endswith("tính đến ngày 16/06/2026:")
    assert "Trân trọng./." in lines
    assert lines.index("Trân trọng./.") > lines.index("  - Nhiệm vụ số 2.1 (55/KH-UBND): Số hoá hồ sơ, giấy tờ")
    assert lines[-1].startswith("Thư do hệ thống Theo dõi nhiệm vụ chuyển đổi số gửi tự động")
    assert text.endswith("\n")


def test_html_reads_as_an_official_reminder():
    message = write(digest(OVERDUE, SOON))
    page = Page(message.html)
    assert message.html.startswith('<!doctype html><html lang="vi">')
    assert ("meta", {"charset": "utf-8"}) in page.tags
    assert page.text.startswith(f"Kính gửi: {AGENCY}")
    assert "tính đến ngày 16/06/2026:" in page.text
    assert "Trân trọng./." in page.text
    assert page.text.index("Trân trọng./.") > page.text.index("Số hoá hồ sơ, giấy tờ")


def test_item_details_appear_in_both_parts():
    message = write(digest(OVERDUE, SOON))
    text, page = message.text, Page(message.html)
    assert "  - Nhiệm vụ số 1.4 (55/KH-UBND): Cấp chữ ký số chuyên dùng" in text
    assert "    Thời hạn: 15/06/2026 – quá hạn 1 ngày (1 ngày làm việc)" in text
    assert f"    Cập nhật tiến độ tại: {BASE}/task/12" in text
    assert "    Thời hạn: 25/06/2026 – còn 7 ngày làm việc" in text
    assert f"    Cập nhật tiến độ tại: {BASE}/task/21" in text
    assert page.rows == [
        ["Số", "Nhiệm vụ", "Thời hạn", "Tình trạng"],
        ["1.4", f"Cấp chữ ký số chuyên dùng{PLAN}", "15/06/2026", "quá hạn 1 ngày (1 ngày làm việc)"],
        ["Số", "Nhiệm vụ", "Thời hạn", "Tình trạng"],
        ["2.1", f"Số hoá hồ sơ, giấy tờ{PLAN}", "25/06/2026", "còn 7 ngày làm việc"],
    ]
    assert page.links == [
        (f"{BASE}/task/12", "Cấp chữ ký số chuyên dùng"),
        (f"{BASE}/task/21", "Số hoá hồ sơ, giấy tờ"),
    ]


def test_days_overdue_and_working_days_overdue_both_appear():
    message = write(digest(ESCALATED))
    assert "15/05/2026 – quá hạn 32 ngày (20 ngày làm việc)" in message.text
    assert "quá hạn 32 ngày (20 ngày làm việc)" in Page(message.html).rows[1]


def test_due_today_reads_as_due_today():
    message = write(digest(TODAY_DUE))
    assert "    Thời hạn: 16/06/2026 – đến hạn hôm nay" in message.text
    assert Page(message.html).rows[1][-1] == "đến hạn hôm nay"


def test_dates_are_day_month_year_with_leading_zeros():
    item = replace(OVERDUE, due_date=date(2026, 2, 3), days_overdue=1, working_days_overdue=1)
    message = write(digest(item), day=date(2026, 1, 5))
    assert "Thời hạn: 03/02/2026 –" in message.text
    assert "tính đến ngày 05/01/2026:" in message.text
    assert "ngày 05/01/2026" in message.subject
    assert "03/02/2026" in Page(message.html).rows[1]
    for wrong in ("2026-02-03", "02/03/2026", "3/2/2026", "2026-01-05"):
        assert wrong not in message.text
        assert wrong not in message.html
        assert wrong not in message.subject


def test_large_numbers_use_vietnamese_grouping():
    item = replace(STILL, days_overdue=1234, working_days_overdue=1001)
    message = write(digest(item))
    assert "quá hạn 1.234 ngày (1.001 ngày làm việc)" in message.text
    assert "quá hạn 1.234 ngày (1.001 ngày làm việc)" in Page(message.html).text


# --------------------------------------------------------------------------------------------- groups
def test_a_huge_group_lists_the_first_ones_and_points_to_the_notification_centre():
    from models.digest import MAX_LISTED_PER_GROUP

    many = [replace(STILL, task_id=1000 + n, number=str(n), days_overdue=5000 - n) for n in range(1, 1451)]
    message = write(digest(*many, SOON))
    listed = [line for line in message.text.splitlines() if line.startswith("  - ")]
    assert len(listed) == MAX_LISTED_PER_GROUP + 1  # the long group cut, the due-soon group whole
    assert listed[0].startswith("  - Nhiệm vụ số 1 ")  # the longest overdue first
    more = "… và 1.250 nhiệm vụ khác trong nhóm này, xem đầy đủ tại: https://dx.example.gov.vn/notifications"
    assert more in message.text
    assert more in Page(message.html).text
    assert "(1.450)" in message.text  # the group's heading still counts them all
    assert len(Page(message.html).rows) == MAX_LISTED_PER_GROUP + 1 + 2  # + two header rows
    assert len(message.html) < 200_000


def test_groups_in_severity_order_with_counts():
    d = digest(SOON, STILL, OVERDUE, URGED, WEEKLY, ESCALATED, TODAY_DUE)
    message = write(d)
    headings = [
        "1. NHIỆM VỤ QUÁ HẠN TỪ 20 NGÀY LÀM VIỆC (BÁO CÁO BAN CHỈ ĐẠO) (1)",
        "2. NHIỆM VỤ VẪN QUÁ HẠN TỪ 20 NGÀY LÀM VIỆC (TỔNG HỢP HẰNG TUẦN) (1)",
        "3. NHIỆM VỤ ĐỀ NGHỊ KHẨN TRƯƠNG THỰC HIỆN (1)",
        "4. NHIỆM VỤ MỚI QUÁ HẠN (1)",
        "5. NHIỆM VỤ VẪN ĐANG QUÁ HẠN (1)",
        "6. NHIỆM VỤ SẮP ĐẾN HẠN (2)",
    ]
    lines = message.text.splitlines()
    assert [line for line in lines if line[:2] in {f"{n}." for n in range(1, 10)}] == headings
    assert Page(message.html).headings == headings
    assert [kind for kind, _ in d.groups()] == [
        ItemKind.ESCALATED,
        ItemKind.ESCALATED_WEEKLY,
        ItemKind.URGED,
        ItemKind.OVERDUE,
        ItemKind.STILL_OVERDUE,
        ItemKind.DUE_SOON,
    ]


def test_groups_are_numbered_without_gaps_when_kinds_are_missing():
    message = write(digest(SOON, OVERDUE))
    assert Page(message.html).headings == ["1. NHIỆM VỤ MỚI QUÁ HẠN (1)", "2. NHIỆM VỤ SẮP ĐẾN HẠN (1)"]
    assert "1. NHIỆM VỤ MỚI QUÁ HẠN (1)" in message.text.splitlines()
    assert "2. NHIỆM VỤ SẮP ĐẾN HẠN (1)" in message.text.splitlines()


def test_items_within_a_group_longest_overdue_then_earliest_deadline_then_number():
    longest = replace(STILL, task_id=1, number="9", days_overdue=40, due_date=date(2026, 5, 7))
    tied_a = replace(STILL, task_id=2, number="1.10", days_overdue=11, due_date=date(2026, 6, 5))
    tied_b = replace(STILL, task_id=3, number="1.2", days_overdue=11, due_date=date(2026, 6, 5))
    tied_c = replace(STILL, task_id=4, number="2", days_overdue=11, due_date=date(2026, 6, 5))
    later = replace(SOON, task_id=5, number="1", due_date=date(2026, 6, 25))
    earlier = replace(SOON, task_id=6, number="8", due_date=date(2026, 6, 19))
    d = digest(tied_a, later, tied_c, longest, earlier, tied_b)
    assert [[i.number for i in items] for _, items in d.groups()] == [["9", "1.2", "1.10", "2"], ["8", "1"]]
    links = [href for href, _ in Page(write(d).html).links]
    assert links == [f"{BASE}/task/{n}" for n in (1, 3, 2, 4, 6, 5)]


def test_escalation_groups_name_the_lead_agency():
    message = write(digest(ESCALATED, WEEKLY, OVERDUE, name="Ban Chỉ đạo chuyển đổi số tỉnh", recipient="steering"))
    lines = message.text.splitlines()
    for item in (ESCALATED, WEEKLY):
        at = lines.index(f"  - Nhiệm vụ số {item.number} ({PLAN}): {item.title}")
        assert lines[at + 1] == "    Cơ quan chủ trì: Sở Y tế"
    at = lines.index(f"  - Nhiệm vụ số 1.4 ({PLAN}): {OVERDUE.title}")
    assert lines[at + 1].startswith("    Thời hạn: ")
    assert sum(line.startswith("    Cơ quan chủ trì:") for line in lines) == 2
    rows = Page(message.html).rows
    assert rows[0] == ["Số", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Tình trạng"]
    assert rows[1][2] == "Sở Y tế"
    assert rows[2] == rows[0]
    assert rows[3][2] == "Sở Y tế"
    assert rows[4] == ["Số", "Nhiệm vụ", "Thời hạn", "Tình trạng"]  # a lead agency's own overdue task
    assert len(rows[5]) == 4


def test_empty_digest_has_no_groups():
    message = write(digest())
    assert Page(message.html).headings == []
    assert "<table" not in message.html
    assert "Trân trọng./." in message.text
    assert message.subject.endswith(": 0 nhiệm vụ quá hạn, 0 sắp đến hạn")


# -------------------------------------------------------------------------------------------- subject
def test_subject_counts_overdue_and_due_soon():
    d = digest(ESCALATED, URGED, OVERDUE, STILL, SOON, TODAY_DUE)
    assert write(d).subject == (
        f"[Chuyển đổi số] Nhắc việc ngày 16/06/2026 gửi {AGENCY}: 4 nhiệm vụ quá hạn, 2 sắp đến hạn"
    )
    assert subject(d, DAY) == write(d).subject


def test_summary_counts():
    assert summary_counts([ESCALATED, WEEKLY, URGED, OVERDUE, STILL, SOON, TODAY_DUE]) == (5, 2)
    assert summary_counts([]) == (0, 0)
    assert summary_counts([SOON]) == (0, 1)


# ----------------------------------------------------------------------------------------------- urge
def test_urge_with_a_coordinators_note():
    # An urge flags every open late or near task as "urged"; the subject still tells overdue from due soon.
    urged_soon = replace(
        URGED, task_id=10, number="4.2", title="Cập nhật cơ sở dữ liệu giá đất", due_date=date(2026, 6, 25)
    )
    urged_soon = replace(urged_soon, days_overdue=None, working_days_overdue=None, working_days_left=7)
    d = digest(urged_soon, URGED, kind=NotificationKind.URGE)
    message = write(d, note="Đề nghị báo cáo kết quả trước ngày 30/06/2026.", sender="Nguyễn Văn An (Sở TT&TT)")
    assert message.subject == (
        f"[Chuyển đổi số] Đôn đốc thực hiện nhiệm vụ gửi {AGENCY} ngày 16/06/2026 (1 quá hạn, 1 sắp đến hạn)"
    )
    lines = message.text.splitlines()
    assert lines[0] == f"Kính gửi: {AGENCY}"
    assert f"đề nghị {AGENCY} khẩn trương chỉ đạo thực hiện" in lines[2]
    assert lines[2].endswith("(tình hình đến ngày 16/06/2026):")
    note = "Ý kiến của Nguyễn Văn An (Sở TT&TT): Đề nghị báo cáo kết quả trước ngày 30/06/2026."
    assert lines[4] == note  # after the introduction, before the first group
    heading = "1. NHIỆM VỤ ĐỀ NGHỊ KHẨN TRƯƠNG THỰC HIỆN (2)"
    assert lines.index(note) < lines.index(heading)
    assert "    Thời hạn: 05/06/2026 – quá hạn 11 ngày (7 ngày làm việc)" in lines
    assert "    Thời hạn: 25/06/2026 – còn 7 ngày làm việc" in lines
    assert any(line.startswith("Đề nghị quý cơ quan khẩn trương triển khai") for line in lines)
    assert "Trân trọng./." in lines
    assert f"<p><em>{note.replace('&', '&amp;')}</em></p>" in message.html
    page = Page(message.html)
    assert page.headings == [heading]
    assert [href for href, _ in page.links] == [f"{BASE}/task/9", f"{BASE}/task/10"]  # the overdue one first
    assert note in page.text
    assert page.text.index(note) < page.text.index(heading)


def test_a_digest_is_not_worded_as_an_urge():
    message = write(digest(STILL))
    assert "Đôn đốc" not in message.subject
    assert "khẩn trương" not in message.text
    assert any(line.startswith("Đề nghị quý cơ quan quan tâm chỉ đạo") for line in message.text.splitlines())


@pytest.mark.parametrize("note", ["", "   ", "\n\t"])
def test_a_blank_note_adds_nothing(note):
    message = write(digest(STILL, kind=NotificationKind.URGE), note=note, sender="Nguyễn Văn An")
    assert "Ý kiến của" not in message.text
    assert "<em>" not in message.html
    assert message == write(digest(STILL, kind=NotificationKind.URGE))


# ------------------------------------------------------------------------------------------- English
def test_english_output():
    d = digest(ESCALATED, STILL, SOON, name="Department of Home Affairs")
    message = write(d, lang="en")
    lines = message.text.splitlines()
    assert message.subject == (
        "[Digital transformation] Reminder of 16/06/2026 to Department of Home Affairs: 2 overdue, 1 due soon"
    )
    assert lines[0] == "To: Department of Home Affairs"
    assert "Kind regards." in lines
    assert "1. TASKS OVERDUE BY 20 WORKING DAYS OR MORE (REPORTED TO THE STEERING COMMITTEE) (1)" in lines
    assert "    Lead agency: Sở Y tế" in lines
    assert "    Deadline: 05/06/2026 – overdue by 11 days (7 working days)" in lines
    assert "    Deadline: 25/06/2026 – 7 working days left" in lines
    assert f"    Update progress at: {BASE}/task/13" in lines
    assert message.html.startswith('<!doctype html><html lang="en">')
    page = Page(message.html)
    assert page.text.startswith("To: Department of Home Affairs")
    assert page.rows[0] == ["No.", "Task", "Lead agency", "Deadline", "State"]
    for vietnamese in ("Kính gửi", "Trân trọng", "Nhiệm vụ", "Thời hạn"):
        assert vietnamese not in message.text
        assert vietnamese not in page.text


def test_english_numbers_use_english_grouping():
    item = replace(STILL, days_overdue=1234, working_days_overdue=1001)
    assert "overdue by 1,234 days (1,001 working days)" in write(digest(item), lang="en").text


# ---------------------------------------------------------------------------------------- user strings
MARKUP = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</td></tr></table><iframe src=//evil.example>",
    "<a href=javascript:alert(1)>bấm</a>",
]
FIELDS = ["title", "number", "plan_code", "lead_agency"]


def hostile_digest(field: str, value: str) -> tuple[Digest, dict]:
    """A digest with `value` in one user field (the task is escalated so the lead agency shows too)."""
    extra = {}
    if field == "recipient_name":
        return digest(ESCALATED, name=value), extra
    if field in ("note", "sender"):
        extra = {"note": "Ghi chú", "sender": "Nguyễn Văn An", field: value}
        return digest(ESCALATED, kind=NotificationKind.URGE), extra
    return digest(replace(ESCALATED, **{field: value})), extra


def assert_no_injected_markup(html: str, value: str) -> Page:
    page = Page(html)
    assert {tag for tag, _ in page.tags} <= EXPECTED_TAGS
    assert not any(name.startswith("on") for _, attrs in page.tags for name in attrs)
    assert all(attrs == {"href": f"{BASE}/task/7"} for tag, attrs in page.tags if tag == "a")
    assert value not in html  # never raw
    return page


@pytest.mark.parametrize("value", MARKUP)
@pytest.mark.parametrize("field", [*FIELDS, "recipient_name", "note", "sender"])
def test_user_strings_are_escaped_in_the_html(field, value):
    d, extra = hostile_digest(field, value)
    message = write(d, **extra)
    page = assert_no_injected_markup(message.html, value)
    assert value in page.text  # shown to the reader as text, exactly
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert escaped.replace('"', "&quot;").replace("'", "&#x27;") in message.html
    assert value in message.text  # the plain-text part keeps it readable, as text


def test_no_script_element_from_a_title():
    message = write(digest(replace(OVERDUE, title="<script>alert(1)</script>")))
    page = Page(message.html)
    assert "script" not in {tag for tag, _ in page.tags}
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in message.html
    assert page.links == [(f"{BASE}/task/12", "<script>alert(1)</script>")]


def test_a_quote_in_the_link_cannot_break_out_of_the_attribute():
    base = 'https://dx.example.gov.vn/"onmouseover="alert(1)'
    page = Page(write(digest(OVERDUE), base_url=base).html)
    anchors = [attrs for tag, attrs in page.tags if tag == "a"]
    assert anchors == [{"href": f"{base}/task/12"}]


BREAKS = ["\n", "\r\n", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029", "\t", "\x00"]


@pytest.mark.parametrize("brk", BREAKS)
@pytest.mark.parametrize("field", [*FIELDS, "recipient_name", "note", "sender"])
def test_user_strings_cannot_add_lines_or_headers(field, brk):
    value = f"Dòng một{brk}Bcc: x@y.example{brk}{brk}Dòng hai"
    d, extra = hostile_digest(field, value)
    clean_d, clean_extra = hostile_digest(field, "Dòng một Bcc: x@y.example Dòng hai")
    message, clean = write(d, **extra), write(clean_d, **clean_extra)
    assert message == clean  # the break became one space, nothing else changed
    assert "Dòng một Bcc: x@y.example Dòng hai" in message.text
    lines = message.text.splitlines()
    assert lines == message.text.split("\n")[:-1]  # no exotic line separators survive
    assert not any(line.startswith(("Bcc:", "Dòng hai")) for line in lines)
    for part in (message.subject, message.html):
        assert all(ch.isprintable() for ch in part), repr(part)


def test_a_recipient_name_cannot_forge_a_header_in_the_subject():
    d = digest(OVERDUE, name="Sở Nội vụ\r\nBcc: x@y.example\r\n\r\n<b>")
    line = write(d).subject
    assert "\r" not in line
    assert "\n" not in line
    assert line == (
        "[Chuyển đổi số] Nhắc việc ngày 16/06/2026 gửi Sở Nội vụ Bcc: x@y.example <b>: "
        "1 nhiệm vụ quá hạn, 0 sắp đến hạn"
    )
    assert subject(d, DAY) == line


def test_the_title_line_count_is_independent_of_the_title():
    plain = write(digest(OVERDUE)).text
    hostile = write(digest(replace(OVERDUE, title="A\nB\r\nC\u2028D"))).text
    assert len(hostile.splitlines()) == len(plain.splitlines())
    assert "Nhiệm vụ số 1.4 (55/KH-UBND): A B C D" in hostile


# ------------------------------------------------------------------------------------------- helpers
@pytest.mark.parametrize(
    ("raw", "flat"),
    [
        (None, ""),
        ("", ""),
        ("Sở Thông tin và Truyền thông", "Sở Thông tin và Truyền thông"),
        ("  Kế hoạch \t 55/KH-UBND \n", "Kế hoạch 55/KH-UBND"),
        ("a\r\nBcc: x@y", "a Bcc: x@y"),
        ("a\u2028b\u2029c\x85d", "a b c d"),
        ("a\x00b\x1bc\x7fd", "a b c d"),
        ("a\u00a0b", "a b"),  # a no-break space is a space
        ("Nghị quyết 57-NQ/TW <ngày 22/12/2024>", "Nghị quyết 57-NQ/TW <ngày 22/12/2024>"),
        ("Tiếng Việt: ắ ằ ẳ ẵ ặ đ Đ ư ơ", "Tiếng Việt: ắ ằ ẳ ẵ ặ đ Đ ư ơ"),
    ],
)
def test_one_line(raw, flat):
    assert one_line(raw) == flat


def test_one_line_keeps_decomposed_vietnamese():
    decomposed = "Vie\u0302\u0323t Nam"  # ê with a dot below, as combining marks
    assert one_line(decomposed) == decomposed


@pytest.mark.parametrize(
    ("base", "task_id", "url"),
    [
        ("https://dx.example.gov.vn", 7, "https://dx.example.gov.vn/task/7"),
        ("https://dx.example.gov.vn/", 7, "https://dx.example.gov.vn/task/7"),
        ("https://dx.example.gov.vn///", 12, "https://dx.example.gov.vn/task/12"),
        ("https://example.gov.vn/theo-doi", 3, "https://example.gov.vn/theo-doi/task/3"),
        ("https://example.gov.vn/theo-doi/", "45", "https://example.gov.vn/theo-doi/task/45"),
    ],
)
def test_task_url(base, task_id, url):
    assert task_url(base, task_id) == url


@pytest.mark.parametrize("task_id", ["1/../admin", "7?x=1", "abc"])
def test_task_url_accepts_only_a_number(task_id):
    with pytest.raises(ValueError):
        task_url(BASE, task_id)


@pytest.mark.parametrize(
    ("item", "lang", "text"),
    [
        (OVERDUE, "vi", "quá hạn 1 ngày (1 ngày làm việc)"),
        (ESCALATED, "vi", "quá hạn 32 ngày (20 ngày làm việc)"),
        (ESCALATED, "en", "overdue by 32 days (20 working days)"),
        (
            replace(STILL, days_overdue=2500, working_days_overdue=1700),
            "vi",
            "quá hạn 2.500 ngày (1.700 ngày làm việc)",
        ),
        (
            replace(STILL, days_overdue=2500, working_days_overdue=1700),
            "en",
            "overdue by 2,500 days (1,700 working days)",
        ),
        (replace(STILL, working_days_overdue=None), "vi", "quá hạn 11 ngày (0 ngày làm việc)"),
        (SOON, "vi", "còn 7 ngày làm việc"),
        (SOON, "en", "7 working days left"),
        (TODAY_DUE, "vi", "đến hạn hôm nay"),
        (TODAY_DUE, "en", "due today"),
        (replace(SOON, days_overdue=0, working_days_left=3), "vi", "còn 3 ngày làm việc"),
        (replace(SOON, working_days_left=None), "vi", ""),
    ],
)
def test_status_text(item, lang, text):
    assert status_text(item, lang) == text


def test_status_text_defaults_to_vietnamese():
    assert status_text(SOON) == "còn 7 ngày làm việc"
