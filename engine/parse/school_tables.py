"""Schooling laid out as a table with a header row, common in Word resumes:

    S. No.  Qualification  Board/University  School/College  Year  Percentage
    1.      B.E.           RGPV              GNCSGI          2015  73.6

The header row names what each column holds, so every row under it with as many cells
is read as one entry by its columns, instead of guessing a school from each cell's
words (which read the header's "Board" and "Year" as schools). The header row itself
is left out of the entries (the lossless pass keeps its words with the section's other
leftovers), and so are cells of no field (a row number, a state).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from engine.extract.lines import FIELD_BREAK, TextLine
from engine.parse.dates import find_period
from engine.resume import EducationEntry

# Column names, normalised (casefolded, without dots, colons and brackets), by what
# they hold. See _column for the names around them.
_COLUMNS = {
    "degree": {"qualification", "qualifications", "degree", "degrees", "course", "courses",
               "examination", "exam", "class", "standard", "certificate", "program",
               "programme", "academic qualification", "educational qualification",
               "degree certificate", "name of the course", "course name", "level"},
    "field": {"specialization", "specialisation", "discipline", "stream", "branch",
              "subject", "subjects", "major", "field", "field of study"},
    "institution": {"institution", "institute", "college", "school", "name of institution",
                    "name of the institution", "name of institute", "name of the institute",
                    "institution name", "college name", "school name"},
    "board": {"university", "board", "board of education", "affiliated to"},
    "year": {"year", "years", "year of passing", "passing year", "year of completion",
             "duration", "period", "session", "batch", "passed out", "passing"},
    "grade": {"percentage", "marks", "cgpa", "gpa", "grade", "aggregate", "result",
              "division", "score", "%", "percent", "class obtained", "marks obtained"},
    "number": {"s no", "sno", "sr no", "sl no", "no", "#", "serial no"},
    "place": {"state", "city", "location", "place"},
}
_KIND = {name: kind for kind, names in _COLUMNS.items() for name in names}
_COLUMN_WORDS = {word for name in _KIND for word in name.split()} | {"academic", "main"}
_FIELD_KINDS = {"degree", "field", "institution", "board", "year", "grade"}


@dataclass
class SchoolTable:
    """The entries read from one table's rows."""

    entries: list[EducationEntry]


def _column(cell: str) -> str | None:
    """What a header cell names: by its whole name, else the first of two ("Board/
    University"), else, when each of its words is a column name's word, by its last word
    or its first ("Academic Year", "Major Stream", "Board of Study"; not "Dalhousie
    University")."""
    name = " ".join(re.sub(r"[.:()\[\]]", " ", cell).casefold().split())
    first = name.split("/")[0].strip()
    words = first.split()
    if not words or not set(words) <= _COLUMN_WORDS:
        return _KIND.get(name)
    return _KIND.get(name) or _KIND.get(first) or _KIND.get(words[-1]) or _KIND.get(words[0])


def header_kinds(text: str) -> list[str | None] | None:
    """What each column holds, when ``text`` is the header row of a table of schools:
    three columns or more, naming a degree and a school, at most one of them unknown."""
    cells = text.split(FIELD_BREAK)
    if len(cells) < 3 or any(c.isdigit() for c in text):  # a year or a mark: a row
        return None
    kinds = [_column(cell) for cell in cells]
    known = set(kinds) - {None}
    if kinds.count(None) > 1 or "degree" not in known or not {"institution", "board"} & known:
        return None
    return kinds


def _entry(cells: list[str], kinds: list[str | None]) -> EducationEntry | None:
    by_kind: dict[str, list[str]] = {}
    for cell, kind in zip(cells, kinds):
        cell = cell.strip()
        if kind in _FIELD_KINDS and re.search(r"[^\W_]", cell):  # "_" or "-": left empty
            by_kind.setdefault(kind, []).append(cell)
    if not ({"degree", "institution", "board"} & by_kind.keys()):
        return None

    def joined(*names: str) -> str | None:
        return ", ".join(c for name in names for c in by_kind.get(name, ())) or None

    period = find_period(joined("year") or "")
    return EducationEntry(
        degree=joined("degree"),
        field=joined("field"),
        institution=joined("institution", "board"),  # the school, then its university
        start=period.start if period else None,
        end=period.end if period else None,
        grade=joined("grade"),
    )


def tables_apart(lines: list[TextLine]) -> list[list[TextLine] | SchoolTable]:
    """``lines`` cut into runs of plain lines and tables of schools read by their
    columns, in order."""
    runs: list[list[TextLine] | SchoolTable] = [[]]
    kinds: list[str | None] | None = None
    for line in lines:
        cells = line.text.split(FIELD_BREAK)
        if kinds is not None and len(cells) == len(kinds):
            entry = _entry(cells, kinds)
            if entry is not None:
                table = runs[-1]
                assert isinstance(table, SchoolTable)
                table.entries.append(entry)
                continue
        kinds = header_kinds(line.text)
        if kinds is not None:
            runs.append(SchoolTable(entries=[]))
            continue
        if not isinstance(runs[-1], list):
            runs.append([])
        runs[-1].append(line)
    return [run for run in runs if run != [] and run != SchoolTable(entries=[])]
