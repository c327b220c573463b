"""Roles written as one sentence each in an experience section ("• Worked as a Teacher
in Sairam School, Chennai from June 2013 to April 2015"): each sentence is a role, the
lines under it its text. Headers of the usual kind are left to engine.parse.experience."""

from __future__ import annotations

from engine.parse.parser import parse_resume
from engine.resume import Resume

TOP = "Anna Kowalski\nanna@example.com | +91 98765 43210\n\nWORK EXPERIENCE\n"
EDUCATION = "\nEDUCATION\nBSc Computer Science, University of Leeds, 2008 - 2011\n"


def parsed_text(text: str) -> Resume:
    return parse_resume(text.encode(), filename="resume.txt")


def roles(resume: Resume) -> list[tuple]:
    return [(job.title, job.company, job.location, job.start, job.end,
             [b.text for b in job.bullets]) for job in resume.experience]


def test_each_sentence_naming_a_title_a_company_and_dates_is_a_role():
    resume = parsed_text(TOP + "\n".join([
        "• Worked as a Teacher in Sairam Vidyalaya School from June 2013 to April 2015.",
        "• Worked with Smart Future Solution as Senior Sales Executive for 1 year "
        "(Sep 2014 to Sep 2015)",
        "• 4 Months of experience as a .Net trainee in Naresh Institute of Technology, "
        "Hyderabad (April 2011 to July 2011).",
        "Taught the ASP.NET course to two batches",
    ]) + "\n" + EDUCATION)
    assert roles(resume) == [
        ("Teacher", "Sairam Vidyalaya School", None, "2013-06", "2015-04", []),
        ("Senior Sales Executive", "Smart Future Solution", None, "2014-09", "2015-09", []),
        (".Net trainee", "Naresh Institute of Technology", "Hyderabad", "2011-04", "2011-07",
         ["Taught the ASP.NET course to two batches"]),
    ]


def test_a_sentence_ends_the_company_where_the_next_one_starts():
    resume = parsed_text(TOP + "\n".join([
        "1) Working as an Electrical Manager in M/s Reliance Gas Company Limited . Project- "
        "Jamnagar Refinery since Oct 2016",
        "2) Worked as Site Engineer in Technical Assistances Pvt. Ltd from June 2010 to "
        "Sep 2016",
    ]) + "\n" + EDUCATION)
    assert [(t, c, s, e) for t, c, _, s, e, _ in roles(resume)] == [
        ("Electrical Manager", "Reliance Gas Company Limited", "2016-10", "present"),
        ("Site Engineer", "Technical Assistances Pvt. Ltd", "2010-06", "2016-09"),
    ]


def test_usual_headers_with_a_sentence_among_the_bullets_are_read_as_headers():
    resume = parsed_text(TOP + "\n".join([
        "Senior Developer, Northwind Traders",
        "Jan 2019 - Present",
        "- Promoted as Team Lead in Payments from Jan 2021 to Dec 2021",
        "Backend Developer, Contoso Ltd",
        "Mar 2015 - Dec 2018",
        "- Moved the billing to Python",
    ]) + "\n" + EDUCATION)
    assert [(t, c, s, e) for t, c, _, s, e, _ in roles(resume)] == [
        ("Senior Developer", "Northwind Traders", "2019-01", "present"),
        ("Backend Developer", "Contoso Ltd", "2015-03", "2018-12"),
    ]


def test_a_section_of_name_and_length_items_lists_companies():
    resume = parsed_text(TOP + "\n".join([
        "NIAR - 2 years (ios, javascript, c++)",
        "Ennovar - 1.5 years (go, ruby, javascript, postgres)",
        "Ad Hoc - 2021 - present (go, javascript, dynamodb)",
    ]) + "\n" + EDUCATION)
    assert roles(resume) == [
        (None, "NIAR", None, None, None, ["2 years (ios, javascript, c++)"]),
        (None, "Ennovar", None, None, None, ["1.5 years (go, ruby, javascript, postgres)"]),
        (None, "Ad Hoc", None, "2021", "present", ["go, javascript, dynamodb"]),
    ]


def test_title_and_company_headers_with_dates_are_not_a_list_of_companies():
    resume = parsed_text(TOP + "Senior Developer, Northwind Traders - 2019 - 2021\n"
                         "Backend Developer, Contoso Ltd - 2015 - 2018\n" + EDUCATION)
    assert [(t, c, s, e) for t, c, _, s, e, _ in roles(resume)] == [
        ("Senior Developer", "Northwind Traders", "2019", "2021"),
        ("Backend Developer", "Contoso Ltd", "2015", "2018"),
    ]


