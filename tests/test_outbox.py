"""The notification outbox on both databases: the daily scan, delivery to a real SMTP server with
retries, urging (đôn đốc), and the notification centre.

The world: on Tuesday 16/06/2026 (a working day) some open tasks sit exactly on a reminder threshold
(due in 7 or 1 working days, overdue by 1, 6 or 20 working days), some sit between thresholds, and
done, submitted, cancelled and ongoing tasks sit on thresholds too but must never be chased.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import pytest
from sqlmodel import Session, func, select

from dashapp.mailer import SmtpMailer
from dashapp.settings import Settings
from models import outbox
from models.audit import actor_label
from models.errors import NotFound, PermissionDenied, ValidationError
from models.outbox import AlreadyUrged, DeliveryReport, NotificationFilters
from models.reminders import ReminderPolicy
from models.tables import (
    Agency,
    AuditLog,
    DeliveryAttempt,
    JobRun,
    Notification,
    NotificationItem,
    NotificationRead,
    Plan,
    Recurrence,
    Role,
    Status,
    Task,
    User,
)
from models.workdays import WorkCalendar
from tests.conftest import TODAY, TZ
from tests.smtp import smtp_server  # noqa: F401

CAL = WorkCalendar()
DAY = TODAY  # Tuesday 16/06/2026
BASE_URL = "https://dx.tuyenquang.example"
STEERING_EMAILS = ("bcd@tuyenquang.example",)
POLICY = ReminderPolicy(steering_emails=STEERING_EMAILS)


def ago(n: int) -> date:
    """The deadline that makes a task overdue by exactly `n` working days on DAY."""
    return CAL.add_working_days(DAY, -n)


def ahead(n: int) -> date:
    """The deadline `n` working days after DAY."""
    return CAL.add_working_days(DAY, n)


def at(day: date, hour: int = 9, minute: int = 30) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=TZ)


T0 = at(DAY)  # the scan's moment

# What the scan of DAY must flag: recipient → task → item kind. Nothing else.
EXPECTED = {
    "sogddt": {"due1": "due_soon", "over6": "still_overdue"},  # over20 goes to the escalation recipients only
    "soyte": {"due7": "due_soon", "over1": "overdue"},
    "sotc": {"sotc7": "due_soon"},
    "sotttt": {"over20": "escalated"},
    "steering": {"over20": "escalated"},
}
EMAILED = ("sogddt", "soyte", "sotttt", "steering")  # sotc has no address

# The subjects (Vietnamese, with the day, the recipient and the counts).
SUBJECTS = {
    "soyte": "[Chuyển đổi số] Nhắc việc ngày 16/06/2026 gửi Sở Y tế: 1 nhiệm vụ quá hạn, 1 sắp đến hạn",
    "sogddt": "[Chuyển đổi số] Nhắc việc ngày 16/06/2026 gửi Sở Giáo dục và Đào tạo: 1 nhiệm vụ quá hạn, 1 sắp đến hạn",
    "sotc": "[Chuyển đổi số] Nhắc việc ngày 16/06/2026 gửi Sở Tài chính: 0 nhiệm vụ quá hạn, 1 sắp đến hạn",
    "sotttt": "[Chuyển đổi số] Nhắc việc ngày 16/06/2026 gửi Sở Thông tin và Truyền thông: 1 nhiệm vụ quá hạn, "
    "0 sắp đến hạn",
    "steering": "[Chuyển đổi số] Nhắc việc ngày 16/06/2026 gửi Ban Chỉ đạo chuyển đổi số tỉnh: 1 nhiệm vụ quá "
    "hạn, 0 sắp đến hạn",
}


@dataclass
class World:
    plan: Plan
    agencies: dict[str, Agency]
    tasks: dict[str, Task]
    users: dict[str, User]

    def task_ids(self, kinds: dict[str, str]) -> dict[int, str]:
        """{task key: kind} as {task id: kind}."""
        return {self.tasks[key].id: kind for key, kind in kinds.items()}


@pytest.fixture
def world(make) -> World:
    plan = make.plan()
    agencies = {
        "sotttt": make.agency(
            "sotttt",
            name="Sở Thông tin và Truyền thông",
            emails=["sotttt@tuyenquang.example", "vanphong.sotttt@tuyenquang.example"],
        ),
        "soyte": make.agency("soyte", name="Sở Y tế", emails=["soyte@tuyenquang.example"]),
        "sogddt": make.agency(
            "sogddt",
            name="Sở Giáo dục và Đào tạo",
            emails=["sogddt@tuyenquang.example", "vanphong.sogddt@tuyenquang.example"],
        ),
        "sotc": make.agency("sotc", name="Sở Tài chính"),  # no e-mail address: in-app only
        "sonv": make.agency("sonv", name="Sở Nội vụ", emails=["sonv@tuyenquang.example"]),  # nothing urgent
        "cu": make.agency("cu", name="Ban quản lý đã giải thể", is_active=False),  # no address, but inactive
    }
    open_ = Status.IN_PROGRESS
    specs: dict[str, tuple[str, date, str, dict]] = {
        # on a threshold today
        "due7": ("soyte", ahead(7), Status.NOT_STARTED, {}),
        "over1": ("soyte", ago(1), open_, {}),
        "due1": ("sogddt", ahead(1), Status.NOT_STARTED, {}),
        "over6": ("sogddt", ago(6), open_, {}),
        "over20": ("sogddt", ago(20), open_, {}),
        "sotc7": ("sotc", ahead(7), Status.NOT_STARTED, {}),
        # open, but between thresholds today
        "over2": ("soyte", ago(2), open_, {}),
        "soon3": ("soyte", ahead(3), open_, {}),
        "soon6": ("soyte", ahead(6), open_, {}),
        "far": ("soyte", ahead(20), open_, {}),
        "sonv_far": ("sonv", ahead(30), open_, {}),
        # on a threshold, but not chased
        "done": ("soyte", ahead(7), Status.DONE, {"progress": 100, "completed_on": ago(3)}),
        "submitted": ("soyte", ago(1), Status.SUBMITTED, {"progress": 100, "submitted_on": ago(2)}),
        "cancelled": ("sogddt", ago(20), Status.CANCELLED, {}),
        "ongoing": ("soyte", ago(6), open_, {"recurrence": Recurrence.ONGOING}),
    }
    tasks = {}
    for key, (lead, due, status, extra) in specs.items():
        tasks[key] = make.task(
            plan, agencies[lead], title=f"Nhiệm vụ {key}", due_date=due, original_due_date=due, status=status, **extra
        )
    users = {
        "coordinator": make.user(Role.COORDINATOR, agencies["sotttt"], username="sotttt"),
        "admin": make.user(Role.ADMIN, username="admin"),
        "officer": make.user(Role.AGENCY, agencies["soyte"], username="soyte"),
        "sogddt_officer": make.user(Role.AGENCY, agencies["sogddt"], username="sogddt"),
        "sotc_officer": make.user(Role.AGENCY, agencies["sotc"], username="sotc"),
        "sonv_officer": make.user(Role.AGENCY, agencies["sonv"], username="sonv"),
        "viewer": make.user(Role.VIEWER, username="bcd"),
    }
    return World(plan, agencies, tasks, users)


# --- helpers -----------------------------------------------------------------------------------------


def scan(session: Session, day: date = DAY, *, now: datetime | None = None, policy=POLICY, dry_run=False):
    return outbox.scan_overdue(
        session=session,
        today=day,
        now=now or at(day),
        calendar=CAL,
        policy=policy,
        base_url=BASE_URL,
        dry_run=dry_run,
    )


def urge(session: Session, world: World, who: str = "coordinator", *, day: date = DAY, now=None, **kw):
    return outbox.urge(
        session=session,
        actor=world.users[who],
        now=now or at(day, 10),
        today=day,
        calendar=CAL,
        base_url=BASE_URL,
        **kw,
    )


def count(session: Session, model) -> int:
    return session.exec(select(func.count()).select_from(model)).one()


def rows(session: Session, **where) -> list[Notification]:
    """The outbox rows as the database has them now (not as the session remembers them)."""
    session.expire_all()
    query = select(Notification).order_by(Notification.id)
    for name, value in where.items():
        query = query.where(getattr(Notification, name) == value)
    return list(session.exec(query).all())


def digests(session: Session) -> dict[str, Notification]:
    return {n.recipient: n for n in rows(session, kind="digest")}


def items(session: Session, notification_id: int) -> dict[int, str]:
    found = session.exec(select(NotificationItem).where(NotificationItem.notification_id == notification_id)).all()
    return {item.task_id: item.kind for item in found}


def fresh(session: Session, notification_id: int) -> Notification:
    session.expire_all()
    return session.get(Notification, notification_id)


def attempts(session: Session, notification_id: int) -> list[bool]:
    return [a.ok for a in outbox.delivery_attempts(session=session, notification_id=notification_id)]


def deliver(session: Session, mailer, now: datetime, **kw) -> DeliveryReport:
    return outbox.deliver(session=session, now=now, send=mailer, **kw)


@pytest.fixture
def mailer(smtp_server, db_url, tmp_path) -> SmtpMailer:  # noqa: F811
    """The app's SMTP mailer, pointed at the test's SMTP server."""
    settings = Settings.from_env(
        {
            "DATABASE_URL": db_url,
            "SECRET_KEY": "x",
            "TRACKER_INSTANCE_PATH": str(tmp_path),
            "SMTP_HOST": smtp_server.host,
            "SMTP_PORT": str(smtp_server.port),
            "SMTP_TIMEOUT": "10",
        }
    )
    return SmtpMailer(settings)


# --- the scan ----------------------------------------------------------------------------------------


def test_one_digest_per_recipient_with_exactly_the_flagged_tasks(session, world):
    result = scan(session)
    assert (result.today, result.days, result.created, result.dry_run) == (DAY, [DAY], 5, False)
    assert [d.recipient for d in result.digests] == sorted(EXPECTED)
    found = digests(session)
    assert sorted(found) == sorted(EXPECTED)
    assert count(session, Notification) == 5
    for recipient, notification in found.items():
        assert items(session, notification.id) == world.task_ids(EXPECTED[recipient]), recipient
        assert (notification.kind, notification.day, notification.seq) == ("digest", DAY, 0)
        assert notification.created_at == T0
        assert notification.subject == SUBJECTS[recipient]
    assert count(session, NotificationItem) == sum(len(kinds) for kinds in EXPECTED.values())
    # the figures of the day are kept with each item
    kept = {
        i.task_id: (i.kind, i.due_date, i.days_overdue, i.working_days_left)
        for i in session.exec(select(NotificationItem)).all()
    }
    tasks = world.tasks
    assert kept[tasks["due7"].id] == ("due_soon", ahead(7), None, 7)
    assert kept[tasks["due1"].id] == ("due_soon", ahead(1), None, 1)
    assert kept[tasks["over1"].id] == ("overdue", ago(1), 1, None)
    assert kept[tasks["over6"].id] == ("still_overdue", ago(6), (DAY - ago(6)).days, None)
    assert kept[tasks["over20"].id] == ("escalated", ago(20), (DAY - ago(20)).days, None)


def test_the_addresses_and_states_of_the_rows(session, world):
    scan(session)
    found = digests(session)
    for code in ("soyte", "sogddt", "sotttt"):
        agency = world.agencies[code]
        assert found[code].agency_id == agency.id
        assert found[code].emails == agency.emails
    assert (found["steering"].agency_id, found["steering"].emails) == (None, list(STEERING_EMAILS))
    for recipient in EMAILED:
        row = found[recipient]
        assert (row.email_state, row.attempts, row.next_attempt_at, row.sent_at) == ("pending", 0, T0, None)


def test_escalations_go_to_the_coordinator_agency_and_the_steering_committee(session, world):
    scan(session)
    found = digests(session)
    over20 = world.tasks["over20"]
    lead = world.agencies["sogddt"]
    for recipient in ("sotttt", "steering"):
        text = found[recipient].body_text
        assert "NHIỆM VỤ QUÁ HẠN TỪ 20 NGÀY LÀM VIỆC (BÁO CÁO BAN CHỈ ĐẠO) (1)" in text
        assert f"Nhiệm vụ số {over20.number} (01/KH-TEST): Nhiệm vụ over20" in text
        assert f"Cơ quan chủ trì: {lead.short_name}" in text  # escalations name the lead agency
        assert f"{BASE_URL}/task/{over20.id}" in text
    assert "Kính gửi: Ban Chỉ đạo chuyển đổi số tỉnh" in found["steering"].body_text
    assert over20.id not in items(session, found["sogddt"].id)  # the lead's own digest: not at 20 days


def test_the_coordinator_agency_is_a_setting(session, world):
    """Escalations go to the agency the policy names; without steering addresses the committee is in-app only."""
    result = scan(session, policy=ReminderPolicy(coordinator_agency="sonv"))
    assert {d.recipient for d in result.digests} == {"sogddt", "soyte", "sotc", "sonv", "steering"}
    found = digests(session)
    assert items(session, found["sonv"].id) == world.task_ids({"over20": "escalated"})
    assert found["sonv"].emails == ["sonv@tuyenquang.example"]
    assert (found["steering"].email_state, found["steering"].emails) == ("no_address", [])


def test_an_agency_without_email_gets_its_reminder_in_the_tracker_only(session, world):
    scan(session)
    row = digests(session)["sotc"]
    assert (row.agency_id, row.emails, row.email_state, row.next_attempt_at) == (
        world.agencies["sotc"].id,
        [],
        "no_address",
        None,
    )
    assert items(session, row.id) == world.task_ids({"sotc7": "due_soon"})
    # listed as without address: active ones only
    assert [a.code for a in outbox.agencies_without_email(session=session)] == ["sotc"]


def test_a_very_long_agency_name_does_not_break_the_scan(session, world, make):
    """Names may be 300 characters: the subject is cut to its column (PostgreSQL would refuse it)."""
    long_name = "Ủy ban nhân dân " + "huyện rất dài " * 20
    agency = make.agency("dai", name=long_name, emails=["dai@tuyenquang.example"])
    make.task(world.plan, agency, due_date=ago(1), status=Status.IN_PROGRESS)
    assert scan(session).created == len(EXPECTED) + 1
    subject = digests(session)["dai"].subject
    assert len(subject) == 300 and subject.endswith("…") and "Ủy ban nhân dân huyện rất dài" in subject


def test_agencies_without_email_counts_blank_addresses_as_none(session, world, make):
    make.agency("sotp", name="Sở Tư pháp", emails=["  "])
    assert sorted(a.code for a in outbox.agencies_without_email(session=session)) == ["sotc", "sotp"]


def test_a_second_scan_the_same_day_adds_nothing(session, world):
    first = scan(session)
    before = (count(session, Notification), count(session, NotificationItem))
    snapshot = {n.id: (n.recipient, n.subject, n.created_at) for n in rows(session)}
    second = scan(session, now=at(DAY, 15))
    assert (first.created, second.created) == (5, 0)
    assert len(second.digests) == 5  # it found the same, and stored nothing
    assert (count(session, Notification), count(session, NotificationItem)) == before
    assert {n.id: (n.recipient, n.subject, n.created_at) for n in rows(session)} == snapshot
    run = session.exec(select(JobRun)).one()
    assert (run.job, run.day, run.status, run.runs) == ("scan_overdue", DAY, "ok", 2)
    assert run.detail == "5 digests, 0 new"


def test_a_dry_run_writes_nothing(session, world):
    result = scan(session, dry_run=True)
    assert result.dry_run and result.created == 0
    assert {d.recipient: {i.task_id: str(i.kind) for i in d.items} for d in result.digests} == {
        recipient: world.task_ids(kinds) for recipient, kinds in EXPECTED.items()
    }
    assert count(session, Notification) == count(session, NotificationItem) == count(session, JobRun) == 0
    assert not outbox.has_run(session=session, job=outbox.SCAN_JOB, day=DAY)
    assert scan(session).created == 5  # the real scan after it still creates everything


def test_the_scan_records_its_run_for_the_day(session, world):
    assert not outbox.has_run(session=session, job=outbox.SCAN_JOB, day=DAY)
    scan(session)
    assert outbox.has_run(session=session, job=outbox.SCAN_JOB, day=DAY)
    assert not outbox.has_run(session=session, job=outbox.SCAN_JOB, day=ahead(1))
    run = session.exec(select(JobRun)).one()
    assert (run.job, run.day, run.status, run.runs, run.started_at, run.finished_at) == (
        "scan_overdue",
        DAY,
        "ok",
        1,
        T0,
        T0,
    )
    assert run.detail == "5 digests, 5 new"


def test_a_day_off_scans_nothing_and_is_not_a_run(session, world):
    saturday = DAY + timedelta(days=4)
    assert saturday.weekday() == 5 and not CAL.is_working_day(saturday)
    result = scan(session, saturday)
    assert (result.working_day, result.days, result.digests, result.created) == (False, [], [], 0)
    assert count(session, Notification) == count(session, JobRun) == 0
    assert not outbox.has_run(session=session, job=outbox.SCAN_JOB, day=saturday)


def test_a_missed_working_day_is_caught_up_on_the_next_scan(session, world):
    """The last scan ran on Friday; Monday's was missed: Tuesday's scan flags Monday's thresholds too."""
    alone = scan(session, dry_run=True)  # no earlier run: today only
    soyte_alone = next(d for d in alone.digests if d.recipient == "soyte")
    assert {i.task_id for i in soyte_alone.items} == {world.tasks["due7"].id, world.tasks["over1"].id}

    friday, monday = ago(2), ago(1)
    outbox.record_run(
        session=session, job=outbox.SCAN_JOB, day=friday, started=at(friday), now=at(friday), status="ok", detail=""
    )
    session.commit()
    result = scan(session)
    assert result.days == [monday, DAY]
    found = digests(session)
    assert items(session, found["soyte"].id) == world.task_ids(
        {
            "due7": "due_soon",
            "over1": "overdue",
            "over2": "overdue",  # due Friday: 1 working day late on Monday
            "soon6": "due_soon",  # 7 working days before its deadline on Monday
        }
    )
    for recipient in ("sogddt", "sotc", "sotttt", "steering"):  # nothing else was due on Monday
        assert items(session, found[recipient].id) == world.task_ids(EXPECTED[recipient])
    assert [r.day for r in session.exec(select(JobRun).order_by(JobRun.day)).all()] == [friday, DAY]


