"""The parser on layouts it was never measured on: TUNE people rendered with other themes.

    python -m bench.theme_probe --corpus ../shared/corpus [--cache var/theme_probe]
        [--set tune|holdout] [--printer chromium|wkhtmltopdf] [--verbose]

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

``--printer wkhtmltopdf`` prints the HTML with wkhtmltopdf (Qt WebKit, as people print
their JSON Resume too; ``apt-get install wkhtmltopdf``, /usr/bin/wkhtmltopdf) instead of
headless Chromium, offline (bench.jsonresume_render.print_wkhtmltopdf): other text
blocks, fonts and layout from the same themes. Its pool (``WK_THEMES``) is ``THEMES``
plus parse_eval's six themes (bench/jsonresume), each rendered by its own node folder:
those six were only ever printed by Chromium, so their wkhtmltopdf prints are layouts
nobody tuned on either, and they count as tune themes (``--set tune``); ``HOLDOUT``
stays the holdout set. ``WK_THEMES_PER_PERSON`` themes per TUNE person, picked by
another hash of the folder than Chromium's; PDFs go to
``<cache>/wkhtmltopdf/<person>/<theme>.pdf``, and each line ends ``printer=wkhtmltopdf``
(Chromium's lines are as they were).

    theme_probe theme=… files=… n=… total=… company=… position=… bullet=… institution=…
        skills=… errors=… failed=… set=… [printer=wkhtmltopdf]
    theme_probe total: files=… n=… field_accuracy=… company=… … errors=… failed=… set=…
        [printer=wkhtmltopdf]
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
# wkhtmltopdf's pool: parse_eval's themes first (tune themes here), then the probe's.
WK_THEMES = jsonresume_render.THEMES + THEMES
WK_SETS = {"tune": tuple(t for t in WK_THEMES if t not in HOLDOUT),
           "holdout": SETS["holdout"]}
WK_THEMES_PER_PERSON = 3
WK_STRIDE = 5  # 5 and 32 share no factor
WK_SALT = "wkhtmltopdf:"
PRINTERS = ("chromium", "wkhtmltopdf")
DEFAULT_CACHE = Path(__file__).parents[1] / "var" / "theme_probe"
# Short names of the fields on each line, after the total.
SHOWN = (("company", "work.company"), ("position", "work.position"),
         ("bullet", "work.bullet"), ("institution", "education.institution"),
         ("skills", "skills"))


def themes_for(person: str, printer: str = "chromium") -> list[str]:
    """The person's probe themes: the same on every run. Chromium's take the hash's second
    byte, so not tied to bench.jsonresume_render's pick, which takes the first;
    wkhtmltopdf's the first byte of a salted hash, so not tied to either."""
    if printer == "wkhtmltopdf":
        start = hashlib.sha256((WK_SALT + person).encode("utf-8")).digest()[0] % len(WK_THEMES)
        return [WK_THEMES[(start + i * WK_STRIDE) % len(WK_THEMES)]
                for i in range(WK_THEMES_PER_PERSON)]
    start = hashlib.sha256(person.encode("utf-8")).digest()[1] % len(THEMES)
    return [THEMES[(start + i * STRIDE) % len(THEMES)] for i in range(THEMES_PER_PERSON)]


def sets_of(printer: str) -> dict[str, tuple[str, ...]]:
    return WK_SETS if printer == "wkhtmltopdf" else SETS


def node_dir_of(theme: str) -> Path:
    """The node folder that renders the theme: parse_eval's themes are bench/jsonresume's."""
    return jsonresume_render.NODE_DIR if theme in jsonresume_render.THEMES else NODE_DIR


def probe_people(corpus: Path) -> list[Path]:
    """The TUNE folders of labelled/ that have a resume.json; never a REPORT one."""
    return [folder for folder in sorted((corpus / "labelled").iterdir())
            if folder.is_dir() and part_of(folder.name) == Part.TUNE
            and (folder / "resume.json").is_file()]


def probe_pdfs(corpus: Path, cache: Path, themes: tuple[str, ...], printer: str = "chromium",
               ) -> list[tuple[str, Path, Path]]:
    """(theme, resume.json, pdf) of each probe person's picks that are in ``themes``;
    wkhtmltopdf's PDFs in a folder of their own in the cache."""
    folder_of = cache / "wkhtmltopdf" if printer == "wkhtmltopdf" else cache
    return [(theme, folder / "resume.json", folder_of / folder.name / f"{theme}.pdf")
            for folder in probe_people(corpus)
            for theme in themes_for(folder.name, printer) if theme in themes]


