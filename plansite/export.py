"""Open data: every file the downloads page lists, made from the data and nothing else.

- per plan: tasks, targets and responsibilities as CSV and JSON (UTF-8, ``_vi`` and
  ``_en`` columns side by side), one XLSX workbook holding those tables and the
  agencies, and an iCalendar file per language with the plan's deadlines;
- the agencies as CSV and JSON;
- per agency: an XLSX workbook of its duties and, when it has a dated deadline, an
  iCalendar file per language.

``TABLES`` defines each table's columns once; the files and the data dictionary
(``columns.yml`` adds the meanings) are made from it. Every file is byte-for-byte
reproducible: dates inside XLSX and ICS come from the plans, never from the clock.
A file's language is in its name as ``-vi``/``-en``: a ``.vi.``/``.en.`` suffix would
make the i18n plugin treat it as one language's copy of a file and move it.

Called by ``python -m plansite export``; ``render`` asks ``data_files`` for the sizes
it shows on the downloads and agency pages.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
from collections.abc import Callable, Iterator
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

import icalendar
import xlsxwriter  # type: ignore[import-untyped]  # no type information shipped
import yaml

from plansite.duties import ReportingRole, Role, agency_duties, plan_duties
from plansite.load import PlanData, SiteData
from plansite.models import LANGUAGES, AgencyKind, Block, Comparator, Text, TimelineKind
from plansite.render import Renderer

Value = str | int | float | None
Row = dict[str, Value]
COLUMNS_FILE = Path(__file__).parent / "columns.yml"
FORMATS = ("csv", "json", "xlsx", "ics")


class Scope(StrEnum):
    """What one copy of a table covers, and so what its ``rows`` function is given."""

    plan = "plan"  # one plan: given the plan id
    site = "site"  # the whole site: given None
    agency = "agency"  # one agency, across all plans: given the agency id


@dataclasses.dataclass(frozen=True)
class Column:
    name: str
    type: str  # "string", "integer" or "number"
    allowed: tuple[str, ...] = ()  # the closed set of values, where there is one ("" = empty)


@dataclasses.dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    rows: Callable[[SiteData, str | None], Iterator[Row]]
    scope: Scope = Scope.plan

    def file_name(self, fmt: str) -> str:
        return f"{self.name}.{fmt}"


def _s(*names: str) -> tuple[Column, ...]:
    return tuple(Column(n, "string") for n in names)


def _values(enum: type[StrEnum], *extra: str) -> tuple[str, ...]:
    return (*(member.value for member in enum), *extra)


def _plan(site: SiteData, plan_id: str | None) -> PlanData:
    assert plan_id is not None
    return site.plans[plan_id]


def _task_rows(site: SiteData, plan_id: str | None) -> Iterator[Row]:
    data = _plan(site, plan_id)
    for area_id, block, task in data.all_tasks():
        yield {
            "plan_id": data.id,
            "task_id": task.id,
            "area_id": area_id,
            "label": task.label or "",
            "title_vi": task.title.vi,
            "title_en": task.title.en,
            "text_vi": task.text.vi,
            "text_en": task.text.en,
            **_assignment_fields(block),
        }


def _assignment_fields(block: Block) -> Row:
    """The columns a sub-task's rows take from its assignment block (tasks and duty tables)."""
    return {
        "timeline_vi": block.timeline.text.vi,
        "timeline_en": block.timeline.text.en,
        "timeline_kind": block.timeline.kind.value,
        "from_year": block.timeline.from_year,
        "lead_agency_ids": ";".join(block.lead),
        "coordinate_agency_ids": ";".join(block.coordinate),
    }


def _responsibility_rows(site: SiteData, plan_id: str | None) -> Iterator[Row]:
    data = _plan(site, plan_id)
    for _, block, task in data.all_tasks():
        for role, agency_ids in ((Role.lead, block.lead), (Role.coordinate, block.coordinate)):
            for agency_id in agency_ids:
                name = site.agencies[agency_id].name
                yield {
                    "plan_id": data.id,
                    "task_id": task.id,
                    "agency_id": agency_id,
                    "agency_name_vi": name.vi,
                    "agency_name_en": name.en,
                    "role": role.value,
                }


def _number(value: float | None) -> int | float | None:
    """97.5 stays 97.5; 100.0 is written 100."""
    return int(value) if value is not None and value.is_integer() else value


