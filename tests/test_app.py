"""The app shell over HTTP: the index, the first page's callback, the language switch, no CDN."""

from __future__ import annotations

import re

import pytest
from sqlmodel import Session, select

from dashapp.db import upgrade_database
from models.database import make_engine
from models.demo import seed_demo_accounts
from models.tables import Task
from tests.conftest import NOW
from tests.web import board_data, login, render, seeded_app


@pytest.fixture
def app(tmp_path):
    return seeded_app(f"sqlite:///{tmp_path / 'tracker.db'}", tmp_path / "instance")


@pytest.fixture
def client(app):
    client = app.server.test_client()
    assert login(client, "admin").status_code == 302
    return client


def _body(client, app, pathname="/") -> str:
    return render(client, app, pathname)


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


def test_board_sends_the_109_tasks_by_category(client, app):
    response = board_data(client, app, cancelled=True)
    data = response["board-data"]["data"]
    cells = data["cells"]
    assert sum(c["count"] for c in cells.values()) == 109
    by_lane = {}
    for key, cell in cells.items():
        by_lane[key.split("|")[0]] = by_lane.get(key.split("|")[0], 0) + cell["count"]
    assert by_lane == {"awareness": 4, "policy": 17, "infrastructure": 13, "platforms": 32, "data": 40, "security": 3}
    assert data["lanes"][0]["label"] == "Chuyển đổi nhận thức"
    assert data["plan"]["sample"] is True
    badges = {r["b"] for c in cells.values() for r in c["tasks"]}
    assert any(b.startswith("Quá hạn") for b in badges) and "Hoàn thành đúng hạn" in badges and "Thường xuyên" in badges
    assert response["board-summary"]["children"].startswith("108 nhiệm vụ")  # cancelled tasks are not counted


def test_board_page_is_labelled_as_sample_data_and_dated(client, app):
    body = _body(client, app)
    assert "Dữ liệu mẫu" in body and "16/06/2026" in body and '"id": "board"' in body


def test_english_switch(client, app):
    response = client.get("/lang/en?next=/")
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert "lang=en" in response.headers["Set-Cookie"] and "HttpOnly" in response.headers["Set-Cookie"]
    data = board_data(client, app)["board-data"]["data"]
    assert data["lanes"][0]["label"] == "Awareness" and data["statuses"][0]["label"] == "Not started"
    assert "Tiếng Việt" in _body(client, app)
    assert '<html lang="en">' in client.get("/").get_data(as_text=True)


@pytest.mark.parametrize(
    "target", ["//evil.example/x", "/\\evil.example", "https://evil.example/", "javascript:alert(1)"]
)
def test_language_switch_never_redirects_off_site(client, target):
    response = client.get("/lang/en", query_string={"next": target})
    assert response.headers["Location"] == "/"


def test_unknown_language_is_ignored(client):
    response = client.get("/lang/xx?next=/")
    assert "lang=" not in response.headers.get("Set-Cookie", "")


def test_unknown_page_says_so(client, app):
    body = _body(client, app, "/khong-co")
    assert "Không tìm thấy trang" in body and '"data-task-id"' not in body


def test_empty_database_explains_what_to_do(tmp_path):
    """Accounts but no plan: the page says how to load one."""
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    upgrade_database(url)
    engine = make_engine(url)
    with Session(engine) as s:
        seed_demo_accounts(session=s, now=NOW)
    engine.dispose()
    app = seeded_app(url, tmp_path / "instance", seed=False)
    client = app.server.test_client()
    login(client, "admin")
    response = board_data(client, app)
    assert "Chưa có nhiệm vụ nào" in response["board-summary"]["children"]
    assert response["board-data"]["data"]["plan"] is None


def test_task_text_is_rendered_as_text_not_html(client, app, tmp_path):
    """A title with markup comes back as a plain string child, never as HTML."""
    engine = make_engine(f"sqlite:///{tmp_path / 'tracker.db'}")
    with Session(engine) as s:
        task = s.exec(select(Task).where(Task.number == "1")).one()
        task.title = '<img src=x onerror="alert(1)">'
        s.commit()
    engine.dispose()
    data = board_data(client, app)["board-data"]["data"]
    titles = [r["t"] for c in data["cells"].values() for r in c["tasks"]]
    assert '<img src=x onerror="alert(1)">' in titles  # sent as plain text: the script uses textContent


def test_two_apps_in_one_process_both_have_their_callbacks(tmp_path):
    first = seeded_app(f"sqlite:///{tmp_path / 'a.db'}", tmp_path / "i1", seed=False)
    second = seeded_app(f"sqlite:///{tmp_path / 'b.db'}", tmp_path / "i2", seed=False)
    assert "shell.children" in first.callback_map and "shell.children" in second.callback_map


def test_the_layout_brings_the_page_when_the_browser_says_which_one(client):
    """One round trip fewer: the layout request's Referer names the page, so the page comes with it."""
    with_page = client.get("/_dash-layout", headers={"Referer": "http://localhost/?cat=data"}).get_data(as_text=True)
    assert '"board-data"' in with_page
    assert '"lanes":[{"code":"data"' in with_page.replace(" ", "")  # the URL's filter is applied
    assert '"shell-needed"' in with_page and '"data":false' in with_page.replace(" ", "")
    elsewhere = client.get("/_dash-layout", headers={"Referer": "https://evil.example/"}).get_data(as_text=True)
    assert '"board-data"' not in elsewhere and '"data":true' in elsewhere.replace(" ", "")
    assert '"board-data"' not in client.get("/_dash-layout").get_data(as_text=True)
