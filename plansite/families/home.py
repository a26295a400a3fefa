"""The home page as a public service, built for a phone's first screen and a half: what
the site is in one sentence; for each plan its status in one line, the ways in by
question (what the plan sets out for each group of people, each agency's duties, the
data), then a document box (number, type, issuer, signer, date; its long fields, the
subject, what it implements and the abbreviations, folded in a ``<details>``), a dated
timeline, a few key targets and the task areas."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from plansite import routes
from plansite.families.base import Family, PageInput, PlanContext
from plansite.load import PlanData, SiteData
from plansite.models import Document, PlanGuide, Target, TargetBullet
from plansite.routes import PageRef
from plansite.seo import shorten
from plansite.wording import Wording, sentence


@dataclasses.dataclass(frozen=True)
class Milestone:
    """One line of the timeline: when (as shown, and for machines), what, and where to read more."""

    when: str
    iso: str | None  # a date or a year for <time datetime>; None for what recurs
    what: str
    page: PageRef
    anchor: str | None
    order: dt.date


@dataclasses.dataclass(frozen=True)
class HomePlan(PlanContext):
    key_targets: list[tuple[TargetBullet, Target]]
    guide: PlanGuide
    implements: list[Document]
    timeline: list[Milestone]
    areas_heading: str


@dataclasses.dataclass(frozen=True)
class UntranslatedPlan:
    """A plan not translated into the page's language: named, and linked to its page there."""

    plan_name: str
    page: PageRef


@dataclasses.dataclass(frozen=True)
class HomeContext:
    site_name: str
    description: str
    plans: list[HomePlan]
    untranslated: list[UntranslatedPlan]


def timeline(words: Wording, data: PlanData, guide: PlanGuide, lang: str) -> list[Milestone]:
    """The plan's dates in order: issued, the yearly report, the editors' events (the end
    of the district level), the targets' year and the vision's."""
    plan, objectives = data.plan, data.plan.objectives.specific
    reporting = plan.implementation.reporting
    first_report = dt.date(reporting.first_year, reporting.due_month, reporting.due_day)
    targets = routes.targets(data.id)
    milestones = [
        Milestone(
            words.date(plan.date, lang),
            plan.date.isoformat(),
            sentence(words.t(lang, "timeline_issued", issuer=words.inline_name(plan.issuer, lang))),
            routes.documents(data.id),
            f"doc-{plan.id}",
            plan.date,
        ),
        Milestone(
            words.t(lang, "timeline_every_year", deadline=reporting.deadline_text[lang]),
            None,
            sentence(words.t(lang, "timeline_report", **{"from": words.names(reporting.from_, lang)})),
            routes.implementation(data.id),
            "reporting",
            first_report,
        ),
        Milestone(
            words.t(lang, "timeline_year", year=data.targets.year),
            str(data.targets.year),
            objectives.targets.heading[lang],
            targets,
            "specific",
            dt.date(data.targets.year, 12, 31),
        ),
    ]
    for event in guide.events:
        # Read more in the plan's status, under the document box.
        status = routes.status_anchor(plan.id)
        milestones.append(
            Milestone(words.date(event.date, lang), event.date.isoformat(), event.text[lang], routes.home(), status, event.date)
        )
    # The check makes sure a plan with a vision year has a vision.
    if guide.vision_year is not None and objectives.vision is not None:
        year = guide.vision_year
        milestones.append(
            Milestone(
                words.t(lang, "timeline_year", year=year),
                str(year),
                objectives.vision.heading[lang],
                targets,
                "vision",
                dt.date(year, 12, 31),
            )
        )
    return sorted(milestones, key=lambda milestone: milestone.order)


def context(page: PageInput) -> HomeContext:
    settings = page.site.settings
    plans = []
    untranslated = []
    for plan_id, data in page.site.plans.items():
        if not data.has(page.lang):
            untranslated.append(UntranslatedPlan(page.words.plan_name(plan_id, page.lang), routes.untranslated(plan_id)))
            continue
        key_targets = [(bullet, target) for bullet, target in data.all_targets() if target.key]
        guide = settings.plans.get(plan_id, PlanGuide())
        documents = {document.id: document for document in data.plan.documents}
        plans.append(
            HomePlan(
                data,
                data.plan,
                page.words.plan_name(plan_id, page.lang),
                key_targets,
                guide,
                [documents[ref] for ref in data.plan.implements],
                timeline(page.words, data, guide, page.lang),
                page.words.areas_heading(plan_id, page.lang),
            )
        )
    return HomeContext(settings.name[page.lang], settings.description[page.lang], plans, untranslated)


def _sources(site: SiteData, page: PageRef) -> list[Path]:
    """The document box, status and timeline are the first plan's (plan.yml, to edit);
    the page summarises all the data."""
    first = next(iter(site.plans.values()))
    return [first.folder / "plan.yml", site.data_dir]


def _pages(site: SiteData, plan_id: str | None) -> list[PageRef]:
    return [routes.home()]


FAMILY = Family(
    kind="home",
    context=context,
    title=lambda page: page.t("home_title"),
    description=lambda page: shorten(page.site.settings.description[page.lang]),
    pages=_pages,
    sources=_sources,
    status_line=False,
)
