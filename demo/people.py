"""Deterministic demo people: the content of a resume, before any layout.

``make_person(index, seed)`` always returns the same person for the same arguments, on
any machine and Python run (``random.Random`` seeded with an int is stable), and is cheap
enough to call 100,000 times while seeding. ``DemoPerson.to_resume()`` is the ground
truth the parser's tests compare against; how the person is laid out on paper (headers,
date formats, bullet glyphs) is decided in ``demo.render``.

Dates are ``YYYY-MM`` (education sometimes ``YYYY``), a current job ends ``"present"``.
The phone is stored as written on the resume (compare digits); skills are stored as
written, which is sometimes a variant such as "JS" or "k8s" (see ``SKILL_VARIANTS``).
"""

from __future__ import annotations

import functools
import random
import string
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from demo import vocabulary as v
from engine.resume import (
    PRESENT,
    Bullet,
    EducationEntry,
    ExperienceEntry,
    Link,
    OtherSection,
    Resume,
)

T = TypeVar("T")

# The demo world's "now": fixed so that a person never changes with the calendar.
CURRENT_MONTH = 2025 * 12 + 5  # 2025-06 as a month number (year * 12 + month - 1)

OTHER_SECTIONS = ("certifications", "projects", "languages", "awards")

_US_STATES = {region for _, region in v.CITIES if len(region) == 2}
_COUNTRY_CODES = {
    "Canada": "+1", "United Kingdom": "+44", "Ireland": "+353", "Germany": "+49",
    "Netherlands": "+31", "France": "+33", "Spain": "+34", "Sweden": "+46",
    "Poland": "+48", "India": "+91", "Singapore": "+65", "Australia": "+61",
    "South Africa": "+27", "Nigeria": "+234", "Kenya": "+254", "Japan": "+81",
    "Brazil": "+55", "Mexico": "+52",
}
_FIELDS = {
    "software": ("Computer Science", "Software Engineering", "Computer Engineering"),
    "data": ("Statistics", "Computer Science", "Mathematics", "Data Science", "Economics"),
    "devops": ("Computer Science", "Information Technology", "Electrical Engineering"),
    "product": ("Business Administration", "Computer Science", "Economics"),
    "marketing": ("Marketing", "Communications", "Business Administration"),
    "sales": ("Business Administration", "Communications", "Economics"),
    "finance": ("Finance", "Accounting", "Economics"),
    "design": ("Graphic Design", "Human-Computer Interaction", "Psychology"),
    "operations": ("Industrial Engineering", "Supply Chain Management",
                   "Business Administration"),
    "hr": ("Human Resources Management", "Psychology", "Business Administration"),
}
# Skills that read naturally after "using ..." in a bullet.
_NON_TOOLS = frozenset((
    "Negotiation", "Consultative Selling", "Pipeline Management", "Account Management",
    "Forecasting", "Cold Calling", "Contract Negotiation", "Product Strategy",
    "Roadmapping", "User Research", "Stakeholder Management", "Go-to-Market Strategy",
    "OKRs", "Data Analysis", "Agile", "Scrum", "Statistics", "Machine Learning",
    "Copywriting", "Content Marketing", "Email Marketing", "Social Media Marketing",
    "Budgeting", "GAAP", "Variance Analysis", "Accounts Payable", "Month-End Close",
    "Valuation", "Audit", "Financial Modeling", "Prototyping", "Usability Testing",
    "Wireframing", "Accessibility", "Interaction Design", "Information Architecture",
    "Design Systems", "Supply Chain Management", "Process Improvement",
    "Inventory Management", "Vendor Management", "Project Management", "Logistics",
    "Procurement", "Recruiting", "Employee Relations", "Onboarding",
    "Compensation & Benefits", "Performance Management", "Sourcing",
    "Talent Development", "Labor Law Compliance", "Microservices", "REST APIs",
    "A/B Testing", "Search Engine Optimization", "Public Speaking", "Team Leadership",
    "Cross-functional Collaboration", "Recruiting", "Forecasting", "Customer Relationship Management",
    "Marketing Automation", "Lean Six Sigma", "Continuous Integration",
))
# Each template split once into literal text and field names (in order of appearance:
# the draws must happen in a fixed order, so never iterate a set here).
_TEMPLATE_PARTS = {
    t: tuple((literal, name) for literal, name, _, _ in string.Formatter().parse(t))
    for t in v.BULLET_TEMPLATES + v.SUMMARY_TEMPLATES
}
_PROJECTS = (
    "{name}: open-source {what} in {tool}; {count} GitHub stars",
    "{name}: a {what} built with {tool} and {tool2}, used by {small} teams",
    "{name} – weekend {what} written in {tool}, featured in a {year} meetup talk",
)
_PROJECT_NAMES = ("Ledgerly", "TrailMap", "Pulse", "Shelf", "Quill", "Beacon",
                  "Tally", "Harvest", "Orbit", "Sprout", "Relay", "Compass")
