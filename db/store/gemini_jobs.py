"""Economy mode's Gemini batch jobs: their rows, and the runs they hold.

A job's runs are claimed under the job's ``claim`` (their ``rq_job_id``), so the guarded
writes of ``db.store.claims`` (save_result, fail_run, requeue_transient) apply to them
unchanged: an answer saved twice is saved once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from db.connection import get_engine
from db.models import RUNNING_STATUSES, GeminiBatchJob, GeminiJobStatus, Run, RunStatus, utcnow
from db.store.shared import aware

OPEN_STATUSES = (GeminiJobStatus.SUBMITTING, GeminiJobStatus.WAITING)


@dataclass(frozen=True)
class GeminiJobRow:
    id: int
    batch_id: int
    claim: str
    status: GeminiJobStatus
    display_name: str
    gemini_name: str | None
    run_ids: list[int]
    poll_job_id: str | None
    submitted_at: datetime | None
    error_message: str | None


def _row(row: Any) -> GeminiJobRow:
    return GeminiJobRow(id=row.id, batch_id=row.batch_id, claim=row.claim,
                        status=GeminiJobStatus(row.status), display_name=row.display_name,
                        gemini_name=row.gemini_name, run_ids=list(row.run_ids),
                        poll_job_id=row.poll_job_id, submitted_at=aware(row.submitted_at),
                        error_message=row.error_message)


def open_job(url: str, batch_id: int, claim: str, display_name: str,
             run_ids: list[int]) -> GeminiJobRow:
    """The row of a job about to be submitted, written before Gemini is asked, so a
    worker killed mid-submission leaves a trace that recovery finds by display name."""
    with get_engine(url).begin() as conn:
        job_id = conn.execute(sa.insert(GeminiBatchJob).values(
            batch_id=batch_id, claim=claim, display_name=display_name, run_ids=run_ids,
            status=GeminiJobStatus.SUBMITTING, created_at=utcnow(),
        ).returning(GeminiBatchJob.id)).scalar_one()
    return gemini_job(url, job_id)


def gemini_job(url: str, job_id: int) -> GeminiJobRow:
    with get_engine(url).connect() as conn:
        return _row(conn.execute(sa.select(GeminiBatchJob).where(GeminiBatchJob.id == job_id)).one())


def gemini_jobs(url: str, batch_id: int | None = None, open_only: bool = False) -> list[GeminiJobRow]:
    """A batch's Gemini jobs (every batch's without ``batch_id``), oldest first."""
    query = sa.select(GeminiBatchJob).order_by(GeminiBatchJob.id)
    if batch_id is not None:
        query = query.where(GeminiBatchJob.batch_id == batch_id)
    if open_only:
        query = query.where(GeminiBatchJob.status.in_(OPEN_STATUSES))
    with get_engine(url).connect() as conn:
        return [_row(r) for r in conn.execute(query)]


def update_job(url: str, job_id: int, **values: Any) -> None:
    if values.get("status") and GeminiJobStatus(values["status"]) not in OPEN_STATUSES:
        values.setdefault("finished_at", utcnow())
    with get_engine(url).begin() as conn:
        conn.execute(sa.update(GeminiBatchJob).where(GeminiBatchJob.id == job_id).values(**values))


def hold_for_gemini(url: str, run_id: int, claim: str, parsed_resume: dict[str, Any]) -> bool:
    """A parsed run waits for its Batch Mode answer: ``optimizing``, its Resume kept."""
    with get_engine(url).begin() as conn:
        return conn.execute(
            sa.update(Run).where(Run.id == run_id, Run.rq_job_id == claim,
                                 Run.status.in_(RUNNING_STATUSES))
            .values(status=RunStatus.OPTIMIZING, parsed_resume=parsed_resume,
                    updated_at=utcnow())
        ).rowcount == 1


def held_runs(url: str, claim: str) -> dict[int, dict[str, Any] | None]:
    """{run id: parsed resume} of the runs ``claim`` still holds."""
    with get_engine(url).connect() as conn:
        rows = conn.execute(sa.select(Run.id, Run.parsed_resume)
                            .where(Run.rq_job_id == claim, Run.status.in_(RUNNING_STATUSES)))
        return {r.id: r.parsed_resume for r in rows}


def touch_runs(url: str, claim: str) -> None:
    """The held runs are alive (a poll saw their job pending): recovery leaves them."""
    with get_engine(url).begin() as conn:
        conn.execute(sa.update(Run).where(Run.rq_job_id == claim,
                                          Run.status.in_(RUNNING_STATUSES))
                     .values(updated_at=utcnow()))


def cancel_held(url: str, claim: str, message: str) -> int:
    """The held runs of a cancelled Gemini job become ``cancelled``."""
    with get_engine(url).begin() as conn:
        return conn.execute(
            sa.update(Run).where(Run.rq_job_id == claim, Run.status.in_(RUNNING_STATUSES))
            .values(status=RunStatus.CANCELLED, error_message=message, finished_at=utcnow(),
                    updated_at=utcnow())
        ).rowcount


def claim_for_economy(url: str, batch_id: int, waiting: str, claim: str) -> list[tuple[int, str, dict[str, Any] | None, list[Any] | None]]:
    """Claim a batch's runs waiting for Economy submission (queued under ``waiting``),
    and take back the ones ``claim`` already holds that no Gemini job has yet (a submit
    job killed before it submitted). (run id, candidate id, parsed resume — set when
    imported or already parsed —, flags)."""
    with get_engine(url).begin() as conn:
        submitted = {r for row in conn.execute(
            sa.select(GeminiBatchJob.run_ids).where(GeminiBatchJob.batch_id == batch_id))
            for r in row.run_ids}
        now = utcnow()
        conn.execute(
            sa.update(Run).where(Run.batch_id == batch_id, Run.status == RunStatus.QUEUED,
                                 Run.rq_job_id == waiting)
            .values(status=RunStatus.EXTRACTING, rq_job_id=claim, updated_at=now,
                    started_at=sa.func.coalesce(Run.started_at, now)))
        rows = conn.execute(
            sa.select(Run.id, Run.candidate_id, Run.parsed_resume, Run.flags, Run.status)
            .where(Run.batch_id == batch_id, Run.rq_job_id == claim,
                   Run.status.in_(RUNNING_STATUSES)).order_by(Run.id))
        return [(r.id, r.candidate_id, r.parsed_resume, r.flags) for r in rows
                if r.id not in submitted]


def unsubmitted_batches(url: str, waiting: str, claim_prefix: str) -> list[int]:
    """Batches with runs queued for an Economy submission, or held by a submit job
    (claim starting with ``claim_prefix``) that may have died before submitting."""
    held = sa.and_(Run.status.in_(RUNNING_STATUSES), Run.rq_job_id.startswith(claim_prefix))
    with get_engine(url).connect() as conn:
        return list(conn.execute(
            sa.select(Run.batch_id).where(sa.or_(
                sa.and_(Run.status == RunStatus.QUEUED, Run.rq_job_id == waiting), held))
            .distinct().order_by(Run.batch_id)).scalars())
