"""compose.yaml and the Dockerfile cannot be run here (no Docker engine); their entry
commands can, outside Docker, against the test's own database and Redis."""

from __future__ import annotations

import os
import subprocess
import uuid
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text())
VENV_BIN = Path(os.sys.executable).parent


def run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    path = f"{VENV_BIN}:{os.environ['PATH']}"
    return subprocess.run(command, cwd=ROOT, env={**os.environ, **env, "PATH": path},
                          capture_output=True, text=True, timeout=120)


def test_compose_runs_app_two_workers_postgres_and_redis_with_health_checks():
    services = COMPOSE["services"]
    assert {"app", "worker", "postgres", "redis", "migrate"} <= set(services)
    assert services["worker"]["deploy"]["replicas"] == 2
    for name in ("app", "postgres", "redis"):
        assert services[name]["healthcheck"]["test"]
    assert services["app"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    for name in ("app", "api", "worker", "postgres", "redis"):
        assert services[name]["restart"] == "unless-stopped", name
    assert services["migrate"]["restart"] == "no"


def test_the_migrate_step_migrates_seeds_and_checks(tmp_path, redis_url):
    command = COMPOSE["services"]["migrate"]["command"]
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'app.db'}", "REDIS_URL": redis_url,
           "TAILOR_SEED_COUNT": "5", "TAILOR_VAR_DIR": str(tmp_path)}
    result = run(command, env)
    assert result.returncode == 0, result.stderr
    assert "candidates_added=5" in result.stdout and "Tailor setup OK" in result.stdout


def test_the_worker_command_starts_a_tailor_worker(tmp_path, redis_url):
    command = COMPOSE["services"]["worker"]["command"]
    assert "--url" not in command  # the URL (and any password) comes by environment
    queue = f"deploy-{uuid.uuid4().hex[:8]}"
    command = [*command[:-1], "--burst", queue]
    env = {"DATABASE_URL": f"sqlite:///{tmp_path / 'app.db'}", "REDIS_URL": redis_url,
           "RQ_REDIS_URL": redis_url, "TAILOR_VAR_DIR": str(tmp_path), "TAILOR_QUEUE": queue}
    assert run(["python", "-m", "db.migrate", "upgrade"], env).returncode == 0
    result = run(command, env)
    assert result.returncode == 0, result.stderr
    output = result.stderr + result.stdout
    assert "started with PID" in output and "recovery on worker start" in output
