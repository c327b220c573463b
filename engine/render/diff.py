"""What tailoring changed, for review. Pure: returns rows and HTML for the page to show.

- ``review_rows`` / ``review_html``: the tailored resume compared line by line (by line
  id) with the original, each changed line tied to the edits that changed it: a moved
  bullet shows as moved (its new place, word changes inside it highlighted), a reworded
  one word by word, an added summary as added. This is the diff that tells the truth.
- ``diff_rows`` / ``side_by_side_html``: two texts aligned with difflib; it cannot tell a
  move from a deletion, so it is kept for plain texts only.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass
from enum import Enum

from engine.resume import Resume
from engine.tailor.optimizer import Edit, EditKind, apply_edits

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


# ---------------------------------------------------------------- review of edits

REVIEW_STYLE = """<style>
.tl-review{width:100%;border-collapse:collapse;font:13px/1.45 system-ui,sans-serif}
.tl-review td{vertical-align:top;padding:2px 8px;width:43%;white-space:pre-wrap;word-break:break-word}
.tl-review td.tag{width:14%;min-width:6em;color:#555;font-size:12px;word-break:normal;white-space:normal}
.tl-review tr.head td{font-weight:600;padding-top:8px}
.tl-review tr.reworded td{background:#fff8e1}.tl-review tr.moved td{background:#e3f2fd}
.tl-review tr.added td{background:#e8f5e9}
.tl-review del{background:#ffcdd2;text-decoration:line-through}
.tl-review ins{background:#a5d6a7;text-decoration:none}
</style>"""


class RowKind(str, Enum):
    HEADING = "heading"
    SAME = "same"
    REWORDED = "reworded"
    MOVED = "moved"
    MOVED_REWORDED = "moved and reworded"
    ADDED = "added"  # a summary the original did not have
    SKILLS = "skills"


@dataclass(frozen=True)
class ReviewRow:
    """One line of the review: what it was, what it is, and which edits made it so."""

    kind: RowKind
    line_id: str
    before: str  # HTML
    after: str  # HTML
    edit_ids: tuple[str, ...] = ()
    note: str = ""


def _line_row(line_id: str, before: str, after: str, edits: list[Edit],
              place: int | None) -> ReviewRow:
    ids = tuple(e.id for e in edits)
    moved = any(e.kind == EditKind.MOVE for e in edits)
    if not before and after:
        return ReviewRow(RowKind.ADDED, line_id, "", f"<ins>{html.escape(after)}</ins>", ids, "added")
    if before == after:
        left = right = html.escape(after)
    else:
        left, right = _word_diff(before, after)
    if moved:
        kind = RowKind.MOVED_REWORDED if before != after else RowKind.MOVED
        return ReviewRow(kind, line_id, left, right, ids, f"moved to place {place}")
    if before != after:
        return ReviewRow(RowKind.SKILLS if line_id == "skills" else RowKind.REWORDED,
                         line_id, left, right, ids)
    return ReviewRow(RowKind.SAME, line_id, left, right)


def review_rows(original: Resume, edits: list[Edit]) -> list[ReviewRow]:
    """The tailored resume line by line, in its new order, each line compared with the
    same line (by id) of the original: a moved bullet shows as moved with any word changes
    inside it highlighted, never as one line deleted and another added."""
    tailored = apply_edits(original, edits)
    by_line: dict[str, list[Edit]] = {}
    for edit in edits:
        by_line.setdefault(edit.source_id, []).append(edit)
    before = original.bullets()
    rows: list[ReviewRow] = []

    def line(line_id: str, after: str, place: int | None = None) -> None:
        rows.append(_line_row(line_id, before.get(line_id, ""), after, by_line.get(line_id, []), place))

    if tailored.summary:
        line("summary", tailored.summary)
    for entry in tailored.experience:
        heading = " · ".join(v for v in (entry.title, entry.company) if v)
        rows.append(ReviewRow(RowKind.HEADING, "", html.escape(heading), html.escape(heading)))
        for place, bullet in enumerate(entry.bullets, 1):
            line(bullet.id, bullet.text, place)
    for section in tailored.other_sections:
        rows.append(ReviewRow(RowKind.HEADING, "", html.escape(section.name), html.escape(section.name)))
        for place, bullet in enumerate(section.bullets, 1):
            line(bullet.id, bullet.text, place)
    if tailored.skills:
        rows.append(ReviewRow(RowKind.HEADING, "", "Skills", "Skills"))
        line("skills", ", ".join(tailored.skills))
    return rows


def _row_html(row: ReviewRow) -> str:
    tag = "" if row.kind in (RowKind.SAME, RowKind.HEADING) else row.kind.value
    if row.note and row.kind != RowKind.ADDED:
        tag += f" · {row.note}"
    if row.edit_ids:
        tag += " · " + ", ".join(row.edit_ids)
    css = row.kind.value.split()[0]
    return (f'<tr class="{css}"><td>{row.before}</td><td>{row.after}</td>'
            f'<td class="tag">{html.escape(tag)}</td></tr>')


def review_html(original: Resume, edits: list[Edit],
                titles: tuple[str, str] = ("Original", "Tailored")) -> str:
    """The review as an HTML table: original line, tailored line, and what changed."""
    body = "".join(_row_html(r) for r in review_rows(original, edits))
    head = (f"<tr class='head'><td>{html.escape(titles[0])}</td><td>{html.escape(titles[1])}</td>"
            "<td class='tag'>change · edit</td></tr>")
    return f'{REVIEW_STYLE}<table class="tl-review">{head}{body}</table>'
