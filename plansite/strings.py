"""Interface strings: one YAML file per language (``strings/<lang>.yml``), looked up by key.

A lookup falls back to the authoritative language, then to the key itself, as
Material's ``partials/language.html`` does. A string that depends on a count is a
mapping of CLDR plural categories (``one``, ``other``…) chosen with Babel's rules for
the language. Used by ``wording`` (and through it by every page and the calendars).
"""

from __future__ import annotations

from functools import cache

import yaml

from plansite import formatting
from plansite.languages import AUTHORITATIVE, CODES, STRINGS_DIR

Entry = str | dict[str, str]


@cache
def load_strings() -> dict[str, dict[str, Entry]]:
    """The interface strings of each language, from ``strings/<lang>.yml``."""
    return {lang: yaml.safe_load((STRINGS_DIR / f"{lang}.yml").read_text(encoding="utf-8")) for lang in CODES}


def lookup(lang: str, key: str, **values: object) -> str:
    """The string ``key`` in ``lang`` with ``values`` filled in.

    ``count``, when given, picks the plural form and is written as a number of the
    language ("1.234" in Vietnamese); every other value is inserted as it is given.
    """
    table = load_strings()
    entry: Entry = table[lang].get(key) or table[AUTHORITATIVE].get(key) or key
    if isinstance(entry, dict):
        count = values.get("count")
        if not isinstance(count, int):
            raise TypeError(f"string {key!r} has plural forms: give it an integer count")
        entry = entry.get(formatting.plural_category(count, lang)) or entry["other"]
    if "count" in values and isinstance(values["count"], int):
        values = {**values, "count": formatting.number(values["count"], lang)}
    return entry.format(**values) if values else entry
