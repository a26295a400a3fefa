"""bench/make_plans.py: the made-up plans the search benchmark (and others) build sites from."""

from __future__ import annotations

from pathlib import Path

from toolkit.plans import make_plans

from plansite.load import load_site

DATA = Path(__file__).resolve().parent.parent / "data"


def test_made_up_plans_load_and_differ_from_the_source_and_each_other(tmp_path: Path) -> None:
    make_plans(DATA, tmp_path / "data", 3)
    source = next(iter(load_site(DATA).plans.values()))
    site = load_site(tmp_path / "data")  # every data check passes
    assert len(site.plans) == 3
    plans = list(site.plans.values())
    assert len({data.plan.id for data in plans}) == len({data.plan.number for data in plans}) == 3
    assert source.plan.id not in site.plans and source.plan.number not in {data.plan.number for data in plans}
    long_texts = [(area_id, task.id) for area_id, _block, task in source.all_tasks() if len(task.text.vi.split()) > 20]
    for data in plans:
        tasks = {(area_id, task.id): task for area_id, _block, task in data.all_tasks()}
        original = {(area_id, task.id): task for area_id, _block, task in source.all_tasks()}
        for key in long_texts:
            assert tasks[key].text.vi != original[key].text.vi and tasks[key].text["en"] != original[key].text["en"]
    first, second = plans[0], plans[1]
    assert [task.text.vi for _, _, task in first.all_tasks()] != [task.text.vi for _, _, task in second.all_tasks()]


def test_made_up_plans_are_the_same_for_the_same_count(tmp_path: Path) -> None:
    make_plans(DATA, tmp_path / "a", 2)
    make_plans(DATA, tmp_path / "b", 2)
    files = sorted(path.relative_to(tmp_path / "a") for path in (tmp_path / "a").rglob("*.yml"))
    assert files == sorted(path.relative_to(tmp_path / "b") for path in (tmp_path / "b").rglob("*.yml"))
    assert all((tmp_path / "a" / file).read_bytes() == (tmp_path / "b" / file).read_bytes() for file in files)
