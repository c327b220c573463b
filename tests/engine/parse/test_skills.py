from engine.parse.parser import parse_resume
from engine.parse.skills import canonical_skill, find_skills, load_skills


def test_synonyms_map_to_one_canonical_name():
    assert canonical_skill("JS") == "JavaScript"
    assert canonical_skill("javascript") == "JavaScript"
    assert canonical_skill("Postgres") == "PostgreSQL"
    assert canonical_skill("k8s") == "Kubernetes"
    assert canonical_skill("  Node  JS ") == "Node.js"


def test_unknown_skill_keeps_its_spelling_trimmed():
    assert canonical_skill("  Underwater   basket weaving ") == "Underwater basket weaving"


def test_find_skills_in_order_of_first_appearance_each_once():
    text = "Built APIs in Python and Postgres; deployed on k8s. More python, PostgreSQL."
    assert find_skills(text) == ["Python", "PostgreSQL", "Kubernetes"]


def test_longest_skill_wins():
    assert find_skills("React Native apps on SQL Server") == [
        "React Native",
        "Microsoft SQL Server",
    ]


def test_symbols_in_names():
    assert find_skills("C/C++, C#, .NET, Node.js, CI/CD, A/B testing") == [
        "C",
        "C++",
        "C#",
        ".NET",
        "Node.js",
        "CI/CD",
        "A/B testing",
    ]


def test_ambiguous_words_match_only_as_written():
    assert find_skills("Go, R and Rust") == ["Go", "R", "Rust"]
    assert find_skills("go home, take a rest, rust on the car") == []
    assert find_skills("R&D at C-level; John C. Smith") == []


def test_skill_split_over_a_line_break():
    assert find_skills("Machine\nlearning and deep   learning") == [
        "Machine learning",
        "Deep learning",
    ]


def test_no_match_inside_words_or_emails():
    assert find_skills("javascripting pythonic jo.python@example.com") == []


def test_vocabulary_covers_several_fields_without_duplicate_terms():
    skills = load_skills()
    assert len(skills) >= 300
    assert {"language", "data", "business", "finance"} <= {s.category for s in skills}
    names = [s.name.casefold() for s in skills]
    assert len(names) == len(set(names))
    for skill in skills:
        assert canonical_skill(skill.name) == skill.name
        for synonym in skill.synonyms:
            assert canonical_skill(synonym) == skill.name, synonym


def test_a_level_in_brackets_is_left_out_of_the_skill():
    from engine.parse.parser import parse_resume

    text = ("Anna Example\nanna@example.com\n\nSUMMARY\nBackend developer who has built "
            "payment and reporting services for retail banks over the last eight years.\n\n"
            "SKILLS\nHTML (Master):\nPython (Advanced)\nGo (Golang)\nDocker [intermediate level]\n")
    skills = parse_resume(text.encode(), filename="resume.txt").skills
    assert skills[:4] == ["HTML", "Python", "Go (Golang)", "Docker"]


def _lines(*texts: str, size: float = 9.6) -> list:
    from engine.extract.lines import TextLine

    return [TextLine(text=t, size=size) for t in texts]


def test_a_row_of_tags_set_apart_by_spaces_is_cut_into_its_skills():
    from engine.parse.skill_lists import skills_listed

    skills = skills_listed(_lines("Objective-C Swift", "ReactiveCocoa RXSwift", "HTML5 CSS3"), [])
    assert skills == ["Objective-C", "Swift", "ReactiveCocoa", "RXSwift", "HTML5", "CSS3"]


def test_names_listed_with_slashes_stay_one_item_though_a_name_has_a_space():
    from engine.parse.skill_lists import skills_listed

    skills = skills_listed(_lines("Firebase/Mongo DB/Postgres", "React Native/Expo"), [])
    assert skills[:2] == ["Firebase/Mongo DB/Postgres", "Firebase"]
    assert "React Native/Expo" in skills
    assert not {"Firebase/Mongo", "DB/Postgres", "Native/Expo"} & set(skills)


def test_a_skill_of_several_words_is_not_cut_at_a_known_word_inside_it():
    from engine.parse.skill_lists import skills_listed

    skills = skills_listed(_lines("Linux (Mostly Debian based)", "Community Governance",
                                  "Cloud Infra Lead"), [])
    assert skills == ["Linux (Mostly Debian based)", "Community Governance", "Cloud Infra Lead"]


