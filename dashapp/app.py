"""The app factory: a Dash app on Flask, configured from Settings, nothing done at import."""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

from dash import Dash, dcc, html
from flask import Flask, has_request_context, jsonify, make_response, redirect, request
from flask_login import current_user
from sqlalchemy import text
from werkzeug.middleware.proxy_fix import ProxyFix

from dashapp import ids
from dashapp.auth import init_auth, security_headers
from dashapp.compression import enable_compression
from dashapp.db import ENGINE_KEY
from dashapp.lang import COOKIE, current_lang, safe_next, tr
from dashapp.settings import PROJECT_ROOT, Settings
from i18n import LANGS, t
from models.database import make_engine, open_session
from models.users import set_language
from models.workdays import WorkCalendar

SETTINGS_KEY = "tracker.settings"
CALENDAR_KEY = "tracker.calendar"
log = logging.getLogger(__name__)


class TrackerDash(Dash):
    """Dash with the page's `lang` attribute following the user's language (screen readers need it)."""

    def interpolate_index(self, **kwargs):
        kwargs["scripts"] = _page_scripts(kwargs.get("scripts", ""), request.path if has_request_context() else "/")
        return super().interpolate_index(**kwargs).replace("<html>", f'<html lang="{current_lang()}">', 1)


# Bundles a page does not use cost the browser parse time on every load (AG Grid is 1.3 MB): the index
# of a page leaves out the libraries it never renders. Pages are full loads (links are plain <a>), so
# each page gets its own index. dash_table is never used.
UNUSED_BUNDLES = (
    ("/dash_table/", lambda path: True),
    ("/dash_ag_grid/", lambda path: not path.startswith("/tasks")),
    ("/assets/dashAgGridComponentFunctions.js", lambda path: not path.startswith("/tasks")),
)


def _page_scripts(scripts: str, path: str) -> str:
    """The index's script tags without the bundles this page never needs."""
    for marker, unused in UNUSED_BUNDLES:
        if unused(path):
            scripts = re.sub(rf'<script[^>]*src="[^"]*{re.escape(marker)}[^"]*"[^>]*></script>\s*', "", scripts)
    return scripts


def root_layout() -> html.Div:
    """The page, built in the same request as the layout when the browser says which page it is on.

    The layout request's Referer is the page's own address (same origin), so the page arrives with the
    layout instead of one round trip later through the shell callback, which only fills in the page
    when the address is unknown.
    """
    page = _page_address()
    if page is not None:
        from callbacks.shell import render_shell  # the shell callback's own builder

        shell, needed = render_shell(*page), False
    else:
        shell, needed = html.Div(tr("app.loading"), className="p-4 text-muted", role="status"), True
    return html.Div(
        [
            dcc.Location(id=ids.URL, refresh=False),  # filters write ?search without reloading
            dcc.Store(id=ids.SHELL_NEEDED, data=needed),
            dcc.Store(id=ids.SHELL_REQUEST),
            html.Div(id=ids.SHELL, children=shell),
        ]
    )


def _page_address() -> tuple[str, str] | None:
    """(path, ?query) of the page asking for the layout, from its Referer when it is this site."""
    if not has_request_context() or not request.referrer:
        return None
    parts = urlsplit(request.referrer)
    if parts.netloc != request.host or not parts.path.startswith("/") or parts.path.startswith("/_dash"):
        return None
    return parts.path, f"?{parts.query}" if parts.query else ""


ERROR_PAGE = """<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title>
<link rel="stylesheet" href="/assets/00-bootstrap-5.3.9.min.css"></head>
<body class="p-4"><div class="alert alert-danger" role="alert">{message}</div><a href="/">{home}</a></body></html>"""


def _register_routes(server: Flask) -> None:
    @server.errorhandler(500)
    def internal_error(_error):
        """Never a bare stack trace: say what happened and the way back, in the user's language."""
        lang = current_lang()
        page = ERROR_PAGE.format(
            lang=lang, title=t("app.title", lang), message=t("error.unexpected", lang), home=t("nav.back_home", lang)
        )
        return page, 500

    @server.get("/health")
    def health():
        """For load balancers and monitoring: 200 when the database answers, 503 when it does not."""
        try:
            with server.extensions[ENGINE_KEY].connect() as connection:
                connection.execute(text("SELECT 1"))
        except Exception:
            log.exception("health check: the database does not answer")
            return jsonify(status="error", database="unreachable"), 503
        return jsonify(status="ok", database="ok")

    @server.get("/lang/<code>")
    def switch_language(code: str):
        """Remember the chosen language for a year and go back where the user was."""
        response = make_response(redirect(safe_next(request.args.get("next"))))
        if code in LANGS and current_user.is_authenticated:
            with open_session(server.extensions[ENGINE_KEY]) as session:
                set_language(session=session, actor=current_user, lang=code)  # follows the user to other PCs
        if code in LANGS:
            secure = request.scheme == "https" or server.config.get("SESSION_COOKIE_SECURE", False)
            response.set_cookie(COOKIE, code, max_age=365 * 24 * 3600, httponly=True, samesite="Lax", secure=secure)
        return response


def create_app(settings: Settings | None = None) -> Dash:
    """Build the tracker: Flask server, database engine, Dash layout and callbacks."""
    from callbacks import register_callbacks

    settings = settings or Settings.from_env()
    server = Flask(__name__, instance_path=str(settings.instance_path))
    server.config.update(
        SECRET_KEY=settings.secret_key,
        MAX_CONTENT_LENGTH=10 * 1024 * 1024,
        # Dash links every asset with ?m=<modification time>, so a changed file gets a new address: the
        # browser may keep them for a year instead of asking again on every page.
        SEND_FILE_MAX_AGE_DEFAULT=365 * 24 * 3600,
    )
    if settings.trusted_proxies:
        # Behind a reverse proxy the client address (used by the sign-in rate limit) is in X-Forwarded-For.
        server.wsgi_app = ProxyFix(
            server.wsgi_app,
            x_for=settings.trusted_proxies,
            x_proto=settings.trusted_proxies,
            x_host=settings.trusted_proxies,
        )
    enable_compression(server)
    server.extensions[SETTINGS_KEY] = settings
    server.extensions[ENGINE_KEY] = make_engine(settings.database_url)
    server.extensions[CALENDAR_KEY] = WorkCalendar()
    init_auth(server, settings)
    _register_routes(server)

    app = TrackerDash(
        __name__,
        server=server,
        assets_folder=str(PROJECT_ROOT / "assets"),
        title=t("app.title"),
        update_title=None,
        serve_locally=True,
        suppress_callback_exceptions=True,
    )
    app.layout = root_layout
    register_callbacks(app)
    # Render the index once so this process registers every JS bundle path before serving requests
    # (a fresh gunicorn worker otherwise answers 500 for bundles; see TECH-NOTES).
    with server.test_request_context("/"):
        app.index()
    server.extensions["tracker.security_headers"] = security_headers(app.csp_hashes())
    return app
