"""Review outcomes: approve (write back) or reject a run, and export a batch as CSV.

Approving writes the optimized (or reviewer-edited) resume to ``optimized_resumes`` in
one transaction with the decision and an audit event; re-approving makes the new version
current and keeps the old one as history. With ``candidate_table.writeback`` set, the
resume text also goes to that column of the candidate table: in the same transaction
when the candidates live in the app database, right after it otherwise.
"""

from __future__ import annotations

from dataclasses import asdict, fields
from pathlib import Path

import pandas as pd

from db import store
from db.candidates import open_candidate_source
from db.connection import get_engine
from db.errors import NotFound
from db.models import RunStatus, Verdict
from db.queries import ExportRow, export_rows
from engine.errors import ApprovalRefused
from engine.orchestration import webhooks
from engine.resume import Resume
from settings import Settings


def approve_run(settings: Settings, run_id: int, reviewer: str,
                edited_resume: Resume | None = None, note: str | None = None) -> int:
    """Approve a ready run and write its resume back; returns the candidate's new version."""
    if not reviewer.strip():
        raise ApprovalRefused("A reviewer name is required to approve.")
    run = _run_to_approve(settings, run_id)
    if run.status != RunStatus.READY or run.optimized_resume is None:
        raise ApprovalRefused(f"Run {run_id} is {run.status}: only a ready result can be approved.")
    resume = edited_resume or Resume.model_validate(run.optimized_resume)
    text = resume.to_text()
    edited = edited_resume.model_dump(mode="json") if edited_resume else None
    same_db = settings.candidates_url == settings.database_url
    source = (open_candidate_source(settings.candidates_url, settings.candidate_table)
              if settings.candidate_table.writeback else None)
    with get_engine(settings.database_url).begin() as conn:
        decision_id = store.record_decision(conn, run, Verdict.APPROVED, reviewer, edited, note)
        version = store.write_optimized_resume(conn, run, decision_id, resume.model_dump(mode="json"),
                                               text, reviewer)
        if source is not None and same_db:
            source.write_back(conn, run.candidate_id, text)
    if source is not None and not same_db:
        with source.engine.begin() as conn:
            source.write_back(conn, run.candidate_id, text)
    webhooks.emit_run_approved(settings, run_id, version, reviewer)
    return version


def _run_to_approve(settings: Settings, run_id: int) -> store.RunRecord:
    try:
        return store.load_run(settings.database_url, run_id)
    except NotFound as missing:
        raise ApprovalRefused(str(missing)) from None


def approve_runs(settings: Settings, run_ids: list[int], reviewer: str,
                 include_findings: bool = False) -> tuple[list[int], dict[int, str]]:
    """Bulk approve. A run whose claim check found something is refused unless
    ``include_findings`` (the reviewer looked). Returns (approved, {run: why refused})."""
    approved, refused = [], {}
    for run_id in run_ids:
        try:
            run = _run_to_approve(settings, run_id)
            if run.claim_findings and not include_findings:
                raise ApprovalRefused(f"Run {run_id} has claim-check findings: review it one by one.")
            approve_run(settings, run_id, reviewer)
            approved.append(run_id)
        except ApprovalRefused as error:
            refused[run_id] = str(error)
    return approved, refused


def reject_run(settings: Settings, run_id: int, reviewer: str, note: str | None = None) -> int:
    """Record a rejection (and its audit event); nothing is written back."""
    run = store.load_run(settings.database_url, run_id)
    with get_engine(settings.database_url).begin() as conn:
        return store.record_decision(conn, run, Verdict.REJECTED, reviewer, None, note)


def batch_frame(settings: Settings, batch_id: int) -> pd.DataFrame:
    """One row per run with its outcome and latest decision; the tailored resume as text."""
    rows = []
    for row in export_rows(settings.database_url, batch_id):
        values = asdict(row)
        resume = values.pop("optimized_resume")
        values["optimized_text"] = Resume.model_validate(resume).to_text() if resume else None
        rows.append(values)
    columns = [f.name for f in fields(ExportRow) if f.name != "optimized_resume"]
    return pd.DataFrame(rows, columns=[*columns, "optimized_text"])


def export_batch_csv(settings: Settings, batch_id: int, path: Path) -> int:
    frame = batch_frame(settings, batch_id)
    frame.to_csv(path, index=False)
    return len(frame)