def test_group_labels_are_skills_and_levels_and_generic_labels_are_not():
    from engine.parse.skill_lists import skills_listed

    skills = skills_listed(_lines("Frontend (Advanced): React, Vue", "Tools: Git, Docker",
                                  "Expert", "Python (intermediate)"), [])
    assert skills == ["Frontend", "React", "Vue", "Git", "Docker", "Python"]


def test_skills_under_group_names_without_a_skills_heading_are_found_as_a_list():
    from engine.extract.lines import TextLine
    from engine.parse.skill_lists import skill_list_run

    lines = [TextLine("Berlin Germany", size=9), TextLine("anna-example", size=9),
             TextLine("Programming", size=10.5), *_lines("Python, Bash, Golang", "Rust"),
             TextLine("Tooling", size=10.5), *_lines("Git / GitOps, CI/CD", "Terraform")]
    assert skill_list_run(lines) == (2, len(lines))


def test_a_contact_block_or_a_sentence_naming_skills_is_no_skill_list():
    from engine.extract.lines import TextLine
    from engine.parse.skill_lists import skill_list_run

    assert skill_list_run(_lines("Anna Example", "Data Engineer", "Berlin, Germany",
                                 "anna@example.com", "+49 30 1234567")) is None
    sentence = [TextLine("Extensive experience in HTML5, CSS3, JavaScript, React, and"),
                TextLine("others - creating web applications for clients.", new_block=False)]
    assert skill_list_run(sentence) is None


def test_an_acronym_with_a_sign_in_it_matches_in_any_case():
    # ".Net" and "c#" are no ordinary words; "hr" is, and stays unmatched.
    assert find_skills("Services in .Net and c# for banks, with ML and HR tools; hr") == [
        ".NET", "C#", "Machine learning", "Human resources"]


def test_a_table_row_label_names_its_skills_too():
    from engine.parse.skill_lists import skills_listed

    skills = skills_listed(_lines(".Net C#\tASP.NET Core", "Advanced\tDocker, Kafka"), [])
    assert skills == [".Net C#", ".NET", "C#", "ASP.NET Core", "Docker", "Kafka"]


def test_a_group_label_of_two_names_joined_by_an_ampersand_is_a_label():
    from engine.parse.skill_lists import skills_listed

    skills = skills_listed(_lines(
        "Cloud Infrastructure & Platform Engineering: GCP Networking, Terraform"), [])
    assert skills == ["Cloud Infrastructure & Platform Engineering", "GCP Networking",
                      "Google Cloud Platform", "Networking", "Terraform"]


def test_a_group_label_of_two_names_joined_by_a_slash_is_a_label():
    from engine.parse.skill_lists import skills_listed

    skills = skills_listed(_lines(
        "Data Science / Machine Learning: TensorFlow, PyTorch, Keras"), [])
    assert skills == ["Data Science", "Machine Learning", "TensorFlow", "PyTorch", "Keras"]


def test_a_table_row_first_cell_keeps_its_brackets_a_colon_label_does_not():
    from engine.parse.skill_lists import skills_listed

    skills = skills_listed(_lines("AWS (S3, EC2)\tIBM Cloud", "REVIT MEP (Basics)\tAutoCAD",
                                  "Frontend (3 years): React, Vue"), [])
    assert skills == ["AWS (S3, EC2)", "IBM Cloud", "REVIT MEP", "Revit", "AutoCAD",
                      "Frontend", "React", "Vue"]


def test_skills_listed_with_slashes_between_spaces_are_each_a_skill():
    # "CI/CD" and "TCP/IP" (no spaces) name one thing; " / " lists.
    from engine.parse.skill_lists import skills_listed

    skills = skills_listed(_lines("SASS / LESS / CSSNext", "Git / GitOps, CI/CD"), [])
    assert skills == ["SASS", "LESS", "CSSNext", "Git", "GitOps", "CI/CD"]


def test_a_table_row_label_is_split_like_its_list_and_dotted_names_keep_their_dot():
    from engine.parse.skill_lists import skills_listed

    skills = skills_listed(_lines("TypeScript · Lua\tFrench (B1) · Chinese",
                                  "C#, .Net, ASP.NET Core."), [])
    assert skills == ["TypeScript", "Lua", "French (B1)", "Chinese", "C#", ".Net",
                      "ASP.NET Core"]


