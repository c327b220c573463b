"""Store functions for batches and runs: the database row of a run is the truth about it.

Every write a worker makes is guarded by the run's ``rq_job_id`` (the job that claimed
it) and an active status, so a job that lost its claim (recovery handed the run to
another job) can never overwrite a newer outcome, and saving a result twice is a no-op.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

import sqlalchemy as sa

from db.connection import get_engine
from db.models import (
    ACTIVE_STATUSES,
    RUNNING_STATUSES,
    RunStatus,
    AuditEvent,
    Batch,
    Decision,
    OptimizedResume,
    Run,
    RunAttempt,
    utcnow,
)

# Outcome columns cleared when a run is retried (kept in run_attempts.outcome).
OUTCOME_COLUMNS = (
    "parsed_resume", "optimized_resume", "edits", "score_before", "score_after", "scores",
    "claim_findings", "flags", "tokens_in", "tokens_out", "cost_usd", "model",
    "prompt_version", "input_hash",
)


@dataclass(frozen=True)
class NewRun:
    candidate_id: str
    candidate_name: str | None
    status: str = "queued"
    values: dict[str, Any] | None = None  # outcome columns known up front (imports)


@dataclass(frozen=True)
class ClaimedRun:
    id: int
    batch_id: int
    candidate_id: str
    attempt: int
    transient_failures: int
    parsed_resume: dict[str, Any] | None
    flags: list[Any] | None


@dataclass(frozen=True)
class BatchCounts:
    batch_id: int
    total: int
    by_status: dict[str, int]
    cost_usd: float
    tokens_in: int
    tokens_out: int
    first_started_at: datetime | None
    last_finished_at: datetime | None
    cancelled: bool

    @property
    def done(self) -> int:
        return sum(self.by_status[s] for s in ("ready", "failed", "cancelled"))

    @property
    def active(self) -> int:
        return sum(self.by_status[s] for s in ACTIVE_STATUSES)


class RunStateError(Exception):
    """An action refused for the run's current state; the message says why."""


def _aware(value: datetime | None) -> datetime | None:
    # SQLite hands back naive datetimes even for timezone=True columns.
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value


# ---------------------------------------------------------------- batches


def create_batch(url: str, *, job_description_id: int, optimizer: str, model: str,
                 created_by: str | None, runs: list[NewRun], estimated_cost_usd: float,
                 job_id_for: Any) -> tuple[int, list[tuple[int, str]]]:
    """A batch row and one queued run per candidate, in one transaction. ``job_id_for(run_id)``
    names each run's RQ job; returns (batch id, [(run id, job id)])."""
    engine = get_engine(url)
    with engine.begin() as conn:
        batch_id = conn.execute(
            sa.insert(Batch).returning(Batch.id),
            {"job_description_id": job_description_id, "optimizer": optimizer, "model": model,
             "created_by": created_by, "candidate_count": len(runs),
             "estimated_cost_usd": estimated_cost_usd, "created_at": utcnow()},
        ).scalar_one()
        now = utcnow()
        if runs:
            conn.execute(sa.insert(Run), [
                {**_outcome_defaults(), **(r.values or {}), "batch_id": batch_id,
                 "candidate_id": r.candidate_id, "candidate_name": r.candidate_name,
                 "status": r.status, "attempt": 1, "created_at": now, "updated_at": now,
                 "finished_at": None if r.status == "queued" else now}
                for r in runs
            ])
        ids = conn.execute(
            sa.select(Run.id).where(Run.batch_id == batch_id, Run.status == "queued").order_by(Run.id)
        ).scalars().all()
        pairs = [(run_id, job_id_for(run_id)) for run_id in ids]
        _set_job_ids(conn, pairs)
        conn.execute(sa.insert(AuditEvent), {
            "actor": created_by or "system", "action": "batch_started", "batch_id": batch_id,
            "detail": {"candidates": len(runs), "optimizer": optimizer, "model": model},
            "at": now,
        })
    return batch_id, pairs


def _outcome_defaults() -> dict[str, Any]:
    # executemany needs the same keys in every row.
    values: dict[str, Any] = dict.fromkeys(OUTCOME_COLUMNS)
    values.update(tokens_in=0, tokens_out=0, cost_usd=0.0)
    return values


def _set_job_ids(conn: sa.Connection, pairs: list[tuple[int, str]]) -> None:
    if pairs:
        table = Run.__table__
        conn.execute(
            table.update().where(table.c.id == sa.bindparam("rid"))
            .values(rq_job_id=sa.bindparam("jid")),
            [{"rid": r, "jid": j} for r, j in pairs],
        )


