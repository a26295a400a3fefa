"""The PDF documents (issue 22): read back as a reader's viewer reads them.

The built site's PDFs are read with poppler's ``pdftotext`` and ``pdffonts`` and with
pypdf, and compared with the official text (``sourcetext``) and the data read as plain
YAML: the full text holds every official paragraph word for word, in order, and the
English one every English text; every font is embedded; every page is A4 and says where
it was copied from, that only the original has legal force, and its number; the first
page gives the plan's status; each file stays within its size budget; the pages link to
the files with their sizes. The typesetter refuses to fetch anything but its fonts.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import PLAN_ID
from pypdf import PdfReader
from quality import configured_site_url
from rawdata import raw, raw_tasks, shown_number
from sourcetext import units
from toolkit.html import read_page, resolve

from plansite.languages import CODES, LANGUAGES
from plansite.pdf.typesetter import PdfError, Typesetter
from plansite.strings import load_strings

AGENCIES: dict[str, dict[str, Any]] = {a["id"]: a for a in raw("agencies.yml")["agencies"]}
PLAN = raw("plan.yml")
TARGETS = raw("targets.yml")
TASKS = raw("tasks.yml")
SITE_SETTINGS = raw("site.yml")
STRINGS = load_strings()
# The size budgets: a phone on a slow connection downloads them, and an offline copy keeps them.
FULL_TEXT_BUDGET = 150 * 1024
DUTY_SHEET_BUDGET = 60 * 1024
DUTY_SHEET_PAGES = 2
A4 = (595.28, 841.89)  # points
LABOUR = "phong-ldtbxh"
PDFTOTEXT = shutil.which("pdftotext")
PDFFONTS = shutil.which("pdffonts")


def flexible(text: str) -> str:
    """A regular expression for ``text`` as a PDF's extracted text holds it: a space is
    any run of white space, and a line may end after a hyphen, a dash or a slash without
    one (the only places a line breaks without a space)."""
    out = []
    for char in text:
        if char.isspace():
            out.append(r"\s+")
        elif char in "-\u2013\u2014/":  # hyphen, en and em dash, slash
            out.append(re.escape(char) + r"\s?")
        else:
            out.append(re.escape(char))
    return "".join(out)


def template(text: str, **groups: str) -> str:
    """A regular expression for an interface string whose ``{name}`` fields are ``groups``."""
    parts = re.split(r"\{(\w+)\}", text)
    return "".join(flexible(part) if i % 2 == 0 else f"(?P<{part}>{groups[part]})" for i, part in enumerate(parts))


@dataclass
class Footer:
    page: int
    pages: int
    address: str
    date: str


@dataclass
class PdfText:
    pages: list[str]  # each page's text without its footer, white space collapsed
    footers: list[Footer]

    @property
    def body(self) -> str:
        return " ".join(self.pages)


def extract(path: Path, lang: str) -> PdfText:
    """The text of every page in drawing order (``pdftotext -raw``: the default mode joins
    a word broken after a hyphen, which would change the plan's "Lao động- Thương binh"),
    each page's footer read and taken off."""
    if PDFTOTEXT is None:
        pytest.fail("pdftotext is missing: make test installs poppler-utils (make test-packages)")
    done = subprocess.run([PDFTOTEXT, "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True)
    strings = STRINGS[lang]
    number = template(str(strings["sheet_page"]), page=r"\d+", pages=r"\d+")
    line = (
        template(str(strings["pdf_copied_from"]), address=r"\S+?(?:\s\S+?)*?", date=r".+?")
        + r"\s+"
        + flexible(str(strings["pdf_legal_force"]))
    )
    footer = re.compile(rf"\s*(?:{number}\s+{line}|{line.replace('?P<', '?P<_')}\s+{number.replace('?P<', '?P<_')})\s*$")
    pages: list[str] = []
    footers: list[Footer] = []
    for page_text in unicodedata.normalize("NFC", done.stdout).split("\f")[:-1]:
        flat = re.sub(r"\s+", " ", page_text).strip()
        found = footer.search(flat)
        assert found is not None, f"{path.name}, page {len(pages) + 1}: no footer at the end of {flat[-300:]!r}"
        fields = {name.lstrip("_"): value for name, value in found.groupdict().items() if value is not None}
        footers.append(Footer(int(fields["page"]), int(fields["pages"]), re.sub(r"\s", "", fields["address"]), fields["date"]))
        pages.append(flat[: found.start()])
    return PdfText(pages, footers)


def missing_in_order(text: str, expected: list[str]) -> list[str]:
    """The ``expected`` texts not found in ``text`` one after the other."""
    position, missing = 0, []
    for unit in expected:
        found = re.compile(flexible(unit)).search(text, position)
        if found is None:
            missing.append(unit if re.search(flexible(unit), text) is None else f"(out of order) {unit}")
        else:
            position = found.end()
    return missing


def pdf_path(built_site: Path, name: str) -> Path:
    return built_site / "data" / name


def full_texts(built_site: Path) -> dict[str, Path]:
    return {lang: pdf_path(built_site, f"{PLAN_ID}/{PLAN_ID}-{lang}.pdf") for lang in CODES}


def duty_sheets(built_site: Path) -> dict[tuple[str, str], Path]:
    """Every duty-sheet PDF by (agency, language): one beside each spreadsheet duty sheet."""
    folder = built_site / "data" / "duty-sheets"
    return {(path.stem.rsplit("-", 1)[0], path.stem.rsplit("-", 1)[1]): path for path in sorted(folder.glob("*.pdf"))}


def page_url(lang: str, path: str) -> str:
    return configured_site_url() + LANGUAGES[lang].prefix + path


@pytest.fixture(scope="module")
def documents(built_site: Path) -> dict[Path, tuple[str, str]]:
    """Every PDF the site publishes, with its language and the address of its page."""
    found: dict[Path, tuple[str, str]] = {
        path: (lang, page_url(lang, f"plans/{PLAN_ID}/full-text/")) for lang, path in full_texts(built_site).items()
    }
    found |= {path: (lang, page_url(lang, f"agencies/{agency}/")) for (agency, lang), path in duty_sheets(built_site).items()}
    return found


@pytest.fixture(scope="module")
def texts(documents: dict[Path, tuple[str, str]]) -> dict[Path, PdfText]:
    return {path: extract(path, lang) for path, (lang, _) in documents.items()}


# -- which files, opened -------------------------------------------------------------


def test_every_agency_with_a_duty_sheet_has_it_as_pdf_and_every_plan_its_full_text(built_site: Path) -> None:
    spreadsheets = {path.with_suffix(".pdf") for path in (built_site / "data" / "duty-sheets").glob("*.xlsx")}
    assert set(duty_sheets(built_site).values()) == spreadsheets
    assert {(LABOUR, "vi"), (LABOUR, "en")} <= set(duty_sheets(built_site))
    assert all(path.is_file() for path in full_texts(built_site).values())
    assert set((built_site / "data").rglob("*.pdf")) == spreadsheets | set(full_texts(built_site).values())


def test_every_pdf_opens_is_a4_and_carries_its_title_language_and_the_build_date(
    documents: dict[Path, tuple[str, str]], texts: dict[Path, PdfText]
) -> None:
    for path, (lang, _) in documents.items():
        reader = PdfReader(path)
        assert reader.pages, path.name
        for page in reader.pages:
            assert (float(page.mediabox.width), float(page.mediabox.height)) == pytest.approx(A4, abs=0.5), path.name
        meta = reader.metadata
        assert meta is not None and meta.title, path.name
        assert str(reader.root_object["/Lang"]) == lang, path.name
        created, modified = meta.creation_date, meta.modification_date
        assert created is not None and created == modified, path.name
        # The date on every page is the metadata's: the build's date, never the clock's
        # (tests/test_build.py builds twice and compares the bytes).
        # Vietnamese as Decree 30/2020 writes dates: a day below 10 and a month below 3 with a 0.
        month = f"{created.month:02d}" if created.month < 3 else str(created.month)
        printed = f"{created.day:02d}/{month}/{created.year}" if lang == "vi" else f"{created.day} {created:%B} {created.year}"
        assert {footer.date for footer in texts[path].footers} == {printed}, path.name


def test_every_font_is_embedded_and_is_noto_serif(documents: dict[Path, tuple[str, str]]) -> None:
    if PDFFONTS is None:
        pytest.fail("pdffonts is missing: make test installs poppler-utils (make test-packages)")
    for path in documents:
        listing = subprocess.run([PDFFONTS, str(path)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
        assert listing, path.name
        for font in listing:
            name, *_, embedded, subset, unicode, _, _ = font.split()
            assert (embedded, subset, unicode) == ("yes", "yes", "yes"), (path.name, font)
            assert re.fullmatch(r"[A-Z]{6}\+Noto-Serif(-Bold|-Italic|-Bold-Italic)?", name), (path.name, font)


def test_each_pdf_is_within_its_size_budget_and_a_duty_sheet_within_two_pages(built_site: Path) -> None:
    for path in full_texts(built_site).values():
        assert path.stat().st_size <= FULL_TEXT_BUDGET, (path.name, path.stat().st_size)
    for path in duty_sheets(built_site).values():
        assert path.stat().st_size <= DUTY_SHEET_BUDGET, (path.name, path.stat().st_size)
        assert len(PdfReader(path).pages) <= DUTY_SHEET_PAGES, path.name


# -- what every page says ------------------------------------------------------------


def test_every_page_says_where_it_was_copied_from_that_only_the_original_has_legal_force_and_its_number(
    documents: dict[Path, tuple[str, str]], texts: dict[Path, PdfText]
) -> None:
    for path, (_, address) in documents.items():
        footers = texts[path].footers
        assert [(f.page, f.pages) for f in footers] == [(n, len(footers)) for n in range(1, len(footers) + 1)], path.name
        assert {f.address for f in footers} == {address}, path.name


def test_the_first_page_says_where_the_plan_stands(documents: dict[Path, tuple[str, str]], texts: dict[Path, PdfText]) -> None:
    summary = SITE_SETTINGS["plans"][PLAN_ID]["status_summary"]
    for path, (lang, _) in documents.items():
        assert re.search(flexible(summary[lang]), texts[path].pages[0]), path.name


# -- the full text -------------------------------------------------------------------


def test_the_full_text_holds_every_official_paragraph_word_for_word_in_order(
    built_site: Path, texts: dict[Path, PdfText], official_text: str
) -> None:
    paragraphs = units(official_text)
    assert len(paragraphs) == 130
    missing = missing_in_order(texts[full_texts(built_site)["vi"]].body, paragraphs)
    assert not missing, "not in the PDF word for word:\n" + "\n".join(missing)


def english_texts() -> list[str]:
    """Every English text of the full text, in the document's order, from the data as YAML."""

    def en(text: dict[str, str]) -> str:
        return text["en"].replace("*", "")

    def names(ids: list[str]) -> str:
        return "; ".join(AGENCIES[a]["name"]["en"] for a in ids) + "."

    purposes, objectives, implementation = PLAN["purposes"], PLAN["objectives"], PLAN["implementation"]
    found = [en(PLAN["doc_type"]), en(PLAN["title"]), en(PLAN["preamble"]), en(purposes["heading"])]
    for part in purposes["parts"]:
        found += [en(part["heading"]), *map(en, part.get("paragraphs", [])), *map(en, part.get("bullets", []))]
    specific = objectives["specific"]
    found += [en(objectives["heading"]), en(objectives["general"]["heading"]), en(objectives["general"]["text"])]
    found += [en(specific["heading"]), en(specific["targets"]["heading"]), *(en(bullet["text"]) for bullet in TARGETS["bullets"])]
    found += [en(specific["vision"]["heading"]), en(specific["vision"]["text"]), en(PLAN["tasks_section"]["heading"])]
    for area in TASKS["areas"]:
        found.append(en(area["title"]))
        for block in area["blocks"]:
            found += [en(task["text"]) for task in block["tasks"]]
            found += [names(block["lead"]), names(block["coordinate"]), en(block["timeline"]["text"])]
    found += [en(implementation["heading"]), *(en(item["text"]) for item in implementation["items"])]
    found += [en(PLAN["recipients"]["heading"]), *(en(item["text"]) for item in PLAN["recipients"]["items"])]
    return [*found, *map(en, PLAN["signature"]["authority"]), PLAN["signature"]["signer"]]


def test_the_english_full_text_holds_every_english_text_in_order(built_site: Path, texts: dict[Path, PdfText]) -> None:
    missing = missing_in_order(texts[full_texts(built_site)["en"]].body, english_texts())
    assert not missing, "not in the English PDF:\n" + "\n".join(missing)


def test_the_full_text_opens_with_the_motto_and_the_issuing_body_as_the_standard_form_sets_them(
    built_site: Path, texts: dict[Path, PdfText]
) -> None:
    """Decree 30/2020's heading, before the plan's number; the note at the end says where it comes from."""
    heading = {
        "vi": ["ỦY BAN NHÂN DÂN", "HUYỆN MINH LONG", "Số: 81/KH-UBND", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"],
        "en": [
            "MINH LONG DISTRICT PEOPLE'S COMMITTEE",
            "No.: 81/KH-UBND",
            "SOCIALIST REPUBLIC OF VIET NAM",
            "Independence - Freedom - Happiness",
        ],
    }
    decree = {"vi": "Nghị định số 30/2020/NĐ-CP", "en": "Decree No. 30/2020/ND-CP"}
    for lang, path in full_texts(built_site).items():
        assert not missing_in_order(texts[path].pages[0], heading[lang]), lang
        assert not missing_in_order(texts[path].body, [PLAN["signature"]["signer"], decree[lang]]), lang


# -- the duty sheets -----------------------------------------------------------------


@pytest.mark.parametrize("lang", CODES)
def test_the_labour_office_sheet_lists_what_it_leads_with_partners_and_when_it_reports(
    built_site: Path, texts: dict[Path, PdfText], lang: str
) -> None:
    text = texts[duty_sheets(built_site)[LABOUR, lang]].body
    led = [(block, task) for block, task in raw_tasks() if LABOUR in block["lead"]]
    heading = {"vi": f"Chủ trì ({len(led)})", "en": f"Lead ({len(led)})"}[lang]
    assert re.search(flexible(heading), text), heading
    for block, task in led:
        # The plan's number as printed ("2.1."), the editors' in square brackets ("[5.2]").
        number = shown_number(task)
        assert re.search(flexible(f"{number}{'' if number.startswith('[') else '.'} {task['title'][lang]}"), text), task["id"]
        partners = [AGENCIES[a]["name"][lang] for a in block["lead"] if a != LABOUR]
        assert all(re.search(flexible(name), text) for name in partners), task["id"]
    reporting = PLAN["implementation"]["reporting"]
    assert re.search(flexible(reporting["deadline_text"][lang]), text)
    assert re.search(flexible(AGENCIES[reporting["to"]]["name"][lang]), text)


# -- the links -----------------------------------------------------------------------


@pytest.mark.parametrize("lang", CODES)
def test_the_full_text_and_agency_pages_link_to_their_pdf_with_its_size(built_site: Path, lang: str) -> None:
    pages = {
        f"plans/{PLAN_ID}/full-text/": f"data/{PLAN_ID}/{PLAN_ID}-{lang}.pdf",
        f"agencies/{LABOUR}/": f"data/duty-sheets/{LABOUR}-{lang}.pdf",
    }
    for path, pdf in pages.items():
        url = LANGUAGES[lang].prefix + path
        article = read_page(built_site, url).article()
        (link,) = [link for link in article.links() if resolve(url, link.href)[0] == pdf]
        assert "download" in link.attrs and "PDF" in link.text, (url, link.text)
        size = (built_site / pdf).stat().st_size
        # One decimal, none when it is 0 ("76,5 kB", "77 kB").
        shown = f"{size / 1000:.1f}".removesuffix(".0") + " kB"
        assert (shown.replace(".", ",") if lang == "vi" else shown) in article.words(), (url, size)


# -- the typesetter ------------------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        '<img src="https://example.org/tracker.png">',
        '<link rel="stylesheet" href="https://example.org/style.css">',
        '<img src="file:///etc/hostname">',
        '<p style="background: url(http://example.org/x.png)">x</p>',
    ],
)
def test_the_typesetter_fetches_nothing_but_its_fonts(html: str) -> None:
    with pytest.raises(PdfError, match="may load only their fonts"):
        Typesetter().pdf("test.pdf", f"<!DOCTYPE html><html lang=en><body>{html}</body></html>")


def test_a_layout_weasyprint_ignores_stops_the_build() -> None:
    with pytest.raises(PdfError, match=r"test\.pdf: WeasyPrint could not lay it out"):
        Typesetter().pdf("test.pdf", '<!DOCTYPE html><html lang=en><body><p style="colour: red">x</p></body></html>')


def test_the_cache_gives_back_what_was_laid_out_for_the_same_inputs_and_keeps_only_that(tmp_path: Path) -> None:
    html = "<!DOCTYPE html><html lang=vi><body><p>{}</p></body></html>"
    first = Typesetter(tmp_path)
    made = first.pdf("a.pdf", html.format("Độc lập - Tự do - Hạnh phúc"))
    first.pdf("b.pdf", html.format("b"))
    entry_a, _ = sorted(tmp_path.iterdir(), key=lambda path: path.read_bytes() != made)
    entry_a.write_bytes(b"%PDF- from the cache")  # what a second build reads, not lays out again
    second = Typesetter(tmp_path)
    assert second.pdf("a.pdf", html.format("Độc lập - Tự do - Hạnh phúc")) == b"%PDF- from the cache"
    second.prune()
    assert list(tmp_path.iterdir()) == [entry_a]
