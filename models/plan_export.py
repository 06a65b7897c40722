"""A plan's tasks as its official appendix lists them: by category, in plan order, agencies by full name.

`plan_sections` is the read model of `dashapp.plan_workbook.plan_workbook`; what it gives reads back
through `models.plan_import` to the same tasks (cancelled tasks are left out, as an appendix does).
"""

from __future__ import annotations

from sqlmodel import Session, select

from models.tables import Agency, Category, Recurrence, Status, Task, TaskCoordinator

ONGOING_PHRASE = "Thường xuyên"


def time_frame_text(task: Task) -> str:
    """The task's own phrase; else its deadline (dd/mm/yyyy, "dd/mm hàng năm" when yearly) or "Thường xuyên"."""
    if task.time_frame:
        return task.time_frame
    due = task.due_date
    if due is not None and task.recurrence == Recurrence.YEARLY:
        return f"{due.day:02d}/{due.month:02d} hàng năm"
    if due is not None:
        return f"{due.day:02d}/{due.month:02d}/{due.year:04d}"
    if task.recurrence == Recurrence.ONGOING:
        return ONGOING_PHRASE
    return ""


def plan_sections(*, session: Session, plan_id: int) -> list[tuple[Category, list[dict]]]:
    """The plan's tasks that are not cancelled, in plan order, grouped by category in category order.

    Each task is a dict: number, title, lead (full name), coordinators (full names joined by "; "),
    time_frame, expected_output, note (""). Categories without a task are left out.
    """
    tasks = session.exec(
        select(Task).where(Task.plan_id == plan_id, Task.status != Status.CANCELLED).order_by(Task.position, Task.id)
    ).all()
    names = {a.id: a.name for a in session.exec(select(Agency)).all()}
    coordinators: dict[int, list[str]] = {}
    if tasks:
        links = session.exec(
            select(TaskCoordinator.task_id, Agency.name)
            .join(Agency, Agency.id == TaskCoordinator.agency_id)
            .where(TaskCoordinator.task_id.in_([task.id for task in tasks]))
            .order_by(TaskCoordinator.task_id, Agency.name, Agency.id)
        ).all()
        for task_id, name in links:
            coordinators.setdefault(task_id, []).append(name)
    grouped: dict[str, list[dict]] = {}
    for task in tasks:
        grouped.setdefault(task.category_code, []).append(
            {
                "number": task.number,
                "title": task.title,
                "lead": names.get(task.lead_agency_id, ""),
                "coordinators": "; ".join(coordinators.get(task.id, [])),
                "time_frame": time_frame_text(task),
                "expected_output": task.expected_output or "",
                "note": "",
            }
        )
    categories = session.exec(select(Category).order_by(Category.position, Category.code)).all()
    return [(category, grouped[category.code]) for category in categories if category.code in grouped]
