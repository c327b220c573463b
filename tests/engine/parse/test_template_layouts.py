"""Experience entries in the layouts of resume templates people render from LaTeX,
RenderCV, Europass, LinkedIn, Google Docs, Markdown and Word (Deedy, RenderCV's classic
theme, AltaCV, the Europass forms, LinkedIn's export, Google Docs' serif template, pandoc's
look, Word's lists, labels and tables), each drawn with PyMuPDF cell by cell (position,
size, font, right alignment), written with python-docx or, for a text export's labels, as
plain text, then extracted and parsed like an uploaded resume. Each job's title, company,
place and dates are checked."""

from __future__ import annotations

import io

import docx
import pymupdf

from engine.extract.documents import extract_document
from engine.parse.parser import parse_document
from engine.resume import Resume

# (x, text, size, font); a negative x right-aligns the cell at -x.
Cell = tuple[float, str, float, str]
BULLETS = (
    "Led the migration of the billing platform from a monolith to Kafka event streams",
    "Built the payments gateway used by 40 merchants, handling 2 million payments a month",
)
JOBS = (  # company, title, place, start, end
    ("Northwind Traders", "Senior Software Engineer", "Seattle, WA", "Jun 2021", "Present"),
    ("Contoso Ltd", "Software Engineer", "Austin, TX", "Jan 2018", "May 2021"),
    ("Fabrikam Inc", "Junior Developer", "Denver, CO", "Jul 2016", "Dec 2017"),
)
EXPECTED = [
    ("Senior Software Engineer", "Northwind Traders", "Seattle, WA", "2021-06", "present"),
    ("Software Engineer", "Contoso Ltd", "Austin, TX", "2018-01", "2021-05"),
    ("Junior Developer", "Fabrikam Inc", "Denver, CO", "2016-07", "2017-12"),
]


def width(text: str, font: str, size: float) -> float:
    return pymupdf.get_text_length(text, fontname=font, fontsize=size)


def parsed(rows: list[tuple[float, list[Cell]]]) -> Resume:
    """A one-page resume of rows, each (its distance below the row above, its cells),
    under a name and contact line."""
    document = pymupdf.open()
    page = document.new_page()
    y = 50.0
    header = [(0.0, [(50, "Jane Doe", 20, "hebo")]),
              (16.0, [(50, "jane@example.com | +1 555 010 2030", 9, "helv")])]
    for step, cells in header + rows:
        y += step
        for x, text, size, font in cells:
            x = -x - width(text, font, size) if x < 0 else x
            page.insert_text((x, y), text, fontsize=size, fontname=font)
    data = document.tobytes()
    document.close()
    return parse_document(extract_document(data, filename="resume.pdf"))


def jobs(resume: Resume) -> list[tuple]:
    return [(j.title, j.company, j.location, j.start, j.end) for j in resume.experience]


def test_deedy_title_dates_and_place_in_one_line_under_the_company():
    rows: list[tuple[float, list[Cell]]] = [(28, [(50, "EXPERIENCE", 11, "hebo")])]
    for company, title, place, start, end in JOBS:
        rows += [(18, [(50, company, 11, "helv")]),
                 (13, [(50, f"{title} | {start} - {end} | {place}", 9, "helv")])]
        rows += [(13, [(60, f"• {text}", 9, "helv")]) for text in BULLETS]
    resume = parsed(rows)
    assert jobs(resume) == EXPECTED
    assert [b.text for b in resume.experience[2].bullets] == list(BULLETS)


SERIF = {"r": "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",  # fonts-dejavu-core
         "b": "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf",
         "i": "/usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf"}


