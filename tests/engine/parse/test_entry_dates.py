"""Dates of work entries as people write them: drawn in code (tests.engine.parse.
test_entry_layouts.pdf_of) and parsed, field by field."""

from __future__ import annotations

import pytest

from engine.extract.documents import extract_document
from bench.header_probe import pdf_of
from engine.parse.dates import find_period, only_dates, range_with_wrapped_end
from engine.parse.entry_lines import take_period
from engine.parse.parser import parse_document, parse_resume
from engine.parse.sections import heading_section
from engine.resume import Resume
from tests.engine.parse.test_entry_layouts import parsed
from tests.engine.parse.test_sections_layouts import Placed, pdf_at


def test_a_lone_date_under_a_role_is_its_start():
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("IT Manager", 0, 10.5, True),
        ("Publicis Mojo", 0, 10.5, False),
        ("Aug 2012", 0, 10.5, False),
        ("Ran the office network and its servers.", 20, 10.5, False),
        ("Systems Administrator", 0, 10.5, True),
        ("Ogilvy", 0, 10.5, False),
        ("Mar 2009 – Jul 2012", 0, 10.5, False),
        ("Moved the mail to a hosted service.", 20, 10.5, False),
    ])
    assert [(e.title, e.company, e.start, e.end) for e in resume.experience] == [
        ("IT Manager", "Publicis Mojo", "2012-08", None),
        ("Systems Administrator", "Ogilvy", "2009-03", "2012-07")]


def _skills_grid_then_jobs(jobs: list[Placed]) -> Resume:
    """A page whose skills grid has a right column (so the page reads as two columns)
    over one-column jobs whose dates stand flush right."""
    items: list[Placed] = [(40, 50, "Anna Example", 22, False), (40, 110, "SKILLS", 9, True)]
    items += [item for n in range(6) for item in (
        (40, 128 + 14 * n, f"Backend Development {n}", 9.8, False),
        (380, 128 + 14 * n, f"Proficient {n}/10", 9.8, False))]
    items.append((40, 230, "WORK EXPERIENCE", 9, True))
    return parse_document(extract_document(pdf_at(items + jobs), filename="resume.pdf"))


def test_flush_right_dates_beside_a_title_across_the_gutter_date_that_title():
    sentence = "is a global product company that builds components for business software."
    # dates on a line of their own, then beside the title over a short line
    jobs: list[Placed] = [
        (40, 250, "Backend Developer at Northwind", 12, False),
        (470, 266, "Nov 2017 - Sep 2018", 9.8, False),
        (40, 282, f"Northwind {sentence}", 10.5, False),
        (40, 316, "Technical Co-founder at Contoso", 12, False),
        (470, 316, "May 2012 - Nov 2017", 9.8, False),
        (40, 332, "Spreadsheet component for desktop apps.", 10.5, False),
        (40, 348, f"Contoso {sentence}", 10.5, False)]
    y = 382
    # a title long enough to cross the gutter, wrapped, its dates on its first baseline
    jobs += [(40, y, "Solutions Architect (Federal & Strategic Advisory) at Audacious "
              "Inquiry - A", 12, False), (470, y, "Dec 2016 - Current", 9.8, False),
             (40, y + 15, "PointClickCare Company", 12, False),
             (40, y + 32, f"Audacious {sentence}", 10.5, False)]
    resume = _skills_grid_then_jobs(jobs)
    assert [(e.title, e.start, e.end) for e in resume.experience] == [
        ("Backend Developer", "2017-11", "2018-09"),
        ("Technical Co-founder", "2012-05", "2017-11"),
        ("Solutions Architect (Federal & Strategic Advisory)", "2016-12", "present")]
    assert [e.company for e in resume.experience[:2]] == ["Northwind", "Contoso"]
    assert [b.text for b in resume.experience[1].bullets] == [
        "Spreadsheet component for desktop apps.", f"Contoso {sentence}"]


