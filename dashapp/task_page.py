"""The task detail page `/task/<id>`: builders only (callbacks/task_detail.py wires them).

Values in, components out: no database, no request, no clock. User text (titles, notes, comments,
reasons, agency names) is always a text child; user links go through `components.user_link`.

The page keeps the task's version in a Store; every form sits in its own always-present box, so a
callback can re-render a box (or leave it alone, keeping what the user typed) without ever pointing
at a component that is not on the page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import dash_bootstrap_components as dbc
from dash import dcc, html

from dashapp.components import category_label, user_link
from dashapp.notifications_page import TASK_URGE, task_reminders_section, urge_box
from i18n import MESSAGES, format_date, format_datetime, format_number, t
from models.deadlines import deadline_label
from models.permissions import Action, can, move_action
from models.reminders import CHASED_STATUSES
from models.tables import (
    Agency,
    Category,
    ExtensionRequest,
    ExtensionStatus,
    ProgressReport,
    Recurrence,
    Status,
    Task,
    TaskEvent,
)
from models.tasks import CLOSED_STATUSES, TaskDetail
from models.workflow import TRANSITIONS


class IDS:
    """Component ids of the task page."""

    task_id = "task-id"
    version = "task-version"
    refresh = "task-refresh"
    forms_key = "task-forms-key"
    scroll_sink = "task-scroll-sink"
    heading = "task-heading"
    facts = "task-facts"
    reports = "task-reports"
    comments = "task-comments"
    extensions = "task-extensions"
    history = "task-history"
    reminders = "task-reminders"
    cycles = "task-cycles"
    # change the status
    move_box = "task-move-box"
    move_target = "task-move-target"
    move_note = "task-move-note"
    move_save = "task-move-save"
    move_msg = "task-move-msg"
    # report progress
    progress_box = "task-progress-box"
    progress_value = "task-progress-value"
    progress_note = "task-progress-note"
    progress_url = "task-progress-url"
    progress_save = "task-progress-save"
    progress_msg = "task-progress-msg"
    # comment
    comment_box = "task-comment-box"
    comment_body = "task-comment-body"
    comment_save = "task-comment-save"
    comment_msg = "task-comment-msg"
    # ask for an extension
    extreq_box = "task-extreq-box"
    extreq_date = "task-extreq-date"
    extreq_reason = "task-extreq-reason"
    extreq_save = "task-extreq-save"
    extreq_msg = "task-extreq-msg"
    # decide on an extension
    decide_box = "task-decide-box"
    decide_request = "task-decide-request"
    decide_note = "task-decide-note"
    decide_approve = "task-decide-approve"
    decide_refuse = "task-decide-refuse"
    decide_msg = "task-decide-msg"
    # edit the details (managers)
    edit_box = "task-edit-box"
    edit_title = "task-edit-title"
    edit_description = "task-edit-description"
    edit_category = "task-edit-category"
    edit_lead = "task-edit-lead"
    edit_due = "task-edit-due"
    edit_time_frame = "task-edit-time-frame"
    edit_output = "task-edit-output"
    edit_baseline = "task-edit-baseline"
    edit_save = "task-edit-save"
    edit_msg = "task-edit-msg"


# The edit form's fields in order: (field models.tasks.edit_task_details accepts, component id).
EDIT_FIELDS: tuple[tuple[str, str], ...] = (
    ("title", IDS.edit_title),
    ("description", IDS.edit_description),
    ("category_code", IDS.edit_category),
    ("lead_agency_id", IDS.edit_lead),
    ("due_date", IDS.edit_due),
    ("time_frame", IDS.edit_time_frame),
    ("expected_output", IDS.edit_output),
)
# Each form's message, below its box (always on the page, so a box can be rebuilt without losing it).
MESSAGE_IDS = (IDS.move_msg, IDS.progress_msg, IDS.comment_msg, IDS.extreq_msg, IDS.decide_msg, IDS.edit_msg)
MOVE_ORDER = (Status.IN_PROGRESS, Status.SUBMITTED, Status.DONE, Status.CANCELLED)
DATE_FIELDS = frozenset(
    {"start_date", "due_date", "original_due_date", "submitted_on", "completed_on", "requested_due"}
)


# --- what this user may do -----------------------------------------------------------------------


@dataclass(frozen=True)
class Allowed:
    """The forms this user sees on this task now (the server still checks every write)."""

    moves: tuple[str, ...]
    progress: bool
    comment: bool
    request: str  # "form", "pending" (a request awaits a decision) or "" (no form)
    decide: int | None  # the pending request this user may decide
    edit: bool

    def key(self) -> dict[str, Any]:
        """What each box shows, as JSON: a box is re-rendered only when its part changes."""
        return {
            "move": list(self.moves),
            "progress": self.progress,
            "comment": self.comment,
            "request": self.request,
            "decide": self.decide,
        }

    @property
    def any_side_action(self) -> bool:
        """Whether the actions column has anything for this user."""
        return bool(self.moves or self.progress or self.request or self.decide or self.edit)


def allowed_for(user: Any, detail: TaskDetail) -> Allowed:
    """The actions `user` may take on the task as it is now (models.permissions decides)."""
    task, coordinating = detail.task, detail.coordinating_ids

    def may(action: Action) -> bool:
        return can(user, action, task, coordinating)

    targets = TRANSITIONS[Status(task.status)]
    moves = tuple(str(s) for s in MOVE_ORDER if s in targets and may(move_action(task.status, s)))
    is_open = task.status not in CLOSED_STATUSES
    pending = detail.pending_extension
    decide = pending.id if pending is not None and may(Action.DECIDE_EXTENSION) else None
    has_deadline = task.due_date is not None and task.recurrence != Recurrence.ONGOING
    request = ""
    if may(Action.REQUEST_EXTENSION) and is_open and has_deadline:
        request = "form" if pending is None else "pending"
    if request == "pending" and decide is not None:
        request = ""  # the decision form says it all to the one who decides
    return Allowed(
        moves=moves,
        progress=is_open and may(Action.REPORT_PROGRESS),
        comment=may(Action.COMMENT),
        request=request,
        decide=decide,
        edit=may(Action.EDIT_TASK),
    )


# --- small pieces --------------------------------------------------------------------------------


def _percent(value: int | None, lang: str) -> str:
    return f"{format_number(max(0, min(100, value or 0)), lang, 0)}%"


def _dash(value: str | None) -> str:
    return value if value else "—"


def status_badge(status: str, lang: str) -> html.Span:
    """The workflow status in words, coloured by its class."""
    return html.Span(t(f"status.{status}", lang), className=f"st st-{status}", **{"data-status": status})


def progress_bar(value: int, lang: str) -> html.Div:
    """A labelled progress bar (the number is always written out)."""
    pct = max(0, min(100, value or 0))
    return html.Div(
        className="task-progress d-flex align-items-center gap-2",
        children=[
            html.Div(
                className="progress flex-grow-1",
                role="progressbar",
                **{
                    "aria-valuenow": str(pct),
                    "aria-valuemin": "0",
                    "aria-valuemax": "100",
                    "aria-label": t("task.progress", lang),
                },
                children=html.Div(className="progress-bar", style={"width": f"{pct}%"}),
            ),
            html.Span(_percent(pct, lang), className="fw-semibold", **{"data-field": "progress"}),
        ],
    )


def _section(title: str, body: Any, *, count: int | None = None, section_id: str | None = None, lang: str = "vi"):
    heading = [title]
    if count is not None:
        heading.append(html.Span(format_number(count, lang, 0), className="badge rounded-pill text-bg-light ms-2"))
    return html.Section(
        className="task-section card mb-3",
        **({"aria-labelledby": f"{section_id}-h"} if section_id else {}),
        children=html.Div(
            className="card-body",
            children=[
                html.H2(heading, className="h6 card-title mb-3", id=f"{section_id}-h" if section_id else None),
                body,
            ],
        ),
    )


def _empty(text: str) -> html.P:
    return html.P(text, className="text-muted small mb-0")


# --- the data sections (re-rendered after every write) -------------------------------------------


def heading(detail: TaskDetail, lang: str) -> list:
    """Plan and number, the title, and the status, deadline state and progress at a glance."""
    task, category = detail.task, detail.category
    crumbs = [t("task.number", lang, number=task.number)]
    if detail.plan is not None:
        crumbs.insert(0, t("task.plan", lang, code=detail.plan.code))
    chip = []
    if category is not None:
        chip = [
            html.Span(
                category_label(category, lang),
                className="task-category",
                style={"--lane-color": category.color},
                **{"data-category": category.code},
            )
        ]
    return [
        html.Div([html.Span(" · ".join(crumbs), className="me-2"), *chip], className="text-muted small mb-1"),
        html.H1(task.title, className="h4 mb-2 task-title-text", **{"data-field": "title"}),
        html.Div(
            className="d-flex flex-wrap align-items-center gap-3 mb-3",
            children=[
                status_badge(task.status, lang),
                html.Span(
                    deadline_label(detail.deadline, lang),
                    className=f"dl dl-{detail.deadline.state}",
                    **{"data-deadline": detail.deadline.state},
                ),
                html.Div(progress_bar(task.progress, lang), className="task-progress-wide"),
            ],
        ),
    ]


def _fact(label: str, value: Any, field: str) -> list:
    return [
        html.Dt(label, className="col-sm-4 col-xxl-3"),
        html.Dd(value, className="col-sm-8 col-xxl-9", **{"data-field": field}),
    ]


def _due_value(task: Task, lang: str) -> list:
    if task.due_date is None:
        return [t("task.no_due", lang)]
    value: list = [html.Span(format_date(task.due_date, lang), className="fw-semibold")]
    if task.original_due_date and task.original_due_date != task.due_date:
        value.append(
            html.Span(
                t("task.original_due", lang, date=format_date(task.original_due_date, lang)),
                className="text-muted small ms-2",
                **{"data-field": "original_due_date"},
            )
        )
    return value


def facts(detail: TaskDetail, lang: str) -> html.Div:
    """Every field of the task as a definition list."""
    task = detail.task
    lead = detail.lead
    coordinators = ", ".join(a.name for a in detail.coordinators)
    rows = [
        _fact(
            t("task.field.category_code", lang),
            category_label(detail.category, lang) if detail.category else "—",
            "category",
        ),
        _fact(t("task.field.lead_agency_id", lang), lead.name if lead else "—", "lead"),
        _fact(t("task.coordinators", lang), _dash(coordinators), "coordinators"),
        _fact(t("task.field.time_frame", lang), _dash(task.time_frame), "time_frame"),
        _fact(t("task.field.due_date", lang), _due_value(task, lang), "due_date"),
        _fact(t("task.field.recurrence", lang), t(f"recurrence.{task.recurrence}", lang), "recurrence"),
        _fact(t("task.field.expected_output", lang), _dash(task.expected_output), "expected_output"),
        _fact(t("task.field.description", lang), _dash(task.description), "description"),
        _fact(t("task.field.start_date", lang), _dash(format_date(task.start_date, lang)), "start_date"),
        _fact(t("task.field.submitted_on", lang), _dash(format_date(task.submitted_on, lang)), "submitted_on"),
        _fact(t("task.field.completed_on", lang), _dash(format_date(task.completed_on, lang)), "completed_on"),
    ]
    if detail.origin is not None:
        origin = t("task.origin_value", lang, date=format_date(detail.origin.held_on, lang), chair=detail.origin.chair)
        rows.append(_fact(t("task.origin", lang), html.A(origin, href="/review#review-sessions-section"), "origin"))
    return _section(
        t("task.facts", lang),
        html.Dl([part for row in rows for part in row], className="row mb-0 task-facts"),
        section_id="task-facts-section",
        lang=lang,
    )


def _byline(author: str, at, lang: str, tz: str) -> html.Div:
    return html.Div(
        f"{author or t('event.system', lang)} · {format_datetime(at, lang, tz)}", className="small text-muted"
    )


def _report_item(report: ProgressReport, lang: str, tz: str) -> html.Li:
    children: list = [
        html.Div(
            [
                html.Span(_percent(report.progress, lang), className="fw-semibold me-2"),
                _byline(report.author_label, report.at, lang, tz),
            ],
            className="d-flex flex-wrap align-items-baseline gap-1",
        )
    ]
    if report.body:
        children.append(html.P(report.body, className="mb-1 user-text"))
    if report.evidence_url:
        children.append(
            html.Div([t("task.evidence", lang), " ", user_link(report.evidence_url)], className="small evidence")
        )
    return html.Li(children, className="list-group-item px-0", **{"data-report-id": str(report.id)})


def progress_reports(detail: TaskDetail, lang: str, tz: str) -> html.Section:
    """The progress reports, newest first, with their evidence links."""
    items = detail.progress_reports
    body = (
        html.Ul([_report_item(r, lang, tz) for r in items], className="list-group list-group-flush")
        if items
        else _empty(t("task.reports_empty", lang))
    )
    return _section(t("task.reports", lang), body, count=len(items), section_id="task-reports-section", lang=lang)


def comments(detail: TaskDetail, lang: str, tz: str) -> html.Div:
    """The comments, oldest first, as a conversation reads."""
    items = detail.comments
    if not items:
        return _empty(t("task.comments_empty", lang))
    return html.Ul(
        [
            html.Li(
                [
                    _byline(c.author_label, c.at, lang, tz),
                    html.P(c.body, className="mb-1 user-text"),
                    *(
                        [
                            html.Div(
                                [t("task.evidence", lang), " ", user_link(c.evidence_url)], className="small evidence"
                            )
                        ]
                        if c.evidence_url
                        else []
                    ),
                ],
                className="list-group-item px-0",
                **{"data-comment-id": str(c.id)},
            )
            for c in items
        ],
        className="list-group list-group-flush",
    )


def _extension_item(request: ExtensionRequest, lang: str, tz: str) -> html.Li:
    status = request.status
    badge = {"pending": "text-bg-warning", "approved": "text-bg-success", "refused": "text-bg-secondary"}.get(
        status, "text-bg-light"
    )
    lines: list = [
        html.Div(
            [
                html.Span(t(f"task.extension_status.{status}", lang), className=f"badge {badge} me-2"),
                html.Span(
                    t(
                        "task.extension_to",
                        lang,
                        new=format_date(request.new_due_date, lang),
                        old=_dash(format_date(request.previous_due_date, lang)),
                    ),
                    className="fw-semibold",
                ),
            ]
        ),
        html.Div(
            t(
                "task.requested_by",
                lang,
                who=request.requested_by_label,
                at=format_datetime(request.requested_at, lang, tz),
            ),
            className="small text-muted",
        ),
        html.P(
            [html.Span(t("task.reason", lang), className="fw-semibold"), " ", request.reason],
            className="mb-1 user-text",
        ),
    ]
    if status != ExtensionStatus.PENDING:
        lines.append(
            html.Div(
                t(
                    "task.decided_by",
                    lang,
                    who=request.decided_by_label,
                    at=format_datetime(request.decided_at, lang, tz),
                ),
                className="small text-muted",
            )
        )
        if request.decision_note:
            lines.append(
                html.P(
                    [html.Span(t("task.decision_note", lang), className="fw-semibold"), " ", request.decision_note],
                    className="mb-1 user-text",
                )
            )
    return html.Li(
        lines,
        className="list-group-item px-0",
        **{"data-extension-status": status, "data-extension-id": str(request.id)},
    )


def extensions(detail: TaskDetail, lang: str, tz: str) -> html.Section:
    """The extension requests, pending first."""
    items = detail.extensions
    body = (
        html.Ul([_extension_item(r, lang, tz) for r in items], className="list-group list-group-flush")
        if items
        else _empty(t("task.extensions_empty", lang))
    )
    return _section(t("task.extensions", lang), body, count=len(items), section_id="task-extensions-section", lang=lang)


def _event_label(kind: str, lang: str) -> str:
    for key in (f"task.event.{kind}", f"event.{kind}"):
        if key in MESSAGES:
            return t(key, lang)
    return kind


def _value(field: str, raw: str | None, lang: str, agencies: dict[int, Agency], categories: dict[str, Category]) -> str:
    """An event's before or after value in words: statuses as labels, dates dd/mm/yyyy, agency names."""
    if raw is None or raw == "":
        return "—"
    if field == "status":
        return t(f"status.{raw}", lang)
    if field in DATE_FIELDS:
        try:
            return format_date(date.fromisoformat(raw), lang)
        except ValueError:
            return raw
    if field == "progress":
        return f"{raw}%"
    if field == "recurrence":
        return t(f"recurrence.{raw}", lang)
    if field == "lead_agency_id":
        agency = agencies.get(int(raw)) if raw.isdigit() else None
        return agency.short_name if agency else raw
    if field == "category_code":
        category = categories.get(raw)
        return category_label(category, lang) if category else raw
    return raw if len(raw) <= 300 else raw[:299] + "…"


