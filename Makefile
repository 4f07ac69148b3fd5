# Two commands for a fresh clone: `make serve` and `make test`.
PORT ?= 8000
VENV ?= .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: timestamps come from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: serve build test validate pages check bench clean

$(VENV)/.installed: requirements.txt requirements-test.txt
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

validate: $(VENV)/.installed
	$(PY) scripts/build_tables.py validate

pages: $(VENV)/.installed
	$(PY) scripts/build_tables.py build

serve: pages
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

build: pages
	$(PY) scripts/build_site.py

test: $(VENV)/.installed node_modules/.installed
	$(PY) -m pytest -q tests; status=$$?; if [ $$status -eq 5 ]; then echo "no tests collected"; exit 1; fi; exit $$status

bench: $(VENV)/.installed node_modules/.installed
	$(PY) scripts/bench.py

clean:
	rm -rf site docs/vi docs/en .pytest_cache
