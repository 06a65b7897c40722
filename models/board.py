"""The board's read model (filters, lanes, cells, counts, allowed moves) and the move it makes.

Everything the browser draws comes from `board_view`: plain records, already filtered by what this
user may see, with the badge text in their language and the moves they may make. The browser never
decides: `move_on_board` checks the transition, the role and the version again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from i18n import format_date, format_number, t
from models.deadlines import DeadlineState, deadline, deadline_label
from models.permissions import Actor, can, move_action
from models.tables import Agency, Category, Plan, Status, Task
from models.tasks import change_status
from models.text import fold
from models.workdays import WorkCalendar
from models.workflow import TRANSITIONS

BOARD_STATUSES = (Status.NOT_STARTED, Status.IN_PROGRESS, Status.SUBMITTED, Status.DONE)
DEFAULT_CELL_LIMIT = 30
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


@dataclass
class _Row:
    task: Any
    agency: Agency
    state: DeadlineState
    record: dict = field(default_factory=dict)


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


def _matches(
    row: _Row, filters: BoardFilters, actor: Actor, today: date, calendar: WorkCalendar, needle: str, names: dict
) -> bool:
    task = row.task
    if task.status == Status.CANCELLED and not filters.cancelled:
        return False
    if filters.category and task.category_code != filters.category:
        return False
    if filters.agency and row.agency.code != filters.agency:
        return False
    if filters.deadline and row.state != filters.deadline:
        return False
    if filters.mine and (actor.agency_id is None or task.lead_agency_id != actor.agency_id):
        return False
    if filters.due_within is not None:
        if task.due_date is None or task.status in (Status.DONE, Status.CANCELLED) or task.due_date < today:
            return False
        if calendar.working_days_until(today, task.due_date) > filters.due_within:
            return False
    return not needle or needle in fold(f"{task.number} {task.title}") or needle in names[row.agency.id]


def _filtered_rows(
    session: Session,
    plan: Plan,
    filters: BoardFilters,
    actor: Actor,
    today: date,
    calendar: WorkCalendar,
    lang: str,
    agencies: dict[int, Agency],
) -> list[_Row]:
    """The plan's tasks that pass the filters, in plan order, each with its JSON record."""
    tasks = session.exec(select(Task).where(Task.plan_id == plan.id).order_by(Task.position, Task.id)).all()
    needle = fold(filters.q)
    names = {a.id: fold(f"{a.short_name} {a.name} {' '.join(a.aliases)}") for a in agencies.values()}
    rows = []
    for task in tasks:
        dl = deadline(task, today, calendar=calendar)
        row = _Row(task, agencies[task.lead_agency_id], dl.state)
        if _matches(row, filters, actor, today, calendar, needle, names):
            row.record = {
                "id": task.id,
                "n": task.number,
                "t": task.title,
                "a": row.agency.short_name,
                "ac": row.agency.code,
                "d": format_date(task.due_date, lang),
                "b": deadline_label(dl, lang),
                "bs": str(dl.state),
                "p": max(0, min(100, task.progress)),
                "v": task.version,
                "s": task.status,
                "c": task.category_code,
                "m": allowed_moves(actor, task),
            }
            rows.append(row)
    return rows


