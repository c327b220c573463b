"""GET /v1/runs/{id}/document in each template, through HTTP: the named templates carry
the candidate's name on page 1, the anonymised one neither name nor email and a neutral
file name; `standard` still means classic; the OpenAPI document lists the templates; a
resume over the rendering budget is a JSON error, not a crash."""

from __future__ import annotations

import io

import docx
import pymupdf

from db.models import ApiScope
from tests.api.conftest import new_batch_body, start_server, wait_for
from tests.support.batches import Tailor


def approved_run(api) -> tuple[object, dict]:
    client = api.client(api.key(ApiScope.REVIEW))
    batch = client.post("/v1/batches", json=new_batch_body(["1"])).json()
    api.tailor.worker()
    wait_for(lambda: client.get(batch["url"]).json()["finished"], what="the batch to finish")
    run = client.get(client.get(batch["runs_url"]).json()["items"][0]["url"]).json()
    assert client.post(f"/v1/runs/{run['id']}/approve", json={}).status_code == 200
    return client, run


def test_each_template_as_pdf_and_docx(api):
    client, run = approved_run(api)
    name, email = run["tailored_resume"]["name"], run["tailored_resume"]["email"]
    url = f"/v1/runs/{run['id']}/document"
    for template in ("classic", "modern", "anonymised", "standard"):
        pdf = client.get(url, params={"template": template})
        assert pdf.status_code == 200, pdf.text
        with pymupdf.open(stream=pdf.content, filetype="pdf") as document:
            first = " ".join(document[0].get_text().split())
            text = " ".join(" ".join(p.get_text() for p in document).split())
        word = client.get(url, params={"template": template, "format": "docx"})
        body = "\n".join(p.text for p in docx.Document(io.BytesIO(word.content)).paragraphs)
        disposition = pdf.headers["content-disposition"]
        if template == "anonymised":
            assert name not in text and email not in text and name not in body
            assert f'filename="candidate-C-{run["id"]:05d}.pdf"' in disposition
        else:
            assert name in first and name in body
            assert name.split()[0] in disposition

    wrong = client.get(url, params={"template": "fancy"})
    assert wrong.status_code == 422
    assert wrong.json()["details"][0]["field"] == "query.template"

    schema = client.get("/openapi.json").json()
    parameters = schema["paths"]["/v1/runs/{run_id}/document"]["get"]["parameters"]
    template = next(p for p in parameters if p["name"] == "template")["schema"]
    assert schema["components"]["schemas"][template["$ref"].rsplit("/", 1)[1]]["enum"] == [
        "classic", "modern", "anonymised"]

    tight = start_server(Tailor({**api.tailor.env, "TAILOR_PARSE_SECONDS": "0.01"}))
    try:
        over = api.client(api.key(ApiScope.READ)).get(
            f"{tight.base_url}{url}", params={"template": "modern"})
    finally:
        tight.stop()
    assert over.status_code == 422, over.text
    assert over.json()["code"] == "resume_too_complex"
    assert "too large to render as PDF" in over.json()["message"]
