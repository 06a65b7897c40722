"""The review page over HTTP: what each role sees, the figures against a direct count, recording a
session, turning a conclusion into a task, and the downloads (refused for agency officers)."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from dashapp.db import ENGINE_KEY
from models.deadlines import DeadlineState, deadline
from models.permissions import SYSTEM
from models.review import BUCKETS, headline, record_session, task_frame
from models.tables import Agency, AuditLog, Conclusion, Plan, ReviewSession, Status, Task, User
from models.workdays import default_calendar
from tests.conftest import NOW, TODAY
from tests.web import callback_key as _key
from tests.web import callback_outputs as _outputs
from tests.web import dash_post, render, seeded_app, text_of
from tests.web import signed_in as _client

FIGURES = ("total", *BUCKETS)
CONCLUSION = "Giao Sở Y tế hoàn thành kết nối dữ liệu tiêm chủng với nền tảng tích hợp của tỉnh"


@pytest.fixture
def app(db_url, tmp_path):
    return seeded_app(db_url, tmp_path / "instance")


def _engine(app):
    return app.server.extensions[ENGINE_KEY]


def _props(node) -> Iterator[dict]:
    """Every component's props in a serialised Dash tree."""
    if isinstance(node, list):
        for child in node:
            yield from _props(child)
    elif isinstance(node, dict):
        if "props" in node and "type" in node:
            yield node["props"]
            yield from _props(node["props"].get("children"))
        else:
            for value in node.values():
                yield from _props(value)


def _figures(tree) -> dict[str, int]:
    """The headline figures as the page shows them (data-figure → data-value)."""
    return {p["data-figure"]: int(p["data-value"]) for p in _props(tree) if "data-figure" in p}


def _page(app, username: str) -> dict:
    body = render(_client(app, username), app, "/review")
    return json.loads(body)


def _plan(app) -> Plan:
    with Session(_engine(app)) as s:
        return s.exec(select(Plan)).one()


def _model_figures(app, **filters) -> dict[str, int]:
    with Session(_engine(app)) as s:
        frame = task_frame(session=s, plan_id=_plan(app).id, today=TODAY, calendar=default_calendar(), **filters)
        return headline(frame)


def _direct(app, *where) -> dict[str, int]:
    """The six figures counted straight from the database: statuses, split by the deadline rule."""
    with Session(_engine(app)) as s:
        tasks = s.exec(select(Task).where(Task.status != "cancelled", *where)).all()
    states = [(t.status, deadline(t, TODAY, calendar=default_calendar()).state) for t in tasks]
    late = DeadlineState.OVERDUE
    return {
        "total": len(tasks),
        "done_on_time": sum(1 for st, d in states if st == Status.DONE and d != DeadlineState.DONE_LATE),
        "done_late": sum(1 for st, d in states if st == Status.DONE and d == DeadlineState.DONE_LATE),
        "in_progress_on_time": sum(1 for st, d in states if st in ("in_progress", "submitted") and d != late),
        "in_progress_overdue": sum(1 for st, d in states if st in ("in_progress", "submitted") and d == late),
        "not_started": sum(1 for st, _d in states if st == Status.NOT_STARTED),
    }


def _agency_id(app, code: str) -> int:
    with Session(_engine(app)) as s:
        return s.exec(select(Agency.id).where(Agency.code == code)).one()


def _count(app, model, *where) -> int:
    with Session(_engine(app)) as s:
        return s.exec(select(func.count()).select_from(model).where(*where)).one()


# --- the page --------------------------------------------------------------------------------------


@pytest.mark.parametrize("username", ["sotttt", "soyte", "bcd"])
def test_the_page_shows_the_six_figures_of_the_plan(app, username):
    page = _page(app, username)
    text = json.dumps(page, ensure_ascii=False)
    assert "Rà soát tiến độ Kế hoạch 55/KH-UBND" in text and "số liệu tính đến ngày 16/06/2026" in text
    shown = _figures(page)
    assert set(shown) == set(FIGURES)
    expected = {k: v for k, v in _model_figures(app).items() if k in FIGURES}
    assert shown == expected == _direct(app)
    assert shown["total"] == 108 and sum(shown[b] for b in BUCKETS) == shown["total"]
    for section in ("categories", "scorecard", "burnup", "overdue", "changes"):
        assert f'"review-section-{section}"' in text
    assert "Chưa có phiên rà soát nào trước đây" in text and "Chưa ghi phiên rà soát nào." in text


