"""Job bodies, thin: read the clock, open a session, call `models`, log. Listed in one table, JOBS.

The scheduler (dashapp.scheduler) runs them by their text reference; the command line runs them once
(`scan-overdue`, `send-notifications`, `scheduler --run-once`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date

from sqlalchemy.engine import Engine

from dashapp import clock
from dashapp.mailer import SmtpMailer
from dashapp.settings import Settings
from models import outbox
from models.database import make_engine, open_session
from models.digest import Outgoing
from models.workdays import WorkCalendar, default_calendar

log = logging.getLogger("tracker.jobs")


@contextmanager
def _engine(settings: Settings, engine: Engine | None) -> Iterator[Engine]:
    """The given engine, or one of our own for a single run (disposed after)."""
    if engine is not None:
        yield engine
        return
    own = make_engine(settings.database_url)
    try:
        yield own
    finally:
        own.dispose()


def scan_overdue(
    settings: Settings,
    engine: Engine | None = None,
    *,
    today: date | None = None,
    dry_run: bool = False,
    force: bool = False,
    calendar: WorkCalendar | None = None,
) -> outbox.ScanResult | None:
    """The daily scan: flag due-soon and overdue tasks into the outbox, then send what is pending.

    Scheduled runs (force=False) do nothing when the day's scan already ran (a second scheduler, a
    restart); a manual run scans again, which adds nothing that exists.
    """
    now = clock.now(settings)
    today = today or now.date()
    calendar = calendar or default_calendar()
    with _engine(settings, engine) as bound, open_session(bound) as session:
        if not force and not dry_run and outbox.has_run(session=session, job=outbox.SCAN_JOB, day=today):
            log.info("scan of %s already done; nothing to do", today)
            return None
        result = outbox.scan_overdue(
            session=session,
            today=today,
            now=now,
            calendar=calendar,
            policy=settings.reminder_policy(),
            base_url=settings.app_base_url,
            dry_run=dry_run,
        )
        log.info(
            "scan of %s (%s): %d digests, %d new",
            today,
            ", ".join(map(str, result.days)),
            len(result.digests),
            result.created,
        )
    if not dry_run and result.created:
        result.delivery = send_notifications(settings, engine)
    return result


def mail_sender(settings: Settings) -> Callable[[Outgoing], None]:
    """The function that sends one e-mail with these settings."""
    return SmtpMailer(settings)


def send_notifications(
    settings: Settings, engine: Engine | None = None, *, only: list[int] | None = None
) -> outbox.DeliveryReport | None:
    """Deliver the pending e-mails of the outbox (None when no SMTP server is configured)."""
    if not settings.smtp_configured:
        log.info("SMTP_HOST is not set: e-mails stay pending")
        return None
    now = clock.now(settings)
    with _engine(settings, engine) as bound, open_session(bound) as session:
        report = outbox.deliver(session=session, now=now, send=mail_sender(settings), only=only)
        if report.sent or report.retried or report.failed:
            detail = f"sent {report.sent}, retry {report.retried}, failed {report.failed}"
            outbox.record_run(
                session=session, job=outbox.SEND_JOB, day=now.date(), started=now, now=clock.now(settings),
                status="ok" if not report.errors else "failed", detail=detail,
            )  # fmt: skip
            session.commit()
            log.info("outbox: %s", detail)
    return report


@dataclass(frozen=True)
class JobSpec:
    """A scheduled job: its id, the function by text reference, and when it runs."""

    id: str
    func: str
    schedule: str  # "daily" at REMINDER_TIME, or "every-minute"
    description: str


JOBS = (
    JobSpec(outbox.SCAN_JOB, "dashapp.jobs:scan_overdue", "daily", "flag due-soon and overdue tasks (working days)"),
    JobSpec(outbox.SEND_JOB, "dashapp.jobs:send_notifications", "every-minute", "deliver the outbox's e-mails"),
)