def test_a_failed_run_is_not_the_last_run(session, world):
    friday, monday = ago(2), ago(1)
    for day, status in ((friday, "ok"), (monday, "failed")):
        outbox.record_run(
            session=session, job=outbox.SCAN_JOB, day=day, started=at(day), now=at(day), status=status, detail=""
        )
    session.commit()
    assert outbox.last_run_day(session=session, job=outbox.SCAN_JOB, before=DAY) == friday
    assert scan(session).days == [monday, DAY]


# --- delivery to a real SMTP server ------------------------------------------------------------------


def test_delivery_sends_one_email_per_pending_row(session, world, smtp_server, mailer):  # noqa: F811
    scan(session)
    found = digests(session)
    now = at(DAY, 9, 31)
    report = deliver(session, mailer, now)
    assert (report.sent, report.retried, report.failed, report.errors) == (4, 0, 0, [])

    received = smtp_server.wait_for(4)
    assert len(received) == 4
    assert Counter(r.notification_id for r in received) == Counter(found[code].id for code in EMAILED)
    by_id = {r.notification_id: r for r in received}
    for code in EMAILED:
        row, mail = found[code], by_id[found[code].id]
        assert mail.mail_from == "no-reply@tuyenquang.example"
        assert sorted(mail.rcpt_tos) == sorted(row.emails)
        assert mail.message["Subject"] == SUBJECTS[code]
        assert mail.message["Auto-Submitted"] == "auto-generated"
        assert mail.message.get_content_type() == "multipart/alternative"
        assert [p.get_content_type() for p in mail.message.iter_parts()] == ["text/plain", "text/html"]
        text = mail.message.get_body(("plain",)).get_content()
        page = mail.message.get_body(("html",)).get_content()
        assert text.startswith("Kính gửi: ")
        assert "Trân trọng./." in text
        for task_id in items(session, row.id):
            assert f"Cập nhật tiến độ tại: {BASE_URL}/task/{task_id}" in text
            assert f'<a href="{BASE_URL}/task/{task_id}">' in page
    assert sorted(by_id[found["soyte"].id].rcpt_tos) == ["soyte@tuyenquang.example"]
    assert sorted(by_id[found["sotttt"].id].rcpt_tos) == sorted(world.agencies["sotttt"].emails)
    assert list(by_id[found["steering"].id].rcpt_tos) == list(STEERING_EMAILS)

    after = digests(session)
    for code in EMAILED:
        row = after[code]
        assert (row.email_state, row.attempts, row.sent_at, row.last_attempt_at, row.last_error) == (
            "sent",
            1,
            now,
            now,
            "",
        )
        assert attempts(session, row.id) == [True]
    assert after["sotc"].email_state == "no_address" and attempts(session, after["sotc"].id) == []

    again = deliver(session, mailer, at(DAY, 16))
    assert again == DeliveryReport()
    assert len(smtp_server.messages) == 4
    assert count(session, DeliveryAttempt) == 4


