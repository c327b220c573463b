"""bench.role_names_probe without npm or Chromium: which names it takes from ner_text/ (TUNE
texts only, split into two sets), how it renames a resume.json, and how a PDF of the
renamed roles and school, drawn here with PyMuPDF, is scored into its theme's line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import jsonresume_render, role_names_probe, theme_probe
from bench.corpus_split import Part, part_of
from bench.role_names_probe import main, name_set, ner_names, renamed, themes_for
from tests.bench.test_theme_probe import JANE, corpus_with, people
from tests.support.resumes import PdfSpec, PdfText, make_pdf


def ner_keys(part: Part, count: int) -> list[str]:
    stems = (str(i) for i in range(1000))
    return [stem for stem in stems if part_of(f"ner/{stem}") == part][:count]


def write_ner(corpus: Path, stem: str, labels: list[tuple[str, str]]) -> None:
    body = "\n".join(f'<label type="{kind}">{text}</label>' for kind, text in labels)
    (corpus / "ner_text").mkdir(parents=True, exist_ok=True)
    (corpus / "ner_text" / f"{stem}.xml").write_text(f"<cv>\n{body}\n</cv>", encoding="utf-8")


NAMES = ["Infosys Limited", "Oracle India Pvt Ltd", "Wipro", "Tata Consultancy Services",
         "Standard Bank", "Peppes pizza", "Matrix Advertisers", "Focus Solutions"]


def test_names_come_from_tune_texts_only_and_each_falls_in_one_set(tmp_path):
    (tune,), (report,) = ner_keys(Part.TUNE, 1), ner_keys(Part.REPORT, 1)
    write_ner(tmp_path, tune, [("Companies worked at", n) for n in NAMES] + [
        ("Companies worked at", "infosys limited"),  # the same name in other letters
        ("Companies worked at", "worked on the billing and the reporting of all the stores"),
        ("Companies worked at", "jane@example.com"),
        ("Designation", "Senior Accounts Executive")])
    write_ner(tmp_path, report, [("Companies worked at", "Report Only Corp")])
    sets = {s: ner_names(tmp_path, "Companies worked at", s) for s in ("tune", "holdout")}
    assert sorted(sets["tune"] + sets["holdout"]) == sorted(NAMES)
    assert sets["tune"] and sets["holdout"]
    assert all(name_set(n) == s for s, names in sets.items() for n in names)
    assert ner_names(tmp_path, "Designation", name_set("Senior Accounts Executive")) == [
        "Senior Accounts Executive"]


SCHOOLS = ["Anna University", "Rutgers University", "Air Force Academy"]


def test_a_resume_is_renamed_entry_by_entry_the_same_on_every_run():
    titles = ["Sales Executive", "Circulation Manager", "Key Account Manager"]
    names = {("work", "position"): titles, ("work", "name"): NAMES,
             ("education", "institution"): SCHOOLS}
    data = dict(JANE, work=[dict(JANE["work"][0], company="Old Name"), *JANE["work"][1:]])
    first, again = renamed(data, "person-1", names), renamed(data, "person-1", names)
    assert first == again
    assert data["work"][0]["company"] == "Old Name"  # the source is left as it was
    for old, new in zip(data["work"], first["work"]):
        assert new["position"] in titles and new["name"] in NAMES
        assert "company" not in new
        assert {k: v for k, v in new.items() if k not in ("position", "name", "company")} \
            == {k: v for k, v in old.items() if k not in ("position", "name", "company")}
    (school,) = first["education"]
    assert school["institution"] in SCHOOLS
    assert dict(school, institution="") == dict(data["education"][0], institution="")
    assert first["skills"] == data["skills"] and first["basics"] == data["basics"]
    others = [renamed(data, f"person-{i}", names)["work"][0]["name"] for i in range(40)]
    assert len(set(others)) > 3  # picks spread over the pool


def test_each_person_gets_one_of_parse_evals_themes_and_two_tune_probe_themes():
    picked = set()
    for person in (f"person-{i}" for i in range(300)):
        first, *others = themes = themes_for(person)
        assert themes == themes_for(person)
        assert len(set(themes)) == role_names_probe.THEMES_PER_PERSON
        assert first in jsonresume_render.THEMES
        assert set(others) <= set(theme_probe.SETS["tune"])
        picked |= set(themes)
    assert picked == set(role_names_probe.THEMES)
    assert not picked & theme_probe.HOLDOUT


def renamed_pdf(resume_json: Path) -> bytes:
    """Name, email, each renamed role as "Title, Company" with its dates, and the school."""
    data = json.loads(resume_json.read_text())
    texts = [PdfText("Jane Doe", 72, 60, 18, True), PdfText("jane.doe@example.com", 72, 80),
             PdfText("Experience", 72, 120, 14, True)]
    y = 140.0
    for role in data["work"]:
        texts += [PdfText(f"{role['position']}, {role['name']}", 72, y, 11, True),
                  PdfText(role["startDate"], 430, y),
                  PdfText("Kept the books and the stores in order.", 90, y + 16)]
        y += 40
    (school,) = data["education"]
    texts += [PdfText("Education", 72, y + 10, 14, True),
              PdfText(school["institution"], 72, y + 30, 11, True),
              PdfText("B.S. in Computer Science", 72, y + 46)]
    return make_pdf(PdfSpec(texts=texts))


def test_a_pdf_of_the_renamed_roles_is_scored_into_its_themes_line(tmp_path, monkeypatch,
                                                                   capsys):
    (person,), (stranger,) = people(Part.TUNE, 1), people(Part.REPORT, 1)
    corpus = corpus_with(tmp_path, [person, stranger])
    write_ner(corpus, ner_keys(Part.TUNE, 1)[0],
              [("Companies worked at", n) for n in NAMES]
              + [("College Name", n) for n in SCHOOLS + ["Texas University"]]
              + [("Designation", t) for t in ("Sales Executive", "Circulation Manager",
                                              "Key Account Manager", "Branch Head")])
    cache = tmp_path / "cache"
    for module in (jsonresume_render, theme_probe):
        monkeypatch.setattr(module, "NODE_DIR", tmp_path / "no-themes")
    main(["--corpus", str(corpus), "--cache", str(cache)])  # writes the renamed resume.json
    resume_json = cache / "tune" / person / "resume.json"
    first, second, _ = themes_for(person)
    (resume_json.parent / f"{first}.pdf").write_bytes(renamed_pdf(resume_json))
    stale = resume_json.parent / f"{second}.pdf"
    stale.write_bytes(b"%PDF- of another renaming")
    resume_json.write_text("{}")  # as another pool would have renamed the person
    assert main(["--corpus", str(corpus), "--cache", str(cache)]) == 1  # nothing to score
    assert not stale.exists() and not (resume_json.parent / f"{first}.pdf").exists()
    (resume_json.parent / f"{first}.pdf").write_bytes(renamed_pdf(resume_json))
    capsys.readouterr()
    assert main(["--corpus", str(corpus), "--cache", str(cache)]) == 0
    out, err = capsys.readouterr()
    by_theme = {line.split()[1]: line for line in out.splitlines()[:-1]}
    assert list(by_theme) == [f"theme={t}" for t in role_names_probe.THEMES]
    scored = by_theme[f"theme={first}"]
    assert " company=1.000 position=1.000 " in scored and " institution=1.000 " in scored
    assert " files=1 " in by_theme[f"theme={first}"]
    assert by_theme[f"theme={second}"].endswith(" failed=1 set=tune")
    assert out.splitlines()[-1].startswith("role_names_probe total: files=1 ")
    assert "is not installed" in err
    assert not (cache / "tune" / stranger).exists()  # REPORT people are never renamed


def test_holdout_names_are_not_looked_into(tmp_path):
    with pytest.raises(SystemExit):
        main(["--corpus", str(tmp_path), "--set", "holdout", "--verbose"])
