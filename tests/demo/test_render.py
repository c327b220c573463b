import io
import re

import docx
import pymupdf
import pytest

from demo.people import make_person
from demo.render import LAYOUTS, file_format, layout_for, render_resume, resume_plan

PEOPLE = [make_person(i) for i in range(12)]


def pdf_text(data: bytes) -> str:
    with pymupdf.open(stream=data, filetype="pdf") as doc:
        return "\n".join(page.get_text() for page in doc)


def docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    parts += [p.text for table in document.tables for row in table.rows
              for cell in row.cells for p in cell.paragraphs]
    parts += [p.text for section in document.sections for p in section.header.paragraphs]
    return "\n".join(parts)


def extracted_text(data: bytes, layout: str) -> str:
    fmt = file_format(layout)
    text = pdf_text(data) if fmt == "pdf" else docx_text(data) if fmt == "docx" else data.decode()
    return " ".join(text.split())  # lines wrap differently in each layout


def test_file_format_and_layout_mix():
    assert [file_format(layout) for layout in LAYOUTS] == ["pdf", "pdf", "docx", "docx", "text"]
    with pytest.raises(ValueError):
        file_format("pdf_three_column")
    assert {layout_for(i) for i in range(10)} == set(LAYOUTS)
    assert [layout_for(i) for i in range(20)] == [layout_for(i) for i in range(20)]


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_file_opens_and_holds_the_person(layout):
    for person in PEOPLE:
        text = extracted_text(render_resume(person, layout), layout)
        assert person.name in text
        assert person.email in text
        for company in person.companies:
            assert company in text
        for skill in person.skills:
            assert skill in text
        for job in person.jobs:
            assert job.bullets[0] in text


@pytest.mark.parametrize("layout", ["pdf_one_column", "pdf_two_column", "text"])
def test_rendering_is_reproducible_byte_for_byte(layout):
    assert render_resume(PEOPLE[3], layout) == render_resume(PEOPLE[3], layout)


@pytest.mark.parametrize("layout", ["docx_paragraphs", "docx_table"])
def test_docx_rendering_is_reproducible(layout):
    # Zip entries carry the save time, so compare the documents' text instead of bytes.
    first, second = (docx_text(render_resume(PEOPLE[3], layout)) for _ in range(2))
    assert first == second


def test_layouts_vary_headers_dates_and_bullets():
    people = [make_person(i) for i in range(60)]
    plans = [resume_plan(p, layout_for(p.index)) for p in people]
    experience_headers = {s.header.lower() for plan in plans for s in plan.sections
                          if s.key == "experience"}
    skills_headers = {s.header.lower() for plan in plans for s in plan.sections
                      if s.key == "skills"}
    assert len(experience_headers) >= 5 and len(skills_headers) >= 4
    assert {plan.style.bullet for plan in plans} == {"•", "-", "*", "▪"}
    assert {plan.style.date_format for plan in plans} == {
        "Mon YYYY", "MM/YYYY", "YYYY-MM", "Month YYYY"}
    texts = [render_resume(p, "text").decode() for p in people[:30]]
    assert any(re.search(r"\b[A-Z][a-z]{2} 20\d\d\b", t) for t in texts)  # Jan 2020
    assert any(re.search(r"\b\d\d/20\d\d\b", t) for t in texts)  # 01/2020
    assert any(re.search(r"\b[A-Z][a-z]{3,} 20\d\d\b", t) for t in texts)  # January 2020


def test_two_column_pdf_has_a_sidebar_beside_the_main_column():
    with pymupdf.open(stream=render_resume(PEOPLE[0], "pdf_two_column"), filetype="pdf") as doc:
        blocks = [b for b in doc[0].get_text("blocks") if b[4].strip()]
    left = [b for b in blocks if b[2] < 215]
    right = [b for b in blocks if b[0] > 215]
    assert left and right and len(left) + len(right) == len(blocks)
    # side by side: the columns overlap vertically
    assert min(b[1] for b in left) < max(b[3] for b in right)
    assert min(b[1] for b in right) < max(b[3] for b in left)
    sidebar = " ".join(b[4] for b in left)
    assert PEOPLE[0].email in sidebar and PEOPLE[0].skills[0] in sidebar
    main = " ".join(" ".join(b[4].split()) for b in right)
    assert PEOPLE[0].companies[0] in main


def test_section_headers_are_bold_and_larger_in_pdfs():
    with pymupdf.open(stream=render_resume(PEOPLE[1], "pdf_one_column"), filetype="pdf") as doc:
        spans = [s for b in doc[0].get_text("dict")["blocks"] for line in b.get("lines", [])
                 for s in line["spans"]]
    plan = resume_plan(PEOPLE[1], "pdf_one_column")
    header = next(s for s in spans if s["text"] == plan.sections[0].header)
    body_size = max(set(s["size"] for s in spans), key=[s["size"] for s in spans].count)
    assert header["size"] > body_size
    assert "Bold" in header["font"]


def test_long_resumes_run_onto_more_pages():
    counts = set()
    for index in range(40):
        data = render_resume(make_person(index), "pdf_one_column")
        with pymupdf.open(stream=data, filetype="pdf") as doc:
            counts.add(doc.page_count)
    assert counts == {1, 2}


def test_docx_layouts_use_headings_lists_tables_and_the_page_header():
    styles, header_texts, tables = set(), [], 0
    for person in [make_person(i) for i in range(20)]:
        for layout in ("docx_paragraphs", "docx_table"):
            document = docx.Document(io.BytesIO(render_resume(person, layout)))
            styles |= {p.style.name for p in document.paragraphs}
            styles |= {p.style.name for t in document.tables for c in t._cells
                       for p in c.paragraphs}
            if layout == "docx_table":
                assert len(document.tables) == 1 and len(document.tables[0].columns) == 2
                tables += 1
                header_texts.append(document.sections[0].header.paragraphs[0].text)
                assert person.email in header_texts[-1]
    assert {"Heading 1", "List Bullet", "Title"} <= styles
    assert tables == 20
