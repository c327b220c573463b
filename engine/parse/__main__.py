"""``python -m engine.parse FILE…``: the parse CLI (engine.parse.cli)."""

import sys

from engine.parse.cli import main

sys.exit(main())
