"""Job-description keywords and where a resume gives evidence for them.

A job description's keywords are the vocabulary skills it names (``engine.parse.skills``) and
its other salient terms (content words and two-word phrases it repeats, and acronyms),
weighted by how often they occur. Shared by scoring, the optimizers and the keyword
suggestions, so that all three agree on what the job asks for.

Keywords come from the posting's requirement and responsibility parts only
(``engine.tailor.posting``): not from benefits, the company description, EEO or
application text, never the company's own name or a place.

Evidence is deliberately literal: a resume evidences a skill when it states it (the term
or a vocabulary synonym, as a whole term: "Oracle Database" is not evidence of SQL), in
its own lines — not in an employer's or school's name ("Redwood Insurance Corp." is not
evidence of Insurance); it evidences a term when the term's words occur in one line.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from pydantic import BaseModel
from spacy.util import get_lang_class

from engine.errors import TailorError
from engine.language import language_of
from engine.resume import JobDescription, Resume
from engine.parse.skills import canonical_skill, find_skills
from engine.tailor.posting import read_posting
from engine.tailor.verbs import base_form

MIN_JOB_WORDS = 15
MAX_TERMS = 20

# Words every job description uses that say nothing about the job.
_GENERIC = frozenset(
    """ability able about across applicant applicants apply benefit benefits bonus
    candidate candidates career company competitive culture day days degree description
    employer environment equal equivalent etc excellent experience experienced
    familiarity field full good great help high highly hire hiring ideal ideally include
    including job join key knowledge level location looking make must new nice offer
    opportunity opportunities part people plus position preferred proven qualification
    qualifications related required requirement requirements responsibilities
    responsibility role salary similar skill skills strong successful team teams time
    understanding using want way week well work working world year years you your
    within will across based bring closely also like drive driving ensure ensuring
    other others per range remote hybrid office salary stated type url www http https
    com linkedin seniority employment entry mid senior lead junior staff principal
    summary overview what who why how when where multiple various plenty space tool
    thing things area areas member members person ability abilities activity activities
    appropriate basis close currently daily detail end hand hands including level
    own latest providing provide provides assist related strongly support supporting task tasks
    love enjoy enjoys fun passion passionate excited exciting thrive colleague colleagues
    state states""".split()
)

_LETTER = r"[^\W\d_]"
_WORD = re.compile(rf"{_LETTER}(?:[\w+#.&/-]*[\w+#])?")
_ACRONYM = re.compile(r"\b[A-Z][A-Za-z]{0,2}[A-Z]{1,4}s?\b")


@dataclass(frozen=True)
class JobKeywords:
    """What a job description asks for, most important first."""

    skills: tuple[str, ...]  # canonical vocabulary names
    terms: tuple[str, ...]  # other salient terms, normalised lowercase ("data quality")
    weights: dict[str, float] = field(default_factory=dict, hash=False, compare=False)
    language: str = "en"

    @property
    def all(self) -> tuple[str, ...]:
        return self.skills + self.terms


class KeywordSuggestions(BaseModel):
    """Job keywords the resume's headline places (summary and skills list) miss."""

    evidenced: list[str]  # shown elsewhere in the resume: safe to surface
    unevidenced: list[str]  # no evidence: ask the candidate, never insert


def detect_language(text: str) -> str:
    """ISO 639-1 code of ``text``'s language ("en" when undecidable). Deterministic."""
    return language_of(text[:3000], langdetect_chars=3000) or "en"


@cache
def _stop_words(language: str) -> frozenset[str]:
    try:
        words = get_lang_class(language).Defaults.stop_words
    except ImportError:
        words = set()
    return frozenset(words) | get_lang_class("en").Defaults.stop_words


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def normalise_words(text: str) -> list[str]:
    """Lowercase singular words of ``text``: the unit terms are matched in."""
    return [_normalise_word(w.strip(".-/&")) for w in _WORD.findall(text)]