def test_a_mail_server_that_is_down_is_retried_later_and_each_mail_goes_once(
    session,
    world,
    smtp_server,  # noqa: F811
    mailer,
):
    scan(session)
    pending = [digests(session)[code].id for code in EMAILED]
    smtp_server.stop()
    report = deliver(session, mailer, T0)
    assert (report.sent, report.retried, report.failed, len(report.errors)) == (0, 4, 0, 4)
    for row in rows(session, email_state="pending"):
        assert row.attempts == 1
        assert "ConnectionRefusedError" in row.last_error
        assert row.next_attempt_at == T0 + outbox.retry_delay(1) == T0 + timedelta(minutes=2)
        assert row.next_attempt_at > T0
        assert row.sent_at is None
        [attempt] = outbox.delivery_attempts(session=session, notification_id=row.id)
        assert (attempt.ok, attempt.at, attempt.error) == (False, T0, row.last_error)
    assert sorted(n.id for n in rows(session, email_state="pending")) == sorted(pending)

    # before the retry is due nothing is tried, even with the server back
    assert deliver(session, mailer, T0 + timedelta(minutes=1)) == DeliveryReport()
    smtp_server.start()
    assert deliver(session, mailer, T0 + timedelta(minutes=1, seconds=59)) == DeliveryReport()
    assert smtp_server.messages == []
    assert all(n.attempts == 1 for n in rows(session, email_state="pending"))
    assert count(session, DeliveryAttempt) == 4

    later = T0 + timedelta(minutes=3)
    report = deliver(session, mailer, later)
    assert (report.sent, report.retried, report.failed) == (4, 0, 0)
    assert Counter(r.notification_id for r in smtp_server.wait_for(4)) == Counter(pending)
    for notification_id in pending:
        row = fresh(session, notification_id)
        assert (row.email_state, row.attempts, row.sent_at, row.last_error) == ("sent", 2, later, "")
        assert attempts(session, notification_id) == [False, True]
    assert deliver(session, mailer, later + timedelta(hours=1)) == DeliveryReport()
    assert len(smtp_server.messages) == 4


