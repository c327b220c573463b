"""A webhook receiver on 127.0.0.1 for tests: verifies every delivery's Standard Webhooks
signature with the endpoint's secret, and answers 500 to the first ``fail_first``
requests (to see retries)."""

from __future__ import annotations

import json
import threading
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from db.models import ApiScope
from db.store import webhooks as webhook_store
from engine.orchestration.api_keys import authenticate, create_api_key
from engine.orchestration.webhooks import new_secret
from settings import Settings


@dataclass
class Received:
    event_id: str
    event_type: str
    data: dict
    answered: int


@dataclass
class WebhookReceiver:
    secret: str = ""
    fail_first: int = 0
    received: list[Received] = field(default_factory=list)
    bad_signatures: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def __post_init__(self) -> None:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's name
                body = self.rfile.read(int(self.headers["content-length"]))
                status = receiver.answer(body, {k.lower(): v for k, v in self.headers.items()})
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks"

    def answer(self, body: bytes, headers: dict[str, str]) -> int:
        try:
            payload = Webhook(self.secret).verify(body, headers)
        except WebhookVerificationError:
            with self.lock:
                self.bad_signatures += 1
            return 400
        with self.lock:
            status = 500 if len(self.received) < self.fail_first else 200
            self.received.append(Received(headers["webhook-id"], payload["type"],
                                          payload["data"], status))
        return status

    def delivered(self) -> list[Received]:
        with self.lock:
            return [r for r in self.received if r.answered == 200]

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def as_json(received: list[Received]) -> str:
    return json.dumps([vars(r) for r in received], indent=1, default=str)


def subscribe(settings: Settings, receiver: WebhookReceiver, events: list[str]) -> None:
    """An API key with an endpoint at ``receiver`` for ``events``, as ``POST /v1/webhooks``
    registers one; the receiver learns the endpoint's secret."""
    key = create_api_key(settings, f"hooks-{uuid.uuid4().hex[:6]}", ApiScope.READ, 10_000, "test")
    receiver.secret = new_secret()
    webhook_store.insert_endpoint(settings.database_url, api_key_id=authenticate(settings, key).id,
                                  endpoint_url=receiver.url, events=events,
                                  secret=receiver.secret, actor="test")
