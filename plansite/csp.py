"""A Content-Security-Policy on every built page, as a ``<meta http-equiv>`` tag
(GitHub Pages sets no headers).

Scripts run only from the site's own files, or inline when they are one of the
theme's few known inline scripts, each allowed by the hash of its exact text. The
known scripts are listed below by the hash of their text with the one varying part
(the site's base URL, which depends on the page's depth) blanked: an inline script
that is not one of them, whatever put it there, stops the build, and a script added
to a page afterwards is not allowed by the page's policy. Styles come only from the
site's stylesheets (no inline style is needed), images from the site or ``data:``
URLs (Material's icons), every fetch from the site itself; forms, ``<base>`` and
plugins are closed.

Called by ``build`` after MkDocs has written the pages; ``tests/test_csp.py`` checks
in a real browser that no page logs a violation and that an injected script is blocked.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from html.parser import HTMLParser

# Material 9.8.1's inline scripts, by the SHA-256 of their text with the base URL blanked.
KNOWN_INLINE_SCRIPTS = {
    # partials/javascripts/base.html: the scope and localStorage helpers
    "7eb3684fdacd2881f67b9428983273a29d8774d8bc82622af9b65a8ec1032a90",
    # partials/javascripts/content.html: opens the content tab a link points to
    "ffcc0f7735fdab434d257c80e65cec2e88d716991e69757185b7e450e41a5b2f",
}
_BASE_URL = re.compile(r'new URL\("[A-Za-z0-9./_:-]*",location\)')
# Script types the browser does not run (data blocks), which CSP does not govern.
_DATA_TYPES = {"application/json", "application/ld+json"}
META_AFTER = '<meta charset="utf-8">'


class UnknownInlineScript(Exception):
    """A page holds an inline script that is not one of the theme's known ones."""


class _Scripts(HTMLParser):
    """The text of every inline script a browser would run."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.inline: list[str] = []
        self._open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "script":
            return
        values = dict(attrs)
        runs = "src" not in values and (values.get("type") or "text/javascript") not in _DATA_TYPES
        self._open = [] if runs else None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._open is not None:
            self.inline.append("".join(self._open))
            self._open = None


_SCRIPT_START = re.compile(r"<script\b", re.IGNORECASE)
_SCRIPT_END = re.compile(r"</script\s*>", re.IGNORECASE)


def script_parts(html: str) -> str:
    """Every run of ``html`` from a "<script" to the next "</script>" (or the end), joined.

    Each script element begins with those letters, so none is left out; the rest of the
    page, mostly the menu, which grows with every plan, is not parsed again. Letters that
    only look like a script (in a comment, say) are taken as one: at worst the build stops
    on a script it does not know, never lets one through."""
    parts = []
    for start in _SCRIPT_START.finditer(html):
        end = _SCRIPT_END.search(html, start.end())
        parts.append(html[start.start() : end.end() if end else len(html)])
    return "\n".join(parts)


def inline_scripts(html: str) -> list[str]:
    parser = _Scripts()
    parser.feed(script_parts(html))
    parser.close()
    return parser.inline


def known(script: str) -> bool:
    blanked = _BASE_URL.sub('new URL("",location)', script)
    return hashlib.sha256(blanked.encode("utf-8")).hexdigest() in KNOWN_INLINE_SCRIPTS


def source_hash(script: str) -> str:
    """The CSP source expression allowing exactly ``script``."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def policy(scripts: Iterable[str]) -> str:
    """The policy of a page whose inline scripts are ``scripts``."""
    script_src = ["'self'", *sorted({source_hash(s) for s in scripts})]
    directives = {
        "default-src": ["'self'"],
        "script-src": script_src,
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'none'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'none'"],
    }
    return "; ".join(f"{name} {' '.join(values)}" for name, values in directives.items())


def with_policy(html: str) -> str:
    """``html`` with its policy as the first tag after ``<meta charset>``."""
    scripts = inline_scripts(html)
    unknown = [s for s in scripts if not known(s)]
    if unknown:
        raise UnknownInlineScript(f"an inline script the site does not know: {unknown[0][:120]!r}")
    if html.count(META_AFTER) != 1:
        raise UnknownInlineScript(f"expected one {META_AFTER} in the page")
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(scripts)}">'
    return html.replace(META_AFTER, META_AFTER + tag, 1)
