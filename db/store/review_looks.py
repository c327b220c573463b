"""Which reviewer opened which run on the Review page: stored, so it outlives a reload
and another session, and a bulk approval can rely on it."""

from __future__ import annotations

import sqlalchemy as sa

from db.connection import get_engine
from db.models import ReviewLook, utcnow


def mark_looked(url: str, run_id: int, reviewer: str) -> None:
    """Record that ``reviewer`` opened ``run_id`` (once: later looks change nothing)."""
    with get_engine(url).begin() as conn:
        seen = conn.execute(sa.select(ReviewLook.id).where(ReviewLook.run_id == run_id,
                                                           ReviewLook.reviewer == reviewer)).first()
        if seen is None:
            try:
                with conn.begin_nested():
                    conn.execute(sa.insert(ReviewLook), {"run_id": run_id, "reviewer": reviewer,
                                                         "looked_at": utcnow()})
            except sa.exc.IntegrityError:
                pass  # another session of the same reviewer recorded it first


def looked_runs(url: str, run_ids: list[int], reviewer: str) -> set[int]:
    """The runs among ``run_ids`` that ``reviewer`` has opened."""
    if not run_ids:
        return set()
    with get_engine(url).connect() as conn:
        return set(conn.execute(sa.select(ReviewLook.run_id).where(
            ReviewLook.reviewer == reviewer, ReviewLook.run_id.in_(run_ids))).scalars())
