"""Word breaks from glyph positions, for lines whose spacing MuPDF misread.

MuPDF puts a space wherever two glyphs stand more than about 0.15 em apart. Kerned
text ("P olyt echnic St at e") and letter-spaced text ("D E C E M B E R 2 0 1 5")
break that rule: the first gets spaces inside words, the second a space after every
letter and no sign of the real word breaks. Such lines (recognised by their lone
letters) are rebuilt from their glyphs: a word break is a gap clearly wider than the
line's usual gap between letters (``WORD_GAP`` of the font size more than the median),
however wide that usual gap is. Only spacing changes: a rebuilt line whose letters
differ from the original is not used.
"""

from __future__ import annotations

import re
import statistics
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pymupdf

WORD_GAP = 0.2  # em beyond the line's usual letter gap that makes a word break

# Lone letters that are rarely words ("e", "y", "P olyt"), and four single characters
# in a row ("D E C E"): the signs of a line worth rebuilding.
_LONE = re.compile(r"(?:^|\s)(?:[b-hj-z]|[B-HJ-Z](?=\s[a-z]))(?=\s|$)")
_SPACED = re.compile(r"(?:(?:^|\s)\w(?=\s)){4}")
_LETTERS = re.compile(r"\W+")
_SINGLE = re.compile(r"(?<!\S)\w(?!\S)")  # a one-character word, which both signs need


def is_suspect(text: str) -> bool:
    """Four single characters in a row, or two lone letters (one may be a word: "y")."""
    if " " not in text or not _SINGLE.search(text):
        return False
    return bool(_SPACED.search(text)) or len(_LONE.findall(text)) >= 2


def respaced(line: dict) -> str:
    """The text of a rawdict line with word breaks placed by the gaps between glyphs."""
    glyphs: list[tuple[str, float, float, float]] = []  # (char, x0, x1, size)
    for span in line["spans"]:
        for char in span["chars"]:
            if not char["c"].isspace():
                x0, _, x1, _ = char["bbox"]
                glyphs.append((char["c"], x0, x1, span["size"]))
    if len(glyphs) < 2:
        return "".join(g[0] for g in glyphs)
    gaps = [b[1] - a[2] for a, b in zip(glyphs, glyphs[1:])]
    usual = statistics.median(gaps)
    parts = [glyphs[0][0]]
    for (_, _, _, size), (char, _, _, next_size), gap in zip(glyphs, glyphs[1:], gaps):
        if gap > usual + WORD_GAP * max(size, next_size) or gap < -1:
            parts.append(" ")
        parts.append(char)
    return "".join(parts)


def same_letters(a: str, b: str) -> bool:
    return _LETTERS.sub("", a) == _LETTERS.sub("", b)


def respace_lines(segments: list, origins: list[tuple[int, int]],
                  textpage: pymupdf.TextPage) -> None:
    """Rebuild, in place, the ``.text`` of the segments that look misspaced, from the
    glyphs of the text-page line each was read from (``origins``: its block and line
    index). The page's glyph positions are read once, and only when a line needs them:
    they cost more than its text."""
    from engine.extract.lines import clean_line

    blocks = None
    for segment, (block, line) in zip(segments, origins):
        if not is_suspect(segment.text):
            continue
        if blocks is None:
            blocks = textpage.extractRAWDICT()["blocks"]
        text = clean_line(respaced(blocks[block]["lines"][line]))
        if text != segment.text and same_letters(text, segment.text):
            segment.text = text
