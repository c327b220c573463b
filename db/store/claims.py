"""The worker side: claim runs, move a claimed run through its steps, save or fail it.

Every write a worker makes is guarded by the run's ``rq_job_id`` (the job that claimed
it) and a running status, so a job that lost its claim (recovery handed the run to
another job) can never overwrite a newer outcome, and saving a result twice is a no-op.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from db.connection import get_engine
from db.models import RUNNING_STATUSES, Batch, Run, RunStatus, utcnow

# What requeue_transient returns when the job no longer holds the run (not a stored status).
LOST = "lost"


@dataclass(frozen=True)
class ClaimedRun:
    id: int
    batch_id: int
    candidate_id: str
    attempt: int
    transient_failures: int
    parsed_resume: dict[str, Any] | None
    flags: list[Any] | None


def claim_own(url: str, run_id: int, job_id: str) -> list[ClaimedRun]:
    """Claim run ``run_id`` for job ``job_id``, and take back the runs this job already
    holds (RQ retrying it after a database outage). Empty when there is nothing to do:
    the run is done, cancelled or held by another job."""
    with get_engine(url).begin() as conn:
        batch_id = conn.execute(sa.select(Run.batch_id).where(Run.id == run_id)).scalar()
        if batch_id is None:
            return []
        held = sa.and_(Run.rq_job_id == job_id, Run.status.in_(RUNNING_STATUSES))
        if conn.execute(sa.select(Batch.cancelled_at).where(Batch.id == batch_id)).scalar() is None:
            held = sa.or_(held, sa.and_(Run.id == run_id, Run.status == RunStatus.QUEUED))
        return _claimed(conn, _claim(conn, held, job_id))


def claim_queued(url: str, batch_id: int, job_id: str, limit: int) -> tuple[list[ClaimedRun], list[str]]:
    """Claim up to ``limit`` queued runs of a batch that is not cancelled, for a job that
    keeps several runs in flight. Returns the runs and the RQ job ids that carried them
    (now redundant: the caller drops them from the queue)."""
    if limit < 1:
        return [], []
    engine = get_engine(url)
    with engine.begin() as conn:
        pick = (sa.select(Run.id, Run.rq_job_id)
                .join(Batch, Batch.id == Run.batch_id)
                .where(Run.batch_id == batch_id, Run.status == RunStatus.QUEUED,
                       Batch.cancelled_at.is_(None))
                .order_by(Run.id).limit(limit))
        if engine.dialect.name == "postgresql":
            pick = pick.with_for_update(of=Run, skip_locked=True)
        carriers = dict(conn.execute(pick).all())
        if not carriers:
            return [], []
        ids = _claim(conn, sa.and_(Run.id.in_(carriers), Run.status == RunStatus.QUEUED), job_id)
        replaced = [carriers[i] for i in ids if carriers[i] and carriers[i] != job_id]
        return _claimed(conn, ids), replaced


def _claim(conn: sa.Connection, where: sa.ColumnElement[bool], job_id: str) -> list[int]:
    """The one claim: the runs matching ``where`` start extracting for ``job_id``. The
    status-guarded UPDATE ... RETURNING makes jobs racing for a run safe."""
    now = utcnow()
    return list(conn.execute(
        sa.update(Run).where(where)
        .values(status=RunStatus.EXTRACTING, rq_job_id=job_id, updated_at=now,
                started_at=sa.func.coalesce(Run.started_at, now))
        .returning(Run.id)
    ).scalars())


def _claimed(conn: sa.Connection, ids: list[int]) -> list[ClaimedRun]:
    if not ids:
        return []
    rows = conn.execute(
        sa.select(Run.id, Run.batch_id, Run.candidate_id, Run.attempt, Run.transient_failures,
                  Run.parsed_resume, Run.flags).where(Run.id.in_(ids)).order_by(Run.id)
    )
    return [ClaimedRun(**r._mapping) for r in rows]


def _held(run_id: int, job_id: str) -> sa.ColumnElement[bool]:
    return sa.and_(Run.id == run_id, Run.rq_job_id == job_id, Run.status.in_(RUNNING_STATUSES))


def _write_held(url: str, run_id: int, job_id: str, values: dict[str, Any]) -> bool:
    """Write ``values`` to the run if ``job_id`` still holds it; False when it does not."""
    with get_engine(url).begin() as conn:
        return conn.execute(
            sa.update(Run).where(_held(run_id, job_id)).values(**values, updated_at=utcnow())
        ).rowcount == 1


def _finished(status: RunStatus, code: str | None, message: str | None) -> dict[str, Any]:
    return {"status": status, "error_code": code, "error_message": message,
            "finished_at": utcnow()}


def set_step(url: str, run_id: int, job_id: str, status: RunStatus) -> bool:
    """Move a claimed run to the next step; False when the job no longer holds it."""
    return _write_held(url, run_id, job_id, {"status": status})


def save_result(url: str, run_id: int, job_id: str, values: dict[str, Any]) -> bool:
    """Store a finished run's outcome and mark it ready, in one statement. Idempotent: a
    second save (or one from a job that lost the run) changes nothing."""
    return _write_held(url, run_id, job_id, {**values, **_finished(RunStatus.READY, None, None)})


def fail_run(url: str, run_id: int, job_id: str, code: str, message: str,
             values: dict[str, Any] | None = None) -> bool:
    """Mark a claimed run failed with its error; False when the job no longer holds it."""
    return _write_held(url, run_id, job_id,
                       {**(values or {}), **_finished(RunStatus.FAILED, code, message)})


def requeue_transient(url: str, run_id: int, job_id: str, code: str, message: str,
                      max_failures: int) -> str:
    """After a transient error: back to ``queued`` (returns RunStatus.QUEUED) or, past
    ``max_failures`` transient failures in this attempt, ``failed`` (returns
    RunStatus.FAILED); LOST when the job no longer holds the run."""
    now: datetime = utcnow()
    with get_engine(url).begin() as conn:
        failures = conn.execute(
            sa.update(Run).where(_held(run_id, job_id))
            .values(transient_failures=Run.transient_failures + 1, updated_at=now,
                    error_code=code, error_message=message)
            .returning(Run.transient_failures)
        ).scalar()
        if failures is None:
            return LOST
        if failures > max_failures:
            conn.execute(sa.update(Run).where(Run.id == run_id)
                         .values(status=RunStatus.FAILED, finished_at=now,
                                 error_message=f"{message} (gave up after {failures} tries)"))
            return RunStatus.FAILED
        conn.execute(sa.update(Run).where(Run.id == run_id).values(status=RunStatus.QUEUED))
        return RunStatus.QUEUED
