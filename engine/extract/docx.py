"""DOCX to lines in reading order, with python-docx and its XML.

Read in document order: body paragraphs and tables (nested too), content controls,
text boxes (after the paragraph they are anchored to, once: the VML fallback copy Word
writes beside the DrawingML one is skipped), then headers and footers. A table row of
one-line cells, or of three cells or more of one or two short lines each, becomes one
line with the cells as fields; a row of cells holding whole paragraphs (a two-column
layout made with a table) is read cell by cell.

Runs marked hidden, coloured like their background or under 4 pt are left out and
reported; styles and list formats come from engine.extract.docx_styles. Before
python-docx touches the file the zip is checked against the limits (entries, unpacked
size, compression ratio), so a zip bomb is refused unread.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT

from engine.errors import TailorError
from engine.extract.hidden_text import (
    HiddenText,
    docx_run_hidden_kind,
    rgb_from_hex,
    strip_invisible_characters,
)
from engine.extract.docx_styles import (
    VAL,
    W,
    list_formats,
    list_kind,
    paragraph_styles,
    run_style,
)
from engine.extract.lines import BULLET, FIELD_BREAK, TextLine, clean_line

_W = W
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
P, TBL, TR, TC, R, T = (f"{_W}{n}" for n in ("p", "tbl", "tr", "tc", "r", "t"))
TXBX = f"{_W}txbxContent"
_SKIP = {f"{_W}{n}" for n in ("pPr", "rPr", "del", "instrText", "delText", "fldChar",
                               "proofErr", "bookmarkStart", "bookmarkEnd", "commentReference")}
_SKIP.add(f"{_MC}Fallback")
_CONTAINERS = {f"{_W}{n}" for n in ("sdt", "sdtContent", "customXml", "ins", "smartTag",
                                     "hyperlink", "fldSimple", "moveTo", "dir", "bdo")}
_CONTAINERS |= {f"{_MC}AlternateContent", f"{_MC}Choice"}


MAX_CELL_LINE = 60  # characters: a longer line in a cell is prose, no table field


def _is_fields_row(contents: list[list[TextLine]]) -> bool:
    """A row of a table of fields (three cells or more, each of one or two short lines:
    "University/" over "Board"), which reads as one line like a row of one-line cells;
    a table holding a layout (a sidebar beside the body) has longer cells."""
    return len(contents) >= 3 and all(
        len(lines) <= 2 and all(len(l.text) <= MAX_CELL_LINE for l in lines)
        for lines in contents)


@dataclass
class DocxText:
    lines: list[TextLine]
    urls: list[str] = field(default_factory=list)
    two_column: bool = False
    pages: int | None = None  # as Word last counted them (docProps/app.xml)
    has_images: bool = False
    hidden: list[HiddenText] = field(default_factory=list)


@dataclass(frozen=True)
class ZipLimits:
    max_entries: int
    max_unpacked_bytes: int
    max_ratio: float
    max_document_xml_bytes: int = 16 * 1024 * 1024


def check_zip(data: bytes, limits: ZipLimits) -> zipfile.ZipFile:
    """The open zip if it is a plausible Word document within the limits."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except Exception:  # zipfile raises BadZipFile, OSError, NotImplementedError, ...
        raise TailorError(
            "corrupt_docx", "This Word file is damaged (not a valid DOCX archive)."
        )
    unpacked = sum(e.file_size for e in entries)
    too_packed = any(
        e.file_size > 1_000_000 and e.file_size > limits.max_ratio * max(e.compress_size, 1)
        for e in entries
    )
    if len(entries) > limits.max_entries or unpacked > limits.max_unpacked_bytes or too_packed:
        raise TailorError(
            "zip_bomb", "This Word file unpacks to an unreasonable size and was not opened."
        )
    names = {e.filename for e in entries}
    body = next((e for e in entries if e.filename == "word/document.xml"), None)
    if body is not None and body.file_size > limits.max_document_xml_bytes:
        # Checked on the zip's directory, before python-docx parses the part whole.
        raise TailorError(
            "resume_too_complex",
            f"This Word file's text part is {body.file_size / 1048576:.0f} MB; a resume's is "
            f"under {limits.max_document_xml_bytes / 1048576:.0f} MB.",
        )
    if "word/document.xml" not in names:
        if "content.xml" in names or "xl/workbook.xml" in names or "ppt/presentation.xml" in names:
            raise TailorError(
                "unsupported_format",
                "This is not a Word document (OpenDocument, Excel or PowerPoint); "
                "save it as DOCX or PDF.",
            )
        raise TailorError("corrupt_docx", "This Word file is damaged (its main text is missing).")
    return archive


