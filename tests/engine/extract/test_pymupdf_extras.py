"""PyMuPDF 2.0 brings its ONNX layout analyser and pymupdf4llm with it; Tailor uses neither,
so no process of Tailor's loads them (engine/__init__.py says how and why)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.test_architecture import ROOT

UNUSED = ("pymupdf.layout", "pymupdf4llm", "onnxruntime")


@pytest.mark.parametrize("entry", [
    "engine.orchestration.worker",  # rq worker --worker-class …
    "engine.orchestration.jobs",  # what a work horse runs
    "engine.orchestration.cli",  # python -m engine
    "api.app",  # uvicorn --factory api.app:create_app
    "demo.seed",
])
def test_an_entry_point_reads_pdfs_without_pymupdfs_unused_extras(entry):
    script = (f"import sys, {entry}, pymupdf\n"
              "from engine.extract.documents import extract_document\n"
              "document = pymupdf.open(); document.new_page().insert_text((72, 72), 'Ada')\n"
              "print(extract_document(document.tobytes(), declared_format='pdf').text)\n"
              f"print([m for m in {UNUSED!r} if sys.modules.get(m)])\n")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-3000:]
    text, loaded = done.stdout.splitlines()[-2:]
    assert "Ada" in text
    assert loaded == "[]"
