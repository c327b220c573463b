"""Render the corpus's JSON-only people to PDFs with published JSON Resume themes.

    python -m bench.jsonresume_render --corpus ../shared/corpus [--cache var/jsonresume]

Each labelled person without a PDF of their own gets one PDF per theme of
``THEMES_PER_PERSON`` themes picked by a hash of their folder (so layouts spread over
the people, the same on every run): ``node bench/jsonresume/render.mjs`` turns the
resume.json into the theme's HTML (themes pinned in bench/jsonresume/package-lock.json;
``npm ci`` there installs them), headless Chromium prints it to PDF with every network
request refused (a theme's web fonts fall back to local ones). PDFs go to the cache
folder, outside the repository: ``<cache>/<person>/<theme>.pdf``; existing ones are kept.
bench.parse_eval scores them with labels taken from the resume.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import socket
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

THEMES = ("even", "stackoverflow", "flat", "kendall", "macchiato", "onepage")
THEMES_PER_PERSON = 2
NODE_DIR = Path(__file__).parent / "jsonresume"
CHROMIUM = "/usr/bin/chromium"
WKHTMLTOPDF = Path("/usr/bin/wkhtmltopdf")
# Seconds one wkhtmltopdf print may take (a page of these themes takes about half a second).
WKHTMLTOPDF_TIMEOUT = 120
DEFAULT_CACHE = Path(__file__).parents[1] / "var" / "jsonresume"


class RenderError(RuntimeError):
    """A theme could not be rendered (npm packages missing, a theme failing)."""


def themes_for(person: str, count: int = THEMES_PER_PERSON) -> list[str]:
    start = hashlib.sha256(person.encode("utf-8")).digest()[0] % len(THEMES)
    return [THEMES[(start + i) % len(THEMES)] for i in range(count)]


def json_only_people(corpus: Path) -> list[Path]:
    """Folders of labelled/ whose labels name no PDF that exists."""
    people = []
    for labels_path in sorted((corpus / "labelled").glob("*/labels.json")):
        labels = json.loads(labels_path.read_text(encoding="utf-8"))
        folder = labels_path.parent
        if not any((folder / name).is_file() for name in labels.get("_pdfs", {})):
            if (folder / "resume.json").is_file():
                people.append(folder)
    return people


def theme_html(theme: str, resume_json: Path, node_dir: Path = NODE_DIR) -> str:
    """The theme's HTML of a resume.json, by the render.mjs of ``node_dir`` with the
    themes installed there (each folder's render.mjs runs bench/jsonresume/theme_html.mjs)."""
    if not (node_dir / "node_modules" / f"jsonresume-theme-{theme}").is_dir():
        raise RenderError(f"jsonresume-theme-{theme} is not installed: run `npm ci` in {node_dir}")
    done = subprocess.run(
        ["node", str(node_dir / "render.mjs"), theme, str(resume_json)],
        capture_output=True, text=True, timeout=60, check=False,
    )
    if done.returncode != 0 or not done.stdout.strip():
        raise RenderError(f"{theme} on {resume_json}: {node_error(done.stderr)}")
    return done.stdout


def node_error(stderr: str) -> str:
    """The error line of a failed node run ("TypeError: Cannot read ..."), its stack
    trace left out; else the end of what it printed."""
    errors = [line for line in stderr.splitlines() if re.match(r"\w*Error\b", line)]
    return errors[-1][:300] if errors else stderr.strip()[-300:]


def print_pdfs(jobs: list[tuple[str, Path]]) -> list[str]:
    """(html, pdf path) pairs printed by one headless Chromium, offline; the failures
    (a page that does not load or print in time), the other PDFs printed all the same."""
    from playwright.sync_api import Error, sync_playwright

    failures = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=["--no-sandbox"]
        )
        try:
            page = browser.new_page()
            page.route("**/*", lambda route: route.abort()
                       if not route.request.url.startswith(("data:", "about:"))
                       else route.continue_())
            for html, pdf in jobs:
                try:
                    page.set_content(html, wait_until="load", timeout=30_000)
                    pdf.parent.mkdir(parents=True, exist_ok=True)
                    page.pdf(path=str(pdf), format="A4", print_background=True)
                except Error as error:
                    failures.append(f"{pdf}: {str(error).splitlines()[0][:300]}")
        finally:
            browser.close()
    return failures


