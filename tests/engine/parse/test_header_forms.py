"""How a role's header line names its title and company, drawn in code (tests.engine.
parse.test_entry_layouts.pdf_of) and parsed: the separators people put between the two,
the type alone, and a company on the line under the title's dates."""

from __future__ import annotations

import pymupdf
import pytest

from bench.header_probe import pdf_of
from engine.extract.documents import extract_document
from engine.parse.parser import parse_document
from engine.parse.contact import is_location
from engine.parse.roles import title_and_company
from tests.engine.parse.test_entry_layouts import LEFT, parsed


@pytest.mark.parametrize("first, second", [
    ("Northwind Traders (Senior Developer)", "Contoso (Backend Engineer)"),
    ("Northwind Traders: Senior Developer", "Contoso: Backend Engineer"),
    ("Senior Developer / Northwind Traders", "Backend Engineer / Contoso"),
])
def test_a_separator_between_title_and_company_cuts_them_apart(first, second):
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        (f"{first}\tJan 2019 - Present", 0, 10.5, False),
        ("Moved the billing to Python", 20, 10.5, False),
        (f"{second}\tMar 2015 - Dec 2018", 0, 10.5, False),
        ("Wrote the order service", 20, 10.5, False),
    ])
    assert [(e.title, e.company, e.start) for e in resume.experience] == [
        ("Senior Developer", "Northwind Traders", "2019-01"),
        ("Backend Engineer", "Contoso", "2015-03")]


@pytest.mark.parametrize("header", ["Engineer (Freelance, Part-time)", "Developer / Team Lead",
                                    "Geschäftsführer (Chief Operating Officer)"])
def test_a_title_qualified_in_brackets_or_by_a_slash_stays_whole(header):
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        (f"{header}\tJan 2019 - Present", 0, 10.5, False),
        ("Northwind Traders", 0, 10.5, False),
        ("Moved the billing service from PHP to Python and cut its bill by half", 20, 10.5, False),
        ("Wrote the order service and the tests that run it against a real queue", 20, 10.5, False),
    ])
    (job,) = resume.experience
    assert (job.title, job.company) == (header, "Northwind Traders")


def test_a_plain_name_under_a_dated_title_is_the_company_of_that_role():
    # The second role follows the first's header with no text between: its company,
    # over an indented list, was read as the list's label and dropped.
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Frontend Engineer\tMay 2025 - Present", 0, 10.5, False),
        ("Injective Labs", 0, 10.5, False),
        ("Backend Engineer\tFeb 2024 - May 2025", 0, 10.5, False),
        ("Daylight Energy", 0, 10.5, False),
        ("Built collectors of onchain data", 20, 10.5, False),
        ("Wrote the billing service", 20, 10.5, False),
    ])
    assert [(e.title, e.company, e.start) for e in resume.experience] == [
        ("Frontend Engineer", "Injective Labs", "2025-05"),
        ("Backend Engineer", "Daylight Energy", "2024-02")]
    assert [b.text for b in resume.experience[1].bullets] == [
        "Built collectors of onchain data", "Wrote the billing service"]


def test_a_one_word_name_under_a_dated_title_is_the_company_not_the_titles_end():
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Frontend Engineer\tMay 2025 - Present", 0, 10.5, False),
        ("Injective", 0, 10.5, False),
        ("Built the trading screens in React and TypeScript for two exchanges", 20, 10.5, False),
        ("Mobile Application\tJan 2014 - Dec 2015", 0, 10.5, False),
        ("Developer", 0, 10.5, False),
        ("Northwind Traders", 0, 10.5, False),
        ("Wrote the order service and the tests that run it against a real queue", 20, 10.5, False),
    ])
    assert [(e.title, e.company) for e in resume.experience] == [
        ("Frontend Engineer", "Injective"),
        ("Mobile Application Developer", "Northwind Traders")]


