# Local Offer: the two commands a new user needs are `make run` and `make test` (`make check` while editing).
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

.PHONY: help venv run check test lint typecheck schemas requirements bench clean

help:
	@echo "make run    - start the local stack with seed data on http://127.0.0.1:$(PORT)"
	@echo "make check  - the quick loop (about 40 s of CPU, 50 s on a busy 2-core machine): lint, type-check, unit, contract and template tests"
	@echo "              that need no running stack and no sam-cli/checkov"
	@echo "make test   - lint, type-check and every test suite, on two workers (what CI runs)"
	@echo "make bench  - measure search and indexing against their floors (about four minutes); writes docs/benchmarks.md"

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

# Test workers: tests sharing a started stack or an installed tool stay on one worker (tests/conftest.py).
WORKERS ?= 2
# loadscope keeps each test module on one worker, so a module's stack starts once; modules go out in collection
# order, long ones first (tests/conftest.py), rather than xdist's by-number-of-tests. The seeded stack is shared
# by the workers (tests/stack_process.py). (loadgroup would honour the xdist_group marks tests/conftest.py sets,
# but pytest 9 ignores the node ids pytest-xdist 3.8 rewrites for it.)
DIST := --dist loadscope --no-loadscope-reorder

# Leaves out what starts `local-offer serve` (marker `stack`), what installs or runs sam-cli/checkov and the
# cfn-lint runs (marker `slow`), and the integration and e2e suites: `make test` runs everything.
check: $(STAMP) lint typecheck
	$(BIN)/python -m pytest -q -n $(WORKERS) $(DIST) tests/unit tests/contract tests/infra -m "not stack and not slow"

# Measured 2026-12-06 on the 2-core machine, quiet (load average ~0.2 at the start): `make test` with the venv
# and tools installed, 5 min 36 s of wall clock (pytest 5 min 33 s); `.ci/run` on a fresh clone, venv and the
# sam-cli/checkov installs included, 6 min 44 s (pytest 6 min 1 s). Each test's moto account from
# template.yaml costs ~0.15 s (it was ~0.8 s) and the seeded stack starts once per run.
test: $(STAMP) lint typecheck
	$(BIN)/python -m pytest -n $(WORKERS) $(DIST)

schemas: $(STAMP)
	$(BIN)/python -m devstack.schemas schemas

requirements: $(STAMP)
	$(BIN)/python -m devstack.requirements > layers/dependencies/requirements.txt

# Not part of `make test`: timings belong here, never in test assertions. About four minutes: 3.5 min of wall
# clock and 4.3 min of CPU on the 2-core machine at load 1 (2026-12-06); far longer on a busy machine.
bench: $(STAMP)
	$(BIN)/python -m devstack.bench --markdown docs/benchmarks.md

clean:
	rm -rf $(VENV) $(TOOLS) .aws-sam .pytest_cache .mypy_cache .ruff_cache

# ---- Infrastructure: template checks and the Lambda build ---------------------------------------------------
# sam-cli and checkov pin versions that conflict with the app's (boto3, pydantic, click), so each gets its own
# venv under $(TOOLS); the stamp names the version, so changing a pin reinstalls that tool alone.
SAM_CLI_VERSION := 1.170.0
CHECKOV_VERSION := 3.3.30
SAM_VENV := $(TOOLS)/sam
SAM := $(SAM_VENV)/bin/sam
SAM_STAMP := $(SAM_VENV)/.installed-$(SAM_CLI_VERSION)
CHECKOV_VENV := $(TOOLS)/checkov
CHECKOV_STAMP := $(CHECKOV_VENV)/.installed-$(CHECKOV_VERSION)
# `sam build` looks the runtime's interpreter (python3.12) up on PATH and rejects pyenv shims ("Binary
# validation failed"): find a directory holding a real one, pyenv's newest 3.12 first, then python3.12 on PATH.
PY312_BIN ?= $(shell \
	if command -v pyenv >/dev/null 2>&1; then \
		v=$$(pyenv versions --bare 2>/dev/null | grep -E '^3\.12\.[0-9]+$$' | sort -t. -k3 -n | tail -1); \
		d="$$(pyenv root)/versions/$$v/bin"; \
		if [ -n "$$v" ] && [ -x "$$d/python3.12" ]; then echo "$$d"; exit 0; fi; \
	fi; \
	python3.12 -c 'import os, sys; print(os.path.dirname(sys.executable))' 2>/dev/null)
SAM_ENV = env AWS_DEFAULT_REGION=eu-west-2 SAM_CLI_TELEMETRY=0 PATH="$(PY312_BIN):$$PATH"

.PHONY: validate build sam-cli checkov-cli checkov

$(SAM_STAMP):
	@test -n "$(PYTHON)" || { echo "Python 3.11+ is required (python3 not found)"; exit 1; }
	rm -rf $(SAM_VENV)
	$(PYTHON) -m venv $(SAM_VENV)
	$(SAM_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(SAM_VENV)/bin/python -m pip install --quiet aws-sam-cli==$(SAM_CLI_VERSION)
	@touch $@

sam-cli: $(SAM_STAMP)

$(CHECKOV_STAMP):
	@test -n "$(PYTHON)" || { echo "Python 3.11+ is required (python3 not found)"; exit 1; }
	rm -rf $(CHECKOV_VENV)
	$(PYTHON) -m venv $(CHECKOV_VENV)
	$(CHECKOV_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(CHECKOV_VENV)/bin/python -m pip install --quiet checkov==$(CHECKOV_VERSION)
	@touch $@

checkov-cli: $(CHECKOV_STAMP)

checkov: $(CHECKOV_STAMP)
	$(CHECKOV_VENV)/bin/checkov --config-file infra/checkov.yaml --compact --quiet

# cfn-lint 1.53.3 (dev venv) lints through the SAM transform and catches errors that the newer cfn-lint
# bundled with sam-cli misses. `sam validate` runs the SAM transform; `sam validate --lint` runs only that
# bundled cfn-lint. All three run, and checkov first (its suppressions carry their reasons in the template).
validate: $(STAMP) $(SAM_STAMP) checkov
	$(BIN)/cfn-lint --include-checks I --regions eu-west-2 -- template.yaml
	$(SAM_ENV) $(SAM) validate --template-file template.yaml
	$(SAM_ENV) $(SAM) validate --lint --template-file template.yaml

# Builds into .aws-sam/build (cached: samconfig.toml); no Docker needed.
build: $(SAM_STAMP)
	@test -n "$(PY312_BIN)" || { echo "sam build needs a python3.12 (pyenv 3.12.x or python3.12 on PATH)"; exit 1; }
	$(SAM_ENV) $(SAM) build --template-file template.yaml
