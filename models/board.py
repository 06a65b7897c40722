"""The board's read model (filters, lanes, cells, counts, allowed moves) and the move it makes.

Everything the browser draws comes from `board_view`: plain records, already filtered by what this
user may see, with the badge text in their language and the moves they may make. The browser never
decides: `move_on_board` checks the transition, the role and the version again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, case, false, func, literal, or_
from sqlmodel import Session, select

from i18n import format_date, format_number, t
from models.deadlines import DUE_SOON_WORKING_DAYS, Deadline, DeadlineState, deadline_label
from models.permissions import Actor, can, move_action
from models.tables import Agency, Category, Plan, Recurrence, Role, Status, Task
from models.tasks import change_status
from models.text import fold
from models.workdays import WorkCalendar
from models.workflow import TRANSITIONS

BOARD_STATUSES = (Status.NOT_STARTED, Status.IN_PROGRESS, Status.SUBMITTED, Status.DONE)
DEFAULT_CELL_LIMIT = 20
MAX_DUE_WITHIN = 366
GROUPS = ("category", "agency")


URL_KEYS = {
    "category": "cat",
    "agency": "agency",
    "deadline": "dl",
    "due_within": "within",
    "mine": "mine",
    "q": "q",
    "cancelled": "cancelled",
    "group": "group",
    "plan": "plan",
}


@dataclass(frozen=True)
class BoardFilters:
    """What the board shows; every field maps to a URL parameter so a view can be shared."""

    category: str = ""
    agency: str = ""
    deadline: str = ""
    due_within: int | None = None
    mine: bool = False
    q: str = ""
    cancelled: bool = False
    group: str = "category"
    plan: int | None = None

    @classmethod
    def from_params(cls, params: Mapping[str, Any]) -> BoardFilters:
        """Filters from URL parameters (or control values); anything malformed falls back to "all"."""
        get = {name: params.get(key) for name, key in URL_KEYS.items()}
        within = _int_or_none(get["due_within"])
        return cls(
            category=str(get["category"] or "").strip()[:40],
            agency=str(get["agency"] or "").strip()[:40],
            deadline=get["deadline"] if get["deadline"] in set(DeadlineState) else "",
            due_within=within if within is not None and 0 <= within <= MAX_DUE_WITHIN else None,
            mine=_truthy(get["mine"]),
            q=str(get["q"] or "").strip()[:200],
            cancelled=_truthy(get["cancelled"]),
            group=get["group"] if get["group"] in GROUPS else "category",
            plan=_int_or_none(get["plan"]),
        )

    def to_params(self) -> dict[str, str]:
        """The non-default filters as URL parameters."""
        default = BoardFilters()
        params: dict[str, str] = {}
        for name, key in URL_KEYS.items():
            value = getattr(self, name)
            if value == getattr(default, name) or value is None or value == "":
                continue
            params[key] = "1" if value is True else str(value)
        return params


def _int_or_none(value: Any) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _truthy(value: Any) -> bool:
    return value is True or str(value).lower() in {"1", "true", "on", "yes"}


def select_plan(*, session: Session, plan_id: int | None) -> Plan | None:
    """The plan asked for, else the most recent one."""
    if plan_id is not None:
        plan = session.get(Plan, plan_id)
        if plan is not None:
            return plan
    return session.exec(select(Plan).order_by(Plan.created_at.desc(), Plan.id.desc())).first()


def list_plans(*, session: Session) -> list[Plan]:
    """Every plan, newest first."""
    return list(session.exec(select(Plan).order_by(Plan.created_at.desc(), Plan.id.desc())).all())


def board_stamp(*, session: Session, plan_id: int) -> str:
    """A cheap fingerprint of the plan's tasks: it changes whenever any task changes."""
    count, versions, latest = session.exec(
        select(func.count(Task.id), func.coalesce(func.sum(Task.version), 0), func.max(Task.updated_at)).where(
            Task.plan_id == plan_id
        )
    ).one()
    return hashlib.sha1(f"{plan_id}:{count}:{versions}:{latest}".encode()).hexdigest()[:16]


def allowed_moves(actor: Actor, task: Any) -> list[str]:
    """The statuses this actor may move the task to from where it is (for the keyboard menu)."""
    source = Status(task.status)
    # Forward moves first, the return next, cancelling last: the menu's first item is the usual step.
    order = [Status.IN_PROGRESS, Status.SUBMITTED, Status.DONE, Status.CANCELLED]
    if source == Status.SUBMITTED:
        order = [Status.DONE, Status.IN_PROGRESS, Status.CANCELLED]
    return [str(t) for t in order if t in TRANSITIONS[source] and can(actor, move_action(source, t), task)]


