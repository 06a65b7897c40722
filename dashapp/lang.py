"""The user's language (a cookie set by /lang/<code>) and the catalogue bound to it."""

from __future__ import annotations

from flask import has_request_context, request

from i18n import DEFAULT_LANG, LANGS, t

COOKIE = "lang"


def current_lang() -> str:
    """'vi' unless the user switched to English."""
    if not has_request_context():
        return DEFAULT_LANG
    lang = request.cookies.get(COOKIE, DEFAULT_LANG)
    return lang if lang in LANGS else DEFAULT_LANG


def tr(key: str, /, **params: object) -> str:
    """The catalogue message in the current user's language."""
    return t(key, current_lang(), **params)


def safe_next(target: str | None, default: str = "/") -> str:
    """A local path to go back to: no scheme, no host, no leading '//' and no backslash."""
    if (
        not target
        or not target.startswith("/")
        or target.startswith("//")
        or "\\" in target
        or ":" in target.split("?")[0]
    ):
        return default
    return target
