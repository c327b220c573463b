"""Tailor: the Streamlit entry point — login gate, sidebar, navigation."""

from __future__ import annotations

import streamlit as st

st.set_page_config(page_title="Tailor", page_icon="✂️", layout="wide")


def login() -> None:
    st.title("Tailor")
    st.write("Tailor tailors your candidates' resumes to a job description, in bulk.")
    with st.form("login"):
        name = st.text_input("Your name", help="Recorded with every decision you make.")
        if st.form_submit_button("Sign in", type="primary"):
            if name.strip():
                st.session_state["user"] = name.strip()
                st.rerun()
            st.error("Enter your name to sign in.")


if not st.session_state.get("user"):
    st.navigation([st.Page(login, title="Sign in")]).run()
else:
    with st.sidebar:
        st.caption(f"Signed in as **{st.session_state['user']}**")
        if st.button("Sign out"):
            del st.session_state["user"]
            st.rerun()
    pages = [
        st.Page("pages/candidates.py", title="Candidates", icon=":material/group:", default=True),
        st.Page("pages/batches.py", title="Batches", icon=":material/pending_actions:"),
        st.Page("pages/review.py", title="Review", icon=":material/rate_review:"),
        st.Page("pages/export.py", title="Export", icon=":material/download:"),
    ]
    st.navigation(pages).run()
