"""The launcher's child processes: each started in a process group of its own, watched
while Tailor runs (a worker that exits is started again), and stopped in order with
nothing left behind — rq's work horses and other descendants included."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

import psutil

from settings import ROOT, StartupError

APP_START_S = 90  # the app must answer its health check within this
WARM_STOP_S = 10  # a warm shutdown: rq gives a running job 6 s, then aborts it
COLD_STOP_S = 5  # after the second signal, before whatever is left is killed


@contextmanager
def started(commands: dict[str, list[str]], env: dict[str, str],
            fds: dict[str, tuple[int, ...]] | None = None
            ) -> Iterator[dict[str, subprocess.Popen]]:
    """The commands as child processes while the block runs. Each gets a process group of
    its own, so a Ctrl-C in the terminal reaches only the launcher, which stops them in
    order: app and workers first, Redis after them. ``fds``: open files (a listening
    socket) a child inherits, by its name."""
    children: dict[str, subprocess.Popen] = {}
    fds = fds or {}
    try:
        for name, command in commands.items():
            children[name] = subprocess.Popen(command, cwd=ROOT, env=env, process_group=0,
                                              pass_fds=fds.get(name, ()))
        yield children
    finally:
        ignore_stop_signals()
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
    end(leftovers, COLD_STOP_S)


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


def ignore_stop_signals() -> None:
    # Once stopping has begun, a second Ctrl-C must not cut it short and leave children
    # behind; stop() itself escalates to killing within seconds.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)


def supervise(children: dict[str, subprocess.Popen], commands: dict[str, list[str]],
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


def process_of(pid: int | None) -> psutil.Process | None:
    try:
        return psutil.Process(pid) if pid else None
    except psutil.NoSuchProcess:
        return None


def _descendants(children: list[subprocess.Popen]) -> list[psutil.Process]:
    found = []
    for child in children:
        if (process := process_of(child.pid)) is not None:
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


def end(processes: list[psutil.Process], wait_s: float) -> None:
    """Give the processes wait_s to exit, then kill those still running."""
    deadline = time.monotonic() + wait_s
    while any(_running(p) for p in processes) and time.monotonic() < deadline:
        time.sleep(0.1)
    for process in filter(_running, processes):
        try:
            process.kill()
        except psutil.NoSuchProcess:
            pass
