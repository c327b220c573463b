"""Export a Resume as PDF (HTML + CSS through WeasyPrint) or DOCX (python-docx), in one
of three templates: classic, modern (two columns) and anonymised (a client submission
headed by the agency, without the candidate's name or contact details).

The templates are Jinja HTML + CSS files in engine/render/templates/ (base.css holds the
page-break rules all share). Resume content is untrusted (it comes from a candidate's file
or a model's output): the templates escape every value, WeasyPrint may fetch only the
agency logo we embed as a data: URL, links become clickable only for http(s) URLs, and
characters XML cannot hold are dropped before they reach either format.
"""

from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

import docx
import jinja2
from docx.document import Document
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Inches, Pt, RGBColor
from docx.table import _Cell

from engine.render.anonymise import anonymised, with_texts
from engine.resume import EducationEntry, Resume, format_period

# Control characters other than tab/newline are not allowed in XML 1.0 (DOCX) and mean
# nothing on paper; surrogates and non-characters cannot be encoded at all.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_HTTP_URL = re.compile(r"^https?://[^\s\"'<>]+$", re.IGNORECASE)

_TEMPLATES = Path(__file__).parent / "templates"
_ENVIRONMENT = jinja2.Environment(loader=jinja2.FileSystemLoader(_TEMPLATES), autoescape=True,
                                  undefined=jinja2.StrictUndefined)
# Sections short enough for the modern template's sidebar; the rest go in its main column.
_SIDEBAR_SECTIONS = {"languages", "certifications", "awards"}


class Template(StrEnum):
    """The document templates (HTML + CSS in engine/render/templates/, and a DOCX each)."""

    CLASSIC = "classic"
    MODERN = "modern"
    ANONYMISED = "anonymised"

    @classmethod
    def _missing_(cls, value: object) -> Template | None:
        # "standard" was the only template before there were three: old links keep working.
        return cls.CLASSIC if value == "standard" else None

    @property
    def label(self) -> str:
        return {"classic": "Classic", "modern": "Modern (two columns)",
                "anonymised": "Anonymised client submission"}[self.value]

    @property
    def named(self) -> bool:
        """Whether the document shows who the candidate is."""
        return self is not Template.ANONYMISED


@dataclass(frozen=True)
class Agency:
    """Who submits an anonymised resume: the agency's name and logo (PNG/JPEG/GIF bytes)."""

    name: str = ""
    logo: bytes | None = None


@dataclass(frozen=True)
class Layout:
    """How to render: the template, the agency (anonymised template) and the neutral
    reference that stands in for the candidate's name there."""

    template: Template = Template.CLASSIC
    agency: Agency = field(default_factory=Agency)
    reference: str = ""


def _clean(text: str | None) -> str:
    return _NOT_XML.sub("", text or "")


def _safe(resume: Resume) -> Resume:
    """A copy whose every string can be written to XML/HTML."""
    return with_texts(resume, _clean)


def _href(url: str) -> str | None:
    """Where a link may point in the PDF: only web addresses, never javascript: etc."""
    url = url.strip()
    if "://" not in url and re.match(r"^[\w.-]+\.[a-z]{2,}(/|$)", url, re.IGNORECASE):
        url = f"https://{url}"
    return url if _HTTP_URL.match(url) else None


def _contact(resume: Resume) -> list[tuple[str, str | None]]:
    items: list[tuple[str, str | None]] = []
    if resume.email:
        items.append((resume.email, None))
    items += [(v, None) for v in (resume.phone, resume.location) if v]
    items += [(link.url, _href(link.url)) for link in resume.links]
    return items


def _period(start: str | None, end: str | None) -> str:
    """"Mar 2024 – Present": the stored ``YYYY-MM`` dates, as people write them."""
    return format_period(_month_name(start), _month_name(end))


def _month_name(value: str | None) -> str | None:
    if value and re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
        return f"{_MONTHS[int(value[5:]) - 1]} {value[:4]}"
    return value


def _degree(entry: EducationEntry) -> str:
    return " in ".join(v for v in (entry.degree, entry.field) if v)


_ENVIRONMENT.globals.update(period=_period, degree=_degree)


