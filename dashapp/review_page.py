"""The review page (`/review`), made for the steering committee's projector: builders only.

Figures come as DataFrames from `models.review`; charts are Plotly figures with Vietnamese number and
date formats, and each has a table beside it (in a <details>) for screen readers and for print.
Presentation mode (a switch) enlarges the type and hides every editing control (`.review-edit`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html

from dashapp.components import category_label
from i18n import format_date, format_datetime, format_number, t
from models.review import BUCKETS, SessionView, share
from models.tables import Agency, Category, Plan

BUCKET_COLOURS = {
    "done_on_time": "#1b7f3b",
    "done_late": "#7fbf7f",
    "in_progress_on_time": "#2f6fb3",
    "in_progress_overdue": "#c62828",
    "not_started": "#9e9e9e",
}
ALL = "*"


class IDS:
    """Component ids of the review page."""

    wrapper = "review-page"
    category = "review-category"
    agency = "review-agency"
    present = "review-present"
    body = "review-body"
    refresh = "review-refresh"
    sessions = "review-sessions"
    # exports
    excel = "review-excel"
    report_kind = "review-report-kind"
    report_year = "review-report-year"
    report = "review-report"
    minutes_session = "review-minutes-session"
    minutes = "review-minutes"
    download = "review-download"
    export_msg = "review-export-msg"
    # record a session
    held_on = "review-held-on"
    chair = "review-chair"
    attendees = "review-attendees"
    notes = "review-notes"
    conclusions = "review-conclusions"
    record = "review-record"
    record_msg = "review-record-msg"
    # a conclusion becomes a task
    fu_conclusion = "review-fu-conclusion"
    fu_lead = "review-fu-lead"
    fu_due = "review-fu-due"
    fu_category = "review-fu-category"
    fu_save = "review-fu-save"
    fu_msg = "review-fu-msg"


def _separators(lang: str) -> str:
    """Plotly's decimal and thousands marks: 1.234,5 in Vietnamese."""
    return ",." if lang == "vi" else ".,"


def _table(headers: Sequence[str], rows: Sequence[Sequence[Any]], *, caption: str | None = None, **attrs) -> html.Table:
    return html.Table(
        className="table table-sm align-middle review-table",
        **attrs,
        children=[
            *([html.Caption(caption)] if caption else []),
            html.Thead(html.Tr([html.Th(h, scope="col") for h in headers])),
            html.Tbody([html.Tr([html.Td(c) for c in row]) for row in rows]),
        ],
    )


def _n(value: Any, lang: str) -> str:
    return format_number(0 if value is None or pd.isna(value) else value, lang, 0)


def _pct(value: float, lang: str) -> str:
    return f"{format_number(value, lang, 1)}%"


def headline_cards(figures: dict, lang: str) -> html.Div:
    """The six figures of the Vietnamese convention, each with its share of the total."""
    total = figures.get("total", 0)
    cards = [("total", total, None)] + [(b, figures.get(b, 0), share(figures.get(b, 0), total)) for b in BUCKETS]
    items = []
    for key, value, part in cards:
        detail = _pct(part, lang) if part is not None else t("review.tasks", lang)
        extra = None
        if key == "not_started" and figures.get("not_started_overdue"):
            extra = html.Div(
                t("review.not_started_overdue", lang, n=_n(figures["not_started_overdue"], lang)),
                className="small text-danger",
            )
        items.append(
            html.Div(
                className=f"review-figure figure-{key}",
                **{"data-figure": key, "data-value": str(value)},
                children=[
                    html.Div(t(f"review.bucket.{key}", lang), className="review-figure-label"),
                    html.Div(_n(value, lang), className="review-figure-value"),
                    html.Div(detail, className="review-figure-share"),
                    extra,
                ],
            )
        )
    return html.Div(items, className="review-figures", id="review-figures")


