"""The language editions: where a page's twin is, and Vietnamese marked inside English text.

The Vietnamese edition is authoritative and sits at the site root; every other
edition sits under ``/<lang>/`` with the same page paths (``pages.localized`` writes
the files that way, and the site uses directory URLs). Used by ``render`` for the
notice at the top of every English page, and for the ``vi_quotes`` and ``vi`` filters.
"""

from __future__ import annotations

import posixpath
import re
import unicodedata

from markupsafe import Markup

from plansite.markdown import escape

AUTHORITATIVE = "vi"

# A quotation in the English text: “…” (the data's own quotation marks).
_QUOTATION = re.compile(r"“([^“”]+)”")


def page_directory(path: str, lang: str) -> str:
    """The directory a page's HTML is built into, relative to the site root ("" for the root).

    ``plans/x/targets.md`` in English is ``en/plans/x/targets``; ``index.md`` in
    Vietnamese is the root itself.
    """
    stem = path.removesuffix(".md")
    directory = posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem
    prefix = "" if lang == AUTHORITATIVE else lang
    return posixpath.join(prefix, directory).strip("/")


def twin_url(path: str, lang: str, twin_lang: str) -> str:
    """The relative URL from a page in ``lang`` to the same page in ``twin_lang``.

    Written as a plain URL (not a link to a ``.md`` file) because MkDocs would send a
    Markdown link to the page's own language, not to the twin.
    """
    here, there = page_directory(path, lang) or ".", page_directory(path, twin_lang) or "."
    relative = posixpath.relpath(there, here)
    return relative.rstrip("/") + "/"


def is_vietnamese_only(char: str) -> bool:
    """A letter English never uses: đ, or a letter carrying a diacritic (ă, ơ, ư, ạ, ế, …)."""
    return char in "đĐ" or (char.isalpha() and unicodedata.normalize("NFD", char) != char)


def vi_quotes(text: str, lang: str) -> Markup:
    """``text`` for Markdown, with each quoted Vietnamese phrase marked ``lang="vi"`` in English.

    The English notes quote the Vietnamese they explain (“Kế hoạch này” is “this Plan”);
    marking those quotations lets screen readers and the untranslated-text check tell a
    deliberate quotation from a missing translation. A quotation counts as Vietnamese
    when it holds a letter English never uses.
    """
    if lang == AUTHORITATIVE:
        return escape(text)
    out = []
    position = 0
    for match in _QUOTATION.finditer(text):
        quoted = match.group(1)
        if not any(is_vietnamese_only(char) for char in quoted):
            continue
        out.append(escape(text[position : match.start(1)]))
        out.append(Markup('<span lang="vi">%s</span>') % escape(quoted))
        position = match.end(1)
    out.append(escape(text[position:]))
    return Markup("").join(out)


def vi_text(text: str, lang: str) -> Markup:
    """``text`` for Markdown, marked ``lang="vi"`` in other editions: a Vietnamese name on an English page."""
    if lang == AUTHORITATIVE:
        return escape(text)
    return Markup('<span lang="vi">%s</span>') % escape(text)
