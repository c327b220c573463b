"""One error shape for every failure: ``{"code", "message", "details"}``, with the
engine's own codes. Validation errors name each field in ``details``."""

from __future__ import annotations

import logging
import re
from typing import Any

import redis
import sqlalchemy as sa
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from db.errors import CandidateMappingError, ResumeUnavailable, RunStateError
from engine.errors import ApprovalRefused, Refusal, ServiceFailure, TailorError, Transient
from engine.orchestration.webhooks import WebhookRefused

log = logging.getLogger("api")


class ApiError(Exception):
    """Raised by routes and dependencies: an HTTP status with the error body's fields."""

    def __init__(self, status: int, code: str, message: str, details: Any = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.headers = headers


def error_response(status: int, code: str, message: str, details: Any = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    return JSONResponse({"code": code, "message": message, "details": details},
                        status_code=status, headers=headers)


def tailor_status(error: TailorError) -> int:
    if isinstance(error, ApprovalRefused):
        return 409
    if isinstance(error, Refusal):
        return 422
    if isinstance(error, Transient):
        return 503
    if isinstance(error, ServiceFailure):
        return 502
    return 400


def field_errors(error: RequestValidationError) -> list[dict[str, str]]:
    """Each problem with the field it is about, as a dotted path (``body.candidate_ids.0``)."""
    return [{"field": ".".join(str(p) for p in item["loc"]),
             "message": item["msg"].removeprefix("Value error, ")} for item in error.errors()]


def allowed_methods(request: Request) -> list[str]:
    """The methods the OpenAPI document lists for this path (Starlette's 405 names only
    the first route's: each method of a path is a route of its own)."""
    for template, operations in request.app.openapi()["paths"].items():
        if re.fullmatch(re.sub(r"\{[^/]+\}", "[^/]+", template), request.url.path):
            return sorted(method.upper() for method in operations)
    return []


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_: Request, error: ApiError) -> JSONResponse:
        return error_response(error.status, error.code, error.message, error.details, error.headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, error: RequestValidationError) -> JSONResponse:
        details = field_errors(error)
        fields = ", ".join(d["field"] for d in details)
        return error_response(422, "validation_error", f"Invalid request: {fields}.", details)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, error: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(error.status_code, "http_error")
        headers = getattr(error, "headers", None)
        if error.status_code == 405:
            headers = {"Allow": ", ".join(allowed_methods(request))}
        return error_response(error.status_code, code, str(error.detail), None, headers)

    @app.exception_handler(TailorError)
    async def _tailor(_: Request, error: TailorError) -> JSONResponse:
        return error_response(tailor_status(error), error.code, error.message)

    @app.exception_handler(WebhookRefused)
    async def _webhook(_: Request, error: WebhookRefused) -> JSONResponse:
        return error_response(422, error.code, error.message, {"field": "body.url"})

    @app.exception_handler(RunStateError)
    async def _run_state(_: Request, error: RunStateError) -> JSONResponse:
        return error_response(409, "run_state", str(error))

    @app.exception_handler(ResumeUnavailable)
    async def _resume(_: Request, error: ResumeUnavailable) -> JSONResponse:
        return error_response(422, error.code, error.message)

    @app.exception_handler(CandidateMappingError)
    async def _mapping(_: Request, error: CandidateMappingError) -> JSONResponse:
        return error_response(503, "candidate_mapping", str(error))

    @app.exception_handler(sa.exc.OperationalError)
    async def _database_down(request: Request, error: sa.exc.OperationalError) -> JSONResponse:
        log.warning("%s %s: database unavailable: %s", request.method, request.url.path,
                    str(error.orig).splitlines()[0] if error.orig else error)
        return error_response(503, "database_unavailable", "The database is unreachable or "
                              "busy; try again shortly.", headers={"Retry-After": "1"})

    @app.exception_handler(redis.RedisError)
    async def _redis_down(request: Request, error: redis.RedisError) -> JSONResponse:
        log.warning("%s %s: Redis unavailable: %s", request.method, request.url.path, error)
        return error_response(503, "redis_unavailable", "Redis (the queue) is unreachable; "
                              "try again shortly.", headers={"Retry-After": "1"})

    @app.exception_handler(LookupError)
    async def _missing(_: Request, error: LookupError) -> JSONResponse:
        return error_response(404, "not_found", str(error).strip("'\""))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, error: Exception) -> JSONResponse:
        log.exception("%s %s failed", request.method, request.url.path)
        return error_response(500, "internal_error", "Unexpected server error; it has been logged.")
