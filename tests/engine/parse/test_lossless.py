"""Nothing is lost: every word of the extracted text is in the parsed Resume's text.

On every file of the dev corpus (../shared/corpus beside the repository, or
$TAILOR_CORPUS) that parses, and on resumes written here. Allowed to go: the section
headings' own words, page numbers, the words of a date range, which the Resume keeps
as YYYY-MM, and the connectives that only join a title to its company or a degree to its
school ("at", "from": engine.parse.lossless.CONNECTIVES), which the fields drop. Words
are letter runs and single digits (a phone keeps its digits, not its punctuation).
Without the corpus the corpus test is skipped, except under CI=true.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path
from xml.etree import ElementTree

import pytest

from engine.errors import TailorError
from engine.extract.documents import extract_document
from engine.parse.dates import find_period
from engine.parse.lossless import CONNECTIVES
from engine.parse.parser import parse_document, parse_resume
from engine.parse.sections import split_sections

REPO = Path(__file__).resolve().parents[3]
CORPUS = Path(os.environ.get("TAILOR_CORPUS", REPO.parent / "shared" / "corpus"))
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
_TOKEN = re.compile(r"\d|[^\W\d]+")
_PAGE = re.compile(r"^(?:page\s*)?\d{1,3}(?:\s*(?:/|of)\s*\d{1,3})?$", re.IGNORECASE)


def tokens(text: str) -> set[str]:
    return set(_TOKEN.findall(unicodedata.normalize("NFKC", text).casefold()))


def allowed_to_go(lines) -> set[str]:
    """Words of headings, page numbers and date ranges, and the connectives."""
    split = split_sections(lines)
    kept = {id(line) for s in split.sections for line in s.lines} | {
        id(line) for line in split.preamble}
    allowed = set(CONNECTIVES)
    for section in split.sections:
        allowed |= tokens(section.heading)
    for line in lines:
        if id(line) not in kept or _PAGE.match(line.text.strip()):
            allowed |= tokens(line.text)
        period = find_period(line.text)
        if period is not None:
            allowed |= tokens(line.text[period.begin:period.finish])
    return allowed


def lost_words(document) -> set[str]:
    resume = parse_document(document)
    return tokens(document.text) - tokens(resume.to_text()) - allowed_to_go(document.lines)


def corpus_files() -> list[Path]:
    found = sorted((CORPUS / "labelled").glob("*/*.pdf"))
    found += sorted(p for p in (CORPUS / "files").glob("*") if p.suffix in (".pdf", ".docx"))
    return found + sorted((CORPUS / "ner_text").glob("*.xml"))


def test_no_word_of_a_corpus_resume_is_lost():
    if not CORPUS.is_dir():
        message = f"the dev corpus is not at {CORPUS} (set TAILOR_CORPUS)"
        if IN_CI:
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    files = corpus_files()
    assert len(files) > 100, f"only {len(files)} files under {CORPUS}"
    losses = {}
    parsed = 0
    for path in files:
        if path.suffix == ".xml":
            data = "".join(ElementTree.parse(path).getroot().itertext()).encode()
            name = "resume.txt"
        else:
            data, name = path.read_bytes(), path.name
        try:
            document = extract_document(data, filename=name)
            lost = lost_words(document)
        except TailorError:
            continue  # a scan, a broken file: refused with an error code, not parsed
        parsed += 1
        if lost:
            losses[path.relative_to(CORPUS).as_posix()] = sorted(lost)[:10]
    assert parsed > 0.8 * len(files)
    assert losses == {}


RESUME = """\
Ravi Kumar
ravi.kumar@example.com | +91 98765 43210

PERSONAL DETAILS
Date of Birth: 12 March 1990
Marital Status: Married
Passport No: Z1234567

PRESENT EMPLOYMENT
Senior Engineer, Orbit Works Pvt Ltd (Jan 2018 – Present)
• Designed billing services for 3 regions

DECLARATION
I hereby declare that the above information is true to the best of my knowledge.
Place: Pune
"""


def test_personal_details_and_declaration_are_kept():
    resume = parse_resume(RESUME.encode(), filename="resume.txt")
    text = resume.to_text()
    for words in ("Date of Birth: 12 March 1990", "Passport No: Z1234567",
                  "I hereby declare that the above information is true", "Place: Pune"):
        assert words in text
    (job,) = resume.experience
    assert (job.title, job.company, job.start, job.end) == (
        "Senior Engineer", "Orbit Works Pvt Ltd", "2018-01", "present")
    assert [b.text for b in job.bullets] == ["Designed billing services for 3 regions"]
    assert resume.parse_confidence is not None and 0 < resume.parse_confidence <= 1


def test_a_header_joined_by_at_is_not_kept_again_in_an_unnamed_section():
    # The fields drop the "at" of "Engineer at Acme": the header was taken for lost
    # and kept whole a second time, at the end, in an "experience" section of its own.
    resume = parse_resume(
        "Anna Example\nanna@example.com\n\nExperience\n"
        "Backend Engineer at Northwind Traders, Jan 2019 - Present\n"
        "- Moved the billing service from PHP to Python\n\n"
        "Education\nBSc in Physics from New College, 2010 - 2014\n".encode())
    assert [(e.title, e.company) for e in resume.experience] == [
        ("Backend Engineer", "Northwind Traders")]
    assert resume.other_sections == []
