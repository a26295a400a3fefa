"""The English edition: twins, the language switcher, the authoritative-text notice, no
untranslated Vietnamese, the glossary's renderings, and the glossary/agency check.

Expectations come from the data (glossary, agencies, strings), from Material's own
translation files and from the file tree of the built site, never from the renderer.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from pathlib import Path

import material
import pytest
import yaml
from playwright.sync_api import Page
from toolkit.html import Element, read
from toolkit.links import Site

from plansite.editions import is_vietnamese_only, twin_url, vi_quotes
from plansite.languages import CODES
from plansite.load import SiteData, load_site
from plansite.source import DataError
from plansite.strings import load_strings

# Folders of the built site that hold no pages of either edition.
NOT_PAGES = {"assets", "search", "data"}
# Share of Vietnamese-only letters (đ, ơ, ư, letters with tone marks) allowed in an English
# page once deliberate quotations (lang="vi") and names are set aside. Vietnamese prose has
# 28-30 % of its letters in that set (the Vietnamese pages are checked below to be far above
# the limit). 0.5 % leaves room for no more than a stray word or two on the smallest English
# page (about 2,000 letters); a short left-over sentence on a long page stays under any
# share, which is what the passage check is for.
MAX_VIETNAMESE_SHARE = 0.005
# A "passage": this many consecutive words of which at least two carry Vietnamese-only letters.
PASSAGE_WINDOW = 3

# -- reading the built HTML -------------------------------------------------------


@dataclass
class Text:
    text: str
    lang: str
    in_article: bool
    in_own_language_link: bool
    in_code: bool


@dataclass
class Link:
    href: str
    hreflang: str
    classes: list[str]
    in_notice: bool


def _is_article(element: Element) -> bool:
    return element.tag == "article"


def _is_code(element: Element) -> bool:
    return element.tag in ("code", "pre")  # examples of the data, shown as typed


def _is_notice(element: Element) -> bool:
    return "edition-notice" in element.classes


def _is_own_language_link(element: Element) -> bool:
    # The switcher names each language in that language (“Tiếng Việt”), by design.
    return element.tag == "a" and "hreflang" in element.attrs and "md-select__link" in element.classes


@dataclass
class HtmlPage:
    """What the tests need from one built page: its language, visible text, links, notices."""

    html_lang: str | None
    texts: list[Text]
    links: list[Link]
    notices: int
    header_label: str | None
    canonical: str | None

    def visible_text(self, *, article_only: bool = False, without_lang: str | None = None, without_code: bool = False) -> str:
        return " ".join(
            t.text
            for t in self.texts
            if (t.in_article or not article_only)
            and not t.in_own_language_link
            and t.lang != without_lang
            and not (without_code and t.in_code)
        )


def read_page(path: Path) -> HtmlPage:
    tree = read(path)
    html = tree.find("html")
    header = next(tree.with_class("md-header__inner", "nav"), None)
    texts = [
        Text(
            node.text,
            node.lang or "",
            node.parent.within(_is_article),
            node.parent.within(_is_own_language_link),
            node.parent.within(_is_code),
        )
        for node in tree.text_nodes()
    ]
    links = [
        Link(a.attrs.get("href", ""), a.attrs["hreflang"], a.classes, a.within(_is_notice)) for a in tree.iter("a") if "hreflang" in a.attrs
    ]
    return HtmlPage(
        html.attrs.get("lang") if html else None,
        texts,
        links,
        notices=sum(1 for _ in tree.with_class("edition-notice")),
        header_label=header.attrs.get("aria-label") if header else None,
        canonical=tree.canonical(),
    )


def page_files(site: Path) -> list[str]:
    """Every built page, as a path relative to the site root (``en/glossary/index.html``)."""
    pages = []
    for path in site.rglob("*.html"):
        relative = path.relative_to(site).as_posix()
        parts = relative.split("/")
        edition_parts = parts[1:] if parts[0] == "en" else parts
        # Material writes one 404 page for the whole site, at the root.
        if edition_parts[0] in NOT_PAGES or relative == "404.html":
            continue
        pages.append(relative)
    return sorted(pages)


def editions(site: Path) -> tuple[set[str], set[str]]:
    """The logical paths of the Vietnamese pages and of the English pages."""
    files = page_files(site)
    vietnamese = {f for f in files if not f.startswith("en/")}
    english = {f.removeprefix("en/") for f in files if f.startswith("en/")}
    return vietnamese, english


def target(site: Site, page: str, href: str) -> str | None:
    """The built file (relative to the site's root) a link on ``page`` leads to, if any."""
    file = site.file(site.resolve(site.root / page, href))
    return site.where(file) if file else None


def twin(page: str) -> str:
    return page.removeprefix("en/") if page.startswith("en/") else "en/" + page


@pytest.fixture(scope="module")
def pages(built_site: Path) -> dict[str, HtmlPage]:
    return {relative: read_page(built_site / relative) for relative in page_files(built_site)}


@pytest.fixture(scope="module")
def english_pages(pages: dict[str, HtmlPage]) -> dict[str, HtmlPage]:
    english = {relative: page for relative, page in pages.items() if relative.startswith("en/")}
    assert english, "no English pages under site/en/"
    return english


# -- twins and the language switcher ---------------------------------------------


def test_every_page_has_its_twin_in_the_other_language(built_site: Path) -> None:
    vietnamese, english = editions(built_site)
    assert vietnamese, "no Vietnamese pages in site/"
    assert not vietnamese - english, f"Vietnamese pages without an English twin: {sorted(vietnamese - english)}"
    assert not english - vietnamese, f"English pages without a Vietnamese twin: {sorted(english - vietnamese)}"


def test_html_lang_and_material_interface_follow_the_edition(pages: dict[str, HtmlPage]) -> None:
    languages = Path(material.__file__).parent / "templates" / "partials" / "languages"
    # Material's name for the header: Material's search box, which this used to read, is gone.
    label = {
        lang: re.search(r'"header": "([^"]+)"', (languages / f"{lang}.html").read_text(encoding="utf-8")).group(1)  # type: ignore[union-attr]
        for lang in CODES
    }
    assert label["vi"] != label["en"]
    for relative, page in pages.items():
        lang = "en" if relative.startswith("en/") else "vi"
        assert page.html_lang == lang, relative
        assert page.header_label == label[lang], f"{relative}: Material's interface is not in {lang}"


def test_each_switcher_link_leads_to_the_twin_page(quality_site: Site, pages: dict[str, HtmlPage]) -> None:
    for relative, page in pages.items():
        switcher = {link.hreflang: target(quality_site, relative, link.href) for link in page.links if "md-select__link" in link.classes}
        here_lang = "en" if relative.startswith("en/") else "vi"
        other_lang = "vi" if here_lang == "en" else "en"
        assert set(switcher) == set(CODES), f"{relative}: switcher links {switcher}"
        assert switcher[here_lang] == relative, f"{relative}: the {here_lang} entry leads to {switcher[here_lang]}"
        assert switcher[other_lang] == twin(relative), f"{relative}: the {other_lang} entry leads to {switcher[other_lang]}"


# -- the authoritative-text notice -----------------------------------------------


def test_every_english_page_has_one_notice_linking_to_its_vietnamese_twin(quality_site: Site, pages: dict[str, HtmlPage]) -> None:
    for relative, page in pages.items():
        if not relative.startswith("en/"):
            assert page.notices == 0, f"{relative}: a Vietnamese page carries the translation notice"
            continue
        assert page.notices == 1, f"{relative}: {page.notices} notices"
        notice_links = [link for link in page.links if link.in_notice]
        assert [link.hreflang for link in notice_links] == ["vi"], relative
        linked = target(quality_site, relative, notice_links[0].href)
        assert linked == twin(relative), f"{relative}: the notice links to {linked}"


def test_the_notice_is_visible_and_one_click_from_the_vietnamese_page(page: Page, site_url: str, built_site: Path) -> None:
    _, english = editions(built_site)
    for logical in sorted(english):
        url = site_url + "en/" + logical.removesuffix("index.html")
        response = page.goto(url)
        assert response is not None and response.ok, url
        notice = page.locator("article .edition-notice")
        assert notice.count() == 1 and notice.is_visible(), url
        # Under the title (and the status line, issue 21; the home page has the status in its
        # document box), before the page's own content.
        assert page.locator("article > h1 + .plansite-status + .edition-notice, article > h1 + .edition-notice").count() == 1, url
    page.goto(site_url + "en/glossary/")
    page.locator(".edition-notice a[hreflang=vi]").click()
    page.wait_for_load_state()
    assert page.url == site_url + "glossary/"
    assert page.locator("html").get_attribute("lang") == "vi"


def test_twin_url_from_page_paths() -> None:
    assert twin_url("index.md", "en", "vi") == "../"
    assert twin_url("glossary.md", "en", "vi") == "../../glossary/"
    assert twin_url("plans/p/targets.md", "en", "vi") == "../../../../plans/p/targets/"
    assert twin_url("plans/p/index.md", "en", "vi") == "../../../plans/p/"
    assert twin_url("plans/p/targets.md", "vi", "en") == "../../../en/plans/p/targets/"


# -- no untranslated Vietnamese ----------------------------------------------------


def known_names(site: SiteData) -> set[str]:
    """Words of proper names that keep their Vietnamese spelling in English.

    Taken from the English names of the agencies (whatever is still Vietnamese in a
    translated name is a place name) and from the plan's place and signer.
    """
    names = set()
    for agency in site.agencies.values():
        names |= {w for w in re.findall(r"\w+", agency.name["en"]) if any(is_vietnamese_only(c) for c in w)}
    for data in site.plans.values():
        names |= set(re.findall(r"\w+", data.plan.place)) | set(re.findall(r"\w+", data.plan.signature.signer))
    return names


@dataclass
class Share:
    letters: int
    vietnamese: int
    words: list[str]

    @property
    def value(self) -> float:
        return self.vietnamese / self.letters if self.letters else 0.0


def vietnamese_share(text: str, names: set[str]) -> Share:
    words = [w for w in re.findall(r"\w+", text) if w not in names]
    letters = [c for w in words for c in w if c.isalpha()]
    return Share(len(letters), sum(map(is_vietnamese_only, letters)), [w for w in words if any(map(is_vietnamese_only, w))])


def passages(text: str, names: set[str]) -> list[str]:
    words = [w for w in re.findall(r"\w+", text) if w not in names]
    found = []
    for i in range(len(words) - PASSAGE_WINDOW + 1):
        window = words[i : i + PASSAGE_WINDOW]
        if sum(any(map(is_vietnamese_only, w)) for w in window) >= 2:
            found.append(" ".join(window))
    return found


def test_english_pages_contain_no_untranslated_vietnamese(english_pages: dict[str, HtmlPage], site_data: SiteData) -> None:
    names = known_names(site_data)
    report = []
    failures = []
    for relative, page in english_pages.items():
        # Code shows data and the checker's messages exactly as typed or printed.
        text = page.visible_text(without_lang="vi", without_code=True)
        share = vietnamese_share(text, names)
        report.append(f"{relative}: {share.vietnamese}/{share.letters} letters = {share.value:.3%}")
        if share.value >= MAX_VIETNAMESE_SHARE:
            failures.append(f"{relative}: {share.value:.2%} Vietnamese-only letters: {share.words[:20]}")
        found = passages(text, names)
        if found:
            failures.append(f"{relative}: untranslated passages: {found[:5]}")
    print("\n".join(["Vietnamese-only letters on English pages:", *report]))
    assert not failures, "\n".join(failures)


def test_the_measure_sees_vietnamese(pages: dict[str, HtmlPage], site_data: SiteData) -> None:
    """The same measure on the Vietnamese pages is far above the threshold, so it can fail."""
    names = known_names(site_data)
    for relative, page in pages.items():
        if relative.startswith("en/"):
            continue
        share = vietnamese_share(page.visible_text(article_only=True), names)
        assert share.value > 20 * MAX_VIETNAMESE_SHARE, f"{relative}: {share.value:.2%}"


def test_vietnamese_quoted_in_english_is_marked() -> None:
    marked = vi_quotes("“Kế hoạch này” is “this Plan”; “VT” is kept.", "en")
    assert marked == '“<span lang="vi">Kế hoạch này</span>” is “this Plan”; “VT” is kept\\.'
    assert "<span" not in vi_quotes("“Kế hoạch này”", "vi")


def test_vietnamese_on_english_pages_is_short_or_a_known_term(english_pages: dict[str, HtmlPage], site_data: SiteData) -> None:
    """Text marked lang="vi" on English pages is a glossary term, an agency's name, or a short quotation."""
    known = {t.vi for t in site_data.glossary.terms} | {s for a in site_data.agencies.values() for s in (a.name.vi, *a.spellings)}
    for relative, page in english_pages.items():
        for text in page.texts:
            if text.lang == "vi" and not text.in_own_language_link and text.text.strip() not in known:
                assert len(text.text.split()) <= 6, f"{relative}: a long Vietnamese text on an English page: {text.text!r}"


# -- the glossary is used ----------------------------------------------------------


def agency_terms(site: SiteData) -> list[tuple[str, str]]:
    """(vi, en) of every glossary term that names an agency."""
    names = {a.name.vi for a in site.agencies.values()}
    return [(t.vi, t["en"]) for t in site.glossary.terms if t.vi in names]


def test_agency_names_on_english_pages_are_the_glossary_renderings(pages: dict[str, HtmlPage], site_data: SiteData) -> None:
    checked = 0
    for relative, page in pages.items():
        if relative.startswith("en/"):
            continue
        vietnamese, english = (p.visible_text(article_only=True, without_code=True) for p in (page, pages[twin(relative)]))
        for vi, en in agency_terms(site_data):
            if vietnamese.count(vi):
                checked += 1
                assert english.count(en) >= vietnamese.count(vi), (
                    f"en/{relative}: {vi!r} appears {vietnamese.count(vi)} times in Vietnamese, "
                    f"the glossary's {en!r} {english.count(en)} times in English"
                )
    assert checked >= len(agency_terms(site_data)), "fewer agency names found on the Vietnamese pages than there are agencies"


def us_spellings(word: str) -> set[str]:
    """American spellings of a British ``word`` ("labour" -> "labor"); short words ("four") have none."""
    if len(word) <= 4:
        return set()
    variants = {
        re.sub(r"our(s|ed|ing)?$", r"or\1", word),
        word.replace("isation", "ization"),
        re.sub(r"is(e|ed|es|ing)$", r"iz\1", word),
        word.replace("programme", "program"),
        word.replace("centre", "center"),
        word.replace("defence", "defense"),
    }
    return variants - {word}


def alternative_renderings(site: SiteData) -> dict[str, str]:
    """Renderings the glossary does not give, as regular expressions, with why each is wrong."""
    terms = site.glossary.terms
    agencies = agency_terms(site)
    alternatives: dict[str, str] = {
        # The examples of renderings to avoid.
        r"\bmeritorious people\b": "glossary: people with meritorious services (to the revolution)",
        r"\bpeople with merit\b": "glossary: people with meritorious services (to the revolution)",
    }
    for vi, en in agencies:
        if "Division of " in en:
            wrong = en.replace("Division of ", "Department of ")
            alternatives[re.escape(wrong)] = f"glossary: {en} ({vi}): a district office is a Division"
        if "Vietnam Fatherland Front" in en:
            alternatives[r"(?<!Vietnam )Fatherland Front"] = f"glossary: {en}: the Front's name includes Vietnam"
        # A common term's rendering must not stand in for an agency's name ("Social Insurance").
        for term in terms:
            if len(term.vi.split()) > 1 and term.vi.lower() in vi.lower() and term["en"].lower() not in en.lower():
                alternatives[r"\b" + re.escape(term["en"].title()) + r"\b"] = f"glossary: {en} ({vi}), not {term['en'].title()}"
    for term in terms:
        if term.note:
            for rejected in re.findall(r"not “([^”]+)”", term.note["en"]):
                alternatives[r"(?i)\b" + re.escape(rejected) + r"\b"] = f"glossary {term.id}: {term.note['en']}"
        for word in re.findall(r"[A-Za-z]+", term["en"]):
            for variant in us_spellings(word.lower()):
                alternatives[r"(?i)\b" + re.escape(variant) + r"\b"] = f"British spelling, as in the glossary: {word}"
    return alternatives


def test_no_english_page_uses_a_rendering_the_glossary_does_not_give(english_pages: dict[str, HtmlPage], site_data: SiteData) -> None:
    alternatives = alternative_renderings(site_data)
    # The list catches the examples of wrong renderings.
    for wrong in ("Department of Home Affairs", "the Fatherland Front Committee", "District Social Insurance", "meritorious people"):
        assert any(re.search(pattern, wrong) for pattern in alternatives), wrong
    assert any(re.search(pattern, "propaganda work") for pattern in alternatives)
    assert any(re.search(pattern, "Labor market") for pattern in alternatives)
    found = []
    for relative, page in english_pages.items():
        # The glossary page's notes name rejected renderings on purpose ("not “propaganda”").
        if relative == "en/glossary/index.html":
            continue
        text = page.visible_text(without_lang="vi")
        for pattern, why in alternatives.items():
            for match in re.finditer(pattern, text):
                found.append(f"{relative}: {match.group(0)!r} ({why})")
    assert not found, "\n".join(found)


def every_text(site_data: SiteData, lang: str) -> dict[str, list[str]]:
    """The site-wide texts of data/site.yml (its name, description and publisher) and the
    interface strings of ``lang``, by key: each one text, or one per plural form."""
    settings = site_data.settings
    site = {f"site_{key}": [getattr(settings, key)[lang]] for key in ("name", "description", "publisher")}
    strings = {key: [entry] if isinstance(entry, str) else list(entry.values()) for key, entry in load_strings()[lang].items()}
    return site | strings


def test_interface_strings_use_the_glossary(site_data: SiteData) -> None:
    vietnamese, english = every_text(site_data, "vi"), every_text(site_data, "en")
    assert set(vietnamese) == set(english), set(vietnamese) ^ set(english)

    def bare(text: str) -> str:
        return text.strip().rstrip(".:")

    glossary = {bare(t.vi): bare(t["en"]) for t in site_data.glossary.terms}
    whole = [key for key, texts in vietnamese.items() if len(texts) == 1 and bare(texts[0]) in glossary]
    assert len(whole) >= 5, whole
    for key in whole:
        assert [bare(text) for text in english[key]] == [glossary[bare(vietnamese[key][0])]], f"{key}: {english[key]!r}"
    for key, (vi, en) in itertools.product(vietnamese, agency_terms(site_data)):
        if any(vi in text for text in vietnamese[key]):
            assert all(en in text for text in english[key]), f"{key}: names {vi!r}, so the English must say {en!r}: {english[key]!r}"


# -- the glossary/agency check -------------------------------------------------------


def line_of(path: Path, text: str) -> int:
    source = path.read_text(encoding="utf-8")
    return source[: source.index(text)].count("\n") + 1


def test_an_agency_name_that_differs_from_the_glossary_stops_the_load(copy_of_data: Path) -> None:
    agencies = copy_of_data / "agencies.yml"
    agencies.write_text(
        agencies.read_text(encoding="utf-8").replace("en: Division of Home Affairs", "en: Department of Home Affairs"), encoding="utf-8"
    )
    with pytest.raises(DataError) as caught:
        load_site(copy_of_data)
    [problem] = caught.value.problems
    assert problem.file == agencies
    assert problem.line == line_of(agencies, "en: Department of Home Affairs")
    assert problem.path.endswith(".name.en")
    glossary_line = line_of(copy_of_data / "glossary.yml", "en: Division of Home Affairs")
    assert "'Division of Home Affairs'" in problem.message and f"glossary.yml line {glossary_line}" in problem.message
    assert "(language: en)" in problem.message


def test_an_agency_without_a_glossary_entry_stops_the_load(copy_of_data: Path) -> None:
    glossary = copy_of_data / "glossary.yml"
    terms = yaml.safe_load(glossary.read_text(encoding="utf-8"))
    terms["terms"] = [t for t in terms["terms"] if t["id"] != "phong-y-te"]
    glossary.write_text(yaml.safe_dump(terms, allow_unicode=True, sort_keys=False), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_site(copy_of_data)
    [problem] = caught.value.problems
    assert problem.file == copy_of_data / "agencies.yml"
    assert "'phong-y-te' has no glossary entry" in problem.message and "Phòng Y tế" in problem.message
