"""engine/data/cities.txt is what scripts/build_cities.py writes, so it can be rebuilt."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_the_shipped_cities_are_what_the_script_writes():
    run = subprocess.run([sys.executable, "scripts/build_cities.py", "--check"], cwd=ROOT,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
