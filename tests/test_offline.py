"""Offline reading (issue 22): what the build writes for it (plansite/offline.py), and in
Chromium the service worker (docs/sw.js) and the controls (docs/assets/js/site.js,
offline.js), with the site served under its published sub-path and its security policy.

The browser's own HTTP cache would answer a page fetched minutes ago without a
connection, worker or not: it is emptied before the network is cut, so what loads then
comes from the worker's store (and the notice a stored page carries proves it).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import re
import shutil
import time
import urllib.parse
import zoneinfo
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize
from playwright.sync_api import Error as PlaywrightError
from quality import WATCH_POLICY, configured_site_url
from rawdata import raw
from toolkit.server import Ledger, serve

from plansite import formatting, offline
from plansite.languages import CODES
from plansite.strings import lookup

LANGS = {"vi": "", "en": "en/"}
LABOUR = "agencies/phong-ldtbxh/"
NEVER_OPENED = "agencies/phong-y-te/"
DEADLINE = raw("plan.yml")["implementation"]["reporting"]["deadline_text"]
LABOUR_NAME = {a["id"]: a for a in raw("agencies.yml")["agencies"]}["phong-ldtbxh"]["name"]
TIMEZONE = "Asia/Ho_Chi_Minh"
PHONE: ViewportSize = {"width": 375, "height": 800}
# What the browser says of a page it cannot load (the worker has no copy: it fails).
NOT_THERE = r"net::ERR_(FAILED|INTERNET_DISCONNECTED)"
# The header's colour, from assets/css/site.css: the stylesheet came with the page.
HEADER_COLOUR = "rgb(31, 66, 87)"


def read_manifest(site: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((site / "offline.json").read_text(encoding="utf-8"))
    return data


def page_languages(site: Path) -> dict[str, set[str]]:
    """Every page's address by its <html lang>, the page-not-found page aside."""
    found: dict[str, set[str]] = {}
    for file in site.rglob("*.html"):
        if file.name == "404.html":
            continue
        lang = re.search(r'<html lang="([a-z]+)"', file.read_text(encoding="utf-8"))
        assert lang, file
        found.setdefault(lang.group(1), set()).add(file.relative_to(site).as_posix().removesuffix("index.html"))
    return found


# -- what the build writes -----------------------------------------------------------


def test_each_language_stores_its_pages_its_downloads_and_its_search(built_site: Path) -> None:
    manifest = read_manifest(built_site)
    pages = page_languages(built_site)
    assert set(manifest["languages"]) == set(pages) == set(LANGS)
    for lang, prefix in LANGS.items():
        files = set(manifest["languages"][lang]["files"])
        other = next(other for other in LANGS if other != lang)
        assert pages[lang] <= files, f"{lang}: pages not stored: {sorted(pages[lang] - files)}"
        assert not pages[other] & files, f"{lang}: the other edition's pages are stored"
        assert prefix + LABOUR in files
        assert {
            f"search/{lang}.json",
            "assets/css/site.css",
            "assets/js/site.js",
            "assets/js/offline.js",
            "assets/search/search.js",
        } <= files
        assert any(path.startswith(f"search/{lang}/") for path in files)
        assert not any(path.startswith(f"search/{other}") for path in files)
        # Every file the downloads page offers.
        downloads = (built_site / prefix / "downloads" / "index.html").read_text(encoding="utf-8")
        linked = {
            urllib.parse.urljoin(prefix + "downloads/", href)
            for href in re.findall(r'href="([^"#?]+\.(?:csv|json|xlsx|ics|pdf))"', downloads)
        }
        assert linked, "the downloads page links to files"
        assert linked <= files, f"{lang}: downloads not stored: {sorted(linked - files)}"


def test_every_listed_file_is_described_by_its_bytes_and_hash(built_site: Path) -> None:
    manifest = read_manifest(built_site)
    listed = {path for language in manifest["languages"].values() for path in language["files"]}
    assert listed == set(manifest["files"])
    for path, (integrity, size) in manifest["files"].items():
        file = built_site / path / "index.html" if path == "" or path.endswith("/") else built_site / path
        content = file.read_bytes()
        assert size == len(content), path
        assert integrity == "sha256-" + base64.b64encode(hashlib.sha256(content).digest()).decode("ascii"), path


