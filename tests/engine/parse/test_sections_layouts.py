"""Section splitting on page layouts drawn in code: a sparse sidebar beside the main
column, a paragraph wrapped onto a line of capitals, a three-column skills grid with
dates set flush right. Each PDF places its text where the theme it stands for does."""

from __future__ import annotations

import pymupdf

from engine.extract.documents import extract_document
from engine.parse.parser import parse_document
from engine.parse.sections import heading_section
from engine.resume import Resume

# (x, baseline y, text, size, bold)
Placed = tuple[float, float, str, float, bool]


def pdf_at(items: list[Placed]) -> bytes:
    """A one-page PDF with each text drawn at its own position."""
    return pages_at([items])


def pages_at(pages: list[list[Placed]]) -> bytes:
    """A PDF with one page for each list of placed texts."""
    document = pymupdf.open()
    for items in pages:
        page = document.new_page()
        for x, y, text, size, bold in items:
            page.insert_text((x, y), text, fontsize=size, fontname="hebo" if bold else "helv")
    data = document.tobytes()
    document.close()
    return data


def parsed(items: list[Placed]) -> Resume:
    return parse_document(extract_document(pdf_at(items), filename="resume.pdf"))


JOBS = [("Northwind", "Backend Developer", "08/2019 - Present"),
        ("Contoso", "Technical Co-founder", "01/2018 - 08/2019"),
        ("Fabrikam", "Front End Developer", "05/2015 - 12/2017")]


def _main_column_jobs(x: float, y: float) -> list[Placed]:
    """Jobs of a sidebar theme's main column: company and dates on one baseline, the
    title under them, a line on the company and bullets (text enough that the sidebar
    holds a small share of the page's)."""
    items: list[Placed] = []
    for company, title, dates in JOBS:
        items += [(x, y, company, 10.5, True), (510, y, dates, 8.2, False),
                  (x, y + 15, title, 9, False),
                  (x, y + 29, f"{company} is a real-time game anyone can play every day.",
                   8.2, False)]
        items += [(x + 25, y + 43 + 14 * n, bullet, 8.2, False)
                  for n, bullet in enumerate(_bullets(company))]
        y += 43 + 14 * len(_bullets(company)) + 20
    return items


def _bullets(company: str) -> list[str]:
    return [f"Built the {company} billing service with a small remote team.",
            f"Led the {company} migration from the old servers to the cloud.",
            "Designed the reporting dashboard used by the sales teams daily.",
            "Wrote the end-to-end tests that now guard every release of it.",
            "Mentored two junior developers through their first production year."]


def test_a_sparse_sidebar_keeps_its_languages_heading_out_of_the_main_columns_jobs():
    # Sidebar headings stand further apart than its items: most gaps are an item's.
    sidebar = [(26, 98, "About", 10.5, False), (29, 130, "anna@example.com", 9, False),
               (29, 147, "example.dev", 9, False), (29, 165, "anna-gh", 9, False),
               (29, 182, "anna-in", 9, False), (26, 216, "Languages", 10.5, False),
               (26, 250, "English", 7.5, False)]
    main = [(160, 98, "Summary", 10.5, False),
            (160, 126, "Six years of building for the web.", 8.2, False),
            (160, 150, "Experience", 10.5, False)]
    resume = parsed([(26, 50, "Anna Example", 24, True), *sidebar, *main,
                     *_main_column_jobs(160, 178)])
    assert [(job.company, job.title) for job in resume.experience] == [
        (company, title) for company, title, _ in JOBS]
    for job in resume.experience:
        assert [b.text for b in job.bullets][-5:] == _bullets(job.company)


