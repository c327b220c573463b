"""What every page shares: settings and the candidate source, built once per server."""

from __future__ import annotations

import streamlit as st

from db.candidates import CandidateMappingError, CandidateSource, open_candidate_source
from settings import ConfigError, Settings, load_settings


@st.cache_resource
def settings() -> Settings:
    return load_settings()


@st.cache_resource
def candidate_source() -> CandidateSource:
    s = settings()
    return open_candidate_source(s.candidates_url, s.candidate_table)


def current_user() -> str:
    return st.session_state.get("user", "")


def stop_on_setup_error(error: Exception) -> None:
    """Show a start-up problem where the user sees it, instead of a stack trace."""
    if isinstance(error, (ConfigError, CandidateMappingError)):
        st.error(str(error))
    else:
        st.error(f"The candidate database is not reachable: {error}")
    st.stop()


def chosen_batch(url: str, label: str = "Batch") -> int | None:
    """A batch picker shared by the Batches, Review and Export pages, kept in the URL
    (``?batch=ID``) so a page can be linked and reloaded. Newest batch by default."""
    from db.queries import batches

    found = batches(url)
    if not found:
        st.info("No batches yet. Select candidates on the Candidates page and start one.")
        return None
    by_id = {b.id: b for b in found}
    wanted = st.query_params.get("batch")
    current = int(wanted) if wanted and wanted.isdigit() and int(wanted) in by_id else found[0].id
    choice = st.selectbox(
        label, list(by_id), index=list(by_id).index(current),
        format_func=lambda i: (f"#{i} · {by_id[i].title} · {by_id[i].total} candidates · "
                               f"{by_id[i].created_at:%Y-%m-%d %H:%M}"),
    )
    st.query_params["batch"] = str(choice)
    return choice
