import codecs
import random
import re

import pymupdf
import pytest

from engine.extract.documents import ExtractLimits, extract_document, sniff_format, text_quality
from engine.errors import TailorError
from engine.parse.parser import parse_resume
from tests.support.resumes import (
    PdfSpec,
    PdfText,
    add_text_box,
    docx_bytes,
    image_only_pdf,
    legacy_doc,
    make_pdf,
    resume_docx,
    resume_pdf,
    two_column_pdf,
    zip_bomb,
)

PLAIN_RESUME = """Jane Doe
jane.doe@example.com | +1 555 010 2030 | Austin, TX

EXPERIENCE
Senior Data Engineer    Jan 2020 - Present
Acme Analytics Inc., Austin, TX
• Built streaming pipelines in Python and Kafka for forty product teams
• Cut warehouse costs by 30% with Snowflake clustering and query reviews

EDUCATION
B.S. in Computer Science, University of Texas    2012 - 2016
"""


def error_of(data: bytes, **kwargs) -> TailorError:
    with pytest.raises(TailorError) as caught:
        extract_document(data, **kwargs)
    return caught.value


# --- PDF ---------------------------------------------------------------------------


def test_pdf_text_counts_and_layout():
    document = extract_document(resume_pdf(), filename="jane.pdf")
    assert document.format == "pdf"
    assert document.pages == 1
    assert document.layout == "one_column"
    assert document.quality == "ok"
    assert document.chars == len(document.text)
    assert document.text.splitlines()[0] == "Jane Doe"
    # A title and its right-aligned dates are one line, the dates a separate field.
    assert "Senior Data Engineer\tJan 2020 - Present" in document.text.splitlines()


def test_pdf_style_hints_bold_size_caps():
    lines = {line.text: line for line in extract_document(resume_pdf()).lines}
    assert lines["Jane Doe"].size == 20 and lines["Jane Doe"].bold
    assert lines["EXPERIENCE"].caps and lines["EXPERIENCE"].bold
    assert not lines["Acme Analytics Inc., Austin, TX"].bold


def test_pdf_lines_keep_the_texts_and_weights_of_their_runs_in_another_type():
    document = pymupdf.open()
    page = document.new_page()
    page.insert_text((50, 80), "Senior Developer", fontname="hebo", fontsize=11)
    after = 50 + pymupdf.get_text_length("Senior Developer ", fontname="hebo", fontsize=11)
    page.insert_text((after, 80), "Northwind Traders", fontname="heit", fontsize=11)
    page.insert_text((420, 80), "2019 - 2021", fontname="helv", fontsize=11)
    page.insert_text((50, 100), "Moved the billing service from PHP to Python", fontsize=11)
    lines = extract_document(document.tobytes(), filename="r.pdf").lines
    assert [(line.text, line.runs, line.runs_bold) for line in lines] == [
        ("Senior Developer Northwind Traders\t2019 - 2021",
         ("Senior Developer", "Northwind Traders", "2019 - 2021"), (True, False, False)),
        ("Moved the billing service from PHP to Python", (), ())]
    assert not lines[0].ends_bold


def test_two_column_pdf_reads_sidebar_then_main_column():
    document = extract_document(two_column_pdf())
    assert document.layout == "two_column"
    text = document.text
    # The name spans both columns and comes first; each column is read top to bottom.
    assert text.startswith("Maria Lopez\nCONTACT\nmaria@example.com")
    assert text.index("University of Leeds") < text.index("SUMMARY")
    assert ("Analyst with eight years of experience turning data into\n"
            "decisions for retail and banking clients across Europe.") in text


def test_pdf_bullets_ligatures_dashes_and_hyphenation_normalised():
    texts = [
        PdfText("▪ Led the ﬁnance team", y=100),
        PdfText("◆ Shipped 3 releases", y=120),
        PdfText("Designed a resilient data-", y=160),
        PdfText("processing platform for retail", y=172),
    ]
    document = extract_document(make_pdf(PdfSpec(texts=texts)))
    lines = document.text.splitlines()
    assert lines[0] == "• Led the finance team"
    assert lines[1] == "• Shipped 3 releases"
    assert lines[2] == "Designed a resilient dataprocessing"
    assert lines[3] == "platform for retail"


