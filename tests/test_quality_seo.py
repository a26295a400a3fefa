"""Search engines and link previews: every page has its canonical address, a
description made from the data and Open Graph tags; plan pages describe the plan as
schema.org/Legislation (JSON-LD); the sitemap lists every page with its language
versions; the 404 page is in both languages and kept out of search results.
Expected values are worked out here from the data and the site's address.
"""

from __future__ import annotations

import gzip
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import PLAN_ID
from quality import built_file
from toolkit.html import read
from toolkit.links import Site
from toolkit.site import SiteBuilder

from plansite import registry, routes
from plansite.languages import CODES, LANGUAGES
from plansite.load import SiteData, load_site
from plansite.render import Renderer
from plansite.routes import PageRef

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def data_pages(site_data: SiteData, quality_site: Site) -> dict[Path, tuple[PageRef, str]]:
    """The page each data page (routes) was built into, in both languages."""
    return {built_file(quality_site, ref.path, lang): (ref, lang) for ref, lang in registry.published(site_data)}


def head(file: Path) -> dict[str, str]:
    """<meta> names and properties, rel=canonical, <title> and html lang of ``file``."""
    found = {}
    tree = read(file)
    for element in tree.iter("meta", "link", "title", "html"):
        key = element.attrs.get("name") or element.attrs.get("property")
        if element.tag == "meta" and key:
            found[key] = element.attrs.get("content", "")
        elif element.tag == "link" and element.attrs.get("rel") == "canonical":
            found["canonical"] = element.attrs["href"]
        elif element.tag == "title":
            found["title"] = element.text()
        elif element.tag == "html":
            found["lang"] = element.attrs.get("lang", "")
    return found


def json_ld(file: Path) -> list[Any]:
    return [json.loads(script.text()) for script in read(file).iter("script") if script.attrs.get("type") == "application/ld+json"]


def test_every_page_has_its_address_a_description_and_open_graph(
    quality_site: Site, site_data: SiteData, data_pages: dict[Path, tuple[PageRef, str]]
) -> None:
    renderer = Renderer(site_data)
    problems = []
    pages = [file for file in quality_site.pages() if file.name != "404.html"]
    assert set(data_pages) <= set(pages)
    for file in pages:
        tags = head(file)
        where = file.relative_to(quality_site.root).as_posix()
        expected = {
            "canonical": quality_site.url(file),
            "og:url": quality_site.url(file),
            "og:locale": LANGUAGES[tags["lang"]].og_locale,
            "og:locale:alternate": next(LANGUAGES[lang].og_locale for lang in CODES if lang != tags["lang"]),
            "og:type": "website" if quality_site.url(file) in (quality_site.site_url, quality_site.site_url + "en/") else "article",
            "twitter:card": "summary",
            "og:description": tags.get("description", ""),
        }
        if file in data_pages:
            ref, lang = data_pages[file]
            title = site_data.settings.name[lang] if ref.kind == "home" else renderer.title(ref, lang)
            expected |= {"description": renderer.description(ref, lang), "og:title": title, "lang": lang}
        problems += [f"{where}: {key} is {tags.get(key)!r}, not {value!r}" for key, value in expected.items() if tags.get(key) != value]
        problems += [f"{where}: no {key}" for key in ("description", "og:title", "og:site_name") if not tags.get(key)]
    assert not problems, "\n".join(problems)


def _legislation(site_data: SiteData, plan_id: str, document_id: str, lang: str) -> dict[str, Any]:
    """What the JSON-LD must say of a document the plan implements, from the data."""
    plan = site_data.plans[plan_id].plan
    document = next(document for document in plan.documents if document.id == document_id)
    expected: dict[str, Any] = {"legislationPassedBy": {"@type": "Organization", "name": site_data.agencies[document.issuer].name[lang]}}
    if document.number:
        expected["legislationIdentifier"] = document.number
    if document.date:
        expected["legislationDate"] = document.date.isoformat()
    if document.implements:
        expected["legislationApplies"] = [_legislation(site_data, plan_id, ref, lang) for ref in document.implements]
    return expected


def _subset(actual: Any, expected: Any) -> bool:
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(key in actual and _subset(actual[key], value) for key, value in expected.items())
    if isinstance(expected, list):
        return isinstance(actual, list) and len(actual) == len(expected) and all(map(_subset, actual, expected))
    return bool(actual == expected)


