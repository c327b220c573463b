"""Resume files made in code for the extraction and parsing tests: PDFs (PyMuPDF),
DOCX (python-docx, with raw XML where it has no API: text boxes, hidden runs), text in
several encodings, and the broken files the bad-input tests need."""

from __future__ import annotations

import functools
import io
import zipfile
from dataclasses import dataclass, field

import docx
import pymupdf
from docx.oxml import parse_xml
from docx.shared import Pt, RGBColor

RESUME_LINES = [
    ("Jane Doe", 20, True),
    ("jane.doe@example.com | +1 (555) 010-2030 | Austin, TX", 10, False),
    ("EXPERIENCE", 13, True),
    ("Senior Data Engineer\tJan 2020 - Present", 11, True),
    ("Acme Analytics Inc., Austin, TX", 10, False),
    ("• Built streaming pipelines in Python and Kafka for 40 teams", 10, False),
    ("• Cut warehouse costs by 30% with Snowflake clustering", 10, False),
    ("Data Engineer\tJun 2016 - Dec 2019", 11, True),
    ("Globex Corporation, Denver, CO", 10, False),
    ("• Maintained Airflow DAGs and PostgreSQL schemas", 10, False),
    ("EDUCATION", 13, True),
    ("B.S. in Computer Science, University of Texas\t2012 - 2016", 10, False),
    ("SKILLS", 13, True),
    ("Python, SQL, Kafka, Airflow, Snowflake, k8s", 10, False),
]


@dataclass
class PdfText:
    """One piece of text to draw on a PDF page."""

    text: str
    x: float = 72
    y: float = 72
    size: float = 11
    bold: bool = False
    color: tuple[float, float, float] = (0, 0, 0)
    render_mode: int = 0
    page: int = 0


@dataclass
class PdfSpec:
    texts: list[PdfText] = field(default_factory=list)
    pages: int = 1
    rects: list[tuple[tuple[float, float, float, float], tuple[float, float, float]]] = field(
        default_factory=list
    )  # filled rectangles drawn first: (rect, colour)
    images: list[tuple[float, float, float, float]] = field(default_factory=list)


def make_pdf(spec: PdfSpec, *, encrypt_with: str | None = None) -> bytes:
    document = pymupdf.open()
    for _ in range(spec.pages):
        document.new_page(width=612, height=792)
    first = document[0]
    for rect, colour in spec.rects:
        first.draw_rect(pymupdf.Rect(rect), color=colour, fill=colour)
    for rect in spec.images:
        first.insert_image(pymupdf.Rect(rect), stream=png_bytes())
    for item in spec.texts:
        page = document[item.page]
        fontname = "hebo" if item.bold else "helv"
        if not item.text.isascii():  # the base-14 fonts only know Latin-1-ish glyphs
            page.insert_font(fontname="uni", fontbuffer=_unicode_font())
            fontname = "uni"
        page.insert_text(
            (item.x, item.y),
            item.text,
            fontsize=item.size,
            fontname=fontname,
            color=item.color,
            render_mode=item.render_mode,
        )
    if encrypt_with:
        return document.tobytes(
            encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw=encrypt_with, owner_pw=encrypt_with
        )
    return document.tobytes()


@functools.cache
def _unicode_font() -> bytes:
    return pymupdf.Font("cjk").buffer  # shipped with PyMuPDF, covers ligatures and symbols


def resume_pdf(extra: list[PdfText] | None = None, encrypt_with: str | None = None,
               **spec) -> bytes:
    """A one-column resume (RESUME_LINES), plus ``extra`` texts."""
    texts = []
    y = 60.0
    for text, size, bold in RESUME_LINES:
        y += size + 8
        if "\t" in text:
            left, right = text.split("\t")
            texts.append(PdfText(left, 72, y, size, bold))
            texts.append(PdfText(right, 430, y, size, False))
        else:
            texts.append(PdfText(text, 72, y, size, bold))
    return make_pdf(PdfSpec(texts=texts + (extra or []), **spec), encrypt_with=encrypt_with)


