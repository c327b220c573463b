"""One result on the Review page: claim-check findings, flags and the parse confidence,
scores, the original document beside the parsed and the tailored resume, the changes
(moved, reworded, added, each with its edit), every edit with its reason to accept or
reject and its line's text to rewrite, and the decision buttons. Approving stores exactly
the resume shown under "Tailored resume"."""

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
from engine.orchestration.review import (
    ApprovalRefused,
    ReviewChoice,
    approve_run,
    parse_confidence,
    reject_run,
    run_edits,
    standing_choice,
)
from engine.orchestration.review_outcome import written_to
from engine.parse.confidence import MISREAD_BELOW, may_be_misread
from engine.render.diff import review_html
from engine.resume import Flag, Resume
from engine.score import MatchScore
from engine.tailor.optimizer import Edit, EditKind, apply_edits
from ui.common import candidate_source, current_user, plain, plain_table, refusal, settings
from ui.resume_preview import show_original_resume

NOTICE = "decision_notice"
PANE_HEIGHT = 640  # the document panes scroll; the edits and decision stay in reach


def findings_box(findings: list[ClaimFinding]) -> None:
    if not findings:
        st.success("Claim check: nothing in the result is unsupported by the original.")
        return
    lines = "\n".join(f"- **{plain(f.kind.replace('_', ' '))}** — {plain(f.message)} "
                      f"(“{plain(f.text)}” in {plain(f.source_id)})" for f in findings)
    st.error(f"**Claim check: {len(findings)} finding(s) — check each before approving.**\n\n{lines}")


def misread_box(confidence: float | None) -> None:
    """The parse-confidence warning: a low figure means the parsed resume (and so the
    tailored one) may be missing or misplacing what the original says."""
    if may_be_misread(confidence):
        st.warning(f"**May have been misread — check the original.** Parse confidence "
                   f"{confidence:.2f} (below {MISREAD_BELOW:.2f}): compare the original "
                   "document with the parsed resume before approving.")


def scores_panel(run: RunRecord) -> None:
    before, after = run.score_before or 0.0, run.score_after or 0.0
    confidence = parse_confidence(run)
    cols = st.columns(4)
    cols[0].metric("Match before", f"{before:.0f}/100")
    cols[1].metric("Match after", f"{after:.0f}/100", delta=f"{after - before:+.0f}")
    cols[2].metric("Edits", len(run.edits or []))
    cols[3].metric("Parse confidence", "—" if confidence is None else f"{confidence:.2f}",
                   help="Share of the document's words the parser placed, weighed by how "
                        f"many jobs have dates. Below {MISREAD_BELOW:.2f}: check the original.")
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


def line_name(line_id: str) -> str:
    """Where a line is, in words ("job 2, line 3", "summary")."""
    section, _, rest = line_id.partition(".")
    entry, _, line = rest.partition(".")
    if not (entry.isdigit() and line.isdigit()):
        return line_id
    where = f"job {int(entry) + 1}" if section == "experience" else section.replace("_", " ")
    return f"{where}, line {int(line) + 1}"


def edit_row(run_id: int, edit: Edit, original: Resume,
             start: ReviewChoice | None) -> tuple[bool, str | None]:
    """One edit: accept it or not, and (for an edit of a line's text) the line's text as
    the reviewer wants it, starting from ``start`` (what was approved) if given. Returns
    (accepted, the reviewer's text or None if unchanged)."""
    pick, why, text = st.columns([1.3, 3, 5])
    was_accepted = start is None or edit.id in start.accepted
    accepted = pick.checkbox(f"Accept {edit.id}", value=was_accepted,
                             key=f"accept_{run_id}_{edit.id}",
                             help="Unticked: this line stays as in the original.")
    # The summary and the skills are named by the edit's kind already.
    where = "" if edit.source_id == edit.kind.value else f" · {plain(line_name(edit.source_id))}"
    why.markdown(f"**{plain(edit.kind.value)}**{where}: "
                 f"{plain(edit.reason or 'no reason given')}")
    if edit.kind == EditKind.MOVE:
        why.caption(f"Moves the line to place {(edit.position or 0) + 1}; its text is unchanged.")
        return accepted, None
    why.caption(f"Before: {plain(edit.before)}" if edit.before else "Not in the original.")
    shown = edit.after if accepted else original.bullets().get(edit.source_id, "")
    approved_text = start.overrides.get(edit.source_id) if start and accepted == was_accepted else None
    # The key follows the tick: ticking or unticking starts the box from that choice's text.
    typed = text.text_area(f"Text of {edit.id}", value=approved_text or shown, height=68,
                           key=f"text_{run_id}_{edit.id}_{int(accepted)}",
                           label_visibility="collapsed")
    return accepted, typed if typed.strip() != shown.strip() else None


def edit_choices(run: RunRecord, edits: list[Edit], original: Resume,
                 start: ReviewChoice | None) -> ReviewChoice:
    """Every edit with its reason, a tick to accept it and its line's text to rewrite;
    then any other line the reviewer rewrites (a misread one, say). An approved run
    starts from the choice that was approved (``start``)."""
    accepted, overrides = set(), {}
    if edits:
        st.markdown("**Edits — accept or reject each, or rewrite its line, before approving**")
    for edit in edits:
        kept, typed = edit_row(run.id, edit, original, start)
        if kept:
            accepted.add(edit.id)
        if typed is not None:
            overrides[edit.source_id] = typed
    edited = {e.source_id for e in edits if e.kind != EditKind.MOVE}
    mine = {k: v for k, v in (start.overrides if start else {}).items() if k not in edited}
    overrides.update(other_lines(run.id, original, edited, mine))
    return ReviewChoice(frozenset(accepted), overrides)


