"""The tables of the tracker (SQLModel). Rules live in their own modules; these are shapes only.

Datetimes are timezone-aware and come back in UTC (SQLModel's UTCDateTime); dates are plain dates.
Enumerations are stored as short strings so migrations stay simple on both databases.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import ClassVar

from sqlalchemy import JSON, Column, Index, Integer, MetaData, Text, UniqueConstraint, event
from sqlmodel import Field, SQLModel

from models.text import fold

# Named constraints, so Alembic batch migrations on SQLite can find them again.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata: MetaData = SQLModel.metadata


class Status(StrEnum):
    """Workflow status: the board's columns (cancelled is kept but hidden)."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    SUBMITTED = "submitted"
    DONE = "done"
    CANCELLED = "cancelled"


class Recurrence(StrEnum):
    """How a task's deadline repeats."""

    ONCE = "once"
    YEARLY = "yearly"
    ONGOING = "ongoing"


class Role(StrEnum):
    """What a user may do (decided in models.permissions only)."""

    ADMIN = "admin"
    COORDINATOR = "coordinator"
    AGENCY = "agency"
    VIEWER = "viewer"


CATEGORY_CODES = ("awareness", "policy", "infrastructure", "platforms", "data", "security")


class Plan(SQLModel, table=True):
    """A province's plan (kế hoạch), e.g. 55/KH-UBND."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=60, unique=True)
    title: str = Field(max_length=500)
    province: str = Field(default="", max_length=120)
    issued_on: date | None = None
    start_year: int | None = None
    end_year: int | None = None
    is_sample: bool = False
    created_at: datetime


class Category(SQLModel, table=True):
    """One of the six fixed groups of tasks; labels come with the row for reports and exports."""

    code: str = Field(primary_key=True, max_length=20)
    position: int
    name_vi: str = Field(max_length=120)
    name_en: str = Field(max_length=120)
    color: str = Field(max_length=9)


class Agency(SQLModel, table=True):
    """A lead or coordinating agency (sở, ban, ngành, UBND huyện, doanh nghiệp)."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40, unique=True)
    name: str = Field(max_length=300)
    short_name: str = Field(max_length=120)
    aliases: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    emails: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    is_active: bool = True


class TaskCoordinator(SQLModel, table=True):
    """An agency that coordinates (phối hợp) on a task."""

    task_id: int = Field(foreign_key="task.id", primary_key=True, ondelete="CASCADE")
    agency_id: int = Field(foreign_key="agency.id", primary_key=True, index=True)


_task_version = Column("version", Integer, nullable=False)


class Task(SQLModel, table=True):
    """A task of a plan; `version` guards against lost updates (optimistic locking)."""

    __table_args__ = (
        UniqueConstraint("plan_id", "number", name="uq_task_plan_number"),
        # The board: one plan's tasks by status (and by category or agency within it).
        Index("ix_task_plan_status", "plan_id", "status"),
        Index("ix_task_lead_status", "lead_agency_id", "status"),
        # The overdue scan: open tasks by deadline.
        Index("ix_task_status_due", "status", "due_date"),
        # The board's cells in plan order (counts and the first cards of each cell), and its change stamp.
        Index(
            "ix_task_board_category",
            *("plan_id", "category_code", "status", "position", "id"),
            # covering the deadline state, so counting the cells reads the index only
            *("lead_agency_id", "due_date", "recurrence", "completed_on", "submitted_on"),
        ),
        Index("ix_task_board_agency", "plan_id", "lead_agency_id", "status", "position", "id"),
        Index("ix_task_plan_updated", "plan_id", "updated_at", "version"),
    )
    __mapper_args__: ClassVar[dict] = {"version_id_col": _task_version}

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id")
    number: str = Field(max_length=20)
    position: int = 0
    title: str = Field(max_length=1000)
    description: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    category_code: str = Field(foreign_key="category.code", max_length=20, index=True)
    lead_agency_id: int = Field(foreign_key="agency.id")
    start_date: date | None = None
    due_date: date | None = None
    original_due_date: date | None = None
    time_frame: str = Field(default="", max_length=200)
    recurrence: str = Field(default=Recurrence.ONCE, max_length=10)
    expected_output: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    status: str = Field(default=Status.NOT_STARTED, max_length=20)
    progress: int = 0
    submitted_on: date | None = None
    completed_on: date | None = None
    created_at: datetime
    updated_at: datetime
    # The number and title folded (lower case, no accents) for accent-insensitive search in SQL; kept up
    # to date by the mapper events below on every ORM write (bulk inserts set it themselves).
    search_text: str = Field(default="", sa_column=Column(Text, nullable=False, default="", server_default=""))
    version: int = Field(default=1, sa_column=_task_version)


class TaskCycle(SQLModel, table=True):
    """A finished cycle of a yearly task, kept when the task rolls to next year's deadline."""

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id", index=True, ondelete="CASCADE")
    due_date: date
    completed_on: date
    closed_at: datetime


