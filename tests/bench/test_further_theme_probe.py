"""bench.further_theme_probe without npm or Chromium: its pinned themes, the picks, who is
rendered, and how a PDF made here with PyMuPDF is scored into its theme's line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bench import jsonresume_render, further_theme_probe, theme_probe
from bench.corpus_split import Part
from bench.further_theme_probe import HOLDOUT, SETS, THEMES, main, probe_pdfs, themes_for
from tests.bench.test_theme_probe import corpus_with, people
from tests.support.resumes import resume_pdf


def test_the_themes_are_the_pinned_ones_and_no_other_probes():
    folder = Path(further_theme_probe.__file__).parent / "jsonresume_further"
    package = json.loads((folder / "package.json").read_text())
    lock = json.loads((folder / "package-lock.json").read_text())
    assert sorted(name.removeprefix("jsonresume-theme-") for name in package["dependencies"]) \
        == list(THEMES)
    assert all(re.fullmatch(r"\d+\.\d+\.\d+", v) for v in package["dependencies"].values())
    assert lock["packages"][""]["dependencies"] == package["dependencies"]
    assert not set(THEMES) & (set(jsonresume_render.THEMES) | set(theme_probe.THEMES))
    assert HOLDOUT < set(THEMES)
    assert set(SETS["tune"]) == set(THEMES) - HOLDOUT and set(SETS["holdout"]) == HOLDOUT


def test_a_persons_themes_are_stable_distinct_and_cover_the_pool():
    assert themes_for("person-0") == ["mantra", "paper-plus-plus", "ace"]
    picked = set()
    for name in (f"person-{i}" for i in range(300)):
        themes = themes_for(name)
        assert themes == themes_for(name)
        assert len(set(themes)) == further_theme_probe.THEMES_PER_PERSON
        picked |= set(themes)
    assert picked == set(THEMES)


def test_only_tune_people_with_a_resume_json_are_picked_each_set_its_own_themes(tmp_path):
    tune, report = people(Part.TUNE, 12), people(Part.REPORT, 4)
    corpus = corpus_with(tmp_path, tune[:11] + report)
    (corpus / "labelled" / tune[11]).mkdir()  # no resume.json
    cache = tmp_path / "cache"
    everyone = probe_pdfs(corpus, cache, THEMES)
    assert {pdf.parent.name for _, _, pdf in everyone} == set(tune[:11])
    assert all(pdf == cache / pdf.parent.name / f"{theme}.pdf" for theme, _, pdf in everyone)
    for set_name, themes in SETS.items():
        picks = probe_pdfs(corpus, cache, themes)
        assert picks and {theme for theme, _, _ in picks} <= set(themes), set_name


def test_a_pdf_is_scored_into_its_themes_line_and_the_rest_fail_to_render(
        tmp_path, monkeypatch, capsys):
    person = "person-5"  # TUNE; picks paper-plus-plus, ace, fresh (ace: holdout)
    corpus = corpus_with(tmp_path, [person])
    cache = tmp_path / "cache"
    (cache / person).mkdir(parents=True)
    (cache / person / "fresh.pdf").write_bytes(resume_pdf())
    monkeypatch.setattr(further_theme_probe, "NODE_DIR", tmp_path / "no-themes")
    assert main(["--corpus", str(corpus), "--cache", str(cache)]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    # One line a tune theme, then the total, as bench.theme_probe.report prints them
    # (tests.bench.test_theme_probe checks their figures for this person).
    by_theme = {line.split()[1]: line for line in lines[:-1]}
    assert list(by_theme) == [f"theme={theme}" for theme in SETS["tune"]]
    assert " files=1 n=12 total=0.917 " in by_theme["theme=fresh"]
    assert " files=0 n=0 " in by_theme["theme=paper-plus-plus"]
    assert by_theme["theme=paper-plus-plus"].endswith(" failed=1 set=tune")
    assert lines[-1].startswith("further_theme_probe total: files=1 n=12 ")
    assert "further_theme_probe failed: jsonresume-theme-paper-plus-plus is not installed" in err
    assert not (cache / person / "ace.pdf").exists()  # holdout: not rendered for tune


def test_holdout_themes_are_not_looked_into(tmp_path):
    with pytest.raises(SystemExit):
        main(["--corpus", str(tmp_path), "--set", "holdout", "--verbose"])
