"""GET /health: public, answers 200 when the database does and 503 (without details) when it does not."""

from __future__ import annotations

from sqlalchemy import create_engine

from dashapp.db import ENGINE_KEY
from tests.web import seeded_app


def test_health_is_public_and_checks_the_database(db_url, tmp_path):
    app = seeded_app(db_url, tmp_path / "instance", seed=False)
    response = app.server.test_client().get("/health")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_health_says_503_when_the_database_is_gone(db_url, tmp_path):
    app = seeded_app(db_url, tmp_path / "instance", seed=False)
    # a database that cannot be reached: a SQLite file in a folder that does not exist
    app.server.extensions[ENGINE_KEY] = create_engine(f"sqlite:///{tmp_path / 'missing' / 'nowhere.db'}")
    response = app.server.test_client().get("/health")
    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "database": "unreachable"}
