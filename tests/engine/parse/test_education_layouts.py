"""Education entries drawn in code (tests.engine.parse.test_entry_layouts.pdf_of): the
field of study on a line of its own beside the degree."""

from __future__ import annotations

from bench.header_probe import pdf_of
from engine.extract.documents import Document, extract_document
from engine.extract.lines import TextLine
from engine.parse.education import education_entries
from engine.parse.parser import parse_document
from engine.resume import Resume
from tests.engine.parse.test_entry_layouts import parsed as parsed_lines
from tests.engine.parse.test_header_forms import OPENING
from tests.engine.parse.test_template_layouts import word_parsed

JOB = [
    ("EXPERIENCE", 0, 13, True),
    ("Backend Engineer, Fernhill Payments\tMar 2021 - Present", 0, 10.5, True),
    ("Cut settlement time from two days to four hours for every card scheme.", 0, 10.5, False),
    ("Led a team of five engineers through a database migration without downtime.", 0,
     10.5, False),
]


def parsed(lines: list[tuple[str, float, float, bool]]) -> Resume:
    """The Resume of an education section drawn under one job (enough text to parse)."""
    return parsed_lines([*JOB, *lines])


def test_a_field_of_study_under_the_degree():
    # kendall: school, degree, field one under the other.
    resume = parsed([
        ("EDUCATION", 0, 13, True),
        ("University of Leeds\tSep 2013 - Jun 2017", 0, 10.5, True),
        ("Bachelor", 0, 10.5, False),
        ("Computer Science", 0, 10.5, False),
    ])
    assert [(e.institution, e.degree, e.field, e.start) for e in resume.education] == [
        ("University of Leeds", "Bachelor", "Computer Science", "2013-09")]


def test_a_bulleted_field_of_study_over_the_degree():
    # flat: the area as a bullet, then the study type.
    resume = parsed([
        ("EDUCATION", 0, 13, True),
        ("University of Leeds\tSep 2013 - Jun 2017", 0, 10.5, True),
        ("\u2022 Mechanical Engineering", 0, 10.5, False),
        ("Master", 16, 10.5, False),
    ])
    assert [(e.institution, e.degree, e.field) for e in resume.education] == [
        ("University of Leeds", "Master", "Mechanical Engineering")]


def test_a_note_under_the_degree_is_no_field_of_study():
    resume = parsed([
        ("EDUCATION", 0, 13, True),
        ("University of Leeds\tSep 2013 - Jun 2017", 0, 10.5, True),
        ("Bachelor", 0, 10.5, False),
        ("Courses", 0, 10.5, False),
    ])
    assert [(e.institution, e.degree, e.field) for e in resume.education] == [
        ("University of Leeds", "Bachelor", None)]


def test_degree_types_as_json_resume_names_them():
    # engine/data/degrees.txt: plural forms, qualified diplomas, school-leaving exams.
    resume = parsed([
        ("EDUCATION", 0, 13, True),
        ("Saint-Petersburg State University\tSep 2006 - Jun 2012", 0, 10.5, True),
        ("Specialist degree in Mathematics and Mechanics", 0, 10.5, False),
        ("University of Washington\tSep 2009 - Jun 2013", 0, 10.5, True),
        ("Bachelors of Arts - Philosophy", 0, 10.5, False),
        ("Conestoga College\tSep 2012 - Apr 2015", 0, 10.5, True),
        ("Adv. Diploma in Software Engineering", 0, 10.5, False),
    ])
    assert [(e.institution, e.degree, e.field) for e in resume.education] == [
        ("Saint-Petersburg State University", "Specialist degree", "Mathematics and Mechanics"),
        ("University of Washington", "Bachelors of Arts", "Philosophy"),
        ("Conestoga College", "Adv. Diploma", "Software Engineering")]


def test_a_school_name_wrapped_on_a_joining_word_across_blocks():
    # kendall prints each line of its narrow column as a block of its own.
    lines = [TextLine(text, size=size, bold=bold, new_block=True) for text, size, bold in [
        ("TRANSPORT AND", 13.7, True), ("TELECOMMUNICATION INSTITUTE", 13.7, True),
        ("Bachelor of Social Sciences in Economics", 11.4, False),
        ("Sep 2013 - Jun 2017", 11.4, False)]]
    (school,) = education_entries(lines, pdf=True)
    assert (school.institution, school.degree, school.start) == (
        "TRANSPORT AND TELECOMMUNICATION INSTITUTE", "Bachelor of Social Sciences", "2013-09")


def test_a_state_code_after_the_schools_town_is_no_degree():
    # Jake's template: the school with its town at the right, the degree under it.
    # "CA" is also a Chartered Accountant, "MA" a Master of Arts, "MS" a master's.
    resume = parsed([
        ("EDUCATION", 0, 13, True),
        ("Stanford University\tStanford, CA", 0, 10.5, True),
        ("Master of Science in Data Science\tSep 2016 - Jun 2018", 0, 10.5, False),
        ("University of Mississippi\tOxford, MS", 0, 10.5, True),
        ("BA in History\t2010 - 2014", 0, 10.5, False),
    ])
    assert [(e.institution, e.degree, e.field, e.start, e.end) for e in resume.education] == [
        ("Stanford University", "Master of Science", "Data Science", "2016-09", "2018-06"),
        ("University of Mississippi", "BA", "History", "2010", "2014")]


