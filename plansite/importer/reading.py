"""A plan's document as numbered one-line paragraphs: from a .txt, or a .docx as offices write it.

Used by ``run``. Emphasis is kept as the data writes it (``**bold**``, ``*italic*``),
except where it covers a whole line (a heading, the signer's capacity): that is layout,
not wording. Word's automatic numbering is written out as printed ("a)", "1.1.", "-").
Layout characters Word adds (Tabs, zero-width spaces) become a space or go, and each
change is recorded for the review report; the words are never changed. A sentence
cut in two by a page break (a paragraph ending mid-sentence, the next starting in lower
case) is joined again, and recorded too. Anything that is not a readable plan document
raises ``Refused`` with a message in Vietnamese and English.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import docx
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph
from docx.text.run import Run


class Refused(Exception):
    """Input the importer cannot use; the message says why and what to do, in both languages."""

    def __init__(self, vi: str, en: str) -> None:
        self.vi = vi
        self.en = en
        super().__init__(f"{vi}\n{en}")


@dataclass(frozen=True)
class Para:
    """One line of the document: its text with emphasis markers, and where it is."""

    text: str
    at: int


@dataclass
class Document:
    """The document's lines in reading order, and what reading it changed."""

    name: str
    kind: Literal["txt", "docx"]
    paras: list[Para]
    # (where, what): page-break joins and layout characters replaced, for the report.
    changes: list[tuple[int, str]] = field(default_factory=list)

    def where(self, at: int) -> str:
        """How the review report points to a line: "dòng 12" (.txt) or "đoạn 12" (.docx)."""
        return f"dòng {at}" if self.kind == "txt" else f"đoạn {at}"


