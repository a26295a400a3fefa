"""The agency index, grouped by what readers look for: the district offices and other
bodies the plans give work to, with their sub-tasks counted by role; the groups of
bodies; then the bodies the plans name without giving them work, each with why."""

from __future__ import annotations

import dataclasses

from plansite import routes
from plansite.duties import PlanDuties, ReportingRole, Role, TaskDuty, agency_duties, count
from plansite.families.base import Family, PageInput, site_sources
from plansite.load import SiteData
from plansite.models import AgencyKind, Term
from plansite.routes import PageRef
from plansite.seo import shorten

# The order the index lists the kinds of body in: those with most to do first.
KIND_ORDER = (AgencyKind.district_office, AgencyKind.district_body, AgencyKind.collective, AgencyKind.higher_level, AgencyKind.recipient)
# The sub-task counts a table can show, in column order.
COUNTED = (Role.lead, Role.coordinate, Role.member)


@dataclasses.dataclass(frozen=True)
class AgencyCounts:
    id: str
    counts: dict[Role, int]


@dataclasses.dataclass(frozen=True)
class KindTable:
    """The bodies of one kind that the plans give work to, and the counts shown: a
    column that would be zero in every row is left out."""

    kind: AgencyKind
    roles: list[Role]
    rows: list[AgencyCounts]


@dataclasses.dataclass(frozen=True)
class Naming:
    """What one plan says of a body it gives no work."""

    duties: PlanDuties
    receives: bool  # the yearly reports are sent to it
    mentioned: list[TaskDuty]  # sub-tasks whose text names it


@dataclasses.dataclass(frozen=True)
class NamedBody:
    """A body the plans name without giving it work, and what each plan says of it."""

    id: str
    namings: list[Naming]


@dataclasses.dataclass(frozen=True)
class AgenciesContext:
    tables: list[KindTable]
    apart: list[tuple[str, list[NamedBody]]]  # (why it is named, the bodies)
    recipient_abbreviations: list[tuple[str, list[tuple[str, Term]]]]  # (plan id, those of its recipients list)
    plan_ids: list[str]  # the plans published in the page's language


def counts(site: SiteData, agency_id: str) -> AgencyCounts:
    duties = agency_duties(site, agency_id)
    return AgencyCounts(agency_id, {role: count(duties, role) for role in COUNTED})


def why_named(duties: list[PlanDuties]) -> str:
    """Why the plans name a body they give no work: "issuers" (of the plan or of the
    documents it implements, or the body the reports go to), "mentioned" (in a
    sub-task's text) or "recipients" (the plan is sent to it)."""
    if any(d.issued_plan or d.issued_documents or any(r.role is ReportingRole.receives for r in d.reporting) for d in duties):
        return "issuers"
    if any(d.with_role(Role.mentioned) for d in duties):
        return "mentioned"
    return "recipients"


def context(page: PageInput) -> AgenciesContext:
    site = page.site
    tables = []
    apart: dict[str, list[NamedBody]] = {"issuers": [], "mentioned": [], "recipients": []}
    for kind in KIND_ORDER:
        rows = []
        for agency in (a for a in site.agencies.values() if a.kind is kind):
            duties = agency_duties(site, agency.id)
            if any(d.assigned for d in duties):
                rows.append(counts(site, agency.id))
            else:
                # What a plan not published in this language says of the body is on its Vietnamese page.
                namings = [
                    Naming(d, any(r.role is ReportingRole.receives for r in d.reporting), d.with_role(Role.mentioned))
                    for d in duties
                    if not d.is_empty and d.plan.has(page.lang)
                ]
                apart[why_named(duties)].append(NamedBody(agency.id, namings))
        if rows:
            tables.append(KindTable(kind, [role for role in COUNTED if any(row.counts[role] for row in rows)], rows))
    published = [plan_id for plan_id, data in site.plans.items() if data.has(page.lang)]
    found = [(plan_id, page.words.recipients_abbreviations(plan_id)) for plan_id in published]
    return AgenciesContext(
        tables=tables,
        apart=[(why, bodies) for why, bodies in apart.items() if bodies],
        recipient_abbreviations=[(plan_id, abbreviations) for plan_id, abbreviations in found if abbreviations],
        plan_ids=published,
    )


def _pages(site: SiteData, plan_id: str | None) -> list[PageRef]:
    return [routes.agencies()]


FAMILY = Family(
    kind="agencies",
    context=context,
    title=lambda page: page.t("agencies_title"),
    description=lambda page: shorten(page.t("agencies_intro")),
    pages=_pages,
    sources=site_sources("agencies.yml", ""),
)
