"""The open data holds every sub-task, responsibility and target the plan states.

Expectations come from the official text (read by ``sourcetext``), not from plansite.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from conftest import PLAN_ID
from sourcetext import joined, tasks

from plansite.load import SiteData


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def data_dir(built_site: Path) -> Path:
    return built_site / "data"


def test_every_sub_task_of_the_plan_is_a_row(data_dir: Path, official_text: str) -> None:
    rows = {row["task_id"]: row for row in read_csv(data_dir / PLAN_ID / "tasks.csv")}
    source = tasks(official_text)
    assert list(rows) == [task.id for task in source]
    for task in source:
        row = rows[task.id]
        printed = (f"{row['label']} " if row["label"] else "") + row["text_vi"]
        assert printed == task.text, task.id
        assert row["timeline_vi"] == task.timeline_line, task.id
        assert row["area_id"] == task.id.split(".")[0]
        assert row["title_en"] and row["text_en"] and row["timeline_en"]


def test_responsibilities_follow_the_assignment_lines(data_dir: Path, official_text: str, site_data: SiteData) -> None:
    rows = read_csv(data_dir / PLAN_ID / "responsibilities.csv")
    names = {agency.id: agency.spellings for agency in site_data.agencies.values()}
    for task in tasks(official_text):
        for role, line in (("lead", task.lead_line), ("coordinate", task.coordinate_line)):
            given = [row["agency_id"] for row in rows if row["task_id"] == task.id and row["role"] == role]
            assert given, (task.id, role)
            # every agency listed is named in the line, and together they account for all of it
            rest = line
            for agency_id in given:
                spelling = next((s for s in sorted(names[agency_id], key=len, reverse=True) if s in rest), None)
                assert spelling is not None, (task.id, role, agency_id, line)
                rest = rest.replace(spelling, "", 1)
            assert re.fullmatch(r"[\s;,.]*", rest), (task.id, role, rest)
    for row in rows:
        assert row["agency_name_vi"] == site_data.agencies[row["agency_id"]].name.vi
        assert row["role"] in {"lead", "coordinate"}


# How the plan words each comparator before its figure.
COMPARATOR_WORDS = {
    "lt": r"dưới ",
    "gt": r"trên ",
    "ge": r"(?:tối thiểu(?: đạt)?|ít nhất) ",
    "approx": r"khoảng ",
    "eq": r"(?<!dưới )(?<!trên )(?<!khoảng )(?<!tối thiểu đạt )(?<!tối thiểu )(?<!ít nhất )",
}


def vietnamese(value: str) -> str:
    number = float(value)
    return (str(int(number)) if number.is_integer() else str(number)).replace(".", ",")


def test_every_target_reads_as_the_plan_words_it(data_dir: Path, official_text: str) -> None:
    text = re.sub(r"\s+", " ", joined(official_text))
    rows = read_csv(data_dir / PLAN_ID / "targets.csv")
    assert len({row["target_id"] for row in rows}) == len(rows)
    quantitative = 0
    for row in rows:
        clause = row["text_vi"]
        assert clause in text, row["target_id"]
        assert row["year"] == "2030"
        comparator = row["comparator"]
        if not comparator:
            assert row["value"] == row["value_max"] == row["unit"] == "", row["target_id"]
            continue
        quantitative += 1
        value = vietnamese(row["value"])
        if comparator == "range":
            figure = rf"{value}-{vietnamese(row['value_max'])}%"
            assert re.search(figure, clause), row["target_id"]
            continue
        measure = rf"\s+{re.escape(row['measure_vi'])}" if row["measure_vi"] else ""
        unit = {"percent": "%", "years": " năm", "years_of_age": " tuổi", "per_10000_population": "", "m2_floor_per_person": "m²"}[
            row["unit"]
        ]
        figure = COMPARATOR_WORDS[comparator] + r"0*" + re.escape(value) + re.escape(unit) + measure
        assert re.search(figure, clause), (row["target_id"], figure, clause)
    assert quantitative >= 20


def test_json_holds_the_same_rows_as_csv(data_dir: Path) -> None:
    for name in ("tasks", "targets", "responsibilities"):
        from_csv = read_csv(data_dir / PLAN_ID / f"{name}.csv")
        from_json = json.loads((data_dir / PLAN_ID / f"{name}.json").read_text(encoding="utf-8"))
        assert len(from_csv) == len(from_json)
        for csv_row, json_row in zip(from_csv, from_json, strict=True):
            assert csv_row == {key: "" if value is None else str(value) for key, value in json_row.items()}


def test_agencies_file_lists_every_agency_used(data_dir: Path) -> None:
    agencies = {row["agency_id"]: row for row in read_csv(data_dir / "agencies.csv")}
    for row in read_csv(data_dir / PLAN_ID / "responsibilities.csv"):
        assert row["agency_id"] in agencies
    assert all(row["name_vi"] and row["name_en"] and row["kind"] for row in agencies.values())
