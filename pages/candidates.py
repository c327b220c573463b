"""Candidates: search, filter and page through the existing candidate table; select some."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st


from db.candidates import CandidatePage, CandidateQuery, CandidateSource
from db.errors import StoreError
from db.queries import JobDescriptionChoice, job_descriptions
from engine.orchestration.batches import CostEstimate, estimate_cost, start_batch
from engine.resume import JobDescription
from engine.errors import Unavailable
from engine.orchestration.queue import check_queue
from db.users import Role
from pages.common import (allowed, candidate_source, current_user, plain, settings,
                          stop_on_setup_error)

PAGE_SIZES = (25, 50, 100, 200)
SORTS = {"Name": "name", "Email": "email", "Id": "id"}

st.title("Candidates")

try:
    source = candidate_source()
except Exception as error:  # shown on the page; the app keeps running
    stop_on_setup_error(error)


def query_from_widgets(source: CandidateSource) -> CandidateQuery:
    search_col, sort_col, size_col = st.columns([3, 1, 1])
    text = search_col.text_input("Search", placeholder="Name, email, title, location…")
    sorts = SORTS | {label: label for label in source.mapping.filters}
    sort = sort_col.selectbox("Sort by", list(sorts))
    page_size = size_col.selectbox("Per page", PAGE_SIZES, index=1)
    filters = {}
    filter_cols = st.columns(max(1, len(source.mapping.filters)))
    for col, label in zip(filter_cols, source.mapping.filters):
        filters[label] = col.selectbox(label, ["All", *source.filter_options(label)])
    filters = {k: v for k, v in filters.items() if v != "All"}
    return CandidateQuery(text=text, filters=filters, sort=sorts[sort], page_size=page_size)


def current_page(source: CandidateSource, query: CandidateQuery) -> CandidatePage:
    """The requested page, clamped to the last one when a new search shrank the result."""
    page = source.search(replace(query, page=st.session_state.get("candidate_page", 1)))
    if page.page > page.page_count:
        page = source.search(replace(query, page=page.page_count))
    st.session_state["candidate_page"] = page.page
    return page


def table(page: CandidatePage) -> pd.DataFrame:
    rows = [{"Id": c.id, "Name": c.name, "Email": c.email, **c.extra} for c in page.rows]
    return pd.DataFrame(rows, columns=["Id", "Name", "Email", *source.mapping.filters])


query = query_from_widgets(source)
page = current_page(source, query)

if page.total == 0:
    st.info("No candidates match. Clear the search or filters to see everyone.")
    st.stop()

first = (page.page - 1) * page.page_size + 1
st.caption(f"Showing {first:,}–{first + len(page.rows) - 1:,} of {page.total:,} candidates")
event = st.dataframe(
    table(page), hide_index=True, width="stretch", on_select="rerun",
    selection_mode="multi-row", key=f"candidates_{page.page}_{query}",
)
st.number_input(f"Page (of {page.page_count:,})", 1, page.page_count, key="candidate_page")
selected = [page.rows[i].id for i in event.selection.rows]
select_all = st.checkbox(f"Select all {page.total:,} matching candidates")
if select_all:
    selected = source.matching_ids(query)
st.session_state["selected_candidates"] = selected
st.write(f"**{len(selected):,}** selected")


@st.cache_data(ttl=300, show_spinner="Estimating cost…")
def cost_estimate(ids: tuple[str, ...], title: str, text: str) -> CostEstimate:
    return estimate_cost(settings(), list(ids), JobDescription(title=title, text=text))


def job_from_widgets(saved: list[JobDescriptionChoice]) -> tuple[int | None, JobDescription | None]:
    """(saved job description id, the posting) as chosen; (None, None) when none given."""
    options = ["Saved job description", "Paste a new one"] if saved else ["Paste a new one"]
    how = st.radio("Job description", options, horizontal=True, label_visibility="collapsed")
    if how == "Saved job description":
        chosen = st.selectbox("Job description", saved, format_func=lambda j: f"{j.title} (#{j.id})")
        with st.expander("Read the job description"):
            st.text(chosen.text)
        return chosen.id, JobDescription(title=chosen.title, text=chosen.text)
    title = st.text_input("Job title", placeholder="e.g. Senior Backend Engineer")
    text = st.text_area("Job description text", height=200, placeholder="Paste the posting here…")
    if not text.strip():
        return None, None
    return None, JobDescription(title=title.strip() or "Job description", text=text.strip())


st.divider()
st.subheader("Optimize selected")
app_settings = settings()
saved_id, job = job_from_widgets(job_descriptions(app_settings.database_url))
problems = []
if not selected:
    problems.append("Select at least one candidate in the table above.")
if job is None:
    problems.append("Choose a saved job description or paste one.")
estimate = None
if not problems:
    estimate = cost_estimate(tuple(selected), job.title, job.text)
    if app_settings.optimizer == "offline":
        st.caption(f"Offline optimizer (no GEMINI_API_KEY): {estimate.candidates:,} resume(s), no cost.")
    else:
        st.caption(
            f"Estimated cost with {app_settings.gemini_model}: **${estimate.cost_usd:,.4f}** for "
            f"{estimate.candidates:,} resumes (~{estimate.tokens_in:,} tokens in, "
            f"~{estimate.tokens_out:,} out; from a sample of {estimate.sampled})."
        )
for problem in problems:
    st.warning(problem)
if (st.button(f"Optimize {len(selected):,} selected", type="primary", disabled=bool(problems))
        and allowed(Role.RECRUITER, "start runs")):
    try:
        check_queue(app_settings)  # refuse before any row is written
        batch_id = start_batch(app_settings, selected, saved_id or job, current_user(), estimate)
    except Unavailable as error:
        st.error(f"Cannot start: {plain(error)}.")
    except StoreError as error:
        st.error(f"Cannot start: {plain(error)}")
    else:
        st.switch_page("pages/batches.py", query_params={"batch": str(batch_id)})
