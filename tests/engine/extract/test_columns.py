"""Columns of a page drawn in code: which side a line is read with."""

from __future__ import annotations

import pymupdf

from engine.extract.documents import extract_document
from engine.extract.pdf_layout import Segment, gutter, lines_in_reading_order
from engine.parse.parser import parse_document


def two_sides(left: list[str], right: list[str], gutter: float = 160.0) -> bytes:
    """A page with ``left`` stacked in a narrow sidebar and ``right`` beside it from the
    top, both in 10 pt lines 14 pt apart."""
    document = pymupdf.open()
    page = document.new_page()
    for x, lines in ((26.0, left), (gutter, right)):
        for index, text in enumerate(lines):
            page.insert_text((x, 30.0 + 14 * index), text, fontsize=10, fontname="helv")
    data = document.tobytes()
    document.close()
    return data


def test_a_short_column_with_a_wide_line_is_still_a_column():
    # Three lines beside a long sidebar, one of them wider than half the page: the
    # wide line does not cross the gutter, so it counts with its column.
    sidebar = ["About", "anna@example.org", "example.org", "Cloud Native", "Docker",
               "Kubernetes", "Grafana", "Telegraf", "InfluxDB", "Data Engineering",
               "Apache Spark", "Apache Kafka"]
    right = ["Publications",
             "Concurrent Filtering and Smoothing: A Parallel Architecture for Real-Time Navigation",
             "and Full Smoothing",
             "Gender Conflict Resolution in Mushunguli"]
    lines = [line.text for line in
             extract_document(two_sides(sidebar, right), filename="cv.pdf").lines]
    assert lines == sidebar + right


def test_headings_set_large_and_flush_right_in_the_margin_head_what_stands_beside_them():
    # pumpkin: "Work", "Skills" in bold 19.5 pt flush right, each a little above its
    # section's first line; two tags of a row stand past the gutter.
    def seg(x0: float, y0: float, text: str, size: float = 12, bold: bool = False,
            x1: float | None = None) -> Segment:
        return Segment(x0, y0, x1 if x1 is not None else x0 + 6 * len(text), y0 + size,
                       text, size, bold, 0)

    segments = [
        seg(480, 100, "Work", 19.5, True, x1=560),
        seg(22, 130, "Grupo Rosul, Analyst", bold=True),
        seg(22, 150, "Led the development of Android apps"),
        seg(470, 200, "Skills", 19.5, True, x1=560),
        seg(22, 230, "Java"), seg(80, 230, "Android"), seg(395, 230, "Ruby on Rails"),
        seg(22, 250, "Angular"), seg(90, 250, "Sass"), seg(487, 250, "Python"),
    ]
    texts = [line.text for line in lines_in_reading_order(segments, 387.0, 0)]
    assert texts.index("Work") < texts.index("Grupo Rosul, Analyst")
    assert texts.index("Led the development of Android apps") < texts.index("Skills")
    assert texts.index("Skills") < min(i for i, t in enumerate(texts) if "Java" in t)


def test_a_heading_below_both_columns_of_a_grid_is_read_after_both():
    # minyma: skill cards two to a row, then "Work" at the page's foot, left of the
    # gutter and below all of the right column: it was read after the left cards and
    # before the right ones, which so fell under "Work".
    def seg(x0: float, y0: float, text: str, size: float = 10.5) -> Segment:
        return Segment(x0, y0, x0 + 6 * len(text), y0 + size, text, size, True, int(y0))

    segments = [seg(40, 60, "Skills", 22.5)]
    for row, (left, right) in enumerate([("Backend", "Frontend"), ("Ruby", "Vue"),
                                         ("Databases", "DevOps"), ("Redis", "Terraform")]):
        segments += [seg(40, 100 + 24 * row, left), seg(320, 100 + 24 * row, right)]
    segments.append(seg(40, 260, "Work", 22.5))
    lines = lines_in_reading_order(segments, 300.0, 0, page_width=612)
    texts = [line.text for line in lines]
    assert texts == ["Skills", "Backend", "Ruby", "Databases", "Redis",
                     "Frontend", "Vue", "DevOps", "Terraform", "Work"]
    # The cards fill their column as wide as the page sets it, not as their longest.
    assert max(line.fill for line in lines if line.text in ("Databases", "Terraform")) < 0.5


