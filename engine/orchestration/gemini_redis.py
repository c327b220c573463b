"""Redis-backed state the Gemini optimizer shares across every worker process.

- ``RedisRateLimiter``: token buckets for requests and tokens per minute, refilled and
  spent atomically in one Lua script on the Redis clock, so any number of workers on
  any number of machines together stay under the project's Gemini limits.
- ``RedisResponseCache``: answers keyed by ``engine.tailor.gemini.client.cache_key`` (hash of
  resume, job description, model and prompt version), kept for ``ttl_s``.
- ``RedisQuotaGate``: set by the first daily-quota 429, it makes every other run fail
  fast until Gemini's quota resets.
- ``RedisBreaker``: counts connection failures in a row across all workers; at the limit
  it opens for a while, and every run fails at once with "Gemini cannot be reached: …"
  (one clear message, not minutes of retries per run).

Orchestration layer: this module may import redis; the optimizer only sees the small
interfaces it implements. Redis trouble never corrupts a run: the cache degrades to a
miss, the gate to open, and the limiter raises a transient ``TailorError``.
"""

from __future__ import annotations

import logging
import math
import random
import time

import redis

from engine.errors import TailorError
from engine.tailor.gemini.client import GeminiConfig, make_gemini_optimizer
from engine.tailor.optimizer import Optimizer

log = logging.getLogger(__name__)

# KEYS[1]: the bucket hash. ARGV: request rate/s, request capacity, token rate/s, token
# capacity, tokens wanted, key TTL (s). Returns the seconds to wait, "0" when granted.
_TOKEN_BUCKET = """
local now_parts = redis.call('TIME')
local now = tonumber(now_parts[1]) + tonumber(now_parts[2]) / 1000000
local req_rate, req_cap = tonumber(ARGV[1]), tonumber(ARGV[2])
local tok_rate, tok_cap = tonumber(ARGV[3]), tonumber(ARGV[4])
local need = tonumber(ARGV[5])
local state = redis.call('HMGET', KEYS[1], 'req', 'tok', 'ts')
local req = tonumber(state[1]) or req_cap
local tok = tonumber(state[2]) or tok_cap
local elapsed = math.max(0, now - (tonumber(state[3]) or now))
req = math.min(req_cap, req + elapsed * req_rate)
tok = math.min(tok_cap, tok + elapsed * tok_rate)
local wait = math.max(0, (1 - req) / req_rate, (need - tok) / tok_rate)
if wait <= 0 then
  req = req - 1
  tok = tok - need
end
redis.call('HSET', KEYS[1], 'req', tostring(req), 'tok', tostring(tok), 'ts', tostring(now))
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[6]))
return tostring(wait)
"""


class RedisRateLimiter:
    """Requests and tokens per minute across all workers sharing ``prefix``.

    ``burst_s`` is how many seconds' worth of allowance may be spent at once: the
    default, 60, lets a fresh minute's quota go out immediately, as Gemini's per-minute
    limits allow; a smaller value spreads requests evenly.
    """

    def __init__(self, client: redis.Redis, prefix: str, requests_per_minute: float,
                 tokens_per_minute: float, burst_s: float = 60.0) -> None:
        if requests_per_minute <= 0 or tokens_per_minute <= 0:
            raise ValueError("requests_per_minute and tokens_per_minute must be positive")
        self.key = f"{prefix}gemini:rate"
        self.request_rate = requests_per_minute / 60.0
        self.token_rate = tokens_per_minute / 60.0
        self.request_capacity = max(1.0, self.request_rate * burst_s)
        self.token_capacity = max(1.0, self.token_rate * burst_s)
        self._script = client.register_script(_TOKEN_BUCKET)

    def acquire(self, tokens: int) -> None:
        need = min(float(tokens), self.token_capacity)  # a huge request must not wait forever
        ttl = math.ceil(max(self.request_capacity / self.request_rate,
                            self.token_capacity / self.token_rate)) + 60
        while True:
            try:
                wait = float(_text(self._script(
                    keys=[self.key],
                    args=[self.request_rate, self.request_capacity, self.token_rate,
                          self.token_capacity, need, ttl],
                )))
            except redis.RedisError as error:
                raise TailorError("rate_limiter_unavailable", "The shared Gemini rate limit "
                                  f"in Redis is unreachable: {error}", transient=True) from error
            if wait <= 0:
                return
            # A little jitter so waiting workers do not all ask again at the same instant.
            time.sleep(wait + random.uniform(0, min(wait, 0.05)))