def test_company_dash_title_headers_without_bullets_keep_their_titles():
    # "Name - when" lists companies only when "when" is a length or dates alone: here
    # a title follows the dash, and it was dropped with the rest of "when".
    resume = parsed_text(TOP + "Iterative Health – Senior Software Engineer\tJan 2023 – Present\n"
                         "Royal.io – Staff Software Engineer\tAug 2022 – Dec 2022\n" + EDUCATION)
    assert [(t, c, s, e) for t, c, _, s, e, _ in roles(resume)] == [
        ("Senior Software Engineer", "Iterative Health", "2023-01", "present"),
        ("Staff Software Engineer", "Royal.io", "2022-08", "2022-12"),
    ]


def test_a_sentence_wrapped_onto_its_dates_is_one_role():
    # Word and PDF resumes break these sentences where the page ends, dates and all.
    resume = parsed_text(TOP + "\n".join([
        "1. Worked as an Electrical Panel fitter in PUNJ LLOYD Pvt Ltd, New Delhi,",
        "from 05/12/2006 to 02/09/2009 (3 Years).",
        "2. Worked as an Electrical Panel fitter, UB Engineering, New Delhi. from",
        "04/11/2009 to 21/12/2011.",
        "3. Worked as an Electrical Supervisor in Reliance KGD6 at Kakinada, From July 2012",
        "to May 2014 (oil & gas onshore terminal)",
        "I have worked as an Accountant in Taageer Finance Co SAOG, Hyderabad.",
        "Period : From May 2015 to November 2016",
        "Handled the treasury department and the bank reconciliations",
    ]) + "\n" + EDUCATION)
    assert [job[:5] for job in roles(resume)] == [
        # Day and month either way round: the years are what is sure.
        ("Electrical Panel fitter", "PUNJ LLOYD Pvt Ltd", "New Delhi", "2006", "2009"),
        ("Electrical Panel fitter", "UB Engineering", "New Delhi", "2009-11", "2011-12"),
        ("Electrical Supervisor", "Reliance KGD6", None, "2012-07", "2014-05"),
        ("Accountant", "Taageer Finance Co SAOG", "Hyderabad", "2015-05", "2016-11"),
    ]
    assert roles(resume)[-1][5] == ["Handled the treasury department and the bank reconciliations"]


def test_a_line_opening_with_another_roles_dates_is_not_a_sentences_run_on():
    resume = parsed_text(TOP + "\n".join([
        "• Worked as a Site Engineer in Moserbaer Solar Ltd from Feb 2010 to Nov 2011",
        "• Worked in Moserbaer as a Roof Top Plants Service Engineer in Delhi",
        "Dec 2008 – Jan 2010 with Suzlon Wind Energy, Jaisalmer as Maintenance Engineer",
        "• Worked as a Maintenance Engineer in Suzlon Wind Energy from Jan 2007 to Nov 2008",
    ]) + "\n" + EDUCATION)
    # The line under the undated sentence is a role of its own, not that sentence's dates.
    assert [(job[0], job[3], job[4]) for job in roles(resume)] == [
        ("Site Engineer", "2010-02", "2011-11"), ("Maintenance Engineer", "2008-12", "2010-01"),
        ("Maintenance Engineer", "2007-01", "2008-11")]
    assert "Roof Top Plants Service Engineer in Delhi" in resume.to_text()


def test_present_and_previous_employment_head_their_roles_and_are_no_role():
    # The example: "Present Employment" became a job of that name.
    resume = parsed_text(TOP + "\n".join([
        "Present Employment",
        "• Working as Design / Drafting Engineer in M/s. DKS Pharmatech Consultants, Chennai "
        "from Sep 2009 to till date",
        "Previous Employment",
        "• Worked as HVAC Draftsman in M/s. Nival Tech Consulting Engineers from May 2008 "
        "to May 2009.",
        "Prepared the HVAC and piping drawings of two hospitals",
    ]) + "\n" + EDUCATION)
    assert [job[:5] for job in roles(resume)] == [
        ("Design / Drafting Engineer", "DKS Pharmatech Consultants", "Chennai", "2009-09",
         "present"),
        ("HVAC Draftsman", "Nival Tech Consulting Engineers", None, "2008-05", "2009-05"),
    ]
    assert "Present Employment" not in [job.company for job in resume.experience]


def test_a_lone_role_sentence_opening_its_section_is_its_role():
    resume = parsed_text(TOP + "\n".join([
        "• Working as Design / Drafting Engineer in M/s. DKS Pharmatech Consultants, Chennai "
        "from Sep 2009 to till date",
        "Prepared the HVAC and piping drawings of two hospitals",
    ]) + "\n" + EDUCATION)
    assert roles(resume) == [
        ("Design / Drafting Engineer", "DKS Pharmatech Consultants", "Chennai", "2009-09",
         "present", ["Prepared the HVAC and piping drawings of two hospitals"])]


def test_employment_named_present_or_previous_is_a_heading():
    from engine.parse.sections import heading_section

    assert [heading_section(text) for text in (
        "Present Employment", "PREVIOUS EMPLOYMENT:", "Past Experience", "Current Employment",
        "Present Employer")] == ["experience"] * 5
