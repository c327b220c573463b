"""Lines of an entry section: what is a bullet, a body sentence, a wrapped line, a
date set apart; paragraphs of sections without entries; a header line's fields.

Shared by engine.parse.experience and engine.parse.education.
"""

from __future__ import annotations

import re
from dataclasses import replace

from engine.extract.lines import BULLET, FIELD_BREAK, TextLine
from engine.parse.contact import is_location, is_region, name_before_city
from engine.parse.dates import Period, find_period, is_open_end, range_with_wrapped_end
from engine.parse.nlp import read_lexicon

_ABBREVIATION_END = re.compile(
    r"\b(?:inc|ltd|co|corp|llc|jr|sr|st|dr|l\.p|u\.s|u\.k|e\.g|etc|pvt|bros|intl)\.$"
    r"|\b(?:[a-z]\.){2,}$",  # initials of a legal form: "B.V.", "S.A.", "N.V."
    re.IGNORECASE,
)
FULL_LINE = 0.88  # share of the column a line reaches when the next word wrapped
SENTENCE_END = re.compile(r"[.!?;]$")
_PAST_VERB = re.compile(r"^(?:[A-Z][a-z]{2,}ed|Built|Led|Ran|Won|Made|Wrote|Drove|Grew|Taught|"
                        r"Brought|Sold|Set|Oversaw|Spearheaded)$")
_NAME_JOINS = frozenset({"of", "and", "the", "for", "de", "&"})
_LABEL_LIST = re.compile(r"^[^\s:][^:]{0,30}:\s+\S")
# The labels a header's fields may carry, by what they name ("Designation: Analyst").
TITLE_LABELS = frozenset({
    "designation", "job designation", "current designation", "designation held", "job title",
    "title", "position held", "position", "role",
    "occupation or position held",  # Europass's
})
COMPANY_LABELS = frozenset({
    "company name", "company", "organisation", "organization", "organisation name",
    "organization name", "employer", "employer name", "name and address of employer",
    "name and address of the employer", "name of employer", "name of the employer",
    "name of company", "name of the company", "name of organisation",
    "name of the organisation", "name of organization", "name of the organization", "client",
})
_OTHER_LABELS = frozenset({"duration", "job duration", "period", "tenure", "date", "dates",
                           "location", "place"})
# "Designation: Analyst", "Organisation - Acme": a header whose fields say what they are.
HEADER_LABEL = re.compile(
    "^(" + "|".join(re.escape(label) for label in sorted(
        TITLE_LABELS | COMPANY_LABELS | _OTHER_LABELS, key=len, reverse=True))
    + r")\s*(?::|[-–]\s)\s*",
    re.IGNORECASE,
)
LABEL_ONLY = re.compile(r"^[^:]{2,40}:$")
EDGE = " \t|,;:–—-·•/"
# A dash with space on both sides: it sets fields apart ("Acme – Engineer"), where a
# hyphen against its words joins them ("Paris-Saclay").
SPACED_DASH = re.compile(r"\s+[–—-]\s+")
# Lengths in English and as themes print them in French, Spanish, Portuguese, German,
# Italian and Dutch ("1 an", "2 ans 3 mois", "1 año y 4 meses", "2 Jahre").
_YEARS = r"(?:years?|yrs?|ans?|años?|anos?|jahre?|anni|jaar)"
_MONTHS = r"(?:months?|mos?|mois|mes(?:es)?|monate?|mesi|maanden)"
_DURATION = re.compile(
    rf"\(?\b\d+(?:\.\d+)?\s*\+?\s*(?:{_YEARS}|{_MONTHS})(?!\w)"
    rf"(?:\s*(?:(?:and|et|y|e|und)\s*)?\d+\s*{_MONTHS}(?!\w))?\)?",
    re.IGNORECASE,
)
URL_LIKE = re.compile(r"(?:https?://|www\.)\S*|\b[a-z][\w-]*(?:\.[a-z][\w-]*)+/\S*",
                      re.IGNORECASE)


def trim(text: str) -> str:
    """``text`` without separators at its ends, nor an unmatched bracket ("(Full-time"
    keeps its bracket: "Engineer (Full-time)"), nor one left open at its end ("Acme ("
    where a web address was taken out of "Acme (acme.com)")."""
    text = text.strip(EDGE)
    for opening, closing in ("()", "[]"):
        while text.endswith(closing) and text.count(opening) < text.count(closing):
            text = text[:-1].strip(EDGE)
        while text.startswith(opening) and text.count(closing) < text.count(opening):
            text = text[1:].strip(EDGE)
        while text.endswith(opening):
            text = text[:-1].strip(EDGE)
        if text.startswith(opening) and text.endswith(closing) and text.count(opening) == 1:
            text = text[1:-1].strip(EDGE)
    return text


