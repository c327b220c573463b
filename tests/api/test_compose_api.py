"""compose.yaml's api service: its command, run outside Docker against the test's own
database and Redis, serves a ready API (the health check the service declares)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import yaml

from db.migrate import upgrade
from settings import ROOT
from tests.support.batches import free_port

SERVICES = yaml.safe_load((ROOT / "compose.yaml").read_text())["services"]


def test_the_api_service_command_serves_a_ready_api(sqlite_url, redis_url, tmp_path):
    service = SERVICES["api"]
    assert service["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert "/readyz" in " ".join(service["healthcheck"]["test"])
    command = list(service["command"])
    port = free_port()
    command[command.index("--port") + 1] = str(port)
    command[command.index("--host") + 1] = "127.0.0.1"
    command[command.index("--workers") + 1] = "1"
    upgrade(sqlite_url)
    env = {**os.environ, "DATABASE_URL": sqlite_url, "REDIS_URL": redis_url,
           "TAILOR_VAR_DIR": str(tmp_path),
           "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    try:
        deadline, ready = time.monotonic() + 60, None
        while time.monotonic() < deadline and process.poll() is None:
            try:
                ready = httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=2)
                break
            except httpx.HTTPError:
                time.sleep(0.3)
        assert ready is not None and ready.status_code == 200, process.stderr
        assert ready.json()["checks"] == {"database": "ok", "redis": "ok"}
    finally:
        process.terminate()
        process.wait(timeout=30)