_PROJECT_WHATS = ("budgeting app", "CLI for log analysis", "browser extension",
                  "Slack bot", "price tracker", "dashboard template", "recipe planner")


class _Dice:
    """``random.Random`` with cheaper draws: ``choice``/``randint`` cost ~4x more and
    making people is almost nothing but draws."""

    __slots__ = ("random", "sample")

    def __init__(self, seed: int) -> None:
        rng = random.Random(seed)
        self.random = rng.random
        self.sample = rng.sample

    def pick(self, items: Sequence[T]) -> T:
        return items[int(self.random() * len(items))]

    def between(self, low: int, high: int) -> int:
        return low + int(self.random() * (high - low + 1))


@dataclass(frozen=True)
class DemoJob:
    title: str
    company: str
    location: str | None
    start: str  # YYYY-MM
    end: str  # YYYY-MM or "present"
    bullets: tuple[str, ...]


@dataclass(frozen=True)
class DemoEducation:
    degree: str
    field: str | None
    institution: str
    start: str | None  # YYYY or YYYY-MM
    end: str  # YYYY or YYYY-MM
    grade: str | None


@dataclass(frozen=True)
class DemoPerson:
    index: int
    seed: int
    first_name: str
    last_name: str
    email: str
    phone: str
    location: str
    title: str
    summary: str | None
    links: tuple[tuple[str, str], ...]  # (kind, url)
    jobs: tuple[DemoJob, ...]  # most recent first
    education: tuple[DemoEducation, ...]  # most recent first
    skills: tuple[str, ...]
    certifications: tuple[str, ...]
    projects: tuple[str, ...]
    languages: tuple[str, ...]
    awards: tuple[str, ...]

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"

    @property
    def companies(self) -> list[str]:
        return [job.company for job in self.jobs]

    def other_sections(self) -> list[tuple[str, tuple[str, ...]]]:
        """(section name, items) for the optional sections this person has."""
        items = (self.certifications, self.projects, self.languages, self.awards)
        return [(name, its) for name, its in zip(OTHER_SECTIONS, items) if its]

    @property
    def sections(self) -> list[str]:
        names = ["summary"] if self.summary else []
        names += ["experience", "education", "skills"]
        return names + [name for name, _ in self.other_sections()]

    def to_resume(self) -> Resume:
        """The ground truth: what a perfect parser reads from any rendering of this person."""
        return Resume(
            name=self.name,
            email=self.email,
            phone=self.phone,
            location=self.location,
            links=[Link(kind=kind, url=url) for kind, url in self.links],
            summary=self.summary,
            experience=[
                ExperienceEntry(
                    title=job.title,
                    company=job.company,
                    location=job.location,
                    start=job.start,
                    end=job.end,
                    bullets=[
                        Bullet(id=f"experience.{e}.{i}", text=text)
                        for i, text in enumerate(job.bullets)
                    ],
                )
                for e, job in enumerate(self.jobs)
            ],
            education=[
                EducationEntry(
                    degree=ed.degree, field=ed.field, institution=ed.institution,
                    start=ed.start, end=ed.end, grade=ed.grade,
                )
                for ed in self.education
            ],
            skills=list(self.skills),
            other_sections=[
                OtherSection(
                    name=name,
                    bullets=[Bullet(id=f"{name}.0.{i}", text=t) for i, t in enumerate(items)],
                )
                for name, items in self.other_sections()
            ],
            sections=self.sections,
            language="en",
        )


