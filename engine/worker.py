"""The RQ worker class Tailor's workers run:

    rq worker --with-scheduler --worker-class engine.worker.TailorWorker --url $REDIS_URL tailor

A plain ``rq.Worker`` that, before taking jobs, re-enqueues runs lost by a crash or a
Redis restart (``engine.batches.recover``) and imports the job's modules once, so each
forked work horse starts warm instead of importing the parser and optimizers per job.
``--with-scheduler`` lets RQ's ``Retry`` bring transient failures back after a delay.
"""

from __future__ import annotations

import logging

from rq import Worker

log = logging.getLogger(__name__)


class TailorWorker(Worker):
    def work(self, *args, **kwargs) -> bool:
        import engine.jobs  # noqa: F401 - warm import, inherited by every work horse
        from engine.batches import recover
        from settings import load_settings

        try:
            report = recover(load_settings())
            log.info("recovery on worker start: checked %d, re-enqueued %d",
                     report.checked, len(report.requeued))
        except Exception:  # noqa: BLE001 - recovery trouble must not keep a worker down
            log.exception("recovery on worker start failed")
        return super().work(*args, **kwargs)
