"""The duty sheets (issues 13 and 20): each agency's duties as a spreadsheet for people,
read back with openpyxl and compared with the YAML read as plain data: headings in words,
agencies by name (never by code), a title and a source line, the yearly report first, the
lead and coordinating agencies and the timeline on every row (or a cell saying the plan
gives none), an empty column for the results, rows as tall as their text, A4 landscape
one page wide with the heading row repeated on every printed page, and no formula
anywhere. Then LibreOffice Calc, headless, prints the Labour office's sheets as an office
would, and the PDF is read with poppler's pdftotext: every word of every cell printed, on
pages one page wide, at a readable size.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from conftest import PLAN_ID
from rawdata import raw, raw_tasks, shown_number

from plansite.languages import CODES
from plansite.strings import load_strings

AGENCIES: dict[str, dict[str, Any]] = {a["id"]: a for a in raw("agencies.yml")["agencies"]}
PLAN = raw("plan.yml")
REPORTING = PLAN["implementation"]["reporting"]
# The headings the issue asks for, in words; the English edition's in English.
HEADINGS = {
    "vi": ["STT", "Nhiệm vụ", "Nội dung", "Vai trò", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện", "Kết quả thực hiện"],
    "en": ["No.", "Sub-task", "Content", "Role", "Lead agency", "Coordinating agencies", "Timeline", "Results"],
}
# What a cell says where the plan names no agency or gives no timeline.
NOT_STATED = {"vi": "Kế hoạch không nêu", "en": "Not stated in the plan"}
ROLE_ORDER = ("lead", "coordinate", "member", "mentioned")
# The roles written out, as the issue asks ("Chủ trì"/"Phối hợp", not CT/PH).
LEAD = {"vi": "Chủ trì", "en": "Lead"}
COORDINATE = {"vi": "Phối hợp", "en": "Coordinate"}
DATE = PLAN["date"]
PRINTED_DATE = {"vi": f"{DATE.day}/{DATE.month}/{DATE.year}", "en": f"{DATE.day} {DATE:%B} {DATE.year}"}


@pytest.fixture(scope="module")
def sheets_dir(built_site: Path) -> Path:
    return built_site / "data" / "duty-sheets"


def task_duties(agency_id: str) -> list[tuple[str, str | None, dict[str, Any], dict[str, Any]]]:
    """(role, the group it has it through, block, task) of every sub-task that concerns
    the agency, by role."""
    collectives = AGENCIES[agency_id].get("member_of", [])
    found: list[tuple[str, str | None, dict[str, Any], dict[str, Any]]] = []
    for block, task in raw_tasks():
        if agency_id in block["lead"]:
            found.append(("lead", None, block, task))
        elif agency_id in block.get("coordinate", []):
            found.append(("coordinate", None, block, task))
        else:
            found += [("member", c, block, task) for c in collectives if c in block.get("coordinate", [])]
        if agency_id in task.get("mentions", []):
            found.append(("mentioned", None, block, task))
    return sorted(found, key=lambda duty: ROLE_ORDER.index(duty[0]))


def items(agency_id: str) -> list[dict[str, Any]]:
    names = {agency_id, *AGENCIES[agency_id].get("member_of", [])}
    return [item for item in PLAN["implementation"]["items"] if names & set(item["addressed_to"])]


def reports(agency_id: str) -> bool:
    names = {agency_id, *AGENCIES[agency_id].get("member_of", [])}
    return bool(names & {*REPORTING["from"], REPORTING["to"], REPORTING["via"]})


def names(ids: list[str], lang: str) -> str:
    return "; ".join(AGENCIES[a]["name"][lang] for a in ids)


def read_sheet(path: Path) -> tuple[Any, int, list[list[Any]]]:
    """The workbook's one sheet, the number of its heading row (from 1) and every row's values."""
    book = openpyxl.load_workbook(path)
    assert len(book.worksheets) == 1, path.name  # one plan, one sheet
    sheet = book.worksheets[0]
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    heading = next(i for i, row in enumerate(values, start=1) if row[0] in (HEADINGS["vi"][0], HEADINGS["en"][0]))
    return sheet, heading, values


def source_line(values: list[list[Any]], lang: str) -> int:
    """The index of the row that names the sheet's source ("Nguồn: …")."""
    opening = str(load_strings()[lang]["sheet_source"]).split("{")[0]
    return next(i for i, row in enumerate(values) if str(row[0] or "").startswith(opening))


