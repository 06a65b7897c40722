"""Who may do what: the one module that decides. Pure functions of (actor, action, task relation).

Roles:
- admin: everything, users and agencies included;
- coordinator (Sở TT&TT): every task, confirms or returns submitted work, extensions, imports,
  reminders, reports, the audit trail;
- agency: an officer of one agency: status, progress, evidence and comments of the tasks their agency
  leads; comments where their agency coordinates; extension requests; submits, never confirms;
- viewer (steering committee): reads everything, comments in review sessions, changes nothing.
SYSTEM is the actor for command-line maintenance run by an operator (seeding, imports, jobs).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

from models.tables import Role, Status


class Actor(Protocol):
    """Anything with a role and an agency: a User row, the signed-in user, or SYSTEM."""

    id: int | None
    role: str
    agency_id: int | None


@dataclass(frozen=True)
class SystemActor:
    """The tracker itself, acting for an operator at the command line."""

    id: None = None
    role: str = "system"
    agency_id: None = None
    username: str = "system"
    full_name: str = ""
    is_active: bool = True


SYSTEM = SystemActor()


class Action(StrEnum):
    """Everything the permission module is asked about."""

    VIEW = "view"
    EDIT_TASK = "edit_task"
    START = "start"
    SUBMIT = "submit"
    CONFIRM = "confirm"
    RETURN = "return"
    CANCEL = "cancel"
    REPORT_PROGRESS = "report_progress"
    COMMENT = "comment"
    REQUEST_EXTENSION = "request_extension"
    DECIDE_EXTENSION = "decide_extension"
    IMPORT_PLAN = "import_plan"
    SEND_REMINDERS = "send_reminders"
    WRITE_REPORTS = "write_reports"
    EXPORT = "export"
    REVIEW_COMMENT = "review_comment"
    VIEW_AUDIT = "view_audit"
    MANAGE_USERS = "manage_users"


class Relation(StrEnum):
    """How the actor's agency stands to a task."""

    LEAD = "lead"
    COORDINATING = "coordinating"
    OTHER = "other"


ANY = frozenset(Relation)
LEAD_ONLY = frozenset({Relation.LEAD})
LEAD_OR_COORDINATING = frozenset({Relation.LEAD, Relation.COORDINATING})
NOTHING: frozenset[Relation] = frozenset()

# role → action → the relations to the task under which the action is allowed.
RULES: dict[str, dict[Action, frozenset[Relation]]] = {
    Role.ADMIN: {action: ANY for action in Action},
    Role.COORDINATOR: {action: ANY for action in Action if action != Action.MANAGE_USERS},
    Role.AGENCY: {
        Action.VIEW: ANY,
        Action.START: LEAD_ONLY,
        Action.SUBMIT: LEAD_ONLY,
        Action.REPORT_PROGRESS: LEAD_ONLY,
        Action.REQUEST_EXTENSION: LEAD_ONLY,
        Action.COMMENT: LEAD_OR_COORDINATING,
    },
    Role.VIEWER: {Action.VIEW: ANY, Action.EXPORT: ANY, Action.REVIEW_COMMENT: ANY},
    "system": {action: ANY for action in Action},
}

# Which action a status move is.
MOVE_ACTIONS: dict[tuple[Status, Status], Action] = {
    (Status.NOT_STARTED, Status.IN_PROGRESS): Action.START,
    (Status.IN_PROGRESS, Status.SUBMITTED): Action.SUBMIT,
    (Status.SUBMITTED, Status.DONE): Action.CONFIRM,
    (Status.SUBMITTED, Status.IN_PROGRESS): Action.RETURN,
}


def move_action(source: str, target: str) -> Action:
    """The action a status move amounts to (any move to cancelled is CANCEL)."""
    if Status(target) == Status.CANCELLED:
        return Action.CANCEL
    return MOVE_ACTIONS.get((Status(source), Status(target)), Action.EDIT_TASK)


def relation(actor: Actor, task: Any, coordinating_agency_ids: Iterable[int] = ()) -> Relation:
    """LEAD when the actor's agency leads the task, COORDINATING when it coordinates, else OTHER."""
    agency_id = actor.agency_id
    if agency_id is None:
        return Relation.OTHER
    if task is not None and agency_id == task.lead_agency_id:
        return Relation.LEAD
    if agency_id in set(coordinating_agency_ids):
        return Relation.COORDINATING
    return Relation.OTHER


def can(actor: Actor, action: Action, task: Any = None, coordinating_agency_ids: Iterable[int] = ()) -> bool:
    """True when `actor` may do `action` (on `task`, when the action concerns one)."""
    if not getattr(actor, "is_active", True):
        return False
    allowed = RULES.get(actor.role, {}).get(action, NOTHING)
    if allowed == ANY:
        return True
    return relation(actor, task, coordinating_agency_ids) in allowed


def is_manager(actor: Actor) -> bool:
    """Admins, coordinators and the system manage every task."""
    return actor.role in (Role.ADMIN, Role.COORDINATOR, "system")
