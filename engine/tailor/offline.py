"""The offline optimizer: deterministic tailoring without a network, the embedded default.

It only rearranges and rephrases what the candidate wrote:
- bullets open with an action verb ("Responsible for managing…" -> "Managed…") and lose
  filler ("in order to" -> "to", "utilized" -> "used");
- bullets within a role and the skills list are ordered by relevance to the job;
- job keywords are surfaced (added to the skills list) only when the resume already gives
  evidence for them (``engine.tailor.keywords.suggest_keywords``);
- a summary is written, or the existing one refocused, from the candidate's own titles,
  employers, dates and skills.

Every change is an ``Edit``; the optimized resume is ``apply_edits`` of them, so the claim
check and per-edit review treat it exactly like the Gemini optimizer's output.
"""

from __future__ import annotations

import re
import time

from engine.tailor.keywords import (
    JobKeywords,
    detect_language,
    job_keywords,
    keywords_in_text,
    skill_evidence,
    suggest_keywords,
)
from engine.tailor.optimizer import Edit, JobDescription, Optimization, apply_edits
from engine.resume import PRESENT, ExperienceEntry, Resume
from engine.parse.skills import canonical_skill, find_skills
from engine.text_facts import has_metric, parse_date
from engine.tailor.verbs import NOUN_TO_VERB, base_form, gerund, past_tense

OPTIMIZER_VERSION = "offline-1"
MAX_ADDED_SKILLS = 8
SUMMARY_SKILLS = 5
MAX_SUMMARY_SENTENCES = 6

# A sentence ends after a word of 3+ letters or a digit ("no." and "e.g." do not end one).
_SENTENCE_END = re.compile(r"(?:(?<=[A-Za-z]{3}[.!?])|(?<=[\d)][.!?]))\s+(?=[A-Z])")

_BULLET_MARK = re.compile(r"^[\s•\-–*·▪●◦]+")
_PRONOUN = re.compile(r"^(?:i|we)\s+", re.I)
_DUTY = re.compile(
    r"^(?:(?:was|were|am|is|are)\s+)?(?:responsible for|in charge of|tasked with|charged with|"
    r"accountable for|had responsibility for|(?:duties|responsibilities)(?:\s+included?)?)"
    r"\s*:?\s+",
    re.I,
)
_CONTRIBUTION = re.compile(
    r"^(?:(?:was|were)\s+)?(?:worked on|involved in|participated in|took part in|"
    r"helped(?: to)?|helping(?: to)?|assisted(?: in| with)?|assisting(?: in| with)?)\s+",
    re.I,
)
_NOMINAL = re.compile(
    r"^(?:the\s+)?(?P<first>[a-z]+)(?:\s+and\s+(?P<second>[a-z]+))?\s+of\s+", re.I
)
_FILLER: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.I), replacement)
    for pattern, replacement in (
        (r"\bin order to\b", "to"),
        (r"\bdue to the fact that\b", "because"),
        (r"\bfor the purpose of\b", "for"),
        (r"\bwith the help of\b", "with"),
        (r"\bon a (daily|weekly|monthly) basis\b", r"\1"),
        (r"\bon a regular basis\b", "regularly"),
        (r"\ba (?:wide )?variety of\b", "various"),
        (r"\bvarious different\b", "various"),
        (r"\b(?:successfully|effectively|actively|really|very|basically)\s+(?=[a-z])", ""),
        (r"\butilized\b", "used"),
        (r"\butilizing\b", "using"),
        (r"\butilizes\b", "uses"),
        (r"\butilize\b", "use"),
        (r"\butilization of\b", "use of"),
        (r"\s{2,}", " "),
        (r"\s+([,.;:])", r"\1"),
    )
)


def tighten(text: str) -> str:
    """``text`` without filler phrases; meaning and every fact kept."""
    for pattern, replacement in _FILLER:
        text = pattern.sub(replacement, text)
    return text.strip()


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def _verb(base: str, past: bool) -> str:
    return past_tense(base) if past else base


def _lead_with_verb(rest: str, past: bool) -> str | None:
    """``rest`` rephrased to open with a verb, when it opens with a gerund ("managing
    the team") or a nominalisation ("development and testing of the API")."""
    first, _, remainder = rest.partition(" ")
    base = base_form(first)
    if base and first.lower().endswith("ing"):
        return f"{_verb(base, past)} {remainder}".strip()
    nominal = _NOMINAL.match(rest)
    if nominal:
        verbs = [NOUN_TO_VERB.get((nominal[k] or "").lower()) for k in ("first", "second")]
        if verbs[0] and (nominal["second"] is None or verbs[1]):
            lead = " and ".join(_verb(v, past) for v in verbs if v)
            return f"{lead} {rest[nominal.end():]}".strip()
    return None