def read_docx(data: bytes, limits: ZipLimits) -> DocxText:
    archive = check_zip(data, limits)
    try:
        document = docx.Document(io.BytesIO(data))
        result = _Reader(document).read()
        result.pages = _page_count(archive)
        result.has_images = any(n.startswith("word/media/") for n in archive.namelist())
        return result
    except TailorError:
        raise
    except Exception:  # python-docx and lxml raise many types for broken parts
        raise TailorError("corrupt_docx", "This Word file is damaged and cannot be read.")


@dataclass(slots=True)
class _Paragraph:
    text: str
    bold: bool
    size: float
    heading: bool


class _Reader:
    def __init__(self, document) -> None:
        self.document = document
        self.lines: list[TextLine] = []
        self.hidden: list[HiddenText] = []
        self.two_column = False
        self._backdrops: bool | None = None
        self.list_formats = list_formats(document)
        self.styles, self.doc_defaults = paragraph_styles(document, self.list_formats)
        self.default_style = next(
            (s for s in self.styles.values() if s.get("_default_paragraph")), {}
        )

    def may_have_backdrops(self) -> bool:
        """Whether shapes, floating pictures or a page colour may sit behind the text.
        Their position relative to a run is unknown, so a run's colour cannot be judged
        against them: white text on a dark banner is common and visible."""
        if self._backdrops is None:
            root = self.document.element
            self._backdrops = (
                root.find(f"{_W}background") is not None
                or next(root.iter(f"{_W}pict", f"{_WP}anchor"), None) is not None
            )
        return self._backdrops

    # --- walking ------------------------------------------------------------------
    def read(self) -> DocxText:
        headers: list[TextLine] = []
        footers: list[TextLine] = []
        urls: list[str] = []
        part = self.document.part
        for rel in part.rels.values():
            if rel.reltype == RT.HYPERLINK and rel.is_external:
                urls.append(rel.target_ref)
        for rel in part.rels.values():
            if rel.reltype in (RT.HEADER, RT.FOOTER):
                self.lines = []
                self._blocks(rel.target_part.element, shading=None)
                (headers if rel.reltype == RT.HEADER else footers).extend(self.lines)
        self.lines = []
        self._blocks(self.document.element.body, shading=None)
        body = self.lines
        seen = {line.text for line in body}
        extra_head = _unique(headers, seen)
        extra_foot = _unique(footers, seen)
        return DocxText(
            lines=extra_head + body + extra_foot,
            urls=list(dict.fromkeys(urls)),
            two_column=self.two_column,
            hidden=self.hidden,
        )

    def _blocks(self, parent, shading: str | None) -> None:
        for child in parent:
            tag = child.tag
            if tag == P:
                self._paragraph(child, shading)
            elif tag == TBL:
                self._table(child, shading)
            elif tag in _CONTAINERS:
                self._blocks(child, shading)

    def _table(self, table, shading: str | None) -> None:
        for row in table.iter(TR):
            if row.getparent() is not table:
                continue  # a nested table's rows: read through their cell
            cells = [c for c in row if c.tag == TC]
            contents = [self._cell_lines(cell, shading) for cell in cells]
            contents = [c for c in contents if c]
            if not contents:
                continue
            if all(len(lines) == 1 for lines in contents) or _is_fields_row(contents):
                line = contents[0][0]
                line.text = FIELD_BREAK.join(" ".join(l.text for l in c) for c in contents)
                line.bold = all(l.bold for c in contents for l in c)
                self.lines.append(line)
            else:
                if sum(len(lines) >= 3 for lines in contents) >= 2:
                    self.two_column = True
                for lines in contents:
                    self.lines.extend(lines)

    def _cell_lines(self, cell, shading: str | None) -> list[TextLine]:
        tcpr = cell.find(f"{_W}tcPr")
        shd = tcpr.find(f"{_W}shd") if tcpr is not None else None
        cell_shading = shd.get(f"{_W}fill") if shd is not None else shading
        outer = self.lines
        self.lines = []
        self._blocks(cell, cell_shading)
        lines, self.lines = self.lines, outer
        return lines

    def _paragraph(self, paragraph, shading: str | None) -> None:
        ppr = paragraph.find(f"{_W}pPr")
        style_values = self.default_style
        listed = None
        if ppr is not None:
            pstyle = ppr.find(f"{_W}pStyle")
            if pstyle is not None:
                style_values = self.styles.get(pstyle.get(VAL), self.default_style)
            listed = list_kind(ppr, self.list_formats)
            shd = ppr.find(f"{_W}shd")
            if shd is not None and shd.get(f"{_W}fill") not in (None, "auto"):
                shading = shd.get(f"{_W}fill")
        listed = listed or style_values.get("listed")
        base = {**self.doc_defaults, **{k: v for k, v in style_values.items() if v is not None}}
        pieces: list[str] = []
        runs: list[tuple[int, bool, float]] = []  # (chars, bold, size)
        text_boxes: list = []
        self._inline(paragraph, base, shading, pieces, runs, text_boxes)
        raw = "".join(pieces)
        texts = raw.split("\n")
        chars = sum(n for n, _, _ in runs) or 1
        bold = sum(n for n, b, _ in runs if b) >= 0.6 * chars and bool(runs)
        size = max(runs, key=lambda r: r[0])[2] if runs else (base.get("size") or 0.0)
        first = True
        for text in texts:
            text = clean_line(text)
            if not text or text == BULLET:
                continue
            # A bulleted item gets its glyph; a numbered one too, unless it is bold (a
            # numbered heading: "1. Education").
            if listed and first and not text.startswith(BULLET) and (
                listed == "bullet" or not bold
            ):
                text = f"{BULLET} {text}"
            self.lines.append(
                TextLine(
                    text=text,
                    size=size or 0.0,
                    bold=bold,
                    heading_style=bool(style_values.get("heading")),
                    new_block=first,
                )
            )
            first = False
        for box in text_boxes:
            self._blocks(box, shading)

    def _inline(self, element, base: dict, shading, pieces, runs, text_boxes) -> None:
        for child in element:
            tag = child.tag
            if tag == R:
                self._run(child, base, shading, pieces, runs, text_boxes)
            elif tag == TXBX:
                text_boxes.append(child)
            elif tag in _CONTAINERS:
                self._inline(child, base, shading, pieces, runs, text_boxes)

    def _run(self, run, base: dict, shading, pieces, runs, text_boxes) -> None:
        rpr = run.find(f"{_W}rPr")
        values = dict(base)
        if rpr is not None:
            rstyle = rpr.find(f"{_W}rStyle")
            if rstyle is not None:
                values.update(
                    {k: v for k, v in self.styles.get(rstyle.get(VAL), {}).items()
                     if k in ("bold", "size", "colour", "vanish") and v is not None}
                )
            values.update(run_style(rpr))
        text_parts: list[str] = []
        _run_text(run, text_parts, text_boxes)
        text = "".join(text_parts)
        if not text:
            return
        text, invisible = strip_invisible_characters(text)
        self.hidden.extend(invisible)
        background = values.get("shading") or values.get("highlight") or shading
        colour = values.get("colour")
        if colour and not background and self.may_have_backdrops():
            colour = None
        kind = docx_run_hidden_kind(
            bool(values.get("vanish")),
            values.get("size"),
            rgb_from_hex(colour) if colour and colour != "auto" else None,
            rgb_from_hex(background) if background and background != "auto" else None,
        )
        if kind is not None and text.strip():
            self.hidden.append(HiddenText(kind, text))
            return
        pieces.append(text)
        visible = len(text.strip())
        if visible:
            runs.append((visible, bool(values.get("bold")), float(values.get("size") or 0)))


def _run_text(element, parts: list[str], text_boxes: list) -> None:
    """The text of a run; text boxes anchored in it are set aside to be read after
    their paragraph (and Word's duplicate fallback copy skipped)."""
    for child in element:
        tag = child.tag
        if tag == T:
            parts.append(child.text or "")
        elif tag == f"{_W}tab":
            parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        elif tag == f"{_W}sym":
            try:
                parts.append(chr(int(child.get(f"{_W}char"), 16)))
            except (TypeError, ValueError):
                pass
        elif tag == TXBX:
            text_boxes.append(child)
        elif tag not in _SKIP:
            _run_text(child, parts, text_boxes)


def _page_count(archive: zipfile.ZipFile) -> int | None:
    try:
        match = re.search(rb"<Pages>(\d+)</Pages>", archive.read("docProps/app.xml"))
    except Exception:  # missing or unreadable: the count is only a hint
        return None
    return int(match.group(1)) if match and int(match.group(1)) > 0 else None


def _unique(lines: list[TextLine], seen: set[str]) -> list[TextLine]:
    kept = []
    for line in lines:
        if line.text not in seen:
            seen.add(line.text)
            kept.append(line)
    return kept
