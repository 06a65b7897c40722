"""A plan exported in its appendix layout imports back to exactly the same plan; the template imports too."""

from __future__ import annotations

import io
import zipfile
from datetime import date

import openpyxl
from sqlmodel import Session, select

from i18n.catalogue import MESSAGES
from i18n.catalogue_plan_export import MESSAGES_PLAN_EXPORT

MESSAGES.update(MESSAGES_PLAN_EXPORT)

from dashapp.plan_workbook import GUIDE_TIME_FRAMES, plan_workbook, template_workbook  # noqa: E402
from models.demo import DEMO_PLAN_CODE, seed_demo  # noqa: E402
from models.permissions import SYSTEM  # noqa: E402
from models.plan_export import plan_sections  # noqa: E402
from models.plan_import import COLUMNS, apply_import, preview_import, read_appendix, section_category  # noqa: E402
from models.plans import CATEGORIES  # noqa: E402
from models.tables import Agency, Plan, Recurrence, Status, Task, TaskCoordinator, TaskEvent  # noqa: E402
from models.tasks import change_status, report_progress  # noqa: E402
from models.timeframes import parse_time_frame  # noqa: E402
from tests.conftest import NOW, TODAY  # noqa: E402
from tests.test_plan_import import demo_agencies, table_counts  # noqa: E402

HEADER = [
    "STT",
    "Nội dung nhiệm vụ",
    "Cơ quan chủ trì",
    "Cơ quan phối hợp",
    "Thời gian thực hiện",
    "Sản phẩm",
    "Ghi chú",
]


def demo_plan(session: Session) -> Plan:
    seed_demo(session=session, now=NOW)
    return session.exec(select(Plan).where(Plan.code == DEMO_PLAN_CODE)).one()


def exported(session: Session, plan: Plan, lang: str = "vi") -> bytes:
    return plan_workbook(plan=plan, sections=plan_sections(session=session, plan_id=plan.id), lang=lang)


def snapshot(session: Session, plan: Plan) -> dict[str, dict]:
    """Every column of every task of the plan, with its coordinators."""
    session.expire_all()
    tasks = session.exec(select(Task).where(Task.plan_id == plan.id)).all()
    links = session.exec(select(TaskCoordinator)).all()
    found = {}
    for task in tasks:
        values = task.model_dump()
        values["coordinators"] = sorted(link.agency_id for link in links if link.task_id == task.id)
        found[task.number] = values
    return found


def import_back(session: Session, data: bytes, code: str = DEMO_PLAN_CODE, **kw):
    return preview_import(session=session, rows=read_appendix(data), plan_code=code, today=TODAY, **kw)


def assert_round_trip_changes_nothing(session: Session, plan: Plan, lang: str = "vi") -> None:
    open_tasks = [t for t in snapshot(session, plan).values() if t["status"] != Status.CANCELLED]
    found = import_back(session, exported(session, plan, lang))
    assert [p.message() for p in found.problems] == []
    assert (found.added, found.removed, found.changed) == ([], [], [])
    assert found.existing_plan_id == plan.id and len(found.tasks) == len(open_tasks)
    before, counts = snapshot(session, plan), table_counts(session)
    result = apply_import(session=session, actor=SYSTEM, now=NOW, preview=found, plan_code=plan.code)
    assert (result.created, result.updated, result.cancelled, result.agencies_created) == (0, 0, 0, 0)
    assert snapshot(session, plan) == before
    assert table_counts(session) == {**counts, "auditlog": counts["auditlog"] + 1}  # the import's own entry


def test_the_demo_plan_round_trips_unchanged(session):
    plan = demo_plan(session)
    events = len(session.exec(select(TaskEvent)).all())
    assert_round_trip_changes_nothing(session, plan)
    assert len(session.exec(select(TaskEvent)).all()) == events


def test_the_round_trip_keeps_statuses_and_progress_moved_since(session):
    plan = demo_plan(session)
    tasks = {t.number: t for t in session.exec(select(Task).where(Task.plan_id == plan.id)).all()}
    waiting = next(t for t in tasks.values() if t.status == Status.NOT_STARTED)
    running = next(t for t in tasks.values() if t.status == Status.IN_PROGRESS)
    submitted = next(t for t in tasks.values() if t.status == Status.SUBMITTED)
    change_status(
        session=session, task_id=waiting.id, target=Status.IN_PROGRESS, expected_version=waiting.version,
        actor=SYSTEM, now=NOW,
    )  # fmt: skip
    report_progress(
        session=session, task_id=running.id, expected_version=running.version, progress=95, note="Sắp xong",
        evidence_url=None, actor=SYSTEM, now=NOW,
    )  # fmt: skip
    change_status(
        session=session, task_id=submitted.id, target=Status.DONE, expected_version=submitted.version, actor=SYSTEM,
        now=NOW,
    )  # fmt: skip
    assert_round_trip_changes_nothing(session, plan)
    after = snapshot(session, plan)
    assert after[waiting.number]["status"] == Status.IN_PROGRESS
    assert after[running.number]["progress"] == 95
    assert after[submitted.number]["status"] == Status.DONE


