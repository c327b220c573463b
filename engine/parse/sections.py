"""Finding a resume's sections: by a header lexicon with synonyms, and by layout.

A line is a heading when its text (bullets, numbering, a trailing colon, the rules drawn
around it and anything in brackets removed; "S K I L L S" joined) is a heading of
``engine/data/sections.csv``. Words that are also ordinary content ("Work", "Tools",
"Languages", "Projects") need the look of a heading: the style the document gives its
unambiguous headings (same size, capitals, bold), or capitals/bold/a Word heading style
when none is known yet.
Short lines in exactly that heading style that are not in the lexicon but contain one
of its words ("Professional Experience & Internships") are headings too; other short
lines in that style, when the style is used for nothing else and is capitals or a size
well above the text's, start an "other" section below the first heading.
A heading in a table's first cell with one date beside it ("Work ⇥ Present", a timeline's
top) is a heading whatever its style. Roles listed under no experience heading (at the
top, under an unknown heading, after the summary, the skills or the schools) are found
by their form (engine.parse.unheaded_roles) and made an experience section.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import cache, lru_cache
from pathlib import Path

from engine.parse.dates import find_period, has_period, is_open_end
from engine.parse.nlp import entities
from engine.parse.skill_lists import is_list, levelled_list_start, skill_list_run
from engine.parse.school_tables import header_kinds
from engine.extract.lines import BULLET, FIELD_BREAK, TextLine

SECTIONS_PATH = Path(__file__).parents[1] / "data" / "sections.csv"

# Headings that are certainly headings wherever they stand (their text is rarely content).
_STRONG = {"summary", "experience", "education", "skills", "certifications", "projects",
           "awards", "publications", "interests", "references", "personal", "volunteer"}
# Lexicon entries that are also ordinary words on resumes: need the heading look.
_WEAK = {"work", "career", "software", "project", "training", "tools", "knowledge",
         "language", "languages", "positions", "strengths", "abilities", "capabilities",
         "frameworks", "programming languages", "portfolio", "sports", "leadership",
         "additional", "misc", "papers", "social", "links", "about", "reference",
         "qualification", "qualifications", "courses", "coursework", "relevant coursework",
         "expertise", "technologies", "profile", "overview", "introduction", "contact",
         "contacts", "presentations", "degrees", "certificate", "licences", "licenses",
         "workshops", "activities", "associations", "declaration", "passions", "prizes",
         "experiences", "internship", "objectives", "soft skills", "personal skills",
         "open source", "recognition", "recognitions", "key strengths", "synopsis",
         "academia", "abilities", "patents", "conferences", "others", "board certification"}
_NUMBERING = re.compile(r"^(?:[•\-–*]\s*|(?:\d{1,2}|[ivxIVX]{1,4}|[A-Za-z])[.)]\s+)")
_BRACKETS = re.compile(r"\s*[(\[{].*?[)\]}]\s*")
_SPACED = re.compile(r"^(?:\w ){2,}\w(?: (?:\w ){1,}\w)*$")
_RULE = re.compile(r"^[-=_~*•.·]{3,}$")
_DECORATION = " -=_~*•.·#"  # what draws a rule around a heading
_SENTENCE_END = re.compile(r"[.!?;:]$")


@dataclass(frozen=True)
class _Lexicon:
    headings: dict[str, str]  # normalised heading -> section
    keywords: dict[str, str]  # single words of headings -> section (for longer headings)
    words: frozenset[str]  # every word of every heading, to skip most lines cheaply


@cache
def _lexicon() -> _Lexicon:
    headings: dict[str, str] = {}
    with SECTIONS_PATH.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            for heading in row["headings"].split("|"):
                key = normalise_heading(heading)
                headings.setdefault(key, row["section"])
                headings.setdefault(key.replace(" ", ""), row["section"])
    keywords = {
        "experience": "experience", "employment": "experience", "internships": "experience",
        "internship": "experience", "education": "education", "academic": "education",
        "skills": "skills", "competencies": "skills", "expertise": "skills",
        "certifications": "certifications", "certificates": "certifications",
        "projects": "projects", "awards": "awards", "achievements": "awards",
        "honors": "awards", "honours": "awards", "languages": "languages",
        "summary": "summary", "objective": "summary", "publications": "publications",
        "interests": "interests", "hobbies": "interests", "volunteer": "volunteer",
        "volunteering": "volunteer", "references": "references",
        "extracurricular": "activities", "activities": "activities",
    }
    joining = {"and", "of", "in", "the", "for", "me", "my", "to", "with"}  # in any line
    words = frozenset(w for key in headings for w in key.split() if w not in joining)
    words |= frozenset(keywords)
    return _Lexicon(headings, keywords, words)


# What stands around a heading's words: rules, colons, numbering marks, and the icons
# templates set before it (a Font Awesome glyph in the private use area, an emoji, "■").
_ICONS = re.compile(r"^(?:[^\w(]|_)+|(?:[^\w)]|_)+$")


def _unaccented(text: str) -> str:
    """``text`` without its accents: headings set in capitals often drop them
    ("COMPETENCES", "EXPERIENCES PROFESSIONNELLES" for "Compétences", "Expériences")."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=8192)