def test_a_description_wrapped_onto_a_line_of_capitals_does_not_start_a_section():
    y = 120.0
    items: list[Placed] = [(50, 60, "Anna Example", 15, False),
                           (50, 78, "anna@example.com | New York, NY", 9, False),
                           (50, y, "SUMMARY", 9, False),
                           (130, y, "Builder of tools nobody else had built yet.", 9, False)]
    y += 24
    items.append((50, y, "EXPERIENCE", 9, False))
    for number, (company, title, dates) in enumerate(JOBS):
        items += [(146, y, f"{company}, {title}", 9, number > 0), (470, y, dates, 9, False),
                  (146, y + 38, f"Wrote the {company} tracking pipeline from scratch", 9, False)]
        if not number:  # the first job's description wraps onto one word in capitals
            items += [(146, y + 12, "Computer vision for immersive theater productions "
                       "(FAIRYLAND,", 9, False), (146, y + 23, "AETHER).", 9, False)]
        y += 62
    items += [(50, y, "EDUCATION", 9, False), (146, y, "Example University", 9, True)]
    resume = parsed(items)
    assert [(job.company, job.title) for job in resume.experience] == [
        (company, title) for company, title, _ in JOBS]
    others = " ".join(b.text for section in resume.other_sections for b in section.bullets)
    assert "tracking pipeline" not in others
    assert [e.institution for e in resume.education] == ["Example University"]


def test_a_three_column_skills_grid_and_flush_right_dates_read_as_one_column():
    # The grid's third column and the dates are all that stands right of x=350: too
    # few lines, too far apart to be a column of their own.
    items: list[Placed] = [(40, 50, "Anna Example", 22, False),
                           (40, 70, "Software engineer", 15, False),
                           (40, 110, "SKILLS", 9, True)]
    grid = [("Backend Development", "Frontend Development", "Database Design"),
            ("Senior", "Senior", "Senior"),
            ("Java · Spring Boot", "Angular · React", "PostgreSQL · Redis")]
    y = 128.0
    for row in grid:
        for x, cell in zip((40, 200, 380), row):
            items.append((x, y, cell, 10.5 if row is grid[1] else 9.8, row is grid[0]))
        y += 14
    y += 20
    items.append((40, y, "WORK EXPERIENCE", 9, True))
    y += 20
    for company, title, dates in JOBS:
        items += [(40, y, f"{title} at {company}", 12, False),
                  (40, y + 14, "Sarajevo, Bosnia and Herzegovina", 9.8, False),
                  (470, y + 7, dates, 9.8, False),  # on neither line's baseline
                  (40, y + 30, f"A company making the {company} product", 10.5, False),
                  (40, y + 44, f"• Led the {company} team", 10.5, False),
                  (40, y + 58, "• Introduced pair programming", 10.5, False),
                  (40, y + 72, "• Wrote the test suite", 10.5, False)]
        y += 96
    resume = parsed(items)
    assert [(job.company, job.title, job.start) for job in resume.experience] == [
        ("Northwind", "Backend Developer", "2019-08"),
        ("Contoso", "Technical Co-founder", "2018-01"),
        ("Fabrikam", "Front End Developer", "2015-05")]
    # the third column's skills stay in the skills section
    assert any("PostgreSQL" in skill for skill in resume.skills)


def test_jobs_and_previous_roles_head_the_experience():
    for heading in ("Jobs", "PREVIOUS ROLES", "Where I've worked"):
        text = "\n".join(["Kamil Example", "kamil@example.com", "", "SKILLS", "Python, Ansible",
                          "", heading, "DevOps Engineer, Squad Network (2018 - 2021)",
                          "• Supported the network product owner in planning each quarter",
                          "• Automated the patching of two thousand network devices"])
        resume = parse_document(extract_document(text.encode(), filename="resume.txt"))
        assert [(j.title, j.company) for j in resume.experience] == [
            ("DevOps Engineer", "Squad Network")], heading
        assert resume.skills == ["Python", "Ansible"], heading


