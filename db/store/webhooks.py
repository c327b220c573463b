"""Webhook endpoints (per API key) and the delivery log: one row per event per endpoint,
with its status, attempts and last error."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from db.connection import get_engine, reading
from db.models import ApiKey, DeliveryStatus, WebhookDelivery, WebhookEndpoint, utcnow
from db.store.api_keys import audit, columns_of


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
        rows = conn.execute(sa.select(*columns_of(EndpointRow, WebhookEndpoint))
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


def subscribed_events(url: str) -> set[str]:
    """The event types some live endpoint of an unrevoked key wants."""
    with reading(get_engine(url)) as conn:
        rows = conn.execute(
            sa.select(WebhookEndpoint.events)
            .join(ApiKey, ApiKey.id == WebhookEndpoint.api_key_id)
            .where(WebhookEndpoint.deleted_at.is_(None), ApiKey.revoked_at.is_(None))
        )
        return {event for events in rows.scalars() for event in events}


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


def idle_pending_deliveries(url: str, idle_before: datetime) -> list[tuple[int, int]]:
    """(delivery id, attempts) of pending deliveries to live endpoints untouched since
    ``idle_before``: the ones recovery checks for a lost RQ job, oldest first."""
    with get_engine(url).connect() as conn:
        rows = conn.execute(
            sa.select(WebhookDelivery.id, WebhookDelivery.attempts)
            .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
            .where(WebhookDelivery.status == DeliveryStatus.PENDING.value,
                   WebhookDelivery.updated_at < idle_before,
                   WebhookEndpoint.deleted_at.is_(None))
            .order_by(WebhookDelivery.id))
        return [(r.id, r.attempts) for r in rows]


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
