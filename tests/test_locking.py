"""Optimistic locking: a second edit based on a stale version is refused, nothing overwritten."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import event
from sqlmodel import Session, select

from models.errors import ConflictError
from models.permissions import SYSTEM
from models.tables import Status, Task, TaskEvent
from models.tasks import change_status, set_progress, update_details
from tests.conftest import NOW


@pytest.fixture
def task(make):
    return make.task(make.plan(), make.agency(), status=Status.IN_PROGRESS, progress=10)


def _reload(engine, task_id) -> Task:
    with Session(engine) as s:
        return s.get(Task, task_id)


def test_each_write_increments_the_version(session, task):
    assert task.version == 1
    set_progress(session=session, task_id=task.id, expected_version=1, progress=30, actor=SYSTEM, now=NOW)
    assert task.version == 2


def test_stale_version_from_the_browser_is_refused_with_the_current_state(engine, task):
    with Session(engine) as first:
        set_progress(session=first, task_id=task.id, expected_version=1, progress=40, actor=SYSTEM, now=NOW)
    with Session(engine) as second, pytest.raises(ConflictError) as refused:
        set_progress(session=second, task_id=task.id, expected_version=1, progress=90, actor=SYSTEM, now=NOW)
    assert refused.value.current.version == 2
    assert refused.value.current.progress == 40
    assert "vừa được người khác thay đổi" in str(refused.value)
    assert _reload(engine, task.id).progress == 40


def test_race_between_check_and_write_is_caught_by_the_version_column(engine, task):
    """Both edits pass the version check; the one that writes second is refused by the database."""
    raced = []
    with Session(engine) as loser:

        def other_user_commits_first(_session, _ctx, _instances):
            if raced:
                return
            raced.append(True)
            with Session(engine) as winner:
                update_details(
                    session=winner,
                    task_id=task.id,
                    expected_version=1,
                    values={"title": "Tiêu đề của người thắng"},
                    actor=SYSTEM,
                    now=NOW,
                )

        event.listen(loser, "before_flush", other_user_commits_first)
        with pytest.raises(ConflictError) as refused:
            update_details(
                session=loser,
                task_id=task.id,
                expected_version=1,
                values={"title": "Tiêu đề của người thua"},
                actor=SYSTEM,
                now=NOW,
            )
    assert refused.value.current.title == "Tiêu đề của người thắng"
    current = _reload(engine, task.id)
    assert current.title == "Tiêu đề của người thắng"
    assert current.version == 2
    with Session(engine) as s:
        titles = s.exec(select(TaskEvent.after).where(TaskEvent.task_id == task.id, TaskEvent.field == "title")).all()
    assert titles == ["Tiêu đề của người thắng"]  # the refused edit left no audit event either


def test_two_threads_editing_at_once_exactly_one_wins(engine, task):
    barrier = threading.Barrier(2)
    outcomes: dict[str, str] = {}

    def edit(name: str, target: str) -> None:
        with Session(engine) as s:
            barrier.wait()
            try:
                change_status(session=s, task_id=task.id, target=target, expected_version=1, actor=SYSTEM, now=NOW)
                outcomes[name] = "ok"
            except ConflictError:
                outcomes[name] = "conflict"

    threads = [
        threading.Thread(target=edit, args=("submit", Status.SUBMITTED)),
        threading.Thread(target=edit, args=("cancel", Status.CANCELLED)),
    ]
    for th in threads:
        th.start()
    for th in threads:
        th.join(30)
    assert sorted(outcomes.values()) == ["conflict", "ok"]
    winner = next(name for name, result in outcomes.items() if result == "ok")
    current = _reload(engine, task.id)
    assert current.status == {"submit": Status.SUBMITTED, "cancel": Status.CANCELLED}[winner]
    assert current.version == 2
