"""The scheduler: which jobs, when they fire (REMINDER_TIME in the tracker's zone), and what a firing writes.

The clock is driven with time-machine (it patches datetime.now at the C level, so APScheduler reads the
travelled time too); nothing here sleeps. Jobs run synchronously in the test's thread (DebugExecutor).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, EVENT_JOB_MISSED, JobExecutionEvent
from apscheduler.executors.debug import DebugExecutor
from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from dashapp import jobs
from dashapp.scheduler import build_scheduler, scan_due_now, triggers
from dashapp.settings import Settings
from models.outbox import SCAN_JOB, SEND_JOB
from models.tables import JobRun, Notification, NotificationItem

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DAY = date(2026, 6, 16)  # a Tuesday in an ordinary working week


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def settings_for(db_url: str, tmp_path, **env: str) -> Settings:
    """Settings on the test's database, without TRACKER_TODAY: the (travelled) clock decides the day."""
    values = {"DATABASE_URL": db_url, "TRACKER_INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "test-secret"}
    values.update(env)
    settings = Settings.from_env(values)
    assert settings.today is None
    return settings


class DrivenScheduler:
    """A real scheduler from build_scheduler whose due jobs run only when the test says so.

    This is the one place that touches APScheduler's privates (stable across 3.x): the background
    thread's loop is replaced by a no-op so that the test's thread is the only one processing jobs (no
    race, no sleep), and `run_due_jobs` calls the scheduler's own processing pass, `_process_jobs`, which
    reads datetime.now(scheduler.timezone), i.e. the time-machine clock, and hands every due job to the
    DebugExecutor, which runs it right here.
    """

    def __init__(self, settings: Settings, engine: Engine | None) -> None:
        self.scheduler = build_scheduler(settings, engine, executors={"default": DebugExecutor()})
        assert isinstance(self.scheduler, BackgroundScheduler)
        self.scheduler._main_loop = lambda: None  # private: no processing thread of its own
        self.events: list[JobExecutionEvent] = []
        self.scheduler.add_listener(self.events.append, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR | EVENT_JOB_MISSED)

    def run_due_jobs(self) -> list[JobExecutionEvent]:
        """Process the jobs due at the current (travelled) time; the events of this pass."""
        before = len(self.events)
        self.scheduler._process_jobs()  # private: APScheduler's processing pass, synchronous here
        new = self.events[before:]
        errors = [e for e in new if e.exception is not None]
        assert not errors, errors[0].traceback
        return new


@contextmanager
def driven_scheduler(settings: Settings, engine: Engine | None) -> Iterator[DrivenScheduler]:
    """Start a DrivenScheduler at the current (travelled) time; always shut it down."""
    driven = DrivenScheduler(settings, engine)
    driven.scheduler.start()
    try:
        yield driven
    finally:
        driven.scheduler.shutdown(wait=False)


def executed(events: list[JobExecutionEvent], job_id: str) -> list[JobExecutionEvent]:
    return [e for e in events if e.job_id == job_id and e.code == EVENT_JOB_EXECUTED]


def count(engine: Engine, model, *where) -> int:
    with Session(engine) as s:
        return s.exec(select(func.count()).select_from(model).where(*where)).one()


def scan_runs(engine: Engine) -> list[tuple[date, str, int]]:
    with Session(engine) as s:
        rows = s.exec(select(JobRun).where(JobRun.job == SCAN_JOB).order_by(JobRun.day)).all()
        return [(r.day, r.status, r.runs) for r in rows]


def recipients(engine: Engine, day: date) -> set[str]:
    with Session(engine) as s:
        return set(s.exec(select(Notification.recipient).where(Notification.day == day)).all())


@pytest.fixture
def world(make):
    """Two agencies with work to flag on DAY: one task newly overdue, one due on the next working day."""
    plan = make.plan()
    late = make.agency("soyte", name="Sở Y tế", emails=["soyte@tuyenquang.example"])
    soon = make.agency("sotc", name="Sở Tài chính", emails=["sotc@tuyenquang.example"])
    make.agency("sonv", name="Sở Nội vụ", emails=["sonv@tuyenquang.example"])  # nothing to flag
    due_monday, due_wednesday = date(2026, 6, 15), date(2026, 6, 17)
    make.task(plan, late, due_date=due_monday, original_due_date=due_monday)
    make.task(plan, soon, due_date=due_wednesday, original_due_date=due_wednesday)
    make.session.commit()
    return {"soyte", "sotc"}


# ------------------------------------------------------------------------------------ the jobs and triggers
def test_the_jobs_have_explicit_ids_text_references_and_hours_of_grace(tmp_path):
    settings = settings_for("sqlite://", tmp_path)
    with driven_scheduler(settings, None) as driven:
        scheduler = driven.scheduler
        assert scheduler.timezone == TZ
        jobs_by_id = {job.id: job for job in scheduler.get_jobs()}
        assert set(jobs_by_id) == {"scan_overdue", "send_notifications"} == {SCAN_JOB, SEND_JOB}
        scan, send = jobs_by_id["scan_overdue"], jobs_by_id["send_notifications"]
        assert scan.func_ref == "dashapp.jobs:scan_overdue" and scan.func is jobs.scan_overdue
        assert send.func_ref == "dashapp.jobs:send_notifications" and send.func is jobs.send_notifications
        for job in (scan, send):
            assert job.coalesce is True
            assert job.misfire_grace_time >= 3 * 3600  # hours, not APScheduler's default of one second
            assert job.max_instances == 1
            assert job.kwargs == {"settings": settings, "engine": None}
        assert isinstance(scan.trigger, CronTrigger) and scan.trigger.timezone == TZ
        assert isinstance(send.trigger, IntervalTrigger) and send.trigger.interval == timedelta(minutes=1)


def test_the_scheduler_follows_tracker_timezone(tmp_path):
    settings = settings_for("sqlite://", tmp_path, TRACKER_TIMEZONE="Asia/Tokyo")
    scheduler = build_scheduler(settings)
    assert scheduler.timezone == ZoneInfo("Asia/Tokyo")
    daily = triggers(settings)["daily"]
    fire = daily.get_next_fire_time(None, datetime(2026, 6, 16, 6, 0, tzinfo=ZoneInfo("Asia/Tokyo")))
    assert fire == datetime(2026, 6, 16, 7, 30, tzinfo=ZoneInfo("Asia/Tokyo"))
    assert fire.astimezone(UTC) == datetime(2026, 6, 15, 22, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("env", "now", "expected"),
    [
        ({}, local(DAY, 6, 0), local(DAY, 7, 30)),
        ({}, local(DAY, 7, 30), local(DAY, 7, 30)),
        ({}, local(DAY, 7, 31), local(DAY + timedelta(days=1), 7, 30)),
        ({}, local(date(2026, 6, 19), 8, 0), local(date(2026, 6, 20), 7, 30)),  # Saturday too: the job decides
        ({"REMINDER_TIME": "08:15"}, local(DAY, 8, 0), local(DAY, 8, 15)),
        ({"REMINDER_TIME": "08:15"}, local(DAY, 8, 16), local(DAY + timedelta(days=1), 8, 15)),
        # `now` given in UTC: 23:00Z on the 15th is 06:00 on the 16th in Vietnam
        ({}, datetime(2026, 6, 15, 23, 0, tzinfo=UTC), local(DAY, 7, 30)),
    ],
    ids=["06:00", "07:30", "07:31", "friday-08:00", "08:15-at-08:00", "08:15-at-08:16", "23:00Z"],
)
def test_the_daily_trigger_fires_at_reminder_time_local(tmp_path, env, now, expected):
    trigger = triggers(settings_for("sqlite://", tmp_path, **env))["daily"]
    fire = trigger.get_next_fire_time(None, now)
    assert fire == expected
    assert fire.utcoffset() == timedelta(hours=7)


def test_reminder_time_in_vietnam_is_half_past_midnight_utc(tmp_path):
    settings = settings_for("sqlite://", tmp_path, TRACKER_TIMEZONE="Asia/Ho_Chi_Minh")
    fire = triggers(settings)["daily"].get_next_fire_time(None, local(DAY, 6, 0))
    assert fire.astimezone(UTC) == datetime(2026, 6, 16, 0, 30, tzinfo=UTC)


# ------------------------------------------------------------------------------------ firing, clock driven
@pytest.mark.parametrize(("reminder", "hour", "minute"), [("07:30", 7, 30), ("06:00", 6, 0)])
def test_the_scheduler_fires_the_scan_at_the_configured_local_time(
    db_url, engine, world, tmp_path, reminder, hour, minute
):
    """Drive the clock, do not sleep: nothing a minute before, the day's run and notifications at the time.

    06:00 in Vietnam is 23:00 UTC the day before: the run still belongs to the local day.
    """
    settings = settings_for(db_url, tmp_path, REMINDER_TIME=reminder)
    at = local(DAY, hour, minute)
    with (
        time_machine.travel(at - timedelta(minutes=1), tick=False) as traveller,
        driven_scheduler(settings, engine) as driven,
    ):
        assert driven.scheduler.get_job(SCAN_JOB).next_run_time == at
        assert executed(driven.run_due_jobs(), SCAN_JOB) == []
        assert scan_runs(engine) == [] and count(engine, Notification) == 0

        traveller.move_to(at)
        fired = executed(driven.run_due_jobs(), SCAN_JOB)
        assert [e.scheduled_run_time for e in fired] == [at]
        assert fired[0].retval.created == 2
        assert scan_runs(engine) == [(DAY, "ok", 1)]
        assert recipients(engine, DAY) == world
        assert count(engine, Notification) == 2 and count(engine, NotificationItem) == 2
        assert driven.scheduler.get_job(SCAN_JOB).next_run_time == at + timedelta(days=1)


def test_a_scheduler_suspended_at_reminder_time_still_runs_the_scan_within_the_grace(db_url, engine, world, tmp_path):
    settings = settings_for(db_url, tmp_path)
    with (
        time_machine.travel(local(DAY, 7, 29), tick=False) as traveller,
        driven_scheduler(settings, engine) as driven,
    ):
        traveller.move_to(local(DAY, 9, 45))  # asleep at 07:30, awake two hours later
        fired = executed(driven.run_due_jobs(), SCAN_JOB)
        assert [e.scheduled_run_time for e in fired] == [local(DAY, 7, 30)]
        assert scan_runs(engine) == [(DAY, "ok", 1)] and count(engine, Notification) == 2


@pytest.mark.parametrize(
    ("day_off", "next_working_day"),
    [(date(2026, 6, 20), date(2026, 6, 22)), (date(2026, 9, 2), date(2026, 9, 3))],
    ids=["saturday", "national-day"],
)
def test_on_a_day_off_the_scan_fires_but_writes_nothing(db_url, engine, make, tmp_path, day_off, next_working_day):
    """The cron trigger fires every day; on a day off the job writes no run and no notification.

    The task due on the next working day would be "due in 1 working day" if the day off were taken for a
    working day; the one due the working day after is flagged on the next working day (the control).
    """
    plan = make.plan()
    agency = make.agency("soyte", name="Sở Y tế", emails=["soyte@tuyenquang.example"])
    after = next_working_day + timedelta(days=1)
    make.task(plan, agency, number="1", due_date=next_working_day, original_due_date=next_working_day)
    make.task(plan, agency, number="2", due_date=after, original_due_date=after)
    settings = settings_for(db_url, tmp_path)
    with (
        time_machine.travel(local(day_off, 7, 29), tick=False) as traveller,
        driven_scheduler(settings, engine) as driven,
    ):
        traveller.move_to(local(day_off, 7, 30))
        fired = executed(driven.run_due_jobs(), SCAN_JOB)
        assert len(fired) == 1 and fired[0].retval.working_day is False
        assert scan_runs(engine) == [] and count(engine, Notification) == 0

        traveller.move_to(local(next_working_day, 7, 30))
        fired = executed(driven.run_due_jobs(), SCAN_JOB)
        assert len(fired) == 1 and fired[0].retval.created == 1
        assert scan_runs(engine) == [(next_working_day, "ok", 1)]
        with Session(engine) as s:
            items = s.exec(select(NotificationItem)).all()
            assert [(i.due_date, i.kind) for i in items] == [(after, "due_soon")]


def test_a_second_scheduler_the_same_day_writes_nothing_new(db_url, engine, world, tmp_path):
    settings = settings_for(db_url, tmp_path)
    with (
        time_machine.travel(local(DAY, 7, 29), tick=False) as traveller,
        driven_scheduler(settings, engine) as first,
        driven_scheduler(settings, engine) as second,
    ):
        traveller.move_to(local(DAY, 7, 30))
        assert executed(first.run_due_jobs(), SCAN_JOB)[0].retval.created == 2
        notifications, items = count(engine, Notification), count(engine, NotificationItem)
        assert notifications == 2

        traveller.move_to(local(DAY, 7, 31))
        fired = executed(second.run_due_jobs(), SCAN_JOB)
        assert len(fired) == 1 and fired[0].retval is None  # the has_run guard: nothing done
        assert count(engine, Notification) == notifications
        assert count(engine, NotificationItem) == items
        assert scan_runs(engine) == [(DAY, "ok", 1)]  # not even counted as a second run


# ------------------------------------------------------------------------------------ catching up on start
def test_scan_due_now_before_after_done_and_on_days_off(db_url, engine, world, tmp_path):
    settings = settings_for(db_url, tmp_path)
    assert scan_due_now(settings, engine, local(DAY, 7, 29)) is False
    assert scan_due_now(settings, engine, local(DAY, 7, 30)) is True
    assert scan_due_now(settings, engine, local(DAY, 16, 45)) is True
    assert scan_due_now(settings, engine, local(date(2026, 6, 20), 10, 0)) is False  # Saturday
    assert scan_due_now(settings, engine, local(date(2026, 9, 2), 10, 0)) is False  # National Day

    assert jobs.scan_overdue(settings, engine, today=DAY).created == 2
    assert scan_due_now(settings, engine, local(DAY, 10, 0)) is False
    assert scan_due_now(settings, engine, local(DAY + timedelta(days=1), 10, 0)) is True  # another day


def test_scan_due_now_reads_the_tracker_clock(db_url, engine, tmp_path):
    settings = settings_for(db_url, tmp_path)
    with time_machine.travel(local(DAY, 7, 0), tick=False) as traveller:
        assert scan_due_now(settings, engine) is False
        traveller.move_to(datetime(2026, 6, 16, 1, 0, tzinfo=UTC))  # 08:00 in Vietnam
        assert scan_due_now(settings, engine) is True
