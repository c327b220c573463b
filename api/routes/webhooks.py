"""/v1/webhooks: the calling key's webhook endpoints and their delivery log."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Query, Request, Response

from api.auth import Caller, app_settings, reader
from api.errors import ApiError
from api.schemas import RowId, WebhookCreated, WebhookIn, WebhookOut
from db.store import webhooks as webhook_store
from db.store.webhooks import DeliveryRow
from engine.orchestration.webhooks import check_url, new_secret

router = APIRouter(tags=["webhooks"])


@router.post("/webhooks", status_code=201, response_model=WebhookCreated,
             summary="Register an endpoint for events; its signing secret is shown once")
def create_webhook(body: WebhookIn, request: Request, response: Response,
                   caller: Caller = Depends(reader)) -> WebhookCreated:
    settings = app_settings(request)
    check_url(body.url, settings.webhook_allow_private)
    events = list(dict.fromkeys(e.value for e in body.events))
    row = webhook_store.insert_endpoint(settings.database_url, api_key_id=caller.key_id,
                                    endpoint_url=body.url, events=events,
                                    secret=new_secret(), actor=caller.actor)
    response.headers["Location"] = f"/v1/webhooks/{row.id}"
    return WebhookCreated(id=row.id, url=row.url, events=row.events, created_at=row.created_at,
                          secret=row.secret)


@router.get("/webhooks", response_model=list[WebhookOut], summary="This key's endpoints")
def list_webhooks(request: Request, caller: Caller = Depends(reader)) -> list[WebhookOut]:
    rows = webhook_store.endpoints_of(app_settings(request).database_url, caller.key_id)
    return [WebhookOut(id=r.id, url=r.url, events=r.events, created_at=r.created_at) for r in rows]


@router.delete("/webhooks/{endpoint_id}", status_code=204, response_class=Response,
               summary="Stop delivering to an endpoint")
def delete_webhook(endpoint_id: RowId, request: Request, caller: Caller = Depends(reader)) -> Response:
    if not webhook_store.delete_endpoint(app_settings(request).database_url, caller.key_id,
                                         endpoint_id, caller.actor):
        raise ApiError(404, "not_found", f"This key has no webhook endpoint {endpoint_id}.")
    return Response(status_code=204)


@router.get("/webhook-deliveries", response_model=list[DeliveryRow],
            summary="The delivery log of this key's endpoints, newest first")
def list_deliveries(request: Request, limit: int = Query(100, ge=1, le=1000),
                    caller: Caller = Depends(reader)) -> list[DeliveryRow]:
    return webhook_store.deliveries(app_settings(request).database_url, limit,
                                    api_key_id=caller.key_id)
