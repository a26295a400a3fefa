"""Truthful on every page (issue 21): where the documents stand, under every page's title in
both languages; a body that no longer exists says so first.

Expectations come from the data files read as YAML (site.yml's status summary, the
agencies' ``ended``) and from the built pages, never from the renderer.
"""

from __future__ import annotations

import datetime as dt
import urllib.parse
from pathlib import Path
from typing import Any

from conftest import PLAN_ID
from rawdata import raw
from toolkit.html import read
from toolkit.links import Site

from plansite.strings import load_strings

SITE_YML = raw("site.yml")
AGENCIES: dict[str, dict[str, Any]] = {a["id"]: a for a in raw("agencies.yml")["agencies"]}


def edition(site: Site, file: Path) -> str:
    return "en" if site.where(file).startswith("en/") else "vi"


def vi_date(day: dt.date) -> str:
    """A date as Vietnamese official documents write it: 01/7/2025, 22/01/2024."""
    month = f"{day.month:02}" if day.month <= 2 else str(day.month)
    return f"{day.day:02}/{month}/{day.year}"


def test_every_page_says_where_the_documents_stand_and_links_to_why(quality_site: Site) -> None:
    """Every built page, both editions and the 404 page, says in its own words that the plan's
    issuing body has ended (site.yml's status summary), with a link to the home page's status."""
    status = SITE_YML["plans"][PLAN_ID]["status_summary"]
    anchor = f"status-{PLAN_ID}"
    checked = 0
    for file in quality_site.pages():
        if file.parent.name in ("search", "assets") or "/assets/" in quality_site.where(file):
            continue
        tree = read(file)
        languages = ["vi", "en"] if quality_site.is_404_page(file) else [edition(quality_site, file)]
        article = tree.article()
        said = " ".join(article.lines())
        for lang in languages:
            assert status[lang] in said, f"{quality_site.where(file)}: no status in {lang}"
        targets = {urllib.parse.urldefrag(quality_site.resolve(file, a.attrs.get("href", ""))) for a in article.iter("a")}
        homes = {quality_site.site_url + ("" if lang == "vi" else "en/") for lang in languages}
        assert {(home, anchor) for home in homes} <= {(url, fragment) for url, fragment in targets}, quality_site.where(file)
        checked += 1
    assert checked > 100


def test_the_status_is_the_first_thing_under_the_title(quality_site: Site) -> None:
    """On every page but the home page (whose document box opens with it), the status comes
    right after the title: before the page's own content and the translation notice."""
    for file in quality_site.pages():
        where = quality_site.where(file)
        if where in ("index.html", "en/index.html", "404.html"):
            continue
        article = read(file).article()
        heading = next(article.iter("h1"))
        following = heading.next_sibling()
        assert following is not None and "plansite-status" in following.classes, where


def test_a_body_that_no_longer_exists_says_so_first(quality_site: Site) -> None:
    strings = load_strings()
    ended = {agency_id: agency["ended"] for agency_id, agency in AGENCIES.items() if "ended" in agency}
    assert {"ubnd-huyen", "phong-ldtbxh"} <= set(ended)
    for agency_id, agency in AGENCIES.items():
        for lang, prefix in (("vi", ""), ("en", "en/")):
            article = read(quality_site.root / prefix / "agencies" / agency_id / "index.html").article()
            lines = article.lines()
            # The title, then the first line of the status.
            first = lines[1]
            if agency_id not in ended:
                assert str(strings[lang]["status_label_of"]).split("{")[0] in first, (agency_id, lang, first)
                continue
            day = vi_date(ended[agency_id]) if lang == "vi" else f"{ended[agency_id].day} {ended[agency_id]:%B %Y}"
            key = "agency_ended_collective" if agency["kind"] == "collective" else "agency_ended"
            assert first == str(strings[lang][key]).format(date=day), (agency_id, lang, first)
