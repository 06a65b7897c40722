#!/usr/bin/env python3
"""Time the overdue scan and digest composition on a seeded database, against a bare count.

`python bench/scan_bench.py --url DATABASE_URL [--today 2026-06-16] [--repeat 7]` prints one JSON object.
The board bench runs it on each database it seeds (`make bench`); it can also run alone.

Per repeat, in one process and one session (warm: the first repeat is left out of the medians):
  count     `SELECT count(*)` of the rows the scan considers: open work with a deadline (the WHERE of
            models.outbox, compiled for the database at hand), the floor an indexed scan is held to;
  scan 1    `plan_digests` for `--today` alone (what the daily job decides) + `compose` of every digest
            (subject, plain text and HTML, what goes into the outbox);
  scan 10   the same standing for the last 10 working days (a scheduler down for two weeks catches up).
Then once: `scan_overdue` for real (decide, compose, INSERT the outbox rows and their items, commit),
and once more (the second run of a day inserts nothing).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import date, datetime, timedelta
from datetime import time as clock_time
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import func
from sqlmodel import Session, select

from models.database import make_engine
from models.digest import compose
from models.outbox import _chased_conditions, plan_digests, scan_overdue
from models.reminders import ReminderPolicy, catch_up_days
from models.tables import Task
from models.workdays import WorkCalendar

BASE_URL = "http://127.0.0.1:8050"


def timed(fn):
    t0 = time.perf_counter()
    value = fn()
    return (time.perf_counter() - t0) * 1000, value


def summary(xs: list[float]) -> dict:
    xs = sorted(xs)
    return {"median": statistics.median(xs), "p95": xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))], "n": len(xs)}


def measure(url: str, today: date, repeat: int) -> dict:
    """The figures above, as a dict of medians (ms) and counts."""
    engine = make_engine(url)
    calendar, policy = WorkCalendar(), ReminderPolicy()
    one_day = [today]
    ten_days = catch_up_days(today, today - timedelta(days=20), calendar=calendar)
    runs: dict[str, list[float]] = {"count": [], "scan_1": [], "scan_10": []}
    found: dict[str, dict] = {}
    with Session(engine) as session:
        tasks = session.exec(select(func.count()).select_from(Task)).one()
        for i in range(repeat + 1):
            ms, rows = timed(lambda: session.exec(select(func.count()).where(*_chased_conditions())).one())
            if i:
                runs["count"].append(ms)
            for key, days in (("scan_1", one_day), ("scan_10", ten_days)):

                def scan(days=days):
                    digests = plan_digests(session=session, today=today, days=days, calendar=calendar, policy=policy)
                    return digests, [compose(d, day=today, base_url=BASE_URL) for d in digests]

                ms, (digests, _messages) = timed(scan)
                if i:
                    runs[key].append(ms)
                found[key] = {"digests": len(digests), "items": sum(len(d.items) for d in digests)}
        now = datetime.combine(today, clock_time(7, 30), tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))

        def real_scan():
            return scan_overdue(
                session=session, today=today, now=now, calendar=calendar, policy=policy, base_url=BASE_URL
            )

        first_ms, first = timed(real_scan)
        again_ms, again = timed(real_scan)
    engine.dispose()
    return {
        "tasks": tasks,
        "considered": rows,
        "today": today.isoformat(),
        "catch_up_days": len(ten_days),
        "count_ms": summary(runs["count"]),
        "scan_1_ms": summary(runs["scan_1"]),
        "scan_10_ms": summary(runs["scan_10"]),
        "scan_1": found["scan_1"],
        "scan_10": found["scan_10"],
        "write_ms": first_ms,
        "written": first.created,
        "write_again_ms": again_ms,
        "written_again": again.created,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--url", required=True, help="database URL (seeded)")
    ap.add_argument("--today", default="2026-06-16", help="the scan's day (the bench seeds around it)")
    ap.add_argument("--repeat", type=int, default=7)
    a = ap.parse_args(argv)
    print(json.dumps(measure(a.url, date.fromisoformat(a.today), a.repeat)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
