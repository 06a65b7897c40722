"""The notification centre (`/notifications`) and the urge box: builders only (values in, components out).

Everyone sees the notifications meant for them (an agency's officers their agency's, the steering
committee its escalations, coordinators all of them) with unread ones marked; opening a task from a
notification marks it read (a small POST form per notification, so it works without scripts and is
protected by the CSRF token). Coordinators also see each e-mail's delivery state, can urge an agency,
and see which agencies have no e-mail address.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from i18n import format_date, format_datetime, format_number, t
from models.digest import unit
from models.outbox import NotificationView, UrgeableAgency
from models.permissions import Action, can
from models.tables import Agency, DeliveryState, ItemKind, NotificationKind


class IDS:
    """Component ids of the notification page."""

    agency = "notif-agency"
    kind = "notif-kind"
    day_from = "notif-from"
    day_to = "notif-to"
    state = "notif-state"
    unread_only = "notif-unread-only"
    mark_all = "notif-mark-all"
    list = "notif-list"
    refresh = "notif-refresh"
    count = "notif-count"  # the header's badge


class UrgeIds:
    """The ids of one urge box (the task page and the notification page each have one)."""

    def __init__(self, prefix: str) -> None:
        self.target = f"{prefix}-urge-target"
        self.note = f"{prefix}-urge-note"
        self.send = f"{prefix}-urge-send"
        self.confirm = f"{prefix}-urge-confirm"
        self.msg = f"{prefix}-urge-msg"


TASK_URGE = UrgeIds("task")
AGENCY_URGE = UrgeIds("agency")
KIND_OPTIONS = (
    str(NotificationKind.DIGEST),
    str(NotificationKind.URGE),
    *(str(k) for k in (ItemKind.DUE_SOON, ItemKind.OVERDUE, ItemKind.STILL_OVERDUE, ItemKind.ESCALATED)),
)
ALL = "*"  # "every agency / kind / state" (an empty value would show an empty select)
STATE_OPTIONS = tuple(str(s) for s in DeliveryState if s != DeliveryState.SENDING)


def badge_children(unread: int, lang: str) -> list:
    """The unread count, and the same in words for screen readers."""
    n = format_number(unread, lang, 0)
    return [
        html.Span(n, **{"aria-hidden": "true"}),
        html.Span(t("notif.unread_sr", lang, n=n), className="visually-hidden"),
    ]


def badge_class(unread: int) -> str:
    """The badge's classes: hidden when nothing is unread."""
    return "badge rounded-pill text-bg-danger ms-1" + ("" if unread else " d-none")


def count_badge(unread: int, lang: str) -> html.Span:
    """The header's unread count (hidden when zero)."""
    return html.Span(badge_children(unread, lang), id=IDS.count, className=badge_class(unread))


def urge_box(ids: UrgeIds, lang: str, *, heading: str, hint: str, select: Any = None) -> html.Div:
    """Urge now (đôn đốc): an optional note, the button, and a "send anyway" step after a same-day urge."""
    fields: list = []
    if select is not None:
        fields += [dbc.Label(t("urge.agency", lang), html_for=ids.target, className="form-label small mb-1"), select]
    fields += [
        dbc.Label(t("urge.note", lang), html_for=ids.note, className="form-label small mb-1 mt-2"),
        dbc.Textarea(id=ids.note, rows=2, size="sm", maxLength=1000, placeholder=t("urge.note_hint", lang)),
        html.Div(
            className="d-flex flex-wrap gap-2 mt-2",
            children=[
                dbc.Button(t("urge.send", lang), id=ids.send, color="warning", size="sm"),
                dbc.Button(
                    t("urge.confirm", lang), id=ids.confirm, color="danger", outline=True, size="sm", className="d-none"
                ),
            ],
        ),
        html.Div(id=ids.msg, className="mt-2", **{"aria-live": "polite"}),
    ]
    return html.Div(
        className="card mb-3 urge-box",
        **{"data-form": "urge"},
        children=html.Div(
            className="card-body",
            children=[
                html.H2(heading, className="h6 card-title"),
                html.P(hint, className="small text-muted mb-2"),
                *fields,
            ],
        ),
    )


