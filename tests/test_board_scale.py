"""A large board reads each cell's first cards with one LIMIT per cell (a small one with one window):
both ways must draw the same board, for every kind of user and filter, on both databases; the
statements kept between requests must never carry one day's deadline state into another; and the
summary's two SQL flags must agree with the state expression on every task."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from sqlmodel import select

from models import board
from models.board import BoardFilters, board_view, deadline_flags, state_expression
from models.demo import seed_demo_accounts
from models.synthetic import seed_synthetic
from models.tables import Task, User
from models.workdays import default_calendar
from tests.conftest import NOW, TODAY

CAL = default_calendar()
CASES = [
    ("sotttt", {}, None),
    ("soyte", {}, None),  # an officer: their agency's cards first in every cell
    ("bcd", {}, None),
    ("sotttt", {"group": "agency"}, None),
    ("soyte", {"group": "agency", "cancelled": True}, None),
    ("sotttt", {"q": "huyện"}, None),
    ("soyte", {"deadline": "overdue"}, None),
    ("sotttt", {"due_within": 10}, None),
    ("soyte", {"mine": True}, None),
    ("sotttt", {"category": "data"}, {"data|in_progress": 45, "data|done": 3}),
    ("soyte", {}, {"platforms|not_started": 60}),
]


@pytest.fixture
def big(session):
    result = seed_synthetic(session=session, n=1500, seed=3, now=NOW)
    seed_demo_accounts(session=session, now=NOW)
    users = {u.username: u for u in session.exec(select(User)).all()}
    return SimpleNamespace(plan_id=result.plan_id, users=users)


def view(session, actor, plan_id, day=TODAY, limits=None, **filters) -> dict:
    return board_view(
        session=session,
        actor=actor,
        filters=BoardFilters(plan=plan_id, **filters),
        today=day,
        calendar=CAL,
        limits=limits,
    )


def drawn(result: dict) -> dict:
    """What the browser draws: every cell's count and its cards in order, the lanes and the summary."""
    return {
        "cells": {key: (cell["count"], [r["id"] for r in cell["tasks"]]) for key, cell in result["cells"].items()},
        "records": sorted(
            (r["id"], r["b"], r["bs"], tuple(r["m"])) for c in result["cells"].values() for r in c["tasks"]
        ),
        "lanes": result["lanes"],
        "statuses": result["statuses"],
        "summary": result["summary"],
    }


@pytest.mark.parametrize(("username", "filters", "limits"), CASES, ids=lambda v: str(v))
def test_one_limit_per_cell_draws_what_one_window_draws(session, big, monkeypatch, username, filters, limits):
    actor = big.users[username]
    monkeypatch.setattr(board, "WINDOW_UP_TO", 10**9)
    by_window = drawn(view(session, actor, big.plan_id, limits=limits, **filters))
    monkeypatch.setattr(board, "WINDOW_UP_TO", 0)
    board._CELL_QUERIES.clear()
    by_cell = drawn(view(session, actor, big.plan_id, limits=limits, **filters))
    assert by_cell == by_window
    assert sum(len(ids) for _count, ids in by_cell["cells"].values()) > 0 or by_cell["summary"]["total"] == 0
    # kept statement, asked again: the same board
    assert drawn(view(session, actor, big.plan_id, limits=limits, **filters)) == by_window


def test_an_officers_own_cards_come_first_and_then_plan_order(session, big, monkeypatch):
    monkeypatch.setattr(board, "WINDOW_UP_TO", 0)
    officer = big.users["soyte"]
    tasks = {t.id: t for t in session.exec(select(Task).where(Task.plan_id == big.plan_id)).all()}
    for cell in view(session, officer, big.plan_id)["cells"].values():
        keys = [(tasks[r["id"]].lead_agency_id != officer.agency_id, tasks[r["id"]].position) for r in cell["tasks"]]
        assert keys == sorted(keys)


