"""Retention: delete old batches, runs and their artifacts; approved write-backs stay."""

from __future__ import annotations

from datetime import timedelta

from db.store import purge_batches
from engine.errors import Refusal
from settings import Settings


def purge_older_than(settings: Settings, days: int | None = None) -> tuple[int, int]:
    """Delete batches (with their runs, attempts and decisions) created more than ``days``
    ago (default ``settings.retention_days``). Returns (batches, runs) deleted."""
    days = settings.retention_days if days is None else days
    if days < 0:
        raise Refusal("retention_days_negative", "days must be zero or more")
    return purge_batches(settings.database_url, timedelta(days=days))