def agency_select(agencies: Sequence[UrgeableAgency], lang: str) -> dbc.Select:
    """The agencies that have late work first, with their counts."""
    options = [
        {
            "label": t(
                "urge.agency_option",
                lang,
                name=u.agency.short_name or u.agency.name,
                overdue=format_number(u.overdue, lang, 0),
                soon=format_number(u.due_soon, lang, 0),
            ),
            "value": str(u.agency.id),
        }
        for u in agencies
    ]
    return dbc.Select(id=AGENCY_URGE.target, options=options, size="sm", placeholder=t("urge.agency_pick", lang))


def _state_badge(view: NotificationView, lang: str, tz: str, manager: bool) -> html.Span:
    n = view.notification
    state = n.email_state
    if state == DeliveryState.SENT:
        text = t("notif.state.sent_at", lang, at=format_datetime(n.sent_at, lang, tz))
    elif state in (DeliveryState.PENDING, DeliveryState.SENDING) and n.attempts:
        text = t("notif.state.retrying", lang, n=format_number(n.attempts, lang, 0))
    else:
        text = t(f"notif.state.{state}", lang)
    colour = {
        DeliveryState.SENT: "text-bg-success",
        DeliveryState.FAILED: "text-bg-danger",
        DeliveryState.NO_ADDRESS: "text-bg-secondary",
    }.get(DeliveryState(state), "text-bg-warning")
    badge = html.Span(text, className=f"badge {colour}", **{"data-email-state": state})
    if manager and n.last_error and state != DeliveryState.SENT:
        return html.Span([badge, html.Span(n.last_error, className="small text-danger ms-2 user-text")])
    return badge


def _title(view: NotificationView, lang: str) -> str:
    n = view.notification
    key = "notif.title.urge" if n.kind == NotificationKind.URGE else "notif.title.digest"
    return t(key, lang, date=format_date(n.day, lang))


def _recipient(view: NotificationView, lang: str) -> str:
    if view.notification.agency_id is None:
        return t("notify.steering_name", lang)
    return view.agency_name


def notification_card(view: NotificationView, lang: str, tz: str, *, manager: bool, csrf: str) -> html.Article:
    """One notification: what, for whom, its tasks (each opens the task and marks this read)."""
    n = view.notification
    head = [
        html.Span(_title(view, lang), className="fw-semibold"),
        html.Span(" · "),
        html.Span(_recipient(view, lang), className="notif-recipient"),
    ]
    if not view.read:
        head.append(html.Span(t("notif.new", lang), className="badge text-bg-primary ms-2"))
    meta = [html.Span(format_datetime(n.created_at, lang, tz), className="text-muted")]
    if n.created_by_label:
        meta.append(html.Span(t("notif.by", lang, who=n.created_by_label), className="text-muted ms-2"))
    meta.append(html.Span(_state_badge(view, lang, tz, manager), className="ms-2"))
    if manager and n.attempts:
        meta.append(html.Span(t("notif.attempts", lang, n=format_number(n.attempts, lang, 0)), className="ms-2 small"))
    items = [
        html.Li(
            [
                html.Button(
                    [html.Span(task.number, className="fw-semibold"), " · ", task.title],
                    type="submit",
                    name="task",
                    value=str(task.id),
                    className="btn btn-link p-0 text-start notif-task",
                ),
                html.Span(
                    [
                        html.Span(t(f"notif.item.{item.kind}", lang), className="badge text-bg-light border ms-2"),
                        " ",
                        t("notif.due", lang, date=format_date(item.due_date, lang)) if item.due_date else "",
                        " ",
                        _item_state(item, lang),
                    ],
                    className="small text-muted",
                ),
            ],
            **{"data-task-id": str(task.id), "data-kind": item.kind},
        )
        for item, task in view.items
    ]
    return html.Article(
        className="card mb-2 notif-card" + ("" if view.read else " notif-unread"),
        **{"data-notification-id": str(n.id), "data-read": "1" if view.read else "0", "data-kind": n.kind},
        children=html.Div(
            className="card-body py-2",
            children=[
                html.H2(head, className="h6 mb-1"),
                html.Div(meta, className="small mb-2"),
                html.Form(
                    method="POST",
                    action=f"/notifications/{int(n.id)}/open",
                    className="m-0",
                    children=[
                        dcc.Input(type="hidden", name="csrf_token", value=csrf),
                        html.Ul(items, className="list-unstyled mb-0 notif-items"),
                    ],
                ),
            ],
        ),
    )


