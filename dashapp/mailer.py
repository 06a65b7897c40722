"""The mailer at the edge: turns an Outgoing message into an e-mail and hands it to the SMTP server."""

from __future__ import annotations

import smtplib
import ssl
from email.header import Header
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from dashapp.settings import Settings
from models.digest import Outgoing, one_line


class SmtpMailer:
    """Sends over SMTP with the SMTP_* settings (STARTTLS and login when configured)."""

    def __init__(self, settings: Settings, timeout: float | None = None) -> None:
        self.settings = settings
        self.timeout = settings.smtp_timeout if timeout is None else timeout

    def message(self, outgoing: Outgoing) -> EmailMessage:
        """The e-mail: plain text with an HTML alternative, marked as automatic (RFC 3834)."""
        message = EmailMessage()
        message["From"] = self.settings.smtp_from
        message["To"] = ", ".join(outgoing.to)
        # Encoded by hand: the email package's own folding of a long Vietnamese subject drops the space
        # between two encoded words ("thực hiện" arrives as "thựchiện"); Header keeps spaces inside them.
        message.set_raw("Subject", Header(one_line(outgoing.subject), "utf-8", header_name="Subject").encode())
        message["Date"] = formatdate(localtime=True)
        message["Message-ID"] = make_msgid(domain=self.settings.smtp_from.rpartition("@")[2] or None)
        message["Auto-Submitted"] = "auto-generated"
        for name, value in outgoing.headers.items():
            message[name] = value
        message.set_content(outgoing.text)
        message.add_alternative(outgoing.html, subtype="html")
        return message

    def __call__(self, outgoing: Outgoing) -> None:
        """Send one message; any refusal or connection error is raised for the outbox to record."""
        settings = self.settings
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=self.timeout) as server:
            if settings.smtp_starttls:
                server.starttls(context=ssl.create_default_context())
            if settings.smtp_user:
                server.login(settings.smtp_user, settings.smtp_password)
            server.send_message(self.message(outgoing))
