"""A local stand-in for Gemini's ``generateContent`` REST endpoint.

The real google-genai client talks to it through ``HttpOptions(base_url=fake.base_url)``,
so tests and benchmarks exercise the SDK's own request building and response parsing.

    with FakeGemini(latency_s=0.05) as fake:
        fake.push("rate_limit", "server_error")    # the next two requests fail
        ...                                        # then answers are edit lists
        assert fake.request_count == 3

By default it answers with a deterministic, schema-valid edit list derived from the
resume in the request: it reads the ``[id] text`` lines of the ``<resume>`` block (the
format ``engine.tailor.gemini.prompt`` renders), rewords up to five lines without adding facts
and puts the skills the job mentions first. ``usageMetadata`` counts 4 characters a
token over what the request carries (system instruction, contents, response schema).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

FAULTS = (
    "rate_limit",        # 429 RESOURCE_EXHAUSTED, per-minute quota, RetryInfo delay
    "daily_quota",       # 429 RESOURCE_EXHAUSTED, per-day quota violation
    "server_error",      # 500 INTERNAL
    "unavailable",       # 503 UNAVAILABLE
    "malformed_json",    # 200, answer text is not JSON
    "schema_violation",  # 200, answer is JSON of the wrong shape
    "max_tokens",        # 200, finishReason MAX_TOKENS, answer cut mid-JSON
    "safety_block",      # 200, no candidates, promptFeedback.blockReason SAFETY
    "hang",              # no answer until hang_s has passed
    "garbage_body",      # 200 whose HTTP body is an HTML page, not JSON
    "bad_api_key",       # 400 INVALID_ARGUMENT, API_KEY_INVALID
)
CHARS_PER_TOKEN = 4
_PATH = re.compile(r"^/v1(?:beta)?/models/([^/:]+):generateContent$")
_RESUME_BLOCK = re.compile(r"<resume>\n(.*)\n</resume>", re.DOTALL)
_JOB_BLOCK = re.compile(r"<job>\n(.*?)\n</job>", re.DOTALL)
_EDITABLE_LINE = re.compile(r"^\[([\w.\-]+)\] (.+)$")
# Opening verbs the fake swaps for a stronger one: a reword that adds no fact.
_STRONGER = {
    "built": "Engineered", "created": "Designed", "made": "Produced", "led": "Directed",
    "managed": "Oversaw", "worked": "Collaborated", "helped": "Supported",
    "developed": "Engineered", "improved": "Strengthened", "reduced": "Cut",
    "increased": "Raised", "designed": "Architected", "implemented": "Delivered",
    "wrote": "Authored", "ran": "Operated", "handled": "Managed", "used": "Applied",
    "responsible": "Accountable", "launched": "Shipped", "maintained": "Sustained",
    "migrated": "Moved", "automated": "Streamlined", "coordinated": "Orchestrated",
    "analyzed": "Assessed", "analysed": "Assessed", "supported": "Enabled",
    "trained": "Coached", "mentored": "Coached", "owned": "Drove", "drove": "Led",
    "delivered": "Shipped", "presented": "Reported", "saved": "Recovered", "cut": "Reduced",
    "directed": "Led", "partnered": "Collaborated", "coached": "Mentored",
    "scaled": "Expanded", "headed": "Led", "redesigned": "Reworked", "optimized": "Tuned",
    "established": "Set up", "introduced": "Rolled out", "spearheaded": "Led",
    "negotiated": "Brokered",
}


def count_tokens(text: str) -> int:
    return math.ceil(len(text) / CHARS_PER_TOKEN) if text else 0


@dataclass
class FakeRequest:
    path: str
    model: str
    headers: dict[str, str]
    body: dict[str, Any]
    received_at: float
    usage: dict[str, Any] | None = None  # the usageMetadata answered, if any

    @property
    def system_text(self) -> str:
        parts = (self.body.get("systemInstruction") or {}).get("parts", [])
        return "".join(p.get("text", "") for p in parts)

    @property
    def texts(self) -> list[str]:
        """Every text part of the user contents, in order."""
        return [p.get("text", "") for c in self.body.get("contents", [])
                for p in c.get("parts", [])]

    @property
    def resume_block(self) -> str:
        match = _RESUME_BLOCK.search("\n".join(self.texts))
        return match.group(1) if match else ""

    @property
    def job_block(self) -> str:
        match = _JOB_BLOCK.search("\n".join(self.texts))
        return match.group(1) if match else ""

    def editable_lines(self) -> dict[str, str]:
        lines = (_EDITABLE_LINE.match(line) for line in self.resume_block.splitlines())
        return {m.group(1): m.group(2) for m in lines if m}


@dataclass
class FakeGemini:
    latency_s: float = 0.0
    retry_delay: str = "0.01s"      # RetryInfo.retryDelay sent with "rate_limit"
    hang_s: float = 30.0
    implicit_cache: bool = False    # report cachedContentTokenCount for a repeated prefix
    min_cache_tokens: int = 1024
    thoughts_tokens: int = 150      # reported when the request leaves thinking on
    # Replaces the default edit list, e.g. with what a compromised model would send.
    answer: Callable[[FakeRequest], dict[str, Any]] | None = field(default=None, repr=False)
    requests: list[FakeRequest] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self._faults: list[str] = []
        self._lock = threading.Lock()
        self._seen_prefixes: set[str] = set()
        self._stopping = threading.Event()
        self._server: ThreadingHTTPServer | None = None
        self._in_flight = 0
        self.max_in_flight = 0  # most requests being answered at the same moment

    # -- lifecycle

    def start(self) -> FakeGemini:
        handler = type("Handler", (_Handler,), {"fake": self})
        server = ThreadingHTTPServer(("127.0.0.1", 0), handler, bind_and_activate=False)
        server.daemon_threads = True
        server.request_queue_size = 512  # the bulk benchmark opens hundreds of connections
        server.server_bind()
        server.server_activate()
        self._server = server
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05},
                         daemon=True).start()
        return self

    def stop(self) -> None:
        self._stopping.set()  # wakes requests that hang
        if self._server:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakeGemini:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def base_url(self) -> str:
        assert self._server, "start() the fake first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    # -- control

    def push(self, *faults: str) -> None:
        """Queue faults: each request takes the next one; an empty queue answers normally."""
        unknown = set(faults) - set(FAULTS)
        if unknown:
            raise ValueError(f"unknown faults {sorted(unknown)}; known: {FAULTS}")
        with self._lock:
            self._faults.extend(faults)

    @property
    def request_count(self) -> int:
        with self._lock:
            return len(self.requests)

    # -- answering

    def _record(self, request: FakeRequest) -> str | None:
        with self._lock:
            self.requests.append(request)
            return self._faults.pop(0) if self._faults else None

    def respond(self, request: FakeRequest) -> tuple[int, bytes]:
        with self._lock:
            self._in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self._in_flight)
        try:
            return self._respond(request)
        finally:
            with self._lock:
                self._in_flight -= 1

    def _respond(self, request: FakeRequest) -> tuple[int, bytes]:
        fault = self._record(request)
        if self.latency_s:
            time.sleep(self.latency_s)
        if fault == "hang":
            self._stopping.wait(self.hang_s)
        if fault in ERROR_BODIES:
            status, body = ERROR_BODIES[fault](self.retry_delay, request.model)
            return status, json.dumps(body).encode()
        if fault == "garbage_body":
            return 200, b"<html><body>502 Bad Gateway</body></html>"
        if fault == "safety_block":
            prompt = self._prompt_tokens(request)
            return 200, json.dumps({
                "promptFeedback": {"blockReason": "SAFETY", "safetyRatings": [
                    {"category": "HARM_CATEGORY_DANGEROUS_CONTENT", "probability": "HIGH"}]},
                "usageMetadata": {"promptTokenCount": prompt, "totalTokenCount": prompt},
                "modelVersion": request.model,
            }).encode()
        answer = json.dumps(self.answer(request) if self.answer else default_edits(request))
        finish = "STOP"
        if fault == "malformed_json":
            answer = "Here are the edits you asked for:\n" + answer.replace('"', "'")
        elif fault == "schema_violation":
            answer = json.dumps({"resume": {"summary": "A rewritten resume"},
                                 "changes": [{"bullet": "x", "new": "y"}]})
        elif fault == "max_tokens":
            answer, finish = answer[: max(10, len(answer) // 2)], "MAX_TOKENS"
        return 200, json.dumps(self._success(request, answer, finish)).encode()

    def _prompt_tokens(self, request: FakeRequest) -> int:
        schema = (request.body.get("generationConfig") or {}).get("responseSchema")
        text = request.system_text + "".join(request.texts)
        return count_tokens(text) + (count_tokens(json.dumps(schema)) if schema else 0)

    def _cached_tokens(self, request: FakeRequest) -> int:
        """Gemini's implicit caching, roughly: in a request of at least
        ``min_cache_tokens``, the system instruction and first content part are billed
        cached when an earlier request began with the same prefix."""
        if not self.implicit_cache or self._prompt_tokens(request) < self.min_cache_tokens:
            return 0
        texts = request.texts
        prefix = request.system_text + (texts[0] if texts else "")
        key = hashlib.sha256(f"{request.model}\0{prefix}".encode()).hexdigest()
        with self._lock:
            seen = key in self._seen_prefixes
            self._seen_prefixes.add(key)
        return count_tokens(prefix) if seen else 0

    def _success(self, request: FakeRequest, answer: str, finish: str) -> dict[str, Any]:
        prompt = self._prompt_tokens(request)
        output = count_tokens(answer)
        thinking = (request.body.get("generationConfig") or {}).get("thinkingConfig") or {}
        budget = thinking.get("thinkingBudget", thinking.get("thinking_budget"))
        thoughts = 0 if budget == 0 else self.thoughts_tokens
        usage: dict[str, Any] = {
            "promptTokenCount": prompt,
            "candidatesTokenCount": output,
            "totalTokenCount": prompt + output + thoughts,
            "promptTokensDetails": [{"modality": "TEXT", "tokenCount": prompt}],
        }
        cached = self._cached_tokens(request)
        if cached:
            usage["cachedContentTokenCount"] = cached
        if thoughts:
            usage["thoughtsTokenCount"] = thoughts
        request.usage = usage
        return {
            "candidates": [{
                "content": {"role": "model", "parts": [{"text": answer}]},
                "finishReason": finish,
                "index": 0,
            }],
            "usageMetadata": usage,
            "modelVersion": request.model,
            "responseId": hashlib.sha1(answer.encode()).hexdigest()[:16],
        }


def _error(code: int, status: str, message: str, details: list[dict] | None = None) -> dict:
    error: dict[str, Any] = {"code": code, "message": message, "status": status}
    if details:
        error["details"] = details
    return {"error": error}


def _quota_failure(quota_id: str, model: str, value: str) -> dict:
    return {
        "@type": "type.googleapis.com/google.rpc.QuotaFailure",
        "violations": [{
            "quotaMetric": "generativelanguage.googleapis.com/generate_content_free_tier_requests",
            "quotaId": quota_id,
            "quotaDimensions": {"location": "global", "model": model},
            "quotaValue": value,
        }],
    }


_HELP = {"@type": "type.googleapis.com/google.rpc.Help", "links": [
    {"description": "Learn more about Gemini API quotas",
     "url": "https://ai.google.dev/gemini-api/docs/rate-limits"}]}
_QUOTA_MESSAGE = ("You exceeded your current quota, please check your plan and billing "
                  "details. For more information on this error, head to: "
                  "https://ai.google.dev/gemini-api/docs/rate-limits.")

ERROR_BODIES: dict[str, Callable[[str, str], tuple[int, dict]]] = {
    "rate_limit": lambda delay, model: (429, _error(429, "RESOURCE_EXHAUSTED", _QUOTA_MESSAGE, [
        _quota_failure("GenerateRequestsPerMinutePerProjectPerModel-FreeTier", model, "15"),
        _HELP,
        {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": delay},
    ])),
    # Gemini sends a RetryInfo with the daily quota too; waiting it out does not help.
    "daily_quota": lambda delay, model: (429, _error(429, "RESOURCE_EXHAUSTED", _QUOTA_MESSAGE, [
        _quota_failure("GenerateRequestsPerDayPerProjectPerModel-FreeTier", model, "1000"),
        _HELP,
        {"@type": "type.googleapis.com/google.rpc.RetryInfo", "retryDelay": delay},
    ])),
    "server_error": lambda delay, model: (500, _error(
        500, "INTERNAL", "An internal error has occurred. Please retry or report in "
        "https://developers.generativeai.google/guide/troubleshooting")),
    "unavailable": lambda delay, model: (503, _error(
        503, "UNAVAILABLE", "The model is overloaded. Please try again later.")),
    "bad_api_key": lambda delay, model: (400, _error(
        400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", [
            {"@type": "type.googleapis.com/google.rpc.ErrorInfo", "reason": "API_KEY_INVALID",
             "domain": "googleapis.com", "metadata": {"service": "generativelanguage.googleapis.com"}},
        ])),
}


def reword(text: str) -> str:
    """The same line with a stronger opening verb and without filler; no new fact."""
    words = text.split()
    if not words:
        return text
    first = words[0].lower().strip(",.;:")
    if first in _STRONGER:
        words[0] = _STRONGER[first]
    cleaned = [w for w in words if w.lower() not in ("successfully", "various", "very")]
    return " ".join(cleaned)


def default_edits(request: FakeRequest) -> dict[str, Any]:
    """Up to five reworded lines and the job's skills first: what a good answer looks like."""
    lines = request.editable_lines()
    edits: list[dict[str, str]] = []
    for line_id, text in lines.items():
        if line_id in ("summary", "skills") or len(edits) >= 5:
            continue
        new = reword(text)
        if new != text:
            edits.append({"id": line_id, "text": new,
                          "reason": "Stronger opening verb for this role"})
    if "skills" in lines:
        skills = [s.strip() for s in lines["skills"].split(",") if s.strip()]
        job = request.job_block.lower()
        ordered = sorted(skills, key=lambda s: s.lower() not in job)
        if ordered != skills:
            edits.append({"id": "skills", "text": ", ".join(ordered),
                          "reason": "Skills the job names first"})
    return {"edits": edits}


