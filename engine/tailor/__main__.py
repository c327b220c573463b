"""``python -m engine.tailor FILE --jd JD_FILE``: tailor one resume to one posting and print
one JSON object — the parsed original, the tailored resume, the edits (id, kind, line id,
before, after, reason), the scores before and after, and the claim-check findings. The
contract an evaluation script can call.

The offline optimizer by default; ``--gemini`` uses Gemini with the key in
``GEMINI_API_KEY`` (``--gemini-base-url`` points the SDK at another server, ``--depth``
few|all). A file that cannot be read or parsed, or a posting too short to tailor against,
prints ``{"ok": false, "error_code": …, "message": …}`` and exits with status 1.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from engine.errors import TailorError
from engine.parse.parser import parse_resume
from engine.pipeline import tailor_resume
from engine.resume import JobDescription
from engine.tailor.optimizer import Optimizer


def job_from_file(path: Path) -> JobDescription:
    """A posting file as a JobDescription: the title from its first markdown heading."""
    text = path.read_text(encoding="utf-8", errors="replace")
    title = next((line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("# ")), "")
    return JobDescription(title=title[:120], text=text)


def _optimizer(args: argparse.Namespace) -> Optimizer:
    if not args.gemini:
        from engine.tailor.offline import optimize_offline

        return optimize_offline
    from engine.tailor.gemini.client import GeminiConfig, make_gemini_optimizer  # google-genai: --gemini only

    key = os.environ.get("GEMINI_API_KEY", "")
    if not key:
        raise TailorError("gemini_not_configured", "--gemini needs GEMINI_API_KEY set.")
    return make_gemini_optimizer(GeminiConfig(api_key=key, base_url=args.gemini_base_url,
                                              depth=args.depth))


def tailor_file(resume_path: Path, job_path: Path, optimizer: Optimizer) -> dict[str, Any]:
    """The CLI's JSON object for one resume and one posting."""
    try:
        data, job = resume_path.read_bytes(), job_from_file(job_path)
    except OSError as error:
        return {"ok": False, "error_code": "unreadable_file",
                "message": f"{error.filename}: {error.strerror or error}."}
    try:
        resume = parse_resume(data, filename=resume_path.name)
        result = tailor_resume(resume, job, optimizer)
    except TailorError as error:
        return {"ok": False, "error_code": error.code, "message": error.message}
    return {
        "ok": True,
        "file": str(resume_path),
        "job": {"file": str(job_path), "title": job.title},
        "original": resume.model_dump(mode="json"),
        "tailored": result.resume.model_dump(mode="json"),
        "edits": [e.model_dump(mode="json") for e in result.optimization.edits],
        "scores": {"before": result.before.model_dump(mode="json"),
                   "after": result.after.model_dump(mode="json")},
        "claim_findings": [f.model_dump(mode="json") for f in result.findings],
        "notes": result.optimization.notes,
        "model": result.optimization.model,
        "prompt_version": result.optimization.prompt_version,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m engine.tailor", description=__doc__.split("\n\n")[0])
    parser.add_argument("file", type=Path, help="a resume: PDF, DOCX or text")
    parser.add_argument("--jd", type=Path, required=True, help="the job posting, as text or markdown")
    parser.add_argument("--gemini", action="store_true", help="tailor with Gemini (GEMINI_API_KEY)")
    parser.add_argument("--gemini-base-url", help="another server speaking Gemini's API")
    parser.add_argument("--depth", choices=("few", "all"), default="few", help="Gemini: lines to touch")
    args = parser.parse_args(argv)
    try:
        out = tailor_file(args.file, args.jd, _optimizer(args))
    except TailorError as error:
        out = {"ok": False, "error_code": error.code, "message": error.message}
    json.dump(out, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0 if out["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
