"""A resume.json as the strings a typeset template prints: one view for every template.

JSON Resume leaves most fields optional and people fill them in many ways (nulls, empty
strings, dates as "2022-05-18", "2022-05" or "March, 2020"); the view settles that once, so
the Typst and LaTeX templates of bench.typeset_probe only place strings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

NOW = "2026-11"  # the month a role still held runs to, for its length
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass
class Job:
    position: str
    company: str
    place: str
    period: str
    length: str  # "2 years 3 months", as LinkedIn prints it; "" when a date is unread
    summary: str
    highlights: list[str]


@dataclass
class School:
    institution: str
    degree: str  # "BS in Computer Science", or whichever of the two is given
    place: str
    period: str


@dataclass
class SkillGroup:
    name: str
    keywords: list[str]


@dataclass
class Project:
    name: str
    period: str
    description: str
    highlights: list[str]


@dataclass
class View:
    name: str
    label: str
    contact: list[str]
    summary: str
    jobs: list[Job] = field(default_factory=list)
    schools: list[School] = field(default_factory=list)
    skills: list[SkillGroup] = field(default_factory=list)
    projects: list[Project] = field(default_factory=list)
    languages: list[str] = field(default_factory=list)  # "English — Native"


def text(entry: dict, key: str) -> str:
    """The entry's string at key, stripped; "" when missing, null or not a string."""
    value = entry.get(key)
    return value.strip() if isinstance(value, str) else ""


def texts(values: object) -> list[str]:
    return [v.strip() for v in values if isinstance(v, str) and v.strip()] \
        if isinstance(values, list) else []


def date(value: str) -> str:
    """"2022-05-18" and "2022-05" as "May 2022"; anything else as written."""
    found = re.match(r"(\d{4})-(\d{2})", value)
    if not found:
        return value
    month = int(found.group(2))
    return f"{MONTHS[month - 1]} {found.group(1)}" if 1 <= month <= 12 else found.group(1)


def period(entry: dict) -> str:
    """"May 2022 – Present", "2021" (an end alone), "" when neither is given."""
    start, end = date(text(entry, "startDate")), date(text(entry, "endDate"))
    if not start:
        return end
    return f"{start} – {end or 'Present'}"


def _month_index(value: str) -> int | None:
    found = re.match(r"(\d{4})-(\d{2})", value)
    return int(found.group(1)) * 12 + int(found.group(2)) - 1 if found else None


def length(entry: dict) -> str:
    """How long a role lasted, counted inclusively as LinkedIn does ("1 year 2 months");
    a role still held counts up to NOW, so the PDFs are the same on every run."""
    start = _month_index(text(entry, "startDate"))
    end = _month_index(text(entry, "endDate") or NOW)
    if start is None or end is None or end < start:
        return ""
    years, months = divmod(end - start + 1, 12)
    parts = [f"{years} year{'s' * (years != 1)}" if years else "",
             f"{months} month{'s' * (months != 1)}" if months else ""]
    return " ".join(p for p in parts if p)


def place(entry: dict) -> str:
    location = entry.get("location")
    if isinstance(location, dict):
        return ", ".join(filter(None, (text(location, k) for k in ("city", "region", "countryCode"))))
    return location.strip() if isinstance(location, str) else ""


def _entries(data: dict, key: str) -> list[dict]:
    values = data.get(key)
    return [item for item in values if isinstance(item, dict)] if isinstance(values, list) else []


def _degree(entry: dict) -> str:
    degree, area = text(entry, "studyType"), text(entry, "area")
    return f"{degree} in {area}" if degree and area else degree or area


def view_of(data: dict) -> View:
    basics = data.get("basics") if isinstance(data.get("basics"), dict) else {}
    contact = [text(basics, k) for k in ("email", "phone", "url", "website")] + [place(basics)]
    return View(
        name=text(basics, "name"), label=text(basics, "label"),
        contact=[c for c in dict.fromkeys(contact) if c], summary=text(basics, "summary"),
        # "name" first, as JSON Resume names the employer (and bench.parse_scoring reads it)
        jobs=[Job(text(j, "position"), text(j, "name") or text(j, "company"), place(j),
                  period(j), length(j), text(j, "summary"), texts(j.get("highlights")))
              for j in _entries(data, "work")],
        schools=[School(text(e, "institution"), _degree(e), place(e), period(e))
                 for e in _entries(data, "education")],
        skills=[SkillGroup(text(g, "name"), texts(g.get("keywords")))
                for g in _entries(data, "skills")],
        projects=[Project(text(p, "name"), period(p), text(p, "description"),
                          texts(p.get("highlights"))) for p in _entries(data, "projects")],
        languages=[" — ".join(filter(None, (text(lang, "language"), text(lang, "fluency"))))
                   for lang in _entries(data, "languages") if text(lang, "language")],
    )
