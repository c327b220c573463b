"""Export a Resume as PDF (HTML + CSS through WeasyPrint) or DOCX (python-docx).

Both follow the conventional order of ``Resume.to_text()``: name, contact, summary,
experience, education, skills, then the other sections. Resume content is untrusted (it
comes from a candidate's file or a model's output): the HTML template escapes every value,
WeasyPrint may fetch nothing, links become clickable only for http(s) URLs, and characters
XML cannot hold are dropped before they reach either format.
"""

from __future__ import annotations

import io
import re

import docx
import jinja2
from docx.document import Document
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.shared import Pt, RGBColor
from docx.text.paragraph import Paragraph

from engine.resume import EducationEntry, ExperienceEntry, Resume, format_period

# Control characters other than tab/newline are not allowed in XML 1.0 (DOCX) and mean
# nothing on paper; surrogates and non-characters cannot be encoded at all.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_HTTP_URL = re.compile(r"^https?://[^\s\"'<>]+$", re.IGNORECASE)

_CSS = """
@page { size: Letter; margin: 0.6in 0.7in; }
body { font-family: "Liberation Sans", "DejaVu Sans", Arial, sans-serif; font-size: 10pt;
       line-height: 1.35; color: #1d1d1f; }
h1 { font-size: 22pt; margin: 0 0 2pt 0; letter-spacing: 0.3pt; }
.contact { color: #444; font-size: 9pt; margin-bottom: 4pt; }
.contact a { color: #444; text-decoration: none; }
h2 { font-size: 11pt; text-transform: uppercase; letter-spacing: 1pt; color: #2a4d69;
     border-bottom: 0.8pt solid #9aa9b8; padding-bottom: 1.5pt; margin: 12pt 0 5pt 0; }
.entry { margin: 0 0 6pt 0; break-inside: avoid; }
.entry-head { display: flex; justify-content: space-between; gap: 12pt; }
.role { font-weight: bold; }
.where { font-style: italic; color: #333; }
.period { white-space: nowrap; color: #444; }
ul { margin: 2pt 0 0 0; padding-left: 14pt; }
li { margin: 0 0 1.5pt 0; }
p { margin: 0 0 3pt 0; }
"""

_TEMPLATE = """<!doctype html>
<html lang="{{ resume.language or 'en' }}"><head><meta charset="utf-8">
<title>{{ resume.name or 'Resume' }}</title></head>
<body>
{% if resume.name %}<h1>{{ resume.name }}</h1>{% endif %}
{% if contact %}<div class="contact">
{%- for text, href in contact -%}
{% if not loop.first %} &nbsp;|&nbsp; {% endif -%}
{% if href %}<a href="{{ href }}">{{ text }}</a>{% else %}{{ text }}{% endif %}
{%- endfor %}</div>{% endif %}
{% if resume.summary %}<h2>Summary</h2><p>{{ resume.summary }}</p>{% endif %}
{% if resume.experience %}<h2>Experience</h2>
{% for entry in resume.experience %}<div class="entry">
<div class="entry-head"><span><span class="role">{{ entry.title or '' }}</span>
{%- if entry.title and entry.company %}, {% endif %}{{ entry.company or '' }}
{%- if entry.location %} <span class="where">· {{ entry.location }}</span>{% endif %}</span>
<span class="period">{{ period(entry.start, entry.end) }}</span></div>
{% if entry.bullets %}<ul>{% for bullet in entry.bullets %}<li>{{ bullet.text }}</li>{% endfor %}</ul>{% endif %}
</div>{% endfor %}{% endif %}
{% if resume.education %}<h2>Education</h2>
{% for entry in resume.education %}<div class="entry"><div class="entry-head">
<span><span class="role">{{ degree(entry) }}</span>{% if degree(entry) and entry.institution %}, {% endif %}{{ entry.institution or '' }}
{%- if entry.grade %} <span class="where">· {{ entry.grade }}</span>{% endif %}</span>
<span class="period">{{ period(entry.start, entry.end) }}</span></div></div>{% endfor %}{% endif %}
{% if resume.skills %}<h2>Skills</h2><p>{{ resume.skills | join(', ') }}</p>{% endif %}
{% for section in resume.other_sections %}{% if section.bullets %}
<h2>{{ section.name }}</h2><ul>{% for bullet in section.bullets %}<li>{{ bullet.text }}</li>{% endfor %}</ul>
{% endif %}{% endfor %}
</body></html>
"""