def test_headings_in_capitals_without_their_accents_and_lengths_in_french():
    # lucide prints its headings in French, in capitals that drop the accents, and each
    # role's length under its dates ("1 an", "2 ans").
    text = "\n".join([
        "Aaron Example", "aaron@example.com", "",
        "EXPERIENCES PROFESSIONNELLES",
        "Janv. 2012 - Janv. 2013\tGeologist Assistant", "1 an", "KBL Mining Limited",
        "• Updated the database from historical reports.",
        "• Sampled drill cores with portable X-ray fluorescence devices.",
        "FORMATION",
        "Janv. 2013 - Janv. 2015\tMasters en Hydrogeology", "2 ans",
        "University of Western Australia",
        "COMPETENCES", "Python, MODFLOW, PHREEQC"])
    resume = parse_document(extract_document(text.encode(), filename="resume.txt"))
    assert [(j.title, j.company, j.start, j.end) for j in resume.experience] == [
        ("Geologist Assistant", "KBL Mining Limited", "2012-01", "2013-01")]
    assert [e.institution for e in resume.education] == ["University of Western Australia"]
    assert resume.skills == ["Python", "MODFLOW", "PHREEQC"]
    assert heading_section("Expériences professionnelles") == "experience"
    assert heading_section("COMPÉTENCES") == "skills"


def test_french_headings_in_capitals_without_their_accents():
    # lucide in French: "EXPERIENCES PROFESSIONNELLES", "COMPETENCES" (no accents).
    text = "\n".join(["Blaise Exemple", "blaise@example.com", "", "COMPETENCES", "Python, Ansible",
                      "", "EXPERIENCES PROFESSIONNELLES",
                      "Software Engineer, Northwind (2018 - 2021)",
                      "• Automatisé la mise à jour de deux mille équipements réseau"])
    resume = parse_document(extract_document(text.encode(), filename="resume.txt"))
    assert [(j.title, j.company) for j in resume.experience] == [
        ("Software Engineer", "Northwind")]
    assert resume.skills == ["Python", "Ansible"]


def test_a_larger_heading_set_in_the_block_of_the_lines_above_starts_its_section():
    # The theme draws each heading 2 pt under the last line before it, in that line's
    # block: "Skills and Tech" (in the heading style, holding "skills") is no wrapped
    # end of the degree above, being 2 pt larger.
    items: list[Placed] = [(50, 60, "Brandon Example", 20, True),
                           (50, 76, "Seattle · brandon@example.com", 9, False),
                           (50, 100, "Experience", 13.5, True)]
    y = 118.0
    for company, title in (("Northwind", "Senior Software Engineer"),
                           ("Contoso", "Frontend Developer")):
        items += [(55, y, title, 12, True), (450, y, "Jan 2016 – Present", 12, True),
                  (55, y + 13, company, 11.2, False),
                  (70, y + 28, f"Built the {company} billing service with a small team.",
                   11.2, False)]
        y += 48
    items += [(50, y, "Education", 13.5, True), (55, y + 18, "Example University", 12, True),
              (55, y + 31, "Bachelor, Philosophy", 11.2, False),
              (50, y + 49, "Skills and Tech", 13.5, True)]
    y += 67
    for row in ("Languages: Rust, Scala, TypeScript.", "Data: Postgres, Elasticsearch.",
                "Devops: Pulumi, Terraform, Datadog."):
        items.append((70, y, row, 11.2, False))
        y += 13
    resume = parsed(items)
    assert {"Rust", "Scala", "Postgres", "Pulumi", "Datadog"} <= set(resume.skills)
    assert [e.institution for e in resume.education] == ["Example University"]


def _jobs_from(x: float, y: float, companies: list[str]) -> list[Placed]:
    items: list[Placed] = []
    for company in companies:
        items += [(x, y, company, 10.5, True), (500, y, "2019 - 2021", 8.2, False),
                  (x, y + 15, "Backend Developer", 9, False)]
        items += [(x + 20, y + 30 + 13 * n,
                   f"Built the {company} service number {n} with a small team.", 8.2, False)
                  for n in range(6)]
        y += 128
    return items