def serif_parsed(rows: list[tuple[float, list[Cell]]]) -> Resume:
    """As ``parsed``, in DejaVu Serif ("r", "b", "i" for the font), which has the dashes."""
    document = pymupdf.open()
    page = document.new_page()
    y = 50.0
    header = [(0.0, [(50, "Jane Doe", 20, "b")]), (16.0, [(50, "jane@example.com", 9, "r")])]
    for step, cells in header + rows:
        y += step
        for x, text, size, font in cells:
            page.insert_text((x, y), text, fontsize=size, fontname=f"f{font}",
                             fontfile=SERIF[font])
    data = document.tobytes()
    document.close()
    return parse_document(extract_document(data, filename="resume.pdf"))


def test_google_docs_one_line_of_text_under_each_roles_dates():
    # "**Company** — *Title*" over the dates in capitals, then one plain line saying what
    # the role was ("SDE at Northwind Cloud" names no role of its own), a list under it
    # or not.
    texts = ("SDE at Northwind Cloud", "Worked on the billing interface for support agents",
             "Built the store front for Fabrikam Outlet")
    rows: list[tuple[float, list[Cell]]] = [(28, [(50, "EXPERIENCE", 11.5, "b")])]
    for (company, title, _, start, end), text in zip(JOBS, texts):
        dash = 50 + pymupdf.Font(fontfile=SERIF["b"]).text_length(company, fontsize=10.5)
        after = dash + pymupdf.Font(fontfile=SERIF["r"]).text_length(" — ", fontsize=10.5)
        rows += [(24, [(50, company, 10.5, "b"), (dash, " — ", 10.5, "r"),
                       (after, title, 10.5, "i")]),
                 (12, [(50, f"{start} – {end}".upper(), 8.5, "r")]),
                 (18, [(50, text, 10.5, "r")])]
        if text == texts[1]:
            rows.append((14, [(60, f"• {BULLETS[0]}", 10.5, "r")]))
    resume = serif_parsed(rows)
    assert [(j.title, j.company, j.start, j.end) for j in resume.experience] == [
        (title, company, start, end) for title, company, _, start, end in EXPECTED]
    assert [[b.text for b in j.bullets] for j in resume.experience] == [
        [texts[0]], [texts[1], BULLETS[0]], [texts[2]]]


def test_markdown_resume_headings_wrapped_and_a_line_of_text_over_the_list():
    # Markdown through pandoc: "### Title, Company" a size over the text, its dates and
    # place in italics, one plain line saying what the role was, then the list. A long
    # heading wraps, onto a line of its own after "-" too (which reads as an item).
    rows: list[tuple[float, list[Cell]]] = [(30, [(50, "Experience", 18.5, "b")])]
    roles = [
        (["Junior Developer (Platform & Tools) at Fabrikam Inc", "- A Northwind Company"],
         "Store front"),
        (["Software Engineer and Team Lead for Java and Angular, Contoso Institute for the",
          "study of complex systems"], "A software company taming complex systems"),
        (["Developper, Northwind Traders"], "Payments platform")]  # no title word, as spelt
    for (heading, text), (_, _, place, start, end) in zip(roles, JOBS):
        rows.append((26, [(50, heading[0], 12.6, "b")]))
        rows += [(15, [(50, more, 12.6, "b")]) for more in heading[1:]]
        rows += [(17, [(50, f"{start} – {end}, {place}", 11, "i")]),
                 (18, [(50, text, 11, "r")]), (16, [(50, f"• {BULLETS[0]}", 11, "r")])]
    resume = serif_parsed(rows)
    assert [[b.text for b in j.bullets] for j in resume.experience] == [
        [text, BULLETS[0]] for _, text in roles]
    assert [(j.title, j.company, j.location) for j in resume.experience] == [
        ("Junior Developer (Platform & Tools)", "Fabrikam Inc – A Northwind Company",
         "Seattle, WA"),
        ("Software Engineer and Team Lead for Java and Angular",
         "Contoso Institute for the study of complex systems", "Austin, TX"),
        (None, "Developper, Northwind Traders", "Denver, CO")]  # no cut its words show