def make_person(index: int, seed: int = 7) -> DemoPerson:
    """The demo person number ``index`` of the demo world ``seed``."""
    # An int seed (not a tuple or str) keeps Random's setup cheap and stable everywhere.
    rng = _Dice(seed * 1_000_003 + index)
    pick = rng.pick
    first, last = pick(v.FIRST_NAMES), pick(v.LAST_NAMES)
    city, region = pick(v.CITIES)
    track = pick(v.TRACKS)
    skills = _skills(rng, track)
    tools = [s for s in skills if s not in _NON_TOOLS] or list(track.skills[:3])
    jobs = _jobs(rng, track, tools)
    years = (CURRENT_MONTH - _month_number(jobs[-1].start)) // 12 + 1
    return DemoPerson(
        index=index,
        seed=seed,
        first_name=first,
        last_name=last,
        email=_email(rng, first, last, index),
        phone=_phone(rng, region),
        location=f"{city}, {region}",
        title=jobs[0].title,
        summary=_summary(rng, track, jobs[0].title, years, tools) if rng.random() < 0.75 else None,
        links=_links(rng, first, last, index, track),
        jobs=jobs,
        education=_education(rng, track, jobs[-1].start),
        skills=skills,
        certifications=_some(rng, 0.3, v.CERTIFICATIONS, 1, 3),
        projects=_projects(rng, tools) if rng.random() < 0.25 else (),
        languages=_some(rng, 0.25, v.LANGUAGES, 2, 3),
        awards=_awards(rng) if rng.random() < 0.2 else (),
    )


