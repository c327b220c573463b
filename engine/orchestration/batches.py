"""Bulk runs: start (with a cost estimate), progress, retry, cancel and recovery.

The functions the Batches page and ``python -m engine`` both call. The database is
the truth; Redis only carries one job per run to the workers.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import datetime, timedelta, timezone

import redis
from pydantic import BaseModel
from rq.job import Job, JobStatus

from db import store
from db.candidates import CandidateSource, open_candidate_source
from db.errors import NotFound, StoreError
from db.models import RunStatus
from db.queries import busy_stretches, optimizer_trouble
from engine.extract.documents import ExtractLimits, extract_document
from engine.errors import Refusal, TailorError
from engine.resume import JobDescription
from engine.orchestration import webhooks
from engine.orchestration.queue import (enqueue_runs, first_job_id, new_job_id,
                                        redis_connection, tailor_queue)
from engine.orchestration.review import clear_approval, is_approved
from settings import Settings

log = logging.getLogger(__name__)

COST_SAMPLE = 20  # resumes read for an estimate shown before a batch starts
# Resumes read for the estimate recorded with a batch started without one (the API's
# POST /v1/batches): each is extracted while the caller waits for its 202.
SUBMIT_COST_SAMPLE = 3
MIN_WORKING_S = 1.0  # below this much working time a batch shows no rate
ECONOMY_PREFIX = "gemini-economy-"  # rq_job_id of runs an Economy (Gemini Batch Mode) job holds


def is_economy_job_id(job_id: str | None) -> bool:
    """Runs under these ids wait on a Gemini batch job: recovery must not re-run them live."""
    return bool(job_id) and job_id.startswith(ECONOMY_PREFIX)
LIVE_JOB_STATES = frozenset({JobStatus.QUEUED, JobStatus.STARTED, JobStatus.SCHEDULED,
                             JobStatus.DEFERRED})


class CostEstimate(BaseModel):
    candidates: int
    tokens_in: int
    tokens_out: int
    cost_usd: float
    sampled: int


class BatchProgress(BaseModel):
    batch_id: int
    total: int
    counts: dict[str, int]
    done: int
    cost_usd: float
    resumes_per_s: float | None  # finished runs per second of working time
    eta_s: float | None
    working_s: float | None = None  # seconds during which some run was being worked on
    cancelled: bool
    optimizer: str = "offline"
    waiting: str | None = None  # "waiting for Gemini (Economy): …, submitted …"

    @property
    def finished(self) -> bool:
        return self.done == self.total

    def line(self) -> str:
        eta = "-" if self.eta_s is None else f"{self.eta_s:.0f}s"
        rate = "-" if self.resumes_per_s is None else f"{self.resumes_per_s:.2f}/s"
        counts = " ".join(f"{k}={v}" for k, v in self.counts.items() if v)
        return (f"batch {self.batch_id}: {self.done}/{self.total} done ({counts}) "
                f"rate={rate} eta={eta} cost=${self.cost_usd:.4f}"
                + (f" — {self.waiting}" if self.waiting else ""))


class RecoveryReport(BaseModel):
    checked: int
    requeued: list[int]
    redelivered: list[int] = []  # webhook deliveries enqueued again


def unique_ids(candidate_ids: list[str]) -> list[str]:
    """Candidate ids in first-seen order, duplicates collapsed."""
    return list(dict.fromkeys(str(c).strip() for c in candidate_ids if str(c).strip()))


def save_job_description(settings: Settings, job: JobDescription, user: str | None,
                         in_library: bool = True) -> int:
    return store.save_job_description(settings.database_url, job.title or "Job description",
                                      job.text, user, in_library)


def load_job_description(settings: Settings, job_description_id: int) -> JobDescription:
    """A saved job description; store.NotFound when there is none."""
    title, text = store.saved_job_description(settings.database_url, job_description_id)
    return JobDescription(title=title, text=text)


def job_description_problem(job: JobDescription) -> str | None:
    """Why ``job`` cannot be tailored against (too short, or nothing in it reads as a
    requirement), said before a batch starts; None when it can."""
    # Deferred: spaCy (~0.5 s) loads only to check a posting, not for every CLI command
    # (status, cancel, approve) that imports this module.
    from engine.tailor.keywords import job_keywords

    try:
        keywords = job_keywords(job)
    except TailorError as refused:
        return refused.message
    if not keywords.all:
        return ("The job description names no requirements (no skills or repeated terms "
                "to tailor towards): paste the posting's requirements or responsibilities.")
    return None


def estimate_cost(settings: Settings, candidate_ids: list[str], job: JobDescription,
                  sample: int = COST_SAMPLE) -> CostEstimate:
    """Tokens x price before anything is enqueued: the request size of ``sample`` of the
    selected resumes (their text, as the optimizer would send it), scaled to all of them.
    Zero for the offline optimizer."""
    ids = unique_ids(candidate_ids)
    if settings.optimizer == "offline" or not ids:
        return CostEstimate(candidates=len(ids), tokens_in=0, tokens_out=0, cost_usd=0.0, sampled=0)
    # Deferred: google-genai is slow to import and the offline optimizer never needs it.
    # Deferred: google-genai (~1 s) loads only when a Gemini estimate is asked for, not in every page.
    from engine.tailor.gemini.client import GeminiConfig, cost_usd, estimate_request_tokens

    config = GeminiConfig(api_key=settings.gemini_api_key, model=settings.gemini_model,
                          prices=settings.gemini_prices)
    source = open_candidate_source(settings.candidates_url, settings.candidate_table)
    limits = ExtractLimits.from_settings(settings)
    sizes = []
    for candidate_id in ids[:sample]:
        try:
            file = source.resume_file(candidate_id)
            text = extract_document(file.data, filename=file.filename,
                                    declared_format=file.declared_format, limits=limits).text
        except (StoreError, TailorError):  # unreadable resume (db or engine refusal): skip it
            continue
        sizes.append(estimate_request_tokens(text, job, config))
    if not sizes:
        sizes = [estimate_request_tokens("", job, config)]
    mean_in = sum(s[0] for s in sizes) / len(sizes)
    mean_out = sum(s[1] for s in sizes) / len(sizes)
    tokens_in, tokens_out = round(mean_in * len(ids)), round(mean_out * len(ids))
    return CostEstimate(candidates=len(ids), tokens_in=tokens_in, tokens_out=tokens_out,
                        cost_usd=cost_usd(config, tokens_in, tokens_out), sampled=len(sizes))


def start_batch(settings: Settings, candidate_ids: list[str], job: JobDescription | int,
                user: str | None, estimate: CostEstimate | None = None,
                source: CandidateSource | None = None, economy: bool = False,
                in_library: bool = True, connection: redis.Redis | None = None) -> int:
    """A batch with one queued run per (distinct, existing) candidate, and one RQ job per
    run enqueued in one pipeline. ``job`` is a job description id or a new posting.
    ``source``, ``connection``: a long-lived caller's (the API's) reflected candidate table
    and Redis connection, kept rather than made again per batch.
    ``economy``: Gemini Batch Mode (``engine.orchestration.gemini_batches``) at half price.
    ``in_library`` False: a new posting is kept for this batch only, not listed."""
    ids = unique_ids(candidate_ids)
    job_model = job if isinstance(job, JobDescription) else load_job_description(settings, job)
    if problem := job_description_problem(job_model):
        raise Refusal("job_description_too_short", problem)
    source = source or open_candidate_source(settings.candidates_url, settings.candidate_table)
    names: dict[str, str | None] = {}
    for start in range(0, len(ids), 1000):
        names.update((c.id, c.name) for c in source.get_many(ids[start:start + 1000]))
    runs = [store.NewRun(candidate_id=c, candidate_name=names[c]) for c in ids if c in names]
    if not runs:
        raise NotFound("None of the selected candidates exist in the candidate database.")
    job_description_id = (job if isinstance(job, int)
                          else save_job_description(settings, job, user, in_library))
    if estimate is None:
        estimate = estimate_cost(settings, [r.candidate_id for r in runs], job_model,
                                 sample=SUBMIT_COST_SAMPLE)
    queue = tailor_queue(settings, connection)  # fails with a clear NoRedis before any row is written
    model = settings.gemini_model if settings.optimizer == "gemini" else "offline"
    if economy:  # Gemini Batch Mode: half price, one Gemini job for the batch
        from engine.orchestration import gemini_batches

        gemini_batches.check_economy(settings)
        estimate = gemini_batches.economy_estimate(estimate)
    batch_id, pairs = store.create_batch(
        settings.database_url, job_description_id=job_description_id,
        optimizer=settings.optimizer, model=model, created_by=user, runs=runs,
        estimated_cost_usd=estimate.cost_usd,
        job_id_for=(lambda: gemini_batches.ECONOMY_WAITING) if economy else first_job_id,
    )
    # Should this fail, the runs are queued in the database and `recover` enqueues them.
    if economy:
        gemini_batches.enqueue_submit(settings, batch_id)
    else:
        enqueue_runs(queue, pairs, settings)
    return batch_id


def working_seconds(spans: Iterable[tuple[datetime, datetime | None]], now: datetime) -> float:
    """How long at least one run was being worked on: the union of the runs' (start,
    end) spans, a running one ending ``now``. Idle gaps (no worker, a paused or
    cancelled batch, the hours before a retry) do not count; parallel runs count once."""
    total, current_start, current_end = 0.0, None, None
    for start, end in sorted(spans, key=lambda span: span[0]):
        end = max(start, end or now)
        if current_end is None or start > current_end:  # a gap: close the busy stretch
            if current_end is not None:
                total += (current_end - current_start).total_seconds()
            current_start, current_end = start, end
        else:
            current_end = max(current_end, end)
    if current_end is not None:
        total += (current_end - current_start).total_seconds()
    return total


def batch_progress(settings: Settings, batch_id: int, now: datetime | None = None) -> BatchProgress:
    """Counts by status, throughput over the batch's working time (not wall time since it
    was created), ETA and cost so far."""
    counts = store.batch_counts(settings.database_url, batch_id)
    now = now or datetime.now(timezone.utc)
    rate = eta = None
    finished = counts.by_status[RunStatus.READY] + counts.by_status[RunStatus.FAILED]
    working = None
    if counts.first_started_at and finished:
        working = working_seconds(busy_stretches(settings.database_url, batch_id, now), now)
    if working is not None and working >= MIN_WORKING_S:
        rate = finished / working
        eta = counts.active / rate if counts.active else 0.0
    else:
        working = None  # too short to measure: a rate would be noise (6 runs in 0 s)
    waiting = None
    if counts.gemini_job_open:  # deferred: gemini_batches imports the whole pipeline
        from engine.orchestration.gemini_batches import economy_progress

        waiting = economy_progress(settings, batch_id)
    return BatchProgress(batch_id=batch_id, total=counts.total, counts=counts.by_status,
                         done=counts.done, cost_usd=counts.cost_usd, resumes_per_s=rate,
                         eta_s=eta, working_s=working, cancelled=counts.cancelled,
                         optimizer=counts.optimizer,
                         waiting=waiting)


class GeminiOutage(BaseModel):
    """Gemini could not be reached for a Gemini batch: what became of its runs, and
    whether the workers' shared breaker is open now (runs would stop at once again)."""

    error_code: str  # the code of the runs it failed
    failed: int
    fell_back: int  # tailored offline instead (the fallback setting)
    message: str | None  # the latest reason, for an administrator
    open_now: bool


