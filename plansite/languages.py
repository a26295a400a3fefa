"""The one table of languages: every edition of the site and how it is written.

``languages.yml`` lists them; everything that varies by language reads this table:
the models (which keys a ``Text`` may have), the interface strings (one file per
code), numbers and dates (Babel locale and patterns), the pages (file suffix, URL
prefix), the theme (its language, Open Graph's locale, the language menu), the
search index (one part per edition) and the open data. The first language is the
authoritative one: the plans are written in it, and its edition sits at the site root.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

TABLE_FILE = Path(__file__).with_name("languages.yml")
STRINGS_DIR = Path(__file__).with_name("strings")


class Language(BaseModel):
    """One edition: see ``languages.yml`` for what each field is."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str = Field(pattern=r"^[a-z]{2,3}$")
    name: str
    english: str
    babel: str
    date: str
    day_month: str
    two_digit_months: tuple[int, ...] = ()
    og_locale: str = Field(pattern=r"^[a-z]{2,3}_[A-Z]{2}$")
    theme: str
    # The site search's stemmer for the edition's words (search.js, STEMMERS), if any.
    stemmer: Literal["english"] | None = None

    @property
    def prefix(self) -> str:
        """Where this edition's pages live, relative to the site root: "" or "en/"."""
        return "" if self.code == AUTHORITATIVE else f"{self.code}/"


def _read(path: Path) -> tuple[Language, ...]:
    """The table, or a stop that says what is wrong in it: it is read when the package is
    imported, before any command could turn an exception into a message."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    problems: list[str] = []
    languages: list[Language] = []
    for number, entry in enumerate(entries if isinstance(entries, list) else [], start=1):
        try:
            languages.append(Language.model_validate(entry))
        except ValidationError as error:
            problems += [f"entry {number}, {'.'.join(map(str, e['loc']))}: {e['msg']}" for e in error.errors()]
    codes = [language.code for language in languages]
    if not problems and (not codes or len(set(codes)) != len(codes)):
        problems.append(f"the languages' codes must be given, each once (got {codes})")
    problems += [
        f"{code}: no interface strings; add {STRINGS_DIR.name}/{code}.yml (ARCHITECTURE.md, 'A language')"
        for code in codes
        if not (STRINGS_DIR / f"{code}.yml").is_file()
    ]
    if problems:
        raise SystemExit(f"{path}:\n" + "\n".join(f"  - {problem}" for problem in problems))
    return tuple(languages)


_TABLE = _read(TABLE_FILE)
# The plans' own language: its text is the official one.
AUTHORITATIVE = _TABLE[0].code
LANGUAGES: dict[str, Language] = {language.code: language for language in _TABLE}
# The codes, in the table's order: what code iterates over wherever every edition is meant.
CODES: tuple[str, ...] = tuple(LANGUAGES)
TRANSLATIONS: tuple[str, ...] = CODES[1:]


def language(code: str) -> Language:
    return LANGUAGES[code]
