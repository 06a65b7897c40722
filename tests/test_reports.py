"""The Word reports: the periodic report's figures agree with the database, sessions by period, minutes, CLI."""

from __future__ import annotations

import io
import string
from datetime import date, timedelta

import docx
import openpyxl
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt
from sqlmodel import Session, select

from dashapp.exports import tasks_workbook
from dashapp.reports import minutes, period, periodic_report
from i18n import format_number
from i18n.catalogue import MESSAGES
from i18n.catalogue_reports import MESSAGES_REPORTS
from models.demo import DEMO_PLAN_CODE
from models.permissions import SYSTEM
from models.plans import ensure_categories
from models.review import (
    by_category,
    follow_up_task,
    get_session,
    headline,
    list_sessions,
    overdue_list,
    record_session,
    scorecard,
    share,
    task_frame,
)
from models.tables import Agency, Category, Plan, Recurrence, Status, Task
from models.workdays import default_calendar
from tests.conftest import NOW, TODAY
from tests.test_exports import cli, demo, expected_figures  # noqa: F401  (demo is a fixture)

MESSAGES.update(MESSAGES_REPORTS)  # merged by i18n/catalogue.py too

BUCKET_LABELS = {
    "done_on_time": "Hoàn thành đúng hạn",
    "done_late": "Hoàn thành quá hạn",
    "in_progress_on_time": "Đang thực hiện trong hạn",
    "in_progress_overdue": "Đang thực hiện quá hạn",
    "not_started": "Chưa triển khai",
}


# ------------------------------------------------------------------------------------------------ helpers
def read(data: bytes):
    return docx.Document(io.BytesIO(data))


def texts(document) -> list[str]:
    """Every paragraph of the body and of the tables' cells."""
    found = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                found += [p.text for p in cell.paragraphs]
    return found


def whole(document) -> str:
    return "\n".join(texts(document))


def table_headed(document, first: str, second: str | None = None):
    """The table whose header row starts with `first` (and `second`), as lists of cell texts."""
    for table in document.tables:
        header = [c.text for c in table.rows[0].cells]
        if header[0] == first and (second is None or header[1] == second):
            return [[c.text for c in row.cells] for row in table.rows]
    raise AssertionError(f"no table headed {first!r}")


def categories_of(session: Session) -> list[Category]:
    return list(session.exec(select(Category).order_by(Category.position)).all())


def report_of(engine, plan_id: int, *, kind="semiannual", year=2026, lang="vi", sessions=None) -> bytes:
    with Session(engine) as s:
        plan = s.get(Plan, plan_id)
        frame = task_frame(session=s, plan_id=plan_id, today=TODAY, calendar=default_calendar(), lang=lang)
        views = list_sessions(session=s, plan_id=plan_id) if sessions is None else sessions
        return periodic_report(
            plan=plan, kind=kind, year=year, today=TODAY, frame=frame, categories=categories_of(s),
            sessions=views, lang=lang,
        )  # fmt: skip


def record(engine, plan_id: int, held_on: date, conclusions: list[str], **kw):
    with Session(engine, expire_on_commit=False) as s:
        return record_session(
            session=s, actor=SYSTEM, now=NOW, calendar=default_calendar(), plan_id=plan_id, held_on=held_on,
            chair=kw.pop("chair", "Phó Chủ tịch UBND tỉnh Nguyễn Văn An"), conclusions=conclusions, **kw,
        )  # fmt: skip


# ------------------------------------------------------------------------------------------------- period
def test_period():
    assert period("semiannual", 2026) == (date(2026, 1, 1), date(2026, 6, 30))
    assert period("annual", 2025) == (date(2025, 1, 1), date(2025, 12, 15))
    for kind in ("quarterly", "", "Annual"):
        with pytest.raises(ValueError):
            period(kind, 2026)


