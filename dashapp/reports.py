"""The Word reports (python-docx): the periodic report to the steering committee and a session's minutes.

Laid out as a Vietnamese administrative document (Nghị định 30/2020/NĐ-CP): a borderless two-column
title block (issuing body on the left, the national motto on the right), a centred title, Times New
Roman 13 pt on A4 with 2 cm margins and 3 cm on the left, then the sections. Every figure comes from
`models.review`, so the report agrees with the review page and the Excel export. User text goes in
as text (python-docx escapes it) after `safe_text` drops what XML cannot hold.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from datetime import date

import pandas as pd
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from dashapp.exports import cancelled_count, headline_rows, safe_text
from i18n import format_date, format_number, t
from models.review import BUCKETS, HEADLINE_KEYS, SessionView, by_category, headline, overdue_list, scorecard, share
from models.tables import Category

KINDS = ("semiannual", "annual")
FONT = "Times New Roman"
BODY_PT = 13
TABLE_PT = 11
DEFAULT_PROVINCE = "Tuyên Quang"
_BORDER_EDGES = ("top", "left", "bottom", "right", "insideH", "insideV")


def period(kind: str, year: int) -> tuple[date, date]:
    """The reporting period: the first half of `year`, or the year up to 15/12 (the annual report's deadline)."""
    if kind == "semiannual":
        return date(year, 1, 1), date(year, 6, 30)
    if kind == "annual":
        return date(year, 1, 1), date(year, 12, 15)
    raise ValueError(f"unknown report kind: {kind!r}")


# ------------------------------------------------------------------------------------------ document bits
def _new_document():
    """An A4 document with the administrative margins and Times New Roman 13 pt."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin = section.bottom_margin = Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    for name in ("Normal", "Table Grid"):
        style = doc.styles[name]
        style.font.name = FONT
        style.font.size = Pt(BODY_PT)
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attribute), FONT)
    normal = doc.styles["Normal"].paragraph_format
    normal.space_before, normal.space_after = Pt(0), Pt(6)
    return doc


def _width(doc) -> int:
    section = doc.sections[0]
    return section.page_width - section.left_margin - section.right_margin


def _run(paragraph, text: str, *, bold=False, italic=False, underline=False, size: float | None = None):
    run = paragraph.add_run(safe_text(text))
    run.bold, run.italic, run.underline = bold or None, italic or None, underline or None
    if size is not None:
        run.font.size = Pt(size)
    return run


def _para(container, text: str = "", *, align=None, bold=False, italic=False, underline=False, size=None, indent=True):
    paragraph = container.add_paragraph()
    if align is not None:
        paragraph.alignment = align
    elif indent:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph.paragraph_format.first_line_indent = Cm(1)
    if text:
        _run(paragraph, text, bold=bold, italic=italic, underline=underline, size=size)
    return paragraph


def _cell_para(
    cell, text: str, *, align=WD_ALIGN_PARAGRAPH.CENTER, bold=False, italic=False, underline=False, size=None
):
    """The first paragraph of `cell` (then new ones) holding `text`."""
    first = cell.paragraphs[0]
    paragraph = first if not first.runs and not first.text else cell.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(0)
    _run(paragraph, text, bold=bold, italic=italic, underline=underline, size=size)
    return paragraph


def _no_borders(table) -> None:
    properties = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in _BORDER_EDGES:
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    # in the schema's order (Word refuses a document whose table properties are out of order)
    properties.insert_element_before(
        borders, "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription"
    )


def _set_widths(table, widths: Sequence[int]) -> None:
    """Column widths (EMU) on the grid (LibreOffice reads it) and on every cell (Word reads those)."""
    for index, width in enumerate(widths):
        table.columns[index].width = width
        for cell in table.columns[index].cells:
            cell.width = width


def _repeat_header(row) -> None:
    """Repeat the header row at the top of every page the table runs onto."""
    element = OxmlElement("w:tblHeader")
    element.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(element)


def _place_date(place: str, day: date, lang: str) -> str:
    """'Tuyên Quang, ngày 16 tháng 6 năm 2026': a day under 10 and the months 1 and 2 take a leading zero."""
    if lang == "en":
        return t("report.place_date", lang, place=place, day=f"{day.day:02d}", month=f"{day.month:02d}", year=day.year)
    d = f"{day.day:02d}" if day.day < 10 else str(day.day)
    m = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return t("report.place_date", lang, place=place, day=d, month=m, year=day.year)


def _province(plan) -> str:
    return safe_text(getattr(plan, "province", "") or "").strip() or DEFAULT_PROVINCE


def _title_block(doc, plan, day: date, number_key: str, lang: str) -> None:
    """The borderless two-column block: issuing body and number left, the national motto and date right."""
    width = _width(doc)
    table = doc.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _no_borders(table)
    _set_widths(table, (int(width * 0.42), width - int(width * 0.42)))
    left, right = table.rows[0].cells
    province = _province(plan)
    _cell_para(left, t("report.org.parent", lang, province=province.upper()), size=12)
    _cell_para(left, t("report.org.name", lang), bold=True, size=12)
    _cell_para(left, "———", size=8)
    _cell_para(left, t(number_key, lang))
    _cell_para(right, t("report.nation", lang), bold=True, size=12)
    _cell_para(right, t("report.motto", lang), bold=True, underline=True)
    _cell_para(right, "")
    _cell_para(right, _place_date(province, day, lang), italic=True)


def _grid(doc, headers: Sequence[str], rows: Iterable[Sequence[object]], widths: Sequence[float], *, left=()):
    """A bordered table with a bold header row; `widths` in cm; the columns in `left` aligned left."""
    rows = [list(r) for r in rows]
    table = doc.add_table(rows=1 + len(rows), cols=len(headers))
    table.style = doc.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    _repeat_header(table.rows[0])
    _set_widths(table, [Cm(w) for w in widths])
    for index, label in enumerate(headers):
        _cell_para(table.rows[0].cells[index], label, bold=True, size=TABLE_PT)
    for r, values in enumerate(rows, start=1):
        cells = table.rows[r].cells
        for index, value in enumerate(values):
            align = WD_ALIGN_PARAGRAPH.LEFT if index in left else WD_ALIGN_PARAGRAPH.CENTER
            _cell_para(cells[index], "" if value is None else str(value), align=align, size=TABLE_PT)
    doc.add_paragraph().paragraph_format.space_after = Pt(0)
    return table


def _bold_last_row(table) -> None:
    for cell in table.rows[-1].cells:
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                run.bold = True


def _heading(doc, text: str) -> None:
    paragraph = _para(doc, text, bold=True, indent=False)
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.paragraph_format.keep_with_next = True


def _count(value: object, lang: str) -> str:
    if value is None or pd.isna(value):
        return ""
    return format_number(int(value), lang)


def _decimal(value: object, lang: str) -> str:
    if value is None or pd.isna(value):
        return ""
    return format_number(float(value), lang)


def _save(doc) -> bytes:
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _figures_table(doc, rows: Sequence[tuple[str, str, int, float]], lang: str):
    headers = [t(f"report.col.{key}", lang) for key in ("figure", "count", "share")]
    body = [(label, _count(count, lang), _decimal(part, lang)) for _, label, count, part in rows]
    table = _grid(doc, headers, body, (9.0, 3.5, 3.5), left={0})
    for run in table.rows[1].cells[0].paragraphs[0].runs:
        run.bold = True
    return table


# ---------------------------------------------------------------------------------------- periodic report
def _summary_section(doc, frame: pd.DataFrame, lang: str) -> None:
    _heading(doc, t("report.section.summary", lang))
    rows = [r for r in headline_rows(frame, lang) if r[0] in HEADLINE_KEYS]
    _figures_table(doc, rows, lang)
    figures = headline(frame)
    _para(
        doc,
        t(
            "report.summary.detail",
            lang,
            not_started_overdue=format_number(figures["not_started_overdue"], lang),
            overdue_open=format_number(figures["overdue_open"], lang),
        ),
    )
    cancelled = cancelled_count(frame)
    if cancelled:
        _para(doc, t("report.summary.cancelled", lang, count=format_number(cancelled, lang)))


def _category_section(doc, frame: pd.DataFrame, categories: Sequence[Category], lang: str) -> None:
    _heading(doc, t("report.section.categories", lang))
    table = by_category(frame, categories, lang)
    if table.empty or int(table["total"].sum()) == 0:
        _para(doc, t("report.empty.tasks", lang))
        return
    headers = [t("report.col.seq", lang), t("report.col.category", lang), t("report.col.total", lang)]
    headers += [t(f"report.bucket.{b}", lang) for b in BUCKETS]
    body = [
        (index, row["category"], _count(row["total"], lang), *(_count(row[b], lang) for b in BUCKETS))
        for index, (_, row) in enumerate(table.iterrows(), start=1)
    ]
    totals = [int(table[column].sum()) for column in ("total", *BUCKETS)]
    body.append(("", t("report.row.total", lang), *(_count(v, lang) for v in totals)))
    grid = _grid(doc, headers, body, (1.0, 4.2, 1.6, 1.9, 1.9, 1.9, 1.9, 1.6), left={1})
    _bold_last_row(grid)


def _overdue_section(doc, frame: pd.DataFrame, lang: str) -> None:
    _heading(doc, t("report.section.overdue", lang))
    late = overdue_list(frame)
    if late.empty:
        _para(doc, t("report.empty.overdue", lang))
        return
    headers = [t(f"report.col.{k}", lang) for k in ("number", "title", "lead", "due", "days_overdue", "reminders")]
    body = [
        (
            row["number"],
            row["title"],
            row["lead_agency"],
            format_date(row["due_date"], lang),
            _count(row["days_overdue"], lang),
            _count(row["reminders"], lang),
        )
        for _, row in late.iterrows()
    ]
    _grid(doc, headers, body, (1.2, 6.6, 2.9, 2.3, 1.6, 1.4), left={1, 2})


def _scorecard_section(doc, frame: pd.DataFrame, lang: str) -> None:
    _heading(doc, t("report.section.scorecard", lang))
    card = scorecard(frame)
    if card.empty:
        _para(doc, t("report.empty.scorecard", lang))
        return
    keys = ("rank", "agency", "led", "done_on_time", "on_time_pct", "overdue_now", "avg_days_late")
    headers = [t(f"report.col.{k}", lang) for k in keys]
    body = [
        (
            _count(row["rank"], lang),
            row["lead_agency"],
            _count(row["led"], lang),
            _count(row["done_on_time"], lang),
            _decimal(row["done_on_time_pct"], lang),
            _count(row["overdue_now"], lang),
            _decimal(row["avg_days_late"], lang),
        )
        for _, row in card.iterrows()
    ]
    _grid(doc, headers, body, (1.2, 4.6, 2.0, 2.1, 2.1, 2.0, 2.0), left={1})


def _conclusion_lines(doc, view: SessionView, lang: str) -> None:
    if not view.conclusions:
        _para(doc, t("report.session.no_conclusions", lang))
        return
    for index, (conclusion, task) in enumerate(view.conclusions, start=1):
        paragraph = _para(doc, f"{index}. {safe_text(conclusion.text)}")
        if task is not None:
            _run(paragraph, " " + t("report.conclusion.task", lang, number=safe_text(task.number)), italic=True)


def _sessions_section(doc, sessions: Iterable[SessionView], start: date, end: date, lang: str) -> None:
    _heading(doc, t("report.section.sessions", lang))
    held = sorted(
        (v for v in sessions if start <= v.review.held_on <= end), key=lambda v: (v.review.held_on, v.review.id or 0)
    )
    if not held:
        _para(doc, t("report.empty.sessions", lang))
        return
    for view in held:
        heading = t(
            "report.session.heading",
            lang,
            date=format_date(view.review.held_on, lang),
            chair=safe_text(view.review.chair),
        )
        _para(doc, heading, italic=True, bold=True)
        _conclusion_lines(doc, view, lang)


def _recipients(doc, lang: str, signer: str, signer_note: str, *, left_lines: Sequence[str]) -> None:
    """The closing block: recipients (or the secretary) on the left, the signer on the right."""
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    _no_borders(table)
    width = _width(doc)
    _set_widths(table, (width // 2, width - width // 2))
    left, right = table.rows[0].cells
    first, *rest = left_lines
    _cell_para(left, first, align=WD_ALIGN_PARAGRAPH.LEFT, bold=True, italic=True, size=12)
    for line in rest:
        _cell_para(left, line, align=WD_ALIGN_PARAGRAPH.LEFT, size=11)
    _cell_para(right, signer, bold=True)
    _cell_para(right, signer_note, italic=True, size=12)


def periodic_report(
    *,
    plan,
    kind: str,
    year: int,
    today: date,
    frame: pd.DataFrame,
    categories: Sequence[Category],
    sessions: Iterable[SessionView],
    lang: str = "vi",
) -> bytes:
    """The semiannual or annual report on the plan (.docx); figures as of `today`, sessions of the period."""
    start, end = period(kind, year)
    doc = _new_document()
    _title_block(doc, plan, today, "report.number", lang)
    _para(
        doc, t("report.title", lang), align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=14
    ).paragraph_format.space_before = Pt(12)
    _para(
        doc,
        t(f"report.subject.{kind}", lang, code=safe_text(plan.code), year=year),
        align=WD_ALIGN_PARAGRAPH.CENTER,
        bold=True,
    )
    _para(doc, safe_text(plan.title), align=WD_ALIGN_PARAGRAPH.CENTER, italic=True)
    _para(doc, "———", align=WD_ALIGN_PARAGRAPH.CENTER, size=8)
    period_line = t(
        "report.period",
        lang,
        start=format_date(start, lang),
        end=format_date(end, lang),
        today=format_date(today, lang),
    )
    _para(doc, period_line, italic=True)
    _para(doc, t("report.intro", lang, code=safe_text(plan.code)))
    _summary_section(doc, frame, lang)
    _category_section(doc, frame, categories, lang)
    _overdue_section(doc, frame, lang)
    _scorecard_section(doc, frame, lang)
    _sessions_section(doc, sessions, start, end, lang)
    doc.add_paragraph()
    _recipients(
        doc,
        lang,
        t("report.signer", lang),
        t("report.signature_note", lang),
        left_lines=[t(k, lang) for k in ("report.recipients", "report.recipients.steering",
                                          "report.recipients.committee", "report.recipients.archive")],
    )  # fmt: skip
    doc.core_properties.title = safe_text(t(f"report.subject.{kind}", lang, code=plan.code, year=year))
    return _save(doc)


# -------------------------------------------------------------------------------------------------- minutes
def _multiline(doc, text: str, lang: str) -> None:
    lines = [line.strip() for line in safe_text(text).split("\n") if line.strip()]
    if not lines:
        _para(doc, t("report.minutes.none", lang))
    for line in lines:
        _para(doc, line)


def minutes(*, plan, view: SessionView, lang: str = "vi") -> bytes:
    """The minutes (.docx) of one review session: who, when, what was said, the figures then, the conclusions."""
    review = view.review
    doc = _new_document()
    _title_block(doc, plan, review.held_on, "report.minutes.number", lang)
    _para(
        doc, t("report.minutes.title", lang), align=WD_ALIGN_PARAGRAPH.CENTER, bold=True, size=14
    ).paragraph_format.space_before = Pt(12)
    _para(doc, t("report.minutes.subject", lang, code=safe_text(plan.code)), align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    _para(doc, safe_text(plan.title), align=WD_ALIGN_PARAGRAPH.CENTER, italic=True)
    _para(doc, "———", align=WD_ALIGN_PARAGRAPH.CENTER, size=8)
    _para(doc, t("report.minutes.date", lang, date=format_date(review.held_on, lang)))
    _para(doc, t("report.minutes.chair", lang, chair=safe_text(review.chair)))
    _heading(doc, t("report.minutes.attendees", lang))
    _multiline(doc, review.attendees, lang)
    _heading(doc, t("report.minutes.notes", lang))
    _multiline(doc, review.notes, lang)
    snapshot = review.snapshot or {}
    if any(key in snapshot for key in HEADLINE_KEYS):
        try:
            day = date.fromisoformat(str(snapshot.get("day")))
        except ValueError:
            day = review.held_on
        _heading(doc, t("report.minutes.figures", lang, date=format_date(day, lang)))
        total = int(snapshot.get("total") or 0)
        rows = [("total", t("report.figure.total", lang), total, share(total, total))]
        for key in (*BUCKETS, "not_started_overdue", "overdue_open"):
            if key in snapshot:
                label = t(f"report.bucket.{key}" if key in BUCKETS else f"report.figure.{key}", lang)
                count = int(snapshot.get(key) or 0)
                rows.append((key, label, count, share(count, total)))
        _figures_table(doc, rows, lang)
    else:
        _heading(doc, t("report.minutes.no_figures", lang))
    _heading(doc, t("report.minutes.conclusions", lang))
    _conclusion_lines(doc, view, lang)
    doc.add_paragraph()
    table = doc.add_table(rows=1, cols=2)
    table.autofit = False
    _no_borders(table)
    width = _width(doc)
    _set_widths(table, (width // 2, width - width // 2))
    left, right = table.rows[0].cells
    for cell, key in ((left, "report.minutes.secretary"), (right, "report.minutes.chair_sign")):
        _cell_para(cell, t(key, lang), bold=True)
        _cell_para(cell, t("report.signature_note", lang), italic=True, size=12)
    for _ in range(3):
        _cell_para(right, "")
    _cell_para(right, safe_text(review.chair), bold=True)
    doc.core_properties.title = safe_text(t("report.minutes.title", lang))
    return _save(doc)
