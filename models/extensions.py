"""Deadline extensions (đề nghị gia hạn): the lead agency asks, the ICT department decides.

- `request_extension`: lead-agency officers and managers ask for a later deadline with a reason; the
  task must be open and have a deadline, the date must be after the current deadline, and a task has
  at most one pending request (also guarded by a partial unique index);
- `decide_extension`: coordinators approve or refuse with an optional note. Approving moves
  `task.due_date` (never `original_due_date`), writes the audit events and moves the task's version on;
  it is checked against the version the decider saw, so a stale page raises ConflictError.

Both record refusals in the audit trail (models.audit.authorize) and commit; nothing else does.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from i18n import format_date
from models.audit import actor_label
from models.errors import NotFound, ValidationError
from models.permissions import Action, Actor
from models.tables import ExtensionRequest, ExtensionStatus, Recurrence, Task
from models.tasks import (
    CLOSED_STATUSES,
    MAX_ID,
    _authorize_on_task,
    _commit,
    _load_current,
    get_task,
    note_text,
    parse_day,
    record_events,
    touch,
)
from models.workflow import Change, set_field


def pending_request(*, session: Session, task_id: int) -> ExtensionRequest | None:
    """The task's request awaiting a decision, if any."""
    return session.exec(
        select(ExtensionRequest).where(
            ExtensionRequest.task_id == task_id, ExtensionRequest.status == ExtensionStatus.PENDING
        )
    ).first()


def _check_open_with_deadline(task: Task) -> None:
    if task.status in CLOSED_STATUSES:
        raise ValidationError("task.error.extension_closed")
    if task.recurrence == Recurrence.ONGOING or task.due_date is None:
        raise ValidationError("task.error.extension_no_deadline")


def _check_later(task: Task, new_due: date) -> None:
    if task.due_date is not None and new_due <= task.due_date:
        raise ValidationError("task.error.extension_not_later", due=format_date(task.due_date))


def request_extension(
    *,
    session: Session,
    task_id: int,
    new_due_date: date | str | None,
    reason: str,
    actor: Actor,
    now: datetime,
) -> ExtensionRequest:
    """Ask for the task's deadline to move to `new_due_date` (a date, or dd/mm/yyyy as typed)."""
    task = get_task(session=session, task_id=task_id)
    session.refresh(task)
    _authorize_on_task(session, task, actor, Action.REQUEST_EXTENSION, now)
    _check_open_with_deadline(task)
    new_due = parse_day(new_due_date)
    if new_due is None:
        raise ValidationError("task.error.extension_date_required")
    _check_later(task, new_due)
    text = note_text(reason)
    if not text:
        raise ValidationError("task.error.extension_reason")
    if pending_request(session=session, task_id=task_id) is not None:
        raise ValidationError("task.error.extension_pending")
    request = ExtensionRequest(
        task_id=task.id,
        previous_due_date=task.due_date,
        new_due_date=new_due,
        reason=text,
        requested_by_id=actor.id,
        requested_by_label=actor_label(actor),
        requested_at=now,
    )
    session.add(request)
    record_events(
        session,
        task,
        [Change("requested_due", task.due_date, new_due)],
        actor=actor,
        now=now,
        kind="extension_requested",
        note=text,
    )
    try:
        session.commit()
    except IntegrityError:  # another request for the same task was stored a moment ago
        session.rollback()
        raise ValidationError("task.error.extension_pending") from None
    return request


def decide_extension(
    *,
    session: Session,
    request_id: int,
    approve: bool,
    note: str,
    expected_version: int,
    actor: Actor,
    now: datetime,
) -> ExtensionRequest:
    """Approve (the deadline moves to the requested date) or refuse a pending request."""
    valid_id = isinstance(request_id, int) and not isinstance(request_id, bool) and 0 < request_id <= MAX_ID
    request = session.get(ExtensionRequest, request_id) if valid_id else None
    if request is None:
        raise NotFound("task.error.extension_not_found")
    task = _load_current(session, request.task_id, expected_version)
    _authorize_on_task(session, task, actor, Action.DECIDE_EXTENSION, now)
    session.refresh(request)
    if request.status != ExtensionStatus.PENDING:
        raise ValidationError("task.error.extension_decided")
    text = note_text(note)
    if approve:
        _check_open_with_deadline(task)
        _check_later(task, request.new_due_date)
        changes: list[Change] = []
        set_field(task, "due_date", request.new_due_date, changes)
        kind = "extension_approved"
    else:
        changes = [Change("requested_due", None, request.new_due_date)]
        kind = "extension_refused"
    request.status = ExtensionStatus.APPROVED if approve else ExtensionStatus.REFUSED
    request.decided_by_id = actor.id
    request.decided_by_label = actor_label(actor)
    request.decided_at = now
    request.decision_note = text
    touch(task, now)  # the task's version moves on with either decision
    record_events(session, task, changes, actor=actor, now=now, kind=kind, note=text)
    _commit(session, task.id)
    return request
