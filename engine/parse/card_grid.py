"""Entries laid out as cards side by side, read one card after another.

Some themes set schools (or roles) as a grid of cards, two or three to a row: each text
line of the page then holds one line of every card of the row, the cards' lines joined
by tab stops ("MIT ⇥ Stanford", "2011 – 2013 ⇥ 2013 – 2015", "B.S. ⇥ M.Sc."). Read as
they are, the first card's school gets the second's dates and the second school heads
nothing. A row is a grid only when one of its lines has a date in every cell: a role's
"Title ⇥ dates" line has one dated cell, never two.
"""

from __future__ import annotations

from dataclasses import replace

from engine.extract.lines import FIELD_BREAK, TextLine
from engine.parse.entry_lines import is_dated, strip_bullet

__all__ = ["cards_in_order"]


def _cells(line: TextLine) -> list[str]:
    return [cell.strip() for cell in line.text.split(FIELD_BREAK)]


def _dated_in_every_cell(line: TextLine) -> bool:
    cells = _cells(line)
    return len(cells) >= 2 and all(cell and is_dated(strip_bullet(cell)) for cell in cells)


def _style(line: TextLine) -> tuple[bool, float]:
    return line.bold, round(line.size, 1)


def _rows(run: list[TextLine]) -> list[list[TextLine]]:
    """A grid's lines cut into rows of cards: a row starts where the first line's style
    (the cards' titles) comes back after other lines."""
    rows: list[list[TextLine]] = []
    title = _style(run[0])
    for line in run:
        if not rows or (_style(line) == title and _style(rows[-1][-1]) != title):
            rows.append([])
        rows[-1].append(line)
    return rows


def _cards(row: list[TextLine]) -> list[TextLine]:
    """A row's lines, one card after another; a card line wrapped onto the next text
    line (same style, same block) is joined back."""
    width = max(len(_cells(line)) for line in row)
    cards: list[TextLine] = []
    for column in range(width):
        card: list[TextLine] = []
        for line in row:
            cells = _cells(line)
            if column >= len(cells) or not cells[column]:
                continue
            if card and not line.new_block and _style(line) == _style(card[-1]):
                card[-1] = replace(card[-1], text=f"{card[-1].text} {cells[column]}")
            else:
                card.append(replace(line, text=cells[column]))
        cards.extend(card)
    return cards


def cards_in_order(lines: list[TextLine]) -> list[TextLine]:
    """``lines`` with every run of tab-joined lines that is a grid of cards (one line
    dated in every cell) rewritten card by card; other lines as they were."""
    if not any(FIELD_BREAK in line.text for line in lines):
        return lines
    result: list[TextLine] = []
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and FIELD_BREAK in lines[end].text:
            end += 1
        run = lines[index:end]
        if run and any(_dated_in_every_cell(line) for line in run):
            for row in _rows(run):
                result.extend(_cards(row))
        else:
            result.extend(run)
        if end < len(lines):
            result.append(lines[end])
        index = end + 1
    return result
