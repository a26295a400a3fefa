"""A second accessibility engine: HTML_CodeSniffer (the npm package html_codesniffer,
pinned in package-lock.json; its built HTMLCS.js injected into each page by Playwright)
at WCAG 2 AA, on every built page at a laptop's width.

axe-core (tests/test_quality_accessibility.py) reports only what it can decide;
HTML_CodeSniffer also reports what it cannot (warnings) and what a person must check
(notices). Every kind of report that remains is listed below with the reason it stays,
reviewed one by one: a report of a kind not in the list fails the test, and so does
an entry for a kind that no longer occurs, so the list stays the truth.
"""

from __future__ import annotations

import collections
import json
import re
from typing import Any

from conftest import ROOT
from playwright.sync_api import Browser, Page
from quality import local_address
from toolkit.links import Site

HTMLCS = ROOT / "node_modules" / "html_codesniffer" / "build" / "HTMLCS.js"
STANDARD = "WCAG2AA"
KINDS = {1: "error", 2: "warning", 3: "notice"}
P = "WCAG2AA.Principle"

# Each kind of report still made, by its code, with why it stays.
REVIEWED: dict[str, str] = {
    # -- errors --
    f"{P}1.Guideline1_3.1_3_1.F68": "Material's #__search checkbox (base.html): a hidden state toggle (display: none, so"
    " not in the accessibility tree) of Material's own search, which this site replaces; the theme writes it on every page",
    f"{P}4.Guideline4_1.4_1_2.H91.InputCheckbox.Name": "the same hidden #__search checkbox of Material's base.html",
    # -- warnings --
    f"{P}1.Guideline1_3.1_3_1.H39.3.NoCaption": "tables sit in a <figure> whose <figcaption> names them (aria-labelledby);"
    " Markdown tables cannot take a <caption>",
    f"{P}1.Guideline1_3.1_3_1.H48": 'agency pages give a few links inside a sentence ("Tải về: …", "Các cơ quan thành viên: …"):'
    " a run-in list, read as a sentence, not a block of navigation",
    f"{P}1.Guideline1_3.1_3_1.H42": "emphasised sentences (a note under a title, the shared assignment of sub-tasks) that are not headings",
    f"{P}1.Guideline1_4.1_4_10.C32,C31,C33,C38,SCR34,G206": "(a warning and a notice) Material's fixed header, skip link and dialog, and the sticky"
    " column of the assignment table; text reflows at 320 px (tests/test_quality_accessibility.py: no page scrolls sideways)",
    f"{P}1.Guideline1_4.1_4_3.G18.Abs": "absolutely positioned boxes (the language menu, the skip link, Material's icons):"
    " their contrast is measured by axe-core in a real browser at two widths",
    f"{P}1.Guideline1_4.1_4_3.G18.BgImage": "text in a table box that scrolls sideways, whose edge shadow is a background"
    " gradient (site.css, .plansite-scroll): the page's body text and link colours on its background, the shadow"
    " darkening it by 10% at most (the same case in test_quality_accessibility.py's REVIEWED_UNDECIDED)",
    f"{P}1.Guideline1_4.1_4_3.G18.Alpha": "colours with transparency (the search button's label over the header):"
    " measured by axe-core on the composed colours",
    # -- notices: what a person checks; done for this site as said --
    f"{P}1.Guideline1_3.1_3_1.DataTable": "every table has header cells in <thead> (test_tables_have_headers_and_captions)",
    f"{P}1.Guideline1_3.1_3_1.H39.3.Check": "each table's figcaption says what it holds",
    f"{P}1.Guideline1_3.1_3_2.G57": "the reading order is the source order; no CSS reorders content",
    f"{P}1.Guideline1_3.1_3_3.G96": "no instruction relies on shape, size or position",
    f"{P}1.Guideline1_3.1_3_4.": "no page is locked to one orientation",
    f"{P}1.Guideline1_3.1_3_5.H98": "the only inputs are the search field and Material's toggles; none asks for personal data",
    f"{P}1.Guideline1_4.1_4_1.G14,G182": "links are underlined, the status box has a border and a heading: not colour alone",
    f"{P}1.Guideline1_4.1_4_11.G195,G207,G18,G145,G174,F78": "focus rings of 3:1 (test_every_control_takes_focus_visibly)",
    f"{P}1.Guideline1_4.1_4_12.C36,C35": "no fixed heights on text; line height 1.7 (assets/css/site.css)",
    f"{P}1.Guideline1_4.1_4_13.F95": "the language menu opens only on request and closes on Escape (test_readers.py)",
    f"{P}1.Guideline1_4.1_4_4.G142": "text sizes in rem; the site name wraps at 200 % (test_readers.py)",
    f"{P}2.Guideline2_1.2_1_4.": "the one single-key shortcut, '/', opens the search dialog and only outside text fields",
    f"{P}2.Guideline2_2.2_2_2.SCR33,SCR22,G187,G152,G186,G191": "nothing moves, blinks or updates by itself",
    f"{P}2.Guideline2_3.2_3_1.G19,G176": "nothing flashes",
    f"{P}2.Guideline2_4.2_4_1.G1,G123,G124,H69": "a skip link first on every page (test_the_skip_link_comes_first…)",
    f"{P}2.Guideline2_4.2_4_2.H25.2": "titles name the page and the site (test_quality_seo.py)",
    f"{P}2.Guideline2_4.2_4_3.H4.2": "no positive tabindex; focus follows the source order",
    f"{P}2.Guideline2_4.2_4_4.H77,H78,H79,H80,H81": "link texts name their target (a page, a sub-task, a document)",
    f"{P}2.Guideline2_4.2_4_4.H77,H78,H79,H80,H81,H33": "the same, for links that also have a title",
    f"{P}2.Guideline2_4.2_4_5.G125,G64,G63,G161,G126,G185": "menu, tabs, breadcrumbs, search and links in the text",
    f"{P}2.Guideline2_4.2_4_6.G130,G131": "headings and labels describe their content",
    f"{P}2.Guideline2_4.2_4_7.G149,G165,G195,C15,SCR31": "focus always visible (test_every_control_takes_focus_visibly)",
    f"{P}2.Guideline2_5.2_5_1.": "no gesture beyond a tap",
    f"{P}2.Guideline2_5.2_5_2.": "every control acts on release (native links, buttons, <details>)",
    f"{P}2.Guideline2_5.2_5_3.F96": "visible labels are the accessible names (the icon buttons have no visible text)",
    f"{P}2.Guideline2_5.2_5_4.": "nothing responds to motion",
    f"{P}3.Guideline3_1.3_1_2.H58": "Vietnamese inside English pages is marked lang='vi' (test_vietnamese_in_english_pages_is_marked)",
    f"{P}3.Guideline3_2.3_2_1.G107": "focus changes no context",
    f"{P}3.Guideline3_2.3_2_3.G61": "the same header, menu and footer on every page",
    f"{P}3.Guideline3_2.3_2_4.G197": "the same names for the same functions on every page",
    f"{P}3.Guideline3_3.3_3_1.G83,G84,G85": "no form to submit",
    f"{P}3.Guideline3_3.3_3_2.G131,G89,G184,H90": "the search field has a label",
    f"{P}3.Guideline3_3.3_3_3.G177": "no form to submit",
    f"{P}3.Guideline3_3.3_3_4.G98,G99,G155,G164,G168.LegalForms": "no legal or financial transaction",
    f"{P}4.Guideline4_1.4_1_3.": "the search announces its results in a role=status element",
}

