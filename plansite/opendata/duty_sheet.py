"""The duty sheet: one agency's duties as a spreadsheet for people to read and print.

The data workbooks (``writers.workbook_bytes``) are for programs: column names such
as ``lead_agency_ids``, codes instead of names, both languages side by side. The duty
sheet is for the official who must act: one language, headings in words, agencies by
name, a title, where the plan stands (the agency's end first, when it has ended), a
source line, one row per duty (the yearly report first, then the
sub-tasks by role, then the items of section IV), each with the agencies that lead and
coordinate and the timeline as the plan gives them (or a cell saying it gives none), and
an empty column for the office to write what was done. Every row is as tall as its
wrapped text (not every spreadsheet measures rows when it opens a file), and the page
set-up prints on A4 landscape, one page wide and as many pages tall as the rows need, at
a readable size, with the heading row repeated on every page. One worksheet per plan.
Made by ``files.data_files``; the agency and downloads pages link to it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import re
from collections.abc import Sequence
from typing import Any

import xlsxwriter  # type: ignore[import-untyped]  # no type information shipped

from plansite.duties import PlanDuties, ReportingRole, Role, agency_duties
from plansite.editions import AUTHORITATIVE
from plansite.markdown import plain
from plansite.opendata.writers import write_text
from plansite.wording import Wording

# The columns: the interface string of each heading, and its width in characters. Their sum
# and the margins print one A4 landscape page wide at about 80 %: 11 pt text at about 9 pt.
COLUMNS = (
    ("sheet_col_number", 4),
    ("sheet_col_task", 20),
    ("sheet_col_content", 44),
    ("sheet_col_role", 14),
    ("sheet_col_lead", 18),
    ("sheet_col_coordinate", 18),
    ("sheet_col_timeline", 14),
    ("sheet_col_results", 22),
)
MARGINS = (0.4, 0.4, 0.6, 0.6)  # left, right, top, bottom, in inches
FONT = "Arial"  # in Excel everywhere, and metric-compatible with LibreOffice's Liberation Sans
FONT_SIZE = 11
# A row's height in points: a line of wrapped text in FONT_SIZE (as Excel sets it; LibreOffice
# sets lines a little closer), and the cell's padding.
LINE_HEIGHT = 13.0
ROW_PADDING = 3.0
# Characters of text a column unit holds (a unit is the width of a digit; text runs a little
# narrower): a low estimate, so that a row is never shorter than its text.
CHARS_PER_UNIT = 1.1
# The order a sheet lists the sub-tasks in: what the agency leads first.
ROLE_ORDER = (Role.lead, Role.coordinate, Role.member, Role.mentioned)
A4 = 9  # XlsxWriter's paper code
HEADER_LIMIT = 255  # characters Excel allows in a page header or footer
# What Excel forbids in a worksheet's name: these characters, an apostrophe at either end,
# more than 31 UTF-16 code units, the name "History", and two names equal but for case.
_SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
SHEET_NAME_UNITS = 31
_RESERVED_SHEET_NAMES = {"history"}


@dataclasses.dataclass(frozen=True)
class Duty:
    """One row of the sheet, every cell already in words."""

    task: str
    content: str
    role: str
    lead: str
    coordinate: str
    timeline: str
    # A sub-task, named by its number and title; section IV's items and the yearly
    # report have no title, and the PDF sheet gives their content instead.
    subtask: bool = True


@dataclasses.dataclass(frozen=True)
class Sheet:
    """One plan's duties of one agency, in one language; ``number`` is the plan's, which
    names the worksheet (``sheet_names``)."""

    plan_id: str
    number: str
    title: str
    status: list[str]  # where the plan (and the agency) stand, under the title
    source: str
    notice: str | None
    duties: list[Duty]


def _names(words: Wording, agency_ids: list[str], lang: str) -> str:
    """The agencies by name; a cell saying the plan names none when there are none."""
    return "; ".join(words.agency_name(a, lang) for a in agency_ids) or words.t(lang, "sheet_not_stated")


def plan_sheet(words: Wording, duties: PlanDuties, agency_id: str, lang: str) -> Sheet:
    """The rows of one plan's sheet: the yearly report, sub-tasks by role, section IV's items."""
    plan = duties.plan.plan
    implementation = plan.implementation
    report = implementation.reporting
    report_due = words.t(lang, "sheet_report_due", deadline=report.deadline_text[lang])
    not_stated = words.t(lang, "sheet_not_stated")
    # Who does what the report asks: those who send it, the one it is sent to, the one it
    # goes through, which follows and compiles it.
    report_lead = {ReportingRole.sends: report.from_, ReportingRole.receives: [report.to], ReportingRole.compiles: [report.via]}
    rows = [
        Duty(
            task=f"{implementation.number}{report.item} {words.t(lang, 'reporting_heading')}",
            content=words.reporting_duty(duties.plan.id, reporting, agency_id, lang),
            role=words.duty_role(reporting.role.value, reporting.via, lang),
            lead=_names(words, report_lead[reporting.role], lang),
            coordinate=not_stated,
            timeline=report_due,
            subtask=False,
        )
        for reporting in duties.reporting
    ]
    for role in ROLE_ORDER:
        for duty in duties.with_role(role):
            block, task = duty.block, duty.task
            rows.append(
                Duty(
                    # The plan's number as printed ("2.1."), the editors' in brackets ("[5.1]").
                    task=f"{words.task_number(task)}{'.' if task.numbered else ''} {plain(task.title[lang])}",
                    content=plain(task.text[lang]),
                    role=words.duty_role(role.value, duty.via, lang),
                    lead=_names(words, block.lead, lang),
                    coordinate=_names(words, block.coordinate, lang),
                    timeline=block.timeline.text[lang],
                )
            )
    section = words.t(lang, "implementation_title")
    for item_duty in duties.items:
        item = item_duty.item
        rows.append(
            Duty(
                task=f"{implementation.number}{item.number or ''} {section}",
                content=plain(item.text[lang]),
                role=words.duty_role("item", item_duty.via, lang),
                lead=_names(words, item.addressed_to, lang),
                coordinate=not_stated,
                timeline=report_due if item.number == report.item else not_stated,
                subtask=False,
            )
        )
    plan_name = words.plan_name(duties.plan.id, lang)
    return Sheet(
        plan_id=duties.plan.id,
        number=plan.number,
        title=words.t(lang, "sheet_title", agency=words.agency_name(agency_id, lang), plan=plan_name),
        status=[line.plain() for line in words.status_lines([duties.plan.id], lang, agency_id=agency_id, own=True)],
        source=words.t(
            lang,
            "sheet_source",
            plan=plan_name,
            date=words.date(plan.date, lang),
            issuer=words.agency_name(plan.issuer, lang),
            tasks=plan.tasks_section.number.rstrip("."),
            implementation=implementation.number.rstrip("."),
        ),
        notice=None if lang == AUTHORITATIVE else words.t(lang, "edition_notice"),
        duties=rows,
    )


def agency_sheets(words: Wording, agency_id: str, lang: str) -> list[Sheet]:
    """The sheets of an agency's duty sheet: one per plan that gives it something to do."""
    sheets = [plan_sheet(words, duties, agency_id, lang) for duties in agency_duties(words.site, agency_id) if duties.plan.has(lang)]
    return [sheet for sheet in sheets if sheet.duties]