def _batches() -> Any:
    from tests.support import fake_gemini_batches  # imports this module: import on use

    return fake_gemini_batches


class _Handler(BaseHTTPRequestHandler):
    fake: FakeGemini
    protocol_version = "HTTP/1.1"  # keep-alive, as the SDK's connection pool expects

    def do_POST(self) -> None:  # noqa: N802 - http.server's naming
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        match = _PATH.match(self.path.split("?")[0])
        if not match:
            if _batches().handle_batches(self, "POST", raw):  # Batch Mode and Files API
                return None
            return self._send(404, _error(404, "NOT_FOUND", f"No route for {self.path}"))
        if not self.headers.get("x-goog-api-key"):
            return self._send(403, _error(403, "PERMISSION_DENIED", "Missing API key."))
        try:
            body = json.loads(raw)
        except json.JSONDecodeError:
            return self._send(400, _error(400, "INVALID_ARGUMENT", "Invalid JSON payload."))
        request = FakeRequest(self.path, match.group(1), dict(self.headers), body, time.time())
        status, payload = self.fake.respond(request)
        self._send_bytes(status, payload)

    def do_GET(self) -> None:  # noqa: N802 - Batch Mode jobs and result files
        if not _batches().handle_batches(self, "GET", b""):
            self._send(404, _error(404, "NOT_FOUND", f"No route for {self.path}"))

    def _send(self, status: int, body: dict) -> None:
        self._send_bytes(status, json.dumps(body).encode())

    def _send_bytes(self, status: int, payload: bytes) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=UTF-8")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (a timeout test): nothing to answer

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        pass


