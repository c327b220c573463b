"""Export on SQLite and PostgreSQL: the CSV of approved runs (email, job title, reviewer,
note, decided at) with its filters, read back with the csv module; a ZIP of a batch's
approved PDFs in each template, read back with PyMuPDF; rendering over its budget fails
with a clear ``resume_too_complex``, never a crash."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pymupdf
import pytest

from db import store
from db.exports import ExportFilter
from db.models import utcnow
from engine.errors import TailorError
from engine.orchestration.batches import start_batch
from engine.orchestration.export import (CSV_COLUMNS, DocumentFormat, agency, approved_pdfs,
                                         export_csv, layout, render, zip_of)
from engine.orchestration.jobs import process_run
from engine.orchestration.review import approve_run, reject_run
from engine.render.documents import Template
from engine.resume import Resume
from settings import ROOT
from tests.support.batches import JOB, Tailor, clear_queue, make_tailor
from tests.support.long_resume import long_resume
from tests.support.resumes import png_bytes


@pytest.fixture
def tailor(database_url: str, redis_url: str, monkeypatch) -> Iterator[Tailor]:
    tailor = make_tailor(database_url, redis_url, 4)
    for name, value in tailor.env.items():
        monkeypatch.setenv(name, value)
    yield tailor
    clear_queue(tailor)


@pytest.fixture
def decided(tailor: Tailor) -> dict[str, int]:
    """A processed batch of four: 1 and 2 approved, 3 rejected, 4 undecided."""
    settings = tailor.settings
    batch_id = start_batch(settings, ["1", "2", "3", "4"], JOB, "tester")
    runs = {r.candidate_id: r.id for r in store.run_steps(settings.database_url, batch_id)}
    process_run(runs["1"])  # takes on the whole batch
    approve_run(settings, runs["1"], "ann@example.com", note="=HYPERLINK(\"x\")")
    approve_run(settings, runs["2"], "bob@example.com")
    reject_run(settings, runs["3"], "ann@example.com", note="not a fit")
    return {**runs, "batch": batch_id}


def read_csv(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_approved_runs_by_default_with_email_job_title_reviewer_note(tailor, decided):
    settings = tailor.settings
    rows = read_csv(export_csv(settings, ExportFilter(batch_id=decided["batch"])))
    assert [r["candidate_id"] for r in rows] == ["1", "2"]
    first = rows[0]
    assert first["decision"] == "approved" and first["reviewer"] == "ann@example.com"
    assert first["note"] == "'=HYPERLINK(\"x\")"  # formula-safe
    assert first["job_title"] == JOB.title
    assert "@" in first["email"]
    decided_at = datetime.fromisoformat(first["decided_at"])  # in UTC (SQLite keeps it naive)
    assert decided_at.utcoffset() in (None, timedelta(0))
    assert abs(decided_at.replace(tzinfo=UTC) - utcnow()) < timedelta(minutes=5)
    resume = Resume.model_validate(store.load_run(settings.database_url, decided["1"]).optimized_resume)
    assert first["email"] == resume.email
    assert resume.experience[0].bullets[0].text.split()[0] in first["optimized_text"]

    everything = read_csv(export_csv(settings, ExportFilter(batch_id=decided["batch"],
                                                            include_all=True)))
    assert [(r["candidate_id"], r["decision"]) for r in everything] == [
        ("1", "approved"), ("2", "approved"), ("3", "rejected"), ("4", "")]
    assert all(r["email"] for r in everything)  # undecided runs: from the resume read
    undecided = Resume.model_validate(store.load_run(settings.database_url, decided["4"])
                                      .optimized_resume)
    assert everything[3]["optimized_text"] == undecided.to_text()  # read in the one bulk parse
    assert everything[0]["optimized_text"] == first["optimized_text"]  # stored at approval


def test_csv_filters_by_batch_and_date(tailor, decided):
    settings = tailor.settings
    other = start_batch(settings, ["1"], JOB, "tester")
    now = utcnow()
    assert read_csv(export_csv(settings, ExportFilter(batch_id=other))) == []
    assert len(read_csv(export_csv(settings, ExportFilter()))) == 2  # every batch
    assert len(read_csv(export_csv(settings, ExportFilter(
        since=now - timedelta(hours=1), until=now + timedelta(hours=1))))) == 2
    assert read_csv(export_csv(settings, ExportFilter(since=now + timedelta(hours=1)))) == []
    assert read_csv(export_csv(settings, ExportFilter(until=now - timedelta(hours=1)))) == []



def export_cli(tailor: Tailor, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "engine", "export", *args], cwd=ROOT,
                          env={**os.environ, **tailor.env}, capture_output=True, text=True,
                          timeout=120)


def test_cli_export_is_the_export_pages_csv_approved_unless_all(tailor, decided, tmp_path):
    settings, batch, out = tailor.settings, str(decided["batch"]), tmp_path / "out.csv"
    result = export_cli(tailor, batch, "--csv", str(out))
    assert result.returncode == 0, result.stderr
    assert "wrote 2 rows" in result.stdout
    text = out.read_text(encoding="utf-8")
    assert text == export_csv(settings, ExportFilter(batch_id=decided["batch"]))
    assert next(csv.reader(io.StringIO(text))) == CSV_COLUMNS
    assert [r["reviewer"] for r in read_csv(text)] == ["ann@example.com", "bob@example.com"]

    assert "wrote 4 rows" in export_cli(tailor, batch, "--csv", str(out), "--all").stdout
    assert [r["decision"] for r in read_csv(out.read_text(encoding="utf-8"))] == [
        "approved", "approved", "rejected", ""]
    today = utcnow().date()
    assert "wrote 2 rows" in export_cli(tailor, batch, "--csv", str(out), "--since",
                                        str(today), "--until", str(today)).stdout
    later = str(today + timedelta(days=1))
    assert "wrote 0 rows" in export_cli(tailor, batch, "--csv", str(out), "--since", later).stdout
    bad = export_cli(tailor, batch, "--csv", str(out), "--since", "29/11/2026")
    assert bad.returncode == 2 and "--since: invalid fromisoformat value" in bad.stderr


@pytest.mark.parametrize("template", list(Template), ids=str)
def test_zip_holds_one_pdf_per_approved_run(tailor, decided, template, tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(png_bytes(90, 30))
    settings = tailor.settings.model_copy(update={"agency_name": "Northwind Talent",
                                                  "agency_logo": logo})
    documents = list(approved_pdfs(settings, decided["batch"], template))
    assert [d.error for d in documents] == [None, None]
    archive = zipfile.ZipFile(io.BytesIO(zip_of(documents)))
    names = sorted(archive.namelist())
    runs = [store.load_run(settings.database_url, decided[c]) for c in ("1", "2")]
    if template.named:
        assert names == sorted(f"{r.candidate_name.replace(' ', '_')}-tailored.pdf" for r in runs)
    else:
        assert names == sorted(f"candidate-C-{r.id:05d}.pdf" for r in runs)
    for run in runs:
        entry = next(n for n in names if (run.candidate_name.replace(" ", "_") in n
                                          if template.named else f"{run.id:05d}" in n))
        with pymupdf.open(stream=archive.read(entry), filetype="pdf") as pdf:
            text = " ".join(page.get_text() for page in pdf)
            first = pdf[0].get_text()
        assert (run.candidate_name in first) == template.named
        assert template.named or run.candidate_name.split()[-1] not in text
        assert template.named or "Northwind Talent" in first


def test_rendering_over_budget_is_a_clear_error(tailor):
    settings = tailor.settings.model_copy(update={"parse_seconds": 0.05})
    with pytest.raises(TailorError) as raised:
        render(settings, long_resume(jobs=40), layout(settings, Template.MODERN, 7))
    assert raised.value.code == "resume_too_complex"
    assert "too large to render as PDF" in str(raised.value)
    small = tailor.settings
    data = render(small, long_resume(jobs=1), layout(small, Template.CLASSIC, 7),
                  DocumentFormat.DOCX)
    assert data[:2] == b"PK"


def test_agency_comes_from_settings(tailor, tmp_path):
    logo = tmp_path / "logo.png"
    logo.write_bytes(png_bytes(10, 10))
    settings = tailor.settings.model_copy(update={"agency_name": "Acme", "agency_logo": logo})
    assert agency(settings).name == "Acme" and agency(settings).logo == logo.read_bytes()
    assert agency(tailor.settings).logo is None


def test_a_logo_that_is_missing_or_not_an_image_stops_start_up(tmp_path):
    from pathlib import Path

    from settings import ConfigError, load_settings

    text = tmp_path / "logo.svg"
    text.write_text("<svg/>")
    for value, reason in ((str(text), "PNG, JPEG or GIF"), (str(tmp_path / "no.png"), "exists")):
        with pytest.raises(ConfigError, match=f"TAILOR_AGENCY_LOGO: .*{reason}"):
            load_settings({"TAILOR_AGENCY_LOGO": value}, secrets_file=Path("/nonexistent"))