def test_after_the_last_attempt_a_row_fails_for_good(session, world, smtp_server, mailer):  # noqa: F811
    scan(session)
    smtp_server.stop()
    first = deliver(session, mailer, T0, max_attempts=2)
    assert (first.retried, first.failed) == (4, 0)
    second = deliver(session, mailer, T0 + timedelta(minutes=3), max_attempts=2)
    assert (second.sent, second.retried, second.failed) == (0, 0, 4)
    failed = rows(session, email_state="failed")
    assert len(failed) == 4 and {n.recipient for n in failed} == set(EMAILED)
    for row in failed:
        assert row.attempts == 2 and row.last_error
        assert attempts(session, row.id) == [False, False]
    smtp_server.start()
    assert deliver(session, mailer, T0 + timedelta(days=1), max_attempts=2) == DeliveryReport()
    assert smtp_server.messages == []
    assert len(rows(session, email_state="failed")) == 4


def test_a_claim_left_by_a_crashed_sender_is_released_and_sent(session, world, smtp_server, mailer):  # noqa: F811
    scan(session)
    found = digests(session)
    crashed, busy = found["soyte"], found["sogddt"]
    crashed.email_state, crashed.attempts, crashed.last_attempt_at = "sending", 1, T0 - timedelta(hours=1)
    busy.email_state, busy.attempts, busy.last_attempt_at = "sending", 1, T0 - timedelta(minutes=5)
    session.add_all([crashed, busy])
    session.commit()

    report = deliver(session, mailer, T0)
    assert report.sent == 3  # the crashed claim and the two untouched rows; the fresh claim is left alone
    sent = {r.notification_id for r in smtp_server.wait_for(3)}
    assert sent == {crashed.id, found["sotttt"].id, found["steering"].id}
    row = fresh(session, crashed.id)
    assert (row.email_state, row.attempts) == ("sent", 2)
    row = fresh(session, busy.id)
    assert (row.email_state, row.attempts) == ("sending", 1)

    # once that claim is stale too, it is released and sent
    report = deliver(session, mailer, T0 + outbox.STALE_CLAIM)
    assert report.sent == 1
    assert Counter(r.notification_id for r in smtp_server.wait_for(4)) == Counter(
        [crashed.id, busy.id, found["sotttt"].id, found["steering"].id]
    )
    row = fresh(session, busy.id)
    assert (row.email_state, row.attempts) == ("sent", 2)


