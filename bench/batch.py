"""End-to-end bulk-run throughput with two real ``rq worker`` processes.

Offline (default): 1,000 demo candidates (PDF, DOCX and text resumes rendered from code,
seeded once into ``bench/out/batch_candidates.db``) through extract -> parse -> offline optimizer ->
scores -> claim check -> save, against parse-only throughput on the same files with the
same number of processes, measured in the same run:

    batch offline: n=1000 workers=2 resumes_per_s=… parse_only_ratio=…

``--gemini-fake --latency 2``: 400 candidates through the real Gemini client against the
local fake server answering after ``latency`` seconds; ideal_s = n x latency / in-flight
limit (workers x TAILOR_IN_FLIGHT):

    batch gemini: n=400 workers=2 latency_s=2 wall_s=… ideal_s=… ratio=… worker_cpu_ms_per_run=… load_1m_before=… load_1m_after=…
    timeline: submit_s=… start_s=… calls_s=… end_s=… mean_in_flight=…/32 ramp_s=… mid_s=… drain_s=… jobs=… …

The ratio assumes the two cores are the workers': other processes' load shows in it, so
the workers' own CPU per run (start-up included) and the load average before and after
the batch are printed beside it. The timeline line says where the wall time went
(``bench.batch_timeline``).

``--economy [--job-delay 10]``: 400 candidates as one Economy (Gemini Batch Mode) batch
against the fake, whose job finishes ``job-delay`` seconds after it is submitted:

    batch economy: n=400 workers=2 job_delay_s=10 poll_s=1 wall_s=… beyond_job_delay_s=…

Redis: REDIS_URL, else 127.0.0.1:6379. A private queue name per run keeps the Gemini
response cache cold and other workers out.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
import uuid
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import sqlalchemy as sa

from bench.batch_timeline import Clock, timeline_line
from db.connection import get_engine
from db.migrate import upgrade
from demo.job_descriptions import JOB_DESCRIPTIONS
from demo.seed import candidates_table, seed_candidates
from settings import ROOT, load_settings

OUT = ROOT / "bench" / "out"
WORKERS = 2
RQ = str(Path(sys.executable).parent / "rq")


def parse_chunk(rows: list[tuple[bytes, str]]) -> int:
    from engine.extract.documents import extract_document
    from engine.parse.parser import parse_document

    done = 0
    for data, fmt in rows:
        try:
            parse_document(extract_document(data, declared_format=fmt))
            done += 1
        except Exception:  # noqa: BLE001 - a failed parse still counts as work done
            done += 1
    return done


def parse_only_rate(url: str, n: int) -> float:
    """Resumes per second for extract + parse alone on the same files, WORKERS processes."""
    with get_engine(url).connect() as conn:
        rows = [tuple(r) for r in conn.execute(
            sa.select(candidates_table.c.resume, candidates_table.c.resume_format)
            .order_by(candidates_table.c.id).limit(n))]
    chunks = [rows[i::WORKERS * 4] for i in range(WORKERS * 4)]
    with ProcessPoolExecutor(WORKERS) as pool:
        list(pool.map(parse_chunk, [c[:2] for c in chunks[:WORKERS]]))  # warm up imports
        started = time.perf_counter()
        total = sum(pool.map(parse_chunk, chunks))
        return total / (time.perf_counter() - started)


def children_cpu_s() -> float:
    """CPU seconds of this process's finished children and what they reaped (workers,
    their work horses, the horses' parse children)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_batch(env: dict[str, str], n: int, economy: bool = False) -> tuple[float, int, Clock]:
    """Wall seconds from enqueueing n runs to the last one finished, WORKERS workers; the
    batch id and the marks on the way (``bench.batch_timeline.Clock``)."""
    from engine.orchestration.batches import batch_progress, estimate_cost, start_batch

    settings = load_settings(env, secrets_file=Path("/nonexistent"))
    cmd = [RQ, "worker", "--with-scheduler", "--worker-class", "engine.orchestration.worker.TailorWorker",
           "--url", env["REDIS_URL"], "--quiet", env["TAILOR_QUEUE"]]
    workers = [subprocess.Popen(cmd, cwd=ROOT, env={**os.environ, **env},
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
               for _ in range(WORKERS)]
    try:
        _wait_for_workers(settings)  # warmed up and registered before the clock starts
        # The submitting process warmed up too, as the app's and the API's long-lived
        # ones are: its first start_batch spent ~5 s importing PyMuPDF and google-genai
        # and loading the language profiles, all before any run existed.
        estimate_cost(settings, ["1"], JOB_DESCRIPTIONS[0])
        ids = [str(i) for i in range(1, n + 1)]
        # The Candidates page shows the cost before its Start button is pressed and hands
        # that estimate to start_batch, so the clock starts after it, as a recruiter's does.
        estimate = estimate_cost(settings, ids, JOB_DESCRIPTIONS[0])
        started, started_at = time.perf_counter(), time.time()
        batch_id = start_batch(settings, ids, JOB_DESCRIPTIONS[0], "bench",
                               estimate=estimate, economy=economy)
        submitted_at = time.time()
        while not batch_progress(settings, batch_id).finished:
            time.sleep(0.2)
        wall = time.perf_counter() - started
        clock = Clock(started=started_at, submitted=submitted_at, finished=started_at + wall)
        counts = batch_progress(settings, batch_id).counts
        if counts["ready"] < n * 0.9:
            print(f"warning: only {counts['ready']} of {n} ready: {counts}", file=sys.stderr)
        return wall, batch_id, clock
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            try:
                worker.wait(timeout=30)
            except subprocess.TimeoutExpired:  # a warm shutdown stuck: never leave it running
                worker.kill()
                worker.wait()
        _clean_queue(settings)


def _wait_for_workers(settings, timeout_s: float = 180) -> None:
    """Until WORKERS workers listen on the queue: a worker registers with Redis after its
    warm-up (imports, spaCy), which takes seconds, more on a loaded machine; the ideal
    does not include it."""
    from rq import Queue, Worker

    from engine.orchestration.queue import redis_connection

    queue = Queue(settings.queue_name, connection=redis_connection(settings))
    deadline = time.monotonic() + timeout_s
    while len(Worker.all(queue=queue)) < WORKERS:
        if time.monotonic() > deadline:
            raise SystemExit(f"only {len(Worker.all(queue=queue))} of {WORKERS} workers started")
        time.sleep(0.2)


def _clean_queue(settings) -> None:
    from rq import Queue

    from engine.orchestration.queue import redis_connection

    connection = redis_connection(settings)
    Queue(settings.queue_name, connection=connection).delete(delete_jobs=True)
    keys = list(connection.scan_iter(f"tailor:{settings.queue_name}:*"))
    if keys:
        connection.delete(*keys)


def prepare(n: int) -> dict[str, str]:
    OUT.mkdir(parents=True, exist_ok=True)
    db = OUT / f"batch-{uuid.uuid4().hex[:8]}.db"
    shared = OUT / "batch_candidates.db"
    url = f"sqlite:///{db}"
    seed_candidates(f"sqlite:///{shared}", n)  # rendered once, reused by later runs
    upgrade(url)
    return {
        "DATABASE_URL": url,
        "CANDIDATE_DATABASE_URL": f"sqlite:///{shared}",
        "REDIS_URL": os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0"),
        "TAILOR_QUEUE": f"bench-{uuid.uuid4().hex[:8]}",
        "GEMINI_API_KEY": "",
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gemini-fake", action="store_true")
    parser.add_argument("--latency", type=float, default=2.0)
    parser.add_argument("--n", type=int, default=None)
    parser.add_argument("--economy", action="store_true",
                        help="Gemini Batch Mode against the fake (implies --gemini-fake)")
    parser.add_argument("--job-delay", type=float, default=10.0,
                        help="seconds the fake takes to finish a batch job (--economy)")
    args = parser.parse_args(argv)
    n = args.n or (400 if args.gemini_fake or args.economy else 1000)
    env = prepare(n)
    db = Path(env["DATABASE_URL"].removeprefix("sqlite:///"))
    try:
        if args.economy:
            economy(env, n, args.job_delay)
        elif args.gemini_fake:
            from tests.support.fake_gemini import FakeGemini

            in_flight = int(os.environ.get("TAILOR_IN_FLIGHT", "16"))
            with FakeGemini(latency_s=args.latency) as fake:
                env.update(GEMINI_API_KEY="bench-key", GEMINI_BASE_URL=fake.base_url,
                           TAILOR_IN_FLIGHT=str(in_flight))
                load_before = os.getloadavg()[0]
                cpu_before = children_cpu_s()
                wall, batch_id, clock = run_batch(env, n)
                cpu = children_cpu_s() - cpu_before  # workers' CPU, start-up included
                calls = [r.received_at for r in fake.requests]
            ideal = n * args.latency / (WORKERS * in_flight)
            # The ratio needs the two cores free: other processes' load shows in it, so
            # the load and the workers' own CPU per run are printed beside it.
            print(f"batch gemini: n={n} workers={WORKERS} latency_s={args.latency:g} "
                  f"wall_s={wall:.1f} ideal_s={ideal:.1f} ratio={wall / ideal:.2f} "
                  f"worker_cpu_ms_per_run={cpu / n * 1000:.0f} "
                  f"load_1m_before={load_before:.1f} load_1m_after={os.getloadavg()[0]:.1f}")
            print(timeline_line(env["DATABASE_URL"], batch_id, clock, calls, args.latency,
                                WORKERS * in_flight))
        else:
            parse_rate = parse_only_rate(env["CANDIDATE_DATABASE_URL"], n)
            wall, _, _ = run_batch(env, n)
            rate = n / wall
            print(f"batch offline: n={n} workers={WORKERS} resumes_per_s={rate:.1f} "
                  f"parse_only_ratio={rate / parse_rate:.2f}")
    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)


def economy(env: dict[str, str], n: int, job_delay_s: float) -> None:
    """n runs as one Economy batch: parse, submit, wait the fake's job delay, collect."""
    from tests.support.fake_gemini import FakeGemini
    from tests.support.fake_gemini_batches import fake_batches

    poll_s = 1.0
    with FakeGemini() as fake:
        fake_batches(fake).job_delay_s = job_delay_s
        env.update(GEMINI_API_KEY="bench-key", GEMINI_BASE_URL=fake.base_url,
                   TAILOR_ECONOMY_POLL_S=str(poll_s))
        wall, _, _ = run_batch(env, n, economy=True)
    print(f"batch economy: n={n} workers={WORKERS} job_delay_s={job_delay_s:g} poll_s={poll_s:g} "
          f"wall_s={wall:.1f} beyond_job_delay_s={wall - job_delay_s:.1f}")


if __name__ == "__main__":
    main()
