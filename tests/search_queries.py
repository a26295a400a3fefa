"""The search query set (tests/search_queries.yml) and what each query expects, worked
out from the data. Used by tests/test_search.py and bench/search.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from plansite import routes
from plansite.load import SiteData
from plansite.search import fold

HERE = Path(__file__).parent
QUERIES: list[dict[str, Any]] = yaml.safe_load((HERE / "search_queries.yml").read_text(encoding="utf-8"))["queries"]
# Each query's expectations must be among this many first results (or first, if the
# query says `first: true`).
TOP = 3


@dataclass(frozen=True)
class Expected:
    """Where a query must lead: one of ``pages`` (site-relative URLs), at one of ``anchors`` if any."""

    label: str
    pages: frozenset[str]
    anchors: frozenset[str]  # any of them; none: the page is enough
    texts: tuple[str, ...]  # the words a query for it is made of
    ids: tuple[str, ...] = ()  # or the ids it may be looked up by


def page_url(page: routes.PageRef, lang: str) -> str:
    """The site-relative URL of ``page`` in ``lang``: "plans/p/area-6/", "en/" for the English home."""
    stem = page.path.removesuffix(".md")
    stem = "" if stem == "index" else stem.removesuffix("/index")
    url = stem + "/" if stem else ""
    return ("en/" if lang == "en" else "") + url


def expected(site: SiteData, kind: str, key: str, lang: str) -> Expected:
    for plan_id, data in site.plans.items():
        if kind == "task":
            for area_id, _block, task in data.all_tasks():
                if task.id == key:
                    page = page_url(routes.area(plan_id, area_id), lang)
                    texts = (task.title[lang], task.text[lang])
                    return Expected(f"task {key}", frozenset({page}), frozenset({routes.task_anchor(key)}), texts, (key,))
        if kind == "target":
            for bullet, target in data.all_targets():
                if target.id == key:
                    # The target's row, or the heading of the group whose table holds it.
                    page = page_url(routes.targets(plan_id), lang)
                    anchors = frozenset({routes.target_anchor(key), f"group-{bullet.id}"})
                    texts = (target.clause[lang], target.measure[lang] if target.measure else "")
                    return Expected(f"target {key}", frozenset({page}), anchors, texts)
        if kind == "group":
            groups = data.groups.groups if data.groups else []
            group = next((g for g in groups if g.id == key), None)
            if group is not None:
                return Expected(f"group {key}", frozenset({page_url(routes.group(plan_id, key), lang)}), frozenset(), (group.name[lang],))
        if kind == "document":
            numbers = {document.id: document.number for document in data.plan.documents} | {data.plan.id: data.plan.number}
            if key in numbers:
                page = page_url(routes.documents(plan_id), lang)
                return Expected(f"document {key}", frozenset({page}), frozenset({f"doc-{key}"}), (), (numbers[key] or "",))
    if kind == "agency" and key in site.agencies:
        # The agency's own page, which lists its duties: not the area pages that
        # name it, where a name search would leave the reader to find the rest.
        agency = site.agencies[key]
        names = (agency.name[lang], *(agency.spellings if lang == "vi" else ()))
        return Expected(f"agency {key}", frozenset({page_url(routes.agency(key), lang)}), frozenset(), names)
    raise AssertionError(f"search_queries.yml: no {kind} {key!r} in the data")


def expectations(site: SiteData, entry: dict[str, Any]) -> list[Expected]:
    return [expected(site, kind, str(key), entry["lang"]) for item in entry["expect"] for kind, key in item.items()]


@dataclass(frozen=True)
class Result:
    """One result as shown: its page (site-relative) and the anchors its links land on, first the main one."""

    page: str
    anchors: tuple[str, ...]


def misses(site: SiteData, entry: dict[str, Any], results: list[Result]) -> list[str]:
    """What ``results`` lack for ``entry``: results in the other language, expectations not
    in the first results or not landing on their anchor. None: the query passes."""
    other = [r.page for r in results if r.page.startswith("en/") != (entry["lang"] == "en")]
    problems = [f"results from the other language: {other}"] if other else []
    for number, expectation in enumerate(expectations(site, entry)):
        count = 1 if number == 0 and entry.get("first") else TOP
        hits = [r for r in results[:count] if r.page in expectation.pages]
        if not hits:
            problems.append(f"{expectation.label} not in the first {count}: {[r.page for r in results[:count]]}")
        elif expectation.anchors and not any(r.anchors[0] in expectation.anchors for r in hits):
            problems.append(f"{expectation.label} does not land on {sorted(expectation.anchors)}: {[r.anchors for r in hits]}")
    return problems


def words(text: str) -> list[str]:
    """The words of ``text`` as a reader types them: folded, lower case."""
    return re.findall(r"[^\W_]+", fold(text))


def query_id(entry: dict[str, Any]) -> str:
    return f"{entry['lang']}:{entry['query']}"
