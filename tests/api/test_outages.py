"""A database or Redis the API cannot reach is a 503 in the one error shape (with
Retry-After), and /readyz says which; never a 500."""

from __future__ import annotations

from tests.api.conftest import start_server
from tests.support.batches import Tailor

UNREACHABLE_DB = "postgresql://postgres@127.0.0.1:1/nowhere"


def test_an_unreachable_database_is_503_and_not_ready(redis_url):
    server = start_server(Tailor(env={"DATABASE_URL": UNREACHABLE_DB, "REDIS_URL": redis_url,
                                      "TAILOR_QUEUE": "outage-test"}))
    try:
        client = server.client("tlr_000000000000_whatever")
        down = client.get("/v1/candidates")
        assert down.status_code == 503 and down.headers["retry-after"] == "1"
        assert down.json() == {"code": "database_unavailable", "details": None,
                               "message": "The database is unreachable or busy; try again shortly."}
        ready = client.get("/readyz")
        assert ready.status_code == 503
        assert ready.json()["checks"]["redis"] == "ok"
        assert ready.json()["checks"]["database"].startswith("unreachable")
        assert client.get("/healthz").status_code == 200
    finally:
        server.stop()
