"""The job an RQ worker runs: ``process_run(run_id)``.

A job claims its own run and then, as slots free up, more queued runs of the same batch,
keeping up to ``in_flight_per_worker`` Gemini calls in flight (inside the shared Redis
rate limit) and a few more runs than that on a bounded thread pool: those are read and
saved while the others' calls are in flight, so a call slot never waits on reading or
the database. The RQ jobs of the runs it took along are dropped from the queue (and
would find nothing to do). A job takes on runs for ``JOB_SECONDS``: each job's end
drains its window (and the next one forks a work horse), so jobs are long.

Per run: resume file -> text (``extracting``) -> Resume (``parsing``) -> optimized resume,
scores, claim check (``optimizing``) -> ``ready``, or ``failed`` with a stable error code
and a human message. A transient error puts the run back to ``queued`` (up to
``job_retries`` times); when it is the job's own run, the job raises so RQ's ``Retry``
brings it back with backoff. A database or Redis outage raises out of the job for the
same reason; every write is guarded by the claiming job id, so nothing is half-saved or
saved twice. Bad input never crashes the worker: it fails the run.
"""

from __future__ import annotations

import hashlib
import logging
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import redis
import sqlalchemy as sa
from rq import get_current_job
from rq.job import Job

from db import store
from db.candidates import CandidateSource, ResumeUnavailable, open_candidate_source
from db.connection import get_engine
from db.models import RunStatus
from engine.errors import RetryLater, TailorError, Transient
from engine.extract.documents import ExtractLimits, extract_document
from engine.logs import StepClock, bound
from engine.orchestration import webhooks
from engine.orchestration.budget import Budget
from engine.orchestration.readers import ReaderPool
from engine.orchestration.window import CallWindow, Window
from engine.orchestration.gemini_redis import shared_gemini_optimizer
from engine.orchestration.queue import enqueue_runs, new_job_id, redis_connection, tailor_queue
from engine.parse.parser import parse_document
from engine.pipeline import Tailored, tailor_resume
from engine.resume import JobDescription, Resume
from engine.tailor.gemini.client import GeminiConfig
from engine.tailor.offline import optimize_offline
from engine.tailor.optimizer import Optimizer
from settings import Settings, load_settings

log = logging.getLogger(__name__)
# One line per finished run in the worker's log: a child of rq's logger, so rq's handler
# shows it, with a level of its own, so it shows when rq runs --quiet (as the launcher does).
run_log = logging.getLogger("rq.worker.tailor.runs")
run_log.setLevel(logging.INFO)

# Infrastructure trouble: the whole job is retried by RQ (the run keeps its claim).
INFRASTRUCTURE_ERRORS = (sa.exc.OperationalError, sa.exc.InterfaceError,
                         sa.exc.DisconnectionError, redis.ConnectionError, redis.TimeoutError)


# How long a job takes on more runs (well inside RQ's JOB_TIMEOUT_S): a job's end drains
# its window of calls, so it should not come every few rounds of calls, and other
# batches' jobs wait in the queue meanwhile. A killed worker leaves recovery only the
# runs it held (its window), however long the job.
JOB_SECONDS = 120.0
CLAIM_TRIES = 3  # claims asked before a job takes "no run claimed" for "none queued"


class Outcome(StrEnum):
    """What became of one run a job took on."""

    READY = RunStatus.READY
    FAILED = RunStatus.FAILED
    QUEUED = RunStatus.QUEUED  # a transient failure put it back in the queue
    LOST = "lost"  # another job holds the run now
    INFRASTRUCTURE = "infrastructure"  # the database or Redis is unreachable


@dataclass
class JobContext:
    settings: Settings
    job_id: str
    source: CandidateSource
    optimizer: Optimizer
    job: JobDescription
    limits: ExtractLimits
    reader: ReaderPool[Resume]  # reads resume files within the parse budget
    connection: redis.Redis | None = None  # the job's Redis (webhook deliveries)


