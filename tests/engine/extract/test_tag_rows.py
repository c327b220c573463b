"""Pieces of text on one baseline: tags drawn each on its own, set apart by a gap of
about 0.6 font sizes (a JSON Resume sidebar's skill tags), are separate fields; words of
a line set apart as widely but running on as a phrase stay one text."""

from __future__ import annotations

import pymupdf

from engine.extract.documents import extract_document
from engine.extract.lines import FIELD_BREAK
from engine.parse.parser import parse_document

SIZE = 9.6


def row_pdf(rows: list[list[str]], gap: float) -> bytes:
    """A one-page PDF with each row's pieces drawn one after another, ``gap`` font sizes
    apart, a row under the other, each on a light box of its own drawn before it (as a
    browser prints tags: every piece a text block of its own)."""
    document = pymupdf.open()
    page = document.new_page()
    y = 100.0
    for row in rows:
        x = 40.0
        for piece in row:
            width = pymupdf.get_text_length(piece, fontname="helv", fontsize=SIZE)
            page.draw_rect(pymupdf.Rect(x, y - SIZE, x + width, y + 2), color=None,
                           fill=(0.93, 0.93, 0.93))
            page.insert_text((x, y), piece, fontsize=SIZE, fontname="helv")
            x += width + gap * SIZE
        y += 2 * SIZE
    data = document.tobytes()
    document.close()
    return data


def lines_of(data: bytes) -> list[str]:
    return [line.text for line in extract_document(data, filename="cv.pdf").lines]


def test_tags_apart_by_more_than_a_space_are_separate_fields():
    rows = [["JSON", "Realm", "Core Data"], ["Cocoapods", "Carthage"]]
    assert lines_of(row_pdf(rows, gap=0.62)) == [
        FIELD_BREAK.join(row) for row in rows]


def test_pieces_a_space_apart_are_one_text():
    rows = [["JSON", "Realm", "Core Data"]]
    assert lines_of(row_pdf(rows, gap=0.3)) == ["JSON Realm Core Data"]


def test_a_phrase_stretched_as_widely_stays_one_text():
    rows = [["projects", "of international standard", "with the Client"],
            ["Managed the", "design reviews;", "led audits"]]
    assert lines_of(row_pdf(rows, gap=0.62)) == [" ".join(row) for row in rows]


def test_tag_rows_under_a_skills_heading_are_skills_each():
    document = pymupdf.open(stream=row_pdf([["JSON", "Realm", "Core Data"],
                                            ["Objective-C", "Swift"]], gap=0.62))
    page = document[0]
    page.insert_text((40, 40), "Anna Example", fontsize=18, fontname="hebo")
    page.insert_text((40, 58), "anna@example.com | +1 555 010 2030", fontsize=10)
    page.insert_text((40, 80), "SKILLS", fontsize=12, fontname="hebo")
    page.insert_text((40, 180), "SUMMARY", fontsize=12, fontname="hebo")
    page.insert_text((40, 200), "Mobile developer of eight years, building iOS apps for "
                     "banks and retailers.", fontsize=SIZE)
    page.insert_text((40, 215), "Offline-first data layers, payments and accessibility "
                     "audits for large teams.", fontsize=SIZE)
    resume = parse_document(extract_document(document.tobytes(), filename="cv.pdf"))
    assert {"JSON", "Realm", "Core Data", "Objective-C", "Swift"} <= set(resume.skills)


def placed_pdf(rows: list[list[tuple[float, str]]], size: float = SIZE,
               extra: list[tuple[float, float, str, float]] = ()) -> bytes:
    """A one-page PDF of rows of tags, each tag drawn at the x given, a row under the
    other; ``extra`` adds (x, y, text, size) lines, set in bold."""
    document = pymupdf.open()
    page = document.new_page()
    for number, row in enumerate(rows):
        y = 100.0 + 2 * size * number
        for x, piece in row:
            page.insert_text((x, y), piece, fontsize=size, fontname="helv")
    for x, y, text, font_size in extra:
        page.insert_text((x, y), text, fontsize=font_size, fontname="hebo")
    data = document.tobytes()
    document.close()
    return data


def test_rows_of_tags_that_leave_a_gap_down_the_page_are_not_two_columns():
    # wkhtmltopdf's even theme: skills as pills about 1.2 font sizes apart; every row
    # happens to leave a gap at the same place, with more tags past it.
    left = ["Node.js", "Next.js", "NestJS", "React"]
    right = ["Laravel", "vue.js", "Cordova"]
    rows = []
    for _ in range(6):
        x, row = 40.0, []
        for tag in left:
            row.append((x, tag))
            x += pymupdf.get_text_length(tag, fontname="helv", fontsize=SIZE) + 1.2 * SIZE
        for tag in right:  # on at the same distance: the gap runs down the page
            row.append((x, tag))
            x += pymupdf.get_text_length(tag, fontname="helv", fontsize=SIZE) + 1.2 * SIZE
        rows.append(row)
    assert lines_of(placed_pdf(rows)) == [FIELD_BREAK.join(left + right)] * 6
