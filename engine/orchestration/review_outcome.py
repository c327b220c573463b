"""What the Review page says and does beyond one decision: where an approved resume
went (honestly), and rejecting several runs at once."""

from __future__ import annotations

from engine.orchestration.review import reject_run
from settings import Settings


def written_to(settings: Settings) -> str:
    """Where an approved resume goes, as a recruiter reads it: the candidate table's
    column when a write-back column is mapped, else Tailor's own store only."""
    column = settings.candidate_table.writeback
    if column:
        return (f"written back to the candidate table {settings.candidate_table.table!r}, "
                f"column {column!r}")
    return ("saved in Tailor's own store only (no write-back column is mapped, so the "
            "candidate database is unchanged)")


def reject_runs(settings: Settings, run_ids: list[int], reviewer: str,
                note: str | None = None) -> list[int]:
    """Reject each run (a decision and an audit event apiece); returns the rejected."""
    for run_id in run_ids:
        reject_run(settings, run_id, reviewer, note)
    return list(run_ids)