def task_list(
    *, session: Session, actor: Actor, filters: BoardFilters, today: date, calendar: WorkCalendar, lang: str = "vi"
) -> dict:
    """The list view's rows (every task that passes the filters) and the same summary as the board."""
    plan = select_plan(session=session, plan_id=filters.plan)
    if plan is None:
        return {"plan": None, "rows": [], "summary": _summary([])}
    categories = {c.code: c for c in session.exec(select(Category)).all()}
    agencies = {a.id: a for a in session.exec(select(Agency)).all()}
    rows = _filtered_rows(session, plan, filters, actor, today, calendar, lang, agencies)
    return {
        "plan": {"id": plan.id, "code": plan.code, "title": plan.title, "sample": plan.is_sample},
        "rows": [
            {
                "id": str(r.task.id),  # AG Grid row ids are strings
                "n": int(r.task.number) if r.task.number.isdigit() else r.task.number,
                "title": r.task.title,
                "category": (lambda c: c.name_en if lang == "en" else c.name_vi)(categories[r.task.category_code]),
                "agency": r.agency.short_name,
                "time_frame": r.task.time_frame,
                "due": r.task.due_date.isoformat() if r.task.due_date else "",
                "status": t(f"status.{r.task.status}", lang),
                "deadline": r.record["b"],
                "state": r.record["bs"],
                "progress": r.record["p"],
            }
            for r in rows
        ],
        "summary": _summary([r.state for r in rows if r.task.status != Status.CANCELLED]),
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
    """Everything the browser needs to draw the board, as JSON-ready values."""
    plan = select_plan(session=session, plan_id=filters.plan)
    statuses = [*BOARD_STATUSES, *((Status.CANCELLED,) if filters.cancelled else ())]
    labels = _labels(lang)
    if plan is None:
        return {"plan": None, "lanes": [], "statuses": [], "cells": {}, "summary": _summary([]), "labels": labels}
    categories = {c.code: c for c in session.exec(select(Category)).all()}
    agencies = {a.id: a for a in session.exec(select(Agency)).all()}
    rows = _filtered_rows(session, plan, filters, actor, today, calendar, lang, agencies)
    # An agency officer sees their own agency's cards first in every cell.
    own = actor.agency_id
    rows.sort(key=lambda r: 0 if own is not None and r.task.lead_agency_id == own else 1)
    if filters.group == "agency":
        lane_keys = sorted({r.agency.id for r in rows}, key=lambda i: fold(agencies[i].short_name))
        lanes = [{"code": agencies[i].code, "label": agencies[i].short_name, "color": ""} for i in lane_keys]
        lane_of = {r.task.id: r.agency.code for r in rows}
    else:
        ordered = sorted(categories.values(), key=lambda c: c.position)
        lanes = [
            {"code": c.code, "label": c.name_en if lang == "en" else c.name_vi, "color": c.color}
            for c in ordered
            if any(r.task.category_code == c.code for r in rows) or not rows
        ]
        lane_of = {r.task.id: r.task.category_code for r in rows}
    cells: dict[str, dict] = {}
    for row in rows:
        key = f"{lane_of[row.task.id]}|{row.task.status}"
        cell = cells.setdefault(key, {"count": 0, "tasks": []})
        cell["count"] += 1
        if len(cell["tasks"]) < (limits or {}).get(key, DEFAULT_CELL_LIMIT):
            cell["tasks"].append(row.record)
    for lane in lanes:
        lane["count"] = sum(cells.get(f"{lane['code']}|{s}", {}).get("count", 0) for s in statuses)
        lane["countLabel"] = t("tasks.lane_count", lang, count=format_number(lane["count"], lang, 0))
    status_counts = {s: sum(c["count"] for k, c in cells.items() if k.endswith(f"|{s}")) for s in statuses}
    return {
        "plan": {"id": plan.id, "code": plan.code, "title": plan.title, "sample": plan.is_sample},
        "group": filters.group,
        "colors": {code: c.color for code, c in categories.items()},
        "lanes": lanes,
        "statuses": [{"code": str(s), "label": t(f"status.{s}", lang), "count": status_counts[s]} for s in statuses],
        "cells": cells,
        "summary": _summary([r.state for r in rows if r.task.status != Status.CANCELLED]),
        "labels": labels,
        "stamp": board_stamp(session=session, plan_id=plan.id),
    }


def _summary(states: list[DeadlineState]) -> dict[str, int]:
    return {
        "total": len(states),
        "overdue": sum(s == DeadlineState.OVERDUE for s in states),
        "due_soon": sum(s == DeadlineState.DUE_SOON for s in states),
        "done": sum(s in (DeadlineState.DONE_ON_TIME, DeadlineState.DONE_LATE) for s in states),
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
