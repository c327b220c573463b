"""The offline optimizer: deterministic tailoring without a network, the embedded default.

It only rearranges and rephrases what the candidate wrote:
- bullets open with an action verb in the form the original used and lose filler
  (``engine.tailor.rewrite``);
- each role's bullets and the skills list are ordered by relevance to the job, so the
  most relevant evidence comes first;
- a job skill is added to the skills list only when the resume states it elsewhere (the
  term or a vocabulary synonym, outside employer and school names);
- a summary is written from trusted facts when the resume has none
  (``engine.tailor.summary``).

Every change is an ``Edit`` with a kind (reword, move, skills, summary); the optimized
resume is ``apply_edits`` of them, so the claim check and per-edit review treat it exactly
like the Gemini optimizer's output.
"""

from __future__ import annotations

import time

from engine.parse.skills import canonical_skill, find_skills
from engine.resume import Bullet, JobDescription, Resume
from engine.tailor.keywords import (
    JobKeywords,
    detect_language,
    job_keywords,
    keywords_in_text,
    skill_evidence,
    suggest_keywords,
)
from engine.tailor.optimizer import Edit, EditKind, Optimization, apply_edits, numbered
from engine.tailor.rewrite import drops_first_person, only_layout_differs, role_form, strengthen, tighten
from engine.tailor.summary import fact_summary
from engine.tailor.verbs import PAST
from engine.text_facts import has_metric

__all__ = ["optimize_offline", "strengthen", "tighten"]

OPTIMIZER_VERSION = "offline-2"
MAX_ADDED_SKILLS = 8


def _relevance(text: str, keywords: JobKeywords) -> float:
    found = keywords_in_text(text, keywords)
    return sum(keywords.weights.get(k, 1.0) for k in found) + (0.3 if found and has_metric(text) else 0)


def _reword_edit(bullet: Bullet, form: str, drop_pronoun: bool) -> Edit | None:
    after = strengthen(bullet.text, form, drop_pronoun)
    if not after or only_layout_differs(bullet.text, after):
        return None  # spacing, marks or case alone are not worth an edit
    reason = "opens with an action verb" if after.split()[:1] != bullet.text.split()[:1] else "filler removed"
    return Edit(kind=EditKind.REWORD, source_id=bullet.id, before=bullet.text, after=after, reason=reason)


FRONT_BULLETS = 2  # the lines of a role a reader takes in first


def relevance_order(bullets: list[Bullet], keywords: JobKeywords) -> list[int]:
    """Indices of ``bullets``, most relevant first: the first ``FRONT_BULLETS`` chosen to
    cover the most job keywords between them, the rest by relevance (ties keep order)."""
    found = [set(keywords_in_text(b.text, keywords)) for b in bullets]
    scores = [_relevance(b.text, keywords) for b in bullets]
    order: list[int] = []
    covered: set[str] = set()
    for _ in range(min(FRONT_BULLETS, len(bullets))):
        left = [i for i in range(len(bullets)) if i not in order]
        gain = {i: sum(keywords.weights.get(k, 1.0) for k in found[i] - covered) for i in left}
        best = min(left, key=lambda i: (-gain[i], -scores[i], i))
        if gain[best] <= 0:
            break
        order.append(best)
        covered |= found[best]
    rest = sorted((i for i in range(len(bullets)) if i not in order), key=lambda i: (-scores[i], i))
    return order + rest


def _move_edits(bullets: list[Bullet], keywords: JobKeywords) -> list[Edit]:
    """Bullets of one role in ``relevance_order``: one move edit per bullet that moved."""
    order = relevance_order(bullets, keywords)
    edits: list[Edit] = []
    for new_place, old_place in enumerate(order):
        if new_place == old_place:
            continue
        bullet = bullets[old_place]
        found = keywords_in_text(bullet.text, keywords)
        up = new_place < old_place
        reason = f"moved {'up' if up else 'down'} to place {new_place + 1}"
        if up and found:
            reason += f": mentions {', '.join(found[:3])}"
        edits.append(Edit(kind=EditKind.MOVE, source_id=bullet.id, before=bullet.text,
                          after=bullet.text, reason=reason, position=new_place))
    return edits


