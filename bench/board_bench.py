#!/usr/bin/env python3
"""Time the tracker's board and overdue scan against the bare board (../shared/bench), and report.

`make bench` (or `.venv/bin/python bench/board_bench.py [options]`). Self-contained, once per database
(`--backends sqlite,postgresql`; PostgreSQL: a private throwaway cluster from bench/pg.py, or
BENCH_PG_URL): under a temporary folder it creates one database and instance folder per size, migrates
and seeds them with the project's own CLI (109 = `seed-demo`, the sample plan; any other N =
`seed-demo --synthetic N`), times the overdue scan on each (bench/scan_bench.py), starts one tracker
per size as production does (gunicorn, one gthread worker, TRACKER_TODAY=2026-06-16,
BOARD_REFRESH_SECONDS=3600 so no refresh interferes, SCHEDULER_ENABLED=0) and the bare board twice
(`../shared/bench/bare_board.py`, FLOOR_CARD=lean, FLOOR_N=109 and 1000, FLOOR_COMPRESS=gzip,
FLOOR_ASSETS = a temporary folder with the bench's floor.css and the tracker's vendored Bootstrap as
bootstrap.min.css), all on free ports, waits for them, measures, reads the worker's peak memory, stops
them, prints Markdown tables and writes them into the "Board and scan — <database>" sections of
docs/PERFORMANCE.md (the rest of that file is kept).

Measurement definitions are those of ../shared/bench/bare_board_timing.py, which this script imports:
the bare board is measured by its own functions (do_transfer, do_nav, do_move, do_server) and the
tracker by functions below that mirror them line for line, with the same Chromium flags, viewport,
percentiles and the same rAF / MutationObserver probes:

  nav       One browser context (signed in once as --user for the tracker; the bare board has no
            login). 1 untimed load, then R timed page.goto(BASE) in the same tab. cards_ms =
            performance.now() at the first animation frame in which the number of `.task-card`
            (tracker: `#board .task-card`) is >= the number the board renders (bare: /floor-info;
            tracker: counted on the page after sign-in, i.e. DEFAULT_CELL_LIMIT per cell at most). Median and p95.
  move      Bare: its own method (set_props on #move-req, click #move-full / #move-patch; t_dom =
            first mutation after which the card with the new version is in the target cell).
            Tracker, signed in as `sotttt` (coordinator): cards spread over the lanes whose next step
            is legal (not_started->in_progress, in_progress->submitted, submitted->done) and that will
            still be among the cell's first cards after the move; the move goes through the page's own
            keyboard path: click `.card-move` (opens the menu, not timed), 50 ms pause (as the bare
            script), t0, click the menu's first `.move-item`. shown_ms = first mutation batch after
            which the card sits in the target cell (the optimistic move); confirmed_ms = first
            mutation batch after the server's answer was drawn (drawCount() increased) in which the
            card is in the target cell, without `pending`, with a higher data-version. *_frame_ms = the
            next animation frame after each. 250 ms pause between moves. p50 / p95.
  server    The board callback POST /_dash-update-component captured from a real page (the bare board's
            load; the tracker's page arrives with its first data, so the callback a filter change fires;
            with the page's cookies and its X-CSRFToken header), replayed K times with one
            requests.Session after 3 warm-up calls; wall time including reading the whole body;
            median / p95 and response bytes.
  transfer  One cold load: CDP Network.loadingFinished.encodedDataLength summed over every response
            (headers + body as sent). Bare: a fresh profile. Tracker: a fresh profile signed in, then
            the browser cache cleared and the board page loaded (the login page is not counted).

Targets (ratios of medians measured in this same run) are printed PASS/FAIL; nothing is tuned.
Never add these timings to tests/: this machine is shared and noisy; only same-run ratios hold.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from datetime import datetime
from pathlib import Path

import brotli
import requests
from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the project, for its board's cell limit
sys.path.insert(0, str(Path(__file__).resolve().parent))  # bench/pg.py
from sqlalchemy import text

from models.board import DEFAULT_CELL_LIMIT
from models.database import make_engine

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SHARED = ROOT.parent / "shared" / "bench"
TODAY = "2026-06-16"
BARE_SIZES = (109, 1000)
MACHINE_NOTE = "2 cores, headless Chromium, warm"
SECTION = "## Board and scan"
MOVE_USER = "sotttt"  # coordinator: may make every legal move


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def load_bare_timing(shared: Path):
    """bare_board_timing.py as a module: its flags, probes, percentiles and measuring functions."""
    path = shared / "bare_board_timing.py"
    spec = importlib.util.spec_from_file_location("bare_board_timing", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# ---- browser probes for the tracker (same shape as bare_board_timing's INIT_JS / READY_JS / MOVE_JS)

TRACKER_INIT_JS = """(() => {
  const n = %d;
  function tick() {
    const c = document.querySelectorAll('#board .task-card').length;
    if (c >= n) { window.__hit = {t: performance.now(), count: c}; return; }
    requestAnimationFrame(tick);
  }
  requestAnimationFrame(tick);
})();"""

TRACKER_READY_JS = """() => {
  const res = performance.getEntriesByType('resource');
  let last = 0; for (const r of res) last = Math.max(last, r.responseEnd);
  const nav = performance.getEntriesByType('navigation')[0];
  const cb = res.filter(r => r.name.includes('_dash-update-component'));
  const dx = window.dash_clientside && window.dash_clientside.dxBoard;
  return {hit: window.__hit, lastResponseEnd: last, nres: res.length,
          domContentLoaded: nav ? nav.domContentLoadedEventEnd : null,
          indexEnd: nav ? nav.responseEnd : null,
          cbStart: cb.length ? cb[0].startTime : null, cbEnd: cb.length ? cb[cb.length-1].responseEnd : null,
          cbs: cb.map(r => ({start: r.startTime, reqStart: r.requestStart, respStart: r.responseStart,
                             end: r.responseEnd, bytes: r.transferSize})),
          draws: dx ? dx.drawCount() : null};
}"""

DRAWN_JS = (
    "() => !!(window.dash_clientside && window.dash_clientside.dxBoard"
    " && window.dash_clientside.dxBoard.drawCount() > 0)"
)

TRACKER_MOVE_JS = """async ([k, own, limit]) => {
  const NEXT = {not_started: 'in_progress', in_progress: 'submitted', submitted: 'done'};
  const board = document.getElementById('board');
  const dx = window.dash_clientside.dxBoard;
  const key = c => [c.dataset.agency === own ? 0 : 1, parseInt(c.dataset.taskId)];
  const before = (a, b) => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
  // the server sorts a cell: the user's own agency first, then plan order; it draws the first `limit`
  function staysVisible(card, lane, to) {
    const cell = lane.querySelector(`.cell[data-status="${to}"]`);
    if (!cell) return false;
    const shown = cell.querySelectorAll('.task-card');
    if (!cell.querySelector('.cell-more') && shown.length < limit) return true;
    return before(key(card), key(shown[shown.length - 1]));
  }
  const lanes = Array.from(board.querySelectorAll('.lane[data-lane]'));
  let pick = null;
  for (let i = 0; i < lanes.length && !pick; i++) {
    const lane = lanes[(k + i) % lanes.length];
    const cands = Array.from(lane.querySelectorAll('.cell[data-status] .task-card')).filter(c => {
      const to = NEXT[c.closest('.cell').dataset.status];
      return to && c.querySelector('.card-move') && !c.classList.contains('pending') && staysVisible(c, lane, to);
    });
    if (cands.length) pick = cands[(k * 7919) % cands.length];
  }
  if (!pick) throw new Error('no card with a legal next step');
  const id = pick.dataset.taskId, v0 = parseInt(pick.dataset.version);
  const lane = pick.closest('.lane').dataset.lane, from = pick.closest('.cell').dataset.status, to = NEXT[from];
  pick.querySelector('.card-move').click();               // opens the keyboard menu (not timed)
  const items = Array.from(pick.querySelectorAll('.move-menu .move-item'));
  let item = items[0];
  const firstIsNext = !!item && item.dataset.to === to;
  if (!firstIsNext) item = items.find(x => x.dataset.to === to);
  if (!item) throw new Error(`task ${id}: no menu item to ${to}`);
  await new Promise(r => setTimeout(r, 50));              // as bare_board_timing: settle; not timed
  performance.clearResourceTimings();
  const draws0 = dx.drawCount();
  const sel = `.lane[data-lane="${lane}"] .cell[data-status="${to}"] .task-card[data-task-id="${id}"]`;
  return await new Promise((resolve, reject) => {
    let t0 = 0, shown = null, shownFrame = null, conf = null, confFrame = null, state = null;
    const timer = setTimeout(() => { obs.disconnect(); reject(new Error('move timeout ' + sel)); }, 120000);
    function finish() {
      if (shownFrame === null || confFrame === null) return;
      clearTimeout(timer);
      const cb = performance.getEntriesByType('resource').filter(r => r.name.includes('_dash-update-component'));
      resolve({shown_ms: shown, shown_frame_ms: shownFrame, confirmed_ms: conf, confirmed_frame_ms: confFrame,
               state: state, first_item_is_next: firstIsNext,
               xhr_ms: cb.length ? cb[0].responseEnd - cb[0].startTime : null,
               xhr_wait_ms: cb.length ? cb[0].responseStart - cb[0].requestStart : null,
               xhr_end_ms: cb.length ? cb[0].responseEnd - t0 : null,
               xhr_bytes: cb.length ? cb[0].transferSize : null, task: id, lane: lane, from: from, to: to});
    }
    const obs = new MutationObserver(() => {
      const now = performance.now();
      const c = document.querySelector(sel);
      if (shown === null && c) {
        shown = now - t0;
        requestAnimationFrame(() => { shownFrame = performance.now() - t0; finish(); });
      }
      if (conf === null && dx.drawCount() > draws0) {   // the server's answer has been drawn
        const fresh = document.querySelector(sel);
        const ok = fresh && !fresh.classList.contains('pending') && parseInt(fresh.dataset.version) > v0;
        const back = document.querySelector(`.task-card[data-task-id="${id}"]`);
        state = ok ? 'confirmed' : (back ? 'refused_or_stale' : 'hidden_after_redraw');
        conf = now - t0; obs.disconnect();
        requestAnimationFrame(() => { confFrame = performance.now() - t0; finish(); });
      }
    });
    obs.observe(board, {childList: true, subtree: true, attributes: true});
    t0 = performance.now();
    item.click();
  });
}"""


# ---- processes --------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """One server process we started (stopped by its own handle, never by name)."""

    def __init__(self, name: str, cmd: list[str], env: dict, cwd: Path, logfile: Path, ready_path: str, port: int):
        self.name, self.cmd, self.env, self.cwd, self.logfile = name, cmd, env, cwd, logfile
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        self.ready_path = ready_path
        self.proc: subprocess.Popen | None = None

    def start(self) -> None:
        self._log = open(self.logfile, "wb")  # noqa: SIM115 (open for the server's whole life; closed in stop)
        self.proc = subprocess.Popen(self.cmd, env=self.env, cwd=self.cwd, stdout=self._log, stderr=subprocess.STDOUT)
        log(f"started {self.name} (pid {self.proc.pid}) on {self.base}")

    def wait_ready(self, timeout: float = 180) -> None:
        end = time.time() + timeout
        while time.time() < end:
            if self.proc.poll() is not None:
                raise RuntimeError(f"{self.name} exited ({self.proc.returncode}):\n{self.tail()}")
            try:
                if requests.get(self.base + self.ready_path, timeout=5, allow_redirects=False).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"{self.name} not ready after {timeout:.0f}s:\n{self.tail()}")

    def tail(self, n: int = 30) -> str:
        try:
            return "\n".join(self.logfile.read_text(errors="replace").splitlines()[-n:])
        except OSError:
            return ""

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)
        if getattr(self, "_log", None):
            self._log.close()


def tracker_env(work: Path, n: int, port: int, database_url: str) -> dict:
    inst = work / f"tracker-{n}" / "instance"
    inst.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ)
    for k in ("SECRET_KEY", "APP_BASE_URL", "TRUSTED_PROXIES", "HOST", "TEST_DATABASE_URL"):
        env.pop(k, None)
    env.update(
        TRACKER_INSTANCE_PATH=str(inst),
        DATABASE_URL=database_url,
        SCHEDULER_ENABLED="0",  # the web worker never runs the scheduler (a process of its own in production)
        TRACKER_TODAY=TODAY,
        BOARD_REFRESH_SECONDS="3600",
        PORT=str(port),
        PYTHONUNBUFFERED="1",
    )
    return env


def seed_tracker(env: dict, n: int) -> float:
    cmd = [sys.executable, "-m", "dashapp", "seed-demo"] + ([] if n == 109 else ["--synthetic", str(n)])
    t0 = time.perf_counter()
    init = subprocess.run(
        [sys.executable, "-m", "dashapp", "init-db"], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    if init.returncode != 0:
        raise RuntimeError(f"init-db for {n} failed:\n{init.stdout}\n{init.stderr}")
    out = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=900)
    if out.returncode != 0:
        raise RuntimeError(f"seeding {n} failed:\n{out.stdout}\n{out.stderr}")
    return time.perf_counter() - t0


def own_agency(env: dict, user: str) -> str:
    """The signed-in user's agency code (the server draws that agency's cards first in each cell)."""
    engine = make_engine(env["DATABASE_URL"])
    try:
        with engine.connect() as c:
            row = c.execute(
                text("select a.code from app_user u join agency a on a.id = u.agency_id where u.username = :u"),
                {"u": user},
            ).first()
    finally:
        engine.dispose()
    return row[0] if row else ""


def database_url(backend: str, work: Path, n: int, pg_server: str | None) -> str:
    """A new empty database for the tracker of size `n`: a SQLite file, or a database on the PG server."""
    if backend == "sqlite":
        return f"sqlite:///{work / f'tracker-{n}' / 'tracker.db'}"
    name = f"bench_{n}_{os.getpid()}"
    admin = make_engine(pg_server, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
            c.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    return pg_server.rsplit("/", 1)[0] + "/" + name


def scan_figures(env: dict) -> dict:
    """bench/scan_bench.py on the seeded database (a process of its own, as the scheduler is)."""
    out = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "scan_bench.py"), "--url", env["DATABASE_URL"], "--today", TODAY],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if out.returncode != 0:
        raise RuntimeError(f"scan bench failed:\n{out.stdout}\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def peak_rss_kb(master_pid: int) -> dict:
    """Peak and current resident memory (VmHWM, VmRSS, KB) of gunicorn's worker (the master's child)."""
    try:
        children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    except OSError:
        children = []
    out = {}
    for pid in children[:1] or [str(master_pid)]:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(("VmHWM:", "VmRSS:")):
                key, value = line.split(":", 1)
                out[key] = int(value.split()[0])
    return out


def floor_assets(work: Path, shared: Path) -> Path:
    folder = work / "floor_assets"
    folder.mkdir(exist_ok=True)
    shutil.copy(shared / "assets" / "floor.css", folder / "floor.css")
    vendored = sorted(ROOT.glob("assets/*bootstrap*.min.css"))
    if not vendored:
        raise RuntimeError("no vendored Bootstrap in assets/")
    shutil.copy(vendored[-1], folder / "bootstrap.min.css")
    return folder


# ---- tracker measurements (mirror bare_board_timing) ---------------------------------------------


def sign_in(page, base: str, user: str, password: str) -> int:
    """Sign in through the form; returns the number of cards the board draws (counted once drawn)."""
    page.goto(base + "/login")
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_function(DRAWN_JS, polling=100)
    page.wait_for_load_state("networkidle")
    return page.eval_on_selector_all("#board .task-card", "cs => cs.length")


def t_transfer(pw, a, bt, base: str, user: str) -> dict:
    ctx, page, udd = bt.launch(pw, a)
    try:
        n = sign_in(page, base, user, a.password)
        ctx.add_init_script(TRACKER_INIT_JS % n)
        cdp = ctx.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.clearBrowserCache")
        reqs: dict = {}

        def on_resp(e):
            r = e["response"]
            h = {k.lower(): v for k, v in r.get("headers", {}).items()}
            reqs.setdefault(e["requestId"], {}).update(
                url=r["url"],
                status=r["status"],
                mime=r.get("mimeType"),
                encoding=h.get("content-encoding", ""),
                decoded=reqs.get(e["requestId"], {}).get("decoded", 0),
            )

        def on_data(e):
            reqs.setdefault(e["requestId"], {}).setdefault("decoded", 0)
            reqs[e["requestId"]]["decoded"] += e.get("dataLength", 0)

        def on_fin(e):
            reqs.setdefault(e["requestId"], {})["wire"] = e.get("encodedDataLength", 0)

        cdp.on("Network.responseReceived", on_resp)
        cdp.on("Network.dataReceived", on_data)
        cdp.on("Network.loadingFinished", on_fin)
        page.goto(base + "/")
        page.wait_for_function("() => window.__hit", polling=100)
        page.wait_for_load_state("networkidle")
        time.sleep(0.5)
        rows = []
        for r in reqs.values():
            if "url" not in r:
                continue
            rows.append(
                {
                    "what": bt.classify(r["url"]),
                    "url": r["url"].replace(base, ""),
                    "status": r["status"],
                    "encoding": r["encoding"],
                    "wire": r.get("wire", 0),
                    "decoded": r.get("decoded", 0),
                }
            )
        rows.sort(key=lambda r: -r["decoded"])
        tot = {"wire": sum(r["wire"] for r in rows), "decoded": sum(r["decoded"] for r in rows), "requests": len(rows)}
        return {"total": tot, "rows": rows}
    finally:
        ctx.close()
        shutil.rmtree(udd, ignore_errors=True)


def t_nav(pw, a, bt, base: str, user: str) -> dict:
    ctx, page, udd = bt.launch(pw, a)
    try:
        n = sign_in(page, base, user, a.password)
        ctx.add_init_script(TRACKER_INIT_JS % n)
        page.goto(base + "/")  # the untimed load
        page.wait_for_function("() => window.__hit", polling=100)
        page.wait_for_load_state("networkidle")
        runs = []
        for i in range(a.runs):
            page.goto(base + "/", wait_until="commit")
            page.wait_for_function("() => window.__hit", polling=50)
            page.wait_for_load_state("networkidle")
            r = page.evaluate(TRACKER_READY_JS)
            cbs = r["cbs"]
            rec = {
                "cards_ms": r["hit"]["t"],
                "ready_ms": max(r["hit"]["t"], r["lastResponseEnd"]),
                "dcl_ms": r["domContentLoaded"],
                "cb_start_ms": r["cbStart"],
                "cb_end_ms": r["cbEnd"],
                "count": r["hit"]["count"],
                "nres": r["nres"],
                "index_end_ms": r["indexEnd"],
                "callbacks": len(cbs),
                "draws": r["draws"],
                # time the browser waited for the server's first byte, over every callback of the load
                "cb_wait_ms": sum(c["respStart"] - c["reqStart"] for c in cbs),
                "cb_net_ms": sum(c["end"] - c["start"] for c in cbs),
                "board_cb_ms": (cbs[-1]["end"] - cbs[-1]["start"]) if cbs else None,
                "board_cb_wait_ms": (cbs[-1]["respStart"] - cbs[-1]["reqStart"]) if cbs else None,
                "shell_cb_ms": (cbs[0]["end"] - cbs[0]["start"]) if len(cbs) > 1 else None,
                "draw_after_last_cb_ms": r["hit"]["t"] - r["cbEnd"] if r["cbEnd"] else None,
            }
            runs.append(rec)
            print(
                f"  nav {i + 1}/{a.runs}: cards {rec['cards_ms']:.0f} ms, ready {rec['ready_ms']:.0f} ms, "
                f"callbacks {rec['callbacks']} {rec['cb_start_ms'] or 0:.0f}..{rec['cb_end_ms'] or 0:.0f} "
                f"(server wait {rec['cb_wait_ms']:.0f})",
                file=sys.stderr,
            )
        # cold: the same signed-in tab with the browser's HTTP cache off, so every bundle comes again
        cdp = ctx.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cold = []
        for i in range(a.cold_runs):
            page.goto(base + "/", wait_until="commit")
            page.wait_for_function("() => window.__hit", polling=50)
            page.wait_for_load_state("networkidle")
            cold.append(page.evaluate(TRACKER_READY_JS)["hit"]["t"])
            print(f"  cold nav {i + 1}/{a.cold_runs}: cards {cold[-1]:.0f} ms", file=sys.stderr)
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
        out = {"runs": runs, "cards_expected": n}
        if cold:
            out["cold_cards_ms"] = bt.summ(cold)
        out.update(
            summaries(
                bt,
                runs,
                (
                    "cards_ms",
                    "ready_ms",
                    "dcl_ms",
                    "index_end_ms",
                    "cb_start_ms",
                    "cb_end_ms",
                    "cb_wait_ms",
                    "cb_net_ms",
                    "board_cb_ms",
                    "board_cb_wait_ms",
                    "shell_cb_ms",
                    "draw_after_last_cb_ms",
                ),
            )
        )
        return out
    finally:
        ctx.close()
        shutil.rmtree(udd, ignore_errors=True)


def bare_nav(pw, a, bt, info) -> dict:
    """bare_board_timing's do_nav, then cold loads in a tab with the HTTP cache off (as t_nav's)."""
    out = bt.do_nav(pw, a, info)
    ctx, page, udd = bt.launch(pw, a)
    try:
        ctx.add_init_script(bt.INIT_JS % info["cards_rendered"])
        cdp = ctx.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cold = []
        for _ in range(a.cold_runs):
            page.goto(a.base + "/", wait_until="commit")
            page.wait_for_function("() => window.__hit", polling=50)
            page.wait_for_load_state("networkidle")
            cold.append(page.evaluate(bt.READY_JS)["hit"]["t"])
        if cold:
            out["cold_cards_ms"] = bt.summ(cold)
    finally:
        ctx.close()
        shutil.rmtree(udd, ignore_errors=True)
    return out


def summaries(bt, runs: list[dict], keys) -> dict:
    """Median / p95 (bare_board_timing's summ) of each key over the runs that measured it."""
    out = {}
    for k in keys:
        xs = [r[k] for r in runs if r[k] is not None]
        if xs:
            out[k] = bt.summ(xs)
    return out


def t_move(pw, a, bt, base: str, user: str, own: str, limit: int) -> dict:
    ctx, page, udd = bt.launch(pw, a)
    try:
        sign_in(page, base, user, a.password)
        runs = []
        for k in range(a.moves):
            r = page.evaluate(TRACKER_MOVE_JS, [k + 1, own, limit])
            runs.append(r)
            print(
                f"  move {k + 1}/{a.moves} ({r['task']} {r['from']}->{r['to']}, {r['state']}): shown "
                f"{r['shown_ms']:.1f} frame {r['shown_frame_ms']:.0f}, confirmed {r['confirmed_ms']:.0f} "
                f"frame {r['confirmed_frame_ms']:.0f}, xhr {r['xhr_ms'] or 0:.0f} ms ({r['xhr_bytes']} B)",
                file=sys.stderr,
            )
            time.sleep(0.25)
        out = {
            "runs": runs,
            "states": {s: sum(r["state"] == s for r in runs) for s in {r["state"] for r in runs}},
            "first_item_is_next": all(r["first_item_is_next"] for r in runs),
            "lanes": sorted({r["lane"] for r in runs}),
            "xhr_bytes_median": statistics.median([r["xhr_bytes"] or 0 for r in runs]),
        }
        out.update(
            summaries(
                bt,
                runs,
                (
                    "shown_ms",
                    "shown_frame_ms",
                    "confirmed_ms",
                    "confirmed_frame_ms",
                    "xhr_ms",
                    "xhr_wait_ms",
                    "xhr_end_ms",
                ),
            )
        )
        return out
    finally:
        ctx.close()
        shutil.rmtree(udd, ignore_errors=True)


def is_board_load(post_data: str) -> bool:
    try:
        body = json.loads(post_data)
    except (TypeError, ValueError):
        return False
    return str(body.get("output", "")).startswith("..board-data.data...") and not any(
        i.get("id") == "board-move" for i in body.get("inputs", [])
    )


def t_server(pw, a, bt, base: str, user: str) -> dict:
    ctx, page, udd = bt.launch(pw, a)
    try:
        got: dict = {}

        def on_req(req):
            if "_dash-update-component" in req.url and "body" not in got and is_board_load(req.post_data or ""):
                got["body"] = req.post_data
                got["url"] = req.url
                got["headers"] = {k: v for k, v in req.headers.items() if k.lower() in ("content-type", "x-csrftoken")}

        page.on("request", on_req)
        sign_in(page, base, user, a.password)
        # The page arrives with its first board data (in the layout request), so ask the board callback
        # once more the way the page does when a filter or a cell's limit changes, and capture that.
        page.evaluate("window.dash_clientside.set_props('board-limits', {data: {'bench|none': 20}})")
        page.wait_for_timeout(1500)
        cookies = ctx.cookies(base)
    finally:
        ctx.close()
        shutil.rmtree(udd, ignore_errors=True)
    if "body" not in got:
        raise RuntimeError("board callback request not seen")
    body, headers = got["body"], dict(got["headers"])
    headers.setdefault("content-type", "application/json")
    headers["Cookie"] = "; ".join(f"{c['name']}={c['value']}" for c in cookies)
    s = requests.Session()
    for _ in range(3):  # warm-up
        s.post(got["url"], data=body, headers=headers).raise_for_status()
    ts, sizes, enc = [], [], set()
    for _ in range(a.calls):
        t0 = time.perf_counter()
        r = s.post(got["url"], data=body, headers=headers, stream=True)
        raw = r.raw.read(decode_content=False)
        ts.append((time.perf_counter() - t0) * 1000)
        r.raise_for_status()
        sizes.append(len(raw))
        enc.add(r.headers.get("content-encoding", ""))
    encoding = r.headers.get("content-encoding", "")
    data = json.loads(
        gzip.decompress(raw) if encoding == "gzip" else brotli.decompress(raw) if encoding == "br" else raw
    )
    view = data["response"]["board-data"]["data"]
    records = sum(len(c["tasks"]) for c in view["cells"].values())
    counted = sum(c["count"] for c in view["cells"].values())
    return {
        "ms": bt.summ(ts),
        "wire_body_bytes": statistics.median(sizes),
        "encoding": sorted(enc),
        "records_sent": records,
        "tasks_on_board": counted,
        "request_body": body[:300],
    }


# ---- orchestration ------------------------------------------------------------------------------


def guarded(results: dict, key: str, fn, *args):
    t0 = time.time()
    try:
        results[key] = fn(*args)
    except Exception as e:  # keep measuring the others; the table says "error"
        traceback.print_exc()
        results[key] = {"error": f"{type(e).__name__}: {e}"}
    log(f"{key} done in {time.time() - t0:.0f}s")


BT = None  # bare_board_timing, once loaded


def run(a, backend: str = "sqlite", pg_server: str | None = None) -> dict:
    global BT
    bt = BT = load_bare_timing(a.shared)
    work = Path(tempfile.mkdtemp(prefix="board_bench_"))
    log(f"work folder {work}")
    servers: dict[str, Server] = {}
    res: dict = {
        "started": datetime.now().isoformat(timespec="seconds"),
        "argv": sys.argv[1:],
        "options": {
            "runs": a.runs,
            "moves": a.moves,
            "calls": a.calls,
            "sizes": a.sizes,
            "user": a.user,
            "quick": a.quick,
            "cold_runs": a.cold_runs,
        },
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(), "loadavg_start": os.getloadavg()},
        "backend": backend,
        "boards": {},
        "seed_s": {},
        "scan": {},
    }
    try:
        assets = floor_assets(work, a.shared)
        for n in a.sizes:
            port = free_port()
            env = tracker_env(work, n, port, database_url(backend, work, n, pg_server))
            res["seed_s"][n] = round(seed_tracker(env, n), 2)
            log(f"seeded tracker-{n} ({backend}) in {res['seed_s'][n]} s")
            guarded(res["scan"], n, scan_figures, env)
            log(f"scan tracker-{n}: {json.dumps(res['scan'][n])[:300]}")
            # production's server: gunicorn, one gthread worker (its peak memory is measured at the end)
            gunicorn = [sys.executable, "-m", "gunicorn", "-w", "1", "-k", "gthread", "--threads", "4"]
            srv = Server(
                f"tracker-{n}",
                [*gunicorn, "-b", f"127.0.0.1:{port}", "dashapp.wsgi:server"],
                env,
                ROOT,
                work / f"tracker-{n}.log",
                "/login",
                port,
            )
            srv.own = own_agency(env, MOVE_USER)
            servers[f"tracker-{n}"] = srv
        for n in BARE_SIZES:
            port = free_port()
            env = dict(
                os.environ,
                FLOOR_CARD="lean",
                FLOOR_N=str(n),
                FLOOR_LIMIT="0",
                FLOOR_COMPRESS="gzip",  # as the tracker: the first-load target compares compressed loads
                FLOOR_PORT=str(port),
                FLOOR_ASSETS=str(assets),
                PYTHONUNBUFFERED="1",
            )
            servers[f"bare-{n}"] = Server(
                f"bare-{n}",
                [sys.executable, str(a.shared / "bare_board.py")],
                env,
                work,
                work / f"bare-{n}.log",
                "/floor-info",
                port,
            )
        for srv in servers.values():
            srv.start()
        for srv in servers.values():
            srv.wait_ready()
        infos = {k: requests.get(s.base + "/floor-info").json() for k, s in servers.items() if k.startswith("bare")}
        for k in servers:
            res["boards"][k] = {"base": servers[k].base}
            if k in infos:
                res["boards"][k]["info"] = infos[k]
        log("all servers ready")

        order = ["bare-109"] + [f"tracker-{n}" for n in a.sizes] + ["bare-1000"]
        bargs = {
            k: argparse.Namespace(
                base=servers[k].base,
                runs=a.runs,
                moves=a.moves,
                modes="full,patch",
                calls=a.calls,
                cold_runs=a.cold_runs,
                chromium=a.chromium,
                timeout=a.timeout,
                password=a.password,
            )
            for k in servers
        }
        with sync_playwright() as pw:
            # grouped by measure so that the figures compared with each other are taken close in time;
            # moves last, so every read sees the seeded state
            for what in ("transfer", "nav", "server", "move"):
                for k in order:
                    log(f"{what} {k}")
                    b, srv = res["boards"][k], servers[k]
                    if k.startswith("bare"):
                        if what == "nav":
                            guarded(b, what, bare_nav, pw, bargs[k], bt, infos[k])
                        else:
                            fn = {"transfer": bt.do_transfer, "server": bt.do_server, "move": bt.do_move}[what]
                            guarded(b, what, fn, pw, bargs[k], infos[k])
                    elif what == "move":
                        guarded(b, what, t_move, pw, bargs[k], bt, srv.base, MOVE_USER, srv.own, a.cell_limit)
                    else:
                        fn = {"transfer": t_transfer, "nav": t_nav, "server": t_server}[what]
                        guarded(b, what, fn, pw, bargs[k], bt, srv.base, a.user)
    finally:
        for k, srv in servers.items():
            if k.startswith("tracker") and srv.proc and srv.proc.poll() is None and k in res["boards"]:
                res["boards"][k]["memory_kb"] = peak_rss_kb(srv.proc.pid)
        for srv in servers.values():
            srv.stop()
        log("servers stopped")
        res["machine"]["loadavg_end"] = os.getloadavg()
        res["finished"] = datetime.now().isoformat(timespec="seconds")
        if a.keep:
            log(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)
    return res


