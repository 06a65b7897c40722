"""Compose a notification: one digest (or urge) to one recipient, as a message value (subject, text, HTML).

Deciding is `models.reminders`, sending is the mailer at the edge; this module only writes. The text
reads like an official reminder (kính gửi …, trân trọng./.) and every string that came from a user (task
titles, agency and plan names, a coordinator's note) is escaped in the HTML part and flattened to one
line in the plain-text part and the subject, so it can neither inject markup nor forge lines or headers.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from i18n import format_date, format_number, t
from models.reminders import SEVERITY
from models.tables import ItemKind, NotificationKind
from models.text import number_key

ESCALATION_KINDS = frozenset({ItemKind.ESCALATED, ItemKind.ESCALATED_WEEKLY})
OVERDUE_KINDS = frozenset({ItemKind.OVERDUE, ItemKind.STILL_OVERDUE, *ESCALATION_KINDS})


@dataclass(frozen=True)
class FlaggedTask:
    """A task in a notification, with the figures of the notification's day."""

    task_id: int
    number: str
    title: str
    plan_code: str
    lead_agency: str
    kind: ItemKind
    due_date: date | None
    days_overdue: int | None = None
    working_days_overdue: int | None = None
    working_days_left: int | None = None


@dataclass(frozen=True)
class Digest:
    """Everything one recipient is told on one day."""

    recipient: str  # an agency code, or STEERING_RECIPIENT
    agency_id: int | None
    recipient_name: str
    emails: tuple[str, ...]
    kind: NotificationKind
    items: tuple[FlaggedTask, ...]
    escalate_after: int = 20  # the policy's threshold, named in the escalation group's heading

    def groups(self) -> list[tuple[ItemKind, list[FlaggedTask]]]:
        """The items by kind, most pressing kind first, longest overdue then earliest deadline first."""
        ordered = []
        for kind in SEVERITY:
            items = [i for i in self.items if i.kind == kind]
            if items:
                items.sort(key=lambda i: (-(i.days_overdue or 0), i.due_date or date.max, number_key(i.number)))
                ordered.append((kind, items))
        return ordered


@dataclass(frozen=True)
class Message:
    """A composed e-mail: subject, plain text and HTML."""

    subject: str
    text: str
    html: str


@dataclass(frozen=True)
class Outgoing:
    """What the mailer sends."""

    to: tuple[str, ...]
    subject: str
    text: str
    html: str
    headers: dict[str, str] = field(default_factory=dict)


def one_line(text: str | None) -> str:
    """User text on one line: control characters and line breaks become single spaces."""
    text = text or ""
    if not text.isprintable():  # the rare text with a control character: look at each character
        text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split())


def task_url(base_url: str, task_id: int) -> str:
    """The task's page in the tracker."""
    return f"{base_url.rstrip('/')}/task/{int(task_id)}"


def unit(n: int, word: str, lang: str = "vi") -> str:
    """ "day" or "days" (one word in Vietnamese): `word` is "day" or "working_day"."""
    return t(f"unit.{word}" if n == 1 else f"unit.{word}s", lang)


def status_text(item: FlaggedTask, lang: str = "vi") -> str:
    """'quá hạn 16 ngày (12 ngày làm việc)' or 'còn 7 ngày làm việc'."""
    if item.days_overdue:
        working = item.working_days_overdue or 0
        return t(
            "notify.overdue_by",
            lang,
            days=format_number(item.days_overdue, lang, 0),
            days_unit=unit(item.days_overdue, "day", lang),
            working=format_number(working, lang, 0),
            working_unit=unit(working, "working_day", lang),
        )
    if item.working_days_left is not None:
        if item.working_days_left == 0:
            return t("notify.due_today", lang)
        left = item.working_days_left
        return t("notify.left", lang, days=format_number(left, lang, 0), working_unit=unit(left, "working_day", lang))
    return ""


def summary_counts(items: Sequence[FlaggedTask]) -> tuple[int, int]:
    """(overdue, due soon) among `items`."""
    overdue = sum(1 for i in items if i.days_overdue)
    return overdue, len(items) - overdue


def subject(digest: Digest, day: date, lang: str = "vi") -> str:
    """The subject line: what, for whom, how many."""
    overdue, soon = summary_counts(digest.items)
    key = "notify.subject.urge" if digest.kind == NotificationKind.URGE else "notify.subject.digest"
    return one_line(
        t(
            key,
            lang,
            date=format_date(day, lang),
            name=digest.recipient_name,
            overdue=format_number(overdue, lang, 0),
            soon=format_number(soon, lang, 0),
        )
    )


def _intro(digest: Digest, day: date, lang: str) -> str:
    key = "notify.intro.urge" if digest.kind == NotificationKind.URGE else "notify.intro.digest"
    return t(key, lang, name=one_line(digest.recipient_name), date=format_date(day, lang))


