"""Store functions of the integration API: API keys, idempotency keys, webhook endpoints
and the webhook delivery log. Every change is one transaction with its audit event."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from db.connection import get_engine
from db.models import (
    ApiIdempotencyKey,
    ApiKey,
    AuditEvent,
    DeliveryStatus,
    WebhookDelivery,
    WebhookEndpoint,
    utcnow,
)


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


@dataclass(frozen=True)
class EndpointRow:
    id: int
    api_key_id: int
    url: str
    events: list[str]
    secret: str
    created_at: datetime


@dataclass(frozen=True)
class DeliveryRow:
    id: int
    endpoint_id: int
    endpoint_url: str
    key_name: str
    event_id: str
    event_type: str
    status: str
    attempts: int
    last_status_code: int | None
    last_error: str | None
    created_at: datetime
    updated_at: datetime
    delivered_at: datetime | None


def audit(conn: sa.Connection, actor: str, action: str, detail: dict[str, Any]) -> None:
    conn.execute(sa.insert(AuditEvent), {"actor": actor, "action": action, "detail": detail,
                                         "at": utcnow()})


def record_audit(url: str, actor: str, action: str, detail: dict[str, Any]) -> None:
    with get_engine(url).begin() as conn:
        audit(conn, actor, action, detail)


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
        row = conn.execute(sa.select(*_columns(ApiKeyRow, ApiKey))
                           .where(ApiKey.prefix == prefix)).first()
    return ApiKeyRow(*row) if row else None


def api_keys(url: str) -> list[ApiKeyRow]:
    with get_engine(url).connect() as conn:
        rows = conn.execute(sa.select(*_columns(ApiKeyRow, ApiKey)).order_by(ApiKey.id))
        return [ApiKeyRow(*r) for r in rows]


def _columns(row_type: type, model: type) -> list[sa.ColumnElement]:
    return [getattr(model, name) for name in row_type.__dataclass_fields__]


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


# ---------------------------------------------------------------- webhook endpoints


def insert_endpoint(url: str, *, api_key_id: int, endpoint_url: str, events: list[str],
                    secret: str, actor: str) -> EndpointRow:
    now = utcnow()
    with get_engine(url).begin() as conn:
        endpoint_id = conn.execute(sa.insert(WebhookEndpoint).returning(WebhookEndpoint.id), {
            "api_key_id": api_key_id, "url": endpoint_url, "events": events,
            "secret": secret, "created_at": now}).scalar_one()
        audit(conn, actor, "webhook_endpoint_added",
              {"endpoint_id": endpoint_id, "url": endpoint_url, "events": events})
    return EndpointRow(endpoint_id, api_key_id, endpoint_url, events, secret, now)


def endpoints_of(url: str, api_key_id: int) -> list[EndpointRow]:
    with get_engine(url).connect() as conn:
        rows = conn.execute(sa.select(*_columns(EndpointRow, WebhookEndpoint))
                            .where(WebhookEndpoint.api_key_id == api_key_id,
                                   WebhookEndpoint.deleted_at.is_(None))
                            .order_by(WebhookEndpoint.id))
        return [EndpointRow(*r) for r in rows]


def delete_endpoint(url: str, api_key_id: int, endpoint_id: int, actor: str) -> bool:
    """Stop delivering to an endpoint (its delivery log stays); False if not the key's."""
    with get_engine(url).begin() as conn:
        done = conn.execute(sa.update(WebhookEndpoint)
                            .where(WebhookEndpoint.id == endpoint_id,
                                   WebhookEndpoint.api_key_id == api_key_id,
                                   WebhookEndpoint.deleted_at.is_(None))
                            .values(deleted_at=utcnow())).rowcount
        if done:
            audit(conn, actor, "webhook_endpoint_deleted", {"endpoint_id": endpoint_id})
    return bool(done)


