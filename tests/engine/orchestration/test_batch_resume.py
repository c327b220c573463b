"""A cancelled batch resumed: its cancelled runs queue again and a worker finishes them."""

from __future__ import annotations

from db import store
from db.models import RunStatus
from engine.orchestration.batch_resume import resume_batch
from engine.orchestration.batches import batch_progress, cancel_batch, start_batch
from tests.support.batches import JOB, clear_queue, make_tailor


def test_cancelled_batch_resumes_and_finishes(database_url, redis_url):
    tailor = make_tailor(database_url, redis_url, 3)
    try:
        batch_id = start_batch(tailor.settings, ["1", "2", "3"], JOB, "recruiter")
        assert cancel_batch(tailor.settings, batch_id, "recruiter") == 3
        assert batch_progress(tailor.settings, batch_id).cancelled
        assert resume_batch(tailor.settings, batch_id, "recruiter") == 3
        progress = batch_progress(tailor.settings, batch_id)
        assert not progress.cancelled and progress.counts[RunStatus.QUEUED] == 3
        tailor.run_burst()
        statuses = {r.status for r in store.run_steps(database_url, batch_id)}
        assert statuses == {RunStatus.READY}
    finally:
        clear_queue(tailor)
