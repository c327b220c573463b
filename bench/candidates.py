"""Candidates page speed on a 100,000-row candidate table, SQLite and PostgreSQL.

``python -m bench.candidates [--rows N]`` prints one line per database:
``candidates <db>: first_page_ms=… search_ms=… rows=…`` — medians over repeated runs of
the two queries the Candidates page makes (count + one page), with and without a search.
PostgreSQL comes from TEST_POSTGRES_URL (default: the local ``test`` database); the
benchmark works in a scratch database it creates and drops.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
import uuid

import sqlalchemy as sa

from db.candidates import CandidateQuery, open_candidate_source
from demo.people import make_person
from demo.render import render_resume
from demo.seed import candidates_table, create_candidate_table
from settings import CandidateTable

POSTGRES_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REPEATS = 21


def fill(engine: sa.Engine, rows: int) -> None:
    """Demo candidates with text resumes (the page never reads the resume column)."""
    create_candidate_table(engine)
    for start in range(0, rows, 5000):
        batch = []
        for i in range(start, min(rows, start + 5000)):
            p = make_person(i)
            batch.append({"id": i + 1, "full_name": p.name, "email": p.email, "phone": p.phone,
                          "location": p.location, "title": p.title,
                          "resume": render_resume(p, "text"), "resume_format": "text"})
        with engine.begin() as conn:
            conn.execute(candidates_table.insert(), batch)


def median_ms(fn) -> float:
    times = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        fn()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def measure(name: str, url: str, rows: int) -> None:
    engine = sa.create_engine(url)
    fill(engine, rows)
    if engine.dialect.name == "postgresql":
        # What autovacuum does to a table at rest; lets count(*) use index-only scans.
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(sa.text("VACUUM ANALYZE"))
    source = open_candidate_source(url, CandidateTable(), engine=engine)
    surname = make_person(rows // 2).name.split()[-1]
    first = median_ms(lambda: source.search(CandidateQuery(page_size=50)))
    search = median_ms(lambda: source.search(CandidateQuery(text=surname, page_size=50)))
    total = source.search(CandidateQuery(page_size=1)).total
    print(f"candidates {name}: first_page_ms={first:.1f} search_ms={search:.1f} rows={total}", flush=True)
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        measure("sqlite", f"sqlite:///{tmp}/bench.db", args.rows)
    admin = sa.create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    scratch = f"tailor_bench_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{scratch}"'))
    try:
        url = sa.make_url(POSTGRES_URL).set(database=scratch).render_as_string(hide_password=False)
        measure("postgresql", url, args.rows)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{scratch}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
