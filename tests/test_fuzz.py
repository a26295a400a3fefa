"""No edit of the data can make ``check``, ``pages`` or ``export`` crash.

Hypothesis mutates copies of the real data the way a hurried editor or a bad paste
would (a value of another type, empty, huge, NaN, an impossible date, control and bidi
characters, a deleted or doubled line, an anchor, a Tab, a NUL byte, invalid UTF-8, a
cut-off file, a plan number Excel cannot name a sheet with, an id that would take a
page or an anchor, a label too long for the menu, invisible or look-alike text…)
and runs the three commands in-process through ``plansite.__main__.main``. What
``check`` accepts, ``pages`` (the stubs and each edition's menu) and ``export`` (every
open-data file) must make without a word; what it refuses, it refuses with only
the summary line and problems of the form ``path:line [key]: message`` (and one line
counting those not listed), where the path is a data file, the line exists in it, and
the line is of bounded length. Derandomized, so a run in CI is reproducible.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import json
import re
import shutil
import tempfile
from pathlib import Path

from conftest import DATA
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plansite.__main__ import main

FILES = sorted(str(p.relative_to(DATA)) for p in DATA.rglob("*.yml"))
TEXTS = {name: (DATA / name).read_text(encoding="utf-8") for name in FILES}
# Lines holding a value: "key: value" or "- value".
VALUE_LINE = re.compile(r"^(?P<head>\s*(?:- )?(?:[A-Za-z_]+: |- ))(?P<value>.+)$")
VALUE_LINES = {
    name: [i for i, line in enumerate(text.splitlines()) if VALUE_LINE.match(line) and not line.lstrip().startswith("#")]
    for name, text in TEXTS.items()
}

HOSTILE = [
    # other types, and YAML 1.1's surprises
    "",
    "~",
    "[]",
    "{}",
    "[a, b]",
    "{a: 1}",
    "yes",
    "no",
    "on",
    "true",
    "1.10",
    "010",
    "0x1F",
    "0o17",
    "1:20",
    "1_000",
    "0",
    "2",
    "12",
    "13",
    "29",
    "31",
    # numbers the plan cannot state
    ".nan",
    ".inf",
    "-.inf",
    "-1",
    "1e300",
    "9" * 5000,
    # dates
    "2024-02-30",
    "2023-24-11",
    "23/4/2024",
    "0001-01-01",
    "9999-12-31",
    "2024-04-23T10:00:00",
    # texts: blank, invisible, huge
    '"   "',
    '"\\a"',
    '"\\x1b[31m red"',
    '"abc\\u202edef"',
    '"a\\u200bb"',
    '"\\ufeff"',
    '"\\0"',
    '"\\ud800"',
    '"\\t"',
    '"a\\nb"',
    "x" * 100_000,
    "|\n  a block\n",
    ">\n  folded\n",
    # YAML structure editors do not need
    "&a x",
    "*a",
    "!!str x",
    "!!python/object:os.system x",
    "!!binary aGk=",
    "!!timestamp 2024-02-30",
    "!!float abc",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[x]]]]]]]]]]]]]]]]]]]]]]]]]]",
    # broken syntax
    "'unterminated",
    '"',
    "@x",
    "`x`",
    "a: b",
    "- x",
    '"\\q"',
    # valid values at the edges, and texts the pages and open data must escape
    "100",
    "2100",
    "1900-01-01",
    '"🙂"',
    '"<b>x</b> | y"',
    '"=1+1"',
    # valid values in the wrong place
    "lt",
    "range",
    "percent",
    "phong-noi-vu",
    "t01",
    "'1.2'",
    "81-kh-ubnd-2024",
    "ongoing",
    # what check once accepted and the build did not (issue 19): worksheet names from a plan's
    # number, ids that take a page or an anchor, long menu labels, formulas after a separator
    "'81/KH-UBND",
    '"🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂🙂"',
    "81/KH-UBND",
    "index",
    "8-a",
    "x.en",
    "agencies",
    "ă" * 300,
    "Ă" * 190,
    "Plan;=1+1;=cmd|' /C calc'!A0",
    "../../../attacker/phish/tree/main",
    "https://attacker.example/o/r",
    # text a reader cannot see or tell apart
    '"\u3164"',
    '"\u2800"',
    '"a\u00adb"',
    '"a\ufe0f"',
    '"\U000e0020"',
    '"e\u0301"',
    '"Ph\u043eng N\u1ed9i v\u1ee5"',
]


@dataclasses.dataclass(frozen=True)
class Mutation:
    """One edit of one data file."""

    file: str
    kind: str
    line: int
    payload: str

    def apply(self, data: bytes) -> bytes:
        if self.kind == "bytes":
            # invalid UTF-8, NUL, Tab, CR or escape, at a position in the file
            at = self.line % (len(data) + 1)
            return data[:at] + self.payload.encode("latin-1") + data[at:]
        if self.kind == "truncate":
            return data[: self.line % (len(data) + 1)]
        # surrogateescape: a file an earlier edit made invalid UTF-8 stays so
        lines = data.decode("utf-8", "surrogateescape").split("\n")
        i = self.line % len(lines)
        if self.kind == "value":
            match = VALUE_LINE.match(lines[i])
            if match:
                lines[i] = match["head"] + self.payload
        elif self.kind == "delete":
            del lines[i]
        elif self.kind == "duplicate":
            lines.insert(i, lines[i])
        elif self.kind == "indent":
            lines[i] = self.payload + lines[i] if self.payload != "-" else lines[i][1:]
        elif self.kind == "insert":
            column = len(lines[i]) // 2
            lines[i] = lines[i][:column] + self.payload + lines[i][column:]
        return "\n".join(lines).encode("utf-8", "surrogateescape")


def _texts() -> st.SearchStrategy[str]:
    """Any text, written as YAML would quote it (escapes) or pasted raw into the file."""
    return st.text(max_size=40).flatmap(lambda t: st.sampled_from([json.dumps(t), json.dumps(t, ensure_ascii=False), t]))


def _visible_texts() -> st.SearchStrategy[str]:
    """Texts the check accepts, quoted: what the pages and open data must escape (<, |, *, =, …)."""
    visible = st.characters(exclude_categories=("Cc", "Cs", "Cf", "Zl", "Zp"))
    return st.text(visible, min_size=1, max_size=40).filter(str.strip).map(lambda t: json.dumps(t, ensure_ascii=False))


@st.composite
def mutations(draw: st.DrawFn) -> Mutation:
    file = draw(st.sampled_from(FILES))
    kind = draw(st.sampled_from(["value", "value", "value", "delete", "duplicate", "indent", "insert", "bytes", "truncate"]))
    if kind == "value":
        line = draw(st.sampled_from(VALUE_LINES[file]))
        payload = draw(st.one_of(st.sampled_from(HOSTILE), _texts(), _visible_texts()))
    else:
        line = draw(st.integers(min_value=0, max_value=len(TEXTS[file])))
        payload = {
            "indent": lambda: draw(st.sampled_from([" ", "  ", "\t", "-"])),
            "insert": lambda: draw(st.sampled_from([": ", "#", "&a ", "*a ", "!!", "'", '"', "[", "{", "- ", "\t", "\\"])),
            "bytes": lambda: draw(st.sampled_from(["\xff", "\xc3", "\x00", "\t", "\r", "\x1b", "\x85", "\xe2\x80\xae"])),
        }.get(kind, lambda: "")()
    return Mutation(file, kind, line, payload)


# "  - <data file>:<line> [<key path>]: <message>", or the summary line above them, or the
# count of those not listed below them.
PROBLEM = re.compile(r"^  - (?P<file>\S+\.yml):(?P<line>\d+)(?: \[.+?\])?: \S.*$")
NOT_LISTED = re.compile(r"^  - and \d+ more problems, not listed; fix these first$")
SUMMARY = re.compile(r"^\d+ problems? in the data:$")
LINE_BREAKS = re.compile(rb"\r\n|\r|\n")
MAX_LINE = 600
PYDANTIC_WORDS = re.compile(r"Input should|instance of|input is too|Value error|validation error|[A-Z][a-z]+File\b")


def run(*argv: str) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        code = main(list(argv))
    return code, err.getvalue()


def assert_plain_problems(code: int, stderr: str, data: Path) -> None:
    assert code == 1, f"returned {code}"
    lines = stderr.splitlines()
    assert lines and SUMMARY.match(lines[0]), stderr[:2000]
    for line in lines[1:]:
        assert len(line) <= MAX_LINE, f"a message of {len(line)} characters: {line[:200]}…"
        if NOT_LISTED.match(line) and line == lines[-1]:
            continue
        match = PROBLEM.match(line)
        assert match, f"not a 'file:line [key]: message' line: {line!r}"
        assert not PYDANTIC_WORDS.search(line), f"pydantic's words, not the editor's: {line}"
        path = Path(match["file"])
        assert path.is_file() and path.is_relative_to(data), line
        assert 1 <= int(match["line"]) <= len(LINE_BREAKS.split(path.read_bytes())), line


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(mutations(), min_size=1, max_size=3), st.sampled_from(["pages", "export"]))
def test_any_edit_is_reported_plainly_or_built(edits: list[Mutation], also: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        shutil.copytree(DATA, data)
        for edit in edits:
            path = data / edit.file
            path.write_bytes(edit.apply(path.read_bytes()))
        commands = {
            "pages": ("pages", "--docs", f"{tmp}/docs", "--work", f"{tmp}/build"),
            "export": ("export", "--out", f"{tmp}/out"),
        }
        checked = run("--data", str(data), "check")
        if checked[0] == 0:
            for command in commands.values():
                code, stderr = run("--data", str(data), *command)
                assert (code, stderr) == (0, ""), f"{command[0]} failed on data that passed the check: {stderr[:2000]}"
        else:
            assert_plain_problems(*checked, data)
            # pages and export load the data as check does: the same problems, never more.
            assert run("--data", str(data), *commands[also]) == checked