def test_a_name_without_a_school_word_on_a_dated_line_like_the_schools_is_a_school():
    # The onepage theme: each school alone on its dated line, the degree under it (the
    # schools in the text's own weight, so no bold style tells them).
    resume = parsed([
        ("EDUCATION", 0, 13, True),
        ("Sri Jayachamarajendra College of Engineering\t2012-08-01 - 2015-06-30", 0, 10.5,
         False),
        ("Master's - Computer Application", 0, 10.5, False),
        ("Durgapur Society of Management Science\t2008-08-01 - 2011-06-30", 0, 10.5, False),
        ("Bachelor - Computer Application", 0, 10.5, False),
        ("UBC\t2013 - 2013", 0, 10.5, False),
    ])
    assert [(e.institution, e.degree, e.start) for e in resume.education] == [
        ("Sri Jayachamarajendra College of Engineering", "Master's", "2012-08"),
        ("Durgapur Society of Management Science", "Bachelor", "2008-08"),
        ("UBC", None, "2013")]


def card_line(text: str, bold: bool, size: float, new_block: bool = True) -> TextLine:
    return TextLine(text, size=size, bold=bold, new_block=new_block, space_before=4)


def test_schools_set_as_cards_side_by_side_are_read_card_by_card():
    # short: two cards to a row, each line of the page holding a line of both cards
    # (cell by cell, the extractor joining them with tab stops); the last row has one.
    schools = education_entries([
        card_line("The Ohio State University\tMassachusetts Institute of Technology", True,
                  10.5),
        card_line("• Sep 2007 - Jun 2011\t• Sep 2011 - Jun 2013", False, 9),
        card_line("B.S. - Molecular Genetics\tM.Sc. - Computational Linguistics", False, 9,
                  False),
        card_line("University of Leeds", True, 10.5),
        card_line("• Sep 2013 - Jun 2017", False, 9),
        card_line("PhD - Linguistics", False, 9, False),
    ], pdf=True)
    assert [(e.institution, e.degree, e.field, e.start) for e in schools] == [
        ("The Ohio State University", "B.S.", "Molecular Genetics", "2007-09"),
        ("Massachusetts Institute of Technology", "M.Sc.", "Computational Linguistics",
         "2011-09"),
        ("University of Leeds", "PhD", "Linguistics", "2013-09")]

def test_a_card_title_wrapped_onto_the_next_line_is_joined_in_its_card():
    schools = education_entries([
        card_line("TRANSPORT AND TELECOMMUNICATION\tTRANSPORT AND TELECOMMUNICATION", True, 10.5),
        card_line("INSTITUTE\tINSTITUTE", True, 10.5, new_block=False),
        card_line("Jan 2013 - Jan 2017\tJan 2008 - Jan 2010", False, 9),
        card_line("Bachelor of Natural Sciences\tBachelor of Social Sciences", False, 9, False),
    ], pdf=True)
    assert [(e.institution, e.start, e.end) for e in schools] == [
        ("TRANSPORT AND TELECOMMUNICATION INSTITUTE", "2013-01", "2017-01"),
        ("TRANSPORT AND TELECOMMUNICATION INSTITUTE", "2008-01", "2010-01")]


def test_a_field_of_study_before_a_dash_and_the_school_after_a_comma_and_the_degree():
    # classy: "Degree, Field - School" on one line.
    (school,) = education_entries([
        TextLine("Master of Science, Machine Learning & Artificial Intelligence - NYU "
                 "Tandon School of Engineering", size=10, bold=True),
        TextLine("2023 - 2025", size=9),
    ])
    assert (school.institution, school.degree, school.field, school.end) == (
        "NYU Tandon School of Engineering", "Master of Science",
        "Machine Learning & Artificial Intelligence", "2025")


def test_a_school_name_cut_after_a_joining_word_goes_on_in_a_plain_tail():
    # elegant: "Field, Degree, School" in bold, wrapped in its block onto a plain line.
    (school,) = education_entries([
        TextLine("Machine Learning & Artificial Intelligence, Master of Science, NYU Tandon "
                 "School of", size=12, bold=True, fill=1.0),
        TextLine("Engineering", size=12, new_block=False, space_before=0.2, fill=0.19),
        TextLine("Jan, 2023 - Jan, 2025", size=10, space_before=14, fill=0.25),
    ], pdf=True)
    assert (school.institution, school.degree, school.start) == (
        "NYU Tandon School of Engineering", "Master of Science", "2023-01")


def test_a_school_after_a_dash_behind_a_degree_this_module_does_not_read():
    # cora: "Degree, Field - School" on one line, the degree misspelt or no degree at
    # all ("Erasmus"): the school word after the dash says where the school starts.
    schools = education_entries([
        TextLine("Bachellor's, Mathematics - University of Eastbrook", size=9.4, bold=True),
        TextLine("2019-Sep - 2024-Jun", size=7.9, bold=True),
        TextLine("Exchange, Physics - Northfield Polytechnic Institute", size=9.4, bold=True),
        TextLine("2021-Sep - 2022-Jun", size=7.9, bold=True),
    ], pdf=True)
    assert [(s.institution, s.start, s.end) for s in schools] == [
        ("University of Eastbrook", "2019-09", "2024-06"),
        ("Northfield Polytechnic Institute", "2021-09", "2022-06")]


