"""The task detail page `/task/<id>`: builders only (callbacks/task_detail.py wires them)."""

from __future__ import annotations

from dash import html

from i18n import t


def task_page(task_id: int, lang: str) -> list:
    """Placeholder until the task page lands."""
    return [html.Div(t("error.not_found", lang, task_id=task_id), className="alert alert-warning")]
