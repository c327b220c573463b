import re

from bench.quality import job_from_file, main, paired_jobs
from engine.resume import JobDescription


def test_demo_run_prints_the_quality_line(capsys):
    main(["--limit", "4", "--jobs", "2"])
    line = capsys.readouterr().out.splitlines()[0]
    figures = dict(re.findall(r"(\w+)=([\d.]+)", line))
    assert line.startswith("quality: n=8 ")
    assert float(figures["mean_after"]) > float(figures["mean_before"])
    assert figures["invented_facts"] == "0"


def test_each_resume_gets_distinct_postings_deterministically():
    jobs = [JobDescription(title=str(i), text="x") for i in range(7)]
    first = paired_jobs("1017.pdf", jobs, 3)
    assert first == paired_jobs("1017.pdf", jobs, 3)
    assert len({j.title for j in first}) == 3
    assert len(paired_jobs("a.pdf", jobs[:2], 5)) == 2


def test_posting_title_from_markdown_heading(tmp_path):
    path = tmp_path / "2026-07-02_acme_analytics-engineer.md"
    path.write_text("**URL:** x\n\n# Analytics Engineer at Acme\n\nBuild dbt models.\n")
    assert job_from_file(path).title == "Analytics Engineer"
