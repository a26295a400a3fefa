"""The bytes of each open-data format, every value escaped for that format.

- CSV: every field is quoted; a text that a spreadsheet would take for a formula (it
  begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) is written with a
  leading apostrophe, as OWASP's CSV-injection guidance advises, and so is such a character
  right after a ``,``, ``;`` or tab inside a text (``Plan;'=1+1``): a spreadsheet that
  splits lines at another separator than the file's (Excel in Vietnamese splits at ``;``)
  splits there, quotes or not. JSON keeps every value as is.
- XLSX (XlsxWriter): strings are always written as strings, never as formulas; a string
  longer than a cell holds stops the export (``CellTooLong``) rather than being cut
  (the models' limits keep every text, and every cell made of several, below it).
- iCalendar (icalendar): the library folds and escapes every text property.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re
from typing import Any

import icalendar
import xlsxwriter  # type: ignore[import-untyped]  # no type information shipped

from plansite.languages import CODES
from plansite.limits import SPREADSHEET_CELL
from plansite.opendata.dictionary import dictionary
from plansite.opendata.rows import Row, Value
from plansite.opendata.tables import Table

# What a spreadsheet reads as the start of a formula, at the start of a field or after a
# separator (a spreadsheet that ignores the quotes splits there); a number such as "-2" is not text.
_FORMULA_START = re.compile(r"^[=+\-@\t\r]")
_FORMULA_AFTER_SEPARATOR = re.compile(r"[,;\t][=+\-@\t\r]")
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")


class CellTooLong(ValueError):
    """A text longer than a spreadsheet cell holds: a bug the models' limits missed."""


def csv_cell(value: Value) -> str | int | float:
    """A value as a CSV cell that no spreadsheet runs as a formula."""
    if value is None:
        return ""
    if not isinstance(value, str) or _NUMBER.match(value):
        return value
    # A spreadsheet that splits at another separator than the file's (Excel in Vietnamese
    # splits at ";") ignores the quotes around a field: what follows a separator must not
    # start a formula either. No text of the plan has a separator right before = + - @.
    value = _FORMULA_AFTER_SEPARATOR.sub(lambda found: found.group()[0] + "'" + found.group()[1], value)
    if _FORMULA_START.match(value) and len(value) > 1:
        return "'" + value
    return value


def csv_text(table: Table, rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[c.name for c in table.columns], lineterminator="\n", quoting=csv.QUOTE_ALL)
    writer.writeheader()
    writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in rows)
    return out.getvalue()


def json_text(rows: list[Row]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"


# Column widths in characters: wide enough for ids and names, capped so long texts wrap.
MIN_WIDTH, MAX_WIDTH = 8, 60


def workbook_bytes(sheets: list[tuple[Table, list[Row]]], created: dt.date) -> bytes:
    """An XLSX workbook: one sheet per table (bold frozen header, autofilter, fitted
    column widths, long texts wrapped), then a "columns" sheet with the data dictionary.
    Strings are always written as strings, so no text is ever read as a formula."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    book.set_properties({"created": dt.datetime(created.year, created.month, created.day)})
    header = book.add_format({"bold": True, "bottom": 1, "text_wrap": True, "valign": "top"})
    plain = book.add_format({"valign": "top"})
    wrapped = book.add_format({"valign": "top", "text_wrap": True})
    meanings = dictionary()
    rows_of_dictionary: list[list[Value]] = []
    for table, rows in sheets:
        names = [c.name for c in table.columns]
        _write_sheet(book.add_worksheet(table.name), names, [[row[n] for n in names] for row in rows], header, plain, wrapped)
        for column in table.columns:
            meaning = meanings.meaning(table.name, column.name)
            allowed = ", ".join(value or "(empty)" for value in column.allowed)
            rows_of_dictionary.append([table.name, column.name, column.type, allowed, *(meaning.get(lang) or "" for lang in CODES)])
    _write_sheet(
        book.add_worksheet("columns"),
        ["table", "column", "type", "allowed_values", *(f"meaning_{lang}" for lang in CODES)],
        rows_of_dictionary,
        header,
        plain,
        wrapped,
    )
    book.close()
    return out.getvalue()


def _write_sheet(sheet: Any, names: list[str], rows: list[list[Value]], header: Any, plain: Any, wrapped: Any) -> None:
    """One table on one sheet; ``header``, ``plain`` and ``wrapped`` are the book's cell formats."""
    for col, name in enumerate(names):
        values = [name, *(row[col] for row in rows)]
        longest = max(len(str(v)) for v in values if v is not None)
        sheet.set_column(col, col, min(max(longest, MIN_WIDTH) + 2, MAX_WIDTH), wrapped if longest > MAX_WIDTH else plain)
        sheet.write_string(0, col, name, header)
    for r, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            if isinstance(value, str):
                write_text(sheet, r, col, value)
            elif value is not None:
                sheet.write_number(r, col, value)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(rows), len(names) - 1)


def write_text(sheet: Any, row: int, col: int, text: str, cell_format: Any = None) -> None:
    """``text`` as a string cell (never a formula), whole: XlsxWriter would cut a longer one."""
    if len(text) > SPREADSHEET_CELL:
        raise CellTooLong(
            f"a cell of {len(text):,} characters in the sheet {sheet.name!r} (row {row + 1}); a cell holds {SPREADSHEET_CELL:,}"
        )
    sheet.write_string(row, col, text, cell_format)


@dataclasses.dataclass(frozen=True)
class Event:
    """One recurring all-day event: the yearly report of a plan, from one side; ``until``,
    its last occurrence (None: it recurs while the plan is carried out)."""

    uid: str
    summary: str
    description: str
    start: dt.date
    stamp: dt.date
    until: dt.date | None = None


def calendar_bytes(name: str, lang: str, events: list[Event]) -> bytes:
    calendar = icalendar.Calendar()
    calendar.add("prodid", f"-//plansite//{name}//{lang.upper()}")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    for event in events:
        entry = icalendar.Event()
        entry.add("uid", event.uid)
        entry.add("dtstamp", dt.datetime(event.stamp.year, event.stamp.month, event.stamp.day, tzinfo=dt.UTC))
        entry.add("dtstart", event.start)
        entry.add("dtend", event.start + dt.timedelta(days=1))
        entry.add("rrule", {"freq": "yearly"} | ({"until": event.until} if event.until else {}))
        entry.add("summary", event.summary)
        entry.add("description", event.description)
        entry.add("transp", "TRANSPARENT")
        calendar.add_component(entry)
    return bytes(calendar.to_ical())
