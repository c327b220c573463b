"""The Job descriptions library (AppTest): create, rename, edit as a new version,
archive and restore; a posting too short is refused with the reason; a pasted posting
used unnamed is kept for its batch but not listed."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
import streamlit as st
from streamlit.testing.v1 import AppTest

from db.connection import get_engine
from db.migrate import upgrade
from db.models import AuditEvent
from db.queries import job_descriptions
from db.store import save_job_description
from engine.orchestration.auth import local_identity
from ui.common import IDENTITY_KEY
from tests.support.batches import JOB


@pytest.fixture
def page(sqlite_url, monkeypatch) -> AppTest:
    upgrade(sqlite_url)
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    st.cache_resource.clear()  # settings and the candidate source are per server
    app = AppTest.from_file("../../ui/job_descriptions.py", default_timeout=60)
    app.session_state[IDENTITY_KEY] = local_identity()
    return app


def button(app: AppTest, label: str, nth: int = 0):
    return [b for b in app.button if b.label == label][nth]


def test_create_rename_new_version_archive_restore(page: AppTest, sqlite_url):
    page.run()
    page.text_input[0].input("Backend")
    page.text_area[0].input(JOB.text)
    button(page, "Save to the library").click().run()
    [saved] = job_descriptions(sqlite_url)
    assert (saved.title, saved.version) == ("Backend", 1)

    page.text_input[1].input("Backend engineer")
    button(page, "Rename").click().run()
    assert job_descriptions(sqlite_url)[0].title == "Backend engineer"

    page.text_area[1].input(JOB.text + "\nKubernetes experience is a plus.")
    button(page, "Save as new version").click().run()
    [latest] = job_descriptions(sqlite_url)
    assert latest.version == 2 and latest.id != saved.id and "Kubernetes" in latest.text

    button(page, "Archive").click().run()
    assert job_descriptions(sqlite_url) == []
    assert [j.version for j in job_descriptions(sqlite_url, archived=True)] == [2]
    button(page, "Restore").click().run()
    assert [j.title for j in job_descriptions(sqlite_url)] == ["Backend engineer"]
    with get_engine(sqlite_url).connect() as conn:
        actions = conn.execute(sa.select(AuditEvent.action).order_by(AuditEvent.id)).scalars().all()
    assert actions == ["job_description.renamed", "job_description.edited",
                       "job_description.archived", "job_description.restored"]


def test_a_too_short_posting_is_refused_with_the_reason(page: AppTest, sqlite_url):
    page.run()
    page.text_input[0].input("Dev")
    page.text_area[0].input("Python please")
    button(page, "Save to the library").click().run()
    assert any("too short" in e.value for e in page.error)
    assert job_descriptions(sqlite_url) == []


def test_an_unnamed_pasted_posting_is_not_listed(sqlite_url):
    upgrade(sqlite_url)
    save_job_description(sqlite_url, "Pasted", JOB.text, "someone", in_library=False)
    assert job_descriptions(sqlite_url) == []
