"""Accounts, sign-in with lockout, agencies, the audit trail, and refusals recorded by the task functions."""

from __future__ import annotations

import unicodedata
from datetime import timedelta

import pytest
from sqlmodel import Session, func, select

from models.audit import audit_trail
from models.errors import NotFound, PermissionDenied, ValidationError
from models.passwords import hash_password, verify_password
from models.permissions import SYSTEM
from models.tables import (
    Agency,
    AuditLog,
    LoginFailure,
    ProgressReport,
    Role,
    Status,
    Task,
    TaskCoordinator,
    TaskEvent,
    User,
)
from models.tasks import add_comment, change_status, set_progress, update_details
from models.users import (
    LockedOut,
    LoginFailed,
    authenticate,
    create_user,
    lockout_remaining,
    reset_password,
    save_agency,
    update_user,
    user_for_session,
)
from tests.conftest import NOW

PASSWORD = "mật khẩu đúng 2026"
NEW_PASSWORD = "mat-khau-moi-2026"
IP, OTHER_IP = "203.0.113.7", "198.51.100.9"
NON_ADMINS = [Role.COORDINATOR, Role.AGENCY, Role.VIEWER]


# --- helpers ---------------------------------------------------------------------------------


def _with_password(session: Session, user: User, password: str = PASSWORD) -> User:
    user.password_hash = hash_password(password)
    session.add(user)
    session.commit()
    return user


def _login(session: Session, username: str, password: str = PASSWORD, *, ip: str = IP, now=NOW) -> User:
    return authenticate(session=session, username=username, password=password, ip=ip, now=now)


def _fail(session: Session, username: str, *, ip: str = IP, now=NOW) -> None:
    with pytest.raises(LoginFailed):
        _login(session, username, "wrong password!", ip=ip, now=now)


def _fresh(engine) -> Session:
    """A second session: what is really in the database, not what the test's session remembers."""
    return Session(engine, expire_on_commit=False)


def _audit(engine, **where) -> list[AuditLog]:
    with _fresh(engine) as s:
        query = select(AuditLog).order_by(AuditLog.id)
        for field, value in where.items():
            query = query.where(getattr(AuditLog, field) == value)
        return list(s.exec(query).all())


def _count(engine, model) -> int:
    with _fresh(engine) as s:
        return s.exec(select(func.count()).select_from(model)).one()


def _user_in_db(engine, user_id: int) -> User:
    with _fresh(engine) as s:
        return s.get(User, user_id)


@pytest.fixture
def agency(make) -> Agency:
    return make.agency("soyte")


@pytest.fixture
def people(session, make, agency):
    """One account per role, each with PASSWORD."""
    return {
        Role.ADMIN: _with_password(session, make.user(Role.ADMIN, username="quantri")),
        Role.COORDINATOR: _with_password(session, make.user(Role.COORDINATOR, username="sotttt")),
        Role.AGENCY: _with_password(session, make.user(Role.AGENCY, agency, username="canbo.soyte")),
        Role.VIEWER: _with_password(session, make.user(Role.VIEWER, username="bcd.thanhvien")),
    }


def _create(session, actor, **kw) -> User:
    values = {
        "username": "nguyenvana",
        "full_name": "Nguyễn Văn A",
        "role": Role.VIEWER,
        "agency_id": None,
        "password": NEW_PASSWORD,
        "confirm": NEW_PASSWORD,
    }
    values.update(kw)
    return create_user(session=session, actor=actor, now=NOW, **values)


# --- authenticate ----------------------------------------------------------------------------


def test_sign_in_returns_the_user_stamps_last_login_and_writes_an_audit_row(session, engine, people):
    user = people[Role.COORDINATOR]
    signed_in = _login(session, "sotttt")
    assert signed_in.id == user.id
    assert _user_in_db(engine, user.id).last_login_at == NOW
    rows = _audit(engine, action="login")
    assert [(r.outcome, r.actor_id, r.target_type, r.target_id, r.at) for r in rows] == [("ok", user.id, "ip", IP, NOW)]


def test_wrong_password_and_unknown_user_get_exactly_the_same_message(session, engine, people):
    with pytest.raises(LoginFailed) as wrong_password:
        _login(session, "sotttt", "not the password")
    with pytest.raises(LoginFailed) as unknown_user:
        _login(session, "khongtontai", "not the password")
    assert str(wrong_password.value) == str(unknown_user.value)
    assert str(wrong_password.value) == "Tên đăng nhập hoặc mật khẩu không đúng."
    assert "sotttt" not in str(wrong_password.value) and "khongtontai" not in str(unknown_user.value)
    assert _user_in_db(engine, people[Role.COORDINATOR].id).last_login_at is None
    assert [r.outcome for r in _audit(engine, action="login")] == ["failed", "failed"]


def test_a_disabled_user_cannot_sign_in_even_with_the_right_password(session, engine, people):
    user = people[Role.VIEWER]
    user.is_active = False
    session.add(user)
    session.commit()
    with pytest.raises(LoginFailed) as refused:
        _login(session, "bcd.thanhvien")
    assert str(refused.value) == str(LoginFailed())
    assert _user_in_db(engine, user.id).last_login_at is None
    assert [r.outcome for r in _audit(engine, action="login")] == ["failed"]


