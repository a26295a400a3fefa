"""Structured data for search engines: a plan as schema.org/Legislation (JSON-LD).

``pages`` writes it into the front matter of every plan page; the theme prints it
in a ``<script type="application/ld+json">`` and adds the page's own URL, which only
the site generator knows. The properties are the ELI ones schema.org adopted:
``legislationApplies`` is ELI's "implements", the link from a plan to the
programmes and resolutions it carries out.
"""

from __future__ import annotations

from typing import Any

from plansite.markdown import plain
from plansite.models import Document
from plansite.render import Renderer


def legislation(renderer: Renderer, plan_id: str, lang: str) -> dict[str, Any]:
    """The plan ``plan_id`` as a schema.org/Legislation in ``lang``, with the chain it implements."""
    plan = renderer.site.plans[plan_id].plan
    documents = {document.id: document for document in plan.documents}
    return {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": renderer.plan_name(plan_id, lang),
        "description": plain(plan.title[lang]),
        "legislationIdentifier": plan.number,
        "legislationType": plan.doc_type[lang].capitalize(),
        "legislationDate": plan.date.isoformat(),
        "legislationPassedBy": _organization(renderer, plan.issuer, lang),
        "inLanguage": lang,
        "legislationApplies": [_document(renderer, documents, ref, lang, (plan.id,)) for ref in plan.implements],
    }


def _document(renderer: Renderer, documents: dict[str, Document], document_id: str, lang: str, path: tuple[str, ...]) -> dict[str, Any]:
    """``document_id`` and, nested, what it implements; ``path`` stops a loop in the chain."""
    document = documents[document_id]
    kind = renderer.t(lang, f"document_kind_{document.kind.value}")
    described: dict[str, Any] = {"@type": "Legislation", "legislationType": kind}
    if document.number:
        described["name"] = f"{kind} {document.number}"
        described["legislationIdentifier"] = document.number
    if document.title:
        described["description"] = plain(document.title[lang])
    if document.date:
        described["legislationDate"] = document.date.isoformat()
    described["legislationPassedBy"] = _organization(renderer, document.issuer, lang)
    chain = [ref for ref in document.implements if ref not in path]
    if chain:
        described["legislationApplies"] = [_document(renderer, documents, ref, lang, (*path, document_id)) for ref in chain]
    return described


def _organization(renderer: Renderer, agency_id: str, lang: str) -> dict[str, str]:
    return {"@type": "Organization", "name": renderer.agency_name(agency_id, lang)}