def test_every_agency_with_something_to_do_has_a_duty_sheet_in_each_language(sheets_dir: Path) -> None:
    concerned = {a for a in AGENCIES if task_duties(a) or items(a) or reports(a)}
    assert "phong-ldtbxh" in concerned and "thuong-truc-huyen-uy" not in concerned
    assert {p.name for p in sheets_dir.glob("*.xlsx")} == {f"{a}-{lang}.xlsx" for a in concerned for lang in CODES}


def reporting_rows(agency_id: str) -> int:
    """How many parts of the yearly report fall to the agency: sending it (itself or as a
    member), receiving it, going through it."""
    names = {agency_id, *AGENCIES[agency_id].get("member_of", [])}
    return min(1, len(names & set(REPORTING["from"]))) + int(agency_id == REPORTING["to"]) + int(agency_id == REPORTING["via"])


@pytest.mark.parametrize("lang", CODES)
def test_a_duty_sheet_reads_in_words_with_names_not_codes(sheets_dir: Path, lang: str) -> None:
    for path in sorted(sheets_dir.glob(f"*-{lang}.xlsx")):
        agency_id = path.name.removesuffix(f"-{lang}.xlsx")
        sheet, heading, values = read_sheet(path)
        title = values[0][0]
        # Under the title, where things stand (issue 21): the agency's end first, when it has
        # ended, then the plan's status; then the source.
        source_row = source_line(values, lang)
        status, source = [row[0] for row in values[1:source_row]], values[source_row][0]
        assert status[-1].endswith(raw("site.yml")["plans"][PLAN_ID]["status_summary"][lang]), path.name
        assert (len(status) == 2) == ("ended" in AGENCIES[agency_id]), path.name
        assert AGENCIES[agency_id]["name"][lang] in title and PLAN["number"] in title, path.name
        assert PLAN["number"] in source and PRINTED_DATE[lang] in source, path.name
        assert AGENCIES[PLAN["issuer"]]["name"][lang] in source, path.name
        assert values[heading - 1] == HEADINGS[lang], path.name
        rows = values[heading:]
        assert [row[0] for row in rows] == list(range(1, len(rows) + 1)), path.name
        # Every row says who leads, who coordinates and when, and leaves the results empty.
        assert all(row[4] and row[5] and row[6] and row[7] is None for row in rows), path.name

        # The yearly report first, with its deadline and who sends or compiles it.
        report, rest = rows[: reporting_rows(agency_id)], rows[reporting_rows(agency_id) :]
        for row in report:
            assert REPORTING["deadline_text"][lang] in row[6] and row[5] == NOT_STATED[lang], (path.name, row)
            assert row[4] in (names(REPORTING["from"], lang), names([REPORTING["to"]], lang), names([REPORTING["via"]], lang))
        duties = task_duties(agency_id)
        for (role, via, block, task), row in zip(duties, rest, strict=False):
            task_id = task["id"]
            number = shown_number(task)
            assert row[1].startswith(number + ("." if number == task_id else "") + " "), (path.name, task_id)
            assert row[2] == task["text"][lang].replace("**", ""), (path.name, task_id)
            assert row[4] == names(block["lead"], lang), (path.name, task_id)
            assert row[5] == (names(block.get("coordinate", []), lang) or NOT_STATED[lang]), (path.name, task_id)
            assert row[6] == block["timeline"]["text"][lang], (path.name, task_id)
            if role == "lead":
                assert row[3] == LEAD[lang], (path.name, task_id)
            elif role == "coordinate":
                assert row[3] == COORDINATE[lang], (path.name, task_id)
            elif role == "member":
                assert via and row[3].startswith(COORDINATE[lang]) and AGENCIES[via]["name"][lang] in row[3], (path.name, task_id)
            else:
                assert row[3] not in (LEAD[lang], COORDINATE[lang]), (path.name, task_id)
        # Then section IV's items addressed to it, each with the bodies it names.
        section_iv = rest[len(duties) :]
        assert len(section_iv) == len(items(agency_id)), path.name
        for item, row in zip(items(agency_id), section_iv, strict=True):
            assert row[2] == item["text"][lang].replace("*", ""), (path.name, row[1])
            assert row[4] == names(item["addressed_to"], lang) and row[5] == NOT_STATED[lang], (path.name, row[1])
            due = item.get("number") == REPORTING["item"]
            assert (REPORTING["deadline_text"][lang] in row[6]) if due else row[6] == NOT_STATED[lang], (path.name, row[1])

        # Names, never codes: no agency id and no column name of the data files in any cell.
        cells = [str(value) for row in values for value in row if value is not None]
        for code in [*AGENCIES, "lead_agency_ids", "agency_id", "timeline_kind", "title_vi"]:
            assert not any(code in cell for cell in cells), (path.name, code)
        assert sheet.title == PLAN["number"].replace("/", "-")


