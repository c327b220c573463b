"""Formula-safe tables: what a spreadsheet would evaluate gets a leading quote, control
characters go, and each row stays one row when the CSV is read back."""

from __future__ import annotations

import csv
import io

import pandas as pd

from engine.render.spreadsheet import formula_safe

HOSTILE = ["=HYPERLINK(\"http://x\",\"y\")", "=cmd|' /C calc'!A0", "+1+1", "-1+1", "@SUM(1,1)",
           "\t=1+1", "\r=1+1", "two\rlines", "nul\x00here", "plain, with \"quotes\"", "-", ""]


def test_cells_read_back_as_text_never_as_formulas():
    frame = pd.DataFrame({"Who": HOSTILE, "Run": range(len(HOSTILE))})
    rows = list(csv.reader(io.StringIO(formula_safe(frame).to_csv(index=False))))
    assert rows[0] == ["Who", "Run"] and len(rows) == len(HOSTILE) + 1
    for (who, run), original in zip(rows[1:], HOSTILE):
        assert not who.startswith(("=", "+", "-", "@", "\t", "\r")), who
        assert "\x00" not in who
        assert who.lstrip("'") == original.replace("\x00", "").replace("\r", "\n")
    assert [int(run) for _, run in rows[1:]] == list(range(len(HOSTILE)))  # numbers untouched


def test_a_hostile_header_is_quoted_too():
    assert list(formula_safe(pd.DataFrame({"=1+1": [1]})).columns) == ["'=1+1"]


def test_a_column_is_made_safe_as_each_of_its_cells_would_be():
    from engine.render.spreadsheet import formula_safe_cell

    mixed = [*HOSTILE, None, 3, 2.5]
    frame = pd.DataFrame({"mixed": mixed, "text": [*HOSTILE, "a", "b", "c"]})
    safe = formula_safe(frame)
    for name in frame.columns:
        assert safe[name].tolist() == [formula_safe_cell(v) for v in frame[name]]
