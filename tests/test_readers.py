"""The site for its readers (issue 12): who publishes it, how to report a mistake or
edit the data behind a page, the menu, the home page, the 404 page, and what a citizen
and a researcher can do on a phone: each checked on the built site, in both languages.

Expected values come from the data files (read here with YAML) and the site's
address, not from the code that writes the pages.
"""

from __future__ import annotations

import os
import re
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import PLAN_ID, ROOT, plain_strings
from playwright.sync_api import Browser, FloatRect, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError
from quality import built_file
from toolkit.html import Element, read
from toolkit.links import Site

from plansite import registry
from plansite.languages import CODES, LANGUAGES
from plansite.load import SiteData
from plansite.pages import source_file
from plansite.render import Renderer
from plansite.strings import load_strings
from plansite.wording import Wording

SITE_YML = yaml.safe_load((ROOT / "data" / "site.yml").read_text(encoding="utf-8"))
TASKS_YML = yaml.safe_load((ROOT / "data" / "plans" / PLAN_ID / "tasks.yml").read_text(encoding="utf-8"))
# The menu's top-level sections: home, each plan, the agencies, the downloads, the data
# dictionary (what the columns mean) and the glossary.
SECTIONS = 1 + len(SITE_YML["plans"]) + 4


# What data/site.yml holds until the repository is known (its comment says so).
PLACEHOLDER = "https://github.com/OWNER/REPOSITORY"


def repository() -> str | None:
    """Where the GitHub links must lead: the workflow's variable, else site.yml's address;
    None while that is the placeholder (then there must be no GitHub link at all)."""
    given = os.environ.get("REPOSITORY_URL") or SITE_YML["repository"]
    return None if given == PLACEHOLDER else given


def lang_of(site: Site, file: Path) -> str:
    return "en" if file.relative_to(site.root).parts[0] == "en" else "vi"


def by_class(tree: Element, name: str) -> list[Element]:
    return [element for element in tree.iter() if name in element.attrs.get("class", "").split()]


def text(element: Element) -> str:
    return " ".join(element.text().split())


def edit_source(site_data: SiteData, site: Site, file: Path) -> str:
    """The file in the repository "Sửa trang này" opens for the page built into ``file``:
    its family's first source (``Family.sources``); a hand-written page its own file."""
    if file.name == "404.html":
        return "overrides/404.html"
    pages = {built_file(site, ref.path, lang): ref for ref, lang in registry.published(site_data)}
    if file not in pages:  # hand-written: a page of the guide edits its own Markdown file
        name = file.parent.name  # guide, guide-2, guide-3
        return f"docs/{name}.md" if lang_of(site, file) == "vi" else f"docs/{name}.en.md"
    return source_file(site_data, pages[file])


def page_title(site_data: SiteData, site: Site, file: Path) -> str:
    lang = lang_of(site, file)
    if file.name == "404.html":
        return str(load_strings()["vi"]["not_found_title"])
    for ref in registry.all_pages(site_data):
        if built_file(site, ref.path, lang) == file:
            return Renderer(site_data).title(ref, lang)
    titles = {
        "guide": {"vi": "Hướng dẫn cho người biên tập", "en": "Editor's guide"},
        "guide-2": {
            "vi": "Hướng dẫn cho người biên tập (tiếp): trên máy tính, việc thường gặp",
            "en": "Editor's guide (continued): on a computer, usual tasks",
        },
        "guide-3": {
            "vi": "Hướng dẫn cho người biên tập: thông báo kiểm tra, ý nghĩa và cách sửa",
            "en": "Editor's guide: the check's messages, what they mean and how to fix them",
        },
    }
    return titles[file.parent.name][lang]


# -- on every page: feedback, edit, footer ---------------------------------------------


