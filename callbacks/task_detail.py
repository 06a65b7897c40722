"""The task detail page's callbacks: thin — unpack, one call into `models` as the signed-in user, render.

Every write sends the version the page was rendered with; a ConflictError says so in the user's
language and re-renders the page's data (the typed text stays in the form). After a successful write
the data sections and the stored version are re-rendered by `refresh_task`, which rebuilds a form's box
only when what that box offers has changed, so text typed in the other forms is kept.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

from dash import Dash, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate
from sqlmodel import Session

from callbacks.common import as_id, attempt
from callbacks.registry import read_callback, read_clientside, write_callback
from dashapp import context
from dashapp import task_page as views
from dashapp.auth import CurrentUser, current_actor
from dashapp.components import alert
from dashapp.db import session_scope
from dashapp.lang import current_lang, tr
from dashapp.task_page import EDIT_FIELDS, IDS, MESSAGE_IDS
from i18n import format_date
from models import extensions, tasks
from models.errors import ConflictError, NotFound

log = logging.getLogger(__name__)
T = TypeVar("T")


def _detail(session: Session, task_id: int) -> tasks.TaskDetail:
    # "Sắp đến hạn" is the same 7 working days here as on the board, the list and the review page.
    return tasks.task_detail(session=session, task_id=task_id, today=context.now().date(), calendar=context.calendar())


def render_page(task_id: int, lang: str) -> list:
    """The page for task `task_id` (called by the shell); a clear message when there is no such task."""
    if not 0 < task_id <= tasks.MAX_ID:  # larger ids cannot exist (and would overflow PostgreSQL)
        return views.not_found(task_id, lang)
    try:
        with session_scope() as session:
            detail = _detail(session, task_id)
    except NotFound:
        return views.not_found(task_id, lang)
    except Exception:  # the page must say something useful, never go blank
        log.exception("could not load task %s", task_id)
        return views.load_error(lang)
    return views.task_page(detail, current_actor(), lang, context.settings().timezone)


def _attempt(
    work: Callable[[Session, CurrentUser, Any], T], on_conflict: Callable[[Any], Any] | None = None
) -> tuple[T | None, str | None, bool, Any]:
    """`attempt`, also telling whether the refusal was a conflict (the page then re-renders).

    `on_conflict(current_task)` runs inside the session (the task is still readable there); its result
    is returned last.
    """
    caught: list[Any] = []

    def guarded(session, actor, now):
        try:
            return work(session, actor, now)
        except ConflictError as conflict:
            current = conflict.current
            caught.append(on_conflict(current) if on_conflict is not None and current is not None else None)
            raise

    result, error = attempt(guarded)
    return result, error, bool(caught), caught[0] if caught else None


def _clicked(n_clicks: int | None) -> None:
    if not n_clicks:
        raise PreventUpdate


def _task_id(value: object) -> int:
    """The page's task id (a page without one has nothing to write to)."""
    task_id = as_id(value)
    if task_id is None:
        raise PreventUpdate
    return task_id


def _version(value: object) -> int:
    """The version the page holds (0 when missing: the write is then refused as a conflict)."""
    return as_id(value) or 0


def _token(ok: bool, conflict: bool = False):
    """A new refresh token after a write or a conflict; nothing to refresh after another refusal."""
    return time.time() if ok or conflict else no_update


# --- writes --------------------------------------------------------------------------------------


def move_task(n_clicks, target, note, task_id, version):
    """Move the task to the chosen status (the workflow and the user's role decide)."""
    _clicked(n_clicks)
    page_task = _task_id(task_id)
    if not target:
        return alert(tr("task.move_choose"), False), no_update
    task, error, conflict, _current = _attempt(
        lambda s, actor, now: tasks.change_status(
            session=s,
            task_id=page_task,
            target=str(target),
            expected_version=_version(version),
            actor=actor,
            now=now,
            note=(note or "").strip()[:500],
        )
    )
    if error:
        return alert(error, False), _token(False, conflict)
    return alert(tr("task.moved", status=tr(f"status.{task.status}")), True), _token(True)


def report_task_progress(n_clicks, progress, note, url, task_id, version):
    """Record a progress report (percentage, note, optional http(s) evidence link)."""
    _clicked(n_clicks)
    page_task = _task_id(task_id)
    if isinstance(progress, float) and progress.is_integer():
        progress = int(progress)
    _report, error, conflict, _current = _attempt(
        lambda s, actor, now: tasks.report_progress(
            session=s,
            task_id=page_task,
            expected_version=_version(version),
            progress=progress,
            note=note or "",
            evidence_url=url or "",
            actor=actor,
            now=now,
        )
    )
    if error:  # what the user typed stays in the form
        return alert(error, False), _token(False, conflict), no_update, no_update
    return alert(tr("task.progress_saved"), True), _token(True), "", ""


