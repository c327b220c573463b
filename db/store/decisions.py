"""Review and write-back: load a run whole, record a decision, make an approved resume
the candidate's current version."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

import sqlalchemy as sa

from db.connection import get_engine
from db.errors import NotFound
from db.models import AuditEvent, Decision, OptimizedResume, Run, Verdict, utcnow
from db.store.shared import ByKey


@dataclass(frozen=True)
class RunRecord(ByKey):
    """Everything one run is and produced (a row of ``runs``)."""

    id: int
    batch_id: int
    candidate_id: str
    candidate_name: str | None
    status: str
    attempt: int
    transient_failures: int
    error_code: str | None
    error_message: str | None
    parsed_resume: dict[str, Any] | None
    optimized_resume: dict[str, Any] | None
    edits: list[Any] | None
    score_before: float | None
    score_after: float | None
    scores: dict[str, Any] | None
    claim_findings: list[Any] | None
    flags: list[Any] | None
    tokens_in: int
    tokens_out: int
    cost_usd: float
    model: str | None
    prompt_version: str | None
    input_hash: str | None
    rq_job_id: str | None
    created_at: datetime | None
    updated_at: datetime | None
    started_at: datetime | None
    finished_at: datetime | None


RUN_RECORD_COLUMNS = [getattr(Run, f.name) for f in fields(RunRecord)]


def load_run(url: str, run_id: int) -> RunRecord:
    """One run whole; NotFound when it does not exist."""
    with get_engine(url).connect() as conn:
        row = conn.execute(sa.select(*RUN_RECORD_COLUMNS).where(Run.id == run_id)).first()
    if row is None:
        raise NotFound(f"Run {run_id} does not exist.")
    return RunRecord(**row._mapping)


def record_decision(conn: sa.Connection, run: RunRecord, decision: Verdict, reviewer: str,
                    edited_resume: dict[str, Any] | None, note: str | None,
                    detail: dict[str, Any] | None = None) -> int:
    """Record a reviewer's decision on a run with its audit event (``detail`` added to
    the event's, e.g. which edits were rejected); returns its id."""
    now = utcnow()
    decision_id = conn.execute(
        sa.insert(Decision).returning(Decision.id),
        {"run_id": run.id, "decision": decision, "reviewer": reviewer,
         "edited_resume": edited_resume, "note": note, "created_at": now},
    ).scalar_one()
    conn.execute(sa.insert(AuditEvent), {
        "actor": reviewer, "action": f"run_{decision}", "batch_id": run.batch_id,
        "run_id": run.id, "candidate_id": run.candidate_id, "at": now,
        "detail": {"decision_id": decision_id, "edited": edited_resume is not None,
                   **(detail or {})},
    })
    return decision_id


def write_optimized_resume(conn: sa.Connection, run: RunRecord, decision_id: int,
                           resume: dict[str, Any], text: str, reviewer: str) -> int:
    """Make this resume the candidate's current version; earlier versions stay as history.
    Returns the new version number."""
    latest = conn.execute(
        sa.select(sa.func.max(OptimizedResume.version))
        .where(OptimizedResume.candidate_id == run.candidate_id)
    ).scalar() or 0
    conn.execute(
        sa.update(OptimizedResume)
        .where(OptimizedResume.candidate_id == run.candidate_id, OptimizedResume.is_current)
        .values(is_current=False)
    )
    conn.execute(sa.insert(OptimizedResume), {
        "candidate_id": run.candidate_id, "run_id": run.id, "decision_id": decision_id,
        "version": latest + 1, "is_current": True, "resume": resume, "text": text,
        "approved_by": reviewer, "created_at": utcnow(),
    })
    return latest + 1


def lock_run(conn: sa.Connection, run_id: int) -> RunRecord:
    """The run, locked until this transaction ends: decisions on one run go one at a
    time. NotFound when it does not exist."""
    if conn.dialect.name == "sqlite":
        # pysqlite opens the transaction at the first write, so reads before it see no
        # lock: a no-op write takes SQLite's one write lock now (what BEGIN IMMEDIATE does).
        conn.execute(sa.update(Run).where(Run.id == run_id).values(id=Run.id))
    row = conn.execute(sa.select(*RUN_RECORD_COLUMNS).where(Run.id == run_id)
                       .with_for_update()).first()  # PostgreSQL: SELECT … FOR UPDATE
    if row is None:
        raise NotFound(f"Run {run_id} does not exist.")
    return RunRecord(**row._mapping)


def latest_verdict(conn: sa.Connection, run_id: int) -> str | None:
    """The run's latest decision (a Verdict), or None when nobody decided yet."""
    return conn.execute(sa.select(Decision.decision).where(Decision.run_id == run_id)
                        .order_by(Decision.id.desc()).limit(1)).scalar()


def current_version(conn: sa.Connection, run: RunRecord) -> tuple[int, dict[str, Any]] | None:
    """(version, resume) of the candidate's current resume when this run wrote it."""
    row = conn.execute(sa.select(OptimizedResume.version, OptimizedResume.resume).where(
        OptimizedResume.candidate_id == run.candidate_id, OptimizedResume.is_current,
        OptimizedResume.run_id == run.id)).first()
    return (row.version, row.resume) if row else None


def revert_version(conn: sa.Connection, run: RunRecord) -> tuple[bool, str | None]:
    """Undo this run's write-back when it is the candidate's current version: the latest
    earlier version from a run still approved becomes current again (every row stays as
    history). Returns (reverted, the text now current or None)."""
    if current_version(conn, run) is None:
        return False, None  # never written, or a later approval already replaced it
    conn.execute(sa.update(OptimizedResume).where(
        OptimizedResume.candidate_id == run.candidate_id, OptimizedResume.is_current)
        .values(is_current=False))
    earlier = conn.execute(
        sa.select(OptimizedResume.id, OptimizedResume.run_id, OptimizedResume.text)
        .where(OptimizedResume.candidate_id == run.candidate_id,
               OptimizedResume.run_id.is_distinct_from(run.id))
        .order_by(OptimizedResume.version.desc())).all()
    for row in earlier:
        if row.run_id is None or latest_verdict(conn, row.run_id) == Verdict.APPROVED:
            conn.execute(sa.update(OptimizedResume).where(OptimizedResume.id == row.id)
                         .values(is_current=True))
            return True, row.text
    return True, None
