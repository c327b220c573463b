"""The front door: Tailor as it comes out of git, started the way the README says.

The tracked files are copied to a fresh folder (no var/, no .venv/) and started with
``python launcher.py`` under this test's Python; a batch of demo candidates goes through
the command line against that launcher's embedded Redis; Ctrl-C leaves no process behind;
a second start reuses the data. Nothing here skips: in CI this test always runs.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import psutil
import pytest
import sqlalchemy as sa

from demo.job_descriptions import JOB_DESCRIPTIONS
from tests.app.test_browser import free_port
from tests.test_launcher import (ROOT, clean_env, command_of, embedded_redis_process, launch,
                                 survivors, wait_until_serving)

BATCH = 10
ENV = {"TAILOR_SEED_COUNT": "20", "TAILOR_WORKERS": "1"}


def git_checkout(dest: Path) -> Path:
    """The tracked files, as they are in the working tree now, copied to ``dest``: what a
    clone of this tree would hold. Untracked files stay behind, so a module nobody added
    to git fails here as it would for a new user."""
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                            check=True).stdout.decode()
    for name in filter(None, listed.split("\0")):
        if (ROOT / name).is_file():  # else deleted in the working tree, not yet in git
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)
    return dest


@contextmanager
def tailor(checkout: Path, cwd: Path, env: dict[str, str], var_dir: Path,
           log: Path) -> Iterator[int]:
    """``python launcher.py --port N`` of ``checkout``, run in ``cwd``; yields the port once
    the app answers, then presses Ctrl-C and checks that every process it started (the
    embedded redis-server included) has gone."""
    port = free_port()
    with log.open("w") as out:
        proc = launch(env, "--port", str(port), root=checkout, cwd=cwd,
                      start_new_session=True, stdout=out, stderr=subprocess.STDOUT)
    started: list[psutil.Process] = []
    try:
        wait_until_serving(port, proc, log)
        yield port
        started = [*psutil.Process(proc.pid).children(recursive=True),
                   embedded_redis_process(var_dir)]
        commands = " ".join(command_of(p) for p in started)
    finally:
        if proc.poll() is None:  # else it failed to start: the error above says why
            os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        proc.wait(60)
    assert proc.returncode == 0, log.read_text()
    assert "rq.cli worker" in commands and "streamlit run" in commands and "redis-server" in commands
    assert survivors([*started, *processes_in(checkout), *processes_in(var_dir)]) == []
    assert not (var_dir / "redis.url").exists()


def processes_in(folder: Path) -> list[psutil.Process]:
    """Processes working in ``folder`` or naming it on their command line: the launcher's
    children run in the checkout and redis-server in its data folder, so this finds one
    even if it was orphaned before it could be counted."""
    found = []
    for process in psutil.process_iter(["pid", "cwd", "cmdline"]):
        places = [process.info["cwd"] or "", *(process.info["cmdline"] or [])]
        if process.info["pid"] != os.getpid() and any(str(folder) in p for p in places):
            found.append(process)
    return found


def engine_cli(checkout: Path, env: dict[str, str], *args: str) -> str:
    """``python -m engine *args`` (README, "Bulk runs from the command line") in the
    checkout; its standard output."""
    done = subprocess.run([sys.executable, "-m", "engine", *args], cwd=checkout,
                          env=clean_env(env), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def run_batch(checkout: Path, env: dict[str, str], var_dir: Path, size: int) -> str:
    """Start a batch of ``size`` demo candidates and wait for it to finish; its id."""
    job = checkout.parent / "job.txt"
    job.write_text(f"{JOB_DESCRIPTIONS[0].title}\n\n{JOB_DESCRIPTIONS[0].text}")
    engine = sa.create_engine(f"sqlite:///{var_dir / 'tailor.db'}")
    with engine.connect() as conn:
        ids = conn.execute(sa.text("SELECT id FROM candidates ORDER BY id LIMIT :n"),
                           {"n": size}).scalars().all()
    engine.dispose()
    out = engine_cli(checkout, env, "start", "--jd", str(job), "--candidate",
                     *map(str, ids), "--wait", "--interval", "0.5")
    return out.split()[0]


@pytest.mark.parametrize("var_dir", [None, "not/there/yet"],
                         ids=["var-in-checkout", "missing-TAILOR_VAR_DIR"])
def test_a_fresh_checkout_starts_runs_a_batch_and_stops_on_ctrl_c(tmp_path, var_dir):
    checkout = git_checkout(tmp_path / "tailor")
    env, cwd, data = dict(ENV), checkout, checkout / "var"
    if var_dir is not None:  # a data folder that does not exist, from another folder
        data = tmp_path / var_dir
        env["TAILOR_VAR_DIR"] = str(data)
        cwd = tmp_path
    assert not data.exists() and not (checkout / ".venv").exists()

    first = tmp_path / "first.log"
    with tailor(checkout, cwd, env, data, first) as port:
        page = httpx.get(f"http://127.0.0.1:{port}/")
        assert page.status_code == 200 and '<div id="root">' in page.text
        batch = run_batch(checkout, env, data, BATCH)
        status = json.loads(engine_cli(checkout, env, "status", batch))
        assert status["total"] == BATCH and status.get("ready") == BATCH, status

    # One short block, one line per run from the worker, and none of the app's or rq's
    # own chatter.
    out = first.read_text()
    assert out.count("Tailor is running at") == 1 and f"http://localhost:{port}" in out
    assert "1 worker, embedded Redis" in out and f"data: {data}" in out and "Ctrl-C" in out
    assert f"event log: {data / 'events.log'}" in out
    assert len(re.findall(rf"batch {batch}, run \d+: ready", out)) == BATCH, out
    for noise in ("You can now view", "Listening on", "Job OK", "Inotify", "Traceback", '{"ts"'):
        assert noise not in out, out
    # The JSON event lines go to the data folder's event log instead, one per run step.
    events = [json.loads(line) for line in (data / "events.log").read_text().splitlines()]
    assert {e["event"] for e in events} >= {"run_step"} and len(events) >= BATCH

    second = tmp_path / "second.log"
    with tailor(checkout, cwd, env, data, second):
        status = json.loads(engine_cli(checkout, env, "status", batch))
        assert status.get("ready") == BATCH, status
    assert "Seeding" not in second.read_text()
