"""Who may do what: the one module that decides. Pure functions of (actor, task, action).

Roles: admin (everything), coordinator (Sở TT&TT: any task, confirms or returns submitted work),
agency (an officer of one agency: the tasks it leads; submits, never confirms), viewer (reads).
SYSTEM is the actor for command-line maintenance (seeding, imports run by an operator, jobs).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from models.errors import PermissionDenied
from models.tables import Role, Status


class Actor(Protocol):
    """Anything with a role and an agency: a User row, or SYSTEM."""

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


SYSTEM = SystemActor()
MANAGERS = frozenset({Role.ADMIN, Role.COORDINATOR, "system"})
# What an agency officer may do to a task their agency leads: start it and report it done.
AGENCY_MOVES = frozenset({(Status.NOT_STARTED, Status.IN_PROGRESS), (Status.IN_PROGRESS, Status.SUBMITTED)})


def is_manager(actor: Actor) -> bool:
    """Admins, coordinators and the system manage every task."""
    return actor.role in MANAGERS


def leads(actor: Actor, task: Any) -> bool:
    """True when the actor is an agency officer of the task's lead agency."""
    return actor.role == Role.AGENCY and actor.agency_id is not None and actor.agency_id == task.lead_agency_id


def can_edit_details(actor: Actor, task: Any) -> bool:
    """Title, category, agencies, dates: the plan's content is the ICT department's."""
    return is_manager(actor)


def can_report_progress(actor: Actor, task: Any) -> bool:
    """Progress and evidence: the lead agency and the managers."""
    return is_manager(actor) or leads(actor, task)


def can_move(actor: Actor, task: Any, target: str) -> bool:
    """Status moves: managers any legal move; the lead agency starts and submits only."""
    if is_manager(actor):
        return True
    return leads(actor, task) and (Status(task.status), Status(target)) in AGENCY_MOVES


def require(allowed: bool) -> None:
    """Raise PermissionDenied unless `allowed`."""
    if not allowed:
        raise PermissionDenied()
