"""Text helpers for Vietnamese: NFC normalisation and accent-insensitive folding."""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit


def nfc(text: str | None) -> str:
    """Unicode NFC, trimmed, inner whitespace collapsed ('' for None)."""
    if text is None:
        return ""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(text))).strip()


def fold(text: str | None) -> str:
    """Lower case without accents ('Sở Y tế' → 'so y te'; đ → d), for search and matching."""
    decomposed = unicodedata.normalize("NFD", nfc(text).lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def safe_http_url(url: str | None) -> str | None:
    """The URL when it is an absolute http(s) link with a host, else None (no javascript:, data:, …)."""
    candidate = nfc(url)
    if not candidate or any(ch in candidate for ch in " \\<>\"'"):
        return None
    parts = urlsplit(candidate)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return candidate


def number_key(number: object) -> tuple:
    """A task number for sorting in reading order ("1.2" before "1.10"); any shape ("II.1", "1a", "") compares."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in str(number).replace("-", ".").split("."))
