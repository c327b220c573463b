"""A resume's name and contact fields: email, phone, location, links.

Contact details sit in the lines above the first section heading, in a "Contact"
section (two-column themes) or anywhere (a footer); those places are searched in that
order. The name is the most prominent person-like line near the top: the largest font
on the first page when sizes are known, else the first such line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from engine.parse.dates import has_period
from engine.resume import Link
from engine.parse.nlp import DATA, read_lexicon
from engine.parse.sections import heading_section
from engine.parse.skills import find_skills
from engine.extract.lines import FIELD_BREAK, TextLine, strip_leading_bullet

# Linear: a match may only start where a run of local-part characters starts (the
# lookbehind), so a long run without "@" is scanned once, not once per character.
EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[._%+-]*+(?P<address>[A-Za-z0-9][A-Za-z0-9._%+-]*+@"
                   r"[A-Za-z0-9-]++(?:\.[A-Za-z0-9-]++)*\.[A-Za-z]{2,})")
_PHONE = re.compile(r"(?<![\w/.])(?:\+|00)?\s*\(?\+?\d[\d\s().\-/]{6,20}\d(?![\w/])")
_LABEL_REACH = 60  # characters before a number searched for its label ("Mobile No.:")
_PHONE_LABEL = re.compile(
    r"\b(?:phone|mobile|mob|cell|tel|telephone|contact(?:\s+no)?|ph|m)\b\.?\s*"
    r"(?:no\.?|number)?\s*[:.\-]?\s*$",
    re.IGNORECASE,
)
_TLDS = ("com|io|dev|me|org|net|in|co|ai|app|tech|info|xyz|site|page|us|uk|de|fr|ca|eu|"
         "codes|blog|online|website|github\\.io|pro|name|works")
_URL = re.compile(
    r"(?:https?://|www\.)[^\s|,;<>()\"'•·]+"
    rf"|(?<![@\w.\-/])(?:[a-z0-9][a-z0-9-]*\.)+(?:{_TLDS})(?:/[^\s|,;<>()\"'•·]*)?(?![\w@.])",
    re.IGNORECASE,
)
_SEPARATORS = re.compile(r"\s*(?:\t|\||•|·|\u2022|\s{2,}| – | - (?=\D))\s*")
_LABEL = re.compile(
    r"^(?:e-?mail|email id|mail|phone|mobile|mob|cell|tel|address|location|based in|"
    r"residence|current location|city|linkedin|github|website|portfolio|web|contact|"
    r"permanent address|present address|correspondence address|name|full name)"
    r"\s*(?:no\.?|number)?\s*[:\-–]+\s*",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"^[^\W\d_](?:[^\W\d_]|['’\-])*\.?$")
_PARTICLES = {"van", "von", "de", "da", "del", "der", "di", "la", "le", "bin", "al", "el", "du",
              "dos", "das", "ter", "ten", "y"}
_NOT_NAME = {
    "resume", "résumé", "curriculum", "vitae", "cv", "profile", "contact", "page",
    "confidential", "objective", "objectives", "summary", "address", "email", "phone",
    "mobile", "personal", "details", "information", "portfolio", "linkedin", "github",
    "about", "letter", "covering", "cover", "attn", "career", "overview", "experienced",
    "experience", "management", "stream", "major", "house", "nagar", "road", "street",
    "colony", "name", "known", "worked", "work", "page", "dear", "sir", "madam", "to",
    "languages", "language", "skills", "references", "declaration", "date", "place",
    "application", "post", "position", "job", "vacancy", "curriculam", "the", "no",
    "dist", "vill", "mob", "passport", "qualification", "qualifications", "credentials",
    "skill", "set", "meetings", "quick", "start", "street", "st", "road", "rd", "avenue",
    "ave", "lane", "apartments", "apartment", "building", "floor", "room", "hall", "block",
    "sector", "near", "opp", "good", "key", "core", "advanced", "twitter", "handle",
    "sample", "template", "example", "community", "accomplishments", "strengths",
    "professional", "summary", "highlights", "phone", "fax", "website", "city",
}
_HONORIFICS = re.compile(r"^(?:mr|mrs|ms|miss|dr|prof|er|shri|smt|sri)\.?\s+", re.IGNORECASE)
_REMOTE = re.compile(
    r"^\(?(?:remote|hybrid|on-?site|work from home|wfh)\)?(?:\s*[-–,(].*)?$", re.IGNORECASE
)


@cache
def _places() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(regions: countries, states, provinces casefolded; their codes as written;
    cities casefolded), from places.txt, whose "# Cities" part lists the cities, and
    cities.txt (every city of 100,000 people, written by scripts/build_cities.py)."""
    regions: set[str] = set()
    codes: set[str] = set()
    cities: set[str] = set()
    text = (DATA / "places.txt").read_text(encoding="utf-8")
    in_cities = False
    for line in text.splitlines():
        place = line.strip()
        if place.startswith("#"):
            in_cities = place.lower().startswith("# cities")
        elif place and len(place) <= 4 and place.replace(".", "").isupper():
            codes.add(place)
        elif place:
            (cities if in_cities else regions).add(place.casefold())
    cities |= {name.casefold() for name in read_lexicon("cities.txt")}
    return frozenset(regions), frozenset(codes), frozenset(cities)


