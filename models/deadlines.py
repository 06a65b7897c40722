"""Deadline state, derived and never stored: how a task stands against its due date on a given day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from i18n import format_number, t
from models.tables import Recurrence, Status
from models.workdays import WorkCalendar, default_calendar

DUE_SOON_WORKING_DAYS = 7


class DeadlineState(StrEnum):
    """The Vietnamese reporting phrases: trong hạn, sắp đến hạn, quá hạn, hoàn thành đúng/quá hạn."""

    ON_TIME = "on_time"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    ONGOING = "ongoing"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class Deadline:
    """A task's deadline state with the numbers a badge or a reminder needs."""

    state: DeadlineState
    working_days_left: int | None = None  # due soon: working days until the deadline (0 = today)
    days_overdue: int | None = None  # overdue: calendar days past the deadline
    working_days_overdue: int | None = None  # overdue: working days past the deadline


def deadline(
    task: Any,
    today: date,
    *,
    calendar: WorkCalendar | None = None,
    due_soon_days: int = DUE_SOON_WORKING_DAYS,
) -> Deadline:
    """The deadline state of `task` on `today`.

    Open tasks are on time, due soon (deadline within `due_soon_days` working days, today included)
    or overdue (today is after the deadline). A submitted task is judged by the day it was submitted,
    since the agency's part is done. Done tasks are done on time or late by their completion date.
    Ongoing tasks ("Thường xuyên") are never overdue.
    """
    calendar = calendar or default_calendar()
    status, due = task.status, task.due_date
    if status == Status.CANCELLED:
        return Deadline(DeadlineState.CANCELLED)
    if status == Status.DONE:
        finished = task.completed_on or today
        if due is None or task.recurrence == Recurrence.ONGOING or finished <= due:
            return Deadline(DeadlineState.DONE_ON_TIME)
        return Deadline(DeadlineState.DONE_LATE)
    if task.recurrence == Recurrence.ONGOING or due is None:
        return Deadline(DeadlineState.ONGOING)
    reference = task.submitted_on if status == Status.SUBMITTED and task.submitted_on else today
    if reference > due:
        return Deadline(
            DeadlineState.OVERDUE,
            days_overdue=(reference - due).days,
            working_days_overdue=calendar.working_days_overdue(due, reference),
        )
    if status == Status.SUBMITTED:
        return Deadline(DeadlineState.ON_TIME)
    left = calendar.working_days_until(today, due)
    if left <= due_soon_days:
        return Deadline(DeadlineState.DUE_SOON, working_days_left=left)
    return Deadline(DeadlineState.ON_TIME, working_days_left=left)


def deadline_state(task: Any, today: date, **kwargs: Any) -> DeadlineState:
    """Only the state of `deadline()`."""
    return deadline(task, today, **kwargs).state


def next_yearly_due(due: date) -> date:
    """The same day one year later (29/02 becomes 28/02)."""
    try:
        return due.replace(year=due.year + 1)
    except ValueError:
        return due.replace(year=due.year + 1, day=28)


def deadline_label(dl: Deadline, lang: str = "vi") -> str:
    """The badge text in `lang`: always words, never colour alone ("Quá hạn 5 ngày")."""
    if dl.state == DeadlineState.OVERDUE:
        return t("deadline.overdue", lang, days=format_number(dl.days_overdue or 0, lang, 0))
    if dl.state == DeadlineState.DUE_SOON:
        if not dl.working_days_left:
            return t("deadline.due_today", lang)
        return t("deadline.due_soon", lang, days=format_number(dl.working_days_left, lang, 0))
    return t(f"deadline.{dl.state}", lang)
