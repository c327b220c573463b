"""Resume bytes to text: format detection, extraction, hidden text, a quality verdict.

``extract_document`` takes the bytes a candidate database holds (PDF, DOCX or plain
text in any common encoding) and returns a ``Document``: the text in reading order, one
``TextLine`` per visual line with style hints (bold, size, caps, heading style), counts,
layout, a text-quality verdict and flags for hidden text. Anything it cannot read raises
``TailorError`` with a stable code and a one-line message a recruiter understands.

The quality verdict is not an error here: a scanned PDF is a valid document with no text
layer. ``engine.parse.parser.parse_document`` refuses a document whose quality is not "ok".
"""

from __future__ import annotations

import codecs
import math
import re
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Literal

from engine.errors import TailorError
from engine.extract.hidden_text import HiddenText, hidden_text_flags, strip_invisible_characters
from engine.resume import Flag
from engine.extract.lines import (
    FIELD_BREAK,
    TextLine,
    clean_line,
    join_hyphenated,
    numbered_as_bullets,
)

__all__ = ["Document", "ExtractLimits", "TextLine", "extract_document", "sniff_format"]

Format = Literal["pdf", "docx", "text"]
Layout = Literal["one_column", "two_column"]
Quality = Literal["ok", "no_text_layer", "garbled", "too_short"]

MIN_CHARS = 150  # fewer visible characters than this is not a usable resume
CHARS_PER_PAGE = 4000  # to estimate pages of a text file
FLAT_LINE = 400  # a text's average line longer than this had its line breaks flattened

REPAIRED_MESSAGE = "This PDF was damaged and has been repaired; some text may be missing."
QUALITY_MESSAGES = {
    "no_text_layer": "This PDF is a scanned image with no text; it needs OCR.",
    "no_text_layer_docx": "This Word file holds only a picture of the resume, no text; "
    "it needs OCR.",
    "garbled": "The text in this file is unreadable (broken font encoding); "
    "ask for another export.",
    "too_short": "This file holds too little text to be a resume.",
}


@dataclass(frozen=True)
class ExtractLimits:
    """What a resume file may cost to read. Defaults match settings.py's defaults."""

    max_bytes: int = 10 * 1024 * 1024
    max_pages: int = 30
    max_zip_entries: int = 2000
    max_unpacked_bytes: int = 200 * 1024 * 1024
    max_zip_ratio: float = 200.0  # per entry over 1 MB; real DOCX parts stay under ~30
    # word/document.xml is parsed whole by lxml: its size bounds that cost. A 30-page
    # resume with heavy formatting stays under ~5 MB.
    max_document_xml_bytes: int = 16 * 1024 * 1024

    @classmethod
    def from_settings(cls, settings) -> ExtractLimits:
        """From anything with ``max_resume_bytes`` and ``max_pages`` (settings.Settings)."""
        return cls(max_bytes=settings.max_resume_bytes, max_pages=settings.max_pages)


@dataclass
class Document:
    text: str
    format: Format
    pages: int
    chars: int
    layout: Layout
    quality: Quality
    flags: list[Flag] = field(default_factory=list)
    lines: list[TextLine] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)  # link targets behind the text

    @property
    def hidden_text(self) -> list[Flag]:
        return [f for f in self.flags if f.code.startswith("hidden_text_")]


# --- format detection ---------------------------------------------------------------

_KIND_NAMES = {
    "pdf": "a PDF",
    "docx": "a Word (DOCX) document",
    "doc": "an old Word (.doc) document",
    "text": "plain text",
    "rtf": "an RTF document",
    "odt": "an OpenDocument text",
    "image": "an image",
    "html": "a web page (HTML)",
}
_DECLARED = {
    "pdf": "pdf", "application/pdf": "pdf",
    "docx": "docx",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "doc": "doc", "application/msword": "doc", "dot": "doc",
    "text": "text", "txt": "text", "text/plain": "text", "md": "text", "plain": "text",
    "rtf": "rtf", "application/rtf": "rtf", "text/rtf": "rtf",
    "odt": "odt", "application/vnd.oasis.opendocument.text": "odt",
    "html": "html", "htm": "html", "text/html": "html",
    "png": "image", "jpg": "image", "jpeg": "image", "gif": "image", "tif": "image",
    "tiff": "image", "bmp": "image", "webp": "image",
}
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*",
                b"BM", b"RIFF")


def sniff_format(data: bytes) -> str:
    """What the bytes are: pdf, docx, odt, doc, rtf, image, html or text (the rest)."""
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "odt" if b"opendocument" in data[:200] else "docx"
    if data.startswith(_OLE_MAGIC):
        return "doc"
    if data.lstrip()[:5] == b"{\\rtf":
        return "rtf"
    if data.startswith(_IMAGE_MAGIC) and not (data.startswith(b"RIFF") and data[8:12] != b"WEBP"):
        return "image"
    if re.match(rb"\s*(?:<!doctype html|<html)", data[:200], re.IGNORECASE):
        return "html"
    return "text"


