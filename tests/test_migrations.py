"""Migrations from an empty database to head, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

from dashapp.db import alembic_config, upgrade_database
from models.database import make_engine
from models.plans import CATEGORIES
from models.tables import metadata


def test_empty_to_head_creates_every_table_and_the_categories(empty_db_url):
    upgrade_database(empty_db_url)
    engine = make_engine(empty_db_url)
    try:
        tables = set(inspect(engine).get_table_names())
        assert set(metadata.tables) <= tables
        with engine.connect() as conn:
            head = ScriptDirectory.from_config(alembic_config()).get_current_head()
            assert MigrationContext.configure(conn).get_current_revision() == head
            rows = conn.execute(text("SELECT code, name_vi, name_en FROM category ORDER BY position")).all()
        assert [tuple(r) for r in rows] == [(c, vi, en) for c, vi, en, _ in CATEGORIES]
    finally:
        engine.dispose()


def test_migrated_schema_matches_the_models(db_url):
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), metadata)
        assert diff == []
    finally:
        engine.dispose()


def test_indexes_for_the_board_and_the_overdue_scan(db_url):
    engine = make_engine(db_url)
    try:
        indexes = {ix["name"]: ix["column_names"] for ix in inspect(engine).get_indexes("task")}
    finally:
        engine.dispose()
    assert indexes["ix_task_plan_status"] == ["plan_id", "status"]
    assert indexes["ix_task_status_due"] == ["status", "due_date"]
    assert indexes["ix_task_lead_status"] == ["lead_agency_id", "status"]


def test_downgrade_to_base_and_back(db_url):
    engine = make_engine(db_url)
    try:
        with engine.begin() as conn:
            command.downgrade(alembic_config(conn), "base")
        assert "task" not in inspect(engine).get_table_names()
        with engine.begin() as conn:
            command.upgrade(alembic_config(conn), "head")
        assert "task" in inspect(engine).get_table_names()
    finally:
        engine.dispose()


def test_upgrade_twice_is_harmless(db_url):
    upgrade_database(db_url)
    engine = make_engine(db_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM category")).scalar_one() == 6
    finally:
        engine.dispose()


def test_sqlite_connections_enforce_foreign_keys_and_use_wal(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'x' / 'tracker.db'}")
    try:
        with engine.connect() as conn:
            assert conn.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
            assert conn.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"
            assert conn.execute(text("PRAGMA busy_timeout")).scalar_one() > 0
    finally:
        engine.dispose()