def label_margin_page() -> bytes:
    """paper-plus-plus: section headings in a left margin, each centred against its
    section's lines (between two of them, or level with the middle one), the entries'
    dates level with their titles; the sections' lines to the right."""
    document = pymupdf.open()
    page = document.new_page()

    def put(x: float, y: float, text: str, size: float = 9) -> None:
        page.insert_text((x, y), text, fontsize=size, fontname="helv")

    put(250, 30, "Vincent Billey", 18)
    put(265, 46, "All round Developer")
    for y, key, value in ((80, "Email", "vincent@example.org"),
                          (96, "Website", "https://vincent.example.org")):
        put(165, y, key)
        put(330, y, value)
    put(60, 88.75, "Contact", 11)  # between its two lines
    for y, key, value in ((120, "Address", "Lille"), (132, "Country", "France"),
                          (144, "Region", "Hauts-de-France")):
        put(165, y, key)
        put(330, y, value)
    put(60, 132, "Location", 11)  # level with its middle line
    put(40, 180, "Work Experience", 11)
    put(40, 195, "2014-10-14 to Present", 7)
    put(165, 195, "Developer at Synbioz")
    put(165, 207, "Built the frontend of the billing product in Ember and React")
    put(40, 235, "2011-07-01 to 2014-10-14", 7)
    put(165, 235, "Web technical director at 3DDUO")
    put(165, 247, "Moved the company's code to git and taught the team to use it")
    put(165, 259, "Redesigned www.allofamille.fr with FuelPHP")
    put(60, 290, "Education", 11)
    put(40, 305, "2005-09-01 to 2011-06-30", 7)
    put(165, 305, "Telecom Lille")
    skills = ["HTML: HTML5, CSS3", "Code: JavaScript, PHP, Python, Bash",
              "Databases: PostgreSQL, MySQL, AWS DynamoDB", "Tools: Git, Webpack, Babel"]
    for index, text in enumerate(skills):
        put(165, 340 + 14 * index, text)
    put(60, 361.75, "Skills", 11)  # halfway down its four lines
    data = document.tobytes()
    document.close()
    return data


def test_headings_centred_in_a_left_margin_head_their_sections_read_across():
    lines = [line.text for line in
             extract_document(label_margin_page(), filename="cv.pdf").lines]
    texts = [" ".join(text.split()) for text in lines]
    assert texts[:3] == ["Vincent Billey", "All round Developer", "Contact"]
    assert texts[texts.index("Location"):texts.index("Location") + 4] == [
        "Location", "Address Lille", "Country France", "Region Hauts-de-France"]
    assert texts[texts.index("Work Experience") + 1] \
        == "2014-10-14 to Present Developer at Synbioz"
    assert texts[texts.index("Education") + 1] == "2005-09-01 to 2011-06-30 Telecom Lille"
    assert texts[texts.index("Skills") + 1:] == [
        "HTML: HTML5, CSS3", "Code: JavaScript, PHP, Python, Bash",
        "Databases: PostgreSQL, MySQL, AWS DynamoDB", "Tools: Git, Webpack, Babel"]


def test_a_resume_with_centred_margin_headings_parses_whole():
    resume = parse_document(extract_document(label_margin_page(), filename="cv.pdf"))
    assert [(e.title, e.company, e.start, e.end) for e in resume.experience] == [
        ("Developer", "Synbioz", "2014-10", "present"),
        ("Web technical director", "3DDUO", "2011-07", "2014-10")]
    assert [e.institution for e in resume.education] == ["Telecom Lille"]
    assert {"PostgreSQL", "Python", "Webpack", "CSS3"} <= set(resume.skills)


def test_a_side_label_centred_beside_its_block_goes_before_it():
    # One column (no gutter): "Skills" stands left of its four lines, halfway down them,
    # sharing no baseline; a label level with its block's first line stays there.
    def seg(x0: float, y0: float, text: str) -> Segment:
        return Segment(x0, y0, x0 + 5 * len(text), y0 + 9, text, 9, False, 0)

    segments = [seg(190, 20, "Languages: Python, SQL, Bash, C++"),
                seg(190, 33, "ML/CV: PyTorch, TensorFlow, OpenCV"),
                seg(70, 39, "Skills"),
                seg(190, 46, "LLM Integration: Anthropic API, DSPy"),
                seg(190, 59, "Infrastructure: Linux, AWS, GCP"),
                seg(70, 100, "Interests"), seg(190, 100, "Chess, climbing"),
                seg(190, 113, "Board games")]
    texts = [line.text for line in lines_in_reading_order(segments, None, 0)]
    assert texts == ["Skills", "Languages: Python, SQL, Bash, C++",
                     "ML/CV: PyTorch, TensorFlow, OpenCV", "LLM Integration: Anthropic API, DSPy",
                     "Infrastructure: Linux, AWS, GCP", "Interests\tChess, climbing",
                     "Board games"]


def test_a_side_heading_level_with_its_first_line_stays_under_the_section_above():
    # rocketspacer: "About" in the margin level with its paragraph's first line, the
    # line above (the last of the contact details, in the paragraph's size) close above.
    def seg(x0: float, y0: float, text: str, size: float = 6.9) -> Segment:
        return Segment(x0, y0, x0 + 4 * len(text), y0 + 8.1, text, size, False, 0)

    paragraph = ["I have spent my career exploring finance and technology, between",
                 "tokenization models, smart contracts and regression analyses of",
                 "litigation cases, and I would describe myself as curious."]
    segments = [seg(135, 90.8, "Website", 5.8), seg(135, 98.4, "http://www.example.com"),
                seg(27, 106.7, "About", 9.2)]
    segments[2].y1 = 117.4
    segments += [seg(135, 107.6 + 10.4 * index, text) for index, text in enumerate(paragraph)]
    texts = [line.text for line in lines_in_reading_order(segments, None, 0)]
    assert texts == ["Website", "http://www.example.com", "About", *paragraph]