def gemini_outage(settings: Settings, progress: BatchProgress) -> GeminiOutage | None:
    """When Gemini could not be reached for this Gemini batch: runs failed at once or
    tailored offline, or the breaker open while runs wait; None when all is well."""
    if progress.optimizer != "gemini":
        return None
    # Deferred: google-genai (~1 s) loads only for a Gemini batch, not in every page.
    from engine.tailor.gemini.client import UNREACHABLE_CODE

    trouble = optimizer_trouble(settings.database_url, progress.batch_id, UNREACHABLE_CODE,
                                "offline")
    reason = gemini_breaker_reason(settings)
    if not (trouble.failed or trouble.fell_back or (reason and not progress.finished)):
        return None
    return GeminiOutage(error_code=UNREACHABLE_CODE, failed=trouble.failed,
                        fell_back=trouble.fell_back, message=trouble.message or reason,
                        open_now=reason is not None)


def gemini_breaker_reason(settings: Settings) -> str | None:
    """Why the workers' shared Gemini breaker is open now; None while it is closed."""
    from engine.orchestration.gemini_redis import RedisBreaker
    from engine.orchestration.jobs import gemini_state_prefix

    return RedisBreaker(redis_connection(settings), gemini_state_prefix(settings)).open_reason()


def retry_run(settings: Settings, run_id: int, actor: str, confirm_approved: bool = False) -> str:
    """Re-run one run from extraction (attempt + 1, old outcome kept in history).
    Raises store.RunStateError with the reason when refused. Returns the RQ job id.
    An approved run is retried only with ``confirm_approved``, which withdraws the
    approval and reverts its write-back first."""
    if is_approved(settings, run_id):
        if not confirm_approved:
            raise store.RunStateError(
                f"Run {run_id} is approved: retrying withdraws the approval and reverts its "
                "write-back. Confirm to retry it.")
        clear_approval(settings, run_id, actor)
    retried, refused = store.retry_runs(settings.database_url, [run_id], settings.max_attempts,
                                        actor, new_job_id)
    if refused:
        raise store.RunStateError(refused[run_id])
    enqueue_runs(tailor_queue(settings), retried, settings)
    return retried[0][1]


