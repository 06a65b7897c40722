"""Callbacks, one module per screen area, each wired by its own `register(app)`."""

from __future__ import annotations

from dash import Dash

from callbacks import admin, audit, board, notifications, plan_import, review, shell, task_detail


def register_callbacks(app: Dash) -> None:
    """Attach every callback to `app` (never the global @dash.callback: see TECH-NOTES)."""
    shell.register(app)
    board.register(app)
    admin.register(app)
    audit.register(app)
    task_detail.register(app)
    notifications.register(app)
    review.register(app)
    plan_import.register(app)
