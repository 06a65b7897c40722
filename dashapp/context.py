"""What a callback needs from the app handling the request: settings, calendar, the clock."""

from __future__ import annotations

from datetime import datetime

from flask import current_app

from dashapp import clock
from dashapp.settings import Settings
from models.workdays import WorkCalendar


def settings() -> Settings:
    """The settings of the app handling this request."""
    return current_app.extensions["tracker.settings"]


def calendar() -> WorkCalendar:
    """The working-day calendar of this app."""
    return current_app.extensions["tracker.calendar"]


def now() -> datetime:
    """The current moment for this app (pinned by TRACKER_TODAY when set)."""
    return clock.now(settings())
