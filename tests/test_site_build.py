"""Whole-site builds from altered data: escaping, a second plan, and a warning-free build."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import yaml
from conftest import PLAN_ID
from toolkit.site import build_site

HOSTILE = "<script>alert('x')</script> {{ 6 * 7 }} [link](http://example.org) `code` C#tag"


def test_the_real_site_builds_strict_without_warnings(tmp_path: Path, copy_of_data: Path) -> None:
    build = build_site(copy_of_data, tmp_path)
    assert build.returncode == 0, build.output
    noise = [line for line in build.output.splitlines() if "WARNING" in line or "ERROR" in line]
    assert not noise, "\n".join(noise)


def test_text_from_the_data_is_shown_as_text(tmp_path: Path, copy_of_data: Path) -> None:
    tasks = copy_of_data / "plans" / PLAN_ID / "tasks.yml"
    text = tasks.read_text(encoding="utf-8")
    original = "Kịp thời khen thưởng, tôn vinh các tổ chức, cá nhân thực hiện tốt chính sách xã hội"
    assert text.count(original) == 2  # the title and the start of the text of 1.2
    tasks.write_text(text.replace(original, HOSTILE + " " + original), encoding="utf-8")
    build = build_site(copy_of_data, tmp_path)
    assert build.returncode == 0, build.output

    for page in (build.site / "plans" / PLAN_ID / "area-1" / "index.html", build.site / "plans" / PLAN_ID / "full-text" / "index.html"):
        html = page.read_text(encoding="utf-8")
        assert "<script>alert(" not in html, page
        assert "&lt;script&gt;alert('x')&lt;/script&gt;" in html, page
        assert "{{ 6 * 7 }}" in html and "42" not in html.split("&lt;script&gt;")[1][:40], page
        assert "[link](http://example.org)" in html and 'href="http://example.org"' not in html, page
        assert "`code` C#tag" in html, page


def test_a_second_plan_folder_adds_its_pages_and_open_data(tmp_path: Path, copy_of_data: Path) -> None:
    second = "99-kh-ubnd-2025"
    shutil.copytree(copy_of_data / "plans" / PLAN_ID, copy_of_data / "plans" / second)
    plan_file = copy_of_data / "plans" / second / "plan.yml"
    plan = plan_file.read_text(encoding="utf-8")
    plan_file.write_text(
        plan.replace(f"id: {PLAN_ID}", f"id: {second}").replace("number: 81/KH-UBND", "number: 99/KH-UBND"), encoding="utf-8"
    )
    areas = yaml.safe_load((copy_of_data / "plans" / second / "tasks.yml").read_text(encoding="utf-8"))["areas"]

    build = build_site(copy_of_data, tmp_path)
    assert build.returncode == 0, build.output
    for plan_id in (PLAN_ID, second):
        for prefix in ("", "en/"):
            for page in ("targets", "implementation", "documents", "full-text", *(f"area-{a['id']}" for a in areas)):
                assert (build.site / prefix / "plans" / plan_id / page / "index.html").is_file(), (prefix, plan_id, page)
        with (build.site / "data" / plan_id / "tasks.csv").open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        assert {row["plan_id"] for row in rows} == {plan_id}
        assert len(rows) == sum(len(block["tasks"]) for area in areas for block in area["blocks"])
    home = (build.site / "index.html").read_text(encoding="utf-8")
    assert "81/KH-UBND" in home and "99/KH-UBND" in home
