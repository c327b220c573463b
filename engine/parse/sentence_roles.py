"""Roles written on one line each, the section's only headers.

"• Worked as a Teacher in Sairam School, Chennai from June 2013 to April 2015", "Worked
with Acme Ltd as Principal Consultant for 11 months (Sep 2015 to Jul 2016)": the title
follows "as", the company "in", "at" or "with" (a name, so a capital), the dates anywhere.
When such sentences are most of an experience section's dated lines and open it, each is
a role and the lines under it, up to the next, are its text. A section that is all
"Name - length (what)" items ("Acme - 2 years (go, postgres)", "Globex - 2021 - present")
lists its companies, each item a role. Any other section is read by
engine.parse.experience.
"""

from __future__ import annotations

import re
from dataclasses import replace

from engine.extract.lines import TextLine
from engine.parse.dates import find_period, has_period, only_dates
from engine.parse.entry_lines import (
    is_bullet,
    is_duration,
    paragraph_items,
    split_location,
    strip_bullet,
    trim,
)
from engine.parse.experience import experience_entries, role_dates
from engine.parse.roles import has_title
from engine.resume import Bullet, ExperienceEntry

# Where a role's part ends: the next part's word ("as" opening a sentence too, "Acme
# Ltd. As an Engineer"), a bracket, the dates' place, the sentence's end (not "Pvt. Ltd"
# nor "Asst. Manager", an abbreviation's dot).
_STOP = (r"(?=\s+(?:as|As|in|at|with|for|to|under|till|during|on|(?i:since|from))\b|\s*[(]|"
         r"\s+\.|(?<!\bAsst)(?<!\bSr)(?<!\bJr)(?<!\bDy)\.\s+[A-Z][a-z]{3,}|\s*$)")
_TITLE = re.compile(rf"\bas\s+(?:an?\s+)?(?P<title>[^\s(,].*?){_STOP}", re.IGNORECASE)
_COMPANY = re.compile(rf"\b(?:in|at|with)\s+(?i:m/s\.?\s*)?(?P<company>[A-Z0-9][^(]*?){_STOP}")
_NUMBERED = re.compile(r"^\s*(?:\d{1,2}[.)]|[ivx]{1,4}[.)])\s*", re.IGNORECASE)
_VERB = r"(?:worked|working|employed|serving|served)\b"
_ROLE_VERB = re.compile(rf"\b{_VERB}", re.IGNORECASE)
# How a role sentence opens: "Worked", "Currently working", "I have worked".
_OPENS_ROLE = re.compile(r"(?:(?:presently|currently|previously),?\s+)?"
                         r"(?:i\s+(?:am\s+|was\s+|have\s+)?(?:been\s+)?)?"
                         rf"(?:(?:presently|currently)\s+)?{_VERB}", re.IGNORECASE)
# A line going on with a range's end: "to May 2014", "till date", "– 2016".
_RANGE_GOES_ON = re.compile(r"\s*(?:to|till|until|upto|[-–])\s+\S", re.IGNORECASE)
_MIN_WORDS = 6  # shorter, a dated line is a header of the usual kind
# "Acme - 2 years (go, postgres)": one name (no "Title, Company"), a dash, how long or
# when, what in brackets.
_NAME_AND_DASH = re.compile(r"^[^-–—(,|@]{2,40}?\s+[-–—]\s")
_NAME_AND_LENGTH = re.compile(r"^(?P<name>[^-–—(,|@]{2,40}?)\s+[-–—]\s+(?P<when>[^(]+?)"
                              r"\s*(?:\((?P<what>[^)]*)\)?)?$")


def _sentence_role(text: str) -> ExperienceEntry | None:
    """The role a dated sentence names, title and company both, or None."""
    text = _NUMBERED.sub("", strip_bullet(text))
    period = find_period(text)
    if period is None or period.start is None or len(text.split()) < _MIN_WORDS:
        return None
    words = text[: period.begin] + " " + text[period.finish:]
    title, company = _TITLE.search(words), _COMPANY.search(words)
    if title is None:
        return None
    if company is not None:
        role, employer = _without_full_stop(trim(title["title"])), trim(company["company"])
    else:  # "Worked as an Electrical Panel fitter, UB Engineering, New Delhi. from …"
        role, _, employer = (trim(part) for part in title["title"].partition(", "))
        if not (employer[:1].isupper() and has_title(role)):
            return None
    name, place = split_location(employer)
    start, end = role_dates(period)
    return ExperienceEntry(title=role, company=name or None, location=place, start=start,
                           end=end)


def _without_full_stop(title: str) -> str:
    """A title that ends its sentence without the sentence's full stop ("Asst. Manager."),
    an abbreviation keeping its own ("Sr.")."""
    last = title.split()[-1] if title else ""
    return title[:-1] if title.endswith(".") and len(last) > 4 else title


def _opens_role(text: str) -> bool:
    return bool(_OPENS_ROLE.match(_NUMBERED.sub("", strip_bullet(text))))


