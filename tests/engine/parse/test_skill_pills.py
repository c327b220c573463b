"""Skills drawn in PDFs the way browsers print web resumes, drawn in code with PyMuPDF
and parsed: tags set side by side as pills, one text run holding them apart by runs of
spaces, cells of a grid, tags wrapped in a grid of tags."""

from __future__ import annotations

import pymupdf

from engine.extract.documents import extract_document
from engine.extract.lines import TextLine
from engine.extract.pdf_layout import spaced_tags
from engine.parse.entry_lines import items_set_apart, join_wrapped, wrap_spacing
from engine.parse.parser import parse_document
from engine.parse.skill_lists import skills_listed, wrapped_rows_apart, wraps_joined


def _skills(rows: list[str]) -> list[str]:
    """The skills of a one-page resume: a name, a short job, then ``rows`` under SKILLS,
    each row one text run."""
    document = pymupdf.open()
    page = document.new_page()
    y = 60.0
    for text, size in [("Jane Doe", 20), ("jane@example.com", 10), ("Experience", 14),
                       ("Systems Engineer, Contoso Ltd    Jan 2018 - May 2021", 11),
                       ("Looked after the servers of forty small clients.", 11),
                       ("Skills", 14), *[(row, 11) for row in rows]]:
        page.insert_text((50, y), text, fontsize=size, fontname="helv")
        y += 2 * size
    data = document.tobytes()
    document.close()
    return parse_document(extract_document(data, filename="resume.pdf")).skills


def test_pills_held_apart_by_runs_of_spaces_are_each_a_skill():
    assert _skills([
        "Windows Server   Linux (Mostly Debian based)   Firewall and Cyber Security",
        "Event management  Sound  Lighting  Stage  Health & Safety",
    ]) == ["Windows Server", "Linux (Mostly Debian based)", "Firewall and Cyber Security",
           "Cybersecurity", "Event management", "Sound", "Lighting", "Stage",
           "Health & Safety"]


def test_a_sentence_with_two_spaces_after_its_full_stop_is_not_cut_into_tags():
    assert _skills([
        "Ran the servers.  Wrote Python.  Kept Linux up to date.",
    ]) == ["Python", "Linux"]


def test_a_name_or_an_address_spaced_out_stays_one_line():
    assert spaced_tags("MIZANUR  HAQUE, AITP") == "MIZANUR  HAQUE, AITP"
    assert spaced_tags("2632  La Cienega Avenue  Los Angeles  310. 839. 8722") == (
        "2632  La Cienega Avenue  Los Angeles  310. 839. 8722")


def _grid_skills(columns: list[list[str]], gap: float) -> list[str]:
    """The skills of a grid under SKILLS drawn column by column (as a browser prints
    cells: a column's cells, then the next column's), each column ``gap`` font sizes
    right of the widest cell of the one before."""
    document = pymupdf.open()
    page = document.new_page()
    for y, text, size in [(60, "Jane Doe", 20), (90, "jane@example.com", 10),
                          (120, "Skills", 14), (220, "Experience", 14),
                          (245, "Web Developer, Contoso Ltd    Jan 2018 - May 2021", 11),
                          (265, "Built the shop's web pages and the services behind them.", 11)]:
        page.insert_text((50, y), text, fontsize=size, fontname="helv")
    x = 50.0
    for column in columns:
        for row, text in enumerate(column):
            page.insert_text((x, 150 + 14 * row), text, fontsize=11, fontname="helv")
        x += max(pymupdf.get_text_length(t, fontsize=11) for t in column) + gap * 11
    data = document.tobytes()
    document.close()
    return parse_document(extract_document(data, filename="resume.pdf")).skills


def test_cells_of_a_grid_side_by_side_are_apart_though_close():
    # Two blocks on one baseline half a font size apart: two cells, not one name.
    assert _grid_skills([["Web development", "JavaScript", "HTML"],
                         ["Programming", "Java", "C++"]], gap=0.5) == [
        "Web development", "Programming", "JavaScript", "Java", "HTML", "C++"]


def test_a_tag_wrapped_onto_a_line_of_its_own_in_a_grid_of_tags_is_one_tag():
    lines = [TextLine(text, size=9.6) for text in [
        "requests\tnetmiko\tStackStorm\tGit", "pandas\tDocker\tGitHub\tAnsible",
        "Git Bash"]]
    assert skills_listed(lines, []) == [
        "requests", "netmiko", "StackStorm", "Git", "pandas", "Docker", "GitHub",
        "Ansible", "Git Bash", "Bash"]


