"""The outbox under concurrency: two schedulers scanning at once, two coordinators urging at once.

Meant for PostgreSQL (run with TEST_DATABASE_URL set); on SQLite the database lock serialises the
writers, and the outcome must be the same: every digest once, one urge.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from collections import Counter
from datetime import date, datetime, time
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from dashapp import jobs
from dashapp.cli import build_parser, cmd_seed_demo
from dashapp.settings import PROJECT_ROOT, Settings
from models import outbox
from models.database import make_engine
from models.outbox import AlreadyUrged
from models.tables import AuditLog, JobRun, Notification, NotificationItem, Role, Status
from models.workdays import WorkCalendar
from tests.conftest import TODAY, TZ

CAL = WorkCalendar()
SCAN_TIMEOUT = 300  # seconds a scan subprocess may take before the test gives up on it


def _env(db_url: str, tmp_path: Path) -> dict[str, str]:
    """The environment of the command line: this database, a pinned day, no mail server."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("SMTP_", "TRACKER_", "REMINDER_", "ESCALATION_", "COORDINATOR_", "STEERING_"))
        and name not in ("DATABASE_URL", "SECRET_KEY", "APP_BASE_URL")
    }
    env.update(
        DATABASE_URL=db_url,
        TRACKER_INSTANCE_PATH=str(tmp_path / "instance"),
        SECRET_KEY="test-secret",
        TRACKER_TODAY=TODAY.isoformat(),
    )
    return env


def _busiest_day(settings: Settings) -> tuple[date, outbox.ScanResult]:
    """Among the next working days, the one whose dry run flags the most recipients."""
    best: tuple[date, outbox.ScanResult] | None = None
    for n in range(1, 11):
        day = CAL.add_working_days(TODAY, n)
        result = jobs.scan_overdue(settings, today=day, dry_run=True)
        assert result is not None and result.dry_run
        if best is None or len(result.digests) > len(best[1].digests):
            best = (day, result)
    assert best is not None
    return best


def _scan_at_once(env: dict[str, str], day: date, copies: int = 2) -> list[subprocess.CompletedProcess]:
    """Start `copies` scan-overdue processes before waiting for any of them."""
    command = [sys.executable, "-m", "dashapp", "scan-overdue", "--today", day.isoformat()]
    started = [
        subprocess.Popen(command, env=env, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(copies)
    ]
    finished = []
    try:
        for process in started:
            out, err = process.communicate(timeout=SCAN_TIMEOUT)
            finished.append(subprocess.CompletedProcess(command, process.returncode, out, err))
    finally:
        for process in started:
            if process.poll() is None:
                process.kill()
                process.wait()
    return finished


def test_two_scans_at_once_store_each_digest_once(db_url, tmp_path):
    env = _env(db_url, tmp_path)
    settings = Settings.from_env(env)
    assert cmd_seed_demo(settings, build_parser().parse_args(["seed-demo"])) == 0
    day, predicted = _busiest_day(settings)
    assert CAL.is_working_day(day) and day > TODAY
    assert len(predicted.digests) >= 5
    assert len([d for d in predicted.digests if d.agency_id is not None]) >= 3  # several agencies
    expected = {d.recipient: {i.task_id: str(i.kind) for i in d.items} for d in predicted.digests}

    engine = make_engine(db_url)
    try:
        with Session(engine) as session:  # the dry runs wrote nothing
            assert session.exec(select(func.count()).select_from(Notification)).one() == 0
            assert session.exec(select(func.count()).select_from(JobRun)).one() == 0

        results = _scan_at_once(env, day)
        for result in results:
            assert result.returncode == 0, result.stderr[-2000:]
            assert "Quét ngày" in result.stdout
        created = sum(int(m) for r in results for m in re.findall(r"Đã ghi (\d+) thông báo mới", r.stdout))
        assert created == len(expected)  # between them, each digest was created once

        with Session(engine) as session:
            rows = session.exec(select(Notification).order_by(Notification.id)).all()
            keys = Counter((n.recipient, n.kind, n.day) for n in rows)
            assert set(keys.values()) == {1}, keys
            assert len(rows) == len(predicted.digests)
            assert {n.recipient for n in rows} == set(expected)
            assert all((n.kind, n.day, n.seq) == ("digest", day, 0) for n in rows)
            for notification in rows:
                found = session.exec(
                    select(NotificationItem).where(NotificationItem.notification_id == notification.id)
                ).all()
                assert {i.task_id: i.kind for i in found} == expected[notification.recipient], notification.recipient
            assert session.exec(select(func.count()).select_from(NotificationItem)).one() == sum(
                len(kinds) for kinds in expected.values()
            )
            [run] = session.exec(select(JobRun).where(JobRun.job == outbox.SCAN_JOB)).all()
            assert (run.day, run.status, run.runs) == (day, "ok", 2)  # both finished; one row for the day
    finally:
        engine.dispose()


def _urge_at_once(engine: Engine, actors, requests: list[dict], day: date, now: datetime) -> list[object]:
    """Each request in its own thread and session, released together; each one's notification id or error."""
    barrier = threading.Barrier(len(requests))
    outcomes: list[object] = [None] * len(requests)

    def run(index: int) -> None:
        with Session(engine, expire_on_commit=False) as session:
            barrier.wait(timeout=30)
            try:
                notification = outbox.urge(
                    session=session,
                    actor=actors[index],
                    now=now,
                    today=day,
                    calendar=CAL,
                    base_url="https://dx.tuyenquang.example",
                    confirm=False,
                    **requests[index],
                )
                outcomes[index] = notification.id
            except Exception as error:  # kept for the test to look at
                outcomes[index] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(requests))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return outcomes


