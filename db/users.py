"""Roles granted to signed-in users, kept in the ``user_roles`` table (db layer)."""

from __future__ import annotations

from enum import StrEnum

import sqlalchemy as sa

from db.connection import get_engine
from db.models import AuditEvent, UserRole


class Role(StrEnum):
    """What a user may do. A viewer looks; a recruiter starts runs (retry, cancel); a
    reviewer approves, rejects and writes back; an admin does everything and sees every
    user's activity."""

    VIEWER = "viewer"
    RECRUITER = "recruiter"
    REVIEWER = "reviewer"
    ADMIN = "admin"


def granted_roles(url: str, email: str) -> set[Role]:
    """The roles granted to this email address in the table (case-insensitive)."""
    with get_engine(url).connect() as conn:
        rows = conn.execute(sa.select(UserRole.role)
                            .where(UserRole.email == email.strip().lower())).scalars()
        return {Role(r) for r in rows if r in Role._value2member_map_}


def grant_role(url: str, email: str, role: Role, granted_by: str) -> bool:
    """Grant a role; False if the user already had it. Audited."""
    email = email.strip().lower()
    with get_engine(url).begin() as conn:
        exists = conn.execute(sa.select(UserRole.id).where(
            UserRole.email == email, UserRole.role == role.value)).first()
        if exists:
            return False
        conn.execute(sa.insert(UserRole), {"email": email, "role": role.value,
                                           "granted_by": granted_by})
        _audit(conn, granted_by, "role_granted", email, role)
    return True


def revoke_role(url: str, email: str, role: Role, revoked_by: str) -> bool:
    """Take a role away; False if the user did not have it. Audited."""
    email = email.strip().lower()
    with get_engine(url).begin() as conn:
        gone = conn.execute(sa.delete(UserRole).where(
            UserRole.email == email, UserRole.role == role.value)).rowcount
        if gone:
            _audit(conn, revoked_by, "role_revoked", email, role)
    return bool(gone)


def _audit(conn: sa.Connection, actor: str, action: str, email: str, role: Role) -> None:
    conn.execute(sa.insert(AuditEvent), {"actor": actor, "action": action,
                                         "detail": {"email": email, "role": role.value}})
