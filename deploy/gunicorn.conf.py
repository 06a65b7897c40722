"""gunicorn settings for the tracker: `gunicorn -c deploy/gunicorn.conf.py 'dashapp.wsgi:server'`.

Every value can be changed from the environment (the systemd unit reads /etc/dx-tracker/env), so this
file is the same on every host. See docs/DEPLOYMENT.md.

    GUNICORN_BIND          where to listen (default HOST:PORT, i.e. 127.0.0.1:8050; "unix:/run/dx-tracker/web.sock")
    WEB_CONCURRENCY        worker processes (default 3)
    GUNICORN_THREADS       threads per worker (default 4)
    GUNICORN_TIMEOUT       seconds a request may take before its worker is killed and replaced (default 60)
    GUNICORN_MAX_REQUESTS  requests after which a worker is replaced (default 1000, 0 = never)
    LOG_LEVEL              level of the application's own log lines (default info)
    GUNICORN_CONTROL_SOCKET  path of gunicorn's control socket for `gunicornc` (default: none)

The application settings (DATABASE_URL, SECRET_KEY, ...) are read by the app itself, in each worker.
"""

from __future__ import annotations

import os
import threading


def _int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


wsgi_app = "dashapp.wsgi:server"  # the default when the command line names no application

bind = [os.environ.get("GUNICORN_BIND") or f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8050')}"]

# Several processes, each with a few threads: a slow request (an Excel export, a Word report, a plan
# import) holds one thread, not the site. The threads of a worker share its database pool. Roughly
# 2-4 workers per CPU core; every worker holds the whole app in memory (about 150-250 MB).
workers = _int("WEB_CONCURRENCY", 3)
worker_class = "gthread"
threads = _int("GUNICORN_THREADS", 4)

# A request taking longer than this is stuck: its worker is killed and a fresh one started. Reports
# and imports of a 5,000-row plan take a few seconds, far below it.
timeout = _int("GUNICORN_TIMEOUT", 60)
# On SIGTERM/SIGHUP a worker finishes the requests it is serving for at most this long.
graceful_timeout = 30
# Idle keep-alive connections from the reverse proxy (nginx's upstream keepalive) are kept this long.
keepalive = 5

# Replace each worker after about this many requests (the jitter staggers them so that the workers
# are not all replaced at once): any slow growth of memory stays bounded.
max_requests = _int("GUNICORN_MAX_REQUESTS", 1000)
max_requests_jitter = max(max_requests // 10, 0)

# NOT preloaded, on purpose. Each worker imports dashapp.wsgi after the fork, so each builds its own
# app: its own database engine and connection pool (a pool created in the master and inherited by
# forked workers would share the same PostgreSQL sockets between processes and corrupt them), and it
# renders the Dash index once at start-up, which registers every JavaScript bundle path in that very
# process before it serves a request (without it a fresh worker answered 500 for bundles; see
# ../shared/TECH-NOTES.md). It also means `systemctl reload` (SIGHUP) loads new code after an upgrade.
# Nothing here starts the reminder scheduler: it runs in its own process (`python -m dashapp
# scheduler`, deploy/tracker-scheduler.service), never in the web workers.
preload_app = False

# The control socket (gunicorn >= 25.1) would default to ~/.gunicorn/gunicorn.ctl, shared by every
# gunicorn of the same user; it is off unless a path is given.
_control_socket = os.environ.get("GUNICORN_CONTROL_SOCKET", "").strip()
if _control_socket:
    control_socket = _control_socket
else:
    control_socket_disable = True

# Requests to stdout, everything else (gunicorn's messages and the application's log lines, such as
# sign-ins and errors) to stderr; under systemd both go to the journal.
accesslog = "-"
errorlog = "-"
# The client address as the proxy saw it (X-Forwarded-For) next to the proxy's own.
access_log_format = '%(h)s %({x-forwarded-for}i)s %(u)s %(t)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'
_level = os.environ.get("LOG_LEVEL", "info").upper()
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "root": {"level": _level, "handlers": ["stderr"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": [], "propagate": True},
        "gunicorn.access": {"level": "INFO", "handlers": ["access"], "propagate": False},
        "alembic": {"level": "WARNING"},  # dashapp.db imports it; its plugin set-up is noise in every worker
    },
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "generic", "stream": "ext://sys.stderr"},
        "access": {"class": "logging.StreamHandler", "formatter": "access", "stream": "ext://sys.stdout"},
    },
    "formatters": {
        "generic": {
            "format": "%(asctime)s [%(process)d] [%(levelname)s] %(name)s: %(message)s",
            "datefmt": "[%Y-%m-%d %H:%M:%S %z]",
        },
        "access": {"format": "[%(process)d] %(message)s"},  # which worker answered
    },
}

proc_name = "dx-tracker-web"


def post_worker_init(worker) -> None:
    """Log that a worker has built the app, with the threads it holds (a scheduler thread is a mistake)."""
    names = sorted(thread.name for thread in threading.enumerate())
    worker.log.info("worker %s ready: app loaded, threads: %s", worker.pid, ", ".join(names))
    if any(name.startswith("APScheduler") for name in names):
        worker.log.error(
            "a reminder scheduler is running inside web worker %s: run it only as `python -m dashapp scheduler`",
            worker.pid,
        )
