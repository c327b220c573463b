"""The optimizer contract: ``(Resume, JobDescription) -> Optimization``.

Every optimizer, offline or Gemini, expresses its work as a list of edits against line
ids of the original resume. The optimized resume is always obtained by ``apply_edits``,
so review (accept or reject one edit, or edit its text) and the claim check treat all
optimizers alike, and ``apply_review`` builds exactly what a reviewer approved.

Each edit has an id (``e1``, ``e2``… within one optimization) and a kind: ``reword``
(a line's words changed), ``move`` (a bullet's place within its role changed; its text
not), ``summary`` and ``skills``. A bullet both moved and reworded has two edits, so the
reviewer can take one without the other.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, Protocol

from pydantic import BaseModel, Field, model_validator

from engine.resume import JobDescription, Resume


class EditKind(str, Enum):
    REWORD = "reword"
    MOVE = "move"
    SUMMARY = "summary"
    SKILLS = "skills"


class Edit(BaseModel):
    id: str = Field("", description="e1, e2, … within one optimization")
    kind: EditKind = EditKind.REWORD
    source_id: str = Field(description="bullet id, 'summary' or 'skills'")
    before: str
    after: str
    reason: str = ""
    position: int | None = Field(
        None,
        description="move edits: new 0-based place of the bullet within its entry",
    )

    @model_validator(mode="before")
    @classmethod
    def _kind_from_target(cls, data: Any) -> Any:
        """Edits stored before kinds existed get theirs from what they change."""
        if isinstance(data, dict) and not data.get("kind"):
            source = data.get("source_id")
            if source in ("summary", "skills"):
                kind = source
            elif data.get("position") is not None and data.get("before") == data.get("after"):
                kind = "move"
            else:
                kind = "reword"
            data = {**data, "kind": kind}
        return data


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


def numbered(edits: list[Edit]) -> list[Edit]:
    """``edits`` with ids e1, e2, … in order (ids already set are kept)."""
    return [e if e.id else e.model_copy(update={"id": f"e{i}"}) for i, e in enumerate(edits, 1)]


def apply_edits(resume: Resume, edits: list[Edit]) -> Resume:
    """A copy of ``resume`` with each edit's text put in place of its source id.

    Edits naming an id the resume does not have are ignored: an optimizer cannot add
    lines, only rewrite existing ones. ``skills`` takes a comma-separated list. A move
    edit's ``position`` moves its bullet within its entry (bullets without one keep their
    index as sort key); its text is left to the reword edit, if any.
    """
    texts = {e.source_id: e.after for e in edits if e.kind != EditKind.MOVE}
    positions = {e.source_id: e.position for e in edits if e.position is not None}
    out = resume.model_copy(deep=True)
    if "summary" in texts:
        out.summary = texts["summary"]
    if "skills" in texts and out.skills:
        out.skills = [s.strip() for s in texts["skills"].split(",") if s.strip()]
    for entry in [*out.experience, *out.other_sections]:
        for bullet in entry.bullets:
            bullet.text = texts.get(bullet.id, bullet.text)
        if positions:
            entry.bullets = _placed(entry.bullets, positions)
    return out


def _placed(bullets: list, positions: dict[str, int | None]) -> list:
    """``bullets`` with each moved one at its new place and the others filling the free
    places in their original order, so any subset of move edits gives a sane order."""
    slots: list = [None] * len(bullets)
    moved = sorted((positions[b.id], i) for i, b in enumerate(bullets) if positions.get(b.id) is not None)
    for position, index in moved:
        place = min(max(position or 0, 0), len(slots) - 1)
        while slots[place] is not None:  # two bullets asked for one place: next free one
            place = (place + 1) % len(slots)
        slots[place] = bullets[index]
    rest = iter(b for b in bullets if positions.get(b.id) is None)
    return [slot if slot is not None else next(rest) for slot in slots]


def apply_review(resume: Resume, edits: list[Edit], accepted: set[str],
                 overrides: dict[str, str] | None = None) -> Resume:
    """What a reviewer approved: the original with the accepted edits (by edit id) and
    then the reviewer's own text for lines they edited (by line id: a bullet id,
    ``summary`` or ``skills``). A line the reviewer edited keeps their text whatever
    edit was accepted for it."""
    chosen = [e for e in edits if e.id in accepted]
    out = apply_edits(resume, chosen)
    if overrides:
        current = {e.source_id: e for e in chosen}
        texts = [
            Edit(source_id=line_id, before=current[line_id].after if line_id in current else "",
                 after=text, kind=_kind_of(line_id))
            for line_id, text in overrides.items()
        ]
        out = apply_edits(out, texts)
    return out


def _kind_of(line_id: str) -> EditKind:
    return EditKind(line_id) if line_id in ("summary", "skills") else EditKind.REWORD
