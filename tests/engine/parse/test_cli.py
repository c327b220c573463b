import json
import subprocess
import sys
from pathlib import Path

from engine.parse.cli import main, parse_file
from tests.support.resumes import image_only_pdf, legacy_doc, resume_docx, resume_pdf

ROOT = Path(__file__).resolve().parents[3]


def write_files(folder: Path) -> list[Path]:
    files = {
        "jane.pdf": resume_pdf(),
        "jane.docx": resume_docx(),
        "scan.pdf": image_only_pdf(),
        "old.doc": legacy_doc(),
        "empty.txt": b"",
    }
    paths = []
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        paths.append(path)
    return paths


def test_cli_prints_one_json_object_per_file(tmp_path):
    paths = write_files(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "engine.parse", *map(str, paths)],
        capture_output=True, text=True, cwd=ROOT, timeout=120,
    )
    lines = result.stdout.splitlines()
    assert len(lines) == len(paths)
    objects = [json.loads(line) for line in lines]
    assert [o["file"] for o in objects] == [str(p) for p in paths]

    pdf, docx, scan, old, empty = objects
    for good in (pdf, docx):
        assert good["ok"] is True
        assert good["resume"]["name"] == "Jane Doe"
        assert good["resume"]["experience"][0]["end"] == "present"
    assert (scan["ok"], scan["error_code"]) == (False, "no_text_layer")
    assert scan["message"] == "This PDF is a scanned image with no text; it needs OCR."
    assert (old["ok"], old["error_code"]) == (False, "legacy_doc")
    assert (empty["ok"], empty["error_code"]) == (False, "empty_file")
    assert result.returncode == 1  # some files did not parse


def test_cli_text_mode(tmp_path, capsys):
    path = tmp_path / "jane.pdf"
    path.write_bytes(resume_pdf())
    assert main(["--text", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"==> {path} <==\nJane Doe\n")
    assert "Senior Data Engineer\tJan 2020 - Present" in out
    assert "{" not in out.splitlines()[1]


def test_missing_file_is_an_error_line(tmp_path):
    result = parse_file(tmp_path / "nope.pdf")
    assert result["ok"] is False and result["error_code"] == "unreadable_file"


def test_file_named_wrongly_is_reported(tmp_path):
    path = tmp_path / "resume.docx"
    path.write_bytes(resume_pdf())
    result = parse_file(path)
    assert (result["ok"], result["error_code"]) == (False, "format_mismatch")
    assert result["message"] == "The file is named a Word (DOCX) document but is actually a PDF."


def test_cli_limits_come_from_its_flags(tmp_path, capsys):
    path = tmp_path / "jane.pdf"
    path.write_bytes(resume_pdf())
    assert main([str(path), "--max-bytes", "100"]) == 1
    refused = json.loads(capsys.readouterr().out)
    assert refused["ok"] is False and refused["error_code"] == "file_too_large"
    assert main([str(path)]) == 0
