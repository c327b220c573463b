"""/healthz (the process is up) and /readyz (the database and Redis answer)."""

from __future__ import annotations

import sqlalchemy as sa
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from api.schemas import Health
from db.connection import get_engine

router = APIRouter(tags=["health"])


@router.get("/healthz", response_model=Health, summary="The API process is up")
async def healthz() -> Health:
    return Health(status="ok")


@router.get("/readyz", response_model=Health, summary="The database and Redis are reachable",
            responses={503: {"model": Health}})
def readyz(request: Request) -> JSONResponse:
    checks = {}
    try:
        with get_engine(request.app.state.settings.database_url).connect() as conn:
            conn.execute(sa.text("SELECT 1"))
        checks["database"] = "ok"
    except Exception as error:  # noqa: BLE001 - any failure means not ready
        checks["database"] = f"unreachable: {type(error).__name__}"
    try:
        request.app.state.redis().ping()
        checks["redis"] = "ok"
    except Exception as error:  # noqa: BLE001 - any failure means not ready
        checks["redis"] = f"unreachable: {type(error).__name__}"
    ready = all(v == "ok" for v in checks.values())
    body = Health(status="ok" if ready else "unavailable", checks=checks)
    return JSONResponse(body.model_dump(), status_code=200 if ready else 503)
