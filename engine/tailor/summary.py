"""The offline summary: written from the candidate's own facts, and only when those facts
were parsed with confidence.

Facts: the current (latest) title, the years of experience the role dates cover, the
employer of the current role, and the skills the resume states that the job asks for.
A title is trusted when it is short, reads as a title (a title word such as "engineer",
no digits, no sentence punctuation) and a company, when short and clean. Without a
trusted title no summary is written; a resume that has a summary keeps it as written
(reordering its sentences made it read worse, and appending to a misparsed one made junk).
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path

from engine.resume import PRESENT, ExperienceEntry, Resume
from engine.text_facts import parse_date

TITLES_PATH = Path(__file__).parents[1] / "data" / "job_titles.txt"
SUMMARY_SKILLS = 4
_CLEAN = re.compile(r"^[^\W\d_][\w&.,'’/+ -]*$")


@cache
def _title_words() -> frozenset[str]:
    lines = TITLES_PATH.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line.strip() and not line.startswith("#"))


_HEADS_OF = frozenset("head director chief manager professor vp".split())
# Form labels a parser can take for a name ("Position : Electrician").
_LABELS = frozenset("position designation company employer organisation organization project "
                    "role title client duration period location department".split())


def trusted_title(title: str | None) -> bool:
    """Whether ``title`` reads as a job title (not a misparsed line): short, clean, and
    ending in a title word ("Data Engineer"), or "Head/Director… of …"."""
    if not title:
        return False
    words = [w.casefold().strip(",.") for w in title.split()]
    head_of = len(words) >= 3 and words[1] == "of" and words[0] in _HEADS_OF
    return (
        1 <= len(words) <= 6
        and bool(_CLEAN.match(title))
        and not title.rstrip().endswith((".", ","))
        and (words[-1] in _title_words() or head_of)
        and not _LABELS & set(words)
    )


def trusted_company(company: str | None) -> bool:
    words = (company or "").casefold().split()
    return 0 < len(words) <= 6 and bool(_CLEAN.match(company or "")) and not _LABELS & set(words)


def latest_role(resume: Resume) -> ExperienceEntry | None:
    """The current role, else the one that ended last (the first of ties)."""
    def recency(entry: ExperienceEntry) -> str:
        if entry.end == PRESENT:
            return "9999"
        fact = parse_date(entry.end) or parse_date(entry.start)
        return fact.key if fact else "0000"

    titled = [e for e in resume.experience if e.title]
    return max(titled, key=recency) if titled else None


def experience_years(resume: Resume) -> int | None:
    """Whole years from the first start to the last end ("present" is this year), when
    every role's start date was read; None otherwise."""
    starts = [parse_date(e.start) for e in resume.experience]
    if not starts or any(s is None for s in starts):
        return None
    ends = [date.today().year if e.end == PRESENT else (d.year if (d := parse_date(e.end)) else 0)
            for e in resume.experience]
    years = max(ends + [s.year for s in starts if s]) - min(s.year for s in starts if s)
    return years if years >= 1 else None


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def fact_summary(resume: Resume, skills: list[str]) -> str | None:
    """A summary from trusted facts and the given (stated, relevant) skills; None when the
    resume has a summary already or its title cannot be trusted."""
    if resume.summary and resume.summary.strip():
        return None
    role = latest_role(resume)
    if role is None or not trusted_title(role.title):
        return None
    lead = role.title or ""
    years = experience_years(resume)
    if years:
        lead += f" with {years}+ years of experience"
    if trusted_company(role.company):
        lead += f" at {role.company}" if role.end == PRESENT else f", most recently at {role.company}"
    if not skills and lead == role.title:
        return None  # a bare title says nothing the experience section does not
    parts = [lead.rstrip(".") + "."]  # "Acme Co." ends the sentence already
    if skills:
        parts.append(f"Strengths for this role: {_join(skills[:SUMMARY_SKILLS])}.")
    return " ".join(parts)