# --------------------------------------------------------------------------------------- periodic report
def test_report_figures_agree_with_the_database(demo):  # noqa: F811
    expected = expected_figures(demo.engine, demo.plan_id)
    counts = expected["counts"]
    with Session(demo.engine) as s:
        frame = task_frame(session=s, plan_id=demo.plan_id, today=TODAY, calendar=default_calendar())
        categories = categories_of(s)
    figures = headline(frame)
    document = read(report_of(demo.engine, demo.plan_id))

    summary = table_headed(document, "Chỉ tiêu", "Số nhiệm vụ")
    assert summary[0] == ["Chỉ tiêu", "Số nhiệm vụ", "Tỷ lệ (%)"]
    rows = {r[0]: (r[1], r[2]) for r in summary[1:]}
    assert list(rows) == ["Tổng số", *BUCKET_LABELS.values()]
    assert rows["Tổng số"] == (format_number(counts["total"]), "100") == ("108", "100")
    for key, label in BUCKET_LABELS.items():
        assert rows[label][0] == format_number(counts[key]) == format_number(figures[key]), key
        assert rows[label][1] == format_number(share(counts[key], counts["total"])), key
    assert rows["Hoàn thành đúng hạn"][1] == "27,8"  # 30 of 108, Vietnamese decimal comma
    detail = (
        f"Trong số nhiệm vụ chưa triển khai có {counts['not_started_overdue']} nhiệm vụ đã quá hạn; "
        f"tổng số nhiệm vụ đang quá hạn (chưa hoàn thành) là {counts['overdue_open']}."
    )
    assert detail in texts(document)
    assert f"Không tính {counts['cancelled']} nhiệm vụ đã hủy." in texts(document)

    per_category = table_headed(document, "STT", "Lĩnh vực")
    assert per_category[0][2:] == ["Tổng số", *BUCKET_LABELS.values()]
    names = {c.name_vi: c.code for c in categories}
    body = per_category[1:-1]
    assert [r[1] for r in body] == [c.name_vi for c in categories]
    computed = by_category(frame, categories).set_index("category_code")
    for row in body:
        code = names[row[1]]
        assert int(row[2]) == expected["by_category"][code]["total"] == computed.at[code, "total"], code
        for index, key in enumerate(BUCKET_LABELS, start=3):
            assert int(row[index]) == expected["by_category"][code][key] == computed.at[code, key], (code, key)
    assert per_category[-1][1] == "Tổng cộng" and int(per_category[-1][2]) == counts["total"]

    overdue = table_headed(document, "Số", "Nội dung")
    assert overdue[0] == ["Số", "Nội dung", "Cơ quan chủ trì", "Hạn", "Số ngày quá hạn", "Số lần nhắc"]
    assert len(overdue) - 1 == len(overdue_list(frame)) == len(expected["overdue"]) == counts["overdue_open"] > 0
    assert {r[0] for r in overdue[1:]} == expected["overdue"]
    days = [int(r[4]) for r in overdue[1:]]
    assert days == sorted(days, reverse=True)  # longest overdue first

    card = table_headed(document, "Hạng", "Cơ quan")
    assert card[0] == [
        "Hạng", "Cơ quan", "Số nhiệm vụ chủ trì", "Hoàn thành đúng hạn", "Tỷ lệ đúng hạn (%)",
        "Quá hạn hiện nay", "Số ngày trễ bình quân",
    ]  # fmt: skip
    assert len(card) - 1 == len(scorecard(frame)) == expected["leads"] > 0
    assert [r[0] for r in card[1:]] == [str(n) for n in range(1, len(card))]
    assert sum(int(r[2]) for r in card[1:]) == counts["total"]
    assert sum(int(r[5]) for r in card[1:]) == counts["overdue_open"]
    assert [r[1] for r in card[1:]] == list(scorecard(frame)["lead_agency"])


