"""The FastAPI application: ``uvicorn --factory api.app:create_app``.

Routes are plain (synchronous) functions: FastAPI runs them on its thread pool, and they
call the same engine and db functions the pages and the CLI call.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from functools import lru_cache

import redis.asyncio
import sqlalchemy as sa
from fastapi import APIRouter, FastAPI
from fastapi_offline import FastAPIOffline
from starlette.concurrency import run_in_threadpool

from api import errors
from api.routes import batches, catalog, health, runs, webhooks
from api.schemas import ErrorBody
from db.candidates import CandidateSource, open_candidate_source
from db import store
from db.errors import NotFound, StoreError
from engine.orchestration.api_gate import Gate
from engine.orchestration.api_keys import api_redis_prefix
from engine.orchestration.queue import redis_connection, redis_url
from engine.orchestration.batches import job_description_problem
from engine.resume import JobDescription
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
    # FastAPIOffline: /docs and /redoc with their scripts served by the API itself, not
    # fetched from a CDN that a deployment beside the company's database may not reach.
    app = FastAPIOffline(title="Tailor API", version=VERSION, description=DESCRIPTION,
                         lifespan=warmed_up)
    app.state.settings = settings
    app.state.redis = lru_cache(maxsize=1)(lambda: redis_connection(settings))
    app.state.candidate_source = CandidateSourceOnce(settings)
    errors.install(app)
    v1 = APIRouter(prefix="/v1", responses=ERROR_RESPONSES)
    for module in (batches, runs, catalog, webhooks):
        v1.include_router(module.router)
    app.include_router(v1)
    app.include_router(health.router)
    logging.getLogger("api").setLevel(logging.INFO)
    return app


WARM_UP_POSTING = JobDescription(title="Data engineer", text=(
    "We are hiring a data engineer to build reliable pipelines in Python and SQL on "
    "PostgreSQL. Requirements: five years of experience, Airflow, dbt and clear writing."))


@asynccontextmanager
async def warmed_up(app: FastAPI) -> AsyncIterator[None]:
    """uvicorn serves once this returns: the first requests of a burst would otherwise all
    wait behind one doing the work of a first call (about 1.5 s: reflecting the candidate
    table, importing the pipeline for Economy batches, the job-description checker)."""
    settings = app.state.settings
    # On the serving event loop: an asyncio Redis client belongs to the loop it runs on.
    client = redis.asyncio.Redis.from_url(redis_url(settings))
    app.state.gate = Gate(settings, client, api_redis_prefix(settings))
    await run_in_threadpool(warm_up, app)
    try:
        yield
    finally:
        await client.aclose()


def warm_up(app: FastAPI) -> None:
    import engine.orchestration.gemini_batches  # noqa: F401 - Economy batches' progress

    job_description_problem(WARM_UP_POSTING)  # loads the language profiles and skill vocabulary
    for read in (store.saved_job_description, store.batch_counts):  # compiles their queries
        with contextlib.suppress(NotFound, sa.exc.SQLAlchemyError):
            read(app.state.settings.database_url, 0)
    try:
        app.state.candidate_source()
    except (sa.exc.SQLAlchemyError, StoreError) as error:  # down now: the first call retries
        logging.getLogger("api").warning("Candidate table not reflected at start-up: %s", error)


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
