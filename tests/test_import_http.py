"""The import page over HTTP: who may open it, and its template and plan downloads."""

from __future__ import annotations

import base64
import io

import openpyxl
import pytest
from sqlmodel import Session, select

from dashapp.db import ENGINE_KEY
from models.tables import AuditLog
from tests.web import callback_key, dash_post, render, seeded_app, signed_in


@pytest.fixture
def app(db_url, tmp_path):
    return seeded_app(db_url, tmp_path / "instance")


def workbook_of(response) -> openpyxl.Workbook:
    data = response.get_json()["response"]["imp-download"]["data"]
    return openpyxl.load_workbook(io.BytesIO(base64.b64decode(data["content"]))), data["filename"]


def test_only_coordinators_and_admins_open_the_import_page(app):
    for username in ("sotttt", "admin"):
        page = render(signed_in(app, username), app, "/admin/import")
        assert "Nhập kế hoạch từ phụ lục (Excel)" in page and "imp-upload" in page
    for username in ("soyte", "bcd"):
        page = render(signed_in(app, username), app, "/admin/import")
        assert "imp-upload" not in page and "Nhập kế hoạch từ phụ lục" not in page


def test_the_template_and_the_current_plan_download(app):
    client = signed_in(app, "sotttt")
    key = callback_key(app, "download_plan_file")
    template, name = workbook_of(
        dash_post(client, app, key, {"imp-template.n_clicks": 1}, changed="imp-template.n_clicks")
    )
    assert name == "mau-phu-luc-ke-hoach.xlsx"
    values = [c for row in template.worksheets[0].iter_rows(values_only=True) for c in row if c]
    assert "Cơ quan chủ trì" in " ".join(map(str, values)) and "CHUYỂN ĐỔI NHẬN THỨC" in values
    plan, name = workbook_of(dash_post(client, app, key, {"imp-export.n_clicks": 1}, changed="imp-export.n_clicks"))
    assert name == "phu-luc-55-KH-UBND.xlsx"
    numbers = [row[0] for row in plan.worksheets[0].iter_rows(values_only=True)]
    assert "1" in map(str, numbers) and "109" in map(str, numbers)


def test_an_officer_cannot_export_the_plan_through_the_callback(app):
    client = signed_in(app, "soyte")
    response = dash_post(
        client, app, callback_key(app, "download_plan_file"), {"imp-export.n_clicks": 1}, changed="imp-export.n_clicks"
    )
    assert response.status_code == 204  # nothing sent
    with Session(app.server.extensions[ENGINE_KEY]) as s:
        refused = s.exec(select(AuditLog).where(AuditLog.outcome == "refused", AuditLog.action == "export")).all()
    assert refused