# ---- report -------------------------------------------------------------------------------------


def g(d: dict, *path, default=None):
    for p in path:
        if not isinstance(d, dict) or p not in d:
            return default
        d = d[p]
    return d


def ms(x) -> str:
    if x is None:
        return "—"
    return f"{x:,.0f}" if x >= 10 else f"{x:.1f}"


def kb(x) -> str:
    return "—" if x is None else f"{x / 1024:,.0f} KB" if x >= 10240 else f"{x / 1024:,.1f} KB"


def pair(d: dict | None, key_p50="median", key_p95="p95") -> str:
    if not d:
        return "—"
    return f"{ms(d.get(key_p50))} / {ms(d.get(key_p95))}"


def label(k: str) -> str:
    kind, n = k.split("-")
    return f"bare board, lean ({int(n):,} tasks)" if kind == "bare" else f"tracker ({int(n):,} tasks)"


def tables(res: dict) -> str:
    boards = res["boards"]
    order = [k for k in ["bare-109", "bare-1000"] if k in boards] + sorted(
        [k for k in boards if k.startswith("tracker")], key=lambda k: int(k.split("-")[1])
    )
    out = [
        "| board | cards drawn | nav p50 / p95 ms | cold nav p50 / p95 ms | ready p50 ms | move shown p50 / p95 ms | "
        "move confirmed p50 / p95 ms | server p50 / p95 ms | callback response | cold load (wire) | worker peak RSS |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for k in order:
        b = boards[k]
        if k.startswith("bare"):
            cards = g(b, "info", "cards_rendered")
            shown = g(b, "move", "full", "dom_ms")
            conf = shown  # the bare board has no optimistic step: the card shows when the server answers
            move_cell, conf_cell = (
                (f"{pair(shown)} (full)" if shown else "—"),
                (f"{pair(conf)} (full)" if conf else "—"),
            )
        else:
            cards = g(b, "nav", "cards_expected")
            move_cell, conf_cell = pair(g(b, "move", "shown_ms")), pair(g(b, "move", "confirmed_ms"))
        nav = g(b, "nav", "cards_ms")
        out.append(
            "| "
            + " | ".join(
                [
                    label(k),
                    f"{cards:,}" if cards is not None else "—",
                    pair(nav) if nav else err(b, "nav"),
                    pair(g(b, "nav", "cold_cards_ms")) if g(b, "nav", "cold_cards_ms") else "—",
                    ms(g(b, "nav", "ready_ms", "median")),
                    move_cell if "error" not in b.get("move", {}) else err(b, "move"),
                    conf_cell,
                    pair(g(b, "server", "ms")) if g(b, "server", "ms") else err(b, "server"),
                    kb(g(b, "server", "wire_body_bytes")),
                    kb(g(b, "transfer", "total", "wire")) if g(b, "transfer", "total") else err(b, "transfer"),
                    f"{g(b, 'memory_kb', 'VmHWM') / 1024:,.0f} MB" if g(b, "memory_kb", "VmHWM") else "—",
                ]
            )
            + " |"
        )
    # moves in detail
    out += [
        "",
        "Moves in detail (p50 / p95 ms; *dom* = first mutation with the card in its target cell, "
        "*frame* = the next animation frame; *request* = the move's POST, start to last byte):",
        "",
        "| board | mode | shown dom | shown frame | confirmed dom | confirmed frame | request | "
        "request bytes | outcome |",
        "|---|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for k in order:
        b = boards[k]
        if k.startswith("bare"):
            for mode in ("full", "patch"):
                m = g(b, "move", mode)
                if not m:
                    continue
                out.append(
                    f"| {label(k)} | {mode} | {pair(m['dom_ms'])} | {pair(m['frame_ms'])} | "
                    f"{pair(m['dom_ms'])} | {pair(m['frame_ms'])} | {pair(m.get('xhr_ms'))} | "
                    f"{kb(m.get('xhr_bytes_median'))} | {m['dom_ms']['n']} moves |"
                )
        else:
            m = b.get("move") or {}
            if "shown_ms" not in m:
                continue
            states = ", ".join(f"{v} {s}" for s, v in sorted(m["states"].items()))
            out.append(
                f"| {label(k)} | menu → optimistic | {pair(m['shown_ms'])} | {pair(m['shown_frame_ms'])} | "
                f"{pair(m['confirmed_ms'])} | {pair(m['confirmed_frame_ms'])} | {pair(m.get('xhr_ms'))} | "
                f"{kb(m.get('xhr_bytes_median'))} | {states}; lanes {len(m['lanes'])} |"
            )
    # where a tracker navigation spends its time
    out += [
        "",
        "Where a tracker navigation goes (medians, ms from navigation start): *index* = HTML received, "
        "*DCL* = scripts run, *1st callback* = first `_dash-update-component` sent, *callbacks done* = last "
        "one received, *server wait* = summed time to first byte of those callbacks, *draw* = cards "
        "shown − callbacks done.",
        "",
        "| board | index | DCL | 1st callback | callbacks done | server wait | shell callback | "
        "board callback (wait) | draw | cards |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for k in order:
        nav = g(boards[k], "nav")
        if not nav or "cards_ms" not in nav:
            continue
        bcb = (
            f"{ms(g(nav, 'board_cb_ms', 'median'))} ({ms(g(nav, 'board_cb_wait_ms', 'median'))})"
            if "board_cb_ms" in nav
            else "—"
        )
        draw = g(nav, "draw_after_last_cb_ms", "median")
        if draw is None and g(nav, "cb_end_ms", "median") is not None:
            draw = nav["cards_ms"]["median"] - nav["cb_end_ms"]["median"]
        out.append(
            f"| {label(k)} | {ms(g(nav, 'index_end_ms', 'median'))} | {ms(g(nav, 'dcl_ms', 'median'))} | "
            f"{ms(g(nav, 'cb_start_ms', 'median'))} | {ms(g(nav, 'cb_end_ms', 'median'))} | "
            f"{ms(g(nav, 'cb_wait_ms', 'median'))} | {ms(g(nav, 'shell_cb_ms', 'median'))} | {bcb} | "
            f"{ms(draw)} | {ms(nav['cards_ms']['median'])} |"
        )
    return "\n".join(out)


def scan_table(res: dict) -> str:
    """The overdue scan on each seeded database, against a bare count of the same rows."""
    rows = [
        "| tasks | open with a deadline | `SELECT count(*)` ms | scan + digests, 1 day ms | × count | flagged "
        "(digests / items) | scan + digests, 10 working days ms | flagged | real scan with outbox writes ms |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for n, sc in sorted(res.get("scan", {}).items(), key=lambda kv: int(kv[0])):
        if "error" in sc:
            rows.append(f"| {int(n):,} | error ({sc['error'][:60]}) | | | | | | | |")
            continue
        count, one, ten = sc["count_ms"]["median"], sc["scan_1_ms"]["median"], sc["scan_10_ms"]["median"]
        rows.append(
            f"| {sc['tasks']:,} | {sc['considered']:,} | {ms(count)} | {ms(one)} | {one / count:.1f}× | "
            f"{sc['scan_1']['digests']} / {sc['scan_1']['items']:,} | {ms(ten)} | "
            f"{sc['scan_10']['digests']} / {sc['scan_10']['items']:,} | {ms(sc['write_ms'])} ({sc['written']} rows) |"
        )
    return "\n".join(rows)


def err(b: dict, what: str) -> str:
    e = g(b, what, "error")
    return f"error ({e[:60]})" if e else "—"


TARGETS = [
    # (name, numerator (board, metric), denominator (board, metric), limit)
    ("109 tasks: tracker nav ≤ 0.8 × bare lean 109 nav", ("tracker-109", "nav"), ("bare-109", "nav"), 0.8),
    ("move shown (tracker 109) ≤ 1.0 × bare move full (109)", ("tracker-109", "move"), ("bare-109", "move"), 1.0),
    ("1,000 tasks: nav ≤ 1.5 × the tracker's 109", ("tracker-1000", "nav"), ("tracker-109", "nav"), 1.5),
    ("10,000 tasks: nav ≤ 3 × the tracker's 109", ("tracker-10000", "nav"), ("tracker-109", "nav"), 3.0),
    ("server time at 10,000 ≤ 3 × at 109", ("tracker-10000", "server"), ("tracker-109", "server"), 3.0),
    (
        "first load (wire): tracker ≤ 1.25 × bare board (both compressed)",
        ("tracker-109", "transfer"),
        ("bare-109", "transfer"),
        1.25,
    ),
]
SCAN_TARGET_SIZE, SCAN_TARGET_MS = 100_000, 1000.0


def metric(res: dict, board: str, what: str):
    b = res["boards"].get(board, {})
    if what == "nav":
        return g(b, "nav", "cards_ms", "median")
    if what == "server":
        return g(b, "server", "ms", "median")
    if what == "transfer":
        return g(b, "transfer", "total", "wire")
    if what == "move":
        return (
            g(b, "move", "full", "dom_ms", "median") if board.startswith("bare") else g(b, "move", "shown_ms", "median")
        )
    return None


def targets(res: dict) -> list[dict]:
    out = []
    scan = g(res, "scan", SCAN_TARGET_SIZE) or g(res, "scan", str(SCAN_TARGET_SIZE))
    if scan and "scan_1_ms" in scan:
        took = scan["scan_1_ms"]["median"]
        out.append(
            {
                "name": f"overdue scan + digests of {SCAN_TARGET_SIZE:,} tasks < {SCAN_TARGET_MS / 1000:g} s",
                "num": took,
                "den": SCAN_TARGET_MS,
                "ratio": took / SCAN_TARGET_MS,
                "limit": 1.0,
                "verdict": "PASS" if took < SCAN_TARGET_MS else "FAIL",
            }
        )
    for name, (nb, nm), (db, dm), limit in TARGETS:
        num, den = metric(res, nb, nm), metric(res, db, dm)
        if num is None or den is None or den == 0:
            out.append({"name": name, "verdict": "n/a", "limit": limit})
            continue
        ratio = num / den
        out.append(
            {
                "name": name,
                "num": num,
                "den": den,
                "ratio": ratio,
                "limit": limit,
                "verdict": "PASS" if ratio <= limit else "FAIL",
            }
        )
    return out


def target_lines(ts: list[dict]) -> str:
    lines = []
    for t in ts:
        if t["verdict"] == "n/a":
            lines.append(f"- **n/a** {t['name']} (not measured in this run)")
            continue
        over = "" if t["verdict"] == "PASS" else f" — {t['ratio'] / t['limit']:.2f}× the allowed ratio"
        unit = (lambda x: kb(x)) if "wire" in t["name"] else (lambda x: f"{ms(x)} ms")
        lines.append(
            f"- **{t['verdict']}** {t['name']}: {unit(t['num'])} / {unit(t['den'])} = "
            f"**{t['ratio']:.2f}×** (target ≤ {t['limit']:g}×){over}"
        )
    return "\n".join(lines)


def diagnosis(res: dict, ts: list[dict]) -> str:
    """What dominates, from the numbers of this run (server vs browser split)."""
    B = res["boards"]
    lines = []

    def nav_split(k):
        nav = g(B, k, "nav") or {}
        if "cards_ms" not in nav:
            return None
        cards = nav["cards_ms"]["median"]
        first = g(nav, "cb_start_ms", "median")
        done = g(nav, "cb_end_ms", "median")
        srv = g(B, k, "server", "ms", "median")
        # the bare board has one callback: its server wait is the replayed callback time
        wait = g(nav, "cb_wait_ms", "median")
        if wait is None:
            wait = srv
        return {
            "cards": cards,
            "before_cb": first,
            "cb_span": (done - first) if first and done else None,
            "wait": wait,
            "draw": (cards - done) if done else None,
            "server": srv,
            "ncb": (nav.get("runs") or [{}])[0].get("callbacks", 1),
        }

    def phase_deltas(a_key, b_key):
        sa, sb = nav_split(a_key), nav_split(b_key)
        if not sa or not sb or None in (sa["before_cb"], sb["before_cb"], sa["cb_span"], sb["cb_span"]):
            return ""
        phases = [
            ("HTML + scripts + layout before the first callback", sa["before_cb"] - sb["before_cb"]),
            (
                f"callbacks ({sa['ncb']} against {sb['ncb']}; server wait {ms(sa['wait'])} against "
                f"{ms(sb['wait'])} ms{' replayed' if b_key.startswith('bare') else ''})",
                sa["cb_span"] - sb["cb_span"],
            ),
            (f"drawing after the last answer ({ms(sa['draw'])} against {ms(sb['draw'])} ms)", sa["draw"] - sb["draw"]),
        ]
        top = max(phases, key=lambda p: p[1])
        return (
            f" Difference {label(a_key)} − {label(b_key)}, by phase: "
            + "; ".join(f"{name} {d:+,.0f} ms" for name, d in phases)
            + f". Largest: {top[0].split(' (')[0]}."
        )

    for t in ts:
        if t["verdict"] != "FAIL":
            continue
        name = t["name"]
        if "nav" in name:
            parts = []
            for k in ("tracker-109", "tracker-1000", "tracker-10000", "bare-109"):
                s = nav_split(k)
                if s:
                    parts.append(
                        f"{label(k)}: {ms(s['cards'])} ms = {ms(s['before_cb'])} to the first callback "
                        f"(HTML, scripts, layout) + {ms(s['cb_span'])} of callbacks, of which "
                        f"{ms(s['wait'])} waiting for the server (board callback alone, replayed: "
                        f"{ms(s['server'])} ms) + {ms(s['draw'])} drawing after the last answer"
                    )
            nb, db = next(((x[1][0], x[2][0]) for x in TARGETS if x[0] == name), (None, None))
            lines.append(
                f"- {name}: ratio {t['ratio']:.2f}× against ≤ {t['limit']:g}× "
                f"({t['num'] - t['limit'] * t['den']:+,.0f} ms over the allowed "
                f"{t['limit'] * t['den']:,.0f} ms)."
                + phase_deltas(nb, db)
                + " Split of the medians — "
                + "; ".join(parts)
                + "."
            )
        elif "server" in name:
            r109 = g(B, "tracker-109", "server") or {}
            r10k = g(B, "tracker-10000", "server") or {}
            lines.append(
                f"- {name}: {ms(t['num'])} ms against {ms(t['den'])} ms = {t['ratio']:.1f}× "
                f"(allowed {t['limit']:g}×, i.e. {t['limit'] * t['den']:,.0f} ms). The callback sends "
                f"{r10k.get('records_sent', '?'):,} records ({kb(r10k.get('wire_body_bytes'))}) for "
                f"{r10k.get('tasks_on_board', '?'):,} tasks at 10,000 against "
                f"{r109.get('records_sent', '?'):,} ({kb(r109.get('wire_body_bytes'))}) at 109: the "
                f"response is capped by the {DEFAULT_CELL_LIMIT}-per-cell limit, so what grows is the work "
                f"that still depends on the plan's size: counting every cell in SQL and ranking the cards "
                f"of each cell (`models/board.py` `board_view`)."
            )
        elif "move" in name:
            lines.append(f"- {name}: {ms(t['num'])} ms against {ms(t['den'])} ms ({t['ratio']:.2f}×).")
    info = []
    conf, full = (
        g(B, "tracker-109", "move", "confirmed_ms", "median"),
        g(B, "bare-109", "move", "full", "dom_ms", "median"),
    )
    if conf and full:
        info.append(
            f"- (not a target) a tracker move confirmed by the server, 109 tasks: {ms(conf)} ms against the "
            f"bare board's full move {ms(full)} ms = {conf / full:.2f}×."
        )
    for n in (1000,):
        tn, bn = metric(res, f"tracker-{n}", "nav"), metric(res, f"bare-{n}", "nav")
        if tn and bn:
            info.append(
                f"- (not a target) {n:,} tasks: tracker nav {ms(tn)} ms "
                f"({g(B, f'tracker-{n}', 'nav', 'cards_expected')} "
                f"cards, {DEFAULT_CELL_LIMIT} per cell) against the bare lean board {ms(bn)} ms (every card) "
                f"= {tn / bn:.2f}×."
            )
    head = "\n".join(lines) if lines else "Every target measured in this run passes."
    return head + ("\n" + "\n".join(info) if info else "")


def method_text(res: dict) -> str:
    o = res["options"]
    db = (
        "a temporary SQLite file per size"
        if res["backend"] == "sqlite"
        else "a database per size on a private PostgreSQL cluster started for the run (`bench/pg.py`)"
    )
    return (
        f"`make bench` runs `bench/board_bench.py` (options used: runs={o['runs']}, cold runs={o['cold_runs']}, "
        f"moves={o['moves']}, calls={o['calls']}, sizes={','.join(str(s) for s in o['sizes'])}), once per database. "
        f"On {db} it migrates and seeds (109 = the sample plan via `seed-demo`, larger sizes via "
        f"`seed-demo --synthetic N`; TRACKER_TODAY={TODAY}, BOARD_REFRESH_SECONDS=3600), times the overdue scan "
        "there (`bench/scan_bench.py`), starts one tracker per size the way production does (gunicorn, one "
        "gthread worker with 4 threads, `dashapp.wsgi:server`, compression on, no scheduler in the worker) and "
        "the bare board of `../shared/bench/` (FLOOR_CARD=lean, 109 and 1,000 tasks, every card rendered, "
        "FLOOR_COMPRESS=gzip, Bootstrap = the tracker's vendored copy), all side by side, and measures them "
        "with the definitions of `../shared/bench/bare_board_timing.py` (the bare board with that script's own "
        "functions, the tracker with mirrors of them; same Chromium flags, 1600×1000 viewport):\n\n"
        f"- **nav** (warm): one browser context, signed in once as `{o['user']}` for the tracker; one untimed "
        f"load, then {o['runs']} timed `page.goto(BASE)`; *cards* = `performance.now()` at the first "
        "animation frame in which the number of `.task-card` in `#board` reaches what the board renders "
        f"(tracker: counted after sign-in; {DEFAULT_CELL_LIMIT} per cell at most); *ready* = max(cards, last "
        "resource received). Median and p95.\n"
        f"- **cold nav**: then {o['cold_runs']} more in the same signed-in tab with Chromium's HTTP cache "
        "turned off (CDP `Network.setCacheDisabled`), so every bundle is fetched again.\n"
        f"- **move**: {o['moves']} moves on a loaded page. Tracker: signed in as `sotttt` (coordinator), "
        "cards spread over the lanes with a legal next step, moved through the page's keyboard path "
        "(click *Chuyển*, then the menu's first item); *shown* = first DOM mutation with the card in its "
        "target cell (the optimistic move); *confirmed* = the server's answer drawn (the round trip: request "
        "to re-rendered board), with the card in the target cell, not pending and with a higher "
        "`data-version`. Bare board: its own method (`set_props` on `move-req`, click `#move-full` or "
        "`#move-patch`; the card is shown when the server's answer is rendered). p50 / p95.\n"
        f"- **server**: the board callback's POST `/_dash-update-component`, captured from a real page "
        f"(bare board: its load; tracker, whose page arrives with its first data: the same callback as a "
        f"filter change fires it, with the page's cookies and `X-CSRFToken`), replayed {o['calls']} times "
        "with `requests` (which accepts gzip) after 3 warm-up calls; wall time including the whole body; "
        "median / p95 and response bytes on the wire.\n"
        "- **cold load**: bytes on the wire of one cold board load (CDP `Network.loadingFinished` "
        "`encodedDataLength`, headers included); the tracker's is the board page after sign-in with the "
        "browser cache cleared (the login page not counted).\n"
        "- **worker peak RSS**: `VmHWM` of the gunicorn worker at the end of all of the above.\n\n"
        "Targets are ratios of medians from this same run (the machine is shared: absolute times drift, "
        f"same-run ratios hold). Raw figures: `bench/out/board-bench-{res['backend']}.json`."
    )


def part(url: str) -> str:
    """bare_board_timing's classify, plus the parts only the tracker has."""
    u = url.lower().split("?")[0]
    if "dash_ag_grid" in u:
        return "dash-ag-grid"
    if "bootstrap" in u and u.endswith(".css"):
        return "bootstrap css"
    if "_dash-update-component" in u:
        return "callbacks JSON"
    if "/assets/" in u:
        return "app assets"
    return BT.classify(url) if BT else "other"


def by_part(tr: dict) -> dict[str, int]:
    by: dict[str, int] = {}
    for r in tr["rows"]:
        w = part(r["url"])
        by[w] = by.get(w, 0) + r["wire"]
    return by


def transfer_note(res: dict) -> str:
    rows, parts = [], {}
    for k in ("bare-109", "tracker-109"):
        tr = g(res["boards"], k, "transfer")
        if not tr or "rows" not in tr:
            continue
        parts[k] = by_part(tr)
        top = sorted(parts[k].items(), key=lambda kv: -kv[1])[:7]
        rows.append(
            f"{label(k)}: {kb(tr['total']['wire'])} in {tr['total']['requests']} responses "
            f"({', '.join(f'{w} {kb(b)}' for w, b in top)})"
        )
    if len(parts) == 2:
        extra = {w: parts["tracker-109"].get(w, 0) - parts["bare-109"].get(w, 0) for w in parts["tracker-109"]}
        extra = sorted(((w, b) for w, b in extra.items() if b > 4096), key=lambda kv: -kv[1])
        if extra:
            rows.append("the tracker loads more of: " + ", ".join(f"{w} +{kb(b)}" for w, b in extra))
    return "Cold load by part — " + "; ".join(rows) + "." if rows else ""


BACKEND_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}


def section_title(backend: str) -> str:
    return f"{SECTION} — {BACKEND_NAMES[backend]}"


def report(res: dict) -> tuple[str, str]:
    ts = targets(res)
    res["targets"] = ts
    body = tables(res)
    scans = scan_table(res)
    tl = target_lines(ts)
    la0, la1 = res["machine"]["loadavg_start"], res["machine"]["loadavg_end"]
    md = "\n".join(
        [
            section_title(res["backend"]),
            "",
            f"Measured {res['started'][:10]} ({res['started'][11:16]}–{res['finished'][11:16]}), {MACHINE_NOTE} "
            f"(load average {la0[0]:.1f} at the start, {la1[0]:.1f} at the end: the machine is shared).",
            "",
            "### Method",
            "",
            method_text(res),
            "",
            "### Results",
            "",
            body,
            "",
            transfer_note(res),
            "",
            "The overdue scan (`bench/scan_bench.py` on the same seeded database; medians of 7 warm repeats; "
            f"day {TODAY}; the synthetic plans are laid out around it):",
            "",
            scans,
            "",
            "### Targets",
            "",
            tl,
            "",
            "### What dominates",
            "",
            diagnosis(res, ts),
            "",
        ]
    )
    printed = f"{section_title(res['backend'])}\n\n{body}\n\n{scans}\n\n{tl}"
    return printed, md


def write_section(path: Path, section: str) -> None:
    """Replace the `## ` section whose heading is the first line of `section` (append when absent)."""
    title = section.splitlines()[0].strip()
    text = path.read_text() if path.exists() else "# Performance\n\n"
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.strip() == title), None)
    if start is None:
        new = text.rstrip("\n") + "\n\n" + section.rstrip("\n") + "\n"
    else:
        end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
        new = (
            "\n".join(
                lines[:start] + section.rstrip("\n").splitlines() + (["", *lines[end:]] if end < len(lines) else [])
            )
            + "\n"
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(new)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=15, help="timed navigations per board (default 15)")
    ap.add_argument("--moves", type=int, default=20, help="moves per board and mode (default 20)")
    ap.add_argument("--calls", type=int, default=30, help="server replays per board (default 30)")
    ap.add_argument(
        "--sizes",
        default="109,1000,10000,100000",
        help="tracker sizes; 109 = the sample plan (default 109,1000,10000,100000)",
    )
    ap.add_argument(
        "--backends", default="sqlite,postgresql", help="databases to measure on, in turn (default sqlite,postgresql)"
    )
    ap.add_argument("--cold-runs", type=int, default=5, help="timed navigations with the HTTP cache off (default 5)")
    ap.add_argument(
        "--out",
        default=str(ROOT / "docs" / "PERFORMANCE.md"),
        help="Markdown file whose '## Board and scan — <database>' sections are (re)written; '-' for none",
    )
    ap.add_argument(
        "--json", default=str(ROOT / "bench" / "out" / "board-bench-{backend}.json"), help="raw results per backend"
    )
    ap.add_argument("--quick", action="store_true", help="smoke run: runs=3, moves=5, calls=5")
    ap.add_argument("--user", default="sotttt", help="account for nav/server/transfer (moves always sotttt)")
    ap.add_argument("--password", default="demo")
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED, help="folder of bare_board.py")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    ap.add_argument("--timeout", type=int, default=180, help="per browser wait, seconds")
    ap.add_argument(
        "--cell-limit", type=int, default=DEFAULT_CELL_LIMIT, help="cards per cell the tracker draws (models/board.py)"
    )
    ap.add_argument("--keep", action="store_true", help="keep the temporary folder (databases, server logs)")
    a = ap.parse_args(argv)
    if a.quick:
        a.runs, a.moves, a.calls = 3, 5, 5
    a.sizes = [int(s) for s in a.sizes.split(",") if s.strip()]
    a.backends = [b.strip() for b in a.backends.split(",") if b.strip()]
    if unknown := [b for b in a.backends if b not in BACKEND_NAMES]:
        print(f"unknown backend(s): {', '.join(unknown)} (sqlite, postgresql)", file=sys.stderr)
        return 2
    if not Path(a.chromium).exists():
        print(f"no Chromium at {a.chromium} (make chromium)", file=sys.stderr)
        return 2
    if not (a.shared / "bare_board.py").exists():
        print(f"no bare board in {a.shared}", file=sys.stderr)
        return 2
    if a.quick:
        a.cold_runs = min(a.cold_runs, 2)
    failed, errors = [], []
    for backend in a.backends:
        if backend == "postgresql":
            from pg import throwaway_postgres  # bench/pg.py: BENCH_PG_URL, or a private cluster

            with throwaway_postgres(max_connections=100) as server_url:
                res = run(a, backend, server_url)
        else:
            res = run(a, backend)
        printed, md = report(res)
        if a.json and a.json != "-":
            out = Path(a.json.replace("{backend}", backend))
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(json.dumps(res, indent=1, ensure_ascii=False, default=str))
        print(printed, flush=True)
        if a.out and a.out != "-":
            write_section(Path(a.out), md)
            log(f"wrote the section '{section_title(backend)}' of {a.out}")
        failed += [f"{backend}: {t['name']}" for t in res["targets"] if t["verdict"] == "FAIL"]
        errors += [
            f"{backend} {k}.{w}"
            for k, b in res["boards"].items()
            for w, v in b.items()
            if isinstance(v, dict) and "error" in v
        ]
        errors += [f"{backend} scan {n}" for n, v in res["scan"].items() if "error" in v]
    if errors:
        log(f"measurements that failed: {', '.join(errors)}")
    log(f"{len(failed)} target(s) failed: {'; '.join(failed)}" if failed else "every measured target passes")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
