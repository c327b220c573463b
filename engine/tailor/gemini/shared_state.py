"""State the Gemini optimizer shares with every other worker, as small interfaces: the
rate limit, the response cache, the daily-quota gate and the connection breaker.

In-memory versions are here (one process); Redis ones in
``engine.orchestration.gemini_redis``. The breaker opens after a few connection failures
in a row, so a batch whose workers cannot reach Gemini fails at once with one clear
message instead of retrying every run for minutes.
"""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

QUOTA_EXHAUSTED_MESSAGE = "Gemini daily quota exhausted"
# Gemini's daily quotas reset at midnight Pacific time.
QUOTA_RESET_ZONE = ZoneInfo("America/Los_Angeles")


class RateLimiter(Protocol):
    def acquire(self, tokens: int) -> None:
        """Block until one request of ``tokens`` tokens is allowed."""


class ResponseCache(Protocol):
    def get(self, key: str) -> str | None: ...

    def set(self, key: str, value: str) -> None: ...


class QuotaGate(Protocol):
    def exhausted(self) -> bool:
        """True while a daily quota 429 said further requests are pointless."""

    def mark_exhausted(self, seconds: float) -> None: ...


class Breaker(Protocol):
    def open_reason(self) -> str | None:
        """Why Gemini is not being called (the last connection error), or None."""

    def record_failure(self, reason: str) -> None:
        """One more connection failure in a row."""

    def record_success(self) -> None: ...


class MemoryRateLimiter:
    """Token buckets for requests and tokens per minute, in this process only.

    ``burst_s`` is how many seconds' worth of allowance may be spent at once.
    """

    def __init__(self, requests_per_minute: float, tokens_per_minute: float,
                 burst_s: float = 60.0) -> None:
        self._rates = (requests_per_minute / 60.0, tokens_per_minute / 60.0)
        self._capacity = tuple(max(1.0, rate * burst_s) for rate in self._rates)
        self._level = list(self._capacity)
        self._updated = time.monotonic()
        self._lock = threading.Lock()

    def acquire(self, tokens: int) -> None:
        need = (1.0, min(float(tokens), self._capacity[1]))
        while True:
            with self._lock:
                now = time.monotonic()
                elapsed, self._updated = now - self._updated, now
                for i, rate in enumerate(self._rates):
                    self._level[i] = min(self._capacity[i], self._level[i] + elapsed * rate)
                wait = max((need[i] - self._level[i]) / self._rates[i] for i in range(2))
                if wait <= 0:
                    self._level = [self._level[i] - need[i] for i in range(2)]
                    return
            time.sleep(wait)


class MemoryResponseCache:
    def __init__(self) -> None:
        self._values: dict[str, str] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> str | None:
        with self._lock:
            return self._values.get(key)

    def set(self, key: str, value: str) -> None:
        with self._lock:
            self._values[key] = value


class MemoryQuotaGate:
    def __init__(self) -> None:
        self._until = 0.0

    def exhausted(self) -> bool:
        return time.time() < self._until

    def mark_exhausted(self, seconds: float) -> None:
        self._until = max(self._until, time.time() + seconds)


def seconds_until_quota_reset(now: datetime | None = None) -> float:
    """Seconds until the next midnight Pacific time, when daily quotas reset."""
    now = now or datetime.now(QUOTA_RESET_ZONE)
    local = now.astimezone(QUOTA_RESET_ZONE)
    midnight = (local + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    return max(1.0, (midnight - local).total_seconds())




class MemoryBreaker:
    """Opens after ``failures`` connection failures in a row, for ``open_s`` seconds."""

    def __init__(self, failures: int = 3, open_s: float = 60.0) -> None:
        self.failures, self.open_s = failures, open_s
        self._count = 0
        self._until = 0.0
        self._reason = ""
        self._lock = threading.Lock()

    def open_reason(self) -> str | None:
        with self._lock:
            return self._reason if time.monotonic() < self._until else None

    def record_failure(self, reason: str) -> None:
        with self._lock:
            self._count += 1
            if self._count >= self.failures:
                self._until, self._reason = time.monotonic() + self.open_s, reason

    def record_success(self) -> None:
        with self._lock:
            self._count, self._until = 0, 0.0