def test_report_layout_and_title_block(demo):  # noqa: F811
    document = read(report_of(demo.engine, demo.plan_id))
    lines = texts(document)
    block = [c.text for c in document.tables[0].rows[0].cells]
    assert block[0].split("\n") == ["UBND TỈNH TUYÊN QUANG", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "———", "Số: …/BC-STTTT"]
    right = block[1].split("\n")
    assert right[:2] == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    assert right[-1] == "Tuyên Quang, ngày 16 tháng 6 năm 2026"
    motto = document.tables[0].rows[0].cells[1].paragraphs[1].runs[0]
    assert motto.bold and motto.underline
    borders = document.tables[0]._tbl.tblPr.find(qn("w:tblBorders"))
    assert borders is not None and {b.get(qn("w:val")) for b in borders} == {"nil"}  # borderless
    assert "BÁO CÁO" in lines
    assert "Kết quả thực hiện Kế hoạch số 55/KH-UBND 6 tháng đầu năm 2026" in lines
    assert "Kỳ báo cáo: từ 01/01/2026 đến 30/06/2026; số liệu tính đến ngày 16/06/2026." in lines
    for heading in ("I. TỔNG HỢP", "II. KẾT QUẢ THEO LĨNH VỰC", "III. CÁC NHIỆM VỤ QUÁ HẠN", "IV. ", "V. KẾT LUẬN"):
        assert any(line.startswith(heading) for line in lines), heading
    assert "Nơi nhận:" in lines and "GIÁM ĐỐC" in lines
    section = document.sections[0]
    sizes = (section.page_width, section.page_height, section.left_margin, section.top_margin, section.right_margin)
    assert [round(x.cm, 2) for x in sizes] == [21, 29.7, 3, 2, 2]  # A4, 3 cm on the left, 2 cm elsewhere
    normal = document.styles["Normal"].font
    assert normal.name == "Times New Roman" and normal.size == Pt(13)
    annual = texts(read(report_of(demo.engine, demo.plan_id, kind="annual", year=2026)))
    assert "Kết quả thực hiện Kế hoạch số 55/KH-UBND năm 2026" in annual
    assert "Kỳ báo cáo: từ 01/01/2026 đến 15/12/2026; số liệu tính đến ngày 16/06/2026." in annual


def test_empty_parts_say_so_in_words(session):
    ensure_categories(session=session)
    agency = Agency(code="cq", name="Cơ quan thử", short_name="CQ")
    quiet = Plan(code="01/KH-YEN", title="Kế hoạch không có gì quá hạn", province="Hà Giang", created_at=NOW)
    empty = Plan(code="02/KH-TRONG", title="Kế hoạch trống", created_at=NOW)
    session.add_all([agency, quiet, empty])
    session.commit()
    session.add(
        Task(
            plan_id=quiet.id, number="1", title="Việc còn hạn", category_code="data", lead_agency_id=agency.id,
            due_date=TODAY + timedelta(days=60), recurrence=Recurrence.ONCE, status=Status.IN_PROGRESS,
            created_at=NOW, updated_at=NOW,
        )
    )  # fmt: skip
    session.commit()
    engine = session.get_bind()
    quiet_report = whole(read(report_of(engine, quiet.id)))
    assert "Không có nhiệm vụ quá hạn." in quiet_report
    assert "Không có phiên rà soát nào trong kỳ báo cáo." in quiet_report
    assert "UBND TỈNH HÀ GIANG" in quiet_report and "Hà Giang, ngày 16 tháng 6 năm 2026" in quiet_report
    assert "Không tính" not in quiet_report  # nothing cancelled, nothing to say
    empty_document = read(report_of(engine, empty.id))
    empty_report = whole(empty_document)
    assert "Kế hoạch chưa có nhiệm vụ nào." in empty_report
    assert "Chưa có cơ quan chủ trì nào có nhiệm vụ để đánh giá." in empty_report
    assert "Không có nhiệm vụ quá hạn." in empty_report
    assert table_headed(empty_document, "Chỉ tiêu")[1] == ["Tổng số", "0", "0"]


