"""The parser on the ways people write a role's or a school's header, or a role's items,
one form at a time.

    python -m bench.header_probe --corpus ../shared/corpus [--form NAME] [--verbose]

What it is for: a theme or a template sets every header of a resume one way, so the
probes that print themes (bench.theme_probe, bench.typeset_probe) test a handful of
header forms each, and a form none of them uses goes unmeasured. This probe sets every
TUNE person that has a resume.json once per ``FORMS`` entry: the person's roles (or
schools) all written in that form ("Title, Company ⇥ dates", "Company (Title)", the
title and its dates over the company, the dates in a column of their own, the place
beside the company or the dates, …), the roles held one after another at one company
listed under its name once (``GROUP_FORMS``), or the roles' items all set one way (a
glyph, a number, a dash or ">", no mark at all), the rest of the resume in one plain
form. Each person's PDF takes one of ``STYLES`` (which field is bold or italic),
picked by a hash of the folder, so every form is seen in each weight. ``LAYOUTS`` set
the plain forms in a main column beside a sidebar (contact, skills, education), left
or right: a narrow column wraps headers ("Engineer at" over "Acme"). PDFs are set in
memory by PyMuPDF's Story (its HTML and CSS subset), a few seconds for the whole run per
form; nothing is cached. REPORT people are never set.

Scored as bench.theme_probe scores its PDFs, one line per form, then the total:

    header_probe form=… files=… n=… total=… company=… position=… bullet=… institution=…
        skills=… errors=… failed=0 set=tune
"""

from __future__ import annotations

import argparse
import hashlib
import html
import io
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

import pymupdf

from bench.corpus_split import Part, part_of
from bench.parse_scoring import fields_in_text, labels_from_json_resume, score_resume
from bench.theme_probe import ThemeResult, report_lines
from bench.typeset_view import Job, School, View, view_of
from engine.errors import TailorError
from engine.extract.documents import extract_document
from engine.parse.parser import parse_document

# (title, company or school, dates, place) → the header's HTML. A role's title is its
# position, a school's its degree ("BS in Physics"); the place is "" where none is given.
Form = Callable[[str, str, str, str], str]


def _row(left: str, right: str) -> str:
    """A line with ``right`` set flush right, as most layouts set a header's dates; a
    line of its own without it (no place or no dates given)."""
    if not right:  # an empty cell ends PyMuPDF's Story there: the pages after it are lost
        return _lines(left)
    return (f'<table style="width:100%"><tr><td style="padding-right:14pt">{left}</td>'
            f'<td style="text-align:right;white-space:nowrap">{right}</td></tr></table>')


def _dates_column(dates: str, rest: str) -> str:
    """The dates in a column of their own at the left, moderncv's way."""
    return (f'<table style="width:100%"><tr><td style="width:110px">{dates}</td>'
            f"<td>{rest}</td></tr></table>")


def _lines(*texts: str) -> str:
    return "".join(f"<p>{text}</p>" for text in texts)


def _joined(*parts: str, by: str = ", ") -> str:
    """The parts given (a place may be ""), joined."""
    return by.join(part for part in parts if part)


