"""The agency index: every body the plans name, grouped by kind, with its count of sub-tasks by role."""

from __future__ import annotations

import dataclasses

from plansite import routes
from plansite.duties import Role, agency_duties, count
from plansite.families.base import Family, PageInput
from plansite.load import SiteData
from plansite.models import AgencyKind
from plansite.routes import PageRef
from plansite.seo import shorten

# The order the index lists the kinds of body in: those with most to do first.
KIND_ORDER = (AgencyKind.district_office, AgencyKind.district_body, AgencyKind.collective, AgencyKind.higher_level, AgencyKind.recipient)


@dataclasses.dataclass(frozen=True)
class AgencyCounts:
    id: str
    lead: int
    coordinate: int
    member: int


@dataclasses.dataclass(frozen=True)
class AgenciesContext:
    groups: list[tuple[AgencyKind, list[AgencyCounts]]]
    plan_ids: list[str]


def counts(site: SiteData, agency_id: str) -> AgencyCounts:
    duties = agency_duties(site, agency_id)
    return AgencyCounts(agency_id, count(duties, Role.lead), count(duties, Role.coordinate), count(duties, Role.member))


def context(page: PageInput) -> AgenciesContext:
    groups = []
    for kind in KIND_ORDER:
        rows = [counts(page.site, a.id) for a in page.site.agencies.values() if a.kind is kind]
        if rows:
            groups.append((kind, rows))
    return AgenciesContext(groups, list(page.site.plans))


def _pages(site: SiteData, plan_id: str | None) -> list[PageRef]:
    return [routes.agencies()]


FAMILY = Family(
    kind="agencies",
    context=context,
    title=lambda page: page.t("agencies_title"),
    description=lambda page: shorten(page.t("agencies_intro")),
    pages=_pages,
)
