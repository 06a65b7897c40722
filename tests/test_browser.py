"""End to end in headless Chromium (Debian's /usr/bin/chromium, driven by Playwright)."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect
from werkzeug.serving import make_server

from tests.web import DEMO_PASSWORD, seeded_app

pytestmark = pytest.mark.browser
CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Use the system Chromium; no test tool may download a browser here."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    }


@pytest.fixture
def live_url(tmp_path) -> Iterator[str]:
    """The tracker with the sample plan and demo accounts, served on a free loopback port for this test."""
    app = seeded_app(f"sqlite:///{tmp_path / 'tracker.db'}", tmp_path / "instance")
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


def sign_in(page: Page, base: str, username: str, path: str = "/") -> None:
    """Open `path`, sign in on the login page it redirects to, and wait for the page."""
    page.goto(base + path)
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.locator("#page")).to_be_visible()


def test_first_page_is_the_board_of_the_plan(page: Page, live_url):
    sign_in(page, live_url, "bcd")
    expect(page.locator("#board .task-card")).to_have_count(108)  # the cancelled task is hidden
    expect(page.locator("#board [data-lane]")).to_have_count(6)
    expect(page.locator("[data-lane=data] .task-card")).to_have_count(40)
    expect(page.locator("[data-lane=awareness] .lane-count")).to_have_text("4 nhiệm vụ")
    expect(page.locator("#board-summary")).to_contain_text("quá hạn")
    expect(page.get_by_text("Dữ liệu mẫu", exact=False).first).to_be_visible()
    overdue = page.locator(".task-card[data-deadline=overdue] .dl").first
    expect(overdue).to_have_text(re.compile(r"Quá hạn \d+ ngày"))


def test_a_lane_collapses_from_the_keyboard_and_stays_collapsed(page: Page, live_url):
    sign_in(page, live_url, "soyte")
    first_policy_card = page.locator("[data-lane=policy] .task-card").first
    expect(first_policy_card).to_be_visible()
    toggle = page.locator("[data-lane=policy] .lane-toggle")
    toggle.focus()
    page.keyboard.press("Enter")
    expect(first_policy_card).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    page.reload()
    expect(page.locator("[data-lane=policy] .lane-toggle")).to_have_attribute("aria-expanded", "false")
    expect(page.locator("[data-lane=policy] .task-card").first).to_be_hidden()


def test_switch_to_english_and_back(page: Page, live_url):
    sign_in(page, live_url, "sotttt")
    page.get_by_role("link", name="English").click()
    expect(page.locator("[data-lane=awareness] .lane-name")).to_have_text("Awareness")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("link", name="Tiếng Việt").click()
    expect(page.locator("[data-lane=awareness] .lane-name")).to_have_text("Chuyển đổi nhận thức")
