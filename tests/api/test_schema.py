"""schemathesis against the live OpenAPI document: generated requests (valid and
invalid) to every operation, with a key that may do everything, must find no 500 and no
response that breaks the documented schema. Bounded in examples per operation and time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from db.models import ApiScope
from tests.api.conftest import start_server, tailor_for
from tests.support.batches import clear_queue

SCHEMATHESIS = str(Path(sys.executable).parent / "schemathesis")
MAX_EXAMPLES = 8
MAX_TIME_S = 30
# Left out: "positive_data_acceptance" (a schema-valid request must get a 2xx or a 404):
# a valid webhook URL can still be refused (422: unresolvable, or private), and
# "approve a run that is not ready" is 409 by design. No schema can say which.
EXCLUDED_CHECKS = "positive_data_acceptance"


def test_schemathesis_finds_no_server_error_and_no_schema_violation(postgres_url, redis_url,
                                                                     tmp_path):
    tailor = tailor_for(postgres_url, redis_url)
    server = start_server(tailor)
    try:
        key = server.key(ApiScope.REVIEW)
        run = subprocess.run(
            [SCHEMATHESIS, "run", f"{server.base_url}/openapi.json",
             "--header", f"Authorization: Bearer {key}",
             "--exclude-checks", EXCLUDED_CHECKS, "--max-examples", str(MAX_EXAMPLES), "--max-time", str(MAX_TIME_S),
             "--seed", "14", "--phases", "examples,coverage,fuzzing", "--workers", "1",
             "--report", "junit", "--report-dir", str(tmp_path)],
            capture_output=True, text=True, timeout=MAX_TIME_S + 120, cwd=tmp_path)
    finally:
        server.stop()
        clear_queue(tailor)
    assert run.returncode == 0, run.stdout[-12000:] + run.stderr[-3000:]
    assert "No issues found" in run.stdout or "passed" in run.stdout, run.stdout[-3000:]
