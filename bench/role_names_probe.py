"""The parser on names it has never read: TUNE people's roles and schools renamed.

    python -m bench.role_names_probe --corpus ../shared/corpus [--cache var/role_names_probe]
        [--set tune|holdout] [--verbose]

What it is for: parse_eval's rendered PDFs score 0.98 on TUNE people and 0.94 on REPORT
people set with the same six themes, so part of what the parser misses on unseen resumes
is not their layout but their words: employers, titles and schools unlike those it was
tuned on. The probe takes every TUNE person that has a resume.json, gives each role a
designation and a company, and each school a name, that real resumes name (the
``Designation``, ``Companies worked at`` and ``College Name`` labels of the TUNE texts
of ner_text/, written as their authors wrote them: "oracle", "Infosys Limited", "Sr.
Executive - Accounts"), renders the renamed resume.json with ``THEMES_PER_PERSON``
themes (one of bench.jsonresume_render's six, two of bench.theme_probe's tune themes;
never one of its holdout themes), prints it with headless Chromium and scores each PDF
as bench.theme_probe does, one line per theme.

The names are split in two by a hash of their text: ``--set tune`` renames with one
half, whose misses may be looked into; ``--set holdout`` with the other half, only
ever scored (no ``--verbose``): a rule fitted to the tune names should lift the holdout
names too. REPORT people and REPORT texts are never used. The renamed resume.json and
its PDFs go to ``<cache>/<set>/<person>/`` (var/ by default, which git ignores).

    role_names_probe theme=… files=… n=… total=… company=… … errors=… failed=… set=…
    role_names_probe total: files=… n=… field_accuracy=… … errors=… failed=… set=…
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path
from xml.etree import ElementTree

from bench import jsonresume_render, theme_probe
from bench.corpus_split import Part, part_of
from bench.theme_probe import probe_arguments, probe_people, report

# parse_eval's six themes, then bench.theme_probe's tune themes (never its holdout ones)
THEMES = jsonresume_render.THEMES + theme_probe.SETS["tune"]
SETS = {"tune": THEMES, "holdout": THEMES}
THEMES_PER_PERSON = 3
# Salts the probe's hashes: the names' split, each entry's name, each person's themes.
SALT = "role names:"
# A label longer than this many words is a tagging slip (a sentence), not a name.
MOST_WORDS = 6
DEFAULT_CACHE = Path(__file__).parents[1] / "var" / "role_names_probe"
# (resume.json section, key) -> the ner_text label whose spans replace its values
LABELS = {("work", "position"): "Designation", ("work", "name"): "Companies worked at",
          ("education", "institution"): "College Name"}


def _digest(text: str) -> bytes:
    return hashlib.sha256((SALT + text).encode("utf-8")).digest()


def name_set(name: str) -> str:
    """The set ("tune" or "holdout") a name belongs to, by a hash of its folded text."""
    return "tune" if _digest(name.casefold())[0] % 2 == 0 else "holdout"


def _plausible(name: str) -> bool:
    return (2 < len(name) <= 60 and len(name.split()) <= MOST_WORDS
            and re.search(r"[A-Za-z]", name) is not None
            and not re.search(r"@|https?:|\d{4}|\\", name))  # a "\\xc3" is mojibake


def ner_names(corpus: Path, label: str, set_name: str) -> list[str]:
    """The distinct ``label`` spans of ner_text/'s TUNE texts in ``set_name``, in file
    order; never a REPORT text's."""
    found: dict[str, str] = {}
    for path in sorted((corpus / "ner_text").glob("*.xml")):
        if part_of(f"ner/{path.stem}") != Part.TUNE:
            continue
        for element in ElementTree.parse(path).getroot().iter("label"):
            name = " ".join("".join(element.itertext()).split())
            if (element.get("type") == label and _plausible(name)
                    and name_set(name) == set_name):
                found.setdefault(name.casefold(), name)
    return list(found.values())


def renamed(data: dict, person: str, names: dict[tuple[str, str], list[str]]) -> dict:
    """The resume.json with each role's position and employer and each school's name
    replaced by names (``LABELS``' keys) picked by a hash of the person and the entry's
    place, the same on every run."""
    data = json.loads(json.dumps(data))
    for (section, key), pool in names.items():
        entries = data.get(section) if isinstance(data.get(section), list) else []
        for index, entry in enumerate(entries):
            if not isinstance(entry, dict):
                continue
            if key == "name":
                entry.pop("company", None)  # JSON Resume's older name for the employer
            entry[key] = pool[int.from_bytes(_digest(f"{person}:{index}:{key}")[:4], "big")
                              % len(pool)]
    return data


def _write_renamed(resume_json: Path, data: dict) -> None:
    """Write the renamed resume.json; PDFs made from another one go (names and picks
    change with the pools), so that they are rendered again."""
    text = json.dumps(data, indent=1)
    if resume_json.is_file() and resume_json.read_text(encoding="utf-8") != text:
        for stale in resume_json.parent.glob("*.pdf"):
            stale.unlink()
    resume_json.write_text(text, encoding="utf-8")


def themes_for(person: str) -> list[str]:
    """One of parse_eval's themes and two of theme_probe's tune themes, the same on every
    run."""
    digest = _digest(person)
    first, probe = jsonresume_render.THEMES, theme_probe.SETS["tune"]
    start = digest[1] % len(probe)
    return [first[digest[0] % len(first)], probe[start],
            probe[(start + 1 + digest[2] % (len(probe) - 1)) % len(probe)]]


def probe_pdfs(corpus: Path, cache: Path, set_name: str) -> list[tuple[str, Path, Path]]:
    """(theme, renamed resume.json, pdf) of each TUNE person's picks; writes each renamed
    resume.json into the cache."""
    names = {place: ner_names(corpus, label, set_name) for place, label in LABELS.items()}
    wanted = []
    for folder in probe_people(corpus):
        data = json.loads((folder / "resume.json").read_text(encoding="utf-8"))
        target = cache / set_name / folder.name
        target.mkdir(parents=True, exist_ok=True)
        resume_json = target / "resume.json"
        _write_renamed(resume_json, renamed(data, folder.name, names))
        wanted += [(theme, resume_json, target / f"{theme}.pdf")
                   for theme in themes_for(folder.name)]
    return wanted


def main(argv: list[str] | None = None) -> int:
    args = probe_arguments(argv, __doc__.split("\n")[0], SETS, DEFAULT_CACHE, item="name set")
    wanted = probe_pdfs(args.corpus, args.cache, args.set_name)
    failures = theme_probe.render(wanted)  # each theme by its node folder
    return report(wanted, SETS[args.set_name], failures, args, "role_names_probe")


if __name__ == "__main__":
    sys.exit(main())
