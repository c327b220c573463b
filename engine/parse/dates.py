"""Dates and date ranges as resumes write them, normalised to ``YYYY-MM`` or ``YYYY``.

Understood: "Jan 2020", "January 2020", "Sept. 2020", "enero de 2020", "08 May 2020",
"10th Sep 2020", "04-Aug-2020", "01/2020", "1.2020", "2020-01", "2020/01", "2020-Jan",
"2020-01-15", "15.01.2020", "01/15/2020" (the month where a part cannot be a day, else the year),
"2020", "'20" or "-20" after a month ("Nov-14"); ranges joined by -, –, —, " / ", to,
until, till, through, ~, and "2018-19" (a two-digit end); "Present", "Current", "Now",
"Till date", "Ongoing", a theme's "Invalid Date" (and their words in the languages
below: "heute", "actual", "настоящее время", "obecnie"…) as an open end; month names
and their short forms in English, French, Spanish, German, Italian, Portuguese, Dutch,
Russian and Polish;
"Jan – Mar 2021" (one year for both); "Since 2019"; a season ("Summer 2014", "Sommer
2014") or a quarter ("Q3 2018") as its year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from engine.parse.word_trie import trie_pattern
from engine.resume import PRESENT

_MONTH_NAMES = {
    1: "january jan janvier janv enero ene januar gennaio gen janeiro jänner januari "
       "январь января янв styczeń stycznia sty",
    2: "february feb febr fevrier février fevr févr fev febrero februar febbraio fevereiro "
       "februari "
       "февраль февраля фев luty lutego lut",
    3: "march mar mars marzo märz marz mär março marco maart mrt март марта мар marzec "
       "marca",
    4: "april apr avril avr abril aprile abr апрель апреля апр kwiecień kwietnia kwi",
    5: "may mai mayo maggio mag maio mei май мая maj maja",
    6: "june jun juin junio juni giugno giu junho июнь июня июн czerwiec czerwca cze",
    7: "july jul juillet juil julio juli luglio lug julho июль июля июл lipiec lipca lip",
    8: "august aug aout août agosto ago augustus август августа авг sierpień sierpnia sie",
    9: "september sep sept septembre septiembre settembre setembro set сентябрь сентября "
       "сен сент wrzesień września wrz",
    10: "october oct octobre octubre oktober ottobre ott outubro okt октябрь октября окт "
        "październik października paź",
    11: "november nov novembre noviembre novembro ноябрь ноября ноя listopad listopada lis",
    12: "december dec décembre decembre déc diciembre dezember dicembre dezembro dic dez "
        "декабрь декабря дек grudzień grudnia gru",
}
MONTHS = {name: number for number, names in _MONTH_NAMES.items() for name in names.split()}
_MONTH = trie_pattern(MONTHS)  # a trie: twice as fast as a list of the names
_YEAR = r"(?:19[5-9]\d|20[0-4]\d)"
_ANY_YEAR = re.compile(rf"{_YEAR}|['’‘\"“-] ?\d\d")
_OPEN = (
    r"present|pres|current|currently|now|today|ongoing|till\s+date|till\s+now|to\s+date|date|"
    r"continuing|running|actuel|actuelle|aujourd'hui|heute|jetzt|aktuell|actualidad|"
    r"actualmente|actual|hoy|presente|atual|hoje|oggi|attuale|"
    r"invalid\s+date|"  # what a theme's date library prints for an end of "Present"
    r"(?:по\s+)?настоящее\s+время|по\s+сей\s+день|сейчас|н\.\s?в(?=\.)|obecnie|heden"
)
# Seasons and quarters stand for their year ("Summer 2014", "Sommer 2014", "Q3 2018").
_SEASON = (r"spring|summer|fall|autumn|winter|sommer|herbst|frühling|frühjahr|été|hiver|"
           r"printemps|automne|verano|invierno|otoño|primavera|q[1-4]")
# One date, most specific form first. Groups: mon/year ("enero de 2019" too), year/mm,
# day/month/year (d6, s6, m6, y6), mm/year, season or quarter/year, year.
_DATE = (
    # A day before the month ("08 May 2007"), tried only where a letter follows it.
    rf"(?:(?:(?<!\d)\d{{{{1,2}}}}(?:st|nd|rd|th)?[\s-]*(?=[^\W\d_]))?"
    rf"(?P<{{p}}mon>{_MONTH})\.?['’]?,?(?:\s*(?:del?\s+)?[-/]?\s*(?P<{{p}}y1>{_YEAR})"
    # A year's last two digits after an apostrophe, typed or typeset ("Sept '20",
    # "Aug ’18", Word's autocorrection; a double quote for one, 'Sep "16'), maybe spaced
    # from it ("June ' 11", "Jan' 13"); an apostrophe after the month before a whole year
    # is let be ("Jan' 2015"); a hyphen's two digits are no year before more digits
    # ("May-05-2014").
    rf"|\s*['’‘\"“] ?(?P<{{p}}yy>\d{{{{2}}}})(?!\d)|-(?P<{{p}}yz>\d{{{{2}}}})(?!\d|[-/.]\d)"
    # The day after the month: "May 5, 2014", "June 10th, 2019", "May-05-2014".
    rf"|\s*[-/]?\s*(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?\s*[,/-]?\s*(?P<{{p}}y8>{_YEAR}))"
    rf"|(?P<{{p}}y4>{_YEAR})[-/.](?P<{{p}}m4>0?[1-9]|1[0-2])(?:[-/.]\d{{{{1,2}}}})?(?!\d)"
    # The year before the month's name ("2025-May", a theme's "YYYY-MMM").
    rf"|(?P<{{p}}y7>{_YEAR})[-/](?P<{{p}}n7>{_MONTH})(?![^\W\d_])"
    rf"|(?<![\d.])(?P<{{p}}d6>\d{{{{1,2}}}})(?P<{{p}}s6>[./-])(?P<{{p}}m6>\d{{{{1,2}}}})(?P={{p}}s6)"
    rf"(?P<{{p}}y6>{_YEAR})"
    rf"|(?<![\d.])(?P<{{p}}m2>0?[1-9]|1[0-2])\s*[/.-]\s*(?P<{{p}}y2>{_YEAR})"
    rf"|(?:{_SEASON})\s*(?P<{{p}}y5>{_YEAR})"
    rf"|(?P<{{p}}y3>{_YEAR}))"
)
_SEPARATOR = (r"\s*(?:-{1,2}|–|—|~|→|•|·|(?<=\s)/(?=\s)|to|until|till|through|thru|bis|au|à|a|al|"
              r"hasta)\s*")


def _date(prefix: str) -> str:
    return _DATE.format(p=prefix)


_RANGE = re.compile(
    rf"(?<![\w/.-])(?:(?P<sm>{_MONTH})\.?(?={_SEPARATOR}(?:{_MONTH})\b)|{_date('s')})"
    rf"(?:{_SEPARATOR}(?:(?P<open>{_OPEN})\b|{_date('e')}|(?P<short>\d\d)(?![\d.,])))"
    rf"(?![\w/])",
    re.IGNORECASE,
)
_SINCE = re.compile(rf"\b(?:since|from|depuis|seit|desde)\s+{_date('s')}(?![\w/])", re.IGNORECASE)
# A month and a year's last two digits ("1/09 to Present", "08/07-12/07"), read only as
# a range's ends, where a fraction or a score would not stand.
_SHORT_DATE = r"(?P<{p}m9>0?[1-9]|1[0-2])/(?P<{p}y9>\d\d)(?![\d/])"
_SHORT_RANGE = re.compile(
    rf"(?<![\w/.]){_SHORT_DATE.format(p='s')}"
    rf"{_SEPARATOR}(?:(?P<open>{_OPEN})\b|{_SHORT_DATE.format(p='e')})(?![\w/])",
    re.IGNORECASE,
)
# A range's dash with no end after it, at the end of the line or of its field.
_DANGLING = re.compile(r"\s*(?:-{1,2}|–|~|→)[ ]*(?=\t|$)")
_SINGLE = re.compile(rf"(?<![\w/.-]){_date('s')}(?![\w/])", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    start: str | None
    end: str | None  # YYYY-MM, YYYY, "present" or None
    begin: int  # where the matched text starts and ends in the line
    finish: int


def _value(match: re.Match, prefix: str, day_first: bool | None = None) -> str | None:
    group = match.groupdict()
    month_name = group.get(f"{prefix}mon")
    if month_name:
        year = group.get(f"{prefix}y1") or group.get(f"{prefix}y8")
        if year is None:  # "Sept '20", "Nov-14"
            short = int(group[f"{prefix}yy"] or group[f"{prefix}yz"])
            year = str(2000 + short if short < 50 else 1900 + short)
        return f"{year}-{MONTHS[month_name.lower()]:02d}"
    if group.get(f"{prefix}y7"):
        return f"{group[f'{prefix}y7']}-{MONTHS[group[f'{prefix}n7'].lower()]:02d}"
    if group.get(f"{prefix}y4"):
        return f"{group[f'{prefix}y4']}-{int(group[f'{prefix}m4']):02d}"
    if group.get(f"{prefix}y2"):
        return f"{group[f'{prefix}y2']}-{int(group[f'{prefix}m2']):02d}"
    if group.get(f"{prefix}y6"):
        return _day_month_year(group, prefix, day_first)
    return group.get(f"{prefix}y3") or group.get(f"{prefix}y5")  # a season: its year


def _day_month_year(group: dict, prefix: str, day_first: bool | None) -> str:
    """"15.01.2019" and "15-01-2019" put the day first; "01/15/2019" may be either way
    round (``day_first`` None: unknown) and only the year is sure unless one part cannot
    be a month."""
    first, second = int(group[f"{prefix}d6"]), int(group[f"{prefix}m6"])
    year = group[f"{prefix}y6"]
    if group[f"{prefix}s6"] != "/":
        day_first = True
    day_first = _day_order(first, second) if day_first is None else day_first
    month = {True: second, False: first, None: 0}[day_first]
    return f"{year}-{month:02d}" if 1 <= month <= 12 else year


def _day_order(first: int, second: int) -> bool | None:
    """Whether a date's day comes first, when one of its parts cannot be a month."""
    if first > 12 >= second:
        return True
    return False if second > 12 >= first else None


