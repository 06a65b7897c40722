"""Seed the sample plan (modelled on Tuyên Quang's Plan 55/KH-UBND) relative to the seeding day.

The time frames are laid out around `now` so the plan's span always contains the seeding day, and
every deadline state is present whatever the day: done on time, done late, in progress on time, due
soon, overdue, submitted, not started, ongoing and yearly. The history is built by applying real
workflow transitions on back-dated days, so the audit trail reads as if the year had happened.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlmodel import Session, select

from models import outbox
from models.demo_data import AGENCIES, TASKS, DemoTask
from models.permissions import SYSTEM
from models.plans import count_tasks, ensure_categories
from models.reminders import ReminderPolicy
from models.tables import Agency, Plan, ProgressReport, Recurrence, Status, Task, TaskCoordinator, TaskCycle, User
from models.tasks import record_events
from models.timeframes import parse_time_frame
from models.users import new_user
from models.workdays import WorkCalendar, default_calendar
from models.workflow import Change, apply_transition, set_field

DEMO_PLAN_CODE = "55/KH-UBND"
ROMAN = ("I", "II", "III", "IV")
SAMPLE_NOTE = "Dữ liệu mẫu"


@dataclass(frozen=True)
class SeedResult:
    """What seeding did: whether the plan was created, and how many tasks it holds."""

    created: bool
    plan_id: int
    tasks: int


def _quarter_end(index: int) -> tuple[date, str]:
    """Quarter `index` (year * 4 + quarter - 1): its last day and the plan's phrase for it."""
    year, q = divmod(index, 4)
    end_month = q * 3 + 3
    last = (date(year, end_month % 12 + 1, 1) if end_month < 12 else date(year + 1, 1, 1)) - timedelta(days=1)
    return last, f"Quý {ROMAN[q]}/{year}"


def _month_phrase(day: date) -> str:
    return f"Tháng {day.month}/{day.year}"


def _date_phrase(day: date) -> str:
    return f"{day.day}/{day.month}/{day.year}"


def _time_frame(profile: str, rnd: random.Random, today: date, calendar: WorkCalendar, end_year: int) -> str:
    """A phrase, as plans write them, whose deadline gives the task its intended state today."""
    q_now = today.year * 4 + (today.month - 1) // 3
    if profile in ("done_on_time", "done_late", "cancelled"):
        return _quarter_end(q_now - rnd.randint(2 if profile == "done_late" else 1, 6))[1]
    if profile in ("overdue", "overdue_not_started"):
        if rnd.random() < 0.3:
            month_back = (today.replace(day=1) - timedelta(days=1)).replace(day=1)  # last month
            return _month_phrase(month_back - timedelta(days=31 * rnd.randint(0, 2)))
        return _quarter_end(q_now - rnd.randint(1, 3))[1]
    if profile == "due_soon":
        return _date_phrase(calendar.add_working_days(today, rnd.randint(1, 6)))
    if profile in ("in_progress", "not_started", "submitted"):
        low = 2 if profile == "not_started" else 1
        choice = rnd.random()
        if choice < 0.15 and today.year < end_year:
            return f"Giai đoạn {end_year - 3} - {end_year}"
        if choice < 0.35 and today.year < end_year:
            return f"Năm {end_year}"
        last, phrase = _quarter_end(q_now + rnd.randint(low, low + 2))
        return phrase if last.year <= end_year else f"Năm {end_year}"
    if profile == "ongoing":
        return "Thường xuyên"
    if profile == "yearly":
        return rnd.choice(("Hàng năm", "Trước 15/12 hàng năm"))
    raise ValueError(f"unknown demo profile {profile!r}")


PLAN_FIRST_YEAR = 2022  # the year the texts of models/demo_data.py were written from


def _shift_years(text: str, offset: int) -> str:
    """Move the years a sample text mentions by `offset`, so notes agree with the shifted time frames."""
    if not offset:
        return text
    return re.sub(r"\b(20[2-4]\d)\b", lambda m: str(int(m[1]) + offset), text)


def _at(day: date, now: datetime, hour: int = 9) -> datetime:
    """A back-dated moment on `day` in the tracker's zone, never after `now`."""
    moment = datetime.combine(day, time(hour, 0), tzinfo=now.tzinfo)
    return min(moment, now)


def _between(rnd: random.Random, low: date, high: date) -> date:
    if high <= low:
        return low
    return low + timedelta(days=rnd.randint(0, (high - low).days))


