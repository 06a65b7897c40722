"""The review page: thin callbacks (unpack, one call into `models`, render) and its downloads."""

from __future__ import annotations

import logging
import time
from datetime import date, datetime
from datetime import time as clock_time
from zoneinfo import ZoneInfo

from dash import Dash, Input, Output, State, ctx, dcc, no_update
from dash.exceptions import PreventUpdate

from callbacks.board import filters_from_search
from callbacks.common import as_id, attempt
from callbacks.registry import read_callback, read_clientside, write_callback
from dashapp import context, ids
from dashapp import review_page as views
from dashapp.auth import current_actor
from dashapp.components import alert
from dashapp.db import session_scope
from dashapp.lang import current_lang, tr
from dashapp.list_page import LIST_DOWNLOAD, LIST_EXCEL, LIST_EXPORT_MSG
from dashapp.review_page import ALL, IDS
from i18n import format_date
from models import review
from models.board import select_plan, task_list
from models.errors import NotFound
from models.permissions import Action, can
from models.plans import list_agencies, list_categories

log = logging.getLogger(__name__)


def _filters(category, agency) -> tuple[str | None, int | None]:
    return (str(category) if category and category != ALL else None), as_id(agency)


def build_body(session, plan, *, category=None, agency_id=None) -> list:
    """The figures, charts and lists for the filters (read in the caller's session)."""
    lang, now = current_lang(), context.now()
    frame = review.task_frame(
        session=session,
        plan_id=plan.id,
        today=now.date(),
        calendar=context.calendar(),
        category=category,
        agency_id=agency_id,
        lang=lang,
    )
    previous = review.previous_session(
        session=session, plan_id=plan.id, before=now.date()
    )  # held before today: a session held today looks back
    since = previous.held_on if previous else None
    changes = review.changes_since(session=session, frame=frame, since=_start_of(since)) if since else frame.iloc[0:0]
    return views.review_body(
        figures=review.headline(frame),
        categories=review.by_category(frame, list_categories(session=session), lang),
        scorecard=review.scorecard(frame),
        burn=review.burn_up(frame, now.date()),
        overdue=review.overdue_list(frame),
        changes=changes,
        since=since,
        lang=lang,
        tz=context.settings().timezone,
    )


def _start_of(day: date) -> datetime:
    """The first moment of `day` in the tracker's time zone (events are stored in UTC)."""
    return datetime.combine(day, clock_time(0, 0), tzinfo=ZoneInfo(context.settings().timezone))


def render_page(lang: str, _search: str | None = None) -> list:
    """The review page of the newest plan (called by the shell)."""
    user = current_actor()
    with session_scope() as session:
        plan = select_plan(session=session, plan_id=None)
        if plan is None:
            return views.review_page(
                plan=None, body=[], views=[], categories=[], agencies=[], today=context.now().date(),
                lang=lang, may_record=False, may_export=False,
            )  # fmt: skip
        body = build_body(session, plan)
        sessions = review.list_sessions(session=session, plan_id=plan.id)
        return views.review_page(
            plan=plan,
            body=body,
            views=sessions,
            categories=list_categories(session=session),
            agencies=list_agencies(session=session),
            today=context.now().date(),
            lang=lang,
            may_record=can(user, Action.WRITE_REPORTS),
            may_export=can(user, Action.EXPORT),
        )


def filter_review(category, agency, _refresh):
    """Redraw the figures for the chosen category and agency."""
    category, agency_id = _filters(category, agency)
    with session_scope() as session:
        plan = select_plan(session=session, plan_id=None)
        if plan is None:
            raise PreventUpdate
        return build_body(session, plan, category=category, agency_id=agency_id)


def _sessions_outputs(session, plan_id: int) -> tuple:
    lang = current_lang()
    found = review.list_sessions(session=session, plan_id=plan_id)
    minutes = [
        {
            "label": tr("review.session_title", date=format_date(v.review.held_on), chair=v.review.chair),
            "value": str(v.review.id),
        }
        for v in found
    ]
    return views.sessions_block(found, lang), views.follow_up_options(found, lang), minutes


