"""The Webhooks page lists the delivery log: status, attempts, last error, per endpoint."""

from __future__ import annotations

import streamlit as st
from streamlit.testing.v1 import AppTest

from db.store import api_keys as key_store
from db.store import webhooks as webhook_store
from db.migrate import upgrade
from db.models import DeliveryStatus


def test_delivery_log_shows_status_attempts_and_last_error(sqlite_url, monkeypatch):
    upgrade(sqlite_url)
    key_id = key_store.insert_api_key(sqlite_url, name="platform", prefix="abc123", key_hash="0" * 64,
                                      scope="read", rate_per_minute=60, actor="test")
    endpoint = webhook_store.insert_endpoint(sqlite_url, api_key_id=key_id,
                                         endpoint_url="https://hooks.example.com/tailor",
                                         events=["run.ready"], secret="whsec_x", actor="test")
    ok, failing = webhook_store.insert_deliveries(sqlite_url, [endpoint.id], "run.ready:1:1",
                                              "run.ready", {}) + webhook_store.insert_deliveries(
        sqlite_url, [endpoint.id], "run.ready:2:1", "run.ready", {})
    webhook_store.record_attempt(sqlite_url, ok, DeliveryStatus.DELIVERED, 200, None)
    webhook_store.record_attempt(sqlite_url, failing, DeliveryStatus.PENDING, 500, "HTTP 500: boom")
    webhook_store.record_attempt(sqlite_url, failing, DeliveryStatus.FAILED, 503, "HTTP 503: down")
    monkeypatch.setenv("DATABASE_URL", sqlite_url)
    st.cache_resource.clear()  # settings are per server: another test's may be cached

    page = AppTest.from_file("../../ui/webhooks.py", default_timeout=30).run()
    assert not page.exception
    table = page.dataframe[0].value
    assert list(table["Event id"]) == ["run.ready:2:1", "run.ready:1:1"]
    failed = table.iloc[0]
    assert (failed["Attempts"], failed["Last HTTP status"], failed["Last error"]) == (
        2, 503, "HTTP 503: down")
    assert failed["Status"].endswith("failed") and table.iloc[1]["Status"].endswith("delivered")
    assert set(table["Endpoint"]) == {"https://hooks.example.com/tailor"}
    assert [m.value for m in page.metric] == ["0", "1", "1"]
