"""Sign-in in a real browser: Streamlit's st.login against a local fake OIDC provider
(discovery, authorize, token, JWKS), the allow-list, roles refused on the page, the
login's identity in the audit trail and the Activity page; and, without sign-in, the
unauthenticated notice and the refusal to serve beyond loopback.

Screenshots go to $TAILOR_SCREENSHOTS (default tests/artifacts/)."""

from __future__ import annotations

import csv
import io
import secrets
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from db.connection import get_engine
from db.models import AuditEvent, Batch
from demo.seed import seed_job_descriptions
from engine.orchestration.auth import os_user
from engine.orchestration.batches import start_batch
from tests.app.test_browser import ARTIFACTS, browser, streamlit_app  # noqa: F401
from tests.app.test_bulk_pages import settle
from tests.support.batches import JOB, Tailor, clear_queue, make_tailor
from tests.support.fake_oidc import FakeOidc
from ui.deep_links import Destination, PendingLinks, destination

SHOTS = ARTIFACTS  # $TAILOR_SCREENSHOTS, default tests/artifacts/ (test_browser.py)
RECRUITER, VIEWER, OUTSIDER = "rita@example.com", "vic@example.com", "eve@elsewhere.org"


@pytest.fixture(scope="module")
def idp() -> Iterator[FakeOidc]:
    with FakeOidc() as provider:
        provider.users[RECRUITER] = {"name": "Rita Recruiter", "roles": ["recruiter"]}
        provider.users[VIEWER] = {"name": "Vic Viewer"}  # no roles claim: the default role
        yield provider


@pytest.fixture(scope="module")
def tailor(tmp_path_factory: pytest.TempPathFactory, redis_server_url: str) -> Iterator[Tailor]:
    db_url = f"sqlite:///{tmp_path_factory.mktemp('auth') / 'tailor.db'}"
    tailor = make_tailor(db_url, redis_server_url, 5, TAILOR_ALLOWED_USERS="example.com")
    seed_job_descriptions(db_url)
    yield tailor
    clear_queue(tailor)


@pytest.fixture(scope="module")
def app_url(idp: FakeOidc, tailor: Tailor, tmp_path_factory: pytest.TempPathFactory):
    secrets_file = tmp_path_factory.mktemp("secrets") / "secrets.toml"
    secrets_file.write_text(
        "[auth]\n"
        'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_urlsafe(32)}"\n'
        f'client_id = "{idp.client_id}"\n'
        f'client_secret = "{idp.client_secret}"\n'
        f'server_metadata_url = "{idp.metadata_url}"\n'
    )
    with streamlit_app(tailor.env, "--secrets.files", str(secrets_file)) as url:
        yield url


def oidc_sign_in(browser, app_url: str, email: str, path: str = ""):  # noqa: F811
    """A fresh browser context (its own cookies) that opens ``path`` and signs in as
    ``email`` through the provider's login page; returns the page, back in Tailor."""
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.goto(f"{app_url}{path}")
    page_signs_in(page, app_url, email)
    return page


def page_signs_in(page, app_url: str, email: str) -> None:
    page.get_by_role("button", name="Sign in with your company account").click()
    page.get_by_role("heading", name="Fake identity provider").wait_for()
    page.get_by_label("Email").fill(email)
    page.get_by_role("button", name="Continue").click()
    page.wait_for_url(f"{app_url}/**")


def audit_actors(tailor: Tailor, action: str) -> list[str]:
    with get_engine(tailor.settings.database_url).connect() as conn:
        return list(conn.execute(sa.select(AuditEvent.actor)
                                 .where(AuditEvent.action == action)).scalars())


def start_all(page, count: int) -> None:
    page.get_by_text(f"of {count} candidates").wait_for()
    page.get_by_text(f"Select all {count} matching candidates").first.click()
    page.get_by_text("Offline optimizer").wait_for()
    page.get_by_role("button", name=f"Optimize {count} selected").click()


