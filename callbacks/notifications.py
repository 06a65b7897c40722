"""The notification centre and urging: thin callbacks (unpack, one call into `models`, render).

Urging writes the outbox row and then tries to deliver that one e-mail at once (the scheduler's sender
retries it when the mail server is down), so "urge now" means now.
"""

from __future__ import annotations

import logging
import time
from datetime import date

from dash import Dash, Input, Output, State, ctx, no_update
from dash.exceptions import PreventUpdate
from flask import Flask, redirect, request

from callbacks.common import as_id, attempt
from callbacks.registry import read_callback, write_callback
from dashapp import context, ids, jobs
from dashapp.auth import _csrf_ok, csrf_token, current_actor
from dashapp.components import alert
from dashapp.db import current_engine, session_scope
from dashapp.lang import current_lang, tr
from dashapp.notifications_page import AGENCY_URGE, ALL, IDS, TASK_URGE, badge_children, badge_class, notification_list
from dashapp.task_page import IDS as TASK_IDS
from i18n import format_number
from models import outbox
from models.errors import DomainError
from models.permissions import Action, can
from models.tables import Agency, DeliveryState
from models.tasks import parse_day

log = logging.getLogger(__name__)


def _day(value: object, problems: list[str]) -> date | None:
    """A typed dd/mm/yyyy date; a wrong one is reported and not applied."""
    try:
        return parse_day(value if isinstance(value, str) else None)
    except DomainError as wrong:
        problems.append(wrong.message(current_lang()))
        return None


def filters_from(agency, kind, day_from, day_to, state, unread_only) -> tuple[outbox.NotificationFilters, list[str]]:
    """The page's filter values as the model takes them (anything unknown is ignored), and what was wrong."""
    problems: list[str] = []
    filters = outbox.NotificationFilters(
        agency_id=as_id(agency),
        kind=str(kind) if kind and kind != ALL else None,
        day_from=_day(day_from, problems),
        day_to=_day(day_to, problems),
        state=str(state) if state in set(DeliveryState) else None,
        unread_only=bool(unread_only),
    )
    return filters, problems


def render_list(filters: outbox.NotificationFilters, problems: list[str] = ()) -> list:
    """The list for the signed-in user with these filters (a wrong date is said above it)."""
    views, error = attempt(lambda s, actor, now: outbox.list_notifications(session=s, actor=actor, filters=filters))
    if error:
        return [alert(error, False)]
    user = current_actor()
    warnings = [alert(problem, False) for problem in problems]
    return warnings + notification_list(
        views,
        current_lang(),
        context.settings().timezone,
        manager=can(user, Action.SEND_REMINDERS),
        csrf=csrf_token(),
    )


def _unread_badge() -> tuple:
    """The header badge's children and class after a change of the unread count."""
    count, error = attempt(lambda s, actor, now: outbox.unread_count(session=s, actor=actor), reads_only=True)
    if error:
        return no_update, no_update
    return badge_children(count, current_lang()), badge_class(count)


def refresh_unread_badge(_tick, shown):
    """On the header's timer: the unread count again, redrawn only when it changed."""
    children, classes = _unread_badge()
    if children is no_update:
        raise PreventUpdate
    try:
        unchanged = shown[0]["props"]["children"] == children[0].children
    except (TypeError, LookupError, AttributeError):
        unchanged = False
    if unchanged:
        raise PreventUpdate
    return children, classes


def filter_notifications(agency, kind, day_from, day_to, state, unread_only, _refresh):
    """Re-list the notifications when a filter changes (or after a write on the page)."""
    return render_list(*filters_from(agency, kind, day_from, day_to, state, unread_only))


def mark_all_read(n_clicks, agency, kind, day_from, day_to, state, unread_only):
    """Mark every notification this user may see as read."""
    if not n_clicks:
        raise PreventUpdate
    _count, error = attempt(lambda s, actor, now: outbox.mark_read(session=s, actor=actor, now=now))
    if error:
        return [alert(error, False)], no_update, no_update
    return render_list(*filters_from(agency, kind, day_from, day_to, state, unread_only)), *_unread_badge()


def urge_now(*, task_id: int | None = None, agency_id: int | None = None, note: str, confirm: bool):
    """Urge, then try the e-mail at once: (message, show the "send anyway" button, ok)."""
    lang = current_lang()
    settings = context.settings()
    try:
        with session_scope() as session:
            now = context.now()
            notification = outbox.urge(
                session=session,
                actor=current_actor(),
                now=now,
                today=now.date(),
                calendar=context.calendar(),
                base_url=settings.app_base_url,
                task_id=task_id,
                agency_id=agency_id,
                confirm=confirm,
                note=note,
            )
            notification_id, emails = notification.id, list(notification.emails)
            name = _agency_name(session, notification.agency_id)
            count = len(outbox.list_items(session=session, notification_id=notification_id))
    except outbox.AlreadyUrged as again:
        return alert(again.message(lang), False), True, False
    except DomainError as refused:
        return alert(refused.message(lang), False), False, False
    except Exception:
        log.exception("urge failed")
        return alert(tr("error.unexpected"), False), False, False
    n = format_number(count, lang, 0)
    if not emails:
        return alert(tr("urge.sent_no_address", agency=name, n=n), True), False, True
    if not settings.smtp_configured:
        return alert(tr("urge.sent_no_smtp", agency=name, n=n), True), False, True
    report = jobs.send_notifications(settings, current_engine(), only=[notification_id])
    if report is not None and report.sent:
        return alert(tr("urge.sent", agency=name, n=n, emails=", ".join(emails)), True), False, True
    return alert(tr("urge.sent_pending", agency=name, n=n), True), False, True


