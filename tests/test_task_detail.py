"""The task detail page over HTTP: what each role sees, writes through the page, conflicts, not found."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlmodel import Session, select

from dashapp.db import ENGINE_KEY
from i18n import format_date
from models.errors import PermissionDenied, ValidationError
from models.extensions import request_extension
from models.permissions import SYSTEM
from models.tables import AuditLog, ExtensionRequest, ExtensionStatus, ProgressReport, Task, TaskEvent
from models.tasks import TaskDetail, edit_task_details, task_detail, update_details
from tests.conftest import NOW, TODAY
from tests.web import callback_key as _key
from tests.web import callback_outputs as _outputs
from tests.web import dash_post, render, seeded_app, text_of
from tests.web import signed_in as _client

SOYTE_TASK = "47"  # led by Sở Y tế, in progress; coordinated by BHXH, Công an tỉnh, UBND thành phố
OTHER_TASK = "18"  # led by Sở Nội vụ, not started; Sở Y tế has nothing to do with it
COORDINATED_TASK = "50"  # led by the State Bank branch, submitted; Sở Y tế coordinates
SUBMITTED_TASK = "19"  # led by Sở Tài chính, submitted


@pytest.fixture
def app(db_url, tmp_path):
    return seeded_app(db_url, tmp_path / "instance")


def _engine(app):
    return app.server.extensions[ENGINE_KEY]


def _task(app, number: str) -> Task:
    with Session(_engine(app)) as s:
        return s.exec(select(Task).where(Task.number == number)).one()


def _report(app, client, number: str, *, version: int | None = None, progress=75, note="Đã xong", url=""):
    task = _task(app, number)
    return dash_post(
        client,
        app,
        _key(app, "report_task_progress"),
        {
            "task-progress-save.n_clicks": 1,
            "task-progress-value.value": progress,
            "task-progress-note.value": note,
            "task-progress-url.value": url,
            "task-id.data": task.id,
            "task-version.data": task.version if version is None else version,
        },
    )


# --- what the page shows -------------------------------------------------------------------------


def test_the_page_shows_every_field_dates_and_the_history(app):
    task = _task(app, SOYTE_TASK)
    body = render(_client(app, "soyte"), app, f"/task/{task.id}")
    assert task.title in body
    assert "Kế hoạch 55/KH-UBND" in body and f"Nhiệm vụ số {SOYTE_TASK}" in body
    assert "Sở Y tế" in body and "Bảo hiểm xã hội tỉnh Tuyên Quang" in body and "Công an tỉnh" in body
    assert task.time_frame in body and format_date(task.due_date) in body  # the plan's words beside the date
    assert "Đang thực hiện" in body and f"{task.progress}%" in body and "Trong hạn" in body
    assert task.expected_output in body and format_date(task.start_date) in body
    assert "Lịch sử thay đổi" in body and "Tạo nhiệm vụ" in body
    assert "Chưa triển khai → Đang thực hiện" in body  # statuses in words
    assert f"Ngày bắt đầu: — → {format_date(task.start_date)}" in body  # dates dd/mm/yyyy
    assert task.start_date.isoformat() not in body
    assert "Báo cáo tiến độ" in body and "612.000 hồ sơ" in body  # the seeded progress report
    assert '"href": "/"' in body  # the way back to the board
    assert "dangerouslySetInnerHTML" not in body


def test_the_page_speaks_english_after_the_switch(app):
    client = _client(app, "soyte")
    client.get("/lang/en?next=/")
    task = _task(app, SOYTE_TASK)
    body = render(client, app, f"/task/{task.id}")
    assert f"Task no. {SOYTE_TASK}" in body and "In progress" in body and "Report progress" in body
    assert format_date(task.due_date) in body  # dd/mm/yyyy in both languages


def test_a_yearly_task_lists_its_earlier_cycles(app):
    with Session(_engine(app)) as s:
        yearly = s.exec(select(Task).where(Task.recurrence == "yearly")).first()
    body = render(_client(app, "bcd"), app, f"/task/{yearly.id}")
    assert "Các chu kỳ trước" in body and "Trễ 9 ngày" in body and "Đúng hạn" in body


@pytest.mark.parametrize("path", ["/task/999999", "/task/99999999999999999999"])
def test_an_unknown_task_says_not_found_with_the_way_back(app, path):
    body = render(_client(app, "soyte"), app, path)
    assert f"Không tìm thấy nhiệm vụ số {path.rsplit('/', 1)[1]}" in body
    assert "Về trang nhiệm vụ" in body and '"href": "/"' in body
    assert "task-version" not in body


# --- forms per role ------------------------------------------------------------------------------

FORMS = {
    "move": "task-move-save",
    "progress": "task-progress-save",
    "comment": "task-comment-save",
    "request": "task-extreq-save",
    "decide": "task-decide-approve",
    "edit": "task-edit-save",
}


def _forms(body: str) -> set[str]:
    return {name for name, button in FORMS.items() if f'"id": "{button}"' in body}


@pytest.mark.parametrize(
    ("username", "number", "expected"),
    [
        ("soyte", SOYTE_TASK, {"move", "progress", "comment", "request"}),
        ("soyte", COORDINATED_TASK, {"comment"}),
        ("soyte", OTHER_TASK, set()),
        ("bcd", SOYTE_TASK, set()),
        ("sotttt", SOYTE_TASK, {"move", "progress", "comment", "request", "edit"}),
        ("admin", SOYTE_TASK, {"move", "progress", "comment", "request", "edit"}),
    ],
)
def test_forms_appear_only_for_what_the_user_may_do(app, username, number, expected):
    body = render(_client(app, username), app, f"/task/{_task(app, number).id}")
    assert _forms(body) == expected
    assert ("Bạn không có thao tác cập nhật nào" in body) == (expected <= {"comment"})


def test_the_agency_reports_done_and_the_coordinator_confirms_or_returns(app):
    soyte = render(_client(app, "soyte"), app, f"/task/{_task(app, SOYTE_TASK).id}")
    assert "Báo cáo hoàn thành" in soyte and "Xác nhận hoàn thành" not in soyte and "Hủy nhiệm vụ" not in soyte
    sotttt = render(_client(app, "sotttt"), app, f"/task/{_task(app, SUBMITTED_TASK).id}")
    assert "Xác nhận hoàn thành" in sotttt and "Trả lại để tiếp tục thực hiện" in sotttt


def test_the_coordinator_sees_the_decision_form_when_a_request_is_pending(app):
    task = _task(app, SOYTE_TASK)
    client = _client(app, "sotttt")
    assert "decide" not in _forms(render(client, app, f"/task/{task.id}"))
    with Session(_engine(app)) as s:
        request_extension(
            session=s, task_id=task.id, new_due_date=date(2028, 6, 30), reason="Chờ vốn", actor=SYSTEM, now=NOW
        )
    body = render(client, app, f"/task/{task.id}")
    assert "decide" in _forms(body) and "request" not in _forms(body)
    assert "Chờ xét duyệt" in body and "30/06/2028" in body and "Chờ vốn" in body
    officer = render(_client(app, "soyte"), app, f"/task/{task.id}")
    assert "decide" not in _forms(officer) and "đang chờ Sở TT&TT xét duyệt" in officer


# --- writes through the page ---------------------------------------------------------------------


def test_a_progress_report_through_the_page_is_stored_and_the_page_refreshes(app):
    client = _client(app, "soyte")
    task = _task(app, SOYTE_TASK)
    out = _outputs(_report(app, client, SOYTE_TASK, url="https://dx.example/bc.pdf"))
    assert "Đã ghi nhận báo cáo tiến độ" in json.dumps(out, ensure_ascii=False)
    assert out["task-progress-note"]["value"] == "" and out["task-progress-url"]["value"] == ""
    token = next(value["data"] for key, value in out.items() if key.startswith("task-refresh"))
    stored = _task(app, SOYTE_TASK)
    assert (stored.progress, stored.version) == (75, task.version + 1)
    refreshed = _outputs(
        dash_post(
            client,
            app,
            _key(app, "refresh_task"),
            {"task-refresh.data": token, "task-id.data": task.id, "task-forms-key.data": None},
        )
    )
    assert refreshed["task-version"]["data"] == stored.version
    text = json.dumps(refreshed, ensure_ascii=False)
    assert "75%" in text and "https://dx.example/bc.pdf" in text and "Tiến độ: 35% → 75%" in text


def test_a_bad_link_is_refused_in_vietnamese_and_the_typed_text_stays(app):
    client = _client(app, "soyte")
    before = _task(app, SOYTE_TASK)
    response = _report(app, client, SOYTE_TASK, url="javascript:alert(1)", note="Ghi chú đã gõ")
    out = _outputs(response)
    assert "Đường dẫn phải bắt đầu bằng http:// hoặc https://" in text_of(response)
    assert "task-progress-note" not in out and "task-progress-url" not in out  # the form keeps them
    assert _task(app, SOYTE_TASK).version == before.version


def test_a_write_with_a_stale_version_shows_the_conflict_and_changes_nothing(app):
    client = _client(app, "soyte")
    seen = _task(app, SOYTE_TASK)
    with Session(_engine(app)) as s:  # someone else changes the task after the page was rendered
        update_details(
            session=s, task_id=seen.id, expected_version=seen.version, values={"expected_output": "Khác"},
            actor=SYSTEM, now=NOW,
        )  # fmt: skip
    with Session(_engine(app)) as s:
        reports_before = len(s.exec(select(ProgressReport)).all())
    response = _report(app, client, SOYTE_TASK, version=seen.version, progress=90, note="Không được mất")
    out = _outputs(response)
    assert "vừa được người khác thay đổi" in text_of(response)
    assert any(key.startswith("task-refresh") for key in out)  # the page re-renders the current state
    assert "task-progress-note" not in out  # what the user typed stays
    now = _task(app, SOYTE_TASK)
    assert (now.progress, now.version) == (seen.progress, seen.version + 1)
    with Session(_engine(app)) as s:
        assert len(s.exec(select(ProgressReport)).all()) == reports_before


def _edit_form(task: Task) -> tuple[dict, dict]:
    """The edit form's inputs and baseline as the page renders them for `task`."""
    baseline = {
        "title": task.title,
        "description": task.description,
        "category_code": task.category_code,
        "lead_agency_id": str(task.lead_agency_id),
        "due_date": format_date(task.due_date),
        "time_frame": task.time_frame,
        "expected_output": task.expected_output,
    }
    ids = {
        "title": "task-edit-title",
        "description": "task-edit-description",
        "category_code": "task-edit-category",
        "lead_agency_id": "task-edit-lead",
        "due_date": "task-edit-due",
        "time_frame": "task-edit-time-frame",
        "expected_output": "task-edit-output",
    }
    values = {f"{ids[field]}.value": value for field, value in baseline.items()}
    values.update(
        {
            "task-edit-save.n_clicks": 1,
            "task-edit-baseline.data": baseline,
            "task-id.data": task.id,
            "task-version.data": task.version,
        }
    )
    return values, baseline