def test_the_labour_office_sheet_gives_each_role_in_words(sheets_dir: Path) -> None:
    """The Labour office leads, coordinates as a member of a group, and sends and
    compiles the yearly report: every role written out, the group by name, no codes."""
    for lang in CODES:
        _, heading, values = read_sheet(sheets_dir / f"phong-ldtbxh-{lang}.xlsx")
        roles = [row[3] for row in values[heading:]]
        assert LEAD[lang] in roles
        group = AGENCIES["co-quan-ban-nganh-huyen"]["name"][lang]
        assert sum(group in role for role in roles) >= 3, roles
        assert not {"lead", "coordinate", "member", "sends", "compiles", "CT", "PH"} & set(roles)
        # Sending the report and compiling it: the two first rows, both with the deadline; and
        # the item of section IV that asks for the report.
        assert [REPORTING["deadline_text"][lang] in row[6] for row in values[heading : heading + 2]] == [True, True]
        assert sum(REPORTING["deadline_text"][lang] in (row[6] or "") for row in values[heading:]) == 3


@pytest.mark.parametrize("lang", CODES)
def test_a_duty_sheet_prints_on_a4_landscape_with_its_headings_on_every_page(sheets_dir: Path, lang: str) -> None:
    for path in sorted(sheets_dir.glob(f"*-{lang}.xlsx")):
        sheet, heading, values = read_sheet(path)
        setup = sheet.page_setup
        assert setup.orientation == "landscape", path.name
        assert int(setup.paperSize) == 9, path.name  # A4
        # One page wide, as many tall as the rows need; the whole table, results included.
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and int(setup.fitToWidth or 1) == 1 and int(setup.fitToHeight) == 0
        assert sheet.print_area == f"'{sheet.title}'!$A$1:$H${len(values)}", path.name
        assert sheet.print_title_rows == f"${heading}:${heading}", path.name
        assert sheet.freeze_panes == f"A{heading + 1}", path.name
        # The title heads every printed page; the source line and the page number close it.
        assert values[0][0] == sheet.oddHeader.left.text, path.name
        assert values[source_line(values, lang)][0] == sheet.oddFooter.left.text, path.name
        assert "&P" in (sheet.oddFooter.right.text or ""), path.name
        assert all(cell.font.b for cell in sheet[heading]), path.name


def test_no_cell_of_a_duty_sheet_is_a_formula(sheets_dir: Path) -> None:
    files = sorted(sheets_dir.glob("*.xlsx"))
    assert files
    for path in files:
        book = openpyxl.load_workbook(path)
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    assert cell.data_type != "f", (path.name, cell.coordinate)
                    assert not (isinstance(cell.value, str) and cell.value.startswith("=")), (path.name, cell.coordinate)


# A lower bound of what a row needs, from how LibreOffice Calc sets 11 pt Arial (Liberation
# Sans) in these columns: at most 1.2 characters per unit of column width, lines 11.5 pt apart.
CHARACTERS_PER_UNIT = 1.2
LINE_PITCH = 11.5