def _normalise_word(word: str) -> str:
    if word.islower() or word.istitle():
        return _singular(word.lower())
    if re.fullmatch(r"[A-Z]{2,}s", word):  # "APIs", "KPIs"
        return word[:-1].lower()
    return word.lower()  # "SaaS", "AWS": not plurals


def _is_content(word: str, stop: frozenset[str]) -> bool:
    return (
        len(word) > 2
        and word.isalpha()
        and word not in stop
        and word not in _GENERIC
        and base_form(word) is None  # "maintain", "identifying": verbs, not keywords
    )


def _proper_nouns(text: str) -> set[str]:
    """Lowercased words always capitalised inside a sentence (company, people, place
    names): salient in the posting, but no resume is expected to contain them."""
    capitalised: Counter[str] = Counter()
    lowercase: set[str] = set()
    for sentence in re.split(r"[.!?:;\n•|*#()\[\]]+", text):
        for word in _WORD.findall(sentence)[1:]:
            if word[0].isupper() and not word.isupper() and not _ACRONYM.fullmatch(word):
                capitalised[word.lower()] += 1
            elif word.islower():
                lowercase.add(word)
    return {w for w in capitalised if w not in lowercase and _singular(w) not in lowercase}


def _salient_terms(text: str, skills: list[str], language: str,
                   excluded: frozenset[str] | set[str] = frozenset()) -> Counter[str]:
    stop = _stop_words(language) | _proper_nouns(text) | excluded
    # Words that are skills on their own ("python", "etl"), not parts of longer skill
    # names ("data" of "Data pipelines"), which would hide "data quality".
    skill_words = {w for s in skills if len(words := normalise_words(s)) == 1 for w in words}
    counts: Counter[str] = Counter()
    for line in text.splitlines():
        words = normalise_words(line)
        for i, word in enumerate(words):
            if _is_content(word, stop) and word not in skill_words:
                counts[word] += 1
            pair = words[i : i + 2]
            if len(pair) == 2 and all(_is_content(w, stop) and w not in skill_words for w in pair):
                counts[f"{word} {words[i + 1]}"] += 1
    for acronym in _ACRONYM.findall(text):
        word = _normalise_word(acronym)
        if len(word) > 2 and word not in stop and word not in skill_words and not find_skills(acronym):
            counts[word] += 1
    # A phrase repeated is a stronger signal than its words apart; a word that only
    # occurs inside one repeated phrase is dropped in its favour.
    terms = Counter({t: c for t, c in counts.items() if c >= 2})
    for phrase in [t for t in terms if " " in t]:
        for word in phrase.split():
            if terms.get(word, 0) <= terms[phrase]:
                terms.pop(word, None)
    return terms


_URL = re.compile(r"\S*(?:https?://|www\.)\S*")


def job_keywords(job: JobDescription) -> JobKeywords:
    """The keywords of ``job``; a clear error when there is too little text to tell."""
    text = _URL.sub(" ", f"{job.title}\n{job.text}").strip()
    if len(_WORD.findall(job.text)) < MIN_JOB_WORDS:
        raise TailorError(
            "job_description_too_short",
            f"The job description is too short to tailor against (at least "
            f"{MIN_JOB_WORDS} words are needed).",
        )
    return _job_keywords(text, job.title)


def _not_the_company(skills: Counter[str], names: tuple[str, ...]) -> Counter[str]:
    """``skills`` without those that are (part of) the company's name ("Unity")."""
    named = {s for name in names for s in find_skills(name)}
    folded = {n.casefold() for n in names}
    return Counter({s: c for s, c in skills.items() if s not in named and s.casefold() not in folded})


