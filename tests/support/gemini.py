"""Fixtures shared by the Gemini tests: a running fake server, a fast config, a job."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from demo.people import make_person
from engine.tailor.gemini.client import GeminiConfig
from engine.resume import JobDescription, Resume
from tests.support.fake_gemini import SAMPLE_JOB_TEXT, SAMPLE_JOB_TITLE, FakeGemini


@pytest.fixture
def fake() -> Iterator[FakeGemini]:
    with FakeGemini(hang_s=5.0) as server:
        yield server


def fast_config(fake: FakeGemini, **overrides: object) -> GeminiConfig:
    """Backoff in milliseconds and a short timeout, so fault tests stay fast."""
    values: dict[str, object] = dict(
        api_key="test-key", base_url=fake.base_url, timeout_s=2.0, max_attempts=3,
        backoff_base_s=0.002, backoff_max_s=0.01,
    )
    values.update(overrides)
    return GeminiConfig.model_validate(values)


@pytest.fixture
def config(fake: FakeGemini) -> GeminiConfig:
    return fast_config(fake)


@pytest.fixture
def job() -> JobDescription:
    return JobDescription(title=SAMPLE_JOB_TITLE, text=SAMPLE_JOB_TEXT)


def demo_resume(index: int = 0) -> Resume:
    return make_person(index).to_resume()


def refusing_base_url() -> str:
    """A local address where nothing listens: every connection is refused at once, as
    when Gemini cannot be reached."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"
