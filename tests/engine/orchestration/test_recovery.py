"""Recovery for real: a worker killed with SIGKILL mid-batch, Redis flushed, Redis
restarted, PostgreSQL restarted. Each time every candidate ends with exactly one ready
result. Redis and PostgreSQL are private servers started here, so restarting them
disturbs nothing else."""

from __future__ import annotations

import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import redis
import sqlalchemy as sa
from rq.job import Job

from db.connection import get_engine
from db.models import Run
from db.store import RUNNING_STATUSES
from engine.orchestration.batches import recover, start_batch
from tests.support.batches import JOB, Tailor, clear_queue, free_port, make_tailor
from tests.support.fake_gemini import FakeGemini

COUNT = 40
PG_BIN = next(iter(sorted(Path("/usr/lib/postgresql").glob("*/bin"))), None)


def assert_one_ready_result_each(tailor: Tailor, batch_id: int) -> None:
    with get_engine(tailor.settings.database_url).connect() as conn:
        rows = conn.execute(sa.select(Run.candidate_id, Run.status, Run.optimized_resume,
                                      Run.error_code, Run.error_message)
                            .where(Run.batch_id == batch_id)).all()
    assert len(rows) == COUNT
    assert len({r.candidate_id for r in rows}) == COUNT  # no duplicates
    assert [(r.candidate_id, r.status, r.error_code, r.error_message)
            for r in rows if r.status != "ready"] == []
    assert all(r.optimized_resume for r in rows)


def recovered_runs(tailor: Tailor) -> int:
    from db.models import AuditEvent

    with get_engine(tailor.settings.database_url).connect() as conn:
        details = conn.execute(sa.select(AuditEvent.detail)
                               .where(AuditEvent.action == "runs_recovered")).scalars().all()
    return sum(len(d["runs"]) for d in details)


def running(tailor: Tailor, batch_id: int) -> list[str]:
    return [c for c, s in tailor.statuses(batch_id).items() if s in RUNNING_STATUSES]


def ready(tailor: Tailor, batch_id: int) -> int:
    return list(tailor.statuses(batch_id).values()).count("ready")


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[PrivateRedis]:
    if shutil.which("redis-server") is None:
        pytest.skip("redis-server is not installed")
    port = free_port()
    server = PrivateRedis(f"redis://127.0.0.1:{port}/0", [
        "redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
        "--appendonly", "no", "--dir", str(tmp_path)])
    server.start()
    yield server
    server.stop()


