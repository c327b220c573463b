"""Economy mode (Gemini Batch Mode) with the real google-genai SDK against the fake
server's Batch Mode endpoints."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from rq.job import Job

from db.connection import get_engine
from db.models import GeminiJobStatus, Run
from db.store import gemini_jobs
from engine.orchestration import gemini_batches
from engine.orchestration.batches import batch_progress, cancel_batch, start_batch
from engine.orchestration.gemini_redis import RedisResponseCache
from engine.orchestration.jobs import gemini_state_prefix
from engine.orchestration.queue import redis_connection
from engine.resume import JobDescription, Resume

from engine.errors import TailorError
from engine.tailor.gemini import batch_mode
from engine.tailor.gemini.batch_mode import JobState
from engine.tailor.gemini.client import GeminiOptimizer
from tests.support.batches import JOB, Tailor, clear_queue, make_tailor
from tests.support.fake_gemini_batches import fake_batches
from tests.support.gemini import config, demo_resume, fake, fast_config, job  # noqa: F401
from tests.support.webhook_receiver import WebhookReceiver, as_json, subscribe


@pytest.mark.parametrize("as_file", [False, True], ids=["inline", "jsonl-file"])
def test_batch_answers_match_live_ones_at_half_price(fake, config, job, monkeypatch,  # noqa: F811
                                                     as_file):
    if as_file:  # past the inline limit: requests uploaded, results downloaded, as JSONL
        monkeypatch.setattr(batch_mode, "INLINE_LIMIT_BYTES", 100)
        fake_batches(fake).results_as_file = True
    client = batch_mode.batch_client(config)
    resumes = {str(i): demo_resume(i) for i in range(4)}
    requests = [batch_mode.inlined_request(r, job, config, key)[0] for key, r in resumes.items()]
    created = batch_mode.submit(client, config, requests, "tailor-test")
    assert batch_mode.job_state(created) == JobState.PENDING
    finished = client.batches.get(name=created.name)
    assert batch_mode.job_state(finished) == JobState.SUCCEEDED
    assert bool(finished.dest.file_name) == as_file
    answers = batch_mode.answers(client, finished)
    assert set(answers) == set(resumes)
    live = GeminiOptimizer(config)
    for key, resume in resumes.items():
        economy = batch_mode.optimization_from_answer(resume, job, config, answers[key])
        fast = live(resume, job)
        assert economy.edits == fast.edits and economy.edits
        assert economy.resume == fast.resume
        assert economy.tokens_in == fast.tokens_in
        assert economy.cost_usd == pytest.approx(fast.cost_usd * 0.5)
    # The fake saw the same request bodies both ways.
    batch_bodies = [r.body for r in fake.requests[:4]]
    live_bodies = [r.body for r in fake.requests[4:]]
    assert [b["contents"] for b in batch_bodies] == [b["contents"] for b in live_bodies]


def test_a_failed_request_fails_only_its_own_answer(fake, config, job):  # noqa: F811
    fake.push("bad_api_key", "unavailable")  # the first two requests of the job
    client = batch_mode.batch_client(config)
    resumes = {str(i): demo_resume(i) for i in range(3)}
    requests = [batch_mode.inlined_request(r, job, config, key)[0] for key, r in resumes.items()]
    done = client.batches.get(name=batch_mode.submit(client, config, requests, "t").name)
    answers = batch_mode.answers(client, done)
    with pytest.raises(TailorError) as refused:
        batch_mode.optimization_from_answer(resumes["0"], job, config, answers["0"])
    assert refused.value.code == "gemini_batch_request_failed"
    assert "400" in refused.value.message and not answers["0"].retryable
    assert answers["1"].retryable and answers["1"].error_code == 503
    assert batch_mode.optimization_from_answer(resumes["2"], job, config, answers["2"]).edits


# -- Economy batches end to end: real RQ workers, the real SDK, the fake's Batch Mode

KEY = "AIzaSy-economy-test-key-0123456789"


@pytest.fixture
def tailor(database_url: str, redis_url: str, fake) -> Iterator[Tailor]:  # noqa: F811
    tailor = make_tailor(database_url, redis_url, 50, GEMINI_API_KEY=KEY,
                         GEMINI_BASE_URL=fake.base_url, TAILOR_ECONOMY_POLL_S="0.3",
                         TAILOR_WEBHOOK_ALLOW_PRIVATE="1")
    yield tailor
    tailor.kill_workers()
    clear_queue(tailor)


def runs_of(tailor: Tailor, batch_id: int) -> dict[str, Run]:
    with get_engine(tailor.settings.database_url).connect() as conn:
        return {r.candidate_id: r for r in conn.execute(sa.select(Run).where(Run.batch_id == batch_id))}


def the_gemini_job(tailor: Tailor, batch_id: int):
    rows = gemini_jobs.gemini_jobs(tailor.settings.database_url, batch_id)
    assert len(rows) == 1
    return rows[0]


def forget_answers(tailor: Tailor) -> None:
    """Empty the answer cache Fast and Economy share."""
    settings = tailor.settings
    connection = redis_connection(settings)
    cache = RedisResponseCache(connection, gemini_state_prefix(settings))
    for key in connection.scan_iter(f"{cache.prefix}*"):
        connection.delete(key)


def waiting_for_gemini(tailor: Tailor, batch_id: int) -> None:
    tailor.wait_until(lambda: any(r.status == GeminiJobStatus.WAITING for r in
                                  gemini_jobs.gemini_jobs(tailor.settings.database_url, batch_id)),
                      60, "the Gemini job to be submitted")


def test_economy_batch_of_50_completes_and_matches_fast_mode(tailor: Tailor, fake):  # noqa: F811
    settings = tailor.settings
    ids = [str(i) for i in range(1, 51)]
    fast_id = start_batch(settings, ids, JOB, "tester")
    tailor.worker()
    tailor.worker()
    tailor.wait_finished(fast_id, timeout=240)
    live_requests = fake.request_count
    forget_answers(tailor)  # else Economy reuses Fast's answers and asks Gemini nothing

    fake_batches(fake).job_delay_s = 2.0
    economy_id = start_batch(settings, ids, JOB, "tester", economy=True)
    waiting_for_gemini(tailor, economy_id)
    progress = batch_progress(settings, economy_id)
    assert progress.waiting.startswith("waiting for Gemini (Economy): 50 resumes, submitted ")
    assert "waiting for Gemini (Economy)" in progress.line()
    statuses = tailor.wait_finished(economy_id, timeout=240)

    assert set(statuses.values()) == {"ready"} and len(statuses) == 50
    batches = fake_batches(fake)
    assert len(batches.created) == 1  # one Gemini job, submitted once
    assert len(batches.jobs[batches.created[0]].requests) == 50
    assert fake.request_count == live_requests + 50  # no live call in Economy mode
    fast, economy = runs_of(tailor, fast_id), runs_of(tailor, economy_id)
    for candidate_id in ids:
        a, b = fast[candidate_id], economy[candidate_id]
        assert b.edits == a.edits and b.optimized_resume == a.optimized_resume
        assert b.score_after == a.score_after and b.claim_findings == a.claim_findings
        assert b.tokens_in == a.tokens_in and b.prompt_version == a.prompt_version
        assert b.cost_usd == pytest.approx(a.cost_usd / 2)
    row = the_gemini_job(tailor, economy_id)
    assert row.status == GeminiJobStatus.COLLECTED and sorted(row.run_ids) == sorted(
        r.id for r in economy.values())
    assert batch_progress(settings, economy_id).waiting is None


def test_fast_and_economy_reuse_each_others_answers_at_no_cost(tailor: Tailor, fake):  # noqa: F811
    settings, ids = tailor.settings, ["1", "2", "3"]
    first = start_batch(settings, ids, JOB, "tester", economy=True)
    tailor.worker()
    assert set(tailor.wait_finished(first, timeout=120).values()) == {"ready"}
    assert fake.request_count == 3 and len(fake_batches(fake).created) == 1
    fast = start_batch(settings, ids, JOB, "tester")
    again = start_batch(settings, ids, JOB, "tester", economy=True)
    assert set(tailor.wait_finished(fast, timeout=120).values()) == {"ready"}
    assert set(tailor.wait_finished(again, timeout=120).values()) == {"ready"}
    assert fake.request_count == 3 and len(fake_batches(fake).created) == 1  # nothing asked
    assert gemini_jobs.gemini_jobs(settings.database_url, again) == []
    answered = runs_of(tailor, first)
    for batch_id in (fast, again):
        for candidate_id, run in runs_of(tailor, batch_id).items():
            assert run.edits == answered[candidate_id].edits and run.cost_usd == 0
            assert any("reused from the cache" in f["message"] for f in run.flags)


def test_a_failed_gemini_job_fails_its_runs_with_a_clear_message(tailor: Tailor, fake):  # noqa: F811
    fake_batches(fake).finish_as = "BATCH_STATE_FAILED"
    batch_id = start_batch(tailor.settings, [str(i) for i in range(1, 7)], JOB, "tester",
                           economy=True)
    tailor.worker()
    statuses = tailor.wait_finished(batch_id, timeout=120)
    assert set(statuses.values()) == {"failed"}
    for run in runs_of(tailor, batch_id).values():
        assert run.error_code == "gemini_batch_failed"
        assert run.error_message.startswith("The Gemini Batch Mode job failed")
    assert the_gemini_job(tailor, batch_id).status == GeminiJobStatus.FAILED


def test_an_expired_gemini_job_retries_its_runs_live(tailor: Tailor, fake):  # noqa: F811
    fake_batches(fake).finish_as = "BATCH_STATE_EXPIRED"
    batch_id = start_batch(tailor.settings, [str(i) for i in range(1, 7)], JOB, "tester",
                           economy=True)
    tailor.worker()
    statuses = tailor.wait_finished(batch_id, timeout=120)
    assert set(statuses.values()) == {"ready"}
    row = the_gemini_job(tailor, batch_id)
    assert row.status == GeminiJobStatus.EXPIRED and "within 24 hours" in row.error_message
    assert fake.request_count == 6  # the expired job answered nothing: six live calls
    assert all(r.cost_usd > 0 for r in runs_of(tailor, batch_id).values())


@pytest.fixture
def receiver() -> Iterator[WebhookReceiver]:
    receiver = WebhookReceiver()
    yield receiver
    receiver.stop()


def delivered_events(receiver: WebhookReceiver, count: int) -> list[tuple[str, dict]]:
    """(type, data) of the ``count`` deliveries expected, once they all came, and after
    a moment in which a duplicate would have shown."""
    deadline = time.monotonic() + 60
    while len(receiver.delivered()) < count and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(1)
    delivered = receiver.delivered()
    assert receiver.bad_signatures == 0
    assert len(delivered) == len({r.event_id for r in delivered}) == count, as_json(delivered)
    return [(r.event_type, r.data) for r in delivered]


def test_single_failed_requests_fail_or_retry_only_their_runs_with_the_webhooks_of_live_runs(
        tailor: Tailor, fake, receiver):  # noqa: F811
    subscribe(tailor.settings, receiver, ["run.ready", "run.failed", "batch.completed"])
    fake.push("bad_api_key", "unavailable")  # the job's first two requests (runs 1 and 2)
    batch_id = start_batch(tailor.settings, [str(i) for i in range(1, 7)], JOB, "tester",
                           economy=True)
    tailor.worker()
    statuses = tailor.wait_finished(batch_id, timeout=120)
    runs = runs_of(tailor, batch_id)
    assert statuses["1"] == "failed" and runs["1"].error_code == "gemini_batch_request_failed"
    assert runs["1"].error_message.startswith("Gemini Batch Mode could not answer this resume (400")
    assert statuses["2"] == "ready"  # 503 for its request: retried with a live call
    assert all(statuses[c] == "ready" for c in "3456")
    assert fake.request_count == 7  # six in the job, one live retry
    # The same events as a live batch: one per finished run, then the batch's, once.
    events = delivered_events(receiver, 7)
    by_run = {data["run_id"]: kind for kind, data in events if kind != "batch.completed"}
    assert by_run == {run.id: f"run.{statuses[c]}" for c, run in runs.items()}
    [completed] = [data for kind, data in events if kind == "batch.completed"]
    assert completed["status"] == "completed" and completed["counts"] == {"ready": 5, "failed": 1}


def test_cancel_cancels_the_gemini_job_and_its_runs(tailor: Tailor, fake,  # noqa: F811
                                                    receiver):
    subscribe(tailor.settings, receiver, ["batch.completed"])
    fake_batches(fake).job_delay_s = 600
    batch_id = start_batch(tailor.settings, [str(i) for i in range(1, 7)], JOB, "tester",
                           economy=True)
    tailor.worker()
    waiting_for_gemini(tailor, batch_id)
    assert cancel_batch(tailor.settings, batch_id, "tester") == 6
    assert set(tailor.statuses(batch_id).values()) == {"cancelled"}
    job = fake_batches(fake).jobs[the_gemini_job(tailor, batch_id).gemini_name]
    assert job.state == "BATCH_STATE_CANCELLED"
    assert the_gemini_job(tailor, batch_id).status == GeminiJobStatus.CANCELLED
    assert fake.request_count == 0
    [(kind, data)] = delivered_events(receiver, 1)
    assert kind == "batch.completed" and data["status"] == "cancelled"
    assert data["batch_id"] == batch_id and data["counts"] == {"cancelled": 6}


def test_a_worker_killed_while_the_gemini_job_is_pending_is_recovered_without_resubmitting(
        tailor: Tailor, fake):  # noqa: F811
    fake_batches(fake).job_delay_s = 5
    batch_id = start_batch(tailor.settings, [str(i) for i in range(1, 9)], JOB, "tester",
                           economy=True)
    tailor.worker()
    waiting_for_gemini(tailor, batch_id)
    tailor.kill_workers()
    # Redis lost the scheduled poll too: only recovery can bring the polling back. (The
    # kill may have come between the row naming the next poll and its enqueueing: then
    # Redis never had it, the same loss.)
    poll_id = the_gemini_job(tailor, batch_id).poll_job_id
    connection = redis_connection(tailor.settings)
    if Job.exists(poll_id, connection=connection):
        Job.fetch(poll_id, connection=connection).delete()
    tailor.worker()  # recovers on start
    statuses = tailor.wait_finished(batch_id, timeout=120)
    assert set(statuses.values()) == {"ready"}
    assert len(fake_batches(fake).created) == 1  # nothing submitted twice
    assert fake.request_count == 8


def test_a_submission_interrupted_after_gemini_took_it_is_adopted_not_resubmitted(
        tailor: Tailor, fake):  # noqa: F811
    """The worker died between Gemini creating the job and the row saying so."""
    settings = tailor.settings
    batch_id = start_batch(settings, [str(i) for i in range(1, 5)], JOB, "tester", economy=True)
    clear_queue(tailor)  # the submit job is lost with Redis
    url, claim = settings.database_url, gemini_batches.claim_for(batch_id)
    claimed = gemini_jobs.claim_for_economy(url, batch_id, gemini_batches.ECONOMY_WAITING, claim)
    # Parse and hold as submit_economy does, then create Gemini's job without recording it.
    from engine.parse.parser import parse_document
    from engine.extract.documents import extract_document
    from db.candidates import open_candidate_source

    source = open_candidate_source(settings.candidates_url, settings.candidate_table)
    for run_id, candidate_id, _, _ in claimed:
        file = source.resume_file(candidate_id)
        resume = parse_document(extract_document(file.data, filename=file.filename,
                                                 declared_format=file.declared_format))
        assert gemini_jobs.hold_for_gemini(url, run_id, claim, resume.model_dump(mode="json"))
    row = gemini_jobs.open_job(url, batch_id, claim, "tailor-interrupted", [r[0] for r in claimed])
    config = gemini_batches.gemini_config(settings)
    client = batch_mode.batch_client(config)
    held = gemini_jobs.held_runs(url, claim)
    batch_mode.submit(client, config, [batch_mode.inlined_request(
        Resume.model_validate(held[r]), JobDescription(title=JOB.title, text=JOB.text), config,
        str(r))[0] for r in row.run_ids], row.display_name)

    tailor.worker()  # recovery: the open row's poll finds the job by its name
    statuses = tailor.wait_finished(batch_id, timeout=120)
    assert set(statuses.values()) == {"ready"}
    assert len(fake_batches(fake).created) == 1


def test_economy_logs_each_answer_with_its_cost_and_never_the_key_or_resume_text(
        tailor: Tailor, fake):  # noqa: F811
    tailor.env["TAILOR_ECONOMY_POLL_S"] = "0"
    settings = tailor.settings
    batch_id = start_batch(settings, ["1", "2", "3"], JOB, "tester", economy=True)
    process = tailor.worker(burst=True)
    _, err = process.communicate(timeout=120)
    assert set(tailor.statuses(batch_id).values()) == {"ready"}
    events = [json.loads(line) for line in err.decode().splitlines() if line.startswith("{")]
    calls = [e for e in events if e["event"] == "gemini_call"]
    runs = runs_of(tailor, batch_id)
    assert sorted(c["run_id"] for c in calls) == sorted(r.id for r in runs.values())
    assert all(c["mode"] == "economy" and c["batch_id"] == batch_id for c in calls)
    by_run = {c["run_id"]: c for c in calls}
    for run in runs.values():
        assert by_run[run.id]["cost_usd"] == pytest.approx(run.cost_usd)
        assert by_run[run.id]["tokens_in"] == run.tokens_in
    steps = [e for e in events if e["event"] == "run_step"]
    assert {s["step"] for s in steps} >= {"parse", "wait_for_gemini", "run"}
    text = err.decode()
    assert KEY not in text
    for run in runs.values():
        for line in Resume.model_validate(run.parsed_resume).bullets().values():
            assert line not in text


def test_the_api_starts_an_economy_batch_shows_it_waiting_and_cancels_it(
        tailor: Tailor, fake):  # noqa: F811
    from db.models import ApiScope
    from tests.api.conftest import new_batch_body, start_server

    fake_batches(fake).job_delay_s = 600
    api = start_server(tailor)
    try:
        client = api.client(api.key(ApiScope.REVIEW))
        started = client.post("/v1/batches", json={**new_batch_body(["1", "2"]), "mode": "economy"})
        assert started.status_code == 202, started.text
        batch_url = started.json()["url"]
        tailor.worker()
        waiting_for_gemini(tailor, started.json()["id"])
        shown = client.get(batch_url).json()
        assert shown["waiting"].startswith("waiting for Gemini (Economy): 2 resumes, submitted ")
        assert client.post(f"{batch_url}/cancel").json()["runs_cancelled"] == 2
        assert [j.state for j in fake_batches(fake).jobs.values()] == ["BATCH_STATE_CANCELLED"]
        refused = client.post("/v1/batches", json={**new_batch_body(["1"]), "mode": "cheap"})
        assert refused.status_code == 422
    finally:
        api.stop()


def test_the_api_estimates_both_modes_before_anything_starts(tailor: Tailor, fake):  # noqa: F811
    from db.models import ApiScope, Batch
    from engine.orchestration.batches import SUBMIT_COST_SAMPLE, estimate_cost
    from tests.api.conftest import new_batch_body, start_server

    api = start_server(tailor)
    try:
        client = api.client(api.key(ApiScope.RUN))
        answer = client.post("/v1/estimates", json=new_batch_body(["1", "2", "3"]))
        assert answer.status_code == 200, answer.text
        shown = answer.json()
        expected = estimate_cost(tailor.settings, ["1", "2", "3"], JOB)
        assert shown["candidates"] == 3 and shown["sampled"] == 3
        assert shown["optimizer"] == "gemini" and shown["tokens_in"] == expected.tokens_in
        assert shown["fast_usd"] == pytest.approx(expected.cost_usd) and shown["fast_usd"] > 0
        assert shown["economy_usd"] == pytest.approx(shown["fast_usd"] / 2)
        missing = client.post("/v1/estimates", json={
            "candidate_ids": ["1"], "job_description_id": 999})
        assert missing.status_code == 404 and missing.json()["code"] == "not_found"
        thin = client.post("/v1/estimates", json={
            "candidate_ids": ["1"], "job_description": {"title": "x", "text": "Hiring."}})
        assert thin.status_code == 422, thin.text
        assert thin.json()["code"] == "job_description_too_short"
        reader = api.client(api.key(ApiScope.READ, name="reader"))
        assert reader.post("/v1/estimates", json=new_batch_body(["1"])).status_code == 403
        with get_engine(tailor.settings.database_url).connect() as conn:
            assert conn.execute(sa.select(sa.func.count()).select_from(Batch)).scalar() == 0
        # Started without asking first, a batch records an estimate from a few resumes:
        # the caller waits for each one read.
        ids = ["1", "2", "3", "4", "5", "6"]
        started = client.post("/v1/batches", json=new_batch_body(ids))
        with get_engine(tailor.settings.database_url).connect() as conn:
            recorded = conn.execute(sa.select(Batch.estimated_cost_usd).where(
                Batch.id == started.json()["id"])).scalar_one()
        quick = estimate_cost(tailor.settings, ids, JOB, sample=SUBMIT_COST_SAMPLE)
        assert quick.sampled == 3 and recorded == pytest.approx(quick.cost_usd) and recorded > 0
    finally:
        api.stop()


def test_economy_is_refused_for_the_offline_optimizer(database_url, redis_url):
    from engine.errors import Refusal

    offline = make_tailor(database_url, redis_url, 2)
    try:
        with pytest.raises(Refusal) as refused:
            start_batch(offline.settings, ["1"], JOB, "tester", economy=True)
        assert refused.value.code == "economy_needs_gemini"
    finally:
        clear_queue(offline)


def _economy_choice_app() -> None:
    import streamlit as st

    from engine.orchestration.batches import CostEstimate
    from ui.start_batch import economy_choice

    estimate = CostEstimate(candidates=10, tokens_in=15_000, tokens_out=2_000, cost_usd=0.0024,
                            sampled=10)
    st.write("economy" if economy_choice(estimate) else "fast")


def test_the_start_form_offers_fast_and_economy_with_the_cost_of_each():
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_function(_economy_choice_app, default_timeout=60).run()
    choice = app.radio[0]
    assert choice.options == ["Fast", "Economy"] and choice.value == "Fast"
    assert [m.value for m in app.markdown] == ["fast"]
    captions = " ".join(str(c) for c in choice.proto.captions)
    assert "$0.0024" in captions and "$0.0012" in captions
    choice.set_value("Economy").run()
    assert [m.value for m in app.markdown] == ["economy"]