def test_every_page_shows_the_size_its_language_stores(built_site: Path) -> None:
    manifest = read_manifest(built_site)
    for lang, addresses in page_languages(built_site).items():
        total = sum(manifest["files"][path][1] for path in manifest["languages"][lang]["files"])
        assert manifest["languages"][lang]["size"] == total
        shown = f"<span data-offline-size>{formatting.size(total, lang)}</span>"
        # Hidden without JavaScript (and where the browser has no service worker).
        assert re.search(
            r"<div [^>]*\bdata-plansite-offline\b[^>]*\bhidden\b", (built_site / LANGS[lang] / "index.html").read_text(encoding="utf-8")
        )
        for address in addresses:
            html = (built_site / address / "index.html").read_text(encoding="utf-8")
            assert html.count(shown) == 1, f"{address}: {shown} (in the menu; the home page's in its text)"


def test_the_worker_is_at_the_root_and_names_the_build(built_site: Path) -> None:
    worker = (built_site / "sw.js").read_text(encoding="utf-8")
    assert re.findall(r'^const VERSION = "([^"]*)";$', worker, re.MULTILINE) == [read_manifest(built_site)["version"]]
    assert not (built_site / "en" / "sw.js").exists()


def write(root: Path, path: str, text: str) -> None:
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).write_text(text, encoding="utf-8")


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    """A built site in miniature: a page per language, each linking to a document of its own."""
    site = tmp_path / "site"
    control = "<span data-offline-size></span>"
    write(site, "index.html", f'<html lang="vi"><a href="en/">EN</a><a href="files/ke-hoach.pdf">PDF</a>{control}</html>')
    write(site, "en/index.html", f'<html lang="en"><a href="../">VI</a><a href="../files/plan.pdf">PDF</a>{control}</html>')
    write(site, "404.html", '<html lang="vi"><a href="/files/other.pdf">?</a></html>')
    write(site, "files/ke-hoach.pdf", "%PDF vi")
    write(site, "files/plan.pdf", "%PDF en")
    write(site, "files/other.pdf", "%PDF")
    write(site, "assets/js/site.js", "site")
    write(site, "assets/search/search.js", "search")
    write(site, "search/vi.json", "{}")
    write(site, "search/en.json", "{}")
    write(site, "sw.js", 'importScripts("x");\nconst VERSION = "dev";\n')
    return site


def test_a_document_a_page_links_to_joins_that_pages_language(small_site: Path) -> None:
    """How the PDFs (issue 22, part 2) will join what a reader stores: by being linked."""
    manifest = offline.write_manifest(small_site)
    assert manifest.files["vi"] == ["", "assets/js/site.js", "assets/search/search.js", "files/ke-hoach.pdf", "search/vi.json"]
    assert manifest.files["en"] == ["assets/js/site.js", "assets/search/search.js", "en/", "files/plan.pdf", "search/en.json"]
    home = (small_site / "index.html").read_text(encoding="utf-8")
    assert f"<span data-offline-size>{formatting.size(manifest.sizes['vi'], 'vi')}</span>" in home
    assert f'const VERSION = "{manifest.version}";' in (small_site / "sw.js").read_text(encoding="utf-8")
    # Another build with one byte changed is another version.
    write(small_site, "files/plan.pdf", "%PDF en.")
    assert offline.write_manifest(small_site).version != manifest.version


def test_a_worker_without_its_version_line_stops_the_build(small_site: Path) -> None:
    write(small_site, "sw.js", "const VERSION = 1;\n")
    with pytest.raises(offline.OfflineError, match=r'sw\.js must have one line const VERSION = "…"; it has 0'):
        offline.write_manifest(small_site)


