"""The FastAPI application: ``uvicorn --factory api.app:create_app``.

Routes are plain (synchronous) functions: FastAPI runs them on its thread pool, and they
call the same engine and db functions the pages and the CLI call.
"""

from __future__ import annotations

import logging
import threading
from functools import lru_cache

from fastapi import APIRouter, FastAPI

from api import errors
from api.routes import batches, catalog, health, runs, webhooks
from api.schemas import ErrorBody
from db.candidates import CandidateSource, open_candidate_source
from engine.orchestration.api_keys import KeyCache, RateLimiter, api_redis_prefix
from engine.orchestration.queue import redis_connection
from settings import Settings, load_settings

VERSION = "1.0.0"
ERROR_RESPONSES = {
    status: {"model": ErrorBody, "description": description}
    for status, description in [
        (400, "Bad request"), (401, "Missing, unknown or revoked API key"),
        (403, "The key's scope does not allow this call"), (404, "Not found"),
        (409, "Refused in the current state"), (422, "Invalid request: details name the fields"),
        (429, "Rate limit exceeded: see Retry-After"), (500, "Unexpected error"),
        (502, "The optimizer's service failed"), (503, "Redis or the database is unreachable"),
    ]
}
DESCRIPTION = """Drive Tailor from your own platform: start batches, poll them, read the
tailored resumes, approve or reject them, download PDF/DOCX, and receive signed webhooks
(Standard Webhooks) for `batch.completed`, `run.ready`, `run.failed` and `run.approved`.

Authenticate with an API key (`Authorization: Bearer tlr_…`), created with
`python -m engine.orchestration.api_keys create NAME --scope read|run|review`. Scopes are
ordered: `run` includes `read`, `review` includes both. Every error is
`{"code", "message", "details"}`."""


def create_app(settings: Settings | None = None) -> FastAPI:
    """The API on ``settings`` (default: loaded from the environment)."""
    settings = settings or load_settings()
    redis_prefix = api_redis_prefix(settings)
    app = FastAPI(title="Tailor API", version=VERSION, description=DESCRIPTION)
    app.state.settings = settings
    app.state.redis = lru_cache(maxsize=1)(lambda: redis_connection(settings))
    app.state.limiter = RateLimiter(app.state.redis(), redis_prefix)
    app.state.keys = KeyCache(settings, app.state.redis(), redis_prefix)
    app.state.candidate_source = CandidateSourceOnce(settings)
    errors.install(app)
    v1 = APIRouter(prefix="/v1", responses=ERROR_RESPONSES)
    for module in (batches, runs, catalog, webhooks):
        v1.include_router(module.router)
    app.include_router(v1)
    app.include_router(health.router)
    logging.getLogger("api").setLevel(logging.INFO)
    return app


class CandidateSourceOnce:
    """The reflected candidate table, built on first use (the database may be down at
    start-up) by one thread while the others of a burst wait, not all reflecting at once."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.lock = threading.Lock()
        self.source: CandidateSource | None = None

    def __call__(self) -> CandidateSource:
        with self.lock:
            if self.source is None:
                self.source = open_candidate_source(self.settings.candidates_url,
                                                    self.settings.candidate_table)
            return self.source