class RedisResponseCache:
    def __init__(self, client: redis.Redis, prefix: str, ttl_s: int = 30 * 24 * 3600) -> None:
        self.client = client
        self.prefix = f"{prefix}gemini:cache:"
        self.ttl_s = ttl_s

    def get(self, key: str) -> str | None:
        try:
            value = self.client.get(self.prefix + key)
        except redis.RedisError as error:
            log.warning("Gemini response cache unreachable, treating as a miss: %s", error)
            return None
        return None if value is None else _text(value)

    def set(self, key: str, value: str) -> None:
        try:
            self.client.set(self.prefix + key, value, ex=self.ttl_s)
        except redis.RedisError as error:
            log.warning("Gemini response cache unreachable, answer not cached: %s", error)


class RedisQuotaGate:
    def __init__(self, client: redis.Redis, prefix: str) -> None:
        self.client = client
        self.key = f"{prefix}gemini:quota_exhausted"

    def exhausted(self) -> bool:
        try:
            return bool(self.client.exists(self.key))
        except redis.RedisError:
            return False  # Gemini itself will say so again if the quota is gone

    def mark_exhausted(self, seconds: float) -> None:
        try:
            self.client.set(self.key, "1", ex=max(1, math.ceil(seconds)))
        except redis.RedisError as error:
            log.warning("Could not share the exhausted Gemini quota through Redis: %s", error)


class RedisBreaker:
    """The connection breaker, shared by every worker under ``prefix``."""

    def __init__(self, client: redis.Redis, prefix: str, failures: int = 3,
                 open_s: float = 60.0) -> None:
        self.client = client
        self.failures_key = f"{prefix}gemini:breaker:failures"
        self.open_key = f"{prefix}gemini:breaker:open"
        self.failures = failures
        self.open_s = max(1, math.ceil(open_s))

    def open_reason(self) -> str | None:
        try:
            value = self.client.get(self.open_key)
        except redis.RedisError:
            return None  # Gemini itself will tell again if it is unreachable
        return None if value is None else _text(value)

    def record_failure(self, reason: str) -> None:
        try:
            with self.client.pipeline() as pipe:
                count, _ = pipe.incr(self.failures_key).expire(self.failures_key, self.open_s).execute()
            if int(count) >= self.failures:
                self.client.set(self.open_key, reason, ex=self.open_s)
        except redis.RedisError as error:
            log.warning("Could not share a Gemini connection failure through Redis: %s", error)

    def record_success(self) -> None:
        try:
            self.client.delete(self.failures_key)
        except redis.RedisError as error:
            log.warning("Could not reset the shared Gemini breaker in Redis: %s", error)


def _text(value: bytes | str) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def shared_gemini_optimizer(config: GeminiConfig, client: redis.Redis, prefix: str, *,
                            requests_per_minute: float, tokens_per_minute: float,
                            cache_ttl_s: int = 30 * 24 * 3600) -> Optimizer:
    """The Gemini optimizer a worker uses: rate limit, cache, quota gate and connection
    breaker shared with every other worker through Redis under ``prefix``. Build one per worker process and
    call it from as many threads as the worker keeps in flight."""
    return make_gemini_optimizer(
        config,
        limiter=RedisRateLimiter(client, prefix, requests_per_minute, tokens_per_minute),
        cache=RedisResponseCache(client, prefix, cache_ttl_s),
        quota=RedisQuotaGate(client, prefix),
        breaker=RedisBreaker(client, prefix, config.breaker_failures, config.breaker_open_s),
    )