def test_every_page_has_a_feedback_link_with_its_title_and_address(quality_site: Site, site_data: SiteData) -> None:
    """GitHub's route, where the site has a repository; without one (site.yml's placeholder)
    and without a contact (the published data has none), no feedback block and no link to
    GitHub. tests/test_hostile_data.py checks a site with a contact and a repository."""
    strings = load_strings()
    checked = 0
    github = repository()
    assert "contact" not in SITE_YML, "the published data keeps no made-up contact"
    for file in quality_site.pages():
        tree = read(file)
        if github is None:
            assert not by_class(tree, "plansite-actions"), file
            assert not [a for a in tree.iter("a") if a.attrs.get("href", "").startswith("https://github.com/")], file
            checked += 1
            continue
        [link] = by_class(tree, "plansite-actions__feedback")
        address = urllib.parse.urlsplit(link.attrs["href"])
        assert f"{address.scheme}://{address.netloc}{address.path}" == github + "/issues/new", file
        query = urllib.parse.parse_qs(address.query)
        lang = "vi" if file.name == "404.html" else lang_of(quality_site, file)
        assert query["title"] == [str(strings[lang]["feedback_title"]) + page_title(site_data, quality_site, file)], file
        if file.name != "404.html":
            assert str(strings[lang]["feedback_address"]) + quality_site.url(file) in query["body"][0], file
        assert text(link) == strings[lang]["feedback_github"]
        checked += 1
    assert checked == len(quality_site.pages()) > 90


def test_every_page_has_an_edit_link_to_the_data_file_behind_it(quality_site: Site, site_data: SiteData) -> None:
    """Where the site has a repository (without one, none: the test above)."""
    github = repository()
    for file in quality_site.pages():
        links = by_class(read(file), "plansite-actions__edit")
        source = edit_source(site_data, quality_site, file)
        assert (ROOT / source).exists(), source
        if github is None:
            assert not links, file
            continue
        [link] = links
        verb = "tree" if source.endswith("/") else "edit"  # a folder is listed, a file opens in the editor
        assert link.attrs["href"] == f"{github}/{verb}/{SITE_YML['branch']}/{source}", file
    # What the families say, for the pages a reader edits most: each opens the file it is made from.
    plan = f"data/plans/{PLAN_ID}"
    expected = {
        "plans/{p}/targets/": f"{plan}/targets.yml",
        "plans/{p}/area-5/": f"{plan}/tasks.yml",
        "plans/{p}/groups/ho-ngheo/": f"{plan}/groups.yml",
        "plans/{p}/full-text/": f"{plan}/plan.yml",
        "agencies/phong-ldtbxh/": "data/agencies.yml",
        "glossary/": "data/glossary.yml",
        "downloads/": "data/",
        "data-dictionary/": "plansite/opendata/columns.yml",
    }
    for url, source in expected.items():
        file = quality_site.root / url.format(p=PLAN_ID) / "index.html"
        assert edit_source(site_data, quality_site, file) == source, url


def test_the_footer_says_the_text_is_a_reproduction_and_who_runs_the_site(quality_site: Site) -> None:
    strings = {lang: plain_strings(lang) for lang in CODES}
    for file in quality_site.pages():
        lang = "vi" if file.name == "404.html" else lang_of(quality_site, file)
        [footer] = by_class(read(file), "plansite-footer")
        said = text(footer)
        assert strings[lang]["footer_reproduction"] in said, file
        publisher = strings[lang]["footer_publisher"].format(publisher=SITE_YML["publisher"][lang])
        assert publisher in said, file
        # Not the issuing body's site: its name is not offered as the publisher.
        assert "Văn bản chính thức của UBND" not in said and "Official text of the" not in said


def test_the_guide_is_out_of_the_menu_and_in_every_footer(quality_site: Site) -> None:
    for file in quality_site.pages():
        tree = read(file)
        lang = "vi" if file.name == "404.html" else lang_of(quality_site, file)
        guide = quality_site.root / ("guide" if lang == "vi" else "en/guide") / "index.html"
        [footer] = by_class(tree, "plansite-footer")
        targets = {quality_site.file(urllib.parse.urljoin(quality_site.url(file), a.attrs["href"])) for a in footer.iter("a")}
        if file.name != "404.html":
            assert guide in targets, file
        for menu in by_class(tree, "md-nav--primary") + by_class(tree, "md-tabs"):
            assert not any("guide" in a.attrs.get("href", "") for a in menu.iter("a")), f"{file}: the guide is in the menu"


def test_every_page_names_the_site_from_the_data(quality_site: Site) -> None:
    for file in quality_site.pages():
        lang = "vi" if file.name == "404.html" else lang_of(quality_site, file)
        tree = read(file)
        [brand] = by_class(tree, "plansite-brand")
        assert text(brand) == SITE_YML["name"][lang], file
        assert next(tree.iter("title")).text().endswith(" - " + SITE_YML["name"][lang]), file


# -- the menu, tables, contents ----------------------------------------------------------


