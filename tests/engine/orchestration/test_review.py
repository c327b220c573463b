"""Approve / reject with write-back, CSV export, retention and import of parsed resumes,
on SQLite and PostgreSQL. Runs are processed in-process by the job function itself
(worker subprocesses are covered in test_batches and test_recovery)."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import timedelta

import pandas as pd
import pytest
import sqlalchemy as sa

from db import store
from db.connection import get_engine
from db.models import AuditEvent, Batch, Decision, OptimizedResume, Run, RunStatus, Verdict, utcnow
from demo.seed import candidates_table
from db.exports import ExportFilter
from engine.orchestration.batches import start_batch
from engine.orchestration.export import export_csv
from engine.orchestration.imports import import_parsed
from engine.orchestration.jobs import process_run
from engine.resume import Resume
from engine.orchestration.retention import purge_older_than
from engine.orchestration.review import ApprovalRefused, approve_run, approve_runs, reject_run
from tests.support.batches import JOB, Tailor, clear_queue, make_tailor, set_resume


@pytest.fixture
def tailor(database_url: str, redis_url: str, monkeypatch) -> Iterator[Tailor]:
    tailor = make_tailor(database_url, redis_url, 6)
    with get_engine(database_url).begin() as conn:
        conn.execute(sa.text("ALTER TABLE candidates ADD COLUMN tailored_resume TEXT"))
    tailor.env["TAILOR_CANDIDATE_TABLE"] = json.dumps({"writeback": "tailored_resume"})
    for name, value in tailor.env.items():
        monkeypatch.setenv(name, value)
    yield tailor
    clear_queue(tailor)


def processed_batch(tailor: Tailor, ids: list[str]) -> dict[str, int]:
    """Start a batch and process it with the job function; {candidate id: run id}."""
    batch_id = start_batch(tailor.settings, ids, JOB, "tester")
    runs = {r.candidate_id: r.id for r in store.run_steps(tailor.settings.database_url, batch_id)}
    process_run(runs[ids[0]])  # takes on the whole batch (fewer runs than its budget)
    return runs


def written_back(tailor: Tailor, candidate_id: int) -> str | None:
    with get_engine(tailor.settings.database_url).connect() as conn:
        return conn.execute(sa.text("SELECT tailored_resume FROM candidates WHERE id = :i"),
                            {"i": candidate_id}).scalar()


def test_approve_writes_back_in_one_transaction_and_reapproval_keeps_history(tailor: Tailor):
    settings = tailor.settings
    set_resume(settings.database_url, 3, None, None)
    runs = processed_batch(tailor, ["1", "2", "3"])
    assert tailor.statuses(store.load_run(settings.database_url, runs["1"]).batch_id) == {
        "1": RunStatus.READY, "2": RunStatus.READY, "3": RunStatus.FAILED}

    assert approve_run(settings, runs["1"], "ann") == 1
    optimized = Resume.model_validate(store.load_run(settings.database_url, runs["1"]).optimized_resume)
    assert written_back(tailor, 1) == optimized.to_text()

    edited = optimized.model_copy(update={"summary": "Reviewer's own summary."})
    assert approve_run(settings, runs["1"], "bob", edited_resume=edited, note="tone") == 2
    assert written_back(tailor, 1) == edited.to_text()

    reject_run(settings, runs["2"], "ann", note="not a fit")
    with pytest.raises(ApprovalRefused, match="failed"):
        approve_run(settings, runs["3"], "ann")

    with get_engine(settings.database_url).connect() as conn:
        versions = conn.execute(sa.select(OptimizedResume.candidate_id, OptimizedResume.version,
                                          OptimizedResume.is_current, OptimizedResume.approved_by,
                                          OptimizedResume.text)
                                .order_by(OptimizedResume.id)).all()
        decisions = conn.execute(sa.select(Decision.run_id, Decision.decision, Decision.reviewer,
                                           Decision.edited_resume).order_by(Decision.id)).all()
        actions = conn.execute(sa.select(AuditEvent.action, AuditEvent.run_id)
                               .where(AuditEvent.run_id.is_not(None))).all()
    assert [(v.candidate_id, v.version, v.is_current, v.approved_by) for v in versions] == [
        ("1", 1, False, "ann"), ("1", 2, True, "bob")]
    assert "Reviewer's own summary." in versions[1].text
    assert [(d.run_id, d.decision, d.reviewer) for d in decisions] == [
        (runs["1"], Verdict.APPROVED, "ann"), (runs["1"], Verdict.APPROVED, "bob"),
        (runs["2"], Verdict.REJECTED, "ann")]
    assert decisions[0].edited_resume is None and decisions[1].edited_resume["summary"]
    assert sorted(actions) == sorted([("run_approved", runs["1"]), ("run_approved", runs["1"]),
                                      ("run_rejected", runs["2"])])
    assert written_back(tailor, 2) is None


def test_bulk_approve_refuses_results_with_claim_findings(tailor: Tailor):
    settings = tailor.settings
    runs = processed_batch(tailor, ["1", "2"])
    finding = {"kind": "number", "text": "40%", "source_id": "experience.0.0",
               "message": "40% is not in the original resume."}
    with get_engine(settings.database_url).begin() as conn:
        conn.execute(sa.update(Run).where(Run.id == runs["2"]).values(claim_findings=[finding]))
        conn.execute(sa.update(Run).where(Run.id == runs["1"]).values(claim_findings=[]))
    approved, refused = approve_runs(settings, [runs["1"], runs["2"]], "ann")
    assert approved == [runs["1"]] and "claim-check findings" in refused[runs["2"]]
    assert approve_runs(settings, [runs["2"]], "ann", include_findings=True) == ([runs["2"]], {})


def test_export_csv_of_all_runs_has_one_row_per_run_with_decision(tailor: Tailor):
    settings = tailor.settings
    runs = processed_batch(tailor, ["1", "2", "4"])
    approve_run(settings, runs["2"], "ann")
    batch_id = store.load_run(settings.database_url, runs["1"]).batch_id
    text = export_csv(settings, ExportFilter(batch_id=batch_id, include_all=True))
    frame = pd.read_csv(io.StringIO(text), dtype={"candidate_id": str})
    assert list(frame["candidate_id"]) == ["1", "2", "4"]
    assert list(frame["status"]) == [RunStatus.READY] * 3
    assert frame.set_index("candidate_id").loc["2", "decision"] == Verdict.APPROVED
    assert frame["decision"].isna().sum() == 2
    assert frame["optimized_text"].str.len().min() > 100


def test_purge_deletes_old_batches_but_never_approved_write_backs(tailor: Tailor):
    settings = tailor.settings
    old = processed_batch(tailor, ["1", "2"])
    approve_run(settings, old["1"], "ann")
    recent = processed_batch(tailor, ["3"])
    old_batch = store.load_run(settings.database_url, old["1"]).batch_id
    with get_engine(settings.database_url).begin() as conn:
        conn.execute(sa.update(Batch).where(Batch.id == old_batch)
                     .values(created_at=utcnow() - timedelta(days=31)))

    assert purge_older_than(settings) == (1, 2)  # default: 30 days
    assert purge_older_than(settings) == (0, 0)
    with get_engine(settings.database_url).connect() as conn:
        remaining = conn.execute(sa.select(Run.id)).scalars().all()
        written = conn.execute(sa.select(OptimizedResume.candidate_id, OptimizedResume.run_id,
                                         OptimizedResume.is_current)).all()
        decisions = conn.execute(sa.select(sa.func.count()).select_from(Decision)).scalar()
    assert remaining == [recent["3"]]
    assert [(w.candidate_id, w.run_id, w.is_current) for w in written] == [("1", None, True)]
    assert decisions == 0
    assert written_back(tailor, 1)


def test_import_parsed_validates_each_file_and_reports_refusals(tailor: Tailor, tmp_path):
    settings = tailor.settings
    runs = processed_batch(tailor, ["1", "2"])
    parsed = store.load_run(settings.database_url, runs["1"]).parsed_resume
    folder = tmp_path / "parsed"
    folder.mkdir()
    (folder / "c-100.json").write_text(json.dumps(parsed))
    (folder / "wrapped.json").write_text(json.dumps({"candidate_id": "c-200", "resume": parsed}))
    (folder / "broken.json").write_text("{not json")
    (folder / "wrong.json").write_text(json.dumps({"experience": "ten years"}))
    (folder / "empty.json").write_text(json.dumps({}))
    (folder / "c-200.json").write_text(json.dumps(parsed))  # same candidate twice
    (folder / "notes.txt").write_text("ignored: not JSON")

    report = import_parsed(settings, folder, None, "ann")
    assert sorted(report.imported) == ["c-100", "c-200"]
    assert set(report.refused) == {"broken.json", "wrong.json", "empty.json", "wrapped.json"}
    assert "not valid JSON" in report.refused["broken.json"]
    assert "experience" in report.refused["wrong.json"]
    assert "empty" in report.refused["empty.json"]
    assert "already imported" in report.refused["wrapped.json"]
    imported = {r.candidate_id: r for r in store.run_steps(settings.database_url, report.batch_id)}
    assert {c: r.status for c, r in imported.items()} == {"c-100": RunStatus.READY, "c-200": RunStatus.READY}

    # With a job description the imported resumes are tailored, starting from the parse.
    (folder / "wrapped.json").unlink()
    report = import_parsed(settings, folder, JOB, "ann")
    first = store.run_steps(settings.database_url, report.batch_id)[0].id
    process_run(first)
    run = store.load_run(settings.database_url, first)
    assert run.status == RunStatus.READY and run.optimized_resume and run.score_after is not None
    assert run.parsed_resume == parsed
    assert any(f.get("code") == "imported" for f in run.flags)