@pytest.mark.parametrize(("text", "start", "end"), [
    ("Mär 2019 – Okt 2020", "2019-03", "2020-10"),
    ("janv. 2019 - févr. 2020", "2019-01", "2020-02"),
    ("gen 2018 - giu 2019", "2018-01", "2019-06"),
    ("enero de 2019 - marzo de 2020", "2019-01", "2020-03"),
    ("Q3 2018 – Q1 2020", "2018", "2020"),
    ("Sommer 2019 – Herbst 2020", "2019", "2020"),
    ("2018–19", "2018", "2019"),
    ("2018-19", "2018", "2019"),
    ("Jun 2016 / Jan 2018", "2016-06", "2018-01"),
    ("May 2019 — Present", "2019-05", "present"),
    ("15.01.2019 - 20.02.2020", "2019-01", "2020-02"),
    ("01/15/2019 - 02/20/2020", "2019-01", "2020-02"),
    ("04/11/2009 to 21/12/2011", "2009-11", "2011-12"),  # the end shows the day comes first
    ("05/06/2019 - 07/08/2020", "2019", "2020"),  # either way round: the years alone
    ("Period: 10/05/2012 – till date", "2012", "present"),
    ("Aug 2014 – Invalid Date", "2014-08", "present"),  # a theme's rendering of "Present"
    ("March 2021 - Pres", "2021-03", "present"),  # the present cut short
    ("Jan 2020 – Pres.", "2020-01", "present"),
    ("2024-Feb - 2025-May", "2024-02", "2025-05"),  # the year before the month's name
    ("2025-May - Present", "2025-05", "present"),
    ("Aug ’18 – Jun ’20", "2018-08", "2020-06"),  # Word's apostrophes before the years
    ("Sept ‘20 – now", "2020-09", "present"),
    ("June ' 11 - Jan' 13", "2011-06", "2013-01"),  # the apostrophe spaced from the year
    ('March\'15 – Sep "16', "2015-03", "2016-09"),  # a double quote for the apostrophe
    ('Sep "16\t- Till Date', "2016-09", "present"),
    ("Jan “19 – Mar “20", "2019-01", "2020-03"),
    ("Jan' 2015 to till date", "2015-01", "present"),
    ("ene. 2019 – Actual", "2019-01", "present"),  # the present in other languages
    ("Sept 2019 – Jetzt", "2019-09", "present"),
    ("2018 – aktuell", "2018", "present"),
    ("2017 – attuale", "2017", "present"),
    ("1/09 to Present", "2009-01", "present"),  # a month and a year's last two digits
    ("8/08 to 1/09", "2008-08", "2009-01"),
    ("08/07-12/07", "2007-08", "2007-12"),
    ("Software Engineer, 7/97 - present", "1997-07", "present"),
])
def test_dates_as_people_write_them(text, start, end):
    period = find_period(text)
    assert (period.start, period.end) == (start, end)


@pytest.mark.parametrize("text", [
    "rated 9/10",  # a month and two digits only as a range's ends
    "9/10 to 3/10",  # a range does not run backwards
    "12/05/09 to present",  # a day, month and year: which is which is unknown
    "13/09 to 1/10",  # no month 13
])
def test_what_is_no_range_of_months_and_two_digit_years(text):
    assert find_period(text) is None


def test_roles_dated_by_months_and_two_digit_years_are_read_whole():
    text = """Jordan Example
jordan@example.com | +1 555 0100 | Denver, CO

PROFESSIONAL EXPERIENCE
Software Engineer, 1/09 to Present
ABC Company, Sometown, CA
• Provide object-oriented software design for a project management platform

Junior Developer, 8/06 to 12/08
DEF Company, Othertown, CA
• Built internal tools in Java and SQL for the finance team
"""
    resume = parse_document(extract_document(text.encode(), declared_format="text"))
    assert [(e.title, e.company, e.location, e.start, e.end, len(e.bullets))
            for e in resume.experience] == [
        ("Software Engineer", "ABC Company", "Sometown, CA", "2009-01", "present", 1),
        ("Junior Developer", "DEF Company", "Othertown, CA", "2006-08", "2008-12", 1)]
    assert resume.other_sections == []  # the dates' lines are not kept again as lost


@pytest.mark.parametrize(("text", "end"), [
    ("2010-11", "2010-11"),  # a year and month, not 2010 to 2011
    ("2019 – 25 people", "2019"),  # a number after a year is no end year
    ("Tel 12.05.2019", "2019-05"),
])
def test_what_is_not_a_two_digit_range(text, end):
    period = find_period(text)
    assert (period.start, period.end) == (None, end)


