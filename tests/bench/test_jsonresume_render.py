"""bench.jsonresume_render's parts that need no npm or Chromium (the themes themselves are
rendered in tests/engine/parse/test_theme_layouts.py)."""

from __future__ import annotations

from bench.jsonresume_render import node_error, render_missing

TRACE = """/x/node_modules/jsonresume-theme-classy/index.js:265
\t\tif (resumeObject.awards[0].title) {
\t\t                           ^

TypeError: Cannot read properties of undefined (reading 'title')
    at Object.render (/x/node_modules/jsonresume-theme-classy/index.js:265:30)

Node.js v20.20.2
"""


def test_a_node_failure_is_told_by_its_error_line():
    assert node_error(TRACE) == "TypeError: Cannot read properties of undefined (reading 'title')"
    assert node_error("killed\n") == "killed"


def test_present_pdfs_are_kept_and_a_missing_theme_is_a_failure_not_fatal(tmp_path):
    kept = tmp_path / "cache" / "a" / "even.pdf"
    kept.parent.mkdir(parents=True)
    kept.write_bytes(b"%PDF-1.7")
    resume = tmp_path / "resume.json"
    resume.write_text("{}")
    count, failures = render_missing(
        [("even", resume, kept), ("nosuch", resume, tmp_path / "cache" / "a" / "nosuch.pdf")],
        node_dir=tmp_path / "empty")
    assert count == 1
    assert failures == [f"jsonresume-theme-nosuch is not installed: run `npm ci` in "
                        f"{tmp_path / 'empty'}"]
