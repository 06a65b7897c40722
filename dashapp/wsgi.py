"""WSGI entry point for gunicorn: `gunicorn 'dashapp.wsgi:server'` (settings from the environment)."""

from dashapp.app import create_app

app = create_app()
server = app.server
