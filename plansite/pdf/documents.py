"""The PDF documents: each plan's full text and each agency's duty sheet, in every language.

- the full text (``full_text.html.j2``), laid out as the official document is, from the
  data the full-text page shows (``families.full_text.context``);
- the duty sheet (``duty_sheet.html.j2``) of every agency the plans give something to
  do, from the rows of its spreadsheet duty sheet (``opendata.duty_sheet``), so the two
  can never disagree.

Each has, on every page, where it was copied from (its page on the site), that only the
original issued by the authority has legal force, and the page number; on its first
page, where the plan stands today (the editors' ``status_summary``, else the plan's
status). The files sit beside the open data (``routes.DUTY_SHEETS`` and each plan's
folder) and join its listing, with their sizes. Made by ``build`` and by
``python -m plansite pdf``; one ``Typesetter`` serves them all.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections import Counter
from pathlib import Path
from typing import Any

from plansite import routes
from plansite.editions import AUTHORITATIVE
from plansite.families import full_text
from plansite.families.base import PageInput
from plansite.languages import CODES
from plansite.load import SiteData
from plansite.models import PlanGuide
from plansite.opendata.duty_sheet import Duty, Sheet, agency_sheets
from plansite.opendata.files import DataFile, write_files
from plansite.opendata.listing import FileKind
from plansite.pdf.typesetter import Typesetter, w3c_date
from plansite.render import template_helpers
from plansite.routes import DUTY_SHEETS, PageRef
from plansite.wording import Wording

# Abbreviations the issuing body's name may start with, each with the glossary term it
# stands for: the heading of the full text writes the name in full, as Decree 30/2020
# sets out ("UBND huyện Minh Long" heads the document as "ỦY BAN NHÂN DÂN / HUYỆN MINH LONG").
SPELLED_OUT = {"UBND": "uy-ban-nhan-dan"}


# What a table of sub-tasks says of each besides its title and lead agencies: the
# ``Duty`` field and the interface string that names it.
NOTED = (("coordinate", "sheet_col_coordinate"), ("timeline", "sheet_col_timeline"))


@dataclasses.dataclass(frozen=True)
class SheetRow:
    duty: Duty
    notes: list[tuple[str, str]]  # (name, value) of what differs from the group's shared values


@dataclasses.dataclass(frozen=True)
class DutyGroup:
    """A plan's sub-tasks in which the agency has one role, or section IV's items and the
    yearly report, each with the agency's role in it; in the sheet's order."""

    heading: str
    subtasks: bool  # sub-tasks, shown as a table; else section IV's items and the report
    rows: list[SheetRow]
    # (name, value) that two or more sub-tasks share (most share their coordinating
    # agencies and timeline): said once above the table, each sub-task saying only
    # where it differs, which keeps a sheet to a page or two.
    shared: list[tuple[str, str]]


def duty_groups(sheet: Sheet, implementation: str) -> list[DutyGroup]:
    """The sheet's sub-tasks by role (the rows come sorted by role), then section IV's
    rows under ``implementation``, its heading."""
    groups = []
    for (role, subtasks), rows in itertools.groupby(sheet.duties, key=lambda duty: (duty.role if duty.subtask else "", duty.subtask)):
        duties = list(rows)
        shared: dict[str, str] = {}
        for field, _ in NOTED:
            value, count = Counter(getattr(duty, field) for duty in duties).most_common(1)[0]
            if subtasks and count > 1:
                shared[field] = value
        notes = [
            [(name, getattr(duty, field)) for field, name in NOTED if subtasks and getattr(duty, field) != shared.get(field)]
            for duty in duties
        ]
        sheet_rows = [SheetRow(duty, noted) for duty, noted in zip(duties, notes, strict=True)]
        groups.append(
            DutyGroup(role or implementation, subtasks, sheet_rows, [(name, shared[field]) for field, name in NOTED if field in shared])
        )
    return groups


@dataclasses.dataclass(frozen=True)
class SheetPlan:
    """One plan's part of a duty sheet."""

    heading: str
    sheet: Sheet
    groups: list[DutyGroup]


