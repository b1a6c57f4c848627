# Digibank: the two commands are `make demo` and `make test`. Both install what they need.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PG_PORT ?= 54329
PG_URL := postgres://postgres@127.0.0.1:$(PG_PORT)/digibank
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
TEST_ENV := DJANGO_ALLOW_ASYNC_UNSAFE=true
# Production-like settings for `check --deploy`: DEBUG off, an https address, a fresh key.
DEPLOY_ENV := DEBUG=false SITE_URL=https://digibank.example ALLOWED_HOSTS=digibank.example \
	DATABASE_URL=sqlite:///:memory: SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')
PYTEST_ARGS ?= -n auto

.PHONY: help demo test test-sqlite test-postgres lint messages install system-test-deps system-demo-deps postgres-start postgres-stop bench-devices bench-insights fresh-check

help:
	@echo "make demo   start Digibank with demo data on http://127.0.0.1:$(PORT)"
	@echo "make test   run every test on SQLite and PostgreSQL, browser tests included, and lint"

$(VENV)/.installed: requirements.lock
	$(PYTHON) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet --require-hashes -r requirements.lock
	touch $@

install: $(VENV)/.installed

# Debian packages, checked by what they do and installed only when missing (scripts/system-deps.sh).
system-demo-deps:
	@scripts/system-deps.sh demo

system-test-deps: install
	@scripts/system-deps.sh test $(PY)

messages: install system-demo-deps
	$(PY) manage.py compilemessages -v0 --ignore=.venv --settings=digibank.test_settings

demo: install system-demo-deps messages
	@mkdir -p var
	@[ -s var/secret_key ] || $(PY) -c "import secrets; print(secrets.token_urlsafe(50))" > var/secret_key
	@export SECRET_KEY_FILE=var/secret_key EMAIL_BACKEND=console SITE_URL=http://127.0.0.1:$(PORT) \
		DEMO_MODE=true SECURE_SSL_REDIRECT=false; \
	$(PY) manage.py migrate --noinput -v0 && \
	$(PY) manage.py collectstatic --noinput -v0 && \
	$(PY) manage.py seed_demo || exit 1; \
	$(PY) manage.py run_worker & worker=$$!; \
	trap 'kill -TERM $$worker 2>/dev/null; wait $$worker' EXIT; \
	echo "Digibank runs on http://127.0.0.1:$(PORT) with its background worker  (stop with Ctrl+C)"; \
	$(VENV)/bin/gunicorn digibank.wsgi --bind 127.0.0.1:$(PORT) --workers 2 --access-logfile - --log-level warning

# Builds 100,000 devices in var/bench/ (once) and prints requests/s, p50/p95 and queries per request.
bench-devices: install
	$(PY) bench/bench_devices.py

# Builds the demo at --scale 20 in var/bench/ (once) and prints the figures pages' queries and time.
bench-insights: install
	$(PY) bench/bench_insights.py

# Not part of `make test`: builds a minimal Debian 12 root (cached) and runs `make test` and
# `make demo` there from a clean clone, to prove the two commands set up a brand-new machine.
fresh-check:
	scripts/fresh-check.sh

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

postgres-start: system-test-deps
	scripts/postgres.sh start $(PG_PORT)

postgres-stop:
	scripts/postgres.sh stop $(PG_PORT)

test-sqlite: install system-test-deps messages
	$(TEST_ENV) $(VENV)/bin/pytest $(PYTEST_ARGS)

test-postgres: install system-test-deps messages postgres-start
	$(TEST_ENV) DATABASE_URL=$(PG_URL) $(VENV)/bin/pytest $(PYTEST_ARGS)

test: install system-test-deps messages lint
	$(PY) manage.py makemigrations --check --dry-run --settings=digibank.test_settings
	$(DEPLOY_ENV) $(PY) manage.py check --deploy --fail-level WARNING
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres
