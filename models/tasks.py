"""Task session functions: load, check permission, apply a rule, write audit events, commit.

Every function takes keyword-only `session`, the acting user and `now` (aware, in the tracker's time
zone; its date is "today"). This layer is the only one that commits. A write based on a stale
version raises ConflictError carrying the task as it is now, and nothing is overwritten.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, select

from models.audit import actor_label, authorize
from models.deadlines import next_yearly_due
from models.errors import ConflictError, NotFound, ValidationError
from models.permissions import Action, Actor, move_action
from models.tables import Agency, ProgressReport, Recurrence, Status, Task, TaskCoordinator, TaskCycle, TaskEvent
from models.text import nfc, safe_http_url
from models.workflow import Change, apply_transition, roll_to_next_cycle, set_field

EDITABLE_FIELDS = frozenset(
    {
        "title",
        "description",
        "category_code",
        "lead_agency_id",
        "start_date",
        "due_date",
        "time_frame",
        "recurrence",
        "expected_output",
    }
)


def _as_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def record_events(
    session: Session,
    task: Task,
    changes: Iterable[Change],
    *,
    actor: Actor,
    now: datetime,
    kind: str,
    note: str = "",
) -> list[TaskEvent]:
    """Add one audit event per change (not committed: the calling function commits)."""
    events = [
        TaskEvent(
            task_id=task.id,
            at=now,
            actor_id=actor.id,
            actor_label=actor_label(actor),
            kind=kind,
            field=change.field,
            before=_as_text(change.before),
            after=_as_text(change.after),
            note=note,
        )
        for change in changes
    ]
    session.add_all(events)
    return events


def get_task(*, session: Session, task_id: int) -> Task:
    """The task, or NotFound."""
    task = session.get(Task, task_id)
    if task is None:
        raise NotFound(task_id=task_id)
    return task


def _load_current(session: Session, task_id: int, expected_version: int) -> Task:
    """The task, refreshed from the database; ConflictError when the user saw an older version."""
    task = get_task(session=session, task_id=task_id)
    session.refresh(task)
    if task.version != expected_version:
        raise ConflictError(task)
    return task


def coordinating_ids(session: Session, task_id: int) -> list[int]:
    """Ids of the agencies that coordinate on a task."""
    return list(session.exec(select(TaskCoordinator.agency_id).where(TaskCoordinator.task_id == task_id)).all())


def _authorize_on_task(session: Session, task: Task, actor: Actor, action: Action, now: datetime) -> None:
    authorize(
        session,
        actor=actor,
        now=now,
        action=action,
        task=task,
        coordinating_agency_ids=coordinating_ids(session, task.id),
    )


def _commit(session: Session, task_id: int) -> None:
    """Commit; a concurrent writer that got there first turns into ConflictError, nothing written."""
    try:
        session.commit()
    except StaleDataError:
        session.rollback()
        current = session.get(Task, task_id, populate_existing=True)
        raise ConflictError(current) from None


def change_status(
    *,
    session: Session,
    task_id: int,
    target: str,
    expected_version: int,
    actor: Actor,
    now: datetime,
    note: str = "",
) -> Task:
    """Move a task to `target` if the workflow and the actor's role allow it.

    A yearly task confirmed done closes its cycle (kept as a TaskCycle) and rolls to next year's
    deadline.
    """
    task = _load_current(session, task_id, expected_version)
    _authorize_on_task(session, task, actor, move_action(task.status, target), now)
    today = now.date()
    changes = apply_transition(task, target, today=today)
    task.updated_at = now
    record_events(session, task, changes, actor=actor, now=now, kind="status", note=note)
    if task.status == Status.DONE and task.recurrence == Recurrence.YEARLY and task.due_date:
        session.add(TaskCycle(task_id=task.id, due_date=task.due_date, completed_on=task.completed_on, closed_at=now))
        rolled = roll_to_next_cycle(task, next_yearly_due(task.due_date))
        record_events(session, task, rolled, actor=actor, now=now, kind="rolled")
    _commit(session, task_id)
    return task


def update_details(
    *,
    session: Session,
    task_id: int,
    expected_version: int,
    values: dict[str, Any],
    actor: Actor,
    now: datetime,
    note: str = "",
) -> Task:
    """Edit the plan's content of a task (managers only); one audit event per changed field."""
    task = _load_current(session, task_id, expected_version)
    _authorize_on_task(session, task, actor, Action.EDIT_TASK, now)
    unknown = set(values) - EDITABLE_FIELDS
    if unknown:
        raise ValidationError("error.invalid_field", field=", ".join(sorted(unknown)))
    changes: list[Change] = []
    for field, value in values.items():
        set_field(task, field, value, changes)
    if task.recurrence != Recurrence.ONGOING and task.due_date is None:
        session.rollback()
        raise ValidationError("error.due_required")
    if changes:
        task.updated_at = now
        record_events(session, task, changes, actor=actor, now=now, kind="field", note=note)
        _commit(session, task_id)
    return task


def set_progress(
    *,
    session: Session,
    task_id: int,
    expected_version: int,
    progress: int,
    actor: Actor,
    now: datetime,
    note: str = "",
) -> Task:
    """Record a new progress percentage (0–100) by the lead agency or a manager."""
    if not isinstance(progress, int) or isinstance(progress, bool) or not 0 <= progress <= 100:
        raise ValidationError("error.invalid_progress")
    task = _load_current(session, task_id, expected_version)
    _authorize_on_task(session, task, actor, Action.REPORT_PROGRESS, now)
    changes: list[Change] = []
    set_field(task, "progress", progress, changes)
    if changes:
        task.updated_at = now
        record_events(session, task, changes, actor=actor, now=now, kind="progress", note=note)
        _commit(session, task_id)
    return task


def coordinators_of(*, session: Session, task_ids: Iterable[int]) -> dict[int, list[Agency]]:
    """Coordinating agencies per task id."""
    rows = session.exec(
        select(TaskCoordinator.task_id, Agency)
        .join(Agency, Agency.id == TaskCoordinator.agency_id)
        .where(TaskCoordinator.task_id.in_(list(task_ids)))
        .order_by(Agency.short_name)
    ).all()
    result: dict[int, list[Agency]] = {}
    for task_id, agency in rows:
        result.setdefault(task_id, []).append(agency)
    return result


def task_history(*, session: Session, task_id: int) -> list[TaskEvent]:
    """The task's audit events, oldest first."""
    return list(
        session.exec(select(TaskEvent).where(TaskEvent.task_id == task_id).order_by(TaskEvent.at, TaskEvent.id)).all()
    )


def add_comment(
    *, session: Session, task_id: int, body: str, actor: Actor, now: datetime, evidence_url: str | None = None
) -> ProgressReport:
    """A comment by the lead or a coordinating agency, or a manager; links must be http(s)."""
    task = get_task(session=session, task_id=task_id)
    _authorize_on_task(session, task, actor, Action.COMMENT, now)
    text = nfc(body)
    if not text:
        raise ValidationError("error.comment_empty")
    link = None
    if evidence_url:
        link = safe_http_url(evidence_url)
        if link is None:
            raise ValidationError("error.url_invalid")
    report = ProgressReport(
        task_id=task.id, author_id=actor.id, author_label=actor_label(actor), at=now, kind="comment", body=text,
        evidence_url=link,
    )  # fmt: skip
    session.add(report)
    record_events(session, task, [Change("comment", None, text[:200])], actor=actor, now=now, kind="comment")
    session.commit()
    return report
