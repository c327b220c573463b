"""The three templates on a long resume, read back with PyMuPDF: every page has body text,
no page before the last is left mostly empty, the candidate's name is on page 1 of the
named templates and nowhere (nor email, phone, address) in the anonymised one; DOCX alike."""

from __future__ import annotations

import io
import re
import time

import docx
import pymupdf
import pytest

from engine.render.anonymise import anonymised
from engine.render.documents import (Agency, Layout, Template, pdf_page_images, resume_docx,
                                     resume_html, resume_pdf)
from engine.resume import Resume
from tests.support.long_resume import EMAIL, NAME, PHONE, long_resume
from tests.support.resumes import png_bytes

AGENCY = Agency(name="Northwind Talent", logo=png_bytes(120, 40))
FOOTER = re.compile(r"^\s*\d+ / \d+\s*$")


def body_blocks(page: pymupdf.Page) -> list[tuple]:
    """Text blocks other than the page-number footer."""
    return [b for b in page.get_text("blocks") if b[4].strip() and not FOOTER.match(b[4])]


@pytest.fixture(scope="module", params=list(Template), ids=str)
def rendered(request) -> tuple[Template, pymupdf.Document]:
    template = request.param
    data = resume_pdf(long_resume(), Layout(template, AGENCY, "C-00042"))
    with pymupdf.open(stream=data, filetype="pdf") as document:
        yield template, document


def flat(text: str) -> str:
    return " ".join(text.split())


def test_every_page_has_body_text_and_none_is_left_mostly_empty(rendered):
    template, document = rendered
    assert document.page_count >= 3, "the fixture must run over several pages"
    for number, page in enumerate(document, 1):
        blocks = body_blocks(page)
        lines = sum(len(b[4].strip().splitlines()) for b in blocks)
        assert lines >= 3, f"{template} page {number} holds {lines} line(s) of body text"
        if number < document.page_count:
            # An entry may break: nothing pushes a whole entry over and leaves a gap.
            bottom = max(b[3] for b in blocks) / page.rect.height
            assert bottom > 0.8, f"{template} page {number} ends at {bottom:.0%} of the page"


def test_an_entry_heading_is_never_the_last_line_of_a_page(rendered):
    template, document = rendered
    for page in list(document)[:-1]:
        last = max(body_blocks(page), key=lambda b: b[3])[4]
        assert "Senior Platform Engineer" not in last, f"{template}: heading left at the foot"
        assert not flat(last).upper() in {"EXPERIENCE", "EDUCATION", "SKILLS", "PROJECTS"}


def test_name_on_page_one_of_named_templates_and_nowhere_in_the_anonymised(rendered):
    template, document = rendered
    first = flat(document[0].get_text())
    everything = flat(" ".join(page.get_text() for page in document))
    if template.named:
        assert NAME in first and EMAIL in first
        return
    for secret in (NAME, "Marguerite", "Okonkwo", EMAIL, PHONE, "555-0147", "Larimer",
                   "linkedin.com/in/marguerite-ol"):
        assert secret.lower() not in everything.lower(), secret
    assert "Northwind Talent" in first and "Reference C-00042" in first
    assert document[0].get_images(), "the agency's logo is on page 1"
    assert "The candidate is a platform engineer" in everything


@pytest.mark.parametrize("template", list(Template), ids=str)
def test_docx_of_each_template_follows_the_same_content_rules(template):
    data = resume_docx(long_resume(), Layout(template, AGENCY, "C-00042"))
    document = docx.Document(io.BytesIO(data))
    cells = [p.text for t in document.tables for c in t._cells for p in c.paragraphs]
    text = "\n".join([p.text for p in document.paragraphs] + cells)
    assert "Senior Platform Engineer 9" in text and "University of Colorado" in text
    if template.named:
        assert NAME in text and EMAIL in text
    else:
        assert all(s not in text for s in (NAME, "Marguerite", EMAIL, PHONE, "Larimer"))
        assert "Northwind Talent" in text and "C-00042" in text
        assert document.inline_shapes, "the agency's logo"


def test_standard_is_the_old_name_of_classic():
    assert Template("standard") is Template.CLASSIC
    with pytest.raises(ValueError):
        Template("fancy")


def test_templates_escape_content_and_fetch_nothing_but_the_logo():
    resume = Resume(name="<b>x</b>", summary='<img src="file:///etc/passwd"> <script>1</script>')
    for template in Template:
        html = resume_html(resume, Layout(template, AGENCY))
        assert "<script>1" not in html and '<img src="file' not in html
        pdf = resume_pdf(resume, Layout(template, AGENCY))
        with pymupdf.open(stream=pdf, filetype="pdf") as document:
            assert "<script>1</script>" in flat(document[0].get_text())


def test_a_logo_that_is_not_an_image_is_left_out():
    html = resume_html(long_resume(), Layout(Template.ANONYMISED, Agency("A", b"<svg/>")))
    assert "<img" not in html


def test_preview_images_are_the_first_pages_as_png():
    pdf = resume_pdf(long_resume(), Layout(Template.MODERN))
    images = pdf_page_images(pdf, pages=2)
    assert len(images) == 2 and all(i.startswith(b"\x89PNG") for i in images)


def test_anonymising_keeps_figures_and_dates_and_is_linear():
    resume = long_resume()
    resume.experience[0].bullets[0].text = ("Grew revenue 40% in 2019 - 2021, 12,000 users; "
                                            "call 303 555 0147 or write to a.b@c.io")
    text = anonymised(resume).experience[0].bullets[0].text
    assert "40% in 2019 - 2021, 12,000 users" in text
    assert "555" not in text and "a.b@c.io" not in text
    hostile = Resume(name="Ann Lee", summary="a" * 150_000 + " " + "7" * 150_000
                     + " " + "1-" * 50_000 + "@" * 50_000)
    start = time.perf_counter()
    anonymised(hostile)
    assert time.perf_counter() - start < 2