def _field_label(field: str, lang: str) -> str:
    key = f"task.field.{field}"
    return t(key, lang) if key in MESSAGES else field


def _change_text(event: TaskEvent, lang: str, agencies: dict, categories: dict) -> str:
    label = _field_label(event.field, lang)
    after = _value(event.field, event.after, lang, agencies, categories)
    if event.before is None and event.kind in ("created", "comment", "extension_refused"):
        return f"{label}: {after}"
    return f"{label}: {_value(event.field, event.before, lang, agencies, categories)} → {after}"


def history(detail: TaskDetail, lang: str, tz: str) -> html.Section:
    """Who · when · what changed, newest first; the events of one action are shown together."""
    agencies = {a.id: a for a in detail.agencies}
    categories = {c.code: c for c in detail.categories}
    groups: list[list[TaskEvent]] = []
    for event in detail.history:
        last = groups[-1][0] if groups else None
        if last and (last.at, last.actor_label, last.kind, last.note) == (
            event.at,
            event.actor_label,
            event.kind,
            event.note,
        ):
            groups[-1].append(event)
        else:
            groups.append([event])
    items = []
    for group in reversed(groups):
        first = group[0]
        who = first.actor_label or t("event.system", lang)
        children: list = [
            html.Div(
                [
                    html.Span(who, className="fw-semibold"),
                    " · ",
                    html.Span(format_datetime(first.at, lang, tz)),
                    " · ",
                    html.Span(_event_label(first.kind, lang), className="fw-semibold"),
                ],
                className="small",
            ),
            html.Ul([html.Li(_change_text(e, lang, agencies, categories)) for e in group], className="mb-0 small"),
        ]
        if first.note:
            children.append(
                html.Div(t("task.event_note", lang, note=first.note), className="small text-muted user-text")
            )
        items.append(html.Li(children, className="list-group-item px-0", **{"data-event-kind": first.kind}))
    body = (
        html.Ol(items, className="list-group list-group-flush task-history")
        if items
        else _empty(t("task.history_empty", lang))
    )
    return _section(t("task.history", lang), body, count=len(groups), section_id="task-history-section", lang=lang)