@pytest.mark.parametrize(("text", "alone"), [
    ("July, 2025 - October, 2025 3 months", True),  # how long the role lasted
    ("January, 2023 - July, 2025 2 years, 6 months", True),
    ("Jan 2020 – Mar 2021 (1 yr 2 mos)", True),
    ("Jan 2020 – Present · 5 yrs", True),
    ("Jan 2020 – Mar 2021 Acme", False),
    ("Jan 2020 - Mar 2021 3 months of support work", False),
])
def test_dates_followed_by_how_long_they_lasted_are_dates_alone(text, alone):
    assert only_dates(text) is alone


@pytest.mark.parametrize(("text", "period"), [
    ("Northwind Freight\tPresent", (None, "present", 17, 25)),  # a role held, start untold
    ("Acme\tTill Date", (None, "present", 4, 14)),
    ("Present", None),  # alone, a timeline's mark: no role's dates
    ("Tasks at present\tMentoring", None),
])
def test_a_last_cell_that_is_only_an_open_end_is_a_roles_dates(text, period):
    found = find_period(text)
    assert (found and (found.start, found.end, found.begin, found.finish)) == period


def test_a_header_without_a_title_word_is_cut_like_its_sections_others():
    # "Developper" (misspelt) is no title word: the section's "Company, Title" says
    # how to read "Ineat Conseil, Developper", so its dates are that role's.
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Synbioz, Developer\t2014-10-14 – Present", 0, 10.5, True),
        ("• Frontend (Ember, React) and Ruby (Rails).", 10, 10.5, False),
        ("Axiome, CTO and co-founder\t2014-10-14 – 2016-02-10", 0, 10.5, True),
        ("• Development of a project management webapp.", 10, 10.5, False),
        ("3DDUO, Web technical director\t2011-07-01 – 2014-10-14", 0, 10.5, True),
        ("• Web game development with Facebook.", 10, 10.5, False),
        ("Ineat Conseil, Developper\t2011-02-01 – 2011-07-01", 0, 10.5, True),
        ("• Intranet for Yamaha Motors France with Joomla.", 10, 10.5, False),
    ])
    assert [(e.company, e.title, e.start, e.end) for e in resume.experience] == [
        ("Synbioz", "Developer", "2014-10", "present"),
        ("Axiome", "CTO and co-founder", "2014-10", "2016-02"),
        ("3DDUO", "Web technical director", "2011-07", "2014-10"),
        ("Ineat Conseil", "Developper", "2011-02", "2011-07")]


def test_a_misspelt_heading_in_the_headings_style_still_heads_its_section():
    resume = parsed([
        ("Expericnce", 0, 13, True),
        ("Cobble\tRemote", 0, 10.5, True),
        ("Full-stack engineer\tAugust, 2021 - Present", 0, 10.5, False),
        ("• Built the credit scoring service.", 10, 10.5, False),
        ("National Youth Service Corps", 0, 10.5, True),
        ("Economics & Math Instructor\tMarch, 2020 - March, 2021", 0, 10.5, False),
        ("• Taught linear algebra and calculus.", 10, 10.5, False),
        ("Projects", 0, 13, True),
        ("Local Foods: an app to book tables at restaurants.", 0, 10.5, False),
        ("Skills", 0, 13, True),
        ("Python, Go", 0, 10.5, False),
    ])
    assert [(e.company, e.title, e.start, e.end) for e in resume.experience] == [
        ("Cobble", "Full-stack engineer", "2021-08", "present"),
        ("National Youth Service Corps", "Economics & Math Instructor", "2020-03", "2021-03")]


@pytest.mark.parametrize(("text", "section"), [
    ("Expericnce", "experience"), ("EDUCTAION", "education"), ("Referances", "references"),
    ("Experienced", None), ("Experiences", "experience"),
    ("EXPERENCE", "experience"), ("Educaton", "education"), ("Employmnt", "experience")])
def test_a_heading_misspelt_by_one_letter(text, section):
    assert heading_section(text) == section


