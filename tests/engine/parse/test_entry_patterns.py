"""Entry patterns of JSON Resume themes, drawn in code (tests.engine.parse.
test_entry_layouts.pdf_of) and parsed: a wrapped sentence ending in a heading word, a
place in brackets under the title, a title under the company's description."""

from __future__ import annotations

from engine.extract.lines import TextLine
from engine.parse.experience import experience_entries
from tests.engine.parse.test_entry_layouts import parsed


def test_a_sentence_wrapped_onto_a_heading_word_stays_in_its_entry():
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Spirii\tJul 2025 - Oct 2025", 0, 10.5, True),
        ("Senior fullstack developer", 0, 10.5, False),
        ("Resolved bugs across the backend and frontend to improve the user", 20, 10.5, False),
        ("experience.", 20, 10.5, False),
        ("Ambrite\tJan 2017 - Sep 2021", 0, 10.5, True),
        ("Software Developer", 0, 10.5, False),
        ("Built the ordering service.", 20, 10.5, False),
    ])
    assert [(e.title, e.company, e.start) for e in resume.experience] == [
        ("Senior fullstack developer", "Spirii", "2025-07"),
        ("Software Developer", "Ambrite", "2017-01")]
    assert resume.experience[0].bullets[-1].text.endswith("improve the user experience.")


def test_a_place_in_brackets_under_the_title_is_the_location():
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Luxoft", 0, 10.5, True),
        ("June 2015 - April 2016", 0, 10.5, False),
        ("Lead iOS Software Engineer", 0, 10.5, False),
        ("(Saint-Petersburg, Russia)", 0, 10.5, False),
        ("Built the bank client used by two million people.", 20, 10.5, False),
    ])
    (job,) = resume.experience
    assert (job.title, job.company, job.start, job.end) == (
        "Lead iOS Software Engineer", "Luxoft", "2015-06", "2016-04")
    assert job.location == "Saint-Petersburg, Russia"


def test_a_title_under_the_companys_description_is_the_title():
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("JupiterOne\tAug 2022 - Present", 0, 10.5, True),
        ("A cyber asset management and governance solution for security teams.", 0, 9, False),
        ("Senior Site Reliability Engineer", 0, 9, False),
        ("Led the rollout of Kubernetes clusters for internal applications.", 0, 9, False),
        ("Skillz\tOct 2021 - Aug 2022", 0, 10.5, True),
        ("A mobile games platform where players compete for prizes.", 0, 9, False),
        ("Lead Software Engineer", 0, 9, False),
        ("Moved the build to a new pipeline.", 0, 9, False),
    ])
    assert [(e.title, e.company, e.start) for e in resume.experience] == [
        ("Senior Site Reliability Engineer", "JupiterOne", "2022-08"),
        ("Lead Software Engineer", "Skillz", "2021-10")]
    assert [b.text for b in resume.experience[1].bullets] == [
        "A mobile games platform where players compete for prizes.",
        "Moved the build to a new pipeline."]


def test_short_items_indented_under_the_description_are_bullets():
    # macchiato: the role's summary at the header's indent, its highlights (no glyphs
    # in the text) indented under it, a few words each.
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Ciklum\tJan 2016 - Present", 0, 10.5, True),
        ("Senior .Net Developer", 0, 10.5, False),
        ("Retail management system for a wine distributor.", 0, 9, False),
        ("Performance benchmarking", 26, 9, False),
        ("Continuous deployment automation", 26, 9, False),
        ("Infopulse\tDec 2014 - Dec 2015", 0, 10.5, True),
        (".Net Developer", 0, 10.5, False),
        ("Human resources system for a transcontinental corporation.", 0, 9, False),
        ("Architectural decisions", 26, 9, False),
    ])
    assert [(e.title, e.company, e.start) for e in resume.experience] == [
        ("Senior .Net Developer", "Ciklum", "2016-01"),
        (".Net Developer", "Infopulse", "2014-12")]
    assert [b.text for b in resume.experience[0].bullets] == [
        "Retail management system for a wine distributor.", "Performance benchmarking",
        "Continuous deployment automation"]
    assert [b.text for b in resume.experience[1].bullets][-1] == "Architectural decisions"