def other_lines(run_id: int, original: Resume, edited: set[str],
                approved: dict[str, str]) -> dict[str, str]:
    """Lines no edit touches, rewritten by the reviewer one at a time: {line id: text},
    starting from the ``approved`` ones. Kept in the session, so picking another line
    keeps what was typed for this one."""
    lines = {k: v for k, v in original.bullets().items() if k not in edited}
    mine: dict[str, str] = st.session_state.setdefault(f"own_lines_{run_id}", dict(approved))
    if not lines:
        return {}
    with st.expander("Rewrite another line", expanded=bool(mine)):
        pick = st.selectbox("Line", list(lines), key=f"own_pick_{run_id}",
                            format_func=lambda k: f"{line_name(k)}: {lines[k][:90]}")
        typed = st.text_area("Its text", value=mine.get(pick, lines[pick]),
                             key=f"own_text_{run_id}_{pick}")
        if typed.strip() != lines[pick].strip():
            mine[pick] = typed
        else:
            mine.pop(pick, None)
        if mine:
            st.caption("Rewritten by you: " + " · ".join(
                f"{plain(line_name(line_id))}: “{plain(text)}”" for line_id, text in mine.items()))
    return dict(mine)


def documents(run: RunRecord, original: Resume, shown: list[Edit]) -> None:
    """The original document and the parsed resume beside the changes and the tailored
    resume as the reviewer's choices make it."""
    left, right = st.columns(2)
    with left:
        document_tab, parsed_tab = st.tabs(["Original document", "Parsed resume"])
        with document_tab, st.container(height=PANE_HEIGHT):
            show_original_resume(candidate_source(), run.candidate_id)
        with parsed_tab, st.container(height=PANE_HEIGHT):
            st.text(original.to_text())
    with right:
        changes_tab, tailored_tab = st.tabs(["Changes", "Tailored resume"])
        with changes_tab, st.container(height=PANE_HEIGHT):
            st.html(review_html(original, shown))
        with tailored_tab, st.container(height=PANE_HEIGHT):
            st.text(apply_edits(original, shown).to_text())


def decide(run: RunRecord, verdict: str, note: str | None,
           choice: ReviewChoice | None = None) -> tuple[str, str]:
    """Approve (with the reviewer's choice of edits) or reject ``run``; the (kind,
    message) notice to show."""
    if why := refusal(Role.REVIEWER, f"{verdict} results"):
        return "error", why
    app_settings = settings()
    if verdict == "reject":
        reject_run(app_settings, run.id, current_user(), note=note)
        return "warning", "Rejected: nothing was written back."
    try:
        version = approve_run(app_settings, run.id, current_user(), note=note, choice=choice)
    except ApprovalRefused as error:
        return "error", plain(error)
    return "success", (f"Approved (version {version} of this candidate's resume"
                       f"{changed_words(run, choice)}): {plain(written_to(app_settings))}.")


def changed_words(run: RunRecord, choice: ReviewChoice | None) -> str:
    if choice is None:
        return ""
    rejected = len(choice.audit_detail(run_edits(run))["rejected_edits"])
    parts = [f"{rejected} edit(s) rejected" if rejected else "",
             f"{len(choice.overrides)} line(s) rewritten by you" if choice.overrides else ""]
    return "".join(f", {p}" for p in parts if p)


def decision_buttons(run: RunRecord, advance: Callable[[], None], choice: ReviewChoice) -> None:
    history = run_decisions(settings().database_url, run.id)
    if history:
        last = history[0]
        st.info(f"{plain(last.decision.capitalize())} by {plain(last.reviewer)} at "
                f"{last.created_at:%Y-%m-%d %H:%M}" + (f": {plain(last.note)}" if last.note else ""))
    note = st.text_input("Note (optional)", key=f"note_{run.id}")
    approve, reject, _ = st.columns([1, 1, 4])
    clicked = ("approve" if approve.button("Approve", type="primary", key=f"approve_{run.id}",
                                           help="Approves the tailored resume as shown above.")
               else "reject" if reject.button("Reject", key=f"reject_{run.id}") else None)
    if clicked:
        kind, message = decide(run, clicked, note or None, choice)
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
    misread_box(parse_confidence(run))
    findings_box([ClaimFinding.model_validate(f) for f in run.claim_findings or []])
    for flag in (Flag.model_validate(f) for f in run.flags or []):
        st.warning(f"**{plain(flag.code.replace('_', ' '))}**: {plain(flag.message)}"
                   + (f" — “{plain(flag.text[:200])}”" if flag.text else ""))
    scores_panel(run)
    original = Resume.model_validate(run.parsed_resume)
    edits = run_edits(run)
    panes = st.container()  # drawn after the edit choices, which decide what it shows
    choice = edit_choices(run, edits, original, standing_choice(settings().database_url, run))
    with panes:
        documents(run, original, choice.reviewed_edits(edits))
    decision_buttons(run, advance, choice)
