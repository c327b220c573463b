"""The Gemini optimizer through the real google-genai client against the fake server."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime

import pytest
from pydantic import ValidationError

from engine.claim_check import check_claims
from engine.errors import TailorError
from engine.tailor.gemini.client import (
    QUOTA_RESET_ZONE,
    GeminiConfig,
    MemoryQuotaGate,
    MemoryRateLimiter,
    MemoryResponseCache,
    cache_key,
    cost_usd,
    estimate_cost_usd,
    estimate_request_tokens,
    make_gemini_optimizer,
    seconds_until_quota_reset,
)
from engine.tailor.gemini.prompt import PROMPT_VERSION, SYSTEM_INSTRUCTION, GeminiEdit
from engine.tailor.optimizer import apply_edits
from engine.resume import JobDescription, Bullet, ExperienceEntry, Resume
from tests.support.gemini import config, demo_resume, fake, fast_config, job  # noqa: F401
from tests.support.fake_gemini import FakeGemini


def test_answer_becomes_edits_against_the_resume_ids(fake, config, job):
    resume = demo_resume(0)
    result = make_gemini_optimizer(config)(resume, job)

    originals = resume.bullets()
    assert result.edits, "the fake rewords several lines"
    for edit in result.edits:
        assert edit.source_id in originals
        assert edit.before == originals[edit.source_id]
        assert edit.after != edit.before
        assert edit.reason
    assert result.resume == apply_edits(resume, result.edits)
    # Identity fields and the number of lines never change.
    assert [(e.title, e.company, e.start, e.end, len(e.bullets)) for e in result.resume.experience] \
        == [(e.title, e.company, e.start, e.end, len(e.bullets)) for e in resume.experience]
    assert (result.model, result.prompt_version) == ("gemini-2.5-flash-lite", PROMPT_VERSION)
    assert result.latency_s > 0


def test_request_on_the_wire(fake, config, job):
    make_gemini_optimizer(config)(demo_resume(1), job)

    [request] = fake.requests
    assert request.path == "/v1/models/gemini-2.5-flash-lite:generateContent"
    assert request.headers["x-goog-api-key"] == "test-key"
    assert request.system_text == SYSTEM_INSTRUCTION
    generation = request.body["generationConfig"]
    assert generation["responseMimeType"] == "application/json"
    edits_schema = generation["responseSchema"]["properties"]["edits"]
    assert edits_schema["type"] == "ARRAY"
    assert edits_schema["items"]["required"] == list(GeminiEdit.model_fields)
    assert generation["thinkingConfig"] == {"thinking_budget": 0}
    # Stable prefix first: the job description, then the resume, each delimited.
    job_part, resume_part = request.texts
    assert job_part.startswith("<job>\n") and job_part.endswith("\n</job>")
    assert resume_part.startswith("<resume>\n") and resume_part.endswith("\n</resume>")
    # No contact details travel: Gemini needs none of them to tailor.
    person = demo_resume(1)
    assert person.email not in resume_part and person.phone not in resume_part


def test_tokens_and_cost_come_from_usage_metadata(fake, config, job):
    result = make_gemini_optimizer(config)(demo_resume(2), job)

    usage = fake.requests[0].usage
    assert result.tokens_in == usage["promptTokenCount"] > 500
    assert result.tokens_out == usage["candidatesTokenCount"] > 20
    assert result.cached_tokens == 0
    expected = result.tokens_in * 0.10 / 1e6 + result.tokens_out * 0.40 / 1e6
    assert result.cost_usd == pytest.approx(expected)


def test_thinking_tokens_are_billed_as_output(fake, job):
    config = fast_config(fake, model="gemini-2.5-flash", thinking_budget=512)
    result = make_gemini_optimizer(config)(demo_resume(2), job)

    usage = fake.requests[0].usage
    assert usage["thoughtsTokenCount"] == fake.thoughts_tokens
    assert result.tokens_out == usage["candidatesTokenCount"] + usage["thoughtsTokenCount"]
    expected = result.tokens_in * 0.30 / 1e6 + result.tokens_out * 2.50 / 1e6
    assert result.cost_usd == pytest.approx(expected)


def test_implicitly_cached_prefix_is_recorded_and_billed_cheaper(fake, config, job):
    fake.implicit_cache, fake.min_cache_tokens = True, 500
    optimizer = make_gemini_optimizer(config)
    first = optimizer(demo_resume(3), job)
    second = optimizer(demo_resume(4), job)  # same system instruction and job: same prefix

    assert first.cached_tokens == 0
    assert second.cached_tokens == fake.requests[1].usage["cachedContentTokenCount"] > 500
    fresh = second.tokens_in - second.cached_tokens
    expected = (fresh * 0.10 + second.cached_tokens * 0.01 + second.tokens_out * 0.40) / 1e6
    assert second.cost_usd == pytest.approx(expected)


@pytest.mark.parametrize("fault", ["rate_limit", "server_error", "unavailable", "hang",
                                   "garbage_body"])
def test_transient_fault_is_retried_then_succeeds(fake, job, fault):
    config = fast_config(fake, timeout_s=0.3)
    fake.push(fault)
    result = make_gemini_optimizer(config)(demo_resume(5), job)

    assert fake.request_count == 2
    assert result.edits


@pytest.mark.parametrize(("fault", "code"), [
    ("rate_limit", "gemini_rate_limited"),
    ("server_error", "gemini_unavailable"),
    ("unavailable", "gemini_unavailable"),
    ("hang", "gemini_timeout"),
])
def test_retries_exhausted_fail_transient(fake, job, fault, code):
    config = fast_config(fake, timeout_s=0.3, max_attempts=3)
    fake.push(*[fault] * 3)
    with pytest.raises(TailorError) as caught:
        make_gemini_optimizer(config)(demo_resume(5), job)

    assert (caught.value.code, caught.value.transient) == (code, True)
    assert "after 3 attempts" in caught.value.message
    assert fake.request_count == 3


def test_sdk_does_not_retry_behind_our_back(fake, job):
    fake.push("unavailable")
    with pytest.raises(TailorError):
        make_gemini_optimizer(fast_config(fake, max_attempts=1))(demo_resume(5), job)
    assert fake.request_count == 1


def test_retry_waits_the_delay_gemini_asks_for(fake, job):
    fake.retry_delay = "0.4s"
    fake.push("rate_limit")
    started = time.monotonic()
    make_gemini_optimizer(fast_config(fake))(demo_resume(6), job)

    assert fake.requests[1].received_at - fake.requests[0].received_at >= 0.4
    assert time.monotonic() - started < 2.0


def test_retry_delay_longer_than_we_wait_fails_transient_at_once(fake, job):
    fake.retry_delay = "45s"
    fake.push("rate_limit")
    config = fast_config(fake, max_retry_delay_s=5)
    with pytest.raises(TailorError) as caught:
        make_gemini_optimizer(config)(demo_resume(6), job)

    assert caught.value.code == "gemini_rate_limited" and caught.value.transient
    assert "45 s" in caught.value.message
    assert fake.request_count == 1


def test_daily_quota_fails_fast_for_every_later_run(fake, config, job):
    quota = MemoryQuotaGate()
    first_worker = make_gemini_optimizer(config, quota=quota)
    other_worker = make_gemini_optimizer(config, quota=quota)
    fake.push("daily_quota")

    with pytest.raises(TailorError) as caught:
        first_worker(demo_resume(7), job)
    assert (caught.value.code, caught.value.transient) == ("gemini_quota_exhausted", False)
    assert caught.value.message == "Gemini daily quota exhausted"
    assert fake.request_count == 1  # not retried, although Gemini sent a RetryInfo

    for worker, index in ((first_worker, 8), (other_worker, 9)):
        with pytest.raises(TailorError, match="Gemini daily quota exhausted"):
            worker(demo_resume(index), job)
    assert fake.request_count == 1


def test_quota_resets_at_midnight_pacific():
    eleven_pm = datetime(2025, 3, 4, 23, 0, tzinfo=QUOTA_RESET_ZONE)
    assert seconds_until_quota_reset(eleven_pm) == 3600


@pytest.mark.parametrize("fault", ["malformed_json", "schema_violation"])
def test_unusable_answer_is_asked_again_once(fake, config, job, fault):
    fake.push(fault)
    result = make_gemini_optimizer(config)(demo_resume(10), job)

    assert fake.request_count == 2
    assert result.edits
    assert any("first answer was unusable" in note for note in result.notes)
    # Both answers were billed.
    assert result.tokens_in == sum(r.usage["promptTokenCount"] for r in fake.requests)


@pytest.mark.parametrize("fault", ["malformed_json", "schema_violation"])
def test_unusable_answer_twice_fails_with_a_clear_error(fake, config, job, fault):
    fake.push(fault, fault)
    with pytest.raises(TailorError) as caught:
        make_gemini_optimizer(config)(demo_resume(10), job)

    assert (caught.value.code, caught.value.transient) == ("gemini_bad_response", False)
    assert "unusable answer twice" in caught.value.message
    assert fake.request_count == 2


@pytest.mark.parametrize(("fault", "code"), [
    ("max_tokens", "gemini_truncated"),
    ("safety_block", "gemini_blocked"),
])
def test_truncated_or_blocked_answer_fails_without_retry(fake, config, job, fault, code):
    fake.push(fault)
    with pytest.raises(TailorError) as caught:
        make_gemini_optimizer(config)(demo_resume(11), job)

    assert (caught.value.code, caught.value.transient) == (code, False)
    assert fake.request_count == 1


def test_refused_request_fails_at_once_with_gemini_s_message(fake, config, job):
    fake.push("bad_api_key")
    with pytest.raises(TailorError) as caught:
        make_gemini_optimizer(config)(demo_resume(11), job)

    assert (caught.value.code, caught.value.transient) == ("gemini_rejected", False)
    assert "API key not valid" in caught.value.message
    assert fake.request_count == 1


def test_identical_request_is_served_from_the_cache(fake, config, job):
    cache = MemoryResponseCache()
    optimizer = make_gemini_optimizer(config, cache=cache)
    resume = demo_resume(12)
    first = optimizer(resume, job)
    second = optimizer(resume, job)

    assert fake.request_count == 1
    assert second.edits == first.edits and second.resume == first.resume
    assert (second.tokens_in, second.tokens_out, second.cost_usd) == (0, 0, 0.0)
    assert first.cost_usd > 0
    assert any("cache" in note for note in second.notes)

    optimizer(resume, JobDescription(title=job.title, text=job.text + "\nAlso: Rust."))
    assert fake.request_count == 2


def test_cache_key_covers_resume_job_model_and_prompt_version(job):
    resume = demo_resume(0)
    key = cache_key(resume, job, "gemini-2.5-flash-lite")
    assert key == cache_key(demo_resume(0), job, "gemini-2.5-flash-lite")
    assert len({
        key,
        cache_key(demo_resume(1), job, "gemini-2.5-flash-lite"),
        cache_key(resume, JobDescription(text=job.text + "."), "gemini-2.5-flash-lite"),
        cache_key(resume, job, "gemini-2.5-flash"),
        cache_key(resume, job, "gemini-2.5-flash-lite", PROMPT_VERSION + "-next"),
    }) == 5


def test_edits_outside_the_resume_are_refused(fake, config, job):
    resume = demo_resume(13)
    real_id = resume.experience[0].bullets[0].id
    fake.answer = lambda request: {"edits": [
        {"id": real_id, "text": "Reworded first line", "reason": "clearer"},
        {"id": real_id, "text": "A second take on the same line", "reason": "again"},
        {"id": "experience.0.99", "text": "A brand new achievement", "reason": "new"},
        {"id": "experience.0.title", "text": "Chief Executive Officer", "reason": "promote"},
        {"id": "email", "text": "attacker@example.com", "reason": "contact"},
        {"id": resume.experience[0].bullets[1].id, "text": "   ", "reason": "empty"},
    ]}
    result = make_gemini_optimizer(config)(resume, job)

    assert [(e.source_id, e.after) for e in result.edits] == [(real_id, "Reworded first line")]
    refused = [n for n in result.notes if n.startswith("Refused")]
    assert len(refused) == 5
    assert result.resume.email == resume.email
    assert result.resume.experience[0].title == resume.experience[0].title
    assert [len(e.bullets) for e in result.resume.experience] == \
        [len(e.bullets) for e in resume.experience]


def test_twenty_page_resume_is_truncated_with_a_note(fake, config, job):
    entries = [
        ExperienceEntry(title="Engineer", company=f"Company {e}", start="2001-01", end="2002-01",
                        bullets=[Bullet(id=f"experience.{e}.{i}",
                                        text=f"Built system {e}-{i} used by the finance team "
                                             "every day to reconcile payments") for i in range(8)])
        for e in range(80)
    ]
    resume = Resume(name="Long Resume", experience=entries, skills=["Python"])
    assert len(resume.to_text()) > 40_000  # about 20 pages
    result = make_gemini_optimizer(config)(resume, job)

    sent = fake.requests[0].resume_block
    assert len(sent) <= config.max_resume_chars
    sent_ids = set(fake.requests[0].editable_lines())
    assert "experience.0.0" in sent_ids and "experience.79.7" not in sent_ids
    assert {e.source_id for e in result.edits} <= sent_ids
    [note] = [n for n in result.notes if "were not tailored" in n]
    assert "12,000" in note


def test_resume_without_editable_lines_costs_nothing(fake, config, job):
    result = make_gemini_optimizer(config)(Resume(name="Only A Name"), job)
    assert fake.request_count == 0
    assert result.edits == [] and result.cost_usd == 0
    assert any("no editable lines" in note for note in result.notes)


def test_empty_job_description_is_a_clear_error(fake, config):
    with pytest.raises(TailorError) as caught:
        make_gemini_optimizer(config)(demo_resume(0), JobDescription(text="  \n"))
    assert caught.value.code == "job_description_empty"
    assert fake.request_count == 0


def test_short_job_description_still_tailors_with_a_note(fake, config):
    result = make_gemini_optimizer(config)(demo_resume(0), JobDescription(text="Python dev"))
    assert fake.request_count == 1
    assert any("very short" in note for note in result.notes)


def test_many_threads_share_one_optimizer(fake, config, job):
    fake.latency_s = 0.05
    optimizer = make_gemini_optimizer(config)
    resumes = [demo_resume(i) for i in range(40)]
    with ThreadPoolExecutor(max_workers=16) as pool:
        results = list(pool.map(lambda r: optimizer(r, job), resumes))

    assert fake.request_count == 40
    for resume, result in zip(resumes, results):
        originals = resume.bullets()
        assert all(originals[e.source_id] == e.before for e in result.edits)
        assert result.resume.name == resume.name


def test_each_http_attempt_takes_from_the_rate_limiter(fake, config, job):
    class CountingLimiter(MemoryRateLimiter):
        def __init__(self) -> None:
            super().__init__(requests_per_minute=6000, tokens_per_minute=10_000_000)
            self.taken: list[int] = []

        def acquire(self, tokens: int) -> None:
            self.taken.append(tokens)
            super().acquire(tokens)

    limiter = CountingLimiter()
    fake.push("unavailable")
    resume = demo_resume(14)
    make_gemini_optimizer(config, limiter=limiter)(resume, job)

    assert limiter.taken == [sum(estimate_request_tokens(resume, job, config))] * 2


def test_memory_rate_limiter_spaces_requests():
    limiter = MemoryRateLimiter(requests_per_minute=1200, tokens_per_minute=10**9, burst_s=0.05)
    started = time.monotonic()
    for _ in range(6):
        limiter.acquire(100)
    assert time.monotonic() - started >= 5 / 20 * 0.9  # 20 per second after a burst of 1


def test_estimate_is_close_to_what_gemini_counts(fake, config, job):
    resume = demo_resume(15)
    tokens_in, tokens_out = estimate_request_tokens(resume, job, config)
    result = make_gemini_optimizer(config)(resume, job)

    assert tokens_in == pytest.approx(result.tokens_in, rel=0.15)
    assert tokens_out == pytest.approx(result.tokens_out, rel=0.6)
    assert estimate_cost_usd(resume, job, config) == pytest.approx(
        cost_usd(config, tokens_in, tokens_out))
    # Before parsing, the raw text gives a usable figure too.
    raw_in, _ = estimate_request_tokens(resume.to_text(), job, config)
    assert raw_in == pytest.approx(tokens_in, rel=0.25)


def test_config_refuses_a_model_without_a_price_or_pro_without_thinking():
    with pytest.raises(ValidationError, match="no entry in prices"):
        GeminiConfig(api_key="k", model="gemini-9-ultra")
    with pytest.raises(ValidationError, match="cannot turn thinking off"):
        GeminiConfig(api_key="k", model="gemini-2.5-pro")
    assert GeminiConfig(api_key="k", model="gemini-2.5-pro", thinking_budget=None)


def test_fake_answer_is_schema_valid_and_invents_nothing(fake, config, job):
    """The fake's default answer is what the benchmarks measure: keep it honest."""
    optimizer = make_gemini_optimizer(config)
    for index in range(20):
        resume = demo_resume(index)
        result = optimizer(resume, job)
        assert result.edits and not any(n.startswith("Refused") for n in result.notes)
        assert check_claims(resume, result.resume) == [], index
        for edit in result.edits:
            if edit.source_id == "skills":
                assert sorted(edit.after.split(", ")) == sorted(resume.skills)
            else:  # a new opening verb, the rest of the line kept
                assert edit.after.split()[-2:] == edit.before.split()[-2:]


