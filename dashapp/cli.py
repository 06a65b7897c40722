"""Command line: `python -m dashapp <command>`; every command has --help."""

from __future__ import annotations

import argparse
import logging
import sys

from sqlmodel import select

from dashapp import clock
from dashapp.db import upgrade_database
from dashapp.settings import Settings
from models.database import make_engine, open_session
from models.demo import seed_demo
from models.tables import Plan


def cmd_init_db(settings: Settings, _args: argparse.Namespace) -> int:
    """Upgrade the database to the newest migration."""
    upgrade_database(settings.database_url)
    print(f"Cơ sở dữ liệu đã được cập nhật lên phiên bản mới nhất: {_safe_url(settings.database_url)}")
    return 0


def cmd_seed_demo(settings: Settings, args: argparse.Namespace) -> int:
    """Load the sample plan (idempotent); --if-empty skips it when any plan exists."""
    upgrade_database(settings.database_url)
    engine = make_engine(settings.database_url)
    try:
        with open_session(engine) as session:
            if args.if_empty and session.exec(select(Plan.id)).first() is not None:
                print("Cơ sở dữ liệu đã có kế hoạch; không nạp dữ liệu mẫu.")
                return 0
            result = seed_demo(session=session, now=clock.now(settings))
    finally:
        engine.dispose()
    if result.created:
        print(f"Đã nạp kế hoạch mẫu: {result.tasks} nhiệm vụ (dữ liệu mẫu, không phải phụ lục chính thức).")
    else:
        print(f"Kế hoạch mẫu đã có sẵn ({result.tasks} nhiệm vụ); không nạp lại.")
    return 0


def cmd_run(settings: Settings, args: argparse.Namespace) -> int:
    """Serve the app with the threaded development server (one process; see README for gunicorn)."""
    from dashapp.app import create_app

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
    seed.set_defaults(func=cmd_seed_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    return args.func(Settings.from_env(), args)


if __name__ == "__main__":
    sys.exit(main())
