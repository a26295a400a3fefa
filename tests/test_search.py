"""The site search (issues 5 and 14), in a real browser: the query set, Vietnamese
syllables and folding, ranking, one language at a time (the page-not-found page
included), sub-path hosting, the keyboard, and what the search downloads.

Expected pages and anchors come from the data (tests/search_queries.py); the rules of
matching and ranking are also checked on small made-up indexes, where the right
order follows from the rule alone.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import PLAN_ID
from playwright.sync_api import Browser, Page, Route
from search_queries import QUERIES, Result, expectations, misses, page_url, query_id, words
from toolkit.server import compress, serve

from plansite import registry, routes
from plansite.families.base import REFERENCE
from plansite.languages import CODES, LANGUAGES
from plansite.load import SiteData
from plansite.search import (
    FORMAT_VERSION,
    OUTPUT,
    PageFacts,
    SearchIndexError,
    fold,
    index_files,
    read_page,
    read_site,
)

# What the search may download before its first results, compressed as GitHub Pages serves it.
BUDGET = 80 * 1024
SEARCH_FILES = ("assets/search/opener.js", "assets/search/opener.css", "assets/search/search.js", "assets/search/search.css")


# -- driving the search in the browser --------------------------------------------


class SearchDriver:
    """One open search dialog per language, reused across queries."""

    def __init__(self, browser: Browser, base: str) -> None:
        self.browser = browser
        self.base = base
        self.prefix = urlsplit(base).path
        self.pages: dict[str, Page] = {}
        self.requests: list[str] = []

    def page(self, lang: str) -> Page:
        if lang not in self.pages:
            context = self.browser.new_context()
            context.on("request", lambda request: self.requests.append(request.url))
            tab = context.new_page()
            tab.goto(self.base + ("en/" if lang == "en" else ""))
            tab.get_by_role("button", name=open_label(lang)).click()
            self.pages[lang] = tab
        return self.pages[lang]

    def run(self, lang: str, query: str) -> list[Result]:
        tab = self.page(lang)
        for value in ("", query):
            tab.fill("[data-ps-input]", value)
            shown = " ".join(value.split())
            tab.wait_for_function(
                "q => { const list = document.querySelector('[data-ps-results]'); return list.dataset.query === q && list.dataset.complete === 'true'; }",
                arg=shown,
            )
        hrefs: list[list[str]] = tab.eval_on_selector_all(
            ".ps-result", "items => items.map(item => [...item.querySelectorAll('a')].map(a => a.getAttribute('href')))"
        )
        return [self.result(links) for links in hrefs]

    def status(self, lang: str) -> str:
        return self.page(lang).inner_text("[data-ps-status]")

    def ranked(self, lang: str, query: str) -> list[str]:
        """Every page ``query`` finds, best first, as search.js ranks them (not only those shown)."""
        urls: list[str] = self.page(lang).evaluate(
            """async ([base, lang, query]) => {
                const search = await import(base + "assets/search/search.js");
                window.__indexes ??= {};
                window.__indexes[lang] ??= await search.load(base, lang);
                return search.search(window.__indexes[lang], query).results.map((result) => result.page.url);
            }""",
            [self.base, lang, query],
        )
        return urls

    def result(self, links: list[str]) -> Result:
        pages = set()
        anchors = []
        for link in links:
            parts = urlsplit(link)
            assert parts.path.startswith(self.prefix), f"{link} is outside the site's {self.prefix}"
            pages.add(parts.path.removeprefix(self.prefix))
            anchors.append(parts.fragment)
        assert len(pages) == 1, f"one result links to several pages: {links}"
        return Result(pages.pop(), tuple(anchors))

    def close(self) -> None:
        for tab in self.pages.values():
            tab.context.close()


def open_label(lang: str) -> str:
    return {"vi": "Tìm kiếm", "en": "Search"}[lang]


@pytest.fixture(scope="module")
def search(browser: Browser, site_url: str) -> Iterator[SearchDriver]:
    driver = SearchDriver(browser, site_url)
    yield driver
    driver.close()


@pytest.fixture(scope="module")
def prefixed_url(built_site: Path) -> Iterator[str]:
    """The site under /prefix/, as GitHub Pages serves a project site."""
    with serve(built_site, "/prefix/") as base:
        yield base


# -- what the index holds --------------------------------------------------------------


def index_parts(site: Path, lang: str) -> dict[str, dict[str, Any]]:
    """The search files of ``lang`` by part: "" for the site's pages, and each plan's id."""
    main = json.loads((site / OUTPUT / f"{lang}.json").read_text(encoding="utf-8"))
    plans = {plan: json.loads((site / OUTPUT / lang / f"{plan}.json").read_text(encoding="utf-8")) for plan in main["plans"]}
    return {"": main, **plans}


@functools.cache
def index_pages(site: Path, lang: str) -> dict[str, str]:
    """The text the search files of ``lang`` hold for each page (its URL), as the search sees it."""
    entries = [entry for part in index_parts(site, lang).values() for entry in part["pages"]]
    return {entry[0]: "\n".join(section[2] for section in entry[2]) for entry in entries}


def page_text(site: Path, page: str) -> str:
    return index_pages(site, "en" if page.startswith("en/") else "vi")[page]


# The words of a text and whether a phrase may run from one to the next, by the rules
# search.js states: a line end, or sentence punctuation with a space, ends a phrase.
_WORD = re.compile(r"[^\W_]+")
_BREAK = re.compile(r"\n|[.;:!?…()\[\]].*\s|\s.*[.;:!?…()\[\]]")


def text_words(text: str) -> list[tuple[str, bool]]:
    """(folded word, whether a break stands before it) for every word of ``text``."""
    found, end = [], 0
    for match in _WORD.finditer(unicodedata.normalize("NFC", text)):
        found.append((fold(match.group()), bool(_BREAK.search(text[end : match.start()]))))
        end = match.end()
    return found


def has_phrase(text: str, query: str) -> bool:
    """Whether ``query``'s words stand together in ``text``: all whole, the last one possibly unfinished."""
    wanted = words(query)
    found = text_words(text)
    for start in range(len(found) - len(wanted) + 1):
        run = found[start : start + len(wanted)]
        if any(broken for _, broken in run[1:]):
            continue
        if all(word == want for (word, _), want in zip(run[:-1], wanted[:-1], strict=True)) and run[-1][0].startswith(wanted[-1]):
            return True
    return False