def test_a_sidebar_that_runs_onto_the_next_page_goes_on_with_its_own_section():
    # Each page has a sidebar of tags left of the main column's jobs; page 2's sidebar
    # opens the page, after page 1's last job.
    tags = [(40, 110 + 12 * n, tag, 7.5, False) for n, tag in enumerate(
        ["PYTHON", "DJANGO", "POSTGRESQL", "DOCKER", "KUBERNETES", "TERRAFORM"])]
    first = [(40, 60, "Anna Example", 16, True), (40, 90, "SKILLS", 10.5, False), *tags,
             (230, 60, "EXPERIENCE", 10.5, False),
             *_jobs_from(230, 85, ["Northwind", "Contoso", "Fabrikam", "Initech", "Umbrella"])]
    second = [(40, 60 + 12 * n, tag, 7.5, False)
              for n, tag in enumerate(["REDIS", "KAFKA", "ELASTICSEARCH", "MONGODB"])]
    second += [*_jobs_from(230, 60, ["Globex", "Hooli"]), (230, 400, "EDUCATION", 10.5, False),
               (230, 420, "Example University", 10.5, True)]
    resume = parse_document(extract_document(pages_at([first, second]),
                                             filename="resume.pdf"))
    assert [job.company for job in resume.experience] == [
        "Northwind", "Contoso", "Fabrikam", "Initech", "Umbrella", "Globex", "Hooli"]
    assert {"REDIS", "KAFKA", "MONGODB"} <= set(resume.skills)


def test_a_skill_group_under_its_level_read_as_an_unknown_section_lists_skills():
    # A sidebar names each skill group in the headings' style, its level under it, then
    # its keywords: "GEOSCIENCE" (its name's wrapped start) heads a section of its own.
    keywords = ["PROCESSING MODFLOW", "FEFLOW", "PHREEQC", "ARCGIS VER. 10"]
    items: list[Placed] = [
        (40, 50, "AARON EXAMPLE", 20, True), (40, 80, "ABOUT", 10.5, False),
        (40, 100, "a@example.com", 7, False), (40, 130, "PROGRAMMING LANGUAGES", 10.5, False),
        (40, 146, "INTERMEDIATE", 9, True), (40, 160, "PYTHON, C++, MATHEMATICA", 7.5, False),
        (40, 190, "GEOSCIENCE", 10.5, False), (40, 202, "APPLICATIONS", 10.5, False),
        (40, 218, "INTERMEDIATE", 9, True),
        *[(40, 232 + 10 * n, keyword, 7.5, False) for n, keyword in enumerate(keywords)],
        (40, 290, "INTERESTS", 10.5, False), (40, 306, "HOME AUTOMATION", 9, True),
        (230, 50, "EXPERIENCE", 10.5, False),
        *_jobs_from(230, 75, ["Northwind", "Contoso", "Fabrikam"]),
        (230, 470, "EDUCATION", 10.5, False), (230, 490, "Example University", 10.5, True)]
    assert parsed(items).skills == ["PYTHON", "C++", "MATHEMATICA", *keywords]


def test_a_heading_in_capitals_without_its_accents_is_the_accented_headings_section():
    from engine.parse.sections import heading_section

    assert heading_section("COMPETENCES") == heading_section("Compétences") == "skills"
    assert heading_section("EXPERIENCES PROFESSIONNELLES") == "experience"
    assert heading_section("Навыки") == "skills"  # other scripts as they were
    text = "\n".join(["Blaise Example", "blaise@example.com", "", "COMPETENCES",
                      "HTML, CSS, Javascript", "", "EXPERIENCES PROFESSIONNELLES",
                      "Developer, Amazon (2019 - 2021)",
                      "• Built the billing pages that bill every seller of the marketplace",
                      "• Moved the invoices of the European sellers to the new ledger"])
    resume = parse_document(extract_document(text.encode(), filename="resume.txt"))
    assert resume.skills == ["HTML", "CSS", "Javascript"]


