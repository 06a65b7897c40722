"""The review maths (five buckets, headline, categories, scorecard, overdue list, burn-up, changes) and
review sessions (record, conclusions, follow-up tasks), on hand-built worlds and on the demo plan."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pandas as pd
import pytest
from sqlalchemy import func
from sqlmodel import select

from models.deadlines import DeadlineState, deadline
from models.demo import seed_demo
from models.errors import NotFound, PermissionDenied, ValidationError
from models.permissions import SYSTEM
from models.plans import list_categories
from models.review import (
    BUCKETS,
    add_conclusion,
    bucket_of,
    burn_up,
    by_category,
    changes_since,
    follow_up_task,
    get_session,
    headline,
    list_sessions,
    origin_of,
    overdue_list,
    previous_session,
    record_session,
    scorecard,
    share,
    task_frame,
)
from models.tables import AuditLog, Conclusion, Recurrence, ReviewSession, Role, Status, Task, TaskEvent
from models.workdays import default_calendar
from tests.conftest import NOW, TODAY

CALENDAR = default_calendar()


def _frame(session, plan, **kw):
    return task_frame(session=session, plan_id=plan.id, today=TODAY, calendar=CALENDAR, **kw)


def _count(session, model, *where) -> int:
    return session.exec(select(func.count()).select_from(model).where(*where)).one()


def _check_partition(figures: dict) -> None:
    assert sum(figures[b] for b in BUCKETS) == figures["total"]


# --- the five buckets ----------------------------------------------------------------------------

D = date  # short, for the table below

# (task fields, bucket, overdue today)
CASES = {
    "done before the deadline": (
        {"status": Status.DONE, "due_date": D(2026, 5, 31), "completed_on": D(2026, 5, 20)},
        "done_on_time",
        False,
    ),
    "done on the deadline": (
        {"status": Status.DONE, "due_date": D(2026, 5, 31), "completed_on": D(2026, 5, 31)},
        "done_on_time",
        False,
    ),
    "done after the deadline": (
        {"status": Status.DONE, "due_date": D(2026, 3, 31), "completed_on": D(2026, 4, 10)},
        "done_late",
        False,
    ),
    "done, ongoing": (
        {"status": Status.DONE, "recurrence": Recurrence.ONGOING, "due_date": D(2025, 1, 1), "completed_on": TODAY},
        "done_on_time",
        False,
    ),
    "in progress before the deadline": (
        {"status": Status.IN_PROGRESS, "due_date": D(2026, 12, 31)},
        "in_progress_on_time",
        False,
    ),
    "in progress, due today": (
        {"status": Status.IN_PROGRESS, "due_date": TODAY},
        "in_progress_on_time",
        False,
    ),
    "in progress past the deadline": (
        {"status": Status.IN_PROGRESS, "due_date": D(2026, 6, 1)},
        "in_progress_overdue",
        True,
    ),
    "submitted in time, confirmed later": (
        {"status": Status.SUBMITTED, "due_date": D(2026, 6, 10), "submitted_on": D(2026, 6, 5)},
        "in_progress_on_time",
        False,
    ),
    "submitted after the deadline": (
        {"status": Status.SUBMITTED, "due_date": D(2026, 6, 10), "submitted_on": D(2026, 6, 12)},
        "in_progress_overdue",
        True,
    ),
    "ongoing, deadline long past": (
        {"status": Status.IN_PROGRESS, "recurrence": Recurrence.ONGOING, "due_date": D(2025, 1, 1)},
        "in_progress_on_time",
        False,
    ),
    "not started, on time": (
        {"status": Status.NOT_STARTED, "due_date": D(2026, 12, 31)},
        "not_started",
        False,
    ),
    "not started, late": (
        {"status": Status.NOT_STARTED, "due_date": D(2026, 5, 1)},
        "not_started",
        True,
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_each_kind_of_task_falls_in_its_bucket(session, make, name):
    fields, bucket, overdue = CASES[name]
    plan = make.plan()
    task = make.task(plan, make.agency(), **fields)
    make.task(plan, make.agency(), status=Status.CANCELLED, due_date=D(2026, 1, 1))  # never counted
    frame = _frame(session, plan)
    row = frame.set_index("id").loc[task.id]
    assert row["bucket"] == bucket
    assert (row["state"] == DeadlineState.OVERDUE) is overdue
    figures = headline(frame)
    assert figures["total"] == 1 and figures[bucket] == 1
    _check_partition(figures)
    assert figures["overdue_open"] == int(overdue)
    assert figures["not_started_overdue"] == int(overdue and bucket == "not_started")


def test_bucket_of_leaves_cancelled_tasks_out():
    assert bucket_of(Status.CANCELLED, DeadlineState.CANCELLED) is None
    assert bucket_of(Status.DONE, DeadlineState.DONE_LATE) == "done_late"
    assert bucket_of(Status.SUBMITTED, DeadlineState.OVERDUE) == "in_progress_overdue"
    assert bucket_of(Status.NOT_STARTED, DeadlineState.OVERDUE) == "not_started"


@pytest.fixture
def mixed(session, make):
    """One task of every kind, over two agencies and two categories, and a cancelled one."""
    plan = make.plan()
    a, b = make.agency("alpha"), make.agency("beta")
    tasks = {}
    for i, (name, (fields, _bucket, _late)) in enumerate(CASES.items()):
        lead = a if i % 2 == 0 else b
        tasks[name] = make.task(plan, lead, category_code="data" if i < 6 else "policy", **fields)
    tasks["cancelled"] = make.task(plan, b, status=Status.CANCELLED, due_date=D(2026, 1, 1))
    return {"plan": plan, "a": a, "b": b, "tasks": tasks}


def test_the_buckets_partition_a_mixed_plan(session, mixed):
    figures = headline(_frame(session, mixed["plan"]))
    expected = {b: sum(1 for _f, bucket, _late in CASES.values() if bucket == b) for b in BUCKETS}
    assert figures == {
        "total": len(CASES),  # the cancelled task left out
        **expected,
        "not_started_overdue": 1,
        "overdue_open": sum(1 for _f, _b, late in CASES.values() if late),
    }
    _check_partition(figures)
    assert min(expected.values()) >= 1  # every bucket is covered


def test_the_frame_keeps_cancelled_tasks_without_a_bucket(session, mixed):
    frame = _frame(session, mixed["plan"])
    assert len(frame) == len(CASES) + 1
    cancelled = frame.set_index("id").loc[mixed["tasks"]["cancelled"].id]
    assert pd.isna(cancelled["bucket"]) and cancelled["state"] == DeadlineState.CANCELLED


def test_the_frame_filters_by_category_and_agency(session, mixed):
    plan, a = mixed["plan"], mixed["a"]
    by_cat = _frame(session, plan, category="policy")
    assert set(by_cat["category_code"]) == {"policy"}
    assert len(by_cat) == _count(session, Task, Task.plan_id == plan.id, Task.category_code == "policy")
    by_agency = _frame(session, plan, agency_id=a.id)
    assert set(by_agency["lead_agency_id"]) == {a.id}
    assert len(by_agency) == _count(session, Task, Task.plan_id == plan.id, Task.lead_agency_id == a.id)
    both = _frame(session, plan, category="data", agency_id=a.id)
    expected = session.exec(
        select(Task.id).where(Task.plan_id == plan.id, Task.category_code == "data", Task.lead_agency_id == a.id)
    ).all()
    assert sorted(both["id"]) == sorted(expected) and len(expected) >= 1
    assert _frame(session, plan, category="security").empty
    assert headline(_frame(session, plan, category="security"))["total"] == 0


def test_the_frame_is_in_plan_order_and_of_one_plan(session, make):
    plan, other = make.plan(), make.plan("02/KH-TEST")
    lead = make.agency()
    late = make.task(plan, lead, position=2)
    first = make.task(plan, lead, position=1)
    make.task(other, lead, position=0)
    assert list(_frame(session, plan)["id"]) == [first.id, late.id]


# --- the demo plan against a direct count ---------------------------------------------------------


class _Plan:
    """Only what task_frame reads of a plan."""

    def __init__(self, plan_id: int) -> None:
        self.id = plan_id


@pytest.fixture
def demo(session):
    result = seed_demo(session=session, now=NOW)
    return result.plan_id


def _direct_headline(session, plan_id: int) -> dict[str, int]:
    """The figures counted without models.review: SQL counts by status, and the deadline rule per task."""
    by_status = dict(
        session.exec(select(Task.status, func.count()).where(Task.plan_id == plan_id).group_by(Task.status)).all()
    )
    tasks = session.exec(select(Task).where(Task.plan_id == plan_id)).all()
    states = {t.id: deadline(t, TODAY, calendar=CALENDAR).state for t in tasks}
    done_late = sum(1 for t in tasks if t.status == Status.DONE and states[t.id] == DeadlineState.DONE_LATE)
    open_late = sum(
        1 for t in tasks if t.status in (Status.IN_PROGRESS, Status.SUBMITTED) and states[t.id] == DeadlineState.OVERDUE
    )
    not_started_late = sum(1 for t in tasks if t.status == Status.NOT_STARTED and states[t.id] == DeadlineState.OVERDUE)
    working = by_status.get(Status.IN_PROGRESS, 0) + by_status.get(Status.SUBMITTED, 0)
    return {
        "total": sum(n for s, n in by_status.items() if s != Status.CANCELLED),
        "done_on_time": by_status.get(Status.DONE, 0) - done_late,
        "done_late": done_late,
        "in_progress_on_time": working - open_late,
        "in_progress_overdue": open_late,
        "not_started": by_status.get(Status.NOT_STARTED, 0),
        "not_started_overdue": not_started_late,
        "overdue_open": open_late + not_started_late,
    }


def test_the_demo_headline_agrees_with_a_direct_count(session, demo):
    figures = headline(_frame(session, _Plan(demo)))
    assert figures == _direct_headline(session, demo)
    _check_partition(figures)
    assert figures["total"] == 108  # 109 tasks, one cancelled
    assert all(figures[b] > 0 for b in BUCKETS)  # every bucket present in the sample
    assert figures["not_started_overdue"] > 0


def test_by_category_adds_up_to_the_headline(session, demo):
    frame = _frame(session, _Plan(demo))
    figures = headline(frame)
    categories = list_categories(session=session)
    table = by_category(frame, categories)
    assert list(table["category_code"]) == [c.code for c in categories]
    for bucket in (*BUCKETS, "total"):
        assert int(table[bucket].sum()) == figures[bucket], bucket
    for _, row in table.iterrows():
        assert sum(row[b] for b in BUCKETS) == row["total"]
        expected = _count(
            session, Task, Task.plan_id == demo, Task.category_code == row["category_code"], Task.status != "cancelled"
        )
        assert row["total"] == expected
        assert row["total"] == headline(_frame(session, _Plan(demo), category=row["category_code"]))["total"]


def test_by_category_names_in_english(session, mixed):
    frame = _frame(session, mixed["plan"], lang="en")
    categories = list_categories(session=session)
    table = by_category(frame, categories, "en")
    names = dict(zip(table["category_code"], table["category"], strict=True))
    assert names == {c.code: c.name_en for c in categories}
    assert table.set_index("category_code").at["policy", "total"] == len(CASES) - 6


# --- share -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("part", "total", "expected"),
    [(1, 3, 33.3), (2, 3, 66.7), (1, 6, 16.7), (1, 8, 12.5), (5, 5, 100.0), (0, 7, 0.0), (0, 0, 0.0), (3, 0, 0.0)],
)
def test_share_is_a_percentage_to_one_decimal(part, total, expected):
    assert share(part, total) == expected


# --- scorecard -------------------------------------------------------------------------------------


@pytest.fixture
def agencies_world(session, make):
    """Y: all on time; X: half done on time; Z: mostly done on time but one overdue; W: two overdue."""
    plan = make.plan()
    x, y, z, w = (make.agency(code) for code in ("xx", "yy", "zz", "ww"))
    done = {"status": Status.DONE, "due_date": D(2026, 5, 31), "completed_on": D(2026, 5, 1)}
    make.task(plan, x, **done)
    make.task(plan, x, status=Status.IN_PROGRESS, due_date=D(2026, 12, 31))
    make.task(plan, y, **done)
    make.task(plan, z, **done)
    make.task(plan, z, **done)
    make.task(plan, z, status=Status.IN_PROGRESS, due_date=TODAY - timedelta(days=8))
    make.task(plan, w, status=Status.DONE, due_date=D(2026, 5, 1), completed_on=D(2026, 5, 5))  # 4 days late
    make.task(plan, w, status=Status.IN_PROGRESS, due_date=TODAY - timedelta(days=3))
    make.task(plan, w, status=Status.NOT_STARTED, due_date=TODAY - timedelta(days=5))
    make.task(plan, w, status=Status.CANCELLED, due_date=D(2026, 1, 1))
    return {"plan": plan, "x": x, "y": y, "z": z, "w": w}


def test_the_scorecard_ranks_fewer_overdue_first_then_on_time_share(session, agencies_world):
    world = agencies_world
    frame = _frame(session, world["plan"])
    card = scorecard(frame)
    assert list(card["lead_agency_id"]) == [world[k].id for k in ("y", "x", "z", "w")]
    assert list(card["rank"]) == [1, 2, 3, 4]
    assert int(card["led"].sum()) == headline(frame)["total"] == 9
    rows = card.set_index("lead_agency_id")
    assert rows.at[world["y"].id, "done_on_time_pct"] == 100.0
    assert rows.at[world["x"].id, "done_on_time_pct"] == 50.0
    assert rows.at[world["z"].id, "done_on_time_pct"] == 66.7  # better share than X, but one overdue
    assert rows.at[world["w"].id, "done_on_time_pct"] == 0.0
    assert list(card["overdue_now"]) == [0, 0, 1, 2]
    assert rows.at[world["w"].id, "led"] == 3  # the cancelled task is not led work
    assert rows.at[world["w"].id, "done"] == 1 and rows.at[world["w"].id, "done_on_time"] == 0
    # the average over the tasks done late (4 days) and those overdue now (3 and 5 days)
    assert rows.at[world["w"].id, "avg_days_late"] == 4.0
    assert rows.at[world["z"].id, "avg_days_late"] == 8.0
    assert rows.at[world["y"].id, "avg_days_late"] == 0.0
    assert list(card["lead_agency"]) == [world[k].short_name for k in ("y", "x", "z", "w")]


def test_the_scorecard_on_the_demo_plan(session, demo):
    frame = _frame(session, _Plan(demo))
    card = scorecard(frame)
    assert int(card["led"].sum()) == headline(frame)["total"]
    assert list(card["rank"]) == list(range(1, len(card) + 1))
    keys = list(zip(card["overdue_now"], -card["done_on_time_pct"], strict=True))
    assert keys == sorted(keys)
    assert card["lead_agency_id"].is_unique
    for _, row in card.iterrows():
        assert row["done_on_time_pct"] == share(row["done_on_time"], row["led"])


def test_the_scorecard_of_nothing_is_empty(session, make):
    card = scorecard(_frame(session, make.plan()))
    assert card.empty and "rank" in card.columns


# --- overdue list ----------------------------------------------------------------------------------


def test_the_overdue_list_is_longest_first_and_only_overdue(session, mixed):
    late = overdue_list(_frame(session, mixed["plan"]))
    tasks = mixed["tasks"]
    assert list(late["id"]) == [
        tasks["not started, late"].id,  # 46 days
        tasks["in progress past the deadline"].id,  # 15 days
        tasks["submitted after the deadline"].id,  # 2 days, judged by the day it was submitted
    ]
    assert list(late["days_overdue"]) == [46, 15, 2]
    assert set(late["state"]) == {DeadlineState.OVERDUE}


def test_the_overdue_list_breaks_ties_by_task_number(session, make):
    plan, lead = make.plan(), make.agency()
    for number in ("10", "9", "2.1"):
        make.task(plan, lead, number=number, status=Status.IN_PROGRESS, due_date=D(2026, 6, 1))
    make.task(plan, lead, number="11", status=Status.IN_PROGRESS, due_date=D(2026, 6, 10))
    assert list(overdue_list(_frame(session, plan))["number"]) == ["2.1", "9", "10", "11"]


def test_the_demo_overdue_list_names_every_late_open_task(session, demo):
    frame = _frame(session, _Plan(demo))
    late = overdue_list(frame)
    tasks = session.exec(select(Task).where(Task.plan_id == demo)).all()
    expected = {t.id for t in tasks if deadline(t, TODAY, calendar=CALENDAR).state == DeadlineState.OVERDUE}
    assert set(late["id"]) == expected and len(late) == headline(frame)["overdue_open"] > 0
    days = list(late["days_overdue"])
    assert days == sorted(days, reverse=True)
    assert all(d > 0 for d in days)


# --- burn-up ---------------------------------------------------------------------------------------


def test_the_burn_up_counts_completed_and_due_by_each_point(session, demo):
    frame = _frame(session, _Plan(demo))
    burn = burn_up(frame, TODAY)
    points = list(burn["date"])
    assert points[-1] == TODAY
    assert points == sorted(points) and len(set(points)) == len(points)
    assert all((p + timedelta(days=1)).day == 1 for p in points[:-1])  # month ends
    for column in ("completed", "due"):
        values = list(burn[column])
        assert all(a <= b for a, b in pairwise(values)), column
    live = Task.status != "cancelled"
    for _, row in burn.iterrows():
        day = row["date"]
        completed = _count(session, Task, Task.plan_id == demo, live, Task.completed_on <= day)
        due = _count(session, Task, Task.plan_id == demo, live, Task.recurrence != "ongoing", Task.due_date <= day)
        assert (row["completed"], row["due"]) == (completed, due), day
    assert burn["completed"].iloc[-1] == _count(session, Task, Task.plan_id == demo, Task.status == "done")


def test_the_burn_up_of_a_small_plan(session, make):
    plan, lead = make.plan(), make.agency()
    make.task(plan, lead, status=Status.DONE, due_date=D(2026, 4, 30), completed_on=D(2026, 4, 20))
    make.task(plan, lead, status=Status.DONE, due_date=D(2026, 4, 30), completed_on=D(2026, 5, 10))
    make.task(plan, lead, status=Status.IN_PROGRESS, due_date=D(2026, 6, 10))
    make.task(plan, lead, status=Status.IN_PROGRESS, recurrence=Recurrence.ONGOING, due_date=D(2026, 5, 1))
    make.task(plan, lead, status=Status.CANCELLED, due_date=D(2026, 4, 1), completed_on=D(2026, 4, 1))
    burn = burn_up(_frame(session, plan), TODAY)
    assert list(burn["date"]) == [D(2026, 3, 31), D(2026, 4, 30), D(2026, 5, 31), TODAY]
    assert list(burn["completed"]) == [0, 1, 2, 2]
    assert list(burn["due"]) == [0, 2, 2, 3]


# --- changes since the previous session ------------------------------------------------------------


def test_changes_since_lists_status_progress_and_deadline_after_the_moment(session, make):
    plan, lead = make.plan(), make.agency()
    task = make.task(plan, lead)
    outsider = make.task(make.plan("02/KH-TEST"), lead)
    since = NOW - timedelta(days=7)

    def event(field, at, before="a", after="b", task_id=task.id):
        session.add(TaskEvent(task_id=task_id, at=at, kind="edited", field=field, before=before, after=after))

    event("status", since - timedelta(minutes=1), "not_started", "in_progress")  # before: left out
    event("progress", since - timedelta(days=2), "0", "10")
    event("status", since + timedelta(hours=1), "not_started", "in_progress")
    event("progress", since + timedelta(days=1), "10", "40")
    event("due_date", since + timedelta(days=2), "2026-12-31", "2027-03-31")
    event("title", since + timedelta(days=3))  # other fields: left out
    event("description", since + timedelta(days=3))
    event("status", since + timedelta(days=4), task_id=outsider.id)  # not in the frame
    session.commit()
    changes = changes_since(session=session, frame=_frame(session, plan), since=since)
    assert list(changes["field"]) == ["due_date", "progress", "status"]  # newest first
    assert list(changes["after"]) == ["2027-03-31", "40", "in_progress"]
    assert set(changes["task_id"]) == {task.id}
    assert set(changes["number"]) == {task.number}
    assert all(at >= since for at in changes["at"])


def test_changes_since_of_an_empty_frame(session, make):
    changes = changes_since(session=session, frame=_frame(session, make.plan()), since=NOW)
    assert changes.empty and "field" in changes.columns


# --- review sessions: recording --------------------------------------------------------------------


@pytest.fixture
def people(session, make):
    plan = make.plan()
    ict, health = make.agency("sotttt"), make.agency("soyte")
    make.task(plan, health, number="1", status=Status.IN_PROGRESS, due_date=D(2026, 6, 1))
    make.task(plan, health, number="7", status=Status.DONE, due_date=D(2026, 5, 1), completed_on=D(2026, 4, 1))
    make.task(plan, ict, number="2.1")
    make.task(plan, ict, number="3")
    return {
        "plan": plan,
        "ict": ict,
        "health": health,
        "coordinator": make.user(Role.COORDINATOR, ict, username="sotttt"),
        "officer": make.user(Role.AGENCY, health, username="soyte"),
        "viewer": make.user(Role.VIEWER, username="bcd"),
        "admin": make.user(Role.ADMIN, username="admin"),
    }


def _record(session, people, *, who="coordinator", held_on="10/06/2026", chair="Phó Chủ tịch UBND tỉnh", **kw):
    return record_session(
        session=session,
        actor=people[who],
        now=NOW,
        calendar=CALENDAR,
        plan_id=people["plan"].id,
        held_on=held_on,
        chair=chair,
        **kw,
    )


def test_recording_a_session_keeps_the_figures_of_the_day_and_the_conclusions(session, people):
    expected = headline(_frame(session, people["plan"]))
    review = _record(
        session,
        people,
        chair="  Phó Chủ tịch   UBND tỉnh ",
        attendees="Thành viên Ban Chỉ đạo",
        notes="Đánh giá kết quả 6 tháng",
        conclusions=["Giao Sở Y tế kết nối dữ liệu", "", "   ", "Sở TT&TT tổng hợp báo cáo"],
    )
    stored = session.get(ReviewSession, review.id)
    assert stored.held_on == D(2026, 6, 10) and stored.chair == "Phó Chủ tịch UBND tỉnh"
    assert stored.attendees == "Thành viên Ban Chỉ đạo" and stored.notes == "Đánh giá kết quả 6 tháng"
    assert stored.snapshot == {"day": "2026-06-16", **expected}
    assert stored.snapshot["in_progress_overdue"] == 1 and stored.snapshot["total"] == 4
    assert stored.created_by_label == f"{people['coordinator'].full_name} (sotttt)"
    conclusions = session.exec(select(Conclusion).where(Conclusion.session_id == review.id)).all()
    ordered = sorted(conclusions, key=lambda c: c.position)
    assert [(c.position, c.text) for c in ordered] == [
        (1, "Giao Sở Y tế kết nối dữ liệu"),
        (2, "Sở TT&TT tổng hợp báo cáo"),
    ]
    entry = session.exec(select(AuditLog).where(AuditLog.action == "record_review")).one()
    assert entry.outcome == "ok" and entry.target_id == str(review.id) and entry.actor_id == people["coordinator"].id
    assert entry.detail == "10/06/2026: 2 kết luận"


def test_a_session_may_be_held_today_and_given_as_a_date(session, people):
    review = _record(session, people, held_on=TODAY, chair="x" * 200)
    assert review.held_on == TODAY and len(review.chair) == 200
    assert _record(session, people, held_on="2026-06-01", who="admin").held_on == D(2026, 6, 1)


@pytest.mark.parametrize(
    ("held_on", "chair", "message"),
    [
        ("", "Chủ tịch", "Hãy nhập ngày họp theo dạng dd/mm/yyyy."),
        (None, "Chủ tịch", "Hãy nhập ngày họp theo dạng dd/mm/yyyy."),
        ("31/02/2026", "Chủ tịch", "Ngày «31/02/2026» không hợp lệ. Hãy nhập theo dạng dd/mm/yyyy, ví dụ 31/12/2026."),
        ("hôm qua", "Chủ tịch", "Ngày «hôm qua» không hợp lệ"),
        ("17/06/2026", "Chủ tịch", "Ngày họp không được sau hôm nay (16/06/2026)."),
        ("10/06/2026", "", "Hãy nhập người chủ trì phiên họp."),
        ("10/06/2026", "   \n ", "Hãy nhập người chủ trì phiên họp."),
        ("10/06/2026", "x" * 201, "Nội dung quá dài (tối đa 200 ký tự)."),
    ],
)
def test_an_invalid_session_is_refused_in_vietnamese_and_nothing_is_written(session, people, held_on, chair, message):
    with pytest.raises(ValidationError) as refused:
        _record(session, people, held_on=held_on, chair=chair, conclusions=["Một kết luận"])
    assert message in str(refused.value)
    session.rollback()
    assert _count(session, ReviewSession) == 0
    assert _count(session, Conclusion) == 0
    assert _count(session, AuditLog, AuditLog.action == "record_review") == 0


@pytest.mark.parametrize("who", ["officer", "viewer"])
def test_only_coordinators_record_sessions(session, people, who):
    with pytest.raises(PermissionDenied) as refused:
        _record(session, people, who=who, conclusions=["Một kết luận"])
    assert "không có quyền" in str(refused.value)
    assert _count(session, ReviewSession) == 0 and _count(session, Conclusion) == 0
    entry = session.exec(select(AuditLog)).one()
    assert entry.outcome == "refused" and entry.action == "write_reports"
    assert entry.actor_id == people[who].id and entry.target_type == "plan"
    assert entry.target_id == str(people["plan"].id)


def test_recording_for_a_missing_plan_is_not_found(session, people):
    with pytest.raises(NotFound):
        record_session(
            session=session, actor=people["coordinator"], now=NOW, calendar=CALENDAR, plan_id=999999,
            held_on="10/06/2026", chair="Chủ tịch",
        )  # fmt: skip
    session.rollback()
    assert _count(session, ReviewSession) == 0


# --- sessions: listing -----------------------------------------------------------------------------


def test_sessions_are_listed_newest_first_within_a_period(session, people, make):
    march = _record(session, people, held_on="01/03/2026", conclusions=["Tháng ba"])
    june = _record(session, people, held_on="10/06/2026", conclusions=["Một", "Hai"])
    today = _record(session, people, held_on="16/06/2026")
    other = make.plan("02/KH-TEST")
    record_session(
        session=session, actor=people["coordinator"], now=NOW, calendar=CALENDAR, plan_id=other.id,
        held_on="12/06/2026", chair="Khác",
    )  # fmt: skip
    views = list_sessions(session=session, plan_id=people["plan"].id)
    assert [v.review.id for v in views] == [today.id, june.id, march.id]
    assert [[c.text for c, _task in v.conclusions] for v in views] == [[], ["Một", "Hai"], ["Tháng ba"]]
    assert all(task is None for v in views for _c, task in v.conclusions)
    in_june = list_sessions(session=session, plan_id=people["plan"].id, held_from=D(2026, 6, 1), held_to=D(2026, 6, 10))
    assert [v.review.id for v in in_june] == [june.id]
    since_june = list_sessions(session=session, plan_id=people["plan"].id, held_from=D(2026, 6, 10))
    assert [v.review.id for v in since_june] == [today.id, june.id]
    until_march = list_sessions(session=session, plan_id=people["plan"].id, held_to=D(2026, 3, 1))
    assert [v.review.id for v in until_march] == [march.id]
    in_spring = list_sessions(
        session=session, plan_id=people["plan"].id, held_from=D(2026, 4, 1), held_to=D(2026, 5, 31)
    )
    assert in_spring == []


def test_previous_session_is_the_latest_before_the_day(session, people, make):
    plan_id = people["plan"].id
    assert previous_session(session=session, plan_id=plan_id) is None
    march = _record(session, people, held_on="01/03/2026")
    june = _record(session, people, held_on="10/06/2026")
    record_session(
        session=session, actor=people["coordinator"], now=NOW, calendar=CALENDAR, plan_id=make.plan("02/KH").id,
        held_on="15/06/2026", chair="Khác",
    )  # fmt: skip
    assert previous_session(session=session, plan_id=plan_id).id == june.id
    assert previous_session(session=session, plan_id=plan_id, before=TODAY).id == june.id
    assert previous_session(session=session, plan_id=plan_id, before=D(2026, 6, 10)).id == march.id
    assert previous_session(session=session, plan_id=plan_id, before=D(2026, 3, 1)) is None


def test_get_session_and_add_conclusion(session, people):
    review = _record(session, people, conclusions=["Một", "Hai"])
    added = add_conclusion(session=session, actor=people["coordinator"], now=NOW, session_id=review.id, text=" Ba ")
    assert added.position == 3 and added.text == "Ba"
    view = get_session(session=session, session_id=review.id)
    assert view.review.id == review.id
    assert [(c.position, c.text) for c, _t in view.conclusions] == [(1, "Một"), (2, "Hai"), (3, "Ba")]
    entry = session.exec(select(AuditLog).where(AuditLog.action == "add_conclusion")).one()
    assert entry.outcome == "ok" and entry.target_id == str(review.id)
    with pytest.raises(ValidationError, match=r"Hãy nhập nội dung kết luận\."):
        add_conclusion(session=session, actor=people["coordinator"], now=NOW, session_id=review.id, text="  ")
    session.rollback()
    with pytest.raises(PermissionDenied):
        add_conclusion(session=session, actor=people["viewer"], now=NOW, session_id=review.id, text="Bốn")
    assert _count(session, Conclusion) == 3
    assert _count(session, AuditLog, AuditLog.outcome == "refused", AuditLog.action == "write_reports") == 1
    with pytest.raises(NotFound):
        get_session(session=session, session_id=review.id + 1000)
    with pytest.raises(NotFound):
        add_conclusion(session=session, actor=people["coordinator"], now=NOW, session_id=review.id + 1000, text="x")


# --- follow-up tasks -------------------------------------------------------------------------------


@pytest.fixture
def conclusion(session, people, make):
    make.task(make.plan("02/KH-TEST"), people["ict"], number="50")  # another plan's numbers do not count
    review = _record(session, people, conclusions=["Giao Sở Y tế hoàn thành\nkết nối dữ liệu tiêm chủng"])
    return session.exec(select(Conclusion).where(Conclusion.session_id == review.id)).one()


def _follow(session, people, conclusion, *, who="coordinator", lead="health", due="30/09/2026", category="data"):
    return follow_up_task(
        session=session,
        actor=people[who],
        now=NOW,
        conclusion_id=conclusion.id,
        lead_agency_id=people[lead].id if lead in people else lead,
        due_date=due,
        category_code=category,
    )


def test_a_conclusion_becomes_a_task_after_the_plans_highest_number(session, people, conclusion):
    plan = people["plan"]
    top_position = session.exec(select(func.max(Task.position)).where(Task.plan_id == plan.id)).one()
    task = _follow(session, people, conclusion)
    stored = session.get(Task, task.id)
    assert stored.plan_id == plan.id and stored.number == "8"  # after 7 (2.1 is not a plain number)
    assert stored.position == top_position + 1
    assert stored.status == Status.NOT_STARTED and stored.progress == 0
    assert stored.category_code == "data" and stored.lead_agency_id == people["health"].id
    assert stored.due_date == stored.original_due_date == D(2026, 9, 30)
    assert stored.recurrence == Recurrence.ONCE and stored.time_frame == "30/09/2026"
    assert stored.title == "Giao Sở Y tế hoàn thành kết nối dữ liệu tiêm chủng"
    assert stored.description == "Giao Sở Y tế hoàn thành\nkết nối dữ liệu tiêm chủng"
    event = session.exec(select(TaskEvent).where(TaskEvent.task_id == task.id)).one()
    assert event.kind == "created" and event.actor_id == people["coordinator"].id
    assert "10/06/2026" in event.note and event.note == "Theo kết luận phiên rà soát ngày 10/06/2026"
    session.refresh(conclusion)
    assert conclusion.task_id == task.id
    origin = origin_of(session=session, task_id=task.id)
    assert origin is not None
    assert origin[0].id == conclusion.id and origin[1].id == conclusion.session_id
    assert origin_of(session=session, task_id=session.exec(select(Task.id).where(Task.number == "1")).first()) is None
    view = get_session(session=session, session_id=conclusion.session_id)
    assert view.conclusions[0][1].id == task.id  # the session lists the task it became
    # the new task is counted at once
    assert headline(_frame(session, plan))["not_started"] == 3


def test_a_follow_up_may_be_due_on_the_day_of_the_session(session, people, conclusion):
    task = _follow(session, people, conclusion, due=D(2026, 6, 10), who="admin")
    assert task.due_date == D(2026, 6, 10)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"lead": None}, "Hãy chọn cơ quan chủ trì."),
        ({"lead": 999999}, "Hãy chọn cơ quan chủ trì."),
        ({"lead": "inactive"}, "Hãy chọn cơ quan chủ trì."),
        ({"category": "khong-co"}, "Hãy chọn lĩnh vực."),
        ({"category": None}, "Hãy chọn lĩnh vực."),
        ({"due": ""}, "Hãy nhập hạn hoàn thành (dd/mm/yyyy)."),
        ({"due": None}, "Hãy nhập hạn hoàn thành (dd/mm/yyyy)."),
        ({"due": "31/02/2026"}, "Ngày «31/02/2026» không hợp lệ"),
        ({"due": "09/06/2026"}, "Hạn hoàn thành không được trước ngày họp (10/06/2026)."),
    ],
)
def test_a_follow_up_is_refused_with_a_reason(session, people, conclusion, make, change, message):
    if change.get("lead") == "inactive":
        people = {**people, "inactive": make.agency("closed", is_active=False)}
    tasks = _count(session, Task)
    with pytest.raises(ValidationError) as refused:
        _follow(session, people, conclusion, **change)
    assert message in str(refused.value)
    session.rollback()
    assert _count(session, Task) == tasks
    assert session.get(Conclusion, conclusion.id).task_id is None
    assert _count(session, TaskEvent, TaskEvent.kind == "created") == 0


def test_a_conclusion_becomes_a_task_only_once(session, people, conclusion):
    first = _follow(session, people, conclusion)
    tasks = _count(session, Task)
    with pytest.raises(ValidationError, match=r"Kết luận này đã được giao thành nhiệm vụ\."):
        _follow(session, people, conclusion, lead="ict")
    session.rollback()
    assert _count(session, Task) == tasks
    assert session.get(Conclusion, conclusion.id).task_id == first.id


@pytest.mark.parametrize("who", ["officer", "viewer"])
def test_only_coordinators_turn_conclusions_into_tasks(session, people, conclusion, who):
    tasks = _count(session, Task)
    with pytest.raises(PermissionDenied):
        _follow(session, people, conclusion, who=who)
    assert _count(session, Task) == tasks
    assert session.get(Conclusion, conclusion.id).task_id is None
    entry = session.exec(select(AuditLog).where(AuditLog.outcome == "refused")).one()
    assert entry.action == "edit_task" and entry.actor_id == people[who].id
    assert (entry.target_type, entry.target_id) == ("conclusion", str(conclusion.id))


def test_a_missing_conclusion_is_not_found(session, people):
    with pytest.raises(NotFound):
        follow_up_task(
            session=session, actor=SYSTEM, now=NOW, conclusion_id=999999, lead_agency_id=people["health"].id,
            due_date="30/09/2026", category_code="data",
        )  # fmt: skip


def test_the_first_follow_up_of_the_demo_plan_is_number_110(session, demo, make):
    coordinator = make.user(Role.COORDINATOR, username="dieu-phoi")
    review = record_session(
        session=session, actor=coordinator, now=NOW, calendar=CALENDAR, plan_id=demo, held_on=TODAY,
        chair="Chủ tịch", conclusions=["Kết luận"],
    )  # fmt: skip
    assert review.snapshot == {"day": "2026-06-16", **_direct_headline(session, demo)}
    found = session.exec(select(Conclusion).where(Conclusion.session_id == review.id)).one()
    lead = session.exec(select(Task.lead_agency_id).where(Task.plan_id == demo)).first()
    task = follow_up_task(
        session=session, actor=coordinator, now=NOW, conclusion_id=found.id, lead_agency_id=lead,
        due_date="30/09/2026", category_code="security",
    )  # fmt: skip
    assert task.number == "110"


def test_shares_round_half_up_as_reports_do():
    assert share(1, 16) == 6.3  # 6,25 → 6,3 (not the banker's 6,2)
    assert share(1, 80) == 1.3
    assert share(2, 3) == 66.7