def render(wanted: list[tuple[str, Path, Path]], printer: str = "chromium") -> list[str]:
    """Render what is missing of ``wanted``, each theme by its node folder, printed by
    ``printer``; the failures."""
    print_jobs = jsonresume_render.print_wkhtmltopdf if printer == "wkhtmltopdf" else None
    failures: list[str] = []
    for node_dir in dict.fromkeys(node_dir_of(theme) for theme, _, _ in wanted):
        failures += jsonresume_render.render_missing(
            [job for job in wanted if node_dir_of(job[0]) == node_dir], node_dir, print_jobs)[1]
    return failures


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


def report_lines(results: dict[str, ThemeResult], set_name: str, printer: str = "chromium",
                 probe: str = "theme_probe", item: str = "theme") -> list[str]:
    """A line per theme (``item``) of the set, then the total over them (micro-averaged),
    each line led by the ``probe``'s name."""
    tail = f" set={set_name}" + (f" printer={printer}" if printer != "chromium" else "")
    lines = [f"{probe} {item}={theme} files={r.files} {figures(r.score)} "
             f"errors={r.errors} failed={r.failed}{tail}"
             for theme, r in results.items()]
    everything = Score()
    for result in results.values():
        for key, count in result.score.total.items():
            everything.total[key] += count
            everything.right[key] += result.score.right[key]
    lines.append(f"{probe} total: files={sum(r.files for r in results.values())} "
                 f"{figures(everything, 'field_accuracy')} "
                 f"errors={sum(r.errors for r in results.values())} "
                 f"failed={sum(r.failed for r in results.values())}{tail}")
    return lines


def probe_arguments(argv: list[str] | None, description: str, sets: dict, cache: Path,
                    item: str = "theme", extra=None) -> argparse.Namespace:
    """The arguments every probe takes (``--corpus``, ``--cache``, ``--set``,
    ``--verbose``) and those ``extra`` adds to the parser; a holdout set may not be
    looked into."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--cache", type=Path, default=cache)
    parser.add_argument("--set", choices=tuple(sets), default="tune", dest="set_name")
    parser.add_argument("--verbose", action="store_true",
                        help=f"list every miss (tune {item}s only)")
    if extra is not None:
        extra(parser)
    args = parser.parse_args(argv)
    if args.verbose and args.set_name == "holdout":
        parser.error(f"holdout {item}s are only scored, never looked into: no --verbose")
    return args


def report(wanted: list[tuple[str, Path, Path]], items: tuple[str, ...], failures: list[str],
           args: argparse.Namespace, probe: str, item: str = "theme",
           printer: str = "chromium") -> int:
    """Print the failures to render, score ``wanted`` and print a line per item of the
    set and the total; the exit code (1 when no PDF was there to score)."""
    for failure in failures:
        print(f"{probe} failed: {failure}", file=sys.stderr)
    results = score_pdfs(wanted, items, args.verbose)
    for line in report_lines(results, args.set_name, printer, probe, item):
        print(line)
    return 0 if any(r.files for r in results.values()) else 1


def main(argv: list[str] | None = None) -> int:
    def printer_option(parser: argparse.ArgumentParser) -> None:
        parser.add_argument("--printer", choices=PRINTERS, default="chromium",
                            help="what prints the themes' HTML to PDF")

    args = probe_arguments(argv, __doc__.split("\n")[0], SETS, DEFAULT_CACHE,
                           extra=printer_option)
    if args.printer == "wkhtmltopdf":
        try:
            jsonresume_render.require_wkhtmltopdf()
        except jsonresume_render.RenderError as error:
            print(f"theme_probe: {error}", file=sys.stderr)
            return 2
    themes = sets_of(args.printer)[args.set_name]
    wanted = probe_pdfs(args.corpus, args.cache, themes, args.printer)
    return report(wanted, themes, render(wanted, args.printer), args, "theme_probe",
                  printer=args.printer)


if __name__ == "__main__":
    sys.exit(main())
