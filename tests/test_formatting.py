"""Numbers, dates, sizes and plural forms through Babel, in both languages."""

from __future__ import annotations

import datetime as dt

import pytest
from babel import Locale
from babel.localedata import locale_identifiers

from plansite import formatting
from plansite.languages import CODES, LANGUAGES
from plansite.strings import lookup


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [
        (12345.678, "12.345,678", "12,345.678"),
        (1000000, "1.000.000", "1,000,000"),
        (1e9, "1.000.000.000", "1,000,000,000"),
        (97.5, "97,5", "97.5"),
        (100.0, "100", "100"),
        (0.5, "0,5", "0.5"),
        (0.001, "0,001", "0.001"),
        (0.000125, "0,000125", "0.000125"),
        (0, "0", "0"),
        (-2.25, "-2,25", "-2.25"),
    ],
)
def test_numbers_are_written_as_each_language_writes_them(value: float, vi: str, en: str) -> None:
    assert formatting.number(value, "vi") == vi
    assert formatting.number(value, "en") == en


def test_no_number_is_written_with_an_exponent() -> None:
    for value in (1e6, 1e15, 1.5e-5):
        for lang in CODES:
            assert "e" not in formatting.number(value, lang).lower()


@pytest.mark.parametrize(
    ("value", "vi", "en"),
    [
        (dt.date(2024, 4, 23), "23/4/2024", "23 April 2024"),
        (dt.date(2025, 7, 1), "01/7/2025", "1 July 2025"),
        (dt.date(2024, 1, 22), "22/01/2024", "22 January 2024"),
        (dt.date(2024, 2, 5), "05/02/2024", "5 February 2024"),
        (dt.date(2024, 3, 20), "20/3/2024", "20 March 2024"),
        (dt.date(2030, 12, 31), "31/12/2030", "31 December 2030"),
    ],
)
def test_dates_are_written_as_each_language_writes_them(value: dt.date, vi: str, en: str) -> None:
    assert formatting.date(value, "vi") == vi
    assert formatting.date(value, "en") == en


def test_month_names_come_from_the_language_not_the_machine() -> None:
    assert formatting.month_name(10, "en") == "October"
    assert formatting.month_name(10, "vi") == "tháng 10"
    assert formatting.day_month(30, 10, "vi") == "30/10"
    assert formatting.day_month(30, 10, "en") == "30 October"
    assert formatting.day_month(1, 2, "vi") == "01/02"


@pytest.mark.parametrize(
    ("size", "vi", "en"),
    [
        (850, "850 B", "850 B"),
        (12345, "12,3 kB", "12.3 kB"),
        (999_949, "999,9 kB", "999.9 kB"),
        (999_950, "1 MB", "1 MB"),
        (1_234_567, "1,2 MB", "1.2 MB"),
    ],
)
def test_file_sizes(size: int, vi: str, en: str) -> None:
    assert formatting.size(size, "vi") == vi
    assert formatting.size(size, "en") == en


# Counts that tell CLDR's plural categories apart in the languages that have them
# (Russian's 1/21/101, Arabic's 0/2/3-10/11-99, French's 0/1 and millions…).
COUNTS = (*range(0, 112), 121, 1000, 10_000, 100_000, 1_000_000, 1_000_001)


@pytest.mark.parametrize("lang", CODES)
def test_plural_forms_follow_each_language(lang: str) -> None:
    """The category of every count is the one Babel's rules for the language itself give
    (the table names its locale: the language's own, or a region of it); a language
    Babel lacks follows the nearest locale the table names for it."""
    if lang in locale_identifiers():
        assert Locale.parse(LANGUAGES[lang].babel).language == lang, f"languages.yml: {lang} takes another language's rules"
        rule = Locale.parse(lang).plural_form
    else:
        rule = Locale.parse(LANGUAGES[lang].babel).plural_form
    assert [formatting.plural_category(count, lang) for count in COUNTS] == [rule(count) for count in COUNTS]


def test_english_says_one_for_one_alone() -> None:
    """CLDR's English rule, stated apart from Babel: "one" for 1, "other" for every other count."""
    assert [count for count in COUNTS if formatting.plural_category(count, "en") == "one"] == [1]


def test_a_count_in_a_string_is_written_as_a_number_of_the_language() -> None:
    assert lookup("vi", "duties_lead", count=1234) == lookup("vi", "duties_lead", count=0).replace("0", "1.234")
    assert lookup("en", "duties_lead", count=1234) == lookup("en", "duties_lead", count=0).replace("0", "1,234")
