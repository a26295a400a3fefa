"""The official text as a .docx laid out as an office writes it, made with python-docx for the tests.

The issuing body and the national motto side by side in a two-column table with the
number and the place and date; headings as bold paragraphs; bullets and lettered items
numbered by Word (the dash and "a)" are not in the text); one paragraph with changes
tracked and not accepted; the recipients and the signature side by side in a table. It knows only the printed text
(``sourcetext.joined``), never the importer.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.text.paragraph import Paragraph

ISSUER = ("ỦY BAN NHÂN DÂN", "HUYỆN MINH LONG")
MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
# Word numbering the document defines: a dash bullet, and "a)", "b)"...
BULLETS, LETTERS = 90, 91
_NUMBERING = {BULLETS: ("bullet", "-"), LETTERS: ("lowerLetter", "%1)")}
_HEADING = re.compile(r"^(?:[IVX]+\.|\d+\.|\d+\.\d+\.)\s\S")


def _runs(paragraph: Paragraph, text: str, bold: bool = False) -> None:
    """``text`` with its **bold** and *italic* stretches as runs of their own."""
    for piece in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*)", text):
        if piece.startswith("**"):
            paragraph.add_run(piece[2:-2]).bold = True
        elif piece.startswith("*"):
            run = paragraph.add_run(piece[1:-1])
            run.italic = True
            run.bold = bold or None
        elif piece:
            paragraph.add_run(piece).bold = bold or None


def _tracked(paragraph: Paragraph, deleted: str) -> None:
    """As a document sent with changes not yet accepted: its last run a tracked insertion,
    and a tracked deletion (``deleted``) before it, which is not the text."""
    last = paragraph.runs[-1]._r
    inserted = parse_xml(f'<w:ins {nsdecls("w")} w:id="1" w:author="VP" w:date="2024-04-22T00:00:00Z"/>')
    removed = parse_xml(
        f'<w:del {nsdecls("w")} w:id="2" w:author="VP" w:date="2024-04-22T00:00:00Z"><w:r><w:delText xml:space="preserve">{deleted}</w:delText></w:r></w:del>'
    )
    last.addprevious(removed)
    last.addprevious(inserted)
    inserted.append(last)


def _numbered(paragraph: Paragraph, num_id: int) -> None:
    paragraph._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {nsdecls("w")}><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'))


def _define_numbering(document: docx.document.Document) -> None:
    numbering = document.part.numbering_part.element
    for num_id, (fmt, text) in _NUMBERING.items():
        numbering.insert(
            0,
            parse_xml(
                f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{num_id}"><w:multiLevelType w:val="singleLevel"/>'
                f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>'
                '<w:lvlJc w:val="left"/></w:lvl></w:abstractNum>'
            ),
        )
        numbering.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{num_id}"/></w:num>'))


def write_docx(official: str, path: Path) -> Path:
    """``official`` (the joined printed text) as an office's .docx at ``path``."""
    paragraphs = [p.strip() for p in official.split("\n\n") if p.strip()]
    number, place_date, doc_type, title = paragraphs[:4]
    recipients_at = paragraphs.index("Nơi nhận:")
    body, recipients, signature = paragraphs[4:recipients_at], paragraphs[recipients_at + 1], paragraphs[recipients_at + 2 :]
    document = docx.Document()
    _define_numbering(document)
    header = document.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    left.paragraphs[0].add_run(ISSUER[0]).bold = True
    left.add_paragraph().add_run(ISSUER[1]).bold = True
    left.add_paragraph("-------")
    left.add_paragraph(number)
    right.paragraphs[0].add_run(MOTTO[0]).bold = True
    right.add_paragraph().add_run(MOTTO[1]).bold = True
    right.add_paragraph("---------------")
    _runs(right.add_paragraph(), f"*{place_date}*")
    _runs(document.add_paragraph(), doc_type, bold=True)
    _runs(document.add_paragraph(), title, bold=True)
    for text in body:
        if text.startswith("- "):
            paragraph = document.add_paragraph()
            _numbered(paragraph, BULLETS)
            _runs(paragraph, text[2:])
        elif re.match(r"^[a-z]\) ", text):
            paragraph = document.add_paragraph()
            _numbered(paragraph, LETTERS)
            _runs(paragraph, text[3:])
        else:
            heading = bool(_HEADING.match(text)) and len(text.split()) <= 25 and not text.endswith(".")
            paragraph = document.add_paragraph()
            if text.startswith("Nhằm quán triệt"):
                # Section I.1, the last word typed in with changes tracked, a word deleted before it.
                *words, last = text.split(" ")
                _runs(paragraph, " ".join(words) + " ")
                _runs(paragraph, last)
                _tracked(paragraph, "Trung ương ")
            else:
                _runs(paragraph, text, bold=heading)
    closing = document.add_table(rows=1, cols=2)
    left, right = closing.rows[0].cells
    run = left.paragraphs[0].add_run("Nơi nhận:")
    run.bold = run.italic = True
    for line in recipients.splitlines():
        left.add_paragraph(line)
    capacity = signature[0].strip("*").splitlines()
    run = right.paragraphs[0].add_run(capacity[0])
    run.bold = True
    run.add_break()
    right.paragraphs[0].add_run(capacity[1]).bold = True
    for _ in range(3):
        right.add_paragraph()
    right.add_paragraph().add_run(signature[1]).bold = True
    document.save(str(path))
    return path
