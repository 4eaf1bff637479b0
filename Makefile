# plan-parser: two commands on a fresh machine
#   make run    create .venv, install, regenerate data/structured/ from data/raw/ (plan-parser build)
#   make test   lint, type-check, schema and data freshness checks, the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed-stamp
RAW     = data/raw
OUT     = data/structured

.PHONY: run data install test lint typecheck pytest check-data check-schema schema eval bench bench-cluster clean golden screenshots readme

run: data

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

# --force: the skip of unchanged inputs trusts the tool version, which parser work does not bump
data: $(STAMP)
	$(BIN)/plan-parser build $(RAW) $(OUT) --force

schema: $(STAMP)
	$(BIN)/plan-parser schema --write
	$(BIN)/python scripts/schemas.py --write

test: $(STAMP) lint typecheck check-schema check-data pytest

lint: $(STAMP)
	$(BIN)/ruff check plan_parser tests scripts
	$(BIN)/ruff format --check plan_parser tests scripts

typecheck: $(STAMP)
	$(BIN)/mypy

check-schema: $(STAMP)
	$(BIN)/plan-parser schema --check
	$(BIN)/python scripts/schemas.py --check

# data/structured/ (manifest.json included) must be what the build produces from data/raw/ today
check-data: $(STAMP)
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  if ! $(BIN)/plan-parser build $(RAW) "$$tmp/out" >/dev/null 2>"$$tmp/log"; then \
	    cat "$$tmp/log"; echo "plan-parser build $(RAW) fails: fix the plans above"; exit 1; fi && \
	  if diff -r -q "$$tmp/out" $(OUT) >/dev/null; then echo "data/structured: up to date"; \
	  else diff -r -q "$$tmp/out" $(OUT); echo "data/structured is stale: run make data"; exit 1; fi

pytest: $(STAMP)
	$(BIN)/pytest

eval: $(STAMP)
	$(BIN)/python -m tests.evaluate

# a few minutes: cold start, warm throughput, batch, hostile inputs, growth, PDF (README: Performance)
bench: $(STAMP)
	$(BIN)/python scripts/bench.py --readme README.md

# long (1,000 plans on a Dask LocalCluster against the local build; README: Sizing)
bench-cluster: $(STAMP)
	$(BIN)/python scripts/bench.py --only cluster --readme README.md

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis *.egg-info

# rewrite tests/golden/ from today's outputs; review `git diff tests/golden` before committing
golden: $(STAMP)
	PLAN_PARSER_REGENERATE_GOLDEN=1 $(BIN)/pytest tests/test_golden.py -k "not switch" -p no:randomly

# docs/screenshots/*.png of the review and diff pages (Debian's chromium: apt-get install chromium)
screenshots: $(STAMP)
	$(BIN)/python scripts/screenshots.py

# rewrite the README's generated blocks (<!-- run: ... -->) from today's outputs; review the diff
readme: $(STAMP)
	$(BIN)/python scripts/readme.py --write
