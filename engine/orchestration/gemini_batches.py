"""Economy mode: a batch's runs tailored through one Gemini Batch Mode job, half price.

    start_batch(…, economy=True)  the runs wait under ECONOMY_WAITING; one RQ job submits
    submit_economy       claims them, parses each (as a live run would), writes the
                         GeminiBatchJob row, then creates Gemini's job (keyed by run id)
    poll_economy         an RQ-scheduled job: while Gemini's job is pending it touches
                         the runs and schedules itself again; when it finishes each
                         answer goes through the pipeline and the same guarded save
    cancel_economy       cancels Gemini's job and the runs it held
    recover_economy      re-schedules what a killed worker or a lost Redis left

Nothing is submitted twice: the row is written before Gemini is asked and names the
job (``display_name``); a submission that may have happened is looked up by that name
(``client.batches.list``) before submitting again, and runs already in a row are never
claimed again. A run's writes are guarded by its job's ``claim`` like any worker write.
"""

from __future__ import annotations

import logging
import uuid
from datetime import datetime, timedelta, timezone
from typing import Any

from rq.job import Job

from db import store
from db.candidates import open_candidate_source
from db.models import GeminiJobStatus
from db.store import gemini_jobs
from engine.errors import Refusal, TailorError, Transient
from engine.extract.documents import ExtractLimits
from engine.logs import StepClock, bound
from engine.orchestration.batches import ECONOMY_PREFIX, LIVE_JOB_STATES, CostEstimate
from engine.orchestration import webhooks
from engine.orchestration.gemini_redis import RedisResponseCache
from engine.orchestration.jobs import (
    JobContext,
    Outcome,
    enqueue_requeued_runs,
    gemini_state_prefix,
    outcome_columns,
    parsed_resume,
    resume_reader,
)
from engine.orchestration.queue import redis_connection, tailor_queue
from engine.pipeline import tailor_resume
from engine.resume import JobDescription, Resume
from engine.tailor.gemini import batch_mode
from engine.tailor.gemini.batch_mode import BATCH_PRICE_RATIO, BatchAnswer, JobState
from engine.tailor.gemini.client import GeminiConfig, GeminiOptimizer
from settings import Settings, load_settings

log = logging.getLogger(__name__)

CLAIM_PREFIX = ECONOMY_PREFIX
ECONOMY_WAITING = f"{CLAIM_PREFIX}waiting"  # rq_job_id of runs queued for submission
WAITING_LABEL = "waiting for Gemini (Economy)"


def claim_for(batch_id: int) -> str:
    return f"{CLAIM_PREFIX}{batch_id}"


def gemini_config(settings: Settings) -> GeminiConfig:
    return GeminiConfig(api_key=settings.gemini_api_key, model=settings.gemini_model,
                        base_url=settings.gemini_base_url, prices=settings.gemini_prices,
                        depth=settings.gemini_depth)


def check_economy(settings: Settings) -> None:
    """Economy is Gemini's Batch Mode: refused, clearly, for the offline optimizer."""
    if settings.optimizer != "gemini":
        raise Refusal("economy_needs_gemini", "Economy mode is Gemini's Batch Mode: "
                          "set the optimizer to gemini to use it.")


def economy_estimate(estimate: CostEstimate) -> CostEstimate:
    """The live estimate at Batch Mode's price."""
    return estimate.model_copy(update={"cost_usd": estimate.cost_usd * BATCH_PRICE_RATIO})


def enqueue_submit(settings: Settings, batch_id: int) -> None:
    tailor_queue(settings).enqueue(submit_economy, batch_id, job_id=f"gemini-submit-{batch_id}",
                                   job_timeout=3600, description=f"economy submit {batch_id}")


def schedule_poll(settings: Settings, row_id: int, delay_s: float) -> None:
    job_id = f"gemini-poll-{row_id}-{uuid.uuid4().hex[:8]}"
    gemini_jobs.update_job(settings.database_url, row_id, poll_job_id=job_id)
    queue = tailor_queue(settings)
    if delay_s <= 0:
        queue.enqueue(poll_economy, row_id, job_id=job_id, description=f"economy poll {row_id}")
    else:
        queue.enqueue_in(timedelta(seconds=delay_s), poll_economy, row_id, job_id=job_id,
                         description=f"economy poll {row_id}")