@pytest.mark.parametrize("header, title, company", [
    ("Projektleiter, Nykredit", "Projektleiter", "Nykredit"),
    ("Ingeniero, Globant", "Ingeniero", "Globant"),
    ("Développeur, Synbioz", "Développeur", "Synbioz"),
])
def test_titles_in_the_languages_the_parser_reads(header, title, company):
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        (f"{header}\tJan 2019 - Present", 0, 10.5, False),
        ("Moved the billing service from PHP to Python and cut its bill by half", 20, 10.5, False),
        ("Wrote the order service and the tests that run it against a real queue", 20, 10.5, False),
    ])
    (job,) = resume.experience
    assert (job.title, job.company) == (title, company)
    # (The drawn PDF's font has no Cyrillic: the field itself.)
    assert title_and_company(["Backend программист, Umbrellio"], False) == (
        "Backend программист", "Umbrellio")


def test_a_description_beside_the_roles_name_is_not_its_title():
    # crisp sets the role's summary in its header: more title words than the title.
    fields = ["BonusBox", "Developer",
              "Duties: building the product - backend programmer - desktop programmer"]
    assert title_and_company(fields, True) == ("Developer", "BonusBox")


def mixed_pdf(rows: list[list[tuple[str, str]]]) -> bytes:
    """A PDF of rows of (text, font) runs side by side on one baseline, a space apart;
    a run starting with a tab goes flush right (the dates)."""
    document = pymupdf.open()
    page = document.new_page()
    y = 60.0
    for row in rows:
        y += 16
        x = LEFT
        for text, font in row:
            if text.startswith("\t"):
                page.insert_text((420, y), text[1:], fontsize=10.5, fontname=font)
                continue
            page.insert_text((x, y), text, fontsize=10.5, fontname=font)
            x += pymupdf.get_text_length(text + " ", fontname=font, fontsize=10.5)
    data = document.tobytes()
    document.close()
    return data


def test_title_and_company_apart_by_type_alone():
    # "<b>Title</b> Company" and "<b>Company</b> <i>Title</i>": nothing but the type
    # tells the two apart; "<b>Title</b> at Company" is cut at its " at ".
    rows = [[("Anna Example", "hebo")], [("anna@example.com", "helv")], [("EXPERIENCE", "hebo")]]
    for first, second, dates in (
            (("Senior Developer", "hebo"), ("Northwind Traders", "helv"), "Jan 2019 - Present"),
            (("Contoso", "hebo"), ("Backend Engineer", "heit"), "Mar 2015 - Dec 2018"),
            (("Data Engineer", "hebo"), ("at Fabrikam", "helv"), "Jun 2012 - Feb 2015")):
        rows.append([first, second, ("\t" + dates, "helv")])
        rows.append([("• Moved the billing service from PHP to Python and halved its bill",
                      "helv")])
    resume = parse_document(extract_document(mixed_pdf(rows), filename="resume.pdf"))
    assert [(e.title, e.company, e.start) for e in resume.experience] == [
        ("Senior Developer", "Northwind Traders", "2019-01"),
        ("Backend Engineer", "Contoso", "2015-03"),
        ("Data Engineer", "Fabrikam", "2012-06")]


def test_a_header_wrapped_after_at_in_a_narrow_column_keeps_its_company():
    # A sidebar leaves the main column narrow: "Title at" over "Company", and the
    # next role's "Title" over "at Company".
    rows = [[("Anna Example", "hebo")], [("anna@example.com", "helv")], [("EXPERIENCE", "hebo")],
            [("Backend Engineer at", "hebo"), ("\tFeb 2024 - May 2025", "helv")],
            [("Daylight Energy", "helv")],
            [("• Moved the billing service from PHP to Python and halved its bill", "helv")],
            [("Data Engineer", "hebo"), ("\tJun 2012 - Jan 2024", "helv")],
            [("at Fabrikam Analytics", "helv")],
            [("• Wrote the order service and the tests that run it on a real queue", "helv")]]
    resume = parse_document(extract_document(mixed_pdf(rows), filename="resume.pdf"))
    assert [(e.title, e.company, e.start) for e in resume.experience] == [
        ("Backend Engineer", "Daylight Energy", "2024-02"),
        ("Data Engineer", "Fabrikam Analytics", "2012-06")]


# A resume's name, contact and experience heading, the markup a test's roles go under.
OPENING = "<h1>Anna Example</h1><p>anna@example.com</p><h2>Experience</h2>"


