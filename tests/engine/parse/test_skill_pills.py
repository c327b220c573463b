"""Skills drawn in PDFs the way browsers print web resumes, drawn in code with PyMuPDF
and parsed: tags set side by side as pills, one text run holding them apart by runs of
spaces."""

from __future__ import annotations

import pymupdf

from engine.extract.documents import extract_document
from engine.extract.pdf_layout import spaced_tags
from engine.parse.parser import parse_document


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
