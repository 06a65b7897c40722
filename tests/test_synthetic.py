"""The synthetic plan for load and board tests: N tasks, reproducible, idempotent, every state present."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time

import pytest
from sqlmodel import Session, func, select

from dashapp.db import upgrade_database
from models.database import make_engine
from models.deadlines import DeadlineState, deadline
from models.demo import seed_demo
from models.demo_data import AGENCIES
from models.synthetic import apportion, seed_synthetic
from models.tables import Agency, Plan, Recurrence, Status, Task, TaskCoordinator, TaskEvent, User
from models.timeframes import parse_time_frame
from models.workdays import default_calendar
from tests.conftest import NOW, TZ
from tests.test_cli import run_cli

PLAN_WEIGHTS = {"awareness": 4, "policy": 17, "infrastructure": 13, "platforms": 32, "data": 40, "security": 3}
# 1,000 split 4/17/13/32/40/3 of 109 by largest remainders.
EXPECTED_1000 = {"awareness": 37, "policy": 156, "infrastructure": 119, "platforms": 294, "data": 367, "security": 27}
SEED_DAYS = [date(2026, 2, 17), date(2026, 12, 31), date(2027, 1, 1)]  # in Tết, the last and first day of a year


def _count(session, model, *where) -> int:
    return session.exec(select(func.count()).select_from(model).where(*where)).one()


def _tasks(session, plan_id: int) -> list[Task]:
    return list(session.exec(select(Task).where(Task.plan_id == plan_id).order_by(Task.position)).all())


def _fingerprint(session, plan_id: int) -> list[tuple]:
    """What must be identical between two databases seeded alike: the tasks in plan order."""
    lead = {a.id: a.code for a in session.exec(select(Agency)).all()}
    coordinators: dict[int, list[str]] = {}
    for task_id, agency_id in session.exec(
        select(TaskCoordinator.task_id, TaskCoordinator.agency_id)
        .join(Task, Task.id == TaskCoordinator.task_id)
        .where(Task.plan_id == plan_id)
    ).all():
        coordinators.setdefault(task_id, []).append(lead[agency_id])
    return [
        (
            t.number,
            t.category_code,
            t.title,
            lead[t.lead_agency_id],
            sorted(coordinators.get(t.id, [])),
            t.time_frame,
            t.due_date,
            t.status,
            t.progress,
            t.start_date,
            t.submitted_on,
            t.completed_on,
        )
        for t in _tasks(session, plan_id)
    ]


def test_a_thousand_tasks_in_the_plans_proportions(session):
    result = seed_synthetic(session=session, n=1000, seed=55, now=NOW)
    assert result.created and result.tasks == 1000
    plan = session.get(Plan, result.plan_id)
    assert plan.code == "SYN-1000-55" and plan.is_sample
    assert plan.title == "Kế hoạch tổng hợp 1000 nhiệm vụ (dữ liệu thử nghiệm)"
    tasks = _tasks(session, plan.id)
    assert len(tasks) == 1000 == _count(session, Task)
    assert [t.number for t in tasks] == [str(i) for i in range(1, 1001)]
    by_category = Counter(t.category_code for t in tasks)
    assert sum(by_category.values()) == 1000
    assert by_category == EXPECTED_1000
    for code, weight in PLAN_WEIGHTS.items():
        assert abs(by_category[code] - 1000 * weight / 109) < 1
    # numbered in plan order: category after category, as the plan lists them
    order = list(PLAN_WEIGHTS)
    assert [order.index(t.category_code) for t in tasks] == sorted(order.index(t.category_code) for t in tasks)
    assert len({t.title for t in tasks}) == 1000  # every title distinct
    assert all(" — địa bàn " in t.title and "(đợt " in t.title for t in tasks)


@pytest.mark.parametrize("n", [1, 7, 200])
def test_small_plans_sum_to_n(session, n):
    result = seed_synthetic(session=session, n=n, seed=3, now=NOW)
    assert result.tasks == n == _count(session, Task)
    assert sum(apportion(n, PLAN_WEIGHTS).values()) == n


def test_every_deadline_state_and_status_is_present(session):
    result = seed_synthetic(session=session, n=1000, seed=55, now=NOW)
    tasks = _tasks(session, result.plan_id)
    calendar = default_calendar()
    states = Counter(deadline(t, NOW.date(), calendar=calendar).state for t in tasks)
    assert set(states) == set(DeadlineState), states
    assert set(Counter(t.status for t in tasks)) == set(Status)
    recurrences = Counter(t.recurrence for t in tasks)
    assert recurrences[Recurrence.YEARLY] >= 10 and recurrences[Recurrence.ONGOING] >= 10
    assert 0 < states[DeadlineState.CANCELLED] < 30  # a few
    # a realistic mix: most tasks done or running, a minority late
    assert states[DeadlineState.DONE_ON_TIME] > states[DeadlineState.DONE_LATE] > 0
    assert states[DeadlineState.ON_TIME] > states[DeadlineState.OVERDUE] > 0


@pytest.mark.parametrize("day", SEED_DAYS, ids=str)
def test_every_state_is_present_from_fifty_tasks_whatever_the_day(session, day):
    now = datetime.combine(day, time(8, 0), tzinfo=TZ)
    result = seed_synthetic(session=session, n=50, seed=55, now=now)
    tasks = _tasks(session, result.plan_id)
    states = Counter(deadline(t, day, calendar=default_calendar()).state for t in tasks)
    assert set(states) == set(DeadlineState), f"missing on {day}: {set(DeadlineState) - set(states)}"
    assert set(Counter(t.status for t in tasks)) == set(Status)


def test_the_same_seed_gives_the_same_plan_in_another_database(session, tmp_path):
    first = seed_synthetic(session=session, n=1000, seed=55, now=NOW)
    other_url = f"sqlite:///{tmp_path / 'other.db'}"
    upgrade_database(other_url)
    engine = make_engine(other_url)
    try:
        with Session(engine, expire_on_commit=False) as other:
            same = seed_synthetic(session=other, n=1000, seed=55, now=NOW)
            assert _fingerprint(session, first.plan_id) == _fingerprint(other, same.plan_id)
            different = seed_synthetic(session=other, n=1000, seed=56, now=NOW)
            assert different.created and different.plan_id != same.plan_id  # a separate plan beside it
            theirs = _fingerprint(other, different.plan_id)
    finally:
        engine.dispose()
    ours = _fingerprint(session, first.plan_id)
    assert [row[2] for row in theirs] != [row[2] for row in ours]  # other titles
    assert [row[7] for row in theirs] != [row[7] for row in ours]  # other statuses
    assert [row[1] for row in theirs] == [row[1] for row in ours]  # the same proportions


def test_seeding_twice_creates_nothing_new(session):
    seed_synthetic(session=session, n=300, seed=55, now=NOW)
    models = (Plan, Agency, Task, TaskEvent, TaskCoordinator)
    before = {m.__name__: _count(session, m) for m in models}
    again = seed_synthetic(session=session, n=300, seed=55, now=NOW)
    assert not again.created and again.tasks == 300
    assert before == {m.__name__: _count(session, m) for m in models}


def test_it_uses_the_demo_agencies_and_adds_only_the_missing_ones(session):
    seed_demo(session=session, now=NOW)
    agencies = _count(session, Agency)
    result = seed_synthetic(session=session, n=500, seed=55, now=NOW)
    assert _count(session, Agency) == agencies == len(AGENCIES)
    assert _count(session, Plan) == 2 and _count(session, Task, Task.plan_id == result.plan_id) == 500
    assert _count(session, User) == 0  # accounts are the command line's job (seed_demo_accounts)


def test_versions_are_one_and_each_task_has_one_created_event(session):
    result = seed_synthetic(session=session, n=1000, seed=55, now=NOW)
    assert set(session.exec(select(Task.version).distinct()).all()) == {1}
    per_task = session.exec(select(TaskEvent.task_id, func.count()).group_by(TaskEvent.task_id)).all()
    assert len(per_task) == 1000 and {count for _, count in per_task} == {1}
    titles = dict(session.exec(select(Task.id, Task.title)).all())
    for event in session.exec(select(TaskEvent)).all():
        assert event.kind == "created" and event.field == "title" and event.after == titles[event.task_id]
        assert event.at <= NOW
    # the optimistic lock works on rows inserted in bulk: an ORM update bumps the version to 2
    task = session.exec(select(Task).where(Task.plan_id == result.plan_id, Task.number == "1")).one()
    task.progress = 55
    session.commit()
    session.refresh(task)
    assert task.version == 2


def test_time_frames_read_back_to_the_stored_deadlines(session):
    seed_synthetic(session=session, n=1000, seed=55, now=NOW)
    today = NOW.date()
    phrases = Counter()
    for task in session.exec(select(Task)).all():
        frame = parse_time_frame(task.time_frame, today=today)
        phrases[task.time_frame.split()[0]] += 1
        assert frame.recurrence == task.recurrence
        if task.recurrence == Recurrence.ONCE:
            assert frame.due_date == task.due_date == task.original_due_date, task.time_frame
        elif task.recurrence == Recurrence.YEARLY:
            assert (task.due_date.month, task.due_date.day) == (frame.due_date.month, frame.due_date.day)
            assert task.due_date >= today
        else:
            assert task.due_date is None
    assert {"Quý", "Tháng", "Năm", "Giai", "Thường", "Hàng", "Trước"} <= set(phrases)


def test_status_stamps_are_consistent(session):
    result = seed_synthetic(session=session, n=1000, seed=55, now=NOW)
    today = NOW.date()
    codes = {a.code for a in AGENCIES}
    agency_code = {a.id: a.code for a in session.exec(select(Agency)).all()}
    coordinators: dict[int, list[int]] = {}
    for link in session.exec(select(TaskCoordinator)).all():
        coordinators.setdefault(link.task_id, []).append(link.agency_id)
    for task in _tasks(session, result.plan_id):
        assert agency_code[task.lead_agency_id] in codes
        assert len(coordinators.get(task.id, [])) <= 3 and task.lead_agency_id not in coordinators.get(task.id, [])
        assert 0 <= task.progress <= 100 and task.created_at <= NOW
        if task.status == Status.DONE:
            assert task.completed_on <= today and task.progress == 100
            assert task.submitted_on == task.completed_on and task.start_date <= task.completed_on
        elif task.status == Status.SUBMITTED:
            assert task.submitted_on < today and task.progress == 100 and task.completed_on is None
            assert task.start_date < task.submitted_on
        elif task.status == Status.IN_PROGRESS:
            assert task.start_date is not None and task.start_date <= today
            assert task.submitted_on is None and task.completed_on is None and 0 < task.progress < 100
        elif task.status == Status.NOT_STARTED:
            assert task.progress == 0 and task.submitted_on is None and task.completed_on is None
        else:
            assert task.completed_on is None
    assert Counter(len(c) for c in coordinators.values()).keys() == {1, 2, 3}
    assert len(coordinators) < 1000  # some tasks have no coordinator


def test_bounds(session):
    for n in (0, 200_001):
        with pytest.raises(ValueError):
            seed_synthetic(session=session, n=n, seed=55, now=NOW)
    assert _count(session, Plan) == 0


def test_the_command_line_option(db_url, tmp_path):
    first = run_cli(["seed-demo", "--synthetic", "120", "--random-seed", "7"], db_url, tmp_path)
    assert first.returncode == 0, first.stderr
    assert "SYN-120-7" in first.stdout and "120 nhiệm vụ" in first.stdout
    assert "admin, sotttt, soyte, bcd" in first.stdout  # the demo accounts, as plain seed-demo makes them
    again = run_cli(["seed-demo", "--synthetic", "120", "--random-seed", "7"], db_url, tmp_path)
    assert again.returncode == 0 and "đã có sẵn" in again.stdout
    default_seed = run_cli(["seed-demo", "--synthetic", "60"], db_url, tmp_path)
    assert default_seed.returncode == 0 and "SYN-60-55" in default_seed.stdout
    engine = make_engine(db_url)
    try:
        with Session(engine) as s:
            assert set(s.exec(select(Plan.code)).all()) == {"SYN-120-7", "SYN-60-55"}
            assert _count(s, Task) == 180 and _count(s, TaskEvent) == 180 and _count(s, User) == 4
            assert _count(s, Agency) == len(AGENCIES)
    finally:
        engine.dispose()
    for bad in (["--synthetic", "0"], ["--synthetic", "200001"], ["--synthetic", "abc"], ["--random-seed", "3"]):
        refused = run_cli(["seed-demo", *bad], db_url, tmp_path)
        assert refused.returncode == 2, bad
        assert "số nhiệm vụ phải là số nguyên" in refused.stderr or "chỉ dùng cùng --synthetic" in refused.stderr
