"""The RQ worker class Tailor's workers run:

    rq worker --with-scheduler --worker-class engine.orchestration.worker.TailorWorker --url $REDIS_URL tailor

A plain ``rq.Worker`` that, before taking jobs, re-enqueues runs lost by a crash or a
Redis restart (``engine.orchestration.batches.recover``) and warms up once what every job needs (the
parser's and scorer's lazily built vocabularies, PDF/DOCX readers, the Gemini client
module), so each forked work horse inherits it instead of spending seconds per job.
``--with-scheduler`` lets RQ's ``Retry`` bring transient failures back after a delay.
"""

from __future__ import annotations

import logging
import os
import socket
import time

import redis
from rq import Worker
from rq.exceptions import SchedulerNotFound
from rq.scheduler import RQScheduler

from engine.logs import configure_json_logs
from engine.orchestration.batches import recover
from settings import load_settings

# rq configures the "rq.worker" logger; a child of it is shown in the worker's log.
log = logging.getLogger("rq.worker.tailor")

RECOVERY_EVERY_S = 30  # how often an idle worker re-enqueues runs whose job Redis lost
MAX_BACKOFF_S = 30  # the longest wait between two tries to reach Redis again
RESTART_PAUSE_S = 1  # the wait before a work loop that ended on an error starts again

WARM_UP_RESUME = """Jordan Example
jordan@example.com | +1 555 0100 | Denver, CO

SUMMARY
Backend engineer who builds Python services on PostgreSQL and Redis.

EXPERIENCE
Senior Software Engineer, Example Corp, 2019 - Present
• Built payment APIs in Python and Go serving 2 million requests a day
• Reduced p95 latency by 40% with Redis caching

EDUCATION
B.Sc. Computer Science, Example University, 2015

SKILLS
Python, Go, PostgreSQL, Redis, Docker, Kubernetes, AWS
"""


def warm_up() -> None:
    """Run one small resume through every step, so lazy caches exist before forking."""
    # Deferred on purpose: the heavy modules (spaCy, PyMuPDF, google-genai) load here, in
    # the parent before it forks, where a failure makes a cold start slower, not a dead worker.
    import engine.extract.docx  # noqa: F401
    import engine.extract.pdf  # noqa: F401
    import engine.orchestration.jobs  # noqa: F401  (and through it google-genai)
    from engine.extract.documents import extract_document
    from engine.language import load_profiles
    from engine.parse.parser import parse_document
    from engine.pipeline import tailor_resume
    from engine.resume import JobDescription
    from engine.tailor.offline import optimize_offline

    job = JobDescription(title="Backend Engineer", text=(
        "We are hiring a backend engineer to build Python and Go services on PostgreSQL, "
        "Redis and Kafka, deployed with Docker and Kubernetes on AWS, with CI/CD and "
        "observability, owning services end to end."))
    resume = parse_document(extract_document(WARM_UP_RESUME.encode(), declared_format="text"))
    tailor_resume(resume, job, optimize_offline)
    load_profiles()  # texts of no clear language need them; the warm-up's texts are clear