def test_user_text_goes_in_as_text(session):
    ensure_categories(session=session)
    agency = Agency(code="cq", name="Cơ quan <w:t>", short_name="CQ & <b>")
    plan = Plan(code="03/KH-X", title='Kế hoạch <b>&amp;</b> "đặc biệt"\x01', created_at=NOW)
    session.add_all([agency, plan])
    session.commit()
    session.add(
        Task(
            plan_id=plan.id, number="1", title="Việc </w:t><w:t>chèn\x02", category_code="data",
            lead_agency_id=agency.id, due_date=TODAY - timedelta(days=10), recurrence=Recurrence.ONCE,
            status=Status.IN_PROGRESS, created_at=NOW, updated_at=NOW,
        )
    )  # fmt: skip
    session.commit()
    report = whole(read(report_of(session.get_bind(), plan.id)))
    assert 'Kế hoạch <b>&amp;</b> "đặc biệt"' in report and "\x01" not in report
    assert "Việc </w:t><w:t>chèn" in report and "\x02" not in report
    assert "CQ & <b>" in report


# --------------------------------------------------------------------------------------------- sessions
@pytest.fixture
def sessions(demo):  # noqa: F811
    """Three sessions: 10/06/2026 (first half of 2026), 10/12/2025 (the 2025 report), 20/12/2025 (neither)."""
    with Session(demo.engine) as s:
        before = headline(task_frame(session=s, plan_id=demo.plan_id, today=TODAY, calendar=default_calendar()))
    june = record(
        demo.engine, demo.plan_id, date(2026, 6, 10),
        ["Sở Y tế hoàn thành bệnh án điện tử trong quý III", "Các sở báo cáo tiến độ hằng tháng"],
        attendees="Sở Thông tin và Truyền thông\nSở Y tế", notes="Rà soát 6 tháng đầu năm.",
    )  # fmt: skip
    december = record(demo.engine, demo.plan_id, date(2025, 12, 10), ["Đẩy nhanh số hóa hồ sơ đất đai"])
    late = record(demo.engine, demo.plan_id, date(2025, 12, 20), ["Kết luận sau hạn báo cáo năm"], chair="Chủ tịch")
    with Session(demo.engine) as s:
        first = get_session(session=s, session_id=june.id).conclusions[0][0]
        agency_id = s.exec(select(Agency.id).where(Agency.code == "soyte")).one()
        task = follow_up_task(
            session=s, actor=SYSTEM, now=NOW, conclusion_id=first.id, lead_agency_id=agency_id,
            due_date=date(2026, 9, 30), category_code="platforms",
        )  # fmt: skip
    return {"june": june, "december": december, "late": late, "task": task, "before": before}


def test_sessions_of_the_period_are_in_section_five(demo, sessions):  # noqa: F811
    assert sessions["task"].number == "110"
    first_half = texts(read(report_of(demo.engine, demo.plan_id)))
    assert "Phiên rà soát ngày 10/06/2026, chủ trì: Phó Chủ tịch UBND tỉnh Nguyễn Văn An" in first_half
    assert "1. Sở Y tế hoàn thành bệnh án điện tử trong quý III → giao nhiệm vụ số 110" in first_half
    assert "2. Các sở báo cáo tiến độ hằng tháng" in first_half
    assert not any("10/12/2025" in line or "20/12/2025" in line for line in first_half)
    assert not any("Đẩy nhanh số hóa" in line or "sau hạn báo cáo" in line for line in first_half)
    assert "Không có phiên rà soát nào trong kỳ báo cáo." not in first_half
    year_2025 = texts(read(report_of(demo.engine, demo.plan_id, kind="annual", year=2025)))
    assert "Phiên rà soát ngày 10/12/2025, chủ trì: Phó Chủ tịch UBND tỉnh Nguyễn Văn An" in year_2025
    assert "1. Đẩy nhanh số hóa hồ sơ đất đai" in year_2025
    assert not any("20/12/2025" in line or "sau hạn báo cáo" in line for line in year_2025)  # after 15/12
    assert not any("10/06/2026" in line for line in year_2025)
    # the follow-up task is counted: 109 live tasks now, one more not started
    summary = table_headed(read(report_of(demo.engine, demo.plan_id)), "Chỉ tiêu")
    assert summary[1][:2] == ["Tổng số", "109"]
    assert summary[6][:2] == ["Chưa triển khai", format_number(sessions["before"]["not_started"] + 1)]


