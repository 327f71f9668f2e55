"""Two clients and a therapist on a real JupyterHub: each client's work stays theirs, no
client can run code, and a crafted user name gets nowhere."""

from __future__ import annotations

import json
import re
import time
import uuid
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from support.hub import CLIENTS, PASSWORD, THERAPIST, Hub

from .conftest import log_in

MARKERS = {name: f"{name}-private-{uuid.uuid4().hex[:10]}" for name in CLIENTS}


def _files_containing(folder: Path, text: str) -> list[Path]:
    needle = text.encode()
    return [p for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes()]


def _write_future(page: Page, hub: Hub, name: str) -> None:
    """Save the future-picture page with this client's marker in it."""
    page.goto(f"{hub.url}/user/{name}/voila/render/04.ipynb")
    expect(page.locator(".kit-save")).to_be_visible()
    page.locator(".kit-form textarea").first.fill(MARKERS[name])
    page.locator(".kit-save").click()
    expect(page.locator(".kit-status")).to_have_text(re.compile(r"^Saved"))


@pytest.fixture(scope="module")
def clients(hub: Hub, hub_browser):
    """Both clients logged in, each having saved a page with their own marker."""
    sessions = {}
    for name in CLIENTS:
        context, page = log_in(hub_browser, hub, name)
        page.wait_for_url(re.compile(rf"/user/{name}/voila/render/app\.ipynb"))
        expect(page.locator("#kit-exit")).to_be_visible()
        _write_future(page, hub, name)
        sessions[name] = (context, page)
    yield sessions
    for context, _ in sessions.values():
        context.close()


def test_each_client_lands_on_the_start_page_with_a_neutral_title(hub: Hub, clients) -> None:
    """Does log-in take a client straight to the app, on its start page, titled 'Journal'?"""
    for name, (_, page) in clients.items():
        page.goto(f"{hub.url}/user/{name}/")
        page.wait_for_url(re.compile(rf"/user/{name}/voila/render/app\.ipynb"))
        expect(page.locator(".kit-page-00 h1")).to_be_visible()
        assert page.title() == "Journal"
        expect(page.locator(".kit-nav-next").first).to_be_visible()


def test_each_journal_is_in_its_own_folder(hub: Hub, clients) -> None:
    """Is each client's marker in their own journal folder and nowhere else?"""
    journals = hub.state / "journals"
    for name in CLIENTS:
        found = _files_containing(journals, MARKERS[name])
        assert found, f"{name}'s answer was not saved"
        assert all(journals / name in p.parents for p in found), found
    # Shown back to its owner on a fresh visit.
    _, page = clients["client1"]
    page.goto(f"{hub.url}/user/client1/voila/render/04.ipynb")
    expect(page.locator(".kit-form textarea").first).to_have_value(MARKERS["client1"])


CROSSING = [
    "/user/client2/voila/render/04.ipynb",
    "/user/client2/",
    "/user/client2/api/contents",
    "/user/client1/voila/render/..%2F..%2Fjournals%2Fclient2",
    "/user/client1/voila/render/%2E%2E/%2E%2E/journals/client2/journal.sqlite3",
    "/user/client1/files/..%2F..%2Fjournals%2Fclient2%2Fjournal.sqlite3",
    "/user/client1/api/contents/..%2F..%2Fjournals%2Fclient2",
    "/user/..%2Fclient2/voila/render/04.ipynb",
    "/user/client1/../client2/voila/render/04.ipynb",
]


@pytest.mark.parametrize("path", CROSSING)
def test_a_client_cannot_reach_the_other_by_editing_the_address(
    hub: Hub, clients, path: str
) -> None:
    """Does no address client1 can type show anything of client2's?"""
    context, _ = clients["client1"]
    answer = context.request.get(hub.url + path, max_redirects=5, fail_on_status_code=False)
    body = answer.body()
    assert MARKERS["client2"].encode() not in body
    assert b"SQLite format" not in body
    if "/user/client2/" in answer.url:
        assert answer.status in (403, 404) or b"/hub/login" in body or "/hub/" in answer.url