class TailorWorker(Worker):
    """Heals itself: recovery runs on start and every ``RECOVERY_EVERY_S`` (as one of
    RQ's maintenance tasks, so an idle worker re-enqueues runs whose jobs Redis lost),
    and a work loop that Redis broke off (a restart while a job ran) waits for Redis
    with backoff and starts again instead of exiting."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.maintenance_interval = min(self.maintenance_interval, RECOVERY_EVERY_S)

    @property
    def dequeue_timeout(self) -> int:
        # Wake up at least once per recovery interval to run the maintenance tasks.
        return min(super().dequeue_timeout, RECOVERY_EVERY_S)

    def run_maintenance_tasks(self) -> None:
        self._release_dead_scheduler_locks()
        super().run_maintenance_tasks()  # takes a freed scheduler lock
        _recover("periodic recovery")

    def work(self, *args, **kwargs) -> bool:
        # Before forking: every work horse inherits the JSON event lines (key blanked).
        settings = load_settings()
        configure_json_logs(secrets=[settings.gemini_api_key], path=settings.event_log)
        try:
            warm_up()
            from engine.orchestration.jobs import prepare_optimizer

            prepare_optimizer(settings, self.connection)  # inherited by every work horse
        except Exception:  # noqa: BLE001 - a cold start is slower, not wrong
            log.exception("worker warm-up failed")
        _recover("recovery on worker start", always_log=True)
        self._release_dead_scheduler_locks()  # before RQ starts this worker's scheduler
        worked = False
        while True:
            try:
                worked = super().work(*args, **kwargs) or worked
            except (redis.ConnectionError, redis.TimeoutError) as error:
                log.error("worker %s lost Redis: %s", self.name, error)
            if self._ended_as_asked(kwargs):
                return worked
            # Should an error that is no outage break the loop each time, that costs a
            # line in the log a second, not a busy loop.
            time.sleep(RESTART_PAUSE_S)
            self._wait_for_redis()
            _recover("recovery after Redis came back")

    def _release_dead_scheduler_locks(self) -> None:
        """Free a queue's scheduler lock whose holder died on this machine (a killed
        worker's scheduler), so this worker's scheduler takes over at once: otherwise the
        lock lives on for its TTL (61 s) and every scheduled job (RQ's retries, Economy
        polls) waits that long. A holder elsewhere, or alive, keeps its lock."""
        try:
            for queue in self.queues:
                key = RQScheduler.get_locking_key(queue.name)
                owner = self.connection.get(key)
                if owner is not None and _dead_here(self.connection, owner.decode()):
                    # Deleted only if still the dead holder's (no race with a new one).
                    self.connection.eval(_DELETE_IF_OWNER, 1, key, owner)
                    log.info("worker %s: freed the scheduler lock of a dead worker", self.name)
        except Exception as error:  # noqa: BLE001 - a faster takeover is not worth a worker
            log.warning("worker %s: could not check the scheduler lock: %s", self.name, error)

    def _ended_as_asked(self, options: dict) -> bool:
        """Whether RQ's loop ended on a stop asked for or at a limit it was given, not on
        an error it gave up on. Whether Redis answers now cannot tell: the teardown after
        the error tries Redis again for seconds, long enough for a restart to end."""
        if self._stop_requested or self._shutdown_requested_date is not None:
            return True  # a signal (RQ raises StopRequested for it when idle)
        limited = options.get("burst") or any(
            options.get(limit) is not None for limit in ("max_jobs", "max_idle_time"))
        return bool(limited) and self._redis_answers()

    def _redis_answers(self) -> bool:
        try:
            return bool(self.connection.ping())
        except (redis.ConnectionError, redis.TimeoutError):
            return False

    def _wait_for_redis(self) -> None:
        delay = 1.0
        while not self._redis_answers():
            log.warning("worker %s: Redis unreachable, retrying in %.0f s", self.name, delay)
            time.sleep(delay)
            delay = min(delay * 2, MAX_BACKOFF_S)
        try:
            self.register_death()  # the old registration, if Redis kept it, is ended
        except redis.RedisError:
            pass


_DELETE_IF_OWNER = """
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
"""


def _dead_here(connection: redis.Redis, scheduler_name: str) -> bool:
    """True when the named scheduler ran on this host and its process is gone."""
    try:
        holder = RQScheduler.fetch(scheduler_name, connection)
    except SchedulerNotFound:
        return False  # nothing says where it runs: its lock expires by itself
    if holder.hostname != socket.gethostname() or holder.pid <= 0:
        return False
    try:
        os.kill(holder.pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False  # alive, another user's
    return False


def _recover(what: str, always_log: bool = False) -> None:
    try:
        report = recover(load_settings())
        if report.requeued or report.redelivered or always_log:
            log.info("%s: checked %d, re-enqueued %d, webhook deliveries re-enqueued %d", what,
                     report.checked, len(report.requeued), len(report.redelivered))
    except Exception:  # noqa: BLE001 - recovery trouble must not keep a worker down
        log.exception("%s failed", what)
