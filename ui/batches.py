"""Batches: every batch with its counts, and one batch's live progress, runs, retry and cancel."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from db.errors import RunStateError
from db.models import ACTIVE_STATUSES, RUNNING_STATUSES, RunStatus, Verdict
from db.queries import RunRow, batch_runs, batches
from db.store import batch_counts
from engine.orchestration.batch_resume import resume_batch
from engine.orchestration.batches import (
    BatchProgress,
    batch_progress,
    cancel_batch,
    gemini_outage,
    retry_failed,
    retry_run,
)
from engine.errors import Unavailable
from db.users import Role
from ui.common import chosen_batch, current_user, plain, refusal, settings

# Material icons: Streamlit ships their font, so they render where emoji fonts are missing.
STATUS_WORDS = {
    RunStatus.QUEUED: ":gray[:material/schedule: queued]",
    RunStatus.EXTRACTING: ":blue[:material/description: reading file]",
    RunStatus.PARSING: ":blue[:material/account_tree: parsing]",
    RunStatus.OPTIMIZING: ":blue[:material/auto_fix_high: tailoring]",
    RunStatus.READY: ":green[:material/check_circle: ready]",
    RunStatus.FAILED: ":red[:material/error: failed]",
    RunStatus.CANCELLED: ":gray[:material/block: cancelled]",
}
RUN_PAGE = 50
TIMED_STEPS = ("parse", "optimize")  # engine.orchestration.jobs' StepClock steps, in order

st.title("Batches")
app_settings = settings()
url = app_settings.database_url


def batch_table() -> pd.DataFrame:
    rows = [{"Batch": f"#{b.id}", "Job": b.title, "Started": b.created_at, "By": b.created_by,
             "Candidates": b.total, "Ready": b.ready, "Failed": b.failed, "In progress": b.active,
             "Approved": b.approved, "Cancelled": "yes" if b.cancelled else ""}
            for b in batches(url)]
    return pd.DataFrame(rows)


def notice(message: str, kind: str = "info", detail: str | None = None) -> None:
    # Kept in the session: the live fragment redraws every 2 s and would wipe a plain st.error.
    st.session_state["batch_notice"] = (st.query_params.get("batch"), kind, message, detail)


def show_notice(batch_id: int) -> None:
    shown_for, kind, message, detail = st.session_state.get("batch_notice", (None,) * 4)
    if message and shown_for == str(batch_id):
        getattr(st, kind)(message)
        if detail:
            with st.popover("Details for an administrator"):
                st.code(detail, language=None)


def recruiter_words(refused: str) -> str:
    """A refusal as a recruiter can act on it (the raw text goes to the admin detail)."""
    if "attempts" in refused:
        return ("This run has been tried as often as allowed. Check the candidate's resume "
                "file, or ask an administrator to allow more attempts.")
    if "in progress" in refused:
        return "This run is still being worked on: retry it once it has finished."
    return refused


def confirm_retry(run_id: int) -> None:
    st.session_state["confirm_retry"] = run_id


def error_words(run: RunRow, said_above: str | None) -> str:
    """The run's error; one the banner above explains (code ``said_above``) in brief."""
    if said_above and run.error_code == said_above:
        return ":gray[Gemini unreachable (see above)]"
    return plain(run.error_message or "")


def step_times(seconds: dict[str, float] | None) -> str:
    """"0.42 s · 1.2 s": the worker's two steps of the run's current attempt (read the
    file and parse it, then tailor, score and check), as timed; blank until both ran."""
    timed = [(seconds or {}).get(step) for step in TIMED_STEPS]
    if None in timed:
        return ""
    return " · ".join(f"{value:.2f} s" if value < 1 else f"{value:,.1f} s" for value in timed)


def per_minute(rate_per_s: float | None) -> str:
    if rate_per_s is None:
        return "—"
    per_min = rate_per_s * 60
    return f"{per_min:,.1f}" if per_min < 100 else f"{per_min:,.0f}"


def score(run: RunRow) -> str:
    if run.score_before is None:
        return ""
    if run.score_after is None:
        return f"{run.score_before:.0f}"
    return f"{run.score_before:.0f} → {run.score_after:.0f}"


def on_retry(run_id: int, confirmed: bool = False) -> None:
    st.session_state.pop("confirm_retry", None)
    if why := refusal(Role.RECRUITER, "retry runs"):
        notice(why, "error")
        return
    try:
        retry_run(app_settings, run_id, current_user(), confirm_approved=confirmed)
        notice(f"Run {run_id} is queued again from the start"
               + (" (its approval stays in the history)." if confirmed else "."), "success")
    except RunStateError as refused:
        notice(f"Run {run_id} was not retried: {plain(recruiter_words(str(refused)))}", "error",
               detail=str(refused))
    except Unavailable as error:
        notice(f"Cannot retry: {plain(error)}.", "error")


