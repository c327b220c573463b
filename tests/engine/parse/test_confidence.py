"""Parse confidence: a resume whose roles were never cut into jobs, or whose jobs have
no dates, is flagged as a possible misread even though every word of it was kept; the
same resume read right is not."""

from __future__ import annotations

from engine.parse.confidence import may_be_misread, parse_confidence
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


def test_roles_left_unread_are_flagged_though_every_word_was_kept():
    resume = parsed("EXPERIENCE")
    date_ranges = 3  # two jobs and a degree
    # The same document with its jobs never cut into entries (their lines kept as an
    # unclassified section, so the coverage stays whole): the degree's dates were read,
    # the jobs' were not.
    unread = parse_confidence(1.0, [], resume.education, date_ranges)
    assert may_be_misread(unread)
    assert not may_be_misread(parse_confidence(1.0, resume.experience, resume.education,
                                               date_ranges))


def test_jobs_without_dates_are_flagged():
    resume = parsed("EXPERIENCE")
    undated = [job.model_copy(update={"start": None, "end": None}) for job in resume.experience]
    assert may_be_misread(parse_confidence(1.0, undated, resume.education, 3))
