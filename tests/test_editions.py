"""A plan published in Vietnamese only, beside plan 81 (issue 23, item 2): it builds, and
no English page passes its Vietnamese off as a translation. And the check of
translations: where a text is needed in a language, each missing one is named at its line.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from xml.etree import ElementTree

import pytest
from conftest import DATA, PLAN_ID, problems
from toolkit.html import read_page, resolve
from toolkit.plans import add_vietnamese_only_plan
from toolkit.site import Build, build_site

from plansite.load import load_site, translation_report

NEW = "ke-hoach-moi"
NUMBER = "82/KH-UBND"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("editions") / "data"
    shutil.copytree(DATA, folder)
    add_vietnamese_only_plan(folder, NEW, NUMBER)
    return folder


@pytest.fixture(scope="module")
def built(data: Path) -> Build:
    build = build_site(data, data.parent)
    assert build.returncode == 0, build.output
    return build


def words(site: Path, url: str) -> str:
    return read_page(site, url).words()


def switch_links(site: Path, url: str, lang: str) -> list[str]:
    """Where the language menu's link to ``lang`` leads from the page at ``url``."""
    page = read_page(site, url)
    return [resolve(url, a.attrs["href"])[0] for a in page.with_class("md-select__link", "a") if a.attrs.get("hreflang") == lang]


def test_check_says_how_much_of_each_plan_is_translated(data: Path) -> None:
    lines = translation_report(load_site(data))
    assert lines[0].startswith(f"plan {PLAN_ID}: English: ") and lines[0].endswith("texts translated (published)")
    done, total = re.findall(r"(\d+) of (\d+)", lines[0])[0]
    assert done == total
    assert re.fullmatch(rf"plan {NEW}: English: 0 of \d+ texts translated \(not published\)", lines[1])


def test_the_english_edition_has_one_page_of_the_plan_saying_it_is_not_translated(built: Build) -> None:
    site = built.site
    english = sorted(path.relative_to(site).as_posix() for path in (site / "en" / "plans" / NEW).rglob("*.html"))
    assert english == [f"en/plans/{NEW}/index.html"]
    notice = f"en/plans/{NEW}/"
    assert "This plan has not been translated into English yet." in words(site, notice)
    # Its list leads to every Vietnamese page of the plan, and only there.
    vietnamese = {f"{path.parent.relative_to(site).as_posix()}/" for path in (site / "plans" / NEW).rglob("index.html")}
    [listing] = [ul for ul in read_page(site, notice).article().iter("ul") if ul.attrs.get("lang") == "vi"]
    assert {resolve(notice, a.attrs["href"])[0] for a in listing.iter("a")} == vietnamese
    assert "Mục tiêu và chỉ tiêu" in listing.words()


def test_no_english_page_shows_the_plans_vietnamese_text_as_english(built: Build) -> None:
    task = "Tăng cường tuyên truyền, giáo dục nâng cao nhận thức về vai trò đặc biệt quan trọng"
    for file in (built.site / "en").rglob("*.html"):
        assert task not in file.read_text(encoding="utf-8"), file


def test_the_language_menu_and_the_sitemap_know_which_pages_exist(built: Build) -> None:
    site = built.site
    assert switch_links(site, f"plans/{NEW}/targets/", "en") == [f"en/plans/{NEW}/"]
    assert switch_links(site, f"plans/{PLAN_ID}/targets/", "en") == [f"en/plans/{PLAN_ID}/targets/"]
    tree = ElementTree.parse(site / "sitemap.xml")
    seen = 0
    for url in tree.getroot().iter(f"{SITEMAP}url"):
        loc = url.findtext(f"{SITEMAP}loc") or ""
        langs = {link.get("hreflang") for link in url.iter(f"{XHTML}link")}
        if f"/plans/{NEW}/" in loc:
            # Each page of the plan exists in one language only: no alternate claims a translation.
            seen += 1
            assert langs <= ({"en"} if "/en/" in loc else {"vi", "x-default"}), loc
    assert seen == len(list((site / "plans" / NEW).rglob("index.html"))) + 1


def test_the_english_home_and_agency_pages_name_the_plan_as_not_translated(built: Build) -> None:
    site = built.site
    home = read_page(site, "en/")
    assert "This plan has not been translated into English yet." in home.words()
    heading = home.by_id(f"plan-{NEW}")
    assert heading is not None and heading.words() == f"Kế hoạch số {NUMBER}"
    assert [span.attrs.get("lang") for span in heading.iter("span")] == ["vi"]
    agency = "en/agencies/phong-ldtbxh/"
    assert f"Kế hoạch số {NUMBER} has not been translated into English yet" in words(site, agency)
    [glance] = read_page(site, agency).with_class("plansite-glance")
    [link] = [a for a in glance.iter("a") if a.attrs.get("hreflang") == "vi"]
    assert resolve(agency, link.attrs["href"])[0] == "agencies/phong-ldtbxh/"


def test_a_translated_plan_needs_every_text_in_its_language(copy_of_data: Path) -> None:
    path = copy_of_data / "plans" / PLAN_ID / "tasks.yml"
    text = path.read_text(encoding="utf-8")
    english = "    en: Raise awareness of the position and role of social policy\n"
    assert english in text
    path.write_text(text.replace(english, ""), encoding="utf-8")
    line = text[: text.index(english)].count("\n")
    [problem] = problems(copy_of_data)
    assert str(problem) == (
        f"{path}:{line} [areas[0].title.en]: English text is missing (language: en); "
        "the plan is published in English (plan.yml: translations)"
    )


def test_site_wide_texts_are_needed_in_every_language(copy_of_data: Path) -> None:
    path = copy_of_data / "units.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("      en: years\n", "", 1), encoding="utf-8")
    line = text[: text.index("      en: years\n")].count("\n")
    [problem] = problems(copy_of_data)
    assert str(problem) == (
        f"{path}:{line} [units[1].label.en]: English text is missing (language: en); "
        "every edition of the site shows this file's texts (languages.yml)"
    )


def test_an_agency_named_only_by_untranslated_plans_may_wait_for_its_english_name(data: Path, tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(data, copy)
    agencies = copy / "agencies.yml"
    text = agencies.read_text(encoding="utf-8")
    english = "      en: Division of Labour, Invalids and Social Affairs\n"
    assert english in text
    agencies.write_text(text.replace(english, ""), encoding="utf-8")
    ids = [line for line in text.splitlines() if line.startswith("  - id: ")]
    order = ids.index("  - id: phong-ldtbxh")
    # Plan 81, translated into English, names it: its English name is needed.
    [problem] = problems(copy)
    assert (problem.path, problem.message) == (
        f"agencies[{order}].name.en",
        "English text is missing (language: en); a plan translated into that language names this agency (plan.yml: translations)",
    )
    # With plan 81 gone, only the Vietnamese-only plan names it: no English name needed.
    shutil.rmtree(copy / "plans" / PLAN_ID)
    site = copy / "site.yml"
    site.write_text(re.sub(r"\nplans:\n(.|\n)*", "\n", site.read_text(encoding="utf-8")), encoding="utf-8")
    loaded = load_site(copy)
    assert loaded.agencies["phong-ldtbxh"].name.get("en") is None
