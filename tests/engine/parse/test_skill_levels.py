"""Skill groups each printed over its level (JSON Resume's skills[].level, as the
macchiato theme prints it) under no "Skills" heading, drawn in code and parsed."""

from __future__ import annotations

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
