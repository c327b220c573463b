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
from typing import Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

DATA = Path(__file__).parents[1] / "data"
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
# The blank pipeline's components: two rulers, whose matches _ruled reads directly.
_RULERS = ["lexicon_ruler", "code_ruler"]


def read_lexicon(name: str) -> list[str]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


def _is_code(term: str) -> bool:
    """Two-letter terms are also words or initials ("be", "ms", "as"): as written only."""
    return len(term) <= 2 and term.isalpha()


def _patterns(nlp: Language, codes: bool) -> list[dict]:
    """Phrase patterns of the lexicons: the short codes (as written, upper case) or the
    rest (matched on lower case)."""
    patterns = []
    for label, name in LEXICONS.items():
        for term in read_lexicon(name):
            if (_is_code(term) and label != "TITLE") != codes:
                continue
            # Tokenised in the casings resumes use: "B.A." splits unlike "b.a.".
            variants = {term.upper()} if codes else {term, term.upper(), term.title()}
            for variant in variants:
                tokens = [t.text for t in nlp.make_doc(_PUNCTUATION.sub(r" \1 ", variant))]
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
    # Two phrase rulers (no token patterns: the Matcher costs far more per text): one
    # ignoring case, one for codes as written.
    for name, attr, codes in (("lexicon_ruler", "LOWER", False), ("code_ruler", "ORTH", True)):
        ruler = nlp.add_pipe(
            "entity_ruler",
            name=name,
            config={"phrase_matcher_attr": attr, "overwrite_ents": not codes},
            **before,
        )
        ruler.add_patterns(_patterns(nlp, codes))
    return nlp


@dataclass(frozen=True, slots=True)
class Entity:
    label: str  # TITLE, DEGREE, SCHOOL, ORG; with a trained model also PERSON, GPE, ...
    start: int  # character offsets in the original text
    end: int


def _padded(text: str) -> tuple[str, list[int] | None]:
    """``text`` with spaces around punctuation, and each padded character's original
    offset (plus the end); None when nothing needed padding (offsets are the same)."""
    if not _PUNCTUATION.search(text):
        return text, None
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
    return "".join(chars), positions


_CACHE: dict[str, tuple[Entity, ...]] = {}
_CACHE_SIZE = 20_000


def clear_cache() -> None:
    """Forget memoised entities (benchmarks start each round cold)."""
    _CACHE.clear()


def entities(texts: list[str]) -> list[list[Entity]]:
    """The entities of each text, with offsets into that text. Results are memoised:
    the same short headings recur across fields, entries and resumes."""
    missing = list(dict.fromkeys(t for t in texts if t not in _CACHE))
    if missing:
        if len(_CACHE) > _CACHE_SIZE:
            _CACHE.clear()
        nlp = pipeline()
        padded = [_padded(text) for text in missing]
        for text, (_, positions), found in zip(missing, padded, _spans(nlp, padded)):
            _CACHE[text] = tuple(
                Entity(label, start, end) if positions is None else
                Entity(label, positions[start], positions[end - 1] + 1)
                for label, start, end in found
            )
    return [list(_CACHE[text]) for text in texts]


def _spans(nlp: Language, padded: list[tuple[str, list[int] | None]]
           ) -> Iterator[list[tuple[str, int, int]]]:
    """(label, start, end) character spans of the entities of each padded text."""
    if nlp.pipe_names == _RULERS:
        for text, _ in padded:
            doc = nlp.make_doc(text)
            yield [(nlp.vocab.strings[label], doc[start].idx,
                    doc[end - 1].idx + len(doc[end - 1])) for label, start, end in _ruled(nlp, doc)]
        return
    # One text: call the pipeline directly (pipe() costs more for a single doc).
    docs = [nlp(padded[0][0])] if len(padded) == 1 else nlp.pipe(p for p, _ in padded)
    for doc in docs:
        yield [(e.label_, e.start_char, e.end_char) for e in doc.ents]


def _ruled(nlp: Language, doc: Doc) -> list[tuple[int, int, int]]:
    """(label id, start, end) token spans the rulers of a blank pipeline set on ``doc``,
    in order, found as EntityRuler.match and set_annotations find them (longest first,
    no overlaps; the code ruler leaves tokens the lexicon ruler took) but without their
    Span objects, warning filters and doc.ents writes: those cost more than the match."""
    taken: list[tuple[int, int, int]] = []
    for name in _RULERS:
        ruler = nlp.get_pipe(name)
        before = list(taken)
        matches = sorted({m for m in ruler.phrase_matcher(doc) if m[1] != m[2]},
                         key=lambda m: (m[2] - m[1], -m[1]), reverse=True)
        seen: set[int] = set()
        for label, start, end in matches:
            if not ruler.overwrite and any(s < end and e > start for _, s, e in before):
                continue
            if start not in seen and end - 1 not in seen:
                taken = [t for t in taken if not (t[1] < end and t[2] > start)]
                taken.append((label, start, end))
                seen.update(range(start, end))
    return sorted(taken, key=lambda t: t[1])