def test_minutes_of_a_session(demo, sessions):  # noqa: F811
    with Session(demo.engine) as s:
        plan = s.get(Plan, demo.plan_id)
        view = get_session(session=s, session_id=sessions["june"].id)
        document = read(minutes(plan=plan, view=view))
    lines = texts(document)
    assert "BIÊN BẢN PHIÊN HỌP RÀ SOÁT" in lines
    assert "Tình hình thực hiện Kế hoạch số 55/KH-UBND" in lines
    assert "Thời gian: ngày 10/06/2026." in lines
    assert "Chủ trì: Phó Chủ tịch UBND tỉnh Nguyễn Văn An." in lines
    assert "Sở Thông tin và Truyền thông" in lines and "Sở Y tế" in lines
    assert "Rà soát 6 tháng đầu năm." in lines
    assert "Số liệu tại thời điểm rà soát (tính đến ngày 16/06/2026):" in lines
    assert "1. Sở Y tế hoàn thành bệnh án điện tử trong quý III → giao nhiệm vụ số 110" in lines
    assert "2. Các sở báo cáo tiến độ hằng tháng" in lines
    assert "Tuyên Quang, ngày 10 tháng 6 năm 2026" in lines and "Số: …/BB-STTTT" in lines
    figures = {r[0]: r[1:] for r in table_headed(document, "Chỉ tiêu")[1:]}
    before, snapshot = sessions["before"], view.review.snapshot
    assert figures["Tổng số"] == [format_number(before["total"]), "100"] == [str(snapshot["total"]), "100"]
    for key, label in BUCKET_LABELS.items():
        assert figures[label] == [
            format_number(before[key]),
            format_number(share(before[key], before["total"])),
        ], key
        assert before[key] == snapshot[key]
    assert figures["Nhiệm vụ đang quá hạn (chưa hoàn thành)"][0] == format_number(before["overdue_open"])
    with Session(demo.engine) as s:
        other = read(
            minutes(plan=s.get(Plan, demo.plan_id), view=get_session(session=s, session_id=sessions["late"].id))
        )
    other_lines = texts(other)
    assert "Chủ trì: Chủ tịch." in other_lines and "Không ghi nhận." in other_lines
    assert "1. Kết luận sau hạn báo cáo năm" in other_lines and not any("giao nhiệm vụ" in x for x in other_lines)


# ---------------------------------------------------------------------------------------------- English
def test_english_labels(demo, sessions):  # noqa: F811
    report = read(report_of(demo.engine, demo.plan_id, lang="en"))
    lines = texts(report)
    assert "REPORT" in lines and "Implementation of Plan 55/KH-UBND in the first half of 2026" in lines
    assert "Reporting period: from 01/01/2026 to 30/06/2026; figures as of 16/06/2026." in lines
    summary = table_headed(report, "Figure", "Tasks")
    assert summary[0] == ["Figure", "Tasks", "Share (%)"]
    assert [r[0] for r in summary[1:]] == [
        "Total", "Done on time", "Done late", "In progress, on time", "In progress, overdue", "Not started",
    ]  # fmt: skip
    with Session(demo.engine) as s:
        frame = task_frame(session=s, plan_id=demo.plan_id, today=TODAY, calendar=default_calendar(), lang="en")
        names = [c.name_en for c in categories_of(s)]
    figures = headline(frame)
    assert summary[2][2] == format_number(share(figures["done_on_time"], figures["total"]), "en")
    assert "." in summary[2][2] and "," not in summary[2][2]
    assert [r[1] for r in table_headed(report, "No.", "Area")[1:-1]] == names
    assert table_headed(report, "Rank", "Agency")[0][2] == "Tasks led"
    assert "1. Sở Y tế hoàn thành bệnh án điện tử trong quý III → assigned as task 110" in lines
    assert "BÁO CÁO" not in lines and "Chỉ tiêu" not in lines
    with Session(demo.engine) as s:
        view = get_session(session=s, session_id=sessions["june"].id)
        english = texts(read(minutes(plan=s.get(Plan, demo.plan_id), view=view, lang="en")))
    assert "MINUTES OF THE REVIEW SESSION" in english and "Held on: 10/06/2026." in english