def has_syllable(text: str, syllable: str) -> bool:
    return any(word == fold(syllable) for word, _ in text_words(text))


def has_words(text: str, query: str) -> bool:
    """Whether ``text`` has every word of ``query`` as written (its diacritics too)."""
    return all(re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE) for word in query.split())


# -- the query set -----------------------------------------------------------------


def test_query_set_is_large_and_varied(site_data: SiteData) -> None:
    assert len(QUERIES) == 85
    by_lang = {lang: [e["query"] for e in QUERIES if e["lang"] == lang] for lang in CODES}
    assert all(by_lang.values()), "both languages have queries"
    accented = [q for q in by_lang["vi"] if fold(q) != q.lower()]
    unaccented = {q for q in by_lang["vi"] if fold(q) == q.lower()}
    assert len(accented) >= 10
    assert sum(fold(q) in unaccented for q in accented) >= 10, "accented queries have unaccented twins"
    ids = [e for e in QUERIES if any(e["query"] in x.ids for x in expectations(site_data, e))]
    assert {e["lang"] for e in ids} == set(CODES), "ids are searched in both languages"
    assert len({query_id(e) for e in QUERIES}) == len(QUERIES), "no query twice"
    assert any(e["query"] == "ho ngheo" and e.get("first") for e in QUERIES), "the poverty sub-task, first"
    single = [
        e for e in QUERIES if e["lang"] == "en" and len(words(e["query"])) == 1 and e["query"] not in expectations(site_data, e)[0].ids
    ]
    assert len(single) >= 5, "single English words"


@pytest.mark.parametrize("entry", QUERIES, ids=query_id)
def test_query_is_made_of_its_expectation(site_data: SiteData, entry: dict[str, Any]) -> None:
    query = words(entry["query"])
    for expectation in expectations(site_data, entry):
        own = {word for text in expectation.texts for word in words(text)}
        whole, last = set(query[:-1]), query[-1]
        made_of_words = whole <= own and any(word.startswith(last) for word in own)
        assert entry["query"] in expectation.ids or made_of_words, (
            f"{entry['query']!r} is neither an id of {expectation.label} nor made of its words"
        )