def is_bullet(text: str) -> bool:
    return text.startswith(BULLET)


def strip_bullet(text: str) -> str:
    return text[1:].strip() if is_bullet(text) else text


def looks_like_body(text: str) -> bool:
    """A sentence or a list rather than a heading of an entry."""
    if is_bullet(text):
        # ...unless it is an entry's heading in a list: "• 1998-2000 ⇥ ACME ⇥ Boston".
        return not (FIELD_BREAK in text and is_dated(text))
    if find_period(text) is not None and is_dated(text):
        return False
    if HEADER_LABEL.match(text) and len(text) < 90:
        return False  # "Organization: Acme, Phoenix, AZ": a field of a header
    if _long_or_listed(text):
        return True
    words = text.split()
    # Sentences are mostly lowercase words; headings ("Director of Sales and Marketing")
    # mostly capitalised. A line opening with a past-tense verb is an achievement.
    lower = sum(w[0].islower() for w in words)
    if len(words) >= 6 and lower > 0.5 * len(words):
        return True
    if len(words) >= 3 and _PAST_VERB.match(words[0]) and lower >= 1 and not all(
            w[0].isupper() or w in _NAME_JOINS for w in words):
        return True  # not "United Bank of Suzlon": capitals and a name's joining words
    if text.endswith(".") and len(words) >= 3 and not _ABBREVIATION_END.search(text):
        return True
    return _LABEL_LIST.match(text) is not None and "," in text


def _long_or_listed(text: str) -> bool:
    """A sentence's length (eleven words, 90 characters) or a list's three commas, not
    counting the place a header ends on: "Principal Engineer, Malwarebytes, Santa Clara,
    CA" and "Tacta - The art of complexity Taming, Sarajevo, Bosnia and Herzegovina" are
    headings."""
    def long(line: str) -> bool:
        return len(line.split()) >= 11 or len(line) >= 90 or line.count(",") >= 3

    return long(text) and long(split_location(text)[0])


def is_dated(text: str) -> bool:
    """Whether the date found in ``text`` is a period a header would carry (a range, or a
    lone date set apart at the end), not a year inside a sentence."""
    period = find_period(text)
    if period is None:
        return False
    if period.start is not None or period.end == "present":
        return True
    after = text[period.finish:]
    before = text[: period.begin]
    if not before.strip():  # a date opening the line, its own field: "1998 ⇥ ACME"
        return not after.strip() or after.lstrip(" ").startswith(("\t", "|", "–", "-", ":"))
    set_apart = before.endswith("\t") or before.rstrip().endswith(tuple("(|,–-·•"))
    return set_apart and (not after.strip(EDGE) or _unread_end(text, period) is not None)


_OPEN_DASH = re.compile(r"\s*(?:-{1,2}|–|—|to)\s+\S")


def _unread_end(text: str, period: Period) -> int | None:
    """Where the cell ends when a date opening a tab stop's cell is followed by a dash
    and an end this module cannot read ("⇥ Jan 2024 - Invalid Date", "⇥ 2019 – ongoing
    work"): a range all the same; None otherwise."""
    if not text[: period.begin].endswith(FIELD_BREAK):
        return None
    after = text[period.finish:]
    cell = after.split(FIELD_BREAK, 1)[0]
    if not _OPEN_DASH.match(cell) or len(cell.split()) > 4 or any(c.isdigit() for c in cell):
        return None
    return period.finish + len(cell)


# Words and marks a sentence does not stop on.
_OPEN_END = re.compile(r"(?:[,–—-]|\b(?:and|or|of|in|to|the|a|an|for|with|by|on|including|"
                       r"such as|from|into|as|at|via))$")


# A name that opens in lowercase with a capital inside: "iOS", "eBay", "macOS".
_NAME_IN_LOWERCASE = re.compile(r"[a-z]+[A-Z]\w*\b")
# A numbered or lettered item's mark: "1.", "2)", "(b)", "iv.", "c." before its text.
_LIST_MARK = re.compile(r"^(?:\d{1,2}[.)]|\(?[a-z]\)|\(?[ivx]{1,4}[.)]|[a-z]\.)\s+\S")