# A plan is a few hundred kilobytes; these bounds stop a file built to exhaust memory.
MAX_BYTES = 20 * 1024 * 1024
MAX_UNPACKED = 200 * 1024 * 1024
NEEDED = ("cần tệp .docx hoặc văn bản (.txt, UTF-8)", "a .docx or a plain text (.txt, UTF-8) file is needed")
# Layout characters Word leaves in text: Tabs become a space; zero-width ones and soft hyphens go.
_TABS = re.compile(r"[ \t]*\t[ \t]*")
_INVISIBLE = re.compile("[\u00ad\u200b-\u200d\u2060\ufeff]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_SPACES = re.compile(r"  +")


def read_document(path: Path) -> Document:
    """The lines of ``path``, a .txt or .docx; ``Refused`` for anything else."""
    if not path.is_file():
        raise Refused(f"không tìm thấy tệp {path}", f"file not found: {path}")
    if path.stat().st_size > MAX_BYTES:
        raise Refused(
            f"{path.name} lớn hơn {MAX_BYTES // 1024 // 1024} MB: không phải văn bản của một kế hoạch ({NEEDED[0]})",
            f"{path.name} is larger than {MAX_BYTES // 1024 // 1024} MB: not a plan's document ({NEEDED[1]})",
        )
    raw = path.read_bytes()
    if not raw.strip():
        raise Refused(f"tệp {path.name} trống: không có chữ nào", f"{path.name} is empty: it holds no text")
    if raw.startswith(b"%PDF"):
        raise Refused(
            f"{path.name} là tệp PDF: {NEEDED[0]}. Nếu là bản quét (ảnh chụp) thì không có chữ để đọc; "
            "hãy xin cơ quan ban hành tệp Word (.docx), hoặc mở tệp trong Word/LibreOffice và lưu thành .docx",
            f"{path.name} is a PDF: {NEEDED[1]}. A scanned PDF (pictures of pages) holds no text to read; "
            "ask the issuing office for the Word file (.docx), or open it in Word/LibreOffice and save it as .docx",
        )
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise Refused(
            f"{path.name} là tệp Word cũ (.doc): mở bằng Word hoặc LibreOffice và lưu thành .docx",
            f"{path.name} is an old Word file (.doc): open it in Word or LibreOffice and save it as .docx",
        )
    if raw.startswith(b"PK\x03\x04"):
        return _read_docx(path)
    if raw.startswith(b"{\\rtf") or b"\x00" in raw[:4096]:
        raise Refused(f"{path.name} không phải .docx hay văn bản: {NEEDED[0]}", f"{path.name} is neither a .docx nor text: {NEEDED[1]}")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise Refused(
            f"{path.name} không phải văn bản UTF-8 (dòng {line}): mở trong trình soạn thảo và lưu lại với mã UTF-8",
            f"{path.name} is not UTF-8 text (line {line}): open it in an editor and save it as UTF-8",
        ) from None
    return _read_txt(path.name, text)


# -- .txt ----------------------------------------------------------------------


def _read_txt(name: str, text: str) -> Document:
    document = Document(name, "txt", [])
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    start = 0
    while start < len(lines):
        if not lines[start].strip():
            start += 1
            continue
        end = start
        while end < len(lines) and lines[end].strip():
            end += 1
        block = [_clean(line, start + i + 1, document) for i, line in enumerate(lines[start:end])]
        # A paragraph wholly in bold (the signer's capacity, on two lines) is layout.
        if block[0].startswith("**") and block[-1].endswith("**") and sum(line.count("**") for line in block) == 2:
            block[0], block[-1] = block[0][2:], block[-1][:-2]
        document.paras += [Para(_unwrap(line), start + i + 1) for i, line in enumerate(block) if line.strip()]
        start = end
    document.paras = _join_page_breaks(document)
    return document


# -- .docx ---------------------------------------------------------------------


def _read_docx(path: Path) -> Document:
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        unpacked = 0
    if unpacked > MAX_UNPACKED:
        raise Refused(
            f"{path.name} giải nén ra hơn {MAX_UNPACKED // 1024 // 1024} MB: không phải văn bản của một kế hoạch",
            f"{path.name} unpacks to more than {MAX_UNPACKED // 1024 // 1024} MB: not a plan's document",
        )
    try:
        word = docx.Document(str(path))
    # A damaged file fails anywhere in python-docx or lxml (not a zip, no document part, bad XML): all say the same.
    except Exception as err:
        raise Refused(
            f"{path.name} không mở được như một tệp .docx ({type(err).__name__}): {NEEDED[0]}",
            f"{path.name} cannot be opened as a .docx ({type(err).__name__}): {NEEDED[1]}",
        ) from None
    document = Document(path.name, "docx", [])
    numbering = _Numbering(word)
    count = 0
    for paragraph in _paragraphs(word):
        lines = _lines(paragraph)
        if not any(text.strip() for text in lines):
            continue
        count += 1
        label = numbering.label(paragraph)
        if label:
            lines[0] = f"{label} {lines[0].lstrip()}"
        document.paras += [Para(_clean(line, count, document), count) for line in lines if line.strip()]
    document.paras = _join_page_breaks(document)
    return document


def _paragraphs(container: DocxDocument | _Cell) -> Iterator[Paragraph]:
    """Every paragraph in reading order, those in tables row by row and cell by cell."""
    for item in container.iter_inner_content():
        if isinstance(item, Paragraph):
            yield item
        else:
            yield from _table_paragraphs(item)


def _table_paragraphs(table: Table) -> Iterator[Paragraph]:
    seen: set[int] = set()
    for row in table.rows:
        for cell in row.cells:
            # A merged cell is returned once per grid column it spans.
            if id(cell._tc) not in seen:
                seen.add(id(cell._tc))
                yield from _paragraphs(cell)


def _flag(run: Run, paragraph: Paragraph, name: Literal["bold", "italic"]) -> bool:
    """Whether ``run`` is bold (or italic) as Word shows it: set on the run, else by its styles."""
    value: bool | None = getattr(run, name)
    style = run.style if value is None else None
    while value is None and style is not None:
        value = getattr(style.font, name)
        style = style.base_style
    style = paragraph.style if value is None else None
    while value is None and style is not None:
        value = getattr(style.font, name)
        style = style.base_style
    return bool(value)


# The runs of a paragraph's text, in order: its own, in links, in tracked insertions (a
# document sent with changes not yet accepted shows them as text), in fields and content
# controls; never those of tracked deletions.
_RUNS = "|".join(
    f"./{path}w:r" for path in ("", "w:hyperlink/", "w:ins/", "w:moveTo/", "w:smartTag/", "w:fldSimple/", "w:sdt/w:sdtContent/")
)


def _lines(paragraph: Paragraph) -> list[str]:
    """The paragraph's lines (split at line breaks) with emphasis markers."""
    lines: list[list[tuple[str, bool, bool]]] = [[]]
    for element in paragraph._p.xpath(_RUNS):
        run = Run(element, paragraph)
        bold, italic = _flag(run, paragraph, "bold"), _flag(run, paragraph, "italic")
        for i, piece in enumerate(run.text.split("\n")):
            if i:
                lines.append([])
            if piece:
                lines[-1].append((piece, bold, italic))
    return [_unwrap(_emphasised(line)) for line in lines]


def _emphasised(segments: list[tuple[str, bool, bool]]) -> str:
    """Runs joined, each stretch of bold or italic between markers, spaces kept outside them."""
    merged: list[tuple[str, bool, bool]] = []
    for text, bold, italic in segments:
        if merged and merged[-1][1:] == (bold, italic):
            merged[-1] = (merged[-1][0] + text, bold, italic)
        else:
            merged.append((text, bold, italic))
    out = []
    for text, bold, italic in merged:
        marker = "**" if bold else "*" if italic else ""
        core = text.strip()
        if not marker or not core:
            out.append(text)
            continue
        lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
        out.append(f"{lead}{marker}{core}{marker}{trail}")
    return "".join(out)


_FORMATS = {
    "decimal": lambda n: str(n),
    "lowerLetter": lambda n: chr(ord("a") + (n - 1) % 26),
    "upperLetter": lambda n: chr(ord("A") + (n - 1) % 26),
    "lowerRoman": lambda n: _roman(n).lower(),
    "upperRoman": lambda n: _roman(n),
}


def _roman(number: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X")):
        while number >= value:
            out, number = out + letters, number - value
    return out + ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX")[number - 1] if number else out


class _Numbering:
    """Word's automatic numbering, counted as Word counts it, written out as printed."""

    def __init__(self, word: DocxDocument) -> None:
        self.levels: dict[tuple[str, int], tuple[str, str, int]] = {}  # (numId, ilvl) -> (format, text, start)
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = word.part.numbering_part.element
        except (KeyError, NotImplementedError):
            return
        abstract = {a.get(qn("w:abstractNumId")): a for a in root.iter(qn("w:abstractNum"))}
        for num in root.iter(qn("w:num")):
            num_id = num.get(qn("w:numId"))
            ref = num.find(qn("w:abstractNumId"))
            definition = abstract.get(ref.get(qn("w:val"))) if ref is not None else None
            for lvl in definition.iter(qn("w:lvl")) if definition is not None else []:
                ilvl = int(lvl.get(qn("w:ilvl"), "0"))
                fmt, text, start = (lvl.find(qn(f"w:{key}")) for key in ("numFmt", "lvlText", "start"))
                self.levels[(num_id, ilvl)] = (
                    fmt.get(qn("w:val"), "decimal") if fmt is not None else "decimal",
                    text.get(qn("w:val"), "") if text is not None else "",
                    int(start.get(qn("w:val"), "1")) if start is not None else 1,
                )

    def label(self, paragraph: Paragraph) -> str:
        """The number Word prints before ``paragraph`` (set on it, or by its style), or ""."""
        elements = [paragraph._p]
        style = paragraph.style
        while style is not None:
            elements.append(style.element)
            style = style.base_style
        num_pr = next((found for element in elements if (found := element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")) is not None), None)
        num_ref = num_pr.find(qn("w:numId")) if num_pr is not None else None
        if num_pr is None or num_ref is None:
            return ""
        level = num_pr.find(qn("w:ilvl"))
        num_id, ilvl = str(num_ref.get(qn("w:val"))), int(level.get(qn("w:val"), "0")) if level is not None else 0
        if (num_id, ilvl) not in self.levels:
            return ""
        fmt, text, start = self.levels[(num_id, ilvl)]
        if fmt == "bullet":
            # The glyph is the list's look; the plan's bullets are dashes (or "+" one level down).
            return text if text in ("-", "+") else "-"
        counters = self.counters.setdefault(num_id, {})
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [level for level in counters if level > ilvl]:
            del counters[deeper]

        def number(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            level_fmt, _, level_start = self.levels.get((num_id, level), ("decimal", "", 1))
            return _FORMATS.get(level_fmt, _FORMATS["decimal"])(counters.get(level, level_start))

        return re.sub(r"%([1-9])", number, text)


# -- both ----------------------------------------------------------------------


def _unwrap(line: str) -> str:
    """A line wholly in bold or italic (a heading) without its markers; others as they are."""
    stripped = line.strip()
    for marker in ("**", "*"):
        inner = stripped[len(marker) : -len(marker)]
        if len(stripped) > 2 * len(marker) and stripped.startswith(marker) and stripped.endswith(marker) and "*" not in inner:
            return inner.strip()
    return stripped


def _clean(line: str, at: int, document: Document) -> str:
    """Layout characters out of a line (recorded); the words untouched."""
    cleaned = _TABS.sub(" ", line)
    cleaned = _CONTROL.sub("", _INVISIBLE.sub("", cleaned))
    cleaned = _SPACES.sub(" ", cleaned).strip()
    if cleaned != line.strip():
        document.changes.append((at, "bỏ ký tự trình bày (dấu Tab, ký tự ẩn, dấu cách thừa); chữ giữ nguyên"))
    return cleaned


_SENTENCE_END = re.compile(r"[.:;!?)\]”\"…]\**$")
# "a) …", "b. …": a lettered item, which starts in lower case without continuing anything.
_LETTERED = re.compile(r"^[a-zđ][).]\s")


def _join_page_breaks(document: Document) -> list[Para]:
    """Paragraphs cut by a page break joined again: a long one ending mid-sentence, then one in lower case."""
    out: list[Para] = []
    for para in document.paras:
        previous = out[-1] if out else None
        if (
            previous is not None
            and para.text[:1].islower()
            and not _LETTERED.match(para.text)
            and not _SENTENCE_END.search(previous.text)
            and len(previous.text.split()) >= 8
        ):
            out[-1] = Para(f"{previous.text} {para.text}", previous.at)
            document.changes.append(
                (para.at, f"nối với {document.where(previous.at)}: câu bị ngắt giữa chừng (thường do ngắt trang); kiểm tra lại")
            )
        else:
            out.append(para)
    return out