def test_a_name_wrapped_over_lines_in_the_headings_style_is_no_heading_of_its_first_word():
    # A sidebar sets each skill group's name in the headings' style, 29 pt apart, a name
    # wrapped over lines 0 pt apart: "SOFTWARE" / "ARCHITECTURE" / "DESIGN" is one name.
    items: list[Placed] = [(40, 30, "SEBASTIAN EXAMPLE", 20, True),
                           (40, 80, "ABOUT", 10.5, False),
                           (44, 100, "s@example.com", 6.8, False),
                           (44, 112, "SEBEXAMPLE", 6.8, False)]
    y = 140.0
    for name in (["NODE.JS"], ["JAVASCRIPT"], ["GIT"], ["SOFTWARE", "ARCHITECTURE", "DESIGN"],
                 ["TEAM LEADERSHIP"], ["JSON"]):
        for part in name:
            items.append((40, y, part, 10.5, False))
            y += 11
        y += 29
    items += [(230, 80, "EXPERIENCE", 10.5, False),
              *_jobs_from(230, 105, ["Northwind", "Contoso", "Fabrikam"]),
              (230, 500, "EDUCATION", 10.5, False), (230, 520, "Example University", 10.5, True)]
    assert parsed(items).skills == [
        "NODE.JS", "JAVASCRIPT", "GIT", "SOFTWARE ARCHITECTURE DESIGN", "TEAM LEADERSHIP", "JSON"]


def test_a_larger_weak_heading_in_the_block_of_the_list_above_starts_its_section():
    # simple-red sets each heading in a margin cell beside its section's first line, in
    # the block of the list above: "Languages" (13 pt) is no wrapped end of its 10.8 pt.
    from engine.extract.lines import TextLine
    from engine.parse.sections import split_sections

    def line(text: str, size: float, bold: bool = False, new_block: bool = True,
             indent: float = 0.0, fill: float = 0.5) -> TextLine:
        return TextLine(text, size=size, bold=bold, new_block=new_block, indent=indent,
                        fill=fill)

    lines = [line("Sebastian Example", 22, True), line("s@example.com", 9.7),
             line("Experience\tFounder, Assembl\t2019 - Present", 10.8, True, fill=1.0),
             line("Built a global scientific network for researchers.", 9.7, indent=109.8),
             line("Skills\tNode.js", 10.8, True),
             line("JavaScript\tGit\tSoftware Architecture Design", 10.8, True, indent=109.8),
             line("HTML5\tOSHA 30-hr Certified", 10.8, True, False, indent=109.8),
             line("Languages\tEnglish\tGerman", 13.0, True, False),
             line("Native Speaker\tNative Speaker", 9.7, indent=109.8),
             line("Interests\tBlockchain, Open Science", 9.7, True, fill=1.0)]
    sections = {s.key: [held.text for held in s.lines] for s in split_sections(lines).sections}
    assert sections["skills"] == [
        "Node.js", "JavaScript\tGit\tSoftware Architecture Design", "HTML5\tOSHA 30-hr Certified"]
    assert sections["languages"] == ["English\tGerman", "Native Speaker\tNative Speaker"]


def _grid_rows(left: list[str], right: list[str], y: float) -> list[Placed]:
    """Two cells a row from ``y`` down, then the schools and the awards across the page."""
    end = y + 15 * len(left) + 30
    return [*[(55, y + 15 * n, tag, 10, False) for n, tag in enumerate(left)],
            *[(265, y + 15 * n, tag, 10, False) for n, tag in enumerate(right)],
            (130, end, "Education", 14, True), (40, end + 25, "Imo State University", 11, True),
            (40, end + 40, "BS, Library and Information Science", 10, False),
            (130, end + 80, "Awards", 14, True),
            (40, end + 105, "Base Blockchain Prize - SuperHack 2024", 11, True)]


_FIRST_PAGE: list[Placed] = [
    (40, 40, "Arthur Example", 20, True), (40, 70, "Work", 14, True),
    *_jobs_from(40, 95, ["Northwind", "Contoso", "Fabrikam", "Initech", "Umbrella"])]


