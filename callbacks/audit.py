"""The audit trail page: filter to refused attempts."""

from __future__ import annotations

from dash import Dash, Input, Output
from dash.exceptions import PreventUpdate

from callbacks.common import attempt
from callbacks.registry import read_callback
from dashapp.audit_page import IDS, audit_table
from dashapp.lang import current_lang
from models.audit import audit_trail


def filter_trail(refused_only):
    """Re-read the trail, all of it or only the refusals."""
    entries, error = attempt(
        lambda s, actor, now: audit_trail(session=s, actor=actor, now=now, refused_only=bool(refused_only))
    )
    if error:
        raise PreventUpdate
    return audit_table(entries, current_lang())


def register(app: Dash) -> None:
    """Wire the audit page's callback."""
    read_callback(app, Output(IDS.table, "children"), Input(IDS.refused_only, "value"), prevent_initial_call=True)(
        filter_trail
    )
