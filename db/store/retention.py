"""Retention: delete old batches with everything they produced, except approved write-backs."""

from __future__ import annotations

from datetime import timedelta

import sqlalchemy as sa

from db.connection import get_engine
from db.models import (
    ACTIVE_STATUSES,
    AuditEvent,
    Batch,
    Decision,
    OptimizedResume,
    Run,
    RunAttempt,
    utcnow,
)


def purge_batches(url: str, older_than: timedelta) -> tuple[int, int]:
    """Delete batches created before now - ``older_than`` with their runs, attempts and
    decisions (cascade). Approved write-backs (optimized_resumes) stay: their run and
    decision links become NULL. Batches with runs still active are kept.
    Returns (batches deleted, runs deleted)."""
    cutoff = utcnow() - older_than
    with get_engine(url).begin() as conn:
        active = sa.select(Run.batch_id).where(Run.status.in_(ACTIVE_STATUSES))
        ids = list(conn.execute(
            sa.select(Batch.id).where(Batch.created_at < cutoff, Batch.id.not_in(active))
        ).scalars())
        if not ids:
            return 0, 0
        run_ids = sa.select(Run.id).where(Run.batch_id.in_(ids))
        # Explicit deletes, not only ON DELETE: the same on every backend and FK setting.
        conn.execute(sa.update(OptimizedResume).where(OptimizedResume.run_id.in_(run_ids))
                     .values(run_id=None, decision_id=None))
        conn.execute(sa.delete(Decision).where(Decision.run_id.in_(run_ids)))
        conn.execute(sa.delete(RunAttempt).where(RunAttempt.run_id.in_(run_ids)))
        runs = conn.execute(sa.delete(Run).where(Run.batch_id.in_(ids))).rowcount
        conn.execute(sa.delete(Batch).where(Batch.id.in_(ids)))
        conn.execute(sa.insert(AuditEvent), {"actor": "retention", "action": "purged",
                                             "at": utcnow(),
                                             "detail": {"batches": ids, "runs": runs}})
    return len(ids), runs
