"""The open-data tables: each table's columns defined once, with the function that
builds its rows. The CSV/JSON/XLSX files and the data dictionary are all made from
``TABLES``, so a column cannot exist in one and be missing from another.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from enum import StrEnum

from plansite.duties import ReportingRole, Role
from plansite.languages import CODES
from plansite.load import SiteData
from plansite.models import AgencyKind, Comparator, TimelineKind
from plansite.opendata import rows
from plansite.opendata.rows import Row


class Scope(StrEnum):
    """What one copy of a table covers, and so what its ``rows`` function is given."""

    plan = "plan"  # one plan: given the plan id
    site = "site"  # the whole site: given None
    agency = "agency"  # one agency, across all plans: given the agency id


@dataclasses.dataclass(frozen=True)
class Column:
    name: str
    type: str  # "string", "integer" or "number"
    allowed: tuple[str, ...] = ()  # the closed set of values, where there is one ("" = empty)


@dataclasses.dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    rows: Callable[[SiteData, str | None], Iterator[Row]]
    scope: Scope = Scope.plan

    def file_name(self, fmt: str) -> str:
        return f"{self.name}.{fmt}"


def _s(*names: str) -> tuple[Column, ...]:
    return tuple(Column(n, "string") for n in names)


def _texts(name: str) -> tuple[Column, ...]:
    """A text's columns, one per language of languages.yml: "title_vi", "title_en"."""
    return tuple(Column(f"{name}_{lang}", "string") for lang in CODES)


def _values(enum: type[StrEnum], *extra: str) -> tuple[str, ...]:
    return (*(member.value for member in enum), *extra)


_TIMELINE = (Column("timeline_kind", "string", _values(TimelineKind)), Column("from_year", "integer"))

TABLES = (
    Table(
        "tasks",
        (
            *_s("plan_id", "task_id", "area_id", "label"),
            *_texts("title"),
            *_texts("text"),
            *_texts("timeline"),
            *_TIMELINE,
            *_s("lead_agency_ids", "coordinate_agency_ids"),
        ),
        rows.task_rows,
    ),
    Table(
        "responsibilities",
        (
            *_s("plan_id", "task_id", "agency_id"),
            *_texts("agency_name"),
            Column("role", "string", (Role.lead.value, Role.coordinate.value)),
        ),
        rows.responsibility_rows,
    ),
    Table(
        "targets",
        (
            *_s("plan_id", "target_id"),
            *_texts("group"),
            *_texts("text"),
            *_texts("measure"),
            Column("strive", "string", ("true", "false")),
            Column("comparator", "string", _values(Comparator, "")),
            Column("value", "number"),
            Column("value_max", "number"),
            *_s("unit"),
            *_texts("unit"),
            Column("year", "integer"),
        ),
        rows.target_rows,
    ),
    Table(
        "agencies",
        (*_s("agency_id"), *_texts("name"), Column("kind", "string", _values(AgencyKind)), *_s("member_of", "spellings", "ended")),
        rows.agency_rows,
        Scope.site,
    ),
    Table(
        "duties",
        (
            *_s("agency_id", "plan_id", "task_id", "area_id"),
            Column("role", "string", _values(Role)),
            *_s("via_agency_id"),
            *_texts("title"),
            *_texts("timeline"),
            *_TIMELINE,
            *_s("lead_agency_ids", "coordinate_agency_ids"),
        ),
        rows.duty_rows,
        Scope.agency,
    ),
    Table(
        "implementation",
        (*_s("agency_id", "plan_id", "item", "via_agency_id"), *_texts("text")),
        rows.implementation_rows,
        Scope.agency,
    ),
    Table(
        "reporting",
        (
            *_s("agency_id", "plan_id"),
            Column("role", "string", _values(ReportingRole)),
            *_s("via_agency_id"),
            *_texts("what"),
            *_s("to_agency_id", "through_agency_id"),
            *_texts("deadline"),
            Column("due_month", "integer"),
            Column("due_day", "integer"),
            Column("first_year", "integer"),
        ),
        rows.reporting_rows,
        Scope.agency,
    ),
)
TABLE = {table.name: table for table in TABLES}
# The sheets of a plan's workbook, in order: the plan's tables, then the agencies.
PLAN_SHEETS = ("tasks", "targets", "responsibilities", "agencies")
AGENCY_SHEETS = ("duties", "implementation", "reporting")


def table_rows(site: SiteData, table: Table, key: str | None = None) -> list[Row]:
    """The rows of ``table`` for ``key`` (see ``Scope``), checked against its columns."""
    found = list(table.rows(site, key))
    names = [c.name for c in table.columns]
    for row in found:
        assert list(row) == names, f"{table.name}: row keys {list(row)} differ from the columns {names}"
    return found
