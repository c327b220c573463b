"""A toast when a batch you started finishes, on whatever page you are.

app.py calls ``watch_my_batches`` on every redraw: one small query for the user's
batches that still have work. A batch that had work at the last look and has none now
has finished. While some are running, a fragment looks again every few seconds, so the
notice comes even when the recruiter is reading a page and not clicking.
"""

from __future__ import annotations

import streamlit as st

from db.queries import BatchSummary, batches, unfinished_batches
from ui.common import plain

LOOK_EVERY_S = 5
_RUNNING_KEY = "_tailor_my_running_batches"
_TOASTS_KEY = "_tailor_batch_toasts"


def finished_words(batch: BatchSummary) -> str:
    outcome = f"{batch.ready:,} ready, {batch.failed:,} failed"
    verb = "was cancelled" if batch.cancelled else "has finished"
    return f"Batch #{batch.id} ({plain(batch.title)}) {verb}: {outcome}."


def look(url: str, actor: str) -> set[int]:
    """The user's batches with work left now; a toast queued for each that finished
    since the last look. Returns the running ones."""
    running = unfinished_batches(url, actor)
    before = st.session_state.get(_RUNNING_KEY)
    st.session_state[_RUNNING_KEY] = running
    if before and (finished := before - running):
        toasts = st.session_state.setdefault(_TOASTS_KEY, [])
        toasts += [finished_words(b) for b in batches(url) if b.id in finished]
    return running


def show_toasts() -> None:
    for message in st.session_state.pop(_TOASTS_KEY, []):
        st.toast(message, icon=":material/task_alt:", duration="long")


def watch_my_batches(url: str, actor: str) -> None:
    """Say when a batch ``actor`` started finishes, wherever they are in the app."""
    running = look(url, actor)
    show_toasts()
    if running:
        st.fragment(_look_again, run_every=LOOK_EVERY_S)(url, actor)


def _look_again(url: str, actor: str) -> None:
    if not look(url, actor) or st.session_state.get(_TOASTS_KEY):
        # A whole redraw shows the toast, and stops this timer once nothing runs.
        st.rerun(scope="app")
