"""Checkable facts inside resume text: numbers, percentages, money amounts and dates,
each normalised to a value so that different spellings of one fact compare equal
("5M" = "$5,000,000" = "5 million", "Jan 2020" = "01/2020" = "2020-01").

Used by the claim check (what the optimized resume asserts that the original does not)
and by scoring (does a bullet carry a measurable result).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

NumericKind = Literal["number", "percent", "money"]

MONTHS = {
    name: index
    for index, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}

NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
}  # fmt: skip

SCALES = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mm": 1e6, "mn": 1e6, "million": 1e6,
    "b": 1e9, "bn": 1e9, "billion": 1e9, "lakh": 1e5, "lakhs": 1e5, "lac": 1e5,
    "crore": 1e7, "crores": 1e7, "cr": 1e7,
}  # fmt: skip

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?P<year>(?:19[5-9]\d|20[0-6]\d))"
_DATE_PATTERNS = (
    # "January 2020", "Jan. 2020", "Jan '20"
    re.compile(rf"(?<![\w])(?:{_MONTH})[\s,]*(?:{_YEAR}|'(?P<year2>\d\d))(?!\w)", re.I),
    # "01/2020", "1-2020", "01.2020"
    re.compile(rf"(?<![\w/.-])(?P<mnum>0?[1-9]|1[0-2])[/.-]{_YEAR}(?![\w/-])"),
    # "2020-01", "2020/1"
    re.compile(rf"(?<![\w/.-]){_YEAR}[-/.](?P<mnum>0?[1-9]|1[0-2])(?![\w/]|-\d)"),
    # a year alone
    re.compile(rf"(?<![\w$€£¥₹.,/]){_YEAR}(?![\w%]|[.,]\d)"),
)

_CURRENCY = r"(?:[$€£¥₹]|(?:USD|EUR|GBP|INR|AUD|CAD|Rs\.?|US\$)\s?)"
_AMOUNT = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s?(?P<scale>thousand|million|billion|lakhs?|lac|crores?|bn|mm|mn|cr|[kmb])\b)"
_NUMERIC = re.compile(
    rf"(?P<currency>{_CURRENCY})?(?<![\w.,])(?P<amount>{_AMOUNT}){_SCALE}?"
    rf"(?P<plus>\+)?(?P<percent>\s?(?:%|percent\b|per cent\b|pct\b))?",
    re.I,
)
_NUMBER_WORD = re.compile(r"\b(" + "|".join(NUMBER_WORDS) + r")\b", re.I)


@dataclass(frozen=True)
class NumericFact:
    kind: NumericKind
    text: str
    value: float
    start: int


@dataclass(frozen=True)
class DateFact:
    text: str
    year: int
    month: int | None
    start: int

    @property
    def key(self) -> str:
        return f"{self.year:04d}-{self.month:02d}" if self.month else f"{self.year:04d}"


@dataclass(frozen=True)
class TextFacts:
    numbers: tuple[NumericFact, ...]
    dates: tuple[DateFact, ...]


def parse_date(value: str | None) -> DateFact | None:
    """A structured date field ("2020-01", "2020", "Jan 2020") as a fact; None for an
    empty or "present" value or anything unreadable."""
    if not value:
        return None
    dates = extract_facts(value).dates
    return dates[0] if dates else None


def _dates(text: str) -> tuple[list[DateFact], str]:
    """Dates found in ``text`` and the text with them blanked out, so that a year is not
    also read as a plain number."""
    found: list[DateFact] = []
    chars = list(text)
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer("".join(chars)):
            groups = match.groupdict()
            if groups.get("year"):
                year = int(groups["year"])
            else:
                short = int(groups["year2"])
                year = 2000 + short if short < 60 else 1900 + short
            if groups.get("month"):
                month: int | None = MONTHS[groups["month"].lower().rstrip(".")]
            elif groups.get("mnum"):
                month = int(groups["mnum"])
            else:
                month = None
            found.append(DateFact(match.group(), year, month, match.start()))
            chars[match.start() : match.end()] = " " * (match.end() - match.start())
    found.sort(key=lambda d: d.start)
    return found, "".join(chars)


def _numbers(text: str) -> list[NumericFact]:
    found: list[NumericFact] = []
    for match in _NUMERIC.finditer(text):
        amount = float(match["amount"].replace(",", ""))
        scale = SCALES.get((match["scale"] or "").lower(), 1.0)
        if match["percent"]:
            kind: NumericKind = "percent"
        elif match["currency"]:
            kind = "money"
        else:
            kind = "number"
        found.append(NumericFact(kind, match.group().strip(), amount * scale, match.start()))
    for match in _NUMBER_WORD.finditer(text):
        found.append(NumericFact("number", match.group(), NUMBER_WORDS[match[1].lower()], match.start()))
    found.sort(key=lambda n: n.start)
    return found


def extract_facts(text: str) -> TextFacts:
    """The numbers and dates written in ``text``."""
    dates, rest = _dates(text)
    return TextFacts(tuple(_numbers(rest)), tuple(dates))


def has_metric(text: str) -> bool:
    """Whether ``text`` states a measurable result (a number, percentage or amount)."""
    return bool(extract_facts(text).numbers)


def same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def rounded_down_from(claimed: float, original: float) -> bool:
    """Whether ``claimed`` is ``original`` rounded down to ``claimed``'s precision
    ("1,200+" from 1,234; "40%" from 40.3%): an understatement, not an invented fact."""
    if claimed <= 0 or claimed > original:
        return False
    step = precision_step(claimed)
    return same_value(claimed, (original // step) * step)


def precision_step(claimed: float) -> float:
    """The precision ``claimed`` is written to: 1000 for "3,000", 0.1 for "40.5"."""
    step = 1.0
    while claimed % (step * 10) == 0 and step < 1e12:
        step *= 10
    if claimed != int(claimed):
        step = 0.1 if round(claimed * 10) == claimed * 10 else 0.01
    return step
