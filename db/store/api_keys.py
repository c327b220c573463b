"""Integration API keys (stored as hashes) and the Idempotency-Keys of POST /v1/batches.
Every change is one transaction with its audit event, naming who made it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from db.connection import get_engine
from db.models import ApiIdempotencyKey, ApiKey, AuditEvent, utcnow


@dataclass(frozen=True)
class ApiKeyRow:
    id: int
    name: str
    prefix: str
    key_hash: str
    scope: str
    rate_per_minute: int
    created_at: datetime
    revoked_at: datetime | None


def audit(conn: sa.Connection, actor: str, action: str, detail: dict[str, Any]) -> None:
    conn.execute(sa.insert(AuditEvent), {"actor": actor, "action": action, "detail": detail,
                                         "at": utcnow()})


def record_audit(url: str, actor: str, action: str, detail: dict[str, Any]) -> None:
    with get_engine(url).begin() as conn:
        audit(conn, actor, action, detail)


def columns_of(row_type: type, model: type) -> list[sa.ColumnElement]:
    return [getattr(model, name) for name in row_type.__dataclass_fields__]


# ---------------------------------------------------------------- API keys


def insert_api_key(url: str, *, name: str, prefix: str, key_hash: str, scope: str,
                   rate_per_minute: int, actor: str) -> int:
    """A new key; raises ValueError when the name is taken."""
    try:
        with get_engine(url).begin() as conn:
            key_id = conn.execute(sa.insert(ApiKey).returning(ApiKey.id), {
                "name": name, "prefix": prefix, "key_hash": key_hash, "scope": scope,
                "rate_per_minute": rate_per_minute, "created_at": utcnow()}).scalar_one()
            audit(conn, actor, "api_key_created",
                  {"api_key": name, "scope": scope, "rate_per_minute": rate_per_minute})
    except sa.exc.IntegrityError:
        raise ValueError(f"An API key named {name!r} already exists.") from None
    return key_id


def revoke_api_key(url: str, name: str, actor: str) -> bool:
    """Revoke the key named ``name``; False when there is no such unrevoked key."""
    with get_engine(url).begin() as conn:
        done = conn.execute(sa.update(ApiKey)
                            .where(ApiKey.name == name, ApiKey.revoked_at.is_(None))
                            .values(revoked_at=utcnow())).rowcount
        if done:
            audit(conn, actor, "api_key_revoked", {"api_key": name})
    return bool(done)


def api_key_by_prefix(url: str, prefix: str) -> ApiKeyRow | None:
    with get_engine(url).connect() as conn:
        row = conn.execute(sa.select(*columns_of(ApiKeyRow, ApiKey))
                           .where(ApiKey.prefix == prefix)).first()
    return ApiKeyRow(*row) if row else None


def api_keys(url: str) -> list[ApiKeyRow]:
    with get_engine(url).connect() as conn:
        rows = conn.execute(sa.select(*columns_of(ApiKeyRow, ApiKey)).order_by(ApiKey.id))
        return [ApiKeyRow(*r) for r in rows]


# ---------------------------------------------------------------- idempotency


def claim_idempotency_key(url: str, api_key_id: int, key: str,
                          request_hash: str) -> tuple[int, str, int | None] | None:
    """Take ``key`` for this request. None when taken now (go ahead and start the batch);
    else the earlier claim as (row id, its request hash, its batch id or None while the
    first request is still starting it)."""
    engine = get_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.insert(ApiIdempotencyKey), {
                "api_key_id": api_key_id, "key": key, "request_hash": request_hash,
                "created_at": utcnow()})
        return None
    except sa.exc.IntegrityError:
        with engine.connect() as conn:
            row = conn.execute(
                sa.select(ApiIdempotencyKey.id, ApiIdempotencyKey.request_hash,
                          ApiIdempotencyKey.batch_id)
                .where(ApiIdempotencyKey.api_key_id == api_key_id, ApiIdempotencyKey.key == key)
            ).one()
        return row.id, row.request_hash, row.batch_id


def settle_idempotency_key(url: str, api_key_id: int, key: str, batch_id: int | None) -> None:
    """Record the batch the key started, or free the key (None) when starting failed."""
    where = (ApiIdempotencyKey.api_key_id == api_key_id, ApiIdempotencyKey.key == key)
    with get_engine(url).begin() as conn:
        if batch_id is None:
            conn.execute(sa.delete(ApiIdempotencyKey).where(*where))
        else:
            conn.execute(sa.update(ApiIdempotencyKey).where(*where).values(batch_id=batch_id))