def _range_day_order(match: re.Match) -> bool | None:
    """A range writes both its dates the same way round: "04/11/2009 to 21/12/2011" puts
    the day first in both."""
    for prefix in "se":
        if match.group(f"{prefix}d6"):
            order = _day_order(int(match.group(f"{prefix}d6")), int(match.group(f"{prefix}m6")))
            if order is not None:
                return order
    return None


def _two_digit_end(match: re.Match, start: str | None) -> str | None:
    """The end of "2018-19" or "2018–19", written tight: a later year of the start's
    century ("2019 – 25 people" is no range). With a hyphen and up to 12, "2010-11" is
    a year and month (November 2010)."""
    short, at = int(match.group("short")), match.start("short")
    dash, before = match.string[at - 1], match.string[at - 2]
    if start is None or len(start) != 4 or short <= int(start[2:]) or dash not in "-–" or (
            not before.isdigit()):
        return None
    return None if dash == "-" and short <= 12 else f"{start[:2]}{short:02d}"


def _range_period(match: re.Match) -> Period | None:
    if match.group("short"):  # "2018-19"
        start = _value(match, "s")
        end = _two_digit_end(match, start)
        return Period(start, end, match.start(), match.end()) if end else None
    day_first = _range_day_order(match)
    end = PRESENT if match.group("open") else _value(match, "e", day_first)
    if match.group("sm"):  # "Jan – Mar 2021": the start month borrows the end's year
        start = f"{end[:4]}-{MONTHS[match.group('sm').lower()]:02d}" if end != PRESENT else None
    else:
        start = _value(match, "s", day_first)
    return Period(start, end, match.start(), match.end())


