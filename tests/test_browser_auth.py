"""Sign-in, permissions and browser-side security, end to end in headless Chromium against a live app."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect
from sqlmodel import Session, select
from werkzeug.serving import make_server

from i18n import t
from models.database import make_engine
from models.tables import Task
from tests.test_browser import browser_type_launch_args  # noqa: F401  (the system Chromium)
from tests.web import DEMO_PASSWORD, seeded_app

pytestmark = pytest.mark.browser

LOGIN_FAILED = "Tên đăng nhập hoặc mật khẩu không đúng."
ADMIN_HEADING = "Quản trị tài khoản và cơ quan"
FORBIDDEN = t("page.forbidden", "vi")

XSS_AGENCY_NAME = "<script>window.__xss=1</script>Sở Thử"
XSS_AGENCY_SHORT = '<img src=x onerror="window.__xss=1">'
XSS_AGENCY_ALIASES = "javascript:window.__xss=1"
XSS_FULL_NAME = '<img src=x onerror="window.__xss=1;alert(1)">'
XSS_TASK_TITLE = "<script>window.__xss=1</script><b>bold</b>"

# Records CSP violations as the browser reports them to the page (init scripts are not subject to the CSP).
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (e) => {
  window.__cspViolations.push(e.violatedDirective + " " + e.blockedURI);
});
"""


@dataclass(frozen=True)
class Live:
    """A running tracker: its base URL and its database."""

    url: str
    database_url: str


@pytest.fixture
def live(tmp_path) -> Iterator[Live]:
    """The tracker with the sample plan and the demo accounts on a fresh SQLite file, on a free loopback port."""
    database_url = f"sqlite:///{tmp_path / 'tracker.db'}"
    app = seeded_app(database_url, tmp_path / "instance")
    server = make_server("127.0.0.1", 0, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield Live(f"http://127.0.0.1:{server.server_port}", database_url)
    server.shutdown()
    thread.join()


def submit_login(page: Page, username: str, password: str) -> None:
    """Fill the sign-in form and submit it, waiting for the page the server answers with."""
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()


def sign_in(page: Page, base: str, username: str, path: str = "/") -> None:
    """Open `path`, sign in on the login page it redirects to, and wait for the page to render."""
    page.goto(base + path)
    expect(page).to_have_url(base + (f"/login?next={path}" if path != "/" else "/login"))
    submit_login(page, username, DEMO_PASSWORD)
    expect(page).to_have_url(base + path)
    expect(page.locator("#page")).to_be_visible()


def assert_inert(page: Page, dialogs: list[str]) -> None:
    """No element built from a payload, no dialog, and the payload's global never set."""
    expect(page.locator("img[src=x]")).to_have_count(0)
    expect(page.locator("script", has_text="__xss")).to_have_count(0)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert dialogs == []


def test_login_flow_next_error_admin_page_and_logout(page: Page, live: Live):
    page.goto(live.url + "/admin")
    expect(page).to_have_url(live.url + "/login?next=/admin")
    expect(page.locator("input[name=username]")).to_be_visible()
    expect(page.locator("input[name=password]")).to_be_visible()

    submit_login(page, "admin", "wrong-password")
    expect(page.locator("#login-error")).to_have_text(LOGIN_FAILED)
    expect(page.locator("input[name=username]")).to_have_value("admin")
    expect(page.locator("input[name=password]")).to_have_value("")

    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.locator("form button[type=submit]").click()
    expect(page).to_have_url(live.url + "/admin")
    expect(page.get_by_role("heading", name=ADMIN_HEADING)).to_be_visible()
    expect(page.locator("header #current-user")).to_have_text("Quản trị hệ thống")

    logout = page.locator("header #logout")
    expect(logout).to_have_text("Đăng xuất")
    logout.click()
    expect(page).to_have_url(live.url + "/login")
    expect(page.locator("input[name=username]")).to_be_visible()

    page.goto(live.url + "/")
    expect(page).to_have_url(live.url + "/login")
    expect(page.locator("#page")).to_have_count(0)
    page.goto(live.url + "/admin")
    expect(page).to_have_url(live.url + "/login?next=/admin")


def test_unknown_username_gets_the_same_error_as_a_wrong_password(page: Page, live: Live):
    page.goto(live.url + "/login")
    submit_login(page, "soyte", "wrong-password")
    error = page.locator("#login-error")
    expect(error).to_have_text(LOGIN_FAILED)
    wrong_password_text = error.inner_text()

    submit_login(page, "khong-co-ai", "wrong-password")
    expect(error).to_have_text(LOGIN_FAILED)
    expect(page.locator("input[name=username]")).to_have_value("khong-co-ai")
    assert error.inner_text() == wrong_password_text
    expect(page).to_have_url(live.url + "/login")


def test_five_failures_lock_the_account_even_for_the_right_password(page: Page, live: Live):
    page.goto(live.url + "/login")
    error = page.locator("#login-error")
    for _ in range(5):
        submit_login(page, "soyte", "wrong-password")
        expect(error).to_have_text(LOGIN_FAILED)

    submit_login(page, "soyte", DEMO_PASSWORD)
    expect(error).to_contain_text("tạm thời bị khóa")
    expect(error).to_contain_text("phút")
    expect(page).to_have_url(live.url + "/login")
    expect(page.locator("#current-user")).to_have_count(0)

    page.goto(live.url + "/")
    expect(page).to_have_url(live.url + "/login")
    expect(page.locator("#page")).to_have_count(0)


def test_login_page_switches_to_english(page: Page, live: Live):
    page.goto(live.url + "/login")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("button", name="Đăng nhập")).to_be_visible()

    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_label("Username")).to_be_visible()
    expect(page.get_by_role("link", name="Tiếng Việt")).to_be_visible()


