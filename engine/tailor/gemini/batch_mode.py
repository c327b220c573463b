"""Gemini Batch Mode (Economy): the same requests as live calls, sent as one batch job
at half the price, and their answers turned into the same validated edits.

The prompt, schema and sampling come from ``prepared_request`` and ``generation_config``
(``engine.tailor.gemini.client``); answers go through ``answer_from_response`` and
``edits_from_answer`` as live ones do. Each request carries its key (the run id) in
its metadata, and a results file line carries it as ``key``: results are matched to
runs by key, never by position.

Pure engine module: which runs, and what becomes of them, is the orchestration
layer's business (``engine.orchestration.gemini_batches``).
"""

from __future__ import annotations

import io
import json
import time
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from google import genai
from google.genai import _common
from google.genai import batches as genai_batches
from google.genai import types

from engine.errors import TailorError
from engine.logs import Mode
from engine.resume import JobDescription, Resume
from engine.tailor.gemini.answer import BadAnswer, answer_from_response, edits_from_answer
from engine.tailor.gemini.call_log import log_call
from engine.tailor.gemini.client import PreparedRequest, generation_config, prepared_request
from engine.tailor.gemini.config import GeminiConfig
from engine.tailor.gemini.failures import RETRYABLE_STATUS
from engine.tailor.gemini.usage import Usage, cost_usd, prompt_version
from engine.tailor.optimizer import Optimization, apply_edits

BATCH_PRICE_RATIO = 0.5  # Batch Mode bills every token at half the live price
# Gemini takes inlined requests up to 20 MB per batch; past that, a JSONL file.
INLINE_LIMIT_BYTES = 20 * 1024 * 1024


class JobState(StrEnum):
    """A Gemini batch job's state, as the SDK names it."""

    PENDING = "JOB_STATE_PENDING"
    RUNNING = "JOB_STATE_RUNNING"
    SUCCEEDED = "JOB_STATE_SUCCEEDED"
    FAILED = "JOB_STATE_FAILED"
    CANCELLED = "JOB_STATE_CANCELLED"
    EXPIRED = "JOB_STATE_EXPIRED"

    @property
    def finished(self) -> bool:
        return self not in (JobState.PENDING, JobState.RUNNING)


@dataclass
class BatchAnswer:
    """One request's outcome in a finished job: a response, or Gemini's error for it."""

    response: types.GenerateContentResponse | None = None
    error_code: int | None = None
    error_message: str = ""

    @property
    def retryable(self) -> bool:
        return self.error_code in RETRYABLE_STATUS


def batch_client(config: GeminiConfig) -> genai.Client:
    """A client for batch operations (create, get, cancel, files): the SDK's own retries
    are kept, since these calls are few and idempotent or guarded by the display name."""
    return genai.Client(api_key=config.api_key, http_options=types.HttpOptions(
        base_url=config.base_url, timeout=round(config.timeout_s * 1000)))


def inlined_request(resume: Resume, job: JobDescription, config: GeminiConfig,
                    key: str) -> tuple[types.InlinedRequest, PreparedRequest]:
    """One request of the batch, keyed, exactly as a live call would send it."""
    prepared = prepared_request(resume, job, config)
    request = types.InlinedRequest(model=config.model, contents=prepared.contents,
                                   config=generation_config(config), metadata={"key": key})
    return request, prepared


def job_state(job: types.BatchJob) -> JobState:
    return JobState(getattr(job.state, "value", job.state))


def submit(client: genai.Client, config: GeminiConfig, requests: list[types.InlinedRequest],
           display_name: str) -> types.BatchJob:
    """Create the batch job: requests inlined, or past ``INLINE_LIMIT_BYTES`` uploaded
    as a JSONL file through the Files API."""
    lines = [_wire(client, request) for request in requests]
    if sum(len(line) for line in lines) <= INLINE_LIMIT_BYTES:
        return client.batches.create(model=config.model, src=requests,
                                     config={"display_name": display_name})
    uploaded = client.files.upload(
        file=io.BytesIO("".join(line + "\n" for line in lines).encode()),
        config={"mime_type": "jsonl", "display_name": display_name})
    return client.batches.create(model=config.model, src=uploaded.name,
                                 config={"display_name": display_name})


def _wire(client: genai.Client, request: types.InlinedRequest) -> str:
    """A request as one JSONL line of a batch input file: ``{"key", "request"}`` in the
    REST shape, converted by the SDK's own converter so both paths send the same body."""
    body = _common.convert_to_dict(
        genai_batches._InlinedRequest_to_mldev(client._api_client, request))
    body.pop("metadata", None)
    return json.dumps({"key": (request.metadata or {}).get("key"), **body},
                      separators=(",", ":"))


def answers(client: genai.Client, job: types.BatchJob) -> dict[str, BatchAnswer]:
    """Every answer of a succeeded job by key, inline or from its results file."""
    dest = job.dest
    if dest is None:
        return {}
    found: dict[str, BatchAnswer] = {}
    if dest.inlined_responses:
        for item in dest.inlined_responses:
            key = str((item.metadata or {}).get("key"))
            found[key] = _answer(item.response, item.error and item.error.model_dump())
    elif dest.file_name:
        for line in client.files.download(file=dest.file_name).decode().splitlines():
            if line.strip():
                item = json.loads(line)
                response = item.get("response")
                found[str(item.get("key"))] = _answer(
                    types.GenerateContentResponse.model_validate(response) if response else None,
                    item.get("error"))
    return found


def _answer(response: types.GenerateContentResponse | None,
            error: dict[str, Any] | None) -> BatchAnswer:
    if error:
        return BatchAnswer(error_code=error.get("code"),
                           error_message=error.get("message") or "no message")
    return BatchAnswer(response=response)


def optimization_from_answer(resume: Resume, job: JobDescription, config: GeminiConfig,
                             answer: BatchAnswer, waited_s: float = 0.0) -> Optimization:
    """The run's Optimization from its Batch Mode answer, validated and guarded as a live
    answer is; billed at the Batch Mode price. Raises TailorError (transient when Gemini's
    error for this request is one a retry can fix)."""
    version = prompt_version(config.depth)
    started = time.monotonic()
    if answer.response is None:
        log_call(config, version, Mode.ECONOMY, attempt=1, started=started,
                 outcome=f"gemini_batch_request_{answer.error_code}")
        raise TailorError("gemini_batch_request_failed",
                          f"Gemini Batch Mode could not answer this resume "
                          f"({answer.error_code}: {answer.error_message}).",
                          transient=answer.retryable)
    prepared = prepared_request(resume, job, config)
    usage = Usage()
    usage.add(answer.response.usage_metadata)
    log_call(config, version, Mode.ECONOMY, attempt=1, started=started,
             metadata=answer.response.usage_metadata, price_ratio=BATCH_PRICE_RATIO)
    try:
        parsed = answer_from_response(answer.response, config.max_output_tokens)
    except BadAnswer as bad:
        raise TailorError("gemini_bad_response",
                          f"Gemini's Batch Mode answer was unusable: {bad}.") from bad
    edits, refused = edits_from_answer(parsed, resume, prepared.ids)
    return Optimization(
        edits=edits, resume=apply_edits(resume, edits), model=config.model,
        prompt_version=version, tokens_in=usage.tokens_in, tokens_out=usage.tokens_out,
        cached_tokens=usage.cached,
        cost_usd=cost_usd(config, usage.tokens_in, usage.tokens_out, usage.cached)
        * BATCH_PRICE_RATIO,
        latency_s=waited_s, notes=prepared.notes + refused,
    )
