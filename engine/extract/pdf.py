"""PDF to lines in reading order, with PyMuPDF.

Each page's text comes from ``page.get_text("dict")`` (spans with font, size, colour and
position). Hidden spans are dropped and reported (``engine.extract.hidden_text``). The rest is
put in reading order: a page with two columns (a gutter no line crosses, with a fair
share of the text on each side) is read band by band, left column then right column,
where a line that crosses the gutter (a name across the top, a footer) ends a band.
"""

from __future__ import annotations

import bisect
import itertools
from functools import lru_cache, partial
from dataclasses import dataclass, field

import pymupdf

from engine.errors import TailorError
from engine.extract.hidden_text import (
    MIN_VISIBLE_SIZE,
    WHITE,
    BackgroundAt,
    HiddenText,
    is_light,
    pdf_span_hidden_kind,
    rgb_from_int,
    strip_invisible_characters,
)
from engine.extract.lines import BULLET, FIELD_BREAK, TextLine, clean_line
from engine.extract.spacing import respace_lines

# Whitespace as written (no images: they are slow and not needed). Not clipped to the
# media box, and read with an infinite clip, so text placed off the page shows up and
# can be reported instead of silently vanishing.
# Vector graphics are collected too (nearly free in the same pass): list bullets drawn
# as small shapes rather than glyphs, as browsers print them.
_TEXT_FLAGS = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_COLLECT_VECTORS
MAX_MARK = 8.0  # pt: a filled shape this small left of a line is its bullet
_BOLD_FONT_WORDS = ("bold", "black", "heavy", "semibold", "demi")

MIN_COLUMN_SHARE = 0.05  # each column holds at least this share of the page's characters
MAX_PAIRED = 0.8  # share of the smaller column's lines with a partner on the same baseline
MIN_PAIRED_SHARE = 0.15  # ...unless that column holds this share of the text
MIN_COLUMN_LINES = 4
WIDE_LINE = 0.55  # lines wider than this share of the page are full-width (header, footer)