def test_a_vendors_name_before_a_product_of_the_same_name_is_not_the_other_product():
    # Cisco's IOS is no iPhone system; Oracle's cloud and ERP are no Oracle database.
    assert find_skills("Cisco IOS, Juniper JunOS") == ["Cisco", "Juniper"]
    assert find_skills("Oracle Cloud Infrastructure, Oracle Fusion ERP") == []
    assert find_skills("iOS and Android apps; Oracle 12c") == ["iOS", "Android", "Oracle Database"]


def test_pieces_of_sentences_under_a_skills_heading_name_only_their_skills():
    # Duties laid out in columns under the skills (their own heading unread): pieces cut
    # off after a function word are no skills, the skills they name are; a phrase listed
    # whole is one.
    resume = parse_resume("\n".join([
        "Kamil Example", "kamil@example.com", "",
        "SKILLS",
        "netmiko napalm click",
        "Develop and maintain tens of | Python packages",
        "solutions such as | Kubernetes",
        "Internet of Things, problem solving and analysis",
    ]).encode(), filename="resume.txt")
    assert resume.skills == ["netmiko napalm click", "Python packages", "Python",
                             "Kubernetes", "Internet of Things", "problem solving and analysis",
                             "Problem solving"]


def _resume_up_to_skills(page) -> float:
    """Draws a name, a short job and a SKILLS heading on ``page``; the height below."""
    y = 50.0
    for text, size in [("Jane Doe", 20), ("jane@example.com", 10), ("Experience", 14),
                       ("Engineer, Contoso Ltd    Jan 2018 - May 2021", 10),
                       ("Looked after the servers of forty clients.", 10), ("Skills", 14)]:
        page.insert_text((30, y), text, fontsize=size, fontname="helv")
        y += 2 * size
    return y


def _pdf_skills(rows: list[str], width: float = 400) -> list[str]:
    """The skills of a one-page resume whose SKILLS section holds ``rows``, set as one
    paragraph of 10 pt lines 12 pt apart (one text block) on a page ``width`` wide."""
    import pymupdf

    from engine.extract.documents import extract_document
    from engine.parse.parser import parse_document

    document = pymupdf.open()
    page = document.new_page(width=width, height=500)
    y = _resume_up_to_skills(page)
    page.insert_text((30, y), rows, fontsize=10, fontname="helv", lineheight=1.2)
    data = document.tobytes()
    document.close()
    return parse_document(extract_document(data, filename="resume.pdf")).skills


def test_a_line_opening_on_a_group_name_and_a_colon_is_no_wrapped_tail_of_the_group_above():
    # Groups as "Name: a, b, c" lines; the first wrapped after its separator, the third
    # reaches across the page: neither the tail "OAuth" nor the full line takes the next
    # group's line as its own wrapped end.
    skills = _pdf_skills([
        "Mobile: Objective-C, Swift, Realm, Core Data, Cocoapods, Carthage,",
        "OAuth",
        "Platforms: OS X, iOS, Linux",
        "Development Tools: Xcode, Atom, Sublime Text, Git, Jira, Travis CI",
        "Cloud Services: Parse, Heroku",
    ])
    assert {"OAuth", "Platforms", "OS X", "iOS", "Travis CI", "Cloud Services",
            "Parse"} <= set(skills)


def _table_skills(rows: list[tuple[str, list[str]]], cells_at: float = 110) -> list[str]:
    """The skills of a one-page resume whose SKILLS section is a table: each group's
    name in bold at the left margin, its keywords' lines plain from ``cells_at`` pt
    (past the page's middle, the extractor reads them as a column of their own), 12 pt
    apart."""
    import pymupdf

    from engine.extract.documents import extract_document
    from engine.parse.parser import parse_document

    document = pymupdf.open()
    page = document.new_page(width=612, height=500)
    y = _resume_up_to_skills(page)
    for name, lines in rows:
        page.insert_text((30, y), name, fontsize=10, fontname="hebo")
        for line in lines:
            page.insert_text((cells_at, y), line, fontsize=10, fontname="helv")
            y += 12
    data = document.tobytes()
    document.close()
    return parse_document(extract_document(data, filename="resume.pdf")).skills


