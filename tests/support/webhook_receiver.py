"""A webhook receiver on 127.0.0.1 for tests: verifies every delivery's Standard Webhooks
signature with the endpoint's secret, and answers 500 to the first ``fail_first``
requests (to see retries)."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from standardwebhooks.webhooks import Webhook, WebhookVerificationError


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
