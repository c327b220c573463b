"""The API's gate: a checked key costs no database lookup, a revocation reaches every API
process at its next call (or, made while Redis was away, within the keys' lifetime), and
calls over a key's limit wait for the next minute."""

from __future__ import annotations

import asyncio
import time

import redis
import redis.asyncio

from db.migrate import upgrade
from db.models import ApiScope
from db.store import api_keys as key_store
from engine.orchestration.api_gate import Gate
from engine.orchestration.api_keys import (api_redis_prefix, create_api_key, generation_key,
                                           revoke_api_key)
from settings import load_settings


def settings_for(database_url: str, redis_url: str, queue: str):
    upgrade(database_url)
    return load_settings({"DATABASE_URL": database_url, "REDIS_URL": redis_url,
                          "TAILOR_QUEUE": queue})


def admitted(settings, redis_url: str, calls, ttl_s: float = 30.0) -> list:
    """What two API processes' gates answer to ``calls(gates)``, in one event loop."""
    async def run():
        client = redis.asyncio.Redis.from_url(redis_url)
        gates = [Gate(settings, client, api_redis_prefix(settings), ttl_s) for _ in range(2)]
        try:
            return await calls(gates)
        finally:
            await client.aclose()
    return asyncio.run(run())


def test_a_revoked_key_is_refused_by_every_process_at_its_next_call(database_url, redis_url,
                                                                    redis_prefix):
    settings = settings_for(database_url, redis_url, redis_prefix.strip(":"))
    key = create_api_key(settings, "bot", ApiScope.READ, 60, actor="test")

    async def calls(gates):
        before = [(await gate.admit(key)).key for gate in gates]
        assert revoke_api_key(settings, "bot", actor="test")
        return before, [(await gate.admit(key)).key for gate in gates]

    before, after = admitted(settings, redis_url, calls)
    assert [row.name for row in before] == ["bot", "bot"] and after == [None, None]
    redis.Redis.from_url(redis_url).delete(generation_key(api_redis_prefix(settings)))


def test_a_revocation_redis_missed_takes_effect_when_the_key_expires(database_url, redis_url,
                                                                     redis_prefix):
    settings = settings_for(database_url, redis_url, redis_prefix.strip(":"))
    key = create_api_key(settings, "bot", ApiScope.READ, 60, actor="test")

    async def calls(gates):
        gate = gates[0]
        first = (await gate.admit(key)).key
        # Revoked in the database only, as when Redis was unreachable at the time.
        assert key_store.revoke_api_key(settings.database_url, "bot", "test")
        kept = (await gate.admit(key)).key
        await asyncio.sleep(0.35)
        return first, kept, (await gate.admit(key)).key, (await gate.admit("tlr_0_guess")).key

    first, kept, expired, guess = admitted(settings, redis_url, calls, ttl_s=0.3)
    assert first is not None and kept is not None  # within the kept key's lifetime
    assert expired is None and guess is None


def test_calls_over_the_limit_wait_for_the_next_minute(database_url, redis_url, redis_prefix):
    settings = settings_for(database_url, redis_url, redis_prefix.strip(":"))
    key = create_api_key(settings, "bot", ApiScope.READ, 2, actor="test")
    minute_start = (int(time.time() // 60) + 1) * 60.0  # a window no other test touched

    async def calls(gates):
        # Two processes share the count: the third call, in either, is over the limit.
        return [await gate.admit(key, now=minute_start + 45) for gate in (*gates, gates[0])]

    answers = admitted(settings, redis_url, calls)
    assert [a.retry_after_s for a in answers] == [None, None, 15]
    assert all(a.key.name == "bot" for a in answers)
