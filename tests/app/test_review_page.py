"""The Review page's logic (AppTest) on a processed batch: approve auto-advances to the
next undecided result; next/previous; filters; "approve all without findings or flags"
takes only those (a possible misread is a flag); looked-at is stored per reviewer; the
write-back message is honest; each edit is accepted or rejected and a line rewritten,
and the approval stores what the page showed."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
import streamlit as st
from streamlit.testing.v1 import AppTest

from db import store
from db.store.review_looks import looked_runs
from db.connection import get_engine
from db.models import Run
from db.queries import approved_resume, batch_runs
from engine.orchestration.auth import local_identity
from engine.parse.confidence import MISREAD_BELOW
from engine.resume import Resume
from ui.common import IDENTITY_KEY
from tests.support.batches import Tailor, clear_queue, tailored_for_pages
from tests.support.review_edits import plant_reword_edits

FINDING = [{"kind": "employer", "message": "Not in the original.", "text": "Acme",
            "source_id": "experience.0"}]


@pytest.fixture
def tailor(sqlite_url: str, redis_url: str, monkeypatch) -> Iterator[Tailor]:
    tailor, runs = tailored_for_pages(sqlite_url, redis_url, monkeypatch)
    with get_engine(sqlite_url).begin() as conn:  # the second run gets a claim finding,
        conn.execute(sa.update(Run).values(flags=[], claim_findings=[]))  # the others none
        conn.execute(sa.update(Run).where(Run.id == runs[1].id).values(claim_findings=FINDING))
    yield tailor
    clear_queue(tailor)


@pytest.fixture
def page(tailor: Tailor) -> AppTest:
    st.cache_resource.clear()  # settings and the candidate source are per server
    app = AppTest.from_file("../../ui/review.py", default_timeout=60)
    app.session_state[IDENTITY_KEY] = local_identity()
    return app.run()


def button(app: AppTest, start: str):
    return next(b for b in app.button if b.label.startswith(start))


def runs(tailor: Tailor):
    return batch_runs(tailor.settings.database_url, 1)


def test_approve_advances_to_the_next_undecided_and_says_where_it_went(page: AppTest, tailor):
    assert not page.exception
    ids = [r.id for r in runs(tailor)]
    assert page.session_state["open_run"] == ids[0]
    next(b for b in page.button if b.label == "Approve").click().run()
    assert page.session_state["open_run"] == ids[1]
    assert any("own store only" in s.value for s in page.success)
    assert [r.decision for r in runs(tailor)][:2] == ["approved", None]
    button(page, "Next").click().run()
    assert page.session_state["open_run"] == ids[2]
    button(page, "‹ Previous").click().run()
    assert page.session_state["open_run"] == ids[1]
    looked = looked_runs(tailor.settings.database_url, ids, local_identity().actor)
    assert looked == {ids[0], ids[1], ids[2]}


def test_approve_all_without_findings_takes_only_those(page: AppTest, tailor):
    before = runs(tailor)
    clean = {r.id for r in before if not r.findings and not r.flags}
    assert len(clean) == len(before) - 1  # the one with a finding is left out
    button(page, f"Approve all {len(clean)} without findings or flags").click().run()
    approved = {r.id for r in runs(tailor) if r.decision == "approved"}
    assert approved == clean


def test_filters_narrow_the_queue(page: AppTest, tailor):
    page.toggle(key="f_findings").set_value(True).run()
    assert list(page.dataframe[0].value["Findings"]) == [1]
    page.toggle(key="f_findings").set_value(False)
    page.text_input(key="f_name").input("zzz-nobody").run()
    assert any("No result matches" in i.value for i in page.info)



def test_each_edit_is_accepted_or_rejected_and_a_line_rewritten_before_approving(page: AppTest, tailor):
    url = tailor.settings.database_url
    run_id = page.session_state["open_run"]
    accepted, rejected, rewritten = plant_reword_edits(url, run_id)
    page.run()
    assert [c.label for c in page.checkbox][:3] == ["Accept e1", "Accept e2", "Accept e3"]
    assert "job keyword 2 up front" in " ".join(m.value for m in page.markdown)
    page.checkbox(key=f"accept_{run_id}_e2").uncheck().run()
    # Unticked: its line's box starts from the original text again.
    assert page.text_area(key=f"text_{run_id}_e2_0").value == rejected.before
    mine = "Ran the on-call rotation for the payments platform"
    page.text_area(key=f"text_{run_id}_e3_1").input(mine).run()
    changes = re.sub(r"<[^>]+>", "", page.get("html")[0].proto.body)  # words, not markup
    assert accepted.after in changes and mine in changes and rejected.after not in changes
    # A line no edit touched (a misread one, say) rewritten too.
    pick = page.selectbox(key=f"own_pick_{run_id}")
    pick.select_index(next(i for i, o in enumerate(pick.options) if o.startswith("job 2, line 1"))).run()
    untouched = page.selectbox(key=f"own_pick_{run_id}").value
    fixed = "Delivered a multi-region failover for the billing service"
    page.text_area(key=f"own_text_{run_id}_{untouched}").input(fixed).run()
    pick = page.selectbox(key=f"own_pick_{run_id}")  # on to another line: the text is kept
    pick.select_index(next(i for i, o in enumerate(pick.options) if o.startswith("job 2, line 2"))).run()
    next(b for b in page.button if b.label == "Approve").click().run()
    assert any("1 edit(s) rejected, 2 line(s) rewritten by you" in s.value for s in page.success)
    text = Resume.model_validate(approved_resume(url, run_id)).to_text()
    assert accepted.after in text and mine in text and fixed in text
    was = Resume.model_validate(store.load_run(url, run_id).parsed_resume).bullets()[untouched]
    assert was not in text
    # Reopened, the result shows what was approved, not every edit ticked again.
    button(page, "‹ Previous").click().run()
    assert page.session_state["open_run"] == run_id
    assert [c.value for c in page.checkbox][:3] == [True, False, True]
    assert page.text_area(key=f"text_{run_id}_e3_1").value == mine
    shown = re.sub(r"<[^>]+>", "", page.get("html")[0].proto.body)
    assert fixed in shown and rejected.after not in shown
    fresh = AppTest.from_file("../../ui/review.py", default_timeout=60)  # another session
    fresh.session_state[IDENTITY_KEY] = local_identity()
    fresh.session_state["open_run"] = run_id
    fresh.run()
    assert [c.value for c in fresh.checkbox][:3] == [True, False, True]
    assert fixed in re.sub(r"<[^>]+>", "", fresh.get("html")[0].proto.body)
    assert rejected.after not in text and rejected.before in text and rewritten.after not in text


def test_a_possible_misread_is_flagged_and_left_to_be_opened(page: AppTest, tailor):
    url = tailor.settings.database_url
    ids = [r.id for r in runs(tailor)]
    low = ids[3]
    with get_engine(url).begin() as conn:
        parsed = conn.execute(sa.select(Run.parsed_resume).where(Run.id == low)).scalar_one()
        conn.execute(sa.update(Run).where(Run.id == low).values(
            parsed_resume={**parsed, "parse_confidence": MISREAD_BELOW - 0.25}))
    page.run()
    assert "1 may have been misread" in page.caption[0].value
    assert list(page.dataframe[0].value["Parse"]) == ["1.00", "1.00", "1.00", "may be misread"]
    page.toggle(key="f_misread").set_value(True).run()
    assert list(page.dataframe[0].value["Run"]) == [low]
    assert page.session_state["open_run"] == low  # the only one shown: opened
    assert any("May have been misread — check the original" in w.value for w in page.warning)
    page.toggle(key="f_misread").set_value(False).run()
    # Approve all without findings or flags: neither the finding nor the misread one.
    button(page, "Approve all 2 without findings or flags").click().run()
    assert {r.id for r in runs(tailor) if r.decision == "approved"} == {ids[0], ids[2]}
