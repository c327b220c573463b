"""Reading order of a PDF page's text segments: columns and baselines.

A page with two columns (a gutter no line crosses, with a fair share of the text on
each side) is read band by band, left column then right column, where a line that
crosses the gutter (a name across the top, a footer) ends a band. Segments that share a
baseline become one line, joined with a space when close and a field break when apart;
tags that one segment holds apart by runs of spaces (pills) are set apart by field breaks.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, replace
from functools import partial

from engine.extract.lines import BULLET, FIELD_BREAK, TextLine

MIN_COLUMN_SHARE = 0.05  # each column holds at least this share of the page's characters
MAX_PAIRED = 0.8  # share of the smaller column's lines with a partner on the same baseline
MIN_PAIRED_SHARE = 0.15  # ...unless that column holds this share of the text
MIN_COLUMN_LINES = 4
WIDE_LINE = 0.55  # lines wider than this share of the page are full-width (header, footer)
SIDEBAR_EDGE = 0.4  # a sparse sidebar's gutter lies in the page's left 40%
SIDEBAR_SPACING = 2.5  # its items stand at most this many line heights apart (median)
DATED_COLUMN = 0.6  # share of short dated lines that makes a right "column" flush dates
MARGIN_FIELDS = 0.8  # ...or share of dates and the places stacked beside them
HEADING_SIZE = 1.3  # a margin heading's size against the page's median text size
LABELS_FLUSH = 0.8  # share of a left side's lines flush right, beside a value: form labels
FIELD_GAP = 0.8  # segments further apart than this many font sizes: separate fields
TAG_GAP = 0.55  # ...or this many in a row of tags (a space is about 0.25-0.35)
ROW_GAP = 1.5  # ...and tags further apart than this, across a gap: not one row
BLOCK_GAP = 0.4  # ...or this many between tags of two blocks (cells of a grid)
LABEL_BLOCK_GAP = 0.8  # lines beside a side label this many line heights apart: one block
LABEL_WORDS = 6  # ...a few words at most
LABEL_CENTRED = 0.2  # ...its middle this share of its height at most from the block's
LABEL_REACH = 40  # ...looked for this many of the label's heights above and below it
_YEAR = re.compile(r"\b(?:19|20)\d\d\b|\b(?:present|current)\b", re.IGNORECASE)


@dataclass(slots=True)
class Segment:
    """One PyMuPDF line (a run of text at one baseline, within one block)."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    size: float
    bold: bool
    block: int
    italic: bool = False  # its first span's slant
    # (bold, italic, text) of each run of spans in one style, left to right, when there
    # are two or more; () when the segment is in one style (bold and italic then say it).
    styled: tuple[tuple[bool, bool, str], ...] = ()