def cell_row(left: str, dates: str, width: float) -> str:
    """A header as a table row: ``left`` in a cell ``width`` points wide, where it may
    wrap, the dates flush right beside it (set by bench.header_probe.pdf_of)."""
    return (f'<table><tr><td style="width:{width}pt;padding-right:14pt">{left}</td>'
            f'<td style="text-align:right;white-space:nowrap">{dates}</td></tr></table>')


def test_a_company_form_wrapped_onto_a_line_of_its_own_ends_the_company():
    # A narrow cell wraps "Ltd" under a bold title at a plain company: in the company's
    # weight, not the line's, it was read as the role's first item.
    markup = (OPENING
              + cell_row("<b>Senior Staff Reliability Engineer</b> at Shopify Ltd",
                         "May 2022 – Jul 2023", 205)
              + "<ul><li>Kept the platform up through peak traffic</li></ul>"
              + cell_row("<b>Staff Software Engineer</b> at VMWare", "May 2020 – Apr 2022", 205)
              + "<p>London, UK</p><ul><li>Built the data pipelines for analytics</li></ul>")
    document = extract_document(pdf_of(markup), filename="resume.pdf")
    assert "Shopify\tMay 2022 – Jul 2023\nLtd\n" in document.text  # the layout wraps
    resume = parse_document(document)
    assert [(e.title, e.company, e.location) for e in resume.experience] == [
        ("Senior Staff Reliability Engineer", "Shopify Ltd", None),
        ("Staff Software Engineer", "VMWare", "London, UK")]
    assert [[b.text for b in e.bullets] for e in resume.experience] == [
        ["Kept the platform up through peak traffic"], ["Built the data pipelines for analytics"]]


@pytest.mark.parametrize("width, wraps", [(250, True), (320, False)])
def test_a_city_cut_by_a_narrow_cell_is_whole_again(width, wraps):
    # "…, Mechanical Orchard – San ⇥ dates" over "Francisco, CA": the company was "San",
    # the place "Francisco, CA" (or, over indented items, a label they hang under).
    markup = (OPENING
              + cell_row("Staff Software Engineer, Mechanical Orchard – San Francisco, CA",
                         "Sep 2023 – Present", width)
              + "<ul><li>Ran the agents that write the Terraform</li></ul>"
              + cell_row("Senior Engineer, Shopify – London, UK", "May 2020 – Aug 2023", width)
              + "<ul><li>Kept the platform up through peak traffic</li></ul>")
    document = extract_document(pdf_of(markup), filename="resume.pdf")
    assert ("– San\tSep 2023 – Present\nFrancisco, CA\n" in document.text) == wraps
    resume = parse_document(document)
    assert [(e.title, e.company, e.location) for e in resume.experience] == [
        ("Staff Software Engineer", "Mechanical Orchard", "San Francisco, CA"),
        ("Senior Engineer", "Shopify", "London, UK")]
    assert [[b.text for b in e.bullets] for e in resume.experience] == [
        ["Ran the agents that write the Terraform"], ["Kept the platform up through peak traffic"]]


def test_undated_roles_over_indented_items_are_each_a_role():
    # "Engineering Lead, Ennovar" over an indented list read as a label its items hang
    # under ("Highlights"), and the role was lost into the one above.
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Mobile Developer, NIAR", 0, 10.5, True),
        ("• iOS Development", 20, 10.5, False),
        ("• Android Development", 20, 10.5, False),
        ("Engineering Lead, Ennovar", 0, 10.5, True),
        ("• Ruby on Rails", 20, 10.5, False),
        ("• React Native", 20, 10.5, False),
        ("Software Engineer, AccuWeather", 0, 10.5, True),
        ("• Web Development", 20, 10.5, False),
    ])
    assert [(e.title, e.company, [b.text for b in e.bullets]) for e in resume.experience] == [
        ("Mobile Developer", "NIAR", ["iOS Development", "Android Development"]),
        ("Engineering Lead", "Ennovar", ["Ruby on Rails", "React Native"]),
        ("Software Engineer", "AccuWeather", ["Web Development"])]