@cache
def _title_words() -> frozenset[str]:
    return frozenset(w for w in read_lexicon("job_titles.txt") if " " not in w)


@cache
def _org_words() -> frozenset[str]:
    words = {w.casefold() for name in ("org_suffixes.txt", "institutions.txt", "job_titles.txt")
             for w in read_lexicon(name) if " " not in w and len(w) >= 3}
    return frozenset(words)


@cache
def _degrees() -> frozenset[str]:
    return frozenset(w.casefold() for w in read_lexicon("degrees.txt"))


@cache
def _not_name_words() -> frozenset[str]:
    """Words no person's name holds: schools, company forms, degrees (4+ letters, so a
    name like "Ali" or "Co" initials are not caught)."""
    words = {w.casefold() for name in ("institutions.txt", "org_suffixes.txt", "degrees.txt")
             for w in read_lexicon(name) if " " not in w and len(w) >= 4}
    return frozenset(words | _NOT_NAME)


def is_place(text: str) -> bool:
    regions, codes, cities = _places()
    text = text.strip(" .,()")
    return text.casefold() in regions or text in codes or text.casefold() in cities


def is_region(text: str) -> bool:
    """A state, province, country or their code: "TX", "Ontario", "India"."""
    regions, codes, _ = _places()
    text = text.strip(" .,()")
    return (len(text) == 2 and text.isupper()) or text in codes or text.casefold() in regions


# Words that begin a place's name before a city's ("North Hollywood", "East Orange").
_PLACE_PREFIXES = frozenset({"north", "south", "east", "west", "new", "upper", "lower", "saint",
                             "st.", "fort", "port", "mount", "lake", "old", "greater"})


def name_before_city(text: str) -> tuple[str, str] | None:
    """("Mechanical Orchard", "San Francisco") of "Mechanical Orchard San Francisco": a
    name and the capitalised city it ends on, where a print lost the gap between a
    company and its place. None when no city ends it, or what stands before the city
    is no name of its own ("Bank of" + "New York", "University of" + "Cape Town")."""
    words = text.split()
    for size in (3, 2, 1):
        city = " ".join(words[-size:])
        if len(words) > size and city[0].isupper() and is_place(city):
            if is_region(city):
                return None  # "Bank of New York": the state, not "York"
            name = " ".join(words[:-size])
            last = words[-size - 1]
            if last.casefold() in _PLACE_PREFIXES:  # "North Hollywood", "Acme West London"
                name, city = " ".join(words[:-size - 1]), f"{last} {city}"
                return (name, city) if name else None
            return (name, city) if last[0].isupper() or last[0].isdigit() \
                or last.endswith((".", ")")) else None
    return None


