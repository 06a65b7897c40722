"""The web shell of the DX Plan Tracker: app factory, settings, CLI."""

from dashapp.app import create_app

__all__ = ["create_app"]
