"""Retrying finished runs: archive the old attempt, queue the run again from extraction."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Callable

import sqlalchemy as sa

from db.connection import get_engine
from db.models import ACTIVE_STATUSES, AuditEvent, Run, RunAttempt, RunStatus, utcnow
from db.store.shared import OUTCOME_COLUMNS, cleared_outcome, is_imported


def retry_runs(url: str, run_ids: list[int], max_attempts: int, actor: str,
               job_id_for: Callable[[int], str]) -> tuple[list[tuple[int, str]], dict[int, str]]:
    """Put finished runs back to ``queued`` from extraction with attempt + 1, archiving
    the old outcome in run_attempts. Returns ([(run id, new job id)], {run id: refusal})."""
    refused: dict[int, str] = {}
    retried: list[tuple[int, str]] = []
    with get_engine(url).begin() as conn:
        rows = conn.execute(sa.select(Run).where(Run.id.in_(run_ids))).mappings().all()
        found = {r["id"]: r for r in rows}
        for run_id in run_ids:
            run = found.get(run_id)
            why = _refusal(run_id, run, max_attempts)
            if why:
                refused[run_id] = why
            else:
                job_id = job_id_for(run_id)
                _requeue(conn, run, job_id, actor)
                retried.append((run_id, job_id))
    return retried, refused


def _refusal(run_id: int, run: Any, max_attempts: int) -> str | None:
    """Why run ``run_id`` cannot be retried, or None."""
    if run is None:
        return f"Run {run_id} does not exist."
    if run["status"] in ACTIVE_STATUSES:
        return (f"Run {run_id} is still in progress ({run['status']}); "
                "retry it once it has finished.")
    if run["attempt"] >= max_attempts:
        return (f"Run {run_id} has used all {max_attempts} attempts; "
                "raise TAILOR_MAX_ATTEMPTS to try again.")
    return None


def _requeue(conn: sa.Connection, run: Any, job_id: str, actor: str) -> None:
    """Archive the run's attempt, clear its outcome (an imported run keeps its parsed
    resume: that is its input) and queue it under ``job_id``."""
    now = utcnow()
    conn.execute(sa.insert(RunAttempt), {
        "run_id": run["id"], "attempt": run["attempt"], "status": run["status"],
        "error_code": run["error_code"], "error_message": run["error_message"],
        "outcome": _jsonable({c: run[c] for c in OUTCOME_COLUMNS}),
        "finished_at": run["finished_at"], "archived_at": now,
    })
    reset = cleared_outcome()
    if is_imported(run["flags"]):
        reset.update(parsed_resume=run["parsed_resume"], flags=run["flags"])
    conn.execute(sa.update(Run).where(Run.id == run["id"]).values(
        **reset, status=RunStatus.QUEUED, attempt=run["attempt"] + 1, transient_failures=0,
        error_code=None, error_message=None, started_at=None, finished_at=None,
        rq_job_id=job_id, updated_at=now))
    conn.execute(sa.insert(AuditEvent), {
        "actor": actor, "action": "run_retried", "batch_id": run["batch_id"],
        "run_id": run["id"], "candidate_id": run["candidate_id"], "at": now,
        "detail": {"attempt": run["attempt"] + 1}})


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in values.items()}


def failed_run_ids(url: str, batch_id: int) -> list[int]:
    """The failed runs of a batch, in run order."""
    with get_engine(url).connect() as conn:
        return list(conn.execute(
            sa.select(Run.id).where(Run.batch_id == batch_id, Run.status == RunStatus.FAILED)
            .order_by(Run.id)
        ).scalars())