def require_wkhtmltopdf() -> None:
    if not WKHTMLTOPDF.is_file():
        raise RenderError(f"{WKHTMLTOPDF} is missing: apt-get install wkhtmltopdf")


def print_wkhtmltopdf(jobs: list[tuple[str, Path]]) -> list[str]:
    """(html, pdf path) pairs printed by wkhtmltopdf (Qt WebKit), one run each, offline;
    the failures (no PDF, out of time), the other PDFs printed all the same.

    The HTML goes to a temporary file beside the PDF. Every request of the page goes to
    a proxy that refuses it (a local port bound here and never listened on; host names
    are left to it too, so not even DNS is asked) and the page may read no other local
    file: a theme's web fonts and CSS fall back as under Chromium. wkhtmltopdf exits 1
    on those refused loads but prints the page: a PDF written is a success. It is
    written under another name and renamed, so a cut-off print never stays in the cache."""
    require_wkhtmltopdf()
    failures = []
    with socket.socket() as dead:
        dead.bind(("127.0.0.1", 0))
        proxy = f"http://127.0.0.1:{dead.getsockname()[1]}"
        for html, pdf in jobs:
            pdf.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.TemporaryDirectory(dir=pdf.parent, prefix=f".{pdf.stem}-") as work:
                page, printed = Path(work) / "page.html", Path(work) / "page.pdf"
                page.write_text(html, encoding="utf-8")
                try:
                    done = subprocess.run(
                        [str(WKHTMLTOPDF), "--quiet", "--page-size", "A4",
                         "--proxy", proxy, "--proxy-hostname-lookup",
                         "--disable-local-file-access", str(page), str(printed)],
                        capture_output=True, text=True, timeout=WKHTMLTOPDF_TIMEOUT,
                        check=False)
                except subprocess.TimeoutExpired:
                    failures.append(f"{pdf}: wkhtmltopdf took over {WKHTMLTOPDF_TIMEOUT} s")
                    continue
                if printed.is_file() and printed.stat().st_size:
                    os.replace(printed, pdf)
                else:
                    said = done.stderr.strip().splitlines()
                    failures.append(f"{pdf}: wkhtmltopdf exited {done.returncode}"
                                    + (f": {said[-1][:300]}" if said else ""))
    return failures


def render_missing(wanted: list[tuple[str, Path, Path]], node_dir: Path = NODE_DIR,
                   print_jobs: Callable[[list[tuple[str, Path]]], list[str]] | None = None,
                   ) -> tuple[int, list[str]]:
    """Render each (theme, resume.json, pdf) whose PDF is not there yet with the themes
    of ``node_dir``, printed by ``print_jobs`` (headless Chromium, ``print_pdfs``, unless
    told); (PDFs there now, failures). A theme failing is reported, not fatal."""
    jobs: list[tuple[str, Path]] = []
    failures: list[str] = []
    present = 0
    for theme, resume_json, pdf in wanted:
        if pdf.is_file():
            present += 1
            continue
        try:
            jobs.append((theme_html(theme, resume_json, node_dir), pdf))
        except (RenderError, subprocess.TimeoutExpired) as error:
            failures.append(str(error))
    if jobs:
        failures += (print_jobs or print_pdfs)(jobs)
    return present + sum(pdf.is_file() for _, pdf in jobs), failures


def render_corpus(corpus: Path, cache: Path, themes_per_person: int = THEMES_PER_PERSON,
                  ) -> tuple[int, list[str]]:
    """Render what is missing; (PDFs now in the cache, failures)."""
    return render_missing([(theme, folder / "resume.json", cache / folder.name / f"{theme}.pdf")
                           for folder in json_only_people(corpus)
                           for theme in themes_for(folder.name, themes_per_person)])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument("--themes-per-person", type=int, default=THEMES_PER_PERSON)
    args = parser.parse_args(argv)
    count, failures = render_corpus(args.corpus, args.cache, args.themes_per_person)
    for failure in failures:
        print(f"jsonresume_render failed: {failure}", file=sys.stderr)
    print(f"jsonresume_render: pdfs={count} failed={len(failures)} cache={args.cache}")
    return 1 if failures and not count else 0


if __name__ == "__main__":
    sys.exit(main())
