"""Kerned and letter-spaced PDF text reads as words (PDFs written here with raw text
operators: TJ kerning adjustments, Tc character spacing)."""

from __future__ import annotations

import pymupdf
import pytest

from engine.extract.documents import extract_document
from engine.extract.spacing import is_suspect
from engine.parse.parser import parse_resume


def pdf_with_operators(rows: list[tuple[float, str]], size: float = 11) -> bytes:
    """A one-page PDF: each row is (distance from the top in pt, text operators)."""
    document = pymupdf.open()
    page = document.new_page()
    page.insert_text((72, 40), " ", fontsize=size)  # gives the page a Helvetica resource
    xref = page.get_contents()[0]
    font = page.get_fonts()[0][4]
    height = page.rect.height
    stream = "".join(f"BT /{font} {size} Tf 72 {height - top} Td {ops} ET\n" for top, ops in rows)
    document.update_stream(xref, document.xref_stream(xref) + stream.encode())
    return document.tobytes()


def lines_of(data: bytes) -> list[str]:
    return [line.text for line in extract_document(data, filename="cv.pdf").lines]


def test_kerned_words_are_joined_and_real_spaces_kept():
    # Gaps of 0.16-0.17 em inside words (MuPDF reads them as spaces), 0.3-0.4 em between.
    kerned = "[(P) -160 (olyt) -170 (echnic) -400 (St) -160 (at) -170 (e) -300 (Universit) -160 (y)] TJ"
    assert lines_of(pdf_with_operators([(100, kerned)])) == ["Polytechnic State University"]


@pytest.mark.parametrize("spacing", [2, 3, 4.5])
def test_letter_spaced_text_reads_as_words(spacing):
    rows = [(100, f"{spacing} Tc (DECEMBER 2015 TILL PRESENT) Tj")]
    assert lines_of(pdf_with_operators(rows)) == ["DECEMBER 2015 TILL PRESENT"]


def test_ordinary_lines_are_left_alone():
    rows = [(100, "(Vitamin C and B complex, a x y z plot) Tj"), (130, "(I am a developer) Tj")]
    assert lines_of(pdf_with_operators(rows)) == ["Vitamin C and B complex, a x y z plot",
                                                 "I am a developer"]


def test_suspect_lines():
    assert is_suspect("P olyt echnic St at e Universit y")
    assert is_suspect("D E C E M B E R 2 0 1 5")
    assert not is_suspect("Senior Engineer at Acme")


def test_letter_spaced_dates_give_the_entry_its_period():
    rows = [
        (60, "(Priya Raman) Tj"),
        (80, "(priya.raman@example.com) Tj"),
        (120, "(EXPERIENCE) Tj"),
        (145, "(Data Analyst, Northwind Traders) Tj"),
        (160, "2.5 Tc (DECEMBER 2015 TILL PRESENT) Tj"),
        (178, "(- Built weekly revenue dashboards for 12 regional managers) Tj"),
        (200, "(EDUCATION) Tj"),
        (225, "[(B.Sc. in Statistics, Madras Ch) -170 (rist) -160 (ian College)] TJ"),
    ]
    resume = parse_resume(pdf_with_operators(rows), filename="cv.pdf")
    (job,) = resume.experience
    assert (job.title, job.company, job.start, job.end) == (
        "Data Analyst", "Northwind Traders", "2015-12", "present")
    assert [b.text for b in job.bullets] == [
        "Built weekly revenue dashboards for 12 regional managers"]
    (school,) = resume.education
    assert school.institution == "Madras Christian College"