def comment_on_task(n_clicks, body, task_id):
    """Add a comment to the conversation."""
    _clicked(n_clicks)
    page_task = _task_id(task_id)
    _comment, error, _conflict, _current = _attempt(
        lambda s, actor, now: tasks.add_comment(session=s, task_id=page_task, body=body or "", actor=actor, now=now)
    )
    if error:
        return alert(error, False), no_update, no_update
    return alert(tr("task.comment_saved"), True), time.time(), ""


def request_task_extension(n_clicks, new_date, reason, task_id):
    """Ask for a later deadline."""
    _clicked(n_clicks)
    page_task = _task_id(task_id)
    request, error, _conflict, _current = _attempt(
        lambda s, actor, now: extensions.request_extension(
            session=s, task_id=page_task, new_due_date=new_date or "", reason=reason or "", actor=actor, now=now
        )
    )
    if error:
        return alert(error, False), no_update
    return alert(tr("task.extreq_saved", date=format_date(request.new_due_date)), True), time.time()


def decide_task_extension(approve_clicks, refuse_clicks, request_id, note, version):
    """Approve or refuse the pending extension request (whichever button was pressed)."""
    pressed = ctx.triggered_id
    if pressed not in (IDS.decide_approve, IDS.decide_refuse):
        raise PreventUpdate
    approve = pressed == IDS.decide_approve
    _clicked(approve_clicks if approve else refuse_clicks)
    _request, error, conflict, _current = _attempt(
        lambda s, actor, now: extensions.decide_extension(
            session=s,
            request_id=as_id(request_id),
            approve=approve,
            note=note or "",
            expected_version=_version(version),
            actor=actor,
            now=now,
        )
    )
    if error:
        return alert(error, False), _token(False, conflict)
    return alert(tr("task.decide_approved" if approve else "task.decide_refused"), True), _token(True)


def save_task_details(
    n_clicks, title, description, category, lead, due, time_frame, output, baseline, task_id, version
):
    """Save the fields the user changed since the form was filled (so nobody else's change is undone).

    On a conflict the form keeps what the user changed and takes the current value of every field the
    user did not touch; the baseline becomes the current state, so saving again sends only the user's
    own changes.
    """
    _clicked(n_clicks)
    page_task = _task_id(task_id)
    typed = dict(
        zip(
            (field for field, _id in EDIT_FIELDS),
            ("" if v is None else str(v) for v in (title, description, category, lead, due, time_frame, output)),
            strict=True,
        )
    )
    base = baseline if isinstance(baseline, dict) else {}
    changed = {field: value for field, value in typed.items() if base.get(field) != value}
    task, error, conflict, current = _attempt(
        lambda s, actor, now: tasks.edit_task_details(
            session=s,
            task_id=page_task,
            expected_version=_version(version),
            changes=changed,
            actor=actor,
            now=now,
        ),
        on_conflict=views.edit_values,
    )
    keep = [no_update] * len(EDIT_FIELDS)
    if current is not None:
        merged = [typed[f] if f in changed else current[f] for f, _id in EDIT_FIELDS]
        return alert(error, False), _token(False, conflict), current, *merged
    if error:
        return alert(error, False), no_update, no_update, *keep
    saved = views.edit_values(task)
    message = tr("task.edit_saved") if changed else tr("task.edit_unchanged")
    return alert(message, True), _token(bool(changed)), saved, *[saved[f] for f, _id in EDIT_FIELDS]


# --- the read that follows every write -----------------------------------------------------------

BOX_IDS = {
    "move": IDS.move_box,
    "progress": IDS.progress_box,
    "comment": IDS.comment_box,
    "request": IDS.extreq_box,
    "decide": IDS.decide_box,
}


def refresh_task(_token_value, task_id, forms_key):
    """Re-render the data sections, the version, and each form box whose offer changed."""
    task_id = as_id(task_id)
    if task_id is None:
        raise PreventUpdate
    lang = current_lang()
    detail, error, _conflict, _current = _attempt(lambda s, actor, now: _detail(s, task_id))
    if error:
        raise PreventUpdate
    parts = views.sections(detail, current_actor(), lang, context.settings().timezone)
    old = forms_key if isinstance(forms_key, dict) else {}
    boxes = [parts.boxes[name] if old.get(name) != parts.key[name] else no_update for name in BOX_IDS]
    return (
        parts.heading,
        parts.facts,
        parts.reports,
        parts.comments,
        parts.extensions,
        parts.history,
        parts.cycles,
        parts.reminders,
        detail.task.version,
        parts.key,
        *boxes,
    )


