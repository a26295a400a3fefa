"""The one table of page families: which kinds of page the site has, in menu order.

``all_pages`` (what ``pages`` writes stubs for and the navigation lists), the
renderer (``render``) and the macros all read ``FAMILIES``; adding a page family is
one module under ``families/`` and one line here.
"""

from __future__ import annotations

from plansite.families import (
    agencies,
    agency,
    area,
    dictionary,
    documents,
    downloads,
    full_text,
    glossary,
    group,
    groups,
    home,
    implementation,
    matrix,
    targets,
    untranslated,
)
from plansite.families.base import AnyFamily
from plansite.load import SiteData
from plansite.routes import PageRef

# In the order of the site: the home page, each plan's pages, then the site-wide pages.
FAMILIES: dict[str, AnyFamily] = {
    family.kind: family
    for family in (
        home.FAMILY,
        untranslated.FAMILY,
        groups.FAMILY,
        group.FAMILY,
        targets.FAMILY,
        area.FAMILY,
        matrix.FAMILY,
        implementation.FAMILY,
        documents.FAMILY,
        full_text.FAMILY,
        agencies.FAMILY,
        agency.FAMILY,
        downloads.FAMILY,
        dictionary.FAMILY,
        glossary.FAMILY,
    )
}


def plan_pages(site: SiteData, plan_id: str) -> list[PageRef]:
    """The pages of one plan, in menu order."""
    return [ref for family in FAMILIES.values() if family.per_plan for ref in family.pages(site, plan_id)]


def all_pages(site: SiteData) -> list[PageRef]:
    """Every page of the site, in menu order: site pages before the first plan family,
    each plan's pages, then the rest of the site pages."""
    order = list(FAMILIES.values())
    first_plan = next(i for i, family in enumerate(order) if family.per_plan)
    pages = [ref for family in order[:first_plan] if not family.per_plan for ref in family.pages(site, None)]
    for plan_id in site.plans:
        pages += plan_pages(site, plan_id)
    pages += [ref for family in order[first_plan:] if not family.per_plan for ref in family.pages(site, None)]
    return pages


def editions(site: SiteData, page: PageRef) -> tuple[str, ...]:
    """The languages ``page`` is published in."""
    return FAMILIES[page.kind].editions(site, page)


def published(site: SiteData) -> list[tuple[PageRef, str]]:
    """Every page of the site with each language it is published in."""
    return [(page, lang) for page in all_pages(site) for lang in editions(site, page)]


def pages_in(site: SiteData, lang: str) -> list[PageRef]:
    """Every page of the site published in ``lang``, in menu order."""
    return [page for page in all_pages(site) if lang in editions(site, page)]