def _upsert_agencies(session: Session) -> dict[str, Agency]:
    existing = {a.code: a for a in session.exec(select(Agency)).all()}
    for demo in AGENCIES:
        if demo.code not in existing:
            agency = Agency(
                code=demo.code,
                name=demo.name,
                short_name=demo.short_name,
                aliases=list(demo.aliases),
                emails=list(demo.emails),
            )
            session.add(agency)
            existing[demo.code] = agency
    session.flush()
    return existing


def _move(session: Session, task: Task, target: str, day: date, now: datetime) -> None:
    changes = apply_transition(task, target, today=day)
    record_events(session, task, changes, actor=SYSTEM, now=_at(day, now), kind="status", note=SAMPLE_NOTE)


def _progress(session: Session, task: Task, value: int, day: date, now: datetime) -> None:
    changes: list[Change] = []
    set_field(task, "progress", value, changes)
    record_events(session, task, changes, actor=SYSTEM, now=_at(day, now, 15), kind="progress", note=SAMPLE_NOTE)


def _play_history(
    session: Session, task: Task, demo: DemoTask, rnd: random.Random, issued: date, now: datetime
) -> None:
    """Apply the transitions that bring the task to its intended state, on plausible past days."""
    today = now.date()
    profile, due = demo.profile, task.due_date
    if profile in ("not_started", "overdue_not_started"):
        return
    if profile == "cancelled":
        _move(session, task, Status.CANCELLED, _between(rnd, issued, today - timedelta(days=30)), now)
        return
    # A submitted task was reported done in the last two weeks, so it started before that.
    latest_start = min(today - timedelta(days=15 if profile == "submitted" else 1), (due or today) - timedelta(days=20))
    start = _between(rnd, max(issued, latest_start - timedelta(days=300)), latest_start)
    _move(session, task, Status.IN_PROGRESS, start, now)
    if profile in ("done_on_time", "done_late", "submitted"):
        if profile == "done_on_time":
            finished = _between(rnd, max(start + timedelta(days=10), due - timedelta(days=60)), due)
        elif profile == "done_late":
            finished = _between(rnd, due + timedelta(days=3), min(due + timedelta(days=60), today - timedelta(days=2)))
        else:
            finished = _between(rnd, today - timedelta(days=12), today - timedelta(days=1))
        _progress(session, task, rnd.choice((40, 50, 60)), _between(rnd, start, finished), now)
        _move(session, task, Status.SUBMITTED, finished, now)
        if profile != "submitted":
            _move(session, task, Status.DONE, min(finished + timedelta(days=rnd.randint(1, 6)), today), now)
        return
    value = {"due_soon": rnd.randrange(60, 95, 5), "ongoing": rnd.randrange(30, 80, 5)}.get(
        profile, rnd.randrange(15, 80, 5)
    )
    _progress(session, task, value, _between(rnd, start, today - timedelta(days=1)), now)


def _close_previous_cycles(session: Session, task: Task, now: datetime) -> None:
    """A yearly task has done earlier cycles: keep them, and roll past this year's if already due."""
    due = task.due_date
    for years_back, late_days in ((2, -12), (1, 9)):  # two years ago on time, last year a little late
        cycle_due = due.replace(year=due.year - years_back)
        session.add(
            TaskCycle(
                task_id=task.id,
                due_date=cycle_due,
                completed_on=cycle_due + timedelta(days=late_days),
                closed_at=_at(cycle_due + timedelta(days=late_days + 2), now),
            )
        )


def add_sample_plan(session: Session, *, code: str, title: str, now: datetime) -> Plan:
    """A sample plan whose span holds the seeding day: issued two years before it, ending a year after.

    `title` may name "{start_year}" and "{end_year}". The plan is added and flushed (it has its id).
    """
    start_year, end_year = now.year - 2, now.year + 1
    plan = Plan(
        code=code,
        title=title.format(start_year=start_year, end_year=end_year),
        province="Tuyên Quang",
        issued_on=date(start_year, 4, 12),
        start_year=start_year,
        end_year=end_year,
        is_sample=True,
        created_at=now,
    )
    session.add(plan)
    session.flush()
    return plan


