"""Review: a queue of a batch's ready results with filters, next/previous and
auto-advance after a decision; each result beside its original; approve or reject one
by one or in bulk. Who opened which result is stored per reviewer."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from db.models import RunStatus, Verdict
from db.queries import RunRow, batch_runs
from db.store.review_looks import looked_runs
from db.users import Role
from engine.orchestration.review import approve_runs
from engine.orchestration.review_outcome import reject_runs, written_to
from engine.parse.confidence import may_be_misread
from ui.common import chosen_batch, current_user, plain, query_id, refusal, settings
from ui.review_detail import run_detail

OPEN = "open_run"

st.title("Review")
app_settings = settings()
url = app_settings.database_url


@dataclass(frozen=True)
class QueueFilter:
    undecided: bool
    findings: bool
    flags: bool
    misread: bool
    min_gain: float
    name: str

    def keeps(self, run: RunRow) -> bool:
        gain = (run.score_after or 0) - (run.score_before or 0)
        return ((not self.undecided or not run.decision) and (not self.findings or run.findings > 0)
                and (not self.flags or run.flags > 0)
                and (not self.misread or may_be_misread(run.confidence)) and gain >= self.min_gain
                and self.name.casefold() in (run.candidate_name or run.candidate_id).casefold())


def queue_filter() -> QueueFilter:
    undecided, findings, flags, misread, gain, name = st.columns([1.3, 1.2, 1, 1.4, 1.1, 1.6])
    return QueueFilter(
        undecided=undecided.toggle("Undecided only", key="f_undecided"),
        findings=findings.toggle("With findings", key="f_findings"),
        flags=flags.toggle("With flags", key="f_flags"),
        misread=misread.toggle("May be misread", key="f_misread",
                               help="Parse confidence below the threshold: check the original."),
        min_gain=gain.number_input("Score gain at least", value=-100.0, step=5.0, key="f_gain"),
        name=name.text_input("Name", placeholder="Part of the candidate's name", key="f_name"),
    )


def flagged(run: RunRow) -> bool:
    """Flags from the parse or the optimizer, or a parse that may have been misread:
    either way the reviewer must open the run before a bulk approval takes it."""
    return bool(run.flags) or may_be_misread(run.confidence)


def runs_table(runs: list[RunRow], seen: set[int]) -> pd.DataFrame:
    return pd.DataFrame([
        {"Run": r.id, "Candidate": r.candidate_name, "Score before": r.score_before,
         "Score after": r.score_after, "Findings": r.findings, "Flags": r.flags,
         "Parse": ("may be misread" if may_be_misread(r.confidence) else
                   "" if r.confidence is None else f"{r.confidence:.2f}"),
         "Looked at": "yes" if r.id in seen else "", "Decision": r.decision or ""}
        for r in runs
    ], columns=["Run", "Candidate", "Score before", "Score after", "Findings", "Flags",
                "Parse", "Looked at", "Decision"])


def bulk_approve(chosen: list[RunRow], seen: set[int]) -> list[tuple[str, str]]:
    """Approve the chosen runs not approved yet. One with findings or flags (a possible
    misread included) is approved only if this reviewer opened it. Returns (kind,
    message) notices."""
    if why := refusal(Role.REVIEWER, "approve results"):
        return [("error", why)]
    todo = [r for r in chosen if r.decision != Verdict.APPROVED]
    unopened = [r for r in todo if (r.findings or flagged(r)) and r.id not in seen]
    approved, refused = approve_runs(app_settings, [r.id for r in todo if r not in unopened],
                                     current_user(), include_findings=True)
    notices = [("success", f"Approved {len(approved)} run(s): {plain(written_to(app_settings))}.")
               ] if approved else []
    if len(todo) < len(chosen):
        notices.append(("info", f"{len(chosen) - len(todo)} selected run(s) were already approved."))
    notices += [("error", f"Not approved: run {r.id} {unopened_why(r)} and you have not "
                          "opened it: open it below first.") for r in unopened]
    return notices + [("error", f"Not approved: {plain(why)}") for why in refused.values()]


def unopened_why(run: RunRow) -> str:
    if may_be_misread(run.confidence):
        return "may have been misread (check the original)"
    return "has claim-check findings or flags"


def bulk_reject(chosen: list[RunRow]) -> list[tuple[str, str]]:
    if why := refusal(Role.REVIEWER, "reject results"):
        return [("error", why)]
    rejected = reject_runs(app_settings, [r.id for r in chosen], current_user())
    return [("warning", f"Rejected {len(rejected)} run(s): nothing was written back.")]


def clean_undecided(runs: list[RunRow]) -> list[RunRow]:
    """Undecided runs without claim-check findings or flags (a possible misread is one):
    safe to approve unopened."""
    return [r for r in runs if not r.decision and not r.findings and not flagged(r)]


def bulk_actions(shown: list[RunRow], chosen: list[RunRow], seen: set[int]) -> None:
    approve, reject, clean = st.columns(3)
    notices = None
    if approve.button(f"Approve {len(chosen)} selected", disabled=not chosen, width="stretch",
                      help="Runs with findings or flags need opening below first."):
        notices = bulk_approve(chosen, seen)
    if reject.button(f"Reject {len(chosen)} selected", disabled=not chosen, width="stretch"):
        notices = bulk_reject(chosen)
    safe = clean_undecided(shown)
    if clean.button(f"Approve all {len(safe)} without findings or flags", disabled=not safe,
                    width="stretch"):
        notices = bulk_approve(safe, seen)
    if notices is not None:
        st.session_state["review_notices"] = notices
        st.rerun()  # redraw the table with the new decisions
    for kind, message in st.session_state.pop("review_notices", []):
        getattr(st, kind)(message)


def step(queue: list[int], by: int) -> None:
    """Open the result ``by`` places along the queue (wrapping)."""
    current = st.session_state.get(OPEN)
    at = queue.index(current) if current in queue else -1
    st.session_state[OPEN] = queue[(at + by) % len(queue)]


def next_undecided(queue: list[RunRow]) -> None:
    """After a decision: open the next undecided result after this one, if any."""
    ids = [r.id for r in queue]
    current = st.session_state.get(OPEN)
    at = ids.index(current) if current in ids else -1
    later = [r.id for r in queue[at + 1:] + queue[:at] if not r.decision and r.id != current]
    if later:  # applied before the picker is drawn on the next run
        st.session_state["open_next"] = later[0]


batch_id = chosen_batch(url)
if batch_id is None:
    st.stop()
ready = [r for r in batch_runs(url, batch_id) if r.status == RunStatus.READY]
if not ready:
    st.info("No results ready in this batch yet. Progress is on the Batches page.")
    st.stop()

seen = looked_runs(url, [r.id for r in ready], current_user())
approved_count = sum(1 for r in ready if r.decision == Verdict.APPROVED)
st.caption(f"{len(ready)} ready results · {approved_count} approved · "
           f"{sum(1 for r in ready if not r.decision)} undecided · "
           f"{sum(1 for r in ready if r.findings)} with claim-check findings · "
           f"{sum(1 for r in ready if may_be_misread(r.confidence))} may have been misread")
wanted = queue_filter()
shown = [r for r in ready if wanted.keeps(r)]
if not shown:
    st.info("No result matches these filters.")
    st.stop()
event = st.dataframe(runs_table(shown, seen), hide_index=True, width="stretch",
                     on_select="rerun", selection_mode="multi-row",
                     key=f"review_runs_{batch_id}_{len(shown)}")
bulk_actions(shown, [shown[i] for i in event.selection.rows if i < len(shown)], seen)

by_id = {r.id: r for r in shown}
queue = list(by_id)
if st.session_state.get("open_next") in by_id:
    st.session_state[OPEN] = st.session_state.pop("open_next")
if st.session_state.get(OPEN) not in by_id:
    st.session_state[OPEN] = (query_id("run", by_id)
                              or next((r.id for r in shown if not r.decision), queue[0]))
prev_col, pick_col, next_col = st.columns([1, 4, 1], vertical_alignment="bottom")
prev_col.button("‹ Previous", on_click=step, args=(queue, -1), width="stretch")
next_col.button("Next ›", on_click=step, args=(queue, 1), width="stretch")
run_id = pick_col.selectbox(
    f"Result {queue.index(st.session_state[OPEN]) + 1} of {len(queue)}", queue, key=OPEN,
    format_func=lambda i: (f"{'[' + by_id[i].decision + '] ' if by_id[i].decision else ''}"
                           f"{by_id[i].candidate_name or by_id[i].candidate_id} (run {i})"))
st.query_params["run"] = str(run_id)
st.divider()
# A fragment: ticking an edit or rewriting a line redraws this result only, not the queue
# above it (a batch of thousands of runs); a decision reruns the whole page.
st.fragment(run_detail)(run_id, lambda: next_undecided(shown))
