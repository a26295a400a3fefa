"""The official text appears on the Vietnamese site word for word, in order."""

from __future__ import annotations

from pathlib import Path

from conftest import PLAN_ID
from sourcetext import not_in_order, units
from toolkit.html import read

# The signature's two lines: printed one under the other, never run together into
# "KT. CHỦ TỊCH PHÓ CHỦ TỊCH" (they once were, by a soft line break). Checked apart.
SIGNATURE = ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")


def page_lines(path: Path) -> list[str]:
    """The visible text of a page's main content, a line per block."""
    return read(path).article().lines()


def test_every_paragraph_of_the_official_text_is_on_the_full_text_page(built_site: Path, official_text: str) -> None:
    flat = " ".join(page_lines(built_site / "plans" / PLAN_ID / "full-text" / "index.html"))
    missing = not_in_order(flat, units(official_text))
    assert not missing, "not on the page word for word:\n" + "\n".join(missing)


def test_every_paragraph_is_its_own_block(built_site: Path, official_text: str) -> None:
    """Each paragraph of the original stands alone on its line, as in the original."""
    lines = set(page_lines(built_site / "plans" / PLAN_ID / "full-text" / "index.html"))
    assert set(SIGNATURE) <= set(units(official_text)), "the signature's lines, checked below"
    loose = [unit for unit in units(official_text) if unit not in lines and unit not in SIGNATURE]
    assert not loose, "merged into another block:\n" + "\n".join(loose)


def test_the_signature_keeps_its_lines(built_site: Path, official_text: str) -> None:
    lines = page_lines(built_site / "plans" / PLAN_ID / "full-text" / "index.html")
    assert all(line in lines for line in SIGNATURE), [line for line in lines if SIGNATURE[0] in line]
