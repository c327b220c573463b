"""Tailor one parsed resume: optimize → score before → score after → claim check.

The one place this sequence lives; the worker's job, the worker's warm-up and
``bench.quality`` call ``tailor_resume``. Pure: the optimizer is handed in.
"""

from __future__ import annotations

from dataclasses import dataclass

from engine.claim_check import ClaimFinding, check_claims
from engine.resume import JobDescription, Resume
from engine.score import MatchScore, score_match
from engine.tailor.optimizer import Optimization, Optimizer


@dataclass(frozen=True)
class Tailored:
    """A resume tailored to a posting, with its scores and the claim check's findings."""

    original: Resume
    optimization: Optimization
    before: MatchScore
    after: MatchScore
    findings: list[ClaimFinding]

    @property
    def resume(self) -> Resume:
        """The tailored resume."""
        return self.optimization.resume


def tailor_resume(resume: Resume, job: JobDescription, optimizer: Optimizer) -> Tailored:
    """Raises the optimizer's TailorError (a refusal, a service failure, a transient one)."""
    optimization = optimizer(resume, job)
    return Tailored(
        original=resume,
        optimization=optimization,
        before=score_match(resume, job),
        after=score_match(optimization.resume, job),
        findings=check_claims(resume, optimization.resume),
    )
