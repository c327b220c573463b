"""Signed webhooks: events recorded as deliveries in the database, sent by an RQ job.

``emit`` writes one pending delivery per subscribed endpoint (an event is recorded at
most once per endpoint: its id is derived from what happened, e.g. ``run.ready`` of
run 7's attempt 2) and enqueues ``deliver`` for each. ``deliver`` signs the body with
the endpoint's secret (the Standard Webhooks scheme: ``webhook-id``,
``webhook-timestamp``, ``webhook-signature`` headers), POSTs it, and logs the outcome;
anything but a 2xx is retried by RQ's ``Retry`` with growing delays for about a day.
A delivery's RQ job is named after it, so ``recover_deliveries`` (part of every worker's
periodic recovery and of ``python -m engine recover``) can tell a pending delivery whose
job Redis lost, or that could not be enqueued, and enqueue it again.
Delivery to private, loopback or link-local addresses is refused (a server-side request
forgery guard) unless ``webhook_allow_private`` is set. Emitting never fails the caller:
a worker finishing a run must not fail because a webhook could not be recorded.
"""

from __future__ import annotations

import base64
import ipaddress
import json
import logging
import secrets
import socket
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from enum import StrEnum
from typing import Any
from urllib.parse import urlsplit

import httpx
import redis
from rq import Queue, Retry, get_current_job
from rq.job import Job, JobStatus
from standardwebhooks.webhooks import Webhook

from db import store
from db.store import webhooks as webhook_store
from db.models import DeliveryStatus, RunStatus
from engine.orchestration.queue import tailor_queue
from settings import Settings, load_settings

log = logging.getLogger(__name__)

DELIVER_FUNCTION = "engine.orchestration.webhooks.deliver"
# A delivery job in one of these states will still run (now, or at its next retry).
LIVE_STATES = frozenset({JobStatus.QUEUED, JobStatus.STARTED, JobStatus.SCHEDULED,
                         JobStatus.DEFERRED})
TIMEOUT_S = 10.0
# Delays between attempts, in units of webhook_retry_base_s (10 s by default): quick
# retries first, then hourly, 30 retries over about a day.
BACKOFF_STEPS = [1, 3, 9, 30, 90, 180] + [360] * 24


class WebhookEvent(StrEnum):
    BATCH_COMPLETED = "batch.completed"
    RUN_READY = "run.ready"
    RUN_FAILED = "run.failed"
    RUN_APPROVED = "run.approved"


class WebhookRefused(Exception):
    """A webhook URL Tailor will not deliver to; ``code`` names why."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def check_url(url: str, allow_private: bool) -> None:
    """Raise WebhookRefused unless ``url`` is http(s) to a public address (or any address
    when ``allow_private``). Every address the host resolves to is checked."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise WebhookRefused("webhook_url_invalid", "A webhook URL must be http:// or https:// "
                             "with a host name.")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        infos = socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)
    except (OSError, ValueError) as error:
        raise WebhookRefused("webhook_url_unresolvable",
                             f"The webhook host {parts.hostname!r} does not resolve: {error}") from None
    if allow_private:
        return
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not address.is_global or address.is_multicast:
            raise WebhookRefused(
                "webhook_url_private",
                f"The webhook host {parts.hostname!r} is a private, loopback or link-local "
                f"address ({address}); set TAILOR_WEBHOOK_ALLOW_PRIVATE to allow it.")


def retry_policy(settings: Settings, attempts_made: int = 0) -> Retry | None:
    """RQ's retries of a delivery with ``attempts_made`` attempts behind it: the rest of
    the backoff steps (None when none is left)."""
    base = settings.webhook_retry_base_s
    steps = BACKOFF_STEPS[attempts_made:]  # the attempt it makes now is not a retry
    if not steps:
        return None
    return Retry(max=len(steps), interval=[max(1, round(step * base)) for step in steps])


def delivery_job_id(settings: Settings, delivery_id: int) -> str:
    """The RQ job id of a delivery: recovery looks it up to see whether it is alive."""
    return f"webhook-{settings.queue_name}-{delivery_id}"


def enqueue_delivery(settings: Settings, queue: Queue, delivery_id: int,
                     attempts_made: int = 0) -> None:
    queue.enqueue(DELIVER_FUNCTION, delivery_id, job_id=delivery_job_id(settings, delivery_id),
                  retry=retry_policy(settings, attempts_made), job_timeout=60,
                  result_ttl=3600, failure_ttl=7 * 24 * 3600,
                  description=f"webhook delivery {delivery_id}")


# ---------------------------------------------------------------- emitting


