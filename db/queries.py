"""Read-only queries the Batches, Review and Export pages need: lists with counts, small
enough for a page to run on every refresh (db layer: SQLAlchemy only)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from db.connection import get_engine
from db.store.shared import ByKey, RunLine, aware
from db.models import (
    ACTIVE_STATUSES,
    Batch,
    Decision,
    OptimizedResume,
    Run,
    RunStatus,
    SavedJobDescription,
    Verdict,
)


@dataclass(frozen=True)
class JobDescriptionChoice:
    """A saved job description, as the Candidates page offers it."""

    id: int
    title: str
    text: str
    version: int = 1
    archived: bool = False
    created_at: datetime | None = None


@dataclass(frozen=True)
class BatchSummary:
    id: int
    title: str
    created_at: datetime
    created_by: str | None
    optimizer: str
    total: int
    ready: int
    failed: int
    active: int
    approved: int
    cancelled: bool


@dataclass(frozen=True)
class RunRow(RunLine):
    """One run as the Batches and Review tables show it."""

    findings: int
    flags: int
    decision: str | None
    confidence: float | None = None  # the parse's, stored on the parsed resume
    step_seconds: dict[str, float] | None = None  # the worker's time per step


@dataclass(frozen=True)
class DecisionEntry(ByKey):
    """One reviewer decision on a run, as the review history shows it."""

    decision: str
    reviewer: str
    note: str | None
    created_at: datetime


def job_descriptions(url: str, archived: bool = False) -> list[JobDescriptionChoice]:
    """The library: the latest version of each named job description, newest first;
    the archived ones instead when ``archived``."""
    jd = SavedJobDescription
    family = sa.func.coalesce(jd.family_id, jd.id)
    latest = sa.select(sa.func.max(jd.id)).where(jd.in_library).group_by(family)
    sql = (sa.select(jd.id, jd.title, jd.text, jd.version, jd.archived_at.is_not(None),
                     jd.created_at)
           .where(jd.id.in_(latest),
                  jd.archived_at.is_not(None) if archived else jd.archived_at.is_(None))
           .order_by(jd.id.desc()))
    with get_engine(url).connect() as conn:
        return [JobDescriptionChoice(*r) for r in conn.execute(sql)]


def _latest_decisions(of_runs: sa.ColumnElement[bool]) -> sa.Subquery:
    """The latest decision of each decided run ``of_runs`` selects (a page showing one
    batch, or a few, needs no pass over every decision ever made)."""
    latest = (sa.select(Decision.run_id, sa.func.max(Decision.id).label("id"))
              .join(Run, Run.id == Decision.run_id).where(of_runs)
              .group_by(Decision.run_id).subquery())
    return (sa.select(latest.c.run_id, Decision.decision)
            .join(Decision, Decision.id == latest.c.id).subquery())


def _count(condition: sa.ColumnElement[bool]) -> sa.ColumnElement[int]:
    return sa.func.coalesce(sa.func.sum(sa.case((condition, 1), else_=0)), 0)


def batches(url: str, limit: int = 50) -> list[BatchSummary]:
    """The newest batches with run counts by outcome and how many runs are approved."""
    newest = sa.select(Batch.id).order_by(Batch.id.desc()).limit(limit)
    decided = _latest_decisions(Run.batch_id.in_(newest))
    sql = (
        sa.select(Batch.id, SavedJobDescription.title, Batch.created_at, Batch.created_by,
                  Batch.optimizer, sa.func.count(Run.id),
                  _count(Run.status == RunStatus.READY), _count(Run.status == RunStatus.FAILED),
                  _count(Run.status.in_(ACTIVE_STATUSES)),
                  _count(decided.c.decision == Verdict.APPROVED), Batch.cancelled_at)
        .join(SavedJobDescription, SavedJobDescription.id == Batch.job_description_id)
        .outerjoin(Run, Run.batch_id == Batch.id)
        .outerjoin(decided, decided.c.run_id == Run.id)
        .where(Batch.id.in_(newest))
        .group_by(Batch.id, SavedJobDescription.title)
        .order_by(Batch.id.desc())
    )
    with get_engine(url).connect() as conn:
        return [BatchSummary(*row[:10], cancelled=row[10] is not None) for row in conn.execute(sql)]


@dataclass(frozen=True)
class OptimizerTrouble:
    """How many runs of a batch failed with one error code (with the latest message), and
    how many were tailored by a fallback model: one banner instead of a message per run."""

    error_code: str
    failed: int
    message: str | None
    fell_back: int


def optimizer_trouble(url: str, batch_id: int, error_code: str,
                      fallback_model: str) -> OptimizerTrouble:
    """Runs of ``batch_id`` failed with ``error_code`` (and the latest such message), and
    ready runs tailored by ``fallback_model`` (the offline one, in a Gemini batch)."""
    hit = sa.and_(Run.status == RunStatus.FAILED, Run.error_code == error_code)
    sql = (sa.select(_count(hit),
                     _count(sa.and_(Run.status == RunStatus.READY, Run.model == fallback_model)),
                     sa.select(Run.error_message).where(Run.batch_id == batch_id, hit)
                     .order_by(Run.finished_at.desc()).limit(1).scalar_subquery())
           .where(Run.batch_id == batch_id))
    with get_engine(url).connect() as conn:
        failed, fell_back, message = conn.execute(sql).one()
    return OptimizerTrouble(error_code=error_code, failed=int(failed), message=message,
                            fell_back=int(fell_back))


def unfinished_batches(url: str, created_by: str) -> set[int]:
    """The batches ``created_by`` started that still have runs queued or being worked on:
    one small query (runs by batch and status is indexed) the app asks on every redraw."""
    sql = (sa.select(Run.batch_id).distinct()
           .join(Batch, Batch.id == Run.batch_id)
           .where(Batch.created_by == created_by, Run.status.in_(ACTIVE_STATUSES)))
    with get_engine(url).connect() as conn:
        return set(conn.execute(sql).scalars())


# The optimizer's notes (keywords the resume gives no evidence for, a language it left as
# written) inform the reviewer but say nothing wrong of the result: they are shown, not
# counted as flags that keep a run out of bulk approval.
NOTE_CODES = frozenset({"optimizer_note"})


def flags_to_check(flags: list[dict] | None) -> int:
    """How many of a run's flags ask a reviewer to look before approving."""
    return sum(1 for flag in flags or [] if flag.get("code") not in NOTE_CODES)