# A realistic posting (near the median length of real ones, ~2,800 characters) for
# tests and benchmarks that need a job description to send through the fake.
SAMPLE_JOB_TITLE = "Senior Software Engineer, Data Platform"
SAMPLE_JOB_TEXT = """\
About us
Northwind Analytics helps 2,000 retailers understand their customers. Our platform
ingests billions of events a day and turns them into dashboards, forecasts and alerts
that store managers actually use. We are a remote-first team of 140 spread across
North America and Europe.

The role
We are looking for a Senior Software Engineer to join the Data Platform team. You will
design, build and operate the services and pipelines that move data from our customers'
point-of-sale systems into our warehouse and serving layer. You will work closely with
product managers, analysts and machine learning engineers, and you will help set the
technical direction of the team.

What you will do
- Design and build reliable batch and streaming pipelines in Python and SQL.
- Own services end to end: design, code review, testing, deployment and on-call.
- Improve the performance and cost of our PostgreSQL and Snowflake workloads.
- Build APIs (REST and gRPC) that expose data to product teams.
- Automate infrastructure with Terraform and run workloads on Kubernetes in AWS.
- Set up monitoring and alerting (Prometheus, Grafana, Datadog) and lead incident reviews.
- Mentor engineers, write design documents and raise the bar for code quality.
- Partner with stakeholders to turn vague requirements into a clear roadmap.

What we are looking for
- 5+ years of professional software engineering experience.
- Strong Python; experience with Go or Java is a plus.
- Deep knowledge of SQL and relational databases, ideally PostgreSQL.
- Experience with data pipeline tools such as Airflow, dbt, Kafka or Spark.
- Hands-on experience with cloud platforms (AWS preferred), Docker and Kubernetes.
- Familiarity with CI/CD (GitHub Actions, Jenkins) and infrastructure as code.
- A track record of shipping measurable improvements in reliability, latency or cost.
- Clear written and verbal communication; comfortable working across time zones.

Nice to have
- Experience with machine learning pipelines or feature stores.
- Knowledge of data privacy regulations such as GDPR and CCPA.
- Contributions to open source projects.

What we offer
- Salary range $150,000 - $185,000 plus equity, depending on experience and location.
- Health, dental and vision insurance; 401(k) with a 4% match.
- 25 days of paid time off plus public holidays, and a yearly learning budget of $2,000.
- A home-office stipend and an annual team offsite.

How to apply
Send your resume and a short note about a system you are proud of. We review every
application and aim to reply within two weeks. Northwind Analytics is an equal
opportunity employer and values diversity. We do not discriminate on the basis of race,
religion, color, national origin, gender, sexual orientation, age, marital status,
veteran status or disability status.
"""
