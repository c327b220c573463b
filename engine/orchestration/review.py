"""Review outcomes: approve (write back) or reject a run, and export a batch as CSV.

Approving writes the optimized (or reviewer-edited) resume to ``optimized_resumes`` in
one transaction with the decision and an audit event; re-approving makes the new version
current and keeps the old one as history. With ``candidate_table.writeback`` set, the
resume text also goes to that column of the candidate table: in the same transaction
when the candidates live in the app database, right after it otherwise.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from db import store
from db.candidates import open_candidate_source
from db.connection import get_engine
from db.models import Decision, Run
from engine.errors import ApprovalRefused
from engine.orchestration import webhooks
from engine.resume import Resume
from settings import Settings


def approve_run(settings: Settings, run_id: int, reviewer: str,
                edited_resume: Resume | None = None, note: str | None = None) -> int:
    """Approve a ready run and write its resume back; returns the candidate's new version."""
    if not reviewer.strip():
        raise ApprovalRefused("A reviewer name is required to approve.")
    run = store.load_run(settings.database_url, run_id)
    if run["status"] != "ready" or run["optimized_resume"] is None:
        raise ApprovalRefused(f"Run {run_id} is {run['status']}: only a ready result can be approved.")
    resume = edited_resume or Resume.model_validate(run["optimized_resume"])
    text = resume.to_text()
    edited = edited_resume.model_dump(mode="json") if edited_resume else None
    same_db = settings.candidates_url == settings.database_url
    source = (open_candidate_source(settings.candidates_url, settings.candidate_table)
              if settings.candidate_table.writeback else None)
    with get_engine(settings.database_url).begin() as conn:
        decision_id = store.record_decision(conn, run, "approved", reviewer, edited, note)
        version = store.write_optimized_resume(conn, run, decision_id, resume.model_dump(mode="json"),
                                               text, reviewer)
        if source is not None and same_db:
            source.write_back(conn, run["candidate_id"], text)
    if source is not None and not same_db:
        with source.engine.begin() as conn:
            source.write_back(conn, run["candidate_id"], text)
    webhooks.emit_run_approved(settings, run_id, version, reviewer)
    return version


def approve_runs(settings: Settings, run_ids: list[int], reviewer: str,
                 include_findings: bool = False) -> tuple[list[int], dict[int, str]]:
    """Bulk approve. A run whose claim check found something is refused unless
    ``include_findings`` (the reviewer looked). Returns (approved, {run: why refused})."""
    approved, refused = [], {}
    for run_id in run_ids:
        try:
            run = store.load_run(settings.database_url, run_id)
            if run["claim_findings"] and not include_findings:
                raise ApprovalRefused(f"Run {run_id} has claim-check findings: review it one by one.")
            approve_run(settings, run_id, reviewer)
            approved.append(run_id)
        except (ApprovalRefused, LookupError) as error:
            refused[run_id] = str(error)
    return approved, refused


def reject_run(settings: Settings, run_id: int, reviewer: str, note: str | None = None) -> int:
    """Record a rejection (and its audit event); nothing is written back."""
    run = store.load_run(settings.database_url, run_id)
    with get_engine(settings.database_url).begin() as conn:
        return store.record_decision(conn, run, "rejected", reviewer, None, note)


def batch_frame(settings: Settings, batch_id: int) -> pd.DataFrame:
    """One row per run with its outcome and latest decision."""
    latest = (sa.select(Decision.run_id, sa.func.max(Decision.id).label("decision_id"))
              .group_by(Decision.run_id).subquery())
    sql = (
        sa.select(Run.id.label("run_id"), Run.candidate_id, Run.candidate_name, Run.status,
                  Run.attempt, Run.error_code, Run.error_message, Run.score_before,
                  Run.score_after, Run.tokens_in, Run.tokens_out, Run.cost_usd, Run.model,
                  Decision.decision, Decision.reviewer, Run.optimized_resume)
        .outerjoin(latest, latest.c.run_id == Run.id)
        .outerjoin(Decision, Decision.id == latest.c.decision_id)
        .where(Run.batch_id == batch_id).order_by(Run.id)
    )
    with get_engine(settings.database_url).connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(sql)]
    for row in rows:
        resume = row.pop("optimized_resume")
        row["optimized_text"] = Resume.model_validate(resume).to_text() if resume else None
    return pd.DataFrame(rows, columns=[c.name for c in sql.selected_columns
                                       if c.name != "optimized_resume"] + ["optimized_text"])


def export_batch_csv(settings: Settings, batch_id: int, path: Path) -> int:
    frame = batch_frame(settings, batch_id)
    frame.to_csv(path, index=False)
    return len(frame)
