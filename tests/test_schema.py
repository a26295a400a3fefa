"""The JSON Schemas that VS Code uses while an editor types are current and hooked up.

schemas/ must be what the models export now (`make schema` rewrites it); every data file
must validate against its schema as the YAML extension reads it; each file's
yaml-language-server line and .vscode/settings.json must point at the right schema; and a
typical mistake must be flagged by the schema too, not only by the build.
"""

from __future__ import annotations

import json
import re
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from plansite.schema import SCHEMAS, schema_text

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
MODELINE = re.compile(r"^# yaml-language-server: \$schema=(?P<path>\S+)$")


class EditorLoader(yaml.SafeLoader):
    """YAML as the editor's language server reads it (YAML 1.2): 2024-04-23 is a string."""


EditorLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def schema_name(path: Path) -> str:
    return path.stem


def data_files() -> list[Path]:
    files = sorted(DATA.glob("*.yml")) + sorted(DATA.glob("plans/*/*.yml"))
    assert {schema_name(f) for f in files} == set(SCHEMAS), "every kind of data file has a schema"
    return files


def validator(name: str) -> jsonschema.protocols.Validator:
    schema = json.loads((ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def errors(name: str, text: str) -> list[str]:
    value: Any = yaml.load(text, Loader=EditorLoader)
    return [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in validator(name).iter_errors(value)]


@pytest.mark.parametrize("name", SCHEMAS)
def test_schemas_are_current(name: str) -> None:
    exported = (ROOT / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8")
    assert exported == schema_text(SCHEMAS[name]), f"schemas/{name}.schema.json is stale: run `make schema`"


@pytest.mark.parametrize("path", data_files(), ids=lambda p: str(p.relative_to(DATA)))
def test_data_file_validates_against_its_schema(path: Path) -> None:
    problems = errors(schema_name(path), path.read_text(encoding="utf-8"))
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize("path", data_files(), ids=lambda p: str(p.relative_to(DATA)))
def test_data_file_names_its_schema_for_the_editor(path: Path) -> None:
    first = path.read_text(encoding="utf-8").splitlines()[0]
    match = MODELINE.match(first)
    assert match, f"{path.relative_to(ROOT)}: the first line must be `# yaml-language-server: $schema=<path>`"
    target = (path.parent / match["path"]).resolve()
    assert target == (ROOT / "schemas" / f"{schema_name(path)}.schema.json").resolve(), f"{path}: points at {target}"


def test_vscode_settings_map_every_data_file_to_its_schema() -> None:
    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    mapping: dict[str, list[str]] = settings["yaml.schemas"]
    for path in data_files():
        relative = str(path.relative_to(ROOT))
        schemas = [schema for schema, globs in mapping.items() if any(fnmatch(relative, glob) for glob in globs)]
        assert schemas == [f"./schemas/{schema_name(path)}.schema.json"], f"{relative}: {schemas}"
        assert (ROOT / schemas[0]).is_file()


def test_schema_flags_a_misspelt_key_and_a_wrong_type_while_typing() -> None:
    text = (DATA / "agencies.yml").read_text(encoding="utf-8")
    assert not errors("agencies", text)
    misspelt = text.replace("    spellings: [Phòng Nội vụ]\n", "    spelling: [Phòng Nội vụ]\n", 1)
    wrong_type = text.replace("    kind: district_body\n", "    kind: phong\n", 1)
    assert misspelt != text and wrong_type != text
    assert any("'spelling' was unexpected" in e for e in errors("agencies", misspelt))
    assert any("'phong' is not one of" in e for e in errors("agencies", wrong_type))
