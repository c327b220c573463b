"""The Activity page's audit-log query: filters by who, what, when, batch and run."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from db.audit_queries import AuditFilter, audit_actions, audit_events
from db.connection import get_engine
from db.migrate import upgrade
from db.models import AuditEvent

NOW = datetime(2026, 5, 4, 12, 0, tzinfo=timezone.utc)


def seed(url: str) -> None:
    upgrade(url)
    events = [
        ("ann@example.com", "batch_started", 1, None, NOW - timedelta(days=3)),
        ("ann@example.com", "run_approved", 1, 11, NOW - timedelta(days=1)),
        ("bob@example.com", "run_rejected", 1, 12, NOW - timedelta(hours=1)),
        ("bob@example.com", "batch_started", 2, None, NOW),
        ("100%_sure@example.com", "run_retried", 2, 21, NOW),
    ]
    with get_engine(url).begin() as conn:
        conn.execute(sa.insert(AuditEvent), [
            {"actor": a, "action": w, "batch_id": b, "run_id": r, "at": at, "detail": {"n": 1}}
            for a, w, b, r, at in events])


def actors_and_actions(url: str, wanted: AuditFilter) -> list[tuple[str, str]]:
    return [(e.actor, e.action) for e in audit_events(url, wanted)]


def test_each_filter_narrows_the_log_newest_first(database_url):
    seed(database_url)
    everything = audit_events(database_url, AuditFilter())
    assert len(everything) == 5 and everything[-1].action == "batch_started"
    assert all(e.at.tzinfo is not None for e in everything)
    assert [e.at for e in everything] == sorted((e.at for e in everything), reverse=True)

    own = actors_and_actions(database_url, AuditFilter(actor="ann@example.com"))
    assert own == [("ann@example.com", "run_approved"), ("ann@example.com", "batch_started")]
    assert {a for a, _ in actors_and_actions(database_url, AuditFilter(actor_contains="BOB"))} == {
        "bob@example.com"}
    # % and _ are literal in a search, not wildcards
    assert actors_and_actions(database_url, AuditFilter(actor_contains="0%_")) == [
        ("100%_sure@example.com", "run_retried")]
    assert actors_and_actions(database_url, AuditFilter(actions=("batch_started",))) == [
        ("bob@example.com", "batch_started"), ("ann@example.com", "batch_started")]
    window = AuditFilter(since=NOW - timedelta(days=2), until=NOW - timedelta(minutes=1))
    assert actors_and_actions(database_url, window) == [
        ("bob@example.com", "run_rejected"), ("ann@example.com", "run_approved")]
    assert [e.run_id for e in audit_events(database_url, AuditFilter(batch_id=1))] == [12, 11, None]
    assert [e.actor for e in audit_events(database_url, AuditFilter(run_id=21))] == [
        "100%_sure@example.com"]
    assert audit_events(database_url, AuditFilter(actor="bob@example.com", run_id=11)) == []
    assert len(audit_events(database_url, AuditFilter(limit=2))) == 2


def test_the_action_list_is_everyones_or_one_users(database_url):
    seed(database_url)
    assert audit_actions(database_url) == [
        "batch_started", "run_approved", "run_rejected", "run_retried"]
    assert audit_actions(database_url, "bob@example.com") == ["batch_started", "run_rejected"]
