"""Does the offline optimizer help, and does it invent anything?

Scores each resume against a few job descriptions before and after ``optimize_offline``
and runs the claim check on every result. Prints

    quality: n=… mean_before=… mean_after=… invented_facts=… unsupported_skills=…
    verb_form_breaks=… moved_shown_as_deleted=… evidence_up_front_before=…
    evidence_up_front_after=…

(definitions in ``bench.quality_metrics``)
followed by what was sampled. Without ``--corpus``: demo candidates against the demo job
descriptions (``--through-parser`` renders each candidate to its demo file and parses it
first). With ``--corpus PATH``: the real resumes of ``PATH/labelled/*/*.pdf`` and
``PATH/files/*`` parsed with ``engine.parse.parser.parse_resume`` (files that fail to parse
are counted and skipped) against the postings in ``PATH/job_descriptions/**``; each
resume is paired with ``--jobs`` postings chosen by a hash of its file name. ``--part``
takes the REPORT half of the corpus (default; ``bench.corpus_split``), the TUNE half that
rules were tuned on, or all of it.

    python -m bench.quality [--corpus PATH] [--part report|tune|all] [--limit 60] [--jobs 3]
                            [--show-findings]
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench import quality_metrics as metrics
from engine.claim_check import ClaimFinding
from engine.errors import TailorError
from engine.pipeline import tailor_resume
from engine.tailor.offline import optimize_offline
from engine.resume import JobDescription, Resume
from engine.tailor.keywords import job_keywords

RESUME_SUFFIXES = {".pdf", ".docx", ".txt"}
JOB_SUFFIXES = {".md", ".txt"}


@dataclass
class Tally:
    before: list[float] = field(default_factory=list)
    after: list[float] = field(default_factory=list)
    invented: list[tuple[str, ClaimFinding]] = field(default_factory=list)
    dropped_metrics: int = 0
    unsupported: list[tuple[str, str]] = field(default_factory=list)
    verb_breaks: list[tuple[str, str, str]] = field(default_factory=list)
    moves_not_shown: int = 0
    moves_deleted_by_text_diff: int = 0
    moves: int = 0
    unchanged: int = 0
    up_front_before: list[float] = field(default_factory=list)
    up_front_after: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)

    def add(self, label: str, resume: Resume, job: JobDescription) -> None:
        try:
            tailored = tailor_resume(resume, job, optimize_offline)
        except TailorError as error:  # a clear refusal (e.g. a too-short posting) is counted
            self.errors[error.code] = self.errors.get(error.code, 0) + 1
            return
        findings = tailored.findings
        self.before.append(tailored.before.total)
        self.after.append(tailored.after.total)
        self.invented += [(label, f) for f in findings if not f.kind.startswith("dropped")]
        self.dropped_metrics += sum(f.kind == "dropped_metric" for f in findings)
        edits = tailored.optimization.edits
        self.unsupported += [(label, s) for s in metrics.unsupported_skills(resume, tailored.resume)]
        self.verb_breaks += [(label, e.before, e.after) for e in edits if metrics.verb_form_break(e)]
        self.moves += sum(e.kind == "move" for e in edits)
        self.unchanged += tailored.resume == resume
        self.moves_not_shown += metrics.moves_not_shown(resume, edits)
        self.moves_deleted_by_text_diff += metrics.moves_shown_as_deleted_by_text_diff(
            resume, tailored.resume, edits)
        keywords = job_keywords(job)
        before = metrics.evidence_up_front(resume, resume, keywords)
        if before is not None:
            self.up_front_before.append(before)
            self.up_front_after.append(metrics.evidence_up_front(resume, tailored.resume, keywords) or 0.0)

    def line(self) -> str:
        n = len(self.before)
        mean = (lambda xs: sum(xs) / len(xs) if xs else 0.0)
        return (
            f"quality: n={n} mean_before={mean(self.before):.1f} mean_after={mean(self.after):.1f} "
            f"invented_facts={len(self.invented)} unsupported_skills={len(self.unsupported)} "
            f"verb_form_breaks={len(self.verb_breaks)} moved_shown_as_deleted={self.moves_not_shown} "
            f"evidence_up_front_before={mean(self.up_front_before):.3f} "
            f"evidence_up_front_after={mean(self.up_front_after):.3f}"
        )

    def detail(self) -> str:
        return (
            f"  dropped_metrics={self.dropped_metrics} runs_unchanged={self.unchanged} moves={self.moves} "
            f"moves_the_old_text_diff_shows_deleted={self.moves_deleted_by_text_diff}"
        )


def job_from_file(path: Path) -> JobDescription:
    text = path.read_text(encoding="utf-8", errors="replace")
    heading = re.search(r"^#\s+(.+)$", text, re.M)
    title = heading[1] if heading else path.stem.replace("_", " ")
    title = re.split(r"\s+at\s+", title)[0].strip()  # "Analytics Engineer at X" -> role
    return JobDescription(title=title[:120], text=text)


def corpus_jobs(corpus: Path) -> list[JobDescription]:
    paths = sorted(
        p
        for p in (corpus / "job_descriptions").rglob("*")
        if p.is_file() and p.suffix.lower() in JOB_SUFFIXES
    )
    return [job_from_file(p) for p in paths]


def corpus_resume_files(corpus: Path) -> list[Path]:
    labelled = sorted((corpus / "labelled").glob("*/*.pdf"))
    files = sorted(
        p for p in (corpus / "files").glob("*") if p.is_file() and p.suffix.lower() in RESUME_SUFFIXES
    )
    return labelled + files


def sample(items: list, limit: int) -> list:
    """``limit`` items spread evenly over ``items`` (all of them when limit is 0)."""
    if not limit or limit >= len(items):
        return items
    step = len(items) / limit
    return [items[int(i * step)] for i in range(limit)]


def paired_jobs(key: str, jobs: list[JobDescription], count: int) -> list[JobDescription]:
    """``count`` distinct postings for a resume, chosen by a hash of its name."""
    digest = int(hashlib.sha256(key.encode()).hexdigest(), 16)
    start, step = digest % len(jobs), 1 + (digest // len(jobs)) % max(1, len(jobs) - 1)
    indices: list[int] = []
    i = start
    while len(indices) < min(count, len(jobs)):
        if i not in indices:
            indices.append(i)
        i = (i + step) % len(jobs)
        if i == start:
            i = (i + 1) % len(jobs)
    return [jobs[i] for i in indices]


def parse_bytes(data: bytes, filename: str) -> Resume:
    """``engine.parse.parser.parse_resume`` on a file's bytes (its name given when it takes one)."""
    try:
        from engine.parse.parser import parse_resume
    except ImportError as error:
        sys.exit(f"bench.quality: parsing resumes needs engine.parse.parser.parse_resume ({error})")
    if "filename" in inspect.signature(parse_resume).parameters:
        return parse_resume(data, filename=filename)
    return parse_resume(data)