def test_agency_officer_may_not_open_the_admin_page(page: Page, live: Live):
    sign_in(page, live.url, "soyte", "/admin")
    expect(page.locator("#page")).to_contain_text(FORBIDDEN)
    expect(page.get_by_role("heading", name=ADMIN_HEADING)).to_have_count(0)
    for control in ("#new-username", "#create-user", "#save-agency", "#admin-users-table", "#admin-agencies-table"):
        expect(page.locator(control)).to_have_count(0)

    nav = page.locator("header nav")
    expect(nav.get_by_role("link", name="Nhiệm vụ")).to_be_visible()
    expect(nav.get_by_role("link", name="Quản trị")).to_have_count(0)
    expect(page.locator("header a[href='/admin']")).to_have_count(0)
    expect(page.locator("header #current-user")).to_contain_text("Cán bộ Sở Y tế")


def test_admin_page_shows_the_admin_link_to_admins(page: Page, live: Live):
    """The counterpart of the test above: the link exists, so its absence there means something."""
    sign_in(page, live.url, "admin", "/")
    expect(page.locator("header nav").get_by_role("link", name="Quản trị")).to_be_visible()


def test_user_text_stays_inert_on_every_page(page: Page, live: Live):
    engine = make_engine(live.database_url)
    try:
        with Session(engine) as db:
            task = db.exec(select(Task).where(Task.number == "1")).one()
            task.title = XSS_TASK_TITLE
            db.add(task)
            db.commit()
            task_id = task.id
    finally:
        engine.dispose()

    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    sign_in(page, live.url, "admin", "/admin")
    expect(page.get_by_role("heading", name=ADMIN_HEADING)).to_be_visible()

    # (a) an agency whose names carry payloads
    expect(page.locator("#agency-select")).to_have_value("")
    page.fill("#agency-code", "xssagency")
    page.fill("#agency-name", XSS_AGENCY_NAME)
    page.fill("#agency-short", XSS_AGENCY_SHORT)
    page.fill("#agency-aliases", XSS_AGENCY_ALIASES)
    page.click("#save-agency")
    expect(page.locator("#save-agency-msg")).to_have_text(f"Đã lưu cơ quan «{XSS_AGENCY_SHORT}».")
    agency_row = page.locator("#admin-agencies-table [data-agency=xssagency]")
    expect(agency_row).to_contain_text("<img src=x onerror=")

    # (b) an officer of that agency whose full name carries a payload
    page.fill("#new-username", "xssuser")
    page.fill("#new-full-name", XSS_FULL_NAME)
    page.select_option("#new-role", "agency")
    page.select_option("#new-agency", label=f"{XSS_AGENCY_SHORT} (xssagency)")
    page.fill("#new-password", "password123")
    page.fill("#new-password2", "password123")
    page.click("#create-user")
    expect(page.locator("#create-user-msg")).to_have_text("Đã tạo tài khoản «xssuser».")
    assert_inert(page, dialogs)

    page.reload()
    expect(page.get_by_role("heading", name=ADMIN_HEADING)).to_be_visible()
    agency_cells = page.locator("#admin-agencies-table [data-agency=xssagency] td")
    expect(agency_cells.nth(0)).to_have_text("xssagency")
    expect(agency_cells.nth(1)).to_have_text(XSS_AGENCY_SHORT)
    expect(agency_cells.nth(2)).to_have_text(XSS_AGENCY_NAME)
    expect(agency_cells.nth(3)).to_have_text(XSS_AGENCY_ALIASES)
    user_cells = page.locator("#admin-users-table [data-username=xssuser] td")
    expect(user_cells.nth(1)).to_have_text(XSS_FULL_NAME)
    expect(user_cells.nth(3)).to_have_text(XSS_AGENCY_SHORT)
    expect(page.locator("#new-agency option", has_text="(xssagency)")).to_have_text(f"{XSS_AGENCY_SHORT} (xssagency)")
    expect(page.locator("#admin-agencies-table a")).to_have_count(0)
    assert_inert(page, dialogs)

    page.goto(live.url + "/audit")
    expect(page.locator("#audit-table")).to_contain_text(f"xssagency · {XSS_AGENCY_SHORT}")
    expect(page.locator("#audit-table")).to_contain_text("xssuser · agency")
    assert_inert(page, dialogs)

    page.goto(live.url + "/")
    title = page.locator(f'[data-task-id="{task_id}"] .card-title')
    expect(title).to_have_text(XSS_TASK_TITLE)
    expect(page.locator("[data-task-id]")).to_have_count(108)  # the cancelled task is hidden
    expect(page.locator("[data-task-id] b")).to_have_count(0)
    expect(page.locator("#page b")).to_have_count(0)
    assert_inert(page, dialogs)


def test_security_headers_and_no_csp_violation(page: Page, live: Live):
    console: list[str] = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.add_init_script(CSP_LISTENER)

    response = page.goto(live.url + "/login")
    assert response is not None and response.ok
    assert "frame-ancestors 'none'" in response.headers.get("content-security-policy", "")

    submit_login(page, "admin", DEMO_PASSWORD)
    response = page.goto(live.url + "/")
    assert response is not None and response.ok and response.url == live.url + "/"
    csp = response.headers.get("content-security-policy", "")
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp
    assert response.headers.get("x-frame-options") == "DENY"
    expect(page.locator("[data-task-id]")).to_have_count(108)
    assert page.evaluate("window.__cspViolations") == []

    response = page.goto(live.url + "/admin")
    assert response is not None and response.ok and response.url == live.url + "/admin"
    assert "frame-ancestors 'none'" in response.headers.get("content-security-policy", "")
    expect(page.get_by_role("heading", name=ADMIN_HEADING)).to_be_visible()
    expect(page.locator("#admin-users-table [data-username]")).to_have_count(4)
    assert page.evaluate("window.__cspViolations") == []

    assert [m for m in console if "Content Security Policy" in m] == []
