"""Who is using Tailor and what they may do.

With sign-in configured (Streamlit's OIDC ``[auth]`` in secrets.toml) the identity comes
from the identity provider's ID token: its email must be on the allow-list, and its roles
are those in the token's roles claim plus those granted in the ``user_roles`` table (or
the default role). Without sign-in, Tailor is for local use: the identity is the
operating-system user, with every role, and the pages say so.
"""

from __future__ import annotations

import getpass
import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from db.users import Role, granted_roles
from settings import Settings

MAX_ACTOR_LENGTH = 200  # the width of the actor and reviewer columns
LOOPBACK_NAMES = ("localhost", "localhost.localdomain")


class SignInRefused(Exception):
    """The signed-in account may not use Tailor; the message says why, for its owner."""


@dataclass(frozen=True)
class Identity:
    """The user behind a request: ``actor`` is what every audit event and decision
    records (the login's email, or the OS user locally)."""

    actor: str
    name: str
    roles: frozenset[Role]
    signed_in: bool

    def can(self, role: Role) -> bool:
        """Admins may do everything; any role may view."""
        return Role.ADMIN in self.roles or role in self.roles or (
            role is Role.VIEWER and bool(self.roles))


def local_identity() -> Identity:
    """Unauthenticated local use: the operating-system user, with every role."""
    return Identity(actor=os_user(), name=os_user(), roles=frozenset(Role), signed_in=False)


def os_user() -> str:
    """The operating-system user running this process (what the CLI records)."""
    try:
        return getpass.getuser()[:MAX_ACTOR_LENGTH]
    except (KeyError, OSError):  # no passwd entry and no LOGNAME/USER (some containers)
        return "unknown-os-user"


def identity_from_claims(settings: Settings, claims: Mapping[str, Any]) -> Identity:
    """The identity of a signed-in user from the ID token's claims, or SignInRefused."""
    email = str(claims.get("email") or "").strip().lower()
    if not email:
        raise SignInRefused("Your identity provider did not send an email address; Tailor "
                            "needs one to know who you are (ask for the `email` scope).")
    if claims.get("email_verified") is False:
        raise SignInRefused(f"Your email address {email} is not verified.")
    if len(email) > MAX_ACTOR_LENGTH:
        raise SignInRefused(f"Email addresses over {MAX_ACTOR_LENGTH} characters are refused.")
    if not settings.allowed_users:
        raise SignInRefused("Nobody may use Tailor yet: an administrator must list the "
                            "allowed email addresses or domains in TAILOR_ALLOWED_USERS.")
    if not is_allowed(email, settings.allowed_users):
        raise SignInRefused(f"{email} is not allowed to use Tailor. Ask an administrator "
                            "to add you to TAILOR_ALLOWED_USERS.")
    roles = claimed_roles(claims.get(settings.roles_claim)) | granted_roles(
        settings.database_url, email)
    if not roles and settings.default_role != "none":
        roles = {Role(settings.default_role)}
    if not roles:
        raise SignInRefused(f"{email} has no role in Tailor yet. Ask an administrator.")
    name = str(claims.get("name") or email)[:MAX_ACTOR_LENGTH]
    return Identity(actor=email, name=name, roles=frozenset(roles), signed_in=True)


def is_allowed(email: str, allowed: list[str]) -> bool:
    """An entry allows one address (``ann@example.com``) or a whole domain
    (``example.com`` or ``@example.com``)."""
    domain = email.rpartition("@")[2]
    return any(entry in (email, domain, f"@{domain}") for entry in allowed)


def claimed_roles(value: Any) -> set[Role]:
    """Roles named in a token claim: a list, or one string of names separated by
    spaces or commas. Names that are not Tailor roles are ignored."""
    names = value.replace(",", " ").split() if isinstance(value, str) else (
        value if isinstance(value, list) else [])
    return {Role(n.lower()) for n in names
            if isinstance(n, str) and n.lower() in Role._value2member_map_}


def exposure_problem(settings: Settings, address: str | None, sign_in: bool) -> str | None:
    """Why serving on ``address`` must be refused (None when it is fine): without
    sign-in only a loopback address is allowed, unless explicitly allowed in settings."""
    if sign_in or settings.allow_unauthenticated_remote or is_loopback(address):
        return None
    where = address or "every network interface"
    return (f"Tailor is set to serve on {where} without sign-in, so anyone who can reach "
            "it could use it. Configure sign-in ([auth] in .streamlit/secrets.toml), serve "
            "on 127.0.0.1, or set TAILOR_ALLOW_UNAUTHENTICATED_REMOTE=true to accept this.")


def is_loopback(address: str | None) -> bool:
    if not address:
        return False  # unset: every interface
    if address.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(address.strip("[]")).is_loopback
    except ValueError:
        return False
