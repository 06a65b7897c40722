"""The users and agencies page (admins): builders only; callbacks/admin.py wires them."""

from __future__ import annotations

from collections.abc import Sequence

import dash_bootstrap_components as dbc
from dash import dcc, html

from i18n import format_datetime, t
from models.tables import Agency, Role, User

ROLES = (Role.ADMIN, Role.COORDINATOR, Role.AGENCY, Role.VIEWER)


class IDS:
    """Component ids of the admin page."""

    refresh = "admin-refresh"
    users_table = "admin-users-table"
    agencies_table = "admin-agencies-table"
    new_username = "new-username"
    new_full_name = "new-full-name"
    new_role = "new-role"
    new_agency = "new-agency"
    new_password = "new-password"
    new_password2 = "new-password2"
    create_user = "create-user"
    create_user_msg = "create-user-msg"
    edit_user = "edit-user"
    edit_full_name = "edit-full-name"
    edit_role = "edit-role"
    edit_agency = "edit-agency"
    edit_active = "edit-active"
    save_user = "save-user"
    save_user_msg = "save-user-msg"
    reset_password = "reset-password"
    reset_password2 = "reset-password2"
    reset_user = "reset-user"
    reset_user_msg = "reset-user-msg"
    agency_select = "agency-select"
    agency_code = "agency-code"
    agency_name = "agency-name"
    agency_short = "agency-short"
    agency_aliases = "agency-aliases"
    agency_emails = "agency-emails"
    agency_active = "agency-active"
    save_agency = "save-agency"
    save_agency_msg = "save-agency-msg"


def role_options(lang: str) -> list[dict]:
    """The four roles for a select."""
    return [{"label": t(f"role.{r}", lang), "value": str(r)} for r in ROLES]


def agency_options(agencies: Sequence[Agency], lang: str, *, none: bool = True) -> list[dict]:
    """Agencies for a select, with an empty first choice when `none`."""
    options = [{"label": t("admin.none", lang), "value": ""}] if none else []
    return options + [{"label": f"{a.short_name} ({a.code})", "value": str(a.id)} for a in agencies]


def agency_select_options(agencies: Sequence[Agency], lang: str) -> list[dict]:
    """The agency editor's choices: a new agency first, then the existing ones."""
    return [{"label": t("admin.new_agency", lang), "value": ""}, *agency_options(agencies, lang, none=False)]


def user_options(users: Sequence[User]) -> list[dict]:
    """Accounts for a select."""
    return [{"label": f"{u.username} — {u.full_name}", "value": str(u.id)} for u in users]


def _table(columns: Sequence[str], rows: Sequence[tuple[dict, list[str]]], lang: str) -> html.Table:
    """A plain admin table: headers from the catalogue, every cell as text; rows are (attributes, cells)."""
    return html.Table(
        className="table table-sm align-middle admin-table",
        children=[
            html.Thead(html.Tr([html.Th(t(f"admin.col.{c}", lang), scope="col") for c in columns])),
            html.Tbody([html.Tr([html.Td(cell) for cell in cells], **attributes) for attributes, cells in rows]),
        ],
    )


def _state(active: bool, lang: str) -> str:
    return t("admin.active" if active else "admin.disabled", lang)


def users_table(users: Sequence[User], agencies: Sequence[Agency], lang: str) -> html.Table:
    """Every account with its role, agency, state and last sign-in."""
    short = {a.id: a.short_name for a in agencies}
    rows = [
        (
            {"data-username": u.username},
            [
                u.username,
                u.full_name,
                t(f"role.{u.role}", lang),
                short.get(u.agency_id, ""),
                _state(u.is_active, lang),
                format_datetime(u.last_login_at, lang) or t("admin.never", lang),
            ],
        )
        for u in users
    ]
    return _table(("username", "full_name", "role", "agency", "active", "last_login"), rows, lang)


def agencies_table(agencies: Sequence[Agency], lang: str) -> html.Table:
    """Every agency with its names and addresses."""
    rows = [
        (
            {"data-agency": a.code},
            [a.code, a.short_name, a.name, ", ".join(a.aliases), ", ".join(a.emails), _state(a.is_active, lang)],
        )
        for a in agencies
    ]
    return _table(("code", "short_name", "name", "aliases", "emails", "active"), rows, lang)


def _field(label: str, control, hint: str | None = None) -> html.Div:
    control_id = control.id
    return html.Div(
        className="mb-2",
        children=[dbc.Label(label, html_for=control_id, className="form-label small mb-1"), control]
        + ([html.Div(hint, className="form-text")] if hint else []),
    )