def _target_rows(site: SiteData, plan_id: str | None) -> Iterator[Row]:
    data = _plan(site, plan_id)
    for bullet, target in data.all_targets():
        unit = site.units[target.unit].label if target.unit else None
        yield {
            "plan_id": data.id,
            "target_id": target.id,
            "group_vi": bullet.group.vi,
            "group_en": bullet.group.en,
            "text_vi": target.clause.vi,
            "text_en": target.clause.en,
            "measure_vi": target.measure.vi if target.measure else "",
            "measure_en": target.measure.en if target.measure else "",
            "comparator": target.comparator.value if target.comparator else "",
            "value": _number(target.value),
            "value_max": _number(target.value_max),
            "unit": target.unit or "",
            "unit_vi": unit.vi if unit else "",
            "unit_en": unit.en if unit else "",
            "year": data.targets.year,
        }


def _agency_rows(site: SiteData, _: str | None) -> Iterator[Row]:
    for agency in site.agencies.values():
        yield {
            "agency_id": agency.id,
            "name_vi": agency.name.vi,
            "name_en": agency.name.en,
            "kind": agency.kind.value,
            "member_of": ";".join(agency.member_of),
            "spellings": ";".join(agency.spellings),
        }


def _duty_rows(site: SiteData, agency_id: str | None) -> Iterator[Row]:
    assert agency_id is not None
    for duties in agency_duties(site, agency_id):
        for duty in duties.tasks:
            block, task = duty.block, duty.task
            yield {
                "agency_id": agency_id,
                "plan_id": duties.plan.id,
                "task_id": task.id,
                "area_id": duty.area_id,
                "role": duty.role.value,
                "via_agency_id": duty.via or "",
                "title_vi": task.title.vi,
                "title_en": task.title.en,
                **_assignment_fields(block),
            }


def _implementation_rows(site: SiteData, agency_id: str | None) -> Iterator[Row]:
    assert agency_id is not None
    for duties in agency_duties(site, agency_id):
        for duty in duties.items:
            yield {
                "agency_id": agency_id,
                "plan_id": duties.plan.id,
                "item": duty.item.number or "",
                "via_agency_id": duty.via or "",
                "text_vi": duty.item.text.vi,
                "text_en": duty.item.text.en,
            }


def _reporting_rows(site: SiteData, agency_id: str | None) -> Iterator[Row]:
    assert agency_id is not None
    for duties in agency_duties(site, agency_id):
        report = duties.plan.plan.implementation.reporting
        for duty in duties.reporting:
            yield {
                "agency_id": agency_id,
                "plan_id": duties.plan.id,
                "role": duty.role.value,
                "via_agency_id": duty.via or "",
                "what_vi": report.what.vi,
                "what_en": report.what.en,
                "to_agency_id": report.to,
                "through_agency_id": report.via,
                "deadline_vi": report.deadline_text.vi,
                "deadline_en": report.deadline_text.en,
                "due_month": report.due_month,
                "due_day": report.due_day,
                "first_year": report.first_year,
            }


_TIMELINE = (Column("timeline_kind", "string", _values(TimelineKind)), Column("from_year", "integer"))

