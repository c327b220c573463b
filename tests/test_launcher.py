"""The one command: start-up errors are one clear line; the embedded default comes up with
demo data, workers and the app, and SIGTERM stops all of it, leaving no process behind.
The helpers here also serve tests/test_front_door.py."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import psutil
import redis
import sqlalchemy as sa

from tests.app.test_browser import free_port

ROOT = Path(__file__).resolve().parents[1]


# Settings a developer's shell may hold that would point the launcher elsewhere.
CLEARED = ("DATABASE_URL", "REDIS_URL", "CANDIDATE_DATABASE_URL", "GEMINI_API_KEY",
           "TAILOR_VAR_DIR", "PORT")


def clean_env(env: dict[str, str]) -> dict[str, str]:
    return {**{k: v for k, v in os.environ.items() if k not in CLEARED}, **env}


def launch(env: dict[str, str], *args: str, root: Path = ROOT, cwd: Path | None = None,
           **popen) -> subprocess.Popen:
    """``python launcher.py *args`` of the tree at ``root``, run in ``cwd`` (default
    ``root``) with ``env`` over a clean environment; output piped unless ``popen`` says."""
    popen = {"stdout": subprocess.PIPE, "stderr": subprocess.PIPE, "text": True, **popen}
    return subprocess.Popen([sys.executable, str(root / "launcher.py"), *args],
                            cwd=cwd or root, env=clean_env(env), **popen)


def wait_until_serving(port: int, proc: subprocess.Popen, log: Path,
                       timeout_s: float = 120) -> None:
    """Until the app answers its health check; the launcher's log in the failure message."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"the launcher exited ({proc.returncode}):\n{log.read_text()}"
        try:
            if httpx.get(f"http://127.0.0.1:{port}/_stcore/health").text == "ok":
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"the app never answered on port {port}:\n{log.read_text()}")


def embedded_redis_process(var_dir: Path) -> psutil.Process:
    """The redis-server the launcher started, found through the URL it publishes: it
    daemonises, so it is no descendant of the launcher."""
    client = redis.Redis.from_url((var_dir / "redis.url").read_text().strip())
    return psutil.Process(client.info("server")["process_id"])


def command_of(process: psutil.Process) -> str:
    """The process's command line; "" for a short-lived child that exited between being
    listed and being asked (on a loaded machine one can)."""
    try:
        return " ".join(process.cmdline())
    except psutil.NoSuchProcess:
        return ""


def survivors(processes: list[psutil.Process]) -> list[str]:
    """Those of ``processes`` still running (a zombie has exited; it only waits to be
    reaped), each as pid and command line."""
    alive = []
    for process in processes:
        try:
            if process.is_running() and process.status() != psutil.STATUS_ZOMBIE:
                alive.append(f"{process.pid} {' '.join(process.cmdline())}")
        except psutil.NoSuchProcess:
            pass
    return alive


def check(env: dict[str, str]) -> tuple[int, str]:
    proc = launch(env, "--check")
    out, err = proc.communicate(timeout=60)
    return proc.returncode, out + err


def test_a_wrong_database_url_is_one_clear_message(tmp_path):
    code, out = check({"TAILOR_VAR_DIR": str(tmp_path), "DATABASE_URL": "mysql://x@y/z"})
    assert code == 2 and "DATABASE_URL" in out and "not supported" in out
    assert "Traceback" not in out


def test_an_unreachable_postgresql_is_one_clear_message(tmp_path):
    code, out = check({"TAILOR_VAR_DIR": str(tmp_path),
                       "DATABASE_URL": "postgresql://postgres@127.0.0.1:1/test"})
    assert code == 2 and "DATABASE_URL: cannot connect to the database at" in out
    assert "Traceback" not in out


def test_an_unreachable_redis_is_one_clear_message_without_its_password(tmp_path):
    code, out = check({"TAILOR_VAR_DIR": str(tmp_path), "TAILOR_SEED_COUNT": "5",
                       "REDIS_URL": "redis://:hunter2@127.0.0.1:1/0"})
    assert code == 2 and "REDIS_URL: cannot reach Redis" in out and "Traceback" not in out
    assert "redis://:***@127.0.0.1:1/0" in out and "hunter2" not in out


def test_workers_get_the_redis_url_by_environment_not_on_their_command_line(tmp_path):
    from launcher import child_env, worker_command
    from settings import load_settings

    url = "redis://:hunter2@127.0.0.1:6379/0"
    settings = load_settings({"REDIS_URL": url}, secrets_file=tmp_path / "none.toml")
    assert not any("hunter2" in part for part in worker_command(settings.queue_name))
    assert child_env(settings, url)["RQ_REDIS_URL"] == url  # where `rq worker` reads it


