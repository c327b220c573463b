"""The Gemini optimizer: ``(Resume, JobDescription) -> Optimization`` through google-genai.

Gemini answers with edits against the resume's line ids (``engine.tailor.gemini.prompt``);
the optimized resume is ``apply_edits`` of the edits that pass validation
(``engine.tailor.gemini.answer``), exactly as for the offline optimizer.

Retries are ours, not the SDK's: the client is built with one attempt per call, and this
module retries 408/429/5xx, timeouts and connection errors with exponential backoff and
jitter (``engine.tailor.gemini.failures``), sits out the delay Gemini asks for in
``RetryInfo``, and never retries a daily quota 429 — it trips the shared ``QuotaGate`` so
every other run fails fast until the quota resets. Connection failures feed a shared
``Breaker``: a few in a row open it, and every run then fails at once with "Gemini cannot
be reached: …" (or, with ``offline_fallback``, is tailored offline and says so).

Pure engine module: the shared rate limit, response cache, quota gate and breaker are
handed in as small interfaces (``engine.tailor.gemini.shared_state``); Redis ones are in
``engine.orchestration.gemini_redis``.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from google import genai
from google.genai import errors as genai_errors
from google.genai import types

from engine.errors import TailorError
from engine.logs import Mode
from engine.resume import JobDescription, Resume
from engine.tailor.gemini.call_log import log_call
from engine.tailor.gemini.answer import BadAnswer, CachedAnswer, answer_from_response, edits_from_answer
from engine.tailor.gemini.config import DEFAULT_PRICES, GeminiConfig
from engine.tailor.gemini.failures import (
    CONNECT_ERRORS,
    TIMEOUT_ERRORS,
    TRANSPORT_ERRORS,
    Failure,
    backoff_s,
    classify_api_error,
    http_module,
)
from engine.tailor.gemini.prompt import job_block, response_schema, resume_block, system_instruction
from engine.tailor.gemini.shared_state import (
    QUOTA_EXHAUSTED_MESSAGE,
    QUOTA_RESET_ZONE,
    Breaker,
    MemoryBreaker,
    MemoryQuotaGate,
    MemoryRateLimiter,
    MemoryResponseCache,
    QuotaGate,
    RateLimiter,
    ResponseCache,
    seconds_until_quota_reset,
)
from engine.tailor.gemini.usage import (
    Usage,
    cache_key,
    cost_usd,
    estimate_cost_usd,
    estimate_request_tokens,
    prompt_version,
)
from engine.tailor.optimizer import Edit, Optimization, Optimizer, apply_edits

__all__ = [  # what callers import from here; each lives in the module named for it
    "DEFAULT_PRICES", "QUOTA_EXHAUSTED_MESSAGE", "QUOTA_RESET_ZONE", "GeminiConfig",
    "GeminiOptimizer", "MemoryBreaker", "MemoryQuotaGate", "MemoryRateLimiter",
    "MemoryResponseCache", "cache_key", "cost_usd", "estimate_cost_usd",
    "estimate_request_tokens", "make_gemini_optimizer", "seconds_until_quota_reset",
]

UNREACHABLE_CODE = "gemini_unreachable"


@dataclass
class PreparedRequest:
    """What is sent to Gemini for one resume, the line ids it may edit, and the notes
    the run will carry (what was cut, why nothing was sent): live and Batch Mode alike."""

    contents: list[types.Content]
    ids: list[str]
    notes: list[str]


def prepared_request(resume: Resume, job: JobDescription, config: GeminiConfig) -> PreparedRequest:
    job_text, job_note = job_block(job, config.max_job_chars)
    block = resume_block(resume, config.max_resume_chars)
    notes = [n for n in (job_note, block.truncated_note) if n]
    if len(job.text.split()) < 30:
        notes.append("The job description is very short, so tailoring has little to go on.")
    if not block.ids:
        notes.append("The resume has no editable lines; nothing was sent to Gemini.")
    contents = [types.Content(role="user", parts=[types.Part(text=job_text),
                                                  types.Part(text=block.text)])]
    return PreparedRequest(contents=contents, ids=block.ids, notes=notes)


def generation_config(config: GeminiConfig) -> types.GenerateContentConfig:
    """System instruction, answer schema and sampling: the same for every request."""
    return types.GenerateContentConfig(
        system_instruction=system_instruction(config.depth),
        response_mime_type="application/json",
        response_schema=response_schema(config.depth),
        temperature=config.temperature,
        max_output_tokens=config.max_output_tokens,
        thinking_config=(
            None if config.thinking_budget is None
            else types.ThinkingConfig(thinking_budget=config.thinking_budget)
        ),
    )


class GeminiOptimizer:
    """Callable ``(Resume, JobDescription) -> Optimization``; safe to call from many
    threads at once (they share one google-genai client and its connection pool)."""

    def __init__(self, config: GeminiConfig, *, limiter: RateLimiter | None = None,
                 cache: ResponseCache | None = None, quota: QuotaGate | None = None,
                 breaker: Breaker | None = None) -> None:
        self.config = config
        self.limiter = limiter
        self.cache = cache
        self.quota = quota or MemoryQuotaGate()
        self.breaker = breaker or MemoryBreaker(config.breaker_failures, config.breaker_open_s)
        self.prompt_version = prompt_version(config.depth)
        self.client = genai.Client(
            api_key=config.api_key,
            http_options=types.HttpOptions(
                base_url=config.base_url,
                timeout=round(config.timeout_s * 1000),  # milliseconds
                # One attempt per SDK call: this module owns retries (see module doc).
                retry_options=types.HttpRetryOptions(attempts=1),
                client_args={"limits": http_module().Limits(
                    max_connections=config.max_connections,
                    max_keepalive_connections=config.max_connections)},
            ),
        )
        self.content_config = generation_config(config)

    def __call__(self, resume: Resume, job: JobDescription) -> Optimization:
        started = time.monotonic()
        if not job.text.strip():
            raise TailorError("job_description_empty", "The job description is empty: paste "
                              "the posting before tailoring.")
        if reason := self.breaker.open_reason():
            return self._unreachable(resume, job, reason)
        if (cached := self.from_cache(resume, job, started)) is not None:
            return cached

        request = prepared_request(resume, job, self.config)
        notes = request.notes
        if not request.ids:
            return self._optimization(resume, [], Usage(), notes, started)
        contents = request.contents
        estimate = sum(estimate_request_tokens(resume, job, self.config))
        usage = Usage()
        retry_notes: list[str] = []  # about this call only: not cached
        for answer_attempt in (1, 2):
            try:
                response = self._generate(contents, estimate)
            except TailorError as error:
                if error.code != UNREACHABLE_CODE or not self.config.offline_fallback:
                    raise
                return self._unreachable(resume, job, error.message)
            usage.add(response.usage_metadata)
            try:
                answer = answer_from_response(response, self.config.max_output_tokens)
                break
            except BadAnswer as bad:
                if answer_attempt == 2:
                    raise TailorError("gemini_bad_response",
                                      f"Gemini returned an unusable answer twice: {bad}.") from bad
                retry_notes.append(f"Gemini's first answer was unusable ({bad}); asked again.")
        edits, refused = edits_from_answer(answer, resume, request.ids)
        notes += refused
        self.remember(resume, job, edits, notes)
        return self._optimization(resume, edits, usage, notes + retry_notes, started)

    def from_cache(self, resume: Resume, job: JobDescription,
                   started: float | None = None) -> Optimization | None:
        """The answer an earlier run got for the same resume, job, model and prompt (in
        either mode), at no cost; None when there is none."""
        if not self.cache:
            return None
        cached = self.cache.get(cache_key(resume, job, self.config.model, self.prompt_version))
        if cached is None:
            return None
        return self._from_cache(resume, CachedAnswer.model_validate_json(cached),
                                time.monotonic() if started is None else started)

    def remember(self, resume: Resume, job: JobDescription, edits: list[Edit],
                 notes: list[str]) -> None:
        """Keep Gemini's validated edits (and the notes on them) for the next run of the
        same resume, job, model and prompt: live and Batch Mode answers alike."""
        if self.cache:
            self.cache.set(cache_key(resume, job, self.config.model, self.prompt_version),
                           CachedAnswer(edits=edits, notes=notes).model_dump_json())

    def close(self) -> None:
        self.client.close()

    def _optimization(self, resume: Resume, edits: list[Edit], usage: Usage,
                      notes: list[str], started: float) -> Optimization:
        return Optimization(
            edits=edits,
            resume=apply_edits(resume, edits),
            model=self.config.model,
            prompt_version=self.prompt_version,
            tokens_in=usage.tokens_in,
            tokens_out=usage.tokens_out,
            cached_tokens=usage.cached,
            cost_usd=cost_usd(self.config, usage.tokens_in, usage.tokens_out, usage.cached),
            latency_s=time.monotonic() - started,
            notes=notes,
        )

    def _from_cache(self, resume: Resume, cached: CachedAnswer, started: float) -> Optimization:
        notes = cached.notes + ["Same resume, job, model and prompt as an earlier run: "
                                "answer reused from the cache at no cost."]
        return self._optimization(resume, cached.edits, Usage(), notes, started)

    def ensure_reachable(self) -> None:
        """Raise "Gemini cannot be reached: …" at once while the shared breaker is open
        (unless runs fall back to the offline optimizer): callers check before spending
        work (parsing) on a run that would fail anyway."""
        reason = self.breaker.open_reason()
        if reason and not self.config.offline_fallback:
            raise TailorError(UNREACHABLE_CODE, f"Gemini cannot be reached: {reason}")

    def _unreachable(self, resume: Resume, job: JobDescription, reason: str) -> Optimization:
        """While the breaker is open: fail at once, or tailor offline and say so."""
        message = reason if reason.startswith("Gemini cannot be reached") else (
            f"Gemini cannot be reached: {reason}")
        if not self.config.offline_fallback:
            raise TailorError(UNREACHABLE_CODE, message)
        from engine.tailor.offline import optimize_offline

        result = optimize_offline(resume, job)
        result.notes.insert(0, f"{message}. Tailored with the offline optimizer instead.")
        return result

    def _check_quota(self) -> None:
        if self.quota.exhausted():
            raise TailorError("gemini_quota_exhausted", QUOTA_EXHAUSTED_MESSAGE)

    def _generate(self, contents: list[types.Content],
                  estimate: int) -> types.GenerateContentResponse:
        """One answer from Gemini, retrying what is worth retrying."""
        config = self.config
        for attempt in range(1, config.max_attempts + 1):
            self._check_quota()
            if reason := self.breaker.open_reason():
                raise TailorError(UNREACHABLE_CODE, f"Gemini cannot be reached: {reason}")
            if self.limiter:
                self.limiter.acquire(estimate)
            called = time.monotonic()
            try:
                response = self.client.models.generate_content(
                    model=config.model, contents=contents, config=self.content_config)
                self.breaker.record_success()
                log_call(config, self.prompt_version, Mode.FAST, attempt=attempt,
                         started=called, metadata=response.usage_metadata)
                return response
            except genai_errors.APIError as error:
                failure = classify_api_error(error)
            except TIMEOUT_ERRORS:
                failure = Failure("gemini_timeout",
                                  f"Gemini did not answer within {config.timeout_s:g} s", True)
            except CONNECT_ERRORS as error:
                self.breaker.record_failure(f"{error} (at {config.base_url or 'Google'})")
                failure = Failure(UNREACHABLE_CODE, f"Could not reach Gemini: {error}", True)
            except TRANSPORT_ERRORS as error:
                failure = Failure(UNREACHABLE_CODE, f"Could not reach Gemini: {error}", True)
            except (json.JSONDecodeError, genai_errors.UnknownApiResponseError):
                # A 200 whose body is not JSON: a proxy or load balancer page, not Gemini.
                failure = Failure("gemini_unavailable", "Gemini sent a body that is not JSON",
                                  True)
            log_call(config, self.prompt_version, Mode.FAST, attempt=attempt, started=called,
                     outcome=failure.code)
            if failure.code == UNREACHABLE_CODE:
                self.ensure_reachable()  # the breaker just opened: no backoff for nothing
            if failure.daily_quota:
                self.quota.mark_exhausted(seconds_until_quota_reset())
            if not failure.retryable:
                raise TailorError(failure.code, failure.message)
            if attempt == config.max_attempts:
                break
            if failure.retry_after_s is not None and failure.retry_after_s > config.max_retry_delay_s:
                raise TailorError(failure.code, f"{failure.message}; Gemini asked to wait "
                                  f"{failure.retry_after_s:g} s", transient=True)
            time.sleep(backoff_s(attempt, config.backoff_base_s, config.backoff_max_s,
                                 failure.retry_after_s))
        raise TailorError(failure.code, f"{failure.message} after {config.max_attempts} attempts",
                          transient=True)


def make_gemini_optimizer(config: GeminiConfig, *, limiter: RateLimiter | None = None,
                          cache: ResponseCache | None = None, quota: QuotaGate | None = None,
                          breaker: Breaker | None = None) -> Optimizer:
    """The Gemini optimizer, sharing ``limiter``, ``cache``, ``quota`` and ``breaker``
    with other workers when the orchestration layer passes Redis-backed ones."""
    return GeminiOptimizer(config, limiter=limiter, cache=cache, quota=quota, breaker=breaker)