def test_a_user_without_a_password_cannot_sign_in(session, make):
    make.user(Role.VIEWER, username="chuacomatkhau")
    with pytest.raises(LoginFailed):
        _login(session, "chuacomatkhau", "")
    with pytest.raises(LoginFailed):
        _login(session, "chuacomatkhau", PASSWORD)


def test_username_matching_is_case_insensitive(session, make, people):
    assert _login(session, "SoTTTT").id == people[Role.COORDINATOR].id
    assert _login(session, "QUANTRI").id == people[Role.ADMIN].id
    legacy = _with_password(session, make.user(Role.VIEWER, username="LeVanC"))  # stored before names were lowered
    assert _login(session, "levanc").id == legacy.id
    assert _login(session, "LEVANC").id == legacy.id


def test_the_password_is_case_sensitive(session, people):
    with pytest.raises(LoginFailed):
        _login(session, "sotttt", PASSWORD.upper())


# --- lockout ---------------------------------------------------------------------------------


def test_five_failures_lock_the_username_even_for_the_right_password(session, engine, people):
    for minutes_ago in (10, 8, 6, 4, 2):
        _fail(session, "sotttt", now=NOW - timedelta(minutes=minutes_ago))
    with pytest.raises(LockedOut) as locked:
        _login(session, "sotttt")
    # The oldest failure (10 minutes ago) ages out of the 15-minute window in 5 minutes.
    assert "5 phút" in str(locked.value)
    assert str(locked.value) == str(LockedOut(minutes=5))
    assert _user_in_db(engine, people[Role.COORDINATOR].id).last_login_at is None
    assert _audit(engine, action="login")[-1].outcome == "refused"
    # Another address does not help: the lock is on the name.
    with pytest.raises(LockedOut):
        _login(session, "sotttt", ip=OTHER_IP)
    # A wrong password while locked is told the same thing, not "wrong password".
    with pytest.raises(LockedOut):
        _login(session, "sotttt", "wrong password!")


def test_four_failures_do_not_lock(session, people):
    for _ in range(4):
        _fail(session, "sotttt")
    assert _login(session, "sotttt").id == people[Role.COORDINATOR].id


def test_failures_lock_whatever_the_case_of_the_username(session, people):
    for name in ("sotttt", "SOTTTT", "SoTttt", "sotttT", "sOTTTT"):
        _fail(session, name)
    with pytest.raises(LockedOut):
        _login(session, "sotttt")


def test_locked_out_waits_the_full_window_when_all_failures_are_now(session, people):
    for _ in range(5):
        _fail(session, "sotttt")
    with pytest.raises(LockedOut) as locked:
        _login(session, "sotttt")
    assert "15 phút" in str(locked.value)


def test_an_unknown_username_locks_out_the_same_way(session, people):
    for minutes_ago in (10, 8, 6, 4, 2):
        _fail(session, "sotttt", now=NOW - timedelta(minutes=minutes_ago))
        _fail(session, "khongtontai", ip=OTHER_IP, now=NOW - timedelta(minutes=minutes_ago))
    with pytest.raises(LockedOut) as existing:
        _login(session, "sotttt")
    with pytest.raises(LockedOut) as unknown:
        _login(session, "khongtontai", ip=OTHER_IP)
    assert str(existing.value) == str(unknown.value)
    assert "phút" in str(unknown.value)


def test_the_right_password_works_again_after_the_window(session, engine, people):
    for _ in range(5):
        _fail(session, "sotttt")
    with pytest.raises(LockedOut):
        _login(session, "sotttt", now=NOW + timedelta(minutes=14))
    later = NOW + timedelta(minutes=16)
    assert _login(session, "sotttt", now=later).id == people[Role.COORDINATOR].id
    assert _user_in_db(engine, people[Role.COORDINATOR].id).last_login_at == later


def test_failures_are_stored_and_cleared_for_that_username_on_success(session, engine, people):
    for _ in range(3):
        _fail(session, "sotttt")
    _fail(session, "quantri", ip=OTHER_IP)
    with _fresh(engine) as s:
        stored = s.exec(select(LoginFailure).order_by(LoginFailure.id)).all()
    assert [(f.username_key, f.ip, f.at) for f in stored] == [
        ("sotttt", IP, NOW),
        ("sotttt", IP, NOW),
        ("sotttt", IP, NOW),
        ("quantri", OTHER_IP, NOW),
    ]
    _login(session, "SoTTTT")
    with _fresh(engine) as s:
        left = s.exec(select(LoginFailure.username_key)).all()
    assert left == ["quantri"]
    # Cleared means counted afresh: four more failures still do not lock.
    for _ in range(4):
        _fail(session, "sotttt")
    assert _login(session, "sotttt").id == people[Role.COORDINATOR].id


def test_twenty_failures_from_one_address_lock_that_address(session, people):
    for n in range(19):
        _fail(session, f"doan{n}")
    # 19 failures: still open, and a success for one name does not clear the address's record.
    assert _login(session, "sotttt").id == people[Role.COORDINATOR].id
    _fail(session, "doan19")
    with pytest.raises(LockedOut) as locked:
        _login(session, "quantri")
    assert "phút" in str(locked.value)
    with pytest.raises(LockedOut):
        _login(session, "sotttt")
    # Another address is not affected, nor is the address after the window.
    assert _login(session, "quantri", ip=OTHER_IP).id == people[Role.ADMIN].id
    assert _login(session, "quantri", now=NOW + timedelta(minutes=16)).id == people[Role.ADMIN].id


