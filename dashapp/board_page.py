"""The board page `/`: the filter bar and an empty container the browser script draws into.

`#board` is never a callback Output and nothing re-renders around it after the page is built: the
script `assets/board.js` owns what is inside (cards are drawn from records, with textContent only).
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlencode

import dash_bootstrap_components as dbc
from dash import dcc, html

from i18n import t
from models.board import BoardFilters
from models.deadlines import DeadlineState
from models.tables import Agency, Category, Plan

LIVE_INTERVAL_MS = 15_000
ALL = "*"  # the "everything" choice of a select (dbc.Select keeps "" for its hidden placeholder)


class FilterIds:
    """Ids of one filter bar; the board and the list each have their own (prefix "f" and "l")."""

    def __init__(self, prefix: str) -> None:
        for name in ("q", "category", "agency", "deadline", "within", "mine", "cancelled", "group", "plan", "reset"):
            setattr(self, name, f"{prefix}-{name}")

    def values(self) -> list[tuple[str, str]]:
        """(id, "value") of every control, in the order filters_from_controls takes them."""
        names = ("q", "category", "agency", "deadline", "within", "mine", "cancelled", "group", "plan")
        return [(getattr(self, name), "value") for name in names]


BOARD_FILTERS = FilterIds("f")
LIST_FILTERS = FilterIds("l")


class IDS:
    """Component ids of the board and list pages."""

    data = "board-data"
    stamp = "board-stamp"
    limits = "board-limits"
    move = "board-move"
    tick = "board-tick"
    changed = "board-changed"
    summary = "board-summary"
    live = "board-live"
    toast = "board-toast"
    list_link = "list-link"
    board_link = "board-link"
    board = "board"
    grid = "task-grid"
    list_count = "list-count"


def filters_from_controls(
    q=None, category=None, agency=None, deadline=None, within=None, mine=None, cancelled=None, group=None, plan=None
) -> BoardFilters:
    """The filters the controls show (values as the browser sends them)."""
    values = {
        "q": q,
        "cat": category,
        "agency": agency,
        "dl": deadline,
        "within": within,
        "mine": mine,
        "cancelled": cancelled,
        "group": group,
        "plan": plan,
    }
    return BoardFilters.from_params({k: ("" if v == ALL else v) for k, v in values.items()})


def query_string(filters: BoardFilters) -> str:
    """'?cat=data&q=…' for the URL bar and the board/list links ('' when nothing is filtered)."""
    params = filters.to_params()
    return f"?{urlencode(params)}" if params else ""


def filter_bar(
    filters: BoardFilters,
    *,
    ids: FilterIds,
    categories: Sequence[Category],
    agencies: Sequence[Agency],
    plans: Sequence[Plan],
    has_agency: bool,
    lang: str,
    view: str,
) -> html.Div:
    """Search, selects, switches and reset; the same bar on the board and on the list."""
    states = [DeadlineState.ON_TIME, DeadlineState.DUE_SOON, DeadlineState.OVERDUE]
    states += [DeadlineState.DONE_ON_TIME, DeadlineState.DONE_LATE, DeadlineState.ONGOING]
    controls = [
        html.Div(
            [
                dbc.Label(t("board.search", lang), html_for=ids.q, className="visually-hidden"),
                dbc.Input(
                    id=ids.q,
                    type="search",
                    value=filters.q,
                    placeholder=t("board.search_placeholder", lang),
                    debounce=0.35,
                    size="sm",
                    autoComplete="off",
                ),
            ],
            className="filter-search",
        ),
        _select(
            ids.category,
            t("board.all_categories", lang),
            [(c.code, c.name_en if lang == "en" else c.name_vi) for c in categories],
            filters.category,
        ),
        _select(ids.agency, t("board.all_agencies", lang), [(a.code, a.short_name) for a in agencies], filters.agency),
        _select(
            ids.deadline,
            t("board.all_deadlines", lang),
            [(str(s), t(f"board.state.{s}", lang)) for s in states],
            filters.deadline,
        ),
        html.Div(
            [
                dbc.Label(t("board.due_within", lang), html_for=ids.within, className="small mb-0 text-nowrap"),
                dbc.Input(
                    id=ids.within,
                    type="number",
                    min=0,
                    max=366,
                    step=1,
                    value=filters.due_within,
                    size="sm",
                    debounce=True,  # applied on Enter or leaving the field (a timer lost a quick Tab)
                    className="within-input",
                ),
                html.Span(t("board.working_days", lang), className="small text-nowrap"),
            ],
            className="d-flex align-items-center gap-1",
        ),
        dbc.Checkbox(
            id=ids.mine,
            label=t("board.mine", lang),
            value=filters.mine,
            disabled=not has_agency,
            className="small mb-0" + ("" if has_agency else " d-none"),
        ),
        dbc.Checkbox(
            id=ids.cancelled, label=t("board.show_cancelled", lang), value=filters.cancelled, className="small mb-0"
        ),
        html.Div(
            [
                html.Span(t("board.group_by", lang), className="small", id=f"{ids.group}-label"),
                dbc.RadioItems(
                    id=ids.group,
                    options=[
                        {"label": t("board.group_category", lang), "value": "category"},
                        {"label": t("board.group_agency", lang), "value": "agency"},
                    ],
                    value=filters.group,
                    inline=True,
                    className="small",
                ),
            ],
            className="d-flex align-items-center gap-2" + ("" if view == "board" else " d-none"),
        ),
        dbc.Button(t("board.reset", lang), id=ids.reset, color="secondary", outline=True, size="sm"),
    ]
    plan_choice = _select(
        ids.plan, None, [(str(p.id), f"{p.code} · {p.title}") for p in plans], str(filters.plan or ALL)
    )
    if plans and filters.plan is None:  # the newest plan is the default: no ?plan= in the URL
        plan_choice.options[0]["value"] = ALL
    if len(plans) <= 1:
        plan_choice.className = "d-none"
    return html.Div(
        [plan_choice, *controls],
        className="filter-bar d-flex flex-wrap align-items-center gap-2 mb-2",
        role="search",
        **{"aria-label": t("board.filters", lang)},
    )


def _select(id_: str, everything: str | None, options: list[tuple[str, str]], value: str) -> dbc.Select:
    choices = ([{"label": everything, "value": ALL}] if everything is not None else []) + [
        {"label": label, "value": code} for code, label in options
    ]
    return dbc.Select(id=id_, options=choices, value=value or ALL, size="sm", className="filter-select")


def view_switch(filters: BoardFilters, lang: str, view: str) -> html.Nav:
    """Board | List, keeping the filters."""
    query = query_string(filters)
    return html.Nav(
        [
            html.A(
                t("board.view_board", lang),
                href=f"/{query}",
                id=IDS.board_link,
                className="btn btn-sm " + ("btn-primary" if view == "board" else "btn-outline-primary"),
                **({"aria-current": "page"} if view == "board" else {}),
            ),
            html.A(
                t("board.view_list", lang),
                href=f"/tasks{query}",
                id=IDS.list_link,
                className="btn btn-sm " + ("btn-primary" if view == "list" else "btn-outline-primary"),
                **({"aria-current": "page"} if view == "list" else {}),
            ),
        ],
        className="btn-group",
    )


def board_page(
    filters: BoardFilters,
    *,
    plan: Plan | None,
    lang: str,
    refresh_ms: int = LIVE_INTERVAL_MS,
    initial: dict | None = None,
    summary: str | None = None,
    **bar,
) -> list:
    """The whole board page; the cards arrive through `board-data` and are drawn by the script."""
    header = [html.H1(plan.title if plan else t("tasks.heading", lang), className="h5 mb-1")]
    if plan is not None and plan.is_sample:
        header.append(html.Div(t("app.sample_data", lang), className="sample-note small text-muted mb-2", role="note"))
    return [
        *header,
        filter_bar(filters, ids=BOARD_FILTERS, lang=lang, view="board", **bar),
        html.Div(
            [
                html.P(
                    summary or t("board.loading", lang),
                    id=IDS.summary,
                    className="summary-line fw-semibold mb-0",
                    role="status",
                ),
                html.Div(view_switch(filters, lang, "board"), className="ms-auto"),
            ],
            className="d-flex align-items-center gap-2 mb-1",
        ),
        html.P(t("board.help", lang), className="small text-muted mb-2"),
        html.Div(id=IDS.live, className="visually-hidden", role="status", **{"aria-live": "polite"}),
        html.Div(id=IDS.toast, className="board-toast", role="alert", **{"aria-live": "assertive"}),
        html.Div(id=IDS.board, className="board", **{"data-loading": "true"}),
        dcc.Store(id=IDS.data, data=initial),
        dcc.Store(id=IDS.stamp, data=(initial or {}).get("stamp")),
        dcc.Store(id=IDS.limits, data={}),
        dcc.Store(id=IDS.move),
        dcc.Interval(id=IDS.tick, interval=refresh_ms),
        dcc.Store(id=IDS.changed),
    ]
