"""A throwaway PostgreSQL database for benchmarks: `with throwaway_postgres() as url: ...`.

`url` is a SQLAlchemy URL (``postgresql://postgres@127.0.0.1:PORT/NAME``; the tracker's `make_engine`
turns it into psycopg 3) of an empty database that exists only inside the `with` block. Nothing of it
outlives the block, also when the block raises or is interrupted (Ctrl-C); a process killed with
SIGKILL leaves a folder /tmp/tracker-bench-pg.* and a running server, as any program would.

Where the database lives:

* ``BENCH_PG_URL`` set (``postgresql://user@host:port/db``, trust or password in the URL): a server that
  already runs. By default a fresh database ``bench_<random>`` is created on it (through a connection
  to the URL's own database) and dropped at exit (``DROP DATABASE … WITH (FORCE)``, so a straggling
  connection cannot keep it alive). With ``BENCH_PG_ISOLATION=schema`` nothing is created on the
  server: a fresh schema ``bench_<random>`` is made inside the URL's database and the URL handed out
  carries ``options=-csearch_path=bench_<random>`` (so every table, Alembic's included, goes there); the
  schema is dropped with CASCADE at exit. Use that mode on a shared server where you may use one
  database only.
* otherwise: a private cluster, started the way ``.ci/run`` starts CI's: Debian's ``postgresql`` is
  installed with apt-get when no ``/usr/lib/postgresql/*/bin/initdb`` exists (as root, or through
  sudo); a temporary folder owned by ``postgres``; ``initdb -A trust -U postgres`` run as ``postgres``
  (``runuser`` when root, ``sudo -u postgres`` otherwise); ``pg_ctl start`` on a free port (never
  5432, so a server there is left alone), listening on 127.0.0.1 only, its socket in the temporary
  folder, with ``max_connections`` as asked; ``createdb``. At exit: ``pg_ctl stop -m fast`` and the
  folder is deleted.

Only the standard library and psycopg 3 (already a dependency of the tracker) are used. Progress
goes to stderr unless `say=` gives another function.

    from bench.pg import throwaway_postgres   # or: sys.path.insert(0, "bench"); from pg import ...
    with throwaway_postgres(max_connections=300) as url:
        subprocess.run([python, "-m", "dashapp", "init-db"], env={**os.environ, "DATABASE_URL": url})
"""

from __future__ import annotations

import glob
import os
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

DEFAULT_PORT_AVOID = frozenset({5432})
PG_GLOB = "/usr/lib/postgresql/*/bin/initdb"


def log(message: str) -> None:
    """The default progress printer: one line on stderr."""
    print(f"[pg {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- helpers shared by both modes --------------------------------------------------------------------


def _psycopg_conninfo(url: str) -> str:
    """A libpq URI psycopg accepts, from a SQLAlchemy-style URL (drops a ``+driver`` suffix)."""
    parts = urlsplit(url)
    scheme = parts.scheme.split("+", 1)[0]
    if scheme == "postgres":
        scheme = "postgresql"
    if scheme != "postgresql":
        raise ValueError(f"not a PostgreSQL URL: {url!r}")
    return urlunsplit((scheme, parts.netloc, parts.path, parts.query, parts.fragment))


def _with_database(url: str, name: str) -> str:
    """`url` pointing at database `name` (same server, user, password and options)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/" + quote(name), parts.query, parts.fragment))


def _with_search_path(url: str, schema: str) -> str:
    """`url` with ``options=-csearch_path=<schema>`` added (other query parameters kept)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "options"]
    query.append(("options", f"-csearch_path={schema}"))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), parts.fragment))


def _random_name(prefix: str) -> str:
    safe = "".join(c if c.isalnum() or c == "_" else "_" for c in prefix.lower()) or "bench"
    return f"{safe}_{secrets.token_hex(5)}"


def free_port(avoid: frozenset[int] = DEFAULT_PORT_AVOID) -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now (never one of `avoid`)."""
    while True:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        if port not in avoid:
            return port


def _autocommit(conninfo: str):
    import psycopg

    return psycopg.connect(conninfo, autocommit=True, connect_timeout=10)


# --- mode 1: a server given by BENCH_PG_URL -----------------------------------------------------------


@contextmanager
def _on_existing_server(base_url: str, prefix: str, isolation: str, say: Callable[[str], None]) -> Iterator[str]:
    name = _random_name(prefix)
    conninfo = _psycopg_conninfo(base_url)
    where = f"{urlsplit(base_url).hostname}:{urlsplit(base_url).port or 5432}"
    if isolation not in ("schema", "database"):
        raise ValueError(f"BENCH_PG_ISOLATION must be 'database' or 'schema', not {isolation!r}")
    if isolation == "schema":
        kind, create, drop, url_of = (
            "schema",
            'CREATE SCHEMA "{}"',
            'DROP SCHEMA IF EXISTS "{}" CASCADE',
            _with_search_path,
        )
        place = f"in database {urlsplit(base_url).path.lstrip('/')} on {where}"
    else:
        kind, create, drop, url_of = (
            "database",
            'CREATE DATABASE "{}"',
            'DROP DATABASE IF EXISTS "{}" WITH (FORCE)',
            _with_database,
        )
        place = f"on {where}"
    with _autocommit(conninfo) as connection:
        connection.execute(create.format(name))
    say(f"{kind} {name} created {place}")
    try:
        yield url_of(base_url, name)
    finally:
        try:
            with _autocommit(conninfo) as connection:
                connection.execute(drop.format(name))
            say(f"{kind} {name} dropped")
        except Exception as failed:  # say it, but do not hide the block's own exception
            say(f"could not drop {kind} {name}: {failed}")


# --- mode 2: a private cluster, as .ci/run starts CI's --------------------------------------------------


def _sudo() -> list[str]:
    return [] if os.geteuid() == 0 else ["sudo"]


def _as_postgres(command: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return ["sudo", "-u", "postgres", *command]


def _run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    kwargs.setdefault("check", True)
    kwargs.setdefault("stdout", subprocess.DEVNULL)
    return subprocess.run(command, **kwargs)


def pg_bin(say: Callable[[str], None] = log) -> Path:
    """The newest PostgreSQL bin folder, installing Debian's `postgresql` package first when none is there."""
    if not glob.glob(PG_GLOB):
        say("no PostgreSQL server binaries: installing Debian's postgresql package")
        quiet = ["env", "DEBIAN_FRONTEND=noninteractive"]  # survives sudo, which resets the environment
        _run([*_sudo(), *quiet, "apt-get", "update", "-qq"])
        _run([*_sudo(), *quiet, "apt-get", "install", "-y", "-qq", "postgresql"])

    def version(initdb: str) -> list[int]:
        return [int(x) if x.isdigit() else 0 for x in Path(initdb).parent.parent.name.split(".")]

    found = sorted(glob.glob(PG_GLOB), key=version)
    if not found:
        raise RuntimeError("PostgreSQL is not installed and could not be installed")
    return Path(found[-1]).parent


