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
