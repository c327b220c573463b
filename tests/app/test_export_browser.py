"""The Export page in Chromium: for each template, choose it, see the preview, build and
download the ZIP of the batch's approved PDFs and open each PDF with PyMuPDF: one per
approved run, the candidate's name on page 1 of the classic and modern ones, absent from
the anonymised one (headed by the agency); every page has body text. Screenshots of the
page in each template are saved for a person to look at."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator

import pymupdf
import pytest

from db import store
from db.queries import batch_runs
from engine.orchestration.batches import start_batch
from engine.orchestration.review import approve_run, reject_run
from engine.render.documents import Template
from tests.app.test_browser import ARTIFACTS, browser, sign_in  # noqa: F401
from tests.app.test_bulk_pages import app_url, settle  # noqa: F401 - app_url on this tailor
from tests.support.batches import JOB, Tailor, clear_queue, make_tailor
from tests.support.resumes import png_bytes

AGENCY = "Northwind Talent"
FOOTER = re.compile(r"^\s*\d+ / \d+\s*$")


@pytest.fixture(scope="module")
def tailor(tmp_path_factory: pytest.TempPathFactory, redis_server_url: str) -> Iterator[Tailor]:
    folder = tmp_path_factory.mktemp("export")
    logo = folder / "logo.png"
    logo.write_bytes(png_bytes(120, 40))
    tailor = make_tailor(f"sqlite:///{folder / 'tailor.db'}", redis_server_url, 5,
                         TAILOR_AGENCY_NAME=AGENCY, TAILOR_AGENCY_LOGO=str(logo))
    batch_id = start_batch(tailor.settings, ["1", "2", "3", "4"], JOB, "tester")
    tailor.run_burst()
    runs = batch_runs(tailor.settings.database_url, batch_id)
    approve_run(tailor.settings, runs[0].id, "ann")
    approve_run(tailor.settings, runs[2].id, "ann")
    reject_run(tailor.settings, runs[1].id, "ann")
    yield tailor
    tailor.kill_workers()
    clear_queue(tailor)


def approved_names(tailor: Tailor) -> dict[int, str]:
    url = tailor.settings.database_url
    return {r.id: store.load_run(url, r.id).candidate_name
            for r in batch_runs(url, 1) if r.decision == "approved"}


def test_zip_of_approved_pdfs_in_each_template(app_url, browser, tailor):  # noqa: F811
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    names = approved_names(tailor)
    assert len(names) == 2
    page = browser.new_page(viewport={"width": 1400, "height": 1800})
    sign_in(page, app_url)
    page.get_by_role("link", name="Export").click()
    page.get_by_role("heading", name="Export").wait_for()
    for template in Template:
        page.get_by_text(template.label, exact=True).click()
        # The caption and the ZIP button name the template: never a stale element
        page.get_by_text(f"Preview, {template.label}:").wait_for()
        page.get_by_test_id("stImage").first.wait_for()
        settle(page)
        page.screenshot(path=ARTIFACTS / f"export_{template}.png", full_page=True)
        page.get_by_role("button", name="Build ZIP of 2 approved PDF(s)").click()
        with page.expect_download(timeout=60_000) as download:
            page.get_by_role("button", name=f"Download ZIP ({template.label})").click()
        settle(page)
        page.screenshot(path=ARTIFACTS / f"export_{template}_zip.png", full_page=True)
        archive = zipfile.ZipFile(io.BytesIO(open(download.value.path(), "rb").read()))
        assert len(archive.namelist()) == len(names), archive.namelist()
        for entry in archive.namelist():
            with pymupdf.open(stream=archive.read(entry), filetype="pdf") as pdf:
                pages = [" ".join(p.get_text().split()) for p in pdf]
                assert all(FOOTER.sub("", text).strip() for text in pages), entry
            text = " ".join(pages)
            if template.named:
                owner = next(n for n in names.values() if n.replace(" ", "_") in entry)
                assert owner in pages[0], (template, entry)
            else:
                assert re.fullmatch(r"candidate-C-\d{5}\.pdf", entry)
                assert not any(n in text or n.split()[-1] in text for n in names.values())
                assert AGENCY in pages[0]
    page.close()