def _select(id_: str, options: list[dict], value: str | None = None) -> dbc.Select:
    return dbc.Select(id=id_, options=options, value=value, size="sm")


def _input(id_: str, type_: str = "text", autocomplete: str = "off") -> dbc.Input:
    return dbc.Input(id=id_, type=type_, size="sm", autoComplete=autocomplete, debounce=False)


def admin_page(users: Sequence[User], agencies: Sequence[Agency], lang: str) -> list:
    """The whole admin page."""
    roles = role_options(lang)
    agency_choices = agency_options(agencies, lang)
    create = dbc.Card(
        dbc.CardBody(
            [
                html.H2(t("admin.create_user", lang), className="h6"),
                _field(t("admin.col.username", lang), _input(IDS.new_username)),
                _field(t("admin.col.full_name", lang), _input(IDS.new_full_name)),
                _field(t("admin.col.role", lang), _select(IDS.new_role, roles, str(Role.AGENCY))),
                _field(t("admin.col.agency", lang), _select(IDS.new_agency, agency_choices, "")),
                _field(t("admin.password", lang), _input(IDS.new_password, "password", "new-password")),
                _field(t("admin.confirm_password", lang), _input(IDS.new_password2, "password", "new-password")),
                dbc.Button(t("admin.create", lang), id=IDS.create_user, color="primary", size="sm"),
                html.Div(id=IDS.create_user_msg, className="mt-2", **{"aria-live": "polite"}),
            ]
        )
    )
    edit = dbc.Card(
        dbc.CardBody(
            [
                html.H2(t("admin.edit_user", lang), className="h6"),
                _field(t("admin.choose_user", lang), _select(IDS.edit_user, user_options(users))),
                _field(t("admin.col.full_name", lang), _input(IDS.edit_full_name)),
                _field(t("admin.col.role", lang), _select(IDS.edit_role, roles)),
                _field(t("admin.col.agency", lang), _select(IDS.edit_agency, agency_choices, "")),
                dbc.Checkbox(id=IDS.edit_active, label=t("admin.is_active", lang), value=True, className="mb-2"),
                dbc.Button(t("admin.save", lang), id=IDS.save_user, color="primary", size="sm"),
                html.Div(id=IDS.save_user_msg, className="mt-2", **{"aria-live": "polite"}),
                html.Hr(),
                _field(t("admin.new_password", lang), _input(IDS.reset_password, "password", "new-password")),
                _field(t("admin.confirm_password", lang), _input(IDS.reset_password2, "password", "new-password")),
                dbc.Button(t("admin.reset_password", lang), id=IDS.reset_user, color="warning", size="sm"),
                html.Div(id=IDS.reset_user_msg, className="mt-2", **{"aria-live": "polite"}),
            ]
        )
    )
    agency_form = dbc.Card(
        dbc.CardBody(
            [
                html.H2(t("admin.edit_agency", lang), className="h6"),
                _field(
                    t("admin.choose_agency", lang),
                    _select(IDS.agency_select, agency_select_options(agencies, lang), ""),
                ),
                _field(t("admin.col.code", lang), _input(IDS.agency_code)),
                _field(t("admin.col.name", lang), _input(IDS.agency_name)),
                _field(t("admin.col.short_name", lang), _input(IDS.agency_short)),
                _field(t("admin.col.aliases", lang), _input(IDS.agency_aliases), t("admin.list_hint", lang)),
                _field(t("admin.col.emails", lang), _input(IDS.agency_emails), t("admin.list_hint", lang)),
                dbc.Checkbox(id=IDS.agency_active, label=t("admin.active", lang), value=True, className="mb-2"),
                dbc.Button(t("admin.save", lang), id=IDS.save_agency, color="primary", size="sm"),
                html.Div(id=IDS.save_agency_msg, className="mt-2", **{"aria-live": "polite"}),
            ]
        )
    )
    return [
        dcc.Store(id=IDS.refresh, data=0),
        html.H1(t("admin.heading", lang), className="h4 mb-3"),
        dbc.Row(
            [
                dbc.Col(
                    [
                        html.H2(t("admin.users", lang), className="h5"),
                        html.Div(users_table(users, agencies, lang), id=IDS.users_table, className="table-responsive"),
                        html.H2(t("admin.agencies", lang), className="h5 mt-4"),
                        html.Div(agencies_table(agencies, lang), id=IDS.agencies_table, className="table-responsive"),
                    ],
                    lg=8,
                ),
                dbc.Col([create, html.Div(className="mb-3"), edit, html.Div(className="mb-3"), agency_form], lg=4),
            ]
        ),
    ]
