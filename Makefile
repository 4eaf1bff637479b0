# plan-parser: two commands on a fresh machine
#   make run    create .venv, install, regenerate data/structured/ from data/raw/
#   make test   lint, type-check, schema and data freshness checks, the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed-stamp
RAW     = data/raw
OUT     = data/structured

.PHONY: run data install test lint typecheck pytest check-data check-schema schema eval bench clean

run: data

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

data: $(STAMP)
	$(BIN)/plan-parser parse $(RAW)/*.txt -o $(OUT)

schema: $(STAMP)
	$(BIN)/plan-parser schema --write
	$(BIN)/python scripts/diff_schema.py --write

test: $(STAMP) lint typecheck check-schema check-data pytest

lint: $(STAMP)
	$(BIN)/ruff check plan_parser tests scripts
	$(BIN)/ruff format --check plan_parser tests scripts

typecheck: $(STAMP)
	$(BIN)/mypy

check-schema: $(STAMP)
	$(BIN)/plan-parser schema --check
	$(BIN)/python scripts/diff_schema.py --check

# data/structured/ must be what the parser produces from data/raw/ today
check-data: $(STAMP)
	@tmp=$$(mktemp -d) && $(BIN)/plan-parser parse $(RAW)/*.txt -o $$tmp 2>/dev/null && \
	  if diff -r -q $$tmp $(OUT) >/dev/null; then echo "data/structured: up to date"; rm -rf $$tmp; \
	  else diff -r -q $$tmp $(OUT); rm -rf $$tmp; echo "data/structured is stale: run make data"; exit 1; fi

pytest: $(STAMP)
	$(BIN)/pytest

eval: $(STAMP)
	$(BIN)/python -m tests.evaluate

bench: $(STAMP)
	$(BIN)/python scripts/bench.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis *.egg-info
