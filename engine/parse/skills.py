"""The skills vocabulary: finding known skills in free text and naming them canonically.

The vocabulary is ``engine/data/skills.csv`` (category, canonical name, ``|``-separated
synonyms, case-sensitive flag). Matching is one compiled regular expression, longest
term first, so "React Native" wins over "React" and "Spring Boot" over "Spring".

Case: short all-caps acronyms (JS, ML, HR, ...) and skills flagged case-sensitive (Go,
R, Rust, ...) only match as written, because their lowercase forms are ordinary words;
an acronym with a sign in it (C#, .NET) matches in any case.

Context: a few skill names are also ordinary words in some company ("angular velocity",
"excel in", "communication protocols"). ``engine/data/skill_contexts.csv`` lists, per
skill, the words that may not follow or precede it for the match to count.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from engine.parse.word_trie import trie_pattern

VOCABULARY_PATH = Path(__file__).parents[1] / "data" / "skills.csv"
CONTEXTS_PATH = Path(__file__).parents[1] / "data" / "skill_contexts.csv"

_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Skill:
    name: str
    category: str
    synonyms: tuple[str, ...]
    case_sensitive: bool


@dataclass(frozen=True)
class _Vocabulary:
    skills: tuple[Skill, ...]
    exact: dict[str, str]  # case-sensitive term -> canonical name
    folded: dict[str, str]  # casefolded term -> canonical name
    pattern: re.Pattern[str]
    contexts: dict[str, tuple[re.Pattern[str] | None, re.Pattern[str] | None]]


def _is_acronym(term: str) -> bool:
    """Short capitals ("ML", "HR"), whose lowercase forms are ordinary words; one with a
    sign in it ("C#", ".NET", "M&A") is no word in any case, and ".Net" is common."""
    return len(term) <= 4 and term.isupper() and term.isalnum()


# What may not follow a short term: "C-level", "R&D", "C#"; a single letter not even a
# full stop, which is more often an initial ("John C. Smith") than the end of a list.
_TERM_END_BY_LENGTH = {1: r"(?![\w'’&+#.-])", 2: r"(?![\w'’&+#-]|\.\w)"}


def _term_end(length: int) -> str:
    return _TERM_END_BY_LENGTH.get(length, "")


def load_skills(path: Path = VOCABULARY_PATH) -> tuple[Skill, ...]:
    """Every skill of the vocabulary file, in file order."""
    with path.open(newline="", encoding="utf-8") as handle:
        return tuple(
            Skill(
                name=row["skill"].strip(),
                category=row["category"].strip(),
                synonyms=tuple(s.strip() for s in row["synonyms"].split("|") if s.strip()),
                case_sensitive=row["case_sensitive"].strip().lower() in ("yes", "true", "1"),
            )
            for row in csv.DictReader(handle)
        )


def _word_list(words: str, after: bool) -> re.Pattern[str] | None:
    """A pattern for one of ``words`` (|-separated) right after (or right before) a match."""
    if not words.strip():
        return None
    alternatives = "|".join(re.escape(w.strip()) for w in words.split("|") if w.strip())
    if after:
        return re.compile(rf"[\s-]+(?:{alternatives})\b", re.IGNORECASE)
    return re.compile(rf"\b(?:{alternatives})[\s-]+$", re.IGNORECASE)


def load_contexts(path: Path = CONTEXTS_PATH) -> dict[str, tuple[re.Pattern[str] | None, re.Pattern[str] | None]]:
    """Skill name -> (words that may not follow it, words that may not precede it)."""
    with path.open(newline="", encoding="utf-8") as handle:
        return {
            row["skill"].strip(): (
                _word_list(row["not_followed_by"] or "", after=True),
                _word_list(row["not_preceded_by"] or "", after=False),
            )
            for row in csv.DictReader(handle)
        }


@cache
def _vocabulary() -> _Vocabulary:
    skills = load_skills()
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    for skill in skills:
        for term in (skill.name, *skill.synonyms):
            if skill.case_sensitive or _is_acronym(term):
                exact.setdefault(term, skill.name)
            else:
                folded.setdefault(term.casefold(), skill.name)
    terms = {_SPACES.sub(" ", t).casefold() for t in (*exact, *folded)}
    trie = trie_pattern(sorted(terms), _term_end)
    pattern = re.compile(rf"(?<![\w+#@.])(?:{trie})(?![\w+#@]|\.\w)", re.IGNORECASE)
    return _Vocabulary(skills, exact, folded, pattern, load_contexts())


def _lookup(term: str) -> str | None:
    vocabulary = _vocabulary()
    term = _SPACES.sub(" ", term.strip())
    return vocabulary.exact.get(term) or vocabulary.folded.get(term.casefold())


def known_skill(term: str) -> str | None:
    """The vocabulary's name for ``term`` when the whole of it is one known skill."""
    return _lookup(term)


def _short_term_inside_word(text: str, start: int, name: str) -> bool:
    """Whether a one- or two-letter match is glued to what precedes it ("R&D", "C-level"
    are caught by the pattern; "B.C" and "x-C" here)."""
    return len(name) <= 2 and start > 0 and text[start - 1] in ".'’&-"


def _ordinary_word_here(text: str, start: int, end: int, name: str) -> bool:
    """Whether the words around a match make it an ordinary word ("angular velocity")."""
    followed, preceded = _vocabulary().contexts.get(name, (None, None))
    if followed and followed.match(text, end):
        return True
    return bool(preceded and preceded.search(text[max(0, start - 40) : start]))


def canonical_skill(name: str) -> str:
    """The vocabulary's name for ``name`` ("k8s" -> "Kubernetes"); an unknown skill
    keeps its own spelling, trimmed."""
    cleaned = _SPACES.sub(" ", name.strip())
    return _lookup(cleaned) or cleaned


def find_skills(text: str) -> list[str]:
    """Canonical names of the vocabulary skills mentioned in ``text``, in order of first
    appearance, each once."""
    found: dict[str, None] = {}
    for match in _vocabulary().pattern.finditer(text):
        # The pattern ignores case; the lookup then refuses "go" for Go, "rest" for REST.
        name = _lookup(match.group())
        if (
            name
            and not _short_term_inside_word(text, match.start(), name)
            and not _ordinary_word_here(text, match.start(), match.end(), name)
        ):
            found.setdefault(name, None)
    return list(found)