def cycles(detail: TaskDetail, lang: str) -> list:
    """Earlier cycles of a yearly task (nothing for other tasks)."""
    if not detail.cycles:
        return []
    rows = []
    for cycle in detail.cycles:
        late = (cycle.completed_on - cycle.due_date).days
        verdict = (
            t("task.cycle_late", lang, days=format_number(late, lang, 0)) if late > 0 else t("task.cycle_on_time", lang)
        )
        rows.append(
            html.Tr(
                [
                    html.Td(format_date(cycle.due_date, lang)),
                    html.Td(format_date(cycle.completed_on, lang)),
                    html.Td(verdict),
                ]
            )
        )
    table = html.Table(
        className="table table-sm mb-0",
        children=[
            html.Thead(
                html.Tr([html.Th(t(f"task.cycle_col.{c}", lang), scope="col") for c in ("due", "done", "result")])
            ),
            html.Tbody(rows),
        ],
    )
    return [_section(t("task.cycles", lang), table, count=len(rows), section_id="task-cycles-section", lang=lang)]


# --- the forms (each in its own box) -------------------------------------------------------------


def _label(text: str, for_id: str) -> dbc.Label:
    return dbc.Label(text, html_for=for_id, className="form-label small mb-1")


def _card(title: str, children: list, **attrs: Any) -> html.Div:
    return html.Div(
        className="card mb-3 task-form",
        **attrs,
        children=html.Div([html.H2(title, className="h6 card-title"), *children], className="card-body"),
    )


