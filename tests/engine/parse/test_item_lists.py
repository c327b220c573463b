"""How a role's items are told apart when nothing marks them: no glyph, no full stop,
set as close as a paragraph's wrapped lines (drawn in code by tests.engine.parse.
test_entry_layouts.pdf_of and parsed)."""

from __future__ import annotations

from bench.header_probe import pdf_of
from engine.extract.documents import extract_document
from engine.extract.lines import TextLine
from engine.parse.entry_lines import opens_with_action
from engine.parse.experience import experience_entries
from engine.parse.parser import parse_document
from tests.engine.parse.test_entry_layouts import parsed
from tests.engine.parse.test_header_forms import OPENING, cell_row

# Long enough to reach the column's edge: the next line could be its wrapped rest.
FULL = ("Built collectors that turn onchain data and the partners' API responses into "
        "recommendations")


def test_a_line_opening_with_a_verb_under_a_full_item_starts_an_item():
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Backend Engineer, Daylight\tFeb 2024 - May 2025", 0, 10.5, False),
        (FULL, 0, 10.5, False),
        ("Created well-tested code for the platform", 0, 10.5, False),
        ("Coordinated a team of five developers", 0, 10.5, False),
    ])
    (job,) = resume.experience
    assert [b.text for b in job.bullets] == [
        FULL, "Created well-tested code for the platform", "Coordinated a team of five developers"]


WRAPPED = ("Moved the billing of the partners' accounts, their invoices and all refunds onto "
           "the shared")


def test_a_name_in_title_case_under_a_full_line_is_its_wrapped_rest():
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Backend Engineer, Daylight\tFeb 2024 - May 2025", 0, 10.5, False),
        (WRAPPED, 0, 10.5, False),
        ("Managed Services Platform that the finance team runs", 0, 10.5, False),
    ])
    (job,) = resume.experience
    assert [b.text for b in job.bullets] == [
        f"{WRAPPED} Managed Services Platform that the finance team runs"]


def test_a_verb_opens_an_item_only_before_lowercase_words():
    assert opens_with_action("Developed the official claim app")
    assert opens_with_action("Led a team of 5")
    assert not opens_with_action("Managed Services Platform")
    assert not opens_with_action("LED lighting for stores")
    assert not opens_with_action("Applied research in optics")


def test_an_angle_bracket_before_a_word_marks_an_item():
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Backend Engineer, Daylight\tFeb 2024 - May 2025", 0, 10.5, False),
        ("> moved the billing service to Python", 0, 10.5, False),
        ("> wrote the order service", 0, 10.5, False),
        ("\u203a kept the queue at 99.9% uptime", 0, 10.5, False),
    ])
    (job,) = resume.experience
    assert [b.text for b in job.bullets] == [
        "moved the billing service to Python", "wrote the order service",
        "kept the queue at 99.9% uptime"]


def test_an_angle_bracket_before_a_figure_is_text():
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Backend Engineer, Daylight\tFeb 2024 - May 2025", 0, 10.5, False),
        ("• Cut the time to ship a release from 3 days to", 0, 10.5, False),
        ("> 50 releases a day", 0, 10.5, False),
        ("• Wrote the order service and the tests that run it against a real queue", 0, 10.5,
         False),
    ])
    (job,) = resume.experience
    assert [b.text for b in job.bullets] == [
        "Cut the time to ship a release from 3 days to > 50 releases a day",
        "Wrote the order service and the tests that run it against a real queue"]


def test_short_items_without_marks_under_dated_roles_stay_their_items():
    """Several short lines under each dated "title at company" line: the role's items,
    not a company named under its dates followed by more of its header."""
    resume = parsed([
        ("EXPERIENCE", 0, 13, True),
        ("Backend Software Engineer at Bending Spoons\tNov 2023 – Aug 2024", 0, 10.5, False),
        ("Data pipelines", 0, 10.5, False),
        ("Infrastructure", 0, 10.5, False),
        ("Monitoring", 0, 10.5, False),
        ("Software Engineer at Airsync\tFeb 2022 – Jun 2022", 0, 10.5, False),
        ("Backend development", 0, 10.5, False),
        ("API design", 0, 10.5, False),
    ])
    assert [(j.title, j.company, [b.text for b in j.bullets]) for j in resume.experience] == [
        ("Backend Software Engineer", "Bending Spoons",
         ["Data pipelines", "Infrastructure", "Monitoring"]),
        ("Software Engineer", "Airsync", ["Backend development", "API design"])]


def test_items_set_a_little_further_apart_than_their_wrapped_lines_are_each_an_item():
    # Paragraphs 0.3 pt further apart than a wrapped line under its paragraph: the line
    # under an item that fills its line is the next item, though no verb opens it.
    items = ["Moved the billing service from PHP to Python and cut its monthly bill by half,"
             " with the tests that run it against a real queue",
             "Profiled and tuned the busiest services of the company, cutting the number of"
             " the servers it needs by 20%",
             "Documentation portal for all the teams", "Hired the team"]
    markup = (OPENING
              + cell_row("Backend Engineer at Northwind", "Jan 2019 – Present", 300)
              + "".join(f"<p>{item}</p>" for item in items))
    document = extract_document(pdf_of(markup), filename="resume.pdf")
    wrapped, full = document.lines[5], document.lines[6]
    assert wrapped.text == "real queue" and full.fill > 0.95  # the layout it is about
    assert full.space_before - wrapped.space_before < 0.5
    (job,) = parse_document(document).experience
    assert [b.text for b in job.bullets] == items


def test_items_on_short_lines_of_one_paragraph_under_a_description_are_each_an_item():
    # compact: a bold description, then the highlights one to a line in one block, at a
    # paragraph's line spacing. Each stops short of the column's edge, so each is an
    # item, though a line in its item's block reads like that item's next sentence.
    def line(text: str, gap: float, fill: float, new_block: bool = False, size: float = 9.0,
             bold: bool = False) -> TextLine:
        return TextLine(text, size=size, space_before=gap, fill=fill, new_block=new_block,
                        bold=bold)

    items = ["Worked as part of a small team of fully remote developers.",
             "Built a real-time dashboard for the game server with Next.js.",
             "Built a fully-featured companion CMS.",
             "Early stage role. Floated around the stack."]
    description = "Cash Live is a free, daily, real-time poker game anyone can play."
    (job,) = experience_entries([
        line("Cash Live", 14.6, 0.1, new_block=True, size=10.5),
        line("Full Stack Developer", 1.0, 0.2), line("Aug 2019 - Present", 1.3, 0.19),
        line(description, 10.3, 0.42, new_block=True, bold=True),
        line(items[0], 5.0, 0.36, new_block=True),
        *(line(item, 1.3, fill) for item, fill in zip(items[1:], (0.42, 0.24, 0.26))),
    ], pdf=True)
    assert (job.title, job.company) == ("Full Stack Developer", "Cash Live")
    assert [b.text for b in job.bullets] == [description, *items]
