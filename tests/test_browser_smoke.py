"""The built site opens in a real browser, in both languages, with the right language."""

from __future__ import annotations

from playwright.sync_api import Page


def test_home_pages_open_in_both_languages(page: Page, site_url: str) -> None:
    for path, lang in (("", "vi"), ("en/", "en")):
        response = page.goto(site_url + path)
        assert response is not None and response.ok
        assert page.locator("html").get_attribute("lang") == lang
        assert page.locator("h1").first.inner_text().strip()
