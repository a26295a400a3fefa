"""The editor's guide quotes the messages the data check really prints, in both languages.

Each example in the guide comes from one realistic mistake below, made in a copy of
data/ and checked with ``python -m plansite check`` as an editor runs it (``make check``).
The test fails when a message the guide quotes is no longer printed (the loader's wording
changed) or when the guide quotes a message that none of these mistakes produces. Line
numbers are compared as "N": they move whenever the data above them is edited.

The guide's YAML examples are checked against the data too: an example under an "add"
section (anchor ``add-…``) shows a new entry, so its ids must be free, or an editor who
copies it gets a duplicate id; every other example quotes the data, so its ids must exist
and its values must be the data's. Ids it refers to (``unit: percent``) must exist, and the
new entries it shows must be valid entries of their kind.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel, ValidationError

from plansite.models import Agency, Target, Term

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
# The guide's three pages in each language (the second: a computer, usual tasks; the third:
# the check's messages).
GUIDES = {
    "vi": (ROOT / "docs" / "guide.md", ROOT / "docs" / "guide-2.md", ROOT / "docs" / "guide-3.md"),
    "en": (ROOT / "docs" / "guide.en.md", ROOT / "docs" / "guide-2.en.md", ROOT / "docs" / "guide-3.en.md"),
}
PLAN = "plans/81-kh-ubnd-2024"


@dataclasses.dataclass(frozen=True)
class Mistake:
    """One editing mistake: in ``file`` (relative to data/), ``old`` becomes ``new``."""

    name: str
    file: str
    old: str
    new: str


MISTAKES = [
    Mistake(
        "yaml_syntax",
        "agencies.yml",
        "      en: Division of Labour, Invalids and Social Affairs\n",
        "     en: Division of Labour, Invalids and Social Affairs\n",
    ),
    Mistake("english_missing", "agencies.yml", "      en: Division of Labour, Invalids and Social Affairs\n", ""),
    Mistake("unknown_key", "agencies.yml", "    spellings: [Phòng Nội vụ]\n", "    spelling: [Phòng Nội vụ]\n"),
    Mistake("bad_id", "agencies.yml", "  - id: phong-y-te\n", "  - id: phòng-y-tế\n"),
    Mistake("wrong_type", "agencies.yml", "    spellings: [Phòng Tài chính - Kế hoạch]\n", "    spellings: Phòng Tài chính - Kế hoạch\n"),
    Mistake("duplicate_id", f"{PLAN}/targets.yml", "      - id: t02\n", "      - id: t01\n"),
    # a second value for one target: YAML would keep only the last
    Mistake(
        "duplicate_key",
        f"{PLAN}/targets.yml",
        "        comparator: lt\n        value: 2\n",
        "        comparator: lt\n        value: 2\n        value: 50\n",
    ),
    Mistake("date_format", f"{PLAN}/plan.yml", "date: 2024-04-23\n", "date: 23/4/2024\n"),
    Mistake("decimal_comma", f"{PLAN}/targets.yml", "        value: 97.5\n", "        value: 97,5\n"),
    Mistake("id_needs_quotes", f"{PLAN}/tasks.yml", "    - id: '1.2'\n", "    - id: 1.2\n"),
    Mistake("clause_not_in_text", f"{PLAN}/targets.yml", "          vi: Bảo đảm 100% người", "          vi: Đảm bảo 100% người"),
    Mistake(
        "title_not_in_text",
        f"{PLAN}/tasks.yml",
        "        vi: Tăng cường tuyên truyền, giáo dục nâng cao nhận thức\n",
        "        vi: Đẩy mạnh tuyên truyền, giáo dục nâng cao nhận thức\n",
    ),
    Mistake(
        "unknown_agency",
        f"{PLAN}/tasks.yml",
        "    lead_text: Phòng Văn hóa và Thông tin huyện.\n    lead:\n    - phong-vhtt\n",
        "    lead_text: Phòng Văn hóa và Thông tin huyện.\n    lead:\n    - phong-van-hoa\n",
    ),
    Mistake(
        "spelling_not_matched",
        f"{PLAN}/tasks.yml",
        "    lead_text: Phòng Văn hóa và Thông tin huyện.\n",
        "    lead_text: Phòng Văn hoá và Thông tin huyện.\n",
    ),
    Mistake("target_in_no_group", f"{PLAN}/groups.yml", '      - t02 # "Tỷ lệ thất nghiệp chung"\n', ""),
    Mistake(
        "agency_unused",
        "agencies.yml",
        "    spellings: [Đại hội đại biểu Đảng bộ huyện lần thứ XIX]\n",
        "    spellings: [Đại hội đại biểu Đảng bộ huyện lần thứ XIX]\n\n"
        # a body the glossary already names, so that only the "unused" message shows
        "  - id: ban-thuong-vu-huyen-uy\n    kind: district_body\n    name:\n      vi: Ban Thường vụ Huyện ủy\n"
        "      en: Standing Committee of the District Party Committee\n    spellings: [Ban Thường vụ Huyện ủy]\n",
    ),
]

# A message line as `make check` prints it: "  - data/<file>:<line> [<key path>]: <message>".
MESSAGE = re.compile(r"^\s*- data/\S+\.yml(?::\d+)?(?: \[.+?\])?: .+$")


def normalize(line: str) -> str:
    """A message with its line numbers replaced by N (they move as the data is edited)."""
    line = re.sub(r"(\.yml):\d+", r"\1:N", line.strip())
    return re.sub(r"\bline \d+", "line N", line)


def check_output(mistake: Mistake, workdir: Path) -> str:
    """What `make check` prints for the data with ``mistake`` made in it."""
    data = workdir / "data"
    shutil.copytree(DATA, data)
    target = data / mistake.file
    text = target.read_text(encoding="utf-8")
    assert text.count(mistake.old) == 1, f"{mistake.name}: the text to break is not found once in {mistake.file}; update MISTAKES"
    target.write_text(text.replace(mistake.old, mistake.new), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "plansite", "--data", "data", "check"], cwd=workdir, capture_output=True, text=True, check=False
    )
    assert done.returncode == 1, f"{mistake.name}: the check accepted the broken data:\n{done.stdout}{done.stderr}"
    return done.stderr


def guide_examples(paths: tuple[Path, ...]) -> list[str]:
    """Every message line quoted in the code blocks of the guide's pages, normalized."""
    text = "\n".join(path.read_text(encoding="utf-8") for path in paths)
    blocks = re.findall(r"^```[^\n]*\n(.*?)^```", text, flags=re.S | re.M)
    return [normalize(line) for block in blocks for line in block.splitlines() if MESSAGE.match(line)]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    """For each mistake, the message lines the check prints (normalized)."""
    out = {}
    for mistake in MISTAKES:
        output = check_output(mistake, tmp_path_factory.mktemp(mistake.name))
        out[mistake.name] = [normalize(line) for line in output.splitlines() if MESSAGE.match(line)]
        assert out[mistake.name], f"{mistake.name}: no message line in:\n{output}"
    return out