_ACTION_VERBS = frozenset(read_lexicon("action_verbs.txt"))


def opens_with_action(text: str) -> bool:
    """Whether ``text`` opens as a resume's bullet does, with a capitalised verb and
    words in lowercase after it ("Developed the official …", "Led a team of 5"): a
    sentence of its own, not the wrapped rest of a name in title case."""
    first, _, rest = text.partition(" ")
    return (first.istitle() and first.casefold() in _ACTION_VERBS
            and rest[:1].isalpha() and rest[:1].islower())


def continues(line: TextLine, previous: TextLine, last: TextLine, pdf: bool,
               full_width: int) -> bool:
    """Whether ``line`` is the wrapped rest of the bullet or paragraph before it
    (``previous`` is where that item started, ``last`` its last line so far)."""
    text = line.text
    if is_bullet(text) or is_dated(text) or _LIST_MARK.match(text):
        return False
    if line.new_block and not URL_LIKE.sub("", text).strip(" -•"):
        return False  # a web address in a block of its own: an item, lowercase or not
    if text[0].islower() and _NAME_IN_LOWERCASE.match(text) and (
            SENTENCE_END.search(last.text) or (line.bold and not last.bold)
            or (pdf and line.new_block and not line_spaced(line, previous))):
        # "iOS app development ...", "eBay ..." after a full stop or set apart by more
        # than the item's line spacing: a new item; in bold under plain text, the next
        # role's heading ("iOS Engineer, Acme").
        return False
    if text[0].islower() and pdf and line.new_block and SENTENCE_END.search(last.text) and (
            not line_spaced(line, previous)):
        return False  # a company named in lowercase ("tracdelight") a paragraph's gap below
    if text[0].islower() or (text[0] in "(&" and not line.new_block):
        return True
    if _OPEN_END.search(last.text):  # "... including" / "IA, visual design": one sentence
        return True
    if not pdf:
        return False
    # A hanging indent: the bullet's glyph stands left of where its text (and its
    # wrapped lines) start.
    if is_bullet(previous.text) and line.indent > previous.indent + 2 and not line.bold:
        # ...unless it starts a block of its own further right than the item's wrapped
        # lines, or after the item's last sentence: an item nested under it.
        nested = line.new_block and (
            (last is not previous and abs(line.indent - last.indent) > 2)
            or SENTENCE_END.search(last.text) is not None)
        return not nested
    if line.new_block and not line_spaced(line, previous):
        return False
    # An item ends with its sentence, or with a line that stops short of the column's
    # edge (a wrapped line reaches it: the next word did not fit).
    if text[0].isupper():
        short = not wraps_into(last, line) if last.fill else len(last.text) < 0.6 * full_width
        if short or SENTENCE_END.search(last.text) or opens_with_action(text):
            return False
    return not (line.bold and not previous.bold)


def line_spaced(line: TextLine, start: TextLine) -> bool:
    """Set at a paragraph's line spacing under the line above, though in a block of its
    own, and far closer to it than the item's first line to what stands above that:
    browsers' PDFs make a block of each line of a wrapped item and set the items
    further apart."""
    return 0 < line.space_before <= 0.5 * line.size and (
        line.space_before < 0.6 * start.space_before)


def wraps_into(above: TextLine, line: TextLine) -> bool:
    """Whether ``above`` ended where it did because ``line``'s first word did not fit
    beside it: it reaches the column's edge, or would with that word (widths estimated
    from the line above's characters)."""
    if above.fill >= FULL_LINE:
        return True
    if not above.fill or not above.text:
        return False
    word = line.text.split(" ", 1)[0]
    per_char = above.fill / len(above.text)
    return above.fill + (len(word) + 1) * per_char > 0.97


def typical_width(lines: list[TextLine]) -> int:
    lengths = sorted(len(line.text) for line in lines)
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0


def paragraph_items(lines: list[TextLine], pdf: bool) -> list[str]:
    """Bullets and paragraphs of a section without entries (projects, awards...): a
    glyph starts an item, and so does a line that does not continue the one above."""
    items: list[str] = []
    full_width = typical_width(lines)
    start: TextLine | None = None
    last: TextLine | None = None
    for line in lines:
        text = line.text
        if text == BULLET:
            continue
        if (last is not None and not (line.new_block and not pdf)
                and continues(line, start or last, last, pdf, full_width)):
            items[-1] += " " + text
        else:
            items.append(strip_bullet(text))
            start = line
        last = line
    return [item for item in items if item]


