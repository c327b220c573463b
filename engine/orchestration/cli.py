"""Bulk runs from the command line, on the same functions the UI calls.

    python -m engine start --jd FILE (--candidate ID... | --search TEXT | --all) [--wait]
    python -m engine status BATCH
    python -m engine retry RUN
    python -m engine retry-failed BATCH
    python -m engine cancel BATCH
    python -m engine recover
    python -m engine approve RUN
    python -m engine export BATCH --csv FILE [--all] [--since DAY] [--until DAY]
    python -m engine purge --older-than DAYS
    python -m engine import-parsed DIR [--jd FILE]
    python -m engine grant EMAIL ROLE / revoke EMAIL ROLE   (viewer, recruiter, reviewer, admin)

Workers: ``rq worker --with-scheduler --worker-class engine.orchestration.worker.TailorWorker tailor``.
Every action is recorded as the operating-system user running the command.
Exit status 0 on success, 1 when the action was refused, 2 on bad usage or configuration.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from db.candidates import CandidateQuery, open_candidate_source
from db.errors import CandidateMappingError, StoreError
from db.exports import ExportFilter
from db.users import Role, grant_role, revoke_role
from engine.errors import Refusal, TailorError, Unavailable
from engine.orchestration.auth import os_user
from engine.orchestration.batches import (batch_progress, cancel_batch, estimate_cost, recover,
                                          retry_failed, retry_run, start_batch)
from engine.orchestration.imports import import_parsed
from engine.orchestration.retention import purge_older_than
from engine.orchestration.review import approve_run
from engine.resume import JobDescription
from settings import Settings, exit_on_config_error, load_settings


def read_job_file(path: Path) -> JobDescription:
    """The job description in a text file; its first line is the title."""
    text = path.read_text(encoding="utf-8").strip()
    if not text:
        raise Refusal("job_description_empty", f"{path} is empty: put the posting in it.")
    title = next(line.strip() for line in text.splitlines() if line.strip())
    return JobDescription(title=title[:300], text=text)


def selected_ids(settings: Settings, args: argparse.Namespace) -> list[str]:
    if args.candidate:
        return args.candidate
    source = open_candidate_source(settings.candidates_url, settings.candidate_table)
    return source.matching_ids(CandidateQuery(text="" if args.all else args.search))


def cmd_start(settings: Settings, args: argparse.Namespace) -> int:
    job = read_job_file(Path(args.jd))
    ids = selected_ids(settings, args)
    if not ids:
        print("No candidates match.", file=sys.stderr)
        return 1
    estimate = estimate_cost(settings, ids, job)
    if estimate.cost_usd:
        print(f"estimated cost: ${estimate.cost_usd:.4f} for {estimate.candidates} resumes",
              file=sys.stderr)
    batch_id = start_batch(settings, ids, job, args.user, estimate)
    print(batch_id, flush=True)
    if args.wait:
        while True:
            progress = batch_progress(settings, batch_id)
            print(progress.line(), flush=True)
            if progress.finished:
                break
            time.sleep(args.interval)
    return 0


def cmd_status(settings: Settings, args: argparse.Namespace) -> int:
    progress = batch_progress(settings, args.batch)
    print(json.dumps({"batch_id": progress.batch_id, "total": progress.total, **progress.counts,
                      "cost_usd": round(progress.cost_usd, 6),
                      "resumes_per_s": progress.resumes_per_s, "eta_s": progress.eta_s}))
    return 0


def cmd_retry(settings: Settings, args: argparse.Namespace) -> int:
    retry_run(settings, args.run, args.user, confirm_approved=args.confirm)
    print(f"run {args.run} queued again")
    return 0


def cmd_retry_failed(settings: Settings, args: argparse.Namespace) -> int:
    count, refused = retry_failed(settings, args.batch, args.user)
    print(f"retried {count} failed runs")
    for run_id, reason in refused.items():
        print(f"run {run_id}: {reason}", file=sys.stderr)
    return 0


def cmd_cancel(settings: Settings, args: argparse.Namespace) -> int:
    print(f"cancelled {cancel_batch(settings, args.batch, args.user)} queued runs")
    return 0


def cmd_recover(settings: Settings, args: argparse.Namespace) -> int:
    report = recover(settings)
    print(f"checked {report.checked} unfinished runs, re-enqueued {len(report.requeued)}, "
          f"webhook deliveries re-enqueued {len(report.redelivered)}")
    return 0


def cmd_approve(settings: Settings, args: argparse.Namespace) -> int:
    version = approve_run(settings, args.run, args.user)
    print(f"run {args.run} approved (version {version})")
    return 0


def cmd_export(settings: Settings, args: argparse.Namespace) -> int:
    """The Export page's CSV of the batch: approved runs, or every run with ``--all``;
    ``--since``/``--until`` keep runs decided on those days (UTC, both included)."""
    chosen = ExportFilter(batch_id=args.batch, include_all=args.all,
                          since=_day_start(args.since),
                          until=_day_start(args.until + timedelta(days=1)) if args.until else None)
    # Deferred: pandas (~0.3 s) loads for an export only, not for every command.
    from engine.orchestration.export import csv_text, export_frame

    frame = export_frame(settings, chosen)
    Path(args.csv).write_text(csv_text(frame), encoding="utf-8")
    print(f"wrote {len(frame)} rows to {args.csv}")
    return 0


def _day_start(day: date | None) -> datetime | None:
    return datetime.combine(day, datetime.min.time(), UTC) if day else None


def cmd_purge(settings: Settings, args: argparse.Namespace) -> int:
    batches, runs = purge_older_than(settings, args.older_than)
    print(f"purged {batches} batches, {runs} runs")
    return 0


def cmd_import_parsed(settings: Settings, args: argparse.Namespace) -> int:
    job = read_job_file(Path(args.jd)) if args.jd else None
    report = import_parsed(settings, Path(args.dir), job, args.user)
    for name, reason in report.refused.items():
        print(f"refused {name}: {reason}", file=sys.stderr)
    print(f"imported {len(report.imported)} resumes into batch {report.batch_id}; "
          f"refused {len(report.refused)}")
    return 0 if report.imported or not report.refused else 1


def cmd_grant(settings: Settings, args: argparse.Namespace) -> int:
    """Grant (or with ``revoke``, take away) a role of a signed-in user, by email."""
    change = grant_role if args.command == "grant" else revoke_role
    done = change(settings.database_url, args.email, Role(args.role), args.user)
    verb = "granted to" if args.command == "grant" else "taken from"
    print(f"{args.role} {verb} {args.email}" if done else
          f"nothing to do: {args.email} {'already has' if args.command == 'grant' else 'has no'} "
          f"{args.role}")
    return 0


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(prog="python -m engine", description=__doc__.splitlines()[0])
    main.set_defaults(user=os_user())  # never typed: the audit log must be believable
    sub = main.add_subparsers(dest="command", required=True)

    start = sub.add_parser("start", help="start a batch")
    start.add_argument("--jd", required=True, help="job description text file")
    pick = start.add_mutually_exclusive_group(required=True)
    # Repeated flags add up ("--candidate 1 --candidate 2"), as a shell loop writes them.
    pick.add_argument("--candidate", nargs="+", action="extend", metavar="ID")
    pick.add_argument("--search", metavar="TEXT")
    pick.add_argument("--all", action="store_true")
    start.add_argument("--wait", action="store_true", help="print progress until done")
    start.add_argument("--interval", type=float, default=2.0, help=argparse.SUPPRESS)
    start.set_defaults(func=cmd_start)

    for name, func, arg in (("status", cmd_status, "batch"), ("retry", cmd_retry, "run"),
                            ("retry-failed", cmd_retry_failed, "batch"),
                            ("cancel", cmd_cancel, "batch")):
        command = sub.add_parser(name)
        command.add_argument(arg, type=int)
        command.set_defaults(func=func)
        if name == "retry":
            command.add_argument("--confirm", action="store_true",
                                 help="retry an approved run: withdraws its approval and write-back")

    sub.add_parser("recover").set_defaults(func=cmd_recover)

    approve = sub.add_parser("approve")
    approve.add_argument("run", type=int)
    approve.set_defaults(func=cmd_approve)

    export = sub.add_parser("export")
    export.add_argument("batch", type=int)
    export.add_argument("--csv", required=True, metavar="FILE")
    export.add_argument("--all", action="store_true",
                        help="every run of the batch, not only the approved ones")
    export.add_argument("--since", type=date.fromisoformat, metavar="YYYY-MM-DD",
                        help="runs decided (undecided ones: started) on or after this day (UTC)")
    export.add_argument("--until", type=date.fromisoformat, metavar="YYYY-MM-DD",
                        help="runs decided (undecided ones: started) on or before this day (UTC)")
    export.set_defaults(func=cmd_export)

    purge = sub.add_parser("purge")
    purge.add_argument("--older-than", type=int, required=True, metavar="DAYS")
    purge.set_defaults(func=cmd_purge)

    imports = sub.add_parser("import-parsed")
    imports.add_argument("dir")
    imports.add_argument("--jd", help="tailor the imported resumes to this job description")
    imports.set_defaults(func=cmd_import_parsed)

    for name in ("grant", "revoke"):
        role = sub.add_parser(name, help=f"{name} a role of a signed-in user (by email)")
        role.add_argument("email")
        role.add_argument("role", choices=[r.value for r in Role])
        role.set_defaults(func=cmd_grant)
    return main


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    with exit_on_config_error():  # a ConfigError anywhere: one line, status 2
        try:
            return args.func(load_settings(), args)
        # Setup trouble (status 2): a wrong candidate mapping, no Redis, an unreadable file.
        except (CandidateMappingError, Unavailable, OSError) as error:
            return _said(error, 2)
        # Refused actions (status 1): the engine's refusals and the store's (a run in the
        # wrong state, a run or batch that does not exist): each layer's root.
        except (TailorError, StoreError) as error:
            return _said(error, 1)


def _said(error: Exception, status: int) -> int:
    print(error, file=sys.stderr)
    return status


if __name__ == "__main__":
    sys.exit(main())