def _bullet_edits(resume: Resume, keywords: JobKeywords, rewrite: bool) -> list[Edit]:
    """Bullets reworded (experience and projects) and reordered (within each role)."""
    drop_pronoun = drops_first_person(list(resume.bullets().values()))
    edits: list[Edit] = []
    groups = [(e.bullets, role_form(e), True) for e in resume.experience]
    groups += [(s.bullets, PAST, False) for s in resume.other_sections if s.name.lower() == "projects"]
    for bullets, form, is_role in groups:
        if rewrite:
            edits += [e for b in bullets if (e := _reword_edit(b, form, drop_pronoun))]
        if is_role:
            edits += _move_edits(bullets, keywords)
    return edits


def _skill_weight(item: str, keywords: JobKeywords) -> float:
    names = find_skills(item) or [canonical_skill(item)]
    return max((keywords.weights.get(n, 0.0) for n in names if n in keywords.skills), default=0.0)


def _skills_edit(resume: Resume, keywords: JobKeywords) -> Edit | None:
    """Skills relevant to the job first; job skills the resume states elsewhere added."""
    if not resume.skills:
        return None
    listed = {canonical_skill(s) for s in resume.skills} | set(find_skills(", ".join(resume.skills)))
    stated = skill_evidence(resume)
    added = [s for s in keywords.skills if s in stated and s not in listed][:MAX_ADDED_SKILLS]
    items = list(resume.skills) + added
    ranked = sorted(range(len(items)), key=lambda i: (-_skill_weight(items[i], keywords), i))
    before, after = ", ".join(resume.skills), ", ".join(items[i] for i in ranked)
    if after == before:
        return None
    reason = "ordered by relevance to the job"
    if added:
        reason += f"; added skills the resume states in its experience: {', '.join(added)}"
    return Edit(kind=EditKind.SKILLS, source_id="skills", before=before, after=after, reason=reason)


def relevant_stated_skills(resume: Resume, keywords: JobKeywords) -> list[str]:
    """Job skills the resume states, most important first, in the candidate's spelling."""
    stated = skill_evidence(resume)
    spelled = {canonical_skill(s): s for s in resume.skills}
    return [spelled.get(s, s) for s in keywords.skills if s in stated]


def optimize_offline(resume: Resume, job: JobDescription) -> Optimization:
    """``resume`` tailored to ``job`` without a network: deterministic, and it never adds
    a fact the resume does not state."""
    started = time.perf_counter()
    keywords = job_keywords(job)  # raises job_description_too_short
    notes: list[str] = []
    language = (resume.language or detect_language(resume.to_text())).split("-")[0]
    rewrite = language == "en"
    if not rewrite:
        notes.append(
            f"Resume language is '{language}': bullets and summary were left as written; "
            "only the order of bullets and skills was tailored."
        )
    if not resume.experience:
        notes.append("The resume has no experience section: only skills and summary were tailored.")
    edits = _bullet_edits(resume, keywords, rewrite)
    if skills_edit := _skills_edit(resume, keywords):
        edits.append(skills_edit)
    summary = fact_summary(resume, relevant_stated_skills(resume, keywords)) if rewrite else None
    if summary:
        edits.append(Edit(kind=EditKind.SUMMARY, source_id="summary", before="", after=summary,
                          reason="summary added from the candidate's current title, years and "
                          "skills the job asks for"))
    unevidenced = suggest_keywords(resume, job).unevidenced
    if unevidenced:
        notes.append(
            "Job keywords with no evidence in the resume (ask the candidate, not added): "
            + ", ".join(unevidenced[:12])
        )
    edits = numbered(edits)
    return Optimization(
        edits=edits,
        resume=apply_edits(resume, edits),
        model="offline",
        prompt_version=OPTIMIZER_VERSION,
        latency_s=round(time.perf_counter() - started, 4),
        notes=notes,
    )
