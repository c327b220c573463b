"""Gemini Batch Mode on the fake server: the REST endpoints ``client.batches`` and
``client.files`` use (paths and bodies as in google-genai 3.4's ``batches.py`` and
``files.py``), plugged into ``tests.support.fake_gemini`` by its handler.

    POST /v1beta/models/{model}:batchGenerateContent   create (inlined requests or a file)
    GET  /v1beta/batches/{id}                           get
    GET  /v1beta/batches                                list
    POST /v1beta/batches/{id}:cancel                    cancel
    POST /upload/v1beta/files (+ the upload URL)        Files API resumable upload
    GET  /v1beta/files/{id}:download?alt=media          a results file (JSONL)

Each request of a job is answered by the fake's own ``respond`` (same answers, same
queued faults: a pushed "server_error" becomes that request's error), when the job
finishes: ``job_delay_s`` after it was created. Control:

    batches = fake_batches(fake)
    batches.job_delay_s = 0.5
    batches.finish_as = "BATCH_STATE_FAILED"      # or EXPIRED: the next jobs end so
    batches.results_as_file = True                # answers in a JSONL file, not inline
"""

from __future__ import annotations

import json
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler
from typing import Any

from tests.support.fake_gemini import FakeGemini, FakeRequest, _error

_CREATE = re.compile(r"^/v1(?:beta)?/models/([^/:]+):batchGenerateContent$")
_GET = re.compile(r"^/v1(?:beta)?/batches/([^/:]+)$")
_CANCEL = re.compile(r"^/v1(?:beta)?/batches/([^/:]+):cancel$")
_LIST = re.compile(r"^/v1(?:beta)?/batches$")
_UPLOAD_START = re.compile(r"^/upload/v1(?:beta)?/files$")
_UPLOAD_SESSION = re.compile(r"^/upload-session/([\w-]+)$")
_DOWNLOAD = re.compile(r"^(?:/download)?/v1(?:beta)?/files/([^/:]+):download$")
DONE_STATES = frozenset({"BATCH_STATE_SUCCEEDED", "BATCH_STATE_FAILED",
                         "BATCH_STATE_CANCELLED", "BATCH_STATE_EXPIRED"})


def _now_iso() -> str:
    return datetime.now(timezone.utc).isoformat().replace("+00:00", "Z")


@dataclass
class FakeBatchJob:
    name: str
    model: str
    display_name: str
    requests: list[dict[str, Any]]  # {"request": GenerateContentRequest, "metadata": {...}}
    created: float
    create_time: str
    finish_as: str
    results_as_file: bool
    state: str = "BATCH_STATE_PENDING"
    output: dict[str, Any] | None = None
    end_time: str | None = None


@dataclass
class FakeBatches:
    fake: FakeGemini
    job_delay_s: float = 0.0
    finish_as: str = "BATCH_STATE_SUCCEEDED"  # how the next created jobs end
    results_as_file: bool = False
    jobs: dict[str, FakeBatchJob] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)  # uploaded and result files
    created: list[str] = field(default_factory=list)  # job names, in creation order

    def __post_init__(self) -> None:
        self._lock = threading.Lock()
        self._uploads: dict[str, dict[str, Any]] = {}

    # -- the job's life

    def create(self, model: str, body: dict[str, Any]) -> dict[str, Any]:
        batch = body.get("batch") or {}
        source = batch.get("inputConfig") or {}
        if "fileName" in source:
            lines = self.files[source["fileName"]].decode().splitlines()
            requests = [{"request": (item := json.loads(line))["request"],
                         "metadata": {"key": item.get("key")}} for line in lines if line.strip()]
        else:
            requests = (source.get("requests") or {}).get("requests") or []
        name = f"batches/{uuid.uuid4().hex[:12]}"
        job = FakeBatchJob(name=name, model=f"models/{model}",
                           display_name=batch.get("displayName", ""), requests=requests,
                           created=time.monotonic(), create_time=_now_iso(),
                           finish_as=self.finish_as, results_as_file=self.results_as_file)
        with self._lock:
            self.jobs[name] = job
            self.created.append(name)
        return self._operation(job)

    def get(self, name: str) -> dict[str, Any] | None:
        job = self.jobs.get(name)
        if job is None:
            return None
        if job.state not in DONE_STATES and time.monotonic() - job.created >= self.job_delay_s:
            self._finish(job)
        return self._operation(job)

    def cancel(self, name: str) -> bool:
        job = self.jobs.get(name)
        if job is None:
            return False
        if job.state not in DONE_STATES:
            job.state, job.end_time = "BATCH_STATE_CANCELLED", _now_iso()
        return True

    def _finish(self, job: FakeBatchJob) -> None:
        with self._lock:
            if job.state in DONE_STATES:
                return
            job.state = job.finish_as
            job.end_time = _now_iso()
        if job.finish_as != "BATCH_STATE_SUCCEEDED":
            return
        answers = [self._answer(job, item) for item in job.requests]
        if job.results_as_file:
            file_name = f"files/results-{uuid.uuid4().hex[:10]}"
            self.files[file_name] = "".join(
                json.dumps({"key": (item.get("metadata") or {}).get("key"),
                            **{k: v for k, v in answer.items() if k != "metadata"}}) + "\n"
                for item, answer in zip(job.requests, answers)).encode()
            job.output = {"responsesFile": file_name}
        else:
            job.output = {"inlinedResponses": {"inlinedResponses": answers}}

    def _answer(self, job: FakeBatchJob, item: dict[str, Any]) -> dict[str, Any]:
        """One request answered as a live call would be; an error status is its error."""
        model = job.model.split("/", 1)[-1]
        request = FakeRequest(f"/{job.name}", model, {}, item["request"], time.time())
        status, payload = self.fake.respond(request)
        body = json.loads(payload)
        answer: dict[str, Any] = {"metadata": item.get("metadata") or {}}
        if status == 200:
            answer["response"] = body
        else:
            error = body.get("error") or {}
            # A google.rpc.Status; details left out (the SDK types them as strings).
            answer["error"] = {"code": error.get("code", status),
                               "message": error.get("message", "error")}
        return answer

    def _operation(self, job: FakeBatchJob) -> dict[str, Any]:
        metadata: dict[str, Any] = {
            "@type": "type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch",
            "model": job.model, "displayName": job.display_name, "name": job.name,
            "state": job.state, "createTime": job.create_time, "updateTime": _now_iso(),
            "batchStats": {"requestCount": str(len(job.requests))},
        }
        if job.end_time:
            metadata["endTime"] = job.end_time
        if job.output:
            metadata["output"] = job.output
        operation: dict[str, Any] = {"name": job.name, "metadata": metadata}
        if job.state in DONE_STATES:
            operation["done"] = True
        return operation

    # -- the Files API

    def start_upload(self, body: dict[str, Any]) -> str:
        session = uuid.uuid4().hex
        name = (body.get("file") or {}).get("name") or f"files/{uuid.uuid4().hex[:10]}"
        self._uploads[session] = {"name": name, "data": b"", "meta": body.get("file") or {}}
        return session

    def upload_chunk(self, session: str, data: bytes, finalize: bool) -> dict[str, Any] | None:
        upload = self._uploads.get(session)
        if upload is None:
            return None
        upload["data"] += data
        if not finalize:
            return {}
        self.files[upload["name"]] = upload["data"]
        return {"file": {"name": upload["name"], "mimeType": upload["meta"].get("mimeType"),
                         "sizeBytes": str(len(upload["data"])), "state": "ACTIVE",
                         "createTime": _now_iso()}}


