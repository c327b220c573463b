"""Who is calling: the API key in ``Authorization: Bearer …``, its scope, and its rate
limit (shared by every API process through Redis)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import redis
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from api.errors import ApiError
from db.models import ApiScope
from engine.orchestration.api_keys import allows
from settings import Settings

bearer = HTTPBearer(auto_error=False, description="An API key: `Authorization: Bearer tlr_…`")


@dataclass(frozen=True)
class Caller:
    key_id: int
    name: str
    scope: str

    @property
    def actor(self) -> str:
        """How audit events and decisions name this key."""
        return f"api:{self.name}"


def app_settings(request: Request) -> Settings:
    return request.app.state.settings


def require(scope: ApiScope) -> Callable[..., Caller]:
    """A dependency: the calling key, which must have ``scope`` and be under its limit."""

    async def caller(request: Request,
                     credentials: HTTPAuthorizationCredentials | None = Depends(bearer)) -> Caller:
        if credentials is None:
            raise ApiError(401, "unauthorized", "An API key is required: "
                           "send `Authorization: Bearer <key>`.",
                           headers={"WWW-Authenticate": "Bearer"})
        try:
            admission = await request.app.state.gate.admit(credentials.credentials)
        except redis.RedisError as error:
            raise ApiError(503, "redis_unavailable",
                           f"The key and rate limit store (Redis) is unreachable: {error}") from None
        key = admission.key
        if key is None:
            raise ApiError(401, "unauthorized", "The API key is unknown or revoked.",
                           headers={"WWW-Authenticate": "Bearer"})
        if admission.retry_after_s is not None:
            wait = admission.retry_after_s
            raise ApiError(429, "rate_limited", f"API key {key.name!r} is limited to "
                           f"{key.rate_per_minute} requests a minute.",
                           {"retry_after_s": wait}, headers={"Retry-After": str(wait)})
        if not allows(key.scope, scope):
            raise ApiError(403, "forbidden", f"API key {key.name!r} has scope {key.scope!r}; "
                           f"this call needs {scope.value!r}.")
        return Caller(key_id=key.id, name=key.name, scope=key.scope)

    return caller


reader = require(ApiScope.READ)
runner = require(ApiScope.RUN)
reviewer = require(ApiScope.REVIEW)