def set_job_ids_if_queued(url: str, pairs: list[tuple[int, str]]) -> None:
    """Point queued runs at the new RQ jobs that will carry them again."""
    if pairs:
        table = Run.__table__
        with get_engine(url).begin() as conn:
            conn.execute(
                table.update().where(table.c.id == sa.bindparam("rid"), table.c.status == "queued")
                .values(rq_job_id=sa.bindparam("jid")),
                [{"rid": r, "jid": j} for r, j in pairs],
            )


def batch_counts(url: str, batch_id: int) -> BatchCounts:
    """Counts by status, cost and timing of one batch: two small indexed queries."""
    with get_engine(url).connect() as conn:
        batch = conn.execute(sa.select(Batch.id, Batch.cancelled_at).where(Batch.id == batch_id)).first()
        if batch is None:
            raise LookupError(f"Batch {batch_id} does not exist.")
        by_status = dict.fromkeys(RunStatus, 0)
        for status, count in conn.execute(
            sa.select(Run.status, sa.func.count()).where(Run.batch_id == batch_id).group_by(Run.status)
        ):
            by_status[status] = count
        row = conn.execute(
            sa.select(sa.func.coalesce(sa.func.sum(Run.cost_usd), 0.0),
                      sa.func.coalesce(sa.func.sum(Run.tokens_in), 0),
                      sa.func.coalesce(sa.func.sum(Run.tokens_out), 0),
                      sa.func.min(Run.started_at), sa.func.max(Run.finished_at))
            .where(Run.batch_id == batch_id)
        ).one()
    return BatchCounts(batch_id=batch_id, total=sum(by_status.values()), by_status=by_status,
                       cost_usd=float(row[0]), tokens_in=int(row[1]), tokens_out=int(row[2]),
                       first_started_at=_aware(row[3]), last_finished_at=_aware(row[4]),
                       cancelled=batch.cancelled_at is not None)


def run_steps(url: str, batch_id: int) -> list[dict[str, Any]]:
    """Every run of a batch with its step and error, for the progress table."""
    cols = (Run.id, Run.candidate_id, Run.candidate_name, Run.status, Run.attempt,
            Run.error_code, Run.error_message, Run.score_before, Run.score_after,
            Run.cost_usd, Run.updated_at)
    with get_engine(url).connect() as conn:
        rows = conn.execute(sa.select(*cols).where(Run.batch_id == batch_id).order_by(Run.id))
        return [dict(r._mapping) for r in rows]


def cancel_batch(url: str, batch_id: int, actor: str) -> int:
    """Mark the batch cancelled and its queued runs ``cancelled``; running runs finish.
    Returns how many runs were cancelled."""
    now = utcnow()
    with get_engine(url).begin() as conn:
        found = conn.execute(
            sa.update(Batch).where(Batch.id == batch_id)
            .values(cancelled_at=sa.func.coalesce(Batch.cancelled_at, now))
        ).rowcount
        if not found:
            raise LookupError(f"Batch {batch_id} does not exist.")
        cancelled = conn.execute(
            sa.update(Run).where(Run.batch_id == batch_id, Run.status == "queued")
            .values(status="cancelled", finished_at=now, updated_at=now,
                    error_code="cancelled", error_message="The batch was cancelled.")
        ).rowcount
        conn.execute(sa.insert(AuditEvent), {"actor": actor, "action": "batch_cancelled",
                                             "batch_id": batch_id, "at": now,
                                             "detail": {"runs_cancelled": cancelled}})
    return cancelled


def batch_job_description(url: str, batch_id: int) -> tuple[str, str]:
    from db.models import JobDescription

    with get_engine(url).connect() as conn:
        row = conn.execute(
            sa.select(JobDescription.title, JobDescription.text)
            .join(Batch, Batch.job_description_id == JobDescription.id).where(Batch.id == batch_id)
        ).first()
    if row is None:
        raise LookupError(f"Batch {batch_id} does not exist.")
    return row.title, row.text


# ---------------------------------------------------------------- worker side