@pytest.mark.parametrize(("text", "start", "end"), [
    ("Aegies Campus Placement Pvt Ltd\t08 May 2007 – 15 Sep 2013", "2007-05", "2013-09"),
    ("(10th Sep 2015 to 30th Jun 2016)", "2015-09", "2016-06"),
    ("Duration : - 04-Aug-2014 to 11sept2017.", "2014-08", "2017-09"),
    ("Dec, 2014 – 08 April, 2015", "2014-12", "2015-04"),
])
def test_a_day_before_the_month_name(text, start, end):
    period = find_period(text)
    assert (period.start, period.end) == (start, end)


def test_the_month_trie_matches_what_a_list_of_the_names_matches():
    # The trie must find the same name a plain alternation, longest name first, finds:
    # at the start of every name, of every name cut short, and with letters after it.
    import re

    from engine.parse.dates import MONTHS
    from engine.parse.word_trie import trie_pattern

    trie = re.compile(trie_pattern(MONTHS), re.IGNORECASE)
    flat = re.compile("|".join(sorted(MONTHS, key=len, reverse=True)), re.IGNORECASE)
    texts = {text for name in MONTHS for text in (
        name, name.upper(), name[:-1], f"{name}ch 2020", f"{name}. 2020", f"x{name}")}

    def found(pattern: re.Pattern, text: str) -> str | None:
        match = pattern.match(text)
        return match and match.group()

    assert [found(trie, text) for text in sorted(texts)] == [
        found(flat, text) for text in sorted(texts)]
    assert trie.match("Marzo 2020").group() == "Marzo"  # not "Mar"
    assert trie.match("Juni").group() == "Juni" and trie.match("Jul").group() == "Jul"
    assert trie.match("Monday") is None


def test_a_day_after_the_month_keeps_the_month():
    # "May 5, 2014" read as the year 2014 alone; "May-05-2014" as May 2005.
    def ends(text: str) -> tuple:
        period = find_period(text)
        return period.start, period.end

    assert ends("May 5, 2014 - June 10th, 2019") == ("2014-05", "2019-06")
    assert ends("From July- 01-2010 to May-05-2014") == ("2010-07", "2014-05")
    assert ends("Jan 15 2020 – Present") == ("2020-01", "present")
    assert ends("March 2019 - 12 people") == (None, "2019-03")


@pytest.mark.parametrize(("text", "alone"), [
    ("Jan 2013", True), ("(2019 – 2021)", True), ("| Oct 2019 – Present", True),
    ("Acme, 2019 – 2021", False), ("2019 – 2021 in Berlin", False), ("Senior Engineer", False),
])
def test_dates_on_their_own(text, alone):
    assert only_dates(text) is alone


@pytest.mark.parametrize(("above", "below", "whole"), [
    ("September 2015 – June\tVice President", "2016", "September 2015 – June 2016\tVice President"),
    # the column's gap too narrow to set the title apart
    ("April 2013 – September Chief Designer", "2015", "April 2013 – September 2015 Chief Designer"),
    ("Sep 2019 –\tEngineer", "Mar 2021", "Sep 2019 – Mar 2021\tEngineer"),
    ("Engineer\tSep 2019 –", "(Present)", "Engineer\tSep 2019 – Present"),
    # the dash went down with the end (extraction reads it as a bullet's mark)
    ("September 2015\tVice President", "• June 2016", "September 2015 – June 2016\tVice President"),
    ("Jan 2015 – Mar 2016\tEngineer", "2017", None),  # a whole range: the year is no end of it
    ("2015 – Present\tEngineer", "2016", None),
    ("Sep 2019 – June", "2016 – 2018", None),  # a range of its own
    ("Sep 2019 – June", "Acme 2016", None),
    ("Sep 2019 –", "Engineer", None),
    ("Jan 2015 – Mar 2016\tEngineer", "• 2017", None),
    ("September 2015\tVice President", "• Led the 2016 redesign", None),
])
def test_a_range_wrapped_onto_the_next_line(above, below, whole):
    assert range_with_wrapped_end(above, below) == whole


