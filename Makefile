# Two commands for a fresh clone: `make serve` and `make test`.
PORT ?= 8000
VENV ?= .venv
PY := $(VENV)/bin/python
export NO_MKDOCS_2_WARNING := 1
# Reproducible builds: timestamps come from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: serve build test validate pages check bench clean chromium

# `make serve`/`make build` need only Python 3.11+ and requirements.txt; `make test` adds requirements-test.txt.
$(VENV)/.runtime: requirements.txt
	@python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { echo "this project needs Python 3.11 or newer"; exit 1; }
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed: $(VENV)/.runtime requirements-test.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	@command -v npm >/dev/null || { echo "make test needs Node and npm: install them (Debian: apt-get install -y nodejs npm)"; exit 1; }
	npm ci --no-audit --no-fund --silent
	touch $@

# Debian's Chromium for the browser tests; installed only as root with apt, never `playwright install`.
chromium:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-dejavu-core >/dev/null; \
	  else \
	    echo "make test needs Debian's Chromium at /usr/bin/chromium: run 'apt-get install -y chromium' as root"; exit 1; \
	  fi; \
	fi

validate: $(VENV)/.runtime
	$(PY) scripts/build_tables.py validate

check: $(VENV)/.runtime
	$(PY) scripts/build_tables.py check

pages: $(VENV)/.runtime
	$(PY) scripts/build_tables.py build

serve: pages
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

# The hook regenerates the pages inside the locked build; SITE_URL=… (command line) is exported.
build: $(VENV)/.runtime
	$(PY) scripts/build_site.py

test: chromium $(VENV)/.installed node_modules/.installed
	node --test tests/js/
	$(PY) -m pytest -q -n auto --dist loadgroup tests; status=$$?; if [ $$status -eq 5 ]; then echo "no tests collected"; exit 1; fi; exit $$status

bench: $(VENV)/.installed node_modules/.installed
	$(PY) scripts/bench.py
	$(PY) scripts/bench_rebuild.py

clean:
	rm -rf site docs/vi docs/en .pytest_cache .cache