def test_a_role_without_title_words_takes_its_sections_order():
    # Two roles say by their title words that the title comes first; the third names
    # no title word, and a bold first line alone would make it the company.
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Platform Engineer\tJan 2020 - Present", 0, 10.5, True),
        ("Northwind Traders", 0, 10.5, False),
        ("Built the deployment pipeline for forty services.", 20, 10.5, False),
        ("Data Analyst\tMar 2017 - Dec 2019", 0, 10.5, True),
        ("Contoso Retail", 0, 10.5, False),
        ("Reported churn to the board every quarter.", 20, 10.5, False),
        ("Storyteller\tJun 2015 - Feb 2017", 0, 10.5, True),
        ("Quayside Tours", 0, 10.5, False),
        ("Wrote the tours of the old harbour.", 20, 10.5, False),
    ])
    assert [(e.title, e.company) for e in resume.experience] == [
        ("Platform Engineer", "Northwind Traders"), ("Data Analyst", "Contoso Retail"),
        ("Storyteller", "Quayside Tours")]


def test_a_company_named_before_its_description_over_the_dates():
    # even: the title, "company · what it does", then the dates and the place.
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Senior Site Reliability Engineer", 0, 10.5, True),
        ("JupiterOne \u00b7 JupiterOne builds asset management tools for security teams.",
         0, 10.5, False),
        ("Aug 2022 - Present", 0, 9, False),
        ("Raleigh, NC", 0, 9, False),
        ("\u2022 Led the rollout of Kubernetes clusters for internal applications.", 0, 10.5,
         False),
        ("Lead Software Engineer", 0, 10.5, True),
        ("Skillz \u00b7 Skillz runs mobile games where players compete for prizes.", 0, 10.5,
         False),
        ("Oct 2021 - Aug 2022", 0, 9, False),
        ("\u2022 Moved the build to a new pipeline.", 0, 10.5, False),
    ])
    assert [(e.title, e.company, e.start, e.end) for e in resume.experience] == [
        ("Senior Site Reliability Engineer", "JupiterOne", "2022-08", "present"),
        ("Lead Software Engineer", "Skillz", "2021-10", "2022-08")]
    assert resume.experience[0].location == "Raleigh, NC"
    assert [b.text for b in resume.experience[1].bullets] == [
        "Skillz runs mobile games where players compete for prizes.",
        "Moved the build to a new pipeline."]


def test_the_title_in_the_headers_style_wins_over_a_description_with_title_words():
    # kendall: company and title large and bold, what the company does and its dates in
    # the text's style between them.
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("CAKE.com", 0, 12, True),
        ("Java backend developer platform", 0, 10, False),
        ("September 2023 - Present", 0, 10, False),
        ("Java developer", 0, 12, True),
        ("Built the time tracking service used by millions of people.", 0, 10, False),
    ])
    assert [(e.title, e.company, e.start) for e in resume.experience] == [
        ("Java developer", "CAKE.com", "2023-09")]


def test_a_lone_header_field_is_cut_where_its_sections_roles_are_cut():
    # onepage: "Company, Title" throughout; a dash inside one company's name would cut it
    # first ("CSIRO" / "Land & Water Division, Research Assistant").
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Jaycar Electronics, Sales Assistant\t2016 - 2016", 0, 10.5, True),
        ("Sold parts and kits to hobbyists and trades.", 20, 10.5, False),
        ("CSIRO - Land & Water Division, Research Assistant\t2015 - 2015", 0, 10.5, True),
        ("Sampled groundwater across the catchment.", 20, 10.5, False),
        ("RPS Group, Intern\t2014 - 2014", 0, 10.5, True),
        ("Logged bores for the drilling team.", 20, 10.5, False),
        ("KBL Mining, Geologist Assistant\t2012 - 2013", 0, 10.5, True),
        ("Mapped the open pit walls.", 20, 10.5, False),
    ])
    assert [(e.title, e.company) for e in resume.experience] == [
        ("Sales Assistant", "Jaycar Electronics"),
        ("Research Assistant", "CSIRO - Land & Water Division"),
        ("Intern", "RPS Group"), ("Geologist Assistant", "KBL Mining")]


def test_title_at_company_beside_other_header_fields():
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Senior Software Engineer at Ozette", 0, 10.5, True),
        ("Platform team", 0, 10.5, False),
        ("Sep 2021 - Present", 0, 10.5, False),
        ("Moved the infrastructure off Kubernetes to managed services.", 20, 10.5, False),
    ])
    assert [(e.title, e.company, e.start) for e in resume.experience] == [
        ("Senior Software Engineer", "Ozette", "2021-09")]