class User(SQLModel, table=True):
    """A person who signs in; agency officers are bound to one agency."""

    __tablename__ = "app_user"  # "user" is reserved in PostgreSQL

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=80, unique=True)
    full_name: str = Field(default="", max_length=200)
    password_hash: str | None = Field(default=None, max_length=300)
    role: str = Field(default=Role.VIEWER, max_length=20)
    agency_id: int | None = Field(default=None, foreign_key="agency.id")
    is_active: bool = True
    # Bumped when the password is reset or the account disabled: older sessions stop working.
    session_epoch: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
    last_login_at: datetime | None = None
    lang: str = Field(default="vi", max_length=5, sa_column_kwargs={"server_default": "vi"})
    created_at: datetime


class TaskEvent(SQLModel, table=True):
    """The audit trail: who changed what on a task, when, from what to what."""

    __table_args__ = (Index("ix_taskevent_task_at", "task_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id", ondelete="CASCADE")
    at: datetime = Field(index=True)
    actor_id: int | None = Field(default=None, foreign_key="app_user.id")
    actor_label: str = Field(default="", max_length=200)
    kind: str = Field(max_length=20)
    field: str = Field(default="", max_length=40)
    before: str | None = Field(default=None, sa_column=Column(Text))
    after: str | None = Field(default=None, sa_column=Column(Text))
    note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class ProgressReport(SQLModel, table=True):
    """A comment or a progress report (percentage, note, optional evidence link) on a task."""

    __table_args__ = (Index("ix_progressreport_task_at", "task_id", "at"),)

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id", ondelete="CASCADE")
    author_id: int | None = Field(default=None, foreign_key="app_user.id")
    author_label: str = Field(default="", max_length=200)
    at: datetime
    kind: str = Field(default="comment", max_length=20)  # comment | progress
    progress: int | None = None
    body: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    evidence_url: str | None = Field(default=None, max_length=1000)


class LoginFailure(SQLModel, table=True):
    """A failed sign-in, kept for the rate limit and the temporary lockout (shared by every worker)."""

    __table_args__ = (
        Index("ix_loginfailure_username_at", "username_key", "at"),
        Index("ix_loginfailure_ip_at", "ip", "at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    username_key: str = Field(max_length=80)
    ip: str = Field(default="", max_length=64)
    at: datetime


class AuditLog(SQLModel, table=True):
    """Every administrative change, sign-in and refused attempt: who, when, what, and the outcome."""

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(index=True)
    actor_id: int | None = Field(default=None, foreign_key="app_user.id")
    actor_label: str = Field(default="", max_length=200)
    action: str = Field(max_length=40)
    target_type: str = Field(default="", max_length=40)
    target_id: str = Field(default="", max_length=80)
    outcome: str = Field(default="ok", max_length=10, index=True)  # ok | refused | failed
    detail: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class ExtensionStatus(StrEnum):
    """Where a deadline-extension request stands."""

    PENDING = "pending"
    APPROVED = "approved"
    REFUSED = "refused"


class ExtensionRequest(SQLModel, table=True):
    """A lead agency's request to move a task's deadline (đề nghị gia hạn), and the decision taken on it.

    At most one request per task may be pending: a partial unique index guards it on both databases.
    """

    __table_args__ = (Index("ix_extensionrequest_task_at", "task_id", "requested_at"),)

    id: int | None = Field(default=None, primary_key=True)
    task_id: int = Field(foreign_key="task.id", ondelete="CASCADE")
    status: str = Field(default=ExtensionStatus.PENDING, max_length=10)
    previous_due_date: date | None = None  # the deadline when the request was made
    new_due_date: date
    reason: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    requested_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    requested_by_label: str = Field(default="", max_length=200)
    requested_at: datetime
    decided_by_id: int | None = Field(default=None, foreign_key="app_user.id")
    decided_by_label: str = Field(default="", max_length=200)
    decided_at: datetime | None = None
    decision_note: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


# One pending request per task, enforced by the database (a partial unique index on both backends).
_one_pending = ExtensionRequest.status == str(ExtensionStatus.PENDING)
Index(
    "uq_extensionrequest_one_pending",
    ExtensionRequest.task_id,
    unique=True,
    sqlite_where=_one_pending,
    postgresql_where=_one_pending,
)


@event.listens_for(Task, "before_insert")
@event.listens_for(Task, "before_update")
def _fold_search_text(_mapper, _connection, task: Task) -> None:
    task.search_text = task_search_text(task.number, task.title)


def task_search_text(number: str, title: str) -> str:
    """What the board's search looks in: the task's number and title, folded."""
    return fold(f"{number} {title}")


class NotificationKind(StrEnum):
    """Why a notification was made: the daily scan's digest, or a coordinator's urge (đôn đốc)."""

    DIGEST = "digest"
    URGE = "urge"


class ItemKind(StrEnum):
    """Why a task is in a notification (the digest's groups, most pressing first)."""

    ESCALATED = "escalated"  # overdue 20 working days or more: first time, to coordinators and committee
    ESCALATED_WEEKLY = "escalated_weekly"  # still escalated: in the weekly digest
    URGED = "urged"  # a coordinator urged the lead agency
    OVERDUE = "overdue"  # the first working day after the deadline
    STILL_OVERDUE = "still_overdue"  # every 5 working days while overdue
    DUE_SOON = "due_soon"  # 7 and 1 working days before the deadline


class DeliveryState(StrEnum):
    """Where the e-mail of a notification stands (the in-app copy exists as soon as the row does)."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"  # gave up after the last retry
    NO_ADDRESS = "no_address"  # the recipient has no e-mail address: in-app only


STEERING_RECIPIENT = "steering"  # the steering committee's address list (no agency row)


class Notification(SQLModel, table=True):
    """The outbox: one message to one recipient (an agency, or the steering committee) on one day.

    The unique key (recipient, kind, day, seq) makes the daily scan idempotent: a second scan, a re-run
    or a second scheduler inserts nothing. A confirmed second urge of the same day takes the next `seq`.
    """

    __table_args__ = (
        UniqueConstraint("recipient", "kind", "day", "seq", name="uq_notification_key"),
        Index("ix_notification_state_next", "email_state", "next_attempt_at"),
        Index("ix_notification_agency_day", "agency_id", "day"),
    )

    id: int | None = Field(default=None, primary_key=True)
    recipient: str = Field(max_length=60)  # the agency's code, or STEERING_RECIPIENT
    agency_id: int | None = Field(default=None, foreign_key="agency.id")
    kind: str = Field(max_length=10)
    day: date = Field(index=True)
    seq: int = 0
    created_at: datetime
    created_by_label: str = Field(default="", max_length=200)
    subject: str = Field(max_length=300)
    body_text: str = Field(sa_column=Column(Text, nullable=False))
    body_html: str = Field(sa_column=Column(Text, nullable=False))
    emails: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    email_state: str = Field(max_length=12)
    attempts: int = 0
    next_attempt_at: datetime | None = None
    last_attempt_at: datetime | None = None
    last_error: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    sent_at: datetime | None = None


class NotificationItem(SQLModel, table=True):
    """One task in a notification, with why it is there (so a task's reminders can be listed)."""

    __table_args__ = (Index("ix_notificationitem_task", "task_id", "notification_id"),)

    notification_id: int = Field(foreign_key="notification.id", primary_key=True, ondelete="CASCADE")
    task_id: int = Field(foreign_key="task.id", primary_key=True, ondelete="CASCADE")
    kind: str = Field(max_length=20)
    due_date: date | None = None
    days_overdue: int | None = None  # calendar days past the deadline on the notification's day
    working_days_left: int | None = None


class NotificationRead(SQLModel, table=True):
    """A user has read a notification (the unread count is what has no row here)."""

    notification_id: int = Field(foreign_key="notification.id", primary_key=True, ondelete="CASCADE")
    user_id: int = Field(foreign_key="app_user.id", primary_key=True, ondelete="CASCADE")
    read_at: datetime


class DeliveryAttempt(SQLModel, table=True):
    """Every try to send a notification's e-mail, and what the mail server said."""

    id: int | None = Field(default=None, primary_key=True)
    notification_id: int = Field(foreign_key="notification.id", index=True, ondelete="CASCADE")
    at: datetime
    ok: bool
    error: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class JobRun(SQLModel, table=True):
    """A scheduled job's run on a day: one row per (job, day), so a second scheduler sees it ran."""

    __table_args__ = (UniqueConstraint("job", "day", name="uq_jobrun_job_day"),)

    id: int | None = Field(default=None, primary_key=True)
    job: str = Field(max_length=40)
    day: date
    started_at: datetime
    finished_at: datetime | None = None
    status: str = Field(default="running", max_length=10)  # running | ok | failed | skipped
    runs: int = 1
    detail: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))


class ReviewSession(SQLModel, table=True):
    """A steering-committee review session (phiên rà soát): who, when, what was said, and the figures then."""

    id: int | None = Field(default=None, primary_key=True)
    plan_id: int = Field(foreign_key="plan.id", index=True)
    held_on: date
    chair: str = Field(max_length=200)
    attendees: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    notes: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    # The headline figures on the day it was recorded, so the trend across sessions can be drawn.
    snapshot: dict = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    created_at: datetime
    created_by_label: str = Field(default="", max_length=200)


class Conclusion(SQLModel, table=True):
    """A conclusion (kết luận) of a session; it may become a follow-up task on the board."""

    __table_args__ = (Index("ix_conclusion_session", "session_id", "position"),)

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="reviewsession.id", ondelete="CASCADE")
    position: int = 0
    text: str = Field(sa_column=Column(Text, nullable=False))
    task_id: int | None = Field(default=None, foreign_key="task.id", index=True, ondelete="SET NULL")
