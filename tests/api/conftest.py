"""The API under test: a real uvicorn server on 127.0.0.1 (in a thread), on a seeded
app + candidate database (SQLite or PostgreSQL) and a private RQ queue on real Redis."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import httpx
import pytest
import uvicorn

from api.app import create_app
from db.models import ApiScope
from engine.orchestration.api_keys import create_api_key
from tests.support.batches import JOB, Tailor, clear_queue, free_port, make_tailor

CANDIDATES = 6


@dataclass
class ApiServer:
    tailor: Tailor
    base_url: str
    server: uvicorn.Server
    thread: threading.Thread

    def key(self, scope: ApiScope, per_minute: int = 10_000, name: str | None = None) -> str:
        name = name or f"{scope.value}-{uuid.uuid4().hex[:6]}"
        return create_api_key(self.tailor.settings, name, scope, per_minute, actor="test")

    def client(self, key: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {key}"} if key else {}
        return httpx.Client(base_url=self.base_url, headers=headers, timeout=30)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def start_server(tailor: Tailor) -> ApiServer:
    port = free_port()
    app = create_app(tailor.settings)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the API did not start"
        time.sleep(0.02)
    return ApiServer(tailor, f"http://127.0.0.1:{port}", server, thread)


def tailor_for(database_url: str, redis_url: str) -> Tailor:
    # Webhooks go to a receiver on 127.0.0.1 and are retried after 1 s (not 10).
    return make_tailor(database_url, redis_url, CANDIDATES, TAILOR_WEBHOOK_ALLOW_PRIVATE="1",
                       TAILOR_WEBHOOK_RETRY_BASE_S="0.1")


@pytest.fixture
def servers(database_url: str, redis_url: str) -> Iterator[Callable[[], ApiServer]]:
    """Starts API servers (processes of one deployment: same database, Redis and queue)."""
    tailor = tailor_for(database_url, redis_url)
    started: list[ApiServer] = []

    def start() -> ApiServer:
        started.append(start_server(tailor))
        return started[-1]

    yield start
    for server in started:
        server.stop()
    tailor.kill_workers()
    clear_queue(tailor)


@pytest.fixture
def api(servers: Callable[[], ApiServer]) -> ApiServer:
    return servers()


def new_batch_body(candidate_ids: list[str]) -> dict:
    return {"candidate_ids": candidate_ids,
            "job_description": {"title": JOB.title, "text": JOB.text}}


def wait_for(condition: Callable[[], object], timeout: float = 120, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")
