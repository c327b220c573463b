"""Export: an approved resume in a template (previewed here, as PDF or DOCX), a ZIP of a
batch's approved PDFs, and the CSV of decided runs with its filters.

Every document is rendered in a forked child within the parse budget
(engine.orchestration.export): a huge resume shows an error here and costs the app's
process neither minutes nor gigabytes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import streamlit as st

from db.exports import ExportFilter
from db.models import Verdict
from db.queries import RunRow, approved_resume, batch_runs
from engine.errors import TailorError
from engine.orchestration.export import (DocumentFormat, approved_pdfs, csv_text, export_frame,
                                         file_stem, layout, preview, render, zip_of)
from engine.render.documents import Template
from engine.resume import Resume
from settings import Settings
from ui.common import chosen_batch, plain, settings

ZIP_KEY = "export_zip"  # (batch id, template, zip bytes, failures) of the last ZIP built


@st.cache_data(max_entries=16, show_spinner="Rendering the preview…")
def _preview(_settings: Settings, run_id: int, template: Template,
             resume_json: str) -> tuple[bytes, list[bytes]]:
    # Keyed on the resume's JSON: a new approval (another version) renders again.
    resume = Resume.model_validate_json(resume_json)
    return preview(_settings, resume, layout(_settings, template, run_id))


@st.cache_data(max_entries=16, show_spinner=False)
def _docx(_settings: Settings, run_id: int, template: Template, resume_json: str) -> bytes:
    resume = Resume.model_validate_json(resume_json)
    return render(_settings, resume, layout(_settings, template, run_id), DocumentFormat.DOCX)


def resume_section(app_settings: Settings, batch_id: int, template: Template) -> None:
    """The chosen approved resume: preview, PDF and DOCX."""
    approved = [r for r in batch_runs(app_settings.database_url, batch_id)
                if r.decision == Verdict.APPROVED]
    if not approved:
        st.info("No approved resumes in this batch yet: approve results on the Review page.")
        return
    by_id = {r.id: r for r in approved}
    run_id = st.selectbox("Resume", list(by_id), format_func=lambda i: _label(by_id[i]))
    stored = approved_resume(app_settings.database_url, run_id)
    if stored is None:
        st.error("This run is approved but its approved resume is not stored: approve it "
                 "again on the Review page.")
        return
    resume_json = Resume.model_validate(stored).model_dump_json()
    stem = file_stem(template, run_id, by_id[run_id].candidate_name, by_id[run_id].candidate_id)
    try:
        pdf, pages = _preview(app_settings, run_id, template, resume_json)
        docx = _docx(app_settings, run_id, template, resume_json)
    except TailorError as error:
        st.error(plain(str(error)))
        return
    left, right, _ = st.columns([1, 1, 3])
    left.download_button("Download PDF", pdf, file_name=f"{stem}.pdf", mime="application/pdf",
                         type="primary", on_click="ignore")
    right.download_button("Download DOCX", docx, file_name=f"{stem}.docx",
                          mime=DocumentFormat.DOCX.media_type, on_click="ignore")
    st.caption(f"Preview, {template.label}: the PDF's first {len(pages)} page(s).")
    tabs = st.tabs([f"Page {number}" for number in range(1, len(pages) + 1)])
    for tab, image in zip(tabs, pages, strict=True):
        tab.image(image, width=640)  # about the printed size: readable, not a thumbnail


def _label(run: RunRow) -> str:
    return f"{run.candidate_name or run.candidate_id} (run {run.id})"


def zip_section(app_settings: Settings, batch_id: int, template: Template) -> None:
    """A ZIP of every approved PDF of the batch, built when asked (it can take a while)."""
    count = sum(r.decision == Verdict.APPROVED
                for r in batch_runs(app_settings.database_url, batch_id))
    if not count:
        return
    st.subheader("All approved resumes as a ZIP")
    if st.button(f"Build ZIP of {count} approved PDF(s)"):
        documents = []
        progress = st.progress(0.0, text="Rendering…")
        for done, document in enumerate(approved_pdfs(app_settings, batch_id, template), 1):
            documents.append(document)
            progress.progress(done / count, text=f"Rendered {done} of {count}")
        progress.empty()
        failed = [(d.run_id, d.error) for d in documents if d.error]
        st.session_state[ZIP_KEY] = (batch_id, template, zip_of(documents), failed)
    built = st.session_state.get(ZIP_KEY)
    if not built or built[:2] != (batch_id, template):
        return
    _, _, data, failed = built
    for run_id, error in failed:
        st.warning(f"Run {run_id} left out: {plain(error)}")
    st.download_button(f"Download ZIP ({template.label})", data, file_name=f"tailor-batch-{batch_id}-{template}.zip",
                       mime="application/zip", type="primary", on_click="ignore")


def csv_section(app_settings: Settings, batch_id: int) -> None:
    """The CSV of approved (or all) runs, filtered by batch and decision date."""
    st.subheader("Results as CSV")
    left, middle, right = st.columns([1, 2, 2])
    this_batch = left.toggle("This batch only", value=True)
    include_all = middle.toggle("Include rejected and undecided runs", value=False)
    dates = right.date_input("Decided between", value=(), format="YYYY-MM-DD")
    since, until = _day_range(dates)
    chosen = ExportFilter(batch_id=batch_id if this_batch else None, since=since, until=until,
                          include_all=include_all)
    frame = export_frame(app_settings, chosen)
    which = "runs" if include_all else "approved runs"
    st.caption(f"{len(frame)} {which}: candidate, email, job title, status, decision, "
               "reviewer, note, decided at, scores, cost and the exported resume as text.")
    name = f"tailor-batch-{batch_id}.csv" if this_batch else "tailor-runs.csv"
    st.download_button("Download CSV", csv_text(frame), file_name=name, mime="text/csv",
                       on_click="ignore", disabled=frame.empty)


def _day_range(dates: tuple[date, ...] | date) -> tuple[datetime | None, datetime | None]:
    """[first day 00:00 UTC, the day after the last one 00:00 UTC); nothing picked, no bound."""
    picked = dates if isinstance(dates, tuple) else (dates,)
    if not picked:
        return None, None
    start = datetime.combine(picked[0], time(), UTC)
    end = datetime.combine(picked[-1], time(), UTC) + timedelta(days=1)
    return start, end


st.title("Export")
app_settings = settings()
batch_id = chosen_batch(app_settings.database_url)
if batch_id is None:
    st.stop()
template = st.radio("Template", list(Template), format_func=lambda t: t.label, horizontal=True,
                    help="Anonymised: for a client, headed by your agency's name and logo, "
                         "without the candidate's name, contact details or addresses.")
st.subheader("Approved resume")
resume_section(app_settings, batch_id, template)
zip_section(app_settings, batch_id, template)
csv_section(app_settings, batch_id)