@pytest.mark.parametrize("entry", QUERIES, ids=query_id)
def test_query_finds_its_expectation_in_its_language(search: SearchDriver, site_data: SiteData, entry: dict[str, Any]) -> None:
    problems = misses(site_data, entry, search.run(entry["lang"], entry["query"]))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", CODES)
def test_every_agency_is_found_by_its_name(search: SearchDriver, site_data: SiteData, lang: str) -> None:
    """Its own page is among the first three results, in the page's language."""
    missed = []
    for agency_id, agency in site_data.agencies.items():
        page = page_url(routes.agency(agency_id), lang)
        found = [r.page for r in search.run(lang, agency.name[lang])[:3]]
        if page not in found:
            missed.append(f"{agency.name[lang]!r}: {found}")
    assert not missed, "\n".join(missed)


# -- the rules, on made-up indexes ----------------------------------------------------


def made_up(*pages: tuple[str, str]) -> dict[str, Any]:
    """An index of pages (url, text): each a title line and a section "s" with the text."""
    return {
        "version": FORMAT_VERSION,
        "lang": "vi",
        "pages": [[url, f"Trang {url}", [["", 1, f"Trang {url}", ""], ["s", 2, f"Mục\n{text}", ""]]] for url, text in pages],
    }


def rank(page: Page, site_url: str, index: dict[str, Any], query: str) -> list[str]:
    """What search.js finds for ``query`` in ``index``: "url#anchor" of each result's section, best first."""
    found: list[str] = page.evaluate(
        """async ([url, data, query]) => {
            const search = await import(url);
            return search.search(search.prepare(data), query).results.map((r) => search.sectionUrl(r.sections[0].section));
        }""",
        [site_url + "assets/search/search.js", index, query],
    )
    return found


@pytest.fixture(scope="module")
def engine(browser: Browser, site_url: str) -> Iterator[Page]:
    context = browser.new_context()
    tab = context.new_page()
    tab.goto(site_url)
    yield tab
    context.close()


def test_every_syllable_is_whole_but_the_last(engine: Page, site_url: str) -> None:
    index = made_up(("a/", "cho hộ nghèo vay vốn"), ("b/", "học nghề cho thanh niên"), ("c/", "hội nghị tổng kết"))
    assert rank(engine, site_url, index, "ho ngh") == ["a/#s"]
    assert rank(engine, site_url, index, "hoc ngh") == ["b/#s"]
    assert sorted(rank(engine, site_url, index, "ho")) == ["a/#s", "b/#s", "c/#s"], "the last syllable may be unfinished"
    assert rank(engine, site_url, index, "ho ") == ["a/#s"], "finished by a space"


def test_diacritics_fold_and_exact_ones_rank_first(engine: Page, site_url: str) -> None:
    index = made_up(("sach/", "mua sách mới"), ("sach-nuoc/", "nước sạch"), ("sach-viet/", "chính sach"), ("do/", "đổi mới"))
    assert rank(engine, site_url, index, "sạch")[0] == "sach-nuoc/#s"
    assert sorted(rank(engine, site_url, index, "sach")) == ["sach-nuoc/#s", "sach-viet/#s", "sach/#s"]
    assert rank(engine, site_url, index, "doi moi") == ["do/#s"], "đ is d"
    # The tone's place does not matter: "xóa" and "xoá" are the same syllable.
    index = made_up(("a/", "xoá bỏ"), ("b/", "xoa bỏ"))
    assert rank(engine, site_url, index, "xóa bỏ") == ["a/#s", "b/#s"]
    assert rank(engine, site_url, index, "xoá bỏ") == ["a/#s", "b/#s"]


def test_phrases_rank_above_scattered_words(engine: Page, site_url: str) -> None:
    scattered = "nghèo đói là gánh nặng của mỗi hộ; nghèo và cận nghèo, hộ gia đình"
    index = made_up(("scattered/", scattered), ("phrase/", "vay vốn cho hộ nghèo trong huyện và các xã miền núi của tỉnh"))
    assert rank(engine, site_url, index, "ho ngheo") == ["phrase/#s", "scattered/#s"]
    # A phrase stops at a sentence's end, and "2.2" is not "2 2".
    index = made_up(("a/", "Năm 2030. Tiếp tục làm"), ("b/", "năm 2030 tiếp tục"))
    assert rank(engine, site_url, index, "2030 tiep") == ["b/#s", "a/#s"]
    index = made_up(("a/", "mục 2, 2 lần"), ("b/", "xem mục 2.2 và các mục khác ở cuối trang"))
    assert rank(engine, site_url, index, "2.2") == ["b/#s", "a/#s"]