def category_chart(frame: pd.DataFrame, lang: str) -> list:
    """Stacked bars: each category's tasks by bucket, and the same as a table."""
    fig = go.Figure()
    for bucket in BUCKETS:
        fig.add_bar(
            y=frame["category"],
            x=frame[bucket],
            name=t(f"review.bucket.{bucket}", lang),
            orientation="h",
            marker_color=BUCKET_COLOURS[bucket],
            hovertemplate="%{y}: %{x:,.0f}<extra>" + t(f"review.bucket.{bucket}", lang) + "</extra>",
        )
    fig.update_layout(
        barmode="stack",
        separators=_separators(lang),
        height=80 + 48 * max(1, len(frame)),
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        legend={"orientation": "h", "y": -0.15},
        yaxis={"autorange": "reversed", "automargin": True},
        xaxis={"tickformat": ",d"},
        plot_bgcolor="white",
    )
    headers = [
        t("review.col.category", lang),
        *[t(f"review.bucket.{b}", lang) for b in BUCKETS],
        t("review.col.total", lang),
    ]
    rows = [[r["category"], *[_n(r[b], lang) for b in BUCKETS], _n(r["total"], lang)] for _, r in frame.iterrows()]
    return [
        dcc.Graph(figure=fig, config={"displayModeBar": False, "locale": lang}, id="review-category-chart"),
        _alternative(_table(headers, rows, id="review-category-table"), lang),
    ]


def _alternative(table: html.Table, lang: str) -> html.Details:
    """The chart's data as a table (screen readers, print, or anyone who prefers numbers)."""
    return html.Details([html.Summary(t("review.as_table", lang), className="small"), table], className="mb-3")


def scorecard_table(frame: pd.DataFrame, lang: str) -> html.Div:
    """The agency scorecard, ranked (best first)."""
    if frame.empty:
        return html.P(t("review.empty", lang), className="text-muted")
    keys = ("rank", "agency", "led", "done_on_time", "done_on_time_pct", "overdue_now", "avg_days_late")
    headers = [t(f"review.col.{k}", lang) for k in keys]
    rows = [
        [
            _n(r["rank"], lang),
            r["lead_agency"],
            _n(r["led"], lang),
            _n(r["done_on_time"], lang),
            _pct(r["done_on_time_pct"], lang),
            html.Span(_n(r["overdue_now"], lang), className="text-danger fw-semibold" if r["overdue_now"] else ""),
            format_number(r["avg_days_late"], lang, 1),
        ]
        for _, r in frame.iterrows()
    ]
    return html.Div(_table(headers, rows, id="review-scorecard"), className="table-responsive")


def burn_up_chart(frame: pd.DataFrame, lang: str) -> list:
    """Tasks completed by each month's end against tasks due by then."""
    dates = [pd.Timestamp(d) for d in frame["date"]]
    labels = [format_date(d, lang) for d in frame["date"]]
    fig = go.Figure()
    for column, colour in (("due", "#c62828"), ("completed", "#1b7f3b")):
        fig.add_scatter(
            x=dates,
            y=frame[column],
            name=t(f"review.burn.{column}", lang),
            mode="lines+markers",
            line={"color": colour, "shape": "hv" if column == "due" else "linear"},
            customdata=labels,
            hovertemplate="%{customdata}: %{y:,.0f}<extra>" + t(f"review.burn.{column}", lang) + "</extra>",
        )
    fig.update_layout(
        separators=_separators(lang),
        height=320,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        legend={"orientation": "h", "y": -0.2},
        xaxis={"tickformat": "%d/%m/%Y"},
        yaxis={"tickformat": ",d", "rangemode": "tozero"},
        plot_bgcolor="white",
    )
    headers = [t("review.col.date", lang), t("review.burn.due", lang), t("review.burn.completed", lang)]
    rows = [
        [label, _n(due, lang), _n(done, lang)]
        for label, due, done in zip(labels, frame["due"], frame["completed"], strict=True)
    ]
    return [
        dcc.Graph(figure=fig, config={"displayModeBar": False, "locale": lang}, id="review-burnup-chart"),
        _alternative(_table(headers, rows, id="review-burnup-table"), lang),
    ]


