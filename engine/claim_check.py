"""Claim check: what an optimized resume asserts that its original does not support.

An optimizer may reword, reorder and emphasise; it may not invent. Every changed line of
the optimized resume is read for numbers, percentages, money amounts, dates, employers,
job titles, degrees, institutions and skills, and each is looked up in the original,
after normalisation ("5M" = "$5,000,000", "Jan 2020" = "01/2020", case and spacing).
Facts of the original that disappeared (metrics, roles) are reported too.

Deliberately conservative where text is ambiguous: a rounded-down number ("1,200+" from
1,234) or a years-of-experience figure the original's dates cover is support, not
invention; an unknown capitalised phrase after "at" is an employer to look at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from pydantic import BaseModel

from engine.tailor.keywords import skill_evidence
from engine.resume import PRESENT, Resume
from engine.parse.skills import find_skills
from engine.number_index import NumberIndex
from engine.tailor.verbs import base_form
from engine.text_facts import (
    DateFact,
    NumericFact,
    extract_facts,
    parse_date,
)

FindingKind = Literal[
    "number",
    "percent",
    "money",
    "date",
    "employer",
    "title",
    "degree",
    "institution",
    "skill",
    "dropped_metric",
    "dropped_role",
]


class ClaimFinding(BaseModel):
    kind: FindingKind
    text: str
    source_id: str
    message: str


_CAP = r"[A-Z][\w&.'’-]*"
_EMPLOYER = re.compile(
    rf"\b(?:at|for|with|joined|from|by)\s+(?P<name>{_CAP}(?:\s+(?:{_CAP}|&|of|and)(?!\w))*)"
)
_COMPANY_SUFFIX = re.compile(
    rf"\b(?P<name>(?:{_CAP}\s+){{1,4}}(?:Inc|LLC|Ltd|Limited|Corp|Corporation|GmbH|Group|"
    rf"Technologies|Labs|Systems|Solutions|Bank|Consulting|Partners|Holdings)\b\.?)"
)
_INSTITUTION = re.compile(
    rf"\b(?P<name>(?:{_CAP}\s+){{0,4}}(?:University|College|Institute|School|Academy|"
    rf"Polytechnic)s?\b(?:\s+of(?:\s+{_CAP})+)?)"
)
_ROLE_NOUNS = (
    "Engineer Developer Manager Director Analyst Scientist Architect Consultant Designer "
    "Administrator Specialist Intern Coordinator Officer Lead Head President Programmer "
    "Accountant Associate Executive Technician Strategist Researcher Owner Advisor "
    "Supervisor Auditor Recruiter Representative"
).split()
_TITLE = re.compile(
    rf"\b(?P<name>(?:{_CAP}\s+){{1,4}}(?:{'|'.join(_ROLE_NOUNS)})s?)\b"
)
SENIORITY = frozenset(
    "senior sr junior jr lead principal staff chief head vp vice director executive "
    "managing general founding associate assistant".split()
)
_DEGREES = {
    "bachelor": r"Bachelor(?:'s|’s|s)?|B\.?\s?Sc\.?|B\.S\.|BS|B\.A\.|BA|B\.?\s?Tech|B\.E\.|BE|"
    r"B\.?\s?Com|BCA|BBA|B\.?Eng",
    "master": r"Master(?:'s|’s|s)?|M\.?\s?Sc\.?|M\.S\.|MS|M\.A\.|MA|M\.?\s?Tech|M\.E\.|"
    r"M\.?\s?Com|MCA|M\.?Eng",
    "mba": r"MBA|M\.B\.A\.",
    "doctorate": r"Ph\.?\s?D\.?|Doctorate|Doctor of|DPhil",
    "associate": r"Associate(?:'s|’s)? (?:degree|of)",
}
_DEGREE = re.compile(
    r"(?<![\w.])(?:" + "|".join(f"(?P<{k}>{v})" for k, v in _DEGREES.items()) + r")"
    r"(?![\w]|\s+(?:Office|Excel|Word|SQL|Access|Project|Teams|Azure|Dynamics|Outlook))"
)
_YEARS_AFTER = re.compile(r"\s*\+?\s*(?:years?|yrs?)\b", re.I)


def _norm(text: str) -> str:
    """Casefolded words joined by single spaces: the form phrases are looked up in."""
    return " " + " ".join(re.sub(r"[^\w&+#]+", " ", text.casefold()).split()) + " "


def _clip(name: str) -> str:
    """A matched name cut at a sentence end ("Beta LLC. BSc" -> "Beta LLC."); "J.P." stays."""
    return re.split(r"(?<=\w\w\.)\s", name)[0]


def _without_leading_verbs(name: str) -> str:
    """``name`` without the verbs a rewrite put in front of it ("Prepared Group Accounts")."""
    words = name.split()
    while words and (base_form(words[0]) or words[0].lower().endswith("ed")):
        words.pop(0)
    return " ".join(words)


def _contains(haystack_norm: str, phrase: str) -> bool:
    needle = _norm(phrase)
    return len(needle.strip()) > 0 and needle in haystack_norm


def degree_keys(text: str) -> set[str]:
    """The degree levels named in ``text`` (bachelor, master, mba, doctorate, associate)."""
    return {k for m in _DEGREE.finditer(text) for k, v in m.groupdict().items() if v}


@dataclass(frozen=True)
class _Support:
    """Everything the original resume states, in comparable form."""

    text: str  # normalised full text
    # The original's numbers: a percent is supported by a percent, money by anything but
    # a percent, a plain number by anything.
    percents: NumberIndex
    amounts: NumberIndex
    date_keys: frozenset[str]
    years: frozenset[int]
    skills: frozenset[str]
    degrees: frozenset[str]
    experience_years: float
    names: tuple[str, ...]  # employers and schools: a skill inside one is no claim


def organisation_names(resume: Resume) -> tuple[str, ...]:
    """The resume's employer and school names, longest first."""
    names = {e.company for e in resume.experience if e.company}
    names |= {e.institution for e in resume.education if e.institution}
    return tuple(sorted((n.strip() for n in names if n.strip()), key=len, reverse=True))


