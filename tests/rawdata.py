"""The data read as plain YAML, without plansite: where the tests of the built site
take their expected values from (tests/test_agencies.py, test_exports.py, test_print.py)."""

from __future__ import annotations

from typing import Any

import yaml
from conftest import DATA, PLAN_ID


def raw(name: str) -> dict[str, Any]:
    """A data file by name: data/<name>, else the plan's own file data/plans/<plan>/<name>."""
    path = DATA / name if (DATA / name).is_file() else DATA / "plans" / PLAN_ID / name
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data


def shown_number(task: dict[str, Any]) -> str:
    """A sub-task's number as pages show it: the plan's own where it prints it ("2.1."
    for 2.1), else the editors' id in square brackets ("[5.1]" for a bullet, "[8.a]")."""
    printed = str(task.get("label") or "").rstrip(".")
    return task["id"] if printed == task["id"] else f"[{task['id']}]"


def raw_tasks() -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """(block, task) for every sub-task of the plan, in order, straight from tasks.yml."""
    return [(block, task) for area in raw("tasks.yml")["areas"] for block in area["blocks"] for task in block["tasks"]]
