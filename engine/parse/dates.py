"""Dates and date ranges as resumes write them, normalised to ``YYYY-MM`` or ``YYYY``.

Understood: "Jan 2020", "January 2020", "Sept. 2020", "01/2020", "1.2020", "2020-01",
"2020/01", "2020-01-15", "2020", "'20" or "-20" after a month ("Nov-14"); ranges joined by -, –, to, until,
till, through, ~; "Present", "Current", "Now", "Till date", "Ongoing" (and a few
non-English words: "настоящее время", "obecnie") as an open end; month names in English,
French, Spanish, German, Italian, Portuguese, Dutch, Russian and Polish; "Jan – Mar 2021" (one year for both); "Since 2019"; a season ("Summer 2014") as its year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from engine.resume import PRESENT

_MONTH_NAMES = {
    1: "january jan janvier enero ene januar gennaio janeiro jänner januari "
       "январь января янв styczeń stycznia sty",
    2: "february feb febr fevrier février febrero februar febbraio fevereiro februari "
       "февраль февраля фев luty lutego lut",
    3: "march mar mars marzo märz marz março marco maart mrt март марта мар marzec marca",
    4: "april apr avril abril aprile abr апрель апреля апр kwiecień kwietnia kwi",
    5: "may mai mayo maggio maio mei май мая maj maja",
    6: "june jun juin junio juni giugno junho июнь июня июн czerwiec czerwca cze",
    7: "july jul juillet julio juli luglio julho июль июля июл lipiec lipca lip",
    8: "august aug aout août agosto ago augustus август августа авг sierpień sierpnia sie",
    9: "september sep sept septembre septiembre settembre setembro set сентябрь сентября "
       "сен сент wrzesień września wrz",
    10: "october oct octobre octubre oktober ottobre outubro okt октябрь октября окт "
        "październik października paź",
    11: "november nov novembre noviembre novembro ноябрь ноября ноя listopad listopada lis",
    12: "december dec décembre decembre diciembre dezember dicembre dezembro dic dez "
        "декабрь декабря дек grudzień grudnia gru",
}
MONTHS = {name: number for number, names in _MONTH_NAMES.items() for name in names.split()}
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_ANY_YEAR = re.compile(rf"{_YEAR}|['-]\d\d")
_OPEN = (
    r"present|current|currently|now|today|ongoing|till\s+date|till\s+now|to\s+date|date|"
    r"continuing|running|actuel|actuelle|aujourd'hui|heute|actualidad|presente|atual|oggi|"
    r"(?:по\s+)?настоящее\s+время|по\s+сей\s+день|сейчас|н\.\s?в(?=\.)|obecnie|heden"
)
# One date, most specific form first. Groups: mon/year, mm/year, year/mm, year.
_DATE = (
    rf"(?:(?P<{{p}}mon>{_MONTH})\.?,?(?:\s*[-/]?\s*(?P<{{p}}y1>{_YEAR})|\s*'(?P<{{p}}yy>\d{{{{2}}}})"
    rf"|-(?P<{{p}}yz>\d{{{{2}}}})(?!\d))"
    rf"|(?P<{{p}}y4>{_YEAR})[-/.](?P<{{p}}m4>0?[1-9]|1[0-2])(?:[-/.]\d{{{{1,2}}}})?(?!\d)"
    rf"|(?<![\d.])(?P<{{p}}m2>0?[1-9]|1[0-2])\s*[/.-]\s*(?P<{{p}}y2>{_YEAR})"
    rf"|(?:spring|summer|fall|autumn|winter)\s+(?P<{{p}}y5>{_YEAR})"
    rf"|(?P<{{p}}y3>{_YEAR}))"
)
_SEPARATOR = r"\s*(?:-{1,2}|–|~|→|•|·|to|until|till|through|thru|bis|au|à|a|al|hasta)\s*"


def _date(prefix: str) -> str:
    return _DATE.format(p=prefix)


_RANGE = re.compile(
    rf"(?<![\w/.-])(?:(?P<sm>{_MONTH})\.?(?={_SEPARATOR}(?:{_MONTH})\b)|{_date('s')})"
    rf"(?:{_SEPARATOR}(?:(?P<open>{_OPEN})\b|{_date('e')}))"
    rf"(?![\w/])",
    re.IGNORECASE,
)
_SINCE = re.compile(rf"\b(?:since|from|depuis|seit|desde)\s+{_date('s')}(?![\w/])", re.IGNORECASE)
# A range's dash with no end after it, at the end of the line or of its field.
_DANGLING = re.compile(r"\s*(?:-{1,2}|–|~|→)[ ]*(?=\t|$)")
_SINGLE = re.compile(rf"(?<![\w/.-]){_date('s')}(?![\w/])", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    start: str | None
    end: str | None  # YYYY-MM, YYYY, "present" or None
    begin: int  # where the matched text starts and ends in the line
    finish: int


def _value(match: re.Match, prefix: str) -> str | None:
    group = match.groupdict()
    month_name = group.get(f"{prefix}mon")
    if month_name:
        year = group.get(f"{prefix}y1")
        if year is None:  # "Sept '20", "Nov-14"
            short = int(group[f"{prefix}yy"] or group[f"{prefix}yz"])
            year = str(2000 + short if short < 50 else 1900 + short)
        return f"{year}-{MONTHS[month_name.lower()]:02d}"
    if group.get(f"{prefix}y4"):
        return f"{group[f'{prefix}y4']}-{int(group[f'{prefix}m4']):02d}"
    if group.get(f"{prefix}y2"):
        return f"{group[f'{prefix}y2']}-{int(group[f'{prefix}m2']):02d}"
    return group.get(f"{prefix}y3") or group.get(f"{prefix}y5")  # a season: its year


@lru_cache(maxsize=8192)  # the parser asks about the same header lines several times
def find_period(text: str) -> Period | None:
    """The first date range in ``text`` (or a single date, taken as the end: a
    graduation, a one-month role), or None."""
    if not _ANY_YEAR.search(text):
        return None  # every form holds a year: most lines are let go without the long patterns
    match = _RANGE.search(text)
    if match:
        end = PRESENT if match.group("open") else _value(match, "e")
        if match.group("sm"):  # "Jan – Mar 2021": the start month borrows the end's year
            start = f"{end[:4]}-{MONTHS[match.group('sm').lower()]:02d}" if end != PRESENT else None
        else:
            start = _value(match, "s")
        return Period(start, end, match.start(), match.end())
    match = _SINCE.search(text)
    if match:
        return Period(_value(match, "s"), PRESENT, match.start(), match.end())
    match = _SINGLE.search(text)
    if match:
        dangling = _DANGLING.match(text, match.end())
        if dangling:  # "2020-01-28 –" with nothing after: a role still held
            return Period(_value(match, "s"), PRESENT, match.start(), dangling.end())
        return Period(None, _value(match, "s"), match.start(), match.end())
    return None


_OPEN_ONLY = re.compile(rf"\s*(?:{_OPEN})\s*$", re.IGNORECASE)


def is_open_end(text: str) -> bool:
    """Whether ``text`` is only the open end of a range ("Present", "Till Date")."""
    return _OPEN_ONLY.match(text.strip(" ()[]–-")) is not None


def has_period(text: str) -> bool:
    return _ANY_YEAR.search(text) is not None and (
        _RANGE.search(text) is not None or _SINCE.search(text) is not None)