def _item_state(item: Any, lang: str) -> str:
    """The item's figures on the notification's day ("quá hạn 16 ngày", "còn 7 ngày làm việc")."""
    if item.days_overdue:
        days = item.days_overdue
        return t("notif.overdue_days", lang, days=format_number(days, lang, 0), days_unit=unit(days, "day", lang))
    if item.working_days_left is None:
        return ""
    if item.working_days_left == 0:
        return t("notify.due_today", lang)
    left = item.working_days_left
    return t("notify.left", lang, days=format_number(left, lang, 0), working_unit=unit(left, "working_day", lang))


def notification_list(views: Sequence[NotificationView], lang: str, tz: str, *, manager: bool, csrf: str) -> list:
    """The list with its count line, or an empty state that says what will appear here."""
    if not views:
        return [html.Div(t("notif.empty", lang), className="alert alert-light border", role="status")]
    unread = sum(1 for v in views if not v.read)
    return [
        html.P(
            t("notif.summary", lang, n=format_number(len(views), lang, 0), unread=format_number(unread, lang, 0)),
            className="small text-muted mb-2",
            **{"data-summary": "notifications"},
        ),
        *[notification_card(v, lang, tz, manager=manager, csrf=csrf) for v in views],
    ]


def filter_bar(lang: str, *, manager: bool, agencies: Sequence[Agency]) -> html.Div:
    """Agency (coordinators), kind, date range, e-mail state (coordinators), unread only, mark all read."""
    # The agency and e-mail state filters exist for everyone (the callbacks read them) but only
    # coordinators see them: the others only ever see their own notifications.
    agency_options = [(str(a.id), a.short_name or a.name) for a in agencies]
    controls: list = [
        _choice(t("notif.filter.agency", lang), IDS.agency, agency_options, lang, hidden=not manager),
        _choice(t("notif.filter.kind", lang), IDS.kind, [(k, t(f"notif.kind.{k}", lang)) for k in KIND_OPTIONS], lang),
    ]
    for label, control_id in (("notif.filter.from", IDS.day_from), ("notif.filter.to", IDS.day_to)):
        day = dbc.Input(
            id=control_id,
            type="text",
            size="sm",
            placeholder="dd/mm/yyyy",
            maxLength=10,
            autoComplete="off",
            debounce=True,
            className="notif-day",
        )
        controls.append(_labelled(t(label, lang), control_id, day))
    states = [(state, t(f"notif.state.{state}", lang)) for state in STATE_OPTIONS]
    controls.append(_choice(t("notif.filter.state", lang), IDS.state, states, lang, hidden=not manager))
    controls.append(
        html.Div(
            dbc.Checkbox(id=IDS.unread_only, label=t("notif.filter.unread", lang), value=False),
            className="align-self-end mb-1",
        )
    )
    controls.append(
        html.Div(
            dbc.Button(t("notif.mark_all", lang), id=IDS.mark_all, color="secondary", outline=True, size="sm"),
            className="align-self-end ms-auto",
        )
    )
    return html.Div(
        controls,
        className="d-flex flex-wrap gap-3 align-items-start mb-3 notif-filters",
        role="search",
        **{"aria-label": t("notif.filters", lang)},
    )


def _choice(label: str, control_id: str, options: Sequence[tuple[str, str]], lang: str, hidden: bool = False):
    """A labelled select whose first choice is "Tất cả" (ALL)."""
    choices = [{"label": t("notif.filter.all", lang), "value": ALL}] + [{"label": x, "value": v} for v, x in options]
    return _labelled(label, control_id, dbc.Select(id=control_id, size="sm", value=ALL, options=choices), hidden)


def _labelled(label: str, for_id: str, control: Any, hidden: bool = False) -> html.Div:
    return html.Div([dbc.Label(label, html_for=for_id, className="form-label small mb-1"), control], hidden=hidden)


