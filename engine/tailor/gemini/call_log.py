"""One structured log line per Gemini call, live or Batch Mode, billed tokens included
whatever becomes of the run afterwards."""

from __future__ import annotations

import time

from google.genai import types

from engine.logs import GeminiCall, Mode, log_gemini_call
from engine.tailor.gemini.config import GeminiConfig
from engine.tailor.gemini.usage import cost_usd


def log_call(config: GeminiConfig, prompt_version: str, mode: Mode, *, attempt: int,
             started: float, outcome: str = "ok",
             metadata: types.GenerateContentResponseUsageMetadata | None = None,
             price_ratio: float = 1.0) -> None:
    """Log one call that started at ``started`` (monotonic) with the usage Gemini billed."""
    tokens_in = (metadata.prompt_token_count or 0) if metadata else 0
    answer = (metadata.candidates_token_count or 0) if metadata else 0
    thinking = (metadata.thoughts_token_count or 0) if metadata else 0
    cached = (metadata.cached_content_token_count or 0) if metadata else 0
    log_gemini_call(GeminiCall(
        model=config.model, mode=mode, prompt_version=prompt_version, outcome=outcome,
        attempt=attempt, tokens_in=tokens_in, tokens_out=answer + thinking,
        tokens_cached=cached, tokens_thinking=thinking,
        cost_usd=cost_usd(config, tokens_in, answer + thinking, cached) * price_ratio,
        latency_s=round(time.monotonic() - started, 4),
    ))
