"""How far a parse can be trusted: a figure in 0..1 stored on the Resume.

    confidence = word coverage × (3 + share of experience entries with a date) / 4

Word coverage is the share of the document's words the field parsers placed in a field,
an entry, a bullet or a recognised section before the lossless pass kept what they
left out (engine.parse.lossless): a layout the parser misread leaves many lines over.
Jobs without any date are the other sign of a misread (dates that became bullets).
Below ``MISREAD_BELOW`` a run should be flagged "may have been misread — check the
original" and not be bulk-approved unopened. The threshold sits under what most
well-read resumes of the dev corpus's TUNE part score (bench.parse_eval prints the
share of files under it).
"""

from __future__ import annotations

from engine.resume import ExperienceEntry

MISREAD_BELOW = 0.8


def parse_confidence(coverage: float, experience: list[ExperienceEntry]) -> float:
    dated = (sum(bool(e.start or e.end) for e in experience) / len(experience)
             if experience else 1.0)
    return round(coverage * (3 + dated) / 4, 3)


def may_be_misread(confidence: float | None) -> bool:
    return confidence is not None and confidence < MISREAD_BELOW