def test_pdf_pages_counted():
    spec = PdfSpec(texts=[PdfText("Page one text " * 10), PdfText("Page two " * 10, page=1)],
                   pages=2)
    document = extract_document(make_pdf(spec))
    assert document.pages == 2
    assert {line.page for line in document.lines} == {0, 1}


# --- DOCX --------------------------------------------------------------------------


def test_docx_paragraphs_with_list_bullets_and_tab_fields():
    document = extract_document(resume_docx(), filename="jane.docx")
    assert document.format == "docx"
    assert document.quality == "ok"
    lines = document.text.splitlines()
    assert lines[0] == "Jane Doe"
    assert "Senior Data Engineer\tJan 2020 - Present" in lines
    assert "• Built streaming pipelines in Python and Kafka for 40 teams" in lines
    jane = document.lines[0]
    assert jane.bold and jane.size == 20


def test_docx_table_layout_read_cell_by_cell():
    document = extract_document(resume_docx(table=True))
    lines = document.text.splitlines()
    assert document.layout == "two_column"
    # A cell holding paragraphs is read whole before the next cell.
    assert lines.index("Kafka") < lines.index("EXPERIENCE")
    # A row of one-line cells is one line with the cells as fields.
    assert "B.S. Computer Science\tUniversity of Texas" in lines


def test_docx_headers_and_text_boxes_read_once():
    def build(document):
        document.sections[0].header.paragraphs[0].text = "Jane Doe - jane@example.com"
        document.add_paragraph("Body paragraph")
        add_text_box(document, "Text inside a text box")

    lines = extract_document(docx_bytes(build)).text.splitlines()
    assert lines[0] == "Jane Doe - jane@example.com"
    assert lines.count("Text inside a text box") == 1  # not again from the VML fallback
    assert lines.index("Anchor paragraph") < lines.index("Text inside a text box")


# --- plain text --------------------------------------------------------------------


@pytest.mark.parametrize(
    "encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1"]
)
def test_text_in_common_encodings(encoding):
    text = PLAIN_RESUME.replace("Jane Doe", "Zoë Müller")
    if encoding == "latin-1":
        text = text.replace("•", "-")
    data = text.encode(encoding)
    if encoding == "utf-16-le":
        assert not data.startswith(codecs.BOM_UTF16_LE)
    document = extract_document(data, filename="resume.txt")
    assert document.format == "text"
    assert document.text.splitlines()[0] == "Zoë Müller"
    # Spaces pushing dates to the right are a field break.
    assert "Senior Data Engineer\tJan 2020 - Present" in document.text


def test_text_unknown_encoding():
    data = bytes(range(256)) * 20
    error = error_of(data, filename="resume.txt")
    assert error.code == "unknown_encoding"


# --- bad input ----------------------------------------------------------------------


def test_empty_file():
    assert error_of(b"").code == "empty_file"


@pytest.mark.parametrize(
    ("make", "kwargs"),
    [
        (resume_pdf, {"filename": "resume.docx"}),
        (resume_pdf, {"declared_format": "docx"}),
        (resume_docx, {"filename": "resume.pdf"}),
        (resume_pdf, {"filename": "resume.txt"}),
        (lambda: PLAIN_RESUME.encode(), {"declared_format": "application/pdf"}),
    ],
)
def test_file_not_what_its_name_or_stored_format_says(make, kwargs):
    error = error_of(make(), **kwargs)
    assert error.code == "format_mismatch"


