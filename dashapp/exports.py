"""The Excel export of a plan's tasks (openpyxl): one row per task, and the headline figures.

Every figure comes from `models.review` (the same frame as the review page and the Word report).
User text never becomes a formula: text cells are stored as strings whatever they start with, and
those an office suite would read as a formula (=, +, -, @, tab, line breaks) also carry the
"quote prefix" so a user who edits the cell does not turn it into one (CSV/formula injection).
"""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import date, datetime
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from i18n import format_date, t
from models.review import BUCKETS, headline, share

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
DATE_FORMAT = "dd/mm/yyyy"
SHARE_FORMAT = "0.0"
# Characters XML 1.0 refuses or that only serve to disguise text (bidirectional overrides).
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_KEEP = {"\n", "\t"}

# (catalogue key, width) of the task sheet's columns, in order.
TASK_COLUMNS = (
    ("export.col.seq", 6),
    ("export.col.number", 8),
    ("export.col.title", 60),
    ("export.col.category", 24),
    ("export.col.lead", 30),
    ("export.col.time_frame", 18),
    ("export.col.due", 14),
    ("export.col.status", 18),
    ("export.col.deadline", 26),
    ("export.col.progress", 11),
    ("export.col.completed", 14),
    ("export.col.days_late", 12),
    ("export.col.reminders", 11),
)
HEADER_ROW = 4  # title, "as of", a blank line, then the header
_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def safe_text(value: Any) -> str:
    """User text for a spreadsheet cell or a document: NFC, line breaks kept, control characters removed.

    None (and pandas' missing values) become ''. Carriage returns become line breaks; other control
    characters, unpaired surrogates, U+FFFE/U+FFFF and bidirectional overrides are dropped.
    """
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    text = unicodedata.normalize("NFC", str(value)).replace("\r\n", "\n").replace("\r", "\n")
    text = _BIDI.sub("", text)
    return "".join(
        ch
        for ch in text
        if ch in _KEEP or (unicodedata.category(ch) not in ("Cc", "Cs") and ch not in ("\ufffe", "\uffff"))
    )


def looks_like_formula(text: str) -> bool:
    """Whether a spreadsheet would take `text` typed into a cell as a formula."""
    return text.startswith(FORMULA_STARTS)


def put_text(cell: Cell, value: Any) -> Cell:
    """Write user text into `cell` as a string, never a formula."""
    text = safe_text(value)
    cell.value = text
    cell.data_type = "s"  # openpyxl takes a leading "=" for a formula: force the string type back
    if looks_like_formula(text):
        cell.quotePrefix = True
    return cell


