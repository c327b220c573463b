"""Side-by-side review diff: lines aligned, changed words marked, text escaped."""

from __future__ import annotations

import re

from engine.render.diff import diff_rows, side_by_side_html


def test_rows_align_unchanged_changed_removed_and_added_lines():
    before = "Ann Lee\nBuilt APIs in Python\nOld line\nSKILLS"
    after = "Ann Lee\nBuilt REST APIs in Python\nSKILLS\nNew line"
    rows = diff_rows(before, after)
    assert [r.kind for r in rows] == ["same", "chg", "del", "same", "add"]
    changed = rows[1]
    assert [w.strip() for w in re.findall(r"<ins>(.*?)</ins>", changed.after)] == ["REST"]
    assert "<del>" not in changed.after
    assert rows[2].before == "<del>Old line</del>" and rows[2].after == ""
    assert changed.before == "Built APIs in Python"
    assert any(r.kind == "add" and "New line" in r.after for r in rows)


def test_html_escapes_resume_text():
    html = side_by_side_html("<script>x</script>", "<b>y</b>")
    assert "<script>x" not in html and "&lt;script&gt;" in html
    assert "&lt;b&gt;" in html and "<th>Original</th>" in html
