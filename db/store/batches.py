"""Batches: create one with its queued runs, count its runs by status, list its runs,
cancel it, read its job description."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable

import sqlalchemy as sa

from db.connection import get_engine, reading
from db.errors import NotFound
from db.models import (
    ACTIVE_STATUSES,
    FINAL_STATUSES,
    AuditEvent,
    Batch,
    GeminiBatchJob,
    Run,
    RunStatus,
    SavedJobDescription,
    utcnow,
)
from db.store.gemini_jobs import OPEN_STATUSES as OPEN_GEMINI_STATUSES
from db.store.shared import RunLine, aware, cleared_outcome


@dataclass(frozen=True)
class NewRun:
    candidate_id: str
    candidate_name: str | None
    status: RunStatus = RunStatus.QUEUED
    values: dict[str, Any] | None = None  # outcome columns known up front (imports)


@dataclass(frozen=True)
class BatchCounts:
    batch_id: int
    total: int
    by_status: dict[str, int]
    cost_usd: float
    tokens_in: int
    tokens_out: int
    first_started_at: datetime | None
    last_finished_at: datetime | None
    cancelled: bool
    optimizer: str = "offline"
    gemini_job_open: bool = False  # an Economy batch waiting for Gemini

    @property
    def done(self) -> int:
        return sum(self.by_status[s] for s in FINAL_STATUSES)

    @property
    def active(self) -> int:
        return sum(self.by_status[s] for s in ACTIVE_STATUSES)


@dataclass(frozen=True)
class RunStep(RunLine):
    """One run of a batch with its step and error, as the progress table shows it."""

    cost_usd: float
    updated_at: datetime | None


def create_batch(url: str, *, job_description_id: int, optimizer: str, model: str,
                 created_by: str | None, runs: list[NewRun], estimated_cost_usd: float,
                 job_id_for: Callable[[], str]) -> tuple[int, list[tuple[int, str]]]:
    """A batch row and one run per candidate, in one transaction of three statements.
    ``job_id_for()`` names each queued run's RQ job before the run has an id, so the runs
    go in with their job ids; returns (batch id, [(run id, job id)] of the queued runs)."""
    now = utcnow()
    with get_engine(url).begin() as conn:
        batch_id = conn.execute(
            sa.insert(Batch).returning(Batch.id),
            {"job_description_id": job_description_id, "optimizer": optimizer, "model": model,
             "created_by": created_by, "candidate_count": len(runs),
             "estimated_cost_usd": estimated_cost_usd, "created_at": now},
        ).scalar_one()
        pairs: list[tuple[int, str]] = []
        if runs:
            # executemany needs the same keys in every row: the outcome columns some rows
            # have (imports) are given their empty value in the others. Only those: every
            # column more is a parameter per row that the driver converts each time.
            given = set().union(*(r.values or {} for r in runs))
            empty = {k: v for k, v in cleared_outcome().items() if k in given}
            inserted = conn.execute(
                sa.insert(Run).returning(Run.id, Run.rq_job_id, sort_by_parameter_order=True),
                [{**empty, **(r.values or {}), "batch_id": batch_id,
                  "candidate_id": r.candidate_id, "candidate_name": r.candidate_name,
                  "status": r.status, "attempt": 1, "created_at": now, "updated_at": now,
                  "rq_job_id": job_id_for() if r.status == RunStatus.QUEUED else None,
                  "finished_at": None if r.status == RunStatus.QUEUED else now}
                 for r in runs])
            pairs = [(run_id, job_id) for run_id, job_id in inserted if job_id is not None]
        conn.execute(sa.insert(AuditEvent), {
            "actor": created_by or "system", "action": "batch_started", "batch_id": batch_id,
            "detail": {"candidates": len(runs), "optimizer": optimizer, "model": model},
            "at": now,
        })
    return batch_id, pairs


def set_job_ids(conn: sa.Connection, pairs: list[tuple[int, str]], *,
                only_queued: bool = False) -> None:
    """Point each run at the RQ job that carries it; with ``only_queued``, runs that a
    job took meanwhile are left alone."""
    if not pairs:
        return
    table = Run.__table__
    where = [table.c.id == sa.bindparam("rid")]
    if only_queued:
        where.append(table.c.status == RunStatus.QUEUED)
    conn.execute(table.update().where(*where).values(rq_job_id=sa.bindparam("jid")),
                 [{"rid": r, "jid": j} for r, j in pairs])


def set_job_ids_if_queued(url: str, pairs: list[tuple[int, str]]) -> None:
    """Point queued runs at the new RQ jobs that will carry them again."""
    if pairs:
        with get_engine(url).begin() as conn:
            set_job_ids(conn, pairs, only_queued=True)


# Built once: a status poll runs this and little else, and building it costs more than
# running it.
BATCH_COUNTS = (
    sa.select(Batch.cancelled_at, Batch.optimizer,
              sa.exists().where(GeminiBatchJob.batch_id == Batch.id,
                                GeminiBatchJob.status.in_(OPEN_GEMINI_STATUSES)),
              Run.status, sa.func.count(Run.id), sa.func.coalesce(sa.func.sum(Run.cost_usd), 0.0),
              sa.func.coalesce(sa.func.sum(Run.tokens_in), 0),
              sa.func.coalesce(sa.func.sum(Run.tokens_out), 0),
              sa.func.min(Run.started_at), sa.func.max(Run.finished_at))
    .select_from(Batch).outerjoin(Run, Run.batch_id == Batch.id)
    .where(Batch.id == sa.bindparam("batch_id"))
    .group_by(Batch.id, Batch.cancelled_at, Batch.optimizer, Run.status)
)


def batch_counts(url: str, batch_id: int) -> BatchCounts:
    """Counts by status, cost and timing of one batch, and whether a Gemini job of it is
    open: one indexed query."""
    with reading(get_engine(url)) as conn:
        rows = conn.execute(BATCH_COUNTS, {"batch_id": batch_id}).all()
    if not rows:
        raise NotFound(f"Batch {batch_id} does not exist.")
    by_status: dict[str, int] = dict.fromkeys(RunStatus, 0)
    for row in rows:
        if row.status is not None:  # None: the outer join of a batch with no runs
            by_status[row.status] = row[4]
    started = [aware(r[8]) for r in rows if r[8] is not None]
    finished = [aware(r[9]) for r in rows if r[9] is not None]
    first = rows[0]
    return BatchCounts(batch_id=batch_id, total=sum(by_status.values()), by_status=by_status,
                       cost_usd=float(sum(r[5] for r in rows)),
                       tokens_in=int(sum(r[6] for r in rows)),
                       tokens_out=int(sum(r[7] for r in rows)),
                       first_started_at=min(started, default=None),
                       last_finished_at=max(finished, default=None),
                       cancelled=first.cancelled_at is not None, optimizer=first.optimizer,
                       gemini_job_open=bool(first[2]))


def run_steps(url: str, batch_id: int) -> list[RunStep]:
    """Every run of a batch with its step and error, for the progress table."""
    cols = (Run.id, Run.candidate_id, Run.candidate_name, Run.status, Run.attempt,
            Run.error_code, Run.error_message, Run.score_before, Run.score_after,
            Run.cost_usd, Run.updated_at)
    with get_engine(url).connect() as conn:
        rows = conn.execute(sa.select(*cols).where(Run.batch_id == batch_id).order_by(Run.id))
        return [RunStep(**r._mapping) for r in rows]


def cancel_batch(url: str, batch_id: int, actor: str) -> int:
    """Mark the batch cancelled and its queued runs ``cancelled``; running runs finish.
    Returns how many runs were cancelled."""
    now = utcnow()
    with get_engine(url).begin() as conn:
        found = conn.execute(
            sa.update(Batch).where(Batch.id == batch_id)
            .values(cancelled_at=sa.func.coalesce(Batch.cancelled_at, now))
        ).rowcount
        if not found:
            raise NotFound(f"Batch {batch_id} does not exist.")
        cancelled = conn.execute(
            sa.update(Run).where(Run.batch_id == batch_id, Run.status == RunStatus.QUEUED)
            .values(status=RunStatus.CANCELLED, finished_at=now, updated_at=now,
                    error_code="cancelled", error_message="The batch was cancelled.")
        ).rowcount
        conn.execute(sa.insert(AuditEvent), {"actor": actor, "action": "batch_cancelled",
                                             "batch_id": batch_id, "at": now,
                                             "detail": {"runs_cancelled": cancelled}})
    return cancelled


def batch_job_description(url: str, batch_id: int) -> tuple[str, str]:
    """(title, text) of the job description a batch tailors to."""
    with get_engine(url).connect() as conn:
        row = conn.execute(
            sa.select(SavedJobDescription.title, SavedJobDescription.text)
            .join(Batch, Batch.job_description_id == SavedJobDescription.id)
            .where(Batch.id == batch_id)
        ).first()
    if row is None:
        raise NotFound(f"Batch {batch_id} does not exist.")
    return row.title, row.text


def save_job_description(url: str, title: str, text: str, created_by: str | None,
                         in_library: bool = True) -> int:
    """Save a job description to tailor batches to; returns its id. ``in_library``
    False: kept for its batch, not listed (a pasted posting nobody named)."""
    with get_engine(url).begin() as conn:
        return conn.execute(
            sa.insert(SavedJobDescription).returning(SavedJobDescription.id),
            {"title": title, "text": text, "created_by": created_by, "created_at": utcnow(),
             "in_library": in_library},
        ).scalar_one()


def saved_job_description(url: str, job_description_id: int) -> tuple[str, str]:
    """(title, text) of a saved job description; NotFound when there is none."""
    with reading(get_engine(url)) as conn:
        row = conn.execute(sa.select(SavedJobDescription.title, SavedJobDescription.text)
                           .where(SavedJobDescription.id == job_description_id)).first()
    if row is None:
        raise NotFound(f"Job description {job_description_id} does not exist.")
    return row.title, row.text
