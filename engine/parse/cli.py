"""Parse resume files from the command line: one JSON object per file and line.

    python -m engine.parse FILE...          {"file": …, "ok": true, "resume": {…}}
                                            {"file": …, "ok": false, "error_code": …, "message": …}
    python -m engine.parse --text FILE...   the extracted text of each file instead

Used by the evaluation scripts and by people debugging a resume. Exit status 0 when
every file parsed, 1 when any did not.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from engine.extract.documents import ExtractLimits, extract_document
from engine.errors import TailorError
from engine.parse.parser import parse_document


def parse_file(path: Path, *, text: bool = False, limits: ExtractLimits = ExtractLimits()) -> dict:
    """The CLI's JSON object for one file (the text, with ``text``)."""
    try:
        data = path.read_bytes()
    except OSError as error:
        return {"file": str(path), "ok": False, "error_code": "unreadable_file",
                "message": f"The file cannot be read: {error.strerror or error}."}
    try:
        document = extract_document(data, filename=path.name, limits=limits)
        if text:
            return {"file": str(path), "ok": True, "text": document.text,
                    "quality": document.quality}
        resume = parse_document(document)
    except TailorError as error:
        return {"file": str(path), "ok": False, "error_code": error.code,
                "message": error.message}
    return {"file": str(path), "ok": True, "resume": resume.model_dump(mode="json")}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m engine.parse", description="Parse resumes (PDF, DOCX, text) to JSON."
    )
    parser.add_argument("files", nargs="+", type=Path, metavar="FILE")
    parser.add_argument("--text", action="store_true", help="print the extracted text instead")
    parser.add_argument("--max-bytes", type=int, default=ExtractLimits.max_bytes,
                        help="refuse larger files (default: %(default)s, as TAILOR_MAX_RESUME_BYTES)")
    parser.add_argument("--max-pages", type=int, default=ExtractLimits.max_pages,
                        help="refuse longer resumes (default: %(default)s, as TAILOR_MAX_PAGES)")
    args = parser.parse_args(argv)
    limits = ExtractLimits(max_bytes=args.max_bytes, max_pages=args.max_pages)
    failed = False
    for path in args.files:
        result = parse_file(path, text=args.text, limits=limits)
        failed |= not result["ok"]
        if args.text and result["ok"]:
            print(f"==> {path} <==")
            print(result["text"])
        else:
            print(json.dumps(result, ensure_ascii=False))
        sys.stdout.flush()
    return 1 if failed else 0


if __name__ == "__main__":  # also run as ``python -m engine.parse`` (see __main__)
    sys.exit(main())