RUN = """(standard) => new Promise((resolve) => HTMLCS.process(standard, document, () => resolve(
  HTMLCS.getMessages().map((m) => ({
    type: m.type,
    code: m.code,
    element: m.element && m.element.outerHTML ? m.element.outerHTML.slice(0, 120) : String(m.element && m.element.nodeName),
  }))
)))"""


def sniff(page: Page, url: str) -> list[dict[str, Any]]:
    page.goto(url)
    page.add_script_tag(path=str(HTMLCS))
    messages: list[dict[str, Any]] = page.evaluate(RUN, STANDARD)
    return messages


def test_every_report_is_one_reviewed(browser: Browser, quality_site: Site, published_url: str) -> None:
    assert HTMLCS.is_file(), f"{HTMLCS} is missing: `npm ci` installs it (make test does)"
    # HTMLCS.js is injected as a script of its own: the page's security policy would refuse it.
    context = browser.new_context(viewport={"width": 1280, "height": 800}, bypass_csp=True)
    page = context.new_page()
    seen: collections.Counter[str] = collections.Counter()
    unreviewed: list[str] = []
    try:
        for file in quality_site.pages():
            url = local_address(quality_site, published_url, file)
            for message in sniff(page, url):
                seen[message["code"]] += 1
                if message["code"] not in REVIEWED:
                    unreviewed.append(f"{url}: {KINDS[message['type']]} {message['code']} at {message['element']}")
    finally:
        context.close()
    assert not unreviewed, f"{len(unreviewed)} reports of a kind not reviewed:\n" + "\n".join(unreviewed[:40])
    stale = sorted(set(REVIEWED) - set(seen))
    assert not stale, f"reviewed kinds no page reports any more (remove them): {stale}"


def test_html_codesniffer_reports_what_it_should(browser: Browser, published_url: str) -> None:
    """The harness sees errors when there are some: an image without text, a field without a label."""
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    try:
        page.goto(published_url)
        page.evaluate(
            """() => document.querySelector("article").insertAdjacentHTML("beforeend", '<img src="data:,"><input type="text">')"""
        )
        page.add_script_tag(path=str(HTMLCS))
        errors = {m["code"] for m in page.evaluate(RUN, STANDARD) if m["type"] == 1}
    finally:
        context.close()
    assert f"{P}1.Guideline1_1.1_1_1.H37" in errors
    assert f"{P}4.Guideline4_1.4_1_2.H91.InputText.Name" in errors


def test_the_sniffer_is_pinned() -> None:
    wanted = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["html_codesniffer"]
    locked = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))["packages"]["node_modules/html_codesniffer"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", wanted), "an exact version, not a range"
    assert locked["version"] == wanted and locked["integrity"].startswith("sha512-")
