"""Command line: `python -m dashapp <command>`; every command has --help."""

from __future__ import annotations

import argparse
import logging
import sys
import time
from datetime import time as dt_time

from sqlmodel import select

from dashapp import clock
from dashapp.db import pending_migrations, upgrade_database
from dashapp.settings import Settings
from i18n import t
from models import synthetic
from models.database import make_engine, open_session
from models.demo import seed_demo, seed_demo_accounts, seed_reminder_history
from models.errors import DomainError
from models.permissions import SYSTEM
from models.tables import Agency, Plan, Role
from models.users import create_user
from models.workdays import default_calendar

# `seed-demo --reminder-history` (make run): the working days of reminder scans a new demo starts with.
REMINDER_HISTORY_DAYS = 10


def cmd_init_db(settings: Settings, _args: argparse.Namespace) -> int:
    """Upgrade the database to the newest migration."""
    upgrade_database(settings.database_url)
    print(f"Cơ sở dữ liệu đã được cập nhật lên phiên bản mới nhất: {_safe_url(settings.database_url)}")
    return 0


def cmd_backup(settings: Settings, args: argparse.Namespace) -> int:
    """Back the database up while the app runs: SQLite's online backup API, or `pg_dump -Fc` for PostgreSQL.

    Never migrates nor writes to the database (a backup taken before an upgrade keeps the old schema).
    The file is written beside its final name and renamed when complete. --out may name a folder: the
    file is then named after the current time. Exit status 2 for what the operator must fix (no
    database file, no pg_dump, a folder that cannot be written), 1 when the copy itself failed.
    """
    import os
    from pathlib import Path

    from sqlalchemy.engine import make_url

    from models.database import normalise_url

    url = make_url(normalise_url(settings.database_url))
    backend = url.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        print(f"Lỗi: {t('backup.error.backend', backend=backend)}", file=sys.stderr)
        return 2
    out = Path(args.out)
    if out.is_dir():
        stamp = clock.now(settings).strftime("%Y%m%d-%H%M%S")
        out = out / f"tracker-{stamp}.{'sqlite3' if backend == 'sqlite' else 'dump'}"
    if not out.parent.is_dir():
        print(f"Lỗi: {t('backup.error.folder', path=out.parent)}", file=sys.stderr)
        return 2
    if backend == "sqlite" and url.database and out.resolve() == Path(url.database).resolve():
        print(f"Lỗi: {t('backup.error.same_file', path=out)}", file=sys.stderr)
        return 2
    partial = out.with_name(f".{out.name}.part")
    umask = os.umask(0o077)  # the copy holds password hashes and personal data: readable by its owner only
    try:
        status = _backup_sqlite(url.database or "", partial) if backend == "sqlite" else _backup_postgres(url, partial)
        if status == 0:
            partial.replace(out)
    except OSError as failed:
        print(f"Lỗi: {t('backup.error.write', path=out, reason=failed.strerror or failed)}", file=sys.stderr)
        status = 2
    finally:
        os.umask(umask)
        partial.unlink(missing_ok=True)
    if status:
        return status
    size = out.stat().st_size
    print(t("backup.done", url=_safe_url(settings.database_url), path=out.resolve(), size=_size_text(size)))
    if backend == "sqlite":
        print(t("backup.restore.sqlite", file=out.resolve(), path=Path(url.database or "").resolve()))
    else:
        print(t("backup.restore.postgresql", file=out.resolve()))
    return 0


def _backup_sqlite(database: str, partial) -> int:
    """Copy a live SQLite file with the online backup API: one consistent snapshot, writers keep going."""
    import sqlite3
    from pathlib import Path
    from urllib.parse import quote

    from models.database import SQLITE_BUSY_TIMEOUT_MS

    source_path = Path(database)
    if not database or database == ":memory:" or not source_path.is_file():
        print(f"Lỗi: {t('backup.error.no_sqlite_file', path=database or ':memory:')}", file=sys.stderr)
        return 2
    partial.unlink(missing_ok=True)
    # Read-only: the backup never changes the live database. One step (pages=-1) copies every page
    # under one read transaction; in WAL mode the app's writers are not blocked meanwhile.
    source = sqlite3.connect(
        f"file:{quote(str(source_path.resolve()))}?mode=ro", uri=True, timeout=SQLITE_BUSY_TIMEOUT_MS / 1000
    )
    try:
        target = sqlite3.connect(partial)
        try:
            source.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
            problems = [row[0] for row in target.execute("PRAGMA integrity_check")]
        finally:
            target.close()
    except sqlite3.Error as failed:
        print(f"Lỗi: {t('backup.error.failed', reason=failed)}", file=sys.stderr)
        return 1
    finally:
        source.close()
    if problems != ["ok"]:
        print(f"Lỗi: {t('backup.error.integrity', reason='; '.join(problems[:5]))}", file=sys.stderr)
        return 1
    return 0