def test_two_coordinators_urging_one_agency_at_once(engine, session, make):
    plan = make.plan()
    ict = make.agency("sotttt", name="Sở Thông tin và Truyền thông", emails=["sotttt@tuyenquang.example"])
    lead = make.agency("soyte", name="Sở Y tế", emails=["soyte@tuyenquang.example"])
    late = make.task(plan, lead, due_date=CAL.add_working_days(TODAY, -3), status=Status.IN_PROGRESS)
    soon = make.task(plan, lead, due_date=CAL.add_working_days(TODAY, 2), status=Status.NOT_STARTED)
    actors = [
        make.user(Role.COORDINATOR, ict, username="sotttt1"),
        make.user(Role.COORDINATOR, ict, username="sotttt2"),
    ]
    requests = [{"task_id": late.id}, {"agency_id": lead.id}]  # the same agency, by a task and as a whole
    wanted = [{late.id}, {late.id, soon.id}]

    days = [CAL.add_working_days(TODAY, n) for n in range(3)]  # a few rounds, one per day
    for day in days:
        outcomes = _urge_at_once(engine, actors, requests, day, datetime.combine(day, time(10), tzinfo=TZ))
        winners = [i for i, outcome in enumerate(outcomes) if isinstance(outcome, int)]
        losers = [outcome for outcome in outcomes if not isinstance(outcome, int)]
        assert len(winners) == 1, outcomes
        assert len(losers) == 1 and isinstance(losers[0], AlreadyUrged), outcomes
        assert "đã được đôn đốc hôm nay" in str(losers[0])

        session.expire_all()
        [urged] = session.exec(select(Notification).where(Notification.day == day)).all()
        assert (urged.id, urged.recipient, urged.kind, urged.seq) == (outcomes[winners[0]], "soyte", "urge", 0)
        items = session.exec(select(NotificationItem).where(NotificationItem.notification_id == urged.id)).all()
        assert {i.task_id for i in items} == wanted[winners[0]]
        assert {i.kind for i in items} == {"urged"}

    audit = session.exec(select(AuditLog).where(AuditLog.action == "urge")).all()
    assert len(audit) == len(days)  # one per day: the loser left no trace of an urge
    assert session.exec(select(func.count()).select_from(Notification)).one() == len(days)