def test_a_comma_inside_the_titles_brackets_is_no_cut():
    # cora: "Title (Freelance, Part-time), Company" over its dates, year first.
    resume = parsed([
        ("WORK EXPERIENCE", 0, 13, True),
        ("Backend Engineer (Freelance, Part-time), Daylight", 0, 10.5, True),
        ("2024-Feb - 2025-May", 0, 9, False),
        ("Backend development on the recommendation engine powering several wallets.",
         0, 10, False),
        ("Lead Backend Engineer (Full-time), Availabs", 0, 10.5, True),
        ("2023-Jul - 2024-Jul", 0, 9, False),
        ("Led backend development for AI and Web3 applications across the company.",
         0, 10, False),
    ])
    assert [(e.title, e.company, e.start, e.end) for e in resume.experience] == [
        ("Backend Engineer (Freelance, Part-time)", "Daylight", "2024-02", "2025-05"),
        ("Lead Backend Engineer (Full-time)", "Availabs", "2023-07", "2024-07")]


def test_a_length_of_time_in_french_is_no_company():
    # lucide in French: the role's length ("2 ans 2 mois") under its dates and title.
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Sept. 2017 - Nov. 2019\tSoftware developer", 0, 10.5, True),
        ("2 ans 2 mois", 0, 8.5, False),
        ("Ministry of programming", 0, 8.5, False),
        ("Built a project from zero to a production-deployed MVP in twelve workdays.",
         0, 8.5, False),
        ("Avr. 2016 - Août 2017\tSoftware developer", 0, 10.5, True),
        ("1 an 4 mois", 0, 8.5, False),
        ("Meta Software solutions", 0, 8.5, False),
        ("Implemented the calendar scheduling logic of a booking project for clients.",
         0, 8.5, False),
    ])
    assert [(e.title, e.company, e.start) for e in resume.experience] == [
        ("Software developer", "Ministry of programming", "2017-09"),
        ("Software developer", "Meta Software solutions", "2016-04")]


def test_a_plain_company_under_a_bold_title_beside_its_dates_is_no_wrapped_title():
    # straightforward: "Title ⇥ dates" in bold over the company in plain type, one word.
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Senior .Net Developer\tJan 2016 - Present", 0, 10.5, True),
        ("Ciklum", 0, 10, False),
        ("Retail management system for a wine distributor.", 0, 10, False),
        (".Net Developer\tDec 2014 - Dec 2015", 0, 10.5, True),
        ("Infopulse", 0, 10, False),
        ("Human resources management system for a large corporation.", 0, 10, False),
    ])
    assert [(e.title, e.company, e.start) for e in resume.experience] == [
        ("Senior .Net Developer", "Ciklum", "2016-01"),
        (".Net Developer", "Infopulse", "2014-12")]


def test_a_range_of_unread_dates_is_no_company():
    # straightforward prints dates its library could not read as "Invalid Date".
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Software engineer\tInvalid Date - Invalid Date", 0, 10.5, True),
        ("Analytics Intelligence, Lagos, Nigeria", 0, 10, False),
        ("Built the data gateway of a conversational tool in Node.js and Postgres.",
         0, 10, False),
    ])
    assert [(e.title, e.company, e.location) for e in resume.experience] == [
        ("Software engineer", "Analytics Intelligence", "Lagos, Nigeria")]


def test_a_bold_heading_opening_with_a_lowercase_name_is_the_next_role():
    # elegant: the next role's bold "iOS Engineer, Acme" right under a plain list item
    # that ends without a full stop.
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Lead iOS Software Engineer, Luxoft", 0, 10.5, True),
        ("Jun 2015 - Apr 2016", 0, 9, False),
        ("Tinkoff Business - iOS bank client for small companies", 20, 10, False),
        ("iOS Software Engineer, Mail.ru", 0, 10.5, True),
        ("May 2016 - Present", 0, 9, False),
        ("Odnoklassniki - the social network's iOS client", 20, 10, False),
    ])
    assert [(e.title, e.company, e.start) for e in resume.experience] == [
        ("Lead iOS Software Engineer", "Luxoft", "2015-06"),
        ("iOS Software Engineer", "Mail.ru", "2016-05")]


