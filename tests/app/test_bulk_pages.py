"""The bulk-run pages in a real browser: Streamlit on a seeded SQLite database, a real
Redis queue and a real ``rq worker`` subprocess. Select candidates, start a batch, watch
it finish, retry (refused at the attempt limit), review side by side, approve, export."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator

import sqlalchemy as sa
from playwright.sync_api import TimeoutError as PlaywrightTimeout

import pytest

from db.candidates import CandidateQuery, open_candidate_source
from db.connection import get_engine
from db.models import Run, RunStatus, Verdict
from db.queries import RunRow, batch_runs, batches
from engine.orchestration.auth import os_user
from engine.orchestration.batches import batch_progress, start_batch
from demo.seed import seed_job_descriptions
from tests.app.test_browser import ARTIFACTS, browser, sign_in, streamlit_app  # noqa: F401
from tests.support.batches import JOB, Tailor, clear_queue, make_tailor, set_resume


@pytest.fixture(scope="module")
def tailor(tmp_path_factory: pytest.TempPathFactory, redis_server_url: str) -> Iterator[Tailor]:
    db_url = f"sqlite:///{tmp_path_factory.mktemp('bulk') / 'tailor.db'}"
    # One attempt per run: a retry is refused, so the page must show the reason.
    tailor = make_tailor(db_url, redis_server_url, 12, TAILOR_MAX_ATTEMPTS="1", TAILOR_IN_FLIGHT="4")
    seed_job_descriptions(db_url)
    yield tailor  # the worker starts in the test that needs it
    tailor.kill_workers()
    clear_queue(tailor)


@pytest.fixture(scope="module")
def app_url(tailor: Tailor) -> Iterator[str]:
    with streamlit_app(tailor.env) as url:
        yield url


PICK_X = 45  # the middle of the Candidates table's "Selected" tick column


def tick_rows(page, rows: list[int], then: Callable[[int], str], x: int | None = None) -> None:
    """Tick row checkboxes of the first grid on the page (a canvas: click by position),
    waiting after each for the text ``then(ticked so far)``. With ``x``, an editable
    tick column that far from the grid's left edge: its cell is clicked, then Enter."""
    # Clicked through the locator, not at a bounding box read before: Playwright then waits
    # for the grid to stand still and measures it at the click (on CI's loaded machine a
    # tick by a box read a moment early once landed on another row; why, unknown).
    grid = page.get_by_test_id("stDataFrame").first
    for done, row in enumerate(rows, 1):
        if x is None:
            grid.click(position={"x": 18, "y": 35 * (row + 1) + 17})
            page.get_by_text(then(done), exact=True).first.wait_for()
            continue
        for attempt in range(3):
            # The table is redrawn after each tick: its first click after that may only
            # focus it, so a tick not counted is clicked again (never one counted).
            settle(page)
            grid.click(position={"x": x, "y": 35 * (row + 1) + 17})
            page.keyboard.press("Enter")
            try:
                page.get_by_text(then(done), exact=True).first.wait_for(timeout=8000)
                break
            except PlaywrightTimeout:
                if attempt == 2:
                    raise


def settle(page) -> None:
    """Wait for the script run to finish, so old elements are gone from a screenshot."""
    from playwright.sync_api import expect

    page.wait_for_timeout(300)
    expect(page.get_by_test_id("stStatusWidgetRunningIcon")).to_have_count(0, timeout=15000)


def open_result(page, run: RunRow) -> None:
    from playwright.sync_api import expect

    box = page.get_by_test_id("stSelectbox").filter(has_text="Result ")
    expect(box).to_have_count(1)  # a rerun may briefly show the old element too
    choose(page, box, f"(run {run.id})")
    page.get_by_role("heading", name=f"{run.candidate_name} · run {run.id}").wait_for()


def choose(page, box, option: str, typed: str = "", tries: int = 3) -> None:
    """Pick the option holding ``option`` in the select box ``box``, typing ``typed``
    first to narrow a long list. A rerun landing while the list is open (on a loaded
    machine, one the click before started) replaces the box and closes its list, and the
    option never shows: the list is opened again. Picking twice is harmless."""
    for attempt in range(tries):
        settle(page)
        box.click()
        try:
            page.get_by_role("listbox").wait_for(timeout=5000)  # keys typed before are lost
            if typed:
                page.keyboard.press("Control+A")  # a try before may have left its text
                page.keyboard.type(typed)
            page.get_by_role("option").filter(has_text=option).click(timeout=10_000)
            return
        except PlaywrightTimeout:
            if attempt == tries - 1:
                raise
            page.keyboard.press("Escape")


