"""The Excel export of a plan's tasks: figures that agree with the database, layout, formula injection, CLI."""

from __future__ import annotations

import io
import unicodedata
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from dashapp.cli import build_parser, cmd_seed_demo
from dashapp.exports import safe_text, tasks_workbook
from dashapp.settings import Settings
from i18n.catalogue import MESSAGES
from i18n.catalogue_reports import MESSAGES_REPORTS
from models.database import make_engine
from models.deadlines import DeadlineState, deadline
from models.demo import DEMO_PLAN_CODE
from models.plans import ensure_categories
from models.review import headline, share, task_frame
from models.tables import Agency, Plan, Recurrence, Status, Task
from models.workdays import default_calendar
from tests.conftest import NOW, TODAY
from tests.test_cli import run_cli
from tests.web import build_settings

MESSAGES.update(MESSAGES_REPORTS)  # merged by i18n/catalogue.py too

VI_HEADERS = [
    "STT", "Số", "Nội dung nhiệm vụ", "Lĩnh vực", "Cơ quan chủ trì", "Thời gian thực hiện", "Hạn hoàn thành",
    "Trạng thái", "Tình trạng hạn", "Tiến độ (%)", "Ngày hoàn thành", "Số ngày quá hạn", "Số lần nhắc",
]  # fmt: skip
HEADER_ROW = 4
BUCKET_WORDS = {
    "Hoàn thành đúng hạn": "done_on_time",
    "Hoàn thành quá hạn": "done_late",
    "Đang thực hiện trong hạn": "in_progress_on_time",
    "Đang thực hiện quá hạn": "in_progress_overdue",
    "Chưa triển khai": "not_started",
    "Chưa triển khai, đã quá hạn": "not_started",
    "Đã hủy": "cancelled",
}


# ------------------------------------------------------------------------------------------------ helpers
@dataclass
class Demo:
    """The sample plan seeded at TRACKER_TODAY=2026-06-16, with an engine on its database."""

    settings: Settings
    engine: Engine
    plan_id: int


def seed(db_url: str, tmp_path: Path) -> Settings:
    settings = build_settings(db_url, tmp_path / "instance")
    assert cmd_seed_demo(settings, build_parser().parse_args(["seed-demo"])) == 0
    return settings


@pytest.fixture
def demo(db_url, tmp_path):
    settings = seed(db_url, tmp_path)
    engine = make_engine(db_url)
    with Session(engine) as s:
        plan_id = s.exec(select(Plan.id).where(Plan.code == DEMO_PLAN_CODE)).one()
    yield Demo(settings, engine, plan_id)
    engine.dispose()


def frame_of(engine: Engine, plan_id: int, lang: str = "vi"):
    with Session(engine) as s:
        plan = s.get(Plan, plan_id)
        frame = task_frame(session=s, plan_id=plan_id, today=TODAY, calendar=default_calendar(), lang=lang)
        return plan, frame


def expected_figures(engine: Engine, plan_id: int, today: date = TODAY) -> dict:
    """The report's figures counted straight from the database, without models.review.

    Buckets come from each task's status and `deadline()`; status totals from a GROUP BY in SQL, and the
    two must agree with each other before they are used.
    """
    with Session(engine) as s:
        tasks = s.exec(select(Task).where(Task.plan_id == plan_id)).all()
        by_status = dict(
            s.exec(select(Task.status, func.count()).where(Task.plan_id == plan_id).group_by(Task.status)).all()
        )
        by_category_sql = dict(
            s.exec(
                select(Task.category_code, func.count())
                .where(Task.plan_id == plan_id, Task.status != Status.CANCELLED)
                .group_by(Task.category_code)
            ).all()
        )
        leads = s.exec(
            select(func.count(func.distinct(Task.lead_agency_id))).where(
                Task.plan_id == plan_id, Task.status != Status.CANCELLED
            )
        ).one()
    counts: Counter = Counter()
    by_category: dict[str, Counter] = defaultdict(Counter)
    overdue: set[str] = set()
    for task in tasks:
        if task.status == Status.CANCELLED:
            counts["cancelled"] += 1
            continue
        state = deadline(task, today).state
        if task.status == Status.DONE:
            key = "done_late" if state == DeadlineState.DONE_LATE else "done_on_time"
        elif task.status == Status.NOT_STARTED:
            key = "not_started"
        elif state == DeadlineState.OVERDUE:
            key = "in_progress_overdue"
        else:
            key = "in_progress_on_time"
        counts[key] += 1
        counts["total"] += 1
        by_category[task.category_code][key] += 1
        by_category[task.category_code]["total"] += 1
        if state == DeadlineState.OVERDUE:
            overdue.add(task.number)
            if task.status == Status.NOT_STARTED:
                counts["not_started_overdue"] += 1
    counts["overdue_open"] = len(overdue)
    # the SQL status counts and the per-task classification agree
    assert by_status.get("done", 0) == counts["done_on_time"] + counts["done_late"]
    assert by_status.get("not_started", 0) == counts["not_started"]
    assert by_status.get("in_progress", 0) + by_status.get("submitted", 0) == (
        counts["in_progress_on_time"] + counts["in_progress_overdue"]
    )
    assert by_status.get("cancelled", 0) == counts["cancelled"]
    assert sum(by_status.values()) == len(tasks) == counts["total"] + counts["cancelled"]
    assert {code: c["total"] for code, c in by_category.items()} == by_category_sql
    return {
        "counts": counts,
        "by_category": by_category,
        "overdue": overdue,
        "leads": leads,
        "numbers": [t.number for t in sorted(tasks, key=lambda t: (t.position, t.id))],
        "tasks": {t.number: t for t in tasks},
    }


