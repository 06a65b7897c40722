#!/usr/bin/env python3
"""Load test on loopback: gunicorn (gthread) on PostgreSQL, the separate scheduler, U simulated users.

`make bench-load` (or `.venv/bin/python bench/load_test.py [--users 50 --seconds 60 --workers 3
--threads 4 --tasks 1000]`). Self-contained; every process it starts is stopped by its own handle at
the end, also on Ctrl-C, SIGTERM or an exception.

1. Database: `bench/pg.py` `throwaway_postgres()` (a private PostgreSQL cluster on a free port, or a
   fresh database on the server of BENCH_PG_URL; see that module). Migrated and seeded with the
   project's CLI: `python -m dashapp init-db`, `seed-demo` (--tasks 109, the sample plan) or
   `seed-demo --synthetic N` (any other N), and `create-user` for the extra agency officers
   (password on stdin). Everything runs with TRACKER_TODAY pinned to a working day.
2. Servers: `gunicorn 'dashapp.wsgi:server' -w W -k gthread --threads T --keep-alive K` with
   SCHEDULER_ENABLED=0 (K = 5 s by default, deploy/gunicorn.conf.py's value: with gunicorn's own 2 s, a
   client sending its next request on a connection idle for just over 2 s meets the server closing it
   and gets "connection reset"), and `python -m dashapp scheduler` beside it, started when the load
   starts, with REMINDER_TIME=00:00 (so its catch-up of the day's reminder scan runs during the load)
   and SMTP pointed at an SMTP sink (aiosmtpd, in this process) that counts the e-mails; its
   every-minute sender runs too.
3. Users: one thread and one `requests.Session` each, a mix of the demo accounts: coordinators
   (`sotttt`), agency officers (`soyte` and one `create-user` officer for each of the next agencies
   with most open tasks) and viewers (`bcd`). Each signs in through the login form (its CSRF token),
   loads the board, then loops until the time is up over weighted actions with 0.2–1 s of thinking:
     board load     GET /?filters, GET /_dash-dependencies, GET /_dash-layout (Referer = the page: the
                    board's first data arrives inside the layout, as in the browser);
     filter change  the board callback with one control changed (search, category, agency, deadline
                    state, "my agency", grouping, reset);
     live refresh   every BOARD_REFRESH_SECONDS on the board: the tick callback (204 when nothing
                    changed), then the board callback when it reports a change;
     move           the board's move callback with the payload board.js posts, {id, to, v, ts}, v being
                    the version the user's board showed: the card's first menu step (a coordinator
                    returns or confirms a submitted task), or a drag to any other column (may be
                    illegal, not permitted, or a coordinator's two-step in-progress→done);
                    deliberate conflicts: "races" (2–4 users send the same move from the same version
                    at the same instant, on a small set of hot tasks), and "stale tabs" (a move from
                    a board snapshot the user knows is out of date: it must be refused);
     progress       open /task/<id> (page + layout: the version), think, post the progress form
                    (percentage, a unique note, sometimes an evidence link), then the refresh callback
                    the page fires; then back to the board;
     task view      (viewers) open a task page.
   Every request is recorded: kind, HTTP status, latency, outcome. Moves and progress reports are
   ACCEPTED (the success message) or REFUSED, by reason read from the message (the catalogue's
   text): stale version, not permitted, illegal transition, task closed. An ERROR is an HTTP status
   >= 400, a connection error or timeout, a 200 whose body has not the expected shape, or the
   "unexpected error" message.
4. No lost update: after the load the database is read directly. Per task, the accepted operations,
   ordered by version (each accepted write was based on version v and leaves v+1, v+2 for a
   coordinator's in-progress→done), are replayed from the snapshot taken before the load with the
   project's own transition functions (models/workflow.py); the final status, progress, dates and
   version must equal the replay, every task without an accepted operation must be unchanged, no two
   accepted operations may share a base version, and no deliberately stale move may be accepted.
   A change the database has but the log explains only by an operation answered with an error is
   reported as an unacknowledged write (the user was not told), not as lost. The TaskEvent history
   must hold each applied change, in the same order, and the AuditLog one refused row per "not
   permitted" answer.
5. Report: Markdown on stdout and as the "## Load test" section of docs/PERFORMANCE.md (the rest of
   the file is kept; --no-doc leaves it alone); raw JSON in bench/out/load-test.json (--json elsewhere).
   Exit status 1 when errors > 0 or lost updates > 0 (or the audit check fails), 2 when the run could not
   be made, 130 when interrupted.

Development on a shared server: BENCH_PG_URL=postgresql://postgres@127.0.0.1:5432/test3
BENCH_PG_ISOLATION=schema .venv/bin/python bench/load_test.py --users 10 --seconds 15 --no-doc --json /tmp/x.json
(a throwaway schema inside that one database; see bench/pg.py).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections import Counter, defaultdict, deque
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from pg import describe, free_port, throwaway_postgres  # noqa: E402

from dashapp.board_page import filters_from_controls, query_string  # noqa: E402
from i18n import MESSAGES, t  # noqa: E402
from models.deadlines import next_yearly_due  # noqa: E402
from models.workflow import apply_transition, roll_to_next_cycle  # noqa: E402
from tests.web import BOARD_DEFAULTS  # noqa: E402  (the board controls' values, as the tests post them)

TODAY = "2026-06-16"  # a Tuesday, a working day: the scheduler's catch-up scan runs
SECTION = "## Load test"
DOC = ROOT / "docs" / "PERFORMANCE.md"
OUT = ROOT / "bench" / "out" / "load-test.json"
TIMEOUT = 30.0  # seconds a request may take before it counts as an error
REFRESH_SECONDS = 15.0  # BOARD_REFRESH_SECONDS (the app's default)
BOARD_STATUSES = ("not_started", "in_progress", "submitted", "done")
OPEN = ("not_started", "in_progress", "submitted")
LANG = "vi"

SEARCHES = ("so y te", "cong an", "du lieu", "dich vu cong", "chuyen doi so", "ha tang", "1", "12", "tuyen quang", "")
DEADLINE_STATES = ("on_time", "due_soon", "overdue", "done_on_time", "done_late", "ongoing")

# What each role does (relative weights of the next action).
WEIGHTS = {
    "coordinator": {"board": 15, "filter": 25, "move": 40, "progress": 20},
    "agency": {"board": 15, "filter": 25, "move": 35, "progress": 25},
    "viewer": {"board": 35, "filter": 45, "task": 15, "drag": 5},
}
P_RACE = 0.1  # of a writer's moves: start a race on a hot task of its board
P_JOIN = 0.5  # of a writer's moves while a race it may run in waits for participants: join it
P_STALE_TAB = 0.08  # of a writer's moves: from a board snapshot known to be stale
P_DRAG = 0.2  # of the other moves: a drag to any other column instead of the menu's step
P_HOT = 0.4  # prefer a hot task when one is on the board
RACE_WAIT = 1.5  # seconds a race waits for its participants
SENDER_DONE = re.compile(r'Job "deliver the outbox.*executed successfully')

# Problems of the app this test has found and that are not fixed yet: printed with every report, with how
# often this run met them (`signature` is looked for in the web workers' errors). Delete an entry once fixed.
# Problems this test found and that are not fixed yet: {"signature": text in a server log line, "text": ...}.
# (The board read torn by a move committed between its counts and its cards, found here, was fixed in
# models/board.py `_one_snapshot`.)
KNOWN_ISSUES: tuple[dict[str, str], ...] = ()


def log(msg: str) -> None:
    print(f"[load {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# --- messages: what the server said, by the catalogue ---------------------------------------------------


def template_regex(key: str, lang: str = LANG) -> re.Pattern:
    """A regex matching the catalogue message `key` with any parameter values."""
    parts = re.split(r"\{(\w+)\}", MESSAGES[key][lang])
    seen: set[str] = set()
    pattern = ""
    for i, part in enumerate(parts):
        if i % 2 == 0:
            pattern += re.escape(part)
        else:
            pattern += f"(?P<{part}>.*?)" if part not in seen else ".*?"
            seen.add(part)
    return re.compile(f"^{pattern}$", re.S)


REFUSALS = {  # reason → catalogue key of the refusal message
    "stale": "error.conflict",
    "not_permitted": "error.permission_denied",
    "illegal_transition": "error.illegal_transition",
    "closed": "task.error.progress_closed",
    "not_found": "error.not_found",
    "invalid_progress": "error.invalid_progress",
}
UNEXPECTED = template_regex("error.unexpected")
REFUSAL_RES = {reason: template_regex(key) for reason, key in REFUSALS.items()}
MOVED_RE = template_regex("board.moved")
SUBMITTED_INSTEAD_RE = template_regex("board.submitted_instead")
BOARD_REFUSED_RE = template_regex("board.refused")
PROGRESS_SAVED = t("task.progress_saved", LANG)
STATUS_BY_LABEL = {t(f"status.{s}", LANG): s for s in (*BOARD_STATUSES, "cancelled")}


def refusal_reason(message: str) -> str | None:
    """The reason of a refusal message, "unexpected" for the unexpected-error message, None if unknown."""
    if UNEXPECTED.match(message):
        return "unexpected"
    for reason, regex in REFUSAL_RES.items():
        if regex.match(message):
            return reason
    return None


class Shape(Exception):
    """A 200 response whose body is not what the browser expects."""


# --- records --------------------------------------------------------------------------------------------


@dataclass
class Req:
    """One HTTP request."""

    user: int
    kind: str
    t: float  # seconds since the load started
    ms: float
    status: int | None
    outcome: str = "ok"  # ok | nochange | accepted | refused | error
    reason: str = ""
    detail: str = ""
    idle_ms: float | None = None  # since this session's previous response (keep-alive connection idle)


@dataclass
class Action:
    """One user action: its requests' latencies summed (thinking excluded)."""

    user: int
    kind: str
    t: float
    ms: float
    outcome: str = "ok"
    reason: str = ""


