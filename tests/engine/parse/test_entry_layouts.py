"""Experience entries of layouts built in code: each PDF is drawn line by line with
PyMuPDF (position, size, weight), extracted and parsed like an uploaded resume."""

from __future__ import annotations

import pymupdf
import pytest

from engine.extract.documents import extract_document
from engine.extract.lines import TextLine
from engine.parse.dates import find_period
from engine.parse.experience import experience_entries
from engine.parse.parser import parse_document
from engine.resume import Resume

LEFT = 50


def pdf_of(lines: list[tuple[str, float, float, bool]]) -> bytes:
    """A one-page PDF of (text, indent, size, bold) lines, top to bottom; a line's gap
    above it grows with its size (a heading's enough to start a block); a tab puts the
    rest of the line at the right."""
    document = pymupdf.open()
    page = document.new_page()
    y = 60.0
    for text, indent, size, bold in lines:
        y += size * (3 if size >= 13 else 1.5)
        for x, cell in zip((LEFT + indent, 420), text.split("\t")):
            page.insert_text((x, y), cell, fontsize=size, fontname="hebo" if bold else "helv")
    data = document.tobytes()
    document.close()
    return data


def parsed(lines: list[tuple[str, float, float, bool]]) -> Resume:
    header = [("Anna Example", 0, 18, True), ("anna@example.com | +1 555 010 2030", 0, 10, False)]
    return parse_document(extract_document(pdf_of(header + lines), filename="resume.pdf"))


def test_items_indented_under_a_label_are_the_entrys_text_not_its_header():
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Team lead, Northwind", 0, 10.5, True),
        ("Jun 2021 - Present", 0, 9, False),
        ("Duties:", 0, 10.5, True),
        ("Hiring the team", 30, 10.5, False),
        ("Code Review", 30, 10.5, False),
        ("Highlights", 0, 10.5, True),
        ("Designed the verification service", 30, 10.5, False),
        ("Backend developer, Contoso", 0, 10.5, True),
        ("Jan 2017 - May 2021", 0, 9, False),
        ("Highlights", 0, 10.5, True),
        ("Built the payment gateway", 30, 10.5, False),
    ])
    first, second = resume.experience
    assert (first.title, first.company, first.start, first.end) == (
        "Team lead", "Northwind", "2021-06", "present")
    assert [b.text for b in first.bullets] == [
        "Hiring the team", "Code Review", "Designed the verification service"]
    assert (second.title, second.company, second.start) == (
        "Backend developer", "Contoso", "2017-01")
    assert [b.text for b in second.bullets] == ["Built the payment gateway"]


def test_a_title_over_indented_text_stays_the_entrys_title():
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("NORTHWIND\t01/2022 - PRESENT", 0, 9, True),
        ("SOFTWARE ENGINEER", 0, 9, False),
        ("Developed features on full stack web applications using TypeScript.", 26, 8.5, False),
        ("CONTOSO\t10/2020 - 12/2021", 0, 9, True),
        ("SOFTWARE DEVELOPER", 0, 9, False),
        ("Implemented core functionality across several web platforms.", 26, 8.5, False),
    ])
    assert [(e.title, e.company) for e in resume.experience] == [
        ("SOFTWARE ENGINEER", "NORTHWIND"), ("SOFTWARE DEVELOPER", "CONTOSO")]


def two_column_pages(pages: list[tuple[list[str], list[str]]]) -> bytes:
    """A PDF whose pages each have a narrow sidebar (left) and a main column (right);
    lines in capitals are headings, drawn bold and larger; "Title, Company" lines bold."""
    document = pymupdf.open()
    for sidebar, main in pages:
        page = document.new_page()
        for x, y, lines in ((40, 60.0, sidebar), (220, 67.0, main)):
            for text in lines:
                heading = text.isupper() and len(text.split()) == 1
                y += 22 if heading else 15
                page.insert_text((x, y), text, fontsize=13 if heading else 10,
                                 fontname="hebo" if heading or ", " in text else "helv")
    data = document.tobytes()
    document.close()
    return data


def test_a_main_column_goes_on_with_its_section_on_the_next_page():
    sidebar_1 = ["Anna Example", "anna@example.com", "SKILLS", "Python", "Docker", "Kubernetes"]
    main_1 = ["EXPERIENCE", "Senior Engineer, Northwind", "Jan 2020 - Present",
              "• Built the billing platform used by all teams",
              "• Cut deployment time from hours to minutes"]
    sidebar_2 = ["INTERESTS", "Sailing", "Chess", "Climbing", "LANGUAGES", "English",
                 "German", "Polish"]
    main_2 = ["Software Engineer, Contoso", "Mar 2016 - Dec 2019",
              "• Wrote the reporting service and its tests",
              "• Moved the nightly jobs to a queue",
              "Junior Developer, Fabrikam", "Jun 2014 - Feb 2016",
              "• Maintained the customer portal", "• Answered support tickets"]
    pdf = two_column_pages([(sidebar_1, main_1), (sidebar_2, main_2)])
    resume = parse_document(extract_document(pdf, filename="resume.pdf"))
    assert [(e.title, e.company, e.start) for e in resume.experience] == [
        ("Senior Engineer", "Northwind", "2020-01"),
        ("Software Engineer", "Contoso", "2016-03"),
        ("Junior Developer", "Fabrikam", "2014-06"),
    ]


def span(period) -> tuple[str | None, str | None]:
    return period.start, period.end


def test_a_date_with_a_dash_and_nothing_after_is_a_role_still_held():
    assert span(find_period("2020-01-28 –")) == ("2020-01", "present")
    assert span(find_period("Jan 2020 -\tAcme")) == ("2020-01", "present")
    assert span(find_period("2019 - 2020")) == ("2019", "2020")
    assert span(find_period("Graduated 2019")) == (None, "2019")


def test_a_larger_heading_after_a_bullet_starts_the_section_and_open_ranges_read_as_present():
    resume = parsed([
        ("SUMMARY", 0, 16, True),
        ("• Experience building several production web applications", 0, 10, False),
        ("Work", 300, 16, True),
        ("Northwind Consulting\t2020-01-28 -", 0, 10, True),
        ("Owner / Full-Stack Developer", 0, 10, True),
        ("• Run a small software consultancy", 0, 10, False),
        ("Contoso Media, Kitchener ON\t2018-10-01 - 2019-12-10", 0, 10, True),
        ("Frontend Lead", 0, 10, True),
        ("• Led the frontend team", 0, 10, False),
    ])
    assert [(e.title, e.company, e.start, e.end) for e in resume.experience] == [
        ("Owner / Full-Stack Developer", "Northwind Consulting", "2020-01", "present"),
        ("Frontend Lead", "Contoso Media, Kitchener ON", "2018-10", "2019-12"),
    ]


def test_a_range_wrapped_onto_the_next_line_stays_one_entrys_dates():
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("May 2016 -\tTechnical Intern | Northwind", 0, 10, True),
        ("Aug 2016", 0, 10, True),
        ("• Built the internal search tool", 0, 10, False),
        ("Jan 2015 -\tStudent Developer | Contoso", 0, 10, True),
        ("Apr 2015", 0, 10, True),
        ("• Worked on the kernel boot process", 0, 10, False),
    ])
    assert [(e.title, e.company, e.start, e.end) for e in resume.experience] == [
        ("Technical Intern", "Northwind", "2016-05", "2016-08"),
        ("Student Developer", "Contoso", "2015-01", "2015-04"),
    ]


def test_dates_beside_a_roles_first_sentence_belong_to_the_heading_above():
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Northwind, Senior Developer", 0, 10, True),
        ("Leading a team of five developers on the billing\tJan 2021 - Mar 2023", 0, 10, False),
        ("platform and its reporting tools.", 0, 10, False),
        ("• Cut the monthly close from five days to one", 0, 10, False),
        ("Contoso, Web Developer", 0, 10, True),
        ("Implementing Web Browser for TV\tFeb 2019 - Dec 2020", 0, 10, False),
        ("• Wrote the rendering layer", 0, 10, False),
        ("Fabrikam\tBangalore, India", 0, 10, True),
        ("Software Engineer\tAug 2017 - Jan 2019", 0, 10, False),
        ("• Kept the build green", 0, 10, False),
    ])
    assert [(e.title, e.company, e.start, e.end) for e in resume.experience] == [
        ("Senior Developer", "Northwind", "2021-01", "2023-03"),
        ("Web Developer", "Contoso", "2019-02", "2020-12"),
        ("Software Engineer", "Fabrikam", "2017-08", "2019-01"),
    ]
    first = [b.text for b in resume.experience[0].bullets]
    assert first[0] == ("Leading a team of five developers on the billing platform and its "
                        "reporting tools.")
    assert resume.experience[1].bullets[0].text == "Implementing Web Browser for TV"


def test_roles_bulleted_under_one_company_each_keep_the_company():
    resume = parsed([
        ("WORK", 0, 13, True),
        ("Senior Frontend Developer", 0, 10, True),
        ("Northwind | Electronic trading platform", 0, 10, False),
        ("May 2021 - Feb 2022", 0, 10, False),
        ("• Maintain the trading client platform and its accessibility.", 0, 10, False),
        ("Contoso", 0, 10, True),
        ("Online travel agency", 0, 10, False),
        ("• Frontend Tech Lead", 0, 10, True),
        ("Mar 2020 - Apr 2021", 0, 10, False),
        ("• Automate frontend performance metrics collection.", 0, 10, False),
        ("• Frontend Developer", 0, 10, True),
        ("Dec 2017 - Feb 2020", 0, 10, False),
        ("• Build the new component library in TypeScript.", 0, 10, False),
    ])
    assert [(e.title, e.company, e.start, e.end) for e in resume.experience] == [
        ("Senior Frontend Developer", "Northwind", "2021-05", "2022-02"),
        ("Frontend Tech Lead", "Contoso", "2020-03", "2021-04"),
        ("Frontend Developer", "Contoso", "2017-12", "2020-02"),
    ]
    assert [b.text for b in resume.experience[2].bullets] == [
        "Build the new component library in TypeScript."]


