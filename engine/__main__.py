"""``python -m engine …``: bulk runs from the command line (see engine.orchestration.cli)."""

import sys

from engine.orchestration.cli import main

sys.exit(main())