def test_a_recruiter_signs_in_starts_a_batch_and_sees_it_in_activity(app_url, browser, tailor):  # noqa: F811
    SHOTS.mkdir(parents=True, exist_ok=True)
    page = oidc_sign_in(browser, app_url, RECRUITER)
    page.get_by_text(f"Signed in as Rita Recruiter ({RECRUITER})").wait_for()
    assert "unauthenticated" not in page.inner_text("body")
    start_all(page, 5)
    page.get_by_role("heading", name="Batches").wait_for()
    assert audit_actors(tailor, "batch_started") == [RECRUITER]
    with get_engine(tailor.settings.database_url).connect() as conn:
        assert conn.execute(sa.select(Batch.created_by)).scalars().all() == [RECRUITER]

    page.get_by_role("link", name="Activity").click()
    page.get_by_text("Your own actions").wait_for()
    page.get_by_test_id("stDataFrame").wait_for()
    page.get_by_text("1 event", exact=True).wait_for()
    page.get_by_test_id("stDateInput").wait_for()  # the lazily loaded widgets are drawn
    page.get_by_role("button", name="Download CSV").wait_for()
    settle(page)
    page.screenshot(path=SHOTS / "auth_recruiter_activity.png", full_page=True)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download CSV").click()
    rows = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text())))
    assert [(r["Who"], r["What"], r["Batch"]) for r in rows] == [(RECRUITER, "batch started", "1")]

    page.get_by_role("button", name="Sign out").click()
    page.get_by_role("button", name="Sign in with your company account").wait_for()
    page.context.close()


def test_a_viewer_is_refused_starting_runs_and_sees_only_own_activity(app_url, browser, tailor):  # noqa: F811
    SHOTS.mkdir(parents=True, exist_ok=True)
    batches_before = audit_actors(tailor, "batch_started")
    page = oidc_sign_in(browser, app_url, VIEWER)
    page.get_by_text(f"Signed in as Vic Viewer ({VIEWER})").wait_for()
    start_all(page, 5)
    refused = page.get_by_text("You cannot start runs: that needs the recruiter role")
    refused.wait_for()
    settle(page)
    refused.scroll_into_view_if_needed()  # the page scrolls inside its own container
    page.screenshot(path=SHOTS / "auth_viewer_refused.png", full_page=True)
    assert audit_actors(tailor, "batch_started") == batches_before

    page.get_by_role("link", name="Activity").click()
    page.get_by_text("No activity matches these filters.").wait_for()
    assert RECRUITER not in page.inner_text("body")
    page.context.close()


def test_an_account_outside_the_allow_list_is_refused(app_url, browser, idp):  # noqa: F811
    tokens_before = idp.token_requests
    page = oidc_sign_in(browser, app_url, OUTSIDER)
    page.get_by_text(f"{OUTSIDER} is not allowed to use Tailor").wait_for()
    assert idp.token_requests == tokens_before + 1  # a real code exchange happened
    assert "Candidates" not in page.inner_text("body")
    settle(page)
    page.screenshot(path=SHOTS / "auth_not_allowed.png", full_page=True)
    page.context.close()


def test_a_shared_link_opened_signed_out_lands_there_after_sign_in_and_a_reload(
        app_url, browser, tailor):  # noqa: F811
    older = start_batch(tailor.settings, ["1", "2"], JOB, RECRUITER)
    start_batch(tailor.settings, ["3"], JOB, RECRUITER)  # the newest: what Batches shows unasked
    link = f"{app_url}/batches?batch={older}"
    page = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
    page.goto(link)
    page.get_by_role("button", name="Sign in with your company account").wait_for()
    settle(page)
    body = page.inner_text("body")
    assert "Page not found" not in body and "Retry all failed" not in body
    assert page.url == link  # the address and its query are kept while signed out
    # No navigation at all: neither Tailor's pages nor modules such as ui/common.py.
    assert page.get_by_test_id("stSidebarNav").count() == 0
    assert not any(word in body for word in ("common", "deep links", "Batches"))
    page.screenshot(path=SHOTS / "auth_deep_link_signed_out.png", full_page=True)

    page_signs_in(page, app_url, RECRUITER)
    page.get_by_role("heading", name="Batches").wait_for()
    page.wait_for_url(link)
    picked = page.get_by_text("0 of 2 done")  # the linked batch, not the newest (1 candidate)
    picked.wait_for()
    links = page.get_by_test_id("stSidebarNavLink").all_inner_texts()  # icon, then name
    assert [link.split("\n")[-1] for link in links] == [  # Tailor's pages, no helper module
        "Home", "Candidates", "Job descriptions", "Batches", "Review", "Export", "Activity",
        "Webhooks"]
    settle(page)
    page.screenshot(path=SHOTS / "auth_deep_link_after_sign_in.png", full_page=True)

    page.reload()
    page.get_by_text(f"Signed in as Rita Recruiter ({RECRUITER})").wait_for()
    page.get_by_role("heading", name="Batches").wait_for()
    picked.wait_for()
    assert page.url == link
    page.context.close()