WINDOW = timedelta(minutes=15)


def test_lockout_remaining_is_none_below_the_limit():
    assert lockout_remaining([], NOW, 5, WINDOW) is None
    assert lockout_remaining([NOW] * 4, NOW, 5, WINDOW) is None


def test_lockout_remaining_at_the_limit():
    assert lockout_remaining([NOW] * 5, NOW, 5, WINDOW) == WINDOW
    failures = [NOW - timedelta(minutes=m) for m in (2, 10, 4, 8, 6)]  # order does not matter
    assert lockout_remaining(failures, NOW, 5, WINDOW) == timedelta(minutes=5)


def test_lockout_remaining_window_boundaries():
    recent = [NOW - timedelta(minutes=1)] * 4
    # A failure exactly one window ago has aged out.
    assert lockout_remaining([NOW - WINDOW, *recent], NOW, 5, WINDOW) is None
    # One second younger still counts, for one more second.
    assert lockout_remaining([NOW - WINDOW + timedelta(seconds=1), *recent], NOW, 5, WINDOW) == timedelta(seconds=1)
    # Old failures never count.
    assert lockout_remaining([NOW - timedelta(hours=3)] * 50, NOW, 5, WINDOW) is None


def test_lockout_remaining_above_the_limit_waits_until_enough_age_out():
    failures = [NOW - timedelta(minutes=m) for m in (14, 12, 10, 1)]
    # Limit 3: open again once two have aged out, i.e. when the one of 12 minutes ago does (in 3 minutes).
    assert lockout_remaining(failures, NOW, 3, WINDOW) == timedelta(minutes=3)
    assert lockout_remaining(failures, NOW, 4, WINDOW) == timedelta(minutes=1)
    assert lockout_remaining(failures, NOW, 5, WINDOW) is None


# --- create_user -----------------------------------------------------------------------------


def test_admin_creates_a_user_with_a_scrypt_hash_and_an_audit_row(session, engine, people, agency):
    admin = people[Role.ADMIN]
    user = _create(session, admin, username="  tranthib ", role=Role.AGENCY, agency_id=agency.id)
    stored = _user_in_db(engine, user.id)
    assert (stored.username, stored.full_name, stored.role, stored.agency_id, stored.is_active) == (
        "tranthib",
        "Nguyễn Văn A",
        Role.AGENCY,
        agency.id,
        True,
    )
    assert stored.password_hash.startswith("scrypt$")
    assert NEW_PASSWORD not in stored.password_hash
    assert verify_password(NEW_PASSWORD, stored.password_hash)
    rows = _audit(engine, action="user.create")
    assert [(r.actor_id, r.target_type, r.target_id, r.outcome) for r in rows] == [
        (admin.id, "user", str(user.id), "ok")
    ]
    assert _login(session, "tranthib", NEW_PASSWORD).id == user.id


def test_two_users_with_the_same_password_get_different_hashes(session, engine, people):
    first = _create(session, people[Role.ADMIN], username="nguoimot")
    second = _create(session, people[Role.ADMIN], username="nguoihai")
    assert _user_in_db(engine, first.id).password_hash != _user_in_db(engine, second.id).password_hash


def test_full_names_are_nfc_normalised(session, engine, people):
    decomposed = unicodedata.normalize("NFD", "  Nguyễn   Thị Hồng ")
    user = _create(session, people[Role.ADMIN], full_name=decomposed)
    assert _user_in_db(engine, user.id).full_name == "Nguyễn Thị Hồng"


@pytest.mark.parametrize("role", NON_ADMINS)
def test_only_admins_create_users(session, engine, people, agency, role):
    actor = people[role]
    before = _count(engine, User)
    with pytest.raises(PermissionDenied) as refused:
        _create(session, actor, username="kethu", role=Role.ADMIN)
    assert "không có quyền" in str(refused.value)
    assert _count(engine, User) == before
    with _fresh(engine) as s:
        assert s.exec(select(User).where(User.username == "kethu")).first() is None
    rows = _audit(engine, outcome="refused")
    assert [(r.actor_id, r.target_type, r.action) for r in rows] == [(actor.id, "user", "manage_users")]
    assert _audit(engine, action="user.create") == []


def test_a_disabled_admin_cannot_create_users(session, engine, make, people):
    disabled = make.user(Role.ADMIN, username="cuquantri")
    disabled.is_active = False
    session.add(disabled)
    session.commit()
    with pytest.raises(PermissionDenied):
        _create(session, disabled, username="kethu")
    with _fresh(engine) as s:
        assert s.exec(select(User).where(User.username == "kethu")).first() is None


@pytest.mark.parametrize(
    "username",
    [
        "nguyễnvăna",  # accents
        "đạt",
        "ab",  # too short
        "a",
        "",
        "nguyen van a",  # spaces
        "nguyen\tvan",
        "nguyen@van",
        "-nguyen",
        "x" * 41,  # too long
    ],
)
def test_create_user_rejects_bad_usernames(session, engine, people, username):
    before = _count(engine, User)
    with pytest.raises(ValidationError) as invalid:
        _create(session, people[Role.ADMIN], username=username)
    assert invalid.value.key == "error.username_invalid"
    assert "Tên đăng nhập" in str(invalid.value)
    assert _count(engine, User) == before


