"""PDF to lines in reading order, with PyMuPDF.

Each page's text comes from ``page.get_text("dict")`` (spans with font, size, colour and
position). Hidden spans are dropped and reported (``engine.extract.hidden_text``);
misspaced lines are rebuilt from their glyphs (``engine.extract.spacing``); the rest is
put in reading order (``engine.extract.pdf_layout``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache, partial

import pymupdf

from engine.errors import TailorError
from engine.extract.hidden_text import (
    MIN_VISIBLE_SIZE,
    WHITE,
    BackgroundAt,
    HiddenText,
    OutlinedAt,
    is_light,
    pdf_span_hidden_kind,
    rgb_from_int,
    strip_invisible_characters,
)
from engine.extract.lines import BULLET, TextLine, clean_line
from engine.extract.pdf_layout import Segment, gutter, lines_in_reading_order, spaced_tags
from engine.extract.spacing import respace_lines

# Whitespace as written (no images: they are slow and not needed). Not clipped to the
# media box, and read with an infinite clip, so text placed off the page shows up and
# can be reported instead of silently vanishing.
# Vector graphics are collected too (nearly free in the same pass): list bullets drawn
# as small shapes rather than glyphs, as browsers print them.
_TEXT_FLAGS = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_COLLECT_VECTORS
# Process-wide MuPDF settings, set as pymupdf4llm's import used to set them (engine/__init__
# now keeps it from loading): glyph boxes from the font's ascender and descender, which
# every measure of the layout rules (line heights, baselines, gaps) was taken with, and a
# damaged file's MuPDF messages kept out of the worker's log (its run's error says it).
pymupdf.TOOLS.unset_quad_corrections(True)
pymupdf.TOOLS.mupdf_display_errors(False)
pymupdf.TOOLS.mupdf_display_warnings(False)
MAX_MARK = 8.0  # pt: a filled shape this small left of a line is its bullet
_OUTLINED_SHARE = 0.6  # of an invisible span's width drawn as shapes: its glyphs' outlines
_BOLD_FONT_WORDS = ("bold", "black", "heavy", "semibold", "demi")


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
    # The last page's gutter between its columns (None for one column): a page of one
    # column right of it goes on with the right column (a sidebar run onto the next page).
    last_gutter: float | None = None


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
        self._shapes: list[tuple[int, float, float, float, float]] = []  # fills not boxes
        self._images: list[tuple[float, float, float, float]] | None = None

    def add_fill(self, block: dict) -> None:
        if block.get("stroked") or not block.get("alpha", 255):
            return
        x0, y0, x1, y1 = block["bbox"]
        self.fills.append((block["number"], x0, y0, x1, y1, rgb_from_int(block["color"])))
        if not block.get("isrect"):
            self._shapes.append((block["number"], x0, y0, x1, y1))

    def outlined(self, box: tuple[float, float, float, float], under: int) -> bool:
        """Whether shapes drawn before a block, each within ``box``'s height, cover most
        of its width, as a line's glyph outlines do (a box behind the text is taller)."""
        x0, y0, x1, y1 = box
        covered = 0.0
        for number, sx0, sy0, sx1, sy1 in self._shapes:
            if number < under and sy0 >= y0 - 1 and sy1 <= y1 + 1 and sx1 > x0 and sx0 < x1:
                covered += min(sx1, x1) - max(sx0, x0)
        return covered >= _OUTLINED_SHARE * (x1 - x0)

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
    # One text page serves the spans and, for misspaced lines, their glyphs: making it
    # is most of MuPDF's work, and a second one per line would cost as much again.
    textpage = page.get_textpage(clip=pymupdf.INFINITE_RECT(), flags=_TEXT_FLAGS)
    segments: list[Segment] = []
    origins: list[tuple[int, int]] = []  # each segment's (block, line) in the text page
    unmapped = [0]
    marks: list[tuple[float, float, float, float]] = []
    for block_index, block in enumerate(textpage.extractDICT()["blocks"]):
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
        outlined = partial(background.outlined, under=block_number)
        for line_index, line in enumerate(block["lines"]):
            segment = _segment(line, block_number, page_box, behind, outlined, result.hidden,
                               unmapped)
            if segment is not None:
                segments.append(segment)
                origins.append((block_index, line_index))
    result.unmapped += unmapped[0]
    respace_lines(segments, origins, textpage)
    segments = _without_repeats(segments)
    if marks and len(marks) < 300:
        _mark_bullets(segments, marks)
    result.urls.extend(_uris(page))
    if sum(len(s.text) for s in segments) < 50:
        # Little or no text: find out whether the page is a picture (a scan, or text
        # turned into outlines). Looking costs time, so only pages that need it.
        if page.get_images(full=False):
            result.pages_with_images += 1
        elif page.get_cdrawings():
            result.pages_with_drawings += 1
    if not segments:
        return
    columns = gutter(segments, rect.width)
    if columns is not None:
        result.two_column_pages += 1
    after = result.last_gutter
    side = int(columns is None and after is not None and all(s.x0 >= after for s in segments))
    result.last_gutter = columns
    result.lines.extend(lines_in_reading_order(segments, columns, number, column=side,
                                               page_width=rect.width))