WORK_FORMS: dict[str, Form] = {
    "title, company | dates": lambda t, c, d, p: _row(f"{t}, {c}", d),
    "company, title | dates": lambda t, c, d, p: _row(f"{c}, {t}", d),
    "title at company | dates": lambda t, c, d, p: _row(f"{t} at {c}", d),
    "title – company | dates": lambda t, c, d, p: _row(f"{t} – {c}", d),
    "company – title | dates": lambda t, c, d, p: _row(f"{c} – {t}", d),
    "title | company | dates": lambda t, c, d, p: _lines(f"{t} | {c} | {d}"),
    "title · company | dates": lambda t, c, d, p: _row(f"{t} · {c}", d),
    "company (title) | dates": lambda t, c, d, p: _row(f"{c} ({t})", d),
    "company: title | dates": lambda t, c, d, p: _row(f"{c}: {t}", d),
    "title / company | dates": lambda t, c, d, p: _row(f"{t} / {c}", d),
    "company | dates / title": lambda t, c, d, p: _row(c, d) + _lines(t),
    "title | dates / company": lambda t, c, d, p: _row(t, d) + _lines(c),
    "company / title | dates": lambda t, c, d, p: _lines(c) + _row(t, d),
    "company / title / dates": lambda t, c, d, p: _lines(c, t, d),
    "title / company / dates": lambda t, c, d, p: _lines(t, c, d),
    "company | title | dates": lambda t, c, d, p: (
        f'<table style="width:100%"><tr><td style="padding-right:14pt">{c}</td>'
        f'<td style="padding-right:14pt">{t}</td>'
        f'<td style="text-align:right;white-space:nowrap">{d}</td></tr></table>'),
    "dates | title, company": lambda t, c, d, p: _dates_column(d, f"{t}, {c}"),
    "dates / title at company": lambda t, c, d, p: _lines(d, f"{t} at {c}"),
    "dates / company / title": lambda t, c, d, p: _lines(d, c, t),
    "title, company (dates)": lambda t, c, d, p: _lines(f"{t}, {c} ({d})"),
    # Nothing but type between the two: the title bold, or the title italic after a
    # bold company (so in every style the two differ).
    "title company | dates, title bold": lambda t, c, d, p: _row(f"<b>{t}</b> {c}", d),
    "company title | dates, title italic": lambda t, c, d, p: _row(f"<b>{c}</b> <i>{t}</i>", d),
    # With the role's place ("Santa Clara, CA"), where the resume gives one.
    "title, company, place | dates": lambda t, c, d, p: _row(_joined(t, c, p), d),
    "title at company, place | dates": lambda t, c, d, p: _row(_joined(f"{t} at {c}", p), d),
    "title, company | place, dates": lambda t, c, d, p: _row(f"{t}, {c}", _joined(p, d)),
    "company, place | dates / title": lambda t, c, d, p: _row(_joined(c, p), d) + _lines(t),
    "company – place | dates / title": lambda t, c, d, p: (_row(_joined(c, p, by=" – "), d)
                                                          + _lines(t)),
    "company | place / title | dates": lambda t, c, d, p: _row(c, p) + _row(t, d),
    "company | dates / title | place": lambda t, c, d, p: _row(c, d) + _row(t, p),
    "title | dates / company, place": lambda t, c, d, p: _row(t, d) + _lines(_joined(c, p)),
    "title | company | place | dates": lambda t, c, d, p: _lines(_joined(t, c, p, d, by=" | ")),
    "company / title / place | dates": lambda t, c, d, p: _lines(c, t) + _row(p, d),
}
SCHOOL_FORMS: dict[str, Form] = {
    "school | dates / degree": lambda t, c, d, p: _row(c, d) + _lines(t),
    "degree | dates / school": lambda t, c, d, p: _row(t, d) + _lines(c),
    "degree, school | dates": lambda t, c, d, p: _row(f"{t}, {c}", d),
    "school – degree | dates": lambda t, c, d, p: _row(f"{c} – {t}", d),
    "school, degree (dates)": lambda t, c, d, p: _lines(f"{c}, {t} ({d})"),
    "dates | degree, school": lambda t, c, d, p: _dates_column(d, f"{t}, {c}"),
    "school, place | dates / degree": lambda t, c, d, p: _row(_joined(c, p), d) + _lines(t),
    "degree | dates / school, place": lambda t, c, d, p: _row(t, d) + _lines(_joined(c, p)),
}

# A role's highlights (HTML-escaped) → their HTML: the marks people put before items, or
# none, where only the line breaks tell one item from the next.
Items = Callable[[list[str]], str]


def _paragraphs(mark: str, style: str = "") -> Items:
    """Each item a paragraph of its own, opening with ``mark``."""
    return lambda items: "".join(f'<p style="{style}">{mark}{item}</p>' for item in items)


ITEM_FORMS: dict[str, Items] = {
    "glyph": lambda items: "<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>",
    "numbered": lambda items: "<ol>" + "".join(f"<li>{i}</li>" for i in items) + "</ol>",
    "dash": _paragraphs("– "),
    "arrow": _paragraphs("➢ "),
    "angle": _paragraphs("&gt; "),
    "glyph in a cell": lambda items: "<table>" + "".join(
        f'<tr><td style="width:12pt;vertical-align:top">•</td><td>{i}</td></tr>'
        for i in items) + "</table>",
    "no mark": _paragraphs(""),
    "no mark, indented": _paragraphs("", "margin-left:15pt"),
    "no mark, one paragraph": lambda items: "<p>" + "<br>".join(items) + "</p>",
}


@dataclass(frozen=True)
class Group:
    """Roles held one after another at one company, set as people set them: the company
    once (its name and place → HTML), then each role under it (title, dates, place → HTML)."""
    company: Callable[[str, str], str]
    role: Callable[[str, str, str], str]