def submit_economy(batch_id: int) -> dict[str, Any]:
    """Parse the batch's waiting runs and submit them as one Gemini batch job."""
    settings = load_settings()
    url, claim = settings.database_url, claim_for(batch_id)
    title, text = store.batch_job_description(url, batch_id)
    context = JobContext(
        settings=settings, job_id=claim,
        source=open_candidate_source(settings.candidates_url, settings.candidate_table),
        optimizer=economy_optimizer(settings),
        job=JobDescription(title=title, text=text), limits=ExtractLimits.from_settings(settings),
        reader=resume_reader(settings))
    held: list[int] = []
    ended: dict[int, Outcome] = {}
    try:
        for run_id, candidate_id, parsed, flags in gemini_jobs.claim_for_economy(
                url, batch_id, ECONOMY_WAITING, claim):
            run = store.ClaimedRun(id=run_id, batch_id=batch_id, candidate_id=candidate_id,
                                   attempt=1, transient_failures=0, parsed_resume=parsed,
                                   flags=flags)
            kept = _held_resume(context, context.optimizer, run)
            if isinstance(kept, Resume):
                held.append(run_id)
            else:
                ended[run_id] = kept
    finally:
        context.reader.close()
    webhooks.emit_outcomes(settings, ended)
    if not held:
        return {"batch_id": batch_id, "submitted": 0}
    row = gemini_jobs.open_job(url, batch_id, claim, f"tailor-{uuid.uuid4().hex[:16]}", held)
    ensure_submitted(settings, row)
    return {"batch_id": batch_id, "submitted": len(held)}


def economy_optimizer(settings: Settings) -> GeminiOptimizer:
    """The live optimizer's answer cache, shared with the workers' live calls: what either
    mode learnt is reused by both (no live call is made through it here)."""
    cache = RedisResponseCache(redis_connection(settings), gemini_state_prefix(settings))
    return GeminiOptimizer(gemini_config(settings), cache=cache)


def _held_resume(context: JobContext, optimizer: GeminiOptimizer,
                 run: store.ClaimedRun) -> Resume | Outcome:
    """The run parsed and held for Gemini; else how it ended: failed (saved so), ready
    at once with an answer from the cache or no line to edit (as a live run is, nothing
    sent), or lost to another job."""
    url = context.settings.database_url
    with bound(run_id=run.id, batch_id=run.batch_id):
        clock = StepClock()
        try:
            resume = (Resume.model_validate(run.parsed_resume) if run.parsed_resume
                      else parsed_resume(context, run))
            clock.done("parse")
            reused = optimizer.from_cache(resume, context.job)
            if reused is not None or not resume.bullets():
                return _save(context.settings, run.id, context.job_id, resume, context.job,
                             reused or optimizer(resume, context.job), run.flags)
            if not gemini_jobs.hold_for_gemini(url, run.id, context.job_id,
                                               resume.model_dump(mode="json")):
                return Outcome.LOST
            clock.done("wait_for_gemini", "submitted")
            return resume
        except TailorError as error:
            code, message = error.code, error.message
        except Exception as error:  # noqa: BLE001 - bad input fails the run, not the job
            log.exception("run %s: unexpected error", run.id)
            code = "internal_error"
            message = f"Unexpected error while processing this resume ({type(error).__name__})."
        return _fail(url, run.id, context.job_id, code, message, clock)


def ensure_submitted(settings: Settings, row: gemini_jobs.GeminiJobRow) -> None:
    """Gemini has the row's job (found by name, or created now); polling is scheduled."""
    config = gemini_config(settings)
    client = batch_mode.batch_client(config)
    existing = next((j for j in client.batches.list() if j.display_name == row.display_name), None)
    if existing is None:
        title, text = store.batch_job_description(settings.database_url, row.batch_id)
        job = JobDescription(title=title, text=text)
        parsed = gemini_jobs.held_runs(settings.database_url, row.claim)
        requests = [batch_mode.inlined_request(Resume.model_validate(parsed[run_id]), job,
                                               config, str(run_id))[0]
                    for run_id in row.run_ids if parsed.get(run_id)]
        existing = batch_mode.submit(client, config, requests, row.display_name)
    gemini_jobs.update_job(settings.database_url, row.id, gemini_name=existing.name,
                           status=GeminiJobStatus.WAITING,
                           submitted_at=datetime.now(timezone.utc))
    log.info("economy job %s for batch %s: %s", row.id, row.batch_id, existing.name)
    schedule_poll(settings, row.id, settings.economy_poll_s)