@dataclass
class Op:
    """A write a user sent (a move or a progress report) and what the server answered."""

    user: int
    username: str
    role: str
    kind: str  # move | progress
    how: str  # menu | drag | race | stale_tab | form
    task_id: int
    base_version: int
    source: str  # the status the user's page showed at base_version
    target: str = ""
    progress: int | None = None
    note: str = ""
    t: float = 0.0
    outcome: str = ""
    reason: str = ""
    effective: str = ""
    steps: list[str] = field(default_factory=list)
    new_version: int | None = None
    returned_version: int | None = None
    returned_status: str | None = None
    returned_progress: int | None = None
    race: int | None = None


class Log:
    """Everything recorded, shared by the user threads."""

    def __init__(self, t0: float) -> None:
        self.t0 = t0
        self.lock = threading.Lock()
        self.reqs: list[Req] = []
        self.actions: list[Action] = []
        self.ops: list[Op] = []
        self.crashes: list[str] = []

    def now(self) -> float:
        return time.perf_counter() - self.t0

    def add(self, item) -> None:
        with self.lock:
            (self.reqs if isinstance(item, Req) else self.actions if isinstance(item, Action) else self.ops).append(
                item
            )


# --- the Dash protocol ----------------------------------------------------------------------------------


def outputs_of(key: str) -> list[dict] | dict:
    """The `outputs` of a callback request, from the callback's output key (as the renderer sends it)."""
    parts = key.strip(".").split("...") if key.startswith("..") else [key]
    outputs = [dict(zip(("id", "property"), part.split(".", 1), strict=True)) for part in parts]
    return outputs if key.startswith("..") else outputs[0]


@dataclass(frozen=True)
class Callbacks:
    """The callbacks the users post, found in GET /_dash-dependencies."""

    board: dict
    move: dict
    tick: dict
    progress: dict
    task_refresh: dict

    @classmethod
    def from_dependencies(cls, deps: list[dict]) -> Callbacks:
        def first_input(cb: dict) -> str:
            return f"{cb['inputs'][0]['id']}.{cb['inputs'][0]['property']}" if cb.get("inputs") else ""

        def one(test, what: str) -> dict:
            found = [cb for cb in deps if not cb.get("clientside_function") and test(cb)]
            if len(found) != 1:
                raise RuntimeError(f"{len(found)} callbacks look like {what} in /_dash-dependencies")
            return found[0]

        inputs = lambda cb: {f"{i['id']}.{i['property']}" for i in cb.get("inputs", [])}  # noqa: E731
        return cls(
            board=one(lambda cb: cb["output"].startswith("..board-data.data...") and "@" not in cb["output"], "board"),
            move=one(lambda cb: first_input(cb) == "board-move.data", "the move"),
            tick=one(lambda cb: first_input(cb) == "board-tick.n_intervals", "the tick"),
            progress=one(lambda cb: "task-progress-save.n_clicks" in inputs(cb), "the progress report"),
            task_refresh=one(
                lambda cb: first_input(cb) == "task-refresh.data" and "task-version.data" in cb["output"],
                "the task page's refresh",
            ),
        )


def payload(cb: dict, values: dict[str, Any], changed: str) -> dict:
    def filled(deps):
        return [{**d, "value": values.get(f"{d['id']}.{d['property']}")} for d in deps]

    return {
        "output": cb["output"],
        "outputs": outputs_of(cb["output"]),
        "inputs": filled(cb.get("inputs", [])),
        "changedPropIds": [changed],
        "state": filled(cb.get("state", [])),
    }


def find_props(node: Any, component_id: str) -> dict | None:
    """The props of the component with this id in a layout (JSON), or None."""
    stack = [node]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            props = item.get("props")
            if isinstance(props, dict) and props.get("id") == component_id:
                return props
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return None


def alert_of(value: Any) -> tuple[str, bool]:
    """(message, ok) of a components.alert in a callback response."""
    if not isinstance(value, dict) or not isinstance(value.get("props"), dict):
        raise Shape(f"not an alert: {str(value)[:120]}")
    props = value["props"]
    text = props.get("children")
    if not isinstance(text, str):
        raise Shape(f"alert without text: {str(value)[:120]}")
    return text, "alert-success" in str(props.get("className", ""))


# --- shared state of the simulated users ------------------------------------------------------------------


@dataclass
class Account:
    username: str
    password: str
    role: str  # coordinator | agency | viewer
    agency: str | None = None


class Race:
    """Several users sending the same move from the same version at the same instant."""

    def __init__(self, number: int, rec: dict, to: str, size: int, created: float) -> None:
        self.number = number
        self.rec = rec
        self.to = to
        self.size = size
        self.created = created
        self.joined = 1
        self.go = threading.Event()


class Shared:
    """What the users share: the hot tasks, the open race, counters."""

    def __init__(self, hot: set[int], seed: int) -> None:
        self.hot = hot
        self.lock = threading.Lock()
        self.race: Race | None = None
        self.races: list[Race] = []
        self.seq = 0
        self.rnd = random.Random(seed)

    def next_seq(self) -> int:
        with self.lock:
            self.seq += 1
            return self.seq

    def join_race(self, user: SimUser) -> Race | None:
        with self.lock:
            race = self.race
            if race is None or race.go.is_set() or time.perf_counter() - race.created > RACE_WAIT:
                return None
            if user.account.role == "agency" and not (
                race.rec.get("ac") == user.account.agency and race.to in ("in_progress", "submitted")
            ):
                return None
            race.joined += 1
            if race.joined >= race.size:
                race.go.set()
            return race

    def start_race(self, rec: dict, to: str) -> Race | None:
        with self.lock:
            if self.race is not None and not self.race.go.is_set():
                return None
            race = Race(len(self.races) + 1, rec, to, self.rnd.randint(2, 4), time.perf_counter())
            self.race = race
            self.races.append(race)
            return race

    def close_race(self, race: Race) -> None:
        with self.lock:
            race.go.set()
            if self.race is race:
                self.race = None


# --- one simulated user ----------------------------------------------------------------------------------


