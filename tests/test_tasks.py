"""Task session functions: permission checks, workflow, audit events, the yearly roll."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from models.errors import IllegalTransition, PermissionDenied, ValidationError
from models.permissions import SYSTEM
from models.tables import Recurrence, Role, Status, Task, TaskCycle, TaskEvent
from models.tasks import change_status, set_progress, task_history, update_details
from tests.conftest import NOW, TODAY


@pytest.fixture
def world(make):
    plan = make.plan()
    lead, other = make.agency("soyte"), make.agency("sotttt")
    return {
        "task": make.task(plan, lead),
        "officer": make.user(Role.AGENCY, lead),
        "outsider": make.user(Role.AGENCY, other),
        "coordinator": make.user(Role.COORDINATOR, other),
        "viewer": make.user(Role.VIEWER),
        "plan": plan,
        "lead": lead,
    }


def _move(session, task, target, actor):
    return change_status(
        session=session, task_id=task.id, target=target, expected_version=task.version, actor=actor, now=NOW
    )


def test_lead_agency_starts_and_submits_and_the_coordinator_confirms(session, world):
    task = world["task"]
    _move(session, task, Status.IN_PROGRESS, world["officer"])
    _move(session, task, Status.SUBMITTED, world["officer"])
    with pytest.raises(PermissionDenied):
        _move(session, task, Status.DONE, world["officer"])
    _move(session, task, Status.DONE, world["coordinator"])
    stored = session.get(Task, task.id)
    assert (stored.status, stored.start_date, stored.submitted_on, stored.completed_on) == (
        Status.DONE,
        TODAY,
        TODAY,
        TODAY,
    )
    statuses = [(e.before, e.after) for e in task_history(session=session, task_id=task.id) if e.field == "status"]
    assert statuses == [("not_started", "in_progress"), ("in_progress", "submitted"), ("submitted", "done")]


@pytest.mark.parametrize("who", ["outsider", "viewer"])
def test_others_cannot_move_a_task(session, world, who):
    with pytest.raises(PermissionDenied) as refused:
        _move(session, world["task"], Status.IN_PROGRESS, world[who])
    assert "không có quyền" in str(refused.value)
    assert session.get(Task, world["task"].id).status == Status.NOT_STARTED


def test_agency_officer_cannot_cancel_or_return(session, world):
    task = world["task"]
    with pytest.raises(PermissionDenied):
        _move(session, task, Status.CANCELLED, world["officer"])
    _move(session, task, Status.IN_PROGRESS, world["officer"])
    _move(session, task, Status.SUBMITTED, world["officer"])
    with pytest.raises(PermissionDenied):
        _move(session, task, Status.IN_PROGRESS, world["officer"])
    _move(session, task, Status.IN_PROGRESS, world["coordinator"])  # returned by the ICT department
    assert session.get(Task, task.id).submitted_on is None


def test_illegal_move_is_refused_and_nothing_is_written(session, world):
    task = world["task"]
    with pytest.raises(IllegalTransition) as refused:
        _move(session, task, Status.DONE, world["coordinator"])
    assert "Chưa triển khai" in str(refused.value) and "Hoàn thành" in str(refused.value)
    session.rollback()
    assert session.get(Task, task.id).status == Status.NOT_STARTED
    assert session.exec(select(TaskEvent).where(TaskEvent.field == "status")).all() == []


def test_every_event_records_who_when_and_what(session, world):
    task = world["task"]
    _move(session, task, Status.IN_PROGRESS, world["officer"])
    event = session.exec(select(TaskEvent).where(TaskEvent.field == "status")).one()
    assert event.actor_id == world["officer"].id
    assert event.actor_label == f"{world['officer'].full_name} ({world['officer'].username})"
    assert event.at == NOW
    assert (event.kind, event.before, event.after) == ("status", "not_started", "in_progress")


def test_progress_by_the_lead_agency_is_recorded(session, world):
    task = world["task"]
    set_progress(
        session=session,
        task_id=task.id,
        expected_version=1,
        progress=45,
        actor=world["officer"],
        now=NOW,
        note="Đã xong khảo sát",
    )
    event = session.exec(select(TaskEvent).where(TaskEvent.kind == "progress")).one()
    assert (event.before, event.after, event.note) == ("0", "45", "Đã xong khảo sát")
    with pytest.raises(PermissionDenied):
        set_progress(session=session, task_id=task.id, expected_version=2, progress=50, actor=world["viewer"], now=NOW)


@pytest.mark.parametrize("bad", [-1, 101, 50.5, "50", True])
def test_progress_must_be_a_whole_percentage(session, world, bad):
    with pytest.raises(ValidationError):
        set_progress(session=session, task_id=world["task"].id, expected_version=1, progress=bad, actor=SYSTEM, now=NOW)


def test_details_edit_writes_one_event_per_changed_field(session, world):
    task = world["task"]
    update_details(
        session=session,
        task_id=task.id,
        expected_version=1,
        values={"title": "Tiêu đề mới", "due_date": date(2027, 3, 31), "expected_output": ""},
        actor=world["coordinator"],
        now=NOW,
    )
    fields = sorted(e.field for e in session.exec(select(TaskEvent).where(TaskEvent.kind == "field")).all())
    assert fields == ["due_date", "title"]  # expected_output did not change
    with pytest.raises(PermissionDenied):
        update_details(
            session=session, task_id=task.id, expected_version=2, values={"title": "x"}, actor=world["officer"], now=NOW
        )


def test_details_edit_refuses_unknown_fields_and_a_missing_deadline(session, world):
    task = world["task"]
    with pytest.raises(ValidationError):
        update_details(
            session=session, task_id=task.id, expected_version=1, values={"status": "done"}, actor=SYSTEM, now=NOW
        )
    with pytest.raises(ValidationError):
        update_details(
            session=session, task_id=task.id, expected_version=1, values={"due_date": None}, actor=SYSTEM, now=NOW
        )
    stored = session.get(Task, task.id)
    assert stored.status == Status.NOT_STARTED and stored.due_date == date(2026, 12, 31)


def test_yearly_task_rolls_to_next_year_and_keeps_the_finished_cycle(session, make, world):
    task = make.task(
        world["plan"],
        world["lead"],
        recurrence=Recurrence.YEARLY,
        due_date=date(2026, 12, 15),
        original_due_date=date(2026, 12, 15),
        time_frame="Trước 15/12 hàng năm",
    )
    for target in (Status.IN_PROGRESS, Status.SUBMITTED, Status.DONE):
        _move(session, task, target, SYSTEM)
    stored = session.get(Task, task.id)
    assert (stored.status, stored.due_date, stored.progress, stored.completed_on) == (
        Status.NOT_STARTED,
        date(2027, 12, 15),
        0,
        None,
    )
    cycle = session.exec(select(TaskCycle).where(TaskCycle.task_id == task.id)).one()
    assert (cycle.due_date, cycle.completed_on) == (date(2026, 12, 15), TODAY)
    kinds = [e.kind for e in task_history(session=session, task_id=task.id)]
    assert kinds.count("rolled") >= 2 and "status" in kinds