def emit(settings: Settings, event: WebhookEvent, event_id: str, data: dict[str, Any],
         connection: redis.Redis | None = None) -> int:
    """Record ``event`` for every subscribed endpoint and enqueue its delivery. Returns
    how many deliveries were enqueued; never raises (the failure is logged)."""
    try:
        endpoints = webhook_store.subscribed_endpoint_ids(settings.database_url, event.value)
        if not endpoints:
            return 0
        payload = {"type": event.value, "timestamp": datetime.now(timezone.utc).isoformat(),
                   "data": data}
        ids = webhook_store.insert_deliveries(settings.database_url, endpoints, event_id,
                                          event.value, payload)
        queue = tailor_queue(settings, connection)
        for delivery_id in ids:
            enqueue_delivery(settings, queue, delivery_id)
        return len(ids)
    except Exception:  # noqa: BLE001 - a webhook must never fail the work that emitted it
        log.exception("webhook %s %s could not be recorded or enqueued", event.value, event_id)
        return 0


def run_data(run: store.RunRecord) -> dict[str, Any]:
    return {"run_id": run.id, "batch_id": run.batch_id, "candidate_id": run.candidate_id,
            "status": run.status, "attempt": run.attempt,
            "error": ({"code": run.error_code, "message": run.error_message}
                      if run.error_code else None),
            "score_before": run.score_before, "score_after": run.score_after,
            "url": f"/v1/runs/{run.id}"}


RUN_EVENTS = {WebhookEvent.RUN_READY.value, WebhookEvent.RUN_FAILED.value,
              WebhookEvent.BATCH_COMPLETED.value}


def _wanted(settings: Settings, events: set[str]) -> bool:
    """Whether some endpoint subscribes to one of ``events`` (True when that cannot be
    read: ``emit`` then says why)."""
    try:
        return bool(webhook_store.subscribed_events(settings.database_url) & events)
    except Exception:  # noqa: BLE001 - see emit
        return True


def emit_outcome(settings: Settings, run_id: int, outcome: str,
                 connection: redis.Redis | None = None) -> None:
    """What a live job calls as each run it took on ends: ``emit_outcomes`` of one run."""
    emit_outcomes(settings, {run_id: outcome}, connection)


def emit_outcomes(settings: Settings, outcomes: Mapping[int, str],
                  connection: redis.Redis | None = None) -> None:
    """The events of runs that ended, whichever mode ran them (a live job, an Economy
    poll): run.ready or run.failed for each finished one, then batch.completed once for
    each batch they completed. Runs put back in the queue or lost to another job send
    nothing: whoever finishes them does."""
    finished = [r for r, o in outcomes.items() if o in (RunStatus.READY, RunStatus.FAILED)]
    if not finished or not _wanted(settings, RUN_EVENTS):
        return  # nothing to send: no run is read (a worker calls this for every run)
    batch_ids: set[int] = set()
    for run_id in finished:
        batch_id = emit_run_finished(settings, run_id, connection)
        if batch_id is not None:
            batch_ids.add(batch_id)
    for batch_id in sorted(batch_ids):
        emit_batch_completed(settings, batch_id, connection)


def emit_run_finished(settings: Settings, run_id: int,
                      connection: redis.Redis | None = None) -> int | None:
    """run.ready or run.failed for the run's current attempt; returns its batch id (None
    when the run could not be read)."""
    try:
        run = store.load_run(settings.database_url, run_id)
    except Exception:  # noqa: BLE001 - see emit
        log.exception("webhook: run %s could not be read", run_id)
        return None
    event = {RunStatus.READY: WebhookEvent.RUN_READY,
             RunStatus.FAILED: WebhookEvent.RUN_FAILED}.get(RunStatus(run.status))
    if event is not None:
        emit(settings, event, f"{event.value}:{run_id}:{run.attempt}", run_data(run), connection)
    return run.batch_id


def emit_batch_completed(settings: Settings, batch_id: int,
                         connection: redis.Redis | None = None) -> None:
    """batch.completed once no run of the batch is left to finish: ``status`` is
    ``completed``, or ``cancelled`` when it was cancelled (its unstarted runs counted as
    ``cancelled``). A batch resumed or retried can complete again: the event id names its
    counts and attempts, so each completion is one event."""
    try:
        if not webhook_store.subscribed_endpoint_ids(settings.database_url,
                                                 WebhookEvent.BATCH_COMPLETED.value):
            return
        counts = store.batch_counts(settings.database_url, batch_id)
    except Exception:  # noqa: BLE001 - see emit
        log.exception("webhook: batch %s could not be read", batch_id)
        return
    if counts.done != counts.total:
        return
    status = "cancelled" if counts.cancelled or counts.by_status[RunStatus.CANCELLED] else "completed"
    by_status = {k: v for k, v in counts.by_status.items() if v}
    data = {"batch_id": batch_id, "status": status, "total": counts.total, "counts": by_status,
            "cost_usd": counts.cost_usd, "url": f"/v1/batches/{batch_id}"}
    tally = ",".join(f"{k}={v}" for k, v in sorted(by_status.items()))
    emit(settings, WebhookEvent.BATCH_COMPLETED,
         f"batch.completed:{batch_id}:{tally}:{_attempts(settings, batch_id)}", data, connection)


