"""Values, the future picture and my reasons, filled in a real browser like a person would."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

import kit


def open_form(page: Page, url: str) -> None:
    page.goto(url)
    expect(page.locator(".kit-save")).to_be_visible()


def save(page: Page) -> None:
    page.locator(".kit-save").click()
    expect(page.locator(".kit-status")).to_have_text(re.compile("^Saved"))


def latest(server, worksheet_id: str) -> dict:
    with kit.open_journal(server.data_dir) as journal:
        return journal.latest(worksheet_id)


def test_values_pick_rate_and_see_the_gaps(page: Page, server) -> None:
    """Can values be ticked and rated, and is the clash drawn after saving?"""
    open_form(page, server.page("03.ipynb"))
    cards = page.locator(".kit-field-top_values")
    cards.get_by_label(re.compile("^Honesty")).check()
    cards.get_by_label(re.compile("^Calm")).check()
    lives = page.locator(".kit-field-lives")
    expect(lives.locator(".kit-rating-honesty")).to_be_visible()
    lives.locator(".kit-rating-honesty .widget-toggle-button", has_text=re.compile("^1$")).click()
    lives.locator(".kit-rating-calm .widget-toggle-button", has_text=re.compile("^5$")).click()
    save(page)
    expect(page.locator(".kit-chart .js-plotly-plot")).to_contain_text("How far apart")
    answers = latest(server, "values")
    assert answers["top_values"] == ["honesty", "calm"]
    assert answers["lives"] == {"honesty": 1, "calm": 5}


def test_future_picture_with_a_typo_then_fixed(page: Page, server) -> None:
    """Is a word where a number belongs explained on its field, then saved once fixed?"""
    open_form(page, server.page("04.ipynb"))
    page.locator(".kit-field-where textarea").fill("A small flat by the sea.")
    page.locator(".kit-field-includes_them").get_by_label("No", exact=True).check()
    sure = page.locator(".kit-field-sure input")
    sure.fill("eighty")
    page.locator(".kit-save").click()
    expect(page.locator(".kit-field-sure .kit-error")).to_contain_text("number")
    assert latest(server, "future") is None
    sure.fill("80")
    save(page)
    assert latest(server, "future") == {
        "where": "A small flat by the sea.", "includes_them": "no", "sure": 80,
    }  # fmt: skip
    page.reload()
    expect(page.locator(".kit-field-sure input")).to_have_value("80")


def test_reasons_in_my_own_words(page: Page, server) -> None:
    """Does a suggestion become a reason the person rewrites, kept in their words?"""
    with kit.open_journal(server.data_dir) as journal:
        journal.save("future", {"includes_them": "no"})
    open_form(page, server.page("05.ipynb"))
    suggestion = page.locator(".kit-suggestion", has_text="doesn't include them")
    suggestion.get_by_role("button", name="Add to my reasons").click()
    reason = page.locator(".kit-field-reasons .kit-list-entry input").first
    expect(reason).to_have_value("The future I picture doesn't include them.")
    reason.fill("When I picture next summer, I'm on my own, and I'm smiling.")
    save(page)
    with kit.open_journal(server.data_dir) as journal:
        assert kit.reasons(journal) == [
            "When I picture next summer, I'm on my own, and I'm smiling."
        ]
    page.reload()
    expect(page.locator(".kit-field-reasons .kit-list-entry input").first).to_have_value(
        "When I picture next summer, I'm on my own, and I'm smiling."
    )


def test_looking_back_after_a_few_weeks(page, tmp_path) -> None:
    """After a few weeks of check-ins, does the start page invite the person to look back,
    and does the page show the start beside now, with room for their own words?"""
    from playwright.sync_api import expect

    from kit.demo import write_demo
    from support.servers import KitServer

    write_demo(tmp_path / "data", days=60).close()
    with KitServer(tmp_path / "data", tmp_path / "server.log", "--preheat", "none") as server:
        page.goto(server.page("00-start.ipynb"))
        invite = page.locator(".kit-invite")
        expect(invite).to_contain_text("keeping this journal for 59 days")
        invite.locator('a[href="20.ipynb"]').click()
        page.wait_for_url("**/20.ipynb")
        look = page.locator(".kit-look-back")
        expect(look).to_contain_text("Where you started")
        expect(look).to_contain_text("A flat with a balcony full of plants.")
        expect(look).to_contain_text("In your first two weeks of check-ins")
        expect(page.locator(".kit-field-to_first_day textarea")).to_be_visible()
