"""The permission matrix, written out as a table: role × action × relation to the task.

The expected values come from the roles in the issue, not from models.permissions.RULES, so a change to
the rules that the issue does not allow makes a row fail here.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from models.permissions import Action, Relation, can, move_action, relation
from models.tables import Role, Status
from models.workflow import TRANSITIONS

LEAD_AGENCY, COORDINATING_AGENCY, OTHER_AGENCY = 10, 20, 30
COORDINATING_IDS = (COORDINATING_AGENCY, 21)
RELATIONS = ("lead", "coordinating", "other")
ROLES = ("admin", "coordinator", "agency", "viewer")

Y, N = True, False

# action → role → (lead, coordinating, other). Written out by hand from the list of roles.
EXPECTED: dict[str, dict[str, tuple[bool, bool, bool]]] = {
    "view": {"admin": (Y, Y, Y), "coordinator": (Y, Y, Y), "agency": (Y, Y, Y), "viewer": (Y, Y, Y)},
    "edit_task": {"admin": (Y, Y, Y), "coordinator": (Y, Y, Y), "agency": (N, N, N), "viewer": (N, N, N)},
    "start": {"admin": (Y, Y, Y), "coordinator": (Y, Y, Y), "agency": (Y, N, N), "viewer": (N, N, N)},
    "submit": {"admin": (Y, Y, Y), "coordinator": (Y, Y, Y), "agency": (Y, N, N), "viewer": (N, N, N)},
    "confirm": {"admin": (Y, Y, Y), "coordinator": (Y, Y, Y), "agency": (N, N, N), "viewer": (N, N, N)},
    "return": {"admin": (Y, Y, Y), "coordinator": (Y, Y, Y), "agency": (N, N, N), "viewer": (N, N, N)},
    "cancel": {"admin": (Y, Y, Y), "coordinator": (Y, Y, Y), "agency": (N, N, N), "viewer": (N, N, N)},
    "report_progress": {"admin": (Y, Y, Y), "coordinator": (Y, Y, Y), "agency": (Y, N, N), "viewer": (N, N, N)},
    "comment": {"admin": (Y, Y, Y), "coordinator": (Y, Y, Y), "agency": (Y, Y, N), "viewer": (N, N, N)},
    "request_extension": {"admin": (Y, Y, Y), "coordinator": (Y, Y, Y), "agency": (Y, N, N), "viewer": (N, N, N)},
    "decide_extension": {"admin": (Y, Y, Y), "coordinator": (Y, Y, Y), "agency": (N, N, N), "viewer": (N, N, N)},
    "import_plan": {"admin": (Y, Y, Y), "coordinator": (Y, Y, Y), "agency": (N, N, N), "viewer": (N, N, N)},
    "send_reminders": {"admin": (Y, Y, Y), "coordinator": (Y, Y, Y), "agency": (N, N, N), "viewer": (N, N, N)},
    "write_reports": {"admin": (Y, Y, Y), "coordinator": (Y, Y, Y), "agency": (N, N, N), "viewer": (N, N, N)},
    "export": {"admin": (Y, Y, Y), "coordinator": (Y, Y, Y), "agency": (N, N, N), "viewer": (Y, Y, Y)},
    "review_comment": {"admin": (Y, Y, Y), "coordinator": (Y, Y, Y), "agency": (N, N, N), "viewer": (Y, Y, Y)},
    "view_audit": {"admin": (Y, Y, Y), "coordinator": (Y, Y, Y), "agency": (N, N, N), "viewer": (N, N, N)},
    "manage_users": {"admin": (Y, Y, Y), "coordinator": (N, N, N), "agency": (N, N, N), "viewer": (N, N, N)},
}

CASES = [
    (role, action, rel, allowed)
    for action, by_role in EXPECTED.items()
    for role, row in by_role.items()
    for rel, allowed in zip(RELATIONS, row, strict=True)
]


def _task(task_id: int = 1, lead_agency_id: int | None = LEAD_AGENCY) -> SimpleNamespace:
    return SimpleNamespace(id=task_id, lead_agency_id=lead_agency_id)


def _actor(role: str, rel: str, *, is_active: bool = True) -> SimpleNamespace:
    """An actor whose agency stands to `_task()` as `rel` (managers and viewers get an agency too)."""
    agency_id = {"lead": LEAD_AGENCY, "coordinating": COORDINATING_AGENCY, "other": OTHER_AGENCY}[rel]
    return SimpleNamespace(id=7, role=role, agency_id=agency_id, is_active=is_active)


def test_the_table_covers_every_action_role_and_relation():
    assert set(EXPECTED) == {str(action) for action in Action}
    for action, by_role in EXPECTED.items():
        assert set(by_role) == set(ROLES), action
        assert all(len(row) == len(RELATIONS) for row in by_role.values()), action
    assert set(ROLES) == {str(role) for role in Role}
    assert set(RELATIONS) == {str(rel) for rel in Relation}
    assert len(CASES) == len(Action) * len(ROLES) * len(RELATIONS)


@pytest.mark.parametrize(("role", "action", "rel", "allowed"), CASES)
def test_permission_matrix(role, action, rel, allowed):
    actor, task = _actor(role, rel), _task()
    assert relation(actor, task, COORDINATING_IDS) == Relation(rel)
    assert can(actor, Action(action), task, COORDINATING_IDS) is allowed


@pytest.mark.parametrize("role", ROLES)
def test_roles_as_string_or_enum_agree(role):
    """A User row may carry the role as a plain string or as the Role enum."""
    task = _task()
    for action in Action:
        for rel in RELATIONS:
            as_str = can(_actor(role, rel), action, task, COORDINATING_IDS)
            actor = _actor(role, rel)
            actor.role = Role(role)
            assert can(actor, action, task, COORDINATING_IDS) is as_str


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("rel", RELATIONS)
def test_inactive_users_can_do_nothing(role, rel):
    actor = _actor(role, rel, is_active=False)
    assert not [action for action in Action if can(actor, action, _task(), COORDINATING_IDS)]


def test_an_inactive_admin_can_do_nothing_not_even_view():
    admin = SimpleNamespace(id=1, role="admin", agency_id=None, is_active=False)
    for action in Action:
        assert can(admin, action, _task()) is False, action
        assert can(admin, action) is False, action
    assert can(SimpleNamespace(id=1, role="admin", agency_id=None, is_active=True), Action.MANAGE_USERS) is True


def test_an_agency_officer_without_an_agency_relates_as_other():
    officer = SimpleNamespace(id=3, role="agency", agency_id=None, is_active=True)
    task_without_lead = _task(lead_agency_id=None)
    assert relation(officer, _task(), COORDINATING_IDS) == Relation.OTHER
    # None must not match a task whose lead is missing, nor a None among the coordinating ids.
    assert relation(officer, task_without_lead, [None, COORDINATING_AGENCY]) == Relation.OTHER
    for task in (_task(), task_without_lead):
        allowed = {action for action in Action if can(officer, action, task, [None, *COORDINATING_IDS])}
        assert allowed == {Action.VIEW}


def test_relation_prefers_lead_over_coordinating_and_needs_a_task_for_lead():
    officer = SimpleNamespace(id=3, role="agency", agency_id=LEAD_AGENCY, is_active=True)
    assert relation(officer, _task(), [LEAD_AGENCY]) == Relation.LEAD
    assert relation(officer, None) == Relation.OTHER
    assert can(officer, Action.START, None) is False
    assert can(officer, Action.VIEW, None) is True


def test_coordinating_ids_may_be_any_iterable():
    officer = SimpleNamespace(id=3, role="agency", agency_id=COORDINATING_AGENCY, is_active=True)
    task = _task()
    assert can(officer, Action.COMMENT, task, iter(COORDINATING_IDS)) is True
    assert can(officer, Action.COMMENT, task, {COORDINATING_AGENCY}) is True
    assert can(officer, Action.COMMENT, task) is False


@pytest.mark.parametrize("role", ["", "superuser", "Admin", "ADMIN", "anonymous", None])
@pytest.mark.parametrize("rel", RELATIONS)
def test_unknown_roles_can_do_nothing(role, rel):
    actor = _actor("admin", rel)
    actor.role = role
    assert not [action for action in Action if can(actor, action, _task(), COORDINATING_IDS)]


def test_an_actor_without_is_active_counts_as_active():
    """Actors other than User rows (e.g. the system) may lack the flag."""
    actor = SimpleNamespace(id=None, role="coordinator", agency_id=None)
    assert can(actor, Action.CONFIRM, _task()) is True


# (source, target) → action, for every move the workflow allows.
LEGAL_MOVES = {
    ("not_started", "in_progress"): Action.START,
    ("in_progress", "submitted"): Action.SUBMIT,
    ("submitted", "done"): Action.CONFIRM,
    ("submitted", "in_progress"): Action.RETURN,
    ("not_started", "cancelled"): Action.CANCEL,
    ("in_progress", "cancelled"): Action.CANCEL,
    ("submitted", "cancelled"): Action.CANCEL,
}


def test_the_move_table_lists_every_legal_move():
    legal = {(str(source), str(target)) for source, targets in TRANSITIONS.items() for target in targets}
    assert set(LEGAL_MOVES) == legal


@pytest.mark.parametrize(("source", "target", "action"), [(s, t, a) for (s, t), a in LEGAL_MOVES.items()])
def test_move_action_maps_each_legal_move(source, target, action):
    assert move_action(source, target) == action
    assert move_action(Status(source), Status(target)) == action


def test_move_actions_follow_the_roles():
    """What an agency officer of the lead agency may do with each legal move."""
    officer = SimpleNamespace(id=3, role="agency", agency_id=LEAD_AGENCY, is_active=True)
    coordinator = SimpleNamespace(id=4, role="coordinator", agency_id=None, is_active=True)
    allowed = {move: can(officer, move_action(*move), _task()) for move in LEGAL_MOVES}
    assert allowed == {
        ("not_started", "in_progress"): True,
        ("in_progress", "submitted"): True,
        ("submitted", "done"): False,
        ("submitted", "in_progress"): False,
        ("not_started", "cancelled"): False,
        ("in_progress", "cancelled"): False,
        ("submitted", "cancelled"): False,
    }
    assert all(can(coordinator, move_action(*move), _task()) for move in LEGAL_MOVES)