def process_run(run_id: int) -> dict[str, Any]:
    """Process run ``run_id``, then more queued runs of its batch as slots free up: up to
    ``in_flight_per_worker`` Gemini calls at once (one run at a time offline), for at
    most ``JOB_SECONDS``."""
    settings = load_settings()
    current = get_current_job()
    job_id = current.id if current else f"inline-{run_id}"
    _fresh_connections_after_fork(settings)
    url = settings.database_url
    claimed = store.claim_own(url, run_id, job_id)
    if not claimed:
        return {"run_id": run_id, "skipped": True}
    batch_id = claimed[0].batch_id
    title, text = store.batch_job_description(url, batch_id)
    connection = current.connection if current else None
    window = Window.for_settings(settings)
    context = JobContext(
        settings=settings, job_id=job_id,
        source=open_candidate_source(settings.candidates_url, settings.candidate_table),
        optimizer=CallWindow(prepare_optimizer(settings, connection), window.calls),
        job=JobDescription(title=title, text=text),
        limits=ExtractLimits.from_settings(settings),
        reader=resume_reader(settings, window.reads), connection=connection,
    )
    try:
        return _process_claimed(context, claimed, connection, window)
    finally:
        context.reader.close()


def resume_reader(settings: Settings, size: int | None = None) -> ReaderPool[Resume]:
    """Children reading resume files within the parse budget, kept for a job's runs,
    at most ``size`` at once."""
    return ReaderPool(Budget.from_settings(settings), read_resume, size=size)


def _process_claimed(context: JobContext, claimed: list[store.ClaimedRun],
                     connection: redis.Redis | None, window: Window) -> dict[str, Any]:
    """The claimed runs, and more of their batch as slots free up, to their outcomes."""
    settings, job_id, url = context.settings, context.job_id, context.settings.database_url
    run_id, batch_id = claimed[0].id, claimed[0].batch_id
    context.reader.start(window.reads)  # forked while this is the only thread
    stop_taking_at = time.monotonic() + JOB_SECONDS
    by_run: dict[int, Outcome] = {}
    with ThreadPoolExecutor(max_workers=window.runs) as pool:
        pending = {pool.submit(process_one, context, run): run.id for run in claimed}
        more = True
        while True:
            more = more and time.monotonic() < stop_taking_at
            free = window.runs - len(pending)
            if more and free >= window.claim_at:
                runs, carriers = claimed_more(url, batch_id, job_id, free)
                if carriers and connection is not None:
                    drop_jobs(settings, connection, carriers)
                # Fewer than asked can mean another job took some at the same moment:
                # ask again until none is left, so this job does not end early and
                # leave its worker idle while runs wait.
                more = bool(runs)
                pending.update({pool.submit(process_one, context, run): run.id for run in runs})
            if not pending:
                break
            done, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                by_run[pending.pop(future)] = future.result()
    outcomes = list(by_run.values())
    requeued = [r for r, o in by_run.items() if o == Outcome.QUEUED and r != run_id]
    if requeued:
        enqueue_requeued_runs(settings, connection, requeued)
    if by_run.get(run_id) in (Outcome.QUEUED, Outcome.INFRASTRUCTURE):
        raise RetryLater(f"run {run_id}: transient failure, RQ will retry")
    if Outcome.INFRASTRUCTURE in outcomes:
        raise RetryLater("database or Redis unreachable; RQ will retry the claimed runs")
    return {"run_id": run_id, "processed": len(by_run),
            "outcomes": {o.value: outcomes.count(o) for o in set(outcomes)}}


def claimed_more(url: str, batch_id: int, job_id: str,
                 free: int) -> tuple[list[store.ClaimedRun], list[str]]:
    """Up to ``free`` more queued runs of the batch (and their now redundant RQ job ids).
    Jobs racing for the same runs can each get none (SQLite has no SKIP LOCKED): an empty
    claim is asked again, so "none" means none is queued rather than a lost race."""
    for _ in range(CLAIM_TRIES):
        runs, carriers = store.claim_queued(url, batch_id, job_id, free)
        if runs:
            return runs, carriers
    return [], []


def drop_jobs(settings: Settings, connection: redis.Redis, job_ids: list[str]) -> None:
    """Take the now-redundant jobs of runs this job claimed out of the queue, so workers
    do not fork for nothing; their hashes expire."""
    queue_key = tailor_queue(settings, connection).key
    with connection.pipeline(transaction=False) as pipe:
        for job_id in job_ids:
            pipe.lrem(queue_key, 1, job_id)
            pipe.expire(Job.key_for(job_id), 24 * 3600)
        pipe.execute()


