"""Catalogue entries of the board and the list view (merged into i18n.catalogue.MESSAGES)."""

from __future__ import annotations

MESSAGES_BOARD: dict[str, dict[str, str]] = {}
