"""Numbers, dates, sizes and plural forms as each language writes them, through Babel.

Babel carries CLDR's data, so the result does not depend on the machine's locale:
97.5 is "97,5" in Vietnamese and "97.5" in English, 12345.678 is "12.345,678" and
"12,345.678", and month names are the language's own. Years are never passed through
here: a year is a name, "2030", not the number "2.030".
"""

from __future__ import annotations

import datetime as dt
import re

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

from plansite.languages import LANGUAGES

# Up to six decimals, grouped thousands; no exponent, whatever the size.
NUMBER_PATTERN = "#,##0.######"


def number(value: float, lang: str) -> str:
    """``value`` written for ``lang``: 1000000 is "1.000.000" (vi) or "1,000,000" (en)."""
    return format_decimal(value, format=NUMBER_PATTERN, locale=LANGUAGES[lang].babel)


# A month written as a number with as few digits as it needs: "M", not "MM" or "MMMM".
_NUMERIC_MONTH = re.compile(r"(?<!M)M(?!M)")


def _pattern(pattern: str, month: int, lang: str) -> str:
    """``pattern`` for a date in ``month``: the months the table lists write two digits."""
    return _NUMERIC_MONTH.sub("MM", pattern) if month in LANGUAGES[lang].two_digit_months else pattern


def date(value: dt.date, lang: str) -> str:
    """``value`` written for ``lang``: "23/4/2024", "01/7/2025", "22/01/2024" (vi), "23 April 2024" (en)."""
    return format_date(value, _pattern(LANGUAGES[lang].date, value.month, lang), locale=LANGUAGES[lang].babel)


def day_month(day: int, month: int, lang: str) -> str:
    """A yearly date without its year: "30/10" (vi), "30 October" (en)."""
    pattern = _pattern(LANGUAGES[lang].day_month, month, lang)
    return format_date(dt.date(2000, month, day), pattern, locale=LANGUAGES[lang].babel)


def month_name(month: int, lang: str) -> str:
    """The name of ``month`` in ``lang`` ("tháng 4", "April")."""
    return str(Locale.parse(LANGUAGES[lang].babel).months["format"]["wide"][month])


def size(byte_count: int, lang: str) -> str:
    """A file size for people: "850 B", "12,3 kB", "1,2 MB" (1 kB = 1000 bytes, 1 MB = 1000 kB)."""
    if byte_count < 1000:
        return f"{number(byte_count, lang)} B"
    kilobytes = round(byte_count / 1000, 1)
    if kilobytes < 1000:
        return f"{number(kilobytes, lang)} kB"
    return f"{number(round(byte_count / 1_000_000, 1), lang)} MB"


def language_name(code: str, lang: str) -> str:
    """The name of the language ``code`` as ``lang`` writes it ("tiếng Anh", "English"),
    from CLDR; the table's English name where CLDR does not know the language."""
    try:
        name = Locale.parse(LANGUAGES[code].babel).get_language_name(LANGUAGES[lang].babel)
    except (ValueError, LookupError):
        name = None
    if not name:
        return LANGUAGES[code].english
    # CLDR writes a Vietnamese language name as it stands alone, "Tiếng Anh"; inside a
    # sentence it is a common noun, "tiếng Anh" (the proper name after it keeps its capital).
    return name[:1].lower() + name[1:] if lang == "vi" and name.startswith("Tiếng ") else str(name)


# Intl.DateTimeFormat's option for each field of a CLDR date pattern.
_BROWSER_FIELDS = {"d": "day", "M": "month", "y": "year"}
_BROWSER_WIDTHS = {
    **{"d": "numeric", "dd": "2-digit", "M": "numeric", "MM": "2-digit", "MMM": "short", "MMMM": "long"},
    **{"y": "numeric", "yy": "2-digit", "yyyy": "numeric"},
}


def browser_date(lang: str) -> tuple[str, dict[str, str]]:
    """The locale and options with which a browser's ``toLocaleDateString`` writes a date as
    ``date`` does, read from the language's pattern: for a date only the browser knows, that
    of a copy stored for reading offline (tests/test_offline.py compares the two in Chromium)."""
    language = LANGUAGES[lang]
    fields = re.findall(r"d+|M+|y+", language.date)
    return language.babel.replace("_", "-"), {_BROWSER_FIELDS[run[0]]: _BROWSER_WIDTHS[run] for run in fields}


def plural_category(count: int, lang: str) -> str:
    """CLDR's plural category of ``count`` in ``lang`` ("one", "other"…), from Babel's rules."""
    return str(Locale.parse(LANGUAGES[lang].babel).plural_form(count))