def test_a_grid_of_skill_groups_read_as_two_columns_keeps_its_right_column_in_skills():
    # Page 2 sets the skill groups in a grid of two cells a row under a centred "Skills",
    # then the schools and the awards across the page: the grid's right cells are read
    # as a column after the page's left one, below "Awards", no heading of their own.
    left = ["Vue", "Nuxt", "React", "TypeScript", "Tailwind CSS"]
    right = ["Express", "NestJS", "Prisma", "RainbowKit", "OnchainKit"]
    second = [(130, 60, "Skills", 14, True), (40, 90, "Frontend", 11, True),
              (250, 90, "Backend", 11, True), *_grid_rows(left, right, 108)]
    resume = parse_document(extract_document(pages_at([_FIRST_PAGE, second]),
                                             filename="resume.pdf"))
    assert {"Backend", *left, *right} <= set(resume.skills)
    assert [e.institution for e in resume.education] == ["Imo State University"]


def test_a_grid_of_skill_groups_that_runs_onto_the_next_page_stays_in_skills():
    # The grid's last rows open page 2, above the page's first heading: its right cells
    # go with the section the page goes on with, not with the page's last one.
    first = [*_FIRST_PAGE, (130, 760, "Skills", 14, True),
             (40, 790, "Programming Languages", 11, True),
             (250, 790, "Frameworks & databases", 11, True),
             (55, 808, "Javascript", 10, False), (265, 808, "React/ Next.js", 10, False)]
    left = ["HTML&CSS", "Go", "Kotlin", "Swift"]
    right = ["Firebase/Mongo DB/Postgres", "Node/Express/Fastify", "React Native/Expo",
             "Django"]
    resume = parse_document(extract_document(pages_at([first, _grid_rows(left, right, 40)]),
                                             filename="resume.pdf"))
    assert {*left, *right} <= set(resume.skills)


def _caffeine(groups: list[tuple[str, list[str]]]) -> Resume:
    """caffeine's page: a sidebar of contact lines, then each skill group's name in the
    headings' own style over its items, no "Skills" above them; the main column's
    headings in that style too."""
    sidebar: list[Placed] = [(26, 98, "ABOUT", 10.5, False),
                             (29, 124, "ANNA@EXAMPLE.COM", 6.8, False)]
    y = 160.0
    for name, items in groups:
        sidebar.append((26, y, name, 10.5, False))
        sidebar += [(26, y + 26 + 10.5 * n, item, 7.5, False) for n, item in enumerate(items)]
        y += 26 + 10.5 * len(items) + 16
    main = [(200, 98, "SUMMARY", 10.5, False),
            (200, 124, "Six years of building for the web.", 8.2, False),
            (200, 150, "EXPERIENCE", 10.5, False), (200, 740, "EDUCATION", 10.5, False),
            (200, 766, "IMO STATE UNIVERSITY", 10.5, True)]
    return parsed([(26, 50, "ANNA EXAMPLE", 24, True), *sidebar, *main,
                   *_main_column_jobs(200, 178)])


def test_skill_groups_named_in_the_headings_style_under_no_skills_heading_keep_their_names():
    # "FRONTEND" and "BACKEND" name no section, and "PREPROCESSORS" lists words the
    # vocabulary does not know; all three are groups of one list.
    groups = [("FRONTEND", ["HTML/JSX", "REACTJS", "REDUX", "ANGULARJS"]),
              ("BACKEND", ["NODEJS", "DJANGO", "PYTHON", "POSTGRESQL"]),
              ("PREPROCESSORS", ["EJS", "HANDLEBARS", "BABEL", "JADE", "COFFEESCRIPT"]),
              ("TOOLS", ["GULP", "GRUNT", "GIT"]), ("LANGUAGES", ["ENGLISH (FLUENTLY)"])]
    skills = {skill.casefold() for skill in _caffeine(groups).skills}
    for name, items in groups[:3]:
        assert {name.casefold(), *(item.casefold() for item in items)} <= skills


def test_a_list_under_others_after_a_skill_group_in_its_style_is_the_lists_last_group():
    groups = [("PROGRAMMING LANGUAGES", ["JAVASCRIPT", "HTML&CSS", "GO"]),
              ("FRAMEWORKS", ["REACT/ NEXT.JS", "FIREBASE/MONGO", "NODE/EXPRESS/FASTIFY"]),
              ("OTHERS", ["GIT/GITHUB", "PROBABILITY THEORY & STATISTICS"]),
              ("LANGUAGES", ["ENGLISH (FLUENTLY)"]), ("INTERESTS", ["CHESS"])]
    resume = _caffeine(groups)
    assert {"GIT/GITHUB", "PROBABILITY THEORY & STATISTICS"} <= set(resume.skills)


