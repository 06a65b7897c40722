"""A reproducible synthetic plan of N tasks (1 to 200,000), for load tests and board tests.

`seed_synthetic(session=..., n=..., seed=..., now=...)` creates the plan ``SYN-<N>-<S>`` (a sample,
``is_sample``) beside any other plan, with the demo agencies (added through the demo's own upsert when
missing). Its tasks are numbered 1..N in plan order, split over the six categories in the proportions
of Plan 55/KH-UBND (4/17/13/32/40/3 of 109), titled after the sample plan's tasks with a district and a
round that make every title distinct, led and coordinated by demo agencies, with time frames phrased
the way plans write them (read back with `parse_time_frame`, so the stored deadlines agree) and the
sample plan's mix of states laid out around `now`: done on time or late, in progress on time, due
soon, overdue, submitted, not started, ongoing, yearly and a few cancelled, every one present from
N = 11 on. The same N and seed give the same titles, agencies and states (and, on the same day, the same
dates); seeding it again creates nothing.

On purpose this BYPASSES THE WORKFLOW: it is bulk test data, written like an import of historical
state. Rows go in through SQLAlchemy Core bulk inserts (in batches of `BATCH_SIZE`) instead of one ORM
object and one `apply_transition` at a time, so 10,000 tasks take seconds. Status, progress and the
date stamps are written directly, consistent with what the transitions would have left (a started
task has its start date, a submitted one its submission date and 100%, a done one its completion date
— the day it was submitted, never after today — and 100%); `version` is set to 1 explicitly since Core
inserts skip the ORM's version counter; and each task gets exactly one "created" audit event, not the
status history the sample plan plays back.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from sqlalchemy import insert, text
from sqlmodel import Session, select

from models.audit import actor_label
from models.demo import SeedResult, _upsert_agencies, add_sample_plan
from models.demo_data import AGENCIES, TASKS, DemoTask
from models.permissions import SYSTEM
from models.plans import count_tasks, ensure_categories
from models.tables import CATEGORY_CODES, Plan, Recurrence, Status, Task, TaskCoordinator, TaskEvent, task_search_text
from models.timeframes import TimeFrame, parse_time_frame
from models.workdays import WorkCalendar, default_calendar

MIN_TASKS, MAX_TASKS = 1, 200_000
DEFAULT_SEED = 55
BATCH_SIZE = 2_000
ROMAN = ("I", "II", "III", "IV")
CREATED_NOTE = "Dữ liệu tổng hợp để thử tải: nạp trực tiếp trạng thái, không qua quy trình"

# The plan's proportions by category, and the sample plan's mix of states (task counts of 109).
CATEGORY_WEIGHTS: dict[str, int] = {code: sum(1 for t in TASKS if t.category == code) for code in CATEGORY_CODES}
PROFILE_WEIGHTS: dict[str, int] = dict(Counter(t.profile for t in TASKS))

# The districts (UBND huyện / thành phố among the demo agencies) that make the titles distinct.
DISTRICTS: tuple[tuple[str, str], ...] = tuple(
    (a.code, a.name.removeprefix("Ủy ban nhân dân ")) for a in AGENCIES if a.code.startswith("ubnd")
)
_COORDINATOR_COUNTS = ((0, 20), (1, 35), (2, 30), (3, 15))  # how many coordinators, and how often


def plan_code(n: int, seed: int) -> str:
    """The synthetic plan's code: SYN-<N>-<S>."""
    return f"SYN-{n}-{seed}"


def plan_title(n: int) -> str:
    """The synthetic plan's title."""
    return f"Kế hoạch tổng hợp {n} nhiệm vụ (dữ liệu thử nghiệm)"


