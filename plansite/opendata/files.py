"""Which open-data files exist, with their exact bytes, and writing them out.

- per plan: tasks, targets and responsibilities as CSV and JSON (UTF-8, ``_vi`` and
  ``_en`` columns side by side), one XLSX workbook holding those tables and the
  agencies, and an iCalendar file per language with the plan's deadlines;
- the agencies as CSV and JSON;
- per agency: an XLSX workbook of its duties and, when it has a dated deadline, an
  iCalendar file per language;
- per agency with something to do, and per language: a duty sheet (``duty_sheet``),
  an XLSX file for people to read and print, beside the data made for programs.

Every file is byte-for-byte reproducible: dates inside XLSX and ICS come from the
plans, never from the clock. A file's language is in its name as ``-vi``/``-en``: a
``.vi.``/``.en.`` suffix would make the i18n plugin treat it as one language's copy
of a file and move it. Called by ``python -m plansite export`` and ``build``, which
also writes their listing (``listing``) for the pages.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from plansite import routes
from plansite.languages import CODES
from plansite.load import SiteData
from plansite.opendata.calendar import report_event
from plansite.opendata.duty_sheet import agency_sheets, duty_sheet_bytes
from plansite.opendata.listing import FileKind, ListedFile
from plansite.opendata.tables import AGENCY_SHEETS, PLAN_SHEETS, TABLE, TABLES, Scope, table_rows
from plansite.opendata.writers import calendar_bytes, csv_text, json_text, workbook_bytes
from plansite.wording import Wording

FORMATS = ("csv", "json", "xlsx", "ics")


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
    kind: FileKind = FileKind.data

    @property
    def size(self) -> int:
        return len(self.content)

    def owner(self) -> str:
        """What the file is of, for a message."""
        return (
            f"plan {self.plan_id!r}'s {self.format}"
            if self.plan_id
            else f"agency {self.agency_id!r}'s {self.format}"
            if self.agency_id
            else f"the site's {self.format}"
        )

    def listed(self) -> ListedFile:
        """The file as the pages list it."""
        return ListedFile(self.path, self.size, self.format, self.plan_id, self.agency_id, self.tables, self.lang, self.kind)


def data_files(site: SiteData, words: Wording) -> list[DataFile]:
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
        for lang in (code for code in CODES if data.has(code)):
            # None: the issuing body ended before the report first fell due.
            event = report_event(words, data, lang, None)
            if event is not None:
                content = calendar_bytes(words.plan_name(plan_id, lang), lang, [event])
                files.append(DataFile(f"{plan_id}/{plan_id}-{lang}.ics", content, "ics", plan_id, lang=lang, kind=FileKind.calendar))
    for table in TABLES:
        if table.scope is Scope.site:
            rows = table_rows(site, table)
            for fmt, text in (("csv", csv_text(table, rows)), ("json", json_text(rows))):
                files.append(DataFile(table.file_name(fmt), text.encode(), fmt, tables=(table.name,)))
    latest = max(data.plan.date for data in site.plans.values())
    for agency_id in site.agencies:
        sheets = [(TABLE[name], table_rows(site, TABLE[name], agency_id)) for name in AGENCY_SHEETS]
        content = workbook_bytes(sheets, latest)
        files.append(DataFile(f"{routes.AGENCY_FILES}/{agency_id}.xlsx", content, "xlsx", agency_id=agency_id, tables=AGENCY_SHEETS))
        for lang in CODES:
            # An edition's calendar holds the deadlines of the plans published in it.
            events = [e for data in site.plans.values() if data.has(lang) and (e := report_event(words, data, lang, agency_id))]
            if events:
                content = calendar_bytes(words.agency_name(agency_id, lang), lang, events)
                files.append(
                    DataFile(
                        f"{routes.AGENCY_FILES}/{agency_id}-{lang}.ics",
                        content,
                        "ics",
                        agency_id=agency_id,
                        lang=lang,
                        kind=FileKind.calendar,
                    )
                )
            duty_sheets = agency_sheets(words, agency_id, lang)
            if duty_sheets:
                content = duty_sheet_bytes(words, duty_sheets, lang, latest)
                path = f"{routes.DUTY_SHEETS}/{agency_id}-{lang}.xlsx"
                files.append(DataFile(path, content, "xlsx", agency_id=agency_id, lang=lang, kind=FileKind.duty_sheet))
    routes.check_unique((file.path, file.owner()) for file in files)
    return files


def write_exports(site: SiteData, out: Path) -> list[Path]:
    """Write every open-data file under ``out``, removing data files no longer made."""
    return [out / file.path for file in export(site, out)]


def export(site: SiteData, out: Path) -> list[DataFile]:
    """Write every open-data file under ``out``, remove data files no longer made; return the files."""
    return write_files(data_files(site, Wording(site)), out, FORMATS)


def write_files(files: list[DataFile], out: Path, formats: tuple[str, ...]) -> list[DataFile]:
    """Write ``files`` under ``out`` (a file already holding the same bytes is left alone)
    and remove the files of ``formats`` no longer made; return ``files``."""
    for file in files:
        path = out / file.path
        if not (path.is_file() and path.read_bytes() == file.content):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(file.content)
    current = {out / file.path for file in files}
    for old in out.rglob("*"):
        if old.is_file() and old.suffix.lstrip(".") in formats and old not in current:
            old.unlink()
    return files
