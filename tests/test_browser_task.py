"""The task detail page end to end in headless Chromium: progress with evidence, a refused link that
keeps the typed text, an extension asked for and approved, and a comment that stays text."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from dash import Dash
from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session, select
from werkzeug.serving import make_server

from dashapp.db import ENGINE_KEY
from i18n import format_date
from models.tables import Task
from tests.test_browser import browser_type_launch_args, sign_in  # noqa: F401 (a fixture, used by pytest)
from tests.web import seeded_app

pytestmark = pytest.mark.browser
SOYTE_TASK = "47"  # led by Sở Y tế, in progress


@dataclass(frozen=True)
class Live:
    """The served tracker: its address and the app (to look rows up)."""

    url: str
    app: Dash

    def task(self, number: str) -> Task:
        with Session(self.app.server.extensions[ENGINE_KEY]) as s:
            return s.exec(select(Task).where(Task.number == number)).one()

    def task_path(self, number: str) -> str:
        return f"/task/{self.task(number).id}"


@pytest.fixture
def live(tmp_path) -> Iterator[Live]:
    """The tracker with the sample plan and demo accounts on a free loopback port, for this test only."""
    app = seeded_app(f"sqlite:///{tmp_path / 'tracker.db'}", tmp_path / "instance")
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Live(f"http://127.0.0.1:{server.server_port}", app)
    server.shutdown()


@pytest.fixture
def dialogs(page: Page) -> list[str]:
    """Every JavaScript dialog the page opens (there must be none), dismissed."""
    opened: list[str] = []

    def record(dialog) -> None:
        opened.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", record)
    return opened


def open_task(page: Page, live: Live, username: str, number: str = SOYTE_TASK) -> None:
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, live.url, username, live.task_path(number))
    expect(page.locator(".task-page")).to_be_visible()


def test_progress_with_evidence_then_a_refused_link_keeps_the_note(page: Page, live: Live, dialogs):
    open_task(page, live, "soyte")
    form = page.locator("[data-form=progress]")
    form.get_by_label("Tiến độ").fill("75")
    form.get_by_label("Nội dung báo cáo").fill("Đã triển khai tại 5/7 trung tâm y tế")
    form.get_by_label("Đường dẫn minh chứng").fill("https://dx.tuyenquang.example/minh-chung.pdf")
    form.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.locator("#task-progress-msg")).to_contain_text("Đã ghi nhận báo cáo tiến độ")
    expect(page.locator("#task-heading [data-field=progress]")).to_have_text("75%")
    evidence = page.locator("#task-reports a[href='https://dx.tuyenquang.example/minh-chung.pdf']")
    expect(evidence).to_be_visible()
    expect(evidence).to_have_attribute("rel", "noopener noreferrer nofollow")
    expect(page.locator("#task-reports")).to_contain_text("Đã triển khai tại 5/7 trung tâm y tế")
    expect(page.locator("#task-history")).to_contain_text("Tiến độ: 35% → 75%")
    expect(form.get_by_label("Nội dung báo cáo")).to_have_value("")  # cleared after success

    form.get_by_label("Tiến độ").fill("80")
    form.get_by_label("Nội dung báo cáo").fill("Ghi chú không được mất")
    form.get_by_label("Đường dẫn minh chứng").fill("javascript:alert(1)")
    form.get_by_role("button", name="Gửi báo cáo").click()
    expect(page.locator("#task-progress-msg")).to_have_text("Đường dẫn phải bắt đầu bằng http:// hoặc https://.")
    expect(form.get_by_label("Nội dung báo cáo")).to_have_value("Ghi chú không được mất")
    expect(form.get_by_label("Đường dẫn minh chứng")).to_have_value("javascript:alert(1)")
    expect(page.locator("#task-heading [data-field=progress]")).to_have_text("75%")
    expect(page.locator("a[href^='javascript']")).to_have_count(0)
    assert live.task(SOYTE_TASK).progress == 75
    assert dialogs == []


def test_the_agency_asks_for_an_extension_and_the_coordinator_approves(page: Page, browser: Browser, live: Live):
    task = live.task(SOYTE_TASK)
    open_task(page, live, "soyte")
    form = page.locator("[data-form=extension-request]")
    expect(form).to_contain_text(f"Hạn hiện tại: {format_date(task.due_date)}")
    form.get_by_label("Gia hạn đến ngày").fill("30/06/2028")
    form.get_by_label("Lý do đề nghị gia hạn").fill("Chờ phân bổ vốn đợt 2")
    form.get_by_role("button", name="Gửi đề nghị gia hạn").click()
    expect(page.locator("#task-extreq-msg")).to_contain_text("Đã gửi đề nghị gia hạn đến 30/06/2028")
    expect(page.locator("[data-form=extension-pending]")).to_contain_text("đang chờ Sở TT&TT xét duyệt")
    expect(page.locator("#task-extensions [data-extension-status=pending]")).to_contain_text("Chờ phân bổ vốn đợt 2")

    context = browser.new_context(viewport={"width": 1366, "height": 768})
    try:
        coordinator = context.new_page()
        sign_in(coordinator, live.url, "sotttt", live.task_path(SOYTE_TASK))
        decide = coordinator.locator("[data-form=extension-decide]")
        expect(decide).to_contain_text("đến 30/06/2028")
        decide.get_by_label("Ý kiến xét duyệt").fill("Đồng ý gia hạn một lần")
        decide.get_by_role("button", name="Chấp thuận gia hạn").click()
        expect(coordinator.locator("#task-decide-msg")).to_contain_text("Đã chấp thuận")
        due = coordinator.locator("#task-facts [data-field=due_date]")
        expect(due).to_contain_text("30/06/2028")
        expect(due).to_contain_text(f"hạn ban đầu: {format_date(task.original_due_date)}")
        history = coordinator.locator("#task-history")
        expect(history).to_contain_text("Chấp thuận gia hạn")
        expect(history).to_contain_text(f"Hạn hoàn thành: {format_date(task.due_date)} → 30/06/2028")
        expect(history).to_contain_text("Đồng ý gia hạn một lần")
        expect(coordinator.locator("[data-form=extension-decide]")).to_have_count(0)
        expect(coordinator.locator("#task-extensions [data-extension-status=approved]")).to_be_visible()
    finally:
        context.close()
    assert live.task(SOYTE_TASK).due_date.isoformat() == "2028-06-30"


CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__cspViolations.push(e.violatedDirective));
"""


def test_a_comment_with_markup_is_shown_as_text(page: Page, live: Live, dialogs):
    markup = "<img src=x onerror=alert(1)>"
    page.add_init_script(CSP_LISTENER)
    open_task(page, live, "soyte")
    page.get_by_label("Ý kiến của bạn").fill(markup)
    page.get_by_role("button", name="Gửi ý kiến").click()
    expect(page.locator("#task-comment-msg")).to_contain_text("Đã gửi ý kiến")
    comment = page.locator("#task-comments [data-comment-id]")
    expect(comment).to_have_count(1)
    expect(comment.locator("p")).to_have_text(markup)
    expect(page.locator("#task-comments img")).to_have_count(0)
    expect(page.get_by_label("Ý kiến của bạn")).to_have_value("")
    expect(page.locator("#task-history")).to_contain_text(markup)
    assert dialogs == []
    assert page.evaluate("window.__cspViolations") == []  # the page's scripts, the message scroll included


def test_the_page_fits_a_1366_screen(page: Page, live: Live):
    open_task(page, live, "sotttt")
    expect(page.locator("[data-form=edit]")).to_be_visible()
    width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1], "the page scrolls sideways at 1366 px"
