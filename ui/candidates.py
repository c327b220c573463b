"""Candidates: search, filter and page through the existing candidate table; pick
candidates across pages and searches into a selection tray; start a batch."""

from __future__ import annotations

import zlib
from dataclasses import replace

import pandas as pd
import streamlit as st

from db.candidates import CandidatePage, CandidateQuery, CandidateSource
from db.errors import StoreError
from db.users import Role
from ui.common import candidate_source, stop_on_setup_error
from ui.resume_preview import show_original_resume
from ui.selection import Selection, merged_selection
from ui.start_batch import start_batch_form

PAGE_SIZES = (25, 50, 100, 200)
SORTS = {"Name": "name", "Email": "email", "Id": "id"}
TRAY_SHOWN = 100
PICK = "Selected"

st.title("Candidates")

try:
    source = candidate_source()
except Exception as error:  # shown on the page; the app keeps running
    stop_on_setup_error(error)

selection = Selection.of_session()


def query_from_widgets(source: CandidateSource) -> CandidateQuery:
    search_col, sort_col, size_col = st.columns([3, 1, 1])
    text = search_col.text_input("Search", placeholder="Name, email, title, location…")
    sorts = SORTS | {label: label for label in source.mapping.filters}
    sort = sort_col.selectbox("Sort by", list(sorts))
    page_size = size_col.selectbox("Per page", PAGE_SIZES, index=1)
    filters = {}
    filter_cols = st.columns(max(1, len(source.mapping.filters)))
    for col, label in zip(filter_cols, source.mapping.filters):
        # Options read fresh on every run; a typed value matches as part of the column.
        chosen = col.multiselect(label, source.filter_options(label), accept_new_options=True,
                                 placeholder="Any (type to match part of it)")
        if chosen:
            filters[label] = tuple(chosen)
    return CandidateQuery(text=text, filters=filters, sort=sorts[sort], page_size=page_size)


def current_page(source: CandidateSource, query: CandidateQuery) -> CandidatePage:
    """The requested page; back to page 1 when the search changed, clamped to the last."""
    if st.session_state.get("candidate_query") != replace(query, page=1):
        st.session_state["candidate_query"] = replace(query, page=1)
        st.session_state["candidate_page"] = 1
    page = source.search(replace(query, page=st.session_state.get("candidate_page", 1)))
    if page.page > page.page_count:
        page = source.search(replace(query, page=page.page_count))
    st.session_state["candidate_page"] = page.page
    return page


def turn_page(step: int) -> None:
    st.session_state["candidate_page"] = st.session_state.get("candidate_page", 1) + step


def pager(page: CandidatePage) -> None:
    prev_col, where_col, next_col = st.columns([1, 3, 1])
    prev_col.button("‹ Previous", on_click=turn_page, args=(-1,), disabled=page.page <= 1,
                    width="stretch")
    first = (page.page - 1) * page.page_size + 1
    where_col.caption(f"Showing {first:,}–{first + len(page.rows) - 1:,} of {page.total:,} "
                      f"candidates · page {page.page:,} of {page.page_count:,}")
    next_col.button("Next ›", on_click=turn_page, args=(1,),
                    disabled=page.page >= page.page_count, width="stretch")


def table(page: CandidatePage) -> pd.DataFrame:
    rows = [{PICK: c.id in selection, "Id": c.id, "Name": c.name, "Email": c.email, **c.extra}
            for c in page.rows]
    return pd.DataFrame(rows, columns=[PICK, "Id", "Name", "Email", *source.mapping.filters])


def picked_on_page(page: CandidatePage, query: CandidateQuery) -> None:
    """The page as a table with a tick per row; ticks go into the selection."""
    frame = table(page)
    edited = st.data_editor(
        frame, hide_index=True, width="stretch", disabled=[c for c in frame if c != PICK],
        height=35 * (len(frame) + 1) + 3,  # every row of the page, no scrolling inside
        column_config={PICK: st.column_config.CheckboxColumn(PICK, width="small")},
        # A new table whenever the page's ticks change from anywhere: an editor keeps its
        # own edits on top of its data, so fed back the same data it would drift.
        key=f"pick_{page.page}_{zlib.crc32(repr((query, list(frame[PICK]))).encode())}",
    )
    names = {c.id: c.name for c in page.rows}
    ticked = [cid for cid, pick in zip(edited["Id"], edited[PICK]) if pick]
    selection.replace(merged_selection(selection.ids, list(names), ticked), names)


def tray() -> None:
    """The selection, always in the sidebar: count, remove one, clear."""
    with st.sidebar:
        st.markdown(f"### {len(selection):,} selected")
        if not selection:
            st.caption("Tick candidates on any page or search; they stay selected here.")
            return
        shown = selection.ids[:TRAY_SHOWN]
        labels = selection.labels(source, shown)
        kept = st.multiselect("Selected candidates", shown, default=shown,
                              format_func=lambda i: labels.get(i, i),
                              key=f"tray_{selection.version}")
        if len(kept) < len(shown):
            selection.remove(set(shown) - set(kept))
            st.rerun()
        if len(selection) > TRAY_SHOWN:
            st.caption(f"…and {len(selection) - TRAY_SHOWN:,} more.")
        if st.button("Clear selection", icon=":material/clear_all:"):
            selection.clear()
            st.rerun()


query = query_from_widgets(source)
try:
    page = current_page(source, query)
except StoreError as refused:  # a NUL typed into the search: said in words, not as SQL
    st.error(str(refused), icon=":material/block:")
    st.stop()
if page.total == 0:
    tray()
    st.info("No candidates match. Clear the search or filters to see everyone.")
    st.stop()

picked_on_page(page, query)
pager(page)
if st.button(f"Select all {page.total:,} matching candidates",
             help="Adds every candidate this search and these filters match to the selection."):
    selection.add(source.matching_ids(query))
    st.rerun()
tray()

with st.expander("Look at a candidate's resume (the original document)"):
    by_id = {c.id: c for c in page.rows}
    shown = st.selectbox("Candidate", list(by_id), index=None, placeholder="Pick one on this page",
                         format_func=lambda i: f"{by_id[i].name or i} ({i})")
    if shown is not None:
        show_original_resume(source, shown)

st.divider()
st.subheader(f"Optimize {len(selection):,} selected")
start_batch_form(selection.ids, Role.RECRUITER)
