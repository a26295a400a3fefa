"""The site's sentences about the data: names, readings of targets, timelines, the yearly report.

Pages (``families``), link previews (``seo``) and the calendar files (``opendata``)
all say these things, so each is built here once, from the interface strings and
the data. Nothing here knows about Markdown or HTML: results are plain text, escaped
by whoever writes them into a page or a file.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable

from plansite import formatting
from plansite.duties import ReportingDuty, ReportingRole
from plansite.languages import AUTHORITATIVE
from plansite.load import SiteData
from plansite.models import AgencyKind, Comparator, Document, PlanGuide, Target, Task, Term, TimelineKind
from plansite.strings import lookup

# Vietnamese words that open a common noun phrase, not a proper name.
PLURAL_WORDS = {"Các", "Những", "Mọi"}


def sentence(text: str) -> str:
    """``text`` with a capital first letter, as a sentence begins."""
    return text[:1].upper() + text[1:]


# The abbreviations of the bodies' names and the plan's recipients list ("UBND huyện", "VP:
# C, PCVP", "Lưu: VT."), each with the glossary term it stands for: pages explain them
# wherever such a text is shown, and an agency's page writes its name out in its title.
ABBREVIATIONS = {
    "UBND": "uy-ban-nhan-dan",
    "HĐND": "hoi-dong-nhan-dan",
    "MTTQVN": "mat-tran-to-quoc-viet-nam",
    "CT": "chuc-danh-chu-tich",
    "PCT": "chuc-danh-pho-chu-tich",
    "VP": "van-phong-vp",
    "C": "chanh-van-phong",
    "PCVP": "pho-chanh-van-phong",
    "VT": "van-thu",
}
_ABBREVIATION = re.compile(r"(?<!\w)(" + "|".join(ABBREVIATIONS) + r")(?!\w)")


@dataclasses.dataclass(frozen=True)
class StatusLine:
    """One line of a page's status: its label ("Tình trạng văn bản"), what it says (in
    ``text_lang``: Vietnamese where a plan is not translated) and the plan whose status,
    explained on the home page, it links to (None: the next line links to it)."""

    label: str
    text: str
    text_lang: str
    plan_id: str | None

    def plain(self) -> str:
        """The line as one sentence of text (a spreadsheet, a calendar)."""
        return f"{self.label}: {self.text}" if self.label else self.text


class Wording:
    """Sentences and names of one site's data, in any language."""

    def __init__(self, site: SiteData) -> None:
        self.site = site

    def t(self, lang: str, key: str, **values: object) -> str:
        """An interface string (see ``strings.lookup``)."""
        return lookup(lang, key, **values)

    def number(self, value: float, lang: str) -> str:
        return formatting.number(value, lang)

    def date(self, value: dt.date, lang: str) -> str:
        return formatting.date(value, lang)

    def plan_name(self, plan_id: str, lang: str) -> str:
        """ "Kế hoạch số 81/KH-UBND", "Plan No. 81/KH-UBND"."""
        data = self.site.plans[plan_id]
        if not data.has(lang):
            # Not translated: the plan is named as it names itself, in Vietnamese.
            lang = AUTHORITATIVE
        return self.t(lang, "plan_name", doc_type=data.plan.doc_type[lang].capitalize(), number=data.plan.number)

    def document_date(self, plan_id: str, document: Document, lang: str) -> str:
        """The date of a document the plan cites, as the plan's text writes it after the
        document's number ("35-CTr/HU ngày 11/04/2024"); in another language, or where the
        text does not give it, as the language writes dates."""
        assert document.date is not None, f"{document.id} has no date"
        if lang == AUTHORITATIVE and document.number:
            plan = self.site.plans[plan_id].plan
            cited = re.compile(re.escape(document.number) + r" ngày (\d{1,2})/(\d{1,2})/(\d{4})")
            for match in cited.finditer(f"{plan.title.vi} {plan.preamble.vi}"):
                day, month, year = (int(part) for part in match.groups())
                if (year, month, day) == (document.date.year, document.date.month, document.date.day):
                    return match.group(0).removeprefix(f"{document.number} ngày ")
        return self.date(document.date, lang)

    def document_name(self, document: Document, lang: str) -> str:
        """ "Nghị quyết số 42-NQ/TW", "Resolution No. 42-NQ/TW"; a document cited without a
        number is named by its kind."""
        kind = self.t(lang, f"document_kind_{document.kind.value}")
        if document.number is None:
            return f"{kind} ({self.t(lang, 'no_number')})"
        return self.t(lang, "document_number", kind=kind, number=document.number)

    def agency_name(self, agency_id: str, lang: str) -> str:
        """A body's name in ``lang``; its Vietnamese name where it has no translation yet
        (only bodies that no translated plan names may lack one: ``load.check_agency_names``)."""
        name = self.site.agencies[agency_id].name
        return name.get(lang) or name.vi

    def inline_name(self, agency_id: str, lang: str) -> str:
        """A body's name as it reads inside a sentence: a Vietnamese name that opens
        with a plural word ("Các cơ quan, ban ngành huyện") takes a small letter there;
        proper names ("Phòng Y tế", "UBND các xã") keep their capitals."""
        name = self.agency_name(agency_id, lang)
        first, _, rest = name.partition(" ")
        if lang == AUTHORITATIVE and first in PLURAL_WORDS and rest:
            return f"{first.lower()} {rest}"
        return name

    def names(self, agency_ids: list[str], lang: str) -> str:
        """Several bodies inside a sentence: "A, B và C"; in English each takes "the"
        (the sentence gives the first its own): "A, the B and the C". The joining words
        are the language's strings (``names_separator``, ``names_last_separator``)."""
        names = [self.inline_name(a, lang) for a in agency_ids]
        if len(names) < 2:
            return "".join(names)
        return self.t(lang, "names_separator").join(names[:-1]) + self.t(lang, "names_last_separator") + names[-1]

    def abbreviations(self, texts: Iterable[str]) -> list[tuple[str, Term]]:
        """The abbreviations ``texts`` use, in order of first use, with the terms they stand for."""
        terms = {term.id: term for term in self.site.glossary.terms}
        found = dict.fromkeys(match for text in texts for match in _ABBREVIATION.findall(text))
        return [(abbreviation, terms[ABBREVIATIONS[abbreviation]]) for abbreviation in found]

    def written_out(self, text: str) -> str:
        """``text`` with each abbreviation written out: "UBND các xã" is "Ủy ban nhân dân các xã"."""
        terms = {term.id: term for term in self.site.glossary.terms}
        return _ABBREVIATION.sub(lambda match: terms[ABBREVIATIONS[match.group(1)]].vi, text)

    def agency_title(self, agency_id: str, lang: str) -> str:
        """A body's name as its page's title: in Vietnamese with its abbreviations written
        out and the plan's spelling kept beside it ("Ủy ban nhân dân các xã (UBND các xã)");
        the translations write names out already."""
        name = self.agency_name(agency_id, lang)
        full = self.written_out(name) if lang == AUTHORITATIVE else name
        return name if full == name else self.t(lang, "name_written_out", full=full, name=name)

    def recipients_abbreviations(self, plan_id: str) -> list[tuple[str, Term]]:
        """The abbreviations a plan's recipients list uses ("VP: C, PCVP", "Lưu: VT.")."""
        return self.abbreviations(r.text.vi for r in self.site.plans[plan_id].plan.recipients.items)

    def plan_status(self, plan_id: str, lang: str) -> tuple[str, str]:
        """Where a plan stands today in one or two sentences (site.yml's status_summary,
        else plan.yml's status), and the language it is in: the Vietnamese where the plan
        is not translated into ``lang``."""
        guide = self.site.settings.plans.get(plan_id, PlanGuide())
        text = guide.status_summary or self.site.plans[plan_id].plan.status.text
        found = text.get(lang)
        return (found, lang) if found is not None else (text.vi, AUTHORITATIVE)

    def agency_ended(self, agency_id: str, lang: str) -> str | None:
        """ "Cơ quan này đã kết thúc hoạt động từ ngày 01/7/2025.", for a body that has ended."""
        agency = self.site.agencies[agency_id]
        if agency.ended is None:
            return None
        key = "agency_ended_collective" if agency.kind is AgencyKind.collective else "agency_ended"
        return self.t(lang, key, date=self.date(agency.ended, lang))

    def plan_end(self, plan_id: str) -> dt.date | None:
        """The day a plan stopped being carried out: the day its issuing body ceased to operate."""
        return self.site.agencies[self.site.plans[plan_id].plan.issuer].ended

    def status_lines(self, plan_ids: list[str], lang: str, *, agency_id: str | None = None, own: bool = False) -> list[StatusLine]:
        """What a page (or a duty sheet, a calendar) says first about where things stand:
        that ``agency_id`` no longer exists, when it has ended; then each plan's status,
        plans with the same status on one line. ``own``: the page is one plan's own, so its
        line needs no plan's name."""
        lines = []
        ended = self.agency_ended(agency_id, lang) if agency_id else None
        if ended:
            lines.append(StatusLine("", ended, lang, None))
        same: dict[tuple[str, str], list[str]] = {}
        for plan_id in plan_ids:
            same.setdefault(self.plan_status(plan_id, lang), []).append(plan_id)
        for (text, text_lang), ids in same.items():
            if own:
                label = self.t(lang, "status_label")
            else:
                # Plans' names joined by "; ", which both languages read as a list of titles.
                label = self.t(lang, "status_label_of", plans="; ".join(self.plan_name(plan_id, lang) for plan_id in ids))
            lines.append(StatusLine(label, text, text_lang, ids[0]))
        return lines

    def reading(self, target: Target, lang: str) -> str:
        """The structured reading of a target: "dưới 2%", "phấn đấu 13 bác sĩ trên 10.000 dân"
        (where the plan says "phấn đấu"), "35 to 40%"; a figure to reach is written alone
        ("35%"), and a target without a figure is said so ("không nêu con số")."""
        if target.comparator is None or target.value is None or target.unit is None:
            return self.t(lang, "qualitative")
        value = self.number(target.value, lang)
        if target.comparator is Comparator.range:
            assert target.value_max is not None
            value = self.t(lang, "comparator_range", value=value, value_max=self.number(target.value_max, lang))
        unit = self.site.units[target.unit].label[lang]
        # "2%" but "75 tuổi"; a measure goes between the figure and its unit ("13 bác sĩ trên 10.000 dân").
        measure = f" {target.measure[lang]}" if target.measure else ""
        figure = f"{value}%{measure}" if unit == "%" else f"{value}{measure} {unit}"
        if target.comparator not in (Comparator.eq, Comparator.range):
            figure = f"{self.t(lang, 'comparator_' + target.comparator.value)} {figure}"
        return self.t(lang, "reading_strive", reading=figure) if target.strive else figure

    def level(self, target: Target, year: int, lang: str) -> str:
        """The level to reach and by when, in plain words: "dưới 2% — đến năm 2030",
        "không nêu con số — đến năm 2030"."""
        return self.t(lang, "level", reading=self.reading(target, lang), year=year)

    def measure_name(self, target: Target, lang: str) -> str | None:
        """What a target with a measure counts, named in full: "Số bác sĩ trên 10.000 dân"
        ("Doctors per 10,000 population"); None for a target without a measure."""
        if target.measure is None:
            return None
        unit = self.site.units[target.unit].label[lang] if target.unit else "%"
        if unit == "%":
            return sentence(target.measure[lang])
        return sentence(self.t(lang, "measure_name", measure=target.measure[lang], unit=unit))

    def target_name(self, target: Target, lang: str) -> str:
        """A target at the start of a line (a table's first column): what it measures, named
        in full, else its clause; a translated clause begins with a capital, the plan's own
        words are left as the plan writes them."""
        name = self.measure_name(target, lang)
        if name is not None:
            return name
        clause = target.clause[lang]
        return clause if lang == AUTHORITATIVE else sentence(clause)

    def in_words(self, count: int, lang: str) -> str:
        """A small number as a heading writes it ("tám", "eight"); digits past twenty."""
        words = self.t(lang, "number_words").split(", ")
        return words[count - 1] if 0 < count <= len(words) else self.number(count, lang)

    def areas_heading(self, plan_id: str, lang: str) -> str:
        """ "Tám nhóm nhiệm vụ", "The eight task areas": the plan's number of task areas."""
        count = len(self.site.plans[plan_id].tasks.areas)
        return sentence(self.t(lang, "areas_heading", count=count, words=self.in_words(count, lang)))

    def task_number(self, task: Task) -> str:
        """A sub-task's number as pages show it: the plan's own where it prints one ("2.1"),
        the editors' id in square brackets where it does not ("[5.1]", "[7]", "[8.a]")."""
        return task.id if task.numbered else f"[{task.id}]"

    def editors_number(self, task: Task, lang: str) -> str:
        """The editors' note on a number the plan does not print: what the plan prints instead."""
        if task.label is None:
            printed = self.t(lang, "printed_nothing")
        elif task.label == "-":
            printed = self.t(lang, "printed_bullet")
        else:
            printed = self.t(lang, "printed_label", label=task.label)
        return self.t(lang, "editors_number", number=self.task_number(task), printed=printed)

    def task_numbers(self, tasks: list[Task], lang: str) -> str:
        """Several sub-tasks' numbers in a sentence: "3.1 và 3.2", "[5.2] and [5.3]"."""
        numbers = [self.task_number(task) for task in tasks]
        if len(numbers) < 2:
            return "".join(numbers)
        return ", ".join(numbers[:-1]) + self.t(lang, "numbers_last_separator") + numbers[-1]

    def timeline(self, kind: TimelineKind, year: int | None, lang: str) -> str:
        return self.t(lang, f"timeline_{kind.value}", year=year)

    def reporting_text(self, plan_id: str, lang: str, key: str = "reporting_text", agency_id: str | None = None, **values: str) -> str:
        """The yearly report of section IV in one sentence: who sends what to whom, by when;
        as ``agency_id`` reads it, the report goes "through" another body, never itself."""
        reporting = self.site.plans[plan_id].plan.implementation.reporting
        through = "" if agency_id == reporting.via else self.t(lang, "reporting_through", via=self.inline_name(reporting.via, lang))
        return sentence(
            self.t(
                lang,
                key,
                **{"from": self.names(reporting.from_, lang)},
                what=reporting.what[lang],
                to=self.inline_name(reporting.to, lang),
                via=self.inline_name(reporting.via, lang),
                through=through,
                deadline=reporting.deadline_text[lang],
                **values,
            )
        )

    def reporting_due(self, plan_id: str, lang: str) -> str:
        """The editors' note on the yearly report's date: the plan's words, and the day and
        first year the calendars read them as."""
        reporting = self.site.plans[plan_id].plan.implementation.reporting
        return self.t(
            lang,
            "reporting_due",
            due=formatting.day_month(reporting.due_day, reporting.due_month, lang),
            year=reporting.first_year,
            deadline=reporting.deadline_text[lang],
        )

    def duty_role(self, role: str, via: str | None, lang: str) -> str:
        """An agency's part in a duty, in a few words ("Chủ trì", "Gửi báo cáo, là thành viên
        của "…""): ``role`` is a ``Role`` or ``ReportingRole`` value, or "item" for section IV."""
        if via is None:
            return self.t(lang, f"duty_role_{role}")
        return self.t(lang, f"duty_role_{role}_via", collective=self.agency_name(via, lang))

    def reporting_duty(self, plan_id: str, duty: ReportingDuty, agency_id: str, lang: str) -> str:
        """The yearly report as ``agency_id``'s part in it (sends, receives, compiles)."""
        if duty.role is ReportingRole.sends and duty.via:
            collective = self.agency_name(duty.via, lang)
            return self.reporting_text(plan_id, lang, "reporting_sends_as_member", agency_id, collective=collective)
        return self.reporting_text(plan_id, lang, f"reporting_{duty.role.value}", agency_id)
