"""Every write callback, forged by a signed-in user whose role does not allow it, changes nothing.

Write callbacks are found from the app's callback map (callbacks/registry.py classifies each one), so a
new write callback without an entry in FORGED below fails `test_every_write_callback_is_forged_here`.
"""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import inspect, text
from sqlmodel import Session, select

from callbacks.registry import READS, WRITES
from dashapp.db import ENGINE_KEY
from models import outbox, review
from models.extensions import request_extension
from models.permissions import SYSTEM
from models.tables import Agency, AuditLog, Conclusion, ExtensionRequest, ExtensionStatus, Plan, Task, User
from models.workdays import WorkCalendar
from tests.conftest import NOW, TODAY
from tests.web import BOARD_DEFAULTS, dash_post, login, seeded_app, text_of

# Tables whose rows a refused attempt may add (the record of the refusal itself).
AUDIT_TABLES = {"auditlog", "loginfailure", "alembic_version"}


# Task writes send a task id and the version the page was rendered with: a forged request that is a real
# one needs both, and deciding an extension needs a pending request (the fixture creates one).
EXTENSION_TASK = "29"  # led by Công an tỉnh; Sở Y tế neither leads nor coordinates it


TASK_FORM_NUMBERS = {"4", "9", "12", "18", "29", "35"}  # the tasks the task-page entries below act on


def _ids(app) -> dict[str, int]:
    with Session(app.server.extensions[ENGINE_KEY]) as s:
        users = {f"user:{u.username}": u.id for u in s.exec(select(User)).all()}
        agencies = {f"agency:{a.code}": a.id for a in s.exec(select(Agency)).all()}
        tasks = s.exec(select(Task)).all()
        task_ids = {f"task:{t.number}": t.id for t in tasks}
        versions = {f"version:{t.number}": t.version for t in tasks}
        numbers = {t.id: t.number for t in tasks}
        pending = s.exec(select(ExtensionRequest).where(ExtensionRequest.status == ExtensionStatus.PENDING)).all()
        requests = {f"extension:{numbers[r.task_id]}": r.id for r in pending}
        # the board's move: a not-started task that Sở Y tế does not lead and the task forms leave alone
        soyte = agencies["agency:soyte"]
        movable = next(
            t
            for t in sorted(tasks, key=lambda t: t.position)
            if t.status == "not_started" and t.lead_agency_id != soyte and t.number not in TASK_FORM_NUMBERS
        )
        board = {"board:task": movable.id, "board:version": movable.version}
        # urging an agency needs one with late work: not Sở Nội vụ (task 18's lead, urged by urge_task)
        late = outbox.urgeable_agencies(session=s, today=TODAY, calendar=WorkCalendar())
        urge = {"urge:agency": next(u.agency.id for u in late if u.overdue and u.agency.code not in ("sonv", "soyte"))}
        conclusion = {"conclusion": s.exec(select(Conclusion.id)).first()}
    return users | agencies | task_ids | versions | requests | board | urge | conclusion


def appendix_data_url() -> str:
    """A small appendix (one section, one task) as dcc.Upload sends it."""
    import base64
    import io

    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["STT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"])
    sheet.append(["I", "CHUYỂN ĐỔI NHẬN THỨC"])
    sheet.append([1, "Nhiệm vụ giả mạo", "Sở Y tế", "", "Quý IV/2026"])
    buffer = io.BytesIO()
    book.save(buffer)
    encoded = base64.b64encode(buffer.getvalue()).decode()
    return f"data:application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;base64,{encoded}"