def test_a_client_cannot_open_the_other_clients_server(hub: Hub, clients) -> None:
    """Is client1, opening client2's start page, refused by the hub?"""
    _, page = clients["client1"]
    page.goto(f"{hub.url}/user/client2/voila/render/04.ipynb")
    assert MARKERS["client2"] not in page.content()
    assert "/user/client2/voila" not in page.url or "403" in page.content()


@pytest.mark.parametrize("name", ["../client2", "..%2Fclient2", "client2/..", ".hidden"])
def test_a_crafted_user_name_is_refused(hub: Hub, hub_browser, name: str) -> None:
    """Does a user name with dots and slashes get no log-in and no folder?"""
    context, page = log_in(hub_browser, hub, name)
    try:
        page.wait_for_load_state()
        assert "/hub/login" in page.url
        expect(page.locator("#login_submit")).to_be_visible()
        assert "/user/" not in page.url
    finally:
        context.close()
    names = (
        {p.name for p in (hub.state / "journals").iterdir()}
        if (hub.state / "journals").exists()
        else set()
    )
    assert names <= set(CLIENTS) | {THERAPIST}, names


def test_a_wrong_password_is_refused(hub: Hub, hub_browser) -> None:
    context, page = log_in(hub_browser, hub, "client1", PASSWORD + "x")
    try:
        page.wait_for_load_state()
        assert "/hub/login" in page.url
    finally:
        context.close()


@pytest.mark.parametrize("path", ["/lab", "/tree", "/notebooks/04.ipynb", "/terminals/1",
                                  "/api/terminals", "/edit/04.ipynb"])  # fmt: skip
def test_no_jupyterlab_notebook_or_terminal(hub: Hub, clients, path: str) -> None:
    """Is there no JupyterLab, classic notebook, editor or terminal on a client's server?"""
    context, _ = clients["client1"]
    answer = context.request.get(
        f"{hub.url}/user/client1{path}", max_redirects=0, fail_on_status_code=False
    )
    assert answer.status in (404, 405), (path, answer.status)


def test_therapist_pages_are_hidden_from_clients(hub: Hub, clients) -> None:
    context, _ = clients["client1"]
    for path in ("voila/render/therapist/inbox.ipynb", "api/contents/therapist"):
        answer = context.request.get(
            f"{hub.url}/user/client1/{path}", max_redirects=0, fail_on_status_code=False
        )
        assert answer.status == 404, (path, answer.status)
    listing = context.request.get(f"{hub.url}/user/client1/api/contents").json()
    assert "therapist" not in {entry["name"] for entry in listing["content"]}


