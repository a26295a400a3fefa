"""The rows of each open-data table, built from the data (one function per table).

Each function takes the site and a key (a plan id, an agency id, or None for the
whole site, as ``tables.Scope`` says) and yields dicts whose keys are the table's
columns in order; ``tables.table_rows`` checks that they match.
"""

from __future__ import annotations

from collections.abc import Iterator

from plansite.duties import Role, agency_duties
from plansite.languages import CODES
from plansite.load import PlanData, SiteData
from plansite.models import Block, Multilingual

Value = str | int | float | None
Row = dict[str, Value]


def in_languages(name: str, text: Multilingual | None) -> Row:
    """A text's columns, one per language ("title_vi", "title_en"): empty where the text
    is absent or not translated yet."""
    return {f"{name}_{lang}": (text.get(lang) or "") if text else "" for lang in CODES}


def _plan(site: SiteData, plan_id: str | None) -> PlanData:
    assert plan_id is not None
    return site.plans[plan_id]


def _assignment_fields(block: Block) -> Row:
    """The columns a sub-task's rows take from its assignment block (tasks and duty tables)."""
    return {
        **in_languages("timeline", block.timeline.text),
        "timeline_kind": block.timeline.kind.value,
        "from_year": block.timeline.from_year,
        "lead_agency_ids": ";".join(block.lead),
        "coordinate_agency_ids": ";".join(block.coordinate),
    }


def _number(value: float | None) -> int | float | None:
    """97.5 stays 97.5; 100.0 is written 100."""
    return int(value) if value is not None and value.is_integer() else value


def task_rows(site: SiteData, plan_id: str | None) -> Iterator[Row]:
    data = _plan(site, plan_id)
    for area_id, block, task in data.all_tasks():
        yield {
            "plan_id": data.id,
            "task_id": task.id,
            "area_id": area_id,
            "label": task.label or "",
            **in_languages("title", task.title),
            **in_languages("text", task.text),
            **_assignment_fields(block),
        }


def responsibility_rows(site: SiteData, plan_id: str | None) -> Iterator[Row]:
    data = _plan(site, plan_id)
    for _, block, task in data.all_tasks():
        for role, agency_ids in ((Role.lead, block.lead), (Role.coordinate, block.coordinate)):
            for agency_id in agency_ids:
                name = site.agencies[agency_id].name
                yield {
                    "plan_id": data.id,
                    "task_id": task.id,
                    "agency_id": agency_id,
                    **in_languages("agency_name", name),
                    "role": role.value,
                }


def target_rows(site: SiteData, plan_id: str | None) -> Iterator[Row]:
    data = _plan(site, plan_id)
    for bullet, target in data.all_targets():
        unit = site.units[target.unit].label if target.unit else None
        yield {
            "plan_id": data.id,
            "target_id": target.id,
            **in_languages("group", bullet.group),
            **in_languages("text", target.clause),
            **in_languages("measure", target.measure),
            "strive": "true" if target.strive else "false",
            "comparator": target.comparator.value if target.comparator else "",
            "value": _number(target.value),
            "value_max": _number(target.value_max),
            "unit": target.unit or "",
            **in_languages("unit", unit),
            "year": data.targets.year,
        }


def agency_rows(site: SiteData, _: str | None) -> Iterator[Row]:
    for agency in site.agencies.values():
        yield {
            "agency_id": agency.id,
            **in_languages("name", agency.name),
            "kind": agency.kind.value,
            "member_of": ";".join(agency.member_of),
            "spellings": ";".join(agency.spellings),
            "ended": agency.ended.isoformat() if agency.ended else "",
        }


def duty_rows(site: SiteData, agency_id: str | None) -> Iterator[Row]:
    assert agency_id is not None
    for duties in agency_duties(site, agency_id):
        for duty in duties.tasks:
            block, task = duty.block, duty.task
            yield {
                "agency_id": agency_id,
                "plan_id": duties.plan.id,
                "task_id": task.id,
                "area_id": duty.area_id,
                "role": duty.role.value,
                "via_agency_id": duty.via or "",
                **in_languages("title", task.title),
                **_assignment_fields(block),
            }


def implementation_rows(site: SiteData, agency_id: str | None) -> Iterator[Row]:
    assert agency_id is not None
    for duties in agency_duties(site, agency_id):
        for duty in duties.items:
            yield {
                "agency_id": agency_id,
                "plan_id": duties.plan.id,
                "item": duty.item.number or "",
                "via_agency_id": duty.via or "",
                **in_languages("text", duty.item.text),
            }


def reporting_rows(site: SiteData, agency_id: str | None) -> Iterator[Row]:
    assert agency_id is not None
    for duties in agency_duties(site, agency_id):
        report = duties.plan.plan.implementation.reporting
        for duty in duties.reporting:
            yield {
                "agency_id": agency_id,
                "plan_id": duties.plan.id,
                "role": duty.role.value,
                "via_agency_id": duty.via or "",
                **in_languages("what", report.what),
                "to_agency_id": report.to,
                "through_agency_id": report.via,
                **in_languages("deadline", report.deadline_text),
                "due_month": report.due_month,
                "due_day": report.due_day,
                "first_year": report.first_year,
            }
