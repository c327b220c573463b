"""Tailor: the Streamlit entry point — sign-in gate, sidebar, navigation.

Sign-in is Streamlit's own OIDC (``st.login``), configured in the ``[auth]`` section of
``.streamlit/secrets.toml``. Without it Tailor runs unauthenticated for local use, says so
on every page, and refuses to serve on anything but a loopback address unless allowed.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import NoReturn

import streamlit as st
from streamlit.errors import StreamlitSecretNotFoundError

from engine.logs import configure_json_logs
from engine.orchestration.auth import (
    Identity,
    SignInRefused,
    exposure_problem,
    identity_from_claims,
    local_identity,
)
from ui.common import IDENTITY_KEY, plain, settings, stop_on_setup_error
from ui.batch_notices import watch_my_batches
from ui.deep_links import remember_link, returning_link

st.set_page_config(page_title="Tailor", page_icon="✂️", layout="wide")

PAGES = [
    ("ui/home.py", "Home", ":material/home:"),
    ("ui/candidates.py", "Candidates", ":material/group:"),
    ("ui/job_descriptions.py", "Job descriptions", ":material/description:"),
    ("ui/batches.py", "Batches", ":material/pending_actions:"),
    ("ui/review.py", "Review", ":material/rate_review:"),
    ("ui/export.py", "Export", ":material/download:"),
    ("ui/activity.py", "Activity", ":material/history:"),
    ("ui/webhooks.py", "Webhooks", ":material/webhook:"),
]
LANDING = "ui/candidates.py"  # where "/" lands; Home is one click away
# Each page's URL path, given explicitly so the gate below answers on the same URLs.
URL_PATHS = {path: Path(path).stem for path, _, _ in PAGES}


def sign_in_configured() -> bool:
    try:
        return "auth" in st.secrets
    except StreamlitSecretNotFoundError:  # no secrets.toml at all
        return False


def sign_in_page(url_path: str) -> None:
    st.title("Tailor")
    st.write("Tailor tailors your candidates' resumes to a job description, in bulk.")
    st.button("Sign in with your company account", type="primary", on_click=st.login)
    # After sign-in Streamlit lands on "/": remember the page this link named.
    remember_link(url_path, {URL_PATHS[path]: path for path, _, _ in PAGES if path != LANDING})


def only(page: Callable[..., None], *args: str) -> NoReturn:
    """Show one page instead of the app, and nothing else, on every page's URL: a link to
    /batches?batch=3 shows it (not "Page not found") and keeps its address and query.
    ``page`` is called with ``args`` and the URL path it was opened on."""
    st.navigation([st.Page(partial(page, *args, URL_PATHS[path]), title=title,
                           url_path=URL_PATHS[path], default=path == LANDING)
                   for path, title, _ in PAGES], position="hidden").run()
    st.stop()


def refused_page(message: str, _url_path: str) -> None:
    st.title("Tailor")
    st.error(plain(message))
    st.button("Sign out", on_click=st.logout)


def setup_problem_page(message: str, _url_path: str) -> None:
    st.title("Tailor")
    st.error(plain(message))


def signed_in_identity() -> Identity:
    """The login's identity, or a page saying why this account may not come in."""
    if not st.user.is_logged_in:
        only(sign_in_page)
    try:
        return identity_from_claims(app_settings, st.user.to_dict())
    except SignInRefused as refused:
        only(refused_page, str(refused))


def sidebar(user: Identity) -> None:
    with st.sidebar:
        watch_my_batches(app_settings.database_url, user.actor)
        if user.signed_in:
            st.caption(f"Signed in as **{plain(user.name)}** ({plain(user.actor)}) · "
                       f"{', '.join(sorted(user.roles))}")
            st.button("Sign out", on_click=st.logout)
        else:
            st.caption(f"Local use as **{plain(user.actor)}** (operating-system user)")


try:
    app_settings = settings()
except Exception as error:  # a wrong setting: said on the page, never a traceback
    stop_on_setup_error(error)
# The app's own events as JSON lines, where the workers write theirs.
configure_json_logs(secrets=[app_settings.gemini_api_key], path=app_settings.event_log)
sign_in = sign_in_configured()
if problem := exposure_problem(app_settings, st.get_option("server.address"), sign_in):
    only(setup_problem_page, problem)
user = signed_in_identity() if sign_in else local_identity()
st.session_state[IDENTITY_KEY] = user
sidebar(user)
if not user.signed_in:
    st.warning("Tailor is running **unauthenticated, for local use**: there is no sign-in, "
               f"and everything is recorded as the operating-system user {plain(user.actor)}.",
               icon=":material/lock_open:")
shown = st.navigation([st.Page(path, title=title, icon=icon, url_path=URL_PATHS[path],
                               default=path == LANDING) for path, title, icon in PAGES])
if user.signed_in and (back_to := returning_link(URL_PATHS)):
    st.switch_page(back_to.page, query_params=dict(back_to.query))
shown.run()
