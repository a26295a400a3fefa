"""An agency page prints as a clean A4 duty sheet of one or two pages: computed styles
under print media emulation in the real browser, and the PDF the browser makes from it."""

from __future__ import annotations

import calendar
import re
from typing import Any

import pytest
from conftest import PLAN_ID
from playwright.sync_api import Page
from rawdata import raw

from plansite.languages import CODES, LANGUAGES

AGENCY = "phong-ldtbxh"
AGENCIES = raw("agencies.yml")["agencies"]
MEDIA_BOX = rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]"
# The site's chrome: the header (with the search), the tabs, menus, the table of contents,
# the feedback and edit links, the footer.
CHROME = (
    ".md-header",
    ".md-search",
    ".md-tabs",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".plansite-actions",
    ".md-footer",
    ".plansite-no-print",
)


def visible(page: Page, selector: str) -> list[bool]:
    """For each element ``selector`` matches: would it be rendered (itself and its ancestors)?"""
    result: list[bool] = page.eval_on_selector_all(selector, "els => els.map(e => e.checkVisibility())")
    return result


def display(page: Page, selector: str) -> list[str]:
    result: list[str] = page.eval_on_selector_all(selector, "els => els.map(e => getComputedStyle(e).display)")
    return result


@pytest.mark.parametrize("lang", CODES)
def test_the_agency_page_prints_without_chrome(page: Page, site_url: str, lang: str) -> None:
    page.goto(f"{site_url}{LANGUAGES[lang].prefix}agencies/{AGENCY}/")
    canonical = page.locator("link[rel=canonical]").get_attribute("href")
    address = page.locator(".plansite-print-only")

    # On screen the chrome is there and the printed address is not: the test can tell.
    for selector in (".md-header", ".md-sidebar--primary", ".md-footer", ".plansite-no-print"):
        assert any(visible(page, selector)), f"{selector} missing on screen"
    assert display(page, ".plansite-print-only") == ["none"]

    page.emulate_media(media="print")
    for selector in CHROME:
        # The feedback links are there only with a contact or a repository (site.yml).
        assert display(page, selector) or selector in (".md-search", ".plansite-actions"), f"{selector} is not on the page"
        assert not any(visible(page, selector)), f"{selector} shows in print"
    for selector in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".plansite-no-print"):
        assert set(display(page, selector)) == {"none"}, selector

    assert address.is_visible() and address.inner_text().endswith(": " + str(canonical))
    plan = raw("plan.yml")
    heading = page.locator(f"#plan-{PLAN_ID}")
    assert heading.is_visible() and plan["number"] in heading.inner_text()
    date = plan["date"]
    printed = f"{date.day}/{date.month}/{date.year}" if lang == "vi" else f"{date.day} {calendar.month_name[date.month]} {date.year}"
    assert printed in heading.inner_text()
    # The duties themselves, with their titles and timelines, are printed.
    tasks = page.locator(".plansite-glance a.plansite-task-title")
    assert tasks.count() > 0 and all(tasks.nth(i).is_visible() for i in range(tasks.count()))
    assert page.locator(f"#coordinate-{PLAN_ID}, #member-co-quan-ban-nganh-huyen-{PLAN_ID}").first.is_visible()
    assert page.locator(f"#reporting-{PLAN_ID}").is_visible()


def test_the_printed_sheet_is_a4(page: Page, site_url: str) -> None:
    page.goto(f"{site_url}agencies/{AGENCY}/")
    page.emulate_media(media="print")
    pdf = page.pdf(prefer_css_page_size=True)
    boxes: list[Any] = re.findall(MEDIA_BOX, pdf)
    assert boxes, "no page in the PDF"
    for width, height in boxes:
        # A4 is 210 x 297 mm = 595.3 x 841.9 pt.
        assert abs(float(width) - 595.3) < 2 and abs(float(height) - 841.9) < 2, (width, height)


@pytest.mark.parametrize("lang", CODES)
def test_an_office_page_prints_on_one_or_two_pages(page: Page, site_url: str, lang: str) -> None:
    """Each district office's duty sheet, and those of the groups of bodies, fit two A4 pages."""
    agencies = [a["id"] for a in AGENCIES if a["kind"] in ("district_office", "collective")]
    assert AGENCY in agencies
    too_long = {}
    for agency_id in agencies:
        page.goto(f"{site_url}{LANGUAGES[lang].prefix}agencies/{agency_id}/")
        page.emulate_media(media="print")
        pages = len(re.findall(MEDIA_BOX, page.pdf(prefer_css_page_size=True)))
        assert pages >= 1, agency_id
        if pages > 2:
            too_long[agency_id] = pages
    assert not too_long, f"printed on more than two pages: {too_long}"
