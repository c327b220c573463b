"""Export: the CSV of decided runs, an approved resume as PDF or DOCX in a template, and a
ZIP of a batch's approved PDFs.

Every PDF or DOCX is rendered in a forked child within the budget of reading a resume
(``TAILOR_PARSE_SECONDS`` / ``TAILOR_PARSE_MEMORY_MB``, engine.orchestration.budget): a
huge resume costs the app's or the API's process neither minutes nor gigabytes, and
fails with ``resume_too_complex`` and a message that says so.
"""

from __future__ import annotations

import io
import multiprocessing
import re
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum

import pandas as pd
from pydantic import TypeAdapter

from db.exports import CSV_LINE_COLUMNS, ExportFilter, csv_lines, export_lines
from engine.errors import TailorError
from engine.orchestration.budget import TOO_COMPLEX, Budget, within_budget
from engine.render.documents import (Agency, Layout, Template, pdf_page_images, resume_docx,
                                     resume_pdf)
from engine.render.spreadsheet import formula_safe
from engine.resume import Resume
from settings import Settings

CSV_COLUMNS = ["run_id", "batch_id", "candidate_id", "candidate_name", "email", "job_title",
               "status", "decision", "reviewer", "note", "decided_at", "score_before",
               "score_after", "cost_usd", "optimized_text"]


class DocumentFormat(StrEnum):
    PDF = "pdf"
    DOCX = "docx"

    @property
    def media_type(self) -> str:
        return {"pdf": "application/pdf", "docx": "application/vnd.openxmlformats-"
                "officedocument.wordprocessingml.document"}[self.value]


@dataclass(frozen=True)
class Rendered:
    """One rendered document, or why it could not be."""

    run_id: int
    file_name: str
    data: bytes | None = None
    error: str | None = None


def agency(settings: Settings) -> Agency:
    """The agency the anonymised template is headed by (the logo was checked at start-up)."""
    logo = settings.agency_logo.read_bytes() if settings.agency_logo else None
    return Agency(name=settings.agency_name, logo=logo)


def reference(run_id: int) -> str:
    """The neutral id that stands in for a candidate's name in an anonymised submission."""
    return f"C-{run_id:05d}"


def layout(settings: Settings, template: Template, run_id: int) -> Layout:
    return Layout(template=template, agency=agency(settings), reference=reference(run_id))


def file_stem(template: Template, run_id: int, name: str | None, fallback: str) -> str:
    """A file name from the candidate's name, or the neutral reference when anonymised."""
    if not template.named:
        return f"candidate-{reference(run_id)}"
    words = re.findall(r"[\w-]+", name or "") or re.findall(r"[\w-]+", fallback)
    return ("_".join(words)[:80] or f"run-{run_id}") + "-tailored"


def render(settings: Settings, resume: Resume, layout_: Layout,
           fmt: DocumentFormat = DocumentFormat.PDF) -> bytes:
    """The resume as PDF or DOCX, rendered in a child within the budget."""
    work: Callable[[Resume, Layout], bytes] = resume_pdf if fmt is DocumentFormat.PDF \
        else resume_docx
    with _render_budget(f"render as {fmt.value.upper()}"):
        return within_budget(Budget.from_settings(settings), work, resume, layout_,
                             start_method=_forkserver())


def _forkserver() -> str:
    """The start method of rendering children. The app and the API render from threads,
    where a plain fork hung (the child waited on a lock a thread held at the fork); the
    fork server forks from a single thread and has WeasyPrint already imported."""
    multiprocessing.set_forkserver_preload(["engine.orchestration.export", "weasyprint",
                                            "pymupdf"])
    return "forkserver"


@contextmanager
def _render_budget(what: str) -> Iterator[None]:
    """The budget's ``resume_too_complex`` in rendering's words."""
    try:
        yield
    except TailorError as error:
        if error.code != TOO_COMPLEX:
            raise
        reason = str(error).partition(": it ")[2].rstrip(".") or "went over its budget"
        raise TailorError(TOO_COMPLEX, f"This resume is too large to {what}: rendering it "
                          f"{reason}.") from None


