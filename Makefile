# Two commands: `make demo` (set up, run eventlens on the bundled examples) and
# `make test` (set up, run the whole test suite). Both create .venv on first use.
PYTHON ?= python3
VENV ?= .venv
BIN = $(VENV)/bin

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

.PHONY: setup demo test
setup: $(BIN)/.installed

demo: $(BIN)/.installed
	$(BIN)/eventlens ingest examples/ --db eventlens.db
	$(BIN)/eventlens events --db eventlens.db

test: $(BIN)/.installed
	$(BIN)/ruff check src tests bench tools
	$(BIN)/python -m pytest
	$(BIN)/eventlens eval gate --quiet