def gutter(segments: list[Segment], width: float) -> float | None:
    """The x of a vertical gap between two columns, or None for a one-column page.

    A gap counts when (nearly) no line narrower than WIDE_LINE crosses it, it lies in
    the middle 60% of the page, and each side holds MIN_COLUMN_SHARE of the characters and
    MIN_COLUMN_LINES lines, side by side vertically. Right-aligned dates in a
    one-column resume form a narrow "column" too, but each date shares its baseline
    with a title on the left, where a sidebar's lines mostly do not line up; and a
    right side made mostly of dates is not a column whatever its baselines.
    """
    narrow = [s for s in segments if s.x1 - s.x0 < WIDE_LINE * width]
    if len(narrow) < 2 * MIN_COLUMN_LINES:
        return None
    step = 2.0
    bins = int(width / step) + 2
    delta = [0] * (bins + 1)
    for s in narrow:
        start = min(max(int(s.x0 / step), 0), bins - 1)
        end = min(max(int(s.x1 / step), 0), bins - 1)
        delta[start] += 1
        delta[end + 1] -= 1
    low, high = int(0.2 * width / step), int(0.8 * width / step)
    coverage = list(itertools.accumulate(delta))[low : high + 1]
    # A name set large across the top or a footer may cross the gap: a few crossings
    # are allowed (those lines then read as full width), the fewest preferred.
    allowed = max(1, round(0.04 * len(narrow)))
    runs: list[tuple[int, int, int]] = []  # (crossings, start bin, end bin)
    for crossings in range(allowed + 1):
        start = None
        for index, covered in enumerate([*coverage, allowed + 1]):
            if covered <= crossings:
                start = index if start is None else start
            elif start is not None:
                if index - start >= 3:  # at least 6 pt wide
                    runs.append((crossings, low + start, low + index - 1))
                start = None
    total = sum(len(s.text) for s in segments)
    for _, start, end in sorted(runs, key=lambda r: (r[0], r[1] - r[2])):
        x = (start + end + 1) * step / 2
        # A wide line that keeps to one side counts with it (a long publication title
        # in a short column beside a sidebar); only crossing lines were set aside.
        left = [s for s in segments if s.x1 <= x]
        right = [s for s in segments if s.x0 >= x]
        if min(len(left), len(right)) < MIN_COLUMN_LINES:
            continue
        smaller = min(sum(len(s.text) for s in left), sum(len(s.text) for s in right))
        if smaller < MIN_COLUMN_SHARE * total and not _sparse_sidebar(left, right, x, width):
            continue
        if smaller < MIN_PAIRED_SHARE * total and not _stacked(min(left, right, key=len)):
            continue  # a grid's last column, dates flush right: bits far apart, no column
        top = max(min(s.y0 for s in left), min(s.y0 for s in right))
        bottom = min(max(s.y1 for s in left), max(s.y1 for s in right))
        shorter = min(
            max(s.y1 for s in left) - min(s.y0 for s in left),
            max(s.y1 for s in right) - min(s.y0 for s in right),
        )
        beside = [s for s in segments if s.x0 < x]  # wide lines too: a long title
        if bottom - top < 0.3 * shorter or _dates_only(right, beside):
            continue
        if _label_column(left, right) or _rows_across(beside, right):
            continue
        if _labels_beside_blocks(left, right):
            continue
        small, large = sorted((left, right), key=len)
        if smaller >= MIN_PAIRED_SHARE * total or _paired_share(small, large) <= MAX_PAIRED:
            return x
    return None


def _labels_beside_blocks(left: list[Segment], right: list[Segment]) -> bool:
    """A left margin of labels, each level with a line of the right side or centred
    against a block of its lines, or right over or under such a label: section headings
    centred against their sections, a heading and its first date, the roles' dates level
    with their titles (paper-plus-plus). A few words each, two at most beside a block,
    the right side holding twice as many lines at least. Read across, not as a column of
    their own; a sidebar's lines stand level with the other column's only by chance."""
    if len(right) < 2 * len(left) or any(len(s.text.split()) > LABEL_WORDS for s in left):
        return False
    blocks = [(min(s.y0 for s in block), max(s.y1 for s in block))
              for block in _blocks(right, one_size=False)]
    beside = [0] * len(blocks)
    placed: set[int] = set()
    for label in left:
        height = label.y1 - label.y0
        middle = (label.y0 + label.y1) / 2
        index = next((i for i, (top, bottom) in enumerate(blocks)
                      if top - LABEL_BLOCK_GAP * height <= label.y1
                      and label.y0 <= bottom + LABEL_BLOCK_GAP * height), None)
        if index is None:
            return False
        beside[index] += 1
        top, bottom = blocks[index]
        if (abs((top + bottom) / 2 - middle) <= LABEL_CENTRED * height
                or any(_level(label, other) for other in right)):
            placed.add(id(label))
    ordered = sorted(left, key=lambda s: s.y0)
    near = set()  # right over or under a placed label: a heading and its first date
    for above, below in zip(ordered, ordered[1:]):
        if below.y0 - above.y1 <= above.y1 - above.y0 and {id(above), id(below)} & placed:
            near |= {id(above), id(below)}
    return len(placed | near) == len(left) and max(beside) <= 2


