"""Education entries from a section's lines.

Each line's fields are degree (and field of study after it), institution, dates and
grade; a line naming a degree or institution the current entry already has starts the
next entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from engine.extract.lines import FIELD_BREAK, TextLine, runs_on
from engine.parse.card_grid import cards_in_order
from engine.parse.contact import is_location
from engine.parse.dates import Period, find_period
from engine.parse.entry_lines import (
    CONNECTOR_END,
    EDGE,
    SPACED_DASH,
    header_fields,
    is_bullet,
    join_wrapped,
    merge_cells,
    split_location,
    strip_bullet,
    take_period,
    trim,
)
from engine.parse.nlp import Entity, entities
from engine.parse.school_tables import SchoolTable, tables_apart
from engine.parse.sections import heading_section
from engine.resume import EducationEntry

GRADE = re.compile(
    r"(?:\b(?:c?gpa|cpi|sgpa|grade|percentage|score|marks|aggregate)\b\s*(?:of\s*)?[:\-]?\s*"
    r"\d+(?:\.\d+)?\s*(?:/\s*\d+(?:\.\d+)?|%)?"
    r"|(?<![\d.])\d{1,3}(?:\.\d+)?\s*%"
    r"|(?<![\d.])\d(?:\.\d+)?\s*/\s*(?:4|5|10)(?:\.0+)?(?![\d.])"
    r"|\b(?:(?:upper|lower)\s+)?(?:first|second|third)\s+class(?:\s+honou?rs)?"
    r"(?:\s*\(\d:\d\))?(?:\s+with\s+distinction)?"
    r"|\b(?:summa\s+|magna\s+)?cum\s+laude|\bwith\s+(?:high\s+)?(?:distinction|honou?rs)"
    r"|\bfirst\s+division|\bdistinction)",
    re.IGNORECASE,
)


@dataclass
class _School:
    degree: str | None = None
    subject: str | None = None  # the field of study
    institution: str | None = None
    period: Period | None = None
    grade: str | None = None
    extra: list[str] = field(default_factory=list)
    # The degree is a plain name read as one by its place under the school, no degree
    # word: a degree named under it shows it was the field (fresh: school, field, degree).
    degree_by_place: bool = False


def _named_after_field(rest: str, school: str) -> bool:
    """Whether ``school``, after the dash that closes ``rest`` (the text after a
    degree), names the school: "Degree, Field - Name", the field set off from the degree
    by a comma, puts the school last ("Master of Research, Computer Science - ENS
    Paris-Saclay"), with a school word or not; a place, a date or a note there is none."""
    return (rest.lstrip().startswith(",") and school[:1].isupper() and ":" not in school
            and not any(c.isdigit() for c in school) and not is_location(school))


# A few words between a degree and " in <field>" (French and Spanish " en ") are more
# of the degree's name: "Bachelor of Business Science (Honours) in Information
# Systems", "MSc Double Degree in Cyber Security", "BTEC Level 3 in Software
# Development". A comma sets them apart
# ("Bachelor of Arts, Major in History") unless another degree follows it ("BA
# Philosophy, BS Mathematics in ...": two degrees and their one field).
_QUALIFIED = re.compile(r"^(?![ie]n\s)(?P<words>[^\s;:]+(?:\s+[^\s;:]+){0,3}?)\s+[ie]n\s+"
                        r"(?P<field>[\"“A-ZÀ-Þ].*)$")
# A minor, a thesis or a candidacy in something names no degree.
_NOT_A_DEGREE = re.compile(r"\b(?:minor|major|concentration|speciali[sz]ation|thesis|"
                           r"coursework|courses|candidate|student)$", re.IGNORECASE)


def _names_a_field(text: str) -> bool:
    """Whether what follows "in" names a field of study: a place says where, a
    number when."""
    text = trim(text)
    return bool(text) and not any(c.isdigit() for c in text) and not is_location(text)


def _opens_with_degree(text: str) -> bool:
    text = text.strip()
    return any(e.label == "DEGREE" and e.start == 0 for e in entities([text])[0])


def _degree_in_brackets(rest: str) -> int:
    """How much of ``rest`` (the text after a degree) is a degree in brackets that
    names it another way, so part of its name: "Specialist diploma (Master's degree)",
    "B.Tech (Bachelor of Technology)"; a field or a grade in brackets is not."""
    bracket = re.match(r"\s*\(([^()]{2,40})\)", rest)
    return bracket.end() if bracket and _opens_with_degree(bracket[1]) else 0


def _qualified_degree(name: str, after: str) -> tuple[str, str]:
    """(degree, what follows it) with the words before " in <field>" moved into the
    degree's name when they qualify it."""
    qualified = _QUALIFIED.match(after)
    if (qualified is None or _NOT_A_DEGREE.search(qualified["words"])
            or not _names_a_field(qualified["field"])
            or not all(_opens_with_degree(p) for p in qualified["words"].split(",")[1:])):
        return name, after
    return f"{name} {qualified['words']}", qualified["field"]


def _qualifies_degree(before: str, text_before: str) -> bool:
    """Whether the one word right before a degree whose field follows it is more of the
    degree's name ("Parisian Master of Research", "Joint MSc"): a capitalised word, no
    verb ("Completed", "Pursuing") and nothing between it and the degree."""
    return (before.isalpha() and before[:1].isupper() and text_before == f"{before} "
            and not re.search(r"(?:ed|ing)$", before))


def _degree_and_field(text: str, degree: Entity) -> tuple[str, str | None, str | None]:
    """(degree, field of study, institution) from a text holding a DEGREE entity."""
    end = degree.end
    follow = re.match(r"\s*(?:degree|diploma|\(hons?\.?\)|hons?\.?|\(honou?rs\))", text[end:], re.I)
    if follow:
        end += follow.end()
    end += _degree_in_brackets(text[end:])
    name = trim(text[degree.start:end])
    start = degree.start
    if start > 0 and text[start - 1] in "\"“" and text[end:end + 1] in ("\"", "”"):
        start, end = start - 1, end + 1  # a quoted degree: '"Bachillerato", Sciences - ...'
    before = trim(text[:start])
    after = trim(text[end:])
    institution = None
    for cut in (r"\s+(?:from|at)\s+", r",\s+", SPACED_DASH.pattern):
        parts = re.split(cut, after, maxsplit=1)
        # A degree "at" or "from" a name is from a school, named by a school word or
        # not ("Master of Research at ENS Paris-Saclay").
        named = "," not in cut and "–" not in cut and parts[-1][:1].isupper()
        named = named or ("–" in cut and _named_after_field(text[end:], parts[-1]))
        if len(parts) == 2 and (_is_school(parts[1]) or named):
            after, institution = trim(parts[0]), trim(parts[1])
            break
    if before and institution is None and _is_school(before):
        institution, before = before, ""  # "University of Ottawa, BASc in ..."
    if re.search(r"\b(?:for|of|in|a|an|the|pursuing)$", before, re.IGNORECASE):
        before = ""  # "Candidate for MBA": not a field of study
    if not text[end:].lstrip().startswith(","):  # "Master, Information Security in ..."
        name, after = _qualified_degree(name, after)
    if after and _qualifies_degree(before, text[:start]):
        name, before = f"{before} {name}", ""  # "Parisian Master of Research in ..."
    after = trim(re.sub(r"^(?:in|of|on|en)\s+", "", after, flags=re.I))  # "en": French, Spanish
    subject = after or before or None
    return name, subject, institution


# A kind of degree named by the word itself: "College Degree", "Associate Degree", with
# the field after it or not ("College Degree in Multimedia Systems Engineering").
_KIND_OF_DEGREE = re.compile(r"^([\w'’ .-]{0,40}\bdegree)(?:\s+[ie]n\s+(\S.*))?$", re.IGNORECASE)
# "<what> in <field>" on a line of its own: "Bootcamp in Software Development",
# "Périto en Informática in IT". The what is a few words, the field a name. ("en" is no
# "in" here: without a known degree before it, "Périto en Informática" is one name.)
_STUDIES_IN = re.compile(
    r"^(?P<what>[\"“'A-ZÀ-Þ][^\s,;:]*(?:\s+[^\s,;:]+){0,3}?)\s+in\s+"
    r"(?P<field>[\"“A-ZÀ-Þ][^;:!?]{0,100})$")


def _studies_in(item: str) -> tuple[str, str] | None:
    """(degree, field) of a line naming no degree this module knows but set as one is,
    "<what> in <field>" (typeset templates print "<studyType> in <area>" under the
    school): the what is the kind of studies."""
    match = _STUDIES_IN.match(item)
    if match is None or _NOT_A_DEGREE.search(match["what"]) or not _names_a_field(
            match["field"]):
        return None
    return trim(match["what"]), trim(match["field"])


def _studies_at(text: str) -> tuple[str, str] | None:
    """(what was studied, school) of "Computer Science at Universidad Complutense de
    Madrid", "Erasmus exchange at EPFL": the school is what follows the last " at "."""
    before, at, after = text.rpartition(" at ")
    if at and trim(before) and _is_school(after) and not _is_school(before):
        return trim(before), trim(after)
    return None


def _joined_brackets(lines: list[TextLine]) -> list[TextLine]:
    """A name wrapped inside its brackets ("Polytechnic (Mumbai" / "University)") made
    one line again: the bracket left open says the next line of the paragraph goes on,
    in the cell beside the dates too; so does a joining word ("TRANSPORT AND" /
    "TELECOMMUNICATION INSTITUTE"), even where each line is a block of its own."""
    joined: list[TextLine] = []
    for line in lines:
        above = joined[-1] if joined else None
        first_cell = above.text.split(FIELD_BREAK)[0] if above is not None else ""
        if above is not None and abs(above.size - line.size) <= 0.5 and (
                (not line.new_block and first_cell.count("(") > first_cell.count(")"))
                or (line.new_block and line.page == above.page and runs_on(above.text)
                    and FIELD_BREAK not in above.text + line.text)):
            joined[-1] = replace(above, text=merge_cells(above.text, line.text))
        else:
            joined.append(line)
    return joined


def _degrees_apart(lines: list[TextLine]) -> list[TextLine]:
    """A line opening with a degree, under a line whose first cell names a school, is a
    line of the entry's own, however near the column's edge the school's name reached
    ("Wichita State University" over "Bachelor in Computer" / "Science" in a sidebar)."""
    apart = lines[:1]
    for above, line in zip(lines, lines[1:]):
        school = above.text.partition(FIELD_BREAK)[0].strip()
        if (not line.new_block and not CONNECTOR_END.search(school) and _is_school(school)
                and _opens_with_degree(line.text)):
            line = replace(line, new_block=True)
        apart.append(line)
    return apart


def _school_styles(texts: list[tuple[TextLine, Period | None, list[str]]],
                   found: dict) -> set[tuple[bool, int]]:
    """The styles the section gives the schools it names: bold, or plain, larger than
    every line in another style, and naming a school in half its lines at least (compact
    sets the school at 10.5 pt over the degree and the dates at 9, none bold)."""
    named = [line for line, _, fields in texts
             if fields and any(e.label == "SCHOOL" for e in found.get(fields[0], ()))]
    styles = {line.style for line in named if line.bold}
    for style in {line.style for line in named if not line.bold}:
        alike = [line for line, _, fields in texts if fields and line.style == style]
        others = [line.size for line, _, fields in texts if fields and line.style != style]
        if (others and style[1] > max(others) + 0.5
                and 2 * sum(line in named for line in alike) >= len(alike)):
            styles.add(style)
    return styles


def _in_school_style(line: TextLine, school_styles: set[tuple[bool, int]]) -> bool:
    """A line in the style the section gives the schools it names ("Dalhousie
    University"): the name of a school without a school word ("UBC") heads its entry.
    A bulleted line is an item of its entry: flat sets the field in bold under the
    school ("• Computer Applications" over "Post Diploma")."""
    return line.style in school_styles and not is_bullet(line.text)


def _is_school(text: str) -> bool:
    return any(e.label == "SCHOOL" for e in entities([text])[0])


def _without_place(item: str) -> str:
    """A school's line without the place after it: after a dash, or a city with its
    region ("Anna University - Chennai", "..., Hyderabad, Telangana"); a lone city after
    a comma is part of the name ("California State University, Long Beach"). Google
    Docs' "School, Place – Degree" keeps what follows the place ("Ironwood Ridge High
    School, Arizona, USA – Cultural Exchange"), unless it is a date."""
    parts = SPACED_DASH.split(item, maxsplit=1)
    if len(parts) == 2 and "," in parts[0] and find_period(parts[1]) is None:
        school = _without_place(parts[0])
        if school != parts[0]:
            return f"{school} – {parts[1]}"
    rest, place = split_location(item)
    if place and rest and (SPACED_DASH.search(item) or "," in place):
        return rest
    return item


def _state_not_degree(item: str, degree: Entity) -> bool:
    """Whether the "degree" of ``item`` is a state's code ending a place ("Stanford, CA":
    not a Chartered Accountant; "Boston, MA": not a Master of Arts)."""
    last = item.rsplit(",", 1)[-1].strip()
    return "," in item and item[degree.start:degree.end] == last and is_location(item)


def _without_grade(item: str, grade: re.Match) -> str:
    """``item`` without its grade, nor the brackets the grade stood in ("Software
    Engineering (with honours) in ..." keeps no "()")."""
    rest = re.sub(r"\(\s*\)|\[\s*\]", "", item[:grade.start()] + item[grade.end():])
    return " ".join(rest.split()).strip(EDGE)


def _school_of_its_level(item: str, degree: Entity) -> bool:
    """Whether the "degree" of ``item`` is the end of a school's name: "Ironwood Ridge
    High School" is a school, where "High School" alone is a level of studies."""
    name = item[:degree.start].strip()
    return (item[degree.start:degree.end].casefold().endswith("school")
            and not trim(item[degree.end:]) and bool(name) and "," not in name
            and all(word[:1].isupper() for word in name.split()))


def _subject_then_school(piece: str) -> list[str]:
    """A school's piece that opens with the field of study before a dash ("Machine
    Learning & AI - NYU Tandon School of Engineering" after "Master of Science, "): the
    field and the school apart; other pieces whole."""
    found = _school_after_dash(piece)
    return list(found) if found else [piece]


def _school_after_dash(item: str) -> tuple[str, str] | None:
    """(what was studied, school) of a line that names the school last, after a dash,
    and what was studied before it ("Bachellor's, Computer Science - Universidad
    Complutense de Madrid", "Cultural Exchange, - Ironwood Ridge High School"): the school
    word after the dash, none before it, says where the school starts, whether or not
    the degree before it is one this module reads."""
    for dash in (" - ", " – "):
        before, cut, school = item.rpartition(dash)
        if cut and trim(before) and _is_school(school) and not _is_school(before):
            return trim(before), trim(school)
    return None


# Words that make a name a field of study, not a school ("Computer Science",
# "Business Administration"): the piece after a bare degree is then its field.
_FIELD_WORDS = frozenset(
    "science sciences engineering mathematics maths economics studies management "
    "technology technologies arts design physics chemistry biology medicine law business "
    "administration informatics computing philosophy psychology history literature "
    "communication communications finance accounting marketing education languages "
    "linguistics nursing pharmacy architecture statistics humanities analytics electronics "
    "electrical mechanical civil chemical".split())
# Studies that name their field ("… in Computer Science", "Périto en Informática"): the
# piece beside them cannot be the field ("BA, English" names a degree and its field).
_NAMES_FIELD = re.compile(r"\s(?:in|en)\s")


def _reads_as_studies(piece: str) -> bool:
    return (_opens_with_degree(piece) or _studies_in(piece) is not None
            or _KIND_OF_DEGREE.match(piece) is not None)


def _may_name_school(piece: str) -> bool:
    """Whether the piece beside what was studied can be the school: a short name, no
    place, date or grade, and no field's words unless a school's word is there too
    ("BS in Computer Science, Physics" names two fields)."""
    words = piece.split()
    if not piece[:1].isupper() or any(c.isdigit() for c in piece) or len(words) > 8:
        return False
    if is_location(piece) or GRADE.search(piece) or _reads_as_studies(piece):
        return False
    return _is_school(piece) or not _FIELD_WORDS & {w.casefold().strip("&,.") for w in words}


def _school_after_comma(pieces: list[str]) -> list[str] | None:
    """[what was studied, school] of a line's two comma pieces, one reading as studies
    that name their field ("Bachellor's in Computer Science", "Master of Research in …",
    "College Degree in …") and the other as a school's name, a school word in it or not
    ("ENS Paris-Saclay", "Coursera"), in either order; of three pieces or more, degrees
    each opening a piece, then the school ("BA Philosophy, BS Mathematics in Philosophy &
    Mathematics, UC Santa Barbara"), or the school then such degrees; None otherwise. A
    field after a bare degree ("Bachelor of Science, Computer Science"), a campus after
    the school ("University of California, Berkeley") or a body before it ("UNESCO,
    Madanjeet School of …") is no such line."""
    if len(pieces) < 2 or any(p.count("(") != p.count(")") for p in pieces):
        return None  # a comma inside brackets: "Diploma in X (Hardware, Networking)"
    if is_location(", ".join(pieces)):
        return None  # "Stanford, CA": "CA" is a state here, no Chartered Accountant
    if len(pieces) == 2:
        orders = [pieces, pieces[::-1]]
    elif all(_opens_with_degree(p) for p in pieces[:-1]):  # degrees, then the school
        orders = [[", ".join(pieces[:-1]), pieces[-1]]]
    elif all(_opens_with_degree(p) for p in pieces[1:]):  # the school, then degrees
        orders = [[", ".join(pieces[1:]), pieces[0]]]
    else:
        return None
    for studies, other in orders:
        if (_NAMES_FIELD.search(studies) and _reads_as_studies(studies)
                and not _school_inside(studies) and _may_name_school(other)):
            return [studies, other]
    return None


def _school_inside(studies: str) -> bool:
    """Whether studies name their school after the degree ("B.Tech. in Mechanical
    Engineering from University Institute of Engineering"): the piece beside them is
    then more of the school's name or its place. "College Degree" is no school."""
    return any(e.label == "SCHOOL" and e.start > 0 for e in entities([studies])[0])


_JOINED_TO_DEGREE = re.compile(r"^(?:at|from)\s+(?=[A-Z])")


def _school_name(item: str) -> str:
    """The school of a line that names it among places ("Imo State University, Owerri,
    Imo State"): the one piece of three or more that names a school; else the line. A
    line under the degree that opens with "at" or "from" ("at New College") names the
    school after it."""
    item = _JOINED_TO_DEGREE.sub("", item)
    pieces = [p for p in (trim(p) for p in item.split(",")) if p]
    named = [p for p in pieces if _is_school(p)]
    return named[0] if len(named) == 1 and len(pieces) >= 3 else item


def _school_before_dash(item: str) -> tuple[str, str] | None:
    """(school, what was studied) of a line that names the school first and the degree
    after a dash, as Google Docs' templates print it ("University of Strasbourg –
    Master's Degree in Computer Science", "UC Santa Barbara – BA Philosophy, BS
    Mathematics in Philosophy & Mathematics"): the part after the first dash opens with
    a degree, the part before names none and is a school or the degree names its field;
    studies this module knows no degree of count when set as one is ("Hack Reactor –
    Bootcamp in Software Development", "ISLA Gaia – College Degree in Multimedia").
    A field before its degree ("Computer Science - BSc") is no school."""
    for dash in (" – ", " — ", " - "):
        before, cut, after = item.partition(dash)
        if not (cut and trim(before) and trim(after)) or _opens_with_degree(before):
            continue
        if _opens_with_degree(after) and (_is_school(before) or re.search(r"\s[ie]n\s", after)):
            return trim(before), trim(after)
        if len(before.split()) <= 6 and (_studies_in(trim(after))
                                         or _KIND_OF_DEGREE.match(trim(after))):
            return trim(before), trim(after)
    return None


def _education_fields(text: str) -> list[str]:
    """Fields of an education line: tab stops and pipes; commas too when they separate
    a degree from a school ("Physics, BSc, University of X"). A place after a school
    ("Anna University - Chennai, Tamil Nadu") is left out."""
    fields: list[str] = []
    previous_kind = 0
    for item in header_fields(text):
        item = _without_place(item)
        if _school_before_dash(item):
            fields.append(item)  # cut at its dash where it is read, its commas kept
            continue
        pieces = [trim(p) for p in item.split(",") if trim(p)]
        labels = [{e.label for e in ents} for ents in entities(pieces)] if len(pieces) > 1 else []
        kinds = [("DEGREE" in l) + 2 * ("SCHOOL" in l) for l in labels]
        if not (1 in kinds and 2 in kinds):
            fields.extend(_school_after_comma(pieces) or [item])
            continue
        for piece, kind in zip(pieces, kinds):
            # A campus after its school stays with it: "University of California, Berkeley".
            after_school = fields and kind == 0 and previous_kind == 2
            if after_school and len(piece.split()) <= 3 and piece[0].isupper() and not (
                len(piece) <= 3 and piece.isupper()
            ):
                fields[-1] += f", {piece}"
            elif kind == 2:
                fields.extend(_subject_then_school(piece))
            else:
                fields.append(piece)
            previous_kind = kind
    return fields


def _subject_apart(school: _School) -> str | None:
    """The field of study on a line of its own beside the degree (themes print "Bachelor"
    and "Computer Science" one under the other): the entry's first other line when it
    names a school and a degree, and that line is a short name, no sentence or note."""
    if not (school.degree and school.institution and school.extra):
        return None
    text = strip_bullet(school.extra[0])
    return text if _is_short_name(text) else None


def _is_short_name(text: str) -> bool:
    """A few capitalised words naming something: no sentence, note, date or place."""
    words = text.split()
    return (1 <= len(words) <= 6 and text[:1].isupper() and not any(c.isdigit() for c in text)
            and ":" not in text and not re.search(r"[;.!?&,]$|\s(?:and|of|in|for)$", text)
            and not is_location(text) and heading_section(text) is None)  # "Courses"


def _heads_study_type(line: TextLine, following: TextLine, current: _School) -> bool:
    """Whether a line under the school, in the schools' bold style or not, is the field
    set over the study type indented under it (flat and pumpkin print "Blockchain
    Development" in bold, then "Online" further in): the entry has no degree yet and
    the next line (a name, not dates flush right) is plain, no bullet, set deeper."""
    return (not following.bold and not is_bullet(following.text)
            and following.indent > line.indent + 2 and current.institution is not None
            and current.degree is None)


def _degree_under_school(line: TextLine, parts: list[tuple[str, str]], current: _School,
                         school_styles: set[tuple[bool, int]], after_school: bool) -> bool:
    """Whether a line's one plain name names the degree: typeset templates print the
    school in bold, then the study type on the next line, with the dates or the place
    flush right ("Ironwood Ridge High School" / "Cultural Exchange ⇥ Aug 2016 – May
    2017"), flat after a bulleted field. A line in the schools' style names the next
    school instead; a bulleted one is a note or the field (flat prints "• Mechanical
    Engineering" over "Master"); two names a slash sets apart are field and degree in
    some order ("Software Development / Bootcamp"), neither known to be the degree."""
    return (after_school and len(parts) == 1 and parts[0][0] == "extra"
            and bool(school_styles) and not _in_school_style(line, school_styles)
            and not is_bullet(line.text) and " / " not in parts[0][1]
            and current.degree is None and _is_short_name(parts[0][1]))


def _next_school_by_dates(parts: list[tuple[str, str]], period: Period | None,
                          current: _School, following: tuple | None, found: dict) -> bool:
    """Whether a name alone on its dated line, after a school with dates of its own and
    over a line that names a degree, is the next school, though no school word says so
    ("2008 - 2011 ⇥ Durgapur Society of Management Science" over "Bachelor: …")."""
    if not (period is not None and len(parts) == 1 and current.period is not None
            and current.institution is not None and following is not None):
        return False
    name = parts[0][1]
    return (_is_short_name(name) and not _reads_as_studies(name) and any(
        e.label == "DEGREE" for field in following[2] for e in found.get(field, ())))


def education_entries(lines: list[TextLine], pdf: bool = False) -> list[EducationEntry]:
    entries: list[EducationEntry] = []
    for run in tables_apart(cards_in_order(lines)):
        entries += run.entries if isinstance(run, SchoolTable) else _entries(run, pdf)
    return entries


def _entries(lines: list[TextLine], pdf: bool) -> list[EducationEntry]:
    """The entries of lines that are no table of schools, read by their words."""
    if pdf:
        lines = join_wrapped(_degrees_apart(_joined_brackets(lines)))
    texts: list[tuple[TextLine, Period | None, list[str]]] = []
    for line in lines:
        text = strip_bullet(line.text)
        if is_bullet(line.text) and len(text.split()) >= 6 and not any(
            e.label in ("DEGREE", "SCHOOL") for e in entities([text])[0]
        ):
            continue  # a description under the school ("• Dean's list, 4 of 6 semesters")
        period, text = take_period(text)
        if period is None:
            period = find_period(text) if re.fullmatch(r"[\d\s/.–-]+", text.strip(EDGE)) else None
            if period is not None:
                text = ""
        texts.append((line, period, _education_fields(text)))
    all_fields = [f for _, _, fields in texts for f in fields]
    found = dict(zip(all_fields, entities(all_fields)))

    school_styles = _school_styles(texts, found)
    # Schools named on their dated line alone ("Dalhousie University ⇥ 2005 – 2009"): a
    # name without a school word on such a line ("UBC ⇥ 2013") names a school too.
    # So does one where every line is such a dated name, none naming a school or a degree
    # (paper-plus-plus: "2005 – 2011 ⇥ Telecom Lille", all the person wrote of it).
    dated_schools = any(period is not None and len(fields) == 1 and any(
        e.label == "SCHOOL" for e in found.get(fields[0], ())) for _, period, fields in texts
    ) or (all(period is not None for _, period, fields in texts if fields) and not any(
        e.label in ("SCHOOL", "DEGREE") for ents in found.values() for e in ents))
    schools: list[_School] = []
    current = _School()

    def start_new() -> None:
        nonlocal current
        if current.degree or current.institution:
            schools.append(current)
        current = _School()

    after_school = False  # the line before named the entry's school
    for index, (line, period, fields) in enumerate(texts):
        parts: list[tuple[str, str]] = []  # (kind, text)
        # "ENS Paris-Saclay, Master of Research in …": the piece beside the studies is
        # the school, though no school word says so.
        beside = _school_after_comma(fields)
        for item in fields:
            if beside and item == beside[1]:
                parts.append(("institution", item))
                continue
            named = _school_before_dash(item)
            if named:  # the school, then what was studied there
                parts.append(("institution", _school_name(_without_place(named[0]))))
                item = named[1]
            grade = GRADE.search(item)
            if grade:
                parts.append(("grade", grade.group().strip()))
                item = _without_grade(item, grade)
                if not item:
                    continue
            ents = found.get(item) or entities([item])[0]
            degree = next((e for e in ents if e.label == "DEGREE"), None)
            if degree is not None and _state_not_degree(item, degree):
                continue  # the school's place: "Stanford, CA", "Boston, MA"
            kind = _KIND_OF_DEGREE.match(item)
            school = any(e.label == "SCHOOL" for e in ents) and not (kind and not kind[2])
            if degree is not None and _school_of_its_level(item, degree):
                degree, school = None, True
            if degree is None and kind:
                # "College Degree", "Bachelor's degree in Physics"
                parts.append(("degree", kind[1]))
                if kind[2]:
                    parts.append(("subject", trim(kind[2])))
                continue
            if degree is not None and not (school and degree.start > 0):
                name, subject, institution = _degree_and_field(item, degree)
                parts.append(("degree", name))
                if subject:
                    parts.append(("subject", subject))
                if institution:
                    parts.append(("institution", institution))
            elif school and (studied := _studies_at(item)):
                parts += [("subject", studied[0]), ("institution", studied[1])]
            elif school and (dashed := _school_after_dash(item)):
                parts += [("institution", dashed[1]), ("extra", dashed[0])]
            elif school:
                parts.append(("institution", _school_name(item)))
            elif (current.degree is None or named or beside) and (
                    studied := _studies_in(item)):
                # Only while the entry has no degree: under one, "Minor in X" is a note.
                parts += [("degree", studied[0]), ("subject", studied[1])]
            elif not is_location(item):
                parts.append(("extra", item))
        following = texts[index + 1] if index + 1 < len(texts) else None
        heads_study_type = after_school and following is not None and bool(
            following[2]) and _heads_study_type(line, following[0], current)
        by_place = _degree_under_school(line, parts, current, school_styles, after_school)
        if by_place:
            parts[0] = ("degree", parts[0][1])
        elif parts and parts[0][0] == "extra" and not heads_study_type and (
                _in_school_style(line, school_styles)
                or (dated_schools and period is not None and len(parts) == 1)
                or _next_school_by_dates(parts, period, current, following, found)):
            parts[0] = ("institution", parts[0][1])  # "UBC", "Hack Reactor ⇥ 06/2016"
        kinds = {kind for kind, _ in parts}
        if (current.degree_by_place and current.subject is None and kinds == {"degree"}
                and period is None):
            current.subject, current.degree = current.degree, None
            current.degree_by_place = False
        # A degree or school the current entry already has starts the next one; a line
        # that completes it ("MIT Sloan ⇥ 2000" then "Candidate for MBA, June 2002") not.
        clash = ("degree" in kinds and current.degree) or (
            "institution" in kinds and current.institution
        ) or (  # a school with dates of its own after a dated entry: the next school
            "institution" in kinds and period is not None and current.period is not None
        ) or (  # dates on a line of their own after a dated school: the next one's (fresh)
            not fields and period is not None and period.start is not None
            and current.period is not None and current.institution is not None
        )
        if clash:
            start_new()
        for kind, text in parts:
            if kind == "extra":
                current.extra.append(text)
            elif getattr(current, kind) is None:
                setattr(current, kind, text)
        if period is not None and current.period is None:
            current.period = period
        current.degree_by_place = current.degree_by_place or by_place
        # A place or a bulleted field ("• HFI" over "CUA Certification Course", flat)
        # between the school's line and the study type's.
        after_school = "institution" in kinds or (
            after_school and (not parts or is_bullet(line.text) or heads_study_type))
    start_new()
    return [
        EducationEntry(
            degree=s.degree,
            field=s.subject or _subject_apart(s),
            institution=s.institution or (s.extra[0] if s.extra and s.degree else None),
            start=s.period.start if s.period else None,
            end=s.period.end if s.period else None,
            grade=s.grade,
        )
        for s in schools
    ]