def content(resume: Resume, template: Template) -> Resume:
    """What a template may show: every string writable to XML/HTML, and for the
    anonymised template nothing that says who the candidate is."""
    resume = _safe(resume)
    return anonymised(resume) if template is Template.ANONYMISED else resume


def _headline(resume: Resume) -> str:
    """The latest job title, under the name (modern) or in the profile heading."""
    return next((e.title for e in resume.experience if e.title), "")


def _logo_uri(logo: bytes | None) -> str:
    if not logo:
        return ""
    kind = {b"\x89PNG": "png", b"\xff\xd8\xff": "jpeg", b"GIF8": "gif"}
    mime = next((v for k, v in kind.items() if logo.startswith(k)), None)
    return f"data:image/{mime};base64,{base64.b64encode(logo).decode()}" if mime else ""


def resume_html(resume: Resume, layout: Layout = Layout()) -> str:
    """The resume as a standalone, escaped HTML page in the layout's template (what the
    PDF is printed from)."""
    template = Template(layout.template)
    resume = content(resume, template)
    css = "\n".join((_TEMPLATES / f"{n}.css").read_text() for n in ("base", template.value))
    others = resume.other_sections
    return _ENVIRONMENT.get_template(f"{template.value}.html").render(
        resume=resume, contact=_contact(resume), css=css, headline=_headline(resume),
        side=[s for s in others if s.name.lower() in _SIDEBAR_SECTIONS],
        main=[s for s in others if s.name.lower() not in _SIDEBAR_SECTIONS],
        agency_name=_clean(layout.agency.name), logo=_logo_uri(layout.agency.logo),
        reference=_clean(layout.reference))


def resume_pdf(resume: Resume, layout: Layout = Layout()) -> bytes:
    import weasyprint  # ~0.4 s to import: paid by the first PDF export, not by every import

    # Only data: URLs (the agency's logo, embedded by us) may be fetched: resume content
    # must never make the exporter reach the network or the disk.
    fetcher = weasyprint.URLFetcher(allowed_protocols=("data",))
    return weasyprint.HTML(string=resume_html(resume, layout), url_fetcher=fetcher).write_pdf()


def pdf_page_images(pdf: bytes, pages: int = 2, zoom: float = 1.3) -> list[bytes]:
    """The first ``pages`` pages of a PDF as PNG images (the Export page's preview)."""
    import pymupdf

    with pymupdf.open(stream=pdf, filetype="pdf") as document:
        return [document[i].get_pixmap(matrix=pymupdf.Matrix(zoom, zoom)).tobytes("png")
                for i in range(min(pages, document.page_count))]


# DOCX: the same content rules as the HTML templates. Headings and entry lines are kept
# with the next paragraph, as the PDF keeps an entry's heading with its first bullet.
Container = Document | _Cell


def _heading(box: Container, text: str) -> None:
    paragraph = box.add_paragraph(style="Heading 1")
    paragraph.paragraph_format.keep_with_next = True
    run = paragraph.add_run(text)
    run.font.size = Pt(12)
    run.font.color.rgb = RGBColor(0x2A, 0x4D, 0x69)


def _entry_line(box: Container, width: int, bold: str, rest: str, period: str) -> None:
    paragraph = box.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.paragraph_format.space_after = Pt(1)
    paragraph.paragraph_format.keep_with_next = True
    # dates flush right at the text's right edge
    paragraph.paragraph_format.tab_stops.add_tab_stop(width, WD_TAB_ALIGNMENT.RIGHT)
    paragraph.add_run(bold).bold = True
    if rest:
        paragraph.add_run(rest)
    if period:
        paragraph.add_run(f"\t{period}")


def _bullets(box: Container, texts: list[str]) -> None:
    for text in texts:
        box.add_paragraph(text, style="List Bullet")


def _experience(box: Container, width: int, resume: Resume, title: str) -> None:
    if not resume.experience:
        return
    _heading(box, title)
    for entry in resume.experience:
        rest = ", ".join(v for v in (entry.company, entry.location) if v)
        if entry.title and rest:
            rest = f", {rest}"
        _entry_line(box, width, entry.title or "", rest, _period(entry.start, entry.end))
        _bullets(box, [b.text for b in entry.bullets])