def test_a_name_after_degree_comma_field_dash_is_the_school_without_a_school_word():
    # cora: "Degree, Field - School"; the school need not say it is one ("ENS ..."), the
    # degree may be quoted; a place after the dash is no school.
    schools = education_entries([
        TextLine("Master of Research, Computer Science - ENS Valmont-Ouest", size=9.4,
                 bold=True),
        TextLine("2024-Sep - Present", size=7.9, bold=True),
        TextLine('"Bachillerato", Sciences - Colegio Santa Inés', size=9.4, bold=True),
        TextLine("2015-Sep - 2017-Jun", size=7.9, bold=True),
        TextLine("Bachelor of Arts, History - Boston, MA", size=9.4, bold=True),
        TextLine("2010 - 2014", size=7.9, bold=True),
    ], pdf=True)
    assert [(s.institution, s.degree, s.field, s.start) for s in schools] == [
        ("ENS Valmont-Ouest", "Master of Research", "Computer Science", "2024-09"),
        ("Colegio Santa Inés", "Bachillerato", "Sciences", "2015-09"),
        (None, "Bachelor of Arts", "History", "2010")]


def test_a_field_of_study_in_larger_type_between_degree_and_school_is_no_wrapped_line():
    # crisp: degree, field and school one paragraph, the field a fifth larger, each line
    # reaching far across a narrow column: three fields, not one name wrapped twice.
    (school,) = education_entries([
        TextLine("Bachelor", size=17.3, bold=True, fill=0.33),
        TextLine("Computer Science", size=21.6, bold=True, new_block=False,
                 space_before=4.8, fill=0.84),
        TextLine("Eastbrook State University", size=17.3, bold=True, new_block=False,
                 space_before=2.4, fill=0.90),
        TextLine("2015", size=17.3, space_before=20.6, fill=0.08),
    ], pdf=True)
    assert (school.institution, school.degree, school.field, school.end) == (
        "Eastbrook State University", "Bachelor", "Computer Science", "2015")


def test_studies_in_a_field_under_the_school_name_the_degree_and_field():
    # typeset templates print "<studyType> in <area>" under the school: the kind of
    # studies need not be a degree this module knows ("Bootcamp", "Technique"); a school
    # with no school word is then the entry's school; "Minor in" under a degree is a note.
    resume = parsed([
        ("EDUCATION", 0, 13, True),
        ("Cégep de Valmont", 0, 10.5, True),
        ("Technique in Multimedia Integration\t2017 - 2019", 0, 10, False),
        ("Northfield Academy", 0, 10.5, True),
        ("Bootcamp in Software Development\t2016 - 2017", 0, 10, False),
        ("Eastbrook College", 0, 10.5, True),
        ("College Degree in Information Systems\t2010 - 2013", 0, 10, False),
        ("University of Leeds", 0, 10.5, True),
        ("BSc in Physics\t2005 - 2009", 0, 10, False),
        ("Minor in Economics", 0, 10, False),
    ])
    assert [(e.institution, e.degree, e.field) for e in resume.education] == [
        ("Cégep de Valmont", "Technique", "Multimedia Integration"),
        ("Northfield Academy", "Bootcamp", "Software Development"),
        ("Eastbrook College", "College Degree", "Information Systems"),
        ("University of Leeds", "BSc", "Physics")]


def test_words_between_a_degree_and_in_field_are_part_of_the_degree():
    # "<studyType> in <area>" where the study type says more than the degree this module
    # knows; a comma ("Bachelor of Arts, Major in History") or a place keeps them apart.
    resume = parsed([
        ("EDUCATION", 0, 13, True),
        ("University of Cape Verde", 0, 10.5, True),
        ("Bachelor of Business Science (Honours) in Information Systems\t2001 - 2004", 0,
         10, False),
        ("Northfield University", 0, 10.5, True),
        ("MSc Double Degree in Cyber Security\t2018 - 2020", 0, 10, False),
        ("Eastbrook University", 0, 10.5, True),
        ("Bachelor of Arts, Major in History\t2010 - 2014", 0, 10, False),
    ])
    assert [(e.institution, e.degree, e.field) for e in resume.education] == [
        ("University of Cape Verde", "Bachelor of Business Science (Honours)",
         "Information Systems"),
        ("Northfield University", "MSc Double Degree", "Cyber Security"),
        ("Eastbrook University", "Bachelor of Arts", "Major in History")]


def test_a_high_school_named_before_its_level_is_a_school():
    # "High School" alone is a level of studies; a name before it makes it a school.
    resume = parsed([
        ("EDUCATION", 0, 13, True),
        ("Ironwood Ridge High School\tArizona, USA", 0, 10.5, True),
        ("Aug 2016 - May 2017", 0, 10, False),
    ])
    assert [(e.institution, e.degree) for e in resume.education] == [
        ("Ironwood Ridge High School", None)]


def test_a_word_before_the_degree_and_a_second_degree_are_the_degrees_name():
    # "<studyType> in <area>": an adjective before a degree ("Parisian") and a second
    # degree after a comma are the study type; a verb before it is not.
    resume = parsed([
        ("EDUCATION", 0, 13, True),
        ("ENS Valmont-Ouest", 0, 10.5, True),
        ("Parisian Master of Research in Computer Science\t2024 - 2026", 0, 10, False),
        ("UC Santa Clara", 0, 10.5, True),
        ("BA Philosophy, BS Mathematics in Philosophy & Mathematics\t2012 - 2016", 0, 10,
         False),
        ("Eastbrook University", 0, 10.5, True),
        ("Completed Master of Science in Physics\t2008 - 2010", 0, 10, False),
    ])
    assert [(e.institution, e.degree, e.field) for e in resume.education] == [
        ("ENS Valmont-Ouest", "Parisian Master of Research", "Computer Science"),
        ("UC Santa Clara", "BA Philosophy, BS Mathematics", "Philosophy & Mathematics"),
        ("Eastbrook University", "Master of Science", "Physics")]


