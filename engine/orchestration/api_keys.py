"""Integration API keys: created and revoked from the command line, shown once, stored
only as a SHA-256 (a key is 190 random bits, so a slow hash would add nothing), each with
a scope and a per-minute rate limit counted in Redis across every API process.

    python -m engine.orchestration.api_keys create NAME --scope run --per-minute 120
    python -m engine.orchestration.api_keys revoke NAME
    python -m engine.orchestration.api_keys list
"""

from __future__ import annotations

import argparse
import getpass
import hashlib
import hmac
import logging
import secrets
import sys

import redis

from db.store import api_keys as key_store
from db.store.api_keys import ApiKeyRow
from db.models import ApiScope
from engine.orchestration.queue import redis_connection
from settings import ConfigError, Settings, load_settings

KEY_PREFIX = "tlr"
KEY_CACHE_TTL_S = 30.0
logger = logging.getLogger(__name__)
SCOPE_ORDER = list(ApiScope)


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_api_key(settings: Settings, name: str, scope: ApiScope, rate_per_minute: int,
                   actor: str) -> str:
    """A new key (``tlr_<lookup id>_<secret>``); only its hash is stored. Raises ValueError
    for a taken or empty name or a rate below 1."""
    if not name.strip():
        raise ValueError("An API key needs a name.")
    if rate_per_minute < 1:
        raise ValueError("The rate limit must be at least 1 request per minute.")
    lookup = secrets.token_hex(6)
    key = f"{KEY_PREFIX}_{lookup}_{secrets.token_urlsafe(24)}"
    key_store.insert_api_key(settings.database_url, name=name.strip(), prefix=lookup,
                             key_hash=key_hash(key), scope=ApiScope(scope).value,
                             rate_per_minute=rate_per_minute, actor=actor)
    return key


def revoke_api_key(settings: Settings, name: str, actor: str) -> bool:
    """Revoke the active key ``name`` (False: there is none). API processes forget it at
    their next call, or within ``KEY_CACHE_TTL_S`` should Redis be unreachable now."""
    if not key_store.revoke_api_key(settings.database_url, name, actor):
        return False
    try:
        redis_connection(settings).incr(generation_key(api_redis_prefix(settings)))
    except redis.RedisError as error:
        logger.warning("API key %r revoked; API processes notice within %s s (Redis: %s)",
                       name, KEY_CACHE_TTL_S, error)
    return True


def authenticate(settings: Settings, presented: str) -> ApiKeyRow | None:
    """The unrevoked key ``presented`` is, or None."""
    parts = presented.split("_", 2)
    if len(parts) != 3 or parts[0] != KEY_PREFIX:
        return None
    row = key_store.api_key_by_prefix(settings.database_url, parts[1])
    if row is None or row.revoked_at is not None:
        return None
    return row if hmac.compare_digest(row.key_hash, key_hash(presented)) else None


def api_redis_prefix(settings: Settings) -> str:
    """Where the API's rate-limit counters and key generation live in Redis: per queue,
    like the Gemini limiter, so two Tailors on one Redis stay apart."""
    return f"tailor:{settings.queue_name}:api:"


def generation_key(prefix: str) -> str:
    """The counter a revocation bumps: API processes forget the keys they keep."""
    return f"{prefix}keys:generation"


def allows(scope: str, needed: ApiScope) -> bool:
    """Scopes are ordered read < run < review: each includes the ones before it."""
    return SCOPE_ORDER.index(ApiScope(scope)) >= SCOPE_ORDER.index(needed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m engine.orchestration.api_keys",
                                     description="Manage integration API keys.")
    commands = parser.add_subparsers(dest="command", required=True)
    create = commands.add_parser("create", help="create a key and print it (shown once)")
    create.add_argument("name")
    create.add_argument("--scope", choices=[s.value for s in ApiScope], default="read")
    create.add_argument("--per-minute", type=int, default=600, help="rate limit")
    revoke = commands.add_parser("revoke", help="revoke a key by name")
    revoke.add_argument("name")
    commands.add_parser("list", help="list keys (never the keys themselves)")
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 2
    actor = f"cli:{getpass.getuser()}"
    if args.command == "create":
        try:
            key = create_api_key(settings, args.name, ApiScope(args.scope), args.per_minute, actor)
        except ValueError as error:
            print(error, file=sys.stderr)
            return 1
        print(f"API key {args.name!r} ({args.scope}, {args.per_minute}/min). "
              "Store it now: it is not shown again.", file=sys.stderr)
        print(key)
        return 0
    if args.command == "revoke":
        if not revoke_api_key(settings, args.name, actor):
            print(f"No active API key named {args.name!r}.", file=sys.stderr)
            return 1
        print(f"API key {args.name!r} revoked.")
        return 0
    for row in key_store.api_keys(settings.database_url):
        state = f"revoked {row.revoked_at:%Y-%m-%d}" if row.revoked_at else "active"
        print(f"{row.name}\t{row.scope}\t{row.rate_per_minute}/min\t{state}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