def claim_own(url: str, run_id: int, job_id: str) -> list[ClaimedRun]:
    """Claim run ``run_id`` for job ``job_id``, and take back the runs this job already
    holds (RQ retrying it after a database outage). Empty when there is nothing to do:
    the run is done, cancelled or held by another job. The status-guarded
    UPDATE ... RETURNING makes jobs racing for a run safe."""
    now = utcnow()
    with get_engine(url).begin() as conn:
        batch_id = conn.execute(sa.select(Run.batch_id).where(Run.id == run_id)).scalar()
        if batch_id is None:
            return []
        held = sa.and_(Run.rq_job_id == job_id, Run.status.in_(RUNNING_STATUSES))
        if conn.execute(sa.select(Batch.cancelled_at).where(Batch.id == batch_id)).scalar() is None:
            held = sa.or_(held, sa.and_(Run.id == run_id, Run.status == "queued"))
        ids = list(conn.execute(
            sa.update(Run).where(held)
            .values(status="extracting", rq_job_id=job_id, updated_at=now,
                    started_at=sa.func.coalesce(Run.started_at, now))
            .returning(Run.id)
        ).scalars())
        return _claimed(conn, ids)


def claim_queued(url: str, batch_id: int, job_id: str, limit: int) -> tuple[list[ClaimedRun], list[str]]:
    """Claim up to ``limit`` queued runs of a batch that is not cancelled, for a job that
    keeps several runs in flight. Returns the runs and the RQ job ids that carried them
    (now redundant: the caller drops them from the queue)."""
    if limit < 1:
        return [], []
    engine = get_engine(url)
    now = utcnow()
    with engine.begin() as conn:
        pick = (sa.select(Run.id, Run.rq_job_id)
                .join(Batch, Batch.id == Run.batch_id)
                .where(Run.batch_id == batch_id, Run.status == "queued", Batch.cancelled_at.is_(None))
                .order_by(Run.id).limit(limit))
        if engine.dialect.name == "postgresql":
            pick = pick.with_for_update(of=Run, skip_locked=True)
        carriers = dict(conn.execute(pick).all())
        if not carriers:
            return [], []
        ids = list(conn.execute(
            sa.update(Run).where(Run.id.in_(carriers), Run.status == "queued")
            .values(status="extracting", rq_job_id=job_id, updated_at=now,
                    started_at=sa.func.coalesce(Run.started_at, now))
            .returning(Run.id)
        ).scalars())
        replaced = [carriers[i] for i in ids if carriers[i] and carriers[i] != job_id]
        return _claimed(conn, ids), replaced


def _claimed(conn: sa.Connection, ids: list[int]) -> list[ClaimedRun]:
    if not ids:
        return []
    rows = conn.execute(
        sa.select(Run.id, Run.batch_id, Run.candidate_id, Run.attempt, Run.transient_failures,
                  Run.parsed_resume, Run.flags).where(Run.id.in_(ids)).order_by(Run.id)
    )
    return [ClaimedRun(**r._mapping) for r in rows]


def _held(run_id: int, job_id: str) -> sa.ColumnElement[bool]:
    return sa.and_(Run.id == run_id, Run.rq_job_id == job_id, Run.status.in_(RUNNING_STATUSES))


def set_step(url: str, run_id: int, job_id: str, status: str) -> bool:
    """Move a claimed run to the next step; False when the job no longer holds it."""
    with get_engine(url).begin() as conn:
        return conn.execute(
            sa.update(Run).where(_held(run_id, job_id)).values(status=status, updated_at=utcnow())
        ).rowcount == 1


def save_result(url: str, run_id: int, job_id: str, values: dict[str, Any]) -> bool:
    """Store a finished run's outcome and mark it ready, in one statement. Idempotent: a
    second save (or one from a job that lost the run) changes nothing."""
    now = utcnow()
    with get_engine(url).begin() as conn:
        return conn.execute(
            sa.update(Run).where(_held(run_id, job_id))
            .values(**values, status="ready", error_code=None, error_message=None,
                    finished_at=now, updated_at=now)
        ).rowcount == 1


def fail_run(url: str, run_id: int, job_id: str, code: str, message: str,
             values: dict[str, Any] | None = None) -> bool:
    now = utcnow()
    with get_engine(url).begin() as conn:
        return conn.execute(
            sa.update(Run).where(_held(run_id, job_id))
            .values(**(values or {}), status="failed", error_code=code, error_message=message,
                    finished_at=now, updated_at=now)
        ).rowcount == 1


def requeue_transient(url: str, run_id: int, job_id: str, code: str, message: str,
                      max_failures: int) -> str:
    """After a transient error: back to ``queued`` (returns "queued") or, past
    ``max_failures`` transient failures in this attempt, ``failed`` (returns "failed")."""
    now = utcnow()
    with get_engine(url).begin() as conn:
        failures = conn.execute(
            sa.update(Run).where(_held(run_id, job_id))
            .values(transient_failures=Run.transient_failures + 1, updated_at=now,
                    error_code=code, error_message=message)
            .returning(Run.transient_failures)
        ).scalar()
        if failures is None:
            return "lost"
        if failures > max_failures:
            conn.execute(sa.update(Run).where(Run.id == run_id)
                         .values(status="failed", finished_at=now,
                                 error_message=f"{message} (gave up after {failures} tries)"))
            return "failed"
        conn.execute(sa.update(Run).where(Run.id == run_id).values(status="queued"))
        return "queued"


