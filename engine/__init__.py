"""Tailor's engine: the steps of the data flow, and the orchestration that runs them.

The steps (pure: no database, Redis, RQ, Streamlit or settings; ``tests/test_architecture.py``
checks it):

    resume file bytes
      │ engine.extract      extract_document: format check, size/page limits, text, a
      ▼                     quality verdict, hidden-text flags          (PyMuPDF, python-docx)
    text (Document)
      │ engine.parse        parse_document: sections, contact, entries, dates, skills (spaCy)
      ▼
    Resume                  engine.resume: the model every step shares, with JobDescription
      │ engine.pipeline     tailor_resume, the one sequence:
      │   engine.tailor       an Optimizer (offline, or engine.tailor.gemini) edits bullet ids
      │   engine.score        match score before and after
      │   engine.claim_check  nothing invented, nothing dropped
      ▼
    Tailored                the tailored Resume, its edits, scores and findings
      │ engine.render       PDF/DOCX documents, the review diff, spreadsheet-safe cells
      ▼
    exports

Failures are ``engine.errors.TailorError`` (a code and a message): ``Refusal`` (bad input
the user must fix), ``ServiceFailure`` (the optimizer's service said no), ``Transient``
(retry later).

The orchestration, ``engine.orchestration``, is the only engine code that touches the
database (through ``db``), Redis, RQ and the settings: ``queue`` (Redis + RQ), ``batches``
(start, progress, retry, cancel, recover), ``jobs`` (the RQ job: claim runs, run the steps,
save each step's status), ``worker`` (warm-up and recovery on start), ``gemini_redis``
(the Gemini rate limit and cache shared through Redis), ``review`` (approve, reject,
write-back, CSV), ``imports``, ``retention``, ``auth``, ``api_keys``, ``webhooks`` and
``cli`` (``python -m engine …``; ``engine.runs`` and ``engine.jobs`` alias the old paths).
"""

import sys

# PyMuPDF 2.0 requires pymupdf_layout and pymupdf4llm (and with them onnxruntime) and imports
# both whenever they are installed: 0.8 s of CPU and 90 MB in every process, the layout
# one loading an ONNX model. Tailor uses neither (no ``Page.get_layout``, no Markdown); its
# reading order is engine.extract.pdf_layout's. Modules marked absent make PyMuPDF's
# imports of them fail quietly, so workers, the app, the API and the CLI start without them.
for _unused in ("pymupdf.layout", "pymupdf4llm"):
    sys.modules.setdefault(_unused, None)
