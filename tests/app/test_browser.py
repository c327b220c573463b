"""The app in a real browser: Streamlit served on localhost, Debian's Chromium driven by
Playwright. Screenshots land in $TAILOR_SCREENSHOTS (default tests/artifacts/) for a person
to look at: ARTIFACTS below is the one definition every browser test uses."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from db.migrate import upgrade
from demo.seed import seed_candidates, seed_job_descriptions
from tests.conftest import IN_CI

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(os.environ.get("TAILOR_SCREENSHOTS") or ROOT / "tests" / "artifacts")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_url(tmp_path_factory: pytest.TempPathFactory):
    if not os.path.exists(CHROMIUM):
        (pytest.fail if IN_CI else pytest.skip)(f"{CHROMIUM} is not installed")
    db_url = f"sqlite:///{tmp_path_factory.mktemp('app') / 'tailor.db'}"
    upgrade(db_url)
    seed_candidates(db_url, 120)
    seed_job_descriptions(db_url)
    with streamlit_app({"DATABASE_URL": db_url}) as url:
        yield url


@contextmanager
def streamlit_app(env: dict[str, str], *options: str) -> Iterator[str]:
    """``streamlit run app.py`` on a free loopback port with ``env`` added and more
    ``streamlit run`` options; yields its URL once healthy."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port",
         str(port), "--server.headless", "true", "--server.address", "127.0.0.1", *options],
        cwd=ROOT, env={**os.environ, **env, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                if httpx.get(f"{url}/_stcore/health").text == "ok":
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(10)
        except subprocess.TimeoutExpired:  # a loaded machine: do not leave it running
            server.kill()
            server.wait()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM, headless=True,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


def sign_in(page, app_url: str) -> None:
    """Open the app. Without sign-in configured (these tests) there is no sign-in: the app
    runs as the OS user and says so (sign-in itself is tested in test_auth.py)."""
    page.goto(app_url)
    page.get_by_text("running unauthenticated, for local use").wait_for()


def test_sign_in_then_candidates_are_listed_and_searchable(app_url, browser):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    sign_in(page, app_url)
    page.get_by_text("of 120 candidates").wait_for()
    page.get_by_test_id("stDataFrame").wait_for()
    page.get_by_text("Per page").wait_for()
    page.wait_for_timeout(1500)
    page.screenshot(path=ARTIFACTS / "candidates.png", full_page=True)

    page.get_by_placeholder("Name, email, title, location…").fill("zzz-nobody")
    page.get_by_placeholder("Name, email, title, location…").press("Enter")
    page.get_by_text("No candidates match").wait_for()

    from demo.people import make_person

    surname = make_person(5).name.split()[-1]
    page.get_by_placeholder("Name, email, title, location…").fill(surname)
    page.get_by_placeholder("Name, email, title, location…").press("Enter")
    page.get_by_text("candidates", exact=False).first.wait_for()
    page.wait_for_function(
        "() => !document.body.innerText.includes('of 120 candidates')", timeout=15000
    )
    page.wait_for_timeout(1000)
    page.screenshot(path=ARTIFACTS / "candidates_search.png", full_page=True)
    assert "No candidates match" not in page.inner_text("body")
    page.close()
