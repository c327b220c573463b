"""Experience and education entries from a section's lines.

Experience: lines are headers (short, or holding a date range), bullets (a glyph) or
body text (long sentences, "Stack: a, b" lists); a wrapped line joins the bullet it
continues. A run of header lines starts an entry; a run holding two date ranges is two
entries. The header's date range gives start and end; the rest is cut into fields (tab
stops, lines, then " | ", " at ", dashes, commas as needed) that are classified by the
spaCy entity ruler (TITLE, ORG) and the place list into title, company and location.

Education: each line's fields are degree (and field of study after it), institution,
dates and grade; a line naming a degree or institution the current entry already has
starts the next entry.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from engine.parse.contact import is_location
from engine.parse.dates import Period, find_period
from engine.resume import Bullet, EducationEntry, ExperienceEntry
from engine.parse.nlp import Entity, entities
from engine.extract.lines import BULLET, FIELD_BREAK, TextLine

_ABBREVIATION_END = re.compile(
    r"\b(?:inc|ltd|co|corp|llc|jr|sr|st|dr|l\.p|u\.s|u\.k|e\.g|etc|pvt|bros|intl)\.$",
    re.IGNORECASE,
)
FULL_LINE = 0.88  # share of the column a line reaches when the next word wrapped
_SENTENCE_END = re.compile(r"[.!?;]$")
_PAST_VERB = re.compile(r"^(?:[A-Z][a-z]{2,}ed|Built|Led|Ran|Won|Made|Wrote|Drove|Grew|Taught|"
                        r"Brought|Sold|Set|Oversaw|Spearheaded)$")
_LABEL_LIST = re.compile(r"^[^\s:][^:]{0,30}:\s+\S")
_LABEL_ONLY = re.compile(r"^[^:]{2,40}:$")
_EDGE = " \t|,;:–—-·•/"
_DURATION = re.compile(
    r"\(?\b\d+(?:\.\d+)?\s*\+?\s*(?:years?|yrs?|months?|mos?)\b"
    r"(?:\s*(?:and\s*)?\d+\s*(?:months?|mos?)\b)?\)?",
    re.IGNORECASE,
)
_URL_LIKE = re.compile(r"(?:https?://|www\.)\S*|\b[a-z][\w-]*(?:\.[a-z][\w-]*)+/\S*",
                       re.IGNORECASE)
_SPLITTERS = (
    re.compile(r"\s+\|\s+"),
    re.compile(r"\s+(?:at|@)\s+"),
    re.compile(r"\s+[–—]\s+|\s+-\s+"),
    re.compile(r",\s+"),
)
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


def trim(text: str) -> str:
    """``text`` without separators at its ends, nor an unmatched bracket ("(Full-time"
    keeps its bracket: "Engineer (Full-time)")."""
    text = text.strip(_EDGE)
    for opening, closing in ("()", "[]"):
        while text.endswith(closing) and text.count(opening) < text.count(closing):
            text = text[:-1].strip(_EDGE)
        while text.startswith(opening) and text.count(closing) < text.count(opening):
            text = text[1:].strip(_EDGE)
        if text.startswith(opening) and text.endswith(closing) and text.count(opening) == 1:
            text = text[1:-1].strip(_EDGE)
    return text


def is_bullet(text: str) -> bool:
    return text.startswith(BULLET)


def strip_bullet(text: str) -> str:
    return text[1:].strip() if is_bullet(text) else text


def looks_like_body(text: str) -> bool:
    """A sentence or a list rather than a heading of an entry."""
    if is_bullet(text):
        # ...unless it is an entry's heading in a list: "• 1998-2000 ⇥ ACME ⇥ Boston".
        return not (FIELD_BREAK in text and _dated(text))
    if find_period(text) is not None and _dated(text):
        return False
    words = text.split()
    if len(words) >= 11 or len(text) >= 90:
        return True
    # Sentences are mostly lowercase words; headings ("Director of Sales and Marketing")
    # mostly capitalised. A line opening with a past-tense verb is an achievement.
    lower = sum(w[0].islower() for w in words)
    if len(words) >= 6 and lower > 0.5 * len(words):
        return True
    if len(words) >= 3 and _PAST_VERB.match(words[0]) and lower >= 1:
        return True
    if text.endswith(".") and len(words) >= 3 and not _ABBREVIATION_END.search(text):
        return True
    return (_LABEL_LIST.match(text) is not None and "," in text) or text.count(",") >= 3


def _dated(text: str) -> bool:
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
    return set_apart and not after.strip(_EDGE)


@dataclass
class _Entry:
    header: list[TextLine] = field(default_factory=list)
    body: list[str] = field(default_factory=list)  # bullets and paragraphs, joined


def _continues(line: TextLine, previous: TextLine, last: TextLine, pdf: bool,
               full_width: int) -> bool:
    """Whether ``line`` is the wrapped rest of the bullet or paragraph before it
    (``previous`` is where that item started, ``last`` its last line so far)."""
    text = line.text
    if is_bullet(text) or _dated(text):
        return False
    if text[0].islower() or (text[0] in "(&" and not line.new_block):
        return True
    if not pdf:
        return False
    # A hanging indent: the bullet's glyph stands left of where its text (and its
    # wrapped lines) start.
    if is_bullet(previous.text) and line.indent > previous.indent + 2 and not line.bold:
        return True
    if line.new_block:
        return False
    # An item ends with its sentence, or with a line that stops short of the column's
    # edge (a wrapped line reaches it: the next word did not fit).
    if text[0].isupper():
        short = not wraps_into(last, line) if last.fill else len(last.text) < 0.6 * full_width
        if short or _SENTENCE_END.search(last.text):
            return False
    return not (line.bold and not previous.bold)


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


def _typical_width(lines: list[TextLine]) -> int:
    lengths = sorted(len(line.text) for line in lines)
    return lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0


def paragraph_items(lines: list[TextLine], pdf: bool) -> list[str]:
    """Bullets and paragraphs of a section without entries (projects, awards...): a
    glyph starts an item, and so does a line that does not continue the one above."""
    items: list[str] = []
    full_width = _typical_width(lines)
    start: TextLine | None = None
    last: TextLine | None = None
    for line in lines:
        text = line.text
        if text == BULLET:
            continue
        if (last is not None and not (line.new_block and not pdf)
                and _continues(line, start or last, last, pdf, full_width)):
            items[-1] += " " + text
        else:
            items.append(strip_bullet(text))
            start = line
        last = line
    return [item for item in items if item]


def group_entries(lines: list[TextLine], pdf: bool) -> list[_Entry]:
    full_width = _typical_width(lines)
    entries: list[_Entry] = []
    previous: TextLine | None = None
    previous_kind = ""
    bullet_start: TextLine | None = None
    for line in lines:
        text = line.text
        label_only = _LABEL_ONLY.match(text) and len(text.split()) <= 4 and not _dated(text)
        if text == BULLET or label_only:
            continue  # a lone glyph, "Responsibilities:"
        if previous is not None and previous_kind in ("bullet", "body") and _continues(
            line, bullet_start or previous, previous, pdf, full_width
        ):
            entries[-1].body[-1] += " " + text
            previous = line
            continue
        inside_paragraph = (  # a PDF line in the same block as the sentences above it
            pdf and previous_kind in ("bullet", "body") and not line.new_block
            and not line.bold and not _dated(text)
        )
        if inside_paragraph or looks_like_body(text):
            if not entries:
                entries.append(_Entry())
            entries[-1].body.append(strip_bullet(text))
            previous_kind = "bullet" if is_bullet(text) else "body"
            bullet_start = line if is_bullet(text) else None
        else:
            if not entries or entries[-1].body or previous_kind in ("bullet", "body"):
                entries.append(_Entry())
            header = entries[-1].header
            if (header and (text[0] in "(&" or text[0].islower()) and not line.new_block
                    and not _dated(text)):
                header[-1] = replace(header[-1], text=f"{header[-1].text} {text}")
            elif header and _wrapped_cells(header[-1], line):
                header[-1] = replace(header[-1], text=_merge_cells(header[-1].text, text))
            else:
                header.append(line)
            previous_kind = "header"
            bullet_start = None
        previous = line
    return _split_double_headers(entries)


def _wrapped_cells(previous: TextLine, line: TextLine) -> bool:
    """Whether ``line`` holds the wrapped tails of ``previous``'s table cells ("Mobile
    Application ⇥ 2014 – 2015" over "Developer"): same paragraph, no date of its own,
    and tab-separated like the line above or a single word under its first cell."""
    if line.new_block or FIELD_BREAK not in previous.text or _dated(line.text):
        return False
    cells = line.text.count(FIELD_BREAK) + 1
    if FIELD_BREAK in line.text:
        return cells <= previous.text.count(FIELD_BREAK) + 1
    return len(line.text.split()) == 1


def _merge_cells(above: str, below: str) -> str:
    top = above.split(FIELD_BREAK)
    bottom = below.split(FIELD_BREAK)
    return FIELD_BREAK.join(
        f"{a}{'' if a.endswith('-') else ' '}{b}" if b else a
        for a, b in zip(top, bottom + [""] * (len(top) - len(bottom)))
    )


def _split_double_headers(entries: list[_Entry]) -> list[_Entry]:
    """A header run with several dated lines is several entries without bullets (or the
    last one with them): cut it so each piece keeps one date, in the run's own pattern
    (date on the first line of each piece, or on its last)."""
    result: list[_Entry] = []
    for entry in entries:
        dated = [i for i, line in enumerate(entry.header) if _dated(line.text)]
        if len(dated) < 2:
            result.append(entry)
            continue
        lines = entry.header
        size = len(lines) // len(dated)
        if len(lines) % len(dated) == 0 and all(
            (i - dated[0]) % size == 0 for i in dated
        ) and dated[0] < size:
            pieces = [lines[k: k + size] for k in range(0, len(lines), size)]
        elif dated[0] == 0:
            cuts = dated + [len(lines)]
            pieces = [lines[a:b] for a, b in zip(cuts, cuts[1:])]
        else:
            cuts = [0] + [i + 1 for i in dated[:-1]] + [len(lines)]
            pieces = [lines[a:b] for a, b in zip(cuts, cuts[1:])]
        for piece in pieces[:-1]:
            result.append(_Entry(header=piece))
        result.append(_Entry(header=pieces[-1], body=entry.body))
    return result


# --- header fields ------------------------------------------------------------------


def _take_period(text: str) -> tuple[Period | None, str]:
    if not _dated(text):
        return None, text
    period = find_period(text)
    assert period is not None
    rest = (text[: period.begin].rstrip(" ([|,–-:") + " " + text[period.finish:].lstrip(" )]|,–-"))
    return period, rest.strip()


def _fields(text: str) -> list[str]:
    """The fields of a header line: tab stops and " | " or " • " cut it; web addresses
    and durations ("3 months") are left out."""
    text = _DURATION.sub(" ", _URL_LIKE.sub(" ", text))
    # A pipe also joins names ("Yellowpages.com | AT&T"): a cut only on lines without
    # tab stops, which lay out their fields with those.
    cuts = r"\t|\s+[•·]\s+" if FIELD_BREAK in text else r"\s+[|•·]\s+"
    parts = [trim(p) for p in re.split(cuts, text)]
    return [p for p in parts if p and any(c.isalpha() for c in p)]


def _split_location(text: str) -> tuple[str, str | None]:
    """ "Acme Corp, Austin, TX" -> ("Acme Corp", "Austin, TX"); also with a dash
    ("INFOSYS LIMITED - Pune, Maharashtra")."""
    dashed = re.split(r"\s+[-–]\s+", text)
    if len(dashed) >= 2 and is_location(trim(dashed[-1])) and trim(" - ".join(dashed[:-1])):
        return trim(" - ".join(dashed[:-1])), trim(dashed[-1])
    parts = [p.strip() for p in text.split(",")]
    for size in (3, 2, 1):
        if len(parts) > size:
            tail = ", ".join(parts[-size:])
            if is_location(tail):
                return trim(", ".join(parts[:-size])), tail
    return text, None


@dataclass
class _Field:
    text: str
    title: float = 0
    org: float = 0


def _score(text: str, found: list[Entity]) -> _Field:
    """Title words count anywhere; a company-form word counts fully at the end of the
    field ("Acme Systems") and little inside it ("Order Management Systems (ETOMS)")."""
    item = _Field(text)
    end = len(text.rstrip(" .,)"))
    for entity in found:
        if entity.label == "TITLE":
            item.title += 1
        elif entity.label == "SCHOOL" or (entity.label == "ORG" and entity.end >= end - 1):
            item.org += 1
        elif entity.label in ("ORG", "GPE"):
            item.org += 0.4
    return item


def _classify(texts: list[str]) -> list[_Field]:
    return [_score(t, e) for t, e in zip(texts, entities(texts))]


def _title_and_company(fields: list[str], first_bold: bool) -> tuple[str | None, str | None]:
    if not fields:
        return None, None
    if len(fields) == 1:
        for splitter in _SPLITTERS:
            parts = [trim(p) for p in splitter.split(fields[0], maxsplit=1)]
            if len(parts) == 2 and all(parts):
                left, right = _classify(parts)
                # Split only when the pieces read as a title and a company.
                if (left.title > left.org) != (right.title > right.org):
                    fields = parts
                    break
        else:
            (only,) = _classify(fields)
            return (only.text, None) if only.title > only.org else (None, only.text)
    scored = _classify(fields)
    titled = [f for f in scored if f.title > f.org]
    if titled:
        title = max(titled, key=lambda f: f.title - f.org)
        rest = [f for f in scored if f is not title]
        return title.text, rest[0].text if rest else None
    # No title word anywhere: a bold first line is the company, else "Title, Company".
    if first_bold:
        return scored[1].text, scored[0].text
    return scored[0].text, scored[1].text


_OPEN_RANGE = re.compile(r"\s*[–-]\s*$")


def _join_split_range(header: list[TextLine]) -> list[TextLine]:
    """A range broken over two lines ("May 2016 –" ... "Aug 2016") made whole on the
    first line."""
    for index, line in enumerate(header[:-1]):
        first = line.text.split(FIELD_BREAK)[0]
        if _OPEN_RANGE.search(first) and find_period(first) is not None:
            following = header[index + 1]
            period = find_period(following.text)
            if period is not None and period.begin == 0:
                rest = following.text[period.finish:].strip(_EDGE)
                joined = first + " " + following.text[: period.finish]
                tail = line.text[len(first):]
                header = list(header)
                header[index] = replace(line, text=joined + tail)
                header[index + 1] = replace(following, text=rest)
                return [h for h in header if h.text]
    return header


def experience_entries(lines: list[TextLine], pdf: bool) -> list[ExperienceEntry]:
    result: list[ExperienceEntry] = []
    for entry in group_entries(lines, pdf):
        entry.header = _join_split_range(entry.header)
        period: Period | None = None
        location: str | None = None
        fields: list[str] = []
        for line in entry.header:
            found, text = _take_period(line.text) if period is None else (None, line.text)
            period = period or found
            for item in _fields(text):
                if location is None and is_location(item):
                    location = item.strip(" ()")
                    continue
                item, place = _split_location(item)
                location = location or place
                if item:
                    fields.append(item)
        if not period and result and (not fields or (
            result[-1].start or result[-1].end) and not any(
                f.title > f.org for f in _classify(fields))):
            # Not a new role: a sub-heading or an unmarked line inside the previous one.
            texts = [line.text for line in entry.header] if fields else []
            result[-1].bullets += [Bullet(id="", text=t) for t in [*texts, *entry.body]]
            continue
        first_bold = bool(entry.header) and (entry.header[0].bold or entry.header[0].caps)
        title, company = _title_and_company(fields[:3], first_bold)
        result.append(
            ExperienceEntry(
                title=title,
                company=company,
                location=location,
                start=period.start if period else None,
                end=period.end if period else None,
                bullets=[Bullet(id="", text=t) for t in entry.body],
            )
        )
    for number, job in enumerate(result):
        for index, bullet in enumerate(job.bullets):
            bullet.id = f"experience.{number}.{index}"
    return [job for job in result if job.title or job.company or job.bullets]


# --- education ----------------------------------------------------------------------


@dataclass
class _School:
    degree: str | None = None
    subject: str | None = None  # the field of study
    institution: str | None = None
    period: Period | None = None
    grade: str | None = None
    extra: list[str] = field(default_factory=list)


def _degree_and_field(text: str, degree: Entity) -> tuple[str, str | None, str | None]:
    """(degree, field of study, institution) from a text holding a DEGREE entity."""
    end = degree.end
    follow = re.match(r"\s*(?:degree|diploma|\(hons?\.?\)|hons?\.?|\(honou?rs\))", text[end:], re.I)
    if follow:
        end += follow.end()
    name = trim(text[degree.start:end])
    before = trim(text[: degree.start])
    after = trim(text[end:])
    institution = None
    for cut in (r"\s+(?:from|at)\s+", r",\s+", r"\s+[–—-]\s+"):
        parts = re.split(cut, after, maxsplit=1)
        if len(parts) == 2 and _is_school(parts[1]):
            after, institution = trim(parts[0]), trim(parts[1])
            break
    if before and institution is None and _is_school(before):
        institution, before = before, ""  # "University of Ottawa, BASc in ..."
    if re.search(r"\b(?:for|of|in|a|an|the|pursuing)$", before, re.IGNORECASE):
        before = ""  # "Candidate for MBA": not a field of study
    after = trim(re.sub(r"^(?:in|of|on)\s+", "", after, flags=re.I))
    subject = after or before or None
    return name, subject, institution


def _is_school(text: str) -> bool:
    return any(e.label == "SCHOOL" for e in entities([text])[0])


def _without_place(item: str) -> str:
    """A school's line without the place after it: after a dash, or a city with its
    region ("Anna University - Chennai", "..., Hyderabad, Telangana"); a lone city after
    a comma is part of the name ("California State University, Long Beach")."""
    rest, place = _split_location(item)
    if place and rest and (re.search(r"\s[-–]\s", item) or "," in place):
        return rest
    return item


def _education_fields(text: str) -> list[str]:
    """Fields of an education line: tab stops and pipes; commas too when they separate
    a degree from a school ("Physics, BSc, University of X"). A place after a school
    ("Anna University - Chennai, Tamil Nadu") is left out."""
    fields: list[str] = []
    previous_kind = 0
    for item in _fields(text):
        item = _without_place(item)
        pieces = [trim(p) for p in item.split(",") if trim(p)]
        labels = [{e.label for e in ents} for ents in entities(pieces)] if len(pieces) > 1 else []
        kinds = [("DEGREE" in l) + 2 * ("SCHOOL" in l) for l in labels]
        if not (1 in kinds and 2 in kinds):
            fields.append(item)
            continue
        for piece, kind in zip(pieces, kinds):
            # A campus after its school stays with it: "University of California, Berkeley".
            after_school = fields and kind == 0 and previous_kind == 2
            if after_school and len(piece.split()) <= 3 and piece[0].isupper() and not (
                len(piece) <= 3 and piece.isupper()
            ):
                fields[-1] += f", {piece}"
            else:
                fields.append(piece)
            previous_kind = kind
    return fields


_CONNECTOR_END = re.compile(r"(?:[,/&–-]|\b(?:of|in|and|for|the|at|de|du|der))$", re.IGNORECASE)


def join_wrapped(lines: list[TextLine]) -> list[TextLine]:
    """PDF lines that wrapped in a narrow column joined back: a line in the same
    paragraph and style as the one above, which reached the column's edge or ended on a
    comma or a connecting word ("University of" / "Manchester")."""
    joined: list[TextLine] = []
    for line in lines:
        if joined and not line.new_block and not is_bullet(line.text):
            above = joined[-1]
            first_cell = above.text.partition(FIELD_BREAK)[0]
            wrapped = wraps_into(above, line) or _CONNECTOR_END.search(first_cell)
            if wrapped and above.bold == line.bold and FIELD_BREAK not in line.text:
                # Into the first cell when the line above has several ("BASc in
                # Software ⇥ 2012 – 2016" over "Engineering").
                first, tab, rest = above.text.partition(FIELD_BREAK)
                text = f"{first} {line.text}{tab}{rest}"
                joined[-1] = replace(above, text=text, fill=line.fill)
                continue
        joined.append(line)
    return joined


def education_entries(lines: list[TextLine], pdf: bool = False) -> list[EducationEntry]:
    if pdf:
        lines = join_wrapped(lines)
    texts: list[tuple[TextLine, Period | None, list[str]]] = []
    for line in lines:
        text = strip_bullet(line.text)
        if is_bullet(line.text) and len(text.split()) >= 6 and not any(
            e.label in ("DEGREE", "SCHOOL") for e in entities([text])[0]
        ):
            continue  # a description under the school ("• Dean's list, 4 of 6 semesters")
        period, text = _take_period(text)
        if period is None:
            period = find_period(text) if re.fullmatch(r"[\d\s/.–-]+", text.strip(_EDGE)) else None
            if period is not None:
                text = ""
        texts.append((line, period, _education_fields(text)))
    all_fields = [f for _, _, fields in texts for f in fields]
    found = dict(zip(all_fields, entities(all_fields)))

    schools: list[_School] = []
    current = _School()

    def start_new() -> None:
        nonlocal current
        if current.degree or current.institution:
            schools.append(current)
        current = _School()

    for line, period, fields in texts:
        parts: list[tuple[str, str]] = []  # (kind, text)
        for item in fields:
            grade = GRADE.search(item)
            if grade:
                parts.append(("grade", grade.group().strip()))
                item = (item[: grade.start()] + item[grade.end():]).strip(_EDGE)
                if not item:
                    continue
            ents = found.get(item) or entities([item])[0]
            degree = next((e for e in ents if e.label == "DEGREE"), None)
            school = any(e.label == "SCHOOL" for e in ents)
            if degree is not None and not (school and degree.start > 0):
                name, subject, institution = _degree_and_field(item, degree)
                parts.append(("degree", name))
                if subject:
                    parts.append(("subject", subject))
                if institution:
                    parts.append(("institution", institution))
            elif school:
                pieces = [trim(p) for p in item.split(",")]
                pieces = [p for p in pieces if p]
                named = [p for p in pieces if _is_school(p)]
                parts.append(("institution", item if len(named) != 1 or len(pieces) < 3
                              else named[0]))
            elif not is_location(item):
                parts.append(("extra", item))
        kinds = {kind for kind, _ in parts}
        # A degree or school the current entry already has starts the next one; a line
        # that completes it ("MIT Sloan ⇥ 2000" then "Candidate for MBA, June 2002") not.
        clash = ("degree" in kinds and current.degree) or (
            "institution" in kinds and current.institution
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
    start_new()
    return [
        EducationEntry(
            degree=s.degree,
            field=s.subject,
            institution=s.institution or (s.extra[0] if s.extra and s.degree else None),
            start=s.period.start if s.period else None,
            end=s.period.end if s.period else None,
            grade=s.grade,
        )
        for s in schools
    ]
