"""Task session functions: load, check permission, apply a rule, write audit events, commit.

Every function takes keyword-only `session`, the acting user and `now` (aware, in the tracker's time
zone; its date is "today"). This layer is the only one that commits. A write based on a stale
version raises ConflictError carrying the task as it is now, and nothing is overwritten.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.orm.attributes import flag_modified
from sqlalchemy.orm.exc import StaleDataError
from sqlmodel import Session, col, select

from models.audit import actor_label, authorize
from models.deadlines import Deadline, deadline, next_yearly_due
from models.errors import ConflictError, NotFound, ValidationError
from models.permissions import Action, Actor, move_action
from models.tables import (
    Agency,
    Category,
    Conclusion,
    ExtensionRequest,
    ExtensionStatus,
    Notification,
    NotificationItem,
    Plan,
    ProgressReport,
    Recurrence,
    ReviewSession,
    Status,
    Task,
    TaskCoordinator,
    TaskCycle,
    TaskEvent,
)
from models.text import nfc, safe_http_url
from models.workdays import WorkCalendar
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


# --- the task detail page: progress reports, form edits, the read model ------------------------------

CLOSED_STATUSES = frozenset({Status.DONE, Status.CANCELLED})
MAX_NOTE = 4000  # characters of a note, a comment or a reason
MAX_URL = 1000  # the column's size
MAX_ID = 2_147_483_647  # an integer column's largest value
_DAY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def touch(task: Task, now: datetime) -> None:
    """Mark the task as changed at `now`; the row is written (and its version moves on) even when
    nothing else on it changed, so other pages holding the older version see a conflict.
    """
    task.updated_at = now
    flag_modified(task, "updated_at")


def parse_day(text: str | date | None) -> date | None:
    """A date typed as dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy or ISO yyyy-mm-dd); None when empty.

    Anything else raises ValidationError with the expected form in the message.
    """
    if isinstance(text, date):
        return text
    typed = nfc(text)
    if not typed:
        return None
    try:
        if match := _DAY.fullmatch(typed):
            day, month, year = (int(part) for part in match.groups())
            return date(year, month, day)
        if match := _ISO_DAY.fullmatch(typed):
            return date.fromisoformat(typed)
    except ValueError:
        pass
    raise ValidationError("task.error.date_invalid", text=typed[:40])


def note_text(text: str | None) -> str:
    """A note, comment or reason as stored: NFC, trimmed, line breaks kept; ValidationError when too long."""
    value = unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").strip()
    if len(value) > MAX_NOTE:
        raise ValidationError("task.error.too_long", max=MAX_NOTE)
    return value


def evidence_link(url: str | None) -> str | None:
    """An evidence link as stored: None when empty, the URL when it is http(s), else ValidationError."""
    if not nfc(url):
        return None
    link = safe_http_url(url)
    if link is None or len(link) > MAX_URL:
        raise ValidationError("error.url_invalid")
    return link


def report_progress(
    *,
    session: Session,
    task_id: int,
    expected_version: int,
    progress: int,
    note: str,
    evidence_url: str | None,
    actor: Actor,
    now: datetime,
) -> ProgressReport:
    """A progress report by the lead agency or a manager: the new percentage (an audit event) and a
    ProgressReport(kind="progress") with the note and an optional http(s) evidence link.

    The task's version moves on with every report, even when the percentage stays the same.
    """
    task = _load_current(session, task_id, expected_version)
    _authorize_on_task(session, task, actor, Action.REPORT_PROGRESS, now)
    if not isinstance(progress, int) or isinstance(progress, bool) or not 0 <= progress <= 100:
        raise ValidationError("error.invalid_progress")
    if task.status in CLOSED_STATUSES:
        raise ValidationError("task.error.progress_closed")
    body = note_text(note)
    link = evidence_link(evidence_url)
    changes: list[Change] = []
    set_field(task, "progress", progress, changes)
    touch(task, now)
    record_events(
        session, task, changes or [Change("progress", progress, progress)], actor=actor, now=now, kind="progress",
        note=body,
    )  # fmt: skip
    report = ProgressReport(
        task_id=task.id, author_id=actor.id, author_label=actor_label(actor), at=now, kind="progress",
        progress=progress, body=body, evidence_url=link,
    )  # fmt: skip
    session.add(report)
    _commit(session, task_id)
    return report


def _form_value(session: Session, field: str, raw: Any) -> Any:
    if field == "title":
        title = nfc(raw)
        if not title:
            raise ValidationError("task.error.title_required")
        if len(title) > 1000:
            raise ValidationError("task.error.too_long", max=1000)
        return title
    if field in ("description", "expected_output"):
        return note_text(raw)
    if field == "time_frame":
        frame = nfc(raw)
        if len(frame) > 200:
            raise ValidationError("task.error.too_long", max=200)
        return frame
    if field == "category_code":
        code = nfc(raw)
        if session.get(Category, code) is None:
            raise ValidationError("task.error.category_invalid")
        return code
    if field == "lead_agency_id":
        try:
            agency_id = int(str(raw))
        except (TypeError, ValueError):
            agency_id = 0
        agency = session.get(Agency, agency_id) if 0 < agency_id <= MAX_ID else None
        if agency is None or not agency.is_active:
            raise ValidationError("error.agency_not_found")
        return agency.id
    if field == "due_date":
        return parse_day(raw)
    raise ValidationError("error.invalid_field", field=field)


def edit_task_details(
    *,
    session: Session,
    task_id: int,
    expected_version: int,
    changes: dict[str, Any],
    actor: Actor,
    now: datetime,
) -> Task:
    """The detail form's edit (managers): values as typed (dd/mm/yyyy dates, agency ids as text) are
    checked and converted, then stored through update_details (one audit event per changed field).

    Only the fields in `changes` are touched, so a field someone else changed meanwhile keeps its value.
    """
    task = _load_current(session, task_id, expected_version)
    _authorize_on_task(session, task, actor, Action.EDIT_TASK, now)
    values = {field: _form_value(session, field, raw) for field, raw in changes.items()}
    return update_details(
        session=session, task_id=task_id, expected_version=expected_version, values=values, actor=actor, now=now
    )


@dataclass(frozen=True)
class TaskReminder:
    """One reminder a task was in: when, why, to whom, and whether the e-mail went."""

    day: date
    created_at: datetime
    kind: str  # the item kind
    notification_kind: str
    recipient: str  # an agency code, or "steering"
    recipient_name: str
    email_state: str
    created_by: str


def task_reminders(*, session: Session, task_id: int) -> list[TaskReminder]:
    """Every reminder that named the task, newest first ("đã nhắc 3 lần")."""
    rows = session.exec(
        select(NotificationItem, Notification, Agency)
        .join(Notification, Notification.id == NotificationItem.notification_id)
        .join(Agency, Agency.id == Notification.agency_id, isouter=True)
        .where(NotificationItem.task_id == task_id)
        .order_by(col(Notification.created_at).desc(), col(Notification.id).desc())
    ).all()
    return [
        TaskReminder(
            n.day,
            n.created_at,
            item.kind,
            n.kind,
            n.recipient,
            (agency.short_name or agency.name) if agency else "",
            n.email_state,
            n.created_by_label,
        )
        for item, n, agency in rows
    ]


@dataclass(frozen=True)
class TaskDetail:
    """Everything the task page shows, read in one session."""

    task: Task
    plan: Plan | None
    category: Category | None
    lead: Agency | None
    coordinators: list[Agency]
    deadline: Deadline
    progress_reports: list[ProgressReport]  # newest first
    comments: list[ProgressReport]  # oldest first, as a conversation reads
    extensions: list[ExtensionRequest]  # pending first, then newest first
    history: list[TaskEvent]  # oldest first
    cycles: list[TaskCycle]  # newest first
    agencies: list[Agency]  # every agency (names for the history; active ones for the edit form)
    categories: list[Category]
    reminders: list[TaskReminder]  # newest first
    origin: ReviewSession | None = None  # the review session whose conclusion this task came from

    @property
    def coordinating_ids(self) -> list[int]:
        """Ids of the coordinating agencies (what permission checks need)."""
        return [a.id for a in self.coordinators]

    @property
    def pending_extension(self) -> ExtensionRequest | None:
        """The request awaiting a decision, if any."""
        return next((r for r in self.extensions if r.status == ExtensionStatus.PENDING), None)


def task_detail(
    *,
    session: Session,
    task_id: int,
    today: date,
    calendar: WorkCalendar | None = None,
) -> TaskDetail:
    """The task with its agencies, reports, comments, extension requests, history and earlier cycles
    (NotFound when there is no such task). Every signed-in user may read a task.
    """
    task = get_task(session=session, task_id=task_id)
    session.refresh(task)
    agencies = list(session.exec(select(Agency).order_by(Agency.short_name)).all())
    coordinating = set(coordinating_ids(session, task_id))
    reports = list(
        session.exec(
            select(ProgressReport)
            .where(ProgressReport.task_id == task_id)
            .order_by(ProgressReport.at.desc(), ProgressReport.id.desc())
        ).all()
    )
    extensions = list(
        session.exec(
            select(ExtensionRequest)
            .where(ExtensionRequest.task_id == task_id)
            .order_by(ExtensionRequest.requested_at.desc(), ExtensionRequest.id.desc())
        ).all()
    )
    extensions.sort(key=lambda r: r.status != ExtensionStatus.PENDING)  # stable: pending first
    cycles = session.exec(
        select(TaskCycle).where(TaskCycle.task_id == task_id).order_by(TaskCycle.due_date.desc())
    ).all()
    return TaskDetail(
        task=task,
        plan=session.get(Plan, task.plan_id),
        category=session.get(Category, task.category_code),
        lead=next((a for a in agencies if a.id == task.lead_agency_id), None),
        coordinators=[a for a in agencies if a.id in coordinating],
        deadline=deadline(task, today, calendar=calendar),
        progress_reports=[r for r in reports if r.kind == "progress"],
        comments=[r for r in reversed(reports) if r.kind != "progress"],
        extensions=extensions,
        history=task_history(session=session, task_id=task_id),
        cycles=list(cycles),
        agencies=agencies,
        categories=list(session.exec(select(Category).order_by(Category.position)).all()),
        reminders=task_reminders(session=session, task_id=task_id),
        origin=session.exec(
            select(ReviewSession)
            .join(Conclusion, Conclusion.session_id == ReviewSession.id)
            .where(Conclusion.task_id == task_id)
        ).first(),
    )
