"""Production deployment: a cold start of gunicorn with deploy/gunicorn.conf.py and three gthread workers.

A real gunicorn on a free port, on a freshly migrated and seeded SQLite file. Right after the first
/health answer, sign in and fetch every script and stylesheet the pages link to, many times over and
concurrently on fresh connections, so that workers still booting get bundle requests among their very
first ones (a fresh worker once answered 500 for Dash bundles; see ../shared/TECH-NOTES.md).

The reminder scheduler must not run inside web workers. SCHEDULER_ENABLED is deliberately left at its
default (on), the riskiest setting, and REMINDER_TIME is 00:00 on a working day: a scheduler started in
a worker would log its jobs and run the day's catch-up scan at once.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

import pytest
import requests

from dashapp.cli import build_parser, cmd_seed_demo
from dashapp.settings import PROJECT_ROOT, Settings
from models.tables import JobRun, Task
from tests.cli import row_count
from tests.conftest import TODAY
from tests.web import DEMO_PASSWORD

CONF = PROJECT_ROOT / "deploy" / "gunicorn.conf.py"
WORKERS = 3
FETCHERS = 8  # concurrent clients
START_DEADLINE = 90  # seconds gunicorn may take to answer /health or to boot every worker (a slow shared machine)
READY = re.compile(r"worker (\d+) ready: app loaded, threads: (.*)$", re.M)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Links(HTMLParser):
    """Every <script src> and <link href> of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "script" and values.get("src"):
            self.scripts.append(values["src"])
        elif tag == "link" and values.get("href"):
            self.links.append(values["href"])


def links_of(page: str) -> Links:
    parser = Links()
    parser.feed(page)
    return parser


@pytest.fixture
def env(tmp_path) -> dict[str, str]:
    """The environment of a production install: a migrated and seeded database, a fixed secret key."""
    db_url = f"sqlite:///{tmp_path / 'tracker.db'}"
    values = {
        **os.environ,
        "DATABASE_URL": db_url,
        "TRACKER_INSTANCE_PATH": str(tmp_path / "instance"),
        "SECRET_KEY": "deploy-test-secret",
        "TRACKER_TODAY": TODAY.isoformat(),  # a Tuesday, a working day
        "REMINDER_TIME": "00:00",  # any scheduler would find the day's scan due at once
    }
    values.pop("SCHEDULER_ENABLED", None)  # the default: the web workers must not schedule even so
    for name in ("APP_BASE_URL", "TRUSTED_PROXIES", "GUNICORN_CMD_ARGS", "GUNICORN_THREADS", "LOG_LEVEL"):
        values.pop(name, None)  # a developer's own settings must not change what is tested
    # seed-demo migrates first, as init-db does
    assert cmd_seed_demo(Settings.from_env(values), build_parser().parse_args(["seed-demo"])) == 0
    return values


def wait_for_health(process: subprocess.Popen, client: requests.Session, base: str, log: Path) -> None:
    """Until the first worker answers /health (connections wait in the listen queue while workers boot)."""
    deadline = time.monotonic() + START_DEADLINE
    while time.monotonic() < deadline:
        assert process.poll() is None, f"gunicorn stopped:\n{log.read_text()}"
        try:
            if client.get(f"{base}/health", timeout=START_DEADLINE).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.05)
    pytest.fail(f"gunicorn did not answer /health:\n{log.read_text()}")


def wait_for_workers(log: Path) -> list[tuple[str, str]]:
    """(pid, threads) of every worker once all have loaded the app (from the post_worker_init line)."""
    deadline = time.monotonic() + START_DEADLINE
    while time.monotonic() < deadline:
        ready = READY.findall(log.read_text())
        if len(ready) >= WORKERS:
            return ready
        time.sleep(0.1)
    pytest.fail(f"not every worker loaded the app:\n{log.read_text()}")


def fetch_all(urls: list[str], cookies: dict[str, str], referer: str) -> list[tuple[str, str, int, int, str]]:
    """Every URL by every fetcher, each on a new connection (so any worker may take it), half of them gzip.

    Like a browser loading the page: with its cookies and the page as Referer.
    """
    jobs = [(url, ("identity", "gzip")[n % 2]) for n in range(FETCHERS) for url in urls]

    def get(job):
        url, encoding = job
        headers = {"Accept-Encoding": encoding, "Connection": "close", "Referer": referer}
        response = requests.get(url, cookies=cookies, headers=headers, timeout=60)
        return url, encoding, response.status_code, len(response.content), response.headers.get("Content-Type", "")

    with ThreadPoolExecutor(max_workers=FETCHERS) as pool:
        return list(pool.map(get, jobs))


