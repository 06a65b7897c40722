"""The notification outbox: the daily scan, urging, delivery with retries, and the notification centre.

Exactly once, nothing lost:
- the scan decides with `models.reminders`, composes with `models.digest` and inserts one outbox row per
  (recipient, kind, day) in one transaction with INSERT … ON CONFLICT DO NOTHING on that unique key: a
  second scan the same day, a manual re-run, a restarted scheduler or two schedulers at once add nothing;
- the sender claims a pending row (an UPDATE that only one sender can win) before talking to the mail
  server, records every attempt, and puts failures back as pending with a growing delay until the last
  attempt; a claim left by a crashed sender is released after a while;
- the in-app copy exists as soon as the row does; reading is kept per user.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, or_, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from i18n import format_datetime, t
from models.audit import actor_label, add_entry, authorize
from models.deadlines import DeadlineState, deadline
from models.digest import Digest, FlaggedTask, Outgoing, compose
from models.errors import DomainError, NotFound, ValidationError
from models.permissions import Action, Actor, is_manager
from models.reminders import (
    CHASED_STATUSES,
    SEVERITY,
    Reminder,
    ReminderPolicy,
    catch_up_days,
    deadline_reminder_over,
    is_chased,
    more_pressing,
)
from models.tables import (
    STEERING_RECIPIENT,
    Agency,
    DeliveryAttempt,
    DeliveryState,
    ItemKind,
    JobRun,
    Notification,
    NotificationItem,
    NotificationKind,
    NotificationRead,
    Plan,
    Recurrence,
    Role,
    Task,
)
from models.tasks import TaskReminder, get_task, note_text, task_reminders  # noqa: F401 (read here too)
from models.workdays import WorkCalendar

SCAN_JOB = "scan_overdue"
SEND_JOB = "send_notifications"
MAX_ATTEMPTS = 48  # with delays growing to an hour: about two days of a mail server being down
FIRST_RETRY = timedelta(minutes=2)
LONGEST_RETRY = timedelta(hours=1)
STALE_CLAIM = timedelta(minutes=15)


class AlreadyUrged(DomainError):
    """The agency was urged today already; a coordinator must confirm to urge it again."""

    key = "urge.already"


# --------------------------------------------------------------------------------------------- scan
@dataclass
class DeliveryReport:
    """What one run of the sender did."""

    sent: int = 0
    retried: int = 0
    failed: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass
class ScanResult:
    """What a scan found and what it added to the outbox."""

    today: date
    days: list[date]
    digests: list[Digest]
    created: int = 0  # new outbox rows (0 on a repeated scan)
    dry_run: bool = False
    delivery: DeliveryReport | None = None  # set by the job when it sent the new rows at once

    @property
    def working_day(self) -> bool:
        """False when today is a day off (nothing is flagged)."""
        return bool(self.days)


def _insert_or_skip(session: Session, table: Any, values: dict, key: Sequence[str]):
    """INSERT … ON CONFLICT (key) DO NOTHING, in the dialect of the session's database."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table).values(**values).on_conflict_do_nothing(index_elements=list(key))


def _insert_ignore(session: Session, table: Any, values: dict, key: Sequence[str]) -> int | None:
    """INSERT … ON CONFLICT (key) DO NOTHING RETURNING id: the new id, or None when the key exists."""
    statement = _insert_or_skip(session, table, values, key)
    return session.execute(statement.returning(table.c.id)).scalar_one_or_none()


def last_run_day(*, session: Session, job: str, before: date) -> date | None:
    """The last day before `before` on which `job` finished well."""
    return session.exec(
        select(func.max(JobRun.day)).where(JobRun.job == job, JobRun.day < before, JobRun.status == "ok")
    ).one()


def has_run(*, session: Session, job: str, day: date) -> bool:
    """True when `job` already finished well on `day` (a second scheduler then does nothing)."""
    return (
        session.exec(select(JobRun.id).where(JobRun.job == job, JobRun.day == day, JobRun.status == "ok")).first()
        is not None
    )