def _backup_postgres(url, partial) -> int:
    """`pg_dump --format=custom` of the URL's database; the password goes through PGPASSWORD only."""
    import os
    import shutil
    import subprocess

    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        print(f"Lỗi: {t('backup.error.no_pg_dump')}", file=sys.stderr)
        return 2
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    # libpq reads the same URL (host, port, user, database and parameters such as sslmode) without the
    # password, so nothing secret shows in the process list.
    dbname = url.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    command = [pg_dump, "--format=custom", "--no-password", f"--file={partial}", f"--dbname={dbname}"]
    done = subprocess.run(command, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        reason = done.stderr.strip() or f"pg_dump exit status {done.returncode}"
        print(f"Lỗi: {t('backup.error.pg_dump', reason=reason)}", file=sys.stderr)
        if "version mismatch" in done.stderr:
            print(t("backup.error.pg_version"), file=sys.stderr)
        return 1
    return 0


def _size_text(size: int) -> str:
    """A file size for people: 2,4 MB (2.514.944 byte)."""
    from i18n import format_number

    if size >= 1024 * 1024:
        short = f"{format_number(size / (1024 * 1024), 'vi', 1)} MB"
    else:
        short = f"{format_number(size / 1024, 'vi', 1)} kB"
    return f"{short}; {format_number(size, 'vi', 0)} byte"


def cmd_seed_demo(settings: Settings, args: argparse.Namespace) -> int:
    """Load the sample plan (idempotent); --if-empty skips it when any plan exists.

    With --synthetic N, load the synthetic plan SYN-<N>-<seed> of N tasks instead (load and board tests).
    """
    if args.random_seed is not None and args.synthetic is None:
        print("Lỗi: --random-seed chỉ dùng cùng --synthetic.", file=sys.stderr)
        return 2
    if args.reminder_history and args.synthetic is not None:
        print("Lỗi: --reminder-history chỉ dùng với kế hoạch mẫu, không dùng cùng --synthetic.", file=sys.stderr)
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
                if result.created and args.reminder_history:
                    history = seed_reminder_history(
                        session=session,
                        now=clock.now(settings),
                        at=dt_time(*settings.reminder_clock()),
                        calendar=default_calendar(),
                        policy=settings.reminder_policy(),
                        base_url=settings.app_base_url,
                        working_days=REMINDER_HISTORY_DAYS,
                    )
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
        if args.reminder_history:
            print(
                f"Đã chạy lại các lần quét nhắc việc của {REMINDER_HISTORY_DAYS} ngày làm việc trước: "
                f"{history} thông báo (trang Thông báo)."
            )
    else:
        print(f"Kế hoạch mẫu đã có sẵn ({result.tasks} nhiệm vụ); không nạp lại.")
    return 0


def _whole(value: str, low: int, high: int | None, message: str) -> int:
    """A whole number within [low, high] (no upper bound when high is None), or argparse's error."""
    try:
        n = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(message) from None
    if n < low or (high is not None and n > high):
        raise argparse.ArgumentTypeError(message)
    return n


def _task_count(value: str) -> int:
    """--synthetic: a whole number of tasks within the synthetic plan's bounds."""
    low, high = synthetic.MIN_TASKS, synthetic.MAX_TASKS
    return _whole(value, low, high, f"số nhiệm vụ phải là số nguyên từ {low} đến {high}")


def _random_seed(value: str) -> int:
    """--random-seed: a whole number, zero or more."""
    return _whole(value, 0, None, "hạt giống phải là số nguyên không âm")


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


def _day(value: str):
    """--today: a date written YYYY-MM-DD."""
    from datetime import date

    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError("ngày phải viết theo dạng YYYY-MM-DD, ví dụ 2026-06-16") from None


def print_scan(result, lang: str = "vi") -> None:
    """Per recipient: what is (or would be) flagged."""
    from i18n import format_date, format_number
    from models.digest import status_text

    verb = "Sẽ gửi" if result.dry_run else "Nhắc việc"
    if not result.working_day:
        print(f"{format_date(result.today)} không phải ngày làm việc: không nhắc việc.")
        return
    days = ", ".join(format_date(d) for d in result.days)
    print(f"Quét ngày {format_date(result.today)} (tính cho các ngày làm việc: {days}).")
    if not result.digests:
        print("Không có nhiệm vụ nào cần nhắc.")
    for digest in result.digests:
        to = ", ".join(digest.emails) if digest.emails else "chưa có địa chỉ e-mail, chỉ thông báo trên hệ thống"
        print(f"- {verb} {digest.recipient_name} ({to}): {format_number(len(digest.items), lang, 0)} nhiệm vụ")
        for kind, items in digest.groups():
            print(f"    {t(f'notify.group.{kind}', days=digest.escalate_after)}:")
            for item in items:
                print(f"      {item.number} · {item.title} · hạn {format_date(item.due_date)} · {status_text(item)}")
    if result.dry_run:
        print("Chạy thử (--dry-run): chưa ghi gì vào hàng đợi thông báo.")
    elif result.created:
        print(f"Đã ghi {result.created} thông báo mới vào hàng đợi.")
        if result.delivery is not None:
            print_delivery(result.delivery)
    else:
        print("Các thông báo này đã có trong hàng đợi từ lần quét trước hôm nay: không tạo thêm.")


def print_delivery(report) -> None:
    """What the sender did, in one line (errors on stderr)."""
    print(f"Đã gửi {report.sent} thư; {report.retried} thư sẽ gửi lại sau; {report.failed} thư gửi không được.")
    for error in report.errors[:10]:
        print(f"  lỗi: {error}", file=sys.stderr)


def cmd_scan_overdue(settings: Settings, args: argparse.Namespace) -> int:
    """Flag due-soon and overdue tasks now (idempotent: a second scan the same day adds nothing)."""
    from dashapp import jobs

    upgrade_database(settings.database_url)
    result = jobs.scan_overdue(settings, today=args.today, dry_run=args.dry_run, force=True)
    print_scan(result)
    return 0


def cmd_send_notifications(settings: Settings, _args: argparse.Namespace) -> int:
    """Deliver the pending e-mails of the outbox."""
    from dashapp import jobs

    upgrade_database(settings.database_url)
    report = jobs.send_notifications(settings)
    if report is None:
        print("Chưa cấu hình máy chủ thư (SMTP_HOST): thư điện tử vẫn chờ trong hàng đợi.", file=sys.stderr)
        return 1
    print_delivery(report)
    return 0 if not report.errors else 1


def cmd_scheduler(settings: Settings, args: argparse.Namespace) -> int:
    """Run the scheduler in this process until stopped (--run-once: run every job once and exit)."""
    from dashapp import jobs, scheduler

    upgrade_database(settings.database_url)
    if args.run_once:
        result = jobs.scan_overdue(settings, force=False)
        if result is not None:
            print_scan(result)
        else:
            print("Hôm nay đã quét; không quét lại.")
        report = jobs.send_notifications(settings)  # what is still pending (the scan sent its own new rows)
        if report is not None and (report.sent or report.retried or report.failed):
            print_delivery(report)
        return 0
    engine = make_engine(settings.database_url)
    hour, minute = settings.reminder_clock()
    print(
        f"Bộ lập lịch: quét nhắc việc lúc {hour:02d}:{minute:02d} ({settings.timezone}) các ngày làm việc; "
        "gửi thư mỗi phút. Dừng bằng Ctrl+C.",
        flush=True,
    )
    try:
        scheduler.start(settings, engine, blocking=True)
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        engine.dispose()
    return 0


def _plan_for(session, code: str | None):
    """The plan with this code, else (no code) the newest plan, like the board; None when there is none."""
    from models.board import select_plan

    if code:
        return session.exec(select(Plan).where(Plan.code == code.strip())).first()
    return select_plan(session=session, plan_id=None)


def _no_plan(code: str | None) -> int:
    if code:
        print(f"Lỗi: không có kế hoạch số «{code}».", file=sys.stderr)
    else:
        print("Lỗi: chưa có kế hoạch nào; nạp kế hoạch trước (ví dụ «python -m dashapp seed-demo»).", file=sys.stderr)
    return 2


def _write_file(path: str, data: bytes) -> bool:
    """Write `data` to `path`; on failure say why on stderr and return False."""
    from pathlib import Path

    try:
        Path(path).write_bytes(data)
    except OSError as failed:
        print(f"Lỗi: không ghi được tệp «{path}»: {failed.strerror or failed}.", file=sys.stderr)
        return False
    return True


def cmd_export_tasks(settings: Settings, args: argparse.Namespace) -> int:
    """Export every task of a plan (the newest by default) to an Excel file, one row per task."""
    from dashapp.exports import tasks_workbook
    from models.review import task_frame
    from models.workdays import default_calendar

    upgrade_database(settings.database_url)
    engine = make_engine(settings.database_url)
    today = clock.today(settings)
    try:
        with open_session(engine) as session:
            plan = _plan_for(session, args.plan)
            if plan is None:
                return _no_plan(args.plan)
            frame = task_frame(
                session=session, plan_id=plan.id, today=today, calendar=default_calendar(), lang=args.lang
            )
            data = tasks_workbook(frame, plan=plan, today=today, lang=args.lang)
            code = plan.code
    finally:
        engine.dispose()
    if not _write_file(args.file, data):
        return 2
    print(f"Đã xuất {len(frame)} nhiệm vụ ra {args.file} (kế hoạch {code})")
    return 0


def cmd_report(settings: Settings, args: argparse.Namespace) -> int:
    """Write the semiannual or annual report on a plan (the newest by default) as a Word document."""
    from dashapp.reports import period, periodic_report
    from models.review import list_sessions, task_frame
    from models.tables import Category
    from models.workdays import default_calendar

    upgrade_database(settings.database_url)
    engine = make_engine(settings.database_url)
    today = clock.today(settings)
    start, end = period(args.kind, args.year)
    try:
        with open_session(engine) as session:
            plan = _plan_for(session, args.plan)
            if plan is None:
                return _no_plan(args.plan)
            frame = task_frame(
                session=session, plan_id=plan.id, today=today, calendar=default_calendar(), lang=args.lang
            )
            categories = session.exec(select(Category).order_by(Category.position)).all()
            sessions = list_sessions(session=session, plan_id=plan.id, held_from=start, held_to=end)
            data = periodic_report(
                plan=plan,
                kind=args.kind,
                year=args.year,
                today=today,
                frame=frame,
                categories=categories,
                sessions=sessions,
                lang=args.lang,
            )
            code = plan.code
    finally:
        engine.dispose()
    if not _write_file(args.out, data):
        return 2
    which = "6 tháng đầu năm" if args.kind == "semiannual" else "năm"
    print(f"Đã ghi báo cáo {which} {args.year} của kế hoạch {code} ra {args.out}")
    return 0


def _import_counts_lines(preview, names: dict[str, str]) -> list[str]:
    """The preview in Vietnamese: tasks by category, problems with their rows, unknown agencies, the diff."""
    from i18n import format_number

    lines = []
    if preview.header_row is not None:
        lines.append(f"Dòng tiêu đề của bảng: dòng {preview.header_row}.")
    lines.append(f"Đọc được {format_number(len(preview.tasks), 'vi', 0)} nhiệm vụ.")
    for code, n in preview.counts().items():
        lines.append(f"  - {names.get(code, code)}: {format_number(n, 'vi', 0)} nhiệm vụ")
    if preview.problems:
        lines.append(f"{format_number(len(preview.problems), 'vi', 0)} lỗi cần sửa:")
        lines.extend(f"  - {problem.message('vi')}" for problem in preview.problems)
    if preview.unknown_agencies:
        head = "Cơ quan chưa có trong hệ thống"
        head += " (sẽ được tạo mới):" if not preview.problems and preview.ok else ":"
        lines.append(head)
        for name, rows in preview.unknown_agencies.items():
            where = ", ".join(str(r) for r in sorted(set(rows)))
            lines.append(f"  - «{name}» (dòng {where})")
    if preview.notices:
        lines.append(f"{format_number(len(preview.notices), 'vi', 0)} ghi chú khi đọc tệp:")
        lines.extend(f"  - {notice.message('vi')}" for notice in preview.notices)
    if preview.existing_plan_id is not None:
        lines.append(t("import.update"))
        for kind, numbers in (("added", preview.added), ("changed", preview.changed), ("removed", preview.removed)):
            shown = ", ".join(numbers[:60]) + (", …" if len(numbers) > 60 else "")
            lines.append("  - " + t(f"import.diff.{kind}", n=len(numbers), numbers=shown or "—"))
    return lines


def cmd_import_plan(settings: Settings, args: argparse.Namespace) -> int:
    """Import (or, with --dry-run, only check) a plan from its appendix: all or nothing.

    Exit status: 0 when imported (or a dry run found nothing wrong), 1 when nothing was imported
    because of problems in the file, 2 when the file cannot be read as an .xlsx workbook.
    """
    import json
    from pathlib import Path

    from models import plan_import
    from models.plans import list_categories
    from models.text import nfc

    def refuse(message: str, status: int = 2) -> int:
        if args.json:
            print(json.dumps({"ok": False, "imported": False, "error": message}, ensure_ascii=False))
        print(f"Lỗi: {message}", file=sys.stderr)
        return status

    code = nfc(args.plan_code)
    if not code or len(code) > 60:
        return refuse(t("import.error.plan_code"))
    try:
        data = Path(args.file).read_bytes()
    except OSError as failed:
        return refuse(f"không đọc được tệp «{args.file}»: {failed.strerror or failed}.")
    try:
        rows = plan_import.read_appendix(data, filename=Path(args.file).name)
    except DomainError as refused:
        return refuse(refused.message("vi"))
    upgrade_database(settings.database_url)
    engine = make_engine(settings.database_url)
    result = None
    failure = ""
    try:
        with open_session(engine) as session:
            preview = plan_import.preview_import(
                session=session,
                rows=rows,
                plan_code=code,
                today=clock.today(settings),
                create_agencies=args.create_agencies,
            )
            names = {c.code: c.name_vi for c in list_categories(session=session)}
            if preview.ok and not args.dry_run:
                try:
                    result = plan_import.apply_import(
                        session=session,
                        actor=SYSTEM,
                        now=clock.now(settings),
                        preview=preview,
                        plan_code=code,
                        plan_title=args.plan_title or "",
                        create_agencies=args.create_agencies,
                    )
                except DomainError as refused:
                    failure = refused.message("vi")
    finally:
        engine.dispose()
    if args.json:
        summary = preview.summary("vi")
        summary.update(
            plan_code=code,
            dry_run=args.dry_run,
            imported=result is not None,
            created=result.created if result else 0,
            updated=result.updated if result else 0,
            cancelled=result.cancelled if result else 0,
            agencies_created=result.agencies_created if result else 0,
        )
        if failure:
            summary["error"] = failure
        print(json.dumps(summary, ensure_ascii=False))
    else:
        print(f"Tệp {args.file} — kế hoạch {code}")
        for line in _import_counts_lines(preview, names):
            print(line)
    if result is not None:
        if not args.json:
            print(
                t(
                    "import.done",
                    code=result.plan.code,
                    created=result.created,
                    updated=result.updated,
                    cancelled=result.cancelled,
                    agencies=result.agencies_created,
                )
            )
        return 0
    if failure:
        print(f"Lỗi: {failure}", file=sys.stderr)
        return 1
    if not preview.ok:
        print(t("import.refused", n=len(preview.problems)), file=sys.stderr)
        return 1
    if not args.json:
        print("Chạy thử (--dry-run): không có lỗi, chưa ghi gì vào cơ sở dữ liệu.")
    return 0


def cmd_export_plan(settings: Settings, args: argparse.Namespace) -> int:
    """Write a plan (the newest by default) in the layout of its appendix, ready to be imported again."""
    from dashapp.plan_workbook import plan_workbook
    from models.plan_export import plan_sections

    upgrade_database(settings.database_url)
    engine = make_engine(settings.database_url)
    try:
        with open_session(engine) as session:
            plan = _plan_for(session, args.plan)
            if plan is None:
                return _no_plan(args.plan)
            sections = plan_sections(session=session, plan_id=plan.id)
            data = plan_workbook(plan=plan, sections=sections, lang=args.lang)
            code = plan.code
    finally:
        engine.dispose()
    if not _write_file(args.file, data):
        return 2
    tasks = sum(len(items) for _category, items in sections)
    print(f"Đã xuất {tasks} nhiệm vụ ({len(sections)} lĩnh vực) của kế hoạch {code} theo mẫu phụ lục ra {args.file}")
    return 0


def cmd_plan_template(_settings: Settings, args: argparse.Namespace) -> int:
    """Write the empty appendix template (header, one example task, a guide sheet)."""
    from dashapp.plan_workbook import template_workbook

    if not _write_file(args.file, template_workbook(lang=args.lang)):
        return 2
    print(f"Đã ghi tệp mẫu phụ lục kế hoạch ra {args.file}")
    return 0


def _year(value: str) -> int:
    """--year: a four-digit year."""
    return _whole(value, 2000, 2100, "năm phải là số có bốn chữ số, ví dụ 2026")


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
    background = None
    if settings.scheduler_enabled and not args.no_scheduler:
        from dashapp import scheduler
        from dashapp.db import ENGINE_KEY

        background = scheduler.start(settings, app.server.extensions[ENGINE_KEY])
        print("Bộ lập lịch nhắc việc chạy cùng tiến trình này.", flush=True)
    print(f"Theo dõi nhiệm vụ chuyển đổi số: http://{host}:{port}", flush=True)
    try:
        app.run(host=host, port=port, debug=False, threaded=True)
    finally:
        if background is not None:
            background.shutdown(wait=False)
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
    run.add_argument(
        "--no-scheduler", action="store_true", help="không chạy bộ lập lịch nhắc việc trong tiến trình này"
    )
    run.set_defaults(func=cmd_run)
    init = sub.add_parser("init-db", help="tạo hoặc nâng cấp cơ sở dữ liệu lên phiên bản mới nhất")
    init.set_defaults(func=cmd_init_db)
    backup = sub.add_parser(
        "backup", help="sao lưu cơ sở dữ liệu khi ứng dụng đang chạy (SQLite: sao lưu trực tuyến; PostgreSQL: pg_dump)"
    )
    backup.add_argument(
        "--out",
        required=True,
        metavar="PATH",
        help="tệp sao lưu sẽ ghi (ghi đè nếu đã có), hoặc một thư mục: tệp được đặt tên theo thời điểm sao lưu",
    )
    backup.set_defaults(func=cmd_backup)
    seed = sub.add_parser("seed-demo", help="nạp kế hoạch mẫu 109 nhiệm vụ (chạy lại không nhân đôi)")
    seed.add_argument("--if-empty", action="store_true", help="chỉ nạp khi chưa có kế hoạch nào")
    seed.add_argument(
        "--reminder-history",
        action="store_true",
        help=(
            f"cùng kế hoạch mẫu, chạy các lần quét nhắc việc của {REMINDER_HISTORY_DAYS} ngày làm việc trước "
            "như bộ lập lịch đã chạy, để trang Thông báo có dữ liệu trình diễn (make run dùng tùy chọn này)"
        ),
    )
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
    scan = sub.add_parser(
        "scan-overdue", help="quét nhiệm vụ sắp đến hạn, quá hạn và ghi thông báo (chạy lại không nhân đôi)"
    )
    scan.add_argument("--today", type=_day, metavar="YYYY-MM-DD", help="quét như thể hôm nay là ngày này")
    scan.add_argument("--dry-run", action="store_true", help="chỉ in ra những gì sẽ nhắc, không ghi gì")
    scan.set_defaults(func=cmd_scan_overdue)
    send = sub.add_parser("send-notifications", help="gửi các thư điện tử đang chờ trong hàng đợi thông báo")
    send.set_defaults(func=cmd_send_notifications)
    sched = sub.add_parser("scheduler", help="chạy bộ lập lịch (quét nhắc việc hằng ngày, gửi thư) đến khi dừng")
    sched.add_argument("--run-once", action="store_true", help="chạy mỗi việc một lần rồi thoát")
    sched.set_defaults(func=cmd_scheduler)
    export = sub.add_parser("export-tasks", help="xuất toàn bộ nhiệm vụ của một kế hoạch ra tệp Excel (.xlsx)")
    export.add_argument("file", metavar="FILE.xlsx", help="tệp Excel sẽ ghi (ghi đè nếu đã có)")
    export.add_argument("--plan", metavar="CODE", help="số kế hoạch, ví dụ 55/KH-UBND (mặc định: kế hoạch mới nhất)")
    export.add_argument("--lang", choices=["vi", "en"], default="vi", help="ngôn ngữ của tệp (mặc định vi)")
    export.set_defaults(func=cmd_export_tasks)
    report = sub.add_parser("report", help="viết báo cáo 6 tháng hoặc hằng năm về một kế hoạch ra tệp Word (.docx)")
    report.add_argument(
        "--kind", required=True, choices=["semiannual", "annual"], help="semiannual: 6 tháng đầu năm; annual: cả năm"
    )
    report.add_argument("--year", required=True, type=_year, metavar="YYYY", help="năm báo cáo")
    report.add_argument("--out", required=True, metavar="FILE.docx", help="tệp Word sẽ ghi (ghi đè nếu đã có)")
    report.add_argument("--plan", metavar="CODE", help="số kế hoạch, ví dụ 55/KH-UBND (mặc định: kế hoạch mới nhất)")
    report.add_argument("--lang", choices=["vi", "en"], default="vi", help="ngôn ngữ của báo cáo (mặc định vi)")
    report.set_defaults(func=cmd_report)
    plan_in = sub.add_parser(
        "import-plan", help="nhập (hoặc cập nhật) kế hoạch từ phụ lục nhiệm vụ .xlsx: ghi tất cả hoặc không ghi gì"
    )
    plan_in.add_argument("file", metavar="FILE.xlsx", help="tệp phụ lục (.xlsx)")
    plan_in.add_argument("--plan-code", required=True, metavar="CODE", help="số hiệu kế hoạch, ví dụ 55/KH-UBND")
    plan_in.add_argument(
        "--plan-title", metavar="TITLE", help="tên kế hoạch (mặc định: số hiệu; giữ tên cũ khi cập nhật)"
    )
    plan_in.add_argument("--dry-run", action="store_true", help="chỉ đọc và kiểm tra tệp, không ghi gì")
    plan_in.add_argument(
        "--create-agencies", action="store_true", help="tạo mới các cơ quan chưa có trong hệ thống thay vì báo lỗi"
    )
    plan_in.add_argument("--json", action="store_true", help="in kết quả dạng JSON (cho máy đọc)")
    plan_in.set_defaults(func=cmd_import_plan)
    plan_out = sub.add_parser(
        "export-plan", help="xuất một kế hoạch theo mẫu phụ lục nhiệm vụ (.xlsx), có thể nhập lại"
    )
    plan_out.add_argument("file", metavar="FILE.xlsx", help="tệp Excel sẽ ghi (ghi đè nếu đã có)")
    plan_out.add_argument("--plan", metavar="CODE", help="số kế hoạch, ví dụ 55/KH-UBND (mặc định: kế hoạch mới nhất)")
    plan_out.add_argument("--lang", choices=["vi", "en"], default="vi", help="ngôn ngữ của tệp (mặc định vi)")
    plan_out.set_defaults(func=cmd_export_plan)
    template = sub.add_parser("plan-template", help="ghi tệp mẫu phụ lục nhiệm vụ (.xlsx) kèm trang hướng dẫn")
    template.add_argument("file", metavar="FILE.xlsx", help="tệp Excel sẽ ghi (ghi đè nếu đã có)")
    template.add_argument("--lang", choices=["vi", "en"], default="vi", help="ngôn ngữ của tệp (mặc định vi)")
    template.set_defaults(func=cmd_plan_template)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Entry point."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    args = build_parser().parse_args(argv)
    return args.func(Settings.from_env(), args)


if __name__ == "__main__":
    sys.exit(main())