FORMS = {
    "record": '"data-form": "record-session"',
    "follow-up": '"data-form": "follow-up"',
    "exports": '"id": "review-excel"',
}


@pytest.mark.parametrize(
    ("username", "expected"),
    [
        ("sotttt", {"record", "follow-up", "exports"}),
        ("admin", {"record", "follow-up", "exports"}),
        ("bcd", {"exports"}),
        ("soyte", set()),
    ],
)
def test_forms_and_exports_appear_only_for_who_may_use_them(app, username, expected):
    text = render(_client(app, username), app, "/review")
    assert {name for name, marker in FORMS.items() if marker in text} == expected
    assert '"data-figure": "total"' in text  # everyone sees the figures


def _filter(app, client, category="*", agency="*"):
    values = {"review-category.value": category, "review-agency.value": agency, "review-refresh.data": 0}
    return _outputs(dash_post(client, app, _key(app, "filter_review"), values, changed="review-category.value"))


def test_the_category_filter_redraws_the_figures_for_that_category_only(app):
    client = _client(app, "bcd")
    body = _filter(app, client, category="data")["review-body"]["children"]
    shown = _figures(body)
    expected = {k: v for k, v in _model_figures(app, category="data").items() if k in FIGURES}
    assert shown == expected == _direct(app, Task.category_code == "data")
    assert shown["total"] == 40 < _direct(app)["total"]
    # the overdue list names only tasks of the category
    with Session(_engine(app)) as s:
        data_ids = set(s.exec(select(Task.id).where(Task.category_code == "data")).all())
    links = [p["href"] for p in _props(body) if str(p.get("href", "")).startswith("/task/")]
    assert links and {int(h.rsplit("/", 1)[1]) for h in links} <= data_ids


def test_the_agency_filter_redraws_the_figures_for_that_agency(app):
    soyte = _agency_id(app, "soyte")
    shown = _figures(_filter(app, _client(app, "sotttt"), agency=str(soyte))["review-body"]["children"])
    assert shown == _direct(app, Task.lead_agency_id == soyte)
    assert 0 < shown["total"] < 108
    everything = _figures(_filter(app, _client(app, "sotttt"))["review-body"]["children"])
    assert everything == _direct(app)


# --- recording a session -----------------------------------------------------------------------------


def _record(app, client, *, held_on="16/06/2026", chair="Phó Chủ tịch UBND tỉnh", conclusions=CONCLUSION + "\n\n"):
    values = {
        "review-record.n_clicks": 1,
        "review-held-on.value": held_on,
        "review-chair.value": chair,
        "review-attendees.value": "Thành viên Ban Chỉ đạo",
        "review-notes.value": "Đánh giá kết quả 6 tháng đầu năm",
        "review-conclusions.value": conclusions,
    }
    return dash_post(client, app, _key(app, "record_review"), values, changed="review-record.n_clicks")


def test_a_coordinator_records_a_session_through_the_page(app):
    out = _outputs(_record(app, _client(app, "sotttt")))
    message = json.dumps(out["review-record-msg"], ensure_ascii=False)
    assert "Đã ghi phiên rà soát ngày 16/06/2026 với 1 kết luận." in message
    sessions = json.dumps(out["review-sessions"], ensure_ascii=False)
    assert "Phiên ngày 16/06/2026 — chủ trì: Phó Chủ tịch UBND tỉnh" in sessions
    assert CONCLUSION in sessions and "chưa giao nhiệm vụ" in sessions
    with Session(_engine(app)) as s:
        review = s.exec(select(ReviewSession)).one()
        conclusion = s.exec(select(Conclusion)).one()
    assert review.held_on == TODAY and review.chair == "Phó Chủ tịch UBND tỉnh"
    assert {k: review.snapshot[k] for k in FIGURES} == _direct(app)
    assert conclusion.text == CONCLUSION and conclusion.session_id == review.id
    assert out["review-fu-conclusion"]["options"][0]["value"] == str(conclusion.id)
    assert out["review-minutes-session"]["options"] == [
        {"label": "Phiên ngày 16/06/2026 — chủ trì: Phó Chủ tịch UBND tỉnh", "value": str(review.id)}
    ]
    assert out["review-chair"]["value"] == "" and out["review-conclusions"]["value"] == ""
    # the page now lists the session; held today, it is the meeting itself, so changes still count from
    # an earlier session (none yet) — then one held on 10/06 becomes "the last session"
    text = render(_client(app, "bcd"), app, "/review")
    assert CONCLUSION in text and "Chưa ghi phiên rà soát nào." not in text
    assert "Chưa có phiên rà soát nào trước đây" in text
    with Session(app.server.extensions[ENGINE_KEY]) as s:
        plan_id = s.exec(select(ReviewSession.plan_id)).first()
        record_session(
            session=s, actor=SYSTEM, now=NOW, calendar=default_calendar(), plan_id=plan_id,
            held_on=date(2026, 6, 10), chair="Trưởng Ban Chỉ đạo",
        )  # fmt: skip
    text = render(_client(app, "bcd"), app, "/review")
    assert "Trạng thái, tiến độ hoặc thời hạn thay đổi từ phiên ngày 10/06/2026:" in text


