"""Review outcomes: approve (write back) or reject a run, and export a batch as CSV.

Approving writes the optimized (or reviewer-edited) resume to ``optimized_resumes`` in
one transaction with the decision and an audit event; re-approving makes the new version
current and keeps the old one as history. With ``candidate_table.writeback`` set, the
resume text also goes to that column of the candidate table: in the same transaction
when the candidates live in the app database, right after it otherwise.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, fields
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from db import store
from db.candidates import CandidateSource, open_candidate_source
from db.connection import get_engine
from db.errors import NotFound
from db.models import Decision, RunStatus, Verdict
from db.queries import ExportRow, export_rows
from engine.errors import ApprovalRefused
from engine.orchestration import webhooks
from engine.render.spreadsheet import formula_safe
from engine.resume import Resume
from settings import Settings

log = logging.getLogger(__name__)


def approve_run(settings: Settings, run_id: int, reviewer: str,
                edited_resume: Resume | None = None, note: str | None = None) -> int:
    """Approve a ready run and write its resume back; returns the candidate's version.
    The run is locked for the decision: approvals racing on one run make one version,
    and approving the same resume again is a no-op returning its version."""
    _check_reviewer(reviewer)
    source = _writeback_source(settings)
    same_db = settings.candidates_url == settings.database_url
    with _decision(settings) as conn:
        run = _locked(conn, run_id)
        if run.status != RunStatus.READY or run.optimized_resume is None:
            raise ApprovalRefused(f"Run {run_id} is {run.status}: only a ready result can be approved.")
        resume = edited_resume or Resume.model_validate(run.optimized_resume)
        dumped, text = resume.model_dump(mode="json"), resume.to_text()
        current = store.current_version(conn, run)
        if current and current[1] == dumped and store.latest_verdict(conn, run_id) == Verdict.APPROVED:
            return current[0]  # the same approval twice
        edited = edited_resume.model_dump(mode="json") if edited_resume else None
        decision_id = store.record_decision(conn, run, Verdict.APPROVED, reviewer, edited, note)
        version = store.write_optimized_resume(conn, run, decision_id, dumped, text, reviewer)
        if source is not None and same_db:
            source.write_back(conn, run.candidate_id, text)
    if source is not None and not same_db:
        with source.engine.begin() as conn:
            source.write_back(conn, run.candidate_id, text)
    webhooks.emit_run_approved(settings, run_id, version, reviewer)
    return version


REVIEWER_MAX = 200  # decisions.reviewer's length


def _check_reviewer(reviewer: str) -> None:
    if not reviewer.strip():
        raise ApprovalRefused("A reviewer name is required to approve.")
    if len(reviewer) > REVIEWER_MAX:
        raise ApprovalRefused(f"A reviewer name is at most {REVIEWER_MAX} characters.")


def _writeback_source(settings: Settings) -> CandidateSource | None:
    return (open_candidate_source(settings.candidates_url, settings.candidate_table)
            if settings.candidate_table.writeback else None)


@contextmanager
def _decision(settings: Settings) -> Iterator[sa.Connection]:
    """One decision's transaction; a database failure becomes a refusal a page shows
    (nothing was saved), never a traceback."""
    try:
        with get_engine(settings.database_url).begin() as conn:
            yield conn
    except sa.exc.SQLAlchemyError as error:
        log.warning("decision not saved: %s", error)
        raise ApprovalRefused("The decision was not saved: the database refused it "
                              f"({type(getattr(error, 'orig', None) or error).__name__}); try again.") from None


def _run_to_approve(settings: Settings, run_id: int) -> store.RunRecord:
    try:
        return store.load_run(settings.database_url, run_id)
    except NotFound as missing:
        raise ApprovalRefused(str(missing)) from None


def _locked(conn: sa.Connection, run_id: int) -> store.RunRecord:
    try:
        return store.lock_run(conn, run_id)
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
    """Record a rejection (and its audit event); returns the decision's id. Rejecting an
    approved run reverts its write-back to the previous version (history kept);
    rejecting twice is a no-op."""
    _check_reviewer(reviewer)
    with _decision(settings) as conn:
        run = _locked(conn, run_id)
        if store.latest_verdict(conn, run_id) == Verdict.REJECTED:
            return conn.execute(sa.select(sa.func.max(Decision.id))
                                .where(Decision.run_id == run_id)).scalar_one()
        decision_id = store.record_decision(conn, run, Verdict.REJECTED, reviewer, None, note)
        _revert_write_back(settings, conn, run)
    return decision_id


def _revert_write_back(settings: Settings, conn: sa.Connection, run: store.RunRecord) -> None:
    """Put the candidate's previous version back, in Tailor's store and the write-back
    column (in this transaction when the candidates live in the app database)."""
    reverted, text = store.revert_version(conn, run)
    source = _writeback_source(settings)
    if not reverted or source is None:
        return
    if settings.candidates_url == settings.database_url:
        source.write_back(conn, run.candidate_id, text)
    else:
        with source.engine.begin() as other:
            source.write_back(other, run.candidate_id, text)


def is_approved(settings: Settings, run_id: int) -> bool:
    with get_engine(settings.database_url).connect() as conn:
        return store.latest_verdict(conn, run_id) == Verdict.APPROVED


def clear_approval(settings: Settings, run_id: int, actor: str) -> bool:
    """Before an approved run is retried: a ``cleared`` decision and its write-back
    reverted, so nobody's approval stands on a result nobody reviewed. Returns whether
    there was an approval to clear."""
    with _decision(settings) as conn:
        run = _locked(conn, run_id)
        if store.latest_verdict(conn, run_id) != Verdict.APPROVED:
            return False
        store.record_decision(conn, run, Verdict.CLEARED, actor, None, "retried")
        _revert_write_back(settings, conn, run)
    return True


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
    # Names, notes and resume text are the candidate's or a reviewer's: never formulas.
    formula_safe(frame).to_csv(path, index=False)
    return len(frame)
