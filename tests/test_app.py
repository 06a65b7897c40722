"""The app shell over HTTP: the index, the first page's callback, the language switch, no CDN."""

from __future__ import annotations

import argparse
import json
import re

import pytest

from dashapp import create_app
from dashapp.cli import cmd_seed_demo
from dashapp.settings import Settings
from tests.conftest import TODAY


def _shell_request(pathname: str) -> dict:
    return {
        "output": "shell.children",
        "outputs": {"id": "shell", "property": "children"},
        "inputs": [{"id": "url", "property": "pathname", "value": pathname}],
        "changedPropIds": ["url.pathname"],
        "state": [],
    }


def build_settings(database_url: str, instance_path) -> Settings:
    """Settings for a test app: a pinned day, a throwaway instance folder."""
    env = {
        "DATABASE_URL": database_url,
        "TRACKER_TODAY": TODAY.isoformat(),
        "TRACKER_INSTANCE_PATH": str(instance_path),
        "SECRET_KEY": "test-secret",
    }
    return Settings.from_env(env)


@pytest.fixture
def app_factory(tmp_path):
    def build(database_url: str, seed: bool = True):
        settings = build_settings(database_url, tmp_path / "instance")
        if seed:
            assert cmd_seed_demo(settings, argparse.Namespace(if_empty=False)) == 0
        return create_app(settings)

    return build


@pytest.fixture
def client(app_factory, tmp_path):
    app = app_factory(f"sqlite:///{tmp_path / 'tracker.db'}")
    return app.server.test_client()


def _render(client, pathname="/", lang=None) -> str:
    if lang:
        client.set_cookie("lang", lang)
    response = client.post("/_dash-update-component", json=_shell_request(pathname))
    assert response.status_code == 200
    return json.dumps(response.get_json(), ensure_ascii=False)


def test_index_is_served_in_vietnamese_without_any_cdn(client):
    response = client.get("/")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert '<html lang="vi">' in html
    assert "00-bootstrap-5.3.9.min.css" in html
    assert not re.search(r"""(src|href)=["']https?://""", html), "every asset must be served locally"


def test_vendored_bootstrap_is_served(client):
    response = client.get("/assets/00-bootstrap-5.3.9.min.css")
    assert response.status_code == 200
    assert b"Bootstrap" in response.data[:200]


def test_first_page_lists_the_109_tasks_grouped_by_category(client):
    body = _render(client)
    assert body.count('"data-task-id"') == 109
    for code in ("awareness", "policy", "infrastructure", "platforms", "data", "security"):
        assert f'"data-lane": "{code}"' in body
    assert "Chuyển đổi nhận thức" in body and "4 nhiệm vụ" in body and "40 nhiệm vụ" in body
    assert "Dữ liệu mẫu" in body  # sample data is labelled as such
    assert "Quá hạn" in body and "Hoàn thành đúng hạn" in body and "Thường xuyên" in body
    assert "16/06/2026" in body  # today, dd/mm/yyyy


def test_english_switch(client):
    response = client.get("/lang/en?next=/")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "lang=en" in response.headers["Set-Cookie"] and "HttpOnly" in response.headers["Set-Cookie"]
    body = _render(client, lang="en")
    assert "Awareness" in body and "Done on time" in body and "Tiếng Việt" in body
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize(
    "target", ["//evil.example/x", "/\\evil.example", "https://evil.example/", "javascript:alert(1)"]
)
def test_language_switch_never_redirects_off_site(client, target):
    response = client.get("/lang/en", query_string={"next": target})
    assert response.headers["Location"] == "/"


def test_unknown_language_is_ignored(client):
    response = client.get("/lang/xx?next=/")
    assert "Set-Cookie" not in response.headers


def test_unknown_page_says_so(client):
    body = _render(client, "/khong-co")
    assert "Không tìm thấy trang" in body and '"data-task-id"' not in body


def test_empty_database_explains_what_to_do(app_factory, tmp_path):
    from dashapp.db import upgrade_database

    url = f"sqlite:///{tmp_path / 'empty.db'}"
    upgrade_database(url)
    client = app_factory(url, seed=False).server.test_client()
    body = _render(client)
    assert "Chưa có nhiệm vụ nào" in body and "seed-demo" in body


def test_task_text_is_rendered_as_text_not_html(app_factory, tmp_path):
    """A title with markup comes back as a plain string child, never as HTML."""
    from sqlmodel import Session, select

    from models.database import make_engine
    from models.tables import Task

    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    app = app_factory(url)
    engine = make_engine(url)
    with Session(engine) as s:
        task = s.exec(select(Task).where(Task.number == "1")).one()
        task.title = '<img src=x onerror="alert(1)">'
        s.commit()
    engine.dispose()
    body = _render(app.server.test_client())
    assert '"children": "<img src=x onerror=\\"alert(1)\\">"' in body
    assert "dangerouslySetInnerHTML" not in body


def test_two_apps_in_one_process_both_have_their_callbacks(app_factory, tmp_path):
    first = app_factory(f"sqlite:///{tmp_path / 'a.db'}")
    second = app_factory(f"sqlite:///{tmp_path / 'b.db'}", seed=False)
    assert "shell.children" in first.callback_map and "shell.children" in second.callback_map