def declared_kind(filename: str | None, declared_format: str | None) -> str | None:
    """The kind the caller says the file is: its stored format first, else its name.
    Values that say nothing ("application/octet-stream", "bin", no extension) are None:
    the bytes decide."""
    for value in (declared_format, PurePath(filename).suffix if filename else None):
        if value:
            key = value.strip().lower().lstrip(".")
            if key in _DECLARED:
                return _DECLARED[key]
    return None


# --- extraction ---------------------------------------------------------------------


def extract_document(
    data: bytes,
    *,
    filename: str | None = None,
    declared_format: str | None = None,
    limits: ExtractLimits = ExtractLimits(),
) -> Document:
    """The text of a resume file and what is known about it; TailorError when unreadable."""
    if not data:
        raise TailorError("empty_file", "The resume file is empty.")
    if len(data) > limits.max_bytes:
        raise TailorError(
            "file_too_large",
            f"The resume file is {_megabytes(len(data))}; the limit is "
            f"{_megabytes(limits.max_bytes)}.",
        )
    actual = sniff_format(data)
    expected = declared_kind(filename, declared_format)
    if expected is not None and expected != actual:
        # A text file may hold anything printable; it is only wrong when it is binary.
        if not (expected == "text" and actual == "text"):
            said = "named" if not declared_format else "stored as"
            raise TailorError(
                "format_mismatch",
                f"The file is {said} {_KIND_NAMES[expected]} but is actually "
                f"{_KIND_NAMES[actual]}.",
            )
    if actual == "pdf":
        return _pdf_document(data, limits)
    if actual == "docx":
        return _docx_document(data, limits)
    if actual == "doc":
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise TailorError(
                "encrypted_docx", "This Word file is password-protected; ask for an "
                "unprotected copy."
            )
        raise TailorError(
            "legacy_doc",
            "This is an old Word .doc file; save it as DOCX or PDF and upload it again.",
        )
    if actual == "image":
        raise TailorError(
            "unsupported_format", "This is an image, not a document; it needs OCR."
        )
    if actual in ("rtf", "odt", "html"):
        raise TailorError(
            "unsupported_format",
            f"This is {_KIND_NAMES[actual]}; save it as DOCX or PDF and upload it again.",
        )
    document = _text_document(data)
    if document.pages > limits.max_pages:  # checked before the parse, like PDF and DOCX
        raise TailorError("too_many_pages", f"This resume has about {document.pages} pages "
                          f"of text; the limit is {limits.max_pages}.")
    return document


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _pdf_document(data: bytes, limits: ExtractLimits) -> Document:
    from engine.extract.pdf import read_pdf  # deferred: PyMuPDF loads with the first PDF

    pdf = read_pdf(data, max_pages=limits.max_pages)
    lines = numbered_as_bullets(join_hyphenated(pdf.lines))
    text = "\n".join(line.text for line in lines)
    quality = text_quality(text, unmapped=pdf.unmapped)
    if quality == "too_short" and (pdf.pages_with_images or pdf.pages_with_drawings):
        quality = "no_text_layer"  # pages of pictures (scans, or text turned into outlines)
    if pdf.repaired and quality in ("too_short", "garbled"):
        raise TailorError("corrupt_pdf", "This PDF is damaged or incomplete and cannot be read.")
    document = _document(text, "pdf", pdf.pages, pdf.two_column_pages > 0, quality, lines,
                         pdf.hidden, pdf.urls)
    if pdf.repaired:  # readable after all: parse it, but say some text may be missing
        document.flags.append(Flag(code="repaired_pdf", message=REPAIRED_MESSAGE))
    return document


def _docx_document(data: bytes, limits: ExtractLimits) -> Document:
    from engine.extract.docx import ZipLimits, read_docx  # deferred: python-docx, first DOCX

    zip_limits = ZipLimits(limits.max_zip_entries, limits.max_unpacked_bytes,
                           limits.max_zip_ratio, limits.max_document_xml_bytes)
    result = read_docx(data, zip_limits)
    lines = numbered_as_bullets(join_hyphenated(result.lines))
    text = "\n".join(line.text for line in lines)
    # Word's own count (docProps/app.xml) goes stale or is made up by converters.
    estimate = _estimated_pages(text)
    pages = result.pages if result.pages and result.pages <= 3 * estimate + 2 else estimate
    if max(pages, estimate) > limits.max_pages:  # a stale small count must not let it in
        raise TailorError("too_many_pages", f"This resume has {max(pages, estimate)} pages; "
                          f"the limit is {limits.max_pages}.")
    quality = text_quality(text)
    if quality == "too_short" and result.has_images:
        quality = "no_text_layer"
    return _document(text, "docx", pages, result.two_column, quality, lines,
                     result.hidden, result.urls)


# UTF-8 bytes written out as their escapes ("\\xe2\\x80\\x94" for "—"), as a byte string's
# repr stored in a text column leaves them.
_ESCAPED_UTF8 = re.compile(r"(?:\\x[0-9a-fA-F]{2})+")


