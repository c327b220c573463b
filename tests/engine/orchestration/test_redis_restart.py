"""A Redis restart mid-batch heals itself (issue 12, item 7): the workers that lost Redis
while running jobs stay alive, reconnect with backoff, and their periodic recovery
re-enqueues the runs whose jobs Redis lost. Nobody runs `recover` or starts a worker."""

from __future__ import annotations

import time

import sqlalchemy as sa

from db.connection import get_engine
from db.models import AuditEvent
from engine.orchestration.batches import batch_progress, start_batch
from tests.engine.orchestration.test_recovery import (COUNT, assert_one_ready_result_each,
                                                      batch_under_way, cleanup, private_redis,
                                                      ready, recovered_runs)
from tests.support.batches import JOB, make_tailor
from tests.support.fake_gemini import FakeGemini

__all__ = ["cleanup", "private_redis"]  # the fixtures, shared with the recovery tests


def test_redis_restarted_mid_batch_finishes_without_manual_recovery(database_url, private_redis,
                                                                     cleanup):
    # Two in flight: a job takes on at most 16 runs, so the batch needs several jobs.
    tailor, batch_id = batch_under_way(database_url, private_redis.url, cleanup, workers=2,
                                       TAILOR_IN_FLIGHT="2")
    assert ready(tailor, batch_id) < COUNT, "the restart should come mid-batch"
    private_redis.restart()
    started = time.monotonic()
    tailor.wait_finished(batch_id, timeout=240)
    assert_one_ready_result_each(tailor, batch_id)
    assert all(worker.poll() is None for worker in tailor.workers)  # the same two, alive
    with get_engine(database_url).connect() as conn:
        recovered = conn.execute(sa.select(AuditEvent.actor)
                                 .where(AuditEvent.action == "runs_recovered")).scalars().all()
    assert recovered, "the workers' own recovery re-enqueued the lost runs"
    print(f"healed in {time.monotonic() - started:.0f} s")


def test_worker_goes_on_when_redis_is_back_before_it_looks(sqlite_url, private_redis, cleanup,
                                                            tmp_path):
    # RQ's loop gives up on a command Redis did not answer, and the worker's teardown
    # then tries Redis again for a while: Redis back by then is still an outage ended,
    # not the end of the worker (a race the restart test above meets now and then).
    log = tmp_path / "worker.log"
    with FakeGemini(latency_s=0.2) as fake:  # so that the worker is busy when Redis goes
        tailor = make_tailor(sqlite_url, private_redis.url, COUNT,
                             GEMINI_API_KEY="test-key", GEMINI_BASE_URL=fake.base_url)
        cleanup.append(tailor)
        batch_id = start_batch(tailor.settings, [str(i) for i in range(1, COUNT + 1)], JOB,
                               "tester")
        worker = tailor.worker(connection_class="tests.support.batches.RedisRetryingBriefly",
                               log=log)
        tailor.wait_until(lambda: ready(tailor, batch_id) >= 2, 60, "first results")
        private_redis.stop()
        tailor.wait_until(lambda: "quitting" in log.read_text(), 90, "RQ's loop to give up")
        private_redis.start()  # within the 2 s the teardown goes on trying
        tailor.wait_until(lambda: worker.poll() is not None
                          or batch_progress(tailor.settings, batch_id).finished, 240,
                          "the batch to finish")
        assert worker.poll() is None, "the worker ended"
        assert_one_ready_result_each(tailor, batch_id)
        assert recovered_runs(tailor), "its recovery re-enqueued the runs Redis lost"
    worker.terminate()  # while a stop asked for still ends it
    assert worker.wait(timeout=30) == 0
