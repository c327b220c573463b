"""Tables made safe to open in a spreadsheet: no cell is read as a formula."""

from __future__ import annotations

import re

import pandas as pd

# A spreadsheet evaluates a cell starting with one of these as a formula (OWASP's list).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def formula_safe_cell(value: object) -> object:
    """A text cell with control characters removed, line breaks as ``\\n`` (a bare CR is
    not quoted by the CSV writer and would split the row in a reader), and a leading
    ``'`` if a spreadsheet would take it for a formula; other values unchanged."""
    if not isinstance(value, str):
        return value
    if value.startswith(FORMULA_STARTS):
        return f"'{_text(value)}"
    return _text(value)


def _text(value: str) -> str:
    return _CONTROL.sub("", value.replace("\r\n", "\n").replace("\r", "\n"))


def formula_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of the frame, every text cell (and header) made formula-safe: what
    ``formula_safe_cell`` does to one cell, a column at a time (10,000 rows of resume
    text cell by cell cost more than the rest of the export)."""
    safe = frame.apply(_safe_column)
    safe.columns = [formula_safe_cell(c) for c in frame.columns]
    return safe


def _safe_column(column: pd.Series) -> pd.Series:
    if not (pd.api.types.is_object_dtype(column) or pd.api.types.is_string_dtype(column)):
        return column  # numbers, dates, booleans: never read as formulas
    texts = column.map(lambda value: isinstance(value, str)).astype(bool)
    if not texts.any():
        return column
    text = column[texts]
    cleaned = (text.str.replace("\r\n", "\n", regex=False).str.replace("\r", "\n", regex=False)
               .str.replace(_CONTROL, "", regex=True))
    cleaned = cleaned.mask(text.str.startswith(FORMULA_STARTS), "'" + cleaned)
    return column.mask(texts, cleaned)