def workbook(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data))


def task_rows(sheet) -> list[tuple]:
    return [row for row in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True) if row[0] is not None]


def sheet_xml(data: bytes, member: str = "xl/worksheets/sheet1.xml") -> str:
    return zipfile.ZipFile(io.BytesIO(data)).read(member).decode("utf-8")


# ---------------------------------------------------------------------------------------------- safe_text
def test_safe_text_normalises_and_drops_control_characters():
    decomposed = unicodedata.normalize("NFD", "Sở Y tế")
    assert decomposed != "Sở Y tế"
    assert safe_text(decomposed) == "Sở Y tế"
    assert safe_text("a\x00b\x01c\x07d\x1be\x7f") == "abcde"
    assert safe_text("một\r\nhai\rba") == "một\nhai\nba"
    assert safe_text("cột\tsau") == "cột\tsau"
    assert safe_text("\u202eabc\u2066") == "abc"
    assert safe_text(None) == "" and safe_text(float("nan")) == ""
    assert safe_text(42) == "42"


# -------------------------------------------------------------------------------------- the task sheet
def test_every_task_of_the_plan_is_a_row_and_agrees_with_the_database(demo):
    plan, frame = frame_of(demo.engine, demo.plan_id)
    expected = expected_figures(demo.engine, demo.plan_id)
    sheet = workbook(tasks_workbook(frame, plan=plan, today=TODAY))["Nhiệm vụ"]
    rows = task_rows(sheet)
    assert len(rows) == len(expected["numbers"]) == 109
    assert [r[0] for r in rows] == list(range(1, 110))
    assert [r[1] for r in rows] == expected["numbers"]  # plan order
    tasks = expected["tasks"]
    for row in rows:
        task = tasks[row[1]]
        assert row[2] == task.title
        assert row[9] == task.progress and isinstance(row[9], int)
    status_words = Counter(r[7] for r in rows)
    with Session(demo.engine) as s:
        done = s.exec(select(func.count()).where(Task.plan_id == demo.plan_id, Task.status == Status.DONE)).one()
    assert status_words["Hoàn thành"] == done > 0
    assert status_words["Đã hủy"] == expected["counts"]["cancelled"] == 1
    buckets = Counter(BUCKET_WORDS[r[8]] for r in rows)
    counts = expected["counts"]
    for bucket in ("done_on_time", "done_late", "in_progress_on_time", "in_progress_overdue", "not_started"):
        assert buckets[bucket] == counts[bucket] == headline(frame)[bucket], bucket
    late_not_started = sum(1 for r in rows if r[8] == "Chưa triển khai, đã quá hạn")
    assert late_not_started == counts["not_started_overdue"] > 0
    # days late: the overdue open tasks, with the calendar days since their deadline
    for row in rows:
        task = tasks[row[1]]
        dl = deadline(task, TODAY)
        if dl.state == DeadlineState.OVERDUE:
            assert row[11] == dl.days_overdue > 0
        elif dl.state == DeadlineState.DONE_LATE:
            assert row[11] == (task.completed_on - task.due_date).days
        else:
            assert row[11] is None