@pytest.mark.parametrize("lang", CODES)
def test_the_menu_has_short_labels_and_the_pages_keep_their_full_titles(quality_site: Site, lang: str) -> None:
    for area in TASKS_YML["areas"]:
        file = built_file(quality_site, f"plans/{PLAN_ID}/area-{area['id']}.md", lang)
        tree = read(file)
        [menu] = by_class(tree, "md-nav--primary")
        labels = [text(a) for a in menu.iter("a")]
        assert f"{area['number']} {SITE_YML['plans'][PLAN_ID]['areas'][area['id']][lang]}" in labels, file
        assert area["title"][lang] not in " ".join(labels)
        assert text(next(tree.iter("h1"))) == f"{area['number']} {area['title'][lang]}"


def test_every_focusable_table_is_named_by_its_caption(quality_site: Site) -> None:
    figures = 0
    for file in quality_site.pages():
        tree = read(file)
        ids = {element.attrs["id"]: element for element in tree.iter() if "id" in element.attrs}
        for figure in tree.iter("figure"):
            if "tabindex" not in figure.attrs:
                continue
            figures += 1
            label = ids.get(figure.attrs.get("aria-labelledby", ""))
            assert label is not None and label.tag == "figcaption" and text(label), f"{file}: {figure.attrs}"
    assert figures >= 9  # home, targets (four groups), glossary, the guide's two tables in each language


def test_no_page_has_an_empty_table_of_contents(quality_site: Site) -> None:
    with_contents = 0
    for file in quality_site.pages():
        tree = read(file)
        headings = [h for h in tree.iter("h2", "h3") if h.attrs.get("id")]
        contents = by_class(tree, "md-nav--secondary")
        if contents:
            with_contents += 1
            assert any(True for _ in contents[0].iter("a")), f"{file}: an empty table of contents"
        else:
            article = next(tree.iter("article"))
            assert not [h for h in headings if article in h.ancestors()], f"{file}: headings, and no table of contents"
    assert with_contents > 10


# -- the home page: the document box, the timeline -----------------------------------------


@pytest.mark.parametrize("lang", CODES)
def test_the_home_page_shows_the_document_box_and_the_timeline(quality_site: Site, site_data: SiteData, lang: str) -> None:
    plan = yaml.safe_load((ROOT / "data" / "plans" / PLAN_ID / "plan.yml").read_text(encoding="utf-8"))
    guide = SITE_YML["plans"][PLAN_ID]
    strings = load_strings()[lang]
    tree = read(built_file(quality_site, "index.md", lang))
    # What the site is, then the plan's status in one line, before the document box.
    [lead] = by_class(tree, "plansite-lead")
    assert text(lead) == SITE_YML["description"][lang]
    [status] = by_class(tree, "plansite-status-line")
    assert text(status).startswith(f"{strings['fact_status']}: {guide['status_summary'][lang]}")
    [short, folded] = by_class(tree, "plansite-facts")
    facts = [text(element) for element in short.iter("dd")]
    assert facts[0] == plan["number"] and plan["signature"]["signer"] in facts[3]
    assert [line[lang] for line in plan["signature"]["authority"]] == re.findall(r"\((.*)\)", facts[3])[0].split(" \u2013 ")
    # The long fields, folded in a <details> that is closed until the reader opens it.
    [details] = by_class(tree, "plansite-facts-more")
    assert details.tag == "details" and "open" not in details.attrs and details in folded.ancestors()
    assert text(next(details.iter("summary"))) == strings["fact_more"]
    long_fields = [text(element) for element in folded.iter("dd")]
    assert long_fields[0] == plan["title"][lang]
    assert len(list(folded.iter("li"))) == len(plan["implements"])
    [abbreviations] = by_class(details, "plansite-abbreviations")
    assert text(abbreviations) == strings["fact_abbreviations"]
    dates = [element.attrs["datetime"] for element in tree.iter("time")]
    assert dates[0] == plan["date"].isoformat()
    [timeline] = by_class(tree, "plansite-timeline")
    when = [element.attrs["datetime"] for element in timeline.iter("time")]
    assert when == [plan["date"].isoformat(), guide["events"][0]["date"].isoformat(), "2030", str(guide["vision_year"])]
    assert (
        text(next(h for h in tree.iter("h3") if h.attrs.get("id") == f"areas-{PLAN_ID}"))
        == {
            "vi": "Tám nhóm nhiệm vụ",
            "en": "The eight task areas",
        }[lang]
    )


