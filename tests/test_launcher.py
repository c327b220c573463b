"""The one command: start-up errors are one clear line; the embedded default comes up with
demo data, workers and the app, and Ctrl-C stops all of it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import redis
import sqlalchemy as sa

from tests.app.test_browser import free_port

ROOT = Path(__file__).resolve().parents[1]


def launch(env: dict[str, str], *args: str, **kwargs) -> subprocess.Popen:
    clean = {k: v for k, v in os.environ.items()
             if k not in ("DATABASE_URL", "REDIS_URL", "CANDIDATE_DATABASE_URL", "GEMINI_API_KEY")}
    return subprocess.Popen([sys.executable, "launcher.py", *args], cwd=ROOT,
                            env={**clean, **env}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, **kwargs)


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


def test_an_unreachable_redis_is_one_clear_message(tmp_path):
    code, out = check({"TAILOR_VAR_DIR": str(tmp_path), "TAILOR_SEED_COUNT": "5",
                       "REDIS_URL": "redis://127.0.0.1:1/0"})
    assert code == 2 and "REDIS_URL: cannot reach Redis" in out and "Traceback" not in out


def test_a_mapping_to_a_missing_column_is_refused_at_start(tmp_path):
    code, out = check({"TAILOR_VAR_DIR": str(tmp_path), "TAILOR_SEED_COUNT": "5",
                       "TAILOR_CANDIDATE_TABLE": '{"email": "mail"}'})
    assert code == 2 and "no column 'mail' (mapped as email)" in out


def test_embedded_default_starts_everything_and_ctrl_c_stops_it(tmp_path):
    port = free_port()
    proc = launch({"TAILOR_VAR_DIR": str(tmp_path), "TAILOR_SEED_COUNT": "12",
                   "TAILOR_WORKERS": "2"}, "--port", str(port), start_new_session=True)
    try:
        url_file = tmp_path / "redis.url"
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/_stcore/health").text == "ok":
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        else:
            raise AssertionError(f"the app never came up: {proc.stderr.read() if proc.poll() is not None else ''}")
        engine = sa.create_engine(f"sqlite:///{tmp_path / 'tailor.db'}")
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM candidates")).scalar() == 12
            assert conn.execute(sa.text("SELECT count(*) FROM job_descriptions")).scalar() > 0
        engine.dispose()
        client = redis.Redis.from_url(url_file.read_text().strip())
        while time.monotonic() < deadline and len(client.smembers("rq:workers")) < 2:
            time.sleep(0.3)
        assert len(client.smembers("rq:workers")) == 2
    finally:
        os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        proc.wait(40)
    assert proc.returncode == 0
    assert not (tmp_path / "redis.url").exists()
