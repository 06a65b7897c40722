"""Import a plan from its official appendix (.xlsx): read, preview, then write all or nothing.

`read_appendix` turns the workbook into rows (values only: formulas are never evaluated, openpyxl uses
defusedxml); `preview_import` finds the header row by its Vietnamese names, follows the section rows
("I. CHUYỂN ĐỔI NHẬN THỨC") to the six categories, reads each task's time frame and agencies, and lists
every problem with its row and column — nothing is written. `apply_import` writes the previewed plan
in one transaction, or nothing: a new plan is created; a plan with the same code is updated by task
number (changed fields get audit events; status, progress, reports and history stay; a task no longer
in the appendix is cancelled when still open).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, select

from i18n import t
from models.audit import add_entry, authorize
from models.errors import DomainError, ValidationError
from models.permissions import Action, Actor
from models.tables import Agency, Plan, Status, Task, TaskCoordinator
from models.tasks import record_events
from models.text import fold, nfc
from models.timeframes import parse_time_frame
from models.workflow import Change, apply_transition

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 5000
MAX_UNPACKED_BYTES = 100 * 1024 * 1024
HEADER_SEARCH_ROWS = 40

# Column → the folded header names provinces use for it (first match wins, longest names first).
COLUMNS: dict[str, tuple[str, ...]] = {
    "number": ("so thu tu", "so tt", "stt", "tt"),
    "title": ("ten nhiem vu", "noi dung nhiem vu", "nhiem vu, giai phap", "noi dung", "nhiem vu"),
    "lead": ("co quan chu tri", "don vi chu tri", "co quan, don vi chu tri", "chu tri"),
    "coordinators": ("co quan phoi hop", "don vi phoi hop", "co quan, don vi phoi hop", "phoi hop"),
    "time_frame": ("thoi gian thuc hien", "thoi gian hoan thanh", "thoi han hoan thanh", "thoi han", "tien do"),
    "output": ("san pham dau ra", "san pham", "ket qua", "ket qua, san pham"),
    "note": ("ghi chu",),
}
REQUIRED = ("number", "title", "lead", "time_frame")
# Section names → category, most specific first (folded, accent- and case-insensitive).
SECTIONS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("security", ("an toan", "an ninh mang", "bao mat")),
    ("data", ("du lieu",)),
    ("infrastructure", ("ha tang",)),
    ("platforms", ("nen tang", "ung dung", "chinh quyen so", "kinh te so", "xa hoi so")),
    ("policy", ("co che", "chinh sach", "the che", "van ban")),
    ("awareness", ("nhan thuc", "tuyen truyen", "nang cao nhan thuc")),
)
SECTION_NUMBER = re.compile(r"^\s*((?:[ivxlc]+)|[a-z])\s*[.)/:-]?\s+(.*)$", re.IGNORECASE)
STOP_WORDS = ("noi nhan", "tm.", "tm ", "kt.", "kt ", "chu tich", "pho chu tich", "giam doc")
# Coordinating "agencies" that are a phrase, not an agency: noted, not an error.
GENERIC = ("cac so", "cac co quan", "cac don vi", "ubnd cac huyen", "uy ban nhan dan cac huyen", "cac doanh nghiep")


@dataclass(frozen=True)
class Problem:
    """Something that stops the import: where (row, column) and what, in the catalogue's words."""

    row: int | None
    column: str | None
    key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def message(self, lang: str = "vi") -> str:
        """The problem in `lang`, with its place."""
        text = t(self.key, lang, **self.params)
        if self.row is None:
            return text
        where = t("import.at_row", lang, row=self.row)
        if self.column:
            where = t("import.at_cell", lang, row=self.row, column=t(f"import.col.{self.column}", lang))
        return f"{where}: {text}"


