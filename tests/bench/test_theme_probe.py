"""bench.theme_probe without npm or Chromium: the theme picks, who is rendered, and how a
PDF made here with PyMuPDF is scored into its theme's line; with --printer wkhtmltopdf too
(one test prints a theme with the real wkhtmltopdf, when it is installed)."""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from bench import jsonresume_render, theme_probe
from bench.corpus_split import Part, part_of
from bench.theme_probe import (HOLDOUT, SETS, THEMES, WK_SETS, WK_THEMES, main, node_dir_of,
                               probe_pdfs, score_pdfs, themes_for)
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


# --printer wkhtmltopdf: the pool, the picks, the binary. .ci/run installs wkhtmltopdf (a
# Debian package: apt-get install wkhtmltopdf); the one test that runs it is skipped only
# outside CI on a machine without it, and the others fake it.
WK = {"printer": "wkhtmltopdf"}
HAS_WKHTMLTOPDF = jsonresume_render.WKHTMLTOPDF.is_file()


def test_wkhtmltopdfs_pool_has_parse_evals_themes_as_tune_themes():
    assert WK_THEMES == jsonresume_render.THEMES + THEMES
    assert set(jsonresume_render.THEMES) <= set(WK_SETS["tune"])
    assert set(WK_SETS["tune"]) == set(WK_THEMES) - HOLDOUT
    assert set(WK_SETS["holdout"]) == HOLDOUT and not HOLDOUT & set(WK_SETS["tune"])
    assert {node_dir_of(t) for t in jsonresume_render.THEMES} == {jsonresume_render.NODE_DIR}
    assert {node_dir_of(t) for t in THEMES} == {theme_probe.NODE_DIR}


def test_wkhtmltopdfs_picks_are_stable_distinct_and_not_chromiums():
    assert themes_for("person-0", **WK) == ["autumn", "crisp", "mocha-responsive"]
    picked, same = set(), 0
    for name in (f"person-{i}" for i in range(300)):
        themes = themes_for(name, **WK)
        assert themes == themes_for(name, **WK)
        assert len(set(themes)) == theme_probe.WK_THEMES_PER_PERSON
        picked |= set(themes)
        same += set(themes) <= set(themes_for(name))
    assert picked == set(WK_THEMES)
    assert same < 10  # another hash: a person's picks are not Chromium's


def test_wkhtmltopdfs_pdfs_have_a_folder_of_their_own_and_tune_no_holdout(tmp_path):
    tune, report = people(Part.TUNE, 40), people(Part.REPORT, 4)
    corpus = corpus_with(tmp_path, tune + report)
    cache = tmp_path / "cache"
    wanted = probe_pdfs(corpus, cache, WK_SETS["tune"], **WK)
    assert {pdf.parent.name for _, _, pdf in wanted} <= set(tune)
    assert all(pdf == cache / "wkhtmltopdf" / pdf.parent.name / f"{theme}.pdf"
               for theme, _, pdf in wanted)
    picked = {theme for theme, _, _ in wanted}
    assert picked & set(jsonresume_render.THEMES) and not picked & HOLDOUT
    holdout = probe_pdfs(corpus, cache, WK_SETS["holdout"], **WK)
    assert holdout and {theme for theme, _, _ in holdout} <= HOLDOUT