def fake_batches(fake: FakeGemini) -> FakeBatches:
    """The fake's Batch Mode state, made on first use."""
    if not isinstance(getattr(fake, "batches", None), FakeBatches):
        fake.batches = FakeBatches(fake)  # type: ignore[attr-defined]
    return fake.batches  # type: ignore[attr-defined]


def handle_batches(handler: BaseHTTPRequestHandler, method: str, raw: bytes) -> bool:
    """Answer a Batch Mode or Files request; False when the path is none of theirs."""
    fake: FakeGemini = handler.fake  # type: ignore[attr-defined]
    batches = fake_batches(fake)
    path = handler.path.split("?")[0]
    if method == "POST" and (match := _UPLOAD_SESSION.match(path)):
        command = handler.headers.get("X-Goog-Upload-Command", "")
        answer = batches.upload_chunk(match.group(1), raw, "finalize" in command)
        if answer is None:
            _send(handler, 404, _error(404, "NOT_FOUND", "No such upload."))
        else:
            _send(handler, 200, answer,
                  {"x-goog-upload-status": "final" if "finalize" in command else "active"})
        return True
    routes = {
        ("POST", _CREATE): lambda m, body: (200, batches.create(m.group(1), body)),
        ("GET", _GET): lambda m, body: _found(batches.get(f"batches/{m.group(1)}")),
        ("GET", _LIST): lambda m, body: (200, {"operations": [
            batches.get(name) for name in list(batches.created)]}),
        ("POST", _CANCEL): lambda m, body: (200, {}) if batches.cancel(
            f"batches/{m.group(1)}") else _found(None),
    }
    for (verb, pattern), answer in routes.items():
        if verb == method and (match := pattern.match(path)):
            if not handler.headers.get("x-goog-api-key"):
                _send(handler, 403, _error(403, "PERMISSION_DENIED", "Missing API key."))
                return True
            body = json.loads(raw) if raw else {}
            status, payload = answer(match, body)
            _send(handler, status, payload)
            return True
    if method == "POST" and _UPLOAD_START.match(path):
        session = batches.start_upload(json.loads(raw) if raw else {})
        _send(handler, 200, {}, {"x-goog-upload-url": f"{fake.base_url}/upload-session/{session}",
                                 "x-goog-upload-status": "active"})
        return True
    if method == "GET" and (match := _DOWNLOAD.match(path)):
        data = batches.files.get(f"files/{match.group(1)}")
        if data is None:
            _send(handler, 404, _error(404, "NOT_FOUND", "No such file."))
        else:
            _send_bytes(handler, 200, data, "application/octet-stream")
        return True
    return False


def _found(operation: dict[str, Any] | None) -> tuple[int, dict[str, Any]]:
    if operation is None:
        return 404, _error(404, "NOT_FOUND", "Requested entity was not found.")
    return 200, operation


def _send(handler: BaseHTTPRequestHandler, status: int, body: dict[str, Any],
          headers: dict[str, str] | None = None) -> None:
    _send_bytes(handler, status, json.dumps(body).encode(), "application/json; charset=UTF-8",
                headers)


def _send_bytes(handler: BaseHTTPRequestHandler, status: int, payload: bytes, content_type: str,
                headers: dict[str, str] | None = None) -> None:
    handler.send_response(status)
    handler.send_header("Content-Type", content_type)
    handler.send_header("Content-Length", str(len(payload)))
    for name, value in (headers or {}).items():
        handler.send_header(name, value)
    handler.end_headers()
    handler.wfile.write(payload)
