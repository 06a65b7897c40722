"""The plan commands of the command line (import-plan, export-plan, plan-template), run as an operator runs them."""

from __future__ import annotations

import io
import json

import openpyxl
from sqlmodel import Session, select

from i18n.catalogue import MESSAGES
from i18n.catalogue_plan_export import MESSAGES_PLAN_EXPORT

MESSAGES.update(MESSAGES_PLAN_EXPORT)

from models.database import make_engine  # noqa: E402
from models.demo import DEMO_PLAN_CODE, seed_demo  # noqa: E402
from models.tables import Agency, Plan, Status, Task  # noqa: E402
from tests.conftest import NOW  # noqa: E402
from tests.test_cli import run_cli  # noqa: E402
from tests.test_plan_import import (  # noqa: E402
    PROVINCE,
    demo_agencies,
    province_appendix,
    simple_appendix,
    table_counts,
)


def in_db(db_url: str, work):
    """Run `work(session)` on the test database and return what it returns."""
    engine = make_engine(db_url)
    try:
        with Session(engine, expire_on_commit=False) as session:
            return work(session)
    finally:
        engine.dispose()


def counts(db_url: str) -> dict[str, int]:
    return in_db(db_url, table_counts)


def plan_tasks(db_url: str, code: str) -> dict[str, Task]:
    def work(session):
        plan = session.exec(select(Plan).where(Plan.code == code)).first()
        if plan is None:
            return {}
        return {t.number: t for t in session.exec(select(Task).where(Task.plan_id == plan.id)).all()}

    return in_db(db_url, work)


