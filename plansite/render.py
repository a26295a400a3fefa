"""Data -> Markdown pages, through the Jinja templates in ``templates/``.

Python works out what a page shows (``Renderer._context_*``); the templates lay it
out. Every ``{{ value }}`` is escaped for Markdown unless it is already Markup
(see ``markdown.escape``). Used by ``macros.py`` and by the tests directly.
"""

from __future__ import annotations

import calendar
import datetime as dt
import html
import re
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
import yaml
from markupsafe import Markup

from plansite import editions, routes
from plansite.duties import ReportingDuty, ReportingRole, Role, agency_duties, count, members, plan_duties
from plansite.load import SiteData
from plansite.markdown import emphasis, escape, plain
from plansite.models import LANGUAGES, AgencyKind, Area, Comparator, Target, Text, TimelineKind
from plansite.routes import PageRef

if TYPE_CHECKING:
    from plansite.export import DataFile

PACKAGE = Path(__file__).parent
# The order the agency index lists the kinds of body in: those with most to do first.
KIND_ORDER = (AgencyKind.district_office, AgencyKind.district_body, AgencyKind.collective, AgencyKind.higher_level, AgencyKind.recipient)


def load_strings() -> dict[str, dict[str, str]]:
    """The interface strings of each language, from ``strings/<lang>.yml``."""
    return {lang: yaml.safe_load((PACKAGE / "strings" / f"{lang}.yml").read_text(encoding="utf-8")) for lang in LANGUAGES}


def format_number(value: float, lang: str) -> str:
    """97.5 -> "97,5" in Vietnamese, "97.5" in English; whole numbers without decimals."""
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "vi" else text


def format_size(size: int, lang: str) -> str:
    """A file size for people: "850 B", "12,3 kB" (1 kB = 1000 bytes)."""
    if size < 1000:
        return f"{size} B"
    return f"{format_number(round(size / 1000, 1), lang)} kB"


