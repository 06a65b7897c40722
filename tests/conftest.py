"""Fixtures: every test builds its own world (fresh database, fixed clock, small factories).

Database tests run on a SQLite file, and also on PostgreSQL when TEST_DATABASE_URL is set
(.ci/run starts one); each test gets an empty schema migrated to head.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session

from dashapp.db import upgrade_database
from models.database import make_engine
from models.tables import Agency, Plan, Recurrence, Role, Status, Task, User

TZ = ZoneInfo("Asia/Ho_Chi_Minh")
TODAY = date(2026, 6, 16)  # a Tuesday in an ordinary working week
NOW = datetime.combine(TODAY, time(9, 30), tzinfo=TZ)
PG_URL = os.environ.get("TEST_DATABASE_URL", "").strip()
BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])


def reset_postgres(url: str) -> None:
    """Drop everything in the test database's public schema."""
    engine = make_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    finally:
        engine.dispose()


@pytest.fixture(params=BACKENDS)
def empty_db_url(request, tmp_path) -> str:
    """A URL to an empty database: a new SQLite file, or the PostgreSQL test database wiped."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'tracker.db'}"
    reset_postgres(PG_URL)
    return PG_URL


@pytest.fixture
def db_url(empty_db_url) -> str:
    """A database migrated to head."""
    upgrade_database(empty_db_url)
    return empty_db_url


@pytest.fixture
def engine(db_url) -> Iterator[Engine]:
    """An engine on the migrated test database."""
    eng = make_engine(db_url)
    yield eng
    eng.dispose()


@pytest.fixture
def session(engine) -> Iterator[Session]:
    """A session on the migrated test database."""
    with Session(engine, expire_on_commit=False) as s:
        yield s


class Factory:
    """Small builders for rows tests need; each commits so the row has its id."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._n = 0

    def _next(self) -> int:
        self._n += 1
        return self._n

    def agency(self, code: str | None = None, **kw) -> Agency:
        n = self._next()
        agency = Agency(code=code or f"agency{n}", name=kw.pop("name", f"Cơ quan {n}"), short_name=f"CQ {n}", **kw)
        self.session.add(agency)
        self.session.commit()
        return agency

    def plan(self, code: str = "01/KH-TEST", **kw) -> Plan:
        plan = Plan(code=code, title=kw.pop("title", "Kế hoạch thử"), created_at=NOW, **kw)
        self.session.add(plan)
        self.session.commit()
        return plan

    def task(self, plan: Plan, lead: Agency, **kw) -> Task:
        n = self._next()
        values = {
            "number": str(n),
            "title": f"Nhiệm vụ {n}",
            "category_code": "data",
            "due_date": date(2026, 12, 31),
            "original_due_date": date(2026, 12, 31),
            "recurrence": Recurrence.ONCE,
            "status": Status.NOT_STARTED,
        }
        values.update(kw)
        task = Task(plan_id=plan.id, lead_agency_id=lead.id, created_at=NOW, updated_at=NOW, **values)
        self.session.add(task)
        self.session.commit()
        return task

    def user(self, role: Role, agency: Agency | None = None, username: str | None = None) -> User:
        n = self._next()
        user = User(
            username=username or f"user{n}",
            full_name=f"Người dùng {n}",
            role=role,
            agency_id=agency.id if agency else None,
            created_at=NOW,
        )
        self.session.add(user)
        self.session.commit()
        return user


@pytest.fixture
def make(session) -> Factory:
    """Row builders bound to the test's session."""
    return Factory(session)
