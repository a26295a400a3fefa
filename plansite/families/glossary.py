"""The glossary: each recurring Vietnamese term and its one English rendering."""

from __future__ import annotations

import dataclasses

from plansite import routes
from plansite.families.base import REFERENCE, Family, PageInput, site_sources
from plansite.languages import AUTHORITATIVE, TRANSLATIONS
from plansite.load import SiteData
from plansite.models import Term
from plansite.routes import PageRef
from plansite.seo import shorten


@dataclasses.dataclass(frozen=True)
class GlossaryContext:
    terms: list[Term]
    # The language of the renderings shown beside the terms: the page's own, or on the
    # Vietnamese page the first translation (languages.yml).
    rendering: str


def context(page: PageInput) -> GlossaryContext:
    rendering = page.lang if page.lang != AUTHORITATIVE else TRANSLATIONS[0]
    return GlossaryContext(page.site.glossary.terms, rendering)


def _pages(site: SiteData, plan_id: str | None) -> list[PageRef]:
    return [routes.glossary()]


FAMILY = Family(
    kind="glossary",
    context=context,
    title=lambda page: page.t("glossary_title"),
    description=lambda page: shorten(page.t("glossary_intro")),
    pages=_pages,
    sources=site_sources("glossary.yml"),
    menu_label=lambda page: page.t("menu_glossary"),
    search_weight=REFERENCE,
)
