"""Data text through the Markdown escaping comes out of Python-Markdown as the same text."""

from __future__ import annotations

import html

import markdown
import pytest

from plansite.markdown import emphasis, escape, plain

EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc"]
SAMPLES = [
    "1.1. Tăng cường tuyên truyền",
    "- Đẩy mạnh",
    "a) Huy động",
    "35-40%; 29m² sàn/người",
    "# not a heading",
    "<b>not bold</b> & <script>alert(1)</script>",
    "[not a link](http://example.org) ![no image](x.png)",
    "under_score *star* **double** `tick` \\ back | pipe",
    "{: #not-an-attribute }",
    "+ plus > quote ~ tilde",
]


def rendered_text(source: str) -> str:
    out = markdown.markdown(source, extensions=EXTENSIONS)
    assert out.startswith("<p>") and out.endswith("</p>"), out
    return html.unescape(out[3:-4])


@pytest.mark.parametrize("text", SAMPLES)
def test_escaped_text_renders_as_itself(text: str) -> None:
    assert rendered_text("x " + escape(text)) == "x " + text


def test_the_plans_emphasis_becomes_html_and_nothing_else_does() -> None:
    text = "**Đẩy mạnh chuyển đổi số.** Tiếp tục <i>x</i> (sau đây viết tắt là *Chương trình số 43-CTr/TU*)."
    out = markdown.markdown(str(emphasis(text)), extensions=EXTENSIONS)
    assert "<strong>Đẩy mạnh chuyển đổi số.</strong>" in out
    assert "<em>Chương trình số 43-CTr/TU</em>" in out
    assert "&lt;i&gt;x&lt;/i&gt;" in out
    assert plain(text) == text.replace("**", "").replace("*", "")


def test_the_words_naming_a_group_are_marked_whole_whatever_their_case() -> None:
    text = "**Hỗ trợ Hộ nghèo,** hộ cận nghèo; không phải hộ nghèox <mark>hộ nghèo</mark> [hộ nghèo](x)"
    out = markdown.markdown(str(emphasis(text, ["hộ nghèo", "hộ cận nghèo"])), extensions=EXTENSIONS)
    assert out == (
        "<p><strong>Hỗ trợ <mark>Hộ nghèo</mark>,</strong> <mark>hộ cận nghèo</mark>; không phải hộ nghèox "
        "&lt;mark&gt;<mark>hộ nghèo</mark>&lt;/mark&gt; [<mark>hộ nghèo</mark>](x)</p>"
    )
    # The longest of overlapping words is marked, once.
    assert str(emphasis("poor and near-poor households", ["poor households", "near-poor households"])).count("<mark>") == 1
    assert emphasis(text) == emphasis(text, [])
