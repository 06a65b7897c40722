"""The command line, run as a separate process the way an operator runs it."""

from __future__ import annotations

from sqlmodel import Session, select

from models.database import make_engine
from models.passwords import verify_password
from models.tables import Task, User
from tests.cli import row_count, run_cli


def test_every_command_has_help(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    for command in ("run", "init-db", "seed-demo", "create-user"):
        result = run_cli([command, "--help"], url, tmp_path)
        assert result.returncode == 0 and "usage" in result.stdout


def test_init_db_then_seed_demo_twice(empty_db_url, tmp_path):
    assert run_cli(["init-db"], empty_db_url, tmp_path).returncode == 0
    first = run_cli(["seed-demo"], empty_db_url, tmp_path)
    assert first.returncode == 0 and "109 nhiệm vụ" in first.stdout and "admin, sotttt, soyte, bcd" in first.stdout
    second = run_cli(["seed-demo", "--if-empty"], empty_db_url, tmp_path)
    assert second.returncode == 0
    assert row_count(empty_db_url, Task) == 109 and row_count(empty_db_url, User) == 4


def test_create_user_reads_the_password_from_stdin(db_url, tmp_path):
    assert run_cli(["seed-demo"], db_url, tmp_path).returncode == 0
    result = run_cli(
        ["create-user", "canbo.yte", "--role", "agency", "--agency", "soyte", "--full-name", "Nguyễn Văn A"],
        db_url,
        tmp_path,
        stdin="mat-khau-du-dai\n",
    )
    assert result.returncode == 0, result.stderr
    assert "mat-khau-du-dai" not in result.stdout + result.stderr
    engine = make_engine(db_url)
    with Session(engine) as s:
        user = s.exec(select(User).where(User.username == "canbo.yte")).one()
        assert user.role == "agency" and user.full_name == "Nguyễn Văn A" and user.agency_id is not None
        assert verify_password("mat-khau-du-dai", user.password_hash)
    engine.dispose()


def test_create_user_refuses_bad_input_with_a_vietnamese_message(db_url, tmp_path):
    unknown = run_cli(
        ["create-user", "x.user", "--role", "agency", "--agency", "khongco"], db_url, tmp_path, "12345678\n"
    )
    assert unknown.returncode == 2 and "không có cơ quan" in unknown.stderr
    short = run_cli(["create-user", "x.user", "--role", "viewer"], db_url, tmp_path, stdin="ngan\n")
    assert short.returncode == 2 and "ít nhất 8 ký tự" in short.stderr
    no_agency = run_cli(["create-user", "x.user", "--role", "agency"], db_url, tmp_path, stdin="12345678\n")
    assert no_agency.returncode == 2 and "phải gắn với một cơ quan" in no_agency.stderr
    assert row_count(db_url, User) == 0


def test_a_production_install_has_no_account(db_url, tmp_path):
    assert run_cli(["init-db"], db_url, tmp_path).returncode == 0
    assert row_count(db_url, User) == 0


def test_run_refuses_a_database_that_is_not_migrated(tmp_path):
    result = run_cli(["run", "--port", "1"], f"sqlite:///{tmp_path / 'old.db'}", tmp_path)
    assert result.returncode == 1 and "init-db" in result.stderr
