"""Command line: `python -m dashapp <command>`; every command has --help."""

from __future__ import annotations

import argparse
import logging
import sys
import time

from sqlmodel import select

from dashapp import clock
from dashapp.db import pending_migrations, upgrade_database
from dashapp.settings import Settings
from models import synthetic
from models.database import make_engine, open_session
from models.demo import seed_demo, seed_demo_accounts
from models.errors import DomainError
from models.permissions import SYSTEM
from models.tables import Agency, Plan, Role
from models.users import create_user


def cmd_init_db(settings: Settings, _args: argparse.Namespace) -> int:
    """Upgrade the database to the newest migration."""
    upgrade_database(settings.database_url)
    print(f"Cơ sở dữ liệu đã được cập nhật lên phiên bản mới nhất: {_safe_url(settings.database_url)}")
    return 0


def cmd_seed_demo(settings: Settings, args: argparse.Namespace) -> int:
    """Load the sample plan (idempotent); --if-empty skips it when any plan exists.

    With --synthetic N, load the synthetic plan SYN-<N>-<seed> of N tasks instead (load and board tests).
    """
    if args.random_seed is not None and args.synthetic is None:
        print("Lỗi: --random-seed chỉ dùng cùng --synthetic.", file=sys.stderr)
        return 2
    seed = synthetic.DEFAULT_SEED if args.random_seed is None else args.random_seed
    upgrade_database(settings.database_url)
    engine = make_engine(settings.database_url)
    started = time.perf_counter()
    try:
        with open_session(engine) as session:
            if args.if_empty and session.exec(select(Plan.id)).first() is not None:
                print("Cơ sở dữ liệu đã có kế hoạch; không nạp dữ liệu mẫu.")
                return 0
            if args.synthetic is None:
                result = seed_demo(session=session, now=clock.now(settings))
            else:
                result = synthetic.seed_synthetic(session=session, n=args.synthetic, seed=seed, now=clock.now(settings))
            accounts = seed_demo_accounts(session=session, now=clock.now(settings))
    finally:
        engine.dispose()
    if accounts:
        print(f"Tài khoản trình diễn (mật khẩu «demo», chỉ dùng để trình diễn): {', '.join(accounts)}")
    if args.synthetic is not None:
        code = synthetic.plan_code(args.synthetic, seed)
        if result.created:
            seconds = f"{time.perf_counter() - started:.1f}".replace(".", ",")
            print(
                f"Đã nạp kế hoạch tổng hợp {code}: {result.tasks} nhiệm vụ "
                f"(dữ liệu thử nghiệm, sinh ngẫu nhiên với hạt giống {seed}) trong {seconds} giây."
            )
        else:
            print(f"Kế hoạch tổng hợp {code} đã có sẵn ({result.tasks} nhiệm vụ); không nạp lại.")
    elif result.created:
        print(f"Đã nạp kế hoạch mẫu: {result.tasks} nhiệm vụ (dữ liệu mẫu, không phải phụ lục chính thức).")
    else:
        print(f"Kế hoạch mẫu đã có sẵn ({result.tasks} nhiệm vụ); không nạp lại.")
    return 0


def _task_count(value: str) -> int:
    """--synthetic: a whole number of tasks within the synthetic plan's bounds."""
    try:
        n = int(value)
    except ValueError:
        n = 0
    if not synthetic.MIN_TASKS <= n <= synthetic.MAX_TASKS:
        raise argparse.ArgumentTypeError(
            f"số nhiệm vụ phải là số nguyên từ {synthetic.MIN_TASKS} đến {synthetic.MAX_TASKS}"
        )
    return n


def _random_seed(value: str) -> int:
    """--random-seed: a whole number, zero or more."""
    try:
        seed = int(value)
    except ValueError:
        seed = -1
    if seed < 0:
        raise argparse.ArgumentTypeError("hạt giống phải là số nguyên không âm")
    return seed


def _read_password(prompt: str) -> str:
    """The password from the terminal (hidden) or, when piped, the first line of stdin."""
    if sys.stdin.isatty():
        import getpass

        first = getpass.getpass(prompt)
        if first != getpass.getpass("Nhập lại mật khẩu: "):
            raise SystemExit("Hai lần nhập mật khẩu không khớp.")
        return first
    return sys.stdin.readline().rstrip("\n")