@dataclass(slots=True)
class _Segment:
    """One PyMuPDF line (a run of text at one baseline, within one block)."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    size: float
    bold: bool
    block: int


@dataclass
class PdfText:
    lines: list[TextLine]
    pages: int
    two_column_pages: int = 0
    pages_with_images: int = 0
    pages_with_drawings: int = 0
    urls: list[str] = field(default_factory=list)
    unmapped: int = 0  # glyphs without a Unicode mapping (U+FFFD), dropped from the text
    repaired: bool = False  # damaged (truncated, broken cross-references): MuPDF rebuilt it
    hidden: list[HiddenText] = field(default_factory=list)


def open_pdf(data: bytes) -> pymupdf.Document:
    try:
        document = pymupdf.open(stream=data, filetype="pdf")
    except Exception:  # PyMuPDF raises several types for unreadable files
        raise TailorError("corrupt_pdf", "This PDF is damaged or incomplete and cannot be read.")
    if document.needs_pass:
        document.close()
        raise TailorError(
            "encrypted_pdf", "This PDF is password-protected; ask for an unprotected copy."
        )
    if document.page_count == 0:
        document.close()
        raise TailorError("corrupt_pdf", "This PDF has no pages; it is damaged or incomplete.")
    return document


def read_pdf(data: bytes, *, max_pages: int) -> PdfText:
    """The text lines of a PDF in reading order; TailorError for unreadable files."""
    document = open_pdf(data)
    try:
        if document.page_count > max_pages:
            raise TailorError(
                "too_many_pages",
                f"This resume has {document.page_count} pages; the limit is {max_pages}.",
            )
        result = PdfText(lines=[], pages=document.page_count, repaired=document.is_repaired)
        for number in range(document.page_count):
            try:
                page = document.load_page(number)
                _read_page(page, number, result)
            except TailorError:
                raise
            except Exception:
                raise TailorError(
                    "corrupt_pdf", f"Page {number + 1} of this PDF is damaged and cannot be read."
                )
        return result
    finally:
        document.close()


class _Background:
    """What lies behind a point of a page, under a given block: the topmost shape
    filled before it (from the page's vector blocks, collected with the text) or white.
    A light background is checked against the page's images, loaded on first need only:
    over an image the colours are unknown, and the text counts as visible."""

    def __init__(self, page: pymupdf.Page) -> None:
        self._page = page
        self.fills: list[tuple[int, float, float, float, float, tuple]] = []
        self._images: list[tuple[float, float, float, float]] | None = None

    def add_fill(self, block: dict) -> None:
        if block.get("stroked") or not block.get("alpha", 255):
            return
        x0, y0, x1, y1 = block["bbox"]
        self.fills.append((block["number"], x0, y0, x1, y1, rgb_from_int(block["color"])))

    def __call__(self, x: float, y: float, under: int) -> tuple[float, float, float] | None:
        colour = WHITE
        for number, x0, y0, x1, y1, fill in reversed(self.fills):
            if number < under and x0 <= x <= x1 and y0 <= y <= y1:
                colour = fill
                break
        if is_light(colour):
            if self._images is None:
                self._images = [info["bbox"] for info in self._page.get_image_info()]
            if any(x0 <= x <= x1 and y0 <= y <= y1 for x0, y0, x1, y1 in self._images):
                return None
        return colour


def _read_page(page: pymupdf.Page, number: int, result: PdfText) -> None:
    rect = page.rect
    page_box = (rect.x0 - 1, rect.y0 - 1, rect.x1 + 1, rect.y1 + 1)
    background = _Background(page)
    page_dict = page.get_text("dict", flags=_TEXT_FLAGS, clip=pymupdf.INFINITE_RECT())
    segments: list[_Segment] = []
    unmapped = [0]
    marks: list[tuple[float, float, float, float]] = []
    for block in page_dict["blocks"]:
        kind = block.get("type", 0)
        if kind == 3 and not block.get("stroked"):
            background.add_fill(block)
            x0, y0, x1, y1 = block["bbox"]
            if 1 <= x1 - x0 <= MAX_MARK and 1 <= y1 - y0 <= MAX_MARK:
                marks.append((x0, y0, x1, y1))
        if kind != 0:
            continue
        block_number = block["number"]
        # Only what was drawn before this text can be behind it.
        behind = partial(background, under=block_number)
        for line in block["lines"]:
            segment = _segment(line, block_number, page_box, behind, result.hidden, unmapped)
            if segment is not None:
                segments.append(segment)
    result.unmapped += unmapped[0]
    respace_lines(page, segments, _TEXT_FLAGS)
    if marks and len(marks) < 300:
        _mark_bullets(segments, marks)
    result.urls.extend(link["uri"] for link in page.get_links() if link.get("uri"))
    if sum(len(s.text) for s in segments) < 50:
        # Little or no text: find out whether the page is a picture (a scan, or text
        # turned into outlines). Looking costs time, so only pages that need it.
        if page.get_images(full=False):
            result.pages_with_images += 1
        elif page.get_cdrawings():
            result.pages_with_drawings += 1
    if not segments:
        return
    columns = _gutter(segments, rect.width)
    if columns is not None:
        result.two_column_pages += 1
    result.lines.extend(_lines_in_reading_order(segments, columns, number))


@lru_cache(maxsize=1024)
def _bold_font(font: str) -> bool:
    font = font.lower()
    return any(word in font for word in _BOLD_FONT_WORDS)


def _segment(
    line: dict, block: int, page_box: tuple, background: BackgroundAt,
    hidden: list[HiddenText], unmapped: list[int],
) -> _Segment | None:
    parts: list[str] = []
    bold_chars = chars = biggest = 0
    size = 0.0
    x0 = y0 = 1e9
    x1 = y1 = -1e9
    left, top, right, bottom = page_box
    for span in line["spans"]:
        text = span["text"]
        stripped = text.strip()
        if not stripped:
            parts.append(text)
            continue
        if not text.isascii():
            text, invisible = strip_invisible_characters(text)
            hidden.extend(invisible)
        ox, oy = span["origin"]
        # Most spans are plainly visible (dark, full size, on the page, drawn): only the
        # rest gets the full check.
        if not (span["color"] == 0 and span["size"] >= MIN_VISIBLE_SIZE
                and span["alpha"] == 255 and span["char_flags"] & 48
                and left <= ox <= right and top <= oy <= bottom):
            kind = pdf_span_hidden_kind(span, page_box, background)
            if kind is not None:
                hidden.append(HiddenText(kind, text))
                continue
        bx0, by0, bx1, by1 = span["bbox"]
        gap = bx0 - x1
        if parts and (gap > 0.15 * span["size"] or gap < -1) and not (
            parts[-1][-1:].isspace() or text[:1].isspace()
        ):
            # A visible gap between spans is a space the PDF left out; spans drawn over
            # each other (a wrapped name under a right-aligned date) are separate words.
            parts.append(" ")
        parts.append(text)
        count = len(text)
        chars += count
        if span["flags"] & 16 or _bold_font(span["font"]):
            bold_chars += count
        if count > biggest:
            biggest, size = count, span["size"]
        if len(stripped) < count:  # the box covers surrounding spaces too: trim it pro rata
            per_char = (bx1 - bx0) / count
            bx0 += per_char * (count - len(text.lstrip()))
            bx1 -= per_char * (count - len(text.rstrip()))
        if bx0 < x0:
            x0 = bx0
        if by0 < y0:
            y0 = by0
        if bx1 > x1:
            x1 = bx1
        if by1 > y1:
            y1 = by1
    if not chars:
        return None
    text = "".join(parts)
    if "\ufffd" in text:
        unmapped[0] += text.count("\ufffd")
        text = text.replace("\ufffd", " ")
    text = clean_line(text)
    if not text:
        return None
    return _Segment(x0, y0, x1, y1, text, size, bold_chars >= 0.6 * chars, block)


def _mark_bullets(segments: list[_Segment], marks: list[tuple]) -> None:
    """Give a bullet to each line that has a small drawn shape just left of its start,
    at mid-height."""
    for x0, y0, x1, y1 in marks:
        middle = (y0 + y1) / 2
        for segment in segments:
            if (x1 - 1 <= segment.x0 <= x1 + 14 and segment.y0 <= middle <= segment.y1
                    and not segment.text.startswith(BULLET)):
                segment.text = f"{BULLET} {segment.text}"
                segment.x0 = x0
                break


def _gutter(segments: list[_Segment], width: float) -> float | None:
    """The x of a vertical gap between two columns, or None for a one-column page.

    A gap counts when (nearly) no line narrower than WIDE_LINE crosses it, it lies in
    the middle 60% of the page, and each side holds MIN_COLUMN_SHARE of the characters and
    MIN_COLUMN_LINES lines, side by side vertically. Right-aligned dates in a
    one-column resume form a narrow "column" too, but each date shares its baseline
    with a title on the left, where a sidebar's lines mostly do not line up.
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
        left = [s for s in narrow if s.x1 <= x]
        right = [s for s in narrow if s.x0 >= x]
        if min(len(left), len(right)) < MIN_COLUMN_LINES:
            continue
        smaller = min(sum(len(s.text) for s in left), sum(len(s.text) for s in right))
        if smaller < MIN_COLUMN_SHARE * total:
            continue
        top = max(min(s.y0 for s in left), min(s.y0 for s in right))
        bottom = min(max(s.y1 for s in left), max(s.y1 for s in right))
        shorter = min(
            max(s.y1 for s in left) - min(s.y0 for s in left),
            max(s.y1 for s in right) - min(s.y0 for s in right),
        )
        if bottom - top < 0.3 * shorter:
            continue
        if smaller >= MIN_PAIRED_SHARE * total or _paired_share(left, right) <= MAX_PAIRED:
            return x
    return None


def _paired_share(left: list[_Segment], right: list[_Segment]) -> float:
    """Share of the smaller side's lines that sit on the same baseline as a line of the
    other side."""
    small, large = sorted((left, right), key=len)
    middles = sorted((s.y0 + s.y1) / 2 for s in large)
    paired = 0
    for segment in small:
        middle = (segment.y0 + segment.y1) / 2
        tolerance = 0.3 * (segment.y1 - segment.y0)
        index = bisect.bisect_left(middles, middle - tolerance)
        if index < len(middles) and middles[index] <= middle + tolerance:
            paired += 1
    return paired / len(small)


def _lines_in_reading_order(
    segments: list[_Segment], gutter: float | None, page: int
) -> list[TextLine]:
    ordered = sorted(segments, key=lambda s: (s.y0, s.x0))
    if gutter is None:
        return _merge_baselines(ordered, page, column=0)
    lines: list[TextLine] = []
    left: list[_Segment] = []
    right: list[_Segment] = []

    def flush() -> None:
        lines.extend(_merge_baselines(left, page, column=0))
        lines.extend(_merge_baselines(right, page, column=1))
        left.clear()
        right.clear()

    for segment in ordered:
        if segment.x1 <= gutter:
            left.append(segment)
        elif segment.x0 >= gutter:
            right.append(segment)
        else:  # crosses the gutter: full width, ends the band
            flush()
            lines.extend(_merge_baselines([segment], page, column=0))
    flush()
    return lines


def _merge_baselines(segments: list[_Segment], page: int, column: int) -> list[TextLine]:
    """Segments (sorted by top) that share a baseline become one line, left to right,
    joined with a space when close and a field break when apart."""
    if not segments:
        return []
    left_edge = min(s.x0 for s in segments)
    span = max(max(s.x1 for s in segments) - left_edge, 1.0)
    groups: list[list[_Segment]] = []
    for segment in segments:
        if groups:
            first = groups[-1][0]
            height = min(first.y1 - first.y0, segment.y1 - segment.y0)
            middle = (segment.y0 + segment.y1) / 2
            if abs(middle - (first.y0 + first.y1) / 2) <= 0.5 * height:
                groups[-1].append(segment)
                continue
        groups.append([segment])
    lines: list[TextLine] = []
    previous: list[_Segment] | None = None
    previous_bottom = 0.0
    for group in groups:
        if len(group) == 1:
            main = group[0]
            text, top, bottom, right = main.text, main.y0, main.y1, main.x1
        else:
            group.sort(key=lambda s: s.x0)
            text = group[0].text
            for before, after in zip(group, group[1:]):
                apart = after.x0 - before.x1 > 0.8 * max(before.size, after.size, 1.0)
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
        lines.append(
            TextLine(
                text=text,
                page=page,
                size=round(main.size, 1),
                bold=group[0].bold,  # a heading's first part: "Acme ⇥ 2020 – 2022"
                new_block=new_block,
                space_before=round(max(gap, 0.0), 1),
                indent=round(group[0].x0 - left_edge, 1),
                fill=round((right - left_edge) / span, 2),
                column=column,
            )
        )
        previous = group
        previous_bottom = bottom
    return lines