def _unescaped(match: re.Match) -> str:
    raw = bytes.fromhex(match.group().replace("\\x", ""))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return match.group()


def _text_document(data: bytes) -> Document:
    decoded = _ESCAPED_UTF8.sub(_unescaped, decode_text(data))
    decoded, hidden = strip_invisible_characters(decoded)
    if "  " in decoded:
        # Lines whose breaks were flattened into runs of spaces (copied out of a PDF
        # into a database field): in a line far longer than any real one, the runs
        # were the breaks.
        decoded = "\n".join(re.sub(r" {2,}", "\n", line) if len(line) > FLAT_LINE else line
                            for line in decoded.split("\n"))
    lines: list[TextLine] = []
    blank_before = True
    for raw in decoded.splitlines():
        # Spaces that push a date or place to the right stand for a tab stop.
        text = clean_line(_ALIGNMENT.sub(FIELD_BREAK, raw))
        if not text:
            blank_before = True
            continue
        lines.append(TextLine(text=text, new_block=blank_before))
        blank_before = False
    lines = numbered_as_bullets(join_hyphenated(lines))
    text = "\n".join(line.text for line in lines)
    return _document(text, "text", _estimated_pages(text), False, text_quality(text), lines,
                     hidden, [])


def _document(
    text: str, fmt: Format, pages: int, two_column: bool, quality: Quality,
    lines: list[TextLine], hidden: list[HiddenText], urls: list[str],
) -> Document:
    flags = hidden_text_flags(hidden)
    if quality != "ok":
        key = f"{quality}_{fmt}" if f"{quality}_{fmt}" in QUALITY_MESSAGES else quality
        flags.append(Flag(code=quality, message=QUALITY_MESSAGES[key]))
    return Document(
        text=text,
        format=fmt,
        pages=pages,
        chars=len(text),
        layout="two_column" if two_column else "one_column",
        quality=quality,
        flags=flags,
        lines=lines,
        urls=urls,
    )


def _estimated_pages(text: str) -> int:
    return max(1, math.ceil(len(text) / CHARS_PER_PAGE))


# --- plain text ---------------------------------------------------------------------

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_ALIGNMENT = re.compile(r"(?<=\S)[ \u00a0]{3,}(?=\S)")


def decode_text(data: bytes) -> str:
    """Bytes of a text file as str: a BOM, UTF-16 without one, UTF-8, else the best
    guess of charset-normalizer (cp1252, latin-1, Shift-JIS, ...). TailorError
    unknown_encoding when nothing gives readable text."""
    text = _decode(data)
    if text is None or len(_CONTROL.findall(text)) > 0.01 * max(len(text), 1):
        raise TailorError(
            "unknown_encoding",
            "The text file's character encoding could not be recognised; save it as UTF-8.",
        )
    return text


def _decode(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    sample = data[:4000]
    if sample.count(0) > len(sample) // 4:  # UTF-16 without a BOM: every other byte 0
        encoding = "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    western = _western(data)
    if western is not None:
        return western
    from charset_normalizer import from_bytes  # deferred: only text that is not UTF-8

    best = from_bytes(data).best()
    return None if best is None else str(best)


def _western(data: bytes) -> str | None:
    """``data`` as Windows-1252 when that reads as Western European text: accented
    letters inside mostly plain words. Short texts fool statistical detection, and this
    is the commonest non-UTF-8 encoding of resumes; Cyrillic or Greek bytes read this
    way are nearly all accented letters, and are refused."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    letters = [c for c in text if c.isalpha()]
    foreign = sum(1 for c in letters if not c.isascii())
    return text if letters and foreign <= 0.15 * len(letters) else None


# --- quality ------------------------------------------------------------------------

_VOWELS = set("aeiouyAEIOUY")
# Replacement characters, private-use code points and stray controls: what PyMuPDF
# yields for glyphs whose font has no usable Unicode mapping.
_BROKEN = re.compile("[\ufffd\ue000-\uf8ff\x00-\x08\x0e-\x1f\x7f-\x9f]")
_WORD = re.compile(r"[A-Za-z]{4,}")


def text_quality(text: str, unmapped: int = 0) -> Quality:
    """ok, garbled (broken font encoding: replacement characters, unassigned or private
    code points, or Latin "words" without vowels) or too_short. ``unmapped`` counts
    glyphs the extractor already dropped for having no Unicode mapping. A PDF's extractor
    turns too_short into no_text_layer when the pages hold pictures."""
    visible = len(text) - text.count(" ") - text.count("\n") - text.count("\t")
    if unmapped >= MIN_CHARS and unmapped > visible:
        return "garbled"
    if visible < MIN_CHARS:
        return "too_short"
    broken = unmapped + (0 if text.isascii() else len(_BROKEN.findall(text)))
    if broken > 0.05 * (visible + unmapped):
        return "garbled"
    words = _WORD.findall(text)
    if len(words) >= 20:
        without_vowel = sum(1 for w in words if not _VOWELS.intersection(w))
        if without_vowel > 0.3 * len(words):
            return "garbled"
    return "ok"