_BRACKETED_REGION = re.compile(r"(?P<place>[^(]+?) \((?P<region>[^()]+)\)")
# How the work is done, after a place: "London, UK (Remote)", "Hanoi / Remote".
_WORK_MODE_AFTER = re.compile(r"\s*(?:\(|/)\s*(?:remote|hybrid|on-?site|wfh)\s*\)?$",
                              re.IGNORECASE)


def _acronym_of(name: str, code: str) -> bool:
    """Whether ``code`` spells the initials of ``name``'s capitalised words ("Associated
    Press", "AP"; "United Nations", "UN")."""
    initials = "".join(word[0] for word in re.findall(r"[A-Za-z][\w'&-]*", name)
                       if word[0].isupper())
    return len(code) >= 2 and code.isupper() and code == initials


def is_work_mode(text: str) -> bool:
    """Whether ``text`` opens with how the work was done, a place maybe after it:
    "Remote", "Hybrid", "Remote - Shanghai, China"."""
    return _REMOTE.match(text.strip()) is not None


def is_location(text: str) -> bool:
    """"Seattle, WA", "Bengaluru, India", "Remote", "New York, New York, US",
    "Seattle (USA)"..."""
    bracketed = _BRACKETED_REGION.fullmatch(text.strip())
    if bracketed and _acronym_of(bracketed["place"], bracketed["region"]):
        return False  # "ASSOCIATED PRESS (AP)": a name's initials, not Andhra Pradesh
    if bracketed and is_region(bracketed["region"]):  # the country in brackets
        text = f"{bracketed['place']}, {bracketed['region']}"
    text = text.strip(" ()|·•,")
    if not text or len(text) > 60 or any(c.isdigit() for c in text) or "@" in text:
        return False
    if _REMOTE.match(text) or is_place(text):
        return True
    mode = _WORK_MODE_AFTER.search(text)
    if mode and mode.start() > 0:
        return is_location(text[: mode.start()])
    if " / " in text:  # "Hong Kong / UK": each a place
        return all(is_place(part) or is_region(part) for part in text.split(" / "))
    parts = [p.strip() for p in text.split(",")]
    if not 2 <= len(parts) <= 3 or not all(p and p[0].isupper() for p in parts):
        return False
    if set(parts[0].casefold().split()) & _org_words():
        return False  # "Initech Insurance, San Diego, CA" is a company and a place
    if not is_place(parts[0]) and name_before_city(parts[0]):
        return False  # "City Index London, UK": a company and a place
    if len(parts) == 2:  # "Pune, Maharashtra", "Mumbai, Andheri East"; not "San Francisco,
        # San Francisco Unified School District" nor "Hamilton, ON – B. Tech in Software
        # Engineering", a place then a name or a degree
        return is_region(parts[1]) or (is_place(parts[0]) and len(parts[1].split()) <= 3)
    return is_region(parts[2]) and (is_region(parts[1]) or is_place(parts[0]))


def find_email(texts: Iterable[str]) -> str | None:
    """The first email address; one a narrow column wrapped ("jo@examp" / "le.org") is
    joined back."""
    texts = list(texts)
    for text in texts:
        match = EMAIL.search(text)
        if match:
            return match.group("address").rstrip(".")
    for text, following in zip(texts, texts[1:]):
        if "@" in text and not text.endswith(" ") and following[:1].isalnum():
            match = EMAIL.search(f"{text.split()[-1]}{following.split()[0]}")
            if match:
                return match.group("address").rstrip(".")
    return None


def normalise_phone(raw: str) -> str | None:
    """Digits with a leading + when the number has a country prefix ("+", "00")."""
    raw = raw.strip()
    digits = re.sub(r"\D", "", raw)
    international = raw.startswith(("+", "(+")) or (raw.startswith("00") and len(digits) > 11)
    if raw.startswith("00"):
        digits = digits[2:]
    if not 7 <= len(digits) <= 15:
        return None
    return f"+{digits}" if international else digits