def test_a_company_set_apart_from_its_dated_role_is_that_roles_company():
    resume = parsed([
        ("WORK EXPERIENCE", 0, 13, True),
        ("Northwind Traders", 0, 12, True),
        ("London, UK", 0, 10, False),
        ("A personal finance app used by a million people across the country.", 0, 10, False),
        ("March 2024 - May 2024", 0, 10, False),
        ("Backend Engineer", 0, 10, True),
        ("• Integrated open banking connections for the mobile app.", 0, 10, False),
        ("Contoso Games", 0, 12, True),
        ("Liverpool, UK", 0, 10, False),
        ("The console maker's partner platform, used by studios to reach players.", 0, 10, False),
        ("May 2022 - March 2024", 0, 10, False),
        ("Software Engineer II", 0, 10, True),
        ("• Built the partner access control system.", 0, 10, False),
    ])
    assert [(e.title, e.company, e.location, e.start) for e in resume.experience] == [
        ("Backend Engineer", "Northwind Traders", "London, UK", "2024-03"),
        ("Software Engineer II", "Contoso Games", "Liverpool, UK", "2022-05"),
    ]
    assert [b.text for b in resume.experience[0].bullets] == [
        "A personal finance app used by a million people across the country.",
        "Integrated open banking connections for the mobile app."]


def test_a_kind_of_experience_as_a_heading_starts_the_experience_section():
    from engine.parse.sections import heading_section

    assert heading_section("Web Development Experience") == "experience"
    assert heading_section("RETAIL SALES EXPERIENCE:") == "experience"
    assert heading_section("Total Experience") is None
    text = ("Anna Example\nanna@example.com\n\nSummary\nJunior web developer able to build a "
            "web presence from the ground up, from layout to search optimisation.\n\n"
            "Web Development Experience\nNorthwind Charity -- Sometown, OH\n"
            "Web Developer, 2009 - 2011\nBuilt a dynamic, secure web site from scratch.\n")
    resume = parse_document(extract_document(text.encode(), filename="resume.txt"))
    assert [(e.title, e.start, e.end) for e in resume.experience] == [
        ("Web Developer", "2009", "2011")]


def test_russian_polish_and_dutch_dates_and_open_ends():
    assert span(find_period("2021.06 - Настоящее время")) == ("2021-06", "present")
    assert span(find_period("Сентябрь 2019 – по настоящее время")) == ("2019-09", "present")
    assert span(find_period("сен 2010 - июн 2011")) == ("2010-09", "2011-06")
    assert span(find_period("2020 - н.в.")) == ("2020", "present")
    assert span(find_period("marzec 2018 - obecnie")) == ("2018-03", "present")
    assert span(find_period("maart 2019 - heden")) == ("2019-03", "present")


def test_a_company_name_holding_commas_before_the_title():
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("X, the moonshot factory (Chorus), Firmware Test Engineer\tJul 2023 - Nov 2023", 0, 10, True),
        ("• Built the flash memory reliability test framework.", 0, 10, False),
        ("Senior Developer, Contoso, Inc.\tJan 2020 - Jun 2023", 0, 10, True),
        ("• Led the billing rewrite.", 0, 10, False),
    ])
    assert [(e.title, e.company) for e in resume.experience] == [
        ("Firmware Test Engineer", "X, the moonshot factory (Chorus)"),
        ("Senior Developer", "Contoso, Inc."),
    ]


def test_items_under_a_label_after_a_bulleted_sentence_are_items_of_their_own():
    # A glyph's hanging indent must not swallow a list that hangs under a label.
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Northwind", 0, 10.5, True),
        ("March 2019 - Present", 0, 9, False),
        ("Frontend Lead", 0, 10.5, True),
        ("• Led the frontend of the ordering platform.", 0, 10.5, False),
        ("Highlights", 0, 10.5, True),
        ("Started the accessibility programme.", 40, 10.5, False),
        ("Wrote the internal component library.", 40, 10.5, False),
    ])
    (job,) = resume.experience
    assert (job.title, job.company, job.start) == ("Frontend Lead", "Northwind", "2019-03")
    assert [b.text for b in job.bullets] == [
        "Led the frontend of the ordering platform.",
        "Started the accessibility programme.", "Wrote the internal component library."]


def test_a_label_under_an_undated_company_and_title_heads_a_slightly_indented_list():
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Contoso Pvt. Ltd.", 0, 10.5, True),
        ("Vice President - User Experience", 0, 10.5, True),
        ("Highlights", 0, 10.5, True),
        ("Hire, mentor and train the design team.", 8, 10.5, False),
        ("Define the design process and its deliverables.", 8, 10.5, False),
    ])
    (job,) = resume.experience
    assert (job.title, job.company) == ("Vice President - User Experience", "Contoso Pvt. Ltd.")
    assert [b.text for b in job.bullets] == [
        "Hire, mentor and train the design team.",
        "Define the design process and its deliverables."]


def test_a_line_ending_on_a_connecting_word_goes_on_in_the_next_block():
    lines = [("EXPERIENCE", 0, 13, True), ("Designer, Contoso", 0, 10.5, True),
             ("2015 - 2017", 0, 9, False),
             ("Provided consulting services to clients in retail and banking, including",
              0, 10.5, False)]
    document = pymupdf.open(stream=pdf_of(lines), filetype="pdf")
    # The rest of the sentence drawn as a block of its own, well below.
    document[0].insert_text((LEFT, 330), "IA, visual design and prototyping.", fontsize=10.5,
                            fontname="helv")
    document[0].insert_text((LEFT, 345), "Led the design reviews.", fontsize=10.5,
                            fontname="helv")
    document[0].insert_text((LEFT, 400), "EDUCATION", fontsize=13, fontname="hebo")
    document[0].insert_text((LEFT, 420), "BSc Computer Science, University of Leeds, 2014",
                            fontsize=10.5, fontname="helv")
    resume = parse_document(extract_document(document.tobytes(), filename="resume.pdf"))
    assert [b.text for b in resume.experience[0].bullets] == [
        "Provided consulting services to clients in retail and banking, including IA, "
        "visual design and prototyping.",
        "Led the design reviews."]


def test_a_start_date_whose_end_cannot_be_read_still_dates_a_title_at_company_line():
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Platform Engineer at Northwind Traders\tJan 2024 - Unknown", 0, 10.5, True),
        ("• Ran the deployment pipelines of forty services.", 2, 10.5, False),
        ("Systems Engineer at Contoso\tAug 2020 - Dec 2023", 0, 10.5, True),
        ("• Kept the payment systems running through peak season.", 2, 10.5, False),
    ])
    first, second = resume.experience
    assert (first.title, first.company, first.start, first.end) == (
        "Platform Engineer", "Northwind Traders", "2024-01", None)
    assert [b.text for b in first.bullets] == ["Ran the deployment pipelines of forty services."]
    assert (second.title, second.company, second.start, second.end) == (
        "Systems Engineer", "Contoso", "2020-08", "2023-12")


def test_headers_with_the_date_on_their_second_line_and_a_short_description_line():
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Northwind", 0, 10.5, True),
        ("February 2019 - Present", 0, 9, False),
        ("Software Developer", 0, 10.5, True),
        ("Payments team, Europe", 0, 10.5, False),
        ("Contoso", 0, 10.5, True),
        ("May 2017 - August 2017", 0, 9, False),
        ("Research Intern", 0, 10.5, True),
        ("Worked on the chat interface for support agents", 0, 10.5, False),
    ])
    assert [(e.title, e.company, e.start) for e in resume.experience] == [
        ("Software Developer", "Northwind", "2019-02"), ("Research Intern", "Contoso", "2017-05")]


def test_title_at_company_without_a_title_word_and_a_description_under_it():
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Commis aux fruits et légumes at Provigo", 0, 10.5, True),
        ("Provigo est une épicerie de quartier ouverte tous les jours de la semaine.", 0, 10.5,
         False),
        ("• Prendre les commandes arrivées par camion", 2, 10.5, False),
    ])
    (job,) = resume.experience
    assert (job.title, job.company) == ("Commis aux fruits et légumes", "Provigo")
    assert [b.text for b in job.bullets] == [
        "Provigo est une épicerie de quartier ouverte tous les jours de la semaine.",
        "Prendre les commandes arrivées par camion"]


def test_items_without_glyphs_indented_right_of_the_header_stay_items():
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Northwind\t06/2015 - 04/2016", 0, 10.5, True),
        ("Lead Mobile Engineer", 0, 10.5, False),
        ("Penalties - an app for paying parking fines", 26, 10.5, False),
        ("Business - the bank client for small firms", 26, 10.5, False),
        ("Contoso\t05/2016 - Present", 0, 10.5, True),
        ("Mobile Engineer", 0, 10.5, False),
        ("Messenger", 26, 10.5, False),
    ])
    first, second = resume.experience
    assert (first.title, first.company) == ("Lead Mobile Engineer", "Northwind")
    assert [b.text for b in first.bullets] == [
        "Penalties - an app for paying parking fines", "Business - the bank client for small firms"]
    assert (second.title, second.company, second.start) == (
        "Mobile Engineer", "Contoso", "2016-05")
    assert [b.text for b in second.bullets] == ["Messenger"]


def jobs_in_text(*lines: str) -> list:
    """The experience entries of a plain-text resume whose EXPERIENCE section holds
    ``lines``."""
    text = "Anna Example\nanna@example.com\n\nWORK EXPERIENCE\n" + "\n".join(lines) + "\n"
    return parse_document(extract_document(text.encode("utf-8"), filename="resume.txt")).experience


def test_labelled_header_fields_in_plain_text():
    first, second = jobs_in_text(
        "Designation: Marketing Executive",
        "Organization: Northwind Traders, Phoenix, AZ",
        "Duration: May 2010 - till date",
        "Devise advertising strategies as per the product and its target audience",
        "Designation: Marketing Assistant",
        "Organization: Contoso, Phoenix, AZ",
        "Duration: January 2009 - April 2010",
        "Prepared the audio and visual materials that promote the products")
    assert (first.title, first.company, first.location, first.start, first.end) == (
        "Marketing Executive", "Northwind Traders", "Phoenix, AZ", "2010-05", "present")
    assert (second.title, second.company, second.start, second.end) == (
        "Marketing Assistant", "Contoso", "2009-01", "2010-04")
    assert [b.text for b in second.bullets] == [
        "Prepared the audio and visual materials that promote the products"]