def test_numbers_in_words_for_headings(site_data: SiteData) -> None:
    words = Wording(site_data)
    assert [words.in_words(n, "vi") for n in (1, 8, 10, 15, 20, 21)] == ["một", "tám", "mười", "mười lăm", "hai mươi", "21"]
    assert [words.in_words(n, "en") for n in (1, 8, 12, 20, 1234)] == ["one", "eight", "twelve", "twenty", "1,234"]


# -- the 404 page ----------------------------------------------------------------------------


def test_the_404_page_is_vietnamese_first_with_an_english_part(quality_site: Site) -> None:
    tree = read(quality_site.root / "404.html")
    assert next(tree.iter("html")).attrs["lang"] == "vi"
    article = next(tree.iter("article"))
    parts = [element for element in article.iter("span", "p") if "lang" in element.attrs]
    # The title, the text, then where the documents stand (issue 21): each in both languages.
    assert [part.attrs["lang"] for part in parts] == ["vi", "en", "vi", "en", "vi", "en"]
    assert all(part.within(lambda e: "plansite-status" in e.classes) for part in parts[4:])
    assert [text(part) for part in parts[:2]] == ["Không tìm thấy trang", "Page not found"]
    # No menu, whose sections would be one edition's (issue 21); the footer in both languages.
    assert not by_class(tree, "md-nav--primary") and not by_class(tree, "md-tabs") and not by_class(tree, "plansite-menu-button")
    [footer] = by_class(tree, "plansite-footer")
    for lang in CODES:
        [part] = [element for element in footer.iter("div") if element.attrs.get("lang") == lang]
        assert plain_strings(lang)["footer_reproduction"] in text(part), lang


# -- in a real browser -------------------------------------------------------------------------


@pytest.fixture
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 375, "height": 667})
    yield context.new_page()
    context.close()


@pytest.fixture
def laptop(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield context.new_page()
    context.close()


def box(page: Page, selector: str) -> FloatRect:
    found = page.locator(selector).first.bounding_box()
    assert found is not None, selector
    return found


# A phone's first screen and a half (issue 20): 667 px and half of it again, rounded down.
SCREEN_AND_A_HALF = 1000


@pytest.mark.parametrize("lang", CODES)
def test_a_phone_shows_what_the_site_is_the_status_and_the_routes_at_once(phone: Page, published_url: str, lang: str) -> None:
    """On a 375 x 667 phone: the sentence saying what the site is and the status line
    end on the first screen; the routes to the groups of people and to the agencies
    start within the first screen and a half."""
    phone.goto(published_url + LANGUAGES[lang].prefix)
    for selector in (".plansite-lead", ".plansite-status-line"):
        found = box(phone, selector)
        assert found["y"] >= 0 and found["y"] + found["height"] <= 667, (selector, found)
    routes = phone.locator("article .plansite-routes")
    for address in (f"plans/{PLAN_ID}/groups/", "agencies/"):
        route = routes.locator(f"a[href$='{address}']")
        expect(route).to_have_count(1)
        drawn = route.bounding_box()
        assert drawn is not None and drawn["y"] <= SCREEN_AND_A_HALF, (address, drawn)
    # The document box follows.
    assert box(phone, ".plansite-document")["y"] > box(phone, ".plansite-routes")["y"]


def test_the_document_box_opens_its_long_fields_without_javascript(browser: Browser, published_url: str) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 375, "height": 667})
    page = context.new_page()
    try:
        for lang in CODES:
            page.goto(published_url + LANGUAGES[lang].prefix)
            details = page.locator(".plansite-facts-more")
            implemented = details.locator("a[href*='documents/']").first
            expect(implemented).to_be_hidden()
            details.locator("summary").click()
            expect(implemented).to_be_visible()
            assert details.evaluate("(element) => element.open")
    finally:
        context.close()


def test_the_english_researcher_needs_one_tap_for_the_unemployment_target_and_one_for_the_full_text(
    phone: Page, published_url: str
) -> None:
    phone.goto(published_url + "en/")
    phone.get_by_role("link", name=re.compile("unemployment rate", re.IGNORECASE)).first.click()
    assert phone.url == published_url + f"en/plans/{PLAN_ID}/targets/#target-t02"
    expect(phone.locator("#target-t02").locator("xpath=ancestor::tr")).to_be_in_viewport()
    expect(phone.locator("#target-t02").locator("xpath=ancestor::tr")).to_contain_text("unemployment rate below 2%")
    phone.goto(published_url + "en/")
    phone.get_by_role("link", name="Read the full text of the plan").click()
    assert phone.url == published_url + f"en/plans/{PLAN_ID}/full-text/"
    assert phone.locator("html").get_attribute("lang") == "en"
    expect(phone.locator("h1")).to_have_text("Full text of the plan")


