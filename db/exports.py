"""The Export page's reads: runs with their latest decision (who, when, the note), the job
description's title and the resume to export; filtered by batch and decision date.

A run's resume to export is the one its reviewer approved (``optimized_resumes``, written
with the approving decision) when it is approved, else the run's tailored resume.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from db.connection import get_engine
from db.models import Batch, Decision, OptimizedResume, Run, SavedJobDescription, Verdict


@dataclass(frozen=True)
class ExportFilter:
    """Which runs to export: one batch (or all), decided (or, for undecided runs,
    created) within [since, until), approved only unless ``include_all``."""

    batch_id: int | None = None
    since: datetime | None = None
    until: datetime | None = None
    include_all: bool = False


@dataclass(frozen=True)
class ExportLine:
    run_id: int
    batch_id: int
    candidate_id: str
    candidate_name: str | None
    job_title: str | None
    status: str
    decision: str | None
    reviewer: str | None
    note: str | None
    decided_at: datetime | None
    score_before: float | None
    score_after: float | None
    cost_usd: float
    resume: dict[str, Any] | None  # approved, else tailored


def export_lines(url: str, chosen: ExportFilter) -> list[ExportLine]:
    """The runs ``chosen`` selects, oldest first, with their latest decision."""
    sql = _chosen(sa.select(
        *_outcome_columns(),
        sa.func.coalesce(OptimizedResume.resume, Run.optimized_resume).label("resume")), chosen)
    with get_engine(url).connect() as conn:
        return [ExportLine(**r._mapping) for r in conn.execute(sql)]


CSV_LINE_COLUMNS = ["run_id", "batch_id", "candidate_id", "candidate_name", "job_title",
                    "status", "decision", "reviewer", "note", "decided_at", "score_before",
                    "score_after", "cost_usd", "email", "optimized_text", "tailored_json"]


def csv_lines(url: str, chosen: ExportFilter) -> list[tuple[Any, ...]]:
    """The CSV's rows as tuples in ``CSV_LINE_COLUMNS`` order, with only what the CSV shows:
    the email read by JSON path in SQL, an approved run's text as stored with its approval,
    and, for any other run, its tailored resume as JSON text (``tailored_json``) for the
    caller to turn into text — no whole resume is decoded for an approved run."""
    approved = OptimizedResume.id.is_not(None)
    parsed_email = Run.parsed_resume["email"].as_string()
    email = sa.case((approved, sa.func.coalesce(OptimizedResume.resume["email"].as_string(),
                                                parsed_email)),
                    else_=sa.func.coalesce(Run.optimized_resume["email"].as_string(),
                                           parsed_email))
    tailored = sa.case((approved, sa.null()), else_=sa.cast(Run.optimized_resume, sa.Text))
    sql = _chosen(sa.select(*_outcome_columns(), email.label("email"),
                            OptimizedResume.text.label("optimized_text"),
                            tailored.label("tailored_json")), chosen)
    with get_engine(url).connect() as conn:
        return [tuple(row) for row in conn.execute(sql)]


def _outcome_columns() -> list[sa.ColumnElement[Any]]:
    return [Run.id.label("run_id"), Run.batch_id, Run.candidate_id, Run.candidate_name,
            SavedJobDescription.title.label("job_title"), Run.status, Decision.decision,
            Decision.reviewer, Decision.note, Decision.created_at.label("decided_at"),
            Run.score_before, Run.score_after, Run.cost_usd]


def _chosen(sql: sa.Select, chosen: ExportFilter) -> sa.Select:
    """``sql`` over runs joined to their batch's job title, latest decision and, when that
    approved them, the approved resume; narrowed to the runs ``chosen`` selects."""
    latest = (sa.select(Decision.run_id, sa.func.max(Decision.id).label("decision_id"))
              .group_by(Decision.run_id).subquery())
    when = sa.func.coalesce(Decision.created_at, Run.created_at)
    sql = (
        sql.select_from(Run)
        .join(Batch, Batch.id == Run.batch_id)
        .outerjoin(SavedJobDescription, SavedJobDescription.id == Batch.job_description_id)
        .outerjoin(latest, latest.c.run_id == Run.id)
        .outerjoin(Decision, Decision.id == latest.c.decision_id)
        .outerjoin(OptimizedResume, sa.and_(OptimizedResume.decision_id == Decision.id,
                                            Decision.decision == Verdict.APPROVED.value))
        .order_by(Run.id)
    )
    if chosen.batch_id is not None:
        sql = sql.where(Run.batch_id == chosen.batch_id)
    if not chosen.include_all:
        sql = sql.where(Decision.decision == Verdict.APPROVED.value)
    if chosen.since is not None:
        sql = sql.where(when >= chosen.since)
    if chosen.until is not None:
        sql = sql.where(when < chosen.until)
    return sql
