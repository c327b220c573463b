"""The Candidates page's logic (AppTest): the selection survives paging and searching,
the tray removes and clears, prev/next paging, multi-value partial filters, and a job
description too short or without requirements refused before a batch starts."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from db.migrate import upgrade
from demo.people import make_person
from demo.seed import seed_candidates
from engine.orchestration.auth import local_identity
from ui.common import IDENTITY_KEY
from ui.selection import KEY, merged_selection

COUNT = 60


@pytest.fixture
def page(sqlite_url, monkeypatch) -> AppTest:
    upgrade(sqlite_url)
    seed_candidates(sqlite_url, COUNT)
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    monkeypatch.setenv("GEMINI_API_KEY", "")
    st.cache_resource.clear()  # settings and the candidate source are per server
    app = AppTest.from_file("../../ui/candidates.py", default_timeout=60)
    app.session_state[IDENTITY_KEY] = local_identity()
    return app.run()


def selected(app: AppTest) -> list[str]:
    return list(app.session_state[KEY]["ids"])


def test_merged_selection_keeps_other_pages_and_follows_this_pages_ticks():
    assert merged_selection(["1", "2", "7"], ["1", "2", "3"], ["2", "3"]) == ["2", "7", "3"]
    assert merged_selection([], ["1"], []) == []


def test_paging_keeps_the_selection_and_the_tray_counts_it(page: AppTest):
    assert not page.exception
    page.session_state[KEY] = {"ids": {"1": None, "2": None, "3": None}, "version": 0}
    next_button = next(b for b in page.button if b.label == "Next ›")
    next_button.click().run()
    assert any("Showing 51–60 of 60 candidates" in c.value for c in page.caption)
    assert selected(page) == ["1", "2", "3"]
    assert page.sidebar.markdown[0].value == "### 3 selected"
    next(b for b in page.button if b.label == "‹ Previous").click().run()
    assert any("Showing 1–50 of 60" in c.value for c in page.caption)
    page.text_input[0].input(make_person(4).name).run()  # a search keeps it too
    assert selected(page) == ["1", "2", "3"]


def test_tray_removes_one_and_clears(page: AppTest):
    page.session_state[KEY] = {"ids": {"1": None, "2": None, "3": None}, "version": 0}
    page.run()
    tray = page.sidebar.multiselect[0]
    assert len(tray.value) == 3 and make_person(0).name in tray.format_func("1")
    tray.unselect("2").run()
    assert selected(page) == ["1", "3"]
    next(b for b in page.sidebar.button if b.label == "Clear selection").click().run()
    assert selected(page) == [] and page.sidebar.markdown[0].value == "### 0 selected"


def test_select_all_matching_adds_every_match(page: AppTest):
    word = make_person(0).title.split()[-1]
    title_filter = next(m for m in page.multiselect if m.label == "Title")
    title_filter.set_value([word.lower()]).run()
    expected = {str(i + 1) for i in range(COUNT) if word.lower() in make_person(i).title.lower()}
    next(b for b in page.button if b.label.startswith("Select all")).click().run()
    assert set(selected(page)) == expected


@pytest.mark.parametrize("text, reason", [
    ("Python", "too short"),
    ("We are a great company and we love people, come and join our fun team today, "
     "please apply now, thanks a lot for reading this", "no requirements"),
])
def test_a_short_or_requirement_free_job_description_is_refused(page: AppTest, text, reason):
    page.session_state[KEY] = {"ids": {"1": None}, "version": 0}
    page.run()
    page.text_area[0].input(text).run()
    assert any(reason in w.value for w in page.warning)
    next(b for b in page.button if b.label == "Optimize 1 selected").click().run()
    assert any(reason in e.value for e in page.error)
    assert not page.exception
