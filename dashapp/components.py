"""Pure component builders: values in, Dash components out. No database, no request, no clock.

User text (titles, agency names) is always passed as a component's text children, never as HTML.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from dash import dcc, html

from dashapp.notifications_page import count_badge
from i18n import format_date, t
from models.permissions import Action, can
from models.tables import Category
from models.text import safe_http_url


def category_label(category: Category, lang: str) -> str:
    """The category's name in `lang`."""
    return category.name_en if lang == "en" else category.name_vi


def header(*, lang: str, today: date, next_path: str, user: Any, csrf: str, unread: int = 0) -> html.Header:
    """The top bar: product name, the pages this user may open (notifications with the unread count), who
    is signed in, language, sign out."""
    other = "en" if lang == "vi" else "vi"
    links = [("/", "nav.tasks", True), ("/review", "nav.review", True), ("/notifications", "nav.notifications", True)]
    links.append(("/admin", "nav.admin", can(user, Action.MANAGE_USERS)))
    links.append(("/admin/import", "nav.import", can(user, Action.IMPORT_PLAN)))
    links.append(("/audit", "nav.audit", can(user, Action.VIEW_AUDIT)))
    badges = {"/notifications": count_badge(unread, lang)}
    who = user.full_name or user.username
    if user.agency_short:
        who = f"{who} · {user.agency_short}"
    return html.Header(
        className="app-header d-flex flex-wrap align-items-center gap-3 px-3 py-2 mb-3",
        children=[
            html.A(t("app.title", lang), href="/", className="app-brand fw-semibold text-decoration-none"),
            html.Nav(
                html.Ul(
                    [
                        html.Li(
                            html.A(
                                [t(key, lang), badges[href]] if href in badges else t(key, lang),
                                href=href,
                                className="nav-link" + (" active" if href == next_path else ""),
                                **({"aria-current": "page"} if href == next_path else {}),
                            )
                        )
                        for href, key, visible in links
                        if visible
                    ],
                    className="nav",
                ),
                **{"aria-label": t("nav.main", lang)},
            ),
            html.Span(t("app.today", lang, date=format_date(today, lang)), className="ms-auto small app-today"),
            html.Span(
                who, className="small fw-semibold", id="current-user", title=f"{who} · {t(f'role.{user.role}', lang)}"
            ),
            html.A(
                t("app.lang_switch", lang),
                href=f"/lang/{other}?next={next_path}",
                lang=other,
                title=t("app.lang_switch_label", lang),
                className="btn btn-sm btn-outline-light",
            ),
            html.Form(
                method="POST",
                action="/logout",
                className="m-0",
                children=[
                    dcc.Input(type="hidden", name="csrf_token", value=csrf),
                    html.Button(t("nav.logout", lang), type="submit", className="btn btn-sm btn-light", id="logout"),
                ],
            ),
        ],
    )


def alert(message: str, ok: bool) -> html.Div:
    """A form's feedback: green when done, red with the reason when refused (read out by screen readers)."""
    return html.Div(message, className=f"alert alert-{'success' if ok else 'danger'} py-2 mb-0", role="status")


def user_link(url: str | None, label: str | None = None) -> html.A | html.Span:
    """A link a user typed: html.A only for an absolute http(s) URL, otherwise inert text."""
    safe = safe_http_url(url)
    if safe is None:
        return html.Span(label or url or "")
    return html.A(label or safe, href=safe, target="_blank", rel="noopener noreferrer nofollow")


def forbidden_page(lang: str) -> list:
    """A page this user may not open."""
    return [html.Div(t("page.forbidden", lang), className="alert alert-warning", role="alert")]


def not_found_page(lang: str) -> list:
    """A page for an unknown address, with the way back."""
    return [
        html.H1(t("page.not_found", lang), className="h4"),
        html.P(html.A(t("nav.back_home", lang), href="/")),
    ]
