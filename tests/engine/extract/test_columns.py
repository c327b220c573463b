"""Columns of a page drawn in code: which side a line is read with."""

from __future__ import annotations

import pymupdf

from engine.extract.documents import extract_document


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
