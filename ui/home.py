"""Home: where things stand — recent batches with progress, runs by status, approval
rate, mean score gain, cost this month and by day, and what waits for review."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from db.home_queries import cost_by_day, overview
from db.queries import batches
from ui.common import plain, settings

st.title("Tailor")
url = settings().database_url
figures = overview(url)

cols = st.columns(4)
cols[0].metric("Waiting for review", f"{figures.waiting_for_review:,}")
cols[1].metric("Approval rate", "—" if figures.approval_rate is None
               else f"{figures.approval_rate:.0%}",
               help=f"{figures.approved:,} approved, {figures.rejected:,} rejected (latest decision per run)")
cols[2].metric("Mean score gain", "—" if figures.mean_gain is None else f"{figures.mean_gain:+.1f}")
cols[3].metric("Cost this month", f"${figures.cost_this_month:,.2f}")
if figures.waiting_for_review:
    st.page_link("ui/review.py", label=f"Review the {figures.waiting_for_review:,} waiting results",
                 icon=":material/rate_review:")

st.page_link("ui/activity.py", label="Activity: who did what, when (the audit log)",
             icon=":material/history:")

st.subheader("Recent batches")
recent = batches(url, limit=8)
if not recent:
    st.info("No batches yet. Select candidates on the Candidates page and start one.")
for batch in recent:
    done = batch.ready + batch.failed
    left, right = st.columns([3, 1], vertical_alignment="center")
    state = "cancelled" if batch.cancelled else ("running" if batch.active else "done")
    left.progress(done / batch.total if batch.total else 1.0,
                  text=f"#{batch.id} · {plain(batch.title)} · {done:,} of {batch.total:,} "
                       f"finished · {batch.approved:,} approved · {state}")
    right.page_link("ui/batches.py", label="Open", query_params={"batch": str(batch.id)})

chart_left, chart_right = st.columns(2)
with chart_left:
    st.subheader("Runs by status")
    st.bar_chart(pd.DataFrame({"Runs": figures.by_status}), horizontal=True)
with chart_right:
    st.subheader("Cost by day (30 days)")
    by_day = cost_by_day(url)
    st.bar_chart(pd.DataFrame({"Cost (USD)": list(by_day.values())},
                              index=pd.to_datetime(list(by_day))))