def record_run(*, session: Session, job: str, day: date, started: datetime, now: datetime, status: str, detail: str):
    """Add or update the (job, day) row; the caller commits."""
    values = dict(job=job, day=day, started_at=started, finished_at=now, status=status, runs=1, detail=detail)
    if _insert_ignore(session, JobRun.__table__, values, ("job", "day")) is None:
        session.execute(
            update(JobRun)
            .where(JobRun.job == job, JobRun.day == day)
            .values(runs=JobRun.runs + 1, finished_at=now, status=status, detail=detail)
        )


def _flagged(task: Any, kind: ItemKind, today: date, calendar: WorkCalendar, plan: str, lead: str) -> FlaggedTask:
    """The task as a notification shows it: the figures of `today`."""
    late = today > task.due_date if task.due_date else False
    return FlaggedTask(
        task_id=task.id,
        number=task.number,
        title=task.title,
        plan_code=plan,
        lead_agency=lead,
        kind=kind,
        due_date=task.due_date,
        days_overdue=(today - task.due_date).days if late else None,
        working_days_overdue=calendar.working_days_overdue(task.due_date, today) if late else None,
        working_days_left=None if late or task.due_date is None else calendar.working_days_until(today, task.due_date),
    )


def _chased_conditions() -> tuple[Any, ...]:
    """The WHERE of open work with a deadline (`reminders.is_chased` in SQL; index ix_task_status_due)."""
    return (
        col(Task.status).in_([str(s) for s in CHASED_STATUSES]),
        col(Task.due_date).is_not(None),
        Task.recurrence != str(Recurrence.ONGOING),
    )


# Dates per IN (...) list: far below every driver's bound-parameter limit.
DEADLINES_PER_QUERY = 500


def flagged_deadlines(
    *, session: Session, days: Sequence[date], calendar: WorkCalendar, policy: ReminderPolicy
) -> dict[date, Reminder]:
    """The deadlines of open tasks that get a reminder on any of `days`, with that reminder.

    The policy depends on the deadline alone: the database lists the distinct deadlines (a few
    hundred even for 100,000 tasks) and the policy is applied to those, not to every task.
    """
    deadlines = session.exec(select(Task.due_date).where(*_chased_conditions()).distinct()).all()
    verdicts = {}
    for due in deadlines:
        reminder = deadline_reminder_over(due, days, calendar=calendar, policy=policy)
        if reminder:
            verdicts[due] = reminder
    return verdicts


def plan_digests(
    *, session: Session, today: date, days: Iterable[date], calendar: WorkCalendar, policy: ReminderPolicy
) -> list[Digest]:
    """One digest per recipient for the scan of `today` standing for `days` (pure reading)."""
    days = list(days)
    if not days:
        return []
    verdicts = flagged_deadlines(session=session, days=days, calendar=calendar, policy=policy)
    if not verdicts:
        return []
    agencies = {a.id: a for a in session.exec(select(Agency)).all()}
    plans = dict(session.exec(select(Plan.id, Plan.code)).all())
    wanted = sorted(verdicts)
    rows = []
    for start in range(0, len(wanted), DEADLINES_PER_QUERY):
        chunk = wanted[start : start + DEADLINES_PER_QUERY]
        rows += session.exec(
            select(Task.id, Task.number, Task.title, Task.plan_id, Task.lead_agency_id, Task.due_date).where(
                *_chased_conditions(), col(Task.due_date).in_(chunk)
            )
        ).all()
    rows.sort(key=lambda row: row.id)
    by_recipient: dict[str, dict[int, FlaggedTask]] = defaultdict(dict)
    coordinator = next((a for a in agencies.values() if a.code == policy.coordinator_agency), None)

    def add(recipient: str, task: Any, kind: ItemKind) -> None:
        lead = agencies[task.lead_agency_id]
        known = by_recipient[recipient].get(task.id)
        if known is None or more_pressing(known.kind, kind) == kind != known.kind:
            flagged = _flagged(task, kind, today, calendar, plans.get(task.plan_id, ""), lead.short_name or lead.name)
            by_recipient[recipient][task.id] = flagged

    for task in rows:
        reminder = verdicts[task.due_date]
        if reminder.lead is not None:
            add(agencies[task.lead_agency_id].code, task, reminder.lead)
        if reminder.escalation is not None:
            if coordinator is not None:
                add(coordinator.code, task, reminder.escalation)
            add(STEERING_RECIPIENT, task, reminder.escalation)
    by_code = {a.code: a for a in agencies.values()}
    digests = []
    for recipient, items in sorted(by_recipient.items()):
        if recipient == STEERING_RECIPIENT:
            name, agency_id, emails = t("notify.steering_name"), None, tuple(policy.steering_emails)
        else:
            agency = by_code[recipient]
            name, agency_id, emails = agency.name, agency.id, tuple(agency.emails or ())
        items_found = tuple(items.values())
        digests.append(
            Digest(recipient, agency_id, name, emails, NotificationKind.DIGEST, items_found, policy.escalate_after)
        )
    return digests