# ---------------------------------------------------------------- retry and recovery


def retry_runs(url: str, run_ids: list[int], max_attempts: int, actor: str,
               job_id_for: Any) -> tuple[list[tuple[int, str]], dict[int, str]]:
    """Put finished runs back to ``queued`` from extraction with attempt + 1, archiving
    the old outcome in run_attempts. Returns ([(run id, new job id)], {run id: refusal})."""
    refused: dict[int, str] = {}
    retried: list[tuple[int, str]] = []
    now = utcnow()
    with get_engine(url).begin() as conn:
        rows = conn.execute(sa.select(Run).where(Run.id.in_(run_ids))).mappings().all()
        found = {r["id"]: r for r in rows}
        for run_id in run_ids:
            run = found.get(run_id)
            if run is None:
                refused[run_id] = f"Run {run_id} does not exist."
            elif run["status"] in ACTIVE_STATUSES:
                refused[run_id] = (f"Run {run_id} is still in progress ({run['status']}); "
                                   "retry it once it has finished.")
            elif run["attempt"] >= max_attempts:
                refused[run_id] = (f"Run {run_id} has used all {max_attempts} attempts; "
                                   "raise TAILOR_MAX_ATTEMPTS to try again.")
            else:
                job_id = job_id_for(run_id)
                conn.execute(sa.insert(RunAttempt), {
                    "run_id": run_id, "attempt": run["attempt"], "status": run["status"],
                    "error_code": run["error_code"], "error_message": run["error_message"],
                    "outcome": _jsonable({c: run[c] for c in OUTCOME_COLUMNS}),
                    "finished_at": run["finished_at"], "archived_at": now,
                })
                keep = is_imported(run["flags"])
                reset = {c: None for c in OUTCOME_COLUMNS}
                reset.update(tokens_in=0, tokens_out=0, cost_usd=0.0)
                if keep:
                    reset.update(parsed_resume=run["parsed_resume"], flags=run["flags"])
                conn.execute(sa.update(Run).where(Run.id == run_id).values(
                    **reset, status="queued", attempt=run["attempt"] + 1, transient_failures=0,
                    error_code=None, error_message=None, started_at=None, finished_at=None,
                    rq_job_id=job_id, updated_at=now))
                conn.execute(sa.insert(AuditEvent), {
                    "actor": actor, "action": "run_retried", "batch_id": run["batch_id"],
                    "run_id": run_id, "candidate_id": run["candidate_id"], "at": now,
                    "detail": {"attempt": run["attempt"] + 1}})
                retried.append((run_id, job_id))
    return retried, refused


def is_imported(flags: list[Any] | None) -> bool:
    """Whether a run came from ``import-parsed`` (its parsed resume is the input)."""
    return any(isinstance(f, dict) and f.get("code") == "imported" for f in flags or [])


def _jsonable(values: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in values.items()}


def failed_run_ids(url: str, batch_id: int) -> list[int]:
    with get_engine(url).connect() as conn:
        return list(conn.execute(
            sa.select(Run.id).where(Run.batch_id == batch_id, Run.status == "failed").order_by(Run.id)
        ).scalars())


def unfinished_runs(url: str) -> list[tuple[int, str, str | None, datetime]]:
    """(run id, status, rq job id, updated_at) of every active run of a batch that is not
    cancelled: what recovery checks against Redis."""
    with get_engine(url).connect() as conn:
        rows = conn.execute(
            sa.select(Run.id, Run.status, Run.rq_job_id, Run.updated_at)
            .join(Batch, Batch.id == Run.batch_id)
            .where(Run.status.in_(ACTIVE_STATUSES), Batch.cancelled_at.is_(None))
            .order_by(Run.id)
        )
        return [(r.id, r.status, r.rq_job_id, _aware(r.updated_at)) for r in rows]


