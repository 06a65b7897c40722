"""A real SMTP server on loopback for tests (aiosmtpd), which a test can stop and start again on its port.

Usage: `from tests.smtp import smtp_server  # noqa: F401`, then take `smtp_server` as a fixture; its
`messages` are what the server accepted, each with the envelope and the parsed e-mail.
"""

from __future__ import annotations

import email
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from email.message import EmailMessage
from email.policy import default

import pytest
from aiosmtpd.controller import Controller

HOST = "127.0.0.1"


@dataclass(frozen=True)
class Received:
    """One message the server accepted: the envelope and the e-mail as `email` parses it."""

    mail_from: str
    rcpt_tos: tuple[str, ...]
    message: EmailMessage

    @property
    def notification_id(self) -> int:
        """The outbox row the e-mail came from (the mailer's X-Tracker-Notification header)."""
        return int(self.message["X-Tracker-Notification"])


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class _Handler:
    """aiosmtpd's handler: keep every envelope (called in the server's thread)."""

    def __init__(self, server: SmtpServer) -> None:
        self.server = server

    async def handle_DATA(self, _server, _session, envelope) -> str:
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        message = email.message_from_bytes(raw, policy=default)
        self.server._keep(Received(envelope.mail_from, tuple(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"


class SmtpServer:
    """An SMTP server on 127.0.0.1:`port`; `stop()` closes the port, `start()` listens on it again."""

    host = HOST

    def __init__(self, port: int | None = None) -> None:
        self.port = port or free_port()
        self._received: list[Received] = []
        self._changed = threading.Condition()
        self._controller: Controller | None = None

    @property
    def running(self) -> bool:
        return self._controller is not None

    @property
    def messages(self) -> list[Received]:
        """What the server accepted so far, oldest first."""
        with self._changed:
            return list(self._received)

    def _keep(self, received: Received) -> None:
        with self._changed:
            self._received.append(received)
            self._changed.notify_all()

    def wait_for(self, count: int, timeout: float = 5.0) -> list[Received]:
        """The messages once at least `count` have arrived (or what there is after `timeout` seconds)."""
        with self._changed:
            self._changed.wait_for(lambda: len(self._received) >= count, timeout=timeout)
            return list(self._received)

    def clear(self) -> None:
        with self._changed:
            self._received.clear()

    def start(self) -> None:
        """Listen (again) on the same port; a new controller each time (a stopped one cannot restart)."""
        if self._controller is not None:
            return
        controller = Controller(_Handler(self), hostname=self.host, port=self.port, server_hostname="localhost")
        controller.start()
        self._controller = controller

    def stop(self) -> None:
        """Close the port: a client now gets 'connection refused'."""
        if self._controller is None:
            return
        self._controller.stop()
        self._controller = None


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """A running SMTP server on a free loopback port, stopped at teardown."""
    server = SmtpServer()
    server.start()
    try:
        yield server
    finally:
        server.stop()
