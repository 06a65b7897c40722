"""The page shell: the header and the page for the current address."""

from __future__ import annotations

import logging
import re
from functools import partial

from dash import Dash, Input, Output, State, dcc, html
from dash.exceptions import PreventUpdate

from callbacks import review, task_detail
from callbacks.board import filters_from_search, first_view
from callbacks.common import attempt
from callbacks.registry import read_callback, read_clientside
from dashapp import audit_page, components, context, ids
from dashapp.admin_page import admin_page
from dashapp.auth import csrf_token, current_actor
from dashapp.board_page import board_page
from dashapp.db import session_scope
from dashapp.import_page import import_page
from dashapp.lang import current_lang, safe_next
from dashapp.list_page import list_page
from dashapp.notifications_page import notifications_page
from models import outbox
from models.audit import audit_trail
from models.board import list_plans, select_plan
from models.permissions import Action, can
from models.plans import list_agencies, list_categories
from models.users import list_all_agencies, list_users

log = logging.getLogger(__name__)


def _admin(lang: str, _search: str | None = None) -> list:
    result, error = attempt(
        lambda s, actor, now: (list_users(session=s, actor=actor, now=now), list_all_agencies(session=s))
    )
    if error:
        return components.forbidden_page(lang)
    return admin_page(*result, lang)


def _audit(lang: str, _search: str | None = None) -> list:
    entries, error = attempt(lambda s, actor, now: audit_trail(session=s, actor=actor, now=now))
    if error:
        return components.forbidden_page(lang)
    return audit_page.audit_page(entries, lang)


def _notifications(lang: str, _search: str | None = None) -> list:
    """The notification centre: the newest notifications, and for coordinators the urge box."""
    user = current_actor()
    settings = context.settings()
    with session_scope() as session:
        now = context.now()
        views = outbox.list_notifications(session=session, actor=user)
        manager = can(user, Action.SEND_REMINDERS)
        urgeable = (
            outbox.urgeable_agencies(session=session, today=now.date(), calendar=context.calendar()) if manager else []
        )
        no_email = outbox.agencies_without_email(session=session) if manager else []
        agencies = list_agencies(session=session) if manager else []
    return notifications_page(
        views,
        lang,
        user=user,
        tz=settings.timezone,
        csrf=csrf_token(),
        agencies=agencies,
        urgeable=urgeable,
        no_email=no_email,
        smtp_configured=settings.smtp_configured,
    )


def _board(lang: str, search: str | None, builder=None) -> list:
    builder = builder or _board_page
    filters = filters_from_search(search)
    user = current_actor()
    with session_scope() as session:
        plans = list_plans(session=session)
        plan = select_plan(session=session, plan_id=filters.plan)
        bar = {
            "categories": list_categories(session=session),
            "agencies": list_agencies(session=session),
            "plans": plans,
            "has_agency": user.agency_id is not None,
        }
    return builder(filters, plan=plan, lang=lang, **bar)


def _list(lang: str, search: str | None) -> list:
    return _board(lang, search, builder=partial(list_page, may_export=can(current_actor(), Action.EXPORT)))


def _board_page(filters, **kwargs) -> list:
    """The board with its first data inside the page: the cards draw without a second round trip."""
    refresh_ms = int(context.settings().board_refresh_seconds * 1000)
    initial, summary = first_view(filters)
    return board_page(filters, refresh_ms=refresh_ms, initial=initial, summary=summary, **kwargs)


PAGES = {
    "/": _board,
    "/tasks": _list,
    "/review": review.render_page,
    "/notifications": _notifications,
    "/admin": _admin,
    "/admin/import": lambda lang, _search=None: import_page(lang),
    "/audit": _audit,
}
PAGE_ACTIONS = {"/admin": Action.MANAGE_USERS, "/admin/import": Action.IMPORT_PLAN, "/audit": Action.VIEW_AUDIT}


def render_shell(pathname: str | None, search: str | None = None) -> list:
    """Header plus the page at `pathname` (a page the user may not open says so)."""
    lang = current_lang()
    user = current_actor()
    path = safe_next(pathname).split("?")[0]
    if task_match := re.fullmatch(r"/task/(\d+)", path):
        page = task_detail.render_page(int(task_match[1]), lang)
    elif path not in PAGES:
        page = components.not_found_page(lang)
    elif path in PAGE_ACTIONS and not can(user, PAGE_ACTIONS[path]):
        page = components.forbidden_page(lang)
    else:
        page = PAGES[path](lang, search)
    with session_scope() as session:
        unread = outbox.unread_count(session=session, actor=user)
    header = components.header(
        lang=lang, today=context.now().date(), next_path=path, user=user, csrf=csrf_token(), unread=unread
    )
    unread_ms = int(context.settings().unread_refresh_seconds * 1000)
    return [
        header,
        dcc.Interval(id=ids.UNREAD_TICK, interval=unread_ms),
        html.Main(id=ids.PAGE, className="container-fluid px-3", children=page),
    ]


def fill_shell(request: dict | None) -> list:
    """The page, when the layout could not build it (it usually does: see dashapp.app.root_layout)."""
    if not isinstance(request, dict):
        raise PreventUpdate
    return render_shell(request.get("pathname"), request.get("search"))


# In the browser: ask the server for the page only when the layout came without it, so the usual visit
# makes no request here at all.
ASK_FOR_PAGE = """
function (pathname, needed, search) {
    if (!needed) { return window.dash_clientside.no_update; }
    return {pathname: pathname, search: search};
}
"""


def register(app: Dash) -> None:
    """Wire the shell: a browser-side check, and the server callback it calls when needed."""
    read_clientside(
        app,
        ASK_FOR_PAGE,
        Output(ids.SHELL_REQUEST, "data"),
        Input(ids.URL, "pathname"),
        State(ids.SHELL_NEEDED, "data"),
        State(ids.URL, "search"),
    )
    read_callback(app, Output(ids.SHELL, "children"), Input(ids.SHELL_REQUEST, "data"), prevent_initial_call=True)(
        fill_shell
    )
