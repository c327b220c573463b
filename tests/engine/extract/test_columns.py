"""Columns of a page drawn in code: which side a line is read with."""

from __future__ import annotations

import pymupdf

from engine.extract.documents import extract_document
from engine.extract.pdf_layout import Segment, lines_in_reading_order


def two_sides(left: list[str], right: list[str], gutter: float = 160.0) -> bytes:
    """A page with ``left`` stacked in a narrow sidebar and ``right`` beside it from the
    top, both in 10 pt lines 14 pt apart."""
    document = pymupdf.open()
    page = document.new_page()
    for x, lines in ((26.0, left), (gutter, right)):
        for index, text in enumerate(lines):
            page.insert_text((x, 30.0 + 14 * index), text, fontsize=10, fontname="helv")
    data = document.tobytes()
    document.close()
    return data


def test_a_short_column_with_a_wide_line_is_still_a_column():
    # Three lines beside a long sidebar, one of them wider than half the page: the
    # wide line does not cross the gutter, so it counts with its column.
    sidebar = ["About", "anna@example.org", "example.org", "Cloud Native", "Docker",
               "Kubernetes", "Grafana", "Telegraf", "InfluxDB", "Data Engineering",
               "Apache Spark", "Apache Kafka"]
    right = ["Publications",
             "Concurrent Filtering and Smoothing: A Parallel Architecture for Real-Time Navigation",
             "and Full Smoothing",
             "Gender Conflict Resolution in Mushunguli"]
    lines = [line.text for line in
             extract_document(two_sides(sidebar, right), filename="cv.pdf").lines]
    assert lines == sidebar + right


def test_headings_set_large_and_flush_right_in_the_margin_head_what_stands_beside_them():
    # pumpkin: "Work", "Skills" in bold 19.5 pt flush right, each a little above its
    # section's first line; two tags of a row stand past the gutter.
    def seg(x0: float, y0: float, text: str, size: float = 12, bold: bool = False,
            x1: float | None = None) -> Segment:
        return Segment(x0, y0, x1 if x1 is not None else x0 + 6 * len(text), y0 + size,
                       text, size, bold, 0)

    segments = [
        seg(480, 100, "Work", 19.5, True, x1=560),
        seg(22, 130, "Grupo Rosul, Analyst", bold=True),
        seg(22, 150, "Led the development of Android apps"),
        seg(470, 200, "Skills", 19.5, True, x1=560),
        seg(22, 230, "Java"), seg(80, 230, "Android"), seg(395, 230, "Ruby on Rails"),
        seg(22, 250, "Angular"), seg(90, 250, "Sass"), seg(487, 250, "Python"),
    ]
    texts = [line.text for line in lines_in_reading_order(segments, 387.0, 0)]
    assert texts.index("Work") < texts.index("Grupo Rosul, Analyst")
    assert texts.index("Led the development of Android apps") < texts.index("Skills")
    assert texts.index("Skills") < min(i for i, t in enumerate(texts) if "Java" in t)


def test_a_heading_below_both_columns_of_a_grid_is_read_after_both():
    # minyma: skill cards two to a row, then "Work" at the page's foot, left of the
    # gutter and below all of the right column: it was read after the left cards and
    # before the right ones, which so fell under "Work".
    def seg(x0: float, y0: float, text: str, size: float = 10.5) -> Segment:
        return Segment(x0, y0, x0 + 6 * len(text), y0 + size, text, size, True, int(y0))

    segments = [seg(40, 60, "Skills", 22.5)]
    for row, (left, right) in enumerate([("Backend", "Frontend"), ("Ruby", "Vue"),
                                         ("Databases", "DevOps"), ("Redis", "Terraform")]):
        segments += [seg(40, 100 + 24 * row, left), seg(320, 100 + 24 * row, right)]
    segments.append(seg(40, 260, "Work", 22.5))
    lines = lines_in_reading_order(segments, 300.0, 0, page_width=612)
    texts = [line.text for line in lines]
    assert texts == ["Skills", "Backend", "Ruby", "Databases", "Redis",
                     "Frontend", "Vue", "DevOps", "Terraform", "Work"]
    # The cards fill their column as wide as the page sets it, not as their longest.
    assert max(line.fill for line in lines if line.text in ("Databases", "Terraform")) < 0.5
