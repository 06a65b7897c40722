"""Users and agencies (admins): each write calls one `models` function as the signed-in user."""

from __future__ import annotations

import time

from dash import Dash, Input, Output, State, no_update
from dash.exceptions import PreventUpdate

from callbacks.common import as_id, attempt
from callbacks.registry import read_callback, write_callback
from dashapp import admin_page as views
from dashapp.admin_page import IDS
from dashapp.components import alert
from dashapp.lang import current_lang, tr
from models import users as accounts
from models.tables import Agency, User


def _clicked(n_clicks: int | None) -> None:
    if not n_clicks:
        raise PreventUpdate


def create_user(n_clicks, username, full_name, role, agency, password, password2):
    """Create an account; on success the form is cleared and the tables refreshed."""
    _clicked(n_clicks)
    user, error = attempt(
        lambda s, actor, now: accounts.create_user(
            session=s,
            actor=actor,
            now=now,
            username=username or "",
            full_name=full_name or "",
            role=role or "",
            agency_id=as_id(agency),
            password=password or "",
            confirm=password2 or "",
        )
    )
    if error:
        return alert(error, False), no_update, no_update, no_update, no_update, no_update
    return alert(tr("admin.user_created", username=user.username), True), time.time(), "", "", "", ""


def save_user(n_clicks, user_id, full_name, role, agency, active):
    """Save an account's name, role, agency and active flag."""
    _clicked(n_clicks)
    if as_id(user_id) is None:
        return alert(tr("admin.choose_first"), False), no_update
    user, error = attempt(
        lambda s, actor, now: accounts.update_user(
            session=s,
            actor=actor,
            now=now,
            user_id=as_id(user_id),
            full_name=full_name or "",
            role=role or "",
            agency_id=as_id(agency),
            is_active=bool(active),
        )
    )
    if error:
        return alert(error, False), no_update
    return alert(tr("admin.user_saved", username=user.username), True), time.time()


def reset_password(n_clicks, user_id, password, password2):
    """Set a new password for the chosen account."""
    _clicked(n_clicks)
    if as_id(user_id) is None:
        return alert(tr("admin.choose_first"), False), no_update, no_update
    user, error = attempt(
        lambda s, actor, now: accounts.reset_password(
            session=s, actor=actor, now=now, user_id=as_id(user_id), password=password or "", confirm=password2 or ""
        )
    )
    if error:
        return alert(error, False), no_update, no_update
    return alert(tr("admin.password_reset", username=user.username), True), "", ""


def save_agency(n_clicks, agency_id, code, name, short_name, aliases, emails, active):
    """Create or edit an agency."""
    _clicked(n_clicks)
    agency, error = attempt(
        lambda s, actor, now: accounts.save_agency(
            session=s,
            actor=actor,
            now=now,
            agency_id=as_id(agency_id),
            code=code or "",
            name=name or "",
            short_name=short_name or "",
            aliases=aliases or "",
            emails=emails or "",
            is_active=bool(active),
        )
    )
    if error:
        return alert(error, False), no_update
    return alert(tr("admin.agency_saved", name=agency.short_name), True), time.time()


def refresh_tables(_refresh):
    """Re-read accounts and agencies after a change (tables and the selects' choices)."""
    lang = current_lang()
    result, error = attempt(
        lambda s, actor, now: (
            accounts.list_users(session=s, actor=actor, now=now),
            accounts.list_all_agencies(session=s),
        )
    )
    if error:
        raise PreventUpdate
    users, agencies = result
    choices = views.agency_options(agencies, lang)
    return (
        views.users_table(users, agencies, lang),
        views.agencies_table(agencies, lang),
        views.user_options(users),
        choices,
        choices,
        views.agency_select_options(agencies, lang),
    )


def fill_user_form(user_id):
    """Show the chosen account in the edit form."""
    chosen = as_id(user_id)
    if chosen is None:
        raise PreventUpdate
    found, error = attempt(lambda s, actor, now: _find(accounts.list_users(session=s, actor=actor, now=now), chosen))
    if error or found is None:
        raise PreventUpdate
    return found.full_name, found.role, str(found.agency_id or ""), found.is_active