def _agency_name(session, agency_id: int | None) -> str:
    agency = session.get(Agency, agency_id) if agency_id else None
    return (agency.short_name or agency.name) if agency else ""


def _confirm_class(show: bool) -> str:
    return "" if show else "d-none"


def urge_agency(send_clicks, confirm_clicks, agency, note):
    """Urge the chosen agency about all its overdue and due-soon work."""
    pressed = ctx.triggered_id
    if pressed not in (AGENCY_URGE.send, AGENCY_URGE.confirm) or not (send_clicks or confirm_clicks):
        raise PreventUpdate
    agency_id = as_id(agency)
    if agency_id is None:
        return alert(tr("urge.agency_missing"), False), no_update, no_update, no_update
    message, again, ok = urge_now(agency_id=agency_id, note=note or "", confirm=pressed == AGENCY_URGE.confirm)
    return message, _confirm_class(again), "" if ok else no_update, time.time() if ok else no_update


def urge_task(send_clicks, confirm_clicks, task_id, note):
    """Urge the task's lead agency about this task."""
    pressed = ctx.triggered_id
    if pressed not in (TASK_URGE.send, TASK_URGE.confirm) or not (send_clicks or confirm_clicks):
        raise PreventUpdate
    page_task = as_id(task_id)
    if page_task is None:
        raise PreventUpdate
    message, again, ok = urge_now(task_id=page_task, note=note or "", confirm=pressed == TASK_URGE.confirm)
    return message, _confirm_class(again), "" if ok else no_update, time.time() if ok else no_update


def register_routes(server: Flask) -> None:
    """POST /notifications/<id>/open: mark the notification read and open the chosen task."""

    @server.post("/notifications/<int:notification_id>/open")
    def open_notification(notification_id: int):
        task_id = as_id(request.form.get("task"))
        if not _csrf_ok(request.form.get("csrf_token")):
            return redirect("/notifications")
        with session_scope() as session:
            user = current_actor()
            if not outbox.can_see(session=session, actor=user, notification_id=notification_id):
                return redirect("/notifications")
            outbox.mark_read(session=session, actor=user, now=context.now(), notification_ids=[notification_id])
            items = {i.task_id for i in outbox.list_items(session=session, notification_id=notification_id)}
        return redirect(f"/task/{task_id}" if task_id in items else "/notifications")


def register(app: Dash) -> None:
    """Wire the notification page's and the urge boxes' callbacks, and the open route."""
    register_routes(app.server)
    filters = [
        State(IDS.agency, "value"),
        State(IDS.kind, "value"),
        State(IDS.day_from, "value"),
        State(IDS.day_to, "value"),
        State(IDS.state, "value"),
        State(IDS.unread_only, "value"),
    ]
    read_callback(
        app,
        Output(IDS.list, "children"),
        *[Input(s.component_id, s.component_property) for s in filters],
        Input(IDS.refresh, "data"),
        prevent_initial_call=True,
    )(filter_notifications)
    read_callback(
        app,
        Output(IDS.count, "children", allow_duplicate=True),
        Output(IDS.count, "className", allow_duplicate=True),
        Input(ids.UNREAD_TICK, "n_intervals"),
        State(IDS.count, "children"),
        prevent_initial_call=True,
    )(refresh_unread_badge)
    write_callback(
        app,
        Output(IDS.list, "children", allow_duplicate=True),
        Output(IDS.count, "children"),
        Output(IDS.count, "className"),
        Input(IDS.mark_all, "n_clicks"),
        *filters,
        prevent_initial_call=True,
    )(mark_all_read)
    write_callback(
        app,
        Output(AGENCY_URGE.msg, "children"),
        Output(AGENCY_URGE.confirm, "className"),
        Output(AGENCY_URGE.note, "value"),
        Output(IDS.refresh, "data"),
        Input(AGENCY_URGE.send, "n_clicks"),
        Input(AGENCY_URGE.confirm, "n_clicks"),
        State(AGENCY_URGE.target, "value"),
        State(AGENCY_URGE.note, "value"),
        prevent_initial_call=True,
    )(urge_agency)
    write_callback(
        app,
        Output(TASK_URGE.msg, "children"),
        Output(TASK_URGE.confirm, "className"),
        Output(TASK_URGE.note, "value"),
        Output(TASK_IDS.refresh, "data", allow_duplicate=True),
        Input(TASK_URGE.send, "n_clicks"),
        Input(TASK_URGE.confirm, "n_clicks"),
        State(TASK_IDS.task_id, "data"),
        State(TASK_URGE.note, "value"),
        prevent_initial_call=True,
    )(urge_task)
