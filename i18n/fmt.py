"""Dates dd/mm/yyyy and numbers 1.234,5 (Vietnamese) or 1,234.5 (English), through Babel."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from babel.numbers import format_decimal

_LOCALES = {"vi": "vi_VN", "en": "en_GB"}


def format_date(value: date | datetime | None, lang: str = "vi") -> str:
    """dd/mm/yyyy in both languages (the convention of Vietnamese documents); '' for None."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


def format_datetime(value: datetime | None, lang: str = "vi", tz: str = "Asia/Ho_Chi_Minh") -> str:
    """HH:MM dd/mm/yyyy in the tracker's time zone; naive values are taken as UTC."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo("UTC"))
    local = value.astimezone(ZoneInfo(tz))
    return f"{local:%H:%M} {format_date(local, lang)}"


def format_number(value: float | int | None, lang: str = "vi", digits: int = 1) -> str:
    """1.234,5 in Vietnamese, 1,234.5 in English; at most `digits` decimals."""
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool):  # the common case, without Babel's cost
        grouped = f"{value:,}"
        return grouped.replace(",", ".") if lang != "en" else grouped
    pattern = "#,##0" + ("." + "#" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=_LOCALES.get(lang, "vi_VN"))


def format_percent(value: float | int | None, lang: str = "vi", digits: int = 1) -> str:
    """A share already in percent (42.5 → '42,5%')."""
    if value is None:
        return ""
    return f"{format_number(value, lang, digits)}%"
