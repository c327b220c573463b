"""Home (AppTest, through app.py): waiting for review, approval rate, mean score gain,
cost this month, recent batches with progress, charts."""

from __future__ import annotations

import streamlit as st
from streamlit.testing.v1 import AppTest

from db import store
from db.home_queries import cost_by_day, overview
from db.queries import batch_runs, batches
from engine.orchestration.batches import start_batch
from engine.orchestration.jobs import process_run
from engine.orchestration.review import approve_run, reject_run
from tests.support.batches import JOB, ROOT, clear_queue, make_tailor

APP = ROOT / "app.py"


def test_home_shows_the_day_in_figures(database_url, redis_url, monkeypatch):
    sqlite_url = database_url  # SQLite and PostgreSQL
    tailor = make_tailor(sqlite_url, redis_url, 3)
    for name, value in tailor.env.items():
        monkeypatch.setenv(name, value)
    try:
        batch_id = start_batch(tailor.settings, ["1", "2", "3"], JOB, "recruiter")
        process_run(store.run_steps(sqlite_url, batch_id)[0].id)
        runs = batch_runs(sqlite_url, batch_id)
        approve_run(tailor.settings, runs[0].id, "rev")
        approve_run(tailor.settings, runs[1].id, "rev")
        reject_run(tailor.settings, runs[1].id, "rev")  # the latest decision counts
        figures = overview(sqlite_url)
        assert (figures.waiting_for_review, figures.approval_rate) == (1, 0.5)
        assert (figures.approved, figures.rejected) == (1, 1)
        assert figures.by_status == {"ready": 3}
        costs = [store.load_run(sqlite_url, r.id).cost_usd for r in runs]
        assert abs(figures.cost_this_month - sum(costs)) < 1e-9
        gains = [r.score_after - r.score_before for r in runs]
        assert abs(figures.mean_gain - sum(gains) / 3) < 1e-9
        assert len(cost_by_day(sqlite_url)) == 30
        newer = start_batch(tailor.settings, ["3"], JOB, "recruiter")
        assert [b.id for b in batches(sqlite_url, limit=1)] == [newer]
        assert [(b.id, b.total, b.approved) for b in batches(sqlite_url, limit=2)] == [
            (newer, 1, 0), (batch_id, 3, 1)]  # run 2's latest decision is a rejection

        st.cache_resource.clear()
        app = AppTest.from_file(str(APP), default_timeout=60)
        app.switch_page("ui/home.py")
        app.run()
        assert not app.exception
        metrics = {m.label: m.value for m in app.metric}
        assert metrics["Waiting for review"] == "1" and metrics["Approval rate"] == "50%"
        assert any(f"#{batch_id}" in (p.proto.text or "") for p in app.get("progress"))
    finally:
        clear_queue(tailor)