def test_plan_pages_describe_the_plan_as_legislation(
    quality_site: Site, site_data: SiteData, data_pages: dict[Path, tuple[PageRef, str]]
) -> None:
    checked = 0
    for file, (ref, lang) in data_pages.items():
        found = json_ld(file)
        if ref.plan is None:
            assert found == [], file
            continue
        plan = site_data.plans[ref.plan].plan
        expected = {
            "@context": "https://schema.org",
            "@type": "Legislation",
            "legislationIdentifier": plan.number,
            "legislationDate": plan.date.isoformat(),
            "legislationPassedBy": {"@type": "Organization", "name": site_data.agencies[plan.issuer].name[lang]},
            "inLanguage": lang,
            "mainEntityOfPage": quality_site.url(file),
            "legislationApplies": [_legislation(site_data, ref.plan, document, lang) for document in plan.implements],
        }
        assert len(found) == 1 and _subset(found[0], expected), f"{file}:\n{json.dumps(found, ensure_ascii=False, indent=1)}"
        checked += 1
    assert checked >= 2 * 5, "every plan has targets, implementation, documents, full text and task areas, in two languages"


def test_the_sitemap_lists_every_page_with_its_language_versions(quality_site: Site) -> None:
    sitemap = quality_site.root / "sitemap.xml"
    assert gzip.decompress((quality_site.root / "sitemap.xml.gz").read_bytes()) == sitemap.read_bytes()
    entries = {}
    for url in ET.parse(sitemap).getroot().iter(f"{SITEMAP}url"):
        loc = url.findtext(f"{SITEMAP}loc")
        entries[loc] = {link.get("hreflang"): link.get("href") for link in url.iter(f"{XHTML}link") if link.get("rel") == "alternate"}
    pages = [file for file in quality_site.pages() if file.name != "404.html"]
    assert set(entries) == {quality_site.url(file) for file in pages}
    for file in pages:
        vi_path = file.relative_to(quality_site.root).as_posix().removeprefix("en/")
        vi_file = quality_site.root / vi_path
        en_file = quality_site.root / "en" / vi_path
        expected = {"vi": quality_site.url(vi_file), "en": quality_site.url(en_file), "x-default": quality_site.url(vi_file)}
        assert entries[quality_site.url(file)] == expected, file
        assert vi_file.is_file() and en_file.is_file(), file


def test_the_404_page_is_in_both_languages_and_not_indexed(quality_site: Site) -> None:
    file = quality_site.root / "404.html"
    tags = head(file)
    assert tags.get("robots") == "noindex"
    assert "canonical" not in tags and "og:url" not in tags
    content = next(read(file).iter("article"))
    languages = {element.attrs["lang"] for element in content.iter() if "lang" in element.attrs and element.text().strip()}
    assert languages == set(CODES)


def test_quotes_and_markup_in_the_data_stay_text_in_the_head(tmp_path: Path, copy_of_data: Path, site_builder: SiteBuilder) -> None:
    """A page title with quotes, an ampersand and a tag comes out as that text in every tag."""
    tasks_file = copy_of_data / "plans" / PLAN_ID / "tasks.yml"
    tasks = yaml.safe_load(tasks_file.read_text(encoding="utf-8"))
    title = tasks["areas"][0]["title"]
    title["en"] = f'Say "yes" & <b>no</b> to {title["en"]}'
    tasks_file.write_text(yaml.safe_dump(tasks, allow_unicode=True, sort_keys=False), encoding="utf-8")
    build = site_builder(copy_of_data, tmp_path)
    assert build.returncode == 0, build.output

    data = load_site(copy_of_data)
    ref = routes.area(PLAN_ID, tasks["areas"][0]["id"])
    renderer = Renderer(data)
    assert '"yes" & <b>' in renderer.title(ref, "en") and '"yes" & <b>' in renderer.description(ref, "en")
    tags = head(built_file(Site(build.site, "https://x.org/"), ref.path, "en"))
    assert tags["description"] == tags["og:description"] == renderer.description(ref, "en")
    assert tags["og:title"] == renderer.title(ref, "en")