def test_the_english_workbook_imports_back_the_same(session):
    plan = demo_plan(session)
    sheet = openpyxl.load_workbook(io.BytesIO(exported(session, plan, "en"))).active
    assert sheet.title == "Appendix" and sheet["B4"].value == "Nội dung nhiệm vụ (Task)"
    assert_round_trip_changes_nothing(session, plan, "en")


def test_the_workbook_has_the_appendix_layout(session):
    plan = demo_plan(session)
    sections = plan_sections(session=session, plan_id=plan.id)
    book = openpyxl.load_workbook(io.BytesIO(exported(session, plan)))
    sheet = book.active
    assert sheet.title == "Phụ lục"
    assert {"A1:G1", "A2:G2"} <= {str(r) for r in sheet.merged_cells.ranges}
    assert DEMO_PLAN_CODE in sheet["A1"].value and sheet["A2"].value == plan.title
    assert [c.value for c in sheet[4]] == HEADER
    assert [c.value for c in sheet[5]] == [f"({n})" for n in range(1, 8)]
    section_rows = [(row[0].value, row[1].value) for row in sheet.iter_rows(min_row=6) if row[2].value is None]
    assert section_rows == [
        ("I", "CHUYỂN ĐỔI NHẬN THỨC"),
        ("II", "CƠ CHẾ, CHÍNH SÁCH"),
        ("III", "PHÁT TRIỂN HẠ TẦNG SỐ"),
        ("IV", "PHÁT TRIỂN ỨNG DỤNG, NỀN TẢNG SỐ"),
        ("V", "TẠO LẬP CƠ SỞ DỮ LIỆU"),
        ("VI", "ĐẢM BẢO AN TOÀN, AN NINH MẠNG"),
    ]
    first = sections[0][1][0]
    keys = ("number", "title", "lead", "coordinators", "time_frame", "expected_output")
    assert [c.value for c in sheet[7]][:6] == [first[key] for key in keys]
    assert sheet.max_row == 5 + len(sections) + sum(len(tasks) for _c, tasks in sections)


def test_plan_sections_lists_open_tasks_by_category_with_full_names(session, make):
    lead = make.agency("sovhttdl", name="Sở Văn hóa, Thể thao và Du lịch")
    second = make.agency("sotc", name="Sở Tài chính")
    first = make.agency("bhxh", name="Bảo hiểm xã hội tỉnh")
    plan = make.plan()
    later = make.task(plan, lead, category_code="awareness", position=2, time_frame="Quý IV/2026")
    earlier = make.task(
        plan, lead, category_code="awareness", position=1, time_frame="", due_date=date(2026, 9, 30),
        expected_output="Báo cáo",
    )  # fmt: skip
    ongoing = make.task(
        plan, lead, category_code="policy", position=3, time_frame="", due_date=None, recurrence=Recurrence.ONGOING
    )
    yearly = make.task(
        plan, lead, category_code="policy", position=4, time_frame="", due_date=date(2026, 12, 15),
        recurrence=Recurrence.YEARLY,
    )  # fmt: skip
    make.task(plan, lead, category_code="data", position=5, status=Status.CANCELLED)
    session.add_all([TaskCoordinator(task_id=later.id, agency_id=a.id) for a in (second, first)])
    session.commit()
    sections = plan_sections(session=session, plan_id=plan.id)
    assert [(c.code, [t["number"] for t in tasks]) for c, tasks in sections] == [
        ("awareness", [earlier.number, later.number]),
        ("policy", [ongoing.number, yearly.number]),
    ]
    awareness = sections[0][1]
    assert awareness[1] == {
        "number": later.number,
        "title": later.title,
        "lead": "Sở Văn hóa, Thể thao và Du lịch",
        "coordinators": "Bảo hiểm xã hội tỉnh; Sở Tài chính",
        "time_frame": "Quý IV/2026",
        "expected_output": "",
        "note": "",
    }
    assert awareness[0]["time_frame"] == "30/09/2026" and awareness[0]["expected_output"] == "Báo cáo"
    assert [t["time_frame"] for t in sections[1][1]] == ["Thường xuyên", "15/12 hàng năm"]
    # and what it wrote reads back as the same deadlines
    frames = [parse_time_frame(t["time_frame"], today=TODAY) for _c, tasks in sections for t in tasks]
    assert [(f.due_date, str(f.recurrence)) for f in frames] == [
        (date(2026, 9, 30), "once"),
        (date(2026, 12, 31), "once"),
        (None, "ongoing"),
        (date(2026, 12, 15), "yearly"),
    ]