def test_a_plain_name_under_a_bold_school_is_the_degree():
    # Typeset templates: the school in bold, the study type on the next line, with the
    # dates (jake) or the place (classic) flush right; a bold name on a dated line is
    # the next school.
    resume = parsed([
        ("EDUCATION", 0, 13, True),
        ("University of Leeds", 0, 10.5, True),
        ("BSc in Physics\t2005 - 2009", 0, 10, False),
        ("Ironwood Ridge High School", 0, 10.5, True),
        ("Cultural Exchange\tAug 2016 - May 2017", 0, 10, False),
        ("Northfield Grammar School\tSep 2010 - Jun 2012", 0, 10.5, True),
        ("Language Immersion\tArizona, USA", 0, 10, False),
        ("UBC\tSep 2013 - Jun 2014", 0, 10.5, True),
        ("Eastbrook Academy\tJun 2016 - Aug 2016", 0, 10.5, True),
        ("Software Development / Bootcamp", 0, 10, False),
    ])
    assert [(e.institution, e.degree, e.start) for e in resume.education] == [
        ("University of Leeds", "BSc", "2005"),
        ("Ironwood Ridge High School", "Cultural Exchange", "2016-08"),
        ("Northfield Grammar School", "Language Immersion", "2010-09"),
        ("UBC", None, "2013-09"),
        ("Eastbrook Academy", None, "2016-06")]


def test_a_bold_bulleted_field_under_the_school_is_no_school():
    # flat: the school in bold with its dates, the area as a bold bullet, the study type
    # indented under it, known to the lexicon or not.
    resume = parsed([
        ("EDUCATION", 0, 13, True),
        ("Northfield Polytechnic (Valmont University)\tAug 1998 - Feb 2000", 0, 10.5, True),
        ("\u2022 Computer Applications", 0, 10.5, True),
        ("Post Diploma", 16, 10.5, False),
        ("Eastbrook Design Institute\t2004 - 2005", 0, 10.5, True),
        ("\u2022 Interaction Design", 0, 10.5, True),
        ("Language Course", 16, 10.5, False),
    ])
    assert [(e.institution, e.degree, e.field) for e in resume.education] == [
        ("Northfield Polytechnic (Valmont University)", "Post Diploma",
         "Computer Applications"),
        ("Eastbrook Design Institute", "Language Course", "Interaction Design")]


def test_a_degree_named_again_in_brackets_keeps_its_brackets():
    # "Specialist diploma (Master's degree)" is one study type, whether the field comes
    # after it (caffeine) or before it (simple-red: "<area> / <studyType>"); a field in
    # brackets stays the field.
    resume = parsed([
        ("EDUCATION", 0, 13, True),
        ("TULA STATE UNIVERSITY\t09/2006 - 05/2011", 0, 10.5, True),
        ("SPECIALIST DIPLOMA (MASTER'S DEGREE) COMPUTER SCIENCE", 0, 9, False),
        ("Saint-Petersburg State University\tSep 2001 - Jun 2006", 0, 10.5, True),
        ("Applied Mathematics / Specialist diploma (Master's degree)", 0, 9, False),
        ("University of Leeds\tSep 2013 - Jun 2017", 0, 10.5, True),
        ("BSc (Computer Science)", 0, 9, False),
    ])
    assert [(e.institution, e.degree, e.field) for e in resume.education] == [
        ("TULA STATE UNIVERSITY", "SPECIALIST DIPLOMA (MASTER'S DEGREE)", "COMPUTER SCIENCE"),
        ("Saint-Petersburg State University", "Specialist diploma (Master's degree)",
         "Applied Mathematics"),
        ("University of Leeds", "BSc", "Computer Science")]


def test_a_comma_after_the_degree_keeps_the_field_whole_and_a_grade_leaves_no_brackets():
    # "Master, <field> in <subfield>": the comma closes the degree, so " in " is part of
    # the field; a grade taken out of its brackets leaves no "()" behind.
    resume = parsed([
        ("EDUCATION", 0, 13, True),
        ("Valmont National University", 0, 10.5, True),
        ("Master, Software Engineering (with honours)\t2006 - 2011", 0, 10, False),
        ("Northfield Academy of Sciences", 0, 10.5, True),
        ("Master, Information Security in Open Networks\t2012 - 2014", 0, 10, False),
    ])
    assert [(e.institution, e.degree, e.field, e.grade) for e in resume.education] == [
        ("Valmont National University", "Master", "Software Engineering", "with honours"),
        ("Northfield Academy of Sciences", "Master", "Information Security in Open Networks",
         None)]