_ENVIRONMENT = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)


def _clean(text: str | None) -> str:
    return _NOT_XML.sub("", text or "")


def _safe(resume: Resume) -> Resume:
    """A copy whose every string can be written to XML/HTML."""
    data = resume.model_dump()

    def walk(value: object) -> object:
        if isinstance(value, str):
            return _clean(value)
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        return value

    return Resume.model_validate(walk(data))


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


def resume_html(resume: Resume) -> str:
    """The resume as a standalone, escaped HTML page (what the PDF is printed from)."""
    resume = _safe(resume)
    template = _ENVIRONMENT.from_string(_TEMPLATE)
    body = template.render(resume=resume, contact=_contact(resume), period=_period,
                           degree=_degree)
    return body.replace("</head>", f"<style>{_CSS}</style></head>", 1)


def resume_pdf(resume: Resume) -> bytes:
    import weasyprint  # ~0.4 s to import: paid by the first PDF export, not by every import

    # No URL fetcher protocol is allowed: the page has no external resources, and
    # resume content must never make the exporter reach the network or the disk.
    fetcher = weasyprint.URLFetcher(allowed_protocols=())
    return weasyprint.HTML(string=resume_html(resume), url_fetcher=fetcher).write_pdf()


def _heading(document: Document, text: str) -> None:
    paragraph = document.add_heading(text, level=1)
    for run in paragraph.runs:
        run.font.size = Pt(12)
        run.font.color.rgb = RGBColor(0x2A, 0x4D, 0x69)


def _entry_line(document: Document, bold: str, rest: str,
                period: str) -> Paragraph:
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(6)
    paragraph.paragraph_format.space_after = Pt(1)
    section = document.sections[0]  # dates flush right at the text's right edge
    text_width = section.page_width - section.left_margin - section.right_margin
    paragraph.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
    paragraph.add_run(bold).bold = True
    if rest:
        paragraph.add_run(rest)
    if period:
        paragraph.add_run(f"\t{period}")
    return paragraph


def _experience_line(document: Document, entry: ExperienceEntry) -> None:
    rest = ", ".join(v for v in (entry.company, entry.location) if v)
    if entry.title and rest:
        rest = f", {rest}"
    _entry_line(document, entry.title or "", rest, _period(entry.start, entry.end))


def resume_docx(resume: Resume) -> bytes:
    resume = _safe(resume)
    document = docx.Document()
    normal = document.styles["Normal"].font
    normal.name, normal.size = "Calibri", Pt(10.5)
    if resume.name:
        run = document.add_paragraph().add_run(resume.name)
        run.bold, run.font.size = True, Pt(22)
    contact = _contact(resume)
    if contact:
        document.add_paragraph(" | ".join(text for text, _ in contact))
    if resume.summary:
        _heading(document, "Summary")
        document.add_paragraph(resume.summary)
    if resume.experience:
        _heading(document, "Experience")
        for entry in resume.experience:
            _experience_line(document, entry)
            for bullet in entry.bullets:
                document.add_paragraph(bullet.text, style="List Bullet")
    if resume.education:
        _heading(document, "Education")
        for edu in resume.education:
            rest = ", ".join(v for v in (edu.institution, edu.grade) if v)
            if _degree(edu) and rest:
                rest = f", {rest}"
            _entry_line(document, _degree(edu), rest, _period(edu.start, edu.end))
    if resume.skills:
        _heading(document, "Skills")
        document.add_paragraph(", ".join(resume.skills))
    for section in resume.other_sections:
        if section.bullets:
            _heading(document, section.name.title())
            for bullet in section.bullets:
                document.add_paragraph(bullet.text, style="List Bullet")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