# -- in the browser ----------------------------------------------------------------


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A phone's browser in Viet Nam's time zone, watching the security policy."""
    context = browser.new_context(viewport=PHONE, timezone_id=TIMEZONE)
    context.add_init_script(WATCH_POLICY)
    yield context
    context.close()


def run_by_worker(page: Page) -> None:
    page.wait_for_function("() => navigator.serviceWorker.controller !== null")


# Waiting for the worker, which tells the page nothing: the caches are read at every frame
# until they are as expected, or 20 s have passed. (wait_for_function takes a promise for a
# true value and returns at once.)
STORED = """async (url) => {
    for (const end = Date.now() + 20000; Date.now() < end; await new Promise(requestAnimationFrame)) {
        if (await caches.match(url)) return true;
    }
    return false;
}"""
ONLY_VERSION = """async (version) => {
    for (const end = Date.now() + 20000; ; await new Promise(requestAnimationFrame)) {
        const names = await caches.keys();
        if ((names.length && names.every((name) => name.includes(` ${version} `))) || Date.now() > end) return names;
    }
}"""


def wait_stored(page: Page, url: str) -> None:
    assert page.evaluate(STORED, url), f"{url} is not stored"


def said(page: Page, text: str) -> None:
    """Wait until the home page's control says ``text``."""
    page.wait_for_function("(text) => document.querySelector('article [role=status]').textContent === text", arg=text)


def cut_the_network(context: BrowserContext, page: Page) -> None:
    context.new_cdp_session(page).send("Network.clearBrowserCache")
    context.set_offline(True)


def notice(lang: str) -> list[str]:
    """The notice on a stored page, dated today in Viet Nam (or yesterday, past midnight)."""
    today = dt.datetime.now(zoneinfo.ZoneInfo(TIMEZONE)).date()
    return [lookup(lang, "offline_notice").format(date=formatting.date(day, lang)) for day in (today, today - dt.timedelta(days=1))]


def shown_from_the_store(page: Page, lang: str) -> None:
    assert page.locator("article .plansite-offline-notice").inner_text() in notice(lang)
    assert page.locator("header").evaluate("(header) => getComputedStyle(header).backgroundColor") == HEADER_COLOUR
    assert page.evaluate("window.__violations") == []


def test_pages_opened_before_load_without_a_connection(context: BrowserContext, published_url: str) -> None:
    page = context.new_page()
    # The first page comes before the worker, which keeps it and its files once it runs.
    page.goto(published_url)
    run_by_worker(page)
    wait_stored(page, published_url)
    page.goto(published_url + "glossary/")
    wait_stored(page, published_url + "glossary/")
    cut_the_network(context, page)
    for path in ("", "glossary/"):
        page.goto(published_url + path)
        shown_from_the_store(page, "vi")
    # Neither opened nor saved: not there.
    with pytest.raises(PlaywrightError, match=NOT_THERE):
        page.goto(published_url + NEVER_OPENED)


@pytest.mark.parametrize("lang", LANGS)
def test_after_saving_a_page_never_opened_loads_without_a_connection(
    context: BrowserContext, published_url: str, built_site: Path, lang: str
) -> None:
    home = published_url + LANGS[lang]
    page = context.new_page()
    page.goto(home)
    control = page.locator("article [data-plansite-offline]")
    save, remove, status = control.locator("[data-offline-save]"), control.locator("[data-offline-remove]"), control.get_by_role("status")
    size = formatting.size(read_manifest(built_site)["languages"][lang]["size"], lang)
    assert save.inner_text() == f"{lookup(lang, 'offline_save')} ({size})"
    box = save.bounding_box()
    assert box and box["width"] >= 24 and box["height"] >= 24
    assert remove.is_hidden()
    run_by_worker(page)
    # By keyboard: the status line is a live region; focus moves to "remove" once saved.
    save.focus()
    page.keyboard.press("Enter")
    said(page, lookup(lang, "offline_saved"))
    assert status.inner_text() == lookup(lang, "offline_saved")
    assert remove.evaluate("(button) => document.activeElement === button")
    cut_the_network(context, page)
    page.goto(home + LABOUR)
    assert page.locator("h1").inner_text().strip() == LABOUR_NAME[lang]
    assert DEADLINE[lang] in page.locator("article").inner_text()
    shown_from_the_store(page, lang)
    menu = page.locator("nav [data-plansite-offline]")  # in the closed phone menu: read, not seen
    assert menu.locator("[role=status]").text_content() == lookup(lang, "offline_stored"), "the menu says it is saved"
    assert menu.locator("[data-offline-remove]").get_attribute("hidden") is None
    spreadsheet = page.locator("article a[href$='.xlsx']").first.get_attribute("href")
    assert page.evaluate("(href) => fetch(href).then((response) => response.status)", spreadsheet) == 200
    assert page.evaluate("(url) => fetch(url).then((response) => response.status)", f"{published_url}search/{lang}.json") == 200
    # Removed (without a connection, too), the pages never opened are gone.
    page.goto(home)
    remove.click()
    said(page, lookup(lang, "offline_removed"))
    assert save.evaluate("(button) => document.activeElement === button")
    with pytest.raises(PlaywrightError, match=NOT_THERE):
        page.goto(home + NEVER_OPENED)