def move_label(source: str, target: str, lang: str) -> str:
    """The button words for a status move, from the acting user's side ("Báo cáo hoàn thành"…)."""
    return t(f"task.move.{move_action(source, target)}", lang)


def move_form(task: Task, allowed: Allowed, lang: str) -> list:
    """Status moves allowed from the current status for this user (a choice, a note, one button)."""
    if not allowed.moves:
        return []
    return [
        _card(
            t("task.move_heading", lang),
            [
                html.Div(
                    dbc.RadioItems(
                        id=IDS.move_target,
                        options=[{"label": move_label(task.status, s, lang), "value": s} for s in allowed.moves],
                        value=None,
                        className="task-moves",
                        inputClassName="btn-check",
                        labelClassName="btn btn-outline-primary btn-sm mb-2 me-2",
                        labelCheckedClassName="active",
                    ),
                    role="radiogroup",
                    **{"aria-label": t("task.move_choose", lang)},
                ),
                _label(t("task.note_optional", lang), IDS.move_note),
                dbc.Input(id=IDS.move_note, type="text", size="sm", maxLength=500, autoComplete="off"),
                dbc.Button(t("task.move_save", lang), id=IDS.move_save, color="primary", size="sm", className="mt-2"),
            ],
            **{"data-form": "move"},
        )
    ]