def batch_runs(url: str, batch_id: int) -> list[RunRow]:
    """Every run of a batch with its step, error, scores, finding and flag counts and
    latest decision, in run order."""
    decided = _latest_decisions(Run.batch_id == batch_id)
    sql = (
        sa.select(Run.id, Run.candidate_id, Run.candidate_name, Run.status, Run.attempt,
                  Run.error_code, Run.error_message, Run.score_before, Run.score_after,
                  Run.claim_findings, Run.flags, decided.c.decision,
                  Run.parsed_resume["parse_confidence"].as_float().label("confidence"),
                  Run.step_seconds)
        .outerjoin(decided, decided.c.run_id == Run.id)
        .where(Run.batch_id == batch_id).order_by(Run.id)
    )
    with get_engine(url).connect() as conn:
        rows = conn.execute(sql).all()
    return [RunRow(*r[:9], findings=len(r.claim_findings or []), flags=flags_to_check(r.flags),
                   decision=r.decision, confidence=r.confidence, step_seconds=r.step_seconds)
            for r in rows]


def busy_stretches(url: str, batch_id: int, now: datetime) -> list[tuple[datetime, datetime]]:
    """The stretches of time during which some run of a batch was being worked on: the
    runs' (started, finished or ``now``) spans merged where they overlap, in the database
    (gaps and islands with window functions), so a 10,000-run batch sends a few rows."""
    end = sa.func.coalesce(Run.finished_at, sa.bindparam("now", now, type_=Run.finished_at.type))
    spans = (sa.select(Run.started_at.label("start"), end.label("end"),
                       sa.func.max(end).over(order_by=Run.started_at, rows=(None, -1))
                       .label("before"))
             .where(Run.batch_id == batch_id, Run.started_at.is_not(None)).subquery())
    gap = sa.case((sa.or_(spans.c.before.is_(None), spans.c.start > spans.c.before), 1), else_=0)
    numbered = sa.select(spans.c.start, spans.c.end, sa.func.sum(gap).over(
        order_by=spans.c.start, rows=(None, 0)).label("stretch")).subquery()
    sql = (sa.select(sa.func.min(numbered.c.start), sa.func.max(numbered.c.end))
           .group_by(numbered.c.stretch))
    with get_engine(url).connect() as conn:
        return [(aware(start), aware(finish)) for start, finish in conn.execute(sql)]


def run_decisions(url: str, run_id: int) -> list[DecisionEntry]:
    """Decisions on one run, newest first."""
    with get_engine(url).connect() as conn:
        rows = conn.execute(sa.select(Decision.decision, Decision.reviewer, Decision.note,
                                      Decision.created_at)
                            .where(Decision.run_id == run_id).order_by(Decision.id.desc()))
        return [DecisionEntry(**r._mapping) for r in rows]


@dataclass(frozen=True)
class ExportRow:
    """One run of a batch with its outcome and latest decision, as the CSV export has it."""

    run_id: int
    candidate_id: str
    candidate_name: str | None
    status: str
    attempt: int
    error_code: str | None
    error_message: str | None
    score_before: float | None
    score_after: float | None
    tokens_in: int
    tokens_out: int
    cost_usd: float
    model: str | None
    decision: str | None
    reviewer: str | None
    optimized_resume: dict[str, Any] | None


def export_rows(url: str, batch_id: int) -> list[ExportRow]:
    """Every run of a batch with its outcome and latest decision (with its reviewer); an
    approved run's resume is the one approved."""
    latest = (sa.select(Decision.run_id, sa.func.max(Decision.id).label("decision_id"))
              .group_by(Decision.run_id).subquery())
    sql = (
        sa.select(Run.id.label("run_id"), Run.candidate_id, Run.candidate_name, Run.status,
                  Run.attempt, Run.error_code, Run.error_message, Run.score_before,
                  Run.score_after, Run.tokens_in, Run.tokens_out, Run.cost_usd, Run.model,
                  Decision.decision, Decision.reviewer, Run.optimized_resume,
                  OptimizedResume.resume.label("approved"))
        .outerjoin(latest, latest.c.run_id == Run.id)
        .outerjoin(Decision, Decision.id == latest.c.decision_id)
        .outerjoin(OptimizedResume, OptimizedResume.decision_id == Decision.id)
        .where(Run.batch_id == batch_id).order_by(Run.id)
    )
    with get_engine(url).connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(sql)]
    # An approved run exports the resume its reviewer approved (edits rejected or
    # rewritten on the Review page), not the tailored one as the optimizer left it.
    for row in rows:
        approved = row.pop("approved")
        row["optimized_resume"] = approved or row["optimized_resume"]
    return [ExportRow(**row) for row in rows]


def approved_resume(url: str, run_id: int) -> dict[str, Any] | None:
    """The resume approved from this run (the latest version written back from it)."""
    with get_engine(url).connect() as conn:
        return conn.execute(
            sa.select(OptimizedResume.resume).where(OptimizedResume.run_id == run_id)
            .order_by(OptimizedResume.version.desc()).limit(1)
        ).scalar()