def test_headings_weigh_more_than_text(engine: Page, site_url: str) -> None:
    heading: dict[str, Any] = {
        "version": FORMAT_VERSION,
        "lang": "vi",
        "pages": [["h/", "Trang", [["s", 2, "Nước sạch\nCấp cho dân", ""]]]],
    }
    text: dict[str, Any] = {"version": FORMAT_VERSION, "lang": "vi", "pages": [["t/", "Trang", [["s", 2, "Cấp cho dân\nNước sạch", ""]]]]}
    both = {**heading, "pages": heading["pages"] + text["pages"]}
    assert rank(engine, site_url, both, "nuoc sach") == ["h/#s", "t/#s"]


def test_a_result_lands_on_its_section_not_the_title(engine: Page, site_url: str) -> None:
    """A page whose title has the words still lands on the section that has them too."""
    index = {
        "version": FORMAT_VERSION,
        "lang": "vi",
        "pages": [["p/", "Nhà ở", [["", 1, "Nhà ở", ""], ["a", 2, "Mục một\nđường giao thông", ""], ["b", 2, "Mục hai\nxây nhà ở", ""]]]],
    }
    assert rank(engine, site_url, index, "nha o") == ["p/#b"]
    assert rank(engine, site_url, index, "nha") == ["p/#b"]


def test_words_fold_as_python_folds_them(engine: Page, site_url: str) -> None:
    """search.js's folded keys are plansite.search.fold's, which the tests and bench use."""
    samples = ["Đẩy", "mạnh", "chuyển", "đổi", "xoá", "xóa", "Tiếng", "Việt", "nước", "e\u0301", "khỏe", "khoẻ", "ĐẠI", "2030"]
    keys = engine.evaluate(
        "async ([url, samples]) => { const s = await import(url); return samples.map((w) => s.wordKeys(w.normalize('NFC').toLowerCase())); }",
        [site_url + "assets/search/search.js", samples],
    )
    for sample, key in zip(samples, keys, strict=True):
        assert key["folded"] == fold(sample)
        assert key["marked"] == (fold(sample) != sample.lower())
    exact = {sample: (key["base"], key["tone"]) for sample, key in zip(samples, keys, strict=True)}
    assert exact["xoá"] == exact["xóa"] and exact["khỏe"] == exact["khoẻ"]


# -- Vietnamese on the site -----------------------------------------------------------


def test_exact_diacritics_rank_first(search: SearchDriver, built_site: Path) -> None:
    """ "sạch" ranks every page with "sạch" itself above the pages with only "sách" or "sạch"'s other foldings."""
    pages = search.ranked("vi", "sạch")
    exact = [has_words(page_text(built_site, page), "sạch") for page in pages]
    assert True in exact and False in exact, "the check needs both kinds of page among the results"
    assert exact == sorted(exact, reverse=True), list(zip(pages, exact, strict=True))
    shown = [r.page for r in search.run("vi", "sạch")]
    assert shown == pages[: len(shown)], "the results shown are the first of them"


@pytest.mark.parametrize(
    ("typed", "written"),
    [("xóa", "xoá"), ("khoẻ", "khỏe"), ("hòa nhập", "hoà nhập"), ("doi", "đổi"), ("da dang", "đa dạng"), ("Đẩy mạnh", "day manh")],
)
def test_spellings_find_the_same_pages(search: SearchDriver, built_site: Path, typed: str, written: str) -> None:
    """Old and new tone placement, đ and d, with and without diacritics: the same pages,
    among them every page with the words as written in either spelling.

    Only their order may differ: the pages with the query's exact diacritics come first.
    """
    assert search.run("vi", typed), f"{typed!r} finds nothing"
    typed_status = search.status("vi")
    search.run("vi", written)
    assert typed_status == search.status("vi")
    found = search.ranked("vi", typed)
    assert sorted(found) == sorted(search.ranked("vi", written))
    assert len(set(found)) == len(found), "each page once"
    texts = index_pages(built_site, "vi")
    with_words = {page for page, text in texts.items() if has_words(text, typed) or has_words(text, written)}
    assert with_words, "the check needs pages with the words"
    assert with_words <= set(found), sorted(with_words - set(found))


