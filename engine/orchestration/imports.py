"""Import earlier parsed resumes (a folder of JSON files in the Resume schema) as runs.

Each file is either a Resume object, whose candidate id is the file's stem, or
``{"candidate_id": "...", "resume": {...}}``. Every file is validated; the ones refused
are reported with the reason. With a job description the imported runs are queued for
tailoring (the workers skip extraction and parsing); without one they are stored as
ready results (the parsed resume unchanged) for review and export.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ValidationError

from db import store
from db.models import RunStatus
from engine.errors import Refusal
from engine.orchestration.batches import load_job_description, save_job_description
from engine.orchestration.queue import enqueue_runs, first_job_id, tailor_queue
from engine.resume import JobDescription, Resume
from settings import Settings

NO_JOB = JobDescription(title="Imported parsed resumes (no job description)", text="")


class ImportReport(BaseModel):
    batch_id: int | None
    imported: list[str]
    refused: dict[str, str]


def _refused(message: str) -> Refusal:
    return Refusal("import_refused", message)


def read_parsed_file(path: Path) -> tuple[str, Resume]:
    """(candidate id, Resume) from one JSON file; a Refusal saying what is wrong."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise _refused(f"not valid JSON: {error}") from None
    except OSError as error:
        raise _refused(f"cannot read the file: {error.strerror or error}") from None
    if not isinstance(data, dict):
        raise _refused("expected a JSON object")
    candidate_id = path.stem
    if "resume" in data and isinstance(data["resume"], dict):
        candidate_id = str(data.get("candidate_id") or candidate_id)
        data = data["resume"]
    try:
        resume = Resume.model_validate(data, strict=False)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "resume"
        raise _refused(f"not a parsed resume: {where}: {first['msg']}") from None
    if not (resume.name or resume.experience or resume.education or resume.bullets()):
        raise _refused("the resume is empty (no name, experience, education or text)")
    return candidate_id, resume


def import_parsed(settings: Settings, folder: Path, job: JobDescription | int | None,
                  user: str | None) -> ImportReport:
    if not folder.is_dir():
        raise NotADirectoryError(f"{folder} is not a folder")
    refused: dict[str, str] = {}
    runs: list[store.NewRun] = []
    seen: dict[str, str] = {}
    queue_them = job is not None
    for path in sorted(folder.glob("*.json")):
        try:
            candidate_id, resume = read_parsed_file(path)
        except Refusal as error:
            refused[path.name] = str(error)
            continue
        if candidate_id in seen:
            refused[path.name] = f"candidate {candidate_id} already imported from {seen[candidate_id]}"
            continue
        seen[candidate_id] = path.name
        parsed = resume.model_dump(mode="json")
        flags = [{"code": "imported", "message": f"Imported from {path.name}"}]
        values = {"parsed_resume": parsed, "flags": flags}
        if not queue_them:
            values.update(optimized_resume=parsed, edits=[], claim_findings=[], model="import")
        runs.append(store.NewRun(candidate_id=candidate_id, candidate_name=resume.name,
                                 status=RunStatus.QUEUED if queue_them else RunStatus.READY,
                                 values=values))
    if not runs:
        return ImportReport(batch_id=None, imported=[], refused=refused)
    if isinstance(job, int):
        job_id, _ = job, load_job_description(settings, job)
    else:
        job_id = save_job_description(settings, job or NO_JOB, user)
    queue = tailor_queue(settings) if queue_them else None
    batch_id, pairs = store.create_batch(
        settings.database_url, job_description_id=job_id,
        optimizer=settings.optimizer if queue_them else "import",
        model=settings.gemini_model if queue_them and settings.optimizer == "gemini" else "offline",
        created_by=user, runs=runs, estimated_cost_usd=0.0, job_id_for=first_job_id,
    )
    if queue is not None:
        enqueue_runs(queue, pairs, settings)
    return ImportReport(batch_id=batch_id, imported=[r.candidate_id for r in runs], refused=refused)
