"""The site search (issue 5), in a real browser: the query set, one language at a
time, Vietnamese folding, sub-path hosting, the keyboard, and what a page pays for it.

Expected pages and anchors come from the data (tests/search_queries.yml names a
sub-task, target, document or agency; this file works out where it is shown).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import json
import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

import pytest
import yaml
from playwright.sync_api import Browser, Page

from plansite import registry, routes
from plansite.load import SiteData
from plansite.search import EXCLUDED, SearchIndexError, fold, index_text, prepare, shown_text

HERE = Path(__file__).parent
QUERIES: list[dict[str, Any]] = yaml.safe_load((HERE / "search_queries.yml").read_text(encoding="utf-8"))["queries"]
TOP = 3


# -- what a query expects, from the data ------------------------------------------


@dataclass(frozen=True)
class Expected:
    """Where a query must lead: one of ``pages`` (site-relative URLs), at one of ``anchors`` if any."""

    label: str
    pages: frozenset[str]
    anchors: frozenset[str]  # any of them; none: the page is enough
    texts: tuple[str, ...]  # the words a query for it is made of
    ids: tuple[str, ...] = ()  # or the ids it may be looked up by


def page_url(page: routes.PageRef, lang: str) -> str:
    """The site-relative URL of ``page`` in ``lang``: "plans/p/area-6/", "en/" for the English home."""
    stem = page.path.removesuffix(".md")
    stem = "" if stem == "index" else stem.removesuffix("/index")
    url = stem + "/" if stem else ""
    return ("en/" if lang == "en" else "") + url


def expected(site: SiteData, kind: str, key: str, lang: str) -> Expected:
    for plan_id, data in site.plans.items():
        if kind == "task":
            for area_id, _block, task in data.all_tasks():
                if task.id == key:
                    page = page_url(routes.area(plan_id, area_id), lang)
                    texts = (task.title[lang], task.text[lang])
                    return Expected(f"task {key}", frozenset({page}), frozenset({routes.task_anchor(key)}), texts, (key,))
        if kind == "target":
            for bullet, target in data.all_targets():
                if target.id == key:
                    # The target's row, or the heading of the group whose table holds it.
                    page = page_url(routes.targets(plan_id), lang)
                    anchors = frozenset({routes.target_anchor(key), f"group-{bullet.id}"})
                    texts = (target.clause[lang], target.measure[lang] if target.measure else "")
                    return Expected(f"target {key}", frozenset({page}), anchors, texts)
        if kind == "document":
            numbers = {document.id: document.number for document in data.plan.documents} | {data.plan.id: data.plan.number}
            if key in numbers:
                page = page_url(routes.documents(plan_id), lang)
                return Expected(f"document {key}", frozenset({page}), frozenset({f"doc-{key}"}), (), (numbers[key] or "",))
    if kind == "agency" and key in site.agencies:
        # The agency's own page, which lists its duties: not the area pages that
        # name it, where a name search would leave the reader to find the rest.
        agency = site.agencies[key]
        names = (agency.name[lang], *(agency.spellings if lang == "vi" else ()))
        return Expected(f"agency {key}", frozenset({page_url(routes.agency(key), lang)}), frozenset(), names)
    raise AssertionError(f"search_queries.yml: no {kind} {key!r} in the data")


def expectations(site: SiteData, entry: dict[str, Any]) -> list[Expected]:
    return [expected(site, kind, str(key), entry["lang"]) for item in entry["expect"] for kind, key in item.items()]


def words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


def query_id(entry: dict[str, Any]) -> str:
    return f"{entry['lang']}:{entry['query']}"


# -- driving the search in the browser --------------------------------------------


@dataclass(frozen=True)
class Result:
    """One result as shown: its page (site-relative) and the anchors its links land on, first the main one."""

    page: str
    anchors: tuple[str, ...]


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
            # The context also sees requests from web workers, should Pagefind use one.
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
            tab.wait_for_function("q => document.querySelector('[data-ps-results]').dataset.query === q", arg=value)
        hrefs: list[list[str]] = tab.eval_on_selector_all(
            ".ps-result", "items => items.map(item => [...item.querySelectorAll('a')].map(a => a.getAttribute('href')))"
        )
        return [self.result(links) for links in hrefs]

    def status(self, lang: str) -> str:
        return self.page(lang).inner_text("[data-ps-status]")

    def ranked(self, lang: str, query: str) -> list[str]:
        """Every page ``query`` finds, best first, as search.js ranks them (not only those shown)."""
        urls: list[str] = self.page(lang).evaluate(
            """async ([base, query]) => {
                const search = await import(base + "assets/search/search.js");
                const pagefind = await import(base + "pagefind/pagefind.js");
                const found = await search.find(pagefind, query);
                return Promise.all(found.map(async (result) => (await result.data()).url));
            }""",
            [self.base, query],
        )
        return [self.result([url]).page for url in urls]

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


class _PrefixHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under /prefix/, as GitHub Pages serves a project site."""

    prefix = "/prefix/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "does-not-exist")
        return super().translate_path("/" + path.removeprefix(self.prefix))

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def search(browser: Browser, site_url: str) -> Iterator[SearchDriver]:
    driver = SearchDriver(browser, site_url)
    yield driver
    driver.close()


