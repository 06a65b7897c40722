"""The daily scan decides per distinct deadline in SQL; it must flag exactly what the per-task policy
flags, on both databases, for a synthetic plan with every state and deadlines spread over two years."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import select

from models import outbox
from models.reminders import ReminderPolicy, catch_up_days, reminder_over
from models.synthetic import seed_synthetic
from models.tables import STEERING_RECIPIENT, Agency, Task
from models.workdays import WorkCalendar
from tests.conftest import NOW

CALENDAR = WorkCalendar()
POLICY = ReminderPolicy()
# A Monday (weekly escalations), the Tuesday after 30/4–1/5, and an ordinary Wednesday.
DAYS = (date(2026, 6, 15), date(2026, 5, 4), date(2026, 6, 17))


def brute_force(session, days) -> dict[tuple[str, int], str]:
    """What the per-task policy flags: (recipient, task id) -> item kind."""
    codes = {a.id: a.code for a in session.exec(select(Agency)).all()}
    expected: dict[tuple[str, int], str] = {}
    for task in session.exec(select(Task)).all():
        reminder = reminder_over(task, days, calendar=CALENDAR, policy=POLICY)
        if reminder.lead is not None:
            expected[(codes[task.lead_agency_id], task.id)] = str(reminder.lead)
        if reminder.escalation is not None:
            expected[(POLICY.coordinator_agency, task.id)] = str(reminder.escalation)
            expected[(STEERING_RECIPIENT, task.id)] = str(reminder.escalation)
    return expected


def scanned(session, today, days) -> dict[tuple[str, int], str]:
    digests = outbox.plan_digests(session=session, today=today, days=days, calendar=CALENDAR, policy=POLICY)
    assert len({d.recipient for d in digests}) == len(digests)  # one digest per recipient
    return {(d.recipient, item.task_id): str(item.kind) for d in digests for item in d.items}


@pytest.fixture
def synthetic(session):
    seed_synthetic(session=session, n=1500, seed=7, now=NOW)
    session.commit()
    return session


@pytest.mark.parametrize("today", DAYS, ids=str)
def test_scan_flags_what_the_per_task_policy_flags(synthetic, today):
    days = catch_up_days(today, today - timedelta(days=12), calendar=CALENDAR)
    expected = brute_force(synthetic, days)
    assert expected, "the synthetic plan must put tasks on thresholds"
    assert scanned(synthetic, today, days) == expected


def test_many_flagged_deadlines_are_fetched_in_chunks(synthetic, monkeypatch):
    today = DAYS[0]
    days = catch_up_days(today, today - timedelta(days=14), calendar=CALENDAR)
    flagged = outbox.flagged_deadlines(session=synthetic, days=days, calendar=CALENDAR, policy=POLICY)
    assert len(flagged) > 3
    monkeypatch.setattr(outbox, "DEADLINES_PER_QUERY", 2)
    assert scanned(synthetic, today, days) == brute_force(synthetic, days)


def test_flagged_deadlines_never_name_a_deadline_of_closed_work_only(synthetic):
    days = [DAYS[2]]
    flagged = outbox.flagged_deadlines(session=synthetic, days=days, calendar=CALENDAR, policy=POLICY)
    open_deadlines = {
        t.due_date for t in synthetic.exec(select(Task)).all() if t.status in ("not_started", "in_progress")
    }
    assert set(flagged) <= open_deadlines