def test_a_client_cannot_run_code(hub: Hub, clients) -> None:
    """Sending code to a page's kernel over its websocket, or writing a notebook, runs
    nothing: the kernel ignores execute requests and the pages cannot be changed."""
    _, page = clients["client1"]
    page.goto(f"{hub.url}/user/client1/voila/render/04.ipynb")
    expect(page.locator(".kit-save")).to_be_visible()
    proof = hub.state / f"ran-{uuid.uuid4().hex[:8]}"
    code = f"open({str(proof)!r}, 'w').write('ran')"
    outcome = page.evaluate(
        """async ([base, code]) => {
            const config = JSON.parse(document.getElementById('jupyter-config-data').textContent);
            const ws = new WebSocket(`ws://${location.host}${base}api/kernels/${config.kernelId}/channels`);
            await new Promise((ok, no) => { ws.onopen = ok; ws.onerror = no; });
            const replies = [];
            ws.onmessage = (event) => replies.push(event.data);
            const header = {msg_id: crypto.randomUUID(), msg_type: 'execute_request',
                            username: 'x', session: crypto.randomUUID(),
                            date: new Date().toISOString(), version: '5.3'};
            ws.send(JSON.stringify({header, parent_header: {}, metadata: {}, channel: 'shell',
                                    content: {code, silent: false, store_history: false,
                                              user_expressions: {}, allow_stdin: false}}));
            await new Promise((ok) => setTimeout(ok, 4000));
            ws.close();
            const done = replies.filter((r) => r.includes('execute_reply'));
            return {opened: true, replies: done.length};
        }""",
        ["/user/client1/", code],
    )
    assert outcome["opened"], "the websocket itself was reachable"
    assert outcome["replies"] == 0
    assert not proof.exists(), "code sent by a client ran"
    deadline = time.monotonic() + 10
    while "execute_request" not in hub.log() and time.monotonic() < deadline:
        time.sleep(0.5)
    assert 'Received message of type "execute_request", which is not allowed' in hub.log()

    # Writing a notebook (which Voila would then run) is refused.
    xsrf = next((c["value"] for c in page.context.cookies() if c["name"] == "_xsrf"), "")
    answer = page.context.request.put(
        f"{hub.url}/user/client1/api/contents/evil.ipynb",
        data=json.dumps({"type": "notebook", "content": {"cells": [], "metadata": {},
                                                         "nbformat": 4, "nbformat_minor": 5}}),
        headers={"X-XSRFToken": xsrf, "Content-Type": "application/json"},
        fail_on_status_code=False,
    )  # fmt: skip
    assert answer.status == 403, answer.status
    assert "These pages cannot be changed." in hub.log(), "refused for being a change"
    assert not list(hub.state.rglob("evil.ipynb"))


def test_a_share_reaches_the_therapist_and_can_be_withdrawn(hub: Hub, hub_browser, clients) -> None:
    """client1 shares one page; the therapist's inbox shows it (client2's words nowhere);
    client1 withdraws it and it is gone from the inbox."""
    _, page = clients["client1"]
    page.goto(f"{hub.url}/user/client1/voila/render/16.ipynb")
    share = page.locator(".kit-share")
    expect(share).to_be_visible()
    share.get_by_label("The picture of your future").check()
    share.get_by_role("button", name="Share", exact=True).click()
    expect(share).to_contain_text("It is in your therapist's inbox now")
    inbox_files = list((hub.state / "inbox" / "client1").glob("share-*.json"))
    assert len(inbox_files) == 1
    assert not list((hub.state / "inbox" / "client2").glob("*"))

    context, therapist = log_in(hub_browser, hub, THERAPIST)
    try:
        therapist.wait_for_url(re.compile(rf"/user/{THERAPIST}/voila/render/inbox\.ipynb"))
        assert therapist.title() == "Journal"
        expect(therapist.locator("#kit-exit")).to_be_visible()
        expect(therapist.locator(".kit-nav")).to_have_count(0)  # no journal pages here
        inbox = therapist.locator(".kit-inbox")
        expect(inbox).to_contain_text("1 shared file from 1 client folder")
        inbox.locator("select").select_option(index=1)
        expect(inbox).to_contain_text(MARKERS["client1"])
        assert MARKERS["client2"] not in therapist.content()

        # The therapist's server has no journal pages and no way to client folders by URL.
        answer = context.request.get(
            f"{hub.url}/user/{THERAPIST}/voila/render/04.ipynb", fail_on_status_code=False
        )
        assert answer.status == 404

        page.bring_to_front()
        share.get_by_role("button", name="Withdraw").click()
        expect(share).to_contain_text("Withdrawn: the files were deleted")
        assert not list((hub.state / "inbox" / "client1").glob("share-*"))

        inbox.get_by_role("button", name="Look again").click()
        expect(inbox).to_contain_text("0 shared files")
        expect(inbox.locator("select option")).to_have_count(1)
        expect(inbox).not_to_contain_text(MARKERS["client1"])
    finally:
        context.close()
