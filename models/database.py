"""Engines and sessions for SQLite (default, embedded) and PostgreSQL (psycopg 3)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, create_engine

SQLITE_BUSY_TIMEOUT_MS = 10_000


def normalise_url(url: str) -> str:
    """postgres:// and postgresql:// use psycopg 3; other URLs pass through."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # Every connection: enforce foreign keys, let readers work beside the writer (WAL), and wait for a
    # busy writer instead of failing at once.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def make_engine(url: str, **kwargs: Any) -> Engine:
    """An engine for `url`; SQLite files get their folder created and the pragmas above."""
    url = normalise_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        kwargs.setdefault("connect_args", {"check_same_thread": False, "timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        engine = create_engine(url, **kwargs)
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    # Last in, first out: under light load the same few connections serve every request, so the
    # statements psycopg has prepared on them are reused (and idle ones can time out server-side).
    kwargs.setdefault("pool_use_lifo", True)
    return create_engine(url, **kwargs)


@contextmanager
def open_session(engine: Engine) -> Iterator[Session]:
    """A session for one unit of work; `models` functions commit, this only closes (and rolls back)."""
    session = Session(engine, expire_on_commit=False)
    try:
        yield session
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


class ReadOnlySessionError(RuntimeError):
    """A write was attempted in a session opened for reading."""


def _refuse_writes(session: Session, _flush_context: Any, _instances: Any) -> None:
    if session.new or session.dirty or session.deleted:
        raise ReadOnlySessionError("a session opened with read_session cannot write")


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """A session for reads only: its transaction ends with COMMIT, and ORM writes are refused.

    There is nothing to undo, and on PostgreSQL a ROLLBACK makes psycopg drop every statement it has
    prepared on the connection (a COMMIT keeps them): the reads every request makes (the signed-in
    user, the timers' polls) ended in ROLLBACK and so kept the board's statements from ever staying
    prepared (they were planned afresh on every request).
    """
    session = Session(engine, expire_on_commit=False)
    event.listen(session, "before_flush", _refuse_writes)
    try:
        yield session
        if session.in_transaction():
            session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