def _component(body: str, component_id: str) -> dict:
    """The props of the component `component_id` in a rendered page."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("props", {}).get("id") == component_id:
                found.append(node["props"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(body))
    assert len(found) == 1, component_id
    return found[0]


def test_the_page_renders_the_edit_form_with_the_tasks_values(app):
    task = _task(app, OTHER_TASK)
    body = render(_client(app, "sotttt"), app, f"/task/{task.id}")
    _values, baseline = _edit_form(task)
    assert _component(body, "task-edit-baseline")["data"] == baseline
    assert _component(body, "task-edit-due")["value"] == format_date(task.due_date)
    assert _component(body, "task-edit-lead")["value"] == str(task.lead_agency_id)
    assert _component(body, "task-version")["data"] == task.version
    assert _component(body, "task-id")["data"] == task.id


def test_a_stale_edit_keeps_the_users_change_and_undoes_nobody_elses(app):
    client = _client(app, "sotttt")
    seen = _task(app, OTHER_TASK)
    assert "edit" in _forms(render(client, app, f"/task/{seen.id}"))
    values, _baseline = _edit_form(seen)
    with Session(_engine(app)) as s:  # another coordinator retitles the task meanwhile
        update_details(
            session=s, task_id=seen.id, expected_version=seen.version, values={"title": "Tên mới của người khác"},
            actor=SYSTEM, now=NOW,
        )  # fmt: skip
    values["task-edit-description.value"] = "Mô tả do tôi viết"
    response = dash_post(client, app, _key(app, "save_task_details"), values)
    out = _outputs(response)
    assert "vừa được người khác thay đổi" in text_of(response)
    assert out["task-edit-title"]["value"] == "Tên mới của người khác"  # untouched field: the current value
    assert out["task-edit-description"]["value"] == "Mô tả do tôi viết"  # the user's change stays
    assert _task(app, OTHER_TASK).description == seen.description
    # Saving again from the merged form stores the user's change and keeps the other one.
    values.update(
        {
            "task-edit-title.value": out["task-edit-title"]["value"],
            "task-edit-baseline.data": out["task-edit-baseline"]["data"],
            "task-version.data": seen.version + 1,
        }
    )
    response = dash_post(client, app, _key(app, "save_task_details"), values)
    assert "Đã lưu thay đổi" in text_of(response)
    stored = _task(app, OTHER_TASK)
    assert (stored.title, stored.description) == ("Tên mới của người khác", "Mô tả do tôi viết")


def test_the_edit_form_checks_the_typed_date(app):
    client = _client(app, "sotttt")
    task = _task(app, OTHER_TASK)
    values, _baseline = _edit_form(task)
    values["task-edit-due.value"] = "31/13/2027"
    values["task-edit-title.value"] = "Tên đã gõ"
    response = dash_post(client, app, _key(app, "save_task_details"), values)
    out = _outputs(response)
    assert "Ngày «31/13/2027» không hợp lệ" in text_of(response)
    assert "task-edit-title" not in out and "task-edit-due" not in out  # the typed values stay
    stored = _task(app, OTHER_TASK)
    assert (stored.due_date, stored.title, stored.version) == (task.due_date, task.title, task.version)


def test_saving_an_unchanged_form_changes_nothing(app):
    task = _task(app, OTHER_TASK)
    values, _baseline = _edit_form(task)
    response = dash_post(_client(app, "sotttt"), app, _key(app, "save_task_details"), values)
    assert "Không có thay đổi nào để lưu" in text_of(response)
    assert _task(app, OTHER_TASK).version == task.version


def test_extension_requested_by_the_agency_and_approved_by_the_coordinator(app):
    task = _task(app, SOYTE_TASK)
    officer = _client(app, "soyte")
    response = dash_post(
        officer,
        app,
        _key(app, "request_task_extension"),
        {
            "task-extreq-save.n_clicks": 1,
            "task-extreq-date.value": "30/06/2028",
            "task-extreq-reason.value": "Chờ phân bổ vốn",
            "task-id.data": task.id,
        },
    )
    assert "Đã gửi đề nghị gia hạn đến 30/06/2028" in text_of(response)
    with Session(_engine(app)) as s:
        request = s.exec(select(ExtensionRequest).where(ExtensionRequest.task_id == task.id)).one()
    coordinator = _client(app, "sotttt")
    response = dash_post(
        coordinator,
        app,
        _key(app, "decide_task_extension"),
        {
            "task-decide-approve.n_clicks": 1,
            "task-decide-request.data": request.id,
            "task-decide-note.value": "Đồng ý",
            "task-version.data": task.version,
        },
    )
    assert "Đã chấp thuận" in text_of(response)
    stored = _task(app, SOYTE_TASK)
    assert (stored.due_date, stored.original_due_date) == (date(2028, 6, 30), task.original_due_date)
    body = render(coordinator, app, f"/task/{task.id}")
    assert "Chấp thuận gia hạn" in body and f"Hạn hoàn thành: {format_date(task.due_date)} → 30/06/2028" in body
    assert f"hạn ban đầu: {format_date(task.original_due_date)}, đã gia hạn" in body
    assert "Đã chấp thuận" in body


def test_the_refuse_button_refuses(app):
    task = _task(app, SOYTE_TASK)
    with Session(_engine(app)) as s:
        request_id = request_extension(
            session=s, task_id=task.id, new_due_date=date(2028, 6, 30), reason="x", actor=SYSTEM, now=NOW
        ).id
    response = dash_post(
        _client(app, "sotttt"),
        app,
        _key(app, "decide_task_extension"),
        {
            "task-decide-refuse.n_clicks": 1,
            "task-decide-request.data": request_id,
            "task-decide-note.value": "Không đủ căn cứ",
            "task-version.data": task.version,
        },
        changed="task-decide-refuse.n_clicks",
    )
    assert "Đã từ chối đề nghị gia hạn" in text_of(response)
    with Session(_engine(app)) as s:
        assert s.get(ExtensionRequest, request_id).status == ExtensionStatus.REFUSED
    assert _task(app, SOYTE_TASK).due_date == task.due_date


def test_a_status_move_through_the_page(app):
    client = _client(app, "soyte")
    task = _task(app, SOYTE_TASK)
    values = {
        "task-move-save.n_clicks": 1,
        "task-move-note.value": "",
        "task-id.data": task.id,
        "task-version.data": task.version,
    }
    response = dash_post(client, app, _key(app, "move_task"), {**values, "task-move-target.value": None})
    assert "Hãy chọn thao tác trước" in text_of(response)
    response = dash_post(client, app, _key(app, "move_task"), {**values, "task-move-target.value": "submitted"})
    assert "Đã chuyển nhiệm vụ sang «Chờ xác nhận»" in text_of(response)
    assert _task(app, SOYTE_TASK).status == "submitted"
    body = render(client, app, f"/task/{task.id}")
    assert "Đang thực hiện → Chờ xác nhận" in body and "decide" not in _forms(body)


def test_comments_are_text_never_html(app):
    client = _client(app, "soyte")
    task = _task(app, COORDINATED_TASK)  # Sở Y tế coordinates: it may comment
    markup = "<img src=x onerror=alert(1)>"
    response = dash_post(
        client,
        app,
        _key(app, "comment_on_task"),
        {"task-comment-save.n_clicks": 1, "task-comment-body.value": markup, "task-id.data": task.id},
    )
    assert "Đã gửi ý kiến" in text_of(response)
    body = render(client, app, f"/task/{task.id}")
    assert f'"children": "{markup}"' in body  # a plain string child
    assert "dangerouslySetInnerHTML" not in body


# --- the read model and the form edit (models) ---------------------------------------------------


@pytest.fixture
def detail_world(make, session):
    plan = make.plan()
    lead = make.agency("soyte")
    task = make.task(plan, lead)
    return {"task": task, "lead": lead, "other": make.agency("sotc"), "coordinator": make.user("coordinator")}


def _detail(session, task) -> TaskDetail:
    return task_detail(session=session, task_id=task.id, today=TODAY)


def test_the_read_model_lists_pending_requests_first(session, detail_world):
    from models.extensions import decide_extension

    task = detail_world["task"]
    first = request_extension(
        session=session, task_id=task.id, new_due_date=date(2027, 1, 31), reason="một", actor=SYSTEM, now=NOW
    )
    decide_extension(
        session=session, request_id=first.id, approve=False, note="", expected_version=task.version, actor=SYSTEM,
        now=NOW,
    )  # fmt: skip
    later = NOW.replace(hour=10)
    second = request_extension(
        session=session, task_id=task.id, new_due_date=date(2027, 2, 28), reason="hai", actor=SYSTEM, now=later
    )
    detail = _detail(session, task)
    assert [r.id for r in detail.extensions] == [second.id, first.id]
    assert detail.pending_extension.id == second.id
    assert detail.lead.code == "soyte" and detail.deadline.state == "on_time"


def test_the_form_edit_converts_typed_values_and_checks_them(session, detail_world):
    task, coordinator = detail_world["task"], detail_world["coordinator"]
    edit_task_details(
        session=session,
        task_id=task.id,
        expected_version=1,
        changes={"due_date": "31/3/2027", "lead_agency_id": str(detail_world["other"].id), "title": "  Tên   mới "},
        actor=coordinator,
        now=NOW,
    )
    stored = session.get(Task, task.id)
    assert (stored.due_date, stored.lead_agency_id, stored.title) == (
        date(2027, 3, 31),
        detail_world["other"].id,
        "Tên mới",
    )
    assert stored.original_due_date == date(2026, 12, 31)
    fields = sorted(e.field for e in session.exec(select(TaskEvent).where(TaskEvent.kind == "field")).all())
    assert fields == ["due_date", "lead_agency_id", "title"]
    for changes, message in [
        ({"title": "  "}, "Tên nhiệm vụ không được để trống."),
        ({"category_code": "nope"}, "Nhóm nhiệm vụ không hợp lệ."),
        ({"lead_agency_id": "999999"}, "Không tìm thấy cơ quan."),
        ({"due_date": "hôm qua"}, "Ngày «hôm qua» không hợp lệ"),
        ({"due_date": ""}, "phải có hạn hoàn thành"),
    ]:
        with pytest.raises(ValidationError) as refused:
            edit_task_details(
                session=session, task_id=task.id, expected_version=2, changes=changes, actor=coordinator, now=NOW
            )
        assert message in str(refused.value)
        session.rollback()
    assert session.get(Task, task.id).version == 2


def test_an_agency_officer_cannot_use_the_form_edit(session, detail_world, make):
    officer = make.user("agency", detail_world["lead"])
    with pytest.raises(PermissionDenied) as refused:
        edit_task_details(
            session=session, task_id=detail_world["task"].id, expected_version=1, changes={"title": "x"}, actor=officer,
            now=NOW,
        )  # fmt: skip
    assert "không có quyền" in str(refused.value)
    assert session.get(Task, detail_world["task"].id).title != "x"
    refusal = session.exec(select(AuditLog).where(AuditLog.outcome == "refused")).one()
    assert (refusal.actor_id, refusal.action) == (officer.id, "edit_task")
