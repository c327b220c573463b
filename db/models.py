"""Tailor's own tables. The candidate table is not here: Tailor reads it where it is
(see ``db.candidates``) and never migrates it."""

from __future__ import annotations

from datetime import datetime, timezone
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Json = sa.JSON().with_variant(JSONB(), "postgresql")


class RunStatus(StrEnum):
    """Where a run is. It moves queued -> extracting -> parsing -> optimizing -> ready |
    failed; cancelled when its batch is cancelled before a worker picked it up. The steps
    (extracting, parsing, optimizing) are the statuses a claiming job holds. Stored as the
    plain string value, so the column stays a String."""

    QUEUED = "queued"
    EXTRACTING = "extracting"
    PARSING = "parsing"
    OPTIMIZING = "optimizing"
    READY = "ready"
    FAILED = "failed"
    CANCELLED = "cancelled"


# The steps: a job that claimed the run holds it while it is in one of these.
RUNNING_STATUSES: frozenset[RunStatus] = frozenset(
    {RunStatus.EXTRACTING, RunStatus.PARSING, RunStatus.OPTIMIZING}
)
ACTIVE_STATUSES: frozenset[RunStatus] = RUNNING_STATUSES | {RunStatus.QUEUED}
FINAL_STATUSES: frozenset[RunStatus] = frozenset(
    {RunStatus.READY, RunStatus.FAILED, RunStatus.CANCELLED}
)


class Verdict(StrEnum):
    """A reviewer's decision on a run (``decisions.decision``)."""

    APPROVED = "approved"
    REJECTED = "rejected"
    CLEARED = "cleared"  # an approval withdrawn when its run was retried


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {dict[str, Any]: Json, list[Any]: Json}


class SavedJobDescription(Base):
    """A job description a recruiter saved, to tailor batches to (the engine's
    ``engine.resume.JobDescription`` is its content)."""

    __tablename__ = "job_descriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(sa.String(300))
    text: Mapped[str] = mapped_column(sa.Text)
    created_by: Mapped[str | None] = mapped_column(sa.String(200))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    # The library: a pasted posting nobody named is kept (its batch needs it) but not
    # listed; editing saves a new version in the same family; archiving hides a family.
    in_library: Mapped[bool] = mapped_column(sa.Boolean, default=True, server_default=sa.true())
    family_id: Mapped[int | None] = mapped_column(sa.Integer, index=True)  # first version's id
    version: Mapped[int] = mapped_column(sa.Integer, default=1, server_default="1")
    archived_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))


