"""The Gemini optimizer: ``(Resume, JobDescription) -> Optimization`` through google-genai.

Gemini answers with edits against the resume's line ids (see ``engine.tailor.gemini.prompt``);
the optimized resume is ``apply_edits`` of the edits that pass validation, exactly as for
the offline optimizer.

Retries are ours, not the SDK's: the client is built with one attempt per call, and this
module retries 408/429/5xx, timeouts and connection errors with exponential backoff and
jitter, sits out the delay Gemini asks for in ``RetryInfo``, and never retries a daily
quota 429 — it trips the shared ``QuotaGate`` so every other run fails fast until the
quota resets. One owner of retries keeps the attempt count, the rate limiter (one token
per HTTP request) and the logs honest.

Pure engine module: the shared rate limit, response cache and quota gate are handed in
as small interfaces; in-memory versions are here, Redis ones in ``engine.orchestration.gemini_redis``.
"""

from __future__ import annotations

import hashlib
import json
import random
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from google import genai
from google.genai import errors as genai_errors
from google.genai import types
from pydantic import BaseModel, Field, ValidationError, model_validator

from engine.errors import TailorError
from engine.tailor.gemini.prompt import (
    PROMPT_VERSION,
    SYSTEM_INSTRUCTION,
    GeminiAnswer,
    estimate_output_tokens,
    estimate_tokens,
    job_block,
    response_schema_text,
    response_schema,
    resume_block,
)
from engine.tailor.optimizer import Edit, JobDescription, Optimization, Optimizer, apply_edits
from engine.resume import Resume

try:  # the SDK talks through httpx2 when installed, else httpx: catch both families
    import httpx2
except ImportError:  # pragma: no cover - depends on the environment
    httpx2 = None  # type: ignore[assignment]
import httpx

def _http_module() -> Any:
    """The HTTP library the SDK will use (it prefers httpx2): its Limits must match."""
    return httpx2 or httpx


_TIMEOUT_ERRORS = tuple(m.TimeoutException for m in (httpx, httpx2) if m is not None)
_TRANSPORT_ERRORS = tuple(m.TransportError for m in (httpx, httpx2) if m is not None)

# USD per million tokens (input, output). Cached input tokens bill at
# ``cached_price_ratio`` of the input price (10% for every 2.5 model).
DEFAULT_PRICES: dict[str, tuple[float, float]] = {
    "gemini-2.5-flash-lite": (0.10, 0.40),
    "gemini-2.5-flash": (0.30, 2.50),
    "gemini-2.5-pro": (1.25, 10.00),
}
RETRYABLE_STATUS = frozenset({408, 429, 500, 502, 503, 504})
BLOCKED_FINISH_REASONS = frozenset(
    {"SAFETY", "PROHIBITED_CONTENT", "BLOCKLIST", "SPII", "RECITATION", "IMAGE_SAFETY"}
)
QUOTA_EXHAUSTED_MESSAGE = "Gemini daily quota exhausted"
# Gemini's daily quotas reset at midnight Pacific time.
QUOTA_RESET_ZONE = ZoneInfo("America/Los_Angeles")


class GeminiConfig(BaseModel):
    api_key: str = Field(min_length=1)
    model: str = "gemini-2.5-flash-lite"
    base_url: str | None = None
    timeout_s: float = Field(30.0, gt=0)
    max_attempts: int = Field(5, ge=1, description="HTTP attempts per answer, first included")
    backoff_base_s: float = Field(1.0, ge=0)
    backoff_max_s: float = Field(30.0, ge=0)
    max_retry_delay_s: float = Field(
        60.0, ge=0, description="longest RetryInfo delay sat out; longer fails the run (transient)"
    )
    prices: dict[str, tuple[float, float]] = Field(default_factory=lambda: dict(DEFAULT_PRICES))
    cached_price_ratio: float = Field(0.10, ge=0, le=1)
    thinking_budget: int | None = Field(0, description="0 turns thinking off; None: model default")
    temperature: float = 0.2
    max_output_tokens: int = Field(1024, gt=0)
    max_resume_chars: int = Field(12_000, gt=200)
    max_job_chars: int = Field(8_000, gt=200)
    max_connections: int = Field(
        256, ge=1, description="HTTP connections one optimizer keeps to Gemini: at least the "
        "calls a worker keeps in flight, or they queue inside the client")

    @model_validator(mode="after")
    def _known_model(self) -> GeminiConfig:
        if self.model not in self.prices:
            raise ValueError(f"model {self.model!r} has no entry in prices")
        if self.model.startswith("gemini-2.5-pro") and self.thinking_budget == 0:
            raise ValueError("gemini-2.5-pro cannot turn thinking off: set thinking_budget "
                             "to None or at least 128")
        return self