def _task_link(task_id: int, number: str, title: str) -> html.A:
    return html.A([html.Span(str(number), className="fw-semibold"), " · ", title], href=f"/task/{int(task_id)}")


def overdue_table(frame: pd.DataFrame, lang: str) -> html.Div:
    """Every late open task, longest first, with its lead agency and the reminders sent."""
    if frame.empty:
        return html.P(t("review.no_overdue", lang), className="text-muted")
    keys = ("task", "agency", "due", "days_overdue", "reminders")
    rows = [
        [
            _task_link(r["id"], r["number"], r["title"]),
            r["lead_agency"],
            format_date(r["due_date"], lang),
            _n(r["days_overdue"], lang),
            _n(r["reminders"], lang),
        ]
        for _, r in frame.iterrows()
    ]
    return html.Div(
        _table([t(f"review.col.{k}", lang) for k in keys], rows, id="review-overdue"), className="table-responsive"
    )


def _change_value(field: str, raw: str | None, lang: str) -> str:
    if raw is None or raw == "":
        return "—"
    if field == "status":
        return t(f"status.{raw}", lang)
    if field == "due_date":
        try:
            return format_date(date.fromisoformat(raw), lang)
        except ValueError:
            return raw
    if field == "progress":
        return f"{raw}%"
    return raw


def changes_table(frame: pd.DataFrame, since: date | None, lang: str, tz: str) -> html.Div:
    """What changed (status, progress, deadline) since the previous session."""
    if since is None:
        return html.P(t("review.no_previous", lang), className="text-muted")
    intro = html.P(t("review.changed_since", lang, date=format_date(since, lang)), className="small text-muted")
    if frame.empty:
        return html.Div([intro, html.P(t("review.no_changes", lang), className="text-muted")])
    keys = ("task", "agency", "field", "change", "at")
    rows = [
        [
            _task_link(r["task_id"], r["number"], r["title"]),
            r["lead_agency"],
            t(f"task.field.{r['field']}", lang),
            f"{_change_value(r['field'], r['before'], lang)} → {_change_value(r['field'], r['after'], lang)}",
            format_datetime(r["at"], lang, tz),
        ]
        for _, r in frame.iterrows()
    ]
    table = _table([t(f"review.col.{k}", lang) for k in keys], rows, id="review-changes")
    return html.Div([intro, html.Div(table, className="table-responsive")])


def review_body(
    *,
    figures: dict,
    categories: pd.DataFrame,
    scorecard: pd.DataFrame,
    burn: pd.DataFrame,
    overdue: pd.DataFrame,
    changes: pd.DataFrame,
    since: date | None,
    lang: str,
    tz: str,
) -> list:
    """Everything that follows the filters."""

    def section(key: str, *children: Any) -> html.Section:
        return html.Section(
            [html.H2(t(f"review.section.{key}", lang), className="h5 mt-4 mb-2"), *children],
            id=f"review-section-{key}",
            className="review-section",
        )

    return [
        headline_cards(figures, lang),
        section("categories", *category_chart(categories, lang)),
        section("scorecard", scorecard_table(scorecard, lang)),
        section("burnup", *burn_up_chart(burn, lang)),
        section("overdue", overdue_table(overdue, lang)),
        section("changes", changes_table(changes, since, lang, tz)),
    ]