@pytest.mark.parametrize("mark", ["", "• "])
def test_labels_of_indian_cvs_and_an_employer_set_as_a_list_item(mark):
    # "Company Name : …" listed with a bullet went to the role above as its item, and
    # "Job Designation" / "Job Duration" were no labels: every company came out wrong.
    jobs = jobs_in_text(
        f"{mark}Company Name\t: ANGEL BROKING LTD",
        "Job Designation\t: Back office Executive",
        "Job Duration\t: July 2007 – April 2008",
        f"{mark}Name of the Organisation\t: Globe Capital Market Ltd",
        "Current Designation\t: Relationship Manager",
        "Job Duration\t: 12 July 2008 – Till Date",
        "• Opened the accounts of forty new clients a month")
    assert [(j.title, j.company, j.start, j.end) for j in jobs] == [
        ("Back office Executive", "ANGEL BROKING LTD", "2007-07", "2008-04"),
        ("Relationship Manager", "Globe Capital Market Ltd", "2008-07", "present")]
    assert [b.text for b in jobs[1].bullets] == [
        "Opened the accounts of forty new clients a month"]


def test_a_range_whose_open_end_is_on_the_next_line_and_a_season_as_a_date():
    first, second = jobs_in_text(
        "Community Law Centre - Chelmsford",
        "June 2010",
        "Present",
        "Working as an unpaid advisor at a busy city centre advice bureau.",
        "NORTHWIND- Kansas City, MO",
        "Sales & Marketing Intern",
        "Summer 2014",
        "• Educated customers about the benefits of the product")
    assert (first.company, first.location, first.start, first.end) == (
        "Community Law Centre", "Chelmsford", "2010-06", "present")
    assert (second.title, second.company, second.location) == (
        "Sales & Marketing Intern", "NORTHWIND", "Kansas City, MO")
    assert "2014" in (second.start, second.end)


def pdf_at(rows: list[tuple[str, float, float]]) -> bytes:
    """A one-page PDF of (text, indent, y) lines at 10pt (the first bold, a tab putting
    the rest at the right), a bold 13pt "EXPERIENCE" over them and a name and email
    above: gaps and indents as given."""
    document = pymupdf.open()
    page = document.new_page()
    page.insert_text((LEFT, 60), "Anna Example", fontsize=18, fontname="hebo")
    page.insert_text((LEFT, 80), "anna@example.com | +1 555 010 2030", fontsize=10)
    page.insert_text((LEFT, 120), "EXPERIENCE", fontsize=13, fontname="hebo")
    for number, (text, indent, y) in enumerate(rows):
        for x, cell in zip((LEFT + indent, 420), text.split("\t")):
            page.insert_text((x, y), cell, fontsize=10, fontname="helv" if number else "hebo")
    data = document.tobytes()
    document.close()
    return data


def test_items_nested_under_a_bullet_and_web_addresses_are_items_of_their_own():
    resume = parse_document(extract_document(pdf_at([
        ("Integration Architect, Northwind\tDec 2016 - Present", 0, 145),
        ("• Working on the immunization gateway and its companion transformation", 0, 165),
        ("service, a lightweight interoperability layer.", 11, 178),
        ("Tech stack: Java, Spring, Docker, AWS", 21, 198),
        ("• Fake data generators for the test systems of the whole team.", 0, 218),
        ("https://example.org/fake-records", 21, 238),
        ("https://example.org/claims-generator", 21, 258),
    ]), filename="resume.pdf"))
    (job,) = resume.experience
    assert (job.title, job.company, job.start) == (
        "Integration Architect", "Northwind", "2016-12")
    assert [b.text for b in job.bullets] == [
        "Working on the immunization gateway and its companion transformation service, a "
        "lightweight interoperability layer.",
        "Tech stack: Java, Spring, Docker, AWS",
        "Fake data generators for the test systems of the whole team.",
        "https://example.org/fake-records", "https://example.org/claims-generator"]


def test_month_and_two_digit_year_dates_and_a_labelled_title_after_the_description():
    first, second = jobs_in_text(
        "Northwind Contracting LLC\tNov-14 – Till Date",
        "Northwind is a construction company building villas and high rise buildings.",
        "Designation: Project Planning Engineer",
        "• Prepared the master schedule of the tower project",
        "Contoso Builders\tAug-09 to Oct-14",
        "Designation\tSite Engineer")
    assert (first.title, first.company, first.start, first.end) == (
        "Project Planning Engineer", "Northwind Contracting LLC", "2014-11", "present")
    assert [b.text for b in first.bullets] == [
        "Northwind is a construction company building villas and high rise buildings.",
        "Prepared the master schedule of the tower project"]
    assert (second.title, second.company, second.start, second.end) == (
        "Site Engineer", "Contoso Builders", "2009-08", "2014-10")


def test_a_month_joined_to_its_year_by_a_hyphen_is_one_date():
    assert span(find_period("Jan-2014 - Mar-2016")) == ("2014-01", "2016-03")
    assert span(find_period("Jan-Mar 2021")) == ("2021-01", "2021-03")


def test_labels_joined_by_a_dash_and_a_company_form_before_its_country():
    first, second = jobs_in_text(
        "Designation - Site Electrical Engineer",
        "Company – Northwind Power Solutions Ltd",
        "July 2012 - August 2014",
        "• Commissioned the substation of the dormitory blocks",
        "Senior Accountant",
        "Contoso Computing Sdn Bhd, Malaysia",
        "2010 - 2014",
        "• Closed the monthly accounts of three subsidiaries")
    assert (first.title, first.company, first.start) == (
        "Site Electrical Engineer", "Northwind Power Solutions Ltd", "2012-07")
    assert (second.title, second.company, second.location) == (
        "Senior Accountant", "Contoso Computing Sdn Bhd", "Malaysia")


def test_occupations_outside_engineering_read_as_titles():
    # Title words of trades beyond software (engine/data/job_titles.txt) tell the title
    # from the company whichever comes first.
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Copywriter\tApr 2012 - Apr 2013", 0, 10.5, True),
        ("Teach Away", 0, 10.5, False),
        ("Wrote the admissions pages for forty schools.", 0, 10.5, False),
        ("Lindqvist Studio\tNov 2011 - Apr 2012", 0, 10.5, True),
        ("Photographer and Illustrator", 0, 10.5, False),
        ("Shot and drew the spring catalogue.", 0, 10.5, False),
    ])
    assert [(e.title, e.company, e.start) for e in resume.experience] == [
        ("Copywriter", "Teach Away", "2012-04"),
        ("Photographer and Illustrator", "Lindqvist Studio", "2011-11")]


def test_a_company_in_capitals_under_a_title_beside_its_dates_is_not_the_titles_tail():
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Team lead\t2021.06 - Present", 0, 9, False),
        ("UMBRELLIO", 0, 9, False),
        ("• Designed the verification service", 12, 9, False),
        ("Backend developer\t2017.01 - 2021.06", 0, 9, False),
        ("KUPIBILET.RU", 0, 9, False),
        ("• Built the payment gateway", 12, 9, False),
    ])
    assert [(job.title, job.company, job.start, job.end) for job in resume.experience] == [
        ("Team lead", "UMBRELLIO", "2021-06", "present"),
        ("Backend developer", "KUPIBILET.RU", "2017-01", "2021-06")]
    assert [b.text for b in resume.experience[1].bullets] == ["Built the payment gateway"]


def test_numbered_and_lettered_items_are_items_of_their_own():
    items = ["Led the migration of the billing platform to Kafka event streams.",
             "Built the payments gateway used by 40 merchants.", "Mentored four engineers."]
    for marks in (["1.", "2.", "3."], ["(a)", "(b)", "(c)"], ["i.", "ii.", "iii."]):
        resume = parsed([
            ("EXPERIENCE", 0, 13, True),
            ("Senior Software Engineer, Northwind Traders", 0, 10.5, True),
            ("Jun 2021 - Present", 0, 9, False),
            *[(f"{mark} {item}", 10, 9, False) for mark, item in zip(marks, items)],
        ])
        (job,) = resume.experience
        # Numbers in turn are the list's glyphs (dropped as "•" is); letters are kept.
        kept = items if marks[0] == "1." else [f"{m} {i}" for m, i in zip(marks, items)]
        assert [b.text for b in job.bullets] == kept


def test_a_triangle_glyph_marks_items_and_roles_listed_under_one_company():
    item = "Built the design system used by every product team across the company"
    first, second = jobs_in_text("Acme Corp", "⏵ Frontend Tech Lead", "Mar 2020 - Apr 2021",
                                 f"⏵ {item}", "⏵ Frontend Developer", "Jan 2018 - Feb 2020",
                                 f"⏵{item}")
    assert [(j.title, j.company, j.start, j.end) for j in (first, second)] == [
        ("Frontend Tech Lead", "Acme Corp", "2020-03", "2021-04"),
        ("Frontend Developer", "Acme Corp", "2018-01", "2020-02")]
    assert [b.text for b in second.bullets] == [item]


def test_an_item_over_a_date_names_a_role_only_with_a_title_word():
    jobs = jobs_in_text(
        "Senior Engineer, Acme Corp", "Mar 2020 - Apr 2021",
        "• Built the design system used by every product team across the company",
        "• Automation of reports", "Jan 2019 - Dec 2019",
        "• Reporting for the finance team every month of the year")
    assert [b.text for b in jobs[0].bullets][-1] == "Automation of reports"
    assert "Automation of reports" not in [j.title for j in jobs]


def test_items_whose_wrapped_lines_are_blocks_of_their_own_keep_them():
    # A browser's PDF (the kendall theme): every line of a wrapped item a block of its
    # own, 4.5 pt under the line above, the items 12 pt apart and without glyphs.
    def line(text: str, gap: float, fill: float, indent: float = 40, bold=False) -> TextLine:
        return TextLine(text, size=11.4, bold=bold, new_block=True, space_before=gap,
                        indent=indent, fill=fill)

    lines = [line("Backend Engineer, Emma App Technologies\tMarch 2024 – May 2024", 20, 1.0,
                  0, True),
             line("Highlights", 8, 0.2, 20),
             line("Enhanced backend performance and integrated Open", 23, 0.93),
             line("Banking connections with TypeScript and Google", 4.5, 0.9),
             line("Cloud Platform, streamlining bank connections.", 4.5, 0.74),
             line("Migrated onboarding and subscription flows to a web", 12, 0.92),
             line("platform using Next.js, improving accessibility.", 4.5, 0.9)]
    (job,) = experience_entries(lines, pdf=True)
    assert (job.title, job.company, job.start) == (
        "Backend Engineer", "Emma App Technologies", "2024-03")
    assert [b.text for b in job.bullets] == [
        "Enhanced backend performance and integrated Open Banking connections with "
        "TypeScript and Google Cloud Platform, streamlining bank connections.",
        "Migrated onboarding and subscription flows to a web platform using Next.js, "
        "improving accessibility."]


