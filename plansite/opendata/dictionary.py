"""The data dictionary: what each open-data table and column means, in both languages.

Names, types and allowed values come from ``tables.TABLES``; ``columns.yml`` adds the
meanings. Read by the XLSX writer (the "columns" sheet) and the downloads page.
"""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path

import yaml

from plansite.formatting import language_name
from plansite.languages import TRANSLATIONS
from plansite.models import Text
from plansite.opendata.tables import TABLES

COLUMNS_FILE = Path(__file__).parent / "columns.yml"


class ColumnsError(Exception):
    """A column of ``tables.TABLES`` has no meaning in ``columns.yml`` (a step of the
    recipe for a data field skipped): the build names the columns instead of a traceback."""


@dataclasses.dataclass(frozen=True)
class Dictionary:
    """The meanings of ``columns.yml``: what each table is and what each column means."""

    about: dict[str, Text]
    columns: dict[str, dict[str, Text]]

    def meaning(self, table: str, column: str) -> Text:
        return self.columns[table][column]


def _translation_meaning(column: str, *entries: dict[str, Text]) -> Text | None:
    """The meaning of a translation's column ("title_en") from its pattern ("title_{translation}"),
    with the language's name in it."""
    name, _, code = column.rpartition("_")
    if code not in TRANSLATIONS:
        return None
    pattern = next((entry[f"{name}_{{translation}}"] for entry in entries if f"{name}_{{translation}}" in entry), None)
    if pattern is None:
        return None
    return Text(**{lang: pattern[lang].replace("{language}", language_name(code, lang)) for lang in pattern.languages})


@cache
def dictionary() -> Dictionary:
    """``columns.yml`` read and checked against ``TABLES``: every column must have a meaning."""
    raw = yaml.safe_load(COLUMNS_FILE.read_text(encoding="utf-8"))
    common = {name: Text(**text) for name, text in raw["common"].items()}
    about: dict[str, Text] = {}
    columns: dict[str, dict[str, Text]] = {}
    missing = []
    for table in TABLES:
        entry = raw["tables"].get(table.name, {})
        if "about" in entry:
            about[table.name] = Text(**entry["about"])
        else:
            missing.append(f"{table.name} (about)")
        own = {name: Text(**text) for name, text in entry.get("columns", {}).items()}
        columns[table.name] = {}
        for column in table.columns:
            meaning = own.get(column.name) or common.get(column.name) or _translation_meaning(column.name, own, common)
            if meaning is None:
                missing.append(f"{table.name}.{column.name}")
            else:
                columns[table.name][column.name] = meaning
    if missing:
        raise ColumnsError(
            f"{COLUMNS_FILE.name}: no meaning given for {', '.join(missing)}; add one in both languages "
            "(ARCHITECTURE.md, recipe 'A data field')"
        )
    return Dictionary(about, columns)
