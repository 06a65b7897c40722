"""The guard on every route, sign-in, sessions, CSRF and security headers, over HTTP."""

from __future__ import annotations

import pytest
from sqlmodel import Session, select

from dashapp.db import ENGINE_KEY
from models.tables import User
from tests.web import csrf, dash_post, login, login_form_token, render, seeded_app, text_of

PUBLIC = ["/login", "/assets/tracker.css", "/assets/00-bootstrap-5.3.9.min.css", "/_favicon.ico"]


@pytest.fixture
def app(tmp_path):
    return seeded_app(f"sqlite:///{tmp_path / 'tracker.db'}", tmp_path / "instance")


@pytest.fixture
def anonymous(app):
    return app.server.test_client()


def _dash_routes(app) -> list[str]:
    """Every /_dash-* route the server has, except the public JavaScript bundles."""
    return sorted(
        {
            rule.rule.split("<")[0]
            for rule in app.server.url_map.iter_rules()
            if rule.rule.startswith("/_dash-") and not rule.rule.startswith("/_dash-component-suites")
        }
    )


def test_the_app_has_the_dash_endpoints_we_guard(app):
    routes = _dash_routes(app)
    assert {"/_dash-layout", "/_dash-dependencies", "/_dash-update-component"} <= set(routes)


def test_anonymous_dash_requests_get_401(app, anonymous):
    for route in _dash_routes(app):
        for method in ("get", "post"):
            response = getattr(anonymous, method)(route, json={})
            assert response.status_code == 401, f"{method.upper()} {route} answered {response.status_code}"


@pytest.mark.parametrize("path", ["/", "/admin", "/audit", "/anything", "/lang/en"])
def test_anonymous_pages_redirect_to_login(anonymous, path):
    response = anonymous.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")
    if path not in ("/", "/lang/en"):
        assert f"next={path}" in response.headers["Location"]


def test_public_files_need_no_login(app, anonymous):
    for path in PUBLIC:
        assert anonymous.get(path).status_code == 200, path
    bundle = next(r.rule for r in app.server.url_map.iter_rules() if r.rule.startswith("/_dash-component-suites"))
    html = anonymous.get("/login").get_data(as_text=True)
    assert "csrf_token" in html and bundle  # the login page has its CSRF field


def test_login_lands_on_next_and_the_cookie_is_httponly_and_lax(anonymous):
    response = login(anonymous, "admin", next_path="/audit")
    assert response.status_code == 302 and response.headers["Location"] == "/audit"
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie and "Secure" not in cookie
    assert anonymous.get("/").status_code == 200


def test_cookie_is_secure_when_the_public_address_is_https(tmp_path):
    app = seeded_app(
        f"sqlite:///{tmp_path / 'tracker.db'}", tmp_path / "instance", APP_BASE_URL="https://dx.example.gov.vn"
    )
    response = login(app.server.test_client(), "admin")
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "Secure" in cookie


@pytest.mark.parametrize("target", ["//evil.example/", "/\\evil.example", "https://evil.example/", "http:/x"])
def test_login_never_redirects_off_site(anonymous, target):
    response = login(anonymous, "admin", next_path=target)
    assert response.headers["Location"] == "/"


def test_wrong_password_and_unknown_user_get_the_same_answer(anonymous):
    wrong = login(anonymous, "admin", password="sai-mat-khau")
    unknown = login(anonymous, "khong-ton-tai", password="sai-mat-khau")
    assert wrong.status_code == unknown.status_code == 401
    message = "Tên đăng nhập hoặc mật khẩu không đúng."
    assert message in wrong.get_data(as_text=True) and message in unknown.get_data(as_text=True)
    assert 'value="admin"' in wrong.get_data(as_text=True)  # the typed username is kept


def test_lockout_after_repeated_failures(anonymous):
    for _ in range(5):
        assert login(anonymous, "soyte", password="sai").status_code == 401
    locked = login(anonymous, "soyte")  # the right password no longer helps
    assert locked.status_code == 401
    assert "tạm thời bị khóa" in locked.get_data(as_text=True)
    assert anonymous.get("/").status_code == 302


def test_login_form_without_its_csrf_token_is_refused(anonymous):
    response = anonymous.post("/login", data={"username": "admin", "password": "demo", "csrf_token": "x"})
    assert response.status_code == 400
    assert anonymous.get("/").status_code == 302


def test_dash_post_without_the_csrf_header_is_refused(app):
    client = app.server.test_client()
    login(client, "admin")
    response = client.post(
        "/_dash-update-component",
        json={"output": "shell.children", "outputs": {"id": "shell", "property": "children"}, "inputs": []},
    )
    assert response.status_code == 403


def test_logout_needs_the_token_and_ends_the_session(app):
    client = app.server.test_client()
    login(client, "admin")
    client.post("/logout", data={"csrf_token": "wrong"})
    assert client.get("/").status_code == 200  # a forged logout does nothing
    token = client.get_cookie("_csrf_token").value
    assert client.post("/logout", data={"csrf_token": token}).headers["Location"] == "/login"
    assert client.get("/").status_code == 302
    assert client.post("/_dash-layout").status_code == 401


def test_password_reset_ends_other_sessions(app):
    officer, admin = app.server.test_client(), app.server.test_client()
    login(officer, "soyte")
    login(admin, "admin")
    assert officer.get("/").status_code == 200
    with Session(app.server.extensions[ENGINE_KEY]) as s:
        users = {u.username: u.id for u in s.exec(select(User)).all()}
    response = dash_post(
        admin,
        app,
        "..reset-user-msg.children...reset-password.value...reset-password2.value..",
        {
            "reset-user.n_clicks": 1,
            "edit-user.value": str(users["soyte"]),
            "reset-password.value": "mat-khau-moi-1",
            "reset-password2.value": "mat-khau-moi-1",
        },
    )
    assert "Đã đặt lại mật khẩu" in text_of(response)
    assert officer.get("/").status_code == 302  # signed out
    assert login(app.server.test_client(), "soyte", password="mat-khau-moi-1").status_code == 302


def test_security_headers_on_pages_and_dash_endpoints(app):
    client = app.server.test_client()
    login(client, "admin")
    for response in (client.get("/"), client.get("/_dash-layout"), client.get("/login")):
        csp = response.headers["Content-Security-Policy"]
        assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert "'unsafe-inline'" not in csp.split("script-src")[1].split(";")[0]
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Referrer-Policy"] == "same-origin"


def test_pages_a_role_may_not_open_say_so(app):
    client = app.server.test_client()
    login(client, "soyte")
    for path in ("/admin", "/audit"):
        body = render(client, app, path)
        assert "không có quyền xem trang này" in body and "create-user" not in body
    assert csrf(client)
    assert login_form_token(app.server.test_client())


def test_language_choice_follows_the_user_to_another_browser(app):
    first = app.server.test_client()
    login(first, "soyte")
    first.get("/lang/en?next=/")
    elsewhere = app.server.test_client()  # another PC: no cookie yet
    response = login(elsewhere, "soyte")
    assert any(c.startswith("lang=en") for c in response.headers.getlist("Set-Cookie"))
    assert '<html lang="en">' in elsewhere.get("/").get_data(as_text=True)