def test_an_item_opening_with_a_lowercase_name_after_a_full_stop_is_an_item():
    (job,) = jobs_in_text(
        "Web Developer, Dead Famous\t2015-05 – 2016-06",
        "Built a couple low-level React animation tools, that were eventually open-sourced.",
        "iOS app development experience with React Native.",
        "eBay storefronts for three retail clients, with their payment flows.")
    assert [b.text for b in job.bullets] == [
        "Built a couple low-level React animation tools, that were eventually open-sourced.",
        "iOS app development experience with React Native.",
        "eBay storefronts for three retail clients, with their payment flows."]


def test_a_title_wrapped_inside_its_brackets_is_joined_before_the_company():
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Solutions Architect (Federal & Strategic", 0, 10.5, True),
        ("Advisory)", 0, 10.5, True),
        ("Audacious Inquiry", 0, 10.5, False),
        ("Dec 2016 - Present", 0, 9, False),
        ("• Integrated health records across four hospital networks in the region", 10, 9,
         False),
    ])
    (job,) = resume.experience
    assert (job.title, job.company, job.start) == (
        "Solutions Architect (Federal & Strategic Advisory)", "Audacious Inquiry", "2016-12")


def test_an_items_next_sentence_at_its_line_spacing_stays_in_the_item():
    def line(text: str, gap: float, fill: float = 0.95) -> TextLine:
        return TextLine(text, size=11.4, new_block=True, space_before=gap, indent=40,
                        fill=fill)

    header = TextLine("Senior Engineer, Fieldaware\tJan 2016 - Present", size=11.4,
                      bold=True, space_before=20, fill=1.0)
    spaced = [header, line("Work on AWS infrastructure: EC2, ECS and IAM.", 23, 0.6),
              line("Managed production infrastructure with terraform.", 12),
              line("Code changes were driven entirely by git workflow.", 4.5),
              line("Refactor codebase to run with Docker.", 12, 0.6)]
    (job,) = experience_entries(spaced, pdf=True)
    assert [b.text for b in job.bullets] == [
        "Work on AWS infrastructure: EC2, ECS and IAM.",
        "Managed production infrastructure with terraform. Code changes were driven "
        "entirely by git workflow.",
        "Refactor codebase to run with Docker."]
    # Items set evenly after the header's wider gap stay apart: that gap is no item's.
    even = [header, line("Work on AWS infrastructure: EC2, ECS and IAM.", 23, 0.6),
            line("Managed production infrastructure with terraform.", 4.5),
            line("Refactor codebase to run with Docker.", 4.5, 0.6)]
    (job,) = experience_entries(even, pdf=True)
    assert len(job.bullets) == 3


def test_items_at_line_spacing_under_a_wider_spaced_paragraph_end_where_a_line_stops_short():
    # spartan: a role's description, then its highlights without glyphs, each 4.9 pt
    # under the one above (a wrapped line's spacing) and the list 14.6 pt under the
    # paragraph; a highlight ends without a full stop, short of the column's edge.
    def line(text: str, gap: float, fill: float, bold=False) -> TextLine:
        return TextLine(text, size=9.8, bold=bold, new_block=True, space_before=gap,
                        fill=fill)

    (job,) = experience_entries([
        line("Daylight", 50, 0.08, True),
        line("February 2024 - May 2025", 1.4, 0.21, True),
        line("Backend Engineer (Freelance, Part-time)", 14.6, 0.33, True),
        line("Backend development on the recommendation engine powering wallets such as",
             14.6, 1.0),
        line("Zerion.", 4.1, 0.05),
        line("Built collectors that transform onchain data into user recommendations",
             14.6, 0.76),
        line("Created maintainable, well-tested code to enhance platform reliability", 4.9,
             0.72),
    ], pdf=True)
    assert (job.title, job.company, job.start) == (
        "Backend Engineer (Freelance, Part-time)", "Daylight", "2024-02")
    assert [b.text for b in job.bullets] == [
        "Backend development on the recommendation engine powering wallets such as Zerion.",
        "Built collectors that transform onchain data into user recommendations",
        "Created maintainable, well-tested code to enhance platform reliability"]


def test_items_in_blocks_of_their_own_stay_apart_where_blocks_hold_wrapped_lines():
    # elegant: a role's paragraph, then highlights without glyphs, each a block holding
    # its wrapped lines, 0.2 pt apart: a sentence's end and a close block start an item.
    def line(text: str, gap: float, fill: float, new_block=True, indent=30.0) -> TextLine:
        return TextLine(text, size=12, new_block=new_block, space_before=gap,
                        indent=indent, fill=fill)

    (job,) = experience_entries([
        TextLine("IT Support & Systems Analyst, Raspberry Pi Foundation", size=12,
                 space_before=26, fill=0.7),
        TextLine("Mar, 2016 - May, 2017", size=10, space_before=14, fill=0.5),
        line("I joined the Foundation during a sustained period of growth, within a year",
             14, 0.99, indent=0),
        line("we went from roughly 20 employees to 120+.", 0.2, 0.5, False, indent=0),
        line("Migrating the existing hosted exchange and file storage to the Google", 7.7,
             0.96),
        line("suite of applications.", 0.2, 0.29, False),
        line("Working with different teams to identify workflows and establish IT", 0.2,
             0.98),
        line("systems that remove mundane processes.", 0.2, 0.52, False),
    ], pdf=True)
    assert (job.title, job.company, job.start) == (
        "IT Support & Systems Analyst", "Raspberry Pi Foundation", "2016-03")
    assert [b.text for b in job.bullets] == [
        "I joined the Foundation during a sustained period of growth, within a year we "
        "went from roughly 20 employees to 120+.",
        "Migrating the existing hosted exchange and file storage to the Google suite of "
        "applications.",
        "Working with different teams to identify workflows and establish IT systems that "
        "remove mundane processes."]


def test_a_role_opening_with_a_lowercase_name_well_below_an_item_is_a_role():
    # elegant: "iOS and Android Software Engineer, ..." 26 pt under the last highlight of
    # the role before, which ends without a full stop.
    def line(text: str, gap: float, fill: float, indent: float, size=12.0,
             bold=False) -> TextLine:
        return TextLine(text, size=size, bold=bold, space_before=gap, indent=indent,
                        fill=fill)

    jobs = experience_entries([
        line("iOS Software Engineer, Lanit-Tercom", 35, 0.52, 86, bold=True),
        line("Sep, 2010 - May, 2011", 14, 0.43, 86, 10),
        line("Hunting pro - iOS app for patterning a shotgun", 7.7, 0.65, 116),
        line("Recorder app - iOS voice recording app with speex codec support", 0.2, 0.82,
             116),
        line("iOS and Android Software Engineer, FoodMap LLC", 26.5, 0.79, 86,
             bold=True),
        line("May, 2011 - Jun, 2012", 14, 0.48, 86, 10),
        line("Menutka - iOS and Android app for spotting nearest cafes", 7.7, 0.93, 116),
    ], pdf=True)
    assert [(j.company, j.start) for j in jobs] == [
        ("Lanit-Tercom", "2010-09"), ("FoodMap LLC", "2011-05")]
    assert [b.text for b in jobs[0].bullets] == [
        "Hunting pro - iOS app for patterning a shotgun",
        "Recorder app - iOS voice recording app with speex codec support"]


def test_a_numbered_labelled_row_among_a_jobs_lines_gives_its_company():
    (job,) = jobs_in_text(
        "Designation: Senior Software Engineer", "Duration: Jan 2019 - Dec 2021",
        "• Designed the billing platform used by forty merchants across Europe",
        "1. Employer: Northwind Traders, Seattle, WA",
        "• Mentored four junior engineers and ran the weekly reviews")
    assert (job.title, job.company, job.location, job.start) == (
        "Senior Software Engineer", "Northwind Traders", "Seattle, WA", "2019-01")
    assert len(job.bullets) == 2


def test_a_short_last_item_at_the_lists_spacing_is_no_header_of_the_next_role():
    # spartan: items 4.9 pt apart without glyphs or full stops; the next role's company
    # opens the next page.
    def line(text: str, gap: float, fill: float, bold=False, size=9.8, page=0) -> TextLine:
        return TextLine(text, size=size, bold=bold, new_block=True, space_before=gap,
                        fill=fill, page=page)

    jobs = experience_entries([
        line("BySide", 8, 0.06, True, 12),
        line("May 2017 - September 2018", 1.4, 0.21, True),
        line("Full-stack Web Developer", 14.6, 0.16, True),
        line("Worked on Webcare, the main product, in its third and fourth versions.", 13.8,
             0.7),
        line("Created unit and integration tests", 13.9, 0.25),
        line("First time developing in React", 4.9, 0.22),
        line("Blip", 0, 0.04, True, 12, page=1),
        line("September 2016 - May 2017", 1.4, 0.22, True, page=1),
        line("Front-end Developer", 14.6, 0.17, True, page=1),
    ], pdf=True)
    assert [(j.title, j.company, j.start) for j in jobs] == [
        ("Full-stack Web Developer", "BySide", "2017-05"),
        ("Front-end Developer", "Blip", "2016-09")]
    assert [b.text for b in jobs[0].bullets][-2:] == [
        "Created unit and integration tests", "First time developing in React"]


def test_a_comma_inside_a_titles_brackets_does_not_cut_it_from_the_company():
    (job,) = jobs_in_text("Backend Engineer (Freelance, Part-time), Daylight\tFeb 2024 - May 2025",
                          "• Built collectors that turn onchain data into recommendations",
                          "• Created maintainable, well-tested code for platform reliability")
    assert (job.title, job.company, job.start) == (
        "Backend Engineer (Freelance, Part-time)", "Daylight", "2024-02")


