"""The bulk-run pages in a real browser: Streamlit on a seeded SQLite database, a real
Redis queue and a real ``rq worker`` subprocess. Select candidates, start a batch, watch
it finish, retry (refused at the attempt limit), review side by side, approve, export."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest

from db.candidates import CandidateQuery, open_candidate_source
from db.review_queries import batch_runs, batches
from demo.seed import seed_job_descriptions
from tests.app.test_browser import ARTIFACTS, browser, sign_in, streamlit_app  # noqa: F401
from tests.engine.batch_support import Tailor, clear_queue, make_tailor, set_resume


@pytest.fixture(scope="module")
def tailor(tmp_path_factory: pytest.TempPathFactory, redis_server_url: str) -> Iterator[Tailor]:
    db_url = f"sqlite:///{tmp_path_factory.mktemp('bulk') / 'tailor.db'}"
    # One attempt per run: a retry is refused, so the page must show the reason.
    tailor = make_tailor(db_url, redis_server_url, 12, TAILOR_MAX_ATTEMPTS="1", TAILOR_IN_FLIGHT="4")
    seed_job_descriptions(db_url)
    tailor.worker()
    yield tailor
    tailor.kill_workers()
    clear_queue(tailor)


@pytest.fixture(scope="module")
def app_url(tailor: Tailor) -> Iterator[str]:
    with streamlit_app(tailor.env) as url:
        yield url


def select_rows(page, count: int) -> None:
    """Tick the first ``count`` row checkboxes of the candidates grid (a canvas)."""
    grid = page.get_by_test_id("stDataFrame")
    box = grid.bounding_box()
    for row in range(count):
        page.mouse.click(box["x"] + 18, box["y"] + 35 * (row + 1) + 17)
        page.get_by_text(f"{row + 1} selected", exact=True).wait_for()


def test_start_a_batch_watch_it_review_approve_and_export(app_url, browser, tailor):  # noqa: F811
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    settings = tailor.settings
    source = open_candidate_source(settings.candidates_url, settings.candidate_table)
    first = [c.id for c in source.search(CandidateQuery(sort="name", page_size=4)).rows]
    broken = first[1]
    set_resume(settings.database_url, int(broken), None, None)  # its run fails: nothing stored
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    sign_in(page, app_url)
    page.get_by_text("of 12 candidates").wait_for()
    page.get_by_text("Select at least one candidate").wait_for()
    select_rows(page, 4)
    page.get_by_text("Offline optimizer").wait_for()
    page.set_viewport_size({"width": 1400, "height": 1700})
    page.screenshot(path=ARTIFACTS / "optimize_selected.png", full_page=True)
    page.get_by_role("button", name="Optimize 4 selected").click()

    # The Batches page follows the batch live until every run is done.
    page.get_by_role("heading", name="Batches").wait_for()
    page.get_by_text("4 of 4 done").wait_for(timeout=45000)
    [batch] = batches(settings.database_url)
    runs = {r.candidate_id: r for r in batch_runs(settings.database_url, batch.id)}
    assert set(runs) == set(first)
    assert runs[broken].status == "failed" and runs[broken].error_message
    assert {r.status for c, r in runs.items() if c != broken} == {"ready"}
    page.get_by_text(runs[broken].error_message).first.wait_for()
    page.screenshot(path=ARTIFACTS / "batch_progress.png", full_page=True)

    page.get_by_role("button", name="Retry parse").nth(1).click()
    page.get_by_text("has used all 1 attempts").wait_for()

    page.get_by_role("button", name="Review results").click()
    page.get_by_role("heading", name="Review").wait_for()
    page.get_by_text("Original", exact=True).wait_for()
    page.get_by_text("Claim check").first.wait_for()
    page.set_viewport_size({"width": 1400, "height": 2600})
    page.screenshot(path=ARTIFACTS / "review.png", full_page=True)
    page.get_by_role("button", name="Approve", exact=True).click()
    page.get_by_text("Approved and written back").wait_for()
    approved = [r for r in batch_runs(settings.database_url, batch.id) if r.decision == "approved"]
    assert len(approved) == 1 and approved[0].candidate_id != broken

    page.set_viewport_size({"width": 1400, "height": 1000})
    page.get_by_role("link", name="Export").click()
    page.get_by_role("heading", name="Export").wait_for()
    page.get_by_role("button", name="Download PDF").wait_for()
    page.screenshot(path=ARTIFACTS / "export.png", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    rows = list(csv.DictReader(io.StringIO(open(download.value.path()).read())))
    assert sorted(r["candidate_id"] for r in rows) == sorted(first)
    decided = {r["candidate_id"]: r for r in rows if r["decision"]}
    assert list(decided) == [approved[0].candidate_id]
    assert decided[approved[0].candidate_id]["decision"] == "approved"
    assert decided[approved[0].candidate_id]["optimized_text"].strip()
    with page.expect_download() as download:
        page.get_by_role("button", name="Download PDF").click()
    assert open(download.value.path(), "rb").read(5) == b"%PDF-"
    page.close()
