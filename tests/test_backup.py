"""`python -m dashapp backup --out PATH`, run as the operator runs it, and restoring what it wrote.

SQLite: the online backup API while another thread keeps writing through `models`; the copy is one
consistent snapshot that passes `PRAGMA integrity_check` and brings the app back when copied in place.
PostgreSQL (with TEST_DATABASE_URL): `pg_dump -Fc`, which `pg_restore` lists and restores into a new
database with the same tasks.
"""

from __future__ import annotations

import re
import shutil
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import event, text
from sqlalchemy.engine import make_url
from sqlmodel import Session, func, select

from dashapp import create_app
from dashapp.cli import build_parser, cmd_seed_demo
from dashapp.db import ENGINE_KEY, pending_migrations
from models.database import make_engine, open_session
from models.tables import ProgressReport, Task, TaskEvent, User
from models.tasks import add_comment
from tests.cli import run_cli
from tests.conftest import NOW, PG_URL, reset_postgres
from tests.web import build_settings

WRITES_BEFORE_BACKUP = 5


def seed(db_url: str, tmp_path: Path) -> None:
    settings = build_settings(db_url, tmp_path / "instance")
    assert cmd_seed_demo(settings, build_parser().parse_args(["seed-demo"])) == 0


def counts(connection) -> dict[str, int]:
    """Tasks, comments, and comment events (each comment writes its event in the same transaction)."""
    one = lambda sql: connection.execute(sql).fetchone()[0]  # noqa: E731
    return {
        "tasks": one("SELECT count(*) FROM task"),
        "comments": one("SELECT count(*) FROM progressreport WHERE kind = 'comment'"),
        "comment_events": one("SELECT count(*) FROM taskevent WHERE kind = 'comment'"),
    }


def db_counts(db_url: str) -> dict[str, int]:
    engine = make_engine(db_url)
    try:
        with Session(engine) as s:
            return {
                "tasks": s.exec(select(func.count()).select_from(Task)).one(),
                "comments": s.exec(
                    select(func.count()).select_from(ProgressReport).where(ProgressReport.kind == "comment")
                ).one(),
                "comment_events": s.exec(
                    select(func.count()).select_from(TaskEvent).where(TaskEvent.kind == "comment")
                ).one(),
            }
    finally:
        engine.dispose()


def no_autocheckpoint(dbapi_connection, _record) -> None:
    dbapi_connection.execute("PRAGMA wal_autocheckpoint=0")


class Writer(threading.Thread):
    """Comments on task after task through models.tasks.add_comment, as Sở TT&TT, until stopped.

    With automatic checkpoints off on its connections (as when busy readers keep checkpoints from
    finishing), its writes stay in the -wal file: a copy of the database file alone would miss them.
    """

    def __init__(self, db_url: str) -> None:
        super().__init__(daemon=True)
        self.engine = make_engine(db_url)
        event.listen(self.engine, "connect", no_autocheckpoint)
        self.stop = threading.Event()
        self.written = 0
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            with open_session(self.engine) as session:
                actor = session.exec(select(User).where(User.username == "sotttt")).one()
                task_ids = session.exec(select(Task.id).order_by(Task.id)).all()
                while not self.stop.is_set():
                    task_id = task_ids[self.written % len(task_ids)]
                    add_comment(session=session, task_id=task_id, body=f"Ghi chú {self.written}", actor=actor, now=NOW)
                    self.written += 1
        except BaseException as failed:  # reported by the test
            self.error = failed

    def finish(self) -> None:
        self.stop.set()
        self.join(timeout=60)
        self.engine.dispose()
        assert self.error is None, repr(self.error)


def test_help_names_the_backup_command(tmp_path):
    result = run_cli(["backup", "--help"], f"sqlite:///{tmp_path / 'x.db'}", tmp_path)
    assert result.returncode == 0 and "--out" in result.stdout
    assert "backup" in run_cli(["--help"], f"sqlite:///{tmp_path / 'x.db'}", tmp_path).stdout


def test_sqlite_online_backup_while_the_app_writes_is_consistent_and_restores(tmp_path):
    db_path = tmp_path / "tracker.db"
    db_url = f"sqlite:///{db_path}"
    seed(db_url, tmp_path)
    out = tmp_path / "backups" / "tracker-backup.sqlite3"
    out.parent.mkdir()

    quiet = db_counts(db_url)  # before anything writes: the counts below are taken while the writer runs
    writer = Writer(db_url)
    writer.start()
    try:
        deadline = time.monotonic() + 30
        while writer.written < WRITES_BEFORE_BACKUP and writer.error is None and time.monotonic() < deadline:
            time.sleep(0.01)
        assert writer.written >= WRITES_BEFORE_BACKUP, writer.error
        before = db_counts(db_url)
        result = run_cli(["backup", "--out", str(out)], db_url, tmp_path)
        after = db_counts(db_url)
    finally:
        writer.finish()

    assert result.returncode == 0, result.stdout + result.stderr
    assert after["comments"] > before["comments"]  # the writer kept writing while the backup ran
    assert str(out) in result.stdout and re.search(r"\(\d[\d.,]* [kM]B; [\d.]+ byte\)", result.stdout)
    assert f"; {out.stat().st_size:,} byte".replace(",", ".") in result.stdout
    assert not list(out.parent.glob(".*.part"))  # no half-written file left behind
    assert out.stat().st_mode & 0o077 == 0  # password hashes inside: for its owner only

    with sqlite3.connect(f"file:{out}?mode=ro", uri=True) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert copy.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
        snapshot = counts(copy)
    copy.close()
    assert snapshot["tasks"] == 109
    assert before["comments"] <= snapshot["comments"] <= after["comments"]
    # one snapshot: every comment in the copy came with its history event, none without
    assert snapshot["comment_events"] - snapshot["comments"] == quiet["comment_events"] - quiet["comments"]

    # Restore: with everything stopped, remove the live file and its -wal/-shm, copy the backup in place.
    for stale in (db_path, db_path.with_name("tracker.db-wal"), db_path.with_name("tracker.db-shm")):
        stale.unlink(missing_ok=True)
    shutil.copyfile(out, db_path)
    assert not pending_migrations(db_url)
    app = create_app(build_settings(db_url, tmp_path / "instance"))
    try:
        response = app.server.test_client().get("/health")
        assert response.status_code == 200 and response.get_json() == {"status": "ok", "database": "ok"}
    finally:
        app.server.extensions[ENGINE_KEY].dispose()
    assert db_counts(db_url) == snapshot