def test_what_the_role_was_under_its_dates_under_title_and_company():
    # elegant: "Title, Company", the dates on a line of their own, then a line saying
    # what the role was, then the highlights.
    def line(text: str, gap: float, size=12.0, indent=86.0, bold=False) -> TextLine:
        return TextLine(text, size=size, bold=bold, space_before=gap, indent=indent,
                        fill=0.5)

    jobs = experience_entries([
        line("Developer, Synbioz", 34),
        line("Oct, 2014 - Present", 14, 10),
        line("Frontend (Ember, React) and Ruby (Rails)", 12.6),
        line("CTO and co-founder, Axiome", 34, bold=True),
        line("Oct, 2014 - Feb, 2016", 14, 10),
        line("Frontend dev of Metod", 12.6),
        line("Development of a project management webapp: www.metod.io", 7.7, indent=116),
    ], pdf=True)
    assert [(j.title, j.company, j.start) for j in jobs] == [
        ("Developer", "Synbioz", "2014-10"), ("CTO and co-founder", "Axiome", "2014-10")]
    assert [b.text for b in jobs[0].bullets] == ["Frontend (Ember, React) and Ruby (Rails)"]


def test_a_plain_line_under_a_full_header_stays_with_it_when_the_next_company_opens():
    # spartan printed by wkhtmltopdf: company (bold 9.2 pt), dates and title (bold
    # 7.5 pt), the company's address, then what the role was in plain text ("SDE at AWS
    # Marketing", a title-at-company form), then the next company.
    def line(text: str, gap: float, bold=False, size=7.5, indent=0.0) -> TextLine:
        return TextLine(text, size=size, bold=bold, space_before=gap, indent=indent,
                        fill=0.3)

    jobs = experience_entries([
        line("Amazon", 5, True, 9.2),
        line("February 2019 - Present", 0.7, True),
        line("Software Developer Engineer", 10, True),
        line("https://aws.amazon.com", 2.8, indent=13.6),
        line("SDE at AWS Marketing", 10),
        line("State Auto", 38, True, 9.2),
        line("May 2017 - August 2017", 0.7, True),
        line("Intern in Strategic Research", 10, True),
        line("Worked on a chatbot interface for the support agents of every branch office",
             10),
    ], pdf=True)
    assert [(j.title, j.company, j.start) for j in jobs] == [
        ("Software Developer Engineer", "Amazon", "2019-02"),
        ("Intern in Strategic Research", "State Auto", "2017-05")]
    assert "SDE at AWS Marketing" in [b.text for b in jobs[0].bullets]


def test_a_company_named_in_lowercase_a_paragraphs_gap_under_a_sentence_starts_a_role():
    # slick: the company (14 pt) over the title, the dates and its web address.
    def line(text: str, gap: float, size=12.0, new_block=True, fill=0.3) -> TextLine:
        return TextLine(text, size=size, new_block=new_block, space_before=gap, fill=fill)

    jobs = experience_entries([
        line("Ecosia", 22, 14), line("Web Developer", 17.7), line("Nov 2016 - May 2018", 7.3),
        line("With a focus on the frontend I was working on all facets of a search engine",
             15, fill=0.95),
        line("built around the Bing API with a modern build pipeline.", 3.1, new_block=False,
             fill=0.6),
        line("tracdelight", 15.5, 14), line("Head of Frontend Development", 17.7),
        line("Jan 2015 - Oct 2016", 7.3),
    ], pdf=True)
    assert [(j.title, j.company, j.start) for j in jobs] == [
        ("Web Developer", "Ecosia", "2016-11"),
        ("Head of Frontend Development", "tracdelight", "2015-01")]


def test_items_indented_under_a_description_after_a_page_break_in_the_header():
    # elegant: the role's first line at the foot of a page (with its own left edge), its
    # dates and description on the next, then short items indented past them.
    def line(text: str, gap: float, indent: float, page: int = 1, size=12.0) -> TextLine:
        return TextLine(text, size=size, space_before=gap, indent=indent, page=page,
                        fill=0.4)

    jobs = experience_entries([
        line(".Net Developer, Infopulse", 26.5, 86.2, page=0),
        line("Dec, 2014 - Dec, 2015", 0, 30, size=10),
        line("Human resources management system for a huge transcontinental corporation.",
             12.6, 30),
        line("Development", 7.7, 60), line("Performance improvements", 0.2, 60),
        line("Custom reporting", 0.2, 60),
        line(".Net Developer, Globallogic", 26.5, 30),
        line("Dec, 2013 - Dec, 2014", 14, 30, size=10),
    ], pdf=True)
    assert [(j.title, j.company, j.start) for j in jobs] == [
        (".Net Developer", "Infopulse", "2014-12"), (".Net Developer", "Globallogic", "2013-12")]
    assert [b.text for b in jobs[0].bullets][1:] == [
        "Development", "Performance improvements", "Custom reporting"]


def test_a_title_cut_only_by_its_dash_stays_whole_where_the_section_names_companies_under():
    # Jake's resume: the title in bold with the dates, the company under it; a title with
    # its team after a dash or a comma reads as "Company - Title" on its own.
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("IAAS Network - Senior DevOps Engineer\tJan 2021 - Present", 0, 10.5, True),
        ("Contoso Shared Service B.V.", 0, 10, False),
        ("• Automated the network changes", 0, 10, False),
        ("Software Architect, MobileMD\tMay 2018 - Jan 2021", 0, 10.5, True),
        ("Cerner", 0, 10, False),
        ("• Designed the mobile platform", 0, 10, False),
        ("Data Engineer\tAug 2015 - May 2018", 0, 10.5, True),
        ("Fabrikam Inc.", 0, 10, False),
        ("• Kept the pipelines green", 0, 10, False),
    ])
    assert [(e.title, e.company, e.start, [b.text for b in e.bullets])
            for e in resume.experience] == [
        ("IAAS Network - Senior DevOps Engineer", "Contoso Shared Service B.V.", "2021-01",
         ["Automated the network changes"]),
        ("Software Architect, MobileMD", "Cerner", "2018-05", ["Designed the mobile platform"]),
        ("Data Engineer", "Fabrikam Inc.", "2015-08", ["Kept the pipelines green"])]


def test_a_line_under_a_dated_title_and_company_is_its_text_where_the_section_sets_none():
    # One role with a short line under "Company, Title ⇥ dates" is no layout of
    # companies under titles: the line says what the role was.
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Contoso, Web Developer\tFeb 2019 - Dec 2020", 0, 10, True),
        ("Television Browser Platform", 0, 10, False),
        ("• Wrote the rendering layer", 0, 10, False),
        ("Northwind, Senior Developer\tJan 2021 - Mar 2023", 0, 10, True),
        ("• Cut the monthly close from five days to one", 0, 10, False),
    ])
    assert [(e.title, e.company) for e in resume.experience] == [
        ("Web Developer", "Contoso"), ("Senior Developer", "Northwind")]
    assert resume.experience[0].bullets[0].text == "Television Browser Platform"


DEJAVU = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"  # fonts-dejavu-core: en and em dashes
DEJAVU_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def spaced_pdf(lines: list[tuple[str, float, bool, float]]) -> bytes:
    """A one-page PDF of (text, size, bold, gap above) lines in DejaVu Sans, which has the
    dashes the base-14 fonts print as dots."""
    document = pymupdf.open()
    page = document.new_page()
    y = 60.0
    for text, size, bold, gap in lines:
        y += size * 1.25 + gap
        page.insert_text((LEFT, y), text, fontsize=size, fontname="dvb" if bold else "dv",
                         fontfile=DEJAVU_BOLD if bold else DEJAVU)
    data = document.tobytes()
    document.close()
    return data


def test_google_docs_company_place_dash_title_over_capital_dates():
    # Google Docs' resume templates: "Company, Place — Title", the dates in capitals under
    # it; a line of three commas or eleven words is still the heading, not a sentence.
    lines = [("Anna Example", 18, True, 0), ("anna@example.com | +1 555 010 2030", 10, False, 4),
             ("EXPERIENCE", 13, True, 12)]
    for header, dates, bullet in (
            ("Shrug PW Consulting, Bedford, MA — Owner, Principal Consultant", "2025 – PRESENT",
             "• Architected bare metal infrastructure for clients"),
            ("Injective, Remote — Frontend Engineer (Full-time)", "MAY 2021 – DEC 2024",
             "• Built the trading front end"),
            ("KAYAK Software Corporation, Concord, MA — DevOps Engineer, Senior Network "
             "Engineer", "2015 – 2021", "• Managed production networks across two data centers."),
            ("Neat, Hong Kong / UK (Remote) — Software Engineer", "MAY 2013 – MAY 2014",
             "• Built the registration system"),
            ("Crio.Do, Bangalore, India — Software Engineer - Intern", "JUN 2012 – JUL 2012",
             "• Wrote the grading service"),
            ("Edugo.ai, Remote - Shanghai, China — Software Engineer Intern",
             "NOV 2010 – APR 2011", "• Led the development of a patent proposal")):
        lines += [(header, 10.5, False, 10), (dates, 9, False, 1), (bullet, 10.5, False, 2)]
    resume = parse_document(extract_document(spaced_pdf(lines), filename="resume.pdf"))
    assert [(e.title, e.company, e.location, e.start, e.end, len(e.bullets))
            for e in resume.experience] == [
        ("Owner, Principal Consultant", "Shrug PW Consulting", "Bedford, MA", "2025",
         "present", 1),
        ("Frontend Engineer (Full-time)", "Injective", "Remote", "2021-05", "2024-12", 1),
        ("DevOps Engineer, Senior Network Engineer", "KAYAK Software Corporation",
         "Concord, MA", "2015", "2021", 1),
        ("Software Engineer", "Neat", "Hong Kong / UK (Remote)", "2013-05", "2014-05", 1),
        ("Software Engineer - Intern", "Crio.Do", "Bangalore, India", "2012-06", "2012-07", 1),
        ("Software Engineer Intern", "Edugo.ai", "Shanghai, China", "2010-11", "2011-04", 1)]


def test_an_en_dash_sets_title_and_company_apart_where_a_hyphen_joins_the_name():
    lines = [("Anna Example", 18, True, 0), ("anna@example.com | +1 555 010 2030", 10, False, 4),
             ("EXPERIENCE", 13, True, 12),
             ("DevExpress - Infrastructure Team – Fullstack Software Engineer", 10.5, True, 10),
             ("Nov 2017 – Sep 2018", 9, False, 1),
             ("• Built the release pipeline for the spreadsheet component", 10.5, False, 2),
             ("• Moved the team's builds to containers and cut their time by half", 10.5, False, 2)]
    resume = parse_document(extract_document(spaced_pdf(lines), filename="resume.pdf"))
    (job,) = resume.experience
    assert (job.title, job.company) == ("Fullstack Software Engineer",
                                        "DevExpress - Infrastructure Team")