def _attempts(settings: Settings, batch_id: int) -> int:
    return sum(r.attempt for r in store.run_steps(settings.database_url, batch_id))


def emit_run_approved(settings: Settings, run_id: int, version: int, reviewer: str) -> None:
    try:
        run = store.load_run(settings.database_url, run_id)
    except Exception:  # noqa: BLE001 - see emit
        log.exception("webhook: run %s could not be read", run_id)
        return
    data = {**run_data(run), "version": version, "reviewer": reviewer}
    emit(settings, WebhookEvent.RUN_APPROVED, f"run.approved:{run_id}:{version}", data)


# ---------------------------------------------------------------- recovering


def recover_deliveries(settings: Settings, connection: redis.Redis | None = None,
                       now: datetime | None = None) -> list[int]:
    """Enqueue again each pending delivery idle for ``webhook_recover_after_s`` whose RQ
    job is gone (Redis flushed or restarted, the enqueue failed, RQ gave up on a killed
    worker's job); one with no attempt left is marked failed. Returns the re-enqueued
    ids. Safe from many workers at once: a short Redis lock per delivery lets one of
    them enqueue it, and a receiver drops a repeat by its ``webhook-id`` anyway."""
    now = now or datetime.now(timezone.utc)
    idle = webhook_store.idle_pending_deliveries(
        settings.database_url, now - timedelta(seconds=settings.webhook_recover_after_s))
    if not idle:
        return []
    queue = tailor_queue(settings, connection)
    job_ids = [delivery_job_id(settings, d) for d, _ in idle]
    jobs = Job.fetch_many(job_ids, connection=queue.connection)
    recovered = []
    for (delivery_id, attempts), job_id, job in zip(idle, job_ids, jobs):
        if job is not None and job.get_status(refresh=False) in LIVE_STATES:
            continue
        if attempts > len(BACKOFF_STEPS):  # every attempt made, the last one lost
            webhook_store.record_attempt(settings.database_url, delivery_id, DeliveryStatus.FAILED,
                                         None, "delivery lost with no attempt left")
            continue
        lock = f"{queue.key}:webhook-recovery:{delivery_id}"
        if queue.connection.set(lock, "1", nx=True, ex=max(1, round(settings.webhook_recover_after_s))):
            enqueue_delivery(settings, queue, delivery_id, attempts)
            recovered.append(delivery_id)
    if recovered:
        log.info("webhook recovery: re-enqueued deliveries %s", recovered)
    return recovered


# ---------------------------------------------------------------- delivering


class DeliveryFailed(Exception):
    """Raised out of the RQ job so that its Retry sends the delivery again later."""


def deliver(delivery_id: int) -> str:
    """The RQ job: send one delivery once. Returns its status; raises DeliveryFailed
    while retries are left."""
    settings = load_settings()
    found = webhook_store.delivery_to_send(settings.database_url, delivery_id)
    if found is None:
        return "skipped"  # delivered already, or its endpoint was deleted
    delivery, url, secret = found
    try:
        check_url(url, settings.webhook_allow_private)
    except WebhookRefused as refused:
        webhook_store.record_attempt(settings.database_url, delivery_id, DeliveryStatus.FAILED,
                                 None, f"{refused.code}: {refused.message}")
        return DeliveryStatus.FAILED.value
    status_code, error = send(url, secret, delivery["event_id"], delivery["payload"])
    if error is None:
        webhook_store.record_attempt(settings.database_url, delivery_id, DeliveryStatus.DELIVERED,
                                 status_code, None)
        return DeliveryStatus.DELIVERED.value
    job = get_current_job()
    last = job is None or not job.retries_left
    webhook_store.record_attempt(settings.database_url, delivery_id,
                             DeliveryStatus.FAILED if last else DeliveryStatus.PENDING,
                             status_code, error)
    if last:
        return DeliveryStatus.FAILED.value
    raise DeliveryFailed(f"delivery {delivery_id} to {url}: {error}")


def send(url: str, secret: str, event_id: str, payload: dict[str, Any]) -> tuple[int | None, str | None]:
    """POST the signed payload. Returns (HTTP status, None) on a 2xx, else (status or None,
    what went wrong). Redirects are not followed (they could lead to a refused address)."""
    body = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
    now = datetime.now(timezone.utc)
    headers = {
        "content-type": "application/json",
        "webhook-id": event_id,
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": Webhook(secret).sign(event_id, now, body),
        "user-agent": "Tailor-Webhooks/1",
    }
    try:
        response = httpx.post(url, content=body.encode(), headers=headers, timeout=TIMEOUT_S,
                              follow_redirects=False)
    except httpx.HTTPError as error:
        return None, f"{type(error).__name__}: {error}"[:500]
    if 200 <= response.status_code < 300:
        return response.status_code, None
    return response.status_code, f"HTTP {response.status_code}: {response.text[:200]}"
