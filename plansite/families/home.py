"""The home page: each plan's title, status, key targets and task areas, and the ways in."""

from __future__ import annotations

import dataclasses

from plansite import routes
from plansite.families.base import Family, PageInput, PlanContext
from plansite.load import SiteData
from plansite.models import Target, TargetBullet
from plansite.routes import PageRef
from plansite.seo import shorten


@dataclasses.dataclass(frozen=True)
class HomePlan(PlanContext):
    key_targets: list[tuple[TargetBullet, Target]]


@dataclasses.dataclass(frozen=True)
class HomeContext:
    plans: list[HomePlan]


def context(page: PageInput) -> HomeContext:
    plans = []
    for plan_id, data in page.site.plans.items():
        key_targets = [(bullet, target) for bullet, target in data.all_targets() if target.key]
        plans.append(HomePlan(data, data.plan, page.words.plan_name(plan_id, page.lang), key_targets))
    return HomeContext(plans)


def _pages(site: SiteData, plan_id: str | None) -> list[PageRef]:
    return [routes.home()]


FAMILY = Family(
    kind="home",
    context=context,
    title=lambda page: page.t("home_title"),
    description=lambda page: shorten(page.t("home_intro")),
    pages=_pages,
)
