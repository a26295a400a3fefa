"""The property behind SECURITY.md: nothing typed into the data runs, anywhere it is published.

One hostile string goes into every text of every data file, in both languages (with a
formula at the start of the Vietnamese texts and Markdown block syntax at the start of
the English ones); the site is built once, and every file it publishes is read back:
pages (body, <title>, navigation, attributes, JSON-LD), the sitemap, CSV, JSON, XLSX and
iCalendar files. The hostile text must come out as text and nowhere as markup, a
template result, a formula or a calendar property. The built pages are then opened in
Chromium, search included: no script of the data runs and no security policy is broken.

The few texts that must stay equal to another (agency spellings and the assignment
lines that name them) or be found in another (a target's clause in its bullet, a
sub-task's title in its text, a group's ``named_as`` in its items' texts) are changed
only where the change keeps that true, so the data still passes the check and the build
is the real one; each group names the hostile text too, so that its page marks it.
"""

from __future__ import annotations

import csv
import dataclasses
import html
import json
import re
import shutil
import subprocess
import urllib.parse
import zlib
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import icalendar
import openpyxl
import pytest
import yaml
from conftest import DATA as DATA_DIR
from conftest import PLAN_ID
from playwright.sync_api import Browser, Dialog
from pypdf import PdfReader
from toolkit.plans import make_plans
from toolkit.server import serve
from toolkit.site import Build, SiteBuilder

from plansite import csp
from plansite.checks import strip_emphasis
from plansite.languages import CODES
from plansite.load import SiteData, load_site
from plansite.opendata.files import export
from plansite.pages import navigation, write_pages
from plansite.render import Renderer
from plansite.routes import RouteConflict
from plansite.strings import load_strings

# Tags, an event handler, script and image links, both Jinja forms and a comment, a
# formula, and the closing tags that end raw-text elements. 7*191 is 1337, which no
# output may contain (the data holds no such number).
HOSTILE = (
    "<script>alert(1)</script><img src=x onerror=alert(2)> [a](javascript:alert(3)) ![i](javascript:alert(4)) "
    '<a href="javascript:alert(5)">l</a> {{ 7*191 }} {% if true %}JINJA-BLOCK{% endif %} {# JINJA-COMMENT #} '
    "</title></textarea></script><!-- c --> \\nX-INJECTED:1; a,b Plan;=1+1;=cmd|' /C calc'!A0 "
)
FORMULA = '=HYPERLINK("http://e.invalid","x") '
# Markdown block syntax, one per English text (chosen by the text), at the start of a line.
BLOCKS = ("# ", "- ", "> ", "1. ", "| a | b | ", "    ", "```", "--- ", "<div>", "* ", "+ ", "=== ")
# Keys whose values are ids or closed values: left alone.
STRUCTURAL = {"id", "kind", "issuer", "implements", "lead", "coordinate", "mentions", "addressed_to", "from", "to", "via"}
STRUCTURAL |= {"agency", "member_of", "unit", "comparator", "basis"}
# groups.yml: the ids of the targets and sub-tasks of each group (the same keys elsewhere hold records, not texts).
STRUCTURAL |= {"targets", "tasks", "related"}
# site.yml: addresses checked against a closed alphabet (a hostile one stops the load).
STRUCTURAL |= {"repository", "branch"}
# plan.yml: the languages a plan is translated into (codes of languages.yml).
STRUCTURAL |= {"translations"}
# Texts another text must equal or contain; changed only where the check stays true.
KEPT = {"spellings", "lead_text", "coordinate_text", "named_as"}
# groups.yml: words a group's page marks where they occur in its items' texts, which all
# hold the hostile text; split at its one "*", which the check and the page's emphasis
# read as the plan's italic marker.
MARKED = [part.strip() for part in HOSTILE.split("*")]


# The made-up contact and repository the hostile site is built with (no address is
# hostile: site.yml's checks refuse one, tests/test_site_settings.py).
CONTACT = {"email": "gopy@example.org", "telephone": "0210 1234 567"}
REPOSITORY = "https://github.com/minh-long/ke-hoach-81"


