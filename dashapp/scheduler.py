"""The scheduler (APScheduler 3.11): the daily scan at REMINDER_TIME in TRACKER_TIMEZONE, and the sender.

Production runs exactly one `python -m dashapp scheduler` process; `python -m dashapp run` (and so
`make run`) runs the same scheduler in a thread of the single dev process. A second scheduler by
accident sends nothing twice: the scan skips a day whose JobRun exists, and the outbox's unique key
refuses duplicates anyway.

The cron trigger fires every day; the job does nothing on days off (the Vietnamese calendar knows the
public holidays and the Saturdays worked in exchange, which a mon-fri trigger would not). A start after
the reminder time on a working day whose scan has not run catches up at once, and the scan itself
covers working days missed since the last run.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.schedulers.blocking import BlockingScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from sqlalchemy.engine import Engine

from dashapp import clock
from dashapp.jobs import JOBS
from dashapp.settings import Settings
from models import outbox
from models.database import open_session
from models.workdays import default_calendar

log = logging.getLogger("tracker.scheduler")
MISFIRE_GRACE_SECONDS = 6 * 3600  # a scheduler busy or suspended at 07:30 still runs the day's scan


def triggers(settings: Settings) -> dict[str, object]:
    """The trigger of each schedule kind, in the tracker's time zone."""
    tz = ZoneInfo(settings.timezone)
    hour, minute = settings.reminder_clock()
    return {
        "daily": CronTrigger(hour=hour, minute=minute, timezone=tz),
        "every-minute": IntervalTrigger(minutes=1, timezone=tz),
    }


def build_scheduler(
    settings: Settings, engine: Engine | None = None, *, blocking: bool = False, executors: dict | None = None
) -> BaseScheduler:
    """A scheduler with every job of dashapp.jobs.JOBS (explicit ids, coalesced, hours of grace)."""
    kind = BlockingScheduler if blocking else BackgroundScheduler
    scheduler = kind(
        timezone=ZoneInfo(settings.timezone),
        job_defaults={"coalesce": True, "misfire_grace_time": MISFIRE_GRACE_SECONDS, "max_instances": 1},
        **({"executors": executors} if executors else {}),
    )
    by_kind = triggers(settings)
    for job in JOBS:
        scheduler.add_job(
            job.func,
            by_kind[job.schedule],
            id=job.id,
            name=job.description,
            kwargs={"settings": settings, "engine": engine},
            replace_existing=True,
        )
    return scheduler


def scan_due_now(settings: Settings, engine: Engine, now: datetime | None = None) -> bool:
    """True when today's scan should have run by now and has not (a start after a down time)."""
    now = (now or clock.now(settings)).astimezone(ZoneInfo(settings.timezone))
    hour, minute = settings.reminder_clock()
    if (now.hour, now.minute) < (hour, minute) or not default_calendar().is_working_day(now.date()):
        return False
    with open_session(engine) as session:
        return not outbox.has_run(session=session, job=outbox.SCAN_JOB, day=now.date())


def start(settings: Settings, engine: Engine, *, blocking: bool = False) -> BaseScheduler:
    """Build, catch up a missed scan, and start (a blocking scheduler returns when stopped)."""
    scheduler = build_scheduler(settings, engine, blocking=blocking)
    if scan_due_now(settings, engine):
        log.info("today's scan has not run yet: running it now")
        scheduler.add_job(
            "dashapp.jobs:scan_overdue",
            "date",
            run_date=datetime.now(ZoneInfo(settings.timezone)) + timedelta(seconds=1),
            id="scan_overdue_catch_up",
            kwargs={"settings": settings, "engine": engine},
            replace_existing=True,
        )
    for job in scheduler.get_jobs():
        log.info("job %s: %s", job.id, job.trigger)
    scheduler.start()
    return scheduler