@functools.cache
def _ascii(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(c for c in folded.lower() if c.isalnum())


def _email(rng: _Dice, first: str, last: str, index: int) -> str:
    f, l = _ascii(first), _ascii(last)
    local = rng.pick((f"{f}.{l}", f"{f[0]}{l}", f"{f}_{l}", f"{l}.{f}", f"{f}{l[0]}"))
    # The index makes the address unique; names never contain digits, so no collisions.
    return f"{local}{index}@{rng.pick(v.EMAIL_DOMAINS)}"


def _phone(rng: _Dice, region: str) -> str:
    if region in _US_STATES:
        area, line = rng.between(201, 989), rng.between(100, 199)  # 555-01xx: fictional
        return rng.pick((
            f"({area}) 555-0{line}", f"{area}-555-0{line}", f"{area}.555.0{line}",
            f"+1 {area} 555 0{line}", f"+1 ({area}) 555-0{line}",
        ))
    code = _COUNTRY_CODES[region]
    digits = f"{rng.between(10, 99)}{rng.between(1000, 9999)}{rng.between(1000, 9999)}"
    if code == "+1":
        return f"+1 {digits[:3]}-555-0{digits[3:6]}"
    return rng.pick((
        f"{code} {digits[:2]} {digits[2:6]} {digits[6:]}",
        f"{code} {digits[:5]} {digits[5:]}",
        f"{code}-{digits[:3]}-{digits[3:]}",
    ))


def _skills(rng: _Dice, track: v.Track) -> tuple[str, ...]:
    pool = track.skills + tuple(s for s in v.GENERAL_SKILLS if s not in track.skills)
    count = min(rng.between(6, 15), len(pool))
    chosen = rng.sample(track.skills, min(count - 1, len(track.skills)))
    chosen += rng.sample([s for s in pool if s not in chosen], count - len(chosen))
    return tuple(
        rng.pick(v.SKILL_VARIANTS[s]) if s in v.SKILL_VARIANTS and rng.random() < 0.3 else s
        for s in chosen
    )


def _company(rng: _Dice) -> str:
    return (f"{rng.pick(v.COMPANY_PREFIXES)} {rng.pick(v.COMPANY_SUFFIXES)}"
            f"{rng.pick(v.COMPANY_FORMS)}")


def _month(number: int) -> str:
    return f"{number // 12}-{number % 12 + 1:02d}"


def _month_number(text: str) -> int:
    return int(text[:4]) * 12 + int(text[5:7]) - 1


def _jobs(rng: _Dice, track: v.Track, tools: list[str]) -> tuple[DemoJob, ...]:
    count = rng.pick((1, 2, 2, 3, 3, 3, 4, 4))
    current = rng.random() < 0.6
    end = CURRENT_MONTH if current else CURRENT_MONTH - rng.between(1, 24)
    jobs = []
    companies: set[str] = set()
    for number in range(count):
        start = end - rng.between(8, 54)
        company = _company(rng)
        while company in companies:  # the same employer twice would make tests ambiguous
            company = _company(rng)
        companies.add(company)
        city, region = rng.pick(v.CITIES)
        place = rng.random()
        location = None if place < 0.2 else "Remote" if place < 0.3 else f"{city}, {region}"
        bullets = tuple(_bullet(rng, track, tools) for _ in range(rng.between(2, 6)))
        jobs.append(DemoJob(
            title=rng.pick(track.titles),
            company=company,
            location=location,
            start=_month(start),
            end=PRESENT if current and number == 0 else _month(end),
            bullets=bullets,
        ))
        end = start - rng.between(0, 4)
    return tuple(jobs)


def _money(rng: _Dice) -> str:
    kind = rng.random()
    if kind < 0.4:
        return f"{rng.between(12, 950)}K"
    if kind < 0.7:
        return f"{rng.between(1, 9)}.{rng.between(1, 9)}M"
    return f"{rng.between(15, 990)},{rng.between(0, 9)}00"


_MAKERS: dict[str, Callable[[_Dice, v.Track, list[str]], str]] = {
    "verb": lambda rng, track, tools: rng.pick(v.ACTION_VERBS),
    "lead_verb": lambda rng, track, tools: rng.pick(v.LEAD_VERBS),
    "thing": lambda rng, track, tools: rng.pick(track.things),
    "tool": lambda rng, track, tools: rng.pick(tools),
    "metric": lambda rng, track, tools: rng.pick(track.metrics),
    "money_thing": lambda rng, track, tools: rng.pick(track.money_things),
    "team": lambda rng, track, tools: rng.pick(track.teams),
    "pct": lambda rng, track, tools: str(rng.between(5, 85)),
    "count": lambda rng, track, tools: f"{rng.between(2, 900) * 10:,}",
    "money": lambda rng, track, tools: _money(rng),
    "small": lambda rng, track, tools: str(rng.between(3, 12)),
    "small2": lambda rng, track, tools: str(rng.between(1, 3)),
    "months": lambda rng, track, tools: str(rng.between(3, 18)),
    "timeframe": lambda rng, track, tools: rng.pick(v.TIMEFRAMES),
    "before": lambda rng, track, tools: f"{rng.between(20, 60)}%",
    "after": lambda rng, track, tools: f"{rng.between(61, 98)}%",
    "strength": lambda rng, track, tools: rng.pick(v.STRENGTHS),
    "area": lambda rng, track, tools: rng.pick(track.things).split(" ", 1)[-1],
}


def _fill(rng: _Dice, template: str, track: v.Track, tools: list[str],
          extra: dict[str, str] | None = None) -> str:
    """Fill a template, drawing only the fields it uses (most of the cost of a person)."""
    values = dict(extra) if extra else {}
    parts = _TEMPLATE_PARTS[template]
    if "{tool2}" in template:  # several tools in one sentence: never the same one twice
        count = len(tools)  # three distinct tools, cheaper than rng.sample
        first = rng.between(0, count - 1)
        step = rng.between(1, max(1, (count - 1) // 2))  # 2 * step < count: distinct
        values.update(tool=tools[first], tool2=tools[(first + step) % count],
                      tool3=tools[(first + 2 * step) % count])
    pieces = []
    for literal, name in parts:
        pieces.append(literal)
        if name:
            value = values.get(name)
            if value is None:
                value = values[name] = _MAKERS[name](rng, track, tools)
            pieces.append(value)
    text = "".join(pieces)
    return text[0].upper() + text[1:]


def _bullet(rng: _Dice, track: v.Track, tools: list[str]) -> str:
    return _fill(rng, rng.pick(v.BULLET_TEMPLATES), track, tools)


def _summary(rng: _Dice, track: v.Track, title: str, years: int,
             tools: list[str]) -> str:
    extra = {"title": title, "years": str(max(years, 2))}
    return _fill(rng, rng.pick(v.SUMMARY_TEMPLATES), track, tools, extra)


def _links(rng: _Dice, first: str, last: str, index: int,
           track: v.Track) -> tuple[tuple[str, str], ...]:
    handle = f"{_ascii(first)}-{_ascii(last)}-{index}"
    links = []
    if rng.random() < 0.5:
        links.append(("linkedin", rng.pick(("linkedin.com/in/", "https://www.linkedin.com/in/"))
                      + handle))
    if track.name in ("software", "data", "devops") and rng.random() < 0.5:
        links.append(("github", f"github.com/{_ascii(first)}{_ascii(last)}{index}"))
    if rng.random() < 0.1:
        links.append(("website", f"https://{_ascii(first)}{_ascii(last)}.example.com"))
    return tuple(links)


def _education(rng: _Dice, track: v.Track,
               first_job_start: str) -> tuple[DemoEducation, ...]:
    graduated = int(first_job_start[:4]) - rng.pick((0, 0, 0, 1))
    with_months = rng.random() < 0.5
    bachelors = v.BACHELOR_DEGREES
    if track.name in ("software", "devops", "data"):
        bachelors += v.ENGINEERING_DEGREES[:2]
    elif track.name in ("finance", "sales", "marketing", "operations"):
        bachelors += v.BUSINESS_DEGREES
    levels = [(bachelors, 4)]
    roll = rng.random()
    if roll < 0.3:
        levels.append((v.MASTER_DEGREES, 2))
    elif roll < 0.35:
        levels.append((v.DOCTORATE_DEGREES, 5))
    entries = []
    end = graduated
    for degrees, length in reversed(levels):  # most recent degree first
        degree = rng.pick(degrees)
        start = end - length
        entries.append(DemoEducation(
            degree=degree,
            field=None if degree == "MBA" else rng.pick(_FIELDS[track.name]),
            institution=rng.pick(v.UNIVERSITIES),
            start=None if rng.random() < 0.25 else
            (f"{start}-09" if with_months else str(start)),
            end=f"{end}-05" if with_months else str(end),
            grade=rng.pick(v.GRADES) if rng.random() < 0.35 else None,
        ))
        end = start
    return tuple(entries)


def _some(rng: _Dice, chance: float, pool: tuple[str, ...], low: int,
          high: int) -> tuple[str, ...]:
    if rng.random() >= chance:
        return ()
    return tuple(rng.sample(pool, rng.between(low, high)))


def _projects(rng: _Dice, tools: list[str]) -> tuple[str, ...]:
    names = rng.sample(_PROJECT_NAMES, rng.between(1, 3))
    return tuple(
        rng.pick(_PROJECTS).format(
            name=name, what=rng.pick(_PROJECT_WHATS), tool=rng.pick(tools),
            tool2=rng.pick(tools), count=rng.between(40, 2400),
            small=rng.between(2, 30), year=rng.between(2018, 2024),
        )
        for name in names
    )


def _awards(rng: _Dice) -> tuple[str, ...]:
    return tuple(
        template.format(year=rng.between(2015, 2024), pct=rng.between(1, 10),
                        quarter=rng.between(1, 4))
        for template in rng.sample(v.AWARDS, rng.between(1, 2))
    )
