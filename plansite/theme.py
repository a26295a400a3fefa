"""What the theme prints around every page, in each language: the site's name and
description, who runs the site, the ways to send feedback (the contact's e-mail and
telephone first, then GitHub, which needs an account) and to edit the data behind a
page, the footer, the labels of the header's controls and the 404 page's words (with
where the documents stand, which the data pages show under their titles).

A build whose repository is still site.yml's placeholder (and no ``REPOSITORY_URL``)
has no repository: the theme then shows no GitHub link at all, rather than links to a
repository that does not exist, and the build says so (``plansite.build``).

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

import phonenumbers

from plansite import editions, limits
from plansite.languages import CODES, LANGUAGES
from plansite.models import PLACEHOLDER_REPOSITORY, REPOSITORY_PATTERN, Contact, SiteSettings
from plansite.pages import theme_text
from plansite.routes import status_anchor
from plansite.wording import Wording

# The variable the workflow sets to the repository it runs in (``github.server_url``
# and ``github.repository``); site.yml's address is for builds elsewhere.
REPOSITORY_VARIABLE = "REPOSITORY_URL"

# The interface strings the theme's templates print (strings/<lang>.yml, issue 12 block).
THEME_STRINGS = (
    "feedback_link",
    "feedback_github",
    "edit_link",
    "page_actions_note",
    "footer_reproduction",
    "footer_source",
    "footer_guide",
    "breadcrumb",
    "menu_open",
    "main_sections",
    "menu_all_plans",
    "not_found_title",
    "not_found_text",
    "not_found_home",
    "search_close",
    "search_failed",
    "search_none",
    "fact_status_details",
)


def repository(settings: SiteSettings, environ: Mapping[str, str]) -> str | None:
    """The repository's address: ``REPOSITORY_URL`` when set (on GitHub), else site.yml's;
    None while that is the placeholder."""
    given = environ.get(REPOSITORY_VARIABLE, "").strip().rstrip("/")
    if not given:
        given = settings.repository
    elif not re.fullmatch(REPOSITORY_PATTERN, given):
        raise ValueError(
            f"{REPOSITORY_VARIABLE}={given!r} is not the address of a repository on GitHub, https://github.com/<owner>/<repository>"
        )
    return None if given == PLACEHOLDER_REPOSITORY else given


def home_directory(lang: str) -> str:
    """Where a language's home page is, relative to the site root: "" or "en/"."""
    directory = editions.page_directory("index.md", lang)
    return directory + "/" if directory else ""


def texts(words: Wording, settings: SiteSettings, lang: str, *, github: bool) -> dict[str, str]:
    """The theme's interface strings in ``lang``, escaped for the theme, with the
    publisher, contact and where to obtain the originals filled in; ``github``: whether
    there is a repository to link to."""
    found = {key: theme_text(words.t(lang, key)) for key in THEME_STRINGS}
    found["footer_publisher"] = theme_text(words.t(lang, "footer_publisher", publisher=settings.publisher[lang]))
    if settings.original:
        found["footer_original"] = theme_text(words.t(lang, "footer_original", original=settings.original[lang]))
    else:
        found["footer_original"] = theme_text(words.t(lang, "footer_original_unknown"))
    contact = settings.contact
    # The footer names the contact (its links follow), else the GitHub route, else nothing.
    found["footer_contact"] = theme_text(words.t(lang, "footer_contact")) if contact else ""
    if not contact and github:
        found["footer_contact"] = theme_text(words.t(lang, "footer_contact_issues"))
    if contact and contact.email:
        found["feedback_mail"] = theme_text(words.t(lang, "feedback_mail", email=contact.email))
    if contact and contact.telephone:
        found["feedback_telephone"] = theme_text(words.t(lang, "feedback_telephone", telephone=contact.telephone))
    return found


def telephone_uri(number: str) -> str:
    """A telephone number as a ``tel:`` link dials it: "0255 3123 456" is "tel:+842553123456"."""
    return "tel:" + phonenumbers.format_number(phonenumbers.parse(number, "VN"), phonenumbers.PhoneNumberFormat.E164)


def contact_links(contact: Contact | None) -> dict[str, str] | None:
    """The contact's addresses for links (``mailto:``, ``tel:``) and as shown, escaped; "" for what it lacks."""
    if contact is None:
        return None
    return {
        "mail": "mailto:" + urllib.parse.quote(contact.email, safe="@") if contact.email else "",
        "email": theme_text(contact.email) if contact.email else "",
        "tel": telephone_uri(contact.telephone) if contact.telephone else "",
        "telephone": theme_text(contact.telephone) if contact.telephone else "",
    }


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

    The feedback links are a message to the contact's e-mail address (``mailto:``, its
    subject and body filled in), a call to its telephone (``tel:``), then a new issue in
    the repository (GitHub's ``issues/new?title=…&body=…``): the template adds the
    page's title and address, percent-encoded, between the parts made here. Without a
    repository (the placeholder), ``repository``, ``edit``, ``browse`` and ``issues`` are "".
    """
    address = repository(settings, environ)
    github = address is not None
    return {
        "lang": lang,
        "home": home_directory(lang),
        "site_name": theme_text(settings.name[lang]),
        "description": theme_text(settings.description[lang]),
        "repository": address or "",
        "edit": f"{address}/edit/{settings.branch}/" if github else "",
        "browse": f"{address}/tree/{settings.branch}/" if github else "",
        "issues": f"{address}/issues/new" if github else "",
        "contact": contact_links(settings.contact),
        "feedback_title": _query(words.t(lang, "feedback_title")),
        "feedback_address": _query(words.t(lang, "feedback_address")),
        "feedback_body": _query(words.t(lang, "feedback_body")),
        # A mail's lines end in CR LF (RFC 6068).
        "mail_body": _query(words.t(lang, "feedback_body").replace("\n", "\r\n")),
        "text": texts(words, settings, lang, github=github),
        # How many plans the menu names one by one (past that, one "All plans" entry);
        # PLANSITE_MENU_PLANS lets a test see the grouped menu with two plans.
        "menu_plans": int(environ.get("PLANSITE_MENU_PLANS", limits.MENU_PLANS)),
        # Every edition: its code, where its pages are, the theme's language for it.
        "editions": [{"code": code, "prefix": LANGUAGES[code].prefix, "theme": LANGUAGES[code].theme} for code in CODES],
        # Link previews: this edition's locale and the others'.
        "og_locale": LANGUAGES[lang].og_locale,
        "og_alternates": [LANGUAGES[other].og_locale for other in CODES if other != lang],
        # The 404 page speaks every language (it is served for any missing address).
        "languages": {
            other: texts(words, settings, other, github=github) | {"home": home_directory(other), "status": status(words, other)}
            for other in CODES
        },
    }
