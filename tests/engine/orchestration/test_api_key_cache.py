"""The API's key cache: a checked key costs one Redis read, a revocation reaches every API
process at its next call, and one made while Redis was away within the cache's lifetime."""

from __future__ import annotations

import time

import redis

from db.migrate import upgrade
from db.models import ApiScope
from db.store import api_keys as key_store
from engine.orchestration.api_keys import (KeyCache, api_redis_prefix, create_api_key,
                                           revoke_api_key)
from settings import load_settings


def settings_for(database_url: str, redis_url: str, queue: str):
    upgrade(database_url)
    return load_settings({"DATABASE_URL": database_url, "REDIS_URL": redis_url,
                          "TAILOR_QUEUE": queue})


def test_a_revoked_key_is_refused_by_every_process_at_its_next_call(database_url, redis_url,
                                                                    redis_prefix):
    settings = settings_for(database_url, redis_url, redis_prefix.strip(":"))
    client = redis.Redis.from_url(redis_url)
    key = create_api_key(settings, "bot", ApiScope.READ, 60, actor="test")
    one, other = (KeyCache(settings, client, api_redis_prefix(settings)) for _ in range(2))
    assert one.authenticate(key).name == "bot"
    assert other.authenticate(key).name == "bot"

    assert revoke_api_key(settings, "bot", actor="test")
    assert one.authenticate(key) is None and other.authenticate(key) is None
    client.delete(f"{api_redis_prefix(settings)}keys:generation")


def test_a_revocation_redis_missed_takes_effect_when_the_entry_expires(database_url, redis_url,
                                                                       redis_prefix):
    settings = settings_for(database_url, redis_url, redis_prefix.strip(":"))
    client = redis.Redis.from_url(redis_url)
    key = create_api_key(settings, "bot", ApiScope.READ, 60, actor="test")
    cache = KeyCache(settings, client, api_redis_prefix(settings), ttl_s=0.3)
    assert cache.authenticate(key) is not None
    # Revoked in the database only, as when Redis was unreachable at the time.
    assert key_store.revoke_api_key(settings.database_url, "bot", "test")
    assert cache.authenticate(key) is not None  # still within the entry's lifetime
    time.sleep(0.35)
    assert cache.authenticate(key) is None
    assert cache.authenticate("tlr_000000000000_guess") is None