def _fresh_connections_after_fork(settings: Settings) -> None:
    # The work horse is a fork of the worker: pooled connections from the parent must
    # not be shared with it (SQLAlchemy's documented fork recipe).
    for url in {settings.database_url, settings.candidates_url}:
        get_engine(url).dispose(close=False)


def enqueue_requeued_runs(settings: Settings, connection: redis.Redis | None,
                          run_ids: list[int]) -> None:
    """A new RQ job for each run a transient failure put back in the queue (a run
    another job claimed since keeps that job's id, and the new job finds nothing to do)."""
    pairs = [(r, new_job_id(r)) for r in run_ids]
    store.set_job_ids_if_queued(settings.database_url, pairs)
    enqueue_runs(tailor_queue(settings, connection), pairs, settings)


def gemini_state_prefix(settings: Settings) -> str:
    """Where the workers' shared Gemini state (rate limit, answer cache, quota gate,
    breaker) lives in Redis: one deployment's queue shares it, Fast and Economy alike."""
    return f"tailor:{settings.queue_name}:gemini:"


# Optimizers built by this process, by what they are built from: the worker builds its
# one before forking (``prepare_optimizer``), so no work horse spends the 0.1-1 s of
# building a Gemini client (its HTTP client and TLS context) before its first call.
_optimizers: dict[tuple[Any, ...], Optimizer] = {}


def prepare_optimizer(settings: Settings, connection: redis.Redis | None) -> Optimizer:
    """``make_optimizer``, built once per process and settings. The Gemini client makes no
    connection until a call, so a work horse forked after this has none of its parent's."""
    key = (settings.optimizer, settings.gemini_api_key, settings.gemini_model,
           settings.gemini_base_url, settings.in_flight_per_worker, settings.gemini_depth,
           settings.gemini_offline_fallback, settings.gemini_requests_per_minute,
           settings.gemini_tokens_per_minute, repr(settings.gemini_prices),
           settings.queue_name, settings.redis_url, id(connection))
    if key not in _optimizers:
        _optimizers[key] = make_optimizer(settings, connection)
    return _optimizers[key]


def make_optimizer(settings: Settings, connection: redis.Redis | None) -> Optimizer:
    """The configured optimizer: Gemini (rate limit and cache shared through Redis) or
    the offline one."""
    if settings.optimizer == "offline":
        return optimize_offline
    config = GeminiConfig(api_key=settings.gemini_api_key, model=settings.gemini_model,
                          base_url=settings.gemini_base_url, prices=settings.gemini_prices,
                          max_connections=max(16, settings.in_flight_per_worker),
                          depth=settings.gemini_depth,
                          offline_fallback=settings.gemini_offline_fallback)
    return shared_gemini_optimizer(
        config, connection or redis_connection(settings), gemini_state_prefix(settings),
        requests_per_minute=settings.gemini_requests_per_minute,
        tokens_per_minute=settings.gemini_tokens_per_minute,
    )


def process_one(context: JobContext, run: store.ClaimedRun) -> Outcome:
    """One run through every step, to its outcome and its webhooks; one JSON log line
    per step. (Its webhooks here, not in the job's claiming loop: their database round
    trips there held up the next claim while call slots stood empty.)"""
    with bound(run_id=run.id, batch_id=run.batch_id):
        clock = StepClock()
        outcome = _process_one(context, run, clock)
        clock.finished(outcome.value, clock.error_code)
    webhooks.emit_outcome(context.settings, run.id, outcome, context.connection)
    run_log.info("batch %s, run %s: %s", run.batch_id, run.id, outcome)
    return outcome


