"""Title and company among the fields of an entry's header.

Fields (tab stops, lines; one field cut at " | ", " at ", a dash, a comma, " / ", a
colon or before a closing bracket when that leaves a title and something else) are
scored by the spaCy entity ruler (TITLE, ORG, SCHOOL, GPE): the field with title words
is the title, the one beside it the company.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from engine.extract.lines import FIELD_BREAK
from engine.parse.contact import is_location, is_region
from engine.parse.dates import is_open_end
from engine.parse.entry_lines import (COMPANY_LABELS, HEADER_LABEL, SPACED_DASH, TITLE_LABELS,
                                      header_fields, split_location, trim)
from engine.parse.nlp import Entity, entities
from engine.parse.skills import known_skill


_PIPE = re.compile(r"\s+\|\s+")
_AT_WORD = r"(?:at|@)"
_AT = re.compile(rf"\s+{_AT_WORD}\s+")
_COMMA = re.compile(r",\s+")
_SLASH = re.compile(r"\s+/\s+")
_COLON = re.compile(r"(?<=\S):\s+")
# "Acme (Software Engineer)": a bracket closing the field holds the title, brackets of
# its own too ("Acme (Engineer (Contract))"); never the company ("Engineer (Freelance)"
# qualifies the title). Tried first: the company before it may hold a comma or a dash
# of its own ("Postmedia, Kitchener ON (Frontend Lead)"), as before a colon ("GE
# Healthcare / Caradigm: Engineer"), which comes after "at" ("Engineer at Acme: Payments").
_BRACKET = re.compile(r"\s+\((?=(?:[^()]|\([^()]*\))+\)$)")
SPLITTERS = (_BRACKET, _PIPE, _AT, _COLON, SPACED_DASH, _COMMA, _SLASH)
# A word joining a title to its company, left at the end of the title's run or line
# ("Engineer at") or at the start of the company's ("at Acme").
_JOINING = re.compile(rf"^{_AT_WORD}\s+|\s+{_AT_WORD}$", re.IGNORECASE)
# The most words a title runs to ("Senior Vice President of Global Sales Operations").
_TITLE_WORDS = 8


def has_title(text: str) -> bool:
    return any(f.title > f.org for f in classify([text]))


def names_title_and_company(text: str) -> bool:
    """A title word in it, and a company beside the title: a place is none ("Senior
    Developer ⇥ London, UK", "Engineer, Amsterdam, Netherlands")."""
    fields = [split_location(f)[0] for f in header_fields(text) if not is_location(f)]
    title, company = title_and_company([f for f in fields if f][:3], False)
    return bool(title and company) and has_title(text)



@dataclass
class Field:
    text: str
    title: float = 0
    org: float = 0


def _score(text: str, found: list[Entity]) -> Field:
    """Title words count anywhere; a company-form word counts fully at the end of the
    field ("Acme Systems") and little inside it ("Order Management Systems (ETOMS)")."""
    item = Field(text)
    end = len(text.rstrip(" .,)"))
    for entity in found:
        if entity.label == "TITLE":
            item.title += 1
        elif entity.label == "SCHOOL" or (entity.label == "ORG" and entity.end >= end - 1):
            item.org += 1
        elif entity.label in ("ORG", "GPE"):
            item.org += 0.4
    return item


def classify(texts: list[str]) -> list[Field]:
    return [_score(t, e) for t, e in zip(texts, entities(texts))]


# What joins the skills of a title's stack: "NodeJs & React", "Java/Angular".
_STACK_JOIN = re.compile(r"\s*(?:&|/|\+|\band\b)\s*")


def _opens_with_stack(text: str) -> bool:
    """Whether ``text`` opens with two known skills or more before any comma ("NodeJs &
    React, Meta Software"): the stack of the title before it, not a company."""
    parts = [p for p in _STACK_JOIN.split(text.split(",")[0]) if p.strip()]
    return len(parts) >= 2 and all(known_skill(p.strip()) for p in parts)


def _company_after_comma(text: str) -> bool:
    """Whether a field's last comma sets a company apart, its legal form or company word
    at the end, after a dash that joins the title's parts, a title word after it too
    ("IAAS Network - Senior DevOps Engineer, ING Business Shared Service B.V."): the
    comma, not the dash, cuts title from company. After a dash that sets the company
    apart, the comma is the company's own ("Developer – Orion Technology, a Division of
    Rolta Canada Limited"). A company's branch named for its country is a company too
    ("Squad Network Stack - DevOps Engineer, ING Tech Poland")."""
    dash = SPACED_DASH.search(text)
    head, comma, tail = text.rpartition(", ")
    if dash is None or not comma or dash.start() > len(head):
        return False
    middle, company = classify([head[dash.end():], tail])
    return middle.title > middle.org and not company.title and (
        company.org >= 1 or _named_for_country(tail))


def _named_for_country(name: str) -> bool:
    """Whether a name of two words or more ends on a country's name ("Esri Canada"): a
    company's branch there, where a place alone would be one word or a list's."""
    *words, last = name.split()
    return bool(words) and len(last) > 2 and last[0].isupper() and is_region(last)


def _title_company_split(text: str, splitter: re.Pattern[str]) -> list[str] | None:
    """``text`` cut in two at the first ``splitter`` where one piece reads as a title and
    the other not; at a comma also the last (a company's name may hold commas, "X, the
    moonshot factory, Firmware Engineer"), the cut giving the shorter title winning
    unless its other piece holds a title word too ("Engineer, Co-founder, FoodMap LLC":
    "Co-founder, FoodMap LLC" is no company) or opens with a stack ("Developer, NodeJs &
    React, Meta Software")."""
    cuts = [c for c in splitter.finditer(text) if not _inside_brackets(text, c.start())]
    if splitter is SPACED_DASH:
        # A hyphen joins a name's parts where an en or em dash beside it sets the layout's
        # fields apart: "DevExpress - Infrastructure Team – Fullstack Software Engineer".
        cuts = [c for c in cuts if c.group().strip() != "-"] or cuts
    if splitter is not _COMMA:
        cuts = cuts[:1]  # dashes and pipes join a title's own parts as often
    best: list[str] | None = None
    best_rank = (True, True, len(text) + 1)
    for cut in {id(c): c for c in cuts[:1] + cuts[-1:]}.values():
        parts = [trim(text[: cut.start()]), trim(text[cut.end():])]
        if not all(parts):
            continue
        left, right = classify(parts)
        if (left.title > left.org) == (right.title > right.org):
            continue  # split only when the pieces read as a title and a company
        title, other = (left, right) if left.title > left.org else (right, left)
        if splitter is _BRACKET and title is left:
            continue
        if splitter is _COLON and _colon_goes_on(*parts):
            continue
        rank = (other.title > 0, _opens_with_stack(other.text), len(title.text))
        if rank < best_rank:
            best, best_rank = parts, rank
    return best


def _colon_goes_on(before: str, after: str) -> bool:
    """Whether a colon labels or goes on, not cuts company from title: dates before it
    label the role ("2000 – Present: Engineer"), a word in lower case after it says more
    of what stands before ("Distinguished Visitor: lecturer")."""
    return (any(c.isdigit() for c in before) or is_open_end(before)
            or after.split()[0].islower())


def style_cut(field: str, runs: tuple[str, ...]) -> list[str]:
    """A header field cut where its line changes weight or slant (TextLine.runs:
    "Software Engineer" in bold, then "Acme" in italics) when that leaves a title and
    something else; the field whole otherwise. The type says where the company starts
    better than a mark inside either name ("Research Assistant" in bold, then "CSIRO -
    Land & Water Division"); a joining word after the cut goes ("at Acme"). The cut must
    fall between two runs the field spans: a line wrapped into the field is no style."""
    if len(runs) < 2:
        return [field]
    flat = " ".join(field.split())
    for before, after in zip(runs, runs[1:]):
        if flat.startswith(before + " ") and _opens(after, flat[len(before) + 1:]):
            parts = [trim(before), trim(_JOINING.sub("", flat[len(before) + 1:]))]
        elif flat.endswith(" " + after) and _ends(before, flat[: -len(after) - 1]):
            parts = [trim(flat[: -len(after) - 1]), trim(_JOINING.sub("", after))]
        else:
            continue
        left, right = classify(parts)
        if all(parts) and (left.title > left.org) != (right.title > right.org):
            return parts
    return [field]


def _opens(run: str, words: str) -> bool:
    return run == words or run.startswith(words + " ")


def _ends(run: str, words: str) -> bool:
    return run == words or run.endswith(" " + words)


def _inside_brackets(text: str, at: int) -> bool:
    """Whether ``at`` falls inside a bracket left open before it: "Engineer (Freelance,
    Part-time), Acme" qualifies the title there, no cut between title and company."""
    before = text[:at]
    return before.count("(") > before.count(")")


def _cut_order(field: str, prefer: int | None = None) -> tuple[re.Pattern[str], ...]:
    """SPLITTERS in the order a lone field tries them: the section's cut (``prefer``)
    first, but before it a comma that sets a company apart after a dash."""
    order = SPLITTERS if prefer is None else (SPLITTERS[prefer], *SPLITTERS)
    return (_COMMA, *order) if _company_after_comma(field) else order


def splitter_of(field: str) -> int | None:
    """Which of SPLITTERS cuts a lone header field into a title and a company."""
    return next((SPLITTERS.index(s) for s in _cut_order(field)
                 if _title_company_split(field, s)), None)


def title_and_company(fields: list[str], first_bold: bool, prefer: int | None = None
                      ) -> tuple[str | None, str | None]:
    """Title and company among header fields; a lone field is cut at the first of
    SPLITTERS that leaves a title and something else (``prefer``, the cut its section's
    other roles take, tried first)."""
    if not fields:
        return None, None
    if len(fields) == 1:
        for splitter in _cut_order(fields[0], prefer):
            parts = _title_company_split(fields[0], splitter)
            if parts:
                fields = parts
                break
        else:
            at = _AT.split(fields[0])
            if len(at) == 2 and all(trim(p) for p in at):
                return trim(at[0]), trim(at[1])  # "X at Y" reads as title at company
            (only,) = classify(fields)
            return (only.text, None) if only.title > only.org else (None, only.text)
    scored = classify(fields)
    titled = [f for f in scored if f.title > f.org]
    if titled:
        # A long field holds more title words than a title does ("Duties: - Staff
        # engineer - Backend programmer", a role's description set beside its name).
        title = max(titled, key=lambda f: (len(f.text.split()) <= _TITLE_WORDS, f.title - f.org))
        at = _title_company_split(title.text, _AT)
        if at:  # "Senior Engineer at Ozette" beside other fields: the company is in it
            return (at[0], at[1]) if has_title(at[0]) else (at[1], at[0])
        rest = [f for f in scored if f is not title]
        # "Engineer at" over "Acme", or "Engineer" over "at Acme": a narrow column.
        return _JOINING.sub("", title.text), _JOINING.sub("", rest[0].text) if rest else None
    # No title word anywhere: a bold first line is the company, else "Title, Company".
    if first_bold:
        return scored[1].text, scored[0].text
    return scored[0].text, scored[1].text


_NUMBERED = re.compile(r"^\d{1,2}[.)]\s*")  # "1. Designation: Analyst", a list of roles


def header_label(text: str) -> re.Match[str] | None:
    """The label a header line opens with ("Designation: ", "1. Company - "), matched
    in the line without its number."""
    return HEADER_LABEL.match(_NUMBERED.sub("", text))


def labelled_value(text: str) -> tuple[str, str]:
    """(value, what its label names: "title", "company" or "") of a row "Employer: Acme",
    "1. Employer - Acme" or "Employer ⇥ Acme"; ("", "") for any other line."""
    bare = _NUMBERED.sub("", text)
    match = HEADER_LABEL.match(bare)
    if match:
        return trim(bare[match.end():]), label_kind(match)
    label, tab, rest = bare.partition(FIELD_BREAK)
    match = HEADER_LABEL.match(label + ":") if tab else None
    return (trim(rest), label_kind(match)) if match else ("", "")


def label_kind(match: re.Match[str]) -> str:
    """What a header's label (a HEADER_LABEL match) names: "title", "company" or ""
    (a date's, a place's)."""
    label = " ".join(match.group(1).casefold().split())
    return "title" if label in TITLE_LABELS else "company" if label in COMPANY_LABELS else ""


def labelled_title_and_company(fields: list[str], first_bold: bool, prefer: int | None = None
                               ) -> tuple[str | None, str | None]:
    """Title and company of header fields, those labelled ("Designation: Analyst",
    "Organization: Acme") taken as labelled, the rest classified; a label left without
    its value (the date's "Duration:") is dropped."""
    labelled: dict[str, str] = {}
    rest = []
    queue = list(fields)
    while queue:
        text = queue.pop(0)
        bare = _NUMBERED.sub("", text)
        match = HEADER_LABEL.match(bare) or HEADER_LABEL.match(bare + ":")
        if match is None:
            rest.append(text)
            continue
        value = trim(bare[match.end():])
        if not value and queue and not HEADER_LABEL.match(queue[0] + ":"):
            value = queue.pop(0)  # a table's row: "Designation ⇥ Analyst"
        kind = label_kind(match)
        if value and kind:
            labelled.setdefault(kind, value)
    if not labelled:
        return title_and_company(rest[:3], first_bold, prefer)
    title, company = title_and_company(rest[:3], first_bold, prefer) if rest else (None, None)
    if "title" in labelled:
        return labelled["title"], labelled.get("company") or company or title
    return title or company, labelled["company"]

