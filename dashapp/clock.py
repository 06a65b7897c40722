"""The only place that reads the clock. TRACKER_TODAY pins the date for demos and tests."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from dashapp.settings import Settings


def now(settings: Settings) -> datetime:
    """The current moment in the tracker's time zone (on the pinned day when TRACKER_TODAY is set)."""
    current = datetime.now(ZoneInfo(settings.timezone))
    if settings.today is not None:
        current = current.replace(year=settings.today.year, month=settings.today.month, day=settings.today.day)
    return current


def today(settings: Settings) -> date:
    """Today's date in the tracker's time zone."""
    return now(settings).date()
