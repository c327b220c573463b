"""The Gemini optimizer's settings and the model prices it bills by."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field, model_validator

# USD per million tokens (input, output). Cached input tokens bill at
# ``cached_price_ratio`` of the input price (10% for every 2.5 model).
DEFAULT_PRICES: dict[str, tuple[float, float]] = {
    "gemini-2.5-flash-lite": (0.10, 0.40),
    "gemini-2.5-flash": (0.30, 2.50),
    "gemini-2.5-pro": (1.25, 10.00),
}


class GeminiConfig(BaseModel):
    api_key: str = Field(min_length=1)
    model: str = "gemini-2.5-flash-lite"
    base_url: str | None = None
    timeout_s: float = Field(30.0, gt=0)
    max_attempts: int = Field(5, ge=1, description="HTTP attempts per answer, first included")
    backoff_base_s: float = Field(1.0, ge=0)
    backoff_max_s: float = Field(30.0, ge=0)
    max_retry_delay_s: float = Field(
        60.0, ge=0, description="longest RetryInfo delay sat out; longer fails the run (transient)"
    )
    prices: dict[str, tuple[float, float]] = Field(default_factory=lambda: dict(DEFAULT_PRICES))
    cached_price_ratio: float = Field(0.10, ge=0, le=1)
    thinking_budget: int | None = Field(0, description="0 turns thinking off; None: model default")
    temperature: float = 0.2
    max_output_tokens: int = Field(1024, gt=0)
    max_resume_chars: int = Field(12_000, gt=200)
    max_job_chars: int = Field(8_000, gt=200)
    depth: Literal["few", "all"] = Field(
        "few", description="few: the lines that help most; all: every line that can improve")
    breaker_failures: int = Field(
        3, ge=1, description="connection failures in a row that open the shared breaker")
    breaker_open_s: float = Field(60.0, gt=0, description="how long an open breaker stays open")
    offline_fallback: bool = Field(
        False, description="while Gemini cannot be reached, tailor offline and say so on the run")
    max_connections: int = Field(
        256, ge=1, description="HTTP connections one optimizer keeps to Gemini: at least the "
        "calls a worker keeps in flight, or they queue inside the client")

    @model_validator(mode="after")
    def _known_model(self) -> GeminiConfig:
        if self.model not in self.prices:
            raise ValueError(f"model {self.model!r} has no entry in prices")
        if self.model.startswith("gemini-2.5-pro") and self.thinking_budget == 0:
            raise ValueError("gemini-2.5-pro cannot turn thinking off: set thinking_budget "
                             "to None or at least 128")
        return self


