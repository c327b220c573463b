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
    """Each decided run's latest verdict: the newest decision id per run, joined back by
    primary key (one pass over decisions, hashed; a lookup per run was twice as slow)."""
    latest = (sa.select(Decision.run_id, sa.func.max(Decision.id).label("id"))
              .group_by(Decision.run_id).subquery())
    return (sa.select(latest.c.run_id, Decision.decision)
            .join(Decision, Decision.id == latest.c.id).subquery())


def overview(url: str, now: datetime | None = None) -> Overview:
    """The Home page's figures in one query: runs counted by status and latest verdict,
    with their score gains and this month's cost, summed up here."""
    now = now or datetime.now(timezone.utc)
    month_start = now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    verdicts = _latest_verdicts()
    gain = sa.case((Run.status == RunStatus.READY, Run.score_after - Run.score_before))
    cost = sa.case((Run.finished_at >= month_start, Run.cost_usd), else_=0.0)
    sql = (sa.select(Run.status, verdicts.c.decision, sa.func.count(), sa.func.sum(gain),
                     sa.func.count(gain), sa.func.sum(cost))
           .outerjoin(verdicts, verdicts.c.run_id == Run.id)
           .group_by(Run.status, verdicts.c.decision))
    by_status: dict[str, int] = {}
    decided: dict[str | None, int] = {}
    gains, gained, month_cost, waiting = 0.0, 0, 0.0, 0
    with get_engine(url).connect() as conn:
        rows = conn.execute(sql).all()
    for status, verdict, runs, gain_sum, gain_count, cost_sum in rows:
        by_status[str(status)] = by_status.get(str(status), 0) + runs
        decided[verdict] = decided.get(verdict, 0) + runs
        gains, gained = gains + float(gain_sum or 0), gained + gain_count
        month_cost += float(cost_sum or 0)
        waiting += runs if status == RunStatus.READY and verdict is None else 0
    return Overview(by_status=by_status, approved=decided.get(Verdict.APPROVED, 0),
                    rejected=decided.get(Verdict.REJECTED, 0),
                    mean_gain=gains / gained if gained else None,
                    cost_this_month=month_cost, waiting_for_review=waiting)


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
