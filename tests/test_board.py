"""The board's read model and its move: columns, lanes, counts, filters, limits, moves, stamp, list view.

Every expected number is computed here straight from the database (and models.deadlines / the working-day
calendar), never taken from the board itself.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from sqlmodel import Session, select

from models.board import (
    BOARD_STATUSES,
    DEFAULT_CELL_LIMIT,
    BoardFilters,
    allowed_moves,
    board_stamp,
    board_view,
    move_on_board,
    task_list,
)
from models.deadlines import DeadlineState, deadline
from models.demo import seed_demo, seed_demo_accounts
from models.errors import ConflictError, PermissionDenied
from models.synthetic import seed_synthetic
from models.tables import CATEGORY_CODES, Agency, Category, Recurrence, Role, Status, Task, User
from models.tasks import set_progress
from models.text import fold
from models.workdays import default_calendar
from tests.conftest import NOW, TODAY

CAL = default_calendar()
DEMO_BY_CATEGORY = {"awareness": 4, "policy": 17, "infrastructure": 13, "platforms": 32, "data": 40, "security": 3}
OPEN = (Status.NOT_STARTED, Status.IN_PROGRESS, Status.SUBMITTED)


# --- helpers -----------------------------------------------------------------------------------------


@pytest.fixture
def demo(session):
    """The sample plan with its four demo accounts, seeded at NOW."""
    result = seed_demo(session=session, now=NOW)
    seed_demo_accounts(session=session, now=NOW)
    users = {u.username: u for u in session.exec(select(User)).all()}
    return SimpleNamespace(plan_id=result.plan_id, users=users)


def _view(session, actor, *, limits=None, lang="vi", **filters) -> dict:
    return board_view(
        session=session,
        actor=actor,
        filters=BoardFilters(**filters),
        today=TODAY,
        calendar=CAL,
        lang=lang,
        limits=limits,
    )


def _full_view(session, actor, **filters) -> dict:
    """The board with every cell opened wide enough to send all its records."""
    first = _view(session, actor, **filters)
    view = _view(session, actor, limits={key: cell["count"] + 1 for key, cell in first["cells"].items()}, **filters)
    for key, cell in view["cells"].items():
        assert len(cell["tasks"]) == cell["count"], key
    return view


def _records(view: dict) -> list[dict]:
    return [record for cell in view["cells"].values() for record in cell["tasks"]]


def _board_ids(session, actor, **filters) -> set[int]:
    ids = [record["id"] for record in _records(_full_view(session, actor, **filters))]
    assert len(ids) == len(set(ids))  # no card twice
    return set(ids)


def _total(view: dict) -> int:
    return sum(cell["count"] for cell in view["cells"].values())


def _tasks(session, plan_id: int) -> list[Task]:
    return list(session.exec(select(Task).where(Task.plan_id == plan_id)).all())


def _codes(session) -> dict[int, str]:
    """Agency id → code."""
    return {a.id: a.code for a in session.exec(select(Agency)).all()}


def _visible(tasks: list[Task], cancelled: bool = False) -> list[Task]:
    return [t for t in tasks if cancelled or t.status != Status.CANCELLED]


def _task_by_number(session, plan_id: int, number: str) -> Task:
    return session.exec(select(Task).where(Task.plan_id == plan_id, Task.number == number)).one()


def _pick(session, plan_id: int, *, status: str, lead: str | None = None, not_lead: str | None = None) -> Task:
    codes = _codes(session)
    for task in sorted(_tasks(session, plan_id), key=lambda t: t.position):
        if task.status != status or task.recurrence != Recurrence.ONCE:
            continue
        if lead is not None and codes[task.lead_agency_id] != lead:
            continue
        if not_lead is not None and codes[task.lead_agency_id] == not_lead:
            continue
        return task
    raise AssertionError(f"the demo plan has no {status} task for lead={lead} not_lead={not_lead}")


def _fresh(engine, task_id: int) -> Task:
    """The task as stored, read in a new session."""
    with Session(engine) as other:
        task = other.get(Task, task_id)
        other.expunge(task)
        return task


# --- columns, lanes and counts on the sample plan ------------------------------------------------------


@pytest.mark.parametrize("username", ["admin", "sotttt", "soyte", "bcd"])
def test_demo_board_has_four_columns_six_lanes_and_exact_counts(session, demo, username):
    actor = demo.users[username]
    tasks = _tasks(session, demo.plan_id)
    assert len(tasks) == 109
    cancelled = Counter(t.category_code for t in tasks if t.status == Status.CANCELLED)
    assert sum(cancelled.values()) == 1

    view = _view(session, actor)
    assert view["plan"]["id"] == demo.plan_id
    assert [s["code"] for s in view["statuses"]] == [str(s) for s in BOARD_STATUSES]
    assert [s["code"] for s in view["statuses"]] == ["not_started", "in_progress", "submitted", "done"]
    ordered = [c.code for c in session.exec(select(Category).order_by(Category.position)).all()]
    assert ordered == list(CATEGORY_CODES)
    assert [lane["code"] for lane in view["lanes"]] == ordered
    assert {lane["code"]: lane["count"] for lane in view["lanes"]} == {
        code: n - cancelled[code] for code, n in DEMO_BY_CATEGORY.items()
    }
    assert _total(view) == 108
    assert sum(s["count"] for s in view["statuses"]) == 108
    by_status = Counter(t.status for t in tasks if t.status != Status.CANCELLED)
    assert {s["code"]: s["count"] for s in view["statuses"]} == {str(s): by_status[s] for s in BOARD_STATUSES}
    assert view["summary"]["total"] == 108

    db = {t.id: t for t in tasks}
    for key, cell in _full_view(session, actor)["cells"].items():
        lane, status = key.split("|")
        assert cell["tasks"], key  # no empty cell is sent
        for record in cell["tasks"]:
            task = db[record["id"]]
            assert lane == task.category_code == record["c"]
            assert status == task.status == record["s"]
            assert record["v"] == task.version


def test_demo_board_with_cancelled_shows_a_fifth_column(session, demo):
    view = _view(session, demo.users["sotttt"], cancelled=True)
    assert [s["code"] for s in view["statuses"]] == ["not_started", "in_progress", "submitted", "done", "cancelled"]
    assert _total(view) == 109
    assert sum(lane["count"] for lane in view["lanes"]) == 109
    assert {lane["code"]: lane["count"] for lane in view["lanes"]} == DEMO_BY_CATEGORY
    cancelled = [t for t in _tasks(session, demo.plan_id) if t.status == Status.CANCELLED]
    assert next(s for s in view["statuses"] if s["code"] == "cancelled")["count"] == len(cancelled) == 1
    cell = view["cells"][f"{cancelled[0].category_code}|cancelled"]
    assert [r["id"] for r in cell["tasks"]] == [cancelled[0].id]
    assert view["summary"]["total"] == 108  # the summary never counts cancelled tasks


# --- search --------------------------------------------------------------------------------------------


def test_search_so_y_te_finds_the_tasks_led_by_so_y_te(session, demo):
    led = set(
        session.exec(
            select(Task.id)
            .join(Agency, Agency.id == Task.lead_agency_id)
            .where(Task.plan_id == demo.plan_id, Agency.code == "soyte", Task.status != Status.CANCELLED)
        ).all()
    )
    titled = {t.id for t in _visible(_tasks(session, demo.plan_id)) if "so y te" in fold(t.title)}
    expected = led | titled
    assert len(led) == 5
    for actor in ("sotttt", "bcd"):
        for q in ("so y te", "Sở Y tế", "SỞ Y TẾ", "  so   Y  te "):
            assert _board_ids(session, demo.users[actor], q=q) == expected, q


def test_search_ha_tang_ignores_accents_and_case(session, demo):
    expected = {t.id for t in _visible(_tasks(session, demo.plan_id)) if "ha tang" in fold(t.title)}
    assert len(expected) >= 3
    actor = demo.users["bcd"]
    plain = _board_ids(session, actor, q="ha tang")
    assert plain == expected
    assert _board_ids(session, actor, q="HẠ TẦNG") == plain
    assert _board_ids(session, actor, q="Hạ Tầng") == plain
    view = _view(session, actor, q="HẠ TẦNG")
    assert _total(view) == len(expected)
    assert view["summary"]["total"] == len(expected)


def test_search_without_a_match_gives_an_empty_board(session, demo):
    view = _view(session, demo.users["bcd"], q="khong co nhiem vu nao nhu the nay")
    assert view["cells"] == {}
    assert _total(view) == 0 and view["summary"]["total"] == 0


# --- filters -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("category", CATEGORY_CODES)
def test_category_filter(session, demo, category):
    expected = {t.id for t in _visible(_tasks(session, demo.plan_id)) if t.category_code == category}
    view = _view(session, demo.users["sotttt"], category=category)
    assert _total(view) == len(expected) > 0
    assert [lane["code"] for lane in view["lanes"]] == [category]
    assert _board_ids(session, demo.users["sotttt"], category=category) == expected


@pytest.mark.parametrize("agency", ["soyte", "sotttt", "sonv", "vnpt", "ubndnahang"])
def test_agency_filter(session, demo, agency):
    codes = _codes(session)
    expected = {t.id for t in _visible(_tasks(session, demo.plan_id)) if codes[t.lead_agency_id] == agency}
    view = _view(session, demo.users["bcd"], agency=agency)
    assert _total(view) == len(expected)
    assert all(r["ac"] == agency for r in _records(view))
    assert _board_ids(session, demo.users["bcd"], agency=agency) == expected


def test_agency_filter_with_an_unknown_code_shows_nothing(session, demo):
    assert _total(_view(session, demo.users["bcd"], agency="khongco")) == 0


@pytest.mark.parametrize("state", [s for s in DeadlineState if s != DeadlineState.CANCELLED])
def test_deadline_filter(session, demo, state):
    expected = {
        t.id for t in _visible(_tasks(session, demo.plan_id)) if deadline(t, TODAY, calendar=CAL).state == state
    }
    assert expected  # the sample plan has every state
    view = _view(session, demo.users["sotttt"], deadline=str(state))
    assert _total(view) == len(expected)
    assert all(r["bs"] == state for r in _records(view))
    assert _board_ids(session, demo.users["sotttt"], deadline=str(state)) == expected


def test_deadline_filter_cancelled_needs_the_cancelled_column(session, demo):
    actor = demo.users["sotttt"]
    assert _total(_view(session, actor, deadline="cancelled")) == 0
    cancelled = {t.id for t in _tasks(session, demo.plan_id) if t.status == Status.CANCELLED}
    assert _board_ids(session, actor, deadline="cancelled", cancelled=True) == cancelled


@pytest.mark.parametrize("within", [0, 1, 3, 6, 10, 30, 120])
def test_due_within_filter(session, demo, within):
    expected = {
        t.id
        for t in _tasks(session, demo.plan_id)
        if t.status in OPEN
        and t.due_date is not None
        and t.due_date >= TODAY
        and CAL.working_days_until(TODAY, t.due_date) <= within
    }
    actor = demo.users["sotttt"]
    assert _board_ids(session, actor, due_within=within) == expected
    assert _board_ids(session, actor, due_within=within, cancelled=True) == expected  # never a cancelled task
    assert _total(_view(session, actor, due_within=within)) == len(expected)


def test_due_within_filter_keeps_only_open_tasks_from_today(session, make):
    """Done and cancelled tasks are never "due within", whatever their deadline; nor is a past deadline."""
    agency = make.agency()
    plan = make.plan(code="04/KH-HAN")
    actor = make.user(Role.VIEWER)
    ahead = CAL.add_working_days
    wanted = {
        make.task(plan, agency, status=Status.NOT_STARTED, due_date=TODAY).id,
        make.task(plan, agency, status=Status.IN_PROGRESS, due_date=ahead(TODAY, 3)).id,
        make.task(plan, agency, status=Status.SUBMITTED, due_date=ahead(TODAY, 5), submitted_on=TODAY).id,
    }
    make.task(plan, agency, status=Status.DONE, due_date=ahead(TODAY, 2), completed_on=TODAY, progress=100)
    make.task(plan, agency, status=Status.CANCELLED, due_date=ahead(TODAY, 2))
    make.task(plan, agency, status=Status.IN_PROGRESS, due_date=TODAY - timedelta(days=1))
    make.task(plan, agency, status=Status.IN_PROGRESS, due_date=None, recurrence=Recurrence.ONGOING)
    later = make.task(plan, agency, status=Status.IN_PROGRESS, due_date=ahead(TODAY, 6)).id
    for cancelled in (False, True):
        assert _board_ids(session, actor, plan=plan.id, due_within=5, cancelled=cancelled) == wanted
        assert _board_ids(session, actor, plan=plan.id, due_within=6, cancelled=cancelled) == wanted | {later}
    assert len(_board_ids(session, actor, plan=plan.id, due_within=0)) == 1
    assert len(_board_ids(session, actor, plan=plan.id)) == 7


def test_due_within_filter_grows_with_the_window(session, demo):
    actor = demo.users["bcd"]
    sizes = [len(_board_ids(session, actor, due_within=n)) for n in (0, 6, 120, 366)]
    assert sizes == sorted(sizes)
    assert sizes[1] > 0  # the sample plan has tasks due within 1 to 6 working days
    assert sizes[-1] < 108  # done, overdue, ongoing tasks are never "due within"


def test_mine_for_an_agency_officer_shows_only_their_agency(session, demo):
    soyte = demo.users["soyte"]
    agency = session.get(Agency, soyte.agency_id)
    assert agency.code == "soyte"
    expected = {t.id for t in _visible(_tasks(session, demo.plan_id)) if t.lead_agency_id == soyte.agency_id}
    assert len(expected) == 5
    assert _board_ids(session, soyte, mine=True) == expected
    assert all(r["ac"] == "soyte" for r in _records(_view(session, soyte, mine=True)))
    sotttt = demo.users["sotttt"]
    own = {t.id for t in _visible(_tasks(session, demo.plan_id)) if t.lead_agency_id == sotttt.agency_id}
    assert own and _board_ids(session, sotttt, mine=True) == own


@pytest.mark.parametrize("username", ["admin", "bcd"])
def test_mine_for_an_actor_without_agency_shows_nothing(session, demo, username):
    actor = demo.users[username]
    assert actor.agency_id is None
    view = _view(session, actor, mine=True)
    assert _total(view) == 0
    assert view["cells"] == {}
    assert view["summary"]["total"] == 0


@pytest.mark.parametrize("category", ["", "data", "platforms"])
def test_group_by_agency(session, demo, category):
    codes = _codes(session)
    agencies = {a.code: a for a in session.exec(select(Agency)).all()}
    remaining = [t for t in _visible(_tasks(session, demo.plan_id)) if not category or t.category_code == category]
    expected = Counter(codes[t.lead_agency_id] for t in remaining)
    view = _view(session, demo.users["bcd"], group="agency", category=category)
    assert view["group"] == "agency"
    lanes = view["lanes"]
    assert sorted(lane["code"] for lane in lanes) == sorted(expected)
    assert {lane["code"]: lane["count"] for lane in lanes} == dict(expected)
    assert [lane["code"] for lane in lanes] == sorted(expected, key=lambda c: fold(agencies[c].short_name))
    assert all(lane["label"] == agencies[lane["code"]].short_name for lane in lanes)
    assert _total(view) == len(remaining)
    for key, cell in _full_view(session, demo.users["bcd"], group="agency", category=category)["cells"].items():
        lane, status = key.split("|")
        assert all(r["ac"] == lane and r["s"] == status for r in cell["tasks"]), key


def test_filters_combine(session, demo):
    codes = _codes(session)
    expected = {
        t.id
        for t in _visible(_tasks(session, demo.plan_id))
        if t.category_code == "data" and deadline(t, TODAY, calendar=CAL).state == DeadlineState.DONE_ON_TIME
    }
    assert expected
    assert _board_ids(session, demo.users["bcd"], category="data", deadline="done_on_time") == expected
    soyte_platforms = {t.id for t in _visible(_tasks(session, demo.plan_id)) if codes[t.lead_agency_id] == "soyte"} & {
        t.id for t in _tasks(session, demo.plan_id) if t.category_code == "platforms"
    }
    assert _board_ids(session, demo.users["bcd"], agency="soyte", category="platforms") == soyte_platforms


# --- URL parameters ------------------------------------------------------------------------------------


def test_filters_round_trip_through_url_parameters():
    full = BoardFilters(
        category="data",
        agency="soyte",
        deadline="overdue",
        due_within=10,
        mine=True,
        q="hạ tầng",
        cancelled=True,
        group="agency",
        plan=7,
    )
    params = full.to_params()
    assert params == {
        "cat": "data",
        "agency": "soyte",
        "dl": "overdue",
        "within": "10",
        "mine": "1",
        "q": "hạ tầng",
        "cancelled": "1",
        "group": "agency",
        "plan": "7",
    }
    assert BoardFilters.from_params(params) == full
    for filters in (
        BoardFilters(),
        BoardFilters(due_within=0),
        BoardFilters(deadline="due_soon", q="so y te"),
        BoardFilters(category="security", plan=1),
    ):
        assert BoardFilters.from_params(filters.to_params()) == filters
    assert BoardFilters().to_params() == {}
    assert BoardFilters.from_params({}) == BoardFilters()


def test_malformed_parameters_fall_back_to_defaults():
    filters = BoardFilters.from_params(
        {"within": "abc", "dl": "bogus", "group": "x", "mine": "maybe", "cancelled": "0", "plan": "p"}
    )
    assert filters == BoardFilters()
    assert filters.due_within is None and filters.deadline == "" and filters.group == "category"
    assert BoardFilters.from_params({"within": "-1"}).due_within is None
    assert BoardFilters.from_params({"within": "367"}).due_within is None
    assert BoardFilters.from_params({"within": " 12 "}).due_within == 12
    assert BoardFilters.from_params({"mine": "true", "cancelled": "on"}) == BoardFilters(mine=True, cancelled=True)


def test_malformed_parameters_give_the_default_board(session, demo):
    actor = demo.users["bcd"]
    filters = BoardFilters.from_params({"within": "abc", "dl": "bogus", "group": "x"})
    view = board_view(session=session, actor=actor, filters=filters, today=TODAY, calendar=CAL)
    assert _total(view) == 108 and len(view["lanes"]) == 6 and view["group"] == "category"


# --- cell limits ---------------------------------------------------------------------------------------


def test_cell_limit_sends_fewer_records_but_the_exact_count(session, demo):
    actor = demo.users["sotttt"]
    plain = _view(session, actor)
    key, big = max(plain["cells"].items(), key=lambda kv: kv[1]["count"])
    assert big["count"] > 2
    limited = _view(session, actor, limits={key: 2})
    assert len(limited["cells"][key]["tasks"]) == 2
    assert limited["cells"][key]["count"] == big["count"]
    assert [r["id"] for r in limited["cells"][key]["tasks"]] == [r["id"] for r in big["tasks"][:2]]
    for other, cell in limited["cells"].items():
        assert cell["count"] == plain["cells"][other]["count"]
        if other != key:
            assert len(cell["tasks"]) == min(cell["count"], DEFAULT_CELL_LIMIT), other
    assert _total(limited) == 108
    assert limited["summary"] == plain["summary"]
    assert {lane["code"]: lane["count"] for lane in limited["lanes"]} == {
        lane["code"]: lane["count"] for lane in plain["lanes"]
    }


def test_synthetic_plan_of_2000_tasks_is_capped_per_cell(session, make):
    actor = make.user(Role.VIEWER)
    result = seed_synthetic(session=session, n=2000, now=NOW)
    assert result.created and result.tasks == 2000
    tasks = _tasks(session, result.plan_id)
    assert len(tasks) == 2000
    visible = _visible(tasks)
    assert len(visible) < 2000  # a few cancelled ones

    view = _view(session, actor, plan=result.plan_id)
    assert view["plan"]["id"] == result.plan_id
    assert all(len(cell["tasks"]) <= DEFAULT_CELL_LIMIT for cell in view["cells"].values())
    assert all(len(cell["tasks"]) == min(cell["count"], DEFAULT_CELL_LIMIT) for cell in view["cells"].values())
    assert any(cell["count"] > DEFAULT_CELL_LIMIT for cell in view["cells"].values())
    assert _total(view) == len(visible)
    assert {k: c["count"] for k, c in view["cells"].items()} == dict(
        Counter(f"{t.category_code}|{t.status}" for t in visible)
    )
    assert {lane["code"]: lane["count"] for lane in view["lanes"]} == dict(Counter(t.category_code for t in visible))
    assert [lane["code"] for lane in view["lanes"]] == list(CATEGORY_CODES)

    states = [deadline(t, TODAY, calendar=CAL).state for t in visible]
    assert view["summary"] == {
        "total": len(visible),
        "overdue": states.count(DeadlineState.OVERDUE),
        "due_soon": states.count(DeadlineState.DUE_SOON),
        "done": states.count(DeadlineState.DONE_ON_TIME) + states.count(DeadlineState.DONE_LATE),
    }
    assert view["summary"]["overdue"] > 0 and view["summary"]["due_soon"] > 0 and view["summary"]["done"] > 0

    # "More" on one cell sends more of it; a limit of 2 on another trims it; the rest keep the default.
    big = sorted((k for k, c in view["cells"].items() if c["count"] > DEFAULT_CELL_LIMIT + 20), key=str)
    assert len(big) >= 2
    wide, narrow = big[0], big[1]
    limited = _view(session, actor, plan=result.plan_id, limits={wide: DEFAULT_CELL_LIMIT + 15, narrow: 2})
    assert len(limited["cells"][wide]["tasks"]) == DEFAULT_CELL_LIMIT + 15
    assert len(limited["cells"][narrow]["tasks"]) == 2
    for key, cell in limited["cells"].items():
        assert cell["count"] == view["cells"][key]["count"]
        if key not in (wide, narrow):
            assert len(cell["tasks"]) == min(cell["count"], DEFAULT_CELL_LIMIT), key
    assert limited["summary"] == view["summary"]

    listed = task_list(
        session=session, actor=actor, filters=BoardFilters(plan=result.plan_id), today=TODAY, calendar=CAL
    )
    assert len(listed["rows"]) == len(visible)  # the list view is never capped
    assert listed["summary"] == view["summary"]


# --- allowed moves -------------------------------------------------------------------------------------


def test_allowed_moves_for_an_agency_officer(session, demo):
    soyte = demo.users["soyte"]
    own = _pick(session, demo.plan_id, status=Status.IN_PROGRESS, lead="soyte")
    assert allowed_moves(soyte, own) == ["submitted"]
    for status in (Status.NOT_STARTED, Status.IN_PROGRESS, Status.SUBMITTED, Status.DONE):
        other = _pick(session, demo.plan_id, status=status, not_lead="soyte")
        assert allowed_moves(soyte, other) == [], status


def test_allowed_moves_for_the_coordinator_and_admin(session, demo):
    for username in ("sotttt", "admin"):
        actor = demo.users[username]
        submitted = _pick(session, demo.plan_id, status=Status.SUBMITTED, not_lead="sotttt")
        assert allowed_moves(actor, submitted) == ["done", "in_progress", "cancelled"]
        assert allowed_moves(actor, _pick(session, demo.plan_id, status=Status.IN_PROGRESS)) == [
            "submitted",
            "cancelled",
        ]
        assert allowed_moves(actor, _pick(session, demo.plan_id, status=Status.NOT_STARTED)) == [
            "in_progress",
            "cancelled",
        ]
        assert allowed_moves(actor, _pick(session, demo.plan_id, status=Status.DONE)) == []


def test_allowed_moves_for_the_steering_committee_are_none(session, demo):
    bcd = demo.users["bcd"]
    assert all(allowed_moves(bcd, task) == [] for task in _tasks(session, demo.plan_id))


@pytest.mark.parametrize("username", ["admin", "sotttt", "soyte", "bcd"])
def test_records_carry_the_allowed_moves(session, demo, username):
    actor = demo.users[username]
    db = {t.id: t for t in _tasks(session, demo.plan_id)}
    records = _records(_full_view(session, actor, cancelled=True))
    assert len(records) == 109
    for record in records:
        assert record["m"] == allowed_moves(actor, db[record["id"]]), record["id"]
    with_moves = {r["id"] for r in records if r["m"]}
    if username == "bcd":
        assert with_moves == set()
    elif username == "soyte":
        assert with_moves == {
            t.id for t in db.values() if t.lead_agency_id == actor.agency_id and t.status == Status.IN_PROGRESS
        }
        assert all(r["m"] == ["submitted"] for r in records if r["m"])
    else:
        assert with_moves == {t.id for t in db.values() if t.status in OPEN}


# --- moves ---------------------------------------------------------------------------------------------


def test_agency_dropping_on_done_submits(session, engine, demo):
    soyte = demo.users["soyte"]
    task = _pick(session, demo.plan_id, status=Status.IN_PROGRESS, lead="soyte")
    result = move_on_board(
        session=session, task_id=task.id, target="done", expected_version=task.version, actor=soyte, now=NOW
    )
    assert result.target == "submitted"
    assert result.task.id == task.id and result.task.status == Status.SUBMITTED
    stored = _fresh(engine, task.id)
    assert stored.status == Status.SUBMITTED
    assert stored.submitted_on == TODAY and stored.completed_on is None
    assert stored.version == task.version
    board = _full_view(session, soyte)
    assert task.id in {r["id"] for r in board["cells"][f"{task.category_code}|submitted"]["tasks"]}


def test_agency_submitting_its_own_task_directly(session, engine, demo):
    soyte = demo.users["soyte"]
    task = _pick(session, demo.plan_id, status=Status.IN_PROGRESS, lead="soyte")
    result = move_on_board(
        session=session, task_id=task.id, target="submitted", expected_version=task.version, actor=soyte, now=NOW
    )
    assert result.target == "submitted"
    assert _fresh(engine, task.id).status == Status.SUBMITTED


@pytest.mark.parametrize("target", ["submitted", "done", "cancelled"])
def test_agency_moving_another_agencys_task_is_refused(session, engine, demo, target):
    soyte = demo.users["soyte"]
    task = _pick(session, demo.plan_id, status=Status.IN_PROGRESS, not_lead="soyte")
    before = _fresh(engine, task.id)
    stamp = board_stamp(session=session, plan_id=demo.plan_id)
    with pytest.raises(PermissionDenied):
        move_on_board(
            session=session, task_id=task.id, target=target, expected_version=task.version, actor=soyte, now=NOW
        )
    after = _fresh(engine, task.id)
    assert (after.status, after.version, after.progress, after.submitted_on) == (
        before.status,
        before.version,
        before.progress,
        before.submitted_on,
    )
    assert board_stamp(session=session, plan_id=demo.plan_id) == stamp


def test_viewer_cannot_move(session, engine, demo):
    task = _pick(session, demo.plan_id, status=Status.SUBMITTED)
    with pytest.raises(PermissionDenied):
        move_on_board(
            session=session,
            task_id=task.id,
            target="done",
            expected_version=task.version,
            actor=demo.users["bcd"],
            now=NOW,
        )
    assert _fresh(engine, task.id).status == Status.SUBMITTED


def test_stale_version_raises_conflict_with_the_current_task(session, engine, demo):
    sotttt = demo.users["sotttt"]
    task = _pick(session, demo.plan_id, status=Status.SUBMITTED)
    current_version = task.version
    with pytest.raises(ConflictError) as raised:
        move_on_board(
            session=session,
            task_id=task.id,
            target="done",
            expected_version=current_version - 1,
            actor=sotttt,
            now=NOW,
        )
    assert raised.value.current is not None
    assert raised.value.current.id == task.id
    assert raised.value.current.version == current_version
    assert raised.value.current.status == Status.SUBMITTED
    stored = _fresh(engine, task.id)
    assert stored.status == Status.SUBMITTED and stored.version == current_version


def test_coordinator_confirms_a_submitted_task(session, engine, demo):
    sotttt = demo.users["sotttt"]
    task = _pick(session, demo.plan_id, status=Status.SUBMITTED)
    submitted_on = task.submitted_on
    result = move_on_board(
        session=session, task_id=task.id, target="done", expected_version=task.version, actor=sotttt, now=NOW
    )
    assert result.target == "done"
    assert result.task.status == Status.DONE
    stored = _fresh(engine, task.id)
    assert stored.status == Status.DONE
    assert stored.completed_on == submitted_on and stored.progress == 100
    board = _full_view(session, sotttt)
    assert task.id in {r["id"] for r in board["cells"][f"{task.category_code}|done"]["tasks"]}


# --- the stamp -----------------------------------------------------------------------------------------


def test_board_stamp_changes_with_any_task_change(session, demo):
    soyte = demo.users["soyte"]
    stamp = board_stamp(session=session, plan_id=demo.plan_id)
    assert board_stamp(session=session, plan_id=demo.plan_id) == stamp
    assert _view(session, soyte)["stamp"] == stamp

    task = _pick(session, demo.plan_id, status=Status.IN_PROGRESS, lead="soyte")
    new_progress = 5 if task.progress != 5 else 10
    updated = set_progress(
        session=session,
        task_id=task.id,
        expected_version=task.version,
        progress=new_progress,
        actor=soyte,
        now=NOW + timedelta(minutes=5),
    )
    after_progress = board_stamp(session=session, plan_id=demo.plan_id)
    assert after_progress != stamp
    assert board_stamp(session=session, plan_id=demo.plan_id) == after_progress
    assert _view(session, soyte)["stamp"] == after_progress

    # Setting the same value again changes nothing, so the stamp stays.
    set_progress(
        session=session,
        task_id=task.id,
        expected_version=updated.version,
        progress=new_progress,
        actor=soyte,
        now=NOW + timedelta(minutes=6),
    )
    assert board_stamp(session=session, plan_id=demo.plan_id) == after_progress

    move_on_board(
        session=session, task_id=task.id, target="done", expected_version=updated.version, actor=soyte, now=NOW
    )
    assert board_stamp(session=session, plan_id=demo.plan_id) not in (stamp, after_progress)


def test_board_stamp_changes_with_a_progress_update_at_the_same_moment(session, demo):
    """Even when the update carries the very moment of seeding, the stamp moves."""
    sotttt = demo.users["sotttt"]
    stamp = board_stamp(session=session, plan_id=demo.plan_id)
    task = _pick(session, demo.plan_id, status=Status.IN_PROGRESS)
    set_progress(
        session=session,
        task_id=task.id,
        expected_version=task.version,
        progress=(task.progress + 5) % 100,
        actor=sotttt,
        now=NOW,
    )
    assert board_stamp(session=session, plan_id=demo.plan_id) != stamp


def test_board_stamp_of_another_plan_is_unaffected(session, demo, make):
    agency = make.agency()
    other = make.plan(code="02/KH-KHAC")
    make.task(other, agency)
    other_stamp = board_stamp(session=session, plan_id=other.id)
    sotttt = demo.users["sotttt"]
    task = _pick(session, demo.plan_id, status=Status.SUBMITTED)
    move_on_board(session=session, task_id=task.id, target="done", expected_version=task.version, actor=sotttt, now=NOW)
    assert board_stamp(session=session, plan_id=other.id) == other_stamp


# --- the list view -------------------------------------------------------------------------------------

LIST_COMBINATIONS = [
    ("bcd", {}),
    ("sotttt", {"cancelled": True}),
    ("bcd", {"category": "data"}),
    ("sotttt", {"agency": "soyte"}),
    ("bcd", {"deadline": "overdue"}),
    ("sotttt", {"due_within": 10}),
    ("bcd", {"q": "HẠ TẦNG"}),
    ("soyte", {"mine": True}),
    ("admin", {"mine": True}),
    ("bcd", {"group": "agency", "category": "platforms"}),
    ("sotttt", {"category": "platforms", "deadline": "done_on_time", "cancelled": True}),
]


@pytest.mark.parametrize(("username", "filters"), LIST_COMBINATIONS, ids=lambda v: str(v))
def test_task_list_has_the_same_tasks_as_the_board(session, demo, username, filters):
    actor = demo.users[username]
    db = {t.id: t for t in _tasks(session, demo.plan_id)}
    listed = task_list(session=session, actor=actor, filters=BoardFilters(**filters), today=TODAY, calendar=CAL)
    board = _view(session, actor, **filters)
    assert listed["plan"]["id"] == demo.plan_id
    assert all(isinstance(row["id"], str) for row in listed["rows"])
    ids = [int(row["id"]) for row in listed["rows"]]
    assert len(ids) == len(set(ids))
    assert set(ids) == _board_ids(session, actor, **filters)
    assert len(ids) == _total(board)
    assert listed["summary"] == board["summary"]
    for row in listed["rows"]:
        task = db[int(row["id"])]
        assert row["due"] == (task.due_date.isoformat() if task.due_date else "")
        assert row["title"] == task.title
        assert row["progress"] == task.progress
    if username == "admin" and filters.get("mine"):
        assert ids == []


def test_task_list_keeps_plan_order(session, demo):
    listed = task_list(session=session, actor=demo.users["bcd"], filters=BoardFilters(), today=TODAY, calendar=CAL)
    db = {t.id: t for t in _tasks(session, demo.plan_id)}
    positions = [db[int(row["id"])].position for row in listed["rows"]]
    assert positions == sorted(positions) and len(positions) == 108


# --- text is data --------------------------------------------------------------------------------------


def test_record_text_is_plain(session, make):
    agency = make.agency(code="tag", name="<b>Cơ quan</b>")
    plan = make.plan(code="03/KH-XSS")
    title = '<script>alert("x")</script> & <img src=x onerror=alert(1)> Hạ tầng'
    task = make.task(plan, agency, title=title)
    actor = make.user(Role.COORDINATOR)
    view = _view(session, actor, plan=plan.id)
    [record] = _records(view)
    assert record["id"] == task.id
    assert isinstance(record["t"], str) and record["t"] == title
    listed = task_list(session=session, actor=actor, filters=BoardFilters(plan=plan.id), today=TODAY, calendar=CAL)
    assert [row["title"] for row in listed["rows"]] == [title]
    # The board's search still finds it by its words.
    assert [r["id"] for r in _records(_view(session, actor, plan=plan.id, q="script"))] == [task.id]


def test_coordinator_dropping_an_in_progress_card_on_done_submits_and_confirms(session, make):
    """Two steps, each with its audit event, so the history shows who reported and who confirmed."""
    from models.board import move_on_board as move
    from models.tables import Role, TaskEvent
    from tests.conftest import NOW

    plan, lead = make.plan(code="CHAIN"), make.agency("chain")
    task = make.task(plan, lead, status=Status.IN_PROGRESS)
    coordinator = make.user(Role.COORDINATOR)
    result = move(session=session, task_id=task.id, target="done", expected_version=1, actor=coordinator, now=NOW)
    assert result.target == "done"
    with Session(session.get_bind()) as fresh:
        stored = fresh.get(Task, task.id)
        assert (stored.status, stored.version, stored.completed_on) == ("done", 3, NOW.date())
        moves = fresh.exec(
            select(TaskEvent.before, TaskEvent.after).where(TaskEvent.task_id == task.id, TaskEvent.field == "status")
        ).all()
    assert [tuple(m) for m in moves] == [("in_progress", "submitted"), ("submitted", "done")]


@pytest.mark.parametrize("day", [TODAY, date(2026, 2, 17), date(2026, 12, 31), date(2027, 1, 4)], ids=str)
def test_the_sql_deadline_state_equals_the_rule_on_every_task(session, day):
    """The board counts and filters in SQL: its state expression must agree with deadline() everywhere."""
    from models.board import state_expression
    from models.synthetic import seed_synthetic
    from models.workdays import default_calendar

    seed_demo(session=session, now=NOW)
    seed_synthetic(session=session, n=600, seed=7, now=NOW)
    calendar = default_calendar()
    rows = session.exec(select(Task, state_expression(day, calendar))).all()
    assert len(rows) == 709
    mismatched = [
        (task.number, task.status, task.due_date, sql_state)
        for task, sql_state in rows
        if sql_state != deadline(task, day, calendar=calendar).state
    ]
    assert mismatched == []