def served_by(log: Path, paths: set[str]) -> set[str]:
    """The pids of the workers whose access-log lines show one of these paths answered."""
    pids = set()
    for line in log.read_text().splitlines():
        match = re.match(r"\[(\d+)\] .*\"GET (\S+) HTTP", line)
        if match and match.group(2) in paths:
            pids.add(match.group(1))
    return pids


def test_cold_start_with_three_workers_serves_every_bundle_and_runs_no_scheduler(env, tmp_path):
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp_path / "gunicorn.log"
    # No worker is replaced after N requests here, so the workers that booted are the ones that answer.
    gunicorn_env = {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": str(WORKERS),
        "GUNICORN_MAX_REQUESTS": "0",
    }
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", str(CONF), "dashapp.wsgi:server"],
            env=gunicorn_env,
            cwd=PROJECT_ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        # One keep-alive connection, so one worker, for the health check, the sign-in and the pages: the
        # other workers' first requests are then the concurrent bundle requests below, the case that broke.
        client = requests.Session()
        wait_for_health(process, client, base, log)
        login_page = client.get(f"{base}/login", timeout=30)
        token = re.search(r'name="csrf_token" value="([^"]+)"', login_page.text).group(1)
        signed_in = client.post(
            f"{base}/login",
            data={"username": "soyte", "password": DEMO_PASSWORD, "csrf_token": token, "next": "/"},
            allow_redirects=False,
            timeout=30,
        )
        assert signed_in.status_code == 302, signed_in.text[:500]
        cookies = client.cookies.get_dict()

        urls: set[str] = set()
        for page in ("/", "/tasks", "/login"):
            response = client.get(f"{base}{page}", timeout=30)
            assert response.status_code == 200, (page, response.text[:500])
            found = links_of(response.text)
            urls.update(urljoin(f"{base}{page}", src) for src in found.scripts + found.links)
        scripts = {url for url in urls if "/_dash-component-suites/" in url}
        assert len(scripts) >= 5, sorted(urls)  # the Dash renderer, React, dcc, dbc, AG Grid on /tasks...
        assert any("dash_ag_grid" in url for url in scripts), sorted(scripts)
        assert any(url.endswith(".css") or ".css?" in url for url in urls), sorted(urls)

        for wave in ("cold", "every worker up"):  # at once; then again once every worker has loaded the app
            if wave != "cold":
                ready = wait_for_workers(log)
            answers = fetch_all(sorted(urls), cookies, f"{base}/")
            failures = [a for a in answers if a[2] != 200 or a[3] == 0]
            assert not failures, f"{wave}: {len(failures)} failed, e.g. {failures[:5]}\n{log.read_text()[-3000:]}"
            wrong_type = [
                a
                for a in answers
                if (".js" in a[0] and "javascript" not in a[4]) or (".css" in a[0] and "text/css" not in a[4])
            ]
            assert not wrong_type, wrong_type[:10]

        # Keep fetching until every worker has served bundles itself (each round is all of them again).
        paths = {url.removeprefix(base) for url in scripts}
        for _ in range(20):
            if len(served_by(log, paths)) >= WORKERS:
                break
            again = fetch_all(sorted(scripts), cookies, f"{base}/")
            assert all(a[2] == 200 and a[3] > 0 for a in again), [a for a in again if a[2] != 200][:10]
        assert served_by(log, paths) == {pid for pid, _threads in ready}, log.read_text()[-3000:]

        # The layout and the callback map, signed in, from the page the browser is on.
        for path in ("/_dash-layout", "/_dash-dependencies"):
            response = client.get(f"{base}{path}", headers={"Referer": f"{base}/"}, timeout=30)
            assert response.status_code == 200, (path, response.text[:500])
            assert response.json(), path
        layout = client.get(f"{base}/_dash-layout", headers={"Referer": f"{base}/"}, timeout=30).text
        assert '"id":"board"' in layout and '"id":"board-data"' in layout  # the board arrives with the layout
        assert requests.get(f"{base}/_dash-layout", timeout=30).status_code == 401  # still guarded

        # No scheduler in any worker: no scheduler thread once the app is loaded, no scheduler log line,
        # and no scan written (one would have run at once). The sign-in line shows that the app's own
        # INFO lines do reach this log, so a scheduler's start-up lines would be there.
        text = log.read_text()
        assert all("APScheduler" not in threads for _pid, threads in ready), ready
        assert "dashapp.auth: user soyte signed in" in text
        assert "tracker.scheduler" not in text and "apscheduler" not in text.lower(), text
        assert "a reminder scheduler is running inside web worker" not in text
        assert row_count(env["DATABASE_URL"], JobRun) == 0
        assert row_count(env["DATABASE_URL"], Task) == 109
        assert not re.search(r'HTTP/1\.1" 5\d\d ', text), text
    finally:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    assert process.returncode == 0, log.read_text()[-3000:]
    assert "Shutting down: Master" in log.read_text()