@pytest.fixture(scope="module")
def prefixed_url(built_site: Path) -> Iterator[str]:
    handler = functools.partial(_PrefixHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/prefix/"
    server.shutdown()


# -- the query set -----------------------------------------------------------------


def test_query_set_is_large_and_varied(site_data: SiteData) -> None:
    assert len(QUERIES) >= 40
    by_lang = {lang: [e["query"] for e in QUERIES if e["lang"] == lang] for lang in ("vi", "en")}
    assert all(by_lang.values()), "both languages have queries"
    accented = [q for q in by_lang["vi"] if fold(q) != q.lower()]
    unaccented = {q for q in by_lang["vi"] if fold(q) == q.lower()}
    assert len(accented) >= 10
    assert sum(fold(q) in unaccented for q in accented) >= 10, "accented queries have unaccented twins"
    ids = [e for e in QUERIES if any(e["query"] in x.ids for x in expectations(site_data, e))]
    assert {e["lang"] for e in ids} == {"vi", "en"}, "ids are searched in both languages"
    assert len({query_id(e) for e in QUERIES}) == len(QUERIES), "no query twice"


@pytest.mark.parametrize("entry", QUERIES, ids=query_id)
def test_query_is_made_of_its_expectation(site_data: SiteData, entry: dict[str, Any]) -> None:
    query = entry["query"]
    for expectation in expectations(site_data, entry):
        own_words = {word for text in expectation.texts for word in words(text)}
        assert query in expectation.ids or set(words(query)) <= own_words, (
            f"{query!r} is neither an id of {expectation.label} nor made of its words"
        )


@pytest.mark.parametrize("entry", QUERIES, ids=query_id)
def test_query_finds_its_expectation_in_its_language(search: SearchDriver, site_data: SiteData, entry: dict[str, Any]) -> None:
    lang = entry["lang"]
    results = search.run(lang, entry["query"])
    other = [r.page for r in results if r.page.startswith("en/") != (lang == "en")]
    assert not other, f"results from the other language: {other}"
    top = results[:TOP]
    for expectation in expectations(site_data, entry):
        hits = [r for r in top if r.page in expectation.pages]
        assert hits, f"{expectation.label} ({sorted(expectation.pages)}) not in the top {TOP}: {[r.page for r in top]}"
        if expectation.anchors:
            assert any(r.anchors[0] in expectation.anchors for r in hits), (
                f"{expectation.label}: the result does not land on {sorted(expectation.anchors)}: {[r.anchors for r in hits]}"
            )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_agency_is_found_by_its_name(search: SearchDriver, site_data: SiteData, lang: str) -> None:
    """Its own page is among the first three results, in the page's language."""
    missed = []
    for agency_id, agency in site_data.agencies.items():
        page = page_url(routes.agency(agency_id), lang)
        top = [r.page for r in search.run(lang, agency.name[lang])[:TOP]]
        if page not in top:
            missed.append(f"{agency.name[lang]!r}: {top}")
    assert not missed, "\n".join(missed)


# -- Vietnamese folding and ranking -------------------------------------------------


# Built pages that are not content, so not searched: the page-not-found page.
NOT_INDEXED = {"404.html"}


def built_pages(site: Path) -> set[str]:
    """The site-relative URL of every page of the built site that the index should hold."""
    files = (path.relative_to(site).as_posix() for path in site.rglob("*.html") if not path.is_relative_to(site / "pagefind"))
    return {file.removesuffix("index.html") for file in files if file not in NOT_INDEXED}


def has_words(text: str, words: str) -> bool:
    return all(re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text, re.IGNORECASE) for word in words.split())