@dataclass
class PrivateRedis:
    """A redis-server of our own (no persistence), to stop, start and restart."""

    url: str
    command: list[str]
    process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(self.command, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                redis.Redis.from_url(self.url).ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("private redis-server did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)

    def restart(self) -> None:
        self.stop()
        time.sleep(1)
        self.start()


@pytest.fixture
def private_postgres() -> Iterator[tuple[str, callable]]:
    """A throwaway PostgreSQL cluster (initdb, trust auth, free port) and a restart
    function: stop, stay down a few seconds, start."""
    if PG_BIN is None:
        pytest.skip("PostgreSQL server binaries are not installed")
    port = free_port()
    data = Path(tempfile.mkdtemp(prefix="tailor-pg-"))
    shutil.chown(data, "postgres")
    as_postgres = ["runuser", "-u", "postgres", "--"]
    subprocess.run([*as_postgres, str(PG_BIN / "initdb"), "-D", str(data / "db"), "-A", "trust",
                    "-U", "postgres"], check=True, capture_output=True)
    options = f"-p {port} -k {data} -c listen_addresses=127.0.0.1 -c fsync=off"

    def ctl(*args: str) -> None:
        subprocess.run([*as_postgres, str(PG_BIN / "pg_ctl"), "-D", str(data / "db"), "-w",
                        "-l", str(data / "log"), *args], check=True, capture_output=True)

    def restart() -> None:
        ctl("stop", "-m", "fast")
        time.sleep(3)
        ctl("start", "-o", options)

    ctl("start", "-o", options)
    yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres", restart
    ctl("stop", "-m", "immediate")
    shutil.rmtree(data, ignore_errors=True)


@pytest.fixture
def cleanup() -> Iterator[list[Tailor]]:
    made: list[Tailor] = []
    yield made
    for tailor in made:
        tailor.kill_workers()
        try:
            clear_queue(tailor)
        except redis.RedisError:
            pass


def batch_under_way(database_url: str, redis_url: str, cleanup: list[Tailor],
                    workers: int = 1, **env: str) -> tuple[Tailor, int]:
    """A batch of COUNT candidates with results coming in."""
    tailor = make_tailor(database_url, redis_url, COUNT, **env)
    cleanup.append(tailor)
    batch_id = start_batch(tailor.settings, [str(i) for i in range(1, COUNT + 1)], JOB, "tester")
    for _ in range(workers):
        tailor.worker()
    tailor.wait_until(lambda: ready(tailor, batch_id) >= 2, 60, "first results")
    return tailor, batch_id


def test_worker_killed_mid_batch(database_url: str, redis_url: str, cleanup):
    # Gemini (the fake, answering after 0.5 s) so that 8 runs are in flight at the kill.
    with FakeGemini(latency_s=0.5) as fake:
        tailor = make_tailor(database_url, redis_url, COUNT, TAILOR_STUCK_AFTER_S="3",
                             GEMINI_API_KEY="test-key", GEMINI_BASE_URL=fake.base_url)
        cleanup.append(tailor)
        settings = tailor.settings
        batch_id = start_batch(settings, [str(i) for i in range(1, COUNT + 1)], JOB, "tester")
        victim = tailor.worker()
        tailor.wait_until(lambda: ready(tailor, batch_id) >= 2, 60, "first results")
        tailor.workers.remove(victim)
        Tailor(env=tailor.env, workers=[victim]).kill_workers(signal.SIGKILL)
        stuck = running(tailor, batch_id)
        assert stuck, "the kill should leave runs in a running state"
        _recover_and_finish(tailor, batch_id, stuck)


def _recover_and_finish(tailor: Tailor, batch_id: int, stuck: list[str]) -> None:
    settings = tailor.settings
    time.sleep(3.5)  # past stuck_after_s: those runs have had no progress
    report = recover(settings)
    with get_engine(settings.database_url).connect() as conn:
        stuck_ids = set(conn.execute(sa.select(Run.id).where(
            Run.batch_id == batch_id, Run.candidate_id.in_(stuck))).scalars())
    assert stuck_ids <= set(report.requeued)
    tailor.worker()
    tailor.worker()
    tailor.wait_finished(batch_id, timeout=120)
    assert_one_ready_result_each(tailor, batch_id)


def test_redis_flushed_mid_batch_recovered_on_worker_start(database_url: str, private_redis, cleanup):
    url = private_redis.url
    # Gemini (the fake, answering after 0.3 s, two calls at a time): the first batch is
    # surely still running at the flush. Offline, a quick machine finished it first, and
    # its worker's next job took the waiting batch whole, leaving nothing to recover.
    with FakeGemini(latency_s=0.3) as fake:
        _flushed_mid_batch_recovered(database_url, url, cleanup, GEMINI_API_KEY="test-key",
                                     GEMINI_BASE_URL=fake.base_url)


def _flushed_mid_batch_recovered(database_url: str, url: str, cleanup, **env: str) -> None:
    tailor, batch_id = batch_under_way(database_url, url, cleanup, TAILOR_IN_FLIGHT="2", **env)
    # A second batch waits in the queue: the running job takes on runs of its own batch
    # only (and all of them: one job lasts JOB_SECONDS).
    waiting = start_batch(tailor.settings, [str(i) for i in range(1, COUNT + 1)], JOB, "tester")
    redis.Redis.from_url(url).flushall()
    # The waiting batch's runs lost their jobs; a newly started worker recovers them on start.
    tailor.worker()
    for batch in (batch_id, waiting):
        tailor.wait_finished(batch, timeout=120)
        assert_one_ready_result_each(tailor, batch)
    assert recovered_runs(tailor) > 0


def test_postgres_restarted_mid_batch(private_postgres, redis_url: str, cleanup):
    url, restart = private_postgres
    tailor, batch_id = batch_under_way(url, redis_url, cleanup, workers=2, TAILOR_JOB_RETRIES="5")
    restart()
    # Jobs that hit the outage raise, and RQ's Retry brings them back after a backoff.
    tailor.wait_finished(batch_id, timeout=150)
    assert_one_ready_result_each(tailor, batch_id)
    with get_engine(url).connect() as conn:
        job_ids = set(conn.execute(sa.select(Run.rq_job_id).where(Run.batch_id == batch_id)).scalars())
    jobs = Job.fetch_many(sorted(job_ids), connection=redis.Redis.from_url(redis_url))
    assert any(j is not None and j.retries_left is not None and j.retries_left < 5 for j in jobs), \
        "some job should have hit the outage and been retried by RQ"
    get_engine(url).dispose()


def _scheduler_running(connection: redis.Redis, lock: str) -> bool:
    """The lock is held by a scheduler that registered itself (where and which pid)."""
    from rq.scheduler import SCHEDULER_KEY_TEMPLATE

    owner = connection.get(lock)
    return owner is not None and connection.exists(SCHEDULER_KEY_TEMPLATE % owner.decode()) == 1


def test_a_killed_workers_scheduler_lock_is_taken_over_at_once(database_url: str, redis_url: str):
    """RQ's scheduler lock outlives a killed worker by its TTL (61 s), and with it every
    scheduled job (RQ retries, Economy polls) would wait; a new worker frees the lock of
    a scheduler that died on this host and runs the schedule itself."""
    from rq.scheduler import RQScheduler

    from engine.orchestration.queue import redis_connection

    tailor = make_tailor(database_url, redis_url, 1)
    try:
        connection = redis_connection(tailor.settings)
        lock = RQScheduler.get_locking_key(tailor.env["TAILOR_QUEUE"])
        tailor.worker()
        tailor.wait_until(lambda: _scheduler_running(connection, lock), 60, "a scheduler")
        dead = connection.get(lock)
        tailor.kill_workers()
        assert connection.get(lock) == dead and connection.ttl(lock) > 30
        tailor.worker()
        tailor.wait_until(lambda: connection.get(lock) not in (None, dead), 30,
                          "the new worker's scheduler to take the lock")
    finally:
        tailor.kill_workers()
        clear_queue(tailor)
