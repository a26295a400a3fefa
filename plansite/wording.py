"""The site's sentences about the data: names, readings of targets, timelines, the yearly report.

Pages (``families``), link previews (``seo``) and the calendar files (``opendata``)
all say these things, so each is built here once, from the interface strings and
the data. Nothing here knows about Markdown or HTML: results are plain text, escaped
by whoever writes them into a page or a file.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from plansite import formatting
from plansite.duties import ReportingDuty, ReportingRole
from plansite.load import SiteData
from plansite.models import Comparator, Target, Term, TimelineKind
from plansite.strings import lookup

# The abbreviations of the plan's recipients list ("VP: C, PCVP", "Lưu: VT."), each with
# the glossary term it stands for: pages explain them wherever such a text is shown.
ABBREVIATIONS = {"VP": "van-phong-vp", "C": "chanh-van-phong", "PCVP": "pho-chanh-van-phong", "VT": "van-thu"}
_ABBREVIATION = re.compile(r"(?<!\w)(" + "|".join(ABBREVIATIONS) + r")(?!\w)")


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
        plan = self.site.plans[plan_id].plan
        return self.t(lang, "plan_name", doc_type=plan.doc_type[lang].capitalize(), number=plan.number)

    def agency_name(self, agency_id: str, lang: str) -> str:
        return self.site.agencies[agency_id].name[lang]

    def abbreviations(self, texts: Iterable[str]) -> list[tuple[str, Term]]:
        """The abbreviations ``texts`` use, in order of first use, with the terms they stand for."""
        terms = {term.id: term for term in self.site.glossary.terms}
        found = dict.fromkeys(match for text in texts for match in _ABBREVIATION.findall(text))
        return [(abbreviation, terms[ABBREVIATIONS[abbreviation]]) for abbreviation in found]

    def recipients_abbreviations(self, plan_id: str) -> list[tuple[str, Term]]:
        """The abbreviations a plan's recipients list uses ("VP: C, PCVP", "Lưu: VT.")."""
        return self.abbreviations(r.text.vi for r in self.site.plans[plan_id].plan.recipients.items)

    def reading(self, target: Target, lang: str) -> str:
        """The structured reading of a target, e.g. "dưới 2%" or "35 to 40%"."""
        if target.comparator is None or target.value is None or target.unit is None:
            return self.t(lang, "qualitative")
        value = self.number(target.value, lang)
        unit = self.site.units[target.unit].label[lang]
        if target.comparator is Comparator.range:
            assert target.value_max is not None
            figure = self.t(lang, "comparator_range", value=value, value_max=self.number(target.value_max, lang))
        else:
            figure = f"{self.t(lang, 'comparator_' + target.comparator.value)} {value}"
        separator = "" if unit == "%" else " "
        return f"{figure}{separator}{unit}"

    def timeline(self, kind: TimelineKind, year: int | None, lang: str) -> str:
        return self.t(lang, f"timeline_{kind.value}", year=year)

    def reporting_text(self, plan_id: str, lang: str, key: str = "reporting_text", **values: str) -> str:
        """The yearly report of section IV in one sentence: who sends what to whom, by when."""
        reporting = self.site.plans[plan_id].plan.implementation.reporting
        return self.t(
            lang,
            key,
            **{"from": "; ".join(self.agency_name(a, lang) for a in reporting.from_)},
            what=reporting.what[lang],
            to=self.agency_name(reporting.to, lang),
            via=self.agency_name(reporting.via, lang),
            deadline=reporting.deadline_text[lang],
            **values,
        )

    def reporting_due(self, plan_id: str, lang: str) -> str:
        """When the yearly report is due, as a date a reader can put in a calendar."""
        reporting = self.site.plans[plan_id].plan.implementation.reporting
        return self.t(
            lang,
            "reporting_due",
            day=reporting.due_day,
            month=reporting.due_month,
            month_name=formatting.month_name(reporting.due_month, lang),
            year=reporting.first_year,
            deadline=reporting.deadline_text[lang],
        )

    def duty_role(self, role: str, via: str | None, lang: str) -> str:
        """An agency's part in a duty, in a few words ("Chủ trì", "Gửi báo cáo, là thành viên
        của "…""): ``role`` is a ``Role`` or ``ReportingRole`` value, or "item" for section IV."""
        if via is None:
            return self.t(lang, f"duty_role_{role}")
        return self.t(lang, f"duty_role_{role}_via", collective=self.agency_name(via, lang))

    def reporting_duty(self, plan_id: str, duty: ReportingDuty, lang: str) -> str:
        """The yearly report as one agency's part in it (sends, receives, compiles)."""
        if duty.role is ReportingRole.sends and duty.via:
            return self.reporting_text(plan_id, lang, "reporting_sends_as_member", collective=self.agency_name(duty.via, lang))
        return self.reporting_text(plan_id, lang, f"reporting_{duty.role.value}")
