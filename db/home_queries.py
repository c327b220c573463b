"""Read-only figures for the Home page: runs by status, approval rate, mean score gain,
cost this month and by day, and what waits for review — each one aggregate query."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone

import sqlalchemy as sa

from db.connection import get_engine
from db.models import Decision, Run, RunStatus, Verdict


@dataclass(frozen=True)
class Overview:
    by_status: dict[str, int]
    approved: int
    rejected: int
    mean_gain: float | None
    cost_this_month: float
    waiting_for_review: int

    @property
    def approval_rate(self) -> float | None:
        decided = self.approved + self.rejected
        return self.approved / decided if decided else None


def _latest_verdicts() -> sa.Subquery:
    latest = sa.select(sa.func.max(Decision.id)).group_by(Decision.run_id)
    return (sa.select(Decision.run_id, Decision.decision)
            .where(Decision.id.in_(latest)).subquery())


def overview(url: str, now: datetime | None = None) -> Overview:
    now = now or datetime.now(timezone.utc)
    month_start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    verdicts = _latest_verdicts()
    with get_engine(url).connect() as conn:
        by_status = dict(conn.execute(sa.select(Run.status, sa.func.count()).group_by(Run.status)).all())
        decided = dict(conn.execute(sa.select(verdicts.c.decision, sa.func.count())
                                    .group_by(verdicts.c.decision)).all())
        mean_gain = conn.execute(sa.select(sa.func.avg(Run.score_after - Run.score_before))
                                 .where(Run.status == RunStatus.READY)).scalar()
        cost = conn.execute(sa.select(sa.func.coalesce(sa.func.sum(Run.cost_usd), 0.0))
                            .where(Run.finished_at >= month_start)).scalar()
        waiting = conn.execute(
            sa.select(sa.func.count()).select_from(Run)
            .outerjoin(verdicts, verdicts.c.run_id == Run.id)
            .where(Run.status == RunStatus.READY, verdicts.c.run_id.is_(None))).scalar()
    return Overview(by_status={str(k): v for k, v in by_status.items()},
                    approved=decided.get(Verdict.APPROVED, 0),
                    rejected=decided.get(Verdict.REJECTED, 0),
                    mean_gain=float(mean_gain) if mean_gain is not None else None,
                    cost_this_month=float(cost or 0.0), waiting_for_review=waiting or 0)


def cost_by_day(url: str, days: int = 30, now: datetime | None = None) -> dict[date, float]:
    """Cost of runs finished on each of the last ``days`` days (days without any: 0)."""
    now = now or datetime.now(timezone.utc)
    since = (now - timedelta(days=days - 1)).replace(hour=0, minute=0, second=0, microsecond=0)
    day = sa.func.date(Run.finished_at)
    with get_engine(url).connect() as conn:
        rows = conn.execute(sa.select(day, sa.func.sum(Run.cost_usd))
                            .where(Run.finished_at >= since).group_by(day)).all()
    found = {(d if isinstance(d, date) else date.fromisoformat(str(d))): float(c or 0)
             for d, c in rows}
    return {since.date() + timedelta(days=i): found.get(since.date() + timedelta(days=i), 0.0)
            for i in range(days)}