def find_phone(texts: Iterable[str]) -> str | None:
    """The first phone number: 10 to 15 digits (8 or more with a country prefix or a
    phone label before it), not a date range or a run of years."""
    for text in texts:
        for match in _PHONE.finditer(text):
            candidate = match.group()
            if has_period(candidate) or re.search(r"\d{2}[./]\d{2}[./]\d{2,4}", candidate):
                continue
            digits = re.sub(r"\D", "", candidate)
            prefixed = candidate.lstrip().startswith(("+", "(+", "00"))
            # A postcode run into the number ("CA 90034 310. 839. 8722"): drop it.
            while not prefixed and len(digits) > 12 and " " in candidate.strip():
                candidate = candidate.strip().split(" ", 1)[1]
                digits = re.sub(r"\D", "", candidate)
            # Only the label right before the number counts: a bounded window keeps
            # this linear on a line of many number-like runs.
            labelled = _PHONE_LABEL.search(text, max(0, match.start() - _LABEL_REACH),
                                           match.start()) is not None
            if len(digits) >= 10 or (len(digits) >= 8 and (labelled or prefixed)):
                phone = normalise_phone(candidate)
                if phone and len(set(digits)) > 2:
                    return phone
    return None


def _link_kind(url: str) -> str:
    lowered = url.lower()
    if "linkedin.com" in lowered:
        return "linkedin"
    if "github.com" in lowered:
        return "github"
    return "website"


def _canonical_url(url: str) -> str:
    url = re.sub(r"^(?:https?://)?(?:www\.)?", "", url.strip().rstrip("/.,;)"), flags=re.I)
    return url.casefold()


def _is_profile(url: str) -> bool:
    """A LinkedIn or GitHub profile (not a repository or a post)."""
    key = _canonical_url(url)
    return bool(re.fullmatch(r"(?:[a-z]{2}\.)?linkedin\.com/in/[^/]+|github\.com/[^/]+", key))


def find_links(contact_texts: Iterable[str], body_texts: Iterable[str],
               document_urls: Iterable[str]) -> list[Link]:
    """Links from the contact area, link targets behind the text, and LinkedIn/GitHub
    profiles anywhere; mailto and tel targets are not links."""
    found: list[str] = []
    for text in contact_texts:
        found += [m.group() for m in _URL.finditer(text)]
    found += [u for u in document_urls if not u.lower().startswith(("mailto:", "tel:"))]
    for text in body_texts:
        lowered = text.lower()
        if "linkedin" in lowered or "github" in lowered:
            found += [m.group() for m in _URL.finditer(text) if _is_profile(m.group())]
    links: dict[str, Link] = {}
    for url in found:
        url = url.strip().rstrip(".,;)")
        key = _canonical_url(url)
        if not key or "@" in key or key in links or "." not in key.split("/")[0]:
            continue
        if not url.lower().startswith(("http://", "https://")):
            url = "https://" + url
        links[key] = Link(kind=_link_kind(url), url=url)
    return list(links.values())


def contact_segments(text: str) -> list[str]:
    """A contact line cut at its separators, labels ("Phone:") removed."""
    return [_LABEL.sub("", part).strip() for part in _SEPARATORS.split(text) if part.strip()]


def find_location(texts: Iterable[str]) -> str | None:
    for text in texts:
        for segment in contact_segments(text):
            segment = segment.strip(" ,;")
            if EMAIL.search(segment) or _URL.search(segment):
                continue
            if is_location(segment) and not _REMOTE.match(segment):
                return segment
            # An address: keep its place part ("..., Hyderabad, Telangana - 500081").
            parts = [p.strip(" -–") for p in re.split(r",|\s[-–]\s", segment) if p.strip(" -–")]
            parts = [p for p in parts if not re.fullmatch(r"[\d\s]+", p)]
            for size in (2, 1):
                if len(parts) > size:
                    tail = ", ".join(parts[-size:])
                    if is_location(tail) and (size == 2 or is_place(tail)):
                        return tail
    return None


