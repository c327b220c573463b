"""Start a batch from the Candidates page: choose a job description from the library or
paste one (saved to the library only when named), see the cost, check the posting."""

from __future__ import annotations

import streamlit as st

from db.errors import StoreError
from db.queries import JobDescriptionChoice, job_descriptions
from db.users import Role
from engine.errors import TailorError
from engine.orchestration.batches import (CostEstimate, estimate_cost, job_description_problem,
                                          start_batch)
from engine.orchestration.queue import check_queue
from engine.resume import JobDescription
from ui.common import allowed, current_user, plain, settings


@st.cache_data(ttl=300, show_spinner="Estimating cost…")
def cost_estimate(ids: tuple[str, ...], title: str, text: str) -> CostEstimate:
    return estimate_cost(settings(), list(ids), JobDescription(title=title, text=text))


def job_from_widgets(saved: list[JobDescriptionChoice]) -> tuple[int | None, JobDescription | None, str]:
    """(library id, the posting, the name to save a pasted one under — "" for none)."""
    options = ["From the library", "Paste a new one"] if saved else ["Paste a new one"]
    how = st.radio("Job description", options, horizontal=True, label_visibility="collapsed")
    if how == "From the library":
        chosen = st.selectbox("Job description", saved,
                              format_func=lambda j: f"{j.title} (v{j.version}, #{j.id})")
        with st.expander("Read the job description"):
            st.text(chosen.text)
        st.caption("Manage the library on the Job descriptions page.")
        return chosen.id, JobDescription(title=chosen.title, text=chosen.text), ""
    title = st.text_input("Job title", placeholder="e.g. Senior Backend Engineer")
    text = st.text_area("Job description text", height=200, placeholder="Paste the posting here…")
    name = st.text_input("Save to the library as (optional)",
                         placeholder="Leave empty to use it for this batch only")
    if not text.strip():
        return None, None, name.strip()
    job = JobDescription(title=name.strip() or title.strip() or "Job description", text=text.strip())
    return None, job, name.strip()


def problems_before_start(selected: list[str], job: JobDescription | None) -> list[str]:
    problems = [] if selected else ["Select at least one candidate in the table above."]
    if job is None:
        problems.append("Choose a job description from the library or paste one.")
    elif why := job_description_problem(job):
        problems.append(f"This job description cannot be used: {why}")
    return problems


def cost_line(selected: list[str], job: JobDescription) -> CostEstimate:
    app_settings = settings()
    estimate = cost_estimate(tuple(selected), job.title, job.text)
    if app_settings.optimizer == "offline":
        st.caption(f"Offline optimizer (no GEMINI_API_KEY): {estimate.candidates:,} resume(s), no cost.")
    else:
        st.caption(
            f"Estimated cost with {app_settings.gemini_model}: **${estimate.cost_usd:,.4f}** for "
            f"{estimate.candidates:,} resumes (~{estimate.tokens_in:,} tokens in, "
            f"~{estimate.tokens_out:,} out; from a sample of {estimate.sampled})."
        )
    return estimate


def economy_choice(estimate: CostEstimate) -> bool:
    """Fast or Economy (Gemini Batch Mode), each with its estimated cost; True: Economy."""
    from engine.orchestration.gemini_batches import economy_estimate  # loads google-genai

    economy = economy_estimate(estimate)
    return st.radio(
        "Mode", ["Fast", "Economy"], horizontal=True,
        captions=[f"live calls, results as they come — ~${estimate.cost_usd:,.4f}",
                  f"Gemini Batch Mode at half price, results usually within minutes, at most "
                  f"24 h — ~${economy.cost_usd:,.4f}"],
    ) == "Economy"


def start_batch_form(selected: list[str], role: Role = Role.RECRUITER) -> None:
    app_settings = settings()
    saved_id, job, name = job_from_widgets(job_descriptions(app_settings.database_url))
    problems = problems_before_start(selected, job)
    estimate = cost_line(selected, job) if not problems else None
    economy = bool(estimate) and app_settings.optimizer == "gemini" and economy_choice(estimate)
    for problem in problems:
        st.warning(plain(problem))
    # Enabled whenever candidates are picked: a posting typed but not yet committed (no
    # Ctrl+Enter) is committed by this click, and checked again then.
    if not (st.button(f"Optimize {len(selected):,} selected", type="primary",
                      disabled=not selected) and allowed(role, "start runs")):
        return
    if problems:
        st.error(plain(problems[0]))
        return
    try:
        check_queue(app_settings)  # refuse before any row is written
        batch_id = start_batch(app_settings, selected, saved_id or job, current_user(), estimate,
                               in_library=bool(name), economy=economy)
    except (TailorError, StoreError) as error:
        st.error(f"Cannot start: {plain(error)}")
    else:
        st.switch_page("ui/batches.py", query_params={"batch": str(batch_id)})
