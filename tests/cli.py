"""Helpers for tests that run the `python -m dashapp` commands as a user would, in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from sqlmodel import Session, func, select

from dashapp.settings import PROJECT_ROOT
from models.database import make_engine


def run_cli(args: list[str], db_url: str, tmp_path: Path, stdin: str = "", **env: str) -> subprocess.CompletedProcess:
    """`python -m dashapp <args>` on `db_url`, with a pinned day and a throwaway instance folder."""
    values = {
        **os.environ,
        "DATABASE_URL": db_url,
        "TRACKER_INSTANCE_PATH": str(tmp_path / "instance"),
        "TRACKER_TODAY": "2026-06-16",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-m", "dashapp", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=values,
        cwd=PROJECT_ROOT,
        timeout=180,
    )


def row_count(db_url: str, model) -> int:
    """How many rows `model`'s table holds, read through a new engine."""
    engine = make_engine(db_url)
    try:
        with Session(engine) as s:
            return s.exec(select(func.count()).select_from(model)).one()
    finally:
        engine.dispose()
