"""Time frames as plans write them ("Quý IV/2024", "Năm 2025", "Thường xuyên") turned into dates.

A quarter, month or year ends on its last day; "Hàng năm" is yearly (31/12 unless a day is given);
"Thường xuyên" is ongoing with no deadline. Matching ignores accents and case.
"""

from __future__ import annotations

import calendar as _calendar
import re
from dataclasses import dataclass
from datetime import date, datetime

from models.errors import ValidationError
from models.tables import Recurrence
from models.text import fold, nfc

ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_YEAR = r"((?:19|20)\d\d)"


@dataclass(frozen=True)
class TimeFrame:
    """What a time-frame phrase means: a deadline (None when ongoing), a recurrence, maybe a start."""

    text: str
    due_date: date | None
    recurrence: Recurrence
    start_date: date | None = None


def _month_end(year: int, month: int) -> date:
    return date(year, month, _calendar.monthrange(year, month)[1])


def _quarter(q: str) -> int:
    return ROMAN[q] if q in ROMAN else int(q)


def parse_time_frame(value: object, *, today: date) -> TimeFrame:
    """Read a time-frame phrase (or an Excel date); raise ValidationError when it means nothing.

    `today` places yearly phrases: "Hàng năm" and "Trước 15/12 hàng năm" take this year's deadline.
    """
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return TimeFrame(value.strftime("%d/%m/%Y"), value, Recurrence.ONCE)
    text = nfc(str(value) if value is not None else "")
    key = fold(text).rstrip(".")
    key = re.sub(r"^(truoc|den|trong|hoan thanh truoc|hoan thanh trong)\s+(ngay\s+)?", "", key)
    if not key:
        raise ValidationError("error.time_frame", text=text)

    if re.fullmatch(r"thuong xuyen|lien tuc|hang nam,? thuong xuyen|thuong xuyen,? hang nam", key):
        return TimeFrame(text, None, Recurrence.ONGOING)
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})\s*hang\s*nam", key):
        day, month = int(m[1]), int(m[2])
        return TimeFrame(text, _safe_date(today.year, month, day, text), Recurrence.YEARLY)
    if re.fullmatch(r"hang nam|hangnam|moi nam", key):
        return TimeFrame(text, date(today.year, 12, 31), Recurrence.YEARLY)
    if m := re.fullmatch(rf"quy\s*(iv|iii|ii|i|[1-4])\s*(?:/|nam|-)\s*{_YEAR}", key):
        quarter, year = _quarter(m[1]), int(m[2])
        return TimeFrame(text, _month_end(year, quarter * 3), Recurrence.ONCE, date(year, quarter * 3 - 2, 1))
    if m := re.fullmatch(rf"(?:thang\s*)?(\d{{1,2}})\s*(?:/|nam|-)\s*{_YEAR}", key):
        month, year = int(m[1]), int(m[2])
        if not 1 <= month <= 12:
            raise ValidationError("error.time_frame", text=text)
        return TimeFrame(text, _month_end(year, month), Recurrence.ONCE)
    if m := re.fullmatch(rf"(?:giai doan\s*|tu\s*)?(?:nam\s*)?{_YEAR}\s*(?:-|–|—|den)\s*(?:nam\s*)?{_YEAR}", key):
        first, last = int(m[1]), int(m[2])
        if last < first:
            raise ValidationError("error.time_frame", text=text)
        return TimeFrame(text, date(last, 12, 31), Recurrence.ONCE, date(first, 1, 1))
    if m := re.fullmatch(rf"(?:nam\s*)?{_YEAR}", key):
        year = int(m[1])
        return TimeFrame(text, date(year, 12, 31), Recurrence.ONCE, date(year, 1, 1))
    if m := re.fullmatch(rf"(\d{{1,2}})\s*[/.-]\s*(\d{{1,2}})\s*[/.-]\s*{_YEAR}", key):
        return TimeFrame(text, _safe_date(int(m[3]), int(m[2]), int(m[1]), text), Recurrence.ONCE)
    raise ValidationError("error.time_frame", text=text)


def _safe_date(year: int, month: int, day: int, text: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise ValidationError("error.time_frame", text=text) from None
