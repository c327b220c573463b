"""One decision at a time per run (issue 12, item 6), on SQLite and PostgreSQL: racing
approvals make one version and one write-back, the same decision twice is a no-op,
rejecting after approving reverts the write-back (history kept), retrying an approved
run needs confirmation and withdraws the approval, and database trouble is a refusal."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from db import store
from db.connection import get_engine
from db.errors import RunStateError
from db.models import AuditEvent, Decision, OptimizedResume, RunStatus, Verdict
from engine.orchestration.batches import retry_run, start_batch
from engine.orchestration.jobs import process_run
from engine.orchestration.review import ApprovalRefused, approve_run, reject_run
from engine.resume import Resume
from tests.support.batches import JOB, Tailor, clear_queue, make_tailor


@pytest.fixture
def tailor(database_url: str, redis_url: str, monkeypatch) -> Iterator[Tailor]:
    tailor = make_tailor(database_url, redis_url, 4)
    with get_engine(database_url).begin() as conn:
        conn.execute(sa.text("ALTER TABLE candidates ADD COLUMN tailored_resume TEXT"))
    tailor.env["TAILOR_CANDIDATE_TABLE"] = json.dumps({"writeback": "tailored_resume"})
    for name, value in tailor.env.items():
        monkeypatch.setenv(name, value)
    yield tailor
    clear_queue(tailor)


def _runs(tailor: Tailor, ids: list[str]) -> dict[str, int]:
    batch_id = start_batch(tailor.settings, ids, JOB, "tester")
    runs = {r.candidate_id: r.id for r in store.run_steps(tailor.settings.database_url, batch_id)}
    process_run(runs[ids[0]])
    return runs


def _race(count: int, action) -> list[object]:
    barrier, results = threading.Barrier(count), []

    def one(i: int) -> None:
        barrier.wait()
        try:
            results.append(action(i))
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            results.append(error)

    threads = [threading.Thread(target=one, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _writebacks(url: str) -> list[str]:
    """Every UPDATE of the candidate table this process sends, from now on."""
    seen: list[str] = []

    def listen(_conn, _cursor, statement, *_args) -> None:
        if statement.lstrip().upper().startswith("UPDATE CANDIDATES"):
            seen.append(statement)
    sa.event.listen(get_engine(url), "before_cursor_execute", listen)
    return seen


def _versions(url: str, candidate_id: str) -> list[tuple[int, bool]]:
    with get_engine(url).connect() as conn:
        return [tuple(r) for r in conn.execute(
            sa.select(OptimizedResume.version, OptimizedResume.is_current)
            .where(OptimizedResume.candidate_id == candidate_id).order_by(OptimizedResume.version))]


def _written_back(url: str, candidate_id: str) -> str | None:
    with get_engine(url).connect() as conn:
        return conn.execute(sa.text("SELECT tailored_resume FROM candidates WHERE id = :i"),
                            {"i": int(candidate_id)}).scalar()


def test_racing_approvals_make_one_version_and_one_write_back(tailor: Tailor):
    url = tailor.settings.database_url
    run_id = _runs(tailor, ["1"])["1"]
    updates = _writebacks(url)
    results = _race(4, lambda i: approve_run(tailor.settings, run_id, f"reviewer{i}@example.com"))
    assert results == [1, 1, 1, 1]  # no exception, no second version
    assert _versions(url, "1") == [(1, True)]
    assert len(updates) == 1
    with get_engine(url).connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(Decision)).scalar() == 1
        assert conn.execute(sa.select(sa.func.count()).select_from(AuditEvent)
                            .where(AuditEvent.action == "run_approved")).scalar() == 1


def test_racing_approve_and_reject_end_consistent(tailor: Tailor):
    url = tailor.settings.database_url
    run_id = _runs(tailor, ["1"])["1"]
    _race(4, lambda i: (approve_run if i % 2 else reject_run)(tailor.settings, run_id, f"r{i}"))
    with get_engine(url).connect() as conn:
        verdict = store.latest_verdict(conn, run_id)
    current = [v for v, is_current in _versions(url, "1") if is_current]
    if verdict == Verdict.APPROVED:
        assert len(current) == 1 and _written_back(url, "1")
    else:
        assert current == [] and _written_back(url, "1") is None


def test_reject_after_approve_reverts_to_the_previous_version(tailor: Tailor):
    settings, url = tailor.settings, tailor.settings.database_url
    first = _runs(tailor, ["1"])["1"]
    second = _runs(tailor, ["1"])["1"]
    assert approve_run(settings, first, "ann") == 1
    first_text = _written_back(url, "1")
    edited = Resume.model_validate(store.load_run(url, second).optimized_resume).model_copy(
        update={"summary": "The second run's summary."})
    assert approve_run(settings, second, "bob", edited_resume=edited) == 2
    assert "second run's summary" in _written_back(url, "1")

    reject_run(settings, second, "carol", note="wrong person")
    assert _versions(url, "1") == [(1, True), (2, False)]  # history kept
    assert _written_back(url, "1") == first_text
    decisions = reject_run(settings, second, "carol")  # twice: no new decision
    with get_engine(url).connect() as conn:
        rejected = conn.execute(sa.select(Decision.id).where(
            Decision.run_id == second, Decision.decision == Verdict.REJECTED)).scalars().all()
    assert rejected == [decisions]

    reject_run(settings, first, "carol")
    assert _versions(url, "1") == [(1, False), (2, False)]
    assert _written_back(url, "1") is None


def test_retrying_an_approved_run_needs_confirmation_and_clears_the_approval(tailor: Tailor):
    settings, url = tailor.settings, tailor.settings.database_url
    run_id = _runs(tailor, ["2"])["2"]
    approve_run(settings, run_id, "ann")
    with pytest.raises(RunStateError, match="Confirm"):
        retry_run(settings, run_id, "bob")
    assert store.load_run(url, run_id).status == RunStatus.READY
    retry_run(settings, run_id, "bob", confirm_approved=True)
    assert store.load_run(url, run_id).status == RunStatus.QUEUED
    with get_engine(url).connect() as conn:
        assert store.latest_verdict(conn, run_id) == Verdict.CLEARED
    assert _versions(url, "2") == [(1, False)] and _written_back(url, "2") is None


def test_reviewer_names_are_bounded_and_missing_runs_refused(tailor: Tailor):
    run_id = _runs(tailor, ["3"])["3"]
    with pytest.raises(ApprovalRefused, match="at most 200"):
        approve_run(tailor.settings, run_id, "x" * 201)
    with pytest.raises(ApprovalRefused, match="does not exist"):
        reject_run(tailor.settings, 10_000, "ann")


def test_a_database_failure_is_a_refusal_not_a_traceback(tailor: Tailor):
    run_id = _runs(tailor, ["4"])["4"]
    with get_engine(tailor.settings.database_url).begin() as conn:
        conn.execute(sa.text("DROP TABLE optimized_resumes"))
    with pytest.raises(ApprovalRefused, match="not saved"):
        approve_run(tailor.settings, run_id, "ann")
