# DX Plan Tracker — the two commands: `make run` and `make test`. Each sets itself up.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8050
SUDO   := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

.PHONY: run test lint format chromium clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed-run: requirements.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install -q -r requirements-dev.txt
	touch $@ $(VENV)/.installed-run

## run: migrate, load the sample plan into an empty database, serve http://127.0.0.1:$(PORT)
run: $(VENV)/.installed-run
	$(BIN)/python -m dashapp init-db
	$(BIN)/python -m dashapp seed-demo --if-empty --reminder-history
	PORT=$(PORT) $(BIN)/python -m dashapp run

## chromium: Debian's Chromium for the browser tests (test tools may not download browsers here)
chromium:
	@[ -x /usr/bin/chromium ] || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq chromium; }

## test: the whole suite (database tests also on PostgreSQL when TEST_DATABASE_URL is set)
test: $(VENV)/.installed-dev chromium
	$(BIN)/python -m pytest

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-dev
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache

## bench: every benchmark, printed and written into docs/PERFORMANCE.md (about 30 minutes on 2 cores).
## bench-board: the board (109 / 1,000 / 10,000 / 100,000 tasks) beside the bare board of ../shared/bench and the
## overdue scan, on SQLite and on a throwaway PostgreSQL, in one run each (temporary databases and servers);
## rewrites the "Board and scan" sections. BENCH_ARGS=--quick for a smoke run; see `bench/board_bench.py --help`.
.PHONY: bench bench-board bench-load
bench: bench-board bench-load

bench-board: $(VENV)/.installed-dev chromium
	$(BIN)/python bench/board_bench.py $(BENCH_ARGS)

## bench-load: 50 simulated users for 60 s against gunicorn (gthread workers) on a throwaway PostgreSQL, with the
## separate scheduler; checks that no update is lost and rewrites the "Load test" section of docs/PERFORMANCE.md.
## LOAD_ARGS="--users 10 --seconds 15" for a smoke run; BENCH_PG_URL=postgresql://... uses a running server.
bench-load: $(VENV)/.installed-dev
	$(BIN)/python bench/load_test.py $(LOAD_ARGS)