_INITIALS = re.compile(r"^(?:[A-Z]\.)+[A-Z]?\.?$")  # "J.", "U.A.", "S.M"
# Initials glued to a name, as many Indian resumes write it: "G.MANJULA", "RENGARAJU.J".
_GLUED = re.compile(r"^(?:[A-Z]\.)+[A-Z][A-Za-z]+$|^[A-Z][A-Za-z]+\.(?:[A-Z]\.?)+$")
_CV_SUFFIX = re.compile(r"(?:'s|’s)?\s+(?:cv|resume|résumé|curriculum vitae|bio-?data)$",
                        re.IGNORECASE)
_NAME_LABEL = re.compile(r"^\s*(?:full\s+)?name\s*[:\-–]+\s*", re.IGNORECASE)
_NAME_CUT = re.compile(r"\s*[|,·•]\s*|\s+[–-]\s+|\t|\s{2,}")


def _name_parts(word: str, loose: bool) -> int:
    """How many parts of a name ``word`` is (a glued initial adds one), 0 if none."""
    if _GLUED.match(word):
        return 2
    if (_NAME_WORD.match(word) and word[0].isupper()) or _INITIALS.match(word):
        return 1
    if word in _PARTICLES:
        return 1
    if loose and word.isalpha() and len(word) > 2:
        return 1  # "Ankita upadhya" at the very top
    return 0


def _clean_name(text: str, loose: bool = False) -> str | None:
    """A person's name at the start of ``text``, or None. ``loose`` (the document's
    first line, or after a "Name:" label) also takes a lowercase surname or one word."""
    text = _NAME_LABEL.sub("", strip_leading_bullet(text.strip(" \"'“”")))
    text = _HONORIFICS.sub("", text)
    first = _NAME_CUT.split(text, maxsplit=1)[0].strip(" .,:")
    first = _CV_SUFFIX.sub("", first).strip(" .,:")
    if re.search(r"\b[A-Z]$", first):
        first += "."  # keep an initial's full stop ("Arthur L.")
    words: list[str] = []
    parts = 0
    for word in first.split():  # the name-like start: "JAMSHED ALI Email:..." -> 2 words
        count = _name_parts(word, loose and bool(words))
        key = word.casefold().strip(".:-")
        if not count or key in _not_name_words() or ("." in word and word.casefold() in
                                                         _degrees()):
            break
        words.append(word)
        parts += count
    if not words or len(words) > 5 or (parts < 2 and not (loose and len(words[0]) >= 4)):
        return None
    name = " ".join(words)
    if len(name) > 40:
        return None
    if sum(w.casefold() in _title_words() for w in words) or heading_section(name):
        return None
    if is_location(name) or has_period(name) or find_skills(name) == [name]:
        return None
    if name.isupper():
        name = " ".join(w if len(w.strip(".")) <= 1 or "." in w else w.capitalize()
                        for w in words)
    return name


def find_name(preamble: list[TextLine], lines: list[TextLine]) -> str | None:
    """A "Name:" label's value, else the most prominent person-like line of the first
    page's top, else the first person-like line."""
    top = [line for line in lines[:40] if line.page == 0]
    for index, line in enumerate(top[:30]):
        label = _NAME_LABEL.match(line.text)
        if label:
            rest = line.text[label.end():].split(FIELD_BREAK)[0].strip()
            if not rest and index + 1 < len(top):
                rest = top[index + 1].text
            name = _clean_name(rest, loose=True)
            if name:
                return name
    sized = [line for line in top if line.size]
    if sized:
        for line in sorted(sized, key=lambda l: -l.size)[:4]:
            name = _clean_name(line.text, loose=line is lines[0])
            if name:
                return name
    for line in [*preamble[:8], *top[:15]]:
        if FIELD_BREAK in line.text and not line.bold and not line.caps:
            parts = line.text.split(FIELD_BREAK)
        else:
            parts = [line.text]
        for part in parts:
            name = _clean_name(part, loose=line is lines[0])
            if name:
                return name
    return None
