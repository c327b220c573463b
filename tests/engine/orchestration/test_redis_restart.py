"""A Redis restart mid-batch heals itself (issue 12, item 7): the workers that lost Redis
while running jobs stay alive, reconnect with backoff, and their periodic recovery
re-enqueues the runs whose jobs Redis lost. Nobody runs `recover` or starts a worker."""

from __future__ import annotations

import time

import sqlalchemy as sa

from db.connection import get_engine
from db.models import AuditEvent
from tests.engine.orchestration.test_recovery import (COUNT, assert_one_ready_result_each,
                                                      batch_under_way, cleanup, private_redis,
                                                      ready)

__all__ = ["cleanup", "private_redis"]  # the fixtures, shared with the recovery tests


def test_redis_restarted_mid_batch_finishes_without_manual_recovery(database_url, private_redis,
                                                                     cleanup):
    url, restart = private_redis
    # Two in flight: a job takes on at most 16 runs, so the batch needs several jobs.
    tailor, batch_id = batch_under_way(database_url, url, cleanup, workers=2, TAILOR_IN_FLIGHT="2")
    assert ready(tailor, batch_id) < COUNT, "the restart should come mid-batch"
    restart()
    started = time.monotonic()
    tailor.wait_finished(batch_id, timeout=240)  # fails if a worker died
    assert_one_ready_result_each(tailor, batch_id)
    assert all(worker.poll() is None for worker in tailor.workers)  # the same two, alive
    with get_engine(database_url).connect() as conn:
        recovered = conn.execute(sa.select(AuditEvent.actor)
                                 .where(AuditEvent.action == "runs_recovered")).scalars().all()
    assert recovered, "the workers' own recovery re-enqueued the lost runs"
    print(f"healed in {time.monotonic() - started:.0f} s")