def _with_agency(kind: ItemKind) -> bool:
    """Escalations go to others than the lead agency: they name it."""
    return kind in ESCALATION_KINDS


# An e-mail lists at most this many tasks per group and points to the notification centre for the rest:
# the steering committee's weekly digest of a 100,000-task programme would otherwise run to tens of
# megabytes, more than mail servers accept (and than anyone reads). The notification keeps every item.
MAX_LISTED_PER_GROUP = 200


def compose(digest: Digest, *, day: date, base_url: str, note: str = "", sender: str = "", lang: str = "vi") -> Message:
    """The message for `digest` on `day`, in `lang` (e-mails to agencies are in Vietnamese)."""
    name = one_line(digest.recipient_name)
    lines = [t("notify.dear", lang, name=name), "", _intro(digest, day, lang), ""]
    parts = [
        f'<!doctype html><html lang="{"en" if lang == "en" else "vi"}"><head><meta charset="utf-8"></head>',
        '<body style="font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#1b1b1b;line-height:1.45">',
        f"<p><strong>{html.escape(t('notify.dear_label', lang))}</strong> {html.escape(name)}</p>",
        f"<p>{html.escape(_intro(digest, day, lang))}</p>",
    ]
    if note.strip():
        note_line = t("notify.note", lang, sender=one_line(sender), note=one_line(note))
        lines += [note_line, ""]
        parts.append(f"<p><em>{html.escape(note_line)}</em></p>")
    for position, (kind, items) in enumerate(digest.groups(), start=1):
        label = t(f"notify.group.{kind}", lang, days=digest.escalate_after).upper()
        heading = t("notify.group_heading", lang, n=position, label=label)
        heading += f" ({format_number(len(items), lang, 0)})"
        lines.append(heading)
        parts.append(f'<h3 style="font-size:15px;margin:18px 0 6px">{html.escape(heading)}</h3>')
        parts.append(_table_head(kind, lang))
        for item in items[:MAX_LISTED_PER_GROUP]:
            url = task_url(base_url, item.task_id)
            number, plan, title = one_line(item.number), one_line(item.plan_code), one_line(item.title)
            lines.append("  - " + t("notify.item", lang, number=number, plan=plan, title=title))
            if _with_agency(kind):
                lines.append("    " + t("notify.item_lead", lang, agency=one_line(item.lead_agency)))
            due, state = format_date(item.due_date, lang), status_text(item, lang)
            lines.append("    " + t("notify.item_due", lang, date=due, state=state))
            lines.append("    " + t("notify.item_link", lang, url=url))
            parts.append(_table_row(item, url, kind, lang))
        parts.append("</tbody></table>")
        if len(items) > MAX_LISTED_PER_GROUP:
            more = t(
                "notify.more",
                lang,
                count=format_number(len(items) - MAX_LISTED_PER_GROUP, lang, 0),
                url=f"{base_url.rstrip('/')}/notifications",
            )
            lines.append("  " + more)
            parts.append(f"<p>{html.escape(more)}</p>")
        lines.append("")
    closing = t("notify.closing.urge" if digest.kind == NotificationKind.URGE else "notify.closing.digest", lang)
    lines += [closing, "", t("notify.regards", lang), "", "--", t("notify.footer", lang)]
    parts += [
        f"<p>{html.escape(closing)}</p>",
        f"<p>{html.escape(t('notify.regards', lang))}</p>",
        '<hr style="border:none;border-top:1px solid #ccc">',
        f'<p style="color:#555;font-size:12px">{html.escape(t("notify.footer", lang))}</p>',
        "</body></html>",
    ]
    return Message(subject=subject(digest, day, lang), text="\n".join(lines) + "\n", html="".join(parts))


CELL = 'style="border:1px solid #bbb;padding:4px 8px;text-align:left;vertical-align:top"'


def _table_head(kind: ItemKind, lang: str) -> str:
    columns = ["notify.col.number", "notify.col.task"]
    if _with_agency(kind):
        columns.append("notify.col.lead")
    columns += ["notify.col.due", "notify.col.state"]
    cells = "".join(f"<th {CELL}>{html.escape(t(c, lang))}</th>" for c in columns)
    return f'<table style="border-collapse:collapse;margin-bottom:8px"><thead><tr>{cells}</tr></thead><tbody>'


def _table_row(item: FlaggedTask, url: str, kind: ItemKind, lang: str) -> str:
    cells = [
        html.escape(one_line(item.number)),
        f'<a href="{html.escape(url, quote=True)}">{html.escape(one_line(item.title))}</a>'
        f'<br><span style="color:#555">{html.escape(one_line(item.plan_code))}</span>',
    ]
    if _with_agency(kind):
        cells.append(html.escape(one_line(item.lead_agency)))
    cells += [html.escape(format_date(item.due_date, lang)), html.escape(status_text(item, lang))]
    return "<tr>" + "".join(f"<td {CELL}>{c}</td>" for c in cells) + "</tr>"