def poll_economy(row_id: int) -> dict[str, Any]:
    """One look at the Gemini job: wait again, or take its results."""
    settings = load_settings()
    url = settings.database_url
    row = gemini_jobs.gemini_job(url, row_id)
    if row.status == GeminiJobStatus.SUBMITTING:
        ensure_submitted(settings, row)
        return {"row": row_id, "status": "submitted"}
    if row.status != GeminiJobStatus.WAITING:
        return {"row": row_id, "status": row.status.value}
    config = gemini_config(settings)
    client = batch_mode.batch_client(config)
    job = client.batches.get(name=row.gemini_name)
    state = batch_mode.job_state(job)
    if not state.finished:
        gemini_jobs.touch_runs(url, row.claim)
        schedule_poll(settings, row_id, settings.economy_poll_s)
        return {"row": row_id, "status": state.value}
    outcomes = list(finish(settings, row, state, lambda: batch_mode.answers(client, job)).values())
    return {"row": row_id, "status": state.value,
            "outcomes": {o.value: outcomes.count(o) for o in set(outcomes)}}


def finish(settings: Settings, row: gemini_jobs.GeminiJobRow, state: JobState,
           answers: Any) -> dict[int, Outcome]:
    """What a finished Gemini job means for each run it held ({run id: outcome}), with
    the same webhooks a live job sends for runs it finished."""
    if state == JobState.CANCELLED:
        gemini_jobs.cancel_held(settings.database_url, row.claim, "The Economy batch was cancelled.")
        gemini_jobs.update_job(settings.database_url, row.id, status=GeminiJobStatus.CANCELLED)
        webhooks.emit_batch_completed(settings, row.batch_id)
        return {}
    outcomes = _outcomes(settings, row, state, answers)
    enqueue_requeued_runs(settings, None, [r for r, o in outcomes.items() if o == Outcome.QUEUED])
    webhooks.emit_outcomes(settings, outcomes)
    return outcomes


def _outcomes(settings: Settings, row: gemini_jobs.GeminiJobRow, state: JobState,
              answers: Any) -> dict[int, Outcome]:
    """Each held run failed (the job failed), put back for a live call (it expired), or
    taken through the pipeline with its answer (it succeeded); the row says which."""
    url = settings.database_url
    held = gemini_jobs.held_runs(url, row.claim)
    if state == JobState.FAILED:
        message = ("The Gemini Batch Mode job failed, so this resume was not tailored; retry "
                   "it (Fast or Economy).")
        gemini_jobs.update_job(url, row.id, status=GeminiJobStatus.FAILED, error_message=message)
        return {run_id: _fail(url, run_id, row.claim, "gemini_batch_failed", message)
                for run_id in held}
    if state == JobState.EXPIRED:
        message = ("Gemini did not finish the Economy batch within 24 hours (expired); "
                   "retried with a live (Fast) call.")
        gemini_jobs.update_job(url, row.id, status=GeminiJobStatus.EXPIRED, error_message=message)
        return {run_id: _requeue(settings, run_id, row.claim, "gemini_batch_expired", message)
                for run_id in held}
    found = answers()
    title, text = store.batch_job_description(url, row.batch_id)
    job = JobDescription(title=title, text=text)
    waited = (datetime.now(timezone.utc) - row.submitted_at).total_seconds() if row.submitted_at else 0.0
    outcomes = {}
    optimizer = economy_optimizer(settings)
    for run_id, parsed in held.items():
        answer = found.get(str(run_id)) or BatchAnswer(error_code=500, error_message="no answer "
                                                      "for this resume in the job's results")
        outcomes[run_id] = _collect(settings, optimizer, row, run_id,
                                    Resume.model_validate(parsed), job, answer, waited)
    gemini_jobs.update_job(url, row.id, status=GeminiJobStatus.COLLECTED)
    return outcomes