def test_only_sends_the_given_rows_at_once(session, world, smtp_server, mailer):  # noqa: F811
    """An urge is delivered right away: `only` does not wait for the retry time."""
    scan(session)
    smtp_server.stop()
    deliver(session, mailer, T0)
    smtp_server.start()
    soyte = digests(session)["soyte"].id
    report = deliver(session, mailer, T0 + timedelta(seconds=30), only=[soyte])
    assert report.sent == 1
    assert [r.notification_id for r in smtp_server.wait_for(1)] == [soyte]
    assert {n.recipient for n in rows(session, email_state="pending")} == {"sogddt", "sotttt", "steering"}


def test_the_retry_delay_grows_and_is_capped():
    minutes = [outbox.retry_delay(n) / timedelta(minutes=1) for n in range(1, 10)]
    assert minutes == [2, 4, 8, 16, 32, 60, 60, 60, 60]
    assert outbox.retry_delay(0) == outbox.FIRST_RETRY
    assert outbox.retry_delay(6) == timedelta(hours=1)
    # capped from the 6th failure on, however many there were (a naive doubling overflows timedelta at 41)
    assert {outbox.retry_delay(n) for n in range(6, 1000)} == {outbox.LONGEST_RETRY}


# --- urging ------------------------------------------------------------------------------------------


