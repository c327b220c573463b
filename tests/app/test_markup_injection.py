"""Text shown as text, in a real browser: markdown image links planted in a candidate's
name, a job title and a reviewer's note must reach no server when the pages show them,
and must appear on the page as typed.

Screenshots go to $TAILOR_SCREENSHOTS (default tests/artifacts/)."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from db.connection import get_engine
from demo.seed import candidates_table
from engine.orchestration.batches import start_batch
from engine.resume import JobDescription
from tests.app.test_browser import ARTIFACTS, browser, sign_in, streamlit_app  # noqa: F401
from tests.app.test_bulk_pages import settle
from tests.support.batches import JOB, Tailor, clear_queue, make_tailor, set_resume

SHOTS = ARTIFACTS  # $TAILOR_SCREENSHOTS, default tests/artifacts/ (test_browser.py)


class Trap:
    """A local HTTP server that counts every request: a planted link that renders as an
    image (or anything else the browser fetches) shows up here."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        trap = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                trap.paths.append(self.path)
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def link(self, what: str) -> str:
        return f"![{what}](http://127.0.0.1:{self.server.server_address[1]}/{what}.png)"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def wait_for_text(page, text: str) -> None:
    """Wait until the page shows ``text`` as typed. Bare links are kept from becoming
    links by an invisible word joiner (U+2060), which a reader does not see."""
    page.wait_for_function(
        "text => document.body.innerText.replaceAll('\\u2060', '').includes(text)",
        arg=text, timeout=30000)


def go(page, name: str) -> None:
    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name=name).click()


@pytest.fixture(scope="module")
def trap() -> Iterator[Trap]:
    trap = Trap()
    yield trap
    trap.close()


@pytest.fixture(scope="module")
def tailor(tmp_path_factory: pytest.TempPathFactory, redis_server_url: str,
           trap: Trap) -> Iterator[Tailor]:
    db_url = f"sqlite:///{tmp_path_factory.mktemp('markup') / 'tailor.db'}"
    tailor = make_tailor(db_url, redis_server_url, 3)
    with get_engine(db_url).begin() as conn:
        conn.execute(candidates_table.update().where(candidates_table.c.id == 1)
                     .values(full_name=f"Mallory {trap.link('name')} **bold** :red[x]"))
    # Every bullet carries a planted link, so each edit the optimizer makes (shown in
    # the Edits table, which st.table renders as markdown) carries one too.
    bullets = ["Built data pipelines in Python and SQL", "Led a team of five engineers",
               "Reduced cloud costs by 20% with Kubernetes", "Designed REST APIs for billing"]
    resume = "\n".join(["Mallory Example", "mallory@example.com", "", "EXPERIENCE",
                        "Senior Engineer, Acme Corp (2019 - Present)",
                        *(f"- {b} {trap.link(f'bullet{i}')}" for i, b in enumerate(bullets)),
                        "", "SKILLS", "Python, SQL, Kubernetes"])
    set_resume(db_url, 1, resume.encode(), "text")
    job = JobDescription(title=f"Engineer {trap.link('title')}", text=JOB.text)
    start_batch(tailor.settings, ["1"], job, "tester")
    tailor.run_burst()
    yield tailor
    clear_queue(tailor)


@pytest.fixture(scope="module")
def app_url(tailor: Tailor) -> Iterator[str]:
    with streamlit_app(tailor.env) as url:
        yield url


def test_planted_markdown_is_shown_as_text_and_fetches_nothing(app_url, browser, trap):  # noqa: F811
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1400})
    sign_in(page, app_url)
    page.get_by_text("of 3 candidates").wait_for()

    go(page, "Batches")
    page.get_by_text("1 of 1 done").wait_for(timeout=30000)
    wait_for_text(page, f"Mallory {trap.link('name')} **bold** :red[x]")
    settle(page)
    page.screenshot(path=SHOTS / "markup_batches.png", full_page=True)

    go(page, "Review")
    page.get_by_role("heading", name="Mallory").wait_for()
    wait_for_text(page, f"Mallory {trap.link('name')} **bold** :red[x] · run")
    page.get_by_text("Edits — accept or reject each").wait_for()
    wait_for_text(page, trap.link("bullet0"))  # an edit's line, shown as text
    page.get_by_label("Note (optional)").fill(f"looks fine {trap.link('note')} _really_")
    page.get_by_role("button", name="Approve", exact=True).click()
    page.get_by_text("Approved (version 1").wait_for()
    wait_for_text(page, f"looks fine {trap.link('note')} _really_")
    settle(page)
    page.screenshot(path=SHOTS / "markup_review.png", full_page=True)

    go(page, "Export")
    page.get_by_text("Approved resumes").wait_for()
    from playwright.sync_api import expect

    picker = page.get_by_role("combobox", name="Batch")  # plain text: a widget value
    expect(picker).to_have_value(re.compile(re.escape(f"Engineer {trap.link('title')}")))
    go(page, "Activity")
    page.get_by_text(re.compile(r"^\d+ events")).wait_for()  # the log itself is a canvas grid
    for lazily_drawn in ("stDateInput", "stDataFrame", "stDownloadButton"):
        page.get_by_test_id(lazily_drawn).wait_for()
    settle(page)
    page.screenshot(path=SHOTS / "markup_activity.png", full_page=True)
    assert page.locator("img[src*='127.0.0.1']").count() == 0
    assert trap.paths == [], f"the browser fetched {trap.paths}"
    page.close()
