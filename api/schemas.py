"""Request and response bodies (pydantic): what the OpenAPI document shows."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Generic, Literal, TypeVar

from fastapi import Path
from pydantic import BaseModel, Field, StringConstraints, field_validator, model_validator

from db.models import RunStatus
from engine.orchestration.webhooks import WebhookEvent
from engine.tailor.optimizer import EditKind

T = TypeVar("T")
# Text a database column can hold: PostgreSQL refuses NUL characters.
NO_NUL = r"^[^\x00]*$"
# Row ids are 32-bit integers in the database.
MAX_ID = 2**31 - 1
RowId = Annotated[int, Path(ge=1, le=MAX_ID)]
CandidateId = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=NO_NUL)]


class ErrorBody(BaseModel):
    code: str = Field(description="a stable code, the engine's where it has one")
    message: str
    details: Any = Field(None, description="for validation errors, [{field, message}]")


class Page(BaseModel, Generic[T]):
    items: list[T]
    total: int
    page: int
    page_size: int


class JobDescriptionIn(BaseModel):
    title: str = Field("", max_length=300, pattern=NO_NUL)
    text: str = Field(min_length=1, max_length=100_000, pattern=NO_NUL)


class JobDescriptionOut(BaseModel):
    id: int
    title: str
    text: str


class BatchCreate(BaseModel):
    """Candidates by id or by a search, and a saved job description or a new one: exactly
    one of each pair (null is not a value: leave the field out)."""

    model_config = {"json_schema_extra": {"allOf": [
        {"oneOf": [{"required": ["candidate_ids"]}, {"required": ["search"]}]},
        {"oneOf": [{"required": ["job_description_id"]}, {"required": ["job_description"]}]},
    ], "examples": [  # shown in /docs instead of a body made up from the field types
        {"candidate_ids": ["1", "2", "3"], "job_description_id": 1, "mode": "fast"},
        {"search": "Denver", "job_description": {
            "title": "Backend Engineer",
            "text": "We need a backend engineer: Python, PostgreSQL, Kafka, five years."}},
    ]}}

    # Defaults of None that are not nullable types: absent is allowed, null is refused.
    candidate_ids: list[CandidateId] = Field(None, min_length=1, max_length=10_000)
    search: str = Field(None, min_length=1, max_length=200, pattern=NO_NUL,
                        description="every candidate matching this search")
    job_description_id: int = Field(None, ge=1, le=MAX_ID)
    job_description: JobDescriptionIn = None
    mode: Literal["fast", "economy"] = Field(
        "fast", description="fast: live Gemini calls; economy: Gemini Batch Mode at half "
        "the price, results usually within minutes and at most 24 h")

    @model_validator(mode="after")
    def _one_of_each(self) -> BatchCreate:
        if (self.candidate_ids is None) == (self.search is None):
            raise ValueError("give exactly one of candidate_ids and search")
        if (self.job_description_id is None) == (self.job_description is None):
            raise ValueError("give exactly one of job_description_id and job_description")
        return self


class BatchEstimate(BaseModel):
    """A batch's likely size and cost before it starts: the request size of a sample of
    its resumes (``sampled``), scaled to all of them."""

    candidates: int
    sampled: int
    tokens_in: int
    tokens_out: int
    optimizer: str = Field(description="gemini, or offline (no cost, no Economy)")
    fast_usd: float = Field(description="live calls (mode fast)")
    economy_usd: float | None = Field(
        description="Gemini Batch Mode at half the price (mode economy); null for offline")


class BatchCreated(BaseModel):
    id: int
    url: str
    runs_url: str


class BatchOut(BaseModel):
    id: int
    total: int
    counts: dict[str, int]
    done: int
    finished: bool
    cancelled: bool
    cost_usd: float
    resumes_per_s: float | None
    eta_s: float | None
    waiting: str | None = Field(None, description='"waiting for Gemini (Economy): …" with '
                                "the time submitted, while an Economy batch's Gemini job runs")
    runs_url: str


class RunSummary(BaseModel):
    id: int
    candidate_id: str
    candidate_name: str | None
    status: RunStatus
    attempt: int
    error_code: str | None
    error_message: str | None
    score_before: float | None
    score_after: float | None
    findings: int
    flags: int
    decision: str | None
    url: str


class RunError(BaseModel):
    code: str
    message: str | None


class RunOut(BaseModel):
    id: int
    batch_id: int
    candidate_id: str
    candidate_name: str | None
    status: RunStatus
    step: RunStatus | None = Field(description="the step a worker is on, while running")
    attempt: int
    error: RunError | None
    tailored_resume: dict[str, Any] | None
    edits: list[Any] | None
    score_before: float | None
    score_after: float | None
    scores: dict[str, Any] | None
    claim_findings: list[Any] | None
    flags: list[Any] | None
    decision: str | None
    tokens_in: int
    tokens_out: int
    cost_usd: float
    model: str | None
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class EditOut(BaseModel):
    id: str = Field(description="the edit's id within the run: what accepted_edits names")
    kind: EditKind
    line_id: str = Field(description="the line it changes: a bullet id, `summary` or `skills`")
    before: str
    after: str
    reason: str
    position: int | None = Field(description="move edits: the bullet's new 0-based place "
                                 "within its entry")


class LineOut(BaseModel):
    id: str
    text: str


class ChoiceOut(BaseModel):
    accepted_edits: list[str]
    lines: dict[str, str]


class RunEdits(BaseModel):
    run_id: int
    edits: list[EditOut]
    lines: list[LineOut] = Field(description="every line of the parsed original a reviewer "
                                 "may rewrite (approve's `lines` takes these ids and the "
                                 "edits' line ids)")
    approved: ChoiceOut | None = Field(description="while the run stands approved: the "
                                       "choice its approved resume stands for")


EditId = Annotated[str, StringConstraints(min_length=1, max_length=50, pattern=NO_NUL)]
LineId = Annotated[str, StringConstraints(min_length=1, max_length=100, pattern=NO_NUL)]
LineText = Annotated[str, StringConstraints(min_length=1, max_length=5000, pattern=NO_NUL)]


class Approval(BaseModel):
    """Approve the tailored resume as it is, or with the reviewer's choices (the Review
    page's: the edits kept and their own text for lines), or a whole edited resume
    instead: choices and a whole resume are refused together (the resume already holds
    every choice)."""

    model_config = {"json_schema_extra": {"not": {"anyOf": [
        {"required": ["resume", "accepted_edits"]}, {"required": ["resume", "lines"]}]}}}

    note: str | None = Field(None, max_length=2000, pattern=NO_NUL)
    resume: dict[str, Any] | None = Field(
        None, description="an edited resume (the run's tailored_resume shape) to approve instead")
    # Defaults of None that are not nullable types: absent is allowed, null is refused.
    accepted_edits: list[EditId] = Field(
        None, max_length=1000, description="the ids of the edits to keep (GET "
        "/v1/runs/{id}/edits); the others are rejected. Absent: every edit")
    lines: dict[LineId, LineText] = Field(
        None, max_length=1000, description="the reviewer's own text by line id (a bullet "
        "id, `summary`, `skills`: comma-separated), in place of the line's text")

    @field_validator("lines")
    @classmethod
    def _no_blank_line(cls, lines: dict[str, str]) -> dict[str, str]:
        blank = [line_id for line_id, text in lines.items() if not text.strip()]
        if blank:
            raise ValueError(f"{', '.join(map(repr, blank))}: a line's text cannot be blank "
                             "(to keep the original line, leave it out)")
        return lines

    @model_validator(mode="after")
    def _choices_or_resume(self) -> Approval:
        chosen = self.model_fields_set & {"accepted_edits", "lines"}
        if "resume" in self.model_fields_set and chosen:
            raise ValueError("give either resume or accepted_edits/lines, not both: an edited "
                             "resume already holds every choice")
        return self


class Rejection(BaseModel):
    note: str | None = Field(None, max_length=2000, pattern=NO_NUL)


class Decided(BaseModel):
    run_id: int
    decision: str
    version: int | None = Field(None, description="the candidate's new resume version")


class Cancelled(BaseModel):
    batch_id: int
    runs_cancelled: int


class RetriedFailed(BaseModel):
    batch_id: int
    retried: int
    refused: dict[str, str]


class RunRetried(BaseModel):
    run_id: int
    url: str


class CandidateOut(BaseModel):
    id: str
    name: str | None
    email: str | None
    extra: dict[str, Any]


class WebhookIn(BaseModel):
    url: str = Field(min_length=1, max_length=2000, pattern=NO_NUL)
    events: list[WebhookEvent] = Field(min_length=1, max_length=10)


class WebhookOut(BaseModel):
    id: int
    url: str
    events: list[str]
    created_at: datetime


class WebhookCreated(WebhookOut):
    secret: str = Field(description="the signing secret (Standard Webhooks); shown only now")


class Health(BaseModel):
    status: str
    checks: dict[str, str] = Field(default_factory=dict)
