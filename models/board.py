"""The board's read model (filters, lanes, cells, counts, allowed moves) and the move it makes.

Everything the browser draws comes from `board_view`: plain records, already filtered by what this
user may see, with the badge text in their language and the moves they may make. The browser never
decides: `move_on_board` checks the transition, the role and the version again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Date,
    Integer,
    String,
    and_,
    bindparam,
    case,
    column,
    false,
    func,
    literal,
    or_,
    text,
    true,
    union_all,
)
from sqlalchemy.dialects.postgresql import ARRAY
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
        # count(*), not count(id): PostgreSQL then answers from ix_task_plan_updated alone (index-only scan)
        select(func.count(), func.coalesce(func.sum(Task.version), 0), func.max(Task.updated_at)).where(
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


def deadline_flags(today: date, calendar: WorkCalendar, due_soon_days: int = DUE_SOON_WORKING_DAYS) -> tuple[Any, Any]:
    """(overdue, due soon) as two SQL conditions: state_expression's two branches the summary counts.

    Counting with these is about twice as fast as grouping by the whole state expression (SQLite
    evaluates far less per row); a test holds them equal to state_expression on every task.
    """
    day = literal(today, Date)
    soon_limit = literal(calendar.add_working_days(today, due_soon_days + 1), Date)
    dated = and_(Task.due_date.is_not(None), Task.recurrence != Recurrence.ONGOING)
    open_work = Task.status.in_([Status.NOT_STARTED, Status.IN_PROGRESS])
    overdue = and_(
        dated,
        or_(
            and_(open_work, Task.due_date < day),
            and_(Task.status == Status.SUBMITTED, func.coalesce(Task.submitted_on, day) > Task.due_date),
        ),
    )
    due_soon = and_(dated, open_work, Task.due_date >= day, Task.due_date < soon_limit)
    return overdue, due_soon


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


def _badge(row: Any, today: date, calendar: WorkCalendar, lang: str) -> tuple[str, str]:
    """(badge text, state) of a card's deadline: "Quá hạn 5 ngày", "overdue"."""
    state = DeadlineState(row.state)
    dl = Deadline(state)
    if state == DeadlineState.OVERDUE:
        reference = row.submitted_on if row.status == Status.SUBMITTED and row.submitted_on else today
        dl = Deadline(state, days_overdue=(reference - row.due_date).days)
    elif state == DeadlineState.DUE_SOON:
        dl = Deadline(state, working_days_left=calendar.working_days_until(today, row.due_date))
    return deadline_label(dl, lang), str(state)


