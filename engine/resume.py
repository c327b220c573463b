"""The models every step of Tailor shares: the structured ``Resume`` (parser output,
optimizer input and output, review, exports) and the ``JobDescription`` it is tailored to.

Bullets carry stable ids (``<section>.<entry>.<index>``, e.g. ``experience.0.2``) so an
optimizer edit, a claim-check finding or a reviewer's decision can point at one line.
The summary's id is ``summary``; the skills list's id is ``skills``.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

PRESENT = "present"

SECTION_ORDER = (
    "summary",
    "experience",
    "education",
    "skills",
    "certifications",
    "projects",
    "languages",
    "awards",
    "other",
)


class Link(BaseModel):
    kind: str = Field(description="linkedin, github, website or other")
    url: str


class Bullet(BaseModel):
    id: str
    text: str


class ExperienceEntry(BaseModel):
    title: str | None = None
    company: str | None = None
    location: str | None = None
    start: str | None = Field(None, description="YYYY-MM or YYYY")
    end: str | None = Field(None, description='YYYY-MM, YYYY, "present" or null')
    bullets: list[Bullet] = Field(default_factory=list)


class EducationEntry(BaseModel):
    degree: str | None = None
    field: str | None = None
    institution: str | None = None
    start: str | None = None
    end: str | None = None
    grade: str | None = None


class OtherSection(BaseModel):
    """A section other than summary/experience/education/skills: certifications,
    projects, languages, awards, other. Its bullets' ids are ``<name>.0.<index>``."""

    name: str
    bullets: list[Bullet] = Field(default_factory=list)


class Flag(BaseModel):
    """Something the recruiter should see: hidden text, poor text quality, truncation."""

    code: str
    message: str
    text: str | None = None


class JobDescription(BaseModel):
    """The posting a resume is tailored to (the app table that stores it is db's)."""

    title: str = ""
    text: str


class Resume(BaseModel):
    name: str | None = None
    email: str | None = None
    phone: str | None = None
    location: str | None = None
    links: list[Link] = Field(default_factory=list)
    summary: str | None = None
    experience: list[ExperienceEntry] = Field(default_factory=list)
    education: list[EducationEntry] = Field(default_factory=list)
    skills: list[str] = Field(default_factory=list)
    other_sections: list[OtherSection] = Field(default_factory=list)
    sections: list[str] = Field(default_factory=list, description="section names found")
    language: str | None = None
    flags: list[Flag] = Field(default_factory=list)
    parse_confidence: float | None = Field(
        None, description="0..1, set by the parser (engine.parse.confidence); low = may "
        "have been misread")

    def bullets(self) -> dict[str, str]:
        """Every editable text by id, in document order."""
        texts: dict[str, str] = {}
        if self.summary:
            texts["summary"] = self.summary
        for entry in self.experience:
            texts.update((b.id, b.text) for b in entry.bullets)
        for section in self.other_sections:
            texts.update((b.id, b.text) for b in section.bullets)
        if self.skills:
            texts["skills"] = ", ".join(self.skills)
        return texts

    def to_text(self) -> str:
        """Plain text in a conventional order; used for diffs, scoring and exports."""
        lines: list[str] = []
        if self.name:
            lines.append(self.name)
        contact = [v for v in (self.email, self.phone, self.location) if v]
        contact += [link.url for link in self.links]
        if contact:
            lines.append(" | ".join(contact))
        if self.summary:
            lines += ["", "SUMMARY", self.summary]
        if self.experience:
            lines += ["", "EXPERIENCE"]
            for entry in self.experience:
                lines.append(_experience_heading(entry))
                lines += [f"• {b.text}" for b in entry.bullets]
        if self.education:
            lines += ["", "EDUCATION"]
            lines += [_education_line(e) for e in self.education]
        if self.skills:
            lines += ["", "SKILLS", ", ".join(self.skills)]
        for section in self.other_sections:
            lines += ["", section.name.upper()]
            lines += [f"• {b.text}" for b in section.bullets]
        return "\n".join(lines).strip() + "\n"


def format_period(start: str | None, end: str | None) -> str:
    if not start and not end:
        return ""
    end_text = "Present" if end == PRESENT else (end or "")
    return f"{start or ''} – {end_text}".strip(" –")


def _experience_heading(entry: ExperienceEntry) -> str:
    who = ", ".join(v for v in (entry.title, entry.company, entry.location) if v)
    period = format_period(entry.start, entry.end)
    return f"{who} ({period})" if period else who


def _education_line(entry: EducationEntry) -> str:
    degree = " in ".join(v for v in (entry.degree, entry.field) if v)
    parts = [v for v in (degree, entry.institution, entry.grade) if v]
    period = format_period(entry.start, entry.end)
    line = ", ".join(parts)
    return f"{line} ({period})" if period else line