def test_fake_server_refuses_unknown_faults():
    with pytest.raises(ValueError, match="unknown faults"):
        FakeGemini().push("meteor_strike")


def test_client_keeps_enough_connections_for_a_busy_worker(fake, job):
    """A worker with 150 calls in flight: none may wait for a free connection."""
    fake.latency_s = 3.0  # long enough for all 150 threads to start on a loaded machine
    optimizer = make_gemini_optimizer(fast_config(fake, timeout_s=15, max_connections=150))
    resumes = [demo_resume(i) for i in range(10)]
    with ThreadPoolExecutor(max_workers=150) as pool:
        list(pool.map(lambda i: optimizer(resumes[i % 10], job), range(150)))
    assert fake.request_count == 150
    # httpx's default pool would hold the calls beyond 100 back until others finish.
    assert fake.max_in_flight > 100


def test_a_gemini_answer_that_adds_a_skill_is_caught(fake, config, job):
    """Gemini rewrites a bullet to name a skill the resume never states: the claim check
    reports it (and such a run cannot be bulk-approved); a skills list with a skill added
    is refused outright."""
    resume = demo_resume(3)
    assert "Kubernetes" not in resume.to_text()

    def adds_a_skill(request):
        lines = request.editable_lines()
        bullet = next(i for i in lines if i.startswith("experience."))
        edits = [{"id": bullet, "text": lines[bullet] + " on Kubernetes", "reason": "job fit"}]
        if "skills" in lines:
            edits.append({"id": "skills", "text": lines["skills"] + ", Kubernetes", "reason": "job fit"})
        return {"edits": edits}

    fake.answer = adds_a_skill
    result = make_gemini_optimizer(config)(resume, job)
    findings = check_claims(resume, result.resume)
    assert [(f.kind, f.text) for f in findings] == [("skill", "Kubernetes")]
    assert findings[0].source_id.startswith("experience.")
    assert "Kubernetes" not in result.resume.skills
    assert any(n.startswith("Refused a Gemini edit to [skills]") for n in result.notes)


