"""Interface strings: both languages have the same keys, and no string is empty."""

from __future__ import annotations

from plansite.strings import load_strings


def test_both_languages_have_the_same_keys() -> None:
    strings = load_strings()
    assert set(strings["vi"]) == set(strings["en"]), set(strings["vi"]) ^ set(strings["en"])


def test_no_string_is_empty() -> None:
    for lang, table in load_strings().items():
        empty = [key for key, value in table.items() if not str(value).strip()]
        assert not empty, f"{lang}: {empty}"