def test_a_coordinator_urges_a_task(session, world):
    task = world.tasks["over1"]
    coordinator = world.users["coordinator"]
    urged = urge(session, world, task_id=task.id, note="Đề nghị báo cáo\ntrước ngày 19/6")
    assert (urged.recipient, urged.agency_id, urged.kind, urged.day, urged.seq) == (
        "soyte",
        world.agencies["soyte"].id,
        "urge",
        DAY,
        0,
    )
    assert urged.created_by_label == actor_label(coordinator) == f"{coordinator.full_name} (sotttt)"
    assert (urged.email_state, urged.emails, urged.next_attempt_at) == (
        "pending",
        ["soyte@tuyenquang.example"],
        at(DAY, 10),
    )
    assert urged.subject == (
        "[Chuyển đổi số] Đôn đốc thực hiện nhiệm vụ gửi Sở Y tế ngày 16/06/2026 (1 quá hạn, 0 sắp đến hạn)"
    )
    assert f"Ý kiến của {coordinator.full_name} (sotttt): Đề nghị báo cáo trước ngày 19/6" in urged.body_text
    assert f"{BASE_URL}/task/{task.id}" in urged.body_text
    assert items(session, urged.id) == {task.id: "urged"}
    entry = session.exec(select(AuditLog).where(AuditLog.action == "urge")).one()
    assert (entry.actor_id, entry.outcome, entry.target_type, entry.target_id, entry.detail) == (
        coordinator.id,
        "ok",
        "task",
        str(task.id),
        f"soyte: {task.number}",
    )


def test_urging_an_agency_names_all_its_overdue_and_due_soon_tasks(session, world):
    urged = urge(session, world, who="admin", agency_id=world.agencies["soyte"].id)
    # overdue or within 7 working days, open and with a deadline; not the far, done, submitted, ongoing ones
    assert items(session, urged.id) == world.task_ids(
        {"due7": "urged", "soon6": "urged", "soon3": "urged", "over1": "urged", "over2": "urged"}
    )
    assert urged.subject.endswith("(2 quá hạn, 3 sắp đến hạn)")
    entry = session.exec(select(AuditLog).where(AuditLog.action == "urge")).one()
    assert (entry.target_type, entry.target_id) == ("agency", str(world.agencies["soyte"].id))


def test_a_second_urge_the_same_day_needs_confirming(session, world):
    over1, due7 = world.tasks["over1"], world.tasks["due7"]
    urge(session, world, task_id=over1.id, now=at(DAY, 10))
    with pytest.raises(AlreadyUrged) as already:
        urge(session, world, task_id=due7.id, now=at(DAY, 11))
    assert "đã được đôn đốc hôm nay (lúc 10:30 16/06/2026)" in str(already.value)
    with pytest.raises(AlreadyUrged):  # the agency, not the task, was urged
        urge(session, world, agency_id=world.agencies["soyte"].id, now=at(DAY, 11))
    assert len(rows(session, kind="urge")) == 1

    again = urge(session, world, task_id=due7.id, now=at(DAY, 11), confirm=True)
    assert (again.seq, again.day, again.recipient) == (1, DAY, "soyte")
    assert items(session, again.id) == {due7.id: "urged"}
    third = urge(session, world, task_id=over1.id, now=at(DAY, 14), confirm=True)
    assert third.seq == 2
    assert [n.seq for n in rows(session, kind="urge")] == [0, 1, 2]

    tomorrow = urge(session, world, task_id=over1.id, day=ahead(1))  # a new day: no confirmation needed
    assert (tomorrow.day, tomorrow.seq) == (ahead(1), 0)
    # other agencies are not affected
    assert urge(session, world, task_id=world.tasks["due1"].id).recipient == "sogddt"
    assert len(session.exec(select(AuditLog).where(AuditLog.action == "urge")).all()) == 5


