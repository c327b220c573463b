"""Draw a resume plan as a DOCX with python-docx: headings and list paragraphs, or a
two-column table with the contact details in the page header (as many Word templates do).
"""

from __future__ import annotations

import functools
import io

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from demo.render import SIDEBAR_SECTIONS, Line, Plan, Section


# Styles the layouts use; the rest of python-docx's default template is dropped.
_STYLE_NAMES = {"Normal", "Title", "heading 1", "List Bullet", "Default Paragraph Font",
                "Normal Table", "No List", "header", "footer", "Table Grid"}
# Parts Word does not need: together they are most of the bytes of a default document.
_DROPPED_PARTS = ("stylesWithEffects", "customXml", "webSettings", "thumbnail")


@functools.cache
def _template() -> bytes:
    """python-docx's default document trimmed to what we use.

    Its styles parts are ~800 kB of XML that every save re-serialises and compresses;
    trimmed, a document opens and saves in ~1.5 ms instead of ~13 ms.
    """
    document = docx.Document()
    for rels in (document.part.rels, document.part.package.rels):
        for rel_id, rel in list(rels.items()):
            if any(name in rel.reltype for name in _DROPPED_PARTS):
                del rels[rel_id]
    styles = document.styles.element
    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    wanted = [i for i, s in by_id.items() if s.find(qn("w:name")).get(qn("w:val")) in _STYLE_NAMES]
    keep: set[str] = set()
    while wanted:  # keep the styles the wanted ones are based on or linked to
        style_id = wanted.pop()
        if style_id in keep or style_id not in by_id:
            continue
        keep.add(style_id)
        for tag in ("w:basedOn", "w:link", "w:next"):
            ref = by_id[style_id].find(qn(tag))
            if ref is not None:
                wanted.append(ref.get(qn("w:val")))
    for style_id, element in by_id.items():
        if style_id not in keep:
            styles.remove(element)
    styles.remove(styles.find(qn("w:latentStyles")))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def render(plan: Plan, *, table: bool) -> bytes:
    document = docx.Document(io.BytesIO(_template()))
    font = document.styles["Normal"].font
    font.name = "Georgia" if plan.style.serif else "Calibri"
    font.size = Pt(10.5)
    if table:
        _table_layout(document, plan)
    else:
        _paragraph_layout(document, plan)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _name(document: Document | _Cell, plan: Plan) -> None:
    run = document.add_paragraph().add_run(plan.name)
    run.bold = True
    run.font.size = Pt(22)
    if plan.title:
        document.add_paragraph(plan.title)


def _paragraph_layout(document: Document, plan: Plan) -> None:
    style = plan.style
    if style.serif:
        document.add_paragraph(plan.name, style="Title")
        if plan.title:
            document.add_paragraph(plan.title)
    else:
        _name(document, plan)
    document.add_paragraph(style.contact_separator.join(plan.contact))
    for section in plan.sections:
        if style.header_rule:  # a real Word heading (style "Heading 1")
            document.add_heading(section.header, level=1)
        else:  # a bold capitalised paragraph: only its look says it is a header
            run = document.add_paragraph().add_run(section.header.upper())
            run.bold = True
            run.font.size = Pt(12)
        _lines(document, section, plan)


def _lines(container: Document | _Cell, section: Section, plan: Plan) -> None:
    for line in section.lines:
        _line(container, line, plan)


def _line(container: Document | _Cell, line: Line, plan: Plan) -> Paragraph:
    glyph = plan.style.bullet
    if line.bullet and glyph == "•":  # a Word list: the glyph is numbering, not text
        paragraph = container.add_paragraph(style="List Bullet")
    else:
        paragraph = container.add_paragraph()
        if line.bullet:
            paragraph.add_run(f"{glyph} ")
    run = paragraph.add_run(line.text)
    if line.bold:  # set only when true: False would still write <w:b w:val="0"/>
        run.bold = True
    if line.italic:
        run.italic = True
    if line.right:
        paragraph.add_run(f"\t{line.right}")
    if line.gap_before:
        paragraph.paragraph_format.space_before = Pt(6)
    return paragraph


def _table_layout(document: Document, plan: Plan) -> None:
    style = plan.style
    header = document.sections[0].header.paragraphs[0]
    header.text = style.contact_separator.join(plan.contact)
    _name(document, plan)
    if style.header_rule:
        _sidebar_table(document, plan)
    else:
        _section_rows_table(document, plan)


def _cell_header(cell: _Cell, text: str) -> None:
    run = cell.add_paragraph().add_run(text)
    run.bold = True
    run.font.size = Pt(12)


def _sidebar_table(document: Document, plan: Plan) -> None:
    """One row: a narrow left cell (skills, education...) and a wide right cell."""
    table = document.add_table(rows=1, cols=2)
    left, right = table.rows[0].cells
    left.width, right.width = docx.shared.Inches(2.2), docx.shared.Inches(4.8)
    for section in plan.sections:
        cell = left if section.key in SIDEBAR_SECTIONS else right
        _cell_header(cell, section.header)
        _lines(cell, section, plan)


def _section_rows_table(document: Document, plan: Plan) -> None:
    """One row per section: the header on the left, its content on the right."""
    table = document.add_table(rows=len(plan.sections), cols=2)
    for row, section in zip(table.rows, plan.sections):
        left, right = row.cells
        left.paragraphs[0].add_run(section.header).bold = True
        _lines(right, section, plan)