def test_a_list_that_ends_on_its_separator_goes_on_in_its_own_cell():
    # "Handball" wrapped under the third cell: it is that list's, not the first cell's.
    assert _grid_skills([["TypeScript · Lua"], ["French · Chinese"],
                         ["Taekwondo · Wrestling ·", "Handball"]], gap=3) == [
        "TypeScript", "Lua", "French", "Chinese", "Taekwondo", "Wrestling", "Handball"]


def test_tags_set_further_apart_than_wrapped_lines_are_not_joined_as_one_wrapped_name():
    # caffeine's sidebar: a tag a line, 2.1 pt apart at 7.5 pt, in one block; a tag that
    # wraps goes on 0 pt under; the job's wrapped sentences are 0 pt apart too.
    def tag(text: str, fill: float, gap: float = 2.1) -> TextLine:
        return TextLine(text, size=7.5, new_block=False, space_before=gap, fill=fill)

    job = [TextLine("Built the billing service of the company with a small team of", size=8.2,
                    fill=0.97),
           TextLine("four engineers over two years.", size=8.2, new_block=False, fill=0.46)]
    tags = [tag("ROCKY LINUX INFRA LEAD", 0.86), tag("FEDORA / EPEL CONTRIBUTOR", 1.0),
            tag("UPSTREAM-FIRST", 0.58), tag("DEVELOPMENT", 0.5, gap=0.0),
            tag("RELEASE ENGINEERING", 0.79)]
    lines = join_wrapped(items_set_apart(tags, wrap_spacing([*tags, *job])))
    assert skills_listed(lines, []) == [
        "ROCKY LINUX INFRA LEAD", "Linux", "FEDORA", "EPEL CONTRIBUTOR",
        "UPSTREAM-FIRST DEVELOPMENT",
        "RELEASE ENGINEERING"]
    # without the wrapped sentences to measure, nothing is set apart
    assert items_set_apart(tags, wrap_spacing(tags)) == tags


def test_a_tag_under_a_wrapped_row_of_tags_is_the_rows_next_tag():
    # simple-red: "Sports" in a cell of its own, its tags beside it wrap at the page's
    # edge; "Handball" is no end of "Judo (black belt)".
    lines = [TextLine("Judo (black belt)\tTaekwondo (green belt)\tWrestling", size=8.6,
                      fill=1.0),
             TextLine("Handball", size=8.6, new_block=False, fill=0.3)]
    assert skills_listed(join_wrapped(wrapped_rows_apart(lines)), []) == [
        "Judo (black belt)", "Taekwondo (green belt)", "Wrestling", "Handball"]


def test_contact_details_printed_after_the_skills_are_no_skills():
    # simple-red's footer: place, email, a masked phone and a blog under the last list.
    document = pymupdf.open()
    page = document.new_page()
    y = 60.0
    for text, size in [("Jane Doe", 20), ("Experience", 14),
                       ("Systems Engineer, Contoso Ltd    Jan 2018 - May 2021", 11),
                       ("Looked after the servers of forty small clients.", 11),
                       ("Skills", 14), ("Python, Ansible, Terraform", 11)]:
        page.insert_text((50, y), text, fontsize=size, fontname="helv")
        y += 2 * size
    for x, dy, text in [(160, 20, "Katowice, Silesian"), (300, 20, "jane.doe@example.com"),
                        (160, 31, "518-755-XXX"), (300, 31, "devnet.blog")]:
        page.insert_text((x, y + dy), text, fontsize=9, fontname="helv")
    data = document.tobytes()
    document.close()
    resume = parse_document(extract_document(data, filename="resume.pdf"))
    assert resume.skills == ["Python", "Ansible", "Terraform"]
    assert resume.email == "jane.doe@example.com"


def test_an_items_note_wrapped_onto_the_next_line_stays_with_its_item():
    # short: a group's name in a cell, its list beside it wraps before "Scripting"'s note.
    lines = [TextLine("SYSTEMS ADMINISTRATION\tWindows, Networking, Scripting", size=8.1),
             TextLine("(Python/Powershell/Bash), Documenting", size=8.1, new_block=False),
             TextLine("(ISC)2 CISSP, Security+", size=8.1)]
    assert skills_listed(wraps_joined(lines), []) == [
        "SYSTEMS ADMINISTRATION", "Windows", "Networking", "Scripting (Python/Powershell/Bash)",
        "Documenting", "(ISC)2 CISSP", "Security+"]
