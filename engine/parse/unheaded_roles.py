"""Roles listed where no experience heading announced them.

A resume may list its jobs under a heading the lexicon does not know ("Contracts",
"Career Profile" read as a summary), under one the splitter did not read (so in the tail
of the summary, the skills or the schools above), or at the top with no heading at all. Such lines are found by their form, the way a reader finds them: several short
lines carrying a date range, each with a job title or a company near it (on it, or on a
short line right above or below), and no degree or school; or one such line whose title
and company are labelled ("Designation: Planner", "Company: Acme"). From the first role
on, the lines are read as an experience section (engine.parse.sections).
"""

from __future__ import annotations

from engine.extract.lines import TextLine
from engine.parse.dates import has_period
from engine.parse.entry_lines import is_bullet, looks_like_body, take_period
from engine.parse.nlp import entities
from engine.parse.roles import header_label, label_kind

_ROLE = {"TITLE", "ORG"}
_STUDIES = {"DEGREE", "SCHOOL"}
_NEAR = 2  # header lines a role's date range may stand above or below its title
_HEADER_WORDS = 14  # a dated line longer than this is a sentence, not a role's header


def _dated_header(text: str) -> bool:
    """A short line with a date range, no list item: what a role's header carries (an
    item's dates are a project's, a course's)."""
    if is_bullet(text) or not has_period(text):
        return False
    _, rest = take_period(text)
    return len(rest.split()) <= _HEADER_WORDS


def _header_like(line: TextLine) -> bool:
    text = line.text
    return not is_bullet(text) and not looks_like_body(text) and len(text.split()) <= 10


def _window(lines: list[TextLine], index: int) -> list[str]:
    """The dated line (its date left out) and the short header lines next to it."""
    texts = [take_period(lines[index].text)[1]]
    for step in (-1, 1):
        at = index + step
        while 0 <= at < len(lines) and abs(at - index) <= _NEAR and _header_like(lines[at]):
            if has_period(lines[at].text):
                break  # the next role's header
            texts.append(lines[at].text)
            at += step
    return [t for t in texts if t.strip()]


def _names_role(lines: list[TextLine], index: int) -> bool:
    """A title or a company near the date range, and no degree or school."""
    labels = {e.label for found in entities(_window(lines, index)) for e in found}
    return bool(labels & _ROLE) and not labels & _STUDIES


def _labelled_role(lines: list[TextLine], index: int) -> bool:
    """A title and a company near the date range, each labelled as such ("Designation:
    Planner", "Company: Acme"): a role even alone in its section."""
    matches = (header_label(text) for text in _window(lines, index))
    return {label_kind(m) for m in matches if m} >= {"title", "company"}


def _labelled_above(lines: list[TextLine], index: int) -> int:
    """How many labelled header lines stand right above a dated line."""
    count = 0
    while count < _NEAR and index - count > 0 and header_label(lines[index - count - 1].text):
        count += 1
    return count


def _lines_above(lines: list[TextLine], index: int, floor: int) -> int:
    """How many header lines stand right above a dated line (down to ``floor``)."""
    count = 0
    while (count < _NEAR and index - count - 1 > floor
           and _header_like(lines[index - count - 1])
           and not has_period(lines[index - count - 1].text)):
        count += 1
    return count


def roles_start(lines: list[TextLine], tail: bool = False) -> int | None:
    """Where a run of roles begins in ``lines`` of a section that is not experience: two
    dated role headers at least, or one with labelled title and company, and most of the
    dated headers roles (with ``tail``, all those from the first role on); None
    otherwise. The first role takes as many header lines above its date range as the
    second does (a lone role, all those above it), and its labelled lines
    ("Designation: ...") above it in any case."""
    dated = [i for i, line in enumerate(lines) if _dated_header(line.text)]
    if not dated:
        return None
    roles = [i for i in dated if _labelled_role(lines, i) or _names_role(lines, i)]
    if 2 * len(roles) < len(dated) or not (
            len(roles) >= 2 or (roles and _labelled_role(lines, roles[0]))):
        return None
    first = roles[0]
    if tail and any(i not in roles for i in dated if i > first):
        return None
    above = _lines_above(lines, first, -1)
    if len(roles) > 1:
        above = min(above, _lines_above(lines, roles[1], first))
    return first - max(above, _labelled_above(lines, first))
