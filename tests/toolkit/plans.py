"""Made-up plans for benchmarks and tests: ``make_plans(source_data, out, count)``.

Writes a data folder ``out`` that holds the site-wide files of ``source_data``
(agencies, glossary, units, and site.yml with the first plan's reading aids given to
each plan) and ``count`` plans derived from its first plan. Each
derived plan differs from the source and from the others, so that a page showing
the wrong plan shows it:

- its id, number and date: plan k of 81/KH-UBND of 23/4/2024 is ``{100+k}/KH-UBND``,
  id ``{100+k}-kh-ubnd-2024``, dated k days later;
- its text: in every Vietnamese and English text of plan.yml, targets.yml,
  tasks.yml and groups.yml, about a third of the distinct words are swapped among themselves
  (seeded by the plan's number, so the same count gives the same plans). The plans keep
  the source's words and their frequencies, as plans of one district on related
  subjects share their vocabulary, but not its passages; and a word is swapped alike
  everywhere in a plan, so a target's clause is still found in its bullet's text and a
  task's title in its task's text, as the data checks demand. Figures are left alone
  (targets' values are checked against their clauses), as are the agency lines
  (``lead_text``, ``coordinate_text``), which must name agencies by their spellings.

Short texts can come out unchanged (a heading of two common words): compare long ones.

Used by the second-plan tests and by ``bench/`` (which imports the toolkit as a library).
"""

from __future__ import annotations

import copy
import datetime
import random
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from plansite.languages import CODES

SITE_FILES = ("agencies.yml", "glossary.yml", "units.yml")
PLAN_FILES = ("plan.yml", "targets.yml", "tasks.yml", "groups.yml")
# The share of a plan's distinct words that are swapped.
SWAPPED = 0.3
FIRST_NUMBER = 100
_WORD = re.compile(r"[^\W\d_]+")
_NUMBER = re.compile(r"^\d+")


def make_plans(source_data: Path, out: Path, count: int) -> None:
    """Write the data folder ``out``: ``source_data``'s site-wide files and ``count`` plans derived from its first plan."""
    source = sorted(path for path in (source_data / "plans").iterdir() if path.is_dir())[0]
    shutil.rmtree(out, ignore_errors=True)
    (out / "plans").mkdir(parents=True)
    for name in SITE_FILES:
        shutil.copy(source_data / name, out / name)
    files = {name: yaml.safe_load((source / name).read_text(encoding="utf-8")) for name in PLAN_FILES}
    settings = yaml.safe_load((source_data / "site.yml").read_text(encoding="utf-8"))
    guide = settings.get("plans", {}).get(files["plan.yml"]["id"])
    settings["plans"] = {}
    for k in range(1, count + 1):
        plan = derive(files, k)
        folder = out / "plans" / plan["plan.yml"]["id"]
        folder.mkdir()
        for name, data in plan.items():
            _write(folder / name, data)
        if guide is not None:
            settings["plans"][plan["plan.yml"]["id"]] = copy.deepcopy(guide)  # YAML would write an alias
    _write(out / "site.yml", settings)


def _write(file: Path, data: Any) -> None:
    file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1_000_000), encoding="utf-8")


def derive(files: dict[str, Any], k: int) -> dict[str, Any]:
    """Plan ``k`` derived from the plan files ``files`` (as loaded from YAML)."""
    number = FIRST_NUMBER + k
    swaps = {lang: word_swaps(files, lang, random.Random(f"{number}:{lang}")) for lang in CODES}
    derived = {name: map_texts(data, lambda text, lang: swap_words(text, swaps[lang])) for name, data in files.items()}
    plan = derived["plan.yml"]
    plan["id"] = _NUMBER.sub(str(number), plan["id"])
    plan["number"] = _NUMBER.sub(str(number), plan["number"])
    plan["date"] = plan["date"] + datetime.timedelta(days=k)
    return derived


def is_text(data: Any) -> bool:
    """Whether ``data`` is a text in both languages: a mapping of "vi" and "en" to strings."""
    return isinstance(data, dict) and bool(data) and set(data) <= set(CODES) and all(isinstance(v, str) for v in data.values())


def texts(data: Any, lang: str) -> list[str]:
    """Every text of ``lang`` in ``data``."""
    if is_text(data):
        return [data[lang]] if lang in data else []
    if isinstance(data, dict):
        return [text for value in data.values() for text in texts(value, lang)]
    if isinstance(data, list):
        return [text for item in data for text in texts(item, lang)]
    return []


def map_texts(data: Any, change: Callable[[str, str], str]) -> Any:
    """``data`` with ``change(text, lang)`` applied to every text in it."""
    if is_text(data):
        return {lang: change(text, lang) for lang, text in data.items()}
    if isinstance(data, dict):
        return {key: map_texts(value, change) for key, value in data.items()}
    if isinstance(data, list):
        return [map_texts(item, change) for item in data]
    return data


def word_swaps(files: dict[str, Any], lang: str, rng: random.Random) -> dict[str, str]:
    """Which lower-case word becomes which: a share of the plan's words in ``lang``, swapped among themselves."""
    vocabulary = sorted({word.lower() for data in files.values() for text in texts(data, lang) for word in _WORD.findall(text)})
    chosen = rng.sample(vocabulary, round(len(vocabulary) * SWAPPED))
    shuffled = chosen[:]
    rng.shuffle(shuffled)
    return dict(zip(chosen, shuffled, strict=True))


def swap_words(text: str, swaps: dict[str, str]) -> str:
    def swap(match: re.Match[str]) -> str:
        word = match.group()
        new = swaps.get(word.lower(), word.lower())
        if word.isupper() and len(word) > 1:
            return new.upper()
        if word[0].isupper():
            return new[0].upper() + new[1:]
        return new

    return _WORD.sub(swap, text)


def untranslated(node: Any) -> Any:
    """A YAML tree with every translation left out: each text keeps only its ``vi``."""
    if isinstance(node, dict):
        return {key: untranslated(value) for key, value in node.items() if key not in CODES[1:]}
    if isinstance(node, list):
        return [untranslated(item) for item in node]
    return node


def add_vietnamese_only_plan(data: Path, plan_id: str, number: str) -> Path:
    """Add to the data folder ``data`` a copy of its first plan as a plan published in
    Vietnamese only (no translation, no groups.yml), with its own id and number; return its folder."""
    source = sorted(path for path in (data / "plans").iterdir() if path.is_dir())[0]
    folder = data / "plans" / plan_id
    folder.mkdir()
    for name in ("plan.yml", "targets.yml", "tasks.yml"):
        tree = untranslated(yaml.safe_load((source / name).read_text(encoding="utf-8")))
        if name == "plan.yml":
            tree.pop("translations", None)
            tree.update(id=plan_id, number=number)
        (folder / name).write_text(yaml.safe_dump(tree, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    return folder