def run_corpus(corpus: Path, limit: int, jobs_per_resume: int, tally: Tally, part: str = "report") -> str:
    from bench.corpus_split import key_of, part_of

    jobs = corpus_jobs(corpus)
    files = [f for f in corpus_resume_files(corpus)
             if part == "all" or part_of(key_of(f, corpus)).value == part]
    chosen = sample(files, limit)
    failed = 0
    for path in chosen:
        try:
            resume = parse_bytes(path.read_bytes(), path.name)
        except (TailorError, ValueError, OSError):
            failed += 1
            continue
        if not resume.experience and not resume.skills and not resume.summary:
            failed += 1  # parsed to nothing usable: nothing to tailor
            continue
        for job in paired_jobs(path.name, jobs, jobs_per_resume):
            tally.add(str(path.relative_to(corpus)), resume, job)
    return (
        f"corpus={corpus} part={part} resumes={len(chosen)} of {len(files)} (--limit {limit}) "
        f"parse_failures={failed} postings={len(jobs)} jobs_per_resume={jobs_per_resume}"
    )


def run_demo(limit: int, jobs_per_resume: int, through_parser: bool, tally: Tally) -> str:
    from demo.job_descriptions import JOB_DESCRIPTIONS
    from demo.people import make_person
    from demo.render import file_format, layout_for, render_resume

    failed = 0
    for index in range(limit):
        person = make_person(index)
        resume = person.to_resume()
        if through_parser:
            layout = layout_for(index)
            extension = {"pdf": "pdf", "docx": "docx", "text": "txt"}[file_format(layout)]
            try:
                resume = parse_bytes(render_resume(person, layout), f"{index}.{extension}")
            except (TailorError, ValueError):
                failed += 1
                continue
        for offset in range(jobs_per_resume):
            job = JOB_DESCRIPTIONS[(index + offset) % len(JOB_DESCRIPTIONS)]
            tally.add(f"demo {index}", resume, job)
    source = "rendered and parsed" if through_parser else "to_resume()"
    return (
        f"demo candidates={limit} ({source}, parse_failures={failed}) "
        f"job_descriptions={len(JOB_DESCRIPTIONS)} jobs_per_resume={jobs_per_resume}"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="a corpus folder (labelled/, files/, job_descriptions/)")
    parser.add_argument("--part", choices=("report", "tune", "all"), default="report",
                        help="corpus half: report (not tuned on), tune, or all")
    parser.add_argument("--limit", type=int, default=60, help="resumes to sample (0: all)")
    parser.add_argument("--jobs", type=int, default=3, help="postings per resume")
    parser.add_argument("--through-parser", action="store_true", help="demo: render and parse each candidate")
    parser.add_argument("--show-findings", action="store_true", help="print every invented-fact finding")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    tally = Tally()
    if args.corpus:
        detail = run_corpus(args.corpus, args.limit, args.jobs, tally, args.part)
    else:
        detail = run_demo(args.limit or 60, args.jobs, args.through_parser, tally)
    print(tally.line())
    print(tally.detail())
    errors = " ".join(f"{code}={count}" for code, count in sorted(tally.errors.items()))
    print(f"  {detail} refused={errors or 0} seconds={time.perf_counter() - started:.1f}")
    if args.show_findings:
        for label, finding in tally.invented:
            print(f"  {label}: {finding.kind} {finding.text!r} at {finding.source_id}", file=sys.stderr)
        for label, skill in tally.unsupported:
            print(f"  {label}: unsupported skill {skill!r}", file=sys.stderr)
        for label, before, after in tally.verb_breaks:
            print(f"  {label}: verb form {before!r} -> {after!r}", file=sys.stderr)


if __name__ == "__main__":
    main()