def test_without_sign_in_a_shared_link_opens_its_page(browser, tmp_path, redis_server_url):  # noqa: F811
    tailor = make_tailor(f"sqlite:///{tmp_path / 'tailor.db'}", redis_server_url, 3)
    try:
        older = start_batch(tailor.settings, ["1", "2"], JOB, None)
        start_batch(tailor.settings, ["3"], JOB, None)
        with streamlit_app(tailor.env) as url:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(f"{url}/batches?batch={older}")
            page.get_by_text("running unauthenticated, for local use").wait_for()
            page.get_by_role("heading", name="Batches").wait_for()
            page.get_by_text("0 of 2 done").wait_for()  # the linked batch, not the newest
            settle(page)
            page.screenshot(path=SHOTS / "local_deep_link.png", full_page=True)
            page.close()
    finally:
        clear_queue(tailor)


PAGE_FILES = {"batches": "ui/batches.py", "review": "ui/review.py"}


def test_a_link_goes_only_to_tailors_own_pages_with_numeric_ids():
    assert destination("batches", {"batch": "3", "next": "https://evil.example"},
                       PAGE_FILES) == Destination("ui/batches.py", (("batch", "3"),))
    assert destination("review", {"batch": "3", "run": "7"}, PAGE_FILES).query == (
        ("batch", "3"), ("run", "7"))
    assert destination("review", {"run": "7; drop"}, PAGE_FILES).query == ()
    assert destination("https:", {}, PAGE_FILES) is None
    assert destination("", {"batch": "3"}, PAGE_FILES) is None  # the landing page: nothing to do


def test_a_remembered_link_is_taken_once_and_expires():
    links = PendingLinks(ttl_s=60)
    where = Destination("ui/batches.py", (("batch", "3"),))
    token = links.remember(where)
    assert links.take("a-guessed-token") is None
    assert links.take(token) == where
    assert links.take(token) is None  # a reload after sign-in stays where it is
    stale = PendingLinks(ttl_s=-1)
    assert stale.take(stale.remember(where)) is None


def test_without_sign_in_every_page_says_it_is_unauthenticated(browser, tmp_path):  # noqa: F811
    db_url = f"sqlite:///{tmp_path / 'tailor.db'}"
    tailor = make_tailor(db_url, "redis://127.0.0.1:1/0", 3)
    with streamlit_app(tailor.env) as url:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        for name in ("Candidates", "Batches", "Review", "Export", "Activity"):
            page.goto(url) if name == "Candidates" else page.get_by_role("link", name=name).click()
            page.get_by_role("heading", name=name).wait_for()
            notice = page.get_by_text("running unauthenticated, for local use")
            notice.wait_for()
            assert os_user() in notice.inner_text()
        page.get_by_text("Everyone's actions").wait_for()  # local use holds every role
        page.get_by_text("No activity matches these filters.").wait_for()
        settle(page)
        page.screenshot(path=SHOTS / "auth_unauthenticated.png", full_page=True)
        page.close()


def test_without_sign_in_a_public_address_is_refused_unless_allowed(browser, tmp_path):  # noqa: F811
    db_url = f"sqlite:///{tmp_path / 'tailor.db'}"
    tailor = make_tailor(db_url, "redis://127.0.0.1:1/0", 3)
    with streamlit_app(tailor.env, "--server.address", "0.0.0.0") as url:
        page = browser.new_page()
        page.goto(url)
        page.get_by_text("without sign-in, so anyone who can reach it could use it").wait_for()
        assert "Candidates" not in page.inner_text("body")
        settle(page)
        page.screenshot(path=SHOTS / "auth_public_refused.png", full_page=True)
        page.close()
    allowed = {**tailor.env, "TAILOR_ALLOW_UNAUTHENTICATED_REMOTE": "true"}
    with streamlit_app(allowed, "--server.address", "0.0.0.0") as url:
        page = browser.new_page()
        page.goto(url)
        page.get_by_text("running unauthenticated, for local use").wait_for()
        page.get_by_role("heading", name="Candidates").wait_for()
        page.close()