def trend_chart(views: Sequence[SessionView], lang: str) -> list:
    """The headline figures recorded at each session, oldest first (and as a table)."""
    recorded = [v for v in reversed(views) if v.review.snapshot]
    if len(recorded) < 1:
        return []
    labels = [format_date(v.review.held_on, lang) for v in recorded]
    fig = go.Figure()
    for bucket in ("done_on_time", "in_progress_overdue", "not_started"):
        fig.add_scatter(
            x=labels,
            y=[v.review.snapshot.get(bucket, 0) for v in recorded],
            name=t(f"review.bucket.{bucket}", lang),
            mode="lines+markers",
            line={"color": BUCKET_COLOURS[bucket]},
        )
    fig.update_layout(
        separators=_separators(lang), height=260, margin={"l": 10, "r": 10, "t": 10, "b": 10},
        legend={"orientation": "h", "y": -0.25}, yaxis={"tickformat": ",d", "rangemode": "tozero"},
        plot_bgcolor="white",
    )  # fmt: skip
    headers = [t("review.col.date", lang), *[t(f"review.bucket.{b}", lang) for b in ("total", *BUCKETS)]]
    rows = [
        [label, *[_n(v.review.snapshot.get(b, 0), lang) for b in ("total", *BUCKETS)]]
        for label, v in zip(labels, recorded, strict=True)
    ]
    return [
        html.H3(t("review.trend", lang), className="h6"),
        dcc.Graph(figure=fig, config={"displayModeBar": False, "locale": lang}, id="review-trend-chart"),
        _alternative(_table(headers, rows, id="review-trend-table"), lang),
    ]


def sessions_list(views: Sequence[SessionView], lang: str) -> list:
    """Every recorded session, newest first, with its conclusions and the tasks they became."""
    if not views:
        return [html.P(t("review.no_sessions", lang), className="text-muted")]
    out = []
    for view in views:
        review = view.review
        conclusions = [
            html.Li(
                [
                    html.Span(c.text, className="user-text"),
                    " ",
                    html.A(t("review.became_task", lang, number=task.number), href=f"/task/{task.id}", className="ms-1")
                    if task is not None
                    else html.Span(
                        t("review.no_task_yet", lang), className="badge text-bg-light border ms-1 review-edit"
                    ),
                ],
                **{"data-conclusion-id": str(c.id)},
            )
            for c, task in view.conclusions
        ]
        out.append(
            html.Article(
                className="card mb-2 review-session",
                **{"data-session-id": str(review.id)},
                children=html.Div(
                    className="card-body py-2",
                    children=[
                        html.H3(
                            t("review.session_title", lang, date=format_date(review.held_on, lang), chair=review.chair),
                            className="h6 mb-1",
                        ),
                        html.P(t("review.attendees", lang, names=review.attendees), className="small mb-1")
                        if review.attendees
                        else None,
                        html.P(review.notes, className="small mb-1 user-text") if review.notes else None,
                        html.Ol(conclusions, className="mb-0 small")
                        if conclusions
                        else html.P(t("review.no_conclusions", lang), className="small text-muted mb-0"),
                    ],
                ),
            )
        )
    return out


def _card(title: str, children: list, extra_class: str, form: str | None) -> html.Div:
    """A side card of the page (its forms carry `data-form` for tests and assistive tools)."""
    return html.Div(
        className=f"card mb-3 {extra_class}",
        **({"data-form": form} if form else {}),
        children=html.Div([html.H3(title, className="h6 card-title"), *children], className="card-body"),
    )


def _labelled(label: str, control: Any) -> html.Div:
    return html.Div(
        [dbc.Label(label, html_for=control.id, className="form-label small mb-1"), control], className="mb-2"
    )


