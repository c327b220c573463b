"""Identity and roles from an ID token's claims, the allow-list, granted roles, and the
refusal to serve beyond loopback without sign-in."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from db.connection import get_engine
from db.migrate import upgrade
from db.models import AuditEvent
from db.users import Role, grant_role, granted_roles, revoke_role
from engine.orchestration.auth import (
    SignInRefused,
    claimed_roles,
    exposure_problem,
    identity_from_claims,
    is_loopback,
    local_identity,
    os_user,
)
from settings import ROOT, Settings, load_settings


def settings_for(url: str, **env: str) -> Settings:
    return load_settings({"DATABASE_URL": url, **env}, secrets_file=Path("/nonexistent"))


@pytest.fixture
def sqlite_settings(sqlite_url: str) -> Settings:
    upgrade(sqlite_url)
    return settings_for(sqlite_url, TAILOR_ALLOWED_USERS="example.com, @corp.example, ann@other.org")


def claims(email: str, **more: object) -> dict[str, object]:
    return {"email": email, "email_verified": True, "name": "Someone", **more}


def test_the_allow_list_takes_domains_with_or_without_at_and_single_addresses(sqlite_settings):
    for email in ("bob@example.com", "BOB@Corp.Example", "ann@other.org"):
        user = identity_from_claims(sqlite_settings, claims(email))
        assert user.actor == email.lower() and user.signed_in
        assert user.roles == {Role.VIEWER}  # the default role
    for email in ("bob@other.org", "bob@sub.example.com", "bob@example.com.evil.org"):
        with pytest.raises(SignInRefused, match="not allowed"):
            identity_from_claims(sqlite_settings, claims(email))


def test_refused_without_an_email_unverified_too_long_or_with_an_empty_allow_list(sqlite_settings):
    with pytest.raises(SignInRefused, match="did not send an email"):
        identity_from_claims(sqlite_settings, {"sub": "123"})
    with pytest.raises(SignInRefused, match="not verified"):
        identity_from_claims(sqlite_settings, claims("bob@example.com", email_verified=False))
    with pytest.raises(SignInRefused, match="over 200"):
        identity_from_claims(sqlite_settings, claims("b" * 200 + "@example.com"))
    nobody = sqlite_settings.model_copy(update={"allowed_users": []})
    with pytest.raises(SignInRefused, match="Nobody may use Tailor yet"):
        identity_from_claims(nobody, claims("bob@example.com"))


def test_roles_come_from_the_claim_and_the_table(sqlite_settings):
    user = identity_from_claims(sqlite_settings, claims("r@example.com", roles=["Recruiter", "pilot"]))
    assert user.roles == {Role.RECRUITER}
    assert user.can(Role.RECRUITER) and user.can(Role.VIEWER) and not user.can(Role.REVIEWER)
    other_claim = sqlite_settings.model_copy(update={"roles_claim": "groups"})
    user = identity_from_claims(other_claim, claims("r@example.com", groups="reviewer admin"))
    assert user.roles == {Role.REVIEWER, Role.ADMIN} and user.can(Role.RECRUITER)

    url = sqlite_settings.database_url
    assert grant_role(url, "Rev@Example.com", Role.REVIEWER, "admin@example.com")
    assert not grant_role(url, "rev@example.com", Role.REVIEWER, "admin@example.com")
    user = identity_from_claims(sqlite_settings, claims("rev@example.com", roles=["recruiter"]))
    assert user.roles == {Role.RECRUITER, Role.REVIEWER}
    assert revoke_role(url, "rev@example.com", Role.REVIEWER, "admin@example.com")
    assert granted_roles(url, "rev@example.com") == set()


def test_grants_are_audited_on_both_databases(database_url):
    upgrade(database_url)
    grant_role(database_url, "a@example.com", Role.ADMIN, "root")
    revoke_role(database_url, "a@example.com", Role.ADMIN, "root")
    with get_engine(database_url).connect() as conn:
        rows = conn.execute(sa.select(AuditEvent.actor, AuditEvent.action, AuditEvent.detail)
                            .order_by(AuditEvent.id)).all()
    assert [(r.actor, r.action, r.detail["email"]) for r in rows] == [
        ("root", "role_granted", "a@example.com"), ("root", "role_revoked", "a@example.com")]


def test_no_role_at_all_is_refused_when_the_default_role_is_none(sqlite_url):
    upgrade(sqlite_url)
    strict = settings_for(sqlite_url, TAILOR_ALLOWED_USERS="example.com", TAILOR_DEFAULT_ROLE="none")
    with pytest.raises(SignInRefused, match="no role"):
        identity_from_claims(strict, claims("bob@example.com"))


def test_claimed_roles_ignore_what_is_not_a_role():
    assert claimed_roles(None) == set() and claimed_roles(42) == set()
    assert claimed_roles(["viewer", 3, "ADMIN", "root"]) == {Role.VIEWER, Role.ADMIN}
    assert claimed_roles("recruiter,reviewer") == {Role.RECRUITER, Role.REVIEWER}


def test_local_use_is_the_os_user_with_every_role():
    user = local_identity()
    assert user.actor == os_user() and not user.signed_in
    assert all(user.can(role) for role in Role)


def test_serving_beyond_loopback_without_sign_in_is_refused_unless_allowed(sqlite_url):
    settings = settings_for(sqlite_url)
    for address in ("127.0.0.1", "localhost", "::1", "[::1]", "127.0.0.2"):
        assert is_loopback(address)
        assert exposure_problem(settings, address, sign_in=False) is None
    for address in ("0.0.0.0", "::", "", None, "10.1.2.3", "tailor.internal"):
        assert "without sign-in" in exposure_problem(settings, address, sign_in=False)
        assert exposure_problem(settings, address, sign_in=True) is None
    allowed = settings_for(sqlite_url, TAILOR_ALLOW_UNAUTHENTICATED_REMOTE="true")
    assert exposure_problem(allowed, "0.0.0.0", sign_in=False) is None


def test_the_cli_grants_and_revokes_roles_as_the_os_user(sqlite_url):
    upgrade(sqlite_url)

    def cli(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "engine", *args], cwd=ROOT, text=True,
                              capture_output=True, timeout=60,
                              env={**os.environ, "DATABASE_URL": sqlite_url})

    assert cli("grant", "Ann@Example.com", "reviewer").stdout.strip() == (
        "reviewer granted to Ann@Example.com")
    assert "already has" in cli("grant", "ann@example.com", "reviewer").stdout
    assert granted_roles(sqlite_url, "ann@example.com") == {Role.REVIEWER}
    refused = cli("grant", "ann@example.com", "superuser")
    assert refused.returncode == 2 and "invalid choice" in refused.stderr
    assert cli("revoke", "ann@example.com", "reviewer").returncode == 0
    assert granted_roles(sqlite_url, "ann@example.com") == set()

    with get_engine(sqlite_url).connect() as conn:
        actors = conn.execute(sa.select(AuditEvent.actor)).scalars().all()
    assert actors == [os_user(), os_user()]
