"""Helpers for tests that talk to the app over HTTP: build a seeded app, sign in, post to Dash."""

from __future__ import annotations

import json
import re
from pathlib import Path

from dash import Dash
from flask.testing import FlaskClient

from dashapp import create_app
from dashapp.cli import build_parser, cmd_seed_demo
from dashapp.settings import Settings
from tests.conftest import TODAY

DEMO_PASSWORD = "demo"


def build_settings(database_url: str, instance_path: Path, **env: str) -> Settings:
    """Settings for a test app: a pinned day, a throwaway instance folder."""
    values = {
        "DATABASE_URL": database_url,
        "TRACKER_TODAY": TODAY.isoformat(),
        "TRACKER_INSTANCE_PATH": str(instance_path),
        "SECRET_KEY": "test-secret",
    }
    values.update(env)
    return Settings.from_env(values)


def seeded_app(database_url: str, instance_path: Path, seed: bool = True, **env: str) -> Dash:
    """An app on `database_url`, with the sample plan and the demo accounts when `seed`."""
    settings = build_settings(database_url, instance_path, **env)
    if seed:
        assert cmd_seed_demo(settings, build_parser().parse_args(["seed-demo"])) == 0
    return create_app(settings)


def login_form_token(client: FlaskClient) -> str:
    """The CSRF token of the sign-in form."""
    page = client.get("/login").get_data(as_text=True)
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def login(client: FlaskClient, username: str, password: str = DEMO_PASSWORD, next_path: str = "/"):
    """Sign in through the form; returns the response (302 on success)."""
    return client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": login_form_token(client), "next": next_path},
    )


def csrf(client: FlaskClient) -> str:
    """The signed-in session's CSRF token, as the Dash renderer reads it from its cookie."""
    cookie = client.get_cookie("_csrf_token")
    return cookie.value if cookie else ""


def outputs_of(key: str) -> list[dict] | dict:
    """The `outputs` of a callback request, from the callback map's key."""
    parts = key.strip(".").split("...") if key.startswith("..") else [key]
    outputs = [dict(zip(("id", "property"), part.split(".", 1), strict=True)) for part in parts]
    return outputs if key.startswith("..") else outputs[0]


def dash_post(
    client: FlaskClient,
    app: Dash,
    key: str,
    values: dict[str, object],
    changed: str | None = None,
    headers: dict[str, str] | None = None,
):
    """POST a callback request for `key` with input/state values looked up in `values` ("id.prop")."""
    spec = app.callback_map[key]

    def filled(deps):
        return [{**d, "value": values.get(f"{d['id']}.{d['property']}")} for d in deps]

    inputs = filled(spec["inputs"])
    payload = {
        "output": key,
        "outputs": outputs_of(key),
        "inputs": inputs,
        "changedPropIds": [changed or f"{inputs[0]['id']}.{inputs[0]['property']}"],
        "state": filled(spec.get("state", [])),
    }
    return client.post(
        "/_dash-update-component", json=payload, headers={**(headers or {}), "X-CSRFToken": csrf(client)}
    )


def text_of(response) -> str:
    """A Dash JSON response as readable text (no \\u escapes), for substring checks."""
    try:
        return json.dumps(response.get_json(), ensure_ascii=False)
    except Exception:  # not JSON: an error page
        return response.get_data(as_text=True)


def render(client: FlaskClient, app: Dash, pathname: str = "/") -> str:
    """The shell callback's response for `pathname`, as text (raises on HTTP errors)."""
    response = dash_post(client, app, "shell.children", {"shell-request.data": {"pathname": pathname, "search": ""}})
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return text_of(response)


def callback_key(app: Dash, function_name: str) -> str:
    """The callback map key of the one callback registered from `function_name` (two of a name fail)."""
    from callbacks.registry import READS, WRITES

    found = [
        key
        for kind in (READS, WRITES)
        for key, name in app.server.extensions.get(kind, {}).items()
        if name == function_name
    ]
    if not found:
        raise KeyError(function_name)
    assert len(found) == 1, f"{function_name} names {len(found)} callbacks"
    return found[0]


def signed_in(app: Dash, username: str) -> FlaskClient:
    """A test client signed in as `username` (demo password)."""
    client = app.server.test_client()
    assert login(client, username).status_code == 302
    return client


def callback_outputs(response) -> dict:
    """{component id: {prop: value}} of a successful callback response."""
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response.get_json()["response"]


BOARD_DEFAULTS = {
    "f-q.value": "",
    "f-category.value": "*",
    "f-agency.value": "*",
    "f-deadline.value": "*",
    "f-within.value": None,
    "f-mine.value": False,
    "f-cancelled.value": False,
    "f-group.value": "category",
    "f-plan.value": "*",
    "board-limits.data": {},
    "board-changed.data": None,
}


def board_request(client: FlaskClient, app: Dash, headers: dict[str, str] | None = None, **filters: object):
    """The board callback's HTTP response for filters given as control values."""
    values = dict(BOARD_DEFAULTS)
    values.update({f"f-{k}.value": v for k, v in filters.items()})
    key = next(k for k in app.callback_map if k.startswith("..board-data.data...") and "@" not in k)
    return dash_post(client, app, key, values, changed="f-q.value", headers=headers)


def board_data(client: FlaskClient, app: Dash, **filters: object) -> dict:
    """The board's records as the browser receives them, for filters given as control values."""
    response = board_request(client, app, **filters)
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    return response.get_json()["response"]
