"""What every page shares: settings and the candidate source, built once per server."""

from __future__ import annotations

import re
from collections.abc import Collection

import pandas as pd
import streamlit as st

from db.candidates import CandidateSource, open_candidate_source
from db.errors import CandidateMappingError
from db.queries import batches
from db.users import Role
from engine.orchestration.auth import Identity
from settings import ConfigError, Settings, load_settings


@st.cache_resource
def settings() -> Settings:
    return load_settings()


@st.cache_resource
def candidate_source() -> CandidateSource:
    s = settings()
    return open_candidate_source(s.candidates_url, s.candidate_table)


IDENTITY_KEY = "_tailor_identity"  # set by app.py from the login on every script run
NOBODY = Identity(actor="nobody", name="nobody", roles=frozenset(), signed_in=False)
# Everything Streamlit's markdown gives a meaning to: CommonMark punctuation, its own
# :color[…] / :material/…: directives (":"), LaTeX ("$") and HTML ("<", "&").
_MARKDOWN_CHARACTERS = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=^\"'%@/])")
_LINE_BREAKS = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]+")
# GitHub-flavoured markdown turns bare "http://…" and "www.…" into links even when
# escaped; an invisible word joiner inside the scheme or "www" keeps them text.
_BARE_URL = re.compile(r"(?i)(https?|ftp|www)(:|\.)")


def identity() -> Identity:
    """Who is using this session: the login (app.py puts it here on every run)."""
    found = st.session_state.get(IDENTITY_KEY)
    # Fail closed: a page run without the gate (it never should) may do nothing.
    return found if isinstance(found, Identity) else NOBODY


def current_user() -> str:
    """What audit events and decisions record: the login's email, or the OS user."""
    return identity().actor


def refusal(role: Role, action: str) -> str | None:
    """Why this user may not ``action`` (e.g. "start runs"), as markdown; None if they may."""
    user = identity()
    if user.can(role):
        return None
    has = ", ".join(sorted(user.roles)) or "no role"
    return (f"You cannot {action}: that needs the {role.value} role, and "
            f"{plain(user.actor)} has {has}. Ask an administrator for it.")


def allowed(role: Role, action: str) -> bool:
    """Whether this user may ``action``; if not, says why on the page."""
    if (why := refusal(role, action)) is None:
        return True
    st.error(why)
    return False


def plain(value: object) -> str:
    """User- or document-derived text made safe for Streamlit's markdown (st.write,
    st.info, captions, …): every character markdown would act on is escaped and line
    breaks become spaces, so it shows exactly as typed — no links, images or styling."""
    # Leading spaces would make an indented code block.
    text = _BARE_URL.sub("\\1\u2060\\2", _LINE_BREAKS.sub(" ", str(value)).lstrip())
    return _MARKDOWN_CHARACTERS.sub(r"\\\1", text)


def plain_table(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame for st.table, whose cells (and index and headers) render as markdown: every
    text made plain(). st.dataframe needs none of this; it shows cells as text."""
    shown = frame.map(lambda v: plain(v) if isinstance(v, str) else v)
    shown.index = shown.index.map(lambda v: plain(v) if isinstance(v, str) else v)
    shown.columns = [plain(c) if isinstance(c, str) else c for c in frame.columns]
    return shown


def stop_on_setup_error(error: Exception) -> None:
    """Show a start-up problem where the user sees it, instead of a stack trace."""
    if isinstance(error, (ConfigError, CandidateMappingError)):
        st.error(plain(error))
    else:
        st.error(f"The candidate database is not reachable: {plain(error)}")
    st.stop()


def query_id(name: str, known: Collection[int]) -> int | None:
    """The id in the URL parameter ``?name=`` when it is one of ``known``, else None."""
    wanted = st.query_params.get(name)
    return int(wanted) if wanted and wanted.isdigit() and int(wanted) in known else None


def chosen_batch(url: str, label: str = "Batch") -> int | None:
    """A batch picker shared by the Batches, Review and Export pages, kept in the URL
    (``?batch=ID``) so a page can be linked and reloaded. Newest batch by default."""
    found = batches(url)
    if not found:
        st.info("No batches yet. Select candidates on the Candidates page and start one.")
        return None
    by_id = {b.id: b for b in found}
    current = query_id("batch", by_id) or found[0].id
    choice = st.selectbox(
        label, list(by_id), index=list(by_id).index(current),
        format_func=lambda i: (f"#{i} · {by_id[i].title} · {by_id[i].total} candidates · "
                               f"{by_id[i].created_at:%Y-%m-%d %H:%M}"),
    )
    st.query_params["batch"] = str(choice)
    return choice