def record_form(lang: str, today: date) -> html.Div:
    """Record a session: date, chair, attendees, notes, conclusions (one per line)."""
    return _card(
        t("review.record_heading", lang),
        [
            _labelled(
                t("review.held_on", lang),
                dbc.Input(
                    id=IDS.held_on,
                    type="text",
                    size="sm",
                    value=format_date(today),
                    placeholder="dd/mm/yyyy",
                    maxLength=10,
                ),
            ),
            _labelled(t("review.chair", lang), dbc.Input(id=IDS.chair, type="text", size="sm", maxLength=200)),
            _labelled(t("review.attendees_label", lang), dbc.Textarea(id=IDS.attendees, rows=2, size="sm")),
            _labelled(t("review.notes", lang), dbc.Textarea(id=IDS.notes, rows=3, size="sm")),
            _labelled(
                t("review.conclusions_label", lang),
                dbc.Textarea(id=IDS.conclusions, rows=4, size="sm", placeholder=t("review.conclusions_hint", lang)),
            ),
            dbc.Button(t("review.record", lang), id=IDS.record, color="primary", size="sm"),
            html.Div(id=IDS.record_msg, className="mt-2", **{"aria-live": "polite"}),
        ],
        "review-edit",
        "record-session",
    )


def follow_up_options(views: Sequence[SessionView], lang: str) -> list[dict]:
    """The conclusions not yet turned into tasks, newest session first."""
    options = []
    for view in views:
        for conclusion, task in view.conclusions:
            if task is None:
                text = " ".join(conclusion.text.split())
                label = f"{format_date(view.review.held_on, lang)} · {text[:90]}{'…' if len(text) > 90 else ''}"
                options.append({"label": label, "value": str(conclusion.id)})
    return options


def follow_up_form(
    views: Sequence[SessionView], agencies: Sequence[Agency], categories: Sequence[Category], lang: str
) -> html.Div:
    """Turn a conclusion into a follow-up task on the board."""
    return _card(
        t("review.follow_up_heading", lang),
        [
            _labelled(
                t("review.fu_conclusion", lang),
                dbc.Select(
                    id=IDS.fu_conclusion,
                    options=follow_up_options(views, lang),
                    size="sm",
                    placeholder=t("review.fu_pick", lang),
                ),
            ),
            _labelled(
                t("review.fu_lead", lang),
                dbc.Select(
                    id=IDS.fu_lead,
                    options=[{"label": a.short_name or a.name, "value": str(a.id)} for a in agencies if a.is_active],
                    size="sm",
                    placeholder=t("review.fu_pick", lang),
                ),
            ),
            _labelled(
                t("review.fu_due", lang),
                dbc.Input(id=IDS.fu_due, type="text", size="sm", placeholder="dd/mm/yyyy", maxLength=10),
            ),
            _labelled(
                t("review.fu_category", lang),
                dbc.Select(
                    id=IDS.fu_category,
                    options=[{"label": category_label(c, lang), "value": c.code} for c in categories],
                    size="sm",
                    placeholder=t("review.fu_pick", lang),
                ),
            ),
            dbc.Button(t("review.fu_save", lang), id=IDS.fu_save, color="primary", size="sm"),
            html.Div(id=IDS.fu_msg, className="mt-2", **{"aria-live": "polite"}),
        ],
        "review-edit",
        "follow-up",
    )


def exports_box(views: Sequence[SessionView], today: date, lang: str) -> html.Div:
    """Downloads: the tasks (current filters) to Excel, the periodic report and a session's minutes."""
    year = today.year
    return _card(
        t("review.exports", lang),
        [
            dbc.Button(
                t("review.excel", lang), id=IDS.excel, color="success", outline=True, size="sm", className="mb-2"
            ),
            html.Div(
                [
                    dbc.Select(
                        id=IDS.report_kind,
                        size="sm",
                        value="semiannual",
                        options=[{"label": t(f"review.kind.{k}", lang), "value": k} for k in ("semiannual", "annual")],
                    ),
                    html.Label(t("review.year", lang), htmlFor=IDS.report_year, className="visually-hidden"),
                    dbc.Input(
                        id=IDS.report_year,
                        type="number",
                        size="sm",
                        value=year,
                        min=2000,
                        max=2100,
                        step=1,
                        style={"maxWidth": "7rem"},
                        placeholder=t("review.year", lang),
                    ),
                    dbc.Button(t("review.report", lang), id=IDS.report, color="primary", outline=True, size="sm"),
                ],
                className="d-flex flex-wrap gap-2 mb-2 review-report-row",
            ),
            html.Div(
                [
                    dbc.Select(
                        id=IDS.minutes_session,
                        size="sm",
                        options=[
                            {
                                "label": t(
                                    "review.session_title",
                                    lang,
                                    date=format_date(v.review.held_on, lang),
                                    chair=v.review.chair,
                                ),
                                "value": str(v.review.id),
                            }
                            for v in views
                        ],
                        placeholder=t("review.minutes_pick", lang),
                    ),
                    dbc.Button(t("review.minutes", lang), id=IDS.minutes, color="primary", outline=True, size="sm"),
                ],
                className="d-flex flex-wrap gap-2",
            ),
            html.Div(id=IDS.export_msg, className="mt-2", **{"aria-live": "polite"}),
            dcc.Download(id=IDS.download),
        ],
        "review-exports",
        None,
    )


