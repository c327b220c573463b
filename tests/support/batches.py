"""Helpers for bulk-run tests: a seeded app + candidate database, a private RQ queue,
and real ``rq worker`` subprocesses (forking workers, as in production)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import redis
import sqlalchemy as sa
from redis.backoff import ConstantBackoff
from redis.retry import Retry

from db.connection import get_engine
from db.migrate import upgrade
from db.models import Run
from demo.job_descriptions import JOB_DESCRIPTIONS
from demo.seed import candidate_rows, candidates_table, metadata
from settings import ROOT, Settings, load_settings

RQ = str(Path(sys.executable).parent / "rq")
JOB = JOB_DESCRIPTIONS[0]


@lru_cache(maxsize=None)
def demo_rows(count: int) -> tuple[dict, ...]:
    """Rendered demo candidates, once per test session."""
    return tuple(candidate_rows(0, count, 7))


def seed(url: str, count: int) -> None:
    engine = get_engine(url)
    metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(candidates_table.insert(), [dict(r) for r in demo_rows(count)])


def set_resume(url: str, candidate_id: int, data: bytes | None, fmt: str | None) -> None:
    with get_engine(url).begin() as conn:
        conn.execute(candidates_table.update().where(candidates_table.c.id == candidate_id)
                     .values(resume=data, resume_format=fmt))


@dataclass
class Tailor:
    """One test's Tailor: settings (from an environment the workers share) and workers."""

    env: dict[str, str]
    workers: list[subprocess.Popen] = field(default_factory=list)
    bursts: set[int] = field(default_factory=set)  # the pids of workers meant to end

    @property
    def settings(self) -> Settings:
        return load_settings(self.env, secrets_file=Path("/nonexistent"))

    def worker(self, burst: bool = False, connection_class: str = "redis.Redis",
               log: Path | None = None) -> subprocess.Popen:
        """A worker; its log (RQ's lines, warnings and up) goes to ``log`` if given."""
        cmd = [RQ, "worker", "--with-scheduler", "--worker-class", "engine.orchestration.worker.TailorWorker",
               "--connection-class", connection_class,
               "--url", self.env["REDIS_URL"], "--quiet", self.env["TAILOR_QUEUE"]]
        if burst:
            cmd.insert(2, "--burst")
        with open(log or os.devnull, "ab") as out:
            process = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **self.env},
                                       start_new_session=True, stdout=out,
                                       stderr=subprocess.PIPE if burst else out)
        self.workers.append(process)
        if burst:
            self.bursts.add(process.pid)
        return process

    def run_burst(self, timeout: float = 120) -> None:
        process = self.worker(burst=True)
        _, err = process.communicate(timeout=timeout)
        assert process.returncode == 0, err.decode()[-2000:]

    def kill_workers(self, sig: int = signal.SIGKILL) -> None:
        """Signal each worker and everything it forked (work horse, scheduler: RQ puts the
        horse in a session of its own, so a process-group kill would miss it). All are
        frozen first: a worker signalled after its horse could fork the next horse in
        between, which would go on with the batch's runs unseen."""
        for process in self.workers:
            if process.poll() is None:
                tree = frozen_tree(process.pid)
                for wanted in (sig, signal.SIGCONT):  # frozen, a signal waits for SIGCONT
                    for pid in tree:
                        _signal(pid, wanted)
                process.wait(timeout=30)
        self.workers.clear()

    def statuses(self, batch_id: int) -> dict[str, str]:
        with get_engine(self.settings.database_url).connect() as conn:
            rows = conn.execute(sa.select(Run.candidate_id, Run.status).where(Run.batch_id == batch_id))
            return dict(rows.all())

    def wait_until(self, condition: Callable[[], bool], timeout: float = 120,
                   what: str = "condition") -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            for process in self.workers:
                # A worker that is no burst worker ends only when told to: with 0 too, it
                # has given up on its work (a clean exit is how a lost loop once ended).
                ended = process.poll() is not None
                assert not ended or (process.pid in self.bursts and process.returncode == 0), (
                    f"a worker ended (exit code {process.returncode})")
            time.sleep(0.2)
        raise AssertionError(f"timed out waiting for {what}")

    def wait_finished(self, batch_id: int, timeout: float = 120) -> dict[str, str]:
        from engine.orchestration.batches import batch_progress

        self.wait_until(lambda: batch_progress(self.settings, batch_id).finished, timeout,
                        f"batch {batch_id} to finish")
        return self.statuses(batch_id)


class RedisRetryingBriefly(redis.Redis):
    """A connection (``--connection-class``) that tries a command again every 0.2 s for
    2 s: redis-py's default retries, made regular, so that a test knows how long a worker
    goes on trying after its loop gave up on Redis."""

    @classmethod
    def from_url(cls, url: str, **kwargs) -> RedisRetryingBriefly:
        return super().from_url(url, retry=Retry(ConstantBackoff(0.2), 10), **kwargs)


def _signal(pid: int, sig: int) -> None:
    try:
        os.kill(pid, sig)
    except ProcessLookupError:
        pass


def frozen_tree(pid: int) -> list[int]:
    """``pid`` and its descendants, each stopped (SIGSTOP) before its children are
    listed, so none forks after the list is made."""
    stopped: list[int] = []
    pending = [pid]
    while pending:
        for found in pending:
            _signal(found, signal.SIGSTOP)
        stopped += pending
        pending = [d for p in pending for d in descendants(p) if d not in stopped]
    return stopped


def descendants(pid: int) -> list[int]:
    found = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    children = [int(p) for p in found]
    return [d for c in children for d in (c, *descendants(c))]


def make_tailor(database_url: str, redis_url: str, candidates: int, **extra: str) -> Tailor:
    env = {
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "TAILOR_QUEUE": f"tailor-test-{uuid.uuid4().hex[:10]}",
        "TAILOR_IN_FLIGHT": "8",
        "TAILOR_JOB_RETRIES": "3",
        "GEMINI_API_KEY": "",
        **extra,
    }
    upgrade(database_url)
    seed(database_url, candidates)
    return Tailor(env=env)


def tailored_for_pages(database_url: str, redis_url: str, monkeypatch) -> tuple[Tailor, list]:
    """Four demo candidates tailored in this process (the first run's job takes on the
    whole batch), with the settings in the environment an AppTest page reads; the Tailor
    and the batch's runs."""
    from db.store import run_steps
    from engine.orchestration.batches import start_batch
    from engine.orchestration.jobs import process_run

    tailor = make_tailor(database_url, redis_url, 4)
    for name, value in tailor.env.items():
        monkeypatch.setenv(name, value)
    batch_id = start_batch(tailor.settings, ["1", "2", "3", "4"], JOB, "tester")
    runs = run_steps(database_url, batch_id)
    process_run(runs[0].id)
    return tailor, runs


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def clear_queue(tailor: Tailor) -> None:
    """Drop the test queue's RQ jobs (the shared test Redis outlives the test)."""
    from rq import Queue

    from engine.orchestration.queue import redis_connection

    settings = tailor.settings
    connection = redis_connection(settings)
    queue = Queue(settings.queue_name, connection=connection)
    queue.empty()
    keys = list(connection.scan_iter(f"tailor:{settings.queue_name}:*"))
    if keys:
        connection.delete(*keys)