def fill_agency_form(agency_id):
    """Show the chosen agency in the agency form (empty for a new one)."""
    chosen = as_id(agency_id)
    if chosen is None:
        return "", "", "", "", "", True
    found, error = attempt(lambda s, actor, now: _find(accounts.list_all_agencies(session=s), chosen))
    if error or found is None:
        raise PreventUpdate
    return found.code, found.name, found.short_name, ", ".join(found.aliases), ", ".join(found.emails), found.is_active


def _find(rows: list[User] | list[Agency], row_id: int):
    return next((r for r in rows if r.id == row_id), None)


def register(app: Dash) -> None:
    """Wire the admin page's callbacks."""
    write_callback(
        app,
        Output(IDS.create_user_msg, "children"),
        Output(IDS.refresh, "data", allow_duplicate=True),
        Output(IDS.new_username, "value"),
        Output(IDS.new_full_name, "value"),
        Output(IDS.new_password, "value"),
        Output(IDS.new_password2, "value"),
        Input(IDS.create_user, "n_clicks"),
        State(IDS.new_username, "value"),
        State(IDS.new_full_name, "value"),
        State(IDS.new_role, "value"),
        State(IDS.new_agency, "value"),
        State(IDS.new_password, "value"),
        State(IDS.new_password2, "value"),
        prevent_initial_call=True,
    )(create_user)
    write_callback(
        app,
        Output(IDS.save_user_msg, "children"),
        Output(IDS.refresh, "data", allow_duplicate=True),
        Input(IDS.save_user, "n_clicks"),
        State(IDS.edit_user, "value"),
        State(IDS.edit_full_name, "value"),
        State(IDS.edit_role, "value"),
        State(IDS.edit_agency, "value"),
        State(IDS.edit_active, "value"),
        prevent_initial_call=True,
    )(save_user)
    write_callback(
        app,
        Output(IDS.reset_user_msg, "children"),
        Output(IDS.reset_password, "value"),
        Output(IDS.reset_password2, "value"),
        Input(IDS.reset_user, "n_clicks"),
        State(IDS.edit_user, "value"),
        State(IDS.reset_password, "value"),
        State(IDS.reset_password2, "value"),
        prevent_initial_call=True,
    )(reset_password)
    write_callback(
        app,
        Output(IDS.save_agency_msg, "children"),
        Output(IDS.refresh, "data", allow_duplicate=True),
        Input(IDS.save_agency, "n_clicks"),
        State(IDS.agency_select, "value"),
        State(IDS.agency_code, "value"),
        State(IDS.agency_name, "value"),
        State(IDS.agency_short, "value"),
        State(IDS.agency_aliases, "value"),
        State(IDS.agency_emails, "value"),
        State(IDS.agency_active, "value"),
        prevent_initial_call=True,
    )(save_agency)
    read_callback(
        app,
        Output(IDS.users_table, "children"),
        Output(IDS.agencies_table, "children"),
        Output(IDS.edit_user, "options"),
        Output(IDS.new_agency, "options"),
        Output(IDS.edit_agency, "options"),
        Output(IDS.agency_select, "options"),
        Input(IDS.refresh, "data"),
        prevent_initial_call=True,
    )(refresh_tables)
    read_callback(
        app,
        Output(IDS.edit_full_name, "value"),
        Output(IDS.edit_role, "value"),
        Output(IDS.edit_agency, "value"),
        Output(IDS.edit_active, "value"),
        Input(IDS.edit_user, "value"),
        prevent_initial_call=True,
    )(fill_user_form)
    read_callback(
        app,
        Output(IDS.agency_code, "value"),
        Output(IDS.agency_name, "value"),
        Output(IDS.agency_short, "value"),
        Output(IDS.agency_aliases, "value"),
        Output(IDS.agency_emails, "value"),
        Output(IDS.agency_active, "value"),
        Input(IDS.agency_select, "value"),
        prevent_initial_call=True,
    )(fill_agency_form)
