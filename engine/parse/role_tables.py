"""Roles laid out as a table with a header row, common in Word resumes:

    Organization        Designation               From       To
    Northwind Traders   Senior Software Engineer  Jun 2021   Present

The header row names what each column holds; every row under it with as many cells is
rewritten as one role's header line the entry parser reads like any other: labelled
title and company cells, the dates of the "From" and "To" columns made one range, the
rest as they were ("Designation: Senior Software Engineer ⇥ Organization: Northwind
Traders ⇥ Jun 2021 – Present"). The header row is left out of the entries (the
lossless pass keeps its words with the section's other leftovers).
"""

from __future__ import annotations

import re
from dataclasses import replace

from engine.extract.lines import FIELD_BREAK, TextLine

# Column names, normalised (casefolded, without dots and colons), by what they hold.
_COLUMNS = {
    "title": {"designation", "position", "role", "title", "job title", "post", "position held"},
    "company": {"organization", "organisation", "company", "company name", "employer",
                "name of the organization", "name of organization", "name of the company",
                "name of employer", "name of the employer", "client"},
    "start": {"from", "from date", "start", "start date", "joining date", "date of joining"},
    "end": {"to", "to date", "till", "end", "end date", "relieving date", "date of leaving"},
    "period": {"duration", "period", "tenure", "dates", "date", "year", "years",
               "period of working", "period of work", "working period", "period of employment",
               "period of service"},
    "place": {"location", "place", "city"},
    "number": {"s no", "sno", "sr no", "sl no", "no", "#"},
}
_KIND = {name: kind for kind, names in _COLUMNS.items() for name in names}
_LABEL = {"title": "Designation", "company": "Organization"}


def _column(cell: str) -> str | None:
    return _KIND.get(" ".join(re.sub(r"[.:]", " ", cell).casefold().split()))


def _header_kinds(line: TextLine) -> list[str] | None:
    """What each column holds, when ``line`` is a table's header row naming a title or a
    company column and nothing a column name could not be."""
    if line.text.count(FIELD_BREAK) < 1:
        return None
    kinds = [_column(cell) for cell in line.text.split(FIELD_BREAK)]
    if None in kinds or not {"title", "company"} & set(kinds):
        return None
    return kinds  # type: ignore[return-value]


def _role_line(cells: list[str], kinds: list[str]) -> str:
    fields, start, end = [], "", ""
    for cell, kind in zip(cells, kinds):
        if kind in _LABEL:
            fields.append(f"{_LABEL[kind]}: {cell}")
        elif kind == "start":
            start = cell
        elif kind == "end":
            end = cell
        elif kind != "number":
            fields.append(cell)
    if start or end:
        fields.append(f"{start} – {end}" if start and end else start or end)
    return FIELD_BREAK.join(f for f in fields if f.strip())


def rows_as_roles(lines: list[TextLine]) -> list[TextLine]:
    """``lines`` with each row of a role table rewritten as a role's header line, and
    the table's header row left out."""
    result: list[TextLine] = []
    kinds: list[str] | None = None
    for line in lines:
        cells = line.text.split(FIELD_BREAK)
        if kinds is not None and len(cells) == len(kinds):
            result.append(replace(line, text=_role_line(cells, kinds), new_block=True))
            continue
        kinds = _header_kinds(line)
        if kinds is None:
            result.append(line)
    return result