GROUP_FORMS: dict[str, Group] = {
    "company / title | dates": Group(lambda c, p: _lines(c), lambda t, d, p: _row(t, d)),
    "company, place / title | dates": Group(lambda c, p: _lines(_joined(c, p)),
                                            lambda t, d, p: _row(t, d)),
    "company | place / title | dates": Group(_row, lambda t, d, p: _row(t, d)),
    "company / title / dates": Group(lambda c, p: _lines(c), lambda t, d, p: _lines(t, d)),
    "company / title, dates": Group(lambda c, p: _lines(c),
                                    lambda t, d, p: _lines(_joined(t, d))),
    "company / title | dates / place": Group(lambda c, p: _lines(c),
                                             lambda t, d, p: _row(t, d) + _lines(p)),
}
FORMS: dict[str, Form | Items | Group] = {
    **{f"work:{k}": v for k, v in WORK_FORMS.items()},
    **{f"group:{k}": v for k, v in GROUP_FORMS.items()},
    **{f"school:{k}": v for k, v in SCHOOL_FORMS.items()},
    **{f"items:{k}": v for k, v in ITEM_FORMS.items()}}
PLAIN_WORK = WORK_FORMS["title at company | dates"]
PLAIN_SCHOOL = SCHOOL_FORMS["school | dates / degree"]
PLAIN_ITEMS = ITEM_FORMS["glyph"]

# How the title and the name (company or school) are set: (title, name) wrappers.
STYLES: dict[str, tuple[str, str]] = {
    "plain": ("{}", "{}"),
    "title bold": ("<b>{}</b>", "{}"),
    "name bold, title italic": ("<i>{}</i>", "<b>{}</b>"),
}
CSS = ("body{font-family:sans-serif;font-size:10pt} h1{font-size:16pt} h2{font-size:12pt}"
       " p{margin:2pt 0} table{margin:4pt 0 0 0}")
PAGE = pymupdf.paper_rect("letter")
MARGIN = 50


def style_of(person: str) -> str:
    """The person's style: the same on every run and machine."""
    digest = hashlib.sha256(f"header_probe:{person}".encode("utf-8")).digest()
    return tuple(STYLES)[digest[0] % len(STYLES)]


def _header(form: Form, style: str, title: str, name: str, dates: str, place: str) -> str:
    title_style, name_style = STYLES[style]
    return form(title_style.format(html.escape(title)), name_style.format(html.escape(name)),
                html.escape(dates), html.escape(place))


def _job(job: Job, form: Form, style: str, items: Items) -> str:
    return (_header(form, style, job.position, job.company, job.period, job.place)
            + _items_of(job, items))


def _items_of(job: Job, items: Items) -> str:
    highlights = [html.escape(h) for h in job.highlights]
    return items(highlights) if highlights else ""


def _grouped_jobs(jobs: list[Job], group: Group, style: str, items: Items) -> list[str]:
    """Each job's header and items, the company heading each run of jobs held there."""
    title_style, name_style = (style_part.format for style_part in STYLES[style])
    parts, last = [], None
    for job in jobs:
        if job.company != last:
            parts.append(group.company(name_style(html.escape(job.company)),
                                       html.escape(job.place)))
            last = job.company
        parts.append(group.role(title_style(html.escape(job.position)),
                                html.escape(job.period), html.escape(job.place))
                     + _items_of(job, items))
    return parts


def _school(school: School, form: Form, style: str) -> str:
    return _header(form, style, school.degree, school.institution, school.period,
                   school.place)


@dataclass
class Sections:
    """A resume's parts as HTML: name, contact, and the three sections under headings."""
    name: str
    contact: str
    experience: str
    education: str
    skills: str


def sections_of(view: View, work_form: Form | Group, school_form: Form, style: str,
                items: Items = PLAIN_ITEMS) -> Sections:
    held = [job for job in view.jobs if job.position and job.company]
    jobs = (_grouped_jobs(held, work_form, style, items) if isinstance(work_form, Group)
            else [_job(job, work_form, style, items) for job in held])
    schools = [_school(s, school_form, style) for s in view.schools
               if s.degree and s.institution]
    skills = [f"<p>{html.escape(g.name)}: {html.escape(', '.join(g.keywords))}</p>"
              for g in view.skills]
    return Sections(f"<h1>{html.escape(view.name)}</h1>",
                    f"<p>{html.escape(' | '.join(view.contact))}</p>",
                    "<h2>Experience</h2>" + "".join(jobs),
                    "<h2>Education</h2>" + "".join(schools),
                    "<h2>Skills</h2>" + "".join(skills) if skills else "")


