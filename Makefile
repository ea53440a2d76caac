# communique: `make demo` to see it work, `make test` to check it. Both install first when needed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install demo test bench scaling clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "communique needs Python >= 3.11 (set PYTHON=...)")'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

demo: install
	$(BIN)/communique demo --db demo.duckdb --out demo-record.json

test: install
	$(BIN)/python -m pytest -q

bench: install
	$(BIN)/python benchmarks/speed.py --stories 400

scaling: install
	$(BIN)/python benchmarks/scaling.py

clean:
	rm -rf $(VENV) demo.duckdb demo-record.json .pytest_cache
