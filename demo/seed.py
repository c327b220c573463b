"""Seed the embedded database with demo candidates and job descriptions.

``python -m demo.seed [--count N] [--seed S] [--reset]``: creates the ``candidates``
table (the shape of a typical existing candidate table; Tailor reads it through the
configured mapping, it does not own it) in the candidate database and fills it with N
generated candidates whose resumes are real PDF, DOCX and text files rendered from code.
Rendering is spread over the machine's cores; 100,000 candidates take a few minutes.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor

import sqlalchemy as sa

from db.connection import get_engine
from db.models import SavedJobDescription
from demo.job_descriptions import JOB_DESCRIPTIONS
from demo.people import make_person
from demo.render import file_format, layout_for, render_resume

CHUNK = 1000

metadata = sa.MetaData()
candidates_table = sa.Table(
    "candidates",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("full_name", sa.String(200), nullable=False, index=True),
    sa.Column("email", sa.String(200), nullable=False, index=True),
    sa.Column("phone", sa.String(50)),
    sa.Column("location", sa.String(200), index=True),
    sa.Column("title", sa.String(200), index=True),
    sa.Column("resume", sa.LargeBinary),
    sa.Column("resume_format", sa.String(10)),
    # Covers the Candidates page's search, so SQLite scans this instead of the wide rows.
    sa.Index("ix_candidates_search", "full_name", "email", "location", "title"),
)


SEARCHED_COLUMNS = ("full_name", "email", "location", "title")


def create_candidate_table(engine: sa.Engine) -> None:
    """The demo table, with trigram indexes on PostgreSQL so substring search stays fast."""
    metadata.create_all(engine)
    if engine.dialect.name != "postgresql":
        return
    with engine.begin() as conn:
        conn.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
        for col in SEARCHED_COLUMNS:
            conn.execute(sa.text(
                f"CREATE INDEX IF NOT EXISTS ix_candidates_{col}_trgm "
                f"ON candidates USING gin ({col} gin_trgm_ops)"))


def candidate_rows(start: int, stop: int, seed: int) -> list[dict]:
    rows = []
    for index in range(start, stop):
        person = make_person(index, seed)
        layout = layout_for(index)
        rows.append({
            "id": index + 1,
            "full_name": person.name,
            "email": person.email,
            "phone": person.phone,
            "location": person.location,
            "title": person.title,
            "resume": render_resume(person, layout),
            "resume_format": file_format(layout),
        })
    return rows


def _chunks(count: int) -> Iterator[tuple[int, int]]:
    for start in range(0, count, CHUNK):
        yield start, min(count, start + CHUNK)


def _rendered(chunks: list[tuple[int, int]], seed: int) -> Iterator[list[dict]]:
    """Rows chunk by chunk; rendering is spread over the cores when there is much of it."""
    if len(chunks) <= 1:
        yield from (candidate_rows(a, b, seed) for a, b in chunks)
        return
    with ProcessPoolExecutor(min(os.cpu_count() or 1, 4)) as pool:
        yield from (job.result() for job in [pool.submit(candidate_rows, a, b, seed) for a, b in chunks])


def seed_candidates(url: str, count: int, seed: int = 7, reset: bool = False) -> int:
    """Create and fill the demo candidate table; returns how many rows it added."""
    engine = get_engine(url)
    if reset:
        candidates_table.drop(engine, checkfirst=True)
    create_candidate_table(engine)
    with engine.connect() as conn:
        existing = conn.execute(sa.select(sa.func.count()).select_from(candidates_table)).scalar_one()
    if existing >= count:
        return 0
    chunks = [(a, b) for a, b in _chunks(count) if b > existing]
    for rows in _rendered(chunks, seed):
        rows = [r for r in rows if r["id"] > existing]
        with engine.begin() as conn:
            conn.execute(candidates_table.insert(), rows)
    return count - existing


def seed_job_descriptions(app_url: str) -> int:
    """Add the demo job descriptions if the app has none yet."""
    engine = get_engine(app_url)
    with engine.begin() as conn:
        if conn.execute(sa.select(sa.func.count()).select_from(SavedJobDescription)).scalar_one():
            return 0
        conn.execute(
            sa.insert(SavedJobDescription),
            [{"title": jd.title, "text": jd.text, "created_by": "demo"} for jd in JOB_DESCRIPTIONS],
        )
    return len(JOB_DESCRIPTIONS)


def main(argv: list[str] | None = None) -> int:
    from db.migrate import upgrade
    from settings import exit_on_config_error, load_settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=None, help="candidates (default 200)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--reset", action="store_true", help="drop the demo table first")
    args = parser.parse_args(argv)
    with exit_on_config_error():
        settings = load_settings()
    count = settings.seed_count if args.count is None else args.count
    started = time.perf_counter()
    upgrade(settings.database_url)
    added = seed_candidates(settings.candidates_url, count, args.seed, args.reset)
    jds = seed_job_descriptions(settings.database_url)
    seconds = time.perf_counter() - started
    print(f"seed: candidates_added={added} job_descriptions_added={jds} seconds={seconds:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
