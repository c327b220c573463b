"""The lines a document extractor produces, and the Unicode clean-up every line gets.

A ``TextLine`` is one visual line in reading order with the style hints section
detection needs (bold, size, a Word heading style, space before it). Segments of one
visual line that sit apart on the page (a title left, its dates right-aligned; the
cells of a table row) are joined with a tab, which the parser reads as a field break.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

FIELD_BREAK = "\t"
BULLET = "•"


@dataclass(slots=True)
class TextLine:
    text: str
    page: int = 0
    size: float = 0.0  # font size in pt; 0 when unknown (plain text)
    bold: bool = False
    heading_style: bool = False  # a Word "Heading n" / "Title" paragraph style
    margin_heading: bool = False  # a heading alone in the page's left margin (PDF only)
    new_block: bool = True  # starts a paragraph (PDF block, DOCX paragraph)
    space_before: float = 0.0  # vertical gap above the line, in pt (PDF only)
    indent: float = 0.0  # left edge relative to its column's left edge, in pt (PDF only)
    fill: float = 0.0  # how far across its column the line reaches, 0..1 (PDF; 0 unknown)
    column: int = 0  # 0 = full width or left column, 1 = right column
    top: float = 0.0  # the line's top on its page, in pt from the page's top (PDF only)
    # The texts of the line's runs in one weight and slant, left to right, when it holds
    # two or more ("Software Engineer" in bold, "Acme" in italics); () otherwise (PDF only).
    runs: tuple[str, ...] = ()
    runs_bold: tuple[bool, ...] = ()  # beside runs: whether each is bold

    @property
    def ends_bold(self) -> bool:
        """Whether its last run is bold (the line's weight is its first part's): the
        weight a word it wraps onto the next line is set in."""
        return self.runs_bold[-1] if self.runs_bold else self.bold

    @property
    def starts_bold(self) -> bool:
        """Whether its first run is bold: the weight of what a line above wrapped onto it
        (``bold`` is its first segment's, which may hold several runs)."""
        return self.runs_bold[0] if self.runs_bold else self.bold

    @property
    def style(self) -> tuple[bool, int]:
        """Its weight and its size to the point: the lines a theme sets alike (its
        headings, its roles' first lines) share it."""
        return self.bold, round(self.size)

    @property
    def caps(self) -> bool:
        """All its letters (three at least) are capitals."""
        text = self.text
        return text.isupper() and sum(c.isalpha() for c in text) >= 3


# Bullet glyphs, including the private-use code points Word's Symbol and Wingdings fonts
# put in PDFs (U+F0B7 is Symbol's bullet).
_BULLET_CHARS = "•●○◦▪▫■□◼◾‣⁃∙·➢➣➤►▶▸▹⏵❖◆◇♦⬥✦✧✓✔✗☐☑★☆⇒⇨→➔➜➞❯»›"
_PUA_BULLETS = "\uf0b7\uf0a7\uf0a8\uf0d8\uf076\uf0fc\uf0d7\uf0e8\uf0f0\uf0a0\uf06e\uf075\uf0ae"
# Word's second-level bullet is a letter "o" (Courier New): one before a capital. A ">"
# marks an item only before a word ("> Built …"), not a figure ("> 50% of sales").
_LEADING_BULLET = re.compile(
    rf"^\s*(?:[{_BULLET_CHARS}{_PUA_BULLETS}]|[-*–—](?=\s)|o(?=\s+[A-Z])|>(?=\s+[^\W\d_]))\s*"
)
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
_TRANSLATE = str.maketrans(
    {
        # Hyphens and minus signs become "-", dashes "–" (ranges, asides); curly quotes
        # straight, so "Master’s" and "Master's" are one word; odd spaces plain.
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-", "\ufe63": "-",
        "\uff0d": "-", "\u2013": "–", "\u2014": "–", "\u2015": "–", "\ufe58": "–",
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
        "\u00a0": " ", "\u2007": " ", "\u202f": " ", "\u00ad": None, "\r": None,
        "\n": " ", "\x0b": " ", "\x0c": " ",
    }
)
_SPACES = re.compile(r"[ \u2000-\u200a\u3000]+")
_HYPHEN_BREAK = re.compile(r"(?<=[a-z])-$")


def clean_text(text: str) -> str:
    """NFKC (ligatures, full-width forms), one kind of dash, quote and space, icons from
    private-use fonts dropped; whitespace runs collapsed; tabs kept as field breaks."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    text = text.translate(_TRANSLATE)
    if "\t" in text:
        parts = (_SPACES.sub(" ", part).strip() for part in text.split("\t"))
        return FIELD_BREAK.join(p for p in parts if p)
    return _SPACES.sub(" ", text).strip()


def clean_line(text: str) -> str:
    """``clean_text`` plus a leading bullet glyph of any kind as "• "; other private-use
    glyphs (icon fonts) dropped."""
    match = _LEADING_BULLET.match(text)
    if match:
        text = text[match.end():]
    if not text.isascii():
        text = _PRIVATE_USE.sub(" ", text)
    text = clean_text(text)
    if match:
        return f"{BULLET} {text}" if text else BULLET
    return text


_RUNS_ON = re.compile(r"(?:[&/(]|\band|\bof|\bfor)$", re.IGNORECASE)


def runs_on(text: str) -> bool:
    """Whether a line ends where its text cannot (a joining word, a slash, inside
    brackets): a name wrapped in a narrow column goes on in the next line."""
    text = text.rstrip()
    return bool(_RUNS_ON.search(text)) or text.count("(") > text.count(")")


def strip_leading_bullet(text: str) -> str:
    return text[len(BULLET):].lstrip() if text.startswith(BULLET) else text


def hyphen_broken(text: str, next_text: str) -> bool:
    """Whether ``text`` ends on a word broken by a hyphen that ``next_text`` ends
    ("develop-" + "ment"): only lowercase on both sides, so "Jan 2020 -" and "self-" +
    "Motivated" stay as they are."""
    return bool(next_text[:1].islower() and _HYPHEN_BREAK.search(text))


# A list's number before an item's first word ("1. iOS Development", "2) Ruby"); not a
# table row's number in a cell of its own ("1. ⇥ B.E. ⇥ Anna University").
_ITEM_NUMBER = re.compile(r"^(\d{1,2})[.)] +(?=[^\W\d_])")
# How many lines an item may wrap to before the next one's number: numbered headings
# ("1. Experience" … "2. Education") stand further apart than that.
_ITEM_LINES = 4


def numbered_as_bullets(lines: list[TextLine]) -> list[TextLine]:
    """A numbered list's numbers as its items' glyph, decoration like any other: lines
    numbered 1, 2, 3 … in turn, each within a few lines of the one before, in one weight
    and at one indent. Two items at least; a lone "1." is let be."""
    numbered = {i: m for i, line in enumerate(lines) if (m := _ITEM_NUMBER.match(line.text))}
    runs: list[list[int]] = []
    for i, match in numbered.items():
        number, last = int(match.group(1)), runs[-1][-1] if runs else None
        if (last is not None and number == int(numbered[last].group(1)) + 1
                and i - last <= _ITEM_LINES and lines[i].bold == lines[last].bold
                and abs(lines[i].indent - lines[last].indent) < 2):
            runs[-1].append(i)
        elif number == 1:
            runs.append([i])
    items = {i for run in runs if len(run) >= 2 for i in run}
    return [replace(line, text=f"{BULLET} {line.text[numbered[i].end():]}") if i in items
            else line for i, line in enumerate(lines)]


def join_hyphenated(lines: list[TextLine]) -> list[TextLine]:
    """Join a word broken by a hyphen at a line end ("develop-" + "ment") back into
    one: only lowercase on both sides and within one paragraph, so "Jan 2020 -" and
    "self-" + "Motivated" headings stay as they are."""
    joined: list[TextLine] = []
    for line in lines:
        if joined and not line.new_block:
            previous = joined[-1]
            if hyphen_broken(previous.text, line.text) and FIELD_BREAK not in previous.text:
                word, _, rest = line.text.partition(" ")
                previous.text = previous.text[:-1] + word
                if rest:
                    line.text = rest
                else:
                    continue
        joined.append(line)
    return joined
