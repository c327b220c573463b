"""Resume a cancelled batch: its cancelled runs (never started) queue again as they
were — same attempt, since none was spent — and the batch is no longer cancelled."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

from db.connection import get_engine
from db.errors import NotFound
from db.models import AuditEvent, Batch, Run, RunStatus, utcnow


def resume_batch(url: str, batch_id: int, actor: str,
                 job_id_for: Callable[[int], str]) -> list[tuple[int, str]]:
    """Queue the batch's cancelled runs again; [(run id, new job id)]."""
    now = utcnow()
    with get_engine(url).begin() as conn:
        if not conn.execute(sa.update(Batch).where(Batch.id == batch_id)
                            .values(cancelled_at=None)).rowcount:
            raise NotFound(f"Batch {batch_id} does not exist.")
        ids = conn.execute(sa.select(Run.id).where(Run.batch_id == batch_id,
                                                   Run.status == RunStatus.CANCELLED)
                           .order_by(Run.id)).scalars().all()
        pairs = [(run_id, job_id_for(run_id)) for run_id in ids]
        for run_id, job_id in pairs:
            conn.execute(sa.update(Run).where(Run.id == run_id, Run.status == RunStatus.CANCELLED)
                         .values(status=RunStatus.QUEUED, rq_job_id=job_id, error_code=None,
                                 error_message=None, finished_at=None, updated_at=now))
        conn.execute(sa.insert(AuditEvent), {"actor": actor, "action": "batch_resumed",
                                             "batch_id": batch_id, "at": now,
                                             "detail": {"runs_requeued": len(pairs)}})
    return pairs