def two_column_pdf() -> bytes:
    """A sidebar (contact, skills, education) left of the main column (summary,
    experience), both starting under a name that spans the page."""
    texts = [PdfText("Maria Lopez", 72, 60, 22, True)]
    left = ["CONTACT", "maria@example.com", "+44 20 7946 0958", "London, UK", "SKILLS",
            "Python", "Pandas", "Tableau", "SQL", "EDUCATION", "MSc Statistics",
            "University of Leeds", "2015 - 2016"]
    right = ["SUMMARY", "Analyst with eight years of experience turning data into",
             "decisions for retail and banking clients across Europe.", "EXPERIENCE",
             "Lead Data Analyst\t2019 - Present", "Monzo Bank, London",
             "• Built the churn dashboard used by every product squad weekly",
             "• Automated monthly reporting, saving two days of analyst time",
             "Data Analyst\t2016 - 2019", "Tesco PLC, London",
             "• Forecast store demand with gradient boosting models in Python"]
    for index, text in enumerate(left):
        texts.append(PdfText(text, 40, 110 + index * 18, 10, text.isupper()))
    for index, text in enumerate(right):
        y = 110 + index * 18
        if "\t" in text:
            title, dates = text.split("\t")
            texts += [PdfText(title, 220, y, 10, True), PdfText(dates, 480, y, 10)]
        else:
            texts.append(PdfText(text, 220, y, 10, text.isupper()))
    return make_pdf(PdfSpec(texts=texts))


def png_bytes(width: int = 40, height: int = 40) -> bytes:
    pixmap = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, width, height), False)
    pixmap.set_rect(pixmap.irect, (90, 90, 90))
    return pixmap.tobytes("png")


def image_only_pdf(pages: int = 1) -> bytes:
    """A "scanned" resume: each page one picture, no text."""
    document = pymupdf.open()
    for _ in range(pages):
        page = document.new_page(width=612, height=792)
        page.insert_image(page.rect, stream=png_bytes(200, 260))
    return document.tobytes()


def pdf_with_content(extra: bytes) -> bytes:
    """A one-page PDF whose content stream ends with ``extra`` raw operators (hostile
    streams: millions of tiny text operators, runs that inflate to gigabytes)."""
    document = pymupdf.open()
    page = document.new_page()
    page.insert_text((72, 72), "Jane Doe, data engineer", fontsize=11)
    xref = page.get_contents()[0]
    document.update_stream(xref, document.xref_stream(xref) + b"\n" + extra)
    return document.tobytes(deflate=True)


# --- DOCX ----------------------------------------------------------------------------


def docx_bytes(build) -> bytes:
    """A DOCX made by ``build(document)``."""
    document = docx.Document()
    build(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def resume_docx(table: bool = False) -> bytes:
    def build(document) -> None:
        heading = document.add_paragraph()
        run = heading.add_run("Jane Doe")
        run.bold = True
        run.font.size = Pt(20)
        document.add_paragraph("jane.doe@example.com | +1 (555) 010-2030 | Austin, TX")
        if table:
            grid = document.add_table(rows=2, cols=2)
            left, right = grid.rows[0].cells
            left.text = "SKILLS"
            left.add_paragraph("Python")
            left.add_paragraph("Kafka")
            right.text = "EXPERIENCE"
            right.add_paragraph("Senior Data Engineer\tJan 2020 - Present")
            right.add_paragraph("Acme Analytics Inc., Austin, TX")
            right.add_paragraph("• Built streaming pipelines in Python and Kafka")
            row = grid.rows[1].cells
            row[0].text = "B.S. Computer Science"
            row[1].text = "University of Texas"
            return
        for text, _size, bold in RESUME_LINES[2:]:
            paragraph = document.add_paragraph()
            if text.startswith("• "):
                paragraph.style = document.styles["List Bullet"]
                text = text[2:]
            run = paragraph.add_run(text)
            run.bold = bold

    return docx_bytes(build)


_NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
}


def add_text_box(document, text: str) -> None:
    """A DrawingML text box (with Word's VML fallback copy) anchored in a paragraph."""
    namespaces = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in _NAMESPACES.items())
    xml = f"""
<w:r {namespaces}>
 <mc:AlternateContent>
  <mc:Choice Requires="wps">
   <w:drawing><wp:inline><wp:extent cx="1" cy="1"/><wp:docPr id="7" name="box"/>
    <a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">
     <wps:wsp><wps:txbx><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp>
    </a:graphicData></a:graphic></wp:inline></w:drawing>
  </mc:Choice>
  <mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>
 </mc:AlternateContent>
</w:r>"""
    paragraph = document.add_paragraph("Anchor paragraph")
    paragraph._p.append(parse_xml(xml))


def hidden_run(paragraph, text: str, *, vanish=False, white=False, tiny=False) -> None:
    run = paragraph.add_run(text)
    if vanish:
        run.font.hidden = True
    if white:
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    if tiny:
        run.font.size = Pt(1)


# --- broken files --------------------------------------------------------------------


def zip_bomb(unpacked: int = 20_000_000) -> bytes:
    """A DOCX-shaped zip whose document part unpacks to ``unpacked`` bytes of zeros."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", b"\0" * unpacked)
    return out.getvalue()


def legacy_doc() -> bytes:
    """The start of an OLE2 compound file, as Word 97-2003 .doc files are."""
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + b"WordDocument" + b"\0" * 2000
