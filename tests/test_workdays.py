"""Working-day arithmetic on Vietnam's real calendar (the `holidays` package): Tết, 30/4–1/5, làm bù."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from models.workdays import WorkCalendar, default_calendar

CAL = WorkCalendar()


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 2, 16),  # Tết 2026: Mon 16 – Fri 20/02
        date(2026, 2, 17),
        date(2026, 2, 18),
        date(2026, 2, 19),
        date(2026, 2, 20),
        date(2026, 4, 27),  # Hùng Kings' day 2026 (Sun 26/04) observed on Mon 27/04
        date(2026, 4, 30),
        date(2026, 5, 1),
        date(2026, 9, 1),
        date(2026, 9, 2),
        date(2026, 1, 1),
        date(2025, 1, 27),  # Tết 2025: Mon 27 – Fri 31/01
        date(2025, 1, 31),
        date(2025, 5, 2),  # swapped day off (made up on Sat 26/04/2025)
    ],
)
def test_public_holidays_are_not_working_days(day):
    assert day.weekday() < 5
    assert CAL.is_working_day(day) is False
    assert CAL.holiday_name(day)


@pytest.mark.parametrize("day", [date(2026, 6, 13), date(2026, 6, 14), date(2026, 2, 14), date(2025, 4, 27)])
def test_weekends_are_not_working_days(day):
    assert day.weekday() >= 5
    assert CAL.is_working_day(day) is False


@pytest.mark.parametrize("day", [date(2026, 6, 15), date(2026, 2, 13), date(2026, 2, 23), date(2026, 4, 29)])
def test_ordinary_weekdays_are_working_days(day):
    assert CAL.is_working_day(day) is True
    assert CAL.holiday_name(day) is None


def test_swapped_saturday_2025_is_a_working_day():
    saturday = date(2025, 4, 26)
    assert saturday.weekday() == 5
    assert CAL.is_working_day(saturday) is True
    assert CAL.is_working_day(date(2025, 5, 2)) is False


def test_add_working_days_across_tet_2026():
    assert CAL.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 23)
    assert CAL.add_working_days(date(2026, 2, 13), 2) == date(2026, 2, 24)
    assert CAL.add_working_days(date(2026, 2, 12), 2) == date(2026, 2, 23)


def test_add_working_days_backwards_across_tet_2026():
    assert CAL.add_working_days(date(2026, 2, 23), -1) == date(2026, 2, 13)
    assert CAL.add_working_days(date(2026, 2, 23), -2) == date(2026, 2, 12)


def test_working_days_between_across_tet_2026():
    # (13/02, 23/02]: Sat 14, Sun 15, Tết 16–20, Sat 21, Sun 22, then Mon 23 → one working day.
    assert CAL.working_days_between(date(2026, 2, 13), date(2026, 2, 23)) == 1
    # (09/02, 27/02]: 10–13 (4) + 23–27 (5) = 9 working days across a three-week span.
    assert CAL.working_days_between(date(2026, 2, 9), date(2026, 2, 27)) == 9
    assert CAL.working_days_between(date(2026, 2, 13), date(2026, 2, 20)) == 0


def test_add_working_days_across_30_4_and_1_5_2026():
    # Thu 30/04 and Fri 01/05 are holidays, then the weekend.
    assert CAL.add_working_days(date(2026, 4, 29), 1) == date(2026, 5, 4)
    assert CAL.add_working_days(date(2026, 5, 4), -1) == date(2026, 4, 29)
    assert CAL.working_days_between(date(2026, 4, 29), date(2026, 5, 4)) == 1


def test_hung_kings_observed_day_2026():
    # Fri 24/04 → Mon 27/04 is observed, so the next working day is Tue 28/04.
    assert CAL.add_working_days(date(2026, 4, 24), 1) == date(2026, 4, 28)


def test_add_working_days_around_swapped_saturday_2025():
    # Fri 25/04/2025 → Sat 26/04 is a working day (làm bù).
    assert CAL.add_working_days(date(2025, 4, 25), 1) == date(2025, 4, 26)
    # Tue 29/04/2025: 30/04, 01/05, 02/05 off, weekend 03–04/05 → Mon 05/05.
    assert CAL.add_working_days(date(2025, 4, 29), 1) == date(2025, 5, 5)
    # (25/04, 05/05]: Sat 26, Mon 28, Tue 29, Mon 05 → 4.
    assert CAL.working_days_between(date(2025, 4, 25), date(2025, 5, 5)) == 4


def test_add_working_days_over_a_weekend():
    assert CAL.add_working_days(date(2026, 6, 12), 1) == date(2026, 6, 15)  # Fri → Mon
    assert CAL.add_working_days(date(2026, 6, 13), 1) == date(2026, 6, 15)  # Sat → Mon
    assert CAL.add_working_days(date(2026, 6, 15), 5) == date(2026, 6, 22)


def test_negative_n_goes_backwards():
    assert CAL.add_working_days(date(2026, 6, 15), -1) == date(2026, 6, 12)  # Mon → Fri
    assert CAL.add_working_days(date(2026, 6, 22), -5) == date(2026, 6, 15)


@pytest.mark.parametrize("start", [date(2026, 6, 16), date(2026, 6, 13), date(2026, 2, 17)])
def test_zero_returns_the_start(start):
    assert CAL.add_working_days(start, 0) == start


@pytest.mark.parametrize("n", [1, 3, 10, 40])
def test_add_then_count_round_trips(n):
    start = date(2026, 1, 30)
    end = CAL.add_working_days(start, n)
    assert CAL.is_working_day(end)
    assert CAL.working_days_between(start, end) == n
    assert CAL.add_working_days(end, -n) <= start


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (date(2026, 2, 9), date(2026, 2, 27)),
        (date(2026, 4, 29), date(2026, 5, 4)),
        (date(2025, 4, 25), date(2025, 5, 5)),
        (date(2026, 6, 13), date(2026, 6, 14)),
        (date(2026, 1, 1), date(2026, 12, 31)),
    ],
)
def test_working_days_between_is_antisymmetric(a, b):
    forward = CAL.working_days_between(a, b)
    assert forward >= 0
    assert CAL.working_days_between(b, a) == -forward


def test_working_days_between_same_day_is_zero():
    assert CAL.working_days_between(date(2026, 6, 16), date(2026, 6, 16)) == 0


def test_working_days_in_2026():
    # 261 weekdays, minus 13 weekday holidays (01/01, Tết 16–20/02, 27/04, 30/04, 01/05, 31/08, 01/09,
    # 02/09, 24/11), plus Sat 22/08 worked in exchange for 31/08.
    assert CAL.is_working_day(date(2026, 8, 22)) is True
    assert CAL.is_working_day(date(2026, 8, 31)) is False
    assert CAL.working_days_between(date(2025, 12, 31), date(2026, 12, 31)) == 261 - 13 + 1


def test_extra_days_off_override_the_national_calendar():
    local = WorkCalendar(extra_days_off=[date(2026, 6, 16)])
    assert local.is_working_day(date(2026, 6, 16)) is False
    assert CAL.is_working_day(date(2026, 6, 16)) is True
    assert local.add_working_days(date(2026, 6, 15), 1) == date(2026, 6, 17)
    assert local.working_days_between(date(2026, 6, 15), date(2026, 6, 19)) == 3


def test_extra_working_days_override_the_national_calendar():
    local = WorkCalendar(extra_working_days=[date(2026, 2, 18), date(2026, 6, 13)])
    assert local.is_working_day(date(2026, 2, 18)) is True  # a Tết day worked locally
    assert local.is_working_day(date(2026, 6, 13)) is True  # a Saturday worked locally
    assert local.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 18)
    assert local.add_working_days(date(2026, 6, 12), 1) == date(2026, 6, 13)


def test_extra_working_day_wins_over_extra_day_off():
    day = date(2026, 6, 16)
    local = WorkCalendar(extra_days_off=[day], extra_working_days=[day])
    assert local.is_working_day(day) is True


def test_extra_lists_accept_generators():
    local = WorkCalendar(extra_days_off=(date(2026, 6, 15) + timedelta(days=k) for k in range(2)))
    assert local.is_working_day(date(2026, 6, 15)) is False
    assert local.is_working_day(date(2026, 6, 16)) is False
    assert local.is_working_day(date(2026, 6, 17)) is True


def test_working_days_until_today_is_zero():
    today = date(2026, 6, 16)
    assert CAL.working_days_until(today, today) == 0
    assert CAL.working_days_until(today, date(2026, 6, 17)) == 1
    assert CAL.working_days_until(today, date(2026, 6, 15)) == -1


@pytest.mark.parametrize(
    ("due", "today"),
    [
        (date(2026, 6, 16), date(2026, 6, 16)),
        (date(2026, 6, 20), date(2026, 6, 16)),
        (date(2026, 12, 31), date(2026, 1, 1)),
        (date(2026, 2, 20), date(2026, 2, 13)),
    ],
)
def test_working_days_overdue_is_never_negative(due, today):
    assert CAL.working_days_overdue(due, today) == 0


def test_working_days_overdue_counts_working_days_after_the_deadline():
    assert CAL.working_days_overdue(date(2026, 6, 12), date(2026, 6, 15)) == 1  # Fri → Mon
    assert CAL.working_days_overdue(date(2026, 2, 13), date(2026, 2, 23)) == 1  # across Tết
    assert CAL.working_days_overdue(date(2026, 6, 12), date(2026, 6, 14)) == 0  # weekend only


def test_default_calendar_is_shared_and_national():
    assert default_calendar() is default_calendar()
    assert default_calendar().is_working_day(date(2026, 2, 17)) is False
    assert default_calendar().is_working_day(date(2026, 6, 16)) is True