@pytest.mark.parametrize("query", ["ho ngheo", "ho tro", "y te du phong"])
def test_syllables_before_the_last_are_whole_on_the_site(search: SearchDriver, built_site: Path, query: str) -> None:
    found = search.ranked("vi", query)
    assert found
    for syllable in words(query)[:-1]:
        without = [page for page in found if not has_syllable(page_text(built_site, page), syllable)]
        assert not without, f"{query!r}: pages without the syllable {syllable!r}: {without}"


def test_the_last_syllable_may_be_unfinished(search: SearchDriver, built_site: Path) -> None:
    unfinished = set(search.ranked("vi", "ho"))
    finished = set(search.ranked("vi", "ho "))
    assert finished < unfinished
    assert all(has_syllable(page_text(built_site, page), "ho") for page in finished)
    assert any(not has_syllable(page_text(built_site, page), "ho") for page in unfinished), "pages with only longer words"


@pytest.mark.parametrize(("lang", "query"), [("vi", "bao hiem xa hoi"), ("vi", "nuoc sach"), ("en", "social insurance")])
def test_pages_with_the_phrase_come_first(search: SearchDriver, built_site: Path, lang: str, query: str) -> None:
    found = search.ranked(lang, query)
    together = [has_phrase(page_text(built_site, page), query) for page in found]
    assert True in together and False in together, "the check needs both kinds of page"
    assert together == sorted(together, reverse=True), list(zip(found, together, strict=True))


def test_results_show_the_text_with_the_words_marked(search: SearchDriver) -> None:
    search.run("vi", "chuyen doi so")
    tab = search.page("vi")
    shown = tab.inner_text("[data-ps-results]")
    assert "Đẩy mạnh chuyển đổi số" in shown
    marks = tab.eval_on_selector_all("[data-ps-results] mark", "marks => marks.map(m => m.textContent)")
    assert {"chuyển", "đổi", "số"} <= {m.lower() for m in marks}


def test_full_text_is_indexed_only_where_no_other_page_has_it(search: SearchDriver, site_data: SiteData) -> None:
    """Its sections II-IV are the targets, area and implementation pages' text: those pages are the results."""
    plan_id, data = next(iter(site_data.plans.items()))
    full_text = page_url(routes.full_text(plan_id), "vi")
    purposes = " ".join(data.plan.purposes.parts[0].paragraphs[0].vi.split()[:5])
    assert full_text in {r.page for r in search.run("vi", purposes)}, "section I is only in the full text"
    area_id, _block, task = next(data.all_tasks())
    found = {r.page for r in search.run("vi", task.title.vi)}
    assert page_url(routes.area(plan_id, area_id), "vi") in found
    assert full_text not in found


# -- hosting, network, keyboard ------------------------------------------------------


def test_search_works_under_a_sub_path(browser: Browser, prefixed_url: str) -> None:
    driver = SearchDriver(browser, prefixed_url)
    try:
        assert driver.run("vi", "nuoc sach"), "results under the prefix"
        tab = driver.page("vi")
        tab.click(".ps-result__link[href*='#']")  # a section of a page, not a group's whole page
        tab.wait_for_url(re.compile(r"/prefix/plans/.+#.+"))
        anchor = urlsplit(tab.url).fragment
        assert tab.locator(f"[id='{anchor}']").count() == 1
        search_files = [url for url in driver.requests if f"/{OUTPUT}/" in url or "/assets/search/" in url]
        assert search_files and all(url.startswith(prefixed_url) for url in search_files)
    finally:
        driver.close()


def test_no_request_leaves_the_site(search: SearchDriver, site_url: str) -> None:
    search.run("en", "clean water")
    search.run("vi", "nước sạch")
    outside = [url for url in search.requests if not url.startswith(site_url)]
    assert not outside