def test_a_mapping_to_a_missing_column_is_refused_at_start(tmp_path):
    code, out = check({"TAILOR_VAR_DIR": str(tmp_path), "TAILOR_SEED_COUNT": "5",
                       "TAILOR_CANDIDATE_TABLE": '{"email": "mail"}'})
    assert code == 2 and "no column 'mail' (mapped as email)" in out


def test_serving_beyond_loopback_without_sign_in_is_refused_unless_allowed(tmp_path):
    public = {"TAILOR_VAR_DIR": str(tmp_path), "TAILOR_SEED_COUNT": "5",
              "STREAMLIT_SERVER_ADDRESS": "0.0.0.0"}
    code, out = check(public)
    assert code == 2 and "serve on 0.0.0.0 without sign-in" in out and "Traceback" not in out
    code, out = check({**public, "TAILOR_ALLOW_UNAUTHENTICATED_REMOTE": "true"})
    assert code == 0 and "Tailor setup OK" in out


def test_a_taken_port_is_one_clear_message(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = launch({"TAILOR_VAR_DIR": str(tmp_path), "TAILOR_SEED_COUNT": "5"},
                      "--port", str(port))
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 2
    assert f"port {port} is not free" in err and "PORT=" in err and "Traceback" not in err


def test_a_taken_api_port_is_one_clear_message_and_nothing_is_left_running(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        api_port = taken.getsockname()[1]
        proc = launch({"TAILOR_VAR_DIR": str(tmp_path), "TAILOR_SEED_COUNT": "5",
                       "API_PORT": str(api_port)}, "--port", str(free_port()))
        out, err = proc.communicate(timeout=60)
    assert proc.returncode == 2, out + err
    assert f"API port {api_port} is not free" in err and "API_PORT=" in err
    assert "Traceback" not in err
    assert not (tmp_path / "redis.url").exists()  # the embedded Redis is stopped again


def workers_of(launcher: subprocess.Popen) -> list[psutil.Process]:
    return [p for p in psutil.Process(launcher.pid).children()
            if "rq.cli" in command_of(p)]


def kill_a_worker(launcher: subprocess.Popen) -> psutil.Process:
    """SIGKILL one of the launcher's workers (a crash: no warm stop, nothing cleaned up)."""
    worker = workers_of(launcher)[0]
    os.killpg(worker.pid, signal.SIGKILL)  # its work horse too: it runs in its own group
    worker.wait(10)
    return worker


def restarted_worker(launcher: subprocess.Popen, killed: psutil.Process, log: Path,
                     timeout_s: float = 30) -> bool:
    """Whether the launcher said so and started a worker in place of ``killed``."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        pids = {p.pid for p in workers_of(launcher)}
        if len(pids) == 2 and killed.pid not in pids and "starting it again" in log.read_text():
            return True
        time.sleep(0.3)
    return False


def test_embedded_default_starts_everything_and_sigterm_stops_it(tmp_path):
    port = free_port()
    log = tmp_path / "launcher.log"
    with log.open("w") as out:
        proc = launch({"TAILOR_VAR_DIR": str(tmp_path), "TAILOR_SEED_COUNT": "12",
                       "TAILOR_WORKERS": "2"}, "--port", str(port), start_new_session=True,
                      stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_until_serving(port, proc, log)
        url_file = tmp_path / "redis.url"
        engine = sa.create_engine(f"sqlite:///{tmp_path / 'tailor.db'}")
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM candidates")).scalar() == 12
            assert conn.execute(sa.text("SELECT count(*) FROM job_descriptions")).scalar() > 0
        engine.dispose()
        client = redis.Redis.from_url(url_file.read_text().strip())
        deadline = time.monotonic() + 90  # workers register once warmed up
        while time.monotonic() < deadline and len(client.smembers("rq:workers")) < 2:
            time.sleep(0.3)
        assert len(client.smembers("rq:workers")) == 2
        killed = kill_a_worker(proc)
        assert restarted_worker(proc, killed, log), log.read_text()
        started = [*psutil.Process(proc.pid).children(recursive=True),
                   embedded_redis_process(tmp_path)]
    finally:
        proc.send_signal(signal.SIGTERM)  # what a service manager or `docker stop` sends
        proc.wait(40)
    assert proc.returncode == 0, log.read_text()
    assert survivors(started) == []
    assert not (tmp_path / "redis.url").exists()
