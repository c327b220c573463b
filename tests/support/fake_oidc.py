"""A local OpenID Connect provider for sign-in tests: discovery, authorize, token, JWKS.

Streamlit's ``st.login`` (Authlib underneath) talks to it exactly as to Okta or Entra ID:
it reads the discovery document, sends the browser to ``/authorize`` (a small page where
the test types the email to sign in as), exchanges the code at ``/token`` (client secret
and PKCE checked) and verifies the RS256 ID token against ``/jwks``.

    with FakeOidc(client_id="tailor", client_secret="s3cret") as idp:
        idp.users["ann@example.com"] = {"name": "Ann", "roles": ["reviewer"]}
        ... [auth] server_metadata_url = idp.metadata_url ...
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlencode, urlsplit

from joserfc import jwt
from joserfc.jwk import RSAKey

KEY_ID = "fake-oidc-key"


@dataclass
class Grant:
    """What an authorization code stands for until it is exchanged."""

    email: str
    nonce: str | None
    redirect_uri: str
    code_challenge: str | None


@dataclass
class FakeOidc:
    client_id: str = "tailor-test"
    client_secret: str = field(default_factory=lambda: secrets.token_urlsafe(16))
    users: dict[str, dict[str, Any]] = field(default_factory=dict)  # email -> extra claims
    token_requests: int = 0

    def __post_init__(self) -> None:
        self.key = RSAKey.generate_key(2048, parameters={"kid": KEY_ID, "use": "sig"})
        self._grants: dict[str, Grant] = {}
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    def start(self) -> FakeOidc:
        handler = type("Handler", (_Handler,), {"idp": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def __enter__(self) -> FakeOidc:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def issuer(self) -> str:
        assert self._server is not None, "start() first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def metadata_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    def metadata(self) -> dict[str, Any]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "jwks_uri": f"{self.issuer}/jwks",
            "response_types_supported": ["code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "email", "profile"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic",
                                                      "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
        }

    def jwks(self) -> dict[str, Any]:
        return {"keys": [self.key.as_dict(private=False)]}

    def grant(self, email: str, query: dict[str, str]) -> str:
        """A one-time code for this email and authorization request."""
        code = secrets.token_urlsafe(24)
        with self._lock:
            self._grants[code] = Grant(email, query.get("nonce"), query["redirect_uri"],
                                       query.get("code_challenge"))
        return code

    def exchange(self, form: dict[str, str], basic_auth: tuple[str, str] | None) -> dict[str, Any]:
        """The token response for a code, or ValueError with the OAuth error code."""
        client_id, secret = basic_auth or (form.get("client_id", ""), form.get("client_secret", ""))
        if (client_id, secret) != (self.client_id, self.client_secret):
            raise ValueError("invalid_client")
        with self._lock:
            self.token_requests += 1
            grant = self._grants.pop(form.get("code", ""), None)
        if grant is None or form.get("redirect_uri") != grant.redirect_uri:
            raise ValueError("invalid_grant")
        if grant.code_challenge and _s256(form.get("code_verifier", "")) != grant.code_challenge:
            raise ValueError("invalid_grant")
        return {"access_token": secrets.token_urlsafe(16), "token_type": "Bearer",
                "expires_in": 300, "id_token": self.id_token(grant)}

    def id_token(self, grant: Grant) -> str:
        now = int(time.time())
        claims = {"iss": self.issuer, "aud": self.client_id, "sub": grant.email,
                  "email": grant.email, "email_verified": True, "iat": now, "exp": now + 300,
                  **({"nonce": grant.nonce} if grant.nonce else {}),
                  **self.users.get(grant.email, {})}
        return jwt.encode({"alg": "RS256", "kid": KEY_ID}, claims, self.key)


def _s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


def _login_form(query: dict[str, str]) -> bytes:
    hidden = "".join(f'<input type="hidden" name="{html.escape(k)}" value="{html.escape(v)}">'
                     for k, v in query.items())
    return (f"<!doctype html><title>Fake identity provider</title><h1>Fake identity provider"
            f"</h1><form action=\"/approve\" method=\"get\">{hidden}<label>Email "
            f"<input name=\"login_email\" type=\"email\"></label>"
            f"<button type=\"submit\">Continue</button></form>").encode()


class _Handler(BaseHTTPRequestHandler):
    idp: FakeOidc

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        url = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(url.query).items()}
        if url.path == "/.well-known/openid-configuration":
            self._json(200, self.idp.metadata())
        elif url.path == "/jwks":
            self._json(200, self.idp.jwks())
        elif url.path == "/authorize":
            if query.get("client_id") != self.idp.client_id or "redirect_uri" not in query:
                self._json(400, {"error": "invalid_request"})
                return
            self._send(200, _login_form(query), "text/html; charset=utf-8")
        elif url.path == "/approve":
            email = query.pop("login_email", "").strip().lower()
            code = self.idp.grant(email, query)
            target = f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query.get('state', '')})}"
            self.send_response(302)
            self.send_header("Location", target)
            self.end_headers()
        else:
            self._json(404, {"error": "not_found"})

    def do_POST(self) -> None:  # noqa: N802
        if urlsplit(self.path).path != "/token":
            self._json(404, {"error": "not_found"})
            return
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
        form = {k: v[0] for k, v in parse_qs(body).items()}
        try:
            self._json(200, self.idp.exchange(form, self._basic_auth()))
        except ValueError as error:
            self._json(400 if str(error) != "invalid_client" else 401, {"error": str(error)})

    def _basic_auth(self) -> tuple[str, str] | None:
        header = self.headers.get("Authorization", "")
        if not header.startswith("Basic "):
            return None
        user, _, password = base64.b64decode(header[6:]).decode().partition(":")
        return unquote(user), unquote(password)

    def _json(self, status: int, body: dict[str, Any]) -> None:
        self._send(status, json.dumps(body).encode(), "application/json")

    def _send(self, status: int, payload: bytes, kind: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass  # quiet tests
