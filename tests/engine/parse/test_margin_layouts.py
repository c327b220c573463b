"""Layouts whose section headings and dates stand in a margin of their own (the JSON
Resume "flat" theme: headings flush right, dates flush right on the entry's first line),
drawn in code with PyMuPDF, extracted and parsed like an uploaded resume."""

from __future__ import annotations

import pymupdf
import pytest

from engine.extract.documents import extract_document
from engine.parse.parser import parse_document
from engine.resume import Resume

LEFT, RIGHT = 22.0, 551.0


def _flush_right(page: pymupdf.Page, y: float, text: str, size: float) -> None:
    width = pymupdf.get_text_length(text, fontname="hebo", fontsize=size)
    page.insert_text((RIGHT - width, y), text, fontsize=size, fontname="hebo")


def margin_pdf(rows: list[tuple[str, str, float, bool]]) -> bytes:
    """One page of (left text, right text, size, bold) rows top to bottom; the right
    text is set flush right in bold (a heading when there is no left text, a date)."""
    document = pymupdf.open()
    page = document.new_page()
    y = 40.0
    for left, right, size, bold in rows:
        y += size * (2.2 if size >= 13 else 1.6)
        if left:
            page.insert_text((LEFT, y), left, fontsize=size, fontname="hebo" if bold else "helv")
        if right:
            _flush_right(page, y, right, size if not left else 0.9 * size)
    data = document.tobytes()
    document.close()
    return data


def parsed(rows: list[tuple[str, str, float, bool]]) -> Resume:
    return parse_document(extract_document(margin_pdf(rows), filename="resume.pdf"))


def test_headings_and_dates_flush_right_are_read_beside_their_entries():
    resume = parsed([
        ("Amara Okafor", "", 24, True),
        ("", "Contact", 19.5, True),
        ("amara.okafor@example.org", "", 12, False),
        ("", "Work", 19.5, True),
        ("Fernhill Payments", "2021-03-01 -", 12, True),
        ("Senior Backend Engineer", "", 12, True),
        ("Cut settlement time from two days to four hours", "", 12, False),
        ("Led a team of five engineers through a database migration", "", 12, False),
        ("Quayside Logistics", "2017-09-01 - 2021-02-01", 12, True),
        ("Software Engineer", "", 12, True),
        ("Built the route planning service used by 300 drivers", "", 12, False),
        ("", "Education", 19.5, True),
        ("University of Leeds", "2013-09-01 - 2017-06-01", 12, True),
        ("", "Skills", 19.5, True),
        ("Python", "", 12, False),
        ("PostgreSQL", "", 12, False),
    ])
    jobs = [(e.title, e.company, e.start, e.end) for e in resume.experience]
    assert jobs == [("Senior Backend Engineer", "Fernhill Payments", "2021-03", "present"),
                    ("Software Engineer", "Quayside Logistics", "2017-09", "2021-02")]
    assert [b.text for b in resume.experience[1].bullets] == [
        "Built the route planning service used by 300 drivers"]
    assert [e.institution for e in resume.education] == ["University of Leeds"]
    assert {"Python", "PostgreSQL"} <= set(resume.skills)


def gutter_pdf(rows: list[tuple[str, float, str, float, bool]]) -> bytes:
    """One page of (margin heading, x, text, size, bold) rows: the heading, in bold at
    12 pt, at the page's left edge, the text from x on; a tab in the text sets its rest
    at the right."""
    document = pymupdf.open()
    page = document.new_page()
    y = 40.0
    for heading, x, text, size, bold in rows:
        y += size * 2 + (20 if heading else 0)  # a section stands apart
        if heading:
            page.insert_text((LEFT, y), heading, fontsize=12, fontname="hebo")
        for at, cell in zip((x, 420.0), text.split("\t")):
            page.insert_text((at, y), cell, fontsize=size, fontname="hebo" if bold else "helv")
    data = document.tobytes()
    document.close()
    return data


