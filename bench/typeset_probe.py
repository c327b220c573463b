"""The parser on typeset resumes: TUNE people set with Typst and LaTeX templates.

    python -m bench.typeset_probe --corpus ../shared/corpus [--cache var/typeset_probe]
        [--set tune|holdout] [--verbose]

What it is for: bench.theme_probe prints HTML themes; many real resumes are typeset
instead (the labelled PDFs hold pdfTeX and Typst ones), with no space glyphs in their
text, hyphenated lines, ligatures, small capitals and tabular headers flush right. The
probe sets every TUNE person that has a resume.json with ``TEMPLATES``: seven Typst
templates (bench/typeset/*.typ, compiled by the ``typst`` package; fonts are Typst's
own), among them the layouts of a Google Docs template, of LinkedIn's profile PDF and of
a Markdown resume printed through pandoc, and two LaTeX ones (bench.latex_resume, compiled by pdflatex). Each template reads the
same view of the resume.json (bench.typeset_view). PDFs are scored as bench.theme_probe
scores its own, one line per template. REPORT people are never set.

``HOLDOUT`` templates (of the first six, the two whose names' SHA-256 sort first; gdocs,
linkedin and markdown came later and are tune templates) are only ever scored, never looked
into: no ``--verbose`` for them. A template failing for a person (pdflatex
has no glyph for a script, say) is counted as ``failed``; PDFs go to
``<cache>/<person>/<template>.pdf`` and are kept.

    typeset_probe template=… files=… n=… total=… company=… … errors=… failed=… set=…
    typeset_probe total: files=… n=… field_accuracy=… … set=…
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import asdict
from pathlib import Path

import typst

from bench import latex_resume, theme_probe
from bench.typeset_view import view_of

TYPST_DIR = Path(__file__).parent / "typeset"
TYPST_TEMPLATES = ("awesome", "basic", "gdocs", "linkedin", "markdown", "moderncv", "sidebar")
TEMPLATES = TYPST_TEMPLATES + tuple(latex_resume.TEMPLATES)
HOLDOUT = frozenset({"moderncv", "sidebar"})
SETS = {"tune": tuple(t for t in TEMPLATES if t not in HOLDOUT),
        "holdout": tuple(t for t in TEMPLATES if t in HOLDOUT)}
PDFLATEX = "pdflatex"
# Seconds one pdflatex run may take (a page takes about a second).
PDFLATEX_TIMEOUT = 120
DEFAULT_CACHE = Path(__file__).parents[1] / "var" / "typeset_probe"


class TypesetError(RuntimeError):
    """A template could not set a resume (pdflatex missing or failing, a Typst error)."""


def set_typst(template: str, resume_json: Path, pdf: Path) -> None:
    """Compile bench/typeset/<template>.typ on the view of ``resume_json`` into ``pdf``."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for source in TYPST_DIR.glob("*.typ"):
            shutil.copy(source, root / source.name)
        view = view_of(json.loads(resume_json.read_text(encoding="utf-8")))
        (root / "view.json").write_text(json.dumps(asdict(view)), encoding="utf-8")
        try:
            typst.compile(str(root / f"{template}.typ"), output=str(pdf), root=str(root),
                          sys_inputs={"view": "/view.json"})
        except typst.TypstError as error:
            raise TypesetError(f"{template}: {str(error).splitlines()[0]}") from error


def set_latex(template: str, resume_json: Path, pdf: Path) -> None:
    """Set ``resume_json`` with bench.latex_resume's template and compile it with pdflatex."""
    if shutil.which(PDFLATEX) is None:
        raise TypesetError("pdflatex is not installed: apt-get install texlive-latex-extra "
                           "texlive-fonts-recommended")
    source = latex_resume.TEMPLATES[template](
        view_of(json.loads(resume_json.read_text(encoding="utf-8"))))
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "resume.tex").write_text(source, encoding="utf-8")
        done = subprocess.run(
            [PDFLATEX, "-interaction=nonstopmode", "-halt-on-error", "resume.tex"],
            cwd=folder, capture_output=True, text=True, errors="replace",
            timeout=PDFLATEX_TIMEOUT, check=False)
        if done.returncode != 0:
            errors = [line for line in done.stdout.splitlines() if line.startswith("!")]
            raise TypesetError(f"{template}: {errors[0] if errors else done.stdout[-200:]}")
        shutil.move(Path(folder) / "resume.pdf", pdf)


def typeset(template: str, resume_json: Path, pdf: Path) -> None:
    pdf.parent.mkdir(parents=True, exist_ok=True)
    setter = set_typst if template in TYPST_TEMPLATES else set_latex
    setter(template, resume_json, pdf)


def probe_pdfs(corpus: Path, cache: Path, templates: tuple[str, ...]
               ) -> list[tuple[str, Path, Path]]:
    """(template, resume.json, pdf) of every TUNE person with a resume.json and template."""
    return [(template, folder / "resume.json", cache / folder.name / f"{template}.pdf")
            for folder in theme_probe.probe_people(corpus) for template in templates]


def render_missing(wanted: list[tuple[str, Path, Path]]) -> list[str]:
    """Set what is missing of ``wanted``; the failures, one line each."""
    failures = []
    for template, resume_json, pdf in wanted:
        if pdf.is_file():
            continue
        try:
            typeset(template, resume_json, pdf)
        except TypesetError as error:
            failures.append(f"{resume_json.parent.name}: {error}")
    return failures


def main(argv: list[str] | None = None) -> int:
    args = theme_probe.probe_arguments(argv, __doc__.split("\n")[0], SETS, DEFAULT_CACHE,
                                       item="template")
    templates = SETS[args.set_name]
    wanted = probe_pdfs(args.corpus, args.cache, templates)
    return theme_probe.report(wanted, templates, render_missing(wanted), args,
                              "typeset_probe", item="template")


if __name__ == "__main__":
    sys.exit(main())