class ReviewLook(Base):
    """A reviewer opened a run's result on the Review page (stored, not per session, so
    it outlives a reload and a bulk approval can rely on it)."""

    __tablename__ = "review_looks"
    __table_args__ = (sa.UniqueConstraint("run_id", "reviewer"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(sa.ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    reviewer: Mapped[str] = mapped_column(sa.String(200))
    looked_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)


class Batch(Base):
    __tablename__ = "batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    job_description_id: Mapped[int] = mapped_column(sa.ForeignKey("job_descriptions.id"))
    optimizer: Mapped[str] = mapped_column(sa.String(20))
    model: Mapped[str] = mapped_column(sa.String(100))
    created_by: Mapped[str | None] = mapped_column(sa.String(200))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    candidate_count: Mapped[int] = mapped_column(default=0)
    estimated_cost_usd: Mapped[float] = mapped_column(default=0.0)
    cancelled_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    job_description: Mapped[SavedJobDescription] = relationship()


class Run(Base):
    """One candidate in one batch: where its resume is, and everything it produced."""

    __tablename__ = "runs"
    __table_args__ = (
        sa.UniqueConstraint("batch_id", "candidate_id"),
        sa.Index("ix_runs_batch_id_status", "batch_id", "status"),
        sa.Index("ix_runs_status_updated_at", "status", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(sa.ForeignKey("batches.id", ondelete="CASCADE"))
    candidate_id: Mapped[str] = mapped_column(sa.String(100), index=True)
    candidate_name: Mapped[str | None] = mapped_column(sa.String(300))
    status: Mapped[str] = mapped_column(sa.String(20), default=RunStatus.QUEUED.value)
    attempt: Mapped[int] = mapped_column(default=1)
    # Transient failures in this attempt; past settings.job_retries the run fails.
    transient_failures: Mapped[int] = mapped_column(default=0, server_default="0")
    error_code: Mapped[str | None] = mapped_column(sa.String(60))
    error_message: Mapped[str | None] = mapped_column(sa.Text)
    parsed_resume: Mapped[dict[str, Any] | None]
    optimized_resume: Mapped[dict[str, Any] | None]
    edits: Mapped[list[Any] | None]
    score_before: Mapped[float | None]
    score_after: Mapped[float | None]
    scores: Mapped[dict[str, Any] | None] = mapped_column(comment="category detail, before/after")
    claim_findings: Mapped[list[Any] | None]
    flags: Mapped[list[Any] | None]
    tokens_in: Mapped[int] = mapped_column(default=0)
    tokens_out: Mapped[int] = mapped_column(default=0)
    cost_usd: Mapped[float] = mapped_column(default=0.0)
    model: Mapped[str | None] = mapped_column(sa.String(100))
    prompt_version: Mapped[str | None] = mapped_column(sa.String(40))
    input_hash: Mapped[str | None] = mapped_column(sa.String(64))
    # Seconds per step of this attempt as the worker timed it: {"parse": 0.4, "tailor": 1.2}.
    step_seconds: Mapped[dict[str, Any] | None]
    rq_job_id: Mapped[str | None] = mapped_column(sa.String(100))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        sa.DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
    started_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    batch: Mapped[Batch] = relationship()


class RunAttempt(Base):
    """The outcome of an earlier attempt, kept when a run is retried."""

    __tablename__ = "run_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(
        sa.ForeignKey("runs.id", ondelete="CASCADE"), index=True
    )
    attempt: Mapped[int]
    status: Mapped[str] = mapped_column(sa.String(20))
    error_code: Mapped[str | None] = mapped_column(sa.String(60))
    error_message: Mapped[str | None] = mapped_column(sa.Text)
    outcome: Mapped[dict[str, Any] | None]
    finished_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    archived_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)


class Decision(Base):
    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    run_id: Mapped[int] = mapped_column(
        sa.ForeignKey("runs.id", ondelete="CASCADE"), index=True
    )
    decision: Mapped[str] = mapped_column(sa.String(20))  # a Verdict
    reviewer: Mapped[str] = mapped_column(sa.String(200))
    edited_resume: Mapped[dict[str, Any] | None]
    note: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)


class OptimizedResume(Base):
    """An approved resume written back for a candidate. Exactly one row per candidate is
    current; earlier versions stay as history. Not tied to a run by cascade, so purging
    old runs never deletes an approved write-back."""

    __tablename__ = "optimized_resumes"
    __table_args__ = (
        sa.Index(
            "uq_optimized_resumes_current",
            "candidate_id",
            unique=True,
            postgresql_where=sa.text("is_current"),
            sqlite_where=sa.text("is_current"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    candidate_id: Mapped[str] = mapped_column(sa.String(100), index=True)
    run_id: Mapped[int | None] = mapped_column(sa.ForeignKey("runs.id", ondelete="SET NULL"))
    decision_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("decisions.id", ondelete="SET NULL")
    )
    version: Mapped[int]
    is_current: Mapped[bool] = mapped_column(default=True)
    resume: Mapped[dict[str, Any]]
    text: Mapped[str] = mapped_column(sa.Text)
    approved_by: Mapped[str] = mapped_column(sa.String(200))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)


class AuditEvent(Base):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(sa.String(200))
    action: Mapped[str] = mapped_column(sa.String(60))
    batch_id: Mapped[int | None] = mapped_column(index=True)
    run_id: Mapped[int | None] = mapped_column(index=True)
    candidate_id: Mapped[str | None] = mapped_column(sa.String(100))
    detail: Mapped[dict[str, Any] | None]


class ApiScope(StrEnum):
    """What an API key may do. Ordered: each scope includes the ones before it."""

    READ = "read"
    RUN = "run"
    REVIEW = "review"


class DeliveryStatus(StrEnum):
    """A webhook delivery: pending until the endpoint answers 2xx (delivered) or the
    retries run out or the address is refused (failed)."""

    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"


class ApiKey(Base):
    """An integration API key. Only its SHA-256 is stored; the key is shown once."""

    __tablename__ = "api_keys"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(100), unique=True)
    prefix: Mapped[str] = mapped_column(sa.String(16), unique=True)  # looked up, then hash compared
    key_hash: Mapped[str] = mapped_column(sa.String(64))
    scope: Mapped[str] = mapped_column(sa.String(20))  # an ApiScope
    rate_per_minute: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    revoked_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))


