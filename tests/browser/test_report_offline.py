"""The therapy report opened from a file in a real browser, with the network shut off."""

from __future__ import annotations

from pathlib import Path

from kit.demo import write_demo
from kit.report import write_report


def test_report_opens_offline_with_its_charts(browser, tmp_path: Path) -> None:
    """Does the report open from disk with every request but the file refused, charts drawn?"""
    with write_demo(tmp_path / "demo", days=60) as journal:
        path = write_report(journal, tmp_path / "report.html")
    context = browser.new_context()
    asked: list[str] = []

    def only_the_file(route) -> None:
        asked.append(route.request.url)
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", only_the_file)
    page = context.new_page()
    page.goto(path.as_uri())
    page.wait_for_selector(".js-plotly-plot")
    assert page.title() == "Journal"
    assert page.locator(".js-plotly-plot").count() >= 3
    assert page.locator("svg.main-svg").count() >= 3, "plotly drew the charts"
    assert [url for url in asked if not url.startswith("file:")] == []
    context.close()