def normalise_heading(text: str) -> str:
    text = _NUMBERING.sub("", text.strip())
    text = _BRACKETS.sub(" ", text)
    text = _unaccented(_ICONS.sub("", text).casefold())
    if _SPACED.match(text):  # "s k i l l s", "w o r k  e x p e r i e n c e"
        text = text.replace(" ", "")
    text = re.sub(r"\s*[&/+]\s*|\s+-\s+", " and ", text)
    text = text.replace("-", " ").replace("'", "")
    return " ".join(text.split())


_WORD = re.compile(r"[^\W\d_]+")
# Up to three capitalised words before "Experience": a kind of experience as a heading
# (not "Total Experience", a figure's label).
_KIND_OF_EXPERIENCE = re.compile(
    r"^(?!(?i:total|overall|years?)\b)(?:[A-Z][\w.]*(?:\s+(?:&|and|of|in)\s+|\s+)){1,3}"
    r"(?:EXPERIENCE|Experience)s?:?$"
)


_MISSPELLABLE = ("experience", "education", "employment", "certifications", "publications",
                 "references", "interests")


def _misspelt(text: str) -> str | None:
    """The sure heading a lone word misspells by one letter changed or left out, or two
    letters swapped ("Expericnce", "Experence", "Eductaion"); a word with a letter more
    ("Experienced") is none."""
    word = text.strip(" :")
    if not 8 <= len(word) <= 14:  # most lines: no sure heading's length
        return None
    word = word.casefold()
    for heading in (h for h in _MISSPELLABLE if h != word):
        if len(heading) == len(word) + 1:
            if any(heading[:i] + heading[i + 1:] == word for i in range(len(heading))):
                return heading
            continue
        if len(heading) != len(word):
            continue
        apart = [i for i, (a, b) in enumerate(zip(word, heading)) if a != b]
        swapped = len(apart) == 2 and apart[1] == apart[0] + 1 and (
            word[apart[0]] + word[apart[1]] == heading[apart[1]] + heading[apart[0]])
        if len(apart) == 1 or swapped:
            return heading
    return None


def _respelt(text: str) -> str | None:
    """A heading of two to four words with one of them misspelt as ``_misspelt`` tells
    ("Work Exeprience", "PROFESSIONAL EXPERINCE"), spelt right; None for any other text."""
    words = text.split()
    if not 2 <= len(words) <= 4:
        return None
    respelt = [_misspelt(word) or word for word in words]
    return " ".join(respelt) if respelt != words else None


