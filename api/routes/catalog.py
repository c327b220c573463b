"""/v1/job-descriptions and /v1/candidates: what a batch is started from."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request, Response

from api.auth import Caller, app_settings, reader, runner
from api.schemas import NO_NUL, CandidateOut, JobDescriptionIn, JobDescriptionOut, Page
from db.candidates import CandidateQuery
from db.queries import job_descriptions
from db.store.api_keys import record_audit
from engine.orchestration.batches import save_job_description
from engine.resume import JobDescription

router = APIRouter(tags=["catalog"])


@router.get("/job-descriptions", response_model=Page[JobDescriptionOut],
            summary="Saved job descriptions, newest first")
def list_job_descriptions(request: Request, page: int = Query(1, ge=1, le=100_000),
                          page_size: int = Query(50, ge=1, le=500),
                          _: Caller = Depends(reader)) -> Page[JobDescriptionOut]:
    rows = job_descriptions(app_settings(request).database_url)
    chosen = rows[(page - 1) * page_size: page * page_size]
    return Page[JobDescriptionOut](items=[JobDescriptionOut(**vars(r)) for r in chosen],
                                   total=len(rows), page=page, page_size=page_size)


@router.post("/job-descriptions", status_code=201, response_model=JobDescriptionOut,
             summary="Save a job description to start batches with")
def create_job_description(body: JobDescriptionIn, request: Request, response: Response,
                           caller: Caller = Depends(runner)) -> JobDescriptionOut:
    settings = app_settings(request)
    title = body.title or "Job description"
    new_id = save_job_description(settings, JobDescription(title=title, text=body.text),
                                  caller.actor)
    record_audit(settings.database_url, caller.actor, "job_description_created",
                 {"job_description_id": new_id})
    response.headers["Location"] = f"/v1/job-descriptions/{new_id}"
    return JobDescriptionOut(id=new_id, title=title, text=body.text)


@router.get("/candidates", response_model=Page[CandidateOut],
            summary="Search the candidate database (name, email, filter columns)")
def list_candidates(request: Request, search: str = Query("", max_length=200, pattern=NO_NUL),
                    page: int = Query(1, ge=1, le=100_000),
                    page_size: int = Query(50, ge=1, le=500),
                    _: Caller = Depends(reader)) -> Page[CandidateOut]:
    source = request.app.state.candidate_source()
    found = source.search(CandidateQuery(text=search, page=page, page_size=page_size))
    return Page[CandidateOut](items=[CandidateOut(**vars(c)) for c in found.rows],
                              total=found.total, page=found.page, page_size=found.page_size)
