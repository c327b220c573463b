"""bench.theme_probe without npm or Chromium: the theme picks, who is rendered, and how a
PDF made here with PyMuPDF is scored into its theme's line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bench import jsonresume_render, theme_probe
from bench.corpus_split import Part, part_of
from bench.theme_probe import HOLDOUT, SETS, THEMES, main, probe_pdfs, score_pdfs, themes_for
from tests.support.resumes import PdfSpec, PdfText, make_pdf, resume_pdf

# The person of tests.support.resumes.RESUME_LINES as a resume.json; Initech and Rust are
# not in the PDF (so not scored), the skill group "Data" is (in "Senior Data Engineer").
JANE = {
    "basics": {"name": "Jane Doe", "email": "jane.doe@example.com",
               "phone": "+1 (555) 010-2030"},
    "work": [
        {"name": "Acme Analytics Inc.", "position": "Senior Data Engineer",
         "startDate": "2020-01", "highlights": [
             "Built streaming pipelines in Python and Kafka for 40 teams",
             "Cut warehouse costs by 30% with Snowflake clustering"]},
        {"name": "Globex Corporation", "position": "Data Engineer", "startDate": "2016-06",
         "endDate": "2019-12", "highlights": ["Maintained Airflow DAGs and PostgreSQL schemas"]},
        {"name": "Initech", "position": "Intern", "startDate": "2015-06"},
    ],
    "education": [{"institution": "University of Texas", "studyType": "B.S.",
                   "area": "Computer Science"}],
    "skills": [{"name": "Data", "keywords": ["Python", "SQL", "Kafka", "Rust"]}],
}


def people(part: Part, count: int) -> list[str]:
    names = (f"person-{i}" for i in range(1000))
    return [name for name in names if part_of(name) == part][:count]


def corpus_with(tmp_path: Path, names: list[str]) -> Path:
    corpus = tmp_path / "corpus"
    for name in names:
        (corpus / "labelled" / name).mkdir(parents=True)
        (corpus / "labelled" / name / "resume.json").write_text(json.dumps(JANE))
    return corpus


def test_the_themes_are_the_pinned_ones_and_none_of_parse_evals():
    folder = Path(theme_probe.__file__).parent / "jsonresume_probe"
    package = json.loads((folder / "package.json").read_text())
    lock = json.loads((folder / "package-lock.json").read_text())
    assert sorted(name.removeprefix("jsonresume-theme-") for name in package["dependencies"]) \
        == list(THEMES)
    assert all(re.fullmatch(r"\d+\.\d+\.\d+", v) for v in package["dependencies"].values())
    assert lock["packages"][""]["dependencies"] == package["dependencies"]
    assert not set(THEMES) & set(jsonresume_render.THEMES)
    assert "papirus" not in THEMES
    assert HOLDOUT < set(THEMES)
    assert set(SETS["tune"]) == set(THEMES) - HOLDOUT and set(SETS["holdout"]) == HOLDOUT


def test_a_persons_themes_are_stable_distinct_and_probe_themes():
    assert themes_for("person-0") == ["relaxed", "spartan", "cora", "modern"]
    picked = set()
    for name in (f"person-{i}" for i in range(300)):
        themes = themes_for(name)
        assert themes == themes_for(name)
        assert len(set(themes)) == theme_probe.THEMES_PER_PERSON
        assert set(themes) <= set(THEMES)
        picked |= set(themes)
    assert picked == set(THEMES)


def test_only_tune_people_with_a_resume_json_are_picked(tmp_path):
    tune, report = people(Part.TUNE, 4), people(Part.REPORT, 4)
    corpus = corpus_with(tmp_path, tune[:3] + report)
    (corpus / "labelled" / tune[3]).mkdir()  # no resume.json
    wanted = probe_pdfs(corpus, tmp_path / "cache", THEMES)
    assert {pdf.parent.name for _, _, pdf in wanted} == set(tune[:3])
    for set_name, themes in SETS.items():
        picks = probe_pdfs(corpus, tmp_path / "cache", themes)
        assert picks and all(theme in themes for theme, _, _ in picks), set_name
        assert all(pdf.name == f"{theme}.pdf" for theme, _, pdf in picks)


def test_a_pdf_is_scored_into_its_themes_line_and_the_rest_fail_to_render(
        tmp_path, monkeypatch, capsys):
    person = "person-0"  # TUNE; picks relaxed, spartan, cora, modern (spartan, cora: tune)
    corpus = corpus_with(tmp_path, [person])
    cache = tmp_path / "cache"
    (cache / person).mkdir(parents=True)
    (cache / person / "spartan.pdf").write_bytes(resume_pdf())
    monkeypatch.setattr(theme_probe, "NODE_DIR", tmp_path / "no-themes")  # cora can't render
    assert main(["--corpus", str(corpus), "--cache", str(cache)]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == len(SETS["tune"]) + 1
    # 12 fields: name, email, phone, two employers and titles, the school, four skills;
    # the one miss is the skill group "Data", which the PDF shows only inside a title.
    assert ("theme_probe theme=spartan files=1 n=12 total=0.917 company=1.000 position=1.000 "
            "bullet=1.000 institution=1.000 skills=0.750 errors=0 failed=0 set=tune") in lines
    assert ("theme_probe theme=cora files=0 n=0 total=0.000 company=0.000 position=0.000 "
            "bullet=0.000 institution=0.000 skills=0.000 errors=0 failed=1 set=tune") in lines
    assert lines[-1] == ("theme_probe total: files=1 n=12 field_accuracy=0.917 company=1.000 "
                         "position=1.000 bullet=1.000 institution=1.000 skills=0.750 errors=0 "
                         "failed=1 set=tune")
    assert "theme_probe failed: jsonresume-theme-cora is not installed" in err
    assert not (cache / person / "relaxed.pdf").exists()  # holdout: not rendered for tune


def test_a_pdf_over_the_page_limit_is_an_error_line(tmp_path, capsys):
    corpus = corpus_with(tmp_path, ["person-0"])
    pdf = tmp_path / "cache" / "person-0" / "spartan.pdf"
    pdf.parent.mkdir(parents=True)
    pdf.write_bytes(make_pdf(PdfSpec(texts=[PdfText("Jane Doe")], pages=31)))
    wanted = [("spartan", corpus / "labelled" / "person-0" / "resume.json", pdf)]
    results = score_pdfs(wanted, ("spartan",))
    assert (results["spartan"].files, results["spartan"].errors) == (1, 1)
    assert "theme_probe error: person-0/spartan.pdf: too_many_pages" in capsys.readouterr().err


def test_holdout_themes_are_not_looked_into(tmp_path):
    with pytest.raises(SystemExit):
        main(["--corpus", str(tmp_path), "--set", "holdout", "--verbose"])
