"""How fast demo people and their resume files are made (seeding 100,000 depends on it).

    .venv/bin/python -m bench.demo_render [--count 500] [--people 100000]

Prints one line per layout, one for the ``layout_for`` mix the seeding uses, and one for
making people alone.
"""

from __future__ import annotations

import argparse
import statistics
import time

from demo.people import make_person
from demo.render import LAYOUTS, layout_for, render_resume


def _timed(count: int, layout_of) -> tuple[list[float], list[int]]:
    times, sizes = [], []
    for index in range(count):
        person = make_person(index)
        started = time.perf_counter()
        data = render_resume(person, layout_of(index))
        times.append((time.perf_counter() - started) * 1000)
        sizes.append(len(data))
    return times, sizes


def _line(name: str, times: list[float], sizes: list[int]) -> str:
    p95 = statistics.quantiles(times, n=20)[-1]
    return (f"demo_render {name}: files={len(times)} mean_ms={statistics.fmean(times):.2f} "
            f"p95_ms={p95:.2f} mean_kb={statistics.fmean(sizes) / 1024:.1f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=500, help="files per layout")
    parser.add_argument("--people", type=int, default=100_000)
    args = parser.parse_args()
    render_resume(make_person(0), LAYOUTS[0])  # imports and font tables, not measured
    for layout in LAYOUTS:
        print(_line(layout, *_timed(args.count, lambda _: layout)), flush=True)
    print(_line("mix(layout_for)", *_timed(args.count, layout_for)), flush=True)
    started = time.perf_counter()
    for index in range(args.people):
        make_person(index)
    elapsed = time.perf_counter() - started
    print(f"demo_people: people={args.people} seconds={elapsed:.2f} "
          f"per_person_us={elapsed / args.people * 1e6:.1f}")


if __name__ == "__main__":
    main()
