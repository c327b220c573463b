"""Experience entries from a section's lines.

Lines are headers (short, or holding a date range), bullets (a glyph) or body text
(long sentences, "Stack: a, b" lists); a wrapped line joins the bullet it continues. A
run of header lines starts an entry; a run holding two date ranges is two entries. The
header's date range gives start and end; the rest is cut into fields (tab stops, lines,
then " | ", " at ", dashes, commas as needed) that are classified by the spaCy entity
ruler (TITLE, ORG) and the place list into title, company and location.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from engine.extract.lines import BULLET, FIELD_BREAK, TextLine
from engine.parse.contact import is_location
from engine.parse.dates import Period, find_period
from engine.parse.entry_lines import (
    EDGE,
    LABEL_ONLY,
    SENTENCE_END,
    continues,
    header_fields,
    is_bullet,
    is_dated,
    looks_like_body,
    split_location,
    strip_bullet,
    take_period,
    trim,
    typical_width,
)
from engine.parse.nlp import Entity, entities
from engine.resume import Bullet, ExperienceEntry

SPLITTERS = (
    re.compile(r"\s+\|\s+"),
    re.compile(r"\s+(?:at|@)\s+"),
    re.compile(r"\s+[–—]\s+|\s+-\s+"),
    re.compile(r",\s+"),
)


@dataclass
class _Entry:
    header: list[TextLine] = field(default_factory=list)
    body: list[str] = field(default_factory=list)  # bullets and paragraphs, joined


def _dates_to_their_header(lines: list[TextLine]) -> list[TextLine]:
    """A role's dates set right of its first sentence ("Acme, Developer" over "Leading a
    team of 5 ... ⇥ 2023-01 – 2025-07", the heading line being full) go to the heading
    above, which had none; the sentence is then the entry's text."""
    moved = list(lines)
    for index in range(1, len(moved)):
        head, tab, tail = moved[index].text.rpartition(FIELD_BREAK)
        period = find_period(tail) if tab else None
        above = moved[index - 1]
        if (period is None or period.begin > 0 or tail[period.finish:].strip(EDGE)
                or is_bullet(head) or is_dated(above.text) or is_bullet(above.text)
                or looks_like_body(above.text)):
            continue
        if not (looks_like_body(head) or (
                not _has_title(head) and _names_title_and_company(above.text))):
            continue
        moved[index - 1] = replace(above, text=f"{above.text}{FIELD_BREAK}{tail}")
        moved[index] = replace(moved[index], text=head)
    return moved


def _has_title(text: str) -> bool:
    return any(f.title > f.org for f in _classify([text]))


def _names_title_and_company(text: str) -> bool:
    """A title word in it, and a company beside the title."""
    title, company = _title_and_company(header_fields(text)[:3], False)
    return bool(title and company) and _has_title(text)


def group_entries(lines: list[TextLine], pdf: bool) -> list[_Entry]:
    lines = _dates_to_their_header(lines)
    full_width = typical_width(lines)
    entries: list[_Entry] = []
    previous: TextLine | None = None
    previous_kind = ""
    bullet_start: TextLine | None = None
    listing: TextLine | None = None  # the label an indented list hangs under
    for index, line in enumerate(lines):
        text = line.text
        if listing is not None and not (pdf and _indented_under(line, listing)):
            listing = None
        label_only = LABEL_ONLY.match(text) and len(text.split()) <= 4 and not is_dated(text)
        if text == BULLET or label_only or (entries and _sublabel(lines, index, pdf) and (
                previous_kind in ("bullet", "body") or _names_role(entries[-1].header)
                or len(entries[-1].header) >= 2)):
            # A lone glyph, "Responsibilities:", "Highlights" over an indented list: the
            # lines indented under a label are items of the entry, not its header.
            listing = line if text != BULLET else listing
            if text != BULLET:
                # What follows a label starts an item of its own, however it is indented.
                previous, previous_kind, bullet_start = line, "label", None
            continue
        if previous is not None and previous_kind in ("bullet", "body") and continues(
            line, bullet_start or previous, previous, pdf, full_width
        ):
            entries[-1].body[-1] += " " + text
            previous = line
            continue
        inside_paragraph = (  # a PDF line in the same block as the sentences above it
            pdf and previous_kind in ("bullet", "body") and not line.new_block
            and not line.bold and not is_dated(text)
        )
        role = _role_bullet(lines, index)
        if not role and (inside_paragraph or listing is not None or looks_like_body(text)):
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
                    and not is_dated(text)):
                header[-1] = replace(header[-1], text=f"{header[-1].text} {text}")
            elif header and _wrapped_cells(header[-1], line):
                header[-1] = replace(header[-1], text=_merge_cells(header[-1].text, text))
            else:
                header.append(line)
            previous_kind = "header"
            bullet_start = None
        previous = line
    return _split_double_headers(entries)