class SimUser:
    def __init__(self, index: int, account: Account, base: str, cbs: Callbacks, log_: Log, shared: Shared, seed: int):
        self.index = index
        self.account = account
        self.base = base
        self.cbs = cbs
        self.log = log_
        self.shared = shared
        self.rnd = random.Random(seed)
        self.session = requests.Session()
        self.filters = dict(BOARD_DEFAULTS)
        if account.role == "agency" and self.rnd.random() < 0.5:
            self.filters["f-mine.value"] = True
        self.view: dict[int, dict] = {}
        self.snapshots: deque[dict[int, dict]] = deque(maxlen=4)
        self.stamp: str | None = None
        self.last_draw = 0.0
        self.ticks = 0
        self.page = "/"
        self.last_response = 0.0
        self.categories: list[str] = []
        self.agencies: list[str] = []

    # -- HTTP
    def call(self, kind: str, method: str, path: str, expect=(200,), **kwargs) -> tuple[requests.Response | None, Req]:
        started = time.perf_counter()
        at = started - self.log.t0
        idle = (started - self.last_response) * 1000 if self.last_response else None
        try:
            response = self.session.request(method, self.base + path, timeout=TIMEOUT, **kwargs)
            _ = response.content
        except requests.RequestException as failed:
            self.last_response = 0.0
            elapsed = (time.perf_counter() - started) * 1000
            req = Req(self.index, kind, at, elapsed, None, "error", type(failed).__name__, idle_ms=idle)
            req.detail = str(failed)[:300]
            self.log.add(req)
            return None, req
        self.last_response = time.perf_counter()
        req = Req(self.index, kind, at, (self.last_response - started) * 1000, response.status_code, idle_ms=idle)
        if response.status_code not in expect:
            req.outcome, req.reason = "error", f"HTTP {response.status_code}"
            req.detail = response.text[:300]
        self.log.add(req)
        return response, req

    def dash(self, kind: str, cb: dict, values: dict, changed: str) -> tuple[requests.Response | None, Req]:
        headers = {"X-CSRFToken": self.session.cookies.get("_csrf_token", ""), "Referer": self.base + self.page}
        return self.call(
            kind,
            "POST",
            "/_dash-update-component",
            expect=(200, 204),
            json=payload(cb, values, changed),
            headers=headers,
        )

    def json_of(self, response: requests.Response, req: Req) -> Any:
        try:
            return response.json()
        except ValueError:
            raise Shape(f"{req.kind}: not JSON") from None

    @staticmethod
    def fail(req: Req, why: str) -> None:
        req.outcome, req.reason, req.detail = "error", "shape", why[:300]

    def action(self, kind: str, reqs: list[Req], outcome: str = "", reason: str = "") -> None:
        if not outcome:
            outcome = "error" if any(r.outcome == "error" for r in reqs) else "ok"
        first = reqs[0].t if reqs else self.log.now()
        self.log.add(Action(self.index, kind, first, sum(r.ms for r in reqs), outcome, reason))

    # -- the board's data
    def take_view(self, data: Any) -> None:
        if not isinstance(data, dict) or not isinstance(data.get("cells"), dict):
            raise Shape("board data without cells")
        view = {}
        for cell in data["cells"].values():
            for rec in cell.get("tasks", []):
                view[int(rec["id"])] = rec
        if self.view:
            self.snapshots.append(self.view)
        self.view = view
        self.stamp = data.get("stamp")
        self.last_draw = time.perf_counter()

    def board_response(self, response: requests.Response | None, req: Req) -> dict | None:
        """The response of a board-drawing callback: {component: {prop: value}} (board data taken)."""
        if response is None or req.outcome == "error":
            return None
        if response.status_code != 200:
            self.fail(req, f"HTTP {response.status_code} where the board's data was expected")
            return None
        try:
            out = self.json_of(response, req).get("response", {})
            self.take_view(out["board-data"]["data"])
        except (Shape, KeyError, TypeError, AttributeError) as bad:
            self.fail(req, f"{type(bad).__name__}: {bad}")
            return None
        return out

    # -- actions
    def login(self) -> bool:
        reqs = []
        response, req = self.call("login_page", "GET", "/login")
        reqs.append(req)
        token = re.search(r'name="csrf_token" value="([^"]+)"', response.text) if response is not None else None
        if response is not None and req.outcome == "ok" and token is None:
            self.fail(req, "no csrf_token in the login form")
        if token is None:
            self.action("sign_in", reqs)
            return False
        form = {"username": self.account.username, "password": self.account.password, "csrf_token": token[1]}
        response, req = self.call(
            "login", "POST", "/login", expect=(302,), data={**form, "next": "/"}, allow_redirects=False
        )
        reqs.append(req)
        if response is not None and req.outcome == "ok" and not response.headers.get("Location", "").endswith("/"):
            self.fail(req, f"redirected to {response.headers.get('Location')}")
        if req.outcome == "ok" and not self.session.cookies.get("_csrf_token"):
            self.fail(req, "no _csrf_token cookie after sign-in")
        self.action("sign_in", reqs)
        return req.outcome == "ok"

    def board_load(self) -> None:
        qs = query_string(filters_from_controls(*[self.filters[f"f-{n}.value"] for n in FILTER_NAMES]))
        self.page = "/" + qs
        reqs = []
        _r, req = self.call("page", "GET", self.page)
        reqs.append(req)
        _r, req = self.call("dependencies", "GET", "/_dash-dependencies")
        reqs.append(req)
        response, req = self.call("layout", "GET", "/_dash-layout", headers={"Referer": self.base + self.page})
        reqs.append(req)
        if response is not None and req.outcome == "ok":
            try:
                layout = self.json_of(response, req)
                props = find_props(layout, "board-data")
                if props is None:
                    raise Shape("layout without board-data")
                self.take_view(props.get("data"))
                if not self.categories:
                    self.categories = [o["value"] for o in _options(layout, "f-category") if o["value"] != "*"]
                    self.agencies = [o["value"] for o in _options(layout, "f-agency") if o["value"] != "*"]
            except Shape as bad:
                self.fail(req, str(bad))
        self.action("board_load", reqs)

    def filter_change(self) -> None:
        rnd = self.rnd
        choice = rnd.choice(["q", "category", "agency", "deadline", "mine", "group", "reset"])
        if choice == "mine" and self.account.role != "agency":
            choice = "category"
        if choice == "reset":
            self.filters = dict(BOARD_DEFAULTS)
            changed = "f-q.value"
        else:
            changed = f"f-{choice}.value"
            if choice == "q":
                value = rnd.choice(SEARCHES)
            elif choice == "category":
                value = rnd.choice([*self.categories, "*", "*"]) if self.categories else "*"
            elif choice == "agency":
                pool = self.agencies or ["*"]
                value = rnd.choice([*pool, "*", "*", "*"])
            elif choice == "deadline":
                value = rnd.choice([*DEADLINE_STATES, "*", "*"])
            elif choice == "mine":
                value = not self.filters["f-mine.value"]
            else:
                value = "agency" if self.filters["f-group.value"] == "category" else "category"
            self.filters[changed] = value
        response, req = self.dash("board", self.cbs.board, {**self.filters, "board-limits.data": {}}, changed)
        self.board_response(response, req)
        self.action("filter_change", [req])

    def live_refresh(self) -> None:
        self.ticks += 1
        values = {"board-tick.n_intervals": self.ticks, "board-stamp.data": self.stamp, "f-plan.value": "*"}
        response, req = self.dash("tick", self.cbs.tick, values, "board-tick.n_intervals")
        self.last_draw = time.perf_counter()
        reqs = [req]
        if response is not None and req.outcome == "ok":
            if response.status_code == 204:
                req.outcome = "nochange"
            else:
                try:
                    changed = self.json_of(response, req)["response"]["board-changed"]["data"]
                except (Shape, KeyError, TypeError) as bad:
                    self.fail(req, f"tick: {bad}")
                else:
                    values = {**self.filters, "board-limits.data": {}, "board-changed.data": changed}
                    response, req2 = self.dash("refresh", self.cbs.board, values, "board-changed.data")
                    self.board_response(response, req2)
                    reqs.append(req2)
        self.action("live_refresh", reqs)

    # -- moves
    def menu_moves(self, rec: dict) -> list[str]:
        moves = [m for m in rec.get("m") or [] if m != "cancelled"]
        if self.account.role == "coordinator" and rec.get("s") == "submitted" and "done" in moves:
            return ["done"] if self.rnd.random() < 0.3 else [m for m in moves if m != "done"] or ["done"]
        return moves[:1]

    def pick(self, candidates: list[dict]) -> dict | None:
        if not candidates:
            return None
        hot = [rec for rec in candidates if int(rec["id"]) in self.shared.hot]
        if hot and self.rnd.random() < P_HOT:
            return self.rnd.choice(hot)
        return self.rnd.choice(candidates)

    def move(self, drag_only: bool = False) -> None:
        rnd = self.rnd
        how, race, rec, to = "menu", None, None, ""
        if not drag_only:
            if rnd.random() < P_JOIN:
                race = self.shared.join_race(self)
            if race is None and rnd.random() < P_RACE:
                hot = [r for r in self.view.values() if int(r["id"]) in self.shared.hot and self.menu_moves(r)]
                if hot:
                    pick = rnd.choice(hot)
                    race = self.shared.start_race(pick, self.menu_moves(pick)[0])
            if race is not None:
                how, rec, to = "race", race.rec, race.to
                race.go.wait(max(0.0, RACE_WAIT - (time.perf_counter() - race.created)))
                self.shared.close_race(race)
        if rec is None and not drag_only and rnd.random() < P_STALE_TAB:
            stale = [
                old
                for snap in self.snapshots
                for tid, old in snap.items()
                if tid in self.view and self.view[tid]["v"] != old["v"] and self.menu_moves(old)
            ]
            if stale:
                how, rec = "stale_tab", rnd.choice(stale)
                to = self.menu_moves(rec)[0]
        if rec is None and (drag_only or rnd.random() < P_DRAG):
            rec = self.pick(list(self.view.values()))
            if rec is not None:
                how = "drag"
                to = rnd.choice([s for s in BOARD_STATUSES if s != rec["s"]])
                if self.account.role == "coordinator" and rec["s"] == "in_progress" and rnd.random() < 0.5:
                    to = "done"  # straight to Hoàn thành: reported and confirmed in one drop
        if rec is None:
            rec = self.pick([r for r in self.view.values() if self.menu_moves(r)])
            if rec is not None:
                how, to = "menu", self.menu_moves(rec)[0]
        if rec is None:  # nothing to move on this board: look at something else
            self.filter_change()
            return
        self.send_move(rec, to, how, race.number if race else None)

    def send_move(self, rec: dict, to: str, how: str, race: int | None) -> None:
        op = Op(
            self.index, self.account.username, self.account.role, "move", how, int(rec["id"]), int(rec["v"]),
            rec["s"], target=to, t=self.log.now(), race=race,
        )  # fmt: skip
        move = {"id": int(rec["id"]), "to": to, "v": int(rec["v"]), "ts": int(time.time() * 1000)}
        values = {**self.filters, "board-move.data": move, "board-limits.data": {}}
        response, req = self.dash("move", self.cbs.move, values, "board-move.data")
        if response is not None and req.outcome == "ok":
            out = self.board_response(response, req)
            if out is not None:
                try:
                    message = out["board-live"]["children"]
                    _text, ok = alert_of(out["board-toast"]["children"])
                    self.classify_move(op, message, ok)
                except (Shape, KeyError, TypeError) as bad:
                    self.fail(req, f"move: {bad}")
        if req.outcome == "error":
            op.outcome, op.reason = "error", req.reason
        else:
            req.outcome, req.reason = op.outcome, op.reason
            if op.outcome == "error":
                req.detail = op.reason
        got = self.view.get(op.task_id) if req.outcome != "error" else None
        if got is not None:
            op.returned_version, op.returned_status, op.returned_progress = int(got["v"]), got["s"], int(got["p"])
        self.log.add(op)
        self.action("move", [req], op.outcome, op.reason)

    def classify_move(self, op: Op, message: str, ok: bool) -> None:
        if not isinstance(message, str):
            raise Shape("move message is not text")
        if ok and (m := MOVED_RE.match(message)):
            effective = STATUS_BY_LABEL.get(m["status"])
            if effective is None:
                raise Shape(f"moved to an unknown status: {message}")
            op.outcome, op.effective = "accepted", effective
        elif ok and SUBMITTED_INSTEAD_RE.match(message):
            op.outcome, op.effective = "accepted", "submitted"
        elif not ok and (m := BOARD_REFUSED_RE.match(message)):
            reason = refusal_reason(m["reason"])
            if reason is None or reason == "unexpected":
                op.outcome, op.reason = "error", f"refusal not understood: {message[:200]}"
            else:
                op.outcome, op.reason = "refused", reason
        else:
            op.outcome, op.reason = "error", f"message not understood: {message[:200]}"
        if op.outcome == "accepted":
            if op.role == "coordinator" and op.source == "in_progress" and op.effective == "done":
                op.steps = ["submitted", "done"]  # models/board.py move_on_board: two changes, two commits
            else:
                op.steps = [op.effective]
            op.new_version = op.base_version + len(op.steps)

    # -- the task page
    def open_task(self, task_id: int, reqs: list[Req]) -> dict | None:
        self.page = f"/task/{task_id}"
        _r, req = self.call("task_page", "GET", self.page)
        reqs.append(req)
        response, req = self.call("task_layout", "GET", "/_dash-layout", headers={"Referer": self.base + self.page})
        reqs.append(req)
        if response is None or req.outcome != "ok":
            return None
        try:
            layout = self.json_of(response, req)
            ident, version = find_props(layout, "task-id"), find_props(layout, "task-version")
            if ident is None or version is None or ident.get("data") != task_id:
                raise Shape("task page without its id and version")
            form = find_props(layout, "task-progress-value")
            forms_key = find_props(layout, "task-forms-key")
            return {
                "version": int(version["data"]),
                "form": form is not None,
                "progress": form.get("value") if form else None,
                "forms_key": forms_key.get("data") if forms_key else None,
            }
        except (Shape, TypeError, ValueError) as bad:
            self.fail(req, str(bad))
            return None

    def task_view(self) -> None:
        rec = self.pick(list(self.view.values()))
        if rec is None:
            self.board_load()
            return
        reqs: list[Req] = []
        self.open_task(int(rec["id"]), reqs)
        self.action("task_view", reqs)
        self.think()
        self.board_load()

    def progress(self) -> None:
        rnd, mine = self.rnd, self.account.agency
        cands = [
            r
            for r in self.view.values()
            if r["s"] in OPEN and (self.account.role == "coordinator" or r.get("ac") == mine)
        ]
        rec = self.pick(cands)
        if rec is None:
            self.filter_change()
            return
        task_id, reqs = int(rec["id"]), []
        page = self.open_task(task_id, reqs)
        if page is None or not page["form"]:  # closed meanwhile (the page offers no form), or failed
            self.action("progress_report", reqs, reason="" if page is None else "no_form")
            self.think()
            self.board_load()
            return
        self.think()  # typing
        seq = self.shared.next_seq()
        current = int(page["progress"] or 0)
        value = max(0, min(100, current + rnd.randint(-5, 25)))
        note = f"Báo cáo thử tải #{seq} của {self.account.username}"
        url = f"https://example.org/bang-chung/{seq}" if rnd.random() < 0.3 else ""
        op = Op(
            self.index, self.account.username, self.account.role, "progress", "form", task_id, page["version"],
            rec["s"], progress=value, note=note, t=self.log.now(),
        )  # fmt: skip
        values = {
            "task-progress-save.n_clicks": 1,
            "task-progress-value.value": value,
            "task-progress-note.value": note,
            "task-progress-url.value": url,
            "task-id.data": task_id,
            "task-version.data": page["version"],
        }
        response, req = self.dash("progress", self.cbs.progress, values, "task-progress-save.n_clicks")
        reqs.append(req)
        token = None
        if response is not None and req.outcome == "ok":
            try:
                if response.status_code != 200:
                    raise Shape(f"HTTP {response.status_code}")
                out = self.json_of(response, req)["response"]
                message, ok = alert_of(out["task-progress-msg"]["children"])
                token = out.get("task-refresh", {}).get("data")
                if ok and message == PROGRESS_SAVED:
                    op.outcome, op.new_version = "accepted", op.base_version + 1
                elif not ok and (reason := refusal_reason(message)) not in (None, "unexpected"):
                    op.outcome, op.reason = "refused", reason
                else:
                    op.outcome, op.reason = "error", f"message not understood: {message[:200]}"
            except (Shape, KeyError, TypeError, AttributeError) as bad:
                self.fail(req, f"progress: {bad}")
        if req.outcome == "error":
            op.outcome, op.reason = "error", req.reason
        else:
            req.outcome, req.reason = op.outcome, op.reason
        if token is not None:  # the page re-reads the task after a write or a conflict
            values = {"task-refresh.data": token, "task-id.data": task_id, "task-forms-key.data": page["forms_key"]}
            response, req2 = self.dash("task_refresh", self.cbs.task_refresh, values, "task-refresh.data")
            reqs.append(req2)
            if response is not None and req2.outcome == "ok":
                try:
                    op.returned_version = int(self.json_of(response, req2)["response"]["task-version"]["data"])
                except (Shape, KeyError, TypeError, ValueError) as bad:
                    self.fail(req2, f"task refresh: {bad}")
        self.log.add(op)
        self.action("progress_report", reqs, op.outcome if op.outcome != "error" else "error", op.reason)
        self.think()
        self.board_load()

    # -- the loop
    def think(self) -> None:
        time.sleep(self.rnd.uniform(0.2, 1.0))

    def run(self, start_at: float, end_at: float, stop: threading.Event) -> None:
        try:
            time.sleep(max(0.0, start_at - time.perf_counter()))
            if stop.is_set() or not self.login():
                return
            self.board_load()
            weights = WEIGHTS[self.account.role]
            kinds, w = list(weights), list(weights.values())
            while not stop.is_set() and time.perf_counter() < end_at:
                self.think()
                if stop.is_set() or time.perf_counter() >= end_at:
                    break
                on_board = not self.page.startswith("/task/")
                if on_board and time.perf_counter() - self.last_draw >= REFRESH_SECONDS:
                    self.live_refresh()
                    continue
                kind = self.rnd.choices(kinds, w)[0]
                if kind == "board":
                    self.board_load()
                elif kind == "filter":
                    self.filter_change()
                elif kind == "move":
                    self.move()
                elif kind == "drag":
                    self.move(drag_only=True)
                elif kind == "progress":
                    self.progress()
                else:
                    self.task_view()
        except Exception:  # a bug of this script, not of the app: reported apart, and fails the run
            self.log.crashes.append(f"user {self.index} ({self.account.username}):\n{traceback.format_exc()}")