def _cut(text: str, units: int) -> str:
    """``text`` cut to at most ``units`` UTF-16 code units, never inside a character."""
    while len(text.encode("utf-16-le")) > 2 * units:
        text = text[:-1]
    return text


def sheet_names(numbers: Sequence[str]) -> list[str]:
    """A worksheet name for each plan number, each one Excel accepts and all different: the
    number without the characters Excel forbids, cut to 31 units; when nothing is left or
    the name is taken (two plans numbered 81/KH-UBND in different years), its place in
    the book is added: "81-KH-UBND (2)". Whatever the numbers, the workbook can be written."""
    names: list[str] = []
    for place, number in enumerate(numbers, start=1):
        name = _cut(_SHEET_NAME_FORBIDDEN.sub("-", number).strip("' "), SHEET_NAME_UNITS).strip("' ")
        tries = place
        while not name or name.lower() in _RESERVED_SHEET_NAMES or name.lower() in (taken.lower() for taken in names):
            suffix = f" ({tries})"
            name = (_cut(name.removesuffix(f" ({tries - 1})"), SHEET_NAME_UNITS - len(suffix)).strip("' ") + suffix).strip()
            tries += 1
        names.append(name)
    return names


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes in a column ``width`` units wide, wrapped at spaces."""
    budget = max(1, int(width * CHARS_PER_UNIT))
    lines, used = 1, 0
    for word in text.split():
        needed = used + 1 + len(word) if used else len(word)
        if used and needed > budget:
            lines, needed = lines + 1, len(word)
        # A word longer than the column breaks where the column ends.
        while needed > budget:
            lines, needed = lines + 1, needed - budget
        used = needed
    return lines


def row_height(cells: list[str]) -> float:
    """The height in points of a row of ``cells`` (one per column of COLUMNS): its tallest cell's."""
    lines = max(wrapped_lines(text, width) for text, (_, width) in zip(cells, COLUMNS, strict=True))
    return lines * LINE_HEIGHT + ROW_PADDING