def test_a_list_line_over_bold_dates_opening_the_next_role_stays_the_roles_text():
    # spartan printed by wkhtmltopdf: the next role of the same company opens with its
    # dates in bold; the list line above them is no heading, nor that role's company.
    lines = [("Anna Example", 18, True, 0), ("anna@example.com | +1 555 010 2030", 10, False, 4),
             ("EXPERIENCE", 13, True, 12),
             ("July 2019 - March 2022", 10.5, True, 10), ("Lead Software Engineer", 10.5, True, 6),
             ("Renaissance Learning", 10.5, True, 6),
             ("Frontend - HTML/CSS, JSP, JavaScript (ES6, webpack, babel and jQuery), Jest.",
              10, False, 6),
             ("Infrastructure/Other - AWS (EC2, S3, RDS, ElasticBeanstalk), New Relic",
              10, False, 6),
             ("June 2015 - March 2017", 10.5, True, 10), ("Software Engineer", 10.5, True, 6),
             ("Backend - Java, Spring, Groovy/Spock, Microsoft SQL Server", 10, False, 6)]
    resume = parse_document(extract_document(spaced_pdf(lines), filename="resume.pdf"))
    first, second = resume.experience
    assert [b.text for b in first.bullets] == [
        "Frontend - HTML/CSS, JSP, JavaScript (ES6, webpack, babel and jQuery), Jest.",
        "Infrastructure/Other - AWS (EC2, S3, RDS, ElasticBeanstalk), New Relic"]
    assert (second.title, second.start) == ("Software Engineer", "2015-06")
    assert second.company is None or "AWS" not in second.company


def test_a_page_label_between_a_roles_lines_is_no_line_of_the_role():
    # LinkedIn's profile PDF prints "Page 1 of 4" under each page, between a role's lines
    # in reading order; it must not reach the tailored resume as a bullet.
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Innoplexus Consulting Pvt. Ltd.", 0, 10.5, True),
        ("Vice President - User Experience", 0, 10, False),
        ("September 2015 - June 2016", 0, 9.5, False),
        ("• Define and implement a standardized design process", 0, 9.5, False),
        ("Page 1 of 4", 0, 8, False),
        ("• Act as an evangelist for the User Experience discipline", 0, 9.5, False),
        ("Page 2", 0, 8, False),
    ])
    (job,) = resume.experience
    assert [b.text for b in job.bullets] == [
        "Define and implement a standardized design process",
        "Act as an evangelist for the User Experience discipline"]
    assert "Page" not in resume.to_text()


def test_a_score_out_of_a_hundred_is_no_page_label():
    from engine.parse.lossless import is_page_label
    assert [t for t in ("Page 1 of 4", "Page 2", "2 of 4", "PAGE 3/4", "117/300", "3",
                        "12 of 300 people") if is_page_label(t)] == [
        "Page 1 of 4", "Page 2", "2 of 4", "PAGE 3/4"]


def test_a_plain_name_under_a_bold_dated_title_over_indented_items_is_the_company():
    # straightforward: the role's items indented under the company's name, which must not
    # pass for a label ("Highlights") the items hang under.
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("IAAS Network - Senior DevOps Engineer\tJan 2021 - Present", 0, 12, True),
        ("Contoso Business Services", 0, 11, False),
        ("Automated the changes to the network", 15, 11, False),
        ("Squad Network Stack - DevOps Engineer\tMay 2018 - Jan 2021", 0, 12, True),
        ("Fabrikam Tech Poland", 0, 11, False),
        ("Supported the delegate of the Network Product Owner.", 15, 11, False),
        ("Managed the experience of a foreign customer.", 15, 11, False),
    ])
    assert [(e.title, e.company, e.start, len(e.bullets)) for e in resume.experience] == [
        ("IAAS Network - Senior DevOps Engineer", "Contoso Business Services", "2021-01", 1),
        ("Squad Network Stack - DevOps Engineer", "Fabrikam Tech Poland", "2018-05", 2)]


def test_the_company_under_a_roles_length_under_a_cut_title_is_the_company():
    # lucide: "dates ⇥ Title - Team", the role's length ("1 an"), then the company.
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Janv. 2015 - Janv. 2016\tVice President - User Experience", 0, 12, False),
        ("1 an", 0, 8.5, False),
        ("Contoso Consulting Pvt. Ltd.", 0, 8.5, False),
        ("• Hired and trained the design team", 0, 8.5, False),
        ("Janv. 2009 - Janv. 2010\tManager - User Experience", 0, 12, False),
        ("1 an", 0, 8.5, False),
        ("Fabrikam Software Pvt. Ltd.", 0, 8.5, False),
        ("• Built the experience strategy", 0, 8.5, False),
    ])
    assert [(e.title, e.company, e.start) for e in resume.experience] == [
        ("Vice President - User Experience", "Contoso Consulting Pvt. Ltd.", "2015-01"),
        ("Manager - User Experience", "Fabrikam Software Pvt. Ltd.", "2009-01")]


def test_short_plain_lines_of_a_linkedin_roles_text_are_no_roles():
    # LinkedIn's profile PDF sets each role as the company in bold and larger, the title,
    # its dates and then the text as short paragraphs without glyphs, wider apart than a
    # list's lines ("Development", "Performance benchmarking"): plain lines in the text's
    # size are the role's, not the next role's header.
    points = {
        ("Ciklum", "Senior .Net Developer", "Jan 2016 – Present (10 years 11 months)"): [
            "Retail management system for a wine distributor.", "Development",
            "Technical review of existing solution, refactoring", "Performance benchmarking",
            "Continuous deployment automation"],
        ("Infopulse", ".Net Developer", "Dec 2014 – Dec 2015 (1 year 1 month)"): [
            "Human resources management system for a huge corporation.", "Development",
            "Architectural decisions", "Vice Lead"],
        ("Globallogic", ".Net Developer", "Dec 2013 – Dec 2014 (1 year 1 month)"): [
            "Complex backup and recovery solutions for home needs.", "Development",
            "Profiling", "Infrastructure re-configuration"]}
    lines = [("Andrii Example", 18, False, 0), ("andrii@example.com", 9.5, False, 4),
             ("Experience", 14, False, 12)]
    for (company, title, dates), text in points.items():
        lines += [(company, 10.9, True, 10), (title, 10, False, 1), (dates, 9.5, False, 1)]
        lines += [(line, 9.5, False, 7) for line in text]
    resume = parse_document(extract_document(spaced_pdf(lines), filename="resume.pdf"))
    assert [(job.company, job.title) for job in resume.experience] == [
        (company, title) for company, title, _ in points]
    assert [[b.text for b in job.bullets] for job in resume.experience] == list(
        points.values())


def test_a_title_in_lowercase_under_a_bold_larger_company_is_no_wrapped_end_of_it():
    # LinkedIn's profile PDF: "Lanit-Tercom" in bold over "iOS Software Engineer" in the
    # same paragraph; a line opening in lowercase goes on with the line above only in
    # that line's weight and size.
    lines = [("Andrey Example", 18, False, 0), ("andrey@example.com", 9.5, False, 4),
             ("Experience", 14, False, 12)]
    roles = [("Lanit-Tercom", "iOS Software Engineer", "Sep 2010 – May 2011 (9 months)"),
             ("FoodMap LLC", "iOS and Android Software Engineer, Co-founder",
              "May 2011 – Jun 2012 (1 year 2 months)")]
    for company, title, dates in roles:
        lines += [(company, 10.9, True, 10), (title, 10, False, 1), (dates, 9.5, False, 1),
                  ("(Saint-Petersburg, Russia)", 9.5, False, 1),
                  ("Hunting pro - iOS app for patterning a shotgun", 9.5, False, 7)]
    resume = parse_document(extract_document(spaced_pdf(lines), filename="resume.pdf"))
    assert [(job.company, job.title, job.location) for job in resume.experience] == [
        (company, title, "Saint-Petersburg, Russia") for company, title, _ in roles]


def test_a_highlights_second_sentence_in_its_paragraph_is_no_item_of_its_own():
    # LinkedIn's profile PDF sets each highlight as a paragraph, wider apart than its
    # lines: a line at the paragraph's line spacing goes on with it after a full stop.
    lines = [("Anna Example", 18, False, 0), ("anna@example.com", 9.5, False, 4),
             ("Experience", 14, False, 12), ("X Development", 10.9, True, 10),
             ("Operational Data Analyst", 10, False, 1),
             ("Mar 2021 – Jun 2023 (2 years 4 months)", 9.5, False, 1),
             ("Started in operations shipping boxes for the prototype fleet.", 9.5, False, 7),
             ("Python pipeline comparing sensor measurements against ground truth.", 9.5,
              False, 7),
             ("Automated report generation improved QA throughput 30%", 9.5, False, 1.5),
             ("ETL pipeline integrating the asset system into a relational database", 9.5,
              False, 7)]
    resume = parse_document(extract_document(spaced_pdf(lines), filename="resume.pdf"))
    (job,) = resume.experience
    assert [b.text for b in job.bullets] == [
        "Started in operations shipping boxes for the prototype fleet.",
        "Python pipeline comparing sensor measurements against ground truth. Automated "
        "report generation improved QA throughput 30%",
        "ETL pipeline integrating the asset system into a relational database"]


def test_a_town_of_any_size_after_the_company_is_its_place():
    # Google Docs' template: "Company, Place – Title"; Portsmouth is no city the hand-kept
    # places name, but one of the cities of 100,000 people (engine/data/cities.txt).
    (job,) = jobs_in_text(
        "Transalis, Portsmouth – Software Developer",
        "JUL 2019 – OCT 2020",
        "• Integrated new EDI customers with existing solutions and wrote bespoke ones",
        "• Developed fullstack web applications for the business staff to handle orders")
    assert (job.title, job.company, job.location) == (
        "Software Developer", "Transalis", "Portsmouth")


def test_a_company_printed_against_its_city_gives_the_city_to_the_place():
    # wkhtmltopdf's lucide: the gap between the company and its place is lost.
    first, second = jobs_in_text(
        "Staff Software Engineer\tSept. 2023 - Present",
        "Mechanical Orchard San Francisco, CA",
        "• Pioneered AI agent orchestration for Kubernetes automation",
        "Senior Developer\tAug 2003 - Apr 2007",
        "Lucid Communications London, UK",
        "• Built the content management system of three newspapers")
    assert [(j.company, j.location) for j in (first, second)] == [
        ("Mechanical Orchard", "San Francisco, CA"), ("Lucid Communications", "London, UK")]


