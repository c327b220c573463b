"""bench.header_probe: each form sets a person's headers as it says, each layout its
columns, and the probe's lines over a corpus made here."""

from __future__ import annotations

import pymupdf
import pytest

from bench import header_probe
from bench.corpus_split import Part
from bench.header_probe import FORMS, STYLES, main, pdf_of, resume_html, style_of
from bench.typeset_view import view_of
from tests.bench.test_theme_probe import JANE, corpus_with, people


def text_of(form: str, style: str = "plain") -> str:
    with pymupdf.open(stream=pdf_of(resume_html(view_of(JANE), form, style))) as document:
        return "\n".join(page.get_text() for page in document)


@pytest.mark.parametrize("form, shown", [
    ("work:company (title) | dates", "Acme Analytics Inc. (Senior Data Engineer)"),
    ("work:title / company | dates", "Senior Data Engineer / Acme Analytics Inc."),
    ("work:dates / title at company", "Senior Data Engineer at Acme Analytics Inc."),
    ("school:degree, school | dates", "B.S. in Computer Science, University of Texas"),
])
def test_a_form_sets_every_header_its_way(form, shown):
    text = text_of(form)
    assert shown in " ".join(text.split())
    assert "Jan 2020 – Present" in text and "Built streaming pipelines" in text


@pytest.mark.parametrize("form, first, second", [
    ("work:title, company, place | dates", "Senior Data Engineer, Acme Analytics Inc., Austin, TX",
     "Data Engineer, Globex Corporation"),
    ("work:company | dates / title | place", "Austin, TX", "Globex Corporation"),
    ("school:school, place | dates / degree", "University of Texas, Austin, TX", None),
])
def test_a_place_form_sets_the_place_where_one_is_given(form, first, second):
    placed = {**JANE, "work": [{**JANE["work"][0], "location": "Austin, TX"}, *JANE["work"][1:]],
              "education": [{**JANE["education"][0], "location": "Austin, TX"}]}
    with pymupdf.open(stream=pdf_of(resume_html(view_of(placed), form, "plain"))) as document:
        lines = [" ".join(line.split()) for page in document
                 for line in page.get_text().splitlines()]
    assert first in lines
    if second:  # no place given: nothing dangles where it would stand
        assert second in lines and f"{second}," not in " ".join(lines)
    assert "Data: Python, SQL, Kafka, Rust" in lines  # and the resume goes on to its end


@pytest.mark.parametrize("form, company_line, role_line", [
    ("group:company / title | dates", "Acme Analytics Inc.", "Data Engineer Jun 2016 – Dec 2019"),
    ("group:company / title, dates", "Acme Analytics Inc.", "Data Engineer, Jun 2016 – Dec 2019"),
])
def test_a_group_form_names_a_company_once_over_the_roles_held_there(form, company_line,
                                                                     role_line):
    promoted = {**JANE, "work": [JANE["work"][0],
                                 {**JANE["work"][1], "name": "Acme Analytics Inc."},
                                 JANE["work"][2]]}
    with pymupdf.open(stream=pdf_of(resume_html(view_of(promoted), form, "plain"))) as document:
        lines = [" ".join(line.split()) for page in document
                 for line in page.get_text().splitlines()]
    assert lines.count(company_line) == 1 and lines.count("Initech") == 1
    assert role_line in " ".join(lines)
    item = next(i for i, line in enumerate(lines) if "PostgreSQL schemas" in line)
    assert lines.index(company_line) < item


@pytest.mark.parametrize("form, marks", [
    ("items:glyph", ("• ", "• ")), ("items:numbered", ("1. ", "2. ")),
    ("items:angle", ("> ", "> ")), ("items:no mark", ("", "")),
])
def test_an_items_form_marks_every_item_its_way(form, marks):
    lines = [" ".join(line.split()) for line in text_of(form).splitlines()]
    assert f"{marks[0]}Built streaming pipelines in Python and Kafka for 40 teams" in lines
    assert f"{marks[1]}Cut warehouse costs by 30% with Snowﬂake clustering" in lines


def test_every_style_is_someones_and_bold_is_bold():
    assert {style_of(f"person-{i}") for i in range(60)} == set(STYLES)
    bold = pymupdf.open(stream=pdf_of(resume_html(view_of(JANE), "work:title at company | dates",
                                                  "title bold")))
    spans = [s for b in bold[0].get_text("dict")["blocks"] for line in b.get("lines", [])
             for s in line["spans"] if s["text"].strip() == "Senior Data Engineer"]
    assert spans and all(s["flags"] & pymupdf.TEXT_FONT_BOLD for s in spans)


def test_the_probe_scores_each_form_on_tune_people_only(tmp_path, capsys, monkeypatch):
    tune, report = people(Part.TUNE, 2), people(Part.REPORT, 1)
    corpus = corpus_with(tmp_path, tune + report)
    monkeypatch.setattr(header_probe, "FORMS", {k: FORMS[k] for k in (
        "work:title at company | dates", "work:company (title) | dates")})
    monkeypatch.setattr(header_probe, "LAYOUTS", {})
    assert main(["--corpus", str(corpus)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(" files=")[0] for line in lines] == [
        "header_probe form=work:title at company | dates",
        "header_probe form=work:company (title) | dates", "header_probe total:"]
    assert all(" files=2 " in line for line in lines[:2])
    assert " company=1.000 position=1.000 " in lines[0]


@pytest.mark.parametrize("left", [True, False])
def test_a_sidebar_layout_sets_the_experience_beside_the_sidebar(left):
    pdf = header_probe.sidebar_pdf(view_of(JANE), "plain", left=left)
    with pymupdf.open(stream=pdf) as document:
        words = {w[4]: w[0] for w in document[0].get_text("words")}
    side, main = words["Skills"], words["Experience"]
    assert (side < main) == left  # the sidebar's heading stands left of the main one's
    assert abs(words["Senior"] - main) < 5  # the roles stand in the main column


def test_the_layouts_are_scored_as_forms_are(tmp_path, capsys):
    corpus = corpus_with(tmp_path, people(Part.TUNE, 1))
    assert main(["--corpus", str(corpus), "--form", "layout:sidebar left"]) == 0
    first = capsys.readouterr().out.splitlines()[0]
    assert first.startswith("header_probe form=layout:sidebar left files=1 ")
    assert " company=1.000 position=1.000 " in first
