"""The Export page's logic (AppTest) on a processed batch with two approved runs, one
rejected and one undecided: the template choice, the preview images, PDF/DOCX downloads,
the ZIP built on request, the CSV with its filters, and a resume over the rendering
budget shown as an error (not a traceback)."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from db import store
from engine.orchestration.auth import local_identity
from engine.orchestration.batches import start_batch
from engine.orchestration.review import approve_run, reject_run
from engine.render.documents import Template
from tests.support.batches import JOB, Tailor, clear_queue, tailored_for_pages
from ui.common import IDENTITY_KEY

ZIP_KEY = "export_zip"  # ui/export.py runs as a script when imported: its key, repeated


@pytest.fixture
def tailor(sqlite_url: str, redis_url: str, monkeypatch) -> Iterator[Tailor]:
    tailor, runs = tailored_for_pages(sqlite_url, redis_url, monkeypatch)
    approve_run(tailor.settings, runs[0].id, "ann")
    approve_run(tailor.settings, runs[1].id, "ann", note="good")
    reject_run(tailor.settings, runs[2].id, "ann")
    yield tailor
    clear_queue(tailor)


def open_page() -> AppTest:
    st.cache_resource.clear()  # settings are per server
    st.cache_data.clear()
    app = AppTest.from_file("../../ui/export.py", default_timeout=90)
    app.session_state[IDENTITY_KEY] = local_identity()
    return app.run()


def captions(app: AppTest) -> str:
    return " ".join(c.value for c in app.caption)


def test_preview_and_downloads_follow_the_template(tailor):
    app = open_page()
    assert not app.exception, app.exception
    assert [o for o in app.radio[0].options] == ["Classic", "Modern (two columns)",
                                                 "Anonymised client submission"]
    assert not app.error, [e.value for e in app.error]
    assert 1 <= len(app.get("image")) <= 2  # the preview: the PDF's first page(s)
    assert "Preview, " in captions(app)
    name = store.load_run(tailor.settings.database_url, 1).candidate_name
    assert app.selectbox[1].options[0].startswith(name)
    app.radio[0].set_value(Template.ANONYMISED).run()
    assert not app.exception and not app.error
    assert "Preview, " in captions(app) and app.get("image")


def test_zip_is_built_on_request_for_the_chosen_template(tailor):
    app = open_page()
    assert ZIP_KEY not in app.session_state
    next(b for b in app.button if b.label.startswith("Build ZIP of 2")).click().run()
    assert not app.exception and not app.warning, [w.value for w in app.warning]
    batch_id, template, data, failed = app.session_state[ZIP_KEY]
    assert (batch_id, template, failed) == (1, "classic", [])
    assert len(zipfile.ZipFile(io.BytesIO(data)).namelist()) == 2
    app.radio[0].set_value(Template.MODERN).run()  # another template: the old ZIP is not offered
    assert app.session_state[ZIP_KEY][1] == "classic"


def test_csv_counts_approved_runs_unless_all_are_asked_for(tailor):
    app = open_page()
    assert "2 approved runs" in captions(app)
    next(t for t in app.toggle if t.label.startswith("Include")).set_value(True).run()
    assert "4 runs" in captions(app)
    next(t for t in app.toggle if t.label == "This batch only").set_value(False).run()
    assert "4 runs" in captions(app)
    tomorrow = date.today() + timedelta(days=1)
    app.date_input[0].set_value((tomorrow, tomorrow + timedelta(days=7))).run()
    assert "0 runs" in captions(app)
    assert next(b for b in app.get("download_button") if "CSV" in b.proto.label).proto.disabled
    app.date_input[0].set_value((date.today() - timedelta(days=1), date.today())).run()
    assert "4 runs" in captions(app)


def test_a_resume_over_the_rendering_budget_is_an_error_on_the_page(tailor, monkeypatch):
    monkeypatch.setenv("TAILOR_PARSE_SECONDS", "0.01")
    app = open_page()
    assert not app.exception
    assert any("too large to preview" in e.value for e in app.error)
    assert "2 approved runs" in captions(app)  # the rest of the page still works


def test_no_approved_resume_says_where_to_approve(tailor, monkeypatch):
    batch_id = start_batch(tailor.settings, ["4"], JOB, "tester")
    app = open_page()
    app.selectbox[0].set_value(batch_id).run()
    assert any("No approved resumes" in i.value for i in app.info)
    assert not any(b.label.startswith("Build ZIP") for b in app.button)
