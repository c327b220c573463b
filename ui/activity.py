"""Activity: the audit log — who did what, when, to which batch and run. Admins see
everyone's actions, others their own; filters, and the shown rows as CSV."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone

import pandas as pd
import streamlit as st

from db.audit_queries import MAX_EVENTS, AuditEntry, AuditFilter, audit_actions, audit_events
from db.users import Role
from engine.render.spreadsheet import formula_safe
from ui.common import identity, plain, settings

st.title("Activity")
url = settings().database_url
user = identity()
sees_all = user.can(Role.ADMIN)


def day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.utc)


def chosen_filter() -> AuditFilter:
    who_col, what_col, when_col = st.columns([2, 3, 2])
    if sees_all:
        who = who_col.text_input("Who", placeholder="email or user name contains…")
    else:
        who_col.text_input("Who", value=user.actor, disabled=True,
                           help="You see your own actions; admins see everyone's.")
        who = ""
    actions = what_col.multiselect(
        "What", audit_actions(url, None if sees_all else user.actor),
        format_func=lambda a: a.replace("_", " "), placeholder="every kind of action")
    today = datetime.now(timezone.utc).date()
    days = when_col.date_input("When (UTC)", (today - timedelta(days=30), today),
                               max_value=today, format="YYYY-MM-DD")
    first, last = (days[0], days[-1]) if isinstance(days, tuple) and days else (today, today)
    batch_col, run_col, _ = st.columns([1, 1, 5])
    batch = batch_col.number_input("Batch", min_value=1, value=None, step=1, placeholder="any")
    run = run_col.number_input("Run", min_value=1, value=None, step=1, placeholder="any")
    return AuditFilter(
        actor=None if sees_all else user.actor, actor_contains=who, actions=tuple(actions),
        since=day_start(first), until=day_start(last + timedelta(days=1)),
        batch_id=None if batch is None else int(batch), run_id=None if run is None else int(run),
    )


def table(events: list[AuditEntry]) -> pd.DataFrame:
    rows = [{"When (UTC)": e.at.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S"),
             "Who": e.actor, "What": e.action.replace("_", " "), "Batch": e.batch_id,
             "Run": e.run_id, "Candidate": e.candidate_id,
             "Detail": ", ".join(f"{k}: {v}" for k, v in (e.detail or {}).items())}
            for e in events]
    return pd.DataFrame(rows, columns=["When (UTC)", "Who", "What", "Batch", "Run",
                                       "Candidate", "Detail"])


st.caption("Everyone's actions: you are an admin." if sees_all else
           f"Your own actions ({plain(user.actor)}); admins see everyone's.")
wanted = chosen_filter()
events = audit_events(url, wanted)
if not events:
    st.info("No activity matches these filters.")
    st.stop()
more = " (the newest; narrow the filters to see older ones)" if len(events) == MAX_EVENTS else ""
st.caption(f"{len(events):,} event{'s' * (len(events) != 1)}{more}")
frame = table(events)
st.dataframe(frame, hide_index=True, width="stretch",
             column_config={"Batch": st.column_config.NumberColumn(format="%d"),
                            "Run": st.column_config.NumberColumn(format="%d")})
st.download_button("Download CSV", formula_safe(frame).to_csv(index=False),
                   file_name="tailor-activity.csv", mime="text/csv", on_click="ignore")
