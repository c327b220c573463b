"""A shared link survives sign-in.

Streamlit's OIDC callback always lands on "/", so the page a signed-out visitor opened
(``/batches?batch=3``) would be lost. The sign-in page remembers it: the destination,
checked against Tailor's own pages, stays on the server under a random one-time token,
and only that token goes to the browser, in a short-lived cookie. Once signed in, app.py
reads the cookie back (``st.context.cookies``), takes the destination (once) and opens it.
The cookie holds no address, so nothing in it can send anyone anywhere else.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

import streamlit as st

COOKIE = "tailor_return_to"
TTL_S = 600  # time enough to sign in; a stale link is not followed later
LINK_PARAMS = ("batch", "run")  # the ids a page link carries; nothing else is kept
_SESSION_KEY = "_tailor_return_token"


@dataclass(frozen=True)
class Destination:
    page: str  # the page's script, as st.switch_page takes it ("ui/batches.py")
    query: tuple[tuple[str, str], ...] = ()


def destination(url_path: str, query: Mapping[str, str],
                pages: Mapping[str, str]) -> Destination | None:
    """Where a link asked to go: one of ``pages`` ({url path: script}) with its numeric
    ids only; None for the landing page or anything that is not one of Tailor's pages."""
    page = pages.get(url_path)
    if page is None:
        return None
    ids = tuple((name, str(query[name])) for name in LINK_PARAMS
                if str(query.get(name, "")).isdigit())
    return Destination(page, ids)


@dataclass
class PendingLinks:
    """Destinations waiting for their visitor to sign in, by one-time token."""

    ttl_s: float = TTL_S
    _by_token: dict[str, tuple[Destination, float]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def remember(self, where: Destination) -> str:
        token = secrets.token_urlsafe(24)
        now = time.monotonic()
        with self._lock:
            # Drop the expired ones: visitors who never signed in.
            self._by_token = {t: v for t, v in self._by_token.items() if v[1] > now}
            self._by_token[token] = (where, now + self.ttl_s)
        return token

    def take(self, token: str) -> Destination | None:
        """The destination of ``token``, once; None if unknown, used or expired."""
        with self._lock:
            where, expires = self._by_token.pop(token, (None, 0.0))
        return where if expires > time.monotonic() else None


@st.cache_resource
def pending_links() -> PendingLinks:
    return PendingLinks()


def remember_link(url_path: str, pages: Mapping[str, str]) -> None:
    """On the sign-in page: keep the page this visitor opened (or forget an older one,
    when they opened the landing page) for after sign-in."""
    where = destination(url_path, st.query_params.to_dict(), pages)
    kept = st.session_state.get(_SESSION_KEY)
    if where is None:
        token, max_age = "", 0  # deletes a cookie an earlier link left
    elif kept and kept[0] == where:
        token, max_age = kept[1], TTL_S
    else:
        token, max_age = pending_links().remember(where), TTL_S
        st.session_state[_SESSION_KEY] = (where, token)
    # The token is URL-safe base64 (letters, digits, "-", "_"): nothing to escape.
    st.html(f"<script>document.cookie = '{COOKIE}={token}; path=/; max-age={max_age}; "
            "samesite=lax';</script>", unsafe_allow_javascript=True)


def returning_link(known: Collection[str]) -> Destination | None:
    """Right after sign-in: the page the visitor opened before, once (the token is spent,
    so a reload stays where it is)."""
    token = st.context.cookies.get(COOKIE)
    if not token:
        return None
    where = pending_links().take(token)
    return where if where is not None and where.page in known else None
