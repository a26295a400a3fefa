"""The data dictionary: every open-data table and column, its meaning, type and
allowed values. Its own page, linked from the downloads page and read by data users;
the same meanings are in each data workbook's "columns" sheet."""

from __future__ import annotations

import dataclasses

from plansite import routes
from plansite.families.base import Family, PageInput
from plansite.load import SiteData
from plansite.opendata.dictionary import COLUMNS_FILE, Dictionary, dictionary
from plansite.opendata.tables import TABLES, Table
from plansite.routes import PageRef
from plansite.seo import shorten


@dataclasses.dataclass(frozen=True)
class DictionaryContext:
    tables: tuple[Table, ...]
    dictionary: Dictionary


def context(page: PageInput) -> DictionaryContext:
    return DictionaryContext(TABLES, dictionary())


def _pages(site: SiteData, plan_id: str | None) -> list[PageRef]:
    return [routes.dictionary()]


FAMILY = Family(
    kind="dictionary",
    context=context,
    title=lambda page: page.t("dictionary_heading"),
    description=lambda page: shorten(page.t("dictionary_description")),
    pages=_pages,
    # Its meanings are in the package, beside the tables they explain.
    sources=lambda site, page: [COLUMNS_FILE],
)
