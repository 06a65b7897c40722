"""Sign-in (Flask-Login), the guard on every route, CSRF tokens and security headers.

Public: /login, /assets/, /_dash-component-suites/ and the favicon. Anonymous page requests go to
/login; anonymous /_dash-* requests get 401 (the browser script in assets/ then goes to /login).
Callbacks read the acting user from Flask-Login only (`current_actor()`), never from the browser.
"""

from __future__ import annotations

import hmac
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta

from flask import Flask, abort, jsonify, make_response, redirect, render_template_string, request, session
from flask_login import LoginManager, UserMixin, current_user, login_user, logout_user

from dashapp import clock
from dashapp.db import ENGINE_KEY
from dashapp.lang import COOKIE, current_lang, safe_next
from dashapp.settings import Settings
from i18n import LANGS, t
from models.database import open_session, read_session
from models.errors import DomainError
from models.tables import Agency
from models.users import authenticate, set_language, user_for_session

log = logging.getLogger(__name__)
PUBLIC_PATHS = frozenset({"/login", "/favicon.ico", "/_favicon.ico", "/health"})
PUBLIC_PREFIXES = ("/assets/", "/_dash-component-suites/")
CSRF_COOKIE = "_csrf_token"  # read by the Dash renderer, sent back as X-CSRFToken
SESSION_HOURS = 10


@dataclass
class CurrentUser(UserMixin):
    """The signed-in user as the web layer holds it (loaded from the database on every request)."""

    id: int
    username: str
    full_name: str
    role: str
    agency_id: int | None
    agency_code: str | None
    agency_short: str | None
    session_epoch: int
    active: bool = True

    @property
    def is_active(self) -> bool:  # Flask-Login reads this
        return self.active

    def get_id(self) -> str:
        """The session holds the id and the epoch: a password reset ends older sessions."""
        return f"{self.id}:{self.session_epoch}"


def current_actor() -> CurrentUser:
    """The signed-in user of this request (the guard has already refused anonymous ones)."""
    user = current_user._get_current_object()
    if not getattr(user, "is_authenticated", False):
        abort(401)
    return user


def csrf_token() -> str:
    """This session's CSRF token (created on first use)."""
    token = session.get("csrf")
    if not token:
        token = session["csrf"] = secrets.token_urlsafe(32)
    return token


def _csrf_ok(sent: str | None) -> bool:
    expected = session.get("csrf")
    return bool(expected and sent and hmac.compare_digest(expected, sent))


LOGIN_PAGE = """<!doctype html>
<html lang="{{ lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ t('login.title', lang) }} · {{ t('app.title', lang) }}</title>
<link rel="stylesheet" href="/assets/00-bootstrap-5.3.9.min.css">
<link rel="stylesheet" href="/assets/tracker.css">
</head>
<body class="login-page">
<main class="login-box card shadow-sm">
  <div class="card-body p-4">
    <h1 class="h4 mb-1">{{ t('app.title', lang) }}</h1>
    <p class="text-muted mb-4">{{ t('login.subtitle', lang) }}</p>
    {% if error %}<div class="alert alert-danger" role="alert" id="login-error">{{ error }}</div>{% endif %}
    <form method="post" action="/login" novalidate>
      <input type="hidden" name="csrf_token" value="{{ csrf }}">
      <input type="hidden" name="next" value="{{ next }}">
      <div class="mb-3">
        <label class="form-label" for="username">{{ t('login.username', lang) }}</label>
        <input class="form-control" id="username" name="username" autocomplete="username" required
               value="{{ username }}" {% if not username %}autofocus{% endif %}>
      </div>
      <div class="mb-3">
        <label class="form-label" for="password">{{ t('login.password', lang) }}</label>
        <input class="form-control" id="password" name="password" type="password" autocomplete="current-password"
               required {% if username %}autofocus{% endif %}>
      </div>
      <button class="btn btn-primary w-100" type="submit">{{ t('login.submit', lang) }}</button>
    </form>
    <p class="mt-4 mb-0 small d-flex justify-content-between">
      <span class="text-muted">{{ t('login.help', lang) }}</span>
      <a href="/login?lang={{ other }}&amp;next={{ next | urlencode }}" lang="{{ other }}">
        {{- t('app.lang_switch', lang) -}}
      </a>
    </p>
  </div>
</main>
</body>
</html>
"""


def _login_page(
    *, error: str = "", username: str = "", next_path: str = "/", status: int = 200, lang: str | None = None
):
    lang = lang or current_lang()
    html = render_template_string(
        LOGIN_PAGE,
        t=t,
        lang=lang,
        other="en" if lang == "vi" else "vi",
        error=error,
        username=username,
        next=next_path,
        csrf=csrf_token(),
    )
    response = make_response(html, status)
    response.headers["Cache-Control"] = "no-store"
    return response


