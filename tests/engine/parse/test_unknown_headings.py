"""Roles listed where no experience heading announces them: under a heading the lexicon
does not know, at the top with no heading, in the summary's tail, or under a heading
that carries the timeline's first date ("Work ⇥ Present"). Each is read as experience;
dated lines of schools or projects are not."""

from __future__ import annotations

import pymupdf

from engine.extract.documents import extract_document
from engine.parse.parser import parse_document, parse_resume
from engine.resume import Resume

TOP = "Anna Kowalski\nanna@example.com | +1 555 010 2030\n\n"
ROLES = """Senior Developer, Northwind Traders
Jan 2019 - Present
- Built the payment gateway
- Led a team of five engineers
Backend Developer, Contoso Ltd
Mar 2015 - Dec 2018
- Moved the billing to Python
"""
EDUCATION = "\nEDUCATION\nBSc Computer Science, University of Leeds, 2008 - 2011\n"
SUMMARY = ("SUMMARY\nBackend developer with ten years of building payment systems for "
           "banks and shops.\n\n")


def parsed_text(text: str) -> Resume:
    return parse_resume(text.encode(), filename="resume.txt")


def roles(resume: Resume) -> list[tuple]:
    return [(job.title, job.company, job.start, job.end, [b.text for b in job.bullets])
            for job in resume.experience]


EXPECTED = [
    ("Senior Developer", "Northwind Traders", "2019-01", "present",
     ["Built the payment gateway", "Led a team of five engineers"]),
    ("Backend Developer", "Contoso Ltd", "2015-03", "2018-12", ["Moved the billing to Python"]),
]


def test_roles_under_a_heading_the_lexicon_does_not_know_are_experience():
    resume = parsed_text(TOP + SUMMARY + "ASSIGNMENTS\n" + ROLES + EDUCATION)
    assert roles(resume) == EXPECTED
    assert resume.summary == ("Backend developer with ten years of building payment systems "
                              "for banks and shops.")
    assert [e.institution for e in resume.education] == ["University of Leeds"]


def test_roles_after_a_skills_list_under_an_unread_heading_are_experience():
    resume = parsed_text(TOP + SUMMARY + "SKILLS\nPython, Go, PostgreSQL, Kafka, Docker\n\n"
                         "Where I worked\n" + ROLES + EDUCATION)
    assert roles(resume) == EXPECTED
    assert "Northwind Traders" not in resume.skills


def test_roles_after_the_schools_under_an_unread_heading_are_experience():
    resume = parsed_text(TOP + SUMMARY + "EDUCATION\nBSc Computer Science, University of "
                         "Leeds\nSep 2008 - Jun 2011\n\nJobs\n" + ROLES)
    assert roles(resume) == EXPECTED
    assert [(e.institution, e.degree, e.start, e.end) for e in resume.education] == [
        ("University of Leeds", "BSc", "2008-09", "2011-06")]


def test_posts_between_two_schools_leave_the_later_school_in_education():
    # Work between two degrees, listed with them: not a run of roles ending the section.
    resume = parsed_text(TOP + SUMMARY + "EDUCATION\n"
                         "PhD Computer Science, University of Leeds\nSep 2011 - Jun 2015\n"
                         "- Thesis on payment fraud\n"
                         "Research Engineer, Contoso Labs\nJul 2010 - Aug 2011\n"
                         "- Built the test rigs\n"
                         "Lab Manager, Northwind Traders\nJan 2009 - Jun 2010\n"
                         "- Ran the lab\n"
                         "BSc Computer Science, University of York\nSep 2006 - Jun 2009\n")
    assert resume.experience == []
    assert [(e.institution, e.degree) for e in resume.education if e.degree] == [
        ("University of Leeds", "PhD"), ("University of York", "BSc")]


def test_roles_at_the_top_under_no_heading_are_experience():
    resume = parsed_text(TOP + ROLES + EDUCATION)
    assert roles(resume) == EXPECTED
    assert resume.name == "Anna Kowalski"
    assert resume.email == "anna@example.com"


def test_roles_in_the_summarys_tail_are_experience_and_the_summary_keeps_its_prose():
    resume = parsed_text(TOP + SUMMARY + ROLES + EDUCATION)
    assert roles(resume) == EXPECTED
    assert resume.summary == ("Backend developer with ten years of building payment systems "
                              "for banks and shops.")


def test_a_heading_drawn_between_long_rules_is_a_heading():
    rule = "-" * 40
    resume = parsed_text(TOP + SUMMARY + f"{rule}Work Experience{rule}\n" + ROLES
                         + f"{rule}Education{rule}\n"
                         "BSc Computer Science, University of Leeds, 2008 - 2011\n")
    assert roles(resume) == EXPECTED
    assert [(e.institution, e.start, e.end) for e in resume.education] == [
        ("University of Leeds", "2008", "2011")]


def test_one_role_with_labelled_fields_in_a_summary_section_is_experience():
    # "Career Profile" is a summary heading of the lexicon; many resumes list jobs there.
    resume = parsed_text(TOP + "CAREER PROFILE\nCompany: Northwind Traders\n"
                         "Designation: Site Engineer\nDuration: Aug 2014 to Sep 2017\n"
                         "- Supervised the steel erection\n" + EDUCATION)
    assert roles(resume) == [("Site Engineer", "Northwind Traders", "2014-08", "2017-09",
                              ["Supervised the steel erection"])]