def test_a_missing_wkhtmltopdf_is_a_clear_error(tmp_path, monkeypatch, capsys):
    corpus = corpus_with(tmp_path, ["person-0"])
    monkeypatch.setattr(jsonresume_render, "WKHTMLTOPDF", tmp_path / "no-wkhtmltopdf")
    assert main(["--corpus", str(corpus), "--cache", str(tmp_path / "cache"),
                 "--printer", "wkhtmltopdf"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (f"theme_probe: {tmp_path / 'no-wkhtmltopdf'} is missing: "
                   "apt-get install wkhtmltopdf\n")
    with pytest.raises(jsonresume_render.RenderError, match="apt-get install wkhtmltopdf"):
        jsonresume_render.print_wkhtmltopdf([("<p>x</p>", tmp_path / "x.pdf")])


def fake_wkhtmltopdf(tmp_path: Path) -> Path:
    """Prints a page by copying a PDF made here, or fails on a page that says FAIL."""
    script = tmp_path / "wkhtmltopdf"
    (tmp_path / "made.pdf").write_bytes(resume_pdf())
    script.write_text("#!/bin/sh\n"
                      'for a; do page="$out"; out="$a"; done\n'
                      'if grep -q FAIL "$page"; then echo "Error: boom" >&2; exit 1; fi\n'
                      f'cp {tmp_path / "made.pdf"} "$out"\n')
    script.chmod(0o755)
    return script


def test_a_failing_wkhtmltopdf_print_is_reported_and_the_others_printed(tmp_path, monkeypatch):
    monkeypatch.setattr(jsonresume_render, "WKHTMLTOPDF", fake_wkhtmltopdf(tmp_path))
    good, bad = tmp_path / "cache" / "a" / "flat.pdf", tmp_path / "cache" / "a" / "even.pdf"
    failures = jsonresume_render.print_wkhtmltopdf([("<p>FAIL</p>", bad), ("<p>ok</p>", good)])
    assert failures == [f"{bad}: wkhtmltopdf exited 1: Error: boom"]
    assert good.read_bytes() == (tmp_path / "made.pdf").read_bytes() and not bad.exists()
    assert sorted(p.name for p in good.parent.iterdir()) == ["flat.pdf"]  # no temporary left


def test_wkhtmltopdfs_lines_say_their_printer(tmp_path, monkeypatch, capsys):
    person = "person-0"  # TUNE; wkhtmltopdf picks autumn (holdout), crisp, mocha-responsive
    corpus = corpus_with(tmp_path, [person])
    cache = tmp_path / "cache"
    (cache / "wkhtmltopdf" / person).mkdir(parents=True)
    (cache / "wkhtmltopdf" / person / "crisp.pdf").write_bytes(resume_pdf())
    monkeypatch.setattr(jsonresume_render, "WKHTMLTOPDF", fake_wkhtmltopdf(tmp_path))
    monkeypatch.setattr(theme_probe, "NODE_DIR", tmp_path / "no-themes")
    assert main(["--corpus", str(corpus), "--cache", str(cache), "--printer", "wkhtmltopdf"]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert len(lines) == len(WK_SETS["tune"]) + 1
    assert ("theme_probe theme=crisp files=1 n=12 total=0.917 company=1.000 position=1.000 "
            "bullet=1.000 institution=1.000 skills=0.750 errors=0 failed=0 set=tune "
            "printer=wkhtmltopdf") in lines
    assert ("theme_probe theme=even files=0 n=0 total=0.000 company=0.000 position=0.000 "
            "bullet=0.000 institution=0.000 skills=0.000 errors=0 failed=0 set=tune "
            "printer=wkhtmltopdf") in lines
    assert lines[-1].endswith("errors=0 failed=1 set=tune printer=wkhtmltopdf")
    assert "theme_probe failed: jsonresume-theme-mocha-responsive is not installed" in err
    assert not (cache / "wkhtmltopdf" / person / "autumn.pdf").exists()


def test_a_theme_printed_by_wkhtmltopdf_is_scored(tmp_path):
    if not HAS_WKHTMLTOPDF:
        reason = "no /usr/bin/wkhtmltopdf: apt-get install wkhtmltopdf"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    node_dir = jsonresume_render.NODE_DIR
    if not (node_dir / "node_modules" / "jsonresume-theme-flat").is_dir():
        done = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"],
                              cwd=node_dir, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-500:]
    resume = tmp_path / "resume.json"
    resume.write_text(json.dumps(JANE))
    pdf = tmp_path / "cache" / "wkhtmltopdf" / "person-0" / "flat.pdf"
    # flat links its CSS and fonts from CDNs: refused, the page printed all the same.
    assert theme_probe.render([("flat", resume, pdf)], "wkhtmltopdf") == []
    assert pdf.read_bytes().startswith(b"%PDF")
    result = score_pdfs([("flat", resume, pdf)], ("flat",))["flat"]
    assert (result.files, result.errors) == (1, 0)
    n, total = result.score.accuracy(theme_probe.TOTAL_FIELDS)
    assert n >= 12 and total >= 0.9, result.score.misses