def forged_values(ids: dict[str, int]) -> dict[str, dict[str, object]]:
    """For each write callback (by its function name), the inputs of a harmful request."""
    board_filters = dict(BOARD_DEFAULTS)  # the board's controls as a fresh page sends them
    return {
        "move_card": {
            "board-move.data": {"id": ids["board:task"], "to": "in_progress", "v": ids["board:version"], "ts": 1},
            **board_filters,
        },
        "create_user": {
            "create-user.n_clicks": 1,
            "new-username.value": "forged",
            "new-full-name.value": "Tài khoản giả mạo",
            "new-role.value": "admin",
            "new-agency.value": "",
            "new-password.value": "password123",
            "new-password2.value": "password123",
        },
        "save_user": {
            "save-user.n_clicks": 1,
            "edit-user.value": str(ids["user:soyte"]),
            "edit-full-name.value": "Đã bị sửa",
            "edit-role.value": "admin",  # privilege escalation
            "edit-agency.value": "",
            "edit-active.value": True,
        },
        "reset_password": {
            "reset-user.n_clicks": 1,
            "edit-user.value": str(ids["user:bcd"]),
            "reset-password.value": "chiem-quyen-1",
            "reset-password2.value": "chiem-quyen-1",
        },
        "save_agency": {
            "save-agency.n_clicks": 1,
            "agency-select.value": str(ids["agency:soyte"]),
            "agency-code.value": "soyte",
            "agency-name.value": "Tên bị sửa",
            "agency-short.value": "Bị sửa",
            "agency-aliases.value": "",
            "agency-emails.value": "attacker@evil.example",
            "agency-active.value": True,
        },
        # The task page. Each write targets its own task (so one write does not make the next one's
        # version stale), none of them led or coordinated by Sở Y tế.
        "move_task": {
            "task-move-save.n_clicks": 1,
            "task-move-target.value": "in_progress",
            "task-move-note.value": "Giả mạo",
            "task-id.data": ids["task:18"],  # not started, led by Sở Nội vụ
            "task-version.data": ids["version:18"],
        },
        "report_task_progress": {
            "task-progress-save.n_clicks": 1,
            "task-progress-value.value": 99,
            "task-progress-note.value": "Báo cáo giả mạo",
            "task-progress-url.value": "https://evil.example/bang-chung",
            "task-id.data": ids["task:4"],  # in progress, led by Sở Nội vụ
            "task-version.data": ids["version:4"],
        },
        "comment_on_task": {
            "task-comment-save.n_clicks": 1,
            "task-comment-body.value": "Ý kiến giả mạo",
            "task-id.data": ids["task:9"],  # led by Sở Tài chính
        },
        "request_task_extension": {
            "task-extreq-save.n_clicks": 1,
            "task-extreq-date.value": "31/12/2099",
            "task-extreq-reason.value": "Gia hạn giả mạo",
            "task-id.data": ids["task:12"],  # in progress, led by Sở TT&TT
        },
        "decide_task_extension": {
            "task-decide-approve.n_clicks": 1,
            "task-decide-refuse.n_clicks": None,
            "task-decide-request.data": ids[f"extension:{EXTENSION_TASK}"],
            "task-decide-note.value": "Duyệt giả mạo",
            "task-version.data": ids[f"version:{EXTENSION_TASK}"],
        },
        "save_task_details": {
            "task-edit-save.n_clicks": 1,
            "task-edit-title.value": "Tiêu đề bị sửa",
            "task-edit-description.value": "",
            "task-edit-category.value": "data",
            "task-edit-lead.value": str(ids["agency:sotc"]),
            "task-edit-due.value": "31/12/2099",
            "task-edit-time-frame.value": "Năm 2099",
            "task-edit-output.value": "Bị sửa",
            "task-edit-baseline.data": None,  # no baseline: every field is sent
            "task-id.data": ids["task:35"],  # in progress, led by Văn phòng UBND tỉnh
            "task-version.data": ids["version:35"],
        },
        "urge_task": {
            "task-urge-send.n_clicks": 1,
            "task-urge-confirm.n_clicks": None,
            "task-id.data": ids["task:18"],  # not started, led by Sở Nội vụ
            "task-urge-note.value": "Đôn đốc giả mạo",
        },
        "urge_agency": {
            "agency-urge-send.n_clicks": 1,
            "agency-urge-confirm.n_clicks": None,
            "agency-urge-target.value": str(ids["urge:agency"]),
            "agency-urge-note.value": "Đôn đốc giả mạo",
        },
        "record_review": {
            "review-record.n_clicks": 1,
            "review-held-on.value": "16/06/2026",
            "review-chair.value": "Chủ trì giả mạo",
            "review-attendees.value": "",
            "review-notes.value": "",
            "review-conclusions.value": "Kết luận giả mạo",
        },
        "make_follow_up": {
            "review-fu-save.n_clicks": 1,
            "review-fu-conclusion.value": str(ids["conclusion"]),
            "review-fu-lead.value": str(ids["agency:soyte"]),
            "review-fu-due.value": "30/12/2026",
            "review-fu-category.value": "data",
        },
        "confirm_import": {
            "imp-confirm.n_clicks": 1,
            "imp-upload.contents": appendix_data_url(),
            "imp-upload.filename": "phu-luc.xlsx",
            "imp-plan-code.value": "77/KH-GIA-MAO",
            "imp-plan-title.value": "Kế hoạch giả mạo",
            "imp-create.value": True,
        },
        # Reading is each user's own: everyone may mark what they see as read (see PERMITTED).
        "mark_all_read": {
            "notif-mark-all.n_clicks": 1,
            "notif-agency.value": "",
            "notif-kind.value": "",
            "notif-from.value": None,
            "notif-to.value": None,
            "notif-state.value": "",
            "notif-unread-only.value": False,
        },
    }