def state_expression(today: date, calendar: WorkCalendar, due_soon_days: int = DUE_SOON_WORKING_DAYS):
    """models.deadlines.deadline() as SQL, so the database can filter and count by deadline state.

    "Due soon" means at most `due_soon_days` working days left, i.e. a deadline before the
    (due_soon_days + 1)-th working day after today. Tests hold it equal to deadline() on every task.
    """
    day = literal(today, Date)
    soon_limit = literal(calendar.add_working_days(today, due_soon_days + 1), Date)
    return case(
        (Task.status == Status.CANCELLED, str(DeadlineState.CANCELLED)),
        (
            Task.status == Status.DONE,
            case(
                (
                    or_(
                        Task.due_date.is_(None),
                        Task.recurrence == Recurrence.ONGOING,
                        func.coalesce(Task.completed_on, day) <= Task.due_date,
                    ),
                    str(DeadlineState.DONE_ON_TIME),
                ),
                else_=str(DeadlineState.DONE_LATE),
            ),
        ),
        (or_(Task.recurrence == Recurrence.ONGOING, Task.due_date.is_(None)), str(DeadlineState.ONGOING)),
        (
            Task.status == Status.SUBMITTED,
            case(
                (func.coalesce(Task.submitted_on, day) > Task.due_date, str(DeadlineState.OVERDUE)),
                else_=str(DeadlineState.ON_TIME),
            ),
        ),
        (Task.due_date < day, str(DeadlineState.OVERDUE)),
        (Task.due_date < soon_limit, str(DeadlineState.DUE_SOON)),
        else_=str(DeadlineState.ON_TIME),
    )


def _conditions(
    session: Session, plan: Plan, filters: BoardFilters, actor: Actor, today: date, calendar: WorkCalendar, state
) -> list:
    """The WHERE clause of the filters (search matches the folded title, or the lead agency's names)."""
    conditions = [Task.plan_id == plan.id]
    if not filters.cancelled:
        conditions.append(Task.status != Status.CANCELLED)
    if filters.category:
        conditions.append(Task.category_code == filters.category)
    if filters.agency:
        conditions.append(Task.lead_agency_id.in_(select(Agency.id).where(Agency.code == filters.agency)))
    if filters.deadline:
        conditions.append(state == filters.deadline)
    if filters.mine:
        conditions.append(Task.lead_agency_id == actor.agency_id if actor.agency_id is not None else false())
    if filters.due_within is not None:
        conditions += [
            Task.status.not_in([Status.DONE, Status.CANCELLED]),
            Task.due_date >= today,
            Task.due_date < calendar.add_working_days(today, filters.due_within + 1),
        ]
    needle = fold(filters.q)
    if needle:
        named = [
            a.id
            for a in session.exec(select(Agency)).all()
            if needle in fold(f"{a.short_name} {a.name} {' '.join(a.aliases)}")
        ]
        conditions.append(or_(Task.search_text.contains(needle, autoescape=True), Task.lead_agency_id.in_(named)))
    return conditions


_ROW_COLUMNS = (
    Task.id,
    Task.number,
    Task.title,
    Task.status,
    Task.progress,
    Task.version,
    Task.category_code,
    Task.lead_agency_id,
    Task.due_date,
    Task.submitted_on,
    Task.time_frame,
    Agency.code.label("agency_code"),
    Agency.short_name.label("agency_short"),
)


def _moves_for(actor: Actor):
    """allowed_moves, remembered per (status, led by the actor's agency): a board asks thousands of times."""
    cache: dict[tuple[str, bool], list[str]] = {}

    def moves(row: Any) -> list[str]:
        key = (row.status, row.lead_agency_id == actor.agency_id)
        if key not in cache:
            cache[key] = allowed_moves(actor, row)
        return list(cache[key])

    return moves


def _record(row: Any, actor: Actor, today: date, calendar: WorkCalendar, lang: str, moves=None) -> dict:
    """One card as the browser draws it (the deadline badge in words, the moves this user may make)."""
    state = DeadlineState(row.state)
    dl = Deadline(state)
    if state == DeadlineState.OVERDUE:
        reference = row.submitted_on if row.status == Status.SUBMITTED and row.submitted_on else today
        dl = Deadline(state, days_overdue=(reference - row.due_date).days)
    elif state == DeadlineState.DUE_SOON:
        dl = Deadline(state, working_days_left=calendar.working_days_until(today, row.due_date))
    return {
        "id": row.id,
        "n": row.number,
        "t": row.title,
        "a": row.agency_short,
        "ac": row.agency_code,
        "d": format_date(row.due_date, lang),
        "b": deadline_label(dl, lang),
        "bs": str(state),
        "p": max(0, min(100, row.progress)),
        "v": row.version,
        "s": row.status,
        "c": row.category_code,
        "m": (moves or (lambda r: allowed_moves(actor, r)))(row),
    }


