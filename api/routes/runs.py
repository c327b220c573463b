"""/v1/runs/{id}: a run's outcome, retry, approve, reject, and the approved document."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import ValidationError

from api.auth import Caller, app_settings, reader, reviewer, runner
from api.errors import ApiError
from api.schemas import Approval, Decided, Rejection, RowId, RunError, RunOut, RunRetried
from db import store
from db.models import RUNNING_STATUSES, RunStatus, Verdict
from db.queries import approved_resume, run_decisions
from engine.orchestration.batches import retry_run
from engine.orchestration.review import approve_run, reject_run
from engine.errors import TailorError
from engine.orchestration.budget import TOO_COMPLEX
from engine.orchestration.export import DocumentFormat, file_stem, layout, render
from engine.render.documents import Template
from engine.resume import Resume

router = APIRouter(tags=["runs"])

@router.get("/runs/{run_id}", response_model=RunOut,
            summary="Status, step, error, the tailored resume, edits, scores, findings")
def get_run(run_id: RowId, request: Request, _: Caller = Depends(reader)) -> RunOut:
    url = app_settings(request).database_url
    run = store.load_run(url, run_id)
    decisions = run_decisions(url, run_id)
    status = RunStatus(run.status)
    return RunOut(
        id=run.id, batch_id=run.batch_id, candidate_id=run.candidate_id,
        candidate_name=run.candidate_name, status=status,
        step=status if status in RUNNING_STATUSES else None, attempt=run.attempt,
        error=RunError(code=run.error_code, message=run.error_message)
        if run.error_code else None,
        tailored_resume=run.optimized_resume, edits=run.edits,
        score_before=run.score_before, score_after=run.score_after, scores=run.scores,
        claim_findings=run.claim_findings, flags=run.flags,
        decision=decisions[0]["decision"] if decisions else None,
        tokens_in=run.tokens_in, tokens_out=run.tokens_out, cost_usd=run.cost_usd,
        model=run.model, created_at=run.created_at, started_at=run.started_at,
        finished_at=run.finished_at)


@router.post("/runs/{run_id}/retry", status_code=202, response_model=RunRetried,
             summary="Run it again from extraction (attempt + 1)")
def retry(run_id: RowId, request: Request, caller: Caller = Depends(runner)) -> RunRetried:
    settings = app_settings(request)
    store.load_run(settings.database_url, run_id)  # 404 for a run that does not exist
    retry_run(settings, run_id, caller.actor)  # a refusal is a RunStateError: 409
    return RunRetried(run_id=run_id, url=f"/v1/runs/{run_id}")


@router.post("/runs/{run_id}/approve", response_model=Decided,
             summary="Approve a ready run and write it back (optionally an edited resume)")
def approve(run_id: RowId, request: Request, body: Approval | None = None,
            caller: Caller = Depends(reviewer)) -> Decided:
    body = body or Approval()
    settings = app_settings(request)
    store.load_run(settings.database_url, run_id)  # 404 for a run that does not exist
    edited = None
    if body.resume is not None:
        try:
            edited = Resume.model_validate(body.resume)
        except ValidationError as error:
            details = [{"field": ".".join(["body", "resume", *map(str, e["loc"])]),
                        "message": e["msg"]} for e in error.errors()]
            raise ApiError(422, "validation_error", "The edited resume is not valid.",
                           details) from None
        if "\\u0000" in edited.model_dump_json():  # PostgreSQL's JSON cannot hold NUL
            raise ApiError(422, "validation_error", "The edited resume contains a NUL character.",
                           [{"field": "body.resume", "message": "contains a NUL character"}])
    version = approve_run(settings, run_id, caller.actor, edited, body.note)
    return Decided(run_id=run_id, decision=Verdict.APPROVED, version=version)


@router.post("/runs/{run_id}/reject", response_model=Decided, summary="Reject a run")
def reject(run_id: RowId, request: Request, body: Rejection | None = None,
           caller: Caller = Depends(reviewer)) -> Decided:
    reject_run(app_settings(request), run_id, caller.actor, (body or Rejection()).note)
    return Decided(run_id=run_id, decision=Verdict.REJECTED)


@router.get("/runs/{run_id}/document",
            summary="The approved resume as PDF or DOCX, in a template",
            description="Templates: `classic`, `modern` (two columns) and `anonymised` (a "
            "client submission headed by the agency, without the candidate's name or contact "
            "details; the file is named by a neutral reference). `standard`, the old name of "
            "`classic`, is still accepted. Rendered within a time and memory budget: a resume "
            "too large to render answers 422 `resume_too_complex`.",
            response_class=Response,
            responses={200: {"content": {f.media_type: {"schema": {"type": "string",
                                                                    "format": "binary"}}
                                         for f in DocumentFormat}}})
def document(run_id: RowId, request: Request,
             format: DocumentFormat = Query(DocumentFormat.PDF),  # noqa: A002 - the API's name
             template: Template = Query(Template.CLASSIC),
             _: Caller = Depends(reader)) -> Response:
    settings = app_settings(request)
    run = store.load_run(settings.database_url, run_id)  # 404 for a run that does not exist
    approved = approved_resume(settings.database_url, run_id)
    if approved is None:
        raise ApiError(409, "not_approved", f"Run {run_id} has no approved resume: "
                       "approve it first.")
    resume = Resume.model_validate(approved)
    try:
        data = render(settings, resume, layout(settings, template, run_id), format)
    except TailorError as error:
        if error.code != TOO_COMPLEX:
            raise
        raise ApiError(422, error.code, str(error)) from None
    stem = file_stem(template, run_id, resume.name, run.candidate_id)
    return Response(data, media_type=format.media_type, headers={
        "Content-Disposition": f'attachment; filename="{stem}.{format.value}"'})