# ---------------------------------------------------------------------------------------------- command
def test_report_command_end_to_end(demo, sessions, tmp_path, capsys):  # noqa: F811
    out = tmp_path / "bao-cao.docx"
    capsys.readouterr()
    code = cli(demo.settings, ["report", "--kind", "semiannual", "--year", "2026", "--out", str(out)])
    assert code == 0
    assert str(out) in capsys.readouterr().out
    document = read(out.read_bytes())
    lines = texts(document)
    assert "Kết quả thực hiện Kế hoạch số 55/KH-UBND 6 tháng đầu năm 2026" in lines
    assert table_headed(document, "Chỉ tiêu")[1][:2] == ["Tổng số", "109"]
    assert "1. Sở Y tế hoàn thành bệnh án điện tử trong quý III → giao nhiệm vụ số 110" in lines
    assert not any("Đẩy nhanh số hóa" in line for line in lines)
    annual = tmp_path / "nam-2025.docx"
    assert cli(demo.settings, ["report", "--kind", "annual", "--year", "2025", "--out", str(annual),
                               "--plan", DEMO_PLAN_CODE]) == 0  # fmt: skip
    annual_lines = texts(read(annual.read_bytes()))
    assert "1. Đẩy nhanh số hóa hồ sơ đất đai" in annual_lines
    assert not any("sau hạn báo cáo" in line for line in annual_lines)


def test_report_command_refuses_bad_input(demo, tmp_path, capsys):  # noqa: F811
    out = tmp_path / "x.docx"
    argv = ["report", "--kind", "annual", "--year", "2026", "--out", str(out)]
    assert cli(demo.settings, [*argv, "--plan", "99/KH-KHONGCO"]) == 2
    assert "không có kế hoạch số «99/KH-KHONGCO»" in capsys.readouterr().err and not out.exists()
    missing = tmp_path / "khong-co" / "x.docx"
    assert cli(demo.settings, ["report", "--kind", "annual", "--year", "2026", "--out", str(missing)]) == 2
    assert "không ghi được tệp" in capsys.readouterr().err
    for bad in (["--kind", "quarterly", "--year", "2026"], ["--kind", "annual", "--year", "26"]):
        with pytest.raises(SystemExit) as refused:
            cli(demo.settings, ["report", *bad, "--out", str(out)])
        assert refused.value.code == 2
    assert "năm phải là số có bốn chữ số" in capsys.readouterr().err


# ---------------------------------------------------------------------------------------------- catalogue
def test_catalogue_entries_have_both_languages_with_the_same_placeholders():
    def names(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    assert len(MESSAGES_REPORTS) > 50
    for key, entry in MESSAGES_REPORTS.items():
        assert key.startswith(("report.", "export.")), key
        assert entry.get("vi", "").strip() and entry.get("en", "").strip(), key
        assert names(entry["vi"]) == names(entry["en"]), key


def test_no_label_is_missing_from_the_catalogue(demo, sessions):  # noqa: F811
    """A key missing from the catalogue would come out as the key itself ("report.…")."""
    found: list[str] = []
    with Session(demo.engine) as s:
        plan = s.get(Plan, demo.plan_id)
        view = get_session(session=s, session_id=sessions["june"].id)
        for lang in ("vi", "en"):
            frame = task_frame(session=s, plan_id=demo.plan_id, today=TODAY, calendar=default_calendar(), lang=lang)
            for kind in ("semiannual", "annual"):
                found += texts(read(report_of(demo.engine, demo.plan_id, kind=kind, lang=lang)))
            found += texts(read(minutes(plan=plan, view=view, lang=lang)))
            book = openpyxl.load_workbook(io.BytesIO(tasks_workbook(frame, plan=plan, today=TODAY, lang=lang)))
            found += [str(c.value) for sheet in book for row in sheet.iter_rows() for c in row if c.value]
    assert len(found) > 1000
    assert not [line for line in found if "report." in line or "export." in line or "status." in line]