def progress_form(task: Task, allowed: Allowed, lang: str) -> list:
    """Progress 0–100, a note and an optional http(s) evidence link."""
    if not allowed.progress:
        return []
    return [
        _card(
            t("task.progress_heading", lang),
            [
                _label(t("task.progress_value", lang), IDS.progress_value),
                dbc.Input(id=IDS.progress_value, type="number", min=0, max=100, step=1, value=task.progress, size="sm"),
                _label(t("task.progress_note", lang), IDS.progress_note),
                dbc.Textarea(id=IDS.progress_note, rows=3, size="sm", maxLength=4000),
                _label(t("task.progress_url", lang), IDS.progress_url),
                dbc.Input(
                    id=IDS.progress_url,
                    type="text",
                    inputMode="url",
                    size="sm",
                    placeholder="https://",
                    autoComplete="off",
                ),
                html.Div(t("task.progress_url_hint", lang), className="form-text"),
                dbc.Button(
                    t("task.progress_save", lang), id=IDS.progress_save, color="primary", size="sm", className="mt-2"
                ),
            ],
            **{"data-form": "progress"},
        )
    ]


def comment_form(allowed: Allowed, lang: str) -> list:
    """A comment box under the conversation."""
    if not allowed.comment:
        return []
    return [
        html.Div(
            className="mt-3",
            **{"data-form": "comment"},
            children=[
                _label(t("task.comment_label", lang), IDS.comment_body),
                dbc.Textarea(id=IDS.comment_body, rows=3, size="sm", maxLength=4000),
                dbc.Button(
                    t("task.comment_save", lang), id=IDS.comment_save, color="primary", size="sm", className="mt-2"
                ),
            ],
        )
    ]