def take_period(text: str) -> tuple[Period | None, str]:
    if not is_dated(text):
        return None, text
    period = find_period(text)
    assert period is not None
    finish = _unread_end(text, period) or period.finish
    if finish != period.finish and period.start is None:  # a start whose end is unread
        period = replace(period, start=period.end, end=None)
    before, after = text[: period.begin], text[finish:]
    kept_before, kept_after = before.rstrip(" ([|,–-:"), after.lstrip(" )]|,–-")
    cut = before[len(kept_before):] + after[: len(after) - len(kept_after)]
    if not (kept_before.strip() and kept_after.strip()):
        return period, (kept_before + kept_after).strip()
    return period, (kept_before + _joiner(cut, kept_after) + kept_after).strip()


def _joiner(cut: str, after: str) -> str:
    """What joins the text on either side of a date taken from between two fields: the
    mark that set them apart ("Engineer | Jan 2018 – Present | Seattle, WA" keeps its
    place a field of its own); where only spaces set them apart, a field break between
    two names ("M/S Mapro Food Pvt. Ltd April 2010 to May 2012 Manager"), else a space."""
    for mark in "|–-":
        if mark in cut:
            return f" {mark} "
    if "," in cut:
        return ", "
    return FIELD_BREAK if after[:1].isupper() else " "  # not "From 2004 to 2008 worked in"


def is_duration(text: str) -> bool:
    """Whether ``text`` is only a length of time ("6 years 5 months", "(2 yrs)")."""
    return _DURATION.fullmatch(text.strip()) is not None


def header_fields(text: str) -> list[str]:
    """The fields of a header line: tab stops and " | " or " • " cut it; web addresses
    and durations ("3 months") are left out."""
    text = _DURATION.sub(" ", URL_LIKE.sub(" ", text))
    # A pipe also joins names ("Yellowpages.com | AT&T"): a cut only on lines without
    # tab stops, which lay out their fields with those.
    cuts = r"\t|\s+[•·]\s+" if FIELD_BREAK in text else r"\s+[|•·]\s+"
    parts = [trim(p) for p in re.split(cuts, text)]
    return [p for p in parts if p and any(c.isalpha() for c in p) and not _open_ends_only(p)]


def _open_ends_only(field: str) -> bool:
    """A range whose both ends are words of an open end: a theme's "Invalid Date –
    Invalid Date" for dates its library could not read, no title or company."""
    parts = SPACED_DASH.split(field)
    return len(parts) == 2 and all(is_open_end(part) for part in parts)


def name_and_place(text: str) -> bool:
    """A line of two cells, a name and a place ("CAKE.com ⇥ Novi Sad, Serbia"): a role's
    company and where it is, a line of the header whatever stands above it."""
    cells = [cell.strip() for cell in text.split(FIELD_BREAK)]
    return (len(cells) == 2 and all(cells) and find_period(text) is None
            and is_location(cells[1]) and not is_location(cells[0]))


def split_dashed_location(text: str) -> tuple[str, str | None]:
    """ "INFOSYS LIMITED - Pune, Maharashtra" -> ("INFOSYS LIMITED", "Pune, Maharashtra"),
    also with the dash against the name ("CLEARWIRE- Kansas City, MO")."""
    dashed = re.split(r"\s*[-–]\s+", text)
    if len(dashed) >= 2 and is_location(trim(dashed[-1])) and trim(" - ".join(dashed[:-1])):
        return trim(" - ".join(dashed[:-1])), trim(dashed[-1])
    return text, None


def split_location(text: str) -> tuple[str, str | None]:
    """ "Acme Corp, Austin, TX" -> ("Acme Corp", "Austin, TX"); also with a dash
    ("INFOSYS LIMITED - Pune, Maharashtra")."""
    text, place = split_dashed_location(text)
    if place:
        return text, place
    parts = [p.strip() for p in text.split(",")]
    for size in (3, 2, 1):
        if len(parts) > size:
            tail = ", ".join(parts[-size:])
            if is_location(tail):
                return _city_into_place(trim(", ".join(parts[:-size])), tail)
    return text, None


