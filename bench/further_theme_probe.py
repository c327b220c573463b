"""The parser on nine more published JSON Resume themes, with a holdout of their own.

    python -m bench.further_theme_probe --corpus ../shared/corpus [--cache var/further_theme_probe]
        [--set tune|holdout] [--verbose]

What it is for: the labelled people's own PDFs are where parse_eval's REPORT part is
weakest, and its TUNE part's own PDFs are too few to show more, while bench.theme_probe's
tune themes are read out. ``THEMES`` are nine more published themes (pinned in
bench/jsonresume_further/package-lock.json; ``npm ci`` there installs them), none of
bench.parse_eval's or bench.theme_probe's. The probe renders every TUNE person that has a
resume.json with ``THEMES_PER_PERSON`` of them, picked by a hash of the folder, prints
them with headless Chromium and scores each PDF as bench.theme_probe does, one line per
theme. REPORT people are never rendered.

``HOLDOUT`` themes (picked by a hash of their names before any was scored) are only ever
scored, never looked into (no ``--verbose``): a rule fitted to the tune themes should
lift them too. PDFs go to ``<cache>/<person>/<theme>.pdf`` (var/ by default, which git
ignores); a theme failing to render is counted (``failed``), not fatal.

    further_theme_probe theme=… files=… n=… total=… company=… … errors=… failed=… set=…
    further_theme_probe total: files=… n=… field_accuracy=… … errors=… failed=… set=…
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from bench import jsonresume_render
from bench.theme_probe import probe_arguments, probe_people, report

THEMES = ("ace", "compact", "fresh", "full", "jacrys", "mantra", "minyma", "paper-plus-plus",
          "spartacus")
# Scored only, never looked into. Never change it to suit a result.
HOLDOUT = frozenset({"ace", "jacrys", "mantra"})
SETS = {"tune": tuple(t for t in THEMES if t not in HOLDOUT),
        "holdout": tuple(t for t in THEMES if t in HOLDOUT)}
THEMES_PER_PERSON = 3
STRIDE = 2  # 2 and 9 share no factor, so a person's picks differ
SALT = "further:"
NODE_DIR = Path(__file__).parent / "jsonresume_further"
DEFAULT_CACHE = Path(__file__).parents[1] / "var" / "further_theme_probe"


def themes_for(person: str) -> list[str]:
    """The person's themes, the same on every run; by a salted hash, so not tied to the
    other probes' picks."""
    start = hashlib.sha256((SALT + person).encode("utf-8")).digest()[0] % len(THEMES)
    return [THEMES[(start + i * STRIDE) % len(THEMES)] for i in range(THEMES_PER_PERSON)]


def probe_pdfs(corpus: Path, cache: Path, themes: tuple[str, ...],
               ) -> list[tuple[str, Path, Path]]:
    """(theme, resume.json, pdf) of each TUNE person's picks that are in ``themes``."""
    return [(theme, folder / "resume.json", cache / folder.name / f"{theme}.pdf")
            for folder in probe_people(corpus)
            for theme in themes_for(folder.name) if theme in themes]


def main(argv: list[str] | None = None) -> int:
    args = probe_arguments(argv, __doc__.split("\n")[0], SETS, DEFAULT_CACHE)
    themes = SETS[args.set_name]
    wanted = probe_pdfs(args.corpus, args.cache, themes)
    failures = jsonresume_render.render_missing(wanted, NODE_DIR)[1]
    return report(wanted, themes, failures, args, "further_theme_probe")


if __name__ == "__main__":
    sys.exit(main())