def record_review(n_clicks, held_on, chair, attendees, notes, conclusions):
    """Record a session with its conclusions (one per line)."""
    if not n_clicks:
        raise PreventUpdate
    lines = [line for line in (conclusions or "").splitlines() if line.strip()]

    def work(s, actor, now):
        plan = select_plan(session=s, plan_id=None)
        recorded = review.record_session(
            session=s, actor=actor, now=now, calendar=context.calendar(), plan_id=plan.id if plan else 0,
            held_on=held_on or "", chair=chair or "", attendees=attendees or "", notes=notes or "", conclusions=lines,
        )  # fmt: skip
        return recorded, _sessions_outputs(s, recorded.plan_id)

    result, error = attempt(work)
    if error:
        return alert(error, False), no_update, no_update, no_update, no_update, no_update, no_update, no_update
    recorded, (block, options, minutes) = result
    message = alert(tr("review.recorded", date=format_date(recorded.held_on), n=len(lines)), True)
    return message, block, options, minutes, "", "", "", time.time()


def make_follow_up(n_clicks, conclusion, lead, due, category):
    """Turn the chosen conclusion into a task on the board."""
    if not n_clicks:
        raise PreventUpdate
    if as_id(conclusion) is None:
        return alert(tr("review.error.conclusion_pick"), False), no_update, no_update, no_update, no_update

    def work(s, actor, now):
        task = review.follow_up_task(
            session=s, actor=actor, now=now, conclusion_id=as_id(conclusion), lead_agency_id=as_id(lead),
            due_date=due or "", category_code=str(category) if category else None,
        )  # fmt: skip
        return task, _sessions_outputs(s, task.plan_id)

    result, error = attempt(work)
    if error:
        return alert(error, False), no_update, no_update, no_update, no_update
    task, (block, options, minutes) = result
    return alert(tr("review.follow_up_done", number=task.number), True), block, options, minutes, None


def download(excel_clicks, report_clicks, minutes_clicks, category, agency, kind, year, session_id):
    """The file asked for: tasks to Excel (current filters), the periodic report, or a session's minutes."""
    from dashapp import exports, reports

    pressed = ctx.triggered_id
    if pressed not in (IDS.excel, IDS.report, IDS.minutes) or not (excel_clicks or report_clicks or minutes_clicks):
        raise PreventUpdate
    lang = current_lang()
    category_code, agency_id = _filters(category, agency)
    if pressed == IDS.minutes and as_id(session_id) is None:
        return no_update, alert(tr("review.minutes_pick"), False)

    def work(s, actor, now):
        plan = select_plan(session=s, plan_id=None)
        if plan is None:
            raise NotFound()
        frame = review.export_frame(
            session=s, actor=actor, now=now, plan_id=plan.id, calendar=context.calendar(),
            category=category_code if pressed == IDS.excel else None,
            agency_id=agency_id if pressed == IDS.excel else None, lang=lang,
        )  # fmt: skip
        stamp = now.date().isoformat()
        if pressed == IDS.excel:
            return exports.tasks_workbook(frame, plan=plan, today=now.date(), lang=lang), f"nhiem-vu-{stamp}.xlsx"
        if pressed == IDS.report:
            chosen = kind if kind in ("semiannual", "annual") else "semiannual"
            report_year = int(year) if str(year or "").isdigit() else now.year
            start, end = reports.period(chosen, report_year)
            sessions = review.list_sessions(session=s, plan_id=plan.id, held_from=start, held_to=end)
            data = reports.periodic_report(
                plan=plan, kind=chosen, year=report_year, today=now.date(), frame=frame,
                categories=list_categories(session=s), sessions=sessions, lang=lang,
            )  # fmt: skip
            return data, f"bao-cao-{chosen}-{report_year}.docx"
        view = review.get_session(session=s, session_id=as_id(session_id))
        return reports.minutes(plan=plan, view=view, lang=lang), f"bien-ban-{view.review.held_on.isoformat()}.docx"

    result, error = attempt(work)
    if error:
        return no_update, alert(error, False)
    data, name = result
    return dcc.send_bytes(data, name), alert(tr("review.downloaded", name=name), True)