@pytest.mark.parametrize("header, expected", [
    ("Software developer, NodeJs & React, Meta Software solutions",
     ("Software developer, NodeJs & React", "Meta Software solutions")),
    ("Team lead, Java/Angular, Tacta", ("Team lead, Java/Angular", "Tacta")),
    # a company named like one skill stays the company
    ("Software Engineer, Shopify", ("Software Engineer", "Shopify")),
])
def test_a_stack_after_the_title_stays_with_the_title(header, expected):
    assert title_and_company([header], False) == expected


def test_a_role_under_its_bare_dates_however_long():
    # The dates alone on a line, the role under them: a long title read as the text of
    # a role without a title.
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Oct 2019 - Present", 0, 10.5, False),
        ("DevOps Engineer for automated driving at Bosch", 0, 10.5, False),
        ("• Ran the build farm for the driving stack", 20, 10.5, False),
        ("Apr 2018 - Aug 2019", 0, 10.5, False),
        ("DevOps Engineer at Asseco", 0, 10.5, False),
        ("• Moved the deploys to Kubernetes", 20, 10.5, False),
    ])
    assert [(e.title, e.company, e.start) for e in resume.experience] == [
        ("DevOps Engineer for automated driving", "Bosch", "2019-10"),
        ("DevOps Engineer", "Asseco", "2018-04")]


@pytest.mark.parametrize("header, expected", [
    # a comma or a dash of the company's own before the bracket
    ("Postmedia Innovation Outpost, Kitchener (Frontend Lead)",
     ("Frontend Lead", "Postmedia Innovation Outpost, Kitchener")),
    ("Acme, Inc. (Software Engineer)", ("Software Engineer", "Acme, Inc.")),
    ("Audacious Inquiry - A PointClickCare Company (Solutions Architect)",
     ("Solutions Architect", "Audacious Inquiry - A PointClickCare Company")),
    # the title's own brackets inside
    ("ING Hubs Poland (Expert DevOps Engineer (Engineer IV))",
     ("Expert DevOps Engineer (Engineer IV)", "ING Hubs Poland")),
    # a bracket that is no title stays where it is
    ("Software Engineer, Acme (Remote)", ("Software Engineer", "Acme (Remote)")),
    ("Acme | Software Engineer (Backend Lead)", ("Software Engineer (Backend Lead)", "Acme")),
])
def test_a_title_in_brackets_closing_the_header_follows_the_whole_company(header, expected):
    assert title_and_company([header], False) == expected


@pytest.mark.parametrize("header, expected", [
    # a colon sets the company apart before a comma, a dash or a slash of either name
    ("Cerner: Software Architect, MobileMD", ("Software Architect, MobileMD", "Cerner")),
    ("GE Healthcare / Caradigm: Senior Lead Technical Services Engineer",
     ("Senior Lead Technical Services Engineer", "GE Healthcare / Caradigm")),
    ("Audacious Inquiry - A PointClickCare Company: Solutions Architect",
     ("Solutions Architect", "Audacious Inquiry - A PointClickCare Company")),
    ("MedAlliance Management Group, Inc.: Developer",
     ("Developer", "MedAlliance Management Group, Inc.")),
    # but not before "at", nor before words in lower case that say more of the title
    ("Engineer at Acme: Payments", ("Engineer", "Acme: Payments")),
    ("University of Calgary – Telus Distinguished Visitor: lecturer",
     ("Telus Distinguished Visitor: lecturer", "University of Calgary")),
])
def test_a_colon_after_the_company_cuts_before_its_other_marks(header, expected):
    assert title_and_company([header], False) == expected


def test_a_colon_after_the_dates_names_no_company():
    # "2000 Present: Engineer, Passenger Vehicle, General Motors" (a text resume): the
    # year read, the open end before the colon is no company.
    _, company = title_and_company(["Present: Assistant Automotive Engineer, General Motors"],
                                   False)
    assert company == "General Motors"


@pytest.mark.parametrize("header, expected", [
    ("IAAS Network - Senior DevOps Engineer, ING Business Shared Service B.V.",
     ("IAAS Network - Senior DevOps Engineer", "ING Business Shared Service B.V.")),
    # a company's branch named for its country
    ("Squad Network Stack - DevOps Engineer, ING Tech Poland",
     ("Squad Network Stack - DevOps Engineer", "ING Tech Poland")),
    # no company's word after the comma, or no title word between dash and comma: the
    # dash cuts, as before
    ("Acme Corp - Senior Engineer, Platform Team", ("Senior Engineer, Platform Team", "Acme Corp")),
    ("Senior GIS Developer – Orion Technology, a Division of Rolta Canada Limited",
     ("Senior GIS Developer", "Orion Technology, a Division of Rolta Canada Limited")),
])
def test_a_company_after_the_last_comma_outranks_a_dash_inside_the_title(header, expected):
    assert title_and_company([header], False) == expected


