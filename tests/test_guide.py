"""The editor's guide quotes the messages the data check really prints, in both languages.

Each example in the guide comes from one realistic mistake below, made in a copy of
data/ and checked with ``python -m plansite check`` as an editor runs it (``make check``).
The test fails when a message the guide quotes is no longer printed (the loader's wording
changed) or when the guide quotes a message that none of these mistakes produces. Line
numbers are compared as "N": they move whenever the data above them is edited.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
GUIDES = {"vi": ROOT / "docs" / "guide.md", "en": ROOT / "docs" / "guide.en.md"}
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


def guide_examples(path: Path) -> list[str]:
    """Every message line quoted in the guide's code blocks, normalized."""
    blocks = re.findall(r"^```[^\n]*\n(.*?)^```", path.read_text(encoding="utf-8"), flags=re.S | re.M)
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
    assert not missing, f"{GUIDES[lang].name} does not quote these messages as the check prints them now: {missing}"


@pytest.mark.parametrize("lang", GUIDES)
def test_guide_quotes_no_message_the_check_does_not_print(lang: str, printed: dict[str, list[str]]) -> None:
    produced = {m for messages in printed.values() for m in messages}
    stale = [m for m in guide_examples(GUIDES[lang]) if m not in produced]
    assert not stale, f"{GUIDES[lang].name} quotes messages that no mistake in MISTAKES produces: {stale}"


@pytest.mark.parametrize("lang", GUIDES)
def test_guide_pages_are_built(lang: str, built_site: Path) -> None:
    page = built_site / ("guide" if lang == "vi" else "en/guide") / "index.html"
    assert page.is_file(), f"{page} was not built"
    html = page.read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in html


def test_readme_links_the_guide() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/guide.md" in readme and "docs/guide.en.md" in readme