def test_a_bold_field_over_an_indented_study_type_is_no_school():
    # flat printed by wkhtmltopdf (no bullet glyph): the school and its dates in bold,
    # the area in bold, the study type plain and further in; a bold school over its
    # dates and a plain line at its own indent still heads the next entry.
    resume = parsed([
        ("EDUCATION", 0, 13, True),
        ("Northfield Academy", 0, 10.5, True),
        ("2018-06-01 - 2018-08-15", 0, 9, True),
        ("Blockchain Development", 9, 10.5, True),
        ("Online", 14, 10.5, False),
        ("Eastbrook College", 0, 10.5, True),
        ("2008-05-01 - 2012-05-01", 0, 9, True),
        ("Liberal Arts", 9, 10.5, True),
        ("B.A.", 14, 10.5, False),
        ("Hack Reactor\tJun 2016 - Aug 2016", 0, 10.5, True),
        ("Software Engineering Immersive", 0, 9, False),
        ("Dalhousie University", 0, 10.5, True),
        ("2005 - 2009", 380, 9, False),
        ("UBC", 0, 10.5, True),
        ("2013 - 2013", 380, 9, False),
    ])
    assert [(e.institution, e.degree, e.field) for e in resume.education] == [
        ("Northfield Academy", "Online", "Blockchain Development"),
        ("Eastbrook College", "B.A.", "Liberal Arts"),
        ("Hack Reactor", "Software Engineering Immersive", None),
        ("Dalhousie University", None, None),
        ("UBC", None, None)]


def test_en_after_a_degree_joins_study_type_and_field_as_in_does():
    # French and Spanish resumes (and themes printed in French) say "<studyType> en
    # <area>"; after no known degree, "en" is part of a name ("Périto en Informática").
    resume = parsed([
        ("EDUCATION", 0, 13, True),
        ("Université de Valmont", 0, 10.5, True),
        ("Masters en Hydrogeology\t2013 - 2015", 0, 10, False),
        ("Eastbrook University", 0, 10.5, True),
        ("Bachelor of Business Science (Honours) en Information Systems\t2001 - 2004", 0,
         10, False),
        ("Centro Educativo Técnico Laboral", 0, 10.5, True),
        ("Périto en Informática\t2013 - 2015", 0, 10, False),
    ])
    assert [(e.institution, e.degree, e.field) for e in resume.education] == [
        ("Université de Valmont", "Masters", "Hydrogeology"),
        ("Eastbrook University", "Bachelor of Business Science (Honours)", "Information Systems"),
        ("Centro Educativo Técnico Laboral", "Périto en Informática", None)]


def test_google_docs_school_then_degree_after_a_dash():
    lines = [TextLine(text, size=10.5, new_block=True) for text in (
        "University of Strasbourg – Master's Degree in Software Science and Engineering",
        "SEP 2021 – JUL 2023",
        "UC Santa Barbara – BA Philosophy, BS Mathematics in Philosophy & Mathematics",
        "2010 – 2014",
        "Computer Science - BSc",
        "2006 – 2009",
        "ConsenSys Academy – Online in Blockchain Development",
        "JUN 2018 – AUG 2018",
        "Hack Reactor – Bootcamp in Software Development",  # no degree this module knows
        "JUN 2016 – AUG 2016",
        "Imo State University, Owerri, Imo State – BS in Library and Information Science",
        "OCTOBER, 2014 – OCTOBER, 2018")]
    assert [(e.institution, e.degree, e.field) for e in education_entries(lines, pdf=True)] == [
        ("University of Strasbourg", "Master's Degree", "Software Science and Engineering"),
        ("UC Santa Barbara", "BA Philosophy, BS Mathematics", "Philosophy & Mathematics"),
        (None, "BSc", "Computer Science"),
        ("ConsenSys Academy", "Online", "Blockchain Development"),
        ("Hack Reactor", "Bootcamp", "Software Development"),
        ("Imo State University", "BS", "Library and Information Science")]


def word_resume(schools_table: list, heading: str = "Education") -> Resume:
    """A Word resume whose schooling is a table under ``heading``: each row's cells, each
    cell's paragraphs; a role above it and skills after."""
    return word_parsed([
        ("heading", "Experience"),
        ("paragraph", "Site Engineer, Larsen & Toubro Ltd, Chennai\tJun 2017 - Present"),
        ("paragraph", "Supervised the electrical works of a 40-storey tower, from cabling to "
                      "the commissioning of its substations."),
        ("heading", heading), ("table", schools_table),
        ("heading", "Skills"), ("paragraph", "AutoCAD, MS Project, Primavera")])


def schools(resume: Resume) -> list[tuple]:
    return [(e.degree, e.field, e.institution, e.start, e.end, e.grade)
            for e in resume.education]


def test_a_word_table_of_schools_is_read_by_the_columns_its_header_row_names():
    # The header's cells of two lines ("Board/" over "University") used to split the row
    # into lines of its own, each read as a school: "Board", "University", "Year".
    resume = word_resume([
        [["S. No."], ["Qualification"], ["Board/", "University"], ["School/", "College"],
         ["Year"], ["Percentage/", "CGPA"]],
        [["1."], ["B.E.", "(Electrical)"], ["Anna University"], ["Guindy College of",
                                                                 "Engineering"],
         ["2013 - 2017"], ["8.1"]],
        [["2."], ["HSC"], ["State Board"], ["St. Joseph's Higher Secondary School"],
         ["2013"], ["91%"]],
    ])
    assert schools(resume) == [
        ("B.E. (Electrical)", None, "Guindy College of Engineering, Anna University",
         "2013", "2017", "8.1"),
        ("HSC", None, "St. Joseph's Higher Secondary School, State Board", None, "2013",
         "91%"),
    ]
    # Every word is still there: the header row's with the section's leftovers.
    assert "Qualification" in resume.to_text() and "Percentage/ CGPA" in resume.to_text()