def fit(text: str, limit: int) -> str:
    """`text` cut to the column's length, with an ellipsis when cut (a long agency name must not fail a scan)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _store(
    session: Session,
    digest: Digest,
    *,
    day: date,
    now: datetime,
    base_url: str,
    seq: int = 0,
    created_by: str = "",
    note: str = "",
) -> int | None:
    """Insert the outbox row and its items unless (recipient, kind, day, seq) exists; the new id or None."""
    message = compose(digest, day=day, base_url=base_url, note=note, sender=created_by)
    values = dict(
        recipient=digest.recipient,
        agency_id=digest.agency_id,
        kind=str(digest.kind),
        day=day,
        seq=seq,
        created_at=now,
        created_by_label=fit(created_by, 200),
        subject=fit(message.subject, 300),
        body_text=message.text,
        body_html=message.html,
        emails=list(digest.emails),
        email_state=str(DeliveryState.PENDING if digest.emails else DeliveryState.NO_ADDRESS),
        attempts=0,
        next_attempt_at=now if digest.emails else None,
        last_error="",
    )
    notification_id = _insert_ignore(session, Notification.__table__, values, ("recipient", "kind", "day", "seq"))
    if notification_id is not None:
        session.add_all(
            NotificationItem(
                notification_id=notification_id,
                task_id=item.task_id,
                kind=str(item.kind),
                due_date=item.due_date,
                days_overdue=item.days_overdue,
                working_days_left=item.working_days_left,
            )
            for item in digest.items
        )
    return notification_id


def scan_overdue(
    *,
    session: Session,
    today: date,
    now: datetime,
    calendar: WorkCalendar,
    policy: ReminderPolicy,
    base_url: str,
    dry_run: bool = False,
) -> ScanResult:
    """Flag due-soon and overdue tasks for `today` (and the working days missed since the last scan).

    Writes the outbox rows and the day's JobRun in one transaction (unless `dry_run`); repeating it
    the same day adds nothing.
    """
    days = catch_up_days(today, last_run_day(session=session, job=SCAN_JOB, before=today), calendar=calendar)
    digests = plan_digests(session=session, today=today, days=days, calendar=calendar, policy=policy)
    result = ScanResult(today=today, days=days, digests=digests, dry_run=dry_run)
    if dry_run:
        session.rollback()
        return result
    for digest in digests:
        if _store(session, digest, day=today, now=now, base_url=base_url) is not None:
            result.created += 1
    if days:  # a day off is not a run: the next working day's scan must still catch up what was missed
        detail = f"{len(digests)} digests, {result.created} new"
        record_run(session=session, job=SCAN_JOB, day=today, started=now, now=now, status="ok", detail=detail)
    session.commit()
    return result


# --------------------------------------------------------------------------------------------- urge
def _open_task_items(session: Session, agency: Agency, today: date, calendar: WorkCalendar) -> list[Task]:
    """The agency's open tasks that are overdue or due soon (what an urge of the agency is about)."""
    tasks = session.exec(
        select(Task).where(Task.lead_agency_id == agency.id, col(Task.status).in_([str(s) for s in CHASED_STATUSES]))
    ).all()
    urgent = (DeadlineState.OVERDUE, DeadlineState.DUE_SOON)
    return [task for task in tasks if is_chased(task) and deadline(task, today, calendar=calendar).state in urgent]


