"""A batch's rates are over its working time: the stretches when some run was being
worked on, not the wall time since it was created (idle hours before a retry, a paused
batch with no worker, parallel runs counted once). Each run keeps its time per step."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from db import store
from db.connection import get_engine
from db.models import Run, RunAttempt, RunStatus
from db.queries import batch_runs, busy_stretches
from engine.orchestration.batches import batch_progress, retry_run, start_batch, working_seconds
from engine.orchestration.jobs import process_run
from tests.support.batches import JOB, clear_queue, make_tailor

T0 = datetime(2026, 11, 2, 9, 0, tzinfo=timezone.utc)


def at(seconds: float) -> datetime:
    return T0 + timedelta(seconds=seconds)


def test_parallel_runs_count_once_and_idle_gaps_not_at_all():
    spans = [(at(0), at(10)), (at(2), at(12)), (at(5), at(8)),  # three in parallel: 12 s
             (at(3600), at(3604))]  # a retry an hour later: 4 s more, not 3,604
    assert working_seconds(spans, now=at(7200)) == 16


def test_a_running_run_counts_until_now_and_nothing_is_zero():
    assert working_seconds([(at(0), at(5)), (at(4), None)], now=at(9)) == 9
    assert working_seconds([], now=at(9)) == 0


def test_the_rate_after_a_retry_an_hour_later_is_over_working_time(database_url, redis_url):
    tailor = make_tailor(database_url, redis_url, 4)
    url = tailor.settings.database_url
    try:
        batch_id = start_batch(tailor.settings, ["1", "2", "3", "4"], JOB, "recruiter")
        runs = [r.id for r in store.run_steps(url, batch_id)]
        # Four runs of 30 s each, two at a time (one minute of work), then one of them
        # retried an hour later and done in 30 s: 4 finished in 90 s of work.
        worked = {runs[0]: (0, 30), runs[1]: (0, 30), runs[2]: (30, 60),
                  runs[3]: (3600, 3630)}
        with get_engine(url).begin() as conn:
            for run_id, (start, end) in worked.items():
                conn.execute(sa.update(Run).where(Run.id == run_id).values(
                    status=RunStatus.READY, started_at=at(start), finished_at=at(end)))
        progress = batch_progress(tailor.settings, batch_id, now=at(3700))
        assert progress.working_s == 90
        assert round(progress.resumes_per_s * 60, 2) == round(4 / 90 * 60, 2)  # 2.67/min
        assert progress.eta_s == 0
    finally:
        clear_queue(tailor)


def test_a_run_keeps_its_time_per_step_and_a_retry_archives_it(database_url, redis_url,
                                                                monkeypatch):
    tailor = make_tailor(database_url, redis_url, 1)
    for name, value in tailor.env.items():  # process_run reads its settings from these
        monkeypatch.setenv(name, value)
    url = tailor.settings.database_url
    try:
        batch_id = start_batch(tailor.settings, ["1"], JOB, "recruiter")
        [run] = store.run_steps(url, batch_id)
        process_run(run.id)
        [row] = batch_runs(url, batch_id)
        assert row.status == RunStatus.READY
        assert list(row.step_seconds) == ["parse", "optimize"]
        assert all(0 < seconds < 60 for seconds in row.step_seconds.values())

        retry_run(tailor.settings, run.id, "recruiter")
        assert batch_runs(url, batch_id)[0].step_seconds is None  # the new attempt's, none yet
        with get_engine(url).connect() as conn:
            archived = conn.execute(sa.select(RunAttempt.outcome)).scalar_one()
        assert archived["step_seconds"] == row.step_seconds
    finally:
        clear_queue(tailor)


def test_no_rate_from_less_than_a_second_of_work(database_url, redis_url):
    tailor = make_tailor(database_url, redis_url, 2)
    url = tailor.settings.database_url
    try:
        batch_id = start_batch(tailor.settings, ["1", "2"], JOB, "recruiter")
        with get_engine(url).begin() as conn:  # both done in the same instant
            conn.execute(sa.update(Run).where(Run.batch_id == batch_id).values(
                status=RunStatus.READY, started_at=at(0), finished_at=at(0.2)))
        progress = batch_progress(tailor.settings, batch_id, now=at(60))
        assert progress.resumes_per_s is None and progress.working_s is None
    finally:
        clear_queue(tailor)


def test_a_running_run_keeps_the_batch_working_until_now(database_url, redis_url):
    tailor = make_tailor(database_url, redis_url, 3)
    url = tailor.settings.database_url
    try:
        batch_id = start_batch(tailor.settings, ["1", "2", "3"], JOB, "recruiter")
        first, second, _queued = [r.id for r in store.run_steps(url, batch_id)]
        with get_engine(url).begin() as conn:
            conn.execute(sa.update(Run).where(Run.id == first).values(
                status=RunStatus.READY, started_at=at(0), finished_at=at(10)))
            conn.execute(sa.update(Run).where(Run.id == second).values(
                status=RunStatus.OPTIMIZING, started_at=at(5)))
        assert busy_stretches(url, batch_id, now=at(20)) == [(at(0), at(20))]
        progress = batch_progress(tailor.settings, batch_id, now=at(20))
        assert progress.working_s == 20 and progress.eta_s == 2 * 20  # 2 left at 1 per 20 s
    finally:
        clear_queue(tailor)