def test_a_table_of_schools_under_a_heading_word_as_its_first_column_name():
    # "QUALIFICATION ⇥ INSTITUTION ⇥ …" under "ACADEMIC PROFILE": the first cell is no
    # heading of a section of its own (it took the table's first column with it).
    resume = word_resume([
        [["QUALIFICATION"], ["MAJOR STREAM"], ["INSTITUTION"], ["ACADEMIC YEAR"],
         ["PERCENTAGE"]],
        [["DIPLOMA"], ["Electrical and Electronic Engineering"],
         ["P.A.C. Ramasamy Raja Polytechnic College"], ["2011-2013"], ["92%"]],
        [["SSLC"], ["_"], ["Nadar Higher Secondary School"], ["2010"], ["77%"]],
    ], heading="ACADEMIC PROFILE")
    assert schools(resume) == [
        ("DIPLOMA", "Electrical and Electronic Engineering",
         "P.A.C. Ramasamy Raja Polytechnic College", "2011", "2013", "92%"),
        ("SSLC", None, "Nadar Higher Secondary School", None, "2010", "77%"),
    ]


def test_a_word_table_of_two_cells_is_still_read_cell_by_cell():
    # Two cells (the degree beside its school) are a layout, not a row of fields.
    resume = word_resume([
        [["BE Civil Engineering", "2014"], ["Madha Engineering College", "Chennai"]],
    ])
    assert [(e.degree, e.institution) for e in resume.education] == [
        ("BE", "Madha Engineering College")]


def test_a_school_its_town_and_region_then_a_dash_and_the_degree():
    # Google Docs' template: "School, City, Region – Degree in Field"; a known town
    # (Hamilton) does not make "Hamilton, ON – B. Tech in ..." a place.
    (school,) = education_entries([
        TextLine("McMaster University, Hamilton, ON – B. Tech in Software Engineering",
                 size=10),
        TextLine("SEP 2019 – PRESENT", size=9),
    ])
    assert (school.institution, school.degree, school.field) == (
        "McMaster University", "B. Tech", "Software Engineering")


def test_what_follows_the_schools_place_after_a_dash_is_kept():
    # Google Docs' template: "School, City, Country – Study type in Area", a study type
    # no lexicon knows ("Erasmus").
    (school,) = education_entries([
        TextLine("École Polytechnique Fédérale de Lausanne, Lausanne, Switzerland – "
                 "Erasmus in Computer Science", size=10),
        TextLine("SEP 2021 – JUN 2022", size=9),
    ])
    assert (school.institution, school.degree, school.field) == (
        "École Polytechnique Fédérale de Lausanne", "Erasmus", "Computer Science")


def test_a_school_after_the_last_comma_behind_studies_this_module_does_not_read():
    # "<studies>, <school>" ⇥ dates, the degree misspelt or no degree at all: the school
    # word in the last piece, none before it, says where the school starts.
    schools = education_entries([
        TextLine("Bachellor's in Mathematics, University of Eastbrook\t2019 - 2024", size=10),
        TextLine("Online course in Data Engineering, Northfield Academy\t2021 - 2022", size=10),
        TextLine("University of California, Berkeley\t2014 - 2018", size=10),
    ], pdf=True)
    assert [(s.institution, s.start) for s in schools] == [
        ("University of Eastbrook", "2019"),
        ("Northfield Academy", "2021"),
        ("University of California, Berkeley", "2014")]


def test_a_school_without_a_school_word_beside_studies():
    # "<studies>, <name>" either way round: the name is the school, though no word of a
    # school's says so; a second field after a degree is no school.
    schools = education_entries([
        TextLine("Master of Research in Computer Science, ENS Paris-Saclay\t2024 - 2025", size=10),
        TextLine("Hack Reactor, Bootcamp in Software Development\t2016 - 2016", size=10),
        TextLine("College Degree in Multimedia Systems, ISLA Gaia\t2009 - 2010", size=10),
        TextLine("BS in Computer Science, Physics\t2005 - 2009", size=10),
        TextLine("BA, English\t2001 - 2004", size=10),
    ], pdf=True)
    assert [(s.institution, s.degree, s.start) for s in schools] == [
        ("ENS Paris-Saclay", "Master of Research", "2024"),
        ("Hack Reactor", "Bootcamp", "2016"),
        ("ISLA Gaia", "College Degree", "2009"),
        (None, "BS", "2005"), (None, "BA", "2001")]
    assert [s.field for s in schools[-2:]] == ["Computer Science, Physics", "English"]


def test_schools_one_line_each_closed_by_their_dates_stay_apart():
    # Each line reaches the column's edge, the next opens with a capital: only the dates
    # closing each say it was not wrapped.
    resume = parsed([
        ("EDUCATION", 0, 13, True),
        ("ConsenSys Academy, Online in Blockchain Development (Jun 2018 - Aug 2018)", 0, 10.5,
         False),
        ("Hack Reactor, Bootcamp in Software Development (Jun 2016 - Aug 2016)", 0, 10.5, False),
        ("Davidson College, B.A. in Liberal Arts and Philosophy (May 2008 - May 2012)", 0, 10.5,
         False),
    ])
    assert [(e.institution, e.start) for e in resume.education] == [
        ("ConsenSys Academy", "2018-06"), ("Hack Reactor", "2016-06"),
        ("Davidson College", "2008-05")]


