"""Pure component builders: values in, Dash components out. No database, no request, no clock.

User text (titles, agency names) is always passed as a component's text children, never as HTML.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

from dash import dcc, html

from i18n import format_date, format_number, t
from models.deadlines import DeadlineState, deadline_label
from models.permissions import Action, can
from models.plans import PlanOverview, TaskRow
from models.tables import Category, Status
from models.text import safe_http_url


def category_label(category: Category, lang: str) -> str:
    """The category's name in `lang`."""
    return category.name_en if lang == "en" else category.name_vi


def summary_counts(rows: Sequence[TaskRow]) -> dict[str, int]:
    """Counts for the summary line (cancelled tasks are not counted)."""
    live = [r for r in rows if r.status != Status.CANCELLED]
    states = Counter(r.deadline.state for r in live)
    return {
        "total": len(live),
        "overdue": states[DeadlineState.OVERDUE],
        "due_soon": states[DeadlineState.DUE_SOON],
        "done": states[DeadlineState.DONE_ON_TIME] + states[DeadlineState.DONE_LATE],
    }


def header(*, lang: str, today: date, next_path: str, user: Any, csrf: str) -> html.Header:
    """The top bar: product name, the pages this user may open, who is signed in, language, sign out."""
    other = "en" if lang == "vi" else "vi"
    links = [("/", "nav.tasks", True), ("/admin", "nav.admin", can(user, Action.MANAGE_USERS))]
    links.append(("/audit", "nav.audit", can(user, Action.VIEW_AUDIT)))
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
                                t(key, lang),
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
            html.Span(t("app.today", lang, date=format_date(today, lang)), className="ms-auto small"),
            html.Span(who, className="small fw-semibold", id="current-user", title=t(f"role.{user.role}", lang)),
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


def _task_row(row: TaskRow, lang: str) -> html.Tr:
    progress = max(0, min(100, row.progress))
    return html.Tr(
        **{"data-task-id": str(row.id), "data-deadline": row.deadline.state, "data-status": row.status},
        children=[
            html.Td(row.number, className="text-end text-muted"),
            html.Td(row.title, className="task-title"),
            html.Td(row.lead_short, **{"data-agency": row.lead_code}),
            html.Td(row.time_frame),
            html.Td(format_date(row.due_date, lang) or "—"),
            html.Td(t(f"status.{row.status}", lang)),
            html.Td(html.Span(deadline_label(row.deadline, lang), className=f"dl dl-{row.deadline.state}")),
            html.Td(
                f"{progress}%",
                className="progress-cell text-end",
                style={"--progress": f"{progress}%"},
            ),
        ],
    )


def _table_head(lang: str) -> html.Thead:
    columns = ("number", "title", "lead", "time_frame", "due", "status", "deadline", "progress")
    return html.Thead(html.Tr([html.Th(t(f"tasks.col.{c}", lang), scope="col") for c in columns]))


def category_section(category: Category, rows: Sequence[TaskRow], lang: str) -> html.Details:
    """One category: a collapsible section with its count and its tasks' table."""
    return html.Details(
        open=True,
        className="lane mb-3",
        style={"--lane-color": category.color},
        **{"data-lane": category.code},
        children=[
            html.Summary(
                className="lane-summary",
                children=[
                    html.Span(category_label(category, lang), className="lane-name"),
                    html.Span(
                        t("tasks.lane_count", lang, count=format_number(len(rows), lang, 0)), className="lane-count"
                    ),
                ],
            ),
            html.Div(
                className="table-responsive",
                children=html.Table(
                    className="table table-sm table-hover align-middle mb-0 task-table",
                    children=[_table_head(lang), html.Tbody([_task_row(r, lang) for r in rows])],
                ),
            ),
        ],
    )


def tasks_page(overview: PlanOverview, lang: str) -> list:
    """The first page: the plan's tasks grouped by category with their deadline state."""
    if overview.plan is None or not overview.rows:
        return [
            html.H1(t("tasks.heading", lang), className="h4"),
            html.Div(t("tasks.empty", lang), className="alert alert-info", role="status"),
        ]
    plan, rows = overview.plan, overview.rows
    counts = {k: format_number(v, lang, 0) for k, v in summary_counts(rows).items()}
    by_category: dict[str, list[TaskRow]] = {}
    for row in rows:
        by_category.setdefault(row.category, []).append(row)
    children: list = [
        html.H1(plan.title, className="h4 mb-1"),
        html.P(plan.code, className="text-muted small mb-2"),
    ]
    if plan.is_sample:
        children.append(html.Div(t("app.sample_data", lang), className="alert alert-warning py-2 small", role="note"))
    children.append(html.P(t("tasks.summary", lang, **counts), className="summary-line fw-semibold", id="summary"))
    children += [category_section(c, by_category[c.code], lang) for c in overview.categories if c.code in by_category]
    return children


def not_found_page(lang: str) -> list:
    """A page for an unknown address, with the way back."""
    return [
        html.H1(t("page.not_found", lang), className="h4"),
        html.P(dcc.Link(t("nav.back_home", lang), href="/")),
    ]