def urge(
    *,
    session: Session,
    actor: Actor,
    now: datetime,
    today: date,
    calendar: WorkCalendar,
    base_url: str,
    task_id: int | None = None,
    agency_id: int | None = None,
    confirm: bool = False,
    note: str = "",
) -> Notification:
    """Urge (đôn đốc) a task's lead agency about that task, or an agency about all its late work, now.

    At most once per agency per day: a second urge raises AlreadyUrged unless `confirm` is set.
    Coordinators and admins only; recorded in the audit trail. The caller may deliver it at once.
    """
    target_type, target_id = ("task", task_id) if task_id is not None else ("agency", agency_id)
    authorize(session, actor=actor, now=now, action=Action.SEND_REMINDERS, target_type=target_type, target_id=target_id)
    note = note_text(note)
    if task_id is not None:
        task = get_task(session=session, task_id=task_id)
        if task.status not in CHASED_STATUSES:
            raise ValidationError("urge.not_open")
        agency = session.get(Agency, task.lead_agency_id)
        tasks = [task]
    else:
        agency = session.get(Agency, agency_id) if agency_id is not None else None
        if agency is None:
            raise NotFound()
        tasks = _open_task_items(session, agency, today, calendar)
        if not tasks:
            raise ValidationError("urge.nothing", agency=agency.short_name or agency.name)
    earlier = session.exec(
        select(Notification)
        .where(Notification.recipient == agency.code, Notification.kind == str(NotificationKind.URGE))
        .where(Notification.day == today)
        .order_by(col(Notification.seq).desc())
    ).first()
    if earlier is not None and not confirm:
        raise AlreadyUrged(agency=agency.short_name or agency.name, time=format_datetime(earlier.created_at))
    plans = dict(session.exec(select(Plan.id, Plan.code)).all())
    lead = agency.short_name or agency.name
    items = tuple(_flagged(task, ItemKind.URGED, today, calendar, plans.get(task.plan_id, ""), lead) for task in tasks)
    digest = Digest(agency.code, agency.id, agency.name, tuple(agency.emails or ()), NotificationKind.URGE, items)
    seq = 0 if earlier is None else earlier.seq + 1
    by = actor_label(actor)
    try:
        notification_id = _store(
            session, digest, day=today, now=now, base_url=base_url, seq=seq, created_by=by, note=note
        )
    except IntegrityError:
        notification_id = None
    if notification_id is None:  # another coordinator urged the same agency at the same moment
        session.rollback()
        raise AlreadyUrged(agency=lead, time=format_datetime(now))
    add_entry(
        session,
        actor=actor,
        now=now,
        action="urge",
        target_type=target_type,
        target_id=target_id,
        detail=f"{agency.code}: {', '.join(task.number for task in tasks)}",
    )
    session.commit()
    return session.get(Notification, notification_id)


# --------------------------------------------------------------------------------------------- send
def retry_delay(attempts: int) -> timedelta:
    """The wait before the next try after `attempts` failed ones: 2, 4, 8 … minutes, at most an hour."""
    doublings = min(max(0, attempts - 1), 16)  # 2**16 × 2 minutes is far past the cap; no overflow
    return min(FIRST_RETRY * (2**doublings), LONGEST_RETRY)


def outgoing(notification: Notification) -> Outgoing:
    """The e-mail of an outbox row."""
    return Outgoing(
        to=tuple(notification.emails),
        subject=notification.subject,
        text=notification.body_text,
        html=notification.body_html,
        headers={"X-Tracker-Notification": str(notification.id)},
    )


def _claim(session: Session, notification_id: int, now: datetime) -> bool:
    """Take a pending row for sending; only one sender can win it."""
    claimed = session.execute(
        update(Notification)
        .where(Notification.id == notification_id, Notification.email_state == str(DeliveryState.PENDING))
        .values(
            email_state=str(DeliveryState.SENDING),
            attempts=Notification.attempts + 1,
            last_attempt_at=now,
        )
    ).rowcount
    session.commit()
    return claimed == 1