@lru_cache(maxsize=8192)  # the parser asks about the same header lines several times
def find_period(text: str) -> Period | None:
    """The first date range in ``text`` (or a single date, taken as the end: a
    graduation, a one-month role; or a last cell that is only an open end, "Acme ⇥
    Present", a role still held whose start is not given), or None."""
    if "/" in text and (period := _short_range(text)):
        return period
    if not _ANY_YEAR.search(text):
        # Every other form holds a year: most lines are let go without the long patterns.
        head, tab, last = text.rpartition("\t")  # a field break
        if tab and head.strip() and is_open_end(last):
            return Period(None, PRESENT, len(head), len(text))
        return None
    match = _RANGE.search(text)
    period = _range_period(match) if match else None
    if period is not None:
        return period
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


def _short_range(text: str) -> Period | None:
    match = _SHORT_RANGE.search(text)
    if match is None:
        return None
    start = _short_value(match, "s")
    end = PRESENT if match.group("open") else _short_value(match, "e")
    if end != PRESENT and end < start:
        return None  # no range runs backwards: these are not dates
    return Period(start, end, match.start(), match.end())


def _short_value(match: re.Match, prefix: str) -> str:
    short = int(match.group(f"{prefix}y9"))
    year = 2000 + short if short < 50 else 1900 + short
    return f"{year}-{int(match.group(f'{prefix}m9')):02d}"


