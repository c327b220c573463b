"""``python -m engine`` as an operator uses it: subprocesses, a real worker."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator

import pandas as pd
import pytest
import sqlalchemy as sa

from db import store
from db.connection import get_engine
from db.models import AuditEvent
from engine.orchestration.auth import os_user
from settings import ROOT
from tests.support.batches import JOB, Tailor, clear_queue, make_tailor, set_resume


@pytest.fixture
def tailor(sqlite_url: str, redis_url: str) -> Iterator[Tailor]:
    tailor = make_tailor(sqlite_url, redis_url, 8)
    yield tailor
    tailor.kill_workers()
    clear_queue(tailor)


def cli(tailor: Tailor, *args: str, ok: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run([sys.executable, "-m", "engine", *args],
                            cwd=ROOT, env={**os.environ, **tailor.env}, capture_output=True,
                            text=True, timeout=120)
    if ok:
        assert result.returncode == 0, result.stderr
    return result


def test_start_wait_status_retry_approve_export(tailor: Tailor, tmp_path):
    jd = tmp_path / "jd.txt"
    jd.write_text(f"{JOB.title}\n{JOB.text}")
    set_resume(tailor.settings.database_url, 2, None, None)
    tailor.worker()

    # Repeated --candidate flags add up; a candidate named twice runs once.
    started = cli(tailor, "start", "--jd", str(jd), "--candidate", "1", "2", "--candidate", "3",
                  "1", "--wait", "--interval", "0.3")
    lines = started.stdout.splitlines()
    batch_id = int(lines[0])
    assert lines[-1].startswith(f"batch {batch_id}: 3/3 done") and "failed=1" in lines[-1]

    status = cli(tailor, "status", str(batch_id)).stdout.splitlines()
    assert len(status) == 1
    counts = json.loads(status[0])
    assert (counts["total"], counts["ready"], counts["failed"], counts["queued"]) == (3, 2, 1, 0)

    runs = {r["candidate_id"]: r["id"] for r in store.run_steps(tailor.settings.database_url, batch_id)}
    refused = cli(tailor, "approve", str(runs["2"]), ok=False)
    assert refused.returncode == 1 and "only a ready result" in refused.stderr
    assert "approved (version 1)" in cli(tailor, "approve", str(runs["1"])).stdout
    with get_engine(tailor.settings.database_url).connect() as conn:  # who: the OS user
        actors = set(conn.execute(sa.select(AuditEvent.actor).where(
            AuditEvent.action.in_(["batch_started", "run_approved"]))).scalars())
    assert actors == {os_user()}
    assert "retried 1 failed runs" in cli(tailor, "retry-failed", str(batch_id)).stdout
    tailor.wait_finished(batch_id, 60)
    assert "queued again" in cli(tailor, "retry", str(runs["3"])).stdout
    tailor.wait_finished(batch_id, 60)

    out = tmp_path / "out.csv"
    assert "wrote 1 rows" in cli(tailor, "export", str(batch_id), "--csv", str(out)).stdout
    assert list(pd.read_csv(out, dtype={"candidate_id": str})["candidate_id"]) == ["1"]
    assert "wrote 3 rows" in cli(tailor, "export", str(batch_id), "--csv", str(out), "--all").stdout
    frame = pd.read_csv(out, dtype={"candidate_id": str}).set_index("candidate_id")
    assert frame.loc["1", "decision"] == "approved" and frame.loc["3", "status"] == "ready"
    assert frame.loc["2", "status"] == "failed"
    assert "checked 0 unfinished runs" in cli(tailor, "recover").stdout
    assert "purged 0 batches" in cli(tailor, "purge", "--older-than", "30").stdout

    parsed = tmp_path / "parsed"
    parsed.mkdir()
    (parsed / "c-9.json").write_text(json.dumps(store.load_run(
        tailor.settings.database_url, runs["1"])["parsed_resume"]))
    (parsed / "bad.json").write_text("[]")
    imported = cli(tailor, "import-parsed", str(parsed))
    assert "imported 1 resumes" in imported.stdout and "refused 1" in imported.stdout
    assert "refused bad.json: expected a JSON object" in imported.stderr


def test_start_by_search_cancel_and_bad_input(tailor: Tailor, tmp_path):
    jd = tmp_path / "jd.txt"
    jd.write_text(f"{JOB.title}\n{JOB.text}")
    batch_id = int(cli(tailor, "start", "--jd", str(jd), "--all").stdout.strip())
    assert "cancelled 8 queued runs" in cli(tailor, "cancel", str(batch_id)).stdout
    assert json.loads(cli(tailor, "status", str(batch_id)).stdout)["cancelled"] == 8

    missing = cli(tailor, "status", "999", ok=False)
    assert missing.returncode == 1 and "999 does not exist" in missing.stderr
    nobody = cli(tailor, "start", "--jd", str(jd), "--search", "zzzz-no-such-person", ok=False)
    assert nobody.returncode == 1 and "No candidates match" in nobody.stderr
    no_redis = subprocess.run([sys.executable, "-m", "engine", "start", "--jd", str(jd), "--all"],
                              cwd=ROOT, env={**os.environ, **tailor.env, "REDIS_URL": ""},
                              capture_output=True, text=True, timeout=60)
    if not (ROOT / "var" / "redis.url").exists():
        assert no_redis.returncode == 2 and "No Redis" in no_redis.stderr