@pytest.mark.parametrize("username", ["NguyenVanA", "ADMIN2", " tranThiB "])
def test_create_user_stores_usernames_in_lower_case(session, engine, people, username):
    """Capitals typed by an admin are forgiven: the account is stored, and signs in, in lower case."""
    user = _create(session, people[Role.ADMIN], username=username)
    assert _user_in_db(engine, user.id).username == username.strip().lower()


@pytest.mark.parametrize("username", ["ab1", "nguyen.van-a_2", "x" * 40])
def test_create_user_accepts_good_usernames(session, engine, people, username):
    user = _create(session, people[Role.ADMIN], username=username)
    assert _user_in_db(engine, user.id).username == username


def test_create_user_rejects_duplicates_whatever_the_case(session, engine, make, people):
    make.user(Role.VIEWER, username="LeVanC")  # an older account stored with capitals
    before = _count(engine, User)
    for username in ("quantri", "levanc"):
        with pytest.raises(ValidationError) as taken:
            _create(session, people[Role.ADMIN], username=username)
        assert taken.value.key == "error.username_taken"
        assert username in str(taken.value)
    assert _count(engine, User) == before


@pytest.mark.parametrize(
    ("changes", "key"),
    [
        ({"password": "1234567", "confirm": "1234567"}, "error.password_short"),
        ({"password": "", "confirm": ""}, "error.password_short"),
        ({"password": NEW_PASSWORD, "confirm": NEW_PASSWORD + "x"}, "error.password_mismatch"),
        ({"role": "superuser"}, "error.role_invalid"),
        ({"role": ""}, "error.role_invalid"),
        ({"role": Role.AGENCY, "agency_id": None}, "error.agency_required"),
        ({"role": Role.AGENCY, "agency_id": 999_999}, "error.agency_unknown"),
    ],
)
def test_create_user_validation(session, engine, people, changes, key):
    before = _count(engine, User)
    with pytest.raises(ValidationError) as invalid:
        _create(session, people[Role.ADMIN], **changes)
    assert invalid.value.key == key
    assert _count(engine, User) == before
    assert _audit(engine, action="user.create") == []


def test_a_password_of_exactly_eight_characters_is_accepted(session, engine, people):
    user = _create(session, people[Role.ADMIN], password="12345678", confirm="12345678")
    assert verify_password("12345678", _user_in_db(engine, user.id).password_hash)


# --- update_user -----------------------------------------------------------------------------


def test_admin_changes_role_agency_and_name_with_an_audit_row(session, engine, people, agency):
    admin, viewer = people[Role.ADMIN], people[Role.VIEWER]
    update_user(
        session=session, actor=admin, now=NOW, user_id=viewer.id, full_name="Phạm Văn D",
        role=Role.AGENCY, agency_id=agency.id, is_active=True,
    )  # fmt: skip
    stored = _user_in_db(engine, viewer.id)
    assert (stored.full_name, stored.role, stored.agency_id, stored.is_active) == (
        "Phạm Văn D",
        Role.AGENCY,
        agency.id,
        True,
    )
    rows = _audit(engine, action="user.update")
    assert [(r.actor_id, r.target_type, r.target_id, r.outcome) for r in rows] == [
        (admin.id, "user", str(viewer.id), "ok")
    ]
    assert "role" in rows[0].detail and "agency" in rows[0].detail and "Phạm Văn D" in rows[0].detail


def test_update_user_validates_role_and_agency(session, engine, people):
    viewer = people[Role.VIEWER]
    for role, agency_id in (("superuser", None), (Role.AGENCY, None)):
        with pytest.raises(ValidationError):
            update_user(
                session=session, actor=people[Role.ADMIN], now=NOW, user_id=viewer.id, full_name="X",
                role=role, agency_id=agency_id, is_active=True,
            )  # fmt: skip
    assert _user_in_db(engine, viewer.id).role == Role.VIEWER


def test_update_user_of_a_missing_account_is_not_found(session, people):
    with pytest.raises(NotFound):
        update_user(
            session=session, actor=people[Role.ADMIN], now=NOW, user_id=999_999, full_name="X",
            role=Role.VIEWER, agency_id=None, is_active=True,
        )  # fmt: skip


def test_disabling_a_user_ends_their_sessions(session, engine, people):
    officer = people[Role.AGENCY]
    epoch = officer.session_epoch
    assert user_for_session(session=session, user_id=officer.id, epoch=epoch).id == officer.id
    update_user(
        session=session, actor=people[Role.ADMIN], now=NOW, user_id=officer.id, full_name=officer.full_name,
        role=officer.role, agency_id=officer.agency_id, is_active=False,
    )  # fmt: skip
    stored = _user_in_db(engine, officer.id)
    assert stored.is_active is False
    assert stored.session_epoch > epoch
    with _fresh(engine) as s:
        assert user_for_session(session=s, user_id=officer.id, epoch=epoch) is None
        assert user_for_session(session=s, user_id=officer.id, epoch=stored.session_epoch) is None
    with pytest.raises(LoginFailed):
        _login(session, "canbo.soyte")