def _collect(settings: Settings, optimizer: GeminiOptimizer, row: gemini_jobs.GeminiJobRow,
             run_id: int, resume: Resume, job: JobDescription, answer: BatchAnswer,
             waited_s: float) -> Outcome:
    """One answer through the same pipeline and guarded save as a live run, and into
    the answer cache as a live answer goes."""
    with bound(run_id=run_id, batch_id=row.batch_id):
        try:
            optimization = batch_mode.optimization_from_answer(resume, job, optimizer.config,
                                                               answer, waited_s)
            optimizer.remember(resume, job, optimization.edits, optimization.notes)
            return _save(settings, run_id, row.claim, resume, job, optimization, None)
        except Transient as error:
            return _requeue(settings, run_id, row.claim, error.code,
                            f"{error.message} Retried with a live (Fast) call.")
        except TailorError as error:
            return _fail(settings.database_url, run_id, row.claim, error.code, error.message)


def _save(settings: Settings, run_id: int, claim: str, resume: Resume, job: JobDescription,
          optimization: Any, flags: list[Any] | None) -> Outcome:
    clock = StepClock()
    values = outcome_columns(tailor_resume(resume, job, lambda _r, _j: optimization), job)
    if store.is_imported(flags):
        values["flags"] = [*(flags or []), *values["flags"]]
    saved = store.save_result(settings.database_url, run_id, claim, values)
    outcome = Outcome.READY if saved else Outcome.LOST
    clock.finished(outcome.value)
    return outcome


def _fail(url: str, run_id: int, claim: str, code: str, message: str,
          clock: StepClock | None = None) -> Outcome:
    with bound(run_id=run_id):
        outcome = Outcome.FAILED if store.fail_run(url, run_id, claim, code, message) else Outcome.LOST
        (clock or StepClock()).finished(outcome.value, code)
        return outcome


def _requeue(settings: Settings, run_id: int, claim: str, code: str, message: str) -> Outcome:
    status = store.requeue_transient(settings.database_url, run_id, claim, code, message,
                                     settings.job_retries)
    return Outcome(status)


def cancel_economy(settings: Settings, batch_id: int) -> int:
    """Cancel the batch's open Gemini jobs and the runs they held; returns those runs."""
    url = settings.database_url
    cancelled = 0
    for row in gemini_jobs.gemini_jobs(url, batch_id, open_only=True):
        if row.gemini_name:
            client = batch_mode.batch_client(gemini_config(settings))  # kept: closes on GC
            client.batches.cancel(name=row.gemini_name)
        cancelled += gemini_jobs.cancel_held(url, row.claim, "The Economy batch was cancelled.")
        gemini_jobs.update_job(url, row.id, status=GeminiJobStatus.CANCELLED)
    return cancelled


def economy_progress(settings: Settings, batch_id: int) -> str | None:
    """"waiting for Gemini (Economy) since …" while a Gemini job of the batch is open."""
    rows = gemini_jobs.gemini_jobs(settings.database_url, batch_id, open_only=True)
    if not rows:
        return None
    submitted = min((r.submitted_at for r in rows if r.submitted_at), default=None)
    when = f", submitted {submitted:%Y-%m-%d %H:%M} UTC" if submitted else ", submitting"
    runs = sum(len(r.run_ids) for r in rows)
    return f"{WAITING_LABEL}: {runs} resumes{when}"


def recover_economy(settings: Settings) -> list[str]:
    """Schedule what was lost: a poll for every open Gemini job whose poll job is gone,
    a submission for every batch with runs still waiting for one. Returns what it did."""
    url = settings.database_url
    connection = redis_connection(settings)
    done = []
    for row in gemini_jobs.gemini_jobs(url, open_only=True):
        if not _live(row.poll_job_id, connection):
            schedule_poll(settings, row.id, 0)
            done.append(f"poll {row.id}")
    for batch_id in gemini_jobs.unsubmitted_batches(url, ECONOMY_WAITING, CLAIM_PREFIX):
        if not _live(f"gemini-submit-{batch_id}", connection):
            enqueue_submit(settings, batch_id)
            done.append(f"submit {batch_id}")
    return done


def _live(job_id: str | None, connection: Any) -> bool:
    if not job_id:
        return False
    job = Job.fetch_many([job_id], connection=connection)[0]
    return job is not None and job.get_status(refresh=False) in LIVE_JOB_STATES
