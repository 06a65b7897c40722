"""What the steering committee reviews: the report maths (pandas DataFrames) and review sessions.

Every figure comes from one frame of the plan's tasks (`task_frame`), classified once by the same
`deadline()` rule as the board, so the review page, the Excel export and the Word report agree.

The Vietnamese reporting convention splits the tasks of a plan (cancelled ones left out) into five
parts that add up to the total: hoàn thành đúng hạn, hoàn thành quá hạn, đang thực hiện trong hạn,
đang thực hiện quá hạn, chưa triển khai. "Đang thực hiện" includes work submitted and awaiting the
ICT department's confirmation (judged by the day it was submitted) and ongoing tasks (never overdue).
Not-started tasks are "chưa triển khai" whatever their deadline; how many of them are already late is
a figure of its own (`not_started_overdue`), and the overdue list names every late open task.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pandas as pd
from sqlalchemy import func
from sqlmodel import Session, col, select

from i18n import format_date, t
from models.audit import actor_label, add_entry, authorize
from models.deadlines import DeadlineState, deadline
from models.errors import NotFound, ValidationError
from models.permissions import Action, Actor
from models.tables import (
    Agency,
    Category,
    Conclusion,
    NotificationItem,
    Plan,
    Recurrence,
    ReviewSession,
    Status,
    Task,
    TaskEvent,
)
from models.tasks import note_text, parse_day, record_events
from models.text import number_key
from models.workdays import WorkCalendar
from models.workflow import Change

BUCKETS = ("done_on_time", "done_late", "in_progress_on_time", "in_progress_overdue", "not_started")
HEADLINE_KEYS = ("total", *BUCKETS)
CHANGE_FIELDS = ("status", "progress", "due_date")
FRAME_COLUMNS = (
    "id", "number", "title", "category_code", "category", "lead_agency_id", "lead_agency", "lead_agency_name",
    "status", "progress", "time_frame", "recurrence", "due_date", "completed_on", "state", "bucket",
    "days_overdue", "days_late", "reminders",
)  # fmt: skip


def bucket_of(status: str, state: str) -> str | None:
    """The reporting bucket of a task (None for a cancelled one)."""
    if status == Status.CANCELLED:
        return None
    if status == Status.DONE:
        return "done_late" if state == DeadlineState.DONE_LATE else "done_on_time"
    if status == Status.NOT_STARTED:
        return "not_started"
    return "in_progress_overdue" if state == DeadlineState.OVERDUE else "in_progress_on_time"


def task_frame(
    *,
    session: Session,
    plan_id: int,
    today: date,
    calendar: WorkCalendar,
    category: str | None = None,
    agency_id: int | None = None,
    lang: str = "vi",
) -> pd.DataFrame:
    """One row per task of the plan (cancelled included, with bucket None), in plan order."""
    query = select(Task).where(Task.plan_id == plan_id)
    if category:
        query = query.where(Task.category_code == category)
    if agency_id is not None:
        query = query.where(Task.lead_agency_id == agency_id)
    tasks = session.exec(query.order_by(Task.position, Task.id)).all()
    agencies = {a.id: a for a in session.exec(select(Agency)).all()}
    categories = {c.code: c for c in session.exec(select(Category)).all()}
    reminders = dict(
        session.exec(
            select(NotificationItem.task_id, func.count())
            .where(col(NotificationItem.task_id).in_([t.id for t in tasks] or [-1]))
            .group_by(NotificationItem.task_id)
        ).all()
    )
    rows = []
    for task in tasks:
        dl = deadline(task, today, calendar=calendar)
        lead = agencies.get(task.lead_agency_id)
        cat = categories.get(task.category_code)
        days_late = None
        if dl.state == DeadlineState.OVERDUE:
            days_late = dl.days_overdue
        elif dl.state == DeadlineState.DONE_LATE and task.completed_on and task.due_date:
            days_late = (task.completed_on - task.due_date).days
        rows.append(
            {
                "id": task.id,
                "number": task.number,
                "title": task.title,
                "category_code": task.category_code,
                "category": (cat.name_en if lang == "en" else cat.name_vi) if cat else task.category_code,
                "lead_agency_id": task.lead_agency_id,
                "lead_agency": (lead.short_name or lead.name) if lead else "",
                "lead_agency_name": lead.name if lead else "",
                "status": str(task.status),
                "progress": int(task.progress or 0),
                "time_frame": task.time_frame or "",
                "recurrence": str(task.recurrence),
                "due_date": task.due_date,
                "completed_on": task.completed_on,
                "state": str(dl.state),
                "bucket": bucket_of(task.status, dl.state),
                "days_overdue": dl.days_overdue if dl.state == DeadlineState.OVERDUE else None,
                "days_late": days_late,
                "reminders": int(reminders.get(task.id, 0)),
            }
        )
    return pd.DataFrame(rows, columns=list(FRAME_COLUMNS))


def counted(frame: pd.DataFrame) -> pd.DataFrame:
    """The tasks that count in the figures (cancelled ones are kept but excluded from rates)."""
    return frame[frame["bucket"].notna()]


def headline(frame: pd.DataFrame) -> dict[str, int]:
    """Total and the five buckets, plus the not-started tasks already late and every late open task."""
    live = counted(frame)
    figures = {"total": len(live)}
    figures.update({bucket: int((live["bucket"] == bucket).sum()) for bucket in BUCKETS})
    late = live["state"] == str(DeadlineState.OVERDUE)
    figures["not_started_overdue"] = int((late & (live["bucket"] == "not_started")).sum())
    figures["overdue_open"] = int(late.sum())
    return figures


def share(part: int, total: int) -> float:
    """Percentage of the total (0 when there is nothing)."""
    if not total:
        return 0.0
    # half up, as reports and spreadsheets round (Python's round() would give 6,2% for 1 of 16)
    return float((Decimal(100 * part) / Decimal(total)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def by_category(frame: pd.DataFrame, categories: Sequence[Category], lang: str = "vi") -> pd.DataFrame:
    """Per category (in the plan's order): the five buckets and the total, for the stacked bars."""
    live = counted(frame)
    rows = []
    for category in categories:
        part = live[live["category_code"] == category.code]
        row = {"category_code": category.code, "category": category.name_en if lang == "en" else category.name_vi}
        row.update({bucket: int((part["bucket"] == bucket).sum()) for bucket in BUCKETS})
        row["total"] = len(part)
        rows.append(row)
    return pd.DataFrame(rows, columns=["category_code", "category", *BUCKETS, "total"])


def scorecard(frame: pd.DataFrame) -> pd.DataFrame:
    """Per lead agency: tasks led, done, done on time (and its share of the tasks led), overdue now,
    average days late (over the tasks done late and those overdue now), ranked best first."""
    live = counted(frame)
    columns = ["lead_agency_id", "lead_agency", "led", "done", "done_on_time", "done_on_time_pct", "overdue_now"]
    columns += ["avg_days_late", "rank"]
    if live.empty:
        return pd.DataFrame(columns=columns)
    groups = live.groupby(["lead_agency_id", "lead_agency"], sort=False)
    card = groups.agg(
        led=("id", "size"),
        done=("status", lambda s: int((s == str(Status.DONE)).sum())),
        done_on_time=("bucket", lambda s: int((s == "done_on_time").sum())),
        overdue_now=("state", lambda s: int((s == str(DeadlineState.OVERDUE)).sum())),
        avg_days_late=("days_late", lambda s: round(float(s.dropna().mean()), 1) if s.notna().any() else 0.0),
    ).reset_index()
    card["done_on_time_pct"] = [share(a, b) for a, b in zip(card["done_on_time"], card["led"], strict=True)]
    card = card.sort_values(
        ["overdue_now", "done_on_time_pct", "avg_days_late", "lead_agency"], ascending=[True, False, True, True]
    ).reset_index(drop=True)
    card["rank"] = range(1, len(card) + 1)
    return card[columns]


def overdue_list(frame: pd.DataFrame) -> pd.DataFrame:
    """Every late open task, longest overdue first."""
    late = frame[frame["state"] == str(DeadlineState.OVERDUE)].copy()
    late["_n"] = late["number"].map(number_key)
    late = late.sort_values(["days_overdue", "_n"], ascending=[False, True], key=None)
    return late.drop(columns="_n").reset_index(drop=True)


def burn_up(frame: pd.DataFrame, today: date, *, months: int = 24) -> pd.DataFrame:
    """At the end of each month up to today: tasks completed by then against tasks due by then.

    Counts once and yearly tasks with a deadline (cancelled ones left out); the last point is today.
    """
    live = counted(frame)
    dated = live[live["due_date"].notna() & (live["recurrence"] != str(Recurrence.ONGOING))]
    points: list[date] = [today]
    month_end = today.replace(day=1) - timedelta(days=1)
    earliest = min([d for d in dated["due_date"]] + [d for d in live["completed_on"].dropna()] + [today])
    while month_end >= earliest.replace(day=1) - timedelta(days=1) and len(points) < months:
        points.append(month_end)
        month_end = month_end.replace(day=1) - timedelta(days=1)
    points.sort()
    completed = [d for d in live["completed_on"].dropna()]
    due = list(dated["due_date"])
    return pd.DataFrame(
        {
            "date": points,
            "completed": [sum(1 for c in completed if c <= p) for p in points],
            "due": [sum(1 for d in due if d <= p) for p in points],
        }
    )


def changes_since(*, session: Session, frame: pd.DataFrame, since: datetime) -> pd.DataFrame:
    """Task events on status, progress or deadline after `since`, newest first (tasks of `frame` only)."""
    ids = [int(i) for i in frame["id"]]
    columns = ["task_id", "number", "title", "lead_agency", "field", "before", "after", "at", "actor"]
    if not ids:
        return pd.DataFrame(columns=columns)
    events = session.exec(
        select(TaskEvent)
        .where(col(TaskEvent.task_id).in_(ids), col(TaskEvent.field).in_(CHANGE_FIELDS), TaskEvent.at >= since)
        .order_by(col(TaskEvent.at).desc(), col(TaskEvent.id).desc())
    ).all()
    by_id = frame.set_index("id")
    rows = [
        {
            "task_id": e.task_id,
            "number": by_id.at[e.task_id, "number"],
            "title": by_id.at[e.task_id, "title"],
            "lead_agency": by_id.at[e.task_id, "lead_agency"],
            "field": e.field,
            "before": e.before,
            "after": e.after,
            "at": e.at,
            "actor": e.actor_label,
        }
        for e in events
    ]
    return pd.DataFrame(rows, columns=columns)


# --------------------------------------------------------------------------------------------- sessions
@dataclass(frozen=True)
class SessionView:
    """A review session with its conclusions and the follow-up tasks they became."""

    review: ReviewSession
    conclusions: list[tuple[Conclusion, Task | None]]


def list_sessions(*, session: Session, plan_id: int, held_from: date | None = None, held_to: date | None = None):
    """The plan's sessions, newest first, with their conclusions (within a period when given)."""
    query = select(ReviewSession).where(ReviewSession.plan_id == plan_id)
    if held_from is not None:
        query = query.where(ReviewSession.held_on >= held_from)
    if held_to is not None:
        query = query.where(ReviewSession.held_on <= held_to)
    reviews = session.exec(query.order_by(col(ReviewSession.held_on).desc(), col(ReviewSession.id).desc())).all()
    ids = [r.id for r in reviews]
    found: dict[int, list[tuple[Conclusion, Task | None]]] = {i: [] for i in ids}
    if ids:
        rows = session.exec(
            select(Conclusion, Task)
            .join(Task, Task.id == Conclusion.task_id, isouter=True)
            .where(col(Conclusion.session_id).in_(ids))
            .order_by(Conclusion.session_id, Conclusion.position, Conclusion.id)
        ).all()
        for conclusion, task in rows:
            found[conclusion.session_id].append((conclusion, task))
    return [SessionView(r, found[r.id]) for r in reviews]


def get_session(*, session: Session, session_id: int) -> SessionView:
    """One session with its conclusions (NotFound when there is none)."""
    review = session.get(ReviewSession, session_id)
    if review is None:
        raise NotFound()
    views = list_sessions(session=session, plan_id=review.plan_id)
    return next(v for v in views if v.review.id == session_id)


def previous_session(*, session: Session, plan_id: int, before: date | None = None) -> ReviewSession | None:
    """The latest session held before `before` (or the latest of all)."""
    query = select(ReviewSession).where(ReviewSession.plan_id == plan_id)
    if before is not None:
        query = query.where(ReviewSession.held_on < before)
    return session.exec(query.order_by(col(ReviewSession.held_on).desc(), col(ReviewSession.id).desc())).first()


def _line(text: str, limit: int, key: str) -> str:
    value = " ".join((text or "").split())
    if len(value) > limit:
        raise ValidationError("review.error.too_long", field=key, max=limit)
    return value


def record_session(
    *,
    session: Session,
    actor: Actor,
    now: datetime,
    calendar: WorkCalendar,
    plan_id: int,
    held_on: date | str | None,
    chair: str,
    attendees: str = "",
    notes: str = "",
    conclusions: Iterable[str] = (),
) -> ReviewSession:
    """Record a session with its conclusions and the plan's headline figures of today (coordinators)."""
    authorize(session, actor=actor, now=now, action=Action.WRITE_REPORTS, target_type="plan", target_id=plan_id)
    plan = session.get(Plan, plan_id)
    if plan is None:
        raise NotFound()
    day = parse_day(held_on) if not isinstance(held_on, date) else held_on
    if day is None:
        raise ValidationError("review.error.date_required")
    if day > now.date():
        raise ValidationError("review.error.date_future", date=format_date(now.date()))
    chair = _line(chair, 200, "chair")
    if not chair:
        raise ValidationError("review.error.chair_required")
    texts = [note_text(c) for c in conclusions if c and c.strip()]
    snapshot = headline(task_frame(session=session, plan_id=plan_id, today=now.date(), calendar=calendar))
    review = ReviewSession(
        plan_id=plan_id,
        held_on=day,
        chair=chair,
        attendees=note_text(attendees),
        notes=note_text(notes),
        snapshot={"day": now.date().isoformat(), **snapshot},
        created_at=now,
        created_by_label=actor_label(actor),
    )
    session.add(review)
    session.flush()
    session.add_all(Conclusion(session_id=review.id, position=i, text=text) for i, text in enumerate(texts, start=1))
    add_entry(
        session, actor=actor, now=now, action="record_review", target_type="review", target_id=review.id,
        detail=f"{format_date(day)}: {len(texts)} kết luận",
    )  # fmt: skip
    session.commit()
    session.refresh(review)
    return review


def add_conclusion(*, session: Session, actor: Actor, now: datetime, session_id: int, text: str) -> Conclusion:
    """Add a conclusion to a recorded session (coordinators)."""
    authorize(session, actor=actor, now=now, action=Action.WRITE_REPORTS, target_type="review", target_id=session_id)
    review = session.get(ReviewSession, session_id)
    if review is None:
        raise NotFound()
    body = note_text(text)
    if not body:
        raise ValidationError("review.error.conclusion_required")
    last = session.exec(select(func.max(Conclusion.position)).where(Conclusion.session_id == session_id)).one()
    conclusion = Conclusion(session_id=session_id, position=(last or 0) + 1, text=body)
    session.add(conclusion)
    add_entry(session, actor=actor, now=now, action="add_conclusion", target_type="review", target_id=session_id)
    session.commit()
    session.refresh(conclusion)
    return conclusion


def _next_number(session: Session, plan_id: int) -> tuple[str, int]:
    numbers = session.exec(select(Task.number).where(Task.plan_id == plan_id)).all()
    top = max((int(n) for n in numbers if n.isascii() and n.isdigit()), default=0)
    position = session.exec(select(func.max(Task.position)).where(Task.plan_id == plan_id)).one() or 0
    return str(top + 1), position + 1


def follow_up_task(
    *,
    session: Session,
    actor: Actor,
    now: datetime,
    conclusion_id: int,
    lead_agency_id: int | None,
    due_date: date | str | None,
    category_code: str | None,
) -> Task:
    """Turn a conclusion into a task on the board (lead agency, deadline), linked back to its session."""
    authorize(session, actor=actor, now=now, action=Action.EDIT_TASK, target_type="conclusion", target_id=conclusion_id)
    conclusion = session.get(Conclusion, conclusion_id)
    if conclusion is None:
        raise NotFound()
    if conclusion.task_id is not None:
        raise ValidationError("review.error.already_task")
    review = session.get(ReviewSession, conclusion.session_id)
    lead = session.get(Agency, lead_agency_id) if lead_agency_id is not None else None
    if lead is None or not lead.is_active:
        raise ValidationError("review.error.lead_required")
    if category_code is None or session.get(Category, category_code) is None:
        raise ValidationError("review.error.category_required")
    due = parse_day(due_date) if not isinstance(due_date, date) else due_date
    if due is None:
        raise ValidationError("review.error.due_required")
    if due < review.held_on:
        raise ValidationError("review.error.due_before_session", date=format_date(review.held_on))
    number, position = _next_number(session, review.plan_id)
    title = " ".join(conclusion.text.split())[:1000]
    task = Task(
        plan_id=review.plan_id,
        number=number,
        position=position,
        title=title,
        description=conclusion.text,
        category_code=category_code,
        lead_agency_id=lead.id,
        due_date=due,
        original_due_date=due,
        time_frame=format_date(due),
        recurrence=Recurrence.ONCE,
        status=Status.NOT_STARTED,
        created_at=now,
        updated_at=now,
    )
    session.add(task)
    session.flush()
    conclusion.task_id = task.id
    session.add(conclusion)
    note = t("review.follow_up_note", date=format_date(review.held_on))
    record_events(session, task, [Change("title", None, task.title)], actor=actor, now=now, kind="created", note=note)
    session.commit()
    session.refresh(task)
    return task


def origin_of(*, session: Session, task_id: int) -> tuple[Conclusion, ReviewSession] | None:
    """The conclusion (and its session) a task was created from, if any."""
    row = session.exec(
        select(Conclusion, ReviewSession)
        .join(ReviewSession, ReviewSession.id == Conclusion.session_id)
        .where(Conclusion.task_id == task_id)
    ).first()
    return (row[0], row[1]) if row else None


def may_export(*, session: Session, actor: Actor, now: datetime, plan_id: int) -> None:
    """Return when the actor may export the plan (coordinators and viewers); record a refusal otherwise."""
    authorize(session, actor=actor, now=now, action=Action.EXPORT, target_type="plan", target_id=plan_id)


def export_frame(
    *,
    session: Session,
    actor: Actor,
    now: datetime,
    plan_id: int,
    calendar: WorkCalendar,
    category: str | None = None,
    agency_id: int | None = None,
    lang: str = "vi",
) -> pd.DataFrame:
    """The task frame for an export (coordinators and viewers; a refusal is recorded)."""
    may_export(session=session, actor=actor, now=now, plan_id=plan_id)
    return task_frame(
        session=session,
        plan_id=plan_id,
        today=now.date(),
        calendar=calendar,
        category=category,
        agency_id=agency_id,
        lang=lang,
    )