def _blocks(segments: list[Segment], one_size: bool) -> list[list[Segment]]:
    """Runs of ``segments`` (by their tops), each LABEL_BLOCK_GAP of its own height at most
    below the run, in the run's size where ``one_size``: the blocks of lines a label in a
    margin stands beside. A label is centred against a block in one size; whether a side
    is a margin of labels, two at most to a block, is asked of whole runs, so that a
    sidebar's lines do not each find a small block of their own."""
    blocks: list[list[Segment]] = []
    bottom = 0.0
    for segment in sorted(segments, key=lambda s: s.y0):
        if (blocks and segment.y0 - bottom <= LABEL_BLOCK_GAP * (segment.y1 - segment.y0)
                and not (one_size and abs(segment.size - blocks[-1][0].size) > 0.5)):
            blocks[-1].append(segment)
            bottom = max(bottom, segment.y1)
        else:
            blocks.append([segment])
            bottom = segment.y1
    return blocks


def _level(first: Segment, other: Segment) -> bool:
    """Whether two segments overlap by half the smaller's height at least: level, though
    their baselines differ (a heading beside its section's first line in smaller type)."""
    overlap = min(first.y1, other.y1) - max(first.y0, other.y0)
    return overlap >= 0.5 * min(first.y1 - first.y0, other.y1 - other.y0)


def _sparse_sidebar(left: list[Segment], right: list[Segment], x: float, width: float
                    ) -> bool:
    """A left sidebar of a few short items (contact details, languages) stacked line
    under line: little text, but a column. Headings set in a left margin are not one:
    each stands far from the next, beside its section."""
    return x <= SIDEBAR_EDGE * width and len(left) < len(right) and _stacked(left)