def test_gunicorn_settings_are_read_from_the_environment(tmp_path):
    """--print-config shows what deploy/gunicorn.conf.py sets, with and without the environment."""

    def config(**extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("GUNICORN_", "WEB_CONCURRENCY"))}
        env.update({"PORT": "8050", "HOST": "127.0.0.1", **extra})
        done = subprocess.run(
            [sys.executable, "-m", "gunicorn", "-c", str(CONF), "--print-config", "dashapp.wsgi:server"],
            env=env,
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        return dict(
            (name.strip(), value.strip())
            for name, _, value in (line.partition("=") for line in done.stdout.splitlines())
            if value
        )

    default = config()
    assert default["bind"] == "['127.0.0.1:8050']"
    assert default["workers"] == "3" and default["threads"] == "4" and default["worker_class"] == "gthread"
    assert default["preload_app"] == "False"
    assert int(default["max_requests"]) > 0 and int(default["max_requests_jitter"]) > 0
    assert int(default["timeout"]) >= 30 and int(default["graceful_timeout"]) > 0
    assert default["accesslog"] == "-"
    assert default["control_socket_disable"] == "True"

    tuned = config(GUNICORN_BIND="unix:/run/dx-tracker/web.sock", WEB_CONCURRENCY="5", GUNICORN_THREADS="8")
    assert tuned["bind"] == "['unix:/run/dx-tracker/web.sock']"
    assert tuned["workers"] == "5" and tuned["threads"] == "8"


def environment_names(path: Path) -> set[str]:
    """The environment variables a Python file reads (env.get / os.environ.get / _int of a quoted NAME)."""
    return set(re.findall(r'(?:env|environ|_int)(?:\.get)?\(\s*"([A-Z][A-Z0-9_]+)"', path.read_text()))


def test_every_setting_is_documented_and_the_example_env_names_only_real_ones():
    app_names = environment_names(PROJECT_ROOT / "dashapp" / "settings.py")
    gunicorn_names = environment_names(CONF)
    assert {"DATABASE_URL", "SECRET_KEY", "TRUSTED_PROXIES", "SCHEDULER_ENABLED"} <= app_names
    assert {"GUNICORN_BIND", "WEB_CONCURRENCY", "GUNICORN_THREADS"} <= gunicorn_names
    guide = (PROJECT_ROOT / "docs" / "DEPLOYMENT.md").read_text()
    undocumented = sorted(name for name in app_names | gunicorn_names if f"`{name}`" not in guide)
    assert not undocumented, f"add these to the settings table of docs/DEPLOYMENT.md: {undocumented}"

    example = (PROJECT_ROOT / "deploy" / "env.example").read_text()
    named = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", example, re.M))
    gunicorn_own = {"FORWARDED_ALLOW_IPS"}  # read by gunicorn itself
    assert not named - app_names - gunicorn_names - gunicorn_own, named - app_names - gunicorn_names
    assert re.search(r"^SCHEDULER_ENABLED=0$", example, re.M)


def test_the_units_and_the_procfile_run_the_documented_commands():
    deploy = PROJECT_ROOT / "deploy"
    web = (deploy / "tracker-web.service").read_text()
    scheduler = (deploy / "tracker-scheduler.service").read_text()
    backup = (deploy / "tracker-backup.service").read_text()
    procfile = dict(
        line.split(":", 1) for line in (deploy / "Procfile").read_text().splitlines() if re.match(r"^\w+:", line)
    )
    assert set(procfile) == {"web", "scheduler"}  # one scheduler, no release step that would stop the others
    assert procfile["web"].split() == ["gunicorn", "-c", "deploy/gunicorn.conf.py", "dashapp.wsgi:server"]
    assert "ExecStart=/opt/dx-tracker/.venv/bin/gunicorn -c deploy/gunicorn.conf.py dashapp.wsgi:server" in web
    assert procfile["scheduler"].split() == ["python", "-m", "dashapp", "scheduler"]
    assert "ExecStart=/opt/dx-tracker/.venv/bin/python -m dashapp scheduler\n" in scheduler
    assert "-m dashapp backup --out /var/backups/dx-tracker" in backup
    for unit in (web, scheduler, backup):
        for line in ("EnvironmentFile=/etc/dx-tracker/env", "User=dx-tracker", "NoNewPrivileges=yes"):
            assert line + "\n" in unit, line
        assert "ProtectSystem=strict" in unit
    for unit in (web, scheduler):
        assert "Restart=on-failure" in unit
    # the commands exist
    parser = build_parser()
    assert parser.parse_args(["scheduler"]).func.__name__ == "cmd_scheduler"
    assert parser.parse_args(["backup", "--out", "/tmp/x"]).func.__name__ == "cmd_backup"
