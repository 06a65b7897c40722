"""The workflow: the full transition matrix and the date stamps of apply_transition."""

from __future__ import annotations

from datetime import UTC, date, datetime
from itertools import product

import pytest

from i18n import t
from models.errors import IllegalTransition
from models.tables import Recurrence, Status, Task
from models.workflow import Change, apply_transition, can_transition, check_transition, roll_to_next_cycle

TODAY = date(2026, 6, 16)
STATUSES = [str(s) for s in Status]
ALLOWED = {
    ("not_started", "in_progress"),
    ("not_started", "cancelled"),
    ("in_progress", "submitted"),
    ("in_progress", "cancelled"),
    ("submitted", "done"),
    ("submitted", "in_progress"),
    ("submitted", "cancelled"),
}
ALL_PAIRS = list(product(STATUSES, STATUSES))
ILLEGAL_PAIRS = [pair for pair in ALL_PAIRS if pair not in ALLOWED]
VI_LABELS = {
    "not_started": "Chưa triển khai",
    "in_progress": "Đang thực hiện",
    "submitted": "Chờ xác nhận",
    "done": "Hoàn thành",
    "cancelled": "Đã hủy",
}


def make_task(status: str = Status.NOT_STARTED, **fields) -> Task:
    stamp = datetime(2026, 1, 5, 8, 0, tzinfo=UTC)
    values = {
        "plan_id": 1,
        "number": "1",
        "title": "Xây dựng kho dữ liệu dùng chung",
        "category_code": "data",
        "lead_agency_id": 1,
        "created_at": stamp,
        "updated_at": stamp,
        "status": str(status),
        "due_date": date(2026, 12, 31),
        "recurrence": Recurrence.ONCE,
    }
    values.update(fields)
    return Task(**values)


def snapshot(task: Task) -> dict:
    return {
        name: getattr(task, name)
        for name in (
            "status",
            "progress",
            "start_date",
            "due_date",
            "original_due_date",
            "submitted_on",
            "completed_on",
        )
    }


def test_matrix_covers_every_pair():
    assert len(STATUSES) == 5
    assert len(ALL_PAIRS) == 25
    assert len(ILLEGAL_PAIRS) == 18


@pytest.mark.parametrize(("source", "target"), ALL_PAIRS)
def test_can_transition_matrix(source, target):
    assert can_transition(source, target) is ((source, target) in ALLOWED)


@pytest.mark.parametrize(("source", "target"), ALL_PAIRS)
def test_can_transition_accepts_enum_members(source, target):
    assert can_transition(Status(source), Status(target)) is ((source, target) in ALLOWED)


@pytest.mark.parametrize(("source", "target"), ILLEGAL_PAIRS)
def test_apply_transition_refuses_illegal_pair(source, target):
    task = make_task(
        source,
        start_date=date(2026, 3, 2),
        submitted_on=date(2026, 6, 1) if source in ("submitted", "done") else None,
        completed_on=date(2026, 6, 1) if source == "done" else None,
        progress=40,
    )
    before = snapshot(task)
    with pytest.raises(IllegalTransition) as info:
        apply_transition(task, target, today=TODAY)
    message = str(info.value)
    assert VI_LABELS[source] in message
    assert VI_LABELS[target] in message
    assert message == t("error.illegal_transition", source=VI_LABELS[source], target=VI_LABELS[target])
    assert snapshot(task) == before


@pytest.mark.parametrize(("source", "target"), ILLEGAL_PAIRS)
def test_check_transition_refuses_illegal_pair(source, target):
    with pytest.raises(IllegalTransition):
        check_transition(source, target)


@pytest.mark.parametrize(("source", "target"), sorted(ALLOWED))
def test_apply_transition_allows_legal_pair(source, target):
    task = make_task(source, submitted_on=date(2026, 6, 1) if source == "submitted" else None)
    changes = apply_transition(task, target, today=TODAY)
    assert task.status == target
    assert changes[0] == Change("status", source, target)


def test_illegal_transition_message_in_english():
    with pytest.raises(IllegalTransition) as info:
        check_transition("not_started", "done")
    assert info.value.message("en") == "A task cannot move from “Not started” to “Done”."


def test_start_sets_start_date_to_today():
    task = make_task(Status.NOT_STARTED, start_date=None)
    changes = apply_transition(task, Status.IN_PROGRESS, today=TODAY)
    assert task.status == "in_progress"
    assert task.start_date == TODAY
    assert changes[0] == Change("status", "not_started", "in_progress")
    assert Change("start_date", None, TODAY) in changes


def test_start_keeps_existing_start_date():
    earlier = date(2026, 2, 2)
    task = make_task(Status.NOT_STARTED, start_date=earlier)
    changes = apply_transition(task, Status.IN_PROGRESS, today=TODAY)
    assert task.start_date == earlier
    assert [c.field for c in changes] == ["status"]


def test_submit_stamps_submitted_on_and_full_progress():
    task = make_task(Status.IN_PROGRESS, start_date=date(2026, 3, 2), progress=60)
    changes = apply_transition(task, Status.SUBMITTED, today=TODAY)
    assert task.status == "submitted"
    assert task.submitted_on == TODAY
    assert task.progress == 100
    assert task.completed_on is None
    assert changes[0] == Change("status", "in_progress", "submitted")
    assert Change("submitted_on", None, TODAY) in changes
    assert Change("progress", 60, 100) in changes