# ---------------------------------------------------------------- shared-state interfaces


class RateLimiter(Protocol):
    def acquire(self, tokens: int) -> None:
        """Block until one request of ``tokens`` tokens is allowed."""


class ResponseCache(Protocol):
    def get(self, key: str) -> str | None: ...

    def set(self, key: str, value: str) -> None: ...


class QuotaGate(Protocol):
    def exhausted(self) -> bool:
        """True while a daily quota 429 said further requests are pointless."""

    def mark_exhausted(self, seconds: float) -> None: ...


class MemoryRateLimiter:
    """Token buckets for requests and tokens per minute, in this process only.

    ``burst_s`` is how many seconds' worth of allowance may be spent at once.
    """

    def __init__(self, requests_per_minute: float, tokens_per_minute: float,
                 burst_s: float = 60.0) -> None:
        self._rates = (requests_per_minute / 60.0, tokens_per_minute / 60.0)
        self._capacity = tuple(max(1.0, rate * burst_s) for rate in self._rates)
        self._level = list(self._capacity)
        self._updated = time.monotonic()
        self._lock = threading.Lock()

    def acquire(self, tokens: int) -> None:
        need = (1.0, min(float(tokens), self._capacity[1]))
        while True:
            with self._lock:
                now = time.monotonic()
                elapsed, self._updated = now - self._updated, now
                for i, rate in enumerate(self._rates):
                    self._level[i] = min(self._capacity[i], self._level[i] + elapsed * rate)
                wait = max((need[i] - self._level[i]) / self._rates[i] for i in range(2))
                if wait <= 0:
                    self._level = [self._level[i] - need[i] for i in range(2)]
                    return
            time.sleep(wait)


class MemoryResponseCache:
    def __init__(self) -> None:
        self._values: dict[str, str] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> str | None:
        with self._lock:
            return self._values.get(key)

    def set(self, key: str, value: str) -> None:
        with self._lock:
            self._values[key] = value


class MemoryQuotaGate:
    def __init__(self) -> None:
        self._until = 0.0

    def exhausted(self) -> bool:
        return time.time() < self._until

    def mark_exhausted(self, seconds: float) -> None:
        self._until = max(self._until, time.time() + seconds)


def seconds_until_quota_reset(now: datetime | None = None) -> float:
    """Seconds until the next midnight Pacific time, when daily quotas reset."""
    now = now or datetime.now(QUOTA_RESET_ZONE)
    local = now.astimezone(QUOTA_RESET_ZONE)
    midnight = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return max(1.0, (midnight - local).total_seconds())


# ---------------------------------------------------------------- cost and estimates


def cost_usd(config: GeminiConfig, tokens_in: int, tokens_out: int,
             cached_tokens: int = 0) -> float:
    """What a call costs: fresh input, cached input and output (thinking included)."""
    price_in, price_out = config.prices[config.model]
    fresh = max(0, tokens_in - cached_tokens)
    cached_price = price_in * config.cached_price_ratio
    return (fresh * price_in + cached_tokens * cached_price + tokens_out * price_out) / 1e6


def estimate_request_tokens(resume: Resume | str, job: JobDescription,
                            config: GeminiConfig) -> tuple[int, int]:
    """(input, output) tokens one request for this resume will likely use.

    ``resume`` may be the parsed Resume or, before parsing, the resume's plain text.
    """
    job_text, _ = job_block(job, config.max_job_chars)
    if isinstance(resume, Resume):
        resume_text = resume_block(resume, config.max_resume_chars).text
    else:
        resume_text = resume[: config.max_resume_chars]
    prompt = SYSTEM_INSTRUCTION + job_text + resume_text + response_schema_text()
    return estimate_tokens(prompt), estimate_output_tokens(resume)


