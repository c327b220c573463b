"""The parser on layouts it was never measured on: TUNE people rendered with other themes.

    python -m bench.theme_probe --corpus ../shared/corpus [--cache var/theme_probe]
        [--set tune|holdout] [--verbose]

What it is for: bench.parse_eval renders only the JSON-only people, with six themes, so a
rule fitted to those six layouts can look better than it is. The probe renders every TUNE
person that has a resume.json (those with PDFs of their own too) with ``THEMES``, 26
other published JSON Resume themes (pinned in bench/jsonresume_probe/package-lock.json;
``npm ci`` there installs them), ``THEMES_PER_PERSON`` of them per person picked by a
hash of the folder, and scores each PDF as parse_eval scores its rendered ones (labels
from the resume.json, the fields whose value shows in the text), one line per theme.
REPORT people are never rendered: parse_eval's REPORT part stays unseen.

The themes are split in two. ``--set tune`` (the default) scores the probe-tune themes:
their misses may be looked into and rules fitted to them (``--verbose`` lists them).
``HOLDOUT`` themes are only ever scored, never looked into (no ``--verbose``, no reading
their PDFs): a rule that lifts the tune themes should lift them too, which is how the
probe tells a rule that generalises from one fitted to a layout. A set renders only its
own themes. (papirus is left out: it prints about 94 pages.)

A theme failing to render for a person is reported and counted (``failed``), not fatal;
a PDF the parser refuses (over its page limit, say) is an error line and counted
(``errors``). PDFs go to ``<cache>/<person>/<theme>.pdf`` (var/ by default, which git
ignores); existing ones are kept, failed ones are tried again on the next run.

    theme_probe theme=… files=… n=… total=… company=… position=… bullet=… institution=…
        skills=… errors=… failed=… set=…
    theme_probe total: files=… n=… field_accuracy=… company=… … errors=… failed=… set=…
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from bench import jsonresume_render
from bench.corpus_split import Part, part_of
from bench.parse_eval import TOTAL_FIELDS, parsed
from bench.parse_scoring import Score, fields_in_text, labels_from_json_resume, score_resume
from engine.errors import TailorError

# professional (JSX source) and mocha-responsive (reads a file of a dependency npm
# hoists) fail to render in every run with these versions: their lines say failed=.
THEMES = (
    "actual", "autumn", "caffeine", "class", "classy", "cora", "crisp", "elegant",
    "eloquent", "kards", "lucide", "mocha-responsive", "modern", "orbit", "paper",
    "professional", "pumpkin", "relaxed", "rocketspacer", "sceptile", "short", "simple-red",
    "simplyelegant", "slick", "spartan", "straightforward",
)
# Scored only, never looked into: the check that a rule fitted on the other themes
# generalises to layouts nobody tuned on. Never change it to suit a result.
HOLDOUT = frozenset({"actual", "autumn", "eloquent", "modern", "orbit", "paper", "relaxed",
                     "sceptile", "simplyelegant"})
SETS = {"tune": tuple(t for t in THEMES if t not in HOLDOUT),
        "holdout": tuple(t for t in THEMES if t in HOLDOUT)}
THEMES_PER_PERSON = 4
# Picks THEMES_PER_PERSON apart spread the themes of a person over the list (7 and 26
# share no factor, so the picks differ).
STRIDE = 7
NODE_DIR = Path(__file__).parent / "jsonresume_probe"
DEFAULT_CACHE = Path(__file__).parents[1] / "var" / "theme_probe"
# Short names of the fields on each line, after the total.
SHOWN = (("company", "work.company"), ("position", "work.position"),
         ("bullet", "work.bullet"), ("institution", "education.institution"),
         ("skills", "skills"))


def themes_for(person: str) -> list[str]:
    """The person's probe themes: the same on every run (the hash's second byte, so not
    tied to bench.jsonresume_render's pick, which takes the first)."""
    start = hashlib.sha256(person.encode("utf-8")).digest()[1] % len(THEMES)
    return [THEMES[(start + i * STRIDE) % len(THEMES)] for i in range(THEMES_PER_PERSON)]


