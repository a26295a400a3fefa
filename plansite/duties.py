"""The responsibility matrix: what every plan asks of every agency, worked out once.

The plan only implies it, through the "Cơ quan chủ trì tham mưu / phối hợp" lines
under each sub-task and the addressees of section IV. Used by ``render`` (agency
pages, the agency index, the matrix) and by ``export`` (per-agency workbooks and
calendars), so pages and downloads can never disagree.
"""

from __future__ import annotations

import dataclasses
from enum import StrEnum

from plansite.load import PlanData, SiteData
from plansite.models import Block, Document, ImplementationItem, Task


class Role(StrEnum):
    """How a sub-task concerns an agency."""

    lead = "lead"  # named on the "Cơ quan chủ trì tham mưu" line
    coordinate = "coordinate"  # named on the "Cơ quan phối hợp thực hiện" line
    member = "member"  # a collective it belongs to is named on the coordinate line
    mentioned = "mentioned"  # named in the sub-task's text, not assigned


class ReportingRole(StrEnum):
    """How the yearly report of section IV concerns an agency."""

    sends = "sends"  # among the senders, directly or as a member of a collective
    receives = "receives"  # the report is sent to it
    compiles = "compiles"  # the report goes through it, for monitoring and compiling


@dataclasses.dataclass(frozen=True)
class TaskDuty:
    area_id: str
    block: Block
    task: Task
    role: Role
    via: str | None = None  # the collective, for Role.member


@dataclasses.dataclass(frozen=True)
class ItemDuty:
    """An item of section IV addressed to the agency, directly or through a collective."""

    item: ImplementationItem
    via: str | None = None


@dataclasses.dataclass(frozen=True)
class ReportingDuty:
    role: ReportingRole
    via: str | None = None  # the collective, when the agency sends as one of its members


@dataclasses.dataclass(frozen=True)
class PlanDuties:
    """Everything one plan says of one agency."""

    plan: PlanData
    tasks: tuple[TaskDuty, ...]
    items: tuple[ItemDuty, ...]
    reporting: tuple[ReportingDuty, ...]
    issued_plan: bool
    issued_documents: tuple[Document, ...]
    recipient: bool

    def with_role(self, role: Role, via: str | None = None) -> list[TaskDuty]:
        return [d for d in self.tasks if d.role is role and (via is None or d.via == via)]

    @property
    def assigned(self) -> bool:
        """Does the plan give the agency work: a sub-task to lead or coordinate (by name or
        as a member), an item of section IV, or the yearly report to send or compile?"""
        return (
            any(d.role is not Role.mentioned for d in self.tasks)
            or bool(self.items)
            or any(r.role is not ReportingRole.receives for r in self.reporting)
        )

    @property
    def is_empty(self) -> bool:
        return not (self.tasks or self.items or self.reporting or self.issued_plan or self.issued_documents or self.recipient)


def members(site: SiteData, collective_id: str) -> list[str]:
    """The agencies that belong to a collective, in the order of agencies.yml."""
    return [a.id for a in site.agencies.values() if collective_id in a.member_of]


def plan_duties(site: SiteData, data: PlanData, agency_id: str) -> PlanDuties:
    collectives = site.agencies[agency_id].member_of
    tasks: list[TaskDuty] = []
    for area_id, block, task in data.all_tasks():
        if agency_id in block.lead:
            tasks.append(TaskDuty(area_id, block, task, Role.lead))
        elif agency_id in block.coordinate:
            tasks.append(TaskDuty(area_id, block, task, Role.coordinate))
        else:
            # A sub-task it leads or coordinates by name is listed once, under that role.
            tasks += [TaskDuty(area_id, block, task, Role.member, c) for c in collectives if c in block.coordinate]
        if agency_id in task.mentions:
            tasks.append(TaskDuty(area_id, block, task, Role.mentioned))

    implementation = data.plan.implementation
    items: list[ItemDuty] = []
    for item in implementation.items:
        if agency_id in item.addressed_to:
            items.append(ItemDuty(item))
        else:
            items += [ItemDuty(item, c) for c in collectives if c in item.addressed_to]

    report = implementation.reporting
    reporting: list[ReportingDuty] = []
    if agency_id in report.from_:
        reporting.append(ReportingDuty(ReportingRole.sends))
    else:
        reporting += [ReportingDuty(ReportingRole.sends, c) for c in collectives if c in report.from_]
    if agency_id == report.to:
        reporting.append(ReportingDuty(ReportingRole.receives))
    if agency_id == report.via:
        reporting.append(ReportingDuty(ReportingRole.compiles))

    plan = data.plan
    return PlanDuties(
        plan=data,
        tasks=tuple(tasks),
        items=tuple(items),
        reporting=tuple(reporting),
        issued_plan=plan.issuer == agency_id,
        issued_documents=tuple(d for d in plan.documents if d.issuer == agency_id),
        recipient=any(r.agency == agency_id for r in plan.recipients.items),
    )


def agency_duties(site: SiteData, agency_id: str) -> list[PlanDuties]:
    """What every plan says of ``agency_id``, one entry per plan in the site's order."""
    return [plan_duties(site, data, agency_id) for data in site.plans.values()]


def count(duties: list[PlanDuties], role: Role) -> int:
    """Sub-tasks across all plans in which the agency has ``role`` (each counted once)."""
    return sum(len({d.task.id for d in plan.with_role(role)}) for plan in duties)
