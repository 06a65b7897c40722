"""What every callback shares: the acting user, a session, and turning refusals into messages."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from sqlmodel import Session

from dashapp import context
from dashapp.auth import CurrentUser, current_actor
from dashapp.db import read_scope, session_scope
from dashapp.lang import current_lang
from i18n import t
from models.errors import DomainError

log = logging.getLogger(__name__)
T = TypeVar("T")


def attempt(
    work: Callable[[Session, CurrentUser, datetime], T], *, reads_only: bool = False
) -> tuple[T | None, str | None]:
    """Run one `models` call as the signed-in user: (result, None) or (None, message in the user's language).

    `reads_only` for the hot reads (the board, the timers' polls): a read session, which keeps the
    connection's prepared statements (see models.database.read_session) and refuses writes."""
    actor = current_actor()
    try:
        with read_scope() if reads_only else session_scope() as session:
            return work(session, actor, context.now()), None
    except DomainError as refused:
        return None, refused.message(current_lang())
    except Exception:
        log.exception("unexpected error for user %s", actor.id)
        return None, t("error.unexpected", current_lang())


def as_id(value: object) -> int | None:
    """A select's string value as an id, or None."""
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return None
