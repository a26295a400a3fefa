"""YAML files read with their node trees, so every problem can name file, line and key.

Used by ``load`` and ``checks``; knows nothing of the plan's schema. The data is typed
by district staff, not programmers, so the reader is stricter than YAML and says why:

- **Plain values are read as YAML 1.2 reads them** (its core schema), not as YAML 1.1
  does: ``yes``, ``no``, ``on``, ``off`` stay words, ``1:20`` stays a text, ``010`` is
  ten, and ``2024-04-23`` is a text that the models read as a date. YAML 1.2 is what the
  editors' VS Code extension reads, so the check and the editor agree on every value;
  and a value whose type still surprises (``1.10`` where an id is expected) is refused
  by the models with the fix ("put quotes around it"), never silently changed. Refusing
  every YAML 1.1 form instead would reject texts that are plainly right (``en: No``).
- **Duplicate keys are refused**, naming both lines: YAML keeps only the last one, so a
  second ``value:`` silently replaced the first.
- **Anchors, aliases and tags are refused** before anything is expanded: editors do
  not need them, and nested aliases expand a 1 KB file into gigabytes. Nesting deeper
  than any data file needs is refused too.
- **Characters YAML cannot hold** (NUL, escape, other control characters, unusual line
  breaks) are reported with their line and column before parsing.
- **Syntax errors** are told in plain words with the fix, not in the parser's words.
- **Only regular files, only from the data folder, bounded** (``DataFolder``): a link,
  device, pipe or socket under it is refused without being followed or opened, and its
  content is never read nor printed; every file's size is checked before it is read
  (``limits.FILE_BYTES``, and ``limits.DATA_BYTES`` for all of them together). The data
  folder itself may be a link (the tests point ``data`` at a copy).
"""

from __future__ import annotations

import dataclasses
import errno
import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, ClassVar, TypeVar, cast

import yaml
from pydantic import BaseModel, ValidationError

from plansite import limits
from plansite.messages import message_for, shorten

Loc = tuple[str | int, ...]
M = TypeVar("M", bound=BaseModel)

# Deeper than any data file (tasks.yml goes 8 levels deep).
MAX_DEPTH = 20


@dataclasses.dataclass(frozen=True)
class Problem:
    """One thing wrong in the data, located as precisely as the parser allows."""

    file: Path
    line: int | None
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else str(self.file)
        key = f" [{self.path}]" if self.path else ""
        return f"{where}{key}: {self.message}"


class DataError(Exception):
    """Raised with every problem found; its message lists them, one per line, at most
    ``limits.PROBLEMS`` of them and the number of the others in one last line."""

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        lines = [f"{count} problem{'s' if count != 1 else ''} in the data:"]
        lines += [f"  - {p}" for p in self.problems[: limits.PROBLEMS]]
        if count > limits.PROBLEMS:
            lines.append(f"  - and {count - limits.PROBLEMS} more problems, not listed; fix these first")
        super().__init__("\n".join(lines))


# -- the data folder -----------------------------------------------------------

_NOT_A_FILE = "the data folder holds only files and folders: delete it, and put the file itself here"