def test_rendercv_places_and_dates_in_the_right_margin_beside_the_bullets():
    # "Company, Title" with the place at the right; the dates under the place, beside
    # the first bullet, whose lines stop short of that margin.
    rows: list[tuple[float, list[Cell]]] = [(28, [(50, "Experience", 13, "hebo")])]
    for company, title, place, start, end in JOBS:
        rows.append((18, [(50, company, 10, "hebo"),
                          (50 + width(company, "hebo", 10), f", {title}", 10, "helv"),
                          (-560, place, 10, "helv")]))
        rows.append((13, [(60, f"• {BULLETS[0][:68]}", 9, "helv"),
                          (-560, f"{start} - {end}", 9, "helv")]))
        rows.append((13, [(60, f"• {BULLETS[1][:68]}", 9, "helv")]))
    rows += [(24, [(50, "Education", 13, "hebo")]),
             (18, [(50, "University of Washington, BS in Computer Science", 10, "helv"),
                   (-560, "Seattle, WA", 10, "helv")]),
             (13, [(-560, "Sept 2012 - May 2016", 9, "helv")])]
    resume = parsed(rows)
    assert jobs(resume) == EXPECTED
    assert [b.text for b in resume.experience[0].bullets] == [
        BULLETS[0][:68].strip(), BULLETS[1][:68].strip()]
    (school,) = resume.education
    assert (school.institution, school.start, school.end) == (
        "University of Washington", "2012-09", "2016-05")


def test_europass_dates_in_the_left_column_and_the_employer_under_the_title():
    rows: list[tuple[float, list[Cell]]] = [(28, [(50, "WORK EXPERIENCE", 13, "hebo")])]
    for company, title, place, start, end in JOBS:
        rows += [(20, [(50, f"{start} - {end}", 9, "helv"), (200, title, 10, "hebo")]),
                 (13, [(200, f"{company}, {place}", 10, "helv")])]
        rows += [(12, [(210, f"• {text[:60]}", 9, "helv")]) for text in BULLETS]
    resume = parsed(rows)
    assert jobs(resume) == EXPECTED
    assert len(resume.experience[1].bullets) == 2


def test_altacv_title_set_larger_close_under_the_last_bullet_of_the_role_before():
    rows: list[tuple[float, list[Cell]]] = [(28, [(50, "EXPERIENCE", 13, "hebo")])]
    for company, title, place, start, end in JOBS:
        rows += [(18, [(50, title, 12, "helv")]), (14, [(50, company, 10, "hebo")]),
                 (12, [(50, f"{start} - {end}", 8, "helv"), (180, place, 8, "helv")])]
        rows += [(12, [(60, f"• {text}", 9, "helv")]) for text in BULLETS]
    resume = parsed(rows)
    assert jobs(resume) == EXPECTED
    assert [b.text for b in resume.experience[0].bullets] == list(BULLETS)


def two_columns(side: list[tuple[str, float, str]], main: list[tuple[str, float, str]]) -> Resume:
    """A sidebar at the left and a main column, each with its own line spacing."""
    document = pymupdf.open()
    page = document.new_page()
    for x, items, y in ((30, side, 40.0), (220, main, 48.0)):
        for text, size, font in items:
            y += size * 1.55
            if text:
                page.insert_text((x, y), text, fontsize=size, fontname=font)
    data = document.tobytes()
    document.close()
    return parse_document(extract_document(data, filename="resume.pdf"))