def no_email_card(agencies: Sequence[Agency], lang: str, user: Any) -> html.Div:
    """The agencies that get reminders in the tracker only (no e-mail address on file)."""
    body: list
    if not agencies:
        body = [html.P(t("notif.no_email.none", lang), className="small mb-0")]
    else:
        body = [
            html.P(t("notif.no_email.hint", lang), className="small text-muted mb-2"),
            html.Ul([html.Li(a.name, **{"data-agency": a.code}) for a in agencies], className="small mb-2"),
        ]
        if can(user, Action.MANAGE_USERS):
            body.append(html.A(t("notif.no_email.fix", lang), href="/admin", className="small"))
    return html.Div(
        className="card mb-3",
        id="notif-no-email",
        children=html.Div(
            className="card-body",
            children=[
                html.H2(
                    [
                        t("notif.no_email.heading", lang),
                        html.Span(
                            format_number(len(agencies), lang, 0), className="badge rounded-pill text-bg-light ms-2"
                        ),
                    ],
                    className="h6 card-title",
                ),
                *body,
            ],
        ),
    )


def notifications_page(
    views: Sequence[NotificationView],
    lang: str,
    *,
    user: Any,
    tz: str,
    csrf: str,
    agencies: Sequence[Agency],
    urgeable: Sequence[UrgeableAgency],
    no_email: Sequence[Agency],
    smtp_configured: bool,
) -> list:
    """The whole page: the coordinators' panel (urge, no e-mail address), filters and the list."""
    manager = can(user, Action.SEND_REMINDERS)
    parts: list = [html.H1(t("notif.heading", lang), className="h4 mb-3"), dcc.Store(id=IDS.refresh, data=0)]
    if manager:
        if not smtp_configured:
            parts.append(html.Div(t("notif.smtp_off", lang), className="alert alert-warning small", role="status"))
        parts.append(
            dbc.Row(
                [
                    dbc.Col(
                        urge_box(
                            AGENCY_URGE,
                            lang,
                            heading=t("urge.agency_heading", lang),
                            hint=t("urge.agency_hint", lang),
                            select=agency_select(urgeable, lang),
                        ),
                        lg=6,
                    ),
                    dbc.Col(no_email_card(no_email, lang, user), lg=6),
                ]
            )
        )
    parts += [
        filter_bar(lang, manager=manager, agencies=agencies),
        dcc.Loading(
            html.Div(notification_list(views, lang, tz, manager=manager, csrf=csrf), id=IDS.list),
            type="dot",
            delay_show=300,
        ),
    ]
    return parts


def task_reminders_section(reminders: Sequence[Any], lang: str, tz: str) -> html.Section:
    """The task page's "reminders sent" section: how many times, when, why, and whether the mail went."""
    if not reminders:
        body: Any = html.P(t("task.reminders.none", lang), className="text-muted small mb-0")
    else:
        body = html.Div(
            [
                html.P(
                    t("task.reminders.count", lang, n=format_number(len(reminders), lang, 0)),
                    className="fw-semibold small mb-2",
                    **{"data-reminders": str(len(reminders))},
                ),
                html.Ul(
                    [
                        html.Li(
                            [
                                html.Span(format_datetime(r.created_at, lang, tz), className="text-muted me-2"),
                                html.Span(t(f"notif.item.{r.kind}", lang), className="badge text-bg-light border me-2"),
                                html.Span(
                                    t("notify.steering_name", lang) if r.recipient == "steering" else r.recipient_name
                                ),
                                html.Span(t("notif.by", lang, who=r.created_by), className="text-muted ms-2")
                                if r.created_by
                                else "",
                                html.Span(t(f"notif.state.{r.email_state}", lang), className="small text-muted ms-2"),
                            ],
                            className="small mb-1",
                        )
                        for r in reminders
                    ],
                    className="list-unstyled mb-0",
                ),
            ]
        )
    return html.Section(
        className="task-section card mb-3",
        **{"aria-labelledby": "task-reminders-h"},
        children=html.Div(
            className="card-body",
            children=[
                html.H2(t("task.reminders.heading", lang), className="h6 card-title mb-3", id="task-reminders-h"),
                body,
            ],
        ),
    )
