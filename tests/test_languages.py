"""The site's languages (issue 24, item 1; issue 23, item 2), on one build of a site to
which a third language has been added by following ARCHITECTURE.md's recipe (French,
with made-up strings and texts: upper-cased English, never published), and beside plan 81
a plan published in Vietnamese only:

- the recipe works: before the texts are written, the check lists every missing one by
  file and line; after, the build succeeds and every page has its French edition, written
  as French is (dates, the words that join names, Open Graph's locale, its search part);
- the plan in Vietnamese only builds, and no page of another edition passes its
  Vietnamese off as a translation;
- the check of translations: where a text is needed in a language, each missing one is
  named at its line.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
import yaml
from conftest import DATA, PLAN_ID, problems
from toolkit.html import read, read_page, resolve
from toolkit.plans import add_vietnamese_only_plan
from toolkit.site import Build, SiteBuilder, project_copy

from plansite import editions, registry
from plansite.load import SiteData, load_site, translation_report

NEW = "ke-hoach-moi"
NUMBER = "82/KH-UBND"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


FRENCH = {
    "code": "fr",
    "name": "Français",
    "english": "French",
    "babel": "fr",
    "date": "d MMMM y",
    "day_month": "d MMMM",
    "og_locale": "fr_FR",
    "theme": "fr",
}


def made_up_french(node: Any) -> Any:
    """Every text that has an English translation gains a made-up French one: its English
    upper-cased (which keeps a clause inside its bullet and a title inside its text)."""
    if isinstance(node, dict):
        out = {key: made_up_french(value) for key, value in node.items()}
        if isinstance(node.get("en"), str):
            out["fr"] = node["en"].upper()
        return out
    if isinstance(node, list):
        return [made_up_french(item) for item in node]
    return node


def made_up_strings(node: Any) -> Any:
    """The interface strings: English ones marked "[fr]", placeholders kept."""
    if isinstance(node, dict):
        return {key: made_up_strings(value) for key, value in node.items()}
    return f"[fr] {node}"


def add_french(project: Path, data: Path) -> None:
    """ARCHITECTURE.md's recipe for a language, steps 1, 2, 4 and 5: the table, the interface
    strings and the open data's column meanings, mkdocs.yml, the guide (the data's texts,
    step 3, are added by the test, after the check has listed them)."""
    table = project / "plansite" / "languages.yml"
    table.write_text(table.read_text(encoding="utf-8") + yaml.safe_dump([FRENCH], allow_unicode=True, sort_keys=False), encoding="utf-8")
    strings = made_up_strings(yaml.safe_load((project / "plansite" / "strings" / "en.yml").read_text(encoding="utf-8")))
    strings |= {"names_separator": ", ", "names_last_separator": " et "}
    (project / "plansite" / "strings" / "fr.yml").write_text(yaml.safe_dump(strings, allow_unicode=True), encoding="utf-8")
    columns = project / "plansite" / "opendata" / "columns.yml"
    meanings = made_up_french(yaml.safe_load(columns.read_text(encoding="utf-8")))
    columns.write_text(yaml.safe_dump(meanings, allow_unicode=True, sort_keys=False), encoding="utf-8")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace(
        "        - locale: en\n          name: English\n          build: true\n",
        "        - locale: en\n          name: English\n          build: true\n        - locale: fr\n          name: Français\n          build: true\n",
    )
    config = config.replace(
        "      link: en/\n      lang: en\n", "      link: en/\n      lang: en\n    - name: Français\n      link: fr/\n      lang: fr\n"
    )
    assert config.count("fr") >= 4, "mkdocs.yml's languages are not where the recipe says"
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    for page in ("guide", "guide-2", "guide-3"):
        shutil.copy(project / "docs" / f"{page}.en.md", project / "docs" / f"{page}.fr.md")


def write_french_texts(data: Path) -> None:
    """Step 3: the data's texts, and plan 81 translated into French too."""
    for path in data.rglob("*.yml"):
        if NEW in path.parts:
            continue
        tree = made_up_french(yaml.safe_load(path.read_text(encoding="utf-8")))
        if path.name == "plan.yml":
            tree["translations"] = ["en", "fr"]
        path.write_text(yaml.safe_dump(tree, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("languages")
    shutil.copytree(DATA, folder / "data")
    add_vietnamese_only_plan(folder / "data", NEW, NUMBER)
    project_copy(folder, own_package=True)
    return folder


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Plan 81 and the plan in Vietnamese only, for the tests that load the data here
    (whose table of languages has no French)."""
    folder = tmp_path_factory.mktemp("vietnamese-only") / "data"
    shutil.copytree(DATA, folder)
    add_vietnamese_only_plan(folder, NEW, NUMBER)
    return folder


@pytest.fixture(scope="module")
def missing_french(project: Path) -> list[str]:
    """What the check says once French is added to the table and before its texts are."""
    add_french(project, project / "data")
    done = subprocess.run(
        [sys.executable, "-m", "plansite", "--data", "data", "check"], cwd=project, capture_output=True, text=True, check=False
    )
    assert done.returncode == 1, done.stdout + done.stderr
    return done.stderr.splitlines()


@pytest.fixture(scope="module")
def built(project: Path, missing_french: list[str], site_builder: SiteBuilder) -> Build:
    write_french_texts(project / "data")
    build = site_builder(project / "data", project)
    assert build.returncode == 0, build.output
    return build


def test_a_new_language_without_its_texts_is_a_list_of_the_missing_ones(missing_french: list[str], project: Path) -> None:
    assert "Traceback" not in "\n".join(missing_french) and "internal error" not in "\n".join(missing_french)
    count = int(missing_french[0].split()[0])
    assert count > 10 and missing_french[0].endswith("problems in the data:")
    problems = missing_french[1:]
    pattern = re.compile(r"  - (?P<file>\S+?):(?P<line>\d+) \[(?P<key>\S+)\]: French text is missing \(language: fr\); (?P<why>.*)")
    shown = [pattern.fullmatch(line) for line in problems if not line.startswith("  - and ")]
    assert all(shown), [line for line, match in zip(problems, shown, strict=False) if not match][:3]
    files = {Path(match["file"]).name for match in shown if match}
    # The site-wide files every edition shows; plan 81 says it is in English only, so not its files.
    assert {"glossary.yml", "units.yml", "site.yml"} <= files and "tasks.yml" not in files
    glossary = project / "data" / "glossary.yml"
    lines = glossary.read_text(encoding="utf-8").splitlines()
    for match in shown:
        if match and match["file"] == str(glossary):
            assert lines[int(match["line"]) - 1].lstrip().startswith(("- id:", "vi:", "en:", "note:", "id:")), match.group()


def test_every_page_has_its_french_edition_written_as_french(built: Build, site_data: SiteData) -> None:
    site = built.site
    for page, lang in registry.published(site_data):
        if lang != "en":
            continue
        french = site / "fr" / editions.page_directory(page.path, "vi") / "index.html"
        assert french.is_file(), french
        tree = read(french)
        [html] = tree.iter("html")
        assert html.attrs["lang"] == "fr", french
    home = read_page(site, "fr/")
    assert "[fr] " in home.words() and "23 avril 2024" in home.words()
    assert home.find("meta", property="og:locale").attrs["content"] == "fr_FR"  # type: ignore[union-attr]
    # A sentence that names several bodies joins them with the French words.
    agency = read_page(site, "fr/agencies/phong-ldtbxh/").words()
    communes = site_data.agencies["ubnd-cac-xa"].name["en"].upper()
    assert f" et {communes}" in agency
    assert read_page(site, "fr/guide/").words()
    assert (site / "search" / "fr.json").is_file() and (site / "search" / "fr" / f"{PLAN_ID}.json").is_file()
    # The plan in Vietnamese only is not translated into French either: its one page says so.
    assert "[fr] " in read_page(site, f"fr/plans/{NEW}/").words()


def words(site: Path, url: str) -> str:
    return read_page(site, url).words()


def switch_links(site: Path, url: str, lang: str) -> list[str]:
    """Where the language menu's link to ``lang`` leads from the page at ``url``."""
    page = read_page(site, url)
    return [resolve(url, a.attrs["href"])[0] for a in page.with_class("md-select__link", "a") if a.attrs.get("hreflang") == lang]


def test_a_mistake_in_the_table_of_languages_is_said_plainly(tmp_path: Path) -> None:
    """The table is read when the package is imported: a mistake in it still gets a message
    naming the entry and the field, never a traceback."""
    shutil.copytree(DATA, tmp_path / "data")
    project_copy(tmp_path, own_package=True)
    table = tmp_path / "plansite" / "languages.yml"
    entries = yaml.safe_load(table.read_text(encoding="utf-8"))
    entries.append({**entries[1], "code": "fr", "stemmer": "french"})
    table.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "plansite", "--data", "data", "check"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "languages.yml:" in done.stderr and "entry 3, stemmer:" in done.stderr, done.stderr
    entries[-1]["stemmer"] = None
    table.write_text(yaml.safe_dump(entries, allow_unicode=True, sort_keys=False), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "plansite", "--data", "data", "check"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert done.returncode == 1 and "fr: no interface strings; add strings/fr.yml" in done.stderr, done.stderr


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
            assert langs <= ({"en", "fr"} if "/vi/" not in loc and ("/en/" in loc or "/fr/" in loc) else {"vi", "x-default"}), loc
    assert seen == len(list((site / "plans" / NEW).rglob("index.html"))) + 2  # and its notice in English and French


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
