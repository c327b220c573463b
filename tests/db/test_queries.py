"""The pages' read queries on SQLite and PostgreSQL: batch list counts, run rows with
finding counts and the latest decision, job descriptions, approved resumes."""

from __future__ import annotations

import uuid

import sqlalchemy as sa

from db import queries as q
from db import store
from db.connection import get_engine
from db.migrate import upgrade
from db.models import Run, RunStatus, SavedJobDescription, Verdict


def make_batch(url: str, title: str, candidates: list[str]) -> tuple[int, dict[str, int]]:
    with get_engine(url).begin() as conn:
        jd = conn.execute(sa.insert(SavedJobDescription).returning(SavedJobDescription.id),
                          {"title": title, "text": f"{title} text"}).scalar_one()
    batch_id, pairs = store.create_batch(
        url, job_description_id=jd, optimizer="offline", model="offline", created_by="t",
        runs=[store.NewRun(c, f"Name {c}") for c in candidates], estimated_cost_usd=0.0,
        job_id_for=lambda: f"job-{uuid.uuid4().hex[:8]}")
    ids = {r.candidate_id: r.id for r in store.run_steps(url, batch_id)}
    return batch_id, ids


def set_run(url: str, run_id: int, **values) -> None:
    with get_engine(url).begin() as conn:
        conn.execute(sa.update(Run).where(Run.id == run_id).values(**values))


def decide(url: str, run_id: int, decision: str) -> None:
    run = store.load_run(url, run_id)
    with get_engine(url).begin() as conn:
        decision_id = store.record_decision(conn, run, decision, "Rev", None, None)
        if decision == Verdict.APPROVED:
            store.write_optimized_resume(conn, run, decision_id, {"name": f"v{decision_id}"}, "t", "Rev")


def test_batches_runs_and_decisions(database_url: str):
    upgrade(database_url)
    first, _ = make_batch(database_url, "Old job", ["1"])
    batch_id, ids = make_batch(database_url, "Data Engineer", ["a", "b", "c", "d"])
    finding = {"kind": "number", "text": "40%", "source_id": "experience.0.0", "message": "m"}
    set_run(database_url, ids["a"], status=RunStatus.READY, score_before=20.0, score_after=30.0,
            claim_findings=[finding, finding],
            flags=[{"code": "hidden_text", "message": "x"},
                   {"code": "optimizer_note", "message": "Job keywords with no evidence: Go"}])
    set_run(database_url, ids["b"], status=RunStatus.READY, claim_findings=[])
    set_run(database_url, ids["c"], status=RunStatus.FAILED, error_code="resume_empty",
            error_message="This candidate has no resume stored.")
    decide(database_url, ids["a"], Verdict.REJECTED)
    decide(database_url, ids["a"], Verdict.APPROVED)  # the latest decision counts
    decide(database_url, ids["b"], Verdict.REJECTED)

    listed = q.batches(database_url)
    assert [b.id for b in listed] == [batch_id, first]
    newest = listed[0]
    assert (newest.title, newest.total, newest.ready, newest.failed, newest.active,
            newest.approved, newest.cancelled) == ("Data Engineer", 4, 2, 1, 1, 1, False)

    rows = {r.candidate_id: r for r in q.batch_runs(database_url, batch_id)}
    assert list(rows) == ["a", "b", "c", "d"]
    # a note informs; only the hidden text asks for a look before bulk approval
    assert (rows["a"].findings, rows["a"].flags, rows["a"].decision) == (2, 1, Verdict.APPROVED)
    assert (rows["b"].findings, rows["b"].decision) == (0, Verdict.REJECTED)
    assert rows["c"].error_message == "This candidate has no resume stored."
    assert rows["d"].status == RunStatus.QUEUED and rows["d"].decision is None

    decisions = q.run_decisions(database_url, ids["a"])
    assert [d.decision for d in decisions] == [Verdict.APPROVED, Verdict.REJECTED]
    assert q.approved_resume(database_url, ids["a"])["name"].startswith("v")
    assert q.approved_resume(database_url, ids["b"]) is None
    assert [j.title for j in q.job_descriptions(database_url)] == ["Data Engineer", "Old job"]
