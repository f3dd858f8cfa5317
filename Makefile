# The two commands of the README: `make demo` and `make test`. Everything else here is
# what they are made of.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
DEMO_DB ?= sqlite:///$(CURDIR)/db.sqlite3
# The PostgreSQL suite runs in this many pytest-xdist workers, each with its own test
# database; the browser journeys share one worker (tests/conftest.py).
# TEST_WORKERS=0 runs it in one process.
TEST_WORKERS ?= 2

.PHONY: demo test lint format assets bench clean services screenshots

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@scripts/check-system.sh
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || scripts/check-system.sh
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

static/build/portal.css: node_modules/.installed $(wildcard static/src/*) scripts/build-assets.mjs
	npm run --silent build

assets: static/build/portal.css

demo: $(VENV)/.installed assets
	DATABASE_URL=$(DEMO_DB) $(PY) manage.py migrate --no-input
	DATABASE_URL=$(DEMO_DB) $(PY) manage.py seed_demo --if-empty
	DATABASE_URL=$(DEMO_DB) $(PY) manage.py demo_sign_ins
	DATABASE_URL=$(DEMO_DB) $(PY) manage.py runserver --insecure 127.0.0.1:8000

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

services:
	@scripts/ensure-services.sh

test: $(VENV)/.installed assets lint services
	@scripts/ensure-chromium.sh
	source .tmp/services.env && $(VENV)/bin/pytest -n $(TEST_WORKERS) -m "not demo_smoke" $(PYTEST_ARGS)
	rm -f .tmp/smoke.sqlite3
	DATABASE_URL=sqlite:///$(CURDIR)/.tmp/smoke.sqlite3 $(VENV)/bin/pytest -m demo_smoke tests/smoke

screenshots: $(VENV)/.installed assets services
	@scripts/ensure-chromium.sh
	source .tmp/services.env && UPDATE_SCREENSHOTS=1 $(VENV)/bin/pytest -q tests/browser

bench: $(VENV)/.installed assets services
	source .tmp/services.env && $(PY) -m benchmarks $(if $(QUICK),--quick,) $(BENCH_ARGS)

clean:
	rm -rf $(VENV) node_modules static/build staticfiles .tmp db.sqlite3