def _page_text(text: str) -> str:
    """Text for a page header or footer: "&" is Excel's control character there."""
    escaped = text.replace("&", "&&")
    return escaped if len(escaped) <= HEADER_LIMIT // 2 else escaped[: HEADER_LIMIT // 2 - 1].rstrip("&") + "…"


def duty_sheet_bytes(words: Wording, sheets: list[Sheet], lang: str, created: dt.date) -> bytes:
    """The XLSX file of ``sheets``: strings always written as strings, never as formulas."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True, "default_format_properties": {"font_name": FONT, "font_size": FONT_SIZE}})
    book.set_properties(
        {"title": sheets[0].title, "subject": sheets[0].source, "created": dt.datetime(created.year, created.month, created.day)}
    )
    formats = {
        "title": book.add_format({"bold": True, "font_size": 14}),
        "status": book.add_format({"bold": True}),
        "source": book.add_format({"italic": True}),
        "header": book.add_format({"bold": True, "border": 1, "bg_color": "#E7E6E6", "text_wrap": True, "valign": "top"}),
        "cell": book.add_format({"border": 1, "text_wrap": True, "valign": "top"}),
    }
    for sheet, name in zip(sheets, sheet_names([sheet.number for sheet in sheets]), strict=True):
        _write(book.add_worksheet(name), sheet, [words.t(lang, key) for key, _ in COLUMNS], formats, words.t(lang, "sheet_page"))
    book.close()
    return out.getvalue()


def _write(worksheet: Any, sheet: Sheet, headings: list[str], formats: dict[str, Any], page_label: str) -> None:
    lines = [(sheet.title, formats["title"]), *((line, formats["status"]) for line in sheet.status), (sheet.source, formats["source"])]
    if sheet.notice:
        lines.append((sheet.notice, formats["source"]))
    for row, (text, cell_format) in enumerate(lines):
        write_text(worksheet, row, 0, text, cell_format)
    header = len(lines) + 1  # a blank row between the source and the table
    for col, ((_, width), heading) in enumerate(zip(COLUMNS, headings, strict=True)):
        worksheet.set_column(col, col, width)
        worksheet.write_string(header, col, heading, formats["header"])
    worksheet.set_row(header, row_height(headings))
    for number, duty in enumerate(sheet.duties, start=1):
        worksheet.write_number(header + number, 0, number, formats["cell"])
        cells = (duty.task, duty.content, duty.role, duty.lead, duty.coordinate, duty.timeline)
        for col, value in enumerate(cells, start=1):
            write_text(worksheet, header + number, col, value, formats["cell"])
        # The results, for the office to fill in: an empty cell with its border.
        worksheet.write_blank(header + number, len(cells) + 1, None, formats["cell"])
        worksheet.set_row(header + number, row_height([str(number), *cells, ""]))
    last = header + len(sheet.duties)
    worksheet.freeze_panes(header + 1, 0)
    worksheet.autofilter(header, 0, last, len(COLUMNS) - 1)
    worksheet.set_landscape()
    worksheet.set_paper(A4)
    worksheet.set_margins(*MARGINS)
    worksheet.fit_to_pages(1, 0)
    worksheet.repeat_rows(header)
    worksheet.print_area(0, 0, last, len(COLUMNS) - 1)
    worksheet.set_header("&L" + _page_text(sheet.title))
    worksheet.set_footer("&L" + _page_text(sheet.source) + "&R" + page_label.format(page="&P", pages="&N"))