def test_a_numbered_labelled_role_after_the_objective_takes_its_labelled_lines():
    # Neither "Audit Associate" nor "Crowe Horwath" is known to the title and company
    # words: the labels alone say what they are.
    resume = parsed_text(TOP + "OBJECTIVE\nTo grow with an organisation that values "
                         "integrity and hard work.\n1. Designation : Audit Associate\n"
                         "Employer : Crowe Horwath\nPeriod : May 2012 - Present\n"
                         "- Statutory audits of listed companies\n" + EDUCATION)
    assert roles(resume) == [("Audit Associate", "Crowe Horwath", "2012-05", "present",
                              ["Statutory audits of listed companies"])]
    assert resume.summary == "To grow with an organisation that values integrity and hard work."


def test_one_unlabelled_dated_line_in_a_summary_stays_the_summarys():
    text = ("Senior Developer at Northwind Traders since 2019, building payment systems "
            "for banks.")
    resume = parsed_text(TOP + "SUMMARY\n" + text + "\nJan 2019 - Present\n" + EDUCATION)
    assert resume.experience == []


def test_dated_schools_under_an_unknown_heading_stay_out_of_experience():
    resume = parsed_text(TOP + SUMMARY + "STUDIES ABROAD\n"
                         "MSc Data Science, University of Amsterdam\nSep 2012 - Jul 2013\n"
                         "BSc Mathematics, University of Leeds\nSep 2009 - Jun 2012\n")
    assert resume.experience == []


def test_dated_projects_stay_projects():
    resume = parsed_text(TOP + SUMMARY + "PROJECTS\n"
                         "Payment Gateway, Northwind Traders\nJan 2019 - Present\n"
                         "- Card payments for the web shop\n"
                         "Billing Service, Contoso Ltd\nMar 2015 - Dec 2018\n"
                         "- Invoices in Python\n")
    assert resume.experience == []
    assert "projects" in [o.name for o in resume.other_sections]


PROSE = "Backend developer who builds payment systems for banks and shops across Europe."


def _pdf(items: list[tuple[float, float, str, float]]) -> bytes:
    """A one-page PDF of (x, baseline y, text, size) items."""
    document = pymupdf.open()
    page = document.new_page()
    for x, y, text, size in items:
        page.insert_text((x, y), text, fontsize=size, fontname="helv")
    data = document.tobytes()
    document.close()
    return data


def test_a_heading_beside_the_timelines_first_date_starts_the_experience_section():
    # "Work" large at the left, "Present" small at the right on its baseline: a
    # timeline's top. The line reads "Work ⇥ Present" in the text's size.
    data = _pdf([
        (50, 60, "Anna Kowalski", 20), (50, 80, "anna@example.com", 9),
        (50, 100, PROSE, 9),
        (50, 135, "Work", 15), (500, 135, "Present", 9),
        (80, 155, "Senior Developer, Northwind", 9), (480, 155, "Jan 2019 - Present", 9),
        (90, 170, "• Built the payment gateway", 9),
        (80, 190, "Backend Developer, Contoso", 9), (480, 190, "Mar 2015 - Dec 2018", 9),
        (90, 205, "• Moved the billing to Python", 9),
    ])
    resume = parse_document(extract_document(data, filename="resume.pdf"))
    assert roles(resume) == [
        ("Senior Developer", "Northwind", "2019-01", "present", ["Built the payment gateway"]),
        ("Backend Developer", "Contoso", "2015-03", "2018-12", ["Moved the billing to Python"]),
    ]
    assert resume.summary == PROSE


def test_a_list_item_taken_for_a_heading_keeps_its_projects_out_of_experience():
    # "• WCF", in capitals, reads as a heading of its own: what follows it is still the
    # projects list, whose dated items are projects, not roles.
    resume = parsed_text(TOP + SUMMARY + "PROJECTS UNDERTAKEN\n"
                         "Payment platform for retail banks, with its own card vault\n"
                         "• Technologies used:\n• WCF\n• Entity Framework\n"
                         "Lead Developer at Origin Digital\nJan 2010 - May 2010\n"
                         "• Moved video transcoding to Azure\n"
                         "Test Engineer at StateFarm\nMay 2009 - Aug 2009\n"
                         "• Built the claims intake forms\n" + EDUCATION)
    assert resume.experience == []


def _lines_pdf(lines: list[tuple[str, float, bool]]) -> bytes:
    """A one-page PDF of (text, size, bold) lines, a tab putting the rest at the right;
    a heading's size leaves a gap above it."""
    document = pymupdf.open()
    page = document.new_page()
    y = 60.0
    for text, size, bold in lines:
        y += size * (3 if size >= 13 else 1.5)
        for x, cell in zip((50, 420), text.split("\t")):
            page.insert_text((x, y), cell, fontsize=size, fontname="hebo" if bold else "helv")
    data = document.tobytes()
    document.close()
    return data


def test_an_unknown_heading_in_the_headings_size_after_skills_starts_its_own_section():
    data = _lines_pdf([
        ("Anna Kowalski", 18, True), ("anna@example.com", 10, False),
        ("Skills", 14, True), ("Python, Go, PostgreSQL, Kafka, Docker", 10, False),
        ("Where I've worked", 14, True),
        ("Northwind Traders\tJan 2019 - Present", 10.5, True), ("Senior Developer", 10, False),
        ("• Built the payment gateway", 10, False),
        ("Contoso Ltd\tMar 2015 - Dec 2018", 10.5, True), ("Backend Developer", 10, False),
        ("• Moved the billing to Python", 10, False),
    ])
    resume = parse_document(extract_document(data, filename="resume.pdf"))
    assert roles(resume) == [
        ("Senior Developer", "Northwind Traders", "2019-01", "present",
         ["Built the payment gateway"]),
        ("Backend Developer", "Contoso Ltd", "2015-03", "2018-12",
         ["Moved the billing to Python"]),
    ]
    assert "Northwind Traders" not in resume.skills