# Users other than the administrator whose role legitimately allows a write: the coordinator (Sở TT&TT)
# manages every task. For them the forged request is a real one and must change data instead.
PERMITTED: dict[str, set[str]] = {
    name: {"sotttt"}
    for name in (
        "move_card",
        "move_task",
        "report_task_progress",
        "comment_on_task",
        "request_task_extension",
        "decide_task_extension",
        "save_task_details",
        "urge_task",
        "urge_agency",
        "record_review",
        "make_follow_up",
        "confirm_import",
    )
}
PERMITTED["mark_all_read"] = {"soyte", "bcd", "sotttt"}


@pytest.fixture
def app(db_url, tmp_path):
    app = seeded_app(db_url, tmp_path / "instance")
    with Session(app.server.extensions[ENGINE_KEY]) as s:  # a request for decide_task_extension to decide
        task = s.exec(select(Task).where(Task.number == EXTENSION_TASK)).one()
        request_extension(
            session=s, task_id=task.id, new_due_date=date(2099, 6, 30), reason="Chờ thiết bị", actor=SYSTEM, now=NOW
        )
        # a recorded session with a conclusion that may become a task
        plan = s.exec(select(Plan)).first()
        review.record_session(
            session=s, actor=SYSTEM, now=NOW, calendar=WorkCalendar(), plan_id=plan.id, held_on=TODAY,
            chair="Trưởng Ban Chỉ đạo", conclusions=["Hoàn thành kết nối dữ liệu"],
        )  # fmt: skip
        # unread notifications for Sở Y tế, so marking them read is a real change
        soyte = s.exec(select(Agency).where(Agency.code == "soyte")).one()
        outbox.urge(
            session=s,
            actor=SYSTEM,
            now=NOW,
            today=TODAY,
            calendar=WorkCalendar(),
            base_url="http://test",
            agency_id=soyte.id,
        )
    return app


def snapshot(app) -> dict[str, list]:
    """Every row of every table except the audit's own."""
    engine = app.server.extensions[ENGINE_KEY]
    with engine.connect() as conn:
        return {
            table: sorted(map(repr, conn.execute(text(f'SELECT * FROM "{table}"')).all()))
            for table in inspect(engine).get_table_names()
            if table not in AUDIT_TABLES
        }


def write_keys(app) -> dict[str, str]:
    return dict(app.server.extensions.get(WRITES, {}))


def test_every_callback_is_classified_as_read_or_write(app):
    reads, writes = set(app.server.extensions.get(READS, {})), set(write_keys(app))
    assert not reads & writes
    assert set(app.callback_map) == reads | writes


def test_every_write_callback_is_forged_here(app):
    names = set(write_keys(app).values())
    assert names, "the app should have write callbacks"
    assert names == set(forged_values(_ids(app)))


@pytest.mark.parametrize("username", ["soyte", "bcd", "sotttt"])
def test_forged_writes_are_refused_and_change_nothing(app, username):
    client = app.server.test_client()
    assert login(client, username).status_code == 302
    forged = forged_values(_ids(app))
    forbidden = {key: name for key, name in write_keys(app).items() if username not in PERMITTED.get(name, set())}
    for key, name in forbidden.items():
        before = snapshot(app)
        response = dash_post(client, app, key, forged[name])
        assert response.status_code == 200, f"{name}: HTTP {response.status_code}"
        assert "không có quyền" in text_of(response), f"{name} was not refused for {username}"
        assert snapshot(app) == before, f"{name} changed the database for {username}"
    with Session(app.server.extensions[ENGINE_KEY]) as s:
        refused = s.exec(select(AuditLog).where(AuditLog.outcome == "refused")).all()
    assert len(refused) >= len(forbidden)


def test_the_same_requests_by_an_admin_do_change_data(app):
    """The forged requests are real ones: an admin sending them changes the database."""
    client = app.server.test_client()
    login(client, "admin")
    forged = forged_values(_ids(app))
    for key, name in write_keys(app).items():
        before = snapshot(app)
        response = dash_post(client, app, key, forged[name])
        assert response.status_code == 200, f"{name}: HTTP {response.status_code}"
        assert "không có quyền" not in text_of(response)
        assert snapshot(app) != before, f"{name} by an admin changed nothing: the forged request is not a real one"


def test_the_task_requests_by_the_coordinator_do_change_data(app):
    """Where the coordinator's role allows a write, the same forged request is a real one for them too."""
    client = app.server.test_client()
    login(client, "sotttt")
    forged = forged_values(_ids(app))
    permitted = {key: name for key, name in write_keys(app).items() if "sotttt" in PERMITTED.get(name, set())}
    assert set(permitted.values()) == set(PERMITTED)
    for key, name in permitted.items():
        before = snapshot(app)
        response = dash_post(client, app, key, forged[name])
        assert response.status_code == 200, f"{name}: HTTP {response.status_code}"
        assert "không có quyền" not in text_of(response)
        assert snapshot(app) != before, (
            f"{name} by the coordinator changed nothing: the forged request is not a real one"
        )
