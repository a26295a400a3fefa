"""Without JavaScript every page shows all the content it shows with it, and every
page can be reached by following links a reader can see (or bring into view with the
keyboard, like the language menu), starting from the home page.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect
from quality import Visit, local_address
from toolkit.links import Site

# For each link on the page: can a reader see it, or make it appear by focusing it?
# Seen means: laid out, not hidden, and not clipped away by an ancestor (Material's
# language menu is a zero-height box until focused); a box that scrolls does not hide.
REACHABLE_LINKS = """() => {
  const shows = (el) => {
    if (!el.checkVisibility({ visibilityProperty: true })) return false;
    let box = el.getBoundingClientRect();
    for (let node = el.parentElement; node; node = node.parentElement) {
      const overflow = getComputedStyle(node).overflow;
      if (overflow === "visible") continue;
      const clip = node.getBoundingClientRect();
      // A box that scrolls shows its links when scrolled, if it shows anything at all.
      if (/auto|scroll/.test(overflow) && clip.width >= 1 && clip.height >= 1) { box = clip; continue; }
      const left = Math.max(box.left, clip.left), right = Math.min(box.right, clip.right);
      const top = Math.max(box.top, clip.top), bottom = Math.min(box.bottom, clip.bottom);
      if (right - left < 1 || bottom - top < 1) return false;
      box = new DOMRect(left, top, right - left, bottom - top);
    }
    return box.width >= 1 && box.height >= 1;
  };
  const found = [];
  for (const link of document.querySelectorAll("a[href]")) {
    let seen = shows(link);
    if (!seen) {
      link.focus({ preventScroll: true });
      seen = document.activeElement === link && shows(link);
      link.blur();
    }
    if (seen) found.push(link.href);
  }
  return found;
}"""


@pytest.fixture
def page_without_javascript(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800})
    yield context.new_page()
    context.close()


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def test_every_page_shows_the_same_content_without_javascript(
    page_without_javascript: Page, browser_sweep: dict[int, list[Visit]], quality_site: Site
) -> None:
    """The text a page's <article> shows without JavaScript is all the text it shows with it,
    but for the controls that need it (saving for reading offline: in the HTML, hidden)."""
    page = page_without_javascript
    problems = []
    visits = browser_sweep[1280]
    assert len(visits) == len(quality_site.pages())
    for visit in visits:
        page.goto(visit.url)
        assert page.evaluate("() => document.documentElement.classList.contains('no-js')"), "JavaScript ran"
        article = page.locator("article")
        scripted = _words(" ".join(page.locator("article [data-plansite-offline]").all_text_contents()))
        missing = _words(visit.text) - _words(article.inner_text()) - scripted if article.is_visible() else {"(the whole article)"}
        if missing or not visit.text.strip():
            problems.append(f"{visit.url}: without JavaScript, not shown: {sorted(missing)[:10]}")
    assert not problems, "\n".join(problems)


def test_every_page_is_reached_by_visible_links_without_javascript(
    page_without_javascript: Page, quality_site: Site, published_url: str
) -> None:
    page = page_without_javascript
    pages = {local_address(quality_site, published_url, file) for file in quality_site.pages() if file.name != "404.html"}
    start = published_url
    reached, queue = {start}, [start]
    while queue:
        page.goto(queue.pop())
        for href in page.evaluate(REACHABLE_LINKS):
            target = urllib.parse.urldefrag(href).url
            if target in pages and target not in reached:
                reached.add(target)
                queue.append(target)
    assert pages - reached == set(), "pages no visible link leads to"


def test_the_navigation_drawer_opens_without_javascript(browser: Browser, published_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 800})
    page = context.new_page()
    try:
        page.goto(published_url)
        navigation = page.locator(".md-nav--primary a.md-nav__link:not(.md-nav__link--active)")
        expect(navigation.first).not_to_be_in_viewport()
        page.locator(".md-header label[for=__drawer]").click()
        expect(navigation.first).to_be_in_viewport()
        # The drawer lists the top-level sections first (overrides/partials/nav.html).
        page.locator(".md-nav--primary .plansite-sections a[href$='glossary/']").click()
        assert page.url == published_url + "glossary/"
    finally:
        context.close()