@pytest.mark.parametrize("lang", CODES)
def test_every_row_is_as_tall_as_its_wrapped_text(sheets_dir: Path, lang: str) -> None:
    """Not every spreadsheet measures rows when it opens a file (LibreOffice does not):
    the heading row and each duty's row carry a height that holds their longest cell."""
    for path in sorted(sheets_dir.glob(f"*-{lang}.xlsx")):
        sheet, heading, values = read_sheet(path)
        widths = [sheet.column_dimensions[chr(ord("A") + col)].width for col in range(len(HEADINGS[lang]))]
        for number, row in enumerate(values[heading - 1 :], start=heading):
            needed = max(-(-len(str(value or "")) // int(width * CHARACTERS_PER_UNIT)) for value, width in zip(row, widths, strict=True))
            dimension = sheet.row_dimensions[number]
            assert dimension.customHeight and dimension.height >= needed * LINE_PITCH, (path.name, number, dimension.height, needed)


def soffice() -> str:
    found = shutil.which("soffice")
    if found is None:
        pytest.fail("LibreOffice is missing: apt-get install libreoffice-calc-nogui (make test-packages does it as root)")
    return found


@pytest.fixture(scope="module")
def printed(sheets_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The Labour office's duty sheets as LibreOffice Calc prints them: PDF files, by language.
    LibreOffice runs headless with a profile of its own, so that it shares nothing."""
    out = tmp_path_factory.mktemp("printed")
    sheets = [sheets_dir / f"phong-ldtbxh-{lang}.xlsx" for lang in CODES]
    profile = (out / "profile").as_uri()
    command = [soffice(), f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "pdf", "--outdir", str(out)]
    subprocess.run([*command, *map(str, sheets)], check=True, capture_output=True, timeout=300)
    return {lang: out / f"phong-ldtbxh-{lang}.pdf" for lang in CODES}


# Where the page header ends and the footer begins on an A4 landscape page (595 pt high),
# in points from the top and from the bottom: between the sheet's margins and theirs.
MARGIN_TOP = 30


def letters(text: str) -> Counter[str]:
    """The characters of ``text`` but spaces and hyphens, which line breaks add or take away."""
    return Counter(char for char in unicodedata.normalize("NFC", text) if not char.isspace() and char not in "-\u2010\u2011")


def pdf_text(path: Path, *options: str) -> str:
    return subprocess.run(["pdftotext", *options, str(path), "-"], check=True, capture_output=True, text=True).stdout


@pytest.mark.parametrize("lang", CODES)
def test_libreoffice_prints_the_labour_office_sheet_whole_one_page_wide_and_readable(
    printed: dict[str, Path], sheets_dir: Path, lang: str
) -> None:
    _, _, values = read_sheet(sheets_dir / f"phong-ldtbxh-{lang}.xlsx")
    pages = pdf_text(printed[lang]).split("\f")[:-1]
    # As many pages as the rows need, each one page wide with the heading row repeated.
    assert len(pages) >= 3, len(pages)
    for page in pages:
        words = page.split()
        assert all(word in words for heading_text in HEADINGS[lang] for word in heading_text.split()), page[:200]
    # Every character of every cell is printed, within the pages' margins (the page headers
    # and footers left out), and nothing else but the heading row repeated on each page after
    # the first: no row is too short for its text. Characters, not words: a word broken at a
    # hyphen where a line ends is printed in two parts, or joined again by pdftotext.
    table = pdf_text(printed[lang], "-x", "0", "-y", str(MARGIN_TOP), "-W", "842", "-H", str(595 - 2 * MARGIN_TOP))
    cells = Counter(letters(" ".join(str(value) for row in values for value in row if value is not None)))
    repeated = Counter({char: count * (len(pages) - 1) for char, count in letters(" ".join(HEADINGS[lang])).items()})
    assert letters(table) == cells + repeated, ((cells + repeated) - letters(table), letters(table) - (cells + repeated))
    # A readable size: the words' boxes (the font's height, about 1.25 times its size) at
    # least 10 pt high, about 8 pt type.
    boxes = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', pdf_text(printed[lang], "-bbox"))
    heights = sorted(float(bottom) - float(top) for top, bottom in boxes)
    assert heights[len(heights) // 2] >= 10, heights[len(heights) // 2]