@dataclass
class ParsedTask:
    """One task row as read from the appendix."""

    row: int
    number: str
    title: str
    category_code: str
    lead_text: str
    lead_id: int | None
    coordinator_ids: list[int]
    time_frame: str
    due_date: date | None
    recurrence: str
    start_date: date | None
    expected_output: str
    note: str
    unknown_coordinators: list[str] = field(default_factory=list)  # names to be created, then linked


@dataclass
class ImportPreview:
    """What an import would do: the parsed table, the problems, and against an existing plan the diff."""

    tasks: list[ParsedTask] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notices: list[Problem] = field(default_factory=list)
    unknown_agencies: dict[str, list[int]] = field(default_factory=dict)  # name as written → rows
    sections: list[tuple[int, str, str | None]] = field(default_factory=list)
    header_row: int | None = None
    existing_plan_id: int | None = None
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing stops the import."""
        return not self.problems and bool(self.tasks)

    def counts(self) -> dict[str, int]:
        """Tasks by category code."""
        found: dict[str, int] = {}
        for task in self.tasks:
            found[task.category_code] = found.get(task.category_code, 0) + 1
        return found

    def summary(self, lang: str = "vi") -> dict:
        """A machine-readable summary (the CLI's --json)."""
        return {
            "ok": self.ok,
            "tasks": len(self.tasks),
            "by_category": self.counts(),
            "header_row": self.header_row,
            "errors": [{"row": p.row, "column": p.column, "message": p.message(lang)} for p in self.problems],
            "notices": [{"row": p.row, "column": p.column, "message": p.message(lang)} for p in self.notices],
            "unknown_agencies": [{"name": n, "rows": rows} for n, rows in self.unknown_agencies.items()],
            "update": self.existing_plan_id is not None,
            "added": self.added,
            "removed": self.removed,
            "changed": self.changed,
        }


class ImportRefused(DomainError):
    """The file cannot be imported as it is (the preview says why)."""

    key = "import.refused"

    def __init__(self, preview: ImportPreview) -> None:
        self.preview = preview
        super().__init__(n=len(preview.problems))


# --------------------------------------------------------------------------------------------- reading
def read_appendix(data: bytes, *, filename: str = "") -> list[list[Any]]:
    """The first worksheet's values, row by row (ValidationError for anything but a sane .xlsx)."""
    if len(data) > MAX_BYTES:
        raise ValidationError("import.error.too_big", mb=MAX_BYTES // (1024 * 1024))
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ValidationError("import.error.xls")
    if not data.startswith(b"PK\x03\x04"):
        raise ValidationError("import.error.not_xlsx", name=filename or "?")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "xl/workbook.xml" not in archive.namelist():
                raise ValidationError("import.error.not_xlsx", name=filename or "?")
            if sum(info.file_size for info in archive.infolist()) > MAX_UNPACKED_BYTES:  # a zip bomb
                raise ValidationError("import.error.too_big", mb=MAX_BYTES // (1024 * 1024))
    except zipfile.BadZipFile:
        raise ValidationError("import.error.not_xlsx", name=filename or "?") from None
    import openpyxl  # defusedxml is installed: openpyxl parses with it

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise ValidationError("import.error.unreadable", name=filename or "?") from None
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()  # a stored <dimension> may be wrong: read every row there is
        rows: list[list[Any]] = []
        for values in sheet.iter_rows(min_row=1, min_col=1, values_only=True):
            rows.append(list(values))
            if len(rows) > MAX_ROWS:
                raise ValidationError("import.error.too_many_rows", max=MAX_ROWS)
        return rows
    except ValidationError:
        raise
    except Exception:  # the sheet is read while iterating: a damaged one fails here
        raise ValidationError("import.error.unreadable", name=filename or "?") from None
    finally:
        workbook.close()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value))


def _lines(value: Any) -> str:
    """A cell's text with its line breaks kept (agency cells separate names by line)."""
    if value is None:
        return ""
    return "\n".join(nfc(line) for line in str(value).splitlines() if nfc(line))


def _header_key(value: Any) -> str:
    key = fold(_text(value))
    key = re.sub(r"\(.*?\)", " ", key)  # "Thời gian thực hiện (năm)"
    return " ".join(re.sub(r"[^a-z0-9, ]", " ", key).split()).strip(" ,")


def _header_column(value: Any, taken: Mapping[str, int]) -> str | None:
    """The column a header cell names (one not taken yet), or None."""
    key = _header_key(value)
    if not key:
        return None
    for column, names in COLUMNS.items():
        if column not in taken and any(key == n or key.startswith(n + " ") for n in names):
            return column
    return None


def _header_columns(*header_rows: list[Any]) -> dict[str, int]:
    """Column → cell index named by these rows; a cell the upper row leaves unnamed (empty, or a group
    such as "Cơ quan thực hiện" merged over "Chủ trì | Phối hợp") is named by the row under it."""
    columns: dict[str, int] = {}
    for position in range(max(len(row) for row in header_rows)):
        for row in header_rows:
            column = _header_column(row[position] if position < len(row) else None, columns)
            if column is not None:
                columns[column] = position
                break
    return columns


def find_header(rows: list[list[Any]]) -> tuple[int, dict[str, int]] | None:
    """(index of the header's last row, column → cell index) of the first header that names every
    required column: one row, or two when the upper row groups columns under a merged title."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns = _header_columns(row)
        if all(c in columns for c in REQUIRED):
            return index, columns
        if index + 1 < len(rows) and columns:
            both = _header_columns(row, rows[index + 1])
            if all(c in both for c in REQUIRED):
                return index + 1, both
    return None


def section_category(name: str) -> str | None:
    """The category a section heading stands for, or None."""
    key = fold(name)
    for code, words in SECTIONS:
        if any(word in key for word in words):
            return code
    return None


def _is_section(number: str, title: str) -> str | None:
    """The section's name when the row is a section heading ("I. …", "B. …", or a numberless title)."""
    if number and re.fullmatch(r"[IVXLCivxlc]+\.?|[A-Za-z]\.?", number):
        return title
    # "I. CHUYỂN ĐỔI NHẬN THỨC" in the title cell, or in the number cell merged across the row
    heading = title if not number else (number if not title else "")
    match = SECTION_NUMBER.match(heading)
    if match and re.fullmatch(r"[ivxlc]+|[a-z]", match[1], re.IGNORECASE):
        return match[2]
    return None


def _number(value: Any) -> str:
    text = _text(value).rstrip(".")
    return text


# --------------------------------------------------------------------------------------------- agencies
def agency_key(name: str) -> str:
    """A name for matching: folded, '&' and 'và' alike, punctuation and spacing ignored, UBND spelled out."""
    key = fold(name).replace("&", " va ")
    key = re.sub(r"[^a-z0-9 ]", " ", key)
    key = re.sub(r"\bubnd\b", "uy ban nhan dan", key)
    key = re.sub(r"\btp\b", "thanh pho", key)
    key = " ".join(key.split())
    return key.replace(" va ", " ").replace("va ", "")


def agency_index(agencies: Iterable[Agency]) -> dict[str, int]:
    """Every way an agency may be written (name, short name, aliases, code) → its id."""
    index: dict[str, int] = {}
    for agency in agencies:
        for name in (agency.name, agency.short_name, agency.code, *(agency.aliases or ())):
            if name:
                index.setdefault(agency_key(name), agency.id)
    return index


def split_agencies(cell: str, index: Mapping[str, int]) -> list[tuple[str, int | None]]:
    """The agencies of a cell: split on ';' and line breaks, then on commas unless a comma belongs to a
    known name ("Sở Văn hóa, Thể thao và Du lịch"); each with its id, or None when unknown."""
    found: list[tuple[str, int | None]] = []
    for chunk in re.split(r"[;\n\r]+", cell or ""):
        parts = [nfc(p) for p in chunk.split(",") if nfc(p)]
        i = 0
        while i < len(parts):
            if _generic(parts[i]):  # "…, các sở, ban, ngành liên quan": one phrase to the end of the chunk
                found.append((", ".join(parts[i:]), None))
                break
            for j in range(len(parts), i, -1):  # the longest run of parts that is known (or known names
                name = ", ".join(parts[i:j])  # joined by "và" / "&")
                groups = _split_known(name, index)
                if groups:
                    found.extend((g, index[agency_key(g)]) for g in groups)
                    i = j
                    break
            else:
                found.append((parts[i], None))
                i += 1
    return found


def _split_known(name: str, index: Mapping[str, int]) -> list[str]:
    """[name] when known; else the known names it joins with 'và' / '&' (every piece used); else []."""
    if agency_key(name) in index:
        return [name]
    pieces = [nfc(p) for p in re.split(r"\s+(?:và|&)\s+|\s*&\s*", name) if nfc(p)]
    groups = _known_groups(pieces, index) if len(pieces) > 1 else None
    return groups if groups and len(groups) > 1 else []


def _known_groups(pieces: list[str], index: Mapping[str, int]) -> list[str] | None:
    """Pieces rejoined (with 'và') into known names, every piece used, or None."""
    if not pieces:
        return []
    for end in range(len(pieces), 0, -1):
        name = " và ".join(pieces[:end])
        if agency_key(name) in index:
            rest = _known_groups(pieces[end:], index)
            if rest is not None:
                return [name, *rest]
    return None


def _generic(name: str) -> bool:
    key = fold(name)
    return any(key.startswith(g) for g in GENERIC)


# --------------------------------------------------------------------------------------------- preview
def preview_import(
    *,
    session: Session,
    rows: list[list[Any]],
    plan_code: str,
    today: date,
    agency_map: Mapping[str, int] | None = None,
    create_agencies: bool = False,
) -> ImportPreview:
    """Read the appendix's rows into tasks and problems; write nothing.

    `agency_map` maps a name as written to an existing agency's id (the coordinator's choice);
    with `create_agencies`, unknown names are not problems (they will be created).
    """
    preview = ImportPreview()
    header = find_header(rows)
    if header is None:
        preview.problems.append(Problem(None, None, "import.error.no_header"))
        return preview
    header_index, columns = header
    preview.header_row = header_index + 1
    index = agency_index(session.exec(select(Agency)).all())
    mapped = {agency_key(k): v for k, v in (agency_map or {}).items()}
    index.update(mapped)
    category: str | None = None
    in_unmapped_section = False
    seen: dict[str, int] = {}

    def cell(row: list[Any], column: str) -> Any:
        position = columns.get(column)
        return row[position] if position is not None and position < len(row) else None

    for offset, row in enumerate(rows[header_index + 1 :], start=header_index + 2):
        number, title = _number(cell(row, "number")), _text(cell(row, "title"))
        lead_text, frame_value = _lines(cell(row, "lead")), cell(row, "time_frame")
        if not any(_text(v) for v in row):
            continue  # a spacer row
        first = fold(" ".join(_text(v) for v in row if _text(v)))
        if any(first.startswith(w) for w in STOP_WORDS):
            break  # the signature block ("Nơi nhận:", "TM. ỦY BAN NHÂN DÂN" …)
        if re.fullmatch(r"\(?\d+\)?", number) and re.fullmatch(r"\(?\d+\)?", fold(title)):
            continue  # a row of column numbers under the header: (1) (2) (3)
        section = _is_section(number, title) if not lead_text and not _text(frame_value) else None
        if section is not None:
            category = section_category(section)
            in_unmapped_section = category is None
            preview.sections.append((offset, section, category))
            if category is None:
                preview.problems.append(Problem(offset, "title", "import.error.section", {"name": section}))
            continue
        if not lead_text and not _text(frame_value):
            preview.notices.append(Problem(offset, "title", "import.notice.group", {"name": title[:80]}))
            continue
        problems_before = len(preview.problems)
        if not title:
            preview.problems.append(Problem(offset, "title", "import.error.no_title"))
        if not number:
            preview.problems.append(Problem(offset, "number", "import.error.no_number"))
        elif number in seen:
            preview.problems.append(
                Problem(offset, "number", "import.error.duplicate", {"number": number, "first": seen[number]})
            )
        else:
            seen[number] = offset
        if len(number) > 20:
            preview.problems.append(Problem(offset, "number", "import.error.number_long", {"number": number[:30]}))
        if category is None and not in_unmapped_section:  # under an unmapped section, that section is the error
            preview.problems.append(Problem(offset, None, "import.error.no_section"))
        elif category is None:
            continue
        try:
            frame = parse_time_frame(frame_value, today=today)
        except DomainError:
            frame = None
            preview.problems.append(
                Problem(offset, "time_frame", "import.error.time_frame", {"text": _text(frame_value)})
            )
        leads = split_agencies(lead_text, index)
        lead_id = leads[0][1] if leads else None
        for name, agency_id in leads:
            if agency_id is None and not create_agencies:
                preview.unknown_agencies.setdefault(name, []).append(offset)
                preview.problems.append(Problem(offset, "lead", "import.error.unknown_agency", {"name": name}))
            elif agency_id is None:
                preview.unknown_agencies.setdefault(name, []).append(offset)
        if not leads:
            preview.problems.append(Problem(offset, "lead", "import.error.no_lead"))
        if len(leads) > 1:
            preview.notices.append(Problem(offset, "lead", "import.notice.several_leads", {"name": leads[0][0]}))
        coordinator_ids: list[int] = [a for _n, a in leads[1:] if a is not None]
        unknown_coordinators = [n for n, a in leads[1:] if a is None]
        for name, agency_id in split_agencies(_lines(cell(row, "coordinators")), index):
            if agency_id is not None:
                coordinator_ids.append(agency_id)
            elif _generic(name):
                preview.notices.append(Problem(offset, "coordinators", "import.notice.generic", {"name": name}))
            elif create_agencies:
                preview.unknown_agencies.setdefault(name, []).append(offset)
                unknown_coordinators.append(name)
            else:
                preview.unknown_agencies.setdefault(name, []).append(offset)
                preview.problems.append(Problem(offset, "coordinators", "import.error.unknown_agency", {"name": name}))
        if len(preview.problems) > problems_before or frame is None:
            continue
        preview.tasks.append(
            ParsedTask(
                row=offset,
                number=number,
                title=title[:1000],
                category_code=category or "",
                lead_text=leads[0][0],
                lead_id=lead_id,
                coordinator_ids=sorted(set(coordinator_ids) - {lead_id}),
                time_frame=frame.text[:200],
                due_date=frame.due_date,
                recurrence=str(frame.recurrence),
                start_date=frame.start_date,
                expected_output=_text(cell(row, "output")),
                note=_text(cell(row, "note")),
                unknown_coordinators=unknown_coordinators,
            )
        )
    if not preview.tasks and not preview.problems:
        preview.problems.append(Problem(None, None, "import.error.no_tasks"))
    _diff(session, preview, plan_code)
    return preview


def _diff(session: Session, preview: ImportPreview, plan_code: str) -> None:
    """Against the plan with this code (if any): the task numbers added, removed and changed."""
    plan = session.exec(select(Plan).where(Plan.code == nfc(plan_code))).first()
    if plan is None:
        preview.added = [t.number for t in preview.tasks]
        return
    preview.existing_plan_id = plan.id
    current = {t.number: t for t in session.exec(select(Task).where(Task.plan_id == plan.id)).all()}
    coordinators = _coordinators(session, [t.id for t in current.values()])
    incoming = {t.number: t for t in preview.tasks}
    preview.added = [n for n in incoming if n not in current]
    for number, parsed in incoming.items():  # cancelled stays cancelled (a decision of the committee)
        if number in current and current[number].status == Status.CANCELLED:
            preview.notices.append(Problem(parsed.row, "number", "import.notice.cancelled", {"number": number}))
    preview.removed = [n for n, task in current.items() if n not in incoming and task.status != Status.CANCELLED]
    preview.changed = [
        n
        for n, parsed in incoming.items()
        if n in current and _changes(current[n], parsed, coordinators.get(current[n].id, []))
    ]


def _coordinators(session: Session, task_ids: list[int]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = {}
    if task_ids:
        for link in session.exec(select(TaskCoordinator).where(TaskCoordinator.task_id.in_(task_ids))).all():
            found.setdefault(link.task_id, []).append(link.agency_id)
    return found


def _changes(task: Task, parsed: ParsedTask, coordinator_ids: list[int]) -> list[Change]:
    """The fields the appendix changes on an existing task (the deadline only when its phrase changed,
    so an approved extension or a rolled yearly cycle is kept)."""
    changes = []
    for name, new in (
        ("title", parsed.title),
        ("category_code", parsed.category_code),
        ("lead_agency_id", parsed.lead_id),
        ("expected_output", parsed.expected_output),
    ):
        if getattr(task, name) != new:
            changes.append(Change(name, getattr(task, name), new))
    if (task.time_frame or "") != parsed.time_frame:
        changes.append(Change("time_frame", task.time_frame, parsed.time_frame))
        if task.due_date != parsed.due_date:
            changes.append(Change("due_date", task.due_date, parsed.due_date))
        if task.original_due_date != parsed.due_date:  # the plan's own deadline changed: not an extension
            changes.append(Change("original_due_date", task.original_due_date, parsed.due_date))
        if task.recurrence != parsed.recurrence:
            changes.append(Change("recurrence", task.recurrence, parsed.recurrence))
    if sorted(coordinator_ids) != sorted(parsed.coordinator_ids):
        changes.append(
            Change(
                "coordinators", ",".join(map(str, sorted(coordinator_ids))), ",".join(map(str, parsed.coordinator_ids))
            )
        )
    return changes


# --------------------------------------------------------------------------------------------- writing
def _new_agency_code(session: Session, name: str) -> str:
    base = re.sub(r"[^a-z0-9]", "", fold(name))[:30] or "coquan"
    code, n = base, 1
    while session.exec(select(Agency.id).where(Agency.code == code)).first() is not None:
        n += 1
        code = f"{base[:28]}{n}"
    return code


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote."""

    plan: Plan
    created: int
    updated: int
    cancelled: int
    agencies_created: int


def apply_import(
    *,
    session: Session,
    actor: Actor,
    now: datetime,
    preview: ImportPreview,
    plan_code: str,
    plan_title: str = "",
    create_agencies: bool = False,
) -> ImportResult:
    """Write the previewed plan in one transaction (nothing at all when anything is wrong)."""
    authorize(session, actor=actor, now=now, action=Action.IMPORT_PLAN, target_type="plan", target_id=plan_code)
    if not preview.ok:
        raise ImportRefused(preview)
    code = nfc(plan_code)
    if not code or len(code) > 60:
        raise ValidationError("import.error.plan_code")
    try:
        agencies_created = 0
        names: dict[str, int] = {}
        if preview.unknown_agencies:
            if not create_agencies:
                raise ImportRefused(preview)
            for name in preview.unknown_agencies:
                if agency_key(name) in names:  # "Sở KH và CN" and "Sở KH & CN" are one agency
                    continue
                agency = Agency(code=_new_agency_code(session, name), name=name[:300], short_name=name[:120])
                session.add(agency)
                session.flush()
                names[agency_key(name)] = agency.id
                agencies_created += 1
        plan = session.exec(select(Plan).where(Plan.code == code)).first()
        if plan is None:
            plan = Plan(code=code, title=nfc(plan_title) or code, created_at=now)
            session.add(plan)
            session.flush()
        elif plan_title:
            plan.title = nfc(plan_title)
        current = {t.number: t for t in session.exec(select(Task).where(Task.plan_id == plan.id)).all()}
        coordinators = _coordinators(session, [t.id for t in current.values()])
        created = updated = cancelled = 0
        renumber = bool(preview.added or preview.removed)
        for position, parsed in enumerate(preview.tasks, start=1):
            if parsed.lead_id is None:
                parsed.lead_id = names.get(agency_key(parsed.lead_text))
            task = current.get(parsed.number)
            if task is None:
                task = Task(
                    plan_id=plan.id, number=parsed.number, position=position, title=parsed.title,
                    category_code=parsed.category_code, lead_agency_id=parsed.lead_id, start_date=parsed.start_date,
                    due_date=parsed.due_date, original_due_date=parsed.due_date, time_frame=parsed.time_frame,
                    recurrence=parsed.recurrence, expected_output=parsed.expected_output, status=Status.NOT_STARTED,
                    created_at=now, updated_at=now,
                )  # fmt: skip
                session.add(task)
                session.flush()
                record_events(
                    session,
                    task,
                    [Change("title", None, task.title)],
                    actor=actor,
                    now=now,
                    kind="created",
                    note=t("import.event_note", code=code),
                )
                created += 1
            else:
                changes = _changes(task, parsed, coordinators.get(task.id, []))
                for change in changes:
                    if change.field != "coordinators":
                        setattr(task, change.field, change.after)
                if renumber and task.position != position:  # tasks came or went: the appendix's order
                    task.position = position
                if changes:
                    task.updated_at = now
                    session.add(task)
                    record_events(
                        session,
                        task,
                        changes,
                        actor=actor,
                        now=now,
                        kind="imported",
                        note=t("import.event_note", code=code),
                    )
                    updated += 1
            wanted = set(parsed.coordinator_ids) | {names[agency_key(n)] for n in parsed.unknown_coordinators}
            wanted.discard(task.lead_agency_id)
            have = set(coordinators.get(task.id, []))
            for agency_id in have - wanted:
                link = session.get(TaskCoordinator, (task.id, agency_id))
                if link is not None:
                    session.delete(link)
            for agency_id in wanted - have:
                session.add(TaskCoordinator(task_id=task.id, agency_id=agency_id))
        for number in preview.removed:
            task = current.get(number)
            if task is not None and task.status not in (Status.DONE, Status.CANCELLED):
                changes = apply_transition(task, Status.CANCELLED, today=now.date())
                note = t("import.removed_note", code=code)
                record_events(session, task, changes, actor=actor, now=now, kind="imported", note=note)
                task.updated_at = now
                session.add(task)
                cancelled += 1
        add_entry(
            session, actor=actor, now=now, action="import_plan", target_type="plan", target_id=plan.id,
            detail=f"{code}: +{created} ~{updated} -{cancelled}, {agencies_created} agencies",
        )  # fmt: skip
        session.commit()
    except Exception:
        session.rollback()
        raise
    session.refresh(plan)
    return ImportResult(plan, created, updated, cancelled, agencies_created)


def preview_file(
    *,
    session: Session,
    actor: Actor,
    now: datetime,
    data: bytes,
    filename: str,
    plan_code: str,
    agency_map: Mapping[str, int] | None = None,
    create_agencies: bool = False,
) -> ImportPreview:
    """Read and preview an uploaded appendix for a coordinator (nothing is written but a refusal)."""
    authorize(session, actor=actor, now=now, action=Action.IMPORT_PLAN, target_type="plan", target_id=plan_code)
    rows = read_appendix(data, filename=filename)
    return preview_import(
        session=session,
        rows=rows,
        plan_code=plan_code,
        today=now.date(),
        agency_map=agency_map,
        create_agencies=create_agencies,
    )