def _run_on(lines: list[TextLine], index: int) -> int:
    """How many lines after ``lines[index]`` its role sentence runs on over, to reach its
    dates ("1. Worked as an Electrical Panel fitter in PUNJ LOYOD Pvt Ltd. New Delhi,"
    over "from 05/12/2006 to 02/09/2009"; "I have worked as an Accountant in Acme Ltd."
    over "Period : From July 2013 to June 2014"; "… from Sep 2009 to" over "till date"):
    one or two, none of them a new item."""
    first = lines[index].text
    if not _opens_role(first):
        return 0
    following = lines[index + 1].text if index + 1 < len(lines) else ""
    if _sentence_role(first) is not None and not _RANGE_GOES_ON.match(following):
        return 0  # whole on its line, unless "From July 2010" goes on "to May 2014"
    tail: list[str] = []
    for line in lines[index + 1: index + 3]:
        if _new_item(line.text):
            return 0
        tail.append(line.text)
        if _sentence_role(" ".join([first, *tail])) is not None:
            return len(tail)
    return 0


def _new_item(text: str) -> bool:
    """Whether a line starts something new rather than going on with the sentence above:
    a list item, a role sentence of its own, or a line opening with dates and naming more
    after them ("Dec'08 – Jan'10 with Suzlon Wind Energy": another role's header), where
    a sentence's wrapped dates are all their line holds ("04/11/2009 to 21/12/2011.")."""
    if is_bullet(text) or _NUMBERED.match(text) or _ROLE_VERB.search(text):
        return True
    period = find_period(text)
    return (period is not None and not text[:period.begin].strip()
            and bool(re.search(r"[^\W\d_]", re.sub(r"\(.*?\)", "", text[period.finish:]))))


def _run_ons_joined(lines: list[TextLine]) -> list[TextLine]:
    """``lines`` with each role sentence that runs on to its dates made one line."""
    result: list[TextLine] = []
    index = 0
    while index < len(lines):
        count = _run_on(lines, index)
        if count:
            texts = [line.text for line in lines[index: index + 1 + count]]
            result.append(replace(lines[index], text=" ".join(texts)))
        else:
            result.append(lines[index])
        index += 1 + count
    return result


def _roles_by_line(lines: list[TextLine]) -> dict[int, ExperienceEntry] | None:
    """The sentence roles by line, when they open the section's dated lines, two at
    least, and make two thirds of them; or one, when it is the section's first line and
    only dated one (a section under "Present Employment"); None otherwise."""
    dated = [i for i, line in enumerate(lines) if find_period(line.text) is not None]
    roles = {i: role for i in dated if (role := _sentence_role(lines[i].text))}
    if dated == [0] and roles:
        return roles
    if len(roles) < 2 or 3 * len(roles) < 2 * len(dated) or dated[0] not in roles:
        return None
    return roles


def _company_and_length(item: str) -> ExperienceEntry | None:
    """The role an item "Name - length (what)" names: the company, its dates if given,
    what was done there as its text."""
    match = _NAME_AND_LENGTH.match(strip_bullet(item))
    when = match["when"] if match else ""
    if not (is_duration(when) or (has_period(when) and only_dates(when))):
        return None
    start, end = role_dates(find_period(when))
    # A length has no field of its own: it stays in the role's text, before what.
    length = when.strip() if start is None and end is None else ""
    what = (match["what"] or "").strip()
    text = f"{length} ({what})" if length and what else length or what
    bullets = [Bullet(id="", text=text)] if text else []
    name = trim(match["name"])
    if has_title(name):  # "Developer - 2 years": the role's name, not its company's
        return ExperienceEntry(title=name, start=start, end=end, bullets=bullets)
    return ExperienceEntry(company=name, start=start, end=end, bullets=bullets)


def _companies_listed(lines: list[TextLine], pdf: bool) -> list[ExperienceEntry] | None:
    """The roles of a section that is all "Name - length" items, two at least."""
    if not lines or not _NAME_AND_DASH.match(strip_bullet(lines[0].text)):
        return None  # its first item's first line names no company before a dash
    items = paragraph_items(lines, pdf)
    roles = [_company_and_length(item) for item in items]
    if len(roles) < 2 or None in roles:
        return None
    return roles


def section_roles(lines: list[TextLine], pdf: bool) -> list[ExperienceEntry]:
    """The roles of an experience section: one per sentence role or listed company, or
    as engine.parse.experience reads its headers."""
    joined = _run_ons_joined(lines)
    roles = _roles_by_line(joined)
    if roles is None:
        return _companies_listed(lines, pdf) or experience_entries(lines, pdf)
    lines = joined
    starts = sorted(roles)
    jobs = []
    for number, (start, end) in enumerate(zip(starts, [*starts[1:], len(lines)])):
        job = roles[start]
        texts = paragraph_items(lines[start + 1: end], pdf)
        job.bullets = [Bullet(id=f"experience.{number}.{i}", text=t) for i, t in enumerate(texts)]
        jobs.append(job)
    return jobs
