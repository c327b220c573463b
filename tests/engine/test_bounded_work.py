"""Bounded work per resume (issue 12, item 2): patterns linear on adversarial input,
limits checked before the expensive step, and a per-parse time and memory budget that
fails the run with ``resume_too_complex`` while the calling process lives on.

Each case is the reported one scaled down; the time bounds are generous ceilings that
the quadratic or unbounded code missed by orders of magnitude."""

from __future__ import annotations

import io
import os
import time
import zipfile
from functools import partial

import pytest

from engine.claim_check import check_claims
from engine.errors import TailorError
from engine.extract.documents import ExtractLimits, extract_document
from engine.orchestration.budget import Budget, within_budget
from engine.parse.contact import EMAIL, find_email, find_phone
from engine.parse.parser import parse_document
from engine.resume import Bullet, ExperienceEntry, Resume
from tests.support.resumes import docx_bytes, pdf_with_content

HEAD = ("Jane Doe\njane@example.com\n\nExperience\nEngineer, Acme, 2019 - 2021\n"
        "- Built billing services for 40 teams in Python and PostgreSQL\n"
        "- Cut the monthly cloud bill by a third with caching and batching\n\n"
        "Skills\nPython, SQL, Redis\n\n")


def _elapsed(work) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


@pytest.mark.parametrize("text", [
    "a" * 100_000, "1" * 100_000, "a." * 50_000, "--a" * 33_000, "a@" * 50_000,
    "a@" + "b" * 100_000, "x" * 50_000 + "@example", "a-" * 50_000,
], ids=["letters", "digits", "dotted", "dashes", "ats", "long-domain", "no-tld", "hyphens"])
def test_email_pattern_is_linear_on_runs_without_an_address(text):
    assert _elapsed(lambda: EMAIL.search(text)) < 0.5  # was ~1 s per 20 KB, quadratic


def test_email_pattern_still_finds_addresses_after_punctuation():
    assert find_email(["mail: -jane.doe@example.com."]) == "jane.doe@example.com"
    assert find_email(["x_ann@mail.example.org | +1 555"]) == "x_ann@mail.example.org"
    assert find_email(["word" * 5000 + " bob@example.com"]) == "bob@example.com"


def test_phone_search_is_linear_on_a_line_of_number_runs():
    line = "1 " * 50_000  # each run is a phone candidate; the label search was per prefix
    assert _elapsed(lambda: find_phone([line])) < 2.0  # was 73 s for the whole parse


def test_a_100_kb_run_of_letters_parses():
    parse_document(extract_document(HEAD.encode()))  # loads the models first
    document = extract_document((HEAD + "a" * 100_000).encode())
    assert _elapsed(lambda: parse_document(document)) < 5.0  # was 23 s for 150 KB


def test_text_file_over_the_page_limit_is_refused_before_parsing():
    text = (HEAD + "- Shipped a service used by 300 people every day\n" * 2_500).encode()
    with pytest.raises(TailorError) as refused:
        extract_document(text, limits=ExtractLimits(max_pages=30))
    assert refused.value.code == "too_many_pages"
    assert "limit is 30" in refused.value.message