def test_pages_load_no_search_until_it_opens(page: Page, site_url: str) -> None:
    """Before: the opener. Then: search.js, search.css and the text of the page's language, nothing more."""
    requests: list[str] = []
    page.context.on("request", lambda request: requests.append(request.url.removeprefix(site_url)))
    page.goto(site_url + "plans/81-kh-ubnd-2024/area-1/")
    page.wait_for_load_state("networkidle")
    search_files = {url for url in requests if url.startswith((f"{OUTPUT}/", "assets/search/"))}
    assert search_files == {"assets/search/opener.css", "assets/search/opener.js"}
    page.get_by_role("button", name="Tìm kiếm").click()
    page.fill("[data-ps-input]", "nuoc")
    page.wait_for_function("() => document.querySelector('[data-ps-results]').dataset.query === 'nuoc'")
    page.fill("[data-ps-input]", "bao hiem")
    page.wait_for_function("() => document.querySelector('[data-ps-results]').dataset.query === 'bao hiem'")
    search_files = {url for url in requests if url.startswith((f"{OUTPUT}/", "assets/search/"))}
    assert search_files == {*SEARCH_FILES, f"{OUTPUT}/vi.json", f"{OUTPUT}/vi/81-kh-ubnd-2024.json"}


def test_first_results_need_one_plan_and_the_others_follow(browser: Browser, site_url: str, built_site: Path) -> None:
    """With more plans than one, the first results come from the site's pages and the page's
    own plan; another plan's text is fetched once they are shown, and its results join them."""
    main = index_parts(built_site, "vi")[""]
    plan, other = main["plans"][0], "999-kh-made-up"
    made_up = {
        "version": FORMAT_VERSION,
        "lang": "vi",
        "plan": other,
        "pages": [[f"plans/{other}/", "Kế hoạch khác", [["s", 2, "Mục\nnước sạch", ""]]]],
    }
    context = browser.new_context()
    requests: list[str] = []
    held: list[Route] = []
    context.on("request", lambda request: requests.append(request.url.removeprefix(site_url)))
    context.route(site_url + f"{OUTPUT}/vi.json", lambda route: route.fulfill(json={**main, "plans": [other, plan]}))
    context.route(site_url + f"{OUTPUT}/vi/{other}.json", lambda route: held.append(route))
    tab = context.new_page()
    try:
        tab.goto(site_url + f"plans/{plan}/area-6/")
        tab.get_by_role("button", name="Tìm kiếm").click()
        list_state = (
            "() => { const list = document.querySelector('[data-ps-results]'); return [list.dataset.query, list.dataset.complete]; }"
        )
        tab.wait_for_function(f"() => ({list_state})()[0] === ''")
        assert f"{OUTPUT}/vi/{plan}.json" in requests and f"{OUTPUT}/vi/{other}.json" not in requests
        tab.fill("[data-ps-input]", "nuoc sach")
        tab.wait_for_function(f"() => ({list_state})()[0] === 'nuoc sach'")
        assert tab.evaluate(list_state) == ["nuoc sach", "false"]
        first = tab.eval_on_selector_all(".ps-result__link", "links => links.map(a => a.getAttribute('href'))")
        assert first and not any(other in href for href in first)
        for _ in range(250):
            if held:
                break
            tab.wait_for_timeout(20)
        assert held, f"{OUTPUT}/vi/{other}.json is not fetched after the first results"
        held[0].fulfill(json=made_up)
        tab.wait_for_function(f"() => ({list_state})()[1] === 'true'")
        shown = tab.eval_on_selector_all(".ps-result__link", "links => links.map(a => a.getAttribute('href'))")
        assert any(href.endswith(f"plans/{other}/#s") for href in shown)
    finally:
        context.close()


def test_keyboard_alone(page: Page, site_url: str) -> None:
    page.goto(site_url)
    page.keyboard.press("/")
    dialog = page.get_by_role("dialog", name="Tìm kiếm")
    assert dialog.is_visible()
    assert page.evaluate("document.activeElement.matches('[data-ps-input]')")
    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    page.goto(site_url)
    for _ in range(20):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-ps-open]')"):
            break
    else:
        pytest.fail("the search button is not reached with Tab")
    page.keyboard.press("Enter")
    assert dialog.is_visible()
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.matches('[data-ps-open]')"), "focus returns to the button"
    page.keyboard.press("Enter")
    # Typed with its diacritics: unaccented, "doi" also matches the glossary's title
    # ("Đối chiếu thuật ngữ"), which then ranks first, landing on the term "chuyển đổi số".
    page.keyboard.type("chuyển đổi số")
    page.wait_for_function("() => document.querySelector('[data-ps-results]').dataset.query === 'chuyển đổi số'")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.matches('.ps-result__link')")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.matches('[data-ps-input]')")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/plans/81-kh-ubnd-2024/area-2/#task-2-2$"))
    assert page.locator("#task-2-2").is_visible()


