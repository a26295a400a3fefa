"""The parts of a plan as Decree 30/2020 lays them out, found in its lines.

Used by ``draft``. The header (issuing body, the national motto, "Số: …", place and
date, "KẾ HOẠCH", the title, the grounds "Căn cứ…/Thực hiện…"), the sections numbered
I, II, III… in capitals, and the closing block ("Nơi nhận:" and its lines, the signer's
capacity in capitals, the signer's name). A document without a number, the word "KẾ
HOẠCH" or the sections a plan has is refused as not a plan.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from plansite.importer.reading import Document, Para, Refused

ROMAN = re.compile(r"^(?P<number>[IVX]{1,5}\.)\s+(?P<heading>.+)$")
NUMBER = re.compile(r"^Số\s*:\s*(?P<number>\S+)")
PLACE_DATE = re.compile(r"^(?P<place>[^,]+),\s*ngày\s+(?P<day>\d{1,2})\s+tháng\s+(?P<month>\d{1,2})\s+năm\s+(?P<year>\d{4})")
# Dashes of any kind: "-", en dash, em dash.
DASH = "-\u2013\u2014"
MOTTO = re.compile(rf"^(?:CỘNG HÒA|CỘNG HOÀ) XÃ HỘI CHỦ NGHĨA VIỆT NAM$|^Độc lập\s*[{DASH}]\s*Tự do\s*[{DASH}]\s*Hạnh phúc$")
RULE = re.compile(rf"^[{DASH}_=.*~\s]+$")
RECIPIENTS = re.compile(r"^Nơi nhận\s*:?$")
SIGNED = re.compile(r"^\(?(?:đã ký|ký tên|ký, ghi rõ họ tên|ký và đóng dấu)[^)]*\)?$", re.IGNORECASE)
# The sections a plan has, by the words of their headings.
SECTION_KINDS = (("purposes", "MỤC ĐÍCH"), ("objectives", "MỤC TIÊU"), ("tasks", "NHIỆM VỤ"), ("implementation", "TỔ CHỨC THỰC HIỆN"))
SECTION_NAMES = {
    "purposes": "I. MỤC ĐÍCH, YÊU CẦU",
    "objectives": "II. MỤC TIÊU",
    "tasks": "III. NHIỆM VỤ VÀ GIẢI PHÁP",
    "implementation": "IV. TỔ CHỨC THỰC HIỆN",
}


@dataclass
class Section:
    number: str
    heading: str
    line: Para
    paras: list[Para] = field(default_factory=list)


@dataclass
class Header:
    number: str
    date: dt.date
    place: str
    doc_type: str
    title: str
    # The issuing body as the header's left column prints it ("ỦY BAN NHÂN DÂN HUYỆN MINH LONG").
    issuer_lines: list[Para]
    grounds: list[Para]
    # The lines read into the fields above, and the motto and rules around them (layout).
    used: list[Para]
    motto: list[Para]


@dataclass
class Layout:
    header: Header
    sections: dict[str, Section]
    others: list[Section]
    recipients_heading: Para | None
    recipients: list[Para]
    authority: list[Para]
    signer: Para | None
    ignored: list[Para]


def _is_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def _is_section(text: str) -> bool:
    """ "II. MỤC TIÊU": a Roman numeral and a heading in capitals."""
    return bool(ROMAN.match(text)) and _is_caps(text)


def read_layout(document: Document) -> Layout:
    """The parts of the plan; ``Refused`` when the document is not a plan."""
    paras = document.paras
    starts = [i for i, para in enumerate(paras) if _is_section(para.text)]
    header = _header(document, paras[: starts[0]] if starts else paras)
    missing = []
    if not header.number:
        missing.append(("số văn bản (“Số: …”)", "a document number (“Số: …”)"))
    if header.doc_type != "KẾ HOẠCH":
        missing.append(("chữ “KẾ HOẠCH” dưới số và ngày", "the word “KẾ HOẠCH” (PLAN) under the number and date"))
    sections: dict[str, Section] = {}
    others: list[Section] = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(paras)
        match = ROMAN.match(paras[start].text)
        assert match is not None
        section = Section(match.group("number"), match.group("heading").strip(), paras[start], paras[start + 1 : end])
        kind = next((kind for kind, words in SECTION_KINDS if words in section.heading and kind not in sections), None)
        if kind == "tasks" and "MỤC TIÊU" in section.heading:
            kind = None
        if kind:
            sections[kind] = section
        else:
            others.append(section)
    absent = [SECTION_NAMES[kind] for kind, _ in SECTION_KINDS if kind not in sections]
    if absent:
        missing.append((f"các mục {', '.join(absent)}", f"the sections {', '.join(absent)}"))
    if missing:
        raise Refused(
            f"{document.name} không phải một kế hoạch theo thể thức Nghị định số 30/2020/NĐ-CP: không thấy "
            + "; ".join(vi for vi, _ in missing),
            f"{document.name} is not a plan in the layout of Decree No. 30/2020/NĐ-CP: not found: " + "; ".join(en for _, en in missing),
        )
    last = max([*sections.values(), *others], key=lambda section: section.line.at)
    closing = _closing(last.paras)
    layout = Layout(header, sections, others, *closing)
    return layout


def _closing(paras: list[Para]) -> tuple[Para | None, list[Para], list[Para], Para | None, list[Para]]:
    """Cut the closing block off the last section (in place): recipients, capacity, signer, and lines to ignore."""
    start = next((i for i, para in enumerate(paras) if RECIPIENTS.match(para.text)), None)
    # Without "Nơi nhận", the closing block is the signer's capacity in capitals and the name.
    end = len(paras)
    while end > 0 and (SIGNED.match(paras[end - 1].text) or RULE.match(paras[end - 1].text)):
        end -= 1
    signer_index = end - 1 if end > 0 and not _is_caps(paras[end - 1].text) and len(paras[end - 1].text.split()) <= 6 else None
    first_caps = signer_index if signer_index is not None else end
    while first_caps > 0 and _is_caps(paras[first_caps - 1].text) and not _is_section(paras[first_caps - 1].text):
        first_caps -= 1
    if start is None:
        start = first_caps
    heading = paras[start] if start < len(paras) and RECIPIENTS.match(paras[start].text) else None
    recipients_end = start + (1 if heading else 0)
    while recipients_end < len(paras) and paras[recipients_end].text.startswith(("-", "+")):
        recipients_end += 1
    recipients = paras[start + (1 if heading else 0) : recipients_end]
    rest = paras[recipients_end:]
    authority = [para for para in rest if _is_caps(para.text)]
    signer = paras[signer_index] if signer_index is not None and signer_index >= recipients_end else None
    ignored = [para for para in rest if para not in authority and para is not signer]
    del paras[start:]
    return heading, recipients, authority, signer, ignored


def _header(document: Document, paras: list[Para]) -> Header:
    number, place, doc_type, title = "", "", "", ""
    date = dt.date(1900, 1, 1)
    issuer_lines: list[Para] = []
    grounds: list[Para] = []
    used: list[Para] = []
    motto: list[Para] = []
    for para in paras:
        text = para.text
        if MOTTO.match(text) or RULE.match(text):
            motto.append(para)
            continue
        if found := NUMBER.match(text):
            number = found.group("number")
        elif (found := PLACE_DATE.match(text)) and not place:
            place = found.group("place").strip()
            try:
                date = dt.date(int(found.group("year")), int(found.group("month")), int(found.group("day")))
            except ValueError:
                raise Refused(
                    f"{document.where(para.at)}: “{text}” không phải một ngày có thật",
                    f"{document.where(para.at)}: “{text}” is not a real date",
                ) from None
        elif not doc_type and not number and _is_caps(text):
            issuer_lines.append(para)
        elif not doc_type and _is_caps(text):
            doc_type = text
        elif doc_type and not title:
            # The title ("trích yếu") is the line under the kind of document, whatever its first word.
            title = text
        elif title and not grounds and text[:1].islower():
            title += f" {text}"
        else:
            if doc_type:
                grounds.append(para)
            continue
        used.append(para)
    return Header(number, date, place, doc_type, title, issuer_lines, grounds, used, motto)
