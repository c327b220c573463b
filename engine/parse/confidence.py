"""How far a parse can be trusted: a figure in 0..1 stored on the Resume.

    confidence = word coverage × (2 + dated share + placed share) / 4

- Word coverage is the share of the document's words the field parsers placed in a
  field, an entry, a bullet or a recognised section before the lossless pass kept what
  they left out (engine.parse.lossless): a layout the parser misread leaves many lines
  over.
- The dated share is the share of experience entries with a date: jobs without any are
  a sign of dates that became bullets.
- The placed share is how many of the document's date ranges, those of education
  entries set aside, became a job's dates (up to 1): a resume whose roles were never
  cut into entries (a heading the parser did not know, a layout it read as prose)
  keeps its words, the lossless pass sees to that, but places none of their dates.
  Dated projects or certifications lower it too, rarely below the threshold alone.

Below ``MISREAD_BELOW`` a run should be flagged "may have been misread — check the
original" and not be bulk-approved unopened. The threshold sits under what most
well-read resumes of the dev corpus's TUNE part score (bench.parse_eval prints the
share of files under it and how they score against the rest).
"""

from __future__ import annotations

from engine.resume import EducationEntry, ExperienceEntry

MISREAD_BELOW = 0.8


def parse_confidence(coverage: float, experience: list[ExperienceEntry],
                     education: list[EducationEntry], date_ranges: int) -> float:
    """``date_ranges``: how many lines of the document hold a date range."""
    dated = (sum(_dated(e) for e in experience) / len(experience) if experience else 1.0)
    left = date_ranges - sum(_dated(e) for e in education)
    placed = min(1.0, sum(_dated(e) for e in experience) / left) if left > 0 else 1.0
    return round(coverage * (2 + dated + placed) / 4, 3)


def _dated(entry: ExperienceEntry | EducationEntry) -> bool:
    return bool(entry.start or entry.end)


def may_be_misread(confidence: float | None) -> bool:
    return confidence is not None and confidence < MISREAD_BELOW
