"""Read sessions end with COMMIT and refuse writes; the reads every board request makes use them, so on
PostgreSQL the board's statements stay prepared between requests (psycopg drops them all on a ROLLBACK)."""

from __future__ import annotations

import pytest
from sqlalchemy import event, text
from sqlmodel import select

from dashapp.db import ENGINE_KEY
from models import board
from models.database import ReadOnlySessionError, read_session
from models.tables import Agency
from tests.web import board_data, board_request, callback_key, dash_post, seeded_app, signed_in


def _transaction_ends(engine) -> list[str]:
    """A list that fills with "commit" / "rollback" as the engine's connections end transactions."""
    ends: list[str] = []
    event.listen(engine, "commit", lambda _conn: ends.append("commit"))
    event.listen(engine, "rollback", lambda _conn: ends.append("rollback"))
    return ends


def test_a_read_session_ends_its_transaction_with_commit(engine, make):
    make.agency("sotttt", name="Sở Thông tin và Truyền thông")
    ends = _transaction_ends(engine)
    with read_session(engine) as db:
        assert db.exec(select(Agency.name)).all() == ["Sở Thông tin và Truyền thông"]
    assert ends == ["commit"]


def test_a_read_session_refuses_a_change_and_keeps_nothing_of_it(engine, make):
    make.agency("sotttt", name="Sở Thông tin và Truyền thông")
    with pytest.raises(ReadOnlySessionError), read_session(engine) as db:
        db.exec(select(Agency)).one().name = "Đổi tên"
    with pytest.raises(ReadOnlySessionError), read_session(engine) as db:
        db.add(Agency(code="new", name="Cơ quan mới", short_name="Mới"))
        db.flush()
    with read_session(engine) as db:
        assert db.exec(select(Agency.code, Agency.name)).all() == [("sotttt", "Sở Thông tin và Truyền thông")]


@pytest.fixture
def app(db_url, tmp_path):
    return seeded_app(db_url, tmp_path / "instance")


def test_board_requests_and_the_timers_polls_end_with_commit_and_keep_prepared_statements(app, monkeypatch):
    """The signed-in user's load, the board, its change poll and the unread badge: no ROLLBACK, which on
    PostgreSQL would make psycopg forget the board's prepared statements before they were ever reused."""
    monkeypatch.setattr(board, "WINDOW_UP_TO", 0)  # the large board's way of reading the cells
    engine = app.server.extensions[ENGINE_KEY]
    client = signed_in(app, "sotttt")
    first = board_data(client, app)
    ends = _transaction_ends(engine)
    for _ in range(8):  # psycopg prepares a statement on its 5th execution on a connection
        assert board_request(client, app).status_code == 200
    stamp = first["board-data"]["data"]["stamp"]
    poll = dash_post(
        client,
        app,
        callback_key(app, "check_for_changes"),
        {"board-tick.n_intervals": 1, "board-stamp.data": stamp, "f-plan.value": "*"},
    )
    assert poll.status_code == 204  # nothing changed: nothing redrawn
    badge = dash_post(client, app, callback_key(app, "refresh_unread_badge"), {"unread-tick.n_intervals": 1})
    assert badge.status_code in (200, 204)
    assert "rollback" not in ends and ends.count("commit") >= 2 * 8
    if engine.dialect.name == "postgresql":
        with engine.connect() as connection:  # the pool's last used connection (LIFO): the board's
            prepared = connection.execute(
                text("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%LATERAL%'")
            ).scalar()
        assert prepared == 1
