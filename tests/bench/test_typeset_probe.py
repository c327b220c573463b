"""bench.typeset_probe: the view every template reads, each template set for real (Typst
by the typst package, LaTeX by pdflatex, which .ci/run installs), and the probe's lines
over a corpus made here."""

from __future__ import annotations

import os
import shutil

import pymupdf
import pytest

from bench import typeset_probe
from bench.corpus_split import Part
from bench.latex_resume import tex
from bench.typeset_probe import HOLDOUT, SETS, TEMPLATES, TypesetError, main, typeset
from bench.typeset_view import view_of
from tests.bench.test_theme_probe import JANE, corpus_with, people

JSON = dict(JANE, basics=dict(JANE["basics"], location={"city": "Austin", "region": "TX"}))


def needs_pdflatex() -> None:
    """pdflatex is a Debian package .ci/run installs: in CI its absence is a failure."""
    if shutil.which("pdflatex") is None:
        if os.environ.get("CI"):
            pytest.fail("pdflatex is missing: .ci/run installs texlive-latex-extra")
        pytest.skip("pdflatex is not installed (apt-get install texlive-latex-extra)")


def test_the_view_settles_missing_values_and_dates():
    view = view_of({"basics": {"name": " Ann ", "email": None, "location": {"city": "Oslo"}},
                    "work": [{"company": "Acme", "position": None, "startDate": "2021-03-04",
                              "highlights": ["Led a team", None, " "]},
                             {"name": "Globex", "startDate": "March, 2020", "endDate": "2021-13"},
                             {"name": "Initech", "company": "Initech Ltd", "position": "Intern"},
                             {"name": "Hooli", "startDate": "2019-11", "endDate": "2021-01"},
                             "not an entry"],
                    "education": [{"institution": "MIT", "studyType": "BS", "area": "Physics"},
                                  {"institution": "ETH", "area": "Maths"}],
                    "skills": None})
    assert (view.name, view.contact) == ("Ann", ["Oslo"])
    assert [(j.company, j.position, j.period, j.length, j.highlights) for j in view.jobs] == [
        ("Acme", "", "Mar 2021 – Present", "5 years 9 months", ["Led a team"]),
        ("Globex", "", "March, 2020 – 2021", "", []),
        ("Initech", "Intern", "", "", []),  # JSON Resume's "name" before the old "company"
        ("Hooli", "", "Nov 2019 – Jan 2021", "1 year 3 months", [])]
    assert [s.degree for s in view.schools] == ["BS in Physics", "Maths"]
    assert view.skills == []


def test_latex_special_characters_are_escaped():
    assert tex(r"R&D at 100% for C# {x}_y ~ \ ^") == \
        r"R\&D at 100\% for C\# \{x\}\_y \textasciitilde{} \textbackslash{} \textasciicircum{}"


@pytest.mark.parametrize("template", TEMPLATES)
def test_each_template_sets_the_whole_resume(template, tmp_path):
    if template not in typeset_probe.TYPST_TEMPLATES:
        needs_pdflatex()
    source = tmp_path / "resume.json"
    source.write_text(__import__("json").dumps(dict(JSON, work=JSON["work"] + [
        {"name": "R&D Lab #1", "position": "C# Developer", "highlights": ["Cut costs 30%"]}])))
    pdf = tmp_path / f"{template}.pdf"
    typeset(template, source, pdf)
    text = " ".join("".join(page.get_text() for page in pymupdf.open(pdf)).split())
    for shown in ("Acme Analytics Inc.", "Senior Data Engineer", "Globex Corporation",
                  "Built streaming pipelines in Python and Kafka for 40 teams",
                  "University of Texas", "Computer Science", "Kafka", "R&D Lab #1",
                  "C# Developer", "Cut costs 30%", "jane.doe@example.com"):
        assert shown in text, (template, shown)
    assert "jan 2020 – present" in text.lower() and "jun 2016 – dec 2019" in text.lower()


def test_a_script_pdflatex_cannot_set_is_a_failed_render_not_a_crash(tmp_path, capsys):
    needs_pdflatex()
    corpus = corpus_with(tmp_path, people(Part.TUNE, 1))
    person = next((corpus / "labelled").iterdir())
    (person / "resume.json").write_text(__import__("json").dumps(
        dict(JANE, basics={"name": "山田太郎"})))
    with pytest.raises(TypesetError, match="Unicode character"):
        typeset("jake", person / "resume.json", tmp_path / "jake.pdf")
    assert main(["--corpus", str(corpus), "--cache", str(tmp_path / "cache")]) == 0
    out, err = capsys.readouterr()
    assert "typeset_probe failed: " in err and "jake: ! LaTeX Error: Unicode character" in err
    assert "typeset_probe template=jake files=0 " in out and " failed=1 set=tune" in out
    assert "typeset_probe template=basic files=1 " in out  # Typst sets any script


def test_the_probe_scores_tune_people_only_one_line_a_template(tmp_path, capsys):
    corpus = corpus_with(tmp_path, people(Part.TUNE, 2) + people(Part.REPORT, 2))
    cache = tmp_path / "cache"
    assert main(["--corpus", str(corpus), "--cache", str(cache), "--set", "holdout"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[1] for line in lines] == [f"template={t}" for t in sorted(HOLDOUT)] \
        + ["total:"]
    assert all(" files=2 " in line and line.endswith(" set=holdout") for line in lines[:-1])
    # Jane's PDF holds every scored field in plain order: the holdout layouts read her whole.
    assert "company=1.000 position=1.000" in lines[0]
    assert sorted(p.parent.name for p in cache.glob("*/*.pdf")) == sorted(people(Part.TUNE, 2) * 2)
    assert set(SETS["tune"]) | HOLDOUT == set(TEMPLATES) and not set(SETS["tune"]) & HOLDOUT


def test_holdout_templates_are_never_looked_into(tmp_path):
    with pytest.raises(SystemExit):
        main(["--corpus", str(tmp_path), "--set", "holdout", "--verbose"])