def _process_one(context: JobContext, run: store.ClaimedRun, clock: StepClock) -> Outcome:
    url, job_id = context.settings.database_url, context.job_id
    try:
        # An unreachable Gemini (shared breaker open) fails the run before any parsing.
        if ensure_reachable := getattr(context.optimizer, "ensure_reachable", None):
            ensure_reachable()
        resume = parsed_resume(context, run)
        clock.done("parse")
        if not store.set_step(url, run.id, job_id, RunStatus.OPTIMIZING):
            return Outcome.LOST
        values = outcome_columns(tailor_resume(resume, context.job, context.optimizer), context.job)
        clock.done("optimize")
        values["step_seconds"] = clock.seconds
        if store.is_imported(run.flags):
            values["flags"] = [*run.flags, *values["flags"]]
        return Outcome.READY if store.save_result(url, run.id, job_id, values) else Outcome.LOST
    except ResumeUnavailable as error:
        clock.error_code = error.code
        return _failed(url, run, job_id, error.code, error.message)
    except Transient as error:
        clock.error_code = error.code
        return Outcome(store.requeue_transient(url, run.id, job_id, error.code, error.message,
                                               context.settings.job_retries))
    except TailorError as error:
        clock.error_code = error.code
        return _failed(url, run, job_id, error.code, error.message)
    except INFRASTRUCTURE_ERRORS as error:
        log.warning("run %s: infrastructure error, job will be retried: %s", run.id, error)
        return Outcome.INFRASTRUCTURE
    except Exception as error:  # noqa: BLE001 - bad input must fail the run, not the worker
        log.exception("run %s: unexpected error", run.id)
        return _failed(url, run, job_id, "internal_error",
                       f"Unexpected error while processing this resume ({type(error).__name__}: {error}).")


def _failed(url: str, run: store.ClaimedRun, job_id: str, code: str, message: str) -> Outcome:
    try:
        return Outcome.FAILED if store.fail_run(url, run.id, job_id, code, message) else Outcome.LOST
    except INFRASTRUCTURE_ERRORS:
        return Outcome.INFRASTRUCTURE


def parsed_resume(context: JobContext, run: store.ClaimedRun) -> Resume:
    """The run's Resume: from its resume file, read and parsed within the parse budget,
    or the imported parsed resume."""
    if run.parsed_resume is not None and store.is_imported(run.flags):
        return Resume.model_validate(run.parsed_resume)
    file = context.source.resume_file(run.candidate_id, max_bytes=context.limits.max_bytes)
    # Extract and parse in a budgeted child (engine.orchestration.readers): a hostile
    # file fails its run with resume_too_complex instead of holding or killing the worker.
    return context.reader.read(file.data, file.filename, file.declared_format, context.limits)


def read_resume(data: bytes, filename: str | None, declared_format: str | None,
                limits: ExtractLimits) -> Resume:
    """Resume file bytes -> Resume: extract, then parse."""
    return parse_document(extract_document(data, filename=filename,
                                           declared_format=declared_format, limits=limits))


def outcome_columns(tailored: Tailored, job: JobDescription) -> dict[str, Any]:
    """The run row's outcome columns for a tailored resume."""
    resume, optimization = tailored.original, tailored.optimization
    before, after, findings = tailored.before, tailored.after, tailored.findings
    notes = [{"code": "optimizer_note", "message": n} for n in optimization.notes]
    return {
        "parsed_resume": resume.model_dump(mode="json"),
        "optimized_resume": optimization.resume.model_dump(mode="json"),
        "edits": [e.model_dump(mode="json") for e in optimization.edits],
        "score_before": before.total,
        "score_after": after.total,
        "scores": {"before": before.model_dump(mode="json"), "after": after.model_dump(mode="json")},
        "claim_findings": [f.model_dump(mode="json") for f in findings],
        "flags": [f.model_dump(mode="json") for f in resume.flags] + notes,
        "tokens_in": optimization.tokens_in,
        "tokens_out": optimization.tokens_out,
        "cost_usd": optimization.cost_usd,
        "model": optimization.model,
        "prompt_version": optimization.prompt_version,
        "input_hash": input_hash(resume, job, optimization.model, optimization.prompt_version),
    }


def input_hash(resume: Resume, job: JobDescription, model: str, prompt_version: str) -> str:
    payload = "\x1f".join([resume.model_dump_json(), job.model_dump_json(), model, prompt_version])
    return hashlib.sha256(payload.encode()).hexdigest()