class Renderer:
    """Renders the pages of one ``SiteData`` in either language."""

    def __init__(self, site: SiteData, site_url: str | None = None) -> None:
        self.site = site
        self.site_url = site_url
        self.strings = load_strings()
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(PACKAGE / "templates"),
            undefined=jinja2.StrictUndefined,
            finalize=escape,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            autoescape=False,
        )
        self.env.filters["emph"] = emphasis
        self.env.filters["plain"] = plain
        self.env.filters["id"] = safe_id
        self.env.filters["vi_quotes"] = editions.vi_quotes
        self.env.filters["h"] = html_text
        self.env.filters["vi"] = editions.vi_text

    # -- strings -------------------------------------------------------------

    def t(self, lang: str, key: str, **values: object) -> str:
        """An interface string in ``lang``, falling back to Vietnamese, then to the key."""
        template = self.strings[lang].get(key) or self.strings["vi"].get(key) or key
        return template.format(**values) if values else template

    def date(self, value: dt.date, lang: str) -> str:
        return self.t(lang, "date_format", day=value.day, month=value.month, year=value.year, month_name=calendar.month_name[value.month])

    def plan_name(self, plan_id: str, lang: str) -> str:
        plan = self.site.plans[plan_id].plan
        return self.t(lang, "plan_name", doc_type=plan.doc_type[lang].capitalize(), number=plan.number)

    def agency_name(self, agency_id: str, lang: str) -> str:
        return self.site.agencies[agency_id].name[lang]

    def reading(self, target: Target, lang: str) -> str:
        """The structured reading of a target, e.g. "dưới 2 %" or "35 to 40 %"."""
        if target.comparator is None or target.value is None or target.unit is None:
            return self.t(lang, "qualitative")
        value = format_number(target.value, lang)
        unit = self.site.units[target.unit].label[lang]
        if target.comparator is Comparator.range:
            assert target.value_max is not None
            figure = self.t(lang, "comparator_range", value=value, value_max=format_number(target.value_max, lang))
        else:
            figure = f"{self.t(lang, 'comparator_' + target.comparator.value)} {value}"
        separator = "" if unit == "%" else " "
        return f"{figure}{separator}{unit}"

    def timeline(self, kind: TimelineKind, year: int | None, lang: str) -> str:
        return self.t(lang, f"timeline_{kind.value}", year=year)

    # -- pages ---------------------------------------------------------------

    def title(self, page: PageRef, lang: str) -> str:
        if page.kind == "home":
            return self.t(lang, "home_title")
        if page.kind == "glossary":
            return self.t(lang, "glossary_title")
        if page.kind == "agency":
            assert page.agency
            return self.agency_name(page.agency, lang)
        if page.kind == "area":
            assert page.plan and page.area
            area = self.area(page.plan, page.area)
            return f"{area.number} {area.title[lang]}"
        return self.t(lang, f"{page.kind}_title")

    def description(self, page: PageRef, lang: str) -> str:
        """A one-sentence summary for search engines and link previews, from the data."""
        if page.kind == "agency":
            assert page.agency
            return shorten(self.t(lang, "agency_description", agency=self.agency_name(page.agency, lang)))
        if page.plan is None:
            body = self.t(lang, f"{page.kind}_intro")
            return shorten(body)
        plan = self.site.plans[page.plan].plan
        if page.kind == "area" and page.area:
            body = self.area(page.plan, page.area).blocks[0].tasks[0].text[lang]
        elif page.kind == "targets":
            body = plan.objectives.general.text[lang]
        elif page.kind == "implementation":
            body = plan.implementation.items[0].text[lang]
        elif page.kind in ("documents", "matrix"):
            body = self.t(lang, f"{page.kind}_intro")
        else:
            body = plan.title[lang]
        return shorten(f"{self.plan_name(page.plan, lang)}, {self.title(page, lang)}: {plain(body)}")

    def render(self, page: PageRef, lang: str) -> str:
        """The Markdown of ``page`` in ``lang``."""
        build: Callable[[PageRef, str], dict[str, Any]] = getattr(self, f"_context_{page.kind}")
        context = {
            "lang": lang,
            "page": page,
            "title": self.title(page, lang),
            "t": lambda key, **values: self.t(lang, key, **values),
            "tx": lambda text: text[lang] if isinstance(text, Text) else text,
            "link": lambda target, anchor=None: Markup(page.link(target, anchor)),
            "href": lambda target, anchor=None: safe_url(page.href(target, anchor)),
            "data_href": lambda file: safe_url(page.data_href(lang, file)),
            "size": lambda file: format_size(file.size, lang),
            "routes": routes,
            "date": lambda value: self.date(value, lang),
            "agency": lambda agency_id: self.agency_name(agency_id, lang),
            "month_name": lambda month: calendar.month_name[month],
            **build(page, lang),
        }
        return self.with_edition_notice(self.env.get_template(f"{page.kind}.md.j2").render(context), page.path, lang)

    def edition_notice(self, path: str, lang: str) -> str:
        """The notice that the Vietnamese text is authoritative, linking to the page at ``path`` in Vietnamese."""
        return self.env.get_template("edition_notice.md.j2").render(
            t=lambda key: self.t(lang, key), vi_url=Markup(editions.twin_url(path, lang, editions.AUTHORITATIVE))
        )

    def with_edition_notice(self, markdown: str, path: str, lang: str) -> str:
        """``markdown`` with the edition notice under its title; unchanged in Vietnamese."""
        if lang == editions.AUTHORITATIVE:
            return markdown
        notice = self.edition_notice(path, lang)
        if markdown.startswith("# "):
            title, _, body = markdown.partition("\n")
            return f"{title}\n\n{notice}\n{body}"
        return f"{notice}\n{markdown}"

    def area(self, plan_id: str, area_id: str) -> Area:
        return next(a for a in self.site.plans[plan_id].tasks.areas if a.id == area_id)

    @cached_property
    def _plan_ids(self) -> list[str]:
        return list(self.site.plans)

    def _plan_context(self, plan_id: str, lang: str) -> dict[str, Any]:
        data = self.site.plans[plan_id]
        return {
            "data": data,
            "plan": data.plan,
            "plan_name": self.plan_name(plan_id, lang),
            "reading": lambda target: self.reading(target, lang),
        }

    def _context_home(self, page: PageRef, lang: str) -> dict[str, Any]:
        plans = []
        for plan_id in self._plan_ids:
            context = self._plan_context(plan_id, lang)
            context["key_targets"] = [(b, t) for b, t in context["data"].all_targets() if t.key]
            plans.append(context)
        return {"plans": plans}

    def _context_targets(self, page: PageRef, lang: str) -> dict[str, Any]:
        assert page.plan
        return self._plan_context(page.plan, lang)

    def _context_area(self, page: PageRef, lang: str) -> dict[str, Any]:
        assert page.plan and page.area
        context = self._plan_context(page.plan, lang)
        context["area"] = self.area(page.plan, page.area)
        context["timeline"] = lambda timeline: self.timeline(timeline.kind, timeline.from_year, lang)
        return context

    def _context_implementation(self, page: PageRef, lang: str) -> dict[str, Any]:
        assert page.plan
        context = self._plan_context(page.plan, lang)
        context["reporting_text"] = self.reporting_text(page.plan, lang)
        context["reporting_due"] = self.reporting_due(page.plan, lang)
        return context

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
        reporting = self.site.plans[plan_id].plan.implementation.reporting
        return self.t(
            lang,
            "reporting_due",
            day=reporting.due_day,
            month=reporting.due_month,
            month_name=calendar.month_name[reporting.due_month],
            year=reporting.first_year,
            deadline=reporting.deadline_text[lang],
        )

    def reporting_duty(self, plan_id: str, duty: ReportingDuty, lang: str) -> str:
        """The yearly report as one agency's part in it (sends, receives, compiles)."""
        if duty.role is ReportingRole.sends and duty.via:
            return self.reporting_text(plan_id, lang, "reporting_sends_as_member", collective=self.agency_name(duty.via, lang))
        return self.reporting_text(plan_id, lang, f"reporting_{duty.role.value}")

    def _context_documents(self, page: PageRef, lang: str) -> dict[str, Any]:
        assert page.plan
        return self._plan_context(page.plan, lang)

    def _context_full_text(self, page: PageRef, lang: str) -> dict[str, Any]:
        assert page.plan
        return self._plan_context(page.plan, lang)

    def _context_glossary(self, page: PageRef, lang: str) -> dict[str, Any]:
        return {"terms": self.site.glossary.terms}

    # -- agencies, the matrix and the downloads ------------------------------

    @cached_property
    def data_files(self) -> list[DataFile]:
        """The open-data files with their exact bytes, for the sizes the pages show."""
        # Imported here: export builds its texts (calendar events) with this Renderer.
        from plansite.export import data_files

        return data_files(self.site, self)

    def address(self, page: PageRef, lang: str) -> str:
        """The page's full address (printed on duty sheets); site-relative without a site_url."""
        base = self.site_url.rstrip("/") + "/" if self.site_url else "/"
        directory = editions.page_directory(page.path, lang)
        return base + (directory + "/" if directory else "")

    def listed_apart(self, agency_id: str) -> list[tuple[str, str]]:
        """(plan, collective) pairs where a plan's recipients name a district body apart
        from a collective of district bodies it is not a member of. The plan then
        addresses it separately, so it does not inherit that collective's duties."""
        agency = self.site.agencies[agency_id]
        if agency.kind not in (AgencyKind.district_office, AgencyKind.district_body):
            return []
        found = []
        for plan_id, data in self.site.plans.items():
            named = [r.agency for r in data.plan.recipients.items if r.agency]
            if agency_id not in named:
                continue
            for other in named:
                if other not in agency.member_of and members(self.site, other):
                    found.append((plan_id, other))
        return found

    def _context_agency(self, page: PageRef, lang: str) -> dict[str, Any]:
        assert page.agency
        agency = self.site.agencies[page.agency]
        plans = []
        for duties in agency_duties(self.site, agency.id):
            plan_id = duties.plan.id
            plans.append(
                {
                    "duties": duties,
                    "plan": duties.plan.plan,
                    "heading": self.t(
                        lang, "plan_heading", plan=self.plan_name(plan_id, lang), date=self.date(duties.plan.plan.date, lang)
                    ),
                    "lead": duties.with_role(Role.lead),
                    "coordinate": duties.with_role(Role.coordinate),
                    "member": [(c, duties.with_role(Role.member, c)) for c in agency.member_of],
                    "mentioned": duties.with_role(Role.mentioned),
                    "reporting": [self.reporting_duty(plan_id, duty, lang) for duty in duties.reporting],
                    "reporting_due": self.reporting_due(plan_id, lang),
                }
            )
        apart = [(self.plan_name(plan_id, lang), collective, agency.id) for plan_id, collective in self.listed_apart(agency.id)]
        apart_members = [
            (self.plan_name(plan_id, lang), agency.id, other)
            for other in self.site.agencies
            for plan_id, collective in self.listed_apart(other)
            if collective == agency.id
        ]
        files = [f for f in self.data_files if f.agency_id == agency.id and f.lang in (None, lang)]
        return {
            "agency_data": agency,
            "plans": plans,
            "members": members(self.site, agency.id),
            "listed_apart": apart,
            "listed_apart_members": apart_members,
            "workbook": next(f for f in files if f.format == "xlsx"),
            "calendar": next((f for f in files if f.format == "ics"), None),
            "address": self.address(page, lang),
        }

    def _agency_counts(self, agency_id: str) -> dict[str, Any]:
        duties = agency_duties(self.site, agency_id)
        return {
            "id": agency_id,
            "lead": count(duties, Role.lead),
            "coordinate": count(duties, Role.coordinate),
            "member": count(duties, Role.member),
        }

    def _context_agencies(self, page: PageRef, lang: str) -> dict[str, Any]:
        groups = []
        for kind in KIND_ORDER:
            rows = [self._agency_counts(a.id) for a in self.site.agencies.values() if a.kind is kind]
            if rows:
                groups.append((kind, rows))
        return {"groups": groups, "plan_ids": self._plan_ids, "plan_name": lambda plan_id: self.plan_name(plan_id, lang)}

    def _context_matrix(self, page: PageRef, lang: str) -> dict[str, Any]:
        assert page.plan
        context = self._plan_context(page.plan, lang)
        data = context["data"]
        tasks = [(area_id, task) for area_id, _, task in data.all_tasks()]
        cells: dict[str, dict[str, Role]] = {}
        for agency_id in self.site.agencies:
            roles: dict[str, Role] = {
                d.task.id: d.role for d in plan_duties(self.site, data, agency_id).tasks if d.role in (Role.lead, Role.coordinate)
            }
            if roles:
                cells[agency_id] = roles
        collectives = [a for a in cells if members(self.site, a)]
        return {**context, "tasks": tasks, "cells": cells, "collectives": collectives, "Role": Role}

    def _context_downloads(self, page: PageRef, lang: str) -> dict[str, Any]:
        from plansite.export import TABLE, dictionary

        files = self.data_files
        by_agency = [
            (
                agency_id,
                next(f for f in files if f.agency_id == agency_id and f.format == "xlsx"),
                {f.lang: f for f in files if f.agency_id == agency_id and f.format == "ics"},
            )
            for agency_id in self.site.agencies
        ]
        return {
            "plans": [(plan_id, [f for f in files if f.plan_id == plan_id]) for plan_id in self._plan_ids],
            "plan_name": lambda plan_id: self.plan_name(plan_id, lang),
            "site_files": [f for f in files if f.plan_id is None and f.agency_id is None],
            "by_agency": by_agency,
            "tables": [TABLE[name] for name in TABLE],
            "dictionary": dictionary(),
            "languages": LANGUAGES,
        }


def shorten(text: str, limit: int = 160) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def html_text(value: object) -> Markup:
    """Text for a raw HTML block, where Markdown is not applied: HTML-escaped only."""
    return Markup(html.escape(str(value), quote=True))


def safe_url(value: str) -> Markup:
    """A URL built from data ids and fixed path parts, checked to need no escaping."""
    if not re.fullmatch(r"[a-z0-9._/#-]+", value):
        raise ValueError(f"not a safe URL: {value!r}")
    return Markup(value)


def safe_id(value: str) -> Markup:
    """An HTML id or URL fragment from data ids, which the schema keeps to [a-z0-9._-]."""
    if not re.fullmatch(r"[a-z0-9._-]+", value):
        raise ValueError(f"not a safe id: {value!r}")
    return Markup(value)