def test_a_title_under_a_role_beside_a_margin_heading_is_its_title():
    # simple-red: the section's name in a margin on its first role's line ("Work ⇥
    # Acme ⇥ dates"), the title under the company at the text's edge.
    text = 130.0
    resume = parse_document(extract_document(gutter_pdf([
        ("", LEFT, "Amara Okafor", 20, True),
        ("", LEFT, "amara.okafor@example.org", 10, False),
        ("Education", text, "University of Leeds\tSeptember 2013 - June 2017", 8, True),
        ("", text, "Computer Science", 10, False),
        ("Work", text, "Bytalk\tSeptember 2018 - Present", 8, True),
        ("", text, "Back-end Developer", 10, False),
        ("", text, "Added unit and integration tests to the project's pipeline.", 9, False),
        ("", text, "BySide\tMay 2017 - September 2018", 8, True),
        ("", text, "Full-stack Web Developer", 10, False),
        ("", text, "Worked on Webcare, the main product of the company, in React.", 9, False),
    ]), filename="resume.pdf"))
    assert [(e.title, e.company, e.start) for e in resume.experience] == [
        ("Back-end Developer", "Bytalk", "2018-09"),
        ("Full-stack Web Developer", "BySide", "2017-05")]


def test_a_margin_heading_beside_a_roles_dates_is_a_heading_in_any_style():
    # simple-red: "Work" in the margin on the first role's line, which is set in the
    # role's small header type, unlike the school's line beside "Education".
    text = 130.0
    resume = parse_document(extract_document(gutter_pdf([
        ("", LEFT, "Amara Okafor", 20, True),
        ("", LEFT, "amara.okafor@example.org", 10, False),
        ("Education", text, "University of Leeds and its Business School\tSeptember 2013",
         10, True),
        ("", text, "Computer Science", 10, False),
        ("Work", text, "Reddit\tApril 2022 - Present", 7.5, True),
        ("", text, "Senior Frontend Engineer", 10, False),
        ("", text, "Social news aggregator", 9, False),
        ("", text, "DEGIRO\tMay 2021 - February 2022", 7.5, True),
        ("", text, "Senior Frontend Developer", 10, False),
        ("", text, "Electronic trading platform", 9, False),
    ]), filename="resume.pdf"))
    assert [(e.title, e.company, e.start) for e in resume.experience] == [
        ("Senior Frontend Engineer", "Reddit", "2022-04"),
        ("Senior Frontend Developer", "DEGIRO", "2021-05")]


