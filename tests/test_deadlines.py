"""Deadline states at their boundaries, with a fixed today in an ordinary week of June 2026."""

from __future__ import annotations

from datetime import date, timedelta
from types import SimpleNamespace

import pytest

from models.deadlines import (
    DUE_SOON_WORKING_DAYS,
    Deadline,
    DeadlineState,
    deadline,
    deadline_state,
    next_yearly_due,
)
from models.tables import Recurrence, Status
from models.workdays import WorkCalendar

# Tue 16/06/2026: no holiday within two weeks either side.
TODAY = date(2026, 6, 16)
CAL = WorkCalendar()


def task(
    status: str = Status.IN_PROGRESS,
    due: date | None = TODAY,
    recurrence: str = Recurrence.ONCE,
    submitted_on: date | None = None,
    completed_on: date | None = None,
) -> SimpleNamespace:
    return SimpleNamespace(
        status=str(status),
        due_date=due,
        recurrence=str(recurrence),
        submitted_on=submitted_on,
        completed_on=completed_on,
    )


def test_chosen_week_is_ordinary():
    assert TODAY.weekday() == 1  # Tuesday
    for k in range(-7, 15):
        day = TODAY + timedelta(days=k)
        assert CAL.is_working_day(day) is (day.weekday() < 5)
    assert DUE_SOON_WORKING_DAYS == 7


@pytest.mark.parametrize("status", [Status.NOT_STARTED, Status.IN_PROGRESS])
def test_due_today_is_due_soon_with_zero_days_left(status):
    assert deadline(task(status, due=TODAY), TODAY) == Deadline(DeadlineState.DUE_SOON, working_days_left=0)


@pytest.mark.parametrize("status", [Status.NOT_STARTED, Status.IN_PROGRESS])
def test_due_yesterday_is_overdue_by_one_day(status):
    result = deadline(task(status, due=date(2026, 6, 15)), TODAY)
    assert result.state == DeadlineState.OVERDUE
    assert result.days_overdue == 1
    assert result.working_days_overdue == 1
    assert result.working_days_left is None


def test_due_tomorrow_is_due_soon_one_day():
    assert deadline(task(due=date(2026, 6, 17)), TODAY) == Deadline(DeadlineState.DUE_SOON, working_days_left=1)


def test_exactly_due_soon_days_ahead_is_due_soon():
    due = date(2026, 6, 25)  # Thu: 17, 18, 19, 22, 23, 24, 25 = 7 working days
    assert CAL.working_days_until(TODAY, due) == 7
    assert deadline(task(due=due), TODAY) == Deadline(DeadlineState.DUE_SOON, working_days_left=7)


def test_one_more_working_day_is_on_time():
    due = date(2026, 6, 26)  # Fri: 8 working days
    assert deadline(task(due=due), TODAY) == Deadline(DeadlineState.ON_TIME, working_days_left=8)


def test_weekend_days_do_not_count_toward_due_soon():
    # Mon 22/06 is 4 working days ahead though 6 calendar days away.
    assert deadline(task(due=date(2026, 6, 22)), TODAY).working_days_left == 4


def test_far_deadline_is_on_time():
    assert deadline_state(task(due=date(2026, 12, 31)), TODAY) == DeadlineState.ON_TIME


@pytest.mark.parametrize(
    ("due_soon_days", "expected"),
    [(3, DeadlineState.ON_TIME), (4, DeadlineState.DUE_SOON), (10, DeadlineState.DUE_SOON)],
)
def test_due_soon_days_changes_the_threshold(due_soon_days, expected):
    due = date(2026, 6, 22)  # 4 working days ahead
    assert deadline_state(task(due=due), TODAY, due_soon_days=due_soon_days) == expected


def test_due_soon_days_widens_beyond_default():
    due = date(2026, 6, 26)  # 8 working days ahead: on time by default
    assert deadline_state(task(due=due), TODAY) == DeadlineState.ON_TIME
    assert deadline(task(due=due), TODAY, due_soon_days=8) == Deadline(DeadlineState.DUE_SOON, working_days_left=8)


def test_done_on_the_due_date_is_done_on_time():
    t = task(Status.DONE, due=date(2026, 6, 10), completed_on=date(2026, 6, 10))
    assert deadline(t, TODAY) == Deadline(DeadlineState.DONE_ON_TIME)


def test_done_before_the_due_date_is_done_on_time():
    t = task(Status.DONE, due=date(2026, 6, 10), completed_on=date(2026, 5, 1))
    assert deadline_state(t, TODAY) == DeadlineState.DONE_ON_TIME


def test_done_a_day_late_is_done_late():
    t = task(Status.DONE, due=date(2026, 6, 10), completed_on=date(2026, 6, 11))
    assert deadline(t, TODAY) == Deadline(DeadlineState.DONE_LATE)


