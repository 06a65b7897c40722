"""The task detail page's callbacks."""

from __future__ import annotations

from dash import Dash

from dashapp.task_page import task_page


def render_page(task_id: int, lang: str) -> list:
    """The page for task `task_id` (called by the shell)."""
    return task_page(task_id, lang)


def register(app: Dash) -> None:
    """Wire the task page's callbacks."""