def test_a_right_column_that_never_had_a_heading_sets_cells_beside_the_next_pages_sections():
    # class: page 1's right column is the end of a bullet's line beside the job's title;
    # page 2 sets the skill groups in a grid, "Data" and "Devops" in the right column
    # beside "Skills". A column that never had a heading is no sidebar going on: its
    # lines on the next page are cells of the sections beside them, not the last job's.
    from engine.extract.lines import TextLine
    from engine.parse.sections import split_sections

    def line(text: str, page: int, column: int, top: float, size: float = 10.8,
             bold: bool = False) -> TextLine:
        return TextLine(text, page=page, size=size, bold=bold, column=column, top=top,
                        fill=0.5)

    lines = [line("Brandon Example", 0, 0, 37, 21.6, True), line("Work", 0, 0, 259, 16.2, True),
             line("Ozette", 0, 0, 297, 12.6, True),
             line("Senior Software Engineer\t2021-09-01 - Present", 0, 0, 325),
             line("• Formalized infrastructure as code patterns", 0, 1, 325),
             line("and code quality checks in continuous integration.", 0, 0, 349),
             line("• Migrated the infrastructure off Kubernetes to AWS.", 0, 0, 361),
             line("Education", 1, 0, 57, 16.2, True),
             line("Lewis and Clark College\t2012-09-01 - 2014-05-02", 1, 0, 90),
             line("Skills", 1, 0, 112, 16.2, True), line("Languages", 1, 0, 144),
             line("• Rust", 1, 0, 167), line("• Scala", 1, 0, 179),
             line("Data", 1, 1, 144), line("• Postgres", 1, 1, 167),
             line("Devops", 1, 1, 234), line("• TeamCity", 1, 1, 257)]
    sections = {s.key: [held.text for held in s.lines] for s in split_sections(lines).sections}
    assert {"Data", "• Postgres", "Devops", "• TeamCity"} <= set(sections["skills"])
    assert "Devops" not in sections["experience"]


def test_a_margin_heading_heads_both_columns_of_the_band_under_it():
    # even: "Projects" in the left margin, its project's tags running on into the right
    # column; then "Skills" in the margin over skill groups in two columns. The right
    # column goes on under "Skills", not with the project whose tags it held.
    from engine.extract.lines import TextLine
    from engine.parse.sections import split_sections

    def line(text: str, column: int, top: float, size: float = 10.5,
             margin_heading: bool = False) -> TextLine:
        return TextLine(text, size=size, column=column, top=top, fill=0.5,
                        margin_heading=margin_heading)

    lines = [line("Denis Harlow", 0, 20, 32), line("Projects", 0, 40, 20.5, True),
             line("CRM (Sales Platform) at Northwind", 0, 42, 16.4),
             line("c#\tmicrosoft word\thtml\twpf", 0, 82), line("winforms\txml\tprinting", 1, 82),
             line("Skills", 0, 119, 20.5, True), line("C#", 0, 122, 16.4),
             line("Events, Delegates and Lambdas", 0, 147), line("Type Conversions", 0, 196),
             line("JavaScript", 1, 122, 16.4), line("Loops and Iteration", 1, 147),
             line("Classes and Modules\tFunctions", 1, 172),
             line("Control Flow and Error Handling", 1, 220)]
    sections = {s.key: [held.text for held in s.lines] for s in split_sections(lines).sections}
    assert sections["skills"][-4:] == ["JavaScript", "Loops and Iteration",
                                       "Classes and Modules\tFunctions",
                                       "Control Flow and Error Handling"]
    assert sections["projects"][-1] == "winforms\txml\tprinting"