@pytest.mark.parametrize("separator, bold", [(" at ", True), (", ", False)])
def test_undated_roles_one_per_line_are_each_a_role(separator, bold):
    # Nothing between them, no dates: each line names a title and a company.
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        (f"Senior Developer{separator}Northwind Traders", 0, 10.5, bold),
        (f"Backend Engineer{separator}Contoso", 0, 10.5, bold),
        (f"Intern{separator}Initech", 0, 10.5, bold),
        ("EDUCATION", 0, 13, True),
        ("University of Leeds", 0, 10.5, True),
        ("BSc in Physics", 0, 10.5, False),
    ])
    assert [(e.title, e.company) for e in resume.experience] == [
        ("Senior Developer", "Northwind Traders"), ("Backend Engineer", "Contoso"),
        ("Intern", "Initech")]


def test_a_header_ending_on_its_place_is_a_header_however_long():
    # A place's commas and words do not make a header a list or a sentence: read as one,
    # its dates went to the line above (an item's wrapped last word, a title) and the
    # header became an item of the role before.
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Lead Software Engineer, Skillz, Los Angeles, CA\tOct 2021 - Aug 2022", 0, 10.5, False),
        ("• Wrote the service that turns GRPC and HTTP requests into Android Device (ADB)",
         0, 10.5, False),
        ("commands", 8, 10.5, False),
        ("Principal Site Reliability Engineer, Malwarebytes, Santa Clara, CA\tOct 2016 - Oct 2021",
         0, 10.5, False),
        ("• Designed the systems every engineering team deploys with", 0, 10.5, False),
        ("CAKE.com, Novi Sad, Serbia\tSep 2014 - Sep 2016", 0, 10.5, False),
        ("Java Developer", 0, 10.5, False),
        ("Tacta - The art of complexity Taming, Sarajevo, Bosnia and Herzegovina\tFeb 2012 - Aug 2014",
         0, 10.5, False),
        ("Software Developer / Team Lead", 0, 10.5, False),
        ("• Led two teams", 0, 10.5, False),
    ])
    assert [(e.title, e.company, e.location, e.start) for e in resume.experience] == [
        ("Lead Software Engineer", "Skillz", "Los Angeles, CA", "2021-10"),
        ("Principal Site Reliability Engineer", "Malwarebytes", "Santa Clara, CA", "2016-10"),
        ("Java Developer", "CAKE.com", "Novi Sad, Serbia", "2014-09"),
        ("Software Developer / Team Lead", "Tacta - The art of complexity Taming",
         "Sarajevo, Bosnia and Herzegovina", "2012-02")]
    assert resume.experience[0].bullets[0].text.endswith("Android Device (ADB) commands")


def test_a_title_beside_its_place_keeps_its_role_and_names_no_company():
    # "Reddit ⇥ dates" over "Senior Frontend Engineer ⇥ Amsterdam, Netherlands", no items:
    # the title and its place were read as a title and a company, so the next role's
    # dates were taken as theirs and the two roles read as one.
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Reddit\tApr 2022 - Present", 0, 10.5, False),
        ("Senior Frontend Engineer\tAmsterdam, Netherlands", 0, 10.5, True),
        ("DEGIRO\tMay 2021 - Feb 2022", 0, 10.5, False),
        ("Senior Frontend Developer\tAmsterdam, Netherlands", 0, 10.5, True),
        ("• Built the trading screens", 0, 10.5, False),
    ])
    assert [(e.title, e.company, e.location, e.start) for e in resume.experience] == [
        ("Senior Frontend Engineer", "Reddit", "Amsterdam, Netherlands", "2022-04"),
        ("Senior Frontend Developer", "DEGIRO", "Amsterdam, Netherlands", "2021-05")]