@contextmanager
def _private_cluster(
    prefix: str, max_connections: int, settings: dict[str, str], say: Callable[[str], None]
) -> Iterator[str]:
    binaries = pg_bin(say)
    folder = Path(tempfile.mkdtemp(prefix="tracker-bench-pg."))
    data, logfile = folder / "data", folder / "log"
    started = False
    try:
        _run([*_sudo(), "chown", "postgres", str(folder)])
        _run(_as_postgres([str(binaries / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres"]), cwd=folder)
        port = free_port()
        options = [
            f"-p {port}",
            f"-k {folder}",
            "-c listen_addresses=127.0.0.1",
            f"-c max_connections={max_connections}",
        ]
        options += [f"-c {key}={value}" for key, value in settings.items()]
        started = True  # from here on, stop it at exit (harmless when it did not start)
        # Own session: a Ctrl-C in the terminal does not reach the server before we stop it ourselves.
        start = [str(binaries / "pg_ctl"), "-D", str(data), "-o", " ".join(options), "-l", str(logfile), "-w", "start"]
        try:
            _run(_as_postgres(start), cwd=folder, start_new_session=True)
        except subprocess.CalledProcessError:
            tail = logfile.read_text(errors="replace")[-2000:] if logfile.exists() else "(no log)"
            say(f"pg_ctl start failed; server log:\n{tail}")
            raise
        name = _random_name(prefix)
        _run([str(binaries / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", name])
        say(f"private PostgreSQL {binaries.parent.name} on 127.0.0.1:{port}, database {name}")
        yield f"postgresql://postgres@127.0.0.1:{port}/{name}"
    finally:
        if started:
            subprocess.run(
                _as_postgres([str(binaries / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]),
                cwd="/",
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
            )
            say("private PostgreSQL stopped")
        if os.geteuid() == 0:
            shutil.rmtree(folder, ignore_errors=True)
        else:
            subprocess.run(["sudo", "rm", "-rf", str(folder)], check=False)


# --- the entry point -------------------------------------------------------------------------------------


@contextmanager
def throwaway_postgres(
    *,
    prefix: str = "bench",
    max_connections: int = 300,
    settings: dict[str, str] | None = None,
    env: dict[str, str] | None = None,
    say: Callable[[str], None] | None = None,
) -> Iterator[str]:
    """Yield the SQLAlchemy URL of an empty PostgreSQL database that is removed at exit (see the module doc).

    prefix:          the database's (or schema's) name starts with it: ``<prefix>_<10 hex digits>``.
    max_connections: the private cluster's limit (a server given by BENCH_PG_URL keeps its own).
    settings:        extra ``-c key=value`` server settings for the private cluster.
    env:             where BENCH_PG_URL / BENCH_PG_ISOLATION are read (os.environ by default).
    say:             where progress lines go (`log`, i.e. stderr, by default).
    """
    env = os.environ if env is None else env
    say = say or log
    base = (env.get("BENCH_PG_URL") or "").strip()
    if base:
        isolation = (env.get("BENCH_PG_ISOLATION") or "database").strip().lower()
        with _on_existing_server(base, prefix, isolation, say) as url:
            yield url
    else:
        with _private_cluster(prefix, max_connections, dict(settings or {}), say) as url:
            yield url


def describe(url: str) -> str:
    """The URL without a password, for reports."""
    parts = urlsplit(url)
    netloc = parts.netloc
    if "@" in netloc:
        user, host = netloc.rsplit("@", 1)
        netloc = f"{user.split(':', 1)[0]}@{host}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


if __name__ == "__main__":  # a smoke test: start, connect, stop
    import psycopg

    with throwaway_postgres() as url:
        with psycopg.connect(_psycopg_conninfo(url)) as connection:
            row = connection.execute("select current_database(), current_schemas(false), version()").fetchone()
        print(describe(url), row)
