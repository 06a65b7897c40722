"""The mailer builds e-mails that arrive as written: Vietnamese subjects intact, two parts, no injection."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default

import pytest

from dashapp.mailer import SmtpMailer
from dashapp.settings import Settings
from models.digest import Outgoing

SUBJECT = "[Chuyển đổi số] Đôn đốc thực hiện nhiệm vụ gửi Sở Y tế ngày 16/06/2026 (0 quá hạn, 1 sắp đến hạn)"


@pytest.fixture
def mailer(tmp_path) -> SmtpMailer:
    env = {"SECRET_KEY": "x", "TRACKER_INSTANCE_PATH": str(tmp_path), "SMTP_FROM": "nhacviec@tuyenquang.example"}
    return SmtpMailer(Settings.from_env(env))


def parsed(mailer: SmtpMailer, outgoing: Outgoing):
    return message_from_bytes(mailer.message(outgoing).as_bytes(), policy=default)


def outgoing(subject: str = SUBJECT, **kw) -> Outgoing:
    values = {
        "to": ("soyte@tuyenquang.example",),
        "subject": subject,
        "text": "Kính gửi: Sở Y tế\n",
        "html": "<p>x</p>",
    }
    values.update(kw)
    return Outgoing(**values)


@pytest.mark.parametrize(
    "subject",
    [
        SUBJECT,
        "[Chuyển đổi số] Nhắc việc ngày 16/06/2026 gửi Ủy ban nhân dân huyện Lâm Bình: 12 nhiệm vụ quá hạn, "
        "3 sắp đến hạn",
        "Ngắn",
    ],
)
def test_a_long_vietnamese_subject_arrives_word_for_word(mailer, subject):
    assert parsed(mailer, outgoing(subject))["Subject"] == subject


def test_a_line_break_in_the_subject_cannot_add_a_header(mailer):
    message = parsed(mailer, outgoing("Nhắc việc\r\nBcc: ke-xau@example.com"))
    assert message["Bcc"] is None
    assert message["Subject"] == "Nhắc việc Bcc: ke-xau@example.com"


def test_plain_text_and_html_parts_and_automatic_headers(mailer):
    message = parsed(mailer, outgoing(headers={"X-Tracker-Notification": "7"}))
    assert message.get_content_type() == "multipart/alternative"
    assert message.get_body(("plain",)).get_content() == "Kính gửi: Sở Y tế\n"
    assert message.get_body(("html",)).get_content().strip() == "<p>x</p>"
    assert message["From"] == "nhacviec@tuyenquang.example"
    assert message["To"] == "soyte@tuyenquang.example"
    assert message["Auto-Submitted"] == "auto-generated"
    assert message["X-Tracker-Notification"] == "7"
    assert message["Message-ID"].endswith("@tuyenquang.example>")