TABLES = (
    Table(
        "tasks",
        (
            *_s("plan_id", "task_id", "area_id", "label", "title_vi", "title_en", "text_vi", "text_en", "timeline_vi", "timeline_en"),
            *_TIMELINE,
            *_s("lead_agency_ids", "coordinate_agency_ids"),
        ),
        _task_rows,
    ),
    Table(
        "responsibilities",
        (
            *_s("plan_id", "task_id", "agency_id", "agency_name_vi", "agency_name_en"),
            Column("role", "string", (Role.lead.value, Role.coordinate.value)),
        ),
        _responsibility_rows,
    ),
    Table(
        "targets",
        (
            *_s("plan_id", "target_id", "group_vi", "group_en", "text_vi", "text_en", "measure_vi", "measure_en"),
            Column("comparator", "string", _values(Comparator, "")),
            Column("value", "number"),
            Column("value_max", "number"),
            *_s("unit", "unit_vi", "unit_en"),
            Column("year", "integer"),
        ),
        _target_rows,
    ),
    Table(
        "agencies",
        (*_s("agency_id", "name_vi", "name_en"), Column("kind", "string", _values(AgencyKind)), *_s("member_of", "spellings")),
        _agency_rows,
        Scope.site,
    ),
    Table(
        "duties",
        (
            *_s("agency_id", "plan_id", "task_id", "area_id"),
            Column("role", "string", _values(Role)),
            *_s("via_agency_id", "title_vi", "title_en", "timeline_vi", "timeline_en"),
            *_TIMELINE,
            *_s("lead_agency_ids", "coordinate_agency_ids"),
        ),
        _duty_rows,
        Scope.agency,
    ),
    Table(
        "implementation",
        _s("agency_id", "plan_id", "item", "via_agency_id", "text_vi", "text_en"),
        _implementation_rows,
        Scope.agency,
    ),
    Table(
        "reporting",
        (
            *_s("agency_id", "plan_id"),
            Column("role", "string", _values(ReportingRole)),
            *_s("via_agency_id", "what_vi", "what_en", "to_agency_id", "through_agency_id", "deadline_vi", "deadline_en"),
            Column("due_month", "integer"),
            Column("due_day", "integer"),
            Column("first_year", "integer"),
        ),
        _reporting_rows,
        Scope.agency,
    ),
)
TABLE = {table.name: table for table in TABLES}
# The sheets of a plan's workbook, in order: the plan's tables, then the agencies.
PLAN_SHEETS = ("tasks", "targets", "responsibilities", "agencies")
AGENCY_SHEETS = ("duties", "implementation", "reporting")


# -- the data dictionary -------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Dictionary:
    """The meanings of ``columns.yml``: what each table is and what each column means."""

    about: dict[str, Text]
    columns: dict[str, dict[str, Text]]

    def meaning(self, table: str, column: str) -> Text:
        return self.columns[table][column]


@cache
def dictionary() -> Dictionary:
    """``columns.yml`` read and checked against ``TABLES``: every column must have a meaning."""
    raw = yaml.safe_load(COLUMNS_FILE.read_text(encoding="utf-8"))
    common = {name: Text(**text) for name, text in raw["common"].items()}
    about: dict[str, Text] = {}
    columns: dict[str, dict[str, Text]] = {}
    missing = []
    for table in TABLES:
        entry = raw["tables"].get(table.name, {})
        if "about" in entry:
            about[table.name] = Text(**entry["about"])
        else:
            missing.append(f"{table.name} (about)")
        own = {name: Text(**text) for name, text in entry.get("columns", {}).items()}
        columns[table.name] = {}
        for column in table.columns:
            meaning = own.get(column.name) or common.get(column.name)
            if meaning is None:
                missing.append(f"{table.name}.{column.name}")
            else:
                columns[table.name][column.name] = meaning
    if missing:
        raise ValueError(f"{COLUMNS_FILE}: no meaning given for {', '.join(missing)}")
    return Dictionary(about, columns)


# -- formats -------------------------------------------------------------------


def table_rows(site: SiteData, table: Table, key: str | None = None) -> list[Row]:
    rows = list(table.rows(site, key))
    names = [c.name for c in table.columns]
    for row in rows:
        assert list(row) == names, f"{table.name}: row keys {list(row)} differ from the columns {names}"
    return rows


def csv_text(table: Table, rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[c.name for c in table.columns], lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: ("" if v is None else v) for k, v in row.items()} for row in rows)
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
            rows_of_dictionary.append([table.name, column.name, column.type, allowed, meaning.vi, meaning.en])
    _write_sheet(
        book.add_worksheet("columns"),
        ["table", "column", "type", "allowed_values", "meaning_vi", "meaning_en"],
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
                sheet.write_string(r, col, value)
            elif value is not None:
                sheet.write_number(r, col, value)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, len(rows), len(names) - 1)


@dataclasses.dataclass(frozen=True)
class Event:
    """One recurring all-day event: the yearly report of a plan, from one side."""

    uid: str
    summary: str
    description: str
    start: dt.date
    stamp: dt.date


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
        entry.add("rrule", {"freq": "yearly"})
        entry.add("summary", event.summary)
        entry.add("description", event.description)
        entry.add("transp", "TRANSPARENT")
        calendar.add_component(entry)
    return bytes(calendar.to_ical())


