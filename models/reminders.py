"""The reminder policy: which tasks to flag on a day, and to whom. Pure: the day is a parameter.

Counted in Vietnamese working days (weekends, Tết, 30/4–1/5, 2/9… are not working days):
- due soon: 7 and 1 working days before the deadline;
- newly overdue: the first working day after the deadline;
- still overdue: every 5 working days after that while the task stays overdue;
- escalation: at 20 working days overdue the task also goes to the coordinators (Sở TT&TT) and the
  steering committee, once; after that it is in their weekly digest (the week's first working day).
Only open work is chased: not started or in progress. Done, cancelled, ongoing ("Thường xuyên", no
deadline) and submitted tasks (waiting for the ICT department) get nothing. An approved extension moves
`due_date`, so the new date counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from models.tables import ItemKind, Recurrence, Status
from models.workdays import WorkCalendar

CHASED_STATUSES = frozenset({Status.NOT_STARTED, Status.IN_PROGRESS})
# Most pressing first: a task flagged twice for one recipient keeps the first of these.
SEVERITY = tuple(ItemKind)
MAX_CATCH_UP_WORKING_DAYS = 10


@dataclass(frozen=True)
class ReminderPolicy:
    """The thresholds (settings) and who receives escalations."""

    due_soon_days: tuple[int, ...] = (7, 1)
    repeat_every: int = 5
    escalate_after: int = 20
    coordinator_agency: str = "sotttt"  # the agency code whose digest carries the escalations
    steering_emails: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Reminder:
    """What a task gets on a day: a reminder to its lead agency, an escalation, both or neither."""

    lead: ItemKind | None = None
    escalation: ItemKind | None = None

    def __bool__(self) -> bool:
        return self.lead is not None or self.escalation is not None


NOTHING = Reminder()


def is_chased(task: Any) -> bool:
    """True for open work with a deadline (the only tasks that are ever flagged)."""
    return task.status in CHASED_STATUSES and task.due_date is not None and task.recurrence != Recurrence.ONGOING


def first_working_day_of_week(day: date, calendar: WorkCalendar) -> bool:
    """True when `day` is a working day and no earlier day of its ISO week is one (weekly digests)."""
    if not calendar.is_working_day(day):
        return False
    monday = day - timedelta(days=day.weekday())
    return not any(calendar.is_working_day(monday + timedelta(days=n)) for n in range(day.weekday()))


def should_notify(task: Any, today: date, *, calendar: WorkCalendar, policy: ReminderPolicy) -> Reminder:
    """The reminder `task` gets on `today` (nothing on days off: reminders go out on working days)."""
    if not is_chased(task):
        return NOTHING
    return reminder_for_deadline(task.due_date, today, calendar=calendar, policy=policy)


def reminder_for_deadline(due: date, today: date, *, calendar: WorkCalendar, policy: ReminderPolicy) -> Reminder:
    """The reminder an open task due on `due` gets on `today`.

    It depends on the deadline alone, so a scan decides once per distinct deadline (a plan has a few
    hundred) and lets the database fetch only the tasks on the flagged deadlines.
    """
    if not calendar.is_working_day(today):
        return NOTHING
    if today <= due:
        left = calendar.working_days_until(today, due)
        return Reminder(lead=ItemKind.DUE_SOON) if left in policy.due_soon_days else NOTHING
    late = calendar.working_days_overdue(due, today)  # at least 1: today is a working day after `due`
    lead = None
    if late == 1:
        lead = ItemKind.OVERDUE
    elif (late - 1) % policy.repeat_every == 0:
        lead = ItemKind.STILL_OVERDUE
    escalation = None
    if late == policy.escalate_after:
        escalation = ItemKind.ESCALATED
    elif late > policy.escalate_after and first_working_day_of_week(today, calendar):
        escalation = ItemKind.ESCALATED_WEEKLY
    return Reminder(lead=lead, escalation=escalation)


def more_pressing(a: ItemKind | None, b: ItemKind | None) -> ItemKind | None:
    """The more pressing of two item kinds (None counts as nothing)."""
    if a is None or b is None:
        return a or b
    return a if SEVERITY.index(a) <= SEVERITY.index(b) else b


def reminder_over(task: Any, days: Iterable[date], *, calendar: WorkCalendar, policy: ReminderPolicy) -> Reminder:
    """The most pressing reminder `task` got on any of `days` (a missed day is caught up this way)."""
    if not is_chased(task):
        return NOTHING
    return deadline_reminder_over(task.due_date, days, calendar=calendar, policy=policy)


def deadline_reminder_over(
    due: date, days: Iterable[date], *, calendar: WorkCalendar, policy: ReminderPolicy
) -> Reminder:
    """The most pressing reminder an open task due on `due` got on any of `days`."""
    lead = escalation = None
    for day in days:
        found = reminder_for_deadline(due, day, calendar=calendar, policy=policy)
        lead, escalation = more_pressing(lead, found.lead), more_pressing(escalation, found.escalation)
    return Reminder(lead=lead, escalation=escalation)


def catch_up_days(today: date, last_run: date | None, *, calendar: WorkCalendar) -> list[date]:
    """The working days a scan on `today` stands for: those after the last run, up to today.

    With no earlier run only today; after a long gap at most the last MAX_CATCH_UP_WORKING_DAYS working
    days (a server down for a month should not replay a month of reminders).
    """
    if not calendar.is_working_day(today):
        return []
    days, day = [today], today
    while len(days) < MAX_CATCH_UP_WORKING_DAYS and last_run is not None:
        day -= timedelta(days=1)
        if day <= last_run:
            break
        if calendar.is_working_day(day):
            days.append(day)
    return sorted(days)