def strengthen(text: str, past: bool = True) -> str:
    """A bullet rewritten to open with an action verb, in the role's tense; unchanged
    when no rule applies safely."""
    mark = _BULLET_MARK.match(text)
    body = _PRONOUN.sub("", text[mark.end() if mark else 0 :].strip())
    if duty := _DUTY.match(body):
        rest = body[duty.end() :]
        lead = _lead_with_verb(rest, past)
        if lead:
            body = lead
        elif not rest.split(" ", 1)[0].lower().endswith("ing"):  # "for the API" -> "Owned the API"
            body = f"{'Owned' if past else 'Own'} {rest}"
    elif contribution := _CONTRIBUTION.match(body):
        rest = body[contribution.end() :]
        first, _, remainder = rest.partition(" ")
        base = base_form(first)
        lead = "Contributed to" if past else "Contribute to"
        if base and first.lower().endswith("ing"):
            body = f"{lead} {rest}"
        elif base and first.lower() == base:  # "helped build the pipeline"
            body = f"{lead} {gerund(base)} {remainder}".strip()
        elif contribution.group().lower().startswith(("worked on", "involved", "participated", "took part")):
            body = f"{lead} {rest}"
    else:
        first, _, remainder = body.partition(" ")
        base = base_form(first)
        if base and first.lower() != base and first.lower() != past_tense(base):
            body = f"{_verb(base, past)} {remainder}".strip()  # "Managing", "Manages"
        else:
            body = _lead_with_verb(body, past) or body
    return _capitalise(tighten(body))


def _entry_is_past(entry: ExperienceEntry) -> bool:
    """Past tense unless the role is current and its bullets are in the present."""
    if entry.end not in (PRESENT, None):
        return True
    present = past = 0
    for bullet in entry.bullets:
        first = bullet.text.strip().split(" ", 1)[0].lower()
        if base_form(first) == first:
            present += 1
        elif base_form(first) or first.endswith("ed"):
            past += 1
    return past >= present


def _relevance(text: str, keywords: JobKeywords) -> float:
    found = keywords_in_text(text, keywords)
    return sum(keywords.weights.get(k, 1.0) for k in found) + (0.3 if found and has_metric(text) else 0)


def _bullet_edits(resume: Resume, keywords: JobKeywords, rewrite: bool) -> list[Edit]:
    """Bullets rewritten (experience and projects) and reordered (within each role)."""
    edits: list[Edit] = []
    groups = [(e.bullets, _entry_is_past(e), True) for e in resume.experience]
    groups += [(s.bullets, True, False) for s in resume.other_sections if s.name.lower() == "projects"]
    for bullets, past, is_role in groups:
        scores = [_relevance(b.text, keywords) for b in bullets]
        order = sorted(range(len(bullets)), key=lambda i: (-scores[i], i))
        reorder = is_role and order != list(range(len(bullets)))
        for new_place, old_place in enumerate(order if reorder else range(len(bullets))):
            bullet = bullets[old_place]
            after = strengthen(bullet.text, past) if rewrite else bullet.text
            if after.strip() == bullet.text.strip():
                after = bullet.text  # whitespace alone is not worth an edit
            moved = reorder and new_place != old_place
            if after == bullet.text and not moved:
                continue
            reasons = []
            if after != bullet.text:
                reasons.append("opens with an action verb, filler removed")
            if moved:
                found = keywords_in_text(bullet.text, keywords)
                reasons.append(
                    f"moved {'up' if new_place < old_place else 'down'}"
                    + (f": mentions {', '.join(found[:3])}" if new_place < old_place and found else "")
                )
            edits.append(
                Edit(
                    source_id=bullet.id,
                    before=bullet.text,
                    after=after,
                    reason="; ".join(reasons),
                    position=new_place if moved else None,
                )
            )
    return edits


def _skill_weight(item: str, keywords: JobKeywords) -> float:
    names = find_skills(item) or [canonical_skill(item)]
    return max((keywords.weights.get(n, 0.0) for n in names if n in keywords.skills), default=0.0)


