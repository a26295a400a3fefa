"""No page asks another origin for anything, and nothing a page asks for fails:
every request a real browser makes on every page, at both widths, is recorded
(tests/quality.py, ``sweep``). The 404 page is loaded where it is used, at an
address the site does not have.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page
from quality import MISSING, WIDTHS, Visit, serve_as_published, sweep
from toolkit.links import Site


@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_requests_anything_from_another_origin(browser_sweep: dict[int, list[Visit]], width: int) -> None:
    foreign = [f"{visit.url} asked for {url}" for visit in browser_sweep[width] for url in visit.foreign]
    assert not foreign, "\n".join(foreign)


@pytest.mark.parametrize("width", WIDTHS)
def test_every_request_succeeds(browser_sweep: dict[int, list[Visit]], quality_site: Site, width: int) -> None:
    problems = [f"{visit.url}: {failure}" for visit in browser_sweep[width] for failure in visit.failed]
    for visit in browser_sweep[width]:
        expected = 404 if visit.page == quality_site.root / "404.html" else 200
        if visit.status != expected:
            problems.append(f"{visit.url}: status {visit.status}, {expected} expected")
        if len(visit.requests) < 2:
            problems.append(f"{visit.url}: only {visit.requests} requested; the recording is broken")
    assert not problems, "\n".join(problems)


def test_the_sweep_records_foreign_and_failed_requests(browser: Browser, tmp_path: Path) -> None:
    """The recording itself, on a one-page site that loads a Google font and a missing image."""
    font = "https://fonts.googleapis.com/css?family=Roboto"
    (tmp_path / "index.html").write_text(
        f'<!doctype html><html lang="en"><title>t</title><link rel="stylesheet" href="{font}"><img src="gone.png" alt="gone"></html>',
        encoding="utf-8",
    )
    (tmp_path / "404.html").write_text("<!doctype html><title>404</title>", encoding="utf-8")
    site = Site(tmp_path, "https://example.org/x/")
    with serve_as_published(site) as local:
        visits = {visit.page.name: visit for visit in sweep(browser, site, local, WIDTHS[0])}
    assert visits["index.html"].status == 200 and set(visits["index.html"].foreign) == {font}
    assert [failure.split("/")[-1] for failure in visits["index.html"].failed] == ["gone.png: HTTP 404"]
    assert visits["404.html"].status == 404 and visits["404.html"].url == local + MISSING


def test_a_missing_address_gets_the_404_page_in_both_languages(page: Page, published_url: str) -> None:
    response = page.goto(published_url + MISSING)
    assert response is not None and response.status == 404
    heading = page.locator("h1")
    assert heading.locator("[lang=vi]").inner_text() and heading.locator("[lang=en]").inner_text()
    # Its links work from any depth: back to both home pages (the links with an anchor lead
    # to the status's explanation there).
    for lang, home in (("vi", published_url), ("en", published_url + "en/")):
        link = page.locator(f"article p[lang={lang}] a:not([href*='#'])")
        assert link.get_attribute("href") is not None
        with page.expect_navigation():
            link.click()
        assert page.url == home and page.locator("html").get_attribute("lang") == lang
        page.goto(published_url + MISSING)