def test_a_title_of_two_parts_keeps_its_second_part_out_of_the_company():
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("iOS and Android Software Engineer, Co-founder, FoodMap LLC", 0, 10.5, True),
        ("May 2011 - Jun 2012", 0, 9, False),
        ("Menutka - an app for spotting the nearest cafes and restaurants", 20, 10, False),
    ])
    assert [(e.title, e.company) for e in resume.experience] == [
        ("iOS and Android Software Engineer, Co-founder", "FoodMap LLC")]


def test_a_short_plain_line_under_the_dates_is_the_roles_text():
    # classy: "Title, Company" large and bold, its dates in bold, then a short line of
    # what the role was in the text's style, read as the next role's header before.
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Software Developer Engineer, Amazon", 0, 12, True),
        ("February 2019 - Present", 0, 9, True),
        ("SDE at AWS Marketing", 0, 9, False),
        ("Intern in Strategic Research, State Auto", 0, 12, True),
        ("May 2017 - August 2017", 0, 9, True),
        ("Worked on a chatbot interface for the support agents", 0, 9, False),
    ])
    assert [(e.title, e.company, e.start) for e in resume.experience] == [
        ("Software Developer Engineer", "Amazon", "2019-02"),
        ("Intern in Strategic Research", "State Auto", "2017-05")]
    assert [b.text for b in resume.experience[0].bullets] == ["SDE at AWS Marketing"]


def test_a_bold_company_with_dates_under_a_roles_short_line_keeps_its_dates():
    # pumpkin: "Company ⇥ dates" in bold, the title in bold, then a short plain line of
    # what the role was; the next company's dates were moved up onto that line.
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Amazon\tFeb 2019 - Nov 2021", 0, 10.5, True),
        ("Software Developer Engineer", 0, 10.5, True),
        ("SDE at AWS Marketing", 0, 10.5, False),
        ("State Auto\tMay 2017 - Aug 2017", 0, 10.5, True),
        ("Intern in Strategic Research", 0, 10.5, True),
        ("Worked on a chatbot interface for the support agents", 0, 10.5, False),
    ])
    assert [(e.title, e.company, e.start) for e in resume.experience] == [
        ("Software Developer Engineer", "Amazon", "2019-02"),
        ("Intern in Strategic Research", "State Auto", "2017-05")]



def test_plain_keywords_under_a_roles_text_stay_in_the_role_above():
    # elegant (a browser's PDF, each line a block): a role's keywords listed one a line
    # under its description, then the next role's "Title, Company" in the first's bold.
    def line(text: str, size: float = 12, bold: bool = False) -> TextLine:
        return TextLine(text, size=size, bold=bold, new_block=True, space_before=0.2,
                        fill=0.9 if len(text) > 40 else 0.3)

    jobs = experience_entries([
        line("Engineering Lead, Ennovar", bold=True),
        line("• Present", 10),
        line("Developed mobile and web applications as a team lead."),
        line("Web Development"),
        line("Ruby on Rails"),
        line("Software Engineer, AccuWeather", bold=True),
        line("• Present", 10),
        line("Developed enterprise software for the business clients of the company."),
    ], pdf=True)
    assert [(e.title, e.company) for e in jobs] == [
        ("Engineering Lead", "Ennovar"), ("Software Engineer", "AccuWeather")]
    assert [b.text for b in jobs[0].bullets][-2:] == ["Web Development", "Ruby on Rails"]


def test_a_company_and_its_place_under_the_title_are_the_roles_header():
    # lucide: the dates and the title on one line, the role's length under the dates,
    # the company and its place under the title (right of the dates' column).
    def line(text: str, indent: float = 0, size: float = 8.4, bold: bool = False
             ) -> TextLine:
        return TextLine(text, size=size, bold=bold, new_block=True, space_before=6,
                        indent=indent, fill=0.9 if len(text) > 60 else 0.4)

    jobs = experience_entries([
        line("Sept. 2023 - Present Java developer", size=12),
        line("2 years 2 months"),
        line("Northwind\tBerlin, Germany", indent=127),
        line("A product company whose tools are used by millions of people around the world"),
        line("Sept. 2017 - Nov. 2019\tSoftware developer, NodeJs & React", size=12),
        line("2 years 2 months"),
        line("Contoso Labs\tMunich, Germany", indent=127),
        line("A startup factory, building startups from the ground up and investing in them"),
    ], pdf=True)
    assert [(e.title, e.company, e.location) for e in jobs] == [
        ("Java developer", "Northwind", "Berlin, Germany"),
        ("Software developer, NodeJs & React", "Contoso Labs", "Munich, Germany")]