def _uris(page: pymupdf.Page) -> list[str]:
    """The web addresses the page links to (walked directly: ``get_links`` also reads
    every link's box and annotation, which cost more than the addresses)."""
    uris = []
    link = page.first_link
    while link:
        destination = link.dest
        if destination.kind == pymupdf.LINK_URI and destination.uri:
            uris.append(destination.uri)
        link = link.next
    return uris


@lru_cache(maxsize=1024)
def _bold_font(font: str) -> bool:
    font = font.lower()
    return any(word in font for word in _BOLD_FONT_WORDS)


def _segment(
    line: dict, block: int, page_box: tuple, background: BackgroundAt, outlined: OutlinedAt,
    hidden: list[HiddenText], unmapped: list[int],
) -> Segment | None:
    parts: list[str] = []
    styles: list[int] = []  # each drawn span's style: 2 if bold, plus 1 if italic
    styled_texts: list[str] = []
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
            kind = pdf_span_hidden_kind(span, page_box, background, outlined)
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
        flags = span["flags"]
        bold = flags & 16 or _bold_font(span["font"])
        if bold:
            bold_chars += count
        styles.append((2 if bold else 0) + (flags & 2 and 1))
        styled_texts.append(text)
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
    if "  " in text or "\u2028" in text:
        text = spaced_tags(text)
    if "\ufffd" in text:
        unmapped[0] += text.count("\ufffd")
        text = text.replace("\ufffd", " ")
    text = clean_line(text)
    if not text:
        return None
    return Segment(x0, y0, x1, y1, text, size, bold_chars >= 0.6 * chars, block,
                   styles[0] & 1 == 1, _span_runs(styles, styled_texts))


# How far (a share of the text's size) a second drawing of the same words may stand from
# the first and still be the same text: Chromium prints a CSS text shadow 0.07 of it off.
_SAME_PLACE = 0.3


def _without_repeats(segments: list[Segment]) -> list[Segment]:
    """The segments less those that draw a line's words again at nearly the same place:
    a text shadow, or bold faked by printing the words twice."""
    kept: list[Segment] = []
    at: dict[str, list[Segment]] = {}
    for segment in segments:
        near = _SAME_PLACE * segment.size
        if any(abs(o.x0 - segment.x0) <= near and abs(o.y0 - segment.y0) <= near
               for o in at.get(segment.text, ())):
            continue
        at.setdefault(segment.text, []).append(segment)
        kept.append(segment)
    return kept


def _span_runs(styles: list[int], texts: list[str]) -> tuple[tuple[bool, bool, str], ...]:
    """(bold, italic, text) of each run of spans in one style, when there are two or
    more; () for a line in one style (most lines: nothing to build)."""
    if min(styles) == max(styles):
        return ()
    runs: list[tuple[int, str]] = []
    for style, text in zip(styles, texts):
        if runs and runs[-1][0] == style:
            runs[-1] = (style, runs[-1][1] + text)
        else:
            runs.append((style, text))
    return tuple((style >= 2, style & 1 == 1, text) for style, text in runs)


def _mark_bullets(segments: list[Segment], marks: list[tuple]) -> None:
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