class ApiIdempotencyKey(Base):
    """An Idempotency-Key sent with POST /v1/batches, and the batch it started."""

    __tablename__ = "api_idempotency_keys"
    __table_args__ = (sa.UniqueConstraint("api_key_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    api_key_id: Mapped[int] = mapped_column(sa.ForeignKey("api_keys.id", ondelete="CASCADE"))
    key: Mapped[str] = mapped_column(sa.String(200))
    request_hash: Mapped[str] = mapped_column(sa.String(64))
    batch_id: Mapped[int | None] = mapped_column(sa.ForeignKey("batches.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)


class WebhookEndpoint(Base):
    """Where an API key's subscribed events are delivered, signed with ``secret``."""

    __tablename__ = "webhook_endpoints"

    id: Mapped[int] = mapped_column(primary_key=True)
    api_key_id: Mapped[int] = mapped_column(
        sa.ForeignKey("api_keys.id", ondelete="CASCADE"), index=True
    )
    url: Mapped[str] = mapped_column(sa.String(2000))
    events: Mapped[list[Any]]
    secret: Mapped[str] = mapped_column(sa.String(100))  # whsec_…: needed to sign
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    deleted_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))


class WebhookDelivery(Base):
    """One event for one endpoint: its payload, and how delivering it went."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        sa.UniqueConstraint("endpoint_id", "event_id"),  # each event once per endpoint
        sa.Index("ix_webhook_deliveries_status_updated_at", "status", "updated_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    endpoint_id: Mapped[int] = mapped_column(
        sa.ForeignKey("webhook_endpoints.id", ondelete="CASCADE")
    )
    event_id: Mapped[str] = mapped_column(sa.String(100))  # the webhook-id header
    event_type: Mapped[str] = mapped_column(sa.String(40))
    payload: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(sa.String(20), default=DeliveryStatus.PENDING.value)
    attempts: Mapped[int] = mapped_column(default=0)
    last_status_code: Mapped[int | None]
    last_error: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))


class UserRole(Base):
    """A role granted to a signed-in user (by email), beside any roles the identity
    provider puts in the token. One row per user and role."""

    __tablename__ = "user_roles"
    __table_args__ = (sa.UniqueConstraint("email", "role"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), index=True)
    role: Mapped[str] = mapped_column(sa.String(20))
    granted_by: Mapped[str] = mapped_column(sa.String(200))
    granted_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)


class GeminiJobStatus(StrEnum):
    """Where an Economy (Gemini Batch Mode) job is, from Tailor's side."""

    SUBMITTING = "submitting"  # row written, Gemini's job maybe created (found by name)
    WAITING = "waiting"  # Gemini has it: polled until it finishes
    COLLECTED = "collected"  # every answer went through the pipeline
    FAILED = "failed"
    EXPIRED = "expired"
    CANCELLED = "cancelled"


class GeminiBatchJob(Base):
    """One Gemini Batch Mode job holding the requests of some runs of a batch, keyed by
    run id. Its runs stay ``optimizing`` under ``rq_job_id = claim`` until it finishes."""

    __tablename__ = "gemini_batch_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(sa.ForeignKey("batches.id", ondelete="CASCADE"),
                                          index=True)
    claim: Mapped[str] = mapped_column(sa.String(100))  # the runs' rq_job_id meanwhile
    status: Mapped[str] = mapped_column(sa.String(20), default=GeminiJobStatus.SUBMITTING.value)
    display_name: Mapped[str] = mapped_column(sa.String(100))  # how a lost create is found
    gemini_name: Mapped[str | None] = mapped_column(sa.String(200))  # "batches/…"
    run_ids: Mapped[list[Any]]
    poll_job_id: Mapped[str | None] = mapped_column(sa.String(100))
    error_message: Mapped[str | None] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    finished_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