def headed_grid_pdf(columns: int = 3) -> bytes:
    """A page whose section headings stand in a left margin, set flush right an em from
    the text, in a size of their own (as Kamil Urbanek's theme sets them): "Know" beside a
    grid of skill groups in ``columns`` columns, "Done" beside as many columns of text
    (two at most), "Work" beside roles whose dates stand flush right, and "Learn" beside a
    school."""
    document = pymupdf.open()
    page = document.new_page()
    text_x, right = 102.0, 560.0

    def put(x: float, y: float, text: str, size: float) -> None:
        page.insert_text((x, y), text, fontsize=size, fontname="helv")

    def heading(y: float, text: str) -> None:
        put(86 - pymupdf.get_text_length(text, fontname="helv", fontsize=15), y, text, 15)

    def flush_right(y: float, text: str) -> None:
        put(right - pymupdf.get_text_length(text, fontname="helv", fontsize=9), y, text, 9)

    put(text_x, 50, "Dana Whitfield", 22)
    put(text_x, 72, "dana.whitfield@example.org  |  Katowice, PL", 9)
    heading(110, "Know")
    groups = {"Python": ["requests", "pydantic", "pandas"], "Cloud": ["Docker", "Ansible",
              "OpenShift"], "Network": ["Cisco IOS", "Palo Alto Firewall", "Cisco ISE"]}
    for column, (name, tags) in enumerate(groups.items()):
        at, top = text_x + 150 * (column % columns), 110 + 80 * (column // columns)
        put(at, top, name, 15)
        for row, tag in enumerate(tags):
            put(at, top + 20 + 16 * row, tag, 9)
    y = 200.0 + 80 * ((len(groups) - 1) // columns)
    heading(y, "Done")
    done = {"Development": ["Wrote and kept up tens of Python", "packages with their CI/CD.",
                            "Mentored coworkers in Python."],
            "Automation": ["Built automatic incident resolution", "on network devices, and a",
                           "source of truth for their data."]}
    for column, (name, texts) in enumerate(done.items()):
        at, top = text_x + 230 * (column % columns), y + 80 * (column // columns)
        put(at, top, name, 15)
        for row, text in enumerate(texts):
            put(at, top + 20 + 14 * row, text, 9)
    roles = [("Northwind Freight", "Present", "Platform Team - Senior DevOps Engineer",
              "Automated the patching of four hundred network devices."),
             ("Harbor Systems", "2021-01-01", "Network Squad - DevOps Engineer",
              "Stood in for the network product owner at planning.")]
    y += 90 + 80 * ((len(done) - 1) // columns)
    heading(y, "Work")
    for company, date, title, item in roles:
        put(text_x, y, company, 15)
        flush_right(y + 3, date)  # smaller type, its top a little lower
        put(text_x, y + 20, title, 9)
        put(text_x, y + 36, "\u2022 " + item, 9)
        y += 64
    heading(y, "Learn")
    put(text_x, y, "Katowice School of Economics", 15)
    flush_right(y + 3, "2015-09-01")
    put(text_x, y + 20, "Computer science, forensics", 9)
    data = document.tobytes()
    document.close()
    return data


@pytest.mark.parametrize("columns", [3, 1])
def test_headings_in_a_left_margin_open_sections_whose_columns_are_their_own(columns):
    resume = parse_document(extract_document(headed_grid_pdf(columns), filename="resume.pdf"))
    assert [(e.title, e.company) for e in resume.experience] == [
        ("Platform Team - Senior DevOps Engineer", "Northwind Freight"),
        ("Network Squad - DevOps Engineer", "Harbor Systems")]
    assert resume.experience[0].end == "present"
    assert [b.text for b in resume.experience[1].bullets] == [
        "Stood in for the network product owner at planning."]
    assert {"Docker", "Palo Alto Firewall", "pandas"} <= set(resume.skills)
    # Headings in no vocabulary open sections of their own, which keep their lines.
    others = {s.name: [b.text for b in s.bullets] for s in resume.other_sections}
    assert "Katowice School of Economics" in " ".join(others["learn"])
    assert "Built automatic incident resolution" in " ".join(others["done"])


def projects_then_skills_pdf() -> bytes:
    """The JSON Resume "even" theme's layout: headings in a left margin, a project whose
    tags run on into the right column, then skill groups in two columns, each a name
    over its topics."""
    document = pymupdf.open()
    page = document.new_page()
    text_x, right_x = 102.0, 340.0

    def put(x: float, y: float, text: str, size: float = 10) -> None:
        page.insert_text((x, y), text, fontsize=size, fontname="helv")

    def heading(y: float, text: str) -> None:
        put(86 - pymupdf.get_text_length(text, fontname="helv", fontsize=20), y, text, 20)

    put(text_x, 50, "Denis Harlow", 30)
    put(text_x, 80, "denis.harlow@example.org", 10)
    heading(130, "Projects")
    put(text_x, 130, "CRM (Sales Platform) at Northwind", 16)
    put(text_x, 150, "Built the quoting and invoicing screens of the sales platform.")
    put(text_x, 170, "c#    microsoft word    html    wpf")
    put(right_x, 170, "winforms    xml    printing")
    groups = {text_x: ("C#", ["Events, Delegates and Lambdas", "Interfaces and Variables",
                              "Type Conversions", "The Type System"]),
              right_x: ("JavaScript", ["Loops and Iteration", "Classes and Modules",
                                       "Control Flow and Error Handling", "Objects"])}
    heading(220, "Skills")
    for x, (name, topics) in groups.items():
        put(x, 220, name, 16)
        for row, topic in enumerate(topics):  # topics of two lines put the rows out of step
            put(x, 245 + (24 + 13 * (x == right_x)) * row, topic)
            put(x, 420 + (24 + 13 * (x == right_x)) * row, f"{topic} in depth")
    data = document.tobytes()
    document.close()
    return data


def test_a_margin_heading_heads_both_columns_under_it():
    # The right column ran with the project's tags: under "Skills" it holds skills.
    resume = parse_document(extract_document(projects_then_skills_pdf(), filename="r.pdf"))
    assert {"Loops and Iteration", "Control Flow and Error Handling", "Type Conversions"} <= set(
        resume.skills)
    projects = next(s for s in resume.other_sections if s.name == "projects")
    assert "Loops and Iteration" not in " ".join(b.text for b in projects.bullets)