def test_roles_held_at_one_company_listed_under_it_each_take_its_name():
    # The company once, over each role's bold title and dates. The plain "Contoso" after
    # a role with no company line of its own was read as the end of that role's text.
    def role(title: str, dates: str, item: str) -> str:
        return cell_row(f"<b>{title}</b>", dates, 300) + f"<ul><li>{item}</li></ul>"
    markup = (OPENING +
              "<p>Northwind Traders</p>"
              + role("Senior Developer", "Jan 2019 – Present", "Moved the billing to Python")
              + role("Developer", "Mar 2016 – Dec 2018", "Wrote the order service")
              + "<p>Contoso</p>"
              + role("Backend Engineer", "Mar 2012 – Feb 2016", "Built the payment gateway")
              + role("Support Engineer", "Jan 2010 – Feb 2012", "Answered the tickets"))
    resume = parse_document(extract_document(pdf_of(markup), filename="resume.pdf"))
    assert [(e.title, e.company, e.start) for e in resume.experience] == [
        ("Senior Developer", "Northwind Traders", "2019-01"),
        ("Developer", "Northwind Traders", "2016-03"),
        ("Backend Engineer", "Contoso", "2012-03"),
        ("Support Engineer", "Contoso", "2010-01")]
    assert [[b.text for b in e.bullets] for e in resume.experience] == [
        ["Moved the billing to Python"], ["Wrote the order service"],
        ["Built the payment gateway"], ["Answered the tickets"]]


def test_a_name_in_lower_case_under_a_line_ending_on_its_dates_opens_the_next_role():
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Ecosia", 0, 10.5, False),
        ("Web Developer, Nov 2016 - May 2018", 0, 10.5, False),
        ("tracdelight", 0, 10.5, False),
        ("Head of Frontend Development, Jan 2015 - Oct 2016", 0, 10.5, False),
        ("SKILLS", 0, 13, True),
        ("JavaScript, TypeScript, React, Node.js, PostgreSQL, Docker and Go", 0, 10.5, False),
    ])
    assert [(e.title, e.company, e.start) for e in resume.experience] == [
        ("Web Developer", "Ecosia", "2016-11"),
        ("Head of Frontend Development", "tracdelight", "2015-01")]


@pytest.mark.parametrize("width, wrapped", [
    (140, "at\tFeb 2020 – Aug 2023\nTacta - The art"),
    (170, "Tacta -\tFeb 2020 – Aug 2023\nThe art"),
    (190, "The\tFeb 2020 – Aug 2023\nart of"),
    (210, "art\tFeb 2020 – Aug 2023\nof complexity"),
    (220, "of\tFeb 2020 – Aug 2023\ncomplexity"),
])
def test_a_company_cut_after_a_joining_word_in_a_narrow_cell_is_whole(width, wrapped):
    # The cell ends on "at", "-", "The", "of", or what wraps opens with "of": it goes on
    # with the company, in lower case or not (it was added after the dates, or read as a
    # label).
    markup = (OPENING
              + cell_row("Team lead, Java &amp; Angular at Tacta - The art of complexity "
                         "Taming", "Feb 2020 – Aug 2023", width)
              + "<ul><li>Led a team of six through the move from AngularJS to Angular</li></ul>"
              + cell_row("Software developer, NodeJs &amp; React at Ministry of programming",
                         "Sep 2017 – Nov 2019", 230)
              + "<ul><li>Built the booking services of a travel agency in NodeJs</li></ul>")
    document = extract_document(pdf_of(markup), filename="resume.pdf")
    assert wrapped in document.text and "Ministry of\tSep 2017 – Nov 2019\nprogramming" in (
        document.text)
    assert [(e.title, e.company) for e in parse_document(document).experience] == [
        ("Team lead, Java & Angular", "Tacta - The art of complexity Taming"),
        ("Software developer, NodeJs & React", "Ministry of programming")]