@lru_cache(maxsize=8192)  # each line is asked about by several passes over the sections
def heading_section(text: str) -> str | None:
    """The section a heading text names, e.g. "WORK HISTORY:" -> "experience"."""
    lexicon = _lexicon()
    misspelt = _misspelt(text) if " " not in text.strip() else None
    if misspelt is not None:
        return _lookup(lexicon, misspelt)
    words = _WORD.findall(text.casefold())
    if words and not lexicon.words.intersection(words) and not text.isascii():
        words = _WORD.findall(_unaccented(text.casefold()))  # only where it may matter
    if words and not (lexicon.words.intersection(words) or len(words) >= len(text) / 2.5):
        return None  # no heading word (spaced letters, "S K I L L S", go on to be joined)
    key = normalise_heading(text)
    found = _lookup(lexicon, key)
    if found is None and " and " in key:
        # Two headings in one ("Career Experience / Job History", "Experience &
        # Projects"): each part a heading or holding a heading's keyword; the first
        # names the section.
        parts = [_lookup(lexicon, part) or next(
            (lexicon.keywords[w] for w in part.split() if w in lexicon.keywords), None)
            for part in key.split(" and ")]
        found = parts[0] if all(parts) else None
    if found is None and _KIND_OF_EXPERIENCE.match(text.strip()):
        found = "experience"  # "Web Development Experience", "Retail Sales Experience"
    if found is None and (respelt := _respelt(text)) is not None:
        found = _lookup(lexicon, normalise_heading(respelt))
    return found


def _by_pattern_only(lexicon: _Lexicon, text: str) -> bool:
    """A heading known by its form alone ("Web Development Experience"): it needs the
    heading look too, since a skills list may hold "Leadership Experience"."""
    return _lookup(lexicon, normalise_heading(text)) is None and bool(
        _KIND_OF_EXPERIENCE.match(text.strip()) or _misspelt(text) or _respelt(text))


def _lookup(lexicon: _Lexicon, key: str) -> str | None:
    """A heading of the lexicon, written with or without spaces, singular or plural."""
    for form in (key, key.replace(" ", ""), key[:-1] if key.endswith("s") else key + "s"):
        if form in lexicon.headings:
            return lexicon.headings[form]
    return None


def is_rule(text: str) -> bool:
    """A line drawn with characters under a heading ("-------", "=====")."""
    return bool(_RULE.match(text.replace(" ", "")))


@dataclass
class Section:
    key: str  # summary, experience, ..., or an "other" name (publications, interests...)
    heading: str
    lines: list[TextLine] = field(default_factory=list)
    head: TextLine | None = None  # the heading's own line, where one was read


@dataclass
class SectionSplit:
    preamble: list[TextLine]  # lines before the first heading: name, contact, headline
    sections: list[Section]


def _signature(line: TextLine) -> tuple[float, bool, bool, bool]:
    """How a line looks: size, capitals, bold, and a closing colon (how plain-text
    resumes mark headings)."""
    return (round(line.size), line.caps, line.bold or line.heading_style,
            line.text.endswith(":"))


def _looks_like_heading(line: TextLine, signature, body_size: float, ruled: bool) -> bool:
    if ruled or line.heading_style or line.margin_heading:
        return True
    if signature is not None:
        size, caps, bold, _ = signature
        mine = _signature(line)
        return mine == signature or (caps and line.caps) or (
            line.size >= size - 0.5 and mine[2] == bold and line.size > body_size
        )
    return line.caps or line.bold or (line.size > body_size + 0.5 and body_size > 0)


def _lone_style_below(line: TextLine, signature, worn: Counter) -> bool:
    """Whether a heading's word stands in a style no other candidate heading wears, well
    below the text's heading style: a role's title or an item ("Volunteer" as a title,
    "PROJECTS" ending a wrapped title), not a heading. A Word heading style or a margin
    heading is a heading whatever its size."""
    return (worn[_signature(line)] == 1 and round(line.size) <= signature[0] - _SMALLER
            and not (line.margin_heading or line.heading_style))


def _unmistakable(signature, body_size: float) -> bool:
    """Whether a heading style sets its lines apart from any name of the text: capitals,
    or a size well above the text's (bold alone is also the style of company names),
    without a closing colon (labels wear it: "Father's Name:")."""
    size, caps, _, colon = signature
    return caps or (body_size > 0 and size >= body_size + _LARGER and not colon)


_LARGER = 2  # pt above the text's size
_SETTLED = 3  # headings sharing a style before _lone_style_below trusts it
# Sections no role is titled after: their headings stand whatever their style (a
# sidebar's lone "Skills" set smaller than the main column's headings).
_CORE = {"summary", "experience", "education", "skills"}
_SMALLER = 3  # pt below the text's heading style: a role's line, not a heading


