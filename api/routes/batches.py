"""/v1/batches: start a batch (at once, 202), its progress, its runs, cancel, retry."""

from __future__ import annotations

import hashlib

from fastapi import APIRouter, Depends, Header, Query, Request, Response

from api.auth import Caller, app_settings, reader, runner
from api.errors import ApiError
from api.schemas import (BatchCreate, BatchCreated, BatchEstimate, BatchOut, Cancelled, Page,
                         RetriedFailed, RowId, RunSummary)
from db.candidates import CandidateQuery
from db.queries import batch_runs
from db.store import api_keys as key_store
from engine.orchestration.batches import (batch_progress, cancel_batch, estimate_cost,
                                          job_description_problem, load_job_description,
                                          retry_failed, start_batch)
from engine.resume import JobDescription
from settings import Settings

router = APIRouter(tags=["batches"])
MAX_SEARCH_CANDIDATES = 10_000


def created(response: Response, batch_id: int) -> BatchCreated:
    response.headers["Location"] = f"/v1/batches/{batch_id}"
    return BatchCreated(id=batch_id, url=f"/v1/batches/{batch_id}",
                        runs_url=f"/v1/batches/{batch_id}/runs")


def chosen_ids(request: Request, body: BatchCreate) -> list[str]:
    """The body's candidate ids, or those its search matches (422 when none does)."""
    if body.search is None:
        return body.candidate_ids or []
    query = CandidateQuery(text=body.search)
    ids = request.app.state.candidate_source().matching_ids(query, MAX_SEARCH_CANDIDATES)
    if not ids:
        raise ApiError(422, "no_candidates", f"No candidate matches {body.search!r}.",
                       {"field": "body.search"})
    return ids


def given_job(body: BatchCreate) -> JobDescription | int:
    """The saved job description's id, or the posting sent with the body."""
    return body.job_description_id or JobDescription(title=body.job_description.title,
                                                     text=body.job_description.text)


def start(request: Request, settings: Settings, body: BatchCreate, caller: Caller) -> int:
    return start_batch(settings, chosen_ids(request, body), given_job(body), caller.actor,
                       source=request.app.state.candidate_source(),
                       economy=body.mode == "economy", connection=request.app.state.redis())


@router.post("/estimates", response_model=BatchEstimate,
             summary="What a batch would cost in each mode, before it is started")
def estimate(body: BatchCreate, request: Request, _: Caller = Depends(runner)) -> BatchEstimate:
    """The body of POST /v1/batches (its ``mode`` aside): tokens and dollars for Fast and
    Economy, from a sample of the chosen resumes. Nothing is started or saved."""
    settings = app_settings(request)
    job = given_job(body)
    if isinstance(job, int):
        job = load_job_description(settings, job)  # 404 for one that does not exist
    if problem := job_description_problem(job):
        raise ApiError(422, "job_description_too_short", problem, {"field": "body.job_description"})
    fast = estimate_cost(settings, chosen_ids(request, body), job)
    economy = None
    if settings.optimizer == "gemini":
        from engine.orchestration.gemini_batches import economy_estimate  # loads google-genai

        economy = economy_estimate(fast).cost_usd
    return BatchEstimate(candidates=fast.candidates, sampled=fast.sampled,
                         tokens_in=fast.tokens_in, tokens_out=fast.tokens_out,
                         optimizer=settings.optimizer, fast_usd=fast.cost_usd,
                         economy_usd=economy)


@router.post("/batches", status_code=202, response_model=BatchCreated,
             summary="Start a batch; returns at once with its URL")
def create_batch(body: BatchCreate, request: Request, response: Response,
                 caller: Caller = Depends(runner),
                 idempotency_key: str | None = Header(
                     None, min_length=1, max_length=200,
                     description="the same key sent again returns the first batch")) -> BatchCreated:
    settings = app_settings(request)
    url = settings.database_url
    if idempotency_key is not None:
        fingerprint = hashlib.sha256(body.model_dump_json().encode()).hexdigest()
        earlier = key_store.claim_idempotency_key(url, caller.key_id, idempotency_key, fingerprint)
        if earlier is not None:
            _, earlier_hash, batch_id = earlier
            if earlier_hash != fingerprint:
                raise ApiError(409, "idempotency_key_reused", "This Idempotency-Key was sent "
                               "before with a different request.")
            if batch_id is None:
                raise ApiError(409, "idempotency_key_in_progress", "The first request with this "
                               "Idempotency-Key is still starting its batch.",
                               headers={"Retry-After": "1"})
            return created(response, batch_id)
    try:
        batch_id = start(request, settings, body, caller)
    except BaseException:
        if idempotency_key is not None:
            key_store.settle_idempotency_key(url, caller.key_id, idempotency_key, None)
        raise
    if idempotency_key is not None:
        key_store.settle_idempotency_key(url, caller.key_id, idempotency_key, batch_id)
    return created(response, batch_id)


@router.get("/batches/{batch_id}", response_model=BatchOut,
            summary="Progress: counts by status, rate, ETA and cost")
def get_batch(batch_id: RowId, request: Request, _: Caller = Depends(reader)) -> BatchOut:
    progress = batch_progress(app_settings(request), batch_id)
    return BatchOut(id=batch_id, total=progress.total, counts=progress.counts,
                    done=progress.done, finished=progress.finished,
                    cancelled=progress.cancelled, cost_usd=progress.cost_usd,
                    resumes_per_s=progress.resumes_per_s, eta_s=progress.eta_s,
                    waiting=progress.waiting, runs_url=f"/v1/batches/{batch_id}/runs")


@router.get("/batches/{batch_id}/runs", response_model=Page[RunSummary],
            summary="The batch's runs, in run order")
def list_runs(batch_id: RowId, request: Request, page: int = Query(1, ge=1, le=100_000),
              page_size: int = Query(50, ge=1, le=500),
              _: Caller = Depends(reader)) -> Page[RunSummary]:
    settings = app_settings(request)
    batch_progress(settings, batch_id)  # 404 for a batch that does not exist
    rows = batch_runs(settings.database_url, batch_id)
    chosen = rows[(page - 1) * page_size: page * page_size]
    items = [RunSummary(**vars(r), url=f"/v1/runs/{r.id}") for r in chosen]
    return Page[RunSummary](items=items, total=len(rows), page=page, page_size=page_size)


@router.post("/batches/{batch_id}/cancel", response_model=Cancelled,
             summary="Cancel the batch's queued runs (running ones finish)")
def cancel(batch_id: RowId, request: Request, caller: Caller = Depends(runner)) -> Cancelled:
    cancelled = cancel_batch(app_settings(request), batch_id, caller.actor)
    return Cancelled(batch_id=batch_id, runs_cancelled=cancelled)


@router.post("/batches/{batch_id}/retry-failed", response_model=RetriedFailed,
             summary="Retry every failed run that has attempts left")
def retry_failed_runs(batch_id: RowId, request: Request,
                      caller: Caller = Depends(runner)) -> RetriedFailed:
    settings = app_settings(request)
    batch_progress(settings, batch_id)  # 404 for a batch that does not exist
    retried, refused = retry_failed(settings, batch_id, caller.actor)
    return RetriedFailed(batch_id=batch_id, retried=retried,
                         refused={str(k): v for k, v in refused.items()})