def cmd_create_user(settings: Settings, args: argparse.Namespace) -> int:
    """Create an account; the password is read from stdin, never from the command line."""
    upgrade_database(settings.database_url)
    engine = make_engine(settings.database_url)
    try:
        with open_session(engine) as session:
            agency_id = None
            if args.agency:
                agency = session.exec(select(Agency).where(Agency.code == args.agency.strip().lower())).first()
                if agency is None:
                    print(f"Lỗi: không có cơ quan mã «{args.agency}».", file=sys.stderr)
                    return 2
                agency_id = agency.id
            password = _read_password(f"Mật khẩu cho {args.username}: ")
            try:
                user = create_user(
                    session=session,
                    actor=SYSTEM,
                    now=clock.now(settings),
                    username=args.username,
                    full_name=args.full_name or args.username,
                    role=args.role,
                    agency_id=agency_id,
                    password=password,
                )
            except DomainError as refused:
                print(f"Lỗi: {refused}", file=sys.stderr)
                return 2
    finally:
        engine.dispose()
    print(f"Đã tạo tài khoản «{user.username}» ({user.role}).")
    return 0


def cmd_run(settings: Settings, args: argparse.Namespace) -> int:
    """Serve the app with the threaded development server (one process; see README for gunicorn)."""
    from dashapp.app import create_app

    if pending_migrations(settings.database_url):
        print(
            "Lỗi: cơ sở dữ liệu chưa ở phiên bản mới nhất. Chạy «python -m dashapp init-db» trước "
            f"(hoặc «make run», lệnh này tự làm): {_safe_url(settings.database_url)}",
            file=sys.stderr,
        )
        return 1
    app = create_app(settings)
    host, port = args.host or settings.host, args.port or settings.port
    print(f"Theo dõi nhiệm vụ chuyển đổi số: http://{host}:{port}", flush=True)
    app.run(host=host, port=port, debug=False, threaded=True)
    return 0


def _safe_url(url: str) -> str:
    """The URL without its password, for printing."""
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with one sub-command per job."""
    parser = argparse.ArgumentParser(prog="python -m dashapp", description="Theo dõi nhiệm vụ chuyển đổi số")
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="chạy ứng dụng web (máy chủ phát triển, một tiến trình)")
    run.add_argument("--host", help="địa chỉ lắng nghe (mặc định HOST hoặc 127.0.0.1)")
    run.add_argument("--port", type=int, help="cổng (mặc định PORT hoặc 8050)")
    run.set_defaults(func=cmd_run)
    init = sub.add_parser("init-db", help="tạo hoặc nâng cấp cơ sở dữ liệu lên phiên bản mới nhất")
    init.set_defaults(func=cmd_init_db)
    seed = sub.add_parser("seed-demo", help="nạp kế hoạch mẫu 109 nhiệm vụ (chạy lại không nhân đôi)")
    seed.add_argument("--if-empty", action="store_true", help="chỉ nạp khi chưa có kế hoạch nào")
    seed.add_argument(
        "--synthetic",
        type=_task_count,
        metavar="N",
        help=(
            "thay vào đó nạp kế hoạch tổng hợp SYN-<N>-<hạt giống> gồm N nhiệm vụ "
            f"({synthetic.MIN_TASKS}-{synthetic.MAX_TASKS}) để thử tải, thử bảng công việc"
        ),
    )
    seed.add_argument(
        "--random-seed",
        type=_random_seed,
        metavar="S",
        help=(
            f"hạt giống ngẫu nhiên của kế hoạch tổng hợp (mặc định {synthetic.DEFAULT_SEED}); "
            "cùng N và S cho cùng dữ liệu"
        ),
    )
    seed.set_defaults(func=cmd_seed_demo)
    user = sub.add_parser("create-user", help="tạo tài khoản; mật khẩu đọc từ stdin")
    user.add_argument("username", help="tên đăng nhập: chữ thường không dấu, số, . - _")
    user.add_argument("--role", required=True, choices=[str(r) for r in Role], help="vai trò")
    user.add_argument("--agency", help="mã cơ quan (bắt buộc với vai trò agency), ví dụ soyte")
    user.add_argument("--full-name", help="họ và tên")
    user.set_defaults(func=cmd_create_user)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    return args.func(Settings.from_env(), args)


if __name__ == "__main__":
    sys.exit(main())
