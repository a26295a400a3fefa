"""Numbers, dates, sizes and plural forms as each language writes them, through Babel.

Babel carries CLDR's data, so the result does not depend on the machine's locale:
97.5 is "97,5" in Vietnamese and "97.5" in English, 12345.678 is "12.345,678" and
"12,345.678", and month names are the language's own. Years are never passed through
here: a year is a name, "2030", not the number "2.030".
"""

from __future__ import annotations

import datetime as dt

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal

# The Babel locale and date pattern of each edition: "23/4/2024", "23 April 2024".
LOCALES = {"vi": "vi", "en": "en_GB"}
DATE_PATTERNS = {"vi": "d/M/y", "en": "d MMMM y"}
# The same dates as the reader's browser writes them (Intl.DateTimeFormat's locale and
# options), for a date only the browser knows: that of a copy stored for reading offline.
BROWSER_DATES = {
    "vi": ("vi", {"day": "numeric", "month": "numeric", "year": "numeric"}),
    "en": ("en-GB", {"day": "numeric", "month": "long", "year": "numeric"}),
}
# Up to six decimals, grouped thousands; no exponent, whatever the size.
NUMBER_PATTERN = "#,##0.######"


def number(value: float, lang: str) -> str:
    """``value`` written for ``lang``: 1000000 is "1.000.000" (vi) or "1,000,000" (en)."""
    return format_decimal(value, format=NUMBER_PATTERN, locale=LOCALES[lang])


def date(value: dt.date, lang: str) -> str:
    """``value`` written for ``lang``: "23/4/2024" (vi), "23 April 2024" (en)."""
    return format_date(value, DATE_PATTERNS[lang], locale=LOCALES[lang])


def day_month(day: int, month: int, lang: str) -> str:
    """A yearly date without its year: "30/10" (vi), "30 October" (en)."""
    pattern = {"vi": "d/M", "en": "d MMMM"}[lang]
    return format_date(dt.date(2000, month, day), pattern, locale=LOCALES[lang])


def month_name(month: int, lang: str) -> str:
    """The name of ``month`` in ``lang`` ("tháng 4", "April")."""
    return str(Locale.parse(LOCALES[lang]).months["format"]["wide"][month])


def size(byte_count: int, lang: str) -> str:
    """A file size for people: "850 B", "12,3 kB", "1,2 MB" (1 kB = 1000 bytes, 1 MB = 1000 kB)."""
    if byte_count < 1000:
        return f"{number(byte_count, lang)} B"
    kilobytes = round(byte_count / 1000, 1)
    if kilobytes < 1000:
        return f"{number(kilobytes, lang)} kB"
    return f"{number(round(byte_count / 1_000_000, 1), lang)} MB"


def plural_category(count: int, lang: str) -> str:
    """CLDR's plural category of ``count`` in ``lang`` ("one", "other"…), from Babel's rules."""
    return str(Locale.parse(LOCALES[lang]).plural_form(count))
