"""A page of two columns, a main one and a sidebar, then a page of one: what the second
page holds goes on with the column it continues (set by PyMuPDF's Story as
bench.header_probe sets its sidebars, each column a flow of its own)."""

from __future__ import annotations

import pymupdf

from bench.header_probe import PAGE, pages_pdf
from engine.extract.documents import extract_document
from engine.parse.parser import parse_document
from engine.resume import Resume


def _columns(main: str, side: str, side_right: bool) -> bytes:
    """``main`` and ``side`` flowed each into its column, page after page until both
    are set; the sidebar 150 pt wide, in a smaller size, its lines off the main
    column's baselines."""
    inner = PAGE + (50, 50, -50, -50)
    main_box, side_box = pymupdf.Rect(inner), pymupdf.Rect(inner)
    if side_right:
        side_box.x0, main_box.x1 = inner.x1 - 150, inner.x1 - 170
    else:
        side_box.x1, main_box.x0 = inner.x0 + 150, inner.x0 + 170
    return pages_pdf([(main, main_box), (f'<div style="font-size:9pt">{side}</div>', side_box)])


def _job(n: int, items: int) -> str:
    bullets = "".join(f"<li>Moved billing service {n}.{k} from PHP to Python</li>"
                      for k in range(items))
    return (f"<p><b>Backend Engineer at Company {n}</b></p><p>Mar 201{n} – Feb 201{n + 1}</p>"
            f"<ul>{bullets}</ul>")


def _parsed(main: str, side: str, side_right: bool) -> Resume:
    pdf = _columns(main, side, side_right)
    return parse_document(extract_document(pdf, filename="resume.pdf"))


SIDE = ("<h2>Contact</h2><p>anna@example.com</p><p>+1 555 010 2030</p>"
        "<h2>Education</h2><p><b>University of Leeds</b></p><p>BSc in Physics</p>"
        "<p>2008 – 2011</p><h2>Skills</h2><p>Python, Kafka, PostgreSQL, Docker</p>")


def test_the_main_columns_last_role_goes_on_onto_the_next_page():
    main = "<h1>Anna Example</h1><h2>Experience</h2>" + "".join(_job(n, 14) for n in range(4))
    for side_right in (True, False):
        resume = _parsed(main, SIDE, side_right)
        assert [len(job.bullets) for job in resume.experience] == [14, 14, 14, 14]
        assert [school.institution for school in resume.education] == ["University of Leeds"]


def test_a_sidebar_run_onto_the_next_page_stays_in_its_section():
    notes = "".join(f"<p>Read physics and wrote note {k} on the lab's cryostat</p>"
                    for k in range(60))
    side = SIDE.replace("<p>2008 – 2011</p>", "<p>2008 – 2011</p>" + notes)
    main = "<h1>Anna Example</h1><h2>Experience</h2>" + _job(1, 4)
    resume = _parsed(main, side, side_right=True)
    (job,) = resume.experience
    assert len(job.bullets) == 4
