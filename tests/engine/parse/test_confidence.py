"""Parse confidence: a resume whose roles were never cut into jobs is flagged as a
possible misread even though every word of it was kept; the same resume read right is
not."""

from __future__ import annotations

import pytest

from engine.parse.confidence import may_be_misread
from engine.parse.parser import parse_resume

RESUME = """Asha Verma
asha.verma@example.com | +91 98200 12345

SUMMARY
Backend engineer who builds billing systems.

{heading}
Senior Engineer, Orbit Works Pvt Ltd (Jan 2018 – Present)
• Designed billing services for 3 regions
• Cut invoice run time from 6 hours to 40 minutes
Software Engineer, Lumen Labs (Jun 2014 – Dec 2017)
• Built the payments gateway used by 40 merchants
• Mentored four junior engineers

EDUCATION
B.Tech Computer Science, IIT Bombay (2010 – 2014)
"""


def parsed(heading: str):
    return parse_resume(RESUME.format(heading=heading).encode(), filename="resume.txt")


def test_a_resume_read_right_is_trusted():
    resume = parsed("EXPERIENCE")
    assert [job.company for job in resume.experience] == ["Orbit Works Pvt Ltd", "Lumen Labs"]
    assert not may_be_misread(resume.parse_confidence)


@pytest.mark.parametrize("heading", ["WHERE I HAVE BEEN", "CHRONICLE"])
def test_roles_left_unread_under_an_unknown_heading_are_flagged(heading):
    resume = parsed(heading)
    assert resume.experience == []
    # Nothing was lost: the roles are kept, in order, under their own heading ...
    assert "Software Engineer, Lumen Labs (Jun 2014 – Dec 2017)" in resume.to_text()
    # ... yet the education's dates were read and the jobs' were not.
    assert resume.education[0].end == "2014"
    assert may_be_misread(resume.parse_confidence)
