"""The duty sheets (issue 13): each agency's duties as a spreadsheet for people, read
back with openpyxl and compared with the YAML read as plain data: headings in words,
agencies by name (never by code), a title and a source line, A4 landscape one page
wide with the heading row repeated on every printed page, and no formula anywhere.
"""

from __future__ import annotations

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
    "vi": ["STT", "Nhiệm vụ", "Nội dung", "Vai trò", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện"],
    "en": ["No.", "Sub-task", "Content", "Role", "Lead agency", "Coordinating agencies", "Timeline"],
}
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

        duties = task_duties(agency_id)
        for (role, via, block, task), row in zip(duties, rows, strict=False):
            task_id = task["id"]
            number = shown_number(task)
            assert row[1].startswith(number + ("." if number == task_id else "") + " "), (path.name, task_id)
            assert row[2] == task["text"][lang].replace("**", ""), (path.name, task_id)
            assert row[4] == names(block["lead"], lang), (path.name, task_id)
            assert (row[5] or "") == names(block.get("coordinate", []), lang), (path.name, task_id)
            assert row[6] == block["timeline"]["text"][lang], (path.name, task_id)
            if role == "lead":
                assert row[3] == LEAD[lang], (path.name, task_id)
            elif role == "coordinate":
                assert row[3] == COORDINATE[lang], (path.name, task_id)
            elif role == "member":
                assert via and row[3].startswith(COORDINATE[lang]) and AGENCIES[via]["name"][lang] in row[3], (path.name, task_id)
            else:
                assert row[3] not in (LEAD[lang], COORDINATE[lang]), (path.name, task_id)
        rest = rows[len(duties) :]
        assert len(rest) == len(items(agency_id)) + sum(1 for row in rest if REPORTING["deadline_text"][lang] in (row[6] or ""))
        assert any(REPORTING["deadline_text"][lang] in (row[6] or "") for row in rest) == reports(agency_id), path.name

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
        # Sending the report and compiling it: two rows, both with the deadline.
        assert sum(REPORTING["deadline_text"][lang] in (row[6] or "") for row in values[heading:]) == 2


@pytest.mark.parametrize("lang", CODES)
def test_a_duty_sheet_prints_on_a4_landscape_with_its_headings_on_every_page(sheets_dir: Path, lang: str) -> None:
    for path in sorted(sheets_dir.glob(f"*-{lang}.xlsx")):
        sheet, heading, values = read_sheet(path)
        setup = sheet.page_setup
        assert setup.orientation == "landscape", path.name
        assert int(setup.paperSize) == 9, path.name  # A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage and int(setup.fitToWidth or 1) == 1 and int(setup.fitToHeight) == 0
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