def test_statements_are_split_when_the_board_has_many_cells(session, big, monkeypatch):
    actor = big.users["soyte"]
    monkeypatch.setattr(board, "WINDOW_UP_TO", 10**9)
    expected = drawn(view(session, actor, big.plan_id, group="agency"))
    monkeypatch.setattr(board, "WINDOW_UP_TO", 0)
    monkeypatch.setattr(board, "ARMS_PER_QUERY", 3)
    board._CELL_QUERIES.clear()
    assert drawn(view(session, actor, big.plan_id, group="agency")) == expected


def test_a_kept_statement_never_carries_yesterdays_deadlines(session, big, monkeypatch):
    monkeypatch.setattr(board, "WINDOW_UP_TO", 0)
    actor = big.users["sotttt"]
    board._CELL_QUERIES.clear()
    view(session, actor, big.plan_id, day=TODAY)  # keeps the statement of TODAY
    later = date(2026, 7, 20)
    after_cache = drawn(view(session, actor, big.plan_id, day=later))
    board._CELL_QUERIES.clear()
    assert after_cache == drawn(view(session, actor, big.plan_id, day=later))
    assert after_cache != drawn(view(session, actor, big.plan_id, day=TODAY))


@pytest.mark.parametrize("day", [TODAY, date(2026, 2, 17), date(2026, 12, 31)], ids=str)
def test_the_summary_flags_agree_with_the_state_expression(session, big, day):
    overdue, due_soon = deadline_flags(day, CAL)
    rows = session.exec(
        select(Task.number, state_expression(day, CAL), overdue, due_soon).where(Task.status != "cancelled")
    ).all()
    assert len(rows) > 1000
    wrong = [
        (n, s, bool(o), bool(d)) for n, s, o, d in rows if bool(o) != (s == "overdue") or bool(d) != (s == "due_soon")
    ]
    assert wrong == []
    if day == TODAY:  # the synthetic plan is laid out around it: both flags are exercised
        assert any(s == "overdue" for _n, s, _o, _d in rows) and any(s == "due_soon" for _n, s, _o, _d in rows)


@pytest.mark.parametrize("window", [True, False], ids=["window", "per-cell"])
def test_a_move_committed_while_the_board_is_read_does_not_tear_it(session, engine, big, monkeypatch, window):
    """The counts and the cards are two statements: a move committed between them must not put a card
    in a cell the counts do not have (it did on PostgreSQL under the load test)."""
    from sqlalchemy import event
    from sqlmodel import Session

    monkeypatch.setattr(board, "WINDOW_UP_TO", 10**9 if window else 0)
    board._CELL_QUERIES.clear()
    actor = big.users["sotttt"]
    victim = session.exec(
        select(Task).where(Task.plan_id == big.plan_id, Task.status == "not_started").order_by(Task.position)
    ).first()
    moved = []

    def move_in_between(conn, cursor, statement, params, context, executemany):
        if not moved and any(word in statement for word in ("row_number", "UNION ALL", "LATERAL")):
            with Session(engine) as other:  # another user's move, committed right now
                task = other.get(Task, victim.id)
                task.status = "in_progress"
                other.commit()
            moved.append(True)

    with Session(engine) as reader:
        event.listen(engine, "before_cursor_execute", move_in_between)
        try:
            result = view(reader, actor, big.plan_id)
        finally:
            event.remove(engine, "before_cursor_execute", move_in_between)
    assert moved == [True]
    cells = result["cells"]
    for key, cell in cells.items():
        assert cell["count"] >= len(cell["tasks"]), key
    shown = {r["id"]: key for key, cell in cells.items() for r in cell["tasks"]}
    if victim.id in shown:  # one snapshot: the card is where the counts saw it
        assert shown[victim.id].endswith("|not_started")
    assert result["summary"]["total"] == sum(cell["count"] for cell in cells.values())


