"""Resume a cancelled batch from the Batches page: its cancelled runs are queued again."""

from __future__ import annotations

from db.store.batch_resume import resume_batch as requeue_cancelled
from engine.orchestration.queue import enqueue_runs, new_job_id, tailor_queue
from settings import Settings


def resume_batch(settings: Settings, batch_id: int, actor: str) -> int:
    """Queue a cancelled batch's cancelled runs again; returns how many."""
    queue = tailor_queue(settings)  # a clear NoRedis before any row changes
    pairs = requeue_cancelled(settings.database_url, batch_id, actor, new_job_id)
    enqueue_runs(queue, pairs, settings)
    return len(pairs)
