"""JSON Schema of each data file, exported from the models for editors (VS Code's YAML
extension reads the ``yaml-language-server`` line at the top of each file).

``tests/test_schema.py`` fails when the files in ``schemas/`` are stale. Each file
carries the data's limits (``limits.table``) under ``x-plansite-limits``.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from plansite import limits
from plansite.models import AgenciesFile, GlossaryFile, GroupsFile, Plan, SiteSettings, TargetsFile, TasksFile, UnitsFile

SCHEMAS: dict[str, type[BaseModel]] = {
    "agencies": AgenciesFile,
    "units": UnitsFile,
    "glossary": GlossaryFile,
    "plan": Plan,
    "targets": TargetsFile,
    "tasks": TasksFile,
    "groups": GroupsFile,
    "site": SiteSettings,
}


def schema_text(model: type[BaseModel]) -> str:
    schema = model.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    # Every limit of the data (plansite/limits.py), those no keyword of one file can say
    # (the size of a file, the number of plans) included, for the editors and their tools.
    schema["x-plansite-limits"] = limits.table()
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, model in SCHEMAS.items():
        path = out / f"{name}.schema.json"
        path.write_text(schema_text(model), encoding="utf-8")
        paths.append(path)
    return paths
