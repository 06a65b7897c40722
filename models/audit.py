"""The audit trail: changes, sign-ins and refusals, and the guard that records every refusal."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NoReturn

from sqlmodel import Session, select

from i18n import t
from models.errors import PermissionDenied
from models.permissions import Action, Actor, can
from models.tables import AuditLog, TaskEvent

log = logging.getLogger("tracker.audit")


LABEL_MAX = 200


def actor_label(actor: Actor) -> str:
    """The name an audit row keeps for its author (it survives renames and deletions)."""
    if actor.role == "system":
        return t("event.system")
    name = getattr(actor, "full_name", "") or ""
    username = getattr(actor, "username", "") or ""
    label = f"{name} ({username})" if name and username else name or username
    return label if len(label) <= LABEL_MAX else label[: LABEL_MAX - 1] + "…"  # the label columns hold 200


def add_entry(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    action: str,
    target_type: str = "",
    target_id: object = "",
    outcome: str = "ok",
    detail: str = "",
) -> AuditLog:
    """Add an audit row to the session (the calling function commits)."""
    entry = AuditLog(
        at=now,
        actor_id=actor.id,
        actor_label=actor_label(actor),
        action=str(action),
        target_type=target_type,
        target_id="" if target_id is None else str(target_id),
        outcome=outcome,
        detail=detail,
    )
    session.add(entry)
    return entry


def refuse(
    session: Session, *, actor: Actor, now: datetime, action: str, target_type: str = "", target_id: object = ""
) -> NoReturn:
    """Undo the pending work, record the refused attempt, and raise PermissionDenied."""
    session.rollback()
    add_entry(
        session, actor=actor, now=now, action=action, target_type=target_type, target_id=target_id, outcome="refused"
    )
    session.commit()
    log.warning("refused %s on %s %s for user %s (%s)", action, target_type, target_id, actor.id, actor.role)
    raise PermissionDenied()


def authorize(
    session: Session,
    *,
    actor: Actor,
    now: datetime,
    action: Action,
    task: Any = None,
    coordinating_agency_ids: Iterable[int] = (),
    target_type: str = "",
    target_id: object = "",
) -> None:
    """Return when the actor may do `action`; otherwise record the refusal and raise PermissionDenied."""
    if not can(actor, action, task, coordinating_agency_ids):
        if task is not None and not target_type:
            target_type, target_id = "task", task.id
        refuse(session, actor=actor, now=now, action=action, target_type=target_type, target_id=target_id)


@dataclass(frozen=True)
class TrailEntry:
    """One line of the audit page: a task change or an audit row."""

    at: datetime
    actor: str
    action: str
    target: str
    outcome: str
    detail: str


def audit_trail(
    *, session: Session, actor: Actor, now: datetime, limit: int = 200, refused_only: bool = False
) -> list[TrailEntry]:
    """The newest entries of the whole trail, for coordinators and admins."""
    authorize(session, actor=actor, now=now, action=Action.VIEW_AUDIT, target_type="audit")
    query = select(AuditLog).order_by(AuditLog.at.desc(), AuditLog.id.desc()).limit(limit)
    if refused_only:
        query = query.where(AuditLog.outcome != "ok")
    entries = [
        TrailEntry(e.at, e.actor_label, e.action, f"{e.target_type} {e.target_id}".strip(), e.outcome, e.detail)
        for e in session.exec(query).all()
    ]
    if not refused_only:
        events = session.exec(select(TaskEvent).order_by(TaskEvent.at.desc(), TaskEvent.id.desc()).limit(limit)).all()
        entries += [
            TrailEntry(
                e.at,
                e.actor_label,
                e.kind,
                f"task {e.task_id}",
                "ok",
                f"{e.field}: {e.before or '—'} → {e.after or '—'}" + (f" ({e.note})" if e.note else ""),
            )
            for e in events
        ]
    entries.sort(key=lambda e: e.at, reverse=True)
    return entries[:limit]
