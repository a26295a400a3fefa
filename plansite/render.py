"""Data -> Markdown pages, through each page family's template.

A page's family (``registry.FAMILIES``) works out what it shows, as a typed
context; its template (``families/<kind>.md.j2``) lays it out, with the helpers
every template shares (links, names, dates, interface strings). Every ``{{ value }}``
is escaped for Markdown unless it is already Markup (see ``markdown.escape``).
Used by ``macros.py``, by ``pages`` (titles and descriptions) and by the tests.
"""

from __future__ import annotations

import dataclasses
import html
import re
from functools import cached_property
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from plansite import editions, formatting, routes
from plansite.families.base import PageInput
from plansite.languages import LANGUAGES
from plansite.load import SiteData
from plansite.markdown import emphasis, escape, plain
from plansite.models import Multilingual
from plansite.opendata.files import data_files
from plansite.opendata.listing import ListedFile
from plansite.registry import FAMILIES, plan_pages
from plansite.registry import editions as editions_of
from plansite.routes import PageRef
from plansite.wording import Wording

PACKAGE = Path(__file__).parent


class Renderer:
    """Renders the pages of one ``SiteData`` in either language."""

    def __init__(self, site: SiteData, site_url: str | None = None, listing: list[ListedFile] | None = None) -> None:
        self.site = site
        self.site_url = site_url
        self._listing = listing
        self.words = Wording(site)
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader([PACKAGE / "families", PACKAGE / "templates"]),
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

    @cached_property
    def data_files(self) -> list[ListedFile]:
        """The open-data files with their sizes: the listing the build wrote with them, or
        made here when there is none (the pages step and the tests)."""
        if self._listing is not None:
            return self._listing
        return [file.listed() for file in data_files(self.site, self.words)]

    def page_input(self, page: PageRef, lang: str) -> PageInput:
        return PageInput(self.site, page, lang, self.words, lambda: self.data_files, self.site_url)

    def title(self, page: PageRef, lang: str) -> str:
        return FAMILIES[page.kind].title(self.page_input(page, lang))

    def description(self, page: PageRef, lang: str) -> str:
        """A one-sentence summary for search engines and link previews, from the data."""
        return FAMILIES[page.kind].description(self.page_input(page, lang))

    def render(self, page: PageRef, lang: str) -> str:
        """The Markdown of ``page`` in ``lang``."""
        family = FAMILIES[page.kind]
        built = family.context(self.page_input(page, lang))
        words = self.words
        context: dict[str, Any] = {
            "lang": lang,
            "page": page,
            "title": family.title(self.page_input(page, lang)),
            "t": lambda key, **values: words.t(lang, key, **values),
            "tx": lambda text: text[lang] if isinstance(text, Multilingual) else text,
            "link": lambda target, anchor=None: Markup(page.link(target, anchor)),
            "href": lambda target, anchor=None: safe_url(page.href(target, anchor)),
            "data_href": lambda file: safe_url(page.data_href(lang, file)),
            "size": lambda file: formatting.size(file.size, lang),
            "routes": routes,
            "date": lambda value: words.date(value, lang),
            "agency": lambda agency_id: words.agency_name(agency_id, lang),
            "document_name": lambda document: words.document_name(document, lang),
            "agency_inline": lambda agency_id: words.inline_name(agency_id, lang),
            "month_name": lambda month: formatting.month_name(month, lang),
            "level": lambda target, year: words.level(target, year, lang),
            "measure_name": lambda target: words.measure_name(target, lang),
            "name_of_plan": lambda plan_id: words.plan_name(plan_id, lang),
            "language_name": LANGUAGES[lang].name,
            "plan_pages": lambda plan_id, in_lang: [
                ref for ref in plan_pages(self.site, plan_id) if in_lang in editions_of(self.site, ref)
            ],
            "page_title": lambda ref, in_lang: self.title(ref, in_lang),
            "edition_href": lambda target, target_lang: safe_url(page.edition_href(lang, target, target_lang)),
            # The family's own context, field by field (not deep-copied: templates read the models).
            **{field.name: getattr(built, field.name) for field in dataclasses.fields(built)},
        }
        markdown = self.env.get_template(family.template).render(context)
        return self.with_edition_notice(markdown, page.path, lang) if family.edition_notice else markdown

    def edition_notice(self, path: str, lang: str) -> str:
        """The notice that the Vietnamese text is authoritative, linking to the page at ``path`` in Vietnamese."""
        return self.env.get_template("edition_notice.md.j2").render(
            t=lambda key: self.words.t(lang, key), vi_url=Markup(editions.twin_url(path, lang, editions.AUTHORITATIVE))
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
