"""Catalogue entries of the task detail page (merged into i18n.catalogue.MESSAGES)."""

from __future__ import annotations

MESSAGES_TASK: dict[str, dict[str, str]] = {}
