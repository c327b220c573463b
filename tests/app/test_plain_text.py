"""ui.common.plain: user- and document-derived text shown as text by a markdown renderer."""

from __future__ import annotations

import html
import re

import pytest
from markdown_it import MarkdownIt

from ui.common import plain

RENDERER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
HOSTILE = [
    "![pixel](http://127.0.0.1:9/p.png)",
    "[click](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "**bold** _it_ `code` ~~gone~~",
    "# Heading",
    "- item\n1. item",
    "> quote",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "Name\n===",
    "    indented code",
    "&lt;entity&gt; &amp;",
    "back\\slash \\*",
    "O'Brien-Smith (Jr.) #1 + 2 = 3!",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_shows_the_text_as_typed_with_no_markup(text):
    rendered = RENDERER.render(plain(text)).strip()
    assert rendered.startswith("<p>") and rendered.endswith("</p>")
    inner = rendered[3:-4]
    assert "<" not in inner, inner  # no element at all: no img, a, em, code, table…
    # Leading spaces and the word joiner that keeps bare links unlinked are invisible.
    assert html.unescape(inner).replace("\u2060", "") == " ".join(text.split("\n")).strip()


def test_streamlit_directives_latex_and_bare_links_are_disarmed():
    shown = plain(":red[alert] :material/home: $x^2$ www.evil.example http://evil.example")
    assert not re.search(r"(?<!\\)[:$\[\]^/]", shown), shown  # each one escaped
    assert "www." not in shown and "http:" not in shown  # a word joiner keeps them unlinked
    assert shown.replace("\\", "").replace("\u2060", "") == (
        ":red[alert] :material/home: $x^2$ www.evil.example http://evil.example")
