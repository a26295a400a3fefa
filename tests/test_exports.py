"""The downloads: XLSX workbooks, iCalendar files, the downloads page and its data dictionary.

The workbooks are read back with openpyxl and compared with the CSV files (which
test_open_data checks against the official text) and with the YAML; the calendars
are parsed with icalendar and expanded with dateutil.
"""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import re
from pathlib import Path
from typing import Any

import icalendar
import openpyxl
import pytest
from conftest import PLAN_ID, plain_strings
from dateutil.rrule import rrulestr
from openpyxl.utils import get_column_letter
from rawdata import raw, raw_tasks
from toolkit.html import Element, read_page, resolve

from plansite.languages import CODES, LANGUAGES
from plansite.load import SiteData
from plansite.opendata.dictionary import dictionary
from plansite.opendata.files import write_exports

AGENCIES: dict[str, dict[str, Any]] = {a["id"]: a for a in raw("agencies.yml")["agencies"]}
PLAN = raw("plan.yml")
REPORTING = PLAN["implementation"]["reporting"]


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def as_csv(value: object) -> str:
    """A cell's value written the way the CSV writes it."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


@pytest.fixture(scope="module")
def data_dir(built_site: Path) -> Path:
    return built_site / "data"


def check_sheet(sheet: Any, header: list[str], rows: list[list[str]]) -> None:
    """Every row and cell as given; bold frozen header; filter over all rows; sensible widths."""
    values = [[as_csv(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    assert values[0] == header, sheet.title
    assert values[1:] == rows, sheet.title
    assert all(cell.font.b for cell in sheet[1]), sheet.title
    assert sheet.freeze_panes == "A2", sheet.title
    assert sheet.auto_filter.ref == f"A1:{get_column_letter(len(header))}{len(rows) + 1}", sheet.title
    # XlsxWriter writes one <col> for a run of columns alike; openpyxl keeps it under the first.
    widths = {i: d.width for d in sheet.column_dimensions.values() for i in range(d.min, d.max + 1)}
    for index, name in enumerate(header, start=1):
        width = widths[index]
        longest = max(len(name), *(len(row[index - 1]) for row in rows)) if rows else len(name)
        assert min(longest, 60) <= width <= 62, (sheet.title, name, width)


def test_the_plan_workbook_holds_every_row(data_dir: Path) -> None:
    book = openpyxl.load_workbook(data_dir / PLAN_ID / f"{PLAN_ID}.xlsx")
    assert book.sheetnames == ["tasks", "targets", "responsibilities", "agencies", "columns"]
    for name in ("tasks", "targets", "responsibilities", "agencies"):
        path = data_dir / (f"{name}.csv" if name == "agencies" else f"{PLAN_ID}/{name}.csv")
        rows = read_csv(path)
        header = list(rows[0])
        check_sheet(book[name], header, [[row[c] for c in header] for row in rows])
    # Vietnamese text intact: the official wording, character for character.
    texts = [row[6] for row in book["tasks"].iter_rows(min_row=2, values_only=True)]
    assert texts == [task["text"]["vi"] for _, task in raw_tasks()]
    names = {row[0]: row[1] for row in book["agencies"].iter_rows(min_row=2, values_only=True)}
    assert names == {agency_id: agency["name"]["vi"] for agency_id, agency in AGENCIES.items()}


def test_each_workbook_documents_its_columns(data_dir: Path) -> None:
    for path in [data_dir / PLAN_ID / f"{PLAN_ID}.xlsx", *sorted((data_dir / "agencies").glob("*.xlsx"))]:
        book = openpyxl.load_workbook(path)
        documented = {(row[0], row[1]): row for row in book["columns"].iter_rows(min_row=2, values_only=True)}
        for name in book.sheetnames[:-1]:
            header = next(book[name].iter_rows(max_row=1, values_only=True))
            for column in header:
                entry = documented[(name, column)]
                assert entry[2] in ("string", "integer", "number") and entry[4] and entry[5], (path.name, name, column)


def expected_roles(agency_id: str) -> list[tuple[str, str]]:
    """(sub-task, role) pairs of an agency, from tasks.yml: lead, coordinate, member, mentioned."""
    collectives = AGENCIES[agency_id].get("member_of", [])
    found = []
    for block, task in raw_tasks():
        if agency_id in block["lead"]:
            found.append((task["id"], "lead"))
        elif agency_id in block.get("coordinate", []):
            found.append((task["id"], "coordinate"))
        else:
            found += [(task["id"], "member") for c in collectives if c in block.get("coordinate", [])]
        if agency_id in task.get("mentions", []):
            found.append((task["id"], "mentioned"))
    return found


def test_every_agency_has_a_workbook_of_its_duties(data_dir: Path) -> None:
    assert sorted(p.stem for p in (data_dir / "agencies").glob("*.xlsx")) == sorted(AGENCIES)
    for agency_id in AGENCIES:
        book = openpyxl.load_workbook(data_dir / "agencies" / f"{agency_id}.xlsx")
        assert book.sheetnames == ["duties", "implementation", "reporting", "columns"]
        duties = book["duties"]
        header = [c.value for c in duties[1]]
        rows = [dict(zip(header, row, strict=True)) for row in duties.iter_rows(min_row=2, values_only=True)]
        assert [(r["task_id"], r["role"]) for r in rows] == expected_roles(agency_id), agency_id
        for sheet in book:
            assert sheet.freeze_panes == "A2" and all(cell.font.b for cell in sheet[1]), (agency_id, sheet.title)


def calendar(path: Path) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(path.read_bytes())


def check_yearly_report(event: Any, lang: str) -> None:
    start = event.decoded("dtstart")
    assert isinstance(start, dt.date) and not isinstance(start, dt.datetime)
    assert (start.year, start.month, start.day) == (REPORTING["first_year"], REPORTING["due_month"], REPORTING["due_day"])
    assert (start.month, start.day) <= (10, 30), "the plan asks for the report before 30 October"
    assert event["rrule"]["FREQ"] == ["YEARLY"]
    rule = rrulestr(event["rrule"].to_ical().decode(), dtstart=dt.datetime.combine(start, dt.time()))
    # Yearly while the issuing body operated, never after it ended (issue 21): a series of
    # its own length, not one that repeats for ever.
    ended = AGENCIES[PLAN["issuer"]]["ended"]  # YAML reads 2025-07-01 as a date
    expected = [start.replace(year=year) for year in range(start.year, ended.year + 1) if start.replace(year=year) < ended]
    assert [d.date() for d in itertools.islice(rule, len(expected) + 5)] == expected
    assert expected and expected[-1] < ended <= expected[-1].replace(year=expected[-1].year + 1)
    description = str(event["description"])
    assert REPORTING["what"][lang] in description and REPORTING["deadline_text"][lang] in description
    # Where the plan stands, and the date as the editors' reading, in every event.
    assert raw("site.yml")["plans"][PLAN_ID]["status_summary"][lang] in description
    assert plain_strings(lang)["reporting_due"].split("{deadline}")[0] in description


@pytest.mark.parametrize("lang", CODES)
def test_the_plan_calendar_recurs_yearly(data_dir: Path, lang: str) -> None:
    events = calendar(data_dir / PLAN_ID / f"{PLAN_ID}-{lang}.ics").walk("VEVENT")
    assert len(events) == 1
    check_yearly_report(events[0], lang)
    description = str(events[0]["description"])
    for agency_id in (*REPORTING["from"], REPORTING["to"], REPORTING["via"]):
        assert AGENCIES[agency_id]["name"][lang] in description, agency_id


@pytest.mark.parametrize("lang", CODES)
def test_an_agency_calendar_for_every_agency_with_a_deadline(data_dir: Path, lang: str) -> None:
    parties = {REPORTING["to"], REPORTING["via"], *REPORTING["from"]}
    concerned = {a for a, agency in AGENCIES.items() if parties & {a, *agency.get("member_of", [])}}
    assert {p.name.removesuffix(f"-{lang}.ics") for p in (data_dir / "agencies").glob(f"*-{lang}.ics")} == concerned
    for agency_id in concerned:
        events = calendar(data_dir / "agencies" / f"{agency_id}-{lang}.ics").walk("VEVENT")
        assert len(events) == 1, agency_id
        check_yearly_report(events[0], lang)


def test_exports_are_reproducible(tmp_path: Path, site_data: SiteData, data_dir: Path) -> None:
    """Two exports, and the one the site was built with, agree byte for byte."""
    first = {p.relative_to(tmp_path / "a"): p.read_bytes() for p in write_exports(site_data, tmp_path / "a")}
    second = {p.relative_to(tmp_path / "b"): p.read_bytes() for p in write_exports(site_data, tmp_path / "b")}
    assert first == second
    # The PDF documents beside them are the build's alone (tests/test_pdf.py).
    built = {p.relative_to(data_dir): p.read_bytes() for p in data_dir.rglob("*") if p.is_file() and p.suffix != ".pdf"}
    assert built == first


def test_a_stale_data_file_is_removed(tmp_path: Path, site_data: SiteData) -> None:
    stale = tmp_path / "agencies" / "phong-cu.xlsx"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    write_exports(site_data, tmp_path)
    assert not stale.exists()


def listed_files(page: Element, url: str) -> dict[str, int]:
    """The data files a page offers, each in an element (span or td) carrying its exact
    size in bytes, with the size each is listed with; the size shown to people agrees
    with the bytes: "850 B", "12,3 kB" (1 kB = 1000 bytes)."""
    listed = {}
    for sized in page.iter("span", "td"):
        if "data-bytes" not in sized.attrs:
            continue
        size = int(sized.attrs["data-bytes"])
        (link,) = sized.links()
        listed[resolve(url, link.href)[0]] = size
        shown = re.search(r"([\d.,]+) (k?B)\b", sized.words())
        assert shown is not None, sized.html
        value = float(shown.group(1).replace(",", ".")) * (1000 if shown.group(2) == "kB" else 1)
        assert abs(value - size) <= 50, (size, shown.group(0))
    return listed


@pytest.mark.parametrize("lang", CODES)
def test_the_downloads_page_lists_every_file_with_its_size(built_site: Path, data_dir: Path, lang: str) -> None:
    url = f"{LANGUAGES[lang].prefix}downloads/"
    files = {f"data/{p.relative_to(data_dir).as_posix()}": p.stat().st_size for p in data_dir.rglob("*") if p.is_file()}
    assert listed_files(read_page(built_site, url).article(), url) == files


@pytest.mark.parametrize("lang", CODES)
def test_the_downloads_page_lists_files_by_who_needs_them(built_site: Path, data_dir: Path, lang: str) -> None:
    """Agency staff find their duty sheets and calendars together; the tables made for
    programs are apart, labelled as data, with the data dictionary one link away."""
    url = f"{LANGUAGES[lang].prefix}downloads/"
    page = read_page(built_site, url).article()
    people, data = page.section("people"), page.section("data")
    assert people is not None and data is not None
    for_people, for_data = listed_files(people, url), listed_files(data, url)
    assert set(for_people) == {
        f"data/{p.relative_to(data_dir).as_posix()}"
        for p in data_dir.rglob("*")
        if p.is_file() and (p.suffix in (".ics", ".pdf") or "duty-sheets" in p.parts)
    }
    assert not any(path.endswith(".ics") or "/duty-sheets/" in path for path in for_data)
    assert all(path.endswith((".csv", ".json", ".xlsx")) for path in for_data)
    assert plain_strings(lang)["duty_sheet"] in people.words()
    assert ("dữ liệu" in data.words().lower()) if lang == "vi" else ("data" in data.words().lower())
    assert any(resolve(url, link.href)[0] == f"{LANGUAGES[lang].prefix}data-dictionary/" for link in page.links())
    # The data dictionary is not on this page any more: its own page holds it.
    assert page.section("columns-tasks") is None


@pytest.mark.parametrize("lang", CODES)
def test_the_agency_page_offers_its_duty_sheet_by_name(built_site: Path, data_dir: Path, lang: str) -> None:
    label = plain_strings(lang)["duty_sheet"]
    for agency_id in AGENCIES:
        url = f"{LANGUAGES[lang].prefix}agencies/{agency_id}/"
        sheet = data_dir / "duty-sheets" / f"{agency_id}-{lang}.xlsx"
        offered = [link for link in read_page(built_site, url).article().links() if link.text == label]
        assert len(offered) == sheet.is_file(), agency_id
        if offered:
            assert resolve(url, offered[0].href)[0] == f"data/duty-sheets/{agency_id}-{lang}.xlsx"
            assert "download" in offered[0].attrs


@pytest.mark.parametrize("lang", CODES)
def test_the_data_dictionary_describes_every_column(built_site: Path, data_dir: Path, lang: str) -> None:
    page = read_page(built_site, f"{LANGUAGES[lang].prefix}data-dictionary/").article()
    workbook = openpyxl.load_workbook(data_dir / "agencies" / "phong-ldtbxh.xlsx")
    tables: dict[str, list[dict[str, Any]]] = {p.stem: read_csv(p) for p in data_dir.rglob("*.csv")}
    for name in workbook.sheetnames[:-1]:
        header = [str(c.value) for c in workbook[name][1]]
        tables[name] = [dict(zip(header, row, strict=True)) for row in workbook[name].iter_rows(min_row=2, values_only=True)]
    strings = plain_strings(lang)
    for name, rows in tables.items():
        fragment = page.section(f"columns-{name}")
        assert fragment is not None and fragment.find("caption") is not None, name
        described = {}
        for name_cell, meaning_cell in fragment.table_rows()[1:]:
            code = name_cell.find("code")
            assert code is not None, name_cell.html
            column = code.text()
            described[column] = (name_cell.words().removeprefix(column).strip(), meaning_cell)
        assert list(described) == list(rows[0]), name
        for column, (kind, meaning_cell) in described.items():
            assert kind in {strings[f"type_{t}"] for t in ("string", "integer", "number")}, (name, column, kind)
            meaning, _, allowed = meaning_cell.words().partition(strings["column_allowed_label"])
            assert meaning.strip(), (name, column)
            if allowed:
                closed = {code.text() for code in meaning_cell.iter("code")} | ({""} if strings["empty_value"] in allowed else set())
                assert {as_csv(row[column]) for row in rows} <= closed, (name, column)


def test_every_column_has_a_meaning_in_both_languages() -> None:
    meanings = dictionary()
    for table, columns in meanings.columns.items():
        assert meanings.about[table].vi and meanings.about[table]["en"]
        for column, meaning in columns.items():
            assert meaning.vi.strip() and meaning["en"].strip() and meaning.vi != meaning["en"], (table, column)