def probe_people(corpus: Path) -> list[Path]:
    """The TUNE folders of labelled/ that have a resume.json; never a REPORT one."""
    return [folder for folder in sorted((corpus / "labelled").iterdir())
            if folder.is_dir() and part_of(folder.name) == Part.TUNE
            and (folder / "resume.json").is_file()]


def probe_pdfs(corpus: Path, cache: Path, themes: tuple[str, ...],
               ) -> list[tuple[str, Path, Path]]:
    """(theme, resume.json, pdf) of each probe person's picks that are in ``themes``."""
    return [(theme, folder / "resume.json", cache / folder.name / f"{theme}.pdf")
            for folder in probe_people(corpus)
            for theme in themes_for(folder.name) if theme in themes]


@dataclass
class ThemeResult:
    score: Score = field(default_factory=Score)
    files: int = 0
    errors: int = 0
    failed: int = 0


def score_pdfs(wanted: list[tuple[str, Path, Path]], themes: tuple[str, ...],
               verbose: bool = False) -> dict[str, ThemeResult]:
    """Each theme's score over the PDFs of ``wanted`` that exist (one that does not is a
    failed render), scored as bench.parse_eval scores its rendered PDFs."""
    results = {theme: ThemeResult() for theme in themes}
    for theme, resume_json, pdf in wanted:
        result = results[theme]
        if not pdf.is_file():
            result.failed += 1
            continue
        result.files += 1
        labels = labels_from_json_resume(json.loads(resume_json.read_text(encoding="utf-8")))
        try:
            text, resume = parsed(pdf)
        except TailorError as error:
            result.errors += 1
            print(f"theme_probe error: {pdf.parent.name}/{pdf.name}: {error.code}",
                  file=sys.stderr)
            continue
        before = len(result.score.misses)
        score_resume(labels, fields_in_text(labels, text), text, resume, result.score)
        if verbose:
            for miss in result.score.misses[before:]:
                print(f"  miss {pdf.parent.name}/{theme}: {miss}", file=sys.stderr)
    return results


def figures(score: Score, total_name: str = "total") -> str:
    n, total = score.accuracy(TOTAL_FIELDS)
    shown = " ".join(f"{name}={score.accuracy([key])[1]:.3f}" for name, key in SHOWN)
    return f"n={n} {total_name}={total:.3f} {shown}"


def report_lines(results: dict[str, ThemeResult], set_name: str) -> list[str]:
    """A line per theme of the set, then the total over them (micro-averaged)."""
    lines = [f"theme_probe theme={theme} files={r.files} {figures(r.score)} "
             f"errors={r.errors} failed={r.failed} set={set_name}"
             for theme, r in results.items()]
    everything = Score()
    for result in results.values():
        for key, count in result.score.total.items():
            everything.total[key] += count
            everything.right[key] += result.score.right[key]
    lines.append(f"theme_probe total: files={sum(r.files for r in results.values())} "
                 f"{figures(everything, 'field_accuracy')} "
                 f"errors={sum(r.errors for r in results.values())} "
                 f"failed={sum(r.failed for r in results.values())} set={set_name}")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--set", choices=tuple(SETS), default="tune", dest="set_name")
    parser.add_argument("--verbose", action="store_true",
                        help="list every miss (probe-tune themes only)")
    args = parser.parse_args(argv)
    if args.verbose and args.set_name == "holdout":
        parser.error("holdout themes are only scored, never looked into: no --verbose")
    themes = SETS[args.set_name]
    wanted = probe_pdfs(args.corpus, args.cache, themes)
    _, failures = jsonresume_render.render_missing(wanted, NODE_DIR)
    for failure in failures:
        print(f"theme_probe failed: {failure}", file=sys.stderr)
    results = score_pdfs(wanted, themes, args.verbose)
    for line in report_lines(results, args.set_name):
        print(line)
    return 0 if any(r.files for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
