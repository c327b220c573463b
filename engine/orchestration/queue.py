"""Redis and the RQ queue: where work is carried to the workers (never the truth about it).

Each run has one RQ job (``engine.orchestration.jobs.process_run(run_id)``) whose id is stored on the
run's row, so recovery can tell a run whose job Redis lost.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

import redis
from rq import Queue, Retry

from engine.errors import NoRedis, Unavailable
from settings import VAR_DIR, Settings

EMBEDDED_URL_FILE = VAR_DIR / "redis.url"
JOB_FUNCTION = "engine.orchestration.jobs.process_run"
JOB_TIMEOUT_S = 3600
RESULT_TTL_S = 24 * 3600
NO_REDIS = "No Redis: set REDIS_URL or start Tailor with `make run`"


def redis_url(settings: Settings) -> str:
    """settings.redis_url, else the embedded server the launcher started."""
    if settings.redis_url:
        return settings.redis_url
    if EMBEDDED_URL_FILE.exists():
        url = EMBEDDED_URL_FILE.read_text().strip()
        if url:
            return url
    raise NoRedis(NO_REDIS)


@contextmanager
def redis_reachable() -> Iterator[None]:
    """Redis trouble inside as the engine's ``Unavailable``: callers (pages, CLI) catch that
    one class and never import redis."""
    try:
        yield
    except redis.RedisError as error:
        raise Unavailable("redis_unavailable", f"the queue (Redis) is not reachable ({error}). "
                          "Check REDIS_URL or start Tailor with `make run`") from error


def check_queue(settings: Settings) -> None:
    """Raises NoRedis or Unavailable unless Redis answers; used before writing any row."""
    with redis_reachable():
        redis_connection(settings).ping()


def redis_connection(settings: Settings) -> redis.Redis:
    return redis.Redis.from_url(redis_url(settings))


def tailor_queue(settings: Settings, connection: redis.Redis | None = None) -> Queue:
    return Queue(settings.queue_name, connection=connection or redis_connection(settings))


def new_job_id(run_id: int) -> str:
    """The id of a new RQ job for a run again (retry, recovery, resume)."""
    return f"tailor-run-{run_id}-{uuid.uuid4().hex[:12]}"


def first_job_id() -> str:
    """The id of a new run's first RQ job, named before the run has an id so the run is
    inserted with it (the job's description names the run)."""
    return f"tailor-run-{uuid.uuid4().hex[:16]}"


def retry_policy(settings: Settings) -> Retry | None:
    """RQ retries a job that raised (a transient failure) with growing delays."""
    if settings.job_retries < 1:
        return None
    return Retry(max=settings.job_retries,
                 interval=[min(60, 2 * 3**i) for i in range(settings.job_retries)])


def enqueue_runs(queue: Queue, pairs: Iterable[tuple[int, str]], settings: Settings) -> int:
    """One RQ job per (run id, job id), all in one pipeline round trip."""
    retry = retry_policy(settings)
    datas = [
        Queue.prepare_data(JOB_FUNCTION, args=(run_id,), job_id=job_id, retry=retry,
                           timeout=JOB_TIMEOUT_S, result_ttl=RESULT_TTL_S,
                           description=f"tailor run {run_id}")
        for run_id, job_id in pairs
    ]
    if not datas:
        return 0
    with redis_reachable(), queue.connection.pipeline() as pipe:
        queue.enqueue_many(datas, pipeline=pipe)
        pipe.execute()
    return len(datas)