def _skills_edit(resume: Resume, keywords: JobKeywords, evidenced: list[str]) -> Edit | None:
    """Skills relevant to the job first; evidenced job skills the list lacks added."""
    if not resume.skills:
        return None
    listed = {canonical_skill(s) for s in resume.skills} | set(find_skills(", ".join(resume.skills)))
    added = [s for s in evidenced if s in keywords.skills and s not in listed][:MAX_ADDED_SKILLS]
    items = list(resume.skills) + added
    ranked = sorted(range(len(items)), key=lambda i: (-_skill_weight(items[i], keywords), i))
    new = [items[i] for i in ranked]
    before = ", ".join(resume.skills)
    after = ", ".join(new)
    if after == before:
        return None
    reason = "ordered by relevance to the job"
    if added:
        reason += f"; surfaced skills the resume already shows: {', '.join(added)}"
    return Edit(source_id="skills", before=before, after=after, reason=reason)


def _latest_role(resume: Resume) -> ExperienceEntry | None:
    def recency(entry: ExperienceEntry) -> str:
        if entry.end == PRESENT:
            return "9999"
        fact = parse_date(entry.end) or parse_date(entry.start)
        return fact.key if fact else "0000"

    titled = [e for e in resume.experience if e.title]
    return max(titled, key=recency) if titled else None  # max keeps the first of ties


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _relevant_skills(resume: Resume, keywords: JobKeywords) -> list[str]:
    """Job skills the resume evidences, most important first; else its own skills."""
    evidence = skill_evidence(resume)
    spelled = {canonical_skill(s): s for s in resume.skills}  # the candidate's spelling
    relevant = [spelled.get(s, s) for s in keywords.skills if s in evidence]
    return relevant or list(dict.fromkeys(n for s in resume.skills for n in find_skills(s)))


def targeted_summary(resume: Resume, keywords: JobKeywords) -> str | None:
    """A summary from the candidate's own facts, pointed at the job: the existing one
    with its most relevant sentences first, or one built from title, employer, start
    year and evidenced skills. None when the resume gives too little to say."""
    skills = _relevant_skills(resume, keywords)[:SUMMARY_SKILLS]
    if resume.summary and resume.summary.strip():
        text = resume.summary.strip()
        sentences = _SENTENCE_END.split(text)
        # Reorder a paragraph only: a multi-line or long block is often parser spill-over
        # whose line order carries meaning.
        if "\n" not in text and len(sentences) <= MAX_SUMMARY_SENTENCES:
            ranked = sorted(range(len(sentences)), key=lambda i: (-_relevance(sentences[i], keywords), i))
            text = " ".join(tighten(sentences[i]) for i in ranked)
        named = set(find_skills(text))
        extra = [s for s in skills if s not in named]
        if extra:
            text = text.rstrip() + ("" if text.rstrip().endswith((".", "!", "?")) else ".")
            text += f" Relevant skills: {_join(extra)}."
        return text
    role = _latest_role(resume)
    parts: list[str] = []
    if role:
        lead = role.title or ""
        if role.company:
            current = role.end == PRESENT
            lead += f" at {role.company}" if current else f", most recently at {role.company}"
        starts = sorted(d.year for e in resume.experience if (d := parse_date(e.start)))
        if starts:
            lead += f", with professional experience since {starts[0]}"
        parts.append(lead + ".")
    elif resume.education and resume.education[0].degree:
        education = resume.education[0]
        lead = " in ".join(v for v in (education.degree, education.field) if v)
        if education.institution:
            lead += f" from {education.institution}"
        parts.append(lead + ".")
    if skills:
        parts.append(f"Hands-on experience with {_join(skills)}.")
    return " ".join(parts) if parts else None


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
    suggestions = suggest_keywords(resume, job)
    if skills_edit := _skills_edit(resume, keywords, suggestions.evidenced):
        edits.append(skills_edit)
    summary = targeted_summary(resume, keywords) if rewrite else None
    if summary and summary != (resume.summary or "").strip():
        edits.append(
            Edit(
                source_id="summary",
                before=resume.summary or "",
                after=summary,
                reason="summary focused on the job, from the candidate's own roles and skills",
            )
        )
    if suggestions.unevidenced:
        notes.append(
            "Job keywords with no evidence in the resume (ask the candidate, not added): "
            + ", ".join(suggestions.unevidenced[:12])
        )
    return Optimization(
        edits=edits,
        resume=apply_edits(resume, edits),
        model="offline",
        prompt_version=OPTIMIZER_VERSION,
        latency_s=round(time.perf_counter() - started, 4),
        notes=notes,
    )
