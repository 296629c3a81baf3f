# notice-extract — `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
OUT ?= out

.DEFAULT_GOAL := help
.PHONY: help venv run test lint typecheck pytest bench schemas clean

help:  ## list the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 12

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

venv: $(BIN)/.installed  ## create .venv and install the project with test extras

run: venv  ## extract every notice under corpus/ into out/ (JSON, JSONL, CSV, Excel ledger, review pages)
	$(BIN)/notice-extract run corpus/ --out $(OUT) --formats json,jsonl,csv,xlsx
	$(BIN)/notice-extract review $(OUT)

lint: venv  ## ruff
	$(BIN)/ruff check extract schemas tests

typecheck: venv  ## mypy --strict on extract/ and schemas/
	$(BIN)/mypy

pytest: venv  ## the test suite
	$(BIN)/pytest -q

test: lint typecheck pytest  ## everything CI runs: ruff, mypy, pytest (notebook and browser tests included)

bench: venv  ## throughput and memory against a baseline in the same process
	$(BIN)/python -m extract.bench

schemas: venv  ## write the JSON Schema of the contract models into schemas/json/
	$(BIN)/python -m schemas.export schemas/json

clean:  ## remove outputs and caches (keeps .venv)
	rm -rf $(OUT) bench_out .mypy_cache .ruff_cache .pytest_cache test-artifacts
