"""Every write callback, forged by a signed-in user whose role does not allow it, changes nothing.

Write callbacks are found from the app's callback map (callbacks/registry.py classifies each one), so a
new write callback without an entry in FORGED below fails `test_every_write_callback_is_forged_here`.
"""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text
from sqlmodel import Session, select

from callbacks.registry import READS, WRITES
from dashapp.db import ENGINE_KEY
from models.tables import Agency, AuditLog, User
from tests.web import dash_post, login, seeded_app, text_of

# Tables whose rows a refused attempt may add (the record of the refusal itself).
AUDIT_TABLES = {"auditlog", "loginfailure", "alembic_version"}


def _ids(app) -> dict[str, int]:
    with Session(app.server.extensions[ENGINE_KEY]) as s:
        users = {f"user:{u.username}": u.id for u in s.exec(select(User)).all()}
        agencies = {f"agency:{a.code}": a.id for a in s.exec(select(Agency)).all()}
    return users | agencies


def forged_values(ids: dict[str, int]) -> dict[str, dict[str, object]]:
    """For each write callback (by its function name), the inputs of a harmful request."""
    return {
        "create_user": {
            "create-user.n_clicks": 1,
            "new-username.value": "forged",
            "new-full-name.value": "Tài khoản giả mạo",
            "new-role.value": "admin",
            "new-agency.value": "",
            "new-password.value": "password123",
            "new-password2.value": "password123",
        },
        "save_user": {
            "save-user.n_clicks": 1,
            "edit-user.value": str(ids["user:soyte"]),
            "edit-full-name.value": "Đã bị sửa",
            "edit-role.value": "admin",  # privilege escalation
            "edit-agency.value": "",
            "edit-active.value": True,
        },
        "reset_password": {
            "reset-user.n_clicks": 1,
            "edit-user.value": str(ids["user:bcd"]),
            "reset-password.value": "chiem-quyen-1",
            "reset-password2.value": "chiem-quyen-1",
        },
        "save_agency": {
            "save-agency.n_clicks": 1,
            "agency-select.value": str(ids["agency:soyte"]),
            "agency-code.value": "soyte",
            "agency-name.value": "Tên bị sửa",
            "agency-short.value": "Bị sửa",
            "agency-aliases.value": "",
            "agency-emails.value": "attacker@evil.example",
            "agency-active.value": True,
        },
    }


@pytest.fixture
def app(db_url, tmp_path):
    return seeded_app(db_url, tmp_path / "instance")


def snapshot(app) -> dict[str, list]:
    """Every row of every table except the audit's own."""
    engine = app.server.extensions[ENGINE_KEY]
    with engine.connect() as conn:
        return {
            table: sorted(map(repr, conn.execute(text(f'SELECT * FROM "{table}"')).all()))
            for table in inspect(engine).get_table_names()
            if table not in AUDIT_TABLES
        }


def write_keys(app) -> dict[str, str]:
    return dict(app.server.extensions.get(WRITES, {}))


def test_every_callback_is_classified_as_read_or_write(app):
    reads, writes = set(app.server.extensions.get(READS, {})), set(write_keys(app))
    assert not reads & writes
    assert set(app.callback_map) == reads | writes


def test_every_write_callback_is_forged_here(app):
    names = set(write_keys(app).values())
    assert names, "the app should have write callbacks"
    assert names == set(forged_values(_ids(app)))


@pytest.mark.parametrize("username", ["soyte", "bcd", "sotttt"])
def test_forged_writes_are_refused_and_change_nothing(app, username):
    client = app.server.test_client()
    assert login(client, username).status_code == 302
    forged = forged_values(_ids(app))
    for key, name in write_keys(app).items():
        before = snapshot(app)
        response = dash_post(client, app, key, forged[name])
        assert response.status_code == 200, f"{name}: HTTP {response.status_code}"
        assert "không có quyền" in text_of(response), f"{name} was not refused for {username}"
        assert snapshot(app) == before, f"{name} changed the database for {username}"
    with Session(app.server.extensions[ENGINE_KEY]) as s:
        refused = s.exec(select(AuditLog).where(AuditLog.outcome == "refused")).all()
    assert len(refused) >= len(write_keys(app))


def test_the_same_requests_by_an_admin_do_change_data(app):
    """The forged requests are real ones: an admin sending them changes the database."""
    client = app.server.test_client()
    login(client, "admin")
    forged = forged_values(_ids(app))
    for key, name in write_keys(app).items():
        before = snapshot(app)
        response = dash_post(client, app, key, forged[name])
        assert response.status_code == 200, f"{name}: HTTP {response.status_code}"
        assert "không có quyền" not in text_of(response)
        assert snapshot(app) != before, f"{name} by an admin changed nothing: the forged request is not a real one"
