"""The "my data" page in a real browser: a Daylio export comes in, a copy goes out."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Page, expect

import kit

DAYLIO = """full_date,date,weekday,time,mood,activities,note_title,note
2025-06-02,June 2,Monday,21:00,good,friends,,A good one
2025-06-01,June 1,Sunday,21:00,bad,,,
"""


def test_daylio_in_and_a_copy_out(page: Page, server, tmp_path: Path) -> None:
    """Can a Daylio export be previewed and brought in, and a copy be downloaded?"""
    page.goto(server.page("16.ipynb"))
    mydata = page.locator(".kit-mydata")
    expect(mydata).to_be_visible()
    (tmp_path / "daylio.csv").write_text(DAYLIO)
    with page.expect_file_chooser() as chooser:
        mydata.locator(".widget-upload").click()
    chooser.value.set_files(tmp_path / "daylio.csv")
    expect(mydata.locator(".kit-preview")).to_contain_text("Daylio file: 2 days to add")
    mydata.get_by_role("button", name="Add these to my journal").click()
    expect(mydata).to_contain_text("Added 2 to your journal")
    with kit.open_journal(server.data_dir) as journal:
        assert journal.for_day("check-in", "2025-06-02").answers["note"] == "A good one"

    mydata.get_by_role("button", name="Prepare my copy").click()
    link = mydata.get_by_role("link", name="Save my journal (JSON)")
    expect(link).to_be_visible()
    with page.expect_download() as download:
        link.click()
    bundle = json.loads(Path(download.value.path()).read_text())
    assert any(r["answers"].get("day") == "2025-06-02" for r in bundle["records"])