def _short(text: str, words: int) -> bool:
    return len(text.split()) <= words and len(text) <= 60


def _join_wrapped_headings(lines: list[TextLine]) -> list[TextLine]:
    """A heading wrapped in a narrow column ("EDUCATION &" / "QUALIFICATIONS") made one
    line again: same look, same paragraph, and together a heading of the lexicon."""
    result: list[TextLine] = []
    for line in lines:
        if (result and not line.new_block and len(line.text) <= 30
                and len(result[-1].text) <= 30 and not is_rule(line.text)
                and _signature(line) == _signature(result[-1])):
            joined = f"{result[-1].text} {line.text}"
            dangling = re.search(r"(?:[&,/+-]|\band)$", result[-1].text.strip(), re.IGNORECASE)
            if heading_section(joined) and (dangling or not heading_section(result[-1].text)):
                result[-1] = replace(result[-1], text=joined)
                continue
        result.append(line)
    return result


def _split_inline_headings(lines: list[TextLine]) -> list[TextLine]:
    """A heading in a table's first cell with the section's text beside it ("CAREER
    PROFILE ⇥ Results-driven ...") becomes a heading line and a text line. Only strong
    headings: "Languages ⇥ Python, Java" is a skill group, not a section."""
    result: list[TextLine] = []
    gutter = _heading_gutter(lines)
    for index, line in enumerate(lines):
        head, tab, rest = line.text.partition(FIELD_BREAK)
        section = heading_section(head) if tab and len(head) <= 40 else None
        if section is None:
            result.append(line)
            continue
        if header_kinds(line.text) is not None:
            # A table of schools whose first column's name is a heading's word
            # ("Degree/Education ⇥ Institution ⇥ Year"): it opens the section, and the
            # whole row stays the table's header, naming every column.
            result += [replace(line, text=head.strip()), line]
            continue
        weak = normalise_heading(head) in _WEAK and not head.isupper()
        dated = line.new_block and _only_a_date(rest)
        if dated:
            # A date beside a heading is a timeline's first mark ("Work ⇥ Present"): it
            # sets the heading apart as surely as a heading's style, and is the heading's
            # (read as the first role's header it would be taken for its company).
            result.append(replace(line, text=head.strip(), heading_style=True))
        elif rest.strip() and (id(line) in gutter or (section in _STRONG and not weak)):
            # In the margin beside a role's or a school's dates ("Work ⇥ Acme ⇥ 2018 –
            # Present"), a heading however plain the line's style, which is its text's.
            marked = id(line) in gutter and has_period(rest)
            result.append(replace(line, text=head.strip(),
                                  heading_style=line.heading_style or marked))
            indent = _text_edge(line, lines[index + 1] if index + 1 < len(lines) else None)
            result.append(replace(line, text=rest.strip(), bold=False, new_block=True,
                                  indent=indent))
        else:
            result.append(line)
    return result


def _text_edge(line: TextLine, below: TextLine | None) -> float:
    """Where the text beside a margin heading starts: at the line under it, when that
    stands well right of the heading and is no bullet (simple-red's "Work ⇥ Acme ⇥
    2018 – Present" over the title, both at the text's edge); the rest of the line
    would otherwise stand at the heading's indent, left of the role's own lines."""
    if (below is not None and below.page == line.page and below.indent > line.indent + 20
            and not below.text.startswith(BULLET)):
        return below.indent
    return line.indent


def _only_a_date(text: str) -> bool:
    """Whether ``text`` is one date and nothing else ("Present", "2015-09-01"): a mark of
    a timeline. A range beside a word ("Internship ⇥ 2019 – 2020") is a role's."""
    text = text.strip()
    if is_open_end(text):
        return True
    period = find_period(text)
    return (period is not None and period.start is None
            and not (text[:period.begin] + text[period.finish:]).strip(" ,–-"))


