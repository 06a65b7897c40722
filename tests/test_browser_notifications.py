"""Urging end to end in headless Chromium: a coordinator presses "urge now", the e-mail reaches a real SMTP
server on loopback, and the agency's officer sees the notification with its unread count, opens the task
from it and the count goes down."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from dash import Dash
from playwright.sync_api import Browser, Page, expect
from sqlmodel import Session, select
from werkzeug.serving import make_server

from dashapp.db import ENGINE_KEY
from models.tables import Agency, Notification, Task
from tests.smtp import SmtpServer, smtp_server  # noqa: F401 (a fixture, used by pytest)
from tests.test_browser import browser_type_launch_args, sign_in  # noqa: F401 (a fixture, used by pytest)
from tests.web import seeded_app

pytestmark = pytest.mark.browser
SOYTE_TASK = "47"  # led by Sở Y tế, in progress


@dataclass(frozen=True)
class Live:
    """The served tracker (mail to the test's SMTP server): its address and the app."""

    url: str
    app: Dash

    def task_id(self, number: str) -> int:
        with Session(self.app.server.extensions[ENGINE_KEY]) as s:
            return s.exec(select(Task.id).where(Task.number == number)).one()

    def notifications(self) -> list[Notification]:
        with Session(self.app.server.extensions[ENGINE_KEY]) as s:
            return list(s.exec(select(Notification)).all())

    def agency_id(self, code: str) -> int:
        with Session(self.app.server.extensions[ENGINE_KEY]) as s:
            return s.exec(select(Agency.id).where(Agency.code == code)).one()


@pytest.fixture
def live(tmp_path, smtp_server: SmtpServer) -> Iterator[Live]:  # noqa: F811 (the fixture)
    app = seeded_app(
        f"sqlite:///{tmp_path / 'tracker.db'}",
        tmp_path / "instance",
        SMTP_HOST=smtp_server.host,
        SMTP_PORT=str(smtp_server.port),
        SMTP_TIMEOUT="5",
    )
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Live(f"http://127.0.0.1:{server.server_port}", app)
    server.shutdown()


def officer_page(browser: Browser) -> Page:
    """A second person, in a browser context of their own (own cookies)."""
    page = browser.new_context(viewport={"width": 1366, "height": 768}).new_page()
    return page


def test_urge_now_on_a_task_reaches_the_officer_with_an_unread_count(
    page: Page,
    browser: Browser,
    live: Live,
    smtp_server: SmtpServer,  # noqa: F811 (the fixture)
):
    page.set_viewport_size({"width": 1366, "height": 768})
    task_path = f"/task/{live.task_id(SOYTE_TASK)}"
    sign_in(page, live.url, "sotttt", task_path)
    box = page.locator("[data-form=urge]")
    expect(page.locator("#task-reminders")).to_contain_text("Chưa nhắc lần nào.")
    box.get_by_label("Ý kiến kèm theo").fill("Đề nghị hoàn thành trước phiên họp Ban Chỉ đạo")
    box.get_by_role("button", name="Đôn đốc ngay").click()
    expect(page.locator("#task-urge-msg")).to_contain_text(
        "Đã đôn đốc Sở Y tế (1 nhiệm vụ); đã gửi thư tới soyte@tuyenquang.example."
    )
    expect(page.locator("#task-reminders")).to_contain_text("Đã nhắc 1 lần")
    expect(box.get_by_label("Ý kiến kèm theo")).to_have_value("")

    # the e-mail went out at once, to the agency, with the note and a link to the task
    (mail,) = smtp_server.wait_for(1)
    assert mail.rcpt_tos == ("soyte@tuyenquang.example",)
    assert mail.message["Subject"].startswith("[Chuyển đổi số] Đôn đốc thực hiện nhiệm vụ gửi Sở Y tế ngày 16/06/2026")
    text = mail.message.get_body(("plain",)).get_content()
    assert "Kính gửi: Sở Y tế" in text and "Đề nghị hoàn thành trước phiên họp Ban Chỉ đạo" in text
    assert f"/task/{live.task_id(SOYTE_TASK)}" in text

    # pressing again the same day asks first, and sends nothing until confirmed
    box.get_by_role("button", name="Đôn đốc ngay").click()
    expect(page.locator("#task-urge-msg")).to_contain_text("đã được đôn đốc hôm nay")
    confirm = box.get_by_role("button", name="Vẫn gửi")
    expect(confirm).to_be_visible()
    assert len(live.notifications()) == 1 and len(smtp_server.messages) == 1

    # the officer of Sở Y tế sees it: the unread count in the header, the notification in the centre
    officer = officer_page(browser)
    sign_in(officer, live.url, "soyte")
    badge = officer.locator("#notif-count")
    expect(badge).to_be_visible()
    expect(badge).to_contain_text("1")
    expect(badge).to_contain_text("1 thông báo chưa đọc")  # said in words to screen readers
    officer.locator("header").get_by_role("link", name=re.compile("^Thông báo")).click()
    card = officer.locator(".notif-card")
    expect(card).to_have_count(1)
    expect(card).to_have_attribute("data-read", "0")
    expect(card).to_contain_text("Đôn đốc ngày 16/06/2026")
    expect(card).to_contain_text("Mới")
    expect(card).to_contain_text("Đã gửi thư")

    # opening the task from the notification marks it read
    card.get_by_role("button", name=re.compile(rf"^{SOYTE_TASK} · ")).click()
    expect(officer).to_have_url(re.compile(rf"{task_path}$"))
    expect(officer.locator(".task-page")).to_be_visible()
    expect(officer.locator("#notif-count")).to_be_hidden()
    expect(officer.locator("#task-reminders")).to_contain_text("Đã nhắc 1 lần")
    officer.goto(live.url + "/notifications")
    expect(officer.locator(".notif-card")).to_have_attribute("data-read", "1")
    officer.context.close()


def test_urge_an_agency_from_the_centre_and_mark_everything_read(
    page: Page,
    browser: Browser,
    live: Live,
    smtp_server: SmtpServer,  # noqa: F811 (the fixture)
):
    page.set_viewport_size({"width": 1366, "height": 768})
    sign_in(page, live.url, "sotttt", "/notifications")
    expect(page.locator(".notif-card")).to_have_count(0)
    expect(page.get_by_text("Chưa có thông báo nào.", exact=False)).to_be_visible()
    expect(page.locator("#notif-no-email")).to_contain_text("Báo Tuyên Quang")  # the demo's agency without e-mail

    box = page.locator("[data-form=urge]")
    box.get_by_role("button", name="Đôn đốc ngay").click()
    expect(page.locator("#agency-urge-msg")).to_contain_text("Hãy chọn đơn vị cần đôn đốc.")
    page.select_option("#agency-urge-target", str(live.agency_id("soyte")))
    box.get_by_role("button", name="Đôn đốc ngay").click()
    expect(page.locator("#agency-urge-msg")).to_contain_text("Đã đôn đốc Sở Y tế")
    # the list refreshes with the new notification and its delivery state
    card = page.locator(".notif-card")
    expect(card).to_have_count(1)
    expect(card).to_contain_text("Đôn đốc ngày 16/06/2026")
    expect(card.locator("[data-email-state]")).to_have_attribute("data-email-state", "sent")
    (mail,) = smtp_server.wait_for(1)
    assert mail.rcpt_tos == ("soyte@tuyenquang.example",)

    officer = officer_page(browser)
    sign_in(officer, live.url, "soyte", "/notifications")
    expect(officer.locator("#notif-count")).to_contain_text("1")
    officer.get_by_role("button", name="Đánh dấu tất cả đã đọc").click()
    expect(officer.locator("#notif-count")).to_be_hidden()
    expect(officer.locator(".notif-card")).to_have_attribute("data-read", "1")
    officer.context.close()
