"""The review page end to end in headless Chromium: a coordinator records a session with a conclusion,
turns the conclusion into a task, and the task is on the board; presentation mode hides the forms."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, select

from dashapp.db import ENGINE_KEY
from models.tables import Agency, Task
from tests.test_browser import browser_type_launch_args, sign_in  # noqa: F401 (a fixture, used by pytest)
from tests.test_browser_task import Live, live  # noqa: F401 (a fixture, used by pytest)

pytestmark = pytest.mark.browser
CONCLUSION = "Giao Sở Y tế hoàn thành kết nối dữ liệu tiêm chủng với nền tảng tích hợp của tỉnh"


def agency_id(served: Live, code: str) -> int:
    with Session(served.app.server.extensions[ENGINE_KEY]) as s:
        return s.exec(select(Agency.id).where(Agency.code == code)).one()


def test_a_conclusion_becomes_a_task_on_the_board(page: Page, live: Live):  # noqa: F811 (the fixture)
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, live.url, "sotttt", "/review")
    expect(page.locator("[data-figure=total]")).to_contain_text("108")
    expect(page.locator("#review-section-changes")).to_contain_text("Chưa có phiên rà soát nào trước đây")

    form = page.locator("[data-form=record-session]")
    expect(form.get_by_label("Ngày họp")).to_have_value("16/06/2026")
    form.get_by_label("Chủ trì").fill("Phó Chủ tịch UBND tỉnh, Trưởng Ban Chỉ đạo")
    form.get_by_label("Thành phần tham dự").fill("Thành viên Ban Chỉ đạo; lãnh đạo các sở, ngành")
    form.get_by_label("Kết luận").fill(CONCLUSION)
    form.get_by_role("button", name="Ghi phiên họp").click()
    expect(page.locator("#review-record-msg")).to_contain_text("Đã ghi phiên rà soát ngày 16/06/2026 với 1 kết luận.")
    session_card = page.locator(".review-session")
    expect(session_card).to_have_count(1)
    expect(session_card).to_contain_text(CONCLUSION)
    expect(session_card).to_contain_text("chưa giao nhiệm vụ")

    follow = page.locator("[data-form=follow-up]")
    choice = follow.get_by_label("Kết luận")
    expect(choice.locator("option", has_text="Giao Sở Y tế")).to_have_count(1)
    choice.select_option(index=1)  # the one conclusion (after the "Chọn…" placeholder)
    follow.get_by_label("Cơ quan chủ trì").select_option(str(agency_id(live, "soyte")))
    follow.get_by_label("Hạn hoàn thành").fill("30/09/2026")
    follow.get_by_label("Lĩnh vực").select_option("data")
    follow.get_by_role("button", name="Giao nhiệm vụ").click()
    expect(page.locator("#review-fu-msg")).to_contain_text("Đã giao nhiệm vụ số 110")
    expect(session_card.get_by_role("link", name="→ nhiệm vụ số 110")).to_be_visible()

    with Session(live.app.server.extensions[ENGINE_KEY]) as s:
        task = s.exec(select(Task).where(Task.number == "110")).one()
    # on the board, in its category and column, with the lead agency
    page.goto(f"{live.url}/?q=tiem chung")
    card = page.locator(f".task-card[data-task-id='{task.id}']")
    expect(card).to_be_visible()
    expect(card).to_have_attribute("data-agency", "soyte")
    expect(
        page.locator(f"[data-lane=data] [data-status=not_started] .task-card[data-task-id='{task.id}']")
    ).to_be_visible()
    expect(card).to_contain_text("30/09/2026")
    # and its page says where it came from
    page.goto(f"{live.url}/task/{task.id}")
    expect(page.locator("[data-field=origin]")).to_contain_text("Kết luận phiên rà soát ngày 16/06/2026")


def test_presentation_mode_hides_every_form_and_filters_redraw(page: Page, live: Live):  # noqa: F811 (the fixture)
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, live.url, "sotttt", "/review")
    expect(page.locator("[data-form=record-session]")).to_be_visible()
    page.get_by_label("Chế độ trình chiếu").check()
    expect(page.locator("#review-page")).to_have_class(re.compile("review-present"))
    expect(page.locator("[data-form=record-session]")).to_be_hidden()
    expect(page.locator("[data-form=follow-up]")).to_be_hidden()
    expect(page.locator(".app-header")).to_be_hidden()
    # the category filter redraws the figures for that category only
    page.locator("#review-category").select_option("awareness")
    expect(page.locator("[data-figure=total]")).to_have_attribute("data-value", "4")
    page.get_by_label("Chế độ trình chiếu").uncheck()
    expect(page.locator("[data-form=record-session]")).to_be_visible()


def test_an_officer_reads_the_review_without_forms(page: Page, live: Live):  # noqa: F811 (the fixture)
    sign_in(page, live.url, "soyte", "/review")
    expect(page.locator("[data-figure=total]")).to_be_visible()
    expect(page.locator("#review-overdue")).to_be_visible()
    expect(page.locator("[data-form=record-session]")).to_have_count(0)
    expect(page.locator("#review-excel")).to_have_count(0)
