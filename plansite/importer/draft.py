"""The draft's files as data (plan.yml, targets.yml, tasks.yml), from a plan's layout.

Used by ``run``. Every paragraph of the plan goes to the key where a plan's data keeps
it, word for word; what the importer read into it (agencies, figures, timelines, the
yearly report) and what it could not read are ``Finding``s for the review report. Texts
are Vietnamese only: the translation is the editors' work. Where the data needs an
editor's words (a group name for each bullet of targets, the status of the document),
the draft says so in words that claim nothing, and the report asks for them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from plansite.checks import strip_emphasis
from plansite.importer.bodies import TITLE_WORDS, Bodies, Name, fold
from plansite.importer.figures import Figures, Reading
from plansite.importer.layout import MOTTO, Layout, Section
from plansite.importer.reading import Document, Para
from plansite.models import AgencyKind

Data = dict[str, Any]

# A heading inside a section: "1. Mục đích", "2.1. Mục tiêu cụ thể đến năm 2030".
HEADING = re.compile(r"^(?P<number>\d+(?:\.\d+)*\.)\s+(?P<heading>[^.;:]+)$")
AREA = re.compile(r"^(?P<number>\d+)\.\s+(?P<title>.+)$")
SUB_TASK = re.compile(r"^(?P<label>(?P<id>\d+\.\d+)\.)\s+(?P<text>.+)$")
LETTERED = re.compile(r"^(?P<label>(?P<id>[a-zđ])[).])\s+(?P<text>.+)$")
BULLET = re.compile(r"^(?P<label>[-+])\s+(?P<text>.+)$")
# The assignment lines under a group of tasks, by the words of their labels.
ASSIGNMENT = re.compile(
    r"^[-+]?\s*\**(?P<label>(?:cơ quan |đơn vị )?(?:chủ trì(?: tham mưu| thực hiện)?|phối hợp(?: thực hiện)?)"
    r"|thời gian(?: thực hiện| hoàn thành)?|thời hạn(?: thực hiện| hoàn thành)?|tiến độ(?: thực hiện)?)\s*:\s*\**\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
DOCUMENT = re.compile(
    r"(?P<kind>Nghị quyết|Chương trình hành động|Chương trình|Kế hoạch|Quyết định|Chỉ thị|Kết luận|Nghị định|Thông tư|Công văn)"
    r"\s+(?:số\s+)?(?P<number>\d+[\w/.-]*[\w])(?:\s+ngày\s+(?P<date>\d{1,2}/\d{1,2}/\d{4}))?"
    r"(?:\s+của\s+(?P<issuer>.+?))?(?=\s+(?:thực hiện|về|ngày)\s|\s*[;,()]|\.\s|\.?$)"
)
DOCUMENT_KINDS = {"Nghị quyết": "resolution", "Chương trình hành động": "action_programme", "Chương trình": "action_programme"}
DOCUMENT_KINDS["Kế hoạch"] = "plan"
# Words before a list of bodies that make it the bodies a paragraph addresses ("Giao …",
# "Yêu cầu …", or the start of a clause), and words that make it someone else.
ADDRESSING = re.compile(r"(?:^|[;:.]|(?:^|\s)(?:giao|yêu cầu|đề nghị|chỉ đạo))$")
NOT_ADDRESSED = re.compile(r"(?:^|\s)(?:về|cho|thông qua|tham mưu|tại|báo cáo|với|của|gửi)$")
DEADLINE = re.compile(r"(?P<words>trước|chậm nhất|không quá)(?:\s+ngày)?\s+(?P<day>\d{1,2})/(?P<month>\d{1,2})(?!/\d)")
# "Phòng Tư pháp chủ trì, phối hợp với …", "Giao Phòng Y tế chủ trì …": the lead named in a task's words.
INLINE_LEAD = re.compile(
    r"(?:^|[.;]\s+)(?:[Gg]iao\s+)?(?P<lead>[^\W\d_][^.;:]{2,80}?)\s+(?:là cơ quan\s+)?chủ trì(?P<with>,?\s*phối hợp với\s+)?"
)
# Words that begin what qualifies a task's opening phrase: its short title ends before them.
QUALIFIERS = {"về", "theo", "của", "cho", "để", "nhằm", "trong", "tại", "đối", "gắn"}
# The status of the document is the editors' to write; a draft says only what it is.
DRAFT_STATUS = "Bản nháp nhập từ văn bản của kế hoạch; người biên tập chưa ghi tình trạng hiện nay của văn bản."


def vi(text: str) -> Data:
    return {"vi": text}


@dataclass(frozen=True)
class Finding:
    """Something for an editor to confirm or do: where, under which heading of the report, what."""

    at: int | None
    topic: str
    text: str


@dataclass
class Draft:
    plan: Data
    targets: Data
    tasks: Data
    findings: list[Finding]
    # Task ids the importer numbered (the plan prints a dash or nothing): the editors' numbering.
    editor_ids: list[str]
    counts: dict[str, int]
    unplaced: list[Para]


@dataclass
class _Pending:
    """Tasks waiting for the assignment lines that follow them."""

    tasks: list[tuple[Data, Para]] = field(default_factory=list)
    lines: dict[str, tuple[str, Para]] = field(default_factory=dict)


class Drafter:
    """Builds the draft of one plan from its layout, noting what an editor must confirm."""

    def __init__(self, document: Document, layout: Layout, bodies: Bodies, figures: Figures, plan_id: str) -> None:
        self.document = document
        self.layout = layout
        self.bodies = bodies
        self.figures = figures
        self.plan_id = plan_id
        self.findings: list[Finding] = []
        self.editor_ids: list[str] = []
        self.placed: set[int] = set()
        # Lines of the document's form that the data does not copy: the motto, rules, the
        # issuer's name in capitals at the top, "(Đã ký)".
        self.form: set[int] = set()
        self.counts: dict[str, int] = {}
        # Section II's bullets of targets and the year they are for, found with its headings.
        self._bullets: list[Para] = []
        self._year: int | None = None

    def note(self, para: Para | None, topic: str, text: str) -> None:
        self.findings.append(Finding(para.at if para else None, topic, text))

    def place(self, *paras: Para) -> None:
        self.placed.update(id(para) for para in paras)

    def set_aside(self, *paras: Para) -> None:
        """Lines of the document's form, read but not copied into the data."""
        self.form.update(id(para) for para in paras)

    def draft(self) -> Draft:
        self.place(*(section.line for section in self.layout.sections.values()))
        for section in self.layout.others:
            self.note(section.line, "unplaced", f"mục “{section.number} {section.heading}”: dữ liệu của kế hoạch chưa có chỗ cho mục này")
        plan = self._plan()
        targets = self._targets()
        tasks = self._tasks(self.layout.sections["tasks"])
        plan |= {
            "tasks_section": {"number": self.layout.sections["tasks"].number, "heading": vi(self.layout.sections["tasks"].heading)},
            "implementation": self._implementation(self.layout.sections["implementation"], plan),
            "recipients": self._recipients(),
            "signature": self._signature(),
            "status": {"text": vi(DRAFT_STATUS), "sources": [vi(self._plan_citation(plan))]},
        }
        self.note(None, "editorial", "status: tình trạng hiện nay của văn bản (bản nháp chỉ ghi đây là bản nháp) và các nguồn")
        text = [para for para in self.document.paras if id(para) not in self.form]
        unplaced = [para for para in text if id(para) not in self.placed]
        self.counts |= {"paragraphs": len(text), "placed": len(text) - len(unplaced), "form": len(self.document.paras) - len(text)}
        return Draft(plan, targets, tasks, self.findings, self.editor_ids, self.counts, unplaced)

    # -- header ----------------------------------------------------------------

    def _plan(self) -> Data:
        header = self.layout.header
        self.place(*header.used)
        self.set_aside(*header.issuer_lines, *header.motto)
        motto = next((para for para in header.motto if MOTTO.match(para.text)), None)
        if motto:
            self.note(motto, "reading", "quốc hiệu, tiêu ngữ: không ghi vào dữ liệu (thể thức văn bản, không phải lời văn)")
        grounds = header.grounds
        if len(grounds) > 1:
            for para in grounds[1:]:
                self.note(para, "unplaced", "đoạn căn cứ thứ hai trở đi: plan.yml chỉ có một đoạn preamble")
        if grounds:
            self.place(grounds[0])
        documents, implements = self._documents(" ".join(p.text for p in grounds), grounds[0] if grounds else None)
        purposes = self._purposes(self.layout.sections["purposes"])
        objectives = self._objectives(self.layout.sections["objectives"])
        plan: Data = {
            "id": self.plan_id,
            "number": header.number,
            "date": header.date.isoformat(),
            "place": header.place,
            "issuer": self._issuer(),
            "doc_type": vi(header.doc_type),
            "title": vi(header.title),
            "documents": documents,
            "implements": implements,
        }
        if grounds:
            plan["preamble"] = vi(grounds[0].text)
        return plan | {"purposes": purposes, "objectives": objectives}

    def _issuer(self) -> str:
        """The issuing body: the one that "ban hành" the plan in its grounds, else the header's."""
        header = self.layout.header
        grounds = " ".join(strip_emphasis(p.text) for p in header.grounds)
        found = re.search(r"(?:^|[.;:]\s+)(?P<who>[^.;:]+?)\s+ban hành\s+(?:Kế hoạch|kế hoạch)", grounds)
        at = header.grounds[-1] if header.grounds else None
        if found:
            name = self._whole_name(found.group("who"))
            if name is not None:
                return name
            return self.bodies.propose(found.group("who"), at.at if at else 0, AgencyKind.district_body)
        if header.issuer_lines:
            written = " ".join(p.text for p in header.issuer_lines)
            name = self._whole_name(written)
            self.note(header.issuer_lines[0], "bodies", f"cơ quan ban hành đọc từ dòng đầu văn bản: “{written}”")
            return name or self.bodies.propose(written, header.issuer_lines[0].at, AgencyKind.district_body)
        self.note(None, "reading", "không thấy cơ quan ban hành (“… ban hành Kế hoạch”): điền issuer")
        return ""

    def _whole_name(self, written: str) -> str | None:
        """The agency ``written`` names, when one known name is the whole of it."""
        name = self.bodies.match_at(written.strip(), 0)
        return name.agency if name is not None and name.end == len(written.strip()) else None

    def _documents(self, grounds: str, para: Para | None) -> tuple[list[Data], list[str]]:
        """The documents the grounds cite; those after "Thực hiện" are the ones the plan implements."""
        documents: dict[str, Data] = {}
        implements: list[str] = []
        text = strip_emphasis(grounds)
        for item in _top_level(text, ";"):
            implementing = fold(item).lstrip().startswith(("thực hiện", "triển khai")) or bool(implements and not item.startswith("Căn cứ"))
            previous: str | None = None
            for found in DOCUMENT.finditer(item):
                doc_id = _document_id(found.group("number"))
                if doc_id not in documents:
                    document = self._document(found, para)
                    if document is None:
                        continue
                    documents[doc_id] = document
                chained = previous is not None and fold(item[: found.start()]).rstrip().endswith("thực hiện")
                if chained and previous is not None:
                    documents[previous].setdefault("implements", [])
                    if doc_id not in documents[previous]["implements"]:
                        documents[previous]["implements"].append(doc_id)
                elif previous is None and implementing and doc_id not in implements:
                    implements.append(doc_id)
                previous = doc_id
        self.counts["documents"] = len(documents)
        return list(documents.values()), implements

    def _document(self, found: re.Match[str], para: Para | None) -> Data | None:
        kind = DOCUMENT_KINDS.get(found.group("kind"))
        number = found.group("number")
        if kind is None:
            self.note(
                para,
                "reading",
                f"{found.group('kind')} số {number}: loại văn bản này chưa có trong documents (chỉ có nghị quyết, chương trình, kế hoạch)",
            )
            return None
        document: Data = {"id": _document_id(number), "kind": kind, "number": number}
        if found.group("date"):
            day, month, year = (int(part) for part in found.group("date").split("/"))
            document["date"] = dt.date(year, month, day).isoformat()
        issuer = (found.group("issuer") or "").strip()
        if issuer:
            document["issuer"] = self._whole_name(issuer) or self.bodies.propose(issuer, para.at if para else 0, AgencyKind.higher_level)
        else:
            self.note(para, "reading", f"{found.group('kind')} số {number}: không ghi cơ quan ban hành; điền issuer")
        rest = found.string[found.end() :]
        title = re.match(r"\s+(?P<title>về\s[^;()]+?)\s*(?:[;(]|$)", rest)
        if title:
            document["title"] = vi(title.group("title"))
        return document

    def _plan_citation(self, plan: Data) -> str:
        issuer = plan["issuer"]
        name = self.bodies.names.get(issuer) or (self.bodies.proposals[issuer].name if issuer in self.bodies.proposals else issuer)
        date = self.layout.header.date
        return f"{plan['doc_type']['vi'].capitalize()} số {plan['number']} ngày {date.day}/{date.month}/{date.year} của {name}"

    # -- sections I and II -----------------------------------------------------

    def _parts(self, section: Section) -> list[tuple[str, str, Para, list[Para]]]:
        """A section's numbered headings, each with the lines under it."""
        parts: list[tuple[str, str, Para, list[Para]]] = []
        for para in section.paras:
            found = HEADING.match(para.text)
            if found and len(found.group("heading").split()) <= 15:
                parts.append((found.group("number"), found.group("heading").strip(), para, []))
            elif parts:
                parts[-1][3].append(para)
        return parts

    def _purposes(self, section: Section) -> Data:
        parts = []
        for number, heading, para, lines in self._parts(section):
            self.place(para)
            part: Data = {"number": number, "heading": vi(heading)}
            paragraphs, bullets = [], []
            for line in lines:
                bullet = BULLET.match(line.text)
                if bullet and bullet.group("label") == "-":
                    bullets.append(vi(bullet.group("text")))
                elif not bullet:
                    if bullets:
                        self.note(line, "reading", "đoạn văn sau gạch đầu dòng: trang in các đoạn văn trước, gạch đầu dòng sau")
                    paragraphs.append(vi(line.text))
                else:
                    continue
                self.place(line)
            if paragraphs:
                part["paragraphs"] = paragraphs
            if bullets:
                part["bullets"] = bullets
            parts.append(part)
        return {"number": section.number, "heading": vi(section.heading), "parts": parts}

    def _objectives(self, section: Section) -> Data:
        parts = self._parts(section)
        objectives: Data = {"number": section.number, "heading": vi(section.heading)}
        general = next((p for p in parts if "tổng quát" in fold(p[1])), None)
        specific = next((p for p in parts if "cụ thể" in fold(p[1]) and p[0].count(".") == 1), None)
        vision = next((p for p in parts if "tầm nhìn" in fold(p[1])), None)
        targets = (
            next((p for p in parts if p is not specific and p[0].startswith(specific[0]) and p is not vision), None) if specific else None
        )
        if general:
            objectives["general"] = self._numbered_text(general)
        if specific:
            self.place(specific[2])
            entry: Data = {"number": specific[0], "heading": vi(specific[1])}
            if targets:
                self.place(targets[2])
                entry["targets"] = {"number": targets[0], "heading": vi(targets[1])}
                self._bullets = targets[3]
            else:
                self.note(specific[2], "reading", "mục tiêu cụ thể không có tiểu mục (như “2.1. Mục tiêu cụ thể đến năm 2030”)")
                self._bullets = list(specific[3])
            if vision:
                entry["vision"] = self._numbered_text(vision)
            objectives["specific"] = entry
            years = [int(y) for p in (targets, specific, general) if p for y in re.findall(r"năm (\d{4})", p[1])]
            self._year = years[0] if years else None
        else:
            self.note(None, "reading", "không thấy phần “Mục tiêu cụ thể”: targets.yml trống")
        return objectives

    def _numbered_text(self, part: tuple[str, str, Para, list[Para]]) -> Data:
        number, heading, para, lines = part
        self.place(para)
        entry: Data = {"number": number, "heading": vi(heading)}
        if lines:
            entry["text"] = vi(lines[0].text)
            self.place(lines[0])
        for line in lines[1:]:
            self.note(line, "unplaced", f"đoạn thứ hai trở đi của “{number} {heading}”: dữ liệu chỉ có một đoạn")
        return entry

    def _targets(self) -> Data:
        bullets = []
        count = 0
        for n, para in enumerate(self._bullets, start=1):
            bullet = BULLET.match(para.text)
            text = bullet.group("text") if bullet else para.text
            if not bullet:
                self.note(para, "targets", "chỉ tiêu viết thành đoạn văn, không phải gạch đầu dòng: trang in thành gạch đầu dòng")
            targets = []
            for reading in self.figures.read(text):
                count += 1
                targets.append(self._target(f"t{count:02d}", text, reading, para))
            self.place(para)
            bullets.append({"id": f"b{n}", "group": vi(f"Nhóm chỉ tiêu {n}"), "text": vi(text), "targets": targets})
        if bullets:
            self.note(None, "editorial", f"group: tên của {len(bullets)} nhóm chỉ tiêu (bản nháp ghi “Nhóm chỉ tiêu 1”…)")
        self.counts["targets"] = count
        self.counts["figures"] = sum(1 for b in bullets for t in b["targets"] if "comparator" in t)
        targets_file: Data = {"bullets": bullets}
        if self._year is not None:
            targets_file = {"year": self._year, **targets_file}
        elif bullets:
            self.note(None, "reading", "không đọc được năm phải đạt các chỉ tiêu (“đến năm …”): điền year trong targets.yml")
        return targets_file

    def _target(self, target_id: str, text: str, reading: Reading, para: Para) -> Data:
        clause = text[reading.start : reading.end]
        target: Data = {"id": target_id, "clause": vi(clause)}
        if reading.measure:
            target["measure"] = vi(reading.measure)
        if reading.comparator is None:
            if re.search(r"\d", clause):
                self.note(para, "targets", f"{target_id} “{_excerpt(clause)}”: có con số nhưng không đọc được đơn vị (units.yml)")
            else:
                self.note(para, "targets", f"{target_id} “{_excerpt(clause)}”: không có con số; xác nhận là chỉ tiêu không định lượng")
            return target
        target["comparator"] = reading.comparator
        target["value"] = _figure(reading.value)
        if reading.value_max is not None:
            target["value_max"] = _figure(reading.value_max)
        target["unit"] = reading.unit
        if reading.doubt:
            self.note(para, "targets", f"{target_id} “{_excerpt(clause)}”: {reading.doubt}")
        return target

    # -- section III -----------------------------------------------------------

    def _tasks(self, section: Section) -> Data:
        areas: list[Data] = []
        pending = _Pending()
        for para in section.paras:
            assignment = ASSIGNMENT.match(strip_emphasis(para.text))
            area = AREA.match(para.text)
            if assignment:
                role = _role(assignment.group("label"))
                if role in pending.lines:
                    self._close(areas, pending)
                rest = re.sub(r"^[-+]?\s*\**[^:*]+:\**\s*", "", para.text)
                pending.lines[role] = (rest, para)
                self.place(para)
                if role == "timeline":
                    self._close(areas, pending)
            elif area and not SUB_TASK.match(para.text):
                self._close(areas, pending)
                areas.append(
                    {"id": area.group("number"), "number": f"{area.group('number')}.", "title": vi(area.group("title")), "blocks": []}
                )
                self.place(para)
            elif areas:
                if pending.lines:
                    self._close(areas, pending)
                pending.tasks.append((self._task(areas[-1], para), para))
                self.place(para)
        self._close(areas, pending)
        for entry in areas:
            self._number_tasks(entry)
        self.counts["areas"] = len(areas)
        self.counts["tasks"] = sum(len(b["tasks"]) for a in areas for b in a["blocks"])
        return {"areas": areas}

    def _task(self, area: Data, para: Para) -> Data:
        for pattern in (SUB_TASK, LETTERED, BULLET):
            found = pattern.match(para.text)
            if found:
                label, text = found.group("label"), found.group("text")
                task_id = f"{area['id']}.{found.group('id')}" if pattern is LETTERED else found.group("id") if pattern is SUB_TASK else ""
                return {"id": task_id, "label": label, "text": vi(text)}
        return {"id": "", "text": vi(para.text)}

    def _number_tasks(self, area: Data) -> None:
        """Ids for tasks the plan does not number (the area's number alone for its one task, else
        area.1, area.2…), a title for each, and the keys in the order the data files write them."""
        tasks = [task for block in area["blocks"] for task in block["tasks"]]
        used = {task["id"] for task in tasks}
        unnumbered = [task for task in tasks if not task["id"]]
        if len(unnumbered) == 1 and len(tasks) == 1:
            unnumbered[0]["id"] = area["id"]
            unnumbered = []
        n = 0
        for task in unnumbered:
            n += 1
            while f"{area['id']}.{n}" in used:
                n += 1
            task["id"] = f"{area['id']}.{n}"
            self.editor_ids.append(task["id"])
        for task in tasks:
            task_id, label, text, mentions = task.pop("id"), task.pop("label", None), task.pop("text"), task.pop("mentions", None)
            task |= {"id": task_id, **({"label": label} if label else {}), "title": vi(_title(text["vi"])), "text": text}
            if mentions:
                task["mentions"] = mentions

    def _close(self, areas: list[Data], pending: _Pending) -> None:
        """The tasks waiting and their assignment lines become one block of the last area."""
        tasks, lines = pending.tasks, pending.lines
        pending.tasks, pending.lines = [], {}
        if not tasks and not lines:
            return
        if not tasks:
            para = next(iter(lines.values()))[1]
            self.note(para, "tasks", "dòng giao việc không đi sau nhiệm vụ nào: xếp lại bằng tay")
            return
        block: Data = {"tasks": [task for task, _ in tasks]}
        first = tasks[0][1]
        if "lead" not in lines:
            lines |= self._inline(tasks)
        for role in ("lead", "coordinate"):
            if role not in lines:
                if role == "lead":
                    self.note(first, "tasks", "nhiệm vụ không có cơ quan chủ trì: điền lead_text và lead")
                continue
            written, para = lines[role]
            names = self.bodies.split_line(written, para.at)
            block[f"{role}_text"] = written
            block[role] = [name.agency for name in names if name.agency]
        if "timeline" in lines:
            block["timeline"] = self._timeline(*lines["timeline"])
        else:
            self.note(first, "tasks", "nhiệm vụ không có thời gian thực hiện: điền timeline")
        named = {*block.get("lead", []), *block.get("coordinate", [])}
        for task, _ in tasks:
            mentions = [n.agency for n in self.bodies.find_all(task["text"]["vi"]) if n.agency and n.agency not in named]
            if mentions:
                task["mentions"] = list(dict.fromkeys(mentions))
        areas[-1]["blocks"].append(block)

    def _inline(self, tasks: list[tuple[Data, Para]]) -> dict[str, tuple[str, Para]]:
        """ "X chủ trì, phối hợp với Y …" or "Giao X chủ trì …" in the tasks' own words, when no lines assign them.

        The lead is every word between the start of the sentence (or "Giao") and "chủ trì";
        the coordinating bodies are the names right after "phối hợp với", as far as they are known.
        """
        for task, para in tasks:
            text = task["text"]["vi"]
            found = INLINE_LEAD.search(text)
            if found is None:
                continue
            lines = {"lead": (found.group("lead"), para)}
            partner = next((run for run in self.bodies.runs(text) if run[0].start == found.end()), None)
            if found.group("with") and partner:
                lines["coordinate"] = (text[partner[0].start : partner[-1].end], para)
            self.note(para, "tasks", f"cơ quan chủ trì đọc từ lời văn của nhiệm vụ: “{found.group('lead')}”; xác nhận")
            return lines
        return {}

    def _timeline(self, written: str, para: Para) -> Data:
        folded = fold(strip_emphasis(written))
        timeline: Data = {"text": vi(written)}
        year = re.search(r"(?:từ\s+)?năm\s+(\d{4})|(\d{4})", folded)
        if year and re.fullmatch(r"(?:từ\s+)?năm\s+\d{4}(?:\s+và các năm tiếp theo|\s+trở đi)?\.?", folded.strip()):
            return timeline | {"kind": "from_year", "from_year": int(year.group(1) or year.group(2))}
        if not year and re.search(r"thường xuyên|hằng năm|hàng năm|liên tục", folded):
            return timeline | {"kind": "ongoing"}
        if year:
            self.note(para, "tasks", f"thời gian “{written}” đọc là từ năm {year.group(1) or year.group(2)} trở đi: xác nhận")
            return timeline | {"kind": "from_year", "from_year": int(year.group(1) or year.group(2))}
        self.note(para, "tasks", f"thời gian “{written}” chưa đọc được (thường xuyên, hay từ năm nào): điền kind")
        return timeline

    # -- section IV and the closing block --------------------------------------

    def _implementation(self, section: Section, plan: Data) -> Data:
        items = []
        found: tuple[Data, Para] | None = None
        for para in section.paras:
            numbered = re.match(r"^(?P<number>\d+\.)\s+(?P<text>.+)$", para.text)
            bullet = BULLET.match(para.text)
            text = numbered.group("text") if numbered else bullet.group("text") if bullet else para.text
            if bullet:
                self.note(para, "reading", "gạch đầu dòng ở mục tổ chức thực hiện: dữ liệu ghi thành đoạn không dấu")
            item: Data = {}
            if numbered:
                item["number"] = numbered.group("number")
            item["addressed_to"] = self._addressees(text, para)
            item["text"] = vi(text)
            items.append(item)
            self.place(para)
            if found is None and re.search(r"hằng năm|hàng năm|định kỳ", fold(text)) and DEADLINE.search(fold(text)):
                found = (item, para)
        implementation: Data = {"number": section.number, "heading": vi(section.heading), "items": items}
        if found:
            implementation["reporting"] = self._reporting(*found, plan)
        else:
            self.note(None, "reading", "không thấy việc báo cáo hằng năm có hạn (“hằng năm (trước ngày …)”): điền reporting")
        return implementation

    def _addressees(self, text: str, para: Para) -> list[str]:
        """The bodies a paragraph assigns work to: the lists of names after "Giao", "Yêu cầu" or a clause's start."""
        found: list[str] = []
        for run in self.bodies.runs(text):
            # "yêu cầu Thủ trưởng các cơ quan": the person's title is not what comes before the list.
            before = re.sub(rf"(?:{TITLE_WORDS})$", "", fold(text[: run[0].start]).rstrip()).rstrip()
            before = re.sub(r"[*(]+$", "", before).rstrip()
            if ADDRESSING.search(before) and not NOT_ADDRESSED.search(before):
                found += [name.agency for name in run if name.agency]
        if not found:
            self.note(para, "bodies", "không đọc được cơ quan được giao việc: điền addressed_to")
        return list(dict.fromkeys(found))

    def _reporting(self, item: Data, para: Para, plan: Data) -> Data:
        text = item["text"]["vi"]
        folded = fold(text)
        deadline = DEADLINE.search(folded)
        assert deadline is not None
        due = dt.date(2023, int(deadline.group("month")), int(deadline.group("day")))
        if deadline.group("words") == "trước":
            due -= dt.timedelta(days=1)
        issued = dt.date.fromisoformat(plan["date"])
        first_year = issued.year if dt.date(issued.year, due.month, due.day) > issued else issued.year + 1
        names = self.bodies.find_all(text)
        to = _after(names, folded, r"(?:về|gửi|lên)\s*\**\(?\**$")
        via = _after(names, folded, r"thông qua\s*$")
        reporting: Data = {"item": item.get("number", ""), "from": list(item["addressed_to"])}
        if to:
            reporting["to"] = to.agency
        if via:
            reporting["via"] = via.agency
        what = re.search(r"báo cáo\s.+?(?=\s+(?:về|gửi|lên)\s)", text)
        reporting |= {
            "deadline_text": vi(text[deadline.start() : deadline.end()]),
            "due_month": due.month,
            "due_day": due.day,
            "first_year": first_year,
        }
        if what:
            reporting["what"] = vi(what.group())
        self.note(
            para,
            "reading",
            f"báo cáo hằng năm: hạn “{text[deadline.start() : deadline.end()]}” đọc là ngày {due.day}/{due.month}, lần đầu năm {first_year}; xác nhận",
        )
        for key in ("item", "to", "via", "what"):
            if not reporting.get(key):
                self.note(para, "reading", f"báo cáo hằng năm: không đọc được {key}; điền vào implementation.reporting")
        return reporting

    def _recipients(self) -> Data:
        layout = self.layout
        items = []
        for para in layout.recipients:
            text = para.text[1:].strip() if para.text[:1] in "-+" else para.text
            name = text.rstrip(";.,").strip()
            recipient: Data = {"text": vi(text)}
            if not re.match(r"(?:Lưu|Như trên|Như Điều|Như khoản)\b", name):
                recipient["agency"] = self._whole_name(name) or self.bodies.propose(name, para.at, AgencyKind.recipient)
            items.append(recipient)
            self.place(para)
        if layout.recipients_heading:
            self.place(layout.recipients_heading)
        heading = layout.recipients_heading.text if layout.recipients_heading else "Nơi nhận:"
        return {"heading": vi(heading), "items": items}

    def _signature(self) -> Data:
        layout = self.layout
        self.place(*layout.authority)
        for para in layout.ignored:
            self.note(para, "reading", f"“{para.text}” ở phần ký: không ghi vào dữ liệu")
            self.set_aside(para)
        if layout.signer is None:
            self.note(None, "reading", "không thấy tên người ký: điền signature.signer")
            return {"authority": [vi(p.text) for p in layout.authority]}
        self.place(layout.signer)
        return {"authority": [vi(p.text) for p in layout.authority], "signer": layout.signer.text}