FILTER_NAMES = ("q", "category", "agency", "deadline", "within", "mine", "cancelled", "group", "plan")


def _options(layout: Any, component_id: str) -> list[dict]:
    props = find_props(layout, component_id) or {}
    return [o for o in props.get("options") or [] if isinstance(o, dict) and "value" in o]


# --- processes --------------------------------------------------------------------------------------------


class Proc:
    """A child process with its log file, stopped by its own handle.

    `stop_signals`: (signal, seconds to wait) tried in turn, then SIGKILL. The scheduler gets SIGINT (its
    Ctrl+C, a clean exit) and then SIGTERM: a SIGINT that arrives while Python runs a garbage-collection
    callback is swallowed ("Exception ignored in ..."), and the scheduler goes on running.
    """

    def __init__(
        self, name: str, cmd: list[str], env: dict, logfile: Path, stop_signals=((signal.SIGTERM, 20.0),)
    ) -> None:
        self.name, self.logfile, self.stop_signals = name, logfile, stop_signals
        self.handle = logfile.open("wb")
        self.proc = subprocess.Popen(
            cmd, cwd=ROOT, env=env, stdout=self.handle, stderr=subprocess.STDOUT, start_new_session=True
        )
        log(f"started {name} (pid {self.proc.pid}): {' '.join(cmd[1:] if cmd[0] == sys.executable else cmd)}")

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> int | None:
        if self.proc.poll() is None:
            for number, grace in self.stop_signals:
                self.proc.send_signal(number)
                try:
                    self.proc.wait(grace)
                    break
                except subprocess.TimeoutExpired:
                    log(f"{self.name} did not stop on {signal.Signals(number).name} within {grace:g} s")
            if self.proc.poll() is None:
                log(f"killing {self.name} (pid {self.proc.pid})")
                self.proc.kill()
                self.proc.wait(10)
            log(f"stopped {self.name} (exit status {self.proc.returncode})")
        self.handle.close()
        return self.proc.returncode

    def text(self) -> str:
        return self.logfile.read_text(errors="replace") if self.logfile.exists() else ""


ERROR_START = re.compile(r"Traceback \(most recent call last\)|\[(ERROR|CRITICAL)\]| ERROR |unexpected error")


def server_errors(text: str) -> list[str]:
    """Each error the web server logged, with its traceback: gunicorn's [ERROR]/[CRITICAL] lines, the
    app's "unexpected error" lines (logging's last-resort handler prints them bare) and tracebacks."""
    lines, blocks, i = text.splitlines(), [], 0
    while i < len(lines):
        if not ERROR_START.search(lines[i]):
            i += 1
            continue
        block = [lines[i]]
        i += 1
        if "Traceback" not in block[0] and i < len(lines) and lines[i].startswith("Traceback"):
            block.append(lines[i])
            i += 1
        if "Traceback" in block[-1]:
            while i < len(lines):  # the frames (indented), chained tracebacks, then the exception line
                line = lines[i]
                block.append(line)
                i += 1
                chained = line.startswith(("During handling", "The above exception", "Traceback"))
                if not (line.startswith((" ", "\t")) or not line.strip() or chained):
                    break
        blocks.append("\n".join(block))
    return blocks


def cli(env: dict, *args: str, stdin: str | None = None) -> str:
    """`python -m dashapp ARGS` with this environment; its output (raises with it on failure)."""
    done = subprocess.run(
        [sys.executable, "-m", "dashapp", *args], cwd=ROOT, env=env, input=stdin, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"dashapp {' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    return done.stdout.strip()


class SmtpSink:
    """An SMTP server on loopback (aiosmtpd, in a thread of this process) that counts what it gets."""

    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.messages = 0
        self.recipients = 0
        self.lock = threading.Lock()
        self.port = free_port()
        sink = self

        class Handler:
            async def handle_DATA(self, _server, _session, envelope) -> str:
                with sink.lock:
                    sink.messages += 1
                    sink.recipients += len(envelope.rcpt_tos)
                return "250 OK"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=self.port)
        self.controller.start()
        log(f"SMTP sink on 127.0.0.1:{self.port}")

    def stop(self) -> None:
        self.controller.stop()
        log(f"SMTP sink stopped ({self.messages} messages received)")


def wait_ready(base: str, proc: Proc, seconds: float = 90.0) -> None:
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        if not proc.alive():
            raise RuntimeError(f"{proc.name} exited ({proc.proc.returncode}):\n{proc.text()[-3000:]}")
        try:
            if requests.get(base + "/health", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise RuntimeError(f"{proc.name} did not answer /health within {seconds:.0f} s:\n{proc.text()[-3000:]}")


# --- where the CPU went ----------------------------------------------------------------------------------

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str] | None:
    try:
        raw = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return raw[raw.rfind(")") + 2 :].split()  # from field 3 (state) on


def pid_cpu(pid: int) -> float:
    """CPU seconds (user + system) a live process has used so far; 0 when it is gone."""
    fields = _stat(pid)
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS if fields else 0.0


def process_tree(pid: int) -> list[int]:
    """`pid` and its children (gunicorn's workers)."""
    kids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (fields := _stat(int(entry.name))) and int(fields[1]) == pid:
            kids.append(int(entry.name))
    return [pid, *kids]


