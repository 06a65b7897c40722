"""Deadline extensions and progress reports: rules, permissions, audit, optimistic locking."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from models.errors import ConflictError, NotFound, PermissionDenied, ValidationError
from models.extensions import decide_extension, pending_request, request_extension
from models.permissions import SYSTEM
from models.tables import (
    AuditLog,
    ExtensionRequest,
    ExtensionStatus,
    ProgressReport,
    Recurrence,
    Role,
    Status,
    Task,
    TaskCoordinator,
    TaskEvent,
)
from models.tasks import change_status, parse_day, report_progress
from tests.conftest import NOW

DUE = date(2026, 12, 31)  # the factory's deadline
LATER = date(2027, 3, 31)


@pytest.fixture
def world(make, session):
    plan = make.plan()
    lead, other, ict = make.agency("soyte"), make.agency("sogddt"), make.agency("sotttt")
    task = make.task(plan, lead, status=Status.IN_PROGRESS, progress=20)
    session.add(TaskCoordinator(task_id=task.id, agency_id=other.id))
    session.commit()
    return {
        "plan": plan,
        "lead": lead,
        "task": task,
        "officer": make.user(Role.AGENCY, lead, username="soyte"),
        "coordinating_officer": make.user(Role.AGENCY, other, username="sogddt"),
        "outsider": make.user(Role.AGENCY, make.agency("sotc"), username="sotc"),
        "coordinator": make.user(Role.COORDINATOR, ict, username="sotttt"),
        "admin": make.user(Role.ADMIN, username="admin"),
        "viewer": make.user(Role.VIEWER, username="bcd"),
    }


def _ask(session, world, *, who="officer", new_due=LATER, reason="Chờ bàn giao thiết bị", task=None):
    return request_extension(
        session=session,
        task_id=(task or world["task"]).id,
        new_due_date=new_due,
        reason=reason,
        actor=world[who],
        now=NOW,
    )


def _decide(session, world, request, *, approve=True, who="coordinator", note="", version=None):
    return decide_extension(
        session=session,
        request_id=request.id,
        approve=approve,
        note=note,
        expected_version=version if version is not None else _task(session, world).version,
        actor=world[who],
        now=NOW,
    )


def _task(session, world) -> Task:
    task = session.get(Task, world["task"].id)
    session.refresh(task)
    return task


def _refusals(session, action: str) -> list[AuditLog]:
    return list(session.exec(select(AuditLog).where(AuditLog.outcome == "refused", AuditLog.action == action)).all())


# --- requesting --------------------------------------------------------------------------------------


def test_the_lead_agency_asks_and_the_request_is_pending(session, world):
    request = _ask(session, world, reason="  Chờ bàn giao\nthiết bị  ")
    stored = session.exec(select(ExtensionRequest)).one()
    assert stored.id == request.id
    assert (stored.status, stored.previous_due_date, stored.new_due_date) == (ExtensionStatus.PENDING, DUE, LATER)
    assert stored.reason == "Chờ bàn giao\nthiết bị"  # trimmed, line breaks kept
    assert stored.requested_by_id == world["officer"].id and "soyte" in stored.requested_by_label
    assert pending_request(session=session, task_id=world["task"].id).id == request.id
    event = session.exec(select(TaskEvent).where(TaskEvent.kind == "extension_requested")).one()
    assert (event.field, event.before, event.after) == ("requested_due", DUE.isoformat(), LATER.isoformat())
    task = _task(session, world)
    assert (task.due_date, task.original_due_date, task.version) == (DUE, DUE, 1)  # nothing moved yet


def test_a_date_typed_dd_mm_yyyy_is_accepted(session, world):
    request = _ask(session, world, new_due="15/1/2027")
    assert request.new_due_date == date(2027, 1, 15)


@pytest.mark.parametrize("who", ["coordinator", "admin"])
def test_managers_may_ask_too(session, world, who):
    assert _ask(session, world, who=who).status == ExtensionStatus.PENDING


@pytest.mark.parametrize("who", ["outsider", "coordinating_officer", "viewer"])
def test_others_may_not_ask_and_the_refusal_is_recorded(session, world, who):
    with pytest.raises(PermissionDenied) as refused:
        _ask(session, world, who=who)
    assert "không có quyền" in str(refused.value)
    assert session.exec(select(ExtensionRequest)).all() == []
    [entry] = _refusals(session, "request_extension")
    assert (entry.actor_id, entry.target_type, entry.target_id) == (world[who].id, "task", str(world["task"].id))


@pytest.mark.parametrize(
    ("new_due", "message"),
    [
        (DUE, "Ngày đề nghị gia hạn phải sau hạn hiện tại (31/12/2026)."),
        (DUE - timedelta(days=1), "Ngày đề nghị gia hạn phải sau hạn hiện tại (31/12/2026)."),
        ("", "Hãy nhập ngày đề nghị gia hạn theo dạng dd/mm/yyyy."),
        (None, "Hãy nhập ngày đề nghị gia hạn theo dạng dd/mm/yyyy."),
        ("31/02/2027", "Ngày «31/02/2027» không hợp lệ. Hãy nhập theo dạng dd/mm/yyyy, ví dụ 31/12/2026."),
        ("mai", "Ngày «mai» không hợp lệ."),
    ],
)
def test_the_new_date_must_be_a_date_after_the_deadline(session, world, new_due, message):
    with pytest.raises(ValidationError) as refused:
        _ask(session, world, new_due=new_due)
    assert message in str(refused.value)
    assert session.exec(select(ExtensionRequest)).all() == []


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_a_reason_is_required(session, world, reason):
    with pytest.raises(ValidationError) as refused:
        _ask(session, world, reason=reason)
    assert str(refused.value) == "Hãy nêu lý do đề nghị gia hạn."


def test_a_second_pending_request_is_refused(session, world):
    _ask(session, world)
    with pytest.raises(ValidationError) as refused:
        _ask(session, world, who="coordinator", new_due=date(2027, 6, 30))
    assert "đã có một đề nghị gia hạn đang chờ xét duyệt" in str(refused.value)
    assert len(session.exec(select(ExtensionRequest)).all()) == 1


def test_the_database_also_keeps_one_pending_request_per_task(engine, world):
    """Two requests that both passed the check at the same moment cannot both be stored."""
    with Session(engine) as s:
        for _ in range(2):
            s.add(ExtensionRequest(task_id=world["task"].id, new_due_date=LATER, requested_at=NOW))
        with pytest.raises(IntegrityError):
            s.commit()


def test_after_a_decision_a_new_request_may_be_made(session, world):
    first = _ask(session, world)
    _decide(session, world, first, approve=False)
    second = _ask(session, world, new_due=date(2027, 2, 28))
    assert second.status == ExtensionStatus.PENDING


@pytest.mark.parametrize("status", [Status.DONE, Status.CANCELLED])
def test_no_extension_for_a_done_or_cancelled_task(session, world, make, status):
    task = make.task(world["plan"], world["lead"], status=status)
    with pytest.raises(ValidationError) as refused:
        _ask(session, world, task=task)
    assert str(refused.value) == "Nhiệm vụ đã hoàn thành hoặc đã hủy nên không thể gia hạn."


def test_no_extension_for_an_ongoing_task(session, world, make):
    task = make.task(world["plan"], world["lead"], recurrence=Recurrence.ONGOING, due_date=None, original_due_date=None)
    with pytest.raises(ValidationError) as refused:
        _ask(session, world, task=task)
    assert "không có hạn hoàn thành" in str(refused.value)


def test_asking_about_a_missing_task(session, world):
    with pytest.raises(NotFound):
        request_extension(session=session, task_id=999_999, new_due_date=LATER, reason="x", actor=SYSTEM, now=NOW)


# --- deciding ----------------------------------------------------------------------------------------


def test_approval_moves_the_deadline_and_keeps_the_original(session, world):
    request = _ask(session, world)
    decided = _decide(session, world, request, note="Đồng ý, lần cuối")
    task = _task(session, world)
    assert (task.due_date, task.original_due_date) == (LATER, DUE)
    assert task.version == 2  # the task's version moved on
    assert decided.status == ExtensionStatus.APPROVED
    assert (decided.decided_by_id, decided.decided_at, decided.decision_note) == (
        world["coordinator"].id,
        NOW,
        "Đồng ý, lần cuối",
    )
    event = session.exec(select(TaskEvent).where(TaskEvent.kind == "extension_approved")).one()
    assert (event.field, event.before, event.after, event.note) == (
        "due_date",
        DUE.isoformat(),
        LATER.isoformat(),
        "Đồng ý, lần cuối",
    )
    assert event.actor_id == world["coordinator"].id
    assert pending_request(session=session, task_id=task.id) is None


def test_refusal_keeps_the_deadline(session, world):
    request = _ask(session, world)
    decided = _decide(session, world, request, approve=False, note="Chưa đủ căn cứ")
    task = _task(session, world)
    assert (task.due_date, task.original_due_date) == (DUE, DUE)
    assert (decided.status, decided.decision_note) == (ExtensionStatus.REFUSED, "Chưa đủ căn cứ")
    event = session.exec(select(TaskEvent).where(TaskEvent.kind == "extension_refused")).one()
    assert (event.after, event.note) == (LATER.isoformat(), "Chưa đủ căn cứ")


@pytest.mark.parametrize("who", ["officer", "outsider", "viewer"])
def test_only_managers_decide_and_refusals_are_recorded(session, world, who):
    request = _ask(session, world)
    with pytest.raises(PermissionDenied):
        _decide(session, world, request, who=who)
    assert session.get(ExtensionRequest, request.id).status == ExtensionStatus.PENDING
    assert _task(session, world).due_date == DUE
    [entry] = _refusals(session, "decide_extension")
    assert entry.actor_id == world[who].id


def test_an_admin_decides_too(session, world):
    request = _ask(session, world)
    assert _decide(session, world, request, who="admin").status == ExtensionStatus.APPROVED


def test_a_stale_version_is_a_conflict_and_changes_nothing(session, world):
    request = _ask(session, world)
    seen = _task(session, world).version
    report_progress(  # someone reports progress after the coordinator opened the page
        session=session,
        task_id=world["task"].id,
        expected_version=seen,
        progress=40,
        note="",
        evidence_url="",
        actor=world["officer"],
        now=NOW,
    )
    with pytest.raises(ConflictError) as conflict:
        _decide(session, world, request, version=seen)
    assert "vừa được người khác thay đổi" in str(conflict.value)
    assert conflict.value.current.progress == 40
    session.rollback()
    assert session.get(ExtensionRequest, request.id).status == ExtensionStatus.PENDING
    assert _task(session, world).due_date == DUE
    assert session.exec(select(TaskEvent).where(TaskEvent.kind == "extension_approved")).all() == []


def test_a_request_is_decided_once(session, world):
    request = _ask(session, world)
    _decide(session, world, request, approve=False)
    with pytest.raises(ValidationError) as refused:
        _decide(session, world, request)
    assert str(refused.value) == "Đề nghị gia hạn này đã được xét duyệt trước đó."
    assert _task(session, world).due_date == DUE


def test_approval_never_moves_a_deadline_earlier(session, world):
    """The deadline was moved past the requested date meanwhile: approving would shorten it."""
    from models.tasks import update_details

    request = _ask(session, world)
    update_details(
        session=session,
        task_id=world["task"].id,
        expected_version=_task(session, world).version,
        values={"due_date": date(2027, 9, 30)},
        actor=world["coordinator"],
        now=NOW,
    )
    with pytest.raises(ValidationError) as refused:
        _decide(session, world, request)
    assert "phải sau hạn hiện tại (30/09/2027)" in str(refused.value)
    assert _task(session, world).due_date == date(2027, 9, 30)


def test_a_done_task_cannot_be_extended_but_the_request_can_be_refused(session, world):
    request = _ask(session, world)
    for target in (Status.SUBMITTED, Status.DONE):
        change_status(
            session=session,
            task_id=world["task"].id,
            target=target,
            expected_version=_task(session, world).version,
            actor=world["coordinator"],
            now=NOW,
        )
    with pytest.raises(ValidationError):
        _decide(session, world, request)
    assert _decide(session, world, request, approve=False).status == ExtensionStatus.REFUSED


def test_deciding_a_missing_request(session, world):
    with pytest.raises(NotFound) as missing:
        decide_extension(
            session=session, request_id=424242, approve=True, note="", expected_version=1, actor=SYSTEM, now=NOW
        )
    assert str(missing.value) == "Không tìm thấy đề nghị gia hạn."


# --- progress reports --------------------------------------------------------------------------------


def _report(session, world, *, who="officer", progress=75, note="Đã xong 3/4 hạng mục", url="", version=None):
    return report_progress(
        session=session,
        task_id=world["task"].id,
        expected_version=version if version is not None else _task(session, world).version,
        progress=progress,
        note=note,
        evidence_url=url,
        actor=world[who],
        now=NOW,
    )


def test_a_progress_report_sets_the_progress_and_keeps_the_report(session, world):
    report = _report(session, world, url="https://dx.tuyenquang.example/bao-cao.pdf")
    task = _task(session, world)
    assert (task.progress, task.version) == (75, 2)
    stored = session.exec(select(ProgressReport)).one()
    assert stored.id == report.id
    assert (stored.kind, stored.progress, stored.body, stored.evidence_url) == (
        "progress",
        75,
        "Đã xong 3/4 hạng mục",
        "https://dx.tuyenquang.example/bao-cao.pdf",
    )
    assert stored.author_id == world["officer"].id
    event = session.exec(select(TaskEvent).where(TaskEvent.kind == "progress")).one()
    assert (event.field, event.before, event.after, event.note) == ("progress", "20", "75", "Đã xong 3/4 hạng mục")


def test_a_report_with_the_same_percentage_is_still_recorded(session, world):
    _report(session, world, progress=20, note="Chưa có thay đổi")
    assert _task(session, world).version == 2
    assert session.exec(select(ProgressReport)).one().body == "Chưa có thay đổi"
    assert session.exec(select(TaskEvent).where(TaskEvent.kind == "progress")).one().note == "Chưa có thay đổi"


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "data:text/html,<b>x</b>", "//evil.example", "ftp://x.example/a", "/tai-lieu"]
)
def test_only_http_evidence_links_are_accepted(session, world, url):
    with pytest.raises(ValidationError) as refused:
        _report(session, world, url=url)
    assert str(refused.value) == "Đường dẫn phải bắt đầu bằng http:// hoặc https://."
    assert session.exec(select(ProgressReport)).all() == []
    assert _task(session, world).progress == 20


@pytest.mark.parametrize("bad", [-1, 101, 50.5, "50", None, True])
def test_the_percentage_must_be_whole_and_in_range(session, world, bad):
    with pytest.raises(ValidationError):
        _report(session, world, progress=bad)
    assert _task(session, world).progress == 20


@pytest.mark.parametrize("who", ["coordinator", "admin"])
def test_managers_report_progress_too(session, world, who):
    _report(session, world, who=who)
    assert _task(session, world).progress == 75


@pytest.mark.parametrize("who", ["outsider", "coordinating_officer", "viewer"])
def test_others_cannot_report_progress_and_are_recorded(session, world, who):
    with pytest.raises(PermissionDenied):
        _report(session, world, who=who)
    assert session.exec(select(ProgressReport)).all() == []
    assert [e.actor_id for e in _refusals(session, "report_progress")] == [world[who].id]


def test_a_stale_progress_report_is_a_conflict(session, world):
    _report(session, world, progress=40)
    with pytest.raises(ConflictError):
        _report(session, world, progress=90, version=1)
    session.rollback()
    assert _task(session, world).progress == 40
    assert [r.progress for r in session.exec(select(ProgressReport)).all()] == [40]


def test_no_progress_report_on_a_done_task(session, world, make):
    done = make.task(world["plan"], world["lead"], status=Status.DONE, progress=100)
    with pytest.raises(ValidationError) as refused:
        report_progress(
            session=session, task_id=done.id, expected_version=1, progress=50, note="", evidence_url="",
            actor=world["officer"], now=NOW,
        )  # fmt: skip
    assert "không nhận báo cáo tiến độ" in str(refused.value)


# --- typed dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("31/12/2026", date(2026, 12, 31)),
        ("1/2/2027", date(2027, 2, 1)),
        (" 05-06-2027 ", date(2027, 6, 5)),
        ("05.06.2027", date(2027, 6, 5)),
        ("2027-06-05", date(2027, 6, 5)),
        ("", None),
        (None, None),
        (date(2027, 1, 1), date(2027, 1, 1)),
    ],
)
def test_parse_day(typed, expected):
    assert parse_day(typed) == expected


@pytest.mark.parametrize("typed", ["30/02/2027", "12/31/2026", "31/12/26", "hôm nay", "2027/06/05"])
def test_parse_day_refuses_what_is_not_a_date(typed):
    with pytest.raises(ValidationError) as refused:
        parse_day(typed)
    assert "dd/mm/yyyy" in str(refused.value)