def test_a_place_named_from_a_city_with_north_or_east_is_one_place():
    # "North Hollywood" ends on a city: its "North" belongs to the place, not the title.
    first, second = jobs_in_text(
        "Disney Interactive Media Group\tJanuary 2008 - Present",
        "Sr. Web Developer, North Hollywood, CA",
        "• Facilitate the localization of websites for international markets",
        "Developer\t2004 - 2007",
        "Initech Solutions West London, UK",  # the gap before the place lost, as in lucide
        "• Built the billing system of a regional telephone company")
    assert [(j.title, j.company, j.location) for j in (first, second)] == [
        ("Sr. Web Developer", "Disney Interactive Media Group", "North Hollywood, CA"),
        ("Developer", "Initech Solutions", "West London, UK")]


def test_a_city_after_a_joining_word_stays_in_the_company():
    (job,) = jobs_in_text(
        "Analyst\tJan 2015 - Dec 2016",
        "Bank of New York, NY",
        "• Reconciled the accounts of the custody clients every day and every month",
        "• Reported the differences to the operations team and traced their causes")
    assert (job.company, job.location) == ("Bank of New York", "NY")


def test_a_town_before_a_school_districts_name_does_not_make_it_a_place():
    (job,) = jobs_in_text(
        "Teacher (1st & 3rd Grade), San Francisco, San Francisco Unified School District, "
        "2015-Present",
        "• Developed & implemented 2 curricula: A Self Awareness Program & a Linguistic Program",
        "• Developed & led workshops for teachers to make games and learning centers")
    assert job.location is None
    assert job.company.endswith("San Francisco Unified School District")


def test_dates_then_the_company_as_the_title():
    # Indian CVs: "Jun'17 – Aug'18 with Acme Solar Pvt. Ltd., Bidar as a Site Manager".
    first, second = jobs_in_text(
        "Jun'17 – Aug'18 with Acme Solar Pvt. Ltd., Bidar (Karnataka) as a Site Manager",
        "• Leading and monitoring the electrical operations and maintenance activities",
        "• Administering the site selection, survey and project documentation",
        "Dec'11 – May'16 with Waaree Energies Ltd. As an Asst. Manager.",
        "• Commissioned a 50 MW plant with its management at Pavagada")
    assert [(j.title, j.company, j.start, j.end) for j in (first, second)] == [
        ("Site Manager", "Acme Solar Pvt. Ltd.", "2017-06", "2018-08"),
        ("Asst. Manager", "Waaree Energies Ltd.", "2011-12", "2016-05")]


def test_two_dates_stacked_in_the_left_column_are_one_roles_range():
    # A classic Word layout: the end over the start, the company's line then the title's.
    first, second = jobs_in_text(
        "Sept. 2000\tMIT eBUSINESS AWARDS 2001 (www.mitawards.org)\tBOSTON, MA",
        "April. 2000\tExecutive Producer",
        "• Created the most sought after award ceremony of the school",
        "Aug. 2000\tI-GROUP / HOT BANK (www.i-group.com)\tBOSTON, MA",
        "May. 2000\tAssociate",
        "• Researched the fiber optic industry and sourced early stage deals")
    assert [(j.title, j.company, j.location, j.start, j.end) for j in (first, second)] == [
        ("Executive Producer", "MIT eBUSINESS AWARDS 2001", "BOSTON, MA", "2000-04", "2000-09"),
        ("Associate", "I-GROUP / HOT BANK", "BOSTON, MA", "2000-05", "2000-08")]


def test_plain_short_items_a_gap_under_a_dated_header_are_the_roles_items():
    # compact: the company, the title in italics and the dates close together, then the
    # role's highlights as plain short lines a gap below, no glyph; a role may have none.
    document = pymupdf.open()
    page = document.new_page()

    def put(y: float, text: str, size: float = 9, font: str = "tiro") -> None:
        page.insert_text((LEFT, y), text, fontsize=size, fontname=font)

    put(60, "Anna Example", 18, "tibo")
    put(76, "anna@example.com | +1 555 010 2030")
    put(110, "Experience", 13, "tibo")
    y = 135.0
    roles = [("EPI Prosecco", "M1 Internship", "Feb 2025 - Jul 2025",
              ["Proof automation with Aeneas", "Lean specification of SHA3",
               "Verification of SHA3 Rust implementation"]),
             ("Bending Spoons", "Backend Software Engineer", "Nov 2023 - Aug 2024",
              ["Data pipelines", "Infrastructure", "Monitoring", "DevOps"]),
             ("2022 ICPC Europe Training Camp", "Participant", "Oct 2022 - Oct 2022", []),
             ("World Scout Jamboree", "International Service Team Volunteer",
              "Jul 2019 - Aug 2019", ["Member of the Wood, Ropes and Spar team"])]
    for company, title, dates, items in roles:
        put(y, company, 10.5)
        put(y + 12, title, 9, "tiit")
        put(y + 23, dates)
        y += 23
        for index, item in enumerate(items):
            put(y + (20 if index == 0 else 11), item)
            y += 20 if index == 0 else 11
        y += 25
    data = document.tobytes()
    document.close()
    resume = parse_document(extract_document(data, filename="resume.pdf"))
    assert [(e.company, e.title, e.start, [b.text for b in e.bullets])
            for e in resume.experience] == [
        (company, title, find_period(dates).start, items)
        for company, title, dates, items in roles]


def test_a_roles_one_line_of_text_before_the_next_header_in_cells_is_its_text():
    # spartacus, as extracted: "Company ⇥ Title", the dates flush right under the title,
    # then one line of text, which may read like a role ("SDE at AWS Marketing").
    def line(text: str, indent: float, gap: float, new_block: bool = True) -> TextLine:
        return TextLine(text, size=10.5, new_block=new_block, space_before=gap,
                        indent=indent, fill=0.9 if indent else 0.5)

    roles = [("Amazon", "Software Developer Engineer", "Feb 2019 - Present",
              "SDE at AWS Marketing"),
             ("State Auto", "Intern in Strategic Research", "May 2017 - Aug 2017",
              "Worked on a chatbot interface for support agents"),
             ("Independent Contractor", "Developer", "Mar 2017 - Jun 2017",
              "Built a WebVR experience for a resort")]
    lines = [line(text, indent, gap, new_block)
             for company, title, dates, text in roles
             for text, indent, gap, new_block in ((f"{company}\t{title}", 0, 8.6, True),
                                                  (dates, 265, 2.1, True),
                                                  (text, 0, 3.4, False))]
    assert [(e.company, e.title, e.start, [b.text for b in e.bullets])
            for e in experience_entries(lines, pdf=True)] == [
        (company, title, find_period(dates).start, [text])
        for company, title, dates, text in roles]


def test_a_title_a_gap_under_the_company_and_its_dates_is_no_item():
    # rocketspacer: the company, its dates, then a gap and the title, then the text.
    def line(text: str, size: float, gap: float) -> TextLine:
        return TextLine(text, size=size, space_before=gap, fill=0.3)

    lines = [line("Injective", 7.5, 0.0), line("May 2025 – Now", 6.9, 5.1),
             line("Frontend Engineer (Full-time)", 6.9, 10.4),
             line("Frontend development across the company's ecosystem of exchanges.", 6.9, 5.8),
             line("Daylight", 7.5, 29.5), line("February 2024 – May 2025", 6.9, 5.1),
             line("Backend Engineer (Freelance, Part-time)", 6.9, 10.4),
             line("Backend development of the recommendation engine for wallets.", 6.9, 5.8)]
    assert [(e.company, e.title, e.start) for e in experience_entries(lines, pdf=True)] == [
        ("Injective", "Frontend Engineer (Full-time)", "2025-05"),
        ("Daylight", "Backend Engineer (Freelance, Part-time)", "2024-02")]


def test_a_company_and_its_range_wrapped_at_once_are_made_whole():
    # minyma: a long company name and its range each wrap in their cells at one line.
    lines = [TextLine("• Audacious Inquiry - A PointClickCare\t2016-12-01 -", size=15,
                      bold=True, indent=6.4),
             TextLine("Company\tpresent", size=15, bold=True, new_block=False, indent=18),
             TextLine("Solutions Architect (Federal & Strategic Advisory)", size=13.5,
                      indent=18),
             TextLine("• Built the immunization gateway's transformation service.", size=12,
                      indent=18)]
    assert [(e.company, e.title, e.start, e.end) for e in experience_entries(lines, pdf=True)] \
        == [("Audacious Inquiry - A PointClickCare Company",
             "Solutions Architect (Federal & Strategic Advisory)", "2016-12", "present")]


def test_short_items_indented_under_a_roles_text_are_its_items():
    # paper-plus-plus (as extracted): "dates ⇥ Title at Company" in bold but for "at",
    # the role's text under the title, then its items indented under that text, without
    # glyphs, however short.
    def header(dates: str, title: str, company: str) -> TextLine:
        return TextLine(f"{dates}\t{title} at {company}", size=8.4, bold=True, indent=10.4,
                        space_before=13.2, fill=0.51, runs=(f"{dates} {title}", "at", company),
                        runs_bold=(True, False, True))

    def text(words: str, indent: float, new_block: bool, gap: float) -> TextLine:
        return TextLine(words, size=8.4, indent=indent, new_block=new_block,
                        space_before=gap, fill=0.5)

    roles = [("2016-01-15 to Present", "Senior .Net Developer", "Ciklum",
              "Retail management system for a wine distributor.",
              ["Development", "Technical review of existing solution, refactoring",
               "Performance benchmarking", "Continuous deployment automation"]),
             ("2014-12-15 to 2015-12-26", ".Net Developer", "Infopulse",
              "Human resources management system for a transcontinental corporation.",
              ["Development", "Performance improvements", "Custom reporting"])]
    lines = [line for dates, title, company, about, items in roles
             for line in (header(dates, title, company), text(about, 149.3, False, 0.2),
                          *(text(item, 164.7, True, 3.4) for item in items))]
    assert [(e.title, e.company, e.start, [b.text for b in e.bullets])
            for e in experience_entries(lines, pdf=True)] == [
        (title, company, find_period(dates).start, [about, *items])
        for dates, title, company, about, items in roles]