def test_user_for_session_rejects_unknown_users_and_other_epochs(session, people):
    viewer = people[Role.VIEWER]
    assert user_for_session(session=session, user_id=999_999, epoch=0) is None
    assert user_for_session(session=session, user_id=viewer.id, epoch=viewer.session_epoch + 1) is None


def test_an_admin_cannot_disable_themselves(session, engine, make, people):
    make.user(Role.ADMIN, username="quantri2")  # not the last admin: the self-rule alone refuses
    admin = people[Role.ADMIN]
    with pytest.raises(ValidationError) as refused:
        update_user(
            session=session, actor=admin, now=NOW, user_id=admin.id, full_name=admin.full_name,
            role=Role.ADMIN, agency_id=None, is_active=False,
        )  # fmt: skip
    assert refused.value.key == "error.self_disable"
    stored = _user_in_db(engine, admin.id)
    assert (stored.is_active, stored.session_epoch) == (True, 0)


def test_the_last_active_admin_cannot_be_demoted(session, engine, make, people):
    admin = people[Role.ADMIN]
    retired = make.user(Role.ADMIN, username="quantricu")
    retired.is_active = False  # a disabled admin does not count
    session.add(retired)
    session.commit()
    with pytest.raises(ValidationError) as refused:
        update_user(
            session=session, actor=admin, now=NOW, user_id=admin.id, full_name=admin.full_name,
            role=Role.COORDINATOR, agency_id=None, is_active=True,
        )  # fmt: skip
    assert refused.value.key == "error.last_admin"
    assert _user_in_db(engine, admin.id).role == Role.ADMIN


def test_the_last_active_admin_cannot_be_disabled(session, engine, people):
    admin = people[Role.ADMIN]
    with pytest.raises(ValidationError) as refused:
        update_user(
            session=session, actor=SYSTEM, now=NOW, user_id=admin.id, full_name=admin.full_name,
            role=Role.ADMIN, agency_id=None, is_active=False,
        )  # fmt: skip
    assert refused.value.key == "error.last_admin"
    assert _user_in_db(engine, admin.id).is_active is True


def test_an_admin_can_be_demoted_while_another_remains(session, engine, make, people):
    admin = people[Role.ADMIN]
    second = make.user(Role.ADMIN, username="quantri2")
    update_user(
        session=session, actor=admin, now=NOW, user_id=second.id, full_name=second.full_name,
        role=Role.VIEWER, agency_id=None, is_active=True,
    )  # fmt: skip
    assert _user_in_db(engine, second.id).role == Role.VIEWER
    # Now `admin` is the last one.
    with pytest.raises(ValidationError):
        update_user(
            session=session, actor=admin, now=NOW, user_id=admin.id, full_name=admin.full_name,
            role=Role.VIEWER, agency_id=None, is_active=True,
        )  # fmt: skip


@pytest.mark.parametrize("role", NON_ADMINS)
def test_only_admins_update_users(session, engine, people, role):
    actor = people[role]
    with pytest.raises(PermissionDenied) as refused:
        update_user(
            session=session, actor=actor, now=NOW, user_id=actor.id, full_name="Tự phong",
            role=Role.ADMIN, agency_id=None, is_active=True,
        )  # fmt: skip
    assert "không có quyền" in str(refused.value)
    stored = _user_in_db(engine, actor.id)
    assert (stored.role, stored.full_name) == (role, actor.full_name)
    rows = _audit(engine, outcome="refused")
    assert [(r.actor_id, r.target_type, r.target_id) for r in rows] == [(actor.id, "user", str(actor.id))]
    assert _audit(engine, action="user.update") == []


# --- reset_password --------------------------------------------------------------------------


def test_reset_password(session, engine, people):
    viewer = people[Role.VIEWER]
    epoch = viewer.session_epoch
    reset_password(
        session=session, actor=people[Role.ADMIN], now=NOW, user_id=viewer.id, password=NEW_PASSWORD,
        confirm=NEW_PASSWORD,
    )  # fmt: skip
    assert _login(session, "bcd.thanhvien", NEW_PASSWORD).id == viewer.id
    with pytest.raises(LoginFailed):
        _login(session, "bcd.thanhvien", PASSWORD)
    stored = _user_in_db(engine, viewer.id)
    assert stored.session_epoch > epoch
    assert NEW_PASSWORD not in stored.password_hash
    with _fresh(engine) as s:
        assert user_for_session(session=s, user_id=viewer.id, epoch=epoch) is None
        assert user_for_session(session=s, user_id=viewer.id, epoch=stored.session_epoch).id == viewer.id
    rows = _audit(engine, action="user.reset_password")
    assert [(r.target_id, r.outcome) for r in rows] == [(str(viewer.id), "ok")]


@pytest.mark.parametrize(
    ("password", "confirm", "key"),
    [("short", "short", "error.password_short"), (NEW_PASSWORD, "something else", "error.password_mismatch")],
)
def test_reset_password_validation(session, engine, people, password, confirm, key):
    viewer = people[Role.VIEWER]
    with pytest.raises(ValidationError) as invalid:
        reset_password(
            session=session, actor=people[Role.ADMIN], now=NOW, user_id=viewer.id, password=password,
            confirm=confirm,
        )  # fmt: skip
    assert invalid.value.key == key
    stored = _user_in_db(engine, viewer.id)
    assert verify_password(PASSWORD, stored.password_hash)
    assert stored.session_epoch == 0


