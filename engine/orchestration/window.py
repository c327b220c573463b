"""How much one job keeps going at once: its window of optimizer calls and runs.

With Gemini a job keeps ``in_flight_per_worker`` calls in flight and holds half as many
runs again, read or being read, so that a freed call slot finds a read resume waiting:
a run's reading and saving never hold a call slot (the latency floor, issue 15).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from typing import Any

from engine.resume import JobDescription, Resume
from engine.tailor.optimizer import Optimizer
from settings import Settings


@dataclass(frozen=True)
class Window:
    """How much one job keeps going at once."""

    calls: int  # optimizer calls in flight
    runs: int  # runs held: the calls, and runs being read or saved beside them
    reads: int  # resumes read at once (reader children)
    claim_at: int  # free run slots that make the job claim more (fewer round trips)

    @classmethod
    def for_settings(cls, settings: Settings) -> Window:
        if settings.optimizer != "gemini":
            # The offline optimizer is CPU-bound: threads would only contend for the
            # GIL, so one run at a time.
            return cls(calls=1, runs=1, reads=1, claim_at=1)
        # Gemini calls wait on the network: keep many in flight, and half as many runs
        # again read or being read, so a freed call slot finds a read resume waiting
        # (twice as many was slower: more threads contending for the GIL).
        calls = settings.in_flight_per_worker
        runs = calls + calls // 2
        cores = os.cpu_count() or 2
        return cls(calls=calls, runs=runs, reads=min(runs, max(2, cores)),
                   claim_at=max(1, (runs - calls) // 2))


class CallWindow:
    """The optimizer with at most ``size`` calls at once, from any number of threads; the
    rest of the optimizer (``ensure_reachable``, …) as it is."""

    def __init__(self, optimizer: Optimizer, size: int) -> None:
        self.optimizer = optimizer
        self._slots = threading.BoundedSemaphore(size)

    def __call__(self, resume: Resume, job: JobDescription) -> Any:
        with self._slots:
            return self.optimizer(resume, job)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.optimizer, name)
