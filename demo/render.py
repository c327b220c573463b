"""Render a demo person as a real resume file: PDF (one or two columns), DOCX
(paragraphs or a table) or plain text.

Every layout draws from one *plan* (``resume_plan``): the person's content already put
into words — header synonyms, a date format, a bullet glyph, an arrangement of each job's
heading — chosen deterministically per person and layout, so the same person looks
different in different files, and every file is reproducible byte for byte.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from demo.people import PRESENT, DemoEducation, DemoJob, DemoPerson

LAYOUTS = ("pdf_one_column", "pdf_two_column", "docx_paragraphs", "docx_table", "text")

# Sections a two-column layout puts in its left sidebar; the rest go in the main column.
SIDEBAR_SECTIONS = ("skills", "education", "languages", "certifications")

HEADER_SYNONYMS = {
    "summary": ("Summary", "Professional Summary", "Profile", "About Me",
                "Executive Summary", "Career Profile"),
    "experience": ("Experience", "Work Experience", "Work History",
                   "Professional Experience", "Employment", "Employment History",
                   "Career History"),
    "education": ("Education", "Academic Background", "Education and Training",
                  "Education & Qualifications"),
    "skills": ("Skills", "Technical Skills", "Core Competencies", "Key Skills",
               "Skills & Tools", "Areas of Expertise"),
    "certifications": ("Certifications", "Licenses & Certifications", "Certificates"),
    "projects": ("Projects", "Selected Projects", "Personal Projects"),
    "languages": ("Languages", "Language Skills"),
    "awards": ("Awards", "Honors & Awards", "Achievements"),
}
BULLET_GLYPHS = ("•", "-", "*", "▪")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
DATE_FORMATS = ("Mon YYYY", "MM/YYYY", "YYYY-MM", "Month YYYY")


def file_format(layout: str) -> str:
    """"pdf", "docx" or "text": what ``render_resume`` returns for this layout."""
    if layout not in LAYOUTS:
        raise ValueError(f"unknown layout {layout!r}; expected one of {LAYOUTS}")
    return layout.split("_", 1)[0]


def layout_for(index: int) -> str:
    """The layout demo candidate ``index`` gets: PDFs most often, like real inboxes."""
    # A fixed cycle of 10 (not random) so any run of 10 candidates shows every layout.
    cycle = ("pdf_one_column", "docx_paragraphs", "pdf_two_column", "text",
             "pdf_one_column", "docx_table", "pdf_one_column", "pdf_two_column",
             "docx_paragraphs", "pdf_one_column")
    return cycle[index % len(cycle)]


def render_resume(person: DemoPerson, layout: str) -> bytes:
    fmt = file_format(layout)
    plan = resume_plan(person, layout)
    if fmt == "pdf":
        from demo import pdf_layouts

        return pdf_layouts.render(plan, two_column=layout == "pdf_two_column")
    if fmt == "docx":
        from demo import docx_layouts

        return docx_layouts.render(plan, table=layout == "docx_table")
    return render_text(plan).encode("utf-8")


@dataclass(frozen=True)
class Style:
    headers: dict[str, str]
    header_case: str  # "as_is", "upper"
    date_format: str
    present: str
    date_separator: str
    bullet: str
    contact_separator: str
    job_arrangement: int  # which of the heading arrangements in ``_job_lines``
    education_arrangement: int
    skills_separator: str  # "" = one skill per line
    skills_first: bool
    serif: bool
    header_rule: bool
    show_title: bool


def style_for(person: DemoPerson, layout: str) -> Style:
    rng = random.Random(person.seed * 7_919 + person.index * 31 + LAYOUTS.index(layout))
    pick = rng.choice
    bullet = pick(BULLET_GLYPHS)
    return Style(
        headers={key: pick(names) for key, names in HEADER_SYNONYMS.items()},
        header_case=pick(("as_is", "upper", "upper")),
        date_format=pick(DATE_FORMATS),
        present=pick(("Present", "Present", "present", "Current")),
        date_separator=pick((" – ", " - ", " to ", " — ")),
        bullet=bullet,
        contact_separator=pick((" | ", " · ", "  •  ", " | ")),
        job_arrangement=rng.randrange(4),
        education_arrangement=rng.randrange(3),
        skills_separator=pick((", ", ", ", " | ", " • ", "")),
        skills_first=rng.random() < 0.3,
        serif=rng.random() < 0.35,
        header_rule=rng.random() < 0.6,
        show_title=rng.random() < 0.6,
    )


@dataclass(frozen=True)
class Line:
    """One line of a resume: ``right`` is a date or place set flush right where the
    layout can (a tab in DOCX, spaces in text)."""

    text: str
    right: str | None = None
    bold: bool = False
    italic: bool = False
    bullet: bool = False  # the layout adds the style's glyph (or a Word list bullet)
    gap_before: bool = False  # first line of a new entry


@dataclass(frozen=True)
class Section:
    key: str
    header: str
    lines: list[Line]


@dataclass(frozen=True)
class Plan:
    name: str
    title: str | None
    contact: list[str]
    sections: list[Section]
    style: Style


def format_date(value: str | None, style: Style) -> str:
    if value is None:
        return ""
    if value == PRESENT:
        return style.present
    if len(value) == 4:
        return value
    year, month = value[:4], int(value[5:7])
    fmt = style.date_format
    if fmt == "Mon YYYY":
        return f"{MONTHS[month - 1][:3]} {year}"
    if fmt == "MM/YYYY":
        return f"{month:02d}/{year}"
    if fmt == "YYYY-MM":
        return value
    return f"{MONTHS[month - 1]} {year}"


def format_period(start: str | None, end: str | None, style: Style) -> str:
    if start is None:
        return format_date(end, style)
    return f"{format_date(start, style)}{style.date_separator}{format_date(end, style)}"


def _job_lines(job: DemoJob, style: Style) -> list[Line]:
    period = format_period(job.start, job.end, style)
    place = job.location
    arrangement = style.job_arrangement
    if arrangement == 0:
        lines = [Line(job.title, right=period, bold=True, gap_before=True),
                 Line(f"{job.company}, {place}" if place else job.company, italic=True)]
    elif arrangement == 1:
        lines = [Line(job.company, right=place, bold=True, gap_before=True),
                 Line(job.title, right=period, italic=True)]
    elif arrangement == 2:
        lines = [Line(f"{job.title} — {job.company}", bold=True, gap_before=True),
                 Line(" | ".join(p for p in (place, period) if p), italic=True)]
    else:
        where = f", {place}" if place else ""
        lines = [Line(f"{job.company}{where}", bold=True, gap_before=True),
                 Line(f"{job.title} ({period})")]
    return lines + [Line(text, bullet=True) for text in job.bullets]


def _degree(entry: DemoEducation) -> str:
    return f"{entry.degree} in {entry.field}" if entry.field else entry.degree


def _education_lines(entry: DemoEducation, style: Style) -> list[Line]:
    period = format_period(entry.start, entry.end, style)
    arrangement = style.education_arrangement
    if arrangement == 0:
        lines = [Line(entry.institution, right=period, bold=True, gap_before=True),
                 Line(_degree(entry))]
    elif arrangement == 1:
        lines = [Line(_degree(entry), bold=True, gap_before=True),
                 Line(f"{entry.institution} | {period}", italic=True)]
    else:
        lines = [Line(f"{_degree(entry)}, {entry.institution}, {period}", gap_before=True)]
    if entry.grade:
        lines.append(Line(entry.grade))
    return lines


def _header(key: str, style: Style) -> str:
    text = style.headers[key]
    return text.upper() if style.header_case == "upper" else text


def resume_plan(person: DemoPerson, layout: str) -> Plan:
    """The person's resume put into words and lines for ``layout``; layouts only draw it."""
    style = style_for(person, layout)
    sections: dict[str, list[Line]] = {}
    if person.summary:
        sections["summary"] = [Line(person.summary)]
    sections["experience"] = [line for job in person.jobs for line in _job_lines(job, style)]
    sections["education"] = [
        line for entry in person.education for line in _education_lines(entry, style)
    ]
    separator = style.skills_separator
    if layout == "pdf_two_column" or layout == "docx_table" and not separator:
        separator = ""  # narrow sidebar: one skill per line reads best there
    sections["skills"] = (
        [Line(separator.join(person.skills))] if separator
        else [Line(skill, bullet=layout != "text") for skill in person.skills]
    )
    for name, items in person.other_sections():
        sections[name] = [Line(item, bullet=True) for item in items]
    order = list(sections)
    if style.skills_first:
        order.remove("skills")
        order.insert(1 if person.summary else 0, "skills")
    contact = [person.email, person.phone, person.location]
    contact += [url for _, url in person.links]
    return Plan(
        name=person.name,
        title=person.title if style.show_title else None,
        contact=contact,
        sections=[Section(key, _header(key, style), sections[key]) for key in order],
        style=style,
    )


def render_text(plan: Plan) -> str:
    style = plan.style
    out = [plan.name]
    if plan.title:
        out.append(plan.title)
    out.append(style.contact_separator.join(plan.contact))
    for section in plan.sections:
        out.append("")
        if style.header_rule:
            out += [section.header, ("=" if style.serif else "-") * len(section.header)]
        else:
            out.append(section.header if style.header_case == "upper" else
                       f"{section.header}:")
        for number, line in enumerate(section.lines):
            if line.gap_before and number:
                out.append("")
            text = f"{style.bullet} {line.text}" if line.bullet else line.text
            out.append(f"{text}    {line.right}" if line.right else text)
    return "\n".join(out) + "\n"
