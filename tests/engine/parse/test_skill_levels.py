"""Skill groups each printed over its level (JSON Resume's skills[].level, as the
macchiato theme prints it) under no "Skills" heading, drawn in code and parsed."""

from __future__ import annotations

from engine.extract.lines import TextLine
from engine.parse.skill_lists import skills_listed
from tests.engine.parse.test_entry_layouts import parsed

JOB = [
    ("EXPERIENCE", 0, 13, True),
    ("Staff Engineer, Mechanical Orchard\tSep 2023 - Present", 0, 10.5, True),
    ("Moved a bank's mainframe batch jobs to the cloud without a night of downtime.", 0,
     10.5, False),
]


def test_groups_over_their_levels_are_skills_whatever_their_words():
    resume = parsed([
        *JOB,
        ("ABOUT", 0, 13, True),
        ("Dublin, Ireland", 4, 9, False),
        ("Decision Making", 0, 10.5, False),
        ("Expert", 0, 9, True),
        ("Team Environment Design", 3, 9.6, False),
        ("Decision Framework Design", 3, 9.6, False),
        ("Financial Reconciliation", 0, 10.5, False),
        ("Advanced", 0, 9, True),
        ("Ledger Matching", 3, 9.6, False),
        ("Small Business Finance", 3, 9.6, False),
    ])
    assert {"Decision Making", "Team Environment Design", "Decision Framework Design",
            "Financial Reconciliation", "Ledger Matching",
            "Small Business Finance"} <= set(resume.skills)
    assert not {"Expert", "Advanced", "Dublin, Ireland"} & set(resume.skills)


def test_names_wrapped_in_a_narrow_column_are_whole_skills():
    # A browser may print each line of a narrow sidebar as a block of its own: the
    # joining word or the open bracket at a line's end says the name goes on.
    lines = [TextLine(text, size=size, new_block=True) for text, size in [
        ("Data Science &", 10.5), ("Machine Learning", 10.5),
        ("Graph Databases (Neo4j,", 9.6), ("TigerGraph)", 9.6), ("Python, Kafka", 9.6)]]
    assert skills_listed(lines, []) == [
        "Data Science & Machine Learning", "Graph Databases (Neo4j, TigerGraph)", "Python",
        "Kafka"]


def test_a_level_written_with_a_score_beside_its_skill_is_no_skill():
    # simple-red prints skills[].level in a cell beside the name, as the candidate wrote
    # it: level words and a test's score.
    lines = [TextLine(text, size=9.7) for text in [
        "C#\tmaster Expert 243/300", "JavaScript\tfluent Proficient 185/300",
        "Node.js\tintermediate 186/300", "Docker\tbeginner"]]
    assert skills_listed(lines, []) == ["C#", "JavaScript", "Node.js", "Docker"]


def test_dates_that_ran_into_a_skills_list_are_no_skills():
    # A school's dates read into the skills above it, as a grid theme orders its cells.
    lines = [TextLine(text, size=9.6) for text in [
        "Java, Android, C#, Webpack", "Jan 2013 - Jan 2015", "2003\t2006"]]
    assert skills_listed(lines, []) == ["Java", "Android", "C#", "Webpack"]


def test_a_seniority_written_as_a_groups_level_is_no_skill():
    lines = [TextLine(text, size=9.8) for text in [
        "Team Work", "Middle", "Trello\tSlack\tJira", "Development", "Lead",
        "Tests\tDocumentation", "Backend Development", "Medior", "Go\tPostgreSQL"]]
    skills = skills_listed(lines, [])
    assert not {"Middle", "Lead", "Medior"} & set(skills)
    assert {"Team Work", "Trello", "Development", "Tests", "Go"} <= set(skills)


def test_the_last_groups_keywords_under_its_larger_name_stay_in_the_run():
    # A sidebar names each group larger than its keywords; the last group's keywords
    # name no skill of the vocabulary, and they are no heading below the list.
    from engine.parse.skill_lists import skill_list_run

    lines = [TextLine(text, size=size) for text, size in [
        ("PORTO", 6.8), ("LFBN", 6.8), ("PHP", 10.5), ("SCRIPTING", 7.5), ("SYMFONY", 10.5),
        ("FRAMEWORK", 7.5), ("MYSQL", 10.5), ("RELATIONAL", 7.5), ("JAVA", 10.5),
        ("OBJECT-ORIENTED", 7.5), ("COMPILED", 7.5)]]
    assert skill_list_run(lines) == (2, len(lines))


def test_a_groups_name_wrapped_over_two_lines_opens_the_run():
    from engine.parse.skill_lists import skill_list_run

    lines = [TextLine(text, size=size, new_block=new_block) for text, size, new_block in [
        ("RBARDINI", 6.8, True), ("SOFTWARE", 10.5, True), ("DEVELOPMENT", 10.5, False),
        ("HTML", 7.5, True), ("CSS", 7.5, False), ("JAVASCRIPT", 7.5, False),
        ("TYPESCRIPT", 7.5, False), ("WEB COMPONENTS", 7.5, False)]]
    assert skill_list_run(lines) == (1, len(lines))