def deliver(
    *,
    session: Session,
    now: datetime,
    send: Callable[[Outgoing], None],
    only: Iterable[int] | None = None,
    limit: int = 100,
    max_attempts: int = MAX_ATTEMPTS,
) -> DeliveryReport:
    """Send the pending e-mails that are due (or only the rows `only`); record every attempt."""
    session.execute(
        update(Notification)
        .where(Notification.email_state == str(DeliveryState.SENDING), Notification.last_attempt_at < now - STALE_CLAIM)
        .values(email_state=str(DeliveryState.PENDING), next_attempt_at=now)
    )
    session.commit()
    query = select(Notification.id).where(Notification.email_state == str(DeliveryState.PENDING))
    if only is not None:
        query = query.where(col(Notification.id).in_(list(only)))
    else:
        query = query.where(or_(col(Notification.next_attempt_at).is_(None), Notification.next_attempt_at <= now))
    report = DeliveryReport()
    for notification_id in session.exec(query.order_by(Notification.id).limit(limit)).all():
        if not _claim(session, notification_id, now):
            continue  # another sender has it
        notification = session.get(Notification, notification_id, populate_existing=True)
        try:
            send(outgoing(notification))
        except Exception as error:  # the mail server's refusal or absence, recorded as said
            message = f"{type(error).__name__}: {error}"[:1000]
            report.errors.append(message)
            notification.last_error = message
            if notification.attempts >= max_attempts:
                notification.email_state = str(DeliveryState.FAILED)
                report.failed += 1
            else:
                notification.email_state = str(DeliveryState.PENDING)
                notification.next_attempt_at = now + retry_delay(notification.attempts)
                report.retried += 1
            session.add(DeliveryAttempt(notification_id=notification_id, at=now, ok=False, error=message))
        else:
            notification.email_state = str(DeliveryState.SENT)
            notification.sent_at = now
            notification.last_error = ""
            session.add(DeliveryAttempt(notification_id=notification_id, at=now, ok=True))
            report.sent += 1
        session.add(notification)
        session.commit()
    return report


# --------------------------------------------------------------------------------------------- read
@dataclass(frozen=True)
class NotificationFilters:
    """The notification page's filters."""

    agency_id: int | None = None
    kind: str | None = None  # a NotificationKind or an ItemKind
    day_from: date | None = None
    day_to: date | None = None
    state: str | None = None
    unread_only: bool = False


@dataclass(frozen=True)
class NotificationView:
    """A notification as the centre lists it."""

    notification: Notification
    agency_name: str
    items: list[tuple[NotificationItem, Task]]
    read: bool


def _visible(query, actor: Actor):
    """Limit `query` to what `actor` may see: managers all, an agency its own, viewers the committee's."""
    if is_manager(actor):
        return query
    if actor.agency_id is not None:
        return query.where(Notification.agency_id == actor.agency_id)
    if actor.role == Role.VIEWER:
        return query.where(Notification.recipient == STEERING_RECIPIENT)
    return query.where(Notification.id == -1)


def _unread(query, actor: Actor):
    read = select(NotificationRead.notification_id).where(NotificationRead.user_id == actor.id)
    return query.where(col(Notification.id).not_in(read))


def unread_count(*, session: Session, actor: Actor) -> int:
    """How many notifications this user may see and has not read (the header's badge)."""
    query = _unread(_visible(select(func.count(Notification.id)), actor), actor)
    return session.exec(query).one()


def list_notifications(
    *, session: Session, actor: Actor, filters: NotificationFilters = NotificationFilters(), limit: int = 200
) -> list[NotificationView]:
    """The newest notifications this user may see, filtered."""
    query = _visible(select(Notification), actor)
    if filters.agency_id is not None:
        query = query.where(Notification.agency_id == filters.agency_id)
    if filters.kind in set(NotificationKind):
        query = query.where(Notification.kind == filters.kind)
    elif filters.kind in set(ItemKind):
        having = select(NotificationItem.notification_id).where(NotificationItem.kind == filters.kind)
        query = query.where(col(Notification.id).in_(having))
    if filters.day_from is not None:
        query = query.where(Notification.day >= filters.day_from)
    if filters.day_to is not None:
        query = query.where(Notification.day <= filters.day_to)
    if filters.state:
        query = query.where(Notification.email_state == filters.state)
    if filters.unread_only:
        query = _unread(query, actor)
    rows = session.exec(
        query.order_by(
            col(Notification.day).desc(), col(Notification.created_at).desc(), col(Notification.id).desc()
        ).limit(limit)
    ).all()
    ids = [n.id for n in rows]
    if not ids:
        return []
    items: dict[int, list[tuple[NotificationItem, Task]]] = defaultdict(list)
    for item, task in session.exec(
        select(NotificationItem, Task)
        .join(Task, Task.id == NotificationItem.task_id)
        .where(col(NotificationItem.notification_id).in_(ids))
    ).all():
        items[item.notification_id].append((item, task))
    for found in items.values():
        found.sort(key=lambda pair: (SEVERITY.index(ItemKind(pair[0].kind)), pair[1].position, pair[1].id))
    read = set(
        session.exec(
            select(NotificationRead.notification_id).where(
                NotificationRead.user_id == actor.id, col(NotificationRead.notification_id).in_(ids)
            )
        ).all()
    )
    names = {a.id: a.short_name or a.name for a in session.exec(select(Agency)).all()}
    return [
        NotificationView(
            notification=n,
            agency_name=names.get(n.agency_id, "") if n.agency_id else "",
            items=items.get(n.id, []),
            read=n.id in read,
        )
        for n in rows
    ]