@pytest.mark.parametrize("lang", GUIDES)
def test_guide_quotes_every_message_as_printed(lang: str, printed: dict[str, list[str]]) -> None:
    quoted = set(guide_examples(GUIDES[lang]))
    missing = {name: [m for m in messages if m not in quoted] for name, messages in printed.items()}
    missing = {name: messages for name, messages in missing.items() if messages}
    assert not missing, f"the {lang} guide does not quote these messages as the check prints them now: {missing}"


@pytest.mark.parametrize("lang", GUIDES)
def test_guide_quotes_no_message_the_check_does_not_print(lang: str, printed: dict[str, list[str]]) -> None:
    produced = {m for messages in printed.values() for m in messages}
    stale = [m for m in guide_examples(GUIDES[lang]) if m not in produced]
    assert not stale, f"the {lang} guide quotes messages that no mistake in MISTAKES produces: {stale}"


@pytest.mark.parametrize("lang", GUIDES)
def test_guide_pages_are_built(lang: str, built_site: Path) -> None:
    for path in GUIDES[lang]:
        page = built_site / ("" if lang == "vi" else "en") / path.name.split(".")[0] / "index.html"
        assert page.is_file(), f"{page} was not built"
        html = page.read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in html


def test_readme_links_the_guide() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/guide.md" in readme and "docs/guide.en.md" in readme


