"""Plans, categories and agencies, and the read model of a plan's tasks for the screens."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, func, select

from models.deadlines import Deadline, deadline
from models.tables import Agency, Category, Plan, Task
from models.workdays import WorkCalendar

# The six fixed categories of a plan: code, Vietnamese and English labels, colour (one per category,
# the same on cards and charts). The initial migration inserts the same rows.
CATEGORIES: tuple[tuple[str, str, str, str], ...] = (
    ("awareness", "Chuyển đổi nhận thức", "Awareness", "#7c3aed"),
    ("policy", "Cơ chế, chính sách", "Policy and regulation", "#2563eb"),
    ("infrastructure", "Phát triển hạ tầng số", "Digital infrastructure", "#ea580c"),
    ("platforms", "Phát triển ứng dụng, nền tảng số", "Applications and platforms", "#0d9488"),
    ("data", "Tạo lập cơ sở dữ liệu", "Data and databases", "#b45309"),
    ("security", "Đảm bảo an toàn, an ninh mạng", "Cyber security", "#475569"),
)


def ensure_categories(*, session: Session) -> None:
    """Insert whichever of the six categories is missing (the migration normally has)."""
    existing = set(session.exec(select(Category.code)).all())
    for position, (code, name_vi, name_en, color) in enumerate(CATEGORIES, start=1):
        if code not in existing:
            session.add(Category(code=code, position=position, name_vi=name_vi, name_en=name_en, color=color))
    session.commit()


def list_categories(*, session: Session) -> list[Category]:
    """The categories in plan order."""
    return list(session.exec(select(Category).order_by(Category.position)).all())


def list_agencies(*, session: Session) -> list[Agency]:
    """Active agencies by short name."""
    return list(session.exec(select(Agency).where(Agency.is_active).order_by(Agency.short_name)).all())


def current_plan(*, session: Session) -> Plan | None:
    """The plan the screens show: the most recently created one."""
    return session.exec(select(Plan).order_by(Plan.created_at.desc(), Plan.id.desc())).first()


def count_tasks(*, session: Session, plan_id: int) -> int:
    """Number of tasks in a plan."""
    return session.exec(select(func.count()).select_from(Task).where(Task.plan_id == plan_id)).one()


@dataclass(frozen=True)
class TaskRow:
    """A task as the list and the board show it: plain values, deadline state computed for `today`."""

    id: int
    number: str
    title: str
    category: str
    lead_code: str
    lead_short: str
    time_frame: str
    due_date: date | None
    recurrence: str
    status: str
    progress: int
    version: int
    deadline: Deadline


def plan_task_rows(*, session: Session, plan_id: int, today: date, calendar: WorkCalendar) -> list[TaskRow]:
    """Every task of the plan in plan order, with its lead agency and deadline state on `today`."""
    rows = session.exec(
        select(Task, Agency.code, Agency.short_name)
        .join(Agency, Agency.id == Task.lead_agency_id)
        .where(Task.plan_id == plan_id)
        .order_by(Task.position, Task.id)
    ).all()
    return [
        TaskRow(
            id=task.id,
            number=task.number,
            title=task.title,
            category=task.category_code,
            lead_code=code,
            lead_short=short,
            time_frame=task.time_frame,
            due_date=task.due_date,
            recurrence=task.recurrence,
            status=task.status,
            progress=task.progress,
            version=task.version,
            deadline=deadline(task, today, calendar=calendar),
        )
        for task, code, short in rows
    ]


@dataclass(frozen=True)
class PlanOverview:
    """What the first page needs: the plan, its categories in order and its task rows."""

    plan: Plan | None
    categories: list[Category]
    rows: list[TaskRow]


def plan_overview(*, session: Session, today: date, calendar: WorkCalendar) -> PlanOverview:
    """The current plan with every task's deadline state on `today` (an empty overview without a plan)."""
    plan = current_plan(session=session)
    categories = list_categories(session=session)
    if plan is None:
        return PlanOverview(None, categories, [])
    return PlanOverview(
        plan, categories, plan_task_rows(session=session, plan_id=plan.id, today=today, calendar=calendar)
    )