def mark_read(*, session: Session, actor: Actor, now: datetime, notification_ids: Iterable[int] | None = None) -> int:
    """Mark notifications read for this user (those given, or every one they may see); how many changed.

    Reading state is the user's own: there is nothing to authorize beyond seeing the notification, and
    an id the user may not see is ignored.
    """
    query = _unread(_visible(select(Notification.id), actor), actor)
    if notification_ids is not None:
        wanted = [int(i) for i in notification_ids]
        query = query.where(col(Notification.id).in_(wanted))
    ids = list(session.exec(query).all())
    for notification_id in ids:
        _insert_ignore_read(session, notification_id, actor.id, now)
    session.commit()
    return len(ids)


def _insert_ignore_read(session: Session, notification_id: int, user_id: int, now: datetime) -> None:
    values = {"notification_id": notification_id, "user_id": user_id, "read_at": now}
    session.execute(_insert_or_skip(session, NotificationRead.__table__, values, ("notification_id", "user_id")))


def list_items(*, session: Session, notification_id: int) -> list[NotificationItem]:
    """The tasks of one notification."""
    return list(session.exec(select(NotificationItem).where(NotificationItem.notification_id == notification_id)).all())


def can_see(*, session: Session, actor: Actor, notification_id: int) -> bool:
    """True when the user may see the notification."""
    query = _visible(select(Notification.id).where(Notification.id == notification_id), actor)
    return session.exec(query).first() is not None


@dataclass(frozen=True)
class UrgeableAgency:
    """An agency with its open work that is overdue or due soon (the urge box lists these first)."""

    agency: Agency
    overdue: int
    due_soon: int


def urgeable_agencies(*, session: Session, today: date, calendar: WorkCalendar) -> list[UrgeableAgency]:
    """Active agencies, those with the most overdue work first, then by name."""
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    tasks = session.exec(select(Task).where(col(Task.status).in_([str(s) for s in CHASED_STATUSES]))).all()
    for task in tasks:
        if not is_chased(task):
            continue
        state = deadline(task, today, calendar=calendar).state
        if state == DeadlineState.OVERDUE:
            counts[task.lead_agency_id][0] += 1
        elif state == DeadlineState.DUE_SOON:
            counts[task.lead_agency_id][1] += 1
    agencies = session.exec(select(Agency).where(Agency.is_active)).all()
    found = [UrgeableAgency(a, *counts[a.id]) for a in agencies]
    found.sort(key=lambda u: (-u.overdue, -u.due_soon, (u.agency.short_name or u.agency.name).casefold()))
    return found


def agencies_without_email(*, session: Session) -> list[Agency]:
    """Active agencies with no e-mail address (they get reminders in the tracker only)."""
    agencies = session.exec(select(Agency).where(Agency.is_active).order_by(Agency.short_name)).all()
    return [a for a in agencies if not [e for e in a.emails or () if e.strip()]]


def delivery_attempts(*, session: Session, notification_id: int) -> list[DeliveryAttempt]:
    """Every try to send one notification, oldest first."""
    return list(
        session.exec(
            select(DeliveryAttempt)
            .where(DeliveryAttempt.notification_id == notification_id)
            .order_by(DeliveryAttempt.at, DeliveryAttempt.id)
        ).all()
    )
