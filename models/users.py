"""Accounts and agencies: sign-in with lockout, and the admin's user and agency management."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlmodel import Session, col, delete, func, select

from models.audit import add_entry, authorize
from models.errors import DomainError, NotFound, ValidationError
from models.passwords import MIN_LENGTH, hash_password, verify_password
from models.permissions import Action, Actor
from models.tables import Agency, LoginFailure, Role, User
from models.text import nfc

USERNAME_RE = re.compile(r"[a-z0-9][a-z0-9._-]{2,39}")
AGENCY_CODE_RE = re.compile(r"[a-z0-9]{2,40}")
EMAIL_RE = re.compile(r"[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z0-9-]+")


class LoginFailed(DomainError):
    """Wrong username or password: the same words whether the user exists or not."""

    key = "error.login_failed"


class LockedOut(DomainError):
    """Too many failures: sign-in is closed for a while (for that name, or from that address)."""

    key = "error.locked_out"


@dataclass(frozen=True)
class LockoutPolicy:
    """Failures allowed within `window` before sign-in closes until the oldest of them ages out."""

    max_per_user: int = 5
    max_per_ip: int = 20
    window: timedelta = timedelta(minutes=15)


def lockout_remaining(failures: Sequence[datetime], now: datetime, limit: int, window: timedelta) -> timedelta | None:
    """How long sign-in stays closed given these failure times, or None when it is open."""
    recent = sorted(t for t in failures if t > now - window)
    if len(recent) < limit:
        return None
    # Open again when enough failures have aged out to fall below the limit.
    return recent[len(recent) - limit] + window - now


def _username_key(username: str) -> str:
    return nfc(username).lower()[:80]


def authenticate(
    *, session: Session, username: str, password: str, ip: str, now: datetime, policy: LockoutPolicy | None = None
) -> User:
    """The active user with these credentials; LoginFailed or LockedOut otherwise (both recorded)."""
    policy = policy or LockoutPolicy()
    key = _username_key(username)
    since = now - policy.window
    by_user = session.exec(
        select(LoginFailure.at).where(LoginFailure.username_key == key, LoginFailure.at > since)
    ).all()
    by_ip = session.exec(select(LoginFailure.at).where(LoginFailure.ip == ip, LoginFailure.at > since)).all()
    waits = [
        w
        for w in (
            lockout_remaining(by_user, now, policy.max_per_user, policy.window),
            lockout_remaining(by_ip, now, policy.max_per_ip, policy.window),
        )
        if w is not None
    ]
    user = session.exec(select(User).where(func.lower(User.username) == key)).first()
    if waits:
        anonymous = _Anonymous(key)
        add_entry(session, actor=anonymous, now=now, action="login", target_type="ip", target_id=ip, outcome="refused")
        session.commit()
        raise LockedOut(minutes=max(1, math.ceil(max(waits).total_seconds() / 60)))
    ok = verify_password(password, user.password_hash if user else None)
    if not ok or user is None or not user.is_active:
        session.add(LoginFailure(username_key=key, ip=ip, at=now))
        add_entry(
            session, actor=user or _Anonymous(key), now=now, action="login", target_type="ip", target_id=ip,
            outcome="failed",
        )  # fmt: skip
        session.commit()
        raise LoginFailed()
    session.exec(delete(LoginFailure).where(LoginFailure.username_key == key))
    user.last_login_at = now
    add_entry(session, actor=user, now=now, action="login", target_type="ip", target_id=ip)
    session.commit()
    return user


@dataclass(frozen=True)
class _Anonymous:
    """Who tried to sign in with a name that matched no active account."""

    username: str
    id: None = None
    role: str = "anonymous"
    agency_id: None = None
    full_name: str = ""


def user_for_session(*, session: Session, user_id: int, epoch: int) -> User | None:
    """The signed-in user, if still active and the session predates no password reset."""
    user = session.get(User, user_id)
    if user is None or not user.is_active or user.session_epoch != epoch:
        return None
    return user


# --- administration (admins only) ------------------------------------------------------------


def _check_password(password: str, confirm: str | None) -> None:
    if len(password or "") < MIN_LENGTH:
        raise ValidationError("error.password_short", min=MIN_LENGTH)
    if confirm is not None and password != confirm:
        raise ValidationError("error.password_mismatch")


def _check_role_and_agency(session: Session, role: str, agency_id: int | None) -> None:
    if role not in set(Role):
        raise ValidationError("error.role_invalid")
    if role == Role.AGENCY and agency_id is None:
        raise ValidationError("error.agency_required")
    if agency_id is not None and session.get(Agency, agency_id) is None:
        raise ValidationError("error.agency_unknown", code=agency_id)


def list_users(*, session: Session, actor: Actor, now: datetime) -> list[User]:
    """Every account, by username (admins only)."""
    authorize(session, actor=actor, now=now, action=Action.MANAGE_USERS, target_type="user")
    return list(session.exec(select(User).order_by(User.username)).all())


def new_user(
    session: Session, *, username: str, full_name: str, role: str, agency_id: int | None, password: str, now: datetime
) -> User:
    """Build an account row (no checks beyond uniqueness; `create_user` is the checked path)."""
    user = User(
        username=username,
        full_name=full_name,
        role=role,
        agency_id=agency_id,
        password_hash=hash_password(password),
        created_at=now,
    )
    session.add(user)
    return user


def create_user(
    *,
    session: Session,
    actor: Actor,
    now: datetime,
    username: str,
    full_name: str,
    role: str,
    agency_id: int | None,
    password: str,
    confirm: str | None = None,
) -> User:
    """Create an account; the username is lower-case ASCII and unique, the password long enough."""
    authorize(session, actor=actor, now=now, action=Action.MANAGE_USERS, target_type="user", target_id=username)
    username = (username or "").strip().lower()
    if not USERNAME_RE.fullmatch(username):
        raise ValidationError("error.username_invalid")
    if session.exec(select(User.id).where(func.lower(User.username) == username)).first() is not None:
        raise ValidationError("error.username_taken", username=username)
    _check_role_and_agency(session, role, agency_id)
    _check_password(password, confirm)
    user = new_user(
        session,
        username=username,
        full_name=nfc(full_name)[:200],
        role=role,
        agency_id=agency_id,
        password=password,
        now=now,
    )
    session.flush()
    add_entry(
        session, actor=actor, now=now, action="user.create", target_type="user", target_id=user.id,
        detail=f"{username} · {role}",
    )  # fmt: skip
    session.commit()
    return user


def _get_user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("error.user_not_found", user_id=user_id)
    return user


def _active_admins(session: Session) -> int:
    return session.exec(select(func.count()).select_from(User).where(User.role == Role.ADMIN, User.is_active)).one()


def update_user(
    *,
    session: Session,
    actor: Actor,
    now: datetime,
    user_id: int,
    full_name: str,
    role: str,
    agency_id: int | None,
    is_active: bool,
) -> User:
    """Change an account's name, role, agency or active flag (a disabled account is signed out)."""
    authorize(session, actor=actor, now=now, action=Action.MANAGE_USERS, target_type="user", target_id=user_id)
    user = _get_user(session, user_id)
    _check_role_and_agency(session, role, agency_id)
    if user.id == actor.id and not is_active:
        raise ValidationError("error.self_disable")
    demoted = user.role == Role.ADMIN and user.is_active and (role != Role.ADMIN or not is_active)
    if demoted and _active_admins(session) <= 1:
        raise ValidationError("error.last_admin")
    changes = []
    for field, value in (("full_name", nfc(full_name)[:200]), ("role", role), ("agency_id", agency_id)):
        if getattr(user, field) != value:
            changes.append(f"{field}: {getattr(user, field)} → {value}")
            setattr(user, field, value)
    if user.is_active != is_active:
        changes.append(f"is_active: {user.is_active} → {is_active}")
        user.is_active = is_active
        user.session_epoch += 1
    if changes:
        add_entry(
            session, actor=actor, now=now, action="user.update", target_type="user", target_id=user.id,
            detail="; ".join(changes),
        )  # fmt: skip
        session.commit()
    return user