# In the browser: bring a form's new message into view (a refusal below the fold would go unseen).
SCROLL_TO_MESSAGE = """
function () {
    var triggered = (window.dash_clientside.callback_context.triggered || [])[0];
    if (triggered && triggered.value) {
        var id = triggered.prop_id.split(".")[0];
        window.requestAnimationFrame(function () {
            var element = document.getElementById(id);
            if (element) { element.scrollIntoView({block: "nearest"}); }
        });
    }
    return window.dash_clientside.no_update;
}
"""


def _register_scroll(app: Dash) -> None:
    """The clientside scroll (a read: it runs in the browser and writes nothing)."""
    read_clientside(
        app,
        SCROLL_TO_MESSAGE,
        Output(IDS.scroll_sink, "data"),
        *[Input(message, "children") for message in MESSAGE_IDS],
        prevent_initial_call=True,
    )


def register(app: Dash) -> None:
    """Wire the task page's callbacks."""
    _register_scroll(app)
    refresh = Output(IDS.refresh, "data", allow_duplicate=True)
    write_callback(
        app,
        Output(IDS.move_msg, "children"),
        refresh,
        Input(IDS.move_save, "n_clicks"),
        State(IDS.move_target, "value"),
        State(IDS.move_note, "value"),
        State(IDS.task_id, "data"),
        State(IDS.version, "data"),
        prevent_initial_call=True,
    )(move_task)
    write_callback(
        app,
        Output(IDS.progress_msg, "children"),
        refresh,
        Output(IDS.progress_note, "value"),
        Output(IDS.progress_url, "value"),
        Input(IDS.progress_save, "n_clicks"),
        State(IDS.progress_value, "value"),
        State(IDS.progress_note, "value"),
        State(IDS.progress_url, "value"),
        State(IDS.task_id, "data"),
        State(IDS.version, "data"),
        prevent_initial_call=True,
    )(report_task_progress)
    write_callback(
        app,
        Output(IDS.comment_msg, "children"),
        refresh,
        Output(IDS.comment_body, "value"),
        Input(IDS.comment_save, "n_clicks"),
        State(IDS.comment_body, "value"),
        State(IDS.task_id, "data"),
        prevent_initial_call=True,
    )(comment_on_task)
    write_callback(
        app,
        Output(IDS.extreq_msg, "children"),
        refresh,
        Input(IDS.extreq_save, "n_clicks"),
        State(IDS.extreq_date, "value"),
        State(IDS.extreq_reason, "value"),
        State(IDS.task_id, "data"),
        prevent_initial_call=True,
    )(request_task_extension)
    write_callback(
        app,
        Output(IDS.decide_msg, "children"),
        refresh,
        Input(IDS.decide_approve, "n_clicks"),
        Input(IDS.decide_refuse, "n_clicks"),
        State(IDS.decide_request, "data"),
        State(IDS.decide_note, "value"),
        State(IDS.version, "data"),
        prevent_initial_call=True,
    )(decide_task_extension)
    write_callback(
        app,
        Output(IDS.edit_msg, "children"),
        refresh,
        Output(IDS.edit_baseline, "data"),
        *[Output(component, "value") for _field, component in EDIT_FIELDS],
        Input(IDS.edit_save, "n_clicks"),
        *[State(component, "value") for _field, component in EDIT_FIELDS],
        State(IDS.edit_baseline, "data"),
        State(IDS.task_id, "data"),
        State(IDS.version, "data"),
        prevent_initial_call=True,
    )(save_task_details)
    read_callback(
        app,
        Output(IDS.heading, "children"),
        Output(IDS.facts, "children"),
        Output(IDS.reports, "children"),
        Output(IDS.comments, "children"),
        Output(IDS.extensions, "children"),
        Output(IDS.history, "children"),
        Output(IDS.cycles, "children"),
        Output(IDS.reminders, "children"),
        Output(IDS.version, "data"),
        Output(IDS.forms_key, "data"),
        *[Output(box, "children") for box in BOX_IDS.values()],
        Input(IDS.refresh, "data"),
        State(IDS.task_id, "data"),
        State(IDS.forms_key, "data"),
        prevent_initial_call=True,
    )(refresh_task)