def task_list(
    *, session: Session, actor: Actor, filters: BoardFilters, today: date, calendar: WorkCalendar, lang: str = "vi"
) -> dict:
    """The list view's rows (every task that passes the filters) and the same summary as the board."""
    plan = select_plan(session=session, plan_id=filters.plan)
    if plan is None:
        return {"plan": None, "rows": [], "summary": _summary({})}
    categories = {c.code: c for c in session.exec(select(Category)).all()}
    state = state_expression(today, calendar)
    where = _conditions(session, plan, filters, actor, today, calendar, state)
    rows = session.exec(
        select(*_ROW_COLUMNS, state.label("state"))
        .join(Agency, Agency.id == Task.lead_agency_id)
        .where(*where)
        .order_by(Task.position, Task.id)
    ).all()
    states: dict[str, int] = {}
    out = []
    moves = _moves_for(actor)
    for row in rows:
        record = _record(row, actor, today, calendar, lang, moves)
        if row.status != Status.CANCELLED:
            states[row.state] = states.get(row.state, 0) + 1
        category = categories[row.category_code]
        out.append(
            {
                "id": str(row.id),  # AG Grid row ids are strings
                "n": int(row.number) if row.number.isdigit() else row.number,
                "title": row.title,
                "category": category.name_en if lang == "en" else category.name_vi,
                "agency": row.agency_short,
                "time_frame": row.time_frame,
                "due": row.due_date.isoformat() if row.due_date else "",
                "status": t(f"status.{row.status}", lang),
                "deadline": record["b"],
                "state": record["bs"],
                "progress": record["p"],
            }
        )
    return {
        "plan": {"id": plan.id, "code": plan.code, "title": plan.title, "sample": plan.is_sample},
        "rows": out,
        "summary": _summary(states),
    }


def board_view(
    *,
    session: Session,
    actor: Actor,
    filters: BoardFilters,
    today: date,
    calendar: WorkCalendar,
    lang: str = "vi",
    limits: Mapping[str, int] | None = None,
) -> dict:
    """Everything the browser needs to draw the board, as JSON-ready values.

    The database counts every cell (one GROUP BY) and returns only the cards each cell shows (a window
    function), so a plan of 10,000 tasks costs about what a plan of a few hundred does.
    """
    plan = select_plan(session=session, plan_id=filters.plan)
    statuses = [*BOARD_STATUSES, *((Status.CANCELLED,) if filters.cancelled else ())]
    labels = _labels(lang)
    if plan is None:
        return {"plan": None, "lanes": [], "statuses": [], "cells": {}, "summary": _summary({}), "labels": labels}
    categories = {c.code: c for c in session.exec(select(Category)).all()}
    state = state_expression(today, calendar)
    where = _conditions(session, plan, filters, actor, today, calendar, state)
    by_agency = filters.group == "agency"
    lane = Task.lead_agency_id if by_agency else Task.category_code

    counted = select(lane.label("lane"), Task.status.label("status"), state.label("state")).where(*where).subquery()
    counts = session.exec(
        select(counted.c.lane, counted.c.status, counted.c.state, func.count()).group_by(
            counted.c.lane, counted.c.status, counted.c.state
        )
    ).all()

    limits = {k: v for k, v in (limits or {}).items() if isinstance(v, int) and v > 0}
    most = max([DEFAULT_CELL_LIMIT, *limits.values()])
    # An agency officer sees their own agency's cards first in every cell; everyone else sees plan order,
    # which the board index (plan, lane, status, position) gives the window without sorting.
    order = (Task.position, Task.id)
    if actor.role == Role.AGENCY and actor.agency_id is not None:
        order = (case((Task.lead_agency_id == actor.agency_id, 0), else_=1), *order)
    # Rank the cards of every cell on the few columns the ordering needs, then read the shown ones.
    ranked = (
        select(
            Task.id.label("ranked_id"),
            func.row_number().over(partition_by=(lane, Task.status), order_by=order).label("rank"),
        )
        .where(*where)
        .subquery()
    )
    shown = session.execute(
        select(*_ROW_COLUMNS, lane.label("lane"), state.label("state"), ranked.c.rank)
        .join(ranked, ranked.c.ranked_id == Task.id)
        .join(Agency, Agency.id == Task.lead_agency_id)
        .where(ranked.c.rank <= most)
        .order_by(ranked.c.rank)
    ).all()

    agencies = {a.id: a for a in session.exec(select(Agency)).all()} if by_agency else {}
    lane_code = (lambda value: agencies[value].code) if by_agency else (lambda value: value)
    cells: dict[str, dict] = {}
    states: dict[str, int] = {}
    lane_counts: dict = {}
    for lane_value, status, row_state, count in counts:
        cell = cells.setdefault(f"{lane_code(lane_value)}|{status}", {"count": 0, "tasks": []})
        cell["count"] += count
        lane_counts[lane_value] = lane_counts.get(lane_value, 0) + count
        if status != Status.CANCELLED:
            states[row_state] = states.get(row_state, 0) + count
    moves = _moves_for(actor)
    for row in shown:
        key = f"{lane_code(row.lane)}|{row.status}"
        if row.rank <= limits.get(key, DEFAULT_CELL_LIMIT):
            cells[key]["tasks"].append(_record(row, actor, today, calendar, lang, moves))

    if by_agency:
        present = sorted(lane_counts, key=lambda i: fold(agencies[i].short_name))
        lanes = [{"code": agencies[i].code, "label": agencies[i].short_name, "color": ""} for i in present]
    else:
        ordered = sorted(categories.values(), key=lambda c: c.position)
        lanes = [
            {"code": c.code, "label": c.name_en if lang == "en" else c.name_vi, "color": c.color}
            for c in ordered
            if c.code in lane_counts or not lane_counts
        ]
    for entry in lanes:
        entry["count"] = sum(cells.get(f"{entry['code']}|{s}", {}).get("count", 0) for s in statuses)
        entry["countLabel"] = t("tasks.lane_count", lang, count=format_number(entry["count"], lang, 0))
    status_counts = {s: sum(c["count"] for k, c in cells.items() if k.endswith(f"|{s}")) for s in statuses}
    return {
        "plan": {"id": plan.id, "code": plan.code, "title": plan.title, "sample": plan.is_sample},
        "group": filters.group,
        "colors": {code: c.color for code, c in categories.items()},
        "lanes": lanes,
        "statuses": [{"code": str(s), "label": t(f"status.{s}", lang), "count": status_counts[s]} for s in statuses],
        "cells": cells,
        "summary": _summary(states),
        "labels": labels,
        "stamp": board_stamp(session=session, plan_id=plan.id),
    }