_LIST_INDENT = 6  # pt: how much further right a list's items sit than its label


def _indented_under(line: TextLine, label: TextLine) -> bool:
    return line.indent >= label.indent + _LIST_INDENT and not is_dated(line.text)


def _sublabel(lines: list[TextLine], index: int, pdf: bool) -> bool:
    """A short undated line that an indented list hangs under ("Highlights", "Key
    achievements" with the items further right): a label, not an entry's header (the
    caller asks only after an entry's text or a header naming the role whole)."""
    line = lines[index]
    if not pdf or index + 1 >= len(lines) or len(line.text.split()) > 3 or is_dated(line.text):
        return False
    return FIELD_BREAK not in line.text and _indented_under(lines[index + 1], line)


def _role_bullet(lines: list[TextLine], index: int) -> bool:
    """A bulleted title over a line holding only its dates ("• Frontend Tech Lead" /
    "Mar 2020 – Apr 2021"): one of several roles listed under a company, not a bullet."""
    text = lines[index].text
    if not is_bullet(text) or index + 1 >= len(lines):
        return False
    title = strip_bullet(text)
    if len(title.split()) > 6 or SENTENCE_END.search(title) or "," in title:
        return False
    following = lines[index + 1].text
    period = find_period(following)
    return (period is not None and period.begin == 0 and is_dated(following)
            and not following[period.finish:].strip(EDGE))


def _names_role(header: list[TextLine]) -> bool:
    """Whether header lines give a date, a title and a company already."""
    if not any(is_dated(line.text) for line in header):
        return False
    fields = [item for line in header for item in header_fields(take_period(line.text)[1])]
    title, company = _title_and_company(fields[:3], bool(header) and header[0].bold)
    return bool(title and company)


def _wrapped_cells(previous: TextLine, line: TextLine) -> bool:
    """Whether ``line`` holds the wrapped tails of ``previous``'s table cells ("Mobile
    Application ⇥ 2014 – 2015" over "Developer"): same paragraph, no date of its own,
    and tab-separated like the line above or a single word under its first cell."""
    if line.new_block or FIELD_BREAK not in previous.text or is_dated(line.text):
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
        entry.header = _join_split_range(entry.header)  # "May 2016 –" / "Aug 2016": one date
        dated = [i for i, line in enumerate(entry.header) if is_dated(line.text)]
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


def _title_company_split(text: str, splitter: re.Pattern[str]) -> list[str] | None:
    """``text`` cut in two at the first ``splitter`` where one piece reads as a title and
    the other not; at a comma also the last (a company's name may hold commas, "X, the
    moonshot factory, Firmware Engineer"), the cut giving the shorter title winning."""
    cuts = list(splitter.finditer(text))
    if splitter is not SPLITTERS[-1]:
        cuts = cuts[:1]  # dashes and pipes join a title's own parts as often
    best: list[str] | None = None
    best_title = len(text) + 1
    for cut in {id(c): c for c in cuts[:1] + cuts[-1:]}.values():
        parts = [trim(text[: cut.start()]), trim(text[cut.end():])]
        if not all(parts):
            continue
        left, right = _classify(parts)
        if (left.title > left.org) == (right.title > right.org):
            continue  # split only when the pieces read as a title and a company
        title = left if left.title > left.org else right
        if len(title.text) < best_title:
            best, best_title = parts, len(title.text)
    return best


