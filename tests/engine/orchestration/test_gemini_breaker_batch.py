"""A batch whose workers cannot reach Gemini ends in seconds, every run with one clear
message, thanks to the connection breaker the workers share through Redis."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from db.connection import get_engine
from db.models import Run
from engine.orchestration.batches import start_batch
from tests.support.batches import JOB, Tailor, clear_queue, make_tailor
from tests.support.gemini import refusing_base_url

RUNS = 34


@pytest.fixture
def tailor(database_url: str, redis_url: str) -> Iterator[Tailor]:
    tailor = make_tailor(database_url, redis_url, RUNS)
    yield tailor
    tailor.kill_workers()
    clear_queue(tailor)


def test_refused_connections_end_a_34_run_batch_in_seconds_with_one_message(tailor: Tailor):
    tailor.env.update(GEMINI_API_KEY="test-key", GEMINI_BASE_URL=refusing_base_url())
    settings = tailor.settings
    assert settings.optimizer == "gemini"
    batch_id = start_batch(settings, [str(i) for i in range(1, RUNS + 1)], JOB, "tester")
    started = time.monotonic()
    tailor.worker()
    tailor.worker()
    statuses = tailor.wait_finished(batch_id, timeout=90)
    elapsed = time.monotonic() - started

    assert set(statuses.values()) == {"failed"} and len(statuses) == RUNS
    with get_engine(settings.database_url).connect() as conn:
        errors = conn.execute(sa.select(Run.error_code, Run.error_message)
                              .where(Run.batch_id == batch_id)).all()
    assert {code for code, _ in errors} == {"gemini_unreachable"}
    assert all(message.startswith("Gemini cannot be reached: ") for _, message in errors)
    # Without the breaker each run would retry with backoff (~15 s) and be requeued.
    assert elapsed < 30, elapsed


def test_with_the_offline_fallback_configured_the_batch_is_tailored_offline(tailor: Tailor):
    tailor.env.update(GEMINI_API_KEY="test-key", GEMINI_BASE_URL=refusing_base_url(),
                      TAILOR_GEMINI_FALLBACK_OFFLINE="true")
    settings = tailor.settings
    batch_id = start_batch(settings, [str(i) for i in range(1, 9)], JOB, "tester")
    tailor.worker()
    statuses = tailor.wait_finished(batch_id, timeout=90)

    assert set(statuses.values()) == {"ready"}
    with get_engine(settings.database_url).connect() as conn:
        runs = conn.execute(sa.select(Run.model, Run.flags).where(Run.batch_id == batch_id)).all()
    assert {model for model, _ in runs} == {"offline"}
    for _, flags in runs:
        assert any(f["message"].startswith("Gemini cannot be reached: ") for f in flags)