def test_linkedin_export_a_sidebar_of_headings_and_roles_grouped_under_their_company():
    side = [("Contact", 13, "hebo"), ("jane@example.com", 9, "helv"), ("", 9, "helv"),
            ("Top Skills", 13, "hebo"), ("Kafka", 9, "helv"), ("PostgreSQL", 9, "helv"),
            ("", 9, "helv"), ("Languages", 13, "hebo"), ("German", 9, "helv"),
            ("", 9, "helv"), ("Honors-Awards", 13, "hebo"), ("Hackathon winner 2019", 9, "helv")]
    main = [("Jane Doe", 24, "helv"), ("Senior Software Engineer at Northwind", 11, "helv"),
            ("", 9, "helv"), ("Experience", 15, "helv")]
    for company, title, place, start, end in JOBS[:1]:
        main += [(company, 12, "helv"), (title, 11, "helv"),
                 (f"{start} - {end} (3 years 6 months)", 9, "helv"), (place, 9, "helv"),
                 (BULLETS[0][:60] + ".", 9, "helv"), ("", 9, "helv")]
    # Two roles at one company: its name and total time, then each role without it.
    main.append(("Contoso Ltd", 12, "helv"))
    main.append(("6 years 5 months", 9, "helv"))
    for _, title, place, start, end in JOBS[1:]:
        main += [(title, 11, "helv"), (f"{start} - {end} (2 years)", 9, "helv"),
                 (place, 9, "helv"), (BULLETS[1][:60] + ".", 9, "helv")]
    resume = two_columns(side, main)
    assert jobs(resume) == [EXPECTED[0], EXPECTED[1], ("Junior Developer", "Contoso Ltd",
                                                        *EXPECTED[2][2:])]
    assert resume.skills[:2] == ["Kafka", "PostgreSQL"] and "Top Skills" not in resume.skills
    assert {o.name for o in resume.other_sections} >= {"languages", "awards"}


def test_headings_after_an_icon_or_before_a_rule_head_their_sections():
    # AltaCV and many HTML themes set an icon before each heading: a Font Awesome glyph
    # (private use area) or an emoji; others draw a rule after it.
    text = "\n".join([
        "Jane Doe", "jane@example.com", "",
        "\uf0b1 Experience",
        "Senior Software Engineer, Northwind Traders (Jun 2021 - Present)",
        f"• {BULLETS[0]}",
        "🎓 Education ───────",
        "BS in Computer Science, University of Washington (2012 - 2016)",
        "■ SKILLS",
        "Kafka, PostgreSQL, Go",
    ])
    resume = parse_document(extract_document(text.encode(), filename="resume.txt"))
    assert jobs(resume) == [("Senior Software Engineer", "Northwind Traders", None,
                             "2021-06", "present")]
    assert [s.institution for s in resume.education] == ["University of Washington"]
    assert resume.skills[:3] == ["Kafka", "PostgreSQL", "Go"]


def test_words_second_level_bullet_letter_o_starts_each_item():
    # Word's second-level list glyph is a letter "o" in Courier New; exported to PDF it
    # is text like any other.
    rows: list[tuple[float, list[Cell]]] = [(28, [(50, "EXPERIENCE", 12, "hebo")])]
    for company, title, place, start, end in JOBS[:2]:
        rows.append((18, [(50, f"{title}, {company}, {place}", 10, "hebo"),
                          (-560, f"{start} - {end}", 10, "helv")]))
        rows += [(13, [(60, "o", 9, "cour"), (72, text, 9, "helv")]) for text in BULLETS]
    resume = parsed(rows)
    assert jobs(resume) == EXPECTED[:2]
    assert [b.text for b in resume.experience[1].bullets] == list(BULLETS)


def test_europass_form_labels_flush_right_beside_their_values():
    # The older Europass CV: each row a label set flush right against the gap ("Dates",
    # "Occupation or position held") and its value beside it; the employer comes after
    # the activities.
    rows: list[tuple[float, list[Cell]]] = [(28, [(-190, "Work experience", 12, "hebo")])]
    for company, title, _, start, end in JOBS[:2]:
        for label, value in (("Dates", f"{start} - {end}"),
                             ("Occupation or position held", title),
                             ("Main activities and responsibilities", BULLETS[0][:50]),
                             ("Name and address of employer", f"{company}, Berlin (Germany)"),
                             ("Type of business or sector", "Software")):
            rows.append((16, [(-190, label, 9, "helv"), (200, value, 10, "helv")]))
        rows.append((10, []))
    resume = parsed(rows)
    assert jobs(resume) == [(title, company, "Berlin (Germany)", start, end)
                            for title, company, _, start, end in EXPECTED[:2]]
    assert [b.text for b in resume.experience[0].bullets] == [
        f"Main activities and responsibilities\t{BULLETS[0][:50]}",
        "Type of business or sector\tSoftware"]


