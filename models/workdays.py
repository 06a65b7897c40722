"""Working days in Vietnam: weekends and public holidays (Tết included) are not working days.

The `holidays` package knows Vietnam's public holidays, lunar ones included, and the Saturdays the
government swaps into working days ("làm bù"). Provinces sometimes get extra decisions, so a calendar
also takes extra days off and extra working days.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache

import holidays


class WorkCalendar:
    """Vietnam's working-day calendar, with optional local additions."""

    def __init__(self, extra_days_off: Iterable[date] = (), extra_working_days: Iterable[date] = ()) -> None:
        self._holidays = holidays.country_holidays("VN")
        self._extra_off = frozenset(extra_days_off)
        self._extra_work = frozenset(extra_working_days)
        # Prefix sums of working days from `base` (an ordinal): counting days between two dates is then
        # O(1), which the board needs for thousands of cards. Rebuilt wider when a date falls outside.
        self._index: tuple[int, list[int]] = (0, [])
        self._lock = threading.Lock()

    def _covering(self, low: int, high: int) -> tuple[int, list[int]]:
        """An index (base, prefix counts) that covers ordinals low..high, extended when needed."""
        base, counts = self._index
        if counts and base <= low and high < base + len(counts):
            return base, counts
        with self._lock:
            base, counts = self._index
            if counts and base <= low and high < base + len(counts):
                return base, counts
            first = min(low, base if counts else low) - 370
            last = max(high, base + len(counts) if counts else high) + 370
            running, counts = 0, []
            for day_ordinal in range(first, last):
                counts.append(running)  # working days in [first, day)
                running += self.is_working_day(date.fromordinal(day_ordinal))
            self._index = (first, counts)
            return first, counts

    def is_working_day(self, day: date) -> bool:
        """True on a day civil servants work."""
        if day in self._extra_work:
            return True
        if day in self._extra_off:
            return False
        return self._holidays.is_working_day(day)

    def holiday_name(self, day: date) -> str | None:
        """The holiday's name, or None."""
        return self._holidays.get(day)

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after `start` (before it when n < 0); n = 0 returns `start`."""
        step = 1 if n >= 0 else -1
        day, left = start, abs(n)
        while left:
            day += timedelta(days=step)
            if self.is_working_day(day):
                left -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]; negative when end is before start."""
        if end < start:
            return -self.working_days_between(end, start)
        low, high = start.toordinal() + 1, end.toordinal() + 1
        base, counts = self._covering(low, high)
        return counts[high - base] - counts[low - base]

    def working_days_until(self, today: date, due: date) -> int:
        """'Due in N working days': 0 when due today, 1 when due on the next working day."""
        return self.working_days_between(today, due)

    def working_days_overdue(self, due: date, today: date) -> int:
        """'Overdue by N working days': working days after the deadline, up to and including today."""
        return max(0, self.working_days_between(due, today))


@lru_cache(maxsize=1)
def default_calendar() -> WorkCalendar:
    """The national calendar without local additions (shared; it is read-only)."""
    return WorkCalendar()