def test_a_new_publication_replaces_the_stored_copy(context: BrowserContext, built_site: Path, tmp_path: Path) -> None:
    """Two publications served in turn at one address: the second changes the Labour
    office's deadline. The stored copy becomes the second's, whole; what did not change is
    not downloaded again."""
    first, second, current = tmp_path / "first", tmp_path / "second", tmp_path / "current"
    shutil.copytree(built_site, first)
    shutil.copytree(built_site, second)
    labour = second / LABOUR / "index.html"
    changed = DEADLINE["vi"].replace("30/10", "15/10")
    assert changed != DEADLINE["vi"]
    labour.write_text(labour.read_text(encoding="utf-8").replace(DEADLINE["vi"], changed), encoding="utf-8")
    versions = read_manifest(first)["version"], offline.write_manifest(second).version
    assert versions[0] != versions[1]
    current.symlink_to(first)
    prefix = urllib.parse.urlsplit(configured_site_url()).path
    ledger = Ledger()
    with serve(current, prefix, ledger=ledger) as url:
        page = context.new_page()
        page.goto(url)
        run_by_worker(page)
        page.locator("article [data-offline-save]").click()
        said(page, lookup("vi", "offline_saved"))
        current.unlink()
        current.symlink_to(second)
        swapped = time.monotonic()
        # Any page opened asks for the worker again: the new one stores the new publication.
        page.goto(url + "glossary/")
        names = page.evaluate(ONLY_VERSION, versions[1])
        fetched = {response.path.removeprefix(prefix) for response in ledger.between(swapped, time.monotonic())}
        old, new = read_manifest(first), read_manifest(second)
        same = {path for path in new["languages"]["vi"]["files"] if old["files"].get(path) == new["files"][path]}
        assert {"sw.js", "offline.json", LABOUR} <= fetched
        # Unchanged, but the page opened and the script the worker imports (the browser
        # fetches it with the worker, to see whether either changed).
        assert not (fetched & same) - {"glossary/", "assets/js/offline.js"}, "fetched again, though unchanged"
        assert sorted(name.split(" ", 3)[2:] for name in names) == [[versions[1], "opened"], [versions[1], "saved vi"]]
        cut_the_network(context, page)
        page.goto(url + LABOUR)
        text = page.locator("article").inner_text()
        assert changed in text and DEADLINE["vi"] not in text
        shown_from_the_store(page, "vi")


def test_without_service_workers_the_controls_stay_hidden(browser: Browser, published_url: str) -> None:
    """As on a plain http address other than localhost, where browsers have no service worker."""
    context = browser.new_context()
    context.add_init_script("delete Navigator.prototype.serviceWorker")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    for path in ("", "glossary/"):  # the home page's control, a page's in its menu
        page.goto(published_url + path)
        assert page.evaluate("'serviceWorker' in navigator") is False
        assert page.locator("[data-plansite-offline]").count() == 1
        assert page.locator("[data-plansite-offline]").is_hidden()
    assert errors == []
    context.close()


def test_the_browser_writes_the_copys_date_as_the_site_does(browser: Browser) -> None:
    page = browser.new_page()
    for day in (dt.date(2024, 4, 23), dt.date(2025, 7, 1), dt.date(2026, 12, 31)):
        for lang in CODES:
            locale, options = formatting.browser_date(lang)
            written = page.evaluate(
                "([iso, locale, options]) => new Date(iso).toLocaleDateString(locale, options)", [f"{day}T12:00:00Z", locale, options]
            )
            assert written == formatting.date(day, lang)
    page.close()