@pytest.mark.parametrize("width", [110, 80])  # "– June" / "2016"; "September 2015" / "– June 2016"
def test_ranges_a_narrow_dates_column_wrapped_date_their_roles_and_schools(width):
    """moderncv's way, dates in a column at the left, too narrow for a range with its
    months written out."""
    def row(dates: str, text: str) -> str:
        return (f'<table style="width:100%"><tr><td style="width:{width}px;'
                f'vertical-align:top">{dates}</td><td>{text}</td></tr></table>')
    roles = [("September 2015 – June 2016", "Vice President - User Experience, Innoplexus"),
             ("April 2013 – September 2015", "Chief Designer, ZLemma Analytics Pvt. Ltd."),
             ("Sep 2009 – Mar 2013", "Lead Designer, Clarice Technologies")]
    markup = "<h1>Asha Rao</h1><h2>Experience</h2>" + "".join(
        row(dates, text) + "<ul><li>Designed the product's onboarding flow</li></ul>"
        for dates, text in roles) + "<h2>Education</h2>" + row(
        "August 2006 – December 2009", "B.Des. in Interaction Design, University of Pune")
    document = extract_document(pdf_of(markup), filename="resume.pdf")
    assert not any("September 2015 – June 2016" in line.text for line in document.lines)
    resume = parse_document(document)
    assert [(e.title, e.company, e.start, e.end) for e in resume.experience] == [
        ("Vice President - User Experience", "Innoplexus", "2015-09", "2016-06"),
        ("Chief Designer", "ZLemma Analytics Pvt. Ltd.", "2013-04", "2015-09"),
        ("Lead Designer", "Clarice Technologies", "2009-09", "2013-03")]
    assert [b.text for e in resume.experience for b in e.bullets] == [
        "Designed the product's onboarding flow"] * 3
    assert [(s.institution, s.start, s.end) for s in resume.education] == [
        ("University of Pune", "2006-08", "2009-12")]


@pytest.mark.parametrize(("text", "section"), [
    ("WORK EXPERIANCE :", "experience"), ("Working Experince", "experience"),
    ("Professional Exeprience", "experience"), ("Educaton Details", "education"),
    ("Experienced Engineers", None), ("Roles and Responsibilites", None),
    ("Career Contour", "experience"), ("Educational Overview", "education"),
    ("PERMANENT ADDRESS", "personal"), ("Passport Details", "personal")])
def test_a_heading_of_several_words_one_misspelt_and_headings_of_indian_cvs(text, section):
    assert heading_section(text) == section


def test_a_misspelt_experience_heading_heads_its_roles_and_an_address_heading_its_lines():
    resume = parse_resume("""Ravi Kumar
ravi.kumar@example.com | +91 98765 43210

WORKING EXPERINCE
Team Leader, Mass Call Net India Pvt. Ltd.
Sep 2013 - Present
- Led a team of twelve agents on the broadband support desk

TECHNICAL SKILLS
MS Office, Tally, SAP

PERMANENT ADDRESS
HNo. 84/A, Gopalpur Tola
PS-Ghatsila, DIST- East Singhbhum, Ghatsila-832303
""".encode(), filename="cv.txt")
    assert [(e.title, e.company, e.start, e.end) for e in resume.experience] == [
        ("Team Leader", "Mass Call Net India Pvt. Ltd.", "2013-09", "present")]
    assert resume.skills == ["MS Office", "Tally", "SAP"]
    address = next(s for s in resume.other_sections if s.name == "permanent address")
    assert [b.text for b in address.bullets] == [
        "HNo. 84/A, Gopalpur Tola", "PS-Ghatsila, DIST- East Singhbhum, Ghatsila-832303"]


@pytest.mark.parametrize(("text", "rest"), [
    # Names on both sides of the dates, spaces only between: two fields.
    ("M/S Mapro Food Pvt. Ltd April 2010 to May 2012 Manager", "M/S Mapro Food Pvt. Ltd\tManager"),
    # A sentence going on past its dates in lower case stays one phrase.
    ("From June 2004 to May 2008 worked in the plant", "From worked in the plant"),
    ("Engineer | Jan 2018 – Present | Seattle, WA", "Engineer | Seattle, WA"),  # its own mark
])
def test_the_text_around_a_lines_dates(text, rest):
    period, left = take_period(text)
    assert period is not None and left == rest
