"""A resume without who it is: for a client submission, before the client has agreed terms.

The name, contact details and links go, and so does any trace of them in the text (a
summary that starts "Jane Doe is…", an email address or phone number in a bullet). The
patterns are linear in the text's length: no nested quantifier can backtrack over a long
run of letters or digits (see tests/engine/render/test_anonymise.py).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from engine.resume import Resume

NAME_STANDS_IN = "The candidate"
REMOVED = "[removed]"
# A phone number: 9 to 15 digits, at most two separators between two of them, so dates
# ("2019 - 2021") and figures stay. Bounded repetition: constant work per position.
_PHONE = re.compile(r"(?<![\w+])\+?\(?\d(?:[ ().-]{0,2}\d){8,14}(?!\w)")
_WHITESPACE = re.compile(r"(\s+)")


def anonymised(resume: Resume) -> Resume:
    """A copy with no name, email, phone, location or links, and those values (and any
    email address or phone number) removed from every text."""
    blank = resume.model_copy(update={"name": None, "email": None, "phone": None,
                                      "location": None, "links": []})
    return with_texts(blank, _redactor(resume))


def with_texts(resume: Resume, change: Callable[[str], str]) -> Resume:
    """A copy of the resume with ``change`` applied to every string in it."""

    def walk(value: object) -> object:
        if isinstance(value, str):
            return change(value)
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        return value

    return Resume.model_validate(walk(resume.model_dump()))


def _redactor(resume: Resume):
    literals = [v for v in (resume.email, resume.phone, *(link.url for link in resume.links)) if v]
    names = _name_forms(resume.name)
    literal = _alternation(literals, whole_words=False)
    name = _alternation(names, whole_words=True)

    def redact(text: str) -> str:
        if literal:
            text = literal.sub(REMOVED, text)
        if name:
            text = name.sub(lambda m: _stand_in(text, m.start()), text)
        text = _without_emails(text)
        return _PHONE.sub(REMOVED, text)

    return redact


def _stand_in(text: str, at: int) -> str:
    """"The candidate" at the start of a sentence, "the candidate" inside one."""
    before = text[:at].rstrip()
    return NAME_STANDS_IN if not before or before[-1] in ".!?:" else NAME_STANDS_IN.lower()


def _name_forms(name: str | None) -> list[str]:
    """The full name and each part of it of three letters or more ("Jane", "Doe")."""
    if not name or not name.strip():
        return []
    parts = [p.strip(".,") for p in name.split()]
    return [name.strip(), *(p for p in parts if len(p) >= 3)]


def _alternation(values: list[str], whole_words: bool) -> re.Pattern[str] | None:
    # Longest first, so the full name wins over its parts; literals only (escaped).
    values = sorted({v for v in values if v.strip()}, key=len, reverse=True)
    if not values:
        return None
    body = "|".join(re.escape(v) for v in values)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)" if whole_words else body, re.IGNORECASE)


def _without_emails(text: str) -> str:
    """Every whitespace-separated token holding an "@" between other characters removed.
    A split, not a pattern like ``\\S+@\\S+``, which is quadratic on a long token."""
    if "@" not in text:
        return text
    tokens = _WHITESPACE.split(text)
    return "".join(REMOVED if _looks_like_email(t) else t for t in tokens)


def _looks_like_email(token: str) -> bool:
    at = token.find("@")
    return 0 < at < len(token) - 1 and "." in token[at:]

