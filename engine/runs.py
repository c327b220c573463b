"""The runs CLI's earlier spelling, ``python -m engine.runs …``; same as ``python -m engine``."""

import sys

from engine.orchestration.cli import main

if __name__ == "__main__":
    sys.exit(main())
