"""The whole flow through HTTP with one API key: start a batch, poll it to done, read a
run, approve it, download its PDF and DOCX; the same Idempotency-Key starts one batch."""

from __future__ import annotations

import sqlalchemy as sa

from db.connection import get_engine
from db.models import ApiScope, AuditEvent, Batch
from tests.api.conftest import new_batch_body, wait_for


def test_batch_to_approved_pdf(api):
    key_name = "platform"
    client = api.client(api.key(ApiScope.REVIEW, name=key_name))
    body = new_batch_body(["1", "2", "3"])
    first = client.post("/v1/batches", json=body, headers={"Idempotency-Key": "order-77"})
    assert first.status_code == 202, first.text
    batch = first.json()
    assert batch["url"] == f"/v1/batches/{batch['id']}"
    assert first.headers["location"] == batch["url"]
    again = client.post("/v1/batches", json=body, headers={"Idempotency-Key": "order-77"})
    assert again.status_code == 202 and again.json()["id"] == batch["id"]
    other = client.post("/v1/batches", json=new_batch_body(["4"]),
                        headers={"Idempotency-Key": "order-77"})
    assert other.status_code == 409 and other.json()["code"] == "idempotency_key_reused"
    url = api.tailor.settings.database_url
    with get_engine(url).connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(Batch)).scalar() == 1

    # Offline, an estimate costs nothing and offers no Economy.
    estimate = client.post("/v1/estimates", json=new_batch_body(["1", "2", "3"])).json()
    assert estimate["candidates"] == 3 and estimate["optimizer"] == "offline"
    assert estimate["fast_usd"] == 0 and estimate["economy_usd"] is None

    queued = client.get(batch["url"]).json()
    assert queued["total"] == 3 and not queued["finished"]
    api.tailor.worker()
    done = wait_for(lambda: (p := client.get(batch["url"]).json())["finished"] and p,
                    what="the batch to finish")
    assert done["counts"]["ready"] == 3, done

    runs = client.get(batch["runs_url"], params={"page_size": 2}).json()
    assert runs["total"] == 3 and len(runs["items"]) == 2
    assert [r["candidate_id"] for r in runs["items"]] == ["1", "2"]
    run = client.get(runs["items"][0]["url"]).json()
    assert run["status"] == "ready" and run["error"] is None and run["step"] is None
    assert run["tailored_resume"]["name"] and run["scores"]["after"]
    assert isinstance(run["edits"], list) and isinstance(run["claim_findings"], list)

    not_yet = client.get(f"/v1/runs/{run['id']}/document")
    assert not_yet.status_code == 409 and not_yet.json()["code"] == "not_approved"
    approved = client.post(f"/v1/runs/{run['id']}/approve", json={"note": "good"})
    assert approved.status_code == 200, approved.text
    assert approved.json() == {"run_id": run["id"], "decision": "approved", "version": 1}
    assert client.get(f"/v1/runs/{run['id']}").json()["decision"] == "approved"

    pdf = client.get(f"/v1/runs/{run['id']}/document", params={"format": "pdf"})
    assert pdf.status_code == 200 and pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    docx = client.get(f"/v1/runs/{run['id']}/document", params={"format": "docx"})
    assert docx.status_code == 200 and docx.content.startswith(b"PK")

    rejected = client.post(f"/v1/runs/{runs['items'][1]['url'].rsplit('/', 1)[1]}/reject", json={})
    assert rejected.status_code == 200 and rejected.json()["decision"] == "rejected"

    with get_engine(url).connect() as conn:
        actions = {a for a, in conn.execute(
            sa.select(AuditEvent.action).where(AuditEvent.actor == f"api:{key_name}"))}
    assert {"batch_started", "run_approved", "run_rejected"} <= actions


def test_batch_by_search_with_a_saved_job_description_then_cancel(api):
    client = api.client(api.key(ApiScope.RUN))
    saved = client.post("/v1/job-descriptions", json={"title": "Backend", "text": new_batch_body(
        [])["job_description"]["text"]})
    assert saved.status_code == 201, saved.text
    listed = client.get("/v1/job-descriptions").json()
    assert saved.json()["id"] in [j["id"] for j in listed["items"]]
    candidates = client.get("/v1/candidates", params={"page_size": 2}).json()
    assert candidates["total"] == 6 and len(candidates["items"]) == 2
    name = candidates["items"][0]["name"]
    found = client.get("/v1/candidates", params={"search": name}).json()
    assert name in [c["name"] for c in found["items"]]
    started = client.post("/v1/batches", json={"search": name,
                                               "job_description_id": saved.json()["id"]})
    assert started.status_code == 202, started.text
    batch_url = started.json()["url"]
    assert client.get(batch_url).json()["total"] == found["total"]
    cancelled = client.post(f"{batch_url}/cancel")
    assert cancelled.status_code == 200 and cancelled.json()["runs_cancelled"] == found["total"]
    assert client.get(batch_url).json()["cancelled"] is True
    retried = client.post(f"{batch_url}/retry-failed")
    assert retried.status_code == 200 and retried.json()["retried"] == 0


def test_errors_have_one_shape_and_name_the_field(api):
    client = api.client(api.key(ApiScope.REVIEW))
    missing = client.get("/v1/batches/999999")
    assert missing.status_code == 404
    assert missing.json() == {"code": "not_found", "message": "Batch 999999 does not exist.",
                              "details": None}
    wrong = client.post("/v1/batches", json={"candidate_ids": "1", "job_description_id": 1})
    assert wrong.status_code == 422 and wrong.json()["code"] == "validation_error"
    assert [d["field"] for d in wrong.json()["details"]] == ["body.candidate_ids"]
    neither = client.post("/v1/batches", json={"job_description_id": 1})
    assert neither.status_code == 422
    assert "exactly one of candidate_ids and search" in neither.json()["details"][0]["message"]
    bad_page = client.get("/v1/candidates", params={"page_size": 0})
    assert [d["field"] for d in bad_page.json()["details"]] == ["query.page_size"]
    nobody = client.post("/v1/batches", json=new_batch_body(["no-such-person"]))
    assert nobody.status_code == 404 and "None of the selected candidates" in nobody.json()["message"]
    not_ready = client.post("/v1/runs/999999/approve", json={})
    assert not_ready.status_code == 404 and not_ready.json()["code"] == "not_found"