def resume_html(view: View, form_name: str, style: str) -> str:
    """The person's resume with the form's headers or items (the rest in the plain
    forms): name, contact, experience, education, skills."""
    kind, _, name = form_name.partition(":")
    work_form = {"work": WORK_FORMS, "group": GROUP_FORMS}.get(kind, {}).get(name, PLAIN_WORK)
    school_form = SCHOOL_FORMS[name] if kind == "school" else PLAIN_SCHOOL
    items = ITEM_FORMS[name] if kind == "items" else PLAIN_ITEMS
    parts = sections_of(view, work_form, school_form, style, items)
    return parts.name + parts.contact + parts.experience + parts.education + parts.skills


def pdf_of(markup: str) -> bytes:
    """``markup`` set on Letter pages by PyMuPDF's Story."""
    return pages_pdf([(markup, PAGE + (MARGIN, MARGIN, -MARGIN, -MARGIN))])


def pages_pdf(flows: list[tuple[str, pymupdf.Rect]]) -> bytes:
    """Each (markup, box) flowed by its own Story into that box of page after page,
    until all are set: one flow is a page's text, two a main column and a sidebar."""
    buffer = io.BytesIO()
    writer = pymupdf.DocumentWriter(buffer)
    pending = [(pymupdf.Story(html=markup, user_css=CSS), box) for markup, box in flows]
    while pending:
        device = writer.begin_page(PAGE)
        for story, box in list(pending):
            more, _ = story.place(box)
            story.draw(device)
            if not more:
                pending.remove((story, box))
        writer.end_page()
    writer.close()
    return buffer.getvalue()


def sidebar_pdf(view: View, style: str, left: bool) -> bytes:
    """The experience in a main column, contact, skills and education in a sidebar
    ``SIDEBAR`` points wide beside it (the name heads the main column)."""
    parts = sections_of(view, PLAIN_WORK, PLAIN_SCHOOL, style)
    inner = PAGE + (MARGIN, MARGIN, -MARGIN, -MARGIN)
    main_box, side_box = pymupdf.Rect(inner), pymupdf.Rect(inner)
    if left:
        side_box.x1, main_box.x0 = inner.x0 + SIDEBAR, inner.x0 + SIDEBAR + GUTTER
    else:
        side_box.x0, main_box.x1 = inner.x1 - SIDEBAR, inner.x1 - SIDEBAR - GUTTER
    side = "<h2>Contact</h2>" + parts.contact.replace(" | ", "<br>") + parts.skills + parts.education
    return pages_pdf([(parts.name + parts.experience, main_box), (side, side_box)])


# Page layouts with a sidebar, the headers in the plain forms: what a narrow main column
# does to them (a title wrapped before its company: "Engineer at" / "Acme").
LAYOUTS: dict[str, Callable[[View, str], bytes]] = {
    "layout:sidebar left": partial(sidebar_pdf, left=True),
    "layout:sidebar right": partial(sidebar_pdf, left=False),
}
SIDEBAR = 150
GUTTER = 20


def probe_people(corpus: Path) -> list[Path]:
    """The TUNE people with a resume.json."""
    return [folder for folder in sorted((corpus / "labelled").iterdir())
            if folder.is_dir() and part_of(folder.name) is Part.TUNE
            and (folder / "resume.json").is_file()]


def score_form(people: list[Path], form_name: str, verbose: bool = False) -> ThemeResult:
    result = ThemeResult()
    for folder in people:
        data = json.loads((folder / "resume.json").read_text(encoding="utf-8"))
        view, style = view_of(data), style_of(folder.name)
        pdf = (LAYOUTS[form_name](view, style) if form_name in LAYOUTS
               else pdf_of(resume_html(view, form_name, style)))
        result.files += 1
        try:
            document = extract_document(pdf, filename="resume.pdf")
            resume = parse_document(document)
        except TailorError as error:
            result.errors += 1
            print(f"header_probe error: {folder.name} ({form_name}): {error.code}",
                  file=sys.stderr)
            continue
        labels = labels_from_json_resume(data)
        before = len(result.score.misses)
        score_resume(labels, fields_in_text(labels, document.text), document.text, resume,
                     result.score)
        if verbose:
            for miss in result.score.misses[before:]:
                print(f"  miss {folder.name} ({form_name}): {miss}", file=sys.stderr)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--form", choices=(*FORMS, *LAYOUTS), action="append",
                        help="only this form (repeatable)")
    parser.add_argument("--verbose", action="store_true", help="list every miss")
    args = parser.parse_args(argv)
    people = probe_people(args.corpus)
    results = {name: score_form(people, name, args.verbose)
               for name in args.form or (*FORMS, *LAYOUTS)}
    for line in report_lines(results, "tune", probe="header_probe", item="form"):
        print(line)
    return 0 if any(r.files for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