def machine_ticks() -> tuple[int, int]:
    """(busy, total) clock ticks of all CPUs since boot, from /proc/stat."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + (values[4] if len(values) > 4 else 0)
    return sum(values) - idle, sum(values)


def cpu_sample(gunicorn: Proc, scheduler: Proc | None, engine) -> dict:
    backends = [r["pid"] for r in rows(engine, PG_BACKENDS)]
    usage = os.times()
    return {
        "machine": machine_ticks(),
        "users": usage.user + usage.system,
        "gunicorn": {pid: pid_cpu(pid) for pid in process_tree(gunicorn.proc.pid)},
        "scheduler": {pid: pid_cpu(pid) for pid in process_tree(scheduler.proc.pid)} if scheduler else {},
        "postgres": {pid: pid_cpu(pid) for pid in backends},
    }


PG_BACKENDS = "select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()"


def cpu_used(start: dict, end: dict) -> dict:
    """CPU seconds used between two samples, by part, and the machine's busy share."""

    def spent(part: str) -> float:
        return sum(cpu - start[part].get(pid, 0.0) for pid, cpu in end[part].items())

    busy = (end["machine"][0] - start["machine"][0]) / CLOCK_TICKS
    total = (end["machine"][1] - start["machine"][1]) / CLOCK_TICKS
    parts = {
        "users (this process)": end["users"] - start["users"],
        "gunicorn": spent("gunicorn"),
        "PostgreSQL backends": spent("postgres"),
        "scheduler": spent("scheduler"),
    }
    parts["other"] = max(0.0, busy - sum(parts.values()))
    return {"busy_s": busy, "available_s": total, "busy_share": busy / total if total else 0.0, "parts": parts}


# --- the database, directly -------------------------------------------------------------------------------

TASK_COLUMNS = (
    "id, number, status, progress, version, recurrence, due_date, original_due_date, start_date, submitted_on, "
    "completed_on, lead_agency_id"
)


def db_engine(url: str):
    from models.database import make_engine

    return make_engine(url)


def read_tasks(engine, plan_id: int) -> dict[int, dict]:
    from sqlalchemy import text

    with engine.connect() as c:
        rows = c.execute(text(f"select {TASK_COLUMNS} from task where plan_id = :p"), {"p": plan_id}).mappings()
        return {row["id"]: dict(row) for row in rows}


def scalar(engine, sql: str, **params) -> Any:
    from sqlalchemy import text

    with engine.connect() as c:
        return c.execute(text(sql), params).scalar()


def rows(engine, sql: str, **params) -> list[dict]:
    from sqlalchemy import text

    with engine.connect() as c:
        return [dict(r) for r in c.execute(text(sql), params).mappings()]


# --- the lost-update check -----------------------------------------------------------------------------------

COMPARED = ("status", "progress", "version", "start_date", "submitted_on", "completed_on", "due_date")


def replay(snapshot: dict, ops: list[Op], today: date, recurrence: str) -> tuple[SimpleNamespace, list[str]]:
    """The task after `ops` (a chain, in version order), replayed from the snapshot; and problems found."""
    state = SimpleNamespace(**{k: snapshot[k] for k in (*COMPARED, "original_due_date")})
    problems = []
    for op in ops:
        if op.base_version != state.version:
            kind = "two accepted writes from one version" if op.base_version < state.version else "unlogged write"
            problems.append(f"{kind}: {op.kind} by {op.username} from v{op.base_version}, replay at v{state.version}")
            state.version = op.base_version  # go on from the op, to find further problems
        if op.kind == "progress":
            state.progress = op.progress
            state.version += 1
            continue
        if op.source != state.status:
            problems.append(f"the board showed {op.source} at v{op.base_version}, the replay has {state.status}")
            state.status = op.source
        for step in op.steps:
            apply_transition(state, step, today=today)
            if step == "done" and recurrence == "yearly" and state.due_date:
                roll_to_next_cycle(state, next_yearly_due(state.due_date))
            state.version += 1
    return state, problems


def inferred_steps(op: Op) -> list[str]:
    """What the server does with a move whose answer was lost (the rules of models/board.py move_on_board)."""
    if op.target == "done" and op.source == "in_progress":
        return ["submitted", "done"] if op.role == "coordinator" else ["submitted"]
    return [op.target]


def chain_of(accepted: list[Op], errored: list[Op], version: int, final_version: int) -> tuple[list[Op], list[Op]]:
    """The task's writes in version order: the accepted ones, and where they leave a gap (or stop short of
    the final version) an operation whose answer was an error but which the server applied (unacknowledged)."""
    todo = sorted(accepted, key=lambda o: (o.base_version, o.t))
    spare = sorted(errored, key=lambda o: o.t)
    chain, unacknowledged = [], []
    while todo or version < final_version:
        if todo and todo[0].base_version <= version:
            op = todo.pop(0)
        else:
            op = next((o for o in spare if o.base_version == version), None)
            if op is None:
                if not todo:
                    break
                op = todo.pop(0)  # a gap nobody explains: replay() reports it
            else:
                spare.remove(op)
                op.steps = inferred_steps(op) if op.kind == "move" else []
                unacknowledged.append(op)
        chain.append(op)
        version = op.base_version + (1 if op.kind == "progress" else len(op.steps))
    return chain, unacknowledged


def check_no_lost_update(
    engine, plan_id: int, before: dict[int, dict], ops: list[Op], today: date, marks: dict[str, int]
) -> dict:
    after = read_tasks(engine, plan_id)
    accepted: dict[int, list[Op]] = defaultdict(list)
    errored: dict[int, list[Op]] = defaultdict(list)
    for op in ops:
        if op.outcome == "accepted":
            accepted[op.task_id].append(op)
        elif op.outcome == "error":
            errored[op.task_id].append(op)
    changed = {tid for tid in before if any(before[tid][k] != after[tid][k] for k in COMPARED)}
    mismatches, chains, unacknowledged = [], {}, []
    for task_id in sorted(set(accepted) | (set(errored) & changed)):
        chain, silent = chain_of(
            accepted.get(task_id, []), errored.get(task_id, []), before[task_id]["version"], after[task_id]["version"]
        )
        chains[task_id] = chain
        unacknowledged += silent
        state, found = replay(before[task_id], chain, today, before[task_id]["recurrence"])
        final = after[task_id]
        diff = {k: (getattr(state, k), final[k]) for k in COMPARED if getattr(state, k) != final[k]}
        if diff or found:
            mismatches.append(
                {
                    "task": task_id,
                    "ops": len(chain),
                    "problems": found,
                    "diff": {k: list(map(str, v)) for k, v in diff.items()},
                }
            )
    untouched_changed = [
        {
            "task": tid,
            "diff": {k: [str(before[tid][k]), str(after[tid][k])] for k in COMPARED if before[tid][k] != after[tid][k]},
        }
        for tid in sorted(changed - set(chains))
    ]
    stale_accepted = [asdict(op) for op in ops if op.how == "stale_tab" and op.outcome == "accepted"]
    race_winners = Counter(op.race for op in ops if op.race is not None and op.outcome == "accepted")
    races_multi = {race: n for race, n in race_winners.items() if n > 1}
    returned_mismatch = [
        asdict(op)
        for op in ops
        if op.outcome == "accepted" and op.returned_version is not None and op.returned_version < (op.new_version or 0)
    ]
    audit = check_audit(engine, chains, ops, marks)
    lost = len(mismatches) + len(untouched_changed) + len(stale_accepted) + len(races_multi)
    return {
        "tasks_with_accepted_ops": len(accepted),
        "accepted_ops": sum(len(v) for v in accepted.values()),
        "tasks_in_plan": len(after),
        "mismatches": mismatches,
        "changed_without_accepted_op": untouched_changed,
        "unacknowledged_writes": [asdict(op) for op in unacknowledged],
        "stale_tab_accepted": stale_accepted,
        "races_with_several_winners": races_multi,
        "returned_version_below_expected": returned_mismatch,
        "lost_updates": lost,
        "audit": audit,
    }


def check_audit(engine, chains: dict[int, list[Op]], ops: list[Op], marks: dict[str, int]) -> dict:
    """Each applied change (`chains`: per task, in version order) has its TaskEvent, in the same order; each
    progress report its ProgressReport row; each 'not permitted' answer its refused AuditLog row."""
    events = rows(
        engine,
        "select id, task_id, kind, field, before, after, note from taskevent where id > :m "
        "and ((kind = 'status' and field = 'status') or kind = 'progress') order by id",
        m=marks["taskevent"],
    )
    by_task: dict[int, list[tuple]] = defaultdict(list)
    for e in events:
        if e["kind"] == "status":
            by_task[e["task_id"]].append(("status", e["before"], e["after"]))
        else:
            by_task[e["task_id"]].append(("progress", e["note"]))
    bad = []
    for task_id in set(by_task) | set(chains):
        expected = []
        for op in chains.get(task_id, []):
            if op.kind == "progress":
                expected.append(("progress", op.note))
            else:
                source = op.source
                for step in op.steps:
                    expected.append(("status", source, step))
                    source = step
        if expected != by_task.get(task_id, []):
            bad.append({"task": task_id, "expected": expected, "found": by_task.get(task_id, [])})
    refused_rows = scalar(
        engine,
        "select count(*) from auditlog where id > :m and outcome = 'refused' and action <> 'login'",
        m=marks["auditlog"],
    )
    not_permitted = sum(1 for op in ops if op.outcome == "refused" and op.reason == "not_permitted")
    reports = scalar(
        engine, "select count(*) from progressreport where id > :m and kind = 'progress'", m=marks["report"]
    )
    accepted_reports = sum(1 for v in chains.values() for op in v if op.kind == "progress")
    return {
        "events_checked": len(events),
        "tasks_with_history_mismatch": bad,
        "audit_refused_rows": refused_rows,
        "not_permitted_answers": not_permitted,
        "progress_report_rows": reports,
        "accepted_progress_reports": accepted_reports,
        "ok": not bad and refused_rows == not_permitted and reports == accepted_reports,
    }


def marks_of(engine) -> dict[str, int]:
    return {
        "taskevent": scalar(engine, "select coalesce(max(id), 0) from taskevent"),
        "auditlog": scalar(engine, "select coalesce(max(id), 0) from auditlog"),
        "report": scalar(engine, "select coalesce(max(id), 0) from progressreport"),
    }