def without_names(text: str, names: tuple[str, ...]) -> str:
    """``text`` with every organisation name blanked ("at Redwood Insurance Corp." names
    no skill)."""
    for name in names:
        text = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", " ", text, flags=re.I)
    return text


def _experience_years(resume: Resume) -> float:
    """Years from the first start date to the last end date ("present" is this year)."""
    starts: list[int] = []
    years: list[int] = []
    for entry in resume.experience:
        if start := parse_date(entry.start):
            starts.append(start.year)
            years.append(start.year)
        if entry.end == PRESENT:
            years.append(date.today().year)
        elif end := parse_date(entry.end):
            years.append(end.year)
    return float(max(years) - min(starts)) if starts else 0.0


def _support(original: Resume) -> _Support:
    full = original.to_text()
    facts = extract_facts(full)
    dates = list(facts.dates)
    for entry in [*original.experience, *original.education]:
        dates += [d for d in (parse_date(entry.start), parse_date(entry.end)) if d]
    return _Support(
        text=_norm(full),
        percents=NumberIndex(n.value for n in facts.numbers if n.kind == "percent"),
        amounts=NumberIndex(n.value for n in facts.numbers if n.kind != "percent"),
        date_keys=frozenset(d.key for d in dates),
        years=frozenset(d.year for d in dates) | {int(n.value) for n in facts.numbers},
        skills=frozenset(skill_evidence(original)),
        degrees=frozenset(degree_keys(full)),
        experience_years=_experience_years(original),
        names=organisation_names(original),
    )


def _number_supported(fact: NumericFact, after: str, support: _Support) -> bool:
    indexes = {"percent": (support.percents,), "money": (support.amounts,)}.get(
        fact.kind, (support.amounts, support.percents))
    if any(index.supports(fact.value) for index in indexes):
        return True
    # "8+ years of experience" is supported by the original's own dates.
    return bool(_YEARS_AFTER.match(after)) and 0 < fact.value <= support.experience_years + 1


def _date_supported(fact: DateFact, support: _Support) -> bool:
    if fact.month is None:
        return fact.year in support.years
    return fact.key in support.date_keys


def _title_supported(phrase: str, support: _Support) -> bool:
    """A title claim is supported when the original states it with the same seniority;
    words before it ("Experienced", "Managed") are not part of the claim."""
    words = phrase.split()
    seniority_at = next((i for i, w in enumerate(words) if w.lower().strip(".") in SENIORITY), None)
    if seniority_at is not None:
        return _contains(support.text, " ".join(words[seniority_at:]))
    return any(_contains(support.text, " ".join(words[j:])) for j in range(len(words) - 1))


def _skill_findings(source_id: str, text: str, support: _Support) -> list[ClaimFinding]:
    """Skills ``text`` states that the original does not: not the term, not a vocabulary
    synonym, not as a whole term outside an employer's or school's name."""
    findings = [
        ClaimFinding(
            kind="skill",
            text=skill,
            source_id=source_id,
            message=f"Skill “{skill}” is not stated anywhere in the original.",
        )
        for skill in find_skills(without_names(text, support.names))
        if skill not in support.skills
    ]
    if source_id == "skills":
        # Skills the vocabulary does not know must appear in the original as written.
        for item in (s.strip() for s in text.split(",")):
            if _norm(item).strip() and not find_skills(item) and not _contains(support.text, item):
                findings.append(
                    ClaimFinding(
                        kind="skill",
                        text=item,
                        source_id=source_id,
                        message=f"Skill “{item}” does not appear in the original.",
                    )
                )
    return findings