def _jobs_under_large_headings(titles: list[str], y: float) -> list[Placed]:
    """flat's jobs: the company in bold with its dates flush right, its web address and
    the title in a larger bold under it, then the bullets; its headings stand at 20 pt."""
    items: list[Placed] = []
    for (company, _, dates), title in zip(JOBS, titles):
        items += [(50, y, company, 10.5, True), (450, y, dates, 10.5, False),
                  (50, y + 15, f"https://{company.lower()}.example", 12, False),
                  (50, y + 29, title, 12, True)]
        items += [(65, y + 46 + 14 * n, bullet, 10, False)
                  for n, bullet in enumerate(_bullets(company)[:2])]
        y += 46 + 28 + 14
    return items


def _flat_resume(titles: list[str], tail: list[Placed]) -> list[Placed]:
    """A page in flat's look: name, a summary and the jobs under 20 pt headings, the
    education, then ``tail`` (the sections after it)."""
    return [(50, 50, "Anna Example", 24, True), (50, 70, "anna@example.com", 10, False),
            (50, 100, "Summary", 20, False),
            (50, 118, "Backend developer who ships small, sure steps.", 10, False),
            (50, 150, "Work", 20, False), *_jobs_under_large_headings(titles, 175),
            (50, 430, "Education", 20, False), (50, 455, "Example University", 12, True),
            (50, 470, "BSc in Computer Science", 10, False), *tail]


def test_a_title_that_is_a_headings_word_in_a_roles_style_stays_a_title():
    # "Volunteer" in the titles' 12 pt bold, where every heading stands at 20 pt: no
    # section of its own, so the role keeps its title and the next roles their place.
    titles = ["Volunteer", "Technical Co-founder", "Front End Developer"]
    resume = parsed(_flat_resume(titles, [(50, 510, "Skills", 20, False),
                                          (50, 535, "Python, SQL, Docker", 10, False)]))
    assert [(job.company, job.title) for job in resume.experience] == [
        (company, title) for (company, _, _), title in zip(JOBS, titles)]
    assert [len(job.bullets) for job in resume.experience] == [2, 2, 2]
    assert "volunteer" not in resume.sections
    assert [e.institution for e in resume.education] == ["Example University"]


def test_a_heading_a_little_smaller_than_the_others_is_still_a_heading():
    # Word CVs mix their headings' sizes: "EDUCATION" in 12 pt capitals among 14 pt ones.
    items: list[Placed] = [(50, 50, "Anna Example", 20, True),
                           (50, 90, "Objective", 14, True),
                           (50, 110, "Backend developer who ships small, sure steps.", 10, False),
                           (50, 140, "Work History", 14, True)]
    y = 165.0
    for company, title, dates in JOBS:
        items += [(50, y, f"{title}, {company}", 10, True), (450, y, dates, 10, False),
                  (65, y + 14, f"Built the {company} billing service.", 10, False)]
        y += 36
    items += [(50, y + 10, "EDUCATION", 12, True),
              (50, y + 30, "BSc in Computer Science, Example University, 2015", 10, False),
              (50, y + 60, "Skills", 14, True), (50, y + 80, "Python, SQL, Docker", 10, False)]
    resume = parsed(items)
    assert "education" in resume.sections
    assert [e.institution for e in resume.education] == ["Example University"]
    assert [job.company for job in resume.experience] == [company for company, _, _ in JOBS]


def test_a_lone_skills_heading_smaller_than_the_others_still_opens_the_skills():
    # Skills under a heading of their own style, smaller than the three main headings:
    # no role is titled "Skills", so it stays a heading whatever its size.
    titles = ["Backend Developer", "Technical Co-founder", "Front End Developer"]
    resume = parsed(_flat_resume(titles, [
        (50, 505, "Skills", 14, False), (50, 525, "Python, SQL, Docker", 10, False),
        (50, 560, "Interests", 20, False), (50, 585, "Chess and long walks", 10, False)]))
    assert resume.skills == ["Python", "SQL", "Docker"]
    assert [e.institution for e in resume.education] == ["Example University"]
