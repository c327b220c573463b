"""Run claims and saves are guarded: racing jobs never share a run, a job that lost its
run cannot overwrite it, and saving twice changes nothing (SQLite and PostgreSQL)."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
import sqlalchemy as sa

from db import store
from db.connection import get_engine
from db.migrate import upgrade
from db.models import Run, RunStatus, SavedJobDescription


def new_batch(url: str, count: int) -> tuple[int, list[int]]:
    upgrade(url)
    with get_engine(url).begin() as conn:
        jd = conn.execute(sa.insert(SavedJobDescription).returning(SavedJobDescription.id),
                          {"title": "t", "text": "x"}).scalar_one()
    batch_id, pairs = store.create_batch(
        url, job_description_id=jd, optimizer="offline", model="offline", created_by="t",
        runs=[store.NewRun(str(i), f"C {i}") for i in range(count)], estimated_cost_usd=0.0,
        job_id_for=lambda: f"job-{uuid.uuid4().hex[:8]}")
    assert len({job_id for _, job_id in pairs}) == count == len(job_ids(url, batch_id))
    return batch_id, [run_id for run_id, _ in pairs]


def job_ids(url: str, batch_id: int) -> dict[int, str]:
    with get_engine(url).connect() as conn:
        return dict(conn.execute(sa.select(Run.id, Run.rq_job_id).where(Run.batch_id == batch_id)).all())


def test_claims_are_exclusive_and_saves_guarded(database_url: str):
    batch_id, ids = new_batch(database_url, 4)
    jobs = job_ids(database_url, batch_id)
    assert [r.id for r in store.claim_own(database_url, ids[0], "A")] == [ids[0]]
    assert store.claim_own(database_url, ids[0], "B") == []
    runs, carriers = store.claim_queued(database_url, batch_id, "A", 2)
    assert [r.id for r in runs] == ids[1:3] and carriers == [jobs[ids[1]], jobs[ids[2]]]

    assert not store.save_result(database_url, ids[0], "B", {"score_after": 1.0})
    assert store.save_result(database_url, ids[0], "A", {"score_after": 1.0})
    assert not store.save_result(database_url, ids[0], "A", {"score_after": 2.0})
    assert store.load_run(database_url, ids[0]).score_after == 1.0

    # Recovery that saw run 2 under another job id leaves it to the job holding it now.
    assert store.requeue_for_recovery(database_url, [(ids[1], "C")], {ids[1]: "job-gone"}) == []
    # Recovery hands run 2 to a new job: the old holder's writes are refused.
    assert store.requeue_for_recovery(database_url, [(ids[1], "C")]) == [(ids[1], "C")]
    assert not store.set_step(database_url, ids[1], "A", RunStatus.PARSING)
    assert [r.id for r in store.claim_own(database_url, ids[1], "C")] == [ids[1]]
    assert store.fail_run(database_url, ids[1], "C", "corrupt_pdf", "Broken.")

    # A job RQ retries takes back what it held.
    assert [r.id for r in store.claim_own(database_url, ids[3], "A")] == [ids[2], ids[3]]


def test_racing_jobs_never_share_a_run(database_url: str):
    batch_id, ids = new_batch(database_url, 60)

    def take(job: str) -> list[int]:
        got = []
        while True:
            runs, _ = store.claim_queued(database_url, batch_id, job, 3)
            if not runs:
                return got
            got += [r.id for r in runs]

    with ThreadPoolExecutor(6) as pool:
        taken = list(pool.map(take, [f"J{i}" for i in range(6)]))
    flat = [r for got in taken for r in got]
    assert sorted(flat) == sorted(ids) and len(set(flat)) == len(flat)
    with get_engine(database_url).connect() as conn:
        holders = dict(conn.execute(sa.select(Run.id, Run.rq_job_id)).all())
    for i, got in enumerate(taken):
        assert all(holders[r] == f"J{i}" for r in got)


def test_cancel_stops_claims_and_counts(database_url: str):
    batch_id, ids = new_batch(database_url, 5)
    store.claim_own(database_url, ids[0], "A")
    assert store.cancel_batch(database_url, batch_id, "ann") == 4
    assert store.claim_queued(database_url, batch_id, "B", 5) == ([], [])
    assert store.claim_own(database_url, ids[1], "B") == []
    counts = store.batch_counts(database_url, batch_id)
    assert counts.by_status[RunStatus.CANCELLED] == 4 and counts.by_status[RunStatus.EXTRACTING] == 1
    assert counts.cancelled and counts.active == 1


def test_missing_rows_raise_the_store_error_root(database_url: str):
    batch_id, ids = new_batch(database_url, 1)
    missing = [
        lambda: store.batch_counts(database_url, batch_id + 1),
        lambda: store.cancel_batch(database_url, batch_id + 1, "t"),
        lambda: store.batch_job_description(database_url, batch_id + 1),
        lambda: store.load_run(database_url, ids[0] + 1),
        lambda: store.saved_job_description(database_url, 10_000),
    ]
    for call in missing:
        with pytest.raises(store.StoreError, match="does not exist") as raised:
            call()
        assert isinstance(raised.value, store.NotFound)


def test_a_run_record_is_typed_and_a_transient_failure_requeues_then_fails(database_url: str):
    _, ids = new_batch(database_url, 1)
    assert [c.id for c in store.claim_own(database_url, ids[0], "A")] == ids
    assert store.requeue_transient(database_url, ids[0], "B", "x", "lost it", 1) == store.LOST
    assert store.requeue_transient(database_url, ids[0], "A", "x", "try again", 1) == RunStatus.QUEUED
    run = store.load_run(database_url, ids[0])
    assert (run.status, run.transient_failures, run.error_message) == ("queued", 1, "try again")
    assert [c.id for c in store.claim_own(database_url, ids[0], "A")] == ids
    assert store.requeue_transient(database_url, ids[0], "A", "x", "again", 1) == RunStatus.FAILED
    run = store.load_run(database_url, ids[0])
    assert run.status == RunStatus.FAILED and run.error_message == "again (gave up after 2 tries)"
    assert run.finished_at is not None