def _report_event(renderer: Renderer, data: PlanData, lang: str, agency_id: str | None) -> Event | None:
    """The yearly report as an event: for the plan as a whole, or as ``agency_id`` sees it."""
    report = data.plan.implementation.reporting
    plan_name = renderer.plan_name(data.id, lang)
    if agency_id is None:
        lines = [renderer.reporting_text(data.id, lang)]
        summary = renderer.t(lang, "ics_summary_sends", plan=plan_name)
    else:
        duties = plan_duties(renderer.site, data, agency_id).reporting
        if not duties:
            return None
        lines = [renderer.reporting_duty(data.id, duty, lang) for duty in duties]
        key = "ics_summary_sends" if duties[0].role is ReportingRole.sends else "ics_summary_receives"
        summary = renderer.t(lang, key, plan=plan_name)
    lines.append(renderer.t(lang, "ics_source", plan=plan_name, section=data.plan.implementation.number, item=report.item))
    return Event(
        uid=f"reporting.{agency_id or 'plan'}@{data.id}.plansite",
        summary=summary,
        description="\n".join(lines),
        start=dt.date(report.first_year, report.due_month, report.due_day),
        stamp=data.plan.date,
    )


# -- the files -----------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class DataFile:
    """One open-data file: its path under the data folder and its exact bytes."""

    path: str
    content: bytes
    format: str
    plan_id: str | None = None
    agency_id: str | None = None
    tables: tuple[str, ...] = ()
    lang: str | None = None

    @property
    def size(self) -> int:
        return len(self.content)


def data_files(site: SiteData, renderer: Renderer) -> list[DataFile]:
    """Every open-data file, in the order the downloads page lists them."""
    files: list[DataFile] = []
    for plan_id, data in site.plans.items():
        for table in TABLES:
            if table.scope is Scope.plan:
                rows = table_rows(site, table, plan_id)
                for fmt, text in (("csv", csv_text(table, rows)), ("json", json_text(rows))):
                    files.append(DataFile(f"{plan_id}/{table.file_name(fmt)}", text.encode(), fmt, plan_id, tables=(table.name,)))
        sheets = [(TABLE[name], table_rows(site, TABLE[name], plan_id)) for name in PLAN_SHEETS]
        files.append(DataFile(f"{plan_id}/{plan_id}.xlsx", workbook_bytes(sheets, data.plan.date), "xlsx", plan_id, tables=PLAN_SHEETS))
        for lang in LANGUAGES:
            event = _report_event(renderer, data, lang, None)
            assert event is not None
            content = calendar_bytes(renderer.plan_name(plan_id, lang), lang, [event])
            files.append(DataFile(f"{plan_id}/{plan_id}-{lang}.ics", content, "ics", plan_id, lang=lang))
    for table in TABLES:
        if table.scope is Scope.site:
            rows = table_rows(site, table)
            for fmt, text in (("csv", csv_text(table, rows)), ("json", json_text(rows))):
                files.append(DataFile(table.file_name(fmt), text.encode(), fmt, tables=(table.name,)))
    latest = max(data.plan.date for data in site.plans.values())
    for agency_id in site.agencies:
        sheets = [(TABLE[name], table_rows(site, TABLE[name], agency_id)) for name in AGENCY_SHEETS]
        content = workbook_bytes(sheets, latest)
        files.append(DataFile(f"agencies/{agency_id}.xlsx", content, "xlsx", agency_id=agency_id, tables=AGENCY_SHEETS))
        for lang in LANGUAGES:
            events = [e for data in site.plans.values() if (e := _report_event(renderer, data, lang, agency_id))]
            if events:
                content = calendar_bytes(renderer.agency_name(agency_id, lang), lang, events)
                files.append(DataFile(f"agencies/{agency_id}-{lang}.ics", content, "ics", agency_id=agency_id, lang=lang))
    return files


def write_exports(site: SiteData, out: Path) -> list[Path]:
    """Write every open-data file under ``out``, removing data files no longer made."""
    files = data_files(site, Renderer(site))
    written = []
    for file in files:
        path = out / file.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(file.content)
        written.append(path)
    current = set(written)
    for old in out.rglob("*"):
        if old.is_file() and old.suffix.lstrip(".") in FORMATS and old not in current:
            old.unlink()
    return written