@cache
def _job_keywords(full_text: str, title: str) -> JobKeywords:
    posting = read_posting(title, full_text)
    text = posting.requirements
    if len(_WORD.findall(text)) < MIN_JOB_WORDS:
        text = full_text  # no part reads as requirements: better all than nothing
    language = detect_language(text)
    skill_counts: Counter[str] = Counter()
    for line in text.splitlines():
        skill_counts.update(find_skills(line))
    for skill in find_skills(title):
        skill_counts[skill] += 2  # the title names what matters most
    skill_counts = _not_the_company(skill_counts, posting.company_names)
    excluded = {w for name in posting.company_names for w in normalise_words(name)}
    terms = _salient_terms(text, list(skill_counts), language, excluded | posting.places)
    title_words = set(normalise_words(title))
    weights: dict[str, float] = {s: 1.0 + min(c, 4) / 2 for s, c in skill_counts.items()}
    for term, count in terms.items():
        boost = 1.0 if title_words & set(term.split()) else 0.0
        weights[term] = 0.5 + min(count, 6) / 6 + boost
    ranked_terms = sorted(terms, key=lambda t: (-weights[t], text.lower().find(t.split()[0])))
    skills = sorted(skill_counts, key=lambda s: -weights[s])
    return JobKeywords(tuple(skills), tuple(ranked_terms[:MAX_TERMS]), weights, language)


def resume_lines(resume: Resume) -> list[str]:
    """Every line of the resume that can carry evidence: bullets, summary, skills, titles,
    degrees and fields. Employer and school names are not evidence of a skill."""
    lines = list(resume.bullets().values())
    lines += [s for s in resume.skills]
    lines += [entry.title for entry in resume.experience if entry.title]
    for education in resume.education:
        lines += [v for v in (education.degree, education.field) if v]
    lines += [section.name for section in resume.other_sections]
    return lines


def resume_skills(resume: Resume) -> set[str]:
    """Canonical skills the resume states (its lines or its skills list)."""
    found = {canonical_skill(s) for s in resume.skills}
    for line in resume_lines(resume):
        found.update(find_skills(line))
    return found


def skill_evidence(resume: Resume) -> set[str]:
    """Skills the resume supports: those it states. A related skill is no evidence
    ("Oracle Database" does not show SQL)."""
    return resume_skills(resume)


def term_in_words(term: str, words: list[str]) -> bool:
    """Whether the term's words occur in ``words`` as a contiguous run."""
    parts = term.split()
    n = len(parts)
    return any(words[i : i + n] == parts for i in range(len(words) - n + 1))


def term_evidenced(term: str, lines: list[str]) -> bool:
    """Whether one line contains every word of ``term`` (in any order)."""
    parts = set(term.split())
    return any(parts <= set(normalise_words(line)) for line in lines)


def keywords_in_text(text: str, keywords: JobKeywords) -> list[str]:
    """The job keywords ``text`` literally names (a skill in any spelling, a term)."""
    skills = set(find_skills(text))
    words = normalise_words(text)
    return [k for k in keywords.skills if k in skills] + [
        t for t in keywords.terms if term_in_words(t, words)
    ]


def _headline_text(resume: Resume) -> str:
    return "\n".join([resume.summary or "", ", ".join(resume.skills)])


def suggest_keywords(resume: Resume, job: JobDescription) -> KeywordSuggestions:
    """Job keywords missing from the resume's summary and skills list, split into those
    the rest of the resume gives evidence for and those it does not."""
    keywords = job_keywords(job)
    headline = _headline_text(resume)
    headline_skills = {canonical_skill(s) for s in resume.skills} | set(find_skills(headline))
    evidence = skill_evidence(resume)
    lines = resume_lines(resume)
    evidenced: list[str] = []
    unevidenced: list[str] = []
    for skill in keywords.skills:
        if skill in headline_skills:
            continue
        (evidenced if skill in evidence else unevidenced).append(skill)
    headline_words = normalise_words(headline)
    for term in keywords.terms:
        if term_in_words(term, headline_words):
            continue
        (evidenced if term_evidenced(term, lines) else unevidenced).append(term)
    return KeywordSuggestions(evidenced=evidenced, unevidenced=unevidenced)