def extension_request_form(detail: TaskDetail, allowed: Allowed, lang: str) -> list:
    """Ask for a later deadline with a reason (or say that a request already awaits a decision)."""
    task = detail.task
    if allowed.request == "pending":
        pending = detail.pending_extension
        return [
            _card(
                t("task.extreq_heading", lang),
                [
                    html.P(
                        t("task.extreq_pending", lang, date=format_date(pending.new_due_date, lang)),
                        className="small mb-0",
                    )
                ],
                **{"data-form": "extension-pending"},
            )
        ]
    if allowed.request != "form":
        return []
    return [
        _card(
            t("task.extreq_heading", lang),
            [
                html.P(t("task.extreq_current", lang, date=format_date(task.due_date, lang)), className="small mb-2"),
                _label(t("task.extreq_date", lang), IDS.extreq_date),
                dbc.Input(
                    id=IDS.extreq_date,
                    type="text",
                    size="sm",
                    placeholder="dd/mm/yyyy",
                    autoComplete="off",
                    maxLength=10,
                ),
                _label(t("task.extreq_reason", lang), IDS.extreq_reason),
                dbc.Textarea(id=IDS.extreq_reason, rows=3, size="sm", maxLength=4000),
                dbc.Button(
                    t("task.extreq_save", lang), id=IDS.extreq_save, color="primary", size="sm", className="mt-2"
                ),
            ],
            **{"data-form": "extension-request"},
        )
    ]


def decide_form(detail: TaskDetail, allowed: Allowed, lang: str) -> list:
    """Approve or refuse the pending request, with an optional note."""
    pending = detail.pending_extension
    if allowed.decide is None or pending is None:
        return []
    return [
        _card(
            t("task.decide_heading", lang),
            [
                dcc.Store(id=IDS.decide_request, data=pending.id),
                html.P(
                    t(
                        "task.decide_summary",
                        lang,
                        who=pending.requested_by_label,
                        old=_dash(format_date(pending.previous_due_date, lang)),
                        new=format_date(pending.new_due_date, lang),
                    ),
                    className="small mb-1",
                ),
                html.P(
                    [html.Span(t("task.reason", lang), className="fw-semibold"), " ", pending.reason],
                    className="small user-text",
                ),
                _label(t("task.decide_note", lang), IDS.decide_note),
                dbc.Textarea(id=IDS.decide_note, rows=2, size="sm", maxLength=4000),
                html.Div(
                    className="d-flex flex-wrap gap-2 mt-2",
                    children=[
                        dbc.Button(t("task.decide_approve", lang), id=IDS.decide_approve, color="success", size="sm"),
                        dbc.Button(
                            t("task.decide_refuse", lang), id=IDS.decide_refuse, color="danger", outline=True, size="sm"
                        ),
                    ],
                ),
            ],
            **{"data-form": "extension-decide"},
        )
    ]


