"""Reading skill lists: the items of a skills section, and skills listed without a
"Skills" heading.

A skills section's lines are split at list separators (" / " between spaces too); a
list that ends on its separator goes on in the next line; a "Group: items" label (or a
table row's first cell) counts as a skill too (JSON Resume names its skill groups),
except generic ones ("Tools"); a
level beside a skill ("Python (advanced)", a line "Expert") is not a skill; a row of
tags set apart by spaces only ("Objective-C Swift") is cut at the vocabulary's skills
and at words that are product names by their form ("ReactiveCocoa"), unless the
section sets its tags apart in cells (then a line of its own holds one tag).

Some layouts name only the skill groups ("Programming", "Tooling", each over its tags)
and never write "Skills"; others set a grid of tags under a heading of their own words
("Know"). Such lines end up in the text above the first heading or in whatever section
came before (the contact block, "About"). A run of consecutive lines is a skills list
when every line is a list of short items (no sentence, date, address or number) and a
good share of its items name a skill of the vocabulary.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from engine.extract.lines import (
    BULLET,
    FIELD_BREAK,
    TextLine,
    hyphen_broken,
    runs_on,
    strip_leading_bullet,
)
from engine.parse.dates import find_period, only_dates
from engine.parse.skills import canonical_skill, find_skills, known_skill

_ITEM_SEPARATORS = re.compile(r"\s*(?:[,;|•·]|\s[-–/]\s|" + FIELD_BREAK + r")\s*")
_NOT_AN_ITEM = re.compile(r"@|https?:|www\.|\d{5,}|[.!?]$")
_MAX_ITEM_WORDS = 4
# Tuned on the TUNE part: skill lists run well above it, contact blocks and headlines
# (a name, a title, handles) well below.
MIN_SKILL_SHARE = 0.4
MIN_ITEMS = 4

# Levels written beside skills, not skills themselves.
_LEVELS = {"advanced", "intermediate", "beginner", "basic", "expert", "proficient",
           "fluent", "native", "master", "good", "excellent", "familiar", "working knowledge",
           "strong", "novice", "competent", "elementary", "professional", "level", "senior",
           "junior", "basics", "middle", "medior", "mid-level", "lead"}


# A score beside a level: "243/300", "90%", "4".
_SCORE = re.compile(r"^\d+(?:[./]\d+)?%?$")


def is_level(item: str) -> bool:
    """Whether an item only rates a skill: level words and scores ("Expert", "master
    Expert 243/300", "fluent 197/300"), no name of a skill."""
    folded = item.casefold().strip()
    words = folded.split()
    return folded in _LEVELS or (any(word in _LEVELS for word in words) and all(
        word in _LEVELS or _SCORE.match(word) for word in words))


@lru_cache(maxsize=8192)
def list_items(text: str) -> tuple[str, ...] | None:
    """The items of a line that lists short items, or None (a sentence, a date, an
    address, a phone). Memoised: sections' lines are read for lists more than once
    (is it a list, does it list skills)."""
    text = strip_leading_bullet(text).strip()
    if not text or _NOT_AN_ITEM.search(text) or find_period(text) is not None:
        return None
    items = tuple(i for i in _ITEM_SEPARATORS.split(text) if i.strip())
    if not items or any(len(i.split()) > _MAX_ITEM_WORDS or len(i) > 40 for i in items):
        return None
    return items


def _is_group_name(lines: list[TextLine], index: int) -> bool:
    """A line set larger than the first one under it that does not go on with it (its
    paragraph in its size: "SOFTWARE" / "DEVELOPMENT" over "HTML"): the name of the
    group it heads."""
    below = index + 1
    while (below < len(lines) and not lines[below].new_block
           and abs(lines[below].size - lines[index].size) <= 0.5):
        below += 1
    return below < len(lines) and lines[index].size > lines[below].size + 0.5


def _trimmed(lines: list[TextLine], start: int, end: int, hits: list[bool]) -> tuple[int, int]:
    """The run without what borders it and names no skill: handles and a place above,
    a line larger than the list's below (a heading); a group's name above its items
    stays, and so do the last group's keywords, smaller than its name."""
    while start < end and not hits[start] and not _is_group_name(lines, start):
        start += 1
    sizes = [lines[i].size for i in range(start, end) if hits[i]]
    usual = max(set(sizes), key=sizes.count) if sizes else 0.0
    while end > start and not hits[end - 1] and lines[end - 1].size > usual + 0.5:
        end -= 1
    return start, end


def _items_by_paragraph(lines: list[TextLine]) -> list[tuple[str, ...] | None]:
    """Each line's items, None for every line of a paragraph that is not a list: a
    sentence that wraps after "Angular, React, Django," lists nothing. A paragraph is a
    block of lines in one size."""
    items = [list_items(line.text) for line in lines]
    start = 0
    for index in range(1, len(lines) + 1):
        if (index == len(lines) or lines[index].new_block
                or abs(lines[index].size - lines[index - 1].size) > 0.5):
            if any(found is None for found in items[start:index]):
                items[start:index] = [None] * (index - start)
            start = index
    return items


def is_list(lines: list[TextLine]) -> bool:
    """Whether every line lists short items."""
    return all(found is not None for found in _items_by_paragraph(lines))


def _levelled_groups(lines: list[TextLine], start: int, end: int) -> tuple[int, int] | None:
    """(start, end) of skill groups each named over a line of its level ("Context
    Engineering" / "Expert" / its keywords), two groups at least: a skills list whatever
    its words (JSON Resume's skills[].level, printed by themes), from the first group's
    name to the run's end."""
    levels = [i for i in range(max(start, 1), end)
              if lines[i].text.strip().casefold() in _LEVELS and _is_group_name(lines, i - 1)]
    if len(levels) < 2:
        return None
    first = levels[0] - 1
    while first > start and abs(lines[first - 1].size - lines[first].size) <= 0.5:
        first -= 1  # a group's name wrapped over lines
    return first, end


def levelled_list_start(lines: list[TextLine]) -> int | None:
    """Where lines that open with a skill group's level ("Intermediate", the group's
    name above it taken for a heading) start, below what of the name wrapped onto a
    line of its own in its larger size; None when no level opens them. JSON Resume
    themes print skills[].level under the group's name, and nothing else there."""
    for index, line in enumerate(lines[:2]):
        if line.text.strip().casefold() in _LEVELS:
            return index if all(above.size > line.size + 0.5 for above in lines[:index]) else None
    return None


def skill_list_run(lines: list[TextLine]) -> tuple[int, int] | None:
    """(start, end) of the first run of ``lines`` that lists skills, or None."""
    items = _items_by_paragraph(lines)
    hits = [bool(found and find_skills(" ; ".join(found))) for found in items]
    start = 0
    while start < len(lines):
        if items[start] is None:
            start += 1
            continue
        end = start
        while end < len(lines) and items[end] is not None:
            end += 1
        levelled = _levelled_groups(lines, start, end)
        if levelled is not None:
            return levelled
        first, last = _trimmed(lines, start, end, hits)
        run = [i for index in range(first, last) for i in items[index] or ()
               if not is_level(i)]  # a level beside a skill counts for nothing
        named = sum(1 for i in run if find_skills(i))
        if len(run) >= MIN_ITEMS and named >= MIN_SKILL_SHARE * len(run):
            return first, last
        start = end
    return None


# Group names that say only that skills follow: no skill of their own.
GENERIC_CATEGORIES = frozenset({
    "skills", "technical skills", "tools", "technologies", "other", "others", "misc",
    "miscellaneous", "general", "key skills", "languages", "frameworks"})
# "HTML (Master)", "Python [advanced level]": the level in brackets is not the skill's name.
_LEVEL_AFTER = re.compile(
    r"\s*[(\[]\s*(?:%s)\b[^()\[\]]*[)\]]$" % "|".join(sorted(_LEVELS)), re.IGNORECASE
)
_LIST_SEPARATORS = re.compile(r"\s*(?:[,;|•·\t]|\s-\s|\s–\s|\s/\s)\s*")
# A word that names a product by its form: two capitals and a small letter ("ReactiveCocoa",
# "RXSwift", "ESLint") or capitals and digits ("ES2016"), so it stands alone in a row
# of tags.
_LIST_END = re.compile(r"[,;|•·]\s*$")
# A line that opens on a note in brackets ("(Python/Powershell/Bash), Documenting"): the
# note of the item the line above ended on, which wrapped before it.
_NOTE_START = re.compile(r"^\([^()]*\)\s*(?:[,;|•·]|$)")
_PLAIN_WORDS = re.compile(r"^[\w.+#/-]+(?: [\w.+#/-]+)*$")
_PRODUCT_WORD = re.compile(r"^(?=\S*[A-Z]\S*[A-Z])(?=\S*[a-z])\S+$|^[A-Z]+\d\S*$")


def split_list(text: str) -> list[str]:
    """Split a list at separators that are not inside brackets."""
    parts: list[str] = []
    start = 0
    for match in _LIST_SEPARATORS.finditer(text):
        depth = text.count("(", 0, match.start()) - text.count(")", 0, match.start())
        if depth <= 0:
            parts.append(text[start:match.start()])
            start = match.end()
    parts.append(text[start:])
    return [p for p in map(_trimmed_item, parts) if p]


def _trimmed_item(text: str) -> str:
    """An item without the marks around it: list signs, a full stop, leading dots
    ("..."); ".NET" keeps its dot."""
    item = text.strip(" ,;:-–").rstrip(".")
    if item.startswith(".") and not item[1:2].isalpha():
        item = item.strip(".")
    return item


def _name_words(label: str) -> list[str]:
    """The words of a group's name; "&" and "/" between spaces join two words of one
    name: "Cloud Infrastructure & Platform Engineering", "Data Science / Machine
    Learning"."""
    return [word for word in label.split() if word not in ("&", "/")]


def _group_label(text: str) -> tuple[str | None, str]:
    """("Frontend", "React, Vue") from "Frontend (Advanced): React, Vue"; (None, text)
    when the line has no label."""
    label, colon, rest = text.partition(":")
    if not colon and FIELD_BREAK in text:  # "BACKEND ⇥ Java, NodeJS" in a table
        label, colon, rest = text.partition(FIELD_BREAK)
    if colon and len(label) <= 50 and len(_name_words(label)) <= 4 and rest.strip():
        if colon == ":":  # a note on the group; a table's first cell may be a tag's own
            label = re.sub(r"\s*\(.*?\)", "", label)  # ("AWS (S3, EC2) ⇥ IBM Cloud")
        label = label.strip(" \t•")
        if label.casefold() in GENERIC_CATEGORIES:
            label = ""
        return label, rest
    return None, text


def _tag_row(item: str) -> list[str] | None:
    """The skills of a row of tags set apart by spaces only ("Objective-C Swift",
    "ReactiveCocoa RXSwift"): when every word is in a skill of the vocabulary or names a
    product by its form; None when some word is neither ("Rocky Linux Infra Lead" is one
    skill, and so may "JSON Realm Core Data" be, for all the text says)."""
    found: list[str] = []
    words = item.split()
    index = 0
    while index < len(words):
        # The longest run of words from here that is one skill of the vocabulary.
        size = next((n for n in range(min(4, len(words) - index), 0, -1)
                     if known_skill(" ".join(words[index:index + n]))), 0)
        # Names joined by a slash ("Firebase/Mongo") are no product's name: the item
        # lists with slashes, spaces inside its names ("Firebase/Mongo DB/Postgres").
        if not size and (not _PRODUCT_WORD.match(words[index]) or "/" in words[index]):
            return None
        found.append(" ".join(words[index:index + max(size, 1)]))
        index += max(size, 1)
    return found


_FUNCTION_WORDS = frozenset("a an and as by for from in of on or such the to with".split())


def _prose_fragment(words: list[str]) -> bool:
    """A piece of a sentence cut off after a function word ("Develop and maintain tens
    of", "solutions such as"), as a skills section under an unread heading ends up
    holding: mostly lowercase words, the last a function word. A phrase a candidate
    lists stands whole, in lowercase or not ("problem solving and analysis",
    "Serialization and deserialization")."""
    lower = sum(w[:1].islower() for w in words)
    return (len(words) >= 3 and 2 * lower > len(words)
            and words[-1].casefold() in _FUNCTION_WORDS)


def _items(text: str, alone: bool) -> list[str]:
    """Skills of one list item: itself, the skills of a sentence, or, when it stands
    ``alone`` on its line, of a row of tags."""
    item = _LEVEL_AFTER.sub("", text) or text
    words = item.split()
    if is_level(item) or item.casefold() in GENERIC_CATEGORIES or only_dates(item):
        return []
    if known_skill(item) or len(words) == 1:
        return [item]
    if len(words) > 5 or _prose_fragment(words):
        return find_skills(item)  # a sentence, or a piece of one
    row = _tag_row(item) if alone and _PLAIN_WORDS.match(item) else None
    if row and len(row) > 1:
        return row
    if not _PLAIN_WORDS.match(item):
        return [item]  # "Linux (Mostly Debian based)", "Go (Golang)": one skill, noted
    known = find_skills(item)
    if len(words) >= 3 and len(known) >= 2:
        return known  # skills listed with spaces only
    # The item as written, and the vocabulary's skills it names ("Pulumi Terraform"
    # may be two tags or one name: either way it lists Terraform).
    return [item, *known]


# Signs that separate items: a name before a colon holds none ("Python, Go: ...").
_SEPARATOR_SIGNS = re.compile(r"[,;|•·]")


def _opens_group(above: TextLine, line: TextLine) -> bool:
    """Whether ``line`` opens a group of its own, a name and a colon ("Platforms: OS X,
    iOS", or "Bash:" alone, a group of no keywords): a wrapped tail never does, however
    close to the column's edge the line above reached or on what it ended ("...
    Carthage," / "OAuth" / "Platforms: ..."). Unless the line above runs on (inside
    brackets, on "and"): "Data Lakes (Delta" / "Lake):", or the name alone opens in
    lowercase, as the end of a wrapped name does ("Languages" / "and Tools:")."""
    label, colon, rest = line.text.strip().partition(":")
    return bool(colon and 0 < len(_name_words(label)) <= _MAX_ITEM_WORDS
                and (rest.strip() or not label[0].islower())
                and len(label) <= 50 and (label[0].isalpha() or label[0] == ".")
                and not _SEPARATOR_SIGNS.search(label) and not runs_on(above.text))


# How far apart (a share of the type size) two lines' tops may be to stand in one row.
_SAME_ROW = 0.4


def _tail_joined(text: str, tail: str) -> str:
    """``text`` and the line it wrapped onto: one word again when a hyphen broke it
    ("Data-" / "dog"), else a space between."""
    if hyphen_broken(text, tail):
        return text[:-1] + tail.strip()
    return f"{text.rstrip()} {tail.strip()}"


def _cell_tail(above: TextLine, line: TextLine) -> bool:
    """Whether ``line`` is the wrapped end of the keywords of a row "Name ⇥ keywords"
    above it: plain, in the row's size, and starting under the keywords, right of where
    the row starts ("Devops ⇥ Pulumi, Docker, Data-" over an indented "dog"), below
    it in its paragraph. The table's name column wraps under the name, at the row's
    start; a line at the row's height is a cell of its own."""
    return (above.text.count(FIELD_BREAK) == 1 and FIELD_BREAK not in line.text
            and not line.bold and not line.new_block and line.page == above.page
            and line.top > above.top + _SAME_ROW * line.size
            and abs(above.size - line.size) <= 0.5 and not line.text.startswith(BULLET)
            and line.indent > above.indent + line.size)


def wraps_joined(lines: list[TextLine]) -> list[TextLine]:
    """A name wrapped in a narrow sidebar ("Data Science &" / "Machine Learning",
    "Graph Databases (Neo4j," / "TigerGraph)") made one line again: the line ends on a
    joining word or inside brackets, and the next, in its size, goes on. A list that
    ends on its separator ("Taekwondo · Wrestling ·" / "Handball") goes on too, in its
    last cell: the next line is the rest of that cell, whatever cells stand before; so
    does one that wrapped before an item's note ("Scripting" / "(Python/Bash), ..."), and
    the keywords of a row "Name ⇥ keywords" that wrapped under themselves. A line that
    opens a group ("Platforms: OS X") starts a paragraph, so that no later
    pass joins it to the group above as its wrapped tail."""
    joined: list[TextLine] = []
    for line in lines:
        above = joined[-1] if joined else None
        if above is not None and _opens_group(above, line):
            joined.append(replace(line, new_block=True))
            continue
        if above is not None and _cell_tail(above, line):
            joined[-1] = replace(above, text=_tail_joined(above.text, line.text))
            continue
        if (above is not None and FIELD_BREAK not in line.text
                and abs(above.size - line.size) <= 0.5 and line.page == above.page
                and (_LIST_END.search(above.text) or _NOTE_START.match(line.text.strip())
                     or (runs_on(above.text) and FIELD_BREAK not in above.text))):
            joined[-1] = replace(above, text=f"{above.text.rstrip()} {line.text.strip()}")
        else:
            joined.append(line)
    return joined


def _column_runs(lines: list[TextLine]) -> list[list[TextLine]]:
    """The lines cut where one does not stand below the line before it on its page:
    where reading went on in the next column, or a new page."""
    runs: list[list[TextLine]] = []
    for line in lines:
        last = runs[-1][-1] if runs else None
        if last is not None and last.page == line.page and (
                line.top > last.top + _SAME_ROW * line.size):
            runs[-1].append(line)
        else:
            runs.append([line])
    return runs


def _row_at(rows: list[TextLine], line: TextLine) -> int | None:
    """The index of the row of ``rows`` that stands beside ``line``, on its page at its
    height; None when none does."""
    return next((index for index, row in enumerate(rows) if row.page == line.page
                 and abs(row.top - line.top) <= _SAME_ROW * line.size), None)


def _cells_beside(rows: list[TextLine], run: list[TextLine]) -> list[TextLine] | None:
    """``rows`` with each line of ``run`` as a cell beside the row at its height (after
    the cells it has), a plain line at no row's height as the wrapped end of the cell
    above it, and from a bold one or a row of cells on, the run as it is (the table's
    rows go on below); None when the run does not start beside a bold row in plain
    type (a table's names, then its cells)."""
    first = _row_at(rows, run[0])
    if first is None or not rows[first].bold or run[0].bold:
        return None
    rows = list(rows)
    last = first
    for index, line in enumerate(run):
        beside = _row_at(rows, line)
        if beside is not None:
            name = rows[beside]
            rows[beside] = replace(name, text=f"{name.text}{FIELD_BREAK}{line.text}")
            last = beside
        elif line.bold or FIELD_BREAK in line.text:
            return rows + run[index:]  # rows of their own under the table read so far
        else:
            rows[last] = replace(rows[last], text=_tail_joined(rows[last].text, line.text))
    return rows


def table_rows(lines: list[TextLine]) -> list[TextLine]:
    """A table of bold group names beside their plain keywords read column by column
    (keywords set past the page's middle are a column of their own to the extractor:
    every name comes out, then every line of keywords) put back in rows, "Cloud Native
    ⇥ Docker, Kubernetes"; a cell that wrapped goes on in its row, and names no longer
    pass for a paragraph that wrapped. A name and its cell read as two lines at one
    height ("Frameworks" / "Node.js, React") are one row too. Lines of no known place on
    the page (DOCX, text) stay as they are."""
    if not any(line.top for line in lines):
        return lines
    rows: list[TextLine] = []
    for run in _column_runs(lines):
        rows = (_cells_beside(rows, run) if rows else None) or rows + run
    return rows


def _gaps_closed(text: str) -> str:
    """A justified line of keywords cut at every word gap ("Windows,⇥Windows⇥Servers,⇥
    Linux⇥(Mostly⇥Debian⇥based),"), its gaps spaces again: justifying stretches every
    gap of a line alike, wide enough to pass for cells' gaps. Three such gaps or more
    between words, two of them after a comma; a first cell of several words set apart
    is the row's name, its own spaces unstretched ("Systems Administration ⇥ ...")."""
    cells = text.split(FIELD_BREAK)
    if (len(cells) < 4 or any(" " in cell for cell in cells[1:])
            or sum(cell.endswith(",") for cell in cells[:-1]) < 2):
        return text
    if " " in cells[0]:
        return cells[0] + FIELD_BREAK + " ".join(cells[1:])
    return " ".join(cells)


def justified_gaps_closed(lines: list[TextLine]) -> list[TextLine]:
    """The lines with the stretched word gaps of justified keywords made spaces again
    (``_gaps_closed``)."""
    return [replace(line, text=_gaps_closed(line.text))
            if line.text.count(FIELD_BREAK) >= 3 else line for line in lines]


def wrapped_rows_apart(lines: list[TextLine]) -> list[TextLine]:
    """A line under a row of three tags or more made a paragraph of its own: the row
    wrapped, and the line holds its next tags ("Judo (black belt) ⇥ Taekwondo ⇥
    Wrestling" over "Handball"), not the end of the first tag."""
    return [replace(line, new_block=True)
            if index and lines[index - 1].text.count(FIELD_BREAK) >= 2 else line
            for index, line in enumerate(lines)]


def _tags_drawn_apart(lines: list[TextLine]) -> bool:
    """Whether the section sets its tags apart on the page (rows of three tags or more
    in cells): then a tag that wrapped onto a line of its own ("Cisco IOS") is one tag,
    not a row to cut at its spaces."""
    return sum(line.text.count(FIELD_BREAK) >= 2 for line in lines) >= 2


def skills_listed(lines: list[TextLine], prose: list[str]) -> list[str]:
    """What the skills section lists (group labels included), then vocabulary skills
    mentioned anywhere else; each once, by canonical name."""
    items: list[str] = []
    lines = wraps_joined(lines)
    rows = not _tags_drawn_apart(lines)
    for line in lines:
        label, text = _group_label(strip_leading_bullet(line.text))
        # A label may name skills too: ".Net C# ⇥ ASP.NET Core", "TypeScript · Lua ⇥ ..."
        for named in split_list(label or ""):
            items += _items(named, alone=False)
        listed = split_list(text)
        for item in listed:
            items += _items(item, alone=rows and len(listed) == 1)
    items += find_skills(" \n".join(prose))
    skills: dict[str, str] = {}
    for item in map(_trimmed_item, items):
        if item and len(item) <= 60:
            skills.setdefault(canonical_skill(item).casefold(), item)
    return list(skills.values())