def filter_bar(categories: Sequence[Category], agencies: Sequence[Agency], lang: str) -> html.Div:
    """Category and agency filters, and the presentation switch."""
    all_option = [{"label": t("notif.filter.all", lang), "value": ALL}]
    return html.Div(
        [
            _labelled(
                t("board.group_category", lang),
                dbc.Select(
                    id=IDS.category,
                    size="sm",
                    value=ALL,
                    options=all_option + [{"label": category_label(c, lang), "value": c.code} for c in categories],
                ),
            ),
            _labelled(
                t("board.group_agency", lang),
                dbc.Select(
                    id=IDS.agency,
                    size="sm",
                    value=ALL,
                    options=all_option + [{"label": a.short_name or a.name, "value": str(a.id)} for a in agencies],
                ),
            ),
            html.Div(
                dbc.Switch(id=IDS.present, label=t("review.present", lang), value=False),
                className="align-self-end mb-2",
            ),
        ],
        className="d-flex flex-wrap gap-3 align-items-start review-filters",
        role="search",
        **{"aria-label": t("review.filters", lang)},
    )


def review_page(
    *,
    plan: Plan | None,
    body: list,
    views: Sequence[SessionView],
    categories: Sequence[Category],
    agencies: Sequence[Agency],
    today: date,
    lang: str,
    may_record: bool,
    may_export: bool,
) -> list:
    """The whole page."""
    if plan is None:
        return [html.Div(t("review.no_plan", lang), className="alert alert-info")]
    side: list = []
    if may_export:
        side.append(exports_box(views, today, lang))
    if may_record:
        side += [record_form(lang, today), follow_up_form(views, agencies, categories, lang)]
    return [
        dcc.Store(id=IDS.refresh, data=0),
        html.Div(
            id=IDS.wrapper,
            className="review-page",
            children=[
                html.H1(t("review.heading", lang, code=plan.code), className="h4 mb-0"),
                html.P(
                    [plan.title, " · ", t("review.as_of", lang, date=format_date(today, lang))],
                    className="text-muted mb-2",
                ),
                filter_bar(categories, agencies, lang),
                dbc.Row(
                    [
                        dbc.Col(dcc.Loading(html.Div(body, id=IDS.body), type="dot", delay_show=300), lg=9),
                        dbc.Col(
                            [
                                *side,
                                html.Section(
                                    [
                                        html.H2(t("review.section.sessions", lang), className="h5"),
                                        html.Div(sessions_block(views, lang), id=IDS.sessions),
                                    ],
                                    id="review-sessions-section",
                                ),
                            ],
                            lg=3,
                        ),
                    ]
                ),
            ],
        ),
    ]


def sessions_block(views: Sequence[SessionView], lang: str) -> list:
    """The trend across sessions and the sessions themselves."""
    return [*trend_chart(views, lang), *sessions_list(views, lang)]
