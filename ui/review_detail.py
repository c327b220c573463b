"""One result on the Review page: claim-check findings, flags, scores, the side-by-side
diff, the edits with their reasons, and the decision buttons."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from db.models import RunStatus
from db.queries import run_decisions
from db.store import RunRecord, load_run
from db.store.review_looks import mark_looked
from db.users import Role
from engine.claim_check import ClaimFinding
from engine.orchestration.review import ApprovalRefused, approve_run, reject_run
from engine.orchestration.review_outcome import written_to
from engine.render.diff import side_by_side_html
from engine.resume import Flag, Resume
from engine.score import MatchScore
from engine.tailor.optimizer import Edit
from ui.common import current_user, plain, plain_table, refusal, settings

NOTICE = "decision_notice"


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
    if not run.scores:
        return
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
        st.table(plain_table(pd.DataFrame(rows).set_index("Category")))  # wraps long cells


def decide(run: RunRecord, verdict: str, note: str | None) -> tuple[str, str]:
    """Approve or reject ``run``; the (kind, message) notice to show."""
    if why := refusal(Role.REVIEWER, f"{verdict} results"):
        return "error", why
    app_settings = settings()
    if verdict == "reject":
        reject_run(app_settings, run.id, current_user(), note=note)
        return "warning", "Rejected: nothing was written back."
    try:
        version = approve_run(app_settings, run.id, current_user(), note=note)
    except ApprovalRefused as error:
        return "error", plain(error)
    return "success", (f"Approved (version {version} of this candidate's resume): "
                       f"{plain(written_to(app_settings))}.")


def decision_buttons(run: RunRecord, advance: Callable[[], None]) -> None:
    history = run_decisions(settings().database_url, run.id)
    if history:
        last = history[0]
        st.info(f"{plain(last.decision.capitalize())} by {plain(last.reviewer)} at "
                f"{last.created_at:%Y-%m-%d %H:%M}" + (f": {plain(last.note)}" if last.note else ""))
    note = st.text_input("Note (optional)", key=f"note_{run.id}")
    approve, reject, _ = st.columns([1, 1, 4])
    clicked = ("approve" if approve.button("Approve", type="primary", key=f"approve_{run.id}")
               else "reject" if reject.button("Reject", key=f"reject_{run.id}") else None)
    if clicked:
        kind, message = decide(run, clicked, note or None)
        if kind != "error":
            advance()  # on to the next undecided result
        # Shown above whichever result is open next, on every redraw until another opens.
        shown_on = st.session_state.get("open_next", run.id)
        st.session_state[NOTICE] = (shown_on, kind, f"Run {run.id}: {message}")
        st.rerun()


def run_detail(run_id: int, advance: Callable[[], None]) -> None:
    url = settings().database_url
    run = load_run(url, run_id)
    mark_looked(url, run_id, current_user())
    shown_on, kind, message = st.session_state.get(NOTICE, (None, None, None))
    if shown_on == run_id:
        getattr(st, kind)(message)
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
        # st.table renders its cells as markdown: resume and optimizer text made plain
        table = pd.DataFrame([{"Where": e.source_id, "Reason": e.reason, "After": e.after,
                               "Before": e.before} for e in edits]).set_index("Where")
        st.table(plain_table(table))
    decision_buttons(run, advance)
