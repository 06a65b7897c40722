"""The app's engine and sessions, and migrations as a step (never at import)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from alembic import command
from alembic.config import Config
from flask import current_app
from sqlalchemy.engine import Engine
from sqlmodel import Session

from dashapp.settings import PROJECT_ROOT
from models.database import make_engine, open_session, read_session

ENGINE_KEY = "tracker.engine"


def alembic_config(connection=None) -> Config:
    """Alembic's configuration for this project, independent of the working directory."""
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "migrations"))
    config.attributes["configure_logger"] = False
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade_database(url: str) -> None:
    """Bring the database at `url` to the newest migration (creates the SQLite file if needed)."""
    engine = make_engine(url)
    try:
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "head")
    finally:
        engine.dispose()


def current_engine() -> Engine:
    """The engine of the app handling this request."""
    return current_app.extensions[ENGINE_KEY]


@contextmanager
def session_scope() -> Iterator[Session]:
    """A session on the current app's database; `models` functions commit."""
    with open_session(current_engine()) as session:
        yield session


def pending_migrations(url: str) -> bool:
    """True when the database at `url` is not at the newest migration (or has none yet)."""
    from alembic.migration import MigrationContext
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision() != head
    finally:
        engine.dispose()


@contextmanager
def read_scope() -> Iterator[Session]:
    """A read-only session on the current app's database (see models.database.read_session)."""
    with read_session(current_engine()) as session:
        yield session