_OPEN_ONLY = re.compile(rf"\s*(?:{_OPEN})\s*$", re.IGNORECASE)


def is_open_end(text: str) -> bool:
    """Whether ``text`` is only the open end of a range ("Present", "Till Date")."""
    return _OPEN_ONLY.match(text.strip(" ()[]–-")) is not None


# How long a role lasted, as themes and LinkedIn print it after the range: "3 months",
# "(2 years, 6 months)", "· 1 yr 2 mos".
_DURATION = re.compile(r"\W*(?:\d+\+?\s*(?:years?|yrs?|months?|mos?)\b\W*){1,2}$",
                       re.IGNORECASE)


def only_dates(text: str) -> bool:
    """Whether ``text`` holds a date or a range and nothing else but marks around it
    ("Jan 2013", "(2019 – 2021)", "| 2015 – now") and how long it lasted ("March 2022 -
    December 2022 10 months"): an entry's dates on their own."""
    period = find_period(text)
    if period is None:
        return False
    after = "" if _DURATION.match(text, period.finish) else text[period.finish:]
    return not any(c.isalnum() for c in text[: period.begin] + after)


def has_period(text: str) -> bool:
    if "/" in text and _short_range(text) is not None:
        return True
    return _ANY_YEAR.search(text) is not None and (
        _RANGE.search(text) is not None or _SINCE.search(text) is not None)


# A range a narrow dates column wrapped: cut after its dash ("Sep 2019 –") or after its
# end's month ("September 2015 – June"), at the end of its cell or before the cell's text
# when the column's gap was too narrow to keep them apart ("– June Vice President").
_CUT_RANGE = re.compile(
    rf"(?<![\w/.-]){_date('s')}\s*(?:-{{1,2}}|–|—)"
    rf"(?:\s*(?P<month>{_MONTH})\.?(?=\s*(?:\t|$)|\s+[^\W\d_])|(?=\s*(?:\t|$)))",
    re.IGNORECASE,
)
_YEAR_ONLY = re.compile(rf"\s*{_YEAR}\s*$")
# What a line opens with when the range's dash went down with its end ("– June 2016";
# extraction reads a dash opening a line as a bullet's mark).
_DASH_OPENING = "–—-•"
_CELL_END = re.compile(r"\s*(?:\t|$)")


def range_with_wrapped_end(above: str, below: str) -> str | None:
    """``above`` with its range made whole when ``below`` is nothing but that range's
    wrapped end: "September 2015 – June" over "2016", "Sep 2019 –" over "Mar 2021" or
    "Present", "September 2015" over "– June 2016". None when it is not."""
    end = below.strip()
    if end[:1] in _DASH_OPENING:
        return _with_dashed_end(above, end[1:].strip())
    year = _YEAR_ONLY.match(end) is not None
    if not (year or is_open_end(end) or only_dates(end)):
        return None  # most lines: let go before the long pattern
    cut = _CUT_RANGE.search(above)
    if cut is None or (cut.group("month") and not year):
        return None
    if not cut.group("month") and not is_open_end(end) and find_period(end).start:
        return None  # a range of its own
    return f"{above[: cut.end()]} {end.strip('()[]')}{above[cut.end():]}"


def _with_dashed_end(above: str, end: str) -> str | None:
    """``above`` with the end joined after its one date, that date last in its cell."""
    if not (is_open_end(end) or (only_dates(end) and find_period(end).start is None)):
        return None
    period = find_period(above)
    if (period is None or period.start is not None or period.end == PRESENT
            or not _CELL_END.match(above, period.finish)):
        return None
    return f"{above[: period.finish]} – {end.strip('()[]')}{above[period.finish:]}"
