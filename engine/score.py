"""Match score: how well a resume answers a job description, out of 100, in five named
categories a recruiter can read (each with its points and reasons).

The same function scores the original and the optimized resume, so the difference
shows what tailoring changed. Keywords come from ``engine.tailor.keywords``; nothing here
rewards text the resume does not contain.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from engine.tailor.keywords import (
    JobKeywords,
    job_keywords,
    keywords_in_text,
    normalise_words,
    resume_lines,
    skill_evidence,
    term_in_words,
)
from engine.resume import JobDescription, Resume
from engine.parse.skills import canonical_skill, find_skills
from engine.text_facts import has_metric
from engine.tailor.verbs import opens_with_strong_verb

KEYWORD_POINTS = 30
SKILLS_POINTS = 25
EXPERIENCE_POINTS = 20
IMPACT_POINTS = 15
COMPLETENESS_POINTS = 10

# A bullet longer than this reads as a paragraph; shorter than this says nothing.
BULLET_WORDS = (6, 32)
# Only the first bullets of a role are read closely: relevance there counts most.
POSITION_WEIGHTS = (1.0, 0.8, 0.6, 0.45, 0.35, 0.3)


class CategoryScore(BaseModel):
    name: str
    points: float
    max_points: float
    reasons: list[str] = Field(default_factory=list)
    matched: list[str] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)


class MatchScore(BaseModel):
    total: float
    categories: list[CategoryScore]

    def category(self, name: str) -> CategoryScore:
        return next(c for c in self.categories if c.name == name)


def _weighted_share(found: list[str], wanted: tuple[str, ...], keywords: JobKeywords) -> float:
    total = sum(keywords.weights.get(k, 1.0) for k in wanted)
    return sum(keywords.weights.get(k, 1.0) for k in found) / total if total else 0.0


def _keyword_coverage(resume: Resume, keywords: JobKeywords) -> CategoryScore:
    text = "\n".join(resume_lines(resume))
    named = set(find_skills(text)) | {canonical_skill(s) for s in resume.skills}
    words = normalise_words(text)
    matched = [
        k for k in keywords.all if (k in named if k in keywords.skills else term_in_words(k, words))
    ]
    missing = [k for k in keywords.all if k not in matched]
    share = _weighted_share(matched, keywords.all, keywords)
    return CategoryScore(
        name="Keyword coverage",
        points=round(KEYWORD_POINTS * share, 1),
        max_points=KEYWORD_POINTS,
        reasons=[f"{len(matched)} of {len(keywords.all)} job keywords appear in the resume"],
        matched=matched,
        missing=missing,
    )


def _skills_match(resume: Resume, keywords: JobKeywords) -> CategoryScore:
    """Skills the job names: full credit when listed in the skills section or summary
    (where a reader looks for them), half credit when only shown in experience."""
    if not keywords.skills:
        return CategoryScore(
            name="Skills match",
            points=SKILLS_POINTS,
            max_points=SKILLS_POINTS,
            reasons=["The job description names no skills from the vocabulary"],
        )
    listed = {canonical_skill(s) for s in resume.skills} | set(find_skills(resume.summary or ""))
    evidence = skill_evidence(resume)
    matched = [s for s in keywords.skills if s in listed]
    shown = [s for s in keywords.skills if s not in listed and s in evidence]
    missing = [s for s in keywords.skills if s not in listed and s not in evidence]
    share = _weighted_share(matched, keywords.skills, keywords) + 0.5 * _weighted_share(
        shown, keywords.skills, keywords
    )
    reasons = [f"{len(matched)} of {len(keywords.skills)} required skills listed"]
    if shown:
        reasons.append(f"shown in experience but not listed: {', '.join(shown)}")
    return CategoryScore(
        name="Skills match",
        points=round(SKILLS_POINTS * share, 1),
        max_points=SKILLS_POINTS,
        reasons=reasons,
        matched=matched + shown,
        missing=missing,
    )


def _experience_relevance(resume: Resume, job: JobDescription, keywords: JobKeywords) -> CategoryScore:
    """Relevant bullets, weighted by position in each role and by recency of the role;
    plus whether a held title shares words with the job title."""
    name = "Experience relevance"
    entries = [e for e in resume.experience if e.bullets or e.title]
    if not entries:
        return CategoryScore(
            name=name, points=0, max_points=EXPERIENCE_POINTS, reasons=["No experience section"]
        )
    weighted = total = 0.0
    relevant_roles: list[str] = []
    for rank, entry in enumerate(entries):
        recency = 1.0 / (1 + 0.5 * rank)
        hits = 0
        for position, bullet in enumerate(entry.bullets):
            weight = recency * POSITION_WEIGHTS[min(position, len(POSITION_WEIGHTS) - 1)]
            total += weight
            if keywords_in_text(bullet.text, keywords):
                weighted += weight
                hits += 1
        if hits:
            relevant_roles.append(entry.title or entry.company or "role")
    bullet_share = weighted / total if total else 0.0
    job_title = set(normalise_words(job.title)) - {"senior", "junior", "lead", "sr", "jr"}
    titles = [set(normalise_words(e.title or "")) for e in entries]
    title_share = max((len(job_title & t) / len(job_title) for t in titles), default=0.0) if job_title else 0.5
    points = EXPERIENCE_POINTS * (0.75 * bullet_share + 0.25 * title_share)
    reasons = [f"{round(100 * bullet_share)}% of experience (weighted to top bullets) mentions job keywords"]
    if job_title:
        reasons.append(f"closest held title shares {round(100 * title_share)}% of the job title's words")
    return CategoryScore(
        name=name,
        points=round(points, 1),
        max_points=EXPERIENCE_POINTS,
        reasons=reasons,
        matched=relevant_roles,
    )


def _impact_evidence(resume: Resume) -> CategoryScore:
    bullets = [b.text for e in resume.experience for b in e.bullets]
    name = "Impact evidence"
    if not bullets:
        return CategoryScore(
            name=name, points=0, max_points=IMPACT_POINTS, reasons=["No experience bullets"]
        )
    with_metric = sum(has_metric(t) for t in bullets)
    with_verb = sum(opens_with_strong_verb(t) for t in bullets)
    metric_share = min(1.0, with_metric / len(bullets) / 0.6)  # 60% quantified is plenty
    verb_share = with_verb / len(bullets)
    points = IMPACT_POINTS * (0.5 * metric_share + 0.5 * verb_share)
    return CategoryScore(
        name=name,
        points=round(points, 1),
        max_points=IMPACT_POINTS,
        reasons=[
            f"{with_metric} of {len(bullets)} bullets state a number",
            f"{with_verb} of {len(bullets)} bullets open with an action verb",
        ],
    )


def _completeness(resume: Resume) -> CategoryScore:
    checks = {
        "contact details": bool(resume.email or resume.phone),
        "summary": bool(resume.summary and resume.summary.strip()),
        "experience": bool(resume.experience),
        "education": bool(resume.education),
        "skills list": bool(resume.skills),
    }
    bullets = [b.text for e in resume.experience for b in e.bullets]
    low, high = BULLET_WORDS
    concise = sum(low <= len(t.split()) <= high for t in bullets)
    concise_share = concise / len(bullets) if bullets else 0.0
    present = [k for k, ok in checks.items() if ok]
    missing = [k for k, ok in checks.items() if not ok]
    points = COMPLETENESS_POINTS * (0.7 * len(present) / len(checks) + 0.3 * concise_share)
    reasons = [f"{concise} of {len(bullets)} bullets are {low}–{high} words long"]
    if missing:
        reasons.append("missing: " + ", ".join(missing))
    return CategoryScore(
        name="Completeness and format",
        points=round(points, 1),
        max_points=COMPLETENESS_POINTS,
        reasons=reasons,
        matched=present,
        missing=missing,
    )


def score_match(resume: Resume, job: JobDescription) -> MatchScore:
    """The resume's match with ``job``, out of 100, in five categories."""
    keywords = job_keywords(job)
    categories = [
        _keyword_coverage(resume, keywords),
        _skills_match(resume, keywords),
        _experience_relevance(resume, job, keywords),
        _impact_evidence(resume),
        _completeness(resume),
    ]
    return MatchScore(total=round(sum(c.points for c in categories), 1), categories=categories)
