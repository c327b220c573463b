"""Side-by-side diff of two resume texts for review: lines aligned with difflib, changed
words highlighted inside changed lines. Pure: returns HTML for the page to show."""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass

_WORDS = re.compile(r"\s+|[^\s]+")

STYLE = """<style>
.tl-diff{width:100%;border-collapse:collapse;font:13px/1.45 ui-monospace,Menlo,Consolas,monospace}
.tl-diff th{text-align:left;padding:4px 8px;border-bottom:1px solid #ccc;font-family:sans-serif}
.tl-diff td{vertical-align:top;padding:1px 8px;width:50%;white-space:pre-wrap;word-break:break-word}
.tl-diff td.chg{background:#fff8e1}.tl-diff td.del{background:#ffebee}.tl-diff td.add{background:#e8f5e9}
.tl-diff del{background:#ffcdd2;text-decoration:line-through}
.tl-diff ins{background:#a5d6a7;text-decoration:none}
</style>"""


@dataclass(frozen=True)
class DiffRow:
    kind: str  # same | chg | del | add
    before: str  # HTML
    after: str  # HTML


def _word_diff(before: str, after: str) -> tuple[str, str]:
    a, b = _WORDS.findall(before), _WORDS.findall(after)
    left, right = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        old, new = html.escape("".join(a[i1:i2])), html.escape("".join(b[j1:j2]))
        if op == "equal":
            left.append(old)
            right.append(new)
            continue
        if old:
            left.append(f"<del>{old}</del>")
        if new:
            right.append(f"<ins>{new}</ins>")
    return "".join(left), "".join(right)


def diff_rows(before: str, after: str) -> list[DiffRow]:
    """Aligned rows: unchanged lines, changed line pairs (word-highlighted), removed and
    added lines."""
    a, b = before.splitlines(), after.splitlines()
    rows: list[DiffRow] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            rows += [DiffRow("same", html.escape(x), html.escape(x)) for x in a[i1:i2]]
            continue
        old, new = a[i1:i2], b[j1:j2]
        for k in range(max(len(old), len(new))):
            if k < len(old) and k < len(new):
                rows.append(DiffRow("chg", *_word_diff(old[k], new[k])))
            elif k < len(old):
                rows.append(DiffRow("del", f"<del>{html.escape(old[k])}</del>", ""))
            else:
                rows.append(DiffRow("add", "", f"<ins>{html.escape(new[k])}</ins>"))
    return rows


def side_by_side_html(before: str, after: str,
                      titles: tuple[str, str] = ("Original", "Optimized")) -> str:
    """A two-column HTML table: the original on the left, the optimized text on the right."""
    body = "".join(
        f'<tr><td class="{r.kind}">{r.before}</td><td class="{r.kind}">{r.after}</td></tr>'
        for r in diff_rows(before, after)
    )
    head = f"<tr><th>{html.escape(titles[0])}</th><th>{html.escape(titles[1])}</th></tr>"
    return f'{STYLE}<table class="tl-diff">{head}{body}</table>'
