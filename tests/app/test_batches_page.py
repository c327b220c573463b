"""The Batches page (AppTest, through app.py, and Chromium for screenshots): a cancelled batch says so and offers to
resume; an approved run's retry is the asking kind; a toast when your batch finishes; an
unreachable Gemini is one banner for the batch. (Clicks inside the live fragment are
not driven by AppTest; resuming and the confirmed retry are tested in the engine.)"""

from __future__ import annotations

import re

import sqlalchemy as sa
import streamlit as st
from streamlit.testing.v1 import AppTest

from db import store
from db.connection import get_engine
from db.models import Batch, Run, RunStatus
from engine.orchestration.auth import os_user
from engine.orchestration.batches import cancel_batch, start_batch
from engine.orchestration.gemini_redis import RedisBreaker
from engine.orchestration.jobs import gemini_state_prefix, process_run
from engine.orchestration.queue import redis_connection
from engine.orchestration.review import approve_run
from tests.app.test_browser import ARTIFACTS, browser, streamlit_app  # noqa: F401
from tests.app.test_bulk_pages import settle
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


def test_a_toast_says_when_a_batch_you_started_finishes(sqlite_url, redis_url, monkeypatch):
    tailor = make_tailor(sqlite_url, redis_url, 2)
    for name, value in tailor.env.items():  # process_run reads its settings from these
        monkeypatch.setenv(name, value)
    try:
        mine = start_batch(tailor.settings, ["1"], JOB, os_user())  # local use: the OS user
        theirs = start_batch(tailor.settings, ["2"], JOB, "someone@example.com")
        page = page_for(tailor, monkeypatch, mine)
        assert not page.toast  # still running: nothing to say
        for batch_id in (mine, theirs):
            [run] = store.run_steps(sqlite_url, batch_id)
            process_run(run.id)
        page.run()
        assert [t.value for t in page.toast] == [
            f"Batch #{mine} (Senior Backend Engineer) has finished: 1 ready, 0 failed."]
        page.run()
        assert not page.toast  # said once
    finally:
        clear_queue(tailor)


def gemini_batch_that_could_not_reach_gemini(tailor, runs: int) -> int:
    """A Gemini batch whose runs failed as the workers' open breaker fails them."""
    url = tailor.settings.database_url
    batch_id = start_batch(tailor.settings, [str(i) for i in range(1, runs + 1)], JOB, "r")
    with get_engine(url).begin() as conn:
        conn.execute(sa.update(Batch).where(Batch.id == batch_id).values(optimizer="gemini"))
        conn.execute(sa.update(Run).where(Run.batch_id == batch_id).values(
            status=RunStatus.FAILED, error_code="gemini_unreachable",
            error_message=UNREACHABLE_MESSAGE, started_at=sa.func.now(),
            finished_at=sa.func.now()))
    return batch_id


UNREACHABLE_MESSAGE = ("Gemini cannot be reached: [Errno -2] Name or service not known "
                       "(at Google)")


def test_gemini_unreachable_is_one_banner_not_a_message_per_run(sqlite_url, redis_url,
                                                                 monkeypatch):
    tailor = make_tailor(sqlite_url, redis_url, 6)
    try:
        batch_id = gemini_batch_that_could_not_reach_gemini(tailor, 6)
        page = page_for(tailor, monkeypatch, batch_id)
        assert not page.exception
        [banner] = [e.value for e in page.error if "Gemini could not be reached" in e.value]
        assert "6 runs of this batch stopped at once" in banner and "Retry all failed" in banner
        text = " ".join(m.value for m in page.markdown)
        assert text.count("Gemini unreachable (see above)") == 6
        assert "Name or service not known" not in text  # the detail is for an administrator
        assert [c.value for c in page.code] == [UNREACHABLE_MESSAGE]
    finally:
        clear_queue(tailor)