def test_a_bold_company_wrapped_under_its_cell_is_whole():
    # "Engineer at **Bending** ⇥ dates" over a bold "Spoons", the items indented under
    # it: the company's rest in its weight, not a label the items hang under.
    markup = (OPENING
              + cell_row("Backend Software Engineer at <b>Bending Spoons</b>",
                         "Nov 2023 – Aug 2024", 190)
              + "<ul><li>Data pipelines for the recommendations of four apps</li>"
              "<li>Monitoring of the services behind them, with alerts</li></ul>")
    document = extract_document(pdf_of(markup), filename="resume.pdf")
    assert "Bending\tNov 2023 – Aug 2024\nSpoons\n" in document.text
    (job,) = parse_document(document).experience
    assert (job.title, job.company, len(job.bullets)) == (
        "Backend Software Engineer", "Bending Spoons", 2)


def test_a_company_wrapped_past_dates_set_right_after_its_first_words():
    # No cell between the words and the dates (a narrow column set them a space apart):
    # the line ends on its dates, the company's rest under it.
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Team lead, Java & Angular at Feb 2020 - Aug 2023", 0, 10.5, False),
        ("Tacta - The art of complexity Taming", 0, 10.5, True),
        ("Led a team of six through the move to Angular", 20, 10.5, False),
        ("Software developer, NodeJs & React at Ministry Sep 2017 - Nov 2019", 0, 10.5, False),
        ("of programming", 0, 10.5, True),
        ("Built booking services in NodeJs", 20, 10.5, False),
    ])
    assert [(e.title, e.company, e.start) for e in resume.experience] == [
        ("Team lead, Java & Angular", "Tacta - The art of complexity Taming", "2020-02"),
        ("Software developer, NodeJs & React", "Ministry of programming", "2017-09")]


@pytest.mark.parametrize("width, wrapped", [
    (150, "Tacta Systems Software\tFeb 2020 – Aug 2023\ndeveloper / Team lead, Java &\nAngular"),
    (160, "developer\tFeb 2020 – Aug 2023\n/ Team lead"),
    (200, "Team\tFeb 2020 – Aug 2023\nlead, Java"),
    (250, "Java\tFeb 2020 – Aug 2023\n& Angular"),
])
def test_a_title_in_another_type_than_its_company_wrapped_under_its_cell_is_whole(
        width, wrapped):
    # The company in bold, the title in italics after it, the dates flush right: the
    # title's wrapped rest went after the dates, or stood as a line of its own.
    markup = (OPENING
              + cell_row("<b>Tacta Systems</b> <i>Software developer / Team lead, Java &amp; "
                         "Angular</i>", "Feb 2020 – Aug 2023", width)
              + "<ul><li>Led a team of six through the move from AngularJS to Angular</li>"
              "<li>Built the core of an organisation management system</li></ul>")
    document = extract_document(pdf_of(markup), filename="resume.pdf")
    assert wrapped in document.text
    assert [(e.title, e.company) for e in parse_document(document).experience] == [
        ("Software developer / Team lead, Java & Angular", "Tacta Systems")]


def test_a_title_under_its_dates_and_company_is_the_roles_title_not_a_label():
    # Dates, company, title, each on a line of their own, the items indented under the
    # title: the title read like "Highlights" over a list and went to an unnamed section.
    # The first role has no items, so the second's header runs on from it.
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Aug 2014 - Present", 0, 10.5, False),
        ("Esri Canada", 0, 10.5, True),
        ("Senior Support Consultant", 0, 10.5, False),
        ("Mar 2012 - Aug 2014", 0, 10.5, False),
        ("Esri Canada", 0, 10.5, True),
        ("Developer Support Consultant", 0, 10.5, False),
        ("Answered the questions of developers across the country", 20, 10.5, False),
        ("Presented at two developer conferences on real-time maps", 20, 10.5, False),
        ("Dec 2019 - Aug 2020", 0, 10.5, False),
        ("ING Tech Poland", 0, 10.5, True),
        ("DevOps Engineer", 0, 10.5, False),
        ("Automated the release of forty services to OpenShift", 20, 10.5, False),
    ])
    assert [(e.title, e.company, e.start) for e in resume.experience] == [
        ("Senior Support Consultant", "Esri Canada", "2014-08"),
        ("Developer Support Consultant", "Esri Canada", "2012-03"),
        ("DevOps Engineer", "ING Tech Poland", "2019-12")]
    assert [len(e.bullets) for e in resume.experience] == [0, 2, 1]
    assert not resume.other_sections


