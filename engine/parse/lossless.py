"""Nothing the candidate wrote is lost: lines the field parsers left out are kept.

After the fields, entries and sections are parsed, every line of the document is
looked for in the Resume, word by word (casefolded, as a multiset: a word placed once
covers one occurrence). A line with a word the Resume does not hold is kept whole, in
document order, in an ``OtherSection`` named after the section it stood in (its heading
as written; "header" above the first heading). Only decoration is let go: section
headings themselves, page numbers ("3", "Page 2 of 4"), lines without a letter or digit,
and the words that only join a title to its company or a degree to its school
(``CONNECTIVES``: "Engineer at Acme", "BSc from New College"), which the fields drop.

The share of the document's words the parsers placed before this pass is the parse's
word coverage, one input of its confidence (engine.parse.confidence).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from engine.extract.lines import FIELD_BREAK, TextLine, strip_leading_bullet
from engine.parse.dates import find_period
from engine.parse.sections import Section
from engine.resume import Bullet, OtherSection, Resume

_WORD = re.compile(r"\w+")
_TOKEN = re.compile(r"\d|[^\W\d]+")
_YEAR = re.compile(r"(?:19|20)\d\d|'\d\d|\d/\d\d")  # or a month's "1/09"
# A table row's number in a cell of its own ("3 ⇥ Fabrikam ⇥ ..."): decoration, as a
# list's glyph is.
_ROW_NUMBER = re.compile(rf"^\d{{1,3}}\.?{FIELD_BREAK}")
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,3}(?:\s*(?:/|of)\s*\d{1,3})?$", re.IGNORECASE)
HEADER = "header"
CONNECTIVES = frozenset({"at", "from"})


def words(text: str) -> list[str]:
    """Words to match on: casefolded letter runs, and digits one by one (a phone or a
    number may be written with other separators in the Resume); connectives left out."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return [w for w in _TOKEN.findall(text.casefold()) if w not in CONNECTIVES]


def _without_period(text: str) -> str:
    """A line's date ranges are kept as start and end, in another form ("Feb 2017" ->
    "2017-02"): they are matched through those, digit by digit, not word by word. A
    table's row may hold two ("Jan 2018 ⇥ May 2021", its From and To columns)."""
    parts = []
    for _ in range(2):
        period = find_period(text)
        if period is None:
            break
        parts.append(f"{text[:period.begin]} {period.start or ''} {period.end or ''} ")
        text = text[period.finish:]
    return "".join(parts) + text


def is_decoration(text: str) -> bool:
    return not _WORD.search(text) or bool(_PAGE_NUMBER.match(text.strip()))


def is_page_label(text: str) -> bool:
    """A page number that says it is one, "Page 2 of 4", "Page 3", "2 of 4": never the
    candidate's words (LinkedIn prints it under every page). A bare number or "117/300"
    is left to the reader: a rating, a score, a count."""
    text = text.strip()
    worded = text[:4].casefold() == "page" or " of " in text.casefold()
    return worded and bool(_PAGE_NUMBER.match(text))


@dataclass
class Coverage:
    words: int  # words of the document's lines (decoration aside)
    placed: int  # of those, found in the Resume before lost lines were kept

    @property
    def share(self) -> float:
        return self.placed / self.words if self.words else 1.0


def keep_lost_lines(resume: Resume, preamble: list[TextLine], sections: list[Section]
                    ) -> Coverage:
    """Add the lines ``resume`` lost to it (in place); how much it held before."""
    held = words(resume.to_text())
    available = Counter(held)
    stream = f" {' '.join(held)} "
    total = placed = 0
    lost: dict[str, list[str]] = {}
    # The top goes last: its headline must not take the words of the entry it repeats.
    for name, lines in [*((_name(s), s.lines) for s in sections), (HEADER, preamble)]:
        for line in lines:
            text = _ROW_NUMBER.sub("", strip_leading_bullet(line.text))
            text = text.replace(FIELD_BREAK, "  ")
            if is_decoration(text):
                continue
            tokens = words(text)
            # Its words in their order somewhere (a wrapped line of a bullet, a field),
            # or else each word once among those not yet taken.
            if f" {' '.join(tokens)} " in stream:
                total += len(tokens)
                placed += len(tokens)
                continue
            if _YEAR.search(text):
                tokens = words(_without_period(text))
            total += len(tokens)
            counts = Counter(tokens)
            missing = sum(max(0, n - available[w]) for w, n in counts.items())
            placed += len(tokens) - missing
            if missing:  # kept whole below: its own copy holds its words
                lost.setdefault(name, []).append(" ".join(text.split()))
            else:
                for word, n in counts.items():
                    available[word] -= n
    for name in sorted(lost, key=lambda name: name != HEADER):
        _append(resume, name, lost[name])
    return Coverage(total, placed)


def _name(section: Section) -> str:
    heading = " ".join(strip_leading_bullet(section.heading).split()).strip(" :-–|")
    return heading.casefold() or section.key


def _append(resume: Resume, name: str, texts: list[str]) -> None:
    section = next((s for s in resume.other_sections if s.name == name), None)
    if section is None:
        section = OtherSection(name=name)
        resume.other_sections.append(section)
    start = len(section.bullets)
    section.bullets += [Bullet(id=f"{name}.0.{start + i}", text=t) for i, t in enumerate(texts)]
