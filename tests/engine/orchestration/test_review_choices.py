"""Approval with the reviewer's choices (some edits rejected, a line rewritten) stores,
writes back and exports exactly that resume, with the choices in the audit event; a run
whose parse may have been misread is refused by bulk approval until its reviewer opened
it. On SQLite and PostgreSQL, runs processed in-process by the job function."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from db import store
from db.connection import get_engine
from db.models import AuditEvent, Decision, Run
from db.queries import approved_resume, batch_runs, export_rows
from db.store.review_looks import mark_looked
from engine.orchestration.review import (
    ReviewChoice,
    approve_run,
    approve_runs,
    approved_choice,
    run_edits,
)
from engine.parse.confidence import MISREAD_BELOW
from engine.resume import Resume
from engine.tailor.optimizer import apply_edits, apply_review
from tests.engine.orchestration.test_review import processed_batch, tailor  # noqa: F401
from tests.support.batches import Tailor
from tests.support.review_edits import plant_reword_edits


def ready_runs(tailor: Tailor) -> list[store.RunRecord]:
    runs = processed_batch(tailor, ["1", "2", "3"])
    return [store.load_run(tailor.settings.database_url, run_id) for run_id in runs.values()]


def test_approval_stores_writes_back_and_exports_exactly_the_reviewed_resume(tailor: Tailor):
    url = tailor.settings.database_url
    planted = ready_runs(tailor)[0]
    edits = plant_reword_edits(url, planted.id)
    run = store.load_run(url, planted.id)
    rejected, rewritten = edits[1], edits[2]
    choice = ReviewChoice(frozenset(e.id for e in run_edits(run) if e.id != rejected.id),
                          {rewritten.source_id: "Rewritten by the reviewer: led the night shift."})
    parsed = Resume.model_validate(run.parsed_resume)
    expected = apply_review(parsed, run_edits(run), set(choice.accepted), choice.overrides)
    # What the page shows (the diff of reviewed_edits) is what is approved.
    assert apply_edits(parsed, choice.reviewed_edits(run_edits(run))) == expected

    approve_run(tailor.settings, run.id, "ann", choice=choice)

    assert Resume.model_validate(approved_resume(url, run.id)) == expected
    text = expected.to_text()
    assert "Rewritten by the reviewer: led the night shift." in text
    assert rejected.after not in text and rejected.before in text
    assert edits[0].after in text
    with get_engine(url).connect() as conn:
        written = conn.execute(sa.text("SELECT tailored_resume FROM candidates WHERE id = :i"),
                               {"i": int(run.candidate_id)}).scalar()
        event = conn.execute(sa.select(AuditEvent.detail).where(
            AuditEvent.run_id == run.id, AuditEvent.action == "run_approved")).scalar_one()
        stored = conn.execute(sa.select(Decision.edited_resume).where(
            Decision.run_id == run.id)).scalar_one()
    assert written == text
    assert event["rejected_edits"] == [rejected.id]
    assert event["edited_lines"] == [rewritten.source_id]
    assert Resume.model_validate(stored) == expected
    exported = next(r for r in export_rows(url, run.batch_id) if r.run_id == run.id)
    assert Resume.model_validate(exported.optimized_resume) == expected
    # Reopened, the run starts from what was approved.
    assert approved_choice(run, expected) == choice


def test_keeping_every_edit_is_a_plain_approval(tailor: Tailor):
    url = tailor.settings.database_url
    run = ready_runs(tailor)[0]
    everything = ReviewChoice(frozenset(e.id for e in run_edits(run)))
    approve_run(tailor.settings, run.id, "ann", choice=everything)
    assert approved_resume(url, run.id) == run.optimized_resume
    with get_engine(url).connect() as conn:
        assert conn.execute(sa.select(Decision.edited_resume)
                            .where(Decision.run_id == run.id)).scalar_one() is None


def test_bulk_approval_refuses_a_possible_misread_until_its_reviewer_opened_it(tailor: Tailor):
    url = tailor.settings.database_url
    first, second, third = ready_runs(tailor)
    low = MISREAD_BELOW - 0.2
    with get_engine(url).begin() as conn:
        conn.execute(sa.update(Run).values(claim_findings=[]))
        conn.execute(sa.update(Run).where(Run.id == second.id).values(
            parsed_resume={**second.parsed_resume, "parse_confidence": low}))
    rows = {r.id: r for r in batch_runs(url, first.batch_id)}
    assert rows[second.id].confidence == pytest.approx(low)
    assert rows[first.id].confidence == first.parsed_resume["parse_confidence"]

    approved, refused = approve_runs(tailor.settings, [first.id, second.id], "ann")
    assert approved == [first.id]
    assert "may have been misread" in refused[second.id]
    mark_looked(url, second.id, "bob")  # another reviewer's look does not count
    assert second.id in approve_runs(tailor.settings, [second.id], "ann")[1]
    mark_looked(url, second.id, "ann")
    assert approve_runs(tailor.settings, [second.id, third.id], "ann") == ([second.id, third.id], {})