def apportion(total: int, weights: dict[str, int], minimum: int = 0) -> dict[str, int]:
    """Split `total` in proportion to `weights` (largest remainders), summing exactly to `total`.

    When `total` allows it, every key gets at least `minimum`, taken from the largest shares.
    """
    whole = sum(weights.values())
    counts = {key: total * w // whole for key, w in weights.items()}
    order = sorted(weights, key=lambda key: -(total * weights[key] % whole))  # stable: ties keep their order
    for key in order[: total - sum(counts.values())]:
        counts[key] += 1
    if total >= minimum * len(weights):
        for key in weights:
            while counts[key] < minimum:
                donor = max(counts, key=counts.get)
                counts[donor] -= 1
                counts[key] += 1
    return counts


def _month_end(year: int, month: int) -> date:
    return (date(year + month // 12, month % 12 + 1, 1)) - timedelta(days=1)


def _quarter_phrase(index: int) -> tuple[date, str]:
    """Quarter `index` (year * 4 + quarter - 1): its last day and the plan's phrase for it."""
    year, q = divmod(index, 4)
    return _month_end(year, q * 3 + 3), f"Quý {ROMAN[q]}/{year}"


def _month_phrase(today: date, months_ahead: int) -> str:
    """'Tháng m/yyyy' for the month `months_ahead` from today's (negative: in the past)."""
    year, month0 = divmod(today.year * 12 + today.month - 1 + months_ahead, 12)
    return f"Tháng {month0 + 1}/{year}"


def _time_frame(profile: str, rnd: random.Random, today: date, calendar: WorkCalendar, end_year: int) -> str:
    """A phrase, as plans write them, whose deadline gives a task of `profile` its state today."""
    q_now = today.year * 4 + (today.month - 1) // 3
    pick = rnd.random()
    if profile in ("done_on_time", "cancelled"):  # a deadline already past
        return (
            _month_phrase(today, -rnd.randint(1, 12)) if pick < 0.3 else _quarter_phrase(q_now - rnd.randint(1, 6))[1]
        )
    if profile == "done_late":  # long enough ago to have been finished late, before today
        return (
            _month_phrase(today, -rnd.randint(3, 12)) if pick < 0.3 else _quarter_phrase(q_now - rnd.randint(2, 6))[1]
        )
    if profile in ("overdue", "overdue_not_started"):
        if pick < 0.3:
            return _month_phrase(today, -rnd.randint(1, 3))
        if pick < 0.45:
            day = today - timedelta(days=rnd.randint(3, 60))
            return f"{day.day}/{day.month}/{day.year}"
        return _quarter_phrase(q_now - rnd.randint(1, 3))[1]
    if profile == "due_soon":  # 1 to 6 working days ahead
        day = calendar.add_working_days(today, rnd.randint(1, 6))
        return f"{day.day}/{day.month}/{day.year}"
    if profile in ("in_progress", "submitted", "not_started"):  # at least a quarter ahead
        if pick < 0.12:
            return f"Giai đoạn {end_year - 3} - {end_year}"
        if pick < 0.3:
            return f"Năm {end_year}"
        if pick < 0.45:
            return _month_phrase(today, rnd.randint(4, 12))
        low = 2 if profile == "not_started" else 1
        last, phrase = _quarter_phrase(q_now + rnd.randint(low, low + 2))
        return phrase if last.year <= end_year else f"Năm {end_year}"
    if profile == "ongoing":
        return "Thường xuyên" if pick < 0.85 else "Hàng năm, thường xuyên"
    if profile == "yearly":
        return rnd.choice(("Hàng năm", "Trước 15/12 hàng năm", "Trước 30/6 hàng năm", "Trước 31/3 hàng năm"))
    raise ValueError(f"unknown profile {profile!r}")


def _between(rnd: random.Random, low: date, high: date) -> date:
    return low if high <= low else low + timedelta(days=rnd.randint(0, (high - low).days))


def _state(profile: str, rnd: random.Random, due: date | None, issued: date, today: date) -> dict[str, Any]:
    """Status, progress and date stamps as the workflow would have left them for `profile`."""
    stamps: dict[str, Any] = {"status": Status.NOT_STARTED, "progress": 0, "submitted_on": None, "completed_on": None}
    if profile in ("not_started", "overdue_not_started"):
        return stamps
    if profile == "yearly" and rnd.random() < 0.25:  # this cycle not begun yet
        return stamps
    if profile == "cancelled" and rnd.random() < 0.5:  # stopped before it began
        return {**stamps, "status": Status.CANCELLED}
    # A submitted task was reported done in the last two weeks, so it started before that.
    latest = min(today - timedelta(days=15 if profile == "submitted" else 1), (due or today) - timedelta(days=20))
    started = _between(rnd, max(issued, latest - timedelta(days=300)), latest)
    stamps.update(status=Status.IN_PROGRESS, started=started)
    if profile in ("done_on_time", "done_late", "submitted"):
        if profile == "done_on_time":
            finished = _between(rnd, max(started + timedelta(days=10), due - timedelta(days=60)), due)
        elif profile == "done_late":
            finished = _between(rnd, due + timedelta(days=3), min(due + timedelta(days=60), today - timedelta(days=2)))
        else:
            finished = _between(rnd, today - timedelta(days=12), today - timedelta(days=1))
        stamps.update(status=Status.SUBMITTED, progress=100, submitted_on=finished)
        if profile != "submitted":  # confirmed: completed on the day it was submitted
            stamps.update(status=Status.DONE, completed_on=finished)
        return stamps
    low, high = {"due_soon": (60, 95), "overdue": (20, 90), "ongoing": (30, 80), "cancelled": (10, 50)}.get(
        profile, (15, 80)
    )
    stamps.update(progress=rnd.randrange(low, high + 1, 5))
    if profile == "cancelled":
        stamps["status"] = Status.CANCELLED
    return stamps


def _titles(category: str, count: int, rnd: random.Random) -> Iterator[tuple[DemoTask, str, str]]:
    """`count` (base task, district agency code, distinct title) for one category.

    Each round uses every (sample title, district) pair once, in a shuffled order.
    """
    bases = [t for t in TASKS if t.category == category]
    pairs = [(base, district) for base in bases for district in DISTRICTS]
    made, round_no = 0, 0
    while made < count:
        round_no += 1
        order = pairs[:]
        rnd.shuffle(order)
        for base, (district_code, district_name) in order[: count - made]:
            yield base, district_code, f"{base.title} — địa bàn {district_name} (đợt {round_no})"
        made += min(len(order), count - made)


def _coordinators(rnd: random.Random, base: DemoTask, lead: str, district: str, codes: Sequence[str]) -> list[str]:
    """0 to 3 coordinating agencies: the district's UBND first, then the sample task's, then any."""
    wanted = rnd.choices([c for c, _ in _COORDINATOR_COUNTS], weights=[w for _, w in _COORDINATOR_COUNTS])[0]
    chosen: list[str] = []
    for code in (district, *base.coordinators):
        if len(chosen) == wanted:
            break
        if code != lead and code not in chosen:
            chosen.append(code)
    while len(chosen) < wanted:
        code = rnd.choice(codes)
        if code != lead and code not in chosen:
            chosen.append(code)
    return chosen


def _batches(rows: Iterator[dict[str, Any]], size: int = BATCH_SIZE) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def seed_synthetic(
    *, session: Session, n: int, seed: int = DEFAULT_SEED, now: datetime, calendar: WorkCalendar | None = None
) -> SeedResult:
    """Create the synthetic plan SYN-<n>-<seed> laid out around `now` (idempotent); commits."""
    if not MIN_TASKS <= n <= MAX_TASKS:
        raise ValueError(f"n must be between {MIN_TASKS} and {MAX_TASKS}, not {n}")
    if seed < 0:
        raise ValueError(f"seed must not be negative, not {seed}")
    code = plan_code(n, seed)
    existing = session.exec(select(Plan).where(Plan.code == code)).first()
    if existing is not None:
        return SeedResult(False, existing.id, count_tasks(session=session, plan_id=existing.id))

    calendar = calendar or default_calendar()
    today = now.date()
    ensure_categories(session=session)
    agency_ids = {agency.code: agency.id for agency in _upsert_agencies(session).values()}
    demo_codes = [a.code for a in AGENCIES]
    plan = add_sample_plan(session, code=code, title=plan_title(n), now=now)
    end_year, issued = plan.end_year, plan.issued_on
    created_at = min(datetime.combine(issued, time(9, 0), tzinfo=now.tzinfo), now)

    # Two streams: the plan's shape (profiles, titles, agencies) does not depend on the day, the dates do.
    shape, dates = random.Random(f"{code}:shape"), random.Random(f"{code}:dates")
    profiles = [p for p, count in apportion(n, PROFILE_WEIGHTS, minimum=1).items() for _ in range(count)]
    shape.shuffle(profiles)
    frames: dict[str, TimeFrame] = {}  # phrases repeat: parse each once
    coordinators: list[list[str]] = []
    titles: list[str] = []

    def task_rows() -> Iterator[dict[str, Any]]:
        position = 0
        for category, count in apportion(n, CATEGORY_WEIGHTS).items():
            for base, district, title in _titles(category, count, shape):
                profile = profiles[position]
                position += 1
                phrase = _time_frame(profile, dates, today, calendar, end_year)
                frame = frames.get(phrase) or frames.setdefault(phrase, parse_time_frame(phrase, today=today))
                due = frame.due_date
                if frame.recurrence == Recurrence.YEARLY and due is not None and due < today:
                    due = due.replace(year=due.year + 1)  # this year's cycle is over: the next one is open
                lead = base.lead if shape.random() < 0.7 else shape.choice(demo_codes)
                stamps = _state(profile, dates, due, issued, today)
                planned = frame.start_date if frame.start_date and frame.start_date <= today else None
                started = stamps.pop("started", None)
                coordinators.append(_coordinators(shape, base, lead, district, demo_codes))
                titles.append(title)
                yield {
                    "plan_id": plan.id,
                    "number": str(position),
                    "position": position,
                    "title": title,
                    "search_text": task_search_text(str(position), title),
                    "description": "",
                    "category_code": category,
                    "lead_agency_id": agency_ids[lead],
                    "start_date": planned or started,
                    "due_date": due,
                    "original_due_date": due,
                    "time_frame": phrase,
                    "recurrence": str(frame.recurrence),
                    "expected_output": base.output,
                    "status": str(stamps.pop("status")),
                    **stamps,
                    "created_at": created_at,
                    "updated_at": now,
                    "version": 1,  # Core inserts skip the ORM's version counter
                }

    for batch in _batches(task_rows()):
        session.execute(insert(Task.__table__), batch)

    ids = session.exec(select(Task.id).where(Task.plan_id == plan.id).order_by(Task.position)).all()
    label = actor_label(SYSTEM)
    events = (
        {
            "task_id": task_id,
            "at": created_at,
            "actor_id": None,
            "actor_label": label,
            "kind": "created",
            "field": "title",
            "before": None,
            "after": title,
            "note": CREATED_NOTE,
        }
        for task_id, title in zip(ids, titles, strict=True)
    )
    for batch in _batches(events):
        session.execute(insert(TaskEvent.__table__), batch)
    links = (
        {"task_id": task_id, "agency_id": agency_ids[agency]}
        for task_id, codes in zip(ids, coordinators, strict=True)
        for agency in codes
    )
    for batch in _batches(links):
        session.execute(insert(TaskCoordinator.__table__), batch)
    session.commit()
    engine = session.get_bind().engine
    if engine.dialect.name == "postgresql":
        # A bulk load leaves PostgreSQL's planner guessing (it took 10,000 rows for 20) and its
        # visibility map empty (no index-only scans) until autovacuum comes by; the board's first
        # queries should not wait for it. VACUUM cannot run inside a transaction: a connection of its own.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM (ANALYZE) task"))
    return SeedResult(True, plan.id, n)
