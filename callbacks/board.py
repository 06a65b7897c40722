"""The board: load with filters (and keep them in the URL), move cards, follow other users' changes."""

from __future__ import annotations

from urllib.parse import parse_qsl

from dash import ClientsideFunction, Dash, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate

from callbacks.common import as_id, attempt
from callbacks.registry import read_callback, read_clientside, write_callback
from dashapp import context
from dashapp.board_page import ALL, BOARD_FILTERS, IDS, LIST_FILTERS, FilterIds, filters_from_controls, query_string
from dashapp.components import alert
from dashapp.lang import current_lang, tr
from i18n import format_number
from models.board import BoardFilters, board_stamp, board_view, move_on_board, select_plan, task_list


def filters_from_search(search: str | None) -> BoardFilters:
    """Filters from the URL's query string."""
    return BoardFilters.from_params(dict(parse_qsl((search or "").lstrip("?"))))


def _summary(view: dict) -> str:
    lang = current_lang()
    counts = {k: format_number(v, lang, 0) for k, v in view["summary"].items()}
    if view.get("plan") is None:
        return tr("tasks.empty")
    return tr("tasks.summary", **counts)


def _view(filters: BoardFilters, limits: dict | None, keep: int | None = None) -> dict:
    view, error = attempt(
        lambda s, actor, now: board_view(
            session=s,
            actor=actor,
            filters=filters,
            today=now.date(),
            calendar=context.calendar(),
            lang=current_lang(),
            limits={str(k): int(v) for k, v in (limits or {}).items() if isinstance(v, int)},
            keep=keep,
        ),
        reads_only=True,
    )
    if error:
        raise PreventUpdate
    return view


def _stamp(session, plan_id: int | None) -> str | None:
    plan = select_plan(session=session, plan_id=plan_id)
    return board_stamp(session=session, plan_id=plan.id) if plan else None


def first_view(filters: BoardFilters) -> tuple[dict | None, str | None]:
    """The board's data and summary for the page's first render (None when it cannot be read)."""
    try:
        view = _view(filters, {})
    except PreventUpdate:
        return None, None
    return view, _summary(view)


def check_for_changes(_tick, stamp, plan):
    """On the timer: say so only when some task of the plan changed since the board was drawn.

    A callback of its own (it never writes the board), so a tick can never swallow a filter change.
    """
    current, error = attempt(lambda s, _actor, _now: _stamp(s, filters_from_controls(plan=plan).plan), reads_only=True)
    if error or current is None or current == stamp:
        raise PreventUpdate  # nothing changed: the browser asks nothing more and redraws nothing
    return current


def load_board(q, category, agency, deadline, within, mine, cancelled, group, plan, limits, _changed):
    """Draw the board for these filters (also when the timer saw another user's change)."""
    filters = filters_from_controls(q, category, agency, deadline, within, mine, cancelled, group, plan)
    view = _view(filters, limits)
    live = tr("board.live_updated") if ctx.triggered_id == IDS.changed else no_update
    return view, view.get("stamp"), _summary(view), query_string(filters), live


def move_card(move, q, category, agency, deadline, within, mine, cancelled, group, plan, limits):
    """A drop or a keyboard move: the server decides; the board is redrawn from the truth either way."""
    if not isinstance(move, dict) or as_id(move.get("id")) is None:
        raise PreventUpdate
    filters = filters_from_controls(q, category, agency, deadline, within, mine, cancelled, group, plan)
    target, version = str(move.get("to") or ""), as_id(move.get("v"))
    result, error = attempt(
        lambda s, actor, now: move_on_board(
            session=s, task_id=as_id(move["id"]), target=target, expected_version=version or 0, actor=actor, now=now
        )
    )
    if error:
        message = tr("board.refused", reason=error)
    elif result.target != target:
        message = tr("board.submitted_instead", number=result.task.number)
    else:
        message = tr("board.moved", number=result.task.number, status=tr(f"status.{result.target}"))
    try:
        view = _view(filters, limits, keep=as_id(move["id"]))
    except PreventUpdate:
        # The move is decided (and, when accepted, committed): say so even if the redraw failed; the
        # board's timer sees the change and redraws.
        return no_update, no_update, no_update, message, _toast(message, ok=not error)
    return view, view.get("stamp"), _summary(view), message, _toast(message, ok=not error)


def _toast(message: str, ok: bool):
    """The visible message after a move (the aria-live region says the same for screen readers)."""
    return alert(message, ok)


def load_list(q, category, agency, deadline, within, mine, cancelled, group, plan):
    """The list view's rows for these filters (the same filters, kept in the URL, as the board)."""
    filters = filters_from_controls(q, category, agency, deadline, within, mine, cancelled, group, plan)
    view, error = attempt(
        lambda s, actor, now: task_list(
            session=s, actor=actor, filters=filters, today=now.date(), calendar=context.calendar(), lang=current_lang()
        )
    )
    if error:
        raise PreventUpdate
    return view["rows"], _summary(view), query_string(filters)


def reset_filters(n_clicks):
    """Every filter back to "all" (the plan stays)."""
    if not n_clicks:
        raise PreventUpdate
    return "", ALL, ALL, ALL, None, False, False, "category"


def _register_reset(app: Dash, ids: FilterIds) -> None:
    read_callback(
        app,
        *[Output(i, p) for i, p in ids.values() if i != ids.plan],
        Input(ids.reset, "n_clicks"),
        prevent_initial_call=True,
    )(reset_filters)


def register(app: Dash) -> None:
    """Wire the board's callbacks, and the script that draws the board and shows the toast."""
    filter_inputs = [Input(i, p) for i, p in BOARD_FILTERS.values()]
    filter_states = [State(i, p) for i, p in BOARD_FILTERS.values()]
    read_callback(
        app,
        Output(IDS.data, "data"),
        Output(IDS.stamp, "data"),
        Output(IDS.summary, "children"),
        Output("url", "search"),
        Output(IDS.live, "children"),
        *filter_inputs,
        Input(IDS.limits, "data"),
        Input(IDS.changed, "data"),
        prevent_initial_call=True,  # the page arrives with its first data (callbacks/shell.py)
    )(load_board)
    read_callback(
        app,
        Output(IDS.changed, "data"),
        Input(IDS.tick, "n_intervals"),
        State(IDS.stamp, "data"),
        State(BOARD_FILTERS.plan, "value"),
        prevent_initial_call=True,
    )(check_for_changes)
    write_callback(
        app,
        Output(IDS.data, "data", allow_duplicate=True),
        Output(IDS.stamp, "data", allow_duplicate=True),
        Output(IDS.summary, "children", allow_duplicate=True),
        Output(IDS.live, "children", allow_duplicate=True),
        Output(IDS.toast, "children"),
        Input(IDS.move, "data"),
        *filter_states,
        State(IDS.limits, "data"),
        prevent_initial_call=True,
    )(move_card)
    read_callback(
        app,
        Output(IDS.grid, "rowData"),
        Output(IDS.list_count, "children"),
        Output("url", "search", allow_duplicate=True),
        *[Input(i, p) for i, p in LIST_FILTERS.values()],
        prevent_initial_call="initial_duplicate",
    )(load_list)
    for ids in (BOARD_FILTERS, LIST_FILTERS):
        _register_reset(app, ids)
    # No Output: the script draws into #board, which no callback ever sets.
    read_clientside(app, ClientsideFunction(namespace="dxBoard", function_name="draw"), Input(IDS.data, "data"))