def estimate_cost_usd(resume: Resume | str, job: JobDescription, config: GeminiConfig) -> float:
    """Likely cost of tailoring one resume, before any request is made (no cache credit)."""
    tokens_in, tokens_out = estimate_request_tokens(resume, job, config)
    return cost_usd(config, tokens_in, tokens_out)


def cache_key(resume: Resume, job: JobDescription, model: str,
              prompt_version: str = PROMPT_VERSION) -> str:
    """Hash of everything that decides the answer: resume, job, model, prompt version."""
    payload = json.dumps(
        [resume.model_dump(mode="json"), job.model_dump(mode="json"), model, prompt_version],
        sort_keys=True, separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode()).hexdigest()


# ---------------------------------------------------------------- errors from Gemini


@dataclass
class Failure:
    """One failed HTTP attempt, classified."""

    code: str
    message: str
    retryable: bool
    retry_after_s: float | None = None
    daily_quota: bool = False


def parse_duration_s(value: Any) -> float | None:
    """A google.protobuf.Duration as JSON ("12s", "0.5s") or {"seconds", "nanos"}."""
    try:
        if isinstance(value, str) and value.endswith("s"):
            return float(value[:-1])
        if isinstance(value, dict):
            return float(value.get("seconds", 0)) + float(value.get("nanos", 0)) / 1e9
    except ValueError:
        return None
    return None


def classify_api_error(error: genai_errors.APIError) -> Failure:
    """What a Gemini error status means for this run."""
    body = error.details if isinstance(error.details, dict) else {}
    inner = body.get("error", body)
    details = [d for d in (inner.get("details") if isinstance(inner, dict) else None) or []
               if isinstance(d, dict)]
    status = f"{error.code} {error.status or ''}".strip()
    if error.code == 429:
        if any(
            "PerDay" in str(violation.get("quotaId", ""))
            for detail in details if detail.get("@type", "").endswith("QuotaFailure")
            for violation in detail.get("violations", [])
        ):
            return Failure("gemini_quota_exhausted", QUOTA_EXHAUSTED_MESSAGE, False,
                           daily_quota=True)
        return Failure("gemini_rate_limited", "Gemini rate limit reached (429)", True,
                       _retry_after_s(error, details))
    if error.code in RETRYABLE_STATUS:
        return Failure("gemini_unavailable", f"Gemini is unavailable ({status})", True,
                       _retry_after_s(error, details))
    return Failure("gemini_rejected", f"Gemini refused the request ({status}): "
                   f"{error.message or 'no message'}", False)


def _retry_after_s(error: genai_errors.APIError, details: list[dict]) -> float | None:
    for detail in details:
        if detail.get("@type", "").endswith("RetryInfo"):
            return parse_duration_s(detail.get("retryDelay"))
    header = getattr(getattr(error, "response", None), "headers", {}).get("retry-after")
    try:
        return float(header) if header else None
    except ValueError:  # an HTTP date: rare enough to fall back to our own backoff
        return None


class BadAnswer(Exception):
    """Gemini answered 200 but the answer is not a valid edit list."""


def answer_from_response(response: types.GenerateContentResponse,
                         max_output_tokens: int) -> GeminiAnswer:
    """The validated edit list in a response, or why there is none.

    ``response.parsed`` is silently None on invalid JSON, so the text is validated here.
    """
    if not response.candidates:
        feedback = response.prompt_feedback
        if feedback and feedback.block_reason:
            raise TailorError("gemini_blocked", "Gemini blocked this resume "
                              f"({_name(feedback.block_reason)}); tailor it by hand.")
        raise BadAnswer("no candidates in the answer")
    finish = _name(response.candidates[0].finish_reason)
    if finish == "MAX_TOKENS":
        raise TailorError("gemini_truncated", "Gemini's answer was cut off at the output "
                          f"limit of {max_output_tokens} tokens.")
    if finish in BLOCKED_FINISH_REASONS:
        raise TailorError("gemini_blocked", f"Gemini blocked its answer ({finish}); "
                          "tailor this resume by hand.")
    text = response.text
    if not text:
        raise BadAnswer(f"empty answer (finish reason {finish})")
    try:
        return GeminiAnswer.model_validate_json(text)
    except ValidationError as error:
        first = error.errors()[0]
        raise BadAnswer(f"{first['msg']} at {'.'.join(map(str, first['loc'])) or 'top level'}")


