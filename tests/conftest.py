"""Shared fixtures: the real data, the built site, and a way to build a site from any data."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from quality import WIDTHS, Visit, configured_site_url, serve_as_published, sweep
from toolkit.links import Site
from toolkit.server import serve
from toolkit.site import CHROMIUM, CHROMIUM_ARGS, SiteBuilder, build_site

from plansite.load import SiteData, load_site
from plansite.source import DataError, Problem
from plansite.strings import load_strings

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SITE = ROOT / "site"
SOURCE = ROOT / "sources" / "ke-hoach-81-KH-UBND-2024.txt"
PLAN_ID = "81-kh-ubnd-2024"


# -- two workers ----------------------------------------------------------------------
# `make test` runs the tests on two workers (pytest-xdist): while one waits on a browser
# or a build, the other works. Each module's tests stay on one worker, so that its
# module-scoped fixtures (a site built from hostile data, the largest site…) are made
# once; so do the modules that read the browser sweep, the longest session fixture.
# (pytest-xdist's own `--dist loadgroup` cannot do it with pytest 9: the group it writes
# into a test's id no longer reaches the scheduler.)
SWEEP_MODULES = {"test_csp", "test_quality_accessibility", "test_quality_nojs", "test_quality_requests", "test_quality_weight"}


def module_group(nodeid: str) -> str:
    """The worker's share a test belongs to: its module, or the modules of the sweep."""
    module = nodeid.split("::", 1)[0]
    return "browser sweep" if Path(module).stem in SWEEP_MODULES else module


def pytest_xdist_make_scheduler(config: pytest.Config, log: object) -> object:
    from xdist.scheduler import LoadScopeScheduling  # type: ignore[import-untyped]

    class ByModule(LoadScopeScheduling):  # type: ignore[misc]
        def _split_scope(self, nodeid: str) -> str:
            return module_group(nodeid)

    return ByModule(config, log)


# -- what a test needs, as markers ---------------------------------------------------
# Set from the fixtures a test uses (its whole closure), never by hand, so that
# `make test-fast` (-m "not browser and not site and not build") leaves out exactly the
# tests that drive a browser, read the built site/ or run MkDocs themselves.
NEEDS = {
    "browser": {"browser", "page"},
    "site": {"built_site"},
    "build": {"site_builder", "preview"},
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        for marker, fixtures in NEEDS.items():
            if used & fixtures:
                item.add_marker(marker)
        if "browser_sweep" in used and module_group(item.nodeid) != "browser sweep":
            # Else the two workers would each make the sweep: two minutes more.
            raise pytest.UsageError(f"{item.nodeid} reads the browser sweep: add its module to SWEEP_MODULES in tests/conftest.py")


@pytest.fixture(scope="session")
def site_builder() -> SiteBuilder:
    """Builds a site from a data folder with `make build`'s command (``toolkit.site.build_site``)."""
    return build_site


def problems(data: Path) -> list[Problem]:
    """What the loader reports for the data folder ``data``, which must be broken."""
    with pytest.raises(DataError) as caught:
        load_site(data)
    return caught.value.problems


def plain_strings(lang: str) -> dict[str, str]:
    """The interface strings of ``lang`` that are one text (not plural forms), by key."""
    return {key: value for key, value in load_strings()[lang].items() if isinstance(value, str)}


@pytest.fixture(scope="session")
def site_data() -> SiteData:
    return load_site(DATA)


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The site `make test` built into site/ before running the tests."""
    if not (SITE / "index.html").is_file():
        pytest.fail("site/ is not built: run the tests through `make test`")
    return SITE


@pytest.fixture(scope="session")
def official_text() -> str:
    if not SOURCE.is_file():
        pytest.fail(f"the official text is missing: {SOURCE}")
    return SOURCE.read_text(encoding="utf-8")


@pytest.fixture
def copy_of_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


# -- real browser --------------------------------------------------------------
# Debian's Chromium, driven by Playwright. A missing browser is a failure, never a skip.


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site served over HTTP on localhost, at the root, as GitHub Pages serves it."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.is_file():
        pytest.fail(f"Chromium is missing at {CHROMIUM}: apt-get install chromium (make test does this as root)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context()
    tab = context.new_page()
    yield tab
    context.close()


# -- quality gates (issue 6) ---------------------------------------------------
# The site as GitHub Pages serves it, and one browser sweep of every page at each
# width, shared by tests/test_quality_*.py (helpers in tests/quality.py).


@pytest.fixture(scope="session")
def quality_site(built_site: Path) -> Site:
    return Site(built_site, configured_site_url())


@pytest.fixture(scope="session")
def published_url(quality_site: Site) -> Iterator[str]:
    """The local address of the site served under its published path, with GitHub Pages' 404."""
    with serve_as_published(quality_site) as url:
        yield url


@pytest.fixture(scope="session")
def browser_sweep(browser: Browser, quality_site: Site, published_url: str) -> dict[int, list[Visit]]:
    """Every page loaded once per width in WIDTHS: requests made and axe-core's findings.
    Late requests are waited for at the first width only (they do not depend on it).

    The widths are swept at the same time, each in a browser of its own in a thread with its
    own Playwright (its synchronous API belongs to one thread): while one width waits for
    a page's network to be idle, the other works (3.3 minutes one after the other, alone the
    longest step of `make test`). ``browser`` is the suite's, asked for so that these tests
    are marked ``browser`` and a missing Chromium is said plainly."""

    def at(width: int) -> list[Visit]:
        with sync_playwright() as playwright:
            own = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                return sweep(own, quality_site, published_url, width, settle=width == WIDTHS[0])
            finally:
                own.close()

    with ThreadPoolExecutor(len(WIDTHS)) as pool:
        return dict(zip(WIDTHS, pool.map(at, WIDTHS), strict=True))
