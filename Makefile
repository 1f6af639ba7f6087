# Local Offer: the two commands a new user needs are `make run` and `make test`.
# Each creates the virtualenv and installs what it needs on first use.

SHELL := /bin/bash
# Prefer the Lambda runtime's Python (3.12); any Python 3.11+ works for running and testing.
PYTHON ?= $(shell for p in python3.12 python3.13 python3.11 python3; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then echo $$p; break; fi; done)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TOOLS := .tools
PORT ?= 3000

export AWS_ACCOUNT_ID_ENDPOINT_MODE := disabled
export SAM_CLI_TELEMETRY := 0

.PHONY: help venv run test lint typecheck schemas requirements bench clean

help:
	@echo "make run    - start the local stack with seed data on http://127.0.0.1:$(PORT)"
	@echo "make test   - lint, type-check and run every test suite"

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.11+ is required (python3 not found)"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e . --group dev
	@touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	$(BIN)/local-offer serve --port $(PORT) $(if $(DATA),--data $(DATA))

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

test: $(STAMP) lint typecheck
	$(BIN)/python -m pytest

schemas: $(STAMP)
	$(BIN)/python -m local_offer.schemas_export schemas

requirements: $(STAMP)
	$(BIN)/python -m devstack.requirements > functions/requirements.txt

clean:
	rm -rf $(VENV) $(TOOLS) .aws-sam .pytest_cache .mypy_cache .ruff_cache