@pytest.mark.parametrize(
    ("held_on", "chair", "message"),
    [
        ("31/02/2026", "Chủ tịch", "Ngày «31/02/2026» không hợp lệ"),
        ("", "Chủ tịch", "Hãy nhập ngày họp theo dạng dd/mm/yyyy."),
        ("17/06/2026", "Chủ tịch", "Ngày họp không được sau hôm nay (16/06/2026)."),
        ("16/06/2026", "", "Hãy nhập người chủ trì phiên họp."),
    ],
)
def test_a_bad_session_is_refused_in_vietnamese_and_nothing_is_written(app, held_on, chair, message):
    out = _outputs(_record(app, _client(app, "sotttt"), held_on=held_on, chair=chair))
    assert message in json.dumps(out["review-record-msg"], ensure_ascii=False)
    assert "review-sessions" not in out and "review-chair" not in out  # the form keeps what was typed
    assert _count(app, ReviewSession) == 0 and _count(app, Conclusion) == 0


@pytest.mark.parametrize("username", ["soyte", "bcd"])
def test_a_forged_record_request_is_refused_and_logged(app, username):
    out = _outputs(_record(app, _client(app, username)))
    assert "không có quyền" in json.dumps(out["review-record-msg"], ensure_ascii=False)
    assert _count(app, ReviewSession) == 0
    with Session(_engine(app)) as s:
        user = s.exec(select(User).where(User.username == username)).one()
        entry = s.exec(select(AuditLog).where(AuditLog.outcome == "refused", AuditLog.actor_id == user.id)).one()
    assert entry.action == "write_reports"


# --- a conclusion becomes a task ----------------------------------------------------------------------


def _recorded_conclusion(app) -> Conclusion:
    with Session(_engine(app)) as s:
        coordinator = s.exec(select(User).where(User.username == "sotttt")).one()
        review = record_session(
            session=s, actor=coordinator, now=NOW, calendar=default_calendar(), plan_id=_plan(app).id,
            held_on="16/06/2026", chair="Phó Chủ tịch UBND tỉnh", conclusions=[CONCLUSION],
        )  # fmt: skip
        return s.exec(select(Conclusion).where(Conclusion.session_id == review.id)).one()


def _follow_up(app, client, conclusion_id, *, lead=None, due="30/09/2026", category="data"):
    values = {
        "review-fu-save.n_clicks": 1,
        "review-fu-conclusion.value": conclusion_id,
        "review-fu-lead.value": lead if lead is not None else str(_agency_id(app, "soyte")),
        "review-fu-due.value": due,
        "review-fu-category.value": category,
    }
    return dash_post(client, app, _key(app, "make_follow_up"), values, changed="review-fu-save.n_clicks")


def test_a_conclusion_becomes_task_110_through_the_page(app):
    conclusion = _recorded_conclusion(app)
    out = _outputs(_follow_up(app, _client(app, "sotttt"), str(conclusion.id)))
    assert "Đã giao nhiệm vụ số 110" in json.dumps(out["review-fu-msg"], ensure_ascii=False)
    with Session(_engine(app)) as s:
        task = s.exec(select(Task).where(Task.number == "110")).one()
        linked = s.get(Conclusion, conclusion.id)
    assert task.title == CONCLUSION and task.status == Status.NOT_STARTED
    assert task.lead_agency_id == _agency_id(app, "soyte") and task.category_code == "data"
    assert task.due_date.isoformat() == "2026-09-30"
    assert linked.task_id == task.id
    assert "→ nhiệm vụ số 110" in json.dumps(out["review-sessions"], ensure_ascii=False)
    assert out["review-fu-conclusion"]["options"] == []  # nothing left to assign
    assert out["review-fu-conclusion"]["value"] is None
    # the task's page says where it came from
    page = render(_client(app, "bcd"), app, f"/task/{task.id}")
    assert "Kết luận phiên rà soát ngày 16/06/2026" in page


def test_a_follow_up_needs_a_conclusion(app):
    _recorded_conclusion(app)
    out = _outputs(_follow_up(app, _client(app, "sotttt"), None))
    assert "Hãy chọn kết luận cần giao." in json.dumps(out["review-fu-msg"], ensure_ascii=False)
    assert "review-sessions" not in out
    assert _count(app, Task, Task.number == "110") == 0


def test_a_follow_up_due_before_the_session_is_refused(app):
    conclusion = _recorded_conclusion(app)
    out = _outputs(_follow_up(app, _client(app, "sotttt"), str(conclusion.id), due="15/06/2026"))
    message = json.dumps(out["review-fu-msg"], ensure_ascii=False)
    assert "Hạn hoàn thành không được trước ngày họp (16/06/2026)." in message
    assert _count(app, Task, Task.number == "110") == 0


def test_an_officer_cannot_turn_a_conclusion_into_a_task(app):
    conclusion = _recorded_conclusion(app)
    out = _outputs(_follow_up(app, _client(app, "soyte"), str(conclusion.id)))
    assert "không có quyền" in json.dumps(out["review-fu-msg"], ensure_ascii=False)
    assert _count(app, Task, Task.number == "110") == 0
    assert _count(app, AuditLog, AuditLog.outcome == "refused", AuditLog.action == "edit_task") == 1


# --- downloads -------------------------------------------------------------------------------------------


def _download(app, client, pressed: str, *, session_id=None, category="*", agency="*"):
    values = {
        f"review-{pressed}.n_clicks": 1,
        "review-category.value": category,
        "review-agency.value": agency,
        "review-report-kind.value": "semiannual",
        "review-report-year.value": 2026,
        "review-minutes-session.value": session_id,
    }
    return dash_post(client, app, _key(app, "download"), values, changed=f"review-{pressed}.n_clicks")


def test_an_officer_may_not_export_and_the_refusal_is_logged(app):
    out = _outputs(_download(app, _client(app, "soyte"), "excel"))
    assert "không có quyền" in json.dumps(out["review-export-msg"], ensure_ascii=False)
    assert "review-download" not in out
    assert "content" not in text_of(_download(app, _client(app, "soyte"), "excel"))
    with Session(_engine(app)) as s:
        soyte = s.exec(select(User).where(User.username == "soyte")).one()
        entries = s.exec(select(AuditLog).where(AuditLog.outcome == "refused")).all()
    assert len(entries) == 2 and {(e.action, e.actor_id) for e in entries} == {("export", soyte.id)}


@pytest.mark.parametrize("username", ["bcd", "sotttt"])
def test_the_excel_export_sends_a_workbook(app, username):
    out = _outputs(_download(app, _client(app, username), "excel"))
    sent = out["review-download"]["data"]
    assert sent["filename"] == "nhiem-vu-2026-06-16.xlsx" and sent["base64"] is True
    data = base64.b64decode(sent["content"])
    assert data[:2] == b"PK" and len(data) > 1000  # an .xlsx is a zip archive
    assert "Đã tạo tệp nhiem-vu-2026-06-16.xlsx." in json.dumps(out["review-export-msg"], ensure_ascii=False)
    assert _count(app, AuditLog, AuditLog.outcome == "refused") == 0


def test_the_minutes_need_a_session(app):
    out = _outputs(_download(app, _client(app, "sotttt"), "minutes"))
    assert "Chọn phiên họp…" in json.dumps(out["review-export-msg"], ensure_ascii=False)
    assert "review-download" not in out
