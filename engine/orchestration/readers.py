"""Resumes read in long-lived budgeted children: the parse budget without a fork per run.

``within_budget`` forks the warmed-up work horse for every resume, and that fork costs
more CPU (about 35 ms here: page tables of spaCy and the readers) than reading a
typical resume (about 6 ms); with Gemini calls in flight the CPU is what they wait on.
A ``ReaderPool`` keeps forked children that read one resume after another under the
same budget: each sets the address-space limit once when it starts, and the parent waits
at most ``budget.seconds`` for each answer. A child that runs out of time is killed,
one that dies (out of memory) is gone; either way the run fails with
``resume_too_complex`` and a new child is forked for the next resume. A child retires
after ``READS_PER_CHILD`` resumes, so whatever one keeps cannot pile up.

``size`` bounds the reads at once (the children alive): reading is CPU work, so more
reads at once than cores only make each of them finish later, and every child is one
more fork of the work horse; a read beyond it waits for a child to come free.

Forks are taken one at a time, and a job forks its children (``start``) before its
threads start: a child forked while another thread holds a lock, or has a pipe half set
up, inherits that lock held for ever or the other child's pipe end (and then its death
goes unseen until the time-out).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any, Generic, TypeVar

from engine.orchestration.budget import Budget, answer, limit_memory, too_complex

T = TypeVar("T")
READS_PER_CHILD = 50
ORPHAN_CHECK_S = 1.0  # how often an idle child looks whether its work horse still lives
_FORK_LOCK = threading.Lock()  # one fork at a time: no pipe end leaks into a sibling


@dataclass
class _Reader:
    process: Any
    connection: Connection
    reads: int = 0

    def stop(self) -> None:
        # Killed, not asked: an idle child holds nothing, and waiting for it to see EOF
        # can take long (a sibling forked later holds a copy of this pipe's parent end).
        self.process.kill()
        self.process.join()
        self.connection.close()


@dataclass
class ReaderPool(Generic[T]):
    """``read(*args)``: ``work(*args)`` in one of the pool's children within ``budget``;
    safe to call from many threads (each takes an idle child, or forks one)."""

    budget: Budget
    work: Callable[..., T]
    size: int | None = None  # reads at once; None: as many as threads ask for
    _idle: list[_Reader] = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _slots: threading.Semaphore | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        if self.size is not None:
            self._slots = threading.BoundedSemaphore(self.size)

    def read(self, *args: Any) -> T:
        if self._slots is None:
            return self._read(args)
        with self._slots:
            return self._read(args)

    def _read(self, args: tuple[Any, ...]) -> T:
        reader = self._take()
        try:
            reader.connection.send(args)
            if not reader.connection.poll(self.budget.seconds):
                raise too_complex(f"took longer than {self.budget.seconds:g} s")
            try:
                kind, value = reader.connection.recv()
            except (EOFError, OSError):  # the child died: killed by the kernel or by malloc
                raise too_complex(f"needed more than {self.budget.memory_mb} MB of memory") from None
        except BaseException:
            reader.process.kill()  # mid-read: never handed to another resume
            reader.process.join()
            reader.connection.close()
            raise
        self._give_back(reader)
        if kind == "error":
            raise value
        if kind == "crash":
            raise RuntimeError(value)
        return value

    def start(self, children: int) -> None:
        """Fork ``children`` idle children now (call before starting threads)."""
        forked = [self._fork() for _ in range(children)]
        with self._lock:
            self._idle.extend(forked)

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for reader in idle:
            reader.stop()

    def _take(self) -> _Reader:
        with self._lock:
            while self._idle:
                reader = self._idle.pop()
                if reader.process.is_alive():
                    return reader
                reader.connection.close()
        return self._fork()

    def _give_back(self, reader: _Reader) -> None:
        reader.reads += 1
        if reader.reads >= READS_PER_CHILD:
            reader.stop()
            return
        with self._lock:
            self._idle.append(reader)

    def _fork(self) -> _Reader:
        context = multiprocessing.get_context("fork")
        with _FORK_LOCK:
            parent_end, child_end = context.Pipe(duplex=True)
            process = context.Process(target=_serve, daemon=True,
                                      args=(child_end, self.budget.memory_mb, self.work))
            process.start()
            child_end.close()
        return _Reader(process, parent_end)


def _serve(connection: Connection, memory_mb: int, work: Callable[..., Any]) -> None:
    """A child's loop: one answer per request until the parent closes its end (or dies).
    The address-space limit is set once, on top of what the fork maps: a hard limit
    cannot be raised again, and need not be."""
    limit_memory(memory_mb)
    parent = os.getppid()
    while True:
        try:
            while not connection.poll(ORPHAN_CHECK_S):
                if os.getppid() != parent:
                    # The work horse was killed: no EOF comes while a sibling holds a copy
                    # of this pipe, and this child's copy of the work horse's database
                    # socket would keep its transaction, and the row locks it holds, open.
                    os._exit(0)
            args = connection.recv()
        except (EOFError, OSError):
            return
        try:
            connection.send(answer(work, args, memory_mb))
        except MemoryError:
            connection.send(("error", too_complex(f"needed more than {memory_mb} MB of memory")))