# -- the YAML examples: new ids free, quoted entries true -----------------------------

YAML_BLOCK = re.compile(r"^```yaml\n(.*?)^```", re.S | re.M)
ANCHORED_HEADING = re.compile(r"^#+ .*\{ #(?P<anchor>[\w-]+) \}$", re.M)
# Keys whose values are ids of other entries, and the kind of entry they name.
REFERENCES = {
    "unit": "units",
    "member_of": "agencies",
    "lead": "agencies",
    "coordinate": "agencies",
    "mentions": "agencies",
    "addressed_to": "agencies",
    "issuer": "agencies",
    "agency": "agencies",
    "from": "agencies",
    "to": "agencies",
    "via": "agencies",
    "implements": "documents",
}
# A new entry of each kind, told by a key only that kind has.
MODELS: dict[str, type[BaseModel]] = {"clause": Target, "spellings": Agency, "basis": Term}


def is_placeholder(value: object) -> bool:
    """``<tên đầy đủ…>``: a slot the editor fills in, not a value."""
    return isinstance(value, str) and value.startswith("<") and value.endswith(">")


def mappings(node: object) -> Iterator[dict[str, Any]]:
    """Every mapping in a parsed YAML document, outermost first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from mappings(value)
    elif isinstance(node, list):
        for item in node:
            yield from mappings(item)


@dataclasses.dataclass(frozen=True)
class Example:
    """One ```yaml block of a guide, parsed, with the section it stands in."""

    where: str  # "guide.md:123"
    section: str  # the anchor of the nearest heading above it
    data: object

    @property
    def shows_new_entries(self) -> bool:
        return self.section.startswith("add-")


def yaml_examples(name: str, text: str) -> list[Example]:
    anchors = [(m.start(), m["anchor"]) for m in ANCHORED_HEADING.finditer(text)]
    examples = []
    for block in YAML_BLOCK.finditer(text):
        where = f"{name}:{text[: block.start()].count(chr(10)) + 1}"
        above = [anchor for start, anchor in anchors if start < block.start()]
        assert above, f"{where}: a YAML example before any anchored heading"
        try:
            parsed = yaml.safe_load(block.group(1))
        except yaml.YAMLError as err:
            raise AssertionError(f"{where}: the example is not valid YAML: {err}") from None
        examples.append(Example(where, above[-1], parsed))
    return examples


@dataclasses.dataclass
class DataIds:
    """The entries of data/ by id, and the ids of each kind that examples refer to."""

    entries: dict[str, list[dict[str, Any]]]
    kinds: dict[str, set[str]]


def read_data(data: Path) -> DataIds:
    entries: dict[str, list[dict[str, Any]]] = {}
    kinds: dict[str, set[str]] = {"agencies": set(), "units": set(), "documents": set()}
    for path in sorted(data.rglob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for mapping in mappings(document):
            if "id" in mapping:
                entries.setdefault(str(mapping["id"]), []).append(mapping)
        for kind in ("agencies", "units"):
            kinds[kind] |= {entry["id"] for entry in document.get(kind, [])}
        kinds["documents"] |= {entry["id"] for entry in document.get("documents", [])}
    return DataIds(entries, kinds)


def differences(example: object, record: object, path: str = "") -> list[str]:
    """The key paths where ``example`` says something other than ``record`` (keys it leaves out agree)."""
    if isinstance(example, dict) and isinstance(record, dict):
        return [d for key, value in example.items() for d in differences(value, record.get(key), f"{path}.{key}")]
    return [] if example == record else [path.lstrip(".")]


def example_problems(example: Example, data: DataIds) -> list[str]:
    problems = []
    for mapping in mappings(example.data):
        for key, kind in REFERENCES.items():
            value = mapping.get(key)
            named = value if isinstance(value, list) else [value] if value is not None else []
            for ref in named:
                if not is_placeholder(ref) and ref not in data.kinds[kind]:
                    problems.append(f"{example.where}: {key}: {ref!r} is not one of the {kind} in data/")
        if "id" not in mapping or is_placeholder(mapping["id"]):
            continue
        entry_id = str(mapping["id"])
        if example.shows_new_entries:
            if entry_id in data.entries:
                problems.append(
                    f"{example.where}: the new entry's id {entry_id!r} is already used in data/: an editor copying it gets a duplicate"
                )
            model = next((MODELS[key] for key in MODELS if key in mapping), None)
            if model is not None:
                try:
                    model.model_validate(mapping)
                except ValidationError as err:
                    problems.append(f"{example.where}: not a valid {model.__name__}: {err}")
        elif entry_id not in data.entries:
            problems.append(f"{example.where}: the example quotes the entry {entry_id!r}, which is not in data/")
        elif all(differences(mapping, record) for record in data.entries[entry_id]):
            wrong = differences(mapping, data.entries[entry_id][0])
            problems.append(f"{example.where}: the example of {entry_id!r} differs from data/ at {wrong}")
    return problems


@pytest.fixture(scope="module")
def data_ids() -> DataIds:
    return read_data(DATA)


@pytest.mark.parametrize("lang", GUIDES)
def test_guide_yaml_examples_use_free_ids_and_quote_the_data(lang: str, data_ids: DataIds) -> None:
    examples = guide_yaml_examples(GUIDES[lang])
    # Two quoted entries, the target and the agency with its glossary term, the new plan.
    assert sum(not e.shows_new_entries for e in examples) >= 3, f"the {lang} guide: the YAML rules lost their examples"
    assert sum(e.shows_new_entries for e in examples) >= 4, f"the {lang} guide: the add sections lost their examples"
    problems = [problem for example in examples for problem in example_problems(example, data_ids)]
    assert not problems, "\n".join(problems)


def guide_yaml_examples(paths: tuple[Path, ...]) -> list[Example]:
    return [example for path in paths for example in yaml_examples(path.name, path.read_text(encoding="utf-8"))]


def test_both_guides_show_the_same_entries() -> None:
    def entry_ids(paths: tuple[Path, ...]) -> list[tuple[str, list[object]]]:
        return [(e.section, [m["id"] for m in mappings(e.data) if "id" in m]) for e in guide_yaml_examples(paths)]

    assert entry_ids(GUIDES["vi"]) == entry_ids(GUIDES["en"])


def test_the_example_check_catches_used_ids_invalid_entries_wrong_quotes_and_unknown_units(data_ids: DataIds) -> None:
    guide = """## Thêm một chỉ tiêu { #add-a-target }

```yaml
- id: t01
  clause: {vi: a, en: a}
  comparator: ge
  value: 97,5
  unit: phan-tram
```

## Quy tắc { #yaml }

```yaml
- id: t12
  value: 97,5
```
"""
    problems = [p for example in yaml_examples("guide.md", guide) for p in example_problems(example, data_ids)]
    assert any("'t01' is already used" in p for p in problems), problems
    assert any("unit: 'phan-tram'" in p for p in problems), problems
    assert any("not a valid Target" in p for p in problems), problems
    assert any("'t12' differs from data/ at ['value']" in p for p in problems), problems
    assert len(problems) == 4, problems
