"""Sentences built from strings and names read as sentences, for every agency, in both languages."""

from __future__ import annotations

import re

import pytest
from conftest import PLAN_ID, plain_strings
from rawdata import raw

from plansite.duties import agency_duties
from plansite.languages import CODES
from plansite.load import SiteData
from plansite.wording import Wording


def every_reporting_sentence(site: SiteData, lang: str) -> list[str]:
    words = Wording(site)
    sentences = [words.reporting_text(plan_id, lang) for plan_id in site.plans]
    for agency_id in site.agencies:
        for duties in agency_duties(site, agency_id):
            sentences += [words.reporting_duty(duties.plan.id, duty, agency_id, lang) for duty in duties.reporting]
    return sentences


@pytest.mark.parametrize("lang", CODES)
def test_every_agency_with_a_part_in_the_report_gets_its_sentence(site_data: SiteData, lang: str) -> None:
    """Who sends the yearly report (named, or as a member of a group named), who receives
    it and who compiles it, and what each is told, from plan.yml, agencies.yml and the
    strings read as plain YAML; names as a sentence writes them (test_names_inside_a_sentence)."""
    report = raw("plan.yml")["implementation"]["reporting"]
    templates = plain_strings(lang)
    words = Wording(site_data)
    values = {
        "from": words.names(report["from"], lang),
        "what": report["what"][lang],
        "to": words.inline_name(report["to"], lang),
        "via": words.inline_name(report["via"], lang),
        "deadline": report["deadline_text"][lang],
    }
    # The reports go "through" a body (issue 21): every sentence names it but its own.
    through = templates["reporting_through"].format(via=values["via"])
    used: set[str] = set()

    def said(key: str, **more: str) -> str:
        used.add(key)
        text = templates[key].format(**({"through": through} | values | more))
        return text[:1].upper() + text[1:]

    expected: dict[str, list[str]] = {}
    for agency in raw("agencies.yml")["agencies"]:
        own = {"through": ""} if agency["id"] == report["via"] else {}
        if agency["id"] in report["from"]:
            sentences = [said("reporting_sends", **own)]
        else:
            groups = [group for group in agency.get("member_of", []) if group in report["from"]]
            sentences = [said("reporting_sends_as_member", collective=words.agency_name(group, lang), **own) for group in groups]
        sentences += [said("reporting_receives")] if agency["id"] == report["to"] else []
        sentences += [said("reporting_compiles")] if agency["id"] == report["via"] else []
        expected[agency["id"]] = sentences
    found = {
        agency_id: [
            words.reporting_duty(PLAN_ID, duty, agency_id, lang)
            for duties in agency_duties(site_data, agency_id)
            for duty in duties.reporting
        ]
        for agency_id in site_data.agencies
    }
    assert found == expected
    assert words.reporting_text(PLAN_ID, lang) == said("reporting_text")
    assert used == {"reporting_text", "reporting_sends", "reporting_sends_as_member", "reporting_receives", "reporting_compiles"}


@pytest.mark.parametrize("lang", CODES)
def test_reporting_sentences_read_as_sentences(site_data: SiteData, lang: str) -> None:
    names = [agency.name[lang] for agency in site_data.agencies.values()]
    names += [name[:1].lower() + name[1:] for name in names]
    for sentence in every_reporting_sentence(site_data, lang):
        assert sentence[0].isupper(), sentence
        assert not any(f"; {name}" in sentence or f"; the {name}" in sentence for name in names), f"names joined with ';': {sentence}"
        assert not re.search(r"\b(the|a|an) (the|a|an)\b", sentence, re.IGNORECASE), sentence
        assert "  " not in sentence and "{" not in sentence, sentence
        if lang == "vi":
            # A name inside the sentence does not start with a capital "Các" as if it began
            # one (a name in quotation marks is cited as written).
            assert not re.search(r'(?<!^)(?<![.:"] )(?<!")\bCác\b', sentence), sentence
            assert " và UBND các xã" in sentence or "các xã" not in sentence, sentence
        else:
            assert " and the " in sentence or "Commune" not in sentence, sentence


def test_names_inside_a_sentence(site_data: SiteData) -> None:
    words = Wording(site_data)
    assert words.inline_name("co-quan-ban-nganh-huyen", "vi") == "các cơ quan, ban ngành huyện"
    assert words.inline_name("phong-y-te", "vi") == words.agency_name("phong-y-te", "vi")  # a proper name keeps its capital
    assert words.names(["co-quan-ban-nganh-huyen", "ubnd-cac-xa", "phong-y-te"], "vi") == (
        f"các cơ quan, ban ngành huyện, UBND các xã và {words.agency_name('phong-y-te', 'vi')}"
    )
    en = [words.agency_name(a, "en") for a in ("co-quan-ban-nganh-huyen", "ubnd-cac-xa", "phong-y-te")]
    assert words.names(["co-quan-ban-nganh-huyen", "ubnd-cac-xa", "phong-y-te"], "en") == f"{en[0]}, the {en[1]} and the {en[2]}"
    assert words.names(["phong-y-te"], "en") == en[2]
