"""What search engines and link previews read: descriptions, and a plan as
schema.org/Legislation (JSON-LD).

``pages`` writes the JSON-LD into the front matter of every plan page; the theme
prints it in a ``<script type="application/ld+json">`` and adds the page's own URL,
which only the site generator knows. The properties are the ELI ones schema.org
adopted: ``legislationApplies`` is ELI's "implements", the link from a plan to the
programmes and resolutions it carries out.
"""

from __future__ import annotations

from typing import Any

from plansite.markdown import plain
from plansite.models import Document
from plansite.wording import Wording


def shorten(text: str, limit: int = 160) -> str:
    """``text`` cut at a word boundary to at most ``limit`` characters."""
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def plan_page_description(words: Wording, plan_id: str, title: str, body: str, lang: str) -> str:
    """A plan page's description: the plan, the page and the start of what it says."""
    return shorten(f"{words.plan_name(plan_id, lang)}, {title}: {plain(body)}")


def legislation(words: Wording, plan_id: str, lang: str) -> dict[str, Any]:
    """The plan ``plan_id`` as a schema.org/Legislation in ``lang``, with the chain it implements."""
    plan = words.site.plans[plan_id].plan
    documents = {document.id: document for document in plan.documents}
    return {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": words.plan_name(plan_id, lang),
        "description": plain(plan.title[lang]),
        "legislationIdentifier": plan.number,
        "legislationType": plan.doc_type[lang].capitalize(),
        "legislationDate": plan.date.isoformat(),
        "legislationPassedBy": _organization(words, plan.issuer, lang),
        "inLanguage": lang,
        "legislationApplies": [_document(words, documents, ref, lang, (plan.id,)) for ref in plan.implements],
    }


def _document(words: Wording, documents: dict[str, Document], document_id: str, lang: str, path: tuple[str, ...]) -> dict[str, Any]:
    """``document_id`` and, nested, what it implements; ``path`` stops a loop in the chain."""
    document = documents[document_id]
    kind = words.t(lang, f"document_kind_{document.kind.value}")
    described: dict[str, Any] = {"@type": "Legislation", "legislationType": kind}
    described["name"] = words.document_name(document, lang)
    if document.number:
        described["legislationIdentifier"] = document.number
    if document.title:
        described["description"] = plain(document.title[lang])
    if document.date:
        described["legislationDate"] = document.date.isoformat()
    described["legislationPassedBy"] = _organization(words, document.issuer, lang)
    chain = [ref for ref in document.implements if ref not in path]
    if chain:
        described["legislationApplies"] = [_document(words, documents, ref, lang, (*path, document_id)) for ref in chain]
    return described


def _organization(words: Wording, agency_id: str, lang: str) -> dict[str, str]:
    return {"@type": "Organization", "name": words.agency_name(agency_id, lang)}