def test_a_bulleted_bold_company_closed_by_its_dates_heads_a_role():
    # minyma: "• Company ⇥ dates" in bold, the title under it; a long company name
    # stands so near its dates that no tab stop parts them.
    def line(text: str, bold: bool, size: float, indent: float) -> TextLine:
        return TextLine(text, size=size, bold=bold, indent=indent, space_before=20)

    lines = [line("• European GNSS Agency\t2016-05-01 - present", True, 15, 18),
             line("IT Support Technician", False, 13.5, 29.6),
             line("• Empresa de Electricidade da Madeira 2015-03-01 - present", True, 15, 18),
             line("IT Support Technician", False, 13.5, 29.6)]
    assert [(e.company, e.title, e.start) for e in experience_entries(lines, pdf=True)] == [
        ("European GNSS Agency", "IT Support Technician", "2016-05"),
        ("Empresa de Electricidade da Madeira", "IT Support Technician", "2015-03")]


def test_a_long_header_over_its_dates_flush_right_in_a_block_of_their_own_opens_a_role():
    # spartacus: "Company ⇥ Title" and the dates flush right under it, each line a block;
    # a company name too long for a tab stop runs into the title.
    def line(text: str, indent: float, gap: float) -> TextLine:
        return TextLine(text, size=10.5, indent=indent, space_before=gap, fill=0.9)

    lines = [line("Esri Canada\tDeveloper Support Consultant", 0, 9.9),
             line("Mar 2012 - Aug 2014", 255.9, 2.1),
             line("Member of the developer team in the technical support department.", 11.6, 4.7),
             line("Orion Technology, a Division of Rolta Canada Limited Senior GIS Developer",
                  0, 9.9),
             line("Aug 2010 - Sep 2011", 255.9, 2.1),
             line("Participated in the development of a client/server GIS application.", 11.6,
                  4.7)]
    jobs = experience_entries(lines, pdf=True)
    assert [(e.start, e.end, [b.text for b in e.bullets]) for e in jobs] == [
        ("2012-03", "2014-08", [lines[2].text]), ("2010-08", "2011-09", [lines[5].text])]
    assert jobs[1].company.startswith("Orion Technology")


def _onepage_role(header: str, address: str, text: str) -> list[TextLine]:
    """onepage: "Company, Title ⇥ dates" in bold, the role's web address under it, its
    text indented under both."""
    return [TextLine(header, size=9, bold=True, space_before=14.8, indent=81, fill=1.0,
                     runs=tuple(header.split("\t")), runs_bold=(True, False)),
            TextLine(address, size=9, new_block=False, space_before=2.8, indent=81,
                     fill=0.3),
            TextLine(text, size=9, space_before=7.3, indent=96, fill=0.8)]


def test_a_header_whose_dates_float_onto_its_web_address_line_heads_its_role():
    # A header too long for its dates leaves them beside the address under it.
    roles = experience_entries([
        *_onepage_role("Bason Computer, Chairperson\t2014-08 – Present", "http://esri.ca",
                       "Member of the developer team in technical support."),
        *_onepage_role("Toyota Motor Sales, Mechanical Designer\t2012-03 – 2014-08",
                       "http://toyota.example", "Designed parts for the assembly line."),
        *_onepage_role("Harvard Center for Biomedical Informatics (CBI), Application "
                       "Developer - SAP ABAP", "http://www.teachaway.com\t2012-04 – 2013-04",
                       "Copywriter and digital marketer for international audiences."),
    ], pdf=True)
    assert [(r.company, r.title, r.start, r.end) for r in roles] == [
        ("Bason Computer", "Chairperson", "2014-08", "present"),
        ("Toyota Motor Sales", "Mechanical Designer", "2012-03", "2014-08"),
        ("Harvard Center for Biomedical Informatics (CBI)", "Application Developer - SAP ABAP",
         "2012-04", "2013-04")]
    assert [b.text for b in roles[2].bullets][-1] == (
        "Copywriter and digital marketer for international audiences.")


def test_a_lone_header_without_title_words_is_cut_like_its_two_neighbours():
    # "Help Desk Support" holds no title word; the section's two other roles put the
    # company first, before a comma.
    roles = experience_entries([
        *_onepage_role("Bason Computer, Chairperson\t2014-08 – Present", "http://esri.ca",
                       "Member of the developer team in technical support."),
        *_onepage_role("Toyota Motor Sales, Mechanical Designer\t2012-03 – 2014-08",
                       "http://toyota.example", "Designed parts for the assembly line."),
        *_onepage_role("Twist Mobile India Pvt. Ltd., Help Desk Support\t2010-08 – 2011-09",
                       "http://www.rolta.com", "Answered the support line for field staff."),
    ], pdf=True)
    assert [(r.company, r.title) for r in roles] == [
        ("Bason Computer", "Chairperson"), ("Toyota Motor Sales", "Mechanical Designer"),
        ("Twist Mobile India Pvt. Ltd.", "Help Desk Support")]


def test_a_company_kind_wrapped_alone_onto_the_next_line_ends_the_company():
    # kendall: the company in bold, wrapped; then its dates and the title under them.
    def line(text: str, gap: float, size=13.7, bold=True, new_block=True) -> TextLine:
        return TextLine(text, size=size, bold=bold, new_block=new_block, space_before=gap,
                        fill=0.5)

    roles = experience_entries([
        line("Australian Charities and Not-for-profits", 26.5),
        line("Commission", 1.2, new_block=False),
        line("May 2012 – November 2017", 1.0, size=11.4, bold=False),
        line("Newsreader", 15.9),
        line("Read the evening news to the regional service.", 12, size=11.4, bold=False),
        line("Hillside Primary", 26.5),
        line("August 2009 – May 2012", 1.0, size=11.4, bold=False),
        line("Educator", 15.9),
        line("Taught the upper classes to read and write.", 12, size=11.4, bold=False),
    ], pdf=True)
    assert [(r.company, r.title, r.start) for r in roles] == [
        ("Australian Charities and Not-for-profits Commission", "Newsreader", "2012-05"),
        ("Hillside Primary", "Educator", "2009-08")]


def test_a_title_without_title_words_stands_where_the_sections_titles_stand():
    # macchiato: "Company ⇥ dates", what the company does, the title at the end of that
    # paragraph, then the role's summary; "Android Application Development" holds no
    # title word.
    def role(company: str, dates: str, what: str, title: str) -> list[TextLine]:
        return [TextLine(f"{company}\t{dates}", size=10.5, bold=True, space_before=11,
                         fill=1.0, runs=(company, dates), runs_bold=(True, False)),
                TextLine(what, size=9, space_before=0.1, fill=0.7),
                TextLine(title, size=9, new_block=False, space_before=0.4, fill=0.3),
                TextLine(f"At {company} I ran the team that ships the app.", size=8.2,
                         space_before=4.1, fill=0.6),
                TextLine("Shipped the release every other week with the team.", size=8.2,
                         space_before=7.3, indent=26, fill=0.8)]

    what = "{} is a leading provider of software to consumers and businesses alike."
    roles = experience_entries([
        *role("Perry Hill Swim Club", "08/2022 - Present", what.format("JupiterOne"),
              "Legal Director"),
        *role("Oracle Financial Services Software", "10/2021 - 08/2022",
              what.format("Skillz"), "Junior Varsity Football Coach"),
        *role("David Jones", "10/2016 - 10/2021", what.format("Malwarebytes"),
              "Android Application Development"),
    ], pdf=True)
    assert [(r.company, r.title) for r in roles] == [
        ("Perry Hill Swim Club", "Legal Director"),
        ("Oracle Financial Services Software", "Junior Varsity Football Coach"),
        ("David Jones", "Android Application Development")]
    assert [b.text for b in roles[2].bullets] == [
        what.format("Malwarebytes"), "At David Jones I ran the team that ships the app.",
        "Shipped the release every other week with the team."]


def test_a_bold_header_with_its_dates_under_an_items_wrapped_end_keeps_them():
    # stackoverflow: "Title at Company ⇥ dates" in bold, long enough to read like a
    # sentence, under the role above's last item wrapped onto one word.
    def item(text: str, gap: float, fill: float, new_block=True, indent=2.4) -> TextLine:
        return TextLine(text, size=10.5, new_block=new_block, space_before=gap,
                        indent=indent, fill=fill)

    def header(text: str) -> TextLine:
        return TextLine(text, size=12, bold=True, space_before=10.9, fill=1.0,
                        runs=tuple(text.split("\t")), runs_bold=(True, False))

    roles = experience_entries([
        header("Frontend Engineer at Momondo\tNov 2017 - Present"),
        item("• Replace an existing end-to-end testing platform with a faster and more "
             "reliable solution based on", 4.8, 0.9),
        item("WebdriverIO.", 1.8, 0.15, new_block=False, indent=13.6),
        header("SQL and SSIS developer/Sustain resource at Microsoft iGTSC\t"
               "Aug 2013 - Nov 2017"),
        item("• Maintain the contact center solution of a cloud communications company.",
             11.7, 0.9),
    ], pdf=True)
    assert [(r.title, r.company, r.start, r.end) for r in roles] == [
        ("Frontend Engineer", "Momondo", "2017-11", "present"),
        ("SQL and SSIS developer/Sustain resource", "Microsoft iGTSC", "2013-08", "2017-11")]
    assert [b.text for b in roles[0].bullets] == [
        "Replace an existing end-to-end testing platform with a faster and more reliable "
        "solution based on WebdriverIO."]


def test_a_work_mode_before_the_place_after_the_dates_is_the_roles_location():
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Software Engineer Intern, Northwind Traders", 0, 12, True),
        ("Nov 2020 - Apr 2021, Remote - Shanghai, China", 0, 10, False),
        ("Built the ordering service in Go.", 20, 10, False),
        ("Cloud Engineer, Contoso", 0, 12, True),
        ("Mar 2021 - Aug 2023, Hybrid", 0, 10, False),
        ("Ran the Kubernetes clusters.", 20, 10, False),
    ])
    assert [(e.title, e.company, e.location) for e in resume.experience] == [
        ("Software Engineer Intern", "Northwind Traders", "Remote - Shanghai, China"),
        ("Cloud Engineer", "Contoso", "Hybrid")]