def _text_findings(source_id: str, text: str, support: _Support) -> list[ClaimFinding]:
    findings: list[ClaimFinding] = []

    def add(kind: FindingKind, offending: str, message: str) -> None:
        findings.append(ClaimFinding(kind=kind, text=offending, source_id=source_id, message=message))

    facts = extract_facts(text)
    for number in facts.numbers:
        after = text[number.start + len(number.text) :]
        if not _number_supported(number, after, support):
            add(number.kind, number.text, f"“{number.text}” does not appear in the original.")
    for fact in facts.dates:
        if not _date_supported(fact, support):
            add("date", fact.text, f"Date “{fact.text}” does not appear in the original.")
    findings += _skill_findings(source_id, text, support)
    skills_named = {s.casefold() for s in find_skills(text)}
    for pattern, kind in ((_EMPLOYER, "employer"), (_COMPANY_SUFFIX, "employer")):
        for match in pattern.finditer(text):
            name = re.sub(r"\s+(?:and|of|&)$", "", _clip(match["name"])).strip(" .,")
            name = _without_leading_verbs(name)
            if len(name) < 2 or (pattern is _COMPANY_SUFFIX and _COMPANY_SUFFIX.fullmatch(name) is None):
                continue  # a lone initial ("with G+7"), or a verb before "Group": no organisation
            if (
                find_skills(name)
                or any(skill.startswith(name.casefold()) for skill in skills_named)  # "Big data"
                or _contains(support.text, name)
            ):
                continue
            if _INSTITUTION.fullmatch(name) or _DEGREE.fullmatch(name):
                continue
            add(kind, name, f"Organisation “{name}” does not appear in the original.")
    for name in (_clip(m["name"]) for m in _INSTITUTION.finditer(text)):
        if _INSTITUTION.search(name) and not _contains(support.text, name):
            add("institution", name, f"Institution “{name}” does not appear in the original.")
    for name in (_clip(m["name"]) for m in _TITLE.finditer(text)):
        if _TITLE.search(name) and not _title_supported(name, support):
            add("title", name, f"Title “{name}” is not one the original states.")
    for key in degree_keys(text) - support.degrees:
        add("degree", key, f"A {key} degree is not in the original.")
    # One offending span is one finding, even when two patterns read it.
    unique = {(f.kind, f.text): f for f in findings}
    return list(unique.values())


_IDENTITY_FIELDS: tuple[tuple[str, str, FindingKind], ...] = (
    ("experience", "company", "employer"),
    ("experience", "title", "title"),
    ("education", "institution", "institution"),
    ("education", "degree", "degree"),
)


def _field_findings(original: Resume, optimized: Resume, support: _Support) -> list[ClaimFinding]:
    """Identity fields (employers, titles, dates, education) the optimizer changed."""
    findings: list[ClaimFinding] = []
    for section, field_name, kind in _IDENTITY_FIELDS:
        known = {_norm(getattr(e, field_name) or "") for e in getattr(original, section)}
        for i, entry in enumerate(getattr(optimized, section)):
            value = getattr(entry, field_name)
            if value and _norm(value) not in known:
                findings.append(
                    ClaimFinding(
                        kind=kind,
                        text=value,
                        source_id=f"{section}.{i}.{field_name}",
                        message=f"“{value}” is not a {field_name} in the original.",
                    )
                )
    for section, entries in (("experience", optimized.experience), ("education", optimized.education)):
        for i, entry in enumerate(entries):
            for field_name in ("start", "end"):
                fact = parse_date(getattr(entry, field_name))
                if fact and fact.key not in support.date_keys:
                    findings.append(
                        ClaimFinding(
                            kind="date",
                            text=getattr(entry, field_name),
                            source_id=f"{section}.{i}.{field_name}",
                            message=f"Date “{fact.key}” is not in the original.",
                        )
                    )
    return findings


def _dropped_findings(original: Resume, optimized: Resume) -> list[ClaimFinding]:
    findings: list[ClaimFinding] = []
    kept = NumberIndex(n.value for n in extract_facts(optimized.to_text()).numbers)
    for source_id, text in original.bullets().items():
        if source_id == "skills":
            continue
        for fact in extract_facts(text).numbers:
            if not kept.keeps(fact.value):
                findings.append(
                    ClaimFinding(
                        kind="dropped_metric",
                        text=fact.text,
                        source_id=source_id,
                        message=f"The original's “{fact.text}” no longer appears.",
                    )
                )
    roles = {(_norm(e.company or ""), _norm(e.title or "")) for e in optimized.experience}
    for i, entry in enumerate(original.experience):
        if (_norm(entry.company or ""), _norm(entry.title or "")) not in roles:
            label = " at ".join(v for v in (entry.title, entry.company) if v) or f"role {i + 1}"
            findings.append(
                ClaimFinding(
                    kind="dropped_role",
                    text=label,
                    source_id=f"experience.{i}",
                    message=f"The role “{label}” is missing from the optimized resume.",
                )
            )
    return findings


def check_claims(original: Resume, optimized: Resume) -> list[ClaimFinding]:
    """Every fact the optimized resume states that the original does not support, and
    every metric or role of the original that the optimized resume dropped."""
    support = _support(original)
    before = original.bullets()
    findings: list[ClaimFinding] = []
    for source_id, text in optimized.bullets().items():
        if before.get(source_id) != text:
            findings += _text_findings(source_id, text, support)
    findings += _field_findings(original, optimized, support)
    findings += _dropped_findings(original, optimized)
    return findings
