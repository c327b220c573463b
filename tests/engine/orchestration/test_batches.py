"""Bulk runs end to end with real RQ worker subprocesses, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from db import store
from db.connection import get_engine
from db.models import AuditEvent, Run, RunAttempt, RunStatus
from engine.orchestration.batches import (
    MIN_WORKING_S,
    batch_progress,
    cancel_batch,
    estimate_cost,
    retry_failed,
    retry_run,
    start_batch,
    unique_ids,
    working_seconds,
)
from tests.support.batches import JOB, Tailor, clear_queue, make_tailor, set_resume
from tests.support.fake_gemini import FakeGemini

def scanned_pdf() -> bytes:
    """A PDF page that is only a picture: no text layer."""
    import pymupdf

    doc = pymupdf.open()
    pixmap = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 300, 300), False)
    pixmap.clear_with(180)
    doc.new_page().insert_image(pymupdf.Rect(0, 0, 595, 842), pixmap=pixmap)
    return doc.tobytes()


BROKEN = {
    3: (b"%PDF-1.4 this is not really a pdf", "pdf"),   # corrupt file
    7: (None, None),                                     # nothing stored
    11: (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "doc"),  # old Word .doc
    13: (scanned_pdf(), "pdf"),                         # scanned, needs OCR
}


@pytest.fixture
def tailor(database_url: str, redis_url: str) -> Iterator[Tailor]:
    tailor = make_tailor(database_url, redis_url, 50)
    yield tailor
    tailor.kill_workers()
    clear_queue(tailor)


def test_unique_ids_collapse_duplicates_in_order():
    assert unique_ids(["3", "1", "3", " 1 ", "2", ""]) == ["3", "1", "2"]


def test_batch_of_50_completes_with_two_real_workers(tailor: Tailor):
    settings = tailor.settings
    for candidate_id, (data, fmt) in BROKEN.items():
        set_resume(settings.database_url, candidate_id, data, fmt)
    ids = [str(i) for i in range(1, 51)] + ["5", "9", "5"]  # duplicates collapse
    batch_id = start_batch(settings, ids, JOB, "tester")
    progress = batch_progress(settings, batch_id)
    assert progress.total == 50 and progress.counts[RunStatus.QUEUED] == 50

    tailor.worker()
    tailor.worker()
    statuses = tailor.wait_finished(batch_id, timeout=150)

    assert len(statuses) == 50
    assert {s for s in statuses.values()} <= {RunStatus.READY, RunStatus.FAILED}
    with get_engine(settings.database_url).connect() as conn:
        runs = {r.candidate_id: r for r in conn.execute(sa.select(Run).where(Run.batch_id == batch_id))}
    failed = {c for c, s in statuses.items() if s == RunStatus.FAILED}
    assert failed == {"3", "7", "11", "13"}
    assert runs["3"].error_code == "corrupt_pdf"
    assert runs["7"].error_code == "resume_empty"
    assert runs["11"].error_code == "legacy_doc"
    assert runs["13"].error_code == "no_text_layer"
    assert runs["13"].error_message == "This PDF is a scanned image with no text; it needs OCR."
    assert all(runs[c].error_message for c in failed)
    for candidate_id, run in runs.items():
        if candidate_id in failed:
            assert run.optimized_resume is None
            continue
        assert run.error_code is None
        assert run.parsed_resume["experience"] and run.optimized_resume
        assert run.score_before is not None and run.score_after >= run.score_before - 1e-9
        assert run.claim_findings is not None and run.model == "offline"
        assert run.started_at and run.finished_at and run.attempt == 1
    progress = batch_progress(settings, batch_id)
    assert progress.finished
    assert progress.counts[RunStatus.READY] == 46 and progress.counts[RunStatus.FAILED] == 4
    # A rate once a second of work lies behind it (on a quick machine 50 runs take less).
    spans = [(r.started_at, r.finished_at) for r in runs.values()]
    if working_seconds(spans, max(end for _, end in spans)) >= MIN_WORKING_S:
        assert progress.resumes_per_s > 0 and progress.eta_s == 0
    else:
        assert progress.resumes_per_s is None


def test_retry_parse_keeps_history_and_stops_at_the_attempt_limit(tailor: Tailor):
    tailor.env["TAILOR_MAX_ATTEMPTS"] = "2"
    settings = tailor.settings
    set_resume(settings.database_url, 2, None, None)
    batch_id = start_batch(settings, ["1", "2", "3"], JOB, "tester")
    runs = {r.candidate_id: r.id for r in store.run_steps(settings.database_url, batch_id)}

    with pytest.raises(store.RunStateError, match="still in progress"):
        retry_run(settings, runs["1"], "tester")
    tailor.run_burst()
    assert tailor.statuses(batch_id) == {"1": RunStatus.READY, "2": RunStatus.FAILED, "3": RunStatus.READY}

    # The resume is fixed in the candidate table; "retry all failed" picks it up.
    from tests.support.batches import demo_rows

    row = demo_rows(50)[1]
    set_resume(settings.database_url, 2, row["resume"], row["resume_format"])
    assert retry_failed(settings, batch_id, "tester") == (1, {})
    retry_run(settings, runs["1"], "tester")
    tailor.run_burst()
    assert tailor.statuses(batch_id) == {"1": RunStatus.READY, "2": RunStatus.READY, "3": RunStatus.READY}

    with get_engine(settings.database_url).connect() as conn:
        attempts = conn.execute(sa.select(RunAttempt).order_by(RunAttempt.run_id)).all()
        run2 = conn.execute(sa.select(Run).where(Run.id == runs["2"])).one()
        events = conn.execute(sa.select(AuditEvent.action).where(AuditEvent.action == "run_retried")).all()
    assert [(a.run_id, a.attempt, a.status) for a in attempts] == [
        (runs["1"], 1, RunStatus.READY), (runs["2"], 1, RunStatus.FAILED)]
    assert attempts[0].outcome["optimized_resume"] and attempts[1].error_code == "resume_empty"
    assert run2.attempt == 2 and run2.error_code is None and run2.optimized_resume
    assert len(events) == 2

    with pytest.raises(store.RunStateError, match="all 2 attempts"):
        retry_run(settings, runs["2"], "tester")
    assert retry_failed(settings, batch_id, "tester") == (0, {})


def test_cancel_cancels_queued_runs_and_lets_running_ones_finish(tailor: Tailor):
    with FakeGemini(latency_s=1.5) as fake:
        tailor.env.update(GEMINI_API_KEY="test-key", GEMINI_BASE_URL=fake.base_url,
                          TAILOR_IN_FLIGHT="4")
        settings = tailor.settings
        assert settings.optimizer == "gemini"
        batch_id = start_batch(settings, [str(i) for i in range(1, 21)], JOB, "tester")
        tailor.worker()
        tailor.wait_until(lambda: fake.request_count >= 1, 60, "a Gemini call in flight")
        assert cancel_batch(settings, batch_id, "tester") >= 12
        statuses = tailor.wait_finished(batch_id, timeout=60)

    counts = {s: list(statuses.values()).count(s) for s in set(statuses.values())}
    assert counts.get(RunStatus.READY, 0) >= 1 and counts[RunStatus.CANCELLED] >= 12
    assert set(counts) <= {RunStatus.READY, RunStatus.CANCELLED}
    with get_engine(settings.database_url).connect() as conn:
        rows = conn.execute(sa.select(Run).where(Run.batch_id == batch_id)).all()
    for run in rows:
        if run.status == RunStatus.CANCELLED:  # nothing half-saved
            assert run.optimized_resume is None and run.parsed_resume is None and run.cost_usd == 0
        else:
            assert run.optimized_resume and run.model == settings.gemini_model and run.tokens_in > 0
    assert fake.request_count == counts[RunStatus.READY]


def test_a_worker_holds_more_runs_than_calls_and_keeps_its_calls_in_flight_limit(tailor: Tailor):
    """Runs beyond TAILOR_IN_FLIGHT are read and saved beside the calls: the job holds
    half as many again, yet never has more calls than that at the fake at once."""
    with FakeGemini(latency_s=0.3) as fake:
        tailor.env.update(GEMINI_API_KEY="test-key", GEMINI_BASE_URL=fake.base_url,
                          TAILOR_IN_FLIGHT="3")
        settings = tailor.settings
        batch_id = start_batch(settings, [str(i) for i in range(1, 31)], JOB, "tester")
        tailor.worker()
        held: list[int] = []

        def finished() -> bool:
            held.append(running(settings.database_url, batch_id))
            return batch_progress(settings, batch_id).finished

        tailor.wait_until(finished, 120, "the batch")
        statuses = tailor.wait_finished(batch_id, timeout=60)

    assert set(statuses.values()) == {RunStatus.READY} and len(statuses) == 30
    assert fake.request_count == 30 and 1 < fake.max_in_flight <= 3
    assert max(held) <= 4


def running(url: str, batch_id: int) -> int:
    """Runs of the batch a job holds now (claimed, not yet finished)."""
    with get_engine(url).connect() as conn:
        return conn.execute(sa.select(sa.func.count()).select_from(Run).where(
            Run.batch_id == batch_id,
            Run.status.notin_([RunStatus.QUEUED, RunStatus.READY, RunStatus.FAILED]))).scalar()


def test_cost_estimate_is_tokens_times_price_before_enqueueing(tailor: Tailor):
    tailor.env["GEMINI_API_KEY"] = "test-key"
    settings = tailor.settings
    estimate = estimate_cost(settings, [str(i) for i in range(1, 11)] + ["1"], JOB)
    price_in, price_out = settings.gemini_prices[settings.gemini_model]
    assert estimate.candidates == 10 and estimate.sampled == 10
    assert estimate.tokens_in > 10 * 300 and estimate.tokens_out > 0
    assert estimate.cost_usd == pytest.approx(
        (estimate.tokens_in * price_in + estimate.tokens_out * price_out) / 1e6)


def test_transient_gemini_failure_is_retried_by_rq_then_gives_up(tailor: Tailor):
    # A 429 asking to wait 120 s is beyond what the Gemini client sits out: transient.
    with FakeGemini(latency_s=0.05, retry_delay="120s") as fake:
        tailor.env.update(GEMINI_API_KEY="test-key", GEMINI_BASE_URL=fake.base_url,
                          TAILOR_IN_FLIGHT="1", TAILOR_JOB_RETRIES="1")
        settings = tailor.settings
        fake.push("rate_limit", "rate_limit", "rate_limit")
        batch_id = start_batch(settings, ["1", "2"], JOB, "tester")
        tailor.worker()
        statuses = tailor.wait_finished(batch_id, timeout=60)

    assert statuses == {"1": RunStatus.FAILED, "2": RunStatus.READY}
    with get_engine(settings.database_url).connect() as conn:
        runs = {r.candidate_id: r for r in conn.execute(sa.select(Run).where(Run.batch_id == batch_id))}
    assert runs["1"].transient_failures == 2 and runs["1"].error_code.startswith("gemini_")
    assert "gave up after 2 tries" in runs["1"].error_message
    assert runs["2"].transient_failures == 1 and runs["2"].optimized_resume
    assert fake.request_count == 4