def edit_values(task: Task) -> dict[str, str]:
    """The edit form's values for `task`, as the form holds them (text; dates dd/mm/yyyy)."""
    return {
        "title": task.title,
        "description": task.description or "",
        "category_code": task.category_code,
        "lead_agency_id": str(task.lead_agency_id),
        "due_date": format_date(task.due_date),
        "time_frame": task.time_frame or "",
        "expected_output": task.expected_output or "",
    }


def edit_form(detail: TaskDetail, allowed: Allowed, lang: str) -> list:
    """The plan's content of the task (managers), folded away until opened."""
    if not allowed.edit:
        return []
    values = edit_values(detail.task)
    agencies = [a for a in detail.agencies if a.is_active or a.id == detail.task.lead_agency_id]
    fields = [
        (
            t("task.field.title", lang),
            dbc.Textarea(id=IDS.edit_title, value=values["title"], rows=2, size="sm", maxLength=1000),
        ),
        (
            t("task.field.description", lang),
            dbc.Textarea(id=IDS.edit_description, value=values["description"], rows=3, size="sm"),
        ),
        (
            t("task.field.category_code", lang),
            dbc.Select(
                id=IDS.edit_category,
                value=values["category_code"],
                size="sm",
                options=[{"label": category_label(c, lang), "value": c.code} for c in detail.categories],
            ),
        ),
        (
            t("task.field.lead_agency_id", lang),
            dbc.Select(
                id=IDS.edit_lead,
                value=values["lead_agency_id"],
                size="sm",
                options=[{"label": f"{a.short_name} — {a.name}", "value": str(a.id)} for a in agencies],
            ),
        ),
        (
            t("task.edit_due", lang),
            dbc.Input(
                id=IDS.edit_due,
                value=values["due_date"],
                type="text",
                size="sm",
                placeholder="dd/mm/yyyy",
                maxLength=10,
            ),
        ),
        (
            t("task.field.time_frame", lang),
            dbc.Input(id=IDS.edit_time_frame, value=values["time_frame"], type="text", size="sm", maxLength=200),
        ),
        (
            t("task.field.expected_output", lang),
            dbc.Textarea(id=IDS.edit_output, value=values["expected_output"], rows=2, size="sm"),
        ),
    ]
    return [
        html.Details(
            className="card mb-3 task-form task-edit",
            **{"data-form": "edit"},
            children=[
                html.Summary(t("task.edit_heading", lang), className="card-header h6 mb-0"),
                html.Div(
                    className="card-body",
                    children=[
                        dcc.Store(id=IDS.edit_baseline, data=values),
                        *[
                            html.Div([_label(label, control.id), control], className="mb-2")
                            for label, control in fields
                        ],
                        dbc.Button(t("task.edit_save", lang), id=IDS.edit_save, color="primary", size="sm"),
                    ],
                ),
            ],
        )
    ]


def urge_form(detail: TaskDetail, user: Any, lang: str) -> list:
    """Urge now (coordinators, on open work): the lead agency is told at once, in the tracker and by e-mail."""
    if not can(user, Action.SEND_REMINDERS) or detail.task.status not in CHASED_STATUSES:
        return []
    return [urge_box(TASK_URGE, lang, heading=t("urge.task_heading", lang), hint=t("urge.task_hint", lang))]


def _msg(id_: str) -> html.Div:
    return html.Div(id=id_, className="mb-2 task-msg", **{"aria-live": "polite"})


# --- the whole page ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Sections:
    """The children of every re-rendered container, and the boxes' key."""

    heading: list
    facts: html.Div
    reports: html.Section
    comments: html.Div
    extensions: html.Section
    history: html.Section
    cycles: list
    reminders: html.Section
    boxes: dict[str, list]
    key: dict[str, Any]