@pytest.mark.parametrize("key", ["done", "submitted", "cancelled"])
def test_only_open_tasks_can_be_urged(session, world, key):
    with pytest.raises(ValidationError) as refused:
        urge(session, world, task_id=world.tasks[key].id)
    assert str(refused.value) == "Chỉ đôn đốc được nhiệm vụ chưa triển khai hoặc đang thực hiện."
    assert count(session, Notification) == 0
    assert session.exec(select(AuditLog).where(AuditLog.action == "urge")).all() == []


def test_an_agency_with_nothing_overdue_or_due_soon_cannot_be_urged(session, world):
    sonv = world.agencies["sonv"]
    with pytest.raises(ValidationError) as refused:
        urge(session, world, agency_id=sonv.id)
    assert str(refused.value) == f"{sonv.short_name} không có nhiệm vụ quá hạn hoặc sắp đến hạn để đôn đốc."
    assert count(session, Notification) == 0
    with pytest.raises(NotFound):
        urge(session, world, agency_id=999_999)


@pytest.mark.parametrize("who", ["officer", "viewer"])
def test_agency_officers_and_viewers_may_not_urge(session, world, who):
    task = world.tasks["over1"]  # the officer's own agency's task
    with pytest.raises(PermissionDenied):
        urge(session, world, who=who, task_id=task.id)
    with pytest.raises(PermissionDenied):
        urge(session, world, who=who, agency_id=world.agencies["soyte"].id, confirm=True)
    assert count(session, Notification) == count(session, NotificationItem) == 0
    refusals = session.exec(select(AuditLog).order_by(AuditLog.id)).all()
    assert [(e.actor_id, e.action, e.outcome, e.target_type, e.target_id) for e in refusals] == [
        (world.users[who].id, "send_reminders", "refused", "task", str(task.id)),
        (world.users[who].id, "send_reminders", "refused", "agency", str(world.agencies["soyte"].id)),
    ]


# --- the notification centre -------------------------------------------------------------------------


@pytest.fixture
def centre(session, world) -> dict[str, int]:
    """Five digests on DAY, an urge of soyte on DAY and one of sogddt the next day: their ids by name."""
    scan(session)
    ids = {code: n.id for code, n in digests(session).items()}
    ids["urge_soyte"] = urge(session, world, task_id=world.tasks["over1"].id, now=at(DAY, 10)).id
    ids["urge_sogddt"] = urge(
        session, world, agency_id=world.agencies["sogddt"].id, day=ahead(1), now=at(ahead(1), 8)
    ).id
    return ids


def _listed(session, world, who: str, **filters) -> list[int]:
    views = outbox.list_notifications(session=session, actor=world.users[who], filters=NotificationFilters(**filters))
    return [v.notification.id for v in views]


def test_each_user_sees_only_what_is_theirs(session, world, centre):
    everything = set(centre.values())
    expected = {
        "coordinator": everything,
        "admin": everything,
        "officer": {centre["soyte"], centre["urge_soyte"]},
        "sogddt_officer": {centre["sogddt"], centre["urge_sogddt"]},
        "sotc_officer": {centre["sotc"]},  # no e-mail address, but the in-app copy is there
        "sonv_officer": set(),
        "viewer": {centre["steering"]},
    }
    for who, ids in expected.items():
        assert outbox.unread_count(session=session, actor=world.users[who]) == len(ids), who
        assert set(_listed(session, world, who)) == ids, who
        for notification_id in everything:
            assert outbox.can_see(session=session, actor=world.users[who], notification_id=notification_id) == (
                notification_id in ids
            )
    # newest first: the urge of 10:30 before the digest of 09:30
    assert _listed(session, world, "officer") == [centre["urge_soyte"], centre["soyte"]]
    assert _listed(session, world, "coordinator")[0] == centre["urge_sogddt"]  # the next day's


def test_the_list_shows_the_tasks_and_the_agency(session, world, centre):
    [view] = outbox.list_notifications(session=session, actor=world.users["viewer"])
    assert (view.notification.recipient, view.agency_name, view.read) == ("steering", "", False)
    assert [(item.kind, task.id) for item, task in view.items] == [("escalated", world.tasks["over20"].id)]
    digest = next(
        v
        for v in outbox.list_notifications(session=session, actor=world.users["officer"])
        if v.notification.kind == "digest"
    )
    assert digest.agency_name == world.agencies["soyte"].short_name
    # most pressing first: overdue before due soon
    assert [(item.kind, task.id) for item, task in digest.items] == [
        ("overdue", world.tasks["over1"].id),
        ("due_soon", world.tasks["due7"].id),
    ]