def test_the_language_switch_keeps_the_page_and_the_section(laptop: Page, published_url: str) -> None:
    laptop.goto(published_url + f"plans/{PLAN_ID}/area-5/#task-5-3")
    laptop.locator("[data-plansite-language] summary").click()
    laptop.get_by_role("link", name="English").first.click()
    assert laptop.url == published_url + f"en/plans/{PLAN_ID}/area-5/#task-5-3"
    expect(laptop.locator("#task-5-3")).to_be_in_viewport()
    # And back, from a section reached inside the page.
    laptop.goto(published_url + f"en/plans/{PLAN_ID}/area-5/#task-5-2")
    laptop.locator("[data-plansite-language] summary").click()
    laptop.get_by_role("link", name="Tiếng Việt").first.click()
    assert laptop.url == published_url + f"plans/{PLAN_ID}/area-5/#task-5-2"


def test_every_place_a_reader_can_be_on_has_the_same_anchor_in_the_other_edition(quality_site: Site) -> None:
    """The language switch keeps the place by its anchor (site.js): every id in a data
    page's article (its title aside) is in the twin page too. The guides are written
    by hand in each language, their headings' ids from their own words."""
    compared = 0
    for file in quality_site.pages():
        if lang_of(quality_site, file) != "vi" or file.parent.name == "guide":
            continue
        twin = quality_site.root / "en" / file.relative_to(quality_site.root)
        if not twin.exists():
            continue
        ids = [
            [element.attrs["id"] for element in next(read(page).iter("article")).iter() if "id" in element.attrs and element.tag != "h1"]
            for page in (file, twin)
        ]
        assert ids[0] == ids[1], file
        compared += 1
    assert compared > 40


def test_the_language_switch_keeps_the_place_on_the_long_full_text(phone: Page, published_url: str) -> None:
    """On a phone, from the middle of the full text (over 20 screens), with no section in
    the address: the other edition opens at the sub-task the reader was reading."""
    page = f"plans/{PLAN_ID}/full-text/"
    phone.goto(published_url + page)
    height = phone.evaluate("document.documentElement.scrollHeight")
    assert height > 20 * 667, height
    # The sub-task nearest the page's middle whose paragraph fills half a screen, found
    # by its words in tasks.yml: the reader is reading it, whatever the reading line.
    tasks = [task for area in TASKS_YML["areas"] for block in area["blocks"] for task in block["tasks"]]
    opening = {task["id"]: {lang: task["text"][lang].replace("*", "")[:60] for lang in CODES} for task in tasks}
    boxes = {
        task_id: phone.locator("article p", has_text=words["vi"]).first.evaluate(
            "(p) => [p.getBoundingClientRect().top + scrollY, p.getBoundingClientRect().height]"
        )
        for task_id, words in opening.items()
    }
    long_ones = [task_id for task_id, (_, tall) in boxes.items() if tall > 667 / 2]
    middle = min(long_ones, key=lambda task_id: abs(boxes[task_id][0] - height / 2))
    # Its first lines have gone up under the header.
    phone.evaluate("(y) => window.scrollTo({top: y, behavior: 'instant'})", boxes[middle][0] + 30)
    switch_language(phone, "English")
    phone.wait_for_url(re.compile(re.escape(published_url + "en/" + page)))
    assert phone.url == published_url + "en/" + page + "#task-" + middle.replace(".", "-")
    expect(phone.locator("article p", has_text=opening[middle]["en"]).first).to_be_in_viewport()
    # From the very top, the other edition opens at its top.
    phone.goto(published_url + page)
    switch_language(phone, "English")
    phone.wait_for_url(re.compile(re.escape(published_url + "en/" + page)))
    assert phone.url == published_url + "en/" + page
    assert phone.evaluate("window.scrollY") == 0


def switch_language(page: Page, language: str) -> None:
    """Open the language menu and choose ``language`` with the mouse, where they are on
    screen: Playwright's own click scrolls the page first, which a reader's tap does not."""
    for control in (page.locator("[data-plansite-language] summary"), page.get_by_role("link", name=language).first):
        expect(control).to_be_visible()
        found = control.bounding_box()
        assert found is not None
        page.mouse.click(found["x"] + found["width"] / 2, found["y"] + found["height"] / 2)


def focused(page: Page) -> Any:
    return page.evaluate("() => document.activeElement.outerHTML.slice(0, 60)")