def _heading_gutter(lines: list[TextLine]) -> set[int]:
    """Lines (by id) of a PDF that sets its headings in a margin left of the text, each
    on the baseline of its section's first line ("Work ⇥ Solutions Architect"): their
    first cell is a heading and they start at the column's edge or well left of where
    most lines start, twice at least."""
    indents = sorted(line.indent for line in lines if line.fill)
    if not indents:
        return set()
    usual = indents[len(indents) // 2]
    found = set()
    for line in lines:
        head, tab, rest = line.text.partition(FIELD_BREAK)
        if (tab and line.fill and (line.indent <= 3 or line.indent <= usual - 20)
                and len(head) <= 40 and rest.strip() and heading_section(head)):
            found.add(id(line))
    return found if len(found) >= 2 else set()


def _sentence_tail(lines: list[TextLine], index: int) -> bool:
    """A lowercase line in the text's own size under a sentence that has not ended
    ("... the overall architecture of" / "project"): the sentence's wrapped end, however
    much it reads like a heading."""
    line = lines[index]
    if not index or not line.size or not line.text[:1].islower() or line.bold or line.caps:
        return False  # plain text has no sizes: its headings may well be lowercase
    above = lines[index - 1]
    return (above.page == line.page and line.size <= above.size + 0.5
            and not _SENTENCE_END.search(above.text.rstrip()))


def _wrapped_end(lines: list[TextLine], index: int) -> bool:
    """Whether a PDF line goes on with the paragraph above it: in its block and in its
    size. A larger line the PDF set in the block above is a heading of its own (a theme
    that draws "Skills and Tech" 2 pt above the list before it, in that list's block)."""
    line = lines[index]
    return bool(line.fill) and not line.new_block and index > 0 and (
        abs(line.size - lines[index - 1].size) <= 0.5)


# A right column's line set beside a left section: as put there, as read, and the list
# and place it had before.
_Cell = tuple[TextLine, TextLine, list[TextLine], int]


def _prose_beside_skills_back(sections: list[Section], cells: dict[int, list[_Cell]]) -> None:
    """Lines beside a skills section that are no list (a job's sentences beside an
    unread heading) go back where the column's order put them."""
    for section in sections:
        placed = cells.get(id(section), [])
        if section.key != "skills" or not placed or is_list([cell[0] for cell in placed]):
            continue
        moved = {id(cell[0]) for cell in placed}
        section.lines[:] = [line for line in section.lines if id(line) not in moved]
        for _, line, before, position in reversed(placed):
            before.insert(position, line)


def _insert_by_top(lines: list[TextLine], line: TextLine) -> TextLine:
    """``line`` put among the lines of its page in the order of their tops (a cell read
    after the column beside it goes back to the row it stands in: a job's dates); the
    line as put. Set between two lines of the other column, it starts a paragraph and
    so does the line after it: neither goes on with the line now above it."""
    index = len(lines)
    while index and lines[index - 1].page == line.page and lines[index - 1].top > line.top + 1:
        index -= 1
    if index and lines[index - 1].column != line.column:
        line = replace(line, new_block=True)
    if index < len(lines) and lines[index].column != line.column:
        lines[index] = replace(lines[index], new_block=True)
    lines.insert(index, line)
    return line


def _section_beside(left: list[tuple[float, Section]], top: float) -> Section | None:
    """The left column's section whose heading is the last to stand above ``top``."""
    above = [section for heading_top, section in left if heading_top <= top + 1]
    return above[-1] if above else None


def _columned_pages(lines: list[TextLine]) -> set[int]:
    """The pages whose lines stand in more than one column."""
    columns: dict[int, set[int]] = {}
    for line in lines:
        columns.setdefault(line.page, set()).add(line.column)
    return {page for page, found in columns.items() if len(found) > 1}


def _main_columns(lines: list[TextLine]) -> dict[int, int]:
    """Each page's main column: the one that holds most of its text."""
    sizes: Counter[tuple[int, int]] = Counter()
    for line in lines:
        sizes[line.page, line.column] += len(line.text)
    main: dict[int, int] = {}
    for (page, column), size in sorted(sizes.items(), key=lambda item: -item[1]):
        main.setdefault(page, column)
    return main


def _goes_on(lines: list[TextLine], index: int, candidates: dict[int, str]) -> bool:
    """Whether the next line goes on with this one: in its block and its look, and no
    heading itself. "Software" over "Architecture" / "Design" in a sidebar's group
    names is a name wrapped over three lines, not the heading "Software"."""
    if index + 1 >= len(lines) or index + 1 in candidates:
        return False
    below = lines[index + 1]
    return not below.new_block and bool(below.fill) and _signature(below) == _signature(
        lines[index])


def split_sections(lines: list[TextLine]) -> SectionSplit:
    lexicon = _lexicon()
    sizes = Counter(round(line.size) for line in lines if line.size)
    body_size = sizes.most_common(1)[0][0] if sizes else 0.0
    ruled = {i for i in range(len(lines) - 1) if is_rule(lines[i + 1].text)}

    lines = _join_wrapped_headings(_split_inline_headings(lines))
    candidates: dict[int, str] = {}
    for index, line in enumerate(lines):
        text = line.text
        bare = text.strip(_DECORATION)  # "-----Professional Experience-----" at any width
        if FIELD_BREAK in text or len(bare) > 80 or bare.count(" ") > 10:
            continue
        section = heading_section(text)
        if (section is not None and len(normalise_heading(text).split()) <= 6
                and not _sentence_tail(lines, index)):
            candidates[index] = section
        elif line.margin_heading:  # a heading by its place, whatever its words
            candidates[index] = section or "other"
    strong = [i for i, s in candidates.items()
              if s in _STRONG and normalise_heading(lines[i].text) not in _WEAK]
    styles = Counter(_signature(lines[i]) for i in strong)
    signature = styles.most_common(1)[0][0] if styles else None
    if signature is not None and styles[signature] < 2 and len(strong) > 1:
        signature = None  # no consistent heading style to learn from
    # Sidebar and main column may style their headings differently: each style a sure
    # heading wears is a heading style.
    heading_styles = set(styles) if signature is not None else set()

    headings: dict[int, str] = {}
    worn = Counter(_signature(lines[i]) for i in candidates)
    for index, section in candidates.items():
        line = lines[index]
        above = lines[index - 1] if index else None
        if (signature is not None and styles[signature] >= _SETTLED and index not in ruled
                and section not in _CORE and _lone_style_below(line, signature, worn)):
            continue
        if (above is not None and above.text.startswith(BULLET)
                and line.indent > above.indent + 2 and line.size <= above.size + 0.5):
            # a bullet's wrapped end, in the bullet's size ("• HubSpot Inbound
            # Marketing" / "Certification"); a larger "Work" is the next heading
            continue
        weak = (normalise_heading(line.text) in _WEAK or section not in _STRONG
                or _by_pattern_only(lexicon, line.text))
        if weak and (_wrapped_end(lines, index) or (
                line.fill and _goes_on(lines, index, candidates))):
            continue  # a PDF heading stands apart from the lines around it
        if (not weak or _signature(line) in heading_styles
                or _looks_like_heading(line, signature, body_size, index in ruled)):
            headings[index] = section

    if signature is not None:
        in_style = [i for i, line in enumerate(lines)
                    if _signature(line) == signature and i not in headings]
        # The style is a heading style only if little else wears it (bold company names
        # can share it with headings).
        distinctive = len(in_style) <= max(2, len(headings) // 2)
        first = min(headings, default=len(lines))  # above it, the top: a name, a headline
        for index in in_style if distinctive or any(signature[1:]) else ():
            text = lines[index].text
            if (FIELD_BREAK in text or not _short(text, 5) or any(c.isdigit() for c in text)
                    or any(c in text for c in "@,;|")):
                continue
            if _wrapped_end(lines, index):
                continue  # a paragraph's wrapped end in capitals ("(Fairyland," / "AETHER).")
            words = _WORD.findall(text.casefold())
            keyword = next((lexicon.keywords[w] for w in words if w in lexicon.keywords), None)
            if keyword:
                headings[index] = keyword
            elif (distinctive and _unmistakable(signature, body_size) and index > first
                  and len(words) <= 4 and len(text) >= 5 and not (
                      entities([text])[0])):  # "MBA", "ACME CORP": a degree or a name
                headings[index] = "other"

    preamble: list[TextLine] = []
    sections: list[Section] = []
    skip = {i + 1 for i in headings if i in ruled}
    # Each column of a page runs its own section: a main column with headings of its
    # own does not go on with the sidebar's last section (what stands above its first
    # heading, a name, belongs to the top), and the sidebar picks up where it left off.
    # A new page goes on with the section the last one ended in; when it comes back to
    # another column, that column goes on with its own section of the page before (the
    # main column's jobs after the sidebar's "Interests"). A new page of columns opens
    # with each column's own section too: a sidebar's tags that run onto the next page
    # are not the main column's last job. A page of one column after a page of two
    # headed columns (a main one and a sidebar) goes on with the right column's section
    # where it stands right of that page's gutter (a sidebar run on), else with its main
    # column's (most of its text): a job's bullets, not the sidebar's last section
    # ("Education").
    # A right column that first appears on a page, or never had a heading on the pages
    # before (no sidebar: the ends of lines set beside a job's title), and has no heading
    # there sets cells of the left column's sections beside them (a grid of skill groups,
    # a school's dates): each of its lines goes with the left section whose heading
    # stands above it.
    headed_columns = {(lines[i].page, lines[i].column) for i in headings}
    columned_pages = _columned_pages(lines)
    main_columns = _main_columns(lines) if columned_pages else {}
    running: dict[int, Section | None] = {}
    current: Section | None = None
    column = page = 0
    left: list[tuple[float, Section]] = []  # the page's left sections, by heading top
    cells: dict[int, list[_Cell]] = {}  # by section: the right column's lines beside it
    right_opens = True  # no right column with a heading ran before this page
    for index, line in enumerate(lines):
        if index in skip or is_rule(line.text):
            continue
        if line.page != page:
            running[column] = current
            before = page
            page, column = line.page, line.column
            right_opens = 1 not in running or not any(
                (earlier, 1) in headed_columns for earlier in range(page))
            if page in columned_pages and column in running:
                current = running[column]
            elif {(before, 0), (before, 1)} <= headed_columns:
                side = column if column == 1 else main_columns[before]
                current = running.get(side, current)
            # Above the page's first heading, the section the page goes on with.
            left = [(float("-inf"), current)] if current is not None else []
        elif line.column != column:
            running[column] = current
            column = line.column
            if (line.page, column) in headed_columns or column in running:
                current = running.get(column)
        beside = (_section_beside(left, line.top) if line.column == 1 and right_opens
                  and (page, 1) not in headed_columns else None)
        if index in headings:
            current = Section(headings[index], line.text, head=line)
            sections.append(current)
            if line.margin_heading:  # heads the columns beside and under it, both
                running.update({0: current, 1: current})
            if line.column == 0:
                left.append((line.top, current))
        elif beside is not None and beside is not current:
            placed = _insert_by_top(beside.lines, line)
            before = current.lines if current is not None else preamble
            cells.setdefault(id(beside), []).append((placed, line, before, len(before)))
        elif current is not None:
            current.lines.append(line)
        else:
            preamble.append(line)
    _prose_beside_skills_back(sections, cells)
    return _roles_apart(_skill_lists_apart(SectionSplit(preamble, sections)))


# Where a skills list without a "Skills" heading lands: the top, or a section of contact
# lines and prose, anywhere in them; a section of its own only when it is all a list.
# "Languages" may head programming languages among others: spoken ones are no skills of
# the vocabulary, so they never make a run.
_HOLDS_LISTS = {"summary", "contact", "personal", "languages"}
_MAY_BE_LISTS = {"other", "projects"}


def _skill_lists_apart(split: SectionSplit) -> SectionSplit:
    """Skills listed under no skills heading (engine.parse.skill_lists) made a skills
    section of their own, out of the top or the section they stood in."""
    run = skill_list_run(split.preamble)
    preamble = split.preamble
    sections: list[Section] = []
    if run:
        start, end = run
        preamble = [*preamble[:start], *preamble[end:]]
        sections.append(Section("skills", "", split.preamble[start:end]))
    for section in split.sections:
        run = None
        if section.key in _HOLDS_LISTS:
            run = skill_list_run(section.lines)
        elif section.key in _MAY_BE_LISTS and is_list(section.lines):
            run = _whole_list(section.lines) or _sibling_group(section, sections)
        if run is None:
            sections.append(section)
            continue
        start, end = run
        lines = section.lines
        if start:
            sections.append(Section(section.key, section.heading, lines[:start]))
        named = _group_name(section) if not start else []
        sections.append(Section("skills", section.heading, [*named, *lines[start:end]],
                                head=section.head))
        if end < len(lines):
            sections.append(Section(section.key, section.heading, lines[end:]))
    return SectionSplit(preamble, sections)


def _group_name(section: Section) -> list[TextLine]:
    """The heading of a list of skills that names no section ("FRONTEND", "BACKEND"), as
    the first line of its list: a theme that sets each skill group's name in the
    headings' own style (caffeine's sidebar, no "Skills" above) names a group with it."""
    if section.key != "other" or section.head is None or heading_section(section.heading):
        return []
    return [section.head]


def _sibling_group(section: Section, made: list[Section]) -> tuple[int, int] | None:
    """The whole of a list under a heading that names no section, where the section
    before it is a skill group named the same way ("BACKEND" over Node.js, Django, then
    "PREPROCESSORS" over EJS, Babel, Jade): one more group of that list, whatever its
    words (the vocabulary may know none of them); so is a list under "Others" after
    any skills section (_others_after)."""
    before = made[-1] if made else None
    if before is None or before.key != "skills" or before.head is None:
        return None
    named = before.lines[:1] == [before.head] and bool(_group_name(section))
    return (0, len(section.lines)) if named or _others_after(section, before) else None


def _others_after(section: Section, before: Section) -> bool:
    """A list under "Others" ("Misc", "Additional") right after a skills section whose
    heading looks the same: the list's last group (atlasmoth's sidebar: "Frameworks &
    Databases", then "Others" over Git/GitHub), not a section of its own."""
    return (section.head is not None and before.head is not None
            and heading_section(section.heading) == "other"
            and _signature(section.head) == _signature(before.head))


def _whole_list(lines: list[TextLine]) -> tuple[int, int] | None:
    """(start, end) of a section that is all a list of skills: one that names skills of
    the vocabulary, or a skill group's keywords under its level (whatever their words:
    "Intermediate" over "Processing MODFLOW", "FEFLOW")."""
    if skill_list_run(lines):
        return 0, len(lines)
    start = levelled_list_start(lines)
    return None if start is None else (start, len(lines))


# Sections whose dated role headers are jobs under a heading the lexicon missed: an
# unknown heading's, the summary's or the skills' (their tail ran on past an unread
# heading; a skill has no dates), and the schools' at their end. Projects, awards,
# publications carry dates of their own kind.
_MAY_HOLD_ROLES = {"summary", "other", "skills"}


def _may_hold_roles(section: Section) -> bool:
    """A list item taken for a heading ("• WCF") goes on with the list above it, of a
    kind unknown (projects, most often): its dated items are not surely roles."""
    return (section.key in _MAY_HOLD_ROLES or section.key == "education") and (
        not section.heading.startswith(BULLET))


def _roles_apart(split: SectionSplit) -> SectionSplit:
    """Roles listed at the top or in a summary or unknown section (engine.parse.
    unheaded_roles) made an experience section, from the first role to the section's end."""
    # Imported here: it reads entry lines, whose module imports contact, which imports this.
    from engine.parse.unheaded_roles import roles_start

    preamble = split.preamble
    sections: list[Section] = []
    start = roles_start(preamble)
    if start is not None:
        preamble = preamble[:start]
        sections.append(Section("experience", "", split.preamble[start:]))
    for section in split.sections:
        # A school's section may end in roles, never hold one between its schools (a
        # teaching post of the degree above).
        start = (roles_start(section.lines, tail=section.key == "education")
                 if _may_hold_roles(section) else None)
        if start is None:
            sections.append(section)
            continue
        if start:
            sections.append(Section(section.key, section.heading, section.lines[:start]))
        sections.append(Section("experience", section.heading, section.lines[start:]))
    return SectionSplit(preamble, sections)