def _kind_of(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MiB"


class DataFolder:
    """The data folder as the loader reads it: regular files and folders only, nothing
    followed, every file size-checked before it is read. ``read`` lists the files read, in
    order: the build's snapshot copies exactly those."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.read: list[Path] = []
        self._refused: set[Path] = set()
        self._bytes = 0

    def folders(self, folder: Path, problems: list[Problem]) -> list[Path]:
        """The folders directly in ``folder``, by name. A link, device, pipe or socket among
        its entries is refused, one problem each, and never followed; files are left to
        ``read_bytes``, which reads only those the loader asks for."""
        try:
            with os.scandir(folder) as scan:
                entries = sorted(scan, key=lambda entry: entry.name)
        except OSError as err:
            problems.append(Problem(folder, None, "", f"cannot be read: {err.strerror}"))
            return []
        found = []
        for entry in entries:
            mode = entry.stat(follow_symlinks=False).st_mode
            if stat.S_ISDIR(mode):
                found.append(Path(entry.path))
            elif not stat.S_ISREG(mode):
                self._refuse(Path(entry.path), mode, problems)
        return found

    def _refuse(self, path: Path, mode: int, problems: list[Problem]) -> None:
        if path in self._refused:
            return
        self._refused.add(path)
        if stat.S_ISLNK(mode):
            try:
                target = shorten(os.readlink(path))
            except OSError:
                target = "another place"
            message = f"is a link to {target}; the data folder holds no links: copy the file's content here instead"
        else:
            message = f"is {_kind_of(mode)}, not a file; {_NOT_A_FILE}"
        problems.append(Problem(path, None, "", message))

    def read_bytes(self, path: Path, problems: list[Problem]) -> bytes | None:
        """The bytes of the regular file ``path``, or None with the problem added. A link or
        special file is refused without being opened; a file over ``limits.FILE_BYTES`` (or
        one that would take all the data past ``limits.DATA_BYTES``) is refused unread."""
        if path in self._refused:
            return None
        try:
            mode = os.lstat(path).st_mode
            if not stat.S_ISREG(mode):
                self._refuse(path, mode, problems)
                return None
            # O_NOFOLLOW: a link put in the file's place since lstat is refused, not followed.
            descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError as err:
            if err.errno == errno.ELOOP:
                self._refuse(path, stat.S_IFLNK, problems)
            else:
                problems.append(Problem(path, None, "", f"cannot be read: {err.strerror}"))
            return None
        with os.fdopen(descriptor, "rb") as handle:
            mode = os.fstat(handle.fileno()).st_mode
            if not stat.S_ISREG(mode):
                self._refuse(path, mode, problems)
                return None
            raw = handle.read(limits.FILE_BYTES + 1)
        if len(raw) > limits.FILE_BYTES:
            problems.append(
                Problem(
                    path,
                    None,
                    "",
                    f"is larger than {_megabytes(limits.FILE_BYTES)}, the most a data file may hold; "
                    "no plan needs this much: look for a text pasted many times over",
                )
            )
            return None
        self._bytes += len(raw)
        if self._bytes > limits.DATA_BYTES:
            problems.append(
                Problem(
                    path,
                    None,
                    "",
                    f"takes the data files together past {_megabytes(limits.DATA_BYTES)}, the most a site may hold; "
                    "no plan needs this much: look for a text pasted many times over",
                )
            )
            return None
        self.read.append(path)
        return raw


# -- reading YAML --------------------------------------------------------------

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# What YAML cannot hold (its reader's own test), and line breaks that only some editors show as such.
_UNREADABLE = re.compile(f"{yaml.reader.Reader.NON_PRINTABLE.pattern}|[\x85\u2028\u2029]")
_NAMES = {"\x00": "a NUL character", "\x1b": "an escape character"}


def _line_at(text: str, index: int) -> int:
    return len(_LINE_BREAK.findall(text, 0, index)) + 1


def _unreadable_characters(path: Path, text: str) -> list[Problem]:
    """The first character YAML refuses on each line, with its column, found before parsing."""
    problems: list[Problem] = []
    for number, line in enumerate(_LINE_BREAK.split(text), start=1):
        found = _UNREADABLE.search(line)
        if found is None:
            continue
        char = found.group()
        code = f"U+{ord(char):04X}"
        if char in "\x85\u2028\u2029":
            what = f"an unusual line break ({code}) that editors show differently"
        else:
            what = f"{_NAMES.get(char, 'an invisible control character')} ({code})"
        message = f"column {found.start() + 1} holds {what}; delete it (it often comes with text pasted from another program)"
        problems.append(Problem(path, number, "", message))
        if len(problems) > limits.PROBLEMS_PER_FILE:
            break
    return problems


class _Refused(yaml.MarkedYAMLError):
    """Stops reading a file whose structure cannot be trusted (nesting too deep)."""


class PlanLoader(yaml.SafeLoader):
    """A SafeLoader that reads plain values as YAML 1.2 does and refuses what editors never need.

    Anchors, aliases and tags are recorded in ``refusals`` (line, message) and left out
    (an alias becomes an empty value), so one reading reports them all and nothing is
    expanded. Mapping keys are always read as texts.
    """

    yaml_implicit_resolvers: dict[Any, list[tuple[str, re.Pattern[str]]]] = {}  # noqa: RUF012 (PyYAML's own)
    yaml_constructors: ClassVar[dict[Any, Any]] = {}
    yaml_multi_constructors: ClassVar[dict[Any, Any]] = {}

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.refusals: list[tuple[int, str]] = []
        self._depth = 0

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        event: Any = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, yaml.AliasEvent):
            self.get_event()  # type: ignore[no-untyped-call]
            self._refuse(event, f"the alias *{_anchor(event.anchor)} repeats another part of the file; {_NO_ANCHORS}")
            return yaml.ScalarNode("tag:yaml.org,2002:null", "", cast(yaml.Mark, event.start_mark), cast(yaml.Mark, event.end_mark))
        if getattr(event, "anchor", None) is not None:
            self._refuse(event, f"the anchor &{_anchor(event.anchor)} names a part of the file to repeat; {_NO_ANCHORS}")
            event.anchor = None
        tag = getattr(event, "tag", None)
        if tag is not None:
            written = "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag
            self._refuse(event, f"the tag {shorten(written)} is not allowed; delete it and write the value plainly")
            event.tag = None
            if isinstance(event, yaml.ScalarEvent):
                event.implicit = (True, False)
        if isinstance(event, yaml.CollectionStartEvent):
            self._depth += 1
            if self._depth > MAX_DEPTH:
                raise _Refused(
                    problem=f"the data is nested more than {MAX_DEPTH} levels deep; no data file needs this",
                    problem_mark=cast(yaml.Mark, event.start_mark),
                )
        node = super().compose_node(parent, index)
        if isinstance(event, yaml.CollectionStartEvent):
            self._depth -= 1
        return node

    def _refuse(self, event: Any, message: str) -> None:
        """Record ``message`` once: a file that repeats one alias a thousand times gets one line."""
        if all(message != seen for _, seen in self.refusals):
            self.refusals.append((event.start_mark.line + 1, message))

    def construct_plan_mapping(self, node: yaml.MappingNode) -> Iterator[dict[str, Any]]:
        mapping: dict[str, Any] = {}
        yield mapping
        for key_node, value_node in node.value:
            # Keys that are not plain values are reported by _key_problems.
            if isinstance(key_node, yaml.ScalarNode):
                mapping[key_node.value] = self.construct_object(value_node)

    def construct_plan_sequence(self, node: yaml.SequenceNode) -> Iterator[list[Any]]:
        items: list[Any] = []
        yield items
        items.extend(self.construct_object(child) for child in node.value)

    def construct_plan_str(self, node: yaml.ScalarNode) -> str:
        return str(node.value)

    def construct_plan_int(self, node: yaml.ScalarNode) -> int | float:
        text: str = node.value
        if text.startswith(("0o", "0x")):
            return int(text[2:], 8 if text[1] == "o" else 16)
        try:
            return int(text)
        except ValueError:
            # More digits than Python converts: as a float it is infinite, which the models refuse.
            return float(text)

    def construct_plan_float(self, node: yaml.ScalarNode) -> float:
        text: str = node.value.lower()
        if text.endswith(".inf"):
            return float("-inf") if text.startswith("-") else float("inf")
        if text == ".nan":
            return float("nan")
        return float(text)


_NO_ANCHORS = "anchors (&) and aliases (*) are not allowed here: write the value out in full"


def _anchor(name: str | None) -> str:
    return shorten(name or "")[1:-1]


def _resolve(tag: str, pattern: str, first: str | list[str]) -> None:
    PlanLoader.add_implicit_resolver(f"tag:yaml.org,2002:{tag}", re.compile(pattern), list(first))


# YAML 1.2 core schema (https://yaml.org/spec/1.2.2/#1032-tag-resolution); int before float.
_resolve("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF")
_resolve("int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789")
_resolve(
    "float",
    r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
    "-+.0123456789",
)
_resolve("null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""])
PlanLoader.add_constructor("tag:yaml.org,2002:null", lambda loader, node: None)
PlanLoader.add_constructor("tag:yaml.org,2002:bool", lambda loader, node: node.value.lower() == "true")
PlanLoader.add_constructor("tag:yaml.org,2002:int", PlanLoader.construct_plan_int)
PlanLoader.add_constructor("tag:yaml.org,2002:float", PlanLoader.construct_plan_float)
PlanLoader.add_constructor("tag:yaml.org,2002:str", PlanLoader.construct_plan_str)
PlanLoader.add_constructor("tag:yaml.org,2002:seq", PlanLoader.construct_plan_sequence)
PlanLoader.add_constructor("tag:yaml.org,2002:map", PlanLoader.construct_plan_mapping)


# The parser's words for the usual mistakes, and what to do (first match wins).
_SYNTAX: list[tuple[str, str]] = [
    (r"found character '\\t'", "a Tab character; indent with spaces only (the Tab key inserts a Tab)"),
    (
        r"found character '(.*)' that cannot start any token",
        r"a value cannot start with \1; put the whole text in double quotes",
    ),
    (
        r"mapping values are not allowed here",
        "a second ': ' on one line, or a line indented more than the keys above it: put a text that holds ': ' "
        'in double quotes (vi: "Nơi nhận: …"), or line the key up with the keys above it',
    ),
    (
        r"could not find expected ':'",
        "a line that is not 'key: value': a colon is missing, or a text goes on to a line indented less than it",
    ),
    (
        r"expected <block end>, but found '<block mapping start>'|expected <block end>, but found '<block sequence start>'",
        "this line is not lined up with the lines above it: keys at the same level start in the same column (spaces only)",
    ),
    (
        r"expected <block end>, but found '\?'",
        "a 'key: value' line among list items, or a list item among keys: check the indentation and the '- ' marks",
    ),
    (
        r"expected <block end>, but found '<scalar>'",
        "text after a closing quote or bracket: put the whole text inside double quotes",
    ),
    (r"expected the node content, but found '(.*)'", r"a value cannot start with \1; put the whole text in double quotes"),
    (r"while scanning an anchor", "a value cannot start with &; put the whole text in double quotes"),
    (r"while scanning an alias", "a value cannot start with *; put the whole text in double quotes"),
    (
        r"while scanning a block scalar",
        "a value cannot start with | or > followed by other characters; put the whole text in double quotes",
    ),
    (r"sequence entries are not allowed here", "a '- ' where a value was expected: put the whole text in double quotes"),
    (r"found unexpected end of stream", "a quote or bracket is opened and never closed: add the closing one"),
    (r"found unknown escape character", r"a backslash (\\) in double quotes: write it twice (\\\\), or use single quotes"),
    (r"but found another document|expected '<document start>'", "a line '---' or '...' splits the file in two: delete it"),
    (r"expected ',' or '[\]}]'", "a list in [ ] or keys in { } are not closed, or a comma is missing"),
]


def _syntax_problem(path: Path, text: str, err: yaml.YAMLError) -> Problem:
    if isinstance(err, yaml.reader.ReaderError):
        return Problem(path, _line_at(text, err.position), "", "holds a character YAML cannot read; delete it")
    mark = getattr(err, "problem_mark", None)
    line = mark.line + 1 if mark is not None else None
    problem = str(getattr(err, "problem", None) or err)
    context = getattr(err, "context", None)
    if isinstance(err, _Refused):
        return Problem(path, line, "", problem)
    words = problem + (f" ({context})" if context else "")
    for pattern, plain in _SYNTAX:
        match = re.search(pattern, words)
        if match:
            return Problem(path, line, "", f"YAML syntax error: {match.expand(plain)}")
    return Problem(path, line, "", f"YAML syntax error: {shorten(words, 200)[1:-1]}")


class Source:
    """One YAML file: its parsed value and its node tree, to find lines by key path."""

    def __init__(self, path: Path, value: Any, node: yaml.Node | None) -> None:
        self.path = path
        self.value = value
        self.node = node

    def node_at(self, loc: Loc) -> tuple[yaml.Node | None, bool]:
        """The node at ``loc``, or its nearest ancestor; and whether ``loc`` was found whole."""
        node = self.node
        for key in loc:
            child: yaml.Node | None = None
            if isinstance(node, yaml.MappingNode):
                # The last one counts, as for the parsed value.
                child = next((v for k, v in reversed(node.value) if k.value == key), None)
            elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
                child = node.value[key]
            if child is None:
                return node, False
            node = child
        return node, True

    def line(self, loc: Loc) -> int | None:
        node, _ = self.node_at(loc)
        return node.start_mark.line + 1 if node is not None else None

    def problem(self, loc: Loc, message: str) -> Problem:
        return Problem(self.path, self.line(loc), _dotted(loc), message)


# Keys written as they are in a key path; any other key (a dot, a space, a quote) is
# quoted so the path stays unambiguous. Ids joined by '-' (plan ids) read as plain words.
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _dotted(loc: Iterable[str | int]) -> str:
    out = ""
    for key in loc:
        if isinstance(key, int):
            out += f"[{key}]"
        elif _PLAIN_KEY.fullmatch(key):
            out += f".{key}" if out else key
        else:
            out += f"[{shorten(key)}]"
    return out


def _key_problems(source: Source, node: yaml.Node | None, loc: Loc = ()) -> Iterator[Problem]:
    """Duplicate keys (both lines named) and keys that are not plain values, anywhere in the tree."""
    if isinstance(node, yaml.SequenceNode):
        for i, child in enumerate(node.value):
            yield from _key_problems(source, child, (*loc, i))
    elif isinstance(node, yaml.MappingNode):
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if not isinstance(key_node, yaml.ScalarNode):
                yield Problem(source.path, line, _dotted(loc), "a key must be a single word followed by ': ', not a list or keys")
                continue
            key = key_node.value
            if key in first_line:
                yield Problem(
                    source.path,
                    line,
                    _dotted((*loc, key)),
                    f"duplicate key {shorten(key)}: it is on line {first_line[key]} and again on line {line} "
                    "of the same block, and YAML keeps only the last one; delete the wrong one",
                )
            else:
                first_line[key] = line
            yield from _key_problems(source, value_node, (*loc, key))


def read(folder: DataFolder, path: Path, problems: list[Problem]) -> Source | None:
    """Parse ``path`` of the data ``folder``; on failure add the problems found and return None.

    Duplicate keys are reported but the file is still returned (with the last value
    of each key), so its other problems are reported in the same run.
    """
    raw = folder.read_bytes(path, problems)
    if raw is None:
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        bad_line = raw[: err.start].count(b"\n") + 1
        problems.append(Problem(path, bad_line, "", f"is not UTF-8 (byte {raw[err.start]:#04x}); save it as UTF-8"))
        return None
    unreadable = _unreadable_characters(path, text)
    if unreadable:
        problems += unreadable
        return None
    try:
        loader = PlanLoader(text)
        try:
            node = loader.get_single_node()
            value = loader.construct_document(node) if node is not None and not loader.refusals else None
        finally:
            loader.dispose()
    except yaml.YAMLError as err:
        problems.append(_syntax_problem(path, text, err))
        return None
    if loader.refusals:
        problems += [Problem(path, line, "", message) for line, message in loader.refusals]
        return None
    if value is None:
        problems.append(Problem(path, 1, "", "is empty: it holds no keys, only comments or nothing"))
        return None
    source = Source(path, value, node)
    problems += _key_problems(source, node)
    return source


def validate(source: Source, model: type[M], problems: list[Problem]) -> M | None:
    try:
        return model.model_validate(source.value)
    except ValidationError as err:
        for item in err.errors():
            loc: Loc = tuple(item["loc"])
            node, found = source.node_at(loc)
            problems.append(source.problem(loc, message_for(dict(item), model, node if found else None)))
        return None


def load(folder: DataFolder, path: Path, model: type[M], problems: list[Problem]) -> tuple[Source | None, M | None]:
    found: list[Problem] = []
    source = read(folder, path, found)
    loaded = validate(source, model, found) if source is not None else None
    cap = limits.PROBLEMS_PER_FILE
    if len(found) > cap:
        found[cap:] = [Problem(path, found[cap].line, "", f"and {len(found) - cap} more problems; fix these first")]
    problems += found
    return source, loaded
