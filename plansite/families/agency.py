"""An agency's page: its duties at a glance (the tasks it leads by title, with the agencies
that coordinate and the timeline; what it reports, to whom and by when; what it
coordinates; its duty sheet), then everything else each plan asks of it, by role."""

from __future__ import annotations

import dataclasses

from plansite import routes
from plansite.duties import PlanDuties, Role, TaskDuty, agency_duties, members
from plansite.families.base import Family, PageInput, site_sources
from plansite.load import SiteData
from plansite.models import Agency, AgencyKind, Plan, Term, Text
from plansite.opendata.listing import FileKind, ListedFile
from plansite.routes import PageRef
from plansite.seo import shorten


@dataclasses.dataclass(frozen=True)
class LeadGroup:
    """Sub-tasks the agency leads, one after the other in the plan, that share their
    coordinating agencies and timeline: the page says those once, under their titles."""

    duties: list[TaskDuty]
    coordinate: list[str]
    timeline: Text


def lead_groups(duties: list[TaskDuty]) -> list[LeadGroup]:
    """``duties`` in runs that share their coordinating agencies and timeline."""
    groups: list[LeadGroup] = []
    for duty in duties:
        block = duty.block
        last = groups[-1] if groups else None
        if last and last.coordinate == block.coordinate and last.timeline == block.timeline.text:
            last.duties.append(duty)
        else:
            groups.append(LeadGroup([duty], block.coordinate, block.timeline.text))
    return groups


@dataclasses.dataclass(frozen=True)
class AgencyPlan:
    """What one plan says of the agency, sorted by role for the page."""

    duties: PlanDuties
    plan: Plan
    heading: str
    lead: list[LeadGroup]
    coordinate: list[TaskDuty]
    member: list[tuple[str, list[TaskDuty]]]  # (collective, its sub-tasks)
    mentioned: list[TaskDuty]
    reporting: list[str]
    reporting_due: str
    report_heading: str  # "Báo cáo hằng năm: trước ngày 30/10 hằng năm", for the glance
    report_roles: list[str]  # the agency's part in the report, in a few words each


@dataclasses.dataclass(frozen=True)
class AgencyContext:
    agency_data: Agency
    plans: list[AgencyPlan]
    untranslated: list[str]  # the names of plans that concern it, not translated into the page's language
    members: list[str]
    listed_apart: list[tuple[str, str, str]]  # (plan name, collective, this agency)
    listed_apart_members: list[tuple[str, str, str]]  # (plan name, this collective, member)
    calendar: ListedFile | None
    duty_sheet: ListedFile | None
    duty_sheet_pdf: ListedFile | None  # made by the build only (plansite.pdf)
    name_abbreviations: list[tuple[str, Term]]  # those its name uses, explained
    address: str
    editors_numbers: bool  # some of its sub-tasks have numbers the editors gave ("[5.1]")


def listed_apart(site: SiteData, agency_id: str) -> list[tuple[str, str]]:
    """(plan, collective) pairs where a plan's recipients name a district body apart
    from a collective of district bodies it is not a member of. The plan then
    addresses it separately, so it does not inherit that collective's duties."""
    agency = site.agencies[agency_id]
    if agency.kind not in (AgencyKind.district_office, AgencyKind.district_body):
        return []
    found = []
    for plan_id, data in site.plans.items():
        named = [r.agency for r in data.plan.recipients.items if r.agency]
        if agency_id not in named:
            continue
        for other in named:
            if other not in agency.member_of and members(site, other):
                found.append((plan_id, other))
    return found


def context(page: PageInput) -> AgencyContext:
    assert page.ref.agency
    site, words, lang = page.site, page.words, page.lang
    agency = site.agencies[page.ref.agency]
    plans = []
    untranslated = []
    for duties in agency_duties(site, agency.id):
        plan_id = duties.plan.id
        if not duties.plan.has(lang):
            if not duties.is_empty:
                untranslated.append(words.plan_name(plan_id, lang))
            continue
        report = duties.plan.plan.implementation.reporting
        plans.append(
            AgencyPlan(
                duties=duties,
                plan=duties.plan.plan,
                heading=page.t("plan_heading", plan=words.plan_name(plan_id, lang), date=words.date(duties.plan.plan.date, lang)),
                lead=lead_groups(duties.with_role(Role.lead)),
                coordinate=duties.with_role(Role.coordinate),
                member=[(c, duties.with_role(Role.member, c)) for c in agency.member_of],
                mentioned=duties.with_role(Role.mentioned),
                reporting=[words.reporting_duty(plan_id, duty, agency.id, lang) for duty in duties.reporting],
                reporting_due=words.reporting_due(plan_id, lang),
                report_heading=page.t("glance_report", deadline=report.deadline_text[lang]),
                report_roles=[words.duty_role(duty.role.value, duty.via, lang) for duty in duties.reporting],
            )
        )
    apart = [(words.plan_name(plan_id, lang), collective, agency.id) for plan_id, collective in listed_apart(site, agency.id)]
    apart_members = [
        (words.plan_name(plan_id, lang), agency.id, other)
        for other in site.agencies
        for plan_id, collective in listed_apart(site, other)
        if collective == agency.id
    ]
    files = [f for f in page.data_files() if f.agency_id == agency.id and f.lang in (None, lang)]
    by_kind = {(f.kind, f.format): f for f in files}
    return AgencyContext(
        agency_data=agency,
        plans=plans,
        untranslated=untranslated,
        members=members(site, agency.id),
        listed_apart=apart,
        listed_apart_members=apart_members,
        calendar=by_kind.get((FileKind.calendar, "ics")),
        duty_sheet=by_kind.get((FileKind.duty_sheet, "xlsx")),
        duty_sheet_pdf=by_kind.get((FileKind.duty_sheet, "pdf")),
        name_abbreviations=words.abbreviations([agency.name.vi]),
        address=page.address(),
        editors_numbers=any(not duty.task.numbered for p in plans for duty in p.duties.tasks),
    )


def title(page: PageInput) -> str:
    assert page.ref.agency
    return page.words.agency_title(page.ref.agency, page.lang)


def _pages(site: SiteData, plan_id: str | None) -> list[PageRef]:
    return [routes.agency(agency_id) for agency_id in site.agencies]


FAMILY = Family(
    kind="agency",
    context=context,
    title=title,
    description=lambda page: shorten(page.t("agency_description", agency=page.words.inline_name(page.ref.agency or "", page.lang))),
    pages=_pages,
    sources=site_sources("agencies.yml", ""),
    in_menu=False,
)
