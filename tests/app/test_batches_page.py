"""The Batches page (AppTest, through app.py): a cancelled batch says so and offers to
resume; an approved run's retry is the asking kind. (Clicks inside the live fragment are
not driven by AppTest; resuming and the confirmed retry are tested in the engine.)"""

from __future__ import annotations

import streamlit as st
from streamlit.testing.v1 import AppTest

from db import store
from db.models import RunStatus
from db.queries import batch_runs, run_decisions
from engine.orchestration.batches import cancel_batch, start_batch
from engine.orchestration.jobs import process_run
from engine.orchestration.review import approve_run
from tests.support.batches import JOB, ROOT, clear_queue, make_tailor

APP = ROOT / "app.py"


def page_for(tailor, monkeypatch, batch_id: int) -> AppTest:
    for name, value in tailor.env.items():
        monkeypatch.setenv(name, value)
    st.cache_resource.clear()
    # Through app.py: the page links to Review, which only the navigation defines.
    app = AppTest.from_file(str(APP), default_timeout=60)
    app.query_params["batch"] = str(batch_id)
    app.switch_page("ui/batches.py")
    return app.run()


def test_a_cancelled_batch_says_so_and_resumes(sqlite_url, redis_url, monkeypatch):
    tailor = make_tailor(sqlite_url, redis_url, 3)
    try:
        batch_id = start_batch(tailor.settings, ["1", "2", "3"], JOB, "recruiter")
        cancel_batch(tailor.settings, batch_id, "recruiter")
        page = page_for(tailor, monkeypatch, batch_id)
        assert not page.exception
        assert any("Resume it" in w.value for w in page.warning)
        assert any("Cancelled: 0 of 3 finished, 3 not run" in (p.proto.text or "")
                   for p in page.get("progress"))
        assert [b.label for b in page.button][0] == "Resume batch"
    finally:
        clear_queue(tailor)


def test_retry_of_an_approved_run_asks_first(sqlite_url, redis_url, monkeypatch):
    tailor = make_tailor(sqlite_url, redis_url, 1)
    for name, value in tailor.env.items():  # process_run reads its settings from these
        monkeypatch.setenv(name, value)
    try:
        batch_id = start_batch(tailor.settings, ["1"], JOB, "recruiter")
        [run] = store.run_steps(sqlite_url, batch_id)
        process_run(run.id)
        approve_run(tailor.settings, run.id, "reviewer@example.com")
        page = page_for(tailor, monkeypatch, batch_id)
        labels = [b.label for b in page.button]
        assert "Retry…" in labels and "Retry" not in labels  # approved: asks first
    finally:
        clear_queue(tailor)
