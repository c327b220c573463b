"""The integration API under load, on loopback: ``clients`` concurrent clients each submit
a batch of ``batch`` candidates (POST /v1/batches) and then poll its status
(GET /v1/batches/{id}) ``polls`` times. Prints

    api: clients=100 submit_p50_ms=… submit_p95_ms=… status_p95_ms=… errors=0
    api floor: healthz_p95_ms=… submit_p95_ratio=… status_p95_ratio=…

The floor is the same clients, paced the same way, calling GET /healthz (which does
nothing) just before: the least any endpoint can take on this machine and stack.

Aims: submit p95 < 200 ms, status p95 < 100 ms. The API runs as ``uvicorn --workers N``
(separate processes sharing the rate limit in Redis) on a fresh PostgreSQL database
(created on the server at BENCH_POSTGRES_URL, default the test server, dropped after)
seeded with demo candidates, and a private RQ queue on REDIS_URL (emptied after). No
workers run: submission is what is timed, not tailoring.

    python -m bench.api [--clients 100] [--batch 10] [--polls 5] [--api-workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import ssl
import statistics
import subprocess
import sys
import time
import uuid
from contextlib import contextmanager
from collections.abc import Iterator

import httpx
import sqlalchemy as sa

from db.migrate import upgrade
from db.models import ApiScope
from engine.orchestration.api_keys import create_api_key
from settings import ROOT, load_settings

ADMIN_URL = os.environ.get("BENCH_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
CANDIDATES = 200


@contextmanager
def fresh_database() -> Iterator[str]:
    admin = sa.create_engine(ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"tailor_bench_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield sa.make_url(ADMIN_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def seed(url: str) -> None:
    from demo.seed import candidate_rows, candidates_table, metadata
    from db.connection import get_engine

    upgrade(url)
    engine = get_engine(url)
    metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(candidates_table.insert(), candidate_rows(0, CANDIDATES, 7))


@contextmanager
def api_server(env: dict[str, str], port: int, workers: int) -> Iterator[str]:
    cmd = [sys.executable, "-m", "uvicorn", "--factory", "api.app:create_app", "--host",
           "127.0.0.1", "--port", str(port), "--workers", str(workers), "--log-level", "warning",
           # A kept-alive connection idle past uvicorn's 5 s default is closed as a client
           # reuses it: under a burst that is a transport error, not the API's.
           "--timeout-keep-alive", "60"]
    process = subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **env})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise SystemExit("the API did not become ready")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


async def one_client(client: httpx.AsyncClient, index: int, args: argparse.Namespace,
                     job_id: int, submits: list[float], statuses: list[float],
                     errors: list[str]) -> None:
    first = (index * args.batch) % (CANDIDATES - args.batch)
    body = {"candidate_ids": [str(first + i + 1) for i in range(args.batch)],
            "job_description_id": job_id}
    try:
        started = time.perf_counter()
        response = await client.post("/v1/batches", json=body)
        submits.append((time.perf_counter() - started) * 1000)
        if response.status_code != 202:
            errors.append(f"submit {response.status_code}: {response.text[:200]}")
            return
        url = response.json()["url"]
        for _ in range(args.polls):
            started = time.perf_counter()
            status = await client.get(url)
            statuses.append((time.perf_counter() - started) * 1000)
            if status.status_code != 200 or status.json()["total"] != args.batch:
                errors.append(f"status {status.status_code}: {status.text[:200]}")
            await asyncio.sleep(0.05)
    except httpx.HTTPError as error:  # counted, not fatal: the figures say how many
        errors.append(f"{type(error).__name__}: {error}")


async def floor_client(client: httpx.AsyncClient, args: argparse.Namespace,
                       times: list[float]) -> None:
    """One client's calls, paced as ``one_client``'s, to GET /healthz, which does
    nothing: what the stack (uvicorn, FastAPI, the bench's own httpx on the same cores)
    costs a call before any of Tailor's work."""
    for _ in range(1 + args.polls):
        started = time.perf_counter()
        await client.get("/healthz")
        times.append((time.perf_counter() - started) * 1000)
        await asyncio.sleep(0.05)


async def load(base: str, key: str, job_id: int, args: argparse.Namespace):
    submits: list[float] = []
    statuses: list[float] = []
    floor: list[float] = []
    errors: list[str] = []
    # One client (and connection) per simulated client, as 100 platforms' processes would
    # be: one shared httpx pool of 100 connections cost the bench more CPU than the API
    # (about 12 ms a request, scanning its pool), and its own slowness was timed as the
    # API's. One TLS context for all: httpx builds one per client otherwise.
    tls = ssl.create_default_context()
    clients = [httpx.AsyncClient(base_url=base, headers={"Authorization": f"Bearer {key}"},
                                 timeout=60, verify=tls) for _ in range(args.clients)]
    try:
        await asyncio.gather(*(client.get("/healthz") for client in clients))
        await asyncio.gather(*(floor_client(client, args, floor) for client in clients))
        await asyncio.gather(*(one_client(client, i, args, job_id, submits, statuses, errors)
                               for i, client in enumerate(clients)))
    finally:
        await asyncio.gather(*(client.aclose() for client in clients))
    return submits, statuses, floor, errors


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=100)
    parser.add_argument("--batch", type=int, default=10)
    parser.add_argument("--polls", type=int, default=5)
    parser.add_argument("--api-workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()
    queue = f"bench-api-{uuid.uuid4().hex[:8]}"
    with fresh_database() as url:
        seed(url)
        env = {"DATABASE_URL": url, "REDIS_URL": REDIS_URL, "TAILOR_QUEUE": queue,
               "GEMINI_API_KEY": ""}
        settings = load_settings(env)
        key = create_api_key(settings, "bench", ApiScope.RUN, 1_000_000, actor="bench")
        from engine.orchestration.batches import save_job_description
        from demo.job_descriptions import JOB_DESCRIPTIONS

        job_id = save_job_description(settings, JOB_DESCRIPTIONS[0], "bench")
        try:
            with api_server(env, args.port, args.api_workers) as base:
                submits, statuses, floor, errors = asyncio.run(load(base, key, job_id, args))
        finally:
            clear(settings)
    for error in errors[:5]:
        print(error, file=sys.stderr)
    # The figures depend on the machine: say what it was and how busy.
    print(f"(loopback, {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}, "
          f"{args.api_workers} API processes)", file=sys.stderr)
    print(f"api: clients={args.clients} submit_p50_ms={statistics.median(submits):.0f} "
          f"submit_p95_ms={percentile(submits, 95):.0f} "
          f"status_p95_ms={percentile(statuses, 95):.0f} errors={len(errors)}")
    # The same clients calling an endpoint that does nothing: below this no endpoint
    # of this stack on this machine can answer, whatever it does.
    floor_p95 = percentile(floor, 95)
    print(f"api floor: healthz_p95_ms={floor_p95:.0f} "
          f"submit_p95_ratio={percentile(submits, 95) / floor_p95:.1f} "
          f"status_p95_ratio={percentile(statuses, 95) / floor_p95:.1f}")


def clear(settings) -> None:
    from rq import Queue

    from engine.orchestration.queue import redis_connection

    connection = redis_connection(settings)
    Queue(settings.queue_name, connection=connection).empty()
    keys = list(connection.scan_iter(f"rq:*{settings.queue_name}*"))
    if keys:
        connection.delete(*keys)


if __name__ == "__main__":
    main()