def test_a_gemini_rewrite_that_breaks_verb_forms_is_refused(fake, config, job):
    resume = Resume(experience=[ExperienceEntry(title="Analyst", company="Acme", bullets=[
        Bullet(id="experience.0.0", text="Managed the weekly sales report for 9 regions"),
        Bullet(id="experience.0.1", text="Operated and maintained the reporting servers"),
        Bullet(id="experience.0.2", text="Cut report run time by 40% with SQL views")])])
    fake.answer = lambda request: {"edits": [
        {"id": "experience.0.0", "text": "Managing the weekly sales report for 9 regions", "reason": "x"},
        {"id": "experience.0.1", "text": "Operated and maintaining the reporting servers", "reason": "x"},
        {"id": "experience.0.2", "text": "Reduced report run time by 40% with SQL views", "reason": "x"},
    ]}
    result = make_gemini_optimizer(config)(resume, job)
    assert [e.source_id for e in result.edits] == ["experience.0.2"]  # "Cut" is past too
    refused = [n for n in result.notes if "form of the verbs" in n]
    assert len(refused) == 2


def test_depth_all_asks_for_every_line_with_the_same_guards(fake, job):
    from engine.tailor.gemini.prompt import MAX_EDITS_ALL

    resume = demo_resume(4)
    few = make_gemini_optimizer(fast_config(fake))(resume, job)
    every = make_gemini_optimizer(fast_config(fake, depth="all"))(resume, job)
    first, second = fake.requests[0], fake.requests[1]
    assert "at most" in first.system_text and "every editable line" in second.system_text
    assert "Oracle Database does not state SQL" in second.system_text
    schema = second.body["generationConfig"]["responseSchema"]
    assert schema["properties"]["edits"]["max_items"] == MAX_EDITS_ALL + 2
    assert every.prompt_version == few.prompt_version + "-all"  # cached apart
    assert check_claims(resume, every.resume) == []
