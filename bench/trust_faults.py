"""Fault scenarios for bench.trust: a batch on two real ``rq worker`` processes against a
private redis-server on a free loopback port and a throwaway SQLite database, with one
fault injected mid-batch and no manual step after it (no ``recover``, no new worker):

    redis_restart   Redis stopped and started empty while jobs run
    redis_flush     every key in Redis deleted
    worker_kill     one worker and its work horse killed with SIGKILL

lost = runs not ready when the batch settles (or after the deadline), duplicated = more
than one run or result per candidate. The workers and Redis are the repository's own
test harness (tests.support.batches), the same the recovery tests use.
"""

from __future__ import annotations

import signal
import subprocess
import tempfile
import time
from pathlib import Path

import redis
import sqlalchemy as sa

from db.connection import get_engine
from db.models import Run
from engine.orchestration.batches import start_batch
from tests.support.batches import JOB, Tailor, free_port, make_tailor

RUNS = 30
DEADLINE_S = 240


class PrivateRedis:
    def __init__(self, folder: Path) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.command = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
                        "--save", "", "--appendonly", "no", "--dir", str(folder)]
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(self.command, stdout=subprocess.DEVNULL)
        for _ in range(200):
            try:
                redis.Redis.from_url(self.url).ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


def _outcome(tailor: Tailor, batch_id: int) -> tuple[int, int]:
    with get_engine(tailor.settings.database_url).connect() as conn:
        rows = conn.execute(sa.select(Run.candidate_id, Run.status)
                            .where(Run.batch_id == batch_id)).all()
    lost = sum(r.status != "ready" for r in rows) + max(0, RUNS - len(rows))
    duplicated = len(rows) - len({r.candidate_id for r in rows})
    return lost, duplicated


def _scenario(name: str, folder: Path) -> tuple[int, int]:
    server = PrivateRedis(folder)
    server.start()
    tailor = make_tailor(f"sqlite:///{folder / f'{name}.db'}", server.url, RUNS,
                         TAILOR_IN_FLIGHT="2", TAILOR_STUCK_AFTER_S="5")
    try:
        batch_id = start_batch(tailor.settings, [str(i) for i in range(1, RUNS + 1)], JOB, "bench")
        tailor.worker()
        tailor.worker()
        tailor.wait_until(lambda: list(tailor.statuses(batch_id).values()).count("ready") >= 2,
                          120, "first results")
        if name == "redis_restart":
            server.stop()
            time.sleep(1)
            server.start()
        elif name == "redis_flush":
            redis.Redis.from_url(server.url).flushall()
        else:
            victim = tailor.workers.pop(0)
            Tailor(env=tailor.env, workers=[victim]).kill_workers(signal.SIGKILL)
        deadline = time.monotonic() + DEADLINE_S
        while time.monotonic() < deadline and _outcome(tailor, batch_id)[0]:
            time.sleep(1)
        return _outcome(tailor, batch_id)
    finally:
        tailor.kill_workers()
        server.stop()


def faults_line() -> str:
    scenarios = ("redis_restart", "redis_flush", "worker_kill")
    lost = duplicated = 0
    with tempfile.TemporaryDirectory() as folder:
        for name in scenarios:
            started = time.monotonic()
            scenario_lost, scenario_duplicated = _scenario(name, Path(folder))
            print(f"  {name}: lost={scenario_lost} duplicated={scenario_duplicated} "
                  f"wall_s={time.monotonic() - started:.0f}", flush=True)
            lost += scenario_lost
            duplicated += scenario_duplicated
    return (f"trust faults: scenarios={len(scenarios)} runs={RUNS * len(scenarios)} "
            f"lost={lost} duplicated={duplicated} manual_steps=0")
