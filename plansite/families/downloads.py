"""The downloads page, by who needs the files: each agency's duty sheet and report
deadline calendar for its staff; the machine-readable tables for data users, with a
link to the data dictionary (its own page, ``dictionary``)."""

from __future__ import annotations

import dataclasses

from plansite import routes
from plansite.families.base import REFERENCE, Family, PageInput, site_sources
from plansite.load import SiteData
from plansite.opendata.dictionary import Dictionary, dictionary
from plansite.opendata.listing import FileKind, ListedFile
from plansite.routes import PageRef
from plansite.seo import shorten


@dataclasses.dataclass(frozen=True)
class AgencyFiles:
    """An agency's files for people, the page's language first."""

    id: str
    duty_sheets: list[ListedFile]  # XLSX
    duty_sheet_pdfs: list[ListedFile]  # made by the build only (plansite.pdf)
    calendars: list[ListedFile]


@dataclasses.dataclass(frozen=True)
class DownloadsContext:
    people: list[AgencyFiles]
    pdf_column: bool  # the duty sheets as PDF, when the build made them
    full_texts: list[tuple[str, list[ListedFile]]]  # each plan's full text as PDF, by language
    plan_calendars: list[tuple[str, list[ListedFile]]]
    plans: list[tuple[str, list[ListedFile]]]  # each plan's data files
    site_files: list[ListedFile]
    workbooks: list[tuple[str, ListedFile]]  # (agency, its data workbook)
    dictionary: Dictionary


def context(page: PageInput) -> DownloadsContext:
    files = page.data_files()

    def of(kind: FileKind, **where: str | None) -> list[ListedFile]:
        found = [f for f in files if f.kind is kind and all(getattr(f, k) == v for k, v in where.items())]
        return sorted(found, key=lambda f: f.lang != page.lang)

    people = [
        AgencyFiles(
            a,
            of(FileKind.duty_sheet, agency_id=a, format="xlsx"),
            of(FileKind.duty_sheet, agency_id=a, format="pdf"),
            of(FileKind.calendar, agency_id=a),
        )
        for a in page.site.agencies
    ]
    return DownloadsContext(
        people=[agency for agency in people if agency.duty_sheets or agency.calendars],
        pdf_column=any(agency.duty_sheet_pdfs for agency in people),
        full_texts=[(plan_id, pdfs) for plan_id in page.site.plans if (pdfs := of(FileKind.full_text, plan_id=plan_id))],
        plan_calendars=[(plan_id, of(FileKind.calendar, plan_id=plan_id)) for plan_id in page.site.plans],
        plans=[(plan_id, of(FileKind.data, plan_id=plan_id)) for plan_id in page.site.plans],
        site_files=of(FileKind.data, plan_id=None, agency_id=None),
        workbooks=[(a, f) for a in page.site.agencies for f in of(FileKind.data, agency_id=a)],
        dictionary=dictionary(),
    )


def _pages(site: SiteData, plan_id: str | None) -> list[PageRef]:
    return [routes.downloads()]


FAMILY = Family(
    kind="downloads",
    context=context,
    title=lambda page: page.t("downloads_title"),
    description=lambda page: shorten(page.t("downloads_intro")),
    pages=_pages,
    sources=site_sources(""),
    search_weight=REFERENCE,
)