@pytest.mark.parametrize("role", NON_ADMINS)
def test_only_admins_reset_passwords(session, engine, people, role):
    actor, target = people[role], people[Role.ADMIN]
    with pytest.raises(PermissionDenied):
        reset_password(
            session=session, actor=actor, now=NOW, user_id=target.id, password=NEW_PASSWORD, confirm=NEW_PASSWORD
        )
    stored = _user_in_db(engine, target.id)
    assert verify_password(PASSWORD, stored.password_hash)
    assert stored.session_epoch == 0
    rows = _audit(engine, outcome="refused")
    assert [(r.actor_id, r.target_type, r.target_id) for r in rows] == [(actor.id, "user", str(target.id))]


# --- save_agency -----------------------------------------------------------------------------


def _save_agency(session, actor, **kw) -> Agency:
    values = {"agency_id": None, "code": "sotnmt", "name": "Sở Tài nguyên và Môi trường", "short_name": "Sở TN&MT"}
    values.update(kw)
    return save_agency(session=session, actor=actor, now=NOW, **values)


def _agency_in_db(engine, agency_id: int) -> Agency:
    with _fresh(engine) as s:
        return s.get(Agency, agency_id)


def test_admin_creates_an_agency_with_split_and_normalised_lists(session, engine, people):
    nfd = lambda text: unicodedata.normalize("NFD", text)  # noqa: E731
    agency = _save_agency(
        session,
        people[Role.ADMIN],
        code=" SoTNMT ",
        name=nfd(" Sở Tài nguyên  và Môi trường "),
        short_name=nfd("Sở TN&MT"),
        aliases=nfd("Sở Tài nguyên, STNMT; Tài nguyên môi trường\nSở TNMT,, "),
        emails="vanthu@stnmt.gov.vn; lanhdao@stnmt.gov.vn\nkhac@example.vn,",
    )
    stored = _agency_in_db(engine, agency.id)
    assert stored.code == "sotnmt"
    assert stored.name == "Sở Tài nguyên và Môi trường"
    assert stored.short_name == "Sở TN&MT"
    assert stored.aliases == ["Sở Tài nguyên", "STNMT", "Tài nguyên môi trường", "Sở TNMT"]
    assert all(unicodedata.is_normalized("NFC", a) for a in stored.aliases)
    assert stored.emails == ["vanthu@stnmt.gov.vn", "lanhdao@stnmt.gov.vn", "khac@example.vn"]
    assert stored.is_active is True
    rows = _audit(engine, action="agency.create")
    assert [(r.target_type, r.target_id, r.outcome) for r in rows] == [("agency", str(agency.id), "ok")]


def test_the_short_name_defaults_to_the_name(session, engine, people):
    agency = _save_agency(session, people[Role.ADMIN], short_name="  ")
    assert _agency_in_db(engine, agency.id).short_name == "Sở Tài nguyên và Môi trường"


def test_admin_edits_an_agency(session, engine, people, agency):
    _save_agency(
        session, people[Role.ADMIN], agency_id=agency.id, code="soyte", name="Sở Y tế tỉnh", short_name="Sở Y tế",
        aliases=["SYT", unicodedata.normalize("NFD", "Y tế"), " "], emails=["yte@example.vn"], is_active=False,
    )  # fmt: skip
    stored = _agency_in_db(engine, agency.id)
    assert (stored.code, stored.name, stored.short_name, stored.aliases, stored.emails, stored.is_active) == (
        "soyte",
        "Sở Y tế tỉnh",
        "Sở Y tế",
        ["SYT", "Y tế"],
        ["yte@example.vn"],
        False,
    )
    assert [r.target_id for r in _audit(engine, action="agency.update")] == [str(agency.id)]
    assert _count(engine, Agency) == 1


@pytest.mark.parametrize("code", ["sở", "so yte", "so-yte", "so_yte", "s", "", "x" * 41])
def test_agency_codes_are_lower_case_ascii(session, engine, people, code):
    with pytest.raises(ValidationError) as invalid:
        _save_agency(session, people[Role.ADMIN], code=code)
    assert invalid.value.key == "error.agency_code_invalid"
    assert _count(engine, Agency) == 1  # only the fixture's


def test_agency_codes_are_unique(session, engine, make, people, agency):
    with pytest.raises(ValidationError) as taken:
        _save_agency(session, people[Role.ADMIN], code="soyte")
    assert taken.value.key == "error.agency_code_taken"
    other = make.agency("sogtvt")
    with pytest.raises(ValidationError):
        _save_agency(session, people[Role.ADMIN], agency_id=other.id, code="soyte")
    assert _agency_in_db(engine, other.id).code == "sogtvt"


@pytest.mark.parametrize("name", ["", "   ", None])
def test_an_agency_needs_a_name(session, engine, people, name):
    with pytest.raises(ValidationError) as invalid:
        _save_agency(session, people[Role.ADMIN], name=name)
    assert invalid.value.key == "error.agency_name_required"
    assert _count(engine, Agency) == 1