def _name(value: Any) -> str:
    return str(getattr(value, "name", value) or "")


def edits_from_answer(answer: GeminiAnswer, resume: Resume,
                      allowed_ids: list[str]) -> tuple[list[Edit], list[str]]:
    """Edits to lines that exist and were sent; notes for every edit refused."""
    originals = resume.bullets()
    allowed = set(allowed_ids)
    edits: list[Edit] = []
    notes: list[str] = []
    for item in answer.edits:
        text = " ".join(item.text.split())
        if item.id not in allowed or item.id not in originals:
            notes.append(f"Refused a Gemini edit to [{item.id}]: not an editable line of "
                         "this resume.")
        elif any(e.source_id == item.id for e in edits):
            notes.append(f"Refused a second Gemini edit to [{item.id}].")
        elif not text:
            notes.append(f"Refused a Gemini edit that empties [{item.id}].")
        elif text != originals[item.id]:
            edits.append(Edit(source_id=item.id, before=originals[item.id], after=text,
                              reason=" ".join(item.reason.split())))
    return edits, notes


class CachedAnswer(BaseModel):
    edits: list[Edit]
    notes: list[str] = Field(default_factory=list)


@dataclass
class Usage:
    tokens_in: int = 0
    tokens_out: int = 0
    cached: int = 0

    def add(self, metadata: types.GenerateContentResponseUsageMetadata | None) -> None:
        if metadata is None:
            return
        self.tokens_in += metadata.prompt_token_count or 0
        # Thinking tokens are billed as output.
        self.tokens_out += (metadata.candidates_token_count or 0) + (
            metadata.thoughts_token_count or 0)
        self.cached += metadata.cached_content_token_count or 0


# ---------------------------------------------------------------- the optimizer


