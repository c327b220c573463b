"""The optimizer contract: ``(Resume, JobDescription) -> Optimization``.

Every optimizer, offline or Gemini, expresses its work as a list of edits against bullet
ids of the original resume. The optimized resume is always obtained by ``apply_edits``,
so review (accept or reject one edit) and the claim check treat all optimizers alike.
"""

from __future__ import annotations

from typing import Protocol

from pydantic import BaseModel, Field

from engine.resume import Resume


class JobDescription(BaseModel):
    title: str = ""
    text: str


class Edit(BaseModel):
    source_id: str = Field(description="bullet id, 'summary' or 'skills'")
    before: str
    after: str
    reason: str = ""
    position: int | None = Field(
        None,
        description="new 0-based place of the bullet within its entry; None keeps its place",
    )


class Optimization(BaseModel):
    edits: list[Edit] = Field(default_factory=list)
    resume: Resume
    model: str
    prompt_version: str
    tokens_in: int = 0
    tokens_out: int = 0
    cached_tokens: int = 0
    cost_usd: float = 0.0
    latency_s: float = 0.0
    notes: list[str] = Field(default_factory=list)


class Optimizer(Protocol):
    def __call__(self, resume: Resume, job: JobDescription) -> Optimization: ...


def apply_edits(resume: Resume, edits: list[Edit]) -> Resume:
    """A copy of ``resume`` with each edit's text put in place of its source id.

    Edits naming an id the resume does not have are ignored: an optimizer cannot add
    lines, only rewrite existing ones. ``skills`` takes a comma-separated list. An edit
    with a ``position`` also moves its bullet within its entry (bullets without one keep
    their index as sort key), so a reorder is a set of edits a reviewer can reject.
    """
    by_id = {e.source_id: e.after for e in edits}
    positions = {e.source_id: e.position for e in edits if e.position is not None}
    out = resume.model_copy(deep=True)
    if "summary" in by_id:
        out.summary = by_id["summary"]
    if "skills" in by_id and out.skills:
        out.skills = [s.strip() for s in by_id["skills"].split(",") if s.strip()]
    for entry in [*out.experience, *out.other_sections]:
        for bullet in entry.bullets:
            bullet.text = by_id.get(bullet.id, bullet.text)
        if positions:
            order = {b.id: (positions.get(b.id, i), i) for i, b in enumerate(entry.bullets)}
            entry.bullets.sort(key=lambda b: order[b.id])
    return out