def _record(row: Any, actor: Actor, today: date, calendar: WorkCalendar, lang: str, moves=None, badges=None) -> dict:
    """One card as the browser draws it (the deadline badge in words, the moves this user may make).

    `badges` remembers the badge per (state, deadline, status, submission day): cards share deadlines.
    """
    key = (row.state, row.due_date, row.status, row.submitted_on)
    badge = badges.get(key) if badges is not None else None
    if badge is None:
        badge = _badge(row, today, calendar, lang)
        if badges is not None:
            badges[key] = badge
    return {
        "id": row.id,
        "n": row.number,
        "t": row.title,
        "a": row.agency_short,
        "ac": row.agency_code,
        "d": format_date(row.due_date, lang),
        "b": badge[0],
        "bs": badge[1],
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


# Up to this many tasks behind the board, one window over them all is the cheapest way to the first
# cards of each cell; above it, one LIMIT per cell (whose statement costs ~0.2 ms per cell to build).
WINDOW_UP_TO = 2_000
# SQLite allows 500 terms in one compound SELECT; a board grouped by agency has ~40 lanes × 5 cells.
ARMS_PER_QUERY = 100


def _card_columns(lane: Any, state: Any) -> tuple[Any, ...]:
    """What a card is drawn from, with its lane and deadline state."""
    return (*_ROW_COLUMNS, Task.position, lane.label("lane"), state.label("state"))


def _first_cards(
    session: Session,
    *,
    where: list,
    lane: Any,
    state: Any,
    cells: Mapping[tuple[Any, str], int],
    limit_of: Callable[[Any, str], int],
    own_agency: int | None,
) -> list[Any]:
    """The cards each cell shows, in its order: plan order, an officer's own agency first."""
    columns = _card_columns(lane, state)
    if sum(cells.values()) <= WINDOW_UP_TO:
        rows = _ranked_by_window(
            session, columns, where=where, lane=lane, cells=cells, limit_of=limit_of, own=own_agency
        )
    else:
        rows = _first_of_each_cell(
            session, columns, where=where, lane=lane, cells=cells, limit_of=limit_of, own=own_agency
        )
    first: dict[tuple[Any, str], list[Any]] = {}
    for row in rows:
        first.setdefault((row.lane, row.status), []).append(row)
    shown = []
    for (lane_value, status), found in first.items():
        found.sort(key=lambda row: (row.lead_agency_id != own_agency, row.position, row.id))
        shown += found[: limit_of(lane_value, status)]
    return shown


def _ranked_by_window(session: Session, columns, *, where, lane, cells, limit_of, own) -> list[Any]:
    """A small board: rank every task of its cell with one window, read the first ones."""
    most = max(limit_of(lane_value, status) for lane_value, status in cells) if cells else DEFAULT_CELL_LIMIT
    order = (Task.position, Task.id)
    if own is not None:
        order = (case((Task.lead_agency_id == own, 0), else_=1), *order)
    ranked = (
        select(
            Task.id.label("ranked_id"),
            func.row_number().over(partition_by=(lane, Task.status), order_by=order).label("rank"),
        )
        .where(*where)
        .subquery()
    )
    return session.execute(
        select(*columns)
        .join(ranked, ranked.c.ranked_id == Task.id)
        .join(Agency, Agency.id == Task.lead_agency_id)
        .where(ranked.c.rank <= most)
    ).all()


def _first_of_each_cell(session: Session, columns, *, where, lane, cells, limit_of, own) -> list[Any]:
    """A large board: each cell's first n cards by an `ORDER BY position, id LIMIT n` walk of the board
    index from the cell's start (two for an officer: their agency's first, then the rest), so the cost
    follows what is shown, not the plan's size."""
    ordered = sorted(cells, key=lambda cell: (str(cell[0]), cell[1]))
    limits = tuple(limit_of(lane_value, status) for lane_value, status in ordered)
    if session.get_bind().dialect.name == "postgresql":
        splits = (True, False) if own is not None else (True,)
        walks = [
            (lane_value, str(status), limit, mine)
            for (lane_value, status), limit in zip(ordered, limits, strict=True)
            for mine in splits
        ]
        return list(session.execute(_lateral_cells(columns, where=where, lane=lane, own=own, walks=walks)).all())
    key = _statement_key(session, columns, where, lane, ordered, limits, own)
    statements = _CELL_QUERIES.get(key) if key is not None else None
    if statements is None:
        statements = _cell_statements(columns, where=where, lane=lane, cells=ordered, limits=limits, own=own)
        if key is not None:
            _CELL_QUERIES[key] = statements
            while len(_CELL_QUERIES) > CELL_QUERIES_KEPT:
                _CELL_QUERIES.pop(next(iter(_CELL_QUERIES)), None)
    rows: list[Any] = []
    for statement in statements:
        rows += session.execute(statement).all()
    return rows


def _lateral_cells(columns, *, where, lane, own, walks: list[tuple[Any, str, int, bool]]) -> Any:
    """PostgreSQL: every cell's walk in one statement, the walks given as arrays of (lane, status,
    limit, and for an officer whether the walk is of their agency's cards or the others').

    `unnest(...) CROSS JOIN LATERAL (... LIMIT cells.lim)`: the statement's text does not depend on
    the cells, so it is short, prepared once and planned once; the UNION ALL it replaces on
    PostgreSQL was 44 KB of SQL, converted by the driver (~1 ms) and planned on every request."""
    lanes, statuses, limits, mine = (list(values) for values in zip(*walks, strict=True))
    cells = (
        func.unnest(
            bindparam("cell_lanes", lanes, type_=ARRAY(lane.type)),
            bindparam("cell_statuses", statuses, type_=ARRAY(String)),
            bindparam("cell_limits", limits, type_=ARRAY(Integer)),
            bindparam("cell_mine", mine, type_=ARRAY(Boolean)),
        )
        .table_valued(
            column("lane", lane.type), column("status", String), column("lim", Integer), column("mine", Boolean)
        )
        .render_derived(name="cells")
    )
    split = [(Task.lead_agency_id == own) == cells.c.mine] if own is not None else []
    walk = (
        select(*columns)
        .join(Agency, Agency.id == Task.lead_agency_id)
        .where(*where, lane == cells.c.lane, Task.status == cells.c.status, *split)
        .order_by(Task.position, Task.id)
        .limit(cells.c.lim)
        .lateral("walk")
    )
    return select(walk).select_from(cells).join(walk, true())


def _cell_statements(columns, *, where, lane, cells, limits, own) -> list[Any]:
    """SQLite: the UNION ALL statements of `_first_of_each_cell` (ARMS_PER_QUERY arms each)."""
    arms = []
    for (lane_value, status), limit in zip(cells, limits, strict=True):
        in_cell = [*where, lane == lane_value, Task.status == status]
        splits: list[list] = [[]]
        if own is not None:
            splits = [[Task.lead_agency_id == own], [Task.lead_agency_id != own]]
        for split in splits:
            arm = (
                select(*columns)
                .join(Agency, Agency.id == Task.lead_agency_id)
                .where(*in_cell, *split)
                .order_by(Task.position, Task.id)
                .limit(limit)
            )
            arms.append(arm.subquery().select())  # LIMIT inside a compound SELECT needs its own SELECT
    return [union_all(*arms[start : start + ARMS_PER_QUERY]) for start in range(0, len(arms), ARMS_PER_QUERY)]


# Building a statement of ~25 arms costs more than running it (~2.5 ms against ~2 ms at 10,000
# tasks), and every officer opening the same board asks the same one: the built statements are kept,
# keyed by everything they are built from (columns and filters with their values, cells, limits).
# They hold no result, only SQL and its parameters; the results are read fresh every time.
CELL_QUERIES_KEPT = 256
_CELL_QUERIES: dict[Any, list[Any]] = {}


def _statement_key(session: Session, columns, where, lane, cells, limits, own) -> Any:
    """A hashable key for the cell statements of these inputs, or None when one cannot be made.

    SQLAlchemy's own cache key of the columns and filters (their SQL shape and every value in them,
    today's date in the deadline state among them), plus what else the statements are built from."""
    cache_key = select(*columns).where(*where)._generate_cache_key()
    if cache_key is None:
        return None
    try:
        values = tuple(_frozen(bind.effective_value) for bind in cache_key.bindparams)
        key = (session.get_bind().dialect.name, cache_key.key, values, lane.key, tuple(cells), limits, own)
        hash(key)
    except TypeError:
        return None
    return key


def _frozen(value: Any) -> Any:
    """Lists (IN parameters) as tuples, so a key can hold them."""
    return tuple(_frozen(v) for v in value) if isinstance(value, list | tuple) else value


def _one_snapshot(session: Session) -> bool:
    """Let the board's statements (counts, then cards, then stamp) see one snapshot of the tasks.

    PostgreSQL's READ COMMITTED (and pysqlite's autocommit reads) give every statement its own, so a
    move committed between the counts and the cards put a card in a cell the counts did not have (seen
    under the load test). A read-only snapshot costs nothing more. True when it began the transaction.
    """
    if session.in_transaction():
        return False  # a caller's transaction: its statements already ran; read within it as it is
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    elif dialect == "sqlite":
        # pysqlite opens a transaction only before a write, so each SELECT saw its own state: an
        # explicit BEGIN makes the reads share one WAL snapshot (ended by board_view's commit).
        session.execute(text("BEGIN"))
    return True


def board_view(
    *,
    session: Session,
    actor: Actor,
    filters: BoardFilters,
    today: date,
    calendar: WorkCalendar,
    lang: str = "vi",
    limits: Mapping[str, int] | None = None,
    keep: int | None = None,
) -> dict:
    """Everything the browser needs to draw the board, as JSON-ready values.

    The database counts every cell (one GROUP BY on a covering index) and returns only the cards each
    cell shows (one LIMIT per cell on the board index), so a plan of 10,000 tasks costs about what a
    plan of a few hundred does. `keep` (the card just moved) is shown even beyond its cell's first
    cards, after them, so a moved card never vanishes from under the user's eyes (and keeps the focus).
    """
    began = _one_snapshot(session)
    view = _board_view(session, actor, filters, today, calendar, lang, limits, keep)
    if began:
        # End the read-only snapshot with COMMIT, not the session's closing ROLLBACK: psycopg forgets
        # every prepared statement on a rollback, and the board's statements are worth preparing.
        session.commit()
    return view


def _board_view(
    session: Session,
    actor: Actor,
    filters: BoardFilters,
    today: date,
    calendar: WorkCalendar,
    lang: str,
    limits: Mapping[str, int] | None,
    keep: int | None,
) -> dict:
    """board_view's reads, inside its snapshot."""
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

    overdue, due_soon = deadline_flags(today, calendar)
    counts = session.exec(
        select(
            lane,
            Task.status,
            func.count(),
            func.sum(case((overdue, 1), else_=0)),
            func.sum(case((due_soon, 1), else_=0)),
        )
        .where(*where)
        .group_by(lane, Task.status)
    ).all()

    limits = {k: v for k, v in (limits or {}).items() if isinstance(v, int) and v > 0}
    agencies = {a.id: a for a in session.exec(select(Agency)).all()} if by_agency else {}
    lane_code = (lambda value: agencies[value].code) if by_agency else (lambda value: value)
    cells: dict[str, dict] = {}
    summary = {"total": 0, "overdue": 0, "due_soon": 0, "done": 0}
    lane_counts: dict = {}
    for lane_value, status, count, overdue_count, due_soon_count in counts:
        cells[f"{lane_code(lane_value)}|{status}"] = {"count": count, "tasks": []}
        lane_counts[lane_value] = lane_counts.get(lane_value, 0) + count
        if status != Status.CANCELLED:
            summary["total"] += count
            summary["overdue"] += overdue_count or 0
            summary["due_soon"] += due_soon_count or 0
            summary["done"] += count if status == Status.DONE else 0
    shown = _first_cards(
        session,
        where=where,
        lane=lane,
        state=state,
        cells={(lane_value, status): count for lane_value, status, count, _overdue, _soon in counts},
        limit_of=lambda lane_value, status: limits.get(f"{lane_code(lane_value)}|{status}", DEFAULT_CELL_LIMIT),
        own_agency=actor.agency_id if actor.role == Role.AGENCY else None,
    )
    if keep is not None and all(row.id != keep for row in shown):
        shown += session.execute(
            select(*_card_columns(lane, state))
            .join(Agency, Agency.id == Task.lead_agency_id)
            .where(*where, Task.id == keep)
        ).all()
    moves, badges = _moves_for(actor), {}
    for row in shown:
        record = _record(row, actor, today, calendar, lang, moves, badges)
        # With one snapshot a card's cell is always counted; should a move still slip in between (a
        # session that had begun elsewhere), show the card and a count that holds it, never fail.
        cell = cells.setdefault(f"{lane_code(row.lane)}|{row.status}", {"count": 0, "tasks": []})
        cell["tasks"].append(record)
        cell["count"] = max(cell["count"], len(cell["tasks"]))

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
        "summary": summary,
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
