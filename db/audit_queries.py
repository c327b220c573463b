"""Read queries of the Activity page: the audit log, filtered (db layer)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import sqlalchemy as sa

from db.connection import get_engine
from db.models import AuditEvent

MAX_EVENTS = 5000  # one page of the log; the filters narrow it down


@dataclass(frozen=True)
class AuditFilter:
    """Which events to show. ``actor`` pins the log to one user (a non-admin's own);
    ``actor_contains`` is the admin's search by who."""

    actor: str | None = None
    actor_contains: str = ""
    actions: tuple[str, ...] = ()
    since: datetime | None = None
    until: datetime | None = None  # exclusive
    batch_id: int | None = None
    run_id: int | None = None
    limit: int = MAX_EVENTS


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str
    action: str
    batch_id: int | None
    run_id: int | None
    candidate_id: str | None
    detail: dict[str, Any] | None


def audit_events(url: str, wanted: AuditFilter) -> list[AuditEntry]:
    """The newest events matching the filter, newest first."""
    sql = sa.select(AuditEvent.id, AuditEvent.at, AuditEvent.actor, AuditEvent.action,
                    AuditEvent.batch_id, AuditEvent.run_id, AuditEvent.candidate_id,
                    AuditEvent.detail)
    for condition in _conditions(wanted):
        sql = sql.where(condition)
    sql = sql.order_by(AuditEvent.at.desc(), AuditEvent.id.desc()).limit(wanted.limit)
    with get_engine(url).connect() as conn:
        rows = conn.execute(sql).all()
    return [AuditEntry(*row[:1], _aware(row[1]), *row[2:]) for row in rows]


def audit_actions(url: str, actor: str | None = None) -> list[str]:
    """The kinds of event in the log (of one actor, if given), for the filter."""
    sql = sa.select(AuditEvent.action).distinct().order_by(AuditEvent.action)
    if actor is not None:
        sql = sql.where(AuditEvent.actor == actor)
    with get_engine(url).connect() as conn:
        return list(conn.execute(sql).scalars())


def _conditions(wanted: AuditFilter) -> list[sa.ColumnElement[bool]]:
    column = AuditEvent
    found = []
    if wanted.actor is not None:
        found.append(column.actor == wanted.actor)
    if wanted.actor_contains.strip():
        # A literal search: % and _ typed by the user match themselves.
        found.append(column.actor.icontains(wanted.actor_contains.strip(), autoescape=True))
    if wanted.actions:
        found.append(column.action.in_(wanted.actions))
    if wanted.since is not None:
        found.append(column.at >= wanted.since)
    if wanted.until is not None:
        found.append(column.at < wanted.until)
    if wanted.batch_id is not None:
        found.append(column.batch_id == wanted.batch_id)
    if wanted.run_id is not None:
        found.append(column.run_id == wanted.run_id)
    return found


def _aware(value: datetime) -> datetime:
    # SQLite hands back naive datetimes (UTC) even for timezone=True columns.
    return value if value.tzinfo else value.replace(tzinfo=timezone.utc)
