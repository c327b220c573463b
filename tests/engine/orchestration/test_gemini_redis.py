"""Redis-backed rate limit, response cache and quota gate, shared by separate workers."""

from __future__ import annotations

import multiprocessing
import queue
import sys
import time
import types

import pytest
import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from engine.errors import TailorError
from engine.tailor.gemini.client import GeminiConfig, make_gemini_optimizer, seconds_until_quota_reset
from engine.orchestration.gemini_redis import (
    RedisQuotaGate,
    RedisRateLimiter,
    RedisResponseCache,
    shared_gemini_optimizer,
)
from tests.support.gemini import config, demo_resume, fake, fast_config, job  # noqa: F401
from tests.support.fake_gemini import SAMPLE_JOB_TEXT

REQUESTS_PER_SECOND = 10


@pytest.fixture
def client(redis_url: str) -> redis.Redis:
    return redis.Redis.from_url(redis_url)


def test_cache_shared_by_two_workers_sends_one_request(fake, config, job, client, redis_prefix):
    first_worker = make_gemini_optimizer(config, cache=RedisResponseCache(client, redis_prefix))
    other_worker = make_gemini_optimizer(config, cache=RedisResponseCache(client, redis_prefix))
    resume = demo_resume(20)
    first = first_worker(resume, job)
    second = other_worker(resume, job)

    assert fake.request_count == 1
    assert second.edits == first.edits and second.cost_usd == 0
    [key] = client.keys(f"{redis_prefix}gemini:cache:*")
    assert 0 < client.ttl(key) <= 30 * 24 * 3600


def test_daily_quota_seen_by_one_worker_stops_the_others(fake, config, job, client, redis_prefix):
    first_worker, other_worker = (
        shared_gemini_optimizer(config, client, redis_prefix, requests_per_minute=6000,
                                tokens_per_minute=10**8)
        for _ in range(2)
    )
    fake.push("daily_quota")
    with pytest.raises(TailorError, match="Gemini daily quota exhausted"):
        first_worker(demo_resume(21), job)
    with pytest.raises(TailorError, match="Gemini daily quota exhausted") as caught:
        other_worker(demo_resume(22), job)

    assert caught.value.transient is False
    assert fake.request_count == 1
    ttl = client.ttl(f"{redis_prefix}gemini:quota_exhausted")
    assert abs(ttl - seconds_until_quota_reset()) <= 5


def test_rate_limiter_spaces_requests_and_tokens(client, redis_prefix):
    by_requests = RedisRateLimiter(client, redis_prefix + "r:", requests_per_minute=1200,
                                   tokens_per_minute=10**9, burst_s=0.05)
    started = time.monotonic()
    for _ in range(6):
        by_requests.acquire(10)
    assert time.monotonic() - started >= 5 / 20 * 0.9  # a burst of 1, then 20 per second

    by_tokens = RedisRateLimiter(client, redis_prefix + "t:", requests_per_minute=10**6,
                                 tokens_per_minute=60_000, burst_s=0.1)  # 1,000 tokens/s
    started = time.monotonic()
    for _ in range(4):
        by_tokens.acquire(100)
    by_tokens.acquire(250)
    assert time.monotonic() - started >= 0.25 * 0.9  # 100 of burst, then 550 at 1,000/s


def _run_worker(redis_url: str, prefix: str, base_url: str, name: str, count: int,
                done: multiprocessing.Queue) -> None:
    """One worker process: its own client and optimizer, the limit shared through Redis."""
    from engine.resume import JobDescription

    limiter = RedisRateLimiter(redis.Redis.from_url(redis_url), prefix,
                               requests_per_minute=REQUESTS_PER_SECOND * 60,
                               tokens_per_minute=10**9, burst_s=0.1)
    optimizer = make_gemini_optimizer(
        GeminiConfig(api_key=name, base_url=base_url, timeout_s=5), limiter=limiter)
    job = JobDescription(text=SAMPLE_JOB_TEXT)
    results = [optimizer(demo_resume(i), job) for i in range(count)]
    done.put((name, sum(len(r.edits) > 0 for r in results)))


def _reports(done: multiprocessing.Queue, workers: list, timeout: float) -> dict[str, int]:
    """Each worker's report; a worker that died fails the test at once, with its exit
    code, instead of after the whole timeout."""
    reports: dict[str, int] = {}
    deadline = time.monotonic() + timeout
    while len(reports) < len(workers):
        try:
            name, count = done.get(timeout=0.2)
            reports[name] = count
        except queue.Empty:
            dead = [w.exitcode for w in workers if w.exitcode not in (None, 0)]
            assert not dead, f"a worker process died (exit codes {dead})"
            assert time.monotonic() < deadline, f"only {sorted(reports)} reported in {timeout:g} s"
    return reports


