"""Where RQ finds jobs queued before the restructure (``engine.jobs.process_run``).

New jobs name ``engine.orchestration.jobs.process_run``; this alias lets a worker run the
ones already in Redis during an upgrade. Safe to delete once no such job is queued.
"""

from engine.orchestration.jobs import process_run

__all__ = ["process_run"]
