"""The site search index: the searchable text of the built site, in parts per language.

``make build`` (``plansite.build``) runs ``build_index`` after ``mkdocs build``. It reads
every built page but the page-not-found page, keeps the text of its content (Material's
``<article>``) without what the templates mark ``data-pagefind-ignore`` (the attribute
kept from the Pagefind days) or the page chrome in ``EXCLUDED``, cuts it into sections at
every element with an id (a heading, a target's row ``#target-t02``, a glossary term),
and writes it to ``site/search/``. The browser side, ``docs/assets/search/search.js``,
downloads the text of the page's language and does all the matching itself:
Vietnamese folding, syllables, phrases and ranking live there, in one place.

The files are the text itself: gzipped, text is smaller than any index of positions
built from it (bench/SEARCH.md has the numbers). Per language, one file holds the pages
that belong to no plan, and one file per plan its pages (those under ``plans/<id>/``), so
that the first results need only the site's pages and one plan's, however many plans
the site has; the rest follow. In JSON arrays, to keep them small::

    search/<lang>.json         {"version": 2, "lang": "en", "stemmer": "english", "plans": [plan id, ...],
                                "editions": [[code, prefix, offer], ...], "pages": [page, ...]}
    search/<lang>/<plan>.json  {"version": 2, "lang": "en", "stemmer": "english", "plan": plan id, "pages": [page, ...]}
    page: [url, title, [[anchor, level, text, title], ...], weight?, terms?]

- ``plans``: every plan's id, in the order of their URLs;
- ``editions``: the other editions, each with where its pages are and, in its own
  language, its offer of a search that found nothing here ("#" is the query): search.js
  links to it (the other edition's text is fetched only if the reader follows it);
- ``url``: site-relative, as a link from the site's root ("plans/p/area-5/", "" for home);
- a section's ``anchor`` is the id it starts at ("" for the top of the page);
- ``level`` is 1-6 when the section starts with a heading of that level, which is then
  the first line of ``text``; 0 when it starts at another anchored element;
- ``text``: the section's blocks (paragraphs, list items, table cells), one a line;
- ``title``: the heading a section without its own (``level`` 0) stands under; "" otherwise;
- ``weight``: what the page's scores count for, when not 1 (or when ``terms`` follow);
- ``terms``: the words readers use for the page that it need not hold (a group's
  ``search_terms`` in groups.yml), which search.js counts as the page's title;
- ``stemmer``: the language's (languages.yml), when it has one: search.js stems the
  words of the text and of the query with it. A language without one has no key.

Which plan a page belongs to, what its results count for and the readers' terms for it
are facts of its page family (``families.base.Family.search_weight``, ``search_terms``):
the build hands them over as ``PageFacts`` by URL, so this module knows no family and no
edition's URL prefix.
"""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

from plansite.languages import LANGUAGES

FORMAT_VERSION = 2
# Where the search files go in the built site: search/<lang>.json, search/<lang>/<plan>.json.
OUTPUT = "search"
# Material puts a page's content, and nothing else, in this element.
CONTENT_CLASS = "md-content__inner"
# What the templates mark as not to be searched (plansite/templates/), and page chrome
# inside the content element: page actions, the "last updated" line and the page
# address printed on paper.
IGNORE_ATTRIBUTE = "data-pagefind-ignore"
EXCLUDED = (".md-content__button", ".md-source-file", ".plansite-print-only")
# Pages that are not content.
SKIPPED = ("404.html",)
# Elements whose text stands on its own line: a phrase never runs across them.
BLOCKS = frozenset(
    "address article aside blockquote br caption dd details div dl dt figcaption figure footer h1 h2 h3 h4 h5 h6 header hr "  # noqa: SIM905
    "li main nav ol p pre section summary table tbody td tfoot th thead tr ul".split()
)
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())  # noqa: SIM905
HEADINGS = {f"h{level}": level for level in range(1, 7)}
_MARKS = re.compile(r"[\u0300-\u036f]")


class SearchIndexError(Exception):
    """The built site cannot be indexed: the message names every page at fault."""


