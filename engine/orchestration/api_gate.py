"""The gate of every API call: which key it carries, and whether that key is under its
rate limit, in one Redis round trip.

A key is checked in the database once per API process and then kept: revoking it bumps a
generation counter in Redis that empties every process's keys at its next call, and a
kept key is checked again after ``KEY_CACHE_TTL_S`` anyway (a revocation made while Redis
was unreachable). Calls are counted per key in fixed one-minute windows in Redis, shared
by every API process. Asynchronous, so a call is admitted on the event loop without a
thread of its own; only a database lookup goes to a thread.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass

import redis.asyncio

from db.store.api_keys import ApiKeyRow
from engine.orchestration.api_keys import (KEY_CACHE_TTL_S, KEY_PREFIX, authenticate,
                                           generation_key, key_hash)
from settings import Settings

__all__ = ["Admission", "Gate"]

COUNTER_TTL_S = 120  # a window's counter outlives its minute, then goes


@dataclass(frozen=True)
class Admission:
    key: ApiKeyRow | None  # None: no such key, or revoked
    retry_after_s: int | None = None  # set: the key is over its limit for this long


class Gate:
    def __init__(self, settings: Settings, client: redis.asyncio.Redis, prefix: str,
                 ttl_s: float = KEY_CACHE_TTL_S) -> None:
        self.settings = settings
        self.client = client
        self.prefix = prefix
        self.ttl_s = ttl_s
        self.generation: bytes | None = None
        self.keys: dict[str, tuple[ApiKeyRow, float]] = {}  # by the key's hash

    async def admit(self, presented: str, now: float | None = None) -> Admission:
        """Raises redis.RedisError when Redis is unreachable."""
        parts = presented.split("_", 2)
        if len(parts) != 3 or parts[0] != KEY_PREFIX:
            return Admission(None)
        now = time.time() if now is None else now
        window = int(now // 60)
        counter = f"{self.prefix}rate:{parts[1]}:{window}"
        async with self.client.pipeline(transaction=False) as pipe:
            pipe.get(generation_key(self.prefix))
            pipe.incr(counter)
            pipe.expire(counter, COUNTER_TTL_S)
            generation, count, _ = await pipe.execute()
        key = await self._key(presented, generation)
        if key is None or count <= key.rate_per_minute:
            return Admission(key)
        return Admission(key, max(1, int((window + 1) * 60 - now + 0.999)))

    async def _key(self, presented: str, generation: bytes | None) -> ApiKeyRow | None:
        if generation != self.generation:
            self.keys.clear()
            self.generation = generation
        digest, checked = key_hash(presented), time.monotonic()
        row, checked_at = self.keys.get(digest, (None, 0.0))
        if row is not None and checked - checked_at < self.ttl_s:
            return row
        row = await asyncio.to_thread(authenticate, self.settings, presented)
        if row is not None:
            self.keys[digest] = (row, checked)
        return row
