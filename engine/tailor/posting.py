"""The parts of a job posting that say what the job asks for.

A posting mixes requirements and responsibilities with text that says nothing about the
job: benefits ("life and disability insurance"), the company's description, equal-
opportunity statements, how to apply. Keywords must come from the first kind only, so
the posting is cut into parts at its headings, parts whose heading names benefits, the
company, EEO or the application process are left out, and in what remains single lines
of that kind (a benefits line in a list without heading) are dropped. The company's own
name is found (title line, "About X", "X is a …") so that it is never read as a skill
("Unity", "Lego").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from engine.parse.skills import find_skills

PLACES_PATH = Path(__file__).parents[1] / "data" / "places.txt"

_MARKDOWN_HEADING = re.compile(r"^\s*#{1,6}\s+(?P<text>.+?)\s*#*\s*$")
_BOLD_LINE = re.compile(r"^\s*\*\*(?P<text>[^*]{2,80})\*\*\s*:?\s*$")
_LABEL_LINE = re.compile(r"^\s*(?P<text>[^\s:•*\-][^:]{1,70}):\s*$")

# Headings of parts that describe the job (kept) and of parts that do not (left out).
_JOB_HEADING = re.compile(
    r"responsib|requir|qualif|what you(?:'ll|’ll| will)? (?:do|bring|need|have)|you (?:will|have|bring)|"
    r"skills|experience|duties|must|nice to have|preferred|bonus|desirable|essential|"
    r"the role|about the (?:role|job|position)|role overview|job description|tasks|"
    r"your (?:profile|role|impact|mission|background)|ideal|looking for|tech stack|"
    r"in this role|candidate|mission|requisitos|funciones|missions|profil",
    re.I,
)
_OTHER_HEADING = re.compile(
    r"^about\b|benefit|perks?\b|what we offer|we offer|on offer|compensation|salary|salaire|\bpay\b|"
    r"about (?:us|the company|the team)|company context|who we are|our (?:company|mission|"
    r"story|culture|values|team)|equal|\beeo|diversity|inclusion|how to apply|application|"
    r"apply|recruitment|hiring process|interview|next steps|disclaimer|privacy|"
    r"location|why (?:join|work)|life at|working at|work arrangement|additional information|"
    r"url|posted|date|contact|beneficios|ofrecemos|avantages",
    re.I,
)
# Lines that are boilerplate wherever they stand.
_BOILERPLATE_LINE = re.compile(
    r"equal (?:employment )?opportunit|affirmative action|regardless of|without regard to|"
    r"religion|gender identity|sexual orientation|national origin|veteran|disabilit|"
    r"\b(?:life|health|medical|dental|vision|travel|accident|pet|group)\b[\w ,&/]{0,30}\binsurance|"
    r"insurance (?:cover|coverage|plans?|benefits?|polic)|401\s?\(?k|pension|retirement plan|paid time off|\bpto\b|vacation|holiday|"
    r"parental leave|maternity|paternity|wellness|\bgym\b|stock option|"
    r"\bequity\b(?! research)|salary|compensation|per (?:hour|annum|year)|[$€£]\s?\d|"
    r"visa|sponsorship|how to apply|to apply|apply (?:now|here|today|online|via|through|by)|"
    r"submit (?:your|a) (?:cv|resume)|background check|cover letter|reasonable adjustment|"
    r"accommodation|\bwe are (?:a|an|the)\b|founded in|headquartered",
    re.I,
)
_FIELD_LINE = re.compile(r"^\s*[-•]?\s*\*\*(?P<label>[^*]{1,40}?):?\*\*:?\s*\S")
_TITLE_COMPANY = re.compile(r"\s(?:—|–|-|@|\bat\b|\|)\s+(?P<company>[^—–|@]+?)\s*$", re.I)
_ABOUT = re.compile(r"^\s*(?:#+\s*)?\**about\s+(?P<company>[A-Z][\w&.'’ -]{1,40}?)\**\s*:?\s*$", re.M)
_COMPANY_FIELD = re.compile(r"^\s*\**(?:company|employer|empresa)\**\s*:\**\s*(?P<company>.+?)\s*$",
                            re.I | re.M)
_COMPANY_IS = re.compile(r"(?:^|\n)[ \t]*(?P<company>[A-Z][\w&.'’]*(?:[ \t]+[A-Z][\w&.'’]*){0,3})[ \t]+"
                         r"(?:is|are)[ \t]+(?:a|an|the)[ \t]")
_NOT_A_COMPANY = frozenset("us you the this we our role job team position company".split())
_LEGAL_SUFFIX = re.compile(r"\s*,?\s*\b(?:inc|llc|ltd|gmbh|corp|co|plc|s\.?a|ag|bv|limited)\b\.?$", re.I)


@dataclass(frozen=True)
class Posting:
    """A posting reduced to what the job asks for."""

    requirements: str  # the kept lines, company names blanked
    company_names: tuple[str, ...]
    places: frozenset[str]  # casefolded place names: never keywords


def _heading(line: str) -> str | None:
    for pattern in (_MARKDOWN_HEADING, _BOLD_LINE, _LABEL_LINE):
        if match := pattern.match(line):
            text = match["text"].strip(" *:")
            if len(text.split()) <= 10:
                return text
    # A short plain line naming a kind of part ("Benefits", "What you'll do"); one that
    # names a skill ("Python experience") is a requirement, not a heading.
    text = line.strip()
    if (
        text
        and len(text.split()) <= 5
        and not text.endswith((".", ",", ";"))
        and (_JOB_HEADING.search(text) or _OTHER_HEADING.search(text))
        and not find_skills(text)
    ):
        return text
    return None


MIN_SECTION_WORDS = 25  # job parts this long make the unheaded intro unnecessary


def _kept_lines(text: str) -> list[str]:
    """Lines of the job's own parts, without boilerplate lines. The text before the
    first heading (often the company's pitch) counts only when no headed job part says
    enough on its own."""
    intro: list[str] = []
    kept: list[str] = []
    keep, headed = True, False
    for line in text.splitlines():
        heading = _heading(line)
        if heading is not None:
            headed = True
            if _JOB_HEADING.search(heading):
                keep = True
            elif _OTHER_HEADING.search(heading):
                keep = False
            continue  # a heading's own words are not requirements
        if (label := _FIELD_LINE.match(line)) and not _JOB_HEADING.search(label["label"]):
            continue  # "**Location:** Hamburg", "**Job ID:** 42": the posting's metadata
        if keep and not _BOILERPLATE_LINE.search(line):
            (kept if headed else intro).append(line)
    if sum(len(line.split()) for line in kept) >= MIN_SECTION_WORDS:
        return kept
    return intro + kept


def company_names(title: str, text: str) -> tuple[str, ...]:
    """The hiring company's name as the posting writes it (and without its legal form)."""
    first_line = next((line for line in text.splitlines() if line.strip()), "")
    candidates: list[str] = []
    for line in (title, first_line):
        heading = _MARKDOWN_HEADING.match(line)
        if match := _TITLE_COMPANY.search(heading["text"] if heading else line):
            candidates.append(match["company"])
    for pattern in (_COMPANY_FIELD, _ABOUT, _COMPANY_IS):
        candidates += [m["company"] for m in pattern.finditer(text)]
    names: list[str] = []
    for candidate in candidates:
        name = re.sub(r"^the\s+", "", candidate.strip(" *.,:()"), flags=re.I)
        if not name or name.split()[0].lower() in _NOT_A_COMPANY or len(name) > 60:
            continue
        for form in (name, _LEGAL_SUFFIX.sub("", name).strip()):
            if form and form not in names:
                names.append(form)
    return tuple(names)


@cache
def place_names() -> frozenset[str]:
    """Countries, regions and cities of ``engine/data/places.txt``, casefolded."""
    lines = PLACES_PATH.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines if line.strip() and not line.startswith("#"))


def read_posting(title: str, text: str) -> Posting:
    """The requirement and responsibility text of a posting, its company's names blanked."""
    names = company_names(title, text)
    lines = _kept_lines(text)
    if names:  # "Scopely is a leading…", "At Scopely, we…": the company's pitch
        pitch = re.compile(r"^\W*(?:at\s+)?(?:" + "|".join(re.escape(n) for n in names) + r")\b", re.I)
        lines = [line for line in lines if not pitch.match(line)]
    kept = "\n".join(lines)
    for name in sorted(names, key=len, reverse=True):
        kept = re.sub(rf"(?<!\w){re.escape(name)}(?:'s|’s)?(?!\w)", " ", kept, flags=re.I)
    return Posting(requirements=kept, company_names=names, places=place_names())
