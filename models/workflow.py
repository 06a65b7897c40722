"""Workflow status transitions: one explicit table, one function that applies a move and stamps dates.

not_started → in_progress → submitted → done; submitted → in_progress (returned by the ICT department);
any open task → cancelled by decision of the steering committee. Done and cancelled are final.
Nobody assigns `task.status` directly: `apply_transition` is the only writer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from models.errors import IllegalTransition
from models.tables import Status

TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.NOT_STARTED: frozenset({Status.IN_PROGRESS, Status.CANCELLED}),
    Status.IN_PROGRESS: frozenset({Status.SUBMITTED, Status.CANCELLED}),
    Status.SUBMITTED: frozenset({Status.DONE, Status.IN_PROGRESS, Status.CANCELLED}),
    Status.DONE: frozenset(),
    Status.CANCELLED: frozenset(),
}
OPEN_STATUSES = frozenset({Status.NOT_STARTED, Status.IN_PROGRESS, Status.SUBMITTED})


@dataclass(frozen=True)
class Change:
    """One field changed on a task: what the audit event records."""

    field: str
    before: Any
    after: Any


def can_transition(source: str, target: str) -> bool:
    """True when the workflow allows moving from `source` to `target`."""
    return Status(target) in TRANSITIONS[Status(source)]


def check_transition(source: str, target: str) -> None:
    """Raise IllegalTransition (with both status labels) unless the move is allowed."""
    if not can_transition(source, target):
        raise IllegalTransition(source=str(Status(source)), target=str(Status(target)))


def set_field(task: Any, field: str, value: Any, changes: list[Change]) -> None:
    """Assign `value` to `task.field` and record the change when it differs."""
    before = getattr(task, field)
    if before != value:
        setattr(task, field, value)
        changes.append(Change(field, before, value))


def apply_transition(task: Any, target: str, *, today: date) -> list[Change]:
    """Move `task` to `target`, stamping dates; returns the changes made (status first).

    - to in_progress: the start date is set to today when the task had none;
    - to submitted: the agency reports completion today, progress becomes 100%;
    - to done: the completion date is the day the agency submitted (the ICT department's confirmation
      delay is not the agency's lateness), progress 100%;
    - back to in_progress from submitted: the submission date is cleared.
    """
    source = task.status
    check_transition(source, target)
    changes: list[Change] = []
    set_field(task, "status", str(Status(target)), changes)
    if target == Status.IN_PROGRESS:
        if task.start_date is None:
            set_field(task, "start_date", today, changes)
        set_field(task, "submitted_on", None, changes)
    elif target == Status.SUBMITTED:
        set_field(task, "submitted_on", today, changes)
        set_field(task, "progress", 100, changes)
    elif target == Status.DONE:
        set_field(task, "completed_on", task.submitted_on or today, changes)
        set_field(task, "progress", 100, changes)
    return changes


def roll_to_next_cycle(task: Any, next_due: date) -> list[Change]:
    """Start a yearly task's next cycle: deadline `next_due`, not started, progress 0.

    The finished cycle is kept by the caller (a TaskCycle row and the audit events).
    """
    changes: list[Change] = []
    set_field(task, "status", str(Status.NOT_STARTED), changes)
    set_field(task, "due_date", next_due, changes)
    set_field(task, "original_due_date", next_due, changes)
    set_field(task, "progress", 0, changes)
    set_field(task, "start_date", None, changes)
    set_field(task, "submitted_on", None, changes)
    set_field(task, "completed_on", None, changes)
    return changes
