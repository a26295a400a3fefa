"""Interface strings: both languages have the same keys, plural forms follow each
language's rules, and no string is empty."""

from __future__ import annotations

import re

import pytest
from babel import Locale

from plansite import formatting
from plansite.languages import CODES, LANGUAGES
from plansite.load import SiteData
from plansite.strings import load_strings, lookup
from plansite.wording import Wording


def test_both_languages_have_the_same_keys() -> None:
    strings = load_strings()
    assert set(strings["vi"]) == set(strings["en"]), set(strings["vi"]) ^ set(strings["en"])


# Keys whose string depends on a count: plural forms in at least one language.
PLURAL_KEYS = sorted({key for table in load_strings().values() for key, entry in table.items() if isinstance(entry, dict)})


@pytest.mark.parametrize("lang", CODES)
def test_a_count_picks_the_plural_form_of_its_language(lang: str) -> None:
    """A string with plural forms has one per CLDR category of its language (Babel's
    rules: no form missing, where lookup would fall back to "other", and none the language
    never uses), and each count gets its category's form. A single text serves every
    count (Vietnamese nouns do not change: "1 chỉ tiêu", "5 chỉ tiêu")."""
    assert PLURAL_KEYS, "no string has plural forms"
    categories = Locale.parse(LANGUAGES[lang].babel).plural_form.tags | {"other"}
    values = {"words": "W", "collective": "C"}
    for key in PLURAL_KEYS:
        entry = load_strings()[lang][key]
        if isinstance(entry, dict):
            assert set(entry) == categories, f"{lang}.yml {key}: forms {sorted(entry)}, the language's are {sorted(categories)}"
        for count in (0, 1, 2, 5, 21, 1000):
            text = entry if isinstance(entry, str) else entry[formatting.plural_category(count, lang)]
            assert lookup(lang, key, count=count, **values) == text.format(count=formatting.number(count, lang), **values), (key, count)


def test_no_string_is_empty() -> None:
    for lang, table in load_strings().items():
        forms = {key: [value] if isinstance(value, str) else list(value.values()) for key, value in table.items()}
        empty = [key for key, texts in forms.items() if not all(text.strip() for text in texts)]
        assert not empty, f"{lang}: {empty}"


# Words the Vietnamese interface must not use (issue 15), each with the reason: developer
# words, English calques, the casual "bạn", and second names for one thing.
NOT_FOR_CITIZENS = {
    r"\bgit\b": "developer word",
    r"bản dựng": "developer word (a build)",
    r"lược đồ": "developer word (a schema)",
    r"chuỗi": "developer word (a string)",
    r"\bbạn\b": "too casual for a government site",
    r"«|»": 'not Vietnamese quotation marks: use "…"',
    r"[Mm]a trận": 'calque: the table is the "Bảng phân công nhiệm vụ"',
    r"định tính": 'jargon: "không nêu con số"',
    r"dữ liệu mở": 'calque: "Tải dữ liệu"',
    r"Cách đọc": 'calque: "Mức cần đạt"',
    r"Từ điển dữ liệu": 'jargon: "Giải thích các cột dữ liệu"',
    r"Bảng tính XLSX": 'one name: "Bảng tính Excel"',
    r"\bbởi\b": "a passive calqued on English",
    r"được nêu tên": 'means two things: "giao đích danh" or "được nhắc đến"',
}


def test_vietnamese_strings_use_the_register_of_government_sites() -> None:
    found = [
        f"vi.yml {key}: {match.group(0)!r} ({why})"
        for key, value in load_strings()["vi"].items()
        for pattern, why in NOT_FOR_CITIZENS.items()
        for match in re.finditer(pattern, str(value))
    ]
    assert not found, "\n".join(found)


def test_the_cell_marks_are_not_abbreviations_with_two_meanings() -> None:
    # "CT" is also "Chủ tịch" (the plan's own "CT, PCT UBND huyện").
    vi = load_strings()["vi"]
    assert vi["mark_lead"] not in ("CT", "PH") and vi["mark_coordinate"] not in ("CT", "PH")
    assert vi["mark_lead"] != vi["mark_coordinate"]


def test_vietnamese_document_names_say_so(site_data: SiteData) -> None:
    """Every document number is introduced by "số" (Kế hoạch số 81/KH-UBND)."""
    words = Wording(site_data)
    for plan_id in site_data.plans:
        assert " số " in words.plan_name(plan_id, "vi")
    assert words.t("vi", "document_number", kind="Nghị quyết", number="42-NQ/TW") == "Nghị quyết số 42-NQ/TW"


REPORTING_KEYS = ("reporting_text", "reporting_sends", "reporting_sends_as_member", "reporting_receives", "reporting_compiles")


@pytest.mark.parametrize("lang", CODES)
def test_the_reporting_sentences_read_correctly(site_data: SiteData, lang: str) -> None:
    """No doubled article ("Receives the a report"), and a body's name takes "the" in English."""
    words = Wording(site_data)
    templates = load_strings()[lang]
    # A plan's sentences in the languages it is published in (a new language's edition
    # shows an untranslated plan as such, without them).
    for plan_id, data in site_data.plans.items():
        if not data.has(lang):
            continue
        reporting = data.plan.implementation.reporting
        for key in REPORTING_KEYS:
            sentence = words.reporting_text(plan_id, lang, key, collective="X")
            assert not re.search(r"\b(the|a|an) (the|a|an)\b", sentence, re.IGNORECASE), f"{key}: {sentence}"
            if lang != "en":
                continue
            for field, agency_id in (("to", reporting.to), ("via", reporting.via)):
                # {through} names the body the reports go through (reporting_through).
                if "{" + field + "}" in templates[key] or (field == "via" and "{through}" in templates[key]):
                    assert f"the {site_data.agencies[agency_id].name['en']}" in sentence, f"{key}: {sentence}"