def sections(detail: TaskDetail, user: Any, lang: str, tz: str) -> Sections:
    """What the page shows for `user`: data sections and the forms' boxes."""
    allowed = allowed_for(user, detail)
    return Sections(
        heading=heading(detail, lang),
        facts=facts(detail, lang),
        reports=progress_reports(detail, lang, tz),
        comments=comments(detail, lang, tz),
        extensions=extensions(detail, lang, tz),
        history=history(detail, lang, tz),
        cycles=cycles(detail, lang),
        reminders=task_reminders_section(detail.reminders, lang, tz),
        boxes={
            "move": move_form(detail.task, allowed, lang),
            "progress": progress_form(detail.task, allowed, lang),
            "comment": comment_form(allowed, lang),
            "request": extension_request_form(detail, allowed, lang),
            "decide": decide_form(detail, allowed, lang),
        },
        key=allowed.key(),
    )


def task_page(detail: TaskDetail, user: Any, lang: str, tz: str = "Asia/Ho_Chi_Minh") -> list:
    """The whole page for a task."""
    parts = sections(detail, user, lang, tz)
    allowed = allowed_for(user, detail)
    actions: list = [
        html.H2(t("task.actions", lang), className="visually-hidden"),
        html.Div(parts.boxes["move"], id=IDS.move_box),
        _msg(IDS.move_msg),
        html.Div(parts.boxes["progress"], id=IDS.progress_box),
        _msg(IDS.progress_msg),
        html.Div(parts.boxes["request"], id=IDS.extreq_box),
        _msg(IDS.extreq_msg),
        html.Div(parts.boxes["decide"], id=IDS.decide_box),
        _msg(IDS.decide_msg),
        html.Div(edit_form(detail, allowed, lang), id=IDS.edit_box),
        _msg(IDS.edit_msg),
        *urge_form(detail, user, lang),
    ]
    if not allowed.any_side_action:
        actions.insert(1, html.Div(t("task.read_only", lang), className="alert alert-light border small", role="note"))
    return [
        dcc.Store(id=IDS.task_id, data=detail.task.id),
        dcc.Store(id=IDS.version, data=detail.task.version),
        dcc.Store(id=IDS.refresh, data=0),
        dcc.Store(id=IDS.forms_key, data=parts.key),
        dcc.Store(id=IDS.scroll_sink),
        html.Div(
            className="task-page",
            **{"data-task-id": str(detail.task.id)},
            children=[
                html.Nav(
                    dcc.Link(["← ", t("nav.back_home", lang)], href="/", className="small"),
                    className="mb-2",
                    **{"aria-label": t("task.breadcrumb", lang)},
                ),
                html.Div(parts.heading, id=IDS.heading),
                dbc.Row(
                    [
                        dbc.Col(
                            [
                                html.Div(parts.facts, id=IDS.facts),
                                html.Div(parts.reports, id=IDS.reports),
                                _section(
                                    t("task.comments", lang),
                                    html.Div(
                                        [
                                            html.Div(parts.comments, id=IDS.comments),
                                            html.Div(parts.boxes["comment"], id=IDS.comment_box),
                                            _msg(IDS.comment_msg),
                                        ]
                                    ),
                                    section_id="task-comments-section",
                                    lang=lang,
                                ),
                                html.Div(parts.extensions, id=IDS.extensions),
                                html.Div(parts.reminders, id=IDS.reminders),
                                html.Div(parts.history, id=IDS.history),
                                html.Div(parts.cycles, id=IDS.cycles),
                            ],
                            lg=8,
                            className="order-2 order-lg-1",
                        ),
                        dbc.Col(actions, lg=4, className="order-1 order-lg-2 task-actions"),
                    ]
                ),
            ],
        ),
    ]


def not_found(task_id: int, lang: str) -> list:
    """No task with this id: say so, and the way back to the board."""
    return [
        html.Div(t("error.not_found", lang, task_id=task_id), className="alert alert-warning", role="alert"),
        html.P(dcc.Link(t("nav.back_home", lang), href="/")),
    ]


def load_error(lang: str) -> list:
    """The task could not be read (the database is unreachable…): never a blank page."""
    return [
        html.Div(t("task.load_error", lang), className="alert alert-danger", role="alert"),
        html.P(dcc.Link(t("nav.back_home", lang), href="/")),
    ]