def test_a_table_of_group_names_and_keywords_read_column_by_column_is_read_in_rows():
    # The keywords stand past the page's middle, so the extractor reads them as a column
    # after every bold name: each line of keywords goes with the name at its height, a
    # wrapped one with the row above, and names in a column are no paragraph that
    # wrapped ("Visualization & Dashboarding Version Control", "Troubleshooting DevOps").
    skills = _table_skills([
        ("Cloud Native", ["Docker, Kubernetes, Grafana"]),
        ("Visualization & Dashboarding", ["Tableau, PowerBI, Matplotlib, Plotly,", "Streamlit"]),
        ("Version Control", ["Git, GitHub, GitLab"]),
        ("Scripting", ["DevOps"]),
        ("Troubleshooting", ["DevOps"]),
    ], cells_at=290)
    assert {"Cloud Native", "Visualization & Dashboarding", "Version Control", "Streamlit",
            "Scripting", "Troubleshooting", "DevOps"} <= set(skills)


def test_a_keywords_cell_wrapped_under_itself_goes_on_in_its_row():
    # The wrapped line starts under the keywords, right of the row's start: the end of
    # the keywords, its broken word made whole, not a name of its own.
    skills = _table_skills([
        ("Devops", ["Pulumi, Terraform, Docker, AWS CDK, TeamCity, Data-", "dog"]),
        ("Network", ["Palo Alto Panorama, Cisco ISE, Cisco IOS, Cisco", "NXOS"]),
        ("Tools", ["PyCharm, PowerShell, Bash"]),
    ])
    assert {"Datadog", "Cisco NXOS", "PyCharm"} <= set(skills)
    assert not {"dog", "NXOS", "Data-"} & set(skills)


def test_a_group_named_alone_with_a_colon_is_no_wrapped_tail_of_the_one_above():
    # jake: groups of no keywords, one bold "Name:" a line in a narrow list, where a long
    # name under a short one would have fitted beside it, had it been a wrapped tail.
    from engine.extract.lines import TextLine
    from engine.parse.entry_lines import join_wrapped
    from engine.parse.skill_lists import skills_listed, wraps_joined

    lines = [TextLine(text, size=10, bold=True, new_block=False, fill=fill)
             for text, fill in [("Scala:", 0.39), ("Bash:", 0.37), ("JavaScript:", 0.64),
                                ("TypeScript:", 0.68), ("SQL:", 0.34), ("Terraform:", 0.63)]]
    assert skills_listed(join_wrapped(wraps_joined(lines)), []) == [
        "Scala", "Bash", "JavaScript", "TypeScript", "SQL", "Terraform"]


def test_justified_keywords_cut_at_every_stretched_gap_are_one_text_again():
    # A table cell set justified stretches each word gap of a line alike, wide enough
    # for the extractor to take every word for a cell; the name's own gap is unstretched.
    import pymupdf

    from engine.extract.documents import extract_document
    from engine.parse.parser import parse_document

    document = pymupdf.open()
    page = document.new_page(width=612, height=500)
    y = _resume_up_to_skills(page)
    page.insert_text((30, y), "Systems Administration", fontsize=10, fontname="hebo")
    x = 170.0
    for word in "Windows, Windows Servers, Linux (Mostly Debian based), Fire-".split():
        page.insert_text((x, y), word, fontsize=10, fontname="helv")
        x += pymupdf.get_text_length(word, fontsize=10) + 10
    page.insert_text((170, y + 12), "walls/Security, Networking", fontsize=10, fontname="helv")
    page.insert_text((30, y + 24), "Web Development", fontsize=10, fontname="hebo")
    page.insert_text((170, y + 24), "HTML, CSS, Markdown", fontsize=10, fontname="helv")
    data = document.tobytes()
    document.close()
    skills = parse_document(extract_document(data, filename="resume.pdf")).skills
    assert {"Systems Administration", "Windows Servers", "Linux (Mostly Debian based)",
            "Firewalls/Security", "Web Development"} <= set(skills)
    assert not {"Servers", "(Mostly", "Fire-"} & set(skills)


def test_a_line_read_later_at_the_height_of_a_row_of_cells_is_a_cell_of_that_row():
    from engine.extract.lines import TextLine
    from engine.parse.skill_lists import table_rows

    def line(text: str, top: float, bold: bool = False) -> TextLine:
        return TextLine(text, size=10, bold=bold, new_block=False, top=top)

    rows = table_rows([line("Languages", 100, bold=True), line("Tools\tGit", 112, bold=True),
                       line("Python, Go", 100), line("Docker", 112)])
    assert [row.text for row in rows] == ["Languages\tPython, Go", "Tools\tGit\tDocker"]
