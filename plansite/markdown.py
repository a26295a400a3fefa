"""Turning data text into Markdown that shows exactly that text.

Everything from the data enters a page through ``escape`` (the Jinja environment in
``render`` applies it to every ``{{ … }}``), so a ``<script>`` or a ``*`` in a YAML
string is shown as characters. ``emphasis`` is the one exception the plan needs: its
own ``**bold**`` and ``*italic*`` spans become ``<strong>`` and ``<em>``.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence

from markupsafe import Markup

# Characters Python-Markdown (with tables and attr_list) gives a meaning to.
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")
_EMPHASIS = re.compile(r"\*\*(.+?)\*\*|\*(.+?)\*")


def escape(text: object) -> Markup:
    """Markdown that renders as ``text`` itself, character for character."""
    if isinstance(text, Markup):
        return text
    escaped = html.escape(str(text), quote=False)
    return Markup(_SPECIAL.sub(r"\\\1", escaped))


def emphasis(text: str, marked: Sequence[str] = (), escaper: Callable[[str], Markup] = escape) -> Markup:
    """Escape ``text`` but keep the plan's ``**bold**`` and ``*italic*`` as HTML; each of the
    ``marked`` words (whole words, whatever their case) is wrapped in ``<mark>``.

    ``escaper`` escapes the words for where they go: Markdown (the pages) or, with
    ``markupsafe.escape``, HTML (the PDF documents).
    """
    pattern = _words(marked)
    out = []
    position = 0
    for match in _EMPHASIS.finditer(text):
        out.append(_marking(text[position : match.start()], pattern, escaper))
        if match.group(1) is not None:
            out.append(Markup("<strong>%s</strong>") % _marking(match.group(1), pattern, escaper))
        else:
            out.append(Markup("<em>%s</em>") % _marking(match.group(2), pattern, escaper))
        position = match.end()
    out.append(_marking(text[position:], pattern, escaper))
    return Markup("").join(out)


def _words(words: Sequence[str]) -> re.Pattern[str] | None:
    """Any of ``words`` as a whole word, the longest first, whatever its case."""
    if not words:
        return None
    alternatives = "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE)


def _marking(text: str, pattern: re.Pattern[str] | None, escaper: Callable[[str], Markup]) -> Markup:
    """``escaper(text)``, with each match of ``pattern`` in ``<mark>``."""
    if pattern is None:
        return escaper(text)
    out = []
    position = 0
    for match in pattern.finditer(text):
        out.append(escaper(text[position : match.start()]))
        out.append(Markup("<mark>%s</mark>") % escaper(match.group()))
        position = match.end()
    out.append(escaper(text[position:]))
    return Markup("").join(out)


def plain(text: str) -> str:
    """The words of a text without the plan's emphasis markers."""
    return _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