def _city_into_place(name: str, place: str) -> tuple[str, str]:
    """A region's city taken from the end of the name before it, where a print lost
    the gap between them: ("Lucid Communications London", "UK") -> ("Lucid
    Communications", "London, UK"); a place that names its city stays as it is."""
    glued = name_before_city(name)
    if glued and all(is_region(part) for part in place.split(",")):
        return glued[0], f"{glued[1]}, {place}"
    return name, place


# A name or header cut after a joining word or mark: what follows on the next line is
# its wrapped rest ("University of" / "Manchester", "Engineer at" / "Acme").
CONNECTOR_END = re.compile(r"(?:[,/&–-]|\b(?:of|in|and|for|the|at|de|du|der))$", re.IGNORECASE)
_JOINING_END = re.compile(r"\b(?:of|and|for|the|de|du|der)$", re.IGNORECASE)


def lone_wrapped_tail(first_cell: str, text: str) -> bool:
    """Whether a lone word may be the wrapped end of the first cell above it. A word in
    capitals under a cell that is not ("Team lead ⇥ 2021 – now" over "UMBRELLIO") is a
    name of its own: the company, the school."""
    return len(text.split()) == 1 and not (text.isupper() and not first_cell.isupper())


ONE_SIZE = 1.15  # sizes closer than this ratio may be one paragraph's


def in_one_size(above: TextLine, line: TextLine) -> bool:
    """Whether two lines may be one paragraph by their type size: a paragraph wraps in
    the size it began in, so a line set a seventh larger or smaller than a full one above
    is a field of its own (crisp: "Computer Science" at 21.6 pt between the degree and
    the school at 17.3 pt, each reaching far across its narrow column; compact: a school
    at 10.5 pt over its degree at 9, in one block). Closer sizes wrap ("GPA:" over
    "3.80", one span in another font); unknown sizes say nothing."""
    small, large = sorted((above.size, line.size))
    return not small or large < ONE_SIZE * small


def dates_cell_first(text: str) -> bool:
    """A header line whose first cell is its dates ("06/2021 – Present ⇥ Engineer")."""
    first, tab, _ = text.partition(FIELD_BREAK)
    period = find_period(first) if tab else None
    return period is not None and period.begin == 0 and not first[period.finish:].strip(EDGE)


# How far right of a line's start (pt) a line under it hangs in the column beside its
# dates: moderncv's dates column is 2 to 3 cm wide.
_BESIDE_DATES = 20


def _wrapped_beside_dates(above: TextLine, line: TextLine) -> bool:
    """Whether ``line`` is the wrapped end of the one cell beside the dates of the line
    above ("Sep 2006 – Jul 2012 ⇥ Specialist degree …, Saint-Petersburg State" over
    "University", hanging under the text, not the dates)."""
    return (dates_cell_first(above.text) and above.text.count(FIELD_BREAK) == 1
            and line.indent > above.indent + _BESIDE_DATES and wraps_into(above, line)
            and above.ends_bold == line.starts_bold and not is_dated(line.text))


def ends_on_dates(text: str) -> bool:
    """Whether a line ends on a closed date range ("… in Computer Science (Sep 2019 – Jun
    2024)"): an entry's line that says all it has to; an open one ("2015 –") goes on."""
    period = find_period(text)
    return (period is not None and not text[period.finish:].strip(" )]")
            and not text[:period.finish].rstrip(" )]").endswith(("–", "-", "—")))


def join_wrapped_ranges(lines: list[TextLine]) -> list[TextLine]:
    """Ranges a narrow dates column wrapped made whole: a line holding nothing but the
    end of the range above joined into it ("September 2015 – June" over "2016"), or a
    line whose two cells hold that end and the name's wrapped word (_cells_with_wrapped_range)."""
    joined: list[TextLine] = []
    for line in lines:
        whole = None
        if joined and not line.new_block:
            whole = (range_with_wrapped_end(joined[-1].text, line.text)
                     or _cells_with_wrapped_range(joined[-1], line))
        if whole is None:
            joined.append(line)
        else:
            joined[-1] = replace(joined[-1], text=whole)
    return joined


def _cells_with_wrapped_range(above: TextLine, line: TextLine) -> str | None:
    """``above``'s two cells with ``line``'s wrapped onto them, when both wrapped at once:
    the dates' cell after its range's dash, the name's on a lone word in its weight
    (minyma: "Audacious Inquiry - A PointClickCare ⇥ 2016-12-01 -" over "Company ⇥
    present"). None when they did not."""
    top, bottom = above.text.split(FIELD_BREAK), line.text.split(FIELD_BREAK)
    if len(top) != 2 or len(bottom) != 2 or line.bold != above.bold:
        return None
    if (range_with_wrapped_end(top[1], bottom[1]) is None
            or not lone_wrapped_tail(top[0], bottom[0])):
        return None
    return merge_cells(above.text, line.text)