def _stacked(side: list[Segment]) -> bool:
    """Lines stacked one under the other like a column's: at least half of them stand at
    most SIDEBAR_SPACING line heights below the one above (a heading's wider gap is
    allowed for; items spread along the page beside another column's text are not)."""
    tops = sorted(s.y0 for s in side)
    height = sorted(s.y1 - s.y0 for s in side)[len(side) // 2]
    gaps = sorted(b - a for a, b in zip(tops, tops[1:]))
    return bool(gaps) and gaps[(len(gaps) - 1) // 2] <= SIDEBAR_SPACING * height


def _dates_only(side: list[Segment], other: list[Segment]) -> bool:
    """A right-hand "column" made mostly of short dated lines is the dates of a
    one-column resume set flush right, however their baselines line up. Section
    headings set in that margin (short bold lines: the flat theme's) count with the
    dates when every date stands beside an entry's first line on the other side: a
    sidebar's dates head items of its own."""
    dated = [s for s in side if len(s.text.split()) <= 8 and _YEAR.search(s.text)]
    if len(dated) >= DATED_COLUMN * len(side):
        return True
    if not dated:
        return False
    paired = _paired_share(dated, other)
    labels = sum(1 for s in side if s.bold and len(s.text.split()) <= 3 and s not in dated)
    if paired == 1.0 and len(dated) + labels >= DATED_COLUMN * len(side):
        return True
    # Each date with its place right above or below it (Jake's and RenderCV's margin):
    # most dates beside the first lines of entries, a last one perhaps on its own.
    return paired > 0.5 and len(dated) + len(_places_by(dated, side)) >= (
        MARGIN_FIELDS * len(side))


def _places_by(dated: list[Segment], side: list[Segment]) -> list[Segment]:
    """The short line (four words at most) stacked right above or below each date, one
    per date: where the role was, set in the margin with its dates."""
    found: list[Segment] = []
    for date in dated:
        height = date.y1 - date.y0
        near = [s for s in side if s not in dated and s not in found
                and len(s.text.split()) <= 4 and not _YEAR.search(s.text)
                and min(abs(s.y0 - date.y1), abs(date.y0 - s.y1)) < 0.8 * height]
        found += near[:1]
    return found


def _rows_across(beside: list[Segment], right: list[Segment]) -> bool:
    """Rows of tags running on across the gap: skills printed as pills, the next tag
    (three words at most) past the gap at a tag's distance (ROW_GAP font sizes at most)
    from the last one before it, on its baseline, in two rows at least. Columns of
    prose may stand as close."""
    rows: set[float] = set()
    for segment in right:
        if len(segment.text.split()) > 3:
            continue  # prose: two columns may stand as close (a narrow gutter)
        reach = ROW_GAP * segment.size
        if any(0 <= segment.x0 - other.x1 <= reach and _same_baseline(segment, other)
               and len(other.text.split()) <= 3 for other in beside):
            rows.add(round(segment.y0))
            if len(rows) >= 2:
                return True
    return False


def _label_column(left: list[Segment], right: list[Segment]) -> bool:
    """A left side set flush right against the gap, each line beside one on the right:
    the labels of a form's rows (Europass: "Dates", "Occupation or position held" each
    beside its value), read across, not a column of its own. A sidebar is set flush
    left, and its lines stand beside the other column's only by chance."""
    edge = max(s.x1 for s in left)
    flush = sum(edge - s.x1 <= 2 for s in left)
    ragged = max(s.x0 for s in left) - min(s.x0 for s in left) > 10
    return ragged and flush >= LABELS_FLUSH * len(left) and (
        _paired_share(left, right) >= LABELS_FLUSH)


def _paired_share(small: list[Segment], large: list[Segment]) -> float:
    """Share of ``small``'s lines that sit on the same baseline as a line of ``large``."""
    middles = sorted((s.y0 + s.y1) / 2 for s in large)
    paired = 0
    for segment in small:
        middle = (segment.y0 + segment.y1) / 2
        tolerance = 0.3 * (segment.y1 - segment.y0)
        index = bisect.bisect_left(middles, middle - tolerance)
        if index < len(middles) and middles[index] <= middle + tolerance:
            paired += 1
    return paired / len(small)


def lines_in_reading_order(
    segments: list[Segment], gutter: float | None, page: int, column: int = 0,
    page_width: float | None = None,
) -> list[TextLine]:
    """The page's lines, column by column where ``gutter`` parts two; a page of one
    column has the ``column`` given (1: the right one of the page before). A heading in
    the left margin is a line of its own, and what follows it reads on in its columns; a
    heading below both columns follows both. ``page_width`` tells where the right column
    ends (as far from the page's edge as the text starts from its left) where its own
    lines cannot."""
    ordered = sorted(segments, key=lambda s: (s.y0, s.x0))
    if gutter is None:
        ordered = _side_labels_first(ordered)
    left_headings = _left_margin_headings(ordered)
    if gutter is None and not left_headings:
        return _merge_baselines(ordered, page, column=column)
    merge = partial(_merge_baselines, page=page)
    first = column if gutter is None else 0  # the left (or only) column's number
    lines: list[TextLine] = []
    left: list[Segment] = []
    right: list[Segment] = []

    def flush(whole_columns: bool = False) -> None:
        """The band's lines, left column then right; their indent and fill measured
        across each column's width on the page where ``whole_columns`` (a band of a few
        short cells fills no width of its own), else across the band's own lines."""
        if left and right and _dates_only(right, []):
            # Between two full-width lines, only dates stand right of the gutter: an
            # entry's dates set flush right, read in place beside the lines they date.
            # A date read by its foot goes after a title it stands beside, wrapped or not.
            dates = {id(s) for s in right}
            left.extend(right)
            left.sort(key=lambda s: (s.y1 if id(s) in dates else s.y0, s.x0))
            right.clear()
        left_side, right_side = (_sides(ordered, gutter, page_width) if whole_columns
                                 else (None, None))
        lines.extend(merge(left, column=first, edges=left_side))
        lines.extend(merge(right, column=1, edges=right_side))
        left.clear()
        right.clear()

    headings = _margin_headings(ordered, gutter) if gutter is not None else set()
    below_columns = _headings_below_right_column(ordered, gutter)
    wide: list[Segment] = []  # a line across the gutter, and what shares its baseline
    for segment in ordered:
        if id(segment) in below_columns:
            flush(whole_columns=True)  # the columns above end: what follows is after both
        if id(segment) in headings:  # heads what stands beside it: ends the band
            flush()
            lines.extend(merge(wide + [segment], column=0))
            wide = []
            continue
        if id(segment) in left_headings:  # opens a section, whose columns are its own
            lines.extend(merge(wide, column=0))
            wide = []
            # What shares its baseline but stands a little higher is its section's.
            beside = {id(s): s for s in left + right if _same_baseline(segment, s)}
            left[:] = [s for s in left if id(s) not in beside]
            right[:] = [s for s in right if id(s) not in beside]
            flush()
            heading, = merge([segment], column=first)
            lines.append(replace(heading, margin_heading=True))
            for held in beside.values():  # each back on its side of the gutter
                (left if gutter is None or held.x1 <= gutter else right).append(held)
            continue
        if wide and segment.x0 >= gutter and _same_baseline(wide[0], segment):
            wide.append(segment)  # a flush-right date beside a long title
            continue
        if wide:
            lines.extend(merge(wide, column=0))
            wide = []
        if gutter is None or segment.x1 <= gutter:
            left.append(segment)
        elif segment.x0 >= gutter:
            right.append(segment)
        else:  # crosses the gutter: full width, ends the band
            flush()
            wide = [segment]
    lines.extend(merge(wide, column=0))
    flush()
    return lines


def _side_labels_first(ordered: list[Segment]) -> list[Segment]:
    """``ordered`` with each side label before the block of lines it is centred against
    (paper-plus-plus sets "Skills" left of its four lines, halfway down them): a label
    alone left of its block, a few words without digits, with a line of the block above
    its middle. A label level with its block's first line stays where it is."""
    tops = [s.y0 for s in ordered]
    raised: dict[int, float] = {}
    for label in ordered:
        words = label.text.split()
        if (1 <= len(words) <= 3 and sum(c.isalpha() for c in label.text) >= 2
                and not any(c.isdigit() for c in label.text)):
            top = _top_of_block_beside(ordered, tops, label)
            if top is not None:
                raised[id(label)] = top - 0.01
    if not raised:
        return ordered
    return sorted(ordered, key=lambda s: (raised.get(id(s), s.y0), s.x0))


def _top_of_block_beside(ordered: list[Segment], tops: list[float], label: Segment,
                         ) -> float | None:
    """The top of the block of lines right of ``label`` (_blocks) that runs past its
    middle, a line of it ending above that middle, when the label is centred against it,
    its lines are flush left on one edge, and no other line stands left of it beside it;
    else None."""
    reach = LABEL_REACH * (label.y1 - label.y0)
    near = ordered[bisect.bisect_left(tops, label.y0 - reach):
                   bisect.bisect_right(tops, label.y1 + reach)]
    middle = (label.y0 + label.y1) / 2
    right = [s for s in near if s.x0 > label.x1]
    block = next((block for block in _blocks(right, one_size=True)
                  if any(s.y1 <= middle for s in block)
                  and any(s.y1 > middle for s in block)), None)
    if block is None:
        return None
    top, bottom = min(s.y0 for s in block), max(s.y1 for s in block)
    if abs((top + bottom) / 2 - middle) > LABEL_CENTRED * (label.y1 - label.y0):
        return None  # not centred: a heading level with its first line, under another's
    starts = [s.x0 for s in block
              if not any(o.x0 < s.x0 and _same_baseline(s, o) for o in block)]
    if max(starts) - min(starts) > 2 or any(
            s is not label and s.x0 <= label.x1 and s.y1 > top and s.y0 < bottom
            for s in near):
        return None
    return top


def _sides(ordered: list[Segment], gutter: float, page_width: float | None,
           ) -> tuple[tuple[float, float], ...]:
    """The left and right column's edges on the page: from the text's left edge to the
    gutter, from the nearest a right line starts to the text's right edge (at least the
    left margin's width from the page's edge)."""
    page_left = min(s.x0 for s in ordered)
    page_right = max(max(s.x1 for s in ordered), (page_width or 0.0) - page_left)
    right_start = min((s.x0 for s in ordered if s.x0 >= gutter), default=gutter)
    return (page_left, gutter), (right_start, page_right)


def _headings_below_right_column(ordered: list[Segment], gutter: float | None) -> set[int]:
    """Ids of headings left of the gutter below everything right of it (a grid of skills
    in two columns, then "Work" at the page's foot): each opens what follows both
    columns, not the left column's rest."""
    if gutter is None:
        return set()
    right_end = max((s.y1 for s in ordered if s.x0 >= gutter), default=None)
    if right_end is None:
        return set()
    large = HEADING_SIZE * _body_size(ordered)
    left = [s for s in ordered if s.x1 <= gutter]
    above = {id(s): up for up, s in zip(left, left[1:])}
    return {id(s) for s in left
            if s.y0 >= right_end and s.size >= large and s.bold
            and len(s.text.split()) <= 3 and not any(c.isdigit() for c in s.text)
            and (id(s) not in above or above[id(s)].block != s.block)}  # no wrapped rest


def _margin_headings(ordered: list[Segment], gutter: float) -> set[int]:
    """Ids of section headings set flush right in the page's margin beside their
    sections (pumpkin): right of the gutter, bold, a few words without digits, clearly
    larger than the page's text, and not beside a line (a date or place would be)."""
    body = _body_size(ordered)
    edge = max(s.x1 for s in ordered)
    return {id(s) for s in ordered
            if s.x0 >= gutter and s.bold and edge - s.x1 <= 2 and s.size >= HEADING_SIZE * body
            and 1 <= len(s.text.split()) <= 3 and not any(c.isdigit() for c in s.text)
            and not any(_same_baseline(s, o) for o in ordered if o.x1 < gutter)}


def _body_size(segments: list[Segment]) -> float:
    """The page's text size: the median of its segments' sizes."""
    sizes = sorted(s.size for s in segments)
    return sizes[len(sizes) // 2]


def _left_margin_headings(ordered: list[Segment]) -> set[int]:
    """Ids of section headings set in the page's left margin, left of where every line
    of text-sized type starts: large, a few words without digits. Sections set in
    columns of their own (a grid of skills, then roles with their dates flush right)
    each start under one."""
    body = _body_size(ordered)
    text_edge = min((s.x0 for s in ordered if s.size < HEADING_SIZE * body), default=0.0)
    return {id(s) for s in ordered
            if s.x1 < text_edge and s.size >= HEADING_SIZE * body
            and 1 <= len(s.text.split()) <= 3 and sum(c.isalpha() for c in s.text) >= 2
            and not any(c.isdigit() for c in s.text)}


def _same_baseline(first: Segment, other: Segment) -> bool:
    height = min(first.y1 - first.y0, other.y1 - other.y0)
    return abs((other.y0 + other.y1) / 2 - (first.y0 + first.y1) / 2) <= 0.5 * height


def _tags(texts: list[str], max_words: int, ends: str = ",;:") -> bool:
    """Short pieces side by side (``max_words`` at most each), none a phrase that goes on
    into the next (a justified line's words stand apart by its stretched spaces, but run
    on: "projects" / "of international")."""
    return len(texts) >= 2 and all(
        len(t.split()) <= max_words and t[-1:] not in ends for t in texts) and not any(
        t[:1].islower() and t.split()[0].isalpha() for t in texts[1:])


def _tag_row(group: list[Segment]) -> bool:
    """A row of tags each drawn on its own (a skills list): three words at most each."""
    return _tags([s.text for s in group], max_words=3)


_SPACE_RUN = re.compile(r"\s{2,}")


def spaced_tags(text: str) -> str:
    """A line's text with a field break between tags that one span holds apart by runs
    of spaces ("Networking  Scripting (Python/Bash)  Documenting": pills drawn side by
    side, each padded with a space); a single space joins a tag's words. A sentence
    typed with two spaces after its full stop is left as it is, and so are a name or a
    title spaced out (two pieces) and an address (a house number is no tag)."""
    pieces = _SPACE_RUN.split(text.strip())
    if len(pieces) < 3 or not all(re.search(r"[^\W\d_]", p) for p in pieces):
        return text
    return FIELD_BREAK.join(pieces) if _tags(pieces, max_words=4, ends=",;:.") else text


def _style_runs(group: list[Segment]) -> tuple[tuple[str, ...], tuple[bool, ...]]:
    """The texts of a line's runs in one weight and slant, its segments' runs joined where
    they meet in the same style, and whether each is bold; () twice when the line is in
    one style throughout."""
    if len(group) == 1 and not group[0].styled:
        return (), ()
    runs: list[tuple[bool, bool, str]] = []
    for segment in group:
        for bold, italic, text in segment.styled or (
                (segment.bold, segment.italic, segment.text),):
            if runs and runs[-1][:2] == (bold, italic):
                runs[-1] = (bold, italic, f"{runs[-1][2]} {text}")
            else:
                runs.append((bold, italic, text))
    if len(runs) < 2:
        return (), ()
    return (tuple(" ".join(text.split()) for *_, text in runs),
            tuple(bold for bold, *_ in runs))


def _merge_baselines(segments: list[Segment], page: int, column: int,
                     edges: tuple[float, float] | None = None) -> list[TextLine]:
    """Segments (sorted by top) that share a baseline become one line, left to right,
    joined with a space when close and a field break when apart; each line's indent and
    fill are measured between ``edges`` (the segments' own unless told)."""
    if not segments:
        return []
    left_edge, right_edge = edges or (min(s.x0 for s in segments), max(s.x1 for s in segments))
    span = max(right_edge - left_edge, 1.0)
    groups: list[list[Segment]] = []
    for segment in segments:
        if groups:
            first = groups[-1][0]
            if _same_baseline(first, segment):
                groups[-1].append(segment)
                continue
        groups.append([segment])
    lines: list[TextLine] = []
    previous: list[Segment] | None = None
    previous_bottom = 0.0
    for group in groups:
        if len(group) == 1:
            main = group[0]
            text, top, bottom, right = main.text, main.y0, main.y1, main.x1
        else:
            group.sort(key=lambda s: s.x0)
            text = group[0].text
            tags = _tag_row(group)
            for before, after in zip(group, group[1:]):
                gap = (after.x0 - before.x1) / max(before.size, after.size, 1.0)
                apart = gap > (TAG_GAP if tags else FIELD_GAP) or (
                    tags and before.block != after.block and gap > BLOCK_GAP)
                text += (FIELD_BREAK if apart else " ") + after.text
            if text.startswith(BULLET + FIELD_BREAK):  # a glyph set apart from its text
                text = BULLET + " " + text[2:]
            top = min(s.y0 for s in group)
            bottom = max(s.y1 for s in group)
            right = max(s.x1 for s in group)
            main = max(group, key=lambda s: len(s.text))
        gap = 0.0
        new_block = True
        if previous is not None:
            gap = top - previous_bottom
            same_block = any(s.block == p.block for s in group for p in previous)
            new_block = not same_block or gap > 0.7 * (bottom - top)
        runs, runs_bold = _style_runs(group)
        lines.append(
            TextLine(
                text=text,
                runs=runs,
                runs_bold=runs_bold,
                page=page,
                size=round(main.size, 1),
                bold=group[0].bold,  # a heading's first part: "Acme ⇥ 2020 – 2022"
                new_block=new_block,
                space_before=round(max(gap, 0.0), 1),
                indent=round(group[0].x0 - left_edge, 1),
                fill=round((right - left_edge) / span, 2),
                column=column,
                top=round(top, 1),
            )
        )
        previous = group
        previous_bottom = bottom
    return lines