# A Word document's blocks: ("heading", text), ("paragraph", text) or ("table", rows),
# each row's cells a text or a list of the cell's paragraphs ("Board/" over "University").
Block = tuple[str, str | list[list[str | list[str]]]]


def word_parsed(blocks: list[Block]) -> Resume:
    """A Word resume of ``blocks`` under a name and an email, written with python-docx
    and parsed like an upload."""
    document = docx.Document()
    document.add_paragraph("Jane Doe")
    document.add_paragraph("jane@example.com")
    for kind, content in blocks:
        if kind == "heading":
            document.add_heading(content, level=1)
        elif kind == "paragraph":
            document.add_paragraph(content)
        else:
            table = document.add_table(rows=0, cols=len(content[0]))
            for row in content:
                for cell, value in zip(table.add_row().cells, row):
                    paragraphs = [value] if isinstance(value, str) else value
                    cell.text = paragraphs[0]
                    for more in paragraphs[1:]:
                        cell.add_paragraph(more)
    data = io.BytesIO()
    document.save(data)
    return parse_document(extract_document(data.getvalue(), filename="resume.docx"))


def word_roles_table(heading: str, rows: list, education: str) -> Resume:
    """A Word resume whose roles are a table under ``heading`` (the header row first),
    then an education line."""
    return word_parsed([("heading", heading), ("table", rows), ("heading", "Education"),
                        ("paragraph", education)])


def test_roles_in_a_word_table_under_a_header_row_naming_its_columns():
    resume = word_roles_table("Work Experience", [
        ("S.No.", "Organization", "Designation", "From", "To"),
        *((str(number), company, title, start, end)
          for number, (company, title, _, start, end) in enumerate(JOBS, start=1))],
        "BS in Computer Science, University of Washington, 2012 - 2016")
    assert [(j.title, j.company, j.start, j.end) for j in resume.experience] == [
        (title, company, start, end) for title, company, _, start, end in EXPECTED]
    # Every word is still there: the header row's with the section's leftovers.
    assert "Organization Designation From To" in resume.to_text()
    assert "Jul 2016" not in resume.to_text() and "Fabrikam Inc" in resume.to_text()


def test_a_word_table_of_roles_whose_dates_column_is_a_period_of_working():
    resume = word_roles_table("EXPERENCE", [  # misspelt, as written
        ("S.NO", "COMPANY NAME", "DESIGNATION", "PERIOD OF WORKING"),
        ("1", "MRF Limited", "Electrician", "2011 to 2012"),
        ("2", "Courtyard by Marriott", "Shift Incharge", "March 16, 2015 to Feb 10, 2016")],
        "ITI Electrician, Sri Krishna ITI, Arakkonam, 2010")
    assert [(j.title, j.company, j.start, j.end) for j in resume.experience] == [
        ("Electrician", "MRF Limited", "2011", "2012"),
        ("Shift Incharge", "Courtyard by Marriott", "2015-03", "2016-02")]