def retry_button(col, run: RunRow) -> None:
    """Retry where it makes sense: finished runs only; an approved one asks first."""
    if run.status in ACTIVE_STATUSES:
        return
    if run.decision == Verdict.APPROVED:
        if st.session_state.get("confirm_retry") == run.id:
            col.button("Confirm retry", key=f"confirm_{run.id}", type="primary",
                       on_click=on_retry, args=(run.id, True),
                       help="Withdraws the approval (kept in the history) and runs it again.")
        else:
            col.button("Retry…", key=f"retry_{run.id}", on_click=confirm_retry, args=(run.id,),
                       help="This run is approved: you will be asked to confirm.")
        return
    col.button("Retry", key=f"retry_{run.id}", on_click=on_retry, args=(run.id,),
               help="Read, parse and tailor this resume again from the file (attempt + 1).")


def runs_list(batch_id: int, said_above: str | None = None) -> None:
    runs = batch_runs(url, batch_id)
    statuses = ["All", RunStatus.FAILED.value, RunStatus.READY.value, "in progress",
                RunStatus.CANCELLED.value]
    show = st.segmented_control("Show", statuses, default="All", key="run_filter") or "All"
    if show == "in progress":
        runs = [r for r in runs if r.status in ACTIVE_STATUSES]
    elif show != "All":
        runs = [r for r in runs if r.status == show]
    pages = max(1, -(-len(runs) // RUN_PAGE))
    page = st.number_input(f"Runs page (of {pages})", 1, pages, key="run_page") if pages > 1 else 1
    widths = [2.2, 1.4, 0.5, 2.6, 1.4, 0.9, 1.0, 1.0, 1.2]
    head = st.columns(widths)
    for col, title in zip(head, ["Candidate", "Status", "Try", "Error", "Read · tailor",
                                 "Score", "Findings", "", ""]):
        if title:
            col.markdown(f"**{title}**")
    for run in runs[(page - 1) * RUN_PAGE: page * RUN_PAGE]:
        cols = st.columns(widths, vertical_alignment="center")
        cols[0].write(f"{plain(run.candidate_name or '—')} · :gray[{plain(run.candidate_id)}]")
        cols[1].write(STATUS_WORDS.get(run.status, run.status)
                      + (f" · {run.decision}" if run.decision else ""))
        cols[2].write(str(run.attempt))
        cols[3].write(error_words(run, said_above))
        cols[4].caption(step_times(run.step_seconds))
        cols[5].write(score(run))
        findings = f":orange[:material/warning: {run.findings}]" if run.findings else "0"
        cols[6].write(findings if run.status == RunStatus.READY else "")
        if run.status == RunStatus.READY:
            cols[7].page_link("ui/review.py", label="Review",
                              query_params={"batch": str(batch_id), "run": str(run.id)})
        retry_button(cols[8], run)


def rate_help(progress: BatchProgress) -> str:
    if progress.working_s is None:
        return "Shown once runs have been worked on for a second or more."
    return (f"Finished runs per minute over {progress.working_s / 60:,.1f} min of work: the "
            "time some run was being worked on, not the time since the batch was started.")


def outage_banner(progress: BatchProgress) -> str | None:
    """One banner for the batch when Gemini could not be reached, instead of the same
    error on every run; the technical reason one click away. Returns the error code the
    banner explains."""
    if (outage := gemini_outage(app_settings, progress)) is None:
        return None
    if outage.open_now:
        stopped = (f", so {outage.failed:,} runs of this batch stopped at once (nothing was "
                   "spent on them)" if outage.failed else "")
        st.error(f"**Gemini cannot be reached**{stopped}. Tailor tries it again every minute; "
                 "meanwhile runs stop at once. Check that this server can reach Google — its "
                 "network, proxy or firewall — then press **Retry all failed**. An "
                 "administrator can also turn on the offline fallback, so runs are tailored "
                 "offline instead.", icon=":material/cloud_off:")
    elif outage.failed:
        st.error(f"**Gemini could not be reached**, so {outage.failed:,} runs of this batch "
                 "stopped at once (nothing was spent on them). Tailor is trying Gemini again: "
                 "press **Retry all failed**.", icon=":material/cloud_off:")
    if outage.fell_back:
        st.warning(f"Gemini could not be reached, so {outage.fell_back:,} runs were tailored "
                   "with the offline optimizer instead (each says so). Retry them once "
                   "Gemini is reachable for Gemini's edits.", icon=":material/cloud_off:")
    if outage.message:
        with st.popover("Details for an administrator"):
            st.code(outage.message, language=None)
    return outage.error_code


def progress_panel(batch_id: int) -> None:
    progress = batch_progress(app_settings, batch_id)
    show_notice(batch_id)
    said_above = outage_banner(progress)
    dropped = progress.counts[RunStatus.CANCELLED]
    finished = progress.done - dropped
    st.progress(progress.done / progress.total if progress.total else 1.0,
                text=(f"Cancelled: {finished:,} of {progress.total:,} finished, {dropped:,} "
                      "not run" if progress.cancelled else
                      f"{progress.done:,} of {progress.total:,} done"))
    if pending := st.session_state.get("confirm_retry"):
        st.warning(f"Run {pending} is approved. Retrying withdraws the approval (it stays in "
                   "the history) and reverts what was written back. Press **Confirm retry** "
                   "on its row to go ahead.")
    counts = progress.counts
    cols = st.columns(7)
    cols[0].metric("Queued", counts[RunStatus.QUEUED])
    cols[1].metric("Working", sum(counts[s] for s in RUNNING_STATUSES))
    cols[2].metric("Ready", counts[RunStatus.READY])
    cols[3].metric("Failed", counts[RunStatus.FAILED])
    cols[4].metric("Resumes/min", per_minute(progress.resumes_per_s), help=rate_help(progress))
    cols[5].metric("ETA", "done" if progress.finished else
                   ("—" if progress.eta_s is None else f"{progress.eta_s:,.0f} s"))
    cols[6].metric("Cost so far", f"${progress.cost_usd:,.2f}" if progress.cost_usd >= 1
                   else f"${progress.cost_usd:.4f}")
    if progress.cancelled:
        st.warning("This batch was cancelled: queued runs were dropped, runs already started "
                   "finish. Resume it to run the dropped ones.")
        if st.button("Resume batch", type="primary") and not refusal(Role.RECRUITER, "resume batches"):
            try:
                notice(f"Batch resumed: {resume_batch(app_settings, batch_id, current_user())} "
                       "runs queued again.", "success")
            except Unavailable as error:
                notice(f"Cannot resume: {plain(error)}.", "error")
            st.session_state["batch_live"] = False
            st.rerun(scope="app")

    actions = st.columns([1, 1, 1, 3])
    if actions[0].button("Retry all failed", disabled=counts[RunStatus.FAILED] == 0):
        if why := refusal(Role.RECRUITER, "retry runs"):
            notice(why, "error")
            st.rerun(scope="fragment")
        try:
            retried, refused = retry_failed(app_settings, batch_id, current_user())
            why = "; ".join(f"run {r}: {plain(recruiter_words(m))}" for r, m in refused.items())
            notice(f"{retried} failed runs queued again." + (f" Refused — {why}" if why else ""),
                   "warning" if refused else "success",
                   detail="\n".join(f"run {r}: {m}" for r, m in refused.items()) or None)
        except Unavailable as error:
            notice(f"Cannot retry: {plain(error)}.", "error")
        st.rerun(scope="fragment")
    if actions[1].button("Cancel batch", disabled=progress.finished or progress.cancelled):
        if why := refusal(Role.RECRUITER, "cancel batches"):
            notice(why, "error")
            st.rerun(scope="fragment")
        dropped = cancel_batch(app_settings, batch_id, current_user())
        notice(f"Batch cancelled: {dropped} queued runs dropped.", "warning")
        st.rerun(scope="fragment")
    if actions[2].button("Review results", type="primary", disabled=counts[RunStatus.READY] == 0):
        st.switch_page("ui/review.py", query_params={"batch": str(batch_id)})
    runs_list(batch_id, said_above)
    if progress.finished == bool(st.session_state.get("batch_live")):
        # Done: stop the 2 s refresh. Retried: start it again.
        st.session_state["batch_live"] = not progress.finished
        st.rerun(scope="app")


with st.expander("All batches", expanded=False):
    st.dataframe(batch_table(), hide_index=True, width="stretch")

batch_id = chosen_batch(url)
if batch_id is None:
    st.stop()
counts = batch_counts(url, batch_id)  # counts only: the live panel computes the rest
live = counts.done < counts.total
st.session_state["batch_live"] = live
st.fragment(progress_panel, run_every=2 if live else None)(batch_id)
