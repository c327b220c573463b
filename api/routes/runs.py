"""/v1/runs/{id}: a run's outcome, its edits, retry, approve (as is, with a choice of edits
and lines, or an edited resume), reject, and the approved document."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import ValidationError

from api.auth import Caller, app_settings, reader, reviewer, runner
from api.errors import ApiError
from api.schemas import (Approval, ChoiceOut, Decided, EditOut, LineOut, Rejection, RowId,
                         RunEdits, RunError, RunOut, RunRetried)
from db import store
from db.models import RUNNING_STATUSES, RunStatus, Verdict
from db.queries import approved_resume, run_decisions
from engine.orchestration.batches import retry_run
from engine.orchestration.review import (ReviewChoice, approve_run, reject_run, run_edits,
                                         standing_choice)
from engine.tailor.optimizer import EditKind
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


@router.get("/runs/{run_id}/edits", response_model=RunEdits,
            summary="The run's edits and lines, to approve with a choice of them")
def edits(run_id: RowId, request: Request, _: Caller = Depends(reader)) -> RunEdits:
    url = app_settings(request).database_url
    run = store.load_run(url, run_id)
    return RunEdits(
        run_id=run_id,
        edits=[EditOut(id=e.id, kind=e.kind, line_id=e.source_id, before=e.before,
                       after=e.after, reason=e.reason, position=e.position)
               for e in run_edits(run)],
        lines=[LineOut(id=k, text=v) for k, v in original_lines(run).items()],
        approved=standing_out(url, run))


def standing_out(url: str, run: store.RunRecord) -> ChoiceOut | None:
    """The standing approval's choice, as the API shows it (None unless approved)."""
    choice = standing_choice(url, run)
    return ChoiceOut(accepted_edits=sorted(choice.accepted), lines=choice.overrides) if choice else None


def original_lines(run: store.RunRecord) -> dict[str, str]:
    """The parsed original's lines by id ({} before the run is parsed)."""
    return Resume.model_validate(run.parsed_resume).bullets() if run.parsed_resume else {}


@router.post("/runs/{run_id}/approve", response_model=Decided,
             summary="Approve a ready run and write it back (optionally with a choice of "
             "edits and lines, or an edited resume)",
             description="With `accepted_edits` and/or `lines`, the resume approved (written "
             "back and rendered by /document) is the parsed original with exactly those "
             "edits and line texts, as on the Review page. An edit or line id the run does "
             "not have is a 422 naming it.")
def approve(run_id: RowId, request: Request, body: Approval | None = None,
            caller: Caller = Depends(reviewer)) -> Decided:
    body = body or Approval()
    settings = app_settings(request)
    run = store.load_run(settings.database_url, run_id)  # 404 for a run that does not exist
    edited = edited_resume(body.resume) if body.resume is not None else None
    choice = review_choice(run, body)
    version = approve_run(settings, run_id, caller.actor, edited, body.note, choice=choice)
    return Decided(run_id=run_id, decision=Verdict.APPROVED, version=version)


def edited_resume(resume: dict) -> Resume:
    """A whole edited resume from the request, or a 422 naming what is wrong in it."""
    try:
        edited = Resume.model_validate(resume)
    except ValidationError as error:
        details = [{"field": ".".join(["body", "resume", *map(str, e["loc"])]),
                    "message": e["msg"]} for e in error.errors()]
        raise ApiError(422, "validation_error", "The edited resume is not valid.",
                       details) from None
    if "\\u0000" in edited.model_dump_json():  # PostgreSQL's JSON cannot hold NUL
        raise ApiError(422, "validation_error", "The edited resume contains a NUL character.",
                       [{"field": "body.resume", "message": "contains a NUL character"}])
    return edited


def review_choice(run: store.RunRecord, body: Approval) -> ReviewChoice | None:
    """The reviewer's choice the body gives (None: neither edits nor lines chosen), each
    edit and line id checked against the run: a 422 names every one it does not have."""
    if body.accepted_edits is None and body.lines is None:
        return None
    edits = run_edits(run)
    edit_ids = [e.id for e in edits]
    line_ids = {*original_lines(run), *(e.source_id for e in edits if e.kind != EditKind.MOVE)}
    accepted = edit_ids if body.accepted_edits is None else body.accepted_edits
    lines = body.lines or {}
    details = [{"field": f"body.accepted_edits.{i}",
                "message": f"Run {run.id} has no edit {edit_id!r} (its edits: "
                f"{', '.join(edit_ids) or 'none'})"}
               for i, edit_id in enumerate(accepted) if edit_id not in edit_ids]
    details += [{"field": f"body.lines.{line_id}",
                 "message": f"Run {run.id} has no line {line_id!r} (GET "
                 f"/v1/runs/{run.id}/edits lists its lines)"}
                for line_id in lines if line_id not in line_ids]
    if details:
        raise ApiError(422, "validation_error",
                       "; ".join(d["message"] for d in details) + ".", details)
    return ReviewChoice(frozenset(accepted), dict(lines))


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