# --- the scheduler's work -------------------------------------------------------------------------------------


LOG_LINE = re.compile(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3}) \w+ ([\w.]+): (.*)$")


def job_timeline(proc_text: str, t0_wall: float) -> list[dict]:
    """The scheduler's job runs from its log: when (seconds after the load started), which job, what it said."""
    runs: list[dict] = []
    current: dict | None = None
    for line in proc_text.splitlines():
        m = LOG_LINE.match(line)
        if not m:
            continue
        at = round(datetime.strptime(m[1], "%Y-%m-%d %H:%M:%S,%f").timestamp() - t0_wall, 1)
        if m[3].startswith("Running job "):
            name = re.match(r'Running job "(.+?) \(trigger', m[3])
            current = {"at_s": at, "job": name[1] if name else m[3], "said": [], "ok": False}
            runs.append(current)
        elif current is not None and m[2].startswith("tracker."):
            current["said"].append(m[3])
        elif current is not None and "executed successfully" in m[3]:
            current["ok"], current["took_s"] = True, round(at - current["at_s"], 2)
    return runs


def scheduler_report(engine, proc_text: str, sink: SmtpSink | None, started: float, t0: float, t0_wall: float) -> dict:
    runs = rows(engine, "select job, day, status, runs, detail, started_at, finished_at from jobrun order by id")
    states = rows(engine, "select email_state, count(*) as n from notification group by email_state order by 1")
    kinds = rows(engine, "select kind, count(*) as n from notification group by kind order by 1")
    items = scalar(engine, "select count(*) from notificationitem")
    attempts = rows(engine, "select ok, count(*) as n from deliveryattempt group by ok order by 1")
    executed = Counter(re.findall(r'Running job "(.+?) \(trigger', proc_text))
    done = Counter(re.findall(r'Job "(.+?) \(trigger: .*?executed successfully', proc_text))
    lines = [line for line in proc_text.splitlines() if "tracker.jobs" in line or "executed successfully" in line]
    return {
        "started_at_s": round(started - t0, 2),
        "job_runs": [{k: str(v) for k, v in r.items()} for r in runs],
        "notifications_by_state": {r["email_state"]: r["n"] for r in states},
        "notifications_by_kind": {r["kind"]: r["n"] for r in kinds},
        "notification_items": items,
        "delivery_attempts": {("ok" if r["ok"] else "failed"): r["n"] for r in attempts},
        "emails_received_by_sink": sink.messages if sink else None,
        "runs_started": dict(executed),
        "runs_finished": dict(done),
        "timeline": job_timeline(proc_text, t0_wall),
        "log": lines[-20:],
    }


# --- statistics and the report ------------------------------------------------------------------------------


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def ms(value: float) -> str:
    if value != value:  # nan
        return "—"
    return f"{value:,.0f}" if value >= 100 else f"{value:.1f}" if value >= 10 else f"{value:.2f}"


ACTION_ROWS = (
    ("sign_in", "sign-in (GET /login + POST /login)"),
    ("board_load", "board load (GET / + dependencies + layout with the board's data)"),
    ("filter_change", "filter change (board callback)"),
    ("live_refresh", "live refresh (tick callback, board callback when changed)"),
    ("move", "move (board move callback)"),
    ("progress_report", "progress report (task page + layout, form callback, refresh callback)"),
    ("task_view", "task view (task page + layout)"),
)
REQUEST_ROWS = (
    ("login_page", "GET /login"),
    ("login", "POST /login"),
    ("page", "GET / (board page)"),
    ("dependencies", "GET /_dash-dependencies"),
    ("layout", "GET /_dash-layout (board, with its data)"),
    ("board", "POST board callback (filter change)"),
    ("tick", "POST tick callback"),
    ("refresh", "POST board callback (after a tick)"),
    ("move", "POST move callback"),
    ("task_page", "GET /task/<id>"),
    ("task_layout", "GET /_dash-layout (task page)"),
    ("progress", "POST progress-report callback"),
    ("task_refresh", "POST task refresh callback"),
)
REASON_LABELS = {
    "stale": "stale version",
    "not_permitted": "not permitted",
    "illegal_transition": "illegal transition",
    "closed": "task closed",
    "not_found": "not found",
    "invalid_progress": "invalid value",
}


def outcome_cell(items) -> tuple[str, str, str]:
    accepted = sum(1 for x in items if x.outcome == "accepted")
    refused = Counter(x.reason for x in items if x.outcome == "refused")
    errors = sum(1 for x in items if x.outcome == "error")
    ref = ", ".join(f"{n} {REASON_LABELS.get(r, r)}" for r, n in refused.most_common()) or "—"
    return (str(accepted) if accepted else "—"), (f"{sum(refused.values())} ({ref})" if refused else "—"), str(errors)


def table_rows(items: list, labels, writes: set[str]) -> list[str]:
    out = []
    for kind, label in labels:
        chosen = [x for x in items if x.kind == kind]
        if not chosen:
            continue
        lat = [x.ms for x in chosen]
        acc, ref, err = (
            outcome_cell(chosen) if kind in writes else ("—", "—", str(sum(x.outcome == "error" for x in chosen)))
        )
        p50, p95, top = ms(pct(lat, 0.5)), ms(pct(lat, 0.95)), ms(max(lat))
        out.append(f"| {label} | {len(chosen):,} | {p50} | {p95} | {top} | {acc} | {ref} | {err} |")
    return out


def report(res: dict, reqs: list[Req], actions: list[Action], ops: list[Op]) -> str:
    s, c = res["setup"], res["check"]
    head = "| {} | count | p50 ms | p95 ms | max ms | accepted | refused (reason) | errors |"
    sep = "|---|---:|---:|---:|---:|---:|---|---:|"
    errors = res["totals"]["errors"]
    lost = c["lost_updates"]
    audit_ok = c["audit"]["ok"]
    verdict = "PASS" if errors == 0 and lost == 0 and audit_ok and not res["crashes"] else "FAIL"
    moves = [o for o in ops if o.kind == "move"]
    prog = [o for o in ops if o.kind == "progress"]
    races = res["races"]
    sched = res["scheduler"]
    lines = [
        SECTION,
        "",
        f"Measured {res['started'][:10]} ({res['started'][11:16]}–{res['finished'][11:16]}) on this machine: "
        f"{s['nproc']} cores, {s['machine']}; load average {s['loadavg_before'][0]:.2f} / {s['loadavg_before'][1]:.2f} "
        f"(1 / 5 min) before, {s['loadavg_after'][0]:.2f} / {s['loadavg_after'][1]:.2f} after. The simulated users run "
        "on the same cores as the servers (loopback), so latencies include their competition for the CPU.",
        "",
        f"**{verdict}**: {errors} errors (target 0), {lost} lost updates (target 0), audit history "
        f"{'complete' if audit_ok else 'INCOMPLETE'}.",
        "",
        "### Setup",
        "",
        f"- `make bench-load` = `bench/load_test.py` (options used: {s['options']}).",
        f"- Database: PostgreSQL {s['pg_version']}, {s['database']}; {s['plan']} ({s['tasks']:,} tasks), "
        f"migrated and seeded with the project's CLI; TRACKER_TODAY={TODAY}.",
        f"- Web: `gunicorn 'dashapp.wsgi:server' -w {s['workers']} -k gthread --threads {s['threads']} "
        f"--keep-alive {s['keep_alive']:g}` on 127.0.0.1 "
        "(SCHEDULER_ENABLED=0). Scheduler: a separate `python -m dashapp scheduler` started with the load, "
        "REMINDER_TIME=00:00 (so the day's reminder scan is caught up during the load) and SMTP to a local sink.",
        f"- Users: {s['users']} for {s['seconds']} s (sign-ins spread over the first {s['ramp']:.1f} s), each a "
        f"thread with its own `requests.Session`: {s['mix']}. Think time 0.2–1 s between actions. Weights: "
        "coordinator board 15 / filter 25 / move 40 / progress 20; officer 15 / 25 / 35 / 25; viewer board 35 / "
        "filter 45 / task page 15 / drag 5; and every "
        f"{REFRESH_SECONDS:.0f} s on the board the live refresh. Moves: the card's menu step (coordinators "
        "confirm 30 % and return 70 % of submitted tasks), 20 % drags to any other column; "
        f"{P_RACE:.0%} of moves start a **race** on one of {s['hot']} hot tasks of the officers' agencies and "
        f"{P_JOIN:.0%} of the moves made while one waits (≤ {RACE_WAIT} s) join it (2–4 users send the same move "
        f"from the same version at the same instant), {P_STALE_TAB:.0%} come from a "
        "**stale tab** (a board snapshot the user knows is out of date). Static files are not requested "
        "(browsers keep them for a year).",
        "",
        "### Results",
        "",
        f"{res['totals']['requests']:,} requests in {res['totals']['wall_s']:.1f} s = "
        f"**{res['totals']['rps']:.1f} requests/s** ({res['totals']['actions']:,} user actions, "
        f"{res['totals']['actions_per_s']:.1f}/s); **{errors} errors**.",
        "",
        cpu_text(res["cpu"], s["nproc"]),
        "",
        "By user action (latency = the action's requests, thinking excluded):",
        "",
        head.format("action"),
        sep,
        *table_rows(actions, ACTION_ROWS, {"move", "progress_report"}),
        "",
        "By request:",
        "",
        head.format("request"),
        sep,
        *table_rows(reqs, REQUEST_ROWS, {"move", "progress"}),
        "",
        "Writes by how they were made:",
        "",
        "| write | sent | accepted | refused (reason) | errors |",
        "|---|---:|---:|---|---:|",
        *write_rows(moves, prog),
        "",
        f"Accepted coordinator drags in progress → done (two steps, two commits): "
        f"{sum(1 for o in moves if o.outcome == 'accepted' and len(o.steps) == 2)}; officers' drops on *Hoàn thành* "
        "turned into submissions: "
        f"{sum(1 for o in moves if o.outcome == 'accepted' and o.target == 'done' and o.effective == 'submitted')}. "
        f"Races: {races['count']} with {races['participants']} moves; {races['one_winner']} had exactly one winner, "
        f"{races['no_winner']} none (the task had moved before), {races['several_winners']} more than one.",
        "",
        "### No lost update",
        "",
        f"After the load the database was read directly. {c['accepted_ops']:,} accepted operations on "
        f"{c['tasks_with_accepted_ops']:,} tasks, replayed per task in version order from the snapshot taken before "
        "the load with the project's own transition functions: final status, progress, start / submission / "
        "completion dates, deadline and version equal the replay on "
        f"{c['tasks_with_accepted_ops'] - len(c['mismatches']):,} of {c['tasks_with_accepted_ops']:,} tasks "
        f"(**{len(c['mismatches'])} mismatches**); tasks changed without an accepted operation: "
        f"{len(c['changed_without_accepted_op'])} (of {c['tasks_in_plan']:,}); stale-tab moves accepted: "
        f"{len(c['stale_tab_accepted'])}; races with more than one winner: {len(c['races_with_several_winners'])}. "
        f"**Lost updates: {lost}.** Refused stale operations are in the tables above (reported, not lost). "
        + unacknowledged_text(c["unacknowledged_writes"])
        + f"History: {c['audit']['events_checked']:,} status and progress events written during the load (a two-step "
        "drag writes two), "
        f"{'all' if not c['audit']['tasks_with_history_mismatch'] else 'NOT all'} matching the accepted operations "
        f"one for one and in order ({len(c['audit']['tasks_with_history_mismatch'])} tasks differ); "
        f"{c['audit']['progress_report_rows']} progress-report rows for {c['audit']['accepted_progress_reports']} "
        f"accepted reports; {c['audit']['audit_refused_rows']} refused attempts in the audit log for "
        f"{c['audit']['not_permitted_answers']} 'not permitted' answers. Server responses that showed the moved card "
        f"carried a version at least the expected one in every case "
        f"({len(c['returned_version_below_expected'])} exceptions).",
        "",
        "### Scheduler process",
        "",
        scheduler_text(sched),
        "",
    ]
    if KNOWN_ISSUES:
        lines += ["### Known issues (found by this test, not fixed yet)", ""]
        for issue in KNOWN_ISSUES:
            met = sum(n for what, n in res["server_log"]["summary"].items() if issue["signature"] in what)
            lines += [f"- {issue['text']} This run met it {met} times.", ""]
    if res["server_log"]["errors"]:
        lines += [
            f"**Server log: {res['server_log']['errors']} errors logged by the web workers**: "
            + "; ".join(f"{n} × `{what}`" for what, n in res["server_log"]["summary"].items())
            + " (tracebacks in the JSON).",
            "",
        ]
    if res["crashes"]:
        lines += [f"**The load script itself failed in {len(res['crashes'])} user threads** (see the JSON).", ""]
    lines += ["Raw figures: `bench/out/load-test.json`.", ""]
    return "\n".join(lines)