def test_an_open_breaker_is_said_while_a_gemini_batch_waits(sqlite_url, redis_url, monkeypatch):
    tailor = make_tailor(sqlite_url, redis_url, 2)
    breaker = RedisBreaker(redis_connection(tailor.settings), gemini_state_prefix(tailor.settings))
    try:
        batch_id = start_batch(tailor.settings, ["1", "2"], JOB, "recruiter")
        with get_engine(sqlite_url).begin() as conn:
            conn.execute(sa.update(Batch).where(Batch.id == batch_id).values(optimizer="gemini"))
        assert not any("Gemini" in e.value for e in page_for(tailor, monkeypatch, batch_id).error)
        breaker.client.set(breaker.open_key, UNREACHABLE_MESSAGE, ex=60)  # as the workers do
        page = page_for(tailor, monkeypatch, batch_id)
        [banner] = [e.value for e in page.error if "Gemini cannot be reached" in e.value]
        assert "runs stop at once" in banner and "offline fallback" in banner
        assert [c.value for c in page.code] == [UNREACHABLE_MESSAGE]
    finally:
        breaker.client.delete(breaker.open_key)
        clear_queue(tailor)


def test_an_offline_batch_has_no_gemini_banner(sqlite_url, redis_url, monkeypatch):
    tailor = make_tailor(sqlite_url, redis_url, 1)
    try:
        batch_id = start_batch(tailor.settings, ["1"], JOB, "recruiter")
        page = page_for(tailor, monkeypatch, batch_id)
        assert not any("Gemini" in e.value for e in page.error)
    finally:
        clear_queue(tailor)


def test_in_a_browser_time_per_step_the_toast_and_the_gemini_banner(browser, tmp_path,  # noqa: F811
                                                                     redis_server_url):
    from playwright.sync_api import expect

    tailor = make_tailor(f"sqlite:///{tmp_path / 'tailor.db'}", redis_server_url, 9)
    try:
        mine = start_batch(tailor.settings, ["1", "2", "3"], JOB, os_user())
        with streamlit_app(tailor.env) as url:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(url)  # Candidates: the toast comes wherever the recruiter is
            page.get_by_text("running unauthenticated, for local use").wait_for()
            page.get_by_text("of 9 candidates").wait_for()
            tailor.run_burst()
            toast = page.get_by_test_id("stToast").filter(has_text=f"Batch #{mine}")
            toast.wait_for(timeout=20000)
            assert "has finished: 3 ready, 0 failed." in toast.inner_text()
            page.screenshot(path=ARTIFACTS / "batch_finished_toast.png")

            page.set_viewport_size({"width": 1400, "height": 1300})  # every run in the shot
            page.goto(f"{url}/batches?batch={mine}")
            page.get_by_text("3 of 3 done").wait_for()
            times = page.get_by_text(re.compile(r"^\d+\.\d+ s · \d+\.\d+ s$"))
            expect(times).to_have_count(3)
            settle(page)
            page.screenshot(path=ARTIFACTS / "batches_time_per_step.png", full_page=True)

            outage = gemini_batch_that_could_not_reach_gemini(tailor, 6)
            page.goto(f"{url}/batches?batch={outage}")
            page.get_by_text("Gemini could not be reached", exact=False).first.wait_for()
            expect(page.get_by_test_id("stAlertContentError")).to_have_count(1)
            expect(page.get_by_text("Gemini unreachable (see above)")).to_have_count(6)
            settle(page)
            page.screenshot(path=ARTIFACTS / "batches_gemini_unreachable.png", full_page=True)

            with get_engine(tailor.settings.database_url).begin() as conn:  # no attempts left
                conn.execute(sa.update(Run).where(Run.batch_id == outage).values(
                    attempt=tailor.settings.max_attempts))
            page.get_by_role("button", name="Retry all failed").click()
            page.get_by_text("0 failed runs queued again. Refused — run").wait_for()
            page.get_by_text("tried as often as allowed").first.wait_for()  # a recruiter's words
            assert "TAILOR_MAX_ATTEMPTS" not in page.inner_text("body")  # the admin's: one click
            page.close()
    finally:
        clear_queue(tailor)