def subscribed_endpoint_ids(url: str, event_type: str) -> list[int]:
    """Live endpoints of unrevoked keys. Event lists are short: filtered here, the same
    on every backend."""
    with get_engine(url).connect() as conn:
        rows = conn.execute(
            sa.select(WebhookEndpoint.id, WebhookEndpoint.events)
            .join(ApiKey, ApiKey.id == WebhookEndpoint.api_key_id)
            .where(WebhookEndpoint.deleted_at.is_(None), ApiKey.revoked_at.is_(None))
        )
        return [r.id for r in rows if event_type in r.events]


# ---------------------------------------------------------------- deliveries


def insert_deliveries(url: str, endpoint_ids: list[int], event_id: str, event_type: str,
                      payload: dict[str, Any]) -> list[int]:
    """One pending delivery per endpoint; an event already recorded for an endpoint is
    skipped (two workers finishing a batch's last runs both emit batch.completed).
    Returns the new deliveries' ids."""
    if not endpoint_ids:
        return []
    engine = get_engine(url)
    insert = pg_insert if engine.dialect.name == "postgresql" else sqlite_insert
    now = utcnow()
    rows = [{"endpoint_id": e, "event_id": event_id, "event_type": event_type,
             "payload": payload, "status": DeliveryStatus.PENDING.value, "attempts": 0,
             "created_at": now, "updated_at": now} for e in endpoint_ids]
    statement = (insert(WebhookDelivery).on_conflict_do_nothing()
                 .returning(WebhookDelivery.id))
    with engine.begin() as conn:
        ids = [conn.execute(statement, row).scalar() for row in rows]
    return [i for i in ids if i is not None]


def delivery_to_send(url: str, delivery_id: int) -> tuple[dict[str, Any], str, str] | None:
    """(delivery, endpoint url, endpoint secret) of a pending delivery to a live endpoint."""
    with get_engine(url).connect() as conn:
        row = conn.execute(
            sa.select(WebhookDelivery.id, WebhookDelivery.event_id, WebhookDelivery.event_type,
                      WebhookDelivery.payload, WebhookDelivery.attempts,
                      WebhookEndpoint.url, WebhookEndpoint.secret)
            .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
            .where(WebhookDelivery.id == delivery_id,
                   WebhookDelivery.status == DeliveryStatus.PENDING.value,
                   WebhookEndpoint.deleted_at.is_(None))
        ).first()
    if row is None:
        return None
    delivery = {k: v for k, v in row._mapping.items() if k not in ("url", "secret")}
    return delivery, row.url, row.secret


def record_attempt(url: str, delivery_id: int, status: DeliveryStatus,
                   status_code: int | None, error: str | None) -> None:
    now = utcnow()
    with get_engine(url).begin() as conn:
        conn.execute(sa.update(WebhookDelivery).where(WebhookDelivery.id == delivery_id).values(
            status=status.value, attempts=WebhookDelivery.attempts + 1,
            last_status_code=status_code, last_error=error, updated_at=now,
            delivered_at=now if status == DeliveryStatus.DELIVERED else None))


def deliveries(url: str, limit: int = 200, api_key_id: int | None = None,
               endpoint_id: int | None = None) -> list[DeliveryRow]:
    """The delivery log, newest first."""
    sql = (sa.select(WebhookDelivery.id, WebhookDelivery.endpoint_id, WebhookEndpoint.url,
                     ApiKey.name, WebhookDelivery.event_id, WebhookDelivery.event_type,
                     WebhookDelivery.status, WebhookDelivery.attempts,
                     WebhookDelivery.last_status_code, WebhookDelivery.last_error,
                     WebhookDelivery.created_at, WebhookDelivery.updated_at,
                     WebhookDelivery.delivered_at)
           .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
           .join(ApiKey, ApiKey.id == WebhookEndpoint.api_key_id)
           .order_by(WebhookDelivery.id.desc()).limit(limit))
    if api_key_id is not None:
        sql = sql.where(WebhookEndpoint.api_key_id == api_key_id)
    if endpoint_id is not None:
        sql = sql.where(WebhookDelivery.endpoint_id == endpoint_id)
    with get_engine(url).connect() as conn:
        return [DeliveryRow(*r) for r in conn.execute(sql)]