HOW_LABELS = (
    ("menu", "move: the card's menu step"),
    ("drag", "move: drag to any other column"),
    ("race", "move: race (same move, same version, same instant)"),
    ("stale_tab", "move: from a stale tab (must be refused)"),
)


def write_rows(moves: list[Op], prog: list[Op]) -> list[str]:
    out = []
    for how, label in (*HOW_LABELS, ("form", "progress report (task page form)")):
        chosen = [o for o in (prog if how == "form" else moves) if o.how == how]
        if chosen:
            acc, ref, err = outcome_cell(chosen)
            out.append(f"| {label} | {len(chosen):,} | {acc} | {ref} | {err} |")
    return out


def cpu_text(cpu: dict, cores: int) -> str:
    parts = ", ".join(f"{name} {sec:.0f} s" for name, sec in cpu["parts"].items())
    saturated = (
        " The machine is saturated at this load, so latencies are mostly time spent waiting for a core."
        if cpu["busy_share"] >= 0.85
        else ""
    )
    return (
        f"Where the CPU went during the load: the {cores} cores were busy {cpu['busy_s']:.0f} of "
        f"{cpu['available_s']:.0f} CPU-seconds ({cpu['busy_share']:.0%}): {parts}.{saturated}"
    )


def scheduler_text(sched: dict) -> str:
    runs = (
        "; ".join(f"{r['job']} {r['day']}: {r['status']}, {r['detail']}".rstrip(", ") for r in sched["job_runs"])
        or "none"
    )
    states = ", ".join(f"{n} {k}" for k, n in sched["notifications_by_state"].items()) or "none"
    attempts = ", ".join(f"{n} {k}" for k, n in sched["delivery_attempts"].items()) or "none"
    timeline = "; ".join(
        f"at {r['at_s']:+.1f} s *{r['job']}*"
        + (f" ({r['took_s']:.2f} s)" if r.get("ok") else " (not finished)")
        + (": " + " / ".join(r["said"]) if r["said"] else ": nothing to do (nothing pending, no log line)")
        for r in sched["timeline"]
    )
    return (
        f"Started with the load ({sched['started_at_s']:+.1f} s). Its job runs, from its log: {timeline or 'none'}. "
        f"JobRun rows: {runs}. Outbox: {sum(sched['notifications_by_state'].values())} notifications ({states}; "
        f"kinds {', '.join(f'{n} {k}' for k, n in sched['notifications_by_kind'].items()) or 'none'}) naming "
        f"{sched['notification_items']} tasks; delivery attempts: {attempts}; e-mails received by the SMTP sink: "
        f"{sched['emails_received_by_sink']}."
    )


def unacknowledged_text(ops: list[dict]) -> str:
    if not ops:
        return "No write was applied without being acknowledged. "
    listed = "; ".join(
        f"task {o['task_id']}: {o['kind']} {o['source']} → {o['target'] or o['progress']} by {o['username']} from "
        f"v{o['base_version']}, answered with an error ({o['reason']})"
        for o in ops
    )
    return (
        f"**{len(ops)} writes were applied although their answer was an error** (not lost, but the user was not "
        f"told; they are among the errors): {listed}. "
    )


def error_summary(blocks: list[str]) -> dict[str, int]:
    """Distinct server errors: the exception line with the innermost frame of the project's code."""
    found: Counter = Counter()
    for block in blocks:
        lines = block.splitlines()
        frames = re.findall(r'File "(/[^"]+)", line (\d+), in (\w+)', block)
        own = [f for f in frames if "/site-packages/" not in f[0]]
        where = f"{Path(own[-1][0]).relative_to(ROOT)}:{own[-1][1]} ({own[-1][2]})" if own else ""
        last = next((line.strip() for line in reversed(lines) if line.strip()), "")
        if not frames:  # a one-line message, e.g. gunicorn's "[ERROR] Socket error processing request."
            found[re.sub(r"^\[[^]]*\] \[\d+\] ", "", last)] += 1
            continue
        found[f"{last} at {where}" if where else last] += 1
    return dict(found)


def write_section(path: Path, section: str) -> None:
    """Replace the "## Load test" section of `path` (up to the next "## " heading), or append it."""
    text = path.read_text() if path.exists() else "# Performance\n"
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip() == SECTION), None)
    body = section.rstrip("\n").splitlines()
    if start is None:
        new = text.rstrip("\n") + "\n\n" + "\n".join(body) + "\n"
    else:
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
        rest = ["", *lines[end:]] if end < len(lines) else []
        new = "\n".join(lines[:start] + body + rest) + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new)


# --- the run ---------------------------------------------------------------------------------------------------


def account_mix(users: int, officers: list[Account], coordinator: Account, viewer: Account) -> list[Account]:
    viewers = max(1, round(users * 0.1))
    coordinators = max(1, round(users * 0.2))
    n_officers = max(0, users - viewers - coordinators)
    mix = [coordinator] * coordinators + [officers[i % len(officers)] for i in range(n_officers)] + [viewer] * viewers
    return mix[:users]


def _interrupt(_signum, _frame) -> None:
    raise KeyboardInterrupt