def test_a_title_under_the_dates_of_a_role_after_one_without_text_is_its_title():
    # caffeine: "COMPANY ⇥ dates" over the title, items indented under it; a role
    # without items runs the header on into the next, whose title is no label.
    def line(text: str, indent: float = 0, bold: bool = False) -> TextLine:
        return TextLine(text, size=8.2, bold=bold, new_block=True, space_before=8,
                        indent=indent, fill=0.9 if "\t" in text else 0.35)

    jobs = experience_entries([
        line("REDDIT\t04/2022 - PRESENT", bold=True),
        line("SENIOR FRONTEND ENGINEER"),
        line("DEGIRO\t05/2021 - 02/2022", bold=True),
        line("SENIOR FRONTEND DEVELOPER"),
        line("Create an internal browser devtools extension to ease testing and debugging.",
             indent=26),
        line("Manage product builds and deploys, coordinating cross-team version releases.",
             indent=26),
    ], pdf=True)
    assert [(e.title, e.company, e.start) for e in jobs] == [
        ("SENIOR FRONTEND ENGINEER", "REDDIT", "2022-04"),
        ("SENIOR FRONTEND DEVELOPER", "DEGIRO", "2021-05")]


def test_a_lone_header_field_of_two_titles_is_cut_like_its_sections_roles():
    # onepage: "Company, Title" throughout; "freelance" reads as a title word too.
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Ecosia, Web Developer\t2016 - 2018", 0, 10.5, True),
        ("Built the search engine's new web frontend with a small team.", 20, 10.5, False),
        ("tracdelight, Head of Frontend Development\t2015 - 2016", 0, 10.5, True),
        ("Led the frontend team through the move to a single page app.", 20, 10.5, False),
        ("ShopLove, Frontend Developer\t2013 - 2014", 0, 10.5, True),
        ("Built the shop's frontend and its design system from scratch.", 20, 10.5, False),
        ("freelance, Interactive Developer and Animator\t2006 - 2013", 0, 10.5, True),
        ("Designed and animated websites for clients in children's television.",
         20, 10.5, False),
    ])
    assert [(e.title, e.company) for e in resume.experience][-1] == (
        "Interactive Developer and Animator", "freelance")


def test_a_lone_company_in_smaller_type_under_a_title_right_of_its_dates_is_the_company():
    # lucide: "dates  Title" with too narrow a gap for a tab stop, the title set larger,
    # the company alone under the title, right of the dates' column, in the text's size.
    def line(text: str, indent: float = 0, size: float = 8.4) -> TextLine:
        return TextLine(text, size=size, new_block=True, space_before=6, indent=indent,
                        fill=0.9 if len(text) > 60 else 0.4)

    jobs = experience_entries([
        line("Feb 2019 - Present Software Developer Engineer", size=12),
        line("7 years 9 months"),
        line("Amazon", indent=127),
        line("Mar 2017 - Jun 2017\tDeveloper", size=12),
        line("2 months"),
        line("Independent Contractor", indent=127),
        line("Built a virtual reality experience for a resort in the Bahamas for its guests"),
    ], pdf=True)
    assert [(e.title, e.company, e.start) for e in jobs] == [
        ("Software Developer Engineer", "Amazon", "2019-02"),
        ("Developer", "Independent Contractor", "2017-03")]


def test_lines_in_the_same_type_under_a_title_right_of_its_dates_stay_its_text():
    # 'years: title' lines with further titles of the period set under the title's text,
    # in the same type: no company among them.
    def line(text: str, indent: float = 0) -> TextLine:
        return TextLine(text, size=10, new_block=False, space_before=0, indent=indent,
                        fill=0.9 if len(text) > 45 else 0.4)

    jobs = experience_entries([
        line("1999 - 2006: Managing Director (Chief Operating Officer)"),
        line("Marketingleiter (DE)", indent=65),
        line("1995 - 1997: Sales Support Director (DK)"),
        line("Marketing-Koordinator (DK)", indent=65),
        line("AUFSICHSRATSERFAHRUNG"),
    ], pdf=True)
    assert [(job.company, job.location) for job in jobs] == [(None, None), (None, None)]