def reset_password(
    *, session: Session, actor: Actor, now: datetime, user_id: int, password: str, confirm: str | None = None
) -> User:
    """Set a new password; the user's open sessions end."""
    authorize(session, actor=actor, now=now, action=Action.MANAGE_USERS, target_type="user", target_id=user_id)
    user = _get_user(session, user_id)
    _check_password(password, confirm)
    user.password_hash = hash_password(password)
    user.session_epoch += 1
    add_entry(session, actor=actor, now=now, action="user.reset_password", target_type="user", target_id=user.id)
    session.commit()
    return user


def _split_list(values: str | Sequence[str]) -> list[str]:
    items = re.split(r"[,;\n]", values) if isinstance(values, str) else list(values)
    return [nfc(v) for v in items if nfc(v)]


def save_agency(
    *,
    session: Session,
    actor: Actor,
    now: datetime,
    agency_id: int | None,
    code: str,
    name: str,
    short_name: str,
    aliases: str | Sequence[str] = (),
    emails: str | Sequence[str] = (),
    is_active: bool = True,
) -> Agency:
    """Create (agency_id None) or edit an agency; codes are lower-case ASCII and unique."""
    authorize(session, actor=actor, now=now, action=Action.MANAGE_USERS, target_type="agency", target_id=agency_id)
    code = (code or "").strip().lower()
    if not AGENCY_CODE_RE.fullmatch(code):
        raise ValidationError("error.agency_code_invalid")
    name, short_name = nfc(name)[:300], nfc(short_name)[:120]
    if not name:
        raise ValidationError("error.agency_name_required")
    email_list = _split_list(emails)
    bad = [e for e in email_list if not EMAIL_RE.fullmatch(e)]
    if bad:
        raise ValidationError("error.email_invalid", email=bad[0])
    clash = session.exec(select(Agency.id).where(Agency.code == code, col(Agency.id) != (agency_id or -1))).first()
    if clash is not None:
        raise ValidationError("error.agency_code_taken", code=code)
    if agency_id is None:
        agency = Agency(code=code, name=name, short_name=short_name or name)
        session.add(agency)
    else:
        agency = session.get(Agency, agency_id)
        if agency is None:
            raise NotFound("error.agency_not_found", agency_id=agency_id)
    agency.code, agency.name, agency.short_name = code, name, short_name or name
    agency.aliases, agency.emails, agency.is_active = _split_list(aliases), email_list, is_active
    session.flush()
    add_entry(
        session, actor=actor, now=now, action="agency.create" if agency_id is None else "agency.update",
        target_type="agency", target_id=agency.id, detail=f"{code} · {short_name}",
    )  # fmt: skip
    session.commit()
    return agency


def list_all_agencies(*, session: Session) -> list[Agency]:
    """Every agency, active or not, by short name."""
    return list(session.exec(select(Agency).order_by(Agency.short_name)).all())


def set_language(*, session: Session, actor: Actor, lang: str) -> None:
    """Remember the signed-in user's language (anyone may set their own; nothing else changes)."""
    if lang not in ("vi", "en") or actor.id is None:
        return
    user = session.get(User, actor.id)
    if user is not None and user.lang != lang:
        user.lang = lang
        session.commit()