def test_done_state_does_not_depend_on_today():
    t = task(Status.DONE, due=date(2026, 6, 10), completed_on=date(2026, 6, 9))
    assert deadline_state(t, date(2030, 1, 1)) == DeadlineState.DONE_ON_TIME


@pytest.mark.parametrize("due", [None, date(2020, 1, 1), date(2026, 6, 15), TODAY, date(2026, 6, 17)])
@pytest.mark.parametrize("status", [Status.NOT_STARTED, Status.IN_PROGRESS, Status.SUBMITTED])
def test_ongoing_is_never_overdue(due, status):
    t = task(status, due=due, recurrence=Recurrence.ONGOING, submitted_on=TODAY if status == "submitted" else None)
    result = deadline(t, TODAY)
    assert result == Deadline(DeadlineState.ONGOING)
    assert result.state != DeadlineState.OVERDUE


@pytest.mark.parametrize("due", [None, date(2020, 1, 1)])
def test_done_ongoing_task_is_done_on_time(due):
    t = task(Status.DONE, due=due, recurrence=Recurrence.ONGOING, completed_on=TODAY)
    assert deadline_state(t, TODAY) == DeadlineState.DONE_ON_TIME


@pytest.mark.parametrize("due", [None, date(2020, 1, 1), date(2027, 1, 1)])
@pytest.mark.parametrize("recurrence", list(Recurrence))
def test_cancelled(due, recurrence):
    t = task(Status.CANCELLED, due=due, recurrence=recurrence)
    assert deadline(t, TODAY) == Deadline(DeadlineState.CANCELLED)


def test_submitted_before_deadline_looked_at_after_it_is_on_time():
    t = task(Status.SUBMITTED, due=date(2026, 6, 10), submitted_on=date(2026, 6, 9))
    assert deadline(t, TODAY) == Deadline(DeadlineState.ON_TIME)


def test_submitted_on_the_deadline_is_on_time():
    t = task(Status.SUBMITTED, due=date(2026, 6, 10), submitted_on=date(2026, 6, 10))
    assert deadline_state(t, TODAY) == DeadlineState.ON_TIME


def test_submitted_after_deadline_is_overdue_by_submission_day():
    t = task(Status.SUBMITTED, due=date(2026, 6, 10), submitted_on=date(2026, 6, 12))
    result = deadline(t, TODAY)
    assert result.state == DeadlineState.OVERDUE
    assert result.days_overdue == 2  # judged at 12/06, not today
    assert result.working_days_overdue == 2


def test_submitted_before_a_near_deadline_is_not_due_soon():
    t = task(Status.SUBMITTED, due=date(2026, 6, 17), submitted_on=TODAY)
    assert deadline(t, TODAY) == Deadline(DeadlineState.ON_TIME)


def test_not_started_past_due_is_overdue():
    result = deadline(task(Status.NOT_STARTED, due=date(2026, 5, 29)), TODAY)
    assert result.state == DeadlineState.OVERDUE
    assert result.days_overdue == 18


def test_yearly_past_due_is_overdue():
    t = task(Status.IN_PROGRESS, due=date(2026, 6, 15), recurrence=Recurrence.YEARLY)
    assert deadline_state(t, TODAY) == DeadlineState.OVERDUE


def test_working_days_overdue_skips_the_weekend():
    friday, monday = date(2026, 6, 12), date(2026, 6, 15)
    result = deadline(task(due=friday), monday)
    assert result == Deadline(DeadlineState.OVERDUE, days_overdue=3, working_days_overdue=1)


def test_overdue_on_a_weekend_counts_zero_working_days():
    friday, sunday = date(2026, 6, 12), date(2026, 6, 14)
    result = deadline(task(due=friday), sunday)
    assert result == Deadline(DeadlineState.OVERDUE, days_overdue=2, working_days_overdue=0)


def test_custom_calendar_is_used():
    # An extra provincial day off on Wed 17/06 pushes Thu 18/06 to 1 working day away.
    cal = WorkCalendar(extra_days_off=[date(2026, 6, 17)])
    assert deadline(task(due=date(2026, 6, 18)), TODAY, calendar=cal).working_days_left == 1
    assert deadline(task(due=date(2026, 6, 18)), TODAY).working_days_left == 2


def test_next_yearly_due():
    assert next_yearly_due(date(2026, 12, 15)) == date(2027, 12, 15)
    assert next_yearly_due(date(2026, 12, 31)) == date(2027, 12, 31)


def test_next_yearly_due_leap_day():
    assert next_yearly_due(date(2028, 2, 29)) == date(2029, 2, 28)
