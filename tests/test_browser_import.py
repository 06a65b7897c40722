"""Importing a plan in headless Chromium: upload an appendix, read the row-precise problems, map an unknown
agency, confirm, and find the imported tasks on the board."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from dashapp.db import ENGINE_KEY
from models.tables import Agency, Plan, Task
from tests.test_browser import browser_type_launch_args, sign_in  # noqa: F401 (a fixture, used by pytest)
from tests.test_browser_task import Live, live  # noqa: F401 (a fixture, used by pytest)

pytestmark = pytest.mark.browser


def appendix(path: Path) -> Path:
    """An appendix as provinces write it: a merged title, a section, tasks, a signature block."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = "PHỤ LỤC: NHIỆM VỤ CHUYỂN ĐỔI SỐ NĂM 2027"
    sheet.merge_cells("A1:F1")
    sheet.append([])
    sheet.append(["TT", "Nhiệm vụ", "Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành", "Kết quả"])
    sheet.append(["I", "Phát triển hạ tầng số"])
    sheet.append(
        [1, "Phủ sóng 5G khu trung tâm", "Sở TT&TT", "Viettel Tuyên Quang; VNPT Tuyên Quang", "Quý IV/2027", "Trạm 5G"]
    )
    sheet.append([2, "Số hóa hồ sơ lưu trữ", "Trung tâm Lưu trữ lịch sử tỉnh", "Sở Nội vụ", "Năm 2027", "Hồ sơ số"])
    sheet.append([])
    sheet.append([None, "Nơi nhận:"])
    book.save(path)
    return path


def test_upload_preview_map_and_confirm(page: Page, live: Live, tmp_path):  # noqa: F811 (the fixture)
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, live.url, "sotttt", "/admin/import")
    page.get_by_label("Số hiệu kế hoạch").fill("12/KH-UBND")
    page.get_by_label("Tên kế hoạch").fill("Kế hoạch chuyển đổi số năm 2027")
    page.set_input_files("#imp-upload input[type=file]", str(appendix(tmp_path / "phu-luc.xlsx")))
    problems = page.locator("#imp-problems")
    expect(problems).to_contain_text("Dòng 6, cột «Cơ quan chủ trì»: chưa có cơ quan «Trung tâm Lưu trữ lịch sử tỉnh»")
    expect(page.locator("#imp-confirm")).to_be_disabled()
    # map the unknown name to an existing agency: the preview is clean and the import can be confirmed
    with Session(live.app.server.extensions[ENGINE_KEY]) as s:
        sonv = s.exec(select(Agency.id).where(Agency.code == "sonv")).one()
    page.locator("#imp-unknown select").select_option(str(sonv))
    expect(page.locator("#imp-ready")).to_contain_text("Đọc được 2 nhiệm vụ, không có lỗi.")
    expect(page.locator("#imp-counts")).to_contain_text("Phát triển hạ tầng số")
    page.get_by_role("button", name="Xác nhận nhập").click()
    expect(page.locator("#imp-msg")).to_contain_text("Đã nhập kế hoạch 12/KH-UBND: thêm 2, cập nhật 0, hủy 0 nhiệm vụ")
    with Session(live.app.server.extensions[ENGINE_KEY]) as s:
        plan = s.exec(select(Plan).where(Plan.code == "12/KH-UBND")).one()
        tasks = {t.number: t for t in s.exec(select(Task).where(Task.plan_id == plan.id)).all()}
    assert tasks["2"].lead_agency_id == sonv and tasks["1"].category_code == "infrastructure"
    # the new plan is the newest: the board shows it
    page.goto(live.url + "/")
    expect(page.locator(f".task-card[data-task-id='{tasks['1'].id}']")).to_be_visible()
    expect(page.locator("#board .task-card")).to_have_count(2)


def test_an_officer_cannot_open_the_import_page(page: Page, live: Live):  # noqa: F811 (the fixture)
    sign_in(page, live.url, "soyte", "/admin/import")
    expect(page.get_by_role("alert")).to_be_visible()
    expect(page.locator("#imp-upload")).to_have_count(0)