class _IndexedText(HTMLParser):
    """The text of a page's <article> that the index holds: without its data-pagefind-ignore
    parts and the elements of the classes plansite.search excludes."""

    VOID: ClassVar[set[str]] = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
    EXCLUDED: ClassVar[set[str]] = {selector.strip().removeprefix(".") for selector in EXCLUDED.split(",")}

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0  # inside <article>: open elements; 0 outside it
        self.ignored_at = 0  # the depth of the ignored element we are in; 0 if none
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        if self.depth or tag == "article":
            self.depth += 1
            named = dict(attrs)
            classes = set((named.get("class") or "").split())
            if not self.ignored_at and ("data-pagefind-ignore" in named or classes & self.EXCLUDED):
                self.ignored_at = self.depth

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID or not self.depth:
            return
        if self.ignored_at == self.depth:
            self.ignored_at = 0
        self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.ignored_at:
            self.text.append(data)


@functools.cache
def indexed_text(site: Path, page: str) -> str:
    """The text of ``page`` (a site-relative URL) that the index holds."""
    parser = _IndexedText()
    parser.feed((site / page / "index.html").read_text(encoding="utf-8"))
    return unicodedata.normalize("NFC", " ".join(parser.text))


def test_indexed_text_leaves_out_what_the_index_ignores() -> None:
    assert all(selector.strip().startswith(".") for selector in EXCLUDED.split(",")), "classes only"
    parser = _IndexedText()
    parser.feed(
        '<nav>menu</nav><article><p>kept<br>too</p><div data-pagefind-ignore><p>left<img src="x">out</p></div><p class="x md-source-file">dated</p><p>kept again</p></article>'
    )
    assert " ".join(parser.text).split() == ["kept", "too", "kept", "again"]


def test_exact_diacritics_rank_first(search: SearchDriver, built_site: Path) -> None:
    """ "sạch" ranks every page with "sạch" itself above the pages with only "sách" or "sạch"'s other foldings."""
    pages = search.ranked("vi", "sạch")
    exact = [has_words(indexed_text(built_site, page), "sạch") for page in pages]
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
    pages = [page for page in built_pages(built_site) if not page.startswith("en/")]
    with_words = {
        page for page in pages if has_words(indexed_text(built_site, page), typed) or has_words(indexed_text(built_site, page), written)
    }
    assert with_words, "the check needs pages with the words"
    assert with_words <= set(found), sorted(with_words - set(found))


def test_titles_and_excerpts_show_the_text_as_written(search: SearchDriver) -> None:
    """The index writes đ as another letter; what the reader sees is đ again, with the match marked."""
    search.run("vi", "chuyen doi so")
    tab = search.page("vi")
    shown = tab.inner_text("[data-ps-results]")
    encoded = set(index_text("đĐ")) - set("đĐ")
    assert encoded and not encoded & set(shown)
    assert "Đẩy mạnh chuyển đổi số" in shown
    marks = tab.eval_on_selector_all("[data-ps-results] mark", "marks => marks.map(m => m.textContent)")
    assert {"chuyển", "đổi", "số"} <= {m.strip(",.").lower() for m in marks}


def test_browser_and_index_encode_alike(page: Page, site_url: str) -> None:
    """search.js encodes queries exactly as plansite.search encodes the indexed pages."""
    samples = ["Đẩy mạnh chuyển đổi số", "đ Đ d D", "xoá xóa", "Tiếng Việt", "nước sạch", "e\u0301"]
    page.goto(site_url)
    encoded = page.evaluate(
        """async ([url, samples]) => {
            const search = await import(url);
            return samples.map(s => [search.indexText(s), search.shownText(search.indexText(s)), search.hasDiacritics(s)]);
        }""",
        [site_url + "assets/search/search.js", samples],
    )
    for sample, (indexed, shown, accented) in zip(samples, encoded, strict=True):
        assert indexed == index_text(sample)
        assert shown == shown_text(index_text(sample)) == unicodedata.normalize("NFC", sample)
        assert accented == (fold(sample) != sample.lower())


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
        tab.click(".ps-result__link")
        tab.wait_for_url(re.compile(r"/prefix/plans/.+#.+"))
        anchor = urlsplit(tab.url).fragment
        assert tab.locator(f"[id='{anchor}']").count() == 1
        search_files = [url for url in driver.requests if "/pagefind/" in url or "/assets/search/" in url]
        assert search_files and all(url.startswith(prefixed_url) for url in search_files)
    finally:
        driver.close()


