"""Draw a resume plan as a PDF: one column, or a shaded left sidebar plus a main column.

Speed matters (seeding may render 100,000 files), and PyMuPDF's ``insert_text`` costs
~0.7 ms per call here, so each page's content stream is written directly: PyMuPDF makes
the document, the pages and the standard fonts (Helvetica / Times, WinAnsi encoding, no
embedding) and saves the file, while text positions come from the fonts' own advance
widths. A two-page PDF takes ~2 ms instead of ~40 ms.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import pymupdf

from demo.render import SIDEBAR_SECTIONS, Line, Plan, Section

PAGE_WIDTH, PAGE_HEIGHT = 612.0, 792.0  # US Letter
TOP, BOTTOM = 50.0, 742.0
SANS = {"regular": "helv", "bold": "hebo", "italic": "heit"}
SERIF = {"regular": "tiro", "bold": "tibo", "italic": "tiit"}
BASE_FONTS = {"helv": "Helvetica", "hebo": "Helvetica-Bold", "heit": "Helvetica-Oblique",
              "tiro": "Times-Roman", "tibo": "Times-Bold", "tiit": "Times-Italic"}


@functools.cache
def _widths(font: str) -> tuple[float, ...]:
    """Advance width (per point of size) of each WinAnsi byte in a base-14 font."""
    face = pymupdf.Font(font)
    widths = []
    for code in range(256):
        try:
            char = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            char = "?"
        widths.append(face.glyph_advance(ord(char)))
    return tuple(widths)


def _encode(text: str) -> bytes:
    return text.encode("cp1252", "replace")


def text_width(text: str, font: str, size: float) -> float:
    widths = _widths(font)
    return sum(widths[b] for b in _encode(text)) * size


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    widths = _widths(font)
    space = widths[32] * size
    lines: list[str] = []
    current: list[str] = []
    used = 0.0
    for word in _split_long_words(text.split(), widths, size, width):
        word_width = sum(widths[b] for b in _encode(word)) * size
        if current and used + space + word_width > width:
            lines.append(" ".join(current))
            current, used = [], 0.0
        used += (space if current else 0.0) + word_width
        current.append(word)
    if current:
        lines.append(" ".join(current))
    return lines or [""]


def _split_long_words(words: list[str], widths: tuple[float, ...], size: float,
                      width: float) -> list[str]:
    """Break a word too wide for the column (a long URL) after its slashes."""
    out = []
    for word in words:
        if "/" not in word or sum(widths[b] for b in _encode(word)) * size <= width:
            out.append(word)
            continue
        piece = ""
        for part in word.replace("/", "/\0").split("\0"):
            if piece and sum(widths[b] for b in _encode(piece + part)) * size > width:
                out.append(piece)
                piece = ""
            piece += part
        out.append(piece)
    return out


@dataclass
class Canvas:
    """Drawing operations per page, in PDF content-stream syntax, top-down coordinates."""

    pages: list[list[bytes]] = field(default_factory=list)
    fonts: set[str] = field(default_factory=set)

    def _ops(self, page: int) -> list[bytes]:
        while len(self.pages) <= page:
            self.pages.append([])
        return self.pages[page]

    def text(self, page: int, x: float, y: float, text: str, font: str, size: float,
             gray: float = 0.0) -> None:
        self.fonts.add(font)
        escaped = _encode(text).replace(b"\\", b"\\\\").replace(b"(", b"\\(")
        escaped = escaped.replace(b")", b"\\)")
        self._ops(page).append(
            b"BT %.3f g /%s %.1f Tf %.2f %.2f Td (%s) Tj ET"
            % (gray, font.encode(), size, x, PAGE_HEIGHT - y, escaped)
        )

    def box(self, page: int, x: float, y: float, width: float, height: float,
            gray: float) -> None:
        self._ops(page).append(
            b"%.3f g %.2f %.2f %.2f %.2f re f" % (gray, x, PAGE_HEIGHT - y - height, width, height)
        )

    def to_pdf(self, background: list[bytes] | None = None) -> bytes:
        doc = pymupdf.open()
        # Font dictionaries written once per document: ``Page.insert_font`` would
        # recompute every glyph width for every page (~0.6 ms a font).
        fonts = []
        for font in sorted(self.fonts):
            xref = doc.get_new_xref()
            doc.update_object(xref, f"<< /Type /Font /Subtype /Type1 /BaseFont "
                                    f"/{BASE_FONTS[font]} /Encoding /WinAnsiEncoding >>")
            fonts.append(f"/{font} {xref} 0 R")
        resources = f"<< /Font << {' '.join(fonts)} >> >>"
        for ops in self.pages:
            page = doc.new_page(width=PAGE_WIDTH, height=PAGE_HEIGHT)
            xref = doc.get_new_xref()
            doc.update_object(xref, "<<>>")
            doc.update_stream(xref, b"\n".join((background or []) + ops))
            doc.xref_set_key(page.xref, "Contents", f"{xref} 0 R")
            doc.xref_set_key(page.xref, "Resources", resources)
        doc.set_metadata({"creator": "Tailor demo", "producer": "PyMuPDF"})
        return doc.tobytes(deflate=True, no_new_id=True)  # no random /ID: reproducible


@dataclass
class Flow:
    """A column that text flows down, onto the next page when it reaches the bottom."""

    canvas: Canvas
    left: float
    right: float
    fonts: dict[str, str]
    size: float
    bullet: str
    page: int = 0
    y: float = TOP

    def room(self, height: float) -> None:
        if self.y + height > BOTTOM:
            self.page += 1
            self.y = TOP

    def paragraph(self, text: str, font: str, size: float, indent: float = 0.0,
                  right: str | None = None, gray: float = 0.0) -> None:
        leading = size * 1.32
        right_width = text_width(right, font, size) + 12 if right else 0.0
        width = self.right - self.left - indent - right_width
        for number, part in enumerate(_wrap(text, font, size, width)):
            self.room(leading)
            self.y += leading
            self.canvas.text(self.page, self.left + indent, self.y, part, font, size, gray)
            if right and number == 0:
                x = self.right - text_width(right, font, size)
                self.canvas.text(self.page, x, self.y, right, font, size, gray)

    def line(self, line: Line) -> None:
        if line.gap_before:
            self.y += self.size * 0.6
        style = "bold" if line.bold else "italic" if line.italic else "regular"
        font = self.fonts[style]
        if not line.bullet:
            self.paragraph(line.text, font, self.size, right=line.right)
            return
        self.room(self.size * 1.32)
        if self.bullet == "▪":  # drawn as a shape, as many templates do
            square = self.size * 0.3
            self.canvas.box(self.page, self.left + 3, self.y + self.size * 0.95, square,
                            square, 0.2)
        else:
            self.canvas.text(self.page, self.left + 2, self.y + self.size * 1.32,
                             self.bullet, font, self.size)
        self.paragraph(line.text, font, self.size, indent=12, right=line.right)

    def header(self, text: str, rule: bool, size: float) -> None:
        self.y += size * 0.9
        self.room(size * 4)  # never leave a header alone at the foot of a page
        self.paragraph(text, self.fonts["bold"], size, gray=0.12)
        if rule:
            self.canvas.box(self.page, self.left, self.y + 3, self.right - self.left, 0.7, 0.45)
            self.y += 4
        self.y += 2

    def section(self, section: Section, rule: bool, header_size: float) -> None:
        self.header(section.header, rule, header_size)
        for line in section.lines:
            self.line(line)


def render(plan: Plan, *, two_column: bool) -> bytes:
    style = plan.style
    fonts = SERIF if style.serif else SANS
    canvas = Canvas()
    if two_column:
        return _two_column(plan, canvas, fonts)
    flow = Flow(canvas, 54, PAGE_WIDTH - 54, fonts, 10, style.bullet)
    centered = style.serif
    for text, font, size in _masthead(plan, fonts):
        if centered:
            for part in _wrap(text, font, size, flow.right - flow.left):
                flow.y += size * 1.3
                x = (PAGE_WIDTH - text_width(part, font, size)) / 2
                canvas.text(0, x, flow.y, part, font, size)
        else:
            flow.paragraph(text, font, size)
        flow.y += 2
    for section in plan.sections:
        flow.section(section, style.header_rule, 12)
    return canvas.to_pdf()


def _masthead(plan: Plan, fonts: dict[str, str]) -> list[tuple[str, str, float]]:
    rows = [(plan.name, fonts["bold"], 22.0)]
    if plan.title:
        rows.append((plan.title, fonts["regular"], 12.0))
    rows.append((plan.style.contact_separator.join(plan.contact), fonts["regular"], 9.5))
    return rows


def _two_column(plan: Plan, canvas: Canvas, fonts: dict[str, str]) -> bytes:
    style = plan.style
    sidebar = Flow(canvas, 28, 188, fonts, 9, style.bullet)
    main = Flow(canvas, 228, PAGE_WIDTH - 40, fonts, 10, style.bullet)
    main.paragraph(plan.name, fonts["bold"], 22)
    if plan.title:
        main.paragraph(plan.title, fonts["regular"], 12, gray=0.3)
    # The sidebar starts below the name: text on the name's baseline would be merged
    # with it into one line by PDF text extraction.
    sidebar.y = main.y
    contact = "CONTACT" if style.header_case == "upper" else "Contact"
    sidebar.header(contact, style.header_rule, 11)
    width = sidebar.right - sidebar.left
    for item in plan.contact:  # shrink a long e-mail address until it fits the sidebar
        size = min(8.5, max(6.5, 8.5 * width / text_width(item, fonts["regular"], 8.5)))
        sidebar.paragraph(item, fonts["regular"], size)
        sidebar.y += 2
    for section in plan.sections:
        flow = sidebar if section.key in SIDEBAR_SECTIONS else main
        flow.section(section, style.header_rule, 11 if flow is sidebar else 12)
    shade = b"0.925 g 0 0 210 %.2f re f" % PAGE_HEIGHT
    return canvas.to_pdf(background=[shade])
