"""Structured logs: one JSON line per Gemini call and per run step.

Standard library logging with a JSON formatter. What goes into a line is fixed by the
two record types below (``GeminiCall``, ``RunStep``): ids, counts, codes, durations —
never a message text, a resume, a job description or a key. As a second guard the
formatter blanks any secret it was told about (the Gemini API key) wherever it appears.

The run and batch a line belongs to come from ``bound(run_id=…, batch_id=…)``, a
context variable set around each run by the worker, so the Gemini client (a pure engine
module) logs them without knowing about runs.

    configure_json_logs(secrets=[settings.gemini_api_key])   # once per process
    with bound(run_id=7, batch_id=2):
        log_gemini_call(GeminiCall(model=…, mode=Mode.FAST, …))
"""

from __future__ import annotations

import contextvars
import json
import logging
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

EVENTS_LOGGER = "tailor.events"
REDACTED = "[redacted]"
events = logging.getLogger(EVENTS_LOGGER)
events.setLevel(logging.INFO)

_context: contextvars.ContextVar[dict[str, Any]] = contextvars.ContextVar(
    "tailor_log_context", default={})


class Mode(StrEnum):
    """How a Gemini answer was asked for."""

    FAST = "fast"  # a live generateContent call
    ECONOMY = "economy"  # one request of a Gemini Batch Mode job


@dataclass(frozen=True)
class GeminiCall:
    """One HTTP attempt at Gemini (or one Batch Mode answer), billed or not."""

    model: str
    mode: Mode
    prompt_version: str
    outcome: str  # "ok", or the failure's stable code
    attempt: int = 1
    tokens_in: int = 0
    tokens_out: int = 0
    tokens_cached: int = 0
    tokens_thinking: int = 0
    cost_usd: float = 0.0
    latency_s: float = 0.0


@dataclass(frozen=True)
class RunStep:
    """One step of one run: extracting, parsing, optimizing, saving, or its end."""

    step: str
    outcome: str  # "ok", "ready", "failed", "queued", … or an error code
    duration_s: float = 0.0
    error_code: str | None = None


@contextmanager
def bound(**fields: Any) -> Iterator[None]:
    """Add ``fields`` (ids only) to every event logged inside the block, in this thread."""
    token = _context.set({**_context.get(), **fields})
    try:
        yield
    finally:
        _context.reset(token)


def log_gemini_call(call: GeminiCall) -> None:
    events.info("gemini_call", extra={"tailor_fields": asdict(call)})


def log_run_step(step: RunStep) -> None:
    events.info("run_step", extra={"tailor_fields": asdict(step)})


class JsonFormatter(logging.Formatter):
    """One JSON object per record; any of ``secrets`` in the output is blanked."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__()
        # Short strings would blank ordinary words: only real keys are worth guarding.
        self.secrets = sorted({s for s in secrets if s and len(s) >= 8}, key=len, reverse=True)

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, timezone.utc).isoformat(
                timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "event": record.getMessage(),
            **_context.get(),
            **(getattr(record, "tailor_fields", None) or {}),
        }
        if record.exc_info:
            # The exception's type only: its message may quote a resume.
            line["error_type"] = record.exc_info[0].__name__ if record.exc_info[0] else None
        text = json.dumps(line, default=str, separators=(",", ":"))
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text


def configure_json_logs(stream: IO[str] | None = None, secrets: Iterable[str] = (),
                        path: Path | None = None) -> logging.Handler:
    """Send Tailor's events as JSON lines to ``stream``, or appended to the file ``path``
    (stderr when neither is given). Idempotent: a second call replaces the handler the
    first one added."""
    handler: logging.Handler
    if path is not None and stream is None:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(path, encoding="utf-8")  # append; processes share it
    else:
        handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter(secrets))
    handler.set_name("tailor-json")
    for old in [h for h in events.handlers if h.get_name() == "tailor-json"]:
        events.removeHandler(old)
        if old is not handler:
            old.close()  # a file handle; not the stream's owner for stderr (close is a flush)
    events.addHandler(handler)
    events.propagate = False  # one line per event, not one more through the root logger
    return handler


class StepClock:
    """Times a run's steps: each ``done`` logs the step with the time since the last one."""

    def __init__(self) -> None:
        self.started = self.last = time.monotonic()
        self.error_code: str | None = None  # set by whoever saw the run fail
        self.seconds: dict[str, float] = {}  # each step's time, stored with the run

    def done(self, step: str, outcome: str = "ok", error_code: str | None = None) -> None:
        now = time.monotonic()
        self.seconds[step] = round(now - self.last, 3)
        log_run_step(RunStep(step=step, outcome=outcome, duration_s=round(now - self.last, 4),
                             error_code=error_code))
        self.last = now

    def finished(self, outcome: str, error_code: str | None = None) -> None:
        """The run's last line: its outcome and its whole time in this job."""
        log_run_step(RunStep(step="run", outcome=outcome,
                             duration_s=round(time.monotonic() - self.started, 4),
                             error_code=error_code))