def write(tmp_path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


BAD_ROWS = [
    ("I", "Chuyển đổi nhận thức"),
    ("1", "Tập huấn kỹ năng số", "Sở Khoa học và Công nghệ", "Sở Nội vụ", "Năm 2026"),
    ("2", "Khảo sát", "Sở Y tế", "", "Quý V/2026"),
    ("3", "Đánh giá", "Sở Y tế", "", "Quý II/2026"),
]


def test_each_plan_command_has_help(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    for command, option in (("import-plan", "--plan-code"), ("export-plan", "--plan"), ("plan-template", "FILE.xlsx")):
        result = run_cli([command, "--help"], url, tmp_path)
        assert result.returncode == 0 and "usage" in result.stdout and option in result.stdout, command
    missing = run_cli(["import-plan", "x.xlsx"], url, tmp_path)
    assert missing.returncode == 2 and "--plan-code" in missing.stderr


def test_import_plan_dry_run_writes_nothing_then_imports_then_updates(db_url, tmp_path):
    in_db(db_url, demo_agencies)
    data, _rows = province_appendix()
    path = write(tmp_path, "phu-luc.xlsx", data)
    before = counts(db_url)
    dry = run_cli(["import-plan", path, "--plan-code", "12/KH-UBND", "--dry-run"], db_url, tmp_path)
    assert dry.returncode == 0, dry.stderr
    assert "Đọc được 16 nhiệm vụ." in dry.stdout
    for line in ("Chuyển đổi nhận thức: 2 nhiệm vụ", "Phát triển ứng dụng, nền tảng số: 6 nhiệm vụ", "Chạy thử"):
        assert line in dry.stdout
    assert "Dòng 18, cột «Cơ quan phối hợp»: «UBND các huyện, thành phố» là cách gọi chung" in dry.stdout
    assert counts(db_url) == before

    done = run_cli(
        ["import-plan", path, "--plan-code", "12/KH-UBND", "--plan-title", "Kế hoạch chuyển đổi số 2022"],
        db_url,
        tmp_path,
    )
    assert done.returncode == 0, done.stderr
    assert "Đã nhập kế hoạch 12/KH-UBND: thêm 16, cập nhật 0, hủy 0 nhiệm vụ; tạo 0 cơ quan mới." in done.stdout
    tasks = plan_tasks(db_url, "12/KH-UBND")
    assert len(tasks) == 16 and tasks["11"].recurrence == "ongoing"

    revised = [e for e in PROVINCE if e[:2] != ("task", "6")]
    revised = [(*e[:2], "Tiêu đề mới", *e[3:]) if e[:2] == ("task", "3") else e for e in revised]
    revised_path = write(tmp_path, "sua.xlsx", province_appendix(revised)[0])
    again = run_cli(["import-plan", revised_path, "--plan-code", "12/KH-UBND", "--json"], db_url, tmp_path)
    assert again.returncode == 0, again.stderr
    summary = json.loads(again.stdout)
    assert summary["imported"] is True and summary["update"] is True
    assert (summary["created"], summary["updated"], summary["cancelled"], summary["agencies_created"]) == (0, 1, 1, 0)
    assert (summary["added"], summary["changed"], summary["removed"]) == ([], ["3"], ["6"])
    tasks = plan_tasks(db_url, "12/KH-UBND")
    assert tasks["3"].title == "Tiêu đề mới" and tasks["6"].status == Status.CANCELLED


def test_import_plan_lists_the_problems_and_writes_nothing(db_url, tmp_path):
    in_db(db_url, demo_agencies)
    path = write(tmp_path, "loi.xlsx", simple_appendix(BAD_ROWS))
    before = counts(db_url)
    result = run_cli(["import-plan", path, "--plan-code", "12/KH-UBND", "--json"], db_url, tmp_path)
    assert result.returncode == 1
    summary = json.loads(result.stdout)
    assert summary["ok"] is False and summary["imported"] is False and summary["created"] == 0
    assert summary["tasks"] == 1 and summary["by_category"] == {"awareness": 1} and summary["header_row"] == 3
    assert [(e["row"], e["column"]) for e in summary["errors"]] == [(5, "lead"), (6, "time_frame")]
    assert summary["errors"][1]["message"].startswith("Dòng 6, cột «Thời gian thực hiện»: không hiểu thời gian")
    assert summary["unknown_agencies"] == [{"name": "Sở Khoa học và Công nghệ", "rows": [5]}]
    assert counts(db_url) == before

    human = run_cli(["import-plan", path, "--plan-code", "12/KH-UBND", "--dry-run"], db_url, tmp_path)
    assert human.returncode == 1
    assert "2 lỗi cần sửa:" in human.stdout and "«Sở Khoa học và Công nghệ» (dòng 5)" in human.stdout
    assert "Dòng 5, cột «Cơ quan chủ trì»: chưa có cơ quan «Sở Khoa học và Công nghệ»" in human.stdout
    assert "Chưa nhập được: tệp còn 2 lỗi" in human.stderr
    assert counts(db_url) == before


def test_import_plan_creates_unknown_agencies_when_asked(db_url, tmp_path):
    in_db(db_url, demo_agencies)
    rows = [BAD_ROWS[0], BAD_ROWS[1], BAD_ROWS[3]]
    path = write(tmp_path, "moi.xlsx", simple_appendix(rows))
    result = run_cli(["import-plan", path, "--plan-code", "13/KH-UBND", "--create-agencies"], db_url, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "(sẽ được tạo mới):" in result.stdout and "tạo 1 cơ quan mới" in result.stdout
    lead = plan_tasks(db_url, "13/KH-UBND")["1"].lead_agency_id
    assert in_db(db_url, lambda s: s.get(Agency, lead).name) == "Sở Khoa học và Công nghệ"


def test_import_plan_refuses_files_it_cannot_read(db_url, tmp_path):
    before = counts(db_url)
    xls = write(tmp_path, "phu-luc.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    result = run_cli(["import-plan", xls, "--plan-code", "12/KH-UBND"], db_url, tmp_path)
    assert result.returncode == 2 and "Excel 97-2003 (.xls)" in result.stderr
    as_json = run_cli(["import-plan", xls, "--plan-code", "12/KH-UBND", "--json"], db_url, tmp_path)
    assert as_json.returncode == 2 and "Excel 97-2003" in json.loads(as_json.stdout)["error"]
    csv = write(tmp_path, "phu-luc.xlsx", "STT,Nội dung\n1,Tập huấn\n".encode())
    renamed = run_cli(["import-plan", csv, "--plan-code", "12/KH-UBND"], db_url, tmp_path)
    assert renamed.returncode == 2 and "«phu-luc.xlsx» không phải tệp Excel .xlsx" in renamed.stderr
    missing = run_cli(["import-plan", str(tmp_path / "khong-co.xlsx"), "--plan-code", "X"], db_url, tmp_path)
    assert missing.returncode == 2 and "không đọc được tệp" in missing.stderr
    no_code = run_cli(["import-plan", csv, "--plan-code", "  "], db_url, tmp_path)
    assert no_code.returncode == 2 and "số hiệu kế hoạch" in no_code.stderr
    assert counts(db_url) == before


def test_export_plan_writes_the_appendix_that_imports_back_unchanged(db_url, tmp_path):
    in_db(db_url, lambda s: seed_demo(session=s, now=NOW))
    out = str(tmp_path / "phu-luc-55.xlsx")
    result = run_cli(["export-plan", out, "--plan", DEMO_PLAN_CODE], db_url, tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"Đã xuất 108 nhiệm vụ (6 lĩnh vực) của kế hoạch {DEMO_PLAN_CODE}" in result.stdout
    sheet = openpyxl.load_workbook(out).active
    assert sheet["A4"].value == "STT" and sheet["B6"].value == "CHUYỂN ĐỔI NHẬN THỨC"
    before = counts(db_url)
    again = run_cli(["import-plan", out, "--plan-code", DEMO_PLAN_CODE, "--json"], db_url, tmp_path)
    assert again.returncode == 0, again.stderr
    summary = json.loads(again.stdout)
    assert summary["errors"] == [] and summary["tasks"] == 108
    assert (summary["added"], summary["changed"], summary["removed"]) == ([], [], [])
    assert (summary["imported"], summary["created"], summary["updated"], summary["cancelled"]) == (True, 0, 0, 0)
    assert counts(db_url) == {**before, "auditlog": before["auditlog"] + 1}
    unknown = run_cli(["export-plan", out, "--plan", "99/KH-KHONGCO"], db_url, tmp_path)
    assert unknown.returncode == 2 and "không có kế hoạch số «99/KH-KHONGCO»" in unknown.stderr


def test_plan_template_writes_a_template_that_imports(db_url, tmp_path):
    out = str(tmp_path / "mau.xlsx")
    result = run_cli(["plan-template", out], db_url, tmp_path)
    assert result.returncode == 0 and out in result.stdout
    book = openpyxl.load_workbook(io.BytesIO((tmp_path / "mau.xlsx").read_bytes()))
    assert book.sheetnames == ["Phụ lục", "Hướng dẫn"] and book.active["E7"].value == "Quý IV/2026"
    refused = run_cli(["import-plan", out, "--plan-code", "01/KH-MAU", "--dry-run"], db_url, tmp_path)
    assert refused.returncode == 1 and "«Sở Thông tin và Truyền thông» (dòng 7)" in refused.stdout
    done = run_cli(["import-plan", out, "--plan-code", "01/KH-MAU", "--create-agencies", "--json"], db_url, tmp_path)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert (summary["created"], summary["agencies_created"], summary["by_category"]) == (1, 1, {"awareness": 1})
    assert list(plan_tasks(db_url, "01/KH-MAU")) == ["1"]