def fold(text: str) -> str:
    """``text`` as an unaccented, lower-case reader types it: "Đẩy mạnh" -> "day manh"."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    return _MARKS.sub("", decomposed).replace("đ", "d")


@dataclass
class Section:
    """The text from one anchor to the next."""

    anchor: str
    level: int  # of the heading it starts with; 0 if none
    title: str  # the heading it stands under, when it has none of its own
    lines: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


@dataclass(frozen=True)
class PageFacts:
    """What the index needs to know of a page beyond its text: the plan it belongs to
    (its part of the index), what its scores count for in the ranking (a reading aid's
    less than the plan's own text; search.js does not put their titles first), and the
    words readers use for it that it need not hold (the editors' ``search_terms``)."""

    plan: str | None = None
    weight: float = 1.0
    terms: tuple[str, ...] = ()


@dataclass
class Page:
    url: str
    lang: str
    title: str
    sections: list[Section]
    facts: PageFacts = PageFacts()

    @property
    def weight(self) -> float:
        return self.facts.weight

    @property
    def plan(self) -> str | None:
        return self.facts.plan


class _ContentParser(HTMLParser):
    """The language, title and sections of one built page."""

    EXCLUDED_CLASSES: ClassVar[frozenset[str]] = frozenset(selector.removeprefix(".") for selector in EXCLUDED)

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lang = ""
        self.articles = 0
        self.depth = 0  # open elements inside the content; 0 outside it
        self.ignored_at = 0  # the depth of the ignored element we are in; 0 if none
        self.heading: tuple[int, int] | None = None  # (level, depth) of the heading being read
        self.heading_text: list[str] = []
        self.last_heading = ""
        self.title = ""
        self.sections: list[Section] = []
        self.line: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "html":
            self.lang = named.get("lang") or ""
        if not self.depth:
            if tag == "article" and CONTENT_CLASS in (named.get("class") or "").split():
                self.articles += 1
                self.depth = 1
                self.sections.append(Section("", 0, ""))
            return
        if tag in VOID:
            if tag in BLOCKS and not self.ignored_at:
                self.end_line()
            return
        self.depth += 1
        if self.ignored_at:
            return
        classes = set((named.get("class") or "").split())
        if IGNORE_ATTRIBUTE in named or classes & self.EXCLUDED_CLASSES:
            self.ignored_at = self.depth
            return
        if tag in BLOCKS:
            self.end_line()
        anchor = named.get("id")
        level = HEADINGS.get(tag, 0)
        if anchor:
            self.end_line()
            self.sections.append(Section("" if level == 1 else anchor, level, "" if level else self.last_heading))
        elif level == 1 and not self.sections[-1].lines:
            self.sections[-1].level = 1
        if level:
            self.heading = (level, self.depth)
            self.heading_text = []

    def handle_endtag(self, tag: str) -> None:
        if not self.depth or tag in VOID:
            return
        if self.heading and self.heading[1] == self.depth:
            text = " ".join("".join(self.heading_text).split())
            self.last_heading = text
            if self.heading[0] == 1 and not self.title:
                self.title = text
            self.heading = None
        if self.ignored_at == self.depth:
            self.ignored_at = 0
        elif not self.ignored_at and tag in BLOCKS:
            self.end_line()
        self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth and not self.ignored_at:
            self.line.append(data)
            if self.heading:
                self.heading_text.append(data)

    def end_line(self) -> None:
        line = " ".join("".join(self.line).split())
        self.line = []
        if line:
            self.sections[-1].lines.append(unicodedata.normalize("NFC", line))


_HTML_TAG = re.compile(r"<html\b[^>]*>", re.IGNORECASE)


def content_part(html: str) -> str:
    """The page's <html> tag and the part from its first <article to its last </article>:
    all that search reads. The rest is mostly the menu, which grows with every plan, so
    parsing it made the index cost grow with the square of the number of plans."""
    start, end = html.find("<article"), html.rfind("</article>")
    if start < 0 or end < start:
        return html
    tag = _HTML_TAG.search(html, 0, start)
    return (tag.group() if tag else "") + html[start : end + len("</article>")]


def read_page(html: str, url: str, facts: PageFacts = PageFacts()) -> Page:
    """The searchable text of a built page, or SearchIndexError naming what is wrong."""
    parser = _ContentParser()
    parser.feed(content_part(html))
    parser.close()
    if parser.articles != 1:
        raise SearchIndexError(f"{url or '/'}: expected one <article class={CONTENT_CLASS!r}>, found {parser.articles}")
    if not parser.lang:
        raise SearchIndexError(f"{url or '/'}: no <html lang>")
    parser.end_line()
    sections = [section for section in parser.sections if section.lines]
    return Page(url, parser.lang, parser.title, sections, facts)


def page_url(site: Path, file: Path) -> str:
    """The site-relative URL of a built file: "plans/p/area-5/" for plans/p/area-5/index.html."""
    relative = file.relative_to(site).as_posix()
    return relative.removesuffix("index.html")


def read_site(site: Path, facts: Mapping[str, PageFacts]) -> list[Page]:
    """Every page of the built site that search finds, in URL order, with its ``facts`` by URL."""
    files = sorted(path for path in site.rglob("*.html") if path.name not in SKIPPED and not path.is_relative_to(site / OUTPUT))
    pages, problems = [], []
    for file in files:
        try:
            url = page_url(site, file)
            pages.append(read_page(file.read_text(encoding="utf-8"), url, facts.get(url, PageFacts())))
        except SearchIndexError as error:
            problems.append(str(error))
    if problems:
        raise SearchIndexError("cannot index the site:\n" + "\n".join(problems))
    if not pages:
        raise SearchIndexError(f"no pages to index in {site}")
    return pages


def page_entry(page: Page) -> list[object]:
    """A page as the search files hold it: what it has beyond its sections only when it has it."""
    sections = [[section.anchor, section.level, section.text, section.title] for section in page.sections]
    terms = [unicodedata.normalize("NFC", term) for term in page.facts.terms]
    extra: list[object] = [page.weight, terms] if terms else [page.weight] if page.weight != 1 else []
    return [page.url, page.title, sections, *extra]


def index_files(pages: list[Page], lang: str, offers: Mapping[str, str] | None = None) -> dict[str, str]:
    """The search files of one language by path under ``search/`` (their shape is in this
    module's docstring); ``offers``: each edition's offer of the same search, by language."""
    own = [page for page in pages if page.lang == lang]
    plans = list(dict.fromkeys(page.plan for page in own if page.plan))
    stemmer = LANGUAGES[lang].stemmer if lang in LANGUAGES else None
    head = {"version": FORMAT_VERSION, "lang": lang, **({"stemmer": stemmer} if stemmer else {})}
    editions = [[code, LANGUAGES[code].prefix, offer] for code, offer in (offers or {}).items() if code != lang]
    site_part = {**head, "plans": plans, "editions": editions, "pages": [page_entry(page) for page in own if not page.plan]}
    parts = {f"{lang}.json": site_part}
    for plan in plans:
        parts[f"{lang}/{plan}.json"] = {**head, "plan": plan, "pages": [page_entry(page) for page in own if page.plan == plan]}
    return {path: json.dumps(data, ensure_ascii=False, separators=(",", ":")) for path, data in parts.items()}


def build_index(site: Path, facts: Mapping[str, PageFacts], offers: Mapping[str, str] | None = None) -> list[Path]:
    """Write the search files of every language of the site into ``site/search/``; return them.
    ``facts`` are the pages' plans, weights and terms by URL (a page not in it: no plan,
    weight 1, no terms); ``offers`` each edition's offer of a search that found nothing."""
    pages = read_site(site, facts)
    output = site / OUTPUT
    shutil.rmtree(output, ignore_errors=True)
    written = []
    for lang in sorted({page.lang for page in pages}):
        for name, text in index_files(pages, lang, offers).items():
            path = output / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written