def test_a_school_wrapped_beside_a_dates_column():
    # moderncv: the dates in a column of their own, the degree and school beside them,
    # wrapped under the text, not the dates.
    resume = parsed([
        ("EDUCATION", 0, 13, True),
        ("Sep 2006 - Jul 2012\tSpecialist degree in Mechanics, Saint-Petersburg", 0, 10.5, False),
        ("State University", 370, 10.5, False),
    ])
    assert [(e.institution, e.degree, e.start) for e in resume.education] == [
        ("Saint-Petersburg State University", "Specialist degree", "2006-09")]


def test_studies_with_commas_of_their_own_then_the_school_after_the_last_comma():
    lines = [TextLine(text, size=10, new_block=True) for text in (
        "BA Philosophy, BS Mathematics in Philosophy & Mathematics, UC Santa Clara\t2010 – 2014",
        "BS in Physics, University of California, Berkeley\t2006 – 2010",  # a campus
    )]
    assert [(e.institution, e.degree, e.field) for e in education_entries(lines, pdf=True)] == [
        ("UC Santa Clara", "BA Philosophy, BS Mathematics", "Philosophy & Mathematics"),
        ("University of California, Berkeley", "BS", "Physics")]


def test_a_degree_wrapped_inside_its_brackets_in_the_cell_beside_the_dates():
    # A narrow cell wraps the field's bracket onto the next line: the school after it
    # was read with the bracket's end, the dates' cell in between.
    lines = [
        TextLine("BS in Global ICT (Global Engineer Program in Information and "
                 "Communication\tSep 2014 – Oct 2021", size=10, new_block=True),
        TextLine("Technology), Hanoi University of Science and Technology", size=10,
                 new_block=False)]
    (entry,) = education_entries(lines, pdf=True)
    assert (entry.institution, entry.degree, entry.field, entry.start) == (
        "Hanoi University of Science and Technology", "BS",
        "Global ICT (Global Engineer Program in Information and Communication Technology)",
        "2014-09")


def school_beside_dates(dates: str, cell: str) -> Document:
    """A resume whose one school is set moderncv's way: the dates in a column of their
    own, ``cell`` (markup) beside them, wrapping in its width."""
    row = (f'<table style="width:100%"><tr><td style="width:110px">{dates}</td>'
           f"<td>{cell}</td></tr></table>")
    markup = (OPENING +
              "<p>Backend Engineer at Fernhill Payments, Mar 2021 – Present</p>"
              "<ul><li>Cut settlement time from two days to four hours for every card"
              " scheme</li></ul><h2>Education</h2>" + row)
    return extract_document(pdf_of(markup), filename="resume.pdf")


def test_a_bold_school_wrapped_in_the_cell_beside_the_dates_is_whole():
    # The degree in italics and the school in bold beside the dates; the school's last
    # word wrapped under the cell is bold like it, though the line above (its dates
    # first) counts as plain.
    document = school_beside_dates(
        "Sep 2006 – Jul 2012", "<i>Specialist degree in Mathematics and Mechanics Faculty</i>,"
        " <b>Saint-Petersburg State University</b>")
    assert document.text.endswith("Saint-Petersburg State\nUniversity")  # the cell wraps
    (entry,) = parse_document(document).education
    assert (entry.institution, entry.degree, entry.field, entry.start) == (
        "Saint-Petersburg State University", "Specialist degree",
        "Mathematics and Mechanics Faculty", "2006-09")


def test_a_degree_wrapped_with_its_bold_school_beside_the_dates_is_whole():
    # The italic degree wraps, and its end opens the line that holds the bold school:
    # that line, bold by most of its words, was no wrapped tail of the italic cell.
    document = school_beside_dates(
        "Sep 2014 – Oct 2021", "<i>BS in Global ICT (Global Engineer Program in Information"
        " and Communication Technology)</i>, <b>Hanoi University of Science and Technology</b>")
    assert "Communication\nTechnology), Hanoi" in document.text  # the cell wraps there
    (entry,) = parse_document(document).education
    assert (entry.institution, entry.degree, entry.start) == (
        "Hanoi University of Science and Technology", "BS", "2014-09")


def test_the_school_then_degrees_each_after_a_comma():
    lines = [TextLine("UC Santa Barbara, BA Philosophy, BS Mathematics in Philosophy & "
                      "Mathematics (2010 – 2014)", size=10, new_block=True)]
    assert [(e.institution, e.degree, e.field, e.end)
            for e in education_entries(lines, pdf=True)] == [
        ("UC Santa Barbara", "BA Philosophy, BS Mathematics", "Philosophy & Mathematics",
         "2014")]


def test_a_degree_under_a_school_that_filled_a_narrow_column_is_no_part_of_its_name():
    # A sidebar: the school's name reaches the column's edge, the degree under it wraps.
    lines = [TextLine("Wichita State University", size=10, new_block=True, fill=0.97),
             TextLine("Bachelor in Computer", size=10, new_block=False, fill=0.86),
             TextLine("Science", size=10, new_block=False, fill=0.32)]
    assert [(e.institution, e.degree, e.field) for e in education_entries(lines, pdf=True)] == [
        ("Wichita State University", "Bachelor", "Computer Science")]