def test_text_that_looks_like_a_formula_stays_text(session, make):
    lead = make.agency("sotc", name="Sở Tài chính")
    plan = make.plan(code="09/KH-UBND")
    common = {"category_code": "data", "time_frame": "Năm 2026"}
    make.task(plan, lead, number="1", title='=HYPERLINK("http://x.example","bấm")', **common)
    make.task(plan, lead, number="2", title="+84 đường dây nóng", expected_output="@ghi chú", **common)
    data = plan_workbook(plan=plan, sections=plan_sections(session=session, plan_id=plan.id))
    assert "<f>" not in zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    for ref in ("B7", "B8", "F8"):
        assert sheet[ref].data_type == "s" and sheet[ref].quotePrefix, ref
    found = import_back(session, data, "09/KH-UBND")
    assert found.ok and found.changed == [] and found.tasks[0].title.startswith("=HYPERLINK(")


def test_the_template_imports_as_a_one_task_plan(session):
    data = template_workbook()
    refused = import_back(session, data, "01/KH-MAU")
    assert [(p.row, p.column, p.key) for p in refused.problems] == [(7, "lead", "import.error.unknown_agency")]
    found = import_back(session, data, "01/KH-MAU", create_agencies=True)
    assert found.ok and found.unknown_agencies == {"Sở Thông tin và Truyền thông": [7]}
    assert [p.key for p in found.notices] == ["import.notice.generic"]  # "Các sở, ban, ngành"
    result = apply_import(
        session=session, actor=SYSTEM, now=NOW, preview=found, plan_code="01/KH-MAU", plan_title="Kế hoạch mẫu",
        create_agencies=True,
    )  # fmt: skip
    assert (result.created, result.agencies_created, result.plan.title) == (1, 1, "Kế hoạch mẫu")
    task = session.exec(select(Task).where(Task.plan_id == result.plan.id)).one()
    assert (task.number, task.category_code, task.time_frame) == ("1", "awareness", "Quý IV/2026")
    assert task.due_date == date(2026, 12, 31) and task.recurrence == Recurrence.ONCE
    assert session.get(Agency, task.lead_agency_id).name == "Sở Thông tin và Truyền thông"


def test_the_template_imports_without_creating_agencies_the_tracker_knows(session):
    agencies = demo_agencies(session)
    for lang in ("vi", "en"):
        found = import_back(session, template_workbook(lang), "01/KH-MAU")
        assert found.ok and len(found.tasks) == 1
        assert found.tasks[0].lead_id == agencies["sotttt"].id and found.tasks[0].category_code == "awareness"


def test_the_template_has_the_layout_and_a_guide_the_import_agrees_with():
    book = openpyxl.load_workbook(io.BytesIO(template_workbook()))
    assert book.sheetnames == ["Phụ lục", "Hướng dẫn"]
    sheet = book["Phụ lục"]
    assert [c.value for c in sheet[4]] == HEADER
    assert [c.value for c in sheet[6]][:2] == ["I", "CHUYỂN ĐỔI NHẬN THỨC"]
    example = [c.value for c in sheet[7]]
    assert example[0] == "1" and example[2:5] == ["Sở Thông tin và Truyền thông", "Các sở, ban, ngành", "Quý IV/2026"]
    assert example[1] and example[5] and example[6] in (None, "")
    cells = {c for row in book["Hướng dẫn"].iter_rows(values_only=True) for c in row if c is not None}
    # every time-frame phrase the guide lists is one the import reads, and every section name maps back
    assert {phrase for phrase, _key in GUIDE_TIME_FRAMES} <= cells
    for phrase, _key in GUIDE_TIME_FRAMES:
        parse_time_frame(phrase, today=TODAY)
    for index, (code, name_vi, _en, _color) in enumerate(CATEGORIES):
        listed = next(c for c in cells if isinstance(c, str) and c.endswith(name_vi.upper()))
        assert section_category(listed) == code, listed
        assert listed.startswith(("I", "II", "III", "IV", "V", "VI")[index] + ". ")
    for names in COLUMNS.values():
        assert "; ".join(names) in cells
    assert any(isinstance(c, type(NOW)) for c in cells)  # a real Excel date as an example
