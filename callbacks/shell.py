"""The page shell: the header and the page for the current address."""

from __future__ import annotations

import logging

from dash import Dash, Input, Output, html

from dashapp import components, context, ids
from dashapp.db import session_scope
from dashapp.lang import current_lang, safe_next, tr
from models.plans import plan_overview

log = logging.getLogger(__name__)


def render_shell(pathname: str | None) -> list:
    """Header plus the page at `pathname`."""
    lang = current_lang()
    path = safe_next(pathname)
    now = context.now()
    page: list
    if path == "/":
        try:
            with session_scope() as session:
                overview = plan_overview(session=session, today=now.date(), calendar=context.calendar())
            page = components.tasks_page(overview, lang)
        except Exception:  # the page must say something useful, never go blank
            log.exception("could not load the task list")
            page = [html.Div(tr("tasks.load_error"), className="alert alert-danger", role="alert")]
    else:
        page = components.not_found_page(lang)
    return [
        components.header(lang=lang, today=now.date(), next_path=path),
        html.Main(id=ids.PAGE, className="container-fluid px-3", children=page),
    ]


def register(app: Dash) -> None:
    """Wire the shell callback."""
    app.callback(Output(ids.SHELL, "children"), Input(ids.URL, "pathname"))(render_shell)
