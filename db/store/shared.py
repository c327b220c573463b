"""What the store modules share: the outcome columns of a run, timestamps as read back."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

# Outcome columns cleared when a run is retried (kept in run_attempts.outcome).
OUTCOME_COLUMNS = (
    "parsed_resume", "optimized_resume", "edits", "score_before", "score_after", "scores",
    "claim_findings", "flags", "tokens_in", "tokens_out", "cost_usd", "model",
    "prompt_version", "input_hash", "step_seconds",
)


def cleared_outcome() -> dict[str, Any]:
    """Every outcome column at its empty value: a new run's, or a retried run's."""
    values: dict[str, Any] = dict.fromkeys(OUTCOME_COLUMNS)
    values.update(tokens_in=0, tokens_out=0, cost_usd=0.0)
    return values


def aware(value: datetime | None) -> datetime | None:
    """``value`` in UTC: SQLite hands back naive datetimes even for timezone=True columns."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value


def is_imported(flags: list[Any] | None) -> bool:
    """Whether a run came from ``import-parsed`` (its parsed resume is the input)."""
    return any(isinstance(f, dict) and f.get("code") == "imported" for f in flags or [])


class ByKey:
    """Also readable by key (``run["status"]``): callers written against the row dicts
    these typed records replace (the API, webhooks) keep working while they move to
    attributes."""

    def __getitem__(self, key: str) -> Any:
        return getattr(self, key)


@dataclass(frozen=True)
class RunLine(ByKey):
    """What every table of runs shows of one run: who, where it is, its error and scores."""

    id: int
    candidate_id: str
    candidate_name: str | None
    status: str
    attempt: int
    error_code: str | None
    error_message: str | None
    score_before: float | None
    score_after: float | None
