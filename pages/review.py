"""Review: each ready result beside its original, with edits, scores and claim-check
findings; approve or reject one by one or in bulk."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from db.models import RunStatus, Verdict
from db.queries import RunRow, batch_runs, run_decisions
from db.store import RunRecord, load_run
from engine.claim_check import ClaimFinding
from engine.resume import Flag, Resume
from engine.score import MatchScore
from engine.tailor.optimizer import Edit
from engine.orchestration.review import ApprovalRefused, approve_run, approve_runs, reject_run
from engine.render.diff import side_by_side_html
from db.users import Role
from pages.common import chosen_batch, current_user, plain, query_id, refusal, settings

st.title("Review")
app_settings = settings()
url = app_settings.database_url
looked_at: set[int] = st.session_state.setdefault("looked_at", set())


def label(run: RunRow) -> str:
    mark = f"[{run.decision}] " if run.decision else ""
    warn = f" · {run.findings} finding{'s' * (run.findings != 1)}" if run.findings else ""
    return f"{mark}{run.candidate_name or run.candidate_id} (run {run.id}){warn}"


def runs_table(runs: list[RunRow]) -> pd.DataFrame:
    seen = looked_at | {st.session_state.get("open_run")}
    return pd.DataFrame([
        {"Run": r.id, "Candidate": r.candidate_name, "Score before": r.score_before,
         "Score after": r.score_after, "Findings": r.findings, "Flags": r.flags,
         "Looked at": "yes" if r.id in seen else "", "Decision": r.decision or ""}
        for r in runs
    ])


def bulk_approve(runs: list[RunRow], chosen: list[int]) -> list[tuple[str, str]]:
    """Approve the chosen runs not approved yet. A run with claim-check findings is
    approved only if the reviewer opened it on this page. Returns (kind, message) notices."""
    if why := refusal(Role.REVIEWER, "approve results"):
        return [("error", why)]
    decided = {r.id for r in runs if r.decision == Verdict.APPROVED}
    todo = [r for r in chosen if r not in decided]
    seen, unseen = [r for r in todo if r in looked_at], [r for r in todo if r not in looked_at]
    approved, refused = approve_runs(app_settings, seen, current_user(), include_findings=True)
    more, refused_unseen = approve_runs(app_settings, unseen, current_user())
    approved += more
    refused |= {r: f"{why} Open it below first." if "claim-check" in why else why
                for r, why in refused_unseen.items()}
    notices = [("success", f"Approved {len(approved)} run(s): written back to the candidate database.")
               ] if approved else []
    if len(todo) < len(chosen):
        notices.append(("info", f"{len(chosen) - len(todo)} selected run(s) were already approved."))
    return notices + [("error", f"Not approved: {plain(why)}") for why in refused.values()]


def findings_box(findings: list[ClaimFinding]) -> None:
    if not findings:
        st.success("Claim check: nothing in the result is unsupported by the original.")
        return
    lines = "\n".join(f"- **{plain(f.kind.replace('_', ' '))}** — {plain(f.message)} "
                      f"(“{plain(f.text)}” in {plain(f.source_id)})" for f in findings)
    st.error(f"**Claim check: {len(findings)} finding(s) — check each before approving.**\n\n{lines}")


def scores_panel(run: RunRecord) -> None:
    before, after = run.score_before or 0.0, run.score_after or 0.0
    cols = st.columns(3)
    cols[0].metric("Match before", f"{before:.0f}/100")
    cols[1].metric("Match after", f"{after:.0f}/100", delta=f"{after - before:+.0f}")
    cols[2].metric("Edits", len(run.edits or []))
    if run.scores:
        before_score = MatchScore.model_validate(run.scores["before"])
        after_by_name = {c.name: c for c in MatchScore.model_validate(run.scores["after"]).categories}
        rows = []
        for category in before_score.categories:
            new = after_by_name.get(category.name, category)
            rows.append({"Category": category.name.replace("_", " "),
                         "Before": f"{category.points:.1f}/{category.max_points:.0f}",
                         "After": f"{new.points:.1f}/{new.max_points:.0f}",
                         "Why (after)": "; ".join(new.reasons),
                         "Missing": ", ".join(new.missing[:8])})
        with st.expander("Score by category, with reasons"):
            st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def decision_buttons(run: RunRecord) -> None:
    history = run_decisions(url, run.id)
    if history:
        last = history[0]
        st.info(f"{plain(last.decision.capitalize())} by {plain(last.reviewer)} at "
                f"{last.created_at:%Y-%m-%d %H:%M}"
                + (f": {plain(last.note)}" if last.note else ""))
    note = st.text_input("Note (optional)", key=f"note_{run.id}")
    approve, reject, _ = st.columns([1, 1, 4])
    notice = None
    approved = approve.button("Approve", type="primary", key=f"approve_{run.id}")
    rejected = reject.button("Reject", key=f"reject_{run.id}")
    clicked = "approve" if approved else "reject" if rejected else None
    if clicked and (why := refusal(Role.REVIEWER, f"{clicked} results")):
        notice = ("error", why)
    elif clicked == "approve":
        try:
            version = approve_run(app_settings, run.id, current_user(), note=note or None)
            notice = ("success", f"Approved and written back (version {version} of this "
                                 "candidate's resume).")
        except ApprovalRefused as error:
            notice = ("error", plain(error))
    elif clicked == "reject":
        reject_run(app_settings, run.id, current_user(), note=note or None)
        notice = ("warning", "Rejected: nothing was written back.")
    if notice:
        st.session_state["decision_notice"] = (run.id, *notice)
        st.rerun()  # redraw the table and the decision line with the new decision
    shown_for, kind, message = st.session_state.get("decision_notice", (None, None, None))
    if shown_for == run.id:
        getattr(st, kind)(message)


def run_detail(run_id: int) -> None:
    run = load_run(url, run_id)
    looked_at.add(run_id)
    st.subheader(f"{plain(run.candidate_name or run.candidate_id)} · run {run_id}")
    if run.status != RunStatus.READY:
        st.warning(f"This run is {run.status}: " + plain(run.error_message or "no result yet."))
        return
    findings_box([ClaimFinding.model_validate(f) for f in run.claim_findings or []])
    for flag in (Flag.model_validate(f) for f in run.flags or []):
        st.warning(f"**{plain(flag.code.replace('_', ' '))}**: {plain(flag.message)}"
                   + (f" — “{plain(flag.text[:200])}”" if flag.text else ""))
    scores_panel(run)
    original = Resume.model_validate(run.parsed_resume).to_text()
    optimized = Resume.model_validate(run.optimized_resume).to_text()
    with st.container(height=620):  # long resumes scroll here; the decision stays in reach
        st.html(side_by_side_html(original, optimized))
    edits = [Edit.model_validate(e) for e in run.edits or []]
    if edits:
        st.markdown("**Edits and why**")
        st.dataframe(pd.DataFrame([{"Where": e.source_id, "Reason": e.reason,
                                    "After": e.after, "Before": e.before}
                                   for e in edits]), hide_index=True, width="stretch",
                     column_config={"Where": st.column_config.TextColumn(width="small"),
                                    "Reason": st.column_config.TextColumn(width="medium")})
    decision_buttons(run)


batch_id = chosen_batch(url)
if batch_id is None:
    st.stop()
ready = [r for r in batch_runs(url, batch_id) if r.status == RunStatus.READY]
if not ready:
    st.info("No results ready in this batch yet. Progress is on the Batches page.")
    st.stop()

approved_count = sum(1 for r in ready if r.decision == Verdict.APPROVED)
st.caption(f"{len(ready)} ready results · {approved_count} approved · "
           f"{sum(1 for r in ready if r.findings)} with claim-check findings")
by_id = {r.id: r for r in ready}
default = query_id("run", by_id) or next((r.id for r in ready if not r.decision), ready[0].id)
if st.session_state.get("open_run") not in by_id:
    st.session_state["open_run"] = default
event = st.dataframe(runs_table(ready), hide_index=True, width="stretch", on_select="rerun",
                     selection_mode="multi-row", key=f"review_runs_{batch_id}")
chosen = [ready[i].id for i in event.selection.rows]
if st.button(f"Approve {len(chosen)} selected", disabled=not chosen,
             help="Runs with claim-check findings are refused until you have opened them below."):
    st.session_state["review_notices"] = bulk_approve(ready, chosen)
    st.rerun()  # redraw the table with the new decisions
for kind, message in st.session_state.pop("review_notices", []):
    getattr(st, kind)(message)

run_id = st.selectbox("Open a result", list(by_id), key="open_run",
                      format_func=lambda i: label(by_id[i]))
st.query_params["run"] = str(run_id)
st.divider()
run_detail(run_id)
