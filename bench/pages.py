"""Server-side render time of each page's first run, on PostgreSQL with 100,000
candidates and 10,000 runs.

``python -m bench.pages [--candidates N] [--runs N]`` prints one line:
``pages: home_ms=… candidates_ms=… candidates_search_ms=… batches_ms=… review_ms=…
activity_ms=… export_csv_10k_ms=…`` — each the median of a few AppTest runs of the page
script (as the server runs it, without the browser), in a scratch database it drops.
``export_csv_10k_ms`` is one run of the CSV that ``python -m engine export --all`` and the
Export page write, over a batch of 10,000 undecided runs (each tailored resume read from
its JSON: the slowest case; approved runs' text is stored with the approval).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
import uuid

import sqlalchemy as sa
import streamlit as st
from streamlit.components.v2.component_manager import BidiComponentManager
from streamlit.testing.v1 import AppTest

from bench.candidates import POSTGRES_URL, fill
from db.exports import ExportFilter
from db.migrate import upgrade
from db.models import Batch, Run, RunStatus, SavedJobDescription, utcnow
from demo.job_descriptions import JOB_DESCRIPTIONS
from engine.orchestration.export import export_csv
from engine.resume import Resume
from settings import load_settings

REPEATS = 5
BATCHES = 20
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def seed_runs(engine: sa.Engine, runs: int) -> int:
    """``runs`` ready runs over BATCHES batches; returns the largest batch's id."""
    job = JOB_DESCRIPTIONS[0]
    now = utcnow()
    resume = Resume(name="Person", summary="Engineer.").model_dump(mode="json")
    with engine.begin() as conn:
        jd = conn.execute(sa.insert(SavedJobDescription).returning(SavedJobDescription.id),
                          {"title": job.title, "text": job.text, "created_at": now}).scalar_one()
        ids = [conn.execute(sa.insert(Batch).returning(Batch.id), {
            "job_description_id": jd, "optimizer": "offline", "model": "offline",
            "created_by": "bench", "created_at": now, "candidate_count": runs // BATCHES,
        }).scalar_one() for _ in range(BATCHES)]
        conn.execute(sa.insert(Run), [{
            "batch_id": ids[i % BATCHES], "candidate_id": str(i + 1),
            "candidate_name": f"Person {i}", "status": RunStatus.READY.value,
            "score_before": 40.0, "score_after": 55.0, "cost_usd": 0.001,
            "parsed_resume": resume, "optimized_resume": resume,
            "started_at": now, "finished_at": now, "created_at": now, "updated_at": now,
        } for i in range(runs)])
    return ids[-1]


def components() -> BidiComponentManager:
    """Streamlit's registry of installed components, scanned once: a server scans at start,
    while each new AppTest would scan every installed package's metadata again (0.2–0.7 s
    on this machine) inside the timed run, a cost no page's visitor pays."""
    manager = BidiComponentManager()
    manager.discover_and_register_components(start_file_watching=False)
    return manager


def median_ms(script: str, batch_id: int, search: str | None = None) -> float:
    times = []
    registry = components()
    for _ in range(REPEATS):
        # Through app.py, as the server runs a page: the sign-in gate and navigation too.
        app = AppTest.from_file(os.path.join(ROOT, "app.py"), default_timeout=120)
        app._bidi_component_manager = registry  # AppTest has no public way to share it
        app.query_params["batch"] = str(batch_id)
        app.switch_page(script)
        if search is None:
            started = time.perf_counter()
            app.run()
        else:
            app.run()
            started = time.perf_counter()
            app.text_input[0].input(search).run()
        times.append((time.perf_counter() - started) * 1000)
        if app.exception:
            raise SystemExit(f"{script}: {app.exception[0].message}")
    return statistics.median(times)


def measure(url: str, candidates: int, runs: int) -> str:
    engine = sa.create_engine(url)
    upgrade(url)
    fill(engine, candidates)
    batch_id = seed_runs(engine, runs)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(sa.text("VACUUM ANALYZE"))
    os.environ["DATABASE_URL"] = url
    st.cache_resource.clear()
    figures = {
        "home_ms": median_ms("ui/home.py", batch_id),
        "candidates_ms": median_ms("ui/candidates.py", batch_id),
        "candidates_search_ms": median_ms("ui/candidates.py", batch_id, search="Smith"),
        "batches_ms": median_ms("ui/batches.py", batch_id),
        "review_ms": median_ms("ui/review.py", batch_id),
        "activity_ms": median_ms("ui/activity.py", batch_id),
    }
    settings = load_settings()
    big = sa.select(Batch.id).order_by(Batch.id)
    with engine.begin() as conn:  # one batch of all runs for the CSV
        first = conn.execute(big).scalars().first()
        conn.execute(sa.update(Run).values(batch_id=first))
    started = time.perf_counter()  # the CLI's and the Export page's CSV, every run
    csv = export_csv(settings, ExportFilter(batch_id=first, include_all=True))
    figures["export_csv_10k_ms"] = (time.perf_counter() - started) * 1000
    assert csv.count("\n") >= runs
    engine.dispose()
    return "pages: " + " ".join(f"{k}={v:.0f}" for k, v in figures.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=10_000)
    args = parser.parse_args()
    admin = sa.create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    scratch = f"tailor_pages_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{scratch}"'))
    try:
        url = sa.make_url(POSTGRES_URL).set(database=scratch).render_as_string(hide_password=False)
        print(measure(url, args.candidates, args.runs), flush=True)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE "{scratch}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
