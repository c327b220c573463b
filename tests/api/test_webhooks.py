"""Signed webhooks end to end: a receiver on 127.0.0.1 checks every signature, answers
500 once (the delivery comes again), and then sees each event exactly once."""

from __future__ import annotations

import time

import pytest
from rq.job import Job

from db.models import ApiScope
from db.store import webhooks as webhook_store
from engine.orchestration import webhooks
from engine.orchestration.batches import recover
from engine.orchestration.queue import redis_connection
from engine.orchestration.webhooks import WebhookEvent, WebhookRefused, check_url
from tests.api.conftest import new_batch_body, wait_for
from tests.support.batches import free_port
from tests.support.webhook_receiver import WebhookReceiver, as_json, subscribe

ALL_EVENTS = ["batch.completed", "run.ready", "run.failed", "run.approved"]


@pytest.fixture
def receiver():
    receiver = WebhookReceiver(fail_first=1)
    yield receiver
    receiver.stop()


def test_signed_deliveries_retried_after_500_and_each_event_once(api, receiver):
    client = api.client(api.key(ApiScope.REVIEW, name="platform"))
    registered = client.post("/v1/webhooks", json={"url": receiver.url, "events": ALL_EVENTS})
    assert registered.status_code == 201, registered.text
    receiver.secret = registered.json()["secret"]
    assert receiver.secret.startswith("whsec_")
    assert "secret" not in client.get("/v1/webhooks").json()[0]

    batch = client.post("/v1/batches", json=new_batch_body(["1", "2"])).json()
    api.tailor.worker()
    wait_for(lambda: client.get(batch["url"]).json()["finished"], what="the batch to finish")
    run_id = client.get(batch["runs_url"]).json()["items"][0]["id"]
    assert client.post(f"/v1/runs/{run_id}/approve", json={}).status_code == 200

    wanted = {"run.ready": 2, "batch.completed": 1, "run.approved": 1}
    wait_for(lambda: len(receiver.delivered()) >= sum(wanted.values()), timeout=60,
             what="every event to be delivered")
    time.sleep(2)  # room for a duplicate to show up, were one sent
    delivered = receiver.delivered()
    assert receiver.bad_signatures == 0
    ids = [r.event_id for r in delivered]
    assert len(ids) == len(set(ids)) == 4, as_json(receiver.received)
    assert {t: [r.event_type for r in delivered].count(t) for t in wanted} == wanted
    first = receiver.received[0]
    assert first.answered == 500 and first.event_id in ids  # retried, then delivered
    approved = next(r for r in delivered if r.event_type == "run.approved")
    assert approved.data["run_id"] == run_id and approved.data["reviewer"] == "api:platform"
    completed = next(r for r in delivered if r.event_type == "batch.completed")
    assert completed.data == {**completed.data, "batch_id": batch["id"], "total": 2,
                              "counts": {"ready": 2}}

    log = client.get("/v1/webhook-deliveries").json()
    assert {d["status"] for d in log} == {"delivered"} and len(log) == 4
    retried = next(d for d in log if d["event_id"] == first.event_id)
    assert retried["attempts"] == 2 and retried["last_status_code"] == 200


def test_private_addresses_are_refused_unless_allowed(servers, receiver):
    servers().tailor.env["TAILOR_WEBHOOK_ALLOW_PRIVATE"] = "0"
    strict = servers()
    client = strict.client(strict.key(ApiScope.READ))
    refused = client.post("/v1/webhooks", json={"url": receiver.url, "events": ["run.ready"]})
    assert refused.status_code == 422 and refused.json()["code"] == "webhook_url_private"
    for url in ("http://127.0.0.1/x", "http://10.1.2.3/", "http://169.254.169.254/latest",
                "http://[::1]:8080/", "http://192.168.0.5/"):
        with pytest.raises(WebhookRefused) as error:
            check_url(url, allow_private=False)
        assert error.value.code == "webhook_url_private", url
        check_url(url, allow_private=True)
    with pytest.raises(WebhookRefused) as error:
        check_url("ftp://example.com/", allow_private=True)
    assert error.value.code == "webhook_url_invalid"
    check_url("http://8.8.8.8/hook", allow_private=False)


def test_deliveries_whose_job_was_lost_are_recovered_and_delivered_once(api, receiver):
    """Redis lost one delivery's job, another could not be enqueued at all (Redis down
    when the event happened): a worker's recovery sends each once; a delivery whose job
    is still queued is left to that job."""
    api.tailor.env["TAILOR_WEBHOOK_RECOVER_AFTER_S"] = "1"
    settings = api.tailor.settings
    receiver.fail_first = 0
    subscribe(settings, receiver, ["run.approved"])
    data = {"run_id": 1, "url": "/v1/runs/1"}
    assert webhooks.emit(settings, WebhookEvent.RUN_APPROVED, "run.approved:lost", data) == 1
    Job.fetch(webhooks.delivery_job_id(settings, 1), connection=redis_connection(settings)).delete()
    redis_down = settings.model_copy(update={"redis_url": f"redis://127.0.0.1:{free_port()}/0"})
    assert webhooks.emit(redis_down, WebhookEvent.RUN_APPROVED, "run.approved:unqueued", data) == 0
    assert webhooks.emit(settings, WebhookEvent.RUN_APPROVED, "run.approved:queued", data) == 1
    time.sleep(1.2)
    # No worker yet: what recovery would enqueue again, twice in a row, is the two lost ones.
    assert webhooks.recover_deliveries(settings) == [1, 2]
    assert webhooks.recover_deliveries(settings) == []  # their new jobs are alive
    api.tailor.worker()
    wait_for(lambda: len(receiver.delivered()) >= 3, timeout=60, what="three deliveries")
    time.sleep(1.5)  # room for a duplicate to show up, were one sent
    assert recover(settings).redelivered == []
    ids = [r.event_id for r in receiver.received]
    assert sorted(ids) == ["run.approved:lost", "run.approved:queued", "run.approved:unqueued"]
    assert receiver.bad_signatures == 0
    log = webhook_store.deliveries(settings.database_url)
    assert [(d.status, d.attempts) for d in log] == [("delivered", 1)] * 3