def click_until_shown(page, button: str, text: str, tries: int = 3) -> None:
    """Click ``button`` until ``text`` shows. The Batches page redraws its live part every
    few seconds; on a loaded machine a click can land on a button being replaced, and
    Streamlit drops it. The button is gone once the click took, so a repeat is safe."""
    live = page.get_by_role("button", name=button, disabled=False).last  # not a stale copy
    for _ in range(tries):
        live.click()
        try:
            page.get_by_text(text).wait_for(timeout=10_000)
            return
        except PlaywrightTimeout:
            if not live.is_visible():
                break
    page.get_by_text(text).wait_for()


def test_a_queued_batch_is_cancelled_from_its_page(app_url, browser, tailor):  # noqa: F811
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    # No worker yet: the runs stay queued until the batch is cancelled.
    batch_id = start_batch(tailor.settings, ["5", "6", "7"], JOB, "tester")
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    sign_in(page, app_url)
    page.get_by_role("link", name="Batches").click()
    page.get_by_text("0 of 3 done").wait_for()
    page.get_by_role("button", name="Cancel batch").click()
    page.get_by_text("Batch cancelled: 3 queued runs dropped.").wait_for()
    page.get_by_text("Cancelled: 0 of 3 finished, 3 not run").wait_for()
    page.get_by_text("This batch was cancelled").wait_for()
    assert batch_progress(tailor.settings, batch_id).counts[RunStatus.CANCELLED] == 3
    settle(page)
    page.screenshot(path=ARTIFACTS / "batch_cancelled.png", full_page=True)
    click_until_shown(page, "Resume batch", "Batch resumed: 3 runs queued again.")
    page.get_by_text("0 of 3 done").wait_for()
    assert batch_progress(tailor.settings, batch_id).counts[RunStatus.QUEUED] == 3
    settle(page)  # the rerun may still show the old, disabled button beside the new one
    # keep the later tests' worker free
    click_until_shown(page, "Cancel batch", "Cancelled: 0 of 3 finished, 3 not run")
    page.close()


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
    tick_rows(page, [0, 1, 2, 3], lambda n: f"{n} selected", x=PICK_X)
    page.get_by_text("Offline optimizer").wait_for()
    page.set_viewport_size({"width": 1400, "height": 1700})
    page.screenshot(path=ARTIFACTS / "optimize_selected.png", full_page=True)
    tailor.worker()
    page.get_by_role("button", name="Optimize 4 selected").click()

    # The Batches page follows the batch live until every run is done.
    page.get_by_role("heading", name="Batches").wait_for()
    page.get_by_text("Resumes/min").wait_for()
    page.screenshot(path=ARTIFACTS / "batch_started.png", full_page=True)
    page.get_by_text("4 of 4 done").wait_for(timeout=45000)
    batch = batches(settings.database_url)[0]
    runs = {r.candidate_id: r for r in batch_runs(settings.database_url, batch.id)}
    assert set(runs) == set(first)
    assert runs[broken].status == RunStatus.FAILED and runs[broken].error_message
    assert {r.status for c, r in runs.items() if c != broken} == {RunStatus.READY}
    page.get_by_text(runs[broken].error_message).first.wait_for()
    settle(page)
    page.screenshot(path=ARTIFACTS / "batch_progress.png", full_page=True)

    page.get_by_role("button", name="Retry", exact=True).nth(1).click()
    page.get_by_text("has been tried as often as allowed").wait_for()  # recruiter's words
    page.get_by_text("Details for an administrator").wait_for()
    page.get_by_role("button", name="Retry all failed").click()
    page.get_by_text(f"0 failed runs queued again. Refused — run {runs[broken].id}").wait_for()

    first_ready = next(r for r in batch_runs(settings.database_url, batch.id) if r.status == RunStatus.READY)
    settle(page)
    page.get_by_test_id("stPageLink").filter(has_text="Review").first.click()  # beside the run
    page.get_by_role("heading", name=f"{first_ready.candidate_name} · run {first_ready.id}").wait_for()
    page.get_by_text("Original", exact=True).wait_for()
    page.get_by_text("Claim check").first.wait_for()
    page.set_viewport_size({"width": 1400, "height": 2600})
    settle(page)
    page.screenshot(path=ARTIFACTS / "review.png", full_page=True)
    page.get_by_role("button", name="Reject", exact=True).click()
    page.get_by_text("Rejected: nothing was written back.").wait_for()
    # Auto-advance: the next undecided result opens.
    second = [r for r in batch_runs(settings.database_url, batch.id) if r.status == RunStatus.READY][1]
    page.get_by_role("heading", name=f"{second.candidate_name} · run {second.id}").wait_for()
    settle(page)  # a click while the auto-advance rerun is still drawing can be dropped
    page.get_by_role("button", name="Approve", exact=True).click()
    page.get_by_text("saved in Tailor's own store only").wait_for()  # no write-back column
    third = [r for r in batch_runs(settings.database_url, batch.id) if r.status == RunStatus.READY][2]
    page.get_by_role("heading", name=f"{third.candidate_name} · run {third.id}").wait_for()
    page.get_by_role("button", name="‹ Previous").click()
    page.get_by_role("heading", name=f"{second.candidate_name} · run {second.id}").wait_for()
    page.get_by_role("button", name="‹ Previous").click()
    page.get_by_text(f"Rejected by {os_user()}").wait_for()  # local use: the OS user
    approved = [r for r in batch_runs(settings.database_url, batch.id) if r.decision == Verdict.APPROVED]
    assert [r.id for r in approved] == [second.id]

    # Bulk approve takes a result with claim-check findings once its reviewer has opened
    # it (stored per reviewer): auto-advance opened the third one above.
    ready = [r for r in batch_runs(settings.database_url, batch.id) if r.status == RunStatus.READY]
    flagged = ready[2]
    finding = {"kind": "number", "text": "40%", "source_id": "experience.0.0",
               "message": "The number 40% is not in the original resume."}
    with get_engine(settings.database_url).begin() as conn:
        conn.execute(sa.update(Run).where(Run.id == flagged.id).values(claim_findings=[finding]))
    page.get_by_role("link", name="Review").click()
    page.get_by_text("1 with claim-check findings").wait_for()
    settle(page)
    page.screenshot(path=ARTIFACTS / "review_findings.png", full_page=True)
    tick_rows(page, [0, 2], lambda n: f"Approve {n} selected")  # the rejected and the flagged
    page.get_by_role("button", name="Approve 2 selected").click()
    page.get_by_text("Approved 2 run(s)").wait_for()
    decisions = [r.decision for r in batch_runs(settings.database_url, batch.id)
                 if r.status == RunStatus.READY]
    assert decisions == [Verdict.APPROVED] * 3

    page.set_viewport_size({"width": 1400, "height": 1000})
    page.get_by_role("link", name="Export").click()
    page.get_by_role("heading", name="Export").wait_for()
    page.get_by_role("button", name="Download PDF").wait_for()
    page.screenshot(path=ARTIFACTS / "export.png", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    rows = list(csv.DictReader(io.StringIO(open(download.value.path()).read())))
    # Approved runs only, by default (the Export page's toggle adds the others)
    assert sorted(r["candidate_id"] for r in rows) == sorted(r.candidate_id for r in ready)
    assert all(r["decision"] == Verdict.APPROVED and r["optimized_text"].strip() and r["email"]
               for r in rows)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download PDF").click()
    assert open(download.value.path(), "rb").read(5) == b"%PDF-"
    with page.expect_download() as download:
        page.get_by_role("button", name="Download DOCX").click()
    assert open(download.value.path(), "rb").read(2) == b"PK"  # a .docx is a zip
    page.close()


def test_starting_without_a_job_description_or_redis_says_why(tailor, browser):  # noqa: F811
    from tests.app.test_browser import free_port

    before = len(batches(tailor.settings.database_url))
    no_redis = {**tailor.env, "REDIS_URL": f"redis://127.0.0.1:{free_port()}/0"}
    with streamlit_app(no_redis) as url:
        page = browser.new_page(viewport={"width": 1400, "height": 1700})
        sign_in(page, url)
        page.get_by_text("Select at least one candidate").wait_for()
        tick_rows(page, [0], lambda n: f"{n} selected", x=PICK_X)
        page.get_by_text("Paste a new one").click()
        page.get_by_text("Choose a job description from the library or paste one.").wait_for()
        page.get_by_label("Job description text").fill(JOB.text)
        # No Ctrl+Enter: the click commits the text and starts.
        page.get_by_role("button", name="Optimize 1 selected").click()
        page.get_by_text("the queue (Redis) is not reachable").wait_for()
        settle(page)
        page.screenshot(path=ARTIFACTS / "optimize_no_redis.png", full_page=True)
        page.close()
    assert len(batches(tailor.settings.database_url)) == before  # nothing half-started
