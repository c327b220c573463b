"""Reword edits planted on a processed run, as an optimizer that rewrites bullets (Gemini)
would leave them: the offline optimizer rewords few demo bullets, and review tests need
several edits to accept, reject and rewrite."""

from __future__ import annotations

import sqlalchemy as sa

from db.connection import get_engine
from db.models import Run
from engine.resume import Resume
from engine.tailor.optimizer import Edit, EditKind, apply_edits

# Phrases no demo resume says, so a test can tell which edit reached a document.
AFTER_TEXTS = (
    "Cut nightly batch latency by rebuilding the ingestion pipeline on Kafka",
    "Championed quarterly roadmap rituals across twelve distributed squads",
    "Mentored junior engineers through structured code review sessions",
)


def plant_reword_edits(url: str, run_id: int) -> list[Edit]:
    """Reword edits (e1, e2, …) of the run's first experience bullets, stored as the run's
    edits with the tailored resume they make; returns them."""
    with get_engine(url).begin() as conn:
        parsed = conn.execute(sa.select(Run.parsed_resume).where(Run.id == run_id)).scalar_one()
        resume = Resume.model_validate(parsed)
        bullets = [b for entry in resume.experience for b in entry.bullets][:len(AFTER_TEXTS)]
        assert len(bullets) == len(AFTER_TEXTS), "the demo resume has too few bullets"
        edits = [Edit(id=f"e{i}", kind=EditKind.REWORD, source_id=b.id, before=b.text, after=after,
                      reason=f"job keyword {i} up front")
                 for i, (b, after) in enumerate(zip(bullets, AFTER_TEXTS), 1)]
        conn.execute(sa.update(Run).where(Run.id == run_id).values(
            edits=[e.model_dump(mode="json") for e in edits],
            optimized_resume=apply_edits(resume, edits).model_dump(mode="json")))
    return edits
