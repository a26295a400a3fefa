"""ARCHITECTURE.md's recipes, held by tests that fail when a step is skipped (issue 24,
item 3): a data field named in its file's bilingual header, a column of the open data
with its meaning, a page family whose context fields its template all uses, and the
languages of mkdocs.yml those of the table.
"""

from __future__ import annotations

import dataclasses
import re
import typing
from pathlib import Path
from typing import Any

import jinja2
import pytest
import yaml
from conftest import DATA, PLAN_ID, ROOT
from jinja2 import meta
from pydantic import BaseModel

from plansite import build
from plansite.families.base import PlanContext
from plansite.languages import CODES, LANGUAGES
from plansite.load import SiteData
from plansite.models import (
    AgenciesFile,
    GlossaryFile,
    GroupsFile,
    Multilingual,
    Plan,
    SiteSettings,
    TargetsFile,
    TasksFile,
    UnitsFile,
)
from plansite.opendata import dictionary
from plansite.opendata.tables import TABLES
from plansite.registry import FAMILIES
from plansite.render import Renderer

# Each data file and the model that reads it.
FILES = {
    "agencies.yml": AgenciesFile,
    "units.yml": UnitsFile,
    "glossary.yml": GlossaryFile,
    "site.yml": SiteSettings,
    f"plans/{PLAN_ID}/plan.yml": Plan,
    f"plans/{PLAN_ID}/targets.yml": TargetsFile,
    f"plans/{PLAN_ID}/tasks.yml": TasksFile,
    f"plans/{PLAN_ID}/groups.yml": GroupsFile,
}
_VIETNAMESE = re.compile(r"[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]", re.IGNORECASE)


def keys(model: Any, seen: set[type] | None = None) -> set[str]:
    """Every key a file of ``model`` can hold, at any depth (a translation's key but ``vi`` aside)."""
    seen = seen if seen is not None else set()
    found: set[str] = set()
    for annotation in _models_in(model):
        if annotation in seen:
            continue
        seen.add(annotation)
        for name, field in annotation.model_fields.items():
            found.add(field.alias or name)
            found |= keys(field.annotation, seen)
    return found


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for argument in typing.get_args(annotation) for model in _models_in(argument)]


def header(path: Path) -> tuple[str, str]:
    """A data file's opening comment in its two halves: (Vietnamese, English)."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.removeprefix("#"))
    paragraphs = "\n".join(lines).split("\n\n")
    # A Vietnamese paragraph is full of its letters; an English one quotes a few words at most.
    is_vietnamese = [len(_VIETNAMESE.findall(p)) > 0.04 * len(re.findall(r"\w", p)) for p in paragraphs]
    vietnamese = "\n".join(p for p, vi in zip(paragraphs, is_vietnamese, strict=True) if vi)
    english = "\n".join(p for p, vi in zip(paragraphs, is_vietnamese, strict=True) if not vi)
    return vietnamese, english


@pytest.mark.parametrize("name", FILES)
def test_every_key_of_a_data_file_is_explained_in_its_header_in_both_languages(name: str) -> None:
    vietnamese, english = header(DATA / name)
    assert vietnamese and english, f"{name}: the header has no Vietnamese or no English part"
    expected = keys(FILES[name]) - {"vi"}
    for half, text in (("Vietnamese", vietnamese), ("English", english)):
        missing = sorted(key for key in expected if not re.search(rf"(?<![\w-]){re.escape(key)}(?![\w-])", text))
        assert not missing, f"{name}: the {half} header does not explain {missing} (ARCHITECTURE.md, 'A data field')"


def test_the_header_check_notices_a_key_left_out() -> None:
    # A key no recipe will ever add (the recipe's own example, budget_source, might be added).
    class WithNewKey(TasksFile):
        never_explained_key: str = ""

    vietnamese, _ = header(DATA / "plans" / PLAN_ID / "tasks.yml")
    assert "never_explained_key" in keys(WithNewKey) and "never_explained_key" not in vietnamese


def test_every_column_of_the_open_data_has_a_meaning() -> None:
    meanings = dictionary.dictionary()
    for table in TABLES:
        for column in table.columns:
            meaning = meanings.meaning(table.name, column.name)
            assert all(meaning.get(lang) for lang in CODES), (table.name, column.name)


def test_a_column_without_a_meaning_stops_the_build_with_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    columns = tmp_path / "columns.yml"
    text = dictionary.COLUMNS_FILE.read_text(encoding="utf-8")
    columns.write_text(text.replace("  coordinate_agency_ids:\n", "  coordinate_agency_idz:\n"), encoding="utf-8")
    monkeypatch.setattr(dictionary, "COLUMNS_FILE", columns)
    dictionary.dictionary.cache_clear()
    try:
        assert build.main(DATA, tmp_path, tmp_path / "site") == 1
    finally:
        dictionary.dictionary.cache_clear()
    said = capsys.readouterr().err
    assert "columns.yml: no meaning given for tasks.coordinate_agency_ids, duties.coordinate_agency_ids" in said
    assert "Traceback" not in said and not (tmp_path / "site").exists()


def template_variables(name: str, env: jinja2.Environment) -> set[str]:
    """The names a template (and those it imports or includes) reads from its context."""
    found: set[str] = set()
    pending, done = [name], set()
    while pending:
        current = pending.pop()
        done.add(current)
        source = env.loader.get_source(env, current)[0]  # type: ignore[union-attr]
        tree = env.parse(source)
        found |= meta.find_undeclared_variables(tree)
        pending += [t for t in meta.find_referenced_templates(tree) if t and t not in done]
    return found


@pytest.mark.parametrize("kind", FAMILIES)
def test_every_field_of_a_page_context_is_used_by_its_template(kind: str, site_data: SiteData) -> None:
    env = Renderer(site_data).env
    family = FAMILIES[kind]
    context = typing.get_type_hints(family.context)["return"]
    # The family's own fields: those every plan page shares (PlanContext) are not every template's.
    own = {field.name for field in dataclasses.fields(context)} - {field.name for field in dataclasses.fields(PlanContext)}
    unused = sorted(own - template_variables(family.template, env))
    assert not unused, f"{kind}: the context has fields its template never reads: {unused}"


def test_mkdocs_lists_the_languages_of_the_table() -> None:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=Loader)
    [i18n] = [plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin]
    assert [entry["locale"] for entry in i18n["languages"]] == list(CODES)
    assert [entry["name"] for entry in i18n["languages"]] == [LANGUAGES[code].name for code in CODES]
    assert [entry["locale"] for entry in i18n["languages"] if entry.get("default")] == [CODES[0]]
    assert [(entry["lang"], entry["name"]) for entry in config["extra"]["alternate"]] == [(c, LANGUAGES[c].name) for c in CODES]
    assert [entry["link"] for entry in config["extra"]["alternate"]] == [
        "./" if not LANGUAGES[c].prefix else LANGUAGES[c].prefix for c in CODES
    ]


def test_every_multilingual_text_key_is_a_language_of_the_table() -> None:
    assert Multilingual.LANGUAGE_KEYS == CODES
