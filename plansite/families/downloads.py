"""The downloads page: every open-data file with its size, and the data dictionary."""

from __future__ import annotations

import dataclasses

from plansite import routes
from plansite.families.base import Family, PageInput
from plansite.load import SiteData
from plansite.models import LANGUAGES
from plansite.opendata.dictionary import Dictionary, dictionary
from plansite.opendata.files import DataFile
from plansite.opendata.tables import TABLES, Table
from plansite.routes import PageRef
from plansite.seo import shorten


@dataclasses.dataclass(frozen=True)
class DownloadsContext:
    plans: list[tuple[str, list[DataFile]]]
    site_files: list[DataFile]
    by_agency: list[tuple[str, DataFile, dict[str | None, DataFile]]]  # (agency, workbook, calendars by language)
    tables: tuple[Table, ...]
    dictionary: Dictionary
    languages: tuple[str, ...]


def context(page: PageInput) -> DownloadsContext:
    files = page.data_files()
    by_agency = [
        (
            agency_id,
            next(f for f in files if f.agency_id == agency_id and f.format == "xlsx"),
            {f.lang: f for f in files if f.agency_id == agency_id and f.format == "ics"},
        )
        for agency_id in page.site.agencies
    ]
    return DownloadsContext(
        plans=[(plan_id, [f for f in files if f.plan_id == plan_id]) for plan_id in page.site.plans],
        site_files=[f for f in files if f.plan_id is None and f.agency_id is None],
        by_agency=by_agency,
        tables=TABLES,
        dictionary=dictionary(),
        languages=LANGUAGES,
    )


def _pages(site: SiteData, plan_id: str | None) -> list[PageRef]:
    return [routes.downloads()]


FAMILY = Family(
    kind="downloads",
    context=context,
    title=lambda page: page.t("downloads_title"),
    description=lambda page: shorten(page.t("downloads_intro")),
    pages=_pages,
)