@pytest.mark.parametrize(("lang", "close"), [("vi", "Đóng"), ("en", "Close")])
def test_controls_have_names_in_the_page_language(page: Page, site_url: str, lang: str, close: str) -> None:
    page.goto(site_url + ("en/" if lang == "en" else ""))
    page.get_by_role("button", name=open_label(lang)).click()
    dialog = page.get_by_role("dialog", name=open_label(lang))
    assert dialog.get_by_role("searchbox", name=open_label(lang)).is_visible()
    dialog.get_by_role("button", name=close).click()
    assert not dialog.is_visible()


@pytest.mark.parametrize(
    ("missing", "lang", "query", "close"),
    [("no/such/page/", "vi", "nuoc sach", "Đóng"), ("en/no-such-page/", "en", "clean water", "Close"), ("plans/gone", "vi", "2.2", "Đóng")],
)
def test_the_404_page_searches_the_language_of_its_address(
    browser: Browser, published_url: str, missing: str, lang: str, query: str, close: str
) -> None:
    """The page-not-found page is served at missing addresses of both editions: its search
    speaks, and searches, the language of the edition the address is under."""
    driver = SearchDriver(browser, published_url)
    context = browser.new_context()
    context.on("request", lambda request: driver.requests.append(request.url))
    tab = context.new_page()
    try:
        response = tab.goto(published_url + missing)
        assert response is not None and response.status == 404
        tab.get_by_role("button", name=open_label(lang)).click()
        dialog = tab.get_by_role("dialog", name=open_label(lang))
        assert dialog.get_by_role("button", name=close).is_visible()
        driver.pages[lang] = tab
        results = driver.run(lang, query)
    finally:
        context.close()
    assert results and all(r.page.startswith("en/") == (lang == "en") for r in results)
    other = "vi" if lang == "en" else "en"
    fetched = {url.removeprefix(published_url) for url in driver.requests if url.removeprefix(published_url).startswith(f"{OUTPUT}/")}
    assert fetched == {f"{OUTPUT}/{lang}.json", f"{OUTPUT}/{lang}/81-kh-ubnd-2024.json"}, f"not {OUTPUT}/{other}…"


# -- the index -------------------------------------------------------------------------


# Built pages that are not content, so not searched: the page-not-found page.
NOT_INDEXED = {"404.html"}


def built_pages(site: Path) -> set[str]:
    """The site-relative URL of every page of the built site that the index should hold."""
    files = (path.relative_to(site).as_posix() for path in site.rglob("*.html"))
    return {file.removesuffix("index.html") for file in files if file not in NOT_INDEXED}


def test_index_holds_every_page_in_each_language(built_site: Path, site_data: SiteData) -> None:
    built = built_pages(built_site)
    generated = {page_url(page, lang) for page, lang in registry.published(site_data)}
    assert generated <= built, "the walk sees every generated page"
    for lang in CODES:
        assert set(index_pages(built_site, lang)) == {page for page in built if page.startswith("en/") == (lang == "en")}


def test_reference_pages_count_for_less(built_site: Path, site_data: SiteData) -> None:
    """The reading aids (the glossary, editor's guide, downloads, matrix and groups' pages)
    are weighed down (Family.search_weight), in every edition; the plan's own pages are not."""
    for lang in CODES:
        prefix = LANGUAGES[lang].prefix
        entries = [entry for part in index_parts(built_site, lang).values() for entry in part["pages"]]
        weighed = {entry[0].removeprefix(prefix) for entry in entries if entry[3:] == [REFERENCE]}
        plan = f"plans/{PLAN_ID}/"
        assert {"glossary/", "guide/", "downloads/", plan + "matrix/", plan + "groups/", plan + "groups/ho-ngheo/"} <= weighed
        assert not {"", plan + "targets/", plan + "full-text/", plan + "area-5/"} & weighed
        assert all(entry[3:] in ([], [REFERENCE]) for entry in entries)


ARTICLE = (
    '<html lang="vi"><body><nav>Điều hướng</nav><article class="md-content__inner md-typeset">{}</article><footer>x</footer></body></html>'
)


