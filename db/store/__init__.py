"""The store: every write Tailor makes to its own tables, and the reads the engine needs.
The database row of a run is the truth about it. By concern:

    batches     create a batch with its runs, count and list them, cancel it
    claims      the worker side: claim runs, set the step, save or fail (guarded writes)
    retries     retry finished runs (the old attempt archived)
    recovery    the active runs recovery checks, and requeueing lost ones
    job_descriptions  the library: rename, new version, archive
    decisions   load a run, record a review decision, write an approved resume back
    retention   purge old batches

``from db import store; store.create_batch(...)`` reaches all of them.
"""

from db.errors import NotFound, RunStateError, StoreError
from db.models import ACTIVE_STATUSES, FINAL_STATUSES, RUNNING_STATUSES, RunStatus
from db.store.batches import (
    BatchCounts,
    NewRun,
    RunStep,
    batch_counts,
    batch_job_description,
    cancel_batch,
    create_batch,
    run_steps,
    save_job_description,
    saved_job_description,
    set_job_ids_if_queued,
)
from db.store.claims import (
    LOST,
    ClaimedRun,
    claim_own,
    claim_queued,
    fail_run,
    requeue_transient,
    save_result,
    set_step,
)
from db.store.job_descriptions import new_version, rename_job_description, set_archived
from db.store.decisions import (RunRecord, current_version, latest_verdict, load_run, lock_run,
                                record_decision, revert_version, write_optimized_resume)
from db.store.recovery import requeue_for_recovery, unfinished_runs
from db.store.retention import purge_batches
from db.store.retries import failed_run_ids, retry_runs
from db.store.shared import OUTCOME_COLUMNS, is_imported

__all__ = [
    "ACTIVE_STATUSES", "FINAL_STATUSES", "LOST", "OUTCOME_COLUMNS", "RUNNING_STATUSES",
    "BatchCounts", "ClaimedRun", "NewRun", "NotFound", "RunRecord", "RunStateError",
    "RunStatus", "RunStep", "StoreError",
    "batch_counts", "batch_job_description", "cancel_batch", "claim_own", "claim_queued",
    "create_batch", "current_version", "fail_run", "failed_run_ids", "is_imported",
    "latest_verdict", "load_run", "lock_run", "revert_version",
    "new_version", "rename_job_description", "set_archived",
    "purge_batches", "record_decision", "requeue_for_recovery", "requeue_transient",
    "retry_runs", "run_steps", "save_job_description", "save_result",
    "saved_job_description", "set_job_ids_if_queued", "set_step",
    "unfinished_runs", "write_optimized_resume",
]