def test_a_bold_label_over_a_roles_items_in_word_is_no_company():
    # Indian Word CVs: a bold "dates, title in company" line, then a bold "Job
    # Responsibilities" over the items; the label was read as the role's company.
    document = docx.Document()
    document.add_paragraph("Jane Doe")
    document.add_paragraph("jane@example.com")
    document.add_heading("Work Experience", level=1)
    roles = [("March, 2006 – Dec, 2009, Site Supervisor in Northwind Builders Jhansi.",
              "Job Responsibilities", ["Arranged the materials and manpower for the work.",
                                       "Wrote the site's daily reports."]),
             ("Feb, 2003 – Jan, 2006, Junior Supervisor in Contoso Infrastructure Noida.",
              "Roles & Responsibilities", ["Checked the levels of the foundations."]),
             ("Jan, 2001 – Jan, 2003, Trainee at Fabrikam Steel, Kanpur.",
              "JOB PROFILE", ["Drew the bar bending schedules."]),
             ("Jan, 1999 – Dec, 2000, Apprentice at Contoso Foods, Agra.",
              "Key Role", ["Kept the stock registers."])]
    for header, label, items in roles:
        for text in (header, label):
            document.add_paragraph().add_run(text).bold = True
        for item in items:
            document.add_paragraph(f"• {item}")
    data = io.BytesIO()
    document.save(data)
    resume = parse_document(extract_document(data.getvalue(), filename="resume.docx"))
    assert [(e.start, e.end, [b.text for b in e.bullets]) for e in resume.experience] == [
        ("2006-03", "2009-12", roles[0][2]), ("2003-02", "2006-01", roles[1][2]),
        ("2001-01", "2003-01", roles[2][2]), ("1999-01", "2000-12", roles[3][2])]
    labels = {label.casefold() for _, label, _ in roles}
    assert not {(e.company or "").casefold() for e in resume.experience} & labels
    assert not {(e.title or "").casefold() for e in resume.experience} & labels


EDUCATION: list[Block] = [
    ("heading", "Education"),
    ("paragraph", "B.Com, Punjab University, Chandigarh, 2003, with first division marks"),
    ("heading", "Skills"), ("paragraph", "Tally ERP 9, SAP data entry, MS Office, GST returns")]


def test_word_roles_listed_one_a_line_company_dates_then_title():
    roles = [("M/S Northwind Foods Products", "Dec2003 to June 2007", "Finance & Logistic Manager"),
             ("M/S Contoso Elastomer India Pvt. Ltd", "Oct 2007 to Aug 2009", "Executive Officer"),
             ("Fabrikam Steels Pvt. Ltd", "June 2012 to till date", "Accounts Manager")]
    resume = word_parsed([
        ("heading", "Working Experiences"),
        *(("paragraph", f"• {company} {dates} {title}") for company, dates, title in roles),
        ("paragraph", "Present Job profile:-"),
        ("paragraph", "• Verified the journal vouchers and the purchase bills."),
        *EDUCATION])
    assert [(j.company, j.title, j.start, j.end) for j in resume.experience] == [
        ("M/S Northwind Foods Products", "Finance & Logistic Manager", "2003-12", "2007-06"),
        ("M/S Contoso Elastomer India Pvt. Ltd", "Executive Officer", "2007-10", "2009-08"),
        ("Fabrikam Steels Pvt. Ltd", "Accounts Manager", "2012-06", "present")]
    assert [b.text for b in resume.experience[-1].bullets] == [
        "Verified the journal vouchers and the purchase bills."]




def test_a_role_label_over_its_value_names_the_title_not_a_list():
    text = "\n".join([
        "Jane Doe", "jane@example.com", "PROFESSIONAL EXPERIENCE",
        "Northwind Analytics Pvt Ltd, Bangalore ( Sept 13", "Till Date)",
        "Product", ": Data Governance & Data Quality", "Role", ": Lead Data Analyst",
        "Key Role", "• Built the data quality checks for every business unit.",
        "EDUCATION", "B.E. in Computer Science, Manipal Institute of Technology, 2006",
        "SKILLS", "SQL Server, SSIS, SSRS, Informatica, Oracle"])
    resume = parse_document(extract_document(text.encode(), filename="resume.txt"))
    assert [job.title for job in resume.experience] == ["Lead Data Analyst"]
    assert [b.text for b in resume.experience[0].bullets][-1:] == [
        "Built the data quality checks for every business unit."]
