"""Export: a batch as CSV, and an approved resume as PDF or DOCX."""

from __future__ import annotations

import streamlit as st

from db.models import Verdict
from db.queries import approved_resume, batch_runs
from engine.orchestration.budget import Budget, within_budget
from engine.render.documents import resume_docx, resume_pdf
from engine.resume import Resume
from engine.orchestration.review import batch_frame
from engine.render.spreadsheet import formula_safe
from ui.common import chosen_batch, settings

st.title("Export")
app_settings = settings()
url = app_settings.database_url

batch_id = chosen_batch(url)
if batch_id is None:
    st.stop()

frame = batch_frame(app_settings, batch_id)
st.subheader("Batch results as CSV")
st.caption(f"{len(frame)} runs: candidate, status, error, scores, cost, latest decision and "
           "the optimized text.")
st.download_button("Download CSV", formula_safe(frame).to_csv(index=False), file_name=f"tailor-batch-{batch_id}.csv",
                   mime="text/csv", type="primary", on_click="ignore")

st.subheader("Approved resumes")
approved = [r for r in batch_runs(url, batch_id) if r.decision == Verdict.APPROVED]
if not approved:
    st.info("No approved resumes in this batch yet: approve results on the Review page.")
    st.stop()
by_id = {r.id: r for r in approved}
run_id = st.selectbox("Resume", list(by_id),
                      format_func=lambda i: f"{by_id[i].candidate_name or by_id[i].candidate_id} "
                                            f"(run {i})")
RENDER_BUDGET = Budget(seconds=60, memory_mb=1024)
resume = Resume.model_validate(approved_resume(url, run_id))
stem = f"{(resume.name or by_id[run_id].candidate_id).replace(' ', '_')}-tailored"
pdf, docx, _ = st.columns([1, 1, 3])
# Rendered only when clicked, in a child process within a budget: a huge resume costs
# the app's process neither minutes nor gigabytes (it fails with resume_too_complex).
pdf.download_button("Download PDF", lambda: within_budget(RENDER_BUDGET, resume_pdf, resume),
                    file_name=f"{stem}.pdf", mime="application/pdf", on_click="ignore")
docx.download_button(
    "Download DOCX", lambda: within_budget(RENDER_BUDGET, resume_docx, resume),
    file_name=f"{stem}.docx",
    mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    on_click="ignore",
)
with st.expander("Preview"):
    st.text(resume.to_text())
