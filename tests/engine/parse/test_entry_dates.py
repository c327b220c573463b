"""Dates of work entries as people write them: drawn in code (tests.engine.parse.
test_entry_layouts.pdf_of) and parsed, field by field."""

from __future__ import annotations

from tests.engine.parse.test_entry_layouts import parsed


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
