"""Approving through the API with the Review page's choices: the edits listed with their
ids, kinds, texts, reasons and line ids; approve with an edit rejected and a line in the
reviewer's own words; the approved resume (and the document rendered from it) is exactly
what those choices give; unknown ids and contradictory bodies are 422s naming what is
wrong, and decide nothing."""

from __future__ import annotations

import io

import docx
import pymupdf

import sqlalchemy as sa

from db import store
from db.connection import get_engine
from db.models import ApiScope, AuditEvent
from db.queries import approved_resume
from engine.orchestration.review import ReviewChoice, reviewed_resume
from tests.api.conftest import new_batch_body, wait_for

OWN_TEXT = "Rewrote the on-call handbook for the whole platform team"


def ready_run(api) -> tuple[object, int]:
    """A review-scope client and a ready run whose edits include a summary rewrite
    (candidate 2's, with the offline optimizer)."""
    client = api.client(api.key(ApiScope.REVIEW))
    batch = client.post("/v1/batches", json=new_batch_body(["2"])).json()
    api.tailor.worker()
    wait_for(lambda: client.get(batch["url"]).json()["finished"], what="the batch to finish")
    return client, client.get(batch["runs_url"]).json()["items"][0]["id"]


def document_text(client, run_id: int) -> tuple[str, str]:
    """The approved resume as rendered: the PDF's and the DOCX's text, spaces collapsed."""
    url = f"/v1/runs/{run_id}/document"
    pdf, word = client.get(url), client.get(url, params={"format": "docx"})
    assert pdf.status_code == 200 and word.status_code == 200, pdf.text
    with pymupdf.open(stream=pdf.content, filetype="pdf") as document:
        pdf_text = " ".join(" ".join(page.get_text() for page in document).split())
    paragraphs = docx.Document(io.BytesIO(word.content)).paragraphs
    return pdf_text, " ".join(" ".join(p.text for p in paragraphs).split())


def test_approve_with_a_rejected_edit_and_an_own_line(api):
    client, run_id = ready_run(api)
    listed = client.get(f"/v1/runs/{run_id}/edits")
    assert listed.status_code == 200, listed.text
    choices = listed.json()
    assert choices["run_id"] == run_id and choices["approved"] is None
    edits = choices["edits"]
    assert edits and all(set(e) == {"id", "kind", "line_id", "before", "after", "reason",
                                    "position"} for e in edits)
    summary = next(e for e in edits if e["kind"] == "summary")
    assert summary["line_id"] == "summary" and summary["after"] != summary["before"]
    lines = {line["id"]: line["text"] for line in choices["lines"]}
    assert lines.get("summary", "") == summary["before"]  # an added summary: ""
    own_line = next(k for k in lines if k.startswith("experience."))

    accepted = [e["id"] for e in edits if e["id"] != summary["id"]]
    approved = client.post(f"/v1/runs/{run_id}/approve", json={
        "accepted_edits": accepted, "lines": {own_line: OWN_TEXT}, "note": "summary too vague"})
    assert approved.status_code == 200, approved.text
    assert approved.json() == {"run_id": run_id, "decision": "approved", "version": 1}

    # Exactly what the Review page approves with the same choice (the same code path).
    settings = api.tailor.settings
    run = store.load_run(settings.database_url, run_id)
    expected = reviewed_resume(run, ReviewChoice(frozenset(accepted), {own_line: OWN_TEXT}))
    assert approved_resume(settings.database_url, run_id) == expected.model_dump(mode="json")
    with get_engine(settings.database_url).connect() as conn:
        actor, detail = conn.execute(sa.select(AuditEvent.actor, AuditEvent.detail).where(
            AuditEvent.run_id == run_id, AuditEvent.action == "run_approved")).one()
    assert actor.startswith("api:") and detail["edited"] is True
    assert detail["rejected_edits"] == [summary["id"]] and detail["edited_lines"] == [own_line]

    pdf_text, docx_text = document_text(client, run_id)
    rejected_words = " ".join(summary["after"].split())
    for text in (pdf_text, docx_text):
        assert rejected_words not in text and rejected_words[:40] not in text
        assert " ".join(summary["before"].split()) in text and OWN_TEXT in text
        assert " ".join(lines[own_line].split()) not in text

    reopened = client.get(f"/v1/runs/{run_id}/edits").json()["approved"]
    assert reopened == {"accepted_edits": sorted(accepted), "lines": {own_line: OWN_TEXT}}

    # Lines alone keep every edit (the default): the summary rewrite is back.
    again = client.post(f"/v1/runs/{run_id}/approve", json={"lines": {own_line: OWN_TEXT}})
    assert again.status_code == 200 and again.json()["version"] == 2, again.text
    assert sorted(client.get(f"/v1/runs/{run_id}/edits").json()["approved"]["accepted_edits"]) \
        == sorted(e["id"] for e in edits)
    assert rejected_words in document_text(client, run_id)[1]


def test_unknown_ids_and_contradictory_bodies_are_refused(api):
    client, run_id = ready_run(api)
    url = f"/v1/runs/{run_id}/approve"
    edits = client.get(f"/v1/runs/{run_id}/edits").json()["edits"]

    unknown_edit = client.post(url, json={"accepted_edits": [edits[0]["id"], "e999"]})
    assert unknown_edit.status_code == 422, unknown_edit.text
    error = unknown_edit.json()
    assert error["code"] == "validation_error" and "'e999'" in error["message"]
    assert [d["field"] for d in error["details"]] == ["body.accepted_edits.1"]

    unknown_line = client.post(url, json={"lines": {"experience.99.0": "Ran everything"}})
    assert unknown_line.status_code == 422
    assert [d["field"] for d in unknown_line.json()["details"]] == ["body.lines.experience.99.0"]
    assert "'experience.99.0'" in unknown_line.json()["message"]

    tailored = client.get(f"/v1/runs/{run_id}").json()["tailored_resume"]
    both = client.post(url, json={"resume": tailored, "accepted_edits": []})
    assert both.status_code == 422
    assert "either resume or accepted_edits/lines, not both" in both.json()["details"][0]["message"]

    blank = client.post(url, json={"lines": {"summary": "   "}})
    assert blank.status_code == 422 and "'summary'" in blank.json()["details"][0]["message"]
    assert blank.json()["details"][0]["field"] == "body.lines"
    null = client.post(url, json={"accepted_edits": None})
    assert null.status_code == 422
    assert [d["field"] for d in null.json()["details"]] == ["body.accepted_edits"]

    assert client.get(f"/v1/runs/{run_id}").json()["decision"] is None  # nothing decided
    missing = client.get("/v1/runs/999999/edits")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"

    schema = client.get("/openapi.json").json()
    assert "/v1/runs/{run_id}/edits" in schema["paths"]
    approval = schema["components"]["schemas"]["Approval"]
    assert {"accepted_edits", "lines", "resume", "note"} <= set(approval["properties"])