@pytest.mark.parametrize(
    "emails", ["khong-phai-email", "a@b", "van thu@stnmt.gov.vn", "ok@stnmt.gov.vn; @stnmt.gov.vn"]
)
def test_agency_emails_are_validated(session, engine, people, emails):
    with pytest.raises(ValidationError) as invalid:
        _save_agency(session, people[Role.ADMIN], emails=emails)
    assert invalid.value.key == "error.email_invalid"
    assert _count(engine, Agency) == 1


def test_editing_a_missing_agency_is_not_found(session, people):
    with pytest.raises(NotFound):
        _save_agency(session, people[Role.ADMIN], agency_id=999_999)


@pytest.mark.parametrize("role", NON_ADMINS)
def test_only_admins_save_agencies(session, engine, people, agency, role):
    actor = people[role]
    with pytest.raises(PermissionDenied):
        _save_agency(session, actor)
    with pytest.raises(PermissionDenied):
        _save_agency(session, actor, agency_id=agency.id, code="soyte", name="Đổi tên")
    assert _count(engine, Agency) == 1
    assert _agency_in_db(engine, agency.id).name == agency.name
    rows = _audit(engine, outcome="refused")
    assert [(r.actor_id, r.target_type, r.target_id) for r in rows] == [
        (actor.id, "agency", ""),
        (actor.id, "agency", str(agency.id)),
    ]


# --- audit_trail -----------------------------------------------------------------------------


@pytest.fixture
def trail_world(session, make, people, agency):
    """A user created 3 hours ago, a task started 2 hours ago, a refused attempt an hour ago."""
    task = make.task(make.plan(), agency)
    _create(session, people[Role.ADMIN], username="moitao")
    entry = session.exec(select(AuditLog).where(AuditLog.action == "user.create")).one()  # stamped NOW: move back
    entry.at = NOW - timedelta(hours=3)
    session.add(entry)
    session.commit()
    change_status(
        session=session, task_id=task.id, target=Status.IN_PROGRESS, expected_version=task.version,
        actor=people[Role.AGENCY], now=NOW - timedelta(hours=2),
    )  # fmt: skip
    with pytest.raises(PermissionDenied):
        _create(session, people[Role.VIEWER], username="kethu")
    refused = session.exec(select(AuditLog).where(AuditLog.outcome == "refused")).one()
    refused.at = NOW - timedelta(hours=1)
    session.add(refused)
    session.commit()
    return task


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.ADMIN])
def test_coordinators_and_admins_read_the_trail_newest_first(session, people, trail_world, role):
    trail = audit_trail(session=session, actor=people[role], now=NOW)
    assert [e.at for e in trail] == sorted((e.at for e in trail), reverse=True)
    assert trail[0].at == NOW - timedelta(hours=1)
    assert (trail[0].action, trail[0].outcome, trail[0].target) == ("manage_users", "refused", "user kethu")
    task_entries = [e for e in trail if e.target == f"task {trail_world.id}"]
    assert {e.at for e in task_entries} == {NOW - timedelta(hours=2)}
    assert any("in_progress" in e.detail for e in task_entries)
    assert all(e.outcome == "ok" and e.action == "status" for e in task_entries)
    assert (trail[-1].action, trail[-1].at, trail[-1].outcome) == ("user.create", NOW - timedelta(hours=3), "ok")
    assert len(trail) == 2 + len(task_entries)


def test_the_trail_can_show_only_refusals(session, people, trail_world):
    failures = 2
    for _ in range(failures):
        _fail(session, "sotttt", now=NOW - timedelta(minutes=30))
    trail = audit_trail(session=session, actor=people[Role.COORDINATOR], now=NOW, refused_only=True)
    assert [(e.action, e.outcome) for e in trail] == [("login", "failed")] * failures + [("manage_users", "refused")]
    everything = audit_trail(session=session, actor=people[Role.COORDINATOR], now=NOW)
    assert any(e.outcome == "ok" for e in everything)


def test_the_trail_respects_its_limit(session, people, trail_world):
    trail = audit_trail(session=session, actor=people[Role.ADMIN], now=NOW, limit=2)
    assert [e.at for e in trail] == [NOW - timedelta(hours=1), NOW - timedelta(hours=2)]


@pytest.mark.parametrize("role", [Role.AGENCY, Role.VIEWER])
def test_agency_officers_and_viewers_cannot_read_the_trail(session, engine, people, trail_world, role):
    with pytest.raises(PermissionDenied):
        audit_trail(session=session, actor=people[role], now=NOW)
    rows = _audit(engine, action="view_audit")
    assert [(r.actor_id, r.outcome, r.target_type) for r in rows] == [(people[role].id, "refused", "audit")]


# --- refusals in the task functions ----------------------------------------------------------


@pytest.fixture
def task_world(session, make, agency):
    lead = agency
    coordinating, other = make.agency("sotc"), make.agency("sogd")
    task = make.task(make.plan(), lead, title="Xây dựng kho dữ liệu y tế")
    session.add(TaskCoordinator(task_id=task.id, agency_id=coordinating.id))
    session.commit()
    return {
        "task": task,
        "officer": make.user(Role.AGENCY, lead),
        "coordinating": make.user(Role.AGENCY, coordinating),
        "outsider": make.user(Role.AGENCY, other),
        "viewer": make.user(Role.VIEWER),
    }


