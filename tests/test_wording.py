"""Sentences built from strings and names read as sentences, for every agency, in both languages."""

from __future__ import annotations

import re

import pytest

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


def test_every_agency_with_a_part_in_the_report_gets_a_sentence(site_data: SiteData) -> None:
    # The senders, the receiver and the body that compiles: more than one sentence each language.
    assert len(every_reporting_sentence(site_data, "vi")) > 3


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


@pytest.mark.parametrize("lang", CODES)
def test_no_agency_reports_through_itself(site_data: SiteData, lang: str) -> None:
    """The Labour office sends its own report as a member of the district agencies; the
    reports go through it, so its sentence names no body to go "through" (issue 21)."""
    words = Wording(site_data)
    through = words.t(lang, "reporting_through", via="").strip()
    checked = 0
    for data in site_data.plans.values():
        via = data.plan.implementation.reporting.via
        for duties in agency_duties(site_data, via):
            for duty in duties.reporting:
                own = words.reporting_duty(data.id, duty, via, lang)
                assert through not in own, own
                checked += 1
        # The other senders still name it.
        sender = next(
            a
            for a in site_data.agencies
            if a != via and any(d.role.value == "sends" for p in agency_duties(site_data, a) for d in p.reporting)
        )
        [duty] = [d for p in agency_duties(site_data, sender) for d in p.reporting]
        assert words.t(lang, "reporting_through", via=words.inline_name(via, lang)) in words.reporting_duty(data.id, duty, sender, lang)
    assert checked >= 2  # the Labour office sends (as a member) and compiles


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