def _title_and_company(fields: list[str], first_bold: bool) -> tuple[str | None, str | None]:
    if not fields:
        return None, None
    if len(fields) == 1:
        for splitter in SPLITTERS:
            parts = _title_company_split(fields[0], splitter)
            if parts:
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
                rest = following.text[period.finish:].strip(EDGE)
                joined = first + " " + following.text[: period.finish]
                tail = line.text[len(first):]
                header = list(header)
                header[index] = replace(line, text=joined + tail)
                header[index + 1] = replace(following, text=rest)
                return [h for h in header if h.text]
    return header


def _lines_after_full_header(header: list[TextLine], per_line: list[list[str]],
                             period: Period | None) -> list[str]:
    """Lines under a dated first line that already names title and company ("Acme,
    Developer ⇥ 2014 – 2016") are the role's text, not more of its header."""
    if period is None or len(header) < 2 or not is_dated(header[0].text):
        return []
    title, company = _title_and_company(per_line[0], header[0].bold or header[0].caps)
    if not (title and company):
        return []
    return [strip_bullet(line.text) for line, found in zip(header[1:], per_line[1:]) if found]


@dataclass
class _Header:
    period: Period | None
    location: str | None
    fields: list[str]
    per_line: list[list[str]]


def _header_parts(entry: _Entry) -> _Header:
    """The date range, place and other fields of an entry's header lines."""
    period: Period | None = None
    location: str | None = None
    fields: list[str] = []
    per_line: list[list[str]] = []
    for line in entry.header:
        found, text = take_period(line.text) if period is None else (None, line.text)
        period = period or found
        per_line.append([])
        for item in header_fields(text):
            if location is None and is_location(item):
                location = item.strip(" ()")
                continue
            item, place = split_location(item)
            location = location or place
            if item:
                fields.append(item)
                per_line[-1].append(item)
    return _Header(period, location, fields, per_line)


def _role_without_company(header: _Header) -> bool:
    """A dated header naming a title and no company."""
    if header.period is None or not header.fields:
        return False
    title, company = _title_and_company(header.fields[:3], False)
    return bool(title) and company is None and len(header.fields) == 1


def experience_entries(lines: list[TextLine], pdf: bool) -> list[ExperienceEntry]:
    result: list[ExperienceEntry] = []
    entries = group_entries(lines, pdf)
    headers = [_header_parts(entry) for entry in entries]
    # A company set apart from its role (a left column with the company, its place and
    # what it does; the dates and title at the right, read after it).
    carried: tuple[str, str | None, list[str]] | None = None
    for index, (entry, header) in enumerate(zip(entries, headers)):
        period, location, fields = header.period, header.location, header.fields
        extra = _lines_after_full_header(entry.header, header.per_line, period)
        if extra:
            fields = header.per_line[0]
            entry.body[:0] = extra
        following = headers[index + 1] if index + 1 < len(headers) else None
        if (not period and header.per_line and header.per_line[0][:1] == fields[:1]
                and following is not None
                and _role_without_company(following) and not _has_title(fields[0])):
            texts = [line.text for line in entry.header[1:]
                     if any(f in line.text for f in fields[1:])]
            carried = (fields[0], location, [*texts, *entry.body])
            continue
        if not period and result and (not fields or (
            result[-1].start or result[-1].end) and not any(
                f.title > f.org for f in _classify(fields))):
            # Not a new role: a sub-heading or an unmarked line inside the previous one.
            texts = [line.text for line in entry.header] if fields else []
            result[-1].bullets += [Bullet(id="", text=t) for t in [*texts, *entry.body]]
            continue
        first_bold = bool(entry.header) and (entry.header[0].bold or entry.header[0].caps)
        title, company = _title_and_company(fields[:3], first_bold)
        body = entry.body
        if company is None and title and carried is not None:
            company, place, texts = carried
            location = location or place
            body = [*texts, *body]
        elif (company is None and title and result and len(fields) == 1
                and is_bullet(entry.header[0].text)):
            company = result[-1].company  # the next role listed under the same company
        carried = None
        result.append(
            ExperienceEntry(
                title=title,
                company=company,
                location=location,
                start=period.start if period else None,
                end=period.end if period else None,
                bullets=[Bullet(id="", text=t) for t in body],
            )
        )
    for number, job in enumerate(result):
        for index, bullet in enumerate(job.bullets):
            bullet.id = f"experience.{number}.{index}"
    return [job for job in result if job.title or job.company or job.bullets]