@pytest.mark.parametrize("window", [True, False], ids=["window", "per-cell"])
def test_the_card_just_moved_stays_on_the_board_beyond_its_cells_first_cards(session, big, monkeypatch, window):
    """A card moved into a full cell would sort beyond the cards it shows and vanish (focus with it):
    the move's redraw keeps it, after the cell's first cards, and every count stays exact."""
    monkeypatch.setattr(board, "WINDOW_UP_TO", 10**9 if window else 0)
    board._CELL_QUERIES.clear()
    actor = big.users["sotttt"]
    plain = view(session, actor, big.plan_id)
    key, cell = next((k, c) for k, c in plain["cells"].items() if c["count"] > len(c["tasks"]) > 0)
    lane_code, status = key.split("|")
    hidden = session.exec(
        select(Task)
        .where(Task.plan_id == big.plan_id, Task.category_code == lane_code, Task.status == status)
        .order_by(Task.position.desc(), Task.id.desc())
    ).first()
    assert hidden.id not in [r["id"] for r in cell["tasks"]]

    kept = board_view(
        session=session,
        actor=actor,
        filters=BoardFilters(plan=big.plan_id),
        today=TODAY,
        calendar=CAL,
        keep=hidden.id,
    )
    ids = [r["id"] for r in kept["cells"][key]["tasks"]]
    assert ids == [r["id"] for r in cell["tasks"]] + [hidden.id]
    assert kept["cells"][key]["count"] == cell["count"]
    assert kept["summary"] == plain["summary"] and kept["statuses"] == plain["statuses"]
    assert {k: c for k, c in kept["cells"].items() if k != key} == {k: c for k, c in plain["cells"].items() if k != key}

    # A card the filters leave out is not brought back by `keep`.
    filtered = board_view(
        session=session,
        actor=actor,
        filters=BoardFilters(plan=big.plan_id, category="policy" if lane_code != "policy" else "data"),
        today=TODAY,
        calendar=CAL,
        keep=hidden.id,
    )
    assert hidden.id not in [r["id"] for c in filtered["cells"].values() for r in c["tasks"]]


def test_the_move_callback_keeps_the_moved_card_in_view(db_url, tmp_path):
    """Through HTTP: the move's redraw shows the moved card although its cell shows one card only."""
    from tests.web import BOARD_DEFAULTS, callback_key, callback_outputs, dash_post, seeded_app, signed_in

    app = seeded_app(db_url, tmp_path / "instance")
    client = signed_in(app, "sotttt")
    with app.server.app_context():
        from dashapp.db import session_scope

        with session_scope() as s:
            tasks = s.exec(select(Task).where(Task.category_code == "data")).all()
            first = min((t for t in tasks if t.status == "in_progress"), key=lambda t: (t.position, t.id))
            mover = next(t for t in tasks if t.status == "not_started" and t.position > first.position)
            mover_id, mover_version, first_id = mover.id, mover.version, first.id
            in_progress = sum(1 for t in tasks if t.status == "in_progress")
    values = {
        **BOARD_DEFAULTS,
        "board-limits.data": {"data|in_progress": 1},
        "board-move.data": {"id": mover_id, "to": "in_progress", "v": mover_version, "ts": 1},
    }
    response = dash_post(client, app, callback_key(app, "move_card"), values, changed="board-move.data")
    outputs = callback_outputs(response)
    cell = outputs["board-data"]["data"]["cells"]["data|in_progress"]
    assert [r["id"] for r in cell["tasks"]] == [first_id, mover_id]
    assert cell["tasks"][1]["s"] == "in_progress" and cell["tasks"][1]["v"] == mover_version + 1
    assert cell["count"] == in_progress + 1


def test_the_board_ends_its_own_snapshot_and_leaves_a_callers_transaction_as_it_was(session, big, monkeypatch):
    """board_view commits the read-only snapshot it began (a rollback would make psycopg forget its
    prepared statements); inside a caller's transaction it commits nothing."""
    from sqlalchemy import select

    monkeypatch.setattr(board, "WINDOW_UP_TO", 0)
    actor = big.users["sotttt"]
    session.commit()
    view(session, actor, big.plan_id)
    assert not session.in_transaction()

    session.execute(select(1))
    assert session.in_transaction()
    view(session, actor, big.plan_id)
    assert session.in_transaction()  # the caller's transaction goes on
    session.rollback()