def test_no_request_leaves_the_site(search: SearchDriver, site_url: str) -> None:
    search.run("en", "clean water")
    search.run("vi", "nước sạch")
    outside = [url for url in search.requests if not url.startswith(site_url)]
    assert not outside


def test_pages_load_no_search_until_it_opens(page: Page, site_url: str) -> None:
    requests: list[str] = []
    # The context also sees requests from web workers, should Pagefind use one.
    page.context.on("request", lambda request: requests.append(request.url.removeprefix(site_url)))
    page.goto(site_url + "plans/81-kh-ubnd-2024/area-1/")
    page.wait_for_load_state("networkidle")
    search_files = [url for url in requests if url.startswith(("pagefind/", "assets/search/"))]
    assert search_files == ["assets/search/opener.css"]
    page.get_by_role("button", name="Tìm kiếm").click()
    page.fill("[data-ps-input]", "nuoc")
    page.wait_for_function("() => document.querySelector('[data-ps-results]').dataset.query === 'nuoc'")
    loaded = {url.split("?")[0] for url in requests}
    assert {"assets/search/search.js", "assets/search/search.css", "pagefind/pagefind.js"} <= loaded
    assert any(url.startswith("pagefind/pagefind.vi_") for url in loaded), "the Vietnamese index"
    assert not any(url.startswith("pagefind/pagefind.en_") for url in loaded), "not the English one"


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


# -- the index -------------------------------------------------------------------------


def test_index_holds_every_page_in_each_language(built_site: Path, site_data: SiteData) -> None:
    built = built_pages(built_site)
    generated = {page_url(page, lang) for page in registry.all_pages(site_data) for lang in ("vi", "en")}
    assert generated <= built, "the walk sees every generated page"
    counts = {lang: sum(page.startswith("en/") == (lang == "en") for page in built) for lang in ("vi", "en")}
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert {lang: meta["page_count"] for lang, meta in entry["languages"].items()} == counts


def test_prepare_marks_the_content_and_encodes_d(tmp_path: Path) -> None:
    site = tmp_path / "site"
    page = '<html lang="vi"><nav>Điều hướng</nav><article class="md-content__inner md-typeset">Đẩy mạnh đổi mới</article></html>'
    for path in ("index.html", "en/index.html", "404.html", "pagefind/x.html"):
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(page, encoding="utf-8")
    written = prepare(site, tmp_path / "work")
    assert sorted(p.relative_to(tmp_path / "work").as_posix() for p in written) == ["en/index.html", "index.html"]
    indexed = (tmp_path / "work" / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body>Ďẩy mạnh ďổi mới</article>" in indexed
    assert "đ" not in indexed and "Đ" not in indexed
    assert "Điều" in (site / "index.html").read_text(encoding="utf-8"), "the site itself is unchanged"


def test_prepare_names_every_page_it_cannot_index(tmp_path: Path) -> None:
    site = tmp_path / "site"
    for path in ("a/index.html", "b/index.html"):
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text("<html><main>no article</main></html>", encoding="utf-8")
    with pytest.raises(SearchIndexError) as error:
        prepare(site, tmp_path / "work")
    assert "a/index.html" in str(error.value) and "b/index.html" in str(error.value)


def test_prepare_refuses_the_letters_it_writes_d_with(tmp_path: Path) -> None:
    """They would be shown as đ in the results."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text('<article class="md-content__inner md-typeset">Ďuriš</article>', encoding="utf-8")
    with pytest.raises(SearchIndexError, match=r"index\.html: has"):
        prepare(site, tmp_path / "work")


def test_fold_is_how_readers_type() -> None:
    assert fold("Đẩy mạnh") == "day manh"
    assert fold("xoá") == fold("xóa") == "xoa"
    assert fold("Nước sạch") == "nuoc sach"
    assert fold(index_text("đ")) == "d"


def test_compressed_weight_of_the_opener_is_small(built_site: Path) -> None:
    """What every page pays for the search before it opens: the opener stylesheet and markup."""
    css = (built_site / "assets" / "search" / "opener.css").read_bytes()
    html = (built_site / "index.html").read_text(encoding="utf-8")
    markup = html[
        html.index('<link rel="stylesheet" href="assets/search/opener.css">') : html.index("</script>", html.index("data-ps-open")) + 9
    ]
    assert len(gzip.compress(css)) + len(gzip.compress(markup.encode())) <= 3 * 1024
