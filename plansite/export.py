"""Open data: every plan's tasks, targets and responsibilities, and the agencies, as
CSV and JSON (UTF-8), one file per table with ``_vi`` and ``_en`` columns side by side.

``TABLES`` defines each table's columns once; the files, and the data dictionary on
the downloads page, are made from it. Called by ``python -m plansite export``.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Callable, Iterator
from pathlib import Path

from plansite.load import PlanData, SiteData

Row = dict[str, str | int | float | None]


@dataclasses.dataclass(frozen=True)
class Column:
    name: str
    type: str  # "string", "integer" or "number"
    allowed: str = ""  # allowed values, where the column has a closed set


@dataclasses.dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    rows: Callable[[SiteData, PlanData | None], Iterator[Row]]
    per_plan: bool = True

    def file_name(self, fmt: str) -> str:
        return f"{self.name}.{fmt}"


def _s(*names: str) -> tuple[Column, ...]:
    return tuple(Column(n, "string") for n in names)


def _task_rows(site: SiteData, data: PlanData | None) -> Iterator[Row]:
    assert data is not None
    for area_id, block, task in data.all_tasks():
        yield {
            "plan_id": data.id,
            "task_id": task.id,
            "area_id": area_id,
            "label": task.label or "",
            "title_vi": task.title.vi,
            "title_en": task.title.en,
            "text_vi": task.text.vi,
            "text_en": task.text.en,
            "timeline_vi": block.timeline.text.vi,
            "timeline_en": block.timeline.text.en,
            "timeline_kind": block.timeline.kind.value,
            "from_year": block.timeline.from_year,
            "lead_agency_ids": ";".join(block.lead),
            "coordinate_agency_ids": ";".join(block.coordinate),
        }


def _responsibility_rows(site: SiteData, data: PlanData | None) -> Iterator[Row]:
    assert data is not None
    for _, block, task in data.all_tasks():
        for role, agency_ids in (("lead", block.lead), ("coordinate", block.coordinate)):
            for agency_id in agency_ids:
                name = site.agencies[agency_id].name
                yield {
                    "plan_id": data.id,
                    "task_id": task.id,
                    "agency_id": agency_id,
                    "agency_name_vi": name.vi,
                    "agency_name_en": name.en,
                    "role": role,
                }


def _number(value: float | None) -> int | float | None:
    """97.5 stays 97.5; 100.0 is written 100."""
    return int(value) if value is not None and value.is_integer() else value


def _target_rows(site: SiteData, data: PlanData | None) -> Iterator[Row]:
    assert data is not None
    for bullet, target in data.all_targets():
        unit = site.units[target.unit].label if target.unit else None
        yield {
            "plan_id": data.id,
            "target_id": target.id,
            "group_vi": bullet.group.vi,
            "group_en": bullet.group.en,
            "text_vi": target.clause.vi,
            "text_en": target.clause.en,
            "measure_vi": target.measure.vi if target.measure else "",
            "measure_en": target.measure.en if target.measure else "",
            "comparator": target.comparator.value if target.comparator else "",
            "value": _number(target.value),
            "value_max": _number(target.value_max),
            "unit": target.unit or "",
            "unit_vi": unit.vi if unit else "",
            "unit_en": unit.en if unit else "",
            "year": data.targets.year,
        }


def _agency_rows(site: SiteData, data: PlanData | None) -> Iterator[Row]:
    for agency in site.agencies.values():
        yield {
            "agency_id": agency.id,
            "name_vi": agency.name.vi,
            "name_en": agency.name.en,
            "kind": agency.kind.value,
            "member_of": ";".join(agency.member_of),
            "spellings": ";".join(agency.spellings),
        }


TABLES = (
    Table(
        "tasks",
        (
            *_s("plan_id", "task_id", "area_id", "label", "title_vi", "title_en", "text_vi", "text_en", "timeline_vi", "timeline_en"),
            Column("timeline_kind", "string", "ongoing, from_year"),
            Column("from_year", "integer"),
            *_s("lead_agency_ids", "coordinate_agency_ids"),
        ),
        _task_rows,
    ),
    Table(
        "responsibilities",
        (*_s("plan_id", "task_id", "agency_id", "agency_name_vi", "agency_name_en"), Column("role", "string", "lead, coordinate")),
        _responsibility_rows,
    ),
    Table(
        "targets",
        (
            *_s("plan_id", "target_id", "group_vi", "group_en", "text_vi", "text_en", "measure_vi", "measure_en"),
            Column("comparator", "string", "lt, le, eq, ge, gt, approx, range, (empty)"),
            Column("value", "number"),
            Column("value_max", "number"),
            *_s("unit", "unit_vi", "unit_en"),
            Column("year", "integer"),
        ),
        _target_rows,
    ),
    Table(
        "agencies",
        (
            *_s("agency_id", "name_vi", "name_en"),
            Column("kind", "string", "district_office, district_body, collective, recipient, higher_level"),
            *_s("member_of", "spellings"),
        ),
        _agency_rows,
        per_plan=False,
    ),
)


def csv_text(table: Table, rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=[c.name for c in table.columns], lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: ("" if v is None else v) for k, v in row.items()} for row in rows)
    return out.getvalue()


def json_text(rows: list[Row]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"


def table_rows(site: SiteData, table: Table, plan_id: str | None = None) -> list[Row]:
    rows = list(table.rows(site, site.plans[plan_id] if plan_id else None))
    names = [c.name for c in table.columns]
    for row in rows:
        assert list(row) == names, f"{table.name}: row keys {list(row)} differ from the columns {names}"
    return rows


def export_paths(site: SiteData) -> Iterator[tuple[str, Table, str | None]]:
    """Every open-data file as (path under the data folder, table, plan id)."""
    for table in TABLES:
        for fmt in ("csv", "json"):
            if table.per_plan:
                for plan_id in site.plans:
                    yield f"{plan_id}/{table.file_name(fmt)}", table, plan_id
            else:
                yield table.file_name(fmt), table, None


def write_exports(site: SiteData, out: Path) -> list[Path]:
    written = []
    for relative, table, plan_id in export_paths(site):
        rows = table_rows(site, table, plan_id)
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(csv_text(table, rows) if relative.endswith(".csv") else json_text(rows), encoding="utf-8")
        written.append(path)
    return written