def _education(box: Container, width: int, resume: Resume) -> None:
    if not resume.education:
        return
    _heading(box, "Education")
    for edu in resume.education:
        rest = ", ".join(v for v in (edu.institution, edu.grade) if v)
        if _degree(edu) and rest:
            rest = f", {rest}"
        _entry_line(box, width, _degree(edu), rest, _period(edu.start, edu.end))


def _sections(box: Container, sections: list) -> None:
    for section in sections:
        if section.bullets:
            _heading(box, section.name.title())
            _bullets(box, [b.text for b in section.bullets])


def _text_width(document: Document) -> int:
    section = document.sections[0]
    return section.page_width - section.left_margin - section.right_margin


def _single_column(document: Document, resume: Resume) -> None:
    width = _text_width(document)
    if resume.summary:
        _heading(document, "Summary")
        document.add_paragraph(resume.summary)
    _experience(document, width, resume, "Experience")
    _education(document, width, resume)
    if resume.skills:
        _heading(document, "Skills")
        document.add_paragraph(", ".join(resume.skills))
    _sections(document, resume.other_sections)


def _name_block(document: Document, resume: Resume, headline: str = "") -> None:
    if resume.name:
        run = document.add_paragraph().add_run(resume.name)
        run.bold, run.font.size = True, Pt(22)
    if headline:
        document.add_paragraph().add_run(headline).font.color.rgb = RGBColor(0x0F, 0x76, 0x6E)


def _agency_block(document: Document, resume: Resume, layout: Layout) -> None:
    header = document.add_paragraph()
    if _logo_uri(layout.agency.logo):  # python-docx reads PNG, JPEG and GIF
        header.add_run().add_picture(io.BytesIO(layout.agency.logo), height=Inches(0.45))
        header.add_run("  ")
    if layout.agency.name:
        run = header.add_run(_clean(layout.agency.name))
        run.bold, run.font.size = True, Pt(14)
    headline = _headline(resume)
    title = document.add_paragraph().add_run(
        "Candidate profile" + (f": {headline}" if headline else ""))
    title.bold, title.font.size = True, Pt(16)
    if layout.reference:
        document.add_paragraph(f"Reference {_clean(layout.reference)}")


def _two_columns(document: Document, resume: Resume) -> None:
    """The modern template: a sidebar (contact, skills, education, short sections)
    beside the main column, as a borderless two-cell table (Word breaks its row across
    pages)."""
    table = document.add_table(rows=1, cols=2)
    side, main = table.rows[0].cells
    width = _text_width(document)
    side.width, main.width = Inches(2.0), width - Inches(2.0)
    contact = _contact(resume)
    if contact:
        _heading(side, "Contact")
        for text, _ in contact:
            side.add_paragraph(text)
    if resume.skills:
        _heading(side, "Skills")
        side.add_paragraph(", ".join(resume.skills))
    _education(side, Inches(2.0), resume)
    others = resume.other_sections
    _sections(side, [s for s in others if s.name.lower() in _SIDEBAR_SECTIONS])
    if resume.summary:
        _heading(main, "Profile")
        main.add_paragraph(resume.summary)
    _experience(main, main.width, resume, "Experience")
    _sections(main, [s for s in others if s.name.lower() not in _SIDEBAR_SECTIONS])
    for cell in (side, main):  # a new cell starts with an empty paragraph
        if not cell.paragraphs[0].text:
            cell.paragraphs[0]._element.getparent().remove(cell.paragraphs[0]._element)


def resume_docx(resume: Resume, layout: Layout = Layout()) -> bytes:
    template = Template(layout.template)
    resume = content(resume, template)
    document = docx.Document()
    normal = document.styles["Normal"].font
    normal.name, normal.size = "Calibri", Pt(10.5)
    if template is Template.MODERN:
        _name_block(document, resume, _headline(resume))
        _two_columns(document, resume)
    elif template is Template.ANONYMISED:
        _agency_block(document, resume, layout)
        _single_column(document, resume)
    else:
        _name_block(document, resume)
        contact = _contact(resume)
        if contact:
            document.add_paragraph(" | ".join(text for text, _ in contact))
        _single_column(document, resume)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