def test_headers_dates_and_layout(demo):
    plan, frame = frame_of(demo.engine, demo.plan_id)
    sheet = workbook(tasks_workbook(frame, plan=plan, today=TODAY))["Nhiệm vụ"]
    assert DEMO_PLAN_CODE in sheet["A1"].value and plan.title in sheet["A1"].value
    assert sheet["A2"].value == "Số liệu tính đến ngày 16/06/2026"
    headers = [c.value for c in sheet[HEADER_ROW]]
    assert headers == VI_HEADERS
    assert all(c.font.bold for c in sheet[HEADER_ROW])
    assert sheet.freeze_panes == "A5"
    assert sheet.auto_filter.ref == f"A{HEADER_ROW}:M{HEADER_ROW + 109}"
    assert sheet["C5"].alignment.wrap_text and sheet.column_dimensions["C"].width >= 40
    tasks = expected_figures(demo.engine, demo.plan_id)["tasks"]
    dated = 0
    for r in range(HEADER_ROW + 1, HEADER_ROW + 110):
        task = tasks[sheet.cell(row=r, column=2).value]
        due, completed = sheet.cell(row=r, column=7), sheet.cell(row=r, column=11)
        if task.due_date is None:
            assert due.value is None
        else:
            dated += 1
            assert due.is_date and due.number_format == "dd/mm/yyyy"
            assert due.value.date() == task.due_date
        if task.completed_on is not None:
            assert completed.is_date and completed.number_format == "dd/mm/yyyy"
            assert completed.value.date() == task.completed_on
        else:
            assert completed.value is None
    assert dated > 90


def test_summary_sheet_has_the_headline_figures(demo):
    plan, frame = frame_of(demo.engine, demo.plan_id)
    figures = headline(frame)
    counts = expected_figures(demo.engine, demo.plan_id)["counts"]
    sheet = workbook(tasks_workbook(frame, plan=plan, today=TODAY))["Tổng hợp"]
    assert [c.value for c in sheet[HEADER_ROW]] == ["Chỉ tiêu", "Số nhiệm vụ", "Tỷ lệ (%)"]
    rows = {r[0]: (r[1], r[2]) for r in sheet.iter_rows(min_row=HEADER_ROW + 1, values_only=True) if r[0]}
    labels = {
        "Tổng số": "total",
        "Hoàn thành đúng hạn": "done_on_time",
        "Hoàn thành quá hạn": "done_late",
        "Đang thực hiện trong hạn": "in_progress_on_time",
        "Đang thực hiện quá hạn": "in_progress_overdue",
        "Chưa triển khai": "not_started",
        "Trong đó: chưa triển khai đã quá hạn": "not_started_overdue",
        "Nhiệm vụ đang quá hạn (chưa hoàn thành)": "overdue_open",
    }
    total = counts["total"]
    assert total == figures["total"] == 108
    for label, key in labels.items():
        count, part = rows[label]
        assert count == figures[key] == counts[key], key
        assert part == pytest.approx(share(counts[key], total)), key
    five = sum(rows[label][0] for label in list(labels)[1:6])
    assert five == rows["Tổng số"][0]
    assert rows["Nhiệm vụ đã hủy (không tính vào tổng số)"][0] == counts["cancelled"] == 1
    assert sheet.cell(row=HEADER_ROW + 2, column=3).number_format == "0.0"


def test_english_workbook(demo):
    plan, frame = frame_of(demo.engine, demo.plan_id, lang="en")
    book = workbook(tasks_workbook(frame, plan=plan, today=TODAY, lang="en"))
    assert book.sheetnames == ["Tasks", "Summary"]
    sheet = book["Tasks"]
    assert sheet["A2"].value == "Figures as of 16/06/2026"
    headers = [c.value for c in sheet[HEADER_ROW]]
    assert headers[:3] == ["No.", "Task no.", "Task"] and "Deadline" in headers and "Due date" in headers
    rows = task_rows(sheet)
    words = Counter(r[8] for r in rows)
    assert words["Done on time"] == headline(frame)["done_on_time"] > 0
    assert "Done" in {r[7] for r in rows} and "Hoàn thành" not in {r[7] for r in rows}
    summary = {r[0]: r[1] for r in book["Summary"].iter_rows(min_row=HEADER_ROW + 1, values_only=True) if r[0]}
    assert summary["Total"] == 108


# ------------------------------------------------------------------------------------- formula injection
DANGEROUS = ["=1+2", "+SUM(A1:A2)", "-3+4", "@SUM(1,1)", "\t=cmd|' /C calc'!A0", '=HYPERLINK("http://x","y")']