def test_a_bulleted_company_in_large_bold_type_over_its_dates_heads_a_role():
    # ace: "• Company", large and bold, over the dates and how long they lasted, then the
    # title in small bold type: the company was read as the last role's item.
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("• Northwind Traders", 15, 13.5, True),
        ("July, 2021 - October, 2023 2 years, 3 months", 30, 10.5, False),
        ("Senior Developer", 25, 9, True),
        ("Moved the billing service from PHP to Python and halved its bill", 50, 10.5, False),
        ("• Contoso", 15, 13.5, True),
        ("March, 2019 - June, 2021 2 years, 3 months", 30, 10.5, False),
        ("Backend Engineer", 25, 9, True),
        ("Wrote the order service and the tests that run it against a real queue", 50, 10.5,
         False),
    ])
    assert [(e.title, e.company, e.start, e.end) for e in resume.experience] == [
        ("Senior Developer", "Northwind Traders", "2021-07", "2023-10"),
        ("Backend Engineer", "Contoso", "2019-03", "2021-06")]
    assert [len(e.bullets) for e in resume.experience] == [1, 1]


def test_a_title_indented_under_a_company_and_its_dates_is_no_item():
    # minyma: "• Company ⇥ dates" in bold, the title under it indented like the items,
    # in larger type or not: it was read as the role's first item, the role untitled.
    resume = parsed([
        ("WORK", 0, 22, True),
        ("• Lorantfy Dev and Design\tJan 2020 - Present", 6, 12, True),
        ("Owner / Full-Stack Developer", 18, 13.5, False),
        ("• Built the booking site for three dental clinics in Ontario", 18, 12, False),
        ("• Northwind Traders\tOct 2018 - Dec 2019", 6, 12, True),
        ("Frontend Lead", 18, 11, False),
        ("• Helped start an initiative to meet WCAG Level AA across products", 18, 12, False),
    ])
    assert [(e.title, e.company, e.start) for e in resume.experience] == [
        ("Owner / Full-Stack Developer", "Lorantfy Dev and Design", "2020-01"),
        ("Frontend Lead", "Northwind Traders", "2018-10")]
    assert [[b.text for b in e.bullets] for e in resume.experience] == [
        ["Built the booking site for three dental clinics in Ontario"],
        ["Helped start an initiative to meet WCAG Level AA across products"]]


@pytest.mark.parametrize("company, place", [("ASSOCIATED PRESS (AP)", "Munich, Germany"),
                                            ("United Nations (UN)", "Geneva, Switzerland")])
def test_a_company_with_its_initials_in_brackets_is_no_place(company, place):
    # "AP" is also Andhra Pradesh's code: initials of the words before them are a name's.
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("English Teacher", 0, 12, True),
        (company, 0, 10.5, True),
        ("Jan 2025 - Present", 0, 10.5, False),
        (place, 0, 10.5, False),
        ("Taught business English to the newsroom staff", 20, 10.5, False),
    ])
    assert [(e.title, e.company, e.location) for e in resume.experience] == [
        ("English Teacher", company, place)]


def test_a_place_with_its_regions_code_in_brackets_is_a_place():
    assert is_location("Hyderabad (AP)") and is_location("Seattle (USA)")
    assert not is_location("ASSOCIATED PRESS (AP)")


def test_a_company_opening_on_a_word_like_a_past_verb_is_the_company():
    # "United", "Associated", "Applied": a name's first word, not an achievement's verb,
    # where only a name's joining words stand in lower case.
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Shift Leader\tOct 2011 - Sep 2012", 0, 10.5, True),
        ("United Bank of Suzlon", 0, 10.5, False),
        ("Reduced the night shift's backlog by a third", 20, 10.5, False),
        ("Project Trainee\tJul 2010 - Sep 2011", 0, 10.5, True),
        ("Associated Press of America", 0, 10.5, False),
        ("Wrote the weekly wire digest", 20, 10.5, False),
    ])
    assert [(e.title, e.company) for e in resume.experience] == [
        ("Shift Leader", "United Bank of Suzlon"),
        ("Project Trainee", "Associated Press of America")]
    assert [b.text for e in resume.experience for b in e.bullets] == [
        "Reduced the night shift's backlog by a third", "Wrote the weekly wire digest"]
