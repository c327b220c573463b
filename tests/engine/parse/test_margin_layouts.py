"""Layouts whose section headings and dates stand in a margin of their own (the JSON
Resume "flat" theme: headings flush right, dates flush right on the entry's first line),
drawn in code with PyMuPDF, extracted and parsed like an uploaded resume."""

from __future__ import annotations

import pymupdf

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
