"""Signed webhooks end to end: a receiver on 127.0.0.1 checks every signature, answers
500 once (the delivery comes again), and then sees each event exactly once."""

from __future__ import annotations

import time

import pytest

from db.models import ApiScope
from engine.orchestration.webhooks import WebhookRefused, check_url
from tests.api.conftest import new_batch_body, wait_for
from tests.support.webhook_receiver import WebhookReceiver, as_json

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