def export_list(n_clicks, search):
    """The list page's tasks, as its filters (in the address) show them, to Excel."""
    from dashapp import exports

    if not n_clicks:
        raise PreventUpdate
    filters = filters_from_search(search)
    lang = current_lang()

    def work(s, actor, now):
        listed = task_list(
            session=s, actor=actor, filters=filters, today=now.date(), calendar=context.calendar(), lang=lang
        )
        plan = select_plan(session=s, plan_id=filters.plan)
        if plan is None:
            raise NotFound()
        frame = review.export_frame(
            session=s, actor=actor, now=now, plan_id=plan.id, calendar=context.calendar(), lang=lang
        )
        shown = frame[frame["id"].isin([int(row["id"]) for row in listed["rows"]])]
        name = f"nhiem-vu-{now.date().isoformat()}.xlsx"
        return exports.tasks_workbook(shown, plan=plan, today=now.date(), lang=lang), name, len(shown)

    result, error = attempt(work)
    if error:
        return no_update, alert(error, False)
    data, name, count = result
    return dcc.send_bytes(data, name), tr("list.exported", n=count, name=name)


PRESENT = """
function (on) {
    document.body.classList.toggle("review-presenting", !!on);
    return on ? "review-page review-present" : "review-page";
}
"""


def register(app: Dash) -> None:
    """Wire the review page (and the list page's Excel export)."""
    read_callback(
        app,
        Output(LIST_DOWNLOAD, "data"),
        Output(LIST_EXPORT_MSG, "children"),
        Input(LIST_EXCEL, "n_clicks"),
        State(ids.URL, "search"),
        prevent_initial_call=True,
    )(export_list)
    read_callback(
        app,
        Output(IDS.body, "children"),
        Input(IDS.category, "value"),
        Input(IDS.agency, "value"),
        Input(IDS.refresh, "data"),
        prevent_initial_call=True,
    )(filter_review)
    read_clientside(
        app, PRESENT, Output(IDS.wrapper, "className"), Input(IDS.present, "value"), prevent_initial_call=True
    )
    write_callback(
        app,
        Output(IDS.record_msg, "children"),
        Output(IDS.sessions, "children"),
        Output(IDS.fu_conclusion, "options"),
        Output(IDS.minutes_session, "options"),
        Output(IDS.chair, "value"),
        Output(IDS.notes, "value"),
        Output(IDS.conclusions, "value"),
        Output(IDS.refresh, "data"),
        Input(IDS.record, "n_clicks"),
        State(IDS.held_on, "value"),
        State(IDS.chair, "value"),
        State(IDS.attendees, "value"),
        State(IDS.notes, "value"),
        State(IDS.conclusions, "value"),
        prevent_initial_call=True,
    )(record_review)
    write_callback(
        app,
        Output(IDS.fu_msg, "children"),
        Output(IDS.sessions, "children", allow_duplicate=True),
        Output(IDS.fu_conclusion, "options", allow_duplicate=True),
        Output(IDS.minutes_session, "options", allow_duplicate=True),
        Output(IDS.fu_conclusion, "value"),
        Input(IDS.fu_save, "n_clicks"),
        State(IDS.fu_conclusion, "value"),
        State(IDS.fu_lead, "value"),
        State(IDS.fu_due, "value"),
        State(IDS.fu_category, "value"),
        prevent_initial_call=True,
    )(make_follow_up)
    read_callback(
        app,
        Output(IDS.download, "data"),
        Output(IDS.export_msg, "children"),
        Input(IDS.excel, "n_clicks"),
        Input(IDS.report, "n_clicks"),
        Input(IDS.minutes, "n_clicks"),
        State(IDS.category, "value"),
        State(IDS.agency, "value"),
        State(IDS.report_kind, "value"),
        State(IDS.report_year, "value"),
        State(IDS.minutes_session, "value"),
        prevent_initial_call=True,
    )(download)