def retry_failed(settings: Settings, batch_id: int, actor: str) -> tuple[int, dict[int, str]]:
    """Retry every failed run of a batch that has attempts left; returns (retried,
    {run id: why refused})."""
    failed = store.failed_run_ids(settings.database_url, batch_id)
    retried, refused = store.retry_runs(settings.database_url, failed, settings.max_attempts,
                                        actor, new_job_id)
    enqueue_runs(tailor_queue(settings), retried, settings)
    return len(retried), refused


def cancel_batch(settings: Settings, batch_id: int, actor: str) -> int:
    """Queued runs become ``cancelled`` (their jobs find nothing to do); running ones finish,
    except those waiting in a Gemini Batch Mode job: that job is cancelled, and they are.
    batch.completed (status ``cancelled``) goes out once no run is left running."""
    from engine.orchestration.gemini_batches import cancel_economy

    cancelled = store.cancel_batch(settings.database_url, batch_id, actor)
    cancelled += cancel_economy(settings, batch_id)
    # Nothing may be left running to finish it: batch.completed (status cancelled) now.
    webhooks.emit_batch_completed(settings, batch_id)
    return cancelled


def recover(settings: Settings, now: datetime | None = None) -> RecoveryReport:
    """Re-enqueue every run that would otherwise never finish: queued or running with no
    live RQ job (Redis flushed or restarted, job failed for good), or running with no
    progress for ``stuck_after_s`` (its worker was killed). Safe to run any time and from
    many places at once: claims are atomic and every write is guarded by the job id.
    Webhook deliveries whose job was lost are enqueued again too."""
    now = now or datetime.now(timezone.utc)
    redelivered = webhooks.recover_deliveries(settings, now=now)
    runs = store.unfinished_runs(settings.database_url)
    if not runs:
        return RecoveryReport(checked=0, requeued=[], redelivered=redelivered)
    connection = redis_connection(settings)
    job_ids = sorted({j for _, _, j, _ in runs if j})
    states = {}
    for start in range(0, len(job_ids), 1000):
        chunk = job_ids[start:start + 1000]
        for job_id, job in zip(chunk, Job.fetch_many(chunk, connection=connection)):
            states[job_id] = job.get_status(refresh=False) if job is not None else None
    stuck_before = now - timedelta(seconds=settings.stuck_after_s)
    lost = []
    for run_id, status, job_id, updated_at in runs:
        if is_economy_job_id(job_id):
            continue  # waits on a Gemini batch job: recover_economy's, below
        state = states.get(job_id) if job_id else None
        if state not in LIVE_JOB_STATES or (status != RunStatus.QUEUED and updated_at < stuck_before):
            lost.append(run_id)
    seen = {run_id: job_id for run_id, _, job_id, _ in runs}
    pairs = store.requeue_for_recovery(settings.database_url, [(r, new_job_id(r)) for r in lost], seen)
    enqueue_runs(tailor_queue(settings, connection), pairs, settings)
    if pairs:
        log.info("recovery: re-enqueued %d runs", len(pairs))
    if any(is_economy_job_id(job_id) for _, _, job_id, _ in runs):
        from engine.orchestration.gemini_batches import recover_economy

        log.info("recovery: economy %s", recover_economy(settings))
    return RecoveryReport(checked=len(runs), requeued=[r for r, _ in pairs],
                          redelivered=redelivered)