def _summary(states: Mapping[str, int]) -> dict[str, int]:
    """The summary line's counts from the number of (non-cancelled) tasks in each deadline state."""
    return {
        "total": sum(states.values()),
        "overdue": states.get(DeadlineState.OVERDUE, 0),
        "due_soon": states.get(DeadlineState.DUE_SOON, 0),
        "done": states.get(DeadlineState.DONE_ON_TIME, 0) + states.get(DeadlineState.DONE_LATE, 0),
    }


def _labels(lang: str) -> dict[str, str]:
    """The few words the drawing script needs, from the catalogue."""
    keys = ("move", "move_to", "more", "collapse", "expand", "empty_cell", "open", "moving", "progress", "due", "empty")
    labels = {key: t(f"board.{key}", lang) for key in keys}
    labels["status"] = {str(s): t(f"status.{s}", lang) for s in Status}
    return labels


@dataclass(frozen=True)
class MoveResult:
    """A move the server accepted: the task now, and the status it really went to."""

    task: Any
    target: str


def move_on_board(
    *, session: Session, task_id: int, target: str, expected_version: int, actor: Actor, now: datetime
) -> MoveResult:
    """Move a card. An agency officer dropping a card on "Hoàn thành" submits it for confirmation; a
    coordinator dropping an in-progress card there submits and confirms it."""
    task = session.get(Task, task_id)
    effective = target
    if (
        task is not None
        and target == Status.DONE
        and task.status == Status.IN_PROGRESS
        and not can(actor, move_action(Status.SUBMITTED, Status.DONE), task)
    ):
        effective = str(Status.SUBMITTED)
    elif (
        task is not None
        and target == Status.DONE
        and task.status == Status.IN_PROGRESS
        and can(actor, move_action(Status.SUBMITTED, Status.DONE), task)
    ):
        # A coordinator dropping an in-progress card on "Hoàn thành" records both steps: the report
        # of completion and its confirmation, each with its audit event.
        submitted = change_status(
            session=session,
            task_id=task_id,
            target=str(Status.SUBMITTED),
            expected_version=expected_version,
            actor=actor,
            now=now,
        )
        expected_version = submitted.version
    moved = change_status(
        session=session, task_id=task_id, target=effective, expected_version=expected_version, actor=actor, now=now
    )
    return MoveResult(moved, effective)


def with_plan(filters: BoardFilters, plan_id: int | None) -> BoardFilters:
    """The same filters on another plan."""
    return replace(filters, plan=plan_id)
