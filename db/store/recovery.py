"""What worker recovery reads and writes: the active runs, and requeueing the lost ones."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from db.connection import get_engine
from db.models import ACTIVE_STATUSES, AuditEvent, Batch, Run, RunStatus, utcnow
from db.store.shared import aware


def unfinished_runs(url: str) -> list[tuple[int, str, str | None, datetime]]:
    """(run id, status, rq job id, updated_at) of every active run of a batch that is not
    cancelled: what recovery checks against Redis."""
    with get_engine(url).connect() as conn:
        rows = conn.execute(
            sa.select(Run.id, Run.status, Run.rq_job_id, Run.updated_at)
            .join(Batch, Batch.id == Run.batch_id)
            .where(Run.status.in_(ACTIVE_STATUSES), Batch.cancelled_at.is_(None))
            .order_by(Run.id)
        )
        return [(r.id, r.status, r.rq_job_id, aware(r.updated_at)) for r in rows]


def requeue_for_recovery(url: str, pairs: list[tuple[int, str]],
                         seen_job_ids: dict[int, str | None] | None = None) -> list[tuple[int, str]]:
    """Give each run (still active) a new job id and status ``queued``; returns the pairs
    actually requeued. With ``seen_job_ids`` (what recovery saw), a run that a job has
    claimed since is left to that job: recovery must not take a run from a live worker."""
    done = []
    now = utcnow()
    with get_engine(url).begin() as conn:
        for run_id, job_id in pairs:
            guard = [Run.id == run_id, Run.status.in_(ACTIVE_STATUSES)]
            if seen_job_ids is not None:
                seen = seen_job_ids.get(run_id)
                guard.append(Run.rq_job_id.is_(None) if seen is None else Run.rq_job_id == seen)
            if conn.execute(
                sa.update(Run).where(*guard)
                .values(status=RunStatus.QUEUED, rq_job_id=job_id, updated_at=now)
            ).rowcount:
                done.append((run_id, job_id))
        if done:
            conn.execute(sa.insert(AuditEvent), {"actor": "recovery", "action": "runs_recovered",
                                                 "at": now, "detail": {"runs": [r for r, _ in done]}})
    return done
