"""Economy mode (Gemini Batch Mode) with the real google-genai SDK against the fake
server's Batch Mode endpoints."""

from __future__ import annotations

import pytest

from engine.errors import TailorError
from engine.tailor.gemini import batch_mode
from engine.tailor.gemini.batch_mode import JobState
from engine.tailor.gemini.client import GeminiOptimizer
from tests.support.fake_gemini_batches import fake_batches
from tests.support.gemini import config, demo_resume, fake, fast_config, job  # noqa: F401


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
