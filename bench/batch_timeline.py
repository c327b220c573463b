"""Where a Fast-mode batch's wall time goes, for ``bench.batch --gemini-fake``.

The wall time splits into: submitting (``start_batch``), the start (submitted -> the
first call reaches the fake), the calls (first call -> last answer) and the end (last
answer -> the batch seen finished). Over the calls the fake's own clock gives how many
calls were in flight at each moment; the slot-seconds left empty are split into the
ramp (before the window first fills), the middle and the drain (after it is last full):

    timeline: submit_s=… start_s=… calls_s=… end_s=… mean_in_flight=…/32 ramp_s=… mid_s=…
      drain_s=… jobs=… job_end_spread_s=… read_ms_p50=… over_latency_ms_p50=…

``ramp_s``, ``mid_s`` and ``drain_s`` are the empty slot-seconds of each phase divided by
the slots: what each phase adds to the wall over a perfectly full window.
"""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa

from db.connection import get_engine
from db.models import Run

FULL = 0.9  # a window at least this full counts as full (calls start one at a time)


@dataclass(frozen=True)
class Clock:
    """Epoch seconds of the bench's own marks."""

    started: float  # the clock started (both workers registered)
    submitted: float  # start_batch returned
    finished: float  # the batch seen finished


def in_flight_steps(calls: Iterable[float], latency_s: float) -> list[tuple[float, int]]:
    """(time, calls in flight from then on), from each call's arrival at the fake."""
    edges = sorted([(t, 1) for t in calls] + [(t + latency_s, -1) for t in calls])
    steps, level = [], 0
    for at, change in edges:
        level += change
        steps.append((at, level))
    return steps


def empty_slot_seconds(steps: list[tuple[float, int]], slots: int) -> tuple[float, float, float]:
    """Empty slot-seconds (slots - in flight, summed over time) before the window is
    first full, between, and after it is last full."""
    full = [i for i, (_, level) in enumerate(steps) if level >= slots * FULL]
    first, last = (full[0], full[-1]) if full else (len(steps) - 1, len(steps) - 1)
    phases = [0.0, 0.0, 0.0]
    for i, ((at, level), (following, _)) in enumerate(zip(steps, steps[1:])):
        phase = 0 if i < first else 2 if i >= last else 1
        phases[phase] += max(0, slots - level) * (following - at)
    return phases[0], phases[1], phases[2]


def run_rows(url: str, batch_id: int) -> list[sa.Row]:
    with get_engine(url).connect() as conn:
        return list(conn.execute(
            sa.select(Run.rq_job_id, Run.started_at, Run.finished_at, Run.step_seconds)
            .where(Run.batch_id == batch_id)))


def job_ends(rows: list[sa.Row]) -> list[float]:
    """Each RQ job's last finished run, epoch seconds: how evenly the workers ended."""
    ends: dict[str, float] = defaultdict(float)
    for row in rows:
        if row.finished_at is not None:
            ends[row.rq_job_id] = max(ends[row.rq_job_id], _epoch(row.finished_at))
    return sorted(ends.values())


def _epoch(moment) -> float:
    from datetime import timezone

    return (moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)).timestamp()


def timeline_line(url: str, batch_id: int, clock: Clock, calls: list[float],
                  latency_s: float, slots: int) -> str:
    """One line of where the wall time went (see the module doc)."""
    steps = in_flight_steps(calls, latency_s)
    first_call, last_answer = min(calls), max(calls) + latency_s
    span = last_answer - first_call
    ramp, mid, drain = (s / slots for s in empty_slot_seconds(steps, slots))
    rows = run_rows(url, batch_id)
    seconds = [r.step_seconds for r in rows if r.step_seconds]
    reads = [s.get("parse", 0.0) for s in seconds]
    over = [s.get("optimize", 0.0) - latency_s for s in seconds]
    ends = job_ends(rows)
    return (f"timeline: submit_s={clock.submitted - clock.started:.1f} "
            f"start_s={first_call - clock.submitted:.1f} calls_s={span:.1f} "
            f"end_s={clock.finished - last_answer:.1f} "
            f"mean_in_flight={len(calls) * latency_s / span:.1f}/{slots} "
            f"ramp_s={ramp:.1f} mid_s={mid:.1f} drain_s={drain:.1f} "
            f"jobs={len(ends)} job_end_spread_s={ends[-1] - ends[-2] if len(ends) > 1 else 0:.1f} "
            f"read_ms_p50={_ms(reads)} over_latency_ms_p50={_ms(over)}")


def _ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f}" if values else "-"