def requeue_for_recovery(url: str, pairs: list[tuple[int, str]],
                         seen_job_ids: dict[int, str | None] | None = None) -> list[tuple[int, str]]:
    """Give each run (still active) a new job id and status ``queued``; returns the pairs
    actually requeued. With ``seen_job_ids`` (what recovery saw), a run that a job has
    claimed since is left to that job: recovery must not take a run from a live worker."""
    done = []
    now = utcnow()
    with get_engine(url).begin() as conn:
        for run_id, job_id in pairs:
            guard = [Run.id == run_id, Run.status.in_(ACTIVE_STATUSES)]
            if seen_job_ids is not None:
                seen = seen_job_ids.get(run_id)
                guard.append(Run.rq_job_id.is_(None) if seen is None else Run.rq_job_id == seen)
            if conn.execute(
                sa.update(Run).where(*guard).values(status="queued", rq_job_id=job_id, updated_at=now)
            ).rowcount:
                done.append((run_id, job_id))
        if done:
            conn.execute(sa.insert(AuditEvent), {"actor": "recovery", "action": "runs_recovered",
                                                 "at": now, "detail": {"runs": [r for r, _ in done]}})
    return done


# ---------------------------------------------------------------- review and write-back


def load_run(url: str, run_id: int) -> dict[str, Any]:
    with get_engine(url).connect() as conn:
        row = conn.execute(sa.select(Run).where(Run.id == run_id)).mappings().first()
    if row is None:
        raise LookupError(f"Run {run_id} does not exist.")
    return dict(row)


def record_decision(conn: sa.Connection, run: dict[str, Any], decision: str, reviewer: str,
                    edited_resume: dict[str, Any] | None, note: str | None) -> int:
    now = utcnow()
    decision_id = conn.execute(
        sa.insert(Decision).returning(Decision.id),
        {"run_id": run["id"], "decision": decision, "reviewer": reviewer,
         "edited_resume": edited_resume, "note": note, "created_at": now},
    ).scalar_one()
    conn.execute(sa.insert(AuditEvent), {
        "actor": reviewer, "action": f"run_{decision}", "batch_id": run["batch_id"],
        "run_id": run["id"], "candidate_id": run["candidate_id"], "at": now,
        "detail": {"decision_id": decision_id, "edited": edited_resume is not None},
    })
    return decision_id


def write_optimized_resume(conn: sa.Connection, run: dict[str, Any], decision_id: int,
                           resume: dict[str, Any], text: str, reviewer: str) -> int:
    """Make this resume the candidate's current version; earlier versions stay as history.
    Returns the new version number."""
    candidate_id = run["candidate_id"]
    latest = conn.execute(
        sa.select(sa.func.max(OptimizedResume.version)).where(OptimizedResume.candidate_id == candidate_id)
    ).scalar() or 0
    conn.execute(
        sa.update(OptimizedResume)
        .where(OptimizedResume.candidate_id == candidate_id, OptimizedResume.is_current)
        .values(is_current=False)
    )
    conn.execute(sa.insert(OptimizedResume), {
        "candidate_id": candidate_id, "run_id": run["id"], "decision_id": decision_id,
        "version": latest + 1, "is_current": True, "resume": resume, "text": text,
        "approved_by": reviewer, "created_at": utcnow(),
    })
    return latest + 1


# ---------------------------------------------------------------- retention


def purge_batches(url: str, older_than: timedelta) -> tuple[int, int]:
    """Delete batches created before now - ``older_than`` with their runs, attempts and
    decisions (cascade). Approved write-backs (optimized_resumes) stay: their run and
    decision links become NULL. Batches with runs still active are kept.
    Returns (batches deleted, runs deleted)."""
    cutoff = utcnow() - older_than
    with get_engine(url).begin() as conn:
        active = sa.select(Run.batch_id).where(Run.status.in_(ACTIVE_STATUSES))
        ids = list(conn.execute(
            sa.select(Batch.id).where(Batch.created_at < cutoff, Batch.id.not_in(active))
        ).scalars())
        if not ids:
            return 0, 0
        run_ids = sa.select(Run.id).where(Run.batch_id.in_(ids))
        # Explicit deletes, not only ON DELETE: the same on every backend and FK setting.
        conn.execute(sa.update(OptimizedResume).where(OptimizedResume.run_id.in_(run_ids))
                     .values(run_id=None, decision_id=None))
        conn.execute(sa.delete(Decision).where(Decision.run_id.in_(run_ids)))
        conn.execute(sa.delete(RunAttempt).where(RunAttempt.run_id.in_(run_ids)))
        runs = conn.execute(sa.delete(Run).where(Run.batch_id.in_(ids))).rowcount
        conn.execute(sa.delete(Batch).where(Batch.id.in_(ids)))
        conn.execute(sa.insert(AuditEvent), {"actor": "retention", "action": "purged",
                                             "at": utcnow(),
                                             "detail": {"batches": ids, "runs": runs}})
    return len(ids), runs
