"""Settings from the environment, read once by the edge (the app factory and the CLI)."""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _bool(value: str | None, default: bool = False) -> bool:
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int_list(value: str | None, default: tuple[int, ...]) -> tuple[int, ...]:
    """ "7,1" as (7, 1); the default when unset."""
    if value is None or not value.strip():
        return default
    return tuple(sorted({int(part) for part in value.split(",") if part.strip()}, reverse=True))


def _secret_key(env: Mapping[str, str], instance_path: Path) -> str:
    """SECRET_KEY, or for a laptop install a random key kept in instance/secret_key."""
    if env.get("SECRET_KEY"):
        return env["SECRET_KEY"]
    path = instance_path / "secret_key"
    if path.exists():
        return path.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    path.write_text(key)
    path.chmod(0o600)
    return key


@dataclass(frozen=True)
class Settings:
    """Everything configurable; see the README's configuration table."""

    database_url: str
    secret_key: str = field(repr=False)
    host: str = "127.0.0.1"
    port: int = 8050
    app_base_url: str = "http://127.0.0.1:8050"
    timezone: str = "Asia/Ho_Chi_Minh"
    reminder_time: str = "07:30"
    today: date | None = None
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_user: str = ""
    smtp_password: str = field(default="", repr=False)
    smtp_from: str = "no-reply@tuyenquang.example"
    smtp_starttls: bool = False
    instance_path: Path = PROJECT_ROOT / "instance"
    trusted_proxies: int = 0
    board_refresh_seconds: float = 15.0
    unread_refresh_seconds: float = 60.0
    # reminders (see models.reminders): working days before the deadline, the overdue repeat, escalation
    reminder_due_soon_days: tuple[int, ...] = (7, 1)
    reminder_repeat_days: int = 5
    escalation_days: int = 20
    coordinator_agency: str = "sotttt"
    steering_emails: tuple[str, ...] = ()
    smtp_timeout: float = 20.0
    scheduler_enabled: bool = True  # `python -m dashapp run` runs the scheduler in-process

    @property
    def smtp_configured(self) -> bool:
        """True when e-mail can be sent (SMTP_HOST is set)."""
        return bool(self.smtp_host)

    def reminder_policy(self):
        """The reminder thresholds and escalation recipients as the policy takes them."""
        from models.reminders import ReminderPolicy

        return ReminderPolicy(
            due_soon_days=self.reminder_due_soon_days,
            repeat_every=self.reminder_repeat_days,
            escalate_after=self.escalation_days,
            coordinator_agency=self.coordinator_agency,
            steering_emails=self.steering_emails,
        )

    def reminder_clock(self) -> tuple[int, int]:
        """REMINDER_TIME as (hour, minute)."""
        hour, _, minute = self.reminder_time.partition(":")
        return int(hour), int(minute or 0)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: object) -> Settings:
        """Build settings from `env` (os.environ by default); keyword overrides win."""
        env = os.environ if env is None else env
        instance_path = Path(env.get("TRACKER_INSTANCE_PATH", PROJECT_ROOT / "instance"))
        port = int(env.get("PORT", "8050"))
        today = env.get("TRACKER_TODAY", "").strip()
        values: dict[str, object] = {
            "database_url": env.get("DATABASE_URL") or f"sqlite:///{instance_path / 'tracker.db'}",
            "secret_key": _secret_key(env, instance_path),
            "host": env.get("HOST", "127.0.0.1"),
            "port": port,
            "app_base_url": env.get("APP_BASE_URL", f"http://127.0.0.1:{port}").rstrip("/"),
            "timezone": env.get("TRACKER_TIMEZONE", "Asia/Ho_Chi_Minh"),
            "reminder_time": env.get("REMINDER_TIME", "07:30"),
            "today": date.fromisoformat(today) if today else None,
            "smtp_host": env.get("SMTP_HOST", ""),
            "smtp_port": int(env.get("SMTP_PORT", "25")),
            "smtp_user": env.get("SMTP_USER", ""),
            "smtp_password": env.get("SMTP_PASSWORD", ""),
            "smtp_from": env.get("SMTP_FROM", "no-reply@tuyenquang.example"),
            "smtp_starttls": _bool(env.get("SMTP_STARTTLS")),
            "instance_path": instance_path,
            "trusted_proxies": int(env.get("TRUSTED_PROXIES", "0")),
            "board_refresh_seconds": float(env.get("BOARD_REFRESH_SECONDS", "15")),
            "unread_refresh_seconds": float(env.get("UNREAD_REFRESH_SECONDS", "60")),
            "reminder_due_soon_days": _int_list(env.get("REMINDER_DUE_SOON_DAYS"), (7, 1)),
            "reminder_repeat_days": int(env.get("REMINDER_REPEAT_DAYS", "5")),
            "escalation_days": int(env.get("ESCALATION_DAYS", "20")),
            "coordinator_agency": env.get("COORDINATOR_AGENCY", "sotttt").strip().lower(),
            "steering_emails": tuple(e.strip() for e in env.get("STEERING_EMAILS", "").split(",") if e.strip()),
            "smtp_timeout": float(env.get("SMTP_TIMEOUT", "20")),
            "scheduler_enabled": _bool(env.get("SCHEDULER_ENABLED"), default=True),
        }
        values.update(overrides)
        return cls(**values)  # type: ignore[arg-type]
