"""Webhooks: the integration API's endpoints and the delivery log (status, attempts,
last error), newest first."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from db.store.webhooks import deliveries
from db.models import DeliveryStatus
from ui.common import settings

STATUS_WORDS = {
    DeliveryStatus.PENDING: "⏳ pending",
    DeliveryStatus.DELIVERED: "✅ delivered",
    DeliveryStatus.FAILED: "❌ failed",
}

st.title("Webhooks")
st.caption("Signed deliveries of batch.completed, run.ready, run.failed and run.approved to "
           "the endpoints API keys registered (see the README's Integration API section). "
           "A failed delivery is retried with growing delays for about a day.")
log = deliveries(settings().database_url, limit=500)
if not log:
    st.info("No webhook deliveries yet. Register an endpoint with POST /v1/webhooks.")
    st.stop()
counts = {status: sum(d.status == status for d in log) for status in DeliveryStatus}
columns = st.columns(len(counts))
for column, (status, count) in zip(columns, counts.items()):
    column.metric(STATUS_WORDS[status], count)
only = st.segmented_control("Show", ["all", *[s.value for s in DeliveryStatus]], default="all")
shown = [d for d in log if only in (None, "all") or d.status == only]
# st.dataframe shows cell text as text (no markdown), so URLs and errors appear as sent.
st.dataframe(pd.DataFrame([{
    "Delivery": d.id, "Event": d.event_type, "Event id": d.event_id,
    "Endpoint": d.endpoint_url, "API key": d.key_name,
    "Status": STATUS_WORDS[DeliveryStatus(d.status)], "Attempts": d.attempts,
    "Last HTTP status": d.last_status_code, "Last error": d.last_error,
    "Created": d.created_at, "Updated": d.updated_at, "Delivered": d.delivered_at,
} for d in shown]), hide_index=True, use_container_width=True)
