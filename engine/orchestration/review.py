"""Review outcomes: approve (write back) or reject a run. (The CSV export is
``engine.orchestration.export``'s, shared by the Export page and the CLI.)

Approving writes the optimized (or reviewer-edited) resume to ``optimized_resumes`` in
one transaction with the decision and an audit event; re-approving makes the new version
current and keeps the old one as history. A reviewer who accepted only some edits, or
changed a line's text, approves with a ``ReviewChoice``: the resume written back (and
exported, which reads ``optimized_resumes``) is ``apply_review`` of the run's parsed
resume with exactly those choices, the one the Review page showed. With ``candidate_table.writeback`` set, the
resume text also goes to that column of the candidate table: in the same transaction
when the candidates live in the app database, right after it otherwise.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import sqlalchemy as sa

from db import store
from db.candidates import CandidateSource, open_candidate_source
from db.connection import get_engine
from db.errors import NotFound
from db.models import Decision, RunStatus, Verdict
from db.queries import approved_resume, run_decisions
from engine.errors import ApprovalRefused
from db.store.review_looks import looked_runs
from engine.orchestration import webhooks
from engine.parse.confidence import may_be_misread
from engine.resume import Resume
from engine.tailor.optimizer import Edit, EditKind, apply_review
from settings import Settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ReviewChoice:
    """What a reviewer chose on the Review page: the edits kept (by edit id) and their
    own text for lines they changed (by line id: a bullet id, ``summary``, ``skills``)."""

    accepted: frozenset[str]
    overrides: dict[str, str] = field(default_factory=dict)

    def reviewed_edits(self, edits: list[Edit]) -> list[Edit]:
        """The accepted edits, then one edit per line the reviewer rewrote: applied to the
        parsed resume they give ``reviewed_resume``'s result, so the page's diff of them
        shows exactly what is approved."""
        kept = [e for e in edits if e.id in self.accepted]
        before = {e.source_id: e.after for e in kept if e.kind != EditKind.MOVE}
        return kept + [
            Edit(id="yours", source_id=line_id, before=before.get(line_id, ""),
                 after=text, reason="the reviewer's own text",
                 kind=EditKind(line_id) if line_id in ("summary", "skills") else EditKind.REWORD)
            for line_id, text in self.overrides.items()
        ]

    def audit_detail(self, edits: list[Edit]) -> dict[str, list[str]]:
        """Which edits the reviewer rejected and which lines they rewrote."""
        return {"rejected_edits": [e.id for e in edits if e.id not in self.accepted],
                "edited_lines": sorted(self.overrides)}


def approved_choice(run: store.RunRecord, approved: Resume) -> ReviewChoice:
    """The choice that gives ``approved`` from this run's edits, so reopening an approved
    run starts from what was approved, not from every edit ticked: a text edit is
    accepted when its line changed (rewritten on top of the edit, the page's way, when
    it reads otherwise than the edit's after-text), a move when its bullet stands at its
    place; any other difference from what those choices give is the reviewer's own text."""
    original, edits = Resume.model_validate(run.parsed_resume), run_edits(run)
    now, was = approved.bullets(), original.bullets()
    places = {b.id: i for entry in [*approved.experience, *approved.other_sections]
              for i, b in enumerate(entry.bullets)}
    accepted = {e.id for e in edits if (places.get(e.source_id) == e.position
                                        if e.kind == EditKind.MOVE
                                        else now.get(e.source_id) != was.get(e.source_id))}
    expected = {**was, **{e.source_id: e.after for e in edits
                          if e.kind != EditKind.MOVE and e.id in accepted}}
    return ReviewChoice(frozenset(accepted),
                        {k: text for k, text in now.items() if text != expected.get(k)})


def standing_choice(url: str, run: store.RunRecord) -> ReviewChoice | None:
    """While the run's latest decision approves it: the choice its approved resume stands
    for (the Review page and the API reopen an approved run from it); else None."""
    history = run_decisions(url, run.id)
    standing = bool(history) and history[0].decision == Verdict.APPROVED
    approved = approved_resume(url, run.id) if standing else None
    return approved_choice(run, Resume.model_validate(approved)) if approved else None


def run_edits(run: store.RunRecord) -> list[Edit]:
    return [Edit.model_validate(e) for e in run.edits or []]


def reviewed_resume(run: store.RunRecord, choice: ReviewChoice) -> Resume:
    """The resume a reviewer approves with ``choice``: the run's parsed resume with the
    accepted edits and the reviewer's own line texts."""
    if run.parsed_resume is None:
        raise ApprovalRefused(f"Run {run.id} has no parsed resume to apply the review to.")
    return apply_review(Resume.model_validate(run.parsed_resume), run_edits(run),
                        set(choice.accepted), choice.overrides)


def approve_run(settings: Settings, run_id: int, reviewer: str,
                edited_resume: Resume | None = None, note: str | None = None,
                choice: ReviewChoice | None = None) -> int:
    """Approve a ready run and write its resume back; returns the candidate's version.
    With ``choice``, the resume is the one built from the reviewer's accepted edits and
    line texts (``reviewed_resume``). The run is locked for the decision: approvals
    racing on one run make one version, and approving the same resume again is a no-op
    returning its version."""
    _check_reviewer(reviewer)
    source = _writeback_source(settings)
    same_db = settings.candidates_url == settings.database_url
    with _decision(settings) as conn:
        run = _locked(conn, run_id)
        if run.status != RunStatus.READY or run.optimized_resume is None:
            raise ApprovalRefused(f"Run {run_id} is {run.status}: only a ready result can be approved.")
        if choice is not None:
            edited_resume = _changed(run, reviewed_resume(run, choice))
        resume = edited_resume or Resume.model_validate(run.optimized_resume)
        dumped, text = resume.model_dump(mode="json"), resume.to_text()
        current = store.current_version(conn, run)
        if current and current[1] == dumped and store.latest_verdict(conn, run_id) == Verdict.APPROVED:
            return current[0]  # the same approval twice
        edited = edited_resume.model_dump(mode="json") if edited_resume else None
        detail = choice.audit_detail(run_edits(run)) if choice else None
        decision_id = store.record_decision(conn, run, Verdict.APPROVED, reviewer, edited, note,
                                            detail)
        version = store.write_optimized_resume(conn, run, decision_id, dumped, text, reviewer)
        if source is not None and same_db:
            source.write_back(conn, run.candidate_id, text)
    if source is not None and not same_db:
        with source.engine.begin() as conn:
            source.write_back(conn, run.candidate_id, text)
    webhooks.emit_run_approved(settings, run_id, version, reviewer)
    return version


def _changed(run: store.RunRecord, resume: Resume) -> Resume | None:
    """``resume`` when it differs from the run's tailored resume (the reviewer changed
    something), else None: every edit kept as it was is a plain approval."""
    return None if resume == Resume.model_validate(run.optimized_resume) else resume


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
    ``include_findings`` (the reviewer looked); a run whose parse may have been misread
    (low parse confidence) is refused unless this reviewer opened it on the Review page.
    Returns (approved, {run: why refused})."""
    approved, refused = [], {}
    opened = looked_runs(settings.database_url, run_ids, reviewer)
    for run_id in run_ids:
        try:
            run = _run_to_approve(settings, run_id)
            if run.claim_findings and not include_findings:
                raise ApprovalRefused(f"Run {run_id} has claim-check findings: review it one by one.")
            if run_id not in opened and may_be_misread(parse_confidence(run)):
                raise ApprovalRefused(f"Run {run_id} may have been misread (parse confidence "
                                      f"{parse_confidence(run):.2f}): open it and check the "
                                      "original before approving.")
            approve_run(settings, run_id, reviewer)
            approved.append(run_id)
        except ApprovalRefused as error:
            refused[run_id] = str(error)
    return approved, refused


def parse_confidence(run: store.RunRecord) -> float | None:
    """The run's parse-confidence figure, as the parser stored it on the resume."""
    return (run.parsed_resume or {}).get("parse_confidence")


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
