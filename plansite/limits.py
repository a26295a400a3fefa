"""How much the data may hold: every limit in one table.

Data arrives by pull request and is published as it is, so nothing in it may grow
without bound: not a file, a text, a list, the number of pages, nor the messages about
it. The models (``models``) apply the text and list limits and the JSON Schema
(``make schema``) carries them to the editors' VS Code; the loader (``source``,
``load``) applies the file and site limits; ``messages`` and ``source.DataError`` the
message limits. SECURITY.md states the same figures, and ``tests/test_limits.py``
checks both that every limit holds and that a site at every maximum at once builds.

Each figure is several times the largest value in the real data (in brackets below), so
no honest plan meets one, and small enough that the largest site still builds in
bounded time and memory (measured in the tests and in ``bench/``).
"""

from __future__ import annotations

import dataclasses

# -- files --------------------------------------------------------------------------

# One data file, in bytes, checked before it is read [the largest, tasks.yml: 46 KB].
FILE_BYTES = 1024 * 1024
# All the data files together [0.17 MB; 4.5 MB in the benchmark's 50 plans].
DATA_BYTES = 8 * 1024 * 1024


# -- texts --------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class TextKind:
    """A kind of text and the most characters it may hold."""

    name: str
    chars: int
    # What the message calls a text of this kind: "a name holds at most 200 characters".
    what: str


# Names of agencies, groups, units and places, spellings, menu labels, the signer, and
# numbers and labels ("81/KH-UBND", "2.1.") [69]; a menu label is a name.
NAME = TextKind("name", 500, "a name")
# Titles and headings, one-line summaries, assignment lines, timelines [373: the plan's title].
TITLE = TextKind("title", 1_000, "a title")
# Paragraphs: every other text, glossary terms included [1,045].
PARAGRAPH = TextKind("paragraph", 10_000, "a paragraph")
TEXT_KINDS = (NAME, TITLE, PARAGRAPH)

# The most characters a spreadsheet cell holds (Excel, LibreOffice): no text, and no
# cell made of several (a list of names), may be longer, since XlsxWriter would cut it.
SPREADSHEET_CELL = 32_767


# -- lists and records --------------------------------------------------------------

# Any list or table of keys in a data file [19: a bullet's targets], but those below.
LIST_ITEMS = 100
# Records of the files that hold a site's records [145 terms, 28 agencies, 5 units].
TERMS = 2_000
AGENCIES = 150
UNITS = 100
# The ids a group lists: a group may list every target or sub-task of its plan [19].
GROUP_ITEMS = 500
# What makes pages and menu entries, which every page's menu lists: per plan, its groups
# of people and task areas [9 and 8]; per site, its plans [1].
GROUPS = 20
AREAS = 20
PLANS = 50
# The groups and task areas of all the plans together, each an entry of every page's
# menu [17; 850 in the benchmark's 50 plans].
MENU_ENTRIES = 1_000
# A label in the menu: a longer name or title is cut there, with "…" (the page shows it whole) [69].
MENU_LABEL = 100
# Plans named one by one in every page's menu [1]: past that many, the plans other than the
# page's own are one entry, "All plans", leading to the home page that lists them, so that a
# page's menu does not grow with the number of plans (issue 24; bench/build.py measures it).
MENU_PLANS = 5


# -- messages -----------------------------------------------------------------------

# The longest value a message quotes, "…" included; longer values are cut.
QUOTE_CHARS = 80
# Problems listed in all; the rest are counted in one line (adding a language lists a few hundred).
PROBLEMS = 1_000
# Problems listed per file (a file that is wrong throughout shows its first ones).
PROBLEMS_PER_FILE = 50


def table() -> dict[str, int]:
    """Every limit by name, as the JSON Schema and SECURITY.md give them."""
    figures = {f"text_{kind.name}_chars": kind.chars for kind in TEXT_KINDS}
    figures |= {
        "file_bytes": FILE_BYTES,
        "data_bytes": DATA_BYTES,
        "spreadsheet_cell_chars": SPREADSHEET_CELL,
        "list_items": LIST_ITEMS,
        "terms": TERMS,
        "agencies": AGENCIES,
        "units": UNITS,
        "group_items": GROUP_ITEMS,
        "groups_per_plan": GROUPS,
        "areas_per_plan": AREAS,
        "plans": PLANS,
        "menu_entries": MENU_ENTRIES,
        "menu_label_chars": MENU_LABEL,
        "quote_chars": QUOTE_CHARS,
        "problems": PROBLEMS,
        "problems_per_file": PROBLEMS_PER_FILE,
    }
    return figures
