"""The reader pool: resumes read in long-lived children within the parse budget."""

from __future__ import annotations

import os
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from engine.errors import TailorError
from engine.extract.documents import ExtractLimits
from engine.orchestration import readers
from engine.orchestration.budget import Budget
from engine.orchestration.jobs import read_resume
from engine.orchestration.readers import ReaderPool
from engine.orchestration.worker import WARM_UP_RESUME


def _pid_after(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def _allocate(mb: int) -> int:
    return len(bytearray(mb * 1024 * 1024))


def _refuse(code: str) -> None:
    raise TailorError(code, "refused in the child")


def _crash() -> None:
    raise KeyError("boom")


@pytest.fixture
def pool():
    pools: list[ReaderPool] = []

    def make(work, seconds: float = 30, memory_mb: int = 256) -> ReaderPool:
        pools.append(ReaderPool(Budget(seconds=seconds, memory_mb=memory_mb), work))
        return pools[-1]

    yield make
    for made in pools:
        made.close()


def test_one_child_reads_resume_after_resume(pool):
    reader = pool(read_resume)
    limits = ExtractLimits()
    resumes = [reader.read(WARM_UP_RESUME.encode(), None, "text", limits) for _ in range(3)]
    assert resumes[0].email == "jordan@example.com" and resumes[0] == resumes[2]
    pids = pool(_pid_after)
    seen = {pids.read(0) for _ in range(5)}
    assert len(seen) == 1 and os.getpid() not in seen  # one fork, reused


def test_a_child_past_its_time_is_killed_and_the_next_read_gets_a_new_one(pool):
    reader = pool(_pid_after, seconds=0.5)
    first = reader.read(0)
    started = time.monotonic()
    with pytest.raises(TailorError) as error:
        reader.read(5)
    assert time.monotonic() - started < 3
    assert error.value.code == "resume_too_complex" and "longer than 0.5 s" in error.value.message
    assert reader.read(0) != first


def test_a_child_past_its_memory_fails_the_read_and_the_pool_lives_on(pool):
    reader = pool(_allocate, memory_mb=64)
    assert reader.read(8) == 8 * 1024 * 1024
    with pytest.raises(TailorError) as error:
        reader.read(512)
    assert error.value.code == "resume_too_complex" and "64 MB" in error.value.message
    assert reader.read(8) == 8 * 1024 * 1024


def test_errors_in_the_child_reach_the_caller(pool):
    with pytest.raises(TailorError) as error:
        pool(_refuse).read("empty_file")
    assert error.value.code == "empty_file"
    with pytest.raises(RuntimeError, match="KeyError"):
        pool(_crash).read()


def test_a_child_retires_after_its_reads_and_threads_get_a_child_each(pool, monkeypatch):
    monkeypatch.setattr(readers, "READS_PER_CHILD", 2)
    reader = pool(_pid_after)
    pids = [reader.read(0) for _ in range(4)]
    assert pids[0] == pids[1] != pids[2] == pids[3]
    with ThreadPoolExecutor(4) as threads:
        concurrent = list(threads.map(reader.read, [0.3] * 4))
    assert len(set(concurrent)) == 4  # four reads at once: four children


def test_reads_beyond_the_pools_size_wait_for_a_child():
    reader = ReaderPool(Budget(seconds=30, memory_mb=256), _pid_after, size=2)
    try:
        with ThreadPoolExecutor(6) as threads:
            pids = list(threads.map(reader.read, [0.2] * 6))
    finally:
        reader.close()
    assert len(set(pids)) == 2  # six reads at once through two children


def _work_horse(report) -> None:
    """A stand-in for a work horse: forks two readers, tells their pids, then waits."""
    made = ReaderPool(Budget(seconds=30, memory_mb=256), _pid_after)
    made.start(2)
    report.send([reader.process.pid for reader in made._idle])
    time.sleep(600)


def test_readers_exit_when_their_work_horse_is_killed():
    """A killed work horse's readers must not live on: each holds a copy of the work
    horse's database socket, which keeps its transaction (and row locks) open."""
    import multiprocessing
    import signal

    import psutil

    context = multiprocessing.get_context("fork")
    ours, theirs = context.Pipe()
    horse = context.Process(target=_work_horse, args=(theirs,))
    horse.start()
    children = [psutil.Process(pid) for pid in ours.recv()]
    os.kill(horse.pid, signal.SIGKILL)
    horse.join()
    gone, alive = psutil.wait_procs(children, timeout=readers.ORPHAN_CHECK_S * 5)
    assert alive == [] and len(gone) == 2