def test_rate_limit_is_shared_across_two_processes(fake, redis_url, redis_prefix, monkeypatch):
    # A spawned child re-runs __main__ from its file; an AppTest earlier in this process
    # leaves __main__ pointing at its temporary script, which fails outside AppTest.
    monkeypatch.setitem(sys.modules, "__main__", types.ModuleType("__main__"))
    per_worker = 6
    context = multiprocessing.get_context("spawn")
    done = context.Queue()
    workers = [
        context.Process(target=_run_worker,
                        args=(redis_url, redis_prefix, fake.base_url, name, per_worker, done))
        for name in ("worker-a", "worker-b")
    ]
    for worker in workers:
        worker.start()
    finished = _reports(done, workers, timeout=60)
    for worker in workers:
        worker.join(timeout=10)

    assert finished == {"worker-a": per_worker, "worker-b": per_worker}
    arrivals = sorted(r.received_at for r in fake.requests)
    assert {r.headers["x-goog-api-key"] for r in fake.requests} == {"worker-a", "worker-b"}
    # Together the two processes got 10 requests a second after a burst of one: 12
    # requests span at least 1.1 s (each process alone, unshared, would take 0.5 s).
    assert arrivals[-1] - arrivals[0] >= (2 * per_worker - 1) / REQUESTS_PER_SECOND * 0.8
    # And no stretch of the run went faster than the shared rate.
    window = 5
    for first, last in zip(arrivals, arrivals[window:]):
        assert last - first >= (window - 1) / REQUESTS_PER_SECOND * 0.75


def test_unreachable_redis_degrades_safely(fake, config, job):
    # No client-side retries: this test is about what our code does once Redis fails.
    down = redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=0.2,
                       retry=Retry(NoBackoff(), 0))
    cache, quota = RedisResponseCache(down, "x:"), RedisQuotaGate(down, "x:")
    optimizer = make_gemini_optimizer(config, cache=cache, quota=quota)
    # Cache and gate fall back to "miss" and "open": the run itself still succeeds.
    assert optimizer(demo_resume(23), job).edits
    assert fake.request_count == 1

    limiter = RedisRateLimiter(down, "x:", requests_per_minute=60, tokens_per_minute=1000)
    with pytest.raises(TailorError) as caught:
        make_gemini_optimizer(fast_config(fake), limiter=limiter)(demo_resume(23), job)
    assert (caught.value.code, caught.value.transient) == ("rate_limiter_unavailable", True)


def test_refused_connections_end_a_34_run_batch_in_seconds_with_one_message(job, client, redis_prefix):
    from concurrent.futures import ThreadPoolExecutor

    from engine.orchestration.gemini_redis import RedisBreaker
    from tests.support.gemini import refusing_base_url

    # Production-like retries (5 attempts, 1 s backoff) would take minutes without the breaker.
    config = GeminiConfig(api_key="k", base_url=refusing_base_url(), max_attempts=5,
                          backoff_base_s=1.0, timeout_s=5.0)
    workers = [
        make_gemini_optimizer(config, breaker=RedisBreaker(client, redis_prefix, 3, 60))
        for _ in range(2)
    ]

    def run(index: int) -> str:
        try:
            workers[index % 2](demo_resume(index), job)
        except TailorError as error:
            assert not error.transient  # failed for good: no requeue loop
            return f"{error.code}: {error.message.split(':')[0]}"
        return "tailored"

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=16) as pool:
        outcomes = list(pool.map(run, range(34)))
    elapsed = time.monotonic() - started

    assert elapsed < 10, elapsed
    assert set(outcomes) == {"gemini_unreachable: Gemini cannot be reached"}, set(outcomes)


def test_open_breaker_with_offline_fallback_tailors_offline_and_says_so(job, client, redis_prefix):
    from engine.orchestration.gemini_redis import RedisBreaker
    from tests.support.gemini import refusing_base_url

    config = GeminiConfig(api_key="k", base_url=refusing_base_url(), max_attempts=2,
                          backoff_base_s=0.001, offline_fallback=True)
    breaker = RedisBreaker(client, redis_prefix, 1, 60)
    optimizer = make_gemini_optimizer(config, breaker=breaker)
    results = [optimizer(demo_resume(i), job) for i in range(3)]
    assert breaker.open_reason()
    for result in results:
        assert result.model == "offline"
        assert result.notes[0].startswith("Gemini cannot be reached: ")
        assert "offline optimizer instead" in result.notes[0]
