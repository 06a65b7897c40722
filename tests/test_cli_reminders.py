"""The reminder commands of the command line: scan-overdue, send-notifications, scheduler --run-once.

Run in-process through dashapp.cli.main with the environment an operator would set; the sample plan is
seeded with TRACKER_TODAY=2026-06-16, on which (by the plan's fixed random seed):
- 19/06/2026 flags task 45 of Sở TT&TT (newly overdue) and task 72 of Sở Y tế (due in 1 working day);
- 16/06/2026 flags tasks 103, 40, 75 and 98 (still overdue) of four agencies.
"""

from __future__ import annotations

import email
import email.policy
import os
import socket

import pytest
from aiosmtpd.controller import Controller
from sqlmodel import Session, func, select

from dashapp.cli import main
from models.database import make_engine
from models.outbox import SCAN_JOB
from models.tables import JobRun, Notification


def count(db_url: str, model, *where) -> int:
    engine = make_engine(db_url)
    try:
        with Session(engine) as s:
            return s.exec(select(func.count()).select_from(model).where(*where)).one()
    finally:
        engine.dispose()


def notifications(db_url: str) -> list[Notification]:
    engine = make_engine(db_url)
    try:
        with Session(engine, expire_on_commit=False) as s:
            return list(s.exec(select(Notification).order_by(Notification.id)).all())
    finally:
        engine.dispose()


def states(db_url: str) -> dict[str, str]:
    return {n.recipient: n.email_state for n in notifications(db_url)}