def _day(value: Any) -> date | None:
    """A date from the frame (date, Timestamp, None, NaN or NaT)."""
    if value is None or (not isinstance(value, date) and pd.isna(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    if isinstance(value, datetime):
        return value.date()
    return value if isinstance(value, date) else None


def _int(value: Any) -> int | None:
    if value is None or pd.isna(value):
        return None
    return int(value)


def put_date(cell: Cell, value: Any) -> Cell:
    """A real Excel date shown dd/mm/yyyy (empty when there is none)."""
    day = _day(value)
    cell.value = day
    if day is not None:
        cell.number_format = DATE_FORMAT
    return cell


def deadline_words(status: str, bucket: Any, state: str, lang: str = "vi") -> str:
    """The reporting bucket in words ("Đã hủy" for a cancelled task; a late not-started task says so)."""
    if bucket is None or (not isinstance(bucket, str) and pd.isna(bucket)):
        return t("report.bucket.cancelled", lang)
    if bucket == "not_started" and state == "overdue":
        return t("report.bucket.not_started_overdue", lang)
    return t(f"report.bucket.{bucket}", lang)


def headline_rows(frame: pd.DataFrame, lang: str = "vi") -> list[tuple[str, str, int, float]]:
    """(key, label, count, share of the total) for the headline figures, in the reporting order."""
    figures = headline(frame)
    total = figures["total"]
    rows = [("total", t("report.figure.total", lang), total, share(total, total))]
    rows += [(b, t(f"report.bucket.{b}", lang), figures[b], share(figures[b], total)) for b in BUCKETS]
    for key in ("not_started_overdue", "overdue_open"):
        rows.append((key, t(f"report.figure.{key}", lang), figures[key], share(figures[key], total)))
    return rows


def cancelled_count(frame: pd.DataFrame) -> int:
    """How many tasks of the frame are cancelled (left out of every figure)."""
    return int(frame["bucket"].isna().sum())


def _title_rows(sheet, plan, today: date, lang: str, width: int) -> None:
    title = t("export.title", lang, code=safe_text(plan.code), title=safe_text(plan.title))
    put_text(sheet.cell(row=1, column=1), title).font = Font(bold=True, size=14)
    put_text(sheet.cell(row=2, column=1), t("export.as_of", lang, date=format_date(today, lang))).font = Font(
        italic=True
    )
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    sheet.cell(row=1, column=1).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[1].height = 36


def _header(sheet, labels: list[str]) -> None:
    for column, label in enumerate(labels, start=1):
        cell = put_text(sheet.cell(row=HEADER_ROW, column=column), label)
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.border = _BOX
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _task_sheet(sheet, frame: pd.DataFrame, plan, today: date, lang: str) -> None:
    _title_rows(sheet, plan, today, lang, len(TASK_COLUMNS))
    _header(sheet, [t(key, lang) for key, _ in TASK_COLUMNS])
    top = Alignment(vertical="top")
    wrapped = Alignment(vertical="top", wrap_text=True)
    for index, row in enumerate(frame.itertuples(index=False), start=1):
        r = HEADER_ROW + index
        sheet.cell(row=r, column=1, value=index)
        put_text(sheet.cell(row=r, column=2), row.number)
        put_text(sheet.cell(row=r, column=3), row.title).alignment = wrapped
        put_text(sheet.cell(row=r, column=4), row.category)
        put_text(sheet.cell(row=r, column=5), row.lead_agency_name or row.lead_agency).alignment = wrapped
        put_text(sheet.cell(row=r, column=6), row.time_frame)
        put_date(sheet.cell(row=r, column=7), row.due_date)
        put_text(sheet.cell(row=r, column=8), t(f"status.{row.status}", lang))
        put_text(sheet.cell(row=r, column=9), deadline_words(row.status, row.bucket, row.state, lang))
        sheet.cell(row=r, column=10, value=int(row.progress or 0))
        put_date(sheet.cell(row=r, column=11), row.completed_on)
        sheet.cell(row=r, column=12, value=_int(row.days_late))
        sheet.cell(row=r, column=13, value=int(row.reminders or 0))
        for column in range(1, len(TASK_COLUMNS) + 1):
            cell = sheet.cell(row=r, column=column)
            cell.border = _BOX
            if column not in (3, 5):
                cell.alignment = top
    for column, (_, width) in enumerate(TASK_COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    last_row = HEADER_ROW + max(len(frame), 1)
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=1)
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(TASK_COLUMNS))}{last_row}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _summary_sheet(sheet, frame: pd.DataFrame, plan, today: date, lang: str) -> None:
    _title_rows(sheet, plan, today, lang, 3)
    _header(sheet, [t(f"export.summary.col.{key}", lang) for key in ("figure", "count", "share")])
    r = HEADER_ROW
    for key, label, count, part in headline_rows(frame, lang):
        r += 1
        put_text(sheet.cell(row=r, column=1), label).font = _BOLD if key == "total" else Font()
        sheet.cell(row=r, column=2, value=count)
        sheet.cell(row=r, column=3, value=part).number_format = SHARE_FORMAT
        for column in (1, 2, 3):
            sheet.cell(row=r, column=column).border = _BOX
    r += 1
    put_text(sheet.cell(row=r, column=1), t("report.figure.cancelled", lang))
    sheet.cell(row=r, column=2, value=cancelled_count(frame))
    for column in (1, 2, 3):
        sheet.cell(row=r, column=column).border = _BOX
    put_text(sheet.cell(row=r + 2, column=1), t("export.summary.note", lang)).font = Font(italic=True)
    sheet.column_dimensions["A"].width = 48
    sheet.column_dimensions["B"].width = 14
    sheet.column_dimensions["C"].width = 12


def tasks_workbook(frame: pd.DataFrame, *, plan, today: date, lang: str = "vi") -> bytes:
    """The .xlsx of the plan's tasks (`frame` from models.review.task_frame) and its headline figures."""
    book = Workbook()
    tasks = book.active
    tasks.title = t("export.sheet.tasks", lang)
    _task_sheet(tasks, frame, plan, today, lang)
    _summary_sheet(book.create_sheet(t("export.sheet.summary", lang)), frame, plan, today, lang)
    book.properties.title = safe_text(plan.code)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
