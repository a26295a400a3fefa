"""What the theme prints around every page, in each language: the site's name and
description, who runs the site, the links to send feedback and to edit the data behind
a page, the footer, the labels of the header's controls and the 404 page's words (with
where the documents stand, which the data pages show under their titles).

``macros.py`` (its MkDocs hooks) hands ``frame(...)`` to the templates in ``overrides/``
as ``config.extra.plansite`` on each language's build. Templates print these values as
they are, so every text is escaped here for the theme (``pages.theme_text``), and every
address is checked against a closed alphabet or percent-encoded: nothing from the data
reaches a page unescaped.
"""

from __future__ import annotations

import re
import urllib.parse
from collections.abc import Mapping
from typing import Any

from plansite import editions
from plansite.languages import CODES, LANGUAGES
from plansite.models import REPOSITORY_PATTERN, SiteSettings
from plansite.pages import theme_text
from plansite.routes import status_anchor
from plansite.wording import Wording

# The variable the workflow sets to the repository it runs in (``github.server_url``
# and ``github.repository``); site.yml's address is for builds elsewhere.
REPOSITORY_VARIABLE = "REPOSITORY_URL"

# The interface strings the theme's templates print (strings/<lang>.yml, issue 12 block).
THEME_STRINGS = (
    "feedback_link",
    "edit_link",
    "page_actions_note",
    "footer_reproduction",
    "footer_source",
    "footer_guide",
    "breadcrumb",
    "menu_open",
    "main_sections",
    "not_found_title",
    "not_found_text",
    "not_found_home",
    "search_close",
    "search_failed",
    "fact_status_details",
)


def repository(settings: SiteSettings, environ: Mapping[str, str]) -> str:
    """The repository's address: ``REPOSITORY_URL`` when set (on GitHub), else site.yml's."""
    given = environ.get(REPOSITORY_VARIABLE, "").strip().rstrip("/")
    if not given:
        return settings.repository
    if not re.fullmatch(REPOSITORY_PATTERN, given):
        raise ValueError(
            f"{REPOSITORY_VARIABLE}={given!r} is not the address of a repository on GitHub, https://github.com/<owner>/<repository>"
        )
    return given


def home_directory(lang: str) -> str:
    """Where a language's home page is, relative to the site root: "" or "en/"."""
    directory = editions.page_directory("index.md", lang)
    return directory + "/" if directory else ""


def texts(words: Wording, settings: SiteSettings, lang: str) -> dict[str, str]:
    """The theme's interface strings in ``lang``, escaped for the theme, with the
    publisher, contact and where to obtain the originals filled in."""
    found = {key: theme_text(words.t(lang, key)) for key in THEME_STRINGS}
    found["footer_publisher"] = theme_text(words.t(lang, "footer_publisher", publisher=settings.publisher[lang]))
    if settings.original:
        found["footer_original"] = theme_text(words.t(lang, "footer_original", original=settings.original[lang]))
    else:
        found["footer_original"] = theme_text(words.t(lang, "footer_original_unknown"))
    if settings.contact:
        found["footer_contact"] = theme_text(words.t(lang, "footer_contact", contact=settings.contact))
    else:
        found["footer_contact"] = theme_text(words.t(lang, "footer_contact_issues"))
    return found


def status(words: Wording, lang: str) -> list[dict[str, str]]:
    """Where the documents stand, for a page the theme writes on its own (the 404 page):
    each line's label, text (in ``text_lang``) and its explanation's anchor on the home
    page, escaped."""
    return [
        {
            "label": theme_text(line.label),
            "text": theme_text(line.text),
            "text_lang": line.text_lang,
            "anchor": status_anchor(line.plan_id or ""),
        }
        for line in words.status_lines(list(words.site.plans), lang)
    ]


def _query(text: str) -> str:
    """``text`` percent-encoded for a URL's query, every reserved character included."""
    return urllib.parse.quote(text, safe="")


def frame(words: Wording, settings: SiteSettings, lang: str, environ: Mapping[str, str]) -> dict[str, Any]:
    """Everything the theme prints around a page in ``lang`` (``config.extra.plansite``).

    The feedback link opens a new issue in the repository, its title and body filled in
    (GitHub's ``issues/new?title=…&body=…``): the template adds the page's title and
    address, percent-encoded, between the parts made here.
    """
    address = repository(settings, environ)
    return {
        "lang": lang,
        "home": home_directory(lang),
        "site_name": theme_text(settings.name[lang]),
        "description": theme_text(settings.description[lang]),
        "repository": address,
        "edit": f"{address}/edit/{settings.branch}/",
        "browse": f"{address}/tree/{settings.branch}/",
        "issues": f"{address}/issues/new",
        "feedback_title": _query(words.t(lang, "feedback_title")),
        "feedback_address": _query(words.t(lang, "feedback_address")),
        "feedback_body": _query(words.t(lang, "feedback_body")),
        "text": texts(words, settings, lang),
        # Every edition: its code, where its pages are, the theme's language for it.
        "editions": [{"code": code, "prefix": LANGUAGES[code].prefix, "theme": LANGUAGES[code].theme} for code in CODES],
        # Link previews: this edition's locale and the others'.
        "og_locale": LANGUAGES[lang].og_locale,
        "og_alternates": [LANGUAGES[other].og_locale for other in CODES if other != lang],
        # The 404 page speaks every language (it is served for any missing address).
        "languages": {
            other: texts(words, settings, other) | {"home": home_directory(other), "status": status(words, other)} for other in CODES
        },
    }
