"""API keys: 401 without a valid key, 403 outside the key's scope, 429 over its rate
(counted across API processes), and key changes are audit events."""

from __future__ import annotations

import subprocess
import sys

import sqlalchemy as sa

from db.connection import get_engine
from db.models import ApiKey, ApiScope, AuditEvent
from settings import ROOT
from tests.api.conftest import new_batch_body


def test_missing_unknown_and_revoked_keys_get_401(api):
    assert api.client().get("/v1/candidates").status_code == 401
    anonymous = api.client().get("/v1/candidates")
    assert anonymous.json()["code"] == "unauthorized"
    assert anonymous.headers["www-authenticate"] == "Bearer"
    assert api.client("tlr_000000000000_guess").get("/v1/candidates").status_code == 401
    key = api.key(ApiScope.READ, name="short-lived")
    assert api.client(key).get("/v1/candidates").status_code == 200
    tampered = key[:-2] + ("AA" if not key.endswith("AA") else "BB")
    assert api.client(tampered).get("/v1/candidates").status_code == 401

    env = {**api.tailor.env, "PATH": ""}
    revoked = subprocess.run([sys.executable, "-m", "engine.orchestration.api_keys", "revoke",
                              "short-lived"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert revoked.returncode == 0, revoked.stderr
    gone = api.client(key).get("/v1/candidates")
    assert gone.status_code == 401 and gone.json()["message"] == "The API key is unknown or revoked."


def test_cli_shows_the_key_once_and_stores_only_its_hash(api):
    env = {**api.tailor.env, "PATH": ""}
    made = subprocess.run([sys.executable, "-m", "engine.orchestration.api_keys", "create",
                           "ci-bot", "--scope", "run", "--per-minute", "30"],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    key = made.stdout.strip()
    assert key.startswith("tlr_") and "not shown again" in made.stderr
    assert api.client(key).get("/v1/job-descriptions").status_code == 200
    url = api.tailor.settings.database_url
    with get_engine(url).connect() as conn:
        stored = conn.execute(sa.select(ApiKey).where(ApiKey.name == "ci-bot")).mappings().one()
        actions = conn.execute(sa.select(AuditEvent.action, AuditEvent.detail)
                               .where(AuditEvent.action == "api_key_created")).all()
    assert key not in str(dict(stored)) and stored["scope"] == "run"
    assert ("api_key_created", {"api_key": "ci-bot", "scope": "run", "rate_per_minute": 30}) in actions
    listed = subprocess.run([sys.executable, "-m", "engine.orchestration.api_keys", "list"],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert "ci-bot\trun\t30/min\tactive" in listed.stdout and key not in listed.stdout


def test_scopes_are_refused_with_403(api):
    reader = api.client(api.key(ApiScope.READ))
    refused = reader.post("/v1/batches", json=new_batch_body(["1"]))
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    assert reader.post("/v1/job-descriptions", json={"text": "x"}).status_code == 403
    assert reader.post("/v1/batches/1/cancel").status_code == 403
    runner = api.client(api.key(ApiScope.RUN))
    assert runner.post("/v1/runs/1/approve", json={}).status_code == 403
    assert runner.post("/v1/runs/1/reject", json={}).status_code == 403
    assert runner.post("/v1/batches", json=new_batch_body(["1"])).status_code == 202


def test_rate_limit_is_shared_by_api_processes_and_says_when_to_come_back(servers):
    first, second = servers(), servers()
    key = first.key(ApiScope.READ, per_minute=4)
    answers = [server.client(key).get("/healthz") for server in (first, second)]
    assert all(a.status_code == 200 for a in answers)  # health checks need no key
    codes = [server.client(key).get("/v1/job-descriptions").status_code
             for server in (first, second, first, second, first, second)]
    assert codes == [200, 200, 200, 200, 429, 429]
    limited = second.client(key).get("/v1/candidates")
    assert limited.json()["code"] == "rate_limited"
    assert 1 <= int(limited.headers["retry-after"]) <= 60
    other = first.client(first.key(ApiScope.READ, per_minute=4))
    assert other.get("/v1/job-descriptions").status_code == 200  # per key, not per server


def test_health_and_readiness(api):
    client = api.client()
    assert client.get("/healthz").json() == {"status": "ok", "checks": {}}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json() == {"status": "ok", "checks": {"database": "ok", "redis": "ok"}}
    assert client.get("/docs").status_code == 200
    assert "/v1/batches" in client.get("/openapi.json").json()["paths"]
