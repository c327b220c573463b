"""A job description too short or naming no requirements is refused before any batch
row is written, with the reason."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from db.connection import get_engine
from db.models import Batch, SavedJobDescription
from engine.errors import Refusal
from engine.orchestration.batches import job_description_problem, start_batch
from engine.resume import JobDescription
from tests.support.batches import JOB, clear_queue, make_tailor

NO_REQUIREMENTS = JobDescription(title="Hello", text=(
    "We are a great company and we love people, come and join our fun team today, "
    "please apply now, thanks a lot for reading this"))


def test_reasons_for_short_and_requirement_free_postings():
    assert "too short" in job_description_problem(JobDescription(title="Dev", text="a"))
    assert "no requirements" in job_description_problem(NO_REQUIREMENTS)
    assert job_description_problem(JOB) is None


@pytest.mark.parametrize("job", [JobDescription(title="Dev", text="x"), NO_REQUIREMENTS])
def test_start_batch_refuses_before_writing_anything(database_url, redis_url, job):
    tailor = make_tailor(database_url, redis_url, 3)
    try:
        with pytest.raises(Refusal) as refused:
            start_batch(tailor.settings, ["1", "2"], job, "recruiter")
        assert refused.value.code == "job_description_too_short"
        with get_engine(database_url).connect() as conn:
            assert conn.execute(sa.select(sa.func.count()).select_from(Batch)).scalar() == 0
            saved = conn.execute(sa.select(sa.func.count()).select_from(SavedJobDescription))
            assert saved.scalar() == 0
    finally:
        clear_queue(tailor)