def test_truncated_pdf():
    data = resume_pdf()
    assert error_of(data[: len(data) // 3]).code == "corrupt_pdf"
    assert error_of(data[: len(data) // 3] + b"garbage").code == "corrupt_pdf"


def test_corrupt_pdf_header_only():
    assert error_of(b"%PDF-1.7\n" + b"\x00\xff" * 200).code == "corrupt_pdf"


def test_encrypted_pdf():
    assert error_of(resume_pdf(encrypt_with="secret")).code == "encrypted_pdf"


def test_image_only_pdf_is_no_text_layer():
    data = image_only_pdf()
    document = extract_document(data)
    assert document.quality == "no_text_layer"
    assert document.flags[-1].code == "no_text_layer"
    with pytest.raises(TailorError) as caught:
        parse_resume(data)
    assert caught.value.code == "no_text_layer"
    assert caught.value.message == "This PDF is a scanned image with no text; it needs OCR."


def test_docx_not_a_zip():
    assert error_of(b"PK\x03\x04 this is not really a zip", filename="a.docx").code == (
        "corrupt_docx"
    )


def test_docx_zip_bomb():
    error = error_of(zip_bomb(20_000_000), limits=ExtractLimits(max_unpacked_bytes=10_000_000))
    assert error.code == "zip_bomb"
    # A very high compression ratio alone is enough, whatever the total.
    assert error_of(zip_bomb(5_000_000)).code == "zip_bomb"


def test_legacy_doc():
    error = error_of(legacy_doc(), filename="resume.doc")
    assert error.code == "legacy_doc"
    assert "DOCX or PDF" in error.message


def test_file_too_large():
    limits = ExtractLimits(max_bytes=1000)
    assert error_of(resume_pdf(), limits=limits).code == "file_too_large"


def test_too_many_pages():
    spec = PdfSpec(texts=[PdfText(f"Page {n} " * 20, page=n) for n in range(4)], pages=4)
    assert error_of(make_pdf(spec), limits=ExtractLimits(max_pages=3)).code == "too_many_pages"


def test_unsupported_formats():
    assert error_of(b"{\\rtf1\\ansi Jane Doe}").code == "unsupported_format"
    png = pymupdf.Pixmap(pymupdf.csRGB, pymupdf.IRect(0, 0, 4, 4), False).tobytes("png")
    assert error_of(png).code == "unsupported_format"
    assert error_of(b"<!DOCTYPE html><html><body>Jane</body></html>").code == (
        "unsupported_format"
    )


def test_formats_that_say_nothing_let_the_bytes_decide():
    for declared in ("application/octet-stream", "bin", None):
        document = extract_document(resume_pdf(), declared_format=declared, filename="cv")
        assert document.format == "pdf"


def test_flattened_text_gets_its_line_breaks_back():
    flat = "  ".join(PLAIN_RESUME.replace("\n\n", "\n").splitlines()) * 2
    assert "\n" not in flat
    lines = extract_document(flat.encode()).text.splitlines()
    assert lines[:3] == ["Jane Doe", "jane.doe@example.com | +1 555 010 2030 | Austin, TX",
                         "EXPERIENCE"]


def test_limits_from_settings():
    class Configured:
        max_resume_bytes = 1234
        max_pages = 5

    limits = ExtractLimits.from_settings(Configured())
    assert (limits.max_bytes, limits.max_pages) == (1234, 5)


def test_every_error_message_is_one_human_line():
    cases = [b"", b"%PDF-1.7 broken", legacy_doc(), b"PK\x03\x04 nope",
             resume_pdf(encrypt_with="x")]
    for data in cases:
        message = error_of(data).message
        assert message and "\n" not in message and len(message) < 160
        assert message[0].isupper() and message.endswith(".")


# --- quality ------------------------------------------------------------------------


def test_quality_verdicts():
    assert text_quality("Short text") == "too_short"
    assert text_quality(PLAIN_RESUME) == "ok"
    assert text_quality("\ufffd" * 300 + PLAIN_RESUME[:100]) == "garbled"
    consonants = " ".join(["Xkcdvt Pqrstz Bcdfgh Wxyzlm"] * 30)
    assert text_quality(consonants) == "garbled"
    assert text_quality(PLAIN_RESUME[:120], unmapped=400) == "garbled"


def test_too_short_text_document():
    document = extract_document(b"Jane Doe\njane@example.com\n")
    assert document.quality == "too_short"
    with pytest.raises(TailorError) as caught:
        parse_resume(b"Jane Doe\njane@example.com\n")
    assert caught.value.code == "too_short"


def test_sniff_format():
    assert sniff_format(resume_pdf()) == "pdf"
    assert sniff_format(resume_docx()) == "docx"
    assert sniff_format(legacy_doc()) == "doc"
    assert sniff_format(b"plain words") == "text"


def test_a_numbered_lists_numbers_are_its_items_glyphs():
    texts = [PdfText("1. Experience", y=80, bold=True),
             PdfText("Engineering Lead at Ennovar", y=100),
             PdfText("1. iOS Development", x=90, y=116),
             PdfText("2. Android Development and the release pipeline of the", x=90, y=130),
             PdfText("company's three apps", x=100, y=144),
             PdfText("3) Ruby on Rails", x=90, y=158),
             PdfText("1. Rank in the 2019 hackathon", y=180),  # one item: no list
             PdfText("3. Shipped 4 releases", y=200),  # not the next number
             PdfText("2. Education", y=240, bold=True)]  # a heading, far from the first
    texts += [PdfText(f"Line {n} of ordinary resume text", y=260 + 14 * n) for n in range(6)]
    lines = extract_document(make_pdf(PdfSpec(texts=texts))).text.splitlines()
    assert lines[:9] == [
        "1. Experience", "Engineering Lead at Ennovar", "• iOS Development",
        "• Android Development and the release pipeline of the", "company's three apps",
        "• Ruby on Rails", "1. Rank in the 2019 hackathon", "3. Shipped 4 releases",
        "2. Education"]


def test_docx_list_items_get_bullets_but_numbered_headings_do_not():
    def build(document):
        heading = document.add_paragraph(style="List Number")
        heading.add_run("Experience").bold = True
        document.add_paragraph("Shipped the billing service", style="List Number")
        document.add_paragraph("Cut costs by a third", style="List Bullet")

    lines = extract_document(docx_bytes(build)).text.splitlines()
    assert lines == ["Experience", "• Shipped the billing service", "• Cut costs by a third"]


def test_pdf_spans_apart_are_separate_words():
    spec = PdfSpec(texts=[PdfText("Acme", x=72, y=100, bold=True),
                          PdfText("Analytics", x=110, y=100)] +
                   [PdfText(f"Line {n} of ordinary resume text", y=130 + 14 * n) for n in range(8)])
    assert extract_document(make_pdf(spec)).text.splitlines()[0] == "Acme Analytics"


@pytest.mark.parametrize("make", [resume_pdf, resume_docx, lambda: PLAIN_RESUME.encode()])
def test_damaged_files_give_an_error_code_never_an_exception(make):
    rng = random.Random(7)
    data = make()
    for attempt in range(12):
        damaged = bytearray(data)
        if attempt % 3 == 0:
            damaged = damaged[: rng.randrange(1, len(damaged))]
        elif attempt % 3 == 1:
            for _ in range(30):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        else:
            cut = rng.randrange(len(damaged))
            damaged[cut:cut] = bytes(rng.randrange(256) for _ in range(64))
        try:
            parse_resume(bytes(damaged))
        except TailorError as error:
            assert re.fullmatch(r"[a-z_]+", error.code) and error.message


def test_utf8_written_as_escapes_in_a_text_file_reads_as_the_characters():
    data = (b"Anna Example\nSoftware Engineer, Apple\nAugust 2014 \\xe2\\x80\\x94 July 2016\n"
            b"\\xe2\\x80\\xa2 Built the layout engine\nC:\\xyz stays as written\n")
    document = extract_document(data, filename="resume.txt")
    assert document.text.splitlines()[2:] == [
        "August 2014 – July 2016", "• Built the layout engine", "C:\\xyz stays as written"]


def test_words_drawn_twice_at_nearly_one_place_are_read_once():
    # A text shadow (Chromium prints CSS text-shadow as the words again, 0.7 pt off) or
    # bold faked by printing twice: "Work Experience Work Experience" on one line.
    document = pymupdf.open()
    page = document.new_page()
    for dx, dy, gray in ((0.7, 0.7, 0.6), (0, 0, 0)):
        page.insert_text((72 + dx, 100 + dy), "Work Experience", fontsize=18,
                         color=(gray, gray, gray))
        page.insert_text((72 + dx, 130 + dy), "Northwind Traders, Senior Developer", fontsize=11,
                         color=(gray, gray, gray))
    page.insert_text((72, 160), "Northwind Traders, Senior Developer", fontsize=11)  # again
    text = extract_document(document.tobytes(), filename="resume.pdf").text
    assert text.split("\n") == ["Work Experience", "Northwind Traders, Senior Developer",
                                "Northwind Traders, Senior Developer"]