def test_done_completion_date_is_submission_day_not_confirmation_day():
    submitted = date(2026, 6, 1)
    task = make_task(Status.SUBMITTED, start_date=date(2026, 3, 2), submitted_on=submitted, progress=100)
    changes = apply_transition(task, Status.DONE, today=TODAY)
    assert task.status == "done"
    assert task.completed_on == submitted
    assert task.completed_on != TODAY
    assert task.progress == 100
    assert changes[0] == Change("status", "submitted", "done")
    assert Change("completed_on", None, submitted) in changes


def test_done_sets_progress_to_100_when_lower():
    task = make_task(Status.SUBMITTED, submitted_on=date(2026, 6, 1), progress=80)
    changes = apply_transition(task, Status.DONE, today=TODAY)
    assert task.progress == 100
    assert Change("progress", 80, 100) in changes


def test_done_without_submission_date_falls_back_to_today():
    task = make_task(Status.SUBMITTED, submitted_on=None)
    apply_transition(task, Status.DONE, today=TODAY)
    assert task.completed_on == TODAY


def test_return_to_in_progress_clears_submitted_on():
    start = date(2026, 3, 2)
    task = make_task(Status.SUBMITTED, start_date=start, submitted_on=date(2026, 6, 1), progress=100)
    changes = apply_transition(task, Status.IN_PROGRESS, today=TODAY)
    assert task.status == "in_progress"
    assert task.submitted_on is None
    assert task.start_date == start
    assert changes[0] == Change("status", "submitted", "in_progress")
    assert Change("submitted_on", date(2026, 6, 1), None) in changes


def test_cancel_changes_only_status():
    task = make_task(Status.IN_PROGRESS, start_date=date(2026, 3, 2), progress=30)
    changes = apply_transition(task, Status.CANCELLED, today=TODAY)
    assert task.status == "cancelled"
    assert changes == [Change("status", "in_progress", "cancelled")]
    assert task.progress == 30


def test_status_is_stored_as_plain_string():
    task = make_task(Status.NOT_STARTED)
    apply_transition(task, Status.IN_PROGRESS, today=TODAY)
    assert type(task.status) is str


def test_changes_have_before_and_after():
    task = make_task(Status.IN_PROGRESS, start_date=date(2026, 3, 2), progress=10)
    changes = apply_transition(task, "submitted", today=TODAY)
    by_field = {c.field: c for c in changes}
    assert changes[0].field == "status"
    assert (by_field["status"].before, by_field["status"].after) == ("in_progress", "submitted")
    assert (by_field["submitted_on"].before, by_field["submitted_on"].after) == (None, TODAY)
    assert (by_field["progress"].before, by_field["progress"].after) == (10, 100)
    assert all(c.before != c.after for c in changes)


def test_full_cycle_stamps():
    task = make_task(Status.NOT_STARTED)
    apply_transition(task, "in_progress", today=date(2026, 3, 2))
    apply_transition(task, "submitted", today=date(2026, 6, 1))
    apply_transition(task, "in_progress", today=date(2026, 6, 3))
    apply_transition(task, "submitted", today=date(2026, 6, 10))
    apply_transition(task, "done", today=date(2026, 6, 20))
    assert task.start_date == date(2026, 3, 2)
    assert task.submitted_on == date(2026, 6, 10)
    assert task.completed_on == date(2026, 6, 10)
    assert task.progress == 100


def test_roll_to_next_cycle():
    task = make_task(
        Status.DONE,
        recurrence=Recurrence.YEARLY,
        due_date=date(2026, 12, 15),
        original_due_date=date(2026, 12, 15),
        start_date=date(2026, 3, 2),
        submitted_on=date(2026, 12, 10),
        completed_on=date(2026, 12, 10),
        progress=100,
    )
    next_due = date(2027, 12, 15)
    changes = roll_to_next_cycle(task, next_due)
    assert task.status == "not_started"
    assert task.due_date == next_due
    assert task.original_due_date == next_due
    assert task.progress == 0
    assert task.start_date is None
    assert task.submitted_on is None
    assert task.completed_on is None
    assert task.recurrence == Recurrence.YEARLY
    assert changes[0] == Change("status", "done", "not_started")
    assert Change("due_date", date(2026, 12, 15), next_due) in changes
    assert Change("original_due_date", date(2026, 12, 15), next_due) in changes
    assert Change("progress", 100, 0) in changes
    assert Change("completed_on", date(2026, 12, 10), None) in changes
    assert {c.field for c in changes} == {
        "status",
        "due_date",
        "original_due_date",
        "progress",
        "start_date",
        "submitted_on",
        "completed_on",
    }


def test_roll_to_next_cycle_records_only_real_changes():
    task = make_task(Status.NOT_STARTED, due_date=date(2026, 12, 31), original_due_date=date(2026, 12, 31))
    changes = roll_to_next_cycle(task, date(2027, 12, 31))
    assert {c.field for c in changes} == {"due_date", "original_due_date"}
