"""Candidates: search, filter and page through the existing candidate table; select some."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import streamlit as st

from db.candidates import CandidatePage, CandidateQuery, CandidateSource
from pages.common import candidate_source, stop_on_setup_error

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
