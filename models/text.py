"""Text helpers for Vietnamese: NFC normalisation and accent-insensitive folding."""

from __future__ import annotations

import re
import unicodedata


def nfc(text: str | None) -> str:
    """Unicode NFC, trimmed, inner whitespace collapsed ('' for None)."""
    if text is None:
        return ""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(text))).strip()


def fold(text: str | None) -> str:
    """Lower case without accents ('Sở Y tế' → 'so y te'; đ → d), for search and matching."""
    decomposed = unicodedata.normalize("NFD", nfc(text).lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