class GeminiOptimizer:
    """Callable ``(Resume, JobDescription) -> Optimization``; safe to call from many
    threads at once (they share one google-genai client and its connection pool)."""

    def __init__(self, config: GeminiConfig, *, limiter: RateLimiter | None = None,
                 cache: ResponseCache | None = None, quota: QuotaGate | None = None) -> None:
        self.config = config
        self.limiter = limiter
        self.cache = cache
        self.quota = quota or MemoryQuotaGate()
        self.client = genai.Client(
            api_key=config.api_key,
            http_options=types.HttpOptions(
                base_url=config.base_url,
                timeout=round(config.timeout_s * 1000),  # milliseconds
                # One attempt per SDK call: this module owns retries (see module doc).
                retry_options=types.HttpRetryOptions(attempts=1),
                client_args={"limits": _http_module().Limits(
                    max_connections=config.max_connections,
                    max_keepalive_connections=config.max_connections)},
            ),
        )
        self.content_config = types.GenerateContentConfig(
            system_instruction=SYSTEM_INSTRUCTION,
            response_mime_type="application/json",
            response_schema=response_schema(),
            temperature=config.temperature,
            max_output_tokens=config.max_output_tokens,
            thinking_config=(
                None if config.thinking_budget is None
                else types.ThinkingConfig(thinking_budget=config.thinking_budget)
            ),
        )

    def __call__(self, resume: Resume, job: JobDescription) -> Optimization:
        started = time.monotonic()
        if not job.text.strip():
            raise TailorError("job_description_empty", "The job description is empty: paste "
                              "the posting before tailoring.")
        key = cache_key(resume, job, self.config.model)
        cached = self.cache.get(key) if self.cache else None
        if cached is not None:
            return self._from_cache(resume, CachedAnswer.model_validate_json(cached), started)

        job_text, job_note = job_block(job, self.config.max_job_chars)
        block = resume_block(resume, self.config.max_resume_chars)
        notes = [n for n in (job_note, block.truncated_note) if n]
        if len(job.text.split()) < 30:
            notes.append("The job description is very short, so tailoring has little to go on.")
        if not block.ids:
            notes.append("The resume has no editable lines; nothing was sent to Gemini.")
            return self._optimization(resume, [], Usage(), notes, started)

        contents = [types.Content(role="user", parts=[types.Part(text=job_text),
                                                      types.Part(text=block.text)])]
        estimate = sum(estimate_request_tokens(resume, job, self.config))
        usage = Usage()
        retry_notes: list[str] = []  # about this call only: not cached
        for answer_attempt in (1, 2):
            response = self._generate(contents, estimate)
            usage.add(response.usage_metadata)
            try:
                answer = answer_from_response(response, self.config.max_output_tokens)
                break
            except BadAnswer as bad:
                if answer_attempt == 2:
                    raise TailorError("gemini_bad_response",
                                      f"Gemini returned an unusable answer twice: {bad}.") from bad
                retry_notes.append(f"Gemini's first answer was unusable ({bad}); asked again.")
        edits, refused = edits_from_answer(answer, resume, block.ids)
        notes += refused
        if self.cache:
            self.cache.set(key, CachedAnswer(edits=edits, notes=notes).model_dump_json())
        return self._optimization(resume, edits, usage, notes + retry_notes, started)

    def close(self) -> None:
        self.client.close()

    def _optimization(self, resume: Resume, edits: list[Edit], usage: Usage,
                      notes: list[str], started: float) -> Optimization:
        return Optimization(
            edits=edits,
            resume=apply_edits(resume, edits),
            model=self.config.model,
            prompt_version=PROMPT_VERSION,
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

    def _check_quota(self) -> None:
        if self.quota.exhausted():
            raise TailorError("gemini_quota_exhausted", QUOTA_EXHAUSTED_MESSAGE)

    def _generate(self, contents: list[types.Content],
                  estimate: int) -> types.GenerateContentResponse:
        """One answer from Gemini, retrying what is worth retrying."""
        config = self.config
        for attempt in range(1, config.max_attempts + 1):
            self._check_quota()
            if self.limiter:
                self.limiter.acquire(estimate)
            try:
                return self.client.models.generate_content(
                    model=config.model, contents=contents, config=self.content_config)
            except genai_errors.APIError as error:
                failure = classify_api_error(error)
            except _TIMEOUT_ERRORS:
                failure = Failure("gemini_timeout",
                                  f"Gemini did not answer within {config.timeout_s:g} s", True)
            except _TRANSPORT_ERRORS as error:
                failure = Failure("gemini_unreachable", f"Could not reach Gemini: {error}", True)
            except (json.JSONDecodeError, genai_errors.UnknownApiResponseError):
                # A 200 whose body is not JSON: a proxy or load balancer page, not Gemini.
                failure = Failure("gemini_unavailable", "Gemini sent a body that is not JSON",
                                  True)
            if failure.daily_quota:
                self.quota.mark_exhausted(seconds_until_quota_reset())
            if not failure.retryable:
                raise TailorError(failure.code, failure.message)
            if attempt == config.max_attempts:
                break
            if failure.retry_after_s is not None and failure.retry_after_s > config.max_retry_delay_s:
                raise TailorError(failure.code, f"{failure.message}; Gemini asked to wait "
                                  f"{failure.retry_after_s:g} s", transient=True)
            time.sleep(self._backoff_s(attempt, failure.retry_after_s))
        raise TailorError(failure.code, f"{failure.message} after {config.max_attempts} attempts",
                          transient=True)

    def _backoff_s(self, attempt: int, server_delay_s: float | None) -> float:
        """Gemini's own delay when it gives one, else exponential backoff; jittered either
        way so workers that failed together do not retry together."""
        if server_delay_s is not None:
            return server_delay_s * random.uniform(1.0, 1.2)
        ceiling = min(self.config.backoff_max_s, self.config.backoff_base_s * 2 ** (attempt - 1))
        return random.uniform(ceiling / 2, ceiling)


def make_gemini_optimizer(config: GeminiConfig, *, limiter: RateLimiter | None = None,
                          cache: ResponseCache | None = None,
                          quota: QuotaGate | None = None) -> Optimizer:
    """The Gemini optimizer, sharing ``limiter``, ``cache`` and ``quota`` with other workers
    when the orchestration layer passes Redis-backed ones."""
    return GeminiOptimizer(config, limiter=limiter, cache=cache, quota=quota)
