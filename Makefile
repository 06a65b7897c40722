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
	$(BIN)/python -m dashapp seed-demo --if-empty
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

## bench-board: time the board beside the bare board of ../shared/bench in one run (temporary databases
## and servers), print the table and rewrite the "Board" section of docs/PERFORMANCE.md.
## BENCH_ARGS=--quick for a smoke run; see `bench/board_bench.py --help`. `make bench` runs every bench.
.PHONY: bench bench-board
bench: bench-board

bench-board: $(VENV)/.installed-dev
	$(BIN)/python bench/board_bench.py $(BENCH_ARGS)