def test_backup_into_a_folder_names_the_file_after_the_time(tmp_path):
    db_url = f"sqlite:///{tmp_path / 'tracker.db'}"
    seed(db_url, tmp_path)
    folder = tmp_path / "backups"
    folder.mkdir()
    result = run_cli(["backup", "--out", str(folder)], db_url, tmp_path)
    assert result.returncode == 0, result.stderr
    (written,) = folder.iterdir()
    assert re.fullmatch(r"tracker-20260616-\d{6}\.sqlite3", written.name), written.name
    assert str(written) in result.stdout
    with sqlite3.connect(written) as copy:
        assert counts(copy)["tasks"] == 109
    copy.close()


def test_backup_says_what_is_wrong_and_writes_nothing(tmp_path):
    missing = tmp_path / "not-there.db"
    out = tmp_path / "backup.sqlite3"
    result = run_cli(["backup", "--out", str(out)], f"sqlite:///{missing}", tmp_path)
    assert result.returncode == 2
    assert "không có tệp cơ sở dữ liệu SQLite" in result.stderr and str(missing) in result.stderr
    assert not missing.exists() and not out.exists()  # never creates an empty database

    db_url = f"sqlite:///{tmp_path / 'tracker.db'}"
    seed(db_url, tmp_path)
    no_folder = run_cli(["backup", "--out", str(tmp_path / "nowhere" / "b.sqlite3")], db_url, tmp_path)
    assert no_folder.returncode == 2 and "không có thư mục" in no_folder.stderr
    before = (tmp_path / "tracker.db").stat()
    onto_itself = run_cli(["backup", "--out", str(tmp_path / "tracker.db")], db_url, tmp_path)
    assert onto_itself.returncode == 2 and "chính là tệp cơ sở dữ liệu đang dùng" in onto_itself.stderr
    assert (tmp_path / "tracker.db").stat().st_ino == before.st_ino  # the live file was not replaced


def test_backup_of_postgresql_without_pg_dump_says_so(tmp_path):
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    out = tmp_path / "tracker.dump"
    # no server is asked: the missing tool is found first
    result = run_cli(
        ["backup", "--out", str(out)], "postgresql://tracker@127.0.0.1:1/tracker", tmp_path, PATH=str(empty_bin)
    )
    assert result.returncode == 2
    assert "không tìm thấy lệnh pg_dump" in result.stderr and "postgresql-client" in result.stderr
    assert not out.exists()


@pytest.mark.skipif(not PG_URL, reason="needs TEST_DATABASE_URL (PostgreSQL)")
def test_postgresql_backup_is_a_pg_dump_archive_that_restores(tmp_path):
    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        pytest.fail("pg_dump and pg_restore are needed with TEST_DATABASE_URL (apt-get install postgresql-client)")
    reset_postgres(PG_URL)
    seed(PG_URL, tmp_path)
    source = db_counts(PG_URL)
    out = tmp_path / "tracker.dump"
    # a password in the URL (the trust test server ignores it) reaches pg_dump by PGPASSWORD, never printed
    with_password = make_url(PG_URL).set(password="never-printed-secret").render_as_string(hide_password=False)
    result = run_cli(["backup", "--out", str(out)], with_password, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "never-printed-secret" not in result.stdout + result.stderr
    assert str(out) in result.stdout and "byte" in result.stdout
    assert out.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
    assert out.stat().st_mode & 0o077 == 0

    listing = subprocess.run(["pg_restore", "--list", str(out)], capture_output=True, text=True, timeout=60)
    assert listing.returncode == 0, listing.stderr
    assert re.search(r"TABLE DATA public task ", listing.stdout)
    assert re.search(r"TABLE DATA public alembic_version ", listing.stdout)

    restore_name = f"{make_url(PG_URL).database}_restore"
    restore_url = make_url(PG_URL).set(database=restore_name).render_as_string(hide_password=False)
    admin = make_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{restore_name}" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{restore_name}"'))
        restored = subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={restore_url}", str(out)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert restored.returncode == 0, restored.stderr
        assert db_counts(restore_url) == source and source["tasks"] == 109
        assert not pending_migrations(restore_url)
        app = create_app(build_settings(restore_url, tmp_path / "instance"))
        try:
            assert app.server.test_client().get("/health").status_code == 200
        finally:
            app.server.extensions[ENGINE_KEY].dispose()
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{restore_name}" WITH (FORCE)'))
        admin.dispose()
