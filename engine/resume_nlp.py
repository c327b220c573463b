"""The spaCy pipeline that labels the short fields of a resume's entry headings.

Built once per process on ``spacy.blank("en")`` with an EntityRuler whose patterns
come from the lexicons in ``engine/data``: TITLE (job-title words), DEGREE, SCHOOL and
ORG (company-form words). Short all-capital codes ("BE", "MS", "AG") match only as
written, everything else ignoring case. If ``TAILOR_SPACY_MODEL`` names an installed
trained pipeline, it is loaded instead and the ruler is put before its NER, whose
ORG/GPE/PERSON entities then help too.

Only short texts go through it (entry headings, contact lines): tokenising every bullet
would cost more than reading the PDF.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import spacy
from spacy.language import Language

DATA = Path(__file__).parent / "data"
MODEL_ENV = "TAILOR_SPACY_MODEL"
LEXICONS = {
    "TITLE": "job_titles.txt",
    "DEGREE": "degrees.txt",
    "SCHOOL": "institutions.txt",
    "ORG": "org_suffixes.txt",
}
# spaCy keeps "Member/" or "Mentor(Webdev" as one token; spaces around punctuation
# let the ruler see the words.
_PUNCTUATION = re.compile(r"([/()\[\]{},;|&+:])")


def read_lexicon(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _is_code(term: str) -> bool:
    """Short all-letter terms that are also words or initials ("be", "ms", "ag")."""
    return len(term) <= 3 and term.isalpha()


def _patterns(nlp: Language) -> list[dict]:
    patterns = []
    for label, name in LEXICONS.items():
        for term in read_lexicon(name):
            if _is_code(term) and label != "TITLE":
                patterns.append({"label": label, "pattern": [{"ORTH": term.upper()}]})
            else:
                tokens = [t.text for t in nlp.make_doc(_PUNCTUATION.sub(r" \1 ", term))]
                patterns.append({"label": label, "pattern": " ".join(tokens)})
    return patterns


@cache
def pipeline() -> Language:
    """The process-wide pipeline (built on first use: a worker parses thousands)."""
    model = os.environ.get(MODEL_ENV)
    if model and (spacy.util.is_package(model) or Path(model).exists()):
        nlp = spacy.load(model, exclude=["parser", "lemmatizer", "textcat"])
        before = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    else:
        nlp = spacy.blank("en")
        before = {}
    ruler = nlp.add_pipe(
        "entity_ruler",
        config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True},
        **before,
    )
    ruler.add_patterns(_patterns(nlp))
    return nlp


@dataclass(frozen=True, slots=True)
class Entity:
    label: str  # TITLE, DEGREE, SCHOOL, ORG; with a trained model also PERSON, GPE, ...
    start: int  # character offsets in the original text
    end: int


def entities(texts: list[str]) -> list[list[Entity]]:
    """The entities of each text, with offsets into that text."""
    padded: list[str] = []
    maps: list[list[int]] = []
    for text in texts:
        chars: list[str] = []
        positions: list[int] = []
        for index, char in enumerate(text):
            if _PUNCTUATION.match(char):
                chars += [" ", char, " "]
                positions += [index, index, index + 1]
            else:
                chars.append(char)
                positions.append(index)
        positions.append(len(text))
        padded.append("".join(chars))
        maps.append(positions)
    results = []
    for doc, positions in zip(pipeline().pipe(padded), maps):
        results.append(
            [Entity(e.label_, positions[e.start_char], positions[e.end_char - 1] + 1)
             for e in doc.ents]
        )
    return results
