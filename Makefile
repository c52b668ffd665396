# The two commands a newcomer runs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SHARED ?= ../shared
HOST ?= 127.0.0.1
PORT ?= 8000
CHROMIUM ?= /usr/bin/chromium

.PHONY: run test lint format bench install install-test browser clean lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test

## make run: set up, migrate, load the demo collection into an empty catalog, serve
run: install
	$(BIN)/cinecat migrate --no-input
	$(BIN)/cinecat load_demo --if-empty --shared $(SHARED)
	$(BIN)/cinecat serve --host $(HOST) --port $(PORT)

## make test: lint, then the whole suite (browser tests included)
test: install-test browser
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest

browser:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's chromium for the browser tests…"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "The browser tests need Chromium at $(CHROMIUM)." >&2; \
	    echo "Install it (Debian: sudo apt-get install chromium) or pass CHROMIUM=/path/to/chromium." >&2; \
	    exit 1; \
	  fi; \
	fi

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install-test
	$(BIN)/python bench/run.py $(BENCH_ARGS)

## make lock: refresh constraints.txt from a fresh resolve of pyproject.toml
lock:
	rm -rf /tmp/cinecat-lock && $(PYTHON) -m venv /tmp/cinecat-lock
	/tmp/cinecat-lock/bin/pip install --quiet '.[test]'
	/tmp/cinecat-lock/bin/pip freeze --exclude cinecat > constraints.txt

clean:
	rm -rf $(VENV) build src/*.egg-info
