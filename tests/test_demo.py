"""The sample plan: 109 tasks, 4/17/13/32/40/3 by category, every state present whatever the day."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time

import pytest
from sqlmodel import func, select

from models.deadlines import DeadlineState
from models.demo import DEMO_PLAN_CODE, seed_demo
from models.plans import plan_overview
from models.tables import Agency, Plan, ProgressReport, Recurrence, Status, Task, TaskCycle, TaskEvent
from models.timeframes import parse_time_frame
from models.workdays import default_calendar
from tests.conftest import NOW, TZ

EXPECTED_BY_CATEGORY = {"awareness": 4, "policy": 17, "infrastructure": 13, "platforms": 32, "data": 40, "security": 3}
SEED_DAYS = [
    date(2026, 6, 16),  # an ordinary Tuesday
    date(2026, 2, 17),  # in the middle of Tết
    date(2026, 12, 20),  # after the 15/12 reporting deadline
    date(2026, 12, 31),
    date(2027, 1, 1),  # new year's day, first day of a quarter
    date(2026, 11, 24),
]


def _count(session, model, *where) -> int:
    return session.exec(select(func.count()).select_from(model).where(*where)).one()


def test_demo_counts_per_category(session):
    result = seed_demo(session=session, now=NOW)
    assert result.created and result.tasks == 109
    rows = session.exec(select(Task.category_code, func.count()).group_by(Task.category_code)).all()
    assert dict(rows) == EXPECTED_BY_CATEGORY
    numbers = sorted(int(n) for n in session.exec(select(Task.number)).all())
    assert numbers == list(range(1, 110))


def test_seeding_twice_does_not_duplicate(session):
    seed_demo(session=session, now=NOW)
    before = {m.__name__: _count(session, m) for m in (Plan, Agency, Task, TaskEvent, TaskCycle, ProgressReport)}
    again = seed_demo(session=session, now=NOW)
    after = {m.__name__: _count(session, m) for m in (Plan, Agency, Task, TaskEvent, TaskCycle, ProgressReport)}
    assert not again.created and again.tasks == 109
    assert before == after


def test_demo_agencies_use_lowercase_ascii_codes(session):
    seed_demo(session=session, now=NOW)
    agencies = {a.code: a for a in session.exec(select(Agency)).all()}
    assert agencies["sotttt"].short_name == "Sở TT&TT"
    assert agencies["soyte"].name == "Sở Y tế"
    assert all(code.isascii() and code == code.lower() and code.isalnum() for code in agencies)
    assert all(e.endswith(".example") for a in agencies.values() for e in a.emails)  # reserved domain only
    assert any(not a.emails for a in agencies.values())  # one without an address, for the reminders' list


@pytest.mark.parametrize("day", SEED_DAYS, ids=str)
def test_every_state_is_present_whatever_the_seeding_day(session, day):
    now = datetime.combine(day, time(8, 0), tzinfo=TZ)
    seed_demo(session=session, now=now)
    overview = plan_overview(session=session, today=day, calendar=default_calendar())
    plan = overview.plan
    assert plan.is_sample and plan.code == DEMO_PLAN_CODE
    assert plan.start_year <= day.year <= plan.end_year
    states = Counter(r.deadline.state for r in overview.rows)
    for state in DeadlineState:
        assert states[state] > 0, f"no task is {state} when seeded on {day}"
    statuses = Counter(r.status for r in overview.rows)
    assert all(statuses[s] > 0 for s in Status)
    assert Counter(r.recurrence for r in overview.rows)[Recurrence.YEARLY] >= 2
    assert Counter(r.recurrence for r in overview.rows)[Recurrence.ONGOING] >= 2


@pytest.mark.parametrize("day", SEED_DAYS[:3], ids=str)
def test_time_frames_read_back_to_the_stored_deadlines(session, day):
    now = datetime.combine(day, time(8, 0), tzinfo=TZ)
    seed_demo(session=session, now=now)
    for task in session.exec(select(Task)).all():
        frame = parse_time_frame(task.time_frame, today=day)
        assert frame.recurrence == task.recurrence
        if task.recurrence == Recurrence.ONCE:
            assert frame.due_date == task.due_date, task.time_frame
        elif task.recurrence == Recurrence.YEARLY:
            assert (task.due_date.month, task.due_date.day) == (frame.due_date.month, frame.due_date.day)
            assert task.due_date >= day
        else:
            assert task.due_date is None


def test_history_is_consistent_with_the_state(session):
    seed_demo(session=session, now=NOW)
    today = NOW.date()
    for task in session.exec(select(Task)).all():
        events = session.exec(
            select(TaskEvent).where(TaskEvent.task_id == task.id).order_by(TaskEvent.at, TaskEvent.id)
        ).all()
        assert events[0].kind == "created"
        assert all(e.at <= NOW for e in events)
        moves = [e.after for e in events if e.field == "status"]
        if task.status == Status.NOT_STARTED and task.recurrence != Recurrence.YEARLY:
            assert moves == []
        else:
            assert moves[-1] == task.status
        if task.status == Status.DONE:
            assert task.completed_on <= today and task.progress == 100
    # yearly tasks keep their earlier cycles
    assert _count(session, TaskCycle) >= 2 * 4


def test_sample_texts_mention_years_inside_the_shifted_plan(session):
    """Notes and titles written for 2022-2025 move with the plan, so no note speaks of a stale year."""
    import re

    seed_demo(session=session, now=NOW)
    plan = session.exec(select(Plan)).one()
    texts = [t.title for t in session.exec(select(Task)).all()]
    texts += [r.body for r in session.exec(select(ProgressReport)).all()]
    years = {int(y) for text in texts for y in re.findall(r"\b(20[2-4]\d)\b", text)}
    assert years and min(years) >= plan.start_year - 1  # the provincial master plan period starts a year before
    assert any(str(plan.start_year) in text for text in texts)