def _docx_with_body(size: int) -> bytes:
    """A DOCX whose word/document.xml is ``size`` bytes of varied text (not a zip bomb)."""
    def build(document) -> None:
        for i in range(size // 60):
            document.add_paragraph(f"{os.urandom(12).hex()} line {i}")
    return docx_bytes(build)


def test_docx_text_part_over_its_limit_is_refused_before_parsing():
    data = _docx_with_body(400_000)
    body = zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml").file_size
    with pytest.raises(TailorError) as refused:
        extract_document(data, limits=ExtractLimits(max_document_xml_bytes=body - 1))
    assert refused.value.code == "resume_too_complex"


def test_docx_page_limit_is_checked_on_extraction():
    with pytest.raises(TailorError) as refused:
        extract_document(_docx_with_body(400_000), limits=ExtractLimits(max_pages=5))
    assert refused.value.code == "too_many_pages"


def _seconds(function, *args) -> float:
    started = time.perf_counter()
    function(*args)
    return time.perf_counter() - started


def test_pdf_of_many_tiny_text_operators_fails_within_the_time_budget():
    data = pdf_with_content(b"BT /helv 8 Tf 1 0 0 1 10 400 Tm "
                            + b"-4.44 0.0001 Td (a) Tj " * 60_000 + b"ET")
    assert len(data) < 20_000
    # The budget is a quarter of what reading this file costs on this machine, so the
    # budget (not the machine's speed) decides that it fails. The fastest of three
    # readings after a first (which may include loading PyMuPDF, which the forked child
    # already has): a reading slowed by other work on the machine would give a budget
    # the child, run once that work is done, could finish within.
    extract_document(data)
    budget = Budget(seconds=round(min(_seconds(extract_document, data) for _ in range(3)) / 4,
                                  2), memory_mb=512)
    started = time.perf_counter()
    with pytest.raises(TailorError) as failed:
        within_budget(budget, partial(extract_document, data))
    assert failed.value.code == "resume_too_complex"
    assert f"longer than {budget.seconds:g} s" in failed.value.message
    assert time.perf_counter() - started < budget.seconds + 5


def test_pdf_stream_inflating_to_hundreds_of_megabytes_fails_within_the_budget():
    data = pdf_with_content(b" " * (300 * 1024 * 1024))
    assert len(data) < 1024 * 1024
    # MuPDF inflates and reads the stream piece by piece, so it is time, not memory,
    # that runs out; a fixed second was a coin toss on a fast machine (CI read it in
    # less). As above, the budget is a quarter of one reading here, PyMuPDF loaded.
    extract_document(pdf_with_content(b""))
    budget = Budget(seconds=round(_seconds(extract_document, data) / 4, 2), memory_mb=512)
    started = time.perf_counter()
    with pytest.raises(TailorError) as failed:
        within_budget(budget, partial(extract_document, data))
    assert failed.value.code == "resume_too_complex"
    assert f"longer than {budget.seconds:g} s" in failed.value.message
    assert time.perf_counter() - started < budget.seconds + 5


def _allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * 1024 * 1024))


def test_work_over_the_memory_budget_fails_and_the_caller_lives_on():
    with pytest.raises(TailorError) as failed:
        within_budget(Budget(seconds=30, memory_mb=64), _allocate, 512)
    assert failed.value.code == "resume_too_complex"
    assert "64 MB" in failed.value.message
    assert within_budget(Budget(seconds=30, memory_mb=64), _allocate, 8) == 8 * 1024 * 1024


def test_refusals_inside_the_budget_keep_their_code():
    with pytest.raises(TailorError) as refused:
        within_budget(Budget(), partial(extract_document, b""))
    assert refused.value.code == "empty_file"


def _resume(bullets: list[str]) -> Resume:
    entry = ExperienceEntry(title="Engineer", company="Acme", start="2019-01", end="2021-01",
                            bullets=[Bullet(id=f"b{i}", text=t) for i, t in enumerate(bullets)])
    return Resume(name="Jane Doe", experience=[entry])


def test_claim_check_of_a_10000_bullet_resume_is_linear():
    original = _resume([f"Delivered project {i} in Python, cutting cost by {i % 90 + 1}%"
                        for i in range(10_000)])
    optimized = original.model_copy(deep=True)
    for bullet in optimized.experience[0].bullets:
        bullet.text += " for 77777 clients"
    started = time.perf_counter()
    findings = check_claims(original, optimized)
    assert time.perf_counter() - started < 60  # 2,000 bullets took 105 s when quadratic
    invented = [f for f in findings if f.text == "77777"]
    assert len(invented) == 10_000  # every bullet's invented number is still found


def test_rendering_runs_in_a_child_within_its_budget():
    from engine.render.documents import resume_pdf

    small = _resume(["Built billing services in Python"])
    assert within_budget(Budget(seconds=60, memory_mb=1024), resume_pdf, small).startswith(b"%PDF")
    huge = _resume([f"Delivered project {i} in Python and SQL" for i in range(10_000)])
    started = time.perf_counter()
    with pytest.raises(TailorError) as failed:
        within_budget(Budget(seconds=2, memory_mb=1024), resume_pdf, huge)
    assert failed.value.code == "resume_too_complex"
    assert time.perf_counter() - started < 10  # was 22 s in the app's own process