def seed_demo(*, session: Session, now: datetime, calendar: WorkCalendar | None = None) -> SeedResult:
    """Create the sample plan if it is not there yet (idempotent); `now` is the seeding moment."""
    calendar = calendar or default_calendar()
    today = now.date()
    existing = session.exec(select(Plan).where(Plan.code == DEMO_PLAN_CODE)).first()
    if existing is not None:
        return SeedResult(False, existing.id, count_tasks(session=session, plan_id=existing.id))
    ensure_categories(session=session)
    agencies = _upsert_agencies(session)
    plan = add_sample_plan(
        session,
        code=DEMO_PLAN_CODE,
        title=(
            "Kế hoạch chuyển đổi số tỉnh Tuyên Quang giai đoạn "
            "{start_year} - {end_year} (dữ liệu mẫu, phỏng theo Kế hoạch 55/KH-UBND)"
        ),
        now=now,
    )
    start_year, end_year, issued = plan.start_year, plan.end_year, plan.issued_on
    shift = start_year - PLAN_FIRST_YEAR
    for position, demo in enumerate(TASKS, start=1):
        rnd = random.Random(f"{demo.number}:{demo.profile}")
        phrase = _time_frame(demo.profile, rnd, today, calendar, end_year)
        frame = parse_time_frame(phrase, today=today)
        due = frame.due_date
        if frame.recurrence == Recurrence.YEARLY and due is not None and due < today:
            due = due.replace(year=due.year + 1)  # this year's cycle is over: the next one is open
        task = Task(
            plan_id=plan.id,
            number=demo.number,
            position=position,
            title=_shift_years(demo.title, shift),
            category_code=demo.category,
            lead_agency_id=agencies[demo.lead].id,
            start_date=frame.start_date if frame.start_date and frame.start_date <= today else None,
            due_date=due,
            original_due_date=due,
            time_frame=phrase,
            recurrence=str(frame.recurrence),
            expected_output=demo.output,
            created_at=_at(issued, now),
            updated_at=now,
        )
        session.add(task)
        session.flush()
        session.add_all(TaskCoordinator(task_id=task.id, agency_id=agencies[code].id) for code in demo.coordinators)
        record_events(
            session, task, [Change("title", None, task.title)], actor=SYSTEM, now=task.created_at, kind="created"
        )
        _play_history(session, task, demo, rnd, issued, now)
        if frame.recurrence == Recurrence.YEARLY:
            _close_previous_cycles(session, task, now)
        if demo.note and task.status != Status.NOT_STARTED:
            session.add(
                ProgressReport(
                    task_id=task.id,
                    author_label=agencies[demo.lead].short_name,
                    at=_at(today - timedelta(days=rnd.randint(1, 20)), now, 10),
                    kind="progress",
                    progress=task.progress,
                    body=_shift_years(demo.note, shift),
                )
            )
        task.updated_at = now
    session.commit()
    return SeedResult(True, plan.id, len(TASKS))


def demo_profiles() -> dict[str, str]:
    """Task number → intended profile, for tests that check the seeded states."""
    return {demo.number: demo.profile for demo in TASKS}


# Demo-only accounts (password "demo"), created by seed-demo and never by a production install.
DEMO_PASSWORD = "demo"
DEMO_ACCOUNTS: tuple[tuple[str, str, str, str | None], ...] = (
    ("admin", "Quản trị hệ thống", "admin", None),
    ("sotttt", "Cán bộ Sở Thông tin và Truyền thông", "coordinator", "sotttt"),
    ("soyte", "Cán bộ Sở Y tế", "agency", "soyte"),
    ("bcd", "Thành viên Ban Chỉ đạo chuyển đổi số tỉnh", "viewer", None),
)


def seed_demo_accounts(*, session: Session, now: datetime) -> list[str]:
    """Create the missing demo accounts; returns the usernames created."""
    agencies = {a.code: a.id for a in session.exec(select(Agency)).all()}
    existing = set(session.exec(select(User.username)).all())
    created = []
    for username, full_name, role, agency_code in DEMO_ACCOUNTS:
        if username in existing:
            continue
        new_user(
            session,
            username=username,
            full_name=full_name,
            role=role,
            agency_id=agencies.get(agency_code) if agency_code else None,
            password=DEMO_PASSWORD,
            now=now,
        )
        created.append(username)
    session.commit()
    return created


def seed_reminder_history(
    *,
    session: Session,
    now: datetime,
    at: time,
    calendar: WorkCalendar,
    policy: ReminderPolicy,
    base_url: str,
    working_days: int = 10,
) -> int:
    """The daily reminder scans of the `working_days` working days before `now`, oldest first, as the
    scheduler would have run them at `at` each morning (days already scanned are skipped), so that a
    freshly seeded demo has notifications to show. Returns how many notifications were created."""
    days: list[date] = []
    day = now.date()
    while len(days) < working_days:
        day -= timedelta(days=1)
        if calendar.is_working_day(day):
            days.append(day)
    created = 0
    for day in reversed(days):
        if outbox.has_run(session=session, job=outbox.SCAN_JOB, day=day):
            continue
        result = outbox.scan_overdue(
            session=session,
            today=day,
            now=datetime.combine(day, at, tzinfo=now.tzinfo),
            calendar=calendar,
            policy=policy,
            base_url=base_url,
        )
        created += result.created
    return created
