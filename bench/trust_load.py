"""The load part of the trust benchmark: sessions browsing and reviewing while a large
batch runs, all on loopback.

``python -m bench.trust_load [--users 20] [--batch 2000] [--seconds 90] [--browsers]``
starts Tailor the way ``make run`` does (``launcher.py``, embedded Redis, 2 workers,
``--batch`` demo candidates in a scratch data folder), starts one offline batch of every
candidate, then runs ``--users`` sessions going round the pages — Home, Candidates,
Batches and Review of the batch, Activity — for ``--seconds``. By default each session
speaks Streamlit's own websocket protocol (the BackMsg / ForwardMsg protobufs the browser
sends), and a page's time is from asking for it to the server's script_finished. With
``--browsers`` each is a Chromium context clicking the sidebar, timed until the page's
title is drawn; on two cores twenty headless browsers rendering the pages take most of
the CPU themselves, so that figure says more about the machine. Prints one line:

    trust load: users=20 batch=2000 p95_page_ms=… median_page_ms=… pages=… runs_done=… sessions=sockets

``runs_done`` is how many of the batch's runs finished meanwhile: the load must not stop
the work either.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

from demo.job_descriptions import JOB_DESCRIPTIONS
from engine.orchestration.batches import batch_progress, start_batch
from settings import load_settings
from tests.app.test_browser import CHROMIUM, free_port
from tests.test_launcher import launch as launch_tailor
from tests.test_launcher import wait_until_serving

# (the sidebar link, the title the page draws)
PAGES = (("Home", "Tailor"), ("Candidates", "Candidates"), ("Batches", "Batches"),
         ("Review", "Review"), ("Activity", "Activity"))


def launch(var_dir: Path, candidates: int, port: int) -> subprocess.Popen:
    """``launcher.py`` on the embedded default in ``var_dir``, whatever this shell says;
    its output in ``var_dir``/launcher.log."""
    env = {"TAILOR_VAR_DIR": str(var_dir), "TAILOR_SEED_COUNT": str(candidates),
           "TAILOR_WORKERS": "2", "API_PORT": str(free_port())}
    with (var_dir / "launcher.log").open("w") as log:
        return launch_tailor(env, "--port", str(port), start_new_session=True, stdout=log,
                             stderr=subprocess.STDOUT)


def start_big_batch(var_dir: Path) -> tuple[object, int]:
    """An offline batch of every seeded candidate; the settings and the batch's id."""
    settings = load_settings({"DATABASE_URL": f"sqlite:///{var_dir / 'tailor.db'}",
                              "REDIS_URL": (var_dir / "redis.url").read_text().strip()})
    with sa.create_engine(settings.database_url).connect() as conn:
        ids = conn.execute(sa.text("SELECT id FROM candidates ORDER BY id")).scalars().all()
    return settings, start_batch(settings, [str(i) for i in ids], JOB_DESCRIPTIONS[0], "bench")


async def browse(browser, base: str, batch: int, until: float, times: list[float]) -> None:
    """One recruiter: its own context, opens the batch's page, then goes round the pages by
    the sidebar (as a person does: one Streamlit session) until ``until``."""
    context = await browser.new_context(viewport={"width": 1400, "height": 900})
    page = await context.new_page()
    await timed(times, page.goto(f"{base}/batches?batch={batch}"), page, "Batches")
    step = 0
    while time.monotonic() < until:
        link, title = PAGES[step % len(PAGES)]
        await timed(times, page.get_by_role("link", name=link, exact=True).click(), page, title)
        step += 1
    await context.close()


async def timed(times: list[float], action, page, title: str) -> None:
    """Append how long ``action`` took until the page titled ``title`` was drawn."""
    started = time.perf_counter()
    try:
        await action
        await page.get_by_role("heading", name=title, exact=True).first.wait_for(timeout=60_000)
        times.append((time.perf_counter() - started) * 1000)
    except Exception as error:  # noqa: BLE001 - a page that never came is the worst time
        print(f"  {title}: {type(error).__name__}", file=sys.stderr)
        times.append(60_000.0)


# (page, whether it takes the batch) as Streamlit's own client asks for them
SOCKET_PAGES = (("home", False), ("candidates", False), ("batches", True), ("review", True),
                ("activity", False))


async def socket_session(port: int, batch: int, until: float, times: list[float]) -> None:
    """One session speaking Streamlit's own protocol (protobuf over its websocket), as
    the browser does, without a browser: each page's time is from asking for it to the
    server's script_finished — the server's share of what a recruiter waits for."""
    import websockets
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    async with websockets.connect(f"ws://127.0.0.1:{port}/_stcore/stream",
                                  subprotocols=["streamlit"], max_size=None) as socket:
        step = 0
        while time.monotonic() < until:
            page, of_batch = SOCKET_PAGES[step % len(SOCKET_PAGES)]
            ask = BackMsg()
            ask.rerun_script.page_name = page
            ask.rerun_script.query_string = f"batch={batch}" if of_batch else ""
            started = time.perf_counter()
            await socket.send(ask.SerializeToString())
            answer = ForwardMsg()
            while answer.WhichOneof("type") != "script_finished":
                answer = ForwardMsg.FromString(await socket.recv())
            times.append((time.perf_counter() - started) * 1000)
            step += 1


async def socket_sessions(port: int, batch: int, users: int, seconds: float) -> list[float]:
    times: list[float] = []
    until = time.monotonic() + seconds
    await asyncio.gather(*(socket_session(port, batch, until, times) for _ in range(users)))
    return times


async def sessions(base: str, batch: int, users: int, seconds: float) -> list[float]:
    from playwright.async_api import async_playwright

    times: list[float] = []
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path=CHROMIUM, headless=True,
                                          args=["--no-sandbox", "--disable-gpu"])
        until = time.monotonic() + seconds
        await asyncio.gather(*(browse(browser, base, batch, until, times) for _ in range(users)))
        await browser.close()
    return times


def load_line(users: int, batch_size: int, seconds: float, browsers: bool = False) -> str:
    with tempfile.TemporaryDirectory(prefix="tailor-load-") as folder:
        var_dir, port = Path(folder), free_port()
        launcher = launch(var_dir, batch_size, port)
        try:
            wait_until_serving(port, launcher, var_dir / "launcher.log", timeout_s=900)
            settings, batch = start_big_batch(var_dir)
            times = asyncio.run(sessions(f"http://127.0.0.1:{port}", batch, users, seconds)
                                if browsers else socket_sessions(port, batch, users, seconds))
            done = batch_progress(settings, batch).done
        finally:
            os.killpg(launcher.pid, signal.SIGINT)  # Ctrl-C: stops workers, app and Redis
            launcher.wait(120)
    p95 = statistics.quantiles(times, n=20)[-1]
    return (f"trust load: users={users} batch={batch_size} p95_page_ms={p95:.0f} "
            f"median_page_ms={statistics.median(times):.0f} pages={len(times)} "
            f"runs_done={done} sessions={'browsers' if browsers else 'sockets'}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--batch", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=90)
    parser.add_argument("--browsers", action="store_true",
                        help="Chromium sessions instead of protocol sessions (on a small "
                             "machine the browsers' own rendering then dominates the figure)")
    args = parser.parse_args(argv)
    print(load_line(args.users, args.batch, args.seconds, args.browsers), flush=True)


if __name__ == "__main__":
    main()
