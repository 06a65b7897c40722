"""A plan as the appendix a province attaches to it (.xlsx), and the empty template of that appendix.

The layout is the one `models.plan_import` reads: merged title rows, the header row (STT | Nội dung
nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Thời gian thực hiện | Sản phẩm | Ghi chú), the row of
column numbers, then per category a section row ("I" | "CHUYỂN ĐỔI NHẬN THỨC") and its tasks. Every
text cell is written with `dashapp.exports.put_text`, so no user text ever becomes a formula. The
column names stay Vietnamese in both languages (English is added in brackets, which the import
ignores) so an exported file always imports again.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from dashapp.exports import put_date, put_text, safe_text
from i18n import format_date, t
from models.plan_import import COLUMNS, REQUIRED, SECTIONS
from models.plans import CATEGORIES
from models.timeframes import parse_time_frame

# (column code, catalogue key, width): the appendix's columns, in order.
APPENDIX_COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("number", "plan_export.col.number", 7),
    ("title", "plan_export.col.title", 60),
    ("lead", "plan_export.col.lead", 28),
    ("coordinators", "plan_export.col.coordinators", 34),
    ("time_frame", "plan_export.col.time_frame", 18),
    ("expected_output", "plan_export.col.output", 32),
    ("note", "plan_export.col.note", 16),
)
HEADER_ROW = 4  # two title rows, a blank line, then the header
ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
TEMPLATE_EXAMPLE = {
    "number": "1",
    "lead": "Sở Thông tin và Truyền thông",
    "coordinators": "Các sở, ban, ngành",
    "time_frame": "Quý IV/2026",
    "note": "",
}
# The phrases the guide explains (the import reads each of them), and the catalogue key of their meaning.
GUIDE_TIME_FRAMES: tuple[tuple[str, str], ...] = (
    ("Quý IV/2026", "plan_export.tf.quarter"),
    ("Quý 4/2026", "plan_export.tf.quarter"),
    ("Tháng 6/2026", "plan_export.tf.month"),
    ("6/2026", "plan_export.tf.month"),
    ("Năm 2026", "plan_export.tf.year"),
    ("2026", "plan_export.tf.year"),
    ("2025 - 2027", "plan_export.tf.span"),
    ("Giai đoạn 2025 - 2027", "plan_export.tf.span"),
    ("30/6/2026", "plan_export.tf.date"),
    ("Hàng năm", "plan_export.tf.yearly"),
    ("Trước 15/12 hàng năm", "plan_export.tf.yearly_day"),
    ("Thường xuyên", "plan_export.tf.ongoing"),
)
_GUIDE_TODAY = date(2026, 1, 1)  # only places the yearly examples; their meaning names no year
_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")
_SECTION_FILL = PatternFill("solid", fgColor="F2F2F2")
_THIN = Side(style="thin", color="999999")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(vertical="top", wrap_text=True)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)


def roman(n: int) -> str:
    """1 → "I", 2 → "II", … (the numbering of an appendix's sections)."""
    if 1 <= n <= len(ROMAN):
        return ROMAN[n - 1]
    values = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"))
    values += ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = ""
    for value, letters in values:
        while n >= value:
            out += letters
            n -= value
    return out


def _title_rows(sheet, heading: str, subheading: str) -> None:
    width = len(APPENDIX_COLUMNS)
    put_text(sheet.cell(row=1, column=1), heading).font = Font(bold=True, size=13)
    put_text(sheet.cell(row=2, column=1), subheading).font = Font(italic=True)
    for row in (1, 2):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        sheet.cell(row=row, column=1).alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    sheet.row_dimensions[1].height = 22
    sheet.row_dimensions[2].height = 32


def _header(sheet, lang: str) -> int:
    """The header row and the row of column numbers under it; returns the next free row."""
    for column, (_code, key, width) in enumerate(APPENDIX_COLUMNS, start=1):
        cell = put_text(sheet.cell(row=HEADER_ROW, column=column), t(key, lang))
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.border = _BOX
        cell.alignment = _CENTER
        numbers = put_text(sheet.cell(row=HEADER_ROW + 1, column=column), f"({column})")
        numbers.font = Font(italic=True, size=9)
        numbers.alignment = _CENTER
        numbers.border = _BOX
        sheet.column_dimensions[get_column_letter(column)].width = width
    return HEADER_ROW + 2


def _section_row(sheet, row: int, numeral: str, name: str) -> None:
    put_text(sheet.cell(row=row, column=1), numeral)
    put_text(sheet.cell(row=row, column=2), name.upper())
    for column in range(1, len(APPENDIX_COLUMNS) + 1):
        cell = sheet.cell(row=row, column=column)
        cell.font = _BOLD
        cell.fill = _SECTION_FILL
        cell.border = _BOX
        cell.alignment = _WRAP if column > 1 else _CENTER


def _task_row(sheet, row: int, task: dict[str, Any]) -> None:
    for column, (code, _key, _width) in enumerate(APPENDIX_COLUMNS, start=1):
        cell = put_text(sheet.cell(row=row, column=column), task.get(code, ""))
        cell.border = _BOX
        cell.alignment = _WRAP if column > 1 else Alignment(horizontal="center", vertical="top")


def _finish(sheet) -> None:
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 2, column=1)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW + 1}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _save(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def plan_workbook(*, plan, sections: Sequence[tuple[Any, Sequence[dict]]], lang: str = "vi") -> bytes:
    """The plan's appendix (.xlsx): `sections` from models.plan_export.plan_sections."""
    book = Workbook()
    sheet = book.active
    sheet.title = t("plan_export.sheet.appendix", lang)
    _title_rows(sheet, t("plan_export.heading", lang, code=safe_text(plan.code)), safe_text(plan.title))
    row = _header(sheet, lang)
    for index, (category, tasks) in enumerate(sections, start=1):
        _section_row(sheet, row, roman(index), category.name_vi)
        row += 1
        for task in tasks:
            _task_row(sheet, row, task)
            row += 1
    _finish(sheet)
    book.properties.title = safe_text(plan.code)
    return _save(book)


def template_workbook(lang: str = "vi") -> bytes:
    """The empty appendix: the header, one section and one example task, and a sheet that explains them."""
    book = Workbook()
    sheet = book.active
    sheet.title = t("plan_export.sheet.appendix", lang)
    _title_rows(sheet, t("plan_export.template.heading", lang), t("plan_export.template.subheading", lang))
    row = _header(sheet, lang)
    _section_row(sheet, row, "I", CATEGORIES[0][1])
    example = {
        **TEMPLATE_EXAMPLE,
        "title": t("plan_export.template.example_title", lang),
        "expected_output": t("plan_export.template.example_output", lang),
    }
    _task_row(sheet, row + 1, example)
    _finish(sheet)
    _guide_sheet(book.create_sheet(t("plan_export.sheet.guide", lang)), lang)
    return _save(book)


def time_frame_meaning(phrase: str, key: str, lang: str = "vi") -> str:
    """What the import reads `phrase` as, in words (the guide's second column)."""
    frame = parse_time_frame(phrase, today=_GUIDE_TODAY)
    due = frame.due_date
    return t(
        key,
        lang,
        due=format_date(due, lang),
        start=format_date(frame.start_date, lang),
        day=f"{due.day:02d}/{due.month:02d}" if due else "",
    )


def _guide_sheet(sheet, lang: str) -> None:
    """The accepted column names, section names and time-frame phrases."""
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 70
    sheet.column_dimensions["C"].width = 12
    put_text(sheet.cell(row=1, column=1), t("plan_export.guide.heading", lang)).font = Font(bold=True, size=13)
    put_text(sheet.cell(row=2, column=1), t("plan_export.guide.intro", lang)).alignment = _WRAP
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=3)
    sheet.row_dimensions[2].height = 75
    row = 4

    def heading(text: str) -> None:
        nonlocal row
        put_text(sheet.cell(row=row, column=1), text).font = Font(bold=True, size=12)
        row += 1

    def table(headers: Sequence[str], lines: Sequence[Sequence[str | date]]) -> None:
        nonlocal row
        for column, label in enumerate(headers, start=1):
            cell = put_text(sheet.cell(row=row, column=column), label)
            cell.font = _BOLD
            cell.fill = _HEADER_FILL
            cell.border = _BOX
        row += 1
        for line in lines:
            for column, value in enumerate(line, start=1):
                cell = sheet.cell(row=row, column=column)
                if isinstance(value, date):
                    put_date(cell, value)
                else:
                    put_text(cell, value)
                cell.border = _BOX
                cell.alignment = _WRAP
            row += 1
        row += 1

    heading(t("plan_export.guide.columns", lang))
    table(
        [t(f"plan_export.guide.col.{key}", lang) for key in ("column", "names", "required")],
        [
            (
                t(f"plan_export.col.{code}", lang),
                "; ".join(names),
                t("plan_export.guide.yes" if code in REQUIRED else "plan_export.guide.no", lang),
            )
            for code, names in COLUMNS.items()
        ],
    )
    heading(t("plan_export.guide.sections", lang))
    put_text(sheet.cell(row=row, column=1), t("plan_export.guide.sections_hint", lang)).alignment = _WRAP
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
    sheet.row_dimensions[row].height = 48
    row += 1
    keywords = dict(SECTIONS)
    table(
        [t("plan_export.guide.col.section", lang), t("plan_export.guide.col.keywords", lang)],
        [
            (f"{roman(i)}. {name_vi.upper()}", ", ".join(keywords.get(code, ())))
            for i, (code, name_vi, _en, _color) in enumerate(CATEGORIES, start=1)
        ],
    )
    heading(t("plan_export.guide.time_frames", lang))
    table(
        [t("plan_export.guide.col.phrase", lang), t("plan_export.guide.col.meaning", lang)],
        [(phrase, time_frame_meaning(phrase, key, lang)) for phrase, key in GUIDE_TIME_FRAMES]
        + [(date(2026, 6, 30), t("plan_export.tf.excel_date", lang))],
    )
    heading(t("plan_export.guide.agencies", lang))
    put_text(sheet.cell(row=row, column=1), t("plan_export.guide.agencies_hint", lang)).alignment = _WRAP
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
    sheet.row_dimensions[row].height = 60