def hostile(value: str, lang: str | None) -> str:
    if lang == "en":
        # Chosen by the text's first word, so that a title and the text it opens get the same.
        block = BLOCKS[zlib.crc32(strip_emphasis(value).split(" ")[0].encode()) % len(BLOCKS)]
        return block + HOSTILE + value
    return FORMULA + HOSTILE + value


def transform(node: Any, *, key: str | None = None, lang: str | None = None, keep: bool = False) -> Any:
    """Every text of a YAML tree made hostile, but ids, closed values and ``KEPT`` texts."""
    if isinstance(node, dict):
        return {k: transform(v, key=k, lang=k if k in CODES else lang, keep=keep or k in KEPT) for k, v in node.items()}
    if isinstance(node, list):
        return [transform(item, key=key, lang=lang, keep=keep) for item in node]
    if isinstance(node, str) and key not in STRUCTURAL and not keep:
        return hostile(node, lang)
    return node


def make_hostile(data: Path) -> None:
    agency_names = {a["name"]["vi"] for a in yaml.safe_load((data / "agencies.yml").read_text(encoding="utf-8"))["agencies"]}
    for path in sorted(data.rglob("*.yml")):
        tree = yaml.safe_load(path.read_text(encoding="utf-8"))
        new = transform(tree)
        if path.name == "targets.yml":
            for old_bullet, bullet in zip(tree["bullets"], new["bullets"], strict=True):
                for old, target in zip(old_bullet["targets"], bullet["targets"], strict=True):
                    for lang in CODES:
                        if not old_bullet["text"][lang].startswith(old["clause"][lang]):
                            target["clause"][lang] = old["clause"][lang]
        if path.name == "tasks.yml":
            for old_area, area in zip(tree["areas"], new["areas"], strict=True):
                for old_block, block in zip(old_area["blocks"], area["blocks"], strict=True):
                    for old, task in zip(old_block["tasks"], block["tasks"], strict=True):
                        for lang in CODES:
                            if not strip_emphasis(old["text"][lang]).startswith(strip_emphasis(old["title"][lang])):
                                task["title"][lang] = old["title"][lang]
        if path.name == "groups.yml":
            for group in new["groups"]:
                group["named_as"] = [*group.get("named_as", []), *({lang: part for lang in CODES} for part in MARKED)]
        if path.name == "glossary.yml":
            # A term names an agency by its name (changed) or by a spelling (kept).
            for old, term in zip(tree["terms"], new["terms"], strict=True):
                if old["vi"] not in agency_names:
                    term["vi"] = old["vi"]
        path.write_text(yaml.dump(new, Dumper=_NoAliases, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")


class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True


@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory: pytest.TempPathFactory, site_builder: SiteBuilder) -> Build:
    work = tmp_path_factory.mktemp("hostile")
    data = work / "data"
    shutil.copytree(Path(__file__).resolve().parent.parent / "data", data)
    make_hostile(data)
    # A made-up contact and repository: every page then offers all its ways of feedback.
    with (data / "site.yml").open("a", encoding="utf-8") as settings:
        settings.write(f"contact:\n  email: {CONTACT['email']}\n  telephone: {CONTACT['telephone']}\n")
    build = site_builder(data, work, {"REPOSITORY_URL": REPOSITORY})
    assert build.returncode == 0, build.output
    return build


# -- the pages -----------------------------------------------------------------


class _Page(HTMLParser):
    """Elements with their attributes, the text of <title>, scripts' texts, and all text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.title = ""
        self.text: list[str] = []
        self._in: str | None = None
        self._script_attrs: dict[str, str | None] = {}
        self._script: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))
        if tag in ("script", "title"):
            self._in = tag
            self._script_attrs, self._script = dict(attrs), []

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in == "script":
            self.scripts.append((self._script_attrs, "".join(self._script)))
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "script":
            self._script.append(data)
        elif self._in == "title":
            self.title += data
        else:
            self.text.append(data)


def pages(site: Path) -> Iterator[tuple[Path, _Page, str]]:
    for path in sorted(site.rglob("*.html")):
        raw = path.read_text(encoding="utf-8")
        parser = _Page()
        parser.feed(raw)
        parser.close()
        yield path, parser, raw


def test_no_output_holds_a_template_result(hostile_build: Build) -> None:
    outputs = [path for path in sorted(hostile_build.site.rglob("*")) if path.suffix in {".html", ".xml", ".csv", ".json", ".ics"}]
    assert {path.suffix for path in outputs} == {".html", ".xml", ".csv", ".json", ".ics"}
    for path in outputs:
        assert "1337" not in path.read_text(encoding="utf-8"), path


def test_pages_show_the_hostile_text_as_text_and_nowhere_as_markup(hostile_build: Build) -> None:
    titles_with_markup_as_text = 0
    for path, page, raw in pages(hostile_build.site):
        where = path.relative_to(hostile_build.site)
        for tag, attrs in page.elements:
            assert not any(name.startswith("on") for name in attrs), (where, tag, attrs)
            for name in ("href", "src", "action", "formaction"):
                assert not (attrs.get(name) or "").strip().lower().startswith("javascript:"), (where, tag, attrs)
            assert not (tag == "img" and attrs.get("src") == "x"), where
        for attrs, text in page.scripts:
            if attrs.get("type") in ("application/json", "application/ld+json"):
                json.loads(text)  # still one JSON value: nothing broke out of it
            else:
                assert "src" in attrs or csp.known(text), (where, text[:80])
        if path.name != "404.html":
            assert "{{ 7*191 }}" in "".join(page.text), where
        titles_with_markup_as_text += "<script>alert(1)</script>" in page.title
        assert "JINJA-BLOCK" not in raw or "{% if true %}JINJA-BLOCK{% endif %}" in html.unescape(raw), where
    assert titles_with_markup_as_text > 0


def test_group_pages_mark_the_hostile_words_as_text(hostile_build: Build) -> None:
    for lang_root in (hostile_build.site, hostile_build.site / "en"):
        page = (lang_root / "plans" / PLAN_ID / "groups" / "ho-ngheo" / "index.html").read_text(encoding="utf-8")
        marks = [html.unescape(mark) for mark in re.findall(r"<mark>(.*?)</mark>", page)]
        assert set(MARKED) <= set(marks), lang_root


def test_the_navigation_shows_the_plan_number_as_text(hostile_build: Build) -> None:
    home = (hostile_build.site / "index.html").read_text(encoding="utf-8")
    nav = home[home.index('<nav class="md-nav md-nav--primary') :]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in nav[: nav.index("</nav>")]


def test_json_ld_keeps_the_hostile_text_as_data(hostile_build: Build) -> None:
    found = 0
    for path, page, _ in pages(hostile_build.site):
        for attrs, text in page.scripts:
            if attrs.get("type") == "application/ld+json":
                assert "</script" not in text.lower(), path
                found += HOSTILE.split(" ")[0] in json.dumps(json.loads(text), ensure_ascii=False)
    assert found > 0


def test_the_sitemap_is_well_formed(hostile_build: Build) -> None:
    ElementTree.parse(hostile_build.site / "sitemap.xml")


def test_every_page_offers_the_contact_first_then_github(hostile_build: Build) -> None:
    """With a contact in site.yml: on every page "Góp ý, báo lỗi" offers a message (the
    page's title, hostile here, in the subject and its address in the body, both
    percent-encoded and read back intact) and a call, then GitHub's issue and editor; the
    footer links to both addresses."""
    strings = load_strings()
    checked = hostile_subjects = 0
    for path, page, raw in pages(hostile_build.site):
        lang = "en" if path.relative_to(hostile_build.site).parts[0] == "en" else "vi"
        links = [(attrs.get("class") or "", attrs.get("href") or "") for tag, attrs in page.elements if tag == "a"]
        actions = [(kind.removeprefix("plansite-actions__"), href) for kind, href in links if kind.startswith("plansite-actions__")]
        assert [kind for kind, _ in actions] == ["mail", "telephone", "feedback", "edit"], path
        mail = urllib.parse.urlsplit(actions[0][1])
        assert (mail.scheme, mail.path) == ("mailto", CONTACT["email"])
        assert "/" not in mail.query, "mailto: percent-encodes every reserved character (RFC 6068)"
        query = urllib.parse.parse_qs(mail.query)
        if path.name != "404.html":
            # <title> is "{the page's title} - {the site's name}", and the name has no " - ".
            title = page.title.rsplit(" - ", 1)[0]
            assert query["subject"] == [str(strings[lang]["feedback_title"]) + title], path
            canonical = next(attrs["href"] for tag, attrs in page.elements if tag == "link" and attrs.get("rel") == "canonical")
            assert f"{strings[lang]['feedback_address']}{canonical}\r\n" in query["body"][0], path
            hostile_subjects += "<script>alert(1)</script>" in query["subject"][0]
        assert actions[1][1] == "tel:+842101234567"
        assert actions[2][1].startswith(REPOSITORY + "/issues/new?title=") and actions[3][1].startswith(REPOSITORY + "/")
        assert f'<a href="mailto:{CONTACT["email"]}">{CONTACT["email"]}</a>' in raw, f"{path}: the footer's address"
        checked += 1
    assert checked > 90 and hostile_subjects > 80


# -- the open data ---------------------------------------------------------------


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_no_csv_cell_is_a_formula(hostile_build: Build, separator: str) -> None:
    """Read as a spreadsheet with each usual list separator reads it (Excel in Vietnamese
    splits a comma-separated file at ";", quotes or not): "Plan;=1+1;=cmd|..." is written
    "Plan;'=1+1;'=cmd|...", so no piece of it starts a formula."""
    cells = 0
    for path in sorted((hostile_build.site / "data").rglob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle, delimiter=separator):
                for cell in row:
                    assert not re.match(r"^[=+@\t\r]", cell) and not re.match(r"^-\D", cell), (path, cell[:60])
                    cells += separator == "," and cell.startswith("'=HYPERLINK") and "Plan;'=1+1;'=cmd|" in cell
    assert cells > 0 or separator != ",", "the hostile formula reached no CSV cell"


def test_no_workbook_cell_is_a_formula(hostile_build: Build) -> None:
    texts = 0
    for path in sorted((hostile_build.site / "data").rglob("*.xlsx")):
        book = openpyxl.load_workbook(path)
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (path, sheet.title, cell.coordinate)
                    texts += isinstance(cell.value, str) and cell.value.startswith("=HYPERLINK")
    assert texts > 0, "the hostile formula reached no workbook cell"


def test_json_files_hold_the_hostile_text_as_data(hostile_build: Build) -> None:
    files = sorted((hostile_build.site / "data").rglob("*.json"))
    assert files
    for path in files:
        rows = json.loads(path.read_text(encoding="utf-8"))
        assert any(isinstance(v, str) and HOSTILE in v for row in rows for v in row.values()), path


def test_calendar_files_add_no_property_and_keep_the_text(hostile_build: Build) -> None:
    files = sorted((hostile_build.site / "data").rglob("*.ics"))
    assert files
    for path in files:
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        for component in calendar.walk():
            assert "X-INJECTED" not in component, path
            if component.name == "VEVENT":
                assert "\\nX-INJECTED:1; a,b" in str(component["DESCRIPTION"]), path


def test_pdf_documents_show_the_hostile_text_as_text_and_hold_no_action(hostile_build: Build) -> None:
    """The PDFs' HTML is escaped: the tags come out as characters on the page (white space
    aside, where lines break), no template is evaluated, and no link or script is made."""
    files = sorted((hostile_build.site / "data").rglob("*.pdf"))
    assert len(files) > 2
    for path in files:
        done = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True)
        text = "".join(done.stdout.split())
        assert "<script>alert(1)</script><imgsrc=xonerror=alert(2)>" in text, path.name
        assert "{{7*191}}" in text and "1337" not in text, path.name
        reader = PdfReader(path)
        catalog = reader.root_object
        names = catalog.get("/Names")
        assert "/OpenAction" not in catalog and "/AA" not in catalog, path.name
        assert names is None or "/JavaScript" not in names.get_object(), path.name
        assert not any("/Annots" in page for page in reader.pages), path.name  # no link, no action


# -- in the browser ----------------------------------------------------------------


def test_no_script_of_the_data_runs_in_the_browser(hostile_build: Build, browser: Browser) -> None:
    with serve(hostile_build.site, "/") as base:
        context = browser.new_context()
        page = context.new_page()
        dialogs: list[str] = []
        violations: list[str] = []

        def dismiss(dialog: Dialog) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", dismiss)
        page.expose_function("reportViolation", lambda text: violations.append(text))
        page.add_init_script(
            "document.addEventListener('securitypolicyviolation', e => reportViolation(e.violatedDirective + ' ' + e.blockedURI))"
        )
        for path in ("", f"plans/{PLAN_ID}/targets/", f"plans/{PLAN_ID}/area-5/", "agencies/phong-ldtbxh/", "en/", "glossary/"):
            page.goto(base + path)
            page.wait_for_load_state("networkidle")
        page.keyboard.press("/")
        page.keyboard.type("HYPERLINK", delay=40)
        page.wait_for_timeout(2000)
        assert page.locator("img[src='x']").count() == 0
        context.close()
    assert not dialogs, dialogs
    assert not violations, violations


# -- what check accepts, the build makes (issue 19) --------------------------------


def test_plan_numbers_excel_cannot_name_a_sheet_with_still_make_every_file(tmp_path: Path) -> None:
    """A number beginning with an apostrophe, eleven pictographs, two plans numbered
    81/KH-UBND (numbers restart every year), a group name of 200 letters: once an
    xlsxwriter error or a menu file MkDocs could not read, now the pages, each edition's
    menu (the long name cut there) and every open-data file are made."""
    data = tmp_path / "data"
    make_plans(DATA_DIR, data, 3)
    numbers = ["'81/KH-UBND", "81/KH-UBND", "🙂" * 11 + "/KH-UBND"]
    for folder, number in zip(sorted((data / "plans").iterdir()), numbers, strict=True):
        plan = folder / "plan.yml"
        text = plan.read_text(encoding="utf-8")
        plan.write_text(re.sub(r"(?m)^number: .*$", f"number: {json.dumps(number, ensure_ascii=False)}", text, count=1), encoding="utf-8")
    groups = sorted((data / "plans").iterdir())[0] / "groups.yml"
    tree = yaml.safe_load(groups.read_text(encoding="utf-8"))
    tree["groups"][0]["name"]["vi"] = "Ă" * 200
    groups.write_text(yaml.safe_dump(tree, allow_unicode=True, sort_keys=False), encoding="utf-8")
    site = load_site(data)
    write_pages(site, tmp_path / "docs", tmp_path / "build")
    renderer = Renderer(site)
    menus = {lang: str(navigation(renderer, lang)) for lang in CODES}
    assert "Ă" * 99 + "…" in menus["vi"] and "Ă" * 100 not in menus["vi"]
    export(site, tmp_path / "out")
    book = openpyxl.load_workbook(tmp_path / "out" / "duty-sheets" / "phong-ldtbxh-vi.xlsx")
    assert book.sheetnames == ["81-KH-UBND", "81-KH-UBND (2)", "🙂" * 11 + "-KH-UBND"]


def test_two_pages_on_one_path_stop_the_build_naming_both(site_data: SiteData, tmp_path: Path) -> None:
    """check refuses the id "index"; were one to get through, the build would stop rather
    than let one page replace the other (the agencies' index once showed one agency)."""
    agency = next(iter(site_data.agencies.values())).model_copy(update={"id": "index"})
    site = dataclasses.replace(site_data, agencies={**site_data.agencies, "index": agency})
    with pytest.raises(RouteConflict) as caught:
        write_pages(site, tmp_path / "docs", tmp_path / "build")
    assert str(caught.value) == "two outputs would be written to agencies/index.md: the agencies page and the agency page (agency 'index')"
    assert not (tmp_path / "docs").exists()