def test_the_language_menu_opens_with_the_keyboard_only_on_request(laptop: Page, published_url: str) -> None:
    laptop.goto(published_url + f"plans/{PLAN_ID}/targets/")
    menu = laptop.locator("[data-plansite-language]")
    english = menu.get_by_role("link", name="English")
    summary = menu.locator("summary")
    summary.hover()
    expect(english).to_be_hidden()  # nothing opens on hover
    summary.focus()
    expect(english).to_be_hidden()  # nor on focus
    for key in ("Enter", "Space"):
        laptop.keyboard.press(key)
        expect(english).to_be_visible()
        assert menu.evaluate("(details) => details.open")
        laptop.keyboard.press(key)
        expect(english).to_be_hidden()
    laptop.keyboard.press("Enter")
    laptop.keyboard.press("Tab")
    assert laptop.evaluate("() => document.activeElement.getAttribute('hreflang')") in ("vi", "en")
    laptop.keyboard.press("Escape")
    expect(english).to_be_hidden()
    assert focused(laptop).startswith("<summary")


@pytest.mark.parametrize("path", ["", f"plans/{PLAN_ID}/area-5/"])
def test_the_phone_menu_opens_from_a_button_and_shows_every_section(phone: Page, published_url: str, path: str) -> None:
    phone.goto(published_url + path)
    button = phone.locator("[data-plansite-drawer]")
    expect(phone.locator(".md-sidebar--primary a").first).to_be_hidden()  # shut, and out of the keyboard's way
    button.focus()
    phone.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    # Focus moves into the menu on the next frame (site.js), once the drawer is shown.
    try:
        phone.wait_for_function("() => document.activeElement.closest('#__drawer_nav') !== null", timeout=2000)
    except PlaywrightTimeoutError:
        pytest.fail(f"focus did not move into the menu: {focused(phone)}")
    sections = phone.locator(".plansite-sections a")
    assert sections.count() == SECTIONS
    for index in range(sections.count()):
        expect(sections.nth(index)).to_be_in_viewport(ratio=1)
    phone.keyboard.press("Escape")
    expect(button).to_have_attribute("aria-expanded", "false")
    assert phone.evaluate("() => document.activeElement.hasAttribute('data-plansite-drawer')")
    expect(phone.locator(".md-sidebar--primary a").first).to_be_hidden()
    phone.keyboard.press("Space")
    expect(button).to_have_attribute("aria-expanded", "true")


def test_the_tabs_show_every_section_on_a_laptop(laptop: Page, published_url: str) -> None:
    laptop.goto(published_url + f"plans/{PLAN_ID}/area-8/")
    tabs = laptop.locator(".md-tabs a")
    assert tabs.count() == SECTIONS
    for index in range(tabs.count()):
        expect(tabs.nth(index)).to_be_in_viewport(ratio=1)
    # The whole menu of the plan's section shows too, without scrolling it.
    for link in laptop.locator(".md-sidebar--primary .plansite-tree a:visible").all():
        expect(link).to_be_in_viewport(ratio=1)


def test_the_site_name_stays_readable_at_200_percent_zoom(browser: Browser, published_url: str) -> None:
    # A 375 px phone at 200 %: half as many CSS pixels across.
    context = browser.new_context(viewport={"width": 188, "height": 334})
    page = context.new_page()
    try:
        page.goto(published_url)
        brand = page.locator(".plansite-brand")
        size = brand.evaluate("(el) => parseFloat(getComputedStyle(el).fontSize)")
        assert size >= 16
        assert brand.evaluate("(el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight")
        assert page.evaluate("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    finally:
        context.close()


CONTRAST = """(el) => {
  const rgb = (text) => text.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number);
  const luminance = (c) => {
    const [r, g, b] = c.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [a, b] = [luminance(rgb(getComputedStyle(el).color)), 1].sort((x, y) => y - x);
  return (a + 0.05) / (b + 0.05);
}"""


def test_links_keep_their_contrast_on_hover_and_focus(laptop: Page, published_url: str) -> None:
    laptop.goto(published_url + f"plans/{PLAN_ID}/documents/")
    for selector in ("article a[href^='#']", ".md-sidebar--primary .plansite-tree a:visible", ".md-path a"):
        link = laptop.locator(selector).first
        link.hover()
        assert link.evaluate(CONTRAST) >= 4.5, selector
        link.focus()
        assert link.evaluate(CONTRAST) >= 4.5, selector
