"""Data -> Markdown pages, through the Jinja templates in ``templates/``.

Python works out what a page shows (``Renderer._context_*``); the templates lay it
out. Every ``{{ value }}`` is escaped for Markdown unless it is already Markup
(see ``markdown.escape``). Used by ``macros.py`` and by the tests directly.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2
import yaml
from markupsafe import Markup

from plansite import editions, routes
from plansite.load import SiteData
from plansite.markdown import emphasis, escape, plain
from plansite.models import LANGUAGES, Area, Comparator, Target, Text, TimelineKind
from plansite.routes import PageRef

PACKAGE = Path(__file__).parent


def load_strings() -> dict[str, dict[str, str]]:
    """The interface strings of each language, from ``strings/<lang>.yml``."""
    return {lang: yaml.safe_load((PACKAGE / "strings" / f"{lang}.yml").read_text(encoding="utf-8")) for lang in LANGUAGES}


def format_number(value: float, lang: str) -> str:
    """97.5 -> "97,5" in Vietnamese, "97.5" in English; whole numbers without decimals."""
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "vi" else text


class Renderer:
    """Renders the pages of one ``SiteData`` in either language."""

    def __init__(self, site: SiteData) -> None:
        self.site = site
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
        if page.kind == "area":
            assert page.plan and page.area
            area = self.area(page.plan, page.area)
            return f"{area.number} {area.title[lang]}"
        return self.t(lang, f"{page.kind}_title")

    def description(self, page: PageRef, lang: str) -> str:
        """A one-sentence summary for search engines and link previews, from the data."""
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
        elif page.kind == "documents":
            body = self.t(lang, "documents_intro")
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
        reporting = context["plan"].implementation.reporting
        context["reporting_text"] = self.t(
            lang,
            "reporting_text",
            **{"from": "; ".join(self.agency_name(a, lang) for a in reporting.from_)},
            what=reporting.what[lang],
            to=self.agency_name(reporting.to, lang),
            via=self.agency_name(reporting.via, lang),
            deadline=reporting.deadline_text[lang],
        )
        context["reporting_due"] = self.t(
            lang,
            "reporting_due",
            day=reporting.due_day,
            month=reporting.due_month,
            month_name=calendar.month_name[reporting.due_month],
            year=reporting.first_year,
            deadline=reporting.deadline_text[lang],
        )
        return context

    def _context_documents(self, page: PageRef, lang: str) -> dict[str, Any]:
        assert page.plan
        return self._plan_context(page.plan, lang)

    def _context_full_text(self, page: PageRef, lang: str) -> dict[str, Any]:
        assert page.plan
        return self._plan_context(page.plan, lang)

    def _context_glossary(self, page: PageRef, lang: str) -> dict[str, Any]:
        return {"terms": self.site.glossary.terms}


def shorten(text: str, limit: int = 160) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def safe_id(value: str) -> Markup:
    """An HTML id or URL fragment from data ids, which the schema keeps to [a-z0-9._-]."""
    if not re.fullmatch(r"[a-z0-9._-]+", value):
        raise ValueError(f"not a safe id: {value!r}")
    return Markup(value)