def _role(label: str) -> str:
    folded = fold(label)
    return "lead" if "chủ trì" in folded else "coordinate" if "phối hợp" in folded else "timeline"


def _after(names: list[Name], folded: str, before: str) -> Name | None:
    """The first known name right after words matching ``before``."""
    return next((n for n in names if n.agency and re.search(before, folded[: n.start])), None)


def _top_level(text: str, separator: str) -> list[str]:
    """``text`` split at ``separator`` outside parentheses."""
    out, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        depth += (ch == "(") - (ch == ")")
        if ch == separator and depth == 0:
            out.append(text[start:i])
            start = i + 1
    return [*out, text[start:]]


def _document_id(number: str) -> str:
    """ "43-CTr/TU" -> "43-ctr-tu", as the data names documents."""
    return re.sub(r"[^a-z0-9]+", "-", number.lower()).strip("-")


def _figure(value: float | None) -> float | int | None:
    return int(value) if value is not None and value == int(value) else value


def _excerpt(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def _title(text: str) -> str:
    """A task's short title, its own opening words: the words in bold, "Về …" before a colon, or the first clause."""
    bold = re.match(r"^\*\*(?P<words>[^*]+)\*\*", text)
    if bold:
        return bold.group("words").strip().rstrip(".;:,")
    about = re.match(r"^(?P<words>Về [^:.;]{1,80}):", text)
    if about:
        return about.group("words")
    plain = strip_emphasis(text)
    first = re.split(r"[.;:]\s", plain, maxsplit=1)[0].rstrip(".;:")
    # Whole clauses while the title stays short: at least four words, at most sixteen.
    title = ""
    for clause in first.split(", "):
        longer = f"{title}, {clause}" if title else clause
        if title and (len(title.split()) >= 4 or len(longer.split()) > 16):
            break
        title = longer
    words = title.split()
    # A long title ends before the words that only qualify it ("… theo hướng …", "… cho nông dân").
    cut = next((i for i, word in enumerate(words) if i >= 5 and word in QUALIFIERS), None) if len(words) > 8 else None
    return " ".join(words[:cut] if cut else words[:16])