def test_marking_read(session, world, centre):
    officer, coordinator = world.users["officer"], world.users["coordinator"]
    # what the officer may not see is ignored
    assert (
        outbox.mark_read(
            session=session, actor=officer, now=T0, notification_ids=[centre["sogddt"], centre["steering"]]
        )
        == 0
    )
    assert (
        outbox.mark_read(session=session, actor=world.users["viewer"], now=T0, notification_ids=[centre["soyte"]]) == 0
    )
    assert count(session, NotificationRead) == 0
    assert outbox.unread_count(session=session, actor=officer) == 2

    assert outbox.mark_read(session=session, actor=officer, now=T0, notification_ids=[centre["soyte"]]) == 1
    assert outbox.mark_read(session=session, actor=officer, now=T0, notification_ids=[str(centre["soyte"])]) == 0
    assert outbox.unread_count(session=session, actor=officer) == 1
    views = outbox.list_notifications(session=session, actor=officer)
    assert {v.notification.id: v.read for v in views} == {centre["soyte"]: True, centre["urge_soyte"]: False}
    assert _listed(session, world, "officer", unread_only=True) == [centre["urge_soyte"]]

    assert outbox.mark_read(session=session, actor=officer, now=T0) == 1  # everything left
    assert outbox.unread_count(session=session, actor=officer) == 0
    assert outbox.mark_read(session=session, actor=officer, now=T0) == 0
    # reading is each user's own
    assert outbox.unread_count(session=session, actor=coordinator) == 7
    assert outbox.mark_read(session=session, actor=coordinator, now=T0) == 7
    assert outbox.unread_count(session=session, actor=coordinator) == 0
    assert outbox.unread_count(session=session, actor=world.users["viewer"]) == 1
    assert count(session, NotificationRead) == 9


def test_filters(session, world, centre):
    c = centre
    digests_ = {c[code] for code in EXPECTED}

    def listed(**filters) -> set[int]:
        return set(_listed(session, world, "coordinator", **filters))

    assert listed(agency_id=world.agencies["soyte"].id) == {c["soyte"], c["urge_soyte"]}
    assert listed(kind="urge") == {c["urge_soyte"], c["urge_sogddt"]}
    assert listed(kind="digest") == digests_
    assert listed(kind="due_soon") == {c["soyte"], c["sogddt"], c["sotc"]}
    assert listed(kind="escalated") == {c["sotttt"], c["steering"]}
    assert listed(kind="still_overdue") == {c["sogddt"]}
    assert listed(kind="urged") == {c["urge_soyte"], c["urge_sogddt"]}
    assert listed(kind="escalated_weekly") == set()
    assert listed(day_from=ahead(1)) == {c["urge_sogddt"]}
    assert listed(day_to=DAY) == digests_ | {c["urge_soyte"]}
    assert listed(day_from=DAY, day_to=DAY) == digests_ | {c["urge_soyte"]}
    assert listed(day_from=ahead(2)) == set()
    assert listed(state="no_address") == {c["sotc"]}
    assert listed(state="pending") == set(c.values()) - {c["sotc"]}
    assert listed(state="sent") == set()
    assert listed(agency_id=world.agencies["soyte"].id, kind="urge") == {c["urge_soyte"]}
    assert listed(agency_id=world.agencies["sogddt"].id, kind="due_soon", day_to=DAY) == {c["sogddt"]}
    outbox.mark_read(
        session=session, actor=world.users["coordinator"], now=T0, notification_ids=[c["sotc"], c["soyte"]]
    )
    assert listed(unread_only=True) == set(c.values()) - {c["sotc"], c["soyte"]}
    assert listed(unread_only=True, kind="due_soon") == {c["sogddt"]}
    # an officer's filters never widen what they see
    assert set(_listed(session, world, "officer", agency_id=world.agencies["sogddt"].id)) == set()


def test_a_task_lists_every_reminder_it_was_in(session, world):
    over20, over1, far = world.tasks["over20"], world.tasks["over1"], world.tasks["far"]
    assert outbox.task_reminders(session=session, task_id=over20.id) == []
    scan(session)
    found = outbox.task_reminders(session=session, task_id=over20.id)
    assert sorted((r.recipient, r.kind, r.notification_kind, r.day, r.created_by) for r in found) == [
        ("sotttt", "escalated", "digest", DAY, ""),
        ("steering", "escalated", "digest", DAY, ""),
    ]
    assert [r.email_state for r in found] == ["pending", "pending"]
    urge(session, world, task_id=over20.id, now=at(DAY, 10))
    found = outbox.task_reminders(session=session, task_id=over20.id)
    assert len(found) == 3
    label = actor_label(world.users["coordinator"])
    assert (found[0].recipient, found[0].kind, found[0].notification_kind, found[0].created_by) == (
        "sogddt",
        "urged",
        "urge",
        label,
    )
    assert found[0].created_at == at(DAY, 10)

    assert len(outbox.task_reminders(session=session, task_id=over1.id)) == 1
    urge(session, world, task_id=over1.id, now=at(DAY, 10))
    urge(session, world, task_id=over1.id, now=at(DAY, 11), confirm=True)
    found = outbox.task_reminders(session=session, task_id=over1.id)
    assert [(r.notification_kind, r.kind) for r in found] == [
        ("urge", "urged"),
        ("urge", "urged"),
        ("digest", "overdue"),
    ]
    assert [r.created_at for r in found] == [at(DAY, 11), at(DAY, 10), T0]
    assert outbox.task_reminders(session=session, task_id=far.id) == []


def test_reminder_states_follow_delivery(session, world, mailer):
    """The task's reminder list shows whether each e-mail went."""
    scan(session)
    deliver(session, mailer, T0)
    assert {
        r.recipient: r.email_state for r in outbox.task_reminders(session=session, task_id=world.tasks["over20"].id)
    } == {
        "sotttt": "sent",
        "steering": "sent",
    }
    assert [r.email_state for r in outbox.task_reminders(session=session, task_id=world.tasks["sotc7"].id)] == [
        "no_address"
    ]