def test_text_that_looks_like_a_formula_is_stored_as_text(session):
    ensure_categories(session=session)
    agency = Agency(code="evil", name="=IMPORTXML(A1)", short_name="@evil")
    plan = Plan(code="=01/KH", title="+Kế hoạch", created_at=NOW)
    session.add_all([agency, plan])
    session.commit()
    titles = [*DANGEROUS, "Ký tự\x01 điều khiển", "\r=2"]
    for n, title in enumerate(titles, start=1):
        session.add(
            Task(
                plan_id=plan.id, number=str(n), position=n, title=title, category_code="data",
                lead_agency_id=agency.id, due_date=TODAY + timedelta(days=30), recurrence=Recurrence.ONCE,
                time_frame="-Quý III", status=Status.NOT_STARTED, created_at=NOW, updated_at=NOW,
            )
        )  # fmt: skip
    session.commit()
    frame = task_frame(session=session, plan_id=plan.id, today=TODAY, calendar=default_calendar())
    data = tasks_workbook(frame, plan=plan, today=TODAY)
    sheet = workbook(data)["Nhiệm vụ"]
    cells = {sheet.cell(row=r, column=3).value: sheet.cell(row=r, column=3) for r in range(5, 5 + len(titles))}
    for title in DANGEROUS:
        cell = cells[title]  # the value comes back unchanged
        assert cell.data_type == "s" and cell.quotePrefix, title
    assert "Ký tự điều khiển" in cells  # the control character is dropped, not refused
    assert cells["\n=2"].data_type == "s" and cells["\n=2"].quotePrefix
    lead = sheet.cell(row=5, column=5)
    assert lead.value == "=IMPORTXML(A1)" and lead.data_type == "s" and lead.quotePrefix
    frame_cell = sheet.cell(row=5, column=6)
    assert frame_cell.value == "-Quý III" and frame_cell.data_type == "s"
    assert sheet["A1"].value.startswith("Kế hoạch số =01/KH: +Kế hoạch")
    for member in ("xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"):
        xml = sheet_xml(data, member)
        assert "<f>" not in xml and "<f " not in xml, member
    # written as inline strings: the text is there, as text
    assert "<is><t>=1+2</t></is>" in sheet_xml(data) and "<t>=IMPORTXML(A1)</t>" in sheet_xml(data)


# ------------------------------------------------------------------------------------------ the command
def cli(settings: Settings, argv: list[str]) -> int:
    """Parse `argv` the way `python -m dashapp` does and run the command on `settings`."""
    args = build_parser().parse_args(argv)
    return args.func(settings, args)


def test_export_command_writes_the_newest_plan_or_the_one_asked_for(demo, tmp_path, capsys):
    with Session(demo.engine) as s:
        agency_id = s.exec(select(Agency.id)).first()
        newer = Plan(code="02/KH-MOI", title="Kế hoạch mới", created_at=NOW + timedelta(days=1))
        s.add(newer)
        s.commit()
        s.add(
            Task(
                plan_id=newer.id, number="1", title="Nhiệm vụ duy nhất", category_code="data",
                lead_agency_id=agency_id, due_date=date(2026, 12, 31), created_at=NOW, updated_at=NOW,
            )
        )  # fmt: skip
        s.commit()
    newest = tmp_path / "moi.xlsx"
    capsys.readouterr()
    assert cli(demo.settings, ["export-tasks", str(newest)]) == 0
    assert capsys.readouterr().out.startswith(f"Đã xuất 1 nhiệm vụ ra {newest}")
    rows = task_rows(workbook(newest.read_bytes())["Nhiệm vụ"])
    assert [r[2] for r in rows] == ["Nhiệm vụ duy nhất"]
    sample = tmp_path / "mau.xlsx"
    assert cli(demo.settings, ["export-tasks", str(sample), "--plan", DEMO_PLAN_CODE]) == 0
    assert capsys.readouterr().out.startswith(f"Đã xuất 109 nhiệm vụ ra {sample}")
    book = workbook(sample.read_bytes())
    assert len(task_rows(book["Nhiệm vụ"])) == 109
    assert DEMO_PLAN_CODE in book["Nhiệm vụ"]["A1"].value


def test_export_command_refuses_an_unknown_plan_or_an_unwritable_path(demo, tmp_path, capsys):
    target = tmp_path / "x.xlsx"
    assert cli(demo.settings, ["export-tasks", str(target), "--plan", "99/KH-KHONGCO"]) == 2
    assert "không có kế hoạch số «99/KH-KHONGCO»" in capsys.readouterr().err
    assert not target.exists()
    missing = tmp_path / "khong-co-thu-muc" / "x.xlsx"
    assert cli(demo.settings, ["export-tasks", str(missing)]) == 2
    assert f"không ghi được tệp «{missing}»" in capsys.readouterr().err
    assert cli(demo.settings, ["export-tasks", str(tmp_path)]) == 2  # a folder, not a file
    assert "không ghi được tệp" in capsys.readouterr().err


def test_export_command_without_any_plan(db_url, tmp_path, capsys):
    settings = build_settings(db_url, tmp_path / "instance")
    assert cli(settings, ["export-tasks", str(tmp_path / "x.xlsx")]) == 2
    assert "chưa có kế hoạch nào" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()


def test_new_commands_have_help(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    for command in ("export-tasks", "report"):
        result = run_cli([command, "--help"], url, tmp_path)
        assert result.returncode == 0 and "usage" in result.stdout and "--plan" in result.stdout
    refused = run_cli(["report", "--kind", "quarterly", "--year", "2026", "--out", "x.docx"], url, tmp_path)
    assert refused.returncode == 2 and "semiannual" in refused.stderr
