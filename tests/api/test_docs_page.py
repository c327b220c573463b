"""The interactive API docs work where nothing outside the machine can be reached (as
here, and as in a deployment beside the company's database): /docs and /redoc load
their scripts from the API itself, and Swagger UI draws every operation."""

from __future__ import annotations

import re

from tests.api.conftest import start_server, tailor_for
from tests.app.test_browser import ARTIFACTS, browser  # noqa: F401
from tests.support.batches import clear_queue


def test_docs_pages_load_everything_from_the_api_itself(sqlite_url, redis_url,
                                                         browser):  # noqa: F811
    from playwright.sync_api import expect

    tailor = tailor_for(sqlite_url, redis_url)
    server = start_server(tailor)
    try:
        client = server.client()
        for page_url in ("/docs", "/redoc"):
            html = client.get(page_url).text
            scripts = re.findall(r'(?:src|href)="([^"]+\.(?:js|css))"', html)
            assert scripts, html
            for asset in scripts:
                assert asset.startswith("/"), f"{page_url} fetches {asset} from elsewhere"
                assert client.get(asset).status_code == 200, asset

        page = browser.new_page(viewport={"width": 1300, "height": 1600})
        elsewhere: list[str] = []
        page.on("request", lambda r: None if r.url.startswith(server.base_url)
                else elsewhere.append(r.url))
        page.goto(f"{server.base_url}/docs")
        estimate = page.locator(".opblock-summary-path", has_text="/v1/estimates")
        expect(estimate).to_have_count(1)
        expect(page.locator(".opblock-summary-path")).to_have_count(
            sum(len(ops) for path, ops in client.get("/openapi.json").json()["paths"].items()))
        estimate.click()
        page.get_by_text("What a batch would cost in each mode").first.wait_for()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=ARTIFACTS / "api_docs.png")
        assert elsewhere == []
        page.close()
    finally:
        server.stop()
        clear_queue(tailor)