def _load_user(user_key: str) -> CurrentUser | None:
    from flask import current_app

    try:
        user_id, epoch = (int(part) for part in user_key.split(":"))
    except ValueError:
        return None
    with read_session(current_app.extensions[ENGINE_KEY]) as db:
        user = user_for_session(session=db, user_id=user_id, epoch=epoch)
        if user is None:
            return None
        agency = db.get(Agency, user.agency_id) if user.agency_id else None
        return CurrentUser(
            id=user.id,
            username=user.username,
            full_name=user.full_name,
            role=user.role,
            agency_id=user.agency_id,
            agency_code=agency.code if agency else None,
            agency_short=agency.short_name if agency else None,
            session_epoch=user.session_epoch,
        )


def security_headers(csp_script_hashes: list[str]) -> dict[str, str]:
    """Headers for every response; the CSP allows Dash's own inline scripts by their hashes only."""
    scripts = " ".join(["'self'", *csp_script_hashes])  # Dash gives them already quoted
    csp = "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "font-src 'self' data:",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )
    return {
        "Content-Security-Policy": csp,
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "same-origin",
    }


def init_auth(server: Flask, settings: Settings) -> None:
    """Wire Flask-Login, the guard, the login and logout routes, and the security headers."""
    secure = settings.app_base_url.startswith("https://")
    server.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        SESSION_COOKIE_SECURE=secure,
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=secure,
        PERMANENT_SESSION_LIFETIME=timedelta(hours=SESSION_HOURS),
    )
    manager = LoginManager()
    manager.init_app(server)
    manager.user_loader(_load_user)
    manager.session_protection = "basic"

    @server.before_request
    def guard():
        path = request.path
        if path in PUBLIC_PATHS or path.startswith(PUBLIC_PREFIXES):
            return None
        if current_user.is_authenticated:
            if (
                request.method == "POST"
                and path.startswith("/_dash-")
                and not _csrf_ok(request.headers.get("X-CSRFToken"))
            ):
                return jsonify(error=t("error.csrf", current_lang())), 403
            return None
        if path.startswith("/_dash-"):
            return jsonify(error="unauthenticated", login="/login"), 401
        return redirect(f"/login?next={request.full_path.rstrip('?')}" if path != "/" else "/login")

    @server.after_request
    def add_headers(response):
        for name, value in server.extensions.get("tracker.security_headers", {}).items():
            response.headers.setdefault(name, value)
        if request.path.startswith(PUBLIC_PREFIXES):
            return response
        if current_user.is_authenticated and "csrf" in session:
            response.set_cookie(CSRF_COOKIE, session["csrf"], samesite="Lax", secure=secure, httponly=False)
        return response

    @server.route("/login", methods=["GET", "POST"])
    def login():
        lang = request.args.get("lang")
        if lang in LANGS:  # the login page's own language switch (the page is public, /lang/ is not)
            response = redirect(f"/login?next={safe_next(request.args.get('next'))}")
            response.set_cookie(COOKIE, lang, max_age=365 * 24 * 3600, httponly=True, samesite="Lax", secure=secure)
            return response
        next_path = safe_next(request.values.get("next"))
        if request.method != "POST":
            if current_user.is_authenticated:
                return redirect(next_path)
            return _login_page(next_path=next_path)
        username = (request.form.get("username") or "").strip()
        if not _csrf_ok(request.form.get("csrf_token")):
            return _login_page(
                error=t("error.csrf", current_lang()), username=username, next_path=next_path, status=400
            )
        try:
            with open_session(server.extensions[ENGINE_KEY]) as db:
                user = authenticate(
                    session=db,
                    username=username,
                    password=request.form.get("password") or "",
                    ip=request.remote_addr or "",
                    now=clock.now(settings),
                )
                key, user_lang = f"{user.id}:{user.session_epoch}", user.lang
                chosen = request.cookies.get(COOKIE)
                if chosen in LANGS and chosen != user.lang:  # a choice made on this sign-in page sticks
                    set_language(session=db, actor=user, lang=chosen)
                    user_lang = chosen
        except DomainError as refused:
            return _login_page(
                error=refused.message(current_lang()), username=username, next_path=next_path, status=401
            )
        lang_cookie = user_lang if user_lang in LANGS else None
        session.clear()  # a fresh session on sign-in (no fixation)
        session.permanent = True
        loaded = _load_user(key)
        login_user(loaded)
        csrf_token()
        log.info("user %s signed in", loaded.username)
        response = redirect(next_path)
        if lang_cookie:
            response.set_cookie(
                COOKIE, lang_cookie, max_age=365 * 24 * 3600, httponly=True, samesite="Lax", secure=secure
            )
        return response

    @server.post("/logout")
    def logout():
        if not _csrf_ok(request.form.get("csrf_token")):
            return redirect("/")
        logout_user()
        session.clear()
        response = redirect("/login")
        response.delete_cookie(CSRF_COOKIE)
        return response