def _task_state(engine, task_id):
    with _fresh(engine) as s:
        task = s.get(Task, task_id)
        return (task.status, task.progress, task.title, task.due_date, task.version)


def _calls(task):
    return {
        "change_status": (
            "start",
            lambda session, actor: change_status(
                session=session,
                task_id=task.id,
                target=Status.IN_PROGRESS,
                expected_version=task.version,
                actor=actor,
                now=NOW,
            ),
        ),
        "set_progress": (
            "report_progress",
            lambda session, actor: set_progress(
                session=session, task_id=task.id, expected_version=task.version, progress=40, actor=actor, now=NOW
            ),
        ),
        "update_details": (
            "edit_task",
            lambda session, actor: update_details(
                session=session,
                task_id=task.id,
                expected_version=task.version,
                values={"title": "Đổi tên"},
                actor=actor,
                now=NOW,
            ),
        ),
        "add_comment": (
            "comment",
            lambda session, actor: add_comment(
                session=session,
                task_id=task.id,
                body="Ý kiến",
                actor=actor,
                now=NOW,
                evidence_url="https://example.vn/bao-cao.pdf",
            ),
        ),
    }


@pytest.mark.parametrize("call", ["change_status", "set_progress", "update_details", "add_comment"])
def test_an_officer_of_another_agency_is_refused_and_the_refusal_recorded(session, engine, task_world, call):
    task, outsider = task_world["task"], task_world["outsider"]
    before = _task_state(engine, task.id)
    action, function = _calls(task)[call]
    with pytest.raises(PermissionDenied) as refused:
        function(session, outsider)
    assert "không có quyền" in str(refused.value)
    assert _task_state(engine, task.id) == before
    assert _count(engine, TaskEvent) == 0
    assert _count(engine, ProgressReport) == 0
    rows = _audit(engine, outcome="refused")
    assert [(r.actor_id, r.action, r.target_type, r.target_id, r.at) for r in rows] == [
        (outsider.id, action, "task", str(task.id), NOW)
    ]


@pytest.mark.parametrize("call", ["change_status", "set_progress", "update_details", "add_comment"])
def test_a_viewer_is_refused_on_tasks(session, engine, task_world, call):
    task, viewer = task_world["task"], task_world["viewer"]
    before = _task_state(engine, task.id)
    _action, function = _calls(task)[call]
    with pytest.raises(PermissionDenied):
        function(session, viewer)
    assert _task_state(engine, task.id) == before
    assert [(r.actor_id, r.target_type) for r in _audit(engine, outcome="refused")] == [(viewer.id, "task")]


def test_the_lead_officer_may_not_edit_details_but_may_report(session, engine, task_world):
    task, officer = task_world["task"], task_world["officer"]
    calls = _calls(task)
    with pytest.raises(PermissionDenied):
        calls["update_details"][1](session, officer)
    assert _task_state(engine, task.id)[2] == "Xây dựng kho dữ liệu y tế"
    calls["set_progress"][1](session, officer)
    assert _task_state(engine, task.id)[1] == 40


def test_a_coordinating_officer_may_comment_but_not_report_progress(session, engine, task_world):
    task, officer = task_world["task"], task_world["coordinating"]
    report = add_comment(
        session=session, task_id=task.id, body="  Sở phối hợp   đã gửi số liệu ", actor=officer, now=NOW,
        evidence_url="https://example.vn/so-lieu.xlsx",
    )  # fmt: skip
    with _fresh(engine) as s:
        stored = s.get(ProgressReport, report.id)
        assert (stored.task_id, stored.author_id, stored.body, stored.evidence_url) == (
            task.id,
            officer.id,
            "Sở phối hợp đã gửi số liệu",
            "https://example.vn/so-lieu.xlsx",
        )
    with pytest.raises(PermissionDenied):
        set_progress(
            session=session, task_id=task.id, expected_version=task.version, progress=10, actor=officer, now=NOW
        )
    assert _task_state(engine, task.id)[1] == 0


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(document.cookie)",
        " javascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "DATA:text/html,<script>alert(1)</script>",
        "ftp://example.vn/file",
        "//example.vn/no-scheme",
        "https://",
    ],
)
def test_add_comment_rejects_unsafe_evidence_links(session, engine, task_world, url):
    with pytest.raises(ValidationError) as invalid:
        add_comment(
            session=session, task_id=task_world["task"].id, body="Minh chứng", actor=task_world["officer"],
            now=NOW, evidence_url=url,
        )  # fmt: skip
    assert invalid.value.key == "error.url_invalid"
    assert _count(engine, ProgressReport) == 0
    assert _count(engine, TaskEvent) == 0


@pytest.mark.parametrize("url", ["https://drive.example.vn/minh-chung?id=42", "http://intranet.tinh.gov.vn/bc"])
def test_add_comment_accepts_http_links(session, engine, task_world, url):
    report = add_comment(
        session=session, task_id=task_world["task"].id, body="Minh chứng", actor=task_world["officer"], now=NOW,
        evidence_url=url,
    )  # fmt: skip
    with _fresh(engine) as s:
        assert s.get(ProgressReport, report.id).evidence_url == url
        assert s.exec(select(TaskEvent.kind)).all() == ["comment"]