@contextmanager
def sigterm_as_interrupt():
    """SIGTERM stops the run like Ctrl-C does: every process started is stopped on the way out."""
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--users", type=int, default=50, help="concurrent simulated users (default 50)")
    ap.add_argument("--seconds", type=float, default=60, help="how long the users act (default 60)")
    ap.add_argument("--workers", type=int, default=3, help="gunicorn workers (default 3)")
    ap.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker (default 4)")
    ap.add_argument(
        "--tasks",
        type=int,
        default=1000,
        help="plan size: 109 = the sample plan, else seed-demo --synthetic N (default 1000)",
    )
    ap.add_argument("--officer-agencies", type=int, default=6, help="agencies with an officer account (default 6)")
    ap.add_argument("--seed", type=int, default=55, help="random seed of the users (default 55)")
    ap.add_argument(
        "--keep-alive",
        type=float,
        default=5,
        help="gunicorn's --keep-alive seconds (default 5, the value of deploy/gunicorn.conf.py; gunicorn's own "
        "default is 2)",
    )
    ap.add_argument("--no-doc", action="store_true", help="do not write docs/PERFORMANCE.md")
    ap.add_argument(
        "--json", type=Path, default=OUT, help="where the raw figures go (default bench/out/load-test.json)"
    )
    args = ap.parse_args(argv)
    if args.users < 3:
        ap.error("--users must be at least 3 (a coordinator, an officer and a viewer)")

    options = (
        f"--users {args.users} --seconds {args.seconds:g} --workers {args.workers} --threads {args.threads} "
        f"--tasks {args.tasks} --officer-agencies {args.officer_agencies} --seed {args.seed} "
        f"--keep-alive {args.keep_alive:g}"
    )
    loadavg_before = os.getloadavg()
    started_at = datetime.now().astimezone()
    log(f"load average before: {loadavg_before}")
    res: dict[str, Any] = {"started": started_at.isoformat(timespec="seconds")}
    with ExitStack() as stack, sigterm_as_interrupt():
        try:
            connections = args.workers * (args.threads + 15) + 60
            url = stack.enter_context(throwaway_postgres(prefix="load", max_connections=max(200, connections)))
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="tracker-load.")))
            port = free_port()
            base = f"http://127.0.0.1:{port}"
            env = {k: v for k, v in os.environ.items() if not k.startswith(("SMTP_", "BENCH_"))}
            env.update(
                DATABASE_URL=url,
                SECRET_KEY=secrets.token_urlsafe(32),
                TRACKER_TODAY=TODAY,
                TRACKER_INSTANCE_PATH=str(work / "instance"),
                APP_BASE_URL=base,
                PORT=str(port),
                SCHEDULER_ENABLED="0",
                PYTHONUNBUFFERED="1",
            )
            log(cli(env, "init-db"))
            seed = ["seed-demo"] if args.tasks == 109 else ["seed-demo", "--synthetic", str(args.tasks)]
            log(cli(env, *seed))
            engine = db_engine(url)
            stack.callback(engine.dispose)
            plan = rows(engine, "select id, code, title from plan order by created_at desc, id desc limit 1")[0]
            before = read_tasks(engine, plan["id"])
            agencies = {r["id"]: r["code"] for r in rows(engine, "select id, code from agency")}
            open_by_agency = Counter(agencies[t["lead_agency_id"]] for t in before.values() if t["status"] in OPEN)
            others = [code for code, _n in open_by_agency.most_common() if code not in ("soyte", "sotttt")]
            chosen = ["soyte", *others[: max(0, args.officer_agencies - 1)]]
            officers = [Account("soyte", "demo", "agency", "soyte")]
            for code in chosen[1:]:
                password = secrets.token_urlsafe(12)
                name = f"cb_{code}"
                cli(
                    env,
                    "create-user",
                    name,
                    "--role",
                    "agency",
                    "--agency",
                    code,
                    "--full-name",
                    f"Cán bộ {code}",
                    stdin=password + "\n",
                )
                officers.append(Account(name, password, "agency", code))
            coordinator, viewer = Account("sotttt", "demo", "coordinator"), Account("bcd", "demo", "viewer")
            mix = account_mix(args.users, officers, coordinator, viewer)
            hot = set()
            for code in chosen:
                mine = sorted(
                    (t for t in before.values() if agencies[t["lead_agency_id"]] == code and t["status"] in OPEN),
                    key=lambda t: t["id"],
                )
                hot.update(t["id"] for t in mine[:2])
            pg_version = scalar(engine, "show server_version")
            marks = marks_of(engine)

            try:
                sink = SmtpSink()
                stack.callback(sink.stop)
            except ImportError:
                sink = None
                log("aiosmtpd is not installed: the scheduler's e-mails stay in the outbox")
            gunicorn = Proc(
                "gunicorn",
                [
                    sys.executable, "-m", "gunicorn", "dashapp.wsgi:server", "-w", str(args.workers), "-k", "gthread",
                    "--threads", str(args.threads), "-b", f"127.0.0.1:{port}", "--timeout", "60",
                    "--graceful-timeout", "20", "--keep-alive", str(args.keep_alive),
                ],
                env,
                work / "gunicorn.log",
            )  # fmt: skip
            stack.callback(gunicorn.stop)
            wait_ready(base, gunicorn)
            # /_dash-dependencies needs a session: read it as the coordinator once.
            probe = requests.Session()
            token = re.search(r'name="csrf_token" value="([^"]+)"', probe.get(base + "/login", timeout=TIMEOUT).text)[1]
            probe.post(
                base + "/login", data={"username": "sotttt", "password": "demo", "csrf_token": token}, timeout=TIMEOUT
            )
            deps = probe.get(base + "/_dash-dependencies", timeout=TIMEOUT)
            deps.raise_for_status()
            cbs = Callbacks.from_dependencies(deps.json())
            probe.close()

            sched_env = {
                **env,
                "REMINDER_TIME": "00:00",
                **({"SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(sink.port)} if sink else {}),
            }
            t0, t0_wall = time.perf_counter(), time.time()
            log_ = Log(t0)
            shared = Shared(hot, args.seed)
            ramp = min(5.0, args.seconds / 6)
            sims = [SimUser(i, acc, base, cbs, log_, shared, args.seed * 1000 + i) for i, acc in enumerate(mix)]
            stop = threading.Event()
            scheduler = Proc(
                "scheduler",
                [sys.executable, "-m", "dashapp", "scheduler"],
                sched_env,
                work / "scheduler.log",
                ((signal.SIGINT, 5.0), (signal.SIGTERM, 10.0)),
            )
            sched_started = time.perf_counter()
            stack.callback(scheduler.stop)
            end_at = t0 + args.seconds
            threads = [
                threading.Thread(
                    target=u.run, args=(t0 + ramp * i / len(sims), end_at, stop), daemon=True, name=f"user-{i}"
                )
                for i, u in enumerate(sims)
            ]
            log(f"{len(sims)} users for {args.seconds:g} s on {base} ({args.workers} workers × {args.threads} threads)")
            cpu_start = cpu_sample(gunicorn, scheduler, engine)
            for th in threads:
                th.start()
            try:
                for th in threads:
                    th.join(max(0.0, end_at + TIMEOUT * 3 - time.perf_counter()))
            except KeyboardInterrupt:
                stop.set()
                raise
            stop.set()
            wall = max([r.t + r.ms / 1000 for r in log_.reqs] or [args.seconds])
            cpu = cpu_used(cpu_start, cpu_sample(gunicorn, scheduler, engine))
            alive = [th.name for th in threads if th.is_alive()]
            if alive:
                log_.crashes.append(f"threads still running after the load: {alive}")
            log(f"load done: {len(log_.reqs)} requests")
            # The scheduler's sender first runs a minute after its start: when that is only a few seconds
            # away (a full run), wait for it so the report can say what it did.
            first_sender = sched_started + 60 + 10
            if first_sender - time.perf_counter() < 12:
                log("waiting for the scheduler's first every-minute sender run")
                while time.perf_counter() < first_sender and not SENDER_DONE.search(scheduler.text()):
                    time.sleep(0.5)
            scheduler.stop()
            gunicorn.stop()
            loadavg_after = os.getloadavg()

            log("checking the database")
            check = check_no_lost_update(engine, plan["id"], before, log_.ops, date.fromisoformat(TODAY), marks)
            sched = scheduler_report(engine, scheduler.text(), sink, sched_started, t0, t0_wall)
            server_text = gunicorn.text()
            error_blocks = server_errors(server_text)
        except KeyboardInterrupt:
            log("interrupted: stopping everything")
            return 130
        except Exception:
            log("the run failed:\n" + traceback.format_exc())
            return 2

    reqs, actions, ops = log_.reqs, log_.actions, log_.ops
    errors = sum(r.outcome == "error" for r in reqs)
    race_ops = defaultdict(list)
    for op in ops:
        if op.race is not None:
            race_ops[op.race].append(op)
    winners = [sum(o.outcome == "accepted" for o in v) for v in race_ops.values()]
    res.update(
        finished=datetime.now().astimezone().isoformat(timespec="seconds"),
        setup={
            "options": options,
            "users": args.users,
            "seconds": args.seconds,
            "workers": args.workers,
            "threads": args.threads,
            "keep_alive": args.keep_alive,
            "tasks": len(before),
            "plan": f"plan {plan['code']}",
            "database": "private throwaway cluster (bench/pg.py)"
            if not os.environ.get("BENCH_PG_URL")
            else f"BENCH_PG_URL server ({os.environ.get('BENCH_PG_ISOLATION') or 'database'} isolation)",
            "database_url": describe(url),
            "pg_version": pg_version,
            "nproc": os.cpu_count(),
            "machine": f"{platform.system()} {platform.machine()}, Python {platform.python_version()}",
            "loadavg_before": loadavg_before,
            "loadavg_after": loadavg_after,
            "ramp": ramp,
            "hot": len(hot),
            "hot_tasks": sorted(hot),
            "officer_agencies": chosen,
            "mix": mix_text(mix),
        },
        totals={
            "requests": len(reqs),
            "errors": errors,
            "wall_s": wall,
            "rps": len(reqs) / wall if wall else 0.0,
            "actions": len(actions),
            "actions_per_s": len(actions) / wall if wall else 0.0,
        },
        races={
            "count": len(race_ops),
            "participants": sum(len(v) for v in race_ops.values()),
            "one_winner": sum(w == 1 for w in winners),
            "no_winner": sum(w == 0 for w in winners),
            "several_winners": sum(w > 1 for w in winners),
        },
        check=check,
        cpu=cpu,
        scheduler=sched,
        server_log={
            "errors": len(error_blocks),
            "first": error_blocks[0].splitlines()[-1] if error_blocks else "",
            "summary": error_summary(error_blocks),
            "blocks": error_blocks[:30],
        },
        crashes=log_.crashes,
    )
    text = report(res, reqs, actions, ops)
    print(text)
    for crash in log_.crashes:
        print(crash, file=sys.stderr)
    args.json.parent.mkdir(parents=True, exist_ok=True)
    raw = {
        **res,
        "errors_detail": [asdict(r) for r in reqs if r.outcome == "error"][:200],
        "ops": [asdict(o) for o in ops],
        "requests": {"fields": list(Req.__dataclass_fields__), "rows": [list(asdict(r).values()) for r in reqs]},
        "actions": {"fields": list(Action.__dataclass_fields__), "rows": [list(asdict(a).values()) for a in actions]},
    }
    args.json.write_text(json.dumps(raw, ensure_ascii=False, default=str, separators=(",", ":")) + "\n")
    if not args.no_doc:
        write_section(DOC, text)
        log(f"wrote the '{SECTION}' section of {DOC.relative_to(ROOT)}")
    log(f"raw figures in {args.json}")
    ok = errors == 0 and check["lost_updates"] == 0 and check["audit"]["ok"] and not log_.crashes
    return 0 if ok else 1


def mix_text(mix: list[Account]) -> str:
    by = Counter((a.role, a.username) for a in mix)
    parts = [f"{n} × `{u}` ({'agency officer' if r == 'agency' else r})" for (r, u), n in by.items()]
    return ", ".join(parts)


if __name__ == "__main__":
    sys.exit(main())