def preview(settings: Settings, resume: Resume, layout_: Layout,
            pages: int = 2) -> tuple[bytes, list[bytes]]:
    """The PDF and its first pages as PNG images, rendered in one budgeted child."""
    with _render_budget("preview"):
        return within_budget(Budget.from_settings(settings), _pdf_and_images, resume, layout_,
                             pages, start_method=_forkserver())


def _pdf_and_images(resume: Resume, layout_: Layout, pages: int) -> tuple[bytes, list[bytes]]:
    pdf = resume_pdf(resume, layout_)
    return pdf, pdf_page_images(pdf, pages)


def approved_pdfs(settings: Settings, batch_id: int, template: Template) -> Iterator[Rendered]:
    """Each approved run of the batch rendered as a PDF (one child each, so one resume
    over the budget fails alone)."""
    for line in export_lines(settings.database_url, ExportFilter(batch_id=batch_id)):
        name = file_stem(template, line.run_id, line.candidate_name, line.candidate_id)
        if line.resume is None:
            yield Rendered(line.run_id, f"{name}.pdf", error="no approved resume stored")
            continue
        try:
            data = render(settings, Resume.model_validate(line.resume),
                          layout(settings, template, line.run_id))
        except TailorError as error:
            yield Rendered(line.run_id, f"{name}.pdf", error=str(error))
            continue
        yield Rendered(line.run_id, f"{name}.pdf", data=data)


def zip_of(documents: list[Rendered]) -> bytes:
    """A ZIP of the rendered documents (two with the same name get the run id added)."""
    out = io.BytesIO()
    used: set[str] = set()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for document in documents:
            if document.data is None:
                continue
            name = document.file_name
            if name in used:
                stem, _, suffix = name.rpartition(".")
                name = f"{stem}-run{document.run_id}.{suffix}"
            used.add(name)
            archive.writestr(name, document.data)
    return out.getvalue()


def export_frame(settings: Settings, chosen: ExportFilter) -> pd.DataFrame:
    """One row per chosen run: candidate, email, job title, outcome, the latest decision
    (reviewer, note, when) and the exported resume as text."""
    frame = pd.DataFrame.from_records(csv_lines(settings.database_url, chosen),
                                      columns=CSV_LINE_COLUMNS)
    # An approved run's text was stored with its approval; only the others' tailored
    # resumes are read, all in one JSON parse (pydantic's, not one validation per row).
    missing = frame["optimized_text"].isna() & frame["tailored_json"].notna()
    if missing.any():
        resumes = _RESUMES.validate_json(f"[{','.join(frame.loc[missing, 'tailored_json'])}]")
        frame.loc[missing, "optimized_text"] = [r.to_text() if r else None for r in resumes]
    if isinstance(frame["decided_at"].dtype, pd.DatetimeTZDtype):
        # The driver's UTC zone is written out cell by cell; pandas' own UTC, vectorised,
        # gives the same text three times faster.
        frame["decided_at"] = frame["decided_at"].dt.tz_convert("UTC")
    return frame[CSV_COLUMNS]


_RESUMES = TypeAdapter(list[Resume | None])


def csv_text(frame: pd.DataFrame) -> str:
    """The frame as CSV text, every cell formula-safe (names, notes and resume text are a
    candidate's or a reviewer's: never formulas). Only text columns are mapped cell by
    cell: numbers and dates are never formulas, and mapping a date column is slow."""
    text = frame.select_dtypes(exclude=["number", "datetime", "datetimetz", "bool"]).columns
    return frame.assign(**formula_safe(frame[text])).to_csv(index=False)


def export_csv(settings: Settings, chosen: ExportFilter) -> str:
    return csv_text(export_frame(settings, chosen))
