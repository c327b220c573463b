"""``python -m engine.tailor FILE --jd JD_FILE``: one JSON object per call."""

from __future__ import annotations

import json

from engine.tailor.__main__ import main

RESUME = """Rosa Quintero
rosa.quintero@example.org | +1 555 0100

EXPERIENCE
Data Analyst, Fernhill Logistics (2019 – Present)
• Responsible for managing the weekly freight report for 14 depots
• Built dbt models and SQL checks for delivery data quality
• Presented monthly results to the operations leads

SKILLS
Excel, SQL, dbt
"""

JOB = """# Analytics Engineer — Kestrel Freight

## What you'll do
- Build dbt models and SQL tests that keep delivery data quality high
- Own the freight reporting that depots use every week
- Work with operations leads on metrics and dashboards

## Benefits
- Health, life and disability insurance; 30 days of vacation
"""


def test_prints_one_json_object_with_every_part(tmp_path, capsys):
    (tmp_path / "rosa.txt").write_text(RESUME)
    (tmp_path / "job.md").write_text(JOB)
    assert main([str(tmp_path / "rosa.txt"), "--jd", str(tmp_path / "job.md")]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["ok"] and out["job"]["title"].startswith("Analytics Engineer")
    assert out["original"]["experience"][0]["company"] == "Fernhill Logistics"
    assert out["edits"], "the weak first bullet is reworded and relevant ones move up"
    for edit in out["edits"]:
        assert set(edit) >= {"id", "kind", "source_id", "before", "after", "reason"}
        assert edit["kind"] in {"reword", "move", "summary", "skills"} and edit["reason"]
    assert len({e["id"] for e in out["edits"]}) == len(out["edits"])
    assert out["scores"]["after"]["total"] >= out["scores"]["before"]["total"]
    assert out["claim_findings"] == []
    assert "Insurance" not in out["tailored"]["skills"]


def test_bad_input_is_one_clear_json_error(tmp_path, capsys):
    (tmp_path / "rosa.txt").write_text(RESUME)
    (tmp_path / "job.md").write_text("Analyst wanted.")
    assert main([str(tmp_path / "rosa.txt"), "--jd", str(tmp_path / "job.md")]) == 1
    out = json.loads(capsys.readouterr().out)
    assert out == {"ok": False, "error_code": "job_description_too_short", "message": out["message"]}
    assert main([str(tmp_path / "missing.pdf"), "--jd", str(tmp_path / "job.md")]) == 1
    assert json.loads(capsys.readouterr().out)["error_code"] == "unreadable_file"