def merge_cells(above: str, below: str) -> str:
    """A line's cells (cut at tab stops) with the cells of the line under them, each
    wrapped onto it, joined to it: a name a narrow cell wrapped is whole again."""
    top = above.split(FIELD_BREAK)
    bottom = below.split(FIELD_BREAK)
    return FIELD_BREAK.join(
        f"{a}{'' if a.endswith('-') and not a.endswith(' -') else ' '}{b}" if b else a
        for a, b in zip(top, bottom + [""] * (len(top) - len(bottom)))
    )


def join_wrapped(lines: list[TextLine]) -> list[TextLine]:
    """PDF lines that wrapped in a narrow column joined back: a line in the same
    paragraph and style as the one above, which reached the column's edge or ended on a
    comma or a connecting word ("University of" / "Manchester"); beside a dates column,
    into the cell beside the dates."""
    joined: list[TextLine] = []
    physical: TextLine | None = None  # the line above as drawn, before any joining
    for line in join_wrapped_ranges(lines):
        above_drawn, physical = physical, line
        if joined and not line.new_block and not is_bullet(line.text):
            above = joined[-1]
            if FIELD_BREAK not in line.text and _wrapped_beside_dates(above, line):
                joined[-1] = replace(above, text=f"{above.text} {line.text}", fill=line.fill)
                continue
            if (is_dated(line.text) and ends_on_dates(above.text)) or is_open_end(line.text):
                joined.append(line)  # two entries each closed by its dates, or an open end
                continue
            first_cell, cells, _ = above.text.partition(FIELD_BREAK)
            # Beside other cells, the line's reach says nothing of the first one's: a
            # wrapped tail there is a lone word or follows a connecting word. The reach
            # is the drawn line's, not that of the text joined into it.
            reached = (lone_wrapped_tail(first_cell, line.text) if cells
                       else wraps_into(above_drawn or above, line))
            wrapped = reached or CONNECTOR_END.search(first_cell)
            # A name cut after a joining word goes on whatever the weight of its tail
            # ("NYU Tandon School of" in bold over a plain "Engineering").
            same_style = above.bold == line.bold or _JOINING_END.search(first_cell)
            if (wrapped and same_style and in_one_size(above, line)
                    and FIELD_BREAK not in line.text):
                # Into the first cell when the line above has several ("BASc in
                # Software ⇥ 2012 – 2016" over "Engineering").
                first, tab, rest = above.text.partition(FIELD_BREAK)
                text = f"{first} {line.text}{tab}{rest}"
                joined[-1] = replace(above, text=text, fill=line.fill)
                continue
        joined.append(line)
    return joined


# How much wider than a paragraph's wrapped lines (as a share of the text's size) a
# list sets its items apart: caffeine sets its tags 0.28 of their size apart, its wrapped
# lines 0; a table whose cells wrap at its text's line spacing stays as it is.
_ITEM_SPACING = 0.15


def wrap_spacing(lines: list[TextLine]) -> float | None:
    """The space a PDF leaves between a paragraph's wrapped lines, as a share of their
    size: the median over lines that surely wrapped (the line above reached the column's
    edge, the line opens in lowercase); None when no line did."""
    shares = sorted(line.space_before / line.size for above, line in zip(lines, lines[1:])
                    if not line.new_block and line.size and above.page == line.page
                    and above.fill >= FULL_LINE and line.text[:1].islower())
    return shares[len(shares) // 2] if shares else None


def items_set_apart(lines: list[TextLine], spacing: float | None) -> list[TextLine]:
    """A list's lines, each set further from the line above than a paragraph's wrapped
    lines are (``spacing``) made a paragraph of its own: an item, not a wrapped name,
    however close to the column's edge the item above reached ("ROCKY LINUX INFRA
    LEAD" over "FEDORA / EPEL CONTRIBUTOR" in a narrow sidebar)."""
    if spacing is None:
        return lines
    return [replace(line, new_block=True) if (
        not line.new_block and line.size
        and line.space_before / line.size > spacing + _ITEM_SPACING) else line
        for line in lines]
