"""What a Gemini call costs and will likely cost: token usage, prices, estimates, and the
cache key that decides when an earlier answer can be reused at no cost."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from google.genai import types

from engine.resume import JobDescription, Resume
from engine.tailor.gemini.config import GeminiConfig
from engine.tailor.gemini.prompt import (
    PROMPT_VERSION,
    estimate_output_tokens,
    estimate_tokens,
    job_block,
    response_schema_text,
    resume_block,
    system_instruction,
)


def cost_usd(config: GeminiConfig, tokens_in: int, tokens_out: int,
             cached_tokens: int = 0) -> float:
    """What a call costs: fresh input, cached input and output (thinking included)."""
    price_in, price_out = config.prices[config.model]
    fresh = max(0, tokens_in - cached_tokens)
    cached_price = price_in * config.cached_price_ratio
    return (fresh * price_in + cached_tokens * cached_price + tokens_out * price_out) / 1e6


def estimate_request_tokens(resume: Resume | str, job: JobDescription,
                            config: GeminiConfig) -> tuple[int, int]:
    """(input, output) tokens one request for this resume will likely use.

    ``resume`` may be the parsed Resume or, before parsing, the resume's plain text.
    """
    job_text, _ = job_block(job, config.max_job_chars)
    if isinstance(resume, Resume):
        resume_text = resume_block(resume, config.max_resume_chars).text
    else:
        resume_text = resume[: config.max_resume_chars]
    prompt = system_instruction(config.depth) + job_text + resume_text + response_schema_text(config.depth)
    return estimate_tokens(prompt), estimate_output_tokens(resume, config.depth)


def estimate_cost_usd(resume: Resume | str, job: JobDescription, config: GeminiConfig) -> float:
    """Likely cost of tailoring one resume, before any request is made (no cache credit)."""
    tokens_in, tokens_out = estimate_request_tokens(resume, job, config)
    return cost_usd(config, tokens_in, tokens_out)


def prompt_version(depth: str) -> str:
    """The prompt's version as recorded and cached: the depth changes the prompt."""
    return PROMPT_VERSION if depth == "few" else f"{PROMPT_VERSION}-{depth}"


def cache_key(resume: Resume, job: JobDescription, model: str,
              prompt_version: str = PROMPT_VERSION) -> str:
    """Hash of everything that decides the answer: resume, job, model, prompt version."""
    payload = json.dumps(
        [resume.model_dump(mode="json"), job.model_dump(mode="json"), model, prompt_version],
        sort_keys=True, separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode()).hexdigest()


@dataclass
class Usage:
    tokens_in: int = 0
    tokens_out: int = 0
    cached: int = 0

    def add(self, metadata: types.GenerateContentResponseUsageMetadata | None) -> None:
        if metadata is None:
            return
        self.tokens_in += metadata.prompt_token_count or 0
        # Thinking tokens are billed as output.
        self.tokens_out += (metadata.candidates_token_count or 0) + (
            metadata.thoughts_token_count or 0)
        self.cached += metadata.cached_content_token_count or 0
