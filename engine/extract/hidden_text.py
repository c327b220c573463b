"""Text a human reader cannot see, which people use to stuff keywords or to slip
instructions to an automated screener.

Four ways to hide text are detected, for PDF spans and DOCX runs alike:
- a colour that (nearly) matches the background, or text drawn invisibly / fully
  transparent;
- a font size under 4 pt;
- text placed outside the page;
- zero-width and Unicode "tag" characters inside the text (tag characters can carry a
  whole invisible ASCII message).

Hidden text is left out of the extracted text and reported as ``Flag``s, one per kind,
quoting what was hidden so the recruiter can see it. Invisible text a reader sees all
the same is kept: an OCR layer over a scanned page, and the text over its own glyphs
drawn as outlines (Chromium prints a font it may not embed so).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from engine.resume import Flag

MIN_VISIBLE_SIZE = 4.0  # pt
MIN_CONTRAST = 1.25  # WCAG contrast ratio; #EEEEEE on white is 1.16
WHITE = (1.0, 1.0, 1.0)

# Invisible formatting characters that have no business inside a resume's words.
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\u180e\ufeff"
_ZERO_WIDTH_RE = re.compile(f"[{_ZERO_WIDTH}]")
# Unicode tags (U+E0000..U+E007F) mirror ASCII and render as nothing.
_TAGS_RE = re.compile("[\U000e0000-\U000e007f]+")

KINDS = {
    "colour": "Text coloured like its background (invisible to a reader) was left out.",
    "invisible": "Text drawn invisibly or fully transparent was left out.",
    "tiny": "Text smaller than 4 pt was left out.",
    "offpage": "Text placed outside the page was left out.",
    "vanish": "Text marked as hidden in the Word file was left out.",
    "zero_width": "Zero-width characters hidden inside the text were removed.",
    "tags": "Invisible Unicode tag characters carrying a message were removed.",
}
MAX_QUOTE = 300
MIN_ZERO_WIDTH = 3


@dataclass(frozen=True, slots=True)
class HiddenText:
    kind: str  # a key of KINDS
    text: str


def strip_invisible_characters(text: str) -> tuple[str, list[HiddenText]]:
    """``text`` without zero-width and tag characters, and what was found.

    The tag characters are decoded (they mirror ASCII) so the flag shows their message.
    """
    findings: list[HiddenText] = []
    if not text.isascii():
        if _TAGS_RE.search(text):
            message = " ".join(
                "".join(chr(ord(c) - 0xE0000) for c in run) for run in _TAGS_RE.findall(text)
            )
            findings.append(HiddenText("tags", message.strip()))
            text = _TAGS_RE.sub("", text)
        zero_width = len(_ZERO_WIDTH_RE.findall(text))
        if zero_width:
            # One or two are copy-and-paste debris (a BOM, a stray joiner), not hiding.
            if zero_width >= MIN_ZERO_WIDTH:
                findings.append(HiddenText("zero_width", f"{zero_width} characters"))
            text = _ZERO_WIDTH_RE.sub("", text)
    return text, findings


def rgb_from_int(colour: int) -> tuple[float, float, float]:
    """PyMuPDF's sRGB integer as (r, g, b) in 0..1."""
    return ((colour >> 16) & 255) / 255, ((colour >> 8) & 255) / 255, (colour & 255) / 255


def rgb_from_hex(colour: str) -> tuple[float, float, float] | None:
    """A DOCX ``RRGGBB`` colour as (r, g, b); None for "auto" or nonsense."""
    if len(colour) != 6:
        return None
    try:
        value = int(colour, 16)
    except ValueError:
        return None
    return rgb_from_int(value)


def luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG relative luminance."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = rgb
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    """WCAG contrast ratio, 1 (identical) to 21 (black on white)."""
    la, lb = luminance(a), luminance(b)
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def is_light(rgb: tuple[float, float, float]) -> bool:
    """Light enough that on a white page it might not be seen at all."""
    return contrast(rgb, WHITE) < MIN_CONTRAST


@lru_cache(maxsize=4096)
def _light_colour(colour: int) -> tuple[float, float, float] | None:
    """The RGB of a PyMuPDF colour if it is light, else None (cached: a document uses a
    handful of colours across thousands of spans)."""
    rgb = rgb_from_int(colour)
    return rgb if is_light(rgb) else None


# A background finder answers, for a point on the page, the colour behind it: an RGB
# triple, or None when the text sits on an image (its colours are unknown: assume visible).
BackgroundAt = Callable[[float, float], "tuple[float, float, float] | None"]
# An outline finder answers whether shapes drawn under a box fill it as glyphs would: a
# browser prints a font it may not embed as outlines, under the same text left invisible.
OutlinedAt = Callable[[tuple[float, float, float, float]], bool]


def pdf_span_hidden_kind(
    span: dict, page_rect: tuple[float, float, float, float], background_at: BackgroundAt,
    outlined_at: OutlinedAt,
) -> str | None:
    """Why a PyMuPDF ``dict`` span cannot be seen (a key of KINDS), or None if it can."""
    x0, y0, x1, y1 = span["bbox"]
    left, top, right, bottom = page_rect
    # Where the text starts (a span's box also covers trailing spaces, which may run
    # past the page edge on perfectly visible lines).
    ox, oy = span["origin"]
    if not (left <= ox <= right and top <= oy <= bottom) or x1 < left or y1 < top:
        return "offpage"
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    if span["size"] < MIN_VISIBLE_SIZE:
        return "tiny"
    # char_flags: 16 filled, 32 stroked; neither (render mode 3) or alpha 0 is invisible.
    if span.get("alpha", 255) == 0 or not span.get("char_flags", 16) & 48:
        # An invisible layer over a scanned image is OCR output, and over its glyphs'
        # outlines it is their text: either way it is the page's text.
        if background_at(cx, cy) is None or outlined_at(span["bbox"]):
            return None
        return "invisible"
    colour = span["color"]
    if colour and (rgb := _light_colour(colour)) is not None:
        # Only light text needs the costlier look at what is behind it: dark text on a
        # dark box is possible, but looking behind every span would cost every page.
        background = background_at(cx, cy)
        if background is not None and contrast(rgb, background) < MIN_CONTRAST:
            return "colour"
    return None


def docx_run_hidden_kind(
    vanish: bool, size_pt: float | None, colour: tuple[float, float, float] | None,
    shading: tuple[float, float, float] | None,
) -> str | None:
    """Why a DOCX run cannot be seen, or None. ``shading`` is the run's or paragraph's
    background fill, white when there is none."""
    if vanish:
        return "vanish"
    if size_pt is not None and size_pt < MIN_VISIBLE_SIZE:
        return "tiny"
    if colour is not None and contrast(colour, shading or WHITE) < MIN_CONTRAST:
        return "colour"
    return None


def hidden_text_flags(findings: Iterable[HiddenText]) -> list[Flag]:
    """One flag per kind of hidden text, quoting (the start of) what was hidden."""
    by_kind: dict[str, list[str]] = {}
    for finding in findings:
        text = " ".join(finding.text.split())
        if text:
            by_kind.setdefault(finding.kind, []).append(text)
    flags = []
    for kind, texts in by_kind.items():
        quote = " | ".join(dict.fromkeys(texts))
        if len(quote) > MAX_QUOTE:
            quote = quote[: MAX_QUOTE - 1] + "…"
        flags.append(Flag(code=f"hidden_text_{kind}", message=KINDS[kind], text=quote))
    return flags