def at(x0: float, y0: float, x1: float, y1: float, text: str, size: float) -> Segment:
    """A segment where a PDF drew it (positions read from the theme's own print)."""
    return Segment(x0, y0, x1, y1, text, size, False, 0)


def test_a_sidebar_whose_headings_stand_level_with_the_main_columns_is_still_a_column():
    # LinkedIn's profile PDF (positions as drawn): the sidebar's headings stand level
    # with the main column's by chance, its items do not, and the items stack closely.
    left = [at(36, 50.8, 84, 61.7, "Contact", 10.9),
            at(36, 73.2, 111, 82.7, "Manchester, UK", 9.5),
            at(36, 101.1, 94, 112.0, "Top Skills", 10.9),
            at(36, 123.4, 73, 132.9, "DevOps", 9.5),
            at(36, 136.8, 84, 146.3, "Ansible", 9.5),
            at(36, 150.2, 80, 159.7, "Jenkins", 9.5),
            at(36, 178.2, 103, 189.1, "Languages", 10.9),
            at(36, 200.5, 157, 210.0, "English - Native speaker", 9.5)]
    right = [at(201, 43.2, 362, 64.1, "Tom Harrington", 20.9),
             at(201, 65.3, 271, 75.7, "IT Apprentice", 10.4),
             at(201, 98.8, 270, 113.1, "Summary", 14.2),
             at(201, 128.7, 440, 138.2, "Currently a student at Oldham Sixth Form", 9.5),
             at(201, 161.5, 281, 175.8, "Experience", 14.2),
             at(201, 191.4, 238, 202.3, "Bosch", 10.9),
             at(201, 205.8, 401, 215.8, "DevOps Engineer for automated driving", 10.0),
             at(201, 219.6, 385, 229.1, "Oct 2019 - Present (7 years 2 months)", 9.5),
             at(201, 238.2, 527, 247.7, "Joined the Athena project, a Bosch & Daimler", 9.5),
             at(201, 251.6, 349, 261.1, "autonomous car to the streets.", 9.5),
             at(201, 275.0, 271, 285.9, "Asseco PST", 10.9),
             at(201, 289.4, 288, 299.4, "DevOps Engineer", 10.0),
             at(201, 303.2, 390, 312.7, "Apr 2018 - Aug 2019 (1 year 5 months)", 9.5),
             at(201, 321.8, 542, 331.3, "Joined the DevOps team to help them build CI", 9.5),
             at(201, 335.2, 520, 344.7, "pipelines for the payment gateways of banks", 9.5),
             at(201, 348.6, 480, 358.1, "and ran the team's Kubernetes clusters", 9.5)]
    assert gutter(left + right, 595.0) is not None


def test_a_sidebar_beside_a_column_whose_blocks_change_size_is_still_a_column():
    # macchiato (positions as drawn): each sidebar line stands beside the main column's
    # lines, whose sizes change within a role (company, title, text); read as blocks in
    # one size, every sidebar line would find a small block of its own.
    left = [at(26, 97.7, 54, 109.5, "About", 10.5),
            at(29, 126.1, 130, 136.2, "matt@example.com", 9.0),
            at(29, 143.4, 70, 153.4, "example.dev", 9.0),
            at(29, 160.6, 46, 170.7, "hew", 9.0),
            at(29, 177.9, 52, 187.9, "tahini", 9.0),
            at(26, 208.0, 80, 219.7, "Languages", 10.5),
            at(26, 234.0, 51, 242.3, "English", 7.5)]
    right = [at(509, 32.6, 564, 46.0, "profile-pic", 12.0),
             at(160, 97.7, 207, 109.5, "Summary", 10.5),
             at(160, 123.8, 359, 133.0, "Six years experience building for the web.", 8.25),
             at(160, 151.7, 216, 163.5, "Experience", 10.5),
             at(510, 177.8, 579, 187.0, "08/2019 - Present", 8.25),
             at(160, 178.0, 213, 189.7, "Cash Live", 10.5),
             at(160, 189.9, 248, 199.9, "Full Stack Developer", 9.0),
             at(160, 204.0, 411, 213.2, "Cash Live is a free, daily, real-time trivia game.",
                8.25),
             at(187, 220.5, 413, 229.7, "Worked as part of a small team of engineers.", 8.25),
             at(187, 229.5, 445, 238.7, "Built a real-time GRPC dashboard for the hosts.", 8.25),
             at(187, 238.5, 333, 247.7, "Built a companion CMS.", 8.25),
             at(187, 247.5, 351, 256.7, "Floated around the stack.", 8.25),
             at(508, 267.8, 579, 277.0, "01/2018 - 08/2019", 8.25),
             at(160, 268.0, 241, 279.7, "Startup League", 10.5)]
    assert gutter(left + right, 595.0) is not None
