"""Whole-site builds from altered data: escaping, two plans that differ, and a warning-free build."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from conftest import DATA, PLAN_ID
from quality import configured_site_url
from toolkit.html import read_page
from toolkit.links import Site, broken_links
from toolkit.plans import make_plans
from toolkit.site import SiteBuilder

from plansite.checks import strip_emphasis
from plansite.load import PlanData, load_site
from plansite.strings import lookup

HOSTILE = "<script>alert('x')</script> {{ 6 * 7 }} [link](http://example.org) `code` C#tag"


def test_the_real_site_builds_strict_without_warnings(tmp_path: Path, copy_of_data: Path, site_builder: SiteBuilder) -> None:
    build = site_builder(copy_of_data, tmp_path)
    assert build.returncode == 0, build.output
    noise = [line for line in build.output.splitlines() if "WARNING" in line or "ERROR" in line]
    assert not noise, "\n".join(noise)


def test_text_from_the_data_is_shown_as_text(tmp_path: Path, copy_of_data: Path, site_builder: SiteBuilder) -> None:
    tasks = copy_of_data / "plans" / PLAN_ID / "tasks.yml"
    text = tasks.read_text(encoding="utf-8")
    original = "Kịp thời khen thưởng, tôn vinh các tổ chức, cá nhân thực hiện tốt chính sách xã hội"
    assert text.count(original) == 2  # the title and the start of the text of 1.2
    tasks.write_text(text.replace(original, HOSTILE + " " + original), encoding="utf-8")
    build = site_builder(copy_of_data, tmp_path)
    assert build.returncode == 0, build.output

    for page in (build.site / "plans" / PLAN_ID / "area-1" / "index.html", build.site / "plans" / PLAN_ID / "full-text" / "index.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert(" not in html, page
        assert "&lt;script&gt;alert('x')&lt;/script&gt;" in html, page
        assert "{{ 6 * 7 }}" in html and "42" not in html.split("&lt;script&gt;")[1][:40], page
        assert "[link](http://example.org)" in html and 'href="http://example.org"' not in html, page
        assert "`code` C#tag" in html, page


def test_each_plan_shows_its_own_text_and_data(tmp_path: Path, site_builder: SiteBuilder) -> None:
    """Two plans that differ in every long text (toolkit.plans): each plan's pages, its part
    of each agency's page, its search index and its open data show its own titles and
    clauses and none of the other's, in both languages, so a renderer that read the wrong
    plan, or always the first, fails; and no link of the two-plan site is broken."""
    data = tmp_path / "data"
    make_plans(DATA, data, 2)
    site = load_site(data)
    one, two = site.plans.values()
    # With more plans than the menu names one by one (here, past one), the plans other than
    # the page's own are one entry, "All plans" (limits.MENU_PLANS; bench/build.py measures it).
    build = site_builder(data, tmp_path, {"PLANSITE_MENU_PLANS": "1"})
    assert build.returncode == 0, build.output

    def words(text: str) -> str:
        return " ".join(strip_emphasis(text).split())

    def own_and_other(kind: str, plan: PlanData, other: PlanData, lang: str) -> list[tuple[str, str]]:
        """Pairs (this plan's text, the other's), for the page ``kind``."""
        if kind == "targets":
            targets = zip(plan.all_targets(), other.all_targets(), strict=True)
            return [(words(a.clause[lang]), words(b.clause[lang])) for (_, a), (_, b) in targets]
        tasks = zip(plan.all_tasks(), other.all_tasks(), strict=True)
        return [
            (words(a.title[lang]), words(b.title[lang]))
            for (area, _, a), (_, _, b) in tasks
            if kind in (f"area-{area}", "full-text", "matrix")
        ]

    def strings(value: object) -> list[str]:
        """Every text in a JSON value, spaces collapsed."""
        if isinstance(value, str):
            return [" ".join(value.split())]
        return [s for item in value for s in strings(item)] if isinstance(value, list) else []

    def check(where: str, text: str, pairs: list[tuple[str, str]]) -> None:
        pairs = [(own, theirs) for own, theirs in pairs if own != theirs]
        assert pairs, f"{where}: no text differs between the made-up plans"
        for own, theirs in pairs:
            assert own in text, f"{where} lacks its own {own!r}"
            assert theirs not in text, f"{where} shows the other plan's {theirs!r}"

    def menu(url: str) -> list[str]:
        """The labels of the page's menu (the sections, then the current one's tree) and of
        its tabs (a wide screen's top-level sections)."""
        page = read_page(build.site, url)
        drawer, tabs = page.by_id("__drawer_nav"), next(page.with_class("md-tabs", "nav"))
        assert drawer is not None, url
        return [link.text for link in drawer.links() + tabs.links()]

    for lang, prefix in (("vi", ""), ("en", "en/")):
        all_plans = lookup(lang, "menu_all_plans")
        for plan, other in ((one, two), (two, one)):
            labels = menu(f"{prefix}plans/{plan.id}/targets/")
            assert labels.count(all_plans) == 3, labels  # the list of sections, the tree, the tabs
            assert any(plan.plan.number in label for label in labels), labels
            assert not any(other.plan.number in label for label in labels), labels
        labels = menu(f"{prefix}agencies/phong-ldtbxh/")
        assert labels.count(all_plans) == 3 and not any(one.plan.number in label for label in labels), labels

    home = read_page(build.site, "").words()
    for plan, other in ((one, two), (two, one)):
        assert plan.plan.number in home
        for lang, prefix in (("vi", ""), ("en", "en/")):
            for kind in ("targets", "full-text", "matrix", *(f"area-{area.id}" for area in plan.tasks.areas)):
                url = f"{prefix}plans/{plan.id}/{kind}/"
                check(url, read_page(build.site, url).words(), own_and_other(kind, plan, other, lang))
            # Each agency's page opens with the sub-tasks it leads, each a link to its text:
            # the links into this plan's pages show this plan's titles.
            for agency_id in ("phong-ldtbxh", "phong-y-te"):
                url = f"{prefix}agencies/{agency_id}/"
                glance = next(read_page(build.site, url).with_class("plansite-glance"))
                into_plan = f"/plans/{plan.id}/"
                lead = " ".join(a.words() for a in glance.with_class("plansite-task-title", "a") if into_plan in a.attrs["href"])
                led = [
                    (a, b) for (_, block, a), (_, _, b) in zip(plan.all_tasks(), other.all_tasks(), strict=True) if agency_id in block.lead
                ]
                check(f"{url} ({plan.id})", lead, [(words(a.title[lang]), words(b.title[lang])) for a, b in led])
            index = json.loads((build.site / "search" / lang / f"{plan.id}.json").read_text(encoding="utf-8"))
            check(f"search/{lang}/{plan.id}.json", " ".join(strings(index["pages"])), own_and_other("full-text", plan, other, lang))
        with (build.site / "data" / plan.id / "tasks.csv").open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        assert {row["plan_id"] for row in rows} == {plan.id}
        assert [row["title_vi"] for row in rows] == [task.title.vi for _, _, task in plan.all_tasks()]
    assert broken_links(Site(build.site, configured_site_url())) == []
