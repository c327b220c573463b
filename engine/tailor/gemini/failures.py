"""What a failed Gemini call means for the run: retry (and after how long), or stop."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from google.genai import errors as genai_errors

from engine.tailor.gemini.shared_state import QUOTA_EXHAUSTED_MESSAGE

try:  # the SDK talks through httpx2 when installed, else httpx: catch both families
    import httpx2
except ImportError:  # pragma: no cover - depends on the environment
    httpx2 = None  # type: ignore[assignment]
import httpx

TIMEOUT_ERRORS = tuple(m.TimeoutException for m in (httpx, httpx2) if m is not None)
TRANSPORT_ERRORS = tuple(m.TransportError for m in (httpx, httpx2) if m is not None)
# Could not connect at all (DNS, refused, unreachable): what opens the breaker.
CONNECT_ERRORS = tuple(m.ConnectError for m in (httpx, httpx2) if m is not None)
RETRYABLE_STATUS = frozenset({408, 429, 500, 502, 503, 504})


def http_module() -> Any:
    """The HTTP library the SDK will use (it prefers httpx2): its Limits must match."""
    return httpx2 or httpx


@dataclass
class Failure:
    """One failed HTTP attempt, classified."""

    code: str
    message: str
    retryable: bool
    retry_after_s: float | None = None
    daily_quota: bool = False


def parse_duration_s(value: Any) -> float | None:
    """A google.protobuf.Duration as JSON ("12s", "0.5s") or {"seconds", "nanos"}."""
    try:
        if isinstance(value, str) and value.endswith("s"):
            return float(value[:-1])
        if isinstance(value, dict):
            return float(value.get("seconds", 0)) + float(value.get("nanos", 0)) / 1e9
    except ValueError:
        return None
    return None


def classify_api_error(error: genai_errors.APIError) -> Failure:
    """What a Gemini error status means for this run."""
    body = error.details if isinstance(error.details, dict) else {}
    inner = body.get("error", body)
    details = [d for d in (inner.get("details") if isinstance(inner, dict) else None) or []
               if isinstance(d, dict)]
    status = f"{error.code} {error.status or ''}".strip()
    if error.code == 429:
        if any(
            "PerDay" in str(violation.get("quotaId", ""))
            for detail in details if detail.get("@type", "").endswith("QuotaFailure")
            for violation in detail.get("violations", [])
        ):
            return Failure("gemini_quota_exhausted", QUOTA_EXHAUSTED_MESSAGE, False,
                           daily_quota=True)
        return Failure("gemini_rate_limited", "Gemini rate limit reached (429)", True,
                       _retry_after_s(error, details))
    if error.code in RETRYABLE_STATUS:
        return Failure("gemini_unavailable", f"Gemini is unavailable ({status})", True,
                       _retry_after_s(error, details))
    return Failure("gemini_rejected", f"Gemini refused the request ({status}): "
                   f"{error.message or 'no message'}", False)


def _retry_after_s(error: genai_errors.APIError, details: list[dict]) -> float | None:
    for detail in details:
        if detail.get("@type", "").endswith("RetryInfo"):
            return parse_duration_s(detail.get("retryDelay"))
    header = getattr(getattr(error, "response", None), "headers", {}).get("retry-after")
    try:
        return float(header) if header else None
    except ValueError:  # an HTTP date: rare enough to fall back to our own backoff
        return None


def backoff_s(attempt: int, base_s: float, max_s: float, server_delay_s: float | None) -> float:
    """Gemini's own delay when it gives one, else exponential backoff; jittered either
    way so workers that failed together do not retry together."""
    if server_delay_s is not None:
        return server_delay_s * random.uniform(1.0, 1.2)
    ceiling = min(max_s, base_s * 2 ** (attempt - 1))
    return random.uniform(ceiling / 2, ceiling)