@pytest.fixture
def cli_env(monkeypatch, db_url, tmp_path) -> str:
    """The operator's environment: the test database, a pinned day, no mail server; the database URL."""
    for name in list(os.environ):
        if name.startswith("SMTP_") or name in {"REMINDER_TIME", "TRACKER_TIMEZONE", "APP_BASE_URL"}:
            monkeypatch.delenv(name)
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("TRACKER_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.setenv("SECRET_KEY", "test-secret")
    monkeypatch.setenv("TRACKER_TODAY", "2026-06-16")
    return db_url


@pytest.fixture
def seeded(cli_env, capsys) -> str:
    """The sample plan loaded; its output swallowed."""
    assert main(["seed-demo"]) == 0
    capsys.readouterr()
    return cli_env


class Inbox:
    """An aiosmtpd handler that keeps what it receives."""

    def __init__(self) -> None:
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def messages(self) -> list[email.message.EmailMessage]:
        return [email.message_from_bytes(e.content, policy=email.policy.default) for e in self.envelopes]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server(monkeypatch) -> Inbox:
    """A real SMTP server on loopback, and SMTP_HOST/SMTP_PORT pointing at it."""
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SMTP_PORT", str(port))
    try:
        yield inbox
    finally:
        controller.stop()


@pytest.mark.parametrize(
    ("command", "option"),
    [("scan-overdue", "--dry-run"), ("send-notifications", "-h"), ("scheduler", "--run-once")],
)
def test_reminder_commands_have_help(capsys, command, option):
    with pytest.raises(SystemExit) as exited:
        main([command, "--help"])
    assert exited.value.code == 0
    out = capsys.readouterr().out
    assert out.startswith("usage: python -m dashapp " + command) and option in out


def test_dry_run_prints_what_would_be_flagged_and_writes_nothing(seeded, capsys):
    assert main(["scan-overdue", "--dry-run", "--today", "2026-06-19"]) == 0
    out = capsys.readouterr().out
    assert "Quét ngày 19/06/2026" in out
    assert "- Sẽ gửi Sở Thông tin và Truyền thông (sotttt@tuyenquang.example" in out
    assert "- Sẽ gửi Sở Y tế (soyte@tuyenquang.example): 1 nhiệm vụ" in out
    lines = out.splitlines()
    overdue = next(line for line in lines if line.strip().startswith("45 · "))
    soon = next(line for line in lines if line.strip().startswith("72 · "))
    assert "hạn 18/06/2026" in overdue and "quá hạn 1 ngày" in overdue
    assert "hạn 22/06/2026" in soon and "còn 1 ngày làm việc" in soon
    assert "Chạy thử (--dry-run)" in out
    assert count(seeded, Notification) == 0 and count(seeded, JobRun) == 0


def test_scan_writes_the_rows_once_and_says_so(seeded, capsys):
    assert main(["scan-overdue", "--today", "2026-06-19"]) == 0
    first = capsys.readouterr().out
    assert "- Nhắc việc Sở Y tế (soyte@tuyenquang.example): 1 nhiệm vụ" in first
    assert "Đã ghi 2 thông báo mới vào hàng đợi." in first
    assert states(seeded) == {"sotttt": "pending", "soyte": "pending"}  # no SMTP_HOST: the e-mails wait
    assert count(seeded, JobRun, JobRun.job == SCAN_JOB) == 1

    assert main(["scan-overdue", "--today", "2026-06-19"]) == 0
    second = capsys.readouterr().out
    assert "không tạo thêm" in second and "Đã ghi" not in second
    assert count(seeded, Notification) == 2


def test_scan_on_a_holiday_says_it_is_not_a_working_day(seeded, capsys):
    assert main(["scan-overdue", "--today", "2026-09-02"]) == 0
    out = capsys.readouterr().out
    assert "02/09/2026 không phải ngày làm việc" in out
    assert count(seeded, Notification) == 0 and count(seeded, JobRun) == 0


@pytest.mark.parametrize("value", ["16/06/2026", "2026-02-30", "hôm nay"])
def test_a_bad_today_is_refused_in_vietnamese(cli_env, capsys, value):
    with pytest.raises(SystemExit) as exited:
        main(["scan-overdue", "--today", value])
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "argument --today" in err and "ngày phải viết theo dạng YYYY-MM-DD" in err
    assert count(cli_env, Notification) == 0


def test_send_without_a_mail_server_fails_and_leaves_the_rows_pending(seeded, capsys):
    assert main(["scan-overdue", "--today", "2026-06-19"]) == 0
    capsys.readouterr()
    assert main(["send-notifications"]) == 1
    assert "Chưa cấu hình máy chủ thư (SMTP_HOST)" in capsys.readouterr().err
    assert states(seeded) == {"sotttt": "pending", "soyte": "pending"}


def test_send_delivers_the_pending_mails_to_the_smtp_server(seeded, capsys, smtp_server, monkeypatch):
    monkeypatch.delenv("SMTP_HOST")  # scan first without a server, so the rows are pending
    assert main(["scan-overdue", "--today", "2026-06-19"]) == 0
    assert smtp_server.envelopes == []
    capsys.readouterr()

    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
    assert main(["send-notifications"]) == 0
    assert "Đã gửi 2 thư; 0 thư sẽ gửi lại sau; 0 thư gửi không được." in capsys.readouterr().out
    assert states(seeded) == {"sotttt": "sent", "soyte": "sent"}
    rows = {str(n.id): n for n in notifications(seeded)}
    received = {
        m["X-Tracker-Notification"]: (m, e) for m, e in zip(smtp_server.messages(), smtp_server.envelopes, strict=True)
    }
    assert set(received) == set(rows)
    for notification_id, (message, envelope) in received.items():
        assert sorted(envelope.rcpt_tos) == sorted(rows[notification_id].emails)
        assert message["Subject"] == rows[notification_id].subject
    assert sorted(smtp_server.envelopes[0].rcpt_tos + smtp_server.envelopes[1].rcpt_tos) == [
        "sotttt@tuyenquang.example",
        "soyte@tuyenquang.example",
        "vanphong.sotttt@tuyenquang.example",
    ]

    assert main(["send-notifications"]) == 0  # nothing left to send
    assert "Đã gửi 0 thư" in capsys.readouterr().out and len(smtp_server.envelopes) == 2


def test_scheduler_run_once_scans_and_exits(seeded, capsys):
    assert main(["scheduler", "--run-once"]) == 0
    out = capsys.readouterr().out
    assert "Quét ngày 16/06/2026" in out and "Đã ghi 4 thông báo mới vào hàng đợi." in out
    for number in ("103", "40", "75", "98"):
        assert any(line.strip().startswith(f"{number} · ") for line in out.splitlines())
    assert set(states(seeded)) == {"sonv", "sotttt", "sovhttdl", "soxd"}
    assert set(states(seeded).values()) == {"pending"}  # no mail server: waiting, and still exit 0

    assert main(["scheduler", "--run-once"]) == 0  # the day's scan ran: not again
    assert "Hôm nay đã quét; không quét lại." in capsys.readouterr().out
    assert count(seeded, Notification) == 4 and count(seeded, JobRun, JobRun.job == SCAN_JOB) == 1


def test_scheduler_run_once_also_runs_the_sender(seeded, capsys, smtp_server):
    assert main(["scheduler", "--run-once"]) == 0
    out = capsys.readouterr().out
    assert "Đã ghi 4 thông báo mới vào hàng đợi." in out
    assert "Đã gửi 4 thư; 0 thư sẽ gửi lại sau; 0 thư gửi không được." in out  # sent right after the scan
    assert len(smtp_server.envelopes) == 4
    assert set(states(seeded).values()) == {"sent"}


def test_seed_demo_with_reminder_history_runs_the_previous_working_days_scans(cli_env, capsys):
    """`make run` seeds with --reminder-history: the ten working days before 16/06/2026 are scanned as
    the scheduler would have scanned them (so the notification page has something to show), and the
    day's own scan then covers that day only."""
    assert main(["seed-demo", "--if-empty", "--reminder-history"]) == 0
    out = capsys.readouterr().out
    engine = make_engine(cli_env)
    try:
        with Session(engine) as s:
            days = sorted(s.exec(select(JobRun.day).where(JobRun.job == SCAN_JOB)).all())
            made = s.exec(select(func.count()).select_from(Notification)).one()
            on_days = set(s.exec(select(Notification.day)).all())
    finally:
        engine.dispose()
    # 02/06 .. 15/06/2026: ten working days (the weekends left out), none on or after the seeding day
    assert [d.isoformat() for d in days] == [
        "2026-06-02", "2026-06-03", "2026-06-04", "2026-06-05", "2026-06-08",
        "2026-06-09", "2026-06-10", "2026-06-11", "2026-06-12", "2026-06-15",
    ]  # fmt: skip
    assert made > 0 and on_days <= set(days)
    assert f"10 ngày làm việc trước: {made} thông báo" in out

    assert main(["scheduler", "--run-once"]) == 0  # today's scan: today only, nothing of the history again
    assert "Quét ngày 16/06/2026" in capsys.readouterr().out
    assert count(cli_env, Notification) == made + 4  # the four digests of 16/06 (see the module's docstring)

    assert main(["seed-demo", "--if-empty", "--reminder-history"]) == 0  # a plan exists: nothing more
    assert count(cli_env, Notification) == made + 4


def test_reminder_history_is_refused_with_a_synthetic_plan(cli_env, capsys):
    assert main(["seed-demo", "--synthetic", "50", "--reminder-history"]) == 2
    assert "--reminder-history" in capsys.readouterr().err
    assert count(cli_env, Notification) == 0