class Documents:
    """Makes the PDF documents of one site, dated ``built`` (the build's date)."""

    def __init__(self, site: SiteData, built: dt.datetime, site_url: str | None, cache: Path | None = None) -> None:
        self.site = site
        self.words = Wording(site)
        self.built = built
        self.site_url = site_url
        self.typesetter = Typesetter(cache)

    def _frame(self, ref: PageRef, lang: str, title: str, plan_ids: list[str]) -> dict[str, Any]:
        """What every document shows around its body: metadata, the line on every page
        (pointing to ``ref``, the page of the same content), and the status note."""
        words = self.words
        page = PageInput(self.site, ref, lang, words, list, self.site_url)
        status = []
        for plan_id in plan_ids:
            guide = self.site.settings.plans.get(plan_id, PlanGuide())
            summary = guide.status_summary or self.site.plans[plan_id].plan.status.text
            status.append((words.t(lang, "pdf_status", plan=words.plan_name(plan_id, lang)), summary[lang]))
        return {
            **template_helpers(words, lang),
            "title": title,
            "description": self.site.settings.description[lang],
            "built": w3c_date(self.built),
            "copy_date": words.date(self.built.date(), lang),
            "address": page.address(),
            "status": status,
            "edition_notice": None if lang == AUTHORITATIVE else words.t(lang, "pdf_edition_notice"),
        }

    def issuer_heading(self, plan_id: str, lang: str) -> list[str]:
        """The issuing body's name as the heading's lines, abbreviations spelled out."""
        name = self.words.agency_name(self.site.plans[plan_id].plan.issuer, lang)
        terms = {term.id: term for term in self.site.glossary.terms}
        for abbreviation, term_id in SPELLED_OUT.items():
            if name.startswith(abbreviation + " "):
                return [terms[term_id][lang], name[len(abbreviation) + 1 :]]
        return [name]

    def full_text(self, plan_id: str, lang: str) -> bytes:
        ref = routes.full_text(plan_id)
        page = PageInput(self.site, ref, lang, self.words, list, self.site_url)
        name = self.words.plan_name(plan_id, lang)
        built = full_text.context(page)
        context = {
            **self._frame(ref, lang, f"{name}: {self.words.t(lang, 'full_text_title')}", [plan_id]),
            **{field.name: getattr(built, field.name) for field in dataclasses.fields(built)},
            "issuer_heading": self.issuer_heading(plan_id, lang),
            "recipient_abbreviations": self.words.recipients_abbreviations(plan_id),
        }
        return self.typesetter.pdf(f"{plan_id}-{lang}.pdf", self.typesetter.html("full_text.html.j2", context))

    def duty_sheet(self, agency_id: str, lang: str) -> bytes | None:
        """The agency's duty sheet, or None when no plan gives it anything to do."""
        sheets = agency_sheets(self.words, agency_id, lang)
        if not sheets:
            return None
        words = self.words
        heading = words.t(lang, "pdf_sheet_title", agency=words.agency_name(agency_id, lang))
        plans = []
        for sheet in sheets:
            plan = self.site.plans[sheet.plan_id].plan
            implementation = f"{plan.implementation.number} {words.t(lang, 'implementation_title')}"
            plan_heading = words.t(lang, "plan_heading", plan=words.plan_name(sheet.plan_id, lang), date=words.date(plan.date, lang))
            plans.append(SheetPlan(plan_heading, sheet, duty_groups(sheet, implementation)))
        context = {
            **self._frame(routes.agency(agency_id), lang, heading, [sheet.plan_id for sheet in sheets]),
            "heading": heading,
            "plans": plans,
        }
        return self.typesetter.pdf(f"{agency_id}-{lang}.pdf", self.typesetter.html("duty_sheet.html.j2", context))


def pdf_files(site: SiteData, built: dt.datetime, site_url: str | None, cache: Path | None = None) -> list[DataFile]:
    """Every PDF document, in the order the downloads page lists them; ``cache`` keeps
    what was laid out for the next build (``Typesetter``), and only that."""
    documents = Documents(site, built, site_url, cache)
    files = [
        DataFile(f"{plan_id}/{plan_id}-{lang}.pdf", documents.full_text(plan_id, lang), "pdf", plan_id, lang=lang, kind=FileKind.full_text)
        for plan_id, data in site.plans.items()
        for lang in CODES
        if data.has(lang)
    ]
    for agency_id in site.agencies:
        # An edition's duty sheet holds the plans published in it (agency_sheets).
        for lang in CODES:
            content = documents.duty_sheet(agency_id, lang)
            if content is not None:
                path = f"{DUTY_SHEETS}/{agency_id}-{lang}.pdf"
                files.append(DataFile(path, content, "pdf", agency_id=agency_id, lang=lang, kind=FileKind.duty_sheet))
    documents.typesetter.prune()
    return files


def write_documents(site: SiteData, out: Path, built: dt.datetime, site_url: str | None, cache: Path | None = None) -> list[DataFile]:
    """Write every PDF document under ``out`` (the open data's folder), removing PDFs no longer made."""
    return write_files(pdf_files(site, built, site_url, cache), out, ("pdf",))