def test_read_page_cuts_sections_at_anchors() -> None:
    html = ARTICLE.format(
        '<h1 id="t">Tiêu đề</h1><p>Mở đầu</p><h2 id="task-1-1">1.1 Việc</h2><ul><li>Làm <strong>ngay</strong></li><li>Rồi</li></ul>'
        '<h3 id="group-b1">Nhóm</h3><table><tr><td><span id="target-t01"></span>Một</td><td>đạt 100%</td></tr></table>'
    )
    page = read_page(html, "p/")
    assert (page.lang, page.title) == ("vi", "Tiêu đề")
    sections = [(s.anchor, s.level, s.text, s.title) for s in page.sections]
    assert sections == [
        ("", 1, "Tiêu đề\nMở đầu", ""),
        ("task-1-1", 2, "1.1 Việc\nLàm ngay\nRồi", ""),
        ("group-b1", 3, "Nhóm", ""),
        ("target-t01", 0, "Một\nđạt 100%", "Nhóm"),
    ]


def test_read_page_leaves_out_what_is_not_searched() -> None:
    html = ARTICLE.format(
        '<h1 id="t">Trang</h1><p>giữ<br>lại</p><div data-pagefind-ignore><p>bỏ<img src="x">đi</p><h2 id="x">bỏ</h2></div>'
        '<p class="x md-source-file">ngày</p><p class="plansite-print-only">địa chỉ</p><p>giữ nữa</p>'
    )
    assert read_page(html, "p/").sections[0].text == "Trang\ngiữ\nlại\ngiữ nữa"


def test_index_files_put_each_plan_apart() -> None:
    # Each page with the plan the build says it belongs to (its PageFacts).
    urls = {"": None, "glossary/": None, "plans/a/area-1/": "a", "plans/b/targets/": "b", "plans/a/matrix/": "a", "en/plans/a/area-1/": "a"}
    pages = [
        read_page(
            ARTICLE.format(f'<h1 id="t">Trang {url}</h1>').replace('lang="vi"', f'lang="{url[:2] if url.startswith("en/") else "vi"}"'),
            url,
            PageFacts(plan),
        )
        for url, plan in urls.items()
    ]
    files = {path: json.loads(text) for path, text in index_files(pages, "vi").items()}
    assert set(files) == {"vi.json", "vi/a.json", "vi/b.json"}
    assert files["vi.json"]["plans"] == ["a", "b"]
    assert [entry[0] for entry in files["vi.json"]["pages"]] == ["", "glossary/"]
    assert [entry[0] for entry in files["vi/a.json"]["pages"]] == ["plans/a/area-1/", "plans/a/matrix/"]
    assert files["vi/a.json"]["plan"] == "a"
    assert set(index_files(pages, "en")) == {"en.json", "en/a.json"}


def test_read_site_names_every_page_it_cannot_index(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for path in ("a/index.html", "b/index.html", "404.html"):
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text("<html lang='vi'><main>no article</main></html>", encoding="utf-8")
    with pytest.raises(SearchIndexError) as error:
        read_site(site, {})
    assert "a/:" in str(error.value) and "b/:" in str(error.value) and "404" not in str(error.value)


# -- what it weighs ----------------------------------------------------------------------


def gzipped(path: Path) -> int:
    return len(compress(path.read_bytes()))


@pytest.mark.parametrize("lang", CODES)
def test_first_results_cost_at_most_80_kib(built_site: Path, lang: str) -> None:
    """Everything the search loads before its first results, on the page of any plan
    (test_pages_load_no_search_until_it_opens lists it), compressed as GitHub Pages serves it."""
    code = sum(gzipped(built_site / name) for name in SEARCH_FILES) + gzipped(built_site / OUTPUT / f"{lang}.json")
    for plan in index_parts(built_site, lang)[""]["plans"]:
        total = code + gzipped(built_site / OUTPUT / lang / f"{plan}.json")
        assert total <= BUDGET, f"{plan}: {total / 1024:.1f} KiB"


def test_what_every_page_pays_for_the_search_is_small(built_site: Path) -> None:
    """Before the search opens: the opener's script and stylesheet, and the button and dialog."""
    html = (built_site / "index.html").read_text(encoding="utf-8")
    markup = html[html.index('<link rel="stylesheet" href="assets/search/opener.css">') : html.index("</dialog>") + 9]
    opener = gzipped(built_site / "assets" / "search" / "opener.js") + gzipped(built_site / "assets" / "search" / "opener.css")
    assert opener + len(compress(markup.encode())) <= 3 * 1024