def test_a_school_after_at_under_its_degree_wrapped_in_a_narrow_column_is_whole():
    # spartacus: the degree, "at" and the school under it, wrapped in a narrow column.
    # A school on a line of its own kept its "at".
    # Once the degree had taken the "at" line, its reach was measured on the joined text,
    # too long for its width: "College" was a school of its own, and "at" stayed.
    lines = [TextLine("Masters in Software Engineering", size=10.5, fill=0.81),
             TextLine("at National University of Singapore", size=10.5, new_block=False,
                      fill=0.86),
             TextLine("Jan 2013 - May 2014", size=10.5, fill=0.89),
             TextLine("Bachelor in Information Technology", size=10.5, fill=0.88),
             TextLine("at Guru Nanak Dev Engineering", size=10.5, new_block=False, fill=0.8),
             TextLine("College", size=10.5, new_block=False, fill=0.19),
             TextLine("Jul 2007 - May 2011", size=10.5, fill=0.89),
             TextLine("BTEC Level 3 in Software Development", size=10.5, fill=0.9),
             TextLine("at New College", size=10.5, new_block=False, fill=0.36),
             TextLine("Aug 2005 - Jul 2007", size=10.5, fill=0.89)]
    assert [(e.institution, e.degree, e.field, e.start)
            for e in education_entries(lines, pdf=True)] == [
        ("National University of Singapore", "Masters", "Software Engineering", "2013-01"),
        ("Guru Nanak Dev Engineering College", "Bachelor", "Information Technology",
         "2007-07"),
        ("New College", "BTEC Level 3", "Software Development", "2005-08")]


def test_dates_then_school_then_field_over_the_degree_each_school_apart():
    # fresh: the dates on a line of their own over the school, then the field of study
    # (bold, smaller), the degree (plain) and a note; the next school's dates follow.
    resume = parsed([
        ("EDUCATION", 0, 13, True),
        ("2021-09-01 - 2023-07-01", 0, 10, False),
        ("University of Strasbourg", 0, 14.4, True),
        ("Software Science and Engineering (SIL)", 0, 10.8, True),
        ("Master's Degree", 0, 11.2, False),
        ("\u2022 Work-study program (alternance)", 0, 11.2, False),
        ("2018-09-01 - 2021-07-01", 0, 10, False),
        ("University of Strasbourg", 0, 14.4, True),
        ("Computer Science", 0, 10.8, True),
        ("Bachelor's Degree", 0, 11.2, False),
    ])
    assert [(e.institution, e.degree, e.field, e.start, e.end) for e in resume.education] == [
        ("University of Strasbourg", "Master's Degree", "Software Science and Engineering (SIL)",
         "2021-09", "2023-07"),
        ("University of Strasbourg", "Bachelor's Degree", "Computer Science", "2018-09",
         "2021-07")]


def test_a_dated_name_is_the_school_where_no_line_names_a_school_or_degree():
    # paper-plus-plus: "Telecom Lille" beside its dates, all the person wrote of it.
    resume = parsed([
        ("EDUCATION", 0, 13, True),
        ("2005-09-01 to 2011-06-30\tTelecom Lille", 0, 10.5, True),
    ])
    assert [(e.institution, e.degree, e.start, e.end) for e in resume.education] == [
        ("Telecom Lille", None, "2005-09", "2011-06")]


def test_a_name_alone_on_its_dates_after_a_dated_school_over_a_degree_is_the_next_school():
    # paper-plus-plus, read across its margin: the first school's dates beside its degree,
    # the next school's beside its name, which has no school word (the line's weight is
    # its dates').
    def line(text: str, bold: bool = False) -> TextLine:
        return TextLine(text, size=8.4, bold=bold)

    entries = education_entries([
        line("Sri Jayachamarajendra College of Engineering", bold=True),
        line("2012-08-01 to 2015-06-30\tMaster's: Computer Application"),
        line("2008-08-01 to 2011-06-30\tDurgapur Society of Management Science"),
        line("Bachelor: Computer Application"),
    ], pdf=True)
    assert [(e.institution, e.degree, e.start) for e in entries] == [
        ("Sri Jayachamarajendra College of Engineering", "Master's", "2012-08"),
        ("Durgapur Society of Management Science", "Bachelor", "2008-08")]


def test_schools_set_larger_than_their_degrees_in_one_block_each_head_an_entry():
    # compact: the school at 10.5 pt, the degree and the dates (or an open end) at 9,
    # nothing bold, every line in one block; half the schools have no school word.
    def line(text: str, size: float, fill: float) -> TextLine:
        return TextLine(text, size=size, new_block=False, fill=fill)

    entries = education_entries([
        line("ENS Paris-Saclay", 10.5, 0.4),
        line("Parisian Master of Research in Computer Science", 9, 1.0),
        line("Present", 9, 0.2),
        line("Polish-Japanese Academy of Information Technology", 10.5, 1.0),
        line("Bachelor of Computer Software Engineering", 9, 0.8),
        line("Jan 2016", 9, 0.2),
        line("Universidad Complutense de Madrid", 10.5, 0.7),
        line("Bachelor's in Mathematics", 9, 0.5),
        line("Jun 2024", 9, 0.2),
        line("Udacity", 10.5, 0.2),
        line("Nanodegree in Android Development", 9, 0.6),
        line("Jan 2017", 9, 0.2),
    ], pdf=True)
    assert [(e.institution, e.degree, e.field, e.end) for e in entries] == [
        ("ENS Paris-Saclay", "Parisian Master of Research", "Computer Science", None),
        ("Polish-Japanese Academy of Information Technology", "Bachelor",
         "Computer Software Engineering", "2016-01"),
        ("Universidad Complutense de Madrid", "Bachelor's", "Mathematics", "2024-06"),
        ("Udacity", "Nanodegree", "Android Development", "2017-01")]
